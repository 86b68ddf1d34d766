/*
 * Accounts: names are one account whatever their case ("jansen" = "Jansen"),
 * the administrator resets a password to a one-time one and disables or
 * enables an account; every change ends the sessions it must end and is in
 * the audit log of the same transaction; a refused change changes nothing.
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

#include "crypto/crypto.h"
#include "act/act.h"
#include "store/store.h"

static const struct store_actor actor = {"tester", "administrator", "127.0.0.1"};
static char dir[64];
static int dbn;

static const store_chain_fn chain = audit_chain_hmac;

static struct store *fresh(void)
{
	char path[128];
	struct store *s;

	snprintf(path, sizeof path, "%s/a%d.db", dir, ++dbn);
	assert_int_equal(store_create(path, chain, &s), STORE_OK);
	return s;
}

static long add(struct store *s, const char *name, const char *role)
{
	long id = 0;

	assert_int_equal(store_account_add(s, name, role, "$scrypt$old", 0, &actor, &id), STORE_OK);
	return id;
}

static int last_row(void *arg, const struct store_audit_row *row)
{
	*(struct store_audit_row *)arg = *row;
	return 0;
}

/* The newest audit record. */
static struct store_audit_row last_audit(struct store *s)
{
	struct store_audit_row row;

	memset(&row, 0, sizeof row);
	assert_int_equal(store_audit_each(s, last_row, &row), STORE_OK);
	return row;
}

static char *dump(struct store *s)
{
	char *d = NULL;

	assert_int_equal(store_dump(s, &d), STORE_OK);
	return d;
}

static int session_live(struct store *s, const char *hash)
{
	struct store_session got;

	return store_session_get(s, hash, 1000, 1800, &got) == STORE_OK;
}

/* "Jansen" is the account "jansen": found by either, refused as a second account. */
static void names_compare_without_case(void **state)
{
	struct store *s = fresh();
	struct store_account a;
	const char *names[] = {"Pietersen", "de-vries", "PIETERSEN"};
	const char *roles[] = {"typist", "typist", "typist"};
	const char *hashes[] = {"$h", "$h", "$h"};
	long audits;

	(void)state;
	add(s, "Jansen", "typist");
	audits = store_audit_count(s);
	assert_int_equal(store_account_add(s, "jansen", "coordinator", "$h", 1, &actor, NULL),
	                 STORE_ERR_EXISTS);
	assert_int_equal(store_account_add(s, "JANSEN", "typist", "$h", 1, &actor, NULL),
	                 STORE_ERR_EXISTS);
	/* A bulk import with a name that differs only in case adds none of its names. */
	assert_int_equal(store_accounts_add_many(s, names, roles, hashes, 3, &actor), STORE_ERR_EXISTS);
	assert_int_equal(store_account_count(s, NULL), 1);
	assert_int_equal(store_audit_count(s), audits);
	/* Found by any spelling; the stored name keeps the spelling it was created with. */
	assert_int_equal(store_account_by_name(s, "jansen", &a), STORE_OK);
	assert_string_equal(a.name, "Jansen");
	assert_int_equal(store_account_by_name(s, "JANSEN", &a), STORE_OK);
	assert_string_equal(a.name, "Jansen");
	assert_int_equal(a.disabled, 0);
	assert_int_equal(store_account_by_name(s, "jansen2", &a), STORE_ERR_NOT_FOUND);
	/* LIKE-style characters are no wildcards. */
	assert_int_equal(store_account_by_name(s, "jans_n", &a), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_account_by_name(s, "%", &a), STORE_ERR_NOT_FOUND);
	store_close(s);
}

/* A CSV that names one person twice in two spellings is refused at the second line. */
static void csv_duplicate_in_another_case(void **state)
{
	struct account_new *rows = NULL;
	struct accounts_csv_error err;
	size_t n = 0;

	(void)state;
	assert_int_equal(accounts_parse_csv("naam,rol\njansen,typist\nbakker,typist\nJANSEN,coordinator\n",
	                                    &rows, &n, &err), -1);
	assert_int_equal(err.kind, CSV_DUPLICATE);
	assert_int_equal(err.line, 4);
	assert_null(rows);
	assert_int_equal(n, 0);
	/* A spreadsheet's header in capitals is a header, not an account "Naam". */
	assert_int_equal(accounts_parse_csv("Naam,Rol\nJansen,typist\n", &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "Jansen");
	accounts_free(rows, n);
}

/* A reset gives a one-time password again and ends every session of the account. */
static void reset_is_one_time_and_ends_sessions(void **state)
{
	struct store *s = fresh();
	struct store_account a;
	struct store_audit_row row;
	long id, other;
	long audits;

	(void)state;
	id = add(s, "jansen", "typist");
	other = add(s, "bakker", "typist");
	assert_int_equal(store_session_create(s, "h1", id, "10.0.0.2", "t", 1000, &actor), STORE_OK);
	assert_int_equal(store_session_create(s, "h2", id, "10.0.0.3", "t", 1000, &actor), STORE_OK);
	assert_int_equal(store_session_create(s, "h3", other, "10.0.0.4", "t", 1000, &actor), STORE_OK);
	audits = store_audit_count(s);
	assert_int_equal(store_account_reset_password(s, id, "$scrypt$new", &actor), STORE_OK);
	assert_int_equal(store_account_by_id(s, id, &a), STORE_OK);
	assert_string_equal(a.pw_hash, "$scrypt$new");
	assert_int_equal(a.must_change, 1);
	assert_int_equal(a.disabled, 0);
	assert_false(session_live(s, "h1"));
	assert_false(session_live(s, "h2"));
	assert_true(session_live(s, "h3")); /* someone else's session stays */
	/* One audit record, in the same transaction, naming the account. */
	assert_int_equal(store_audit_count(s), audits + 1);
	row = last_audit(s);
	assert_string_equal(row.action, "password_reset");
	assert_non_null(strstr(row.detail, "jansen"));
	assert_string_equal(row.actor, "tester");
	store_close(s);
}

/* An unknown account: STORE_ERR_NOT_FOUND, and nothing at all is written. */
static void unknown_account_changes_nothing(void **state)
{
	struct store *s = fresh();
	char *before, *after;

	(void)state;
	add(s, "beheerder", "administrator");
	before = dump(s);
	assert_int_equal(store_account_reset_password(s, 99, "$scrypt$new", &actor), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_account_set_disabled(s, 99, 1, &actor), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_account_set_disabled(s, 99, 0, &actor), STORE_ERR_NOT_FOUND);
	after = dump(s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	store_close(s);
}

/* Disabling ends the sessions at once and keeps the account and its records; enabling undoes it. */
static void disable_ends_sessions_and_keeps_the_account(void **state)
{
	struct store *s = fresh();
	struct store_account a, *list;
	struct store_audit_row row;
	size_t n;
	long id, audits;

	(void)state;
	add(s, "beheerder", "administrator");
	id = add(s, "jansen", "typist");
	assert_int_equal(store_session_create(s, "h1", id, "10.0.0.2", "t", 1000, &actor), STORE_OK);
	assert_true(session_live(s, "h1"));
	audits = store_audit_count(s);
	assert_int_equal(store_account_set_disabled(s, id, 1, &actor), STORE_OK);
	assert_false(session_live(s, "h1"));
	assert_int_equal(store_audit_count(s), audits + 1);
	row = last_audit(s);
	assert_string_equal(row.action, "account_disable");
	assert_non_null(strstr(row.detail, "jansen"));
	/* Still there, listed as disabled, with its earlier audit records. */
	assert_int_equal(store_account_by_id(s, id, &a), STORE_OK);
	assert_int_equal(a.disabled, 1);
	assert_string_equal(a.pw_hash, "$scrypt$old");
	assert_int_equal(store_accounts_list(s, &list, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[1].name, "jansen");
	assert_int_equal(list[1].disabled, 1);
	free(list);
	/* Disabling again changes nothing and writes nothing. */
	assert_int_equal(store_account_set_disabled(s, id, 1, &actor), STORE_OK);
	assert_int_equal(store_audit_count(s), audits + 1);
	/* A session made in the moment between the password check and the disabling
	 * (a login racing the administrator) is never found. */
	assert_int_equal(store_session_create(s, "h2", id, "10.0.0.2", "t", 1000, &actor), STORE_OK);
	assert_false(session_live(s, "h2"));
	/* Enabled again: audited; old sessions stay ended. */
	assert_int_equal(store_account_set_disabled(s, id, 0, &actor), STORE_OK);
	assert_int_equal(store_account_by_id(s, id, &a), STORE_OK);
	assert_int_equal(a.disabled, 0);
	row = last_audit(s);
	assert_string_equal(row.action, "account_enable");
	assert_false(session_live(s, "h1"));
	assert_int_equal(store_audit_verify(s, &audits), STORE_OK);
	store_close(s);
}

/* The last enabled administrator cannot be disabled: somebody must be able to manage accounts. */
static void last_administrator_stays(void **state)
{
	struct store *s = fresh();
	struct store_account a;
	char *before, *after;
	long a1, a2, bad = 0;

	(void)state;
	a1 = add(s, "beheerder", "administrator");
	add(s, "jansen", "typist");
	assert_int_equal(store_session_create(s, "h1", a1, "10.0.0.2", "t", 1000, &actor), STORE_OK);
	before = dump(s);
	assert_int_equal(store_account_set_disabled(s, a1, 1, &actor), STORE_ERR_STATE);
	after = dump(s);
	assert_string_equal(before, after);
	free(after);
	assert_true(session_live(s, "h1"));
	/* With a second administrator the first can go, and then the second cannot. */
	a2 = add(s, "Beheerder2", "administrator");
	assert_int_equal(store_account_set_disabled(s, a1, 1, &actor), STORE_OK);
	assert_int_equal(store_account_set_disabled(s, a2, 1, &actor), STORE_ERR_STATE);
	assert_int_equal(store_account_by_id(s, a2, &a), STORE_OK);
	assert_int_equal(a.disabled, 0);
	/* A disabled administrator does not count as one. */
	assert_int_equal(store_account_set_disabled(s, a1, 0, &actor), STORE_OK);
	assert_int_equal(store_account_set_disabled(s, a2, 1, &actor), STORE_OK);
	assert_int_equal(store_audit_verify(s, &bad), STORE_OK);
	free(before);
	store_close(s);
}

/* accounts_reset_password: a generated one-time password that checks against the stored hash. */
static void reset_generates_a_password_that_works(void **state)
{
	struct store *s = fresh();
	struct store_account a;
	char pw[TALLY_PASSWORD_MAX + 1] = "";
	char given[TALLY_PASSWORD_MAX + 1] = "een-gegeven-wachtwoord";
	long id;

	(void)state;
	id = add(s, "jansen", "typist");
	assert_int_equal(accounts_reset_password(s, id, pw, sizeof pw, &actor), STORE_OK);
	assert_true(strlen(pw) >= TALLY_PASSWORD_MIN);
	assert_int_equal(store_account_by_id(s, id, &a), STORE_OK);
	assert_int_equal(a.must_change, 1);
	assert_int_equal(account_pw_verify(pw, a.pw_hash), 0);
	/* A given password is used as it is. */
	assert_int_equal(accounts_reset_password(s, id, given, sizeof given, &actor), STORE_OK);
	assert_string_equal(given, "een-gegeven-wachtwoord");
	assert_int_equal(store_account_by_id(s, id, &a), STORE_OK);
	assert_int_equal(account_pw_verify(given, a.pw_hash), 0);
	assert_int_not_equal(account_pw_verify(pw, a.pw_hash), 0);
	assert_int_equal(accounts_reset_password(s, 77, pw, sizeof pw, &actor), STORE_ERR_NOT_FOUND);
	store_close(s);
}

/*
 * A login's upgrade of an old hash (store_account_rehash): the new hash replaces the old one
 * while the account still has it, keeps must_change and the sessions, and is audited; after a
 * reset meanwhile it writes nothing (STORE_ERR_STALE).
 */
static void rehash_only_over_the_same_hash(void **state)
{
	struct store *s = fresh();
	struct store_account a;
	struct store_audit_row row;
	char *before, *after;
	long id, audits;

	(void)state;
	id = add(s, "jansen", "typist");   /* "$scrypt$old", must_change 0 */
	assert_int_equal(store_session_create(s, "h1", id, "10.0.0.2", "t", 1000, &actor), STORE_OK);
	audits = store_audit_count(s);
	assert_int_equal(store_account_rehash(s, id, "$scrypt$old", "$argon2id$v=19$new", &actor),
	                 STORE_OK);
	assert_int_equal(store_account_by_id(s, id, &a), STORE_OK);
	assert_string_equal(a.pw_hash, "$argon2id$v=19$new");
	assert_int_equal(a.must_change, 0);
	assert_true(session_live(s, "h1"));
	assert_int_equal(store_audit_count(s), audits + 1);
	row = last_audit(s);
	assert_string_equal(row.action, "password_rehash");
	assert_string_equal(row.detail, "account jansen: scrypt to argon2id");
	/* Not over another hash (a reset came first), nor for an unknown account. */
	before = dump(s);
	assert_int_equal(store_account_rehash(s, id, "$scrypt$old", "$argon2id$v=19$late", &actor),
	                 STORE_ERR_STALE);
	assert_int_equal(store_account_rehash(s, 99, "$scrypt$old", "$argon2id$v=19$x", &actor),
	                 STORE_ERR_NOT_FOUND);
	after = dump(s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	store_close(s);
}

/* The one password rule: characters, not bytes; nothing trivial or common. */
static void the_password_rule(void **state)
{
	static const struct {
		const char *pw;
		enum account_pw_problem want;
	} cases[] = {
		{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", ACCOUNT_PW_SHORT}, /* 6 x e-acute: 12 bytes */
		{"abcdefghij1", ACCOUNT_PW_SHORT},
		{"", ACCOUNT_PW_SHORT},
		{"            ", ACCOUNT_PW_ONE_CHAR},
		{"aaaaaaaaaaaa", ACCOUNT_PW_ONE_CHAR},
		{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		 ACCOUNT_PW_ONE_CHAR},
		{"123456789012", ACCOUNT_PW_SEQUENCE},
		{"567890123456", ACCOUNT_PW_SEQUENCE},
		{"210987654321", ACCOUNT_PW_SEQUENCE},
		{"abcdefghijklm", ACCOUNT_PW_SEQUENCE},
		{"ZYXWVUTSRQPO", ACCOUNT_PW_SEQUENCE},
		{"wachtwoord123", ACCOUNT_PW_COMMON},
		{"Wachtwoord2026!", ACCOUNT_PW_COMMON},
		{"!!PASSWORD!!", ACCOUNT_PW_COMMON},
		{"qwertyuiop12", ACCOUNT_PW_COMMON},
		{"1q2w3e4r5t6y", ACCOUNT_PW_COMMON},
		{"Welkom123456", ACCOUNT_PW_COMMON},
		{"two\nlines-of-it", ACCOUNT_PW_NOT_TEXT},
		{"tab\there-is-bad", ACCOUNT_PW_NOT_TEXT},
		{"\xff\xfe-not-utf8-text", ACCOUNT_PW_NOT_TEXT},
		{"\xc3-cut-in-half-xx", ACCOUNT_PW_NOT_TEXT},
		{"zomeravond-\xc3\xa9\xc3\xa9n", ACCOUNT_PW_OK},
		{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9jklmno", ACCOUNT_PW_OK},
		{"demo-invoerder1-2026", ACCOUNT_PW_OK},
		{"nieuw-coordinator-wachtwoord-2026", ACCOUNT_PW_OK},
		{"een-gegeven-wachtwoord", ACCOUNT_PW_OK},
		{"739201846573", ACCOUNT_PW_OK},
		{"1234567890123x", ACCOUNT_PW_OK},
		{"7 kiezers op 1 stip", ACCOUNT_PW_OK},
	};
	char longpw[LIMIT_PASSWORD_MAX + 2], gen[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (accounts_password_check(cases[i].pw) != cases[i].want)
			fail_msg("case %zu \"%s\": %d, want %d", i, cases[i].pw,
			         (int)accounts_password_check(cases[i].pw), (int)cases[i].want);
		assert_non_null(strstr(accounts_password_strerror(cases[i].want, 0),
		                       cases[i].want == ACCOUNT_PW_OK ? "error" : "password"));
	}
	/* 256 bytes is the most; 128 x e-acute is 128 characters in 256 bytes */
	memset(longpw, 'x', sizeof longpw);
	longpw[0] = 'y';
	longpw[LIMIT_PASSWORD_MAX] = '\0';
	assert_int_equal(accounts_password_check(longpw), ACCOUNT_PW_OK);
	longpw[LIMIT_PASSWORD_MAX] = 'x';
	longpw[LIMIT_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(accounts_password_check(longpw), ACCOUNT_PW_LONG);
	/* The Dutch reasons say what is wrong. */
	assert_non_null(strstr(accounts_password_strerror(ACCOUNT_PW_SHORT, 1), "minstens 12 tekens"));
	assert_non_null(strstr(accounts_password_strerror(ACCOUNT_PW_SEQUENCE, 1), "reeks"));
	assert_non_null(strstr(accounts_password_strerror(ACCOUNT_PW_COMMON, 1), "bekend"));
	/* Generated one-time passwords always pass. */
	for (i = 0; i < 500; i++) {
		assert_int_equal(pw_generate(gen, sizeof gen), 0);
		assert_int_equal(accounts_password_check(gen), ACCOUNT_PW_OK);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_compare_without_case),
		cmocka_unit_test(csv_duplicate_in_another_case),
		cmocka_unit_test(reset_is_one_time_and_ends_sessions),
		cmocka_unit_test(unknown_account_changes_nothing),
		cmocka_unit_test(disable_ends_sessions_and_keeps_the_account),
		cmocka_unit_test(last_administrator_stays),
		cmocka_unit_test(reset_generates_a_password_that_works),
		cmocka_unit_test(rehash_only_over_the_same_hash),
		cmocka_unit_test(the_password_rule),
	};
	char cmd[128];
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-accounts-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("accounts", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
