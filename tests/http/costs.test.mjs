// Hours and costs over HTTP: only the administrator sees or changes them; refusals
// change nothing; the invoice's total is the ledger's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertError, assertOk, login, useServer } from './helpers.mjs';

const ctx = useServer(async (c) => {
	c.admin = await login(c.server, 'beheerder');
	c.typist = await login(c.server, 'invoerder1');
	c.coord = await login(c.server, 'coordinator');
});

test('typists and the coordinator can neither see nor change costs', async () => {
	for (const c of [ctx.typist, ctx.coord]) {
		assertError(await c.get('/api/costs'), 403, 'forbidden');
		assertError(await c.put('/api/costs/settings', { hourly: '1.00' }), 403, 'forbidden');
		assertError(await c.post('/api/costs/lines', { kind: 'laptops', count: 1, days: 1 }), 403, 'forbidden');
		assertError(await c.put('/api/costs/lines/1', { kind: 'laptops', count: 1, days: 1 }), 403, 'forbidden');
		assertError(await c.req('DELETE', '/api/costs/lines/1', { body: {} }), 403, 'forbidden');
		assertError(await c.get('/api/costs/invoice.pdf'), 403, 'forbidden');
		assertError(await c.get('/api/costs/invoice.csv'), 403, 'forbidden');
	}
	const none = await fetch(ctx.server.base + '/api/costs');
	assert.equal(none.status, 401);
});

test('the administrator keeps the ledger: rates, lines, sums, rounding', async () => {
	const a = ctx.admin;
	assertError(await a.get('/api/costs/invoice.pdf'), 409, 'refused');
	assertOk(await a.put('/api/costs/settings', { hourly: '57.25', laptop_day: '12.50', per_km: '0.23',
		provider_name: 'ICT Partner BV', invoice_number: '2025-003', invoice_date: '2025-09-01' }));
	const h = assertOk(await a.post('/api/costs/lines', { kind: 'hours', person: 'Jan', date: '2025-08-28',
		from: '09:00', to: '16:30', activity: 'setup' }), 201);
	assertOk(await a.post('/api/costs/lines', { kind: 'travel', person: 'Jan', date: '2025-08-28', km: 62 }), 201);
	assertOk(await a.post('/api/costs/lines', { kind: 'laptops', count: 12, days: 2 }), 201);
	assertOk(await a.post('/api/costs/lines', { kind: 'item', category: 'switch', amount: '89.95',
		description: 'Switch' }), 201);
	const l = assertOk(await a.get('/api/costs'));
	assert.equal(l.lines.length, 4);
	const hours = l.lines.find((x) => x.id === h.id);
	assert.equal(hours.line_amount, '429.38'); // 7.5 h x 57.25 = 429.375, half up once per line
	assert.equal(l.summary.total_cents, 42938 + 1426 + 30000 + 8995);
	assert.equal(l.summary.persons[0].person, 'Jan');
	assert.equal(l.summary.persons[0].hours, '7:30');
	// The invoice's CSV total is the ledger's total.
	const csv = await fetch(ctx.server.base + '/api/costs/invoice.csv', { headers: { Cookie: a.cookie } });
	assert.equal(csv.status, 200);
	const text = await csv.text();
	const total = text.split(/\r?\n/).find((row) => /^"?Totaal"?;/.test(row));
	assert.match(total, /;"?833,59"?$/);
	const pdf = await fetch(ctx.server.base + '/api/costs/invoice.pdf', { headers: { Cookie: a.cookie } });
	assert.equal(pdf.status, 200);
	assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
});

test('every refusal of the issue answers 422 and changes nothing', async () => {
	const a = ctx.admin;
	const before = (await a.get('/api/costs')).body;
	const cases = [
		{ kind: 'item', category: 'other', amount: '-5', description: 'x' },           // negative
		{ kind: 'item', category: 'other', amount: '1.234', description: 'x' },        // 3 decimals
		{ kind: 'item', category: 'catering', amount: '5', description: 'x' },         // category
		{ kind: 'hours', person: 'Jan', date: '2025-08-29', from: '14:00', to: '13:00', activity: 'standby' },
		{ kind: 'hours', person: 'Jan', date: '2025-08-28', from: '16:00', to: '18:00', activity: 'standby' }, // overlap
		{ kind: 'travel', person: 'Jan', date: '2025-08-28', km: -3 },
		{ kind: 'item', category: 'other', amount: 5.5, description: 'a number, not text' },
	];
	for (const body of cases) assertError(await a.post('/api/costs/lines', body), 422, 'refused', JSON.stringify(body));
	assertError(await a.put('/api/costs/settings', { hourly: '-1' }), 422, 'refused');
	assertError(await a.put('/api/costs/settings', { vat: '101' }), 422, 'refused');
	assertError(await a.req('DELETE', '/api/costs/lines/9999', { body: {} }), 404, 'not_found');
	assert.deepEqual((await a.get('/api/costs')).body, before);
});

test('lines are edited and removed', async () => {
	const a = ctx.admin;
	const id = assertOk(await a.post('/api/costs/lines', { kind: 'item', category: 'cabling', amount: '10',
		description: 'Kabels' }), 201).id;
	assertOk(await a.put(`/api/costs/lines/${id}`, { kind: 'item', category: 'cabling', amount: '12.50',
		description: 'Kabels' }));
	assert.equal((await a.get('/api/costs')).body.lines.find((x) => x.id === id).line_amount, '12.50');
	assertOk(await a.req('DELETE', `/api/costs/lines/${id}`, { body: {} }));
	assert.equal((await a.get('/api/costs')).body.lines.find((x) => x.id === id), undefined);
});
