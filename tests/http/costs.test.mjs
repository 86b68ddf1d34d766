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
		{ kind: 'hours', person: 'Jan', date: '2025-08-29', from: '14:00', to: '14:00', activity: 'standby' }, // no time at all
		{ kind: 'hours', person: 'Jan', date: '2025-08-29', from: '24:00', to: '03:00', activity: 'standby' },
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

test('hours past midnight are one line, checked against the start day and the next day', async () => {
	const a = ctx.admin;
	const night = assertOk(await a.post('/api/costs/lines', { kind: 'hours', person: 'Nachtdienst', date: '2026-03-18',
		from: '21:00', to: '03:00', activity: 'standby' }), 201);
	let l = (await a.get('/api/costs')).body.lines.find((x) => x.id === night.id);
	assert.equal(l.date, '2026-03-18');
	assert.equal(l.from, '21:00');
	assert.equal(l.to, '03:00');
	assert.equal(l.next_day, true);
	assert.equal(l.minutes, 360);
	assert.equal(l.span, '21:00-03:00 (+1 dag)');
	assert.equal(l.line_amount, '343.50'); // 6 h x 57.25
	const before = (await a.get('/api/costs')).body;
	const overlaps = [
		{ date: '2026-03-19', from: '02:00', to: '04:00' },   // the next day, inside the night
		{ date: '2026-03-18', from: '20:00', to: '21:30' },   // the start day
		{ date: '2026-03-17', from: '22:00', to: '21:30' },   // a night before, running into it
	];
	for (const o of overlaps) {
		const r = await a.post('/api/costs/lines', { kind: 'hours', person: 'Nachtdienst', activity: 'clearing', ...o });
		assertError(r, 422, 'refused', JSON.stringify(o));
		assert.match(r.body.error.message, /overlap/i);
	}
	const same = await a.post('/api/costs/lines', { kind: 'hours', person: 'Nachtdienst', date: '2026-03-20',
		from: '21:00', to: '21:00', activity: 'standby' });
	assertError(same, 422, 'refused');
	assert.match(same.body.error.message, /eindtijd/i);
	assert.deepEqual((await a.get('/api/costs')).body, before);
	const next = assertOk(await a.post('/api/costs/lines', { kind: 'hours', person: 'Nachtdienst', date: '2026-03-19',
		from: '03:00', to: '05:00', activity: 'clearing' }), 201);
	l = (await a.get('/api/costs')).body.lines.find((x) => x.id === next.id);
	assert.equal(l.next_day, false);
	assert.equal(l.span, '03:00-05:00');
	const p = (await a.get('/api/costs')).body.summary.persons.find((x) => x.person === 'Nachtdienst');
	assert.equal(p.hours, '8:00');
	const csv = await fetch(ctx.server.base + '/api/costs/invoice.csv', { headers: { Cookie: a.cookie } });
	assert.match(await csv.text(), /21:00-03:00 \(\+1 dag\) stand-by tijdens de telling;6:00;/);
	for (const id of [night.id, next.id]) assertOk(await a.req('DELETE', `/api/costs/lines/${id}`, { body: {} }));
});

test('the supplier\'s KvK number, VAT number and IBAN: checked, normalised, on the invoice', async () => {
	const a = ctx.admin;
	const before = (await a.get('/api/costs')).body;
	const bad = [
		[{ provider_kvk: '1234567' }, /KvK-nummer/],
		[{ provider_kvk: '1234567a' }, /KvK-nummer/],
		[{ provider_vat: 'NL123456789001' }, /Btw-nummer/],
		[{ provider_vat: 'BE0123456789' }, /Btw-nummer/],
		[{ provider_iban: 'NL91ABNA0417164301' }, /IBAN.*controlegetal/],
		[{ provider_iban: 'NL91ABNA041716430' }, /IBAN/],
		[{ provider_name: 'Veranderd BV', provider_kvk: '12345678', provider_iban: 'NL91 ABNA 0417 1643 01' }, /IBAN/],
	];
	for (const [body, msg] of bad) {
		const r = await a.put('/api/costs/settings', body);
		assertError(r, 422, 'refused', JSON.stringify(body));
		assert.match(r.body.error.message, msg);
	}
	assert.deepEqual((await a.get('/api/costs')).body, before);
	assertOk(await a.put('/api/costs/settings', { provider_kvk: '1234 5678', provider_vat: 'nl 1234.56.789.b01',
		provider_iban: 'nl91 abna 0417 1643 00' }));
	const st = (await a.get('/api/costs')).body.settings;
	assert.equal(st.provider_kvk, '12345678');
	assert.equal(st.provider_vat, 'NL123456789B01');
	assert.equal(st.provider_iban, 'NL91ABNA0417164300');
	assert.equal(st.provider_name, before.settings.provider_name);
	const csv = await (await fetch(ctx.server.base + '/api/costs/invoice.csv', { headers: { Cookie: a.cookie } })).text();
	assert.match(csv, /\r\nKvK-nummer;12345678;/);
	assert.match(csv, /\r\nBtw-identificatienummer;NL123456789B01;/);
	assert.match(csv, /\r\nIBAN;NL91 ABNA 0417 1643 00;/);
	// "" clears one, leaving the others.
	assertOk(await a.put('/api/costs/settings', { provider_kvk: '' }));
	const cleared = (await a.get('/api/costs')).body.settings;
	assert.equal(cleared.provider_kvk, '');
	assert.equal(cleared.provider_iban, 'NL91ABNA0417164300');
});

test('an invoice number with a quote, a backslash or an accent gives a well-formed Content-Disposition', async () => {
	const { admin } = ctx;
	const before = assertOk(await admin.get('/api/costs')).settings.invoice_number;
	const tricky = '2026"; evil=1 é\\x';
	assertOk(await admin.put('/api/costs/settings', { invoice_number: tricky }));
	try {
		for (const ext of ['pdf', 'csv']) {
			const res = await fetch(ctx.server.base + '/api/costs/invoice.' + ext, { headers: { Cookie: admin.cookie } });
			await res.arrayBuffer();
			assert.equal(res.status, 200);
			const cd = res.headers.get('content-disposition');
			const m = /^attachment; filename="([\x20\x21\x23-\x5b\x5d-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9%!#$&+\-.^_`|~]+)$/.exec(cd);
			assert.ok(m, 'well-formed: ' + cd);
			assert.equal(decodeURIComponent(m[2]), 'Factuur_2026";_evil=1_é\\x.' + ext);
			assert.equal(m[1], 'Factuur_2026_;_evil=1___x.' + ext);
		}
	} finally {
		assertOk(await admin.put('/api/costs/settings', { invoice_number: before ?? '' }));
	}
});

test('a line beyond a limit of base/limits.h is refused once, naming the limit, and nothing changes', async () => {
	const a = ctx.admin;
	const before = (await a.get('/api/costs')).body;
	const over = [
		[{ kind: 'laptops', count: 50000, days: 3 }, /Aantal '50000'.*Hoogstens 10000/],
		[{ kind: 'laptops', count: 5, days: 367 }, /Dagen '367'.*Hoogstens 366/],
		[{ kind: 'travel', person: 'Jan', date: '2025-08-28', km: 100001 }, /Kilometers '100001'.*Hoogstens 100000/],
	];
	for (const [body, msg] of over) {
		const r = await a.post('/api/costs/lines', body);
		assertError(r, 422, 'refused', JSON.stringify(body));
		assert.match(r.body.error.message, msg);
	}
	assert.deepEqual((await a.get('/api/costs')).body, before);
});
