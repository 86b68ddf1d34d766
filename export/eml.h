#ifndef EXPORT_EML_H
#define EXPORT_EML_H
/*
 * EML_NL: reading the Kiesraad's election files (110a, 110b, 230b) into the
 * election model of tally/, and (later) writing the count (510b).
 */
#include <stddef.h>
#include "tally/count.h"

enum eml_kind {
	EML_110A,   /* election definition */
	EML_110B,   /* polling stations */
	EML_230B,   /* candidate lists */
	EML_510B,   /* count of a municipality */
	EML_KIND__MAX
};

/* "110a" etc. */
const char *eml_kind_name(enum eml_kind k);
/* A Dutch-free English description, e.g. "election definition". */
const char *eml_kind_title(enum eml_kind k);

/*
 * What one EML file says. Which parts are filled depends on the kind:
 * 110a: election (complete), regions; 110b: election (id, name, category,
 * subcategory, date), authority, stations; 230b: election (as in the file),
 * authority, contest_id, lists.
 */
struct eml_doc {
	enum eml_kind kind;
	struct tally_election election;
	char authority_id[TALLY_ID_MAX];      /* ManagingAuthority/AuthorityIdentifier Id */
	char authority_name[TALLY_TEXT_MAX];
	char contest_id[TALLY_ID_MAX];        /* ContestIdentifier Id: "geen", or a district number */
	char contest_name[TALLY_TEXT_MAX];    /* its ContestName, when given */
	struct tally_region *regions;
	size_t nregions;
	struct tally_station *stations;
	size_t nstations;
	long max_votes;                       /* 110b MaxVotes: the municipality's electorate, -1 */
	struct tally_list *lists;
	size_t nlists;
};

/*
 * Parses an EML file held in memory. The kind is read from the file.
 * Returns 0 and sets *out (free with eml_doc_free) when the file is well-formed
 * and obeys the rules of its kind; otherwise returns -1 and adds to p one
 * problem for each defect found (each names the defect). Even then *out holds
 * what could be read when the kind was recognised (so that the caller can
 * also tell whether the file belongs to its election), else NULL.
 * The network is never used; DTDs and entities are refused.
 */
int eml_read(const void *bytes, size_t len, struct eml_doc **out, struct tally_problems *p);

/* Frees a document; NULL is a no-op. */
void eml_doc_free(struct eml_doc *d);

/* Whether the file belongs to this election and municipality is tally's (tally_file_fits). */

/*
 * Why a station was investigated in a later session of the municipality's
 * committee (domain.md §9), as a corrigendum 510b states it per station in
 * kr:ReportingUnitInvestigations: the central committee's three ReasonCodes,
 * each 1 (true) or 0 (false).
 */
struct eml_investigation {
	int admitted_voters_reestablished;  /* "toegelaten kiezers opnieuw vastgesteld" */
	int other_reason;                   /* "onderzocht vanwege andere reden" */
	int ballots_partially_recounted;    /* "stembiljetten deels herteld" */
};

/* The input of a 510b: the election, the municipality, and the definitive counts. */
struct eml_510b {
	const struct tally_election *election;
	const char *authority_id;          /* municipality code, "0668" */
	const char *authority_name;        /* "West Maas en Waal" */
	const char *contest_id;            /* "geen" (GR), or the electoral district's number */
	const char *contest_name;          /* the district's name, or "" */
	const char *creation_time;         /* kr:CreationDateTime, "2022-03-17T01:32:49.834" */
	long electorate;                   /* the municipality's electorate (the total's Cast)
	                                    * when known (> 0); else the stations' sum is used */
	const struct tally_list *lists;    /* names of the lists */
	size_t nlists;
	const struct tally_form *total;    /* the municipality's totals (tally_form_add) */
	const struct tally_station *stations;
	const struct tally_form *const *forms; /* forms[i]: station i's definitive count, NULL
	                                        * when not definitive (a draft leaves it out) */
	size_t nstations;
	/* A corrigendum's: NULL (a first count), or investigations[i]: station i's flags, NULL
	 * when it was not investigated (then written exactly as in a first count) */
	const struct eml_investigation *const *investigations;
};

/*
 * Writes the 510b in Canonical XML form; a later session's corrigendum
 * when in->investigations is set. Returns 0 with *bytes (malloc'd, caller
 * frees) and *len, or -1 when out of memory.
 */
int eml_write_510b(const struct eml_510b *in, char **bytes, size_t *len);

/* The file name OSV gives a 510b: Telling_<id>.eml.xml for GR, else with the municipality. */
void eml_510b_name(const struct tally_election *e, const char *muni_name, char *out, size_t size);

#endif
