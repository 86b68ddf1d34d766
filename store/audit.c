/*
 * The audit log: append-only (triggers in schema.sql), each record chained to
 * the one before by a hash over (previous hash, record), so that a removed or
 * altered record shows. Reading it back a page at a time: audit_query.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

char *store_audit_record_text(const char *const f[6])
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

	if (!s->keys) {
		store_sql_done(st);
		return store_fail_msg(STORE_ERR_STATE, "the keys of this database are not beside it (its "
		                      ".keys folder), so nothing can be written: to work on a backup, "
		                      "restore it with teller restore");
	}
	memcpy(prev, STORE_AUDIT_GENESIS, 65);
	if ((rc = store_step(s, st)) == 1 && sqlite3_column_bytes(st, 0) == 64)
		memcpy(prev, sqlite3_column_text(st, 0), 65);
	store_sql_done(st);
	if (rc < 0)
		return rc;
	store_now(at);
	{
		const char *f[6] = {at, who->name, who->role, who->address, action, detail};

		if ((rec = store_audit_record_text(f)) == NULL)
			return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	}
	store_audit_link(s, prev, rec, hash);
	free(rec);
	{
		const char *v[] = {at, who->name, who->role, who->address, action, detail, prev, hash};

		if ((rc = store_run_text(s, SQL_AUDIT_INSERT, 8, v)) != STORE_OK)
			return rc;
	}
	/* Anchored after the commit (store_tx_end), never before: the anchor is never ahead. */
	s->anchor_id = (long)sqlite3_last_insert_rowid(s->db);
	memcpy(s->anchor_hash, hash, 65);
	return STORE_OK;
}

int store_audit(struct store *s, const struct store_actor *who, const char *action,
                const char *detail)
{
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	return store_tx_end(s, store_audit_locked(s, who, action, detail));
}

/* Where the log must reach: the anchor beside the database (keys.c). */
struct anchor {
	long id;          /* 0: none */
	char hash[65];
	int seen;         /* record id was walked and holds */
};

/*
 * Checks up to batch records (-1: all) after id *last against the chain,
 * prev being the hash of record *last; moves *last and prev on, and checks
 * the anchored record on the way. STORE_OK with *rows read, STORE_ERR_STATE
 * (the reason recorded) with *bad_id at the first record that does not
 * follow, or a failure. Locked.
 */
static int chain_walk(struct store *s, long *last, int batch, char prev[65], long *bad_id,
                      long *rows, struct anchor *a)
{
	sqlite3_stmt *st = store_sql(s, SQL_AUDIT_CHAIN);
	const char *f[6], *had_prev, *had_hash;
	char hash[65], *rec, msg[200];
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
		if ((rec = store_audit_record_text(f)) == NULL) {
			rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
			break;
		}
		store_audit_link(s, prev, rec, hash);
		free(rec);
		*last = sqlite3_column_int64(st, 0);
		had_prev = (const char *)sqlite3_column_text(st, 7);
		had_hash = (const char *)sqlite3_column_text(st, 8);
		if (had_prev == NULL || had_hash == NULL || strcmp(had_prev, prev) != 0 ||
		    strcmp(had_hash, hash) != 0) {
			*bad_id = *last;
			snprintf(msg, sizeof msg, "the audit log is broken at record %ld: it was altered, "
			         "removed or added after it was written", *last);
			rc = store_fail_msg(STORE_ERR_STATE, msg);
			break;
		}
		if (*last == a->id) {
			if (strcmp(hash, a->hash) != 0) {
				*bad_id = *last;
				snprintf(msg, sizeof msg, "the audit log's record %ld is not the one written: the "
				         "log was rewritten, or the database put back to an older copy", *last);
				rc = store_fail_msg(STORE_ERR_STATE, msg);
				break;
			}
			a->seen = 1;
		}
		memcpy(prev, hash, 65);
	}
	store_sql_done(st);
	return rc == 0 ? STORE_OK : rc;
}

#define VERIFY_BATCH 2000

/* The walk of store_audit_verify (batch -1) and store_audit_verify_paced. */
static int verify(struct store *s, int batch, long *bad_id)
{
	struct anchor a = {0, "", 0};
	char prev[65], msg[240];
	long last = 0, rows;
	int rc;

	*bad_id = -1;
	if (!s->keys)
		return store_fail_msg(STORE_ERR_STATE, "the audit key is not beside the database (its .keys "
		                      "folder), so the audit log cannot be checked: restore a backup with "
		                      "teller restore");
	/* What this connection committed is anchored first: the check is of the log as it is. */
	store_anchor_sync(s);
	pthread_mutex_lock(&s->lock);
	rc = store_anchor_read(s, &a.id, a.hash);
	pthread_mutex_unlock(&s->lock);
	if (rc == STORE_ERR_NOT_FOUND)
		a.id = 0;
	else if (rc != STORE_OK)
		return rc;
	memcpy(prev, STORE_AUDIT_GENESIS, 65);
	do {
		/* Between batches the lock is free: typists' saves go on while the log is walked. */
		pthread_mutex_lock(&s->lock);
		rc = chain_walk(s, &last, batch, prev, bad_id, &rows, &a);
		pthread_mutex_unlock(&s->lock);
	} while (rc == STORE_OK && batch > 0 && rows == batch);
	if (rc != STORE_OK)
		return rc;
	if (a.id == 0 && last > 0) {
		*bad_id = last;
		return store_fail_msg(STORE_ERR_STATE, "the audit log's anchor beside the database is "
		                      "missing: the log cannot be shown to be whole");
	}
	if (a.id > 0 && !a.seen) {
		*bad_id = last + 1;
		snprintf(msg, sizeof msg, "the audit log ends at record %ld, but record %ld was written: "
		         "records were cut from its end, or the database was put back to an older copy",
		         last, a.id);
		return store_fail_msg(STORE_ERR_STATE, msg);
	}
	return STORE_OK;
}

int store_audit_head_locked(struct store *s, long *id, char hash[65])
{
	sqlite3_stmt *st = store_sql(s, SQL_AUDIT_LAST);
	int rc;

	*id = 0;
	hash[0] = '\0';
	if ((rc = store_step(s, st)) == 1) {
		store_col_copy(st, 0, hash, 65);
		*id = (long)sqlite3_column_int64(st, 1);
	}
	store_sql_done(st);
	return rc < 0 ? rc : STORE_OK;
}

int store_audit_head(struct store *s, long *id, char hash[65])
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_audit_head_locked(s, id, hash);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_audit_verify(struct store *s, long *bad_id)
{
	return verify(s, -1, bad_id);
}

int store_audit_verify_paced(struct store *s, long *bad_id)
{
	return verify(s, VERIFY_BATCH, bad_id);
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
