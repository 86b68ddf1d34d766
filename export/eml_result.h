#ifndef EXPORT_EML_RESULT_H
#define EXPORT_EML_RESULT_H
/*
 * EML_NL for the result of a municipal council election (domain.md §8): the
 * 510d (Totaaltelling, the totals the central electoral committee used) and
 * the 520 (Resultaat, the lists that won seats and their elected candidates),
 * written as the Kiesraad's OSV2020 writes them: Canonical XML 1.0 on one line,
 * ds:CanonicalizationMethod declared, so `xmllint --c14n F | cmp - F` holds and
 * the hash of the raw bytes is the hash of the canonical form.
 *
 * The 520, as OSV writes it (its EML520Helper; checked byte for byte on the
 * real GR2022 West Maas en Waal file):
 *   - one Selection per list that won seats, in list-number order, with its
 *     AffiliationIdentifier and <Elected>yes</Elected>; a list without seats
 *     is left out (the schema allows Elected only as "yes");
 *   - after it one Selection per elected candidate, in the order of the new
 *     ranking (P 19), with CandidateIdentifier Id = the candidate's place in
 *     that new ranking (1, 2, ...; not the place on the list as filed), the
 *     name, gender and locality of the 230b, <Ranking>1</Ranking> for a
 *     candidate elected on preference votes (P 15) and 2 for one elected in
 *     list order (P 17), then <Elected>yes</Elected>.
 */
#include <stddef.h>

#include "tally/count.h"
#include "tally/result.h"

/* One body whose count the central electoral committee used: a ReportingUnitVotes of the 510d. */
struct eml_result_unit {
	const char *id;                   /* ReportingUnitIdentifier Id: for a GR the municipality's
	                                   * code in four digits, "0668" (the schema's pattern) */
	const char *name;                 /* its text: the municipality's name, "West Maas en Waal" */
	long electorate;                  /* its Cast, persons entitled to vote; 0 or less writes 0 */
	const struct tally_form *form;    /* its totals: its 510b's TotalVotes (or Teller's own sum) */
};

/*
 * The input of both files. Everything is borrowed: nothing is kept or freed.
 * The 520 uses election ... nlists and result; the 510d election ... nlists,
 * total, electorate and units.
 */
struct eml_result_in {
	const struct tally_election *election; /* ElectionIdentifier: id, name, category,
	                                        * subcategory, domain, date */
	/*
	 * ManagingAuthority/AuthorityIdentifier. OSV writes Id "CSB" for a central
	 * electoral committee, which nothing in the election's files says: NULL or
	 * "" writes "CSB". name: the committee's name as OSV writes it, the
	 * municipality's name ("West Maas en Waal"), not the 230b's "Centraal
	 * stembureau West Maas en Waal".
	 */
	const char *authority_id;
	const char *authority_name;
	const char *contest_id;           /* ContestIdentifier Id: "geen" for GR (NULL or "" too) */
	const char *contest_name;         /* its ContestName, or NULL / "" for none */
	const char *creation_time;        /* kr:CreationDateTime, "2022-03-18T11:07:06.451" */
	/*
	 * The lists of the 230b with their candidates (names, gender, locality),
	 * in list-number order. The 520 finds a result's list by its number and
	 * a candidate by its position; the 510d names the lists from them and
	 * takes their order as the forms' (list i of a form is lists[i]).
	 */
	const struct tally_list *lists;
	size_t nlists;
	/* 510d: TotalVotes, the totals the committee used (for a GR: the municipality's). */
	const struct tally_form *total;
	long electorate;                  /* TotalVotes Cast when > 0; else the units' sum */
	const struct eml_result_unit *units; /* 510d: one ReportingUnitVotes each, in this order */
	size_t nunits;
	/*
	 * 520: the seats and the elected (tally_result_compute returned
	 * TALLY_RESULT_OK: allocated, every list with seats nominated).
	 */
	const struct tally_result *result;
};

/* What the writers return. */
enum eml_result_status {
	EML_RESULT_OK = 0,
	EML_RESULT_NOMEM,        /* out of memory */
	EML_RESULT_INCOMPLETE,   /* 520: no result, a lot pending, or a list with seats not nominated */
	EML_RESULT_MISMATCH,     /* a list or candidate of the result or a form not among the lists */
	EML_RESULT_NO_SEATS,     /* 520: no list won a seat (the schema wants at least one) */
	EML_RESULT_BAD_INPUT,    /* a required field is NULL (election, total, a unit's form or id) */
	EML_RESULT__MAX
};

/* An English sentence for a status; "unknown status" out of range. */
const char *eml_result_strerror(int status);

/*
 * Writes the 520 of in (election, authority, contest, creation time, lists and
 * result). Returns EML_RESULT_OK with *bytes (malloc'd and NUL-terminated, the
 * NUL not counted in *len; the caller frees), or another status with *bytes
 * NULL and *len 0.
 */
int eml_write_520(const struct eml_result_in *in, char **bytes, size_t *len);

/*
 * Writes the 510d of in: TotalVotes from in->total (Cast: in->electorate, or
 * the units' sum), then one ReportingUnitVotes per unit. Each unit's counts are
 * written exactly as eml_write_510b writes a total: every list and candidate a
 * Selection (zeros included), Cast, TotalCounted, two RejectedVotes (ongeldig,
 * blanco) and eleven UncountedVotes in OSV's order. Returns as eml_write_520.
 */
int eml_write_510d(const struct eml_result_in *in, char **bytes, size_t *len);

/* Resultaat_<election id>.eml.xml, as OSV names a 520 (Resultaat_GR2022_WestMaasenWaal.eml.xml). */
void eml_520_name(const struct tally_election *e, char *out, size_t size);

/*
 * The name of a 510d: GR, TK and EP Totaaltelling_<election id>.eml.xml;
 * OSV's waterschap and provincie files name the committee too:
 * Totaaltelling_AB2023_Scheldestromen_waterschap_Scheldestromen.eml.xml,
 * Totaaltelling_PS2023_Drenthe_provincie_Drenthe.eml.xml (authority_name, its
 * spaces and slashes as '_').
 */
void eml_510d_name(const struct tally_election *e, const char *authority_name, char *out,
                   size_t size);

#endif
