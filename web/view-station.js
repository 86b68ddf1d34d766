/* Coordinator: one station, its two entries side by side, and the decisions. */
import { h, add, $, msg, takeFlash, every, alive, route, getAt, fmtNum, fmtTime, S, STATUS } from './core.js';
import { api, ApiError, loadElection, loadVocabulary } from './api.js';
import { buildSections } from './form.js';

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

export async function viewStation(token, nArg) {
	const n = Number(nArg);
	const main = $('#main');
	const [el, d] = await Promise.all([loadElection(), api('GET', '/api/stations/' + n), loadVocabulary()]);
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

	// Which actions this station offers is the state machine's, asked by the server for
	// this station's own state (d.actions: e.g. no "keep the second, correct the first"
	// when the second entry has errors; none while the count is finished). Their look,
	// labels and confirm texts are this page's.
	const offered = new Set(d.actions || []);
	const buttons = (...list) => list.filter(([action]) => offered.has(action)).map(([action, cls]) => button(action, cls));
	const decide = buttons(['keep_first_correct_second', 'btn-primary'], ['keep_second_correct_first', 'btn-primary'],
		['keep_first'], ['keep_second'], ['discard_both', 'btn-danger']);
	const firstErrors = buttons(['return_to_typist', 'btn-primary'], ['discard_first', 'btn-danger']);
	const actions = h('div', { class: 'station-actions' });
	if (decide.length) {
		add(actions, h('h2', {}, 'Beslissen over het verschil'),
			h('p', { class: 'help' }, 'De twee invoeren verschillen in ' + diffs.size + (diffs.size === 1 ? ' veld' : ' velden') + ' (gemarkeerd in de tabel). Vergelijk met het papieren proces-verbaal en kies:'),
			h('div', { class: 'action-grid' }, decide));
	}
	if (firstErrors.length) {
		add(actions, h('h2', {}, 'Eerste invoer heeft fouten'),
			h('p', { class: 'help' }, 'Stuur de invoer terug naar de typist om de fouten te verbeteren, of verwijder hem zodat het stembureau opnieuw wordt ingevoerd.'),
			h('div', { class: 'action-grid' }, firstErrors));
	}
	if (d.count_finished) {
		add(actions, h('div', { class: 'msg msg-info', id: 'count-finished' },
			'De telling is afgerond: dit stembureau kan niet worden teruggezet of opnieuw ingevoerd. Moet er toch iets veranderen, heropen dan eerst de invoerfase op de pagina ',
			h('a', { href: '#/export' }, 'Uitslag'), '.'));
	}
	if (offered.has('reset')) {
		add(actions, h('div', { class: 'reset-row' }, button('reset', 'btn-danger btn-small'),
			h('span', { class: 'help' }, 'Verwijdert alle invoer van dit stembureau.')));
	}

	// An entry that is still being typed comes without figures or findings (nobody sees an
	// entry's figures before it is finalised): only who types it, where and when last saved.
	const pending = (e) => !!e && !e.finalised;
	const sectionName = (id) => {
		if (id === 'review') return 'Controleren';
		const s = sections.find((x) => x.id === id);
		return s ? s.short || s.title : 'nog niet begonnen';
	};
	const pendingText = (e) => 'Wordt ingevoerd door ' + (e.typist || '?') + ' (sectie ' + sectionName(e.progress) + ')' +
		(e.saved ? ', laatst opgeslagen ' + fmtTime(e.saved) : '') + '.';

	const onlyDiff = h('input', { type: 'checkbox', id: 'only-diff' });
	const tbody = h('tbody');
	const head = (e, no) => h('th', { class: 'num' },
		'Invoer ' + no, h('br'),
		h('span', { class: 'sub' }, e ? (e.typist || '') + (e.finalised ? '' : ' (wordt ingevoerd)') : 'geen'));
	const cell = (e, path, diff) => {
		if (pending(e)) return h('td', { class: 'num pending' }, '');
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
		if (pending(e)) {
			return h('section', { class: 'review-block', id: 'entry-' + no + '-pending' },
				h('h3', {}, 'Invoer ' + no + (e.typist ? ' (' + e.typist + ')' : '')),
				h('p', {}, pendingText(e)),
				e.cleared && e.cleared.length ? h('p', { class: 'help' }, 'Opnieuw in te voeren: ' + e.cleared.length + (e.cleared.length === 1 ? ' veld.' : ' velden.')) : null,
				h('p', { class: 'help' }, 'De cijfers zijn te zien zodra de typist de invoer heeft afgerond.'));
		}
		const list = (e.errors || []).map((f) => ['error', f]).concat((e.warnings || []).map((f) => ['warning', f]));
		return h('section', { class: 'review-block' },
			h('h3', {}, 'Invoer ' + no + (e.typist ? ' (' + e.typist + ')' : '')),
			list.length ? h('ul', { class: 'review-list' }, list.map(([kind, f]) => h('li', { class: 'finding finding-' + kind },
				h('span', { class: 'code' }, f.code), ' ', f.message))) : h('p', {}, 'Geen fouten of waarschuwingen.'),
			e.warnings && e.warnings.length ? h('p', { class: 'help' }, e.warnings_confirmed ? 'De typist heeft de waarschuwingen bevestigd.' : 'Waarschuwingen (nog) niet bevestigd.') : null);
	};

	add(main,
		h('p', {}, h('a', { href: '#/stations' }, '← Overzicht'), ' · ', h('a', { href: '#/audit?station=' + n, id: 'station-audit' }, 'Logboek van dit stembureau')),
		h('div', { class: 'station-head' },
			h('h1', {}, 'Stembureau ' + n + (st.name ? ' – ' + st.name : '')),
			h('span', { class: 'pill pill-big st-' + st.status, id: 'station-status' }, STATUS[st.status] || st.status),
			h('button', { type: 'button', class: 'btn btn-small', onclick: () => route() }, 'Vernieuwen')),
		takeFlash(),
		note,
		entries.some((e) => e.finalised) ? h('div', { class: 'station-layout' },
			h('section', { class: 'compare-col' },
				h('h2', {}, 'Invoeren naast elkaar'),
				diffs.size ? h('p', { class: 'confirm' }, onlyDiff, ' ', h('label', { for: 'only-diff' }, 'Alleen de ' + diffs.size + ' verschillen tonen')) : null,
				h('table', { class: 'table compare' },
					h('thead', {}, h('tr', {}, h('th', {}, 'Letter'), h('th', {}, 'Veld'), head(e1, 1), head(e2, 2), h('th', {}, ''))),
					tbody)),
			h('aside', { class: 'side-col' }, actions, findings(e1, 1), findings(e2, 2)))
			: entries.length ? [h('div', { class: 'station-layout' },
				h('section', { class: 'compare-col' }, h('h2', {}, 'Invoer'),
					entries.map((e) => h('p', { class: 'msg msg-info entry-pending' }, 'Invoer ' + e.entry + ': ' + pendingText(e))),
					h('p', { class: 'help' }, 'De cijfers zijn te zien zodra de typist de invoer heeft afgerond.')),
				h('aside', { class: 'side-col' }, actions))]
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
