/*
 * store/result.c: the lots drawn for the result (in order, never deleted,
 * withdrawn when the count is reopened), the deceased candidates (once each,
 * only candidates the lists hold), both audited; a 510b kept byte for byte.
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

static const struct store_actor who = {"tester", "coordinator", "127.0.0.1"};
static char dir[64];
static int dbn;
static char path[128];

static const store_chain_fn chain = audit_chain_hmac;

/* A GR election with two lists of two candidates. */
static struct store *fresh(void)
{
	struct tally_election e = {.id = "GR2026_X", .name = "X", .category = TALLY_CAT_GR,
	                           .subcategory = "GR2", .date = "2026-03-18", .seats = 19,
	                           .preference_threshold = 25};
	struct tally_candidate c[2] = {{.position = 1, .last_name = "A"},
	                               {.position = 2, .last_name = "B"}};
	struct tally_list l[2] = {{.number = 1, .name = "Een", .ncandidates = 2, .candidates = c},
	                          {.number = 2, .name = "Twee", .ncandidates = 2, .candidates = c}};
	struct store_file f = {"110a", "f", "00", 1, "x", 1};
	struct store *s;

	snprintf(path, sizeof path, "%s/r%d.db", dir, ++dbn);
	assert_int_equal(store_create(path, chain, &s), STORE_OK);
	assert_int_equal(store_import_election(s, &e, NULL, 0, NULL, NULL, &f, &who), STORE_OK);
	f.kind = "230b";
	assert_int_equal(store_import_lists(s, l, 2, "geen", "", &f, &who), STORE_OK);
	return s;
}

static size_t lots(struct store *s, struct store_result_pair **out)
{
	size_t n = 0;

	assert_int_equal(store_read_begin(s), STORE_OK);
	assert_int_equal(store_result_lots_locked(s, out, &n), STORE_OK);
	assert_int_equal(store_read_end(s), STORE_OK);
	return n;
}

static long long audit_count(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM audit", -1, &st, NULL),
	                 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void lots_in_order_and_withdrawn_on_reopen(void **state)
{
	struct store *s = fresh();
	struct store_result_pair a = {2, 0}, b = {1, 2}, *got = NULL;
	struct store_export x = {0};
	long withdrawn = 0;
	sqlite3 *db;

	(void)state;
	assert_int_equal(store_result_lot_add(s, &a, &who), STORE_OK);
	assert_int_equal(store_result_lot_add(s, &b, &who), STORE_OK);
	assert_int_equal(lots(s, &got), 2);
	assert_int_equal(got[0].list, 2);
	assert_int_equal(got[0].candidate, 0);
	assert_int_equal(got[1].list, 1);
	assert_int_equal(got[1].candidate, 2);
	free(got);
	/* A finished count, reopened: the lots drawn on its figures no longer count. */
	snprintf(x.created, sizeof x.created, "2026-03-18T23:00:00.000");
	assert_int_equal(store_export_record(s, &who, &x), STORE_OK);
	assert_int_equal(store_count_reopen(s, &who, "hertelling", &withdrawn), STORE_OK);
	got = NULL;
	assert_int_equal(lots(s, &got), 0);
	assert_null(got);
	/* ...but they stay in the database: a lot is never deleted. */
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM result_lot", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	store_close(s);
}

static void deceased_once_and_only_of_the_lists(void **state)
{
	static const struct {
		struct store_result_pair p;
		int rc;
	} cases[] = {
		{{1, 2}, STORE_OK},
		{{1, 2}, STORE_ERR_EXISTS},        /* recorded before */
		{{1, 3}, STORE_ERR_NOT_FOUND},     /* the list has two candidates */
		{{3, 1}, STORE_ERR_NOT_FOUND},     /* no list 3 */
		{{1, 0}, STORE_ERR_INVALID},       /* no candidate */
		{{2, 1}, STORE_OK},
	};
	struct store *s = fresh();
	struct store_result_pair *got = NULL;
	long long before;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		before = audit_count();
		assert_int_equal(store_result_deceased_add(s, &cases[i].p, &who), cases[i].rc);
		/* audited when recorded, nothing written when refused */
		assert_int_equal(audit_count(), before + (cases[i].rc == STORE_OK));
	}
	assert_int_equal(store_read_begin(s), STORE_OK);
	assert_int_equal(store_result_deceased_locked(s, &got, &n), STORE_OK);
	assert_int_equal(store_read_end(s), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].list, 1);
	assert_int_equal(got[1].list, 2);
	free(got);
	store_close(s);
}

static void count_file_kept_byte_for_byte(void **state)
{
	static const char bytes[] = "<EML Id=\"510b\">\x01\x02</EML>";
	struct store_file f = {"510b", "Telling_X.eml.xml", "ab", 1, bytes, sizeof bytes};
	struct store_count_file got;
	struct store *s = fresh();

	(void)state;
	assert_int_equal(store_read_begin(s), STORE_OK);
	assert_int_equal(store_count_file_get_locked(s, &got), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_read_end(s), STORE_OK);
	assert_int_equal(store_count_file_import(s, &f, &who), STORE_OK);
	assert_int_equal(store_read_begin(s), STORE_OK);
	assert_int_equal(store_count_file_get_locked(s, &got), STORE_OK);
	assert_int_equal(store_read_end(s), STORE_OK);
	assert_int_equal(got.len, sizeof bytes);
	assert_memory_equal(got.bytes, bytes, sizeof bytes);
	assert_string_equal(got.name, "Telling_X.eml.xml");
	free(got.bytes);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lots_in_order_and_withdrawn_on_reopen),
		cmocka_unit_test(deceased_once_and_only_of_the_lists),
		cmocka_unit_test(count_file_kept_byte_for_byte),
	};
	char cmd[128];
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-store-result-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("store_result", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
