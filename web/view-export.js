/* Coordinator: the result: draft and final export, the files and their hash codes. */
import { h, add, setKids, $, msg, takeFlash, every, alive, clock, fmtNum, fmtTime, fmtSize, hashBlock } from './core.js';
import { api } from './api.js';

/* What each exported file is, by its name. */
const EXPORT_FILE = [
	[/\.eml\.xml$/i, 'Telling (EML 510b) voor de software van de Kiesraad'],
	[/\.pdf$/i, 'Proces-verbaal: afdrukken en laten ondertekenen'],
	[/\.csv$/i, 'Telling als spreadsheet (CSV)'],
];

const fileUrl = (name) => '/api/export/files/' + encodeURIComponent(name);

export async function viewExport(token) {
	const main = $('#main');
	const lastExport = async () => {
		try {
			return await api('GET', '/api/export');
		} catch (e) {
			if (e.status === 404 && !e.handled) return null; // nothing exported yet
			throw e;
		}
	};
	let [last, hist] = await Promise.all([lastExport(), api('GET', '/api/exports')]);
	if (!alive(token)) return;
	// How far the count is, and whether it is complete (only then the final export), is
	// the server's (GET /api/exports, asked of tally/); this page only shows it.
	const progressOf = (x) => ({ def: x.stations_definitive || 0, total: x.stations_total || 0, done: !!x.count_complete });
	let progress = progressOf(hist);
	const history = h('section', { id: 'export-history', class: 'export-history' });
	const reopen = h('section', { id: 'reopen', class: 'card reopen no-print' });
	let busy = false;
	const bar = h('progress', { max: 1, value: 0 });
	const barText = h('span', { class: 'progress-text', id: 'export-count' });
	const state = h('div');
	const note = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const result = h('section', { id: 'export-result', class: 'export-result', 'aria-live': 'polite' });
	const draftBtn = h('button', { type: 'button', class: 'btn', id: 'export-draft' }, 'Concept maken');
	const finalBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'export-final' }, 'Telling afronden');
	const counts = () => progress;

	const drawState = () => {
		const c = counts();
		bar.max = Math.max(1, c.total);
		bar.value = c.def;
		barText.textContent = c.def + ' van ' + c.total + ' stembureaus definitief';
		setKids(state, c.done
			? msg('Alle stembureaus zijn definitief. U kunt de telling afronden.', 'ok')
			: msg('Nog niet alle stembureaus zijn definitief: u kunt nu alleen een concept maken. Een concept bevat alleen de definitieve stembureaus.', 'warn'));
		draftBtn.disabled = busy;
		finalBtn.disabled = busy || !c.done;
		finalBtn.title = c.done ? '' : 'Kan pas als alle stembureaus definitief zijn';
	};

	const drawResult = () => {
		if (!last) {
			setKids(result, h('h2', {}, 'Bestanden'), h('p', { class: 'help', id: 'export-none' }, 'Er is nog geen export gemaakt.'));
			return;
		}
		const c = counts();
		const files = last.files || [];
		const changed = !last.draft && !last.withdrawn && (c.def !== last.stations_definitive || c.total !== last.stations_total);
		const have = last.files_available !== false && !last.withdrawn;
		setKids(result,
			last.draft
				? h('div', { class: 'export-head' }, h('h2', {}, 'Laatste export'), h('span', { class: 'draft-stamp', id: 'export-draft-mark' }, 'CONCEPT'))
				: h('div', { class: 'export-head' }, h('h2', {}, 'Definitieve uitslag'),
					last.withdrawn ? h('span', { class: 'withdrawn-stamp', id: 'export-withdrawn-mark' }, 'INGETROKKEN')
						: changed ? null : h('span', { class: 'pill pill-big st-definitive' }, 'Afgerond')),
			h('p', { class: 'export-meta' }, 'Gemaakt op ' + fmtTime(last.made_at || last.created) + (last.made_by ? ' door ' + last.made_by : '') + ', met ' + last.stations_definitive + ' van ' + last.stations_total + ' stembureaus definitief.'),
			last.withdrawn ? msg('Ingetrokken op ' + fmtTime(last.withdrawn.at) + ' door ' + last.withdrawn.by + ' (invoerfase heropend): ' + last.withdrawn.reason + '. Deze bestanden en het afgedrukte proces-verbaal gelden niet meer.', 'error') : null,
			!have && !last.withdrawn ? h('div', { class: 'msg msg-info', id: 'export-remake-note' },
				h('span', {}, 'De bestanden van deze export zijn na een herstart van Teller niet meer in het geheugen; hun hashcodes staan hieronder. '),
				last.draft ? h('span', {}, 'Maak een nieuw concept als u de bestanden nodig hebt.')
					: h('button', { type: 'button', class: 'btn btn-small', id: 'export-remake', onclick: () => run(false, true) }, 'Bestanden opnieuw maken (dezelfde bytes)')) : null,
			last.draft
				? msg('Dit is een concept om te controleren, niet de uitslag. Op elke pagina van het proces-verbaal staat CONCEPT. Rond de telling af zodra alle stembureaus definitief zijn.', 'warn')
				: changed || last.withdrawn ? null : msg('Volgende stap: druk het proces-verbaal af en controleer dat de hashcode onderaan elke pagina dezelfde is als de hashcode van de telling (EML 510b) hieronder. Laat daarna de commissie het proces-verbaal ondertekenen en lever de bestanden in op de USB-stick.', 'info'),
			changed ? msg('Let op: sinds deze export is de telling veranderd (nu ' + c.def + ' van ' + c.total + ' stembureaus definitief). Deze bestanden kloppen niet meer met de invoer: gebruik ze niet.', 'error') : null,
			h('table', { class: 'table export-files' },
				h('thead', {}, h('tr', {}, h('th', {}, 'Bestand'), h('th', { class: 'num' }, 'Grootte'), h('th', {}, 'Hashcode (SHA-256)'), h('th', { class: 'no-print' }, 'Downloaden'))),
				h('tbody', {}, files.map((f) => {
					const kind = EXPORT_FILE.find(([re]) => re.test(f.name));
					const onPaper = /\.eml\.xml$/i.test(f.name); // the PV prints this file's hash code on every page
					return h('tr', { 'data-file': f.name, class: onPaper ? 'on-paper' : null },
						h('td', {}, h('span', { class: 'file-name' }, f.name), kind ? h('span', { class: 'sub' }, kind[1]) : null,
							onPaper ? h('span', { class: 'sub strong' }, 'Deze hashcode staat onderaan elke pagina van het proces-verbaal.') : null),
						h('td', { class: 'num', title: fmtNum(f.size) + ' bytes' }, fmtSize(f.size)),
						h('td', {}, hashBlock(f.hash_code, 'Hashcode van ' + f.name)),
						h('td', { class: 'no-print' }, have ? h('div', { class: 'file-links' },
							h('a', { href: fileUrl(f.name), download: f.name, class: 'file-link' }, 'Bestand'),
							h('a', { href: fileUrl(f.name + '.sig'), download: f.name + '.sig', class: 'sig-link' }, 'Handtekening (.sig)')) : '–'));
				}),
				h('tr', { class: 'key-row' },
					h('td', {}, h('span', { class: 'file-name' }, 'Ondertekeningssleutel'), h('span', { class: 'sub' }, 'Vingerafdruk van de sleutel waarmee de bestanden zijn ondertekend; staat ook op het proces-verbaal.')),
					h('td', {}),
					h('td', {}, hashBlock(last.key_fingerprint, 'Vingerafdruk van de sleutel')),
					h('td', { class: 'no-print' }, h('a', { href: fileUrl('signing-key.pub.pem'), download: 'signing-key.pub.pem', class: 'key-link' }, 'Publieke sleutel (.pem)'))))),
			have ? h('div', { class: 'actions no-print' },
				h('a', { href: '/api/export/zip', class: 'btn btn-primary', id: 'export-zip', download: true }, 'Alles als ZIP'),
				h('span', { class: 'help' }, 'De ZIP bevat de bestanden, hun handtekeningen en de publieke sleutel.')) : null);
	};

	/* Every export made, newest first: what was handed out, and what was withdrawn. */
	const drawHistory = () => {
		const list = (hist && hist.exports) || [];
		setKids(history, h('h2', {}, 'Alle exports (' + list.length + ')'),
			list.length ? h('table', { class: 'table history' },
				h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Nr'), h('th', {}, 'Soort'), h('th', {}, 'Gemaakt'), h('th', {}, 'Door'),
					h('th', { class: 'num' }, 'Definitief'), h('th', {}, 'Hashcode telling (510b)'), h('th', {}, 'Status'))),
				h('tbody', {}, list.map((x) => h('tr', { 'data-export': x.id, class: x.withdrawn ? 'withdrawn' : null },
					h('td', { class: 'num' }, String(x.id)),
					h('td', {}, x.draft ? 'Concept' : 'Definitief'),
					h('td', {}, fmtTime(x.made_at)),
					h('td', {}, x.made_by),
					h('td', { class: 'num' }, x.stations_definitive + ' van ' + x.stations_total),
					h('td', { class: 'hash-short' }, x.files && x.files[0] ? x.files[0].hash_code : ''),
					h('td', {}, x.withdrawn ? h('span', { class: 'flag flag-err', title: x.withdrawn.reason }, 'ingetrokken: ' + x.withdrawn.reason)
						: x.draft ? '' : h('span', { class: 'flag' }, 'geldig')))))) : h('p', { class: 'help' }, 'Nog geen.'));
	};

	/* The explicit step that opens a finished count again, with a reason. */
	const drawReopen = () => {
		reopen.hidden = !(hist && hist.count_finished);
		if (reopen.hidden) return;
		const reason = h('textarea', { id: 'reopen-reason', rows: 2, maxlength: 500, placeholder: 'Bijvoorbeeld: hertelling stembureau 8 op verzoek van het centraal stembureau' });
		const out = h('div', { class: 'form-msg', 'aria-live': 'polite' });
		const go = h('button', { type: 'button', class: 'btn btn-danger', id: 'reopen-count' }, 'Invoerfase heropenen');
		go.addEventListener('click', async () => {
			out.replaceChildren();
			if (reason.value.trim().length < 5) {
				out.append(msg('Geef een reden (minstens 5 tekens): die komt in het logboek en bij de ingetrokken uitslag.', 'error'));
				reason.focus();
				return;
			}
			if (!window.confirm('Invoerfase heropenen\n\nDe definitieve uitslag wordt ingetrokken: het afgedrukte proces-verbaal en de bestanden gelden niet meer. Daarna kunt u stembureaus terugzetten en opnieuw laten invoeren.\n\nDoorgaan?')) return;
			try {
				await api('POST', '/api/count/reopen', { reason: reason.value.trim() });
			} catch (e) {
				if (!e.handled) out.append(msg('Niet gelukt: ' + e.message, 'error'));
				return;
			}
			await reload();
			note.replaceChildren(msg('De invoerfase is heropend om ' + clock() + '; de definitieve uitslag is ingetrokken.', 'warn'));
		});
		setKids(reopen, h('h2', {}, 'De telling is afgerond'),
			h('p', { class: 'help' }, 'Stembureaus kunnen niet meer worden teruggezet of ingevoerd. Moet er toch iets veranderen, heropen dan de invoerfase. De definitieve uitslag wordt dan zichtbaar ingetrokken.'),
			h('label', { for: 'reopen-reason' }, 'Reden'), reason, out,
			h('div', { class: 'actions' }, go));
	};

	const reload = async () => {
		const [l, x] = await Promise.all([lastExport(), api('GET', '/api/exports')]);
		if (!alive(token)) return;
		last = l;
		hist = x;
		progress = progressOf(x);
		drawState();
		drawResult();
		drawHistory();
		drawReopen();
	};

	const run = async (draft, again) => {
		note.replaceChildren();
		if (!draft && !again && !window.confirm('Telling afronden\n\nTeller maakt de definitieve uitslag: het proces-verbaal, de telling (EML) en de CSV, ondertekend. Daarna drukt u het proces-verbaal af.\n\nDoorgaan?')) return;
		const btn = draft ? draftBtn : finalBtn;
		const label = btn.textContent;
		busy = true;
		drawState();
		btn.textContent = 'Bezig…';
		try {
			const x = await api('POST', '/api/export', { draft });
			if (!alive(token)) return;
			note.append(msg(draft ? 'Het concept is gemaakt om ' + clock() + '.' : 'De telling is afgerond om ' + clock() + '.', 'ok'));
			await reload();
			result.scrollIntoView({ block: 'start' });
		} catch (e) {
			if (e.handled || !alive(token)) return;
			note.append(msg((draft ? 'Het concept is niet gemaakt: ' : 'De telling is niet afgerond: ') + e.message, 'error'));
			if (e.code === 'not_finished') {
				// A station is no longer definitive: show how things stand now.
				try {
					const x = await api('GET', '/api/exports');
					if (alive(token)) progress = progressOf(x);
				} catch (e2) {
					/* the poll will try again */
				}
				if (alive(token)) drawResult();
			}
		} finally {
			busy = false;
			btn.textContent = label;
			if (alive(token)) drawState();
		}
	};
	draftBtn.addEventListener('click', () => run(true));
	finalBtn.addEventListener('click', () => run(false));

	add(main,
		h('h1', {}, 'Uitslag'),
		takeFlash(),
		h('div', { class: 'progress-row' }, bar, barText),
		state,
		h('section', { class: 'card export-actions no-print' },
			h('div', { class: 'export-choice' },
				h('div', {}, draftBtn, h('p', { class: 'help' }, 'Een tussenstand om te controleren, met alleen de definitieve stembureaus. Kan altijd.')),
				h('div', {}, finalBtn, h('p', { class: 'help' }, 'De definitieve uitslag, ondertekend. Kan pas als alle stembureaus definitief zijn.'))),
			note),
		reopen,
		result,
		history);
	drawState();
	drawResult();
	drawHistory();
	drawReopen();
	// A station that becomes definitive meanwhile enables "Telling afronden".
	every(10000, async () => {
		try {
			const x = await api('GET', '/api/exports');
			if (!alive(token)) return;
			const before = JSON.stringify(counts());
			progress = progressOf(x);
			if (JSON.stringify(counts()) !== before) {
				drawState();
				drawResult();
			}
		} catch (e) {
			/* the next try may work */
		}
	});
}
