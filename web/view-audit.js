/*
 * Coordinator and administrator: the audit log ("Logboek"), newest first,
 * filtered by station, person and action. The filters live in the URL
 * fragment (#/audit?station=3&actor=jansen&action=login), so a page can link
 * to a station's log and the browser's back button undoes a filter. The check
 * of the hash chain is the server's (the whole log, whatever the filters).
 */
import { h, add, $, msg, alive, fmtTime, setKids, ROLE } from './core.js';
import { api } from './api.js';

const PAGE = 100;
const FILTERS = ['station', 'actor', 'action'];

/* The filters of the fragment "#/audit?station=3&actor=x": {station, actor, action}, trimmed. */
export function auditFilters(hash) {
	const q = new URLSearchParams((hash || '').split('?').slice(1).join('?'));
	const f = {};
	for (const k of FILTERS) f[k] = (q.get(k) || '').trim();
	return f;
}

/* The fragment of a filtered log: only the filters that are set. */
export function auditHref(f) {
	const q = new URLSearchParams();
	for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
	const s = q.toString();
	return '#/audit' + (s ? '?' + s : '');
}

let focusResults = false;  // after a filter was applied: the keyboard goes on at the results

export async function viewAudit(token) {
	const main = $('#main');
	const f = auditFilters(location.hash);
	const query = (before) => {
		const q = new URLSearchParams();
		for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
		q.set('limit', String(PAGE));
		if (before) q.set('before_id', String(before));
		return '/api/audit?' + q.toString();
	};

	// The filter form: Enter in any field applies it.
	const station = h('input', { id: 'audit-station', type: 'text', inputmode: 'numeric', autocomplete: 'off', size: 6, value: f.station });
	const actor = h('input', { id: 'audit-actor', type: 'text', autocomplete: 'off', spellcheck: 'false', size: 14, value: f.actor });
	const action = h('select', { id: 'audit-action' }, h('option', { value: '' }, 'Alle handelingen'));
	const anyFilter = FILTERS.some((k) => f[k]);
	const form = h('form', { class: 'inline-form audit-filters', id: 'audit-filters', role: 'search', 'aria-label': 'Logboek filteren' },
		h('div', {}, h('label', { for: 'audit-station' }, 'Stembureau'), station),
		h('div', {}, h('label', { for: 'audit-actor' }, 'Persoon'), actor),
		h('div', {}, h('label', { for: 'audit-action' }, 'Handeling'), action),
		h('div', { class: 'audit-buttons' },
			h('button', { type: 'submit', class: 'btn btn-primary', id: 'audit-apply' }, 'Filteren'),
			anyFilter ? h('a', { href: '#/audit', class: 'btn', id: 'audit-clear' }, 'Filters wissen') : null));
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		const next = auditHref({ station: station.value.trim(), actor: actor.value.trim(), action: action.value });
		focusResults = true;
		if (next === location.hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
		else location.hash = next;
	});

	const chain = h('div', { id: 'audit-chain', 'aria-live': 'polite' });
	const summary = h('p', { class: 'progress-text', id: 'audit-summary', tabindex: '-1' });
	const tbody = h('tbody');
	const more = h('button', { type: 'button', class: 'btn', id: 'audit-more', hidden: true }, 'Meer laden');
	const moreNote = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	add(main,
		h('h1', {}, 'Logboek'),
		h('p', { class: 'help' }, 'Alles wat in Teller is gedaan, het nieuwste bovenaan: wie, wanneer, vanaf welk adres. Teller controleert of elke regel nog aansluit op de vorige (hieronder).'),
		chain,
		form,
		summary,
		h('table', { class: 'table audit' },
			h('thead', {}, h('tr', {},
				h('th', { class: 'num', scope: 'col' }, 'Nr'), h('th', { scope: 'col' }, 'Tijd'), h('th', { scope: 'col' }, 'Persoon'),
				h('th', { scope: 'col' }, 'Handeling'), h('th', { class: 'num', scope: 'col' }, 'Stembureau'),
				h('th', { scope: 'col', class: 'audit-wide' }, 'Omschrijving'), h('th', { scope: 'col' }, 'Adres'))),
			tbody),
		h('div', { class: 'actions' }, more), moreNote);

	// The choices of the action filter; a failure leaves only "Alle handelingen" (and the one asked).
	const actions = api('GET', '/api/audit/actions').then((a) => a.actions || []).catch((e) => {
		if (e.handled) throw e;
		return [];
	});
	let first;
	let names;
	try {
		[first, names] = await Promise.all([api('GET', query(null)), actions]);
	} catch (e) {
		// A filter the server cannot read (400 bad_param): its message at the form.
		if (e.handled || e.status !== 400) throw e;
		if (!alive(token)) return;
		form.after(msg(e.message, 'error'));
		names = await actions;
		first = { records: [], chain_intact: null, next_before_id: null };
	}
	if (!alive(token)) return;
	if (f.action && !names.includes(f.action)) names.push(f.action);
	for (const n of names) action.append(h('option', { value: n, selected: n === f.action }, n));
	action.value = f.action;

	setKids(chain, first.chain_intact === null ? null : first.chain_intact
		? msg('Het logboek is ongeschonden: elke regel sluit aan op de vorige.', 'ok')
		: msg('Let op: het logboek is beschadigd of buiten Teller om gewijzigd. De eerste regel die niet aansluit is nr. ' +
			first.chain_broken_at + '. Waarschuw de ICT-ondersteuning en bewaar een kopie van de database.', 'error'));

	let shown = 0;
	const row = (r) => h('tr', { 'data-id': r.id, class: !first.chain_intact && r.id === first.chain_broken_at ? 'audit-broken' : null },
		h('td', { class: 'num' }, String(r.id)),
		h('td', { class: 'nowrap' }, fmtTime(r.at)),
		h('td', {}, r.actor ? h('a', { href: auditHref({ ...f, actor: r.actor }), title: 'Alleen ' + r.actor }, r.actor) : '–',
			r.role ? h('span', { class: 'sub audit-role' }, ROLE[r.role] || r.role) : null),
		// Action names break only after an underscore ("costs_<wbr>settings").
		h('td', { class: 'audit-action' }, (r.action || '').split('_').flatMap((w, i) => (i ? ['_', h('wbr'), w] : [w]))),
		h('td', { class: 'num' }, r.station === null || r.station === undefined ? ''
			: h('a', { href: auditHref({ ...f, station: String(r.station) }), title: 'Alleen stembureau ' + r.station }, String(r.station))),
		h('td', { class: 'audit-detail' }, r.detail || ''),
		h('td', { class: 'mono audit-address' + ((r.address || '').length <= 15 ? ' nowrap' : '') }, r.address || ''));
	let next = null;
	const show = (page) => {
		const rows = (page.records || []).map(row);
		tbody.append(...rows);
		shown += rows.length;
		next = page.next_before_id;
		more.hidden = next === null || next === undefined;
		const what = anyFilter ? ' (gefilterd)' : '';
		summary.textContent = shown === 0 ? 'Geen regels' + what + '.'
			: shown + (shown === 1 ? ' regel' : ' regels') + what + (more.hidden ? '.' : ', er zijn er meer.');
		return rows;
	};
	show(first);
	if (!shown) tbody.append(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, anyFilter ? 'Geen regels met deze filters.' : 'Het logboek is leeg.')));
	more.addEventListener('click', async () => {
		moreNote.replaceChildren();
		more.disabled = true;
		try {
			const page = await api('GET', query(next));
			if (!alive(token)) return;
			const rows = show(page);
			// The keyboard goes on at the first new line.
			if (rows.length) {
				rows[0].tabIndex = -1;
				rows[0].focus();
			}
		} catch (e) {
			if (!e.handled) moreNote.append(msg('Niet gelukt: ' + e.message, 'error'));
		} finally {
			more.disabled = false;
		}
	});
	if (focusResults) {
		focusResults = false;
		summary.focus();
	}
}
