'use strict';
/*
 * Teller's pages: one single-page app; views are addressed by the URL fragment
 * (#/stations, #/entry/3/1, #/station/3, #/totals, #/export, #/accounts,
 * #/sessions, #/costs).
 * Plain DOM, no framework, no build step. Everything that comes from the
 * server is put into the page with textContent, never as HTML.
 */
(function () {

/* ------------------------------------------------------------------ */
/* Labels                                                              */
/* ------------------------------------------------------------------ */

const ROLE = { typist: 'invoerder', coordinator: 'coördinator', administrator: 'beheerder' };
const STATUS = {
	empty: 'Niet begonnen',
	first_in_progress: '1e invoer bezig',
	first_done: '1e invoer klaar',
	first_has_errors: '1e invoer met fouten',
	second_in_progress: '2e invoer bezig',
	different: 'Verschil',
	definitive: 'Definitief',
};
const STATES = Object.keys(STATUS);
const ENTRY_NAME = { 1: 'Eerste invoer', 2: 'Tweede invoer' };

/* The count form's letters (domain.md §3): [letter, JSON name, label]. */
const VOTER_FIELDS = [
	['A', 'poll_cards', 'Stempassen'],
	['B', 'proxy_certificates', 'Volmachtbewijzen'],
	['C', 'voter_cards', 'Kiezerspassen'],
	['D', 'admitted_voters', 'Totaal toegelaten kiezers'],
];
const VOTE_FIELDS = [
	['E', 'valid_votes', 'Stemmen op kandidaten'],
	['F', 'blank_votes', 'Blanco'],
	['G', 'invalid_votes', 'Ongeldig'],
	['H', 'votes_cast', 'Totaal uitgebrachte stemmen'],
];
const DIFF_FIELDS = [
	['I', 'more_ballots_counted', 'Meer getelde stembiljetten'],
	['J', 'fewer_ballots_counted', 'Minder getelde stembiljetten'],
	['K', 'taken_home', 'Meegenomen'],
	['L', 'too_few_issued', 'Te weinig uitgereikt'],
	['M', 'too_many_issued', 'Te veel uitgereikt'],
	['N', 'no_explanation', 'Geen verklaring'],
	['O', 'other_explanation', 'Andere verklaring'],
];

const RESOLVE = {
	keep_first_correct_second: 'Eerste invoer behouden, tweede typist corrigeert de verschillen',
	keep_second_correct_first: 'Tweede invoer behouden, eerste typist corrigeert de verschillen',
	keep_first: 'Eerste invoer behouden, tweede invoer verwijderen',
	keep_second: 'Tweede invoer behouden, eerste invoer verwijderen',
	discard_both: 'Beide invoeren verwijderen (opnieuw beginnen)',
	return_to_typist: 'Terugsturen naar de typist om te corrigeren',
	discard_first: 'Eerste invoer verwijderen (opnieuw beginnen)',
	reset: 'Stembureau terugzetten',
};
const RESOLVE_CONFIRM = {
	keep_first: 'De tweede invoer wordt verwijderd; een andere typist voert het stembureau opnieuw in als tweede invoer.',
	keep_second: 'De eerste invoer wordt verwijderd; de tweede invoer wordt de eerste en een andere typist voert opnieuw in.',
	discard_both: 'Beide invoeren worden verwijderd en het stembureau begint opnieuw.',
	keep_first_correct_second: 'De verschillende velden worden leeggemaakt in de tweede invoer; de tweede typist voert alleen die opnieuw in.',
	keep_second_correct_first: 'De verschillende velden worden leeggemaakt in de eerste invoer; de eerste typist voert alleen die opnieuw in.',
	return_to_typist: 'De eerste invoer gaat terug naar dezelfde typist om de fouten te corrigeren.',
	discard_first: 'De eerste invoer wordt verwijderd en het stembureau begint opnieuw.',
	reset: 'Alle invoer van dit stembureau wordt verwijderd en het stembureau begint opnieuw bij "Niet begonnen".',
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* h('tag', {class, text, onclick, attr...}, children...): builds an element. */
function h(tag, props, ...kids) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(props || {})) {
		if (v === null || v === undefined || v === false) continue;
		if (k === 'class') el.className = v;
		else if (k === 'text') el.textContent = v;
		else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
		else el.setAttribute(k, v === true ? '' : String(v));
	}
	for (const kid of kids.flat(Infinity)) {
		if (kid === null || kid === undefined || kid === false) continue;
		el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
	}
	return el;
}

/* Appends children, skipping null/false and flattening arrays (DOM append would print "null"). */
function add(el, ...kids) {
	el.append(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
	return el;
}
function setKids(el, ...kids) {
	el.replaceChildren();
	return add(el, ...kids);
}

const $ = (sel, root) => (root || document).querySelector(sel);

function fmtNum(v) {
	return Number.isInteger(v) ? v.toLocaleString('nl-NL') : '–';
}

function fmtTime(v) {
	if (v === null || v === undefined || v === '') return '–';
	const d = typeof v === 'number' ? new Date(v < 1e12 ? v * 1000 : v) : new Date(v);
	if (isNaN(d.getTime())) return String(v);
	return d.toLocaleString('nl-NL', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function clock() {
	return new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
}

/* Paths as the server writes them: "votes.list_totals[0]", "lists[1].candidates[4]". */
function parsePath(p) {
	return (p.match(/[^.[\]]+/g) || []).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
function getAt(obj, p) {
	let o = obj;
	for (const k of parsePath(p)) {
		if (o === null || o === undefined) return undefined;
		o = o[k];
	}
	return o;
}
function setAt(obj, p, v) {
	const ks = parsePath(p);
	let o = obj;
	for (let i = 0; i < ks.length - 1; i++) o = o[ks[i]];
	o[ks[ks.length - 1]] = v;
}
const domId = (p) => 'f-' + p.replace(/[^a-z0-9]+/gi, '-');

/* ------------------------------------------------------------------ */
/* State and the server                                                */
/* ------------------------------------------------------------------ */

const S = {
	me: null,          // {user, role, csrf_token, must_change_password}
	election: null,    // GET /api/election
	view: 0,           // increases with every render: async work of an old view stops
	cleanup: [],       // functions run when the view changes
	flash: null,       // {text, kind}: message for the next view
	returnTo: '',      // the fragment to go back to after logging in again
};

class ApiError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
		this.handled = false;
	}
}

const HTTP_MESSAGE = {
	0: 'Geen verbinding met de server. Controleer de netwerkkabel en probeer het opnieuw.',
	403: 'Dit mag u niet doen.',
	404: 'Niet gevonden.',
	409: 'Dat kan nu niet: de toestand is intussen veranderd.',
	413: 'Het verzoek is te groot.',
	500: 'Er ging iets mis op de server. Probeer het opnieuw of waarschuw de ICT-ondersteuning.',
};

async function api(method, path, body) {
	const opts = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' };
	if (method !== 'GET') {
		opts.headers['Content-Type'] = 'application/json';
		if (S.me && S.me.csrf_token) opts.headers['X-CSRF-Token'] = S.me.csrf_token;
		opts.body = JSON.stringify(body === undefined ? {} : body);
	}
	let res;
	try {
		res = await fetch(path, opts);
	} catch (e) {
		throw new ApiError(0, 'network', HTTP_MESSAGE[0]);
	}
	let data = null;
	try {
		const text = await res.text();
		data = text ? JSON.parse(text) : null;
	} catch (e) {
		data = null;
	}
	if (res.ok) return data;
	const err = (data && data.error) || {};
	const e = new ApiError(res.status, err.code || 'http_' + res.status,
		err.message || HTTP_MESSAGE[res.status] || HTTP_MESSAGE[500]);
	e.retryAfter = res.headers.get('Retry-After');
	if (res.status === 401 && path !== '/api/login' && path !== '/api/me') {
		sessionExpired();
		e.handled = true;
	} else if (res.status === 403 && e.code === 'password_change_required' && S.me) {
		S.me.must_change_password = true;
		e.handled = true;
		route();
	}
	throw e;
}

function sessionExpired() {
	if (!S.me) return;
	S.me = null;
	S.returnTo = location.hash;
	S.flash = { text: 'Uw sessie is verlopen. Log opnieuw in; wat u hebt ingevoerd is bewaard.', kind: 'warn' };
	route();
}

/* Shows an error of a user action in the banner (unless already dealt with). */
function showError(e) {
	if (e && e.handled) return;
	if (!(e instanceof ApiError)) console.error(e);
	banner(e instanceof ApiError ? e.message : 'Er ging iets mis in deze pagina. Laad de pagina opnieuw (F5).', 'error');
}

/* Wraps an event handler: errors end up in the banner. */
function safe(fn) {
	return function (ev) {
		Promise.resolve().then(() => fn.call(this, ev)).catch(showError);
	};
}

function banner(text, kind) {
	const b = $('#banner');
	b.replaceChildren();
	if (!text) {
		b.hidden = true;
		return;
	}
	b.className = 'banner banner-' + (kind || 'info');
	b.append(h('span', { text }), h('button', { type: 'button', class: 'link', onclick: () => banner('') }, 'Sluiten'));
	b.hidden = false;
}

/* A message inside a view. */
function msg(text, kind) {
	return h('p', { class: 'msg msg-' + (kind || 'info'), role: kind === 'error' ? 'alert' : 'status', text });
}

function takeFlash() {
	const f = S.flash;
	S.flash = null;
	return f ? msg(f.text, f.kind) : null;
}

function every(ms, fn) {
	const t = setInterval(fn, ms);
	S.cleanup.push(() => clearInterval(t));
}

/* ------------------------------------------------------------------ */
/* Router and page frame                                               */
/* ------------------------------------------------------------------ */

const HOME = { typist: '#/stations', coordinator: '#/stations', administrator: '#/accounts' };
const NAV = {
	typist: [['#/stations', 'Stembureaus']],
	coordinator: [['#/stations', 'Overzicht'], ['#/totals', 'Totalen'], ['#/export', 'Uitslag']],
	administrator: [['#/accounts', 'Accounts'], ['#/sessions', 'Verbonden laptops'], ['#/costs', 'Uren en kosten']],
};

function frame() {
	const nav = $('#nav');
	const who = $('#who');
	nav.replaceChildren();
	who.replaceChildren();
	$('#election').textContent = S.me && S.election ? S.election.election.name : '';
	if (!S.me) return;
	let here = location.hash.split('/').slice(0, 2).join('/');
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
	const parts = location.hash.replace(/^#\/?/, '').split('/');
	let p;
	if (!S.me) p = viewLogin(token);
	else if (S.me.must_change_password || parts[0] === 'password') p = viewPassword(token);
	else {
		const views = {
			typist: { stations: viewTypistStations, entry: viewEntry },
			coordinator: { stations: viewOverview, station: viewStation, totals: viewTotals, export: viewExport },
			administrator: { accounts: viewAccounts, sessions: viewSessions, costs: viewCosts },
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

const alive = (token) => token === S.view;

async function loadElection() {
	if (S.election) return S.election;
	try {
		S.election = await api('GET', '/api/election');
	} catch (e) {
		if (e.handled) throw e;
		S.election = null;
	}
	return S.election;
}

async function afterLogin(me) {
	S.me = me;
	S.election = null;
	banner('');
	if (!me.must_change_password) await loadElection();
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
/* Login and password                                                  */
/* ------------------------------------------------------------------ */

function viewLogin() {
	const main = $('#main');
	const note = h('div', { class: 'form-msg' });
	const name = h('input', { id: 'login-name', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
	const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
	const form = h('form', { class: 'card narrow', novalidate: true },
		h('h1', {}, 'Inloggen'),
		takeFlash(),
		h('label', { for: 'login-name' }, 'Naam'), name,
		h('label', { for: 'login-password' }, 'Wachtwoord'), pass,
		note,
		h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', id: 'login-submit' }, 'Inloggen')));
	form.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		if (!name.value.trim() || !pass.value) {
			note.append(msg('Vul uw naam en wachtwoord in.', 'error'));
			return;
		}
		const btn = $('#login-submit');
		btn.disabled = true;
		try {
			const me = await api('POST', '/api/login', { username: name.value.trim(), password: pass.value });
			await afterLogin(me);
		} catch (e) {
			btn.disabled = false;
			let text = e.message;
			if (e.code === 'bad_credentials') text = 'Naam of wachtwoord klopt niet.';
			else if (e.code === 'too_many_attempts') {
				const min = Math.max(1, Math.ceil(Number(e.retryAfter || 900) / 60));
				text = 'Te veel mislukte pogingen. Probeer het over ' + min + ' minuten opnieuw.';
			}
			note.append(msg(text, 'error'));
			pass.value = '';
			pass.focus();
		}
	}));
	add(main, form);
	name.focus();
}

function viewPassword() {
	const main = $('#main');
	const forced = S.me.must_change_password;
	const note = h('div', { class: 'form-msg' });
	const cur = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password' });
	const nw = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', minlength: 12 });
	const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', minlength: 12 });
	const form = h('form', { class: 'card narrow', novalidate: true },
		h('h1', {}, 'Wachtwoord wijzigen'),
		forced ? msg('U logt voor het eerst in met een eenmalig wachtwoord. Kies nu uw eigen wachtwoord van minstens 12 tekens.', 'info') : null,
		h('label', { for: 'pw-current' }, forced ? 'Eenmalig wachtwoord' : 'Huidig wachtwoord'), cur,
		h('label', { for: 'pw-new' }, 'Nieuw wachtwoord (minstens 12 tekens)'), nw,
		h('label', { for: 'pw-again' }, 'Nieuw wachtwoord nogmaals'), again,
		note,
		h('div', { class: 'actions' },
			h('button', { class: 'btn btn-primary', type: 'submit', id: 'pw-submit' }, 'Wachtwoord opslaan'),
			forced ? null : h('a', { class: 'btn', href: HOME[S.me.role] }, 'Annuleren')));
	form.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		const problem = !cur.value ? 'Vul uw huidige wachtwoord in.'
			: nw.value.length < 12 ? 'Het nieuwe wachtwoord moet minstens 12 tekens hebben.'
			: nw.value !== again.value ? 'De twee nieuwe wachtwoorden zijn niet gelijk.'
			: nw.value === cur.value ? 'Het nieuwe wachtwoord moet anders zijn dan het huidige.' : '';
		if (problem) {
			note.append(msg(problem, 'error'));
			return;
		}
		try {
			await api('POST', '/api/account/password', { current: cur.value, new: nw.value });
		} catch (e) {
			if (e.handled) throw e;
			note.append(msg(e.code === 'bad_credentials' ? 'Het huidige wachtwoord klopt niet.' : e.message, 'error'));
			return;
		}
		try {
			S.me = await api('GET', '/api/me');
		} catch (e) {
			if (e.handled) return;
			S.me.must_change_password = false;
		}
		S.flash = { text: 'Uw wachtwoord is gewijzigd.', kind: 'ok' };
		await loadElection();
		if (location.hash === HOME[S.me.role]) route();
		else location.hash = HOME[S.me.role];
	}));
	add(main, form);
	cur.focus();
}

/* ------------------------------------------------------------------ */
/* The count form's fields, per section                                */
/* ------------------------------------------------------------------ */

const sumOf = (form, paths) => {
	let any = false;
	let s = 0;
	for (const p of paths) {
		const v = getAt(form, p);
		if (Number.isInteger(v)) {
			any = true;
			s += v;
		}
	}
	return any ? s : null;
};

/* The sections of the entry screen, in the paper's order, each with its fields
 * {path, letter, label, short, hint?}. Also used by the coordinator's pages. */
function buildSections(el) {
	const hasC = !!el.election.has_voter_cards;
	const mk = (group, [letter, name, label]) => ({ path: group + '.' + name, letter, label, short: letter });
	const voters = VOTER_FIELDS.filter((f) => f[0] !== 'C' || hasC).map((f) => mk('voters', f));
	const abc = voters.slice(0, -1);
	voters[voters.length - 1].hint = {
		label: abc.map((f) => f.letter).join(' + '),
		calc: (form) => sumOf(form, abc.map((f) => f.path)),
	};
	const ex = el.lists.map((l, i) => ({
		path: 'votes.list_totals[' + i + ']', letter: 'E.' + l.number,
		label: 'Lijst ' + l.number + ' – ' + l.name, short: 'E.' + l.number,
	}));
	const votes = VOTE_FIELDS.map((f) => mk('votes', f));
	votes[0].hint = {
		label: ex.length > 3 ? ex[0].letter + ' + … + ' + ex[ex.length - 1].letter : ex.map((f) => f.letter).join(' + '),
		calc: (form) => sumOf(form, ex.map((f) => f.path)),
	};
	votes[3].hint = { label: 'E + F + G', calc: (form) => sumOf(form, votes.slice(0, 3).map((f) => f.path)) };
	const diffs = DIFF_FIELDS.map((f) => mk('differences', f));
	const gap = (form) => {
		const d = form.voters.admitted_voters;
		const hh = form.votes.votes_cast;
		return Number.isInteger(d) && Number.isInteger(hh) ? hh - d : null;
	};
	diffs[0].hint = { label: 'H − D', calc: (form) => { const g = gap(form); return g === null ? null : Math.max(0, g); } };
	diffs[1].hint = { label: 'D − H', calc: (form) => { const g = gap(form); return g === null ? null : Math.max(0, -g); } };
	const sections = [
		{ id: 'voters', title: 'Toegelaten kiezers', fields: voters },
		{ id: 'votes', title: 'Uitgebrachte stemmen', fields: ex.concat(votes) },
		{ id: 'differences', title: 'Verschillen', fields: diffs },
	];
	el.lists.forEach((l, i) => {
		const cands = l.candidates.map((c, j) => ({
			path: 'lists[' + i + '].candidates[' + j + ']', letter: String(c.position), label: c.name,
			short: 'Lijst ' + l.number + ' kand. ' + c.position, candidate: true,
		}));
		const total = {
			path: 'lists[' + i + '].total', letter: 'Totaal', label: 'Totaal lijst ' + l.number,
			short: 'Totaal lijst ' + l.number, total: true,
			hint: { label: 'som kandidaten', calc: (form) => sumOf(form, cands.map((f) => f.path)) },
		};
		sections.push({ id: 'lists-' + (i + 1), title: 'Lijst ' + l.number + ' – ' + l.name, short: 'Lijst ' + l.number, list: l, fields: cands.concat([total]) });
	});
	return sections;
}

function emptyForm(el) {
	const diff = {};
	for (const f of DIFF_FIELDS) diff[f[1]] = null;
	return {
		voters: { poll_cards: null, proxy_certificates: null, voter_cards: null, admitted_voters: null },
		votes: { list_totals: el.lists.map(() => null), valid_votes: null, blank_votes: null, invalid_votes: null, votes_cast: null },
		differences: diff,
		lists: el.lists.map((l) => ({ number: l.number, total: null, candidates: l.candidates.map(() => null) })),
	};
}

/* A form of the election's shape with the values of src where it has them. */
function shapeForm(el, sections, src) {
	const form = emptyForm(el);
	if (!src) return form;
	for (const s of sections) {
		for (const f of s.fields) {
			const v = getAt(src, f.path);
			if (Number.isInteger(v) && v >= 0) setAt(form, f.path, v);
		}
	}
	return form;
}

function fieldIndex(sections) {
	const idx = {};
	for (const s of sections) for (const f of s.fields) idx[f.path] = { field: f, section: s };
	return idx;
}

/* ------------------------------------------------------------------ */
/* Typist: the station list                                            */
/* ------------------------------------------------------------------ */

function stationAction(st) {
	if (st.mine) return { entry: st.mine, label: st.correcting ? 'Corrigeren' : 'Verder' };
	if (st.claimable) return { entry: st.claimable, label: ENTRY_NAME[st.claimable] };
	return null;
}

async function claim(n, entry) {
	const res = await api('POST', '/api/stations/' + n + '/entries/' + entry + '/claim', {});
	if (res && res.resumed === false) dropLocal(n, entry);
	location.hash = '#/entry/' + n + '/' + entry;
}

function claimError(e) {
	const t = {
		second_entry_same_typist: 'U hebt de eerste invoer van dit stembureau gedaan; de tweede invoer moet iemand anders doen.',
		already_claimed: 'Iemand anders is net met dit stembureau begonnen.',
		wrong_state: 'Dit stembureau kan nu niet worden ingevoerd.',
	}[e.code];
	return t || e.message;
}

async function viewTypistStations(token) {
	const main = $('#main');
	let stations = await api('GET', '/api/stations');
	if (!alive(token)) return;
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const quick = h('input', { id: 'quick', class: 'num', inputmode: 'numeric', autocomplete: 'off', maxlength: 6, 'aria-describedby': 'quick-help' });
	const tbody = h('tbody');
	const form = h('form', { class: 'quick', novalidate: true },
		h('label', { for: 'quick' }, 'Stembureau nummer'), quick,
		h('button', { class: 'btn btn-primary', type: 'submit' }, 'Openen'),
		h('span', { id: 'quick-help', class: 'help' }, 'Typ het nummer van het stembureau op het proces-verbaal en druk op Enter.'));
	add(main, h('h1', {}, 'Stembureaus'), takeFlash(), form, note,
		h('table', { class: 'table' },
			h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Nr'), h('th', {}, 'Naam'), h('th', {}, 'Status'), h('th', {}, 'Invoeren'))),
			tbody));

	const act = (n, entry) => {
		note.replaceChildren();
		claim(n, entry).catch((e) => {
			if (e.handled) return;
			note.append(msg('Stembureau ' + n + ': ' + claimError(e), 'error'));
			refresh();
		});
	};
	const fill = () => {
		const q = quick.value.trim();
		tbody.replaceChildren();
		for (const st of stations) {
			if (q && !String(st.number).startsWith(q)) continue;
			const a = stationAction(st);
			tbody.append(h('tr', { class: st.mine ? 'mine' : null },
				h('td', { class: 'num' }, String(st.number)),
				h('td', {}, st.name),
				h('td', {}, h('span', { class: 'pill st-' + st.status }, STATUS[st.status] || st.status)),
				h('td', {}, a ? h('button', { type: 'button', class: 'btn btn-small' + (st.mine ? ' btn-primary' : ''), onclick: () => act(st.number, a.entry) }, a.label) : '')));
		}
		if (!tbody.firstChild) tbody.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'Geen stembureau met dit nummer.')));
	};
	const refresh = async () => {
		try {
			const s = await api('GET', '/api/stations');
			if (!alive(token)) return;
			stations = s;
			fill();
		} catch (e) {
			if (!e.handled) banner(e.message, 'error');
		}
	};
	quick.addEventListener('input', () => {
		quick.value = quick.value.replace(/\D/g, '');
		fill();
	});
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		const n = Number(quick.value);
		const st = stations.find((s) => s.number === n);
		if (!st) {
			note.append(msg('Er is geen stembureau ' + quick.value + '.', 'error'));
			return;
		}
		const a = stationAction(st);
		if (!a) {
			note.append(msg('Bij stembureau ' + n + ' (' + (STATUS[st.status] || st.status) + ') is voor u nu niets in te voeren.', 'error'));
			return;
		}
		act(n, a.entry);
	});
	fill();
	every(10000, refresh);
	quick.focus();
}

/* ------------------------------------------------------------------ */
/* Typist: the entry form                                              */
/* ------------------------------------------------------------------ */

const localKey = (n, e) => 'teller:entry:' + (S.me ? S.me.user : '') + ':' + n + ':' + e;
function loadLocal(n, e) {
	try {
		return JSON.parse(localStorage.getItem(localKey(n, e)) || 'null');
	} catch (err) {
		return null;
	}
}
function dropLocal(n, e) {
	try {
		localStorage.removeItem(localKey(n, e));
	} catch (err) {
		/* private mode: nothing kept */
	}
}

async function viewEntry(token, nArg, eArg) {
	const n = Number(nArg);
	const entry = Number(eArg);
	const main = $('#main');
	const url = '/api/stations/' + n + '/entries/' + entry;
	const el = await loadElection();
	if (!el) throw new ApiError(404, 'no_election', 'Er is nog geen verkiezing ingericht.');
	let data;
	try {
		data = await api('GET', url);
	} catch (e) {
		if (e.status === 403 || e.status === 404 || e.status === 409) {
			S.flash = { text: 'Stembureau ' + n + ': u hebt deze invoer niet (meer) in handen. Kies het stembureau opnieuw.', kind: 'error' };
			location.replace('#/stations');
			return;
		}
		throw e;
	}
	if (!alive(token)) return;
	const station = (el.stations || []).find((s) => s.number === n) || { number: n, name: '' };
	const sections = buildSections(el);
	sections.push({ id: 'review', title: 'Controleren en afronden', short: 'Controleren', fields: [], review: true });
	const index = fieldIndex(sections);
	const secIdx = (id) => Math.max(0, sections.findIndex((s) => s.id === id));

	/* The entry being typed: E.form is the truth; localStorage holds a copy. */
	const E = {
		form: shapeForm(el, sections, data.form),
		errors: data.errors || [],
		warnings: data.warnings || [],
		cleared: new Set(data.cleared || []),
		cur: 0, furthest: 0,
		rev: 0, savedRev: 0,
		chain: Promise.resolve(),
		saveError: null,
	};
	let start = secIdx(data.progress);
	const local = loadLocal(n, entry);
	if (local && local.dirty && local.form) {
		E.form = shapeForm(el, sections, local.form);
		start = secIdx(local.progress);
		E.furthest = Math.max(start, local.furthest || 0);
		E.rev = 1; // not yet on the server
	} else if (E.cleared.size) {
		start = sections.findIndex((s) => s.fields.some((f) => E.cleared.has(f.path)));
		if (start < 0) start = 0;
		E.furthest = sections.length - 1;
	}
	E.furthest = Math.max(E.furthest, start);

	const key = localKey(n, entry);
	const storeLocal = () => {
		try {
			localStorage.setItem(key, JSON.stringify({
				form: E.form, progress: sections[E.cur].id, furthest: E.furthest,
				dirty: E.rev !== E.savedRev, at: Date.now(),
			}));
		} catch (err) {
			/* storage full or off: the server copy still counts */
		}
	};

	/* Layout: the sections on the left, the current one on the right. */
	const status = h('p', { class: 'save-status', 'aria-live': 'polite' });
	const navList = h('ol', { class: 'sections' });
	const pane = h('div', { class: 'entry-main' });
	add(main, h('div', { class: 'entry' },
		h('aside', { class: 'entry-nav' },
			h('h1', {}, 'Stembureau ' + n),
			h('p', { class: 'sub' }, station.name),
			h('p', { class: 'sub strong' }, ENTRY_NAME[entry] || 'Invoer ' + entry),
			h('nav', { 'aria-label': 'Onderdelen van het proces-verbaal' }, navList),
			status,
			h('button', { type: 'button', class: 'link discard-link', tabindex: '-1', onclick: () => discardEntry((t) => setStatus(t, 'error')) }, 'Invoer verwijderen…')),
		pane));

	/* Findings per field path. */
	const byPath = () => {
		const m = {};
		for (const [kind, list] of [['error', E.errors], ['warning', E.warnings]]) {
			for (const f of list) {
				for (const p of f.fields || []) {
					if (f.code === 'F.001' && E.cleared.has(p)) continue; // marked "opnieuw invoeren" already
					(m[p] = m[p] || []).push({ kind, f });
				}
			}
		}
		return m;
	};

	const drawNav = () => {
		const m = byPath();
		navList.replaceChildren();
		sections.forEach((s, i) => {
			let err = 0;
			let warn = 0;
			let clr = 0;
			for (const f of s.fields) {
				for (const x of m[f.path] || []) x.kind === 'error' ? err++ : warn++;
				if (E.cleared.has(f.path)) clr++;
			}
			const shown = i < E.furthest && !E.saveError;
			const mark = s.review || i >= E.furthest ? '' : E.saveError ? '?' : err ? '✗ ' + err : warn ? '! ' + warn : '✓';
			navList.append(h('li', {},
				h('button', {
					type: 'button', class: 'sec' + (i === E.cur ? ' current' : '') + (shown && err ? ' has-err' : shown && warn ? ' has-warn' : ''),
					'aria-current': i === E.cur ? 'step' : null, tabindex: '-1',
					onclick: () => go(i),
				},
				h('span', { class: 'sec-title' }, s.short || s.title),
				h('span', { class: 'sec-marks' },
					clr ? h('span', { class: 'cleared-mark', title: clr + ' opnieuw in te voeren' }, '↺ ' + clr) : null,
					mark ? h('span', { class: 'sec-mark' }, mark) : null))));
		});
	};

	const setStatus = (text, kind) => {
		status.className = 'save-status ' + (kind || '');
		status.textContent = text;
	};

	/* Saves the whole form on the server; saves run one after another. */
	const save = () => {
		const progress = sections[E.cur].id;
		E.chain = E.chain.then(async () => {
			const rev = E.rev;
			const body = Object.assign({}, E.form, { progress });
			setStatus('Bezig met opslaan…');
			try {
				const res = await api('PUT', url, body);
				E.errors = (res && res.errors) || [];
				E.warnings = (res && res.warnings) || [];
				E.savedRev = rev;
				E.saveError = null;
				setStatus('Opgeslagen om ' + clock() + (E.rev !== rev ? ' (nieuwe wijzigingen volgen)' : ''), 'ok');
			} catch (e) {
				E.saveError = e;
				if (e.handled) return;
				const why = e.code === 'does_not_fit' ? 'de server weigert het formulier: ' + e.message : e.message;
				setStatus('Niet opgeslagen om ' + clock() + ': ' + why + ' Uw invoer is bewaard op deze laptop; bij de volgende stap probeert Teller het opnieuw.', 'error');
			}
			if (!alive(token)) return;
			storeLocal();
			drawNav();
			markFindings();
		});
		return E.chain;
	};

	const inputs = () => Array.from(pane.querySelectorAll('input.num'));

	const focusField = (path) => {
		const inp = document.getElementById(domId(path));
		if (inp) {
			inp.focus();
			inp.select();
		}
	};

	/* Shows section i; saves when leaving a section for another. */
	const go = (i, focusPath) => {
		i = Math.max(0, Math.min(sections.length - 1, i));
		const moving = i !== E.cur;
		E.cur = i;
		E.furthest = Math.max(E.furthest, i);
		storeLocal();
		const p = moving ? save() : E.chain;
		drawSection();
		drawNav();
		if (sections[i].review) {
			drawReview(p);
		} else {
			focusField(focusPath || sections[i].fields[0].path);
		}
		return p;
	};
	S.cleanup.push(() => {
		if (E.rev !== E.savedRev) save();
	});

	const hintOf = (f) => {
		const v = f.hint.calc(E.form);
		const span = document.getElementById(domId(f.path) + '-hint');
		if (!span) return;
		if (v === null) {
			span.textContent = '';
			span.className = 'hint';
			return;
		}
		const target = getAt(E.form, f.path);
		const same = target === v;
		span.className = 'hint' + (Number.isInteger(target) ? (same ? ' hint-ok' : ' hint-off') : '');
		span.textContent = f.hint.label + ' = ' + fmtNum(v) + (Number.isInteger(target) ? (same ? ' ✓' : ' ≠ ' + fmtNum(target)) : '');
	};

	const markFindings = () => {
		const m = byPath();
		const sec = sections[E.cur];
		const show = (E.cur < E.furthest || sec.review) && !E.saveError;
		for (const f of sec.fields) {
			const row = document.getElementById(domId(f.path) + '-row');
			const ul = document.getElementById(domId(f.path) + '-find');
			if (!row || !ul) continue;
			const list = show ? m[f.path] || [] : [];
			ul.replaceChildren(...list.map((x) => h('li', { class: 'finding finding-' + x.kind },
				h('span', { class: 'code' }, x.f.code), ' ', x.f.message)));
			row.classList.toggle('row-error', list.some((x) => x.kind === 'error'));
			row.classList.toggle('row-warning', list.length > 0 && list.every((x) => x.kind === 'warning'));
			const inp = document.getElementById(domId(f.path));
			if (inp) inp.setAttribute('aria-invalid', list.some((x) => x.kind === 'error') ? 'true' : 'false');
		}
	};

	const onInput = (f, inp) => () => {
		const digits = inp.value.replace(/\D/g, '').slice(0, 9);
		if (digits !== inp.value) inp.value = digits;
		const v = digits === '' ? null : parseInt(digits, 10);
		if (getAt(E.form, f.path) === v) return;
		setAt(E.form, f.path, v);
		E.rev++;
		storeLocal();
		for (const g of sections[E.cur].fields) if (g.hint) hintOf(g);
		setStatus('Nog niet opgeslagen: wordt opgeslagen bij de volgende stap.', '');
	};

	const onKey = (inp) => (ev) => {
		if (ev.isComposing) return;
		const all = inputs();
		const k = all.indexOf(inp);
		let dir = 0;
		if (ev.key === 'Enter') dir = ev.shiftKey ? -1 : 1;
		else if (ev.key === 'ArrowDown') dir = 1;
		else if (ev.key === 'ArrowUp') dir = -1;
		if (!dir) return;
		ev.preventDefault();
		if (k + dir >= 0 && k + dir < all.length) {
			all[k + dir].focus();
			all[k + dir].select();
		} else if (k + dir >= all.length && ev.key === 'Enter') {
			go(E.cur + 1);
		} else if (k + dir < 0 && E.cur > 0 && ev.key === 'Enter') {
			const prev = sections[E.cur - 1];
			go(E.cur - 1, prev.fields.length ? prev.fields[prev.fields.length - 1].path : null);
		}
	};

	const fieldRow = (f) => {
		const id = domId(f.path);
		const v = getAt(E.form, f.path);
		const inp = h('input', {
			id, class: 'num', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false',
			maxlength: 9, 'data-path': f.path, 'aria-describedby': id + '-hint ' + id + '-find',
		});
		inp.value = Number.isInteger(v) ? String(v) : '';
		inp.addEventListener('input', onInput(f, inp));
		inp.addEventListener('keydown', onKey(inp));
		inp.addEventListener('focus', () => inp.select());
		const cleared = E.cleared.has(f.path);
		const strong = f.total || ['D', 'E', 'H'].includes(f.letter);
		return h('div', { id: id + '-row', class: 'field' + (strong ? ' field-total' : '') + (cleared ? ' cleared' : '') },
			h('label', { for: id },
				h('span', { class: 'letter' + (f.candidate ? ' pos' : '') }, f.letter),
				h('span', { class: 'label' }, f.label, cleared ? h('span', { class: 'tag-cleared' }, 'opnieuw invoeren') : null)),
			inp,
			h('span', { id: id + '-hint', class: 'hint' }),
			h('ul', { id: id + '-find', class: 'findings' }));
	};

	const drawSection = () => {
		const sec = sections[E.cur];
		setKids(pane);
		if (sec.review) return;
		const next = sections[E.cur + 1];
		const prev = sections[E.cur - 1];
		const fields = h('div', { class: 'fields' + (sec.list ? ' fields-list' : '') });
		for (const f of sec.fields) fields.append(fieldRow(f));
		const clearedHere = sec.fields.filter((f) => E.cleared.has(f.path)).length;
		add(pane,
			h('h2', {}, sec.title),
			clearedHere ? msg('De coördinator heeft ' + clearedHere + (clearedHere === 1 ? ' veld' : ' velden') + ' leeggemaakt: voer ' + (clearedHere === 1 ? 'dat' : 'die') + ' opnieuw in van het papier.', 'warn') : null,
			h('p', { class: 'help' }, 'Enter: volgend veld. Shift+Enter: vorig veld. Leeg laten mag tijdens het typen.'),
			fields,
			h('div', { class: 'actions' },
				prev ? h('button', { type: 'button', class: 'btn', onclick: () => go(E.cur - 1) }, '← ' + (prev.short || prev.title)) : null,
				next ? h('button', { type: 'button', class: 'btn btn-primary', onclick: () => go(E.cur + 1) }, 'Opslaan en verder: ' + (next.short || next.title) + ' →') : null));
		for (const f of sec.fields) if (f.hint) hintOf(f);
		markFindings();
	};

	const jump = (path) => {
		const where = index[path];
		if (!where) return;
		go(sections.indexOf(where.section), path);
		const row = document.getElementById(domId(path) + '-row');
		if (row) row.scrollIntoView({ block: 'center' });
	};

	const findingItem = (kind, f) => {
		const paths = (f.fields || []).filter((p) => index[p]);
		return h('li', { class: 'finding finding-' + kind },
			h('button', { type: 'button', class: 'code link', onclick: () => paths.length && jump(paths[0]), title: 'Ga naar het veld' }, f.code),
			' ', f.message, ' ',
			h('span', { class: 'chips' }, paths.slice(0, 12).map((p) => h('button', { type: 'button', class: 'chip', onclick: () => jump(p) }, index[p].field.short))),
			paths.length > 12 ? ' … en nog ' + (paths.length - 12) + ' velden' : null);
	};

	/* "Invoer verwijderen": the entry goes, the station is as before the claim. */
	const discardEntry = async (report) => {
		if (!window.confirm('Weet u zeker dat u deze invoer wilt verwijderen? Alle aantallen die u voor stembureau ' + n + ' hebt ingevoerd gaan verloren.')) return;
		try {
			await api('POST', url + '/discard', {});
		} catch (e) {
			if (!e.handled) report('Verwijderen is niet gelukt: ' + e.message);
			return;
		}
		dropLocal(n, entry);
		E.savedRev = E.rev;
		S.flash = { text: 'Stembureau ' + n + ': de invoer is verwijderd.', kind: 'info' };
		location.hash = '#/stations';
	};

	/* The main figures at a glance, to compare once more with the paper. */
	const summary = () => {
		const fields = sections.slice(0, 2).flatMap((s) => s.fields)
			.concat(sections.filter((s) => s.list).map((s) => s.fields[s.fields.length - 1]));
		return h('table', { class: 'table summary' },
			h('caption', {}, 'De belangrijkste aantallen'),
			h('tbody', {}, fields.map((f) => h('tr', {},
				h('th', { scope: 'row', class: 'letter-cell' }, f.total ? '' : f.letter),
				h('td', {}, h('button', { type: 'button', class: 'link', tabindex: '-1', onclick: () => jump(f.path) }, f.label)),
				h('td', { class: 'num' }, fmtNum(getAt(E.form, f.path)))))));
	};

	const drawReview = async (pending) => {
		setKids(pane, h('h2', {}, 'Controleren en afronden'), h('p', { class: 'help' }, 'Bezig met controleren…'));
		await pending;
		if (!alive(token) || !sections[E.cur].review) return;
		const note = h('div', { class: 'form-msg' });
		const errs = E.saveError ? [] : E.errors; // unknown until the server has checked
		const warns = E.saveError ? [] : E.warnings;
		const confirmBox = warns.length ? h('input', { type: 'checkbox', id: 'warnings-ok' }) : null;
		const fin = h('button', { type: 'button', class: 'btn btn-big' + (errs.length ? '' : ' btn-primary'), id: 'finalise' }, errs.length ? 'Afronden met fouten' : 'Afronden');
		const discard = h('button', { type: 'button', class: 'btn btn-danger', id: 'discard' }, 'Invoer verwijderen');
		setKids(pane,
			h('h2', {}, 'Controleren en afronden'),
			E.saveError && !E.saveError.handled ? msg('De laatste wijzigingen zijn nog niet op de server opgeslagen en gecontroleerd (' + E.saveError.message + '). Druk op "Afronden" om het opnieuw te proberen.', 'error') : null,
			errs.length && !E.saveError ? h('section', { class: 'review-block' },
				h('h3', {}, 'Fouten (' + errs.length + ')'),
				h('p', { class: 'help' }, 'Controleer deze velden op het papieren proces-verbaal. Klik op een code of veld om erheen te gaan.'),
				h('ul', { class: 'review-list' }, errs.map((f) => findingItem('error', f)))) : null,
			warns.length && !E.saveError ? h('section', { class: 'review-block' },
				h('h3', {}, 'Waarschuwingen (' + warns.length + ')'),
				h('ul', { class: 'review-list' }, warns.map((f) => findingItem('warning', f)))) : null,
			!errs.length && !warns.length && !E.saveError ? msg('Geen fouten en geen waarschuwingen gevonden. U kunt de invoer afronden.', 'ok') : null,
			errs.length ? msg('Met fouten afronden mag, maar dan beslist de coördinator. Verbeter eerst wat u op het papier anders ziet staan.', 'warn') : null,
			confirmBox ? h('p', { class: 'confirm' }, confirmBox, ' ', h('label', { for: 'warnings-ok' }, 'Ik heb de aantallen gecontroleerd op het papieren proces-verbaal')) : null,
			note,
			h('div', { class: 'actions' }, fin, discard),
			summary());
		if (confirmBox) {
			fin.disabled = true;
			confirmBox.addEventListener('change', () => { fin.disabled = !confirmBox.checked; });
		}
		fin.addEventListener('click', safe(async () => {
			note.replaceChildren();
			if (errs.length && !window.confirm('Deze invoer bevat nog fouten. De coördinator beslist dan wat er gebeurt. Toch afronden?')) return;
			fin.disabled = true;
			if (E.rev !== E.savedRev || E.saveError) {
				// Not yet checked by the server: save, then show its findings before finalising.
				await save();
				if (!E.saveError) return drawReview(Promise.resolve());
				fin.disabled = false;
				if (!E.saveError.handled) note.append(msg('Afronden kan nog niet: ' + E.saveError.message, 'error'));
				return;
			}
			try {
				const res = await api('POST', url + '/finalise', { warnings_confirmed: !!(confirmBox && confirmBox.checked) });
				dropLocal(n, entry);
				E.savedRev = E.rev;
				S.flash = { text: 'Stembureau ' + n + ': ' + (ENTRY_NAME[entry] || 'invoer').toLowerCase() + ' is afgerond (' + (STATUS[res && res.status] || (res && res.status) || 'klaar') + ').', kind: 'ok' };
				location.hash = '#/stations';
			} catch (e) {
				fin.disabled = false;
				if (e.handled) return;
				if (e.code === 'warnings_not_confirmed') note.append(msg('Er zijn waarschuwingen: vink eerst aan dat u de aantallen op het papier hebt gecontroleerd.', 'error'));
				else note.append(msg('Afronden is niet gelukt: ' + e.message, 'error'));
			}
		}));
		discard.addEventListener('click', () => discardEntry((t) => note.append(msg(t, 'error'))));
		if (errs.length) pane.querySelector('.review-list button').focus();
		else if (confirmBox) confirmBox.focus();
		else fin.focus();
	};

	E.cur = start;
	storeLocal();
	drawSection();
	drawNav();
	if (sections[start].review) drawReview(E.rev !== E.savedRev ? save() : Promise.resolve());
	else focusField(sections[start].fields.find((f) => E.cleared.has(f.path))?.path || sections[start].fields[0].path);
	if (local && local.dirty) {
		setStatus('Niet-opgeslagen invoer van deze laptop is teruggezet.', 'ok');
		if (!sections[start].review) save();
	}
}

/* ------------------------------------------------------------------ */
/* Coordinator: overview                                               */
/* ------------------------------------------------------------------ */

async function viewOverview(token) {
	const main = $('#main');
	let stations = await api('GET', '/api/stations');
	if (!alive(token)) return;
	let filter = '';
	let lastJson = '';
	const bar = h('progress', { id: 'progress', max: 1, value: 0 });
	const barText = h('span', { class: 'progress-text' });
	const filters = h('div', { class: 'filters', role: 'group', 'aria-label': 'Toon stembureaus met status' });
	const search = h('input', { id: 'search', type: 'search', autocomplete: 'off', placeholder: 'nummer of naam' });
	const tbody = h('tbody');
	const updated = h('span', { class: 'help' });
	add(main,
		h('h1', {}, 'Overzicht stembureaus'),
		takeFlash(),
		h('div', { class: 'progress-row' }, bar, barText),
		filters,
		h('div', { class: 'search-row' }, h('label', { for: 'search' }, 'Zoeken'), search, updated),
		h('table', { class: 'table overview' },
			h('thead', {}, h('tr', {},
				h('th', { class: 'num' }, 'Nr'), h('th', {}, 'Naam'), h('th', {}, 'Status'),
				h('th', {}, '1e invoer'), h('th', {}, '2e invoer'), h('th', {}, 'Meldingen'))),
			tbody));

	const draw = () => {
		const counts = {};
		for (const s of STATES) counts[s] = 0;
		for (const st of stations) counts[st.status] = (counts[st.status] || 0) + 1;
		const total = stations.length;
		const def = counts.definitive || 0;
		bar.max = Math.max(1, total);
		bar.value = def;
		barText.textContent = def + ' van ' + total + ' stembureaus definitief (' + (total ? Math.floor((100 * def) / total) : 0) + '%)';
		for (const btn of filters.children) {
			const s = btn.dataset.state;
			btn.setAttribute('aria-pressed', filter === s ? 'true' : 'false');
			btn.querySelector('.filter-count').textContent = String(s ? counts[s] || 0 : total);
		}
		const q = search.value.trim().toLowerCase();
		const rows = stations.filter((st) => (!filter || st.status === filter) &&
			(!q || String(st.number).startsWith(q) || (st.name || '').toLowerCase().includes(q)));
		const json = JSON.stringify([filter, q, rows]);
		if (json === lastJson) return;
		lastJson = json;
		const frag = document.createDocumentFragment();
		for (const st of rows) {
			const notes = [];
			if (st.first_has_errors || st.second_has_errors) notes.push(h('span', { class: 'flag flag-err' }, 'fouten'));
			if (st.has_warnings) notes.push(h('span', { class: 'flag flag-warn' }, 'waarschuwingen'));
			if (st.correcting) notes.push(h('span', { class: 'flag' }, 'wordt gecorrigeerd'));
			frag.append(h('tr', { class: 'st-row-' + st.status },
				h('td', { class: 'num' }, h('a', { href: '#/station/' + st.number }, String(st.number))),
				h('td', {}, h('a', { href: '#/station/' + st.number }, st.name)),
				h('td', {}, h('span', { class: 'pill st-' + st.status }, STATUS[st.status] || st.status)),
				h('td', {}, st.first_typist || ''),
				h('td', {}, st.second_typist || ''),
				h('td', {}, notes)));
		}
		if (!rows.length) frag.append(h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'Geen stembureaus die hierbij passen.')));
		tbody.replaceChildren(frag);
	};
	for (const s of [''].concat(STATES)) {
		filters.append(h('button', {
			type: 'button', class: 'filter' + (s ? ' st-' + s : ''), 'data-state': s,
			onclick: () => { filter = s; draw(); },
		}, h('span', { class: 'filter-label' }, s ? STATUS[s] : 'Alle'), h('span', { class: 'filter-count' }, '0')));
	}
	search.addEventListener('input', draw);
	search.addEventListener('keydown', (ev) => {
		const links = tbody.querySelectorAll('a');
		if (ev.key === 'Enter' && links.length === 2) location.hash = links[0].getAttribute('href');
	});
	draw();
	updated.textContent = 'Bijgewerkt om ' + clock();
	every(5000, async () => {
		try {
			const s = await api('GET', '/api/stations');
			if (!alive(token)) return;
			stations = s;
			draw();
			updated.textContent = 'Bijgewerkt om ' + clock();
			banner('');
		} catch (e) {
			if (!e.handled) updated.textContent = 'Bijwerken mislukt om ' + clock() + ': ' + e.message;
		}
	});
}

/* ------------------------------------------------------------------ */
/* Coordinator: one station                                            */
/* ------------------------------------------------------------------ */

async function viewStation(token, nArg) {
	const n = Number(nArg);
	const main = $('#main');
	const [el, d] = await Promise.all([loadElection(), api('GET', '/api/stations/' + n)]);
	if (!alive(token)) return;
	if (!el) throw new ApiError(404, 'no_election', 'Er is nog geen verkiezing ingericht.');
	const st = d.station || { number: n, status: 'empty' };
	const entries = d.entries || [];
	const e1 = entries.find((x) => x.entry === 1);
	const e2 = entries.find((x) => x.entry === 2);
	const diffs = new Set(d.differences || []);
	const sections = buildSections(el);
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite' });

	const act = async (action, label) => {
		note.replaceChildren();
		if (!window.confirm(label + '\n\n' + (RESOLVE_CONFIRM[action] || '') + '\n\nDoorgaan?')) return;
		try {
			const url = action === 'reset' ? '/api/stations/' + n + '/reset' : '/api/stations/' + n + '/resolve';
			const res = await api('POST', url, action === 'reset' ? {} : { action });
			S.flash = { text: 'Gedaan. Stembureau ' + n + ' is nu: ' + (STATUS[res && res.status] || (res && res.status) || '?') + '.', kind: 'ok' };
			route();
		} catch (e) {
			if (e.handled) return;
			note.append(msg('Niet gelukt: ' + e.message, 'error'));
		}
	};
	const button = (action, cls) => h('button', { type: 'button', class: 'btn ' + (cls || ''), 'data-action': action, onclick: () => act(action, RESOLVE[action]) }, RESOLVE[action]);

	const actions = h('div', { class: 'station-actions' });
	if (st.status === 'different') {
		add(actions, h('h2', {}, 'Beslissen over het verschil'),
			h('p', { class: 'help' }, 'De twee invoeren verschillen in ' + diffs.size + (diffs.size === 1 ? ' veld' : ' velden') + ' (gemarkeerd in de tabel). Vergelijk met het papieren proces-verbaal en kies:'),
			h('div', { class: 'action-grid' },
				button('keep_first_correct_second', 'btn-primary'), button('keep_second_correct_first', 'btn-primary'),
				button('keep_first'), button('keep_second'), button('discard_both', 'btn-danger')));
	} else if (st.status === 'first_has_errors') {
		add(actions, h('h2', {}, 'Eerste invoer heeft fouten'),
			h('p', { class: 'help' }, 'Stuur de invoer terug naar de typist om de fouten te verbeteren, of verwijder hem zodat het stembureau opnieuw wordt ingevoerd.'),
			h('div', { class: 'action-grid' }, button('return_to_typist', 'btn-primary'), button('discard_first', 'btn-danger')));
	}
	if (st.status !== 'empty') {
		add(actions, h('div', { class: 'reset-row' }, button('reset', 'btn-danger btn-small'),
			h('span', { class: 'help' }, 'Verwijdert alle invoer van dit stembureau.')));
	}

	const onlyDiff = h('input', { type: 'checkbox', id: 'only-diff' });
	const tbody = h('tbody');
	const head = (e, no) => h('th', { class: 'num' },
		'Invoer ' + no, h('br'),
		h('span', { class: 'sub' }, e ? (e.typist || '') + (e.finalised ? '' : ' (bezig)') : 'geen'));
	const cell = (e, path, diff) => {
		const v = e && e.form ? getAt(e.form, path) : undefined;
		return h('td', { class: 'num' + (diff ? ' diff' : '') }, e ? fmtNum(v) : '');
	};
	const findingPaths = (e) => {
		const m = {};
		if (!e) return m;
		for (const list of [e.errors || [], e.warnings || []]) {
			for (const f of list) for (const p of f.fields || []) (m[p] = m[p] || []).push(f.code);
		}
		return m;
	};
	const m1 = findingPaths(e1);
	const m2 = findingPaths(e2);
	const drawTable = () => {
		const only = onlyDiff.checked;
		tbody.replaceChildren();
		for (const s of sections) {
			const fields = s.fields.filter((f) => !only || diffs.has(f.path));
			if (!fields.length) continue;
			tbody.append(h('tr', { class: 'group' }, h('th', { colspan: 5, scope: 'colgroup' }, s.title)));
			for (const f of fields) {
				const diff = diffs.has(f.path);
				const codes = [...new Set([...(m1[f.path] || []), ...(m2[f.path] || [])])];
				tbody.append(h('tr', { class: diff ? 'row-diff' : null, 'data-path': f.path },
					h('td', { class: 'letter-cell' }, f.letter),
					h('td', {}, f.label),
					cell(e1, f.path, diff), cell(e2, f.path, diff),
					h('td', {}, diff ? h('span', { class: 'flag flag-diff' }, '≠ verschil') : null,
						codes.map((c) => h('span', { class: 'flag ' + (c.startsWith('F') ? 'flag-err' : 'flag-warn') }, c)))));
			}
		}
	};
	onlyDiff.addEventListener('change', drawTable);

	const findings = (e, no) => {
		if (!e) return null;
		const list = (e.errors || []).map((f) => ['error', f]).concat((e.warnings || []).map((f) => ['warning', f]));
		return h('section', { class: 'review-block' },
			h('h3', {}, 'Invoer ' + no + (e.typist ? ' (' + e.typist + ')' : '')),
			list.length ? h('ul', { class: 'review-list' }, list.map(([kind, f]) => h('li', { class: 'finding finding-' + kind },
				h('span', { class: 'code' }, f.code), ' ', f.message))) : h('p', {}, 'Geen fouten of waarschuwingen.'),
			e.warnings && e.warnings.length ? h('p', { class: 'help' }, e.warnings_confirmed ? 'De typist heeft de waarschuwingen bevestigd.' : 'Waarschuwingen (nog) niet bevestigd.') : null);
	};

	add(main,
		h('p', {}, h('a', { href: '#/stations' }, '← Overzicht')),
		h('div', { class: 'station-head' },
			h('h1', {}, 'Stembureau ' + n + (st.name ? ' – ' + st.name : '')),
			h('span', { class: 'pill pill-big st-' + st.status, id: 'station-status' }, STATUS[st.status] || st.status),
			h('button', { type: 'button', class: 'btn btn-small', onclick: () => route() }, 'Vernieuwen')),
		takeFlash(),
		note,
		entries.length ? h('div', { class: 'station-layout' },
			h('section', { class: 'compare-col' },
				h('h2', {}, 'Invoeren naast elkaar'),
				diffs.size ? h('p', { class: 'confirm' }, onlyDiff, ' ', h('label', { for: 'only-diff' }, 'Alleen de ' + diffs.size + ' verschillen tonen')) : null,
				h('table', { class: 'table compare' },
					h('thead', {}, h('tr', {}, h('th', {}, 'Letter'), h('th', {}, 'Veld'), head(e1, 1), head(e2, 2), h('th', {}, ''))),
					tbody)),
			h('aside', { class: 'side-col' }, actions, findings(e1, 1), findings(e2, 2)))
			: [msg('Er is voor dit stembureau nog niets ingevoerd.', 'info'), actions]);
	onlyDiff.checked = diffs.size > 0;
	drawTable();
	// Show it when a typist changes the station meanwhile (e.g. finalises the second entry).
	every(10000, async () => {
		try {
			const now = await api('GET', '/api/stations/' + n);
			if (alive(token) && now.station && now.station.status !== st.status) {
				S.flash = { text: 'De status van stembureau ' + n + ' is intussen veranderd in: ' + (STATUS[now.station.status] || now.station.status) + '.', kind: 'info' };
				route();
			}
		} catch (e) {
			/* the next try may work; the page still shows what it knew */
		}
	});
}

/* ------------------------------------------------------------------ */
/* Coordinator: totals                                                 */
/* ------------------------------------------------------------------ */

async function viewTotals(token) {
	const main = $('#main');
	const [el, t] = await Promise.all([loadElection(), api('GET', '/api/totals')]);
	if (!alive(token)) return;
	if (!el) throw new ApiError(404, 'no_election', 'Er is nog geen verkiezing ingericht.');
	const sections = buildSections(el);
	const def = t.stations_definitive || 0;
	const total = t.stations_total || 0;
	const letters = h('tbody');
	for (const s of sections.slice(0, 3)) {
		letters.append(h('tr', { class: 'group' }, h('th', { colspan: 3, scope: 'colgroup' }, s.title)));
		for (const f of s.fields) {
			letters.append(h('tr', {}, h('td', { class: 'letter-cell' }, f.letter), h('td', {}, f.label), h('td', { class: 'num' }, fmtNum(getAt(t, f.path)))));
		}
	}
	const lists = el.lists.map((l, i) => {
		const tl = (t.lists || [])[i] || {};
		return h('details', { class: 'list-details' },
			h('summary', {}, 'Lijst ' + l.number + ' – ' + l.name + ': ' + fmtNum(tl.total) + ' stemmen'),
			h('table', { class: 'table' },
				h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Nr'), h('th', {}, 'Kandidaat'), h('th', { class: 'num' }, 'Stemmen'))),
				h('tbody', {}, l.candidates.map((c, j) => h('tr', {},
					h('td', { class: 'num' }, String(c.position)), h('td', {}, c.name),
					h('td', { class: 'num' }, fmtNum((tl.candidates || [])[j])))),
				h('tr', { class: 'sum-row' }, h('td', {}), h('td', {}, 'Totaal lijst ' + l.number), h('td', { class: 'num' }, fmtNum(tl.total))))));
	});
	add(main,
		h('h1', {}, 'Totalen gemeente'),
		h('div', { class: 'progress-row' }, h('progress', { max: Math.max(1, total), value: def }),
			h('span', { class: 'progress-text', id: 'totals-count' }, def + ' van ' + total + ' stembureaus definitief')),
		def < total ? msg('Voorlopige uitslag (concept): nog niet alle stembureaus zijn definitief. Alleen definitieve stembureaus tellen mee.', 'warn') : msg('Alle stembureaus zijn definitief.', 'ok'),
		h('div', { class: 'totals-grid' },
			h('section', {}, h('h2', {}, 'Aantallen'), h('table', { class: 'table' },
				h('thead', {}, h('tr', {}, h('th', {}, 'Letter'), h('th', {}, 'Omschrijving'), h('th', { class: 'num' }, 'Aantal'))), letters)),
			h('section', {}, h('h2', {}, 'Stemmen per lijst'),
				h('img', { src: '/api/totals/chart.svg', alt: 'Staafdiagram van de stemmen per lijst', class: 'chart' }),
				lists)));
}

/* ------------------------------------------------------------------ */
/* Coordinator: the result (export)                                    */
/* ------------------------------------------------------------------ */

/* What each exported file is, by its name. */
const EXPORT_FILE = [
	[/\.eml\.xml$/i, 'Telling (EML 510b) voor de software van de Kiesraad'],
	[/\.pdf$/i, 'Proces-verbaal: afdrukken en laten ondertekenen'],
	[/\.csv$/i, 'Telling als spreadsheet (CSV)'],
];

function fmtSize(n) {
	if (!Number.isInteger(n)) return '–';
	if (n < 1024) return n + ' bytes';
	return (n / 1024).toLocaleString('nl-NL', { maximumFractionDigits: n < 10240 ? 1 : 0 }) + ' kB';
}

/* A hash code (64 hex digits, as 16 groups of 4) in 4 rows of 4 groups,
 * the way the proces-verbaal prints it, so the two can be compared. */
function hashBlock(code, label) {
	const text = String(code || '').trim();
	let groups = text.split(/\s+/);
	if (groups.length !== 16) groups = text.replace(/\s+/g, '').match(/.{1,4}/g) || [];
	const rows = [];
	for (let i = 0; i < groups.length; i += 4) rows.push(h('span', { class: 'hash-row' }, groups.slice(i, i + 4).join(' ')));
	return h('span', { class: 'hash', role: 'group', 'aria-label': label }, rows);
}

const fileUrl = (name) => '/api/export/files/' + encodeURIComponent(name);

async function viewExport(token) {
	const main = $('#main');
	const lastExport = async () => {
		try {
			return await api('GET', '/api/export');
		} catch (e) {
			if (e.status === 404 && !e.handled) return null; // nothing exported yet
			throw e;
		}
	};
	let [stations, last] = await Promise.all([api('GET', '/api/stations'), lastExport()]);
	if (!alive(token)) return;
	let busy = false;
	const bar = h('progress', { max: 1, value: 0 });
	const barText = h('span', { class: 'progress-text', id: 'export-count' });
	const state = h('div');
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const result = h('section', { id: 'export-result', class: 'export-result', 'aria-live': 'polite' });
	const draftBtn = h('button', { type: 'button', class: 'btn', id: 'export-draft' }, 'Concept maken');
	const finalBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'export-final' }, 'Telling afronden');
	const counts = () => {
		const def = stations.filter((s) => s.status === 'definitive').length;
		return { def, total: stations.length, done: stations.length > 0 && def === stations.length };
	};

	const drawState = () => {
		const c = counts();
		bar.max = Math.max(1, c.total);
		bar.value = c.def;
		barText.textContent = c.def + ' van ' + c.total + ' stembureaus definitief';
		setKids(state, c.done
			? msg('Alle stembureaus zijn definitief. U kunt de telling afronden.', 'ok')
			: msg('Nog niet alle stembureaus zijn definitief: u kunt nu alleen een concept maken. Een concept bevat alleen de definitieve stembureaus.', 'warn'));
		draftBtn.disabled = busy;
		finalBtn.disabled = busy || !c.done;
		finalBtn.title = c.done ? '' : 'Kan pas als alle stembureaus definitief zijn';
	};

	const drawResult = () => {
		if (!last) {
			setKids(result, h('h2', {}, 'Bestanden'), h('p', { class: 'help', id: 'export-none' }, 'Er is nog geen export gemaakt sinds Teller is gestart.'));
			return;
		}
		const c = counts();
		const files = last.files || [];
		const changed = !last.draft && (c.def !== last.stations_definitive || c.total !== last.stations_total);
		setKids(result,
			last.draft
				? h('div', { class: 'export-head' }, h('h2', {}, 'Laatste export'), h('span', { class: 'draft-stamp', id: 'export-draft-mark' }, 'CONCEPT'))
				: h('div', { class: 'export-head' }, h('h2', {}, 'Definitieve uitslag'), changed ? null : h('span', { class: 'pill pill-big st-definitive' }, 'Afgerond')),
			h('p', { class: 'export-meta' }, 'Gemaakt op ' + fmtTime(last.created) + ', met ' + last.stations_definitive + ' van ' + last.stations_total + ' stembureaus definitief.'),
			last.draft
				? msg('Dit is een concept om te controleren, niet de uitslag. Op elke pagina van het proces-verbaal staat CONCEPT. Rond de telling af zodra alle stembureaus definitief zijn.', 'warn')
				: changed ? null : msg('Volgende stap: druk het proces-verbaal af en controleer dat de hashcode onderaan elke pagina dezelfde is als de hashcode van de telling (EML 510b) hieronder. Laat daarna de commissie het proces-verbaal ondertekenen en lever de bestanden in op de USB-stick.', 'info'),
			changed ? msg('Let op: sinds deze export is de telling veranderd (nu ' + c.def + ' van ' + c.total + ' stembureaus definitief). Deze bestanden kloppen niet meer met de invoer: gebruik ze niet.', 'error') : null,
			h('table', { class: 'table export-files' },
				h('thead', {}, h('tr', {}, h('th', {}, 'Bestand'), h('th', { class: 'num' }, 'Grootte'), h('th', {}, 'Hashcode (SHA-256)'), h('th', { class: 'no-print' }, 'Downloaden'))),
				h('tbody', {}, files.map((f) => {
					const kind = EXPORT_FILE.find(([re]) => re.test(f.name));
					const onPaper = /\.eml\.xml$/i.test(f.name); // the PV prints this file's hash code on every page
					return h('tr', { 'data-file': f.name, class: onPaper ? 'on-paper' : null },
						h('td', {}, h('span', { class: 'file-name' }, f.name), kind ? h('span', { class: 'sub' }, kind[1]) : null,
							onPaper ? h('span', { class: 'sub strong' }, 'Deze hashcode staat onderaan elke pagina van het proces-verbaal.') : null),
						h('td', { class: 'num', title: fmtNum(f.size) + ' bytes' }, fmtSize(f.size)),
						h('td', {}, hashBlock(f.hash_code, 'Hashcode van ' + f.name)),
						h('td', { class: 'no-print' }, h('div', { class: 'file-links' },
							h('a', { href: fileUrl(f.name), download: f.name, class: 'file-link' }, 'Bestand'),
							h('a', { href: fileUrl(f.name + '.sig'), download: f.name + '.sig', class: 'sig-link' }, 'Handtekening (.sig)'))));
				}),
				h('tr', { class: 'key-row' },
					h('td', {}, h('span', { class: 'file-name' }, 'Ondertekeningssleutel'), h('span', { class: 'sub' }, 'Vingerafdruk van de sleutel waarmee de bestanden zijn ondertekend; staat ook op het proces-verbaal.')),
					h('td', {}),
					h('td', {}, hashBlock(last.key_fingerprint, 'Vingerafdruk van de sleutel')),
					h('td', { class: 'no-print' }, h('a', { href: fileUrl('signing-key.pub.pem'), download: 'signing-key.pub.pem', class: 'key-link' }, 'Publieke sleutel (.pem)'))))),
			h('div', { class: 'actions no-print' },
				h('a', { href: '/api/export/zip', class: 'btn btn-primary', id: 'export-zip', download: true }, 'Alles als ZIP'),
				h('span', { class: 'help' }, 'De ZIP bevat de bestanden, hun handtekeningen en de publieke sleutel.')));
	};

	const run = async (draft) => {
		note.replaceChildren();
		if (!draft && !window.confirm('Telling afronden\n\nTeller maakt de definitieve uitslag: het proces-verbaal, de telling (EML) en de CSV, ondertekend. Daarna drukt u het proces-verbaal af.\n\nDoorgaan?')) return;
		const btn = draft ? draftBtn : finalBtn;
		const label = btn.textContent;
		busy = true;
		drawState();
		btn.textContent = 'Bezig…';
		try {
			const x = await api('POST', '/api/export', { draft });
			if (!alive(token)) return;
			last = x;
			note.append(msg(draft ? 'Het concept is gemaakt om ' + clock() + '.' : 'De telling is afgerond om ' + clock() + '.', 'ok'));
			drawResult();
			result.scrollIntoView({ block: 'start' });
		} catch (e) {
			if (e.handled || !alive(token)) return;
			note.append(msg((draft ? 'Het concept is niet gemaakt: ' : 'De telling is niet afgerond: ') + e.message, 'error'));
			if (e.code === 'not_finished') {
				// A station is no longer definitive: show how things stand now.
				try {
					const s = await api('GET', '/api/stations');
					if (alive(token)) stations = s;
				} catch (e2) {
					/* the poll will try again */
				}
				if (alive(token)) drawResult();
			}
		} finally {
			busy = false;
			btn.textContent = label;
			if (alive(token)) drawState();
		}
	};
	draftBtn.addEventListener('click', () => run(true));
	finalBtn.addEventListener('click', () => run(false));

	add(main,
		h('h1', {}, 'Uitslag'),
		takeFlash(),
		h('div', { class: 'progress-row' }, bar, barText),
		state,
		h('section', { class: 'card export-actions no-print' },
			h('div', { class: 'export-choice' },
				h('div', {}, draftBtn, h('p', { class: 'help' }, 'Een tussenstand om te controleren, met alleen de definitieve stembureaus. Kan altijd.')),
				h('div', {}, finalBtn, h('p', { class: 'help' }, 'De definitieve uitslag, ondertekend. Kan pas als alle stembureaus definitief zijn.'))),
			note),
		result);
	drawState();
	drawResult();
	// A station that becomes definitive meanwhile enables "Telling afronden".
	every(10000, async () => {
		try {
			const s = await api('GET', '/api/stations');
			if (!alive(token)) return;
			const before = JSON.stringify(counts());
			stations = s;
			if (JSON.stringify(counts()) !== before) {
				drawState();
				drawResult();
			}
		} catch (e) {
			/* the next try may work */
		}
	});
}

/* ------------------------------------------------------------------ */
/* Administrator: accounts and account sheets                          */
/* ------------------------------------------------------------------ */

const ROLE_IN = {
	typist: 'typist', invoerder: 'typist',
	coordinator: 'coordinator', 'coördinator': 'coordinator',
	administrator: 'administrator', beheerder: 'administrator',
};

async function viewAccounts(token) {
	const main = $('#main');
	const accounts = await api('GET', '/api/accounts');
	if (!alive(token)) return;
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const sheets = h('section', { class: 'sheets', id: 'sheets', hidden: true });
	const name = h('input', { id: 'acc-name', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
	const role = h('select', { id: 'acc-role' }, ['typist', 'coordinator', 'administrator'].map((r) => h('option', { value: r }, ROLE[r])));
	const csv = h('textarea', { id: 'acc-csv', rows: 6, spellcheck: 'false', placeholder: 'jansen,invoerder\npietersen,invoerder\nde-vries,coordinator' });

	const showSheets = (created) => {
		const host = location.host;
		setKids(sheets,
			h('div', { class: 'no-print sheets-head' },
				h('h2', {}, 'Inlogbladen (' + created.length + ')'),
				msg('Deze wachtwoorden worden maar één keer getoond. Druk de bladen nu af en geef ieder persoonlijk zijn eigen blad.', 'warn'),
				h('button', { type: 'button', class: 'btn btn-primary', onclick: () => window.print() }, 'Afdrukken')),
			created.map((a) => h('article', { class: 'sheet' },
				h('h2', {}, 'Teller – persoonlijke inloggegevens'),
				S.election ? h('p', {}, S.election.election.name) : null,
				h('dl', {},
					h('dt', {}, 'Naam'), h('dd', { class: 'sheet-name' }, a.name),
					h('dt', {}, 'Rol'), h('dd', {}, ROLE[a.role] || a.role),
					h('dt', {}, 'Eenmalig wachtwoord'), h('dd', { class: 'sheet-password' }, a.password),
					h('dt', {}, 'Adres'), h('dd', {}, location.protocol + '//' + host + '/')),
				h('h3', {}, 'Zo begint u'),
				h('ol', {},
					h('li', {}, 'Open het adres hierboven in de browser van uw laptop.'),
					h('li', {}, 'Log in met uw naam en dit eenmalige wachtwoord.'),
					h('li', {}, 'U moet het wachtwoord bij de eerste keer inloggen meteen wijzigen in een eigen wachtwoord van minstens 12 tekens.'),
					h('li', {}, 'Dit account is persoonlijk: deel het met niemand. Lever dit blad na afloop in of vernietig het.')))));
		sheets.hidden = false;
		document.body.classList.add('has-sheets');
		sheets.scrollIntoView({ block: 'start' });
	};
	S.cleanup.push(() => document.body.classList.remove('has-sheets'));

	const addOne = h('form', { class: 'card', novalidate: true },
		h('h2', {}, 'Account toevoegen'),
		h('div', { class: 'inline-form' },
			h('span', {}, h('label', { for: 'acc-name' }, 'Naam'), name),
			h('span', {}, h('label', { for: 'acc-role' }, 'Rol'), role),
			h('button', { type: 'submit', class: 'btn btn-primary' }, 'Toevoegen')));
	addOne.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		if (!name.value.trim()) {
			note.append(msg('Vul een naam in.', 'error'));
			return;
		}
		try {
			const a = await api('POST', '/api/accounts', { name: name.value.trim(), role: role.value });
			name.value = '';
			await refresh();
			note.append(msg('Account ' + a.name + ' is aangemaakt.', 'ok'));
			showSheets([a]);
		} catch (e) {
			if (e.handled) return;
			note.append(msg(e.code === 'exists' ? 'Er is al een account met deze naam.' : e.message, 'error'));
		}
	}));

	const bulk = h('form', { class: 'card', novalidate: true },
		h('h2', {}, 'Meerdere accounts tegelijk'),
		h('label', { for: 'acc-csv' }, 'Eén persoon per regel: naam,rol (rol: invoerder, coordinator of beheerder)'),
		csv,
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Accounts aanmaken')));
	bulk.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		// Dutch role words become the server's; every line keeps its number, so
		// that the server's "regel N" points at the same line of the text area.
		const text = csv.value.split(/\r?\n/).map((line) => line.replace(/^([^,;]*[,;]\s*)(\S+)(\s*)$/, (all, head, rl, tail) =>
			head + (ROLE_IN[rl.toLowerCase()] || rl) + tail)).join('\n');
		if (!text.trim()) {
			note.append(msg('Vul minstens één regel in: naam,rol.', 'error'));
			return;
		}
		try {
			const res = await api('POST', '/api/accounts/import', { csv: text });
			csv.value = '';
			await refresh();
			const created = (res && res.created) || [];
			note.append(msg(created.length + ' accounts aangemaakt.', 'ok'));
			showSheets(created);
		} catch (e) {
			if (e.handled) return;
			note.append(msg('Niets aangemaakt: ' + e.message, 'error'));
		}
	}));

	const tbody = h('tbody');
	const fill = (list) => {
		tbody.replaceChildren(...list.map((a) => h('tr', {},
			h('td', {}, a.name), h('td', {}, ROLE[a.role] || a.role),
			h('td', {}, a.must_change_password ? 'moet nog worden gewijzigd' : 'gewijzigd'),
			h('td', {}, fmtTime(a.created_at)), h('td', {}, fmtTime(a.last_login)))));
	};
	const refresh = async () => {
		fill(await api('GET', '/api/accounts'));
	};
	fill(accounts);
	add(main,
		h('h1', {}, 'Accounts'),
		takeFlash(),
		note,
		sheets,
		h('div', { class: 'two-col' }, addOne, bulk),
		h('h2', {}, 'Alle accounts'),
		h('table', { class: 'table' },
			h('thead', {}, h('tr', {}, h('th', {}, 'Naam'), h('th', {}, 'Rol'), h('th', {}, 'Wachtwoord'), h('th', {}, 'Aangemaakt'), h('th', {}, 'Laatst ingelogd'))),
			tbody));
	name.focus();
}

/* ------------------------------------------------------------------ */
/* Administrator: connected laptops                                    */
/* ------------------------------------------------------------------ */

async function viewSessions(token) {
	const main = $('#main');
	const tbody = h('tbody');
	const count = h('p', { class: 'progress-text' });
	const updated = h('span', { class: 'help' });
	add(main, h('h1', {}, 'Verbonden laptops'), takeFlash(), h('div', { class: 'search-row' }, count, updated),
		h('table', { class: 'table' },
			h('thead', {}, h('tr', {}, h('th', {}, 'Gebruiker'), h('th', {}, 'Rol'), h('th', {}, 'Adres'), h('th', {}, 'Browser'), h('th', {}, 'Ingelogd'), h('th', {}, 'Laatst actief'))),
			tbody));
	const load = async () => {
		let list;
		try {
			list = await api('GET', '/api/sessions');
		} catch (e) {
			if (!e.handled) updated.textContent = 'Bijwerken mislukt om ' + clock() + ': ' + e.message;
			return;
		}
		if (!alive(token)) return;
		count.textContent = list.length + (list.length === 1 ? ' sessie' : ' sessies') + ' actief';
		tbody.replaceChildren(...list.map((s) => h('tr', {},
			h('td', {}, s.user), h('td', {}, ROLE[s.role] || s.role), h('td', { class: 'mono' }, s.address),
			h('td', { class: 'ua', title: s.user_agent || '' }, s.user_agent || ''),
			h('td', {}, fmtTime(s.started)), h('td', {}, fmtTime(s.last_seen)))));
		updated.textContent = 'Bijgewerkt om ' + clock();
	};
	await load();
	every(5000, load);
}

/* ------------------------------------------------------------------ */
/* Administrator: hours and costs                                      */
/* ------------------------------------------------------------------ */

const ACTIVITY = {
	preparation: 'voorbereiding',
	setup: 'opbouw verkiezingsdag',
	standby: 'stand-by tijdens de telling',
	clearing: 'opruimen',
	other: 'overig',
};
const ITEM_KIND = { switch: 'Switch', cabling: 'Bekabeling', other: 'Overig' };
const COST_TABS = [['hours', 'Uren'], ['travel', 'Reiskosten'], ['laptops', 'Laptophuur'], ['item', 'Switch, bekabeling, overig']];
const tabOf = (kind) => (ITEM_KIND[kind] ? 'item' : kind);

/* An amount as the server gives it ("1042.11") in Dutch: "€ 1.042,11". */
function fmtMoney(s) {
	const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(s === null || s === undefined ? '' : s));
	if (!m) return '–';
	return (m[1] ? '− ' : '') + '€ ' + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + ((m[3] || '') + '00').slice(0, 2);
}
/* The server's "57.25" in a field, the Dutch way: "57,25". */
const moneyField = (s) => (s === null || s === undefined ? '' : String(s).replace('.', ','));
/* What was typed ("57,25", "57.25", "€ 1.234,50") as the server wants it ("57.25"),
 * or null when it is not an amount of at most two decimals. */
function moneyOut(t) {
	let s = String(t).replace(/[€\s]/g, '');
	if (s.includes(',')) s = s.replace(/\.(?=\d{3}(?:[.,]|$))/g, '').replace(',', '.');
	return /^\d+(\.\d{1,2})?$/.test(s) ? s : null;
}
/* "28-8-2025", "28/08/2025", "2025-08-28" → "2025-08-28"; null when no date. */
function dateOut(t) {
	const s = String(t).trim();
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
	let y, mo, d;
	if (m) [y, mo, d] = [m[1], m[2], m[3]].map(Number);
	else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, mo, y] = [m[1], m[2], m[3]].map(Number);
	else return null;
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
	return y + '-' + String(mo).padStart(2, '0') + '-' + String(d).padStart(2, '0');
}
/* "2025-08-28" → "28-08-2025". */
const fmtDate = (iso) => {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
	return m ? m[3] + '-' + m[2] + '-' + m[1] : iso || '';
};
/* "9:00", "9.00", "900", "9" → "09:00"; null when no time of day (24:00 is the day's end). */
function timeOut(t) {
	const s = String(t).trim();
	const m = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(s);
	if (!m) return null;
	const hh = Number(m[1]);
	const mm = Number(m[2] || 0);
	if (mm > 59 || hh > 24 || (hh === 24 && mm > 0)) return null;
	return String(hh).padStart(2, '0') + ':' + String(mm).padStart(2, '0');
}
const fmtMinutes = (n) => Math.floor(n / 60) + ':' + String(n % 60).padStart(2, '0');
const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const fmtPercent = (s) => {
	const t = String(s || '0');
	return (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t).replace('.', ',') + '%';
};

/* The fields of the forms that add or change a line, per tab:
 * [name, label, type (text|date|time|int|money|select), options | extra]. */
const LINE_FIELDS = {
	hours: [['person', 'Medewerker', 'text'], ['date', 'Datum', 'date'], ['from', 'Van', 'time'], ['to', 'Tot', 'time'],
		['activity', 'Activiteit', 'select', ACTIVITY]],
	travel: [['person', 'Medewerker', 'text'], ['date', 'Datum', 'date'], ['km', 'Kilometers', 'int'], ['amount', 'of een bedrag (€)', 'money']],
	laptops: [['count', 'Aantal laptops', 'int'], ['days', 'Aantal dagen', 'int']],
	item: [['category', 'Soort', 'select', ITEM_KIND], ['amount', 'Bedrag (€)', 'money'], ['description', 'Omschrijving', 'text']],
};
const LINE_HELP = {
	hours: 'Tijden als 09:00 of 16:30. Het bedrag is de duur maal het uurtarief.',
	travel: 'Vul kilometers in (maal de prijs per km) of een vast bedrag, niet allebei.',
	laptops: 'Het bedrag is het aantal laptops maal de dagen maal de dagprijs per laptop.',
	item: 'Bedragen excl. btw, bijvoorbeeld 89,95.',
};

/* What a line is, in a few words (for the table and the confirm dialog). */
function lineWhat(l, st) {
	if (l.kind === 'hours') {
		const dur = l.from && l.to ? fmtMinutes(minutesOf(l.to) - minutesOf(l.from)) : '';
		return l.from + '–' + l.to + ' · ' + dur + ' uur · ' + (l.activity_label || ACTIVITY[l.activity] || l.activity || '');
	}
	if (l.kind === 'travel') return Number.isInteger(l.km) ? l.km + ' km × ' + fmtMoney(st.per_km) : 'vast bedrag';
	if (l.kind === 'laptops') return l.count + (l.count === 1 ? ' laptop' : ' laptops') + ' × ' + l.days + (l.days === 1 ? ' dag' : ' dagen') + ' × ' + fmtMoney(st.laptop_day);
	return l.description || '';
}

async function viewCosts(token) {
	const main = $('#main');
	let data = await api('GET', '/api/costs');
	if (!alive(token)) return;
	let tab = 'hours';
	let editing = null; // the line being changed, or null: a new line

	/* Rates and invoice details. */
	const SETTINGS = [
		['hourly', 'Uurtarief (€)', 'money'], ['laptop_day', 'Dagprijs per laptop (€)', 'money'],
		['per_km', 'Prijs per km (€)', 'money'], ['vat', 'Btw-percentage', 'money'],
		['provider_name', 'Leverancier: naam', 'text'], ['provider_address', 'Leverancier: adres', 'text'],
		['invoice_number', 'Factuurnummer', 'text'], ['invoice_date', 'Factuurdatum', 'date'],
	];
	const setIn = {};
	for (const [k, , type] of SETTINGS) {
		setIn[k] = h('input', {
			id: 'cs-' + k, autocomplete: 'off', spellcheck: 'false',
			class: type === 'money' ? 'in-money' : type === 'date' ? 'in-date' : 'in-text',
			inputmode: type === 'money' ? 'decimal' : null,
			placeholder: type === 'date' ? 'dd-mm-jjjj' : k === 'provider_address' ? 'Straat 1, 1234 AB Plaats' : k === 'vat' ? '21' : type === 'money' ? '0,00' : null,
		});
		if (type === 'money') setIn[k].addEventListener('focus', () => setIn[k].select());
	}
	const setNote = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const setSummary = h('span', { class: 'sum-text' });
	const fillSettings = () => {
		const st = data.settings;
		for (const [k, , type] of SETTINGS) {
			// Before the rates are set, their fields are empty rather than "0,00".
			setIn[k].value = type === 'money' ? (st.rates_set ? moneyField(st[k]) : '') : type === 'date' ? fmtDate(st[k]) : st[k] || '';
			setIn[k].removeAttribute('aria-invalid');
		}
	};
	const drawSettingsSummary = () => {
		const st = data.settings;
		setSummary.textContent = st.rates_set
			? fmtMoney(st.hourly) + ' per uur · ' + fmtMoney(st.laptop_day) + ' per laptop per dag · ' + fmtMoney(st.per_km) + ' per km · btw ' + fmtPercent(st.vat)
			: 'nog niet ingevuld';
	};
	const labelled = (inp, label, cls) => h('span', { class: 'fld' + (cls ? ' ' + cls : '') }, h('label', { for: inp.id }, label), inp);
	const setForm = h('form', { class: 'settings-form', novalidate: true },
		h('div', { class: 'fld-grid' }, SETTINGS.slice(0, 4).map(([k, label]) => labelled(setIn[k], label))),
		h('div', { class: 'fld-grid' },
			labelled(setIn.provider_name, 'Leverancier: naam', 'fld-wide'),
			labelled(setIn.provider_address, 'Leverancier: adres', 'fld-wide')),
		h('div', { class: 'fld-grid' },
			labelled(setIn.invoice_number, 'Factuurnummer'),
			labelled(setIn.invoice_date, 'Factuurdatum')),
		h('p', { class: 'help' }, 'Bedragen excl. btw, met een komma of een punt: 57,25. Scheid de regels van het adres met een komma.'),
		setNote,
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'cs-save' }, 'Tarieven opslaan')));
	const setBox = h('details', { class: 'card settings', id: 'settings' },
		h('summary', {}, h('span', { class: 'sum-title' }, 'Tarieven en factuurgegevens'), ' ', setSummary),
		setForm);
	setForm.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		setNote.replaceChildren();
		const body = {};
		for (const [k, label, type] of SETTINGS) {
			const inp = setIn[k];
			inp.removeAttribute('aria-invalid');
			let v = inp.value.trim();
			if (type === 'money' && v === '' && !data.settings.rates_set) continue; // not yet known: later
			if (type === 'money') {
				v = moneyOut(v.replace(/%$/, ''));
				if (v === null) {
					inp.setAttribute('aria-invalid', 'true');
					setNote.append(msg(label.replace(/ \(.*\)$/, '') + ': vul een getal in met hoogstens twee decimalen, bijvoorbeeld ' + (k === 'vat' ? '21' : '57,25') + '.', 'error'));
					inp.focus();
					return;
				}
			} else if (type === 'date' && v !== '') {
				v = dateOut(v);
				if (v === null) {
					inp.setAttribute('aria-invalid', 'true');
					setNote.append(msg(label + ': vul een datum in als 01-09-2025, of laat het leeg.', 'error'));
					inp.focus();
					return;
				}
			}
			body[k] = v;
		}
		try {
			await api('PUT', '/api/costs/settings', body);
		} catch (e) {
			if (e.handled) return;
			setNote.append(msg('Niet opgeslagen: ' + e.message, 'error'));
			return;
		}
		await reload();
		fillSettings();
		setNote.append(msg('Tarieven en factuurgegevens opgeslagen om ' + clock() + '.', 'ok'));
	}));

	/* Adding and changing lines: one form per tab. */
	const lineNote = h('div', { class: 'form-msg', 'aria-live': 'polite', id: 'line-msg' });
	const lineHead = h('h2', { id: 'line-head' });
	const persons = h('datalist', { id: 'cost-persons' });
	const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Soort regel' });
	const forms = {};
	const inputs = {};
	const durHint = h('strong', { class: 'duration', id: 'cl-hours-duration', 'aria-live': 'polite' });
	for (const [kind] of COST_TABS) {
		inputs[kind] = {};
		const fields = LINE_FIELDS[kind].map(([name, label, type, opts]) => {
			const id = 'cl-' + kind + '-' + name;
			const inp = type === 'select'
				? h('select', { id }, Object.entries(opts).map(([v, t]) => h('option', { value: v }, t)))
				: h('input', {
					id, autocomplete: 'off', spellcheck: 'false',
					class: { text: 'in-text', date: 'in-date', time: 'in-time', int: 'in-int', money: 'in-money' }[type],
					inputmode: type === 'int' ? 'numeric' : type === 'money' ? 'decimal' : null,
					placeholder: type === 'date' ? 'dd-mm-jjjj' : type === 'time' ? 'uu:mm' : null,
					list: name === 'person' ? 'cost-persons' : null,
					maxlength: type === 'int' ? 6 : null,
				});
			inputs[kind][name] = inp;
			if (type === 'money' || type === 'int') inp.addEventListener('focus', () => inp.select());
			// "9" becomes "09:00" and "1-9-2025" "01-09-2025" on leaving the field.
			if (type === 'date') inp.addEventListener('change', () => { const v = dateOut(inp.value); if (v) inp.value = fmtDate(v); });
			if (type === 'time') inp.addEventListener('change', () => { const v = timeOut(inp.value); if (v) inp.value = v; });
			return labelled(inp, label, name === 'description' || name === 'activity' ? 'fld-wide' : null);
		});
		const cancel = h('button', { type: 'button', class: 'btn', hidden: true, 'data-role': 'cancel', onclick: () => stopEditing() }, 'Annuleren');
		const form = h('form', { class: 'line-form', id: 'line-form-' + kind, novalidate: true, hidden: true },
			h('div', { class: 'fld-row' }, fields),
			h('p', { class: 'help' }, LINE_HELP[kind], kind === 'hours' ? [' ', durHint] : null),
			h('div', { class: 'actions' },
				h('button', { type: 'submit', class: 'btn btn-primary', 'data-role': 'submit' }, 'Toevoegen'), cancel));
		const submit = safe(() => submitLine(kind));
		form.addEventListener('submit', (ev) => {
			ev.preventDefault(); // at once: requestSubmit() below would not wait for safe()
			submit();
		});
		form.addEventListener('keydown', (ev) => {
			if (ev.key === 'Escape' && editing) stopEditing();
			// Enter submits from a choice list too, as from the other fields.
			if (ev.key === 'Enter' && ev.target.tagName === 'SELECT' && !ev.isComposing) {
				ev.preventDefault();
				form.requestSubmit();
			}
		});
		forms[kind] = form;
		tabs.append(h('button', { type: 'button', class: 'tab', 'data-tab': kind, onclick: () => { stopEditing(); showTab(kind, true); } }, COST_TABS.find((t) => t[0] === kind)[1]));
	}
	const hoursDuration = () => {
		const a = timeOut(inputs.hours.from.value);
		const b = timeOut(inputs.hours.to.value);
		durHint.textContent = a && b && minutesOf(b) > minutesOf(a) ? 'Duur: ' + fmtMinutes(minutesOf(b) - minutesOf(a)) + ' uur.' : '';
	};
	inputs.hours.from.addEventListener('input', hoursDuration);
	inputs.hours.to.addEventListener('input', hoursDuration);

	const showTab = (kind, focus) => {
		tab = kind;
		for (const b of tabs.children) b.setAttribute('aria-pressed', b.dataset.tab === kind ? 'true' : 'false');
		for (const [k, f] of Object.entries(forms)) f.hidden = k !== kind;
		lineHead.textContent = editing ? 'Regel wijzigen' : 'Regel toevoegen';
		for (const f of Object.values(forms)) {
			f.querySelector('[data-role="submit"]').textContent = editing ? 'Wijziging opslaan' : 'Toevoegen';
			f.querySelector('[data-role="cancel"]').hidden = !editing;
		}
		tabs.hidden = !!editing;
		if (focus) forms[kind].querySelector('input, select').focus();
	};
	const clearFields = (kind, keep) => {
		for (const [name, inp] of Object.entries(inputs[kind])) {
			inp.removeAttribute('aria-invalid');
			if (keep.includes(name)) continue;
			if (inp.tagName === 'SELECT') inp.selectedIndex = 0;
			else inp.value = '';
		}
		if (kind === 'hours') hoursDuration();
	};
	const stopEditing = () => {
		if (!editing) return;
		const kind = tabOf(editing.kind);
		editing = null;
		clearFields(kind, []);
		lineNote.replaceChildren();
		showTab(kind, true);
		drawLedger();
	};
	const startEditing = (l) => {
		editing = l;
		const kind = tabOf(l.kind);
		const inp = inputs[kind];
		clearFields(kind, []);
		lineNote.replaceChildren();
		if (kind === 'hours') {
			inp.person.value = l.person;
			inp.date.value = fmtDate(l.date);
			inp.from.value = l.from;
			inp.to.value = l.to;
			inp.activity.value = l.activity;
			hoursDuration();
		} else if (kind === 'travel') {
			inp.person.value = l.person;
			inp.date.value = fmtDate(l.date);
			inp.km.value = Number.isInteger(l.km) ? String(l.km) : '';
			inp.amount.value = Number.isInteger(l.km) ? '' : moneyField(l.amount);
		} else if (kind === 'laptops') {
			inp.count.value = String(l.count);
			inp.days.value = String(l.days);
		} else {
			inp.category.value = l.kind;
			inp.amount.value = moneyField(l.amount);
			inp.description.value = l.description;
		}
		showTab(kind, false);
		drawLedger();
		lineBox.scrollIntoView({ block: 'nearest' });
		forms[kind].querySelector('input, select').focus();
	};

	/* The body of a line from its form, or a message naming the field that is wrong. */
	const readLine = (kind) => {
		const body = { kind };
		for (const [name, label, type] of LINE_FIELDS[kind]) {
			const inp = inputs[kind][name];
			const raw = inp.value.trim();
			let v = raw;
			let bad = null;
			if (type === 'date') {
				v = dateOut(raw);
				if (v === null) bad = label + ': vul een datum in als 28-08-2025.';
			} else if (type === 'time') {
				v = timeOut(raw);
				if (v === null) bad = label + ': vul een tijd in als ' + (name === 'from' ? '09:00' : '16:30') + '.';
			} else if (type === 'int') {
				if (raw === '' && kind === 'travel') continue; // kilometers or an amount
				v = /^\d+$/.test(raw) ? Number(raw) : null;
				if (v === null) bad = label + ': vul een heel getal in.';
			} else if (type === 'money') {
				if (raw === '' && kind === 'travel') continue;
				v = moneyOut(raw);
				if (v === null) bad = label.replace(/ \(.*\)$/, '').replace(/^of een b/, 'B') + ': vul een bedrag in met hoogstens twee decimalen, bijvoorbeeld 8,40.';
			}
			if (bad) return { bad, inp };
			if (name === 'category') body.kind = 'item';
			body[name] = v;
		}
		return { body };
	};

	const submitLine = async (kind) => {
		lineNote.replaceChildren();
		for (const inp of Object.values(inputs[kind])) inp.removeAttribute('aria-invalid');
		const { bad, inp, body } = readLine(kind);
		if (bad) {
			inp.setAttribute('aria-invalid', 'true');
			lineNote.append(msg(bad, 'error'));
			inp.focus();
			return;
		}
		const was = editing;
		let id;
		try {
			if (was) {
				await api('PUT', '/api/costs/lines/' + was.id, body);
				id = was.id;
			} else {
				id = (await api('POST', '/api/costs/lines', body)).id;
			}
		} catch (e) {
			if (e.handled) return;
			lineNote.append(msg((was ? 'Niet gewijzigd: ' : 'Niet toegevoegd: ') + e.message, 'error'));
			return;
		}
		editing = null;
		await reload();
		if (!alive(token)) return;
		const line = data.lines.find((l) => l.id === id);
		const what = line ? (line.kind_label || '') + (line.person ? ', ' + line.person : '') + ': ' + fmtMoney(line.line_amount) : '';
		// The next line of the same person and day is quick: those stay filled in.
		clearFields(kind, was ? [] : { hours: ['person', 'date', 'activity'], travel: ['person', 'date'], item: ['category'] }[kind] || []);
		showTab(kind, false);
		lineNote.append(msg((was ? 'Regel gewijzigd' : 'Regel toegevoegd') + (what ? ' (' + what + ')' : '') + '.', 'ok'));
		const next = forms[kind].querySelectorAll('input');
		(Array.from(next).find((x) => !x.value) || next[0]).focus();
	};

	const lineBox = h('section', { class: 'card line-box' }, lineHead, tabs, Object.values(forms), persons, lineNote);

	/* The ledger, the persons, the totals. */
	const ledgerNote = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const ledger = h('tbody');
	const personsBody = h('tbody');
	const totals = h('div', { class: 'totals-box', id: 'cost-totals', 'aria-live': 'polite' });
	const downloads = h('div', { class: 'downloads' });

	const remove = async (l) => {
		ledgerNote.replaceChildren();
		if (!window.confirm('Regel verwijderen?\n\n' + (l.kind_label || '') + (l.person ? ', ' + l.person : '') + (l.date ? ', ' + fmtDate(l.date) : '') +
			'\n' + lineWhat(l, data.settings) + ': ' + fmtMoney(l.line_amount))) return;
		try {
			await api('DELETE', '/api/costs/lines/' + l.id, {});
		} catch (e) {
			if (e.handled) return;
			ledgerNote.append(msg('Niet verwijderd: ' + e.message, 'error'));
			return;
		}
		if (editing && editing.id === l.id) stopEditing();
		await reload();
		ledgerNote.append(msg('Regel verwijderd.', 'ok'));
	};

	const drawLedger = () => {
		const st = data.settings;
		const rows = [];
		for (const k of data.summary.by_kind || []) {
			const lines = data.lines.filter((l) => l.kind === k.kind).sort((a, b) =>
				(a.date || '').localeCompare(b.date || '') || (a.person || '').localeCompare(b.person || '') ||
				(a.from || '').localeCompare(b.from || '') || a.id - b.id);
			if (!lines.length) continue;
			rows.push(h('tr', { class: 'group' }, h('th', { colspan: 5, scope: 'colgroup' }, k.label)));
			for (const l of lines) {
				rows.push(h('tr', { 'data-id': l.id, 'data-kind': l.kind, class: editing && editing.id === l.id ? 'editing' : null },
					h('td', {}, l.person || ''),
					h('td', { class: 'nowrap' }, fmtDate(l.date)),
					h('td', { class: 'what' }, lineWhat(l, st)),
					h('td', { class: 'num amount' }, fmtMoney(l.line_amount)),
					h('td', { class: 'row-actions' },
						h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Regel wijzigen: ' + k.label + ' ' + (l.person || '') + ' ' + lineWhat(l, st), onclick: () => startEditing(l) }, 'Wijzigen'),
						h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': 'Regel verwijderen: ' + k.label + ' ' + (l.person || '') + ' ' + lineWhat(l, st), onclick: safe(() => remove(l)) }, 'Verwijderen'))));
			}
			rows.push(h('tr', { class: 'sum-row', 'data-subtotal': k.kind },
				h('td', { colspan: 3 }, 'Subtotaal ' + k.label.toLowerCase()), h('td', { class: 'num' }, fmtMoney(k.amount)), h('td', {})));
		}
		if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'Nog geen regels. Voeg hierboven de eerste toe.')));
		ledger.replaceChildren(...rows);

		const ps = data.summary.persons || [];
		personsBody.replaceChildren(...(ps.length ? ps.map((p) => h('tr', {},
			h('td', {}, p.person), h('td', { class: 'num' }, p.hours), h('td', { class: 'num' }, fmtMoney(p.amount))))
			: [h('tr', {}, h('td', { colspan: 3, class: 'empty' }, 'Nog niemand.'))]));
		persons.replaceChildren(...ps.map((p) => h('option', { value: p.person })));

		const s = data.summary;
		setKids(totals,
			h('h2', {}, 'Totaal'),
			h('dl', { class: 'totals-list' },
				h('dt', {}, 'Excl. btw'), h('dd', { id: 'total-net' }, fmtMoney(s.net)),
				h('dt', {}, 'Btw ' + fmtPercent(st.vat)), h('dd', { id: 'total-vat' }, fmtMoney(s.vat)),
				h('dt', { class: 'grand' }, 'Totaal'), h('dd', { class: 'grand', id: 'total-total' }, fmtMoney(s.total))),
			st.rates_set ? null : msg('Vul eerst de tarieven in: zonder tarieven zijn uren, kilometers en laptops € 0,00.', 'warn'));
		setKids(downloads, h('span', { class: 'downloads-label' }, 'Factuur:'), st.rates_set
			? [h('a', { class: 'btn btn-small', href: '/api/costs/invoice.pdf', download: true, id: 'invoice-pdf', 'aria-label': 'Factuur downloaden als PDF' }, 'PDF'),
				h('a', { class: 'btn btn-small', href: '/api/costs/invoice.csv', download: true, id: 'invoice-csv', 'aria-label': 'Factuur downloaden als CSV' }, 'CSV')]
			: [h('button', { type: 'button', class: 'btn btn-small', disabled: true }, 'PDF'),
				h('button', { type: 'button', class: 'btn btn-small', disabled: true }, 'CSV'),
				h('p', { class: 'help' }, 'De factuur kan pas als de tarieven zijn ingevuld.')]);
		drawSettingsSummary();
	};

	const reload = async () => {
		const d = await api('GET', '/api/costs');
		if (!alive(token)) return;
		data = d;
		drawLedger();
	};

	add(main,
		h('h1', {}, 'Uren en kosten'),
		takeFlash(),
		h('div', { class: 'costs-layout' },
			h('div', { class: 'costs-main' },
				setBox,
				lineBox,
				h('h2', {}, 'Regels'),
				ledgerNote,
				h('table', { class: 'table ledger', id: 'ledger' },
					h('thead', {}, h('tr', {}, h('th', {}, 'Medewerker'), h('th', {}, 'Datum'), h('th', {}, 'Omschrijving'),
						h('th', { class: 'num' }, 'Bedrag'), h('th', {}, h('span', { class: 'visually-hidden' }, 'Acties')))),
					ledger)),
			h('aside', { class: 'costs-side' },
				totals,
				downloads,
				h('h2', {}, 'Per persoon'),
				h('table', { class: 'table persons', id: 'persons' },
					h('thead', {}, h('tr', {}, h('th', {}, 'Medewerker'), h('th', { class: 'num' }, 'Uren'), h('th', { class: 'num' }, 'Bedrag'))),
					personsBody),
				h('p', { class: 'help' }, 'Bedrag per persoon: uren en reiskosten, excl. btw.'))));
	fillSettings();
	drawLedger();
	setBox.open = !data.settings.rates_set;
	showTab(tab, false);
	(data.settings.rates_set ? inputs.hours.person : setIn.hourly).focus();
}

/* ------------------------------------------------------------------ */
/* Start                                                               */
/* ------------------------------------------------------------------ */

async function start() {
	window.addEventListener('hashchange', route);
	try {
		S.me = await api('GET', '/api/me');
		if (!S.me.must_change_password) await loadElection();
	} catch (e) {
		S.me = null;
		if (e.status === 0) S.flash = { text: e.message, kind: 'error' };
	}
	route();
}

document.addEventListener('DOMContentLoaded', start);
})();
