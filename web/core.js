/*
 * Teller's pages, the shared core: labels, the DOM builder, formatting, paths
 * into a count form, the state every view shares, messages and the banner.
 * Plain DOM, no framework, no build step. Everything that comes from the
 * server is put into the page with textContent, never as HTML.
 */

/* ------------------------------------------------------------------ */
/* Labels                                                             */
/* ------------------------------------------------------------------ */

export const ROLE = { typist: 'invoerder', coordinator: 'coördinator', administrator: 'beheerder' };

/* The vocabulary the server owns (GET /api/vocabulary; tally/labels.h), filled
 * in place by api.js's loadVocabulary once after login, so that modules can
 * import these at once. Until then they are empty: a status shows its name.
 * What a station offers (its actions, what it waits for, whose entry it is) comes
 * with the station itself (GET /api/stations, /api/stations/{n}), asked of tally/. */
export const STATUS = {};       // status name -> Dutch label
export const STATES = [];       // the status names, in the state machine's order
export const FORM_GROUPS = [];  // the count form's fixed fields: [{name, title, fields: [{letter, name, label}]}]
export const LIMITS = {};       // count_max: the largest count a field holds
export const ENTRY_NAME = { 1: 'Eerste invoer', 2: 'Tweede invoer' };

export const HOME = { typist: '#/stations', coordinator: '#/stations', administrator: '#/accounts' };

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */
/* ------------------------------------------------------------------ */

/* h('tag', {class, text, onclick, attr...}, children...): builds an element. */
export function h(tag, props, ...kids) {
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
export function add(el, ...kids) {
	el.append(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
	return el;
}
export function setKids(el, ...kids) {
	el.replaceChildren();
	return add(el, ...kids);
}

export const $ = (sel, root) => (root || document).querySelector(sel);

export function fmtNum(v) {
	return Number.isInteger(v) ? v.toLocaleString('nl-NL') : '–';
}

export function fmtTime(v) {
	if (v === null || v === undefined || v === '') return '–';
	const d = typeof v === 'number' ? new Date(v < 1e12 ? v * 1000 : v) : new Date(v);
	if (isNaN(d.getTime())) return String(v);
	return d.toLocaleString('nl-NL', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function clock() {
	return new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' });
}

/* Paths as the server writes them: "votes.list_totals[0]", "lists[1].candidates[4]". */
export function parsePath(p) {
	return (p.match(/[^.[\]]+/g) || []).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
export function getAt(obj, p) {
	let o = obj;
	for (const k of parsePath(p)) {
		if (o === null || o === undefined) return undefined;
		o = o[k];
	}
	return o;
}
export function setAt(obj, p, v) {
	const ks = parsePath(p);
	let o = obj;
	for (let i = 0; i < ks.length - 1; i++) o = o[ks[i]];
	o[ks[ks.length - 1]] = v;
}
export const domId = (p) => 'f-' + p.replace(/[^a-z0-9]+/gi, '-');

export function fmtSize(n) {
	if (!Number.isInteger(n)) return '–';
	if (n < 1024) return n + ' bytes';
	return (n / 1024).toLocaleString('nl-NL', { maximumFractionDigits: n < 10240 ? 1 : 0 }) + ' kB';
}

/* ------------------------------------------------------------------ */
/* Shared state                                                       */
/* ------------------------------------------------------------------ */

export const S = {
	me: null,          // {user, role, csrf_token, must_change_password}
	election: null,    // GET /api/election
	view: 0,           // increases with every render: async work of an old view stops
	cleanup: [],       // functions run when the view changes
	flash: null,       // {text, kind}: message for the next view
	returnTo: '',      // the fragment to go back to after logging in again
};

export const alive = (token) => token === S.view;

/* The router is main.js's; the views and api.js need to re-route (after an
 * action, a lost session) and the login view needs main.js's afterLogin. They
 * call these hooks, which main.js fills in before it starts, so that imports
 * go one way only (main.js -> view-*.js -> api.js -> core.js) and no module
 * depends on the evaluation order of a cycle. */
export const app = {
	route: () => {},
	afterLogin: async () => {},
};
export const route = () => app.route();

/* ------------------------------------------------------------------ */
/* Messages                                                           */
/* ------------------------------------------------------------------ */

export function banner(text, kind) {
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
export function msg(text, kind) {
	return h('p', { class: 'msg msg-' + (kind || 'info'), role: kind === 'error' ? 'alert' : 'status', text });
}

export function takeFlash() {
	const f = S.flash;
	S.flash = null;
	return f ? msg(f.text, f.kind) : null;
}

export function every(ms, fn) {
	const t = setInterval(fn, ms);
	S.cleanup.push(() => clearInterval(t));
}

/* A hash code (64 hex digits, as 16 groups of 4) in 4 rows of 4 groups,
 * the way the proces-verbaal prints it, so the two can be compared. */
export function hashBlock(code, label) {
	const text = String(code || '').trim();
	let groups = text.split(/\s+/);
	if (groups.length !== 16) groups = text.replace(/\s+/g, '').match(/.{1,4}/g) || [];
	const rows = [];
	for (let i = 0; i < groups.length; i += 4) rows.push(h('span', { class: 'hash-row' }, groups.slice(i, i + 4).join(' ')));
	return h('span', { class: 'hash', role: 'group', 'aria-label': label }, rows);
}
