/*
 * The typist's entry while it is typed: the form and the server's findings,
 * the copy on this laptop (localStorage), and the saves to the server, which
 * run one after another. view-entry.js draws it, entry-review.js finalises it.
 */
import { S, alive, clock } from './core.js';
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

/* The state of one entry, from the server's copy (data, GET of the entry) and
 * this laptop's. v: {n, entry, url, token, el, sections}. Returns {E, start,
 * local}: E the state with its methods (storeLocal, save, discard; the view sets
 * E.setStatus and E.onSaved), start the index of the section to show first,
 * local this laptop's copy as it was found. */
export function entryState(v, data) {
	const { n, entry, url, token, el, sections } = v;
	const secIdx = (id) => Math.max(0, sections.findIndex((s) => s.id === id));

	/* The entry being typed: E.form is the truth; localStorage holds a copy. */
	const E = {
		form: shapeForm(el, sections, data.form),
		errors: data.errors || [],
		warnings: data.warnings || [],
		cleared: new Set(data.cleared || []),
		cur: 0, furthest: 0,
		rev: 0, savedRev: 0,
		chain: Promise.resolve(),
		saveError: null,
		// Set by the view: a line about saving, and a redraw of the findings after a save.
		setStatus: () => {},
		onSaved: () => {},
	};
	let start = secIdx(data.progress);
	const local = loadLocal(n, entry);
	if (local && local.dirty && local.form) {
		E.form = shapeForm(el, sections, local.form);
		start = secIdx(local.progress);
		E.furthest = Math.max(start, local.furthest || 0);
		E.rev = 1; // not yet on the server
	} else if (E.cleared.size) {
		start = sections.findIndex((s) => s.fields.some((f) => E.cleared.has(f.path)));
		if (start < 0) start = 0;
		E.furthest = sections.length - 1;
	}
	E.furthest = Math.max(E.furthest, start);

	const key = localKey(n, entry);
	E.storeLocal = () => {
		try {
			localStorage.setItem(key, JSON.stringify({
				form: E.form, progress: sections[E.cur].id, furthest: E.furthest,
				dirty: E.rev !== E.savedRev, at: Date.now(),
			}));
		} catch (err) {
			/* storage full or off: the server copy still counts */
		}
	};

	/* Saves the whole form on the server; saves run one after another. */
	E.save = () => {
		const progress = sections[E.cur].id;
		E.chain = E.chain.then(async () => {
			const rev = E.rev;
			const body = Object.assign({}, E.form, { progress });
			E.setStatus('Bezig met opslaan…');
			try {
				const res = await api('PUT', url, body);
				E.errors = (res && res.errors) || [];
				E.warnings = (res && res.warnings) || [];
				E.savedRev = rev;
				E.saveError = null;
				E.setStatus('Opgeslagen om ' + clock() + (E.rev !== rev ? ' (nieuwe wijzigingen volgen)' : ''), 'ok');
			} catch (e) {
				E.saveError = e;
				if (e.handled) return;
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

	return { E, start, local };
}
