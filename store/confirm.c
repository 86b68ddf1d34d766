/*
 * Accounts made or changed after data entry began (store.h; issue 11). The
 * moment entry began is meta entry_began_at, set by the first claim of an
 * entry (store/entry.c) and never cleared. From then on every account that
 * is made, given a new password by somebody else, or enabled again gets a row
 * in account_change in the same transaction as the change; the row awaits a
 * coordinator's confirmation, and the account counts nothing until then
 * (entry/api.c refuses it the routes that enter or decide counts). The rows
 * are never deleted: the PV lists them all, with who confirmed them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_entry_began_mark_locked(struct store *s)
{
	sqlite3_stmt *st = store_sql(s, SQL_ENTRY_BEGAN_MARK);
	char at[32];

	store_now(at);
	sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
	return store_run(s, st);
}

int store_account_change_note_locked(struct store *s, long id, const char *kind,
                                     const char *role, const char *at,
                                     const struct store_actor *who)
{
	sqlite3_stmt *st = store_sql(s, SQL_ACCOUNT_CHANGE_NOTE);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, who && who->name ? who->name : "-", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, who && who->role ? who->role : "-", -1, SQLITE_STATIC);
	return store_run(s, st);
}

int store_entry_began_locked(struct store *s, char out[32])
{
	int rc = store_meta_get_locked(s, "entry_began_at", out, 32);

	if (rc == STORE_ERR_NOT_FOUND) {
		out[0] = '\0';
		rc = STORE_OK;
	}
	return rc;
}

int store_entry_began(struct store *s, char out[32])
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_entry_began_locked(s, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void change_row(sqlite3_stmt *st, void *elem)
{
	struct store_account_change *c = elem;

	c->id = sqlite3_column_int64(st, 0);
	c->account_id = sqlite3_column_int64(st, 1);
	store_col_copy(st, 2, c->account, sizeof c->account);
	store_col_copy(st, 3, c->kind, sizeof c->kind);
	store_col_copy(st, 4, c->role, sizeof c->role);
	store_col_copy(st, 5, c->at, sizeof c->at);
	store_col_copy(st, 6, c->by, sizeof c->by);
	store_col_copy(st, 7, c->by_role, sizeof c->by_role);
	store_col_copy(st, 8, c->confirmed_at, sizeof c->confirmed_at);
	store_col_copy(st, 9, c->confirmed_by, sizeof c->confirmed_by);
	c->disabled = sqlite3_column_int(st, 10);
}

int store_account_changes_locked(struct store *s, struct store_account_change **out, size_t *n)
{
	return store_collect(s, store_sql(s, SQL_ACCOUNT_CHANGES), sizeof **out, change_row,
	                     (void **)out, n);
}

int store_account_changes(struct store *s, struct store_account_change **out, size_t *n)
{
	return store_list(s, SQL_ACCOUNT_CHANGES, sizeof **out, change_row, (void **)out, n);
}

int store_account_confirm(struct store *s, long id, long by_id, const struct store_actor *who,
                          long *confirmed)
{
	char name[STORE_NAME_MAX], role[16];
	sqlite3_stmt *st;
	long long pending = 0;
	char at[32], detail[128];
	int rc;

	*confirmed = 0;
	if (id == by_id)
		return STORE_ERR_INVALID;   /* nobody confirms their own account */
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_ACCOUNT_BY_ID);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step(s, st)) == 1) {
		store_col_copy(st, 1, name, sizeof name);
		store_col_copy(st, 2, role, sizeof role);
	}
	store_sql_done(st);
	rc = rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
	if (rc != STORE_OK)
		goto done;
	/* Nor does an account that awaits confirmation itself confirm another. */
	st = store_sql(s, SQL_ACCOUNT_PENDING);
	sqlite3_bind_int64(st, 1, by_id);
	if ((rc = store_one_int(s, st, &pending)) != STORE_OK)
		goto done;
	if (pending > 0) {
		rc = STORE_ERR_INVALID;
		goto done;
	}
	st = store_sql(s, SQL_ACCOUNT_PENDING);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_one_int(s, st, &pending)) != STORE_OK)
		goto done;
	if (pending == 0) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	store_now(at);
	st = store_sql(s, SQL_ACCOUNT_CONFIRM);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, who && who->name ? who->name : "-", -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	*confirmed = (long)sqlite3_changes(s->db);
	snprintf(detail, sizeof detail, "account %.60s role %s changes %lld", name, role, pending);
	rc = store_audit_locked(s, who, "account_confirm", detail);
done:
	if (rc != STORE_OK)
		*confirmed = 0;
	return store_tx_end(s, rc);
}
