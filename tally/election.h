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

#endif
