/*
 * Blocked logins (GET /api/login-blocks): which account from which address
 * waits how long, and lifting one. Shared by the coordinator's accounts page
 * and the administrator's. Failed logins slow down only the account from the
 * address that failed (entry/throttle.c); lifting one is in the log.
 */
import { h, add, setKids, msg, alive, every, clock } from './core.js';
import { api } from './api.js';

const WHAT = {
	pair: (b) => b.account + ' vanaf ' + b.address,
	account: (b) => b.account + ' vanaf allerlei adressen',
	spill: (b) => b.account + ' vanaf nieuwe adressen (lijst vol)',
	address: (b) => 'elk account vanaf ' + b.address,
	projector: (b) => 'projectorlinks vanaf ' + b.address,
	overflow: () => 'nieuwe adressen (lijst vol)',
};

function waitText(b) {
	if (b.kind === 'account') return 'vertraagd: elk ander adres krijgt 1 poging voor het wacht';
	if (!b.seconds) return 'volgende fout: wachten';
	return b.seconds < 120 ? 'nog ' + b.seconds + ' s' : 'nog ' + Math.ceil(b.seconds / 60) + ' min';
}

/* The section, polled every 5 s while the view lives. */
export function blocksSection(token) {
	const tbody = h('tbody');
	const note = h('div', { class: 'form-msg', id: 'blocks-note', 'aria-live': 'polite' });
	const updated = h('span', { class: 'help' });
	const section = h('section', { id: 'login-blocks' },
		h('h2', {}, 'Geblokkeerde aanmeldingen'),
		h('p', { class: 'help' }, 'Na 5 verkeerde wachtwoorden vanaf één laptop wacht dat account op die laptop 1 seconde, daarna 2, 4, 8 ... tot hoogstens 5 minuten. Vanaf een andere laptop kan het account gewoon inloggen. Weet u zeker wie het is, dan kunt u de blokkade opheffen.'),
		note,
		h('table', { class: 'table login-blocks' },
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Wie'), h('th', { scope: 'col', class: 'num' }, 'Mislukt'),
				h('th', { scope: 'col' }, 'Wachten'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actie')))),
			tbody),
		updated);

	const lift = async (b) => {
		note.replaceChildren();
		if (!window.confirm('Blokkade opheffen: ' + WHAT[b.kind](b) + '?\n\nDe volgende poging vanaf daar mag meteen. Dit komt in het logboek.')) return;
		try {
			await api('POST', '/api/login-blocks/lift', { kind: b.kind, account: b.account, address: b.address });
		} catch (e) {
			if (!e.handled && alive(token)) setKids(note, msg('Niet gelukt: ' + e.message, 'error'));
			await load();
			return;
		}
		// The table first, then the message: when "Opgeheven" shows, the row is gone.
		await load();
		if (alive(token)) setKids(note, msg('Opgeheven om ' + clock() + ': ' + WHAT[b.kind](b) + '.', 'ok'));
	};

	const load = async () => {
		let res;
		try {
			res = await api('GET', '/api/login-blocks');
		} catch (e) {
			if (!e.handled && alive(token)) updated.textContent = 'Bijwerken mislukt om ' + clock() + ': ' + e.message;
			return;
		}
		if (!alive(token)) return;
		const list = res.blocks || [];
		tbody.replaceChildren(...list.map((b) => h('tr', { 'data-kind': b.kind, 'data-account': b.account || '', 'data-address': b.address || '' },
			h('td', {}, (WHAT[b.kind] || (() => b.kind))(b)),
			h('td', { class: 'num' }, String(b.failures)),
			h('td', {}, waitText(b)),
			h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'btn btn-small', 'data-lift': '', onclick: () => lift(b) }, 'Opheffen')))));
		if (!list.length) tbody.append(h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'Er is nu niemand geblokkeerd.')));
		updated.textContent = (res.total > list.length ? 'De eerste ' + list.length + ' van ' + res.total + '. ' : '') + 'Bijgewerkt om ' + clock();
	};
	add(section);
	every(5000, load);
	return { section, load };
}
