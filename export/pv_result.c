/*
 * The proces-verbaal of the central electoral committee, in the spirit of the
 * Kiesraad's model P 22-2 (pv_result.h): A4 portrait, in Dutch. This file
 * holds the frame of every page (the running header, a draft's band and
 * watermark, the footer with the 520's hash code and "pagina n van m"), the
 * title, the session, the votes, the quota and the full seats, the
 * signatures, and the checks of the input; the rest comes from
 * pv_result_seats.c, which uses nothing of this file. The PDF engine (pdf.h)
 * flows it over the pages, laying it out twice to count them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "export/pv_result_internal.h"

#define HEAD_Y      30.0                  /* the running header */
#define BODY_Y      60.0                  /* the body starts here (below a draft's band: lower) */
#define FOOT_Y      (PDF_A4_H - 64.0)     /* the rule above the footer */
#define BODY_END    (FOOT_Y - 10.0)       /* nothing of the body below this */
#define LABEL_W     170.0                 /* a field's label */
#define BLANK_W     220.0                 /* a line to fill in by hand */
#define BLANK_H     20.0
#define BLANK_MEMBERS 6                   /* lines for the members when none are known */
#define DIVIDE      "\xc3\xb7"            /* ÷ */

static const struct pdf_style style = {
	.text = F_TEXT, .bold = F_TEXTB, .heading = F_H2, .heading_before = 14,
	.heading_rule = 1.0, .heading_after = 8, .para_after = 4, .field_after = 3,
};

static const char *frac(struct tally_frac f, char *buf, size_t size)
{
	return tally_frac_text(f, buf, size);
}

/* ------------------------------------------------------------------ */
/* The frame of every page                                             */
/* ------------------------------------------------------------------ */

/* The running header, and a draft's band under it; returns where the body starts. */
static double header(struct pv_res *v)
{
	struct pdf_doc *d = v->d;
	const char *line = "CONCEPT: de telling is nog niet afgesloten; deze uitslag is voorlopig. "
	                   "Niet ondertekenen.";
	char left[TALLY_TEXT_MAX + 128];
	double h;

	snprintf(left, sizeof left, "Proces-verbaal P 22-2 " MIDDOT " centraal stembureau %s",
	         v->in->authority_name);
	pdf_text(d->pdf, d->x, HEAD_Y, d->w * 0.55, F_SMALL, PDF_LEFT, left);
	pdf_text(d->pdf, d->x + d->w * 0.55, HEAD_Y, d->w * 0.45, F_SMALL, PDF_RIGHT,
	         v->in->election->name);
	pdf_line(d->pdf, d->x, HEAD_Y + 12, d->x + d->w, HEAD_Y + 12, 0.5, 0.5);
	if (!v->in->draft)
		return BODY_Y;
	pdf_measure(d->pdf, d->w - 2 * PAD, F_TEXTB, line, NULL, &h);
	pdf_fill(d->pdf, d->x, HEAD_Y + 16, d->w, h + 2 * VPAD, 0.85);
	pdf_text(d->pdf, d->x + PAD, HEAD_Y + 16 + VPAD, d->w - 2 * PAD, F_TEXTB, PDF_CENTER, line);
	return HEAD_Y + 16 + h + 2 * VPAD + 12;
}

static void footer(struct pv_res *v)
{
	const char *l1 = "Hashcode 520:", *l2 = "Ondertekeningssleutel:";
	struct pdf_doc *d = v->d;
	char page[64];
	double w1, w2, lw, y = FOOT_Y + 4;

	pdf_line(d->pdf, d->x, FOOT_Y, d->x + d->w, FOOT_Y, 0.6, 0.2);
	pdf_measure(d->pdf, 0, F_SMALLB, l1, &w1, NULL);
	pdf_measure(d->pdf, 0, F_SMALLB, l2, &w2, NULL);
	lw = (w1 > w2 ? w1 : w2) + 6;
	pdf_text(d->pdf, d->x, y + 0.5, lw, F_SMALLB, PDF_LEFT, l1);
	pdf_text(d->pdf, d->x + lw, y, d->w - lw, F_MONO, PDF_LEFT, v->in->hash_code_520);
	y += 11;
	pdf_text(d->pdf, d->x, y + 0.5, lw, F_SMALLB, PDF_LEFT, l2);
	pdf_text(d->pdf, d->x + lw, y, d->w - lw, F_MONO, PDF_LEFT, v->in->key_fingerprint);
	y += 13;
	pdf_text(d->pdf, d->x, y, d->w - 110, F_SMALL, PDF_LEFT,
	         "Deze hashcode moet gelijk zijn aan die van het bestand (EML 520) bij dit "
	         "proces-verbaal.");
	pdf_doc_page_label(d, page, sizeof page);
	pdf_text(d->pdf, d->x + d->w - 110, y - 1, 110, F_TEXTB, PDF_RIGHT, page);
}

static double frame(struct pdf_doc *d, void *ctx)
{
	struct pv_res *v = ctx;
	double top;

	v->d = d;
	top = header(v);
	footer(v);
	return top;
}

/* A draft's watermark goes over everything, unbroken by shaded cells. */
static void page_end(struct pdf_doc *d, void *ctx)
{
	const struct pv_res *v = ctx;

	if (v->in->draft)
		pdf_watermark(d->pdf, "CONCEPT");
}

/* ------------------------------------------------------------------ */
/* Title and session                                                   */
/* ------------------------------------------------------------------ */

static void title(struct pv_res *v)
{
	const struct tally_election *e = v->in->election;
	struct pdf_doc *d = v->d;
	const char *code = v->in->authority_id;
	char buf[TALLY_TEXT_MAX * 2 + 128];
	double h;

	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TITLE, PDF_LEFT,
	                 "Proces-verbaal van de uitslag en de zetelverdeling") + 2;
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_PLACE, PDF_LEFT, v->in->authority_name) + 2;
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXT, PDF_LEFT,
	                 "Centraal stembureau " MIDDOT " naar model P 22-2 van de Kiesraad") + 14;
	snprintf(buf, sizeof buf, "%s (%s)", e->name, e->id);
	pdf_doc_field(d, LABEL_W, "Verkiezing", buf);
	date_nl_long(e->date, buf, sizeof buf);
	pdf_doc_field(d, LABEL_W, "Dag van de stemming", buf);
	if (code != NULL && code[0] != '\0')
		snprintf(buf, sizeof buf, "%s (gemeentecode %s)", v->in->authority_name, code);
	else
		snprintf(buf, sizeof buf, "%s", v->in->authority_name);
	pdf_doc_field(d, LABEL_W, "Gemeente", buf);
	snprintf(buf, sizeof buf, "%d", v->r->seats);
	pdf_doc_field(d, LABEL_W, "Te verdelen zetels", buf);
	pdf_nl_datetime(v->in->created, buf, sizeof buf);
	pdf_doc_field(d, LABEL_W, "Proces-verbaal opgemaakt", buf);
	d->y += 8;
	if (v->in->draft) {
		const char *t = "Dit is een concept: de telling is nog niet afgesloten, dus deze "
		                "uitslag is voorlopig. Een concept wordt niet ondertekend en niet "
		                "bekendgemaakt.";

		pdf_measure(d->pdf, d->w - 16, F_TEXT, t, NULL, &h);
		pdf_fill(d->pdf, d->x, d->y, d->w, h + 28, 0.9);
		pdf_text(d->pdf, d->x + 8, d->y + 5, d->w - 16, F_H2, PDF_LEFT, "CONCEPT");
		pdf_text(d->pdf, d->x + 8, d->y + 21, d->w - 16, F_TEXT, PDF_LEFT, t);
		d->y += h + 28 + 10;
	}
	pdf_doc_para(d, F_TEXT, "Het centraal stembureau stelt in een openbare zitting de uitslag "
	     "van de verkiezing vast: het aantal zetels van elke lijst en de gekozen kandidaten. "
	     "Dit proces-verbaal laat zien hoe: de kiesdeler, de volle zetels, elke restzetel en "
	     "hoe die is toegewezen, en de kandidaten die zijn gekozen. De getallen en namen zijn "
	     "dezelfde als in het bestand EML 520 bij dit proces-verbaal; de hashcode van dat "
	     "bestand staat onderaan elke pagina.");
}

static int known(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* A row of the session: its label, then the value, or a line to write it on. */
static void session_row(struct pv_res *v, const char *label, const char *value)
{
	struct pdf_doc *d = v->d;

	if (known(value)) {
		pdf_doc_field(d, LABEL_W, label, value);
		return;
	}
	pdf_doc_need(d, BLANK_H);
	pdf_text(d->pdf, d->x, d->y + BLANK_H - 12, LABEL_W, F_TEXT, PDF_LEFT, label);
	pdf_line(d->pdf, d->x + LABEL_W, d->y + BLANK_H - 2, d->x + LABEL_W + BLANK_W,
	         d->y + BLANK_H - 2, 0.5, 0);
	d->y += BLANK_H + 2;
}

static void session(struct pv_res *v)
{
	const struct pv_session *z = v->in->session;
	const char *place = z ? z->place : NULL, *start = z ? z->start_time : NULL;
	const char *end = z ? z->end_time : NULL;
	char date[64] = "", t1[32] = "", t2[32] = "", b[8];
	size_t i, nm = z != NULL && z->members != NULL ? z->nmembers : 0;

	if (z != NULL && known(z->date))
		date_nl_long(z->date, date, sizeof date);
	if (known(start))
		snprintf(t1, sizeof t1, "%.8s uur", start);
	if (known(end))
		snprintf(t2, sizeof t2, "%.8s uur", end);
	pv_result_heading(v, "Openbare zitting van het centraal stembureau", 110);
	if (!known(place) || date[0] == '\0' || t1[0] == '\0' || t2[0] == '\0' || nm == 0)
		pdf_doc_para(v->d, F_TEXT,
		             "Wat hieronder niet is ingevuld, vult de voorzitter met de hand in.");
	session_row(v, "Plaats", place);
	session_row(v, "Datum", date);
	session_row(v, "Aanvang", t1);
	session_row(v, "Einde", t2);
	for (i = 0; i < nm; i++)
		session_row(v, i == 0 ? "Aanwezige leden" : "", z->members[i]);
	for (i = 0; nm == 0 && i < BLANK_MEMBERS; i++) {
		snprintf(b, sizeof b, "%zu.", i + 1);
		session_row(v, i == 0 ? "Aanwezige leden" : "", NULL);
		pdf_text(v->d->pdf, v->d->x + LABEL_W - 20, v->d->y - 14, 18, F_TEXT, PDF_RIGHT, b);
	}
}

/* ------------------------------------------------------------------ */
/* Votes, quota, full seats                                            */
/* ------------------------------------------------------------------ */

static void votes(struct pv_res *v)
{
	const struct tally_form *f = v->in->count;
	struct pdf_table t = {&pv_plain, F_TEXT, F_TEXTB, "Stemmen per lijst", {
		{"Lijst", 40, PDF_RIGHT, 0}, {"", 5, PDF_LEFT, 0}, {"Naam van de lijst", -1, PDF_LEFT, 0},
		{"Stemmen", 90, PDF_RIGHT, 0}}, 4, NULL, {0}, 0};
	char nr[24], n[24];
	size_t i;

	pv_result_heading(v, "Stemmen per lijst", pdf_table_keep(v->d, &t, 3));
	pdf_table_begin(v->d, &t);
	for (i = 0; i < v->r->nlists; i++) {
		const struct pdf_cell c[] = {
			{pv_num(v->r->lists[i].number, nr, sizeof nr), 0}, {"", 0},
			{pv_result_list_name(v->names[i]), 0},
			{pv_num(v->r->lists[i].votes, n, sizeof n), PDF_CELL_BOLD},
		};

		pdf_table_row(&t, c);
	}
	{
		const struct pdf_cell c[] = {
			{"", 0}, {"", 0}, {"Totaal stemmen op kandidaten", 0},
			{pv_num((long)v->r->votes, n, sizeof n), 0},
		};

		pdf_table_total(&t, c);
	}
	pdf_table_end(&t);
	if (f == NULL)
		return;
	v->d->y += 8;
	pdf_doc_field(v->d, 250, "Blanco stembiljetten", pv_num(f->blank_votes, n, sizeof n));
	pdf_doc_field(v->d, 250, "Ongeldige stembiljetten", pv_num(f->invalid_votes, n, sizeof n));
	pdf_doc_field(v->d, 250, "Totaal getelde stembiljetten", pv_num(f->votes_cast, n, sizeof n));
}

static void quota(struct pv_res *v)
{
	const struct tally_result *r = v->r;
	struct pdf_table t = {&pv_plain, F_TEXT, F_TEXTB, NULL, {
		{"Stemmen op kandidaten", 120, PDF_RIGHT, 0}, {"", 30, PDF_CENTER, 0},
		{"Zetels", 60, PDF_RIGHT, 0}, {"", 30, PDF_CENTER, 0}, {"Kiesdeler", -1, PDF_LEFT, 0}},
		5, NULL, {0}, 0};
	char a[24], s[24], q[64], p[64], buf[512];

	pv_result_heading(v, "Kiesdeler en voorkeurdrempel", 120);
	pdf_doc_para(v->d, F_TEXT, "De kiesdeler is het aantal stemmen dat nodig is voor een zetel: "
	             "het totaal van de stemmen op kandidaten gedeeld door het aantal te verdelen "
	             "zetels (artikel P 5 Kieswet). Hij wordt niet afgerond; een breuk staat er "
	             "als breuk.");
	pdf_table_begin(v->d, &t);
	{
		const struct pdf_cell c[] = {
			{pv_num((long)r->votes, a, sizeof a), 0}, {DIVIDE, 0},
			{pv_num(r->seats, s, sizeof s), 0}, {"=", 0},
			{frac(r->quota, q, sizeof q), PDF_CELL_BOLD},
		};

		pdf_table_row(&t, c);
	}
	pdf_table_end(&t);
	v->d->y += 8;
	pdf_doc_field(v->d, LABEL_W + 60, "Kiesdeler", q);
	snprintf(buf, sizeof buf, "Voorkeurdrempel (%d%% van de kiesdeler)", r->preference_percent);
	pdf_doc_field(v->d, LABEL_W + 60, buf, frac(r->preference_threshold, p, sizeof p));
	if (v->small)
		pdf_doc_field(v->d, LABEL_W + 60, "Drie vierde van de kiesdeler",
		              frac(r->remainder_threshold, p, sizeof p));
	snprintf(buf, sizeof buf, "Bij %s zetels is de voorkeurdrempel %d%% van de kiesdeler "
	         "(artikel P 15 Kieswet). Een kandidaat met meer stemmen dan de voorkeurdrempel is "
	         "met voorkeurstemmen gekozen, zolang zijn lijst daarvoor zetels heeft.%s",
	         v->small ? "minder dan 19" : "19 of meer", r->preference_percent,
	         v->small ? " Alleen een lijst met ten minste drie vierde van de kiesdeler kan een "
	         "restzetel krijgen naar het grootste overschot (artikel P 8 Kieswet)." : "");
	v->d->y += 4;
	pdf_doc_para(v->d, F_TEXT, buf);
}

static void full_seats(struct pv_res *v)
{
	const struct tally_result *r = v->r;
	struct pdf_table t = {&pv_plain, F_TEXT, F_TEXTB, "Volle zetels per lijst", {
		{"Lijst", 34, PDF_RIGHT, 0}, {"Naam van de lijst", -1, PDF_LEFT, 0},
		{"Stemmen", 58, PDF_RIGHT, 0}, {"Volle zetels", 52, PDF_RIGHT, 0},
		{"Overschot", 70, PDF_RIGHT, 0}, {"Ten minste 3/4 kiesdeler", 70, PDF_CENTER, 1}},
		6, NULL, {0}, 0};
	char nr[24], n[24], fs[24], rem[64], q[64], buf[256];
	size_t i;

	t.ncol = v->small ? 6 : 4;  /* from 19 seats no remainder counts (P 7): averages only */
	pv_result_heading(v, "Volle zetels", 40 + pdf_table_keep(v->d, &t, 3));
	snprintf(buf, sizeof buf, "Elke lijst krijgt zoveel volle zetels als de kiesdeler (%s) geheel "
	         "in haar stemmen past (artikel P 6 Kieswet).%s", frac(r->quota, q, sizeof q),
	         v->small ? " Wat zij daarna overhoudt, is haar overschot." : "");
	pdf_doc_para(v->d, F_TEXT, buf);
	pdf_table_begin(v->d, &t);
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *l = &r->lists[i];
		const struct pdf_cell c[] = {
			{pv_num(l->number, nr, sizeof nr), 0}, {pv_result_list_name(v->names[i]), 0},
			{pv_num(l->votes, n, sizeof n), 0},
			{pv_num(l->quotient_seats, fs, sizeof fs), PDF_CELL_BOLD},
			{frac(l->remainder, rem, sizeof rem), 0},
			{l->remainder_qualifies ? "ja" : "nee", 0},
		};

		pdf_table_row(&t, c);
	}
	{
		const struct pdf_cell c[] = {
			{"", 0}, {"Totaal", 0}, {pv_num((long)r->votes, n, sizeof n), 0},
			{pv_num(r->full_seats, fs, sizeof fs), 0}, {"", 0}, {"", 0},
		};

		pdf_table_total(&t, c);
	}
	pdf_table_end(&t);
	v->d->y += 8;
	pdf_doc_field(v->d, LABEL_W, "Te verdelen zetels", pv_num(r->seats, n, sizeof n));
	pdf_doc_field(v->d, LABEL_W, "Volle zetels", pv_num(r->full_seats, n, sizeof n));
	pdf_doc_field(v->d, LABEL_W, "Restzetels", pv_num(r->residual_seats, n, sizeof n));
}

/* ------------------------------------------------------------------ */
/* The signatures                                                      */
/* ------------------------------------------------------------------ */

/* A labelled line to write on by hand, from x, w wide. */
static void hand_line(struct pdf_doc *d, double x, double w, const char *label)
{
	pdf_line(d->pdf, x, d->y, x + w, d->y, 0.6, 0);
	pdf_text(d->pdf, x, d->y + 2, w, F_SMALL, PDF_LEFT, label);
}

/* The committee's signatures (or, in a draft, that there are none). */
static void signatures(struct pv_res *v)
{
	struct pdf_doc *d = v->d;
	const double x0 = d->x, w = d->w, nx = x0 + 70, nwid = 200, sx = x0 + 290, swid = w - 290;
	char b[16];
	int i;

	pv_result_heading(v, "Ondertekening door het centraal stembureau", 430);
	pdf_doc_para(d, F_TEXT, "Bezwaren en bijzonderheden tijdens de zitting (met de hand in te "
	     "vullen; geen: doorhalen):");
	for (i = 0; i < 4; i++) {
		d->y += 20;
		pdf_line(d->pdf, x0, d->y, x0 + w, d->y, 0.4, 0.5);
	}
	d->y += 16;
	pdf_doc_para(d, F_TEXT, v->in->draft ?
	     "CONCEPT: deze uitslag is nog niet vastgesteld en dit proces-verbaal wordt niet "
	     "ondertekend." :
	     "Aldus vastgesteld in de openbare zitting van het centraal stembureau en ondertekend "
	     "door de voorzitter en de leden.");
	d->y += 26;
	hand_line(d, x0, 220, "plaats");
	hand_line(d, x0 + 260, 120, "datum");
	hand_line(d, x0 + 410, w - 410, "tijd");
	d->y += 24;
	pdf_text(d->pdf, x0, d->y, w, F_TEXTB, PDF_LEFT, "Voorzitter");
	d->y += 32;
	hand_line(d, nx, nwid, "naam");
	hand_line(d, sx, swid, "handtekening");
	d->y += 24;
	pdf_text(d->pdf, x0, d->y, w, F_TEXTB, PDF_LEFT, "Leden");
	for (i = 1; i <= 4; i++) {
		d->y += 32;
		snprintf(b, sizeof b, "%d.", i);
		pdf_text(d->pdf, x0 + 40, d->y - 12, 24, F_TEXT, PDF_LEFT, b);
		hand_line(d, nx, nwid, "naam");
		hand_line(d, sx, swid, "handtekening");
	}
	d->y += 16;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */
/* ------------------------------------------------------------------ */

static int body(struct pdf_doc *d, void *ctx)
{
	struct pv_res *v = ctx;

	v->d = d;
	v->section = 0;
	title(v);
	session(v);
	votes(v);
	quota(v);
	full_seats(v);
	if (pv_result_residual(v) != 0)
		return -1;
	pv_result_majority(v);
	pv_result_exhaustion(v);
	pv_result_lots(v);
	pv_result_seats(v);
	pv_result_deceased(v);
	pv_result_elected(v);
	signatures(v);
	return 0;
}

/* "9f86 d081 ... 0a08": 16 groups of 4 hex digits, one space between. */
static int hash_code_ok(const char *s)
{
	size_t i;

	if (strlen(s) != 16 * 5 - 1)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (i % 5 == 4 ? s[i] != ' ' : !isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Whether the result and its basis agree and every name is there; fills v->names. */
static int consistent(struct pv_res *v)
{
	const struct pv_result_input *in = v->in;
	const struct tally_result *r = in->result;
	const struct tally_result_in *b = in->basis;
	int64_t sum = 0;
	size_t i, j, k;

	/* a complete result, of this basis, for this election */
	if (!r->allocated || r->lot_pending || r->lots_used != b->nlots || r->nlists == 0 ||
	    r->nlists != b->nlists || r->seats != b->seats || r->seats != in->election->seats ||
	    r->lists == NULL || b->lists == NULL || r->empty_seats < 0 ||
	    r->empty_seats > r->seats || (r->nsteps > 0 && r->steps == NULL) ||
	    (b->nlots > 0 && b->lots == NULL) || r->quota.den <= 0)
		return -1;
	for (k = 0; k < r->nsteps; k++)
		if (r->steps[k].by_lot && r->steps[k].lot >= b->nlots)
			return -1;
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *l = &r->lists[i];
		const struct tally_result_list_in *bl = &b->lists[i];

		if (l->number != bl->number || l->votes != bl->votes || !l->nominated ||
		    (bl->ncandidates > 0 && bl->candidates == NULL) ||
		    (l->nelected > 0 && l->elected == NULL) || (l->nranking > 0 && l->ranking == NULL))
			return -1;
		sum += bl->votes;
		for (j = 0; j < in->nlists && in->lists[j].number != l->number; j++)
			;
		if (j == in->nlists ||
		    (in->lists[j].ncandidates > 0 && in->lists[j].candidates == NULL))
			return -1;
		v->names[i] = &in->lists[j];
		for (j = 0; j < bl->ncandidates; j++)
			if (pv_result_candidate(v, i, bl->candidates[j].position) == NULL)
				return -1;
		for (k = 0; k < l->nelected; k++)
			if (pv_result_votes(v, i, l->elected[k]) == NULL)
				return -1;
		for (k = 0; k < l->nranking; k++)
			if (pv_result_votes(v, i, l->ranking[k]) == NULL)
				return -1;
	}
	if (sum != r->votes || (in->count != NULL && in->count->valid_votes != r->votes))
		return -1;
	return 0;
}

int pv_result_write(const struct pv_result_input *in, char **bytes, size_t *len)
{
	struct pv_res v = {0};
	struct pdf_doc_def def = {.body_end = BODY_END, .style = &style, .frame = frame,
	                          .page_end = page_end, .body = body, .ctx = &v};
	int rc = -1;

	if (bytes == NULL || len == NULL)
		return -1;
	*bytes = NULL;
	*len = 0;
	if (in == NULL || in->election == NULL || in->authority_name == NULL || in->lists == NULL ||
	    in->nlists == 0 || in->basis == NULL || in->result == NULL ||
	    in->hash_code_520 == NULL || in->key_fingerprint == NULL || in->created == NULL ||
	    !hash_code_ok(in->hash_code_520))
		return -1;
	v.in = in;
	v.r = in->result;
	v.b = in->basis;
	v.small = v.r->seats < TALLY_RESULT_LARGE_COUNCIL;
	if (v.r->nlists == 0 || (v.names = calloc(v.r->nlists, sizeof *v.names)) == NULL)
		return -1;
	if (consistent(&v) == 0) {
		def.created = in->created;
		rc = pdf_doc_write(&def, bytes, len) == 0 ? 0 : -1;
	}
	free(v.names);
	return rc;
}
