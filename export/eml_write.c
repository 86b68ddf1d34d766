/*
 * Writing the municipality's count, EML 510b, as the Kiesraad's OSV2020 does:
 * Canonical XML 1.0 (no XML declaration, one line, explicit end tags,
 * attributes in canonical order, c14n escaping), ds:CanonicalizationMethod
 * declared, every candidate a Selection (zeros included), two RejectedVotes
 * and eleven UncountedVotes in OSV's order. So the bytes hashed are the
 * canonical bytes: `xmllint --c14n F | cmp - F` holds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "export/eml.h"

/* <name Id="id">text</name> */
static void el_id_text(struct buf *o, const char *name, const char *id, const char *t)
{
	buf_printf(o, "<%s Id=\"", name);
	esc_xml_attr(o, id);
	buf_puts(o, "\">");
	esc_xml_text(o, t);
	buf_printf(o, "</%s>", name);
}

static void el_text(struct buf *o, const char *name, const char *t)
{
	buf_printf(o, "<%s>", name);
	esc_xml_text(o, t);
	buf_printf(o, "</%s>", name);
}

static long count(long v)
{
	return v < 0 ? 0 : v; /* an absent count (C in GR) is written as 0, as OSV does */
}

/* The counts of one reporting unit (the municipality, or one station). */
static void votes(struct buf *o, const struct eml_510b *in, const struct tally_form *f, long cast)
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

	for (i = 0; i < f->nlists && i < in->nlists; i++) {
		buf_puts(o, "<Selection>");
		buf_printf(o, "<AffiliationIdentifier Id=\"%d\">", in->lists[i].number);
		el_text(o, "RegisteredName", in->lists[i].name);
		buf_puts(o, "</AffiliationIdentifier>");
		buf_printf(o, "<ValidVotes>%ld</ValidVotes></Selection>", count(f->list_totals[i]));
		for (j = 0; j < f->lists[i].ncandidates; j++)
			buf_printf(o, "<Selection><Candidate><CandidateIdentifier Id=\"%zu\"></CandidateIdentifier>"
			        "</Candidate><ValidVotes>%ld</ValidVotes></Selection>", j + 1,
			     count(f->lists[i].candidates[j]));
	}
	buf_printf(o, "<Cast>%ld</Cast>", cast);
	buf_printf(o, "<TotalCounted>%ld</TotalCounted>", count(f->valid_votes));
	buf_printf(o, "<RejectedVotes ReasonCode=\"ongeldig\">%ld</RejectedVotes>", count(f->invalid_votes));
	buf_printf(o, "<RejectedVotes ReasonCode=\"blanco\">%ld</RejectedVotes>", count(f->blank_votes));
	for (i = 0; i < sizeof uncounted / sizeof uncounted[0]; i++)
		buf_printf(o, "<UncountedVotes ReasonCode=\"%s\">%ld</UncountedVotes>", uncounted[i],
		     count(values[i]));
}

int eml_write_510b(const struct eml_510b *in, char **bytes, size_t *len)
{
	struct buf o = {0};
	const struct tally_election *e = in->election;
	char id[TALLY_ID_MAX + 16], name[TALLY_TEXT_MAX + 64];
	long cast = 0;
	size_t i;

	*bytes = NULL;
	*len = 0;
	for (i = 0; i < in->nstations; i++)
		cast += in->stations[i].electorate > 0 ? in->stations[i].electorate : 0;
	if (in->electorate > 0)
		cast = in->electorate;
	buf_puts(&o, "<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" "
	        "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
	        "xmlns:kr=\"http://www.kiesraad.nl/extensions\" "
	        "xmlns:xal=\"urn:oasis:names:tc:ciq:xsdschema:xAL:2.0\" "
	        "xmlns:xnl=\"urn:oasis:names:tc:ciq:xsdschema:xNL:2.0\" Id=\"510b\" SchemaVersion=\"5\">");
	buf_puts(&o, "<TransactionId>1</TransactionId><ManagingAuthority>");
	el_id_text(&o, "AuthorityIdentifier", in->authority_id, in->authority_name);
	buf_puts(&o, "<AuthorityAddress></AuthorityAddress></ManagingAuthority>");
	el_text(&o, "kr:CreationDateTime", in->creation_time);
	buf_puts(&o, "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/"
	        "REC-xml-c14n-20010315#WithComments\"></ds:CanonicalizationMethod>");
	buf_puts(&o, "<Count><EventIdentifier></EventIdentifier><Election><ElectionIdentifier Id=\"");
	esc_xml_attr(&o, e->id);
	buf_puts(&o, "\">");
	el_text(&o, "ElectionName", e->name);
	el_text(&o, "ElectionCategory", tally_category_name(e->category));
	el_text(&o, "kr:ElectionSubcategory", e->subcategory);
	if (e->domain_name[0] != '\0' || e->domain_id[0] != '\0') {
		if (e->domain_id[0] != '\0')
			el_id_text(&o, "kr:ElectionDomain", e->domain_id, e->domain_name);
		else
			el_text(&o, "kr:ElectionDomain", e->domain_name);
	}
	el_text(&o, "kr:ElectionDate", e->date);
	buf_puts(&o, "</ElectionIdentifier><Contests><Contest><ContestIdentifier Id=\"");
	esc_xml_attr(&o, in->contest_id[0] ? in->contest_id : "geen");
	buf_puts(&o, "\">");
	if (in->contest_name[0] != '\0')
		el_text(&o, "ContestName", in->contest_name);
	buf_puts(&o, "</ContestIdentifier><TotalVotes>");
	votes(&o, in, in->total, cast);
	buf_puts(&o, "</TotalVotes>");
	for (i = 0; i < in->nstations; i++) {
		const struct tally_station *st = &in->stations[i];

		if (in->forms[i] == NULL)
			continue; /* not definitive: only in a draft */
		snprintf(id, sizeof id, "%s::SB%d", in->authority_id, st->number);
		if (st->postcode[0] != '\0')
			snprintf(name, sizeof name, "Stembureau %s (postcode: %s)", st->name, st->postcode);
		else
			snprintf(name, sizeof name, "Stembureau %s", st->name);
		buf_puts(&o, "<ReportingUnitVotes>");
		el_id_text(&o, "ReportingUnitIdentifier", id, name);
		votes(&o, in, in->forms[i], st->electorate > 0 ? st->electorate : 0);
		buf_puts(&o, "</ReportingUnitVotes>");
	}
	buf_puts(&o, "</Contest></Contests></Election></Count></EML>");
	*bytes = buf_take(&o, len);
	return *bytes != NULL ? 0 : -1;
}

void eml_510b_name(const struct tally_election *e, const char *muni_name, char *out, size_t size)
{
	char m[TALLY_TEXT_MAX];
	size_t i;

	if (e->category == TALLY_CAT_GR) {
		snprintf(out, size, "Telling_%s.eml.xml", e->id);
		return;
	}
	/* OSV: Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml */
	snprintf(m, sizeof m, "%s", muni_name);
	for (i = 0; m[i]; i++)
		if (m[i] == ' ' || m[i] == '/')
			m[i] = '_';
	snprintf(out, size, "Telling_%s_gemeente_%s.eml.xml", e->id, m);
}
