/*
 * Projector links: read-only views of the progress that need no session.
 * Only the SHA-256 of a link's token is kept (table projector_link); a link
 * is found by that hash, so the token itself is never compared byte by byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_projector_link_add(struct store *s, const char *token_hash,
                             const struct store_actor *who, long *id)
{
	char now[32], detail[64];
	const char *v[3];
	long long active;
	int rc;

	*id = 0;
	if (token_hash == NULL || strlen(token_hash) != 64)
		return STORE_ERR_STATE;
	store_now(now);
	v[0] = token_hash;
	v[1] = who->name;
	v[2] = now;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = store_one_int(s, store_sql(s, SQL_PROJECTOR_ACTIVE), &active)) != STORE_OK)
		goto done;
	if (active >= STORE_PROJECTOR_LINKS_MAX) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	if ((rc = store_run_text(s, SQL_PROJECTOR_INSERT, 3, v)) != STORE_OK)
		goto done;
	*id = (long)sqlite3_last_insert_rowid(s->db);
	snprintf(detail, sizeof detail, "projector link %ld", *id);
	rc = store_audit_locked(s, who, "projector_link_create", detail);
done:
	if ((rc = store_tx_end(s, rc)) != STORE_OK)
		*id = 0;
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
	return store_list(s, SQL_PROJECTOR_LIST, sizeof **out, link_row, (void **)out, n);
}

int store_projector_link_revoke(struct store *s, long id, const struct store_actor *who)
{
	sqlite3_stmt *st;
	char now[32], detail[64];
	long long working;
	int rc;

	store_now(now);
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_PROJECTOR_STATE);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_one_int(s, st, &working)) != STORE_OK)
		goto done;
	if (!working) {
		rc = STORE_ERR_STATE; /* revoked before: nothing to do, nothing logged */
		goto done;
	}
	st = store_sql(s, SQL_PROJECTOR_REVOKE);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "projector link %ld", id);
	rc = store_audit_locked(s, who, "projector_link_revoke", detail);
done:
	return store_tx_end(s, rc);
}

int store_projector_link_find(struct store *s, const char *token_hash, long *id)
{
	sqlite3_stmt *st;
	long long found = 0;
	int rc;

	*id = 0;
	if (token_hash == NULL || strlen(token_hash) != 64)
		return STORE_ERR_NOT_FOUND;
	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_PROJECTOR_FIND);
	sqlite3_bind_text(st, 1, token_hash, 64, SQLITE_STATIC);
	if ((rc = store_one_int(s, st, &found)) == STORE_OK)
		*id = (long)found;
	pthread_mutex_unlock(&s->lock);
	return rc;
}
