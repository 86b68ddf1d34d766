#!/usr/bin/env node
/*
 * bench_pages: the pages in Chromium on an election of Amsterdam's size.
 *
 * Makes a temporary directory, has bench_load write a synthetic election
 * (--gen-only: 500 stations, 20 lists x 30 candidates), makes a database
 * with the teller binary (init, import with --hash, user add), starts
 * `teller serve --no-tls` on a free port of 127.0.0.1 and fills stations
 * through the HTTP API (claim, save, finalise; two typists per station), so
 * that the overview has a mix: 60% definitive, 10% different, 5% first and 5%
 * second entry in progress, the rest empty. Then, in headless Chromium
 * (playwright-core from tests/browser/node_modules, /usr/bin/chromium, launched
 * as tests/browser/helpers.mjs does), it measures and prints:
 *
 *   coordinator  first render of #/stations (navigation start until the table
 *                has every station and "needs me" is drawn; then the next
 *                frame), a hash change to it, one refresh cycle (the 5 s poll
 *                of GET /api/stations: fetch, parse and redraw, with and
 *                without a change), a filter click, a sort click and a search
 *                keystroke with every row, the renderer's main-thread CPU time
 *                of these (a trace: style, layout, paint, the rest; unlike the
 *                wall times hardly moved by other load on the machine), the JS
 *                heap (CDP, after a GC) and the DOM's size; the bytes of
 *                GET /api/stations and /api/election
 *   typist       the station list, a keystroke in its quick field, opening an
 *                entry from it (number + Enter until the first field has the
 *                focus) and cold (#/entry/N/1 in a fresh page), then typing
 *                the voters, votes and differences sections and --type-lists
 *                list sections (31 fields each) digit by digit: keypress until
 *                the field shows the digit, Enter until the next field has the
 *                focus (median and p99), a section change (Enter on the last
 *                field until the next section's first field has the focus; the
 *                save's round trip after it), the JS heap
 *   server       VmRSS of `teller serve` while the pages run (sampled), VmHWM
 *
 * Times in the page are its own clock (performance.now, the events'
 * timeStamp): "handled" is when the page's handlers are done, "frame" when
 * the next frame after them has been drawn (a requestAnimationFrame and a
 * message after it: what the typist sees; includes waiting for the frame).
 *
 * Exit 0 whatever the figures (benchmarks never fail on timing); 1 when it
 * cannot run or something does not work (a page error, a value not shown, a
 * figure not saved, the server died). Talks to 127.0.0.1 only; removes its
 * directory and stops its server and browser at the end.
 *
 * usage: node bench/bench_pages.mjs [--build DIR] [--stations N] [--lists L]
 *        [--candidates C] [--type-lists K] [--keep]       (--help)
 * Needs `cd tests/browser && npm ci` once, and Chromium at /usr/bin/chromium
 * (env CHROMIUM). TELLER and BENCH_LOAD override the binaries in DIR.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';

const usage = `usage: node bench/bench_pages.mjs [options]
  The coordinator's overview and the typist's entry page in headless Chromium,
  on a synthetic election; prints times, sizes and memory; never fails on timing.
  --build DIR       where teller and bench/bench_load are (default build; env BUILD)
  --stations N      polling stations (default 500)
  --lists L         candidate lists (default 20)
  --candidates C    candidates per list (default 30)
  --type-lists K    list sections the typist types after the first three (default 2)
  --keep            keep the temporary directory (the database, serve.log)
  env TELLER, BENCH_LOAD: the binaries; CHROMIUM: the browser (/usr/bin/chromium)
`;

/* ---- options ---- */

const O = { build: process.env.BUILD || 'build', stations: 500, lists: 20, candidates: 30, typeLists: 2, keep: false };
{
	const a = process.argv.slice(2);
	const num = (v, lo, hi, name) => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < lo || n > hi) {
			process.stderr.write(`bench_pages: ${name} wants a number from ${lo} to ${hi}\n` + usage);
			process.exit(2);
		}
		return n;
	};
	for (let i = 0; i < a.length; i++) {
		const k = a[i];
		if (k === '--help' || k === '-h') {
			process.stdout.write(usage);
			process.exit(0);
		} else if (k === '--keep') O.keep = true;
		else if (k === '--build' && i + 1 < a.length) O.build = a[++i];
		else if (k === '--stations' && i + 1 < a.length) O.stations = num(a[++i], 20, 5000, k);
		else if (k === '--lists' && i + 1 < a.length) O.lists = num(a[++i], 2, 60, k);
		else if (k === '--candidates' && i + 1 < a.length) O.candidates = num(a[++i], 1, 100, k);
		else if (k === '--type-lists' && i + 1 < a.length) O.typeLists = num(a[++i], 0, 60, k);
		else {
			process.stderr.write(`bench_pages: unknown option ${k}\n` + usage);
			process.exit(2);
		}
	}
	O.typeLists = Math.min(O.typeLists, O.lists);
}
const build = path.resolve(REPO, O.build);
const TELLER = path.resolve(REPO, process.env.TELLER || path.join(build, 'teller'));
const BENCH_LOAD = path.resolve(REPO, process.env.BENCH_LOAD || path.join(build, 'bench', 'bench_load'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/* ---- small helpers ---- */

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

class Broken extends Error {}
const fail = (text) => { throw new Broken(text); };

function run(cmd, args, input) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => { out += d; });
		child.stderr.on('data', (d) => { out += d; });
		child.on('error', (e) => resolve({ code: -1, out: String(e) }));
		child.on('close', (code) => resolve({ code, out }));
		child.stdin.end(input || '');
	});
}

async function must(cmd, args, input) {
	const r = await run(cmd, args, input);
	if (r.code !== 0) fail(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} failed (${r.code}): ${r.out.trim()}`);
	return r.out;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, HOST, () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/* VmRSS and VmHWM of a process in kB (null when gone). */
function procMem(pid) {
	try {
		const t = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (k) => Number((new RegExp('^' + k + ':\\s*(\\d+)', 'm').exec(t) || [])[1] || NaN);
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return null;
	}
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) + ' ms' : '–');
const mb = (bytes) => (bytes / 1048576).toFixed(1) + ' MB';
const kbytes = (n) => n.toLocaleString('en-US') + ' bytes (' + (n / 1024).toFixed(0) + ' KiB)';
function pct(list, p) {
	const v = list.filter(Number.isFinite).sort((a, b) => a - b);
	if (!v.length) return NaN;
	const k = Math.min(v.length, Math.max(1, Math.ceil(p * v.length)));
	return v[k - 1];
}
const median = (list) => pct(list, 0.5);
const max = (list) => Math.max(...list.filter(Number.isFinite));
const line = (name, text) => console.log('  ' + name.padEnd(44) + ' ' + text);

/* Paths into a count form, as web/core.js writes them. */
const parsePath = (p) => (p.match(/[^.[\]]+/g) || []).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
function getAt(obj, p) {
	let o = obj;
	for (const k of parsePath(p)) o = o == null ? undefined : o[k];
	return o;
}

/* ---- the HTTP API (one session per client) ---- */

let BASE = '';
class Client {
	constructor(name) {
		this.name = name;
		this.cookie = '';
		this.csrf = '';
	}

	async req(method, url, body) {
		const headers = { Accept: 'application/json' };
		if (this.cookie) headers.Cookie = this.cookie;
		if (method !== 'GET') {
			headers['Content-Type'] = 'application/json';
			if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
		}
		const res = await fetch(BASE + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await res.text();
		const sc = res.headers.get('set-cookie');
		if (sc && sc.startsWith('teller_session=')) this.cookie = sc.split(';')[0];
		let json = null;
		try { json = text ? JSON.parse(text) : null; } catch { json = null; }
		return { status: res.status, body: json, bytes: Buffer.byteLength(text) };
	}

	async ok(method, url, body) {
		const r = await this.req(method, url, body);
		if (r.status !== 200) fail(`${this.name}: ${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
		return r.body;
	}

	/* Logs in with the initial password and changes it (every new account must). */
	async login() {
		const r = await this.ok('POST', '/api/login', { username: this.name, password: initialPassword(this.name) });
		this.csrf = r.csrf_token;
		if (r.must_change_password)
			await this.ok('POST', '/api/account/password', { current: initialPassword(this.name), new: password(this.name) });
	}
}
const initialPassword = (name) => 'bench-initial-' + name;
const password = (name) => 'bench-changed-' + name;

/* A consistent count form for station n (no errors): as tests/browser/helpers.mjs. */
function consistentForm(election, seed) {
	const lists = election.lists.map((l, i) => {
		const candidates = l.candidates.map((c, j) => ((i * 7 + j * 3 + seed) % 5) + (j === 0 ? 20 + (seed % 40) : 0));
		return { number: l.number, total: candidates.reduce((a, b) => a + b, 0), candidates };
	});
	const listTotals = lists.map((l) => l.total);
	const valid = listTotals.reduce((a, b) => a + b, 0);
	const blank = 1 + (seed % 3);
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

/* The same form with one vote moved between two candidates of list 1: entry 2 differs. */
function differentForm(f) {
	const g = structuredClone(f);
	g.lists[0].candidates[0] -= 1;
	g.lists[0].candidates[g.lists[0].candidates.length > 1 ? 1 : 0] += 1;
	return g;
}

/* The form filled up to and including section index upto (0 voters, 1 votes,
 * 2 differences, 3 + i list i); the rest empty, as the page saves it. */
function partialForm(f, upto) {
	const g = structuredClone(f);
	const blank = (o) => { for (const k of Object.keys(o)) o[k] = Array.isArray(o[k]) ? o[k].map(() => null) : null; };
	if (upto < 0) blank(g.voters);
	if (upto < 1) blank(g.votes);
	if (upto < 2) blank(g.differences);
	g.lists.forEach((l, i) => {
		if (upto < 3 + i) {
			l.total = null;
			l.candidates = l.candidates.map(() => null);
		}
	});
	return g;
}

/* One entry through the API: claim, save (progress), finalise unless partial. */
async function enter(c, n, e, form, partial) {
	const base = `/api/stations/${n}/entries/${e}`;
	await c.ok('POST', base + '/claim', {});
	if (partial) {
		await c.ok('PUT', base, { ...partialForm(form, 4), progress: 'lists-3' });
		return 'in_progress';
	}
	await c.ok('PUT', base, { ...form, progress: 'review' });
	return (await c.ok('POST', base + '/finalise', { warnings_confirmed: true })).status;
}

/* ---- in the page ---- */

/* The coordinator's pages: when the overview's table has every station and
 * "needs me" is drawn (performance.now, and the next frame after it). */
function overviewProbe(stations) {
	const B = (window.__bench = {});
	performance.setResourceTimingBufferSize(100000);
	B.afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
		const ch = new MessageChannel();
		ch.port1.onmessage = () => resolve(performance.now());
		ch.port2.postMessage(0);
	}));
	B.ready = () => {
		const tb = document.querySelector('table.overview tbody');
		return !!(tb && tb.rows.length >= stations && document.querySelector('#needs-me h2'));
	};
	B.watch = () => {
		B.render = undefined;
		B.renderFrame = undefined;
		const mo = new MutationObserver(() => {
			if (B.render === undefined && B.ready()) {
				B.render = performance.now();
				mo.disconnect();
				B.afterFrame().then((t) => { B.renderFrame = t; });
			}
		});
		mo.observe(document, { childList: true, subtree: true });
	};
	B.watch();
}

/* The typist's pages: per keydown its time (the event's timeStamp), when the
 * page's handlers are done (keydown at the window, bubbling: after the field's
 * own handlers; the input event likewise), where the focus went, and the next
 * frame after it; each focus on a field; each text of the save status. */
function typistProbe(stations) {
	const B = (window.__bench = { keys: [], focus: [], status: [] });
	performance.setResourceTimingBufferSize(100000);
	let cur = null;
	B.afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
		const ch = new MessageChannel();
		ch.port1.onmessage = () => resolve(performance.now());
		ch.port2.postMessage(0);
	}));
	addEventListener('keydown', (ev) => {
		const rec = { key: ev.key, id: ev.target && ev.target.id, t0: ev.timeStamp, tStart: performance.now() };
		cur = rec;
		B.keys.push(rec);
		B.afterFrame().then((t) => { rec.tFrame = t; });
	}, true);
	addEventListener('keydown', () => { if (cur) cur.tHandled = performance.now(); }, false);
	addEventListener('input', (ev) => {
		if (cur && cur.tInput === undefined) {
			cur.tInput = performance.now();
			cur.value = ev.target.value;
		}
	}, false);
	addEventListener('focusin', (ev) => {
		const t = performance.now();
		if (ev.target && ev.target.matches && ev.target.matches('input.num')) B.focus.push({ id: ev.target.id, t });
		if (cur && cur.tFrame === undefined) {
			cur.tFocus = t;
			cur.focusId = ev.target.id;
		}
	}, true);
	/* Resolves when the last key's frame has been drawn. */
	B.settled = () => new Promise((resolve) => {
		const rec = B.keys[B.keys.length - 1];
		const check = () => (!rec || rec.tFrame !== undefined ? resolve() : setTimeout(check, 1));
		check();
	});
	/* The station list: when its table has every station (a cold load of #/stations). */
	if (/^#\/stations/.test(location.hash)) {
		const mo = new MutationObserver(() => {
			const tb = document.querySelector('#main tbody');
			if (tb && tb.rows.length >= stations) {
				B.list = performance.now();
				mo.disconnect();
				B.afterFrame().then((t) => { B.listFrame = t; });
			}
		});
		mo.observe(document, { childList: true, subtree: true });
	}
	B.watchStatus = () => {
		const s = document.querySelector('.save-status');
		if (!s || B.statusWatched === s) return;
		B.statusWatched = s;
		new MutationObserver(() => B.status.push({ t: performance.now(), text: s.textContent }))
			.observe(s, { childList: true, characterData: true, subtree: true });
	};
}

/* ---- the benchmark ---- */

let server = null;
let browser = null;
let tmp = '';
let rssTimer = null;
const rssSamples = [];

async function stopAll() {
	if (rssTimer) clearInterval(rssTimer);
	rssTimer = null;
	if (browser) await browser.close().catch(() => {});
	browser = null;
	if (server && server.exitCode === null && server.signalCode === null) {
		const s = server;
		const gone = new Promise((r) => s.once('exit', r));
		s.kill('SIGTERM');
		const t = setTimeout(() => s.kill('SIGKILL'), 3000);
		await gone;
		clearTimeout(t);
	}
	server = null;
	if (tmp && !O.keep) rmSync(tmp, { recursive: true, force: true });
	else if (tmp) console.log('  kept ' + tmp);
	tmp = '';
}

for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		stopAll().finally(() => process.exit(130));
	});
}

async function main() {
	for (const [what, f] of [['teller', TELLER], ['bench_load', BENCH_LOAD], ['Chromium', CHROMIUM]])
		if (!existsSync(f)) fail(`no ${what} at ${f}`);
	let chromium;
	try {
		({ chromium } = await import(new URL('../tests/browser/node_modules/playwright-core/index.mjs', import.meta.url)));
	} catch (e) {
		fail('playwright-core is not installed (cd tests/browser && npm ci): ' + e.message);
	}
	const S = O.stations;
	const nDef = Math.round(S * 0.6);
	const nDiff = Math.round(S * 0.1);
	const nSecond = Math.round(S * 0.05);
	const nFirst = Math.round(S * 0.05);
	const nEmpty = S - nDef - nDiff - nSecond - nFirst;
	console.log(`bench_pages: ${S} stations, ${O.lists} lists x ${O.candidates} candidates; ${nDef} definitive, ` +
		`${nDiff} different, ${nSecond} second and ${nFirst} first entry in progress, ${nEmpty} empty; ` +
		`Chromium ${CHROMIUM}, ${os.cpus().length} cores`);

	/* The election, the database, the server. */
	const t0 = now();
	tmp = mkdtempSync(path.join(os.tmpdir(), 'teller-bench-pages-'));
	const db = path.join(tmp, 'bench.db');
	await must(BENCH_LOAD, ['--gen-only', tmp, '--stations', String(S), '--lists', String(O.lists), '--candidates', String(O.candidates)]);
	const eml = (k) => path.join(tmp, `eml${k}_grootstad.eml.xml`);
	const sha = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
	await must(TELLER, ['init', '--db', db, '--municipality', '0363', '--name', 'Grootstad']);
	await must(TELLER, ['import', '--db', db, '--hash', sha(eml('110a')), eml('110a')]);
	await must(TELLER, ['import', '--db', db, eml('110b')]);
	await must(TELLER, ['import', '--db', db, '--hash', sha(eml('230b')), eml('230b')]);
	const typists = ['typist1', 'typist2', 'typist3', 'typist4'];
	const users = [['coordinator', 'coordinator'], ['typist-web', 'typist'], ...typists.map((t) => [t, 'typist'])];
	for (let i = 0; i < users.length; i += 2) // two at a time (two cores)
		await Promise.all(users.slice(i, i + 2).map(([name, role]) =>
			must(TELLER, ['user', 'add', '--db', db, '--role', role, name], initialPassword(name) + '\n')));
	const port = await freePort();
	BASE = `http://${HOST}:${port}`;
	const log = path.join(tmp, 'serve.log');
	server = spawn(TELLER, ['serve', '--db', db, '--no-tls', '--listen', `${HOST}:${port}`, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
	server.logText = '';
	server.stdout.on('data', (d) => { server.logText += d; });
	server.stderr.on('data', (d) => { server.logText += d; });
	const deadline = Date.now() + 10000;
	for (;;) {
		if (server.exitCode !== null) fail('teller serve ended: ' + server.logText.trim());
		try {
			const r = await fetch(BASE + '/api/me');
			await r.arrayBuffer();
			if (r.status === 401) break;
		} catch { /* not yet */ }
		if (Date.now() > deadline) fail('teller serve did not answer on ' + BASE);
		await sleep(25);
	}
	const serverDied = () => server === null || server.exitCode !== null || server.signalCode !== null;

	/* The count so far, through the API: first entries by typist1/2, second by typist3/4. */
	const coord = new Client('coordinator');
	const api = Object.fromEntries(typists.map((t) => [t, new Client(t)]));
	await coord.login();
	for (const t of typists) await api[t].login();
	await new Client('typist-web').login(); // its password changed; the browser logs in again
	const election = await coord.ok('GET', '/api/election');
	const form = (n) => consistentForm(election, n);
	const t1 = now();
	const first = (n) => n <= nDef + nDiff + nSecond + nFirst;
	const worker = async (c, list, fn) => { for (const n of list) await fn(c, n); };
	const every2 = (k, pred) => Array.from({ length: S }, (_, i) => i + 1).filter((n) => n % 2 === k && pred(n));
	await Promise.all([0, 1].map((k) => worker(api[typists[k]], every2(k, first), (c, n) =>
		enter(c, n, 1, form(n), n > nDef + nDiff + nSecond))));
	await Promise.all([0, 1].map((k) => worker(api[typists[2 + k]], every2(k, (n) => n <= nDef + nDiff + nSecond), (c, n) =>
		enter(c, n, 2, n <= nDef ? form(n) : differentForm(form(n)), n > nDef + nDiff).then((st) => {
			const want = n <= nDef ? 'definitive' : n <= nDef + nDiff ? 'different' : 'in_progress';
			if (st !== want) fail(`station ${n}: entry 2 gave ${st}, not ${want}`);
		}))));
	const stationsRes = await coord.req('GET', '/api/stations');
	const electionRes = await coord.req('GET', '/api/election');
	const count = {};
	for (const st of stationsRes.body) count[st.status] = (count[st.status] || 0) + 1;
	const want = { definitive: nDef, different: nDiff, second_in_progress: nSecond, first_in_progress: nFirst, empty: nEmpty };
	for (const [k, v] of Object.entries(want))
		if ((count[k] || 0) !== v) fail(`after filling: ${count[k] || 0} stations ${k}, expected ${v}`);
	const fillReqs = (nDef + nDiff + nSecond) * 3 + nFirst * 2 + (nDef + nDiff) * 3 + nSecond * 2;
	console.log(`  setup: database ${((t1 - t0) / 1e3).toFixed(1)} s, ${fillReqs} API requests to fill the stations ` +
		`${((now() - t1) / 1e3).toFixed(1)} s; server pid ${server.pid} on ${HOST}:${port}`);
	line('GET /api/stations (coordinator)', kbytes(stationsRes.bytes));
	line('GET /api/election', kbytes(electionRes.bytes));
	const mem0 = procMem(server.pid);
	line('server VmRSS before the pages', mem0 ? (mem0.rss / 1024).toFixed(1) + ' MB' : '–');
	rssTimer = setInterval(() => {
		const m = procMem(server.pid);
		if (m) rssSamples.push(m.rss);
	}, 200);

	/* The browser, as tests/browser/helpers.mjs launches it. */
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const errors = [];
	const newPage = async (ctx, who) => {
		const page = await ctx.newPage();
		page.setDefaultTimeout(30000);
		page.on('pageerror', (e) => errors.push(who + ': ' + String(e)));
		page.on('console', (m) => { if (m.type() === 'error') errors.push(who + ': console: ' + m.text()); });
		page.on('dialog', (d) => d.accept());
		return page;
	};
	const browserLogin = async (ctx, name) => {
		const r = await ctx.request.post('/api/login', { data: { username: name, password: password(name) } });
		if (r.status() !== 200) fail(`${name}: login in the browser: ${r.status()}`);
		return (await r.json()).csrf_token;
	};
	const heap = async (page) => {
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('HeapProfiler.collectGarbage');
		await cdp.send('Performance.enable');
		const { metrics } = await cdp.send('Performance.getMetrics');
		await cdp.detach();
		const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
		return `${mb(m.JSHeapUsedSize)} used of ${mb(m.JSHeapTotalSize)} (after a GC), ${m.Nodes} DOM nodes, ${m.JSEventListeners} listeners`;
	};
	/* The renderer's main-thread CPU time while fn runs (a trace of devtools.timeline):
	 * the tasks' thread time in all, and style, layout and paint within it; per n. */
	const mainCpu = async (page, n, fn) => {
		const cdp = await page.context().newCDPSession(page);
		const events = [];
		cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
		const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
		await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
		let result;
		try {
			result = await fn();
		} finally {
			await cdp.send('Tracing.end');
			await done;
			await cdp.detach();
		}
		const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain')
			.map((e) => e.pid + ':' + e.tid));
		const sum = { task: 0, style: 0, layout: 0, paint: 0 };
		const kind = { RunTask: 'task', UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint' };
		for (const e of events)
			if (e.ph === 'X' && kind[e.name] && main.has(e.pid + ':' + e.tid)) sum[kind[e.name]] += (e.tdur || 0) / 1000 / n;
		const other = sum.task - sum.style - sum.layout - sum.paint;
		return { result, text: `main-thread CPU ${sum.task.toFixed(0)} ms: style ${sum.style.toFixed(0)}, layout ${sum.layout.toFixed(0)}, ` +
			`paint ${sum.paint.toFixed(0)}, script and the rest ${other.toFixed(0)}` };
	};
	const ctxOpts = { baseURL: BASE, viewport: { width: 1366, height: 768 } };

	/* ---- the coordinator ---- */
	console.log('coordinator, #/stations with ' + S + ' stations:');
	const cctx = await browser.newContext(ctxOpts);
	await browserLogin(cctx, 'coordinator');
	await cctx.addInitScript(overviewProbe, S);
	const cp = await newPage(cctx, 'coordinator');
	const loads = [];
	for (let i = 0; i < 4; i++) {
		if (i === 0) await cp.goto('/#/stations');
		else await cp.reload();
		await cp.waitForFunction(() => window.__bench && window.__bench.renderFrame !== undefined);
		loads.push(await cp.evaluate(() => {
			const r = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/stations'));
			return { render: window.__bench.render, frame: window.__bench.renderFrame, fetched: r.length ? r[r.length - 1].responseEnd : NaN };
		}));
	}
	const later = loads.slice(1);
	line('first render (navigation to table + needs-me)', `${ms(median(later.map((l) => l.render)))} median of ${later.length} reloads ` +
		`(first load ${ms(loads[0].render)}); next frame ${ms(median(later.map((l) => l.frame)))}; ` +
		`GET /api/stations answered at ${ms(median(later.map((l) => l.fetched)))}`);
	// Functional: the counts of the filters.
	const counts = await cp.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('.filters button'))
		.map((b) => [b.dataset.state || 'all', Number(b.querySelector('.filter-count').textContent)])));
	for (const [k, v] of Object.entries({ ...want, all: S }))
		if (counts[k] !== v) fail(`overview: filter ${k} shows ${counts[k]}, expected ${v}`);

	// A hash change to the overview from another view (modules and election loaded).
	const hashTimes = [];
	for (let i = 0; i < 3; i++) {
		await cp.evaluate(() => { location.hash = '#/totals'; });
		await cp.waitForFunction(() => !document.querySelector('table.overview') && document.querySelector('#main details'));
		hashTimes.push(await cp.evaluate(async () => {
			const B = window.__bench;
			B.watch();
			const t = performance.now();
			location.hash = '#/stations';
			while (B.renderFrame === undefined) await new Promise((r) => setTimeout(r, 5));
			return { render: B.render - t, frame: B.renderFrame - t };
		}));
	}
	line('render after a hash change (#/totals -> #/stations)', `${ms(median(hashTimes.map((x) => x.render)))} median of 3, ` +
		`next frame ${ms(median(hashTimes.map((x) => x.frame)))}`);
	line('JS heap, overview drawn', await heap(cp));

	// Refresh cycles: the page's own 5 s poll. The drawing is timed from the
	// answer (resource timing) to the "Bijgewerkt om" line, which draw() precedes.
	await cp.evaluate(() => {
		const B = window.__bench;
		B.cycles = [];
		const u = document.querySelector('.search-row .help');
		new MutationObserver(() => {
			const t = performance.now();
			const c = { drawn: t };
			B.cycles.push(c);
			B.afterFrame().then((f) => { c.frame = f; });
		}).observe(u, { childList: true, characterData: true, subtree: true });
	});
	const cycle = async (change) => {
		const k = await cp.evaluate(() => window.__bench.cycles.length);
		if (change) await change();
		await cp.waitForFunction((n) => window.__bench.cycles.length > n && window.__bench.cycles[n].frame !== undefined, k, { timeout: 15000, polling: 250 });
		return cp.evaluate((n) => {
			const c = window.__bench.cycles[n];
			const r = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/stations') && e.responseEnd <= c.drawn);
			const e = r[r.length - 1];
			return { fetch: e.responseEnd - e.startTime, draw: c.drawn - e.responseEnd, total: c.frame - e.startTime, frame: c.frame - e.responseEnd };
		}, k);
	};
	// Wait for one cycle first, so that each measured one starts from a settled page.
	await cycle(null);
	const same = [await cycle(null), await cycle(null)];
	let spare = nDef + nDiff + nSecond + nFirst;
	const changed = [];
	const cpuChanged = await mainCpu(cp, 2, async () => {
		for (let i = 0; i < 2; i++) {
			const n = ++spare; // an empty station gets a first entry in progress
			changed.push(await cycle(() => api.typist1.ok('POST', `/api/stations/${n}/entries/1/claim`, {})));
		}
	});
	const cyc = (list) => `fetch ${ms(median(list.map((x) => x.fetch)))}, parse + draw ${ms(median(list.map((x) => x.draw)))}, ` +
		`to the next frame ${ms(median(list.map((x) => x.frame)))} (whole cycle ${ms(median(list.map((x) => x.total)))})`;
	line('refresh cycle, nothing changed', cyc(same));
	line('refresh cycle, one station changed', cyc(changed));
	line('  per cycle, one station changed', cpuChanged.text + ' (the ~5 s around it, idle included)');

	// Clicks with every row: a filter, a sort; a keystroke in the search field.
	const clickTimes = (sel, times) => cp.evaluate(async ([s, n]) => {
		const B = window.__bench;
		const out = [];
		for (let i = 0; i < n; i++) {
			for (const one of s) {
				await B.afterFrame();
				const el = document.querySelector(one);
				const t = performance.now();
				el.click();
				const t1 = performance.now();
				void document.body.offsetHeight; // style and layout now
				const t2 = performance.now();
				const f = await B.afterFrame();
				out.push({ sel: one, script: t1 - t, layout: t2 - t, frame: f - t, rows: document.querySelectorAll('table.overview tbody tr').length });
			}
		}
		return out;
	}, [sel, times]);
	const show = (name, list) => line(name, `handler ${ms(median(list.map((x) => x.script)))} (max ${ms(max(list.map((x) => x.script)))}), ` +
		`+ style/layout ${ms(median(list.map((x) => x.layout)))}, next frame ${ms(median(list.map((x) => x.frame)))} (max ${ms(max(list.map((x) => x.frame)))}); ${list.length} clicks`);
	const filtCpu = await mainCpu(cp, 10, () => clickTimes(['.filters button[data-state="definitive"]', '.filters button[data-state=""]'], 5));
	const filt = filtCpu.result;
	const toAll = filt.filter((x) => x.sel.endsWith('=""]'));
	if (toAll.some((x) => x.rows !== S)) fail('overview: the filter "Alle" does not show every station');
	show(`filter click "Alle" (${nDef} -> ${S} rows)`, toAll);
	show(`filter click "definitief" (${S} -> ${nDef} rows)`, filt.filter((x) => !x.sel.endsWith('=""]')));
	line('  per filter click', filtCpu.text);
	const sortCpu = await mainCpu(cp, 18, () => clickTimes(['name', 'status', 'since', 'first', 'notes', 'number'].map((k) => `button.sort[data-sort="${k}"]`), 3));
	const sorts = sortCpu.result;
	if (sorts.some((x) => x.rows !== S)) fail('overview: a sort lost rows');
	show(`sort click (${S} rows; 6 columns x 3)`, sorts);
	line('  per sort click', sortCpu.text);
	const searchTimes = await cp.evaluate(async () => {
		const B = window.__bench;
		const s = document.querySelector('#search');
		const out = [];
		for (let i = 0; i < 5; i++) {
			for (const v of ['1', '']) {
				await B.afterFrame();
				const t = performance.now();
				s.value = v;
				s.dispatchEvent(new Event('input'));
				const t1 = performance.now();
				void document.body.offsetHeight;
				const t2 = performance.now();
				out.push({ v, script: t1 - t, layout: t2 - t, frame: (await B.afterFrame()) - t });
			}
		}
		return out;
	});
	show(`search keystroke ("1": ${S} rows -> the 1xx)`, searchTimes.filter((x) => x.v === '1'));
	show(`search cleared (-> ${S} rows)`, searchTimes.filter((x) => x.v === ''));
	line('JS heap, after refreshes and clicks', await heap(cp));
	await cctx.close();

	/* ---- the typist ---- */
	console.log(`typist, ${O.lists} lists x ${O.candidates} candidates (${O.candidates + 1} fields a list section):`);
	const tctx = await browser.newContext(ctxOpts);
	const csrf = await browserLogin(tctx, 'typist-web');
	await tctx.addInitScript(typistProbe, S);
	const tp = await newPage(tctx, 'typist');
	await tp.goto('/#/stations');
	await tp.waitForFunction(() => window.__bench.listFrame !== undefined && document.activeElement && document.activeElement.id === 'quick');
	const listT = await tp.evaluate(() => [window.__bench.list, window.__bench.listFrame]);
	line(`station list (${S} rows), first render`, `${ms(listT[0])} after navigation start, next frame ${ms(listT[1])}`);

	// Open station S from the quick field: its number, Enter.
	const nWeb = S;
	const press = async (key) => {
		await tp.keyboard.press(key);
		await tp.evaluate(() => window.__bench.settled());
	};
	const k0 = await tp.evaluate(() => window.__bench.keys.length);
	for (const d of String(nWeb)) await press(d);
	const quickKeys = await tp.evaluate((k) => window.__bench.keys.slice(k), k0);
	await tp.keyboard.press('Enter');
	await tp.waitForFunction(() => document.activeElement && document.activeElement.id === 'f-voters-poll-cards');
	const open = await tp.evaluate(() => {
		const B = window.__bench;
		const k = B.keys[B.keys.length - 1];
		const f = B.focus.find((x) => x.id === 'f-voters-poll-cards' && x.t > k.t0);
		return f.t - k.t0;
	});
	line('quick field keystroke (filters the list)', `handled ${ms(median(quickKeys.map((k) => k.tHandled - k.t0)))} median ` +
		`(max ${ms(max(quickKeys.map((k) => k.tHandled - k.t0)))}), next frame ${ms(median(quickKeys.map((k) => k.tFrame - k.t0)))}; ${quickKeys.length} keys`);
	line('open an entry (number + Enter -> field focused)', ms(open) + ' (claim, GET of the entry, the form drawn)');

	// Type the sections, digit by digit, Enter after each field.
	const f = form(nWeb);
	const sectionsToType = 3 + O.typeLists;
	await tp.evaluate(() => window.__bench.watchStatus());
	const kStart = await tp.evaluate(() => window.__bench.keys.length);
	const changes = [];
	const tType = now();
	for (let s = 0; s < sectionsToType; s++) {
		const fields = await tp.evaluate(() => Array.from(document.querySelectorAll('.entry-main input.num')).map((i) => ({ id: i.id, path: i.dataset.path })));
		if (!fields.length) fail(`typist: section ${s + 1} has no fields`);
		const active = await tp.evaluate(() => document.activeElement && document.activeElement.id);
		if (active !== fields[0].id) fail(`typist: section ${s + 1} starts in ${active}, not ${fields[0].id}`);
		for (let i = 0; i < fields.length; i++) {
			const v = getAt(f, fields[i].path);
			if (!Number.isInteger(v)) fail('typist: no figure for ' + fields[i].path);
			for (const d of String(v)) await press(d);
			const shown = await tp.evaluate((id) => document.getElementById(id).value, fields[i].id);
			if (shown !== String(v)) fail(`typist: ${fields[i].path} shows "${shown}" after typing ${v}`);
			await press('Enter');
			if (i === fields.length - 1) changes.push(await tp.evaluate(() => window.__bench.keys.length - 1));
		}
	}
	const typeSecs = (now() - tType) / 1e3;
	// Every save done: the last status says so.
	await tp.waitForFunction(() => /^Opgeslagen/.test(document.querySelector('.save-status').textContent), null, { timeout: 15000 });
	const T = await tp.evaluate((k) => ({ keys: window.__bench.keys.slice(k), status: window.__bench.status,
		puts: performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'fetch' && /\/entries\/\d+$/.test(e.name))
			.map((e) => ({ start: e.startTime, end: e.responseEnd })) }), kStart);
	const changeIdx = new Set(changes.map((i) => i - kStart));
	const digits = T.keys.filter((k) => /^\d$/.test(k.key));
	const enters = T.keys.filter((k, i) => k.key === 'Enter' && !changeIdx.has(i));
	const secs = T.keys.filter((k, i) => changeIdx.has(i));
	for (const k of digits) if (!k.value || !k.value.endsWith(k.key)) fail(`typist: the digit ${k.key} did not show in ${k.id}`);
	for (const k of enters) if (!k.focusId || k.focusId === k.id) fail(`typist: Enter in ${k.id} did not move the focus`);
	const mp = (list, fn) => `median ${ms(median(list.map(fn)))}, p99 ${ms(pct(list.map(fn), 0.99))}, max ${ms(max(list.map(fn)))}`;
	console.log(`  typed ${T.keys.length - digits.length} fields, ${T.keys.length} keys in ${typeSecs.toFixed(1)} s (the voters, votes and ` +
		`differences sections and ${O.typeLists} list sections; each key once the last one's frame was drawn)`);
	line(`keypress (digit) -> value in the field, ${digits.length} keys`, 'handled ' + mp(digits, (k) => k.tInput - k.t0));
	line('keypress (digit) -> next frame', mp(digits, (k) => k.tFrame - k.t0));
	line(`Enter -> next field focused, ${enters.length} keys`, 'handled ' + mp(enters, (k) => k.tFocus - k.t0));
	line('Enter -> next frame', mp(enters, (k) => k.tFrame - k.t0));
	const saved = secs.map((k) => {
		const s = T.status.find((x) => x.t > k.t0 && /^Opgeslagen/.test(x.text));
		const put = T.puts.find((p) => p.start >= k.t0);
		return { saved: s ? s.t - k.t0 : NaN, put: put ? put.end - put.start : NaN };
	});
	for (const k of secs) if (!k.focusId || k.focusId === k.id) fail(`typist: Enter on the last field ${k.id} did not open the next section`);
	line(`section change, ${secs.length}x`, 'Enter on the last field -> next section\'s first field focused: handled ' + mp(secs, (k) => k.tFocus - k.t0) +
		`; next frame median ${ms(median(secs.map((k) => k.tFrame - k.t0)))}`);
	line('section change -> "Opgeslagen" shown', `(the save's round trip) median ${ms(median(saved.map((x) => x.saved)))}, max ${ms(max(saved.map((x) => x.saved)))}` +
		` (the PUT itself: median ${ms(median(saved.map((x) => x.put)))})`);
	line('JS heap, entry page after typing', await heap(tp));

	// Functional: the server has what was typed.
	const got = await (await tctx.request.get(`/api/stations/${nWeb}/entries/1`)).json();
	for (const p of ['voters.poll_cards', 'votes.votes_cast', 'differences.taken_home',
		...Array.from({ length: O.typeLists }, (_, i) => [`lists[${i}].total`, `lists[${i}].candidates[0]`]).flat()])
		if (getAt(got.form, p) !== getAt(f, p)) fail(`typist: the server has ${getAt(got.form, p)} for ${p}, typed ${getAt(f, p)}`);

	// Cold: #/entry/N/1 in a fresh document (another station, claimed first).
	const nCold = S - 1;
	const cl = await tctx.request.post(`/api/stations/${nCold}/entries/1/claim`, { data: {}, headers: { 'X-CSRF-Token': csrf } });
	if (cl.status() !== 200) fail(`typist: claim of station ${nCold}: ${cl.status()}`);
	const colds = [];
	for (let i = 0; i < 3; i++) {
		await tp.goto('about:blank');
		await tp.goto(`/#/entry/${nCold}/1`);
		await tp.waitForFunction(() => window.__bench.focus.length > 0 && document.activeElement && document.activeElement.matches('input.num'));
		colds.push(await tp.evaluate(() => window.__bench.focus[0].t));
	}
	line(`open #/entry/${nCold}/1 cold (navigation -> field focused)`, `${ms(median(colds))} median of 3 (${colds.map((x) => x.toFixed(0)).join(', ')} ms)`);
	await tctx.close();

	/* ---- the server ---- */
	clearInterval(rssTimer);
	rssTimer = null;
	const memEnd = procMem(server.pid);
	line('server VmRSS while the pages ran', `max ${(max(rssSamples) / 1024).toFixed(1)} MB, median ${(median(rssSamples) / 1024).toFixed(1)} MB ` +
		`(${rssSamples.length} samples); VmHWM ${memEnd ? (memEnd.hwm / 1024).toFixed(1) + ' MB' : '–'}`);
	if (serverDied()) fail('teller serve died: ' + server.logText.trim());
	if (errors.length) fail('errors in the pages:\n    ' + errors.join('\n    '));
}

let rc = 0;
try {
	await main();
} catch (e) {
	rc = 1;
	console.error('bench_pages: ' + (e instanceof Broken ? e.message : e.stack || String(e)));
	if (server && server.logText) console.error('  server log: ' + server.logText.trim().slice(-2000));
}
await stopAll();
process.exit(rc);
