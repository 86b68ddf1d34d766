/*
 * The store's error convention and its caches, on a database damaged behind
 * its back (a second sqlite3 connection, as a tamperer or a broken disk
 * would): a failure of the database is STORE_ERR_IO, never "not found",
 * "exists" or "not allowed"; an export never reads a failure as an unset
 * setting; and the form-shape cache follows lists imported by another
 * process (another connection).
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

#include "tests/testutil.h"

#include "crypto/crypto.h"
#include "act/act.h"
#include "store/store.h"

#define EML "tests/data/eml/fictional/"

static const struct store_actor actor = {"tester", "administrator", "127.0.0.1"};
static char dir[64];
static int dbn;
static char path[128];

static const store_chain_fn chain = audit_chain_hmac;

/* Runs SQL on the file behind the store's back. */
static void raw_sql(const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static void import(struct store *s, const char *file)
{
	struct import_check chk = {0};
	struct import_report rep;
	unsigned char d[32];
	char why[512];
	size_t len;
	unsigned char *b = slurp(file, &len);

	hash_sha256(b, len, d);
	chk.full = d;
	if (import_eml(s, file, b, len, &chk, &actor, &rep, why, sizeof why) != IMPORT_OK)
		fail_msg("%s: %s", file, why);
	free(b);
}

/* Juinen's election, stations and lists, a signing key, an account, settings: every table used. */
static struct store *populated(void)
{
	struct store_cost_settings cs = {.hourly = 5000, .rates_set = 1};
	struct store_committee_session cm = {.number = 1, .place = "Juinen", .nmembers = 1,
	                                     .members = {"A. de Vries, voorzitter"}};
	struct store_session got;
	struct store *s;
	char *priv, *pub;
	long id;

	snprintf(path, sizeof path, "%s/e%d.db", dir, ++dbn);
	assert_int_equal(store_create(path, chain, &s), STORE_OK);
	import(s, EML "eml110a_verkiezingsdefinitie-juinen.eml.xml");
	import(s, EML "eml110b_stembureaulijst-juinen.eml.xml");
	import(s, EML "eml230b_kandidatenlijsten-juinen.eml.xml");
	assert_int_equal(sign_keygen(&priv, &pub), 0);
	assert_int_equal(store_secret_set(s, "signing_key", priv, strlen(priv)), STORE_OK);
	assert_int_equal(store_secret_set(s, "signing_pub", pub, strlen(pub)), STORE_OK);
	crypto_free_secret(priv);
	free(pub);
	assert_int_equal(store_account_add(s, "jansen", "typist", "$h", 0, &actor, &id), STORE_OK);
	assert_int_equal(store_session_create(s, "hash-a", id, "10.0.0.2", "test", 1000, &actor),
	                 STORE_OK);
	assert_int_equal(store_session_get(s, "hash-a", 1000, 1800, &got), STORE_OK);
	assert_int_equal(store_costs_settings_set(s, &cs, &actor), STORE_OK);
	assert_int_equal(store_committee_session_put(s, &cm, &actor), STORE_OK);
	return s;
}

/*
 * Replaces table t by a view of the same columns whose rows cannot be read: every
 * statement over it prepares, and fails when it steps (integer overflow).
 */
static void unreadable(const char *t, const char *cols)
{
	char sql[1024];

	snprintf(sql, sizeof sql, "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON; "
	         "ALTER TABLE %s RENAME TO %s_gone; CREATE VIEW %s AS SELECT %s FROM %s_gone",
	         t, t, t, cols, t);
	raw_sql(sql);
}

/* ---- a database failure is no "not found" (store_meta_get, export) ---- */

static void meta_failure_is_io(void **state)
{
	struct store *s = populated();
	char buf[64] = "";

	(void)state;
	assert_int_equal(store_meta_get(s, "municipality_code", buf, sizeof buf), STORE_OK);
	assert_int_equal(store_meta_get(s, "no such key", buf, sizeof buf), STORE_ERR_NOT_FOUND);
	/* Rows that cannot be read: a failure, not an unset key. */
	unreadable("meta", "abs(-9223372036854775807 - 1) AS key, value");
	assert_int_equal(store_meta_get(s, "municipality_code", buf, sizeof buf), STORE_ERR_IO);
	assert_non_null(strstr(store_last_error(s), "overflow"));
	assert_int_equal(store_count_finished(s), -1);
	/* And no table at all (its statement was prepared before). */
	raw_sql("DROP VIEW meta");
	assert_int_equal(store_meta_get(s, "municipality_code", buf, sizeof buf), STORE_ERR_IO);
	assert_non_null(strstr(store_last_error(s), "meta"));
	store_close(s);
}

static void export_fails_on_unreadable_meta(void **state)
{
	struct store *s = populated();
	struct export_result r;
	char why[512];
	const char *id;

	(void)state;
	/* Sound, the draft names the municipality. */
	assert_int_equal(export_build(s, 1, &actor, &r, why, sizeof why), EXPORT_OK);
	id = strstr(r.files[0].bytes, "AuthorityIdentifier Id=\"");
	assert_non_null(id);
	assert_true(id[24] != '"');
	export_result_free(&r);
	/* Unreadable settings: no export at all, rather than one with an empty AuthorityIdentifier. */
	unreadable("meta", "abs(-9223372036854775807 - 1) AS key, value");
	assert_int_not_equal(export_build(s, 1, &actor, &r, why, sizeof why), EXPORT_OK);
	assert_non_null(strstr(why, "overflow"));
	assert_int_equal(r.nfiles, 0);
	store_close(s);
}

/* ---- failing SQL never answers STATE or EXISTS (nor NOT_FOUND) ---- */

/* A write the database refuses (a trigger raising, as a full or broken disk would). */
static void refuse(const char *table, const char *op)
{
	char sql[256];

	snprintf(sql, sizeof sql, "CREATE TRIGGER damage_%s_%s BEFORE %s ON %s BEGIN "
	         "SELECT RAISE(ABORT, 'damaged'); END", table, op, op, table);
	raw_sql(sql);
}

static int w_meta_set(struct store *s)
{
	return store_meta_set(s, "contest_name", "x");
}

static int w_account_add(struct store *s)
{
	return store_account_add(s, "pietersen", "typist", "$h", 1, &actor, NULL);
}

static int w_import_stations(struct store *s)
{
	struct tally_station st = {9, "B", "", -1};
	struct store_file f = {"110b", "f", "00", 1, "x", 1};

	return store_import_stations(s, &st, 1, -1, &f, &actor);
}

static int w_import_lists(struct store *s)
{
	struct tally_candidate c = {.position = 1, .last_name = "Jansen"};
	struct tally_list l = {.number = 1, .name = "A", .ncandidates = 1, .candidates = &c};
	struct store_file f = {"230b", "f", "00", 1, "x", 1};

	return store_import_lists(s, &l, 1, "geen", "", &f, &actor);
}

static int w_costs_settings(struct store *s)
{
	struct store_cost_settings cs = {.hourly = 6000, .rates_set = 1};

	return store_costs_settings_set(s, &cs, &actor);
}

static int w_costs_put(struct store *s)
{
	struct store_cost_line l = {.kind = "other", .amount = 100, .description = "x"};
	int refused;

	return store_costs_put(s, &l, NULL, NULL, &actor, &refused);
}

static int w_audit(struct store *s)
{
	return store_audit(s, &actor, "test", "x");
}

static int w_projector(struct store *s)
{
	long id;

	return store_projector_link_add(s, "0123456789abcdef0123456789abcdef"
	                                   "0123456789abcdef0123456789abcdef", &actor, &id);
}

static int w_committee(struct store *s)
{
	struct store_committee_session cm = {.number = 1, .place = "Elders"};

	return store_committee_session_put(s, &cm, &actor);
}

static int w_claim(struct store *s)
{
	struct store_account a;
	struct store_action act = {0};
	struct tally_station_state after;
	enum tally_verdict v;

	assert_int_equal(store_account_by_name(s, "jansen", &a), STORE_OK);
	act.ev.kind = TALLY_EV_CLAIM_1;
	act.ev.actor = a.id;
	act.ev.role = TALLY_ROLE_TYPIST;
	act.entry_no = 1;
	return store_apply(s, 1, &act, &actor, &v, &after);
}

static int r_meta_get(struct store *s)
{
	char buf[64];

	return store_meta_get(s, "municipality_code", buf, sizeof buf);
}

static int r_secret_get(struct store *s)
{
	char *v = NULL;
	int rc = store_secret_get(s, "signing_pub", &v, NULL);

	free(v);
	return rc;
}

static int r_election(struct store *s)
{
	struct tally_election e;

	return store_election_get(s, &e);
}

static int r_account(struct store *s)
{
	struct store_account a;

	return store_account_by_name(s, "jansen", &a);
}

static int r_session(struct store *s)
{
	struct store_session got;

	return store_session_get(s, "hash-a", 1000, 1800, &got);
}

static int r_station(struct store *s)
{
	struct store_station_full f;

	return store_station_full(s, 1, &f);
}

static int r_costs_settings(struct store *s)
{
	struct store_cost_settings cs;

	return store_costs_settings_get(s, &cs);
}

static int r_lists(struct store *s)
{
	struct tally_list *l = NULL;
	size_t n = 0;
	int rc = store_lists_get(s, &l, &n);

	tally_lists_free(l, n);
	return rc;
}

static void failing_sql_is_io(void **state)
{
	static const struct {
		const char *name;
		const char *table, *op;   /* a write refused ... */
		const char *cols;         /* ... or rows that cannot be read */
		int (*call)(struct store *s);
	} cases[] = {
		{"store_meta_set", "meta", "INSERT", NULL, w_meta_set},
		{"store_account_add", "account", "INSERT", NULL, w_account_add},
		{"store_import_stations", "station", "INSERT", NULL, w_import_stations},
		{"store_import_lists", "list", "INSERT", NULL, w_import_lists},
		{"store_costs_settings_set", "costs_settings", "UPDATE", NULL, w_costs_settings},
		{"store_costs_put", "costs_line", "INSERT", NULL, w_costs_put},
		{"store_audit", "audit", "INSERT", NULL, w_audit},
		{"store_projector_link_add", "projector_link", "INSERT", NULL, w_projector},
		{"store_committee_session_put", "committee_session", "UPDATE", NULL, w_committee},
		{"store_apply (claim)", "entry", "INSERT", NULL, w_claim},
		{"store_apply (station)", "station", "UPDATE", NULL, w_claim},
		{"store_meta_get", "meta", NULL, "abs(-9223372036854775807 - 1) AS key, value",
		 r_meta_get},
		{"store_secret_get", "secret", NULL, "name, abs(-9223372036854775807 - 1) AS value",
		 r_secret_get},
		{"store_election_get", "election", NULL, "id, eml_id, name, category, subcategory, "
		 "domain_id, domain_name, election_date, nomination_date, "
		 "abs(-9223372036854775807 - 1) AS seats, preference_threshold", r_election},
		{"store_account_by_name", "account", NULL, "id, name, role, pw_hash, must_change, "
		 "created_at, last_login, abs(-9223372036854775807 - 1) AS disabled", r_account},
		{"store_session_get", "session", NULL, "token_hash, account_id, address, user_agent, "
		 "started, abs(-9223372036854775807 - 1) AS last_seen", r_session},
		{"store_station_full", "station", NULL, "number, name, postcode, electorate, status, "
		 "first_user, second_user, first_has_errors, second_has_errors, correcting, changed_by, "
		 "changed_action, abs(-9223372036854775807 - 1) AS changed_at", r_station},
		{"store_costs_settings_get", "costs_settings", NULL, "id, hourly, laptop_day, per_km, "
		 "vat_bp, rates_set, provider_name, provider_address, invoice_number, invoice_date, "
		 "provider_kvk, provider_vat, abs(-9223372036854775807 - 1) AS provider_iban",
		 r_costs_settings},
		{"store_lists_get", "candidate", NULL, "list_number, position, initials, first_name, "
		 "prefix, last_name, gender, abs(-9223372036854775807 - 1) AS locality", r_lists},
		{"store_apply (count finished?)", "meta", NULL,
		 "abs(-9223372036854775807 - 1) AS key, value", w_claim},
	};
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct store *s = populated();

		if (cases[i].cols != NULL)
			unreadable(cases[i].table, cases[i].cols);
		else
			refuse(cases[i].table, cases[i].op);
		rc = cases[i].call(s);
		if (rc != STORE_ERR_IO)
			fail_msg("%s over a damaged %s: %d (%s), not STORE_ERR_IO", cases[i].name,
			         cases[i].table, rc, store_strerror(rc));
		if (strstr(store_last_error(s), cases[i].cols ? "overflow" : "damaged") == NULL)
			fail_msg("%s: the cause is not kept: %s", cases[i].name, store_last_error(s));
		store_close(s);
	}
}

/* ---- the form's shape follows lists imported by another process ---- */

static void shape_follows_another_connection(void **state)
{
	struct store *serve = populated(), *cli;
	const struct tally_list *lists;
	struct tally_form *f;
	struct tally_candidate c[3] = {{.position = 1, .last_name = "A"}, {.position = 2,
	                               .last_name = "B"}, {.position = 3, .last_name = "C"}};
	struct tally_list l[2] = {{.number = 1, .name = "Een", .ncandidates = 3, .candidates = c},
	                          {.number = 2, .name = "Twee", .ncandidates = 1, .candidates = c}};
	struct store_file file = {"230b", "other.xml", "00", 1, "x", 1};
	size_t n;
	int vc;

	(void)state;
	assert_int_equal(store_form_shape(serve, &lists, &n, &vc), STORE_OK);
	assert_int_equal(n, 4);
	assert_int_equal(lists[0].ncandidates, 8);
	/* `teller import` of another 230b while `teller serve` runs. */
	assert_int_equal(store_open(path, chain, &cli), STORE_OK);
	assert_int_equal(store_import_lists(cli, l, 2, "geen", "", &file, &actor), STORE_OK);
	store_close(cli);
	assert_int_equal(store_form_shape(serve, &lists, &n, &vc), STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(lists[1].name, "Twee");
	assert_int_equal(lists[0].ncandidates, 3);
	f = store_form_new(serve);
	assert_non_null(f);
	assert_int_equal(tally_form_fits(f, l, 2, vc, NULL, 0), 0);
	tally_form_free(f);
	store_close(serve);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(meta_failure_is_io),
		cmocka_unit_test(export_fails_on_unreadable_meta),
		cmocka_unit_test(failing_sql_is_io),
		cmocka_unit_test(shape_follows_another_connection),
	};
	char cmd[128];
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-store-errors-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("store_errors", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
