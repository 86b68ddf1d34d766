/*
 * Coordinator: the overview of every station. At the top what needs the
 * coordinator (differences, entries with errors, the stations waiting longest,
 * the entries being typed and where their typists are); below every station,
 * filtered by status, searchable, sortable by any column.
 */
import { h, add, $, banner, takeFlash, every, alive, clock, STATUS, STATES } from './core.js';
import { api, loadElection, loadVocabulary } from './api.js';
import { buildSections } from './form.js';

/* Minutes since a stored moment (UTC ISO), or null. */
const minutesSince = (iso) => {
	const t = iso ? Date.parse(iso) : NaN;
	return Number.isNaN(t) ? null : Math.max(0, Math.floor((Date.now() - t) / 60000));
};
const ago = (min) => (min === null ? '' : min < 1 ? '< 1 min' : min < 60 ? min + ' min' : Math.floor(min / 60) + ' u ' + (min % 60) + ' min');

/* An entry that saw no save this long is shown as quiet (a typist away, a laptop off). */
const QUIET_MIN = 10;
/* At most this many stations per group in "needs me"; the rest are counted. */
const SHOW = 8;
/* What a station waits for is the state machine's (the server's "waits_for"); these
 * are the ones "needs me" shows. The coordinator's decisions get a group per status,
 * its title saying what to decide (another status gets its label). */
const SHOWN_WAITS = ['coordinator', 'second_entry', 'typist'];
const DECIDE = [
	['different', 'needs-different', 'Verschil: beslissen'],
	['first_has_errors', 'needs-errors', 'Eerste invoer met fouten: terugsturen of verwijderen'],
];

const COLUMNS = [
	['number', 'Nr', 'num', (s) => s.number],
	['name', 'Naam', '', (s) => (s.name || '').toLowerCase()],
	['status', 'Status', '', (s) => STATES.indexOf(s.status)],
	['since', 'Sinds', '', (s) => (s.since ? Date.parse(s.since) : Infinity)],
	['first', '1e invoer', '', (s) => s.first_typist || ''],
	['second', '2e invoer', '', (s) => s.second_typist || ''],
	['notes', 'Meldingen', '', (s) => (s.first_has_errors || s.second_has_errors ? 0 : s.has_warnings ? 1 : 2)],
];

export async function viewOverview(token) {
	const main = $('#main');
	let [stations, el] = await Promise.all([api('GET', '/api/stations'), loadElection(), loadVocabulary()]);
	if (!alive(token)) return;
	const sections = el ? buildSections(el) : [];
	const sectionName = (id) => {
		if (id === 'review') return 'Controleren';
		const i = sections.findIndex((s) => s.id === id);
		return i < 0 ? '–' : (sections[i].short || sections[i].title) + ' (' + (i + 1) + ' van ' + (sections.length + 1) + ')';
	};
	let filter = '';
	let sort = { key: 'number', dir: 1 };
	// The rows are kept and reused (500 stations): a row is built again only when its station
	// changed, and the table body is only re-ordered when the rows shown or their order change.
	const cache = new Map();   // station number -> {key, tr, since (its "Sinds" cell)}
	let shown = null;          // the numbers in the body, in order
	let needsKey = '';
	const bar = h('progress', { id: 'progress', max: 1, value: 0 });
	const barText = h('span', { class: 'progress-text' });
	const needs = h('section', { id: 'needs-me', class: 'needs-me', 'aria-live': 'polite' });
	const filters = h('div', { class: 'filters', role: 'group', 'aria-label': 'Toon stembureaus met status' });
	const search = h('input', { id: 'search', type: 'search', autocomplete: 'off', placeholder: 'nummer of naam' });
	const tbody = h('tbody');
	const headRow = h('tr');
	const updated = h('span', { class: 'help' });
	add(main,
		h('h1', {}, 'Overzicht stembureaus'),
		takeFlash(),
		h('div', { class: 'progress-row' }, bar, barText),
		needs,
		h('h2', { class: 'all-title' }, 'Alle stembureaus'),
		filters,
		h('div', { class: 'search-row' }, h('label', { for: 'search' }, 'Zoeken'), search, updated),
		h('table', { class: 'table overview' }, h('thead', {}, headRow), tbody));

	const link = (st, text) => h('a', { href: '#/station/' + st.number }, text);

	/* What needs the coordinator, the oldest first within each group. */
	const drawNeeds = () => {
		const key = JSON.stringify([Math.floor(Date.now() / 60000), stations.filter((s) => SHOWN_WAITS.includes(s.waits_for))]);
		if (key === needsKey) return; // unchanged: keep the block (and a focused link in it)
		needsKey = key;
		const oldest = (list) => list.slice().sort((a, b) => (Date.parse(a.since) || 0) - (Date.parse(b.since) || 0));
		const group = (id, title, list, line, kind) => {
			if (!list.length) return null;
			const shown = list.slice(0, SHOW);
			return h('div', { class: 'needs-group needs-' + kind, id },
				h('h3', {}, title + ' (' + list.length + ')'),
				h('ul', {}, shown.map((st) => h('li', { 'data-station': st.number }, line(st)))),
				list.length > shown.length ? h('p', { class: 'help' }, 'en nog ' + (list.length - shown.length) + ' – zie de lijst hieronder') : null);
		};
		const waiting = (st) => [link(st, st.number + ' ' + st.name), ' ', h('span', { class: 'wait' }, 'wacht ' + ago(minutesSince(st.since)))];
		const waitsFor = (w) => stations.filter((s) => s.waits_for === w);
		const decide = oldest(waitsFor('coordinator'));
		const decideStates = [...new Set(decide.map((s) => s.status))];
		const rank = (status) => {
			const i = DECIDE.findIndex(([s]) => s === status);
			return i < 0 ? DECIDE.length + STATES.indexOf(status) : i;
		};
		decideStates.sort((a, b) => rank(a) - rank(b));
		const second = oldest(waitsFor('second_entry'));
		const busy = waitsFor('typist')
			.sort((a, b) => (minutesSince(b.progress && b.progress.saved) || 0) - (minutesSince(a.progress && a.progress.saved) || 0));
		const quiet = busy.filter((s) => (minutesSince(s.progress && s.progress.saved) || 0) >= QUIET_MIN).length;
		const blocks = [
			...decideStates.map((status) => {
				const [, id, title] = DECIDE.find(([s]) => s === status) || [status, 'needs-' + status, STATUS[status] || status];
				return group(id, title, decide.filter((s) => s.status === status), waiting, 'err');
			}),
			group('needs-second', 'Wachten het langst op de tweede invoer', second, waiting, 'info'),
			group('needs-busy', 'Invoer bezig' + (quiet ? ' – ' + quiet + ' al ' + QUIET_MIN + ' min of langer stil' : ''), busy, (st) => {
				const m = minutesSince(st.progress && st.progress.saved);
				return [link(st, st.number + ' ' + st.name), ' – ', st.holder || '?', ': ', sectionName(st.progress && st.progress.section),
					', ', h('span', { class: 'wait' + (m !== null && m >= QUIET_MIN ? ' quiet' : '') }, m === null ? 'nog niet opgeslagen' : m < 1 ? 'zojuist opgeslagen' : 'opgeslagen ' + ago(m) + ' geleden')];
			}, 'busy'),
		].filter(Boolean);
		needs.replaceChildren(...[h('h2', {}, 'Wat u nodig heeft'),
			decide.length ? null : h('p', { class: 'msg msg-ok', id: 'needs-nothing' }, 'Geen verschillen en geen invoer met fouten.'),
			h('div', { class: 'needs-grid' }, blocks)].filter(Boolean));
	};

	const drawHead = () => {
		headRow.replaceChildren(...COLUMNS.map(([key, label, cls]) => {
			const on = sort.key === key;
			return h('th', { class: cls || null, 'aria-sort': on ? (sort.dir > 0 ? 'ascending' : 'descending') : null },
				h('button', {
					type: 'button', class: 'sort' + (on ? ' sorted' : ''), 'data-sort': key,
					onclick: () => {
						sort = { key, dir: on ? -sort.dir : 1 };
						drawHead();
						draw();
					},
				}, label, on ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''));
		}));
	};

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
		drawNeeds();
		const q = search.value.trim().toLowerCase();
		const key = COLUMNS.find((c) => c[0] === sort.key)[3];
		const rows = stations.filter((st) => (!filter || st.status === filter) &&
			(!q || String(st.number).startsWith(q) || (st.name || '').toLowerCase().includes(q)))
			.sort((a, b) => {
				const x = key(a);
				const y = key(b);
				return (x < y ? -1 : x > y ? 1 : a.number - b.number) * sort.dir;
			});
		const sinceText = (st) => (st.since && st.status !== 'empty' ? ago(minutesSince(st.since)) : '');
		const order = rows.map((st) => st.number);
		const same = shown !== null && order.length === shown.length && order.every((n, i) => n === shown[i]);
		for (const st of rows) {
			const k = JSON.stringify(st);
			let c = cache.get(st.number);
			if (!c || c.key !== k) {
				const tr = rowOf(st);
				if (c && same) c.tr.replaceWith(tr);
				c = { key: k, tr, since: tr.querySelector('td.since') };
				cache.set(st.number, c);
			}
			const t = sinceText(st);
			if (c.since.textContent !== t) c.since.textContent = t;
		}
		if (same && rows.length) return;
		shown = order;
		if (!rows.length) tbody.replaceChildren(h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'empty' }, 'Geen stembureaus die hierbij passen.')));
		else tbody.replaceChildren(...rows.map((st) => cache.get(st.number).tr));
	};
	const rowOf = (st) => {
		const notes = [];
		if (st.first_has_errors || st.second_has_errors) notes.push(h('span', { class: 'flag flag-err' }, 'fouten'));
		if (st.has_warnings) notes.push(h('span', { class: 'flag flag-warn' }, 'waarschuwingen'));
		if (st.correcting) notes.push(h('span', { class: 'flag' }, 'wordt gecorrigeerd'));
		return h('tr', { class: 'st-row-' + st.status },
			h('td', { class: 'num' }, link(st, String(st.number))),
			h('td', {}, link(st, st.name)),
			h('td', {}, h('span', { class: 'pill st-' + st.status }, STATUS[st.status] || st.status)),
			h('td', { class: 'since' }),
			h('td', {}, st.first_typist || ''),
			h('td', {}, st.second_typist || ''),
			h('td', {}, notes));
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
	drawHead();
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
