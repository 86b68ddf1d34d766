/* Administrator: the laptops connected now ("Verbonden laptops"). */
import { h, add, $, takeFlash, every, alive, clock, fmtTime, ROLE } from './core.js';
import { api } from './api.js';

export async function viewSessions(token) {
	const main = $('#main');
	const tbody = h('tbody');
	const count = h('p', { class: 'progress-text' });
	const updated = h('span', { class: 'help' });
	add(main, h('h1', {}, 'Verbonden laptops'), takeFlash(), h('div', { class: 'search-row' }, count, updated),
		h('table', { class: 'table' },
			h('thead', {}, h('tr', {}, h('th', {}, 'Gebruiker'), h('th', {}, 'Rol'), h('th', {}, 'Adres'), h('th', {}, 'Browser'), h('th', {}, 'Ingelogd'), h('th', {}, 'Laatst actief'))),
			tbody));
	const load = async () => {
		let list;
		try {
			list = await api('GET', '/api/laptops');
		} catch (e) {
			if (!e.handled) updated.textContent = 'Bijwerken mislukt om ' + clock() + ': ' + e.message;
			return;
		}
		if (!alive(token)) return;
		count.textContent = list.length + (list.length === 1 ? ' sessie' : ' sessies') + ' actief';
		tbody.replaceChildren(...list.map((s) => h('tr', {},
			h('td', {}, s.user), h('td', {}, ROLE[s.role] || s.role), h('td', { class: 'mono' }, s.address),
			h('td', { class: 'ua', title: s.user_agent || '' }, s.user_agent || ''),
			h('td', {}, fmtTime(s.started)), h('td', {}, fmtTime(s.last_seen)))));
		updated.textContent = 'Bijgewerkt om ' + clock();
	};
	await load();
	every(5000, load);
}
