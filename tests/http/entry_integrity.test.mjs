// Nothing old overwrites newer work, and a typist learns at once when the entry in hand is
// gone: entry revisions (a save from an old copy is refused, nothing overwritten) and the
// typist's light status route (held or not, what happened, who did it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertError, assertOk, login, makeForm, snapshot, useServer } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.t1 = await login(c.server, 'invoerder1');
	c.t2 = await login(c.server, 'invoerder2');
	c.coord = await login(c.server, 'coordinator');
	c.election = (await c.coord.get('/api/election')).body;
});

const url = (n, e) => `/api/stations/${n}/entries/${e}`;
const status = (c, n, e) => c.get(url(n, e) + '/status');

test('every write gives the entry a new revision; a save from an older one is refused', async () => {
	const form = makeForm(ctx.election, { variant: 1 });
	assertOk(await ctx.t1.claim(1, 1));
	const r0 = assertOk(await ctx.t1.entry(1, 1)).revision;
	assert.ok(Number.isInteger(r0) && r0 > 0, 'revision ' + r0);
	const s1 = assertOk(await ctx.t1.put(url(1, 1), { ...form, progress: 'votes', revision: r0 }));
	assert.ok(s1.revision > r0, 'a save gives a new revision');
	assert.equal(assertOk(await status(ctx.t1, 1, 1)).revision, s1.revision);

	// The laptop that still holds r0 (closed before, opened again) cannot overwrite.
	const stale = makeForm(ctx.election, { variant: 2 });
	const before = assertOk(await ctx.t1.entry(1, 1));
	const r = await ctx.t1.put(url(1, 1), { ...stale, progress: 'voters', revision: r0 });
	assertError(r, 409, 'stale_entry');
	assert.match(r.body.error.message, /niets overschreven/);
	const after = assertOk(await ctx.t1.entry(1, 1));
	assert.deepEqual(after.form, before.form, 'the newer work is kept');
	assert.equal(after.progress, 'votes');
	assert.equal(after.revision, s1.revision);

	// With the current revision it saves; without one (older clients, scripts) as before.
	assertOk(await ctx.t1.put(url(1, 1), { ...form, revision: s1.revision }));
	assertOk(await ctx.t1.save(1, 1, form));
});

test('a revision that is not a positive whole number is refused and changes nothing', async () => {
	const form = makeForm(ctx.election, { variant: 3 });
	const before = await snapshot(ctx.coord);
	const rev = assertOk(await ctx.t1.entry(1, 1)).revision;
	for (const bad of [0, -1, '7', 1.5, true, null, {}])
		assertError(await ctx.t1.put(url(1, 1), { ...form, revision: bad }), 422, 'does_not_fit', JSON.stringify(bad));
	assert.deepEqual(await snapshot(ctx.coord), before);
	assert.equal(assertOk(await ctx.t1.entry(1, 1)).revision, rev);
});

test('the status route: only typists; held with its revision; never any figure', async () => {
	assertError(await status(ctx.coord, 1, 1), 403, 'forbidden');
	const admin = await login(ctx.server, 'beheerder');
	assertError(await status(admin, 1, 1), 403, 'forbidden');
	const mine = assertOk(await status(ctx.t1, 1, 1));
	assert.equal(mine.held, true);
	assert.equal(mine.status, 'first_in_progress');
	assert.equal(mine.message, undefined);
	const other = assertOk(await status(ctx.t2, 1, 1));
	assert.equal(other.held, false);
	assert.equal(other.revision, null);
	for (const body of [mine, other]) assert.equal(JSON.stringify(body).includes('form'), false);
	assertError(await status(ctx.t1, 999, 1), 404, 'not_found');
	assertError(await status(ctx.t1, 1, 3), 404, 'not_found');
});

test('a reset under a typist: the status says who did it; saves and finalise are refused', async () => {
	const form = makeForm(ctx.election, { variant: 1 });
	const rev = assertOk(await ctx.t1.entry(1, 1)).revision;
	assertOk(await ctx.coord.reset(1));
	const s = assertOk(await status(ctx.t1, 1, 1));
	assert.equal(s.held, false);
	assert.equal(s.status, 'empty');
	assert.equal(s.changed.by, 'coordinator');
	assert.equal(s.changed.action, 'reset');
	assert.match(s.message, /^Coördinator coordinator heeft stembureau 1 om \d\d:\d\d teruggezet/);
	assertError(await ctx.t1.put(url(1, 1), { ...form, revision: rev }), 409, 'wrong_state');
	assertError(await ctx.t1.finalise(1, 1, true), 409, 'wrong_state');
	// Claimed again: a revision never given before, so the old copy stays stale.
	assertOk(await ctx.t1.claim(1, 1));
	const fresh = assertOk(await ctx.t1.entry(1, 1)).revision;
	assert.ok(fresh > rev, `${fresh} > ${rev}`);
	assertError(await ctx.t1.put(url(1, 1), { ...form, revision: rev }), 409, 'stale_entry');
});

test('discarded or finalised in another window: the status tells the typist it was them', async () => {
	assertOk(await ctx.t1.discard(1, 1));
	let s = assertOk(await status(ctx.t1, 1, 1));
	assert.equal(s.held, false);
	assert.match(s.message, /^U hebt deze invoer van stembureau 1 om \d\d:\d\d verwijderd/);
	const form = makeForm(ctx.election, { variant: 1 });
	assertOk(await ctx.t1.claim(2, 1));
	assertOk(await ctx.t1.save(2, 1, form));
	assertOk(await ctx.t1.finalise(2, 1, true));
	s = assertOk(await status(ctx.t1, 2, 1));
	assert.equal(s.held, false);
	assert.match(s.message, /afgerond/);
	// The second typist's entry, decided on by the coordinator.
	assertOk(await ctx.t2.claim(2, 2));
	assertOk(await ctx.t2.save(2, 2, makeForm(ctx.election, { variant: 2 })));
	assertOk(await ctx.t2.finalise(2, 2, true));
	assertOk(await ctx.coord.resolve(2, 'keep_first_correct_second'));
	assert.equal(assertOk(await status(ctx.t2, 2, 2)).held, true, 'the correction is in the second typist\'s hands');
	assertOk(await ctx.coord.reset(2));
	const gone = assertOk(await status(ctx.t2, 2, 2));
	assert.equal(gone.held, false);
	assert.match(gone.message, /teruggezet/);
});
