// The coordinator's overview shows at a glance what needs them: the differences and the
// first entries with errors (oldest first), the stations waiting longest for their second
// entry, and the entries being typed with their typist and section. The table sorts by
// any column, with the keyboard too. Uses stations 4, 6 and 8, reset afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, apiPost, apiPut, consistentForm, enterByApi } from './helpers.mjs';

let browser;
let c;
before(async () => { browser = await launch(); });
after(async () => {
	for (const n of [4, 6, 8]) await apiPost(c, '/api/stations/' + n + '/reset');
	await browser?.close();
});

test('the overview: what needs the coordinator first, then every station, sortable', { timeout: 120000 }, async () => {
	const t1 = await newPage(browser);
	await login(t1, 'invoerder1');
	const t2 = await newPage(browser);
	await login(t2, 'invoerder2');
	const election = await (await t1.request.get('/api/election')).json();
	// Station 4: the two entries differ.
	const a = consistentForm(election, 4);
	const b = structuredClone(a);
	b.votes.blank_votes += 1;
	b.votes.invalid_votes -= 1;
	assert.equal(await enterByApi(t1, 4, 1, a), 'first_done');
	assert.equal(await enterByApi(t2, 4, 2, b), 'different');
	// Station 8: a first entry with an error (D is not A + B).
	const bad = consistentForm(election, 8);
	bad.voters.admitted_voters += 3;
	assert.equal(await enterByApi(t1, 8, 1, bad), 'first_has_errors');
	// Station 6: being typed, at the votes section.
	assert.equal((await apiPost(t2, '/api/stations/6/entries/1/claim')).status, 200);
	const part = consistentForm(election, 6);
	assert.equal((await apiPut(t2, '/api/stations/6/entries/1', { ...part, progress: 'votes' })).status, 200);

	c = await newPage(browser);
	await login(c, 'coordinator');
	await c.locator('#needs-me').waitFor();
	await c.locator('#needs-different li[data-station="4"]').waitFor();
	assert.match(await c.locator('#needs-different').innerText(), /Verschil: beslissen \(1\)[\s\S]*4 .*wacht/);
	assert.match(await c.locator('#needs-errors').innerText(), /8 .*wacht/);
	assert.equal(await c.locator('#needs-nothing').count(), 0);
	const busy = await c.locator('#needs-busy li[data-station="6"]').innerText();
	assert.match(busy, /invoerder2: Uitgebrachte stemmen \(2 van \d+\), zojuist opgeslagen/);
	assert.doesNotMatch(await c.locator('#needs-me').innerText(), /\d{3,}/, 'no figure of any entry');
	await shot(c, 'coordinator-overview-needs-me');

	// Sorting by status puts "Niet begonnen" first, the other way round "Definitief" or the
	// furthest status first; by number again restores 1, 2, 3 ...
	const numbers = () => c.locator('table.overview tbody tr td.num').allInnerTexts();
	assert.deepEqual((await numbers()).slice(0, 3), ['1', '2', '3']);
	await c.locator('button[data-sort="number"]').click();
	assert.deepEqual((await numbers()).slice(0, 3), [...(await numbers())].sort((x, y) => y - x).slice(0, 3));
	await c.locator('button[data-sort="status"]').focus();
	await c.keyboard.press('Enter');
	const statuses = await c.locator('table.overview tbody tr .pill').allInnerTexts();
	assert.equal(statuses[0], 'Niet begonnen');
	assert.equal(await c.locator('th[aria-sort="ascending"] button[data-sort="status"]').count(), 1);
	// At 1024 px wide the page needs no sideways scrolling.
	await c.setViewportSize({ width: 1024, height: 768 });
	await shot(c, 'coordinator-overview-1024');
	const wide = await c.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 1024.5)
		.map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8));
	assert.deepEqual(wide, [], 'no horizontal scroll at 1024 px');
	assert.deepEqual([...t1.errors, ...t2.errors, ...c.errors].filter((e) => !/401|Unauthorized/.test(e)), []);
});
