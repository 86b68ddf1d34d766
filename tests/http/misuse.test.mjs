// Misuse of the API: wrong roles, other people's entries, CSRF, oversized and malformed
// bodies, racing claims, unknown routes. Every refusal is checked to have changed nothing,
// by reading the whole count back through the API (helpers.snapshot).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	useServer, login, Client, makeForm, partialForm, assertOk, assertError, snapshot,
	stationState, rawRequest,
} from './helpers.mjs';

// The count as the tests find it (made in `before`):
//   1 first_in_progress, invoerder1, a partial draft saved
//   2 first_done by invoerder1
//   3 definitive
//   4 different (entry 1 invoerder1, entry 2 invoerder2)
//   5 empty
//   6 second_in_progress: entry 1 invoerder1, entry 2 held by invoerder2 with a draft
//   7, 8 empty (7: the claim races)
const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.t3 = await login(c.server, 'invoerder3');
	c.co = await login(c.server, 'coordinator');
	c.admin = await login(c.server, 'beheerder');
	const el = c.el = assertOk(await c.t1.get('/api/election'));
	const { t1, t2 } = c;
	const form = (n) => makeForm(el, { variant: n });
	const done = async (t, n, e, f) => {
		assertOk(await t.claim(n, e));
		assertOk(await t.save(n, e, f));
		return assertOk(await t.finalise(n, e, false)).status;
	};
	assertOk(await t1.claim(1, 1));
	assertOk(await t1.save(1, 1, partialForm(el, form(1), ['voters', 'votes']), 'differences'));
	assert.equal(await done(t1, 2, 1, form(2)), 'first_done');
	assert.equal(await done(t1, 3, 1, form(3)), 'first_done');
	assert.equal(await done(t2, 3, 2, form(3)), 'definitive');
	assert.equal(await done(t1, 4, 1, form(4)), 'first_done');
	assert.equal(await done(t2, 4, 2, makeForm(el, { variant: 4, blank: 6, invalid: 4 })), 'different');
	assert.equal(await done(t1, 6, 1, form(6)), 'first_done');
	assertOk(await t2.claim(6, 2));
	assertOk(await t2.save(6, 2, partialForm(el, form(6), ['voters']), 'votes'));
});

// Runs fn (which makes refused requests), then checks that the count is as before.
async function unchanged(fn) {
	const before = await snapshot(ctx.co);
	await fn();
	assert.deepEqual(await snapshot(ctx.co), before, 'a refused request changed the count');
}

async function accountNames() {
	return assertOk(await ctx.admin.get('/api/accounts')).map((a) => a.name).sort();
}

// ---- roles ----

test('role: a typist gets 403 forbidden on /api/totals', async () => {
	await unchanged(async () => {
		assertError(await ctx.t1.get('/api/totals'), 403, 'forbidden');
		assertError(await ctx.t1.get('/api/totals/chart.svg'), 403, 'forbidden');
		assertError(await ctx.t1.get('/api/stations/4'), 403, 'forbidden');
	});
});

test('role: a typist gets 403 forbidden on /api/stations/{n}/resolve and reset', async () => {
	await unchanged(async () => {
		assertError(await ctx.t1.resolve(4, 'keep_first'), 403, 'forbidden');
		assertError(await ctx.t2.resolve(4, 'keep_second'), 403, 'forbidden');
		assertError(await ctx.t1.resolve(1, 'discard_both'), 403, 'forbidden');
		assertError(await ctx.t1.reset(3), 403, 'forbidden');
	});
	assert.equal((await stationState(ctx.co, 4)).station.status, 'different');
});

test('role: a typist gets 403 forbidden on /api/accounts', async () => {
	const names = await accountNames();
	await unchanged(async () => {
		assertError(await ctx.t1.get('/api/accounts'), 403, 'forbidden');
		assertError(await ctx.t1.post('/api/accounts', { name: 'indringer', role: 'coordinator' }),
			403, 'forbidden');
	});
	assert.deepEqual(await accountNames(), names);
});

test('role: the coordinator gets 403 forbidden on claim and PUT of an entry', async () => {
	const { co, el } = ctx;
	await unchanged(async () => {
		assertError(await co.claim(5, 1), 403, 'forbidden');
		assertError(await co.claim(2, 2), 403, 'forbidden');
		assertError(await co.save(1, 1, makeForm(el, { variant: 1 })), 403, 'forbidden');
		assertError(await co.entry(1, 1), 403, 'forbidden');
		assertError(await co.finalise(1, 1, true), 403, 'forbidden');
		assertError(await co.discard(1, 1), 403, 'forbidden');
	});
});

test('role: the administrator gets 403 forbidden on /api/stations, claim and resolve', async () => {
	const { admin, el } = ctx;
	await unchanged(async () => {
		assertError(await admin.get('/api/stations'), 403, 'forbidden');
		assertError(await admin.get('/api/stations/4'), 403, 'forbidden');
		assertError(await admin.claim(5, 1), 403, 'forbidden');
		assertError(await admin.claim(2, 2), 403, 'forbidden');
		assertError(await admin.save(1, 1, makeForm(el, { variant: 1 })), 403, 'forbidden');
		assertError(await admin.resolve(4, 'keep_first'), 403, 'forbidden');
		assertError(await admin.reset(3), 403, 'forbidden');
		assertError(await admin.get('/api/totals'), 403, 'forbidden');
	});
});

// ---- whose entry ----

test('the first typist claiming the second entry gets 403 second_entry_same_typist', async () => {
	await unchanged(async () => {
		assertError(await ctx.t1.claim(2, 2), 403, 'second_entry_same_typist');
	});
	const d = await stationState(ctx.co, 2);
	assert.equal(d.station.status, 'first_done');
	assert.equal(d.station.second_typist, null);
});

test('another typist touching a claimed entry 1 gets 403 not_your_entry (PUT, finalise, discard, GET)', async () => {
	const { t1, t2, el } = ctx;
	const mine = assertOk(await t1.entry(1, 1));
	await unchanged(async () => {
		assertError(await t2.save(1, 1, makeForm(el, { variant: 1 })), 403, 'not_your_entry', 'PUT');
		assertError(await t2.finalise(1, 1, true), 403, 'not_your_entry', 'finalise');
		assertError(await t2.discard(1, 1), 403, 'not_your_entry', 'discard');
		assertError(await t2.entry(1, 1), 403, 'not_your_entry', 'GET');
		assertError(await t2.claim(1, 1), 409, 'already_claimed', 'claim');
	});
	assert.deepEqual(assertOk(await t1.entry(1, 1)), mine, 'the holder still sees their draft');
});

test('another typist touching a claimed entry 2 gets 403 not_your_entry (PUT, finalise, discard, GET)', async () => {
	const { t1, t2, t3, el } = ctx;
	const mine = assertOk(await t2.entry(6, 2));
	await unchanged(async () => {
		for (const t of [t3, t1]) {
			assertError(await t.save(6, 2, makeForm(el, { variant: 6 })), 403, 'not_your_entry', t.name);
			assertError(await t.finalise(6, 2, true), 403, 'not_your_entry', t.name);
			assertError(await t.discard(6, 2), 403, 'not_your_entry', t.name);
			assertError(await t.entry(6, 2), 403, 'not_your_entry', t.name);
		}
		// entry 1 of that station is finalised: nobody holds it
		const g = await t1.entry(6, 1);
		assert.ok(g.status === 409 || g.status === 403, g.text);
		assertError(await t1.save(6, 1, makeForm(el, { variant: 6 })), 409, 'wrong_state');
	});
	assert.deepEqual(assertOk(await t2.entry(6, 2)), mine);
});

// ---- CSRF ----

test('csrf: a change without X-CSRF-Token gets 403 csrf', async () => {
	const { t1, t3, el } = ctx;
	await unchanged(async () => {
		assertError(await t3.req('POST', '/api/stations/5/entries/1/claim', { body: {}, csrf: false }),
			403, 'csrf');
		assertError(await t1.req('PUT', '/api/stations/1/entries/1',
			{ body: makeForm(el, { variant: 1 }), csrf: false }), 403, 'csrf');
		assertError(await t1.req('POST', '/api/stations/1/entries/1/discard', { body: {}, csrf: false }),
			403, 'csrf');
		assertError(await ctx.co.req('POST', '/api/stations/3/reset', { body: {}, csrf: false }),
			403, 'csrf');
	});
});

test('csrf: a change with a wrong X-CSRF-Token gets 403 csrf', async () => {
	const { t1, t2, el } = ctx;
	await unchanged(async () => {
		for (const bad of [t2.csrf, '0'.repeat(64), t1.csrf.slice(0, 63), t1.csrf + '0', 'x']) {
			assertError(await t1.req('POST', '/api/stations/1/entries/1/discard', { body: {}, csrf: bad }),
				403, 'csrf', bad);
		}
		assertError(await t1.req('PUT', '/api/stations/1/entries/1',
			{ body: makeForm(el, { variant: 1 }), csrf: t2.csrf }), 403, 'csrf');
		assertError(await ctx.co.req('POST', '/api/stations/3/reset', { body: {}, csrf: t1.csrf }),
			403, 'csrf');
	});
});

test('csrf: a change without Content-Type: application/json gets 403 csrf', async () => {
	const { t1, el, server } = ctx;
	await unchanged(async () => {
		for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
			assertError(await t1.req('POST', '/api/stations/1/entries/1/discard',
				{ raw: '{}', contentType: ct }), 403, 'csrf', ct);
			assertError(await t1.req('PUT', '/api/stations/1/entries/1',
				{ raw: JSON.stringify(makeForm(el, { variant: 1 })), contentType: ct }), 403, 'csrf', ct);
		}
		// no Content-Type at all (fetch always sends one with a body)
		const body = '{}';
		const r = await rawRequest(server, `POST /api/stations/1/entries/1/discard HTTP/1.1
Host: 127.0.0.1:${server.port}
Cookie: ${t1.cookie}
X-CSRF-Token: ${t1.csrf}
Content-Length: ${body.length}`, body);
		assertError(r, 403, 'csrf', 'no Content-Type');
		// the login needs it too
		assertError(await new Client(server, 'x').req('POST', '/api/login',
			{ raw: JSON.stringify({ username: 'invoerder1', password: 'x' }), contentType: 'text/plain' }),
		403, 'csrf');
	});
});

// ---- bodies ----

test('an oversized body (> 256 KiB) gets 413 too_large and nothing is saved', async () => {
	const { t1, el, server } = ctx;
	const form = makeForm(el, { variant: 1 });
	const json = JSON.stringify(form);
	const padded = (size) => json.slice(0, -1) + ' '.repeat(size - json.length) + '}';
	const before = assertOk(await t1.entry(1, 1));
	await unchanged(async () => {
		assertError(await t1.req('PUT', '/api/stations/1/entries/1', { raw: padded(256 * 1024 + 1) }),
			413, 'too_large', 'one byte above');
		assertError(await t1.req('PUT', '/api/stations/1/entries/1', { raw: padded(1024 * 1024) }),
			413, 'too_large', '1 MiB');
		// chunked, without Content-Length
		const big = padded(300 * 1024);
		const chunked = big.match(/[\s\S]{1,65536}/g).map((c) => c.length.toString(16) + '\r\n' + c +
			'\r\n').join('') + '0\r\n\r\n';
		const r = await rawRequest(server, `PUT /api/stations/1/entries/1 HTTP/1.1
Host: 127.0.0.1:${server.port}
Cookie: ${t1.cookie}
X-CSRF-Token: ${t1.csrf}
Content-Type: application/json
Transfer-Encoding: chunked`, chunked);
		assertError(r, 413, 'too_large', 'chunked');
		// a login too
		assertError(await new Client(server, 'x').req('POST', '/api/login',
			{ raw: '{"username":"invoerder1","password":"' + 'a'.repeat(300 * 1024) + '"}' }), 413, 'too_large');
	});
	assert.deepEqual(assertOk(await t1.entry(1, 1)), before);
	// exactly 256 KiB is allowed: the same form is saved
	const ok = await t1.req('PUT', '/api/stations/1/entries/1', { raw: padded(256 * 1024) });
	assertOk(ok, 200, 'exactly 256 KiB');
	assert.deepEqual(assertOk(await t1.entry(1, 1)).form, form);
	assertOk(await t1.save(1, 1, before.form, before.progress));
	const after = assertOk(await t1.entry(1, 1));
	assert.ok(after.revision > before.revision, 'every save is a new revision');
	assert.deepEqual({ ...after, revision: before.revision }, before);
});

test('malformed JSON gets 400 bad_json (syntax, an array, duplicate keys) and nothing is saved', async () => {
	const { t1, co, el } = ctx;
	const json = JSON.stringify(makeForm(el, { variant: 1 }));
	const before = assertOk(await t1.entry(1, 1));
	const bodies = {
		'cut off': json.slice(0, 200),
		'trailing comma': '{"voters": {"poll_cards": 1,},}',
		'not JSON': 'voters=1',
		'a JSON array': JSON.stringify([JSON.parse(json)]),
		'a JSON string': '"{}"',
		'a number': '42',
		'null': 'null',
		'duplicate top-level key': json.slice(0, -1) + ',"voters":' + JSON.stringify(JSON.parse(json).voters) + '}',
		'duplicate nested key': json.replace('"poll_cards":801', '"poll_cards":801,"poll_cards":802'),
		'empty body': '',
	};
	assert.notEqual(bodies['duplicate nested key'], json);
	await unchanged(async () => {
		for (const [what, raw] of Object.entries(bodies))
			assertError(await t1.req('PUT', '/api/stations/1/entries/1', { raw }), 400, 'bad_json', what);
		assertError(await co.req('POST', '/api/stations/4/resolve', { raw: '["keep_first"]' }), 400,
			'bad_json', 'resolve array');
		assertError(await co.req('POST', '/api/stations/4/resolve',
			{ raw: '{"action":"keep_first","action":"discard_both"}' }), 400, 'bad_json', 'resolve duplicate');
		assertError(await co.req('POST', '/api/stations/4/resolve', { raw: '{"action":' }), 400,
			'bad_json', 'resolve cut off');
		assertError(await new Client(ctx.server, 'x').req('POST', '/api/login', { raw: '[]' }), 400,
			'bad_json', 'login array');
	});
	assert.deepEqual(assertOk(await t1.entry(1, 1)), before);
});

// ---- races ----

test('two simultaneous claims of the same entry 1: exactly one wins, the other gets 409 already_claimed (20 rounds)', async () => {
	const { t1, t2, co } = ctx;
	const n = 7;
	const wins = { invoerder1: 0, invoerder2: 0 };
	for (let round = 0; round < 20; round++) {
		assert.deepEqual(assertOk(await co.reset(n)), { status: 'empty' });
		const [a, b] = await Promise.all([t1.claim(n, 1), t2.claim(n, 1)]);
		const ok = [a, b].filter((r) => r.status === 200);
		const refused = [a, b].filter((r) => r.status !== 200);
		assert.equal(ok.length, 1, `round ${round}: ${a.status} ${a.text} / ${b.status} ${b.text}`);
		assert.deepEqual(ok[0].body, { status: 'first_in_progress', resumed: false });
		assertError(refused[0], 409, 'already_claimed', `round ${round}`);
		const winner = a.status === 200 ? 'invoerder1' : 'invoerder2';
		wins[winner]++;
		const d = await stationState(co, n);
		assert.equal(d.station.status, 'first_in_progress');
		assert.equal(d.station.first_typist, winner);
		assert.deepEqual(d.entries.map((e) => e.typist), [winner]);
	}
	assert.equal(wins.invoerder1 + wins.invoerder2, 20);
	assert.deepEqual(assertOk(await co.reset(n)), { status: 'empty' });
});

test('two simultaneous claims of the same entry 2: exactly one wins, the other gets 409 already_claimed (10 rounds)', async () => {
	const { t2, t3, co } = ctx;
	const n = 2;
	for (let round = 0; round < 10; round++) {
		const [a, b] = await Promise.all([t2.claim(n, 2), t3.claim(n, 2)]);
		const ok = [a, b].filter((r) => r.status === 200);
		assert.equal(ok.length, 1, `round ${round}: ${a.status} ${a.text} / ${b.status} ${b.text}`);
		assert.deepEqual(ok[0].body, { status: 'second_in_progress', resumed: false });
		assertError([a, b].find((r) => r.status !== 200), 409, 'already_claimed', `round ${round}`);
		const winner = a.status === 200 ? t2 : t3;
		const d = await stationState(co, n);
		assert.equal(d.station.second_typist, winner.name);
		assert.deepEqual(d.entries.map((e) => e.typist), ['invoerder1', winner.name]);
		assert.deepEqual(assertOk(await winner.discard(n, 2)), { status: 'first_done' });
	}
});

// ---- sessions ----

test('a request without a session gets 401 not_logged_in', async () => {
	const anon = new Client(ctx.server, 'anon');
	await unchanged(async () => {
		for (const url of ['/api/me', '/api/election', '/api/stations', '/api/stations/1',
			'/api/stations/1/entries/1', '/api/totals', '/api/accounts', '/api/laptops'])
			assertError(await anon.get(url), 401, 'not_logged_in', url);
		assertError(await anon.post('/api/stations/5/entries/1/claim', {}, { csrf: ctx.t1.csrf }), 401,
			'not_logged_in');
		assertError(await anon.post('/api/stations/3/reset', {}), 401, 'not_logged_in');
		// a made-up or altered cookie is no session either
		anon.cookie = 'teller_session=' + 'a'.repeat(64);
		assertError(await anon.get('/api/stations'), 401, 'not_logged_in');
		anon.cookie = ctx.t1.cookie.slice(0, -1) + (ctx.t1.cookie.endsWith('a') ? 'b' : 'a');
		assertError(await anon.get('/api/stations'), 401, 'not_logged_in');
		assertError(await anon.claim(5, 1), 401, 'not_logged_in');
	});
});

// ---- routes ----

test('an unknown route gets 404 not_found', async () => {
	const { t1 } = ctx;
	for (const url of ['/api/nothing', '/api/stations/1/entries', '/api/stations/1/foo',
		'/api/stations/x', '/api/stations/0', '/api/stations/-1/entries/1', '/api/', '/nothing.html',
		'/api/stations/1/entries/1/claim/extra'])
		assertError(await t1.get(url), 404, 'not_found', url);
});

test('a wrong method gets 405 method_not_allowed', async () => {
	const { t1, co } = ctx;
	await unchanged(async () => {
		assertError(await t1.req('DELETE', '/api/stations/1/entries/1', {}), 405, 'method_not_allowed');
		assertError(await t1.get('/api/stations/5/entries/1/claim'), 405, 'method_not_allowed');
		assertError(await t1.post('/api/stations/1/entries/1', makeForm(ctx.el, { variant: 1 })), 405,
			'method_not_allowed');
		assertError(await t1.post('/api/stations', {}), 405, 'method_not_allowed');
		assertError(await co.get('/api/stations/3/reset'), 405, 'method_not_allowed');
		assertError(await co.put('/api/totals', {}), 405, 'method_not_allowed');
		assertError(await t1.get('/api/login'), 405, 'method_not_allowed');
		assertError(await t1.req('POST', '/', { body: {} }), 405, 'method_not_allowed');
	});
});

test('station 999 gets 404 not_found', async () => {
	const { t1, co, el } = ctx;
	await unchanged(async () => {
		assertError(await co.detail(999), 404, 'not_found');
		assertError(await co.resolve(999, 'keep_first'), 404, 'not_found');
		assertError(await co.reset(999), 404, 'not_found');
		assertError(await t1.claim(999, 1), 404, 'not_found');
		assertError(await t1.entry(999, 1), 404, 'not_found');
		assertError(await t1.save(999, 1, makeForm(el)), 404, 'not_found');
		assertError(await t1.finalise(999, 1, true), 404, 'not_found');
		assertError(await t1.discard(999, 1), 404, 'not_found');
	});
});

test('entry 3 gets 404 not_found', async () => {
	const { t1, el } = ctx;
	await unchanged(async () => {
		for (const e of [3, 0]) {
			assertError(await t1.claim(5, e), 404, 'not_found', `claim ${e}`);
			assertError(await t1.entry(1, e), 404, 'not_found', `GET ${e}`);
			assertError(await t1.save(1, e, makeForm(el, { variant: 1 })), 404, 'not_found', `PUT ${e}`);
			assertError(await t1.finalise(1, e, true), 404, 'not_found', `finalise ${e}`);
			assertError(await t1.discard(1, e), 404, 'not_found', `discard ${e}`);
		}
	});
});
