/*
 * The typist's entry, last step: the server's findings, the main figures once
 * more, and "Afronden" (finalise) or "Invoer verwijderen".
 */
import { h, setKids, msg, alive, getAt, fmtNum, S, STATUS, ENTRY_NAME } from './core.js';
import { api, safe } from './api.js';
import { dropLocal } from './entry-state.js';

function findingItem(v, kind, f) {
	const { index, jump } = v;
	const paths = (f.fields || []).filter((p) => index[p]);
	return h('li', { class: 'finding finding-' + kind },
		h('button', { type: 'button', class: 'code link', onclick: () => paths.length && jump(paths[0]), title: 'Ga naar het veld' }, f.code),
		' ', f.message, ' ',
		h('span', { class: 'chips' }, paths.slice(0, 12).map((p) => h('button', { type: 'button', class: 'chip', onclick: () => jump(p) }, index[p].field.short))),
		paths.length > 12 ? ' … en nog ' + (paths.length - 12) + ' velden' : null);
}

/* The main figures at a glance, to compare once more with the paper. */
function summary(v) {
	const { E, sections, jump } = v;
	const fields = sections.slice(0, 2).flatMap((s) => s.fields)
		.concat(sections.filter((s) => s.list).map((s) => s.fields[s.fields.length - 1]));
	return h('table', { class: 'table summary' },
		h('caption', {}, 'De belangrijkste aantallen'),
		h('tbody', {}, fields.map((f) => h('tr', {},
			h('th', { scope: 'row', class: 'letter-cell' }, f.total ? '' : f.letter),
			h('td', {}, h('button', { type: 'button', class: 'link', tabindex: '-1', onclick: () => jump(f.path) }, f.label)),
			h('td', { class: 'num' }, fmtNum(getAt(E.form, f.path)))))));
}

/* Draws the review of v (the entry view: {E, sections, index, pane, token, url,
 * n, entry, jump}) once the pending save is done. */
export async function drawReview(v, pending) {
	const { E, sections, pane, token, url, n, entry } = v;
	setKids(pane, h('h2', {}, 'Controleren en afronden'), h('p', { class: 'help' }, 'Bezig met controleren…'));
	await pending;
	if (!alive(token) || !sections[E.cur].review) return;
	const note = h('div', { class: 'form-msg' });
	const errs = E.saveError ? [] : E.errors; // unknown until the server has checked
	const warns = E.saveError ? [] : E.warnings;
	// Whether finalising needs the warnings confirmed is the server's rule (confirm_warnings).
	const confirmBox = !E.saveError && E.confirmWarnings ? h('input', { type: 'checkbox', id: 'warnings-ok' }) : null;
	const fin = h('button', { type: 'button', class: 'btn btn-big' + (errs.length ? '' : ' btn-primary'), id: 'finalise' }, errs.length ? 'Afronden met fouten' : 'Afronden');
	const discard = h('button', { type: 'button', class: 'btn btn-danger', id: 'discard' }, 'Invoer verwijderen');
	setKids(pane,
		h('h2', {}, 'Controleren en afronden'),
		E.saveError && !E.saveError.handled ? msg('De laatste wijzigingen zijn nog niet op de server opgeslagen en gecontroleerd (' + E.saveError.message + '). Druk op "Afronden" om het opnieuw te proberen.', 'error') : null,
		errs.length && !E.saveError ? h('section', { class: 'review-block' },
			h('h3', {}, 'Fouten (' + errs.length + ')'),
			h('p', { class: 'help' }, 'Controleer deze velden op het papieren proces-verbaal. Klik op een code of veld om erheen te gaan.'),
			h('ul', { class: 'review-list' }, errs.map((f) => findingItem(v, 'error', f)))) : null,
		warns.length && !E.saveError ? h('section', { class: 'review-block' },
			h('h3', {}, 'Waarschuwingen (' + warns.length + ')'),
			h('ul', { class: 'review-list' }, warns.map((f) => findingItem(v, 'warning', f)))) : null,
		!errs.length && !warns.length && !E.saveError ? msg('Geen fouten en geen waarschuwingen gevonden. U kunt de invoer afronden.', 'ok') : null,
		errs.length ? msg('Met fouten afronden mag, maar dan beslist de coördinator. Verbeter eerst wat u op het papier anders ziet staan.', 'warn') : null,
		confirmBox ? h('p', { class: 'confirm' }, confirmBox, ' ', h('label', { for: 'warnings-ok' }, 'Ik heb de aantallen gecontroleerd op het papieren proces-verbaal')) : null,
		note,
		h('div', { class: 'actions' }, fin, discard),
		summary(v));
	if (confirmBox) {
		fin.disabled = true;
		confirmBox.addEventListener('change', () => { fin.disabled = !confirmBox.checked; });
		confirmBox.addEventListener('keydown', (ev) => {
			if (ev.key !== 'Enter') return;
			ev.preventDefault();
			confirmBox.checked = true;
			fin.disabled = false;
			fin.focus();
		});
	}
	fin.addEventListener('click', safe(async () => {
		note.replaceChildren();
		if (errs.length && !window.confirm('Deze invoer bevat nog fouten. De coördinator beslist dan wat er gebeurt. Toch afronden?')) return;
		fin.disabled = true;
		if (E.rev !== E.savedRev || E.saveError) {
			// Not yet checked by the server: save, then show its findings before finalising.
			await E.save();
			if (!E.saveError) return drawReview(v, Promise.resolve());
			fin.disabled = false;
			if (!E.saveError.handled) note.append(msg('Afronden kan nog niet: ' + E.saveError.message, 'error'));
			return;
		}
		try {
			const res = await api('POST', url + '/finalise', { warnings_confirmed: !!(confirmBox && confirmBox.checked) });
			dropLocal(n, entry);
			E.savedRev = E.rev;
			S.flash = { text: 'Stembureau ' + n + ': ' + (ENTRY_NAME[entry] || 'invoer').toLowerCase() + ' is afgerond (' + (STATUS[res && res.status] || (res && res.status) || 'klaar') + ').', kind: 'ok' };
			location.hash = '#/stations';
		} catch (e) {
			fin.disabled = false;
			if (e.handled) return;
			if (e.code === 'wrong_state' || e.code === 'not_your_entry' || e.code === 'count_finished') return E.onGone();
			if (e.code === 'warnings_not_confirmed') note.append(msg('Er zijn waarschuwingen: vink eerst aan dat u de aantallen op het papier hebt gecontroleerd.', 'error'));
			else note.append(msg('Afronden is niet gelukt: ' + e.message, 'error'));
		}
	}));
	discard.addEventListener('click', () => E.discard((t) => note.append(msg(t, 'error'))));
	if (errs.length) pane.querySelector('.review-list button').focus();
	else if (confirmBox) confirmBox.focus();
	else fin.focus();
}
