// A typist enters a whole station with the keyboard only (digits and Enter),
// finalises it (first_done); a second typist does the same and the station
// becomes definitive, as the coordinator's overview shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, stationStatus, consistentForm, keyboardOrder, enterByApi, apiPost, apiPut, fieldId } from './helpers.mjs';

const STATION = 1;
const CORRECTED = 3;
const WARNED = 4;
let browser;

before(async () => { browser = await launch(); });
let coordPage;
after(async () => {
	if (coordPage) for (const n of [CORRECTED, WARNED]) await apiPost(coordPage, '/api/stations/' + n + '/reset');
	await browser?.close();
});

const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

async function waitFocus(page, id) {
	await page.waitForFunction((want) => document.activeElement && document.activeElement.id === want, id);
}

// Every key pressed, per page: the test counts them (no mouse is used).
const keys = new Map();
const count = (page, n) => keys.set(page, (keys.get(page) || 0) + n);
async function type(page, text) {
	await page.keyboard.type(text);
	count(page, text.length);
}
async function press(page, key) {
	await page.keyboard.press(key);
	count(page, 1);
}

async function typeValues(page, values) {
	for (const v of values) {
		await type(page, String(v));
		await press(page, 'Enter');
	}
}

// From the typist's start page: the station number, Enter, every field, Enter on "Afronden".
async function enterStation(page, election, values, name, { reloadHalfway = false } = {}) {
	await waitFocus(page, 'quick');
	await type(page, String(STATION));
	await press(page, 'Enter');
	await waitFocus(page, 'f-voters-poll-cards');
	await shot(page, name + '-1-voters');
	const nVoters = election.election.has_voter_cards ? 4 : 3;
	if (reloadHalfway) {
		// Section A-D (saved on Enter), then two fields of the next section, then a reload:
		// nothing typed may be lost, and the cursor returns to the field it left.
		await typeValues(page, values.slice(0, nVoters + 2));
		await page.reload();
		await waitFocus(page, 'f-votes-list-totals-2-');
		assert.equal(await page.inputValue('#f-votes-list-totals-0-'), String(values[nVoters]));
		assert.equal(await page.inputValue('#f-votes-list-totals-1-'), String(values[nVoters + 1]));
		await typeValues(page, values.slice(nVoters + 2));
	} else {
		await typeValues(page, values.slice(0, nVoters + election.lists.length + 2));
		await shot(page, name + '-2-votes');
		await typeValues(page, values.slice(nVoters + election.lists.length + 2));
	}
	// The last Enter saved the last list and opened the review page, with "Afronden" focused.
	await waitFocus(page, 'finalise');
	assert.equal(await page.locator('.review-list .finding').count(), 0, 'no errors or warnings');
	await shot(page, name + '-3-review');
	await press(page, 'Enter');
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
	// Keys: the station number and Enter, each figure's digits and one Enter per field, one
	// Enter on "Afronden". Nothing more: no Tab, no mouse, no key to save.
	const digits = values.reduce((a, v) => a + String(v).length, 0);
	const want = String(STATION).length + 1 + digits + values.length + 1;
	assert.equal(keys.get(t2), want);
	console.log('# a whole station by keyboard: ' + values.length + ' fields, ' + keys.get(t2) + ' keys');

	const coord = await newPage(browser);
	await login(coord, 'coordinator');
	const cell = coord.locator('tbody tr').filter({ has: coord.locator('td.num', { hasText: new RegExp('^' + STATION + '$') }) });
	await cell.locator('.pill', { hasText: 'Definitief' }).waitFor();
	await shot(coord, 'coordinator-overview');
	assert.equal(await stationStatus(coord, STATION), 'definitive');
	assert.deepEqual([...t1.errors, ...t2.errors, ...coord.errors].filter((e) => !/401|Unauthorized/.test(e)), []);
	assert.equal(await focusedId(t2), 'quick');
});

test('correcting the cleared fields by keyboard: Enter hops from one to the next, then to the review', { timeout: 180000 }, async () => {
	const t1 = await newPage(browser);
	await login(t1, 'invoerder1');
	const election = await (await t1.request.get('/api/election')).json();
	const first = consistentForm(election, 4);
	const second = structuredClone(first);
	second.votes.blank_votes += 1;
	second.votes.invalid_votes -= 1;
	const last = election.lists.length - 1;
	second.lists[last].candidates[0] -= 1;
	second.lists[last].candidates[1] += 1;
	assert.equal(await enterByApi(t1, CORRECTED, 1, first), 'first_done');
	const t2 = await newPage(browser);
	await login(t2, 'invoerder2');
	assert.equal(await enterByApi(t2, CORRECTED, 2, second), 'different');
	coordPage = await newPage(browser);
	await login(coordPage, 'coordinator');
	const r = await apiPost(coordPage, '/api/stations/' + CORRECTED + '/resolve', { action: 'keep_first_correct_second' });
	assert.equal(r.status, 200);

	// The second typist opens the station by its number: the first cleared field has the cursor.
	await t2.goto('/#/stations');
	await waitFocus(t2, 'quick');
	await type(t2, String(CORRECTED));
	await press(t2, 'Enter');
	await waitFocus(t2, fieldId('votes.blank_votes'));
	await type(t2, String(first.votes.blank_votes));
	await press(t2, 'Enter');
	await waitFocus(t2, fieldId('votes.invalid_votes'));
	await type(t2, String(first.votes.invalid_votes));
	await press(t2, 'Enter');
	// The next cleared field is in the last list: straight there, not through every field.
	await waitFocus(t2, fieldId('lists[' + last + '].candidates[0]'));
	await type(t2, String(first.lists[last].candidates[0]));
	await press(t2, 'Enter');
	await waitFocus(t2, fieldId('lists[' + last + '].candidates[1]'));
	await type(t2, String(first.lists[last].candidates[1]));
	await press(t2, 'Enter');
	// After the last cleared field: the review, with "Afronden" focused.
	await waitFocus(t2, 'finalise');
	assert.equal(await t2.locator('.review-list .finding').count(), 0);
	await press(t2, 'Enter');
	await waitFocus(t2, 'quick');
	assert.equal(await stationStatus(t2, CORRECTED), 'definitive');
	const typed = [first.votes.blank_votes, first.votes.invalid_votes, first.lists[last].candidates[0], first.lists[last].candidates[1]];
	const want = String(CORRECTED).length + 1 + typed.reduce((a, v) => a + String(v).length + 1, 0) + 1;
	assert.equal(keys.get(t2), want);
	console.log('# correcting 4 cleared fields by keyboard: ' + keys.get(t2) + ' keys');
	assert.deepEqual([...t1.errors, ...t2.errors].filter((e) => !/401|Unauthorized/.test(e)), []);
});

test('keys: Tab reaches "Opslaan en verder" before "vorig"; * jumps to the list total; Enter on the warnings box confirms it', { timeout: 120000 }, async () => {
	const t = await newPage(browser);
	await login(t, 'invoerder2');
	const election = await (await t.request.get('/api/election')).json();
	// Blank votes of 3 % or more: warning W.201, nothing else.
	const form = consistentForm(election, 2);
	const extra = Math.ceil(form.votes.votes_cast * 0.04);
	form.votes.blank_votes += extra;
	form.votes.votes_cast += extra;
	form.voters.poll_cards += extra;
	form.voters.admitted_voters += extra;
	assert.equal((await apiPost(t, '/api/stations/' + WARNED + '/entries/1/claim')).status, 200);
	const saved = await apiPut(t, '/api/stations/' + WARNED + '/entries/1', { ...form, progress: 'votes' });
	assert.equal(saved.status, 200);
	assert.deepEqual(saved.body.errors, []);
	assert.deepEqual(saved.body.warnings.map((w) => w.code), ['W.201']);
	await t.goto('/#/entry/' + WARNED + '/1');
	await waitFocus(t, fieldId('votes.list_totals[0]'));
	// From the last field of the section, Tab goes to "Opslaan en verder", not "vorig".
	await t.locator('#' + fieldId('votes.votes_cast')).focus();
	await press(t, 'Tab');
	assert.equal(await focusedId(t), 'next-section');
	await press(t, 'Tab');
	assert.equal(await focusedId(t), 'prev-section');
	// In a list: * jumps to its total; + saves and opens the next section.
	await t.locator('#' + fieldId('votes.list_totals[0]')).focus();
	await press(t, '+');
	await waitFocus(t, fieldId('differences.more_ballots_counted'));
	await press(t, '+');
	await waitFocus(t, fieldId('lists[0].candidates[0]'));
	await press(t, '*');
	await waitFocus(t, fieldId('lists[0].total'));
	await press(t, '-');
	await waitFocus(t, fieldId('differences.more_ballots_counted'));
	// The review: the warning, its box focused; Enter ticks it and moves to "Afronden".
	await t.locator('.sections button', { hasText: 'Controleren' }).click();
	await waitFocus(t, 'warnings-ok');
	assert.match(await t.locator('.review-list').innerText(), /W\.201/);
	// One mark per finding of the latest save: W.201 names two fields (F and H), one mark.
	assert.match(await t.locator('.sections button', { hasText: 'Uitgebrachte stemmen' }).innerText(), /! 1$/);
	await press(t, 'Enter');
	await waitFocus(t, 'finalise');
	assert.equal(await t.locator('#warnings-ok').isChecked(), true);
	await press(t, 'Enter');
	await waitFocus(t, 'quick');
	assert.equal(await stationStatus(t, WARNED), 'first_done');
	assert.equal(await t.locator('#entry-keys').count(), 0);
	assert.deepEqual(t.errors.filter((e) => !/401|Unauthorized/.test(e)), []);
});

test('the review asks to confirm the warnings exactly when the server says finalising needs it: not when there are errors too', { timeout: 120000 }, async () => {
	assert.ok(coordPage, 'the coordinator of an earlier test');
	assert.equal((await apiPost(coordPage, '/api/stations/' + WARNED + '/reset')).status, 200);
	const t = await newPage(browser);
	await login(t, 'invoerder3');
	const election = await (await t.request.get('/api/election')).json();
	// W.201 (blank votes of 3 % or more), and an error: list 1's total is not its candidates' sum.
	const form = consistentForm(election, 5);
	const extra = Math.ceil(form.votes.votes_cast * 0.04);
	form.votes.blank_votes += extra;
	form.votes.votes_cast += extra;
	form.voters.poll_cards += extra;
	form.voters.admitted_voters += extra;
	form.lists[0].total += 1;
	assert.equal((await apiPost(t, '/api/stations/' + WARNED + '/entries/1/claim')).status, 200);
	const saved = await apiPut(t, '/api/stations/' + WARNED + '/entries/1', { ...form, progress: 'lists-1' });
	assert.equal(saved.status, 200);
	assert.ok(saved.body.errors.some((e) => e.code === 'F.402'), JSON.stringify(saved.body.errors));
	assert.deepEqual(saved.body.warnings.map((w) => w.code), ['W.201']);
	assert.equal(saved.body.confirm_warnings, false);
	await t.goto('/#/entry/' + WARNED + '/1');
	await t.locator('.sections button', { hasText: 'Controleren' }).click();
	await t.locator('#finalise').waitFor();
	assert.match(await t.locator('#main').innerText(), /W\.201/);
	assert.equal(await t.locator('#warnings-ok').count(), 0, 'no confirmation asked: the entry goes to the coordinator');
	assert.equal(await t.locator('#finalise').isEnabled(), true);
	assert.match(await t.locator('#finalise').innerText(), /met fouten/);
	await t.locator('#finalise').click(); // the "toch afronden?" dialog is accepted
	await t.locator('#quick').waitFor();
	assert.equal(await stationStatus(t, WARNED), 'first_has_errors');
	assert.deepEqual(t.errors.filter((e) => !/401|Unauthorized/.test(e)), []);
});
