// Accounts and sessions over HTTP: login, the session cookie, security headers, the forced
// password change, wrong passwords, login throttling, logout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	useServer, login, Client, demoPassword, assertOk, assertError, stationState,
} from './helpers.mjs';

// This file's failed logins from 127.0.0.1 stay well below the 20 an address may make.
const ctx = useServer();

test('login answers user, role and a CSRF token, and sets an HttpOnly, SameSite=Strict session cookie', async () => {
	const c = new Client(ctx.server, 'invoerder2');
	const r = await c.login(demoPassword('invoerder2'));
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.user, 'invoerder2');
	assert.equal(r.body.role, 'typist');
	assert.match(r.body.csrf_token, /^[0-9a-f]{64}$/);
	assert.equal(r.body.must_change_password, true);
	const sc = r.headers.get('set-cookie');
	assert.ok(sc, 'no Set-Cookie');
	const parts = sc.split(';').map((p) => p.trim());
	assert.match(parts[0], /^teller_session=[^;\s]{16,}$/);
	const attrs = parts.slice(1).map((p) => p.toLowerCase());
	assert.ok(attrs.includes('httponly'), sc);
	assert.ok(attrs.includes('samesite=strict'), sc);
	assert.ok(attrs.includes('path=/'), sc);
	assert.ok(!attrs.includes('secure'), 'no Secure without TLS');
	const me = assertOk(await c.get('/api/me'));
	assert.deepEqual(me, { user: 'invoerder2', role: 'typist', csrf_token: r.body.csrf_token,
		must_change_password: true });
});

test('security headers: Content-Security-Policy, X-Content-Type-Options nosniff, X-Frame-Options DENY on every answer', async () => {
	const anon = new Client(ctx.server, 'anon');
	const co = await login(ctx.server, 'coordinator');
	const answers = {
		'401': await anon.get('/api/me'),
		'200 json': await co.get('/api/stations'),
		'404': await co.get('/api/nothing'),
		'403': await co.post('/api/stations/1/reset', {}, { csrf: false }),
		'login 401': await anon.post('/api/login', { username: 'niemand', password: 'x' }),
		'page': await anon.get('/'),
	};
	for (const [what, r] of Object.entries(answers)) {
		const csp = r.headers.get('content-security-policy');
		assert.ok(csp, `${what}: no Content-Security-Policy`);
		assert.match(csp, /default-src 'self'/, what);
		assert.match(csp, /frame-ancestors 'none'/, what);
		assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, what);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
		assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
	}
	assert.match(answers['200 json'].headers.get('content-type'), /^application\/json/);
});

test('while must_change_password, /api/stations answers 403 password_change_required; a new password under 12 characters gets 422', async () => {
	const { server } = ctx;
	const t = new Client(server, 'invoerder1');
	const demo = demoPassword('invoerder1');
	assertOk(await t.login(demo));
	assert.equal(assertOk(await t.get('/api/me')).must_change_password, true);
	assertError(await t.get('/api/stations'), 403, 'password_change_required');
	assertError(await t.get('/api/election'), 403, 'password_change_required');
	assertError(await t.claim(1, 1), 403, 'password_change_required');
	assertError(await t.get('/api/stations/1/entries/1'), 403, 'password_change_required');

	const change = (current, nw) => t.post('/api/account/password', { current, new: nw });
	assertError(await change(demo, 'kort'), 422, 'weak_password');
	assertError(await change(demo, '12345678901'), 422, 'weak_password', '11 characters');
	assertError(await change(demo, demo), 422, 'weak_password', 'the same as the current');
	assertError(await change('verkeerd-wachtwoord', 'een-lang-nieuw-wachtwoord'), 403, 'bad_credentials');
	assertError(await t.post('/api/account/password', { current: demo }), 400, 'bad_json');
	assertError(await t.post('/api/account/password', { current: demo, new: 123456789012 }), 400,
		'bad_json');
	// nothing changed: still must change, the old password still works
	assert.equal(assertOk(await t.get('/api/me')).must_change_password, true);
	assertError(await t.get('/api/stations'), 403, 'password_change_required');
	assertOk(await new Client(server, 'invoerder1').login(demo));

	assert.deepEqual(assertOk(await change(demo, '739201846573')), {}, 'exactly 12 characters');
	assert.equal(assertOk(await t.get('/api/me')).must_change_password, false);
	assert.ok(Array.isArray(assertOk(await t.get('/api/stations'))));
	// the old password no longer logs in, the new one does
	assertError(await new Client(server, 'invoerder1').login(demo), 401, 'bad_credentials');
	const again = await new Client(server, 'invoerder1').login('739201846573');
	assert.equal(assertOk(again).must_change_password, false);
	// nothing was claimed while the password had to change
	const co = await login(server, 'coordinator');
	assert.equal((await stationState(co, 1)).station.status, 'empty');
});

test('a wrong password gets 401 bad_credentials, and an unknown user the very same answer', async () => {
	const { server } = ctx;
	const wrong = await new Client(server, 'invoerder2').login('niet-het-wachtwoord');
	const unknown = await new Client(server, 'niemand-bekend').login('niet-het-wachtwoord');
	assertError(wrong, 401, 'bad_credentials');
	assertError(unknown, 401, 'bad_credentials');
	assert.deepEqual(unknown.body, wrong.body);
	assert.equal(wrong.headers.get('set-cookie'), null);
	assert.equal(unknown.headers.get('set-cookie'), null);
	assertError(await new Client(server, 'invoerder2').login(''), 401, 'bad_credentials');
	assertError(await new Client(server, 'x').post('/api/login', { username: 'invoerder2' }), 400, 'bad_json');
});

test('a wrong password and an unknown user take about the same time (the password is hashed either way)', async () => {
	const { server } = ctx;
	const time = async (name) => {
		const t0 = process.hrtime.bigint();
		assertError(await new Client(server, name).login('niet-het-wachtwoord'), 401, 'bad_credentials');
		return Number(process.hrtime.bigint() - t0) / 1e6;
	};
	const known = [];
	const unknown = [];
	for (let i = 0; i < 3; i++) {
		known.push(await time('beheerder'));
		unknown.push(await time('onbekend-' + i));
	}
	const median = (a) => [...a].sort((x, y) => x - y)[1];
	assert.ok(median(unknown) >= 0.4 * median(known),
		`unknown user ${median(unknown).toFixed(1)} ms, wrong password ${median(known).toFixed(1)} ms`);
});

test('after 5 failed logins for one account the 6th attempt, even with the right password, gets 429 with Retry-After', async () => {
	const { server } = ctx;
	const name = 'invoerder3';
	for (let i = 0; i < 5; i++)
		assertError(await new Client(server, name).login('fout-' + i), 401, 'bad_credentials', `attempt ${i + 1}`);
	const c = new Client(server, name);
	const r = await c.login(demoPassword(name));
	assertError(r, 429, 'too_many_attempts');
	const ra = r.headers.get('retry-after');
	assert.match(ra || '', /^\d+$/, `Retry-After: ${ra}`);
	assert.ok(Number(ra) > 0 && Number(ra) <= 15 * 60, `Retry-After: ${ra}`);
	assert.equal(r.headers.get('set-cookie'), null);
	assert.equal(c.cookie, null);
	assertError(await new Client(server, name).login('fout'), 429, 'too_many_attempts');
	// other accounts from the same address still log in
	assertOk(await new Client(server, 'invoerder2').login(demoPassword('invoerder2')));
});

test('logout ends the session on the server: the old cookie no longer works', async () => {
	const { server } = ctx;
	const a = await login(server, 'coordinator');
	const b = new Client(server, 'coordinator');
	assertOk(await b.login(server.passwords.coordinator));
	const cookie = a.cookie;
	const csrf = a.csrf;
	// logout is a change: it needs the CSRF token
	assertError(await a.post('/api/logout', {}, { csrf: false }), 403, 'csrf');
	assertOk(await a.get('/api/me'));
	const r = await a.post('/api/logout', {});
	assert.deepEqual(assertOk(r), {});
	const sc = r.headers.get('set-cookie');
	if (sc !== null) assert.match(sc, /^teller_session=;/, 'a cookie sent at logout clears the session');
	// the old cookie, kept by someone
	const old = new Client(server, 'coordinator');
	old.cookie = cookie;
	old.csrf = csrf;
	assertError(await old.get('/api/me'), 401, 'not_logged_in');
	assertError(await old.get('/api/stations'), 401, 'not_logged_in');
	assertError(await old.reset(1), 401, 'not_logged_in');
	assertError(await old.post('/api/logout', {}), 401, 'not_logged_in');
	// the other laptop's session goes on
	assertOk(await b.get('/api/stations'));
});
