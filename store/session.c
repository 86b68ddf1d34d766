/*
 * Sessions: only the SHA-256 of a session's token is kept. A session of a
 * disabled account is never found (disabling also deletes them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_session_create(struct store *s, const char *token_hash, long account_id,
                         const char *address, const char *user_agent, long now,
                         const struct store_actor *who)
{
	sqlite3_stmt *st;
	char at[32];
	int rc;

	store_now(at);
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_SESSION_INSERT);
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, account_id);
	sqlite3_bind_text(st, 3, address, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, user_agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, now);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	st = store_sql(s, SQL_ACCOUNT_LOGIN);
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) == STORE_OK)
		rc = store_audit_locked(s, who, "login", "");
done:
	return store_tx_end(s, rc);
}

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

/* Runs statement id with a token's hash as ?1 and, when num >= 0, a number as ?2. Locked. */
static int session_exec(struct store *s, enum store_sql id, const char *hash, long num)
{
	sqlite3_stmt *st = store_sql(s, id);

	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	if (num >= 0)
		sqlite3_bind_int64(st, 2, num);
	return store_run(s, st);
}

int store_session_get(struct store *s, const char *token_hash, long now, long max_idle,
                      struct store_session *out)
{
	sqlite3_stmt *st;
	long started = 0;
	int rc;

	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_SESSION_GET);
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
	if ((rc = store_step(s, st)) == 1) {
		session_row(st, out);
		started = sqlite3_column_type(st, 13) == SQLITE_NULL ? 0 :
		          (long)sqlite3_column_int64(st, 13);
		out->account.unconfirmed = sqlite3_column_int(st, 14);
	}
	store_sql_done(st);
	rc = rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
	if (rc == STORE_OK && (now - out->last_seen > max_idle ||
	                       now - started > LIMIT_SESSION_LIFETIME_MAX)) {
		/* Expired (idle too long, or logged in too long ago, however busy): gone for good. */
		session_exec(s, SQL_SESSION_DELETE, token_hash, -1);
		rc = STORE_ERR_NOT_FOUND;
	} else if (rc == STORE_OK && now - out->last_seen >= 60) {
		/* Touch at most once a minute: a write (and fsync) per request is not needed. */
		session_exec(s, SQL_SESSION_TOUCH, token_hash, now);
		out->last_seen = now;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_session_delete(struct store *s, const char *token_hash, const struct store_actor *who)
{
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	rc = session_exec(s, SQL_SESSION_DELETE, token_hash, -1);
	if (rc == STORE_OK && who != NULL)
		rc = store_audit_locked(s, who, "logout", "");
	return store_tx_end(s, rc);
}

int store_sessions_end_account(struct store *s, long account_id, const char *keep_hash)
{
	sqlite3_stmt *st;
	int rc;

	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_SESSIONS_END);
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_text(st, 2, keep_hash ? keep_hash : "", -1, SQLITE_STATIC);
	rc = store_run(s, st);
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
	int rc;

	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_SESSIONS_LIST);
	sqlite3_bind_int64(st, 1, now - max_idle);
	rc = store_collect(s, st, sizeof **out, session_row_public, (void **)out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}
