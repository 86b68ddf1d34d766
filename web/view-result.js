/*
 * Coordinator: the seat allocation ("Zetelverdeling", #/zetels): the result as the
 * server computes it (GET /api/result, asked of tally/), every step readable, the lot
 * to draw with its options and what it decides, the deceased candidates, and the
 * result's files (510d, 520, PV P 22-2) with their hash codes. The page decides no
 * rule: whether a lot is needed, who is elected and whether the result is a draft are
 * the server's; it only shows them, and posts what the committee recorded.
 */
import { h, add, setKids, $, msg, takeFlash, alive, route, clock, fmtNum, fmtTime, fmtSize, hashBlock } from './core.js';
import { api, safe } from './api.js';

/* A fraction {num, den} as people read it: "550", "189 2/15" (exact: BigInt, no floating point). */
export function fmtFrac(f) {
	if (!f || !Number.isSafeInteger(f.num) || !Number.isSafeInteger(f.den) || f.den <= 0) return '–';
	const neg = f.num < 0;
	const n = BigInt(neg ? -f.num : f.num);
	const d = BigInt(f.den);
	const whole = n / d;
	const part = n % d;
	const sign = neg ? '-' : '';
	if (part === 0n) return sign + whole.toLocaleString('nl-NL');
	if (whole === 0n) return sign + part + '/' + d;
	return sign + whole.toLocaleString('nl-NL') + ' ' + part + '/' + d;
}

const frac = (f) => h('span', { class: 'frac' }, fmtFrac(f));

/* What each file of the result is, by its name. */
const RESULT_FILE = [
	[/Totaaltelling.*\.eml\.xml$/i, 'Totaaltelling (EML 510d): de stemmen waarmee de zetels zijn verdeeld'],
	[/Resultaat.*\.eml\.xml$/i, 'Uitslag (EML 520): de lijsten met zetels en de gekozen kandidaten'],
	[/\.pdf$/i, 'Proces-verbaal P 22-2: afdrukken en laten ondertekenen'],
];
const ON_PAPER = /Resultaat.*\.eml\.xml$/i; // the PV prints the 520's hash code on every page

const fileUrl = (name) => '/api/result/files/' + encodeURIComponent(name);

/* Until the count is finished there is no result to show: say so, plainly. */
function waiting(main, e) {
	const why = {
		count_not_finished: [h('p', { class: 'msg msg-info', id: 'result-waiting', role: 'status' },
			'De zetelverdeling komt zodra alle stembureaus definitief zijn. Zie het ',
			h('a', { href: '#/stations' }, 'overzicht'), ' voor de stembureaus die nog niet klaar zijn.')],
		no_election: [msg('Er is nog geen verkiezing ingericht: importeer eerst de verkiezing en de kandidatenlijsten.', 'info')],
	}[e.code] || [msg('De zetelverdeling kan nu niet worden berekend.', 'error'), h('p', { class: 'help', id: 'result-why' }, e.message)];
	add(main, h('h1', {}, 'Zetelverdeling'), takeFlash(), why,
		h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn', id: 'result-retry', onclick: () => route() }, 'Opnieuw proberen')));
}

export async function viewResult(token) {
	const main = $('#main');
	let r;
	try {
		r = await api('GET', '/api/result');
	} catch (e) {
		if (e.status === 409 && !e.handled && alive(token)) return waiting(main, e);
		throw e;
	}
	if (!alive(token)) return;

	const body = h('div', { class: 'result' });
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite', id: 'result-note', tabindex: '-1' });
	const filesOut = h('div', { id: 'result-files-list', 'aria-live': 'polite' });
	let busy = false;

	const listOf = (n) => r.lists.find((l) => l.number === n);
	const listName = (n) => {
		const l = listOf(n);
		return 'lijst ' + n + (l && l.name ? ' (' + l.name + ')' : '');
	};
	const listCell = (n) => {
		const l = listOf(n);
		return [h('span', { class: 'list-no' }, 'Lijst ' + n), l && l.name ? [' ', h('span', { class: 'sub' }, l.name)] : null];
	};
	const candOf = (l, pos) => (l ? l.candidates.find((c) => c.position === pos) : null);
	const candName = (l, pos) => {
		const c = candOf(l, pos);
		return 'nr. ' + pos + (c && c.name ? ' ' + c.name : '');
	};

	/* A change recorded: the new result from the server, drawn again; the old files are gone. */
	const changed = (next, text) => {
		r = next;
		draw();
		setKids(filesOut, msg('De zetelverdeling is veranderd: maak de bestanden opnieuw.', 'info'));
		setKids(note, msg(text + ' (' + clock() + ')', 'ok'));
		note.focus();
	};
	const post = async (url, data, text, out) => {
		if (busy) return;
		busy = true;
		note.replaceChildren();
		out.replaceChildren();
		try {
			const next = await api('POST', url, data);
			if (!alive(token)) return;
			changed(next, text);
		} catch (e) {
			if (e.handled || !alive(token)) return;
			out.append(msg('Niet vastgelegd: ' + e.message, 'error'));
		} finally {
			busy = false;
		}
	};

	/* Draft or final, and where the figures come from. */
	const drawState = () => {
		const lot = r.lots_required;
		return h('section', { id: 'result-status', class: 'result-status' },
			h('div', { class: 'export-head' },
				r.draft ? h('span', { class: 'draft-stamp', id: 'result-draft' }, 'CONCEPT') : null,
				lot ? h('span', { class: 'pill pill-big st-different', id: 'result-waits' }, 'Wacht op loting')
					: r.draft ? null : h('span', { class: 'pill pill-big st-definitive', id: 'result-final' }, 'Definitief')),
			r.draft ? h('p', { class: 'msg msg-warn', id: 'result-draft-note', role: 'status' },
				h('strong', {}, 'CONCEPT: de telling is nog niet afgerond. '),
				'Deze zetelverdeling geldt nog niet. Zij wordt definitief zodra de telling is afgerond op de pagina ',
				h('a', { href: '#/export' }, 'Uitslag'), '.') : null,
			lot ? msg('De zetelverdeling is nog niet compleet: eerst moet er worden geloot (zie hieronder). Tot dan zijn de zetels hieronder de zetels tot nu toe.', 'warn') : null,
			h('p', { id: 'result-source', class: 'help' }, r.source === '510b'
				? 'Berekend uit de telling van het gemeentelijk stembureau (EML 510b), ingelezen met de hashcode.'
				: 'Berekend uit de eigen telling: de opgetelde aantallen van alle definitieve stembureaus.'));
	};

	const drawFigures = () => {
		const row = (label, value, id) => h('tr', { 'data-figure': id }, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, value));
		return h('section', { id: 'result-figures' },
			h('h2', {}, 'Kerngetallen'),
			h('table', { class: 'table figures' }, h('tbody', {},
				row('Aantal zetels', fmtNum(r.seats), 'seats'),
				row('Stemmen op kandidaten', fmtNum(r.votes), 'votes'),
				row('Kiesdeler', frac(r.quota), 'quota'),
				row('Voorkeurdrempel', frac(r.preference_threshold), 'threshold'),
				row('Volle zetels', fmtNum(r.full_seats), 'full'),
				row('Restzetels', fmtNum(r.residual_seats), 'residual'),
				row('Onvervulde zetels', fmtNum(r.empty_seats), 'empty'))));
	};

	/* The lot to draw: what it decides, a button per option, a confirm, the post. */
	const drawLot = () => {
		const lot = r.lots_required;
		if (!lot) return null;
		const out = h('div', { class: 'form-msg', 'aria-live': 'polite' });
		const l = lot.kind === 'candidate' ? listOf(lot.list) : null;
		const label = (o) => (lot.kind === 'candidate'
			? 'Kandidaat ' + o + (candOf(l, o) ? ': ' + candOf(l, o).name : '')
			: 'Lijst ' + o + (listOf(o) && listOf(o).name ? ': ' + listOf(o).name : ''));
		const choose = (o) => {
			const what = lot.kind === 'candidate' ? candName(l, o) + ' van ' + listName(lot.list) : listName(o);
			if (!window.confirm('Loting vastleggen\n\n' + lot.decides + '\n\nUitkomst van de loting: ' + what +
				'.\n\nDe uitkomst komt in het logboek en de zetelverdeling wordt opnieuw berekend.\n\nDoorgaan?')) return;
			post('/api/result/lots', lot.kind === 'candidate' ? { list: lot.list, candidate: o } : { list: o },
				'De loting is vastgelegd: ' + what + '.', out);
		};
		return h('section', { id: 'result-lot', class: 'card lot-box', role: 'region', 'aria-labelledby': 'lot-title' },
			h('h2', { id: 'lot-title' }, 'Loting nodig' + (lot.kind === 'candidate' ? ' tussen kandidaten van lijst ' + lot.list : ' voor zetel ' + lot.seat)),
			h('p', { class: 'lot-decides', id: 'lot-decides' }, lot.decides),
			h('p', { class: 'help' }, 'Het centraal stembureau trekt het lot in het openbaar; Teller loot niet. Kies hieronder de uitkomst van de loting.'),
			h('div', { class: 'actions lot-options' }, (lot.options || []).map((o) =>
				h('button', { type: 'button', class: 'btn btn-primary', 'data-option': o, onclick: () => choose(o) }, label(o)))),
			out);
	};

	const drawLists = () => h('section', { id: 'result-lists' },
		h('h2', {}, 'Zetels per lijst'),
		h('table', { class: 'table result-lists' },
			h('thead', {}, h('tr', {}, h('th', {}, 'Lijst'), h('th', { class: 'num' }, 'Stemmen'), h('th', { class: 'num' }, 'Overschot'),
				h('th', { class: 'num' }, 'Volle zetels'), h('th', { class: 'num' }, 'Restzetels'), h('th', { class: 'num' }, 'Zetels'))),
			h('tbody', {}, r.lists.map((l) => h('tr', { 'data-list': l.number },
				h('td', {}, listCell(l.number), l.exhausted ? h('span', { class: 'flag flag-warn' }, 'lijst uitgeput') : null),
				h('td', { class: 'num' }, fmtNum(l.votes)),
				h('td', { class: 'num' }, frac(l.remainder)),
				h('td', { class: 'num' }, fmtNum(l.full_seats)),
				h('td', { class: 'num' }, fmtNum(l.residual_seats)),
				h('td', { class: 'num seats' }, h('strong', {}, fmtNum(l.seats))))),
			h('tr', { class: 'sum-row' }, h('td', {}, 'Totaal'), h('td', { class: 'num' }, fmtNum(r.votes)), h('td', {}), h('td', {}), h('td', {}),
				h('td', { class: 'num' }, fmtNum(r.seats))))),
		r.empty_seats > 0 ? msg(r.empty_seats + (r.empty_seats === 1 ? ' zetel blijft' : ' zetels blijven') + ' onvervuld: geen lijst had er nog een kandidaat voor.', 'warn') : null);

	/* The residual seats, one step at a time: who got it, how, and what was compared. */
	const drawSteps = () => {
		const steps = r.steps || [];
		const how = (s) => [
			h('span', { class: 'method' }, s.label),
			s.by_lot ? h('span', { class: 'flag flag-warn by-lot' }, 'door loting') : null,
			s.again && s.from_list ? h('span', { class: 'sub' }, 'opnieuw verdeeld: teruggegeven door ' + listName(s.from_list)) : null,
			!s.again && s.from_list && s.list ? h('span', { class: 'sub' }, 'afgestaan door ' + listName(s.from_list)) : null,
			!s.list && s.from_list ? h('span', { class: 'sub' }, listName(s.from_list) + ' heeft te weinig kandidaten en geeft de zetel terug') : null,
			(s.tied || []).length > 1 ? h('span', { class: 'sub' }, 'gelijk: lijsten ' + s.tied.join(', ')) : null];
		const compared = (s) => ((s.compared || []).length
			? h('ul', { class: 'compared' }, s.compared.map((c) => h('li', { class: c.list === s.list ? 'winner' : null },
				c.list === s.list ? h('strong', {}, 'lijst ' + c.list + ': ', frac(c.value)) : ['lijst ' + c.list + ': ', frac(c.value)])))
			: '–');
		return h('section', { id: 'result-steps' },
			h('h2', {}, 'De restzetels, stap voor stap'),
			steps.length ? h('table', { class: 'table result-steps' },
				h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Zetel'), h('th', {}, 'Naar'), h('th', {}, 'Wijze'),
					h('th', { class: 'num' }, 'Waarde'), h('th', {}, 'Vergeleken'))),
				h('tbody', {}, steps.map((s) => h('tr', { 'data-seat': s.seat, class: s.by_lot ? 'by-lot-row' : null },
					h('td', { class: 'num' }, String(s.seat)),
					h('td', {}, s.list ? listCell(s.list) : '–'),
					h('td', {}, how(s)),
					h('td', { class: 'num' }, (s.compared || []).length ? frac(s.value) : '–'),
					h('td', {}, compared(s))))))
				: h('p', { class: 'help' }, 'Er zijn geen restzetels verdeeld.'));
	};

	const drawLotsDrawn = () => {
		const lots = r.lots || [];
		if (!lots.length) return null;
		return h('section', { id: 'result-lots' },
			h('h2', {}, 'Vastgelegde lotingen'),
			h('ol', {}, lots.map((x) => h('li', {}, x.candidate ? candName(listOf(x.list), x.candidate) + ' van ' + listName(x.list) : listName(x.list)))));
	};

	/* The elected per list, in the new ranking; the deceased struck through. */
	const drawElected = () => h('section', { id: 'result-elected' },
		h('h2', {}, 'Gekozen kandidaten per lijst'),
		h('p', { class: 'help' }, 'In de volgorde van de nieuwe rangschikking. Gekozen met voorkeurstemmen: meer stemmen dan de voorkeurdrempel van ', frac(r.preference_threshold), '.'),
		h('div', { class: 'elected-grid' }, r.lists.map((l) => {
			const elected = l.candidates.filter((c) => c.elected !== null && c.elected !== undefined).sort((a, b) => a.elected - b.elected);
			const dead = l.candidates.filter((c) => c.deceased);
			return h('section', { class: 'card elected-list', 'data-list': l.number },
				h('h3', {}, 'Lijst ' + l.number + (l.name ? ' – ' + l.name : '')),
				h('p', { class: 'sub' }, fmtNum(l.seats) + (l.seats === 1 ? ' zetel' : ' zetels')),
				elected.length ? h('ol', { class: 'elected' }, elected.map((c) => h('li', { 'data-position': c.position },
					h('span', { class: 'cand-name' }, c.name), ' ',
					h('span', { class: 'sub' }, '(nr. ' + c.position + ', ' + fmtNum(c.votes) + ' stemmen)'),
					c.preference ? [' ', h('span', { class: 'flag pref' }, 'voorkeurstemmen')] : null)))
					: h('p', { class: 'help' }, l.seats > 0 && r.lots_required ? 'Nog niet bekend: eerst de loting.' : 'Geen gekozen kandidaten.'),
				dead.length ? h('p', { class: 'deceased-line' }, 'Overleden: ', dead.map((c, i) => [i ? ', ' : '', h('s', {}, c.name), ' (nr. ' + c.position + ')'])) : null,
				h('details', { class: 'all-candidates' },
					h('summary', {}, 'Alle kandidaten (' + l.candidates.length + ')'),
					h('table', { class: 'table' },
						h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Nr'), h('th', {}, 'Kandidaat'), h('th', { class: 'num' }, 'Stemmen'), h('th', { class: 'num' }, 'Gekozen'))),
						h('tbody', {}, l.candidates.map((c) => h('tr', { class: c.deceased ? 'deceased' : null },
							h('td', { class: 'num' }, String(c.position)),
							h('td', {}, c.deceased ? [h('s', {}, c.name), ' ', h('span', { class: 'flag flag-err' }, 'overleden')] : c.name),
							h('td', { class: 'num' }, fmtNum(c.votes)),
							h('td', { class: 'num' }, c.elected ? String(c.elected) + (c.preference ? ' (voorkeur)' : '') : '')))))));
		})));

	/* Deceased candidates: those recorded, and a form to record one. */
	const drawDeceased = () => {
		const out = h('div', { class: 'form-msg', 'aria-live': 'polite' });
		const listSel = h('select', { id: 'deceased-list' }, r.lists.map((l) => h('option', { value: l.number }, l.number + ' – ' + l.name)));
		const candSel = h('select', { id: 'deceased-candidate' });
		const fill = () => {
			const l = listOf(Number(listSel.value));
			setKids(candSel, (l ? l.candidates : []).map((c) => h('option', { value: c.position, disabled: c.deceased },
				c.position + '. ' + c.name + (c.deceased ? ' (overleden)' : ''))));
			const first = [...candSel.options].find((o) => !o.disabled);
			if (first) candSel.value = first.value;
		};
		listSel.addEventListener('change', fill);
		fill();
		const form = h('form', { class: 'inline-form', id: 'deceased-form', novalidate: true },
			h('span', {}, h('label', { for: 'deceased-list' }, 'Lijst'), listSel),
			h('span', {}, h('label', { for: 'deceased-candidate' }, 'Kandidaat'), candSel),
			h('button', { type: 'submit', class: 'btn btn-danger', id: 'deceased-record' }, 'Overlijden vastleggen'));
		form.addEventListener('submit', safe(async (ev) => {
			ev.preventDefault();
			const list = Number(listSel.value);
			const candidate = Number(candSel.value);
			out.replaceChildren();
			if (!list || !candidate) {
				out.append(msg('Kies een lijst en een kandidaat.', 'error'));
				return;
			}
			const who = candName(listOf(list), candidate) + ' van ' + listName(list);
			if (!window.confirm('Overleden kandidaat vastleggen\n\n' + who + '\n\nDeze kandidaat wordt overgeslagen bij de toewijzing van de zetels en de zetelverdeling wordt opnieuw berekend. Dit komt in het logboek.\n\nDoorgaan?')) return;
			await post('/api/result/deceased', { list, candidate }, 'Vastgelegd: ' + who + ' is overleden.', out);
		}));
		const dead = r.deceased || [];
		return h('section', { id: 'result-deceased', class: 'card' },
			h('h2', {}, 'Overleden kandidaten'),
			dead.length ? h('ul', { id: 'deceased-recorded' }, dead.map((d) => h('li', {}, h('s', {}, d.name), ' (nr. ' + d.candidate + ' van ' + listName(d.list) + ')')))
				: h('p', { class: 'help', id: 'deceased-none' }, 'Er is geen overleden kandidaat vastgelegd.'),
			h('p', { class: 'help' }, 'Is een kandidaat overleden, leg dat dan hier vast voordat de uitslag wordt vastgesteld.'),
			form, out);
	};

	/* The result's files: made on request, listed with their hash codes and downloads. */
	const showFiles = (x) => {
		const files = x.files || [];
		setKids(filesOut,
			h('div', { class: 'export-head' }, h('h3', {}, x.draft ? 'Gemaakte bestanden (concept)' : 'Gemaakte bestanden'),
				x.draft ? h('span', { class: 'draft-stamp', id: 'result-files-draft' }, 'CONCEPT') : null),
			h('p', { class: 'export-meta' }, 'Gemaakt op ' + fmtTime(x.created) + '.'),
			x.draft ? msg('Dit zijn concepten om te controleren, niet de uitslag: de telling is nog niet afgerond.', 'warn')
				: msg('Druk het proces-verbaal af en controleer dat de hashcode onderaan elke pagina dezelfde is als die van de uitslag (EML 520) hieronder.', 'info'),
			h('table', { class: 'table export-files' },
				h('thead', {}, h('tr', {}, h('th', {}, 'Bestand'), h('th', { class: 'num' }, 'Grootte'), h('th', {}, 'Hashcode (SHA-256)'), h('th', { class: 'no-print' }, 'Downloaden'))),
				h('tbody', {}, files.map((f) => {
					const kind = RESULT_FILE.find(([re]) => re.test(f.name));
					const onPaper = ON_PAPER.test(f.name);
					return h('tr', { 'data-file': f.name, class: onPaper ? 'on-paper' : null },
						h('td', {}, h('span', { class: 'file-name' }, f.name), kind ? h('span', { class: 'sub' }, kind[1]) : null,
							onPaper ? h('span', { class: 'sub strong' }, 'Deze hashcode staat onderaan elke pagina van het proces-verbaal.') : null),
						h('td', { class: 'num', title: fmtNum(f.size) + ' bytes' }, fmtSize(f.size)),
						h('td', {}, hashBlock(f.hash_code, 'Hashcode van ' + f.name)),
						h('td', { class: 'no-print' }, h('div', { class: 'file-links' },
							h('a', { href: fileUrl(f.name), download: f.name, class: 'file-link' }, 'Bestand'),
							h('a', { href: fileUrl(f.name + '.sig'), download: f.name + '.sig', class: 'sig-link' }, 'Handtekening (.sig)'))));
				}),
				h('tr', { class: 'key-row' },
					h('td', {}, h('span', { class: 'file-name' }, 'Ondertekeningssleutel'), h('span', { class: 'sub' }, 'Vingerafdruk van de sleutel waarmee de bestanden zijn ondertekend.')),
					h('td', {}),
					h('td', {}, hashBlock(x.key_fingerprint, 'Vingerafdruk van de sleutel')),
					h('td', { class: 'no-print' }, h('a', { href: fileUrl('signing-key.pub.pem'), download: 'signing-key.pub.pem', class: 'key-link' }, 'Publieke sleutel (.pem)'))))));
	};
	const makeBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'result-files-make' }, 'Bestanden maken');
	makeBtn.addEventListener('click', async () => {
		if (busy) return;
		busy = true;
		makeBtn.disabled = true;
		makeBtn.textContent = 'Bezig…';
		note.replaceChildren();
		try {
			const x = await api('POST', '/api/result/files', {});
			if (!alive(token)) return;
			showFiles(x);
		} catch (e) {
			if (e.handled || !alive(token)) return;
			setKids(filesOut, msg('De bestanden zijn niet gemaakt: ' + (e.code === 'lots_required' ? 'eerst moet er worden geloot. ' : '') + e.message, 'error'));
		} finally {
			busy = false;
			makeBtn.textContent = 'Bestanden maken';
			makeBtn.disabled = false;
		}
	});
	const files = h('section', { id: 'result-files', class: 'card no-print-break' },
		h('h2', {}, 'Bestanden'),
		h('p', { class: 'help' }, 'De totaaltelling (EML 510d), de uitslag (EML 520) en het proces-verbaal P 22-2, ondertekend. Na een loting of een overleden kandidaat maakt u ze opnieuw.'),
		h('div', { class: 'actions no-print' }, makeBtn),
		filesOut);

	const draw = () => {
		setKids(body, drawState(), drawLot(), drawFigures(), drawLists(), drawSteps(), drawLotsDrawn(), drawElected(), drawDeceased());
	};

	add(main,
		h('div', { class: 'station-head' },
			h('h1', {}, 'Zetelverdeling'),
			h('button', { type: 'button', class: 'btn btn-small', id: 'result-refresh', onclick: () => route() }, 'Vernieuwen')),
		takeFlash(),
		note,
		body,
		files);
	draw();
}
