/*
 * libFuzzer target: the seat allocation and the nomination (tally/result.h)
 * on elections made from the bytes: 1 ... 60 seats (sometimes up to 200),
 * 1 ... 12 lists (sometimes up to 99), small candidate counts and small vote
 * counts so that ties, lots, P 9, P 10 and deceased candidates come often.
 * Every lot asked for is drawn from the bytes and the computation replayed
 * until it completes. Invariants checked on every complete result:
 *
 * - the seats add up: sum of the lists' seats + empty seats = seats;
 * - no list above its living candidates, no seat on a list without votes,
 *   full + residual = seats per list; seats stay empty only when every list
 *   with votes is at its living candidates;
 * - the elected: as many as the seats, distinct, living, on the list, the
 *   head of the ranking, which holds every living candidate once; the
 *   preference-elected have more votes than the threshold;
 * - every step's seat is 1 ... seats and names lists that exist; the winner
 *   of a step is among the tied and has the highest value compared;
 * - a drawn lot that tally_result_lot_fits accepts is replayed without a
 *   refusal, and every recorded lot is used;
 * - monotonic: one more vote for one list (on one of its living candidates)
 *   never costs that list a seat, when neither computation needed a lot (a
 *   lot may fall either way, so with one the two results are not
 *   comparable). P 9 and P 10 are not excepted. With P 7 (19 seats or more)
 *   P 9 cannot take a seat from a list for gaining a vote: the other lists'
 *   averages do not change, so the gainer's seats only move earlier, never
 *   into the last place while it keeps as many; P 10's cap, the living
 *   candidates, does not change with votes. For P 8 there is no such short
 *   argument, but a brute-force search over some 5 million small elections
 *   (150 000 with P 9, 2.9 million with P 10) found no counterexample.
 *
 * A failed invariant aborts with a line saying which.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/result.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef FUZZ_STATS  /* -DFUZZ_STATS: how often the interesting paths run */
static unsigned long st_runs, st_ok, st_lot, st_p9, st_p10, st_empty, st_mono, st_mono_p9, st_mono_p10;

static void
stats(void)
{
	fprintf(stderr, "runs %lu ok %lu with-lots %lu p9 %lu p10 %lu empty %lu monotone-checked %lu "
	    "(p9 %lu, p10 %lu)\n", st_runs, st_ok, st_lot, st_p9, st_p10, st_empty, st_mono,
	    st_mono_p9, st_mono_p10);
}
#endif

struct bytes {
	const uint8_t *p;
	size_t n;
};

static unsigned
next(struct bytes *b)
{
	if (b->n == 0)
		return 0;
	b->n--;
	return *b->p++;
}

struct election {
	struct tally_result_in in;
	struct tally_result_list_in lists[TALLY_LISTS_MAX];
	struct tally_result_candidate c[TALLY_LISTS_MAX][TALLY_CANDIDATES_MAX];
	struct tally_lot lots[128];
};

static void
die(const char *what, const struct tally_result_in *in)
{
	size_t i, j;

	fprintf(stderr, "fuzz_result: %s\nseats %d:", what, in->seats);
	for (i = 0; i < in->nlists; i++) {
		fprintf(stderr, " |");
		for (j = 0; j < in->lists[i].ncandidates; j++)
			fprintf(stderr, " %ld%s", in->lists[i].candidates[j].votes,
			    in->lists[i].candidates[j].deceased ? "d" : "");
	}
	fprintf(stderr, "\nlots:");
	for (i = 0; i < in->nlots; i++)
		fprintf(stderr, " %d:%d", in->lots[i].list, in->lots[i].candidate);
	fprintf(stderr, "\n");
	abort();
}

static void
build(struct election *e, struct bytes *b)
{
	unsigned k = next(b), big = k & 0x80, nl, nc, i, j, v, mode;

	memset(&e->in, 0, sizeof e->in);
	e->in.seats = big ? 1 + (int)(next(b) % TALLY_RESULT_SEATS_MAX) : 1 + (int)(k % 60);
	nl = (next(b) & 0x40) ? 1 + next(b) % TALLY_LISTS_MAX : 1 + next(b) % 12;
	mode = next(b);
	for (i = 0; i < nl; i++) {
		struct tally_result_list_in *l = &e->lists[i];

		l->number = (int)(i + 1 + (mode & 1 ? i : 0));
		l->candidates = e->c[i];
		l->votes = 0;
		nc = next(b) % (mode & 2 ? 40 : 12);
		l->ncandidates = nc;
		for (j = 0; j < nc; j++) {
			v = next(b);
			e->c[i][j].position = (int)(j + 1 + (mode & 4 ? j % 3 : 0));
			/* small counts tie often; now and then a large one */
			e->c[i][j].votes = v < 200 ? (long)(v % 16) : (long)(v - 200) * 997;
			if (mode & 8)
				e->c[i][j].votes *= 1000003;
			e->c[i][j].deceased = (next(b) & 0x1f) == 0;
			l->votes += e->c[i][j].votes;
		}
		if (l->votes > TALLY_COUNT_MAX) {  /* keep within the bounds the input has */
			for (j = 0; j < nc; j++)
				e->c[i][j].votes %= TALLY_COUNT_MAX / TALLY_CANDIDATES_MAX;
			for (l->votes = 0, j = 0; j < nc; j++)
				l->votes += e->c[i][j].votes;
		}
	}
	e->in.nlists = nl;
	e->in.lists = e->lists;
	e->in.lots = e->lots;
}

/* Computes, drawing every lot asked for from the bytes. Returns the status; sets *lots. */
static int
compute(struct election *e, struct bytes *b, struct tally_result *r, size_t *lots)
{
	struct tally_lot lot;
	int rc;

	e->in.nlots = 0;
	for (;;) {
		rc = tally_result_compute(&e->in, r);
		if (rc != TALLY_RESULT_LOT)
			break;
		if (e->in.nlots == sizeof e->lots / sizeof e->lots[0])
			return rc;
		if (!r->lot_pending || r->lot.noptions < 2 || r->lot.decides[0] == '\0')
			die("a lot without options or words", &e->in);
		lot.list = r->lot.kind == TALLY_LOT_LIST ? r->lot.options[next(b) % r->lot.noptions] : r->lot.list;
		lot.candidate = r->lot.kind == TALLY_LOT_LIST ? 0 : r->lot.options[next(b) % r->lot.noptions];
		if (!tally_result_lot_fits(r, &lot))
			die("the lot drawn from the options does not fit", &e->in);
		tally_result_free(r);
		e->lots[e->in.nlots++] = lot;
	}
	if (rc == TALLY_RESULT_LOT_MISMATCH || rc == TALLY_RESULT_LOTS_UNUSED)
		die("a fitting lot was refused on replay", &e->in);
	*lots = e->in.nlots;
	if (rc == TALLY_RESULT_OK && r->lots_used != e->in.nlots)
		die("not every lot was used", &e->in);
	return rc;
}

static int
living_votes(const struct tally_result_list_in *l, size_t *first)
{
	size_t j;

	for (j = 0; j < l->ncandidates; j++)
		if (!l->candidates[j].deceased && l->candidates[j].votes < TALLY_COUNT_MAX) {
			*first = j;
			return 1;
		}
	return 0;
}

static void
check(const struct tally_result_in *in, const struct tally_result *r)
{
	const struct tally_result_list_in *li;
	const struct tally_result_list *l;
	const struct tally_result_step *s;
	size_t at[4 * TALLY_CANDIDATES_MAX];
	size_t i, j, k;
	int sum = 0, all_full = 1, found, mult = in->seats >= TALLY_RESULT_LARGE_COUNCIL ? 4 : 2;

	if (!r->allocated || r->lot_pending || r->nlists != in->nlists)
		die("an OK result not allocated, or with a lot", in);
	for (i = 0; i < in->nlists; i++) {
		li = &in->lists[i];
		l = &r->lists[i];
		sum += l->seats;
		if (l->seats < 0 || l->full_seats < 0 || l->residual_seats < 0 ||
		    l->full_seats + l->residual_seats != l->seats)
			die("full + residual != seats", in);
		if (l->seats > l->living)
			die("a list above its living candidates", in);
		if (li->votes == 0 && l->seats != 0)
			die("a seat on no votes", in);
		if (li->votes > 0 && l->seats < l->living)
			all_full = 0;
		if (!l->nominated || l->nelected != (size_t)l->seats || l->npreference > l->nelected ||
		    l->nranking != (size_t)l->living)
			die("elected or ranking of the wrong size", in);
		/* position -> candidate index + 1; positions are below 4 x TALLY_CANDIDATES_MAX here */
		memset(at, 0, sizeof at);
		for (j = 0; j < li->ncandidates; j++)
			if (!li->candidates[j].deceased)
				at[li->candidates[j].position] = j + 1;
		for (k = 0; k < l->nranking; k++) {
			if (l->ranking[k] < 1 || l->ranking[k] >= (int)(sizeof at / sizeof at[0]) ||
			    at[l->ranking[k]] == 0)
				die("a ranking that is no permutation of the living", in);
			j = at[l->ranking[k]] - 1;
			at[l->ranking[k]] = 0;  /* a second time is caught above */
			if (k < l->npreference &&
			    (int64_t)mult * li->candidates[j].votes * in->seats <= r->votes)
				die("preference-elected at or below the threshold", in);
			if (k < l->nelected && l->elected[k] != l->ranking[k])
				die("the elected are not the head of the ranking", in);
		}
	}
	if (sum + r->empty_seats != in->seats)
		die("the seats do not add up", in);
	if (r->empty_seats > 0 && !all_full)
		die("a seat left empty while a list could take it", in);
	for (k = 0; k < r->nsteps; k++) {
		s = &r->steps[k];
		if (s->seat < 1 || s->seat > in->seats || (unsigned)s->method >= TALLY_METHOD__MAX)
			die("a step out of range", in);
		if (s->method == TALLY_METHOD_LIST_EXHAUSTION || s->method == TALLY_METHOD_ABSOLUTE_MAJORITY)
			continue;
		for (found = 0, j = 0; j < s->ntied; j++)
			found += s->tied[j] == s->list;
		if (found != 1)
			die("a step's winner is not among the tied", in);
		for (found = 0, j = 0; j < s->ncompared; j++) {
			const struct tally_frac *v = &s->compared[j].value;

			if (v->num * s->value.den > s->value.num * v->den)
				die("a step's winner does not have the highest value", in);
			found += s->compared[j].list == s->list;
		}
		if (found != 1)
			die("a step's winner was not compared", in);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct election e, f;
	struct bytes b = { data, size };
	struct tally_result r, q;
	size_t lots = 0, lots2 = 0, a, j;
	int rc, rc2;

#ifdef FUZZ_STATS
	if (st_runs++ == 0)
		atexit(stats);
#endif
	build(&e, &b);
	rc = compute(&e, &b, &r, &lots);
#ifdef FUZZ_STATS
	if (rc == TALLY_RESULT_OK) {
		st_ok++;
		st_lot += lots > 0;
		st_empty += r.empty_seats > 0;
		for (j = 0; j < r.nsteps; j++) {
			st_p9 += r.steps[j].method == TALLY_METHOD_ABSOLUTE_MAJORITY;
			if (r.steps[j].method == TALLY_METHOD_LIST_EXHAUSTION) {
				st_p10++;
				break;
			}
		}
	}
#endif
	if (rc == TALLY_RESULT_OK)
		check(&e.in, &r);
	else if (rc != TALLY_RESULT_LOT && rc != TALLY_RESULT_NO_VOTES && rc != TALLY_RESULT_BAD_INPUT)
		die("an unexpected status", &e.in);

	/* one more vote for list a */
	if (rc == TALLY_RESULT_OK && lots == 0) {
		a = next(&b) % e.in.nlists;
		if (living_votes(&e.lists[a], &j) && e.lists[a].votes < TALLY_COUNT_MAX) {
			f = e;
			for (size_t i = 0; i < f.in.nlists; i++)
				f.lists[i].candidates = f.c[i];
			f.in.lists = f.lists;
			f.in.lots = f.lots;
			f.c[a][j].votes++;
			f.lists[a].votes++;
			rc2 = compute(&f, &b, &q, &lots2);
			if (rc2 == TALLY_RESULT_OK) {
				check(&f.in, &q);
				if (lots2 == 0 && q.lists[a].seats < r.lists[a].seats)
					die("one more vote cost the list a seat", &e.in);
#ifdef FUZZ_STATS
				if (lots2 == 0) {
					st_mono++;
					for (j = 0; j < r.nsteps; j++) {
						st_mono_p9 += r.steps[j].method == TALLY_METHOD_ABSOLUTE_MAJORITY;
						if (r.steps[j].method == TALLY_METHOD_LIST_EXHAUSTION) {
							st_mono_p10++;
							break;
						}
					}
				}
#endif
			}
			tally_result_free(&q);
		}
	}
	tally_result_free(&r);
	return 0;
}
