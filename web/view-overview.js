/* Coordinator: the overview of every station, with filters by status. */
import { h, add, $, banner, takeFlash, every, alive, clock, STATUS, STATES } from './core.js';
import { api, loadVocabulary } from './api.js';

export async function viewOverview(token) {
	const main = $('#main');
	let [stations] = await Promise.all([api('GET', '/api/stations'), loadVocabulary()]);
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
