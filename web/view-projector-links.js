/*
 * Coordinator: the read-only links for a projector or a screen in the room
 * (#/projector-links). A new link's token is shown this once (the server keeps
 * only its hash); the list shows who made each link and lets it be revoked.
 * The screen itself is view-projector.js, which needs no login.
 */
import { h, add, $, msg, alive, fmtTime, setKids, takeFlash } from './core.js';
import { api } from './api.js';

const LINKS_MAX = 20;

export async function viewProjectorLinks(token) {
	const main = $('#main');
	const note = h('div', { class: 'form-msg', id: 'proj-note', 'aria-live': 'polite' });
	const fresh = h('div', { id: 'proj-new' });
	const count = h('p', { class: 'help', id: 'proj-count' });
	const tbody = h('tbody');
	let shownId = null;  // the link whose address is on the page now

	const create = h('button', { type: 'button', class: 'btn btn-primary', id: 'proj-create' }, 'Nieuwe projectorlink maken');
	create.addEventListener('click', async () => {
		note.replaceChildren();
		create.disabled = true;
		try {
			const link = await api('POST', '/api/projector-links', {});
			if (!alive(token)) return;
			showFresh(link);
			await load();
		} catch (e) {
			if (!e.handled && alive(token)) setKids(note, msg('Niet gelukt: ' + e.message, 'error'));
		} finally {
			create.disabled = false;
		}
	});

	// The new link's full address, once: to copy, or to open on this computer.
	const showFresh = (link) => {
		shownId = link.id;
		const url = location.origin + '/#/projector/' + link.token;
		// A text area, so that the whole address is in view (it wraps) and can be selected.
		const input = h('textarea', { id: 'proj-url', readonly: true, rows: 2, spellcheck: 'false', class: 'mono proj-url', 'aria-describedby': 'proj-once' });
		input.value = url;
		input.addEventListener('focus', () => input.select());
		const copied = h('span', { class: 'help', id: 'proj-copied', 'aria-live': 'polite' });
		const copy = h('button', { type: 'button', class: 'btn', id: 'proj-copy' }, 'Kopiëren');
		copy.addEventListener('click', async () => {
			try {
				await navigator.clipboard.writeText(url);
				copied.textContent = 'Gekopieerd.';
			} catch (e) {
				input.focus();
				input.select();
				copied.textContent = 'Kopiëren lukte niet vanzelf: de link is geselecteerd, kopieer hem met Ctrl+C.';
			}
		});
		setKids(fresh, h('section', { class: 'card proj-fresh' },
			h('h2', {}, 'Nieuwe link (nr. ' + link.id + ')'),
			h('p', { class: 'msg msg-warn', id: 'proj-once' }, 'Deze link wordt maar één keer getoond: Teller bewaart hem niet. Kopieer hem nu, of open hem nu op de computer van de beamer. Kwijt? Maak dan een nieuwe en trek deze in.'),
			h('label', { for: 'proj-url' }, 'Adres van de link'),
			h('div', { class: 'proj-url-row' }, input, copy,
				h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'btn', id: 'proj-open' }, 'Openen in een nieuw venster')),
			copied));
		input.focus();
	};

	const revoke = async (l) => {
		note.replaceChildren();
		if (!window.confirm('Projectorlink nr. ' + l.id + ' intrekken?\n\nHet scherm dat deze link gebruikt, toont binnen 10 seconden dat de link is ingetrokken.')) return;
		try {
			await api('POST', '/api/projector-links/' + l.id + '/revoke', {});
			if (!alive(token)) return;
			if (shownId === l.id) {
				shownId = null;
				fresh.replaceChildren();
			}
			setKids(note, msg('Link nr. ' + l.id + ' is ingetrokken.', 'ok'));
			await load();
		} catch (e) {
			if (!e.handled && alive(token)) setKids(note, msg('Niet gelukt: ' + e.message, 'error'));
		}
	};

	const load = async () => {
		const list = await api('GET', '/api/projector-links');
		if (!alive(token)) return;
		const active = list.filter((l) => l.active).length;
		count.textContent = active + (active === 1 ? ' link werkt' : ' links werken') + ' nu (hoogstens ' + LINKS_MAX + ').';
		tbody.replaceChildren(...list.map((l) => h('tr', { 'data-id': l.id, class: l.active ? null : 'proj-revoked' },
			h('td', { class: 'num' }, String(l.id)),
			h('td', {}, l.created_by || '–'),
			h('td', {}, fmtTime(l.created_at)),
			h('td', {}, l.active ? h('span', { class: 'pill st-definitive' }, 'Werkt')
				: h('span', { class: 'pill pill-off' }, 'Ingetrokken ' + fmtTime(l.revoked_at))),
			h('td', { class: 'row-actions' }, l.active
				? h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-revoke': l.id, onclick: () => revoke(l) }, 'Intrekken')
				: null))));
		if (!list.length) tbody.append(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'Er zijn nog geen projectorlinks.')));
	};

	add(main,
		h('h1', {}, 'Projector'),
		takeFlash(),
		h('p', { class: 'help proj-intro' }, 'Een link voor de beamer of een scherm in de zaal. Die toont de voortgang: hoeveel stembureaus definitief zijn en de status van elk stembureau, zonder cijfers en zonder namen van invoerders. Op die computer hoeft niemand in te loggen. Trek de link in als hij niet meer nodig is; het scherm toont dat dan binnen 10 seconden.'),
		h('div', { class: 'actions' }, create),
		note,
		fresh,
		h('h2', {}, 'Links'),
		count,
		h('table', { class: 'table proj-links' },
			h('thead', {}, h('tr', {}, h('th', { class: 'num', scope: 'col' }, 'Nr'), h('th', { scope: 'col' }, 'Gemaakt door'),
				h('th', { scope: 'col' }, 'Gemaakt op'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actie')))),
			tbody));
	await load();
}
