/*
 * Coordinator: the committee's session ("Zitting"): place, date, start and end
 * time and the members present, which the proces-verbaal states in its opening
 * part. The server checks every value (422 with a Dutch message); the page only
 * tidies what is obviously meant ("9:30" is 09:30) and shows what is stored.
 */
import { h, add, $, msg, alive, fmtTime, setKids } from './core.js';
import { api } from './api.js';

const MEMBERS_MAX = 30;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/* "9:30", "9.30", "0930" and "930" are 09:30; anything else goes to the server as typed. */
export function tidyTime(v) {
	const s = v.trim();
	let m = /^(\d{1,2})[:.](\d{2})$/.exec(s);
	if (!m) m = /^(\d{1,2})(\d{2})$/.exec(s);
	return m ? m[1].padStart(2, '0') + ':' + m[2] : s;
}

/* One member a line ("Naam, functie"); empty lines do not count. */
export const memberLines = (text) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

export async function viewSession(token) {
	const main = $('#main');
	const cs = await api('GET', '/api/committee-session');
	if (!alive(token)) return;

	const field = (id, label, input, help) => h('div', { class: 'fld' + (id === 'cs-place' ? ' fld-wide' : '') },
		h('label', { for: id }, label), input, help ? h('span', { class: 'help', id: id + '-help' }, help) : null);
	const place = h('input', { id: 'cs-place', type: 'text', maxlength: 200, autocomplete: 'off', class: 'in-text' });
	const date = h('input', { id: 'cs-date', type: 'date', class: 'in-date' });
	const start = h('input', { id: 'cs-start', type: 'text', inputmode: 'numeric', maxlength: 5, placeholder: 'UU:MM', autocomplete: 'off', class: 'in-time', 'aria-describedby': 'cs-start-help' });
	const end = h('input', { id: 'cs-end', type: 'text', inputmode: 'numeric', maxlength: 5, placeholder: 'UU:MM', autocomplete: 'off', class: 'in-time', 'aria-describedby': 'cs-end-help' });
	const members = h('textarea', { id: 'cs-members', rows: 8, spellcheck: 'false', 'aria-describedby': 'cs-members-help' });
	const saveBtn = h('button', { type: 'submit', class: 'btn btn-primary', id: 'cs-save' }, 'Opslaan');
	const note = h('div', { class: 'form-msg', id: 'cs-note', 'aria-live': 'polite' });
	const state = h('p', { class: 'help', id: 'cs-state' });
	const count = h('span', { class: 'help', id: 'cs-count' });

	let saved = cs;
	const fill = (s) => {
		place.value = s.place || '';
		date.value = s.date || '';
		start.value = s.start_time || '';
		end.value = s.end_time || '';
		members.value = (s.members || []).join('\n');
		countMembers();
	};
	const body = () => {
		const v = (x) => (x.trim() === '' ? null : x.trim());
		return { place: v(place.value), date: v(date.value), start_time: v(tidyTime(start.value)), end_time: v(tidyTime(end.value)),
			members: memberLines(members.value) };
	};
	const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
	const stored = (s) => ({ place: s.place, date: s.date, start_time: s.start_time, end_time: s.end_time, members: s.members || [] });
	const showState = () => {
		const dirty = !same(body(), stored(saved));
		state.className = 'help' + (dirty ? ' cs-dirty' : '');
		state.textContent = dirty ? 'Er zijn wijzigingen die nog niet zijn opgeslagen.'
			: saved.updated_at ? 'Opgeslagen op ' + fmtTime(saved.updated_at) + '.' : 'Nog niets opgeslagen.';
	};
	function countMembers() {
		const n = memberLines(members.value).length;
		count.textContent = n + (n === 1 ? ' lid' : ' leden') + (n > MEMBERS_MAX ? ': dat zijn er meer dan ' + MEMBERS_MAX + '.' : '');
		count.className = 'help' + (n > MEMBERS_MAX ? ' cs-too-many' : '');
	}
	members.addEventListener('input', countMembers);

	const form = h('form', { class: 'card session-form', id: 'cs-form', novalidate: true },
		h('div', { class: 'fld-row' },
			field('cs-place', 'Plaats van de zitting', place),
			field('cs-date', 'Datum', date),
			field('cs-start', 'Begintijd', start, 'bijv. 21:00'),
			field('cs-end', 'Eindtijd', end, 'na middernacht kan')),
		h('div', { class: 'fld cs-members' },
			h('label', { for: 'cs-members' }, 'Aanwezige leden van het stembureau'),
			h('span', { class: 'help', id: 'cs-members-help' }, 'Eén lid per regel: "Naam, functie", bijvoorbeeld "J. de Vries, voorzitter". Hoogstens ' + MEMBERS_MAX + '.'),
			members, count),
		note,
		h('div', { class: 'actions' }, saveBtn, state));
	form.addEventListener('input', (ev) => {
		ev.target.removeAttribute('aria-invalid');
		showState();
	});
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		if (date.validity && date.validity.badInput) {
			setKids(note, msg('Niet opgeslagen: de datum is niet compleet.', 'error'));
			date.focus();
			return;
		}
		saveBtn.disabled = true;
		try {
			const res = await api('PUT', '/api/committee-session', body());
			if (!alive(token)) return;
			saved = res;
			fill(res);
			showState();
			setKids(note, msg('Opgeslagen. Zo komt de zitting op het proces-verbaal.', 'ok'));
		} catch (e) {
			if (e.handled || !alive(token)) return;
			setKids(note, msg('Niet opgeslagen: ' + e.message, 'error'));
			// The server says what is wrong; the page marks the times it sees are not UU:MM.
			const bad = [start, end].filter((t) => t.value.trim() !== '' && !TIME.test(tidyTime(t.value)));
			for (const t of bad) t.setAttribute('aria-invalid', 'true');
			if (bad.length) bad[0].focus();
		} finally {
			saveBtn.disabled = false;
		}
	});

	add(main,
		h('h1', {}, 'Zitting van het stembureau'),
		msg('Deze gegevens staan in het begin van het proces-verbaal (model Na 31-2), bij de zitting. Wat u leeg laat, komt op het proces-verbaal als een lijn om met de hand in te vullen.', 'info'),
		form);
	fill(saved);
	showState();
}
