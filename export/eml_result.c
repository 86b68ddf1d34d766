/*
 * Writing the result of a municipal council election as the Kiesraad's
 * OSV2020 does: the 510d (the totals the central electoral committee used)
 * and the 520 (the lists that won seats and their elected candidates). The
 * form is the 510b's: the root, the head, the ElectionIdentifier, the
 * ContestIdentifier and each unit's counts are written by eml_out.c, as for
 * the 510b (export/eml_write.c). What each 520 element means, as OSV's own
 * source (EML520Helper) and the real GR2022 file show, is in
 * export/eml_result.h.
 */
#include <stdio.h>

#include "base/esc.h"
#include "export/eml_out.h"
#include "export/eml_result.h"

#define OSV_CSB "CSB"     /* OSV's AuthorityIdentifier Id for a central electoral committee */

/* The root and the head of a result file of kind; the Id "CSB" when in gives none. */
static void head(struct buf *o, const struct eml_result_in *in, const char *kind)
{
	const char *id = in->authority_id != NULL && in->authority_id[0] != '\0' ? in->authority_id
	                                                                        : OSV_CSB;

	eml_out_head(o, kind, id, in->authority_name, in->creation_time);
}

/* Hands the finished buffer over, or frees it when an append failed. */
static int finish(struct buf *o, char **bytes, size_t *len)
{
	*bytes = buf_take(o, len);
	if (*bytes == NULL) {
		*len = 0;
		return EML_RESULT_NOMEM;
	}
	return EML_RESULT_OK;
}

/* ------------------------------------------------------------------ */
/* 520                                                                 */
/* ------------------------------------------------------------------ */

static const struct tally_list *find_list(const struct eml_result_in *in, int number)
{
	size_t i;

	for (i = 0; i < in->nlists; i++)
		if (in->lists[i].number == number)
			return &in->lists[i];
	return NULL;
}

static const struct tally_candidate *find_candidate(const struct tally_list *l, int position)
{
	size_t i;

	for (i = 0; i < l->ncandidates; i++)
		if (l->candidates[i].position == position)
			return &l->candidates[i];
	return NULL;
}

/*
 * Whether r is a whole result whose every list with seats, elected candidate
 * and ranking fits the lists of in. Sets *won to the number of lists with seats.
 */
static int check_520(const struct eml_result_in *in, const struct tally_result *r, size_t *won)
{
	size_t i, k;

	*won = 0;
	if (!r->allocated || r->lot_pending)
		return EML_RESULT_INCOMPLETE;
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *rl = &r->lists[i];
		const struct tally_list *l;

		if (rl->seats <= 0)
			continue;
		if (!rl->nominated || rl->nelected != (size_t)rl->seats || rl->npreference > rl->nelected)
			return EML_RESULT_INCOMPLETE;
		if ((l = find_list(in, rl->number)) == NULL)
			return EML_RESULT_MISMATCH;
		for (k = 0; k < rl->nelected; k++) {
			/*
			 * The Id written is the place in the new ranking; the elected are
			 * its head (tally/result.h), which is checked rather than assumed.
			 */
			if (find_candidate(l, rl->elected[k]) == NULL || k >= rl->nranking ||
			    rl->ranking[k] != rl->elected[k])
				return EML_RESULT_MISMATCH;
		}
		(*won)++;
	}
	return *won > 0 ? EML_RESULT_OK : EML_RESULT_NO_SEATS;
}

/*
 * One elected candidate. OSV2020 writes NamePrefix even when empty (the real
 * file has <xnl:NamePrefix></xnl:NamePrefix>); the initials and the first name
 * likewise, so that every candidate has the same shape. Gender only when the
 * 230b gives it (an empty Gender is not valid).
 */
static void candidate(struct buf *o, const struct tally_candidate *c, size_t rank, int preference)
{
	buf_printf(o, "<Selection><Candidate><CandidateIdentifier Id=\"%zu\"></CandidateIdentifier>", rank);
	buf_puts(o, "<CandidateFullName><xnl:PersonName><xnl:NameLine NameType=\"Initials\">");
	esc_xml_text(o, c->initials);
	buf_puts(o, "</xnl:NameLine>");
	eml_out_text(o, "xnl:FirstName", c->first_name);
	eml_out_text(o, "xnl:NamePrefix", c->prefix);
	eml_out_text(o, "xnl:LastName", c->last_name);
	buf_puts(o, "</xnl:PersonName></CandidateFullName>");
	if (c->gender[0] != '\0')
		eml_out_text(o, "Gender", c->gender);
	buf_puts(o, "<QualifyingAddress><xal:Locality>");
	eml_out_text(o, "xal:LocalityName", c->locality);
	buf_puts(o, "</xal:Locality></QualifyingAddress></Candidate>");
	buf_printf(o, "<Ranking>%d</Ranking><Elected>yes</Elected></Selection>", preference ? 1 : 2);
}

int eml_write_520(const struct eml_result_in *in, char **bytes, size_t *len)
{
	const struct tally_result *r = in->result;
	struct buf o = {0};
	size_t i, k, won;
	int rc;

	*bytes = NULL;
	*len = 0;
	if (in->election == NULL || (in->lists == NULL && in->nlists > 0))
		return EML_RESULT_BAD_INPUT;
	if (r == NULL)
		return EML_RESULT_INCOMPLETE;
	if ((rc = check_520(in, r, &won)) != EML_RESULT_OK)
		return rc;
	head(&o, in, "520");
	buf_puts(&o, "<Result><Election>");
	eml_out_election(&o, in->election);
	buf_puts(&o, "<Contest>");
	eml_out_contest(&o, in->contest_id, in->contest_name);
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *rl = &r->lists[i];
		const struct tally_list *l;

		if (rl->seats <= 0)
			continue; /* OSV leaves a list without seats out */
		l = find_list(in, rl->number);
		buf_puts(&o, "<Selection>");
		buf_printf(&o, "<AffiliationIdentifier Id=\"%d\">", l->number);
		eml_out_text(&o, "RegisteredName", l->name);
		buf_puts(&o, "</AffiliationIdentifier><Elected>yes</Elected></Selection>");
		for (k = 0; k < rl->nelected; k++)
			candidate(&o, find_candidate(l, rl->elected[k]), k + 1, k < rl->npreference);
	}
	buf_puts(&o, "</Contest></Election></Result></EML>");
	return finish(&o, bytes, len);
}

/* ------------------------------------------------------------------ */
/* 510d                                                                */
/* ------------------------------------------------------------------ */

/* Whether form f has the shape of the election's lists (numbers, candidates, voter cards). */
static int fits(const struct eml_result_in *in, const struct tally_form *f)
{
	return tally_form_fits(f, in->lists, in->nlists,
	                       tally_category_has_voter_cards(in->election->category), NULL, 0) == 0;
}

int eml_write_510d(const struct eml_result_in *in, char **bytes, size_t *len)
{
	struct buf o = {0};
	long cast = 0;
	size_t i;

	*bytes = NULL;
	*len = 0;
	if (in->election == NULL || in->total == NULL || (in->lists == NULL && in->nlists > 0) ||
	    (in->units == NULL && in->nunits > 0))
		return EML_RESULT_BAD_INPUT;
	for (i = 0; i < in->nunits; i++)
		if (in->units[i].form == NULL || in->units[i].id == NULL)
			return EML_RESULT_BAD_INPUT;
	if (!fits(in, in->total))
		return EML_RESULT_MISMATCH;
	for (i = 0; i < in->nunits; i++) {
		if (!fits(in, in->units[i].form))
			return EML_RESULT_MISMATCH;
		if (in->units[i].electorate > 0)
			cast += in->units[i].electorate;
	}
	if (in->electorate > 0)
		cast = in->electorate;
	head(&o, in, "510d");
	eml_out_count_begin(&o, in->election, in->contest_id, in->contest_name);
	eml_out_total(&o, in->lists, in->nlists, in->total, cast);
	for (i = 0; i < in->nunits; i++) {
		const struct eml_result_unit *u = &in->units[i];

		eml_out_unit(&o, u->id, u->name, in->lists, in->nlists, u->form, u->electorate, NULL);
	}
	eml_out_count_end(&o);
	return finish(&o, bytes, len);
}

/* ------------------------------------------------------------------ */
/* Names and messages                                                  */
/* ------------------------------------------------------------------ */

void eml_520_name(const struct tally_election *e, char *out, size_t size)
{
	snprintf(out, size, "Resultaat_%s.eml.xml", e->id);
}

void eml_510d_name(const struct tally_election *e, const char *authority_name, char *out,
                   size_t size)
{
	const char *what = e->category == TALLY_CAT_AB ? "waterschap"
	                 : e->category == TALLY_CAT_PS ? "provincie" : NULL;
	char m[TALLY_TEXT_MAX];
	size_t i;

	if (what == NULL || authority_name == NULL || authority_name[0] == '\0') {
		snprintf(out, size, "Totaaltelling_%s.eml.xml", e->id);
		return;
	}
	snprintf(m, sizeof m, "%s", authority_name);
	for (i = 0; m[i] != '\0'; i++)
		if (m[i] == ' ' || m[i] == '/')
			m[i] = '_';
	snprintf(out, size, "Totaaltelling_%s_%s_%s.eml.xml", e->id, what, m);
}

const char *eml_result_strerror(int status)
{
	static const char *const msg[EML_RESULT__MAX] = {
		[EML_RESULT_OK] = "ok",
		[EML_RESULT_NOMEM] = "out of memory",
		[EML_RESULT_INCOMPLETE] = "the result is not complete (no result, a lot to draw, "
		                          "or a list with seats without its elected)",
		[EML_RESULT_MISMATCH] = "a list or candidate of the result or the counts is not "
		                        "among the election's lists",
		[EML_RESULT_NO_SEATS] = "no list won a seat",
		[EML_RESULT_BAD_INPUT] = "a required part of the input is missing",
	};

	return status >= 0 && status < EML_RESULT__MAX ? msg[status] : "unknown status";
}
