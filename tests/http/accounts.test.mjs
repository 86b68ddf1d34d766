// The administrator manages accounts: resetting a password to a one-time one, disabling and
// enabling an account; account names are compared without regard to case. Every refusal is
// checked to have changed nothing (the account list and the sessions), every change to be in
// the audit log (read with `teller audit`, as ICT staff would).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
	useServer, login, Client, TELLER, makeForm, assertOk, assertError, stationState,
} from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.admin = await login(c.server, 'beheerder');
	c.t1 = await login(c.server, 'invoerder1');
	c.co = await login(c.server, 'coordinator');
	c.el = assertOk(await c.t1.get('/api/election'));
});

async function accounts() {
	return assertOk(await ctx.admin.get('/api/accounts'));
}

async function account(name) {
	const a = (await accounts()).find((x) => x.name === name);
	assert.ok(a, `no account ${name}`);
	return a;
}

// What a refused request must not change: every account's id, name, role, must_change and
// disabled flag.
async function accountState() {
	return (await accounts()).map(({ id, name, role, must_change_password, disabled }) =>
		({ id, name, role, must_change_password, disabled }));
}

// Makes an account through the API and logs it in (its one-time password changed); answers
// { id, name, client, password }.
async function person(name, role = 'typist') {
	const made = assertOk(await ctx.admin.post('/api/accounts', { name, role }), 201);
	ctx.server.passwords[name] = made.password;
	const client = await login(ctx.server, name);
	return { id: (await account(name)).id, name, client, password: ctx.server.passwords[name] };
}

// The audit log as `teller audit` prints it (the server keeps running: WAL).
function audit() {
	return execFileSync(TELLER, ['audit', '--db', ctx.server.db], { encoding: 'utf8' });
}

const reset = (c, id, body) => c.post(`/api/accounts/${id}/password-reset`, body);
const disable = (c, id) => c.post(`/api/accounts/${id}/disable`);
const enable = (c, id) => c.post(`/api/accounts/${id}/enable`);

test('GET /api/accounts gives each account its id and whether it is disabled', async () => {
	const list = await accounts();
	assert.equal(new Set(list.map((a) => a.id)).size, list.length, 'ids are unique');
	for (const a of list) {
		assert.ok(Number.isInteger(a.id) && a.id > 0, JSON.stringify(a));
		assert.equal(a.disabled, false, a.name);
	}
});

test('misuse: wrong role, no CSRF token, unknown id, yourself, bad input: refused, nothing changed', async () => {
	const { admin, t1, co } = ctx;
	const victim = await person('slachtoffer');
	const me = (await account('beheerder')).id;
	const unknown = 99999;
	const before = await accountState();
	const anon = new Client(ctx.server, 'niemand');
	const cases = [
		// [what, request, status, code]
		['a typist resets', () => reset(t1, victim.id), 403, 'forbidden'],
		['a typist disables', () => disable(t1, victim.id), 403, 'forbidden'],
		['a typist enables', () => enable(t1, victim.id), 403, 'forbidden'],
		['a coordinator resets', () => reset(co, victim.id), 403, 'forbidden'],
		['a coordinator disables', () => disable(co, victim.id), 403, 'forbidden'],
		['a coordinator enables', () => enable(co, victim.id), 403, 'forbidden'],
		['a typist disables the administrator', () => disable(t1, me), 403, 'forbidden'],
		['not logged in', () => disable(anon, victim.id), 401, 'not_logged_in'],
		['reset without CSRF token', () => admin.post(`/api/accounts/${victim.id}/password-reset`, {},
			{ csrf: false }), 403, 'csrf'],
		['disable without CSRF token', () => admin.post(`/api/accounts/${victim.id}/disable`, {},
			{ csrf: false }), 403, 'csrf'],
		['disable with a wrong CSRF token', () => admin.post(`/api/accounts/${victim.id}/disable`, {},
			{ csrf: 'a'.repeat(64) }), 403, 'csrf'],
		['disable without Content-Type', () => admin.post(`/api/accounts/${victim.id}/disable`, {},
			{ contentType: false }), 403, 'csrf'],
		['reset an unknown id', () => reset(admin, unknown), 404, 'not_found'],
		['disable an unknown id', () => disable(admin, unknown), 404, 'not_found'],
		['enable an unknown id', () => enable(admin, unknown), 404, 'not_found'],
		['an id that is no number', () => admin.post('/api/accounts/slachtoffer/disable'), 404,
			'not_found'],
		['id 0', () => disable(admin, 0), 404, 'not_found'],
		['disable by GET', () => admin.get(`/api/accounts/${victim.id}/disable`), 405,
			'method_not_allowed'],
		// The caller is always an enabled administrator, so refusing yourself is what keeps
		// the last administrator over HTTP (the store refuses it too: test_accounts, cli_accounts).
		['disable yourself (the last administrator)', () => disable(admin, me), 409, 'own_account'],
		['reset your own password', () => reset(admin, me), 409, 'own_account'],
		['reset with a short password', () => reset(admin, victim.id, { password: 'kort' }), 422,
			'weak_password'],
		['reset with a password that is no text', () => reset(admin, victim.id, { password: 12 }), 400,
			'bad_json'],
		['reset with a body that is no JSON object', () => admin.req('POST',
			`/api/accounts/${victim.id}/password-reset`, { raw: '[1,2' }), 400, 'bad_json'],
		['disable with a body that is no JSON', () => admin.req('POST',
			`/api/accounts/${victim.id}/disable`, { raw: 'ja' }), 400, 'bad_json'],
	];
	for (const [what, request, status, code] of cases)
		assertError(await request(), status, code, what);
	assert.deepEqual(await accountState(), before, 'a refused request changed an account');
	// Nobody's session ended either.
	assertOk(await victim.client.get('/api/me'), 200, 'the victim is still logged in');
	assertOk(await admin.get('/api/me'), 200, 'the administrator is still logged in');
	assert.doesNotMatch(audit(), /password_reset|account_disable|account_enable/);
});

test('a reset gives a one-time password again and ends the account\'s sessions', async () => {
	const { admin } = ctx;
	const p = await person('Pietersen');
	const second = new Client(ctx.server, 'pietersen');
	assertOk(await second.login(p.password));
	const r = assertOk(await reset(admin, p.id));
	assert.equal(r.id, p.id);
	assert.equal(r.name, 'Pietersen');
	assert.equal(typeof r.password, 'string');
	assert.ok(r.password.length >= 12, r.password);
	assert.notEqual(r.password, p.password);
	// Both laptops are logged out at their next request.
	assertError(await p.client.get('/api/me'), 401, 'not_logged_in');
	assertError(await second.get('/api/stations'), 401, 'not_logged_in');
	assert.ok(!assertOk(await admin.get('/api/laptops')).some((s) => s.user === 'Pietersen'));
	// The old password no longer works; the new one does, once, and must be changed.
	assertError(await new Client(ctx.server, 'Pietersen').login(p.password), 401, 'bad_credentials');
	const c = new Client(ctx.server, 'Pietersen');
	const me = assertOk(await c.login(r.password));
	assert.equal(me.must_change_password, true);
	assertError(await c.get('/api/stations'), 403, 'password_change_required');
	assert.equal((await account('Pietersen')).must_change_password, true);
	// Not shown again anywhere.
	assert.doesNotMatch((await admin.get('/api/accounts')).text, new RegExp(r.password));
	// A given password is taken as it is.
	const given = assertOk(await reset(admin, p.id, { password: 'een-gekozen-wachtwoord' }));
	assert.equal(given.password, 'een-gekozen-wachtwoord');
	assertError(await c.get('/api/me'), 401, 'not_logged_in');
	assertOk(await new Client(ctx.server, 'pietersen').login('een-gekozen-wachtwoord'));
	assert.match(audit(), /\tbeheerder\tadministrator\t[^\t]*\tpassword_reset\taccount Pietersen/);
});

test('a disabled account cannot log in and its open session ends at once; enabled, it can again', async () => {
	const { admin, co } = ctx;
	const v = await person('Visser', 'coordinator');
	assertOk(await v.client.get('/api/stations'));
	const d = assertOk(await disable(admin, v.id));
	assert.equal(d.id, v.id);
	assert.equal(d.name, 'Visser');
	assert.equal(d.disabled, true);
	// The open session: 401 on its next request, whatever it asks.
	assertError(await v.client.get('/api/stations'), 401, 'not_logged_in');
	assertError(await v.client.get('/api/me'), 401, 'not_logged_in');
	assert.ok(!assertOk(await admin.get('/api/laptops')).some((s) => s.user === 'Visser'));
	// The right password: 403 account_disabled, in Dutch; a wrong one: the 401 as always.
	const right = await new Client(ctx.server, 'visser').login(v.password);
	assertError(right, 403, 'account_disabled');
	assert.match(right.body.error.message, /uitgeschakeld/);
	assert.equal(right.headers.get('set-cookie'), null, 'no session cookie for a disabled account');
	const wrong = await new Client(ctx.server, 'Visser').login('helemaal-niet-het-wachtwoord');
	assertError(wrong, 401, 'bad_credentials');
	const unknown = await new Client(ctx.server, 'bestaat-niet').login('helemaal-niet-het-wachtwoord');
	assert.deepEqual(wrong.body, unknown.body, 'a wrong password says nothing about the account');
	// Listed as disabled; the coordinator's work goes on.
	assert.equal((await account('Visser')).disabled, true);
	assertOk(await co.get('/api/stations'));
	// Disabling again changes nothing.
	assert.equal(assertOk(await disable(admin, v.id)).disabled, true);
	// Enabled: the same password works again.
	assert.equal(assertOk(await enable(admin, v.id)).disabled, false);
	assert.equal((await account('Visser')).disabled, false);
	const again = new Client(ctx.server, 'Visser');
	assertOk(await again.login(v.password));
	assertOk(await again.get('/api/stations'));
	const log = audit();
	assert.match(log, /\tbeheerder\tadministrator\t[^\t]*\taccount_disable\taccount Visser/);
	assert.match(log, /\tbeheerder\tadministrator\t[^\t]*\taccount_enable\taccount Visser/);
	assert.match(log, /\tVisser\tcoordinator\t[^\t]*\tlogin_refused\taccount disabled/);
	assert.equal(log.match(/\taccount_disable\taccount Visser/g).length, 1,
		'disabling a disabled account writes nothing');
});

test('a disabled typist\'s finished work stays, with its name', async () => {
	const { admin, co, el } = ctx;
	const b = await person('bakker');
	const n = 5;
	assertOk(await b.client.claim(n, 1));
	assertOk(await b.client.save(n, 1, makeForm(el, { variant: n })));
	assertOk(await b.client.finalise(n, 1, false));
	assertOk(await disable(admin, b.id));
	const s = await stationState(co, n);
	assert.equal(s.station.status, 'first_done');
	assert.equal(s.station.first_typist, 'bakker');
	assert.equal(s.entries[0].typist, 'bakker');
	assert.ok(audit().includes('\tbakker\ttypist\t'), 'its audit records stay');
	assertOk(await enable(admin, b.id));
});

test('a second administrator can disable the first, who is then refused at login', async () => {
	const a2 = await person('Beheerder2', 'administrator');
	const first = (await account('beheerder')).id;
	assertOk(await disable(a2.client, first));
	assertError(await ctx.admin.get('/api/me'), 401, 'not_logged_in');
	assertError(await new Client(ctx.server, 'beheerder').login(ctx.server.passwords.beheerder), 403,
		'account_disabled');
	// Beheerder2 is now the last enabled administrator and cannot disable themselves.
	assertError(await disable(a2.client, a2.id), 409, 'own_account');
	assertOk(await enable(a2.client, first));
	ctx.admin = await login(ctx.server, 'beheerder');
	assertOk(await disable(ctx.admin, a2.id));
});

test('names are compared without regard to case: login, add, import', async () => {
	const { admin } = ctx;
	// Login in another case is the same account, with its own spelling.
	const c = new Client(ctx.server, 'INVOERDER1');
	const me = assertOk(await c.login(ctx.server.passwords.invoerder1));
	assert.equal(me.user, 'invoerder1');
	assert.equal(me.role, 'typist');
	// No second account in another spelling.
	const before = await accountState();
	assertError(await admin.post('/api/accounts', { name: 'Invoerder1', role: 'coordinator' }), 409,
		'exists');
	assertError(await admin.post('/api/accounts', { name: 'BEHEERDER', role: 'administrator' }), 409,
		'exists');
	const r = await admin.post('/api/accounts/import', { csv: 'nieuw1,typist\nCoordinator,typist\n' });
	assertError(r, 409, 'exists', 'an imported name taken in another case');
	const twice = await admin.post('/api/accounts/import', { csv: 'smit,typist\nSMIT,typist\n' });
	assertError(twice, 422, 'bad_csv', 'a name twice in two spellings');
	assert.match(twice.body.error.message, /\b2\b/);
	assert.deepEqual(await accountState(), before);
});

test('the second entry is refused to the first typist logged in under another spelling', async () => {
	const { el } = ctx;
	const n = 7;
	const upper = new Client(ctx.server, 'INVOERDER1');
	assertOk(await upper.login(ctx.server.passwords.invoerder1));
	assertOk(await upper.claim(n, 1));
	assertOk(await upper.save(n, 1, makeForm(el, { variant: n })));
	assertOk(await upper.finalise(n, 1, false));
	const mixed = new Client(ctx.server, 'Invoerder1');
	assertOk(await mixed.login(ctx.server.passwords.invoerder1));
	assertError(await mixed.claim(n, 2), 403, 'second_entry_same_typist');
	assertError(await ctx.t1.claim(n, 2), 403, 'second_entry_same_typist');
});

test('failed logins count for the account in every spelling; a reset lets it in again', async () => {
	const k = await person('klaassen');
	for (const name of ['klaassen', 'Klaassen', 'KLAASSEN', 'kLaAsSeN', 'klaasseN'])
		assertError(await new Client(ctx.server, name).login('fout-fout-fout-fout'), 401,
			'bad_credentials', name);
	assertError(await new Client(ctx.server, 'Klaassen').login(k.password), 429, 'too_many_attempts');
	const r = assertOk(await reset(ctx.admin, k.id));
	assertOk(await new Client(ctx.server, 'klaassen').login(r.password), 200,
		'the new one-time password works at once');
});

test('`teller user reset` and `user disable` act on the running server at once', async () => {
	const m = await person('Mulder');
	for (let i = 0; i < 5; i++)
		assertError(await new Client(ctx.server, 'mulder').login('fout-fout-fout-fout'), 401,
			'bad_credentials');
	assertError(await new Client(ctx.server, 'mulder').login(m.password), 429, 'too_many_attempts');
	// ICT staff reset it on the election laptop's terminal, choosing the password (--stdin).
	execFileSync(TELLER, ['user', 'reset', '--db', ctx.server.db, '--stdin', 'MULDER'],
		{ input: 'een-nieuw-wachtwoord-mulder\n', stdio: ['pipe', 'ignore', 'pipe'] });
	assertError(await m.client.get('/api/me'), 401, 'not_logged_in');
	const c = new Client(ctx.server, 'Mulder');
	const me = assertOk(await c.login('een-nieuw-wachtwoord-mulder'), 200,
		'the new password works at once, the failed logins of the old one forgotten');
	assert.equal(me.must_change_password, true);
	execFileSync(TELLER, ['user', 'disable', '--db', ctx.server.db, 'mulder'], { stdio: 'ignore' });
	assertError(await c.get('/api/me'), 401, 'not_logged_in');
	assertError(await new Client(ctx.server, 'mulder').login('een-nieuw-wachtwoord-mulder'), 403,
		'account_disabled');
	assert.equal((await account('Mulder')).disabled, true);
	assert.match(audit(), /	cli:[^	]*	system	local	account_disable	account Mulder/);
});
