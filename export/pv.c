/*
 * The proces-verbaal of the count in the municipality, in the spirit of the
 * Kiesraad's model Na 31-2 (docs.h): A4 portrait, in Dutch. The document is
 * laid out twice: first on a dry PDF that only measures, to count the pages
 * for "pagina n van m" in the footer, then for real. Both passes make the
 * same decisions, because they measure the same text on the same kind of
 * surface.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/docs.h"
#include "export/pdf.h"
#include "tally/count.h"

#define X0          PDF_MARGIN
#define W           (PDF_A4_W - 2 * PDF_MARGIN)
#define HEAD_Y      30.0                  /* the running header */
#define BODY_Y      60.0                  /* the body starts here (below a draft line: lower) */
#define FOOT_Y      (PDF_A4_H - 64.0)     /* the rule above the footer */
#define BODY_END    (FOOT_Y - 10.0)       /* nothing of the body below this */
#define PAD         3.0                   /* inside a table cell, left and right */
#define VPAD        2.0                   /* inside a table cell, above and below */

/* Sizes in "px": pango's points assume 96 dpi, px are the PDF's own points. */
#define F_TITLE     "DejaVu Sans Bold 13px"
#define F_PLACE     "DejaVu Sans Bold 20px"
#define F_H2        "DejaVu Sans Bold 11.5px"
#define F_TEXT      "DejaVu Sans 9px"
#define F_TEXTB     "DejaVu Sans Bold 9px"
#define F_SMALL     "DejaVu Sans 7px"
#define F_SMALLB    "DejaVu Sans Bold 7px"
#define F_MONO      "DejaVu Sans Mono 8px"
#define F_CELL      "DejaVu Sans 8px"
#define F_CELLS     "DejaVu Sans 7px"     /* a name too long for F_CELL */

/* The figures of a station in the table: A-J, C only where the election has voter cards. */
#define NFIG 10

struct pv {
	struct pdf *pdf;
	const struct pv_input *in;
	const struct eml_510b *c;
	int voter_cards;       /* the form has C */
	int page;              /* the page being drawn, from 1 */
	int npages;            /* pages in all; 0 while counting them */
	double y;              /* where the next thing goes */
	double top;            /* where the body of this page starts */
	size_t ndefinitive;    /* stations with a definitive count */
};

/* The station table's columns, sized to the figures in it. */
struct table {
	const char *font, *fontb;
	size_t nfig;
	const char *letter[NFIG];
	double nr_w, name_w, fig_w[NFIG];
};

static const char *const months[] = {
	"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
	"september", "oktober", "november", "december",
};

static int digits_at(const char *s, size_t from, size_t n)
{
	size_t i;

	for (i = from; i < from + n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* "2022-03-16" as "16 maart 2022"; anything else as it is. */
static void nl_date(const char *iso, char *out, size_t size)
{
	int d, m;

	if (strlen(iso) >= 10 && digits_at(iso, 0, 4) && iso[4] == '-' && digits_at(iso, 5, 2) &&
	    iso[7] == '-' && digits_at(iso, 8, 2)) {
		m = (iso[5] - '0') * 10 + (iso[6] - '0');
		d = (iso[8] - '0') * 10 + (iso[9] - '0');
		if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
			snprintf(out, size, "%d %s %.4s", d, months[m - 1], iso);
			return;
		}
	}
	snprintf(out, size, "%s", iso);
}

/* "2022-03-17T01:32:49" as "17 maart 2022 om 01:32:49". */
static void nl_datetime(const char *iso, char *out, size_t size)
{
	char day[64];

	nl_date(iso, day, sizeof day);
	if (strlen(iso) >= 19 && iso[10] == 'T' && digits_at(iso, 11, 2) && iso[13] == ':' &&
	    digits_at(iso, 14, 2) && iso[16] == ':' && digits_at(iso, 17, 2))
		snprintf(out, size, "%s om %.8s", day, iso + 11);
	else
		snprintf(out, size, "%s", day);
}

/* A count as text; a field without a count (never in a definitive form) as "-". */
static const char *num(long v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%ld", v);
	return buf;
}

static size_t ndigits(long v)
{
	size_t n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* "Vaart, H. van der": how the Kiesraad's forms name a candidate. */
static void candidate_name(const struct tally_candidate *k, char *out, size_t size)
{
	const char *last = k->last_name[0] != '\0' ? k->last_name : k->first_name;
	int ini = k->initials[0] != '\0', pre = k->prefix[0] != '\0';

	snprintf(out, size, "%s%s%s%s%s", last, ini || pre ? ", " : "", k->initials,
	         ini && pre ? " " : "", k->prefix);
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
/* Pages                                                               */
/* ------------------------------------------------------------------ */

static void header(struct pv *v)
{
	const struct eml_510b *c = v->c;
	char left[TALLY_TEXT_MAX + 128], line[160];
	double h;

	snprintf(left, sizeof left, "Proces-verbaal Na 31-2 \xc2\xb7 gemeente %s (%s)",
	         c->authority_name, c->authority_id);
	pdf_text(v->pdf, X0, HEAD_Y, W * 0.55, F_SMALL, PDF_LEFT, left);
	pdf_text(v->pdf, X0 + W * 0.55, HEAD_Y, W * 0.45, F_SMALL, PDF_RIGHT, c->election->name);
	pdf_line(v->pdf, X0, HEAD_Y + 12, X0 + W, HEAD_Y + 12, 0.5, 0.5);
	v->top = BODY_Y;
	if (v->in->draft) {
		if (v->ndefinitive < c->nstations)
			snprintf(line, sizeof line, "CONCEPT: niet alle stembureaus zijn definitief "
			         "(%zu van %zu). Niet ondertekenen.", v->ndefinitive, c->nstations);
		else
			snprintf(line, sizeof line, "CONCEPT: de telling is nog niet afgesloten. "
			         "Niet ondertekenen.");
		pdf_measure(v->pdf, W - 2 * PAD, F_TEXTB, line, NULL, &h);
		pdf_fill(v->pdf, X0, HEAD_Y + 16, W, h + 2 * VPAD, 0.85);
		pdf_text(v->pdf, X0 + PAD, HEAD_Y + 16 + VPAD, W - 2 * PAD, F_TEXTB, PDF_CENTER, line);
		v->top = HEAD_Y + 16 + h + 2 * VPAD + 12;
	}
}

static void footer(struct pv *v)
{
	const char *l1 = "Hashcode 510b:", *l2 = "Ondertekeningssleutel:";
	char page[64];
	double w1, w2, lw, y = FOOT_Y + 4;

	pdf_line(v->pdf, X0, FOOT_Y, X0 + W, FOOT_Y, 0.6, 0.2);
	pdf_measure(v->pdf, 0, F_SMALLB, l1, &w1, NULL);
	pdf_measure(v->pdf, 0, F_SMALLB, l2, &w2, NULL);
	lw = (w1 > w2 ? w1 : w2) + 6;
	pdf_text(v->pdf, X0, y + 0.5, lw, F_SMALLB, PDF_LEFT, l1);
	pdf_text(v->pdf, X0 + lw, y, W - lw, F_MONO, PDF_LEFT, v->in->hash_code);
	y += 11;
	pdf_text(v->pdf, X0, y + 0.5, lw, F_SMALLB, PDF_LEFT, l2);
	pdf_text(v->pdf, X0 + lw, y, W - lw, F_MONO, PDF_LEFT, v->in->key_fingerprint);
	y += 13;
	pdf_text(v->pdf, X0, y, W - 110, F_SMALL, PDF_LEFT,
	         "Deze hashcode moet gelijk zijn aan die van het bestand (EML 510b) bij dit "
	         "proces-verbaal.");
	if (v->npages > 0)
		snprintf(page, sizeof page, "pagina %d van %d", v->page, v->npages);
	else
		snprintf(page, sizeof page, "pagina %d", v->page);
	pdf_text(v->pdf, X0 + W - 110, y - 1, 110, F_TEXTB, PDF_RIGHT, page);
}

/* Finishes a page: a draft's watermark goes over everything, unbroken by shaded cells. */
static void page_end(struct pv *v)
{
	if (v->in->draft)
		pdf_watermark(v->pdf, "CONCEPT");
}

/* Starts the next page (the first, when none is started yet). */
static void page_start(struct pv *v)
{
	if (v->page > 0) {
		page_end(v);
		pdf_page(v->pdf);
	}
	v->page++;
	header(v);
	footer(v);
	v->y = v->top;
}

/* Moves to a new page unless h points fit on this one; returns 1 when it did. */
static int need(struct pv *v, double h)
{
	if (v->y + h <= BODY_END || v->y == v->top)
		return 0;
	page_start(v);
	return 1;
}

/* A section's heading, kept on a page with keep points of what follows. */
static void heading(struct pv *v, const char *text, double keep)
{
	double h;

	if (v->y > v->top)
		v->y += 14;
	pdf_measure(v->pdf, W, F_H2, text, NULL, &h);
	need(v, h + 6 + keep);
	v->y += pdf_text(v->pdf, X0, v->y, W, F_H2, PDF_LEFT, text);
	pdf_line(v->pdf, X0, v->y + 2, X0 + W, v->y + 2, 1.0, 0);
	v->y += 8;
}

/* A paragraph of running text. */
static void para(struct pv *v, const char *font, const char *text)
{
	double h;

	pdf_measure(v->pdf, W, font, text, NULL, &h);
	need(v, h);
	v->y += pdf_text(v->pdf, X0, v->y, W, font, PDF_LEFT, text) + 4;
}

/* ------------------------------------------------------------------ */
/* The parts of the document                                           */
/* ------------------------------------------------------------------ */

static void title(struct pv *v)
{
	const struct eml_510b *c = v->c;
	const struct tally_election *e = c->election;
	char buf[TALLY_TEXT_MAX * 2 + 128];
	struct { const char *label; char value[TALLY_TEXT_MAX * 2 + 128]; } rows[6];
	size_t n = 0, i;
	double h, lw = 150;

	v->y += pdf_text(v->pdf, X0, v->y, W, F_TITLE, PDF_LEFT,
	                 "Proces-verbaal van de uitslag van de stemming in de gemeente") + 2;
	v->y += pdf_text(v->pdf, X0, v->y, W, F_PLACE, PDF_LEFT, c->authority_name) + 2;
	v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXT, PDF_LEFT,
	                 "Gemeentelijk stembureau \xc2\xb7 naar model Na 31-2 van de Kiesraad") + 14;

	rows[n].label = "Verkiezing";
	snprintf(rows[n++].value, sizeof rows[0].value, "%s (%s)", e->name, e->id);
	rows[n].label = "Dag van de stemming";
	nl_date(e->date, rows[n++].value, sizeof rows[0].value);
	rows[n].label = "Gemeente";
	snprintf(rows[n++].value, sizeof rows[0].value, "%s (gemeentecode %s)", c->authority_name,
	         c->authority_id);
	if (c->contest_id[0] != '\0' && strcmp(c->contest_id, "geen") != 0) {
		rows[n].label = "Kieskring";
		snprintf(rows[n++].value, sizeof rows[0].value, "%s%s%s", c->contest_id,
		         c->contest_name[0] != '\0' ? " " : "", c->contest_name);
	}
	rows[n].label = "Stembureaus";
	if (v->ndefinitive == c->nstations)
		snprintf(rows[n++].value, sizeof rows[0].value, "%zu, alle definitief", c->nstations);
	else
		snprintf(rows[n++].value, sizeof rows[0].value, "%zu, waarvan %zu definitief",
		         c->nstations, v->ndefinitive);
	rows[n].label = "Proces-verbaal opgemaakt";
	nl_datetime(v->in->created, rows[n++].value, sizeof rows[0].value);
	for (i = 0; i < n; i++) {
		pdf_text(v->pdf, X0, v->y, lw, F_TEXT, PDF_LEFT, rows[i].label);
		h = pdf_text(v->pdf, X0 + lw, v->y, W - lw, F_TEXTB, PDF_LEFT, rows[i].value);
		v->y += h + 3;
	}
	v->y += 8;

	if (v->in->draft) {
		if (v->ndefinitive < c->nstations)
			snprintf(buf, sizeof buf, "Dit is een concept: nog niet alle stembureaus zijn "
			         "definitief (%zu van %zu). De totalen in dit concept tellen alleen de "
			         "definitieve stembureaus. Een concept wordt niet ondertekend.",
			         v->ndefinitive, c->nstations);
		else
			snprintf(buf, sizeof buf, "Dit is een concept: de telling is nog niet "
			         "afgesloten. Een concept wordt niet ondertekend.");
		pdf_measure(v->pdf, W - 16, F_TEXT, buf, NULL, &h);
		pdf_fill(v->pdf, X0, v->y, W, h + 28, 0.9);
		pdf_text(v->pdf, X0 + 8, v->y + 5, W - 16, F_H2, PDF_LEFT, "CONCEPT");
		pdf_text(v->pdf, X0 + 8, v->y + 21, W - 16, F_TEXT, PDF_LEFT, buf);
		v->y += h + 28 + 10;
	}
	para(v, F_TEXT, "Het gemeentelijk stembureau heeft de uitkomsten van de stembureaus in de "
	     "gemeente opgeteld en stelt in dit proces-verbaal de uitkomst van de stemming in de "
	     "gemeente vast. Alle getallen zijn dezelfde als in het bestand EML 510b dat bij dit "
	     "proces-verbaal hoort; de hashcode van dat bestand staat onderaan elke pagina.");
}

/* One row of part 1: a letter in a box, what it counts, the count. */
static void total_row(struct pv *v, const char *letter, const char *text, long value)
{
	const double lw = 20, nw = 90;
	char b[24];
	double h;

	pdf_measure(v->pdf, W - lw - nw - 2 * PAD - 8, F_TEXT, text, NULL, &h);
	h += 2 * VPAD + 2;
	need(v, h);
	pdf_fill(v->pdf, X0, v->y + 1, lw, h - 2, 0.85);
	pdf_text(v->pdf, X0, v->y + VPAD + 1, lw, F_TEXTB, PDF_CENTER, letter);
	pdf_text(v->pdf, X0 + lw + 8, v->y + VPAD + 1, W - lw - nw - 2 * PAD - 8, F_TEXT, PDF_LEFT,
	         text);
	pdf_text(v->pdf, X0 + W - nw, v->y + VPAD + 1, nw - PAD, F_TEXTB, PDF_RIGHT,
	         num(value, b, sizeof b));
	pdf_line(v->pdf, X0 + lw, v->y + h, X0 + W, v->y + h, 0.4, 0.7);
	v->y += h;
}

static void subheading(struct pv *v, const char *text, double keep)
{
	double h;

	pdf_measure(v->pdf, W, F_TEXTB, text, NULL, &h);
	v->y += 6;
	need(v, h + 3 + keep);
	v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT, text) + 3;
}

static void totals(struct pv *v)
{
	const struct tally_form *t = v->c->total;

	heading(v, "1. Aantallen kiezers en stemmen in de gemeente", 60);
	if (v->ndefinitive < v->c->nstations)
		para(v, F_TEXTB, "Concept: alleen de definitieve stembureaus zijn meegeteld.");
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

/*
 * Sizes the station table: every figure column as wide as its widest count
 * (DejaVu's digits are all equally wide), the name column the rest. A smaller
 * font when the names would get too little room.
 */
static void table_size(struct pv *v, struct table *t)
{
	static const char *const fonts[][2] = {
		{"DejaVu Sans 8px", "DejaVu Sans Bold 8px"},
		{"DejaVu Sans 7px", "DejaVu Sans Bold 7px"},
		{"DejaVu Sans 6px", "DejaVu Sans Bold 6px"},
	};
	static const char zeros[] = "0000000000";
	const struct eml_510b *c = v->c;
	size_t dig[NFIG] = {0}, nrdig = 1, i, j, f, n;
	long fig[NFIG];
	double w, used;

	t->nfig = 0;
	t->letter[t->nfig++] = "A";
	t->letter[t->nfig++] = "B";
	if (v->voter_cards)
		t->letter[t->nfig++] = "C";
	t->letter[t->nfig++] = "D";
	t->letter[t->nfig++] = "E";
	t->letter[t->nfig++] = "F";
	t->letter[t->nfig++] = "G";
	t->letter[t->nfig++] = "H";
	t->letter[t->nfig++] = "I";
	t->letter[t->nfig++] = "J";
	for (i = 0; i <= c->nstations; i++) {
		const struct tally_form *form = i < c->nstations ? c->forms[i] : c->total;

		if (i < c->nstations && ndigits(c->stations[i].number < 0 ? 0 : c->stations[i].number) >
		    nrdig)
			nrdig = ndigits(c->stations[i].number);
		if (form == NULL)
			continue;
		n = figures(form, v->voter_cards, fig);
		for (j = 0; j < n; j++)
			if (ndigits(fig[j] < 0 ? 0 : fig[j]) > dig[j])
				dig[j] = ndigits(fig[j] < 0 ? 0 : fig[j]);
	}
	for (f = 0; f < sizeof fonts / sizeof fonts[0]; f++) {
		t->font = fonts[f][0];
		t->fontb = fonts[f][1];
		pdf_measure(v->pdf, 0, t->fontb, "Nr", &t->nr_w, NULL);
		pdf_measure(v->pdf, 0, t->font, zeros + sizeof zeros - 1 - (nrdig > 9 ? 9 : nrdig), &w,
		            NULL);
		t->nr_w = (w > t->nr_w ? w : t->nr_w) + 2 * PAD + 2;
		used = t->nr_w;
		for (j = 0; j < t->nfig; j++) {
			double lw;

			pdf_measure(v->pdf, 0, t->fontb, zeros + sizeof zeros - 1 -
			            (dig[j] < 4 ? 4 : dig[j] > 10 ? 10 : dig[j]), &w, NULL);
			pdf_measure(v->pdf, 0, t->fontb, t->letter[j], &lw, NULL);
			t->fig_w[j] = (w > lw ? w : lw) + 2 * PAD + 2;
			used += t->fig_w[j];
		}
		t->name_w = W - used;
		if (t->name_w >= 110)
			break;
	}
}

/* Vertical rules between the columns of a station row at y, h high. */
static void table_rules(struct pv *v, const struct table *t, double y, double h)
{
	double x = X0 + t->nr_w;
	size_t j;

	pdf_line(v->pdf, x, y, x, y + h, 0.3, 0.6);
	x += t->name_w;
	for (j = 0; j < t->nfig; j++) {
		pdf_line(v->pdf, x, y, x, y + h, 0.3, 0.6);
		x += t->fig_w[j];
	}
}

static void table_head(struct pv *v, const struct table *t)
{
	double h, x = X0 + t->nr_w + t->name_w;
	size_t j;

	pdf_measure(v->pdf, 0, t->fontb, "Nr", NULL, &h);
	h += 2 * VPAD + 2;
	pdf_fill(v->pdf, X0, v->y, W, h, 0.82);
	pdf_text(v->pdf, X0 + PAD, v->y + VPAD + 1, t->nr_w - 2 * PAD, t->fontb, PDF_RIGHT, "Nr");
	pdf_text(v->pdf, X0 + t->nr_w + PAD, v->y + VPAD + 1, t->name_w - 2 * PAD, t->fontb,
	         PDF_LEFT, "Stembureau");
	for (j = 0; j < t->nfig; j++) {
		pdf_text(v->pdf, x, v->y + VPAD + 1, t->fig_w[j], t->fontb, PDF_CENTER, t->letter[j]);
		x += t->fig_w[j];
	}
	table_rules(v, t, v->y, h);
	v->y += h;
}

/* One station (number >= 0), or the total (number < 0, label in name). */
static void table_row(struct pv *v, const struct table *t, int number, const char *name,
                      const struct tally_form *f, int shade)
{
	const char *font = number < 0 ? t->fontb : t->font;
	char b[24];
	long fig[NFIG];
	double h, x = X0 + t->nr_w + t->name_w;
	size_t j, n;

	pdf_measure(v->pdf, t->name_w - 2 * PAD, font, name, NULL, &h);
	h += 2 * VPAD + 1;
	if (need(v, h + (number < 0 ? 2 : 0))) {
		v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT,
		                 "2. Uitkomsten per stembureau (vervolg)") + 4;
		table_head(v, t);
	}
	if (number < 0) {
		pdf_line(v->pdf, X0, v->y + 0.5, X0 + W, v->y + 0.5, 1.2, 0);
		v->y += 2;
		pdf_fill(v->pdf, X0, v->y, W, h, 0.88);
	} else if (shade) {
		pdf_fill(v->pdf, X0, v->y, W, h, 0.94);
	}
	if (number >= 0)
		pdf_text(v->pdf, X0 + PAD, v->y + VPAD, t->nr_w - 2 * PAD, font, PDF_RIGHT,
		         num(number, b, sizeof b));
	pdf_text(v->pdf, X0 + t->nr_w + PAD, v->y + VPAD, t->name_w - 2 * PAD, font, PDF_LEFT, name);
	if (f == NULL) {
		double rest = W - t->nr_w - t->name_w;

		pdf_fill(v->pdf, x, v->y, rest, h, 0.8);
		pdf_text(v->pdf, x + PAD, v->y + VPAD, rest - 2 * PAD, t->fontb, PDF_CENTER,
		         "nog niet definitief");
		pdf_line(v->pdf, x, v->y, x, v->y + h, 0.3, 0.6);
		pdf_line(v->pdf, X0 + t->nr_w, v->y, X0 + t->nr_w, v->y + h, 0.3, 0.6);
	} else {
		n = figures(f, v->voter_cards, fig);
		for (j = 0; j < n && j < t->nfig; j++) {
			pdf_text(v->pdf, x + PAD, v->y + VPAD, t->fig_w[j] - 2 * PAD, font, PDF_RIGHT,
			         num(fig[j], b, sizeof b));
			x += t->fig_w[j];
		}
		table_rules(v, t, v->y, h);
	}
	pdf_line(v->pdf, X0, v->y + h, X0 + W, v->y + h, 0.3, 0.7);
	v->y += h;
}

static void stations(struct pv *v)
{
	const struct eml_510b *c = v->c;
	struct table t;
	char legend[512];
	size_t i;

	table_size(v, &t);
	heading(v, "2. Uitkomsten per stembureau", 80);
	snprintf(legend, sizeof legend,
	         "A geldige stempassen \xc2\xb7 B geldige volmachtbewijzen \xc2\xb7 %s"
	         "D toegelaten kiezers \xc2\xb7 E stemmen op kandidaten \xc2\xb7 F blanco \xc2\xb7 "
	         "G ongeldig \xc2\xb7 H getelde stembiljetten \xc2\xb7 I meer getelde stembiljetten "
	         "\xc2\xb7 J minder getelde stembiljetten",
	         v->voter_cards ? "C geldige kiezerspassen \xc2\xb7 " : "");
	v->y += pdf_text(v->pdf, X0, v->y, W, F_SMALL, PDF_LEFT, legend) + 6;
	table_head(v, &t);
	for (i = 0; i < c->nstations; i++)
		table_row(v, &t, c->stations[i].number, c->stations[i].name, c->forms[i], i % 2 == 1);
	table_row(v, &t, -1, v->ndefinitive < c->nstations ?
	          "Totaal (alleen definitieve stembureaus)" : "Totaal gemeente", c->total, 0);
}

/* The summary of part 3: every list's number, name and total. */
static void list_summary(struct pv *v, size_t nlists)
{
	const struct eml_510b *c = v->c;
	const double nw = 40, vw = 90;
	char b[24];
	double h;
	size_t i;

	pdf_measure(v->pdf, 0, F_TEXTB, "Lijst", NULL, &h);
	h += 2 * VPAD + 1;
	need(v, 3 * h);
	pdf_fill(v->pdf, X0, v->y, W, h, 0.82);
	pdf_text(v->pdf, X0 + PAD, v->y + VPAD, nw - 2 * PAD, F_TEXTB, PDF_RIGHT, "Lijst");
	pdf_text(v->pdf, X0 + nw + 8, v->y + VPAD, W - nw - vw, F_TEXTB, PDF_LEFT, "Naam van de lijst");
	pdf_text(v->pdf, X0 + W - vw, v->y + VPAD, vw - PAD, F_TEXTB, PDF_RIGHT, "Stemmen");
	v->y += h;
	for (i = 0; i < nlists; i++) {
		const char *name = c->lists[i].name[0] != '\0' ? c->lists[i].name : "(blanco lijst)";
		double rh;

		pdf_measure(v->pdf, W - nw - vw - 8, F_TEXT, name, NULL, &rh);
		rh += 2 * VPAD + 1;
		need(v, rh);
		if (i % 2 == 1)
			pdf_fill(v->pdf, X0, v->y, W, rh, 0.94);
		pdf_text(v->pdf, X0 + PAD, v->y + VPAD, nw - 2 * PAD, F_TEXT, PDF_RIGHT,
		         num(c->lists[i].number, b, sizeof b));
		pdf_text(v->pdf, X0 + nw + 8, v->y + VPAD, W - nw - vw - 8, F_TEXT, PDF_LEFT, name);
		pdf_text(v->pdf, X0 + W - vw, v->y + VPAD, vw - PAD, F_TEXTB, PDF_RIGHT,
		         num(c->total->lists[i].total, b, sizeof b));
		pdf_line(v->pdf, X0, v->y + rh, X0 + W, v->y + rh, 0.3, 0.7);
		v->y += rh;
	}
	need(v, h + 2);
	pdf_line(v->pdf, X0, v->y + 0.5, X0 + W, v->y + 0.5, 1.2, 0);
	v->y += 2;
	pdf_fill(v->pdf, X0, v->y, W, h, 0.88);
	pdf_text(v->pdf, X0 + nw + 8, v->y + VPAD, W - nw - vw - 8, F_TEXTB, PDF_LEFT,
	         "Totaal stemmen op kandidaten (E)");
	pdf_text(v->pdf, X0 + W - vw, v->y + VPAD, vw - PAD, F_TEXTB, PDF_RIGHT,
	         num(c->total->valid_votes, b, sizeof b));
	v->y += h;
}

/* The candidates' two columns: position, name, votes. */
#define CGAP 16.0
#define CW   ((W - CGAP) / 2)
#define POSW 22.0
#define VOTW 42.0
#define NAMEW (CW - POSW - VOTW)
#define CVPAD 1.3     /* a little tighter than VPAD: two lists of 50 on a page */

/* Height of rows s ... s+r-1 (left) beside s+r ... s+2r-1 (right), of n candidates. */
static double chunk_height(const double *hs, size_t s, size_t r, size_t n)
{
	double sum = 0, a, b;
	size_t i;

	for (i = 0; i < r && s + i < n; i++) {
		a = hs[s + i];
		b = s + r + i < n ? hs[s + r + i] : 0;
		sum += (a > b ? a : b);
	}
	return sum;
}

/* The bar over a list's candidates, and their column heads; returns its height. */
static double list_bar(struct pv *v, const struct tally_list *l, long total, int cont, int draw)
{
	char title[TALLY_TEXT_MAX + 64], right[64], b[24];
	double h, sh, x;
	int k;

	snprintf(title, sizeof title, "Lijst %d \xc2\xb7 %s%s", l->number,
	         l->name[0] != '\0' ? l->name : "(blanco lijst)", cont ? " (vervolg)" : "");
	snprintf(right, sizeof right, "Totaal lijst %d: %s", l->number, num(total, b, sizeof b));
	pdf_measure(v->pdf, W - 150 - 2 * PAD, F_TEXTB, title, NULL, &h);
	h += 2 * VPAD + 2;
	pdf_measure(v->pdf, 0, F_SMALL, "Nr", NULL, &sh);
	sh += 2;
	if (!draw)
		return h + sh + 2;
	pdf_fill(v->pdf, X0, v->y, W, h, 0.82);
	pdf_text(v->pdf, X0 + PAD, v->y + VPAD + 1, W - 150 - 2 * PAD, F_TEXTB, PDF_LEFT, title);
	pdf_text(v->pdf, X0 + W - 150, v->y + VPAD + 1, 150 - PAD, F_TEXTB, PDF_RIGHT, right);
	v->y += h + 1;
	for (k = 0; k < 2; k++) {
		x = X0 + k * (CW + CGAP);
		pdf_text(v->pdf, x, v->y, POSW - PAD, F_SMALL, PDF_RIGHT, "Nr");
		pdf_text(v->pdf, x + POSW + PAD, v->y, NAMEW - 2 * PAD, F_SMALL, PDF_LEFT, "Kandidaat");
		pdf_text(v->pdf, x + POSW + NAMEW, v->y, VOTW - PAD, F_SMALL, PDF_RIGHT, "Stemmen");
	}
	v->y += sh;
	pdf_line(v->pdf, X0, v->y, X0 + W, v->y, 0.4, 0.5);
	v->y += 1;
	return h + sh + 2;
}

/* The font of a candidate's name: a size smaller when it would not fit on one line. */
static const char *name_font(struct pv *v, const char *name)
{
	double w;

	pdf_measure(v->pdf, 0, F_CELL, name, &w, NULL);
	return w <= NAMEW - 2 * PAD ? F_CELL : F_CELLS;
}

static void candidate_cell(struct pv *v, double x, double y, const struct tally_candidate *k,
                           int position, long votes)
{
	char name[TALLY_TEXT_MAX * 2 + 160], b[24];

	candidate_name(k, name, sizeof name);
	pdf_text(v->pdf, x, y + CVPAD, POSW - PAD, F_CELL, PDF_RIGHT, num(position, b, sizeof b));
	pdf_text(v->pdf, x + POSW + PAD, y + CVPAD, NAMEW - 2 * PAD, name_font(v, name), PDF_LEFT,
	         name);
	pdf_text(v->pdf, x + POSW + NAMEW, y + CVPAD, VOTW - PAD, F_CELL, PDF_RIGHT,
	         num(votes, b, sizeof b));
}

/* A list: its bar, then its candidates in two columns, split over pages if need be. */
static int list_block(struct pv *v, const struct tally_list *l, const struct tally_form_list *fl)
{
	char name[TALLY_TEXT_MAX * 2 + 160];
	size_t n = l->ncandidates < fl->ncandidates ? l->ncandidates : fl->ncandidates;
	size_t s = 0, r, rmax, i, best;
	double *hs = NULL, bar, avail, y0, rh, a, b, line;
	int cont = 0;

	if (n > 0 && (hs = calloc(n, sizeof *hs)) == NULL)
		return -1;
	pdf_measure(v->pdf, 0, F_CELL, "Nr", NULL, &line);
	for (i = 0; i < n; i++) {
		candidate_name(&l->candidates[i], name, sizeof name);
		pdf_measure(v->pdf, NAMEW - 2 * PAD, name_font(v, name), name, NULL, &hs[i]);
		if (hs[i] < line)
			hs[i] = line; /* a smaller font, the same row */
		hs[i] += 2 * CVPAD;
	}
	bar = list_bar(v, l, fl->total, 0, 0);
	v->y += v->y > v->top ? 10 : 0;
	for (;;) {
		rmax = (n - s + 1) / 2;
		avail = BODY_END - v->y - bar;
		for (best = 0, r = 1; r <= rmax; r++) {
			if (chunk_height(hs, s, r, n) > avail)
				break;
			best = r;
		}
		if (best < rmax && v->y > v->top &&
		    (best < 4 || (!cont && bar + chunk_height(hs, s, rmax, n) <= BODY_END - v->top))) {
			page_start(v); /* the list on one page, or at least a few rows of it here */
			continue;
		}
		if (best == 0 && rmax > 0)
			best = 1; /* a row taller than a page: draw it anyway */
		list_bar(v, l, fl->total, cont, 1);
		y0 = v->y;
		for (i = 0; i < best && s + i < n; i++) {
			a = hs[s + i];
			b = s + best + i < n ? hs[s + best + i] : 0;
			rh = a > b ? a : b;
			if (i % 2 == 1)
				pdf_fill(v->pdf, X0, v->y, W, rh, 0.94);
			candidate_cell(v, X0, v->y, &l->candidates[s + i], l->candidates[s + i].position,
			               fl->candidates[s + i]);
			if (s + best + i < n)
				candidate_cell(v, X0 + CW + CGAP, v->y, &l->candidates[s + best + i],
				               l->candidates[s + best + i].position,
				               fl->candidates[s + best + i]);
			v->y += rh;
		}
		pdf_line(v->pdf, X0 + CW + CGAP / 2, y0, X0 + CW + CGAP / 2, v->y, 0.4, 0.6);
		pdf_line(v->pdf, X0, v->y, X0 + W, v->y, 0.4, 0.5);
		s += 2 * best;
		if (s >= n)
			break;
		page_start(v);
		cont = 1;
	}
	free(hs);
	return 0;
}

static int lists(struct pv *v)
{
	const struct eml_510b *c = v->c;
	size_t n = c->nlists < c->total->nlists ? c->nlists : c->total->nlists, i;

	heading(v, "3. Stemmen per lijst en per kandidaat", 60);
	if (v->ndefinitive < v->c->nstations)
		para(v, F_TEXTB, "Concept: alleen de definitieve stembureaus zijn meegeteld.");
	list_summary(v, n);
	for (i = 0; i < n; i++)
		if (list_block(v, &c->lists[i], &c->total->lists[i]) != 0)
			return -1;
	return 0;
}

/* A labelled line to write on by hand, from x, w wide. */
static void hand_line(struct pv *v, double x, double w, const char *label)
{
	pdf_line(v->pdf, x, v->y, x + w, v->y, 0.6, 0);
	pdf_text(v->pdf, x, v->y + 2, w, F_SMALL, PDF_LEFT, label);
}

static void signatures(struct pv *v)
{
	const double nx = X0 + 70, nwid = 200, sx = X0 + 290, swid = W - 290;
	char b[16];
	int i;

	heading(v, "4. Ondertekening door het gemeentelijk stembureau", 400);
	para(v, F_TEXT, "Bijzonderheden en bezwaren (met de hand in te vullen; geen bijzonderheden: "
	     "doorhalen):");
	for (i = 0; i < 4; i++) {
		v->y += 20;
		pdf_line(v->pdf, X0, v->y, X0 + W, v->y, 0.4, 0.5);
	}
	v->y += 16;
	para(v, F_TEXT, v->in->draft ?
	     "CONCEPT: dit proces-verbaal is nog niet vastgesteld en wordt niet ondertekend." :
	     "Aldus vastgesteld en ondertekend door de voorzitter en de leden van het gemeentelijk "
	     "stembureau.");
	v->y += 26;
	hand_line(v, X0, 220, "plaats");
	hand_line(v, X0 + 260, 120, "datum");
	hand_line(v, X0 + 410, W - 410, "tijd");
	v->y += 24;
	pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT, "Voorzitter");
	v->y += 32;
	hand_line(v, nx, nwid, "naam");
	hand_line(v, sx, swid, "handtekening");
	v->y += 24;
	pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT, "Leden");
	for (i = 1; i <= 4; i++) {
		v->y += 32;
		snprintf(b, sizeof b, "%d.", i);
		pdf_text(v->pdf, X0 + 40, v->y - 12, 24, F_TEXT, PDF_LEFT, b);
		hand_line(v, nx, nwid, "naam");
		hand_line(v, sx, swid, "handtekening");
	}
	v->y += 16;
}

/* Lays the whole document out on v->pdf; 0, or -1 when memory runs out. */
static int layout(struct pv *v)
{
	page_start(v);
	title(v);
	totals(v);
	stations(v);
	if (lists(v) != 0)
		return -1;
	signatures(v);
	page_end(v);
	return 0;
}

int pv_write(const struct pv_input *in, char **bytes, size_t *len)
{
	struct pv v;
	int pages, rc = -1;
	size_t i;

	*bytes = NULL;
	*len = 0;
	if (in == NULL || in->count == NULL || in->count->election == NULL ||
	    in->count->total == NULL || in->hash_code == NULL || in->key_fingerprint == NULL ||
	    in->created == NULL || (in->count->nstations > 0 && in->count->forms == NULL))
		return -1;
	memset(&v, 0, sizeof v);
	v.in = in;
	v.c = in->count;
	v.voter_cards = tally_category_has_voter_cards(v.c->election->category);
	for (i = 0; i < v.c->nstations; i++)
		v.ndefinitive += v.c->forms[i] != NULL;

	/* First pass: count the pages. */
	if ((v.pdf = pdf_create_dry()) == NULL)
		return -1;
	rc = layout(&v);
	if (pdf_close(v.pdf) != 0 || rc != 0)
		return -1;
	pages = v.page;

	/* Second pass: the same layout, now drawn, with "pagina n van pages". */
	v.page = 0;
	v.npages = pages;
	if ((v.pdf = pdf_create_mem(in->created)) == NULL)
		return -1;
	rc = layout(&v);
	if (pdf_close_mem(v.pdf, bytes, len) != 0)
		return -1;
	if (rc != 0 || v.page != pages) {
		/* cannot happen: both passes measure alike; a wrong footer is worse than none */
		free(*bytes);
		*bytes = NULL;
		*len = 0;
		return -1;
	}
	return 0;
}
