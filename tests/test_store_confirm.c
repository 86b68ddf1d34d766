/*
 * Accounts made or changed after data entry began (store/confirm.c): which
 * changes await a coordinator's confirmation, who may confirm, and a database
 * of version 5 that is upgraded during the count. (That the first claim begins
 * data entry, and what the LAN server refuses meanwhile: tests/http/confirm.test.mjs.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "crypto/crypto.h"
#include "store/store.h"
#include "tests/testutil.h"

static const struct store_actor admin = {"beheerder", "administrator", "127.0.0.1"};
static const struct store_actor coord = {"coordinator", "coordinator", "127.0.0.1"};
static char dir[64];
static int dbn;

static const store_chain_fn chain = audit_chain_hmac;

static const char *new_path(void)
{
	static char path[128];

	snprintf(path, sizeof path, "%s/c%d.db", dir, ++dbn);
	return path;
}

static void raw_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "?");
	sqlite3_close(db);
}

static int unconfirmed(struct store *s, long id)
{
	struct store_account a;

	assert_int_equal(store_account_by_id(s, id, &a), STORE_OK);
	return a.unconfirmed;
}

static void changes_after_entry_began_await_confirmation(void **state)
{
	const char *p = new_path();
	struct store_account_change *c = NULL;
	struct store *s;
	char began[32];
	long t1, co, t2, co2, n;
	size_t k;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	assert_int_equal(store_account_add(s, "jansen", "typist", "$h", 1, &admin, &t1), STORE_OK);
	assert_int_equal(store_account_add(s, "coordinator", "coordinator", "$h", 0, &admin, &co),
	                 STORE_OK);
	/* before entry began: nothing to confirm, whatever happens to an account */
	assert_int_equal(store_account_reset_password(s, t1, "$h2", &admin), STORE_OK);
	assert_int_equal(store_entry_began(s, began), STORE_OK);
	assert_string_equal(began, "");
	assert_int_equal(store_account_changes(s, &c, &k), STORE_OK);
	assert_int_equal(k, 0);
	assert_false(unconfirmed(s, t1));
	/* entry begins (store/entry.c marks it at the first claim) */
	raw_sql(p, "INSERT INTO meta VALUES ('entry_began_at', '2026-03-18T21:00:00.000Z')");
	assert_int_equal(store_entry_began(s, began), STORE_OK);
	assert_string_equal(began, "2026-03-18T21:00:00.000Z");
	assert_int_equal(store_account_add(s, "pietersen", "typist", "$h", 1, &admin, &t2), STORE_OK);
	assert_int_equal(store_account_add(s, "coord2", "coordinator", "$h", 1, &admin, &co2),
	                 STORE_OK);
	assert_true(unconfirmed(s, t2));
	assert_true(unconfirmed(s, co2));
	assert_false(unconfirmed(s, co));
	/* the user's own password change is no change to confirm; a reset by another is */
	assert_int_equal(store_account_set_password(s, t1, "$own", 0, &admin), STORE_OK);
	assert_false(unconfirmed(s, t1));
	assert_int_equal(store_account_reset_password(s, t1, "$h3", &admin), STORE_OK);
	assert_true(unconfirmed(s, t1));
	/* disabling is not, enabling again is */
	assert_int_equal(store_account_set_disabled(s, co, 1, &admin), STORE_OK);
	assert_false(unconfirmed(s, co));
	assert_int_equal(store_account_set_disabled(s, co, 0, &admin), STORE_OK);
	assert_true(unconfirmed(s, co));
	assert_int_equal(store_account_changes(s, &c, &k), STORE_OK);
	assert_int_equal(k, 4);
	assert_string_equal(c[0].account, "pietersen");
	assert_string_equal(c[0].kind, "created");
	assert_string_equal(c[0].role, "typist");
	assert_string_equal(c[0].by, "beheerder");
	assert_string_equal(c[0].confirmed_at, "");
	assert_string_equal(c[2].kind, "password_reset");
	assert_string_equal(c[3].kind, "enabled");
	free(c);

	/* nobody confirms their own account, nor does an account that awaits confirmation */
	assert_int_equal(store_account_confirm(s, co2, co2, &coord, &n), STORE_ERR_INVALID);
	assert_int_equal(store_account_confirm(s, t2, co2, &coord, &n), STORE_ERR_INVALID);
	assert_int_equal(store_account_confirm(s, 9999, co2, &coord, &n), STORE_ERR_NOT_FOUND);
	assert_true(unconfirmed(s, t2));
	/* co2 cannot confirm co (both wait): someone confirmed must. Here co is confirmed behind
	 * Teller's back, as a second coordinator made before entry began would be. */
	raw_sql(p, "UPDATE account_change SET confirmed_at = 'x', confirmed_by = 'x' "
	           "WHERE kind = 'enabled'");
	assert_false(unconfirmed(s, co));
	assert_int_equal(store_account_confirm(s, t2, co, &coord, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_false(unconfirmed(s, t2));
	assert_int_equal(store_account_confirm(s, t2, co, &coord, &n), STORE_ERR_STATE);
	assert_int_equal(store_account_confirm(s, co2, co, &coord, &n), STORE_OK);
	assert_int_equal(store_account_changes(s, &c, &k), STORE_OK);
	assert_string_equal(c[0].confirmed_by, "coordinator");
	assert_true(c[0].confirmed_at[0] == '2');
	free(c);
	/* confirmed, then reset again: it waits again */
	assert_int_equal(store_account_reset_password(s, t2, "$h4", &admin), STORE_OK);
	assert_true(unconfirmed(s, t2));
	store_close(s);
}

/* A version 5 database upgraded during the count: its late accounts wait too. */
static void version_5_during_the_count_upgrades(void **state)
{
	static const char *const steps[] = {"store/migrations/002.sql", "store/migrations/003.sql",
	                                    "store/migrations/004.sql", "store/migrations/005.sql"};
	const char *p = new_path();
	struct store_account_change *c = NULL;
	struct store *s;
	char began[32], *sql;
	size_t len, i, k;

	(void)state;
	sql = slurp("tests/data/schema-v1.sql", &len);
	raw_sql(p, sql);
	free(sql);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		sql = slurp(steps[i], &len);
		raw_sql(p, sql);
		free(sql);
	}
	raw_sql(p, "PRAGMA user_version = 5;"
	           "INSERT INTO station (number, name, postcode, status) VALUES "
	           "(1, 'Dorpshuis', '1234 AB', 'first_in_progress');"
	           "INSERT INTO account (name, role, pw_hash, must_change, created_at) VALUES "
	           "('vroeg', 'typist', '$h', 0, '2000-01-01T00:00:00.000Z'),"
	           "('laat', 'typist', '$h', 1, '2999-01-01T00:00:00.000Z');");
	assert_int_equal(store_open(p, chain, &s), STORE_OK);
	assert_int_equal(store_entry_began(s, began), STORE_OK);
	assert_true(began[0] == '2');   /* the moment of the upgrade: the log said none */
	assert_int_equal(store_account_changes(s, &c, &k), STORE_OK);
	assert_int_equal(k, 1);
	assert_string_equal(c[0].account, "laat");
	assert_string_equal(c[0].kind, "created");
	assert_string_equal(c[0].by, "-");
	free(c);
	store_close(s);

	/* before entry began: nothing is marked */
	p = new_path();
	sql = slurp("tests/data/schema-v1.sql", &len);
	raw_sql(p, sql);
	free(sql);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		sql = slurp(steps[i], &len);
		raw_sql(p, sql);
		free(sql);
	}
	raw_sql(p, "PRAGMA user_version = 5;"
	           "INSERT INTO account (name, role, pw_hash, must_change, created_at) VALUES "
	           "('laat', 'typist', '$h', 1, '2999-01-01T00:00:00.000Z');");
	assert_int_equal(store_open(p, chain, &s), STORE_OK);
	assert_int_equal(store_entry_began(s, began), STORE_OK);
	assert_string_equal(began, "");
	assert_int_equal(store_account_changes(s, &c, &k), STORE_OK);
	assert_int_equal(k, 0);
	store_close(s);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_store_confirm_XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(changes_after_entry_began_await_confirmation),
		cmocka_unit_test(version_5_during_the_count_upgrades),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
