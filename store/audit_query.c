/*
 * Reading the audit log back for the coordinator's page: newest first, a page
 * at a time, filtered by station, person and action.
 *
 * The station of a record is read from its detail ("station 12 entry 1: ...",
 * written by store_apply) by store_audit_station, in C, and compared as a
 * number: the same parser fills a record's station and decides the filter,
 * so station 1 never matches 10 or 112, and no LIKE or GLOB pattern needs its
 * wildcards escaped. SQL narrows by id, person and action; the station filter
 * then walks the rows in C, which costs what SQL would cost too (there is no
 * index on detail).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "store/internal.h"

int store_audit_station(const char *detail)
{
	const char *p;
	char *end;

	if (detail == NULL || strncmp(detail, "station ", 8) != 0)
		return 0;
	p = detail + 8;
	if (*p < '1' || *p > '9')
		return 0; /* no number, a sign or a leading zero: not how a station is written */
	/* at most nine digits, followed by anything else; 0 when it is no such number */
	return (int)num_prefix(p, 1, 999999999, &end);
}

static void record_row(sqlite3_stmt *st, struct store_audit_record *rec)
{
	memset(rec, 0, sizeof *rec);
	store_audit_row_read(st, &rec->row);
	rec->station = store_audit_station((const char *)sqlite3_column_text(st, 6));
}

int store_audit_query(struct store *s, const struct store_audit_filter *f,
                      struct store_audit_record **out, size_t *n, long *next_before_id)
{
	struct store_audit_record *recs;
	sqlite3_stmt *st;
	size_t limit = f->limit, got = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	*next_before_id = 0;
	if (limit == 0 || limit > STORE_AUDIT_PAGE_MAX || f->before_id < 0 || f->station < 0)
		return STORE_ERR_STATE;
	/* One more than asked: whether there is a next page. */
	if ((recs = calloc(limit + 1, sizeof *recs)) == NULL)
		return STORE_ERR_NOMEM;
	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_AUDIT_QUERY);
	sqlite3_bind_int64(st, 1, f->before_id > 0 ? f->before_id : LLONG_MAX);
	if (f->actor != NULL)
		sqlite3_bind_text(st, 2, f->actor, -1, SQLITE_STATIC);
	if (f->action != NULL)
		sqlite3_bind_text(st, 3, f->action, -1, SQLITE_STATIC);
	while (got <= limit && (rc = store_step(s, st)) == 1) {
		if (f->station > 0 &&
		    store_audit_station((const char *)sqlite3_column_text(st, 6)) != f->station)
			continue;
		record_row(st, &recs[got++]);
	}
	store_sql_done(st);
	pthread_mutex_unlock(&s->lock);
	if (rc < 0) {
		free(recs);
		return rc;
	}
	if (got > limit) {
		got = limit;
		*next_before_id = recs[limit - 1].row.id;
	}
	if (got == 0) {
		free(recs);
		recs = NULL;
	}
	*out = recs;
	*n = got;
	return STORE_OK;
}

static void action_row(sqlite3_stmt *st, void *elem)
{
	struct store_audit_action *a = elem;

	memset(a, 0, sizeof *a);
	store_col_copy(st, 0, a->name, sizeof a->name);
}

int store_audit_actions(struct store *s, struct store_audit_action **out, size_t *n)
{
	return store_list(s, SQL_AUDIT_ACTIONS, sizeof **out, action_row, (void **)out, n);
}
