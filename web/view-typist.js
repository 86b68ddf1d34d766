/* Typist: the list of stations, to claim or resume an entry. */
import { h, add, $, msg, banner, takeFlash, every, alive, STATUS, ENTRY_NAME } from './core.js';
import { api, loadVocabulary } from './api.js';
import { dropLocal } from './entry-state.js';

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

export async function viewTypistStations(token) {
	const main = $('#main');
	let [stations] = await Promise.all([api('GET', '/api/stations'), loadVocabulary()]);
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
	// Rows are kept and reused (500 stations): a row is built again only when its station
	// changed, and the body is only re-ordered when the rows shown change (typing a number).
	const cache = new Map();   // station number -> {key, tr}
	let shown = null;
	const rowOf = (st) => {
		const a = stationAction(st);
		return h('tr', { class: st.mine ? 'mine' : null },
			h('td', { class: 'num' }, String(st.number)),
			h('td', {}, st.name),
			h('td', {}, h('span', { class: 'pill st-' + st.status }, STATUS[st.status] || st.status)),
			h('td', {}, a ? h('button', { type: 'button', class: 'btn btn-small' + (st.mine ? ' btn-primary' : ''), onclick: () => act(st.number, a.entry) }, a.label) : ''));
	};
	const fill = () => {
		const q = quick.value.trim();
		const rows = stations.filter((st) => !q || String(st.number).startsWith(q));
		const order = rows.map((st) => st.number);
		const same = shown !== null && order.length === shown.length && order.every((n, i) => n === shown[i]);
		for (const st of rows) {
			const k = JSON.stringify(st);
			const c = cache.get(st.number);
			if (c && c.key === k) continue;
			const tr = rowOf(st);
			if (c && same) c.tr.replaceWith(tr);
			cache.set(st.number, { key: k, tr });
		}
		if (same && rows.length) return;
		shown = order;
		if (!rows.length) tbody.replaceChildren(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'Geen stembureau met dit nummer.')));
		else tbody.replaceChildren(...rows.map((st) => cache.get(st.number).tr));
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
