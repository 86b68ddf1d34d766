// The committee's session on the PV: GET and PUT /api/committee-session (coordinator), the
// check of every value, the audit record, and the printed proces-verbaal read back.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, login, Client, TELLER, assertOk, assertError } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.co = await login(c.server, 'coordinator');
	c.admin = await login(c.server, 'beheerder');
	c.t1 = await login(c.server, 'invoerder1');
});

const URL = '/api/committee-session';
const EMPTY = { number: 1, place: null, date: null, start_time: null, end_time: null, members: [],
	updated_at: null };
const FULL = {
	place: 'Gemeentehuis Juinen, raadzaal', date: '2026-03-18', start_time: '21:00',
	end_time: '23:45', members: ['J. de Vries, voorzitter', 'A. Bakker, lid',
		'É. Özdemir-Janssen, plaatsvervangend lid'],
};
const auditCount = async () => (await ctx.co.get('/api/audit?limit=1000')).body.records.length;
const current = async () => assertOk(await ctx.co.get(URL));
const withoutTime = ({ updated_at: _, ...rest }) => rest;

test('before anything is entered: every detail null, no members', async () => {
	assert.deepEqual(await current(), EMPTY);
});

test('PUT stores the session, answers it, and logs it in the same step', async () => {
	const n = await auditCount();
	const r = assertOk(await ctx.co.put(URL, FULL));
	assert.deepEqual(withoutTime(r), { number: 1, ...FULL });
	assert.match(r.updated_at, /^\d{4}-\d\d-\d\dT/);
	assert.deepEqual(await current(), r);
	assert.equal(await auditCount(), n + 1);
	const rec = (await ctx.co.get('/api/audit?action=committee_session&limit=1')).body.records[0];
	assert.equal(rec.actor, 'coordinator');
	assert.match(rec.detail, /2026-03-18/);
	assert.equal(rec.station, null);
});

test('PUT replaces the whole: what is left out (or null, or "") is not known any more', async () => {
	assertOk(await ctx.co.put(URL, FULL));
	const r = assertOk(await ctx.co.put(URL, { place: 'Raadzaal', date: null, start_time: '' }));
	assert.deepEqual(withoutTime(r), { ...withoutTime(EMPTY), place: 'Raadzaal' });
	assertOk(await ctx.co.put(URL, FULL));
});

test('the limits hold at their edges: 200 characters (not bytes), 30 members', async () => {
	const long = 'é'.repeat(200);
	const members = Array.from({ length: 30 }, (_, i) => `Lid ${i + 1}, lid`);
	const r = assertOk(await ctx.co.put(URL, { ...FULL, place: long, members: [long, ...members.slice(1)] }));
	assert.equal(r.place, long);
	assert.equal(r.members.length, 30);
	assert.equal(r.members[0], long);
	for (const t of ['00:00', '23:59']) assertOk(await ctx.co.put(URL, { ...FULL, start_time: t, end_time: t }));
	assertOk(await ctx.co.put(URL, { ...FULL, date: '2028-02-29' }));
	// a session past midnight: the end before the start is allowed
	assertOk(await ctx.co.put(URL, { ...FULL, start_time: '21:00', end_time: '02:30' }));
	assertOk(await ctx.co.put(URL, FULL));
});

test('refused values change nothing and log nothing: 422 refused, 400 for the wrong kind', async () => {
	assertOk(await ctx.co.put(URL, FULL));
	const before = await current();
	const n = await auditCount();
	const cases = [
		[422, { date: '2026-02-30' }], [422, { date: '2025-02-29' }], [422, { date: '2026-13-01' }],
		[422, { date: '26-03-18' }], [422, { date: '2026-3-18' }], [422, { date: '18-03-2026' }],
		[422, { date: '2026-03-18T21:00' }], [422, { date: 'morgen' }],
		[422, { start_time: '24:00' }], [422, { start_time: '9:30' }], [422, { start_time: '21:60' }],
		[422, { start_time: '2100' }], [422, { end_time: '21:00:00' }], [422, { end_time: 'x' }],
		[422, { place: 'a'.repeat(201) }], [422, { place: 'é'.repeat(201) }],
		[422, { place: 'regel\nregel' }], [422, { place: 'tab\there' }], [422, { place: '   ' }],
		[422, { place: 'omgekeerd \u202e tekst' }], [400, { place: 'nul\u0000teken' }],
		[422, { place: '\u0085' }],
		[422, { members: Array.from({ length: 31 }, (_, i) => `Lid ${i}`) }],
		[422, { members: [''] }], [422, { members: ['a'.repeat(201)] }], [422, { members: ['x\ny'] }],
		[422, { members: ['J. de Vries', ' '] }],
		[400, { members: 'J. de Vries, voorzitter' }], [400, { members: [1] }],
		[400, { members: [null] }], [400, { members: { a: 'b' } }],
		[400, { place: 5 }], [400, { date: 20260318 }], [400, { start_time: true }],
		[400, { start: '21:00' }], [400, { leden: [] }],
	];
	for (const [status, change] of cases) {
		const r = await ctx.co.put(URL, { ...FULL, ...change });
		assertError(r, status, status === 422 ? 'refused' : 'bad_json', JSON.stringify(change));
		assert.ok(/[a-z]/.test(r.body.error.message), r.text);
	}
	for (const raw of ['', 'null', '[]', '"x"', '{"place":']) {
		const r = await ctx.co.req('PUT', URL, { raw });
		assertError(r, 400, 'bad_json', raw);
	}
	assert.deepEqual(await current(), before);
	assert.equal(await auditCount(), n);
});

test('who may: the coordinator changes, the administrator reads; typists 403, no session 401', async () => {
	const before = await current();
	assertOk(await ctx.admin.get(URL));
	assertError(await ctx.admin.put(URL, FULL), 403, 'forbidden');
	assertError(await ctx.t1.get(URL), 403, 'forbidden');
	assertError(await ctx.t1.put(URL, FULL), 403, 'forbidden');
	const anon = new Client(ctx.server, 'x');
	assertError(await anon.get(URL), 401, 'not_logged_in');
	assertError(await anon.put(URL, FULL), 401, 'not_logged_in');
	// a change without the CSRF token, with another token, or not as JSON
	assertError(await ctx.co.put(URL, { ...FULL, place: 'X' }, { csrf: false }), 403, 'csrf');
	assertError(await ctx.co.put(URL, { ...FULL, place: 'X' }, { csrf: 'a'.repeat(64) }), 403, 'csrf');
	assertError(await ctx.co.put(URL, { ...FULL, place: 'X' }, { contentType: 'text/plain' }), 403, 'csrf');
	assertError(await ctx.co.post(URL, FULL), 405, 'method_not_allowed');
	assert.deepEqual(await current(), before);
});

test('the proces-verbaal states the session; the 510b is the same with or without it', async () => {
	const co = ctx.co;
	const exportPv = async () => {
		const x = assertOk(await co.post('/api/export', { draft: true }));
		const files = {};
		for (const f of x.files) {
			const r = await fetch(ctx.server.base + '/api/export/files/' + encodeURIComponent(f.name),
				{ headers: { Cookie: co.cookie } });
			assert.equal(r.status, 200, f.name);
			files[f.name] = Buffer.from(await r.arrayBuffer());
		}
		const pvName = Object.keys(files).find((n) => n.endsWith('.pdf'));
		const emlName = Object.keys(files).find((n) => n.endsWith('.xml'));
		const pdf = path.join(ctx.server.dir, `pv-${Date.now()}.pdf`);
		writeFileSync(pdf, files[pvName]);
		const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
		const eml = files[emlName].toString().replace(/<kr:CreationDateTime>[^<]*</, '<kr:CreationDateTime>-<');
		return { text, eml };
	};
	assertOk(await co.put(URL, {}));
	const blank = await exportPv();
	assert.match(blank.text, /Zitting van het gemeentelijk stembureau/);
	assert.match(blank.text, /vult de voorzitter met de hand in/);
	assert.doesNotMatch(blank.text, /21:00 uur/);
	assertOk(await co.put(URL, FULL));
	const full = await exportPv();
	for (const want of ['Gemeentehuis Juinen, raadzaal', '18 maart 2026', '21:00 uur', '23:45 uur',
		'Aanwezige leden', ...FULL.members])
		assert.ok(full.text.includes(want), `${want} on the PV`);
	assert.doesNotMatch(full.text, /vult de voorzitter met de hand in/);
	assert.equal(full.eml, blank.eml, 'the 510b does not carry the session');
	// the CLI shows what the page stored
	const shown = execFileSync(TELLER, ['committee', '--db', ctx.server.db], { encoding: 'utf8' });
	assert.match(shown, /place: +Gemeentehuis Juinen, raadzaal/);
	assert.match(shown, /A\. Bakker, lid/);
});
