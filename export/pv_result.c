/*
 * The proces-verbaal of the central electoral committee, in the spirit of the
 * Kiesraad's model P 22-2 (pv_result.h): A4 portrait, in Dutch. This file
 * holds the title, the votes, the quota and the full seats, and the checks of
 * the input, and says what the frame of every page says (the 520's hash code
 * in the footer, what a draft's band says); the rest comes from
 * pv_result_seats.c, which uses nothing of this file. What every PV shares
 * (the frame, the title's fields, the session, the signatures) is
 * pv_style.c's and pv_session.c's. The PDF engine (pdf.h) flows it over the
 * pages, laying it out twice to count them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/pv_result_internal.h"

#define LABEL_W     170.0                 /* a field's label */
#define DIVIDE      "\xc3\xb7"            /* ÷ */

static const char *frac(struct tally_frac f, char *buf, size_t size)
{
	return tally_frac_text(f, buf, size);
}

/* ------------------------------------------------------------------ */
/* The title                                                           */
/* ------------------------------------------------------------------ */

static void title(struct pv_res *v)
{
	struct pdf_doc *d = v->d;
	char buf[32];

	pv_title(d, &v->frame, "Proces-verbaal van de uitslag en de zetelverdeling");
	snprintf(buf, sizeof buf, "%d", v->r->seats);
	pdf_doc_field(d, LABEL_W, "Te verdelen zetels", buf);
	pv_title_end(d, &v->frame, "Dit is een concept: de telling is nog niet afgesloten, dus "
	             "deze uitslag is voorlopig. Een concept wordt niet ondertekend en niet "
	             "bekendgemaakt.", "Het centraal stembureau stelt in een openbare zitting de "
	             "uitslag van de verkiezing vast: het aantal zetels van elke lijst en de gekozen "
	             "kandidaten. Dit proces-verbaal laat zien hoe: de kiesdeler, de volle zetels, "
	             "elke restzetel en hoe die is toegewezen, en de kandidaten die zijn gekozen. De "
	             "getallen en namen zijn dezelfde als in het bestand EML 520 bij dit "
	             "proces-verbaal; de hashcode van dat bestand staat onderaan elke pagina.");
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
/* The document                                                        */
/* ------------------------------------------------------------------ */

static int body(struct pdf_doc *d, void *ctx)
{
	struct pv_res *v = ctx;

	v->d = d;
	v->section = 0;
	title(v);
	pv_session(d, &v->frame, ++v->section, v->in->session);
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
	pv_signatures(d, &v->frame, ++v->section);
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
	char header[TALLY_TEXT_MAX + 64];
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
	snprintf(header, sizeof header, "centraal stembureau %s", in->authority_name);
	v.frame = (struct pv_frame){
		.model = "P 22-2", .committee = PV_CSB, .header = header, .election = in->election,
		.authority_name = in->authority_name, .authority_id = in->authority_id,
		.file = "520", .hash_code = in->hash_code_520, .key_fingerprint = in->key_fingerprint,
		.created = in->created, .label_w = LABEL_W, .sign_keep = 430, .draft = in->draft,
		.band = "CONCEPT: de telling is nog niet afgesloten; deze uitslag is voorlopig. "
		        "Niet ondertekenen.",
	};
	if (v.r->nlists == 0 || (v.names = calloc(v.r->nlists, sizeof *v.names)) == NULL)
		return -1;
	if (consistent(&v) == 0)
		rc = pv_doc_write(&v.frame, body, &v, bytes, len);
	free(v.names);
	return rc;
}
