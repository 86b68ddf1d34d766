/*
 * Teller's pages: one single-page app; views are addressed by the URL fragment
 * (#/stations, #/entry/3/1, #/station/3, #/totals, #/export, #/zetels, #/zitting,
 * #/projector-links, #/accounts, #/audit?station=3, #/sessions, #/costs; and
 * #/projector/<token>, the projector screen, without a login). This is the
 * entry point (index.html loads it as a module): the router, the page frame,
 * logging in and out.
 */
import { h, add, $, msg, banner, S, app, ROLE, HOME } from './core.js';
import { api, ApiError, safe, loadAfterLogin } from './api.js';
import { viewLogin, viewPassword } from './view-login.js';
import { viewTypistStations } from './view-typist.js';
import { viewEntry } from './view-entry.js';
import { viewOverview } from './view-overview.js';
import { viewStation } from './view-station.js';
import { viewTotals } from './view-totals.js';
import { viewExport } from './view-export.js';
import { viewResult } from './view-result.js';
import { viewAccounts } from './view-accounts.js';
import { viewSessions } from './view-laptops.js';
import { viewCosts } from './view-costs.js';
import { viewAudit } from './view-audit.js';
import { viewSession } from './view-session.js';
import { viewProjectorLinks } from './view-projector-links.js';
import { viewConfirm } from './view-confirm.js';
import { viewProjector } from './view-projector.js';

/* ------------------------------------------------------------------ */
/* Router and page frame                                              */
/* ------------------------------------------------------------------ */

const NAV = {
	typist: [['#/stations', 'Stembureaus']],
	coordinator: [['#/stations', 'Overzicht'], ['#/totals', 'Totalen'], ['#/export', 'Uitslag'], ['#/zetels', 'Zetelverdeling'], ['#/zitting', 'Zitting'],
		['#/projector-links', 'Projector'], ['#/accounts', 'Accounts'], ['#/audit', 'Logboek']],
	administrator: [['#/accounts', 'Accounts'], ['#/sessions', 'Verbonden laptops'], ['#/costs', 'Uren en kosten'], ['#/audit', 'Logboek']],
};

function frame() {
	const nav = $('#nav');
	const who = $('#who');
	nav.replaceChildren();
	who.replaceChildren();
	$('#election').textContent = S.me && S.election ? S.election.election.name : '';
	if (!S.me) return;
	let here = location.hash.split('?')[0].split('/').slice(0, 2).join('/');
	if (here === '#/station' || here === '#/entry') here = '#/stations';
	if (!S.me.must_change_password) {
		for (const [href, label] of NAV[S.me.role] || []) {
			nav.append(h('a', { href, class: here === href ? 'active' : null, 'aria-current': here === href ? 'page' : null }, label));
		}
	}
	add(who,
		h('span', { class: 'who-name', text: S.me.user }),
		h('span', { class: 'who-role', text: ROLE[S.me.role] || S.me.role }),
		S.me.must_change_password ? null : h('a', { href: '#/password', class: 'who-link' }, 'Wachtwoord'),
		h('button', { type: 'button', class: 'btn btn-small', onclick: safe(logout) }, 'Uitloggen'));
}

function route() {
	for (const f of S.cleanup.splice(0)) {
		try { f(); } catch (e) { console.error(e); }
	}
	const token = ++S.view;
	const main = $('#main');
	main.replaceChildren();
	frame();
	const parts = location.hash.replace(/^#\/?/, '').split('?')[0].split('/');
	let p;
	// The projector screen needs no login (its link's token is its key).
	if (parts[0] === 'projector' && parts.length === 2) p = viewProjector(token, parts[1]);
	else if (!S.me) p = viewLogin(token);
	else if (S.me.must_change_password || parts[0] === 'password') p = viewPassword(token);
	else {
		const views = {
			typist: { stations: viewTypistStations, entry: viewEntry },
			coordinator: { stations: viewOverview, station: viewStation, totals: viewTotals, export: viewExport, zetels: viewResult,
				zitting: viewSession, 'projector-links': viewProjectorLinks, accounts: viewConfirm, audit: viewAudit },
			administrator: { accounts: viewAccounts, sessions: viewSessions, costs: viewCosts, audit: viewAudit },
		}[S.me.role] || {};
		const v = views[parts[0]];
		if (!v) {
			location.replace(HOME[S.me.role] || '#/');
			return;
		}
		p = v(token, ...parts.slice(1));
	}
	Promise.resolve(p).catch((e) => {
		if (token !== S.view || e.handled) return;
		if (!(e instanceof ApiError)) console.error(e);
		add(main, msg(e instanceof ApiError ? e.message : 'Deze pagina kon niet worden getoond.', 'error'));
	});
}

/* ------------------------------------------------------------------ */
/* Logging in and out                                                 */
/* ------------------------------------------------------------------ */

async function afterLogin(me) {
	S.me = me;
	S.election = null;
	banner('');
	if (!me.must_change_password) await loadAfterLogin();
	const back = S.returnTo;
	S.returnTo = '';
	if (!me.must_change_password && back && back !== location.hash) location.hash = back;
	else route();
}

async function logout() {
	try {
		await api('POST', '/api/logout', {});
	} catch (e) {
		/* logged out anyway */
	}
	S.me = null;
	S.election = null;
	S.returnTo = '';
	S.flash = { text: 'U bent uitgelogd.', kind: 'info' };
	if (location.hash) location.hash = '';
	else route();
}

/* ------------------------------------------------------------------ */
/* Start                                                              */
/* ------------------------------------------------------------------ */

/* The header (with the banner) wraps on a narrow screen: sticky table headers and side
 * columns sit below it, at its real height (--bar-h; CSSOM, allowed by the CSP). */
function watchBar() {
	const bar = document.querySelector('.bar');
	if (!bar || typeof ResizeObserver === 'undefined') return;
	new ResizeObserver(() => {
		document.documentElement.style.setProperty('--bar-h', bar.offsetHeight + 'px');
	}).observe(bar);
}

async function start() {
	watchBar();
	window.addEventListener('hashchange', route);
	try {
		S.me = await api('GET', '/api/me');
		if (!S.me.must_change_password) await loadAfterLogin();
	} catch (e) {
		S.me = null;
		if (e.status === 0) S.flash = { text: e.message, kind: 'error' };
	}
	route();
}

app.route = route;
app.afterLogin = afterLogin;
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
