// The coordinator's pages on the audit log, the committee's session and the projector:
// the log filtered by station (from the station's page, with the keyboard too) and its
// chain shown; the session's details saved, shown again after a reload, a bad time refused
// with the server's message; a projector link made, opened in a fresh context without any
// cookie (progress, no typist's name, the token in no URL), revoked -> the screen says so
// within one poll and stops. Each page fits 1024 px wide. Uses station 2 (reset afterwards),
// puts the session back as it was, and revokes its links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, login, shot, apiPost, apiPut, adminPassword, newPassword, demoPassword } from './helpers.mjs';

// Logs in with the changed password first: the files before this one have changed it, and a
// failed login counts towards the server's limit (20 from one address in 15 minutes), which
// the files after this one would run into. Alone, this file falls back to the first password.
async function signIn(page, name, first = demoPassword(name)) {
	try {
		await login(page, name, newPassword(name));
	} catch (e) {
		await login(page, name, first);
	}
}

let browser;
let c;       // the coordinator
let t1;      // a typist
let sessionBefore = null;
const links = [];

before(async () => {
	browser = await launch();
	t1 = await newPage(browser);
	await signIn(t1, 'invoerder1');
	c = await newPage(browser);
	await signIn(c, 'coordinator');
	sessionBefore = await (await c.request.get('/api/committee-session')).json();
});
after(async () => {
	if (c) {
		await apiPost(c, '/api/stations/2/reset');
		if (sessionBefore) {
			const { number: _n, updated_at: _u, ...body } = sessionBefore;
			await apiPut(c, '/api/committee-session', body);
		}
		for (const id of links) await apiPost(c, '/api/projector-links/' + id + '/revoke');
	}
	await browser?.close();
});

// At 1024 px wide the page needs no sideways scrolling.
async function fits1024(page, name) {
	const was = page.viewportSize();
	await page.setViewportSize({ width: 1024, height: 768 });
	await shot(page, name + '-1024');
	const sw = await page.evaluate(() => document.documentElement.scrollWidth);
	const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
		.filter((e) => e.getBoundingClientRect().right > 1024.5)
		.map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8));
	assert.ok(sw <= 1024, name + ': scrollWidth ' + sw + ' ' + JSON.stringify(wide));
	await page.setViewportSize(was);
}

const noErrors = (...pages) => assert.deepEqual(pages.flatMap((p) => p.errors).filter((e) => !/401|Unauthorized|status of (400|422)/.test(e)), []);

test('the audit log: filtered by station from the station page and with the keyboard, the chain shown', { timeout: 120000 }, async () => {
	// A station action to find: the typist claims station 2.
	assert.equal((await apiPost(t1, '/api/stations/2/entries/1/claim')).status, 200);
	// More than one page of records (100 a page): the session saved again as it is (audited each time).
	const count = (await (await c.request.get('/api/audit?limit=1000')).json()).records.length;
	const { number: _n, updated_at: _u, ...same } = sessionBefore;
	for (let i = count; i < 130; i++) assert.equal((await apiPut(c, '/api/committee-session', same)).status, 200);

	await c.goto('/#/station/2');
	await c.locator('#station-audit').click();
	await c.waitForURL(/#\/audit\?station=2$/);
	await c.locator('#audit-chain .msg-ok').waitFor();
	assert.equal(await c.locator('#audit-chain').innerText(), 'Het logboek is ongeschonden: elke regel sluit aan op de vorige.');
	assert.equal(await c.locator('#nav a.active').innerText(), 'Logboek');
	assert.equal(await c.locator('#audit-station').inputValue(), '2');
	const stations = await c.locator('table.audit tbody tr td:nth-child(5)').allInnerTexts();
	assert.ok(stations.length >= 1 && stations.every((s) => s === '2'), JSON.stringify(stations));
	const claim = c.locator('table.audit tbody tr', { hasText: 'claim_entry_1' }).first();
	assert.match(await claim.innerText(), /invoerder1/);
	assert.match(await claim.innerText(), /station 2/);
	await shot(c, 'audit-station-2');
	await fits1024(c, 'audit-station-2');

	// The whole log: newest first, more on request.
	await c.locator('#audit-clear').click();
	await c.waitForURL(/#\/audit$/);
	// The filtered view's rows and message are still there until the whole log is drawn.
	await c.waitForFunction(() => document.querySelectorAll('table.audit tbody tr').length === 100);
	await c.locator('#audit-chain .msg-ok').waitFor();
	const ids = async () => (await c.locator('table.audit tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.dataset.id))));
	const page1 = await ids();
	assert.equal(page1.length, 100);
	assert.deepEqual(page1, [...page1].sort((a, b) => b - a), 'newest first');
	await c.locator('#audit-more').click();
	await c.waitForFunction(() => document.querySelectorAll('table.audit tbody tr').length > 100);
	const both = await ids();
	assert.deepEqual(both.slice(0, 100), page1);
	assert.ok(both[100] < page1[99], 'the next page goes on where the first ended');
	assert.equal(await c.evaluate(() => document.activeElement.dataset.id), String(both[100]), 'focus on the first new line');
	await fits1024(c, 'audit-all');

	// With the keyboard only: station 2, then person and action together.
	await c.locator('#audit-station').focus();
	await c.keyboard.type('2');
	await c.keyboard.press('Enter');
	await c.waitForURL(/#\/audit\?station=2$/);
	await c.locator('#audit-summary:focus').waitFor();
	await c.locator('#audit-station').fill('');
	await c.locator('#audit-actor').focus();
	await c.keyboard.type('INVOERDER1');
	await c.keyboard.press('Tab');
	await c.locator('#audit-action:focus').waitFor();
	await c.locator('#audit-action').selectOption('claim_entry_1');
	await c.keyboard.press('Tab');
	await c.keyboard.press('Enter');
	await c.waitForURL(/#\/audit\?actor=INVOERDER1&action=claim_entry_1$/);
	await c.locator('#audit-chain .msg-ok').waitFor();
	// The chain's message may still be the previous page's: wait for the filtered rows themselves.
	await c.waitForFunction(() => {
		const r = [...document.querySelectorAll('table.audit tbody tr')].map((t) => t.innerText);
		return r.length >= 1 && r.every((t) => /invoerder1/.test(t) && /claim_entry_1/.test(t));
	}, null, { timeout: 10000 }).catch(() => {});
	const rows = await c.locator('table.audit tbody tr').allInnerTexts();
	assert.ok(rows.length >= 1 && rows.every((r) => /invoerder1/.test(r) && /claim_entry_1/.test(r)), JSON.stringify(rows));
	// A station that is no number: the server's message at the form.
	await c.goto('/#/audit?station=twee');
	await c.locator('#main .msg-error').waitFor();
	assert.match(await c.locator('#main .msg-error').innerText(), /[a-z]/);
	noErrors(c, t1);
});

test('a broken chain is a red warning naming the first record that does not follow', { timeout: 60000 }, async () => {
	// The server's answer for a log altered behind Teller's back (tests/http/audit.test.mjs makes
	// one for real; the shared demo database must stay intact for the files after this one).
	const fake = async (route) => {
		const res = await route.fetch();
		const body = await res.json();
		body.chain_intact = false;
		body.chain_broken_at = body.records[2].id;
		await route.fulfill({ response: res, json: body });
	};
	await c.route(/\/api\/audit\?/, fake);
	try {
		await c.goto('/#/stations'); // from anywhere, also from #/audit itself: a fresh load of the log
		await c.locator('#needs-me').waitFor();
		await c.goto('/#/audit');
		await c.locator('#audit-chain .msg-error').waitFor();
		const broken = await c.locator('table.audit tbody tr').nth(2).getAttribute('data-id');
		assert.match(await c.locator('#audit-chain').innerText(), new RegExp('De eerste regel die niet aansluit is nr\\. ' + broken + '\\.'));
		assert.equal(await c.locator('table.audit tbody tr.audit-broken').getAttribute('data-id'), broken);
		await shot(c, 'audit-broken');
	} finally {
		await c.unroute(/\/api\/audit\?/, fake);
	}
});

test('the administrator reads the log too, filtered by action', { timeout: 60000 }, async () => {
	const a = await newPage(browser);
	await signIn(a, 'beheerder', adminPassword());
	await a.locator('#nav a[href="#/audit"]').click();
	await a.locator('#audit-chain .msg-ok').waitFor();
	await a.locator('#audit-action').selectOption('login');
	await a.locator('#audit-apply').click();
	await a.waitForURL(/#\/audit\?action=login$/);
	await a.locator('#audit-summary:focus').waitFor();
	const actions = await a.locator('table.audit tbody tr td:nth-child(4)').allInnerTexts();
	assert.ok(actions.length >= 2 && actions.every((x) => x === 'login'), JSON.stringify(actions));
	await fits1024(a, 'audit-admin');
	noErrors(a);
	await a.context().close();
});

test('the session on the PV: saved, shown again after a reload; a bad time refused with its message', { timeout: 60000 }, async () => {
	await c.goto('/#/zitting');
	await c.locator('#cs-form').waitFor();
	assert.equal(await c.locator('#nav a.active').innerText(), 'Zitting');
	assert.match(await c.locator('#main').innerText(), /begin van het proces-verbaal/);
	await c.locator('#cs-place').fill('Gemeentehuis Juinen, raadzaal');
	await c.locator('#cs-date').fill('2026-03-18');
	await c.locator('#cs-start').fill('21:00');
	await c.locator('#cs-end').fill('2345');  // tidied to 23:45
	await c.locator('#cs-members').fill('J. de Vries, voorzitter\n\nA. Bakker, lid\n  É. Özdemir, plaatsvervangend lid  \n');
	assert.match(await c.locator('#cs-state').innerText(), /nog niet zijn opgeslagen/);
	await c.locator('#cs-save').click();
	await c.locator('#cs-note .msg-ok').waitFor();
	const stored = await (await c.request.get('/api/committee-session')).json();
	assert.equal(stored.end_time, '23:45');
	assert.deepEqual(stored.members, ['J. de Vries, voorzitter', 'A. Bakker, lid', 'É. Özdemir, plaatsvervangend lid']);

	await c.reload();
	await c.locator('#cs-form').waitFor();
	assert.equal(await c.locator('#cs-place').inputValue(), 'Gemeentehuis Juinen, raadzaal');
	assert.equal(await c.locator('#cs-date').inputValue(), '2026-03-18');
	assert.equal(await c.locator('#cs-start').inputValue(), '21:00');
	assert.equal(await c.locator('#cs-end').inputValue(), '23:45');
	assert.equal(await c.locator('#cs-members').inputValue(), 'J. de Vries, voorzitter\nA. Bakker, lid\nÉ. Özdemir, plaatsvervangend lid');
	assert.match(await c.locator('#cs-state').innerText(), /^Opgeslagen op /);
	assert.match(await c.locator('#cs-count').innerText(), /^3 leden/);
	await shot(c, 'session-saved');

	// A time that does not exist: the server's Dutch message next to the form, nothing stored.
	await c.locator('#cs-start').fill('25:00');
	await c.locator('#cs-save').click();
	await c.locator('#cs-note .msg-error').waitFor();
	assert.match(await c.locator('#cs-note').innerText(), /Niet opgeslagen: Een tijd is UU:MM/);
	assert.equal(await c.locator('#cs-start').getAttribute('aria-invalid'), 'true');
	assert.equal(await c.evaluate(() => document.activeElement.id), 'cs-start');
	assert.equal(await c.locator('#cs-end').getAttribute('aria-invalid'), null);
	assert.match(await c.locator('#cs-state').innerText(), /nog niet zijn opgeslagen/);
	await shot(c, 'session-bad-time');
	await fits1024(c, 'session');
	assert.equal((await (await c.request.get('/api/committee-session')).json()).start_time, '21:00');
	await c.reload();
	await c.locator('#cs-form').waitFor();
	assert.equal(await c.locator('#cs-start').inputValue(), '21:00');
	noErrors(c);
});

test('the projector: a link made and shown once, opened without cookies, revoked -> the screen stops', { timeout: 120000 }, async () => {
	await c.goto('/#/projector-links');
	await c.locator('#proj-create').click();
	await c.locator('#proj-url').waitFor();
	const url = await c.locator('#proj-url').inputValue();
	const m = new RegExp('^' + BASE.replace(/[.]/g, '\\.') + '/#/projector/([0-9a-f]{64})$').exec(url);
	assert.ok(m, url);
	const token = m[1];
	assert.match(await c.locator('#proj-once').innerText(), /maar één keer getoond/);
	const id = Number(await c.locator('table.proj-links tbody tr').first().getAttribute('data-id'));
	links.push(id);
	assert.match(await c.locator(`table.proj-links tr[data-id="${id}"]`).innerText(), /coordinator[\s\S]*Werkt/);
	assert.ok(!(await c.locator('table.proj-links').innerText()).includes(token), 'no token in the list');
	await shot(c, 'projector-links');
	await fits1024(c, 'projector-links');
	// Shown once: after a reload the address is gone.
	await c.reload();
	await c.locator(`table.proj-links tr[data-id="${id}"]`).waitFor();
	assert.equal(await c.locator('#proj-url').count(), 0);

	// The screen: a fresh context, no cookies, no login.
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const screen = await ctx.newPage();
	screen.errors = [];
	screen.on('pageerror', (e) => screen.errors.push(String(e)));
	const asked = [];
	screen.on('request', (r) => {
		if (r.url().includes('/api/')) asked.push({ url: r.url(), token: r.headers()['x-projector-token'] || '', cookie: r.headers().cookie || '' });
	});
	await screen.goto(url);
	await screen.locator('#proj-grid .proj-cell').first().waitFor();
	assert.equal(await screen.locator('#proj-progress').innerText(), '0 van 8 stembureaus definitief (0%)');
	assert.equal(await screen.locator('#proj-grid .proj-cell').count(), 8);
	assert.match(await screen.locator('#proj-grid .proj-cell[data-number="2"]').getAttribute('class'), /st-first_in_progress/);
	assert.match(await screen.locator('#proj-counts').innerText(), /1e invoer bezig\s*1/);
	assert.match(await screen.locator('#proj-counts').innerText(), /Niet begonnen\s*7/);
	const text = await screen.locator('body').innerText();
	assert.ok(!/invoerder/i.test(text), text);
	assert.equal(await screen.locator('#top').isVisible(), false, 'no menu on the screen');
	assert.deepEqual(await ctx.cookies(), []);
	const polls = asked.filter((a) => a.url.endsWith('/api/projector'));
	assert.ok(polls.length >= 1);
	assert.ok(polls.every((a) => a.token === token && a.cookie === ''), 'the token only in its header, no cookie');
	assert.ok(asked.every((a) => !a.url.includes(token)), 'the token in no URL the server sees');
	const high = await screen.evaluate(() => document.documentElement.scrollHeight);
	assert.ok(high <= 768, 'the screen fits 768 px high: ' + high);
	await shot(screen, 'projector-screen');
	await fits1024(screen, 'projector-screen');

	// Revoked on the coordinator's page: the screen says so within one poll, then asks no more.
	await c.locator(`button[data-revoke="${id}"]`).click();
	await c.locator(`table.proj-links tr[data-id="${id}"] .pill-off`).waitFor();
	assert.match(await c.locator('#proj-note').innerText(), /ingetrokken/);
	await screen.locator('#proj-stopped').waitFor({ timeout: 15000 });
	assert.equal(await screen.locator('#proj-stopped h1').innerText(), 'Deze link is ingetrokken');
	assert.equal(await screen.locator('#proj-grid').count(), 0);
	await shot(screen, 'projector-revoked');
	const n = asked.length;
	await screen.waitForTimeout(10500);
	assert.equal(asked.length, n, 'no more polling after the 401');
	assert.deepEqual(screen.errors, []);
	await ctx.close();
	noErrors(c);
});

test('the projector screen shows 500 stations readably on 1366x768', { timeout: 60000 }, async () => {
	// The server's answer for a big municipality, made up here (the demo has 8 stations).
	const states = ['definitive', 'definitive', 'first_done', 'first_in_progress', 'empty', 'second_in_progress', 'different', 'first_has_errors'];
	const stations = Array.from({ length: 500 }, (_, i) => ({ number: i + 1, name: 'Stembureau ' + (i + 1), status: states[(i * 7) % 8] }));
	const by = {};
	for (const s of stations) by[s.status] = (by[s.status] || 0) + 1;
	const body = JSON.stringify({ election: 'Gemeenteraad Grootstad 2026', stations_total: 500, stations_definitive: by.definitive,
		by_status: by, stations, updated: '2026-03-18T21:05:00Z' });
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const screen = await ctx.newPage();
	await screen.route('**/api/projector', (r) => r.fulfill({ status: 200, contentType: 'application/json', body }));
	await screen.goto(BASE + '/#/projector/' + 'ab'.repeat(32));
	await screen.locator('#proj-grid .proj-cell').nth(499).waitFor();
	assert.equal(await screen.locator('#proj-progress').innerText(), by.definitive + ' van 500 stembureaus definitief (' + Math.floor(by.definitive / 5) + '%)');
	const look = await screen.evaluate(() => {
		const cells = [...document.querySelectorAll('#proj-grid .proj-cell')];
		const last = cells[cells.length - 1].getBoundingClientRect();
		return { bottom: last.bottom, right: last.right, font: parseFloat(getComputedStyle(cells[0]).fontSize),
			clipped: cells.filter((c) => c.scrollWidth > c.clientWidth).length, sw: document.documentElement.scrollWidth,
			sh: document.documentElement.scrollHeight };
	});
	assert.ok(look.bottom <= 768 && look.right <= 1366 && look.sh <= 768 && look.sw <= 1366, JSON.stringify(look));
	assert.ok(look.font >= 14, 'numbers big enough to read from the room: ' + JSON.stringify(look));
	assert.equal(look.clipped, 0, 'no number cut off');
	await shot(screen, 'projector-500');
	await ctx.close();
});
