/*
 * Typist: the entry form, one section of the proces-verbaal at a time, with
 * the keys of the paper's speed (Enter: next field). The state and saving are
 * in entry-state.js, the last step (review and finalise) in entry-review.js.
 */
import { h, add, setKids, $, msg, S, alive, getAt, setAt, domId, fmtNum, ENTRY_NAME, LIMITS, banner, every, clock, route } from './core.js';
import { api, ApiError, loadElection, loadVocabulary } from './api.js';
import { buildSections, fieldIndex, shapeForm } from './form.js';
import { entryState, mergeCopies, dropLocal } from './entry-state.js';
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
	// A field holds as many digits as the largest count has (the server's, GET /api/vocabulary).
	const digitsMax = String(LIMITS.count_max).length;

	/* The entry being typed, its local copy and its saving: entry-state.js. */
	const { E, start, local, conflicts } = entryState({ n, entry, url, token, el, sections }, data);
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
			status,
			h('nav', { 'aria-label': 'Onderdelen van het proces-verbaal' }, navList),
			h('dl', { class: 'keys', id: 'entry-keys', 'aria-label': 'Toetsen' },
				h('dt', {}, 'Enter'), h('dd', {}, 'volgend veld (Shift+Enter: vorig)'),
				h('dt', {}, '+ of PageDown'), h('dd', {}, 'opslaan en volgend onderdeel'),
				h('dt', {}, '− of PageUp'), h('dd', {}, 'vorig onderdeel'),
				h('dt', {}, '*'), h('dd', {}, 'naar het totaal van de lijst'),
				h('dt', {}, 'Leeg veld'), h('dd', {}, 'bij een kandidaat: 0; elk totaal moet u typen')),
			h('button', { type: 'button', class: 'link discard-link', onclick: () => E.discard((t) => setStatus(t, 'error')) }, 'Invoer verwijderen…')),
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

	/* The sections with a mark each: the findings of the latest save that touch
	 * the section, one per finding (not one per field). */
	const drawNav = () => {
		navList.replaceChildren();
		sections.forEach((s, i) => {
			const here = new Set(s.fields.map((f) => f.path));
			const touches = (f) => (f.fields || []).some((p) => here.has(p) && !(f.code === 'F.001' && E.cleared.has(p)));
			const err = E.errors.filter(touches).length;
			const warn = E.warnings.filter(touches).length;
			const clr = s.fields.filter((f) => E.cleared.has(f.path)).length;
			const shown = i < E.furthest && !E.saveError;
			const mark = s.review || i >= E.furthest ? '' : E.saveError ? '?' : err ? '✗ ' + err : warn ? '! ' + warn : '✓';
			navList.append(h('li', {},
				h('button', {
					type: 'button', class: 'sec' + (i === E.cur ? ' current' : '') + (shown && err ? ' has-err' : shown && warn ? ' has-warn' : ''),
					'aria-current': i === E.cur ? 'step' : null,
					title: err ? err + (err === 1 ? ' fout' : ' fouten') : warn ? warn + (warn === 1 ? ' waarschuwing' : ' waarschuwingen') : null,
					onclick: () => go(i),
				},
				h('span', { class: 'sec-title' }, s.short || s.title),
				h('span', { class: 'sec-marks' },
					clr ? h('span', { class: 'cleared-mark', title: clr + ' opnieuw in te voeren' }, '↺ ' + clr) : null,
					mark ? h('span', { class: 'sec-mark' }, mark) : null))));
		});
	};

	/* The state of saving: beside the sections, and at the top of the page
	 * (always in view) while a save failed or the server cannot be reached. */
	let bannered = false;
	const setStatus = (text, kind) => {
		status.className = 'save-status ' + (kind || '');
		status.textContent = text;
		if (kind === 'error') {
			banner(text, 'error');
			bannered = true;
		} else if (kind === 'ok' && bannered) {
			banner('');
			bannered = false;
		}
	};
	S.cleanup.push(() => { if (bannered) banner(''); });

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
		if (E.deciding || E.stopped) return E.chain;
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
		const digits = inp.value.replace(/\D/g, '').slice(0, digitsMax);
		if (digits !== inp.value) inp.value = digits;
		const v = digits === '' ? null : parseInt(digits, 10);
		if (getAt(E.form, f.path) === v) return;
		setAt(E.form, f.path, v);
		E.rev++;
		storeLocal();
		setStatus('Nog niet opgeslagen: wordt opgeslagen bij de volgende stap.', '');
	};

	/* The cleared fields in paper order (correcting: only these are typed again). */
	const clearedOrder = () => sections.flatMap((s, i) => s.fields.filter((f) => E.cleared.has(f.path)).map((f) => ({ i, path: f.path })));

	/* The keys of the paper's speed: Enter next field (Shift+Enter back); + or
	 * PageDown saves and opens the next section, - or PageUp the previous one;
	 * * jumps to the list's total. Correcting cleared fields, Enter goes from one
	 * cleared field to the next and after the last straight to the review. */
	const onKey = (f, inp) => (ev) => {
		if (ev.isComposing || ev.ctrlKey || ev.altKey || ev.metaKey) return;
		const all = inputs();
		const k = all.indexOf(inp);
		if (ev.key === '+' || ev.key === 'PageDown') {
			ev.preventDefault();
			go(E.cur + 1);
			return;
		}
		if (ev.key === '-' || ev.key === 'PageUp') {
			ev.preventDefault();
			if (E.cur > 0) go(E.cur - 1);
			return;
		}
		if (ev.key === '*') {
			ev.preventDefault();
			const total = sections[E.cur].fields.find((g) => g.total);
			if (total) focusField(total.path);
			return;
		}
		if (ev.key === 'Enter' && !ev.shiftKey && E.cleared.has(f.path)) {
			ev.preventDefault();
			const order = clearedOrder();
			const here = order.findIndex((x) => x.path === f.path);
			const next = order[here + 1];
			if (!next) go(sections.length - 1);
			else if (next.i === E.cur) focusField(next.path);
			else go(next.i, next.path);
			return;
		}
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
			maxlength: digitsMax, 'data-path': f.path, 'aria-describedby': id + '-find',
		});
		inp.value = Number.isInteger(v) ? String(v) : '';
		inp.addEventListener('input', onInput(f, inp));
		inp.addEventListener('keydown', onKey(f, inp));
		inp.addEventListener('focus', () => {
			inp.select();
			E.field = f.path;
			storeLocal();
		});
		const cleared = E.cleared.has(f.path);
		const strong = f.total || f.strong;
		return h('div', { id: id + '-row', class: 'field' + (strong ? ' field-total' : '') + (cleared ? ' cleared' : '') },
			h('label', { for: id },
				h('span', { class: 'letter' + (f.candidate ? ' pos' : '') }, f.letter),
				h('span', { class: 'label' }, f.label, cleared ? h('span', { class: 'tag-cleared' }, 'opnieuw invoeren') : null)),
			inp,
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
			fields,
			h('div', { class: 'actions actions-entry' },
				next ? h('button', { type: 'button', class: 'btn btn-primary', id: 'next-section', onclick: () => go(E.cur + 1) }, 'Opslaan en verder: ' + (next.short || next.title) + ' →') : null,
				prev ? h('button', { type: 'button', class: 'btn', id: 'prev-section', onclick: () => go(E.cur - 1) }, '← ' + (prev.short || prev.title)) : null));
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

	/* The entry is no longer this typist's (reset, decided on, finalised or
	 * discarded elsewhere): stop at once, say what happened, back to the list. */
	const stop = (text) => {
		if (E.stopped || !alive(token)) return;
		E.stopped = true;
		dropLocal(n, entry);
		E.savedRev = E.rev;
		S.flash = { text: 'Stembureau ' + n + ': ' + text, kind: 'error' };
		location.hash = '#/stations';
	};
	const check = async () => {
		if (E.stopped || !alive(token)) return;
		let st;
		try {
			st = await api('GET', url + '/status');
		} catch (e) {
			if (!e.handled && e.status === 0) setStatus('Geen verbinding met de server (' + clock() + '). Uw invoer is bewaard op deze laptop.', 'error');
			return;
		}
		if (!alive(token) || E.stopped) return;
		if (!st.held) return stop(st.message || 'deze invoer is niet meer van u.');
		if (E.saveError && E.saveError.status === 0) setStatus('De verbinding is er weer (' + clock() + ').', 'ok');
		// Saved elsewhere (another laptop of this typist) while nothing is pending here: show it.
		if (st.revision > E.revision && E.rev === E.savedRev && !E.deciding) route();
	};
	E.onGone = check;
	every(3000, check);

	/* This laptop's figures against the server's, where both have one and they
	 * differ: the typist chooses per field, with both values in view. */
	const decide = (list) => new Promise((done) => {
		E.deciding = true;
		const rows = list.map((c, i) => {
			const name = 'conflict-' + i;
			const opt = (which, value, checked) => h('label', { class: 'choice' },
				h('input', { type: 'radio', name, value: which, checked: checked || null, 'data-path': c.path }),
				' ', fmtNum(value));
			return h('tr', { 'data-path': c.path },
				h('th', { scope: 'row' }, (c.section.short || c.section.title) + ': ' + (c.field.candidate ? c.field.letter + ' ' : c.field.letter + ' – ') + c.field.label),
				h('td', { class: 'num' }, opt('server', c.server, true)),
				h('td', { class: 'num' }, opt('local', c.local, false)));
		});
		const finish = (pick) => {
			let mine = 0;
			list.forEach((c, i) => {
				const which = pick || pane.querySelector('input[name="conflict-' + i + '"]:checked').value;
				setAt(E.form, c.path, which === 'local' ? c.local : c.server);
				if (which === 'local') mine++;
			});
			E.deciding = false;
			if (mine) E.rev++;
			storeLocal();
			drawSection();
			drawNav();
			setStatus(mine ? 'Uw keuze wordt opgeslagen.' : 'De aantallen van de server gelden.', 'ok');
			done(mine);
		};
		setKids(pane,
			h('h2', { id: 'conflict-title' }, 'Twee versies van deze invoer'),
			msg('Op deze laptop staan aantallen die niet zijn opgeslagen en die verschillen van wat nu op de server staat, bijvoorbeeld omdat er op een andere laptop verder is gewerkt. Er is niets overschreven. Kijk op het papieren proces-verbaal en kies per veld welk aantal klopt.', 'warn'),
			h('table', { class: 'table conflicts', id: 'conflicts' },
				h('thead', {}, h('tr', {}, h('th', {}, 'Veld'), h('th', { class: 'num' }, 'Op de server'), h('th', { class: 'num' }, 'Op deze laptop'))),
				h('tbody', {}, rows)),
			h('div', { class: 'actions' },
				h('button', { type: 'button', class: 'btn btn-primary', id: 'conflict-apply', onclick: () => finish(null) }, 'Deze keuze gebruiken'),
				h('button', { type: 'button', class: 'btn', id: 'conflict-server', onclick: () => finish('server') }, 'Alles van de server'),
				h('button', { type: 'button', class: 'btn', id: 'conflict-local', onclick: () => finish('local') }, 'Alles van deze laptop')));
		setStatus('Niet opgeslagen: kies eerst welke aantallen gelden.', 'error');
		pane.querySelector('input[type=radio]').focus();
	});

	/* A save was refused because the server holds newer work: load it, keep
	 * what only this laptop has, and let the typist decide where both differ. */
	E.onStale = async () => {
		let fresh;
		try {
			fresh = await api('GET', url);
		} catch (e) {
			if (!e.handled) check();
			return;
		}
		if (!alive(token)) return;
		const server = shapeForm(el, sections, fresh.form);
		const m = mergeCopies(sections, server, E.form, E.base);
		E.form = m.form;
		E.revision = fresh.revision;
		E.base = server;
		E.cleared = new Set(fresh.cleared || []);
		E.errors = fresh.errors || [];
		E.warnings = fresh.warnings || [];
		E.confirmWarnings = !!fresh.confirm_warnings;
		E.saveError = null;
		if (m.conflicts.length) await decide(m.conflicts);
		else {
			drawSection();
			setStatus('Nieuwer werk van de server geladen om ' + clock() + '; er is niets overschreven.', 'ok');
		}
		if (m.filled.length || E.rev !== E.savedRev) save();
	};

	E.cur = start;
	storeLocal();
	drawSection();
	drawNav();
	if (conflicts.length) {
		decide(conflicts).then(() => {
			const f = sections[E.cur].fields.find((g) => g.path === E.field) || sections[E.cur].fields[0];
			if (f) focusField(f.path);
			if (E.rev !== E.savedRev) save();
		});
		return;
	}
	if (sections[start].review) drawReview(v, E.rev !== E.savedRev ? save() : Promise.resolve());
	else {
		const back = sections[start].fields.find((f) => f.path === E.field);
		focusField(back?.path || sections[start].fields.find((f) => E.cleared.has(f.path))?.path || sections[start].fields[0].path);
	}
	if (local && local.dirty && E.rev !== E.savedRev) {
		setStatus('Niet-opgeslagen invoer van deze laptop is aangevuld waar de server nog niets had.', 'ok');
		if (!sections[start].review) save();
	}
}
