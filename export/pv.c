/*
 * The proces-verbaal of the count in the municipality, in the spirit of the
 * Kiesraad's model Na 31-2 (docs.h): A4 portrait, in Dutch. This file holds
 * the title and parts 1 and 2, and says what the frame of every page says
 * (the 510b's hash code in the footer, what a draft's band says); pv_lists.c
 * holds part 3. What every PV shares (the frame, the title's fields, the
 * session, the signatures) is pv_style.c's and pv_session.c's. The PDF engine
 * (pdf.h) flows it all over the pages, laying it out twice to count them.
 */
#include <stdio.h>
#include <string.h>

#include "export/docs.h"
#include "export/pdf.h"
#include "export/pv_internal.h"
#include "tally/count.h"

/* The figures of a station in the table: A-J, C only where the election has voter cards. */
#define NFIG 10

static size_t ndigits(long v)
{
	size_t n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* A station's figures in the order of the table; returns how many. */
static size_t figures(const struct tally_form *f, int voter_cards, long *out)
{
	size_t n = 0;

	out[n++] = f->poll_cards;
	out[n++] = f->proxy_certificates;
	if (voter_cards)
		out[n++] = f->voter_cards;
	out[n++] = f->admitted_voters;
	out[n++] = f->valid_votes;
	out[n++] = f->blank_votes;
	out[n++] = f->invalid_votes;
	out[n++] = f->votes_cast;
	out[n++] = f->more_ballots_counted;
	out[n++] = f->fewer_ballots_counted;
	return n;
}

/* ------------------------------------------------------------------ */
/* The parts of the document                                           */
/* ------------------------------------------------------------------ */

static void title(struct pv *v, const struct pv_frame *f)
{
	const struct eml_510b *c = v->c;
	struct pdf_doc *d = v->d;
	char buf[TALLY_TEXT_MAX * 2 + 128];

	pv_title(d, f, "Proces-verbaal van de uitslag van de stemming in de gemeente");
	if (c->contest_id[0] != '\0' && strcmp(c->contest_id, "geen") != 0) {
		snprintf(buf, sizeof buf, "%s%s%s", c->contest_id, c->contest_name[0] != '\0' ? " " : "",
		         c->contest_name);
		pdf_doc_field(d, f->label_w, "Kieskring", buf);
	}
	if (v->ndefinitive == c->nstations)
		snprintf(buf, sizeof buf, "%zu, alle definitief", c->nstations);
	else
		snprintf(buf, sizeof buf, "%zu, waarvan %zu definitief", c->nstations, v->ndefinitive);
	pdf_doc_field(d, f->label_w, "Stembureaus", buf);
	if (v->ndefinitive < c->nstations)
		snprintf(buf, sizeof buf, "Dit is een concept: nog niet alle stembureaus zijn "
		         "definitief (%zu van %zu). De totalen in dit concept tellen alleen de "
		         "definitieve stembureaus. Een concept wordt niet ondertekend.",
		         v->ndefinitive, c->nstations);
	else
		snprintf(buf, sizeof buf, "Dit is een concept: de telling is nog niet "
		         "afgesloten. Een concept wordt niet ondertekend.");
	pv_title_end(d, f, buf, "Het gemeentelijk stembureau heeft de uitkomsten van de "
	             "stembureaus in de gemeente opgeteld en stelt in dit proces-verbaal de uitkomst "
	             "van de stemming in de gemeente vast. Alle getallen zijn dezelfde als in het "
	             "bestand EML 510b dat bij dit proces-verbaal hoort; de hashcode van dat bestand "
	             "staat onderaan elke pagina.");
}

/* One row of part 1: a letter in a box, what it counts, the count. */
static void total_row(struct pv *v, const char *letter, const char *text, long value)
{
	const double lw = 20, nw = 90;
	struct pdf_doc *d = v->d;
	char b[24];
	double h, tw = d->w - lw - nw - 2 * PAD - 8;

	pdf_measure(d->pdf, tw, F_TEXT, text, NULL, &h);
	h += 2 * VPAD + 2;
	pdf_doc_need(d, h);
	pdf_fill(d->pdf, d->x, d->y + 1, lw, h - 2, 0.85);
	pdf_text(d->pdf, d->x, d->y + VPAD + 1, lw, F_TEXTB, PDF_CENTER, letter);
	pdf_text(d->pdf, d->x + lw + 8, d->y + VPAD + 1, tw, F_TEXT, PDF_LEFT, text);
	pdf_text(d->pdf, d->x + d->w - nw, d->y + VPAD + 1, nw - PAD, F_TEXTB, PDF_RIGHT,
	         pv_num(value, b, sizeof b));
	pdf_line(d->pdf, d->x + lw, d->y + h, d->x + d->w, d->y + h, 0.4, 0.7);
	d->y += h;
}

static void subheading(struct pv *v, const char *text, double keep)
{
	struct pdf_doc *d = v->d;
	double h;

	pdf_measure(d->pdf, d->w, F_TEXTB, text, NULL, &h);
	d->y += 6;
	pdf_doc_need(d, h + 3 + keep);
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXTB, PDF_LEFT, text) + 3;
}

static void totals(struct pv *v)
{
	const struct tally_form *t = v->c->total;

	pdf_doc_heading(v->d, "1. Aantallen kiezers en stemmen in de gemeente", 60);
	if (v->ndefinitive < v->c->nstations)
		pdf_doc_para(v->d, F_TEXTB, "Concept: alleen de definitieve stembureaus zijn meegeteld.");
	subheading(v, "Toegelaten kiezers", 60);
	total_row(v, "A", "Aantal geldige stempassen", t->poll_cards);
	total_row(v, "B", "Aantal geldige volmachtbewijzen (schriftelijk of via ingevulde "
	          "stempas)", t->proxy_certificates);
	if (v->voter_cards) {
		total_row(v, "C", "Aantal geldige kiezerspassen", t->voter_cards);
		total_row(v, "D", "Totaal aantal toegelaten kiezers (A + B + C)", t->admitted_voters);
	} else {
		total_row(v, "D", "Totaal aantal toegelaten kiezers (A + B)", t->admitted_voters);
	}
	subheading(v, "Uitgebrachte stemmen", 60);
	total_row(v, "E", "Totaal aantal stemmen op kandidaten (de lijsten samen, zie deel 3)",
	          t->valid_votes);
	total_row(v, "F", "Aantal blanco stembiljetten", t->blank_votes);
	total_row(v, "G", "Aantal ongeldige stembiljetten", t->invalid_votes);
	total_row(v, "H", "Totaal aantal getelde stembiljetten (E + F + G)", t->votes_cast);
	subheading(v, "Verschil tussen het aantal toegelaten kiezers en het aantal getelde "
	           "stembiljetten", 40);
	total_row(v, "I", "Aantal meer getelde stembiljetten (H is groter dan D)",
	          t->more_ballots_counted);
	total_row(v, "J", "Aantal minder getelde stembiljetten (H is kleiner dan D)",
	          t->fewer_ballots_counted);
	subheading(v, "Verklaringen voor het verschil", 60);
	total_row(v, "K", "Aantal keren dat een kiezer het stembiljet heeft meegenomen",
	          t->taken_home);
	total_row(v, "L", "Aantal keren dat er te weinig stembiljetten zijn uitgereikt",
	          t->too_few_issued);
	total_row(v, "M", "Aantal keren dat er te veel stembiljetten zijn uitgereikt",
	          t->too_many_issued);
	total_row(v, "N", "Aantal keren dat er geen verklaring is", t->no_explanation);
	total_row(v, "O", "Aantal keren dat er een andere verklaring is", t->other_explanation);
}

/* The widest count in each figure column (fig) and of the stations' numbers (*nr), in digits. */
static void widest(const struct pv *v, size_t *fig, size_t *nr)
{
	const struct eml_510b *c = v->c;
	long f[NFIG];
	size_t i, j, n;

	*nr = 1;
	for (i = 0; i <= c->nstations; i++) {
		const struct tally_form *form = i < c->nstations ? c->forms[i] : c->total;

		if (i < c->nstations && ndigits(c->stations[i].number < 0 ? 0 : c->stations[i].number) >
		    *nr)
			*nr = ndigits(c->stations[i].number);
		if (form == NULL)
			continue;
		n = figures(form, v->voter_cards, f);
		for (j = 0; j < n; j++)
			if (ndigits(f[j] < 0 ? 0 : f[j]) > fig[j])
				fig[j] = ndigits(f[j] < 0 ? 0 : f[j]);
	}
}

/*
 * The station table's columns: every figure column as wide as its widest
 * count (DejaVu's digits are all equally wide), the name column the rest. A
 * smaller font when the names would get too little room.
 */
static void station_table(struct pv *v, struct pdf_table *t)
{
	static const char *const fonts[][2] = {
		{"DejaVu Sans 8px", "DejaVu Sans Bold 8px"},
		{"DejaVu Sans 7px", "DejaVu Sans Bold 7px"},
		{"DejaVu Sans 6px", "DejaVu Sans Bold 6px"},
	};
	static const char *const letters[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};
	static const char zeros[] = "0000000000";
	struct pdf *p = v->d->pdf;
	size_t dig[NFIG] = {0}, nrdig, j, f, nfig = 0;
	double w, hw, used;

	widest(v, dig, &nrdig);
	t->style = &pv_grid;
	t->title = "2. Uitkomsten per stembureau";
	t->col[0] = (struct pdf_col){"Nr", 0, PDF_RIGHT, 0};
	t->col[1] = (struct pdf_col){"Stembureau", -1, PDF_LEFT, 0};
	for (j = 0; j < NFIG; j++)
		if (j != 2 || v->voter_cards)
			t->col[2 + nfig++] = (struct pdf_col){letters[j], 0, PDF_RIGHT, 1};
	t->ncol = 2 + nfig;
	for (f = 0; f < sizeof fonts / sizeof fonts[0]; f++) {
		t->font = fonts[f][0];
		t->bold = fonts[f][1];
		pdf_measure(p, 0, t->bold, "Nr", &hw, NULL);
		pdf_measure(p, 0, t->font, zeros + sizeof zeros - 1 - (nrdig > 9 ? 9 : nrdig), &w, NULL);
		t->col[0].w = (w > hw ? w : hw) + 2 * PAD + 2;
		used = t->col[0].w;
		for (j = 0; j < nfig; j++) {
			pdf_measure(p, 0, t->bold, zeros + sizeof zeros - 1 -
			            (dig[j] < 4 ? 4 : dig[j] > 10 ? 10 : dig[j]), &w, NULL);
			pdf_measure(p, 0, t->bold, t->col[2 + j].head, &hw, NULL);
			t->col[2 + j].w = (w > hw ? w : hw) + 2 * PAD + 2;
			used += t->col[2 + j].w;
		}
		if (v->d->w - used >= 110)
			break;
	}
}

/* One station (number >= 0), or the total (number < 0, label in name). */
static void station_row(struct pv *v, struct pdf_table *t, int number, const char *name,
                        const struct tally_form *f)
{
	struct pdf_cell cells[PDF_TABLE_MAXCOL];
	char b[NFIG + 1][24];
	long fig[NFIG];
	size_t j, n;

	cells[0] = (struct pdf_cell){number >= 0 ? pv_num(number, b[NFIG], sizeof b[NFIG]) : "", 0};
	cells[1] = (struct pdf_cell){name, 0};
	if (f == NULL) {
		cells[2] = (struct pdf_cell){"nog niet definitief",
		                             PDF_CELL_BOLD | PDF_CELL_CENTER | PDF_CELL_SHADE};
		for (j = 3; j < t->ncol; j++)
			cells[j] = (struct pdf_cell){NULL, 0};
	} else {
		n = figures(f, v->voter_cards, fig);
		for (j = 0; j < n && 2 + j < t->ncol; j++)
			cells[2 + j] = (struct pdf_cell){pv_num(fig[j], b[j], sizeof b[j]), 0};
	}
	if (number < 0)
		pdf_table_total(t, cells);
	else
		pdf_table_row(t, cells);
}

static void stations(struct pv *v)
{
	const struct eml_510b *c = v->c;
	struct pdf_doc *d = v->d;
	struct pdf_table t = {0};
	char legend[512];
	size_t i;

	station_table(v, &t);
	pdf_doc_heading(d, t.title, 80);
	snprintf(legend, sizeof legend,
	         "A geldige stempassen " MIDDOT " B geldige volmachtbewijzen " MIDDOT " %s"
	         "D toegelaten kiezers " MIDDOT " E stemmen op kandidaten " MIDDOT " F blanco " MIDDOT
	         " G ongeldig " MIDDOT " H getelde stembiljetten " MIDDOT " I meer getelde "
	         "stembiljetten " MIDDOT " J minder getelde stembiljetten",
	         v->voter_cards ? "C geldige kiezerspassen " MIDDOT " " : "");
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_SMALL, PDF_LEFT, legend) + 6;
	pdf_table_begin(d, &t);
	for (i = 0; i < c->nstations; i++)
		station_row(v, &t, c->stations[i].number, c->stations[i].name, c->forms[i]);
	station_row(v, &t, -1, v->ndefinitive < c->nstations ?
	            "Totaal (alleen definitieve stembureaus)" : "Totaal gemeente", c->total);
	pdf_table_end(&t);
}

/* What pv_write hands the engine: the document and its frame. */
struct na31 {
	struct pv v;
	struct pv_frame f;
};

/* Lays the body out, from the first page's top; 0, or -1 when memory runs out. */
static int body(struct pdf_doc *d, void *ctx)
{
	struct na31 *n = ctx;
	struct pv *v = &n->v;

	v->d = d;
	title(v, &n->f);
	pv_session(d, &n->f, 0, v->in->session);
	totals(v);
	stations(v);
	if (pv_lists(v) != 0)
		return -1;
	pv_accounts(d, v->in, 4);
	pv_audit_head(d, v->in->audit_head);
	pv_signatures(d, &n->f, 5);
	return 0;
}

int pv_write(const struct pv_input *in, char **bytes, size_t *len)
{
	struct na31 n = {0};
	struct pv *v = &n.v;
	char header[TALLY_TEXT_MAX + TALLY_ID_MAX + 16], band[160];
	size_t i;

	*bytes = NULL;
	*len = 0;
	if (in == NULL || in->count == NULL || in->count->election == NULL ||
	    in->count->total == NULL || in->hash_code == NULL || in->key_fingerprint == NULL ||
	    in->created == NULL || (in->count->nstations > 0 && in->count->forms == NULL))
		return -1;
	v->in = in;
	v->c = in->count;
	v->voter_cards = tally_category_has_voter_cards(v->c->election->category);
	for (i = 0; i < v->c->nstations; i++)
		v->ndefinitive += v->c->forms[i] != NULL;
	snprintf(header, sizeof header, "gemeente %s (%s)", v->c->authority_name,
	         v->c->authority_id);
	if (v->ndefinitive < v->c->nstations)
		snprintf(band, sizeof band, "CONCEPT: niet alle stembureaus zijn definitief "
		         "(%zu van %zu). Niet ondertekenen.", v->ndefinitive, v->c->nstations);
	else
		snprintf(band, sizeof band, "CONCEPT: de telling is nog niet afgesloten. "
		         "Niet ondertekenen.");
	n.f = (struct pv_frame){
		.model = "Na 31-2", .committee = PV_GSB, .header = header,
		.election = v->c->election, .authority_name = v->c->authority_name,
		.authority_id = v->c->authority_id, .file = "510b", .hash_code = in->hash_code,
		.key_fingerprint = in->key_fingerprint, .created = in->created, .label_w = 150, .sign_keep = 400,
		.draft = in->draft, .band = band,
	};
	return pv_doc_write(&n.f, body, &n, bytes, len);
}
