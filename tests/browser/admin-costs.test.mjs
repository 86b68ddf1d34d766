// The administrator (ICT staff) keeps the hours and costs on the page "Uren en
// kosten": logs in with the one-time password and changes it, sets the rates
// (typed the Dutch way, 57,25), adds an hours line 09:00–16:30 with the
// keyboard and sees its amount and the running total, is refused an
// overlapping line, adds travel costs, changes the hours line, removes the
// travel line and downloads the invoice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, adminPassword } from './helpers.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const focusedId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

async function totals(page) {
	return {
		net: await page.locator('#total-net').innerText(),
		vat: await page.locator('#total-vat').innerText(),
		total: await page.locator('#total-total').innerText(),
	};
}

test('the administrator sets the rates, adds, changes and removes lines; the totals follow', { timeout: 120000 }, async () => {
	const a = await newPage(browser);
	await login(a, 'beheerder', adminPassword());
	await a.getByRole('link', { name: 'Uren en kosten' }).click();
	// No rates yet: the rates form is open and the invoice cannot be downloaded.
	await a.locator('#settings[open] #cs-hourly').waitFor();
	assert.equal(await focusedId(a), 'cs-hourly');
	assert.equal(await a.locator('#invoice-pdf').count(), 0);
	assert.deepEqual(await totals(a), { net: '€ 0,00', vat: '€ 0,00', total: '€ 0,00' });
	await shot(a, 'admin-costs-1-empty');

	// The rates, typed the Dutch way; Enter saves.
	await a.keyboard.type('57,25');
	await a.locator('#cs-laptop_day').fill('12,50');
	await a.locator('#cs-per_km').fill('0,23');
	await a.locator('#cs-vat').fill('21');
	await a.locator('#cs-provider_name').fill('ICT Partner BV');
	await a.locator('#cs-provider_address').fill('Stationsweg 1, 9999 AA Juinen');
	await a.locator('#cs-invoice_number').fill('2025-003');
	await a.locator('#cs-invoice_date').fill('1-9-2025');
	await a.keyboard.press('Enter');
	await a.locator('#settings .msg-ok', { hasText: 'opgeslagen' }).waitFor();
	const settings = (await (await a.request.get('/api/costs')).json()).settings;
	assert.deepEqual([settings.hourly, settings.laptop_day, settings.per_km, settings.vat, settings.invoice_date],
		['57.25', '12.50', '0.23', '21.00', '2025-09-01']);
	assert.equal(await a.inputValue('#cs-hourly'), '57,25');
	assert.equal(await a.inputValue('#cs-invoice_date'), '01-09-2025');
	await a.locator('#invoice-pdf').waitFor();

	// An hours line with the keyboard only: name, Tab, date, Tab, from, Tab, to, Tab, activity, Enter.
	await a.locator('#cl-hours-person').focus();
	await a.keyboard.type('Jan');
	for (const v of ['28-08-2025', '9:00', '16.30']) {
		await a.keyboard.press('Tab');
		await a.keyboard.type(v);
	}
	await a.keyboard.press('Tab');
	assert.equal(await focusedId(a), 'cl-hours-activity');
	await a.selectOption('#cl-hours-activity', 'setup');
	assert.match(await a.locator('#cl-hours-duration').innerText(), /7:30/);
	await shot(a, 'admin-costs-2-hours-typed');
	await a.keyboard.press('Enter');
	await a.locator('#line-msg .msg-ok', { hasText: 'toegevoegd' }).waitFor();
	const hoursRow = a.locator('#ledger tr[data-kind="hours"]');
	assert.equal(await hoursRow.count(), 1);
	assert.match(await hoursRow.innerText(), /Jan\s+28-08-2025\s+09:00–16:30 · 7:30 uur · opbouw verkiezingsdag\s+€ 429,38/);
	assert.match(await a.locator('#line-msg').innerText(), /€ 429,38/);
	assert.equal(await a.locator('#ledger tr[data-subtotal="hours"] .num').innerText(), '€ 429,38');
	// 21% of 429,38 is 90,1698: the VAT is rounded once, on the total.
	assert.deepEqual(await totals(a), { net: '€ 429,38', vat: '€ 90,17', total: '€ 519,55' });
	assert.match(await a.locator('#persons tbody').innerText(), /Jan\s+7:30\s+€ 429,38/);
	assert.equal((await (await a.request.get('/api/costs')).json()).summary.total, '519.55');
	// The person and the date stay for the next line of the same day; the cursor is at "Van".
	assert.equal(await focusedId(a), 'cl-hours-from');
	assert.equal(await a.inputValue('#cl-hours-person'), 'Jan');
	assert.equal(await a.inputValue('#cl-hours-date'), '28-08-2025');
	await shot(a, 'admin-costs-3-hours-added');

	// An overlapping line of the same person and day is refused; the server's message shows.
	await a.keyboard.type('16:00');
	await a.keyboard.press('Tab');
	await a.keyboard.type('18:00');
	await a.keyboard.press('Enter');
	await a.locator('#line-msg .msg-error').waitFor();
	assert.match(await a.locator('#line-msg').innerText(), /overlappen/);
	assert.equal(await hoursRow.count(), 1);
	assert.equal((await totals(a)).total, '€ 519,55');
	await shot(a, 'admin-costs-4-overlap');

	// Travel costs: 62 km at € 0,23 is € 14,26.
	await a.locator('button.tab[data-tab="travel"]').click();
	assert.equal(await focusedId(a), 'cl-travel-person');
	await a.keyboard.type('Jan');
	await a.locator('#cl-travel-date').fill('28-08-2025');
	await a.locator('#cl-travel-km').fill('62');
	await a.keyboard.press('Enter');
	await a.locator('#ledger tr[data-kind="travel"]').waitFor();
	assert.match(await a.locator('#ledger tr[data-kind="travel"]').innerText(), /62 km × € 0,23\s+€ 14,26/);
	assert.deepEqual(await totals(a), { net: '€ 443,64', vat: '€ 93,16', total: '€ 536,80' });

	// Change the hours line: it ends at 16:00 now (7 hours: € 400,75).
	await hoursRow.getByRole('button', { name: /wijzigen/i }).click();
	await a.locator('#line-head', { hasText: 'Regel wijzigen' }).waitFor();
	assert.equal(await a.inputValue('#cl-hours-from'), '09:00');
	assert.equal(await a.inputValue('#cl-hours-to'), '16:30');
	assert.equal(await a.inputValue('#cl-hours-activity'), 'setup');
	await a.locator('#cl-hours-to').fill('16:00');
	await a.locator('#cl-hours-to').press('Enter');
	await a.locator('#line-msg .msg-ok', { hasText: 'gewijzigd' }).waitFor();
	assert.match(await hoursRow.innerText(), /09:00–16:00 · 7:00 uur.*€ 400,75/s);
	assert.equal(await a.locator('#line-head').innerText(), 'Regel toevoegen');
	assert.match(await a.locator('#persons tbody').innerText(), /Jan\s+7:00\s+€ 415,01/);

	// Remove the travel line (the page asks first; the test's dialog handler says yes).
	await a.locator('#ledger tr[data-kind="travel"]').getByRole('button', { name: /verwijderen/i }).click();
	await a.locator('.costs-main > .form-msg .msg-ok', { hasText: 'verwijderd' }).waitFor();
	assert.equal(await a.locator('#ledger tr[data-kind="travel"]').count(), 0);
	assert.deepEqual(await totals(a), { net: '€ 400,75', vat: '€ 84,16', total: '€ 484,91' });
	const ledger = await (await a.request.get('/api/costs')).json();
	assert.equal(ledger.lines.length, 1);
	assert.equal(ledger.summary.total_cents, 48491);
	await shot(a, 'admin-costs-5-after-removal');

	// The invoice downloads.
	const [pdf] = await Promise.all([a.waitForEvent('download'), a.locator('#invoice-pdf').click()]);
	assert.match(pdf.suggestedFilename(), /\.pdf$/);
	assert.equal(await pdf.failure(), null);
	const csv = await a.request.get(await a.locator('#invoice-csv').getAttribute('href'));
	assert.equal(csv.status(), 200);
	assert.match(await csv.text(), /484,91/);

	assert.deepEqual(a.errors.filter((e) => !/401|422|Unauthorized|Unprocessable/.test(e)), []);
});
