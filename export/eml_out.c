/*
 * What the EML writers share (eml_out.h): the elements every file of a count
 * or a result has, written once, so that the 510b, the 510d and the 520 agree
 * to the byte. Uses neither writer.
 */
#include <stdio.h>

#include "base/esc.h"
#include "export/eml.h"
#include "export/eml_out.h"

void eml_out_text(struct buf *o, const char *name, const char *text)
{
	buf_printf(o, "<%s>", name);
	esc_xml_text(o, text != NULL ? text : "");
	buf_printf(o, "</%s>", name);
}

void eml_out_id_text(struct buf *o, const char *name, const char *id, const char *text)
{
	buf_printf(o, "<%s Id=\"", name);
	esc_xml_attr(o, id != NULL ? id : "");
	buf_puts(o, "\">");
	esc_xml_text(o, text != NULL ? text : "");
	buf_printf(o, "</%s>", name);
}

void eml_out_head(struct buf *o, const char *kind, const char *authority_id,
                  const char *authority_name, const char *creation_time)
{
	buf_printf(o, "<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" "
	           "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
	           "xmlns:kr=\"http://www.kiesraad.nl/extensions\" "
	           "xmlns:xal=\"urn:oasis:names:tc:ciq:xsdschema:xAL:2.0\" "
	           "xmlns:xnl=\"urn:oasis:names:tc:ciq:xsdschema:xNL:2.0\" Id=\"%s\" SchemaVersion=\"5\">",
	           kind);
	buf_puts(o, "<TransactionId>1</TransactionId><ManagingAuthority>");
	eml_out_id_text(o, "AuthorityIdentifier", authority_id, authority_name);
	buf_puts(o, "<AuthorityAddress></AuthorityAddress></ManagingAuthority>");
	eml_out_text(o, "kr:CreationDateTime", creation_time);
	buf_puts(o, "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/"
	         "REC-xml-c14n-20010315#WithComments\"></ds:CanonicalizationMethod>");
}

void eml_out_election(struct buf *o, const struct tally_election *e)
{
	buf_puts(o, "<ElectionIdentifier Id=\"");
	esc_xml_attr(o, e->id);
	buf_puts(o, "\">");
	eml_out_text(o, "ElectionName", e->name);
	eml_out_text(o, "ElectionCategory", tally_category_name(e->category));
	eml_out_text(o, "kr:ElectionSubcategory", e->subcategory);
	if (e->domain_id[0] != '\0')
		eml_out_id_text(o, "kr:ElectionDomain", e->domain_id, e->domain_name);
	else if (e->domain_name[0] != '\0')
		eml_out_text(o, "kr:ElectionDomain", e->domain_name);
	eml_out_text(o, "kr:ElectionDate", e->date);
	buf_puts(o, "</ElectionIdentifier>");
}

void eml_out_contest(struct buf *o, const char *contest_id, const char *contest_name)
{
	buf_puts(o, "<ContestIdentifier Id=\"");
	esc_xml_attr(o, contest_id != NULL && contest_id[0] != '\0' ? contest_id : "geen");
	buf_puts(o, "\">");
	if (contest_name != NULL && contest_name[0] != '\0')
		eml_out_text(o, "ContestName", contest_name);
	buf_puts(o, "</ContestIdentifier>");
}

void eml_out_count_begin(struct buf *o, const struct tally_election *e, const char *contest_id,
                         const char *contest_name)
{
	buf_puts(o, "<Count><EventIdentifier></EventIdentifier><Election>");
	eml_out_election(o, e);
	buf_puts(o, "<Contests><Contest>");
	eml_out_contest(o, contest_id, contest_name);
}

void eml_out_count_end(struct buf *o)
{
	buf_puts(o, "</Contest></Contests></Election></Count></EML>");
}

static long count(long v)
{
	return v < 0 ? 0 : v; /* an absent count (C in GR) is written as 0, as OSV does */
}

void eml_out_votes(struct buf *o, const struct tally_list *lists, size_t nlists,
                   const struct tally_form *f, long cast)
{
	static const char *const uncounted[] = {
		"geldige stempassen", "geldige volmachtbewijzen", "geldige kiezerspassen",
		"toegelaten kiezers", "meer getelde stembiljetten", "minder getelde stembiljetten",
		"meegenomen stembiljetten", "te weinig uitgereikte stembiljetten",
		"te veel uitgereikte stembiljetten", "geen verklaring", "andere verklaring",
	};
	const long values[] = {
		f->poll_cards, f->proxy_certificates, f->voter_cards, f->admitted_voters,
		f->more_ballots_counted, f->fewer_ballots_counted, f->taken_home, f->too_few_issued,
		f->too_many_issued, f->no_explanation, f->other_explanation,
	};
	size_t i, j;

	for (i = 0; i < f->nlists && i < nlists; i++) {
		buf_puts(o, "<Selection>");
		buf_printf(o, "<AffiliationIdentifier Id=\"%d\">", lists[i].number);
		eml_out_text(o, "RegisteredName", lists[i].name);
		buf_puts(o, "</AffiliationIdentifier>");
		buf_printf(o, "<ValidVotes>%ld</ValidVotes></Selection>", count(f->list_totals[i]));
		for (j = 0; j < f->lists[i].ncandidates; j++)
			buf_printf(o, "<Selection><Candidate><CandidateIdentifier Id=\"%zu\">"
			           "</CandidateIdentifier></Candidate><ValidVotes>%ld</ValidVotes>"
			           "</Selection>", j + 1, count(f->lists[i].candidates[j]));
	}
	buf_printf(o, "<Cast>%ld</Cast>", count(cast));
	buf_printf(o, "<TotalCounted>%ld</TotalCounted>", count(f->valid_votes));
	buf_printf(o, "<RejectedVotes ReasonCode=\"ongeldig\">%ld</RejectedVotes>",
	           count(f->invalid_votes));
	buf_printf(o, "<RejectedVotes ReasonCode=\"blanco\">%ld</RejectedVotes>",
	           count(f->blank_votes));
	for (i = 0; i < sizeof uncounted / sizeof uncounted[0]; i++)
		buf_printf(o, "<UncountedVotes ReasonCode=\"%s\">%ld</UncountedVotes>", uncounted[i],
		           count(values[i]));
}

void eml_out_total(struct buf *o, const struct tally_list *lists, size_t nlists,
                   const struct tally_form *f, long cast)
{
	buf_puts(o, "<TotalVotes>");
	eml_out_votes(o, lists, nlists, f, cast);
	buf_puts(o, "</TotalVotes>");
}

/* The three reasons of the central committee, in the order of the Kiesraad's sample. */
static void investigations(struct buf *o, const struct eml_investigation *inv)
{
	const char *const codes[] = {"toegelaten kiezers opnieuw vastgesteld",
	                             "onderzocht vanwege andere reden", "stembiljetten deels herteld"};
	const int flags[] = {inv->admitted_voters_reestablished, inv->other_reason,
	                     inv->ballots_partially_recounted};
	size_t i;

	buf_puts(o, "<kr:ReportingUnitInvestigations>");
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		buf_printf(o, "<kr:Investigation ReasonCode=\"%s\">%s</kr:Investigation>", codes[i],
		           flags[i] ? "true" : "false");
	buf_puts(o, "</kr:ReportingUnitInvestigations>");
}

void eml_out_unit(struct buf *o, const char *id, const char *name, const struct tally_list *lists,
                  size_t nlists, const struct tally_form *f, long cast,
                  const struct eml_investigation *inv)
{
	buf_puts(o, "<ReportingUnitVotes>");
	eml_out_id_text(o, "ReportingUnitIdentifier", id, name);
	eml_out_votes(o, lists, nlists, f, cast);
	if (inv != NULL)
		investigations(o, inv);
	buf_puts(o, "</ReportingUnitVotes>");
}
