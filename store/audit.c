/*
 * The audit log: append-only (triggers in schema.sql), each record chained to
 * the one before by a hash over (previous hash, record), so that a removed or
 * altered record shows. Reading it back a page at a time: audit_query.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static const char zero_hash[65] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* The record as hashed: its fields separated by a unit separator. malloc'd, NULL when out of memory. */
static char *record_text(const char *const f[6])
{
	size_t len = 8;
	char *rec;
	int i;

	for (i = 0; i < 6; i++)
		len += f[i] ? strlen(f[i]) : 0;
	if ((rec = malloc(len)) != NULL)
		snprintf(rec, len, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", f[0], f[1], f[2], f[3], f[4], f[5]);
	return rec;
}

int store_audit_locked(struct store *s, const struct store_actor *who, const char *action,
                       const char *detail)
{
	sqlite3_stmt *st = store_sql(s, SQL_AUDIT_LAST);
	char prev[65], hash[65], at[32], *rec;
	int rc;

	memcpy(prev, zero_hash, 65);
	if ((rc = store_step(s, st)) == 1 && sqlite3_column_bytes(st, 0) == 64)
		memcpy(prev, sqlite3_column_text(st, 0), 65);
	store_sql_done(st);
	if (rc < 0)
		return rc;
	store_now(at);
	{
		const char *f[6] = {at, who->name, who->role, who->address, action, detail};

		if ((rec = record_text(f)) == NULL)
			return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	}
	s->chain(prev, rec, hash);
	free(rec);
	{
		const char *v[] = {at, who->name, who->role, who->address, action, detail, prev, hash};

		return store_run_text(s, SQL_AUDIT_INSERT, 8, v);
	}
}

int store_audit(struct store *s, const struct store_actor *who, const char *action,
                const char *detail)
{
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	return store_tx_end(s, store_audit_locked(s, who, action, detail));
}

/*
 * Checks up to batch records (-1: all) after id *last against the chain,
 * prev being the hash of record *last; moves *last and prev on. STORE_OK with
 * *rows read, STORE_ERR_STATE with *bad_id at the first record that does not
 * follow, or a failure. Locked.
 */
static int chain_walk(struct store *s, long *last, int batch, char prev[65], long *bad_id,
                      long *rows)
{
	sqlite3_stmt *st = store_sql(s, SQL_AUDIT_CHAIN);
	const char *f[6], *had_prev, *had_hash;
	char hash[65], *rec;
	int rc, i;

	*rows = 0;
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, *last);
		sqlite3_bind_int(st, 2, batch);
	}
	while ((rc = store_step(s, st)) == 1) {
		(*rows)++;
		for (i = 0; i < 6; i++)
			f[i] = (const char *)sqlite3_column_text(st, i + 1);
		if ((rec = record_text(f)) == NULL) {
			rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
			break;
		}
		s->chain(prev, rec, hash);
		free(rec);
		*last = sqlite3_column_int64(st, 0);
		had_prev = (const char *)sqlite3_column_text(st, 7);
		had_hash = (const char *)sqlite3_column_text(st, 8);
		if (had_prev == NULL || had_hash == NULL || strcmp(had_prev, prev) != 0 ||
		    strcmp(had_hash, hash) != 0) {
			*bad_id = *last;
			rc = STORE_ERR_STATE;
			break;
		}
		memcpy(prev, hash, 65);
	}
	store_sql_done(st);
	return rc == 0 ? STORE_OK : rc;
}

int store_audit_verify(struct store *s, long *bad_id)
{
	char prev[65];
	long last = 0, rows;
	int rc;

	*bad_id = -1;
	memcpy(prev, zero_hash, 65);
	pthread_mutex_lock(&s->lock);
	rc = chain_walk(s, &last, -1, prev, bad_id, &rows);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

#define VERIFY_BATCH 2000

int store_audit_verify_paced(struct store *s, long *bad_id)
{
	char prev[65];
	long last = 0, rows;
	int rc;

	*bad_id = -1;
	memcpy(prev, zero_hash, 65);
	do {
		/* Between batches the lock is free: typists' saves go on while the log is walked. */
		pthread_mutex_lock(&s->lock);
		rc = chain_walk(s, &last, VERIFY_BATCH, prev, bad_id, &rows);
		pthread_mutex_unlock(&s->lock);
	} while (rc == STORE_OK && rows == VERIFY_BATCH);
	return rc;
}

void store_audit_row_read(sqlite3_stmt *st, struct store_audit_row *row)
{
	memset(row, 0, sizeof *row);
	row->id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, row->at, sizeof row->at);
	store_col_copy(st, 2, row->actor, sizeof row->actor);
	store_col_copy(st, 3, row->role, sizeof row->role);
	store_col_copy(st, 4, row->address, sizeof row->address);
	store_col_copy(st, 5, row->action, sizeof row->action);
	store_col_copy(st, 6, row->detail, sizeof row->detail);
	store_col_copy(st, 7, row->hash, sizeof row->hash);
}

int store_audit_each(struct store *s, int (*fn)(void *arg, const struct store_audit_row *row),
                     void *arg)
{
	struct store_audit_row row;
	sqlite3_stmt *st;
	int rc;

	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_AUDIT_ALL);
	while ((rc = store_step(s, st)) == 1) {
		store_audit_row_read(st, &row);
		if (fn(arg, &row) != 0) {
			rc = 0;
			break;
		}
	}
	store_sql_done(st);
	pthread_mutex_unlock(&s->lock);
	return rc == 0 ? STORE_OK : rc;
}

long store_audit_count(struct store *s)
{
	long long n = -1;

	pthread_mutex_lock(&s->lock);
	if (store_one_int(s, store_sql(s, SQL_AUDIT_COUNT), &n) != STORE_OK)
		n = -1;
	pthread_mutex_unlock(&s->lock);
	return (long)n;
}
