/*
 * The count form as the store keeps it. A form is stored as text: its values
 * in the paper's order (tally_form_field), separated by spaces, "-" for an
 * empty field. The shape (lists, candidates, voter cards) comes from the
 * election, so the text holds only numbers, and two forms are equal exactly
 * when their texts are.
 *
 * The shape is cached. Another process may import other lists while this one
 * serves (`teller import` beside `teller serve`): before each use the cache
 * asks PRAGMA data_version, which changes when another connection has
 * committed, and loads the shape again then. A shape handed out stays valid
 * until store_close: a replaced one is kept (rarely more than one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "store/internal.h"

static int shape_equal(const struct store_shape *a, const struct store_shape *b)
{
	size_t i;

	if (a->n != b->n || a->voter_cards != b->voter_cards)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->lists[i].number != b->lists[i].number ||
		    a->lists[i].ncandidates != b->lists[i].ncandidates ||
		    strcmp(a->lists[i].name, b->lists[i].name) != 0)
			return 0;
	return 1;
}

/* Loads the lists (their candidates' count is all that matters) into *out. */
static int shape_load(struct store *s, struct store_shape **out)
{
	struct tally_election e;
	struct store_shape *sh;
	sqlite3_stmt *st;
	size_t cap = 0;
	struct tally_list *tmp;
	int rc;

	if ((rc = store_election_get_locked(s, &e)) != STORE_OK)
		return rc;
	if ((sh = calloc(1, sizeof *sh)) == NULL)
		return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	sh->voter_cards = tally_category_has_voter_cards(e.category);
	st = store_sql(s, SQL_SHAPE);
	while ((rc = store_step(s, st)) == 1) {
		if (sh->n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((tmp = realloc(sh->lists, cap * sizeof *tmp)) == NULL) {
				rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
				break;
			}
			sh->lists = tmp;
		}
		memset(&sh->lists[sh->n], 0, sizeof sh->lists[sh->n]);
		sh->lists[sh->n].number = sqlite3_column_int(st, 0);
		store_col_copy(st, 1, sh->lists[sh->n].name, sizeof sh->lists[sh->n].name);
		sh->lists[sh->n].ncandidates = (size_t)sqlite3_column_int64(st, 2);
		sh->n++;
	}
	store_sql_done(st);
	if (rc != 0) {
		store_shape_free_one(sh);
		return rc;
	}
	*out = sh;
	return STORE_OK;
}

int store_shape_get(struct store *s, const struct store_shape **out)
{
	struct store_shape *sh;
	long long version;
	int rc;

	/* Read before the lists: a change in between is seen next time, never missed. */
	if ((rc = store_one_int(s, store_sql(s, SQL_DATA_VERSION), &version)) != STORE_OK)
		return rc;
	if (!s->shape_valid || s->shape == NULL || version != s->shape_version) {
		if ((rc = shape_load(s, &sh)) != STORE_OK)
			return rc;
		if (s->shape != NULL && shape_equal(s->shape, sh)) {
			store_shape_free_one(sh);
		} else {
			sh->older = s->shape;
			s->shape = sh;
		}
		s->shape_version = (long)version;
		s->shape_valid = 1;
	}
	*out = s->shape;
	return STORE_OK;
}

int store_form_shape(struct store *s, const struct tally_list **lists, size_t *n,
                     int *has_voter_cards)
{
	const struct store_shape *sh;
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_shape_get(s, &sh)) == STORE_OK) {
		*lists = sh->lists;
		*n = sh->n;
		*has_voter_cards = sh->voter_cards;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

struct tally_form *store_form_new_locked(struct store *s)
{
	const struct store_shape *sh;

	if (store_shape_get(s, &sh) != STORE_OK || sh->n == 0)
		return NULL;
	return tally_form_new(sh->lists, sh->n, sh->voter_cards);
}

struct tally_form *store_form_new(struct store *s)
{
	struct tally_form *f;

	pthread_mutex_lock(&s->lock);
	f = store_form_new_locked(s);
	pthread_mutex_unlock(&s->lock);
	return f;
}

/* Writes v in decimal at p (no terminator); returns the number of characters. */
static size_t put_long(char *p, long v)
{
	char tmp[24];
	size_t n = 0, i;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	i = 0;
	if (v < 0)
		p[i++] = '-';
	while (n > 0)
		p[i++] = tmp[--n];
	return i;
}

char *store_form_text(const struct tally_form *f)
{
	struct tally_form_walk w = {0};
	size_t len = 0;
	char *t = malloc(tally_form_nfields(f) * 22 + 1);
	long *v;

	if (t == NULL)
		return NULL;
	while ((v = tally_form_next(f, &w)) != NULL) {
		if (len > 0)
			t[len++] = ' ';
		if (*v == TALLY_EMPTY)
			t[len++] = '-';
		else
			len += put_long(t + len, *v);
	}
	t[len] = '\0';
	return t;
}

struct tally_form *store_form_parse(const struct store_shape *sh, const char *text)
{
	struct tally_form *f = sh->n > 0 ? tally_form_new(sh->lists, sh->n, sh->voter_cards) : NULL;
	struct tally_form_walk w = {0};
	const char *p = text;
	char *end;
	long *v;

	if (f == NULL || text == NULL)
		goto bad;
	while ((v = tally_form_next(f, &w)) != NULL) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			goto bad;
		if (*p == '-' && (p[1] == ' ' || p[1] == '\0')) {
			*v = TALLY_EMPTY;
			p++;
			continue;
		}
		*v = (long)num_prefix(p, 0, TALLY_COUNT_MAX, &end);
		if (end == p || *v < 0 || *v > TALLY_COUNT_MAX)
			goto bad;
		p = end;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		goto bad;
	return f;
bad:
	tally_form_free(f);
	store_fail_msg(STORE_ERR_IO, "a stored count form does not fit the election's lists");
	return NULL;
}

char *store_paths_text(const struct tally_paths *p)
{
	size_t i, len = 0, cap = p->n * TALLY_PATH_MAX + 1;
	char *t = malloc(cap);

	if (t == NULL)
		return NULL;
	t[0] = '\0';
	for (i = 0; i < p->n; i++)
		len += (size_t)snprintf(t + len, cap - len, "%s%s", i ? " " : "", p->path[i]);
	return t;
}

int store_paths_parse(const char *t, struct tally_paths *out)
{
	size_t n = 0, i = 0;
	const char *p;

	memset(out, 0, sizeof *out);
	if (t == NULL || *t == '\0')
		return 0;
	for (p = t; *p; p++)
		if (*p == ' ')
			n++;
	n++;
	if ((out->path = calloc(n, sizeof *out->path)) == NULL)
		return -1;
	for (p = t; *p && i < n;) {
		size_t len = strcspn(p, " ");

		if (len > 0 && len < TALLY_PATH_MAX) {
			memcpy(out->path[i], p, len);
			out->path[i][len] = '\0';
			i++;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	out->n = i;
	return 0;
}
