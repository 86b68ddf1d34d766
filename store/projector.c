/*
 * Projector links: read-only views of the progress that need no session.
 * Only the SHA-256 of a link's token is kept (table projector_link); a link
 * is found by that hash, so the token itself is never compared byte by byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static long active_locked(struct store *s)
{
	sqlite3_stmt *st;
	long n = -1;

	if (store_prepare(s, "SELECT count(*) FROM projector_link WHERE revoked_at IS NULL",
	                  &st) != STORE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int store_projector_link_add(struct store *s, const char *token_hash,
                             const struct store_actor *who, long *id)
{
	char now[32], detail[64];
	const char *v[3];
	long active;
	int rc;

	*id = 0;
	if (token_hash == NULL || strlen(token_hash) != 64)
		return STORE_ERR_STATE;
	store_now(now);
	v[0] = token_hash;
	v[1] = who->name;
	v[2] = now;
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((active = active_locked(s)) < 0) {
		rc = STORE_ERR_IO;
		goto done;
	}
	if (active >= STORE_PROJECTOR_LINKS_MAX) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	if ((rc = store_run_text(s, "INSERT INTO projector_link (token_hash, created_by, created_at) "
	                            "VALUES (?,?,?)", 3, v)) != STORE_OK)
		goto done;
	*id = (long)sqlite3_last_insert_rowid(s->db);
	snprintf(detail, sizeof detail, "projector link %ld", *id);
	rc = store_audit_locked(s, who, "projector_link_create", detail);
done:
	rc = store_finish(s, rc);
	if (rc != STORE_OK)
		*id = 0;
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void link_row(sqlite3_stmt *st, void *elem)
{
	struct store_projector_link *l = elem;

	l->id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, l->created_by, sizeof l->created_by);
	store_col_copy(st, 2, l->created_at, sizeof l->created_at);
	store_col_copy(st, 3, l->revoked_at, sizeof l->revoked_at);
}

int store_projector_links_list(struct store *s, struct store_projector_link **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT id, created_by, created_at, revoked_at FROM projector_link "
	                     "ORDER BY id DESC", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	rc = store_collect(st, sizeof **out, link_row, (void **)out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_projector_link_revoke(struct store *s, long id, const struct store_actor *who)
{
	sqlite3_stmt *st;
	char now[32], detail[64];
	int rc, step;

	store_now(now);
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(s, "SELECT revoked_at IS NULL FROM projector_link WHERE id = ?",
	                        &st)) != STORE_OK)
		goto done;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		rc = STORE_ERR_NOT_FOUND;
	else if (step != SQLITE_ROW)
		rc = STORE_ERR_IO;
	else if (sqlite3_column_int(st, 0) == 0)
		rc = STORE_ERR_STATE; /* revoked before: nothing to do, nothing logged */
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		goto done;
	if ((rc = store_prepare(s, "UPDATE projector_link SET revoked_at = ? WHERE id = ?",
	                        &st)) != STORE_OK)
		goto done;
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "projector link %ld", id);
	rc = store_audit_locked(s, who, "projector_link_revoke", detail);
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_projector_link_find(struct store *s, const char *token_hash, long *id)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND, step;

	*id = 0;
	if (token_hash == NULL || strlen(token_hash) != 64)
		return STORE_ERR_NOT_FOUND;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT id FROM projector_link WHERE token_hash = ? "
	                     "AND revoked_at IS NULL", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	sqlite3_bind_text(st, 1, token_hash, 64, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = STORE_OK;
	} else if (step != SQLITE_DONE) {
		rc = STORE_ERR_IO;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}
