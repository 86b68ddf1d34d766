/*
 * The store's accounts (their sessions: session.c). Account names are compared without
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
	sqlite3_stmt *st = store_sql(s, SQL_ACCOUNT_INSERT);
	char detail[160];
	long made;
	int rc;

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, pw_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, must_change ? 1 : 0);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) != STORE_OK)
		return rc;
	made = (long)sqlite3_last_insert_rowid(s->db);
	if (id != NULL)
		*id = made;
	snprintf(detail, sizeof detail, "account %.60s role %s", name, role);
	if ((rc = store_audit_locked(s, who, "account_add", detail)) != STORE_OK)
		return rc;
	/* Made after data entry began: it awaits a coordinator's confirmation. */
	return store_account_change_note_locked(s, made, "created", role, at, who);
}

/* Adds n accounts in one transaction: all or none. *id (when not NULL) is the last one's. */
static int accounts_add(struct store *s, const char *const *names, const char *const *roles,
                        const char *const *hashes, size_t n, int must_change,
                        const struct store_actor *who, long *id)
{
	char at[32];
	size_t i;
	int rc;

	store_now(at);
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	for (i = 0; i < n && rc == STORE_OK; i++)
		rc = store_account_insert_locked(s, names[i], roles[i], hashes[i], must_change, at, who,
		                                 id);
	return store_tx_end(s, rc);
}

int store_account_add(struct store *s, const char *name, const char *role,
                      const char *pw_hash, int must_change, const struct store_actor *who,
                      long *id)
{
	const char *names[1] = {name}, *roles[1] = {role}, *hashes[1] = {pw_hash};

	return accounts_add(s, names, roles, hashes, 1, must_change, who, id);
}

long store_account_count(struct store *s, const char *role)
{
	sqlite3_stmt *st;
	long long n = -1;

	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_ACCOUNT_COUNT);
	if (role != NULL)
		sqlite3_bind_text(st, 1, role, -1, SQLITE_STATIC);
	if (store_one_int(s, st, &n) != STORE_OK)
		n = -1;
	pthread_mutex_unlock(&s->lock);
	return (long)n;
}

/* ---- accounts ---- */

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
	a->unconfirmed = sqlite3_column_int(st, 8);
}

/* The account found by statement id (by name or by id); STORE_ERR_NOT_FOUND when none. Locked. */
static int account_find_locked(struct store *s, enum store_sql id, const char *name, long num,
                               struct store_account *a)
{
	sqlite3_stmt *st = store_sql(s, id);
	int rc;

	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, num);
	if ((rc = store_step(s, st)) == 1)
		account_row(st, a);
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}

static int account_find(struct store *s, enum store_sql id, const char *name, long num,
                        struct store_account *a)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = account_find_locked(s, id, name, num, a);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_account_by_name(struct store *s, const char *name, struct store_account *a)
{
	return account_find(s, SQL_ACCOUNT_BY_NAME, name, 0, a);
}

int store_account_by_id(struct store *s, long id, struct store_account *a)
{
	return account_find(s, SQL_ACCOUNT_BY_ID, NULL, id, a);
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
	return store_list(s, SQL_ACCOUNTS_LIST, sizeof **out, account_row_public, (void **)out, n);
}

int store_accounts_add_many(struct store *s, const char *const *names, const char *const *roles,
                            const char *const *hashes, size_t n, const struct store_actor *who)
{
	return accounts_add(s, names, roles, hashes, n, 1, who, NULL);
}

/* Runs an UPDATE or DELETE by account id (?1), with a text ?2 and a number ?3 when given. */
static int account_exec_locked(struct store *s, enum store_sql id, long account,
                               const char *text, int num)
{
	sqlite3_stmt *st = store_sql(s, id);

	sqlite3_bind_int64(st, 1, account);
	if (text != NULL)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	if (num >= 0)
		sqlite3_bind_int(st, text != NULL ? 3 : 2, num);
	return store_run(s, st);
}

int store_account_set_password(struct store *s, long id, const char *pw_hash, int must_change,
                               const struct store_actor *who)
{
	char detail[64];
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	rc = account_exec_locked(s, SQL_ACCOUNT_SET_PASSWORD, id, pw_hash, must_change ? 1 : 0);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_ERR_NOT_FOUND;
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "account id %ld", id);
		rc = store_audit_locked(s, who, "password_change", detail);
	}
	return store_tx_end(s, rc);
}

int store_account_reset_password(struct store *s, long id, const char *pw_hash,
                                 const struct store_actor *who)
{
	struct store_account a;
	char detail[96];
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = account_find_locked(s, SQL_ACCOUNT_BY_ID, NULL, id, &a)) != STORE_OK)
		goto done;
	rc = account_exec_locked(s, SQL_ACCOUNT_SET_PASSWORD, id, pw_hash, 1);
	if (rc == STORE_OK)
		rc = account_exec_locked(s, SQL_SESSIONS_END, id, NULL, -1);
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "account %.60s", a.name);
		rc = store_audit_locked(s, who, "password_reset", detail);
	}
	if (rc == STORE_OK) {
		char at[32];

		store_now(at);
		rc = store_account_change_note_locked(s, id, "password_reset", a.role, at, who);
	}
done:
	return store_tx_end(s, rc);
}

int store_account_rehash(struct store *s, long id, const char *old_hash, const char *new_hash,
                         const struct store_actor *who)
{
	struct store_account a;
	char detail[128];
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = account_find_locked(s, SQL_ACCOUNT_BY_ID, NULL, id, &a)) != STORE_OK)
		goto done;
	if (strcmp(a.pw_hash, old_hash) != 0) {
		rc = STORE_ERR_STALE;
		goto done;
	}
	rc = account_exec_locked(s, SQL_ACCOUNT_SET_PASSWORD, id, new_hash, a.must_change);
	if (rc == STORE_OK) {
		/* The schemes, never the hashes: "$scrypt$..." says "scrypt". */
		const char *from = old_hash + (old_hash[0] == '$'), *to = new_hash + (new_hash[0] == '$');

		snprintf(detail, sizeof detail, "account %.60s: %.*s to %.*s", a.name,
		         (int)strcspn(from, "$"), from, (int)strcspn(to, "$"), to);
		rc = store_audit_locked(s, who, "password_rehash", detail);
	}
done:
	return store_tx_end(s, rc);
}

int store_account_set_disabled(struct store *s, long id, int disabled,
                               const struct store_actor *who)
{
	struct store_account a;
	sqlite3_stmt *st;
	char detail[96];
	long long others = 0;
	int rc;

	disabled = disabled ? 1 : 0;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	rc = account_find_locked(s, SQL_ACCOUNT_BY_ID, NULL, id, &a);
	if (rc != STORE_OK || a.disabled == disabled)
		goto done;  /* unknown, or nothing to change */
	if (disabled && strcmp(a.role, "administrator") == 0) {
		/* Somebody must still be able to manage the accounts. */
		st = store_sql(s, SQL_ADMINS_OTHER);
		sqlite3_bind_int64(st, 1, id);
		if ((rc = store_one_int(s, st, &others)) == STORE_OK && others == 0)
			rc = STORE_ERR_STATE;
		if (rc != STORE_OK)
			goto done;
	}
	rc = account_exec_locked(s, SQL_ACCOUNT_SET_DISABLED, id, NULL, disabled);
	if (rc == STORE_OK && disabled)
		rc = account_exec_locked(s, SQL_SESSIONS_END, id, NULL, -1);
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "account %.60s", a.name);
		rc = store_audit_locked(s, who, disabled ? "account_disable" : "account_enable", detail);
	}
	if (rc == STORE_OK && !disabled) {
		char at[32];

		store_now(at);
		rc = store_account_change_note_locked(s, id, "enabled", a.role, at, who);
	}
done:
	return store_tx_end(s, rc);
}
