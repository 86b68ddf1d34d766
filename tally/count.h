#ifndef TALLY_COUNT_H
#define TALLY_COUNT_H
/*
 * One polling station's count: the count form (domain.md §3), the validation
 * rules (§4) and the double-entry state machine (§5).
 * Pure C: no I/O, no allocation beyond malloc/free, no printing.
 */
#include <stddef.h>
#include "tally/election.h"
#include "tally/limits.h"

/* ------------------------------------------------------------------ */
/* The count form                                                      */
/* ------------------------------------------------------------------ */

/*
 * Sentinels held in a count field. Real counts are 0 ... TALLY_COUNT_MAX, so
 * a parser must refuse a negative number itself before it fills a form:
 * "-1" typed by a user is not an empty field.
 */
#define TALLY_EMPTY   (-1L)  /* left empty: allowed in a draft, error F.001 */
#define TALLY_ABSENT  (-2L)  /* voter_cards in an election without them (GR) */

/* Longest JSON path of a field, e.g. "lists[98].candidates[99]", with NUL. */
#define TALLY_PATH_MAX 48

struct tally_form_list {
	int number;               /* the list's number, as in the election */
	long total;               /* the list total at the bottom of its page */
	size_t ncandidates;
	long *candidates;         /* votes per candidate, in list position order */
};

/*
 * Letters are those of the paper form (domain.md §3); names are the JSON
 * names (api.md). Every array is owned by the form, allocated with malloc,
 * and freed by tally_form_free.
 */
struct tally_form {
	long poll_cards;            /* A */
	long proxy_certificates;    /* B */
	long voter_cards;           /* C, TALLY_ABSENT for GR */
	long admitted_voters;       /* D */
	size_t nlists;
	long *list_totals;          /* E.1 ... E.n, nlists of them */
	long valid_votes;           /* E */
	long blank_votes;           /* F */
	long invalid_votes;         /* G */
	long votes_cast;            /* H */
	long more_ballots_counted;  /* I */
	long fewer_ballots_counted; /* J */
	/* K ... P: the counts that explain I or J */
	long taken_home;
	long too_few_issued;
	long too_many_issued;
	long no_explanation;
	long other_explanation;
	struct tally_form_list *lists; /* nlists of them */
};

/*
 * Allocates a form shaped for an election: one list per lists[i] with its
 * number and ncandidates, every field TALLY_EMPTY, voter_cards TALLY_ABSENT
 * when !has_voter_cards. lists may be NULL when nlists is 0.
 * Returns NULL when out of memory. The caller frees with tally_form_free.
 */
struct tally_form *tally_form_new(const struct tally_list *lists, size_t nlists,
    int has_voter_cards);

/*
 * Like tally_form_new, for a parser that does not know the election yet:
 * list i gets ncandidates[i] candidates and number 0 (the caller fills the
 * numbers in, then checks the whole with tally_form_fits). ncandidates may
 * be NULL when nlists is 0. Returns NULL when out of memory; the caller
 * frees with tally_form_free.
 */
struct tally_form *tally_form_alloc(size_t nlists, const size_t *ncandidates,
    int has_voter_cards);

/* Frees the form and every array in it; NULL is a no-op. */
void tally_form_free(struct tally_form *form);

/*
 * Returns a deep copy of form, or NULL when out of memory.
 * The caller frees the copy with tally_form_free.
 */
struct tally_form *tally_form_copy(const struct tally_form *form);

/*
 * Returns 1 when a and b have the same shape (lists, their numbers and
 * candidates, voter cards or not) and the same value in every field, else 0.
 */
int tally_form_equal(const struct tally_form *a, const struct tally_form *b);

/*
 * Sets every candidate's field left empty to 0 (domain.md §3: an empty candidate
 * counts as 0), as a finalised entry is stored; totals stay as they are.
 */
void tally_form_fill_candidates(struct tally_form *form);

/* Returns 1 when every field of the form is TALLY_EMPTY (an untouched draft), else 0. */
int tally_form_is_empty_all(const struct tally_form *form);

/*
 * Returns 1 when any field of the form is TALLY_EMPTY, else 0. Such a form is no
 * definitive one and equals none (W.206 need not look for its twin).
 */
int tally_form_has_empty(const struct tally_form *form);

/*
 * Sets every field to 0 (voter_cards stays TALLY_ABSENT where it is), to
 * start a sum for tally_form_add.
 */
void tally_form_zero(struct tally_form *form);

/*
 * Checks that a form fits an election at all: the number of lists, their
 * numbers in order, the number of candidates of each, every value 0 ...
 * TALLY_COUNT_MAX or TALLY_EMPTY, voter_cards TALLY_ABSENT exactly when the
 * election has no voter cards. This is no validation rule: a form that does
 * not fit is refused outright (HTTP 422).
 * Returns 0 if it fits; -1 if not, with an English reason in why (when why
 * is not NULL; truncated to whysize).
 */
int tally_form_fits(const struct tally_form *form, const struct tally_list *lists,
    size_t nlists, int has_voter_cards, char *why, size_t whysize);

/*
 * Adds every count of f into sum (municipality totals). Both must have the
 * same shape and hold no TALLY_EMPTY field; no sum may exceed TALLY_COUNT_MAX.
 * Returns 0, or -1 (different shapes, an empty field, or overflow) with sum
 * unchanged.
 */
int tally_form_add(struct tally_form *sum, const struct tally_form *f);

/* Returns the number of fields of the form (voter_cards counts only when present). */
size_t tally_form_nfields(const struct tally_form *form);

/*
 * Field i (0 ... tally_form_nfields - 1) in the order of the paper:
 *   voters.poll_cards, voters.proxy_certificates, voters.voter_cards (only
 *   when present), voters.admitted_voters, votes.list_totals[0] ...,
 *   votes.valid_votes, votes.blank_votes, votes.invalid_votes,
 *   votes.votes_cast, differences.more_ballots_counted,
 *   differences.fewer_ballots_counted, differences.taken_home,
 *   differences.too_few_issued, differences.too_many_issued,
 *   differences.no_explanation, differences.other_explanation,
 *   lists[0].candidates[0] ..., lists[0].total, lists[1].candidates[0] ...
 * (indexes are 0-based). Writes the JSON path into path (when not NULL) and
 * points *value (when value is not NULL) at the field inside the form: the
 * pointer is valid while the form lives; write through it only when the
 * form is yours to change (forms are never const objects, only const views).
 * Returns 0, or -1 when i is out of range or the path did not fit pathsize.
 */
int tally_form_field(const struct tally_form *form, size_t i, char *path,
    size_t pathsize, long **value);

/*
 * Every field of a form in tally_form_field's order, one after the other, in
 * constant time each (tally_form_field seeks a candidate through the lists):
 *   struct tally_form_walk w = {0};
 *   while ((v = tally_form_next(form, &w)) != NULL) ...
 * The field returned is field w.next - 1 of tally_form_field (for its path, in a
 * message). Returns NULL after the last field.
 */
struct tally_form_walk {
	size_t next, list, cand;   /* where the walk is; start at zero */
};
long *tally_form_next(const struct tally_form *form, struct tally_form_walk *w);

/* A list of field paths; path is a heap array of n paths. */
struct tally_paths {
	size_t n;
	char (*path)[TALLY_PATH_MAX];
};

/*
 * Lists in out the paths of the fields where a and b differ, in paper
 * order. Returns 0, or -1 when the forms have different shapes or memory
 * runs out (out is then empty). The caller frees out with tally_paths_free.
 */
int tally_form_diff(const struct tally_form *a, const struct tally_form *b,
    struct tally_paths *out);

/* Frees the paths and zeroes *p; NULL is a no-op. */
void tally_paths_free(struct tally_paths *p);

/*
 * Sets the fields named by p to TALLY_EMPTY: what the typist who corrects an
 * entry sees of the fields that differed. Returns 0, or -1 when a path does
 * not name a field of this form (then nothing is changed).
 */
int tally_form_clear_paths(struct tally_form *form, const struct tally_paths *p);

/* ------------------------------------------------------------------ */
/* Validation (domain.md §4)                                           */
/* ------------------------------------------------------------------ */

/*
 * One broken rule: its code ("F.201", "W.203"), a short Dutch message naming
 * the letters of the paper, and the JSON paths of the fields concerned in
 * paper order (fields is a heap array of nfields paths, owned by the
 * tally_findings it is in).
 * F.001 is one finding that lists every empty field.
 */
struct tally_finding {
	char code[8];
	char message[256];
	size_t nfields;
	char (*fields)[TALLY_PATH_MAX];
};

/* Errors block, warnings never do. Heap arrays; free with tally_findings_free. */
struct tally_findings {
	size_t nerrors, nwarnings;
	struct tally_finding *errors, *warnings;
};

struct tally_validate_ctx {
	long electorate;            /* the station's electorate, -1 when unknown (W.205) */
	/* the definitive forms of the other stations (W.206), and their
	 * numbers for the message (other_numbers may be NULL) */
	const struct tally_form *const *definitive_others;
	const int *other_numbers;
	size_t nothers;
};

/*
 * Checks every rule of domain.md §4 on a form that fits its election
 * (tally_form_fits). ctx may be NULL: electorate unknown, no other stations.
 * A rule is checked only when its outcome does not depend on an empty
 * field; F.401 for a list suppresses F.402 and F.403 for that list.
 * Returns 0 with the findings in *out (possibly none), or -1 when memory
 * runs out or a value lies outside 0 ... TALLY_COUNT_MAX (*out is then
 * empty). Either way the caller frees *out with tally_findings_free.
 */
int tally_validate(const struct tally_form *f, const struct tally_validate_ctx *ctx,
    struct tally_findings *out);

/* Frees the findings and zeroes *out; NULL is a no-op. */
void tally_findings_free(struct tally_findings *out);

/* ------------------------------------------------------------------ */
/* Double entry (domain.md §5)                                         */
/* ------------------------------------------------------------------ */

enum tally_status {
	TALLY_STATUS_EMPTY,
	TALLY_STATUS_FIRST_IN_PROGRESS,
	TALLY_STATUS_FIRST_DONE,
	TALLY_STATUS_FIRST_HAS_ERRORS,
	TALLY_STATUS_SECOND_IN_PROGRESS,
	TALLY_STATUS_DIFFERENT,
	TALLY_STATUS_DEFINITIVE,
	TALLY_STATUS__MAX
};

enum tally_role {
	TALLY_ROLE_TYPIST,
	TALLY_ROLE_COORDINATOR,
	TALLY_ROLE_ADMINISTRATOR,
	TALLY_ROLE__MAX
};

/*
 * The names of the statuses ("empty", "first_in_progress", ...) and the roles
 * ("typist", "coordinator", "administrator"); NULL for an out-of-range value.
 * The parsers take a name: 0 and *out, or -1.
 */
const char *tally_status_name(enum tally_status s);
int tally_status_parse(const char *s, enum tally_status *out);
const char *tally_role_name(enum tally_role r);
int tally_role_parse(const char *s, enum tally_role *out);

/*
 * The state of one station's double entry. Invariants, per status:
 *   empty               no users, no flags
 *   first_in_progress   first_user holds entry 1
 *   first_done          first_user typed entry 1 (error-free)
 *   first_has_errors    first_user typed entry 1, first_has_errors = 1
 *   second_in_progress  entry 1 by first_user (error-free); second_user holds
 *                       entry 2; correcting = 1 when entry 2 is a pre-filled
 *                       correction (see the resolve_*_correct_* events)
 *   different           entry 1 by first_user, entry 2 by second_user;
 *                       second_has_errors = 1 when entry 2 holds errors
 *   definitive          both entries identical and error-free
 */
struct tally_station_state {
	enum tally_status status;
	long first_user, second_user;   /* account ids, 0 = none */
	int first_has_errors;           /* entry 1 was finalised with errors */
	int second_has_errors;          /* entry 2 was finalised with errors */
	int correcting;                 /* entry 2 is a correction of cleared fields */
};

/*
 * What can happen to a station. Typist events act on the typist's own entry;
 * coordinator events on the station. Next to each: from which status, to
 * which, and what the store does with the entries' data (TALLY_DATA_*).
 */
enum tally_event_kind {
	TALLY_EV_CLAIM_1,     /* empty -> first_in_progress (the holder again: no change) */
	TALLY_EV_SAVE_1,      /* first_in_progress, holder only; WRITE_1 */
	TALLY_EV_FINALISE_1,  /* -> first_done, or first_has_errors when has_errors; an entry
	                       * without errors whose warnings are not confirmed is refused
	                       * (warnings_not_confirmed); WRITE_1 */
	TALLY_EV_DISCARD_1,   /* first_in_progress -> empty; DROP_1 */
	TALLY_EV_CLAIM_2,     /* first_done -> second_in_progress, by another typist than first_user */
	TALLY_EV_SAVE_2,      /* second_in_progress, holder only; WRITE_2 */
	TALLY_EV_FINALISE_2,  /* -> definitive when identical and !has_errors, else different;
	                       * identical with has_errors is refused (has_errors); unconfirmed
	                       * warnings as for FINALISE_1; WRITE_2 */
	TALLY_EV_DISCARD_2,   /* second_in_progress -> first_done; DROP_2 */
	TALLY_EV_RETURN_FIRST,   /* coordinator: first_has_errors -> first_in_progress, same typist */
	TALLY_EV_DISCARD_FIRST,  /* coordinator: first_has_errors -> empty; DROP_1 */
	TALLY_EV_RESOLVE_KEEP_FIRST,   /* different -> first_done; DROP_2 */
	TALLY_EV_RESOLVE_KEEP_SECOND,  /* different -> first_done, or first_has_errors when
	                                * entry 2 has errors; entry 2 becomes entry 1, its
	                                * typist first_user; MOVE_2_TO_1 */
	TALLY_EV_RESOLVE_DISCARD_BOTH, /* different -> empty; DROP_1 | DROP_2 */
	/* different -> second_in_progress, held by second_user, correcting = 1:
	 * entry 1 stays; entry 2 keeps the second typist's figures but its fields
	 * that differ from entry 1 are cleared; CLEAR_DIFF_2 */
	TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND,
	/* different -> second_in_progress, correcting = 1, refused (has_errors)
	 * when entry 2 has errors: the entries swap places, so entry 2 becomes
	 * entry 1 (first_user := second_user) and the first typist, now
	 * second_user, holds their own entry with the differing fields cleared;
	 * SWAP | CLEAR_DIFF_2 */
	TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST,
	TALLY_EV_RESET,       /* coordinator: any status -> empty; DROP_1 | DROP_2 */
	TALLY_EV__MAX
};

/* "claim_entry_1", ..., "resolve_keep_first", ..., "reset"; NULL out of range. */
const char *tally_event_name(enum tally_event_kind k);
/* Parses an event name; returns 0 and sets *out, or -1. */
int tally_event_parse(const char *s, enum tally_event_kind *out);
/*
 * The role whose event k is: TALLY_ROLE_TYPIST for the claims, saves, finalises
 * and discards of an entry, TALLY_ROLE_COORDINATOR for the rest (the
 * administrator has none); TALLY_ROLE__MAX for an out-of-range value.
 */
enum tally_role tally_event_role(enum tally_event_kind k);

/*
 * The coordinator's events by their names in the API (tally/actions.c, one table):
 * "keep_first_correct_second", "keep_second_correct_first", "keep_first",
 * "keep_second", "discard_both" (the resolve_* events), "return_to_typist",
 * "discard_first" and "reset", in that order (the order the pages list them).
 * tally_action_name returns the name of event k, or NULL for a typist's event and
 * an out-of-range value.
 */
const char *tally_action_name(enum tally_event_kind k);
/* The i-th of those events in that order (0 ...); TALLY_EV__MAX past the last. */
enum tally_event_kind tally_action_at(size_t i);
/*
 * Parses the "action" of POST /api/stations/{n}/resolve: every name above
 * except "reset" (which has its own route). Returns 0 and sets *out, or -1.
 */
int tally_resolve_parse(const char *action, enum tally_event_kind *out);

struct tally_event {
	enum tally_event_kind kind;
	long actor;                 /* the acting account's id (> 0) */
	enum tally_role role;       /* the acting account's role */
	int has_errors;             /* finalise: the entry holds errors (F) */
	int identical;              /* finalise of entry 2: equal to entry 1 */
	int count_finished;         /* the count's final export stands: every station is
	                             * closed until the coordinator reopens the count; in a
	                             * later session one of TALLY_CLOSED_* (tally_later_closed) */
	int has_warnings;           /* finalise: the entry holds warnings (W) */
	int warnings_confirmed;     /* finalise: the typist confirmed them against the paper */
};

/*
 * The values of count_finished (tally_event, tally_allowed and the functions that
 * take it): 0 open, any other value but the two below the finished count.
 */
#define TALLY_CLOSED_FINISHED   1  /* the (current session's) final export stands */
#define TALLY_CLOSED_NOT_INVESTIGATED 2 /* a later session: the station has no open
                                         * investigation (TALLY_V_NO_INVESTIGATION) */
#define TALLY_CLOSED_UNSTARTED  3  /* an open investigation whose corrected entries have not
                                    * started: the first claim of entry 1 is the only event,
                                    * and it starts them from an empty station (the store
                                    * clears the entries: tally_correction_starts) */
/* 1 when event k in a station closed thus starts its corrected entries, else 0. */
int tally_correction_starts(int count_finished, enum tally_event_kind k);

/*
 * Returns 1 when an entry must have its warnings confirmed to be finalised: it
 * holds warnings and no errors (an entry with errors goes to the coordinator
 * anyway, domain.md §4), else 0. tally_transition refuses such a finalise without
 * warnings_confirmed (TALLY_V_WARNINGS_NOT_CONFIRMED); the page asks for the
 * confirmation exactly then.
 */
int tally_warnings_need_confirmation(int has_errors, int has_warnings);

/*
 * What the store must do with the entries' data when a transition is OK: all
 * of it, and nothing else. Applied in this order: OPEN, WRITE (with FINAL and
 * DROP_CLEARED), DROP, MOVE/SWAP, CLEAR_DIFF_2, then REOPEN_1.
 */
#define TALLY_DATA_OPEN_1       0x80u  /* make entry 1 with an empty form, unless it exists
                                        * (its holder resuming keeps it) */
#define TALLY_DATA_OPEN_2       0x100u /* the same for entry 2 */
#define TALLY_DATA_WRITE_1      0x01u  /* store the submitted form as entry 1 */
#define TALLY_DATA_WRITE_2      0x02u  /* store the submitted form as entry 2 */
#define TALLY_DATA_FINAL        0x200u /* the entry written is finalised, with the action's
                                        * has_errors, has_warnings and warnings_confirmed
                                        * (without it: not finalised, those 0) */
#define TALLY_DATA_DROP_CLEARED 0x400u /* the entry written forgets its cleared fields */
#define TALLY_DATA_REOPEN_1     0x800u /* entry 1 is open again: not finalised, its warnings
                                        * not confirmed */
#define TALLY_DATA_DROP_1       0x04u  /* delete entry 1 */
#define TALLY_DATA_DROP_2       0x08u  /* delete entry 2 */
#define TALLY_DATA_MOVE_2_TO_1  0x10u  /* entry 2 becomes entry 1; no entry 2 is left */
#define TALLY_DATA_SWAP         0x20u  /* entries 1 and 2 change places */
#define TALLY_DATA_CLEAR_DIFF_2 0x40u  /* in entry 2, set the fields where it differs from
                                        * entry 1 to TALLY_EMPTY (tally_form_diff, then
                                        * tally_form_clear_paths) */

/* Returns the TALLY_DATA_* flags of an event that was OK (0 for bad values). */
unsigned tally_event_data(enum tally_event_kind k);

enum tally_verdict {
	TALLY_OK,
	TALLY_V_WRONG_ROLE,               /* 403: the role may not do this */
	TALLY_V_NOT_YOUR_ENTRY,           /* 403: another typist holds this entry */
	TALLY_V_SECOND_ENTRY_SAME_TYPIST, /* 403: the first typist claims entry 2 */
	TALLY_V_ALREADY_CLAIMED,          /* 409: another typist claimed it first */
	TALLY_V_WRONG_STATE,              /* 409: not in this status */
	TALLY_V_HAS_ERRORS,               /* 409: an entry with errors cannot serve here */
	TALLY_V_COUNT_FINISHED,           /* 409: the count is finished (final export made) */
	TALLY_V_WARNINGS_NOT_CONFIRMED,   /* 409: finalise without confirming the warnings */
	TALLY_V_NO_INVESTIGATION,         /* 409: a later session, and the station has no open
	                                   * investigation (tally/later.h) */
	TALLY_VERDICT__MAX
};

/*
 * Decides one event: returns TALLY_OK and sets *next to the new state, or a
 * refusal with *next a copy of *cur. Pure: the caller reads the current
 * state, calls this, and writes *next (with the TALLY_DATA_* effects of
 * tally_event_data) in one transaction. next may be cur.
 * First the questions of tally_allowed, in its order (role, finished count,
 * status, whose entry); then the figures the event reports: a finalise whose
 * warnings need confirmation (tally_warnings_need_confirmation) and are not
 * confirmed, TALLY_V_WARNINGS_NOT_CONFIRMED; entry 2 identical to entry 1 but
 * holding errors, TALLY_V_HAS_ERRORS.
 */
enum tally_verdict tally_transition(const struct tally_station_state *cur,
    const struct tally_event *ev, struct tally_station_state *next);

/*
 * Whether an account (actor, with its role) may do event k to a station in state cur
 * now, before any figures are known: TALLY_OK, or the refusal tally_transition gives.
 * Checks, in order: role (only typists enter; only the coordinator does the
 * coordinator's events; the administrator does none), then whether the count is
 * finished (count_finished: every event is refused, TALLY_V_COUNT_FINISHED), then
 * status, then whose entry it is (tally_holds). tally_transition asks this first, so
 * the handlers, the station JSON and the pages all get the answer of the one rule.
 */
enum tally_verdict tally_allowed(const struct tally_station_state *cur, int count_finished,
    enum tally_role role, long actor, enum tally_event_kind k);

/* Returns 1 when a and b are the same state (status, users, flags), else 0. */
int tally_state_equal(const struct tally_station_state *a, const struct tally_station_state *b);

/* The entry (1 or 2) being typed at the station now (first_ or second_in_progress), or 0. */
int tally_open_entry(const struct tally_station_state *cur);

/*
 * Whether actor holds entry (1 or 2) of the station now: TALLY_OK, TALLY_V_WRONG_STATE
 * when that entry is not being typed, TALLY_V_NOT_YOUR_ENTRY when another typist
 * holds it (or actor is no account). Only the holder reads, saves, finalises or
 * discards an entry. A finished count holds no entry open, so it is no question here.
 */
enum tally_verdict tally_holds(const struct tally_station_state *cur, long actor, int entry);

/*
 * Returns 1 when event k is allowed to actor (tally_allowed) in state cur and changes
 * that state, else 0: what a page offers as an action. A claim by the holder (a
 * resume), a save, and the reset of an empty station change nothing and are not
 * offered; for a finalise the figures are taken as error-free, confirmed and
 * different. Coordinator's events do not depend on actor.
 */
int tally_offered_state(const struct tally_station_state *cur, int count_finished,
    enum tally_role role, long actor, enum tally_event_kind k);

/*
 * The typist's view of one station: the entry (1 or 2) that actor may claim now
 * (offered: a claim that starts an entry), or 0.
 */
int tally_entry_claimable(const struct tally_station_state *cur, int count_finished,
    long actor);
/* The entry (1 or 2) that actor holds at the station now (tally_holds), or 0. */
int tally_entry_held(const struct tally_station_state *cur, long actor);

/* What a station waits for, asked of the state machine (tally_waits_for). */
enum tally_wait {
	TALLY_WAIT_NONE,          /* nothing: definitive, or the count is finished */
	TALLY_WAIT_FIRST_ENTRY,   /* any typist may claim entry 1 */
	TALLY_WAIT_TYPIST,        /* an entry is being typed (tally_open_entry) */
	TALLY_WAIT_SECOND_ENTRY,  /* another typist than the first may claim entry 2 */
	TALLY_WAIT_COORDINATOR,   /* the coordinator must decide (an action besides reset) */
	TALLY_WAIT__MAX
};

/* What the station in state cur waits for: the first that holds of coordinator, typist,
 * second entry, first entry; else nothing. */
enum tally_wait tally_waits_for(const struct tally_station_state *cur, int count_finished);
/* "first_entry", "typist", "second_entry", "coordinator"; NULL for TALLY_WAIT_NONE and
 * an out-of-range value. */
const char *tally_wait_name(enum tally_wait w);

/*
 * Returns 1 when the count is complete: there are stations and every one of them is
 * definitive, so the final export can be made; else 0 (only a draft, concept).
 */
int tally_count_complete(size_t ndefinitive, size_t nstations);

/* "ok", "wrong_role", "not_your_entry", ...: the API's error code; NULL out of range. */
const char *tally_verdict_code(enum tally_verdict v);
/* A short Dutch sentence for the user; NULL out of range. */
const char *tally_verdict_message(enum tally_verdict v);
/* 200 for TALLY_OK, 403 or 409 for a refusal, 500 out of range. */
int tally_verdict_http(enum tally_verdict v);

#endif
