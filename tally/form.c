/*
 * The count form of one polling station (domain.md §3): its shape, copies,
 * comparison, sums, and the JSON paths of its fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "tally/count.h"

/*
 * The scalar fields, in paper order, split where the list totals come in.
 * voter_cards is skipped when it holds TALLY_ABSENT.
 */
struct scalar {
	const char *path;
	size_t offset;
};

static const struct scalar head[] = {
	{ "voters.poll_cards", offsetof(struct tally_form, poll_cards) },
	{ "voters.proxy_certificates", offsetof(struct tally_form, proxy_certificates) },
	{ "voters.voter_cards", offsetof(struct tally_form, voter_cards) },
	{ "voters.admitted_voters", offsetof(struct tally_form, admitted_voters) },
};
#define HEAD_VOTER_CARDS 2

static const struct scalar tail[] = {
	{ "votes.valid_votes", offsetof(struct tally_form, valid_votes) },
	{ "votes.blank_votes", offsetof(struct tally_form, blank_votes) },
	{ "votes.invalid_votes", offsetof(struct tally_form, invalid_votes) },
	{ "votes.votes_cast", offsetof(struct tally_form, votes_cast) },
	{ "differences.more_ballots_counted", offsetof(struct tally_form, more_ballots_counted) },
	{ "differences.fewer_ballots_counted", offsetof(struct tally_form, fewer_ballots_counted) },
	{ "differences.taken_home", offsetof(struct tally_form, taken_home) },
	{ "differences.too_few_issued", offsetof(struct tally_form, too_few_issued) },
	{ "differences.too_many_issued", offsetof(struct tally_form, too_many_issued) },
	{ "differences.no_explanation", offsetof(struct tally_form, no_explanation) },
	{ "differences.other_explanation", offsetof(struct tally_form, other_explanation) },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The form is handed around as const for reading; tally_form_field hands
 * out a writable pointer by contract (see count.h), so the one cast that
 * drops const lives here.
 */
static long *
scalar_at(const struct tally_form *f, size_t offset)
{
	return (long *)(uintptr_t)((const char *)f + offset);
}

static int
has_voter_cards(const struct tally_form *f)
{
	return f->voter_cards != TALLY_ABSENT;
}

struct tally_form *
tally_form_alloc(size_t nlists, const size_t *ncandidates, int voter_cards)
{
	struct tally_form_walk w = {0};
	struct tally_form *f;
	size_t i;
	long *v;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->nlists = nlists;
	if (nlists > 0) {
		f->list_totals = calloc(nlists, sizeof(*f->list_totals));
		f->lists = calloc(nlists, sizeof(*f->lists));
		if (f->list_totals == NULL || f->lists == NULL)
			goto fail;
		for (i = 0; i < nlists; i++) {
			f->lists[i].ncandidates = ncandidates[i];
			if (ncandidates[i] == 0)
				continue;
			f->lists[i].candidates = calloc(ncandidates[i],
			    sizeof(*f->lists[i].candidates));
			if (f->lists[i].candidates == NULL)
				goto fail;
		}
	}
	f->voter_cards = voter_cards ? TALLY_EMPTY : TALLY_ABSENT;
	while ((v = tally_form_next(f, &w)) != NULL)
		*v = TALLY_EMPTY;
	return f;
fail:
	tally_form_free(f);
	return NULL;
}

struct tally_form *
tally_form_new(const struct tally_list *lists, size_t nlists, int voter_cards)
{
	struct tally_form *f = NULL;
	size_t *ncand = NULL, i;

	if (nlists > 0 && (ncand = calloc(nlists, sizeof(*ncand))) == NULL)
		goto out;
	for (i = 0; i < nlists; i++)
		ncand[i] = lists[i].ncandidates;
	if ((f = tally_form_alloc(nlists, ncand, voter_cards)) == NULL)
		goto out;
	for (i = 0; i < nlists; i++)
		f->lists[i].number = lists[i].number;
out:
	free(ncand);
	return f;
}

void
tally_form_free(struct tally_form *f)
{
	size_t i;

	if (f == NULL)
		return;
	if (f->lists != NULL)
		for (i = 0; i < f->nlists; i++)
			free(f->lists[i].candidates);
	free(f->lists);
	free(f->list_totals);
	free(f);
}

struct tally_form *
tally_form_copy(const struct tally_form *src)
{
	struct tally_form *f = NULL;
	size_t *ncand = NULL, i;

	if (src->nlists > 0 && (ncand = calloc(src->nlists, sizeof(*ncand))) == NULL)
		goto out;
	for (i = 0; i < src->nlists; i++)
		ncand[i] = src->lists[i].ncandidates;
	if ((f = tally_form_alloc(src->nlists, ncand, has_voter_cards(src))) == NULL)
		goto out;
	/* Copy the scalars wholesale, then put our own arrays back. */
	{
		long *totals = f->list_totals;
		struct tally_form_list *lists = f->lists;

		*f = *src;
		f->list_totals = totals;
		f->lists = lists;
	}
	for (i = 0; i < src->nlists; i++) {
		f->list_totals[i] = src->list_totals[i];
		f->lists[i].number = src->lists[i].number;
		f->lists[i].total = src->lists[i].total;
		if (src->lists[i].ncandidates > 0)
			memcpy(f->lists[i].candidates, src->lists[i].candidates,
			    src->lists[i].ncandidates * sizeof(long));
	}
out:
	free(ncand);
	return f;
}

static int
same_shape(const struct tally_form *a, const struct tally_form *b)
{
	size_t i;

	if (a->nlists != b->nlists || has_voter_cards(a) != has_voter_cards(b))
		return 0;
	for (i = 0; i < a->nlists; i++)
		if (a->lists[i].number != b->lists[i].number ||
		    a->lists[i].ncandidates != b->lists[i].ncandidates)
			return 0;
	return 1;
}

int
tally_form_equal(const struct tally_form *a, const struct tally_form *b)
{
	struct tally_form_walk wa = {0}, wb = {0};
	long *va;

	if (!same_shape(a, b))
		return 0;
	while ((va = tally_form_next(a, &wa)) != NULL)
		if (*va != *tally_form_next(b, &wb))
			return 0;
	return 1;
}

int
tally_form_is_empty_all(const struct tally_form *f)
{
	struct tally_form_walk w = {0};
	long *v;

	while ((v = tally_form_next(f, &w)) != NULL)
		if (*v != TALLY_EMPTY)
			return 0;
	return 1;
}

int
tally_form_has_empty(const struct tally_form *f)
{
	struct tally_form_walk w = {0};
	long *v;

	while ((v = tally_form_next(f, &w)) != NULL)
		if (*v == TALLY_EMPTY)
			return 1;
	return 0;
}

void
tally_form_zero(struct tally_form *f)
{
	struct tally_form_walk w = {0};
	long *v;

	while ((v = tally_form_next(f, &w)) != NULL)
		*v = 0;
}

int
tally_form_fits(const struct tally_form *f, const struct tally_list *lists,
    size_t nlists, int voter_cards, char *why, size_t whysize)
{
	struct tally_form_walk w = {0};
	char path[TALLY_PATH_MAX];
	size_t i;
	long *v;

	/* snprintf(NULL, 0, ...) is fine, so why may be NULL. */
	if (why == NULL)
		whysize = 0;
	if (f->nlists != nlists) {
		snprintf(why, whysize, "the election has %zu lists, the form %zu",
		    nlists, f->nlists);
		return -1;
	}
	if (nlists > 0 && (f->list_totals == NULL || f->lists == NULL)) {
		snprintf(why, whysize, "the form has no lists");
		return -1;
	}
	for (i = 0; i < nlists; i++) {
		if (f->lists[i].number != lists[i].number) {
			snprintf(why, whysize, "list %zu of the form has number %d, "
			    "expected list %d (lists go in list order)",
			    i + 1, f->lists[i].number, lists[i].number);
			return -1;
		}
		if (f->lists[i].ncandidates != lists[i].ncandidates) {
			snprintf(why, whysize, "list %d has %zu candidates, the form %zu",
			    lists[i].number, lists[i].ncandidates,
			    f->lists[i].ncandidates);
			return -1;
		}
		if (f->lists[i].ncandidates > 0 && f->lists[i].candidates == NULL) {
			snprintf(why, whysize, "list %d has no candidates in the form",
			    lists[i].number);
			return -1;
		}
	}
	if (voter_cards && f->voter_cards == TALLY_ABSENT) {
		snprintf(why, whysize, "voter_cards is missing: this election has voter cards");
		return -1;
	}
	if (!voter_cards && f->voter_cards != TALLY_ABSENT) {
		snprintf(why, whysize, "voter_cards is given: this election has no voter cards");
		return -1;
	}
	/* The path is written only for the field that does not fit, not for every field. */
	while ((v = tally_form_next(f, &w)) != NULL) {
		if ((*v >= 0 || *v == TALLY_EMPTY) && *v <= TALLY_COUNT_MAX)
			continue;
		tally_form_field(f, w.next - 1, path, sizeof(path), NULL);
		if (*v < 0)
			snprintf(why, whysize, "%s is negative", path);
		else
			snprintf(why, whysize, "%s is above %ld", path, TALLY_COUNT_MAX);
		return -1;
	}
	return 0;
}

int
tally_form_add(struct tally_form *sum, const struct tally_form *f)
{
	struct tally_form_walk ws = {0}, wf = {0};
	long *s, *v;

	if (!same_shape(sum, f))
		return -1;
	/* Check everything first, so a refused sum leaves no half-added form. */
	while ((s = tally_form_next(sum, &ws)) != NULL) {
		v = tally_form_next(f, &wf);
		if (*s < 0 || *v < 0 || *s > TALLY_COUNT_MAX || *v > TALLY_COUNT_MAX)
			return -1;
		if (*v > TALLY_COUNT_MAX - *s)
			return -1;
	}
	memset(&ws, 0, sizeof(ws));
	memset(&wf, 0, sizeof(wf));
	while ((s = tally_form_next(sum, &ws)) != NULL)
		*s += *tally_form_next(f, &wf);
	return 0;
}

static size_t
nhead(const struct tally_form *f)
{
	return has_voter_cards(f) ? NELEM(head) : NELEM(head) - 1;
}

size_t
tally_form_nfields(const struct tally_form *f)
{
	size_t n = nhead(f) + f->nlists + NELEM(tail), i;

	/* Shapes come from checked input (TALLY_LISTS_MAX, TALLY_CANDIDATES_MAX),
	 * so this cannot wrap; each list adds its candidates and its total. */
	for (i = 0; i < f->nlists; i++)
		n += f->lists[i].ncandidates + 1;
	return n;
}

int
tally_form_field(const struct tally_form *f, size_t i, char *path, size_t size,
    long **value)
{
	long *v = NULL;
	int rc = 0;
	size_t k;

	if (path == NULL)
		size = 0;
	if (i < nhead(f)) {
		k = (!has_voter_cards(f) && i >= HEAD_VOTER_CARDS) ? i + 1 : i;
		v = scalar_at(f, head[k].offset);
		rc = path == NULL ? 0 : snprintf(path, size, "%s", head[k].path);
		goto done;
	}
	i -= nhead(f);
	if (i < f->nlists) {
		v = &f->list_totals[i];
		rc = path == NULL ? 0 : snprintf(path, size, "votes.list_totals[%zu]", i);
		goto done;
	}
	i -= f->nlists;
	if (i < NELEM(tail)) {
		v = scalar_at(f, tail[i].offset);
		rc = path == NULL ? 0 : snprintf(path, size, "%s", tail[i].path);
		goto done;
	}
	i -= NELEM(tail);
	for (k = 0; k < f->nlists; k++) {
		struct tally_form_list *l = &f->lists[k];

		if (i < l->ncandidates) {
			v = &l->candidates[i];
			rc = path == NULL ? 0 : snprintf(path, size, "lists[%zu].candidates[%zu]", k, i);
			goto done;
		}
		if (i == l->ncandidates) {
			v = &l->total;
			rc = path == NULL ? 0 : snprintf(path, size, "lists[%zu].total", k);
			goto done;
		}
		i -= l->ncandidates + 1;
	}
	return -1;
done:
	if (value != NULL)
		*value = v;
	return rc < 0 || (size > 0 && (size_t)rc >= size) ? -1 : 0;
}

long *
tally_form_next(const struct tally_form *f, struct tally_form_walk *w)
{
	struct tally_form_list *l;
	long *v = NULL;

	if (w->next < nhead(f) + f->nlists + NELEM(tail)) {
		tally_form_field(f, w->next++, NULL, 0, &v);  /* no list to seek */
		return v;
	}
	if (w->list >= f->nlists)
		return NULL;
	l = &f->lists[w->list];
	if (w->cand < l->ncandidates) {
		v = &l->candidates[w->cand++];
	} else {
		v = &l->total;
		w->list++;
		w->cand = 0;
	}
	w->next++;
	return v;
}

/*
 * Reads a decimal index at *s (no sign, no leading zeros) and moves *s past
 * it. Returns 0, or -1 when there is none or it is not below limit.
 */
static int
parse_index(const char **s, size_t limit, size_t *out)
{
	const char *p = *s;
	char *end;
	long long n;

	/* num_prefix takes a sign and leading zeros, which a path has not */
	if (limit == 0 || *p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return -1;
	n = num_prefix(p, 0, (long long)limit - 1, &end);
	if (end == p)
		return -1;
	*s = end;
	*out = (size_t)n;
	return 0;
}

/* Returns the field named by path, or NULL when the form has no such field. */
static long *
lookup(struct tally_form *f, const char *path)
{
	static const char lt[] = "votes.list_totals[", ls[] = "lists[",
	    cand[] = "].candidates[", tot[] = "].total";
	size_t i, j;
	const char *p;

	for (i = 0; i < NELEM(head); i++)
		if (strcmp(path, head[i].path) == 0) {
			if (i == HEAD_VOTER_CARDS && !has_voter_cards(f))
				return NULL;
			return scalar_at(f, head[i].offset);
		}
	for (i = 0; i < NELEM(tail); i++)
		if (strcmp(path, tail[i].path) == 0)
			return scalar_at(f, tail[i].offset);
	if (strncmp(path, lt, sizeof(lt) - 1) == 0) {
		p = path + sizeof(lt) - 1;
		if (parse_index(&p, f->nlists, &i) == -1 || strcmp(p, "]") != 0)
			return NULL;
		return &f->list_totals[i];
	}
	if (strncmp(path, ls, sizeof(ls) - 1) != 0)
		return NULL;
	p = path + sizeof(ls) - 1;
	if (parse_index(&p, f->nlists, &i) == -1)
		return NULL;
	if (strcmp(p, tot) == 0)
		return &f->lists[i].total;
	if (strncmp(p, cand, sizeof(cand) - 1) != 0)
		return NULL;
	p += sizeof(cand) - 1;
	if (parse_index(&p, f->lists[i].ncandidates, &j) == -1 || strcmp(p, "]") != 0)
		return NULL;
	return &f->lists[i].candidates[j];
}

int
tally_form_diff(const struct tally_form *a, const struct tally_form *b,
    struct tally_paths *out)
{
	struct tally_form_walk wa = {0}, wb = {0};
	size_t k = 0;
	long *va;

	out->n = 0;
	out->path = NULL;
	if (!same_shape(a, b))
		return -1;
	while ((va = tally_form_next(a, &wa)) != NULL)
		if (*va != *tally_form_next(b, &wb))
			k++;
	if (k == 0)
		return 0;
	if ((out->path = calloc(k, sizeof(*out->path))) == NULL)
		return -1;
	/* Paths only for the fields that differ. */
	memset(&wa, 0, sizeof(wa));
	memset(&wb, 0, sizeof(wb));
	while ((va = tally_form_next(a, &wa)) != NULL)
		if (*va != *tally_form_next(b, &wb))
			tally_form_field(a, wa.next - 1, out->path[out->n++], TALLY_PATH_MAX, NULL);
	return 0;
}

void
tally_paths_free(struct tally_paths *p)
{
	if (p == NULL)
		return;
	free(p->path);
	p->path = NULL;
	p->n = 0;
}

int
tally_form_clear_paths(struct tally_form *f, const struct tally_paths *p)
{
	size_t i;
	long *v;

	for (i = 0; i < p->n; i++)
		if (lookup(f, p->path[i]) == NULL)
			return -1;
	for (i = 0; i < p->n; i++) {
		v = lookup(f, p->path[i]);
		*v = TALLY_EMPTY;
	}
	return 0;
}

void
tally_form_fill_candidates(struct tally_form *form)
{
	size_t i, k;

	for (i = 0; i < form->nlists; i++)
		for (k = 0; k < form->lists[i].ncandidates; k++)
			if (form->lists[i].candidates[k] == TALLY_EMPTY)
				form->lists[i].candidates[k] = 0;
}
