/*
 * The seat allocation and the nomination of candidates (result.h; domain.md
 * §8; Kieswet P 5-P 19a). Where the law leaves a choice, the Kiesraad's Abacus
 * settled it (its apportionment tests are ported in tests/test_result.c):
 *
 * - P 8: a list that got a largest-remainder seat may also get a seat in the
 *   round of unique highest averages (at most one per list in that round).
 * - P 9 is applied to the allocation of P 6-P 8; P 10 follows. The lists that
 *   got "the last residual seat at once" are those that won the last run of
 *   steps with one method and one value (a tie, whether all fitted or lots
 *   decided); between several of them a lot decides who gives it up.
 * - P 10: the first allocation does not look at candidates; a list with more
 *   seats than living candidates then gives the excess back (residual seats
 *   first) and those seats go round again by the same method (for fewer than
 *   19 seats: largest remainders, unique highest averages, highest averages,
 *   with the seats already held counted) among the lists that still have
 *   candidates. The seat a list lost under P 9 counts as no longer held.
 * - A list without votes never gets a seat; a seat no list can take stays empty.
 * - P 15: strictly more votes than the threshold; ties that all fit are
 *   elected in list order, a lot only when the tie exceeds the seats left.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/result.h"

#define NONE (-1)  /* assign_seat: no list can take the seat */

/* One list while the seats are given out. */
struct work {
	int64_t votes;
	int living;
	int full;        /* full seats it holds */
	int resid;       /* residual seats it holds */
	int lr_held;     /* of those, by largest remainder */
	int uha_held;    /* of those, by unique highest average */
	int meets;       /* votes >= 3/4 of the quota (P 8) */
	int64_t rem;     /* remainder x seats = votes x seats - full seats x total */
};

struct ctx {
	const struct tally_result_in *in;
	struct tally_result *out;
	struct work *w;
	size_t n;        /* lists */
	int seats;
	int64_t total;
	size_t cursor;   /* the next recorded lot to use */
};

static void
why(struct tally_result *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
why(struct tally_result *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->why, sizeof out->why, fmt, ap);
	va_end(ap);
}

static int64_t
gcd64(int64_t a, int64_t b)
{
	int64_t t;

	if (a < 0)
		a = -a;
	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* num / den reduced; den > 0. */
static struct tally_frac
frac(int64_t num, int64_t den)
{
	struct tally_frac f;
	int64_t g = gcd64(num, den);

	if (g == 0)
		g = 1;
	f.num = num / g;
	f.den = den / g;
	return f;
}

/* Sign of an / ad - bn / bd, dens > 0; the products stay below 2^45 (result.h). */
static int
cmp_raw(int64_t an, int64_t ad, int64_t bn, int64_t bd)
{
	int64_t l = an * bd, r = bn * ad;

	return (l > r) - (l < r);
}

static int
number(const struct ctx *c, size_t i)
{
	return c->in->lists[i].number;
}

/* Appends a zeroed step with room for ntied and ncompared lists; NULL when out of memory. */
static struct tally_result_step *
new_step(struct ctx *c, size_t ntied, size_t ncompared)
{
	struct tally_result *o = c->out;
	struct tally_result_step *s;
	size_t cap;

	if (o->nsteps == o->steps_cap) {
		cap = o->steps_cap ? 2 * o->steps_cap : 32;
		if ((s = realloc(o->steps, cap * sizeof *s)) == NULL)
			return NULL;
		o->steps = s;
		o->steps_cap = cap;
	}
	s = &o->steps[o->nsteps];
	memset(s, 0, sizeof *s);
	if (ntied > 0 && (s->tied = calloc(ntied, sizeof *s->tied)) == NULL)
		return NULL;
	if (ncompared > 0 && (s->compared = calloc(ncompared, sizeof *s->compared)) == NULL) {
		free(s->tied);
		s->tied = NULL;
		return NULL;
	}
	s->ntied = ntied;
	s->ncompared = ncompared;
	o->nsteps++;
	return s;
}

/* Lists as a reason reads them: "2, 3, 4". */
static void
join_numbers(char *buf, size_t size, const int *v, size_t n)
{
	size_t i, used = 0;
	int k;

	buf[0] = '\0';
	for (i = 0; i < n && used < size; i++) {
		k = snprintf(buf + used, size - used, "%s%d", i ? ", " : "", v[i]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}

/*
 * A tie that needs a lot: uses the next recorded lot, which must fall on one
 * of need's options (and for a candidate lot, on need's list), and sets *pick
 * to the option's index; or, when none is left, makes need the pending lot.
 * Returns OK, LOT or LOT_MISMATCH.
 */
static int
draw(struct ctx *c, struct tally_result_lot_need *need, size_t *pick, size_t *lot)
{
	const struct tally_lot *l;
	char opts[96];
	size_t k;

	if (c->cursor >= c->in->nlots) {
		tally_result_lot_text(need, need->decides, sizeof need->decides);
		c->out->lot = *need;
		c->out->lot_pending = 1;
		return TALLY_RESULT_LOT;
	}
	l = &c->in->lots[c->cursor];
	for (k = 0; k < need->noptions; k++) {
		if (need->kind == TALLY_LOT_LIST && l->candidate == 0 && l->list == need->options[k])
			break;
		if (need->kind == TALLY_LOT_CANDIDATE && l->list == need->list &&
		    l->candidate == need->options[k])
			break;
	}
	if (k == need->noptions) {
		join_numbers(opts, sizeof opts, need->options, need->noptions);
		if (need->kind == TALLY_LOT_LIST)
			why(c->out, "lot %zu (list %d, candidate %d) does not fit: the lot is between "
			    "lists %s", c->cursor + 1, l->list, l->candidate, opts);
		else
			why(c->out, "lot %zu (list %d, candidate %d) does not fit: the lot is between "
			    "candidates %s of list %d", c->cursor + 1, l->list, l->candidate, opts,
			    need->list);
		c->out->lots_used = c->cursor;
		return TALLY_RESULT_LOT_MISMATCH;
	}
	*pick = k;
	*lot = c->cursor++;
	return TALLY_RESULT_OK;
}

/* ------------------------------------------------------------------ */
/* The seats (P 5-P 10)                                                */
/* ------------------------------------------------------------------ */

/* The value a list competes with: its remainder, or votes / (seats held + 1). */
static void
raw_value(const struct ctx *c, size_t i, enum tally_result_method m, int64_t *num, int64_t *den)
{
	const struct work *w = &c->w[i];

	if (m == TALLY_METHOD_LARGEST_REMAINDER) {
		*num = w->rem;
		*den = c->seats;
	} else {
		*num = w->votes;
		*den = w->full + w->resid + 1;
	}
}

/*
 * Whether list i may get the next seat by method m. No seat on no votes; while
 * seats go round again (P 10), no seat beyond the living candidates; P 8: one
 * largest-remainder seat per list for lists with 3/4 of the quota, then one
 * unique-highest-average seat per list.
 */
static int
can_take(const struct ctx *c, size_t i, enum tally_result_method m, int again)
{
	const struct work *w = &c->w[i];

	if (w->votes == 0)
		return 0;
	if (again && w->full + w->resid >= w->living)
		return 0;
	if (m == TALLY_METHOD_LARGEST_REMAINDER)
		return w->meets && w->lr_held == 0;
	if (m == TALLY_METHOD_UNIQUE_HIGHEST_AVERAGE)
		return w->uha_held == 0;
	return 1;
}

/* The method of the next seat (P 7 or P 8), or TALLY_METHOD__MAX when no list can take it. */
static enum tally_result_method
method_for(const struct ctx *c, int again)
{
	static const enum tally_result_method small[] = {
		TALLY_METHOD_LARGEST_REMAINDER,
		TALLY_METHOD_UNIQUE_HIGHEST_AVERAGE,
		TALLY_METHOD_HIGHEST_AVERAGE,
	};
	size_t k, i, first = c->seats >= TALLY_RESULT_LARGE_COUNCIL ? 2 : 0;

	for (k = first; k < sizeof small / sizeof small[0]; k++)
		for (i = 0; i < c->n; i++)
			if (can_take(c, i, small[k], again))
				return small[k];
	return TALLY_METHOD__MAX;
}

/*
 * Gives seat number seat to a list; open is the seats still to give in this
 * round, this one included (tied lists that all fit each get one in list
 * order). again: a seat going round again after P 10, given back by from_list.
 * Returns OK, NONE (no list can take it), LOT, LOT_MISMATCH or NOMEM.
 */
static int
assign_seat(struct ctx *c, int seat, int open, int again, int from_list)
{
	enum tally_result_method m = method_for(c, again);
	struct tally_result_lot_need need;
	struct tally_result_step *s;
	size_t cmp[TALLY_LISTS_MAX], tie[TALLY_LISTS_MAX];
	size_t ncmp = 0, ntie = 0, i, k, win, pick, lot = 0;
	int64_t bn = 0, bd = 1, n, d;
	int rc, by_lot = 0, sign;

	if (m == TALLY_METHOD__MAX)
		return NONE;
	for (i = 0; i < c->n; i++) {
		if (!can_take(c, i, m, again))
			continue;
		cmp[ncmp++] = i;
		raw_value(c, i, m, &n, &d);
		sign = ntie == 0 ? 1 : cmp_raw(n, d, bn, bd);
		if (sign > 0) {
			ntie = 0;
			bn = n;
			bd = d;
		}
		if (sign >= 0)
			tie[ntie++] = i;
	}
	win = tie[0];
	if (ntie > (size_t)open) {
		memset(&need, 0, sizeof need);
		need.kind = TALLY_LOT_LIST;
		need.method = m;
		need.seat = seat;
		need.seats_open = open;
		need.again = again;
		need.from_list = again ? from_list : 0;
		need.value = frac(bn, bd);
		need.noptions = ntie;
		for (k = 0; k < ntie; k++)
			need.options[k] = number(c, tie[k]);
		if ((rc = draw(c, &need, &pick, &lot)) != TALLY_RESULT_OK)
			return rc;
		win = tie[pick];
		by_lot = 1;
	}
	if ((s = new_step(c, ntie, ncmp)) == NULL)
		return TALLY_RESULT_NOMEM;
	s->seat = seat;
	s->method = m;
	s->list = number(c, win);
	s->from_list = again ? from_list : 0;
	s->again = again;
	s->by_lot = by_lot;
	s->lot = lot;
	s->value = frac(bn, bd);
	for (k = 0; k < ntie; k++)
		s->tied[k] = number(c, tie[k]);
	for (k = 0; k < ncmp; k++) {
		raw_value(c, cmp[k], m, &n, &d);
		s->compared[k].list = number(c, cmp[k]);
		s->compared[k].value = frac(n, d);
	}
	c->w[win].resid++;
	if (m == TALLY_METHOD_LARGEST_REMAINDER)
		c->w[win].lr_held++;
	else if (m == TALLY_METHOD_UNIQUE_HIGHEST_AVERAGE)
		c->w[win].uha_held++;
	return TALLY_RESULT_OK;
}

/*
 * P 9: a list with more than half of the votes but not more than half of the
 * seats gets the last residual seat. Its holders are the winners of the last
 * run of steps with the same method and value; a lot picks one of several.
 */
static int
absolute_majority(struct ctx *c)
{
	struct tally_result *o = c->out;
	const struct tally_result_step *last;
	struct tally_result_lot_need need;
	struct tally_result_step *s;
	size_t grp[TALLY_LISTS_MAX], ngrp = 0, i, k, first, m = c->n, x, pick = 0, lot = 0;
	int rc, by_lot = 0, seat = 0;
	enum tally_result_method how;

	for (i = 0; i < c->n; i++)
		if (2 * c->w[i].votes > c->total)
			m = i;
	if (m == c->n || 2 * (c->w[m].full + c->w[m].resid) > c->seats || o->nsteps == 0)
		return TALLY_RESULT_OK;
	last = &o->steps[o->nsteps - 1];
	how = last->method;
	for (first = o->nsteps; first > 0; first--) {
		s = &o->steps[first - 1];
		if (s->method != how || s->value.num != last->value.num || s->value.den != last->value.den)
			break;
	}
	for (i = 0; i < c->n; i++)
		for (k = first; k < o->nsteps; k++)
			if (o->steps[k].list == number(c, i) && i != m) {
				grp[ngrp++] = i;
				break;
			}
	if (ngrp == 0)  /* only when the majority list got it itself, which gives it a majority */
		return TALLY_RESULT_OK;
	if (ngrp > 1) {
		memset(&need, 0, sizeof need);
		need.kind = TALLY_LOT_LIST;
		need.method = TALLY_METHOD_ABSOLUTE_MAJORITY;
		need.seat = last->seat;
		need.seats_open = 1;
		need.list = number(c, m);
		need.value = last->value;
		need.noptions = ngrp;
		for (k = 0; k < ngrp; k++)
			need.options[k] = number(c, grp[k]);
		if ((rc = draw(c, &need, &pick, &lot)) != TALLY_RESULT_OK)
			return rc;
		by_lot = 1;
	}
	x = grp[pick];
	for (k = first; k < o->nsteps; k++)
		if (o->steps[k].list == number(c, x))
			seat = o->steps[k].seat;
	if ((s = new_step(c, ngrp, 0)) == NULL)
		return TALLY_RESULT_NOMEM;
	s->seat = seat;
	s->method = TALLY_METHOD_ABSOLUTE_MAJORITY;
	s->list = number(c, m);
	s->from_list = number(c, x);
	s->by_lot = by_lot;
	s->lot = lot;
	s->value = frac(0, 1);
	for (k = 0; k < ngrp; k++)
		s->tied[k] = number(c, grp[k]);
	c->w[x].resid--;
	if (how == TALLY_METHOD_LARGEST_REMAINDER)
		c->w[x].lr_held--;
	else if (how == TALLY_METHOD_UNIQUE_HIGHEST_AVERAGE)
		c->w[x].uha_held--;
	c->w[m].resid++;
	return TALLY_RESULT_OK;
}

/*
 * P 10: lists with more seats than living candidates give the excess back
 * (residual seats first), and those seats go round again among the lists that
 * still have candidates; what nobody can take stays empty.
 */
static int
exhaustion(struct ctx *c)
{
	struct tally_result *o = c->out;
	struct tally_result_step *s;
	struct work *w;
	int from[TALLY_RESULT_SEATS_MAX];
	int back = 0, k = 0, rc;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->w[i].full + c->w[i].resid > c->w[i].living)
			back += c->w[i].full + c->w[i].resid - c->w[i].living;
	if (back == 0)
		return TALLY_RESULT_OK;
	for (i = 0; i < c->n; i++) {
		w = &c->w[i];
		while (w->full + w->resid > w->living) {
			if ((s = new_step(c, 0, 0)) == NULL)
				return TALLY_RESULT_NOMEM;
			s->seat = c->seats - back + k + 1;
			s->method = TALLY_METHOD_LIST_EXHAUSTION;
			s->from_list = number(c, i);
			s->value = frac(0, 1);
			if (w->resid > 0) {
				w->resid--;
			} else {
				w->full--;
				s->full_seat = 1;
			}
			o->lists[i].given_back++;
			o->lists[i].exhausted = 1;
			from[k++] = number(c, i);
		}
	}
	for (k = 0; k < back; k++) {
		rc = assign_seat(c, c->seats - back + k + 1, back - k, 1, from[k]);
		if (rc == NONE) {
			o->empty_seats = back - k;
			break;
		}
		if (rc != TALLY_RESULT_OK)
			return rc;
	}
	return TALLY_RESULT_OK;
}

/* ------------------------------------------------------------------ */
/* The candidates (P 15-P 19a)                                         */
/* ------------------------------------------------------------------ */

/*
 * Names the elected candidates of list li and its new ranking. Deceased
 * candidates are left out. Returns OK, LOT or LOT_MISMATCH.
 */
static int
nominate(struct ctx *c, size_t li)
{
	const struct tally_result_list_in *l = &c->in->lists[li];
	const struct tally_result_candidate *cd = l->candidates;
	struct tally_result_list *o = &c->out->lists[li];
	struct tally_result_lot_need need;
	size_t above[TALLY_CANDIDATES_MAX], grp[TALLY_CANDIDATES_MAX], pref[TALLY_CANDIDATES_MAX];
	char chosen[TALLY_CANDIDATES_MAX] = { 0 }, high[TALLY_CANDIDATES_MAX] = { 0 };
	size_t nab = 0, npref = 0, ngrp, seats = (size_t)o->seats, s, j, k, f, pick;
	int64_t mult = c->seats >= TALLY_RESULT_LARGE_COUNCIL ? 4 : 2;
	size_t lot = 0;
	int rc;

	/*
	 * More votes than the threshold, total / (mult x seats); stable by votes,
	 * high first. From 19 seats a list without seats keeps its order (as
	 * Abacus does, its issue 1045); below 19 its ranking changes too.
	 */
	for (j = 0; j < l->ncandidates; j++) {
		if (cd[j].deceased || mult * cd[j].votes * c->seats <= c->total ||
		    (c->seats >= TALLY_RESULT_LARGE_COUNCIL && seats == 0))
			continue;
		high[j] = 1;
		for (k = nab; k > 0 && cd[above[k - 1]].votes < cd[j].votes; k--)
			above[k] = above[k - 1];
		above[k] = j;
		nab++;
	}
	if (nab <= seats) {
		for (k = 0; k < nab; k++) {
			pref[npref++] = above[k];
			chosen[above[k]] = 1;
		}
	} else {
		for (s = 0; s < seats; s++) {
			for (f = 0; chosen[above[f]]; f++)
				;
			for (ngrp = 0, k = f; k < nab; k++)
				if (!chosen[above[k]] && cd[above[k]].votes == cd[above[f]].votes)
					grp[ngrp++] = above[k];
			pick = 0;
			if (ngrp > seats - s) {
				memset(&need, 0, sizeof need);
				need.kind = TALLY_LOT_CANDIDATE;
				need.method = TALLY_METHOD__MAX;
				need.seat = (int)s + 1;
				need.seats_open = (int)(seats - s);
				need.list = l->number;
				need.value = frac(cd[above[f]].votes, 1);
				need.noptions = ngrp;
				for (k = 0; k < ngrp; k++)
					need.options[k] = cd[grp[k]].position;
				if ((rc = draw(c, &need, &pick, &lot)) != TALLY_RESULT_OK)
					return rc;
			}
			pref[npref++] = grp[pick];
			chosen[grp[pick]] = 1;
		}
	}
	o->nelected = o->nranking = 0;
	for (k = 0; k < npref; k++)
		o->elected[o->nelected++] = o->ranking[o->nranking++] = cd[pref[k]].position;
	o->npreference = npref;
	for (j = 0; j < l->ncandidates && o->nelected < seats; j++)
		if (!cd[j].deceased && !chosen[j])
			o->elected[o->nelected++] = cd[j].position;
	for (k = 0; k < nab; k++)
		if (!chosen[above[k]])
			o->ranking[o->nranking++] = cd[above[k]].position;
	for (j = 0; j < l->ncandidates; j++)
		if (!cd[j].deceased && !high[j])
			o->ranking[o->nranking++] = cd[j].position;
	o->ranking_changed = o->nranking != l->ncandidates;
	for (j = 0; j < o->nranking && !o->ranking_changed; j++)
		o->ranking_changed = o->ranking[j] != cd[j].position;
	o->nominated = 1;
	return TALLY_RESULT_OK;
}

/* ------------------------------------------------------------------ */
/* The whole                                                           */
/* ------------------------------------------------------------------ */

/* The lists' quotas, full seats and remainders (P 5, P 6); their room for candidates. */
static int
setup(struct ctx *c)
{
	const struct tally_result_in *in = c->in;
	struct tally_result *o = c->out;
	struct tally_result_list *ol;
	struct work *w;
	size_t i, j, room;
	int64_t s = c->seats, t = c->total;

	if ((c->w = calloc(c->n, sizeof *c->w)) == NULL ||
	    (o->lists = calloc(c->n, sizeof *o->lists)) == NULL)
		return TALLY_RESULT_NOMEM;
	o->nlists = c->n;
	o->seats = c->seats;
	o->votes = t;
	o->quota = frac(t, s);
	o->preference_percent = c->seats >= TALLY_RESULT_LARGE_COUNCIL ? 25 : 50;
	o->preference_threshold = frac(t, s * (c->seats >= TALLY_RESULT_LARGE_COUNCIL ? 4 : 2));
	o->remainder_threshold = c->seats >= TALLY_RESULT_LARGE_COUNCIL ? frac(0, 1) : frac(3 * t, 4 * s);
	for (i = 0; i < c->n; i++) {
		w = &c->w[i];
		ol = &o->lists[i];
		room = in->lists[i].ncandidates > 0 ? in->lists[i].ncandidates : 1;
		if ((ol->elected = calloc(room, sizeof *ol->elected)) == NULL ||
		    (ol->ranking = calloc(room, sizeof *ol->ranking)) == NULL)
			return TALLY_RESULT_NOMEM;
		w->votes = in->lists[i].votes;
		for (j = 0; j < in->lists[i].ncandidates; j++)
			if (!in->lists[i].candidates[j].deceased)
				w->living++;
		w->full = (int)(w->votes * s / t);
		w->rem = w->votes * s - w->full * t;
		w->meets = c->seats < TALLY_RESULT_LARGE_COUNCIL && 4 * w->votes * s >= 3 * t;
		ol->number = in->lists[i].number;
		ol->votes = in->lists[i].votes;
		ol->candidates = (int)in->lists[i].ncandidates;
		ol->living = w->living;
		ol->quotient_seats = w->full;
		ol->remainder = frac(w->rem, s);
		ol->remainder_qualifies = w->meets;
		o->full_seats += w->full;
	}
	o->residual_seats = c->seats - o->full_seats;
	return TALLY_RESULT_OK;
}

static int
run(struct ctx *c)
{
	struct tally_result *o = c->out;
	int rc, r, k;
	size_t i;

	if ((rc = setup(c)) != TALLY_RESULT_OK)
		return rc;
	r = o->residual_seats;
	for (k = 0; k < r; k++) {
		rc = assign_seat(c, c->seats - r + k + 1, r - k, 0, 0);
		if (rc == NONE) {  /* not reached: some list has votes */
			o->empty_seats = r - k;
			break;
		}
		if (rc != TALLY_RESULT_OK)
			return rc;
	}
	if ((rc = absolute_majority(c)) != TALLY_RESULT_OK || (rc = exhaustion(c)) != TALLY_RESULT_OK)
		return rc;
	o->allocated = 1;
	for (i = 0; i < c->n; i++) {
		o->lists[i].full_seats = c->w[i].full;
		o->lists[i].residual_seats = c->w[i].resid;
		o->lists[i].seats = c->w[i].full + c->w[i].resid;
	}
	for (i = 0; i < c->n; i++)
		if ((rc = nominate(c, i)) != TALLY_RESULT_OK)
			return rc;
	o->lots_used = c->cursor;
	if (c->cursor < c->in->nlots) {
		why(o, "%zu lots recorded, only %zu ties needed one", c->in->nlots, c->cursor);
		return TALLY_RESULT_LOTS_UNUSED;
	}
	return TALLY_RESULT_OK;
}

int
tally_result_compute(const struct tally_result_in *in, struct tally_result *out)
{
	struct ctx c;
	char reason[TALLY_RESULT_WHY_MAX];
	size_t i, used;
	int rc;

	if (out == NULL)
		return TALLY_RESULT_BAD_INPUT;
	memset(out, 0, sizeof *out);
	if (in == NULL) {
		why(out, "no input");
		return TALLY_RESULT_BAD_INPUT;
	}
	if ((rc = tally_result_check(in, out->why, sizeof out->why)) != TALLY_RESULT_OK)
		return rc;
	memset(&c, 0, sizeof c);
	c.in = in;
	c.out = out;
	c.n = in->nlists;
	c.seats = in->seats;
	for (i = 0; i < in->nlists; i++)
		c.total += in->lists[i].votes;
	if (c.total == 0) {
		why(out, "no votes on candidates in any of the %zu lists", in->nlists);
		return TALLY_RESULT_NO_VOTES;
	}
	rc = run(&c);
	if (rc == TALLY_RESULT_LOT && !out->allocated)
		for (i = 0; i < c.n; i++) {
			out->lists[i].full_seats = c.w[i].full;
			out->lists[i].residual_seats = c.w[i].resid;
			out->lists[i].seats = c.w[i].full + c.w[i].resid;
		}
	if (rc == TALLY_RESULT_LOT)
		out->lots_used = c.cursor;
	free(c.w);
	if (rc != TALLY_RESULT_OK && rc != TALLY_RESULT_LOT) {
		if (rc == TALLY_RESULT_NOMEM)
			why(out, "out of memory");
		memcpy(reason, out->why, sizeof reason);
		used = out->lots_used;
		tally_result_free(out);
		memcpy(out->why, reason, sizeof reason);
		out->lots_used = used;
	}
	return rc;
}
