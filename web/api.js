/*
 * The server's JSON API: one fetch wrapper with the CSRF token and Dutch error
 * messages, the handling of an expired session, and error reporting for
 * event handlers.
 */
import { S, route, banner, STATUS, STATES, FORM_GROUPS, LIMITS } from './core.js';

export class ApiError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
		this.handled = false;
	}
}

export const HTTP_MESSAGE = {
	0: 'Geen verbinding met de server. Controleer de netwerkkabel en probeer het opnieuw.',
	403: 'Dit mag u niet doen.',
	404: 'Niet gevonden.',
	409: 'Dat kan nu niet: de toestand is intussen veranderd.',
	413: 'Het verzoek is te groot.',
	500: 'Er ging iets mis op de server. Probeer het opnieuw of waarschuw de ICT-ondersteuning.',
};

export async function api(method, path, body) {
	const opts = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' };
	if (method !== 'GET') {
		opts.headers['Content-Type'] = 'application/json';
		if (S.me && S.me.csrf_token) opts.headers['X-CSRF-Token'] = S.me.csrf_token;
		opts.body = JSON.stringify(body === undefined ? {} : body);
	}
	let res;
	try {
		res = await fetch(path, opts);
	} catch (e) {
		throw new ApiError(0, 'network', HTTP_MESSAGE[0]);
	}
	let data = null;
	try {
		const text = await res.text();
		data = text ? JSON.parse(text) : null;
	} catch (e) {
		data = null;
	}
	if (res.ok) return data;
	const err = (data && data.error) || {};
	const e = new ApiError(res.status, err.code || 'http_' + res.status,
		err.message || HTTP_MESSAGE[res.status] || HTTP_MESSAGE[500]);
	e.retryAfter = res.headers.get('Retry-After');
	if (res.status === 401 && path !== '/api/login' && path !== '/api/me') {
		sessionExpired();
		e.handled = true;
	} else if (res.status === 403 && e.code === 'password_change_required' && S.me) {
		S.me.must_change_password = true;
		e.handled = true;
		route();
	}
	throw e;
}

export function sessionExpired() {
	if (!S.me) return;
	S.me = null;
	S.returnTo = location.hash;
	S.flash = { text: 'Uw sessie is verlopen. Log opnieuw in; wat u hebt ingevoerd is bewaard.', kind: 'warn' };
	route();
}

/* Shows an error of a user action in the banner (unless already dealt with). */
export function showError(e) {
	if (e && e.handled) return;
	if (!(e instanceof ApiError)) console.error(e);
	banner(e instanceof ApiError ? e.message : 'Er ging iets mis in deze pagina. Laad de pagina opnieuw (F5).', 'error');
}

/* Wraps an event handler: errors end up in the banner. */
export function safe(fn) {
	return function (ev) {
		Promise.resolve().then(() => fn.call(this, ev)).catch(showError);
	};
}

/* The vocabulary the server owns (statuses, the count form's fields, the largest
 * count): fetched once, into core.js's STATUS, STATES, FORM_GROUPS and LIMITS.
 * Throws the ApiError when it cannot be had. */
export async function loadVocabulary() {
	if (STATES.length) return;
	const v = await api('GET', '/api/vocabulary');
	if (STATES.length) return; // another call was first
	for (const s of v.statuses) STATUS[s.name] = s.label;
	FORM_GROUPS.push(...v.groups);
	LIMITS.count_max = v.count_max;
	STATES.push(...v.statuses.map((s) => s.name));
}

/* What every view may need, once after login: the election and the vocabulary.
 * Only a lost session is fatal here; a view loads again what failed. */
export async function loadAfterLogin() {
	await Promise.all([loadElection(), loadVocabulary().catch((e) => {
		if (e.handled) throw e;
	})]);
}

export async function loadElection() {
	if (S.election) return S.election;
	try {
		S.election = await api('GET', '/api/election');
	} catch (e) {
		if (e.handled) throw e;
		S.election = null;
	}
	return S.election;
}
