// Two typists enter different figures for a station (through the API); the
// coordinator opens the station on the page, sees both entries side by side
// with the differing fields marked, and keeps the first entry while the
// second typist corrects only the differing fields; after the correction on
// the page the station is definitive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, stationStatus, consistentForm, enterByApi, fieldId } from './helpers.mjs';

const STATION = 2;
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the coordinator resolves a difference: keep the first, the second typist corrects', { timeout: 180000 }, async () => {
	const t1 = await newPage(browser);
	await login(t1, 'invoerder3');
	const election = await (await t1.request.get('/api/election')).json();
	const first = consistentForm(election, 3);
	// The second typist read two figures differently, each pair still adding up.
	const second = structuredClone(first);
	second.votes.blank_votes += 1;
	second.votes.invalid_votes -= 1;
	second.lists[0].candidates[0] -= 1;
	second.lists[0].candidates[1] += 1;
	const differing = ['votes.blank_votes', 'votes.invalid_votes', 'lists[0].candidates[0]', 'lists[0].candidates[1]'];

	assert.equal(await enterByApi(t1, STATION, 1, first), 'first_done');
	const t2 = await newPage(browser);
	await login(t2, 'invoerder1');
	assert.equal(await enterByApi(t2, STATION, 2, second), 'different');

	// The coordinator, on the page: the overview, the filter "Verschil", the station.
	const c = await newPage(browser);
	await login(c, 'coordinator');
	await c.locator('button.filter[data-state="different"]').click();
	await c.locator('tbody a', { hasText: new RegExp('^' + STATION + '$') }).click();
	await c.locator('#station-status', { hasText: 'Verschil' }).waitFor();
	const marked = await c.locator('table.compare tr.row-diff').evaluateAll((rows) => rows.map((r) => r.dataset.path));
	assert.deepEqual(marked.sort(), [...differing].sort());
	// Both entries side by side, the differing cells marked.
	const row = c.locator('table.compare tr[data-path="votes.blank_votes"]');
	assert.deepEqual(await row.locator('td.diff').allInnerTexts(),
		[String(first.votes.blank_votes), String(second.votes.blank_votes)]);
	assert.match(await row.innerText(), /verschil/);
	await shot(c, 'coordinator-station-different');
	// At first only the differences show; all fields on asking, the same four marked.
	assert.equal(await c.locator('table.compare tbody tr[data-path]').count(), differing.length);
	await c.locator('#only-diff').uncheck();
	assert.ok(await c.locator('table.compare tbody tr[data-path]').count() > 20);
	assert.equal(await c.locator('table.compare tr.row-diff').count(), differing.length);
	assert.equal(await c.locator('table.compare tr[data-path="votes.votes_cast"] td').nth(2).innerText(), String(first.votes.votes_cast));
	assert.equal(await c.locator('table.compare tr[data-path="votes.votes_cast"] td.diff').count(), 0);
	await shot(c, 'coordinator-station-all-fields');

	await c.getByRole('button', { name: 'Eerste invoer behouden, tweede typist corrigeert de verschillen' }).click();
	await c.locator('#station-status:not(:has-text("Verschil"))').waitFor();
	const status = await stationStatus(c, STATION);
	assert.notEqual(status, 'different');
	assert.equal(status, 'second_in_progress');
	assert.equal(await c.locator('#station-status').innerText(), '2e invoer bezig');
	await shot(c, 'coordinator-station-resolved');

	// The second typist sees "Corrigeren", finds only the differing fields emptied
	// and marked "opnieuw invoeren", types them again from the paper and finalises.
	await t2.goto('/');
	await t2.locator('tbody tr', { hasText: 'Corrigeren' }).waitFor();
	await t2.keyboard.type(String(STATION));
	await t2.keyboard.press('Enter');
	await t2.locator('#' + fieldId('votes.blank_votes')).waitFor();
	assert.equal(await t2.evaluate(() => document.activeElement.id), fieldId('votes.blank_votes'));
	assert.equal(await t2.locator('.field.cleared').count(), 2);
	assert.equal(await t2.inputValue('#' + fieldId('votes.blank_votes')), '');
	assert.equal(await t2.inputValue('#' + fieldId('votes.votes_cast')), String(first.votes.votes_cast));
	await shot(t2, 'typist-correcting');
	await t2.keyboard.type(String(first.votes.blank_votes));
	await t2.keyboard.press('Enter');
	await t2.keyboard.type(String(first.votes.invalid_votes));
	await t2.locator('nav .sec', { hasText: 'Lijst ' + election.lists[0].number }).click();
	await t2.locator('#' + fieldId('lists[0].candidates[0]')).fill(String(first.lists[0].candidates[0]));
	await t2.locator('#' + fieldId('lists[0].candidates[1]')).fill(String(first.lists[0].candidates[1]));
	await t2.locator('nav .sec', { hasText: 'Controleren' }).click();
	await t2.locator('#finalise').click();
	await t2.locator('.msg-ok', { hasText: 'afgerond' }).waitFor();
	assert.equal(await stationStatus(t2, STATION), 'definitive');
	assert.deepEqual([...t1.errors, ...t2.errors, ...c.errors].filter((e) => !/401|Unauthorized/.test(e)), []);
});
