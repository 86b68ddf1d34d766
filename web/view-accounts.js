/*
 * Administrator: accounts (adding, resetting a password to a one-time one,
 * disabling and enabling), the blocked logins (blocks.js), and the printed sheets with one-time passwords,
 * which carry the server's LAN address and its local CA's fingerprint
 * (GET /api/server-info), as the PDF sheets of `teller user import` do.
 */
import { h, add, setKids, $, msg, takeFlash, alive, fmtTime, clock, S, ROLE } from './core.js';
import { api, safe } from './api.js';
import { blocksSection } from './blocks.js';

const ROLE_IN = {
	typist: 'typist', invoerder: 'typist',
	coordinator: 'coordinator', 'coördinator': 'coordinator',
	administrator: 'administrator', beheerder: 'administrator',
};

/* "1 dec, 20:59": the moments in the list, without seconds (the list must fit 1024 px). */
function fmtShort(v) {
	const d = new Date(v);
	if (v === null || v === undefined || v === '' || isNaN(d.getTime())) return fmtTime(v);
	return d.toLocaleString('nl-NL', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

const isLoopback = (u) => /^https?:\/\/(127\.|\[::1\]|localhost[:/])/i.test(u);

/* What the sheets say about the server, from GET /api/server-info (null when
 * it could not be had): the address to open (the one this page was opened on
 * when the server lists it, else its first LAN address; never "localhost"),
 * and, on HTTPS, where the laptops install the local CA's certificate once
 * and its fingerprint. */
function sheetServer(info) {
	const urls = (info && Array.isArray(info.urls) ? info.urls : []).filter((u) => typeof u === 'string' && /^https?:\/\//.test(u));
	const here = location.origin + '/';
	const url = urls.includes(here) ? here : urls.find((u) => !isLoopback(u)) || urls[0] || here;
	const fp = info && typeof info.ca_fingerprint === 'string' ? info.ca_fingerprint : '';
	return {
		url,
		known: urls.length > 0,
		others: urls.filter((u) => u !== url && !isLoopback(u)),
		ca: url.startsWith('https:') && fp ? { url: url + 'ca.crt', fingerprint: fp } : null,
	};
}

/* A refusal of a change to an account, in plain Dutch. */
function refusal(e, a) {
	if (e.code === 'own_account') return 'Dit is uw eigen account. Uw eigen wachtwoord wijzigt u via "Wachtwoord" bovenaan; uitschakelen kan alleen een andere beheerder.';
	if (e.code === 'last_administrator') return 'Niet gedaan: ' + a.name + ' is de laatste beheerder die kan inloggen. Maak eerst een andere beheerder aan of schakel er een in.';
	if (e.code === 'not_found') return 'Dit account bestaat niet meer. Laad de pagina opnieuw (F5).';
	return 'Niet gelukt: ' + e.message;
}

export async function viewAccounts(token) {
	const main = $('#main');
	const [accounts, info] = await Promise.all([api('GET', '/api/accounts'),
		api('GET', '/api/server-info').catch((e) => {
			if (e.handled) throw e;
			return null;
		})]);
	if (!alive(token)) return;
	const server = sheetServer(info);
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const sheets = h('section', { class: 'sheets', id: 'sheets', hidden: true });
	const name = h('input', { id: 'acc-name', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
	const role = h('select', { id: 'acc-role' }, ['typist', 'coordinator', 'administrator'].map((r) => h('option', { value: r }, ROLE[r])));
	const csv = h('textarea', { id: 'acc-csv', rows: 6, spellcheck: 'false', placeholder: 'jansen,invoerder\npietersen,invoerder\nde-vries,coordinator' });

	const hideSheets = () => {
		sheets.replaceChildren();
		sheets.hidden = true;
		document.body.classList.remove('has-sheets');
	};
	/* One sheet per account, printed at once: the password is shown this once. */
	const showSheets = (created, title) => {
		const steps = (a) => [
			server.ca ? h('li', {}, 'Eenmalig per laptop: installeer het certificaat van de lokale CA als vertrouwde certificeringsinstantie. Haal het op van ',
				h('span', { class: 'sheet-ca-url mono' }, server.ca.url),
				' en controleer dat de vingerafdruk (SHA-256) gelijk is aan ',
				h('span', { class: 'sheet-fingerprint mono' }, server.ca.fingerprint)) : null,
			h('li', {}, 'Open in de browser: ', h('span', { class: 'mono' }, server.url)),
			server.ca ? h('li', {}, 'De browser opent de pagina zonder waarschuwing over het certificaat; waarschuwt hij wel, log dan niet in en roep de beheerder.') : null,
			h('li', {}, 'Log in met uw naam (' + a.name + ') en het eenmalige wachtwoord hierboven.'),
			h('li', {}, 'Kies meteen een nieuw wachtwoord van minstens 12 tekens.'),
			h('li', {}, 'Dit account is persoonlijk: deel het met niemand en laat niemand anders op uw naam invoeren. Lever dit blad na afloop in of vernietig het.')];
		setKids(sheets,
			h('div', { class: 'no-print sheets-head' },
				h('h2', {}, title || 'Inlogbladen (' + created.length + ')'),
				msg((created.length === 1 ? 'Dit wachtwoord wordt' : 'Deze wachtwoorden worden') + ' maar één keer getoond. Druk ' + (created.length === 1 ? 'het blad' : 'de bladen') + ' nu af en geef ieder persoonlijk zijn eigen blad.', 'warn'),
				!server.known ? msg('Het netwerkadres van de server kon niet worden opgehaald: controleer het adres op de bladen voor u ze uitdeelt.', 'error')
					: isLoopback(server.url) ? msg('Let op: de server luistert alleen op deze computer (' + server.url + '); andere laptops kunnen dat adres niet openen. Start Teller op het netwerk (zie README) en maak de bladen daarna.', 'error') : null,
				server.others.length ? h('p', { class: 'help' }, 'Deze server heeft ook ' + (server.others.length === 1 ? 'het adres ' : 'de adressen ') + server.others.join(', ') + '. Op de bladen staat ' + server.url + '.') : null,
				h('div', { class: 'actions' },
					h('button', { type: 'button', class: 'btn btn-primary', id: 'sheets-print', onclick: () => window.print() }, 'Afdrukken'),
					h('button', { type: 'button', class: 'btn', id: 'sheets-close', onclick: () => { hideSheets(); name.focus(); } }, 'Klaar: bladen weghalen'))),
			created.map((a) => h('article', { class: 'sheet', 'data-name': a.name },
				h('h2', {}, 'Teller – persoonlijke inloggegevens'),
				S.election ? h('p', {}, S.election.election.name) : null,
				h('dl', {},
					h('dt', {}, 'Naam'), h('dd', { class: 'sheet-name' }, a.name),
					h('dt', {}, 'Rol'), h('dd', {}, ROLE[a.role] || a.role),
					h('dt', {}, 'Eenmalig wachtwoord'), h('dd', { class: 'sheet-password' }, a.password),
					h('dt', {}, 'Adres'), h('dd', { class: 'sheet-url mono' }, server.url)),
				h('h3', {}, 'Zo begint u'),
				h('ol', {}, steps(a)))));
		sheets.hidden = false;
		document.body.classList.add('has-sheets');
		sheets.scrollIntoView({ block: 'start' });
		$('#sheets-print').focus();
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


	/* The list: per account its state and, for somebody else's, the actions.
	 * The outcome of the latest action (or its refusal) stands under its row. */
	let list = accounts;
	const notes = new Map(); // account id -> {text, kind}
	const tbody = h('tbody');
	const isMe = (a) => !!S.me && a.name.toLowerCase() === String(S.me.user).toLowerCase();
	const button = (a, act, label, cls, onclick) => h('button', {
		type: 'button', class: 'btn btn-small' + (cls ? ' ' + cls : ''), 'data-act': act,
		'aria-label': label + ': ' + a.name, onclick: safe(onclick),
	}, label);
	const fill = () => {
		const rows = [];
		for (const a of list) {
			const me = isMe(a);
			rows.push(h('tr', { 'data-id': a.id, 'data-name': a.name, class: a.disabled ? 'acc-disabled' : me ? 'mine' : null },
				h('td', { class: 'acc-name' }, a.name),
				h('td', {}, ROLE[a.role] || a.role),
				h('td', { class: 'acc-state' },
					a.disabled ? h('span', { class: 'pill pill-off' }, 'Uitgeschakeld') : 'Actief',
					h('span', { class: 'sub acc-password' }, a.must_change_password ? 'eenmalig wachtwoord' : 'eigen wachtwoord')),
				h('td', {}, a.last_login ? fmtShort(a.last_login) : 'nog nooit',
					h('span', { class: 'sub' }, 'aangemaakt ' + fmtShort(a.created_at))),
				h('td', { class: 'row-actions' }, me ? h('span', { class: 'sub' }, 'Uw eigen account') : [
					button(a, 'reset', 'Wachtwoord resetten', null, () => reset(a)),
					a.disabled ? button(a, 'enable', 'Inschakelen', null, () => setDisabled(a, false))
						: button(a, 'disable', 'Uitschakelen', 'btn-danger', () => setDisabled(a, true))])));
			const n = notes.get(a.id);
			if (n) rows.push(h('tr', { class: 'row-note', 'data-note-for': a.name }, h('td', { colspan: 5 }, msg(n.text, n.kind))));
		}
		tbody.replaceChildren(...rows);
	};
	const refresh = async () => {
		try {
			list = await api('GET', '/api/accounts');
		} catch (e) {
			if (e.handled) throw e;
		}
		if (alive(token)) fill();
	};
	/* After a change the cursor stays on the account: on the button that undoes it. */
	const focusRow = (id, act) => {
		const b = tbody.querySelector('tr[data-id="' + id + '"] [data-act="' + act + '"]') || tbody.querySelector('tr[data-id="' + id + '"] button');
		if (b) b.focus();
	};

	const reset = async (a) => {
		if (!window.confirm('Wachtwoord van ' + a.name + ' resetten?\n\n' + a.name + ' krijgt een nieuw eenmalig wachtwoord; u ziet het één keer, op een blad om af te drukken. ' +
			'Het oude wachtwoord werkt meteen niet meer, ' + a.name + ' wordt op elke laptop uitgelogd en kiest bij de volgende keer inloggen een eigen wachtwoord.')) return;
		notes.clear();
		let res;
		try {
			res = await api('POST', '/api/accounts/' + a.id + '/password-reset', {});
		} catch (e) {
			if (e.handled) return;
			notes.set(a.id, { text: refusal(e, a), kind: 'error' });
			await refresh();
			focusRow(a.id, 'reset');
			return;
		}
		notes.set(a.id, { text: 'Nieuw eenmalig wachtwoord gemaakt om ' + clock() + '; het blad staat bovenaan deze pagina.' +
			(a.disabled ? ' Het account is nog uitgeschakeld: schakel het in om ' + a.name + ' te laten inloggen.' : ''), kind: 'ok' });
		await refresh();
		if (!alive(token)) return;
		note.replaceChildren();
		showSheets([res], 'Nieuw wachtwoord voor ' + res.name);
	};

	const setDisabled = async (a, off) => {
		const ask = off
			? 'Account ' + a.name + ' uitschakelen?\n\n' + a.name + ' wordt meteen op elke laptop uitgelogd en kan niet meer inloggen. ' +
				'Wat ' + a.name + ' heeft gedaan (invoer, logboek) blijft bewaard' + (a.role === 'typist' ? '; een invoer die nog open staat, kan de coördinator terugzetten' : '') +
				'. U kunt het account later weer inschakelen.'
			: 'Account ' + a.name + ' weer inschakelen?\n\n' + a.name + ' kan dan weer inloggen met ' + (a.must_change_password ? 'het eenmalige wachtwoord.' : 'het eigen wachtwoord.');
		if (!window.confirm(ask)) return;
		notes.clear();
		try {
			await api('POST', '/api/accounts/' + a.id + (off ? '/disable' : '/enable'), {});
			notes.set(a.id, off
				? { text: 'Uitgeschakeld om ' + clock() + ': ' + a.name + ' is uitgelogd en kan niet meer inloggen.', kind: 'ok' }
				: { text: 'Ingeschakeld om ' + clock() + ': ' + a.name + ' kan weer inloggen.', kind: 'ok' });
		} catch (e) {
			if (e.handled) return;
			notes.set(a.id, { text: refusal(e, a), kind: 'error' });
		}
		await refresh();
		focusRow(a.id, off ? 'enable' : 'disable');
	};

	fill();
	const blocks = blocksSection(token);
	add(main,
		h('h1', {}, 'Accounts'),
		takeFlash(),
		note,
		sheets,
		h('div', { class: 'two-col' }, addOne, bulk),
		h('h2', {}, 'Alle accounts'),
		h('table', { class: 'table accounts', id: 'accounts' },
			h('thead', {}, h('tr', {}, h('th', {}, 'Naam'), h('th', {}, 'Rol'), h('th', {}, 'Account'),
				h('th', {}, 'Laatst ingelogd'), h('th', {}, h('span', { class: 'visually-hidden' }, 'Acties')))),
			tbody),
		blocks.section);
	await blocks.load();
	if (alive(token)) name.focus();
}
