// Shared helpers of the browser tests: the browser, logging in, the demo figures.
// run.sh sets TELLER_URL to the demo server it started (http://127.0.0.1:PORT).
import { appendFileSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE = process.env.TELLER_URL || 'http://127.0.0.1:18480';
export const SHOTS = process.env.TELLER_SHOTS || '';   // a folder for screenshots, or nothing
export const DEMO_DB = process.env.DEMO_DB || '';      // the demo database run.sh made

// The one-time password of the administrator (beheerder), from the file that
// fixtures/demo.sh writes next to the database (`teller init`'s output).
export function adminPassword() {
	if (!DEMO_DB) throw new Error('DEMO_DB is not set: run the browser tests with tests/browser/run.sh');
	const m = /One-time password:\s*(\S+)/.exec(readFileSync(DEMO_DB + '.init.txt', 'utf8'));
	if (!m) throw new Error('no one-time password in ' + DEMO_DB + '.init.txt');
	return m[1];
}

export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// A fresh browser context (its own cookies and localStorage: one laptop) and page.
export async function newPage(browser) {
	const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1366, height: 768 } });
	const page = await context.newPage();
	page.errors = [];
	page.on('pageerror', (e) => page.errors.push(String(e)));
	page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
	page.on('dialog', (d) => d.accept());
	return page;
}

export async function shot(page, name) {
	if (SHOTS) await page.screenshot({ path: SHOTS + '/' + name + '.png', fullPage: false });
}

// The demo password, and the one the tests change it to at the first login
// (another test file may already have done so: both are tried).
export const demoPassword = (name) => 'demo-' + name + '-2026';
export const newPassword = (name) => 'nieuw-' + name + '-wachtwoord';

// Logs in through the login page; on the first login changes the demo
// password (or first, e.g. the administrator's one-time password) to one of
// 12+ characters, as every account must.
// The accounts whose password a test changed, kept beside the demo database: the test files
// run one after another in their own processes, and trying an old password first would count
// as a failed login (20 from one address in 15 minutes block it).
const changedFile = () => (DEMO_DB ? DEMO_DB + '.changed' : '');
const changed = () => {
	try {
		return new Set(readFileSync(changedFile(), 'utf8').split('\n').filter(Boolean));
	} catch {
		return new Set();
	}
};
const markChanged = (name) => {
	if (changedFile()) appendFileSync(changedFile(), name + '\n');
};

export async function login(page, name, first = demoPassword(name)) {
	await page.goto('/');
	const order = changed().has(name) ? [newPassword(name), first] : [first, newPassword(name)];
	for (const pw of order) {
		await page.locator('#login-name').fill(name);
		await page.locator('#login-password').fill(pw);
		await page.locator('#login-submit').click();
		const where = page.locator('#pw-current, #quick, #progress, #acc-name, .form-msg .msg-error').first();
		await where.waitFor();
		if (await page.locator('.form-msg .msg-error').count()) continue;
		if (await page.locator('#pw-current').count()) {
			await page.locator('#pw-current').fill(pw);
			await page.locator('#pw-new').fill(newPassword(name));
			await page.locator('#pw-again').fill(newPassword(name));
			await page.locator('#pw-submit').click();
			await page.locator('#quick, #progress, #acc-name').first().waitFor();
			markChanged(name);
		}
		return;
	}
	throw new Error('cannot log in as ' + name);
}

// The page's CSRF token, for API calls made on behalf of the logged-in user.
export async function csrf(page) {
	const me = await (await page.request.get('/api/me')).json();
	return me.csrf_token;
}

export async function apiPost(page, path, body) {
	const res = await page.request.post(path, {
		data: body || {},
		headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrf(page) },
	});
	return { status: res.status(), body: await res.json().catch(() => null) };
}

export async function apiPut(page, path, body) {
	const res = await page.request.put(path, {
		data: body,
		headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrf(page) },
	});
	return { status: res.status(), body: await res.json().catch(() => null) };
}

export async function stationStatus(page, n) {
	const list = await (await page.request.get('/api/stations')).json();
	return list.find((s) => s.number === n).status;
}

// A consistent count form for the election (no errors, no warnings): every
// candidate gets a few votes, seed varies the figures.
export function consistentForm(election, seed) {
	const lists = election.lists.map((l, i) => {
		const candidates = l.candidates.map((c, j) => ((i * 7 + j * 3 + seed) % 5) + (j === 0 ? 20 + seed : 0));
		return { number: l.number, total: candidates.reduce((a, b) => a + b, 0), candidates };
	});
	const listTotals = lists.map((l) => l.total);
	const valid = listTotals.reduce((a, b) => a + b, 0);
	const blank = 1;
	const invalid = 2;
	const cast = valid + blank + invalid;
	return {
		voters: { poll_cards: cast - 4, proxy_certificates: 4, voter_cards: election.election.has_voter_cards ? 0 : null, admitted_voters: cast },
		votes: { list_totals: listTotals, valid_votes: valid, blank_votes: blank, invalid_votes: invalid, votes_cast: cast },
		differences: { more_ballots_counted: 0, fewer_ballots_counted: 0, taken_home: 0, too_few_issued: 0,
			too_many_issued: 0, no_explanation: 0, other_explanation: 0 },
		lists,
	};
}

// The values in the order the entry screen asks for them (the paper's order).
export function keyboardOrder(election, f) {
	const out = [f.voters.poll_cards, f.voters.proxy_certificates];
	if (election.election.has_voter_cards) out.push(f.voters.voter_cards);
	out.push(f.voters.admitted_voters);
	out.push(...f.votes.list_totals, f.votes.valid_votes, f.votes.blank_votes, f.votes.invalid_votes, f.votes.votes_cast);
	const d = f.differences;
	out.push(d.more_ballots_counted, d.fewer_ballots_counted, d.taken_home, d.too_few_issued, d.too_many_issued,
		d.no_explanation, d.other_explanation);
	for (const l of f.lists) out.push(...l.candidates, l.total);
	return out;
}

// The id of a field's input on the entry page (as domId in web/core.js makes it).
export const fieldId = (path) => 'f-' + path.replace(/[^a-z0-9]+/gi, '-');

// A typist claims, saves and finalises an entry through the API (no page).
export async function enterByApi(page, n, entry, form) {
	const base = '/api/stations/' + n + '/entries/' + entry;
	let r = await apiPost(page, base + '/claim');
	if (r.status !== 200) throw new Error('claim: ' + r.status + ' ' + JSON.stringify(r.body));
	r = await apiPut(page, base, form);
	if (r.status !== 200) throw new Error('save: ' + r.status + ' ' + JSON.stringify(r.body));
	r = await apiPost(page, base + '/finalise', { warnings_confirmed: true });
	if (r.status !== 200) throw new Error('finalise: ' + r.status + ' ' + JSON.stringify(r.body));
	return r.body.status;
}
