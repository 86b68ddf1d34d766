/*
 * The invoice (invoice.h) as PDF and CSV. Nothing here computes money of its
 * own: each line's amount is costs_line_amount's and every sum is the
 * summary's, which is checked against costs_summarise of the same lines
 * first. The CSV is invoice_csv.c's; the checked input and the Dutch forms are
 * invoice_data.c's. The PDF is laid out twice, as the proces-verbaal is (pv.c): once on
 * a dry PDF that only measures, to count the pages for "pagina n van m",
 * then for real.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "costs/costs.h"
#include "export/buf.h"
#include "export/invoice.h"
#include "export/invoice_int.h"
#include "export/pdf.h"

/* "€ 1.234,50" */
static const char *eur(costs_cents c, char *buf, size_t size)
{
	costs_format_money_nl(c, buf, size);
	return buf;
}

/* ------------------------------------------------------------------ */
/* The PDF                                                             */
/* ------------------------------------------------------------------ */

#define X0          PDF_MARGIN
#define W           (PDF_A4_W - 2 * PDF_MARGIN)
#define HEAD_Y      30.0                  /* the running header, from page 2 */
#define BODY_Y      62.0                  /* the body of page 2 on */
#define FOOT_Y      (PDF_A4_H - 48.0)     /* the rule above the footer */
#define BODY_END    (FOOT_Y - 12.0)
#define PAD         4.0                   /* inside a table cell, left and right */
#define VPAD        2.5                   /* inside a table cell, above and below */
#define ADDR_Y      150.0                 /* the addressee: in a window envelope's window */

/* Sizes in "px": pango's points assume 96 dpi, px are the PDF's own points. */
#define F_NAME      "DejaVu Sans Bold 15px"
#define F_TITLE     "DejaVu Sans Bold 22px"
#define F_H2        "DejaVu Sans Bold 10.5px"
#define F_TEXT      "DejaVu Sans 9px"
#define F_TEXTB     "DejaVu Sans Bold 9px"
#define F_SMALL     "DejaVu Sans 7.5px"
#define F_SMALLB    "DejaVu Sans Bold 7.5px"
#define F_CELL      "DejaVu Sans 8px"
#define F_CELLB     "DejaVu Sans Bold 8px"
#define F_TOTAL     "DejaVu Sans Bold 10.5px"

#define NDASH       "\xe2\x80\x93"
#define TIMES       INVOICE_TIMES

#define MAXCOL 8

struct col {
	const char *head;
	double w;                 /* > 0 points; < 0 a share of the room left */
	enum pdf_align align;
};

struct table {
	const char *title;        /* repeated with "(vervolg)" on a next page */
	struct col c[MAXCOL];
	size_t n;
	double x[MAXCOL + 1];     /* where each column starts; x[n] the right edge */
};

struct inv {
	struct pdf *pdf;
	const struct invoice_input *in;
	const struct invoice_ref *refs;
	size_t nrefs;
	int page, npages;         /* npages 0 while counting */
	double y, top;
	const struct table *open; /* the table being drawn, to repeat its head */
};

/* Sets each column's x from the fixed widths and the shares of the rest. */
static void table_fit(struct table *t)
{
	double fixed = 0, shares = 0, x = X0;
	size_t j;

	for (j = 0; j < t->n; j++) {
		if (t->c[j].w > 0)
			fixed += t->c[j].w;
		else
			shares -= t->c[j].w;
	}
	for (j = 0; j < t->n; j++) {
		t->x[j] = x;
		x += t->c[j].w > 0 ? t->c[j].w : (W - fixed) * -t->c[j].w / shares;
	}
	t->x[t->n] = X0 + W;
}

static void header(struct inv *v)
{
	const struct invoice_input *in = v->in;
	char left[512], right[512];

	if (v->page == 1) {
		v->top = 50;
		return;
	}
	snprintf(left, sizeof left, "Factuur %s " MIDDOT " %s", in->number, in->provider_name);
	invoice_town(in, right, sizeof right);
	pdf_text(v->pdf, X0, HEAD_Y, W * 0.6, F_SMALL, PDF_LEFT, left);
	pdf_text(v->pdf, X0 + W * 0.6, HEAD_Y, W * 0.4, F_SMALL, PDF_RIGHT, right);
	pdf_line(v->pdf, X0, HEAD_Y + 13, X0 + W, HEAD_Y + 13, 0.5, 0.6);
	v->top = BODY_Y;
}

static void footer(struct inv *v)
{
	const struct invoice_input *in = v->in;
	char left[1024] = "", page[64];
	const double pw = 90;

	pdf_line(v->pdf, X0, FOOT_Y, X0 + W, FOOT_Y, 0.5, 0.6);
	invoice_join(left, sizeof left, "", in->provider_name);
	invoice_join(left, sizeof left, "KvK ", in->provider_kvk);
	invoice_join(left, sizeof left, "Btw-id ", in->provider_vat_id);
	invoice_join(left, sizeof left, "IBAN ", in->provider_iban);
	pdf_text(v->pdf, X0, FOOT_Y + 5, W - pw, F_SMALL, PDF_LEFT, left);
	if (v->npages > 0)
		snprintf(page, sizeof page, "pagina %d van %d", v->page, v->npages);
	else
		snprintf(page, sizeof page, "pagina %d", v->page);
	pdf_text(v->pdf, X0 + W - pw, FOOT_Y + 5, pw, F_SMALLB, PDF_RIGHT, page);
}

static void table_head(struct inv *v, const struct table *t);

static void page_start(struct inv *v)
{
	if (v->page > 0)
		pdf_page(v->pdf);
	v->page++;
	header(v);
	footer(v);
	v->y = v->top;
	if (v->open != NULL) {
		char title[128];
		double h;

		snprintf(title, sizeof title, "%s (vervolg)", v->open->title);
		h = pdf_text(v->pdf, X0, v->y, W, F_H2, PDF_LEFT, title);
		v->y += h + 4;
		table_head(v, v->open);
	}
}

/* Moves to a new page unless h points fit on this one. */
static void need(struct inv *v, double h)
{
	if (v->y + h > BODY_END && v->y > v->top)
		page_start(v);
}

/* The height of a row of cells (NULL: spanned by the cell before it). */
static double row_height(struct inv *v, const struct table *t, const char *const *cells,
                         const char *font)
{
	double h, max = 0;
	size_t j, e;

	for (j = 0; j < t->n; j++) {
		if (cells[j] == NULL || cells[j][0] == '\0')
			continue;
		for (e = j + 1; e < t->n && cells[e] == NULL; e++)
			;
		pdf_measure(v->pdf, t->x[e] - t->x[j] - 2 * PAD, font, cells[j], NULL, &h);
		if (h > max)
			max = h;
	}
	if (max == 0)
		pdf_measure(v->pdf, 0, font, "0", NULL, &max);
	return max + 2 * VPAD;
}

static void row_cells(struct inv *v, const struct table *t, const char *const *cells,
                      const char *font, const enum pdf_align *align)
{
	size_t j, e;

	for (j = 0; j < t->n; j++) {
		if (cells[j] == NULL || cells[j][0] == '\0')
			continue;
		for (e = j + 1; e < t->n && cells[e] == NULL; e++)
			;
		pdf_text(v->pdf, t->x[j] + PAD, v->y + VPAD, t->x[e] - t->x[j] - 2 * PAD, font,
		         align != NULL ? align[j] : t->c[j].align, cells[j]);
	}
}

static void table_head(struct inv *v, const struct table *t)
{
	const char *cells[MAXCOL];
	enum pdf_align al[MAXCOL];
	double h;
	size_t j;

	for (j = 0; j < t->n; j++) {
		cells[j] = t->c[j].head;
		al[j] = t->c[j].align;
	}
	h = row_height(v, t, cells, F_CELLB);
	pdf_fill(v->pdf, X0, v->y, W, h, 0.88);
	row_cells(v, t, cells, F_CELLB, al);
	v->y += h;
}

/* A line's row, zebra-shaded. */
static void table_row(struct inv *v, const struct table *t, const char *const *cells,
                      int shade)
{
	double h = row_height(v, t, cells, F_CELL);

	need(v, h);
	if (shade)
		pdf_fill(v->pdf, X0, v->y, W, h, 0.955);
	row_cells(v, t, cells, F_CELL, NULL);
	pdf_line(v->pdf, X0, v->y + h, X0 + W, v->y + h, 0.25, 0.75);
	v->y += h;
}

/* The subtotal under a table: a rule, then bold cells on grey; cells[0] spans. */
static void table_subtotal(struct inv *v, const struct table *t, const char *const *cells)
{
	double h = row_height(v, t, cells, F_CELLB);

	need(v, h + 1);
	pdf_line(v->pdf, X0, v->y + 0.4, X0 + W, v->y + 0.4, 0.8, 0);
	v->y += 1;
	pdf_fill(v->pdf, X0, v->y, W, h, 0.92);
	row_cells(v, t, cells, F_CELLB, NULL);
	v->y += h;
}

/* A category's heading and table head, kept on a page with its first row (about). */
static void table_start(struct inv *v, const struct table *t)
{
	const char *cells[MAXCOL];
	double h, hh, rh;
	size_t j;

	for (j = 0; j < t->n; j++)
		cells[j] = t->c[j].head;
	if (v->y > v->top)
		v->y += 14;
	pdf_measure(v->pdf, W, F_H2, t->title, NULL, &h);
	hh = row_height(v, t, cells, F_CELLB);
	pdf_measure(v->pdf, 0, F_CELL, "0", NULL, &rh);
	need(v, h + 4 + hh + 2 * (rh + 2 * VPAD));
	v->y += pdf_text(v->pdf, X0, v->y, W, F_H2, PDF_LEFT, t->title) + 4;
	table_head(v, t);
	v->open = t;
}

static void table_end(struct inv *v)
{
	v->open = NULL;
}

/* The first page's top: provider, addressee, "Factuur", what it concerns. */
static void title(struct inv *v)
{
	const struct invoice_input *in = v->in;
	const double rw = 200, lw = 110;
	char buf[1024], date[64], rates[3][COSTS_MONEY_TEXT];
	struct {
		const char *label;
		char value[1024];
	} rows[8];
	size_t i, n = 0;
	double y, h, hname;
	int kinds[COSTS_KIND__MAX] = {0};

	/* the provider: its name left, its particulars right */
	hname = pdf_text(v->pdf, X0, v->y, W - rw - 10, F_NAME, PDF_LEFT, in->provider_name);
	y = v->y + 1;
	for (i = 0; i < in->nprovider_address; i++)
		y += pdf_text(v->pdf, X0 + W - rw, y, rw, F_SMALL, PDF_RIGHT, in->provider_address[i]);
	y += 4;
	if (in->provider_contact != NULL && in->provider_contact[0] != '\0')
		y += pdf_text(v->pdf, X0 + W - rw, y, rw, F_SMALL, PDF_RIGHT, in->provider_contact);
	if (in->provider_kvk != NULL && in->provider_kvk[0] != '\0') {
		snprintf(buf, sizeof buf, "KvK %s", in->provider_kvk);
		y += pdf_text(v->pdf, X0 + W - rw, y, rw, F_SMALL, PDF_RIGHT, buf);
	}
	if (in->provider_vat_id != NULL && in->provider_vat_id[0] != '\0') {
		snprintf(buf, sizeof buf, "Btw-id %s", in->provider_vat_id);
		y += pdf_text(v->pdf, X0 + W - rw, y, rw, F_SMALL, PDF_RIGHT, buf);
	}
	if (in->provider_iban != NULL && in->provider_iban[0] != '\0') {
		snprintf(buf, sizeof buf, "IBAN %s", in->provider_iban);
		y += pdf_text(v->pdf, X0 + W - rw, y, rw, F_SMALL, PDF_RIGHT, buf);
	}
	pdf_line(v->pdf, X0, v->y + hname + 3, X0 + 60, v->y + hname + 3, 2.0, 0.25);

	/* the addressee, where a window envelope shows it */
	v->y = y + 12 > ADDR_Y ? y + 12 : ADDR_Y;
	invoice_town(in, buf, sizeof buf);
	v->y += pdf_text(v->pdf, X0, v->y, 260, F_TEXTB, PDF_LEFT, buf) + 1;
	for (i = 0; i < in->nmunicipality_address; i++)
		v->y += pdf_text(v->pdf, X0, v->y, 260, F_TEXT, PDF_LEFT, in->municipality_address[i]) +
		        1;
	v->y = v->y + 30 > ADDR_Y + 78 ? v->y + 30 : ADDR_Y + 78;

	v->y += pdf_text(v->pdf, X0, v->y, W, F_TITLE, PDF_LEFT, "Factuur") + 10;

	rows[n].label = "Factuurnummer";
	snprintf(rows[n++].value, sizeof rows[0].value, "%s", in->number);
	rows[n].label = "Factuurdatum";
	invoice_nl_date_long(in->date, date, sizeof date);
	snprintf(rows[n++].value, sizeof rows[0].value, "%s", date);
	rows[n].label = "Betreft";
	snprintf(rows[n++].value, sizeof rows[0].value, "Uren en kosten ICT-ondersteuning");
	rows[n].label = "Verkiezing";
	snprintf(rows[n++].value, sizeof rows[0].value, "%s (%s)", in->election_name,
	         in->election_id);
	rows[n].label = "Gemeentecode";
	snprintf(rows[n++].value, sizeof rows[0].value, "%s", in->municipality_code);
	for (i = 0; i < v->nrefs; i++)
		kinds[v->refs[i].l->kind] = 1;
	if (kinds[COSTS_HOURS] || kinds[COSTS_TRAVEL] || kinds[COSTS_LAPTOPS]) {
		rows[n].label = "Tarieven";
		rows[n].value[0] = '\0';
		if (kinds[COSTS_HOURS])
			invoice_join(rows[n].value, sizeof rows[0].value, "uurtarief ",
			     eur(in->rates.hourly, rates[0], sizeof rates[0]));
		if (kinds[COSTS_LAPTOPS])
			invoice_join(rows[n].value, sizeof rows[0].value, "laptop per dag ",
			     eur(in->rates.laptop_day, rates[1], sizeof rates[1]));
		if (kinds[COSTS_TRAVEL])
			invoice_join(rows[n].value, sizeof rows[0].value, "per kilometer ",
			     eur(in->rates.per_km, rates[2], sizeof rates[2]));
		n++;
	}
	if (in->payment_days > 0) {
		rows[n].label = "Betalingstermijn";
		snprintf(rows[n++].value, sizeof rows[0].value, "%d dagen na factuurdatum",
		         in->payment_days);
	}
	for (i = 0; i < n; i++) {
		pdf_text(v->pdf, X0, v->y, lw, F_TEXT, PDF_LEFT, rows[i].label);
		h = pdf_text(v->pdf, X0 + lw, v->y, W - lw, F_TEXTB, PDF_LEFT, rows[i].value);
		v->y += h + 2.5;
	}
	v->y += 10;
	snprintf(buf, sizeof buf, "Hierbij brengen wij u de uren en kosten in rekening van de "
	         "ICT-ondersteuning bij de verkiezing %s in uw gemeente: het inrichten van de "
	         "laptops, de opbouw op de verkiezingsdag, de stand-by tijdens de telling en het "
	         "opruimen daarna.", in->election_name);
	v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXT, PDF_LEFT, buf);
}

static void hours_table(struct inv *v, size_t from, size_t to)
{
	struct table t = {"Uren", {
		{"Datum", 56, PDF_LEFT}, {"Medewerker", -1, PDF_LEFT}, {"Tijd", 60, PDF_LEFT},
		{"Activiteit", -1.6, PDF_LEFT}, {"Uren", 44, PDF_RIGHT},
		{"Tarief", 52, PDF_RIGHT}, {"Bedrag", 78, PDF_RIGHT}}, 7, {0}};
	char date[16], time[32], from_s[8], to_s[8], act[64], dur[24], rate[COSTS_MONEY_TEXT],
	     amt[COSTS_MONEY_TEXT], label[64];
	size_t i;

	table_fit(&t);
	table_start(v, &t);
	eur(v->in->rates.hourly, rate, sizeof rate);
	for (i = from; i < to; i++) {
		const struct costs_line *l = v->refs[i].l;
		const char *cells[MAXCOL];

		invoice_nl_date_short(l->date, date, sizeof date);
		costs_format_time(l->from_min, from_s, sizeof from_s);
		costs_format_time(l->to_min, to_s, sizeof to_s);
		snprintf(time, sizeof time, "%s" NDASH "%s%s", from_s, to_s,
		         costs_line_next_day(l) ? " (+1 dag)" : "");
		invoice_capital(costs_activity_label(l->activity), act, sizeof act);
		costs_format_duration(costs_line_minutes(l), dur, sizeof dur);
		cells[0] = date;
		cells[1] = l->person;
		cells[2] = time;
		cells[3] = act;
		cells[4] = dur;
		cells[5] = rate;
		cells[6] = eur(v->refs[i].amount, amt, sizeof amt);
		table_row(v, &t, cells, (i - from) % 2 == 1);
	}
	{
		const char *cells[MAXCOL] = {label, NULL, NULL, NULL, dur, "", amt};

		snprintf(label, sizeof label, "Subtotaal uren");
		costs_format_duration(v->in->summary->minutes, dur, sizeof dur);
		eur(v->in->summary->by_kind[COSTS_HOURS], amt, sizeof amt);
		table_subtotal(v, &t, cells);
	}
	table_end(v);
}

static void travel_table(struct inv *v, size_t from, size_t to)
{
	struct table t = {"Reiskosten", {
		{"Datum", 56, PDF_LEFT}, {"Medewerker", -1, PDF_LEFT}, {"Omschrijving", -1.2, PDF_LEFT},
		{"Km", 44, PDF_RIGHT}, {"Tarief", 58, PDF_RIGHT}, {"Bedrag", 78, PDF_RIGHT}}, 6, {0}};
	char date[16], km[32], rate[COSTS_MONEY_TEXT], amt[COSTS_MONEY_TEXT];
	size_t i;

	table_fit(&t);
	table_start(v, &t);
	for (i = from; i < to; i++) {
		const struct costs_line *l = v->refs[i].l;
		const char *cells[MAXCOL];

		invoice_nl_date_short(l->date, date, sizeof date);
		cells[0] = date;
		cells[1] = l->person;
		if (l->km >= 0) {
			invoice_nl_count(l->km, km, sizeof km);
			cells[2] = l->description;
			cells[3] = km;
			cells[4] = eur(v->in->rates.per_km, rate, sizeof rate);
		} else {
			cells[2] = l->description[0] != '\0' ? l->description : "Vast bedrag";
			cells[3] = "";
			cells[4] = "";
		}
		cells[5] = eur(v->refs[i].amount, amt, sizeof amt);
		table_row(v, &t, cells, (i - from) % 2 == 1);
	}
	{
		const char *cells[MAXCOL] = {"Subtotaal reiskosten", NULL, NULL, NULL, NULL, amt};

		eur(v->in->summary->by_kind[COSTS_TRAVEL], amt, sizeof amt);
		table_subtotal(v, &t, cells);
	}
	table_end(v);
}

static void laptops_table(struct inv *v, size_t from, size_t to)
{
	struct table t = {"Laptophuur", {
		{"Datum", 56, PDF_LEFT}, {"Omschrijving", -1, PDF_LEFT}, {"Laptops", 50, PDF_RIGHT},
		{"Dagen", 44, PDF_RIGHT}, {"Dagprijs", 62, PDF_RIGHT}, {"Bedrag", 78, PDF_RIGHT}}, 6,
		{0}};
	char date[16], count[32], days[32], rate[COSTS_MONEY_TEXT], amt[COSTS_MONEY_TEXT];
	size_t i;

	table_fit(&t);
	table_start(v, &t);
	eur(v->in->rates.laptop_day, rate, sizeof rate);
	for (i = from; i < to; i++) {
		const struct costs_line *l = v->refs[i].l;
		const char *cells[MAXCOL];

		invoice_nl_date_short(l->date, date, sizeof date);
		invoice_nl_count(l->count, count, sizeof count);
		invoice_nl_count(l->days, days, sizeof days);
		cells[0] = date;
		cells[1] = l->description[0] != '\0' ? l->description : "Huur verkiezingslaptops";
		cells[2] = count;
		cells[3] = days;
		cells[4] = rate;
		cells[5] = eur(v->refs[i].amount, amt, sizeof amt);
		table_row(v, &t, cells, (i - from) % 2 == 1);
	}
	{
		const char *cells[MAXCOL] = {"Subtotaal laptophuur", NULL, NULL, NULL, NULL, amt};

		eur(v->in->summary->by_kind[COSTS_LAPTOPS], amt, sizeof amt);
		table_subtotal(v, &t, cells);
	}
	table_end(v);
}

/* Switch, cabling, other: date, description, amount. */
static void items_table(struct inv *v, enum costs_kind kind, size_t from, size_t to)
{
	struct table t = {costs_kind_label(kind), {
		{"Datum", 56, PDF_LEFT}, {"Omschrijving", -1, PDF_LEFT}, {"Bedrag", 78, PDF_RIGHT}}, 3,
		{0}};
	char date[16], amt[COSTS_MONEY_TEXT], label[64], lower[32];
	size_t i;

	table_fit(&t);
	table_start(v, &t);
	for (i = from; i < to; i++) {
		const struct costs_line *l = v->refs[i].l;
		const char *cells[MAXCOL];

		invoice_nl_date_short(l->date, date, sizeof date);
		cells[0] = date;
		cells[1] = l->description;
		cells[2] = eur(v->refs[i].amount, amt, sizeof amt);
		table_row(v, &t, cells, (i - from) % 2 == 1);
	}
	{
		const char *cells[MAXCOL] = {label, NULL, amt};

		snprintf(lower, sizeof lower, "%s", costs_kind_label(kind));
		if (lower[0] >= 'A' && lower[0] <= 'Z')
			lower[0] = (char)(lower[0] - 'A' + 'a');
		snprintf(label, sizeof label, "Subtotaal %s", lower);
		eur(v->in->summary->by_kind[kind], amt, sizeof amt);
		table_subtotal(v, &t, cells);
	}
	table_end(v);
}

static void categories(struct inv *v)
{
	size_t i = 0, j;

	if (v->nrefs == 0) {
		v->y += 16;
		v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXT, PDF_LEFT,
		                 "Op deze factuur staan geen uren of kosten.");
		return;
	}
	while (i < v->nrefs) {
		enum costs_kind k = v->refs[i].l->kind;

		for (j = i; j < v->nrefs && v->refs[j].l->kind == k; j++)
			;
		switch (k) {
		case COSTS_HOURS:
			hours_table(v, i, j);
			break;
		case COSTS_TRAVEL:
			travel_table(v, i, j);
			break;
		case COSTS_LAPTOPS:
			laptops_table(v, i, j);
			break;
		default:
			items_table(v, k, i, j);
			break;
		}
		i = j;
	}
}

/* The sums: each category, excl. VAT, VAT, the total; then the rounding rule and payment. */
static void totals(struct inv *v)
{
	const struct invoice_input *in = v->in;
	const struct costs_summary *s = in->summary;
	const double bw = 270, bx = X0 + W - bw, aw = 100;
	char amt[COSTS_MONEY_TEXT], label[64], pct[16], buf[1024], term[64];
	int has[COSTS_KIND__MAX] = {0}, k, nk = 0;
	double lh, th, h, rule_h;
	size_t i;

	for (i = 0; i < v->nrefs; i++)
		has[v->refs[i].l->kind] = 1;
	for (k = 0; k < COSTS_KIND__MAX; k++)
		nk += has[k];
	pdf_measure(v->pdf, 0, F_TEXT, "0", NULL, &lh);
	pdf_measure(v->pdf, 0, F_TOTAL, "0", NULL, &th);
	lh += 4;
	th += 10;
	rule_h = 6;
	v->y += 22;
	need(v, 20 + (nk + 2) * lh + 2 * rule_h + th);

	v->y += pdf_text(v->pdf, bx, v->y, bw, F_H2, PDF_LEFT, "Totaal") + 4;
	pdf_line(v->pdf, bx, v->y, X0 + W, v->y, 0.8, 0);
	v->y += 3;
	for (k = 0; k < COSTS_KIND__MAX; k++) {
		if (!has[k])
			continue;
		pdf_text(v->pdf, bx + PAD, v->y, bw - aw, F_TEXT, PDF_LEFT,
		         costs_kind_label((enum costs_kind)k));
		pdf_text(v->pdf, X0 + W - aw, v->y, aw - PAD, F_TEXT, PDF_RIGHT,
		         eur(s->by_kind[k], amt, sizeof amt));
		v->y += lh;
	}
	if (nk > 0) {
		pdf_line(v->pdf, bx, v->y + 1, X0 + W, v->y + 1, 0.4, 0.5);
		v->y += rule_h;
	}
	pdf_text(v->pdf, bx + PAD, v->y, bw - aw, F_TEXTB, PDF_LEFT, "Totaal excl. btw");
	pdf_text(v->pdf, X0 + W - aw, v->y, aw - PAD, F_TEXTB, PDF_RIGHT, eur(s->net, amt, sizeof amt));
	v->y += lh;
	invoice_nl_percent(in->rates.vat_basis_points, pct, sizeof pct);
	snprintf(label, sizeof label, "Btw %s %%", pct);
	pdf_text(v->pdf, bx + PAD, v->y, bw - aw, F_TEXT, PDF_LEFT, label);
	pdf_text(v->pdf, X0 + W - aw, v->y, aw - PAD, F_TEXT, PDF_RIGHT, eur(s->vat, amt, sizeof amt));
	v->y += lh + 2;
	pdf_line(v->pdf, bx, v->y + 0.6, X0 + W, v->y + 0.6, 1.2, 0);
	v->y += 1.2;
	pdf_fill(v->pdf, bx, v->y, bw, th, 0.88);
	pdf_text(v->pdf, bx + PAD, v->y + 5, bw - aw, F_TOTAL, PDF_LEFT, "Totaal te betalen");
	pdf_text(v->pdf, X0 + W - aw - 20, v->y + 5, aw + 20 - PAD, F_TOTAL, PDF_RIGHT,
	         eur(s->total, amt, sizeof amt));
	v->y += th + 18;

	/* the rounding rule, as costs.h states it */
	snprintf(buf, sizeof buf,
	         "Afronding: het bedrag van een urenregel is het aantal minuten " TIMES
	         " het uurtarief / 60, per regel " "eenmaal afgerond op hele centen (een halve cent "
	         "naar boven). Kilometers " TIMES " tarief en laptops " TIMES " dagen " TIMES
	         " dagprijs zijn exact. De btw is het totaal excl. btw " TIMES " %s %%, eenmaal "
	         "afgerond op hele centen (een halve cent naar boven). De subtotalen en totalen "
	         "zijn sommen van deze bedragen.", pct);
	pdf_measure(v->pdf, W, F_SMALL, buf, NULL, &h);
	need(v, h);
	v->y += pdf_text(v->pdf, X0, v->y, W, F_SMALL, PDF_LEFT, buf) + 10;

	eur(s->total, amt, sizeof amt);
	term[0] = '\0';
	if (in->payment_days > 0)
		snprintf(term, sizeof term, " binnen %d dagen", in->payment_days);
	if (in->provider_iban != NULL && in->provider_iban[0] != '\0')
		snprintf(buf, sizeof buf, "Wij verzoeken u het totaalbedrag van %s%s over te maken, "
		         "onder vermelding van factuurnummer %s, op:", amt, term, in->number);
	else
		snprintf(buf, sizeof buf, "Wij verzoeken u het totaalbedrag van %s%s te voldoen, "
		         "onder vermelding van factuurnummer %s.", amt, term, in->number);
	pdf_measure(v->pdf, W, F_TEXT, buf, NULL, &h);
	need(v, h + (in->provider_iban != NULL ? 2 * lh : 0));
	v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXT, PDF_LEFT, buf) + 3;
	if (in->provider_iban != NULL && in->provider_iban[0] != '\0') {
		/* on a line of its own, so that the IBAN is never broken */
		snprintf(buf, sizeof buf, "IBAN %s ten name van %s", in->provider_iban,
		         in->provider_name);
		v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT, buf);
	}
}

static void layout(struct inv *v)
{
	page_start(v);
	title(v);
	categories(v);
	totals(v);
}

int invoice_write_pdf(const struct invoice_input *in, char **bytes, size_t *len)
{
	struct inv v;
	struct invoice_ref *refs = NULL;
	char created[32];
	int rc, pages;

	*bytes = NULL;
	*len = 0;
	if ((rc = invoice_prepare(in, &refs)) != INVOICE_OK)
		return rc;
	memset(&v, 0, sizeof v);
	v.in = in;
	v.refs = refs;
	v.nrefs = in->nlines;

	/* First pass: count the pages. */
	rc = INVOICE_ERR_PDF;
	if ((v.pdf = pdf_create_dry()) == NULL)
		goto out;
	layout(&v);
	if (pdf_close(v.pdf) != 0)
		goto out;
	pages = v.page;

	/* Second pass: the same layout, drawn, with "pagina n van pages". */
	v.page = 0;
	v.npages = pages;
	v.open = NULL;
	snprintf(created, sizeof created, "%.10sT00:00:00", in->date);
	if ((v.pdf = pdf_create_mem(created)) == NULL)
		goto out;
	layout(&v);
	if (pdf_close_mem(v.pdf, bytes, len) != 0)
		goto out;
	if (v.page != pages) {
		/* cannot happen: both passes measure alike; a wrong footer is worse than none */
		free(*bytes);
		*bytes = NULL;
		*len = 0;
		goto out;
	}
	rc = INVOICE_OK;
out:
	free(refs);
	return rc;
}
