/*
 * The result's input checked for shape (tally_result_check), a drawn lot
 * checked against the one pending (tally_result_lot_fits), and freeing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/result.h"

static void
say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
say(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (buf == NULL || size == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

int
tally_result_check(const struct tally_result_in *in, char *why, size_t size)
{
	const struct tally_result_list_in *l;
	const struct tally_result_candidate *cd;
	int64_t sum;
	size_t i, j;

	if (in == NULL) {
		say(why, size, "no input");
		return TALLY_RESULT_BAD_INPUT;
	}
	if (in->seats < 1 || in->seats > TALLY_RESULT_SEATS_MAX) {
		say(why, size, "%d seats: the seats must be 1 ... %d", in->seats, TALLY_RESULT_SEATS_MAX);
		return TALLY_RESULT_NO_SEATS;
	}
	if (in->nlists < 1 || in->nlists > TALLY_LISTS_MAX || in->lists == NULL) {
		say(why, size, "%zu lists: there must be 1 ... %d", in->nlists, TALLY_LISTS_MAX);
		return TALLY_RESULT_BAD_INPUT;
	}
	if (in->nlots > 0 && in->lots == NULL) {
		say(why, size, "%zu lots but no array of them", in->nlots);
		return TALLY_RESULT_BAD_INPUT;
	}
	for (i = 0; i < in->nlists; i++) {
		l = &in->lists[i];
		if (l->number < 1 || (i > 0 && l->number <= in->lists[i - 1].number)) {
			say(why, size, "list %d (the %zuth): list numbers must rise from 1", l->number, i + 1);
			return TALLY_RESULT_BAD_INPUT;
		}
		if (l->ncandidates > TALLY_CANDIDATES_MAX || (l->ncandidates > 0 && l->candidates == NULL)) {
			say(why, size, "list %d: %zu candidates, at most %d", l->number, l->ncandidates,
			    TALLY_CANDIDATES_MAX);
			return TALLY_RESULT_BAD_INPUT;
		}
		if (l->votes < 0 || l->votes > TALLY_COUNT_MAX) {
			say(why, size, "list %d: %ld votes is out of range", l->number, l->votes);
			return TALLY_RESULT_BAD_INPUT;
		}
		sum = 0;
		for (j = 0; j < l->ncandidates; j++) {
			cd = &l->candidates[j];
			if (cd->position < 1 || (j > 0 && cd->position <= l->candidates[j - 1].position)) {
				say(why, size, "list %d: candidate position %d: positions must rise from 1",
				    l->number, cd->position);
				return TALLY_RESULT_BAD_INPUT;
			}
			if (cd->votes < 0 || cd->votes > TALLY_COUNT_MAX) {
				say(why, size, "list %d, candidate %d: %ld votes is out of range", l->number,
				    cd->position, cd->votes);
				return TALLY_RESULT_BAD_INPUT;
			}
			sum += cd->votes;
		}
		if (sum != l->votes) {
			say(why, size, "list %d: %ld votes, but its candidates have %lld", l->number, l->votes,
			    (long long)sum);
			return TALLY_RESULT_BAD_INPUT;
		}
	}
	return TALLY_RESULT_OK;
}

int
tally_result_lot_fits(const struct tally_result *r, const struct tally_lot *lot)
{
	const struct tally_result_lot_need *n;
	size_t k;

	if (r == NULL || lot == NULL || !r->lot_pending)
		return 0;
	n = &r->lot;
	if (n->kind == TALLY_LOT_LIST && lot->candidate != 0)
		return 0;
	if (n->kind == TALLY_LOT_CANDIDATE && lot->list != n->list)
		return 0;
	for (k = 0; k < n->noptions; k++)
		if (n->kind == TALLY_LOT_LIST ? lot->list == n->options[k] : lot->candidate == n->options[k])
			return 1;
	return 0;
}

void
tally_result_free(struct tally_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nlists && r->lists != NULL; i++) {
		free(r->lists[i].elected);
		free(r->lists[i].ranking);
	}
	free(r->lists);
	for (i = 0; i < r->nsteps; i++) {
		free(r->steps[i].tied);
		free(r->steps[i].compared);
	}
	free(r->steps);
	memset(r, 0, sizeof *r);
}
