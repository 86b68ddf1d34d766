/* Coordinator: the municipality's totals of the definitive stations. */
import { h, add, $, msg, alive, getAt, fmtNum } from './core.js';
import { api, ApiError, loadElection, loadVocabulary } from './api.js';
import { buildSections } from './form.js';

export async function viewTotals(token) {
	const main = $('#main');
	const [el, t] = await Promise.all([loadElection(), api('GET', '/api/totals'), loadVocabulary()]);
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
		// Draft or final is the server's (count_complete, asked of tally/).
		!t.count_complete ? msg('Voorlopige uitslag (concept): nog niet alle stembureaus zijn definitief. Alleen definitieve stembureaus tellen mee.', 'warn') : msg('Alle stembureaus zijn definitief.', 'ok'),
		h('div', { class: 'totals-grid' },
			h('section', {}, h('h2', {}, 'Aantallen'), h('table', { class: 'table' },
				h('thead', {}, h('tr', {}, h('th', {}, 'Letter'), h('th', {}, 'Omschrijving'), h('th', { class: 'num' }, 'Aantal'))), letters)),
			h('section', {}, h('h2', {}, 'Stemmen per lijst'),
				h('img', { src: '/api/totals/chart.svg', alt: 'Staafdiagram van de stemmen per lijst', class: 'chart' }),
				lists)));
}
