/*
 * The count form (the proces-verbaal's letters), per section: used by the
 * typist's entry form and the coordinator's station and totals pages. The
 * fixed fields' letters, JSON names and labels are the server's (FORM_GROUPS,
 * from GET /api/vocabulary); the election shapes the rest.
 */
import { getAt, setAt, FORM_GROUPS } from './core.js';

/* The fixed fields of group name ("voters", "votes", "differences") as the
 * server names them: {name, title, fields: [{letter, name, label}]}. */
function group(name) {
	const g = FORM_GROUPS.find((x) => x.name === name);
	if (!g) throw new Error('The vocabulary (GET /api/vocabulary) is not loaded.');
	return g;
}

/* The sections of the entry screen, in the paper's order, each with its fields
 * {path, letter, label, short}. Also used by the coordinator's pages. No field
 * carries a computed value: a typist copies the paper, never a sum the page
 * made (the server checks the sums after a save). */
export function buildSections(el) {
	const hasC = !!el.election.has_voter_cards;
	const mk = (g) => g.fields.map((f) => ({ path: g.name + '.' + f.name, letter: f.letter, label: f.label, short: f.letter }));
	const [gVoters, gVotes, gDiffs] = [group('voters'), group('votes'), group('differences')];
	const voters = mk(gVoters).filter((f) => f.path !== 'voters.voter_cards' || hasC);
	const admitted = voters[voters.length - 1]; // D
	admitted.strong = true;
	const ex = el.lists.map((l, i) => ({
		path: 'votes.list_totals[' + i + ']', letter: 'E.' + l.number,
		label: 'Lijst ' + l.number + ' – ' + l.name, short: 'E.' + l.number,
	}));
	const votes = mk(gVotes);
	const cast = votes[3]; // H
	votes[0].strong = true;
	cast.strong = true;
	const diffs = mk(gDiffs);
	const sections = [
		{ id: gVoters.name, title: gVoters.title, fields: voters },
		{ id: gVotes.name, title: gVotes.title, fields: ex.concat(votes) },
		{ id: gDiffs.name, title: gDiffs.title, fields: diffs },
	];
	el.lists.forEach((l, i) => {
		const cands = l.candidates.map((c, j) => ({
			path: 'lists[' + i + '].candidates[' + j + ']', letter: String(c.position), label: c.name,
			short: 'Lijst ' + l.number + ' kand. ' + c.position, candidate: true,
		}));
		const total = {
			path: 'lists[' + i + '].total', letter: 'Totaal', label: 'Totaal lijst ' + l.number,
			short: 'Totaal lijst ' + l.number, total: true,
		};
		sections.push({ id: 'lists-' + (i + 1), title: 'Lijst ' + l.number + ' – ' + l.name, short: 'Lijst ' + l.number, list: l, fields: cands.concat([total]) });
	});
	return sections;
}

export function emptyForm(el) {
	const nulls = (name, o) => {
		for (const f of group(name).fields) o[f.name] = null;
		return o;
	};
	return {
		voters: nulls('voters', {}),
		votes: nulls('votes', { list_totals: el.lists.map(() => null) }),
		differences: nulls('differences', {}),
		lists: el.lists.map((l) => ({ number: l.number, total: null, candidates: l.candidates.map(() => null) })),
	};
}

/* A form of the election's shape with the values of src where it has them. */
export function shapeForm(el, sections, src) {
	const form = emptyForm(el);
	if (!src) return form;
	for (const s of sections) {
		for (const f of s.fields) {
			const v = getAt(src, f.path);
			if (Number.isInteger(v) && v >= 0) setAt(form, f.path, v);
		}
	}
	return form;
}

export function fieldIndex(sections) {
	const idx = {};
	for (const s of sections) for (const f of s.fields) idx[f.path] = { field: f, section: s };
	return idx;
}
