// What the state machine offers, as the server tells the pages (asked of tally/ once, so the
// pages keep no copy of these rules): per station the typists' `claimable` and `mine`, the
// coordinator's `waits_for`, `holder` and `actions`; per entry whether finalising needs the
// warnings confirmed (`confirm_warnings`); per count whether it is complete, so final, or a
// draft (`count_complete`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, login, makeForm, assertOk, assertError, stationState } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.t3 = await login(c.server, 'invoerder3');
	c.co = await login(c.server, 'coordinator');
	c.el = assertOk(await c.t1.get('/api/election'));
});

const RESOLVE = ['keep_first_correct_second', 'keep_second_correct_first', 'keep_first', 'keep_second',
	'discard_both'];

const view = async (who, n) => assertOk(await who.get('/api/stations')).find((s) => s.number === n);

// What each one sees of station n: want = {status, t1, t2, t3: [claimable, mine], waits,
// holder, actions}.
async function expectView(n, what, want) {
	for (const name of ['t1', 't2', 't3']) {
		const v = await view(ctx[name], n);
		assert.equal(v.status, want.status, what);
		assert.deepEqual([v.claimable, v.mine], want[name], `${what}: ${name}`);
		assert.equal(v.waits_for, undefined, `${what}: the coordinator's only`);
		assert.equal(v.holder, undefined, `${what}: the coordinator's only`);
	}
	const c = await view(ctx.co, n);
	assert.deepEqual([c.claimable, c.mine], [null, null], what);
	assert.equal(c.waits_for, want.waits, what);
	assert.equal(c.holder, want.holder, what);
	const d = await stationState(ctx.co, n);
	assert.equal(d.station.waits_for, want.waits, what);
	assert.deepEqual(d.actions, want.actions, what);
}

test('one station through the double entry: what each typist and the coordinator is offered', async () => {
	const { t1, t2, co, el } = ctx;
	const n = 2;
	const form = makeForm(el, { variant: n });
	const other = makeForm(el, { variant: n, blank: 6, invalid: 4 });
	const none = [null, null];
	const steps = [
		['empty', async () => {}, { status: 'empty', t1: [1, null], t2: [1, null], t3: [1, null],
			waits: 'first_entry', holder: null, actions: [] }],
		['entry 1 claimed', () => t1.claim(n, 1), { status: 'first_in_progress', t1: [null, 1], t2: none,
			t3: none, waits: 'typist', holder: 'invoerder1', actions: ['reset'] }],
		['entry 1 done', async () => {
			assertOk(await t1.save(n, 1, form, 'klaar'));
			return t1.finalise(n, 1, false);
		}, { status: 'first_done', t1: none, t2: [2, null], t3: [2, null], waits: 'second_entry',
			holder: null, actions: ['reset'] }],
		['entry 2 claimed', () => t2.claim(n, 2), { status: 'second_in_progress', t1: none, t2: [null, 2],
			t3: none, waits: 'typist', holder: 'invoerder2', actions: ['reset'] }],
		['entry 2 differs', async () => {
			assertOk(await t2.save(n, 2, other, 'klaar'));
			return t2.finalise(n, 2, false);
		}, { status: 'different', t1: none, t2: none, t3: none, waits: 'coordinator', holder: null,
			actions: [...RESOLVE, 'reset'] }],
		['the second typist corrects', () => co.resolve(n, 'keep_first_correct_second'), {
			status: 'second_in_progress', t1: none, t2: [null, 2], t3: none, waits: 'typist',
			holder: 'invoerder2', actions: ['reset'] }],
		['the correction agrees', async () => {
			assertOk(await t2.save(n, 2, form, 'klaar'));
			return t2.finalise(n, 2, false);
		}, { status: 'definitive', t1: none, t2: none, t3: none, waits: null, holder: null,
			actions: ['reset'] }],
		['reset', () => co.reset(n), { status: 'empty', t1: [1, null], t2: [1, null], t3: [1, null],
			waits: 'first_entry', holder: null, actions: [] }],
		['entry 1 with errors', async () => {
			assertOk(await t1.claim(n, 1));
			assertOk(await t1.save(n, 1, makeForm(el, { variant: n, set: { 'voters.poll_cards': 800 + n + 1 } })));
			return t1.finalise(n, 1, false);
		}, { status: 'first_has_errors', t1: none, t2: none, t3: none, waits: 'coordinator', holder: null,
			actions: ['return_to_typist', 'discard_first', 'reset'] }],
		['returned to its typist', () => co.resolve(n, 'return_to_typist'), { status: 'first_in_progress',
			t1: [null, 1], t2: none, t3: none, waits: 'typist', holder: 'invoerder1', actions: ['reset'] }],
		['discarded by its typist', () => t1.discard(n, 1), { status: 'empty', t1: [1, null],
			t2: [1, null], t3: [1, null], waits: 'first_entry', holder: null, actions: [] }],
	];
	for (const [what, act, want] of steps) {
		const r = await act();
		if (r) assertOk(r, 200, what);
		await expectView(n, what, want);
	}
});

test('the resolve actions are parsed in one place: every name of the table, nothing else', async () => {
	const { co } = ctx;
	const n = 3;
	// On an empty station each known action is refused by the state machine (409), an unknown
	// one by the parser (422); reset has its own route.
	for (const a of [...RESOLVE, 'return_to_typist', 'discard_first'])
		assertError(await co.resolve(n, a), 409, 'wrong_state', a);
	for (const a of ['reset', 'resolve_keep_first', 'return_first_to_typist', 'Keep_first', '', 12, null]) {
		const r = await co.post(`/api/stations/${n}/resolve`, { action: a });
		assertError(r, 422, 'does_not_fit', JSON.stringify(a));
		assert.match(r.body.error.message, /^Onbekende actie\. Kies keep_first, /);
	}
	assertError(await co.post(`/api/stations/${n}/resolve`, {}), 422, 'does_not_fit');
});

test('confirm_warnings: finalising needs the warnings confirmed exactly when there are warnings and no errors', async () => {
	const { t1, co, el } = ctx;
	const n = 4;
	const bad = { 'voters.poll_cards': 800 + n + 1 }; // F.201
	const cases = [
		['clean', makeForm(el, { variant: n }), [], [], false],
		['a warning', makeForm(el, { variant: n, blank: 30 }), [], ['W.201'], true],
		['an error', makeForm(el, { variant: n, set: bad }), ['F.201'], [], false],
		['an error and a warning', makeForm(el, { variant: n, blank: 30, set: bad }), ['F.201'], ['W.201'], false],
	];
	assertOk(await t1.claim(n, 1));
	for (const [what, form, errors, warnings, confirm] of cases) {
		const s = assertOk(await t1.save(n, 1, form));
		assert.deepEqual(s.errors.map((f) => f.code), errors, what);
		assert.deepEqual(s.warnings.map((f) => f.code), warnings, what);
		assert.equal(s.confirm_warnings, confirm, what);
		assert.equal(assertOk(await t1.entry(n, 1)).confirm_warnings, confirm, what);
	}
	// As the server decides it: with errors, unconfirmed warnings do not hold the entry back.
	assert.deepEqual(assertOk(await t1.finalise(n, 1, false)), { status: 'first_has_errors' });
	const d = await stationState(co, n);
	assert.equal(d.entries[0].warnings_confirmed, false);
	assert.deepEqual(d.entries[0].warnings.map((f) => f.code), ['W.201']);
	// With warnings only, they must be confirmed.
	assertOk(await co.resolve(n, 'return_to_typist'));
	assertOk(await t1.save(n, 1, makeForm(el, { variant: n, blank: 30 })));
	assertError(await t1.finalise(n, 1, false), 409, 'warnings_not_confirmed');
	assert.deepEqual(assertOk(await t1.finalise(n, 1, true)), { status: 'first_done' });
	assert.equal((await stationState(co, n)).entries[0].warnings_confirmed, true);
	assertOk(await co.reset(n));
});

test('count_complete: the count is final only when every station is definitive (/api/exports, /api/totals)', async () => {
	const { t1, t2, co, el } = ctx;
	const total = el.stations.length;
	const progress = async (def, complete) => {
		const x = assertOk(await co.get('/api/exports'));
		assert.deepEqual([x.stations_definitive, x.stations_total, x.count_complete], [def, total, complete]);
		const t = assertOk(await co.get('/api/totals'));
		assert.deepEqual([t.stations_definitive, t.stations_total, t.count_complete], [def, total, complete]);
	};
	await progress(0, false);
	let def = 0;
	for (const s of el.stations) {
		const form = makeForm(el, { variant: s.number });
		if (def === total - 1) assertError(await co.post('/api/export', {}), 409, 'not_finished');
		for (const [c, e] of [[t1, 1], [t2, 2]]) {
			assertOk(await c.claim(s.number, e));
			assertOk(await c.save(s.number, e, form));
			assertOk(await c.finalise(s.number, e, true));
		}
		await progress(++def, def === total);
	}
	// What the server says is complete is what it lets be exported as final.
	assert.equal(assertOk(await co.post('/api/export', {})).draft, false);
	await progress(total, true);
});
