// The double-entry flow over HTTP (domain.md §5, entry/API.md "Data entry", "Coordinator").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	useServer, login, makeForm, partialForm, formPaths, getPath, setPath, assertOk, assertError,
	stationState, assertClean, isCandidate,
} from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.t3 = await login(c.server, 'invoerder3');
	c.co = await login(c.server, 'coordinator');
	c.el = assertOk(await c.t1.get('/api/election'));
});

// The fields where formB differs from formA (paper order).
const DIFFS = ['votes.blank_votes', 'votes.invalid_votes', 'lists[0].candidates[1]',
	'lists[0].candidates[2]'];

function formA(n) {
	return makeForm(ctx.el, { variant: n });
}

// Consistent too, but other figures in DIFFS: blank/invalid swapped one, and one vote moved
// between two candidates of list 1.
function formB(n) {
	const a = formA(n);
	return makeForm(ctx.el, {
		variant: n, blank: 6, invalid: 4, set: {
			'lists[0].candidates[1]': a.lists[0].candidates[1] + 1,
			'lists[0].candidates[2]': a.lists[0].candidates[2] - 1,
		},
	});
}

// An entry the caller does not hold (any more): refused, 409 wrong_state or 403 not_your_entry.
function assertNotHeld(r) {
	assert.ok(r.status === 409 || r.status === 403, r.text);
	assert.ok(['wrong_state', 'not_your_entry'].includes(r.body.error.code), r.text);
}

async function typistView(typist, n) {
	const list = assertOk(await typist.get('/api/stations'));
	return list.find((s) => s.number === n);
}

async function reset(n) {
	assert.deepEqual(assertOk(await ctx.co.reset(n)), { status: 'empty' });
}

// Typist types an entry in full and finalises it; answers the finalise status.
async function typeEntry(typist, n, e, form, claimStatus) {
	const c = assertOk(await typist.claim(n, e));
	assert.deepEqual(c, { status: claimStatus, resumed: false });
	const s = assertOk(await typist.save(n, e, form, 'klaar'));
	return { save: s, status: assertOk(await typist.finalise(n, e, false)).status };
}

async function firstDone(n, form = formA(n), typist = ctx.t1) {
	const r = await typeEntry(typist, n, 1, form, 'first_in_progress');
	assertClean({ status: 200, body: r.save });
	assert.equal(r.status, 'first_done');
}

// Brings station n to `different`: entry 1 = formA by invoerder1, entry 2 = formB by invoerder2.
async function makeDifferent(n) {
	await reset(n);
	await firstDone(n);
	const r = await typeEntry(ctx.t2, n, 2, formB(n), 'second_in_progress');
	assertClean({ status: 200, body: r.save });
	assert.equal(r.status, 'different');
	const d = await stationState(ctx.co, n);
	assert.deepEqual(d.differences, DIFFS);
	return d;
}

// Brings station n to `first_has_errors` (A + B != D, so F.201), by invoerder1.
async function makeFirstHasErrors(n) {
	await reset(n);
	const bad = makeForm(ctx.el, { variant: n, set: { 'voters.poll_cards': 800 + n + 1 } });
	const r = await typeEntry(ctx.t1, n, 1, bad, 'first_in_progress');
	assert.deepEqual(r.save.errors.map((f) => f.code), ['F.201']);
	assert.equal(r.status, 'first_has_errors');
	return bad;
}

test('double entry: two identical entries make a station definitive, and the totals sum it', async () => {
	const { t1, t2, co, el } = ctx;
	const n = 1;
	const full = formA(n);
	await reset(n);

	let v = await typistView(t1, n);
	assert.equal(v.status, 'empty');
	assert.equal(v.claimable, 1);
	assert.equal(v.mine, null);

	assert.deepEqual(assertOk(await t1.claim(n, 1)), { status: 'first_in_progress', resumed: false });
	v = await typistView(t1, n);
	assert.equal(v.status, 'first_in_progress');
	assert.equal(v.mine, 1);
	assert.equal(v.claimable, null);
	assert.equal(v.first_typist, null, 'typist names are for the coordinator only');
	const v2 = await typistView(t2, n);
	assert.equal(v2.mine, null);
	assert.equal(v2.claimable, null);

	// A fresh entry is all empty.
	let g = assertOk(await t1.entry(n, 1));
	assert.equal(g.status, 'first_in_progress');
	for (const p of formPaths(el)) assert.equal(getPath(g.form, p), null, p);

	// Section by section, with progress.
	const sections = [['voters'], ['voters', 'votes'], ['voters', 'votes', 'differences']];
	el.lists.forEach((_, i) => sections.push([...sections[sections.length - 1], `lists-${i}`]));
	for (let k = 0; k < sections.length; k++) {
		const part = partialForm(el, full, sections[k]);
		const progress = k + 1 < sections.length ? `step-${k + 1}` : 'done';
		const s = assertOk(await t1.save(n, 1, part, progress));
		assert.ok(Array.isArray(s.errors) && Array.isArray(s.warnings));
		g = assertOk(await t1.entry(n, 1));
		assert.deepEqual(g.form, part, `after saving ${sections[k].join(',')}`);
		assert.equal(g.progress, progress);
		assert.deepEqual(g.cleared, []);
		if (k + 1 < sections.length) {
			assert.equal(g.errors.length, 1);
			assert.equal(g.errors[0].code, 'F.001', 'empty fields are an error, not a zero');
			const empty = formPaths(el).filter((p) => getPath(part, p) === null && !isCandidate(p));
			assert.deepEqual(g.errors[0].fields, empty);
		}
	}
	assert.deepEqual(g.form, full);
	assert.deepEqual(g.errors, []);
	assert.deepEqual(g.warnings, []);

	assert.deepEqual(assertOk(await t1.finalise(n, 1, false)), { status: 'first_done' });
	v = await typistView(t1, n);
	assert.equal(v.status, 'first_done');
	assert.equal(v.claimable, null, 'the first typist may not claim entry 2');
	assert.equal(v.mine, null);
	assert.equal((await typistView(t2, n)).claimable, 2);

	// Second entry: another typist, who does not see entry 1's figures.
	assert.deepEqual(assertOk(await t2.claim(n, 2)), { status: 'second_in_progress', resumed: false });
	g = assertOk(await t2.entry(n, 2));
	assert.equal(g.status, 'second_in_progress');
	for (const p of formPaths(el)) assert.equal(getPath(g.form, p), null, `entry 2 shows ${p}`);
	assert.equal((await typistView(t2, n)).mine, 2);

	assertClean(await t2.save(n, 2, full, 'done'));
	assert.deepEqual(assertOk(await t2.finalise(n, 2, false)), { status: 'definitive' });

	const d = await stationState(co, n);
	assert.equal(d.station.status, 'definitive');
	assert.equal(d.station.first_typist, 'invoerder1');
	assert.equal(d.station.second_typist, 'invoerder2');
	assert.deepEqual(d.entries.map((e) => [e.entry, e.typist, e.finalised]),
		[[1, 'invoerder1', true], [2, 'invoerder2', true]]);
	assert.deepEqual(d.entries[0].form, full);
	assert.deepEqual(d.entries[1].form, full);
	assert.deepEqual(d.differences, []);

	const totals = assertOk(await co.get('/api/totals'));
	assert.equal(totals.stations_definitive, 1);
	assert.equal(totals.stations_total, el.stations.length);
	assert.equal(totals.count_complete, false, 'one of the stations: a draft');
	const { stations_definitive: _a, stations_total: _b, count_complete: _c, ...sum } = totals;
	assert.deepEqual(sum, full, 'the totals of one definitive station are its figures');
});

test('double entry: a second entry that differs makes the station different; the coordinator sees both and the differences', async () => {
	const { t1, t2, co } = ctx;
	const n = 2;
	const d = await makeDifferent(n);
	assert.equal(d.station.status, 'different');
	assert.equal(d.station.first_typist, 'invoerder1');
	assert.equal(d.station.second_typist, 'invoerder2');
	assert.equal(d.entries.length, 2);
	assert.deepEqual(d.entries[0].form, formA(n));
	assert.deepEqual(d.entries[1].form, formB(n));
	assert.deepEqual(d.entries.map((e) => [e.entry, e.typist, e.finalised]),
		[[1, 'invoerder1', true], [2, 'invoerder2', true]]);
	for (const p of DIFFS) assert.notEqual(getPath(d.entries[0].form, p), getPath(d.entries[1].form, p));
	// Neither typist holds anything; nobody may claim.
	for (const t of [t1, t2]) {
		const v = await typistView(t, n);
		assert.equal(v.status, 'different');
		assert.equal(v.claimable, null);
		assert.equal(v.mine, null);
	}
	// Not in the totals.
	const totals = assertOk(await co.get('/api/totals'));
	assert.equal(totals.stations_definitive, 1);
});

test('resolve keep_first: entry 2 is dropped, the station is first_done with the first typist', async () => {
	const { t1, t2, t3, co } = ctx;
	const n = 2;
	await makeDifferent(n);
	assert.deepEqual(assertOk(await co.resolve(n, 'keep_first')), { status: 'first_done' });
	const d = await stationState(co, n);
	assert.equal(d.station.status, 'first_done');
	assert.equal(d.station.first_typist, 'invoerder1');
	assert.equal(d.station.second_typist, null);
	assert.equal(d.entries.length, 1);
	assert.equal(d.entries[0].typist, 'invoerder1');
	assert.deepEqual(d.entries[0].form, formA(n));
	assert.deepEqual(d.differences, []);
	assert.equal((await typistView(t1, n)).claimable, null);
	assert.equal((await typistView(t2, n)).claimable, 2);
	assert.equal((await typistView(t3, n)).claimable, 2);
});

test('resolve keep_second: entry 2 becomes entry 1, its typist the first typist (first_done)', async () => {
	const { t1, t2, co } = ctx;
	const n = 3;
	await makeDifferent(n);
	assert.deepEqual(assertOk(await co.resolve(n, 'keep_second')), { status: 'first_done' });
	const d = await stationState(co, n);
	assert.equal(d.station.status, 'first_done');
	assert.equal(d.station.first_typist, 'invoerder2');
	assert.equal(d.station.second_typist, null);
	assert.equal(d.entries.length, 1);
	assert.equal(d.entries[0].entry, 1);
	assert.equal(d.entries[0].typist, 'invoerder2');
	assert.deepEqual(d.entries[0].form, formB(n));
	// Now invoerder1 may make the second entry, and invoerder2 may not.
	assert.equal((await typistView(t1, n)).claimable, 2);
	assert.equal((await typistView(t2, n)).claimable, null);
	assertError(await t2.claim(n, 2), 403, 'second_entry_same_typist');
	assert.deepEqual(assertOk(await t1.claim(n, 2)), { status: 'second_in_progress', resumed: false });
	assert.deepEqual(assertOk(await t1.discard(n, 2)), { status: 'first_done' });
});

test('resolve discard_both: both entries are dropped, the station is empty', async () => {
	const { t1, co } = ctx;
	const n = 4;
	await makeDifferent(n);
	assert.deepEqual(assertOk(await co.resolve(n, 'discard_both')), { status: 'empty' });
	const d = await stationState(co, n);
	assert.equal(d.station.status, 'empty');
	assert.equal(d.station.first_typist, null);
	assert.equal(d.station.second_typist, null);
	assert.deepEqual(d.entries, []);
	assert.deepEqual(d.differences, []);
	assert.equal((await typistView(t1, n)).claimable, 1);
});

test('resolve keep_first_correct_second: the second typist corrects only the cleared differing fields, then the station is definitive', async () => {
	const { t1, t2, co, el } = ctx;
	const n = 5;
	await makeDifferent(n);
	assert.deepEqual(assertOk(await co.resolve(n, 'keep_first_correct_second')),
		{ status: 'second_in_progress' });
	let d = await stationState(co, n);
	assert.equal(d.station.status, 'second_in_progress');
	assert.equal(d.station.correcting, true);
	assert.equal(d.station.first_typist, 'invoerder1');
	assert.equal(d.station.second_typist, 'invoerder2');
	assert.deepEqual(d.entries[0].form, formA(n), 'entry 1 stays');

	const v = await typistView(t2, n);
	assert.equal(v.mine, 2);
	assert.equal(v.correcting, true);
	assert.equal((await typistView(t1, n)).mine, null);
	assertError(await t1.entry(n, 2), 403, 'not_your_entry');

	// Claiming it again resumes it.
	assert.deepEqual(assertOk(await t2.claim(n, 2)), { status: 'second_in_progress', resumed: true });
	const g = assertOk(await t2.entry(n, 2));
	assert.deepEqual(g.cleared, DIFFS);
	const expected = formB(n);
	for (const p of DIFFS) setPath(expected, p, null);
	assert.deepEqual(g.form, expected, 'the differing fields are cleared, the rest is entry 2 as typed');
	assert.equal(g.errors[0].code, 'F.001');
	assert.deepEqual(g.errors[0].fields, DIFFS.filter((p) => !isCandidate(p)), 'an empty candidate counts as 0');

	// The typist types the cleared fields again from the paper (which says formA).
	const corrected = structuredClone(g.form);
	for (const p of DIFFS) setPath(corrected, p, getPath(formA(n), p));
	assertClean(await t2.save(n, 2, corrected));
	assert.deepEqual(assertOk(await t2.finalise(n, 2, false)), { status: 'definitive' });
	d = await stationState(co, n);
	assert.equal(d.station.status, 'definitive');
	assert.equal(d.station.correcting, false);
	assert.deepEqual(d.entries[0].form, formA(n));
	assert.deepEqual(d.entries[1].form, formA(n));
	assert.deepEqual(d.differences, []);
	assert.ok(formPaths(el).length > DIFFS.length);
});

test('resolve keep_second_correct_first: entries swap, the first typist corrects the cleared fields of their own entry', async () => {
	const { t1, t2, co } = ctx;
	const n = 6;
	await makeDifferent(n);
	assert.deepEqual(assertOk(await co.resolve(n, 'keep_second_correct_first')),
		{ status: 'second_in_progress' });
	let d = await stationState(co, n);
	assert.equal(d.station.status, 'second_in_progress');
	assert.equal(d.station.correcting, true);
	assert.equal(d.station.first_typist, 'invoerder2');
	assert.equal(d.station.second_typist, 'invoerder1');
	assert.equal(d.entries[0].typist, 'invoerder2');
	assert.deepEqual(d.entries[0].form, formB(n), 'the kept entry (typist 2) is entry 1 now');

	assert.equal((await typistView(t1, n)).mine, 2);
	assert.equal((await typistView(t2, n)).mine, null);
	const g = assertOk(await t1.entry(n, 2));
	assert.deepEqual(g.cleared, DIFFS);
	const expected = formA(n);
	for (const p of DIFFS) setPath(expected, p, null);
	assert.deepEqual(g.form, expected);

	const corrected = structuredClone(g.form);
	for (const p of DIFFS) setPath(corrected, p, getPath(formB(n), p));
	assertClean(await t1.save(n, 2, corrected));
	assert.deepEqual(assertOk(await t1.finalise(n, 2, false)), { status: 'definitive' });
	d = await stationState(co, n);
	assert.equal(d.station.status, 'definitive');
	assert.deepEqual(d.entries[0].form, formB(n));
	assert.deepEqual(d.entries[1].form, formB(n));
});

test('errors in entry 2: the station is different with second_has_errors; keep_second then gives first_has_errors, keep_second_correct_first is refused', async () => {
	const { t2, co } = ctx;
	const n = 7;
	await reset(n);
	await firstDone(n);
	const bad = makeForm(ctx.el, { variant: n, set: { 'votes.votes_cast': 800 + n + 20 + 1 } });
	const r = await typeEntry(t2, n, 2, bad, 'second_in_progress');
	assert.ok(r.save.errors.some((f) => f.code === 'F.203'), JSON.stringify(r.save));
	assert.equal(r.status, 'different');
	let d = await stationState(co, n);
	assert.equal(d.station.second_has_errors, true);
	assert.ok(d.differences.includes('votes.votes_cast'));
	// The page is offered only what this station's state allows: entry 2 has errors, so it
	// cannot be the one the first typist corrects against.
	assert.deepEqual(d.actions, ['keep_first_correct_second', 'keep_first', 'keep_second', 'discard_both', 'reset']);

	assertError(await co.resolve(n, 'keep_second_correct_first'), 409, 'has_errors');
	assert.equal((await stationState(co, n)).station.status, 'different');

	assert.deepEqual(assertOk(await co.resolve(n, 'keep_second')), { status: 'first_has_errors' });
	d = await stationState(co, n);
	assert.deepEqual(d.actions, ['return_to_typist', 'discard_first', 'reset']);
	assert.equal(d.station.first_typist, 'invoerder2');
	assert.equal(d.station.first_has_errors, true);
	assert.deepEqual(d.entries.map((e) => e.entry), [1]);
	assert.deepEqual(d.entries[0].form, bad);
});

test('a first entry with errors is finalised as first_has_errors; return_to_typist gives it back to the same typist', async () => {
	const { t1, t2, co } = ctx;
	const n = 7;
	const bad = await makeFirstHasErrors(n);
	let d = await stationState(co, n);
	assert.equal(d.station.status, 'first_has_errors');
	assert.equal(d.station.first_has_errors, true);
	assert.equal(d.entries[0].errors[0].code, 'F.201');
	// Nobody may make a second entry of it.
	assert.equal((await typistView(t2, n)).claimable, null);
	assertError(await t2.claim(n, 2), 409, 'wrong_state');
	// keep_first and the like act on `different` only.
	assertError(await co.resolve(n, 'keep_first'), 409, 'wrong_state');

	assert.deepEqual(assertOk(await co.resolve(n, 'return_to_typist')), { status: 'first_in_progress' });
	d = await stationState(co, n);
	assert.equal(d.station.status, 'first_in_progress');
	assert.equal(d.station.first_typist, 'invoerder1');
	assert.equal(d.entries[0].finalised, false);
	assert.equal((await typistView(t1, n)).mine, 1);
	assertError(await t2.entry(n, 1), 403, 'not_your_entry');

	const g = assertOk(await t1.entry(n, 1));
	assert.deepEqual(g.form, bad, 'the typist gets their figures back');
	assert.equal(g.errors[0].code, 'F.201');
	assert.deepEqual(g.errors[0].fields,
		['voters.poll_cards', 'voters.proxy_certificates', 'voters.admitted_voters']);
	assertClean(await t1.save(n, 1, formA(n)));
	assert.deepEqual(assertOk(await t1.finalise(n, 1, false)), { status: 'first_done' });
	assert.equal((await stationState(co, n)).station.first_has_errors, false);
});

test('discard_first drops a first entry with errors: the station is empty', async () => {
	const { t1, co } = ctx;
	const n = 8;
	await makeFirstHasErrors(n);
	const unknown = await co.resolve(n, 'no_such_action');
	assert.ok(unknown.status === 400 || unknown.status === 422, unknown.text);
	assert.equal((await stationState(co, n)).station.status, 'first_has_errors');
	assert.deepEqual(assertOk(await co.resolve(n, 'discard_first')), { status: 'empty' });
	const d = await stationState(co, n);
	assert.equal(d.station.status, 'empty');
	assert.equal(d.station.first_has_errors, false);
	assert.equal(d.station.first_typist, null);
	assert.deepEqual(d.entries, []);
	assert.equal((await typistView(t1, n)).claimable, 1);
	// return_to_typist and discard_first act on first_has_errors only.
	assertError(await co.resolve(n, 'return_to_typist'), 409, 'wrong_state');
	assertError(await co.resolve(n, 'discard_first'), 409, 'wrong_state');
	assert.equal((await stationState(co, n)).station.status, 'empty');
});

test('reset: the coordinator sets a station back to empty from any state, dropping its entries', async () => {
	const { t1, t2, co } = ctx;
	const n = 4;
	// from different
	await makeDifferent(n);
	assert.deepEqual(assertOk(await co.reset(n)), { status: 'empty' });
	let d = await stationState(co, n);
	assert.equal(d.station.status, 'empty');
	assert.deepEqual(d.entries, []);
	assert.equal(d.station.first_typist, null);
	assert.equal(d.station.second_typist, null);
	// from second_in_progress
	await firstDone(n);
	assertOk(await t2.claim(n, 2));
	assertOk(await t2.save(n, 2, formA(n)));
	assert.deepEqual(assertOk(await co.reset(n)), { status: 'empty' });
	d = await stationState(co, n);
	assert.deepEqual(d.entries, []);
	assertNotHeld(await t2.entry(n, 2));
	// from first_in_progress
	assertOk(await t1.claim(n, 1));
	assert.deepEqual(assertOk(await co.reset(n)), { status: 'empty' });
	assert.equal((await typistView(t1, n)).mine, null);
	assert.deepEqual((await stationState(co, n)).entries, []);
	// from definitive: out of the totals again
	await firstDone(n);
	await typeEntry(t2, n, 2, formA(n), 'second_in_progress');
	assert.equal((await stationState(co, n)).station.status, 'definitive');
	const before = assertOk(await co.get('/api/totals')).stations_definitive;
	assert.deepEqual(assertOk(await co.reset(n)), { status: 'empty' });
	assert.equal(assertOk(await co.get('/api/totals')).stations_definitive, before - 1);
});

test('discard by a typist restores the state before the claim (entry 1 → empty, entry 2 → first_done)', async () => {
	const { t1, t2, co } = ctx;
	const n = 8;
	await reset(n);
	assertOk(await t1.claim(n, 1));
	assertOk(await t1.save(n, 1, formA(n), 'lists-1'));
	assert.deepEqual(assertOk(await t1.discard(n, 1)), { status: 'empty' });
	let d = await stationState(co, n);
	assert.equal(d.station.status, 'empty');
	assert.equal(d.station.first_typist, null);
	assert.deepEqual(d.entries, []);
	// a new claim starts from nothing
	assert.deepEqual(assertOk(await t1.claim(n, 1)), { status: 'first_in_progress', resumed: false });
	const g = assertOk(await t1.entry(n, 1));
	for (const p of formPaths(ctx.el)) assert.equal(getPath(g.form, p), null, p);
	assert.equal(g.progress, '');
	assert.deepEqual(assertOk(await t1.discard(n, 1)), { status: 'empty' });

	await firstDone(n);
	const first = (await stationState(co, n)).entries[0];
	assertOk(await t2.claim(n, 2));
	assertOk(await t2.save(n, 2, formB(n), 'voters'));
	assert.deepEqual(assertOk(await t2.discard(n, 2)), { status: 'first_done' });
	d = await stationState(co, n);
	assert.equal(d.station.status, 'first_done');
	assert.equal(d.station.second_typist, null);
	assert.deepEqual(d.entries, [first], 'entry 1 is untouched, entry 2 is gone');
	assert.equal((await typistView(t2, n)).claimable, 2);
	// discarding again: nothing held
	assertError(await t2.discard(n, 2), 409, 'wrong_state');
	assert.deepEqual((await stationState(co, n)).entries, [first]);
});

test('resume: claiming an entry one already holds gives resumed: true and keeps the figures and progress', async () => {
	const { t1, t2, co, el } = ctx;
	const n = 8;
	await reset(n);
	assert.deepEqual(assertOk(await t1.claim(n, 1)), { status: 'first_in_progress', resumed: false });
	const part = partialForm(el, formA(n), ['voters', 'votes']);
	assertOk(await t1.save(n, 1, part, 'differences'));
	assert.deepEqual(assertOk(await t1.claim(n, 1)), { status: 'first_in_progress', resumed: true });
	const g = assertOk(await t1.entry(n, 1));
	assert.deepEqual(g.form, part);
	assert.equal(g.progress, 'differences');
	// a save without progress keeps the progress
	assertOk(await t1.save(n, 1, part));
	assert.equal(assertOk(await t1.entry(n, 1)).progress, 'differences');
	assert.equal((await stationState(co, n)).station.first_typist, 'invoerder1');

	// the same for entry 2
	assertOk(await t1.save(n, 1, formA(n)));
	assert.deepEqual(assertOk(await t1.finalise(n, 1, false)), { status: 'first_done' });
	assert.deepEqual(assertOk(await t2.claim(n, 2)), { status: 'second_in_progress', resumed: false });
	assertOk(await t2.save(n, 2, part, 'x'));
	assert.deepEqual(assertOk(await t2.claim(n, 2)), { status: 'second_in_progress', resumed: true });
	const g2 = assertOk(await t2.entry(n, 2));
	assert.deepEqual(g2.form, part);
	assert.equal(g2.progress, 'x');
});

test('GET /api/totals sums the definitive stations, and only those', async () => {
	const { co, el } = ctx;
	const list = assertOk(await co.get('/api/stations'));
	const definitive = list.filter((s) => s.status === 'definitive').map((s) => s.number);
	assert.ok(definitive.length >= 2, `definitive: ${definitive}`);
	const sum = makeForm(el, { poll_cards: 0, proxy_certificates: 0, blank: 0, invalid: 0 });
	for (const p of formPaths(el)) setPath(sum, p, 0);
	for (const n of definitive) {
		const d = await stationState(co, n);
		for (const p of formPaths(el)) setPath(sum, p, getPath(sum, p) + getPath(d.entries[0].form, p));
	}
	const totals = assertOk(await co.get('/api/totals'));
	assert.equal(totals.stations_definitive, definitive.length);
	assert.equal(totals.stations_total, 8);
	assert.equal(totals.count_complete, definitive.length === 8);
	const { stations_definitive: _a, stations_total: _b, count_complete: _c, ...got } = totals;
	assert.deepEqual(got, sum);
	const chart = await co.get('/api/totals/chart.svg');
	assert.equal(chart.status, 200);
	assert.match(chart.headers.get('content-type'), /^image\/svg\+xml/);
	assert.match(chart.text, /<svg/);
});
