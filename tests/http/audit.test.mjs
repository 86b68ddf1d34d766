// The audit log on the coordinator's page: GET /api/audit (newest first, paged, filtered by
// station, person and action, with the hash chain's check) and GET /api/audit/actions.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, login, Client, REPO, TELLER, assertOk, assertError } from './helpers.mjs';

// The demo's 110b with stations 9 to 12 added, so that station 1 has a 10, 11 and 12 beside it.
function twelveStations(dir) {
	const demo = readFileSync(path.join(REPO, 'fixtures/demo/stembureaus-juinen-demo.eml.xml'), 'utf8');
	const last = demo.lastIndexOf('<PollingPlace Channel="polling">');
	const end = demo.indexOf('</PollingPlace>', last) + '</PollingPlace>'.length;
	const block = demo.slice(last, end);
	let more = '';
	for (let n = 9; n <= 12; n++)
		more += '\n        ' + block.replace('Id="8"', `Id="${n}"`)
			.replace('Dorpshuis Oud-Juinen', `Wijkcentrum ${n}`);
	const file = path.join(dir, 'stembureaus-12.eml.xml');
	writeFileSync(file, demo.slice(0, end) + more + demo.slice(end));
	return file;
}

const ctx = useServer(async (c) => {
	execFileSync(TELLER, ['import', '--db', c.server.db, twelveStations(c.server.dir)],
		{ stdio: 'pipe' });
	c.co = await login(c.server, 'coordinator');
	c.admin = await login(c.server, 'beheerder');
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	// Station actions on 1, 10, 11 and 12: each writes "station N ...".
	for (const n of [1, 10, 11, 12]) assertOk(await c.t1.claim(n, 1), 200, `claim ${n}`);
	assertOk(await c.t1.discard(11, 1), 200, 'discard 11');
	assertOk(await c.co.reset(10), 200, 'reset 10');
	assertOk(await c.t2.claim(10, 1), 200, 'claim 10 again');
});

const all = async (query = '') => assertOk(await ctx.co.get('/api/audit?limit=1000' + query));

test('GET /api/audit answers the records newest first, their station, and the chain intact', async () => {
	const r = await ctx.co.get('/api/audit');
	const b = assertOk(r);
	assert.deepEqual(Object.keys(b).sort(), ['chain_broken_at', 'chain_intact', 'next_before_id', 'records']);
	assert.equal(b.chain_intact, true);
	assert.equal(b.chain_broken_at, null);
	assert.ok(b.records.length > 10, r.text);
	for (const rec of b.records)
		assert.deepEqual(Object.keys(rec).sort(),
			['action', 'actor', 'address', 'at', 'detail', 'id', 'role', 'station']);
	const ids = b.records.map((x) => x.id);
	assert.deepEqual(ids, [...ids].sort((a, c) => c - a), 'newest first');
	assert.equal(b.next_before_id, null, 'fewer than 200 records: one page');
	const claim = b.records.find((x) => x.action === 'claim_entry_1' && x.detail.startsWith('station 12 '));
	assert.ok(claim, r.text);
	assert.equal(claim.station, 12);
	assert.equal(claim.actor, 'invoerder1');
	assert.equal(claim.role, 'typist');
	assert.equal(claim.address, '127.0.0.1');
	assert.match(claim.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
	const login1 = b.records.find((x) => x.action === 'login');
	assert.equal(login1.station, null);
	// the log is the CLI's log
	const cli = execFileSync(TELLER, ['audit', '--db', ctx.server.db], { encoding: 'utf8' });
	assert.ok(cli.includes(claim.detail));
});

test('the station filter is exact: station 1 never matches 10, 11 or 12', async () => {
	for (const n of [1, 10, 11, 12]) {
		const b = await all(`&station=${n}`);
		assert.ok(b.records.length >= 1, `station ${n}`);
		for (const rec of b.records) {
			assert.equal(rec.station, n, JSON.stringify(rec));
			assert.match(rec.detail, new RegExp(`^station ${n}[^0-9]`));
		}
	}
	const one = await all('&station=1');
	assert.deepEqual(one.records.map((x) => x.action), ['claim_entry_1']);
	const ten = await all('&station=10');
	assert.deepEqual(ten.records.map((x) => [x.action, x.actor]),
		[['claim_entry_1', 'invoerder2'], ['reset', 'coordinator'], ['claim_entry_1', 'invoerder1']]);
	// every station record of the whole log is found under its own number, once
	const every = await all();
	const withStation = every.records.filter((x) => x.station !== null);
	const found = [];
	for (const n of [1, 10, 11, 12]) found.push(...(await all(`&station=${n}`)).records);
	assert.deepEqual(found.map((x) => x.id).sort(), withStation.map((x) => x.id).sort());
	// a station without records: an empty page
	assert.deepEqual((await all('&station=2')).records, []);
	assert.deepEqual((await all('&station=100')).records, []);
});

test('filters by person (any case) and by action, also together', async () => {
	const t1 = await all('&actor=invoerder1');
	assert.ok(t1.records.length >= 5);
	assert.ok(t1.records.every((x) => x.actor === 'invoerder1'));
	assert.deepEqual((await all('&actor=INVOERDER1')).records, t1.records);
	const claims = await all('&action=claim_entry_1');
	assert.equal(claims.records.length, 5);
	assert.ok(claims.records.every((x) => x.action === 'claim_entry_1'));
	const both = await all('&station=10&actor=invoerder1&action=claim_entry_1');
	assert.equal(both.records.length, 1);
	assert.equal(both.records[0].detail.startsWith('station 10 '), true);
	assert.deepEqual((await all('&actor=niemand')).records, []);
	assert.deepEqual((await all('&action=no_such_action')).records, []);
	// an empty parameter is no filter (a page's "all" choice)
	assert.equal((await all('&station=&actor=&action=')).records.length, (await all()).records.length);
});

test('pages with limit and before_id: every record once, in order, then next_before_id null', async () => {
	const whole = (await all()).records.map((x) => x.id);
	const seen = [];
	let before = null;
	for (let i = 0; i < 100; i++) {
		const b = assertOk(await ctx.co.get('/api/audit?limit=3' + (before ? `&before_id=${before}` : '')));
		assert.ok(b.records.length <= 3);
		seen.push(...b.records.map((x) => x.id));
		before = b.next_before_id;
		if (before === null) break;
		assert.equal(before, b.records[b.records.length - 1].id);
	}
	assert.deepEqual(seen, whole);
	// pages of a filter
	const st10 = (await all('&station=10')).records.map((x) => x.id);
	const p1 = assertOk(await ctx.co.get('/api/audit?station=10&limit=2'));
	assert.deepEqual(p1.records.map((x) => x.id), st10.slice(0, 2));
	const p2 = assertOk(await ctx.co.get(`/api/audit?station=10&limit=2&before_id=${p1.next_before_id}`));
	assert.deepEqual(p2.records.map((x) => x.id), st10.slice(2));
	assert.equal(p2.next_before_id, null);
	// the default page is 200, the largest 1000
	assert.equal(assertOk(await ctx.co.get('/api/audit?limit=1000')).records.length, whole.length);
	assert.deepEqual(assertOk(await ctx.co.get('/api/audit?before_id=1')).records, []);
});

test('GET /api/audit/actions lists every action once, sorted', async () => {
	const b = assertOk(await ctx.co.get('/api/audit/actions'));
	assert.deepEqual(Object.keys(b), ['actions']);
	const a = b.actions;
	assert.deepEqual(a, [...new Set(a)].sort());
	for (const want of ['login', 'claim_entry_1', 'discard_entry_1', 'reset', 'import', 'account_add'])
		assert.ok(a.includes(want), `${want} in ${a}`);
	assert.deepEqual(assertOk(await ctx.admin.get('/api/audit/actions')), b);
});

test('bad parameters answer 400 bad_param with a Dutch message', async () => {
	const bad = [
		'station=0', 'station=-1', 'station=abc', 'station=1.5', 'station=01', 'station=1x',
		'station=99999999', 'station=%201', 'limit=0', 'limit=1001', 'limit=abc', 'limit=-5',
		'limit=1e3', 'before_id=0', 'before_id=x', 'before_id=99999999999',
		'action=DROP%20TABLE%20audit', `action=${'a'.repeat(60)}`, 'action=Login', 'action=%27',
		`actor=${'a'.repeat(70)}`,
	];
	for (const q of bad) {
		const r = await ctx.co.get('/api/audit?' + q);
		assertError(r, 400, 'bad_param', q);
		assert.match(r.body.error.message, /moet|is geen/, q);
	}
});

test('who may read it: coordinator and administrator; typists 403, no session 401', async () => {
	for (const url of ['/api/audit', '/api/audit/actions', '/api/audit?station=1']) {
		assertOk(await ctx.co.get(url), 200, url);
		assertOk(await ctx.admin.get(url), 200, url);
		assertError(await ctx.t1.get(url), 403, 'forbidden', url);
		assertError(await new Client(ctx.server, 'x').get(url), 401, 'not_logged_in', url);
	}
	// reading changes nothing, so it needs no CSRF token; other methods are not allowed
	assertError(await ctx.co.post('/api/audit', {}), 405, 'method_not_allowed');
	assertError(await ctx.co.req('DELETE', '/api/audit'), 405, 'method_not_allowed');
});

test('a record altered behind Teller\'s back: chain_intact false, and where it broke', async (t) => {
	try {
		execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
	} catch {
		t.skip('no sqlite3 command to tamper with');
		return;
	}
	const target = (await all('&station=12')).records[0];
	execFileSync('sqlite3', [ctx.server.db, 'DROP TRIGGER audit_no_update; ' +
		`UPDATE audit SET actor = 'iemand anders' WHERE id = ${target.id};`]);
	const b = assertOk(await ctx.co.get('/api/audit?limit=1'));
	assert.equal(b.chain_intact, false);
	assert.equal(b.chain_broken_at, target.id);
	const rec = (await all('&station=12')).records.find((x) => x.id === target.id);
	assert.equal(rec.actor, 'iemand anders');
});
