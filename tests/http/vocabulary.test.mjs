// GET /api/vocabulary: the words and rules the server owns and the page shows (statuses and
// their Dutch labels, the count form's fixed fields, the coordinator's actions per status),
// for any logged-in role, and consistent with what the server itself does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, login, Client, demoPassword, assertOk, assertError, formPaths } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.co = await login(c.server, 'coordinator');
	c.t1 = await login(c.server, 'invoerder1');
});

const STATUSES = [
	['empty', 'Niet begonnen'], ['first_in_progress', '1e invoer bezig'], ['first_done', '1e invoer klaar'],
	['first_has_errors', '1e invoer met fouten'], ['second_in_progress', '2e invoer bezig'],
	['different', 'Verschil'], ['definitive', 'Definitief'],
];
const RESOLVE = ['keep_first_correct_second', 'keep_second_correct_first', 'keep_first', 'keep_second',
	'discard_both'];
const ACTIONS = {
	empty: [],
	first_in_progress: ['reset'],
	first_done: ['reset'],
	first_has_errors: ['return_to_typist', 'discard_first', 'reset'],
	second_in_progress: ['reset'],
	different: [...RESOLVE, 'reset'],
	definitive: ['reset'],
};

test('every role gets the same vocabulary; without a session 401, before the password change 403', async () => {
	assertError(await new Client(ctx.server, 'anon').get('/api/vocabulary'), 401, 'not_logged_in');
	const fresh = new Client(ctx.server, 'invoerder2');
	assert.equal((await fresh.login(demoPassword('invoerder2'))).status, 200);
	assertError(await fresh.get('/api/vocabulary'), 403, 'password_change_required');
	const admin = await login(ctx.server, 'beheerder');
	const [a, b, c] = [await ctx.co.get('/api/vocabulary'), await ctx.t1.get('/api/vocabulary'),
		await admin.get('/api/vocabulary')];
	assertOk(a);
	assert.match(a.headers.get('content-type'), /^application\/json/);
	assert.deepEqual(b.body, a.body);
	assert.deepEqual(c.body, a.body);
});

test('the statuses, in the state machine\'s order, with their Dutch labels', async () => {
	const v = assertOk(await ctx.co.get('/api/vocabulary'));
	assert.deepEqual(v.statuses.map((s) => [s.name, s.label]), STATUSES);
	// every status the station list can show is one of them
	const names = new Set(v.statuses.map((s) => s.name));
	for (const st of assertOk(await ctx.co.get('/api/stations'))) assert.ok(names.has(st.status), st.status);
});

test('the form\'s groups name exactly the fixed fields of the server\'s form, in paper order', async () => {
	const v = assertOk(await ctx.co.get('/api/vocabulary'));
	const el = assertOk(await ctx.co.get('/api/election'));
	assert.deepEqual(v.groups.map((g) => [g.name, g.title]),
		[['voters', 'Toegelaten kiezers'], ['votes', 'Uitgebrachte stemmen'], ['differences', 'Verschillen']]);
	assert.deepEqual(v.groups.flatMap((g) => g.fields.map((f) => f.letter)), [...'ABCDEFGHIJKLMNO']);
	assert.deepEqual(v.groups[0].fields[0], { letter: 'A', name: 'poll_cards', label: 'Stempassen' });
	assert.deepEqual(v.groups[1].fields[3], { letter: 'H', name: 'votes_cast', label: 'Totaal uitgebrachte stemmen' });
	for (const g of v.groups) for (const f of g.fields) assert.ok(f.label.length > 0, f.name);
	const paths = v.groups.flatMap((g) => g.fields.map((f) => g.name + '.' + f.name))
		.filter((p) => p !== 'voters.voter_cards' || el.election.has_voter_cards);
	const fixed = formPaths(el).filter((p) => !p.startsWith('lists[') && !p.startsWith('votes.list_totals['));
	assert.deepEqual(paths, fixed);
});

test('the coordinator\'s actions per status follow the state machine', async () => {
	const v = assertOk(await ctx.co.get('/api/vocabulary'));
	assert.deepEqual(v.actions.coordinator, ACTIONS);
	// What an empty station does not offer, the server refuses; a claimed one offers the reset.
	const n = 1;
	assert.equal(assertOk(await ctx.co.get(`/api/stations/${n}`)).station.status, 'empty');
	for (const a of ['return_to_typist', 'discard_first', ...RESOLVE])
		assertError(await ctx.co.resolve(n, a), 409, 'wrong_state', a);
	assertOk(await ctx.t1.claim(n, 1));
	assert.equal(assertOk(await ctx.co.get(`/api/stations/${n}`)).station.status, 'first_in_progress');
	for (const a of ['return_to_typist', 'discard_first', ...RESOLVE])
		assertError(await ctx.co.resolve(n, a), 409, 'wrong_state', a);
	assert.deepEqual(assertOk(await ctx.co.reset(n)), { status: 'empty' });
});

test('the largest count a field holds is the server\'s (the entry fields\' length); one more is refused', async () => {
	const v = assertOk(await ctx.co.get('/api/vocabulary'));
	assert.equal(v.count_max, 999999999);
	const n = 2;
	assertOk(await ctx.t1.claim(n, 1));
	const form = (await ctx.t1.entry(n, 1)).body.form;
	form.voters.poll_cards = v.count_max;
	assertOk(await ctx.t1.put(`/api/stations/${n}/entries/1`, form));
	form.voters.poll_cards = v.count_max + 1;
	assertError(await ctx.t1.put(`/api/stations/${n}/entries/1`, form), 422, 'does_not_fit');
	assertOk(await ctx.t1.discard(n, 1));
});
