/*
 * Writing the municipality's count, EML 510b, as the Kiesraad's OSV2020 does:
 * Canonical XML 1.0 (no XML declaration, one line, explicit end tags,
 * attributes in canonical order, c14n escaping), ds:CanonicalizationMethod
 * declared, every candidate a Selection (zeros included), two RejectedVotes
 * and eleven UncountedVotes in OSV's order. So the bytes hashed are the
 * canonical bytes: `xmllint --c14n F | cmp - F` holds. The elements every
 * count and result file shares are eml_out.c's. A corrigendum (a later
 * session's 510b) is the same file with the new figures, and after the votes
 * of each investigated station its kr:ReportingUnitInvestigations.
 */
#include <stdio.h>

#include "export/eml.h"
#include "export/eml_out.h"

int eml_write_510b(const struct eml_510b *in, char **bytes, size_t *len)
{
	struct buf o = {0};
	char id[TALLY_ID_MAX + 16], name[TALLY_TEXT_MAX + 64];
	long cast = 0;
	size_t i;

	*bytes = NULL;
	*len = 0;
	for (i = 0; i < in->nstations; i++)
		cast += in->stations[i].electorate > 0 ? in->stations[i].electorate : 0;
	if (in->electorate > 0)
		cast = in->electorate;
	eml_out_head(&o, "510b", in->authority_id, in->authority_name, in->creation_time);
	eml_out_count_begin(&o, in->election, in->contest_id, in->contest_name);
	eml_out_total(&o, in->lists, in->nlists, in->total, cast);
	for (i = 0; i < in->nstations; i++) {
		const struct tally_station *st = &in->stations[i];

		if (in->forms[i] == NULL)
			continue; /* not definitive: only in a draft */
		snprintf(id, sizeof id, "%s::SB%d", in->authority_id, st->number);
		if (st->postcode[0] != '\0')
			snprintf(name, sizeof name, "Stembureau %s (postcode: %s)", st->name, st->postcode);
		else
			snprintf(name, sizeof name, "Stembureau %s", st->name);
		eml_out_unit(&o, id, name, in->lists, in->nlists, in->forms[i], st->electorate,
		             in->investigations != NULL ? in->investigations[i] : NULL);
	}
	eml_out_count_end(&o);
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
