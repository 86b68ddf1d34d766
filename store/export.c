/*
 * The export history: every export of the count, draft or final, with its
 * files' hash codes, who made it and when; and the coordinator's explicit
 * reopening of a finished count, which withdraws its final export. Rows are
 * never deleted (triggers in migrations/004.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* One file of an export; a final export keeps its bytes (keep), to write them again. */
static int insert_file(struct store *s, long id, const struct store_export_file *f, int keep)
{
	sqlite3_stmt *st = store_sql(s, SQL_EXPORT_FILE_INSERT);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->hash_code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, f->size);
	if (keep && f->bytes != NULL && f->size >= 0)
		sqlite3_bind_blob64(st, 5, f->bytes, (sqlite3_uint64)f->size, SQLITE_STATIC);
	return store_run(s, st);
}

int store_export_record(struct store *s, const struct store_actor *who, struct store_export *x)
{
	sqlite3_stmt *st;
	char detail[512];
	size_t i;
	int rc;

	if (x->nfiles > STORE_EXPORT_FILES_MAX)
		return STORE_ERR_STATE;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_later_current_locked(s, &x->session, NULL)) != STORE_OK)
		goto done;
	store_now(x->made_at);
	snprintf(x->made_by, sizeof x->made_by, "%s", who && who->name ? who->name : "");
	st = store_sql(s, SQL_EXPORT_INSERT);
	sqlite3_bind_int(st, 1, x->draft ? 1 : 0);
	sqlite3_bind_text(st, 2, x->created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, x->made_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, x->made_by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, x->stations_definitive);
	sqlite3_bind_int64(st, 6, x->stations_total);
	sqlite3_bind_int(st, 7, x->session);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	x->id = (long)sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < x->nfiles && rc == STORE_OK; i++) {
		rc = insert_file(s, x->id, &x->files[i], !x->draft);
		snprintf(detail, sizeof detail, "%s sha256 %s%s", x->files[i].name,
		         x->files[i].hash_code, x->draft ? " (draft)" : "");
		if (rc == STORE_OK)
			rc = store_audit_locked(s, who, x->draft ? "export_draft" : "export", detail);
	}
	/* A final export finishes the count: its moment is kept, so making the files again
	 * gives the same bytes, and every station is closed until the count is reopened. */
	if (rc == STORE_OK && !x->draft) {
		const char *v[2] = {"count_exported_at", x->created};
		const char *h[2] = {"count_exported_audit", x->audit_head};

		rc = store_run_text(s, SQL_META_ADD, 2, v);
		/* Made again, the PV prints the same head: the log as it stood when it was signed. */
		if (rc == STORE_OK && x->audit_head[0] != '\0')
			rc = store_run_text(s, SQL_META_SET, 2, h);
		/* ... and the session: the next one may be opened now. */
		if (rc == STORE_OK)
			rc = store_later_finish_locked(s, &x->session, x->made_at);
	}
done:
	return store_tx_end(s, rc);
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
	x->session = sqlite3_column_int(st, 10);
}

static int files_of(struct store *s, struct store_export *x)
{
	sqlite3_stmt *st = store_sql(s, SQL_EXPORT_FILES);
	int rc = 0;

	sqlite3_bind_int64(st, 1, x->id);
	x->nfiles = 0;
	while (x->nfiles < STORE_EXPORT_FILES_MAX && (rc = store_step(s, st)) == 1) {
		struct store_export_file *f = &x->files[x->nfiles++];

		store_col_copy(st, 0, f->name, sizeof f->name);
		store_col_copy(st, 1, f->hash_code, sizeof f->hash_code);
		f->size = sqlite3_column_int64(st, 2);
	}
	store_sql_done(st);
	return x->nfiles == STORE_EXPORT_FILES_MAX || rc >= 0 ? STORE_OK : rc;
}

int store_exports_list(struct store *s, struct store_export **out, size_t *n)
{
	size_t i;
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_collect(s, store_sql(s, SQL_EXPORTS_LIST), sizeof **out, export_row,
	                   (void **)out, n);
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
	const char *key[1] = {"count_exported_at"};
	sqlite3_stmt *st;
	char at[32], detail[600];
	int rc, finished, session;

	*withdrawn = 0;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((finished = store_count_finished_locked(s)) <= 0) {
		rc = finished < 0 ? STORE_ERR_IO : STORE_ERR_STATE;
		goto done;
	}
	if ((rc = store_later_current_locked(s, &session, NULL)) != STORE_OK)
		goto done;
	store_now(at);
	/* Only the current session's: an earlier one's documents are never changed. */
	st = store_sql(s, SQL_EXPORT_WITHDRAW);
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, who && who->name ? who->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, session);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	*withdrawn = sqlite3_changes(s->db);
	if ((rc = store_later_unfinish_locked(s, session)) != STORE_OK)
		goto done;
	if ((rc = store_run_text(s, SQL_META_DELETE, 1, key)) != STORE_OK)
		goto done;
	/* a lot drawn on the old figures may no longer answer a tie of the new ones */
	if ((rc = store_result_lots_withdraw_locked(s, at)) != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "%ld final export(s) withdrawn; reason: %.500s", *withdrawn,
	         reason);
	rc = store_audit_locked(s, who, "reopen_count", detail);
done:
	return store_tx_end(s, rc);
}

void store_export_bytes_free(struct store_export_bytes *b, size_t n)
{
	size_t i;

	for (i = 0; b != NULL && i < n; i++)
		free(b[i].bytes);
	free(b);
}

int store_export_bytes(struct store *s, long id, struct store_export_bytes **out, size_t *n)
{
	sqlite3_stmt *st;
	struct store_export_bytes *b = calloc(STORE_EXPORT_FILES_MAX, sizeof *b);
	int rc, draft = -1;

	*out = NULL;
	*n = 0;
	if (b == NULL)
		return STORE_ERR_NOMEM;
	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_EXPORT_BYTES);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = store_step(s, st)) == 1) {
		const void *p = sqlite3_column_blob(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);

		draft = sqlite3_column_int(st, 0);
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue; /* an export without files */
		if (draft || sqlite3_column_type(st, 2) == SQLITE_NULL || *n == STORE_EXPORT_FILES_MAX) {
			rc = STORE_ERR_STATE; /* a draft, or made before the bytes were kept */
			break;
		}
		store_col_copy(st, 1, b[*n].name, sizeof b[*n].name);
		if ((b[*n].bytes = malloc(len ? len : 1)) == NULL) {
			rc = STORE_ERR_NOMEM;
			break;
		}
		memcpy(b[*n].bytes, p, len);
		b[(*n)++].len = len;
	}
	store_sql_done(st);
	pthread_mutex_unlock(&s->lock);
	if (rc == 0 && draft != 0)
		rc = draft < 0 ? STORE_ERR_NOT_FOUND : STORE_ERR_STATE;
	if (rc != 0) {
		store_export_bytes_free(b, *n);
		*n = 0;
		return rc;
	}
	*out = b;
	return STORE_OK;
}
