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

#include "store/internal.h"

int store_audit_station(const char *detail)
{
	const char *p;
	long v = 0;
	int digits = 0;

	if (detail == NULL || strncmp(detail, "station ", 8) != 0)
		return 0;
	p = detail + 8;
	if (*p < '1' || *p > '9')
		return 0; /* no number, or a leading zero: not how a station is written */
	while (*p >= '0' && *p <= '9') {
		if (++digits > 9)
			return 0;
		v = v * 10 + (*p - '0');
		p++;
	}
	return v > INT_MAX ? 0 : (int)v;
}

static void record_row(sqlite3_stmt *st, struct store_audit_record *rec)
{
	struct store_audit_row *row = &rec->row;

	memset(rec, 0, sizeof *rec);
	row->id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, row->at, sizeof row->at);
	store_col_copy(st, 2, row->actor, sizeof row->actor);
	store_col_copy(st, 3, row->role, sizeof row->role);
	store_col_copy(st, 4, row->address, sizeof row->address);
	store_col_copy(st, 5, row->action, sizeof row->action);
	store_col_copy(st, 6, row->detail, sizeof row->detail);
	store_col_copy(st, 7, row->hash, sizeof row->hash);
	rec->station = store_audit_station((const char *)sqlite3_column_text(st, 6));
}

int store_audit_query(struct store *s, const struct store_audit_filter *f,
                      struct store_audit_record **out, size_t *n, long *next_before_id)
{
	struct store_audit_record *recs;
	sqlite3_stmt *st;
	size_t limit = f->limit, got = 0;
	int rc = STORE_OK, step;

	*out = NULL;
	*n = 0;
	*next_before_id = 0;
	if (limit == 0 || limit > STORE_AUDIT_PAGE_MAX || f->before_id < 0 || f->station < 0)
		return STORE_ERR_STATE;
	/* One more than asked: whether there is a next page. */
	if ((recs = calloc(limit + 1, sizeof *recs)) == NULL)
		return STORE_ERR_NOMEM;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT id, at, actor, role, address, action, detail, hash FROM audit "
	                     "WHERE id < ?1 AND (?2 IS NULL OR actor = ?2 COLLATE NOCASE) "
	                     "AND (?3 IS NULL OR action = ?3) ORDER BY id DESC", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		free(recs);
		return STORE_ERR_IO;
	}
	sqlite3_bind_int64(st, 1, f->before_id > 0 ? f->before_id : LLONG_MAX);
	if (f->actor != NULL)
		sqlite3_bind_text(st, 2, f->actor, -1, SQLITE_STATIC);
	if (f->action != NULL)
		sqlite3_bind_text(st, 3, f->action, -1, SQLITE_STATIC);
	while (got <= limit && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (f->station > 0 &&
		    store_audit_station((const char *)sqlite3_column_text(st, 6)) != f->station)
			continue;
		record_row(st, &recs[got++]);
	}
	if (got <= limit && step != SQLITE_DONE)
		rc = STORE_ERR_IO;
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	if (rc != STORE_OK) {
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
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT DISTINCT action FROM audit ORDER BY action", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	rc = store_collect(st, sizeof **out, action_row, (void **)out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

#define VERIFY_BATCH 2000

int store_audit_verify_paced(struct store *s, long *bad_id)
{
	static const char zero[65] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	char prev[65], hash[65], *rec = NULL, *grown;
	const char *f[6];
	sqlite3_stmt *st;
	size_t cap = 0, len;
	long last = 0, rows;
	int rc = STORE_OK, step = SQLITE_DONE, i;

	*bad_id = -1;
	memcpy(prev, zero, 65);
	do {
		pthread_mutex_lock(&s->lock);
		if (store_prepare(s, "SELECT id, at, actor, role, address, action, detail, prev_hash, "
		                     "hash FROM audit WHERE id > ? ORDER BY id LIMIT ?", &st) != STORE_OK) {
			pthread_mutex_unlock(&s->lock);
			rc = STORE_ERR_IO;
			break;
		}
		sqlite3_bind_int64(st, 1, last);
		sqlite3_bind_int(st, 2, VERIFY_BATCH);
		rows = 0;
		while (rc == STORE_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
			rows++;
			len = 8;
			for (i = 0; i < 6; i++) {
				f[i] = (const char *)sqlite3_column_text(st, i + 1);
				len += f[i] ? strlen(f[i]) : 0;
			}
			if (len > cap) {
				if ((grown = realloc(rec, len * 2)) == NULL) {
					rc = STORE_ERR_NOMEM;
					break;
				}
				rec = grown;
				cap = len * 2;
			}
			/* The record as store_audit_locked hashed it (the same as store_audit_verify). */
			snprintf(rec, cap, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", f[0], f[1], f[2], f[3], f[4],
			         f[5]);
			s->chain(prev, rec, hash);
			last = sqlite3_column_int64(st, 0);
			if (sqlite3_column_text(st, 7) == NULL || sqlite3_column_text(st, 8) == NULL ||
			    strcmp((const char *)sqlite3_column_text(st, 7), prev) != 0 ||
			    strcmp((const char *)sqlite3_column_text(st, 8), hash) != 0) {
				*bad_id = last;
				rc = STORE_ERR_STATE;
				break;
			}
			memcpy(prev, hash, 65);
		}
		if (rc == STORE_OK && step != SQLITE_DONE)
			rc = STORE_ERR_IO;
		sqlite3_finalize(st);
		/* Between batches the lock is free: typists' saves go on while the log is walked. */
		pthread_mutex_unlock(&s->lock);
	} while (rc == STORE_OK && rows == VERIFY_BATCH);
	free(rec);
	return rc;
}
