// Every page fits a laptop screen 1024 px wide without sideways scrolling, for each role.
// Read-only: it only visits the pages (the typist's entry form on a station it claims and
// discards again).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, adminPassword, apiPost } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Elements reaching past the right edge, or a page wider than the window.
async function overflow(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll('body *')]
			.filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > w + 0.5
				&& !e.closest('[hidden]'))
			.map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + String(e.className).split(' ')[0]);
		return { scroll: document.documentElement.scrollWidth, width: w, wide: wide.slice(0, 6) };
	});
}

async function check(page, hash, ready, name) {
	await page.goto('/' + hash);
	await page.locator(ready).first().waitFor();
	await page.waitForTimeout(150);
	const o = await overflow(page);
	await shot(page, 'layout-1024-' + name);
	assert.ok(o.scroll <= 1024, name + ': page ' + o.scroll + ' px wide; too wide: ' + o.wide.join(', '));
	assert.deepEqual(o.wide, [], name);
}

test('at 1024 x 768 no page scrolls sideways: typist, coordinator, administrator', { timeout: 180000 }, async () => {
	const t = await newPage(browser);
	await t.setViewportSize({ width: 1024, height: 768 });
	await login(t, 'invoerder3');
	await check(t, '#/stations', '#quick', 'typist-stations');
	const station = 6;
	const claim = await apiPost(t, '/api/stations/' + station + '/entries/1/claim');
	assert.equal(claim.status, 200, JSON.stringify(claim.body));
	try {
		await check(t, '#/entry/' + station + '/1', '#f-voters-poll-cards', 'typist-entry');
		await t.locator('.sections button', { hasText: 'Lijst 1' }).first().click();
		await t.locator('#f-lists-0-candidates-0-').waitFor();
		const o = await overflow(t);
		assert.ok(o.scroll <= 1024, 'a list section: ' + o.wide.join(', '));
		await t.locator('.sections button', { hasText: 'Controleren' }).click();
		await t.locator('#finalise').waitFor();
		const r = await overflow(t);
		assert.ok(r.scroll <= 1024, 'the review: ' + r.wide.join(', '));
	} finally {
		await apiPost(t, '/api/stations/' + station + '/entries/1/discard');
	}

	const c = await newPage(browser);
	await c.setViewportSize({ width: 1024, height: 768 });
	await login(c, 'coordinator');
	for (const [hash, ready, name] of [
		['#/stations', '#needs-me h2', 'overview'],
		['#/station/1', '#station-status', 'station'],
		['#/totals', '#totals-count', 'totals'],
		['#/export', '#export-count', 'export'],
		['#/audit', '#main table, #main .msg', 'audit'],
		['#/zitting', '#main form, #main input', 'session'],
		['#/projector-links', '#main h1', 'projector-links'],
	]) await check(c, hash, ready, 'coordinator-' + name);

	const a = await newPage(browser);
	await a.setViewportSize({ width: 1024, height: 768 });
	await login(a, 'beheerder', adminPassword());
	for (const [hash, ready, name] of [
		['#/accounts', '#acc-name', 'accounts'],
		['#/sessions', '#main h1', 'laptops'],
		['#/costs', '#ledger', 'costs'],
		['#/audit', '#main table, #main .msg', 'audit'],
	]) await check(a, hash, ready, 'admin-' + name);
	// (404: the Uitslag page asks for the last export, and there is none yet)
	assert.deepEqual([...t.errors, ...c.errors, ...a.errors].filter((e) => !/401|404|Unauthorized|Not Found/.test(e)), []);
});
