// The administrator (ICT staff) on "Uren en kosten", after admin-costs.test.mjs:
//  - enters the supplier's KvK number, VAT number and IBAN for the invoice, typed loosely
//    (spaces, lower case): the server keeps them normalised and the page shows them so
//    (the IBAN in groups of four); a wrong IBAN is refused next to its field, nothing changes;
//  - adds a stand-by line past midnight (21:00-03:00): the page does not refuse it, shows
//    its 6 hours while typing and in the list as "21:00–03:00 (+1 dag)".
// Leaves the costs as it found them: the numbers are put back and the line removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, adminPassword, newPassword, apiPut } from './helpers.mjs';

let browser;
let a;
let before_ = null;   // the settings as found
before(async () => {
	browser = await launch();
	a = await newPage(browser);
	// After admin-costs.test.mjs the password is changed already: that one first, so
	// that no failed login counts against the server's limit per address.
	await login(a, 'beheerder', newPassword('beheerder')).catch(() => login(a, 'beheerder', adminPassword()));
	before_ = (await (await a.request.get('/api/costs')).json()).settings;
});
after(async () => {
	if (a && before_) {
		const { provider_kvk, provider_vat, provider_iban } = before_;
		await apiPut(a, '/api/costs/settings', { provider_kvk, provider_vat, provider_iban });
	}
	await browser?.close();
});

const settings = async () => (await (await a.request.get('/api/costs')).json()).settings;

async function openCosts() {
	await a.goto('/#/costs');
	await a.locator('#settings').waitFor();
	if (!(await a.locator('#settings').evaluate((d) => d.open))) await a.locator('#settings summary').click();
	await a.locator('#cs-provider_kvk').waitFor();
}

test('the supplier\'s KvK number, VAT number and IBAN are saved, normalised and shown', { timeout: 60000 }, async () => {
	await openCosts();
	await a.locator('#cs-provider_kvk').fill('1234 5678');
	await a.locator('#cs-provider_vat').fill('nl 123456789 b01');
	await a.locator('#cs-provider_iban').fill('nl91 abna 0417 1643 00');
	await a.locator('#cs-provider_iban').press('Enter');
	await a.locator('#settings .msg-ok', { hasText: 'opgeslagen' }).waitFor();
	const st = await settings();
	assert.deepEqual([st.provider_kvk, st.provider_vat, st.provider_iban], ['12345678', 'NL123456789B01', 'NL91ABNA0417164300']);
	assert.equal(await a.inputValue('#cs-provider_kvk'), '12345678');
	assert.equal(await a.inputValue('#cs-provider_vat'), 'NL123456789B01');
	assert.equal(await a.inputValue('#cs-provider_iban'), 'NL91 ABNA 0417 1643 00');
	await shot(a, 'admin-invoice-1-ids-saved');

	// After a reload the page shows what the server has.
	await a.reload();
	await openCosts();
	assert.equal(await a.inputValue('#cs-provider_kvk'), '12345678');
	assert.equal(await a.inputValue('#cs-provider_vat'), 'NL123456789B01');
	assert.equal(await a.inputValue('#cs-provider_iban'), 'NL91 ABNA 0417 1643 00');

	// A typing error in the IBAN: refused, in Dutch, at the field; nothing is changed.
	await a.locator('#cs-provider_kvk').fill('87654321');
	await a.locator('#cs-provider_iban').fill('NL91 ABNA 0417 1643 01');
	await a.locator('#cs-save').click();
	await a.locator('#settings .msg-error').waitFor();
	assert.match(await a.locator('#settings .msg-error').innerText(), /IBAN: het controlegetal klopt niet/);
	assert.equal(await a.getAttribute('#cs-provider_iban', 'aria-invalid'), 'true');
	assert.equal(await a.evaluate(() => document.activeElement.id), 'cs-provider_iban');
	const after_ = await settings();
	assert.deepEqual([after_.provider_kvk, after_.provider_iban], ['12345678', 'NL91ABNA0417164300']);
	await shot(a, 'admin-invoice-2-iban-refused');

	// The rest of the settings were not touched by saving the numbers.
	for (const k of ['hourly', 'laptop_day', 'per_km', 'vat', 'rates_set', 'provider_name', 'invoice_number'])
		assert.deepEqual(after_[k], before_[k], k);
	assert.deepEqual(a.errors.filter((e) => !/401|422|Unauthorized|Unprocessable/.test(e)), []);
});

test('an hours line past midnight is one line of 6 hours, shown with "+1 dag"', { timeout: 60000 }, async () => {
	a.errors.length = 0;
	await a.goto('/#/costs');
	await a.locator('#cl-hours-person').waitFor();
	await a.locator('button.tab[data-tab="hours"]').click();
	await a.locator('#cl-hours-person').fill('Nachtdienst');
	await a.locator('#cl-hours-date').fill('30-08-2025');
	await a.locator('#cl-hours-from').fill('21:00');
	await a.locator('#cl-hours-to').fill('3:00');
	await a.selectOption('#cl-hours-activity', 'standby');
	assert.equal(await a.locator('#cl-hours-duration').innerText(), 'Duur: 6:00 uur, tot 03:00 de volgende dag.');
	await a.locator('#cl-hours-to').press('Enter');
	await a.locator('#line-msg .msg-ok', { hasText: 'toegevoegd' }).waitFor();
	const line = (await (await a.request.get('/api/costs')).json()).lines.find((l) => l.person === 'Nachtdienst');
	assert.ok(line, 'the line is saved');
	assert.equal(line.minutes, 360);
	assert.equal(line.next_day, true);
	const tr = a.locator('#ledger tr[data-id="' + line.id + '"]');
	assert.match(await tr.innerText(), /Nachtdienst\s+30-08-2025\s+21:00–03:00 \(\+1 dag\) · 6:00 uur · stand-by tijdens de telling/);
	assert.match(await a.locator('#persons tbody').innerText(), /Nachtdienst\s+6:00/);
	await tr.scrollIntoViewIfNeeded();
	await shot(a, 'admin-invoice-3-past-midnight');

	// Changing it shows the same times again; then it is removed (the data as found).
	await tr.getByRole('button', { name: /wijzigen/i }).click();
	assert.equal(await a.inputValue('#cl-hours-from'), '21:00');
	assert.equal(await a.inputValue('#cl-hours-to'), '03:00');
	assert.match(await a.locator('#cl-hours-duration').innerText(), /6:00 uur, tot 03:00 de volgende dag/);
	await a.keyboard.press('Escape');
	await tr.getByRole('button', { name: /verwijderen/i }).click();
	await a.locator('.costs-main > .form-msg .msg-ok', { hasText: 'verwijderd' }).waitFor();
	assert.equal((await (await a.request.get('/api/costs')).json()).lines.some((l) => l.person === 'Nachtdienst'), false);
	assert.deepEqual(a.errors.filter((e) => !/401|Unauthorized/.test(e)), []);
});
