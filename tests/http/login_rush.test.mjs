// Logins do not stall the count (issue 11, finding 7): passwords are hashed on workers of
// their own, not in the threads that answer the typists. Twenty new typists make their first
// login (the login and the forced password change) at once, each from a laptop of its own, and
// all get in, while a typist who is counting goes on saving and is answered; an account whose
// stored hash is still scrypt (made by Teller before Argon2id) logs in and has an Argon2id hash
// afterwards. The timing bound is generous on purpose (CI machines vary): bench/bench_login
// measures the real figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { useServer, login, makeForm, assertOk, assertError, TELLER, HOST } from './helpers.mjs';

const RUSH = 20;

const ctx = useServer(async (c) => {
	c.admin = await login(c.server, 'beheerder');
	// The new typists, with one-time passwords (before any data entry, so they need no
	// coordinator's confirmation; they only log in here).
	const csv = 'naam,rol\n' + Array.from({ length: RUSH }, (_, i) =>
		`nieuw${String(i + 1).padStart(2, '0')},typist`).join('\n') + '\n';
	c.rush = assertOk(await c.admin.post('/api/accounts/import', { csv }), 201).created;
	assert.equal(c.rush.length, RUSH);
	c.t1 = await login(c.server, 'invoerder1');
	c.el = assertOk(await c.t1.get('/api/election'));
});

// One laptop: its own address on the loopback (127.0.0.x, as on the count's LAN), one
// keep-alive connection, a session.
class Laptop {
	constructor(server, name, address) {
		this.server = server;
		this.name = name;
		this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: address });
		this.cookie = null;
		this.csrf = null;
	}

	req(method, url, body) {
		const data = body === undefined ? '' : JSON.stringify(body);
		const headers = { 'Content-Length': Buffer.byteLength(data) };
		if (this.cookie) headers.Cookie = this.cookie;
		if (method !== 'GET') {
			headers['Content-Type'] = 'application/json';
			if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
		}
		return new Promise((resolve, reject) => {
			const r = http.request({ host: HOST, port: this.server.port, method, path: url, headers,
				agent: this.agent }, (res) => {
				const chunks = [];
				res.on('data', (d) => chunks.push(d));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json = null;
					try { json = text ? JSON.parse(text) : null; } catch { json = null; }
					for (const c of res.headers['set-cookie'] || []) {
						const pair = c.split(';')[0];
						if (pair.startsWith('teller_session=')) this.cookie = pair;
					}
					resolve({ status: res.statusCode, headers: res.headers, body: json, text });
				});
			});
			r.setTimeout(60000, () => r.destroy(new Error(`${this.name}: ${method} ${url}: no answer in 60 s`)));
			r.on('error', reject);
			r.end(data);
		});
	}

	async ok(method, url, body) {
		const r = await this.req(method, url, body);
		assert.equal(r.status, 200, `${this.name}: ${method} ${url}: ${r.status} ${r.text}`);
		return r.body;
	}

	close() {
		this.agent.destroy();
	}
}

const sqliteMissing = (() => {
	try {
		execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
		return false;
	} catch {
		return 'sqlite3 is not installed';
	}
})();
const sqlite = (sql) => execFileSync('sqlite3', [ctx.server.db, sql], { encoding: 'utf8' }).trim();

const ARGON2ID = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

test(`${RUSH} first logins at once all get in, and a typist saving meanwhile is answered`, async () => {
	const n = 1;
	assertOk(await ctx.t1.claim(n, 1));
	const form = makeForm(ctx.el, { variant: n });
	const laptops = ctx.rush.map((a, i) => new Laptop(ctx.server, a.name, `127.0.0.${20 + i}`));
	let done = 0;
	const t0 = Date.now();
	const rush = laptops.map(async (l, i) => {
		try {
			const pw = ctx.rush[i].password;
			const r = await l.ok('POST', '/api/login', { username: l.name, password: pw });
			assert.equal(r.must_change_password, true, l.name);
			l.csrf = r.csrf_token;
			await l.ok('POST', '/api/account/password', { current: pw, new: `eigen-${l.name}-wachtwoord-2026` });
			const me = await l.ok('GET', '/api/me');
			assert.equal(me.must_change_password, false, l.name);
			return Date.now() - t0;
		} finally {
			done++;
		}
	});
	// The typist who is counting saves, again and again (a pause of 50 ms between: faster than
	// anyone types), until the last new typist is in.
	const saves = [];
	while (done < RUSH) {
		const s0 = Date.now();
		const r = await ctx.t1.save(n, 1, form, 'votes');
		saves.push({ ms: Date.now() - s0, during: done < RUSH });
		assert.equal(r.status, 200, r.text);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const times = await Promise.all(rush);
	laptops.forEach((l) => l.close());
	const during = saves.filter((s) => s.during).map((s) => s.ms);
	const slowest = Math.max(...during);
	process.stdout.write(`# ${RUSH} first logins: the last in after ${Math.max(...times)} ms; ` +
		`${during.length} saves meanwhile, the slowest ${slowest} ms\n`);
	assert.ok(during.length >= 1, 'no save was answered during the logins');
	assert.ok(slowest < 2000, `a save waited ${slowest} ms during the logins`);
	// Every one of them can log in again with the password they chose.
	const again = new Laptop(ctx.server, ctx.rush[0].name, '127.0.0.19');
	const r = await again.ok('POST', '/api/login', { username: again.name,
		password: `eigen-${again.name}-wachtwoord-2026` });
	assert.equal(r.must_change_password, false);
	again.close();
});

test('a password hash made before Argon2id (scrypt) logs in and is made Argon2id, once', { skip: sqliteMissing }, async () => {
	// What Teller stored before: scrypt N=2^15, r=8, p=1, unpadded base64.
	const pw = 'een-wachtwoord-van-vroeger';
	const salt = crypto.randomBytes(16);
	const key = crypto.scryptSync(pw, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
	const b64 = (b) => b.toString('base64').replace(/=+$/, '');
	const old = `$scrypt$ln=15,r=8,p=1$${b64(salt)}$${b64(key)}`;
	sqlite(`UPDATE account SET pw_hash = '${old}', must_change = 0 WHERE name = 'invoerder3'`);
	const hash = () => sqlite("SELECT pw_hash FROM account WHERE name = 'invoerder3'");
	assert.equal(hash(), old);

	const l = new Laptop(ctx.server, 'invoerder3', '127.0.0.3');
	assertError(await l.req('POST', '/api/login', { username: 'invoerder3', password: pw + 'x' }),
		401, 'bad_credentials', 'a wrong password');
	assert.equal(hash(), old, 'a wrong password changes nothing');
	const r = await l.ok('POST', '/api/login', { username: 'invoerder3', password: pw });
	assert.equal(r.must_change_password, false);
	const upgraded = hash();
	assert.match(upgraded, ARGON2ID);
	// The new hash is the same password: the next login takes it, and makes nothing anew.
	const l2 = new Laptop(ctx.server, 'invoerder3', '127.0.0.4');
	await l2.ok('POST', '/api/login', { username: 'invoerder3', password: pw });
	assert.equal(hash(), upgraded);
	assertError(await l2.req('POST', '/api/login', { username: 'invoerder3', password: 'een-ander-wachtwoord' }),
		401, 'bad_credentials');
	// The session of the first login still works; the change is in the audit log.
	assert.equal((await l.ok('GET', '/api/me')).user, 'invoerder3');
	const log = execFileSync(TELLER, ['audit', '--db', ctx.server.db], { encoding: 'utf8' });
	assert.match(log, /password_rehash.*invoerder3: scrypt to argon2id/);
	l.close();
	l2.close();
});

test('new passwords are Argon2id: the changed ones, and the one-time ones the administrator makes', { skip: sqliteMissing }, async () => {
	const hashes = sqlite("SELECT name || ' ' || pw_hash FROM account WHERE name LIKE 'nieuw%' OR name = 'invoerder1'")
		.split('\n');
	assert.equal(hashes.length, RUSH + 1);
	for (const line of hashes) assert.match(line.split(' ')[1], ARGON2ID, line.split(' ')[0]);
	const reset = assertOk(await ctx.admin.post(`/api/accounts/${(await ctx.admin.get('/api/accounts')).body
		.find((a) => a.name === 'invoerder2').id}/password-reset`, {}));
	assert.match(reset.password, /^[a-z2-9A]{4}(-[a-z2-9A]{4}){3}$/);
	assert.match(sqlite("SELECT pw_hash FROM account WHERE name = 'invoerder2'"), ARGON2ID);
	const l = new Laptop(ctx.server, 'invoerder2', '127.0.0.5');
	assert.equal((await l.ok('POST', '/api/login', { username: 'invoerder2', password: reset.password }))
		.must_change_password, true);
	l.close();
});
