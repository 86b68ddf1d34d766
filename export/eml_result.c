/*
 * Writing the result of a municipal council election as the Kiesraad's
 * OSV2020 does: the 510d (the totals the central electoral committee used)
 * and the 520 (the lists that won seats and their elected candidates). The
 * form is the 510b's (export/eml_write.c): Canonical XML 1.0, one line, no XML
 * declaration, explicit end tags, c14n escaping through base/esc.h, the same
 * namespaces and ds:CanonicalizationMethod. What each 520 element means, as
 * OSV's own source (EML520Helper) and the real GR2022 file show, is in
 * export/eml_result.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "export/eml.h"
#include "export/eml_result.h"

#define OSV_CSB "CSB"     /* OSV's AuthorityIdentifier Id for a central electoral committee */
#define NO_CONTEST "geen" /* ContestIdentifier Id of an election without districts */

static const char *or_default(const char *s, const char *dflt)
{
	return s != NULL && s[0] != '\0' ? s : dflt;
}

/* <name>text</name>, the text escaped. */
static void tag_text(struct buf *o, const char *name, const char *text)
{
	buf_printf(o, "<%s>", name);
	esc_xml_text(o, text != NULL ? text : "");
	buf_printf(o, "</%s>", name);
}

/* <name Id="id">text</name>, both escaped. */
static void tag_id_text(struct buf *o, const char *name, const char *id, const char *text)
{
	buf_printf(o, "<%s Id=\"", name);
	esc_xml_attr(o, id);
	buf_puts(o, "\">");
	esc_xml_text(o, text != NULL ? text : "");
	buf_printf(o, "</%s>", name);
}

/*
 * The root and everything before the message's own element: TransactionId,
 * ManagingAuthority, kr:CreationDateTime, ds:CanonicalizationMethod.
 */
static void head(struct buf *o, const struct eml_result_in *in, const char *kind)
{
	buf_printf(o, "<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" "
	           "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
	           "xmlns:kr=\"http://www.kiesraad.nl/extensions\" "
	           "xmlns:xal=\"urn:oasis:names:tc:ciq:xsdschema:xAL:2.0\" "
	           "xmlns:xnl=\"urn:oasis:names:tc:ciq:xsdschema:xNL:2.0\" Id=\"%s\" SchemaVersion=\"5\">",
	           kind);
	buf_puts(o, "<TransactionId>1</TransactionId><ManagingAuthority>");
	tag_id_text(o, "AuthorityIdentifier", or_default(in->authority_id, OSV_CSB), in->authority_name);
	buf_puts(o, "<AuthorityAddress></AuthorityAddress></ManagingAuthority>");
	tag_text(o, "kr:CreationDateTime", in->creation_time);
	buf_puts(o, "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/"
	         "REC-xml-c14n-20010315#WithComments\"></ds:CanonicalizationMethod>");
}

static void election_identifier(struct buf *o, const struct tally_election *e)
{
	buf_puts(o, "<ElectionIdentifier Id=\"");
	esc_xml_attr(o, e->id);
	buf_puts(o, "\">");
	tag_text(o, "ElectionName", e->name);
	tag_text(o, "ElectionCategory", tally_category_name(e->category));
	tag_text(o, "kr:ElectionSubcategory", e->subcategory);
	if (e->domain_id[0] != '\0')
		tag_id_text(o, "kr:ElectionDomain", e->domain_id, e->domain_name);
	else if (e->domain_name[0] != '\0')
		tag_text(o, "kr:ElectionDomain", e->domain_name);
	tag_text(o, "kr:ElectionDate", e->date);
	buf_puts(o, "</ElectionIdentifier>");
}

static void contest_identifier(struct buf *o, const struct eml_result_in *in)
{
	buf_puts(o, "<ContestIdentifier Id=\"");
	esc_xml_attr(o, or_default(in->contest_id, NO_CONTEST));
	buf_puts(o, "\">");
	if (in->contest_name != NULL && in->contest_name[0] != '\0')
		tag_text(o, "ContestName", in->contest_name);
	buf_puts(o, "</ContestIdentifier>");
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
	tag_text(o, "xnl:FirstName", c->first_name);
	tag_text(o, "xnl:NamePrefix", c->prefix);
	tag_text(o, "xnl:LastName", c->last_name);
	buf_puts(o, "</xnl:PersonName></CandidateFullName>");
	if (c->gender[0] != '\0')
		tag_text(o, "Gender", c->gender);
	buf_puts(o, "<QualifyingAddress><xal:Locality>");
	tag_text(o, "xal:LocalityName", c->locality);
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
	election_identifier(&o, in->election);
	buf_puts(&o, "<Contest>");
	contest_identifier(&o, in);
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *rl = &r->lists[i];
		const struct tally_list *l;

		if (rl->seats <= 0)
			continue; /* OSV leaves a list without seats out */
		l = find_list(in, rl->number);
		buf_puts(&o, "<Selection>");
		buf_printf(&o, "<AffiliationIdentifier Id=\"%d\">", l->number);
		tag_text(&o, "RegisteredName", l->name);
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

/*
 * The counts of one unit, from the Selections to the last UncountedVotes:
 * exactly what eml_write_510b writes inside its TotalVotes. Its writer of a
 * unit is static in export/eml_write.c; until it is shared, the counts are
 * taken from the TotalVotes of a 510b written for this form alone (nothing of
 * the text can end that element early: '<' is escaped everywhere).
 */
static int unit_counts(struct buf *o, const struct eml_result_in *in, const struct tally_form *f,
                       long cast)
{
	struct eml_510b b = {
		.election = in->election, .authority_id = "", .authority_name = "",
		.contest_id = NO_CONTEST, .contest_name = "", .creation_time = "",
		.electorate = cast > 0 ? cast : 0, .lists = in->lists, .nlists = in->nlists,
		.total = f, .stations = NULL, .forms = NULL, .nstations = 0,
	};
	static const char open[] = "<TotalVotes>", close[] = "</TotalVotes>";
	char *bytes, *s, *e;
	size_t len;

	if (eml_write_510b(&b, &bytes, &len) != 0)
		return EML_RESULT_NOMEM;
	if ((s = strstr(bytes, open)) == NULL || (e = strstr(s, close)) == NULL) {
		free(bytes);
		return EML_RESULT_NOMEM; /* cannot happen: the 510b always has its TotalVotes */
	}
	s += sizeof open - 1;
	buf_put(o, s, (size_t)(e - s));
	free(bytes);
	return EML_RESULT_OK;
}

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
	int rc;

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
	buf_puts(&o, "<Count><EventIdentifier></EventIdentifier><Election>");
	election_identifier(&o, in->election);
	buf_puts(&o, "<Contests><Contest>");
	contest_identifier(&o, in);
	buf_puts(&o, "<TotalVotes>");
	if ((rc = unit_counts(&o, in, in->total, cast)) != EML_RESULT_OK)
		goto fail;
	buf_puts(&o, "</TotalVotes>");
	for (i = 0; i < in->nunits; i++) {
		const struct eml_result_unit *u = &in->units[i];

		buf_puts(&o, "<ReportingUnitVotes>");
		tag_id_text(&o, "ReportingUnitIdentifier", u->id, u->name);
		if ((rc = unit_counts(&o, in, u->form, u->electorate)) != EML_RESULT_OK)
			goto fail;
		buf_puts(&o, "</ReportingUnitVotes>");
	}
	buf_puts(&o, "</Contest></Contests></Election></Count></EML>");
	return finish(&o, bytes, len);
fail:
	buf_free(&o);
	return rc;
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
