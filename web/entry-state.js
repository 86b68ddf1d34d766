/*
 * The typist's entry while it is typed: the form and the server's findings,
 * the copy on this laptop (localStorage), and the saves to the server, which
 * run one after another. view-entry.js draws it, entry-review.js finalises it.
 */
import { S, alive, clock, getAt, setAt } from './core.js';
import { api } from './api.js';
import { shapeForm } from './form.js';

const localKey = (n, e) => 'teller:entry:' + (S.me ? S.me.user : '') + ':' + n + ':' + e;
export function loadLocal(n, e) {
	try {
		return JSON.parse(localStorage.getItem(localKey(n, e)) || 'null');
	} catch (err) {
		return null;
	}
}
export function dropLocal(n, e) {
	try {
		localStorage.removeItem(localKey(n, e));
	} catch (err) {
		/* private mode: nothing kept */
	}
}

/*
 * This laptop's copy against the server's (both shaped forms): the copy is a
 * safety net for a laptop that died, never a source that wins over the server.
 * It only fills what the server does not have; where both have a figure and
 * they differ, the typist decides (conflicts). With base (the server's form
 * this laptop last saved or loaded), a figure this laptop did not change since
 * simply takes the server's newer one. Returns {form, filled, conflicts}.
 */
export function mergeCopies(sections, server, local, base) {
	const form = structuredClone(server);
	const filled = [];
	const conflicts = [];
	for (const s of sections) {
		for (const f of s.fields) {
			const sv = getAt(server, f.path);
			const lv = getAt(local, f.path);
			if (!Number.isInteger(lv) || lv === sv) continue;
			if (base && getAt(base, f.path) === lv) continue; // not changed here: the server's is newer
			if (!Number.isInteger(sv)) {
				setAt(form, f.path, lv);
				filled.push(f.path);
			} else {
				conflicts.push({ path: f.path, field: f, section: s, server: sv, local: lv });
			}
		}
	}
	return { form, filled, conflicts };
}

/* The state of one entry, from the server's copy (data, GET of the entry) and
 * this laptop's. v: {n, entry, url, token, el, sections}. Returns {E, start,
 * local, conflicts}: E the state with its methods (storeLocal, save, discard;
 * the view sets E.setStatus, E.onSaved and E.onStale), start the index of the
 * section to show first, local this laptop's copy as it was found, conflicts
 * the figures where that copy and the server differ (the typist decides). */
export function entryState(v, data) {
	const { n, entry, url, token, el, sections } = v;
	const secIdx = (id) => Math.max(0, sections.findIndex((s) => s.id === id));

	/* The entry being typed: E.form is the truth; localStorage holds a copy. */
	const E = {
		form: shapeForm(el, sections, data.form),
		errors: data.errors || [],
		warnings: data.warnings || [],
		confirmWarnings: !!data.confirm_warnings, // the server's: finalising needs them confirmed
		cleared: new Set(data.cleared || []),
		revision: data.revision || 0,   // the server's revision this form builds on
		base: null,                     // the form of that revision
		cur: 0, furthest: 0,
		rev: 0, savedRev: 0,
		field: null,                    // the field the typist was in (restored after a reload)
		chain: Promise.resolve(),
		saveError: null,
		stopped: false,                 // the entry is no longer this typist's: nothing more is saved
		// Set by the view: a line about saving, a redraw of the findings after a
		// save, and what to do when the server holds newer work (stale_entry).
		setStatus: () => {},
		onSaved: () => {},
		onStale: () => {},
		onGone: () => {},
	};
	let start = secIdx(data.progress);
	let conflicts = [];
	const local = loadLocal(n, entry);
	if (local && local.dirty && local.form) {
		const mine = shapeForm(el, sections, local.form);
		// A field the coordinator cleared since this copy was made is typed again from the paper.
		if (local.revision !== E.revision) for (const p of E.cleared) setAt(mine, p, null);
		const m = mergeCopies(sections, E.form, mine);
		E.form = m.form;
		conflicts = m.conflicts;
		if (m.filled.length) {
			// Typed here, never saved: go on where this laptop was.
			start = Math.max(start, secIdx(local.progress));
			E.furthest = Math.max(start, local.furthest || 0);
			E.rev = 1; // not yet on the server
		}
		if (local.field && m.filled.length) E.field = local.field;
	} else if (E.cleared.size) {
		start = sections.findIndex((s) => s.fields.some((f) => E.cleared.has(f.path)));
		if (start < 0) start = 0;
		E.furthest = sections.length - 1;
	} else if (local && local.field && local.revision === E.revision) {
		E.field = local.field;
	}
	E.furthest = Math.max(E.furthest, start);
	E.base = shapeForm(el, sections, data.form);

	const key = localKey(n, entry);
	E.storeLocal = () => {
		try {
			localStorage.setItem(key, JSON.stringify({
				form: E.form, progress: sections[E.cur].id, furthest: E.furthest,
				dirty: E.rev !== E.savedRev, at: Date.now(), revision: E.revision, field: E.field,
			}));
		} catch (err) {
			/* storage full or off: the server copy still counts */
		}
	};

	/* Saves the whole form on the server; saves run one after another. Each
	 * names the revision it builds on: the server refuses it when newer work is
	 * stored (another laptop), and nothing is overwritten. */
	E.save = () => {
		const progress = sections[E.cur].id;
		E.chain = E.chain.then(async () => {
			if (E.stopped) return;
			const rev = E.rev;
			const sent = structuredClone(E.form);
			const body = Object.assign({}, sent, { progress });
			if (E.revision) body.revision = E.revision;
			E.setStatus('Bezig met opslaan…');
			try {
				const res = await api('PUT', url, body);
				E.errors = (res && res.errors) || [];
				E.warnings = (res && res.warnings) || [];
				E.confirmWarnings = !!(res && res.confirm_warnings);
				if (res && res.revision) E.revision = res.revision;
				E.base = sent;
				E.savedRev = rev;
				E.saveError = null;
				E.setStatus('Opgeslagen om ' + clock() + (E.rev !== rev ? ' (nieuwe wijzigingen volgen)' : ''), 'ok');
			} catch (e) {
				E.saveError = e;
				if (e.handled) return;
				if (e.code === 'wrong_state' || e.code === 'not_your_entry' || e.code === 'count_finished') {
					await E.onGone(); // the status says what happened, and the page stops
					return;
				}
				if (e.code === 'stale_entry') {
					E.setStatus('Niet opgeslagen: op de server staat nieuwer werk. Kies hieronder welke aantallen gelden.', 'error');
					if (alive(token)) E.storeLocal();
					await E.onStale();
					return;
				}
				const why = e.code === 'does_not_fit' ? 'de server weigert het formulier: ' + e.message : e.message;
				E.setStatus('Niet opgeslagen om ' + clock() + ': ' + why + ' Uw invoer is bewaard op deze laptop; bij de volgende stap probeert Teller het opnieuw.', 'error');
			}
			if (!alive(token)) return;
			E.storeLocal();
			E.onSaved();
		});
		return E.chain;
	};

	/* "Invoer verwijderen": the entry goes, the station is as before the claim. */
	E.discard = async (report) => {
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

	return { E, start, local, conflicts };
}
