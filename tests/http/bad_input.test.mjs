// The bad-input catalogue (issue 11, "what must hold"): a table of bad requests across the API's
// routes (entry/API.md), each sent as a hostile laptop on the LAN would, and for each:
//   - a 4xx answer, never a 5xx (and the server still up);
//   - the error object {"error": {"code", "message"}} with a snake_case code (the one named in
//     the table where the table names one) and a Dutch message that is not empty;
//   - nothing changed: every table of the database is the same before and after (read with the
//     sqlite3 tool, the session's last-seen time aside; a refused login may add its own
//     login_failed record to the audit log and nothing else), or, without sqlite3, everything
//     the coordinator can read.
// misuse.test.mjs and hardening.test.mjs check the same kinds of refusal in depth for a few
// routes (races, the exact Content-Type rule, canonical numbers); this file is the breadth.
// The count of cases is printed, and must stay at 170 or more.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import {
	Client, assertOk, login, makeForm, partialForm, rawRequest, snapshot, useServer,
} from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.co = await login(c.server, 'coordinator');
	c.admin = await login(c.server, 'beheerder');
	const el = c.el = assertOk(await c.t1.get('/api/election'));
	const { t1, t2, co, admin } = c;
	const done = async (t, n, e, f) => {
		assertOk(await t.claim(n, e));
		assertOk(await t.save(n, e, f));
		return assertOk(await t.finalise(n, e, true)).status;
	};
	// 1 being typed by invoerder1; 2 first_done; 3 definitive; 4 different; 5.. empty
	assertOk(await t1.claim(1, 1));
	assertOk(await t1.save(1, 1, partialForm(el, makeForm(el, { variant: 1 }), ['voters']), 'votes'));
	await done(t1, 2, 1, makeForm(el, { variant: 2 }));
	await done(t1, 3, 1, makeForm(el, { variant: 3 }));
	await done(t2, 3, 2, makeForm(el, { variant: 3 }));
	await done(t1, 4, 1, makeForm(el, { variant: 4 }));
	await done(t2, 4, 2, makeForm(el, { variant: 4, blank: 6, invalid: 4 }));
	assertOk(await admin.put('/api/costs/settings', { hourly: '57.25', laptop_day: '12.50', per_km: '0.23' }));
	c.line = assertOk(await admin.post('/api/costs/lines', { kind: 'laptops', count: 2, days: 1 }), 201).id;
	c.link = assertOk(await co.post('/api/projector-links', {}), 201).id;
	assertOk(await co.put('/api/committee-session', { place: 'Raadzaal', date: '2025-08-29',
		start_time: '21:00', end_time: '23:30', members: ['J. de Vries, voorzitter'] }));
	const accounts = assertOk(await admin.get('/api/accounts'));
	c.ids = Object.fromEntries(accounts.map((a) => [a.name, a.id]));
});

// ---- nothing changed: the database, table by table ----

let sqlite = true;
try {
	execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
} catch {
	sqlite = false;
}

const run = (db, sql) => execFileSync('sqlite3', ['-batch', db], { input: sql, maxBuffer: 1 << 28 }).toString();

// { table: a hash of its rows }, plus the number of login_failed records apart: one sqlite3
// run, hashing in SQLite (the shell's sha3_query).
let tables = null;
function fingerprint(db) {
	if (!tables)
		tables = run(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;")
			.split('\n').filter(Boolean);
	let sql = "SELECT 'audit login_failed', count(*) FROM audit WHERE action = 'login_failed';\n";
	for (const t of tables) {
		let q = `SELECT * FROM "${t}"`;
		// when a session was last seen moves with any request; a refused login is logged apart
		if (t === 'session') q = 'SELECT token_hash, account_id, address, user_agent, started FROM session';
		if (t === 'audit') q = "SELECT * FROM audit WHERE action <> ''login_failed''";
		sql += `SELECT '${t}', hex(sha3_query('${q}'));\n`;
	}
	const fp = {};
	for (const line of run(db, sql).split('\n').filter(Boolean)) {
		const i = line.indexOf('|');
		fp[line.slice(0, i)] = line.slice(i + 1);
	}
	return fp;
}

async function state() {
	return sqlite ? fingerprint(ctx.server.db) : snapshot(ctx.co);
}

// What changed between two states, as a list of table names (or 'the count').
function changes(a, b, allowLoginFailed) {
	if (!sqlite) return JSON.stringify(a) === JSON.stringify(b) ? [] : ['what the coordinator reads'];
	const out = [];
	for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (k === 'audit login_failed' && allowLoginFailed) continue;
		if (a[k] !== b[k]) out.push(k);
	}
	return out;
}

// ---- sending a case ----

// A case: { what, who ('anon', 't1', 't2', 'co', 'admin'), method, url, body (sent as JSON),
// raw (a string or Buffer sent as is), ct (Content-Type; false: none), csrf (false: none; a
// string: that), cookie (false: none; a string: that), headers, head (a raw request head
// instead: the request line and headers, sent over a socket), status (the exact status, or
// by default any 4xx), code (the error code), loginFailed (a refused login may log it) }.
async function send(c) {
	const who = c.who === 'anon' ? new Client(ctx.server, 'anon') : ctx[c.who];
	if (c.head !== undefined) {
		const head = typeof c.head === 'function' ? c.head(ctx) : c.head;
		return rawRequest(ctx.server, head.replace('HOST', `127.0.0.1:${ctx.server.port}`), c.raw ?? '');
	}
	const opts = { headers: c.headers || {}, keepCookie: false };
	if (c.body !== undefined) opts.body = typeof c.body === 'function' ? c.body(ctx) : c.body;
	if (c.raw !== undefined) opts.raw = c.raw;
	if (c.ct !== undefined) opts.contentType = c.ct;
	if (c.csrf !== undefined) opts.csrf = typeof c.csrf === 'function' ? c.csrf(ctx) : c.csrf;
	if (c.cookie === false) opts.cookie = false;
	else if (typeof c.cookie === 'string') {
		opts.cookie = false;
		opts.headers = { ...opts.headers, Cookie: c.cookie };
	}
	const url = typeof c.url === 'function' ? c.url(ctx) : c.url;
	if (c.method !== 'GET' && c.method !== 'HEAD' && opts.body === undefined && opts.raw === undefined)
		opts.body = {};
	return who.req(c.method, url, opts);
}

// Sends every case; answers the list of what went wrong (empty when all held).
async function check(cases) {
	const wrong = [];
	let before = await state();
	for (const c of cases) {
		const label = `${c.what} (${c.method || 'raw'} ${typeof c.url === 'function' ? c.url(ctx) : c.url ?? ''} as ${c.who})`;
		let r;
		try {
			r = await send(c);
		} catch (e) {
			wrong.push(`${label}: no answer: ${e.message}`);
			await ctx.server.ensureAlive();
			before = await state();
			continue;
		}
		const problems = [];
		if (r.status >= 500) problems.push(`answered ${r.status}`);
		else if (c.status !== undefined ? r.status !== c.status : r.status < 400 || r.status > 499)
			problems.push(`answered ${r.status}, not ${c.status ?? '4xx'}`);
		const e = r.body && r.body.error;
		if (!e || typeof e.code !== 'string' || !/^[a-z_]+$/.test(e.code)) problems.push('no error code');
		else if (c.code !== undefined && e.code !== c.code) problems.push(`code ${e.code}, not ${c.code}`);
		if (!e || typeof e.message !== 'string' || e.message.trim().length < 5) problems.push('no message');
		if (!ctx.server.alive) {
			problems.push('the server died');
			await ctx.server.ensureAlive();
		}
		const after = await state();
		const changed = changes(before, after, c.loginFailed);
		if (changed.length) problems.push(`changed: ${changed.join(', ')}`);
		if (problems.length) wrong.push(`${label}: ${problems.join('; ')}: ${r.text.slice(0, 160)}`);
		before = after;
	}
	return wrong;
}

// ---- the catalogue ----

const ENTRY = '/api/stations/1/entries/1';  // invoerder1's draft
const form = (f) => (c) => { const x = makeForm(c.el, { variant: 1 }); f(x); return x; };
const count = (path, value) => form((x) => {
	const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
	let o = x;
	for (let i = 0; i < parts.length - 1; i++) o = o[parts[i]];
	o[parts[parts.length - 1]] = value;
});

// Bodies that are not a JSON object, each sent to every route that takes one.
const MALFORMED = [
	['cut off', '{"voters": {"poll_cards": 1'],
	['trailing comma', '{"a": 1,}'],
	['single quotes', "{'a': 1}"],
	['an unquoted key', '{a: 1}'],
	['NaN', '{"a": NaN}'],
	['a comment', '{/* x */}'],
	['a JSON array', '[]'],
	['a JSON string', '"{}"'],
	['a number', '42'],
	['null', 'null'],
	['empty', ''],
	['two objects', '{}{}'],
	['a duplicated key', '{"a": 1, "a": 2}'],
	['nesting 100 000 deep', '['.repeat(100000) + ']'.repeat(100000)],
	['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
	['a raw NUL byte', Buffer.from('{"a":"x\u0000y"}')],
	['an escaped NUL', '{"a": "x\\u0000y"}'],
	['a lone surrogate', '{"a": "\\ud800"}'],
];
const BODY_ROUTES = [
	['t1', 'PUT', ENTRY],
	['t1', 'POST', '/api/stations/1/entries/1/finalise'],
	['co', 'POST', '/api/stations/4/resolve'],
	['anon', 'POST', '/api/login'],
	['t1', 'POST', '/api/account/password'],
	['admin', 'POST', '/api/accounts'],
	['co', 'PUT', '/api/committee-session'],
	['admin', 'POST', '/api/costs/lines'],
	['admin', 'PUT', '/api/costs/settings'],
];
const malformed = [];
for (const [who, method, url] of BODY_ROUTES)
	for (const [what, raw] of MALFORMED) {
		// a finalise without a body is the same as {}; an empty body elsewhere is no object
		if (what === 'empty' && url.endsWith('/finalise')) continue;
		malformed.push({ what: 'malformed JSON: ' + what, who, method, url, raw, status: 400, code: 'bad_json' });
	}

// The count form with values of the wrong kind or out of range.
const FIELDS = ['voters.poll_cards', 'votes.list_totals[0]', 'votes.blank_votes', 'differences.taken_home',
	'lists[0].candidates[0]', 'lists[1].total'];
const BAD_VALUES = [
	['a string', '12'], ['a fraction', 1.5], ['negative', -1], ['above 999 999 999', 1000000000],
	['2^53 + 1', 9007199254740993], ['1e400', 'RAW:1e400'], ['true', true], ['an object', {}], ['a list', [1]],
];
const countForm = [];
for (const f of FIELDS)
	for (const [what, v] of BAD_VALUES) {
		const c = { what: `count form: ${f} ${what}`, who: 't1', method: 'PUT', url: ENTRY };
		if (typeof v === 'string' && v.startsWith('RAW:')) // a literal JSON.stringify cannot write
			c.rawFn = (x) => JSON.stringify(count(f, 424242)(x)).replace('424242', v.slice(4));
		else
			c.body = count(f, v);
		countForm.push(c);
	}
countForm.push(
	{ what: 'count form: a list too many', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => x.lists.push({ ...x.lists[0], number: 99 })), code: 'does_not_fit' },
	{ what: 'count form: a list too few', who: 't1', method: 'PUT', url: ENTRY, body: form((x) => x.lists.pop()) },
	{ what: 'count form: a candidate too many', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => x.lists[0].candidates.push(0)) },
	{ what: 'count form: a list number that is not the election\'s', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.lists[0].number = 77; }) },
	{ what: 'count form: list_totals too short', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => x.votes.list_totals.pop()) },
	{ what: 'count form: an unknown top-level key', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.extra = 1; }) },
	{ what: 'count form: an unknown key in voters', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.voters.ghost_votes = 1; }) },
	{ what: 'count form: an unknown key in a list', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.lists[0].bonus = 1; }) },
	{ what: 'count form: lists is an object', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.lists = {}; }) },
	{ what: 'count form: voters is a list', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.voters = [1, 2, 3]; }) },
	{ what: 'count form: voter_cards given for a council election', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.voters.voter_cards = 3; }) },
	{ what: 'count form: progress is a number', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.progress = 3; }) },
	{ what: 'count form: progress of 10 000 characters', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.progress = 'x'.repeat(10000); }) },
	{ what: 'count form: revision is a string', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.revision = '1'; }) },
	{ what: 'count form: a stale revision', who: 't1', method: 'PUT', url: ENTRY,
		body: form((x) => { x.revision = 1; }), status: 409, code: 'stale_entry' },
);

// Logins that are not logins (none with a right password; at most one failure per account).
const logins = [
	['no username', { password: 'x'.repeat(12) }],
	['no password', { username: 'invoerder3' }],
	['the username a number', { username: 42, password: 'x'.repeat(12) }],
	['the password a number', { username: 'invoerder3', password: 123456789012 }],
	['the password null', { username: 'invoerder3', password: null }],
	['the username a list', { username: ['invoerder3'], password: 'x' }],
	['the username an object', { username: { name: 'invoerder3' }, password: 'x' }],
	['a username of 100 000 characters', { username: 'a'.repeat(100000), password: 'x'.repeat(12) }],
	['an unknown account', { username: 'niemand', password: 'x'.repeat(12) }, 401],
	['a wrong password', { username: 'invoerder3', password: 'fout-wachtwoord-2026' }, 401],
	['a NUL in the username', { username: 'invoerder3\u0000', password: 'x'.repeat(12) }],
	['SQL in the username', { username: "' OR '1'='1", password: "' OR '1'='1" }, 401],
].map(([what, body, status]) => ({ what: 'login: ' + what, who: 'anon', method: 'POST', url: '/api/login', body,
	status, loginFailed: true }));

// The account routes of the administrator.
const accounts = [
	['no name', { role: 'typist' }],
	['a password that is a number', { name: 'nieuw4', role: 'typist', password: 123456789012345 }],
	['a password that is a list', { name: 'nieuw5', role: 'typist', password: ['geheim'] }],
	['an empty name', { name: '', role: 'typist' }],
	['a name with a slash', { name: 'a/b', role: 'typist' }],
	['a name with a space', { name: 'jan jansen', role: 'typist' }],
	['a name of 1 000 characters', { name: 'a'.repeat(1000), role: 'typist' }],
	['a name with a control character', { name: 'jan\u0007', role: 'typist' }],
	['an unknown role', { name: 'nieuw1', role: 'king' }],
	['the role a number', { name: 'nieuw2', role: 3 }],
	['a weak password', { name: 'nieuw3', role: 'typist', password: 'kort' }, 422],
	['a name that exists, in capitals', { name: 'INVOERDER1', role: 'typist' }, 409],
].map(([what, body, status]) => ({ what: 'account: ' + what, who: 'admin', method: 'POST', url: '/api/accounts',
	body, status }));
accounts.push(
	{ what: 'account import: csv a number', who: 'admin', method: 'POST', url: '/api/accounts/import', body: { csv: 5 } },
	{ what: 'account import: a bad role', who: 'admin', method: 'POST', url: '/api/accounts/import',
		body: { csv: 'name,role\njan,keizer\n' } },
	{ what: 'account import: one name twice', who: 'admin', method: 'POST', url: '/api/accounts/import',
		body: { csv: 'name,role\njan,typist\nJAN,typist\n' } },
	{ what: 'account import: an existing name', who: 'admin', method: 'POST', url: '/api/accounts/import',
		body: { csv: 'name,role\nnieuwe,typist\ninvoerder2,typist\n' } },
	{ what: 'password reset: an unknown id', who: 'admin', method: 'POST', url: '/api/accounts/999999/password-reset', status: 404 },
	{ what: 'password reset: a weak password', who: 'admin', method: 'POST',
		url: (c) => `/api/accounts/${c.ids.invoerder3}/password-reset`, body: { password: 'aaaaaaaaaaaa' }, status: 422 },
	{ what: 'password reset: the password a list', who: 'admin', method: 'POST',
		url: (c) => `/api/accounts/${c.ids.invoerder3}/password-reset`, body: { password: ['x'] } },
	{ what: 'password reset: one\'s own account', who: 'admin', method: 'POST',
		url: (c) => `/api/accounts/${c.ids.beheerder}/password-reset`, status: 409, code: 'own_account' },
	{ what: 'disable: one\'s own account', who: 'admin', method: 'POST',
		url: (c) => `/api/accounts/${c.ids.beheerder}/disable`, status: 409, code: 'own_account' },
	{ what: 'disable: an unknown id', who: 'admin', method: 'POST', url: '/api/accounts/999999/disable', status: 404 },
	{ what: 'enable: an id that is no number', who: 'admin', method: 'POST', url: '/api/accounts/abc/enable', status: 404 },
	{ what: 'disable: a body that is a list', who: 'admin', method: 'POST',
		url: (c) => `/api/accounts/${c.ids.invoerder3}/disable`, raw: '[]', status: 400 },
	{ what: 'own password: the current one wrong', who: 't2', method: 'POST', url: '/api/account/password',
		body: { current: 'fout-wachtwoord-2026', new: 'een-heel-nieuw-wachtwoord-9' }, loginFailed: true },
	{ what: 'own password: a weak new one', who: 't2', method: 'POST', url: '/api/account/password',
		body: (c) => ({ current: c.server.passwords.invoerder2, new: '123456789012' }), status: 422 },
	{ what: 'own password: new is a number', who: 't2', method: 'POST', url: '/api/account/password',
		body: (c) => ({ current: c.server.passwords.invoerder2, new: 123456789012 }) },
);

// The committee's session, the costs, the projector, the result, the export.
const committee = (what, f, status = 422) => ({ what: 'committee session: ' + what, who: 'co', method: 'PUT',
	url: '/api/committee-session', status,
	body: (() => { const b = { place: 'Raadzaal', date: '2025-08-29', start_time: '21:00', end_time: '23:30',
		members: ['J. de Vries, voorzitter'] }; f(b); return b; })() });
const others = [
	committee('a date that does not exist', (b) => { b.date = '2025-02-30'; }),
	committee('a date in another form', (b) => { b.date = '29-08-2025'; }),
	committee('25 o\'clock', (b) => { b.start_time = '25:00'; }),
	committee('a time with seconds', (b) => { b.end_time = '23:30:00'; }),
	committee('members not a list', (b) => { b.members = 'J. de Vries'; }, 400),
	committee('31 members', (b) => { b.members = Array.from({ length: 31 }, (_, i) => `Lid ${i}`); }),
	committee('a member of 201 characters', (b) => { b.members = ['x'.repeat(201)]; }),
	committee('a member with a line break', (b) => { b.members = ['J. de Vries\nvoorzitter']; }),
	committee('a member with a direction override', (b) => { b.members = ['J. de \u202eVries']; }),
	committee('a place of spaces only', (b) => { b.place = '     '; }),
	committee('an unknown key', (b) => { b.chair = 'J. de Vries'; }, 400),
	committee('the date a number', (b) => { b.date = 20250829; }, 400),
	{ what: 'costs line: an unknown kind', who: 'admin', method: 'POST', url: '/api/costs/lines', body: { kind: 'bribe', amount: '1.00' } },
	{ what: 'costs line: a negative amount', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'item', category: 'other', amount: '-5.00', description: 'x' } },
	{ what: 'costs line: an amount as a number', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'item', category: 'other', amount: 5.5, description: 'x' } },
	{ what: 'costs line: three decimals', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'item', category: 'other', amount: '5.505', description: 'x' } },
	{ what: 'costs line: an unknown category', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'item', category: 'yacht', amount: '5.00', description: 'x' } },
	{ what: 'costs line: hours ending where they start', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'hours', person: 'Jan', date: '2025-08-28', from: '10:00', to: '10:00', activity: 'setup' } },
	{ what: 'costs line: hours on no real day', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'hours', person: 'Jan', date: '2025-13-01', from: '10:00', to: '11:00', activity: 'setup' } },
	{ what: 'costs line: negative kilometres', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'travel', person: 'Jan', date: '2025-08-28', km: -62 } },
	{ what: 'costs line: a billion laptops', who: 'admin', method: 'POST', url: '/api/costs/lines',
		body: { kind: 'laptops', count: 1e12, days: 1 } },
	{ what: 'costs line: change an unknown line', who: 'admin', method: 'PUT', url: '/api/costs/lines/999999',
		body: { kind: 'laptops', count: 1, days: 1 }, status: 404 },
	{ what: 'costs line: change with a bad body', who: 'admin', method: 'PUT', url: (c) => `/api/costs/lines/${c.line}`,
		body: { kind: 'laptops', count: -1, days: 1 } },
	{ what: 'costs line: delete an unknown line', who: 'admin', method: 'DELETE', url: '/api/costs/lines/999999', status: 404 },
	{ what: 'costs line: delete line "abc"', who: 'admin', method: 'DELETE', url: '/api/costs/lines/abc', status: 404 },
	{ what: 'costs settings: VAT "abc"', who: 'admin', method: 'PUT', url: '/api/costs/settings', body: { vat: 'abc' } },
	{ what: 'costs settings: a wrong IBAN', who: 'admin', method: 'PUT', url: '/api/costs/settings',
		body: { provider_iban: 'NL91ABNA0417164301' } },
	{ what: 'costs settings: a KvK number of 7 digits', who: 'admin', method: 'PUT', url: '/api/costs/settings',
		body: { provider_kvk: '1234567' } },
	{ what: 'costs settings: an hourly rate as a number', who: 'admin', method: 'PUT', url: '/api/costs/settings',
		body: { hourly: 57.25 } },
	{ what: 'projector: revoke an unknown link', who: 'co', method: 'POST', url: '/api/projector-links/999999/revoke', status: 404 },
	{ what: 'projector: no token', who: 'anon', method: 'GET', url: '/api/projector', status: 401 },
	{ what: 'projector: a short token', who: 'anon', method: 'GET', url: '/api/projector',
		headers: { 'X-Projector-Token': 'abc' }, status: 401 },
	{ what: 'projector: a token that is no hex', who: 'anon', method: 'GET', url: '/api/projector',
		headers: { 'X-Projector-Token': 'z'.repeat(64) }, status: 401 },
	{ what: 'result: a lot while the count is not finished', who: 'co', method: 'POST', url: '/api/result/lots', body: { list: 1 },
		status: 409, code: 'count_not_finished' },
	{ what: 'result: a lot of list "x"', who: 'co', method: 'POST', url: '/api/result/lots', body: { list: 'x' } },
	{ what: 'result: a deceased candidate of list 999', who: 'co', method: 'POST', url: '/api/result/deceased',
		body: { list: 999, candidate: 1 } },
	{ what: 'result: files while the count is not finished', who: 'co', method: 'POST', url: '/api/result/files' },
	{ what: 'export: the final count while stations are open', who: 'co', method: 'POST', url: '/api/export',
		body: { draft: false }, status: 409, code: 'not_finished' },
	{ what: 'export: draft is a string', who: 'co', method: 'POST', url: '/api/export', body: { draft: 'no' } },
	{ what: 'export: a file that was never made', who: 'co', method: 'GET', url: '/api/export/files/uitslag.xml', status: 404 },
	{ what: 'reopen: a count that is not finished', who: 'co', method: 'POST', url: '/api/count/reopen',
		body: { reason: 'Een hertelling van stembureau 3' }, status: 409 },
	{ what: 'reopen: a reason of 2 characters', who: 'co', method: 'POST', url: '/api/count/reopen', body: { reason: 'ok' } },
	{ what: 'audit: limit "abc"', who: 'co', method: 'GET', url: '/api/audit?limit=abc', status: 400, code: 'bad_param' },
	{ what: 'audit: limit 0', who: 'co', method: 'GET', url: '/api/audit?limit=0', status: 400, code: 'bad_param' },
	{ what: 'audit: limit 100 000', who: 'co', method: 'GET', url: '/api/audit?limit=100000', status: 400, code: 'bad_param' },
	{ what: 'audit: station -1', who: 'co', method: 'GET', url: '/api/audit?station=-1', status: 400, code: 'bad_param' },
	{ what: 'audit: before_id "x"', who: 'co', method: 'GET', url: '/api/audit?before_id=x', status: 400, code: 'bad_param' },
	{ what: 'audit: an action that is no action name', who: 'co', method: 'GET', url: '/api/audit?action=DROP%20TABLE',
		status: 400, code: 'bad_param' },
	{ what: 'audit: an actor of 1 000 characters', who: 'co', method: 'GET', url: `/api/audit?actor=${'a'.repeat(1000)}`,
		status: 400, code: 'bad_param' },
];

// Data entry and the coordinator's decisions in the wrong state.
const states = [
	{ what: 'finalise an entry nobody claimed', who: 't1', method: 'POST', url: '/api/stations/5/entries/1/finalise' },
	{ what: 'discard an entry nobody claimed', who: 't1', method: 'POST', url: '/api/stations/5/entries/1/discard' },
	{ what: 'claim entry 2 of an empty station', who: 't2', method: 'POST', url: '/api/stations/5/entries/2/claim', status: 409 },
	{ what: 'save entry 1 of a definitive station', who: 't1', method: 'PUT', url: '/api/stations/3/entries/1',
		body: form(() => {}), status: 409 },
	{ what: 'claim entry 1 of a finished first entry', who: 't2', method: 'POST', url: '/api/stations/2/entries/1/claim', status: 409 },
	{ what: 'the first typist claims entry 2', who: 't1', method: 'POST', url: '/api/stations/2/entries/2/claim',
		status: 403, code: 'second_entry_same_typist' },
	{ what: 'another typist saves a held entry', who: 't2', method: 'PUT', url: ENTRY, body: form(() => {}),
		status: 403, code: 'not_your_entry' },
	{ what: 'resolve a station that does not differ', who: 'co', method: 'POST', url: '/api/stations/3/resolve',
		body: { action: 'keep_first' }, status: 409 },
	{ what: 'resolve with an unknown action', who: 'co', method: 'POST', url: '/api/stations/4/resolve', body: { action: 'keep_all' } },
	{ what: 'resolve with the action a number', who: 'co', method: 'POST', url: '/api/stations/4/resolve', body: { action: 1 } },
	{ what: 'resolve without an action', who: 'co', method: 'POST', url: '/api/stations/4/resolve', body: {} },
	{ what: 'finalise with warnings_confirmed "yes"', who: 't1', method: 'POST', url: '/api/stations/1/entries/1/finalise',
		body: { warnings_confirmed: 'yes' } },
];

// Paths, methods, framing: raw requests where fetch would tidy them up.
const rawGet = (what, p, status = 404, who = 'co') => ({ what: 'path: ' + what, who, head: (c) => `GET ${p} HTTP/1.1
Host: HOST
Cookie: ${c[who].cookie}`, status });
const paths = [
	rawGet('station 00001', '/api/stations/00001'),
	rawGet('station %31', '/api/stations/%31'),
	rawGet('station 1.0', '/api/stations/1.0'),
	rawGet('station 1e0', '/api/stations/1e0'),
	rawGet('station 0x1', '/api/stations/0x1'),
	rawGet('station -1', '/api/stations/-1'),
	rawGet('station 99999999999999999999', '/api/stations/99999999999999999999'),
	rawGet('station 999', '/api/stations/999'),
	rawGet('entry 3', '/api/stations/1/entries/3', 404, 't1'),
	rawGet('entry 0', '/api/stations/1/entries/0', 404, 't1'),
	rawGet('a trailing slash', '/api/stations/1/'),
	rawGet('a double slash', '/api//stations'),
	rawGet('dot segments to a file', '/api/export/files/../../../../etc/passwd'),
	rawGet('an escaped slash to a file', '/api/export/files/..%2f..%2f..%2fetc%2fpasswd'),
	rawGet('a NUL in a file name', '/api/export/files/a%00.xml'),
	rawGet('a result file outside', '/api/result/files/..%2fteller.db'),
	rawGet('an unknown route', '/api/nothing'),
	rawGet('a path of 6 000 characters', '/api/' + 'a'.repeat(6000)),
	rawGet('invalid UTF-8 escaped in a path', '/api/stations/%C3%28'),
	rawGet('a costs line "1;DROP"', '/api/costs/lines/1;DROP', 404, 'admin'),
];
const method = (what, m, url, who = 'co', status = 405) => ({ what: 'method: ' + what, who, method: m, url, status,
	code: status === 405 ? 'method_not_allowed' : undefined });
const methods = [
	method('DELETE the station list', 'DELETE', '/api/stations'),
	method('PATCH an entry', 'PATCH', ENTRY, 't1'),
	method('PUT the login', 'PUT', '/api/login', 'anon'),
	method('POST the election', 'POST', '/api/election'),
	method('PUT me', 'PUT', '/api/me'),
	method('DELETE an account (no such route)', 'DELETE', '/api/accounts/1', 'admin', 404),
	method('GET a reset', 'GET', '/api/stations/3/reset'),
	method('GET a claim', 'GET', '/api/stations/5/entries/1/claim', 't1'),
	method('POST the totals', 'POST', '/api/totals'),
	method('DELETE the audit log', 'DELETE', '/api/audit'),
	method('PUT the backup', 'PUT', '/api/backup', 'admin'),
	{ what: 'method: an unknown method', who: 'co', head: (c) => `FROB /api/stations HTTP/1.1
Host: HOST
Cookie: ${c.co.cookie}` },
];

// Without a session, with a made-up one, without or with a wrong CSRF token.
const CHANGES = [
	['t1', 'PUT', ENTRY, form(() => {})],
	['t1', 'POST', '/api/stations/5/entries/1/claim', {}],
	['co', 'POST', '/api/stations/3/reset', {}],
	['co', 'POST', '/api/stations/4/resolve', { action: 'keep_first' }],
	['admin', 'POST', '/api/accounts', { name: 'indringer', role: 'coordinator' }],
	['admin', 'POST', '/api/accounts/import', { csv: 'indringer,administrator\n' }],
	['co', 'POST', '/api/projector-links', {}],
	['admin', 'DELETE', '/api/costs/lines/1', {}],
];
const sessions = [];
for (const [who, m, url, body] of CHANGES) {
	sessions.push(
		{ what: 'no session', who: 'anon', method: m, url, body, status: 401, code: 'not_logged_in' },
		{ what: 'a made-up session', who: 'anon', method: m, url, body, cookie: 'teller_session=' + 'a'.repeat(64),
			status: 401, code: 'not_logged_in' },
		{ what: 'no CSRF token', who, method: m, url, body, csrf: false, status: 403, code: 'csrf' },
		{ what: 'another session\'s CSRF token', who, method: m, url, body,
			csrf: (c) => (who === 't1' ? c.t2.csrf : c.t1.csrf), status: 403, code: 'csrf' },
	);
}
sessions.push(
	{ what: 'a cookie of 6 000 characters', who: 'anon', method: 'GET', url: '/api/stations',
		cookie: 'teller_session=' + 'b'.repeat(6000) },
	{ what: 'a session token with a NUL', who: 'anon', method: 'GET', url: '/api/stations',
		head: `GET /api/stations HTTP/1.1
Host: HOST
Cookie: teller_session=abc%00def`, status: 401 },
	{ what: 'an empty CSRF token', who: 't1', method: 'POST', url: '/api/stations/1/entries/1/discard', csrf: '',
		status: 403, code: 'csrf' },
);

// Roles: each role on the routes of the others.
const role = (who, m, url, body) => ({ what: `role: ${who} may not`, who, method: m, url, body, status: 403, code: 'forbidden' });
const roles = [
	role('t1', 'GET', '/api/accounts'), role('t1', 'POST', '/api/accounts', { name: 'x1', role: 'administrator' }),
	role('t1', 'GET', '/api/backup'), role('t1', 'PUT', '/api/costs/settings', { hourly: '1.00' }),
	role('t1', 'POST', '/api/stations/3/reset'), role('t1', 'POST', '/api/stations/4/resolve', { action: 'keep_first' }),
	role('t1', 'POST', '/api/export', { draft: true }), role('t1', 'POST', '/api/count/reopen', { reason: 'Waarom niet eens?' }),
	role('t1', 'POST', '/api/projector-links'), role('t1', 'PUT', '/api/committee-session', { place: 'Kelder' }),
	role('t1', 'GET', '/api/audit'), role('t1', 'GET', '/api/totals'),
	role('co', 'POST', '/api/accounts', { name: 'x2', role: 'typist' }), role('co', 'GET', '/api/backup'),
	role('co', 'POST', '/api/costs/lines', { kind: 'laptops', count: 1, days: 1 }),
	role('co', 'POST', '/api/stations/5/entries/1/claim'), role('co', 'PUT', ENTRY, form(() => {})),
	role('admin', 'POST', '/api/stations/5/entries/1/claim'), role('admin', 'PUT', ENTRY, form(() => {})),
	role('admin', 'POST', '/api/stations/3/reset'), role('admin', 'POST', '/api/export', { draft: true }),
	role('admin', 'PUT', '/api/committee-session', { place: 'Kelder' }),
];

// Content types and framing.
const framing = [];
for (const [who, m, url, body] of [['t1', 'PUT', ENTRY, JSON.stringify({ voters: {} })], ['anon', 'POST', '/api/login', '{"username":"x","password":"y"}']])
	for (const ct of ['text/plain', 'application/jsonx', 'application/x-www-form-urlencoded', 'multipart/form-data',
		'application/json-patch+json', 'text/json'])
		framing.push({ what: `Content-Type ${ct}`, who, method: m, url, raw: body, ct, status: 403, code: 'csrf' });
framing.push(
	{ what: 'no Content-Type', who: 't1', head: (c) => `POST /api/stations/1/entries/1/discard HTTP/1.1
Host: HOST
Cookie: ${c.t1.cookie}
X-CSRF-Token: ${c.t1.csrf}
Content-Length: 2`, raw: '{}', status: 403, code: 'csrf' },
	{ what: 'a body of 256 KiB + 1', who: 't1', method: 'PUT', url: ENTRY, raw: '{"a":"' + 'x'.repeat(256 * 1024 - 7) + '"}',
		status: 413, code: 'too_large' },
	{ what: 'a login of 1 MiB', who: 'anon', method: 'POST', url: '/api/login', raw: '{"username":"' + 'x'.repeat(1 << 20) + '"}',
		status: 413, code: 'too_large' },
	{ what: 'chunked and Content-Length', who: 't1', head: (c) => `PUT ${ENTRY} HTTP/1.1
Host: HOST
Cookie: ${c.t1.cookie}
X-CSRF-Token: ${c.t1.csrf}
Content-Type: application/json
Transfer-Encoding: chunked
Content-Length: 7`, raw: '2\r\n{}\r\n0\r\n\r\n', status: 400 },
	{ what: 'chunked, 300 KiB', who: 't1', head: (c) => `PUT ${ENTRY} HTTP/1.1
Host: HOST
Cookie: ${c.t1.cookie}
X-CSRF-Token: ${c.t1.csrf}
Content-Type: application/json
Transfer-Encoding: chunked`, raw: (() => {
		const big = '{"a":"' + 'x'.repeat(300 * 1024) + '"}';
		return big.match(/[\s\S]{1,65536}/g).map((p) => p.length.toString(16) + '\r\n' + p + '\r\n').join('') + '0\r\n\r\n';
	})(), status: 413, code: 'too_large' },
);

const CATALOGUE = {
	'malformed JSON on every route that takes a body': malformed,
	'wrong types, huge, negative and unknown values in the count form': countForm,
	'logins that are not logins': logins,
	'accounts': accounts,
	'committee, costs, projector, result, export, reopen, audit': others,
	'entries and decisions in the wrong state': states,
	'paths': paths,
	'methods': methods,
	'sessions and CSRF': sessions,
	'roles': roles,
	'content types and framing': framing,
};
// Refusals that do not hold yet: run, reported as todo, and moved into the catalogue when fixed.
const total = Object.values(CATALOGUE).reduce((a, l) => a + l.length, 0);

test(`the catalogue holds ${total} bad requests (170 or more)`, () => {
	console.log(`bad-input catalogue: ${total} bad requests in ${Object.keys(CATALOGUE).length} groups` +
		(sqlite ? ', each checked against every table of the database' : ' (no sqlite3: checked through the API)'));
	assert.ok(total >= 170, `only ${total} cases`);
});

for (const [group, cases] of Object.entries(CATALOGUE)) {
	test(`bad input: ${group} (${cases.length}): 4xx with a code and a message, nothing changed`, async () => {
		for (const c of cases) if (c.rawFn) c.raw = c.rawFn(ctx);
		const wrong = await check(cases);
		assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length}:\n  ${wrong.join('\n  ')}`);
	});
}

test('after the catalogue the count is what it was: the drafts, the decisions, the accounts', async () => {
	const { t1, co, admin } = ctx;
	assert.equal(assertOk(await t1.entry(1, 1)).progress, 'votes');
	const s = assertOk(await co.get('/api/stations'));
	assert.deepEqual(s.slice(0, 5).map((x) => x.status), ['first_in_progress', 'first_done', 'definitive', 'different', 'empty']);
	const names = assertOk(await admin.get('/api/accounts')).map((a) => a.name).sort();
	assert.deepEqual(names, ['beheerder', 'coordinator', 'invoerder1', 'invoerder2', 'invoerder3']);
});

// Last: a known defect may change the database.
