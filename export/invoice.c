/*
 * The invoice (invoice.h) as PDF. Nothing here computes money of its own:
 * each line's amount is costs_line_amount's and every sum is the summary's,
 * which invoice_prepare (invoice_data.c) has checked against costs_summarise
 * of the same lines. The CSV is invoice_csv.c's. The layout is the PDF
 * engine's (pdf.h): a table per category, the sums, and on every page a
 * footer with the provider and "pagina n van m".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "costs/costs.h"
#include "export/invoice.h"
#include "export/invoice_int.h"
#include "export/pdf.h"

#define HEAD_Y      30.0                  /* the running header, from page 2 */
#define BODY_Y1     50.0                  /* the body of page 1, which has no header */
#define BODY_Y      62.0                  /* the body of page 2 on */
#define FOOT_Y      (PDF_A4_H - 48.0)     /* the rule above the footer */
#define BODY_END    (FOOT_Y - 12.0)
#define PAD         4.0                   /* inside a table cell, left and right */
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
#define CELL        64                    /* bytes for the text of a table cell */

static const struct pdf_style style = {
	.text = F_TEXT, .bold = F_TEXTB, .heading = F_H2, .heading_before = 14,
	.heading_after = 4, .field_after = 2.5,
};

static const struct pdf_table_style lines_style = {
	.pad = PAD, .above = 2.5, .below = 2.5, .head_above = 2.5, .head_below = 2.5,
	.head_grey = 0.88, .zebra_grey = 0.955,
	.rule_w = 0.25, .rule_grey = 0.75, .total_rule_w = 0.8, .total_gap = 1, .total_grey = 0.92,
	.shade_grey = 0.8, .cont_font = F_H2,
};

/* The columns of a category's table: hours, travel, laptops, and the rest (items). */
static const struct pdf_col columns[4][7] = {
	{{"Datum", 56, PDF_LEFT, 0}, {"Medewerker", -1, PDF_LEFT, 0}, {"Tijd", 60, PDF_LEFT, 0},
	 {"Activiteit", -1.6, PDF_LEFT, 0}, {"Uren", 44, PDF_RIGHT, 0},
	 {"Tarief", 52, PDF_RIGHT, 0}, {"Bedrag", 78, PDF_RIGHT, 0}},
	{{"Datum", 56, PDF_LEFT, 0}, {"Medewerker", -1, PDF_LEFT, 0},
	 {"Omschrijving", -1.2, PDF_LEFT, 0}, {"Km", 44, PDF_RIGHT, 0},
	 {"Tarief", 58, PDF_RIGHT, 0}, {"Bedrag", 78, PDF_RIGHT, 0}},
	{{"Datum", 56, PDF_LEFT, 0}, {"Omschrijving", -1, PDF_LEFT, 0},
	 {"Laptops", 50, PDF_RIGHT, 0}, {"Dagen", 44, PDF_RIGHT, 0},
	 {"Dagprijs", 62, PDF_RIGHT, 0}, {"Bedrag", 78, PDF_RIGHT, 0}},
	{{"Datum", 56, PDF_LEFT, 0}, {"Omschrijving", -1, PDF_LEFT, 0},
	 {"Bedrag", 78, PDF_RIGHT, 0}},
};
static const size_t ncolumns[4] = {7, 6, 6, 3};

struct inv {
	struct pdf_doc *d;
	const struct invoice_input *in;
	const struct invoice_ref *refs;
	size_t nrefs;
};

/* "€ 1.234,50" */
static const char *eur(costs_cents c, char *buf, size_t size)
{
	costs_format_money_nl(c, buf, size);
	return buf;
}

/* ------------------------------------------------------------------ */
/* The frame of every page                                             */
/* ------------------------------------------------------------------ */

static double frame(struct pdf_doc *d, void *ctx)
{
	struct inv *v = ctx;
	const struct invoice_input *in = v->in;
	char left[1024] = "", right[512], page[64];
	const double pw = 90;
	double top = BODY_Y1;

	if (d->page > 1) {
		snprintf(left, sizeof left, "Factuur %s " MIDDOT " %s", in->number, in->provider_name);
		invoice_town(in, right, sizeof right);
		pdf_text(d->pdf, d->x, HEAD_Y, d->w * 0.6, F_SMALL, PDF_LEFT, left);
		pdf_text(d->pdf, d->x + d->w * 0.6, HEAD_Y, d->w * 0.4, F_SMALL, PDF_RIGHT, right);
		pdf_line(d->pdf, d->x, HEAD_Y + 13, d->x + d->w, HEAD_Y + 13, 0.5, 0.6);
		top = BODY_Y;
	}
	pdf_line(d->pdf, d->x, FOOT_Y, d->x + d->w, FOOT_Y, 0.5, 0.6);
	left[0] = '\0';
	invoice_join(left, sizeof left, "", in->provider_name);
	invoice_join(left, sizeof left, "KvK ", in->provider_kvk);
	invoice_join(left, sizeof left, "Btw-id ", in->provider_vat_id);
	invoice_join(left, sizeof left, "IBAN ", in->provider_iban);
	pdf_text(d->pdf, d->x, FOOT_Y + 5, d->w - pw, F_SMALL, PDF_LEFT, left);
	pdf_doc_page_label(d, page, sizeof page);
	pdf_text(d->pdf, d->x + d->w - pw, FOOT_Y + 5, pw, F_SMALLB, PDF_RIGHT, page);
	return top;
}

/* ------------------------------------------------------------------ */
/* The first page's top                                                */
/* ------------------------------------------------------------------ */

/* One of the provider's particulars, right-aligned under the others at *y; none for no text. */
static void particular(struct inv *v, double *y, const char *label, const char *text)
{
	struct pdf_doc *d = v->d;
	const double rw = 200;
	char buf[1024];

	if (text == NULL || text[0] == '\0')
		return;
	snprintf(buf, sizeof buf, "%s%s", label, text);
	*y += pdf_text(d->pdf, d->x + d->w - rw, *y, rw, F_SMALL, PDF_RIGHT, buf);
}

/* "uurtarief € 75,00 · per kilometer € 0,23": the rates the lines use; "" for none. */
static void rates(const struct inv *v, char *out, size_t size)
{
	const struct costs_rates *r = &v->in->rates;
	char m[COSTS_MONEY_TEXT];
	int kinds[COSTS_KIND__MAX] = {0};
	size_t i;

	for (i = 0; i < v->nrefs; i++)
		kinds[v->refs[i].l->kind] = 1;
	out[0] = '\0';
	if (kinds[COSTS_HOURS])
		invoice_join(out, size, "uurtarief ", eur(r->hourly, m, sizeof m));
	if (kinds[COSTS_LAPTOPS])
		invoice_join(out, size, "laptop per dag ", eur(r->laptop_day, m, sizeof m));
	if (kinds[COSTS_TRAVEL])
		invoice_join(out, size, "per kilometer ", eur(r->per_km, m, sizeof m));
}

/* The provider, the addressee, "Factuur", what it concerns. */
static void title(struct inv *v)
{
	const struct invoice_input *in = v->in;
	struct pdf_doc *d = v->d;
	const double rw = 200, lw = 110;
	char buf[1024];
	double y, hname;
	size_t i;

	/* the provider: its name left, its particulars right */
	hname = pdf_text(d->pdf, d->x, d->y, d->w - rw - 10, F_NAME, PDF_LEFT, in->provider_name);
	y = d->y + 1;
	for (i = 0; i < in->nprovider_address; i++)
		particular(v, &y, "", in->provider_address[i]);
	y += 4;
	particular(v, &y, "", in->provider_contact);
	particular(v, &y, "KvK ", in->provider_kvk);
	particular(v, &y, "Btw-id ", in->provider_vat_id);
	particular(v, &y, "IBAN ", in->provider_iban);
	pdf_line(d->pdf, d->x, d->y + hname + 3, d->x + 60, d->y + hname + 3, 2.0, 0.25);

	/* the addressee, where a window envelope shows it */
	d->y = y + 12 > ADDR_Y ? y + 12 : ADDR_Y;
	invoice_town(in, buf, sizeof buf);
	d->y += pdf_text(d->pdf, d->x, d->y, 260, F_TEXTB, PDF_LEFT, buf) + 1;
	for (i = 0; i < in->nmunicipality_address; i++)
		d->y += pdf_text(d->pdf, d->x, d->y, 260, F_TEXT, PDF_LEFT,
		                 in->municipality_address[i]) + 1;
	d->y = d->y + 30 > ADDR_Y + 78 ? d->y + 30 : ADDR_Y + 78;

	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TITLE, PDF_LEFT, "Factuur") + 10;
	pdf_doc_field(d, lw, "Factuurnummer", in->number);
	date_nl_long(in->date, buf, sizeof buf);
	pdf_doc_field(d, lw, "Factuurdatum", buf);
	pdf_doc_field(d, lw, "Betreft", "Uren en kosten ICT-ondersteuning");
	snprintf(buf, sizeof buf, "%s (%s)", in->election_name, in->election_id);
	pdf_doc_field(d, lw, "Verkiezing", buf);
	pdf_doc_field(d, lw, "Gemeentecode", in->municipality_code);
	rates(v, buf, sizeof buf);
	if (buf[0] != '\0')
		pdf_doc_field(d, lw, "Tarieven", buf);
	if (in->payment_days > 0) {
		snprintf(buf, sizeof buf, "%d dagen na factuurdatum", in->payment_days);
		pdf_doc_field(d, lw, "Betalingstermijn", buf);
	}
	d->y += 10;
	snprintf(buf, sizeof buf, "Hierbij brengen wij u de uren en kosten in rekening van de "
	         "ICT-ondersteuning bij de verkiezing %s in uw gemeente: het inrichten van de "
	         "laptops, de opbouw op de verkiezingsdag, de stand-by tijdens de telling en het "
	         "opruimen daarna.", in->election_name);
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXT, PDF_LEFT, buf);
}

/* ------------------------------------------------------------------ */
/* A table per category                                                */
/* ------------------------------------------------------------------ */

/* A line's cells in its category's columns, their text in b. */
static void line_cells(const struct inv *v, const struct invoice_ref *r, struct pdf_cell *c,
                       char (*b)[CELL])
{
	const struct costs_line *l = r->l;
	const struct costs_rates *rt = &v->in->rates;
	char from[8], to[8];
	size_t n = 0, k = 0;

	date_nl_short(l->date, b[k], CELL);
	c[n++] = (struct pdf_cell){b[k++], 0};
	switch (l->kind) {
	case COSTS_HOURS:
		costs_format_time(l->from_min, from, sizeof from);
		costs_format_time(l->to_min, to, sizeof to);
		snprintf(b[k], CELL, "%s" NDASH "%s%s", from, to,
		         costs_line_next_day(l) ? " (+1 dag)" : "");
		c[n++] = (struct pdf_cell){l->person, 0};
		c[n++] = (struct pdf_cell){b[k++], 0};
		invoice_capital(costs_activity_label(l->activity), b[k], CELL);
		c[n++] = (struct pdf_cell){b[k++], 0};
		costs_format_duration(costs_line_minutes(l), b[k], CELL);
		c[n++] = (struct pdf_cell){b[k++], 0};
		c[n++] = (struct pdf_cell){eur(rt->hourly, b[k++], CELL), 0};
		break;
	case COSTS_TRAVEL:
		c[n++] = (struct pdf_cell){l->person, 0};
		if (l->km >= 0) {
			pdf_nl_count(l->km, b[k], CELL);
			c[n++] = (struct pdf_cell){l->description, 0};
			c[n++] = (struct pdf_cell){b[k++], 0};
			c[n++] = (struct pdf_cell){eur(rt->per_km, b[k++], CELL), 0};
		} else {
			c[n++] = (struct pdf_cell){l->description[0] != '\0' ? l->description :
			                           "Vast bedrag", 0};
			c[n++] = (struct pdf_cell){"", 0};
			c[n++] = (struct pdf_cell){"", 0};
		}
		break;
	case COSTS_LAPTOPS:
		c[n++] = (struct pdf_cell){l->description[0] != '\0' ? l->description :
		                           "Huur verkiezingslaptops", 0};
		pdf_nl_count(l->count, b[k], CELL);
		c[n++] = (struct pdf_cell){b[k++], 0};
		pdf_nl_count(l->days, b[k], CELL);
		c[n++] = (struct pdf_cell){b[k++], 0};
		c[n++] = (struct pdf_cell){eur(rt->laptop_day, b[k++], CELL), 0};
		break;
	default:
		c[n++] = (struct pdf_cell){l->description, 0};
		break;
	}
	c[n] = (struct pdf_cell){eur(r->amount, b[k], CELL), 0};
}

/* "Subtotaal uren": its label over the columns up to the amount (hours: up to their sum). */
static void subtotal(struct inv *v, struct pdf_table *t, enum costs_kind kind)
{
	struct pdf_cell c[PDF_TABLE_MAXCOL];
	char label[64], dur[24], amt[COSTS_MONEY_TEXT];
	size_t j;

	snprintf(label, sizeof label, "Subtotaal %s", costs_kind_label(kind));
	label[10] = (char)(label[10] >= 'A' && label[10] <= 'Z' ? label[10] - 'A' + 'a' : label[10]);
	for (j = 0; j < t->ncol; j++)
		c[j] = (struct pdf_cell){NULL, 0};
	c[0].text = label;
	if (kind == COSTS_HOURS) {
		costs_format_duration(v->in->summary->minutes, dur, sizeof dur);
		c[4].text = dur;
		c[5].text = "";
	}
	c[t->ncol - 1].text = eur(v->in->summary->by_kind[kind], amt, sizeof amt);
	pdf_table_total(t, c);
}

/* A category's heading and table: the lines from ... to - 1, then their subtotal. */
static void category(struct inv *v, enum costs_kind kind, size_t from, size_t to)
{
	const size_t layout = kind < 3 ? (size_t)kind : 3;
	struct pdf_table t = {&lines_style, F_CELL, F_CELLB, costs_kind_label(kind), {{0}}, 0,
	                      NULL, {0}, 0};
	struct pdf_cell c[PDF_TABLE_MAXCOL];
	char b[PDF_TABLE_MAXCOL][CELL];
	size_t i;

	memcpy(t.col, columns[layout], sizeof columns[layout]);
	t.ncol = ncolumns[layout];
	pdf_doc_heading(v->d, t.title, pdf_table_keep(v->d, &t, 2));
	pdf_table_begin(v->d, &t);
	for (i = from; i < to; i++) {
		line_cells(v, &v->refs[i], c, b);
		pdf_table_row(&t, c);
	}
	subtotal(v, &t, kind);
	pdf_table_end(&t);
}

/* ------------------------------------------------------------------ */
/* The sums, the rounding rule and the payment                         */
/* ------------------------------------------------------------------ */

#define BOX_W  270.0     /* the box of sums, at the right */
#define AMT_W  100.0     /* its amounts */

/* A row of the box of sums: its label left, its amount right. */
static void sum_row(struct inv *v, const char *font, const char *label, costs_cents amount)
{
	struct pdf_doc *d = v->d;
	char amt[COSTS_MONEY_TEXT];

	pdf_text(d->pdf, d->x + d->w - BOX_W + PAD, d->y, BOX_W - AMT_W, font, PDF_LEFT, label);
	pdf_text(d->pdf, d->x + d->w - AMT_W, d->y, AMT_W - PAD, font, PDF_RIGHT,
	         eur(amount, amt, sizeof amt));
}

/* The sums: each category, excl. VAT, VAT, the total. */
static void sums(struct inv *v, const char *pct)
{
	const struct costs_summary *s = v->in->summary;
	struct pdf_doc *d = v->d;
	const double bx = d->x + d->w - BOX_W, right = d->x + d->w;
	char label[64], amt[COSTS_MONEY_TEXT];
	int has[COSTS_KIND__MAX] = {0}, k, nk = 0;
	double lh, th;
	size_t i;

	for (i = 0; i < v->nrefs; i++)
		has[v->refs[i].l->kind] = 1;
	for (k = 0; k < COSTS_KIND__MAX; k++)
		nk += has[k];
	pdf_measure(d->pdf, 0, F_TEXT, "0", NULL, &lh);
	pdf_measure(d->pdf, 0, F_TOTAL, "0", NULL, &th);
	lh += 4;
	th += 10;
	d->y += 22;
	pdf_doc_need(d, 20 + (nk + 2) * lh + 2 * 6 + th);

	d->y += pdf_text(d->pdf, bx, d->y, BOX_W, F_H2, PDF_LEFT, "Totaal") + 4;
	pdf_line(d->pdf, bx, d->y, right, d->y, 0.8, 0);
	d->y += 3;
	for (k = 0; k < COSTS_KIND__MAX; k++) {
		if (!has[k])
			continue;
		sum_row(v, F_TEXT, costs_kind_label((enum costs_kind)k), s->by_kind[k]);
		d->y += lh;
	}
	if (nk > 0) {
		pdf_line(d->pdf, bx, d->y + 1, right, d->y + 1, 0.4, 0.5);
		d->y += 6;
	}
	sum_row(v, F_TEXTB, "Totaal excl. btw", s->net);
	d->y += lh;
	snprintf(label, sizeof label, "Btw %s %%", pct);
	sum_row(v, F_TEXT, label, s->vat);
	d->y += lh + 2;
	pdf_line(d->pdf, bx, d->y + 0.6, right, d->y + 0.6, 1.2, 0);
	d->y += 1.2;
	pdf_fill(d->pdf, bx, d->y, BOX_W, th, 0.88);
	pdf_text(d->pdf, bx + PAD, d->y + 5, BOX_W - AMT_W, F_TOTAL, PDF_LEFT, "Totaal te betalen");
	pdf_text(d->pdf, right - AMT_W - 20, d->y + 5, AMT_W + 20 - PAD, F_TOTAL, PDF_RIGHT,
	         eur(s->total, amt, sizeof amt));
	d->y += th + 18;
}

/* The sums, then the rounding rule and how to pay. */
static void totals(struct inv *v)
{
	const struct invoice_input *in = v->in;
	struct pdf_doc *d = v->d;
	const int iban = in->provider_iban != NULL && in->provider_iban[0] != '\0';
	char amt[COSTS_MONEY_TEXT], pct[16], buf[1024], term[64] = "";
	double h, lh;

	invoice_nl_percent(in->rates.vat_basis_points, pct, sizeof pct);
	sums(v, pct);

	/* the rounding rule, as costs.h states it */
	snprintf(buf, sizeof buf,
	         "Afronding: het bedrag van een urenregel is het aantal minuten " TIMES
	         " het uurtarief / 60, per regel " "eenmaal afgerond op hele centen (een halve cent "
	         "naar boven). Kilometers " TIMES " tarief en laptops " TIMES " dagen " TIMES
	         " dagprijs zijn exact. De btw is het totaal excl. btw " TIMES " %s %%, eenmaal "
	         "afgerond op hele centen (een halve cent naar boven). De subtotalen en totalen "
	         "zijn sommen van deze bedragen.", pct);
	pdf_doc_para(d, F_SMALL, buf);
	d->y += 10;

	eur(in->summary->total, amt, sizeof amt);
	if (in->payment_days > 0)
		snprintf(term, sizeof term, " binnen %d dagen", in->payment_days);
	if (iban)
		snprintf(buf, sizeof buf, "Wij verzoeken u het totaalbedrag van %s%s over te maken, "
		         "onder vermelding van factuurnummer %s, op:", amt, term, in->number);
	else
		snprintf(buf, sizeof buf, "Wij verzoeken u het totaalbedrag van %s%s te voldoen, "
		         "onder vermelding van factuurnummer %s.", amt, term, in->number);
	pdf_measure(d->pdf, d->w, F_TEXT, buf, NULL, &h);
	pdf_measure(d->pdf, 0, F_TEXT, "0", NULL, &lh);
	pdf_doc_need(d, h + (in->provider_iban != NULL ? 2 * (lh + 4) : 0));
	pdf_doc_para(d, F_TEXT, buf);
	d->y += 3;
	if (iban) {
		/* on a line of its own, so that the IBAN is never broken */
		snprintf(buf, sizeof buf, "IBAN %s ten name van %s", in->provider_iban,
		         in->provider_name);
		d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXTB, PDF_LEFT, buf);
	}
}

/* The first page's top, a table per category (its lines are in order), the sums. */
static int body(struct pdf_doc *d, void *ctx)
{
	struct inv *v = ctx;
	size_t i, j;

	v->d = d;
	title(v);
	if (v->nrefs == 0) {
		d->y += 16;
		pdf_doc_para(d, F_TEXT, "Op deze factuur staan geen uren of kosten.");
	}
	for (i = 0; i < v->nrefs; i = j) {
		for (j = i; j < v->nrefs && v->refs[j].l->kind == v->refs[i].l->kind; j++)
			;
		category(v, v->refs[i].l->kind, i, j);
	}
	totals(v);
	return 0;
}

int invoice_write_pdf(const struct invoice_input *in, char **bytes, size_t *len)
{
	struct inv v = {0};
	struct pdf_doc_def def = {.body_end = BODY_END, .style = &style, .frame = frame,
	                          .body = body, .ctx = &v};
	struct invoice_ref *refs = NULL;
	char created[32];
	int rc;

	*bytes = NULL;
	*len = 0;
	if ((rc = invoice_prepare(in, &refs)) != INVOICE_OK)
		return rc;
	v.in = in;
	v.refs = refs;
	v.nrefs = in->nlines;
	snprintf(created, sizeof created, "%.10sT00:00:00", in->date);
	def.created = created;
	rc = pdf_doc_write(&def, bytes, len) == 0 ? INVOICE_OK : INVOICE_ERR_PDF;
	free(refs);
	return rc;
}
