/* Logging in, and changing one's password (forced after a one-time password). */
import { h, add, $, msg, takeFlash, S, HOME, app, route } from './core.js';
import { api, safe, loadAfterLogin, HTTP_MESSAGE } from './api.js';

export function viewLogin() {
	const main = $('#main');
	const note = h('div', { class: 'form-msg' });
	const name = h('input', { id: 'login-name', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
	const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
	const form = h('form', { class: 'card narrow', novalidate: true },
		h('h1', {}, 'Inloggen'),
		takeFlash(),
		h('label', { for: 'login-name' }, 'Naam'), name,
		h('label', { for: 'login-password' }, 'Wachtwoord'), pass,
		note,
		h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', type: 'submit', id: 'login-submit' }, 'Inloggen')));
	form.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		if (!name.value.trim() || !pass.value) {
			note.append(msg('Vul uw naam en wachtwoord in.', 'error'));
			return;
		}
		const btn = $('#login-submit');
		btn.disabled = true;
		try {
			const me = await api('POST', '/api/login', { username: name.value.trim(), password: pass.value });
			await app.afterLogin(me);
		} catch (e) {
			btn.disabled = false;
			let text = e.message;
			if (e.code === 'bad_credentials') text = 'Naam of wachtwoord klopt niet.';
			// The server says it in Dutch ("Dit account is uitgeschakeld. ..."); api.js
			// would put its general 403 text there if the message were missing.
			else if (e.code === 'account_disabled') text = e.message && e.message !== HTTP_MESSAGE[403] ? e.message : 'Dit account is uitgeschakeld. Vraag de beheerder om het weer in te schakelen.';
			else if (e.code === 'too_many_attempts') {
				const s = Math.max(1, Number(e.retryAfter) || 1);
				text = 'Te veel mislukte pogingen vanaf deze laptop. Probeer het over ' +
					(s < 120 ? s + (s === 1 ? ' seconde' : ' seconden') : Math.ceil(s / 60) + ' minuten') + ' opnieuw, of vraag de coördinator.';
			}
			note.append(msg(text, 'error'));
			pass.value = '';
			pass.focus();
		}
	}));
	add(main, form);
	name.focus();
}

export function viewPassword() {
	const main = $('#main');
	const forced = S.me.must_change_password;
	const note = h('div', { class: 'form-msg' });
	const cur = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password' });
	const nw = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', minlength: 12 });
	const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', minlength: 12 });
	const form = h('form', { class: 'card narrow', novalidate: true },
		h('h1', {}, 'Wachtwoord wijzigen'),
		forced ? msg('U logt voor het eerst in met een eenmalig wachtwoord. Kies nu uw eigen wachtwoord van minstens 12 tekens.', 'info') : null,
		h('label', { for: 'pw-current' }, forced ? 'Eenmalig wachtwoord' : 'Huidig wachtwoord'), cur,
		h('label', { for: 'pw-new' }, 'Nieuw wachtwoord (minstens 12 tekens)'), nw,
		h('label', { for: 'pw-again' }, 'Nieuw wachtwoord nogmaals'), again,
		note,
		h('div', { class: 'actions' },
			h('button', { class: 'btn btn-primary', type: 'submit', id: 'pw-submit' }, 'Wachtwoord opslaan'),
			forced ? null : h('a', { class: 'btn', href: HOME[S.me.role] }, 'Annuleren')));
	form.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		note.replaceChildren();
		const problem = !cur.value ? 'Vul uw huidige wachtwoord in.'
			: nw.value.length < 12 ? 'Het nieuwe wachtwoord moet minstens 12 tekens hebben.'
			: nw.value !== again.value ? 'De twee nieuwe wachtwoorden zijn niet gelijk.'
			: nw.value === cur.value ? 'Het nieuwe wachtwoord moet anders zijn dan het huidige.' : '';
		if (problem) {
			note.append(msg(problem, 'error'));
			return;
		}
		try {
			await api('POST', '/api/account/password', { current: cur.value, new: nw.value });
		} catch (e) {
			if (e.handled) throw e;
			note.append(msg(e.code === 'bad_credentials' ? 'Het huidige wachtwoord klopt niet.' : e.message, 'error'));
			return;
		}
		try {
			S.me = await api('GET', '/api/me');
		} catch (e) {
			if (e.handled) return;
			S.me.must_change_password = false;
		}
		S.flash = { text: 'Uw wachtwoord is gewijzigd.', kind: 'ok' };
		await loadAfterLogin();
		if (location.hash === HOME[S.me.role]) route();
		else location.hash = HOME[S.me.role];
	}));
	add(main, form);
	cur.focus();
}
