// The coordinator finishes the count on the page "Uitslag": while stations are
// still open only a concept can be made (marked CONCEPT); once typists have
// entered every station twice (through the API) the page enables "Telling
// afronden", the final export lists the three files with their hash codes
// (4 rows of 4 groups, as on the paper PV) and the ZIP downloads.
// Other test files use stations 1 and 2 from "Niet begonnen": the stations this
// file entered are reset afterwards, so the order of the files does not matter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, apiPost, consistentForm, enterByApi } from './helpers.mjs';

let browser;
let coord;
const entered = [];

before(async () => { browser = await launch(); });
after(async () => {
	for (const n of entered) await apiPost(coord, '/api/stations/' + n + '/reset');
	await browser?.close();
});

test('the coordinator makes a concept, then the final export once every station is definitive', { timeout: 180000 }, async () => {
	coord = await newPage(browser);
	const c = coord;
	await login(c, 'coordinator');
	const election = await (await c.request.get('/api/election')).json();
	const open = (await (await c.request.get('/api/stations')).json()).filter((s) => s.status !== 'definitive');
	const total = election.stations.length;
	assert.equal(total, 8);
	assert.ok(open.length > 0, 'the demo starts with stations to enter');

	await c.getByRole('link', { name: 'Uitslag' }).click();
	await c.locator('#export-count').waitFor();
	assert.equal(await c.locator('#export-count').innerText(), (total - open.length) + ' van ' + total + ' stembureaus definitief');
	assert.ok(await c.locator('#export-final').isDisabled(), 'no final export while stations are open');

	// A concept: always possible, and clearly marked.
	await c.locator('#export-draft').click();
	await c.locator('#export-draft-mark', { hasText: 'CONCEPT' }).waitFor();
	const draftFiles = await c.locator('#export-result tr[data-file]').evaluateAll((rows) => rows.map((r) => r.dataset.file));
	assert.equal(draftFiles.length, 3);
	assert.ok(draftFiles.every((f) => f.startsWith('CONCEPT_')), draftFiles.join(', '));
	await shot(c, 'coordinator-export-1-concept');

	// Two typists enter every open station (through the API); the page notices by itself.
	const t1 = await newPage(browser);
	await login(t1, 'invoerder1');
	const t2 = await newPage(browser);
	await login(t2, 'invoerder2');
	for (const s of open) {
		if (s.status !== 'empty') await apiPost(c, '/api/stations/' + s.number + '/reset');
		entered.push(s.number);
		const form = consistentForm(election, 10 + s.number);
		assert.equal(await enterByApi(t1, s.number, 1, form), 'first_done');
		assert.equal(await enterByApi(t2, s.number, 2, form), 'definitive');
	}
	await c.locator('#export-final:enabled').waitFor({ timeout: 20000 });
	assert.equal(await c.locator('#export-count').innerText(), total + ' van ' + total + ' stembureaus definitief');
	await shot(c, 'coordinator-export-2-ready');

	// The final export (the page asks first; the test's dialog handler says yes).
	await c.locator('#export-final').click();
	await c.locator('#export-result h2', { hasText: 'Definitieve uitslag' }).waitFor();
	assert.equal(await c.locator('#export-draft-mark').count(), 0);
	assert.match(await c.locator('#export-result').innerText(), /proces-verbaal af .* hashcode .* USB-stick/s);
	const x = await (await c.request.get('/api/export')).json();
	assert.equal(x.draft, false);
	assert.equal(x.files.length, 3);
	const rows = c.locator('#export-result tr[data-file]');
	assert.equal(await rows.count(), 3);
	for (const f of x.files) {
		assert.ok(!f.name.startsWith('CONCEPT_'), f.name);
		const row = c.locator('#export-result tr[data-file="' + f.name + '"]');
		const lines = await row.locator('.hash-row').allInnerTexts();
		assert.equal(lines.length, 4, 'hash code of ' + f.name + ' in 4 rows');
		for (const l of lines) assert.match(l, /^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
		assert.equal(lines.join(' '), f.hash_code);
		assert.equal(await row.locator('a.file-link').getAttribute('href'), '/api/export/files/' + encodeURIComponent(f.name));
		assert.equal(await row.locator('a.sig-link').getAttribute('href'), '/api/export/files/' + encodeURIComponent(f.name + '.sig'));
	}
	assert.match(await c.locator('.hash').first().evaluate((el) => getComputedStyle(el).fontFamily), /mono/i);
	assert.equal((await c.locator('tr.key-row .hash-row').allInnerTexts()).join(' '), x.key_fingerprint);
	await shot(c, 'coordinator-export-3-final');

	// Downloads: a file and its signature, the public key, and everything as a ZIP.
	const pv = x.files.find((f) => f.name.endsWith('.pdf'));
	const pdf = await c.request.get(await c.locator('tr[data-file="' + pv.name + '"] a.file-link').getAttribute('href'));
	assert.equal(pdf.status(), 200);
	assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
	const sig = await c.request.get(await c.locator('tr[data-file="' + pv.name + '"] a.sig-link').getAttribute('href'));
	assert.equal((await sig.body()).length, 64);
	const key = await c.request.get(await c.locator('a.key-link').getAttribute('href'));
	assert.match(await key.text(), /BEGIN PUBLIC KEY/);
	await c.locator('#export-zip').scrollIntoViewIfNeeded();
	const [zip] = await Promise.all([c.waitForEvent('download'), c.locator('#export-zip').click()]);
	assert.equal(await zip.failure(), null);
	assert.match(zip.suggestedFilename(), /\.zip$/);
	const res = await c.request.get('/api/export/zip');
	assert.equal(res.status(), 200);
	assert.equal(res.headers()['content-type'], 'application/zip');
	assert.equal((await res.body()).readUInt32LE(0), 0x04034b50);

	// Opening the page again shows the last export.
	await c.reload();
	await c.locator('#export-result tr[data-file]').first().waitFor();
	assert.equal(await c.locator('#export-result tr[data-file]').count(), 3);

	// The count is finished, so it is closed: the station page offers no reset, and the
	// API refuses one, until the coordinator reopens the count on purpose, with a reason.
	const last = election.stations[election.stations.length - 1].number;
	await c.goto('/#/station/' + last);
	await c.locator('#count-finished').waitFor();
	assert.equal(await c.locator('button[data-action]').count(), 0, 'no action is offered');
	const refused = await apiPost(c, '/api/stations/' + last + '/reset');
	assert.equal(refused.status, 409);
	assert.equal(refused.body.error.code, 'count_finished');
	await c.goto('/#/export');
	await c.locator('#reopen-count').waitFor();
	assert.match(await c.locator('#export-history').innerText(), /Definitief/);
	await c.locator('#reopen-count').click();
	await c.locator('#reopen .msg-error').waitFor();
	assert.equal((await (await c.request.get('/api/exports')).json()).count_finished, true, 'no reason, nothing reopened');
	await c.locator('#reopen-reason').fill('Hertelling van het laatste stembureau op verzoek van het CSB');
	await c.locator('#reopen-count').click();
	await c.locator('#export-withdrawn-mark').waitFor();
	assert.equal(await c.locator('#reopen').isHidden(), true);
	assert.match(await c.locator('#export-result').innerText(), /Ingetrokken op .* door coordinator .*Hertelling van het laatste stembureau/s);
	assert.equal(await c.locator('#export-zip').count(), 0, 'withdrawn files are not offered');
	assert.match(await c.locator('#export-history tr.withdrawn').first().innerText(), /ingetrokken: Hertelling/);
	await shot(c, 'coordinator-export-4-reopened');
	const h = await (await c.request.get('/api/exports')).json();
	assert.equal(h.count_finished, false);
	assert.ok(h.exports.some((x) => x.draft) && h.exports.some((x) => !x.draft && x.withdrawn), JSON.stringify(h.exports.map((x) => [x.draft, !!x.withdrawn])));
	assert.deepEqual([...c.errors, ...t1.errors, ...t2.errors].filter((e) => !/401|404|409|Unauthorized|Not Found|Conflict/.test(e)), []);
});
