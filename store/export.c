/*
 * The export history: every export of the count, draft or final, with its
 * files' hash codes, who made it and when; and the coordinator's explicit
 * reopening of a finished count, which withdraws its final export. Rows are
 * never deleted (triggers in schema.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_count_finished_locked(struct store *s)
{
	sqlite3_stmt *st;
	int yes;

	if (store_prepare(s, "SELECT 1 FROM meta WHERE key = 'count_exported_at'", &st) != STORE_OK)
		return -1;
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

int store_count_finished(struct store *s)
{
	int yes;

	pthread_mutex_lock(&s->lock);
	yes = store_count_finished_locked(s);
	pthread_mutex_unlock(&s->lock);
	return yes;
}

static int insert_file(struct store *s, long id, const struct store_export_file *f)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(s, "INSERT INTO export_file (export_id, name, hash_code, size) "
	                     "VALUES (?,?,?,?)", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->hash_code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, f->size);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	return rc;
}

int store_export_record(struct store *s, const struct store_actor *who, struct store_export *x)
{
	sqlite3_stmt *st;
	char detail[512];
	size_t i;
	int rc;

	if (x->nfiles > STORE_EXPORT_FILES_MAX)
		return STORE_ERR_STATE;
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	store_now(x->made_at);
	snprintf(x->made_by, sizeof x->made_by, "%s", who && who->name ? who->name : "");
	if (store_prepare(s, "INSERT INTO export (draft, created, made_at, made_by, "
	                     "stations_definitive, stations_total) VALUES (?,?,?,?,?,?)",
	                  &st) != STORE_OK) {
		rc = STORE_ERR_IO;
		goto done;
	}
	sqlite3_bind_int(st, 1, x->draft ? 1 : 0);
	sqlite3_bind_text(st, 2, x->created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, x->made_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, x->made_by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, x->stations_definitive);
	sqlite3_bind_int64(st, 6, x->stations_total);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		goto done;
	x->id = (long)sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < x->nfiles && rc == STORE_OK; i++) {
		rc = insert_file(s, x->id, &x->files[i]);
		snprintf(detail, sizeof detail, "%s sha256 %s%s", x->files[i].name,
		         x->files[i].hash_code, x->draft ? " (draft)" : "");
		if (rc == STORE_OK)
			rc = store_audit_locked(s, who, x->draft ? "export_draft" : "export", detail);
	}
	/* A final export finishes the count: its moment is kept, so making the files again
	 * gives the same bytes, and every station is closed until the count is reopened. */
	if (rc == STORE_OK && !x->draft) {
		const char *v[1] = {x->created};

		rc = store_run_text(s, "INSERT OR IGNORE INTO meta (key, value) VALUES "
		                       "('count_exported_at', ?)", 1, v);
	}
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void export_row(sqlite3_stmt *st, void *elem)
{
	struct store_export *x = elem;

	memset(x, 0, sizeof *x);
	x->id = sqlite3_column_int64(st, 0);
	x->draft = sqlite3_column_int(st, 1);
	store_col_copy(st, 2, x->created, sizeof x->created);
	store_col_copy(st, 3, x->made_at, sizeof x->made_at);
	store_col_copy(st, 4, x->made_by, sizeof x->made_by);
	x->stations_definitive = sqlite3_column_int64(st, 5);
	x->stations_total = sqlite3_column_int64(st, 6);
	x->withdrawn = sqlite3_column_type(st, 7) != SQLITE_NULL;
	store_col_copy(st, 7, x->withdrawn_at, sizeof x->withdrawn_at);
	store_col_copy(st, 8, x->withdrawn_by, sizeof x->withdrawn_by);
	store_col_copy(st, 9, x->withdrawn_reason, sizeof x->withdrawn_reason);
}

static int files_of(struct store *s, struct store_export *x)
{
	sqlite3_stmt *st;

	if (store_prepare(s, "SELECT name, hash_code, size FROM export_file WHERE export_id = ? "
	                     "ORDER BY rowid", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int64(st, 1, x->id);
	x->nfiles = 0;
	while (x->nfiles < STORE_EXPORT_FILES_MAX && sqlite3_step(st) == SQLITE_ROW) {
		struct store_export_file *f = &x->files[x->nfiles++];

		store_col_copy(st, 0, f->name, sizeof f->name);
		store_col_copy(st, 1, f->hash_code, sizeof f->hash_code);
		f->size = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return STORE_OK;
}

int store_exports_list(struct store *s, struct store_export **out, size_t *n)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = STORE_ERR_IO;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT id, draft, created, made_at, made_by, stations_definitive, "
	                     "stations_total, withdrawn_at, coalesce(withdrawn_by, ''), "
	                     "coalesce(withdrawn_reason, '') FROM export ORDER BY id DESC",
	                  &st) == STORE_OK)
		rc = store_collect(st, sizeof **out, export_row, (void **)out, n);
	for (i = 0; rc == STORE_OK && i < *n; i++)
		rc = files_of(s, &(*out)[i]);
	pthread_mutex_unlock(&s->lock);
	if (rc != STORE_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_count_reopen(struct store *s, const struct store_actor *who, const char *reason,
                       long *withdrawn)
{
	sqlite3_stmt *st;
	char at[32], detail[600];
	int rc, finished;

	*withdrawn = 0;
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((finished = store_count_finished_locked(s)) <= 0) {
		rc = finished < 0 ? STORE_ERR_IO : STORE_ERR_STATE;
		goto done;
	}
	store_now(at);
	if (store_prepare(s, "UPDATE export SET withdrawn_at = ?, withdrawn_by = ?, "
	                     "withdrawn_reason = ? WHERE draft = 0 AND withdrawn_at IS NULL",
	                  &st) != STORE_OK) {
		rc = STORE_ERR_IO;
		goto done;
	}
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, who && who->name ? who->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		goto done;
	*withdrawn = sqlite3_changes(s->db);
	if ((rc = store_exec_fixed(s, "DELETE FROM meta WHERE key = 'count_exported_at'")) != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "%ld final export(s) withdrawn; reason: %.500s", *withdrawn,
	         reason);
	rc = store_audit_locked(s, who, "reopen_count", detail);
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}
