// Validation over HTTP: findings on save (domain.md §4), warnings at finalise, and forms that
// do not fit the election (422 does_not_fit), each refused without changing anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	useServer, login, makeForm, partialForm, formPaths, getPath, setPath, assertOk, assertError,
	stationState, assertClean, isCandidate,
} from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.co = await login(c.server, 'coordinator');
	c.el = assertOk(await c.t1.get('/api/election'));
});

async function freshEntry(n) {
	assert.deepEqual(assertOk(await ctx.co.reset(n)), { status: 'empty' });
	assert.deepEqual(assertOk(await ctx.t1.claim(n, 1)), { status: 'first_in_progress', resumed: false });
}

test('warnings: blank votes ≥ 3 % of H (W.201) must be confirmed at finalise (409 warnings_not_confirmed), then it is finalised', async () => {
	const { t1, co } = ctx;
	const n = 1;
	await freshEntry(n);
	const form = makeForm(ctx.el, { variant: n, blank: 30 });
	const s = assertOk(await t1.save(n, 1, form, 'done'));
	assert.deepEqual(s.errors, []);
	assert.deepEqual(s.warnings.map((w) => w.code), ['W.201']);
	assert.deepEqual(s.warnings[0].fields, ['votes.blank_votes', 'votes.votes_cast']);
	assert.ok(s.warnings[0].message.length > 0);

	for (const body of [{}, { warnings_confirmed: false }]) {
		const r = await t1.post(`/api/stations/${n}/entries/1/finalise`, body);
		assertError(r, 409, 'warnings_not_confirmed', JSON.stringify(body));
		const g = assertOk(await t1.entry(n, 1));
		assert.equal(g.status, 'first_in_progress');
		assert.deepEqual(g.form, form);
		assert.deepEqual(g.warnings.map((w) => w.code), ['W.201']);
		const d = await stationState(co, n);
		assert.equal(d.station.status, 'first_in_progress');
		assert.equal(d.entries[0].finalised, false);
	}
	// warnings_confirmed must be a boolean.
	assertError(await t1.post(`/api/stations/${n}/entries/1/finalise`, { warnings_confirmed: 'ja' }),
		400, 'bad_json');
	assert.equal((await stationState(co, n)).station.status, 'first_in_progress');

	assert.deepEqual(assertOk(await t1.finalise(n, 1, true)), { status: 'first_done' });
	const d = await stationState(co, n);
	assert.equal(d.station.status, 'first_done');
	assert.equal(d.station.has_warnings, true);
	assert.equal(d.entries[0].finalised, true);
	assert.equal(d.entries[0].warnings_confirmed, true);
	assert.deepEqual(d.entries[0].warnings.map((w) => w.code), ['W.201']);
});

test('errors: a save with A + B ≠ D answers F.201 with the fields A, B and D, and is saved', async () => {
	const { t1, co } = ctx;
	const n = 2;
	await freshEntry(n);
	const form = makeForm(ctx.el, { variant: n, set: { 'voters.poll_cards': 800 + n + 1 } });
	const s = assertOk(await t1.save(n, 1, form));
	assert.deepEqual(s.errors.map((e) => e.code), ['F.201']);
	assert.deepEqual(s.errors[0].fields,
		['voters.poll_cards', 'voters.proxy_certificates', 'voters.admitted_voters']);
	assert.ok(s.errors[0].message.length > 0);
	assert.deepEqual(s.warnings, []);
	const g = assertOk(await t1.entry(n, 1));
	assert.deepEqual(g.form, form, 'a draft with errors is saved all the same');
	assert.deepEqual(g.errors, s.errors);
	// The coordinator sees the findings once the entry is finalised, not while it is typed.
	assert.ok(!('errors' in (await stationState(co, n)).entries[0]), 'no findings of an unfinished entry');
	assert.deepEqual(assertOk(await t1.finalise(n, 1, false)), { status: 'first_has_errors' });
	assert.equal((await stationState(co, n)).entries[0].errors[0].code, 'F.201');
});

test('errors: empty fields answer F.001 listing exactly the empty fields, in paper order', async () => {
	const { t1, el } = ctx;
	const n = 3;
	await freshEntry(n);
	const empty = ['voters.proxy_certificates', 'votes.blank_votes', 'lists[2].candidates[3]',
		'lists[3].total'];
	const form = makeForm(el, { variant: n });
	for (const p of [...empty].reverse()) setPath(form, p, null);
	const s = assertOk(await t1.save(n, 1, form));
	const f001 = s.errors.filter((e) => e.code === 'F.001');
	assert.equal(f001.length, 1, JSON.stringify(s.errors));
	assert.deepEqual(f001[0].fields, empty.filter((p) => !isCandidate(p)), 'an empty candidate counts as 0');
	// Rules that depend on an empty total are not checked; the skipped candidate counts as 0,
	// and as it did have votes on the paper, its list's sum no longer holds.
	assert.deepEqual(s.errors.map((e) => e.code), ['F.001', 'F.402']);
	assert.deepEqual(s.errors[1].fields.filter((p) => p.startsWith('lists[2].total')), ['lists[2].total']);
	// Only the voters section typed so far.
	const part = partialForm(el, makeForm(el, { variant: n }), ['voters']);
	const s2 = assertOk(await t1.save(n, 1, part));
	assert.deepEqual(s2.errors.map((e) => e.code), ['F.001']);
	assert.deepEqual(s2.errors[0].fields, formPaths(el).filter((p) => !p.startsWith('voters.') && !isCandidate(p)));
	assert.deepEqual(assertOk(await t1.entry(n, 1)).form, partialForm(el, makeForm(el, { variant: n }),
		['voters']));
});

test('warnings: more ballots than the station has voters (W.205), and figures identical to a definitive station (W.206)', async () => {
	const { t1, t2, co, el } = ctx;
	// W.205: station 7 has an electorate of 876.
	const n = 7;
	const electorate = el.stations.find((s) => s.number === n).electorate;
	assert.equal(typeof electorate, 'number');
	await freshEntry(n);
	const big = makeForm(el, { poll_cards: electorate, proxy_certificates: 1 });
	const s = assertOk(await t1.save(n, 1, big));
	assert.deepEqual(s.errors, []);
	assert.deepEqual(s.warnings.map((w) => w.code), ['W.205']);
	assert.deepEqual(s.warnings[0].fields, ['votes.votes_cast']);
	assertOk(await t1.discard(n, 1));

	// W.206: station 6 becomes definitive; station 8 typed with the very same figures.
	const same = makeForm(el, { variant: 6 });
	await freshEntry(6);
	assertOk(await t1.save(6, 1, same));
	assert.deepEqual(assertOk(await t1.finalise(6, 1, false)), { status: 'first_done' });
	assertOk(await t2.claim(6, 2));
	assertOk(await t2.save(6, 2, same));
	assert.deepEqual(assertOk(await t2.finalise(6, 2, false)), { status: 'definitive' });
	await freshEntry(8);
	const w = assertOk(await t1.save(8, 1, same));
	assert.deepEqual(w.errors, []);
	assert.deepEqual(w.warnings.map((x) => x.code), ['W.206']);
	assert.match(w.warnings[0].message, /\b6\b/, 'the message names the other station');
	assertError(await t1.finalise(8, 1, false), 409, 'warnings_not_confirmed');
	assert.equal((await stationState(co, 8)).station.status, 'first_in_progress');
	assert.deepEqual(assertOk(await t1.finalise(8, 1, true)), { status: 'first_done' });
});

test('a count of 999 999 999 fits the form (the largest count)', async () => {
	const { t1 } = ctx;
	const n = 4;
	await freshEntry(n);
	const form = makeForm(ctx.el, { variant: n, set: { 'lists[3].candidates[49]': 999999999 } });
	const s = assertOk(await t1.save(n, 1, form));
	assert.ok(s.errors.some((e) => e.code === 'F.402'), JSON.stringify(s.errors));
	assert.equal(getPath(assertOk(await t1.entry(n, 1)).form, 'lists[3].candidates[49]'), 999999999);
});

// Forms that do not fit the election: 422 does_not_fit, and the saved draft stays as it was.
const misfits = [
	['wrong number of lists (one missing)', (f) => { f.lists.pop(); f.votes.list_totals.pop(); }],
	['wrong number of lists (one too many)', (f) => {
		f.lists.push({ number: 5, total: 0, candidates: [0] });
		f.votes.list_totals.push(0);
	}],
	['list_totals not one per list', (f) => { f.votes.list_totals.pop(); }],
	['wrong number of candidates (one missing)', (f) => { f.lists[2].candidates.pop(); }],
	['wrong number of candidates (one too many)', (f) => { f.lists[0].candidates.push(0); }],
	['a list number that is not the election\'s', (f) => { f.lists[1].number = 9; }],
	['a negative number', (f) => { f.voters.poll_cards = -1; }],
	['a negative candidate count', (f) => { f.lists[3].candidates[5] = -3; }],
	['1000000000 (above 999 999 999)', (f) => { f.votes.votes_cast = 1000000000; }],
	['a string instead of a number', (f) => { f.voters.poll_cards = '800'; }],
	['a fraction instead of a whole number', (f) => { f.votes.blank_votes = 5.5; }],
	['voter_cards given in this GR election', (f) => { f.voters.voter_cards = 0; }],
	['an unknown field in a section', (f) => { f.voters.spoiled = 1; }],
	['an unknown top-level field', (f) => { f.remarks = 'geen'; }],
	['an unknown field in a list', (f) => { f.lists[0].name = 'Partij'; }],
	['progress that is not a string', (f) => { f.progress = 3; }],
];

for (const [name, breakIt] of misfits) {
	test(`does_not_fit: ${name} → 422, nothing saved`, async () => {
		const { t1, co, el } = ctx;
		const n = 5;
		const d0 = await stationState(co, n);
		if (d0.station.status !== 'first_in_progress') {
			await freshEntry(n);
			assertOk(await t1.save(n, 1, partialForm(el, makeForm(el, { variant: n }), ['voters']),
				'votes'));
		}
		const before = assertOk(await t1.entry(n, 1));
		const statusBefore = await stationState(co, n);
		const form = makeForm(el, { variant: n });
		breakIt(form);
		const r = await t1.put(`/api/stations/${n}/entries/1`, form);
		assertError(r, 422, 'does_not_fit', name);
		assert.deepEqual(assertOk(await t1.entry(n, 1)), before, 'the draft is unchanged');
		assert.deepEqual(await stationState(co, n), statusBefore);
	});
}
