/*
 * What the coordinator reads and keeps besides the count: the audit log read
 * back a page at a time (store/audit_query.c; station 1 is never station 10),
 * the committee's session for the PV (store/committee.c and its check in
 * entry/api_committee.c), and the projector links (store/projector.c).
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
#include "act/act.h"
#include "store/store.h"

static const struct store_actor coord = {"coordinator", "coordinator", "10.0.0.5"};
static const struct store_actor typist = {"Jansen", "typist", "10.0.0.7"};
static char dir[64];
static int dbn;

static const store_chain_fn chain = audit_chain_hmac;

static struct store *new_store(void)
{
	char path[128];
	struct store *s;

	snprintf(path, sizeof path, "%s/c%d.db", dir, ++dbn);
	assert_int_equal(store_create(path, chain, &s), STORE_OK);
	return s;
}

/* ---- the audit log ---- */

static void audit_station_is_read_exactly(void **state)
{
	static const struct {
		const char *detail;
		int station;
	} cases[] = {
		{"station 1: empty -> first_in_progress", 1},
		{"station 1 entry 1: empty -> first_in_progress", 1},
		{"station 10 entry 2: first_done -> second_in_progress", 10},
		{"station 112: definitive -> empty", 112},
		{"station 1", 1},
		{"station 9999999 entry 1: x", 9999999},
		{"station 999999999: x", 999999999},
		{"station 1234567890: ten digits", 0},
		{"station 01: a leading zero", 0},
		{"station 0: x", 0},
		{"station -1: x", 0},
		{"station : x", 0},
		{"station ", 0},
		{"stations 3 imported", 0},
		{"Station 1: x", 0},
		{" station 1: x", 0},
		{"110b: station 1 and 2", 0},
		{"", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (store_audit_station(cases[i].detail) != cases[i].station)
			fail_msg("\"%s\": %d, not %d", cases[i].detail, store_audit_station(cases[i].detail),
			         cases[i].station);
	assert_int_equal(store_audit_station(NULL), 0);
}

/* A log with records of stations 1, 10, 11, 100 and 112, and others. */
static struct store *log_store(void)
{
	struct store *s = new_store();
	static const int stations[] = {1, 10, 1, 11, 100, 112, 10, 1};
	char detail[64];
	size_t i;

	assert_int_equal(store_audit(s, &coord, "login", ""), STORE_OK);
	for (i = 0; i < sizeof stations / sizeof stations[0]; i++) {
		snprintf(detail, sizeof detail, "station %d%s: empty -> first_in_progress", stations[i],
		         i % 2 ? " entry 1" : "");
		assert_int_equal(store_audit(s, i % 3 ? &typist : &coord, i % 2 ? "claim_entry_1" :
		                             "reset", detail), STORE_OK);
	}
	assert_int_equal(store_audit(s, &typist, "logout", ""), STORE_OK);
	return s;
}

/* The ids of a query's records, as "id,id,..."; *next set. */
static void query(struct store *s, const struct store_audit_filter *f, char *out, size_t size,
                  long *next)
{
	struct store_audit_record *r;
	size_t n, i, at = 0;

	assert_int_equal(store_audit_query(s, f, &r, &n, next), STORE_OK);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		at += (size_t)snprintf(out + at, size - at, "%s%ld", i ? "," : "", r[i].row.id);
		if (f->station > 0)
			assert_int_equal(r[i].station, f->station);
	}
	free(r);
}

static void audit_query_filters_and_pages(void **state)
{
	static const int stations[] = {1, 10, 1, 11, 100, 112, 10, 1}; /* as log_store */
	static const int asked[] = {1, 10, 11, 100, 112, 2};
	struct store *s = log_store();
	struct store_audit_filter f;
	struct store_audit_record *all;
	char got[512], want[512];
	size_t n, i, k, at;
	long next, base;

	(void)state;
	memset(&f, 0, sizeof f);
	f.limit = 1000;
	assert_int_equal(store_audit_query(s, &f, &all, &n, &next), STORE_OK);
	assert_int_equal(next, 0);
	assert_true(n >= 10);
	for (i = 1; i < n; i++)
		assert_true(all[i - 1].row.id > all[i].row.id); /* newest first */
	assert_string_equal(all[0].row.action, "logout");
	base = all[0].row.id - 8; /* the id of the first station record */
	free(all);
	for (k = 0; k < sizeof asked / sizeof asked[0]; k++) {
		memset(&f, 0, sizeof f);
		f.limit = 1000;
		f.station = asked[k];
		want[0] = '\0';
		at = 0;
		for (i = 8; i-- > 0;)
			if (stations[i] == asked[k])
				at += (size_t)snprintf(want + at, sizeof want - at, "%s%ld", at ? "," : "",
				                       base + (long)i);
		query(s, &f, got, sizeof got, &next);
		if (strcmp(got, want) != 0)
			fail_msg("station %d: %s, not %s", asked[k], got, want);
	}
	/* by person (any case) and action, together with a station */
	memset(&f, 0, sizeof f);
	f.limit = 1000;
	f.actor = "JANSEN";
	f.action = "claim_entry_1";
	f.station = 10;
	query(s, &f, got, sizeof got, &next);
	snprintf(want, sizeof want, "%ld", base + 1);
	assert_string_equal(got, want);
	f.station = 0;
	f.actor = "coordinator";
	f.action = NULL;
	query(s, &f, got, sizeof got, &next);
	assert_non_null(strstr(got, ","));
	/* pages of two over station 1's three records */
	memset(&f, 0, sizeof f);
	f.station = 1;
	f.limit = 2;
	query(s, &f, got, sizeof got, &next);
	snprintf(want, sizeof want, "%ld,%ld", base + 7, base + 2);
	assert_string_equal(got, want);
	assert_int_equal(next, base + 2);
	f.before_id = next;
	query(s, &f, got, sizeof got, &next);
	snprintf(want, sizeof want, "%ld", base);
	assert_string_equal(got, want);
	assert_int_equal(next, 0);
	/* bad limits */
	f.limit = 0;
	assert_int_equal(store_audit_query(s, &f, &all, &n, &next), STORE_ERR_STATE);
	f.limit = STORE_AUDIT_PAGE_MAX + 1;
	assert_int_equal(store_audit_query(s, &f, &all, &n, &next), STORE_ERR_STATE);
	assert_null(all);
	store_close(s);
}

static void audit_actions_once_each_sorted(void **state)
{
	struct store *s = log_store();
	struct store_audit_action *a;
	size_t n, i;
	int claim = 0;

	(void)state;
	assert_int_equal(store_audit_actions(s, &a, &n), STORE_OK);
	for (i = 0; i < n; i++) {
		if (i > 0)
			assert_true(strcmp(a[i - 1].name, a[i].name) < 0);
		claim += strcmp(a[i].name, "claim_entry_1") == 0;
	}
	assert_int_equal(claim, 1);
	free(a);
	store_close(s);
}

/* The paced check answers as store_audit_verify does, across its batches too. */
static void audit_verify_paced_agrees(void **state)
{
	struct store *s = new_store();
	char path[128], sql[160], detail[64];
	long bad1, bad2, i;
	sqlite3 *db;

	(void)state;
	snprintf(path, sizeof path, "%s/c%d.db", dir, dbn);
	for (i = 0; i < 4100; i++) { /* more than two batches */
		snprintf(detail, sizeof detail, "station %ld entry 1: x", i % 21 + 1);
		assert_int_equal(store_audit(s, &typist, "save_entry_1", detail), STORE_OK);
	}
	assert_int_equal(store_audit_verify(s, &bad1), STORE_OK);
	assert_int_equal(store_audit_verify_paced(s, &bad2), STORE_OK);
	assert_int_equal(bad2, -1);
	/* a record of the third batch altered behind Teller's back */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_update; UPDATE audit SET detail = "
	         "'station 2 entry 1: y' WHERE id = %ld", store_audit_count(s) - 50);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_audit_verify(s, &bad1), STORE_ERR_STATE);
	assert_int_equal(store_audit_verify_paced(s, &bad2), STORE_ERR_STATE);
	assert_int_equal(bad2, bad1);
	assert_true(bad2 > 4000);
	store_close(s);
}

/* ---- the committee's session ---- */

static void committee_session_roundtrip(void **state)
{
	struct store *s = new_store();
	struct store_committee_session *in = calloc(1, sizeof *in), *out = calloc(1, sizeof *out);
	long n0;

	(void)state;
	assert_int_equal(store_committee_session_get(s, 1, out), STORE_ERR_NOT_FOUND);
	assert_int_equal(out->number, 1);
	assert_int_equal(out->nmembers, 0);
	assert_string_equal(out->place, "");
	in->number = 1;
	snprintf(in->place, sizeof in->place, "Raadzaal, Juinen");
	snprintf(in->date, sizeof in->date, "2026-03-18");
	snprintf(in->start_time, sizeof in->start_time, "21:00");
	snprintf(in->members[0], sizeof in->members[0], "J. de Vries, voorzitter");
	snprintf(in->members[1], sizeof in->members[1], "\xc3\x89. \xc3\x96zdemir, lid");
	in->nmembers = 2;
	n0 = store_audit_count(s);
	assert_int_equal(store_committee_session_put(s, in, &coord), STORE_OK);
	assert_int_equal(store_audit_count(s), n0 + 1);
	assert_int_equal(store_committee_session_get(s, 1, out), STORE_OK);
	assert_string_equal(out->place, in->place);
	assert_string_equal(out->date, "2026-03-18");
	assert_string_equal(out->start_time, "21:00");
	assert_string_equal(out->end_time, "");
	assert_int_equal(out->nmembers, 2);
	assert_string_equal(out->members[1], in->members[1]);
	assert_true(out->updated_at[0] != '\0');
	/* refused: a line break in a member, an empty member, too many; nothing changes */
	snprintf(in->members[1], sizeof in->members[1], "twee\nregels");
	assert_int_equal(store_committee_session_put(s, in, &coord), STORE_ERR_STATE);
	in->members[1][0] = '\0';
	assert_int_equal(store_committee_session_put(s, in, &coord), STORE_ERR_STATE);
	snprintf(in->members[1], sizeof in->members[1], "B, lid");
	in->nmembers = STORE_COMMITTEE_MEMBERS_MAX + 1;
	assert_int_equal(store_committee_session_put(s, in, &coord), STORE_ERR_STATE);
	in->nmembers = 2;
	in->number = 0;
	assert_int_equal(store_committee_session_put(s, in, &coord), STORE_ERR_STATE);
	assert_int_equal(store_audit_count(s), n0 + 1);
	assert_int_equal(store_committee_session_get(s, 1, out), STORE_OK);
	assert_string_equal(out->members[1], "\xc3\x89. \xc3\x96zdemir, lid");
	/* replaced as a whole; no members at all */
	in->number = 1;
	in->nmembers = 0;
	in->start_time[0] = '\0';
	assert_int_equal(store_committee_session_put(s, in, &coord), STORE_OK);
	assert_int_equal(store_committee_session_get(s, 1, out), STORE_OK);
	assert_int_equal(out->nmembers, 0);
	assert_string_equal(out->start_time, "");
	assert_int_equal(store_audit_verify(s, &n0), STORE_OK);
	free(in);
	free(out);
	store_close(s);
}

static void committee_session_check_table(void **state)
{
	static const struct {
		const char *place, *date, *start, *end, *member;
		int ok;
	} cases[] = {
		{"", "", "", "", NULL, 1},                              /* nothing known yet */
		{"Raadzaal", "2026-03-18", "21:00", "23:59", "J. de Vries, voorzitter", 1},
		{"Raadzaal", "2028-02-29", "00:00", "02:30", NULL, 1}, /* leap day; past midnight */
		{"\xc3\xa9\xc3\xa9", "", "", "", NULL, 1},
		{"Raadzaal", "2026-02-29", "", "", NULL, 0},
		{"Raadzaal", "2100-02-29", "", "", NULL, 0},
		{"Raadzaal", "2026-04-31", "", "", NULL, 0},
		{"Raadzaal", "2026-00-10", "", "", NULL, 0},
		{"Raadzaal", "2026-3-18", "", "", NULL, 0},
		{"Raadzaal", "2026/03/18", "", "", NULL, 0},
		{"", "", "24:00", "", NULL, 0},
		{"", "", "", "9:30", NULL, 0},
		{"", "", "12:60", "", NULL, 0},
		{"", "", "1a:00", "", NULL, 0},
		{"twee\nregels", "", "", "", NULL, 0},
		{"tab\there", "", "", "", NULL, 0},
		{"   ", "", "", "", NULL, 0},
		{"\xe2\x80\xae omgekeerd", "", "", "", NULL, 0},        /* U+202E */
		{"\xc2\x85", "", "", "", NULL, 0},                      /* U+0085, C1 */
		{"\xc0\xaf", "", "", "", NULL, 0},                      /* overlong */
		{"\xed\xa0\x80", "", "", "", NULL, 0},                  /* a surrogate */
		{"\xff", "", "", "", NULL, 0},
		{"\xc3", "", "", "", NULL, 0},                          /* cut short */
		{"", "", "", "", "", 0},
		{"", "", "", "", "lid\x7f", 0},
	};
	struct store_committee_session *cs = calloc(1, sizeof *cs);
	char why[200];
	size_t k, i;

	(void)state;
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		memset(cs, 0, sizeof *cs);
		cs->number = 1;
		snprintf(cs->place, sizeof cs->place, "%s", cases[k].place);
		snprintf(cs->date, sizeof cs->date, "%s", cases[k].date);
		snprintf(cs->start_time, sizeof cs->start_time, "%s", cases[k].start);
		snprintf(cs->end_time, sizeof cs->end_time, "%s", cases[k].end);
		if (cases[k].member != NULL) {
			snprintf(cs->members[0], sizeof cs->members[0], "%s", cases[k].member);
			cs->nmembers = 1;
		}
		why[0] = '\0';
		if ((committee_session_check(cs, 1, why, sizeof why) == 0) != cases[k].ok)
			fail_msg("case %zu (\"%s\" \"%s\" \"%s\" \"%s\"): %s", k, cases[k].place,
			         cases[k].date, cases[k].start, cases[k].end, why[0] ? why : "accepted");
		if (!cases[k].ok)
			assert_true(strlen(why) > 10);
	}
	/* 200 characters (of two bytes each) fit, 201 do not; 30 members, not 31 */
	memset(cs, 0, sizeof *cs);
	for (i = 0; i < 200; i++)
		memcpy(cs->place + 2 * i, "\xc3\xa9", 2);
	assert_int_equal(committee_session_check(cs, 0, why, sizeof why), 0);
	memcpy(cs->place + 400, "x", 2);
	assert_int_equal(committee_session_check(cs, 0, why, sizeof why), -1);
	assert_non_null(strstr(why, "place"));
	memset(cs, 0, sizeof *cs);
	for (i = 0; i < STORE_COMMITTEE_MEMBERS_MAX; i++)
		snprintf(cs->members[i], sizeof cs->members[i], "Lid %zu", i + 1);
	cs->nmembers = STORE_COMMITTEE_MEMBERS_MAX;
	assert_int_equal(committee_session_check(cs, 0, why, sizeof why), 0);
	cs->nmembers++;
	assert_int_equal(committee_session_check(cs, 0, why, sizeof why), -1);
	free(cs);
}

/* ---- projector links ---- */

static void projector_links_live_until_revoked(void **state)
{
	struct store *s = new_store();
	struct store_projector_link *l;
	char token[TOKEN_LEN], h1[HASH_HEX_LEN], h2[HASH_HEX_LEN];
	long id1, id2, found, n0;
	size_t n;

	(void)state;
	assert_int_equal(token_new(token), 0);
	token_hash(token, h1);
	assert_int_equal(token_new(token), 0);
	token_hash(token, h2);
	n0 = store_audit_count(s);
	assert_int_equal(store_projector_link_add(s, h1, &coord, &id1), STORE_OK);
	assert_int_equal(store_projector_link_add(s, h2, &coord, &id2), STORE_OK);
	assert_true(id2 > id1);
	assert_int_equal(store_audit_count(s), n0 + 2);
	assert_int_equal(store_projector_link_add(s, "abc", &coord, &found), STORE_ERR_STATE);
	assert_int_equal(store_projector_link_add(s, h1, &coord, &found), STORE_ERR_EXISTS);
	assert_int_equal(store_projector_link_find(s, h1, &found), STORE_OK);
	assert_int_equal(found, id1);
	assert_int_equal(store_projector_link_find(s, h2, &found), STORE_OK);
	assert_int_equal(found, id2);
	assert_int_equal(store_projector_link_find(s, token, &found), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_projector_link_find(s, "", &found), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_projector_link_find(s, NULL, &found), STORE_ERR_NOT_FOUND);
	/* revoked: found no more; the other lives on; twice is refused, unknown not found */
	assert_int_equal(store_projector_link_revoke(s, id1, &coord), STORE_OK);
	assert_int_equal(store_projector_link_find(s, h1, &found), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_projector_link_find(s, h2, &found), STORE_OK);
	assert_int_equal(store_projector_link_revoke(s, id1, &coord), STORE_ERR_STATE);
	assert_int_equal(store_projector_link_revoke(s, 9999, &coord), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_audit_count(s), n0 + 3);
	assert_int_equal(store_projector_links_list(s, &l, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].id, id2);
	assert_string_equal(l[0].revoked_at, "");
	assert_string_equal(l[1].created_by, "coordinator");
	assert_true(l[1].revoked_at[0] != '\0');
	free(l);
	assert_int_equal(store_audit_verify(s, &found), STORE_OK);
	store_close(s);
}

static void projector_links_at_most_twenty(void **state)
{
	struct store *s = new_store();
	char token[TOKEN_LEN], h[HASH_HEX_LEN];
	long id = 0, first = 0;
	int i;

	(void)state;
	for (i = 0; i < STORE_PROJECTOR_LINKS_MAX; i++) {
		assert_int_equal(token_new(token), 0);
		token_hash(token, h);
		assert_int_equal(store_projector_link_add(s, h, &coord, &id), STORE_OK);
		if (i == 0)
			first = id;
	}
	assert_int_equal(token_new(token), 0);
	token_hash(token, h);
	assert_int_equal(store_projector_link_add(s, h, &coord, &id), STORE_ERR_STATE);
	assert_int_equal(id, 0);
	assert_int_equal(store_projector_link_revoke(s, first, &coord), STORE_OK);
	assert_int_equal(store_projector_link_add(s, h, &coord, &id), STORE_OK);
	store_close(s);
}

static int setup(void **state)
{
	(void)state;
	/* In memory where there is /dev/shm: thousands of audited transactions, each synced. */
	snprintf(dir, sizeof dir, "%s/test_store_coord_XXXXXX",
	         access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	char path[160];
	int i;

	(void)state;
	for (i = 1; i <= dbn; i++) {
		snprintf(path, sizeof path, "%s/c%d.db", dir, i);
		unlink(path);
		snprintf(path, sizeof path, "%s/c%d.db-wal", dir, i);
		unlink(path);
		snprintf(path, sizeof path, "%s/c%d.db-shm", dir, i);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(audit_station_is_read_exactly),
		cmocka_unit_test(audit_query_filters_and_pages),
		cmocka_unit_test(audit_actions_once_each_sorted),
		cmocka_unit_test(audit_verify_paced_agrees),
		cmocka_unit_test(committee_session_roundtrip),
		cmocka_unit_test(committee_session_check_table),
		cmocka_unit_test(projector_links_live_until_revoked),
		cmocka_unit_test(projector_links_at_most_twenty),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
