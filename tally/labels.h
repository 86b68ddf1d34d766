#ifndef TALLY_LABELS_H
#define TALLY_LABELS_H
/*
 * The words of the count as its users read them (Dutch), and what a role is
 * offered in each status: the vocabulary that the page gets from the server
 * (GET /api/vocabulary) instead of keeping copies of its own.
 * Pure C: static tables, no I/O.
 */
#include <stddef.h>

#include "tally/count.h"

/* "Niet begonnen", "1e invoer bezig", ...; NULL for an out-of-range value. */
const char *tally_status_label(enum tally_status s);

/* One fixed field of the count form (domain.md §3). */
struct tally_field_label {
	const char *letter;   /* on the paper: "A" */
	const char *name;     /* the JSON name inside its group: "poll_cards" */
	const char *label;    /* "Stempassen" */
};

/*
 * The groups of the form's fixed fields, in the paper's order. The fields the
 * election shapes (the list totals E.1 ..., the candidates) are not in them.
 */
enum tally_group {
	TALLY_GROUP_VOTERS,       /* A ... D */
	TALLY_GROUP_VOTES,        /* E ... H */
	TALLY_GROUP_DIFFERENCES,  /* I ... O */
	TALLY_GROUP__MAX
};

struct tally_group_label {
	const char *name;     /* the JSON object, the first part of a field's path: "voters" */
	const char *title;    /* "Toegelaten kiezers" */
	size_t nfields;
	const struct tally_field_label *fields;  /* static, nfields of them */
};

/* Group g (static data); NULL for an out-of-range value. */
const struct tally_group_label *tally_group_label(enum tally_group g);

/*
 * Returns 1 when a station in status s offers event k to role, else 0:
 * tally_transition allows it in the ordinary state of that status (users as
 * struct tally_station_state requires, no entry with errors, no correction
 * running, the count not finished; the actor holds no entry of the station)
 * and it changes that state (resetting an empty station is no action). For one
 * station's actual state and actor: tally_offered_state (count.h).
 */
int tally_offered(enum tally_status s, enum tally_role role, enum tally_event_kind k);

#endif
