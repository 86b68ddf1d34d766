// The coordinator's accounts page (#/accounts; issue 11, findings 6 and 4): an account the
// administrator makes after data entry began cannot claim a station until the coordinator
// confirms it on this page; and a login blocked after wrong passwords is lifted here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, adminPassword, newPassword, apiPost } from './helpers.mjs';

let browser;
let admin;
before(async () => {
	browser = await launch();
	admin = await newPage(browser);
	await login(admin, 'beheerder', adminPassword());
});
after(async () => { await browser?.close(); });

const NAME = 'laatkomer';
const FIRST = 'eenmalig-laatkomer-2026';

async function loginOneTime(page, name, password) {
	await page.goto('/');
	await page.locator('#login-name').fill(name);
	await page.locator('#login-password').fill(password);
	await page.locator('#login-submit').click();
	await page.locator('#pw-current').waitFor();
	await page.locator('#pw-current').fill(password);
	await page.locator('#pw-new').fill(newPassword(name));
	await page.locator('#pw-again').fill(newPassword(name));
	await page.locator('#pw-submit').click();
	await page.locator('#quick').waitFor();
}

// A station nobody has begun, for a claim that is discarded again.
async function emptyStation(page) {
	const list = await (await page.request.get('/api/stations')).json();
	const s = list.find((x) => x.status === 'empty' && x.claimable === 1);
	assert.ok(s, 'an empty station');
	return s.number;
}

test('the coordinator confirms an account made after data entry began; until then it cannot claim', { timeout: 120000 }, async () => {
	// Data entry begins (if no test began it before): a claim, discarded again.
	const t2 = await newPage(browser);
	await login(t2, 'invoerder2');
	const n = await emptyStation(t2);
	assert.equal((await apiPost(t2, `/api/stations/${n}/entries/1/claim`)).status, 200);
	assert.equal((await apiPost(t2, `/api/stations/${n}/entries/1/discard`)).status, 200);

	// The administrator makes a typist now; it logs in and chooses its password ...
	assert.equal((await apiPost(admin, '/api/accounts', { name: NAME, role: 'typist', password: FIRST })).status, 201);
	const late = await newPage(browser);
	await loginOneTime(late, NAME, FIRST);
	// ... but may not claim a station, and is told why in Dutch.
	const refused = await apiPost(late, `/api/stations/${n}/entries/1/claim`);
	assert.equal(refused.status, 403);
	assert.equal(refused.body.error.code, 'unconfirmed_account');
	assert.match(refused.body.error.message, /moet eerst door de coördinator worden bevestigd/);
	// The administrator cannot confirm it.
	assert.equal((await apiPost(admin, '/api/accounts/1/confirm')).status, 403);

	// The coordinator sees it on the accounts page and confirms it.
	const c = await newPage(browser);
	await login(c, 'coordinator');
	await c.locator('#nav a[href="#/accounts"]').click();
	const row = c.locator(`#account-changes tr[data-account="${NAME}"]`);
	await row.waitFor();
	assert.match(await c.locator('#confirm-state').innerText(), /wacht(en)? op uw bevestiging/);
	const text = await row.innerText();
	assert.match(text, /invoerder/);
	assert.match(text, /aangemaakt/);
	assert.match(text, /door beheerder/);
	assert.match(text, /Niet bevestigd/);
	await shot(c, 'coordinator-confirm-1-awaiting');
	await row.locator('[data-confirm]').click();   // the question is accepted (newPage)
	await c.locator('#confirm-note .msg-ok').waitFor();
	assert.match(await c.locator('#confirm-note').innerText(), new RegExp(`Account ${NAME} is bevestigd`));
	await row.locator('text=Bevestigd door coordinator').waitFor();
	assert.equal(await row.locator('[data-confirm]').count(), 0);
	await shot(c, 'coordinator-confirm-2-confirmed');

	// Now the typist claims the station (and gives it back).
	assert.equal((await apiPost(late, `/api/stations/${n}/entries/1/claim`)).status, 200);
	assert.equal((await apiPost(late, `/api/stations/${n}/entries/1/discard`)).status, 200);
	for (const p of [c, late, t2]) assert.deepEqual(p.errors.filter((e) => !/401|403|Unauthorized|Forbidden/.test(e)), []);
	await late.context().close();
	await t2.context().close();
	await c.context().close();
});

test('the coordinator sees a blocked login and lifts it; the right password works at once', { timeout: 60000 }, async () => {
	const p = await newPage(browser);
	const attempt = async (password) => {
		await p.goto('/');
		await p.locator('#login-name').fill(NAME);
		await p.locator('#login-password').fill(password);
		await p.locator('#login-submit').click();
		await p.locator('#quick, .form-msg .msg-error').first().waitFor();
		return (await p.locator('.form-msg .msg-error').count()) ? p.locator('.form-msg .msg-error').innerText() : 'in';
	};
	for (let i = 0; i < 5; i++) assert.match(await attempt('verkeerd-wachtwoord-' + i), /klopt niet/);
	assert.match(await attempt(newPassword(NAME)), /Te veel mislukte pogingen vanaf deze laptop\. Probeer het over \d+ seconden? opnieuw/);

	const c = await newPage(browser);
	await login(c, 'coordinator');
	await c.goto('/#/accounts');
	const row = c.locator(`#login-blocks tr[data-kind="pair"][data-account="${NAME}"]`);
	await row.waitFor();
	assert.match(await row.innerText(), new RegExp(`${NAME} vanaf 127\\.0\\.0\\.1`));
	await shot(c, 'coordinator-confirm-3-blocked');
	await row.locator('[data-lift]').click();
	await c.locator('#blocks-note .msg-ok').waitFor();
	assert.equal(await row.count(), 0);
	assert.equal(await attempt(newPassword(NAME)), 'in');
	await c.context().close();
	await p.context().close();
});
