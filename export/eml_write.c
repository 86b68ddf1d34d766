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

#include "export/eml.h"

struct out {
	char *p;
	size_t len, cap;
	int failed;
};

static void grow(struct out *o, size_t need)
{
	char *q;
	size_t cap;

	if (o->failed || o->len + need + 1 <= o->cap)
		return;
	cap = o->cap ? o->cap : 65536;
	while (cap < o->len + need + 1)
		cap *= 2;
	if ((q = realloc(o->p, cap)) == NULL) {
		o->failed = 1;
		return;
	}
	o->p = q;
	o->cap = cap;
}

static void raw(struct out *o, const char *s)
{
	size_t n = strlen(s);

	grow(o, n);
	if (o->failed)
		return;
	memcpy(o->p + o->len, s, n + 1);
	o->len += n;
}

static void rawf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void rawf(struct out *o, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	raw(o, buf);
}

/* Text content as Canonical XML escapes it. */
static void text(struct out *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': raw(o, "&amp;"); break;
		case '<': raw(o, "&lt;"); break;
		case '>': raw(o, "&gt;"); break;
		case '\r': raw(o, "&#xD;"); break;
		default: {
			char c[2] = {*s, '\0'};

			raw(o, c);
		}
		}
	}
}

/* An attribute value as Canonical XML escapes it. */
static void attr(struct out *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': raw(o, "&amp;"); break;
		case '<': raw(o, "&lt;"); break;
		case '"': raw(o, "&quot;"); break;
		case '\t': raw(o, "&#x9;"); break;
		case '\n': raw(o, "&#xA;"); break;
		case '\r': raw(o, "&#xD;"); break;
		default: {
			char c[2] = {*s, '\0'};

			raw(o, c);
		}
		}
	}
}

/* <name Id="id">text</name> */
static void el_id_text(struct out *o, const char *name, const char *id, const char *t)
{
	rawf(o, "<%s Id=\"", name);
	attr(o, id);
	raw(o, "\">");
	text(o, t);
	rawf(o, "</%s>", name);
}

static void el_text(struct out *o, const char *name, const char *t)
{
	rawf(o, "<%s>", name);
	text(o, t);
	rawf(o, "</%s>", name);
}

static long count(long v)
{
	return v < 0 ? 0 : v; /* an absent count (C in GR) is written as 0, as OSV does */
}

/* The counts of one reporting unit (the municipality, or one station). */
static void votes(struct out *o, const struct eml_510b *in, const struct tally_form *f, long cast)
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
		raw(o, "<Selection>");
		rawf(o, "<AffiliationIdentifier Id=\"%d\">", in->lists[i].number);
		el_text(o, "RegisteredName", in->lists[i].name);
		raw(o, "</AffiliationIdentifier>");
		rawf(o, "<ValidVotes>%ld</ValidVotes></Selection>", count(f->list_totals[i]));
		for (j = 0; j < f->lists[i].ncandidates; j++)
			rawf(o, "<Selection><Candidate><CandidateIdentifier Id=\"%zu\"></CandidateIdentifier>"
			        "</Candidate><ValidVotes>%ld</ValidVotes></Selection>", j + 1,
			     count(f->lists[i].candidates[j]));
	}
	rawf(o, "<Cast>%ld</Cast>", cast);
	rawf(o, "<TotalCounted>%ld</TotalCounted>", count(f->valid_votes));
	rawf(o, "<RejectedVotes ReasonCode=\"ongeldig\">%ld</RejectedVotes>", count(f->invalid_votes));
	rawf(o, "<RejectedVotes ReasonCode=\"blanco\">%ld</RejectedVotes>", count(f->blank_votes));
	for (i = 0; i < sizeof uncounted / sizeof uncounted[0]; i++)
		rawf(o, "<UncountedVotes ReasonCode=\"%s\">%ld</UncountedVotes>", uncounted[i],
		     count(values[i]));
}

int eml_write_510b(const struct eml_510b *in, char **bytes, size_t *len)
{
	struct out o = {0};
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
	raw(&o, "<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" "
	        "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
	        "xmlns:kr=\"http://www.kiesraad.nl/extensions\" "
	        "xmlns:xal=\"urn:oasis:names:tc:ciq:xsdschema:xAL:2.0\" "
	        "xmlns:xnl=\"urn:oasis:names:tc:ciq:xsdschema:xNL:2.0\" Id=\"510b\" SchemaVersion=\"5\">");
	raw(&o, "<TransactionId>1</TransactionId><ManagingAuthority>");
	el_id_text(&o, "AuthorityIdentifier", in->authority_id, in->authority_name);
	raw(&o, "<AuthorityAddress></AuthorityAddress></ManagingAuthority>");
	el_text(&o, "kr:CreationDateTime", in->creation_time);
	raw(&o, "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/"
	        "REC-xml-c14n-20010315#WithComments\"></ds:CanonicalizationMethod>");
	raw(&o, "<Count><EventIdentifier></EventIdentifier><Election><ElectionIdentifier Id=\"");
	attr(&o, e->id);
	raw(&o, "\">");
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
	raw(&o, "</ElectionIdentifier><Contests><Contest><ContestIdentifier Id=\"");
	attr(&o, in->contest_id[0] ? in->contest_id : "geen");
	raw(&o, "\">");
	if (in->contest_name[0] != '\0')
		el_text(&o, "ContestName", in->contest_name);
	raw(&o, "</ContestIdentifier><TotalVotes>");
	votes(&o, in, in->total, cast);
	raw(&o, "</TotalVotes>");
	for (i = 0; i < in->nstations; i++) {
		const struct tally_station *st = &in->stations[i];

		if (in->forms[i] == NULL)
			continue; /* not definitive: only in a draft */
		snprintf(id, sizeof id, "%s::SB%d", in->authority_id, st->number);
		if (st->postcode[0] != '\0')
			snprintf(name, sizeof name, "Stembureau %s (postcode: %s)", st->name, st->postcode);
		else
			snprintf(name, sizeof name, "Stembureau %s", st->name);
		raw(&o, "<ReportingUnitVotes>");
		el_id_text(&o, "ReportingUnitIdentifier", id, name);
		votes(&o, in, in->forms[i], st->electorate > 0 ? st->electorate : 0);
		raw(&o, "</ReportingUnitVotes>");
	}
	raw(&o, "</Contest></Contests></Election></Count></EML>");
	if (o.failed) {
		free(o.p);
		return -1;
	}
	*bytes = o.p;
	*len = o.len;
	return 0;
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
