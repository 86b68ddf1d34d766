/*
 * The store: creating never overwrites, the database settings hold (WAL,
 * synchronous FULL, foreign keys), the audit log is append-only and its chain
 * shows any altered record, and a database of a newer Teller is refused.
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

static const struct store_actor actor = {"tester", "administrator", "127.0.0.1"};
static char dir[64];
static int dbn;

static const store_chain_fn chain = audit_chain_hmac;

static const char *new_path(void)
{
	static char path[128];

	snprintf(path, sizeof path, "%s/s%d.db", dir, ++dbn);
	return path;
}

/* Runs SQL on the file behind Teller's back, as a tamperer would. */
static int raw_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static long raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void create_refuses_to_overwrite(void **state)
{
	const char *p = new_path();
	struct store *s;
	FILE *f;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	store_close(s);
	assert_int_equal(store_create(p, chain, &s), STORE_ERR_EXISTS);
	assert_null(s);
	/* Not even an empty file or something else is overwritten. */
	p = new_path();
	f = fopen(p, "w");
	fputs("precious", f);
	fclose(f);
	assert_int_equal(store_create(p, chain, &s), STORE_ERR_EXISTS);
	f = fopen(p, "r");
	{
		char buf[16] = "";

		assert_non_null(fgets(buf, sizeof buf, f));
		assert_string_equal(buf, "precious");
	}
	fclose(f);
}

static void open_refuses_what_is_not_ours(void **state)
{
	const char *p = new_path();
	struct store *s;
	FILE *f;

	(void)state;
	assert_int_equal(store_open(p, chain, &s), STORE_ERR_NOT_FOUND);
	f = fopen(p, "w");
	fputs("<EML>this is not a database</EML>\n", f);
	fclose(f);
	assert_int_not_equal(store_open(p, chain, &s), STORE_OK);
	assert_null(s);
	/* An empty SQLite database (user_version 0) is not Teller's. */
	p = new_path();
	assert_int_equal(raw_sql(p, "CREATE TABLE x (y)"), SQLITE_OK);
	assert_int_equal(store_open(p, chain, &s), STORE_ERR_NOT_TELLER);
}

static void newer_schema_refused(void **state)
{
	const char *p = new_path();
	struct store *s;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	store_close(s);
	assert_int_equal(raw_sql(p, "PRAGMA user_version = 999"), SQLITE_OK);
	assert_int_equal(store_open(p, chain, &s), STORE_ERR_VERSION);
	assert_string_equal(store_strerror(STORE_ERR_VERSION),
	                    "the database was made by a newer version of Teller");
}

static void settings_hold(void **state)
{
	const char *p = new_path();
	struct store *s;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	store_close(s);
	assert_int_equal(raw_int(p, "PRAGMA journal_mode = DELETE") >= 0, 1);
	assert_int_equal(store_open(p, chain, &s), STORE_OK);
	/* Opening puts it back in WAL mode. */
	assert_int_equal(raw_int(p, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	assert_int_equal(raw_int(p, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	store_close(s);
}

static void foreign_keys_enforced(void **state)
{
	const char *p = new_path();
	struct store *s;
	struct tally_candidate c = {.position = 1, .last_name = "Jansen"};
	struct tally_list l = {.number = 1, .name = "A", .ncandidates = 1, .candidates = &c};
	struct store_file f = {"230b", "f", "00", 1, "x", 1};

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	/* Lists before an election exist: refused. */
	assert_int_equal(store_import_lists(s, &l, 1, "geen", "", &f, &actor), STORE_ERR_NOT_FOUND);
	store_close(s);
	assert_int_not_equal(raw_sql(p, "PRAGMA foreign_keys = ON; INSERT INTO candidate VALUES "
	                                "(7, 1, '', '', '', 'x', '', '')"), SQLITE_OK);
}

static void meta_and_secrets(void **state)
{
	const char *p = new_path();
	struct store *s;
	char buf[64], *sec;
	size_t len;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	assert_int_equal(store_meta_get(s, "municipality_code", buf, sizeof buf), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_meta_set(s, "municipality_code", "0668"), STORE_OK);
	assert_int_equal(store_meta_set(s, "municipality_code", "0669"), STORE_OK);
	assert_int_equal(store_meta_get(s, "municipality_code", buf, sizeof buf), STORE_OK);
	assert_string_equal(buf, "0669");
	assert_int_equal(store_secret_get(s, "k", &sec, &len), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_secret_set(s, "k", "a\0b", 3), STORE_OK);
	assert_int_equal(store_secret_get(s, "k", &sec, &len), STORE_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(sec, "a\0b", 3);
	free(sec);
	store_close(s);
}

static void accounts_unique(void **state)
{
	const char *p = new_path();
	struct store *s;
	long id1 = 0, id2 = 0;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	assert_int_equal(store_account_add(s, "jansen", "typist", "$scrypt$x", 1, &actor, &id1), STORE_OK);
	assert_int_equal(store_account_add(s, "jansen", "coordinator", "$scrypt$y", 1, &actor, &id2),
	                 STORE_ERR_EXISTS);
	/* The role CHECK refuses an unknown role: that is no name taken (EXISTS means only that). */
	assert_int_equal(store_account_add(s, "pietersen", "chef", "$scrypt$y", 1, &actor, &id2),
	                 STORE_ERR_INVALID);
	assert_non_null(strstr(store_last_error(s), "CHECK"));
	assert_int_equal(store_account_count(s, "typist"), 1);
	assert_int_equal(store_account_count(s, NULL), 1);
	assert_int_equal(store_audit_count(s), 1);
	store_close(s);
}

static void audit_chain_detects_tampering(void **state)
{
	const char *p = new_path();
	struct store *s;
	long bad;
	int i;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	for (i = 0; i < 5; i++)
		assert_int_equal(store_audit(s, &actor, "test", "a detail"), STORE_OK);
	assert_int_equal(store_audit_verify(s, &bad), STORE_OK);
	assert_int_equal(bad, -1);
	store_close(s);

	/* The log is append-only... */
	assert_int_not_equal(raw_sql(p, "UPDATE audit SET detail = 'x' WHERE id = 3"), SQLITE_OK);
	assert_int_not_equal(raw_sql(p, "DELETE FROM audit WHERE id = 3"), SQLITE_OK);
	/* ...and one who removes the guard is still caught by the chain. */
	assert_int_equal(raw_sql(p, "DROP TRIGGER audit_no_update; "
	                            "UPDATE audit SET detail = 'forged' WHERE id = 3"), SQLITE_OK);
	assert_int_equal(store_open(p, chain, &s), STORE_OK);
	assert_int_equal(store_audit_verify(s, &bad), STORE_ERR_STATE);
	assert_int_equal(bad, 3);
	store_close(s);

	p = new_path();
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	for (i = 0; i < 4; i++)
		assert_int_equal(store_audit(s, &actor, "test", "a detail"), STORE_OK);
	store_close(s);
	assert_int_equal(raw_sql(p, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2"),
	                 SQLITE_OK);
	assert_int_equal(store_open(p, chain, &s), STORE_OK);
	assert_int_equal(store_audit_verify(s, &bad), STORE_ERR_STATE);
	assert_int_equal(bad, 3);
	store_close(s);
}

static void stations_replaced_only_before_entry(void **state)
{
	const char *p = new_path();
	struct store *s;
	struct tally_election e = {.id = "GR2026_X", .name = "X", .category = TALLY_CAT_GR,
	                           .subcategory = "GR2", .date = "2026-03-18", .seats = 19,
	                           .preference_threshold = 25};
	struct tally_station st[2] = {{1, "A", "1234 AB", 100}, {2, "B", "", -1}};
	struct store_file f = {"110a", "f", "00", 1, "x", 1};
	struct store_station *got;
	size_t n;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	assert_int_equal(store_import_stations(s, st, 2, -1, &f, &actor), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_import_election(s, &e, NULL, 0, NULL, NULL, &f, &actor), STORE_OK);
	assert_int_equal(store_import_election(s, &e, NULL, 0, NULL, NULL, &f, &actor),
	                 STORE_ERR_EXISTS);
	f.kind = "110b";
	assert_int_equal(store_import_stations(s, st, 2, -1, &f, &actor), STORE_OK);
	assert_int_equal(store_stations_get(s, &got, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[1].st.electorate, -1);
	free(got);
	/* Two stations with one number: the whole import is refused. */
	st[1].number = 1;
	assert_int_equal(store_import_stations(s, st, 2, -1, &f, &actor), STORE_ERR_EXISTS);
	assert_int_equal(store_stations_get(s, &got, &n), STORE_OK);
	assert_int_equal(n, 2);
	free(got);
	store_close(s);
	assert_int_equal(raw_sql(p, "UPDATE station SET status = 'first_in_progress' WHERE number = 2"),
	                 SQLITE_OK);
	assert_int_equal(store_open(p, chain, &s), STORE_OK);
	st[1].number = 3;
	assert_int_equal(store_import_stations(s, st, 2, -1, &f, &actor), STORE_ERR_STATE);
	store_close(s);
}

/* Every column of every table, in order, as one text (names, types, constraints). */
static char *schema_text(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *t, *c;
	size_t cap = 65536, len = 0;
	char *out = malloc(cap);

	assert_non_null(out);
	out[0] = '\0';
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
	                                        "ORDER BY name", -1, &t, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, type, \"notnull\", "
		                                        "coalesce(dflt_value, ''), pk FROM pragma_table_info(?)",
		                                    -1, &c, NULL), SQLITE_OK);
		sqlite3_bind_text(c, 1, (const char *)sqlite3_column_text(t, 0), -1, SQLITE_TRANSIENT);
		len += (size_t)snprintf(out + len, cap - len, "table %s\n", sqlite3_column_text(t, 0));
		while (sqlite3_step(c) == SQLITE_ROW)
			len += (size_t)snprintf(out + len, cap - len, "  %s %s %d %s %d\n",
			                        sqlite3_column_text(c, 0), sqlite3_column_text(c, 1),
			                        sqlite3_column_int(c, 2), sqlite3_column_text(c, 3),
			                        sqlite3_column_int(c, 4));
		sqlite3_finalize(c);
	}
	sqlite3_finalize(t);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type, name FROM sqlite_master WHERE type IN "
	                                        "('index', 'trigger') AND name NOT LIKE 'sqlite_%' "
	                                        "ORDER BY name", -1, &t, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW)
		len += (size_t)snprintf(out + len, cap - len, "%s %s\n", sqlite3_column_text(t, 0),
		                        sqlite3_column_text(t, 1));
	sqlite3_finalize(t);
	sqlite3_close(db);
	return out;
}

/* The schema as SQLite keeps it: every object's own SQL text, in order, and the version. */
static char *master_text(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *t;
	size_t cap = 1 << 17, len = 0;
	char *out = malloc(cap);

	assert_non_null(out);
	out[0] = '\0';
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql, '') "
	                                        "FROM sqlite_master ORDER BY type, name", -1, &t,
	                                    NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW)
		len += (size_t)snprintf(out + len, cap - len, "%s %s %s\n%s\n", sqlite3_column_text(t, 0),
		                        sqlite3_column_text(t, 1), sqlite3_column_text(t, 2),
		                        sqlite3_column_text(t, 3));
	sqlite3_finalize(t);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &t, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(t), SQLITE_ROW);
	len += (size_t)snprintf(out + len, cap - len, "user_version %d\n", sqlite3_column_int(t, 0));
	assert_true(len < cap);
	sqlite3_finalize(t);
	sqlite3_close(db);
	return out;
}

/*
 * schema.sql is version 1 and a new database is made by every migration after
 * it, as an old one is: one source of the schema. A new database and one
 * migrated from version 1 are alike to the text SQLite keeps of each object.
 */
static void version_1_migrates_to_current(void **state)
{
	char fresh[128], old[128], *a, *b, buf[16], *sql;
	struct store *s;
	FILE *f;
	long n;

	(void)state;
	snprintf(fresh, sizeof fresh, "%s", new_path());
	snprintf(old, sizeof old, "%s", new_path());
	assert_int_equal(store_create(fresh, chain, &s), STORE_OK);
	store_close(s);
	/* A database as Teller 1 made it, with a row in it. */
	f = fopen("tests/data/schema-v1.sql", "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	sql = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(sql, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_int_equal(raw_sql(old, sql), SQLITE_OK);
	free(sql);
	assert_int_equal(raw_sql(old, "PRAGMA user_version = 1; INSERT INTO meta VALUES "
	                              "('municipality_code', '0668')"), SQLITE_OK);
	assert_int_equal(store_open(old, chain, &s), STORE_OK);
	assert_int_equal(store_meta_get(s, "municipality_code", buf, sizeof buf), STORE_OK);
	assert_string_equal(buf, "0668");
	store_close(s);
	assert_int_equal(raw_int(old, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	a = schema_text(fresh);
	b = schema_text(old);
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = master_text(fresh);
	b = master_text(old);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "CREATE TABLE projector_link"));
	free(a);
	free(b);
}

/* Sessions end after max_idle seconds without a request, and at logout. */
static void sessions_expire_and_end(void **state)
{
	const char *p = new_path();
	struct store_session got;
	struct store *s;
	long id, t = 1000000;

	(void)state;
	assert_int_equal(store_create(p, chain, &s), STORE_OK);
	assert_int_equal(store_account_add(s, "jansen", "typist", "$h", 0, &actor, &id), STORE_OK);
	assert_int_equal(store_session_create(s, "hash-a", id, "10.0.0.2", "test", t, &actor), STORE_OK);
	/* 29:59 idle: still there; each request moves the clock on (touched once a minute). */
	assert_int_equal(store_session_get(s, "hash-a", t + 1799, 1800, &got), STORE_OK);
	assert_string_equal(got.account.name, "jansen");
	assert_int_equal(store_session_get(s, "hash-a", t + 1799 + 1800, 1800, &got), STORE_OK);
	/* 30:01 after the last request: gone, and gone for good. */
	assert_int_equal(store_session_get(s, "hash-a", t + 1799 + 1800 + 1801, 1800, &got),
	                 STORE_ERR_NOT_FOUND);
	assert_int_equal(store_session_get(s, "hash-a", t, 1800, &got), STORE_ERR_NOT_FOUND);
	/* Logout ends a session at once; an unknown hash is no session. */
	assert_int_equal(store_session_create(s, "hash-b", id, "10.0.0.2", "test", t, &actor), STORE_OK);
	assert_int_equal(store_session_delete(s, "hash-b", &actor), STORE_OK);
	assert_int_equal(store_session_get(s, "hash-b", t, 1800, &got), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_session_get(s, "nothing", t, 1800, &got), STORE_ERR_NOT_FOUND);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_refuses_to_overwrite),
		cmocka_unit_test(open_refuses_what_is_not_ours),
		cmocka_unit_test(newer_schema_refused),
		cmocka_unit_test(settings_hold),
		cmocka_unit_test(foreign_keys_enforced),
		cmocka_unit_test(meta_and_secrets),
		cmocka_unit_test(accounts_unique),
		cmocka_unit_test(audit_chain_detects_tampering),
		cmocka_unit_test(stations_replaced_only_before_entry),
		cmocka_unit_test(version_1_migrates_to_current),
		cmocka_unit_test(sessions_expire_and_end),
	};
	char cmd[128];
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-store-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("store", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
