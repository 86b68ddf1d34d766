// The projector: links that the coordinator makes, lists and revokes (POST/GET
// /api/projector-links, POST /api/projector-links/{n}/revoke), and the read-only progress
// they open without a session (GET /api/projector with X-Projector-Token): no figures, no names.
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, login, Client, TELLER, makeForm, assertOk, assertError } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.co = await login(c.server, 'coordinator');
	c.admin = await login(c.server, 'beheerder');
	c.t1 = await login(c.server, 'invoerder1');
	c.election = assertOk(await c.co.get('/api/election'));
	// Some progress to show: station 1 typed (with figures) and finalised, station 2 claimed.
	assertOk(await c.t1.claim(1, 1));
	assertOk(await c.t1.save(1, 1, makeForm(c.election, { variant: 777 })));
	assertOk(await c.t1.finalise(1, 1, true));
	assertOk(await c.t1.claim(2, 1));
});

// GET /api/projector as a screen does it: no cookie, only the token's header.
async function screen(token, opts = {}) {
	const headers = token === undefined ? {} : { 'X-Projector-Token': token };
	const r = await fetch(ctx.server.base + (opts.url || '/api/projector'),
		{ headers: { ...headers, ...(opts.headers || {}) } });
	const text = await r.text();
	let body = null;
	try { body = JSON.parse(text); } catch { body = null; }
	return { status: r.status, headers: r.headers, text, body };
}

async function newLink(who = ctx.co) {
	const r = await who.post('/api/projector-links');
	return assertOk(r, 201, 'new link');
}

test('POST /api/projector-links makes a link: a 256-bit token, shown once', async () => {
	const link = await newLink();
	assert.deepEqual(Object.keys(link).sort(), ['id', 'token', 'url']);
	assert.match(link.token, /^[0-9a-f]{64}$/);
	assert.equal(link.url, `/#/projector/${link.token}`);
	assert.ok(Number.isInteger(link.id) && link.id > 0);
	const other = await newLink();
	assert.notEqual(other.token, link.token);
	assert.ok(other.id > link.id);
	// listed without its token, newest first
	const r = await ctx.co.get('/api/projector-links');
	const list = assertOk(r);
	assert.ok(!r.text.includes(link.token) && !r.text.includes(other.token), 'no token in the list');
	assert.deepEqual(list.slice(0, 2).map((l) => l.id), [other.id, link.id]);
	for (const l of list)
		assert.deepEqual(Object.keys(l).sort(), ['active', 'created_at', 'created_by', 'id', 'revoked_at']);
	assert.equal(list[0].created_by, 'coordinator');
	assert.equal(list[0].active, true);
	assert.equal(list[0].revoked_at, null);
	// an empty body is as good as {}
	const r2 = await ctx.co.req('POST', '/api/projector-links', { raw: '' });
	assertOk(r2, 201);
	// the token is not in the audit log, nor in the database
	const audit = execFileSync(TELLER, ['audit', '--db', ctx.server.db], { encoding: 'utf8' });
	assert.ok(audit.includes(`projector_link_create\tprojector link ${link.id}`), audit);
	assert.ok(!audit.includes(link.token));
});

test('GET /api/projector shows the progress without a session, and no figure or name', async () => {
	const link = await newLink();
	const r = await screen(link.token);
	assert.equal(r.status, 200, r.text);
	const b = r.body;
	assert.deepEqual(Object.keys(b).sort(),
		['by_status', 'election', 'stations', 'stations_definitive', 'stations_total', 'updated']);
	assert.equal(b.election, ctx.election.election.name);
	assert.equal(b.stations_total, ctx.election.stations.length);
	assert.equal(b.stations_definitive, 0);
	assert.deepEqual(Object.keys(b.by_status).sort(), ['definitive', 'different', 'empty',
		'first_done', 'first_has_errors', 'first_in_progress', 'second_in_progress']);
	assert.equal(Object.values(b.by_status).reduce((a, c) => a + c, 0), b.stations_total);
	assert.equal(b.by_status.first_done, 1);
	assert.equal(b.by_status.first_in_progress, 1);
	assert.deepEqual(b.stations.map((s) => s.number), ctx.election.stations.map((s) => s.number));
	for (const s of b.stations) assert.deepEqual(Object.keys(s).sort(), ['name', 'number', 'status']);
	assert.deepEqual(b.stations.slice(0, 2).map((s) => s.status), ['first_done', 'first_in_progress']);
	assert.match(b.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	// nothing of who typed or what: not the typist, not the figures (A = 800 + 777)
	assert.ok(!r.text.includes('invoerder'), r.text);
	assert.ok(!/1577|votes|form|typist/.test(r.text), r.text);
	assert.equal(r.headers.get('set-cookie'), null);
	// the coordinator's session cookie adds nothing and is not needed
	const withCookie = await screen(link.token, { headers: { Cookie: ctx.co.cookie } });
	assert.deepEqual(withCookie.body.stations, b.stations);
});

test('refused without a working token: 401 bad_token, whatever is sent', async () => {
	const link = await newLink();
	const other = await newLink();
	const cases = {
		'no header': undefined,
		'empty': '',
		'short': link.token.slice(0, 63),
		'long': link.token + '0',
		'upper case': link.token.toUpperCase(),
		'not hex': 'g'.repeat(64),
		'unknown': 'ab'.repeat(32),
		'the hash of it': link.token.split('').reverse().join(''),
	};
	for (const [what, token] of Object.entries(cases))
		assertError(await screen(token), 401, 'bad_token', what);
	// the token anywhere but in its header
	assertError(await screen(undefined, { url: `/api/projector?token=${link.token}` }), 401, 'bad_token');
	assertError(await screen(undefined, { headers: { Cookie: `teller_session=${link.token}` } }), 401,
		'bad_token');
	assertError(await screen(undefined, { headers: { Authorization: `Bearer ${link.token}` } }), 401,
		'bad_token');
	// a coordinator's session is no projector token
	const co = await ctx.co.get('/api/projector');
	assertError(co, 401, 'bad_token');
	// revoking one link ends that link only
	assertOk(await ctx.co.post(`/api/projector-links/${link.id}/revoke`));
	assertError(await screen(link.token), 401, 'bad_token', 'revoked');
	assert.equal((await screen(other.token)).status, 200, 'the other link works on');
	const listed = assertOk(await ctx.co.get('/api/projector-links'));
	const l = listed.find((x) => x.id === link.id);
	assert.equal(l.active, false);
	assert.match(l.revoked_at, /^\d{4}-/);
	assert.equal(listed.find((x) => x.id === other.id).active, true);
});

test('revoking: 404 for an unknown link, 409 the second time; audited once', async () => {
	const link = await newLink();
	const r = await ctx.co.post(`/api/projector-links/${link.id}/revoke`);
	assert.deepEqual(assertOk(r), { id: link.id, active: false });
	assertError(await ctx.co.post(`/api/projector-links/${link.id}/revoke`), 409, 'wrong_state');
	assertError(await ctx.co.post('/api/projector-links/999999/revoke'), 404, 'not_found');
	assertError(await ctx.co.post('/api/projector-links/0/revoke'), 404, 'not_found');
	assertError(await ctx.co.post('/api/projector-links/abc/revoke'), 404, 'not_found');
	const audit = execFileSync(TELLER, ['audit', '--db', ctx.server.db], { encoding: 'utf8' });
	assert.equal(audit.split(`projector_link_revoke\tprojector link ${link.id}\n`).length - 1, 1);
});

test('only the coordinator makes, lists and revokes links; a change needs its CSRF token', async () => {
	const link = await newLink();
	const anon = new Client(ctx.server, 'x');
	for (const c of [ctx.t1, ctx.admin]) {
		assertError(await c.post('/api/projector-links'), 403, 'forbidden', c.name);
		assertError(await c.get('/api/projector-links'), 403, 'forbidden', c.name);
		assertError(await c.post(`/api/projector-links/${link.id}/revoke`), 403, 'forbidden', c.name);
	}
	assertError(await anon.post('/api/projector-links'), 401, 'not_logged_in');
	assertError(await anon.get('/api/projector-links'), 401, 'not_logged_in');
	assertError(await ctx.co.post('/api/projector-links', {}, { csrf: false }), 403, 'csrf');
	assertError(await ctx.co.post(`/api/projector-links/${link.id}/revoke`, {}, { csrf: false }), 403,
		'csrf');
	assertError(await ctx.co.post('/api/projector-links', {}, { contentType: 'text/plain' }), 403, 'csrf');
	assertError(await ctx.co.req('POST', '/api/projector-links', { raw: '[' }), 400, 'bad_json');
	// none of these revoked it
	assert.equal((await screen(link.token)).status, 200);
	assertError(await ctx.co.req('DELETE', `/api/projector-links/${link.id}`), 404, 'not_found');
	assertError(await ctx.co.post('/api/projector', {}), 405, 'method_not_allowed');
});

test('at most 20 working links at a time', async () => {
	const made = [];
	for (;;) {
		const r = await ctx.co.post('/api/projector-links');
		if (r.status !== 201) {
			assertError(r, 409, 'too_many_links');
			break;
		}
		made.push(r.body.id);
		assert.ok(made.length <= 20);
	}
	const active = assertOk(await ctx.co.get('/api/projector-links')).filter((l) => l.active);
	assert.equal(active.length, 20);
	assertOk(await ctx.co.post(`/api/projector-links/${active[0].id}/revoke`));
	await newLink();
	for (const l of assertOk(await ctx.co.get('/api/projector-links')).filter((x) => x.active))
		assertOk(await ctx.co.post(`/api/projector-links/${l.id}/revoke`));
});

test('one link answers at most 60 times a minute (a screen polls every 5 to 10 s)', async () => {
	const link = await newLink();
	for (let i = 0; i < 60; i++) assert.equal((await screen(link.token)).status, 200, `request ${i + 1}`);
	const r = await screen(link.token);
	assertError(r, 429, 'too_many_requests');
	const wait = Number(r.headers.get('retry-after'));
	assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
	// another link is not held up
	assert.equal((await screen((await newLink()).token)).status, 200);
});

// Last: it makes this address wait for unknown tokens (1 s, then longer with each further one).
test('an address that tries 20 unknown tokens is refused for a while, good token or not', async () => {
	const link = await newLink();
	let blocked = null;
	for (let i = 0; i < 25 && !blocked; i++) {
		const r = await screen(i.toString(16).padStart(64, 'f'));
		if (r.status === 429) blocked = r;
		else assertError(r, 401, 'bad_token');
	}
	assert.ok(blocked, 'no 429 after 25 unknown tokens');
	assertError(blocked, 429, 'too_many_attempts');
	assert.ok(Number(blocked.headers.get('retry-after')) > 0);
	assertError(await screen(link.token), 429, 'too_many_attempts');
});
