#ifndef TALLY_ELECTION_H
#define TALLY_ELECTION_H
/*
 * The election model: what the 110a, 110b and 230b define, and the rules
 * an election definition must obey (seats, subcategory, preference threshold).
 * Pure C: no I/O.
 */
#include <stddef.h>
#include "tally/limits.h"

enum tally_category {
	TALLY_CAT_GR,  /* gemeenteraad: municipal council */
	TALLY_CAT_PS,  /* provinciale staten */
	TALLY_CAT_AB,  /* algemeen bestuur waterschap */
	TALLY_CAT_TK,  /* tweede kamer */
	TALLY_CAT_EP,  /* europees parlement */
	TALLY_CAT__MAX
};

/* "GR" etc.; NULL for an out-of-range value. */
const char *tally_category_name(enum tally_category c);
/* Parses "GR" etc.; returns 0 and sets *out, or -1. */
int tally_category_parse(const char *s, enum tally_category *out);
/* Whether voters can bring a kiezerspas (voter card, letter C): all but GR. */
int tally_category_has_voter_cards(enum tally_category c);

struct tally_election {
	char id[TALLY_ID_MAX];            /* ElectionIdentifier Id, e.g. GR2022_WestMaasenWaal */
	char name[TALLY_TEXT_MAX];        /* ElectionName */
	enum tally_category category;
	char subcategory[8];              /* GR1, GR2, PS1, PS2, AB1, AB2, TK, EP */
	char domain_id[TALLY_ID_MAX];     /* ElectionDomain Id (may be empty, e.g. PS) */
	char domain_name[TALLY_TEXT_MAX];
	char date[11];                    /* ElectionDate, YYYY-MM-DD */
	char nomination_date[11];         /* NominationDate, YYYY-MM-DD */
	int seats;                        /* NumberOfSeats */
	int preference_threshold;         /* percent of the quota */
};

/* A region of the 110a's election tree (municipality, district, province...). */
struct tally_region {
	int number;
	char category[16];               /* GEMEENTE, KIESKRING, PROVINCIE, WATERSCHAP, ... */
	int superior_number;             /* -1 when none */
	char superior_category[16];
};

struct tally_station {
	int number;                       /* PollingStation Id */
	char name[TALLY_TEXT_MAX];        /* LocalityName of the polling place */
	char postcode[16];                /* "6626 AC"; may be empty */
	long electorate;                  /* persons entitled to vote; -1 when unknown */
};

struct tally_candidate {
	int position;                     /* place on the list, from 1 */
	char initials[64];
	char first_name[TALLY_TEXT_MAX];
	char prefix[64];                  /* "van der" */
	char last_name[TALLY_TEXT_MAX];
	char gender[16];                  /* male, female, or empty */
	char locality[TALLY_TEXT_MAX];
};

struct tally_list {
	int number;                       /* AffiliationIdentifier Id */
	char name[TALLY_TEXT_MAX];        /* RegisteredName; may be empty (blank list) */
	size_t ncandidates;
	struct tally_candidate *candidates;
};

/*
 * A list of problems found in an input: each a short English sentence that
 * names the problem. Used by importers and by the election rules alike.
 */
#define TALLY_PROBLEMS_MAX 8
struct tally_problems {
	size_t n;
	size_t dropped;                   /* problems beyond TALLY_PROBLEMS_MAX */
	char msg[TALLY_PROBLEMS_MAX][256];
};
void tally_problem(struct tally_problems *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Joins the problems with "; " into buf (one line); returns buf. */
char *tally_problems_join(const struct tally_problems *p, char *buf, size_t size);

/*
 * Checks an election definition against the Kieswet's rules: the category's
 * seat range, the subcategory that fits the seats, the preference threshold
 * that fits the subcategory, well-formed dates. Adds a problem for each breach.
 * Returns the number of problems added.
 */
size_t tally_election_check(const struct tally_election *e, struct tally_problems *p);

/* Checks that a date is YYYY-MM-DD and a real calendar day; 0 if so, -1 if not. */
int tally_date_check(const char *s);

/* Frees the candidates of nlists lists and the array itself; NULL is a no-op. */
void tally_lists_free(struct tally_list *lists, size_t nlists);

/*
 * Whether a subcategory belongs to the category: its first two letters name
 * it (GR1 and GR2 are GR's). An empty subcategory belongs to none.
 */
int tally_subcategory_fits(enum tally_category c, const char *subcategory);

/* How a candidate is named, by use. */
enum tally_name_style {
	TALLY_NAME_FORMS,    /* the Kiesraad's forms (PV) and the pages: "Vaart, H. van der" */
	TALLY_NAME_OSV,      /* OSV's osv4-3 CSV: "van der Vaart, H." */
	TALLY_NAME__MAX
};
/* Room for any candidate's name in any style, with its NUL. */
#define TALLY_CANDIDATE_NAME_MAX (TALLY_TEXT_MAX + 2 * 64 + 8)
/*
 * Writes the candidate's name into out (size bytes, always NUL-terminated, a
 * name that does not fit cut before a whole UTF-8 character): the last name
 * (the first name when the list gives no last name), the initials and the
 * prefix (tussenvoegsel) placed as style wants, no ", " without something
 * after it. The first name is not part of it: the API gives it apart.
 * Returns the length of the whole name (>= size when it was cut; size 0
 * writes nothing, out may then be NULL).
 */
size_t tally_candidate_name(const struct tally_candidate *c, enum tally_name_style style,
                            char *out, size_t size);

/* ---- The election's files: their order and where they belong (tally/import.c) ---- */

/* The Kiesraad's files that define an election, in the order they are imported. */
enum tally_file {
	TALLY_FILE_DEFINITION,        /* 110a: the election */
	TALLY_FILE_STATIONS,          /* 110b: the polling stations */
	TALLY_FILE_LISTS,             /* 230b: the candidate lists */
	TALLY_FILE_COUNT,             /* 510b: a municipality's count, at a central committee */
	TALLY_FILE__MAX
};

/* Whether a file may be imported now. */
enum tally_import {
	TALLY_IMPORT_OK,
	TALLY_IMPORT_HAS_ELECTION,    /* a 110a where an election is held: it is never replaced */
	TALLY_IMPORT_NO_ELECTION,     /* a 110b or 230b before the 110a */
	TALLY_IMPORT_ENTRY_BEGUN,     /* a 110b or 230b once the data entry of a station began */
	TALLY_IMPORT_NO_LISTS,        /* a 510b before the 230b (the result names the elected) */
	TALLY_IMPORT_OWN_COUNT,       /* a 510b where the database counts itself (it has stations) */
	TALLY_IMPORT__MAX
};
/*
 * The order of the imports: the 110a first and only once; a 110b or 230b
 * replaces the stored one until data entry has begun. have_election: a 110a
 * is stored; entry_begun: a station's entry has begun (the store knows it
 * inside the import's transaction; 0 for "not known to have begun").
 */
enum tally_import tally_import_allowed(enum tally_file f, int have_election, int entry_begun);
/*
 * A municipality's 510b, at a central committee that works from it (domain.md
 * §8): after the 110a and the 230b, and only in a database without polling
 * stations of its own (which counts itself). A later 510b replaces it.
 */
enum tally_import tally_count_file_allowed(int have_election, int have_lists, int have_stations);
/*
 * Whether the file comes with a hash code published by the Kiesraad, which the
 * user must confirm: a 110a and a 230b; a 110b is the municipality's own.
 */
int tally_file_hash_published(enum tally_file f);

/* Ways in which a file is not of this election or this municipality. */
enum tally_misfit {
	TALLY_MISFIT_ELECTION,        /* another ElectionIdentifier Id (nothing else is compared) */
	TALLY_MISFIT_CATEGORY,        /* another ElectionCategory */
	TALLY_MISFIT_SUBCATEGORY,     /* another ElectionSubcategory (when the file gives one) */
	TALLY_MISFIT_DATE,            /* another ElectionDate */
	TALLY_MISFIT_DOMAIN_MISSING,  /* 230b: no ElectionDomain where the election names one */
	TALLY_MISFIT_DOMAIN,          /* 230b: another ElectionDomain */
	TALLY_MISFIT_MUNICIPALITY,    /* a GR 110a, a 110b or a 510b of another municipality */
	TALLY_MISFIT_NOT_IN_TREE,     /* a 110a of another kind: the municipality takes no part */
	TALLY_MISFIT_DISTRICT,        /* 230b: the lists of another electoral district */
	TALLY_MISFIT__MAX
};

/* What a file says about where it belongs. */
struct tally_file_ids {
	enum tally_file kind;
	const struct tally_election *election;  /* its ElectionIdentifier */
	const char *authority;                  /* 110b: ManagingAuthority Id, the municipality */
	const char *contest;                    /* 230b: ContestIdentifier Id, "geen" or a district */
	const struct tally_region *regions;     /* 110a: its election tree */
	size_t nregions;
};

/* The database a file would go into. */
struct tally_home {
	const struct tally_election *election;  /* the stored 110a's; NULL when none */
	const char *municipality;               /* its CBS code, "0668"; NULL or "" when not known */
	const struct tally_region *regions;     /* the stored election tree */
	size_t nregions;
};

/* What tally_file_fits found. */
struct tally_fit {
	unsigned misfits;                       /* a set of 1u << enum tally_misfit; 0: it belongs */
	long file_district;                     /* 230b: the lists' district, -1 when none */
	long district;                          /* the municipality's district, -1 when unknown */
};
/*
 * Whether file f belongs in h: a 110a to the municipality (when known); a
 * 110b or 230b to the stored election (Id first, then category,
 * subcategory, date, and a 230b's domain) and to the municipality (a 110b's
 * authority, a 230b's electoral district). Fills out; returns out->misfits.
 */
unsigned tally_file_fits(const struct tally_file_ids *f, const struct tally_home *h,
                         struct tally_fit *out);
/* Whether two municipality codes are the same: "0668" and "668" are; NULL is none. */
int tally_same_code(const char *a, const char *b);
/* The electoral district (KIESKRING) of municipality code in the tree, or -1. */
long tally_municipality_district(const struct tally_region *r, size_t n, const char *code);

#endif
