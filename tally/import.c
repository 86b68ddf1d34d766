/*
 * The rules of the election for its files: in which order they come, when
 * they may no longer be replaced, and whether a file belongs to this election
 * and municipality. Pure: over what the files say (their ElectionIdentifier,
 * ManagingAuthority, ContestIdentifier, election tree) and what the database
 * holds. The EML is read in export/; the words for each outcome are the
 * callers'.
 */
#include <stdio.h>
#include <string.h>

#include "base/num.h"
#include "tally/election.h"

enum tally_import tally_import_allowed(enum tally_file f, int have_election, int entry_begun)
{
	if (f == TALLY_FILE_DEFINITION)
		/* The election is the database's own: another one needs a new database. */
		return have_election ? TALLY_IMPORT_HAS_ELECTION : TALLY_IMPORT_OK;
	if (!have_election)
		return TALLY_IMPORT_NO_ELECTION;
	/* Stations and lists may be replaced until the first figure is typed. */
	return entry_begun ? TALLY_IMPORT_ENTRY_BEGUN : TALLY_IMPORT_OK;
}

enum tally_import tally_count_file_allowed(int have_election, int have_lists, int have_stations)
{
	if (!have_election)
		return TALLY_IMPORT_NO_ELECTION;
	if (!have_lists)
		return TALLY_IMPORT_NO_LISTS;
	return have_stations ? TALLY_IMPORT_OWN_COUNT : TALLY_IMPORT_OK;
}

int tally_file_hash_published(enum tally_file f)
{
	/* The Kiesraad publishes a hash code with the 110a and 230b (domain.md §6); a 510b
	 * comes with the one its proces-verbaal prints on every page. */
	return f == TALLY_FILE_DEFINITION || f == TALLY_FILE_LISTS || f == TALLY_FILE_COUNT;
}

/* Whether s is one or more decimal digits. */
static int digits(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int tally_same_code(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (!digits(a) || !digits(b))
		return strcmp(a, b) == 0;
	/* "0668" is "668": the numbers, compared as digits without leading zeros */
	while (*a == '0' && a[1] != '\0')
		a++;
	while (*b == '0' && b[1] != '\0')
		b++;
	return strcmp(a, b) == 0;
}

/* The largest region number an election tree holds (kr:Region RegionNumber). */
#define REGION_NUMBER_MAX 999999L

/* A district number, "6" or "06"; -1 when s is none (e.g. "geen"). */
static long district_number(const char *s)
{
	/* digits() first: no sign, not even "-0" */
	return digits(s) ? (long)num_or(s, 0, REGION_NUMBER_MAX, -1) : -1;
}

/* Whether region r is the municipality with this code. */
static int is_municipality(const struct tally_region *r, const char *code)
{
	char num[16];

	if (strcmp(r->category, "GEMEENTE") != 0)
		return 0;
	snprintf(num, sizeof num, "%d", r->number);
	return tally_same_code(num, code);
}

long tally_municipality_district(const struct tally_region *r, size_t n, const char *code)
{
	long district = -1;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (!is_municipality(&r[i], code) || strcmp(r[i].superior_category, "KIESKRING") != 0)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(r[j].category, "KIESKRING") == 0 && r[j].number == r[i].superior_number)
				district = r[j].number;
	}
	return district;
}

/* Whether the municipality is a GEMEENTE of the election tree. */
static int in_tree(const struct tally_region *r, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_municipality(&r[i], code))
			return 1;
	return 0;
}

/* A 110a: a municipal election names the municipality, another has it in its tree. */
static unsigned definition_fits(const struct tally_file_ids *f, const char *muni)
{
	const struct tally_election *e = f->election;

	if (e->category == TALLY_CAT_GR)
		return e->domain_id[0] != '\0' && !tally_same_code(e->domain_id, muni) ?
		       1u << TALLY_MISFIT_MUNICIPALITY : 0;
	return in_tree(f->regions, f->nregions, muni) ? 0 : 1u << TALLY_MISFIT_NOT_IN_TREE;
}

/* What a 110b or 230b says about the election must be what the 110a said. */
static unsigned same_election(const struct tally_file_ids *f, const struct tally_election *d)
{
	const struct tally_election *e = f->election;
	unsigned m = 0;

	if (strcmp(e->id, d->id) != 0)
		return 1u << TALLY_MISFIT_ELECTION;   /* the rest would only repeat it */
	if (e->category != d->category)
		m |= 1u << TALLY_MISFIT_CATEGORY;
	if (e->subcategory[0] != '\0' && strcmp(e->subcategory, d->subcategory) != 0)
		m |= 1u << TALLY_MISFIT_SUBCATEGORY;
	if (strcmp(e->date, d->date) != 0)
		m |= 1u << TALLY_MISFIT_DATE;
	if (f->kind != TALLY_FILE_LISTS)
		return m;
	if (e->domain_name[0] == '\0' && e->domain_id[0] == '\0' && d->domain_name[0] != '\0')
		m |= 1u << TALLY_MISFIT_DOMAIN_MISSING;
	else if (strcmp(e->domain_id, d->domain_id) != 0 || strcmp(e->domain_name, d->domain_name) != 0)
		m |= 1u << TALLY_MISFIT_DOMAIN;
	return m;
}

unsigned tally_file_fits(const struct tally_file_ids *f, const struct tally_home *h,
                         struct tally_fit *out)
{
	const char *muni = h->municipality != NULL && h->municipality[0] != '\0' ?
	                   h->municipality : NULL;

	memset(out, 0, sizeof *out);
	out->file_district = out->district = -1;
	if (f->kind == TALLY_FILE_DEFINITION) {
		if (muni != NULL)
			out->misfits = definition_fits(f, muni);
		return out->misfits;
	}
	if (h->election == NULL)
		return out->misfits;       /* nothing to compare with: tally_import_allowed says so */
	out->misfits = same_election(f, h->election);
	if (out->misfits & 1u << TALLY_MISFIT_ELECTION || muni == NULL)
		return out->misfits;
	if ((f->kind == TALLY_FILE_STATIONS || f->kind == TALLY_FILE_COUNT) &&
	    !tally_same_code(f->authority, muni))
		out->misfits |= 1u << TALLY_MISFIT_MUNICIPALITY;
	/*
	 * Candidate lists are per electoral district (kieskring): in a TK, EP, PS
	 * or AB election the municipality's district must be the file's contest.
	 */
	if (f->kind == TALLY_FILE_LISTS && (out->file_district = district_number(f->contest)) >= 0) {
		out->district = tally_municipality_district(h->regions, h->nregions, muni);
		if (out->district >= 0 && out->district != out->file_district)
			out->misfits |= 1u << TALLY_MISFIT_DISTRICT;
	}
	return out->misfits;
}
