// Hardening (issue 11, findings 8 and 9): TLS 1.2 with AEAD suites and TLS 1.3 only; one
// password rule (characters, not bytes; no trivial or common passwords) on every way in;
// an absolute session lifetime; the exact JSON media type; no request with both
// Transfer-Encoding and Content-Length; only canonical numbers in routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import {
	useServer, login, Client, assertOk, assertError, rawRequest, TELLER, HOST,
} from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.co = await login(c.server, 'coordinator');
	c.admin = await login(c.server, 'beheerder');
});

const sqlite = (db, sql) => execFileSync('sqlite3', [db, sql], { encoding: 'utf8' }).trim();

// ---- finding 8: TLS ----

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

// `teller serve --tls` on the test's database, until fn is done.
async function withTls(fn) {
	const port = await freePort();
	const child = spawn(TELLER, ['serve', '--db', ctx.server.db, '--tls', '--listen', `${HOST}:${port}`,
		'--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
	let err = '';
	child.stderr.on('data', (d) => { err += d; });
	const exited = new Promise((r) => child.on('exit', r));
	try {
		const deadline = Date.now() + 10000;
		for (;;) {
			const up = await new Promise((r) => {
				const s = net.connect(port, HOST, () => { s.destroy(); r(true); });
				s.on('error', () => r(false));
			});
			if (up) break;
			if (child.exitCode !== null || Date.now() > deadline)
				throw new Error('teller serve --tls did not start: ' + err);
			await new Promise((r) => setTimeout(r, 50));
		}
		await fn(port);
	} finally {
		if (child.exitCode === null) child.kill('SIGTERM');
		await exited;
	}
}

// One handshake with openssl s_client: { ok, protocol, cipher }. SECLEVEL=0 so that the
// client itself is willing to offer what the server must refuse.
function handshake(port, args) {
	const r = spawnSync('openssl', ['s_client', '-connect', `${HOST}:${port}`, '-servername', 'localhost',
		...args], { input: '', encoding: 'utf8', timeout: 10000 });
	const out = (r.stdout || '') + (r.stderr || '');
	const cipher = /Cipher is (\S+)/.exec(out);
	const proto = /Protocol\s*:\s*(\S+)|New, (TLSv[\d.]+)/.exec(out);
	const ok = r.status === 0 && cipher !== null && cipher[1] !== '(NONE)' && cipher[1] !== '0000';
	return { ok, cipher: cipher && cipher[1], protocol: proto && (proto[1] || proto[2]), out };
}

const TLS_CASES = [
	// [what, s_client arguments, accepted?]
	['TLS 1.0', ['-tls1', '-cipher', 'DEFAULT:@SECLEVEL=0'], false],
	['TLS 1.1', ['-tls1_1', '-cipher', 'DEFAULT:@SECLEVEL=0'], false],
	['TLS 1.2 CBC SHA-1 (ECDHE-ECDSA-AES128-SHA)', ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0'], false],
	['TLS 1.2 CBC SHA-1 (ECDHE-ECDSA-AES256-SHA)', ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES256-SHA:@SECLEVEL=0'], false],
	['TLS 1.2 CBC SHA-256 (ECDHE-ECDSA-AES128-SHA256)', ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-SHA256:@SECLEVEL=0'], false],
	['TLS 1.2 CBC SHA-384 (ECDHE-ECDSA-AES256-SHA384)', ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES256-SHA384:@SECLEVEL=0'], false],
	['TLS 1.2 any CBC', ['-tls1_2', '-cipher', 'aRSA+CBC:aECDSA+CBC:@SECLEVEL=0'], false],
	['TLS 1.2 AES-128-GCM', ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256'], true],
	['TLS 1.2 AES-256-GCM', ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES256-GCM-SHA384'], true],
	['TLS 1.2 ChaCha20-Poly1305', ['-tls1_2', '-cipher', 'ECDHE-ECDSA-CHACHA20-POLY1305'], true],
	['TLS 1.3', ['-tls1_3'], true],
];

test('TLS: 1.0, 1.1 and CBC suites are refused; TLS 1.2 with AEAD and TLS 1.3 work', async () => {
	await withTls(async (port) => {
		const wrong = [];
		for (const [what, args, accepted] of TLS_CASES) {
			const h = handshake(port, args);
			if (h.ok !== accepted)
				wrong.push(`${what}: ${h.ok ? `accepted (${h.protocol} ${h.cipher})` : 'refused'}`);
		}
		assert.deepEqual(wrong, [], 'handshakes that went the wrong way');
		// what a client gets without asking for anything: TLS 1.3
		const h = handshake(port, []);
		assert.ok(h.ok, h.out);
		assert.equal(h.protocol, 'TLSv1.3', h.out);
	});
});

// ---- finding 9: the password rule ----

// Passwords that every way of setting one refuses, with (part of) the Dutch reason.
const WEAK = [
	['6 × é (12 bytes, 6 characters)', 'éééééé', /minstens 12 tekens/],
	['11 characters', 'abcdefghij1', /minstens 12 tekens/],
	['11 accented characters', 'ééééé-ëëëëë', /minstens 12 tekens/],
	['twelve spaces', ' '.repeat(12), /één teken/],
	['twelve times a', 'a'.repeat(12), /één teken/],
	['twelve times é', 'é'.repeat(12), /één teken/],
	['123456789012', '123456789012', /reeks/],
	['098765432109', '098765432109', /reeks/],
	['abcdefghijklmn', 'abcdefghijklmn', /reeks/],
	['wachtwoord123', 'wachtwoord123', /bekend/],
	['Wachtwoord2026!', 'Wachtwoord2026!', /bekend/],
	['password1234', 'password1234', /bekend/],
	['qwertyuiop12', 'qwertyuiop12', /bekend/],
	['welkom123456', 'Welkom123456', /bekend/],
	['iloveyou1234', 'iloveyou1234', /bekend/],
	['257 bytes', 'x'.repeat(257), /hoogstens/],
];
// Passwords that pass.
const GOOD = ['zomeravond-één', 'ééééééjklmno', 'nieuw-invoerder3-wachtwoord-2026', 'demo-x-2026-ok',
	'7 kiezers op 1 stip'];

test('the password rule: changing one\'s own password refuses trivial and common ones (422, Dutch)', async () => {
	const c = await login(ctx.server, 'invoerder3');
	const cur = ctx.server.passwords.invoerder3;
	for (const [what, pw, reason] of WEAK) {
		const r = await c.post('/api/account/password', { current: cur, new: pw });
		assertError(r, 422, 'weak_password', what);
		assert.match(r.body.error.message, reason, what);
	}
	let now = cur;
	for (const pw of GOOD) {
		assertOk(await c.post('/api/account/password', { current: now, new: pw }), 200, pw);
		now = pw;
		ctx.server.passwords.invoerder3 = pw;
		const me = await c.get('/api/me');
		c.csrf = me.body.csrf_token;
	}
	// and the last one logs in
	const again = new Client(ctx.server, 'invoerder3');
	assertOk(await again.login(now));
});

test('the password rule: the administrator\'s add and reset refuse the same passwords', async () => {
	const { admin } = ctx;
	const list = assertOk(await admin.get('/api/accounts'));
	const target = list.find((a) => a.name === 'invoerder1');
	for (const [what, pw, reason] of WEAK) {
		const a = await admin.post('/api/accounts', { name: 'sterk1', role: 'typist', password: pw });
		assertError(a, 422, 'weak_password', 'add: ' + what);
		assert.match(a.body.error.message, reason, 'add: ' + what);
		const r = await admin.post(`/api/accounts/${target.id}/password-reset`, { password: pw });
		assertError(r, 422, 'weak_password', 'reset: ' + what);
		assert.match(r.body.error.message, reason, 'reset: ' + what);
	}
	assert.ok(!assertOk(await admin.get('/api/accounts')).some((a) => a.name === 'sterk1'));
	assertOk(await admin.post('/api/accounts', { name: 'sterk1', role: 'typist', password: GOOD[0] }), 201);
});

test('the password rule: teller user add and user reset refuse the same passwords (English)', () => {
	const { db } = ctx.server;
	for (const [what, pw] of WEAK) {
		for (const args of [['user', 'add', '--db', db, '--role', 'typist', 'sterk2'],
			['user', 'reset', '--db', db, '--stdin', 'invoerder1']]) {
			const r = spawnSync(TELLER, args, { input: pw + '\n', encoding: 'utf8' });
			assert.equal(r.status, 2, `${args[1]} ${what}: ${r.stdout} ${r.stderr}`);
			assert.match(r.stderr, /password/, `${args[1]} ${what}: ${r.stderr}`);
			assert.doesNotMatch(r.stderr, /wachtwoord|tekens/, `${args[1]} ${what}: English`);
		}
	}
	const r = spawnSync(TELLER, ['user', 'add', '--db', db, '--role', 'typist', 'sterk2'],
		{ input: GOOD[0] + '\n', encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
});

// ---- finding 9: the absolute session lifetime ----

test('a session ends 12 hours after the login, however active it is (401)', async () => {
	const { db } = ctx.server;
	const c = await login(ctx.server, 'invoerder2');
	const id = sqlite(db, "SELECT id FROM account WHERE name = 'invoerder2'");
	const setStarted = (secondsAgo) => sqlite(db, `UPDATE session SET started = ` +
		`strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-${secondsAgo} seconds') WHERE account_id = ${id}`);
	// 11 h 59 min old and used a moment ago: still in
	setStarted(12 * 3600 - 60);
	assertOk(await c.get('/api/me'));
	// 12 h and a minute: out, although it was used a moment ago
	setStarted(12 * 3600 + 60);
	assertError(await c.get('/api/me'), 401, 'not_logged_in');
	assertError(await c.get('/api/election'), 401, 'not_logged_in');
	// and gone for good
	assert.equal(sqlite(db, `SELECT count(*) FROM session WHERE account_id = ${id}`), '0');
	// a new login works
	const again = await login(ctx.server, 'invoerder2');
	assertOk(await again.get('/api/me'));
});

// ---- finding 9: the JSON media type ----

const MEDIA_TYPES = [
	// [Content-Type, taken as JSON?]
	['application/json', true],
	['application/json; charset=utf-8', true],
	['application/json;charset=UTF-8', true],
	['Application/JSON', true],
	['application/jsonx', false],
	['application/json-patch+json', false],
	['application/json5', false],
	['application/jsonp; charset=utf-8', false],
	['application/json,text/plain', false],
	['application/json text/plain', false],
	['application/', false],
	['text/json', false],
	['', false],
];

test('Content-Type: only application/json, with or without parameters, is JSON', async () => {
	const c = await login(ctx.server, 'invoerder1');
	const wrong = [];
	for (const [ct, json] of MEDIA_TYPES) {
		// {} passes the dispatcher and is then refused by the handler: 400 bad_json
		const r = await c.req('POST', '/api/account/password', { raw: '{}', contentType: ct });
		const want = json ? 400 : 403;
		if (r.status !== want || (!json && r.body.error.code !== 'csrf'))
			wrong.push(`${JSON.stringify(ct)}: ${r.status} ${r.text}`);
	}
	assert.deepEqual(wrong, []);
});

// ---- finding 9: Transfer-Encoding with Content-Length ----

const FRAMING = [
	// [what, extra headers, body, status]
	['chunked and Content-Length', 'Transfer-Encoding: chunked\nContent-Length: 7', '2\r\n{}\r\n0\r\n\r\n', 400],
	['Content-Length and chunked', 'Content-Length: 0\nTransfer-Encoding: chunked', '2\r\n{}\r\n0\r\n\r\n', 400],
	['chunked and Content-Length: 2', 'Transfer-Encoding: chunked\nContent-Length: 2', '{}', 400],
	['chunked only', 'Transfer-Encoding: chunked', '2\r\n{}\r\n0\r\n\r\n', 401],
	['Content-Length only', 'Content-Length: 2', '{}', 401],
];

test('a request with both Transfer-Encoding and Content-Length gets 400', async () => {
	const { server } = ctx;
	for (const [what, headers, body, status] of FRAMING) {
		const r = await rawRequest(server, `POST /api/logout HTTP/1.1
Host: 127.0.0.1:${server.port}
Content-Type: application/json
${headers}`, body);
		assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
		if (status === 400) assertError(r, 400, 'bad_request', what);
	}
});

// ---- finding 9: canonical numbers in routes ----

const PATHS = [
	// [path, found?]
	['/api/stations/1', true],
	['/api/stations/10', false],   // no such station, but a canonical number: 404 from the handler
	['/api/stations/00001', false],
	['/api/stations/01', false],
	['/api/stations/0x1', false],
	['/api/stations/+1', false],
	['/api/stations/-1', false],
	['/api/stations/1.0', false],
	['/api/stations/%31', false],
	['/api/stations/%2531', false],
	['/api/stations/1%00', false],
	['/api/stations/%201', false],
	['/api/stations/01/entries/1', false],
	['/api/stations/1/entries/01', false],
	['/api/stations/1/entries/%31', false],
	['/api/%73tations/1', false],
	['/api/me%0a', false],
];

test('routes take only canonical numbers: 00001, %31 and the like are 404', async () => {
	const { co, server } = ctx;
	const wrong = [];
	for (const [p, found] of PATHS) {
		const r = await rawRequest(server, `GET ${p} HTTP/1.1
Host: 127.0.0.1:${server.port}
Cookie: ${co.cookie}`);
		if (found ? r.status !== 200 : r.status !== 404) wrong.push(`${p}: ${r.status} ${r.text.slice(0, 80)}`);
	}
	assert.deepEqual(wrong, []);
	// the station that 00001 would have been is there
	assert.equal(assertOk(await co.get('/api/stations/1')).station.number, 1);
});
