/* Administrator: hours and costs of the ICT support, and the invoice. */
import { h, add, setKids, $, msg, takeFlash, alive, clock } from './core.js';
import { api, safe } from './api.js';

const ACTIVITY = {
	preparation: 'voorbereiding',
	setup: 'opbouw verkiezingsdag',
	standby: 'stand-by tijdens de telling',
	clearing: 'opruimen',
	other: 'overig',
};
const ITEM_KIND = { switch: 'Switch', cabling: 'Bekabeling', other: 'Overig' };
const COST_TABS = [['hours', 'Uren'], ['travel', 'Reiskosten'], ['laptops', 'Laptophuur'], ['item', 'Switch, bekabeling, overig']];
const tabOf = (kind) => (ITEM_KIND[kind] ? 'item' : kind);

/* An amount as the server gives it ("1042.11") in Dutch: "€ 1.042,11". */
function fmtMoney(s) {
	const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(s === null || s === undefined ? '' : s));
	if (!m) return '–';
	return (m[1] ? '− ' : '') + '€ ' + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + ((m[3] || '') + '00').slice(0, 2);
}
/* The server's "57.25" in a field, the Dutch way: "57,25". */
const moneyField = (s) => (s === null || s === undefined ? '' : String(s).replace('.', ','));
/* What was typed ("57,25", "57.25", "€ 1.234,50") as the server wants it ("57.25"),
 * or null when it is not an amount of at most two decimals. */
function moneyOut(t) {
	let s = String(t).replace(/[€\s]/g, '');
	if (s.includes(',')) s = s.replace(/\.(?=\d{3}(?:[.,]|$))/g, '').replace(',', '.');
	return /^\d+(\.\d{1,2})?$/.test(s) ? s : null;
}
/* "28-8-2025", "28/08/2025", "2025-08-28" → "2025-08-28"; null when no date. */
function dateOut(t) {
	const s = String(t).trim();
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
	let y, mo, d;
	if (m) [y, mo, d] = [m[1], m[2], m[3]].map(Number);
	else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, mo, y] = [m[1], m[2], m[3]].map(Number);
	else return null;
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
	return y + '-' + String(mo).padStart(2, '0') + '-' + String(d).padStart(2, '0');
}
/* "2025-08-28" → "28-08-2025". */
const fmtDate = (iso) => {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
	return m ? m[3] + '-' + m[2] + '-' + m[1] : iso || '';
};
/* "9:00", "9.00", "900", "9" → "09:00"; null when no time of day (24:00 is the day's end). */
function timeOut(t) {
	const s = String(t).trim();
	const m = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(s);
	if (!m) return null;
	const hh = Number(m[1]);
	const mm = Number(m[2] || 0);
	if (mm > 59 || hh > 24 || (hh === 24 && mm > 0)) return null;
	return String(hh).padStart(2, '0') + ':' + String(mm).padStart(2, '0');
}
const fmtMinutes = (n) => Math.floor(n / 60) + ':' + String(n % 60).padStart(2, '0');
const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
/* From..to in minutes; an end before the start is on the next day (21:00-03:00 is 6:00). */
const spanMinutes = (from, to) => (minutesOf(to) - minutesOf(from) + 1440) % 1440;
/* "NL91ABNA0417164300" → "NL91 ABNA 0417 1643 00", as on the invoice. */
const fmtIban = (s) => String(s || '').replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
const fmtPercent = (s) => {
	const t = String(s || '0');
	return (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t).replace('.', ',') + '%';
};

/* The fields of the forms that add or change a line, per tab:
 * [name, label, type (text|date|time|int|money|select), options | extra]. */
const LINE_FIELDS = {
	hours: [['person', 'Medewerker', 'text'], ['date', 'Datum', 'date'], ['from', 'Van', 'time'], ['to', 'Tot', 'time'],
		['activity', 'Activiteit', 'select', ACTIVITY]],
	travel: [['person', 'Medewerker', 'text'], ['date', 'Datum', 'date'], ['km', 'Kilometers', 'int'], ['amount', 'of een bedrag (€)', 'money']],
	laptops: [['count', 'Aantal laptops', 'int'], ['days', 'Aantal dagen', 'int']],
	item: [['category', 'Soort', 'select', ITEM_KIND], ['amount', 'Bedrag (€)', 'money'], ['description', 'Omschrijving', 'text']],
};
const LINE_HELP = {
	hours: 'Tijden als 09:00 of 16:30; na middernacht (21:00 tot 03:00) is één regel. Het bedrag is de duur maal het uurtarief.',
	travel: 'Vul kilometers in (maal de prijs per km) of een vast bedrag, niet allebei.',
	laptops: 'Het bedrag is het aantal laptops maal de dagen maal de dagprijs per laptop.',
	item: 'Bedragen excl. btw, bijvoorbeeld 89,95.',
};

/* What a line is, in a few words (for the table and the confirm dialog). */
function lineWhat(l, st) {
	if (l.kind === 'hours') {
		// Past midnight (21:00-03:00): the end is on the next day; the server says so
		// (next_day, minutes), and an older answer without them is read the same way.
		const next = l.next_day === true || (l.next_day === undefined && !!l.from && !!l.to && l.to < l.from);
		const mins = Number.isInteger(l.minutes) ? l.minutes : l.from && l.to ? spanMinutes(l.from, l.to) : null;
		return l.from + '–' + l.to + (next ? ' (+1 dag)' : '') + ' · ' + (mins === null ? '' : fmtMinutes(mins)) + ' uur · ' +
			(l.activity_label || ACTIVITY[l.activity] || l.activity || '');
	}
	if (l.kind === 'travel') return Number.isInteger(l.km) ? l.km + ' km × ' + fmtMoney(st.per_km) : 'vast bedrag';
	if (l.kind === 'laptops') return l.count + (l.count === 1 ? ' laptop' : ' laptops') + ' × ' + l.days + (l.days === 1 ? ' dag' : ' dagen') + ' × ' + fmtMoney(st.laptop_day);
	return l.description || '';
}

export async function viewCosts(token) {
	const main = $('#main');
	let data = await api('GET', '/api/costs');
	if (!alive(token)) return;
	let tab = 'hours';
	let editing = null; // the line being changed, or null: a new line

	/* Rates and invoice details. */
	const SETTINGS = [
		['hourly', 'Uurtarief (€)', 'money'], ['laptop_day', 'Dagprijs per laptop (€)', 'money'],
		['per_km', 'Prijs per km (€)', 'money'], ['vat', 'Btw-percentage', 'money'],
		['provider_name', 'Leverancier: naam', 'text'], ['provider_address', 'Leverancier: adres', 'text'],
		['invoice_number', 'Factuurnummer', 'text'], ['invoice_date', 'Factuurdatum', 'date'],
		['provider_kvk', 'KvK-nummer', 'id'], ['provider_vat', 'Btw-nummer (btw-id)', 'id'], ['provider_iban', 'IBAN', 'id'],
	];
	/* The supplier's numbers: checked by the server, which names the field in its refusal. */
	const ID_PLACEHOLDER = { provider_kvk: '12345678', provider_vat: 'NL123456789B01', provider_iban: 'NL91 ABNA 0417 1643 00' };
	const ID_OF_MESSAGE = [[/^KvK/i, 'provider_kvk'], [/^Btw-nummer/i, 'provider_vat'], [/^IBAN/i, 'provider_iban']];
	const setIn = {};
	for (const [k, , type] of SETTINGS) {
		setIn[k] = h('input', {
			id: 'cs-' + k, autocomplete: 'off', spellcheck: 'false',
			class: type === 'money' ? 'in-money' : type === 'date' ? 'in-date' : type === 'id' ? 'in-text in-id' : 'in-text',
			placeholder: type === 'date' ? 'dd-mm-jjjj' : k === 'provider_address' ? 'Straat 1, 1234 AB Plaats' : k === 'vat' ? '21' : type === 'money' ? '0,00' : ID_PLACEHOLDER[k] || null,
			inputmode: k === 'provider_kvk' ? 'numeric' : type === 'money' ? 'decimal' : null,
			maxlength: type === 'id' ? 40 : null,
		});
		if (type === 'money') setIn[k].addEventListener('focus', () => setIn[k].select());
	}
	const setNote = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const setSummary = h('span', { class: 'sum-text' });
	const fillSettings = () => {
		const st = data.settings;
		for (const [k, , type] of SETTINGS) {
			// Before the rates are set, their fields are empty rather than "0,00".
			setIn[k].value = type === 'money' ? (st.rates_set ? moneyField(st[k]) : '') : type === 'date' ? fmtDate(st[k])
				: k === 'provider_iban' ? fmtIban(st[k]) : st[k] || '';
			setIn[k].removeAttribute('aria-invalid');
		}
	};
	const drawSettingsSummary = () => {
		const st = data.settings;
		setSummary.textContent = st.rates_set
			? fmtMoney(st.hourly) + ' per uur · ' + fmtMoney(st.laptop_day) + ' per laptop per dag · ' + fmtMoney(st.per_km) + ' per km · btw ' + fmtPercent(st.vat)
			: 'nog niet ingevuld';
	};
	const labelled = (inp, label, cls) => h('span', { class: 'fld' + (cls ? ' ' + cls : '') }, h('label', { for: inp.id }, label), inp);
	const setForm = h('form', { class: 'settings-form', novalidate: true },
		h('div', { class: 'fld-grid' }, SETTINGS.slice(0, 4).map(([k, label]) => labelled(setIn[k], label))),
		h('div', { class: 'fld-grid' },
			labelled(setIn.provider_name, 'Leverancier: naam', 'fld-wide'),
			labelled(setIn.provider_address, 'Leverancier: adres', 'fld-wide')),
		h('div', { class: 'fld-grid' },
			labelled(setIn.provider_kvk, 'Leverancier: KvK-nummer'),
			labelled(setIn.provider_vat, 'Leverancier: btw-nummer'),
			labelled(setIn.provider_iban, 'Leverancier: IBAN', 'fld-wide')),
		h('div', { class: 'fld-grid' },
			labelled(setIn.invoice_number, 'Factuurnummer'),
			labelled(setIn.invoice_date, 'Factuurdatum')),
		h('p', { class: 'help' }, 'Bedragen excl. btw, met een komma of een punt: 57,25. Scheid de regels van het adres met een komma. ' +
			'KvK-nummer (8 cijfers), btw-nummer (NL123456789B01) en IBAN mogen met spaties; ze staan op de factuur. Laat een veld leeg als het er niet op hoort.'),
		setNote,
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'cs-save' }, 'Tarieven opslaan')));
	const setBox = h('details', { class: 'card settings', id: 'settings' },
		h('summary', {}, h('span', { class: 'sum-title' }, 'Tarieven en factuurgegevens'), ' ', setSummary),
		setForm);
	setForm.addEventListener('submit', safe(async (ev) => {
		ev.preventDefault();
		setNote.replaceChildren();
		const body = {};
		for (const [k, label, type] of SETTINGS) {
			const inp = setIn[k];
			inp.removeAttribute('aria-invalid');
			let v = inp.value.trim();
			if (type === 'money' && v === '' && !data.settings.rates_set) continue; // not yet known: later
			if (type === 'money') {
				v = moneyOut(v.replace(/%$/, ''));
				if (v === null) {
					inp.setAttribute('aria-invalid', 'true');
					setNote.append(msg(label.replace(/ \(.*\)$/, '') + ': vul een getal in met hoogstens twee decimalen, bijvoorbeeld ' + (k === 'vat' ? '21' : '57,25') + '.', 'error'));
					inp.focus();
					return;
				}
			} else if (type === 'date' && v !== '') {
				v = dateOut(v);
				if (v === null) {
					inp.setAttribute('aria-invalid', 'true');
					setNote.append(msg(label + ': vul een datum in als 01-09-2025, of laat het leeg.', 'error'));
					inp.focus();
					return;
				}
			}
			body[k] = v;
		}
		try {
			await api('PUT', '/api/costs/settings', body);
		} catch (e) {
			if (e.handled) return;
			setNote.append(msg('Niet opgeslagen: ' + e.message, 'error'));
			const bad = ID_OF_MESSAGE.find(([re]) => re.test(e.message || ''));
			if (bad) {
				setIn[bad[1]].setAttribute('aria-invalid', 'true');
				setIn[bad[1]].focus();
			}
			return;
		}
		await reload();
		fillSettings();
		setNote.append(msg('Tarieven en factuurgegevens opgeslagen om ' + clock() + '.', 'ok'));
	}));

	/* Adding and changing lines: one form per tab. */
	const lineNote = h('div', { class: 'form-msg', 'aria-live': 'polite', id: 'line-msg' });
	const lineHead = h('h2', { id: 'line-head' });
	const persons = h('datalist', { id: 'cost-persons' });
	const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Soort regel' });
	const forms = {};
	const inputs = {};
	const durHint = h('strong', { class: 'duration', id: 'cl-hours-duration', 'aria-live': 'polite' });
	for (const [kind] of COST_TABS) {
		inputs[kind] = {};
		const fields = LINE_FIELDS[kind].map(([name, label, type, opts]) => {
			const id = 'cl-' + kind + '-' + name;
			const inp = type === 'select'
				? h('select', { id }, Object.entries(opts).map(([v, t]) => h('option', { value: v }, t)))
				: h('input', {
					id, autocomplete: 'off', spellcheck: 'false',
					class: { text: 'in-text', date: 'in-date', time: 'in-time', int: 'in-int', money: 'in-money' }[type],
					inputmode: type === 'int' ? 'numeric' : type === 'money' ? 'decimal' : null,
					placeholder: type === 'date' ? 'dd-mm-jjjj' : type === 'time' ? 'uu:mm' : null,
					list: name === 'person' ? 'cost-persons' : null,
					maxlength: type === 'int' ? 6 : null,
				});
			inputs[kind][name] = inp;
			if (type === 'money' || type === 'int') inp.addEventListener('focus', () => inp.select());
			// "9" becomes "09:00" and "1-9-2025" "01-09-2025" on leaving the field.
			if (type === 'date') inp.addEventListener('change', () => { const v = dateOut(inp.value); if (v) inp.value = fmtDate(v); });
			if (type === 'time') inp.addEventListener('change', () => { const v = timeOut(inp.value); if (v) inp.value = v; });
			return labelled(inp, label, name === 'description' || name === 'activity' ? 'fld-wide' : null);
		});
		const cancel = h('button', { type: 'button', class: 'btn', hidden: true, 'data-role': 'cancel', onclick: () => stopEditing() }, 'Annuleren');
		const form = h('form', { class: 'line-form', id: 'line-form-' + kind, novalidate: true, hidden: true },
			h('div', { class: 'fld-row' }, fields),
			h('p', { class: 'help' }, LINE_HELP[kind], kind === 'hours' ? [' ', durHint] : null),
			h('div', { class: 'actions' },
				h('button', { type: 'submit', class: 'btn btn-primary', 'data-role': 'submit' }, 'Toevoegen'), cancel));
		const submit = safe(() => submitLine(kind));
		form.addEventListener('submit', (ev) => {
			ev.preventDefault(); // at once: requestSubmit() below would not wait for safe()
			submit();
		});
		form.addEventListener('keydown', (ev) => {
			if (ev.key === 'Escape' && editing) stopEditing();
			// Enter submits from a choice list too, as from the other fields.
			if (ev.key === 'Enter' && ev.target.tagName === 'SELECT' && !ev.isComposing) {
				ev.preventDefault();
				form.requestSubmit();
			}
		});
		forms[kind] = form;
		tabs.append(h('button', { type: 'button', class: 'tab', 'data-tab': kind, onclick: () => { stopEditing(); showTab(kind, true); } }, COST_TABS.find((t) => t[0] === kind)[1]));
	}
	const hoursDuration = () => {
		const a = timeOut(inputs.hours.from.value);
		const b = timeOut(inputs.hours.to.value);
		durHint.textContent = !a || !b ? ''
			: a === b ? 'Van en tot zijn gelijk.'
			: minutesOf(b) > minutesOf(a) ? 'Duur: ' + fmtMinutes(spanMinutes(a, b)) + ' uur.'
			: 'Duur: ' + fmtMinutes(spanMinutes(a, b)) + ' uur, tot ' + b + ' de volgende dag.';
	};
	inputs.hours.from.addEventListener('input', hoursDuration);
	inputs.hours.to.addEventListener('input', hoursDuration);

	const showTab = (kind, focus) => {
		tab = kind;
		for (const b of tabs.children) b.setAttribute('aria-pressed', b.dataset.tab === kind ? 'true' : 'false');
		for (const [k, f] of Object.entries(forms)) f.hidden = k !== kind;
		lineHead.textContent = editing ? 'Regel wijzigen' : 'Regel toevoegen';
		for (const f of Object.values(forms)) {
			f.querySelector('[data-role="submit"]').textContent = editing ? 'Wijziging opslaan' : 'Toevoegen';
			f.querySelector('[data-role="cancel"]').hidden = !editing;
		}
		tabs.hidden = !!editing;
		if (focus) forms[kind].querySelector('input, select').focus();
	};
	const clearFields = (kind, keep) => {
		for (const [name, inp] of Object.entries(inputs[kind])) {
			inp.removeAttribute('aria-invalid');
			if (keep.includes(name)) continue;
			if (inp.tagName === 'SELECT') inp.selectedIndex = 0;
			else inp.value = '';
		}
		if (kind === 'hours') hoursDuration();
	};
	const stopEditing = () => {
		if (!editing) return;
		const kind = tabOf(editing.kind);
		editing = null;
		clearFields(kind, []);
		lineNote.replaceChildren();
		showTab(kind, true);
		drawLedger();
	};
	const startEditing = (l) => {
		editing = l;
		const kind = tabOf(l.kind);
		const inp = inputs[kind];
		clearFields(kind, []);
		lineNote.replaceChildren();
		if (kind === 'hours') {
			inp.person.value = l.person;
			inp.date.value = fmtDate(l.date);
			inp.from.value = l.from;
			inp.to.value = l.to;
			inp.activity.value = l.activity;
			hoursDuration();
		} else if (kind === 'travel') {
			inp.person.value = l.person;
			inp.date.value = fmtDate(l.date);
			inp.km.value = Number.isInteger(l.km) ? String(l.km) : '';
			inp.amount.value = Number.isInteger(l.km) ? '' : moneyField(l.amount);
		} else if (kind === 'laptops') {
			inp.count.value = String(l.count);
			inp.days.value = String(l.days);
		} else {
			inp.category.value = l.kind;
			inp.amount.value = moneyField(l.amount);
			inp.description.value = l.description;
		}
		showTab(kind, false);
		drawLedger();
		lineBox.scrollIntoView({ block: 'nearest' });
		forms[kind].querySelector('input, select').focus();
	};

	/* The body of a line from its form, or a message naming the field that is wrong. */
	const readLine = (kind) => {
		const body = { kind };
		for (const [name, label, type] of LINE_FIELDS[kind]) {
			const inp = inputs[kind][name];
			const raw = inp.value.trim();
			let v = raw;
			let bad = null;
			if (type === 'date') {
				v = dateOut(raw);
				if (v === null) bad = label + ': vul een datum in als 28-08-2025.';
			} else if (type === 'time') {
				v = timeOut(raw);
				if (v === null) bad = label + ': vul een tijd in als ' + (name === 'from' ? '09:00' : '16:30') + '.';
			} else if (type === 'int') {
				if (raw === '' && kind === 'travel') continue; // kilometers or an amount
				v = /^\d+$/.test(raw) ? Number(raw) : null;
				if (v === null) bad = label + ': vul een heel getal in.';
			} else if (type === 'money') {
				if (raw === '' && kind === 'travel') continue;
				v = moneyOut(raw);
				if (v === null) bad = label.replace(/ \(.*\)$/, '').replace(/^of een b/, 'B') + ': vul een bedrag in met hoogstens twee decimalen, bijvoorbeeld 8,40.';
			}
			if (bad) return { bad, inp };
			if (name === 'category') body.kind = 'item';
			body[name] = v;
		}
		return { body };
	};

	const submitLine = async (kind) => {
		lineNote.replaceChildren();
		for (const inp of Object.values(inputs[kind])) inp.removeAttribute('aria-invalid');
		const { bad, inp, body } = readLine(kind);
		if (bad) {
			inp.setAttribute('aria-invalid', 'true');
			lineNote.append(msg(bad, 'error'));
			inp.focus();
			return;
		}
		const was = editing;
		let id;
		try {
			if (was) {
				await api('PUT', '/api/costs/lines/' + was.id, body);
				id = was.id;
			} else {
				id = (await api('POST', '/api/costs/lines', body)).id;
			}
		} catch (e) {
			if (e.handled) return;
			lineNote.append(msg((was ? 'Niet gewijzigd: ' : 'Niet toegevoegd: ') + e.message, 'error'));
			return;
		}
		editing = null;
		await reload();
		if (!alive(token)) return;
		const line = data.lines.find((l) => l.id === id);
		const what = line ? (line.kind_label || '') + (line.person ? ', ' + line.person : '') + ': ' + fmtMoney(line.line_amount) : '';
		// The next line of the same person and day is quick: those stay filled in.
		clearFields(kind, was ? [] : { hours: ['person', 'date', 'activity'], travel: ['person', 'date'], item: ['category'] }[kind] || []);
		showTab(kind, false);
		lineNote.append(msg((was ? 'Regel gewijzigd' : 'Regel toegevoegd') + (what ? ' (' + what + ')' : '') + '.', 'ok'));
		const next = forms[kind].querySelectorAll('input');
		(Array.from(next).find((x) => !x.value) || next[0]).focus();
	};

	const lineBox = h('section', { class: 'card line-box' }, lineHead, tabs, Object.values(forms), persons, lineNote);

	/* The ledger, the persons, the totals. */
	const ledgerNote = h('div', { class: 'form-msg', 'aria-live': 'polite' });
	const ledger = h('tbody');
	const personsBody = h('tbody');
	const totals = h('div', { class: 'totals-box', id: 'cost-totals', 'aria-live': 'polite' });
	const downloads = h('div', { class: 'downloads' });

	const remove = async (l) => {
		ledgerNote.replaceChildren();
		if (!window.confirm('Regel verwijderen?\n\n' + (l.kind_label || '') + (l.person ? ', ' + l.person : '') + (l.date ? ', ' + fmtDate(l.date) : '') +
			'\n' + lineWhat(l, data.settings) + ': ' + fmtMoney(l.line_amount))) return;
		try {
			await api('DELETE', '/api/costs/lines/' + l.id, {});
		} catch (e) {
			if (e.handled) return;
			ledgerNote.append(msg('Niet verwijderd: ' + e.message, 'error'));
			return;
		}
		if (editing && editing.id === l.id) stopEditing();
		await reload();
		ledgerNote.append(msg('Regel verwijderd.', 'ok'));
	};

	const drawLedger = () => {
		const st = data.settings;
		const rows = [];
		for (const k of data.summary.by_kind || []) {
			const lines = data.lines.filter((l) => l.kind === k.kind).sort((a, b) =>
				(a.date || '').localeCompare(b.date || '') || (a.person || '').localeCompare(b.person || '') ||
				(a.from || '').localeCompare(b.from || '') || a.id - b.id);
			if (!lines.length) continue;
			rows.push(h('tr', { class: 'group' }, h('th', { colspan: 5, scope: 'colgroup' }, k.label)));
			for (const l of lines) {
				rows.push(h('tr', { 'data-id': l.id, 'data-kind': l.kind, class: editing && editing.id === l.id ? 'editing' : null },
					h('td', {}, l.person || ''),
					h('td', { class: 'nowrap' }, fmtDate(l.date)),
					h('td', { class: 'what' }, lineWhat(l, st)),
					h('td', { class: 'num amount' }, fmtMoney(l.line_amount)),
					h('td', { class: 'row-actions' },
						h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Regel wijzigen: ' + k.label + ' ' + (l.person || '') + ' ' + lineWhat(l, st), onclick: () => startEditing(l) }, 'Wijzigen'),
						h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': 'Regel verwijderen: ' + k.label + ' ' + (l.person || '') + ' ' + lineWhat(l, st), onclick: safe(() => remove(l)) }, 'Verwijderen'))));
			}
			rows.push(h('tr', { class: 'sum-row', 'data-subtotal': k.kind },
				h('td', { colspan: 3 }, 'Subtotaal ' + k.label.toLowerCase()), h('td', { class: 'num' }, fmtMoney(k.amount)), h('td', {})));
		}
		if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'Nog geen regels. Voeg hierboven de eerste toe.')));
		ledger.replaceChildren(...rows);

		const ps = data.summary.persons || [];
		personsBody.replaceChildren(...(ps.length ? ps.map((p) => h('tr', {},
			h('td', {}, p.person), h('td', { class: 'num' }, p.hours), h('td', { class: 'num' }, fmtMoney(p.amount))))
			: [h('tr', {}, h('td', { colspan: 3, class: 'empty' }, 'Nog niemand.'))]));
		persons.replaceChildren(...ps.map((p) => h('option', { value: p.person })));

		const s = data.summary;
		setKids(totals,
			h('h2', {}, 'Totaal'),
			h('dl', { class: 'totals-list' },
				h('dt', {}, 'Excl. btw'), h('dd', { id: 'total-net' }, fmtMoney(s.net)),
				h('dt', {}, 'Btw ' + fmtPercent(st.vat)), h('dd', { id: 'total-vat' }, fmtMoney(s.vat)),
				h('dt', { class: 'grand' }, 'Totaal'), h('dd', { class: 'grand', id: 'total-total' }, fmtMoney(s.total))),
			st.rates_set ? null : msg('Vul eerst de tarieven in: zonder tarieven zijn uren, kilometers en laptops € 0,00.', 'warn'));
		setKids(downloads, h('span', { class: 'downloads-label' }, 'Factuur:'), st.rates_set
			? [h('a', { class: 'btn btn-small', href: '/api/costs/invoice.pdf', download: true, id: 'invoice-pdf', 'aria-label': 'Factuur downloaden als PDF' }, 'PDF'),
				h('a', { class: 'btn btn-small', href: '/api/costs/invoice.csv', download: true, id: 'invoice-csv', 'aria-label': 'Factuur downloaden als CSV' }, 'CSV')]
			: [h('button', { type: 'button', class: 'btn btn-small', disabled: true }, 'PDF'),
				h('button', { type: 'button', class: 'btn btn-small', disabled: true }, 'CSV'),
				h('p', { class: 'help' }, 'De factuur kan pas als de tarieven zijn ingevuld.')]);
		drawSettingsSummary();
	};

	const reload = async () => {
		const d = await api('GET', '/api/costs');
		if (!alive(token)) return;
		data = d;
		drawLedger();
	};

	add(main,
		h('h1', {}, 'Uren en kosten'),
		takeFlash(),
		h('div', { class: 'costs-layout' },
			h('div', { class: 'costs-main' },
				setBox,
				lineBox,
				h('h2', {}, 'Regels'),
				ledgerNote,
				h('table', { class: 'table ledger', id: 'ledger' },
					h('thead', {}, h('tr', {}, h('th', {}, 'Medewerker'), h('th', {}, 'Datum'), h('th', {}, 'Omschrijving'),
						h('th', { class: 'num' }, 'Bedrag'), h('th', {}, h('span', { class: 'visually-hidden' }, 'Acties')))),
					ledger)),
			h('aside', { class: 'costs-side' },
				totals,
				downloads,
				h('h2', {}, 'Per persoon'),
				h('table', { class: 'table persons', id: 'persons' },
					h('thead', {}, h('tr', {}, h('th', {}, 'Medewerker'), h('th', { class: 'num' }, 'Uren'), h('th', { class: 'num' }, 'Bedrag'))),
					personsBody),
				h('p', { class: 'help' }, 'Bedrag per persoon: uren en reiskosten, excl. btw.'))));
	fillSettings();
	drawLedger();
	setBox.open = !data.settings.rates_set;
	showTab(tab, false);
	(data.settings.rates_set ? inputs.hours.person : setIn.hourly).focus();
}
