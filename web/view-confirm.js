/*
 * Coordinator: accounts (#/accounts). An account made, given a new password
 * by somebody else, or enabled again after data entry began may not enter or
 * decide counts until a coordinator confirms it here (GET /api/accounts/changes,
 * POST /api/accounts/{id}/confirm); the proces-verbaal lists them all. Below,
 * the blocked logins (blocks.js).
 */
import { h, add, $, msg, alive, fmtTime, setKids, takeFlash, clock, S, ROLE } from './core.js';
import { api } from './api.js';
import { blocksSection } from './blocks.js';

const KIND = {
	created: 'aangemaakt',
	password_reset: 'nieuw wachtwoord gekregen',
	enabled: 'weer ingeschakeld',
	role_changed: 'rol gewijzigd',
};

export async function viewConfirm(token) {
	const main = $('#main');
	const note = h('div', { class: 'form-msg', id: 'confirm-note', 'aria-live': 'polite' });
	const state = h('p', { class: 'progress-text', id: 'confirm-state' });
	const tbody = h('tbody');
	const isMe = (name) => !!S.me && String(name).toLowerCase() === String(S.me.user).toLowerCase();

	const confirm = async (c) => {
		note.replaceChildren();
		if (!window.confirm('Account ' + c.account + ' (' + (ROLE[c.role] || c.role) + ') bevestigen?\n\n' +
			'Bevestig alleen als u weet wie dit account gebruikt en dat die persoon zelf het wachtwoord heeft gekozen. ' +
			'Daarna kan ' + c.account + ' invoeren' + (c.role === 'coordinator' ? ' en beslissen' : '') + '. Uw bevestiging komt in het logboek en op het proces-verbaal.')) return;
		try {
			await api('POST', '/api/accounts/' + c.account_id + '/confirm', {});
			if (!alive(token)) return;
			setKids(note, msg('Account ' + c.account + ' is bevestigd om ' + clock() + '.', 'ok'));
		} catch (e) {
			if (e.handled || !alive(token)) return;
			setKids(note, msg(e.code === 'own_account' ? 'Uw eigen account bevestigt een andere coördinator.' : 'Niet gelukt: ' + e.message, 'error'));
		}
		await load();
	};

	const load = async () => {
		const res = await api('GET', '/api/accounts/changes');
		if (!alive(token)) return;
		state.textContent = !res.entry_began_at ? 'De invoer is nog niet begonnen: accounts die nu worden aangemaakt, hoeven niet bevestigd te worden.'
			: (res.pending === 0 ? 'Geen accounts die op bevestiging wachten.'
				: res.pending + (res.pending === 1 ? ' account wacht' : ' accounts wachten') + ' op uw bevestiging.') +
				' De invoer begon op ' + fmtTime(res.entry_began_at) + '.';
		// One button per account: on its first change that awaits confirmation.
		const offered = new Set();
		tbody.replaceChildren(...res.changes.map((c) => {
			let action = null;
			if (c.confirmed) action = h('span', {}, 'Bevestigd door ' + c.confirmed_by, h('span', { class: 'sub' }, fmtTime(c.confirmed_at)));
			else if (isMe(c.account)) action = h('span', { class: 'sub' }, 'Uw eigen account: een andere coördinator bevestigt het');
			else if (!offered.has(c.account_id)) {
				offered.add(c.account_id);
				action = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-confirm': c.account, 'aria-label': 'Bevestigen: ' + c.account, onclick: () => confirm(c) }, 'Bevestigen');
			} else action = h('span', { class: 'sub' }, 'wacht op bevestiging');
			return h('tr', { 'data-account': c.account, class: c.confirmed ? null : 'awaiting' },
				h('td', { class: 'acc-name' }, c.account, c.disabled ? h('span', { class: 'sub' }, 'uitgeschakeld') : null),
				h('td', {}, ROLE[c.role] || c.role),
				h('td', {}, KIND[c.kind] || c.kind),
				h('td', {}, fmtTime(c.at), h('span', { class: 'sub' }, 'door ' + c.by)),
				h('td', { class: 'row-actions' }, c.confirmed ? action : [h('span', { class: 'pill pill-off' }, 'Niet bevestigd'), ' ', action]));
		}));
		if (!res.changes.length) tbody.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'Na het begin van de invoer is geen account aangemaakt of gewijzigd.')));
	};

	const blocks = blocksSection(token);
	add(main,
		h('h1', {}, 'Accounts'),
		takeFlash(),
		h('p', { class: 'help' }, 'Een account dat na het begin van de invoer is aangemaakt, een nieuw wachtwoord van de beheerder kreeg of weer is ingeschakeld, kan pas invoeren of beslissen als een coördinator het heeft bevestigd. Zo kan niemand via een account dat hij zelf maakte meetellen. Alle wijzigingen staan op het proces-verbaal.'),
		state,
		note,
		h('table', { class: 'table account-changes', id: 'account-changes' },
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Account'), h('th', { scope: 'col' }, 'Rol'), h('th', { scope: 'col' }, 'Wijziging'),
				h('th', { scope: 'col' }, 'Wanneer'), h('th', { scope: 'col' }, 'Bevestiging'))),
			tbody),
		blocks.section);
	await Promise.all([load(), blocks.load()]);
}
