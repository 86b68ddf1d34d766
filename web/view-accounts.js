/* Administrator: accounts, and the printed sheets with one-time passwords. */
import { h, add, setKids, $, msg, takeFlash, alive, fmtTime, S, ROLE } from './core.js';
import { api, safe } from './api.js';

const ROLE_IN = {
	typist: 'typist', invoerder: 'typist',
	coordinator: 'coordinator', 'coördinator': 'coordinator',
	administrator: 'administrator', beheerder: 'administrator',
};

export async function viewAccounts(token) {
	const main = $('#main');
	const accounts = await api('GET', '/api/accounts');
	if (!alive(token)) return;
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const sheets = h('section', { class: 'sheets', id: 'sheets', hidden: true });
	const name = h('input', { id: 'acc-name', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
	const role = h('select', { id: 'acc-role' }, ['typist', 'coordinator', 'administrator'].map((r) => h('option', { value: r }, ROLE[r])));
	const csv = h('textarea', { id: 'acc-csv', rows: 6, spellcheck: 'false', placeholder: 'jansen,invoerder\npietersen,invoerder\nde-vries,coordinator' });

	const showSheets = (created) => {
		const host = location.host;
		setKids(sheets,
			h('div', { class: 'no-print sheets-head' },
				h('h2', {}, 'Inlogbladen (' + created.length + ')'),
				msg('Deze wachtwoorden worden maar één keer getoond. Druk de bladen nu af en geef ieder persoonlijk zijn eigen blad.', 'warn'),
				h('button', { type: 'button', class: 'btn btn-primary', onclick: () => window.print() }, 'Afdrukken')),
			created.map((a) => h('article', { class: 'sheet' },
				h('h2', {}, 'Teller – persoonlijke inloggegevens'),
				S.election ? h('p', {}, S.election.election.name) : null,
				h('dl', {},
					h('dt', {}, 'Naam'), h('dd', { class: 'sheet-name' }, a.name),
					h('dt', {}, 'Rol'), h('dd', {}, ROLE[a.role] || a.role),
					h('dt', {}, 'Eenmalig wachtwoord'), h('dd', { class: 'sheet-password' }, a.password),
					h('dt', {}, 'Adres'), h('dd', {}, location.protocol + '//' + host + '/')),
				h('h3', {}, 'Zo begint u'),
				h('ol', {},
					h('li', {}, 'Open het adres hierboven in de browser van uw laptop.'),
					h('li', {}, 'Log in met uw naam en dit eenmalige wachtwoord.'),
					h('li', {}, 'U moet het wachtwoord bij de eerste keer inloggen meteen wijzigen in een eigen wachtwoord van minstens 12 tekens.'),
					h('li', {}, 'Dit account is persoonlijk: deel het met niemand. Lever dit blad na afloop in of vernietig het.')))));
		sheets.hidden = false;
		document.body.classList.add('has-sheets');
		sheets.scrollIntoView({ block: 'start' });
	};
	S.cleanup.push(() => document.body.classList.remove('has-sheets'));

	const addOne = h('form', { class: 'card', novalidate: true },
		h('h2', {}, 'Account toevoegen'),
		h('div', { class: 'inline-form' },
			h('span', {}, h('label', { for: 'acc-name' }, 'Naam'), name),
			h('span', {}, h('label', { for: 'acc-role' }, 'Rol'), role),
			h('button', { type: 'submit', class: 'btn btn-primary' }, 'Toevoegen')));
	addOne.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		if (!name.value.trim()) {
			note.append(msg('Vul een naam in.', 'error'));
			return;
		}
		try {
			const a = await api('POST', '/api/accounts', { name: name.value.trim(), role: role.value });
			name.value = '';
			await refresh();
			note.append(msg('Account ' + a.name + ' is aangemaakt.', 'ok'));
			showSheets([a]);
		} catch (e) {
			if (e.handled) return;
			note.append(msg(e.code === 'exists' ? 'Er is al een account met deze naam.' : e.message, 'error'));
		}
	}));

	const bulk = h('form', { class: 'card', novalidate: true },
		h('h2', {}, 'Meerdere accounts tegelijk'),
		h('label', { for: 'acc-csv' }, 'Eén persoon per regel: naam,rol (rol: invoerder, coordinator of beheerder)'),
		csv,
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Accounts aanmaken')));
	bulk.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		// Dutch role words become the server's; every line keeps its number, so
		// that the server's "regel N" points at the same line of the text area.
		const text = csv.value.split(/\r?\n/).map((line) => line.replace(/^([^,;]*[,;]\s*)(\S+)(\s*)$/, (all, head, rl, tail) =>
			head + (ROLE_IN[rl.toLowerCase()] || rl) + tail)).join('\n');
		if (!text.trim()) {
			note.append(msg('Vul minstens één regel in: naam,rol.', 'error'));
			return;
		}
		try {
			const res = await api('POST', '/api/accounts/import', { csv: text });
			csv.value = '';
			await refresh();
			const created = (res && res.created) || [];
			note.append(msg(created.length + ' accounts aangemaakt.', 'ok'));
			showSheets(created);
		} catch (e) {
			if (e.handled) return;
			note.append(msg('Niets aangemaakt: ' + e.message, 'error'));
		}
	}));

	const tbody = h('tbody');
	const fill = (list) => {
		tbody.replaceChildren(...list.map((a) => h('tr', {},
			h('td', {}, a.name), h('td', {}, ROLE[a.role] || a.role),
			h('td', {}, a.must_change_password ? 'moet nog worden gewijzigd' : 'gewijzigd'),
			h('td', {}, fmtTime(a.created_at)), h('td', {}, fmtTime(a.last_login)))));
	};
	const refresh = async () => {
		fill(await api('GET', '/api/accounts'));
	};
	fill(accounts);
	add(main,
		h('h1', {}, 'Accounts'),
		takeFlash(),
		note,
		sheets,
		h('div', { class: 'two-col' }, addOne, bulk),
		h('h2', {}, 'Alle accounts'),
		h('table', { class: 'table' },
			h('thead', {}, h('tr', {}, h('th', {}, 'Naam'), h('th', {}, 'Rol'), h('th', {}, 'Wachtwoord'), h('th', {}, 'Aangemaakt'), h('th', {}, 'Laatst ingelogd'))),
			tbody));
	name.focus();
}
