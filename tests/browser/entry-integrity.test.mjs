// What must never happen on election night, tried in Chromium:
//  - an old copy on one laptop overwrites newer work typed on another (two browser contexts);
//  - a computed sum is shown while typing (a typist could copy it instead of the paper's figure);
//  - a typist keeps typing into a station the coordinator has reset.
// Also: the connection gone while typing shows at the top, and nothing typed is lost.
// Uses stations 5 to 8 (the other files use 1 to 4, or reset what they enter).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, apiPost, consistentForm, keyboardOrder, fieldId } from './helpers.mjs';

let browser;
let coord;
before(async () => {
	browser = await launch();
	coord = await newPage(browser);
	await login(coord, 'coordinator');
});
after(async () => {
	for (const n of [5, 6, 7, 8]) await apiPost(coord, '/api/stations/' + n + '/reset');
	await browser?.close();
});

const waitFocus = (page, id) => page.waitForFunction((want) => document.activeElement && document.activeElement.id === want, id);

async function typeValues(page, values) {
	for (const v of values) {
		await page.keyboard.type(String(v));
		await page.keyboard.press('Enter');
	}
}

async function open(page, n) {
	await page.goto('/#/stations');
	await waitFocus(page, 'quick');
	await page.keyboard.type(String(n));
	await page.keyboard.press('Enter');
	await waitFocus(page, 'f-voters-poll-cards');
}

test('an old copy on one laptop never overwrites newer work from another; the typist chooses', { timeout: 120000 }, async () => {
	const N = 5;
	const x = await newPage(browser);   // laptop X
	const y = await newPage(browser);   // laptop Y, the same typist
	await login(x, 'invoerder1');
	await login(y, 'invoerder1');
	const election = await (await x.request.get('/api/election')).json();
	const form = consistentForm(election, 5);
	const values = keyboardOrder(election, form);
	const nVoters = election.election.has_voter_cards ? 4 : 3;

	// X types half of the first section (A and B) and the laptop is closed before it saves.
	await open(x, N);
	await x.keyboard.type('111');
	await x.keyboard.press('Enter');
	await x.keyboard.type('22');
	await x.goto('about:blank');   // the laptop closes the browser: nothing was saved

	// Y resumes the station and finishes that section and the next, from the paper.
	await open(y, N);
	await typeValues(y, values.slice(0, nVoters + election.lists.length + 4));
	await waitFocus(y, fieldId('differences.more_ballots_counted'));
	await y.locator('.save-status.ok').waitFor();
	const server = await (await y.request.get('/api/stations/' + N + '/entries/1')).json();
	assert.equal(server.form.voters.poll_cards, form.voters.poll_cards);
	assert.equal(server.form.votes.votes_cast, form.votes.votes_cast);

	// X opens the station again: its copy (A 111, B 22) differs from the server's. Nothing is
	// saved over the server; the typist sees both values and chooses.
	await x.goto('/#/entry/' + N + '/1');
	await x.locator('#conflicts').waitFor();
	const rows = await x.locator('#conflicts tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.path, tr.innerText.replace(/\s+/g, ' ').trim()]));
	assert.deepEqual(rows.map((r) => r[0]), ['voters.poll_cards', 'voters.proxy_certificates']);
	assert.match(rows[0][1], new RegExp(form.voters.poll_cards.toLocaleString('nl-NL') + '.*111'));
	assert.match(rows[1][1], new RegExp(String(form.voters.proxy_certificates) + '.*22'));
	assert.doesNotMatch(await x.locator('.save-status').innerText(), /^Opgeslagen/);
	await shot(x, 'entry-integrity-1-two-versions');
	let now = await (await x.request.get('/api/stations/' + N + '/entries/1')).json();
	assert.deepEqual(now.form, server.form, 'the server still has Y\'s work');
	assert.equal(now.revision, server.revision);

	// The paper says Y was right: keep the server's figures. X goes on where Y was.
	await x.locator('#conflict-server').click();
	await x.locator('#conflicts').waitFor({ state: 'detached' });
	await waitFocus(x, fieldId('differences.more_ballots_counted'));
	now = await (await x.request.get('/api/stations/' + N + '/entries/1')).json();
	assert.deepEqual(now.form, server.form, 'choosing the server\'s figures changes nothing there');

	// Both laptops open the votes section. X corrects F and saves; Y, still on the revision
	// it saved before, corrects F too: its save is refused (409 stale_entry), nothing is
	// overwritten, and Y is asked about that one field, with both values.
	await y.locator('#prev-section').click();
	await y.locator('#' + fieldId('votes.blank_votes')).waitFor();
	await y.locator('.save-status.ok').waitFor();
	await x.locator('#prev-section').click();
	await x.locator('#' + fieldId('votes.blank_votes')).waitFor();
	await x.waitForFunction(() => /server geladen/.test(document.querySelector('.save-status').textContent));
	const setField = async (page, path, value) => {
		await page.locator('#' + fieldId(path)).fill(String(value));
		await page.locator('#' + fieldId(path)).dispatchEvent('input');
	};
	await setField(x, 'votes.blank_votes', form.votes.blank_votes + 1);
	await x.locator('#next-section').click();
	await waitFocus(x, fieldId('differences.more_ballots_counted'));
	await x.waitForFunction(() => /Opgeslagen/.test(document.querySelector('.save-status').textContent));
	now = await (await x.request.get('/api/stations/' + N + '/entries/1')).json();
	assert.equal(now.form.votes.blank_votes, form.votes.blank_votes + 1);
	await setField(y, 'votes.blank_votes', form.votes.blank_votes + 7);
	await y.locator('#next-section').click();
	await y.locator('#conflicts').waitFor();
	const yRows = await y.locator('#conflicts tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.path, tr.innerText.replace(/\s+/g, ' ')]));
	assert.deepEqual(yRows.map((r) => r[0]), ['votes.blank_votes']);
	assert.match(yRows[0][1], new RegExp((form.votes.blank_votes + 1) + '.*' + (form.votes.blank_votes + 7)));
	now = await (await y.request.get('/api/stations/' + N + '/entries/1')).json();
	assert.equal(now.form.votes.blank_votes, form.votes.blank_votes + 1, 'X\'s newer save stands');
	await shot(y, 'entry-integrity-1b-stale-save');
	await y.locator('#conflict-local').click();
	await y.locator('#conflicts').waitFor({ state: 'detached' });
	await y.waitForFunction((want) => fetch(location.pathname.replace(/\/$/, '') + '/api/stations/5/entries/1')
		.then((r) => r.json()).then((e) => e.form.votes.blank_votes === want), form.votes.blank_votes + 7, { timeout: 10000 });
	assert.deepEqual([...x.errors, ...y.errors].filter((e) => !/401|409|Unauthorized|Conflict/.test(e)), []);
	await x.context().close();
	await y.context().close();
});

test('while typing, no computed value is shown: not A + B, not E + F + G, not the candidates\' sum', { timeout: 120000 }, async () => {
	const N = 6;
	const t = await newPage(browser);
	await login(t, 'invoerder2');
	const election = await (await t.request.get('/api/election')).json();
	const form = consistentForm(election, 6);
	const values = keyboardOrder(election, form);
	await open(t, N);
	const body = () => t.locator('#main').innerText();
	// A and B typed: D's value (A + B) appears nowhere.
	await typeValues(t, [form.voters.poll_cards, form.voters.proxy_certificates]);
	const d = form.voters.admitted_voters;
	for (const shape of [String(d), d.toLocaleString('nl-NL')]) assert.ok(!(await body()).includes(shape), 'D = ' + shape + ' is not on the page');
	assert.doesNotMatch(await body(), /A \+ B|=/);
	// The votes section with every list total and E, F, G typed: H (E + F + G) appears nowhere.
	const nVoters = election.election.has_voter_cards ? 4 : 3;
	await typeValues(t, values.slice(2, nVoters));
	await waitFocus(t, fieldId('votes.list_totals[0]'));
	await typeValues(t, values.slice(nVoters, nVoters + election.lists.length + 3));
	const h = form.votes.votes_cast;
	const text = await body();
	assert.ok(!text.includes(String(h)) && !text.includes(h.toLocaleString('nl-NL')), 'H = ' + h + ' is not on the page');
	assert.doesNotMatch(text, /E \+ F \+ G|≠|=/);
	// A list's candidates typed, its total not yet: their sum appears nowhere.
	await t.goto('/#/entry/' + N + '/1');
	await t.locator('.sections button', { hasText: 'Lijst 1' }).first().click();
	await waitFocus(t, fieldId('lists[0].candidates[0]'));
	await typeValues(t, form.lists[0].candidates);
	await waitFocus(t, fieldId('lists[0].total'));
	const l1 = await body();
	assert.ok(!l1.includes(String(form.lists[0].total)), 'the sum ' + form.lists[0].total + ' is not on the page');
	assert.doesNotMatch(l1, /som kandidaten|≠|=/);
	assert.equal(await t.locator('.hint').count(), 0);
	await shot(t, 'entry-integrity-2-no-sums');
	assert.deepEqual(t.errors.filter((e) => !/401|Unauthorized/.test(e)), []);
	await t.context().close();
});

test('a reset under a typist stops the page at once: who did it, back to the list', { timeout: 120000 }, async () => {
	const N = 7;
	const t = await newPage(browser);
	await login(t, 'invoerder1');
	await open(t, N);
	await t.keyboard.type('812');
	await t.keyboard.press('Enter');
	await t.keyboard.type('2');
	const at = Date.now();
	const r = await apiPost(coord, '/api/stations/' + N + '/reset');
	assert.equal(r.status, 200);
	// The page notices within its check interval (3 s), says what happened, and leaves.
	await t.waitForFunction(() => location.hash === '#/stations', null, { timeout: 8000 });
	const waited = Date.now() - at;
	const flash = await t.locator('#main .msg-error').first().innerText();
	assert.match(flash, /Stembureau 7: Coördinator coordinator heeft stembureau 7 om \d\d:\d\d teruggezet/);
	assert.ok(waited < 6000, 'stopped after ' + waited + ' ms');
	await waitFocus(t, 'quick');
	// Nothing of the old entry is left on this laptop to come back later.
	const kept = await t.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':7:1')));
	assert.deepEqual(kept, []);
	await shot(t, 'entry-integrity-3-reset-under-typist');
	console.log('# the page stopped ' + waited + ' ms after the reset');
	assert.deepEqual(t.errors.filter((e) => !/401|409|Unauthorized|Conflict/.test(e)), []);
	await t.context().close();
});

test('the connection gone: the banner at the top says so, nothing typed is lost, the next save catches up', { timeout: 120000 }, async () => {
	const N = 8;
	const t = await newPage(browser);
	await login(t, 'invoerder2');
	const election = await (await t.request.get('/api/election')).json();
	const form = consistentForm(election, 8);
	const values = keyboardOrder(election, form);
	const nVoters = election.election.has_voter_cards ? 4 : 3;
	await open(t, N);
	await t.context().setOffline(true);
	await typeValues(t, values.slice(0, nVoters));
	await waitFocus(t, fieldId('votes.list_totals[0]'));
	// The save failed: the banner at the top (always in view) says so.
	await t.locator('#banner.banner-error').waitFor();
	assert.match(await t.locator('#banner').innerText(), /Niet opgeslagen|Geen verbinding/);
	const top = await t.locator('#banner').boundingBox();
	assert.ok(top && top.y < 200, 'the banner is at the top: ' + JSON.stringify(top));
	await shot(t, 'entry-integrity-4-offline');
	// Back online: the next step saves everything typed, and the banner goes.
	await t.context().setOffline(false);
	await typeValues(t, values.slice(nVoters, nVoters + election.lists.length + 4));
	await waitFocus(t, fieldId('differences.more_ballots_counted'));
	await t.locator('#banner').waitFor({ state: 'hidden' });
	const saved = await (await t.request.get('/api/stations/' + N + '/entries/1')).json();
	assert.deepEqual(saved.form.voters, form.voters);
	assert.equal(saved.form.votes.votes_cast, form.votes.votes_cast);
	assert.deepEqual(t.errors.filter((e) => !/401|Unauthorized|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
	await t.context().close();
});
