#ifndef TALLY_RESULT_H
#define TALLY_RESULT_H
/*
 * The result of a municipal council election (domain.md §8, Kieswet chapter P):
 * the seats per list and the elected candidates, with every step kept for the
 * PV P 22-2, the 520 and the page.
 *
 *   P 5    quota = votes on candidates / seats
 *   P 6    full seats: the integer part of votes / quota
 *   P 7    19 seats or more: residual seats one by one by highest average,
 *          votes / (seats + 1); a list may get several
 *   P 8    fewer than 19: largest remainders among the lists with at least
 *          3/4 of the quota, at most one such seat per list; then highest
 *          averages with at most one seat per list in that round (a list that
 *          got a largest-remainder seat may get one here too); then highest
 *          averages without that limit
 *   P 9    a list with more than half of the votes but not more than half of
 *          the seats gets the last residual seat
 *   P 10   a list with more seats than living candidates gives the excess
 *          back; those seats go round again by the same method among the
 *          lists that still have candidates; a seat nobody can take stays empty
 *   P 15-P 19a  preference votes, the elected candidates, the new ranking;
 *          deceased candidates are left out (their votes still count for the list)
 *
 * Ties: tied lists (or candidates) that all fit in the seats left each get
 * one; otherwise the committee draws lots. This code never draws: it stops
 * with TALLY_RESULT_LOT, says between whom and what the lot decides, and the
 * caller records the outcome and computes again with it (tally_result_in.lots,
 * in the order drawn). Every lot settles exactly one seat.
 *
 * Exact: integers and fractions only, no floating point. Bounds that make
 * int64_t enough everywhere: votes per list <= TALLY_COUNT_MAX (< 2^30),
 * lists <= TALLY_LISTS_MAX (total < 2^37), seats <= TALLY_RESULT_SEATS_MAX
 * (so votes * seats < 2^38 and full seats * total < 2^45).
 *
 * Pure C: no I/O. The Dutch sentences for people are made here too.
 */
#include <stddef.h>
#include <stdint.h>

#include "tally/limits.h"

#define TALLY_RESULT_SEATS_MAX     200  /* seats we accept; a council has 9 ... 45 */
#define TALLY_RESULT_LARGE_COUNCIL 19   /* from here P 7 and a 25 % preference threshold */
#define TALLY_RESULT_DECIDES_MAX   768  /* bytes of a lot's Dutch sentence, with NUL */
#define TALLY_RESULT_WHY_MAX       192  /* bytes of a refusal's English reason, with NUL */

/* An exact number shown to people: num / den, reduced, den > 0. */
struct tally_frac {
	int64_t num;
	int64_t den;
};

/*
 * Writes f as people read it, "189 2/15", "80", "2/3", "0", into buf (always
 * NUL-terminated when size > 0). Returns buf.
 */
char *tally_frac_text(struct tally_frac f, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

struct tally_result_candidate {
	int position;     /* place on the list as in the 230b, from 1; increasing within a list */
	long votes;       /* 0 ... TALLY_COUNT_MAX */
	int deceased;     /* nonzero: died before the result was determined (P 19a) */
};

struct tally_result_list_in {
	int number;       /* the list's number, from 1; increasing over the lists */
	long votes;       /* the list's votes (stemcijfer): must equal the sum of its candidates' */
	size_t ncandidates;                              /* 0 ... TALLY_CANDIDATES_MAX */
	const struct tally_result_candidate *candidates; /* in list order; may be NULL when 0 */
};

/*
 * A lot the committee drew: the list it fell on, or for a lot between the
 * candidates of one list, that list and the candidate's position.
 */
struct tally_lot {
	int list;
	int candidate;    /* 0 for a lot between lists */
};

struct tally_result_in {
	int seats;                                  /* 1 ... TALLY_RESULT_SEATS_MAX */
	size_t nlists;                              /* 1 ... TALLY_LISTS_MAX */
	const struct tally_result_list_in *lists;
	size_t nlots;
	const struct tally_lot *lots;               /* drawn so far, in the order drawn; may be NULL when 0 */
};

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

/* How a seat changed hands; the names are the JSON words of api.md. */
enum tally_result_method {
	TALLY_METHOD_LARGEST_REMAINDER,       /* P 8: "largest_remainder" */
	TALLY_METHOD_UNIQUE_HIGHEST_AVERAGE,  /* P 8: "unique_highest_average" */
	TALLY_METHOD_HIGHEST_AVERAGE,         /* P 7 / P 8: "highest_average" */
	TALLY_METHOD_ABSOLUTE_MAJORITY,       /* P 9: "absolute_majority" */
	TALLY_METHOD_LIST_EXHAUSTION,         /* P 10: "list_exhaustion" */
	TALLY_METHOD__MAX
};

/* "largest_remainder" ...; NULL for an out-of-range value. */
const char *tally_result_method_name(enum tally_result_method m);
/* Dutch, for the PV and the page: "grootste overschot" ...; NULL out of range. */
const char *tally_result_method_label(enum tally_result_method m);

/* One list's value at a step: its remainder or its average. */
struct tally_result_value {
	int list;
	struct tally_frac value;
};

/*
 * One step, in the order taken. Seats are numbered as seats overall: with 13
 * full seats the first residual seat is seat 14. The seats a list gives back
 * under P 10 are numbered after the seats that stay, in the order given back,
 * and the step that gives such a seat out again carries the same number.
 */
struct tally_result_step {
	int seat;                        /* 1 ... seats */
	enum tally_result_method method;
	int list;                        /* the list that gets the seat; 0 in a list_exhaustion step */
	/*
	 * absolute_majority: the list that gives up the seat; list_exhaustion:
	 * the list that gives it back; a seat going round again after P 10
	 * (again = 1): the list that gave it back; otherwise 0.
	 */
	int from_list;
	int full_seat;                   /* list_exhaustion: the seat given back was a full seat */
	int again;                       /* 1: a seat going round again after list exhaustion */
	int by_lot;                      /* 1: a drawn lot decided it (lots[lot]) */
	size_t lot;                      /* when by_lot: index into tally_result_in.lots */
	/*
	 * The value that won: largest_remainder the remainder (votes - full
	 * seats x quota), the averages votes / (seats + 1); 0/1 for
	 * absolute_majority and list_exhaustion.
	 */
	struct tally_frac value;
	/*
	 * The lists with that same value at this step, the winner included, in
	 * list order (just the winner when nobody tied). absolute_majority: the
	 * lists that got the last residual seat at once, between which a lot
	 * decided (just the one that gives it up otherwise).
	 */
	size_t ntied;
	int *tied;
	/* The lists that could get the seat at this step and their values, in list order. */
	size_t ncompared;
	struct tally_result_value *compared;
};

struct tally_result_list {
	int number;
	long votes;
	int candidates;                  /* on the list */
	int living;                      /* candidates not deceased */
	int quotient_seats;              /* P 6: integer part of votes / quota */
	struct tally_frac remainder;     /* votes - quotient_seats x quota */
	int remainder_qualifies;         /* fewer than 19 seats: votes >= 3/4 of the quota (P 8) */
	/* The end result (after P 9 and P 10): full_seats + residual_seats = seats. */
	int full_seats;                  /* quotient_seats less the full seats given back (P 10) */
	int residual_seats;
	int seats;
	int given_back;                  /* seats given back under P 10 */
	int exhausted;                   /* 1 when it gave seats back (more seats than living candidates) */
	/*
	 * The candidates, valid when nominated = 1. elected: the positions of
	 * the elected, seats of them, in the order of the new ranking; the first
	 * npreference of them were elected on preference votes (P 15), in order
	 * of votes, the rest follow in list order (P 17). ranking: every living
	 * candidate's position in the new ranking (P 19): those with more votes
	 * than the threshold first, by votes (the preference-elected, in the
	 * order elected, before the others), then the rest in list order. From
	 * 19 seats a list without seats keeps its order (deceased left out).
	 */
	int nominated;
	size_t nelected;
	int *elected;
	size_t npreference;
	size_t nranking;
	int *ranking;
	int ranking_changed;             /* 1 when ranking differs from the list as filed */
};

enum tally_lot_kind {
	TALLY_LOT_LIST,                  /* options are list numbers */
	TALLY_LOT_CANDIDATE,             /* options are positions on one list */
	TALLY_LOT__MAX
};

/* "list", "candidate" (the JSON words); NULL out of range. */
const char *tally_lot_kind_name(enum tally_lot_kind k);

/* A lot to draw before the computation can go on. */
struct tally_result_lot_need {
	enum tally_lot_kind kind;
	/*
	 * What the tie is in: largest_remainder, unique_highest_average or
	 * highest_average (which list gets a residual seat), absolute_majority
	 * (which list gives up the last residual seat, P 9). A candidate lot
	 * carries TALLY_METHOD__MAX.
	 */
	enum tally_result_method method;
	int seat;                        /* list lot: the seat it decides; candidate lot: the list's seat (1 = its first) */
	int seats_open;                  /* seats still open to these options in this round (fewer than options) */
	int list;                        /* candidate lot: the list; absolute_majority: the list that gets the seat; else 0 */
	int again;                       /* 1: a seat going round again after list exhaustion */
	int from_list;                   /* again = 1: the list that gave the seat back */
	struct tally_frac value;         /* the tied remainder, average or candidate votes */
	size_t noptions;
	int options[TALLY_CANDIDATES_MAX]; /* list numbers or positions, ascending */
	/* Dutch: "Het lot bepaalt welke van de lijsten 2, 3 en 4 de restzetel (zetel 15) krijgt; ..." */
	char decides[TALLY_RESULT_DECIDES_MAX];
};

/*
 * Writes the Dutch sentence that says what the lot of need decides (as
 * need->decides holds it) into buf, always NUL-terminated when size > 0.
 * Returns buf.
 */
char *tally_result_lot_text(const struct tally_result_lot_need *need, char *buf, size_t size);

/*
 * The result; the caller owns it and frees it with tally_result_free.
 *
 * After TALLY_RESULT_OK everything below is valid. After TALLY_RESULT_LOT it
 * holds what is known so far: seats, votes, quota, the thresholds, and per
 * list number, votes, candidates, living, quotient_seats, remainder and
 * remainder_qualifies are valid; the steps are those taken before the tie.
 * If allocated = 0 (a lot between lists) the lists' seats are those assigned
 * so far (not the result) and no list is nominated. If allocated = 1 (a lot
 * between candidates) seats, steps and empty_seats are final and the lists
 * before the lot's list are nominated (nominated = 1), the others not.
 * After a refusal only why is set (and lots_used after TALLY_RESULT_LOT_MISMATCH).
 */
struct tally_result {
	int seats;
	int64_t votes;                   /* votes on candidates, all lists (E) */
	struct tally_frac quota;         /* kiesdeler, P 5 */
	int preference_percent;          /* 25 at 19 seats or more, else 50 (P 15) */
	struct tally_frac preference_threshold;  /* preference_percent % of the quota */
	struct tally_frac remainder_threshold;   /* 3/4 of the quota below 19 seats (P 8); 0/1 from 19 */
	int full_seats;                  /* sum of the lists' quotient_seats */
	int residual_seats;              /* seats - full_seats */
	size_t nlists;
	struct tally_result_list *lists; /* in the input's order */
	size_t nsteps;
	struct tally_result_step *steps;
	int empty_seats;                 /* seats no list could take (P 10): the last ones, up to seats */
	int allocated;                   /* 1 when the seat allocation is complete */
	int lot_pending;                 /* 1 after TALLY_RESULT_LOT: lot says what to draw */
	struct tally_result_lot_need lot;
	size_t lots_used;                /* recorded lots used; after LOT_MISMATCH the index of the one that did not fit */
	char why[TALLY_RESULT_WHY_MAX];  /* English, one line: why the input was refused */
	size_t steps_cap;                /* internal: room in steps */
};

enum tally_result_status {
	TALLY_RESULT_OK = 0,
	TALLY_RESULT_LOT,                /* a lot must be drawn first: lot_pending, lot */
	TALLY_RESULT_NO_SEATS,           /* seats not 1 ... TALLY_RESULT_SEATS_MAX */
	TALLY_RESULT_NO_VOTES,           /* no votes on candidates at all */
	TALLY_RESULT_BAD_INPUT,          /* lists or candidates malformed (why says which) */
	TALLY_RESULT_LOT_MISMATCH,       /* a recorded lot does not fit the tie it is used for */
	TALLY_RESULT_LOTS_UNUSED,        /* more lots recorded than there are ties */
	TALLY_RESULT_NOMEM,
	TALLY_RESULT__MAX
};

/* An English sentence for a status; "unknown status" out of range. */
const char *tally_result_strerror(int status);

/*
 * Checks that in has the shape the computation needs: seats 1 ...
 * TALLY_RESULT_SEATS_MAX, 1 ... TALLY_LISTS_MAX lists with rising numbers,
 * at most TALLY_CANDIDATES_MAX candidates each with rising positions, every
 * count 0 ... TALLY_COUNT_MAX, each list's votes the sum of its candidates'.
 * It does not look at the lots (a lot fits or not only at its tie) nor at
 * whether there are votes. Returns TALLY_RESULT_OK, TALLY_RESULT_NO_SEATS or
 * TALLY_RESULT_BAD_INPUT with an English reason in why (when why is not NULL;
 * truncated to size).
 */
int tally_result_check(const struct tally_result_in *in, char *why, size_t size);

/*
 * Computes the result of in into out, replaying in->lots in order at the ties
 * that need one. *out is set from scratch (a result of an earlier call must be
 * freed first). Returns TALLY_RESULT_OK; TALLY_RESULT_LOT when a lot must be
 * drawn (out->lot says what; see struct tally_result for what else is valid);
 * or a refusal (NO_SEATS, NO_VOTES, BAD_INPUT, LOT_MISMATCH, LOTS_UNUSED,
 * NOMEM) with out->why. In every case the caller frees out with
 * tally_result_free. The input is not kept: out owns copies of what it shows.
 * Recorded lots belong to the input they were drawn for: when it changes (a
 * deceased candidate, a corrected count) the ties may too, and a lot that no
 * longer fits its tie is refused (LOT_MISMATCH; out->lots_used says which),
 * for the caller to decide what to do with it and the lots after it.
 */
int tally_result_compute(const struct tally_result_in *in, struct tally_result *out);

/*
 * Returns 1 when lot answers r's pending lot (r->lot_pending, the kind, the
 * list of a candidate lot, one of the options), else 0. The CLI and the page
 * check a drawn lot with this before they record it.
 */
int tally_result_lot_fits(const struct tally_result *r, const struct tally_lot *lot);

/* Frees what r holds and zeroes it; NULL is a no-op, and so is a second call. */
void tally_result_free(struct tally_result *r);

#endif
