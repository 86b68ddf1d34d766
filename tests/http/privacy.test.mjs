// Figures being typed are nobody's but the typist's (issue 11, finding 5): while entry 1 or
// entry 2 is saved but not finalised, no coordinator or administrator route carries a figure
// of it (GET /api/stations/{n} shows who types it and where they are, not the numbers), and no
// other typist can read it. Once finalised, the coordinator sees the entry as before: both
// finalised entries side by side to decide a difference, and a first entry finalised with
// errors together with those errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	useServer, login, makeForm, partialForm, assertOk, assertError, stationState,
} from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.t3 = await login(c.server, 'invoerder3');
	c.co = await login(c.server, 'coordinator');
	c.admin = await login(c.server, 'beheerder');
	c.el = assertOk(await c.t1.get('/api/election'));
	c.projector = assertOk(await c.co.post('/api/projector-links'), 201).token;
});

// What an unfinished entry may show the coordinator: who, that it is not finalised, where
// the typist is and when they last saved, and the fields cleared for correction (paths).
const UNFINISHED_KEYS = ['cleared', 'entry', 'finalised', 'progress', 'saved', 'typist'];

// Every count of a form that is large enough to be recognised in any answer (>= 1000).
function markers(form) {
	const out = new Set();
	const walk = (v) => {
		if (typeof v === 'number' && v >= 1000) out.add(v);
		else if (v && typeof v === 'object') Object.values(v).forEach(walk);
	};
	walk(form);
	return [...out];
}

// The markers of `form` that occur as a whole number in text.
function leaked(text, form) {
	return markers(form).filter((m) => new RegExp(`(?<![0-9A-Za-z])${m}(?![0-9A-Za-z])`).test(text));
}

// Distinctive figures nobody else in the test uses: A is `a`, so D, H, E, the list totals
// and many candidates are numbers of five digits.
function secretForm(a) {
	return makeForm(ctx.el, { poll_cards: a, proxy_certificates: 13, blank: 7, invalid: 3 });
}

// Every answer a coordinator or administrator can get about the count, as text: the station
// list, every station's detail, the totals and their chart, the audit log, the result, the
// exports with a draft's text files (EML, CSV), and the projector's screen.
async function everythingVisible() {
	const { co, admin, server } = ctx;
	const out = [];
	const get = async (who, url, okStatuses = [200]) => {
		const r = await who.get(url);
		assert.ok(okStatuses.includes(r.status), `${who.name} GET ${url}: ${r.status} ${r.text}`);
		out.push([`${who.name} GET ${url}`, r.text]);
		return r;
	};
	const list = (await get(co, '/api/stations')).body;
	for (const s of list) await get(co, `/api/stations/${s.number}`);
	await get(co, '/api/totals');
	await get(co, '/api/totals/chart.svg');
	await get(co, '/api/audit?limit=1000');
	await get(co, '/api/result', [200, 404, 409, 422]);
	await get(co, '/api/exports');
	await get(co, '/api/committee-session', [200, 404]);
	await get(co, '/api/server-info');
	for (const url of ['/api/audit?limit=1000', '/api/laptops', '/api/accounts', '/api/server-info',
		'/api/committee-session'])
		await get(admin, url, [200, 404]);
	const draft = assertOk(await co.post('/api/export', { draft: true }), 200, 'draft export');
	for (const f of draft.files.filter((x) => /\.(xml|csv)$/i.test(x.name)))
		await get(co, '/api/export/files/' + f.name);
	const p = await fetch(server.base + '/api/projector', { headers: { 'X-Projector-Token': ctx.projector } });
	out.push(['projector', await p.text()]);
	assert.equal(p.status, 200);
	return out;
}

async function assertNothingOf(form, what) {
	for (const [where, text] of await everythingVisible())
		assert.deepEqual(leaked(text, form), [], `${what}: ${where} shows figures of the unfinished entry`);
}

// The coordinator's view of an unfinished entry: who, where, no figures and no findings.
function assertUnfinished(e, no, typist, progress) {
	assert.ok(e, `entry ${no} is listed`);
	assert.equal(e.entry, no);
	assert.equal(e.typist, typist);
	assert.equal(e.finalised, false);
	for (const k of ['form', 'errors', 'warnings', 'warnings_confirmed'])
		assert.ok(!(k in e), `entry ${no} in progress shows its ${k}: ${JSON.stringify(e[k])}`);
	assert.equal(e.progress, progress, 'the coordinator sees where the typist is');
	assert.ok(typeof e.saved === 'string' && e.saved.length > 0, 'and when they last saved');
	assert.deepEqual(Object.keys(e).sort(), UNFINISHED_KEYS,
		`entry ${no} in progress carries only who and where: ${JSON.stringify(e)}`);
}

async function reset(n) {
	assert.deepEqual(assertOk(await ctx.co.reset(n)), { status: 'empty' });
}

test('entry 1 being typed: the coordinator sees who and where, no figure anywhere; finalised, the figures', async () => {
	const { t1, co, el } = ctx;
	const n = 3;
	await reset(n);
	const secret = secretForm(97531);
	assertOk(await t1.claim(n, 1));
	// Half typed (voters and votes: errors F.001 for the rest, which name no figure but
	// would tell what was typed), then all of it, saved but not finalised.
	for (const [form, progress] of [[partialForm(el, secret, ['voters', 'votes']), 'differences'],
		[secret, 'lists-1']]) {
		assertOk(await t1.save(n, 1, form, progress));
		const d = await stationState(co, n);
		assert.equal(d.station.status, 'first_in_progress');
		assert.equal(d.station.first_typist, 'invoerder1');
		assert.equal(d.station.holder, 'invoerder1');
		assert.equal(d.station.progress.section, progress);
		assert.equal(d.entries.length, 1);
		assertUnfinished(d.entries[0], 1, 'invoerder1', progress);
		assert.deepEqual(d.differences, []);
		await assertNothingOf(secret, `entry 1 at ${progress}`);
	}

	// Finalised: the coordinator sees the figures as before.
	assert.deepEqual(assertOk(await t1.finalise(n, 1, true)), { status: 'first_done' });
	const d = await stationState(co, n);
	assert.equal(d.entries[0].finalised, true);
	assert.deepEqual(d.entries[0].form, secret);
	// and its findings: more ballots than the station's voters (W.205), as the typist confirmed
	assert.deepEqual(d.entries[0].errors, []);
	assert.deepEqual(d.entries[0].warnings.map((f) => f.code), ['W.205']);
	assert.equal(d.entries[0].warnings_confirmed, true);
});

test('entry 2 being typed: entry 1 (finalised) is shown, entry 2 and the differences are not; finalised, both side by side', async () => {
	const { t1, t2, co } = ctx;
	const n = 4;
	await reset(n);
	const first = makeForm(ctx.el, { variant: n });
	assertOk(await t1.claim(n, 1));
	assertOk(await t1.save(n, 1, first, 'done'));
	assert.deepEqual(assertOk(await t1.finalise(n, 1, false)), { status: 'first_done' });

	const secret = secretForm(86420);
	assertOk(await t2.claim(n, 2));
	assertOk(await t2.save(n, 2, secret, 'lists-0'));
	let d = await stationState(co, n);
	assert.equal(d.station.status, 'second_in_progress');
	assert.equal(d.station.second_typist, 'invoerder2');
	assert.equal(d.entries.length, 2);
	assert.equal(d.entries[0].finalised, true);
	assert.deepEqual(d.entries[0].form, first, 'the finalised first entry stays visible');
	assertUnfinished(d.entries[1], 2, 'invoerder2', 'lists-0');
	assert.deepEqual(d.differences, [], 'which fields differ would tell what is being typed');
	await assertNothingOf(secret, 'entry 2 in progress');

	// Finalised: both entries side by side, with the differences.
	assert.deepEqual(assertOk(await t2.finalise(n, 2, true)), { status: 'different' });
	d = await stationState(co, n);
	assert.deepEqual(d.entries.map((e) => [e.entry, e.finalised]), [[1, true], [2, true]]);
	assert.deepEqual(d.entries[0].form, first);
	assert.deepEqual(d.entries[1].form, secret);
	assert.ok(d.differences.includes('voters.poll_cards'), JSON.stringify(d.differences));

	// keep the first, the second typist corrects: entry 2 is being typed again.
	assert.deepEqual(assertOk(await co.resolve(n, 'keep_first_correct_second')), { status: 'second_in_progress' });
	d = await stationState(co, n);
	assert.deepEqual(d.entries[0].form, first);
	assertUnfinished(d.entries[1], 2, 'invoerder2', d.entries[1].progress);
	assert.ok(d.entries[1].cleared.length > 0, 'the fields to type again are shown (paths, no figures)');
	assert.deepEqual(d.differences, []);
	const corrected = structuredClone(secret);
	corrected.voters.poll_cards = 86421;
	assertOk(await t2.save(n, 2, corrected, 'voters'));
	for (const [where, text] of await everythingVisible())
		assert.deepEqual(leaked(text, { x: 86421 }), [], `${where} shows a corrected figure`);
	await reset(n);
});

test('a first entry finalised with errors stays visible with its errors; given back to the typist, it is not', async () => {
	const { t1, co } = ctx;
	const n = 5;
	await reset(n);
	const bad = secretForm(75319);
	bad.voters.poll_cards += 1; // A + B != D: F.201
	assertOk(await t1.claim(n, 1));
	assertOk(await t1.save(n, 1, bad, 'done'));
	let d = await stationState(co, n);
	assertUnfinished(d.entries[0], 1, 'invoerder1', 'done');
	await assertNothingOf(bad, 'entry 1 with errors, not finalised');

	assert.deepEqual(assertOk(await t1.finalise(n, 1, false)), { status: 'first_has_errors' });
	d = await stationState(co, n);
	assert.equal(d.entries[0].finalised, true);
	assert.deepEqual(d.entries[0].form, bad, 'the coordinator decides on it: the figures are shown');
	assert.deepEqual(d.entries[0].errors.map((f) => f.code), ['F.201']);

	assert.deepEqual(assertOk(await co.resolve(n, 'return_to_typist')), { status: 'first_in_progress' });
	d = await stationState(co, n);
	assertUnfinished(d.entries[0], 1, 'invoerder1', 'done');
	const fixed = secretForm(75319);
	assertOk(await t1.save(n, 1, fixed, 'voters'));
	await assertNothingOf(fixed, 'entry 1 being corrected');
	await reset(n);
});

test('a typist cannot read another typist\'s entry, nor the coordinator\'s view of a station', async () => {
	const { t1, t2, t3, admin } = ctx;
	const n = 6;
	await reset(n);
	const secret = secretForm(64208);
	assertOk(await t1.claim(n, 1));
	assertOk(await t1.save(n, 1, secret, 'lists-0'));
	for (const t of [t2, t3]) {
		assertError(await t.entry(n, 1), 403, 'not_your_entry', `${t.name} reads entry 1 being typed`);
		const r = await t.get(`/api/stations/${n}/entries/2`);
		assert.ok([403, 409].includes(r.status), `${t.name} reads entry 2: ${r.text}`);
	}
	assert.deepEqual(assertOk(await t1.finalise(n, 1, true)), { status: 'first_done' });
	// Finalised entry 1 is nobody's to read through the typist's route, not even its typist's.
	for (const t of [t1, t2, t3]) {
		const r = await t.entry(n, 1);
		assert.ok([403, 409].includes(r.status), `${t.name} reads finalised entry 1: ${r.text}`);
		assert.deepEqual(leaked(r.text, secret), []);
	}
	const second = secretForm(53197);
	assertOk(await t2.claim(n, 2));
	assertOk(await t2.save(n, 2, second, 'voters'));
	for (const t of [t1, t3]) {
		const r = await t.entry(n, 2);
		assert.ok([403, 409].includes(r.status), `${t.name} reads entry 2 being typed: ${r.text}`);
		assert.deepEqual(leaked(r.text, second), []);
	}
	// The coordinator's routes are not a typist's (nor the administrator's station detail).
	for (const t of [t1, t2, t3, admin]) {
		assertError(await t.detail(n), 403, 'forbidden', `${t.name} GET /api/stations/${n}`);
		if (t !== admin) assertError(await t.get('/api/totals'), 403, 'forbidden', `${t.name} GET /api/totals`);
	}
	// What a typist does see: the list and their entry's status, without anyone's figures.
	for (const t of [t1, t2, t3]) {
		const texts = [(await t.get('/api/stations')).text,
			(await t.get(`/api/stations/${n}/entries/1/status`)).text,
			(await t.get(`/api/stations/${n}/entries/2/status`)).text];
		for (const text of texts) {
			assert.deepEqual(leaked(text, secret), [], `${t.name}: ${text}`);
			assert.deepEqual(leaked(text, second), [], `${t.name}: ${text}`);
		}
	}
	await reset(n);
});
