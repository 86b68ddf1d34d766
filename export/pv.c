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
#include "export/pv_internal.h"
#include "tally/count.h"

/* The figures of a station in the table: A-J, C only where the election has voter cards. */
#define NFIG 10

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
void pv_nl_date(const char *iso, char *out, size_t size)
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

	pv_nl_date(iso, day, sizeof day);
	if (strlen(iso) >= 19 && iso[10] == 'T' && digits_at(iso, 11, 2) && iso[13] == ':' &&
	    digits_at(iso, 14, 2) && iso[16] == ':' && digits_at(iso, 17, 2))
		snprintf(out, size, "%s om %.8s", day, iso + 11);
	else
		snprintf(out, size, "%s", day);
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
void pv_candidate_name(const struct tally_candidate *k, char *out, size_t size)
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
void pv_page_start(struct pv *v)
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
int pv_need(struct pv *v, double h)
{
	if (v->y + h <= BODY_END || v->y == v->top)
		return 0;
	pv_page_start(v);
	return 1;
}

/* A section's heading, kept on a page with keep points of what follows. */
void pv_heading(struct pv *v, const char *text, double keep)
{
	double h;

	if (v->y > v->top)
		v->y += 14;
	pdf_measure(v->pdf, W, F_H2, text, NULL, &h);
	pv_need(v, h + 6 + keep);
	v->y += pdf_text(v->pdf, X0, v->y, W, F_H2, PDF_LEFT, text);
	pdf_line(v->pdf, X0, v->y + 2, X0 + W, v->y + 2, 1.0, 0);
	v->y += 8;
}

/* A paragraph of running text. */
void pv_para(struct pv *v, const char *font, const char *text)
{
	double h;

	pdf_measure(v->pdf, W, font, text, NULL, &h);
	pv_need(v, h);
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
	pv_nl_date(e->date, rows[n++].value, sizeof rows[0].value);
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
	pv_para(v, F_TEXT, "Het gemeentelijk stembureau heeft de uitkomsten van de stembureaus in de "
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
	pv_need(v, h);
	pdf_fill(v->pdf, X0, v->y + 1, lw, h - 2, 0.85);
	pdf_text(v->pdf, X0, v->y + VPAD + 1, lw, F_TEXTB, PDF_CENTER, letter);
	pdf_text(v->pdf, X0 + lw + 8, v->y + VPAD + 1, W - lw - nw - 2 * PAD - 8, F_TEXT, PDF_LEFT,
	         text);
	pdf_text(v->pdf, X0 + W - nw, v->y + VPAD + 1, nw - PAD, F_TEXTB, PDF_RIGHT,
	         pv_num(value, b, sizeof b));
	pdf_line(v->pdf, X0 + lw, v->y + h, X0 + W, v->y + h, 0.4, 0.7);
	v->y += h;
}

static void subheading(struct pv *v, const char *text, double keep)
{
	double h;

	pdf_measure(v->pdf, W, F_TEXTB, text, NULL, &h);
	v->y += 6;
	pv_need(v, h + 3 + keep);
	v->y += pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT, text) + 3;
}

static void totals(struct pv *v)
{
	const struct tally_form *t = v->c->total;

	pv_heading(v, "1. Aantallen kiezers en stemmen in de gemeente", 60);
	if (v->ndefinitive < v->c->nstations)
		pv_para(v, F_TEXTB, "Concept: alleen de definitieve stembureaus zijn meegeteld.");
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
	if (pv_need(v, h + (number < 0 ? 2 : 0))) {
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
		         pv_num(number, b, sizeof b));
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
			         pv_num(fig[j], b, sizeof b));
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
	pv_heading(v, "2. Uitkomsten per stembureau", 80);
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

/* Lays the whole document out on v->pdf; 0, or -1 when memory runs out. */
static int layout(struct pv *v)
{
	pv_page_start(v);
	title(v);
	pv_session(v);
	totals(v);
	stations(v);
	if (pv_lists(v) != 0)
		return -1;
	pv_signatures(v);
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
