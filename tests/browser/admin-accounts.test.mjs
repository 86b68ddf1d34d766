// The administrator (ICT staff) manages accounts on the page "Accounts":
//  - resets a typist's password: the one-time password is shown once, on a printable sheet,
//    the typist's sessions end, and logging in with it (another laptop) asks for a new one;
//  - disables the account: the typist's open page ends up at the login, which says the
//    account is disabled; enables it again: the typist logs in;
//  - a refusal of the server (the last administrator) stands next to the account in Dutch;
//  - the sheets carry the server's own address (GET /api/server-info, not the browser's
//    location) and, on HTTPS, where to install the local CA's certificate and its fingerprint.
// Uses accounts of its own (proef-*), never the demo accounts the other files log in with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, adminPassword, newPassword } from './helpers.mjs';

let browser;
let admin;
before(async () => {
	browser = await launch();
	admin = await newPage(browser);
	await login(admin, 'beheerder', adminPassword());
});
after(async () => { await browser?.close(); });

const TYPIST = 'proef-invoerder';
const row = (page, name) => page.locator('#accounts tr[data-name="' + name + '"]');
const noteOf = (page, name) => page.locator('#accounts tr[data-note-for="' + name + '"]');

// Logs in through the page and expects the forced password change (a one-time password).
async function loginOneTime(page, name, password) {
	await page.goto('/');
	await page.locator('#login-name').fill(name);
	await page.locator('#login-password').fill(password);
	await page.locator('#login-submit').click();
	await page.locator('#pw-current').waitFor();
	assert.match(await page.locator('#main').innerText(), /eenmalig wachtwoord/i);
	await page.locator('#pw-current').fill(password);
	await page.locator('#pw-new').fill(newPassword(name));
	await page.locator('#pw-again').fill(newPassword(name));
	await page.locator('#pw-submit').click();
	await page.locator('#quick').waitFor();
}

async function tryLogin(page, name, password) {
	await page.goto('/');
	await page.locator('#login-name').fill(name);
	await page.locator('#login-password').fill(password);
	await page.locator('#login-submit').click();
	await page.locator('#quick, .form-msg .msg-error').first().waitFor();
}

test('the administrator resets a password, disables and enables an account; the typist sees each', { timeout: 120000 }, async () => {
	const a = admin;
	await a.goto('/#/accounts');
	await a.locator('#acc-name').waitFor();
	// One's own row offers neither a reset nor disabling.
	await row(a, 'beheerder').waitFor();
	assert.equal(await row(a, 'beheerder').locator('button').count(), 0);
	assert.match(await row(a, 'beheerder').innerText(), /Uw eigen account/);
	assert.equal(await row(a, 'invoerder1').locator('[data-act="reset"]').count(), 1);

	// A new typist; their sheet shows the one-time password once.
	await a.locator('#acc-name').fill(TYPIST);
	await a.selectOption('#acc-role', 'typist');
	await a.locator('#acc-name').press('Enter');
	const sheet = a.locator('.sheet[data-name="' + TYPIST + '"]');
	await sheet.waitFor();
	const first = (await sheet.locator('.sheet-password').innerText()).trim();
	assert.ok(first.length >= 12);
	assert.match(await row(a, TYPIST).innerText(), /Actief/);

	// The typist logs in on their laptop and changes the password.
	const t1 = await newPage(browser);
	await loginOneTime(t1, TYPIST, first);

	// Reset: a new one-time password, on a sheet of its own.
	await row(a, TYPIST).locator('[data-act="reset"]').click();
	await a.locator('#sheets h2', { hasText: 'Nieuw wachtwoord voor ' + TYPIST }).waitFor();
	const second = (await sheet.locator('.sheet-password').innerText()).trim();
	assert.ok(second.length >= 12);
	assert.notEqual(second, first);
	assert.equal(await a.locator('#sheets .sheet').count(), 1);
	assert.match(await noteOf(a, TYPIST).innerText(), /Nieuw eenmalig wachtwoord/);
	assert.match(await row(a, TYPIST).locator('.acc-password').innerText(), /eenmalig wachtwoord/);
	await shot(a, 'admin-accounts-1-reset-sheet');
	const listed = (await (await a.request.get('/api/accounts')).json()).find((x) => x.name === TYPIST);
	assert.equal(listed.must_change_password, true);

	// On another laptop: the shown password logs in, and must be changed at once. (The
	// old one is not tried here: the test files share the server's limit of failed logins
	// per address.)
	const t2 = await newPage(browser);
	await loginOneTime(t2, TYPIST, second);
	await shot(t2, 'admin-accounts-2-typist-after-reset');

	// The first laptop's session ended with the reset: its page goes to the login (at its
	// next refresh of the station list).
	await t1.locator('#login-name').waitFor({ timeout: 20000 });

	// Disable: the typist's open page ends up at the login, which refuses in Dutch.
	await row(a, TYPIST).locator('[data-act="disable"]').click();
	await row(a, TYPIST).locator('.acc-state', { hasText: 'Uitgeschakeld' }).waitFor();
	assert.equal(await row(a, TYPIST).locator('[data-act="disable"]').count(), 0);
	assert.equal(await row(a, TYPIST).locator('[data-act="enable"]').count(), 1);
	assert.match(await noteOf(a, TYPIST).innerText(), /Uitgeschakeld om .*kan niet meer inloggen/);
	assert.equal(await a.evaluate(() => document.activeElement.dataset.act), 'enable');
	assert.equal((await (await a.request.get('/api/accounts')).json()).find((x) => x.name === TYPIST).disabled, true);
	await shot(a, 'admin-accounts-3-disabled');
	// The list fits a 1024 px wide screen without scrolling sideways.
	await a.setViewportSize({ width: 1024, height: 768 });
	assert.ok(await a.evaluate(() => document.documentElement.scrollWidth <= 1024), 'no sideways scrolling at 1024 px');
	await shot(a, 'admin-accounts-3b-disabled-1024');
	await a.setViewportSize({ width: 1366, height: 768 });
	await t2.locator('#login-name').waitFor({ timeout: 20000 });
	await tryLogin(t2, TYPIST, newPassword(TYPIST));
	assert.equal(await t2.locator('.form-msg .msg-error').innerText(),
		'Dit account is uitgeschakeld. Vraag de beheerder om het weer in te schakelen.');
	await shot(t2, 'admin-accounts-4-login-disabled');

	// Enable again: the typist logs in with their own password.
	await row(a, TYPIST).locator('[data-act="enable"]').click();
	await row(a, TYPIST).locator('.acc-state', { hasText: 'Actief' }).waitFor();
	assert.match(await noteOf(a, TYPIST).innerText(), /Ingeschakeld om .*kan weer inloggen/);
	await tryLogin(t2, TYPIST, newPassword(TYPIST));
	await t2.locator('#quick').waitFor();

	for (const p of [a, t1, t2]) assert.deepEqual(p.errors.filter((e) => !/401|403|Unauthorized|Forbidden/.test(e)), []);
	await t1.context().close();
	await t2.context().close();
});

test('a refusal of the server stands next to the account, in Dutch; nothing changes', { timeout: 60000 }, async () => {
	const a = admin;
	await a.goto('/#/accounts');
	await row(a, TYPIST).waitFor();
	// The server refuses to leave no administrator that can log in; the page is made to
	// meet that refusal here (it cannot happen with one's own row left out).
	await a.route('**/api/accounts/*/disable', (r) => r.fulfill({
		status: 409, contentType: 'application/json',
		body: JSON.stringify({ error: { code: 'last_administrator', message: 'Dit is de laatste beheerder die kan inloggen.' } }),
	}));
	await row(a, TYPIST).locator('[data-act="disable"]').click();
	await noteOf(a, TYPIST).locator('.msg-error').waitFor();
	assert.match(await noteOf(a, TYPIST).innerText(), /laatste beheerder die kan inloggen.*Maak eerst een andere beheerder aan/s);
	assert.match(await row(a, TYPIST).innerText(), /Actief/);
	await shot(a, 'admin-accounts-5-refused');
	await a.unroute('**/api/accounts/*/disable');
	assert.equal((await (await a.request.get('/api/accounts')).json()).find((x) => x.name === TYPIST).disabled, false);
});

test('the sheets carry the server\'s address and the CA fingerprint from /api/server-info', { timeout: 60000 }, async () => {
	const a = admin;
	const info = await (await a.request.get('/api/server-info')).json();
	assert.ok(Array.isArray(info.urls) && info.urls.length > 0);

	// What this server says (the test server listens on 127.0.0.1 only, without TLS).
	await a.goto('/#/sessions');
	await a.goto('/#/accounts');
	await a.locator('#acc-csv').fill('proef-blad-1,invoerder');
	await a.getByRole('button', { name: 'Accounts aanmaken' }).click();
	const s1 = a.locator('.sheet[data-name="proef-blad-1"]');
	await s1.waitFor();
	const url = (await s1.locator('.sheet-url').innerText()).trim();
	assert.match(url, /^https?:\/\//);
	assert.ok(info.urls.includes(url), url + ' is one of ' + info.urls.join(', '));
	if (info.urls.some((u) => !/\/\/(127\.|\[::1\]|localhost)/.test(u))) assert.doesNotMatch(url, /localhost|127\.0\.0\.1/);
	assert.match(await s1.innerText(), new RegExp('Open in de browser: ' + url.replace(/[.[\]]/g, '\\$&')));

	// A server on the LAN with TLS: its first LAN address (not the browser's 127.0.0.1),
	// the certificate to install once from it, and the fingerprint.
	const fp = Array.from({ length: 32 }, (_, i) => ((i * 37 + 11) % 256).toString(16).toUpperCase().padStart(2, '0')).join(':');
	await a.route('**/api/server-info', (r) => r.fulfill({
		status: 200, contentType: 'application/json',
		body: JSON.stringify({ urls: ['https://192.168.1.10:8443/', 'https://10.0.0.5:8443/'], ca_fingerprint: fp }),
	}));
	await a.goto('/#/sessions');
	await a.goto('/#/accounts');
	await a.locator('#acc-name').fill('proef-blad-2');
	await a.selectOption('#acc-role', 'coordinator');
	await a.locator('#acc-name').press('Enter');
	const s2 = a.locator('.sheet[data-name="proef-blad-2"]');
	await s2.waitFor();
	assert.equal((await s2.locator('.sheet-url').innerText()).trim(), 'https://192.168.1.10:8443/');
	assert.equal((await s2.locator('.sheet-ca-url').innerText()).trim(), 'https://192.168.1.10:8443/ca.crt');
	assert.equal((await s2.locator('.sheet-fingerprint').innerText()).trim(), fp);
	assert.match(await s2.innerText(), /Eenmalig per laptop: installeer het certificaat van de lokale CA/);
	assert.match(await a.locator('#sheets .sheets-head').innerText(), /10\.0\.0\.5/);
	await shot(a, 'admin-accounts-6-sheet-lan');
	await a.emulateMedia({ media: 'print' });
	assert.equal(await a.locator('#acc-name').isVisible(), false);
	assert.equal(await s2.isVisible(), true);
	await shot(a, 'admin-accounts-7-sheet-print');
	await a.emulateMedia({ media: 'screen' });
	await a.unroute('**/api/server-info');

	// "Klaar" takes the passwords off the screen.
	await a.locator('#sheets-close').click();
	assert.equal(await a.locator('.sheet').count(), 0);
	assert.deepEqual(a.errors.filter((e) => !/401|403|409|Unauthorized|Forbidden|Conflict/.test(e)), []);
});
