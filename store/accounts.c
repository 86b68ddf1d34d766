/*
 * The store's accounts and sessions. Account names are compared without
 * regard to case (the unique index account_name_nocase): "Jansen" is the
 * account "jansen", whose name keeps the spelling it was created with. A
 * disabled account keeps its rows (entries, audit records refer to it) but
 * has no session: disabling ends them in the same transaction, and a session
 * of a disabled account is never found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_account_insert_locked(struct store *s, const char *name, const char *role,
                                const char *pw_hash, int must_change, const char *at,
                                const struct store_actor *who, long *id)
{
	sqlite3_stmt *st;
	char detail[160];
	int rc;

	if ((rc = store_prepare(s, "INSERT INTO account (name, role, pw_hash, must_change, created_at) "
	                           "VALUES (?,?,?,?,?)", &st)) != STORE_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, pw_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, must_change ? 1 : 0);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? STORE_OK : rc == SQLITE_CONSTRAINT ? STORE_ERR_EXISTS : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		return rc;
	if (id != NULL)
		*id = (long)sqlite3_last_insert_rowid(s->db);
	snprintf(detail, sizeof detail, "account %.60s role %s", name, role);
	return store_audit_locked(s, who, "account_add", detail);
}

int store_account_add(struct store *s, const char *name, const char *role,
                      const char *pw_hash, int must_change, const struct store_actor *who,
                      long *id)
{
	char at[32];
	int rc;

	store_now(at);
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) == STORE_OK)
		rc = store_finish(s, store_account_insert_locked(s, name, role, pw_hash, must_change, at,
		                                                 who, id));
	pthread_mutex_unlock(&s->lock);
	return rc;
}

long store_account_count(struct store *s, const char *role)
{
	sqlite3_stmt *st;
	long n = -1;

	pthread_mutex_lock(&s->lock);
	/* ?1 IS NULL: every account; otherwise those of the role. */
	if (store_prepare(s, "SELECT count(*) FROM account WHERE ?1 IS NULL OR role = ?1", &st) ==
	    STORE_OK) {
		if (role != NULL)
			sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return n;
}

/* ---- accounts ---- */

#define ACCOUNT_COLS "id, name, role, pw_hash, must_change, created_at, coalesce(last_login, ''), " \
	"disabled "

static void account_row(sqlite3_stmt *st, void *elem)
{
	struct store_account *a = elem;

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, a->name, sizeof a->name);
	store_col_copy(st, 2, a->role, sizeof a->role);
	store_col_copy(st, 3, a->pw_hash, sizeof a->pw_hash);
	a->must_change = sqlite3_column_int(st, 4);
	store_col_copy(st, 5, a->created_at, sizeof a->created_at);
	store_col_copy(st, 6, a->last_login, sizeof a->last_login);
	a->disabled = sqlite3_column_int(st, 7);
}

static int account_find(struct store *s, const char *sql, const char *name, long id,
                        struct store_account *a)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND;

	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, sql, &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		account_row(st, a);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_account_by_name(struct store *s, const char *name, struct store_account *a)
{
	return account_find(s, "SELECT " ACCOUNT_COLS "FROM account WHERE name = ? COLLATE NOCASE", name, 0, a);
}

int store_account_by_id(struct store *s, long id, struct store_account *a)
{
	return account_find(s, "SELECT " ACCOUNT_COLS "FROM account WHERE id = ?", NULL, id, a);
}

/* An account for a list: everything but the password hash. */
static void account_row_public(sqlite3_stmt *st, void *elem)
{
	struct store_account *a = elem;

	account_row(st, a);
	a->pw_hash[0] = '\0';
}

int store_accounts_list(struct store *s, struct store_account **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT " ACCOUNT_COLS "FROM account ORDER BY name COLLATE NOCASE", &st) == STORE_OK)
		rc = store_collect(st, sizeof **out, account_row_public, (void **)out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_accounts_add_many(struct store *s, const char *const *names, const char *const *roles,
                            const char *const *hashes, size_t n, const struct store_actor *who)
{
	char at[32];
	size_t i;
	int rc;

	store_now(at);
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) == STORE_OK) {
		for (i = 0; i < n && rc == STORE_OK; i++)
			rc = store_account_insert_locked(s, names[i], roles[i], hashes[i], 1, at, who, NULL);
		rc = store_finish(s, rc);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_account_set_password(struct store *s, long id, const char *pw_hash, int must_change,
                               const struct store_actor *who)
{
	sqlite3_stmt *st;
	char detail[64];
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(s, "UPDATE account SET pw_hash = ?, must_change = ? WHERE id = ?",
	                        &st)) != STORE_OK)
		goto done;
	sqlite3_bind_text(st, 1, pw_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, must_change ? 1 : 0);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_ERR_NOT_FOUND;
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "account id %ld", id);
		rc = store_audit_locked(s, who, "password_change", detail);
	}
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* The account with this id (STORE_ERR_NOT_FOUND when none); runs locked, in a transaction. */
static int account_get_locked(struct store *s, long id, struct store_account *a)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND;

	if (store_prepare(s, "SELECT " ACCOUNT_COLS "FROM account WHERE id = ?", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		account_row(st, a);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Runs an UPDATE or DELETE with the account id as ?1 (and text as ?2 when not NULL). */
static int account_exec_locked(struct store *s, const char *sql, long id, const char *text)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(s, sql, &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int64(st, 1, id);
	if (text != NULL)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	return rc;
}

int store_account_reset_password(struct store *s, long id, const char *pw_hash,
                                 const struct store_actor *who)
{
	struct store_account a;
	char detail[96];
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = account_get_locked(s, id, &a)) != STORE_OK)
		goto done;
	rc = account_exec_locked(s, "UPDATE account SET pw_hash = ?2, must_change = 1 WHERE id = ?1",
	                         id, pw_hash);
	if (rc == STORE_OK)
		rc = account_exec_locked(s, "DELETE FROM session WHERE account_id = ?1", id, NULL);
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "account %.60s", a.name);
		rc = store_audit_locked(s, who, "password_reset", detail);
	}
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_account_set_disabled(struct store *s, long id, int disabled,
                               const struct store_actor *who)
{
	struct store_account a;
	sqlite3_stmt *st;
	char detail[96];
	long others = 0;
	int rc;

	disabled = disabled ? 1 : 0;
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = account_get_locked(s, id, &a)) != STORE_OK || a.disabled == disabled)
		goto done;  /* unknown, or nothing to change */
	if (disabled && strcmp(a.role, "administrator") == 0) {
		/* Somebody must still be able to manage the accounts. */
		if (store_prepare(s, "SELECT count(*) FROM account WHERE role = 'administrator' AND "
		                     "disabled = 0 AND id <> ?", &st) != STORE_OK) {
			rc = STORE_ERR_IO;
			goto done;
		}
		sqlite3_bind_int64(st, 1, id);
		rc = STORE_ERR_IO;
		if (sqlite3_step(st) == SQLITE_ROW) {
			others = sqlite3_column_int64(st, 0);
			rc = STORE_OK;
		}
		sqlite3_finalize(st);
		if (rc == STORE_OK && others == 0)
			rc = STORE_ERR_STATE;
		if (rc != STORE_OK)
			goto done;
	}
	rc = account_exec_locked(s, disabled ? "UPDATE account SET disabled = 1 WHERE id = ?1" :
	                         "UPDATE account SET disabled = 0 WHERE id = ?1", id, NULL);
	if (rc == STORE_OK && disabled)
		rc = account_exec_locked(s, "DELETE FROM session WHERE account_id = ?1", id, NULL);
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "account %.60s", a.name);
		rc = store_audit_locked(s, who, disabled ? "account_disable" : "account_enable", detail);
	}
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* ---- sessions ---- */

int store_session_create(struct store *s, const char *token_hash, long account_id,
                         const char *address, const char *user_agent, long now,
                         const struct store_actor *who)
{
	sqlite3_stmt *st;
	char at[32];
	int rc;

	store_now(at);
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(s, "INSERT INTO session (token_hash, account_id, address, user_agent, "
	                           "started, last_seen) VALUES (?,?,?,?,?,?)", &st)) != STORE_OK)
		goto done;
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, account_id);
	sqlite3_bind_text(st, 3, address, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, user_agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, now);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc == STORE_OK) {
		const char *v[] = {at, NULL};
		char id[24];

		snprintf(id, sizeof id, "%ld", account_id);
		v[1] = id;
		rc = store_run_text(s, "UPDATE account SET last_login = ? WHERE id = ?", 2, v);
	}
	if (rc == STORE_OK)
		rc = store_audit_locked(s, who, "login", "");
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

#define SESSION_COLS "s.account_id, s.address, s.user_agent, s.started, s.last_seen, " \
	"a.id, a.name, a.role, a.pw_hash, a.must_change, a.created_at, coalesce(a.last_login, ''), " \
	"a.disabled "

static void session_row(sqlite3_stmt *st, void *elem)
{
	struct store_session *o = elem;

	memset(o, 0, sizeof *o);
	o->account_id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, o->address, sizeof o->address);
	store_col_copy(st, 2, o->user_agent, sizeof o->user_agent);
	store_col_copy(st, 3, o->started, sizeof o->started);
	o->last_seen = sqlite3_column_int64(st, 4);
	o->account.id = sqlite3_column_int64(st, 5);
	store_col_copy(st, 6, o->account.name, sizeof o->account.name);
	store_col_copy(st, 7, o->account.role, sizeof o->account.role);
	store_col_copy(st, 8, o->account.pw_hash, sizeof o->account.pw_hash);
	o->account.must_change = sqlite3_column_int(st, 9);
	store_col_copy(st, 10, o->account.created_at, sizeof o->account.created_at);
	store_col_copy(st, 11, o->account.last_login, sizeof o->account.last_login);
	o->account.disabled = sqlite3_column_int(st, 12);
}

static int session_exec(struct store *s, const char *sql, const char *hash, long num)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(s, sql, &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int64(st, 1, num);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	return rc;
}

int store_session_get(struct store *s, const char *token_hash, long now, long max_idle,
                      struct store_session *out)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND;

	pthread_mutex_lock(&s->lock);
	/* A disabled account has no session: disabling deletes them, and one made by a login
	 * racing the disabling is not found either. */
	if (store_prepare(s, "SELECT " SESSION_COLS "FROM session s JOIN account a ON "
	                     "a.id = s.account_id WHERE s.token_hash = ? AND a.disabled = 0",
	                  &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		session_row(st, out);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	if (rc == STORE_OK && now - out->last_seen > max_idle) {
		/* Expired: gone for good. */
		session_exec(s, "DELETE FROM session WHERE ?1 = ?1 AND token_hash = ?2", token_hash, 0);
		rc = STORE_ERR_NOT_FOUND;
	} else if (rc == STORE_OK && now - out->last_seen >= 60) {
		/* Touch at most once a minute: a write (and fsync) per request is not needed. */
		session_exec(s, "UPDATE session SET last_seen = ?1 WHERE token_hash = ?2", token_hash, now);
		out->last_seen = now;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_session_delete(struct store *s, const char *token_hash, const struct store_actor *who)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) == STORE_OK) {
		rc = session_exec(s, "DELETE FROM session WHERE ?1 = ?1 AND token_hash = ?2", token_hash, 0);
		if (rc == STORE_OK && who != NULL)
			rc = store_audit_locked(s, who, "logout", "");
		rc = store_finish(s, rc);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_sessions_end_account(struct store *s, long account_id, const char *keep_hash)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = session_exec(s, "DELETE FROM session WHERE account_id = ?1 AND token_hash <> ?2",
	                  keep_hash ? keep_hash : "", account_id);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* A session for a list: without the account's password hash. */
static void session_row_public(sqlite3_stmt *st, void *elem)
{
	struct store_session *o = elem;

	session_row(st, o);
	o->account.pw_hash[0] = '\0';
}

int store_sessions_list(struct store *s, long now, long max_idle, struct store_session **out,
                        size_t *n)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT " SESSION_COLS "FROM session s JOIN account a ON "
	                     "a.id = s.account_id WHERE s.last_seen >= ? AND a.disabled = 0 "
	                     "ORDER BY s.last_seen DESC",
	                  &st) == STORE_OK) {
		sqlite3_bind_int64(st, 1, now - max_idle);
		rc = store_collect(st, sizeof **out, session_row_public, (void **)out, n);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}
