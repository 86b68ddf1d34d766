// A typist enters a whole station with the keyboard only (digits and Enter),
// finalises it (first_done); a second typist does the same and the station
// becomes definitive, as the coordinator's overview shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, stationStatus, consistentForm, keyboardOrder } from './helpers.mjs';

const STATION = 1;
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

async function waitFocus(page, id) {
	await page.waitForFunction((want) => document.activeElement && document.activeElement.id === want, id);
}

async function typeValues(page, values) {
	for (const v of values) {
		await page.keyboard.type(String(v));
		await page.keyboard.press('Enter');
	}
}

// From the typist's start page: the station number, Enter, every field, Enter on "Afronden".
async function enterStation(page, election, values, name, { reloadHalfway = false } = {}) {
	await waitFocus(page, 'quick');
	await page.keyboard.type(String(STATION));
	await page.keyboard.press('Enter');
	await waitFocus(page, 'f-voters-poll-cards');
	await shot(page, name + '-1-voters');
	const nVoters = election.election.has_voter_cards ? 4 : 3;
	if (reloadHalfway) {
		// Section A-D (saved on Enter), then two fields of the next section, then a reload:
		// nothing typed may be lost, and the entry resumes at its section.
		await typeValues(page, values.slice(0, nVoters + 2));
		await page.reload();
		await waitFocus(page, 'f-votes-list-totals-0-');
		assert.equal(await page.inputValue('#f-votes-list-totals-0-'), String(values[nVoters]));
		assert.equal(await page.inputValue('#f-votes-list-totals-1-'), String(values[nVoters + 1]));
		// The focused field's text is selected: typing replaces it.
		await typeValues(page, values.slice(nVoters));
	} else {
		await typeValues(page, values.slice(0, nVoters + election.lists.length + 2));
		await shot(page, name + '-2-votes');
		await typeValues(page, values.slice(nVoters + election.lists.length + 2));
	}
	// The last Enter saved the last list and opened the review page, with "Afronden" focused.
	await waitFocus(page, 'finalise');
	assert.equal(await page.locator('.review-list .finding').count(), 0, 'no errors or warnings');
	await shot(page, name + '-3-review');
	await page.keyboard.press('Enter');
	await waitFocus(page, 'quick');
	await page.locator('.msg-ok').waitFor();
	assert.match(await page.locator('.msg-ok').innerText(), /afgerond/);
}

test('two typists enter a station with the keyboard only; it becomes definitive', { timeout: 180000 }, async () => {
	const t1 = await newPage(browser);
	await login(t1, 'invoerder1');
	const election = await (await t1.request.get('/api/election')).json();
	const values = keyboardOrder(election, consistentForm(election, 0));
	assert.equal(await stationStatus(t1, STATION), 'empty');

	await enterStation(t1, election, values, 'typist1', { reloadHalfway: true });
	assert.equal(await stationStatus(t1, STATION), 'first_done');

	const t2 = await newPage(browser);
	await login(t2, 'invoerder2');
	const row = t2.locator('tbody tr').filter({ hasText: 'Tweede invoer' }).first();
	assert.match(await row.innerText(), new RegExp('^' + STATION + '\\b'));
	await enterStation(t2, election, values, 'typist2');

	const coord = await newPage(browser);
	await login(coord, 'coordinator');
	const cell = coord.locator('tbody tr').filter({ has: coord.locator('td.num', { hasText: new RegExp('^' + STATION + '$') }) });
	await cell.locator('.pill', { hasText: 'Definitief' }).waitFor();
	await shot(coord, 'coordinator-overview');
	assert.equal(await stationStatus(coord, STATION), 'definitive');
	assert.deepEqual([...t1.errors, ...t2.errors, ...coord.errors].filter((e) => !/401|Unauthorized/.test(e)), []);
	assert.equal(await focusedId(t2), 'quick');
});
