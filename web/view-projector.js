/*
 * The projector screen (#/projector/<token>): the progress of the count, big,
 * for a screen in the room. No login: the token of a link the coordinator made
 * goes in the X-Projector-Token header of GET /api/projector (never in a query
 * string, never in a cookie, never logged), every 10 seconds. The answer has no
 * figure of any entry and no typist's name. A revoked link (401) ends it.
 */
import { h, add, $, S, STATUS, alive, setKids } from './core.js';

const POLL_MS = 10000;

/* The words of the statuses. Logged-in pages have them from GET /api/vocabulary
 * (STATUS); a screen without a login cannot ask that, so these are the same
 * words (tally/labels.c) for when STATUS is empty. */
const LABEL = {
	empty: 'Niet begonnen',
	first_in_progress: '1e invoer bezig',
	first_done: '1e invoer klaar',
	first_has_errors: '1e invoer met fouten',
	second_in_progress: '2e invoer bezig',
	different: 'Verschil',
	definitive: 'Definitief',
};
const ORDER = Object.keys(LABEL);
const label = (s) => STATUS[s] || LABEL[s] || s;

const hhmm = (d) => d.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export async function viewProjector(token, linkToken) {
	const main = $('#main');
	document.body.classList.add('projector-mode');
	S.cleanup.push(() => document.body.classList.remove('projector-mode'));

	const stop = (title, text) => {
		setKids(main, h('div', { class: 'proj-stopped', id: 'proj-stopped', role: 'alert' },
			h('h1', {}, title), h('p', {}, text)));
	};
	if (!/^[0-9a-f]{64}$/.test(linkToken || '')) {
		stop('Deze link is niet compleet', 'Controleer of het hele adres is overgenomen, of vraag de coördinator om een nieuwe link.');
		return;
	}

	const title = h('h1', { id: 'proj-title' }, 'Voortgang van de telling');
	const updated = h('p', { class: 'proj-updated', id: 'proj-updated' });
	const progressText = h('p', { class: 'proj-progress-text', id: 'proj-progress' });
	const fillBar = h('div', { class: 'proj-bar-fill' });
	const bar = h('div', { class: 'proj-bar', id: 'proj-bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-label': 'Stembureaus definitief' }, fillBar);
	const counts = h('ul', { class: 'proj-counts', id: 'proj-counts' });
	const grid = h('div', { class: 'proj-grid', id: 'proj-grid', role: 'list', 'aria-label': 'Stembureaus per status' });
	const trouble = h('p', { class: 'proj-trouble', id: 'proj-trouble', role: 'status' });
	add(main, h('div', { class: 'proj-head' }, title, updated), trouble,
		h('div', { class: 'proj-progress' }, progressText, bar), counts, grid);

	// The grid fills the rest of the screen: as many columns as give the biggest numbers.
	let digits = 1;
	const fit = () => {
		const n = grid.childElementCount;
		if (!n || !grid.isConnected) return;
		const gap = 4;
		const width = grid.clientWidth;
		const height = Math.max(100, window.innerHeight - grid.getBoundingClientRect().top - 12);
		let best = null;
		for (let c = 1; c <= n; c++) {
			const rows = Math.ceil(n / c);
			const w = (width - gap * (c - 1)) / c;
			const hh = (height - gap * (rows - 1)) / rows;
			if (w <= 0 || hh <= 0) continue;
			const font = Math.min(w / (0.62 * digits + 0.5), hh / 1.3, 56);
			if (!best || font > best.font) best = { c, font, hh };
		}
		if (!best) return;
		grid.style.setProperty('--proj-cols', String(best.c));
		grid.style.setProperty('--proj-font', Math.max(9, Math.floor(best.font)) + 'px');
		grid.style.setProperty('--proj-row', Math.floor(Math.min(best.hh, best.font * 2.2)) + 'px');
	};
	window.addEventListener('resize', fit);
	S.cleanup.push(() => window.removeEventListener('resize', fit));

	const show = (d) => {
		const total = d.stations_total || 0;
		const def = d.stations_definitive || 0;
		title.textContent = d.election ? d.election : 'Voortgang van de telling';
		document.title = 'Teller – voortgang';
		const pct = total ? Math.floor((def * 100) / total) : 0;
		progressText.textContent = def + ' van ' + total + ' stembureaus definitief (' + pct + '%)';
		bar.setAttribute('aria-valuemax', String(total));
		bar.setAttribute('aria-valuenow', String(def));
		fillBar.style.width = (total ? (def * 100) / total : 0) + '%';
		const by = d.by_status || {};
		counts.replaceChildren(...ORDER.concat(Object.keys(by).filter((s) => !ORDER.includes(s))).map((s) => h('li', { class: 'proj-count', 'data-status': s },
			h('span', { class: 'proj-swatch st-' + s, 'aria-hidden': 'true' }),
			h('span', { class: 'proj-count-label' }, label(s)),
			h('span', { class: 'proj-count-n' }, String(by[s] || 0)))));
		const stations = d.stations || [];
		digits = Math.max(1, ...stations.map((s) => String(s.number).length));
		grid.replaceChildren(...stations.map((s) => h('div', {
			class: 'proj-cell st-' + s.status, role: 'listitem', 'data-number': s.number,
			title: 'Stembureau ' + s.number + (s.name ? ' (' + s.name + ')' : '') + ': ' + label(s.status),
		}, String(s.number))));
		const at = d.updated ? new Date(d.updated) : new Date();
		updated.textContent = 'Bijgewerkt om ' + hhmm(isNaN(at.getTime()) ? new Date() : at);
		fit();
	};

	let timer = null;
	let stopped = false;
	S.cleanup.push(() => {
		stopped = true;
		clearTimeout(timer);
	});
	let lastOk = null;
	const poll = async () => {
		let wait = POLL_MS;
		try {
			const res = await fetch('/api/projector', {
				headers: { Accept: 'application/json', 'X-Projector-Token': linkToken },
				credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
			});
			if (stopped || !alive(token)) return;
			if (res.status === 401) {
				stopped = true;
				stop('Deze link is ingetrokken', 'Dit scherm toont de voortgang niet meer. Vraag de coördinator om een nieuwe link.');
				return;
			}
			if (res.status === 429) {
				const after = Number(res.headers.get('Retry-After'));
				wait = Math.max(POLL_MS, (Number.isFinite(after) ? after : 30) * 1000);
				throw new Error('busy');
			}
			if (!res.ok) throw new Error('http ' + res.status);
			show(await res.json());
			lastOk = new Date();
			trouble.textContent = '';
		} catch (e) {
			if (stopped || !alive(token)) return;
			trouble.textContent = lastOk
				? 'Geen verbinding met de server sinds ' + hhmm(lastOk) + ': de stand hieronder kan verouderd zijn.'
				: 'Nog geen verbinding met de server. Teller probeert het opnieuw.';
		}
		if (!stopped && alive(token)) timer = setTimeout(poll, wait);
	};
	await poll();
}
