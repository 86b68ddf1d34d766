// The durability harness: typists save as fast as they can while `teller serve` is killed
// (kill -9) or its power is cut (tests/powercut.c, an LD_PRELOAD shim that keeps only what was
// synced, in the database's folder and its key folder); then Teller starts again and every
// acknowledged operation must be there.
//
// Used by tests/http/durability.test.mjs (a few rounds, in the suite) and by
// bench/bench_durability.mjs (100 rounds and more). No dependencies.
//
// The model. Typist t owns stations 2t-1 and 2t (entry 1). It works one station at a time:
// claim, a few saves (each a different form, its number in "progress" so the audit record
// names it), then finalise (when its other station is free) or discard. Every request of a
// typist waits for the one before, so at a crash a typist has at most one answer it never
// got. After the restart, for each station, what Teller holds must be what the acknowledged
// operations made, or that plus the one unanswered request:
//   - the station's status, the entry's revision (equal to the last acknowledged save's, or
//     higher only when the unanswered request was a save) and its figures (equal to the form
//     of that save);
//   - the audit records of the round, per station, in order: exactly the acknowledged
//     operations, then possibly the unanswered one (every action, saves included, is audited
//     in the same transaction as the change);
//   - `teller audit --verify` passes and SQLite's integrity_check says ok (when the sqlite3
//     tool is installed).
// Between rounds the coordinator resets some finalised stations, so the typists never run out.
// Each typist talks from its own loopback address (127.0.0.11, .12, ...), one keep-alive
// connection each, as laptops on the LAN do; the coordinator from 127.0.0.2.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOST = '127.0.0.1';
const DEMO = path.join(REPO, 'fixtures', 'demo');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function hasSqlite() {
	try {
		execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

// ---- the election: Juinen with as many stations as asked, and the accounts ----

// The published hash code of a Juinen file (fixtures/demo.sh does the same in sh).
function codeOf(file) {
	const lines = readFileSync(path.join(DEMO, 'Hashcodes-Juinen.txt'), 'utf8').replace(/^\uFEFF/, '')
		.replace(/\r/g, '').split('\n');
	for (let i = 0; i < lines.length; i++) {
		const f = lines[i].trim().split(/\s+/);
		if (f[0] === 'eml_hash' && f[1] === file) return lines[i + 1].trim();
	}
	throw new Error('no hash code for ' + file);
}

// The demo's 110b with n polling stations (its first one repeated, each its own place).
function stationList(n) {
	const xml = readFileSync(path.join(DEMO, 'stembureaus-juinen-demo.eml.xml'), 'utf8');
	const places = [...xml.matchAll(/ *<PollingPlace Channel="polling">[\s\S]*?<\/PollingPlace>\n/g)];
	const first = places[0][0];
	const start = places[0].index;
	const last = places[places.length - 1];
	const end = last.index + last[0].length;
	let body = '';
	for (let i = 1; i <= n; i++) {
		const letters = String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + (Math.floor(i / 26) % 26));
		body += first.replace(/<xal:LocalityName>[^<]*</, `<xal:LocalityName>Stembureau ${i}<`)
			.replace(/<xal:PostalCodeNumber>[^<]*</, `<xal:PostalCodeNumber>25${String(40 + (i % 60)).padStart(2, '0')} ${letters}<`)
			.replace(/<PollingStation Id="\d+">\d+</, `<PollingStation Id="${i}">${1000 + i}<`);
	}
	return xml.slice(0, start) + body + xml.slice(end);
}

export const typistName = (i) => `typist${i}`;
const password = (name) => `duur-${name}-wachtwoord-2026`;
const fresh = (name) => `nieuw-${name}-wachtwoord-2026`;

// Makes dir/teller.db: the Juinen election with 2 stations per typist, the typists and a
// coordinator (all accounts before any data entry). Answers the database's path.
export async function makeElection(teller, dir, typists) {
	const db = path.join(dir, 'teller.db');
	const run = (args, input) => execFileSync(teller, args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
	run(['init', '--db', db, '--municipality', '0042', '--name', 'Juinen']);
	const a = 'eml110a_verkiezingsdefinitie-juinen.eml.xml';
	const c = 'eml230b_kandidatenlijsten-juinen.eml.xml';
	run(['import', '--db', db, '--hash', codeOf(a), path.join(DEMO, a)]);
	const b = path.join(dir, 'stations.eml.xml');
	writeFileSync(b, stationList(2 * typists));
	run(['import', '--db', db, b]);
	run(['import', '--db', db, '--hash', codeOf(c), path.join(DEMO, c)]);
	// the accounts, as many at a time as there are cores (each hashes a password)
	const add = [['coordinator', 'coordinator']];
	for (let i = 1; i <= typists; i++) add.push([typistName(i), 'typist']);
	const one = ([name, role]) => new Promise((resolve, reject) => {
		const c = execFile(teller, ['user', 'add', '--db', db, '--role', role, name], (e, out, err) =>
			(e ? reject(new Error(`user add ${name}: ${err}`)) : resolve()));
		c.stdin.end(password(name) + '\n');
	});
	await Promise.all(Array.from({ length: os.availableParallelism() }, async () => {
		while (add.length) await one(add.shift());
	}));
	return db;
}

// ---- one laptop: its own address on the loopback, a keep-alive connection, a session ----

export class Laptop {
	constructor(teller, name, address) {
		this.teller = teller;
		this.name = name;
		this.address = address;
		this.reconnect();
		this.cookie = null;
		this.csrf = null;
	}

	// Answers { status, body, text }; rejects when no answer came (the server died).
	req(method, url, body) {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const headers = {};
		if (this.cookie) headers.Cookie = this.cookie;
		if (method !== 'GET') {
			headers['Content-Type'] = 'application/json';
			if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
			headers['Content-Length'] = Buffer.byteLength(data ?? '');
		}
		return new Promise((resolve, reject) => {
			const r = http.request({ host: HOST, port: this.teller.port, method, path: url, headers,
				agent: this.agent }, (res) => {
				const chunks = [];
				res.on('data', (d) => chunks.push(d));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json = null;
					try { json = text ? JSON.parse(text) : null; } catch { json = null; }
					const sc = res.headers['set-cookie'];
					if (sc) for (const c of sc) {
						const pair = c.split(';')[0];
						if (pair.startsWith('teller_session=')) this.cookie = pair;
					}
					resolve({ status: res.statusCode, body: json, text });
				});
			});
			r.setTimeout(30000, () => r.destroy(new Error(`${method} ${url}: no answer in 30 s`)));
			r.on('error', reject);
			r.end(data ?? undefined);
		});
	}

	async ok(method, url, body) {
		const r = await this.req(method, url, body);
		assert.ok(r.status >= 200 && r.status < 300, `${this.name}: ${method} ${url}: ${r.status} ${r.text}`);
		return r.body;
	}

	// Logs in and changes the one-time password (setup, not counted).
	async login() {
		const r = await this.ok('POST', '/api/login', { username: this.name, password: password(this.name) });
		this.csrf = r.csrf_token;
		if (r.must_change_password) {
			await this.ok('POST', '/api/account/password', { current: password(this.name), new: fresh(this.name) });
			this.csrf = (await this.ok('GET', '/api/me')).csrf_token;
		}
	}

	// A new connection for the next request (after the server was started again).
	reconnect() {
		if (this.agent) this.agent.destroy();
		this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: this.address });
	}

	close() {
		this.agent.destroy();
	}
}

// ---- the server ----

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

export class Teller {
	constructor(teller, db) {
		this.teller = teller;
		this.db = db;
		this.port = 0;
		this.child = null;
	}

	// Starts `teller serve` (on the same port as before when it can); env: more variables.
	async start(env = {}) {
		for (let attempt = 0; attempt < 5; attempt++) {
			const port = attempt === 0 && this.port ? this.port : await freePort();
			const child = spawn(this.teller, ['serve', '--db', this.db, '--listen', `${HOST}:${port}`,
				'--no-tls', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
			child.stderrText = '';
			child.stderr.on('data', (d) => { child.stderrText += d; });
			child.ended = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
			this.child = child;
			const deadline = Date.now() + 15000;
			while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
				try {
					const status = await new Promise((resolve, reject) => {
						const r = http.get({ host: HOST, port, path: '/api/me', agent: false }, (res) => {
							res.resume();
							res.on('end', () => resolve(res.statusCode));
						});
						r.on('error', reject);
					});
					if (status === 401) {
						this.port = port;
						return;
					}
				} catch {
					// not listening yet
				}
				await sleep(20);
			}
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			const end = await child.ended;
			if (attempt === 4 || end.code !== null && !/bind|address|listen/i.test(child.stderrText))
				throw new Error(`teller serve did not start (${JSON.stringify(end)}): ${child.stderrText}`);
		}
	}

	// Sends sig to the server and waits until it has ended; answers { code, signal }.
	async kill(sig = 'SIGKILL') {
		const child = this.child;
		if (child.exitCode === null && child.signalCode === null) child.kill(sig);
		const end = await child.ended;
		this.child = null;
		return end;
	}

	async stop() {
		if (!this.child) return;
		const t = setTimeout(() => this.child && this.child.kill('SIGKILL'), 5000);
		const end = await this.kill('SIGTERM');
		clearTimeout(t);
		return end;
	}
}

// ---- the count form ----

// A consistent form (no errors) for the election, different for every n (fixtures/ and
// tests/http/helpers.mjs's makeForm, reduced to what the harness needs).
function formFor(election, n) {
	const A = 600 + (n % 400);
	const B = 20;
	const hasC = election.election.has_voter_cards;
	const C = hasC ? 0 : null;
	const D = A + B;
	const F = 5;
	const G = 5;
	const E = D - F - G;
	const nl = election.lists.length;
	const totals = election.lists.map((_, i) => (i === 0 ? 0 : Math.floor(E / (2 * nl))));
	totals[0] = E - totals.reduce((a, b) => a + b, 0);
	const lists = election.lists.map((l, i) => {
		const each = Math.floor(totals[i] / (2 * l.candidates.length));
		const cands = l.candidates.map(() => each);
		cands[0] += totals[i] - each * l.candidates.length;
		return { number: l.number, total: totals[i], candidates: cands };
	});
	// n itself also in a candidate's votes (moved from the first), so two forms never match
	if (lists[0].candidates.length > 1) {
		const k = Math.min(Math.floor(n / 400), lists[0].candidates[0]);
		lists[0].candidates[0] -= k;
		lists[0].candidates[1] += k;
	}
	return {
		voters: { poll_cards: A, proxy_certificates: B, voter_cards: C, admitted_voters: D },
		votes: { list_totals: totals, valid_votes: E, blank_votes: F, invalid_votes: G, votes_cast: D },
		differences: {
			more_ballots_counted: 0, fewer_ballots_counted: 0, taken_home: 0, too_few_issued: 0,
			too_many_issued: 0, no_explanation: 0, other_explanation: 0,
		},
		lists,
	};
}

// ---- the typists ----

// What the acknowledged operations made of a station: { kind: 'empty' | 'held' | 'final',
// revision (held: of the last save, null before one), form (held after a save, final),
// save (the number of that save) }.
const EMPTY = { kind: 'empty' };

// An operation and its effect on the model.
function effect(state, op) {
	switch (op.op) {
	case 'claim': return { kind: 'held', revision: null, form: null, save: null };
	case 'save': return { kind: 'held', revision: op.revision ?? null, form: op.form, save: op.save };
	case 'finalise': return { kind: 'final', form: state.form, save: state.save };
	case 'discard': return EMPTY;
	case 'reset': return EMPTY;
	default: throw new Error('unknown op ' + op.op);
	}
}

// The audit record an operation leaves: [action, progress or null].
function auditOf(op) {
	switch (op.op) {
	case 'claim': return ['claim_entry_1', null];
	case 'save': return ['save_entry_1', `s${op.save}`];
	case 'finalise': return ['finalise_entry_1', null];
	case 'discard': return ['discard_entry_1', null];
	case 'reset': return ['reset', null];
	default: throw new Error('unknown op ' + op.op);
	}
}

class Typist {
	constructor(h, i) {
		this.h = h;
		this.i = i;
		this.laptop = new Laptop(h.server, typistName(i), `127.0.0.${10 + i}`);
		this.stations = [2 * i - 1, 2 * i];
		this.current = this.stations[0];
		this.inflight = null; // { station, op } of the request whose answer did not come
		this.savesLeft = 0;
	}

	async step() {
		const h = this.h;
		const n = this.current;
		const st = h.state[n];
		let op;
		if (st.kind === 'empty') {
			op = { op: 'claim' };
		} else if (st.kind === 'held' && (this.savesLeft > 0 || st.form === null)) {
			const save = ++h.saves[n];
			op = { op: 'save', save, form: formFor(h.election, save) };
		} else if (st.kind === 'held') {
			const other = this.stations.find((s) => s !== n);
			op = h.state[other].kind === 'empty' && h.rand() < 0.6 ? { op: 'finalise' } : { op: 'discard' };
		} else {
			// finalised: go on with the other one, if it is free (else wait for the next round)
			const other = this.stations.find((s) => s !== n);
			if (h.state[other].kind === 'final') return false;
			this.current = other;
			return true;
		}
		const url = `/api/stations/${n}/entries/1` + (op.op === 'save' ? '' : `/${op.op}`);
		this.inflight = { station: n, op };
		let r;
		try {
			r = op.op === 'save'
				? await this.laptop.req('PUT', url, { ...op.form, progress: `s${op.save}` })
				: await this.laptop.req('POST', url, op.op === 'finalise' ? { warnings_confirmed: true } : {});
		} catch (e) {
			if (h.down) return false; // the answer never came: inflight stays
			throw e;
		}
		assert.ok(r.status === 200, `${this.laptop.name}: ${op.op} of station ${n}: ${r.status} ${r.text}`);
		if (op.op === 'save') {
			assert.deepEqual(r.body.errors, [], `save of station ${n}: ${r.text}`);
			op.revision = r.body.revision;
		}
		if (op.op === 'finalise') assert.equal(r.body.status, 'first_done', r.text);
		if (op.op === 'discard') assert.equal(r.body.status, 'empty', r.text);
		this.inflight = null;
		h.acked(n, op);
		if (op.op === 'claim') this.savesLeft = 1 + Math.floor(h.rand() * 8);
		if (op.op === 'save') this.savesLeft--;
		return true;
	}

	async run() {
		try {
			while (!this.h.down) {
				if (!(await this.step())) {
					if (this.h.down) return;
					await sleep(5);
				}
			}
		} catch (e) {
			this.h.problem(this.h.rounds, e.message);
			this.h.refused = true;
		}
	}
}

// ---- the rounds ----

// new Harness(options), then setup(), run(rounds, how) as often as wanted, result(), close().
// options: teller (the binary), dir (a work folder, made anew), typists (20), minMs/maxMs (how
// long the typists type before a crash; at least until one operation was answered), seed,
// log (a function for progress lines). how: mode ('kill': kill -9 from outside; 'power': the
// shim cuts the power), keep (the share of unsynced writes a power cut still lets through: a
// number, or 'alternate': 0.5 in odd rounds, 0 in even ones), lying (the disk ignores fsync:
// what must fail). result(): { rounds, acknowledged, ops: {claim, save, ...}, lost (stations
// found without what was acknowledged), inflightApplied, problems }.
export class Harness {
	constructor(o) {
		this.o = { typists: 20, minMs: 200, maxMs: 1500, seed: Date.now() % 1e9,
			log: () => {}, ...o };
		let s = this.o.seed >>> 0 || 1;
		this.rand = () => { // xorshift32: a round can be replayed from its seed
			s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
			return s / 4294967296;
		};
		this.down = false;
		this.ops = { claim: 0, save: 0, finalise: 0, discard: 0, reset: 0 };
		this.inflightApplied = 0;
		this.lost = 0; // stations found without what was acknowledged, summed over the rounds
		this.problems = [];
		this.rounds = 0;
		this.auditSeen = 0; // the highest audit record id checked
	}

	// count rounds of how.mode ('kill' or 'power'), how.keep, how.lying; a round that finds
	// a problem ends the run (what follows could not be checked).
	async run(count, how = {}) {
		for (let i = 0; i < count; i++) {
			const r = this.rounds + 1;
			try {
				await this.round(r, { mode: 'kill', keep: 0, ...how });
			} catch (e) {
				this.problem(r, e.message);
				this.down = true;
				if (this.server.child) await this.server.stop();
				return;
			}
		}
	}

	async setup() {
		const o = this.o;
		rmSync(o.dir, { recursive: true, force: true });
		mkdirSync(o.dir, { recursive: true });
		this.db = await makeElection(o.teller, o.dir, o.typists);
		this.server = new Teller(o.teller, this.db);
		this.stations = 2 * o.typists;
		this.state = [];
		this.saves = [];
		for (let n = 1; n <= this.stations; n++) {
			this.state[n] = EMPTY;
			this.saves[n] = 0;
		}
		this.log = []; // per station, the acknowledged operations since the last check
		for (let n = 1; n <= this.stations; n++) this.log[n] = [];
		await this.server.start();
		this.coord = new Laptop(this.server, 'coordinator', '127.0.0.2');
		await this.coord.login();
		this.election = await this.coord.ok('GET', '/api/election');
		this.typists = [];
		for (let i = 1; i <= o.typists; i++) this.typists.push(new Typist(this, i));
		await Promise.all(this.typists.map((t) => t.laptop.login()));
		this.auditSeen = await this.newestAudit();
		// a clean stop: what is on the disk is the starting point (the shim takes it as synced)
		await this.server.stop();
	}

	reconnect() {
		this.coord.reconnect();
		for (const t of this.typists) t.laptop.reconnect();
	}

	acked(n, op) {
		this.state[n] = effect(this.state[n], op);
		this.log[n].push(op);
		this.ops[op.op]++;
	}

	async round(r, how) {
		const o = this.o;
		this.rounds = r;
		const t0 = Date.now();
		const cutDir = path.join(o.dir, `cut-${r}`);
		const keep = how.keep === 'alternate' ? (r % 2 ? 0.5 : 0) : how.keep;
		let env = {};
		if (how.mode === 'power') {
			if (!this.shim) this.shim = buildShim(o.dir);
			mkdirSync(cutDir, { recursive: true });
			env = {
				LD_PRELOAD: this.shim, POWERCUT_DB: this.db, POWERCUT_OUT: cutDir, POWERCUT_KEEP: String(keep),
				POWERCUT_SEED: String(Math.floor(this.rand() * 1e9) + 1),
				// an ASan build wants its runtime first; the shim only wraps calls
				ASAN_OPTIONS: [process.env.ASAN_OPTIONS, 'verify_asan_link_order=0'].filter(Boolean).join(':'),
			};
			if (how.lying) env.POWERCUT_LYING = '1';
		}
		await this.server.start(env);
		this.reconnect();
		this.down = false;
		const running = this.typists.map((t) => t.run());
		const before = Object.values(this.ops).reduce((a, b) => a + b, 0);
		await sleep(o.minMs + this.rand() * (o.maxMs - o.minMs));
		// and not before something was acknowledged (a slow machine, a sanitizer build)
		const total = () => Object.values(this.ops).reduce((a, b) => a + b, 0);
		for (let waited = 0; total() === before && waited < 10000 && !this.refused; waited += 20) await sleep(20);
		// the crash
		this.down = true;
		let end;
		if (how.mode === 'power') {
			// the shim writes what the disk holds, then kills the server with SIGKILL itself
			const child = this.server.child;
			const t = setTimeout(() => child.kill('SIGKILL'), 20000);
			end = await this.server.kill('SIGUSR2');
			clearTimeout(t);
		} else {
			end = await this.server.kill('SIGKILL');
		}
		await Promise.all(running);
		if (end.signal !== 'SIGKILL')
			throw new Error(`round ${r}: the server ended with ${JSON.stringify(end)}, not by the crash`);
		if (how.mode === 'power') this.restoreDisk(cutDir);
		const typed = Object.values(this.ops).reduce((a, b) => a + b, 0) - before;
		// Teller starts again on what is left
		try {
			await this.server.start();
		} catch (e) {
			this.problem(r, 'Teller does not start again: ' + e.message.trim());
			throw new Error('stopped: Teller did not start again');
		}
		this.reconnect();
		if (this.refused) throw new Error('stopped: a request was refused while the server was up');
		const lost = await this.verify(r);
		this.lost += lost;
		if (this.problems.length)
			throw new Error(`stopped: the acknowledged operations are not what Teller holds (${lost} stations)`);
		await this.nextRound();
		o.log(`round ${r}: ${typed} acknowledged operations, lost ${lost}` +
			(how.mode === 'power' ? `, power cut (${how.lying ? 'a disk that ignores fsync' :
				`share of unsynced writes kept: ${keep}`})` : ', kill -9') + `, ${Date.now() - t0} ms`);
		await this.server.stop();
	}

	// The disk as the power cut left it, in place of the watched files: those beside the
	// database whose names start with its own (cut/0/) and those of its key folder (cut/1/).
	restoreDisk(cutDir) {
		if (!existsSync(path.join(cutDir, '.done')))
			throw new Error('the power cut wrote no image of the disk (' + cutDir + ')');
		const base = path.basename(this.db);
		const folders = [path.dirname(this.db), this.db + '.keys'];
		folders.forEach((folder, i) => {
			if (!existsSync(folder)) return; // a Teller without a key folder
			for (const f of readdirSync(folder, { withFileTypes: true }))
				if (f.isFile() && (i === 1 || f.name.startsWith(base))) rmSync(path.join(folder, f.name));
			const from = path.join(cutDir, String(i));
			if (existsSync(from))
				for (const f of readdirSync(from)) copyFileSync(path.join(from, f), path.join(folder, f));
		});
		rmSync(cutDir, { recursive: true, force: true });
	}

	problem(r, what) {
		this.problems.push(`round ${r}: ${what}`);
	}

	// Compares what Teller holds with the acknowledged operations; answers the number of
	// stations where something acknowledged was missing.
	async verify(r) {
		const o = this.o;
		let lost = 0;
		try {
			execFileSync(o.teller, ['audit', '--db', this.db, '--verify'], { stdio: 'pipe' });
		} catch (e) {
			this.problem(r, 'teller audit --verify: ' + (e.stdout || '') + (e.stderr || ''));
		}
		if (hasSqlite()) {
			let out;
			try {
				out = execFileSync('sqlite3', [this.db, 'PRAGMA integrity_check;'], { stdio: 'pipe' }).toString().trim();
			} catch (e) {
				out = `${e.stdout || ''}${e.stderr || ''}`.trim();
			}
			if (out !== 'ok') this.problem(r, 'integrity_check: ' + out.split('\n').slice(0, 3).join(' / '));
		}
		const inflight = new Map();
		for (const t of this.typists) {
			if (t.inflight) inflight.set(t.inflight.station, t.inflight.op);
			t.inflight = null;
		}
		const list = await this.coord.ok('GET', '/api/stations');
		const audit = await this.auditSince(this.auditSeen);
		for (let n = 1; n <= this.stations; n++) {
			const t = this.typists[Math.ceil(n / 2) - 1];
			const want = this.state[n];
			const maybe = inflight.get(n);
			const row = list.find((s) => s.number === n);
			const actual = await this.actual(t, n, row);
			const match = (m) => this.same(m, actual);
			let ok = match(want);
			let applied = false;
			if (!ok && maybe) {
				const after = effect(want, maybe);
				if (maybe.op === 'save') after.revision = { above: want.revision ?? 0 };
				if (match(after)) {
					ok = applied = true;
					if (maybe.op === 'save') after.revision = actual.revision;
					this.state[n] = after;
					this.log[n].push(maybe);
					this.inflightApplied++;
				}
			}
			if (!ok) {
				lost++;
				this.problem(r, `station ${n}: acknowledged ${describe(want)}` +
					(maybe ? ` (unanswered: ${maybe.op}${maybe.save ? ' s' + maybe.save : ''})` : '') +
					`, Teller holds ${describe(actual)}`);
			}
			// the audit records of this round for this station: the acknowledged operations in order
			const got = audit.filter((a) => a.station === n).map((a) => [a.action, a.progress]);
			const expect = this.log[n].map(auditOf);
			if (!applied && maybe && got.length === expect.length + 1) {
				// the unanswered request was committed, but left the station as it was acknowledged?
				this.problem(r, `station ${n}: an audit record more than the operations: ${JSON.stringify(got.at(-1))}`);
			} else if (JSON.stringify(got) !== JSON.stringify(expect)) {
				let i = 0;
				while (i < got.length && i < expect.length && JSON.stringify(got[i]) === JSON.stringify(expect[i])) i++;
				const show = (a) => (a ? a.filter(Boolean).join(' ') : 'nothing');
				this.problem(r, `station ${n}: the audit log has ${got.length} records of the round for ` +
					`${expect.length} acknowledged operations; at operation ${i + 1} it has ${show(got[i])}, ` +
					`acknowledged was ${show(expect[i])}`);
			}
		}
		if (audit.length) this.auditSeen = audit[audit.length - 1].id;
		for (let n = 1; n <= this.stations; n++) this.log[n] = [];
		return lost;
	}

	// What Teller holds of station n, in the model's terms.
	async actual(t, n, row) {
		if (!row) return { kind: 'missing' };
		switch (row.status) {
		case 'empty': return EMPTY;
		case 'first_in_progress': {
			const e = await t.laptop.req('GET', `/api/stations/${n}/entries/1`);
			if (e.status !== 200) return { kind: `in progress, but its typist gets ${e.status} ${e.text}` };
			const empty = e.body.form.voters.poll_cards === null; // every save of ours sets it
			return { kind: 'held', revision: e.body.revision, form: empty ? null : e.body.form,
				progress: e.body.progress };
		}
		case 'first_done': {
			const d = await this.coord.ok('GET', `/api/stations/${n}`);
			return { kind: 'final', form: d.entries[0].form };
		}
		default: return { kind: row.status };
		}
	}

	same(m, a) {
		if (m.kind !== a.kind) return false;
		if (m.kind === 'empty') return true;
		if (m.kind === 'final') return deepEqual(m.form, a.form);
		if (m.form === null) return a.form === null;
		if (!deepEqual(m.form, a.form) || a.progress !== `s${m.save}`) return false;
		if (m.revision && m.revision.above !== undefined) return a.revision > m.revision.above; // the unanswered save
		return m.revision === a.revision;
	}

	// Between rounds: the coordinator resets some finalised stations (acknowledged operations
	// too, found in the audit log at the next check), and each typist goes on with a station
	// it may use.
	async nextRound() {
		for (let n = 1; n <= this.stations; n++) {
			if (this.state[n].kind === 'final' && this.rand() < 0.7) {
				const r = await this.coord.ok('POST', `/api/stations/${n}/reset`, {});
				assert.equal(r.status, 'empty');
				this.acked(n, { op: 'reset' });
			}
		}
		for (const t of this.typists) {
			if (this.state[t.current].kind === 'final') t.current = t.stations.find((s) => s !== t.current);
			t.savesLeft = 1 + Math.floor(this.rand() * 8);
		}
	}

	// The id of the newest audit record.
	async newestAudit() {
		const r = await this.coord.ok('GET', '/api/audit?limit=1');
		return r.records.length ? r.records[0].id : 0;
	}

	// Every station's audit record after id, oldest first: { id, action, station, progress }.
	async auditSince(id) {
		const out = [];
		let before = '';
		for (;;) {
			const r = await this.coord.ok('GET', `/api/audit?limit=1000${before}`);
			let done = r.next_before_id === null;
			for (const rec of r.records) {
				if (rec.id <= id) { done = true; break; }
				if (rec.station === null) continue;
				const m = / at (s\d+)$/.exec(rec.detail);
				out.push({ id: rec.id, action: rec.action, station: rec.station, progress: m ? m[1] : null });
			}
			if (done) break;
			before = `&before_id=${r.next_before_id}`;
		}
		return out.reverse();
	}

	async close() {
		for (const t of this.typists || []) t.laptop.close();
		if (this.coord) this.coord.close();
		if (this.server && this.server.child) await this.server.stop();
	}

	result() {
		const acknowledged = Object.values(this.ops).reduce((a, b) => a + b, 0);
		return { rounds: this.rounds, acknowledged, ops: { ...this.ops }, lost: this.lost,
			inflightApplied: this.inflightApplied, problems: [...this.problems] };
	}
}

function deepEqual(a, b) {
	try {
		assert.deepStrictEqual(a, b);
		return true;
	} catch {
		return false;
	}
}

function describe(s) {
	if (s.kind === 'held') return `held, ${s.form ? `save s${s.save ?? '?'} revision ${s.revision}` : 'nothing saved'}` +
		(s.progress !== undefined ? ` (progress ${s.progress})` : '');
	if (s.kind === 'final') return 'finalised' + (s.save ? ` with save s${s.save}` : '');
	return s.kind;
}

// Compiles tests/powercut.c with the system's cc into dir; answers the .so's path.
export function buildShim(dir) {
	const so = path.join(dir, 'powercut.so');
	execFileSync('cc',
		['-shared', '-fPIC', '-O1', '-Wall', '-Wextra', '-Werror', '-D_GNU_SOURCE', '-include',
			path.join(REPO, 'base', 'banned.h'), '-o', so, path.join(REPO, 'tests', 'powercut.c'), '-ldl', '-lpthread'],
		{ stdio: 'pipe' });
	return so;
}
