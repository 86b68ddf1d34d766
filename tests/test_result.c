/*
 * The result (tally/result.h) as a specification: the published vectors of
 * the Kiesraad's Abacus (backend/apportionment, its seat_assignment,
 * candidate_nomination and lib tests; numbers only, each row names the test
 * it comes from) and of issue 10, one table row each: votes per list and per
 * candidate in, seats per list, the steps, the elected and the ranking out.
 * Then the law's own cases, lots replayed, refusals, the texts, and a
 * benchmark.
 *
 * A row's lists are a small language (spec below); the expected outputs are
 * strings made from the result by the render functions, so a row reads as
 * the PV would state it and any difference shows whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tally/result.h"

/* ------------------------------------------------------------------ */
/* Inputs from a spec, results as strings                              */
/* ------------------------------------------------------------------ */

/*
 * An input built from a spec:
 *   lists are separated by "|"; "#7:" before a list gives its number (else the
 *   previous number + 1); a candidate is "V" (votes, next position), "P=V"
 *   (position P), "K*V" (K candidates with V votes each); a "d" after it marks
 *   a deceased candidate. "50: 540 160 ..." is Abacus's fixture: per number a
 *   list of 50 candidates, the first with all the votes.
 * Lots: "L6" (a lot fell on list 6), "C2:5" (on candidate 5 of list 2).
 */
struct input {
	struct tally_result_in in;
	struct tally_result_list_in lists[TALLY_LISTS_MAX];
	struct tally_result_candidate c[TALLY_LISTS_MAX][TALLY_CANDIDATES_MAX];
	struct tally_lot lots[64];
};

static long
num(const char **p)
{
	char *e;
	long v = strtol(*p, &e, 10);

	if (e == *p)
		fail_msg("spec: a number expected at \"%s\"", *p);
	*p = e;
	return v;
}

static void
add_candidate(struct input *b, size_t li, int pos, long votes, int deceased)
{
	struct tally_result_list_in *l = &b->lists[li];

	assert_true(l->ncandidates < TALLY_CANDIDATES_MAX);
	b->c[li][l->ncandidates] = (struct tally_result_candidate){ pos, votes, deceased };
	l->ncandidates++;
	l->votes += votes;
}

static struct input *
input_new(int seats, const char *spec, const char *lots)
{
	struct input *b = calloc(1, sizeof *b);
	const char *p = spec;
	size_t li = 0;
	long v, k, pos;
	int number = 1, d;

	assert_non_null(b);
	b->in.seats = seats;
	b->in.lists = b->lists;
	for (li = 0; li < TALLY_LISTS_MAX; li++)
		b->lists[li].candidates = b->c[li];
	li = 0;
	if (strncmp(p, "50:", 3) == 0) {
		for (p += 3; *p != '\0'; li++) {
			v = num(&p);
			b->lists[li].number = (int)li + 1;
			for (k = 0; k < 50; k++)
				add_candidate(b, li, (int)k + 1, k == 0 ? v : 0, 0);
			while (*p == ' ')
				p++;
		}
		b->in.nlists = li;
	} else {
		b->lists[0].number = 1;
		for (;;) {
			while (*p == ' ')
				p++;
			if (*p == '\0' || *p == '|') {
				li++;
				if (*p == '\0')
					break;
				p++;
				number = b->lists[li - 1].number + 1;
				b->lists[li].number = number;
				continue;
			}
			if (*p == '#') {
				p++;
				b->lists[li].number = (int)num(&p);
				assert_int_equal(*p, ':');
				p++;
				continue;
			}
			v = num(&p);
			k = 1;
			pos = b->lists[li].ncandidates ? b->c[li][b->lists[li].ncandidates - 1].position + 1 : 1;
			if (*p == '=') {
				p++;
				pos = v;
				v = num(&p);
			} else if (*p == '*') {
				p++;
				k = v;
				v = num(&p);
			}
			d = *p == 'd';
			if (d)
				p++;
			while (k-- > 0)
				add_candidate(b, li, (int)pos++, v, d);
		}
		b->in.nlists = li;
	}
	for (p = lots; *p != '\0';) {
		struct tally_lot *l = &b->lots[b->in.nlots++];

		while (*p == ' ')
			p++;
		if (*p == 'L') {
			p++;
			l->list = (int)num(&p);
		} else {
			assert_int_equal(*p, 'C');
			p++;
			l->list = (int)num(&p);
			assert_int_equal(*p, ':');
			p++;
			l->candidate = (int)num(&p);
		}
		while (*p == ' ')
			p++;
	}
	b->in.lots = b->lots;
	return b;
}

static void
input_free(struct input *b)
{
	free(b);
}

/* Appends to a string, bounded. */
static void
app(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
app(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* "7 2 2 1 1 1 1 0" */
static char *
render_seats(const struct tally_result *r, char *buf, size_t size)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < r->nlists; i++)
		app(buf, size, "%s%d", i ? " " : "", r->lists[i].seats);
	return buf;
}

/*
 * "R1" largest remainder to list 1, "U2" unique highest average, "H5" highest
 * average, "M4>1" P 9 from list 4 to list 1, "X10" list 10 gives a residual
 * seat back (P 10), "X1f" a full one; "+" before a seat going round again, "*"
 * after one a lot decided.
 */
static char *
render_steps(const struct tally_result *r, char *buf, size_t size)
{
	static const char code[TALLY_METHOD__MAX] = "RUHMX";
	const struct tally_result_step *s;
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < r->nsteps; i++) {
		s = &r->steps[i];
		app(buf, size, "%s%s%c", i ? " " : "", s->again ? "+" : "", code[s->method]);
		if (s->method == TALLY_METHOD_ABSOLUTE_MAJORITY)
			app(buf, size, "%d>%d", s->from_list, s->list);
		else if (s->method == TALLY_METHOD_LIST_EXHAUSTION)
			app(buf, size, "%d%s", s->from_list, s->full_seat ? "f" : "");
		else
			app(buf, size, "%d", s->list);
		if (s->by_lot)
			app(buf, size, "*");
	}
	return buf;
}

/* Per list "preference-elected/others", "; " between lists; "?" when not nominated. */
static char *
render_nominated(const struct tally_result *r, char *buf, size_t size)
{
	const struct tally_result_list *l;
	size_t i, k;

	buf[0] = '\0';
	for (i = 0; i < r->nlists; i++) {
		l = &r->lists[i];
		app(buf, size, "%s", i ? "; " : "");
		if (!l->nominated) {
			app(buf, size, "?");
			continue;
		}
		for (k = 0; k < l->nelected; k++)
			app(buf, size, "%s%d", k == l->npreference ? "/" : k ? " " : "", l->elected[k]);
		if (l->npreference == l->nelected)
			app(buf, size, "/");
	}
	return buf;
}

/* Per list the new ranking, "=" when unchanged. */
static char *
render_ranking(const struct tally_result *r, char *buf, size_t size)
{
	const struct tally_result_list *l;
	size_t i, k;

	buf[0] = '\0';
	for (i = 0; i < r->nlists; i++) {
		l = &r->lists[i];
		app(buf, size, "%s", i ? "; " : "");
		if (!l->ranking_changed) {
			app(buf, size, "=");
			continue;
		}
		for (k = 0; k < l->nranking; k++)
			app(buf, size, "%s%d", k ? " " : "", l->ranking[k]);
	}
	return buf;
}

/* The values compared at a step, in list order: "50 50 1/3 49". */
static char *
render_values(const struct tally_result_step *s, char *buf, size_t size)
{
	char t[64];
	size_t k;

	buf[0] = '\0';
	for (k = 0; k < s->ncompared; k++)
		app(buf, size, "%s%s", k ? " " : "", tally_frac_text(s->compared[k].value, t, sizeof t));
	return buf;
}

/* "list 2 3 4 @15/1" (options, seat, seats open), "p9 2 3 4 >1", "candidate 2: 1 2 @1/5". */
static char *
render_lot(const struct tally_result *r, char *buf, size_t size)
{
	const struct tally_result_lot_need *n = &r->lot;
	size_t k;

	buf[0] = '\0';
	if (!r->lot_pending)
		return buf;
	if (n->kind == TALLY_LOT_CANDIDATE)
		app(buf, size, "candidate %d:", n->list);
	else if (n->method == TALLY_METHOD_ABSOLUTE_MAJORITY)
		app(buf, size, "p9");
	else
		app(buf, size, "list");
	for (k = 0; k < n->noptions; k++)
		app(buf, size, " %d", n->options[k]);
	if (n->method == TALLY_METHOD_ABSOLUTE_MAJORITY)
		app(buf, size, " >%d", n->list);
	else
		app(buf, size, " @%d/%d", n->seat, n->seats_open);
	return buf;
}

/* What every complete result must hold. */
static void
check_invariants(const struct tally_result_in *in, const struct tally_result *r, const char *name)
{
	const struct tally_result_list_in *li;
	const struct tally_result_list *l;
	size_t i, j, k;
	int sum = 0, found;

	assert_int_equal(r->nlists, in->nlists);
	for (i = 0; i < r->nlists; i++) {
		li = &in->lists[i];
		l = &r->lists[i];
		sum += l->seats;
		if (l->full_seats < 0 || l->residual_seats < 0 || l->full_seats + l->residual_seats != l->seats)
			fail_msg("%s: list %d: %d full + %d residual != %d", name, l->number, l->full_seats,
			    l->residual_seats, l->seats);
		if (l->seats > l->living || (li->votes == 0 && l->seats != 0))
			fail_msg("%s: list %d: %d seats, %d living, %ld votes", name, l->number, l->seats,
			    l->living, li->votes);
		if (!l->nominated || l->nelected != (size_t)l->seats || l->npreference > l->nelected ||
		    l->nranking != (size_t)l->living)
			fail_msg("%s: list %d: nominated %d, %zu elected of %d seats, %zu ranked of %d",
			    name, l->number, l->nominated, l->nelected, l->seats, l->nranking, l->living);
		for (k = 0; k < l->nranking; k++) {
			for (found = 0, j = 0; j < li->ncandidates; j++)
				if (li->candidates[j].position == l->ranking[k] && !li->candidates[j].deceased)
					found++;
			for (j = 0; j < k; j++)
				if (l->ranking[j] == l->ranking[k])
					found = 0;
			if (found != 1)
				fail_msg("%s: list %d: ranking holds %d wrongly", name, l->number, l->ranking[k]);
		}
		for (k = 0; k < l->nelected; k++)
			if (l->elected[k] != l->ranking[k])
				fail_msg("%s: list %d: the elected are not the head of the ranking", name,
				    l->number);
	}
	if (sum + r->empty_seats != r->seats)
		fail_msg("%s: %d seats + %d empty != %d", name, sum, r->empty_seats, r->seats);
	for (k = 0; k < r->nsteps; k++)
		if (r->steps[k].seat < 1 || r->steps[k].seat > r->seats)
			fail_msg("%s: step %zu has seat %d", name, k, r->steps[k].seat);
	assert_int_equal(r->allocated, 1);
	assert_int_equal(r->lot_pending, 0);
}


/* ------------------------------------------------------------------ */
/* The table                                                           */
/* ------------------------------------------------------------------ */

struct row {
	const char *name;       /* where the numbers come from */
	int seats;
	const char *lists;      /* spec */
	int status;
	const char *seats_out;  /* seats per list */
	const char *steps;      /* NULL: not checked */
	const char *nominated;  /* NULL: not checked */
	const char *ranking;    /* NULL: not checked */
	int empty;              /* empty seats */
	const char *lots;       /* lots drawn, in order; NULL: none */
};

/* The candidate votes of Abacus's "Actual case from GR2022" (P 9). */
#define GR2022_P9 \
	"1069 303 321 210 36 101 79 121 150 149 15 17 | " \
	"452 39 81 76 35 109 29 25 17 6 18 9 25 30 5 18 3 | " \
	"229 63 65 9 10 58 29 50 6 11 37 | 347 33 14 82 30 30 | 266 36 39 36 38 38"

/* Abacus's "Actual case from GR2022" (P 10, 17 seats). */
#define GR2022_P10 \
	"754 85 84 40 31 15 2 38 3 4 8 8 4 17 5 3 15 | 274 48 11 76 10 66 | " \
	"470 47 53 131 31 62 10 4 1 10 13 | 382 109 55 12 29 29 9 2 6 13 12 | " \
	"323 46 106 16 6 31 20 34 6 13 | 253 221 93 9 18 7 12 36 | " \
	"169 123 26 209 3 11 11 3 22 6 7 1 15 | 189 17 7 40 4 7 3 9 2 23 9 9 4 3 | " \
	"439 64 78 22 71 21 37 9 20 7 38 378 | 716 | 221 53 15 7 27 57"

/* Abacus's "Actual case from GR2026" (33 seats). */
#define GR2026 \
	"1596 870 1023 298 477 86 118 714 283 133 286 256 104 45 17 41 126 18 144 89 11 64 30 22 " \
	"188 1229 | " \
	"3104 310 280 110 280 137 166 68 20 124 34 12 11 22 33 6 6 6 14 12 14 16 1 1 4 6 8 3 3 5 4 " \
	"2 6 5 2 1 7 1 1 3 6 3 9 9 17 | " \
	"547 123 165 224 93 14 8 228 17 23 109 2 27 40 3 8 44 13 25 10 8 10 13 14 7 34 42 | " \
	"730 288 218 84 159 144 37 62 109 27 41 52 16 39 34 43 33 18 38 14 31 14 17 22 50 17 34 7 " \
	"51 157 | " \
	"631 58 99 19 31 25 11 13 14 23 8 1 23 3 14 15 86 | " \
	"628 181 212 75 69 86 65 68 13 30 80 67 5 16 14 19 11 22 33 14 5 34 19 24 4 11 47 | " \
	"882 91 106 21 80 43 19 8 5 36 9 1 13 23 | " \
	"264 134 27 29 5 19 25 6 8 16 5 2 2 0 5 5 6 3 3 9 | " \
	"242 21 140 44 5 15 5 30 60 7 10 20 3 6 0 2 0 7"

#define OK TALLY_RESULT_OK

static const struct row rows[] = {
	/* --- issue 10 ------------------------------------------------- */
	{ "issue 10: 15 seats, largest remainders", 15, "50: 540 160 160 80 80 80 60 40", OK,
	  "7 2 2 1 1 1 1 0", "R1 R7", NULL, NULL, 0, NULL },
	{ "issue 10: 15 seats, P 9", 15, "50: 2571 977 567 536 453", OK,
	  "8 3 2 1 1", "R2 R3 R4 M4>1", NULL, NULL, 0, NULL },
	{ "issue 10: 23 seats, highest averages", 23, "50: 600 302 98 99 101", OK,
	  "12 6 1 2 2", "H5 H2 H1 H4", NULL, NULL, 0, NULL },

	/* --- Abacus seat_assignment, fewer than 19 seats -------------- */
	{ "lt_19_seats::test_without_remainder_seats", 15, "50: 480 160 160 160 80 80 80", OK,
	  "6 2 2 2 1 1 1", "", NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_with_residual_seats_assigned_with_largest_remainders_method", 15,
	  "50: 540 160 160 80 80 80 60 40", OK, "7 2 2 1 1 1 1 0", "R1 R7", NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_with_1_list_that_meets_threshold", 15,
	  "50: 808 59 58 57 56 55 54 53", OK, "12 1 1 1 0 0 0 0", "R1 U1 U2 U3 U4", NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_with_3_lists_that_meet_threshold_0_remainders", 15,
	  "50: 480 240 240 55 50 45 45 45", OK, "7 4 4 0 0 0 0 0", "R1 R2 R3", NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_with_0_lists_that_meet_threshold", 3, "50: 8 7 6 5 4 3 2 1 1 1", OK,
	  "1 1 1 0 0 0 0 0 0 0", "U1 U2 U3", NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_1st_round_unique_highest_averages_method_regression", 10,
	  "50: 0 3 5 6 7 79", OK, "0 0 0 0 1 9", "R6 U6 U5", NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_with_0_votes (Teller refuses; Abacus leaves the seats empty)", 10,
	  "50: 0 0 0 0 0", TALLY_RESULT_NO_VOTES, "", NULL, NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_with_absolute_majority_of_votes_but_not_seats", 15,
	  "50: 2571 977 567 536 453", OK, "8 3 2 1 1", "R2 R3 R4 M4>1", NULL, NULL, 0, NULL },
	{ "lt_19_seats::test_exactly_half_of_votes_should_not_trigger_absolute_majority_reassignment",
	  7, "50: 500 300 200", OK, "4 2 1", "R1", NULL, NULL, 0, NULL },
	{ "lt_19_seats::drawing_of_lots::test_with_absolute_majority_of_votes_but_not_seats_with_"
	  "drawing_of_lots_error (before the lot)", 15, "50: 2552 511 511 511 509 509",
	  TALLY_RESULT_LOT, "7 2 2 2 1 1", "R2 R3 R4", NULL, NULL, 0, NULL },
	{ "lt_19_seats::drawing_of_lots::test_with_0_remainders_drawing_of_lots_required (before)",
	  15, "50: 540 160 160 80 80 80 55 45", TALLY_RESULT_LOT, "7 2 2 1 1 1 0 0", "R1", NULL, NULL,
	  0, NULL },
	{ "lt_19_seats::drawing_of_lots::test_with_drawing_of_lots_required (before)", 15,
	  "50: 500 140 140 140 140 140", TALLY_RESULT_LOT, "6 1 1 1 1 1", "", NULL, NULL, 0, NULL },

	/* --- Abacus seat_assignment, list exhaustion below 19 --------- */
	{ "lt_19_seats::list_exhaustion::test_with_list_exhaustion_during_full_seats_assignment", 15,
	  "#1: 500 500 500 500 | #2: 400 400 400 400 | #4: 400 400 400 | #5: 400 400 | #7: 200 200",
	  OK, "4 4 3 2 2", "X1f +R7", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_list_exhaustion_during_residual_seats_assignment_"
	  "with_largest_remainders_method (GR2022)", 17, GR2022_P10, OK,
	  "3 1 2 2 1 2 1 0 3 1 1", "R3 R11 R9 R10 R1 R4 X10 +R6", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_list_exhaustion_during_residual_seats_assignment_"
	  "with_unique_highest_averages_method", 10, "0 | 3 | 5 | 6 | 7 | 7*10 9", OK,
	  "0 0 0 1 1 8", "R6 U6 U5 X6 +U4", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_list_exhaustion_triggering_2nd_round_highest_"
	  "average_assignment_with_same_averages", 6, "3 2 | 3 2 | 25 25", OK, "2 2 2",
	  "R3 X3 X3f X3f X3f +U1 +U2 +H1 +H2", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_list_exhaustion_triggering_2nd_round_highest_"
	  "average_assignment_with_different_averages", 6, "3 3 | 2 2 | 25 25", OK, "2 2 2",
	  "R3 X3 X3f X3f X3f +U1 +U2 +H1 +H2", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_absolute_majority_of_votes_but_not_seats_and_list_"
	  "exhaustion", 15, "2571 6*0 | 977 0 0 0 | 567 0 | 536 0 | 453 0", OK, "7 3 2 2 1",
	  "R2 R3 R4 M4>1 X1 +R4", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_absolute_majority_of_votes_but_not_seats_and_list_"
	  "exhaustion_triggering_unique_highest_averages_assignment", 8, "32 0 0 0 0 | 41 0 0 | 7", OK,
	  "4 3 1", "R1 M1>2 X2 X2f +R1 +U3", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_absolute_majority_of_votes_but_not_seats_and_list_"
	  "exhaustion_triggering_multiple_unique_highest_averages_assignment", 8,
	  "537 0 | 10 | 426 5*0", OK, "2 1 5", "R3 M3>1 X1 X1f X1f +R3 +U3 +U2", NULL, NULL, 0, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_all_lists_exhausted_leaves_seat_empty", 15,
	  "500 500 500 500 | 400 400 400 400 | 400 400 400 | 400 400 | 400", OK, "4 4 3 2 1", "X1f",
	  NULL, NULL, 1, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_2_exhausted_lists_leaves_seat_unassigned", 15,
	  "500 500 500 500 | 500 500 500 500 | 400 400 400 | 400 0 | 400", OK, "4 4 3 2 1",
	  "X1f X2f +R4", NULL, NULL, 1, NULL },
	{ "lt_19_seats::list_exhaustion::test_with_list_exhaustion_due_to_deceased_candidates", 15,
	  "610 0 0 0 0 0d | 520 6*0 | 370 4*0", OK, "5 6 4", "R3 X1f +R2", NULL, NULL, 0, NULL },

	/* --- Abacus seat_assignment, 19 seats or more ----------------- */
	{ "gte_19_seats::test_without_remainder_seats", 25, "50: 576 288 96 96 96 48", OK,
	  "12 6 2 2 2 1", "", NULL, NULL, 0, NULL },
	{ "gte_19_seats::test_with_non_consecutive_list_numbers", 23,
	  "#1: 12*50 | #3: 52 5*50 | #4: 98 | #6: 50 49 | #7: 51 50", OK, "12 6 1 2 2",
	  "H7 H3 H1 H6", NULL, NULL, 0, NULL },
	{ "gte_19_seats::test_with_remainder_seats", 23, "50: 600 302 98 99 101", OK, "12 6 1 2 2",
	  "H5 H2 H1 H4", NULL, NULL, 0, NULL },
	{ "gte_19_seats::test_with_multiple_remainder_seats_assigned_to_one_list", 19,
	  "50: 808 57 56 55 54 53 52 51 14", OK, "15 1 1 1 1 0 0 0 0", "H1 H1 H2 H3 H4 H5 H1", NULL,
	  NULL, 0, NULL },
	{ "gte_19_seats::test_with_0_votes (Teller refuses)", 19, "50: 0", TALLY_RESULT_NO_VOTES, "",
	  NULL, NULL, NULL, 0, NULL },
	{ "gte_19_seats::test_with_absolute_majority_of_votes_but_not_seats", 24,
	  "50: 7501 1249 1249 1249 1249 1249 1248 7", OK, "13 2 2 2 2 2 1 0",
	  "H2 H3 H4 H5 H6 H7 M7>1", NULL, NULL, 0, NULL },
	{ "gte_19_seats::drawing_of_lots::test_with_absolute_majority_of_votes_but_not_seats_with_"
	  "drawing_of_lots_error (before)", 24, "50: 7501 1249 1249 1249 1249 1248 1248 8",
	  TALLY_RESULT_LOT, "12 2 2 2 2 2 2 0", "H2 H3 H4 H5 H6 H7", NULL, NULL, 0, NULL },
	{ "gte_19_seats::drawing_of_lots::test_with_drawing_of_lots_required (before)", 23,
	  "50: 500 140 140 140 140 140", TALLY_RESULT_LOT, "10 2 2 2 2 2", "H1", NULL, NULL, 0, NULL },
	{ "gte_19_seats::drawing_of_lots::test_with_drawing_of_lots_one_list_drawn (before)", 24,
	  "50: 500 140 140 140", TALLY_RESULT_LOT, "14 3 3 3", "H1", NULL, NULL, 0, NULL },
	{ "gte_19_seats::list_exhaustion::test_with_list_exhaustion_during_full_seats_assignment", 20,
	  "500 500 500 500 | 5*400 | 400 400 400 400 | 400 400 400 400 | 400 400 0", OK,
	  "4 5 4 4 3", "X1f +H5", NULL, NULL, 0, NULL },
	{ "gte_19_seats::list_exhaustion::test_with_list_exhaustion_during_residual_seats_assignment",
	  19, "400 400 400 399 0 | 400 400 400 398 0 | 400 400 400 398 0 | 400 400 400 398 0 | 502 502",
	  OK, "5 4 4 4 2", "H5 X5 +H1", NULL, NULL, 0, NULL },
	{ "gte_19_seats::list_exhaustion::test_with_absolute_majority_of_votes_but_not_seats_and_list_"
	  "exhaustion", 24, "7501 11*0 | 1249 0 | 1249 0 | 1249 0 | 1249 0 | 1249 0 | 1248 0 | 7", OK,
	  "12 2 2 2 2 2 2 0", "H2 H3 H4 H5 H6 H7 M7>1 X1 +H7", NULL, NULL, 0, NULL },
	{ "gte_19_seats::list_exhaustion::test_with_all_lists_exhausted_leaves_seat_unassigned", 20,
	  "500 500 500 500 | 5*400 | 400 400 400 400 | 400 400 400 400 | 400 400", OK, "4 5 4 4 2",
	  "X1f", NULL, NULL, 1, NULL },
	{ "gte_19_seats::list_exhaustion::test_with_2_exhausted_lists_leaves_seat_unassigned", 20,
	  "500 500 500 500 | 500 500 500 500 | 400 400 400 400 | 400 400 400 400 | 400 400 0", OK,
	  "4 4 4 4 3", "X1f X2f +H5", NULL, NULL, 1, NULL },
	{ "gte_19_seats::list_exhaustion::test_lists_with_zero_vote_not_assigned_seats", 10,
	  "500 0 0 0 0 | 0 | 0 | 0 | 0", OK, "5 0 0 0 0", "X1f X1f X1f X1f X1f", NULL, NULL, 5, NULL },
	{ "gte_19_seats::list_exhaustion::test_with_list_exhaustion_due_to_deceased_candidates", 20,
	  "810 6*0 0d | 620 6*0 | 570 6*0", OK, "7 7 6", "H3 X1f +H2", NULL, NULL, 0, NULL },

	/* --- Abacus lib.rs (the whole process) ------------------------ */
	{ "lib::test_apportionment_process", 15, "50: 540 160 160 80 80 80 60 40", OK,
	  "7 2 2 1 1 1 1 0", "R1 R7",
	  "1/2 3 4 5 6 7; 1/2; 1/2; 1/; 1/; 1/; 1/; /", "=; =; =; =; =; =; =; =", 0, NULL },
	{ "lib::test_apportionment_process_with_deceased_candidates", 15,
	  "540d 48*0 0d | 160 49*0 | 160 49*0 | 80 49*0 | 80 49*0 | 80 49*0 | 60 49*0 | 40 49*0", OK,
	  "7 2 2 1 1 1 1 0", "R1 R7",
	  "/2 3 4 5 6 7 8; 1/2; 1/2; 1/; 1/; 1/; 1/; /", NULL, 0, NULL },
	{ "lib::deceased_scenarios: no deceased", 5, "300 0 0 | 100 0 | 80 0", OK, "3 1 1", "R3",
	  NULL, NULL, 0, NULL },
	{ "lib::deceased_scenarios: alive count still covers its seats", 5, "300 0 0 | 100 0d | 80 0",
	  OK, "3 1 1", "R3", NULL, NULL, 0, NULL },
	{ "lib::deceased_scenarios: single-seat exhaustion on list 1", 5, "300 0 0d | 100 0 | 80 0",
	  OK, "2 2 1", "R3 X1f +R2", NULL, NULL, 0, NULL },
	{ "lib::deceased_scenarios: two-seat exhaustion on list 1", 5, "300 0d 0d | 100 0 | 80 0", OK,
	  "1 2 2", "R3 X1f X1f +R2 +U3", NULL, NULL, 0, NULL },
	{ "lib::deceased_scenarios: all of list 3 deceased", 5, "300 0 0 | 100 0 | 80d 0d", OK,
	  "3 2 0", "R3 X3 +R2", NULL, NULL, 0, NULL },

	/* --- Abacus candidate_nomination ------------------------------ */
	{ "candidate_nomination::lt_19_seats::test_with_lt_19_seats_and_preferential_candidate_"
	  "nomination_and_updated_candidate_ranking (GR2022)", 15, GR2022_P9, OK, "8 3 2 1 1",
	  "R2 R3 R4 M4>1", "1 3 2 4/5 6 7 8; 1/2 3; 1/2; 1/; 1/",
	  "1 3 2 4 5 6 7 8 9 10 11 12; =; =; =; =", 0, NULL },
	{ "candidate_nomination::lt_19_seats::test_with_lt_19_seats_and_non_consecutive_list_and_"
	  "candidate_numbers (list 7's candidates in position order)", 15,
	  "#1: 1=1069 3=303 4=321 5=210 7=36 8=101 9=79 10=121 11=150 12=181 | "
	  "#2: 2=452 3=39 4=81 6=274 7=131 | #4: 1=229 2=147 4=191 | #5: 1=347 3=189 | "
	  "#7: 2=187 3=266", OK, "8 3 2 1 1", "R2 R4 R5 M5>1",
	  "1 4 3 5 12/7 8 9; 2 6/3; 1 4/; 1/; 3/",
	  "1 4 3 5 12 7 8 9 10 11; 2 6 3 4 7; 1 4 2; =; 3 2", 0, NULL },
	{ "candidate_nomination::lt_19_seats::test_with_lt_19_seats_and_no_preferential_candidate_"
	  "nomination", 5, "5 4 4 4 4 | 4 5 4 4 4 | 4 4 5 4 4 | 4 4 4 5 4 | 4 4 4 4 5", OK,
	  "1 1 1 1 1", NULL, "/1; /1; /1; /1; /1", "=; =; =; =; =", 0, NULL },
	{ "candidate_nomination::lt_19_seats::test_with_lt_19_seats_and_no_preferential_candidate_"
	  "nomination_and_deceased_candidates", 5,
	  "5d 4 4 4 4 | 4 5 4 4 4 | 4 4 5 4 4 | 4 4 4 5 4 | 4 4 4 4 5", OK, "1 1 1 1 1", NULL,
	  "/2; /1; /1; /1; /1", "2 3 4 5; =; =; =; =", 0, NULL },
	{ "candidate_nomination::lt_19_seats::test_with_lt_19_seats_and_candidate_votes_meeting_"
	  "preference_threshold_but_no_seat", 18,
	  "80 70 60 50 40 30 20 5*0 | 80 60 40 20 4 0 0 | 0 0 0 0 16", OK, "11 7 0", NULL,
	  "1 2 3 4 5 6 7/8 9 10 11; 1 2 3 4/5 6 7; /", "=; =; 5 1 2 3 4", 0, NULL },
	{ "candidate_nomination::gte_19_seats::test_with_gte_19_seats_and_candidate_votes_meeting_"
	  "preference_threshold_but_no_seat", 19,
	  "80 70 60 50 40 0 | 80 70 60 50 5 0 | 80 70 60 50 0 0 | 80 40 0 0 0 | 0 0 0 0 15", OK,
	  "6 6 5 2 0", NULL, "1 2 3 4 5/6; 1 2 3 4/5 6; 1 2 3 4/5; 1 2/; /", "=; =; =; =; =", 0, NULL },
	{ "candidate_nomination::gte_19_seats::test_with_gte_19_seats_and_more_candidates_eligible_"
	  "for_preferential_nomination_than_seats", 19,
	  "500 0 500 500 500 500 500 | 400 400 0 400 400 400 399 | 300 300 300 0 300 299 298 | "
	  "200 200 199 198 0 197 196 | 200 200 199 198 198 0 119", OK, "6 5 4 2 2", NULL,
	  "1 3 4 5 6 7/; 1 2 4 5 6/; 1 2 3 5/; 1 2/; 1 2/",
	  "1 3 4 5 6 7 2; 1 2 4 5 6 7 3; 1 2 3 5 6 7 4; 1 2 3 4 6 7 5; =", 0, NULL },
	{ "candidate_nomination (2025 version)::test_with_ge_19_seats_and_more_candidates_eligible_"
	  "for_preferential_nomination_than_seats", 19,
	  "6*500 | 5*400 399 | 4*300 299 298 | 200 200 199 198 197 196 | 200 200 199 199 198 198", OK,
	  "6 5 4 2 2", NULL, "1 2 3 4 5 6/; 1 2 3 4 5/; 1 2 3 4/; 1 2/; 1 2/", "=; =; =; =; =", 0, NULL },
	{ "candidate_nomination::gte_19_seats::test_with_gte_19_seats_and_preferential_candidate_"
	  "nomination_and_updated_candidate_ranking (GR2026; lists 3 and 9 tie at 617 for the last "
	  "seat, the published seats say the lot fell on list 9)", 33, GR2026, OK,
	  "13 7 2 4 1 3 2 0 1", "H1 H7 H4 H1 H6 H9*",
	  "1 26 3 2 8 5 4 11 9 12 25/6 7; 1 2 3 5/4 6 7; 1 8/; 1 2 3/4; 1/; 1 3 2/; 1/2; /; 1/",
	  "1 26 3 2 8 5 4 11 9 12 25 6 7 10 13 14 15 16 17 18 19 20 21 22 23 24; "
	  "1 2 3 5 4 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 "
	  "33 34 35 36 37 38 39 40 41 42 43 44 45; "
	  "1 8 4 2 3 5 6 7 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27; =; =; "
	  "1 3 2 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27; =; =; =", 0,
	  "L9" },
	{ "candidate_nomination (2025 version)::test_with_drawing_of_lots_error (before the lot)",
	  19, "6*500 | 6*400 | 6*300 | 6*200 | 6*200", TALLY_RESULT_LOT, "6 5 4 2 2", NULL,
	  "1 2 3 4 5 6/; ?; ?; ?; ?", NULL, 0, NULL },
};

static void
test_vectors(void **state)
{
	struct tally_result r;
	struct input *b;
	char got[4096];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *w = &rows[i];

		b = input_new(w->seats, w->lists, w->lots ? w->lots : "");
		rc = tally_result_compute(&b->in, &r);
		if (rc != w->status)
			fail_msg("%s: status %d (%s%s), want %d", w->name, rc, r.why,
			    render_lot(&r, got, sizeof got), w->status);
		if (rc == OK || rc == TALLY_RESULT_LOT) {
			render_seats(&r, got, sizeof got);
			if (strcmp(got, w->seats_out) != 0)
				fail_msg("%s: seats \"%s\", want \"%s\"", w->name, got, w->seats_out);
			if (w->steps != NULL && strcmp(render_steps(&r, got, sizeof got), w->steps) != 0)
				fail_msg("%s: steps \"%s\", want \"%s\"", w->name, got, w->steps);
			if (w->nominated != NULL &&
			    strcmp(render_nominated(&r, got, sizeof got), w->nominated) != 0)
				fail_msg("%s: elected \"%s\", want \"%s\"", w->name, got, w->nominated);
			if (w->ranking != NULL && strcmp(render_ranking(&r, got, sizeof got), w->ranking) != 0)
				fail_msg("%s: ranking \"%s\", want \"%s\"", w->name, got, w->ranking);
			if (r.empty_seats != w->empty)
				fail_msg("%s: %d empty seats, want %d", w->name, r.empty_seats, w->empty);
			if (rc == OK)
				check_invariants(&b->in, &r, w->name);
		}
		tally_result_free(&r);
		input_free(b);
	}
}

/* The fractions Abacus states for its vectors. */
static void
test_quota_remainders_and_thresholds(void **state)
{
	struct tally_result r;
	struct input *b;
	char t[64];

	(void)state;
	/* lt_19_seats::test_with_absolute_majority_of_votes_but_not_seats */
	b = input_new(15, "50: 2571 977 567 536 453", "");
	assert_int_equal(tally_result_compute(&b->in, &r), OK);
	assert_int_equal(r.quota.num, 5104);
	assert_int_equal(r.quota.den, 15);
	assert_string_equal(tally_frac_text(r.quota, t, sizeof t), "340 4/15");
	assert_string_equal(tally_frac_text(r.lists[0].remainder, t, sizeof t), "189 2/15");
	assert_string_equal(tally_frac_text(r.lists[1].remainder, t, sizeof t), "296 7/15");
	assert_string_equal(tally_frac_text(r.lists[2].remainder, t, sizeof t), "226 11/15");
	assert_string_equal(tally_frac_text(r.lists[3].remainder, t, sizeof t), "195 11/15");
	assert_string_equal(tally_frac_text(r.lists[4].remainder, t, sizeof t), "112 11/15");
	assert_int_equal(r.preference_percent, 50);
	assert_string_equal(tally_frac_text(r.preference_threshold, t, sizeof t), "170 2/15");
	assert_string_equal(tally_frac_text(r.remainder_threshold, t, sizeof t), "255 1/5");
	assert_int_equal(r.full_seats, 12);
	assert_int_equal(r.residual_seats, 3);
	assert_int_equal(r.votes, 5104);
	tally_result_free(&r);
	input_free(b);

	/* gte_19_seats::test_with_remainder_seats: the averages it lists per step */
	b = input_new(23, "50: 600 302 98 99 101", "");
	assert_int_equal(tally_result_compute(&b->in, &r), OK);
	assert_int_equal(r.preference_percent, 25);
	assert_string_equal(render_values(&r.steps[0], t, sizeof t), "50 50 1/3 49 49 1/2 50 1/2");
	assert_string_equal(render_values(&r.steps[1], t, sizeof t), "50 50 1/3 49 49 1/2 33 2/3");
	assert_string_equal(render_values(&r.steps[2], t, sizeof t), "50 43 1/7 49 49 1/2 33 2/3");
	assert_string_equal(render_values(&r.steps[3], t, sizeof t), "46 2/13 43 1/7 49 49 1/2 33 2/3");
	assert_int_equal(r.steps[0].seat, 20);
	assert_int_equal(r.steps[3].seat, 23);
	assert_int_equal(r.remainder_threshold.num, 0);
	tally_result_free(&r);
	input_free(b);
}

/* ------------------------------------------------------------------ */
/* The law's cases                                                      */
/* ------------------------------------------------------------------ */

/* Computes seats/spec/lots, checks the status, and leaves the result in *r. */
static struct input *
run(int seats, const char *spec, const char *lots, int want, struct tally_result *r)
{
	struct input *b = input_new(seats, spec, lots);
	char t[512];
	int rc = tally_result_compute(&b->in, r);

	if (rc != want)
		fail_msg("%d seats, %s, lots \"%s\": status %d (%s%s), want %d", seats, spec, lots, rc,
		    r->why, render_lot(r, t, sizeof t), want);
	if (rc == OK)
		check_invariants(&b->in, r, spec);
	return b;
}

static void
done(struct input *b, struct tally_result *r)
{
	tally_result_free(r);
	input_free(b);
}

#define SEATS(r, want) do { char t_[512]; assert_string_equal(render_seats((r), t_, sizeof t_), (want)); } while (0)
#define STEPS(r, want) do { char t_[512]; assert_string_equal(render_steps((r), t_, sizeof t_), (want)); } while (0)
#define NOMINATED(r, want) do { char t_[2048]; assert_string_equal(render_nominated((r), t_, sizeof t_), (want)); } while (0)
#define RANKING(r, want) do { char t_[2048]; assert_string_equal(render_ranking((r), t_, sizeof t_), (want)); } while (0)
#define LOT(r, want) do { char t_[512]; assert_string_equal(render_lot((r), t_, sizeof t_), (want)); } while (0)

/* One case per method, each named by its JSON word. */
static void
test_each_method(void **state)
{
	static const struct {
		int seats;
		const char *spec, *method, *label;
		size_t step;
	} cases[] = {
		{ 15, "50: 540 160 160 80 80 80 60 40", "largest_remainder", "grootste overschot", 0 },
		{ 15, "50: 808 59 58 57 56 55 54 53", "unique_highest_average",
		  "grootste gemiddelde, één zetel per lijst", 1 },
		{ 23, "50: 600 302 98 99 101", "highest_average", "grootste gemiddelde", 0 },
		{ 15, "50: 2571 977 567 536 453", "absolute_majority",
		  "volstrekte meerderheid (artikel P 9 Kieswet)", 3 },
		{ 15, "500 500 500 500 | 400 400 400 400 | 400 400 400 | 400 400 | 200 200",
		  "list_exhaustion", "lijstuitputting (artikel P 10 Kieswet)", 0 },
	};
	struct tally_result r;
	struct input *b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		b = run(cases[i].seats, cases[i].spec, "", OK, &r);
		assert_true(cases[i].step < r.nsteps);
		assert_string_equal(tally_result_method_name(r.steps[cases[i].step].method), cases[i].method);
		assert_string_equal(tally_result_method_label(r.steps[cases[i].step].method), cases[i].label);
		done(b, &r);
	}
}

/*
 * P 9 needs more than half of the votes: 500 of 1000 at 14 seats keeps 7
 * seats (half) and nothing moves; 501 of 1001 takes the last residual seat
 * (seat 14, largest remainder to list 2).
 */
static void
test_p9_exactly_half_is_not_enough(void **state)
{
	struct tally_result r;
	struct input *b;

	(void)state;
	b = run(14, "50: 500 250 150 100", "", OK, &r);
	SEATS(&r, "7 4 2 1");
	STEPS(&r, "R2");
	done(b, &r);

	b = run(14, "50: 501 250 150 100", "", OK, &r);
	SEATS(&r, "8 3 2 1");
	STEPS(&r, "R2 M2>1");
	assert_int_equal(r.steps[1].seat, 14);
	assert_int_equal(r.steps[1].from_list, 2);
	assert_int_equal(r.steps[1].list, 1);
	assert_int_equal(r.steps[1].by_lot, 0);
	assert_int_equal(r.steps[1].ntied, 1);
	assert_int_equal(r.steps[1].tied[0], 2);
	assert_int_equal(r.lists[0].residual_seats, 1);
	assert_int_equal(r.lists[1].residual_seats, 0);
	done(b, &r);
}

/*
 * P 9 when the last residual seat went to tied lists at once: a lot decides
 * which gives it up (Abacus: test_with_absolute_majority_of_votes_but_not_
 * seats_with_drawing_of_lots_error, below and from 19 seats, list 3 and list
 * 6 drawn).
 */
static void
test_p9_lot_between_tied_lists(void **state)
{
	struct tally_result r;
	struct input *b;
	struct tally_lot lot;

	(void)state;
	b = run(15, "50: 2552 511 511 511 509 509", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "p9 2 3 4 >1");
	assert_int_equal(r.lot.kind, TALLY_LOT_LIST);
	assert_int_equal(r.lot.method, TALLY_METHOD_ABSOLUTE_MAJORITY);
	assert_string_equal(r.lot.decides, "Het lot bepaalt welke van de lijsten 2, 3 en 4, die tegelijk "
	    "de laatste restzetels kregen, een zetel afstaat aan lijst 1, die de volstrekte meerderheid "
	    "van de stemmen heeft maar niet van de zetels (artikel P 9 Kieswet).");
	assert_int_equal(r.allocated, 0);
	assert_int_equal(r.lots_used, 0);
	STEPS(&r, "R2 R3 R4");
	lot = (struct tally_lot){ 3, 0 };
	assert_true(tally_result_lot_fits(&r, &lot));
	lot = (struct tally_lot){ 1, 0 };
	assert_false(tally_result_lot_fits(&r, &lot));
	lot = (struct tally_lot){ 5, 0 };
	assert_false(tally_result_lot_fits(&r, &lot));
	lot = (struct tally_lot){ 3, 1 };
	assert_false(tally_result_lot_fits(&r, &lot));
	done(b, &r);

	b = run(15, "50: 2552 511 511 511 509 509", "L3", OK, &r);
	SEATS(&r, "8 2 1 2 1 1");
	STEPS(&r, "R2 R3 R4 M3>1*");
	assert_int_equal(r.steps[3].seat, 14);  /* list 3 got seat 14 of 13, 14, 15 */
	assert_int_equal(r.steps[3].ntied, 3);
	assert_int_equal(r.steps[3].lot, 0);
	assert_int_equal(r.lots_used, 1);
	done(b, &r);

	b = run(15, "50: 2552 511 511 511 509 509", "L5", TALLY_RESULT_LOT_MISMATCH, &r);
	assert_int_equal(r.lots_used, 0);
	assert_null(r.steps);
	assert_null(r.lists);
	assert_non_null(strstr(r.why, "lists 2, 3, 4"));
	done(b, &r);

	b = run(15, "50: 2552 511 511 511 509 509", "L3 L2", TALLY_RESULT_LOTS_UNUSED, &r);
	done(b, &r);

	b = run(24, "50: 7501 1249 1249 1249 1249 1248 1248 8", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "p9 6 7 >1");
	done(b, &r);
	b = run(24, "50: 7501 1249 1249 1249 1249 1248 1248 8", "L6", OK, &r);
	SEATS(&r, "13 2 2 2 2 1 2 0");
	STEPS(&r, "H2 H3 H4 H5 H6 H7 M6>1*");
	done(b, &r);
}

/* Ties for residual seats, each lot settling one seat, replayed to the end. */
static void
test_list_lots_replayed(void **state)
{
	struct tally_result r;
	struct input *b;

	(void)state;
	/* Abacus lt_19 test_with_0_remainders_drawing_of_lots_required, list 6 drawn */
	b = run(15, "50: 540 160 160 80 80 80 55 45", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 3 4 5 6 @15/1");
	assert_int_equal(r.lot.method, TALLY_METHOD_LARGEST_REMAINDER);
	assert_string_equal(r.lot.decides, "Het lot bepaalt welke van de lijsten 2, 3, 4, 5 en 6 de "
	    "restzetel (zetel 15) krijgt; deze lijsten hebben een even groot overschot van 0.");
	done(b, &r);
	b = run(15, "50: 540 160 160 80 80 80 55 45", "L6", OK, &r);
	SEATS(&r, "7 2 2 1 1 2 0 0");
	STEPS(&r, "R1 R6*");
	assert_int_equal(r.steps[1].ntied, 5);
	done(b, &r);
	b = run(15, "50: 540 160 160 80 80 80 55 45", "L1", TALLY_RESULT_LOT_MISMATCH, &r);
	done(b, &r);
	b = run(15, "50: 540 160 160 80 80 80 55 45", "C2:1", TALLY_RESULT_LOT_MISMATCH, &r);
	done(b, &r);
	b = run(15, "50: 540 160 160 80 80 80 60 40", "L1", TALLY_RESULT_LOTS_UNUSED, &r);
	done(b, &r);

	/* Abacus lt_19 test_with_drawing_of_lots_required: five lists, four seats, four lots */
	b = run(15, "50: 500 140 140 140 140 140", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 3 4 5 6 @12/4");
	assert_string_equal(r.lot.decides, "Het lot bepaalt welke van de lijsten 2, 3, 4, 5 en 6 de "
	    "restzetel (zetel 12) krijgt; deze lijsten hebben een even groot overschot van 60. Voor hen "
	    "zijn nog 4 zetels; dit lot beslist alleen over zetel 12.");
	done(b, &r);
	b = run(15, "50: 500 140 140 140 140 140", "L4", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 3 5 6 @13/3");
	SEATS(&r, "6 1 1 2 1 1");
	assert_int_equal(r.lots_used, 1);
	done(b, &r);
	b = run(15, "50: 500 140 140 140 140 140", "L4 L3 L5", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 6 @15/1");
	done(b, &r);
	b = run(15, "50: 500 140 140 140 140 140", "L4 L3 L5 L6", OK, &r);
	SEATS(&r, "6 1 2 2 2 2");
	STEPS(&r, "R4* R3* R5* R6*");
	done(b, &r);

	/* Abacus gte_19 test_with_drawing_of_lots_required and ..._one_list_drawn */
	b = run(23, "50: 500 140 140 140 140 140", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 3 4 5 6 @21/3");
	assert_int_equal(r.lot.method, TALLY_METHOD_HIGHEST_AVERAGE);
	done(b, &r);
	b = run(23, "50: 500 140 140 140 140 140", "L4", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 3 5 6 @22/2");
	done(b, &r);
	b = run(24, "50: 500 140 140 140", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 3 4 @24/1");
	assert_string_equal(r.lot.decides, "Het lot bepaalt welke van de lijsten 2, 3 en 4 de restzetel "
	    "(zetel 24) krijgt; deze lijsten hebben een even groot gemiddelde van 35.");
	done(b, &r);
	b = run(24, "50: 500 140 140 140", "L3", OK, &r);
	SEATS(&r, "14 3 4 3");
	STEPS(&r, "H1 H3*");
	done(b, &r);

	/* A tie for seats going round again after list exhaustion (P 10) */
	b = run(7, "400 0 0d 0d | 100 0 | 100 0 | 100 0", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "list 2 3 4 @6/2");
	assert_int_equal(r.lot.again, 1);
	assert_int_equal(r.lot.from_list, 1);
	assert_string_equal(r.lot.decides, "Het lot bepaalt welke van de lijsten 2, 3 en 4 zetel 6 "
	    "krijgt, die lijst 1 wegens lijstuitputting heeft afgestaan (artikel P 10 Kieswet); deze "
	    "lijsten hebben een even groot overschot van 0. Voor hen zijn nog 2 zetels; dit lot beslist "
	    "alleen over zetel 6.");
	STEPS(&r, "X1f X1f");
	done(b, &r);
	b = run(7, "400 0 0d 0d | 100 0 | 100 0 | 100 0", "L3 L4", OK, &r);
	SEATS(&r, "2 1 2 2");
	STEPS(&r, "X1f X1f +R3* +R4*");
	done(b, &r);
}

/*
 * Candidates tied above the threshold beyond the list's seats: one lot per
 * seat (Abacus candidate_nomination test_with_drawing_of_lots_multiple_lots_
 * drawn: list 2 [500, 400 x 5] with 3 seats, 5 then 3 drawn; the other list
 * here gives it those 3 seats with 19 in all).
 */
static void
test_candidate_lots_replayed(void **state)
{
	struct tally_result r;
	struct input *b;
	struct tally_lot lot;

	(void)state;
	b = run(19, "10800 19*0 | 500 5*400", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "candidate 2: 2 3 4 5 6 @2/2");
	assert_string_equal(r.lot.decides, "Het lot bepaalt welke van de kandidaten op plaats 2, 3, 4, 5 "
	    "en 6 van lijst 2 de 2e zetel van die lijst krijgt; zij hebben elk 400 stemmen, meer dan de "
	    "voorkeurdrempel (artikel P 15 Kieswet). Voor hen zijn nog 2 zetels; dit lot beslist alleen "
	    "over de 2e.");
	assert_int_equal(r.allocated, 1);
	SEATS(&r, "16 3");
	assert_int_equal(r.lists[0].nominated, 1);
	assert_int_equal(r.lists[1].nominated, 0);
	lot = (struct tally_lot){ 2, 5 };
	assert_true(tally_result_lot_fits(&r, &lot));
	lot = (struct tally_lot){ 1, 5 };
	assert_false(tally_result_lot_fits(&r, &lot));
	lot = (struct tally_lot){ 2, 0 };
	assert_false(tally_result_lot_fits(&r, &lot));
	lot = (struct tally_lot){ 2, 1 };
	assert_false(tally_result_lot_fits(&r, &lot));
	done(b, &r);

	b = run(19, "10800 19*0 | 500 5*400", "C2:5", TALLY_RESULT_LOT, &r);
	LOT(&r, "candidate 2: 2 3 4 6 @3/1");
	done(b, &r);
	b = run(19, "10800 19*0 | 500 5*400", "C2:5 C2:3", OK, &r);
	NOMINATED(&r, "1/2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; 1 5 3/");
	RANKING(&r, "=; 1 5 3 2 4 6");
	assert_int_equal(r.lots_used, 2);
	done(b, &r);
	b = run(19, "10800 19*0 | 500 5*400", "C1:5", TALLY_RESULT_LOT_MISMATCH, &r);
	assert_non_null(strstr(r.why, "candidates 2, 3, 4, 5, 6 of list 2"));
	done(b, &r);
	b = run(19, "10800 19*0 | 500 5*400", "L2", TALLY_RESULT_LOT_MISMATCH, &r);
	done(b, &r);
	b = run(19, "10800 19*0 | 500 5*400", "C2:5 C2:3 C2:4", TALLY_RESULT_LOTS_UNUSED, &r);
	done(b, &r);

	/* Abacus candidate_nomination (2025) test_with_drawing_of_lots_error: six tied, five seats */
	b = run(19, "6*500 | 6*400 | 6*300 | 6*200 | 6*200", "", TALLY_RESULT_LOT, &r);
	LOT(&r, "candidate 2: 1 2 3 4 5 6 @1/5");
	done(b, &r);
	/* a tie that fits is no lot: six at 500 for six seats */
	b = run(19, "6*500 | 6*400 | 6*300 | 6*200 | 6*200", "C2:6 C2:1 C2:2 C2:3 C2:4 C3:1 C3:2 C3:3 "
	    "C3:4 C4:1 C4:2 C5:6 C5:5", OK, &r);
	NOMINATED(&r, "1 2 3 4 5 6/; 6 1 2 3 4/; 1 2 3 4/; 1 2/; 6 5/");
	RANKING(&r, "=; 6 1 2 3 4 5; =; =; 6 5 1 2 3 4");
	done(b, &r);
}

/* P 10 step by step: which seat, who gives it back, where it goes; empty seats. */
static void
test_p10_steps(void **state)
{
	struct tally_result r;
	struct input *b;
	size_t k;
	static const int seats[] = { 12, 13, 14, 15, 16, 17, 17, 17 };

	(void)state;
	b = run(17, GR2022_P10, "", OK, &r);
	assert_int_equal(r.full_seats, 11);
	assert_int_equal(r.residual_seats, 6);
	assert_int_equal(r.nsteps, 8);
	for (k = 0; k < r.nsteps; k++)
		assert_int_equal(r.steps[k].seat, seats[k]);
	assert_int_equal(r.steps[6].from_list, 10);
	assert_int_equal(r.steps[6].full_seat, 0);
	assert_int_equal(r.steps[7].again, 1);
	assert_int_equal(r.steps[7].from_list, 10);
	assert_int_equal(r.steps[7].list, 6);
	assert_int_equal(r.lists[9].given_back, 1);
	assert_int_equal(r.lists[9].exhausted, 1);
	assert_int_equal(r.lists[9].seats, 1);
	assert_int_equal(r.lists[9].residual_seats, 0);
	assert_int_equal(r.lists[5].exhausted, 0);
	done(b, &r);

	/* below 19, a full seat given back (Abacus: ..._during_full_seats_assignment) */
	b = run(15, "#1: 500 500 500 500 | #2: 400 400 400 400 | #4: 400 400 400 | #5: 400 400 | "
	    "#7: 200 200", "", OK, &r);
	assert_int_equal(r.steps[0].seat, 15);
	assert_int_equal(r.steps[0].full_seat, 1);
	assert_int_equal(r.steps[1].seat, 15);
	assert_int_equal(r.lists[0].full_seats, 4);
	assert_int_equal(r.lists[0].quotient_seats, 5);
	done(b, &r);

	/* two seats given back by deaths, going round by two methods */
	b = run(5, "300 0d 0d | 100 0 | 80 0", "", OK, &r);
	STEPS(&r, "R3 X1f X1f +R2 +U3");
	assert_int_equal(r.steps[1].seat, 4);
	assert_int_equal(r.steps[2].seat, 5);
	assert_int_equal(r.steps[3].seat, 4);
	assert_int_equal(r.steps[4].seat, 5);
	done(b, &r);

	/* 19 seats or more, a residual seat given back (Abacus gte_19) */
	b = run(19, "400 400 400 399 0 | 400 400 400 398 0 | 400 400 400 398 0 | 400 400 400 398 0 | "
	    "502 502", "", OK, &r);
	assert_int_equal(r.steps[1].full_seat, 0);
	assert_int_equal(r.steps[2].method, TALLY_METHOD_HIGHEST_AVERAGE);
	done(b, &r);

	/* every list exhausted: the seats stay empty, numbered last */
	b = run(10, "500 0 0 0 0 | 0 | 0 | 0 | 0", "", OK, &r);
	assert_int_equal(r.empty_seats, 5);
	for (k = 0; k < 5; k++)
		assert_int_equal(r.steps[k].seat, 6 + (int)k);
	NOMINATED(&r, "1/2 3 4 5; /; /; /; /");
	done(b, &r);
	b = run(9, "300 0 | 300 | 300 0 0", "", OK, &r);
	SEATS(&r, "2 1 3");
	assert_int_equal(r.empty_seats, 3);
	done(b, &r);
}

/* Deceased candidates are left out of the nomination and the ranking; their votes count. */
static void
test_deceased_change_who_is_elected(void **state)
{
	struct tally_result r;
	struct input *b;

	(void)state;
	b = run(15, "1069 303 321d 210 36 101 79 121 150 149 15 17 | "
	    "452 39 81 76 35 109 29 25 17 6 18 9 25 30 5 18 3 | 229 63 65 9 10 58 29 50 6 11 37 | "
	    "347 33 14 82 30 30 | 266 36 39 36 38 38", "", OK, &r);
	SEATS(&r, "8 3 2 1 1");
	NOMINATED(&r, "1 2 4/5 6 7 8 9; 1/2 3; 1/2; 1/; 1/");
	RANKING(&r, "1 2 4 5 6 7 8 9 10 11 12; =; =; =; =");
	assert_int_equal(r.lists[0].living, 11);
	assert_int_equal(r.lists[0].votes, 2571);
	done(b, &r);

	/* the first candidate of a list with one seat dies: the next one takes it */
	b = run(5, "50d 10 10 | 40 10 | 30 10", "", OK, &r);
	NOMINATED(&r, "/2 3; 1/2; 1/");
	RANKING(&r, "2 3; =; =");
	done(b, &r);
}

/*
 * The preference threshold: 50 % of the quota below 19 seats, 25 % from 19,
 * and strictly more votes than it. Each pair has a candidate exactly at the
 * threshold (100) and one vote above it, the list's votes the same.
 */
static void
test_preference_threshold_18_and_19_seats(void **state)
{
	struct tally_result r;
	struct input *b;
	char t[64];

	(void)state;
	b = run(18, "300 0 100 1 | 3199 15*0", "", OK, &r);
	assert_int_equal(r.preference_percent, 50);
	assert_string_equal(tally_frac_text(r.preference_threshold, t, sizeof t), "100");
	SEATS(&r, "2 16");
	NOMINATED(&r, "1/2; 1/2 3 4 5 6 7 8 9 10 11 12 13 14 15 16");
	done(b, &r);
	b = run(18, "300 0 101 0 | 3199 15*0", "", OK, &r);
	NOMINATED(&r, "1 3/; 1/2 3 4 5 6 7 8 9 10 11 12 13 14 15 16");
	RANKING(&r, "1 3 2 4; =");
	done(b, &r);

	b = run(19, "700 0 100 1 | 6799 16*0", "", OK, &r);
	assert_int_equal(r.preference_percent, 25);
	assert_string_equal(tally_frac_text(r.preference_threshold, t, sizeof t), "100");
	SEATS(&r, "2 17");
	NOMINATED(&r, "1/2; 1/2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17");
	done(b, &r);
	b = run(19, "700 0 101 0 | 6799 16*0", "", OK, &r);
	NOMINATED(&r, "1 3/; 1/2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17");
	done(b, &r);

	/* the same votes, 18 or 19 seats: 150 votes is below 211 1/9, above 100 */
	b = run(18, "1000 0 0 150 | 6450 49*0", "", OK, &r);
	assert_string_equal(tally_frac_text(r.preference_threshold, t, sizeof t), "211 1/9");
	SEATS(&r, "3 15");
	NOMINATED(&r, "1/2 3; 1/2 3 4 5 6 7 8 9 10 11 12 13 14 15");
	done(b, &r);
	b = run(19, "1000 0 0 150 | 6450 49*0", "", OK, &r);
	SEATS(&r, "3 16");
	NOMINATED(&r, "1 4/2; 1/2 3 4 5 6 7 8 9 10 11 12 13 14 15 16");
	RANKING(&r, "1 4 2 3; =");
	done(b, &r);
}

/*
 * The new ranking: above the threshold by votes (ties in list order), the
 * rest in list order; a list without seats keeps its order from 19 seats on
 * and changes below 19 (Abacus issue 1045).
 */
static void
test_new_ranking(void **state)
{
	struct tally_result r;
	struct input *b;

	(void)state;
	b = run(9, "100 0 300 0 300 0 50 | 600 6*0", "", OK, &r);
	SEATS(&r, "5 4");
	NOMINATED(&r, "3 5 1/2 4; 1/2 3 4");
	RANKING(&r, "3 5 1 2 4 6 7; =");
	done(b, &r);
	b = run(18, "80 70 60 50 40 30 20 5*0 | 80 60 40 20 4 0 0 | 0 0 0 0 16", "", OK, &r);
	RANKING(&r, "=; =; 5 1 2 3 4");
	done(b, &r);
	b = run(19, "80 70 60 50 40 0 | 80 70 60 50 5 0 | 80 70 60 50 0 0 | 80 40 0 0 0 | 0 0 0 0 15",
	    "", OK, &r);
	RANKING(&r, "=; =; =; =; =");
	done(b, &r);
	b = run(19, "80 70 60 50 40 0 | 80 70 60 50 5 0 | 80 70 60 50 0 0 | 80 40 0 0 0 | 0d 0 0 0 15",
	    "", OK, &r);
	RANKING(&r, "=; =; =; =; 2 3 4 5");
	done(b, &r);
}

/* The largest input there is: 99 lists of 100 candidates, 999 999 999 votes each, 200 seats. */
static void
test_bounds_do_not_overflow(void **state)
{
	struct tally_result r;
	struct input *b;
	size_t i, j;

	(void)state;
	b = input_new(200, "1", "");
	for (i = 0; i < TALLY_LISTS_MAX; i++) {
		b->lists[i].number = (int)i + 1;
		b->lists[i].ncandidates = TALLY_CANDIDATES_MAX;
		b->lists[i].votes = TALLY_COUNT_MAX - (long)i;  /* no ties */
		for (j = 0; j < TALLY_CANDIDATES_MAX; j++)
			b->c[i][j] = (struct tally_result_candidate){ (int)j + 1,
			    j == 99 ? TALLY_COUNT_MAX - (long)i - 99 : 1, 0 };
	}
	b->in.nlists = TALLY_LISTS_MAX;
	assert_int_equal(tally_result_compute(&b->in, &r), OK);
	check_invariants(&b->in, &r, "bounds");
	assert_int_equal(r.votes, 99LL * TALLY_COUNT_MAX - 99 * 98 / 2);
	assert_int_equal(r.lists[1].seats, 3);
	assert_int_equal(r.lists[2].seats, 2);
	assert_int_equal(r.lists[0].seats, 3);  /* 200 seats over 99 lists: 2 full, then averages */
	assert_int_equal(r.lists[0].elected[0], 100);
	done(b, &r);
}

/* Input that does not fit is refused, each with its status and a reason. */
static void
test_refusals(void **state)
{
	struct tally_result r;
	struct input *b;
	size_t k;
	static const struct {
		const char *name;
		int seats;
		const char *spec;
		int change, status;
	} cases[] = {
		{ "no seats", 0, "10 | 10", 0, TALLY_RESULT_NO_SEATS },
		{ "negative seats", -3, "10 | 10", 0, TALLY_RESULT_NO_SEATS },
		{ "too many seats", 201, "10 | 10", 0, TALLY_RESULT_NO_SEATS },
		{ "no votes at all", 9, "0 0 | 0", 0, TALLY_RESULT_NO_VOTES },
		{ "list number 0", 9, "#0: 10 | 10", 0, TALLY_RESULT_BAD_INPUT },
		{ "list numbers not rising", 9, "#3: 10 | #2: 10", 0, TALLY_RESULT_BAD_INPUT },
		{ "the same list twice", 9, "#2: 10 | #2: 10", 0, TALLY_RESULT_BAD_INPUT },
		{ "positions not rising", 9, "2=10 1=5 | 10", 0, TALLY_RESULT_BAD_INPUT },
		{ "position 0", 9, "0=10 | 10", 0, TALLY_RESULT_BAD_INPUT },
		{ "candidate votes out of range", 9, "1000000000 | 10", 0, TALLY_RESULT_BAD_INPUT },
		{ "list votes out of range", 9, "999999999 1 | 10", 0, TALLY_RESULT_BAD_INPUT },
		{ "negative votes", 9, "10 | 10", 1, TALLY_RESULT_BAD_INPUT },
		{ "list votes not the candidates' sum", 9, "10 | 10", 2, TALLY_RESULT_BAD_INPUT },
		{ "no lists", 9, "10", 3, TALLY_RESULT_BAD_INPUT },
		{ "too many lists", 9, "10", 4, TALLY_RESULT_BAD_INPUT },
		{ "too many candidates", 9, "10", 5, TALLY_RESULT_BAD_INPUT },
		{ "candidates missing", 9, "10 | 10", 6, TALLY_RESULT_BAD_INPUT },
		{ "lots missing", 9, "10 | 10", 7, TALLY_RESULT_BAD_INPUT },
	};

	(void)state;
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		b = input_new(cases[k].seats, cases[k].spec, "");
		switch (cases[k].change) {
		case 1: b->c[0][0].votes = -10; b->lists[0].votes = -10; break;
		case 2: b->lists[1].votes = 11; break;
		case 3: b->in.nlists = 0; break;
		case 4: b->in.nlists = TALLY_LISTS_MAX + 1; break;
		case 5: b->lists[0].ncandidates = TALLY_CANDIDATES_MAX + 1; break;
		case 6: b->lists[1].candidates = NULL; break;
		case 7: b->in.nlots = 1; b->in.lots = NULL; break;
		}
		if (tally_result_compute(&b->in, &r) != cases[k].status)
			fail_msg("%s: not refused with %d (%s)", cases[k].name, cases[k].status, r.why);
		if (r.why[0] == '\0' || r.lists != NULL || r.steps != NULL || r.nsteps != 0)
			fail_msg("%s: refused without a reason, or with a result", cases[k].name);
		if (cases[k].status != TALLY_RESULT_NO_VOTES) {
			char why[TALLY_RESULT_WHY_MAX];

			assert_int_equal(tally_result_check(&b->in, why, sizeof why), cases[k].status);
		}
		done(b, &r);
	}
	assert_int_equal(tally_result_compute(NULL, &r), TALLY_RESULT_BAD_INPUT);
	tally_result_free(&r);
	b = input_new(9, "10", "");
	assert_int_equal(tally_result_compute(&b->in, NULL), TALLY_RESULT_BAD_INPUT);
	assert_int_equal(tally_result_check(NULL, NULL, 0), TALLY_RESULT_BAD_INPUT);
	assert_int_equal(tally_result_check(&b->in, NULL, 0), OK);
	input_free(b);
}

/* The words: JSON names, Dutch labels, statuses, fractions. */
static void
test_texts(void **state)
{
	static const char *const names[TALLY_METHOD__MAX] = {
		"largest_remainder", "unique_highest_average", "highest_average", "absolute_majority",
		"list_exhaustion",
	};
	static const struct {
		int64_t num, den;
		const char *text;
	} fracs[] = {
		{ 0, 1, "0" }, { 80, 1, "80" }, { 2, 3, "2/3" }, { 2839, 15, "189 4/15" },
		{ -2, 3, "-2/3" }, { -7, 2, "-3 1/2" }, { 1, 0, "?" },
	};
	char t[64];
	size_t i, j;

	(void)state;
	for (i = 0; i < TALLY_METHOD__MAX; i++) {
		assert_string_equal(tally_result_method_name((enum tally_result_method)i), names[i]);
		assert_non_null(tally_result_method_label((enum tally_result_method)i));
		for (j = 0; j < i; j++)
			assert_string_not_equal(tally_result_method_label((enum tally_result_method)i),
			    tally_result_method_label((enum tally_result_method)j));
	}
	assert_null(tally_result_method_name(TALLY_METHOD__MAX));
	assert_null(tally_result_method_label((enum tally_result_method)-1));
	assert_string_equal(tally_lot_kind_name(TALLY_LOT_LIST), "list");
	assert_string_equal(tally_lot_kind_name(TALLY_LOT_CANDIDATE), "candidate");
	assert_null(tally_lot_kind_name(TALLY_LOT__MAX));
	for (i = 0; i < TALLY_RESULT__MAX; i++) {
		assert_string_not_equal(tally_result_strerror((int)i), "unknown status");
		for (j = 0; j < i; j++)
			assert_string_not_equal(tally_result_strerror((int)i), tally_result_strerror((int)j));
	}
	assert_string_equal(tally_result_strerror(-1), "unknown status");
	assert_string_equal(tally_result_strerror(TALLY_RESULT__MAX), "unknown status");
	for (i = 0; i < sizeof fracs / sizeof fracs[0]; i++)
		assert_string_equal(tally_frac_text((struct tally_frac){ fracs[i].num, fracs[i].den }, t,
		    sizeof t), fracs[i].text);
	assert_string_equal(tally_frac_text((struct tally_frac){ 2839, 15 }, t, 3), "18");
}

/* tally_result_lot_fits without a pending lot, and freeing twice. */
static void
test_lot_fits_and_free(void **state)
{
	struct tally_result r;
	struct input *b;
	struct tally_lot lot = { 1, 0 };

	(void)state;
	b = run(15, "50: 540 160 160 80 80 80 60 40", "", OK, &r);
	assert_false(tally_result_lot_fits(&r, &lot));
	assert_false(tally_result_lot_fits(NULL, &lot));
	assert_false(tally_result_lot_fits(&r, NULL));
	tally_result_free(&r);
	tally_result_free(&r);  /* a second free is harmless */
	tally_result_free(NULL);
	assert_null(r.lists);
	input_free(b);
}

/* A tiny benchmark: the largest municipality's shape, 45 seats, 30 lists of 50. */
static void
test_benchmark_45_seats_30_lists(void **state)
{
	char spec[30 * 64];
	struct tally_result r;
	struct input *b;
	struct timespec t0, t1;
	size_t used = 0, i;
	double us;
	int k, n = 2000;

	(void)state;
	for (i = 0; i < 30; i++)
		used += (size_t)snprintf(spec + used, sizeof spec - used, "%s%ld 4000 3000 47*%ld",
		    i ? " | " : "", 90000L - 2500L * (long)i, 10L + (long)i);
	b = input_new(45, spec, "");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 0; k < n; k++) {
		assert_int_equal(tally_result_compute(&b->in, &r), OK);
		tally_result_free(&r);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = ((double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3) / n;
	print_message("  tally_result_compute, 45 seats, 30 lists x 50 candidates: %.1f us\n", us);
	assert_true(us < 50000.0);  /* a sanity bound; the target is 1 s for everything */
	input_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_quota_remainders_and_thresholds),
		cmocka_unit_test(test_each_method),
		cmocka_unit_test(test_p9_exactly_half_is_not_enough),
		cmocka_unit_test(test_p9_lot_between_tied_lists),
		cmocka_unit_test(test_list_lots_replayed),
		cmocka_unit_test(test_candidate_lots_replayed),
		cmocka_unit_test(test_p10_steps),
		cmocka_unit_test(test_deceased_change_who_is_elected),
		cmocka_unit_test(test_preference_threshold_18_and_19_seats),
		cmocka_unit_test(test_new_ranking),
		cmocka_unit_test(test_bounds_do_not_overflow),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_lot_fits_and_free),
		cmocka_unit_test(test_benchmark_45_seats_30_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
