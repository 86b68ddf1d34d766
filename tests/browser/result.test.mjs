// The coordinator's page "Zetelverdeling" (#/zetels). On central committee databases of its
// own (as tests/http/result.test.mjs makes them: 110a, 230b and the municipality's 510b of
// West Maas en Waal 2022, with its own server and coordinator): the real result with its 17
// seats, every step and the elected; "Bestanden maken" with the hash codes and a download;
// a deceased candidate recorded with the keyboard; and, on a 510b changed so that two lists
// tie for the last seat, the lot box, a cancelled and a confirmed lot; and one where
// candidates of list 1 tie, two candidate lots one after the other. On the shared demo
// server: the plain message while stations are open, and a draft ("CONCEPT") once every
// station is definitive but the count is not finished (the stations entered here are reset
// afterwards, so the order of the files does not matter).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_DB, launch, newPage, login, shot, apiPost, consistentForm, enterByApi } from './helpers.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EML = path.join(REPO, 'tests/data/eml');
const A = path.join(EML, 'derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml');
const K = path.join(EML, 'real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml');
const B = path.join(EML, 'real/Telling_GR2022_WestMaasenWaal.eml.xml');
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const PASSWORD = 'csb-coordinator-2022';

// The binary: $TELLER (tests/browser/run.sh sets it), else build/teller.
const TELLER = path.resolve(REPO, process.env.TELLER || 'build/teller');

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

let dir;
let browser;
const servers = [];

// A central committee's database from the 510b at path b, a coordinator, the server on a
// free port. Returns its base URL.
async function csb(name, b) {
	const db = path.join(dir, name + '.db');
	const t = (...args) => execFileSync(TELLER, args, { cwd: REPO, stdio: 'pipe' });
	t('init', '--db', db, '--municipality', '0668', '--name', 'West Maas en Waal');
	for (const f of [A, K, b]) t('import', '--db', db, '--hash', sha(readFileSync(f)), f);
	execFileSync(TELLER, ['user', 'add', '--db', db, '--role', 'coordinator', 'voorzitter'], { input: PASSWORD + '\n' });
	const port = await freePort();
	const base = 'http://127.0.0.1:' + port;
	servers.push(spawn(TELLER, ['serve', '--db', db, '--listen', '127.0.0.1:' + port, '--no-tls', '--quiet'], { stdio: 'ignore' }));
	for (let i = 0; i < 200; i++) {
		try {
			await (await fetch(base + '/api/me')).arrayBuffer();
			return base;
		} catch {
			await new Promise((r) => setTimeout(r, 25));
		}
	}
	throw new Error('teller serve did not answer on ' + base);
}

// The real 510b with list 2's first candidate given 27 more votes: lists 2 and 3 then both
// have 1372 votes and tie for the last residual seat (as tests/http/result.test.mjs does).
function tiedCount() {
	const x = readFileSync(B, 'utf8');
	const at = x.indexOf('</TotalVotes>');
	const head = x.slice(0, at)
		.replace('<AffiliationIdentifier Id="2"><RegisteredName>VVD</RegisteredName></AffiliationIdentifier><ValidVotes>1345<',
			'<AffiliationIdentifier Id="2"><RegisteredName>VVD</RegisteredName></AffiliationIdentifier><ValidVotes>1372<')
		.replace(/(<AffiliationIdentifier Id="2">.*?<CandidateIdentifier Id="1"><\/CandidateIdentifier><\/Candidate><ValidVotes>)619</, '$1646<')
		.replace('<TotalCounted>9350<', '<TotalCounted>9377<');
	assert.notEqual(head, x.slice(0, at), 'the 510b was changed');
	const f = path.join(dir, 'Telling_tied.eml.xml');
	writeFileSync(f, head + x.slice(at));
	return f;
}

// The real 510b with candidates 2, 3 and 4 of list 1 given 300 votes each (taken from the
// candidates after them, in the total only): with its first candidate's 581 votes, four of
// list 1 are above the preference threshold for its three seats, so two candidate lots follow.
function candidateTie() {
	const x = readFileSync(B, 'utf8');
	const at = x.indexOf('</TotalVotes>');
	const [l1, l2] = [x.indexOf('<AffiliationIdentifier Id="1">'), x.indexOf('<AffiliationIdentifier Id="2">')];
	const votes = /(<CandidateIdentifier Id="(\d+)"><\/CandidateIdentifier><\/Candidate><ValidVotes>)(\d+)</g;
	let more = 0;
	let part = x.slice(l1, l2).replace(votes, (m, pre, id, v) => {
		if (+id < 2 || +id > 4) return m;
		more += 300 - +v;
		return pre + '300<';
	});
	part = part.replace(votes, (m, pre, id, v) => {
		if (+id < 5 || more === 0) return m;
		const d = Math.min(+v, more);
		more -= d;
		return pre + (+v - d) + '<';
	});
	assert.equal(more, 0);
	const f = path.join(dir, 'Telling_candidates.eml.xml');
	writeFileSync(f, x.slice(0, l1) + part + x.slice(l2, at) + x.slice(at));
	return f;
}

// A page on one of this file's servers, logged in as its coordinator (the first login
// changes the password, as every account must). dialogs: the confirm texts seen; page.answer:
// whether the next confirm is accepted.
async function coordinatorOn(base) {
	const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 } });
	const page = await context.newPage();
	page.errors = [];
	page.dialogs = [];
	page.answer = true;
	page.on('pageerror', (e) => page.errors.push(String(e)));
	page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
	page.on('dialog', (d) => {
		page.dialogs.push(d.message());
		return page.answer ? d.accept() : d.dismiss();
	});
	const first = !changed.has(base);
	await page.goto('/');
	await page.locator('#login-name').fill('voorzitter');
	await page.locator('#login-password').fill(first ? PASSWORD : PASSWORD + '!');
	await page.locator('#login-submit').click();
	if (first) {
		await page.locator('#pw-current').fill(PASSWORD);
		await page.locator('#pw-new').fill(PASSWORD + '!');
		await page.locator('#pw-again').fill(PASSWORD + '!');
		await page.locator('#pw-submit').click();
		changed.add(base);
	}
	await page.locator('#nav a', { hasText: 'Zetelverdeling' }).waitFor();
	return page;
}
const changed = new Set();   // the servers whose coordinator has changed the first password

const result = async (page) => (await page.request.get('/api/result')).json();
const seatsShown = (page) => page.locator('#result-lists tr[data-list] td.seats').allInnerTexts();
const electedShown = (page, list) => page.locator('.elected-list[data-list="' + list + '"] ol.elected .cand-name').allInnerTexts();
// 401: the page asks /api/me before logging in; 409 and 422: the server's refusals this file provokes.
const noErrors = (page) => assert.deepEqual(page.errors.filter((e) => !/status of (401|409|422)/.test(e)), []);

async function fits1024(page, name) {
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.waitForTimeout(150);
	await shot(page, name + '-1024');
	const o = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		wide: [...document.querySelectorAll('body *')].filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > 1024.5)
			.map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + String(e.className).split(' ')[0]).slice(0, 6),
	}));
	assert.ok(o.scroll <= 1024, name + ': ' + o.scroll + ' px wide: ' + o.wide.join(', '));
	await page.setViewportSize({ width: 1366, height: 768 });
}

// A consistent count form in which no two lists tie and no two candidates above the
// preference threshold tie (every station the same): lists of 8 stations x (55 + 7 i) votes,
// the first five candidates of each with different votes, the others none.
function untiedForm(election) {
	const lists = election.lists.map((l, i) => {
		const candidates = l.candidates.map((c, j) => (j < 5 ? (5 - j) * 3 : 0) + (j === 0 ? 10 + 7 * i : 0));
		return { number: l.number, total: candidates.reduce((a, b) => a + b, 0), candidates };
	});
	const f = consistentForm(election, 1);
	const valid = lists.reduce((a, l) => a + l.total, 0);
	const cast = valid + f.votes.blank_votes + f.votes.invalid_votes;
	return { ...f, lists,
		voters: { ...f.voters, poll_cards: cast - f.voters.proxy_certificates, admitted_voters: cast },
		votes: { ...f.votes, list_totals: lists.map((l) => l.total), valid_votes: valid, votes_cast: cast } };
}

let real;    // the real count's server
let tied;    // the tied count's server
let cands;   // the server of the count with tied candidates

before(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'teller-browser-result-'));
	browser = await launch();
	real = await csb('real', B);
	tied = await csb('tied', tiedCount());
	cands = await csb('cands', candidateTie());
});

after(async () => {
	await browser?.close();
	for (const c of servers) c.kill('SIGTERM');
	if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the real result: 17 seats, the quota, every residual seat and the elected in the new ranking', { timeout: 60000 }, async () => {
	const c = await coordinatorOn(real);
	await c.getByRole('link', { name: 'Zetelverdeling' }).click();
	await c.waitForURL(/#\/zetels$/);
	await c.locator('#result-lists').waitFor();
	assert.equal(await c.locator('#nav a.active').innerText(), 'Zetelverdeling');
	const r = await result(c);

	// Final (a 510b imported), and where the figures come from.
	assert.equal(await c.locator('#result-final').innerText(), 'Definitief');
	assert.equal(await c.locator('#result-draft').count(), 0);
	assert.match(await c.locator('#result-source').innerText(), /510b/);
	const fig = async (k) => c.locator('#result-figures tr[data-figure="' + k + '"] td').innerText();
	assert.equal(await fig('seats'), '17');
	assert.equal(await fig('votes'), '9.350');
	assert.equal(await fig('quota'), '550');
	assert.equal(await fig('threshold'), '275');
	assert.equal(await fig('empty'), '0');

	// The lists: 3 2 3 2 2 2 2 1 seats, as the published 520.
	assert.deepEqual(await seatsShown(c), ['3', '2', '3', '2', '2', '2', '2', '1']);
	assert.match(await c.locator('#result-lists tr[data-list="1"]').innerText(), /FD Partij Beneden-Leeuwen\s+1\.893\s+243\s+3\s+0\s+3/);

	// The residual seats one by one: seat, list, method, the remainders compared.
	const steps = c.locator('#result-steps tr[data-seat]');
	assert.equal(await steps.count(), 4);
	for (const [seat, list] of [[14, 7], [15, 6], [16, 5], [17, 3]]) {
		const row = c.locator('#result-steps tr[data-seat="' + seat + '"]');
		const text = await row.innerText();
		assert.match(text, new RegExp('Lijst ' + list + '\\b'), 'seat ' + seat);
		assert.match(text, /grootste overschot/, 'seat ' + seat);
		assert.doesNotMatch(text, /door loting/);
	}
	assert.equal(await c.locator('#result-steps tr[data-seat="14"] .compared li').count(), 8);
	assert.equal(await c.locator('#result-steps tr[data-seat="14"] .compared li strong').innerText(), 'lijst 7: 449');
	assert.equal(await c.locator('#result-steps tr[data-seat="17"] .compared li').count(), 5);

	// The elected per list, in the new ranking, the preference-elected marked.
	for (const l of r.lists) {
		const names = l.elected.map((p) => l.candidates.find((x) => x.position === p).name);
		assert.deepEqual(await electedShown(c, l.number), names, 'list ' + l.number);
		assert.equal(await c.locator('.elected-list[data-list="' + l.number + '"] .flag.pref').count(), l.preference_elected.length, 'list ' + l.number);
	}
	assert.deepEqual(await electedShown(c, 1), ['Reuvers, R.A.N.', 'Orlemans, R.O.G.M.', 'Dreumel, C.G.H.M. van']);
	assert.equal(await c.locator('#result-lot').count(), 0, 'no lot to draw');

	// Fractions as people read them, exactly.
	const shown = await c.evaluate(async () => {
		const { fmtFrac } = await import('/view-result.js');
		return [fmtFrac({ num: 2837, den: 15 }), fmtFrac({ num: 550, den: 1 }), fmtFrac({ num: 9377, den: 17 }),
			fmtFrac({ num: 2, den: 3 }), fmtFrac({ num: 37036, den: 3 }), fmtFrac({ num: 9007199254740991, den: 9007199254740990 })];
	});
	assert.deepEqual(shown, ['189 2/15', '550', '551 10/17', '2/3', '12.345 1/3', '1 1/9007199254740990']);
	await shot(c, 'result-1-real');
	await fits1024(c, 'result-real');
	noErrors(c);
});

test('Bestanden maken: 510d, 520 and PV with their hash codes; the 520 downloads', { timeout: 60000 }, async () => {
	const c = await coordinatorOn(real);
	await c.goto('/#/zetels');
	await c.locator('#result-files-make').click();
	const rows = c.locator('#result-files-list tr[data-file]');
	await rows.first().waitFor();
	assert.equal(await rows.count(), 3);
	const names = await rows.evaluateAll((rs) => rs.map((x) => x.dataset.file));
	assert.deepEqual(names, ['Totaaltelling_GR2022_WestMaasenWaal.eml.xml', 'Resultaat_GR2022_WestMaasenWaal.eml.xml',
		'Proces-verbaal_P22-2_GR2022_WestMaasenWaal.pdf']);
	assert.equal(await c.locator('#result-files-draft').count(), 0);
	for (const name of names) {
		const lines = await c.locator('#result-files-list tr[data-file="' + name + '"] .hash-row').allInnerTexts();
		assert.equal(lines.length, 4, name);
		for (const l of lines) assert.match(l, /^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
	}
	const row = c.locator('#result-files-list tr[data-file="Resultaat_GR2022_WestMaasenWaal.eml.xml"]');
	assert.match(await row.innerText(), /EML 520/);
	assert.match(await row.innerText(), /elke pagina van het proces-verbaal/);
	const href = await row.locator('a.file-link').getAttribute('href');
	assert.equal(href, '/api/result/files/Resultaat_GR2022_WestMaasenWaal.eml.xml');
	const res = await c.request.get(href);
	assert.equal(res.status(), 200);
	const bytes = await res.body();
	assert.match(bytes.toString('utf8', 0, 1000), /^<EML [^>]*Id="520"/);
	assert.equal(sha(bytes), (await row.locator('.hash-row').allInnerTexts()).join('').replace(/\s+/g, ''));
	const sig = await c.request.get(await row.locator('a.sig-link').getAttribute('href'));
	assert.equal((await sig.body()).length, 64);
	const key = await c.request.get(await c.locator('#result-files-list a.key-link').getAttribute('href'));
	assert.match(await key.text(), /BEGIN PUBLIC KEY/);
	await shot(c, 'result-2-files');
	await fits1024(c, 'result-files');
	noErrors(c);
});

test('a deceased candidate, recorded with the keyboard after a confirm, moves the elected of list 1', { timeout: 60000 }, async () => {
	const c = await coordinatorOn(real);
	await c.goto('/#/zetels');
	await c.locator('#result-files-make').click();
	await c.locator('#result-files-list tr[data-file]').first().waitFor();
	// List 1 and its first candidate are chosen to begin with: Tab to the button, Enter.
	await c.locator('#deceased-list').focus();
	assert.equal(await c.locator('#deceased-list').inputValue(), '1');
	await c.keyboard.press('Tab');
	assert.equal(await c.evaluate(() => document.activeElement.id), 'deceased-candidate');
	assert.equal(await c.locator('#deceased-candidate').inputValue(), '1');
	await c.keyboard.press('Tab');
	assert.equal(await c.evaluate(() => document.activeElement.id), 'deceased-record');
	// Cancelled first: nothing changes.
	c.answer = false;
	await c.keyboard.press('Enter');
	await c.waitForTimeout(300);
	assert.match(c.dialogs.at(-1), /Overleden kandidaat vastleggen[\s\S]*nr\. 1 Reuvers, R\.A\.N\. van lijst 1 \(FD Partij Beneden-Leeuwen\)/);
	assert.deepEqual((await result(c)).deceased, []);
	assert.deepEqual(await electedShown(c, 1), ['Reuvers, R.A.N.', 'Orlemans, R.O.G.M.', 'Dreumel, C.G.H.M. van']);
	// Confirmed.
	c.answer = true;
	await c.locator('#deceased-record').focus();
	await c.keyboard.press('Enter');
	await c.locator('#result-note .msg-ok').waitFor();
	assert.match(await c.locator('#result-note').innerText(), /Vastgelegd: nr\. 1 Reuvers, R\.A\.N\. van lijst 1/);
	assert.deepEqual(await electedShown(c, 1), ['Orlemans, R.O.G.M.', 'Dreumel, C.G.H.M. van', 'Bull- de Heus, A.J.M.M.']);
	assert.equal(await c.locator('.elected-list[data-list="1"] .flag.pref').count(), 0);
	assert.equal(await c.locator('.elected-list[data-list="1"] .deceased-line s').innerText(), 'Reuvers, R.A.N.');
	assert.match(await c.locator('#deceased-recorded').innerText(), /Reuvers, R\.A\.N\. \(nr\. 1 van lijst 1/);
	assert.equal(await c.locator('#deceased-candidate option[value="1"]').isDisabled(), true);
	assert.deepEqual(await seatsShown(c), ['3', '2', '3', '2', '2', '2', '2', '1']);
	assert.deepEqual((await result(c)).lists[0].elected, [2, 3, 4]);
	// The files made before are gone: the page says to make them again.
	assert.equal(await c.locator('#result-files-list tr[data-file]').count(), 0);
	assert.match(await c.locator('#result-files-list').innerText(), /maak de bestanden opnieuw/);
	// Twice: the server refuses, the page says why.
	const again = await c.evaluate(async () => {
		const me = await (await fetch('/api/me')).json();
		const res = await fetch('/api/result/deceased', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
			body: JSON.stringify({ list: 1, candidate: 1 }) });
		return res.status;
	});
	assert.equal(again, 422);
	await shot(c, 'result-3-deceased');
	noErrors(c);
});

test('a tie: the lot box with the options and what it decides; a cancelled, then a confirmed lot', { timeout: 60000 }, async () => {
	const c = await coordinatorOn(tied);
	await c.goto('/#/zetels');
	const box = c.locator('#result-lot');
	await box.waitFor();
	const r = await result(c);
	assert.equal(r.lots_required.kind, 'list');
	assert.equal(await c.locator('#lot-decides').innerText(), r.lots_required.decides);
	assert.match(r.lots_required.decides, /lijsten 2 en 3 .*zetel 17/);
	assert.deepEqual(await box.locator('button[data-option]').evaluateAll((bs) => bs.map((b) => [b.dataset.option, b.textContent])),
		[['2', 'Lijst 2: VVD'], ['3', 'Lijst 3: F.D. Dreumel']]);
	assert.equal(await c.locator('#result-waits').innerText(), 'Wacht op loting');
	assert.equal(await c.locator('#result-final').count(), 0);
	assert.equal(await c.locator('#result-figures tr[data-figure="quota"] td').innerText(), '551 10/17');
	assert.equal(await c.locator('#result-steps tr[data-seat="17"]').count(), 0);
	await shot(c, 'result-4-lot');
	await fits1024(c, 'result-lot');

	// No files while the lot is open: the server says so.
	await c.locator('#result-files-make').click();
	await c.locator('#result-files-list .msg-error').waitFor();
	assert.match(await c.locator('#result-files-list').innerText(), /eerst moet er worden geloot/);

	// Cancelled: nothing recorded.
	c.answer = false;
	await box.locator('button[data-option="3"]').click();
	await c.waitForTimeout(300);
	assert.match(c.dialogs.at(-1), /Loting vastleggen/);
	assert.ok(c.dialogs.at(-1).includes(r.lots_required.decides), c.dialogs.at(-1));
	assert.match(c.dialogs.at(-1), /Uitkomst van de loting: lijst 3 \(F\.D\. Dreumel\)/);
	assert.deepEqual((await result(c)).lots, []);
	assert.equal(await box.count(), 1);

	// Confirmed, with the keyboard: list 3 gets seat 17 by lot.
	c.answer = true;
	await box.locator('button[data-option="3"]').focus();
	await c.keyboard.press('Enter');
	await c.locator('#result-note .msg-ok').waitFor();
	assert.equal(await c.locator('#result-lot').count(), 0);
	assert.match(await c.locator('#result-note').innerText(), /De loting is vastgelegd: lijst 3/);
	const seat17 = c.locator('#result-steps tr[data-seat="17"]');
	assert.match(await seat17.innerText(), /Lijst 3/);
	assert.equal(await seat17.locator('.by-lot').innerText(), 'door loting');
	assert.match(await seat17.innerText(), /gelijk: lijsten 2, 3/);
	assert.deepEqual(await seatsShown(c), ['3', '2', '3', '2', '2', '2', '2', '1']);
	assert.match(await c.locator('#result-lots').innerText(), /lijst 3 \(F\.D\. Dreumel\)/);
	assert.equal(await c.locator('#result-final').innerText(), 'Definitief');
	const drawn = await result(c);
	assert.equal(drawn.lots_required, null);
	assert.deepEqual(drawn.lots, [{ list: 3, candidate: null }]);
	for (const l of drawn.lists) assert.equal((await electedShown(c, l.number)).length, l.seats, 'list ' + l.number);
	// Now the files can be made.
	await c.locator('#result-files-make').click();
	await c.locator('#result-files-list tr[data-file]').first().waitFor();
	assert.equal(await c.locator('#result-files-list tr[data-file]').count(), 3);
	await shot(c, 'result-5-lot-drawn');
	noErrors(c);
});

test('candidate lots: two, one after the other, each with its candidates, decide list 1\'s elected', { timeout: 60000 }, async () => {
	const c = await coordinatorOn(cands);
	await c.goto('/#/zetels');
	const box = c.locator('#result-lot');
	await box.waitFor();
	let r = await result(c);
	assert.equal(r.lots_required.kind, 'candidate');
	assert.equal(await c.locator('#lot-title').innerText(), 'Loting nodig tussen kandidaten van lijst 1');
	assert.equal(await c.locator('#lot-decides').innerText(), r.lots_required.decides);
	assert.match(r.lots_required.decides, /kandidaten op plaats 2, 3 en 4 van lijst 1/);
	assert.deepEqual(await box.locator('button[data-option]').allInnerTexts(),
		['Kandidaat 2: Orlemans, R.O.G.M.', 'Kandidaat 3: Dreumel, C.G.H.M. van', 'Kandidaat 4: Bull- de Heus, A.J.M.M.']);
	assert.equal(await c.locator('.elected-list[data-list="1"] ol.elected').count(), 0, 'no elected before the lot');
	assert.match(await c.locator('.elected-list[data-list="1"]').innerText(), /Nog niet bekend: eerst de loting/);
	await shot(c, 'result-6-candidate-lot');

	// The first lot: candidate 4. The page then shows the next one, between 2 and 3.
	await box.locator('button[data-option="4"]').click();
	await c.locator('#result-note .msg-ok').waitFor();
	assert.match(c.dialogs.at(-1), /Uitkomst van de loting: nr\. 4 Bull- de Heus, A\.J\.M\.M\. van lijst 1 \(FD Partij Beneden-Leeuwen\)/);
	r = await result(c);
	assert.deepEqual(r.lots_required.options, [2, 3]);
	assert.equal(await c.locator('#lot-decides').innerText(), r.lots_required.decides);
	assert.deepEqual(await box.locator('button[data-option]').evaluateAll((bs) => bs.map((b) => b.dataset.option)), ['2', '3']);

	// The second: candidate 2. Now the result is complete.
	await box.locator('button[data-option="2"]').click();
	await c.locator('#result-lot').waitFor({ state: 'detached' });
	assert.deepEqual(await electedShown(c, 1), ['Reuvers, R.A.N.', 'Bull- de Heus, A.J.M.M.', 'Orlemans, R.O.G.M.']);
	assert.equal(await c.locator('.elected-list[data-list="1"] .flag.pref').count(), 3);
	assert.deepEqual(await c.locator('#result-lots li').allInnerTexts(),
		['nr. 4 Bull- de Heus, A.J.M.M. van lijst 1 (FD Partij Beneden-Leeuwen)', 'nr. 2 Orlemans, R.O.G.M. van lijst 1 (FD Partij Beneden-Leeuwen)']);
	assert.equal(await c.locator('#result-final').innerText(), 'Definitief');
	assert.deepEqual((await result(c)).lists[0].elected, [1, 4, 2]);
	noErrors(c);
});

test('on the demo: a plain message while stations are open, a draft once all are definitive', { timeout: 180000 }, async () => {
	const c = await newPage(browser);
	await login(c, 'coordinator');
	const entered = [];
	try {
		const election = await (await c.request.get('/api/election')).json();
		const open = (await (await c.request.get('/api/stations')).json()).filter((s) => s.status !== 'definitive');
		assert.ok(open.length > 0, 'the demo starts with stations to enter');
		await c.getByRole('link', { name: 'Zetelverdeling' }).click();
		await c.locator('#result-waiting').waitFor();
		assert.match(await c.locator('#result-waiting').innerText(), /De zetelverdeling komt zodra alle stembureaus definitief zijn/);
		assert.equal(await c.locator('#result-waiting a').getAttribute('href'), '#/stations');
		await shot(c, 'result-7-waiting');

		// Two typists enter every open station (through the API): the result is a draft.
		const t1 = await newPage(browser);
		await login(t1, 'invoerder1');
		const t2 = await newPage(browser);
		await login(t2, 'invoerder2');
		for (const s of open) {
			if (s.status !== 'empty') await apiPost(c, '/api/stations/' + s.number + '/reset');
			entered.push(s.number);
			const form = untiedForm(election);
			assert.equal(await enterByApi(t1, s.number, 1, form), 'first_done');
			assert.equal(await enterByApi(t2, s.number, 2, form), 'definitive');
		}
		await c.locator('#result-retry').click();
		await c.locator('#result-draft').waitFor();
		assert.equal(await c.locator('#result-draft').innerText(), 'CONCEPT');
		assert.match(await c.locator('#result-draft-note').innerText(), /CONCEPT: de telling is nog niet afgerond/);
		assert.equal(await c.locator('#result-final').count(), 0);
		assert.match(await c.locator('#result-source').innerText(), /eigen telling/);
		const r = await result(c);
		assert.equal(r.draft, true);
		assert.equal(r.lots_required, null, JSON.stringify(r.lots_required));
		assert.deepEqual(await seatsShown(c), r.lists.map((l) => String(l.seats)));
		// Its files are concepts.
		await c.locator('#result-files-make').click();
		await c.locator('#result-files-list tr[data-file]').first().waitFor();
		const names = await c.locator('#result-files-list tr[data-file]').evaluateAll((rs) => rs.map((x) => x.dataset.file));
		assert.equal(names.length, 3);
		assert.ok(names.every((n) => n.startsWith('CONCEPT_')), names.join(', '));
		assert.equal(await c.locator('#result-files-draft').innerText(), 'CONCEPT');
		await shot(c, 'result-8-draft');
		noErrors(c);
	} finally {
		for (const n of entered) await apiPost(c, '/api/stations/' + n + '/reset');
	}
});
