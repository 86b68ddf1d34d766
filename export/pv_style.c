/*
 * What every proces-verbaal shares (pv_internal.h): the table styles, what
 * it says of its committee, a figure as text, the frame of every page (the
 * running header, a draft's band and watermark, the footer with a file's
 * hash code, the signing key's fingerprint and "pagina n van m") and the
 * title. The documents (pv.c, pv_lists.c and the result's pv_result*.c) and
 * pv_session.c use this file; it uses none of them.
 */
#include <stdio.h>

#include "base/date.h"
#include "export/pdf.h"
#include "export/pv_internal.h"

#define HEAD_Y      30.0                  /* the running header */
#define BODY_Y      60.0                  /* the body starts here (below a draft's band: lower) */
#define FOOT_Y      (PDF_A4_H - 64.0)     /* the rule above the footer */
#define BODY_END    (FOOT_Y - 10.0)       /* nothing of the body below this */
#define PAGE_W      110.0                 /* "pagina n van m", right in the footer */

/* Rows: text 2 points below their top, 3 above their bottom; the stations' head 3 and 3. */
const struct pdf_table_style pv_grid = {
	.pad = PAD, .above = VPAD, .below = VPAD + 1, .head_above = VPAD + 1,
	.head_below = VPAD + 1, .head_grey = 0.82, .zebra_grey = 0.94, .rule_w = 0.3,
	.rule_grey = 0.7, .col_rule_w = 0.3, .col_rule_grey = 0.6, .total_rule_w = 1.2,
	.total_gap = 2, .total_grey = 0.88, .shade_grey = 0.8, .cont_font = F_TEXTB,
};

const struct pdf_table_style pv_plain = {
	.pad = PAD, .above = VPAD, .below = VPAD + 1, .head_above = VPAD, .head_below = VPAD + 1,
	.head_grey = 0.82, .zebra_grey = 0.94, .rule_w = 0.3, .rule_grey = 0.7,
	.total_rule_w = 1.2, .total_gap = 2, .total_grey = 0.88, .shade_grey = 0.8,
	.cont_font = F_TEXTB,
};

static const struct pdf_style text_style = {
	.text = F_TEXT, .bold = F_TEXTB, .heading = F_H2, .heading_before = 14,
	.heading_rule = 1.0, .heading_after = 8, .para_after = 4, .field_after = 3,
};

/* What each committee's PV says of it, side by side. */
static const char *const words[PV_WORD__MAX][PV_COMMITTEE__MAX] = {
	[PV_NAME] = {"gemeentelijk stembureau", "centraal stembureau"},
	[PV_TITLE] = {"Gemeentelijk stembureau", "Centraal stembureau"},
	[PV_SESSION] = {"Zitting van het gemeentelijk stembureau",
	                "Openbare zitting van het centraal stembureau"},
	[PV_REMARKS] = {
		"Bijzonderheden en bezwaren (met de hand in te vullen; geen bijzonderheden: doorhalen):",
		"Bezwaren en bijzonderheden tijdens de zitting (met de hand in te vullen; geen: "
		"doorhalen):"},
	[PV_ADOPTED] = {
		"Aldus vastgesteld en ondertekend door de voorzitter en de leden van het gemeentelijk "
		"stembureau.",
		"Aldus vastgesteld in de openbare zitting van het centraal stembureau en ondertekend "
		"door de voorzitter en de leden."},
	[PV_NOT_SIGNED] = {
		"CONCEPT: dit proces-verbaal is nog niet vastgesteld en wordt niet ondertekend.",
		"CONCEPT: deze uitslag is nog niet vastgesteld en dit proces-verbaal wordt niet "
		"ondertekend."},
};

const char *pv_word(enum pv_committee c, enum pv_word w)
{
	return c < PV_COMMITTEE__MAX && w < PV_WORD__MAX ? words[w][c] : "";
}

/* A count as text; a field without a count (never in a definitive form) as "-". */
const char *pv_num(long v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%ld", v);
	return buf;
}

/* ------------------------------------------------------------------ */
/* The frame of every page                                             */
/* ------------------------------------------------------------------ */

/* The running header, and a draft's band under it; returns where the body starts. */
static double header(struct pdf_doc *d, const struct pv_frame *f)
{
	char left[TALLY_TEXT_MAX * 2 + 64];
	double h;

	snprintf(left, sizeof left, "Proces-verbaal %s " MIDDOT " %s", f->model, f->header);
	pdf_text(d->pdf, d->x, HEAD_Y, d->w * 0.55, F_SMALL, PDF_LEFT, left);
	pdf_text(d->pdf, d->x + d->w * 0.55, HEAD_Y, d->w * 0.45, F_SMALL, PDF_RIGHT,
	         f->election->name);
	pdf_line(d->pdf, d->x, HEAD_Y + 12, d->x + d->w, HEAD_Y + 12, 0.5, 0.5);
	if (!f->draft)
		return BODY_Y;
	pdf_measure_as(d->pdf, d->w - 2 * PAD, F_TEXTB, PDF_CENTER, f->band, NULL, &h);
	pdf_fill(d->pdf, d->x, HEAD_Y + 16, d->w, h + 2 * VPAD, 0.85);
	pdf_text(d->pdf, d->x + PAD, HEAD_Y + 16 + VPAD, d->w - 2 * PAD, F_TEXTB, PDF_CENTER,
	         f->band);
	return HEAD_Y + 16 + h + 2 * VPAD + 12;
}

/* The footer: the file's hash code and the key's fingerprint, labelled, and the page. */
static void footer(struct pdf_doc *d, const struct pv_frame *f)
{
	const char *l2 = "Ondertekeningssleutel:";
	char l1[64], check[160], page[64];
	double w1, w2, lw, y = FOOT_Y + 4;

	snprintf(l1, sizeof l1, "Hashcode %s:", f->file);
	if (f->check != NULL)
		snprintf(check, sizeof check, "%s", f->check);
	else
		snprintf(check, sizeof check, "Deze hashcode moet gelijk zijn aan die van het bestand "
		         "(EML %s) bij dit proces-verbaal.", f->file);
	pdf_line(d->pdf, d->x, FOOT_Y, d->x + d->w, FOOT_Y, 0.6, 0.2);
	pdf_measure(d->pdf, 0, F_SMALLB, l1, &w1, NULL);
	pdf_measure(d->pdf, 0, F_SMALLB, l2, &w2, NULL);
	lw = (w1 > w2 ? w1 : w2) + 6;
	pdf_text(d->pdf, d->x, y + 0.5, lw, F_SMALLB, PDF_LEFT, l1);
	pdf_text(d->pdf, d->x + lw, y, d->w - lw, F_MONO, PDF_LEFT, f->hash_code);
	y += 11;
	pdf_text(d->pdf, d->x, y + 0.5, lw, F_SMALLB, PDF_LEFT, l2);
	pdf_text(d->pdf, d->x + lw, y, d->w - lw, F_MONO, PDF_LEFT, f->key_fingerprint);
	y += 13;
	pdf_text(d->pdf, d->x, y, d->w - PAGE_W, F_SMALL, PDF_LEFT, check);
	pdf_doc_page_label(d, page, sizeof page);
	pdf_text(d->pdf, d->x + d->w - PAGE_W, y - 1, PAGE_W, F_TEXTB, PDF_RIGHT, page);
}

/* What pv_doc_write hands the engine as its document's context. */
struct run {
	const struct pv_frame *f;
	int (*body)(struct pdf_doc *d, void *ctx);
	void *ctx;
};

static double frame(struct pdf_doc *d, void *ctx)
{
	const struct run *r = ctx;
	double top = header(d, r->f);

	footer(d, r->f);
	return top;
}

/* A draft's watermark goes over everything, unbroken by shaded cells. */
static void page_end(struct pdf_doc *d, void *ctx)
{
	const struct run *r = ctx;

	if (r->f->draft)
		pdf_watermark(d->pdf, "CONCEPT");
}

static int body(struct pdf_doc *d, void *ctx)
{
	const struct run *r = ctx;

	return r->body(d, r->ctx);
}

int pv_doc_write(const struct pv_frame *f, int (*lay_out)(struct pdf_doc *d, void *ctx),
                 void *ctx, char **bytes, size_t *len)
{
	struct run r = {f, lay_out, ctx};
	const struct pdf_doc_def def = {.body_end = BODY_END, .created = f->created,
	                                .style = &text_style, .frame = frame, .page_end = page_end,
	                                .body = body, .ctx = &r};

	if (f->draft && f->band == NULL)
		return -1;
	return pdf_doc_write(&def, bytes, len) == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The title                                                           */
/* ------------------------------------------------------------------ */

void pv_title(struct pdf_doc *d, const struct pv_frame *f, const char *what)
{
	const struct tally_election *e = f->election;
	char buf[TALLY_TEXT_MAX * 2 + 128];

	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TITLE, PDF_LEFT, what) + 2;
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_PLACE, PDF_LEFT, f->authority_name) + 2;
	snprintf(buf, sizeof buf, "%s " MIDDOT " naar model %s van de Kiesraad",
	         pv_word(f->committee, PV_TITLE), f->model);
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXT, PDF_LEFT, buf) + 14;
	snprintf(buf, sizeof buf, "%s (%s)", e->name, e->id);
	pdf_doc_field(d, f->label_w, "Verkiezing", buf);
	date_nl_long(e->date, buf, sizeof buf);
	pdf_doc_field(d, f->label_w, "Dag van de stemming", buf);
	if (f->authority_id != NULL && f->authority_id[0] != '\0')
		snprintf(buf, sizeof buf, "%s (gemeentecode %s)", f->authority_name, f->authority_id);
	else
		snprintf(buf, sizeof buf, "%s", f->authority_name);
	pdf_doc_field(d, f->label_w, "Gemeente", buf);
}

void pv_title_end(struct pdf_doc *d, const struct pv_frame *f, const char *draft_text,
                  const char *intro)
{
	char buf[128];
	double h;

	pdf_nl_datetime(f->created, buf, sizeof buf);
	pdf_doc_field(d, f->label_w, "Proces-verbaal opgemaakt", buf);
	d->y += 8;
	if (f->draft) {
		pdf_measure(d->pdf, d->w - 16, F_TEXT, draft_text, NULL, &h);
		pdf_fill(d->pdf, d->x, d->y, d->w, h + 28, 0.9);
		pdf_text(d->pdf, d->x + 8, d->y + 5, d->w - 16, F_H2, PDF_LEFT, "CONCEPT");
		pdf_text(d->pdf, d->x + 8, d->y + 21, d->w - 16, F_TEXT, PDF_LEFT, draft_text);
		d->y += h + 28 + 10;
	}
	pdf_doc_para(d, F_TEXT, intro);
}
