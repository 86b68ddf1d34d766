/*
 * Typist: the entry form, one section of the proces-verbaal at a time, with
 * the keys of the paper's speed (Enter: next field). The state and saving are
 * in entry-state.js, the last step (review and finalise) in entry-review.js.
 */
import { h, add, setKids, $, msg, S, alive, getAt, setAt, domId, fmtNum, ENTRY_NAME } from './core.js';
import { api, ApiError, loadElection, loadVocabulary } from './api.js';
import { buildSections, fieldIndex } from './form.js';
import { entryState } from './entry-state.js';
import { drawReview } from './entry-review.js';

export async function viewEntry(token, nArg, eArg) {
	const n = Number(nArg);
	const entry = Number(eArg);
	const main = $('#main');
	const url = '/api/stations/' + n + '/entries/' + entry;
	const [el] = await Promise.all([loadElection(), loadVocabulary()]);
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

	/* The entry being typed, its local copy and its saving: entry-state.js. */
	const { E, start, local } = entryState({ n, entry, url, token, el, sections }, data);
	const { storeLocal, save } = E;

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
			h('button', { type: 'button', class: 'link discard-link', tabindex: '-1', onclick: () => E.discard((t) => setStatus(t, 'error')) }, 'Invoer verwijderen…')),
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

	E.setStatus = setStatus;
	// The view's context for entry-review.js.
	const v = { E, sections, index, pane, token, url, n, entry, jump: null };

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
			drawReview(v, p);
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
		const strong = f.total || f.strong;
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
	v.jump = jump;
	E.onSaved = () => {
		drawNav();
		markFindings();
	};

	E.cur = start;
	storeLocal();
	drawSection();
	drawNav();
	if (sections[start].review) drawReview(v, E.rev !== E.savedRev ? save() : Promise.resolve());
	else focusField(sections[start].fields.find((f) => E.cleared.has(f.path))?.path || sections[start].fields[0].path);
	if (local && local.dirty) {
		setStatus('Niet-opgeslagen invoer van deze laptop is teruggezet.', 'ok');
		if (!sections[start].review) save();
	}
}
