// Helpers of the HTTP API tests (run by tests/http_api.sh with TELLER set to the binary).
// Each test file starts its own demo database and server on a free port of 127.0.0.1,
// so files can run in parallel and never share state (nor login throttles).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TELLER = path.resolve(REPO, process.env.TELLER || 'build/teller');
export const HOST = '127.0.0.1';

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts a fresh demo database (fixtures/demo.sh) and `teller serve` on it.
// Returns a Server: { base, port, db, dir, adminPassword, passwords, crashes, stop(),
// ensureAlive() }.
export async function startServer() {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'teller-http-'));
	const db = path.join(dir, 'demo.db');
	execFileSync('sh', ['fixtures/demo.sh'], {
		cwd: REPO,
		env: { ...process.env, DEMO_NO_SERVE: '1', DEMO_DB: db, TELLER },
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const init = readFileSync(db + '.init.txt', 'utf8');
	const m = /One-time password:\s*(\S+)/.exec(init);
	if (!m) throw new Error('no one-time password in ' + db + '.init.txt');
	const server = new Server(dir, db, m[1]);
	await server.launch();
	return server;
}

class Server {
	constructor(dir, db, adminPassword) {
		this.dir = dir;
		this.db = db;
		this.adminPassword = adminPassword;
		this.passwords = { beheerder: adminPassword };
		this.crashes = [];  // how the server ended when nobody asked it to
		this.child = null;
		this.port = 0;
		this.base = '';
		this.stopping = false;
	}

	get alive() {
		return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
	}

	// Starts `teller serve` (on the same port when it can, so sessions and clients go on).
	async launch() {
		for (let attempt = 0; attempt < 5; attempt++) {
			const port = attempt === 0 && this.port ? this.port : await freePort();
			const child = spawn(TELLER, ['serve', '--db', this.db, '--listen', `${HOST}:${port}`,
				'--no-tls', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
			child.stderrText = '';
			child.stderr.on('data', (d) => { child.stderrText += d; });
			child.exited = new Promise((r) => child.on('exit', (code, signal) => {
				if (!this.stopping && this.child === child)
					this.crashes.push(`exit ${code} signal ${signal}: ${child.stderrText.trim()}`);
				r();
			}));
			this.child = child;
			const base = `http://${HOST}:${port}`;
			const deadline = Date.now() + 10000;
			while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
				try {
					const res = await fetch(base + '/api/me');
					await res.arrayBuffer();
					if (res.status === 401) {
						this.port = port;
						this.base = base;
						return;
					}
				} catch {
					// not listening yet
				}
				await sleep(25);
			}
			this.stopping = true;
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await child.exited;
			this.stopping = false;
			if (attempt === 4) throw new Error('teller serve did not start: ' + child.stderrText);
		}
	}

	// When a request killed the server (a crash is a bug, reported by the test that caused
	// it), starts it again on the same database so the next tests still say something.
	async ensureAlive() {
		if (!this.alive) await this.launch();
	}

	// kill -9 and start again on the same database and port: what a power cut does.
	async restart() {
		this.stopping = true;
		const child = this.child;
		if (child && child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await child.exited;
		}
		this.stopping = false;
		await this.launch();
	}

	async stop() {
		this.stopping = true;
		const child = this.child;
		if (child && child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const t = setTimeout(() => child.kill('SIGKILL'), 3000);
			await child.exited;
			clearTimeout(t);
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}

// One laptop: a cookie jar for one user, and the CSRF token of its session.
export class Client {
	constructor(server, name) {
		this.server = server;
		this.name = name;
		this.cookie = null;
		this.csrf = null;
		this.role = null;
	}

	// A request. opts: body (an object: sent as JSON), raw (a string sent as is),
	// csrf (false: leave the header out; a string: send that), contentType (false: none;
	// a string: that), headers (more headers), cookie (false: send none).
	async req(method, url, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		if (this.cookie && opts.cookie !== false) headers.Cookie = this.cookie;
		let body;
		if (opts.raw !== undefined) body = opts.raw;
		else if (opts.body !== undefined) body = JSON.stringify(opts.body);
		const change = method !== 'GET' && method !== 'HEAD';
		if (change) {
			if (opts.contentType !== false)
				headers['Content-Type'] = typeof opts.contentType === 'string' ? opts.contentType :
					'application/json';
			if (opts.csrf !== false) {
				const t = typeof opts.csrf === 'string' ? opts.csrf : this.csrf;
				if (t) headers['X-CSRF-Token'] = t;
			}
		}
		let res;
		try {
			res = await fetch(this.server.base + url, { method, headers, body, redirect: 'manual' });
		} catch (e) {
			await sleep(50);
			if (!this.server.alive)
				throw new Error(`${method} ${url}: teller serve died: ${this.server.crashes[this.server.crashes.length - 1]}`);
			throw e;
		}
		const text = await res.text();
		let json = null;
		try {
			json = text ? JSON.parse(text) : null;
		} catch {
			json = null;
		}
		const setCookie = res.headers.get('set-cookie');
		if (setCookie && opts.keepCookie !== false) {
			const pair = setCookie.split(';')[0];
			if (/^teller_session=$/.test(pair)) this.cookie = null;
			else if (pair.startsWith('teller_session=')) this.cookie = pair;
		}
		return { status: res.status, headers: res.headers, body: json, text };
	}

	get(url, opts) { return this.req('GET', url, opts); }
	post(url, body, opts = {}) { return this.req('POST', url, { body: body ?? {}, ...opts }); }
	put(url, body, opts = {}) { return this.req('PUT', url, { body, ...opts }); }

	// Logs in; answers the login response. Keeps cookie and CSRF token.
	async login(password) {
		const r = await this.post('/api/login', { username: this.name, password });
		if (r.status === 200) {
			this.csrf = r.body.csrf_token;
			this.role = r.body.role;
		}
		return r;
	}

	// Typist shortcuts.
	claim(n, e) { return this.post(`/api/stations/${n}/entries/${e}/claim`); }
	entry(n, e) { return this.get(`/api/stations/${n}/entries/${e}`); }
	save(n, e, form, progress) {
		return this.put(`/api/stations/${n}/entries/${e}`, progress === undefined ? form :
			{ ...form, progress });
	}
	finalise(n, e, confirmed) {
		return this.post(`/api/stations/${n}/entries/${e}/finalise`,
			confirmed === undefined ? {} : { warnings_confirmed: confirmed });
	}
	discard(n, e) { return this.post(`/api/stations/${n}/entries/${e}/discard`); }

	// Coordinator shortcuts.
	detail(n) { return this.get(`/api/stations/${n}`); }
	resolve(n, action) { return this.post(`/api/stations/${n}/resolve`, { action }); }
	reset(n) { return this.post(`/api/stations/${n}/reset`); }
}

export const demoPassword = (name) => `demo-${name}-2026`;
export const newPassword = (name) => `nieuw-${name}-wachtwoord-2026`;

// Logs a user in (demo password, or the one-time password of beheerder) and, when the
// account must change its password, changes it; answers a ready Client.
export async function login(server, name) {
	const c = new Client(server, name);
	const pw = server.passwords[name] || demoPassword(name);
	const r = await c.login(pw);
	assert.equal(r.status, 200, `login of ${name}: ${r.text}`);
	if (r.body.must_change_password) {
		const fresh = newPassword(name);
		const p = await c.post('/api/account/password', { current: pw, new: fresh });
		assert.equal(p.status, 200, `password change of ${name}: ${p.text}`);
		server.passwords[name] = fresh;
		const me = await c.get('/api/me');
		assert.equal(me.status, 200);
		assert.equal(me.body.must_change_password, false);
		c.csrf = me.body.csrf_token;
	}
	return c;
}

// ---- count forms ----

// Sets a value at a path such as "votes.blank_votes" or "lists[1].candidates[0]".
export function setPath(obj, p, value) {
	const parts = p.replace(/\[(\d+)\]/g, '.$1').split('.');
	let o = obj;
	for (let i = 0; i < parts.length - 1; i++) o = o[parts[i]];
	o[parts[parts.length - 1]] = value;
}

export function getPath(obj, p) {
	return p.replace(/\[(\d+)\]/g, '.$1').split('.').reduce((o, k) => o[k], obj);
}

// Every field path of a form, in paper order (as tally_form_field lists them).
export function formPaths(election) {
	const out = ['voters.poll_cards', 'voters.proxy_certificates'];
	if (election.election.has_voter_cards) out.push('voters.voter_cards');
	out.push('voters.admitted_voters');
	election.lists.forEach((_, i) => out.push(`votes.list_totals[${i}]`));
	out.push('votes.valid_votes', 'votes.blank_votes', 'votes.invalid_votes', 'votes.votes_cast');
	for (const k of ['more_ballots_counted', 'fewer_ballots_counted', 'taken_home', 'too_few_issued',
		'too_many_issued', 'no_explanation', 'other_explanation'])
		out.push('differences.' + k);
	election.lists.forEach((l, i) => {
		l.candidates.forEach((_, j) => out.push(`lists[${i}].candidates[${j}]`));
		out.push(`lists[${i}].total`);
	});
	return out;
}

// A form of the election's shape with every field empty (null).
export function emptyForm(election) {
	return {
		voters: {
			poll_cards: null, proxy_certificates: null, voter_cards: null, admitted_voters: null,
		},
		votes: {
			list_totals: election.lists.map(() => null), valid_votes: null, blank_votes: null,
			invalid_votes: null, votes_cast: null,
		},
		differences: {
			more_ballots_counted: null, fewer_ballots_counted: null, taken_home: null,
			too_few_issued: null, too_many_issued: null, no_explanation: null, other_explanation: null,
		},
		lists: election.lists.map((l) => ({
			number: l.number, total: null, candidates: l.candidates.map(() => null),
		})),
	};
}

// A consistent count form (no errors, no warnings) for the election.
// overrides: poll_cards (A, 800), proxy_certificates (B, 20), voter_cards (C, 0 where the
// election has them), blank (F, 5), invalid (G, 5), variant (added to A and to the first
// candidate of list 1: use the station number so no two stations are identical, W.206),
// set ({path: value} applied last, to break the form on purpose).
// Then D = A + B (+ C), H = D, E = H - F - G, E spread over the lists, each list's total
// spread over its candidates.
export function makeForm(election, overrides = {}) {
	const o = { poll_cards: 800, proxy_certificates: 20, blank: 5, invalid: 5, variant: 0,
		...overrides };
	const hasC = election.election.has_voter_cards;
	const A = o.poll_cards + o.variant;
	const B = o.proxy_certificates;
	const C = hasC ? (o.voter_cards ?? 0) : null;
	const D = A + B + (C ?? 0);
	const H = D;
	const F = o.blank;
	const G = o.invalid;
	const E = H - F - G;
	const nl = election.lists.length;
	const weights = election.lists.map((_, i) => nl - i);
	const wsum = weights.reduce((a, b) => a + b, 0);
	const totals = weights.map((w) => Math.floor((E * w) / wsum));
	totals[0] += E - totals.reduce((a, b) => a + b, 0);
	const lists = election.lists.map((l, i) => {
		const n = l.candidates.length;
		const each = Math.floor(totals[i] / (2 * n));
		const cands = l.candidates.map(() => each);
		cands[0] += totals[i] - each * n;
		return { number: l.number, total: totals[i], candidates: cands };
	});
	const form = {
		voters: { poll_cards: A, proxy_certificates: B, voter_cards: C, admitted_voters: D },
		votes: { list_totals: totals, valid_votes: E, blank_votes: F, invalid_votes: G, votes_cast: H },
		differences: {
			more_ballots_counted: 0, fewer_ballots_counted: 0, taken_home: 0, too_few_issued: 0,
			too_many_issued: 0, no_explanation: 0, other_explanation: 0,
		},
		lists,
	};
	for (const [p, v] of Object.entries(o.set || {})) setPath(form, p, v);
	return form;
}

// The form with only the given sections filled in (the rest null): what a typist has
// saved after typing those sections. sections: of 'voters', 'votes', 'differences',
// 'lists-<i>' (0-based).
export function partialForm(election, full, sections) {
	const f = emptyForm(election);
	for (const s of sections) {
		if (s.startsWith('lists-')) {
			const i = Number(s.slice(6));
			f.lists[i] = structuredClone(full.lists[i]);
		} else {
			f[s] = structuredClone(full[s]);
		}
	}
	return f;
}

// Asserts an API error answer: the status, and {"error": {"code", "message"}} with the code
// given (any snake_case code when code is undefined) and a message.
export function assertError(r, status, code, what = '') {
	assert.equal(r.status, status, `${what} expected ${status} ${code ?? ''}, got ${r.status} ${r.text}`);
	assert.ok(r.body && r.body.error, `${what} no error object: ${r.text}`);
	if (code !== undefined) assert.equal(r.body.error.code, code, `${what} error code: ${r.text}`);
	else assert.match(r.body.error.code, /^[a-z_]+$/, `${what} error code: ${r.text}`);
	assert.equal(typeof r.body.error.message, 'string');
	assert.ok(r.body.error.message.length > 0, `${what} empty message`);
}

export function assertOk(r, status = 200, what = '') {
	assert.equal(r.status, status, `${what} expected ${status}, got ${r.status} ${r.text}`);
	return r.body;
}

// Everything the coordinator can read of the count: the station list and every station's
// detail (entries, figures, findings, differences). Compare two of these to show that a
// refused request changed nothing.
// A save that the server accepted without findings; it answers the entry's new revision.
export function assertClean(r, what = '') {
	const b = assertOk(r, 200, what);
	assert.deepEqual({ errors: b.errors, warnings: b.warnings }, { errors: [], warnings: [] }, what);
	assert.ok(Number.isInteger(b.revision) && b.revision > 0, 'revision ' + b.revision);
	return b;
}

// Whether a path is a candidate's field (left empty it counts as 0: no F.001).
export const isCandidate = (p) => p.includes('.candidates[');

export async function snapshot(coord) {
	const list = await coord.get('/api/stations');
	assert.equal(list.status, 200);
	const details = [];
	for (const s of list.body) {
		const d = await coord.detail(s.number);
		assert.equal(d.status, 200);
		details.push(d.body);
	}
	const totals = await coord.get('/api/totals');
	assert.equal(totals.status, 200);
	return { list: list.body, details, totals: totals.body };
}

// The coordinator's view of one station (status and entries).
export async function stationState(coord, n) {
	const d = await coord.detail(n);
	assert.equal(d.status, 200, d.text);
	return d.body;
}

export async function statusOf(coord, n) {
	return (await stationState(coord, n)).station.status;
}

// Registers the hooks of a test file: a fresh server before the tests (then init(ctx), e.g.
// to log users in), stopped after them; before each test a dead server is started again,
// and a test during which the server died fails.
export function useServer(init) {
	const ctx = {};
	let crashes = 0;
	before(async () => {
		ctx.server = await startServer();
		if (init) await init(ctx);
	});
	after(async () => {
		if (ctx.server) await ctx.server.stop();
	});
	beforeEach(async () => {
		await ctx.server.ensureAlive();
		crashes = ctx.server.crashes.length;
	});
	afterEach(async () => {
		if (ctx.server.crashes.length > crashes || !ctx.server.alive) {
			await sleep(50);
			throw new Error('teller serve crashed during this test: ' +
				ctx.server.crashes.slice(crashes).join('; '));
		}
	});
	return ctx;
}

// Sends a raw HTTP/1.1 request (for what fetch cannot express) and answers
// { status, headers (lower-case names), text, body (parsed JSON or null) }.
export function rawRequest(server, head, body = '') {
	return new Promise((resolve, reject) => {
		const sock = net.connect(server.port, HOST);
		const chunks = [];
		sock.setTimeout(10000, () => sock.destroy(new Error('raw request timed out')));
		sock.on('data', (d) => chunks.push(d));
		sock.on('error', reject);
		sock.on('close', () => {
			const all = Buffer.concat(chunks).toString('latin1');
			const sep = all.indexOf('\r\n\r\n');
			if (sep < 0) return reject(new Error('no HTTP answer: ' + JSON.stringify(all)));
			const lines = all.slice(0, sep).split('\r\n');
			const status = Number(lines[0].split(' ')[1]);
			const headers = {};
			for (const l of lines.slice(1)) {
				const i = l.indexOf(':');
				headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
			}
			let text = all.slice(sep + 4);
			if ((headers['transfer-encoding'] || '').includes('chunked')) {
				let out = '';
				let rest = text;
				for (;;) {
					const nl = rest.indexOf('\r\n');
					const size = parseInt(rest.slice(0, nl), 16);
					if (!size) break;
					out += rest.slice(nl + 2, nl + 2 + size);
					rest = rest.slice(nl + 2 + size + 2);
				}
				text = out;
			}
			let json = null;
			try { json = JSON.parse(text); } catch { json = null; }
			resolve({ status, headers, text, body: json });
		});
		sock.write(head.replace(/\n/g, '\r\n') + '\r\n' + 'Connection: close\r\n\r\n');
		if (body) sock.write(body);
	});
}
