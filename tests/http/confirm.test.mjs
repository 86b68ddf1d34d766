// The administrator cannot count through accounts it makes (issue 11, finding 6). An account
// made, given a new password by somebody else, or enabled again after data entry began (the
// first claim) may log in and change its password, but every route that enters or decides
// counts answers 403 unconfirmed_account until a coordinator other than itself confirms it.
// Accounts made before entry began need nothing. The coordinator sees the list; the PV lists
// every such account with who confirmed it and when. Also for `teller user add`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
	useServer, login, Client, TELLER, makeForm, assertOk, assertError,
} from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.admin = await login(c.server, 'beheerder');
	c.co = await login(c.server, 'coordinator');
	c.t1 = await login(c.server, 'invoerder1');
	c.el = assertOk(await c.t1.get('/api/election'));
});

const PW = (name) => `eenmalig-${name}-wachtwoord`;

async function accountId(name) {
	const a = assertOk(await ctx.admin.get('/api/accounts')).find((x) => x.name === name);
	assert.ok(a, `no account ${name}`);
	return a.id;
}

// Made by the administrator with a known one-time password; not logged in yet.
async function make(name, role) {
	assertOk(await ctx.admin.post('/api/accounts', { name, role, password: PW(name) }), 201);
	ctx.server.passwords[name] = PW(name);
	return accountId(name);
}

const changes = async (c = ctx.co) => assertOk(await c.get('/api/accounts/changes'));
const confirm = (c, id) => c.post(`/api/accounts/${id}/confirm`);
const audit = () => execFileSync(TELLER, ['audit', '--db', ctx.server.db], { encoding: 'utf8' });

// Every route that enters or decides counts, per role, with a body that would pass.
const COUNT_ROUTES = {
	typist: [
		['POST', '/api/stations/2/entries/1/claim', {}],
		['GET', '/api/stations/1/entries/1'],
		['PUT', '/api/stations/1/entries/1', {}],
		['POST', '/api/stations/1/entries/1/finalise', {}],
		['POST', '/api/stations/1/entries/1/discard', {}],
		['GET', '/api/stations/1/entries/1/status'],
	],
	coordinator: [
		['POST', '/api/stations/1/resolve', { action: 'discard_both' }],
		['POST', '/api/stations/1/reset', {}],
		['POST', '/api/export', { draft: true }],
		['POST', '/api/count/reopen', { reason: 'hertelling' }],
		['POST', '/api/result/lots', { list: 1 }],
		['POST', '/api/result/deceased', { list: 1, candidate: 1 }],
		['POST', '/api/result/files', {}],
		['POST', '/api/accounts/1/confirm', {}],
	],
};
// ... and what such an account still may do.
const STILL = {
	typist: ['/api/me', '/api/stations', '/api/election', '/api/vocabulary'],
	coordinator: ['/api/me', '/api/stations', '/api/stations/1', '/api/accounts/changes', '/api/totals'],
};

test('accounts made before data entry began need no confirmation', async () => {
	const before = await changes();
	assert.equal(before.entry_began_at, null, 'entry has not begun');
	assert.deepEqual(before.changes, []);
	assert.equal(before.pending, 0);
	await make('vooraf', 'typist');
	await make('coordinator2', 'coordinator');
	assert.deepEqual((await changes()).changes, [], 'made before entry began: nothing to confirm');
	// the first claim begins data entry
	assertOk(await ctx.t1.claim(1, 1));
	const after = await changes();
	assert.match(after.entry_began_at, /^\d{4}-\d\d-\d\dT/);
	assert.deepEqual(after.changes, []);
	// made before: they count without anybody's confirmation
	const v = await login(ctx.server, 'vooraf');
	assertOk(await v.claim(3, 1));
	assertOk(await v.discard(3, 1));
	ctx.co2 = await login(ctx.server, 'coordinator2');
});

test('an account made after entry began logs in and changes its password, but every count route answers 403 with a Dutch reason', async () => {
	const ids = { typist: await make('laat', 'typist'), coordinator: await make('laatcoord', 'coordinator') };
	for (const [role, name] of [['typist', 'laat'], ['coordinator', 'laatcoord']]) {
		// login and the password change still work
		const c = new Client(ctx.server, name);
		const r = assertOk(await c.login(PW(name)));
		assert.equal(r.must_change_password, true);
		assertOk(await c.post('/api/account/password', { current: PW(name), new: `eigen-${name}-wachtwoord-2026` }));
		ctx.server.passwords[name] = `eigen-${name}-wachtwoord-2026`;
		c.csrf = assertOk(await c.get('/api/me')).csrf_token;
		ctx[name] = c;
		for (const [method, url, body] of COUNT_ROUTES[role]) {
			const res = await c.req(method, url, body === undefined ? {} : { body });
			assertError(res, 403, 'unconfirmed_account', `${name} ${method} ${url}`);
			assert.match(res.body.error.message, /na het begin van de invoer .*coördinator .*bevestigd/, url);
		}
		for (const url of STILL[role]) assertOk(await c.get(url), 200, `${name} GET ${url}`);
		const list = await changes();
		const mine = list.changes.filter((x) => x.account === name);
		assert.equal(mine.length, 1);
		assert.equal(mine[0].account_id, ids[role]);
		assert.equal(mine[0].kind, 'created');
		assert.equal(mine[0].role, role);
		assert.equal(mine[0].by, 'beheerder');
		assert.equal(mine[0].confirmed, false);
		assert.equal(mine[0].confirmed_by, null);
	}
	assert.equal((await changes()).pending, 2);
	// nothing was claimed by them
	const st = assertOk(await ctx.co.detail(2));
	assert.equal(st.station.status, 'empty');
});

test('a password reset or re-enabling by the administrator after entry began needs confirmation again; the user\'s own password change does not', async () => {
	const t2 = await login(ctx.server, 'invoerder2');
	assertOk(await t2.claim(4, 1));
	assertOk(await t2.discard(4, 1));
	const id2 = await accountId('invoerder2');
	const reset = assertOk(await ctx.admin.post(`/api/accounts/${id2}/password-reset`, {}));
	ctx.server.passwords.invoerder2 = reset.password;
	const again = await login(ctx.server, 'invoerder2');   // changes the one-time password itself
	assertError(await again.claim(4, 1), 403, 'unconfirmed_account', 'after a reset');
	const id3 = await accountId('invoerder3');
	assertOk(await ctx.admin.post(`/api/accounts/${id3}/disable`, {}));
	assertOk(await ctx.admin.post(`/api/accounts/${id3}/enable`, {}));
	const t3 = await login(ctx.server, 'invoerder3');
	assertError(await t3.claim(4, 1), 403, 'unconfirmed_account', 'after enabling again');
	const kinds = (await changes()).changes.map((x) => `${x.account}:${x.kind}`);
	assert.ok(kinds.includes('invoerder2:password_reset'), kinds.join());
	assert.ok(kinds.includes('invoerder3:enabled'), kinds.join());
	// invoerder1 changing its own password is no change to confirm
	const t1pw = ctx.server.passwords.invoerder1;
	assertOk(await ctx.t1.post('/api/account/password', { current: t1pw, new: 'nog-een-eigen-wachtwoord-1' }));
	ctx.server.passwords.invoerder1 = 'nog-een-eigen-wachtwoord-1';
	assert.ok(!(await changes()).changes.some((x) => x.account === 'invoerder1'));
	ctx.t2 = again;
	ctx.t3 = t3;
});

test('`teller user add` after entry began: the same rule', async () => {
	const out = execFileSync(TELLER, ['user', 'add', '--db', ctx.server.db, '--role', 'typist', 'terminal'],
		{ input: 'terminal-wachtwoord-2026\n', stdio: ['pipe', 'pipe', 'pipe'], encoding: 'utf8' });
	assert.match(out, /Data entry has begun: this account can enter or decide counts only after a coordinator has confirmed it/);
	ctx.server.passwords.terminal = 'terminal-wachtwoord-2026';
	const c = await login(ctx.server, 'terminal');
	assertError(await c.claim(5, 1), 403, 'unconfirmed_account');
	const row = (await changes()).changes.find((x) => x.account === 'terminal');
	assert.ok(row, 'listed');
	assert.match(row.by, /^cli:/);
	assert.equal(row.confirmed, false);
});

test('who confirms: the administrator 403, the account itself 403, a coordinator awaiting confirmation 403; another coordinator confirms, audited, and the account counts', async () => {
	const id = await accountId('laat');
	const idc = await accountId('laatcoord');
	const idCo = await accountId('coordinator');
	const before = await changes();
	assertError(await confirm(ctx.admin, id), 403, 'forbidden', 'the administrator');
	assertError(await confirm(ctx.t1, id), 403, 'forbidden', 'a typist');
	assertError(await confirm(ctx.laat, id), 403, undefined, 'the typist itself');
	assertError(await confirm(ctx.laatcoord, idc), 403, undefined, 'the coordinator itself');
	assertError(await confirm(ctx.laatcoord, id), 403, 'unconfirmed_account', 'an unconfirmed coordinator');
	assertError(await confirm(ctx.co, idCo), 403, 'own_account', 'a confirmed coordinator, its own account');
	assertError(await confirm(new Client(ctx.server, 'x'), id), 401, 'not_logged_in');
	assertError(await ctx.co.req('POST', `/api/accounts/${id}/confirm`, { body: {}, csrf: false }), 403, 'csrf');
	assert.deepEqual(await changes(), before, 'a refused confirmation changes nothing');
	// the coordinator confirms
	const ok = assertOk(await confirm(ctx.co, id));
	assert.deepEqual(ok, { account_id: id, confirmed: 1 });
	assertError(await confirm(ctx.co, id), 409, 'nothing_to_confirm', 'twice');
	assertError(await confirm(ctx.co, 999999), 404, 'not_found');
	const row = (await changes()).changes.find((x) => x.account === 'laat');
	assert.equal(row.confirmed, true);
	assert.equal(row.confirmed_by, 'coordinator');
	assert.match(row.confirmed_at, /^\d{4}-\d\d-\d\dT/);
	assert.match(audit(), /coordinator\s.*account_confirm\s.*account laat role typist/);
	// now it counts
	assertOk(await ctx.laat.claim(2, 1));
	assertOk(await ctx.laat.save(2, 1, makeForm(ctx.el, { variant: 2 })));
	// a second coordinator (made before entry began) confirms the late coordinator; it decides then
	assertOk(await confirm(ctx.co2, idc));
	assertOk(await ctx.laatcoord.post('/api/export', { draft: true }));
	// and the others, so that only the terminal account is left
	for (const name of ['invoerder2', 'invoerder3']) assertOk(await confirm(ctx.co, await accountId(name)));
	assertOk(await ctx.t2.claim(4, 1));
	const left = await changes();
	assert.equal(left.pending, 1);
	assert.deepEqual(left.changes.filter((x) => !x.confirmed).map((x) => x.account), ['terminal']);
});

test('the administrator reads the list but cannot confirm; a typist cannot read it', async () => {
	const list = await changes(ctx.admin);
	assert.ok(list.changes.length >= 5);
	assertError(await ctx.t1.get('/api/accounts/changes'), 403, 'forbidden');
});

test('the PV lists every account made or changed after entry began, with who confirmed it and when', async () => {
	const x = assertOk(await ctx.co.post('/api/export', { draft: true }));
	const pvName = x.files.map((f) => f.name).find((n) => n.endsWith('.pdf'));
	const res = await fetch(ctx.server.base + '/api/export/files/' + encodeURIComponent(pvName),
		{ headers: { Cookie: ctx.co.cookie } });
	assert.equal(res.status, 200);
	const pdf = path.join(ctx.server.dir, 'pv-accounts.pdf');
	writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
	if (process.env.PV_OUT) copyFileSync(pdf, path.join(process.env.PV_OUT, 'pv_accounts.pdf'));
	const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
	assert.match(text, /4\. Accounts aangemaakt of gewijzigd na het begin van de invoer/);
	assert.match(text, /De invoer begon op \d\d-\d\d-\d{4} \d\d:\d\d/);
	assert.match(text, /5\. Ondertekening/);
	const line = (name) => text.split('\n').find((l) => new RegExp(`^\\s*${name}\\s`).test(l));
	const when = /\d\d-\d\d-\d{4} \d\d:\d\d/;
	for (const [name, role, kind, by, confirmedBy] of [
		['laat', 'invoerder', 'aangemaakt', 'beheerder', 'coordinator'],
		['laatcoord', 'coördinator', 'aangemaakt', 'beheerder', 'coordinator2'],
		['invoerder2', 'invoerder', 'nieuw wachtwoord', 'beheerder', 'coordinator'],
		['invoerder3', 'invoerder', 'weer ingeschakeld', 'beheerder', 'coordinator'],
	]) {
		const l = line(name);
		assert.ok(l, `${name} on the PV:\n${text}`);
		for (const want of [role, kind, by, confirmedBy]) assert.ok(l.includes(want), `${want} in: ${l}`);
		assert.equal((l.match(new RegExp(when.source, 'g')) || []).length, 2, `when and when confirmed: ${l}`);
	}
	const t = line('terminal');
	assert.ok(t && /cli:\S+/.test(t) && t.includes('niet bevestigd'), `terminal: ${t}`);
	for (const name of ['vooraf', 'coordinator2 ', 'invoerder1 '])
		assert.ok(!line(name.trim()) || !line(name.trim()).includes('aangemaakt'), `${name} made before entry began`);
});
