// The administrator's routes: accounts, account import, the connected laptops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, login, Client, assertOk, assertError } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.admin = await login(c.server, 'beheerder');
	c.t1 = await login(c.server, 'invoerder1');
	c.co = await login(c.server, 'coordinator');
});

async function accounts() {
	return assertOk(await ctx.admin.get('/api/accounts'));
}

async function accountNames() {
	return (await accounts()).map((a) => a.name).sort();
}

// Logs in with a password from an account sheet; answers the login body.
async function logsIn(name, password) {
	const r = await new Client(ctx.server, name).login(password);
	return assertOk(r, 200, `login of ${name}`);
}

test('GET /api/accounts lists the accounts, without password hashes', async () => {
	const r = await ctx.admin.get('/api/accounts');
	const list = assertOk(r);
	const byName = Object.fromEntries(list.map((a) => [a.name, a]));
	assert.deepEqual(Object.keys(byName).sort(),
		['beheerder', 'coordinator', 'invoerder1', 'invoerder2', 'invoerder3']);
	assert.equal(byName.beheerder.role, 'administrator');
	assert.equal(byName.coordinator.role, 'coordinator');
	assert.equal(byName.invoerder2.role, 'typist');
	for (const a of list) {
		assert.deepEqual(Object.keys(a).sort(),
			['created_at', 'disabled', 'id', 'last_login', 'must_change_password', 'name', 'role'],
			a.name);
		assert.equal(typeof a.id, 'number');
		assert.equal(a.disabled, false);
		assert.equal(typeof a.created_at, 'string');
	}
	assert.equal(byName.invoerder1.must_change_password, false);
	assert.equal(byName.invoerder2.must_change_password, true);
	assert.equal(typeof byName.invoerder1.last_login, 'string');
	assert.equal(byName.invoerder2.last_login, null);
	assert.doesNotMatch(r.text, /scrypt|pw_hash|"password"|\$[a-z0-9]+\$/i);
});

test('POST /api/accounts creates an account with a generated password that then logs in', async () => {
	const { admin } = ctx;
	const r = await admin.post('/api/accounts', { name: 'jansen', role: 'typist' });
	const made = assertOk(r, 201);
	assert.equal(made.name, 'jansen');
	assert.equal(made.role, 'typist');
	assert.equal(typeof made.password, 'string');
	assert.ok(made.password.length >= 12, made.password);
	const a = (await accounts()).find((x) => x.name === 'jansen');
	assert.equal(a.role, 'typist');
	assert.equal(a.must_change_password, true);
	const me = await logsIn('jansen', made.password);
	assert.equal(me.role, 'typist');
	assert.equal(me.must_change_password, true);
	assert.doesNotMatch((await admin.get('/api/accounts')).text, new RegExp(made.password));

	// with a password given
	const given = 'een-gegeven-wachtwoord';
	const p = assertOk(await admin.post('/api/accounts', { name: 'pietersen', role: 'coordinator',
		password: given }), 201);
	assert.deepEqual(p, { name: 'pietersen', role: 'coordinator', password: given });
	assert.equal((await logsIn('pietersen', given)).role, 'coordinator');
});

test('POST /api/accounts refuses an existing name, a bad name, a bad role and a weak password, creating nothing', async () => {
	const { admin } = ctx;
	const before = await accountNames();
	assertError(await admin.post('/api/accounts', { name: 'invoerder1', role: 'typist' }), 409, 'exists');
	// (the codes of these 422s are not in API.md: only the status is checked)
	assertError(await admin.post('/api/accounts', { name: 'met spatie', role: 'typist' }), 422);
	assertError(await admin.post('/api/accounts', { name: '', role: 'typist' }), 422);
	assertError(await admin.post('/api/accounts', { name: 'a'.repeat(64), role: 'typist' }), 422);
	assertError(await admin.post('/api/accounts', { name: 'klaassen', role: 'baas' }), 422);
	assertError(await admin.post('/api/accounts', { name: 'klaassen', role: 'typist', password: 'kort' }),
		422);
	assertError(await admin.post('/api/accounts', { name: 'klaassen' }), 400, 'bad_json');
	assert.deepEqual(await accountNames(), before);
});

test('POST /api/accounts/import creates several accounts from a CSV, each with a password that logs in', async () => {
	const { admin } = ctx;
	const csv = 'naam,rol\r\nde-vries,typist\r\nbakker , typist\r\n\r\nvisser,coordinator\r\n';
	const r = assertOk(await admin.post('/api/accounts/import', { csv }), 201);
	assert.deepEqual(r.created.map((a) => [a.name, a.role]),
		[['de-vries', 'typist'], ['bakker', 'typist'], ['visser', 'coordinator']]);
	const list = await accounts();
	for (const a of r.created) {
		assert.equal(typeof a.password, 'string');
		assert.ok(a.password.length >= 12);
		const acc = list.find((x) => x.name === a.name);
		assert.ok(acc, a.name);
		assert.equal(acc.role, a.role);
		assert.equal(acc.must_change_password, true);
	}
	assert.equal(new Set(r.created.map((a) => a.password)).size, 3, 'every account its own password');
	for (const a of r.created) assert.equal((await logsIn(a.name, a.password)).role, a.role);
});

test('POST /api/accounts/import with one bad line creates none: 422 bad_csv naming the line', async () => {
	const { admin } = ctx;
	const before = await accountNames();
	const cases = [
		['a bad role on line 3', 'a1,typist\na2,typist\na3,bestuurder\na4,typist\n', 3],
		['no comma on line 2', 'b1,typist\nb2 typist\nb3,typist\n', 2],
		['a bad name on line 4', 'naam,rol\nc1,typist\nc2,typist\nc 3,typist\n', 4],
		['a name twice (line 3)', 'd1,typist\nd2,typist\nd1,coordinator\n', 3],
	];
	for (const [what, csv, line] of cases) {
		const r = await admin.post('/api/accounts/import', { csv });
		assertError(r, 422, 'bad_csv', what);
		assert.match(r.body.error.message, new RegExp(`\\b${line}\\b`), `${what}: ${r.body.error.message}`);
		assert.deepEqual(await accountNames(), before, what);
	}
	assertError(await admin.post('/api/accounts/import', { csv: '' }), 422, 'bad_csv', 'empty');
	// a name that exists already: nothing of the list is created either
	const r = await admin.post('/api/accounts/import', { csv: 'e1,typist\ninvoerder1,typist\n' });
	assert.ok(r.status === 409 || r.status === 422, r.text);
	assertError(await admin.post('/api/accounts/import', { list: 'x' }), 400, 'bad_json');
	assert.deepEqual(await accountNames(), before);
});

test('GET /api/laptops shows the logged-in laptops with their addresses', async () => {
	const list = assertOk(await ctx.admin.get('/api/laptops'));
	assert.ok(Array.isArray(list));
	const users = new Set(list.map((s) => s.user));
	for (const u of ['beheerder', 'invoerder1', 'coordinator']) assert.ok(users.has(u), u);
	for (const s of list) {
		assert.deepEqual(Object.keys(s).sort(),
			['address', 'last_seen', 'role', 'started', 'user', 'user_agent'], JSON.stringify(s));
		assert.equal(s.address, '127.0.0.1');
		assert.equal(typeof s.user_agent, 'string');
	}
	assert.equal(list.find((s) => s.user === 'coordinator').role, 'coordinator');
	assert.equal(list.find((s) => s.user === 'beheerder').role, 'administrator');
	// a logged-out laptop is gone
	const extra = new Client(ctx.server, 'invoerder1');
	assertOk(await extra.login(ctx.server.passwords.invoerder1));
	const n = assertOk(await ctx.admin.get('/api/laptops')).filter((s) => s.user === 'invoerder1').length;
	assertOk(await extra.post('/api/logout', {}));
	assert.equal(assertOk(await ctx.admin.get('/api/laptops')).filter((s) => s.user === 'invoerder1').length,
		n - 1);
});

test('typists and coordinators get 403 forbidden on the administrator\'s routes, and nothing is created', async () => {
	const before = await accountNames();
	for (const c of [ctx.t1, ctx.co]) {
		assertError(await c.get('/api/accounts'), 403, 'forbidden', c.name);
		assertError(await c.post('/api/accounts', { name: 'stiekem', role: 'administrator' }), 403,
			'forbidden', c.name);
		assertError(await c.post('/api/accounts/import', { csv: 'stiekem2,administrator\n' }), 403,
			'forbidden', c.name);
		assertError(await c.get('/api/laptops'), 403, 'forbidden', c.name);
	}
	assert.deepEqual(await accountNames(), before);
});

test('only the administrator downloads a backup of the database', async () => {
	const res = await fetch(ctx.server.base + '/api/backup', { headers: { Cookie: ctx.admin.cookie } });
	assert.equal(res.status, 200);
	const buf = Buffer.from(await res.arrayBuffer());
	assert.equal(buf.subarray(0, 15).toString(), 'SQLite format 3');
	assert.match(res.headers.get('content-disposition'), /teller-backup-\d{8}-\d{6}\.db/);
	for (const c of [ctx.t1, ctx.co]) assertError(await c.get('/api/backup'), 403, 'forbidden');
});
