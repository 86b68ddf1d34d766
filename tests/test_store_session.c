/*
 * Later sessions (issue 12): the store's sessions, investigations and corrected
 * entries, with the rules of tally/later.h. The misuse table brings a fresh
 * database to a stage, takes a fingerprint of every row of every table (over a
 * second, read-only connection), does one wrong thing, and checks the refusal
 * and that the fingerprint and the audit log are unchanged. The good paths walk
 * a count through a later session: two stations investigated, one concluded
 * without and one with corrected figures, the final export of each session.
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
#include "act/act.h"

static char dir[64];
static int dbn;

/* ---- the fingerprint: every row of every table, as text ---- */

struct text {
	char *b;
	size_t n, cap;
};

static void put(struct text *t, const void *p, size_t len)
{
	if (t->n + len + 1 > t->cap) {
		t->cap = (t->n + len + 1) * 2;
		t->b = realloc(t->b, t->cap);
		assert_non_null(t->b);
	}
	if (len > 0)
		memcpy(t->b + t->n, p, len);
	t->n += len;
	t->b[t->n] = '\0';
}

/* Every table's rows in a fixed order (by rowid; by every column without one). */
static char *fingerprint(const char *path)
{
	struct text t = {0};
	sqlite3 *db;
	sqlite3_stmt *names, *st;
	char sql[256], head[64];
	int c, n;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master ORDER BY type, "
	                                        "name", -1, &names, NULL), SQLITE_OK);
	while (sqlite3_step(names) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(names, 0);
		const char *ddl = (const char *)sqlite3_column_text(names, 1);

		put(&t, name, strlen(name) + 1);
		if (ddl == NULL || strncmp(ddl, "CREATE TABLE", 12) != 0)
			continue;
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid", name);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
			snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY 1, 2", name);
			assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		}
		while (sqlite3_step(st) == SQLITE_ROW)
			for (c = 0; c < sqlite3_column_count(st); c++) {
				n = snprintf(head, sizeof head, "|%d:%d:", sqlite3_column_type(st, c),
				             sqlite3_column_bytes(st, c));
				put(&t, head, (size_t)n);
				if (sqlite3_column_type(st, c) != SQLITE_NULL)
					put(&t, sqlite3_column_blob(st, c), (size_t)sqlite3_column_bytes(st, c));
			}
		sqlite3_finalize(st);
		put(&t, "\n", 1);
	}
	sqlite3_finalize(names);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	return t.b;
}

/* ---- the election: 2 lists (3 and 2 candidates), 2 stations, GR ---- */

static const struct store_actor admin_who = {"beheerder", "administrator", "local"};
static const struct store_actor typist_who = {"typist", "typist", "10.0.0.7"};
static const struct store_actor coord_who = {"co", "coordinator", "10.0.0.5"};

struct db {
	char path[128];
	struct store *s;
	long a, b, c, coord;
};

static void db_open(struct db *d)
{
	struct tally_election e = {.id = "GR2026_Later", .name = "Gemeenteraad 2026",
	                           .category = TALLY_CAT_GR, .subcategory = "GR1",
	                           .domain_id = "0999", .domain_name = "Later",
	                           .date = "2026-03-18", .nomination_date = "2026-02-02",
	                           .seats = 19, .preference_threshold = 50};
	struct tally_station st[2] = {{1, "Stadhuis", "1234 AB", 1000}, {2, "School", "", -1}};
	static struct tally_candidate c1[3] = {{.position = 1, .last_name = "Aa"},
	                                       {.position = 2, .last_name = "Bb"},
	                                       {.position = 3, .last_name = "Cc"}};
	static struct tally_candidate c2[2] = {{.position = 1, .last_name = "Dd"},
	                                       {.position = 2, .last_name = "Ee"}};
	struct tally_list l[2] = {{.number = 1, .name = "Partij Een", .ncandidates = 3,
	                           .candidates = c1},
	                          {.number = 2, .name = "Partij Twee", .ncandidates = 2,
	                           .candidates = c2}};
	struct store_file f = {"110a", "110a.xml", "00", 1, "<x/>", 4};

	snprintf(d->path, sizeof d->path, "%s/l%d.db", dir, ++dbn);
	assert_int_equal(store_create(d->path, audit_chain_hmac, &d->s), STORE_OK);
	assert_int_equal(store_import_election(d->s, &e, NULL, 0, "0999", "Later", &f, &admin_who),
	                 STORE_OK);
	f.kind = "110b";
	assert_int_equal(store_import_stations(d->s, st, 2, 1500, &f, &admin_who), STORE_OK);
	f.kind = "230b";
	assert_int_equal(store_import_lists(d->s, l, 2, "geen", "", &f, &admin_who), STORE_OK);
	assert_int_equal(store_account_add(d->s, "a", "typist", "$h", 0, &admin_who, &d->a), 0);
	assert_int_equal(store_account_add(d->s, "b", "typist", "$h", 0, &admin_who, &d->b), 0);
	assert_int_equal(store_account_add(d->s, "c", "typist", "$h", 0, &admin_who, &d->c), 0);
	assert_int_equal(store_account_add(d->s, "co", "coordinator", "$h", 0, &admin_who,
	                                   &d->coord), 0);
}

/* A complete, error-free form; other: one more vote for candidate 1 of list 1. */
static struct tally_form *form(int other)
{
	size_t ncand[2] = {3, 2};
	struct tally_form *f = tally_form_alloc(2, ncand, 0);
	long c1[3] = {other ? 11 : 10, 20, 30}, c2[2] = {5, 5};
	long t1 = c1[0] + c1[1] + c1[2], t2 = c2[0] + c2[1];
	size_t i;

	assert_non_null(f);
	tally_form_zero(f);
	f->lists[0].number = 1;
	f->lists[1].number = 2;
	f->poll_cards = f->admitted_voters = t1 + t2 + 2;
	f->list_totals[0] = f->lists[0].total = t1;
	f->list_totals[1] = f->lists[1].total = t2;
	f->valid_votes = t1 + t2;
	f->blank_votes = f->invalid_votes = 1;
	f->votes_cast = f->valid_votes + 2;
	for (i = 0; i < 3; i++)
		f->lists[0].candidates[i] = c1[i];
	for (i = 0; i < 2; i++)
		f->lists[1].candidates[i] = c2[i];
	return f;
}

/* One typist's or the coordinator's event; the verdict (STORE_OK asserted). */
static enum tally_verdict act(struct db *d, int station, enum tally_event_kind k, long who,
                              int other)
{
	struct store_action a = {0};
	struct tally_station_state after;
	struct tally_form *f = NULL;
	enum tally_verdict v;
	unsigned data = tally_event_data(k);

	a.ev.kind = k;
	a.ev.actor = who;
	a.ev.role = tally_event_role(k);
	a.entry_no = a.ev.role != TALLY_ROLE_TYPIST ? 0 :
	             data & (TALLY_DATA_OPEN_1 | TALLY_DATA_WRITE_1 | TALLY_DATA_DROP_1) ? 1 : 2;
	if (data & (TALLY_DATA_WRITE_1 | TALLY_DATA_WRITE_2))
		a.form = f = form(other);
	a.progress = "votes";
	assert_int_equal(store_apply(d->s, station, &a, who == d->coord ? &coord_who : &typist_who,
	                             &v, &after), STORE_OK);
	tally_form_free(f);
	return v;
}

/* Both entries of a station, by a then b, with these figures: definitive. */
static void enter(struct db *d, int station, int other)
{
	assert_int_equal(act(d, station, TALLY_EV_CLAIM_1, d->a, 0), TALLY_OK);
	assert_int_equal(act(d, station, TALLY_EV_FINALISE_1, d->a, other), TALLY_OK);
	assert_int_equal(act(d, station, TALLY_EV_CLAIM_2, d->b, 0), TALLY_OK);
	assert_int_equal(act(d, station, TALLY_EV_FINALISE_2, d->b, other), TALLY_OK);
}

static const char file_bytes[] = "the 510b of this session";

/* A final export with one kept file: the current session is finished. */
static long finish(struct db *d)
{
	struct store_export x;

	memset(&x, 0, sizeof x);
	snprintf(x.created, sizeof x.created, "2026-03-18T23:00:00.000Z");
	x.stations_definitive = x.stations_total = 2;
	x.nfiles = 1;
	snprintf(x.files[0].name, sizeof x.files[0].name, "Telling_GR2026.eml.xml");
	snprintf(x.files[0].hash_code, sizeof x.files[0].hash_code, "aaaa");
	x.files[0].size = (long)strlen(file_bytes);
	x.files[0].bytes = file_bytes;
	assert_int_equal(store_export_record(d->s, &coord_who, &x), STORE_OK);
	return x.id;
}

static int current(struct db *d, int *finished)
{
	int n = 0;

	assert_int_equal(store_later_current(d->s, &n, finished), STORE_OK);
	return n;
}

static void session_new(struct db *d)
{
	struct later_outcome o;

	later_session_new(d->s, "2026-03-25", "Gemeentehuis", &coord_who, &o);
	assert_int_equal(o.status, LATER_OK);
}

static void investigate(struct db *d, int station)
{
	struct store_investigation in;
	struct later_outcome o;

	memset(&in, 0, sizeof in);
	in.station = station;
	snprintf(in.reason, sizeof in.reason, "Verzoek van het CSB: telverschil");
	snprintf(in.csb_reference, sizeof in.csb_reference, "CSB-2026-7");
	in.ballots_partially_recounted = 1;
	later_investigate(d->s, &in, &coord_who, &o);
	assert_int_equal(o.status, LATER_OK);
}

/* ---- the stages a misuse case starts from ---- */

enum stage {
	S_DEFINITIVE,      /* both stations definitive, session 1 not finished */
	S_FINISHED,        /* ... and its final export made */
	S_LATER,           /* session 2 open */
	S_INVESTIGATED,    /* ... station 1 under investigation, corrections not started */
	S_FIRST_DONE,      /* ... a finalised corrected entry 1 of station 1 */
	S_LATER_FINISHED,  /* session 2 finished (nothing investigated) */
};

static void prepare(struct db *d, enum stage s)
{
	enter(d, 1, 0);
	enter(d, 2, 0);
	if (s == S_DEFINITIVE)
		return;
	finish(d);
	if (s == S_FINISHED)
		return;
	session_new(d);
	if (s == S_LATER_FINISHED) {
		finish(d);
		return;
	}
	if (s == S_LATER)
		return;
	investigate(d, 1);
	if (s == S_INVESTIGATED)
		return;
	assert_int_equal(act(d, 1, TALLY_EV_CLAIM_1, d->a, 0), TALLY_OK);
	assert_int_equal(act(d, 1, TALLY_EV_FINALISE_1, d->a, 1), TALLY_OK);
}

/* ---- the misuse table ---- */

enum what {
	W_SESSION_NEW, W_INVESTIGATE_1, W_INVESTIGATE_99, W_CONCLUDE_1_YES, W_CONCLUDE_2_NO,
	W_CLAIM_2_STATION_2, W_CLAIM_1_STATION_2, W_CLAIM_2_SAME_TYPIST, W_RESET_1, W_ADD_STATION_2,
	W_ADD_STATION_3, W_SHORT_REASON, W_SHORT_FINDINGS, W_BAD_DATE, W_SAVE_1_FINISHED,
};

struct misuse {
	const char *name;
	enum stage stage;
	enum what what;
	enum later_status status;      /* for the later_* actions */
	enum tally_later refused;      /* for LATER_REFUSED */
	enum tally_verdict verdict;    /* for the entry events */
};

static const struct misuse cases[] = {
	{"a later session while the first is not finished", S_DEFINITIVE, W_SESSION_NEW,
	 LATER_REFUSED, TALLY_LATER_NOT_FINISHED, 0},
	{"a third session while the second is not finished", S_LATER, W_SESSION_NEW,
	 LATER_REFUSED, TALLY_LATER_NOT_FINISHED, 0},
	{"an investigation in the count's own session", S_FINISHED, W_INVESTIGATE_1,
	 LATER_REFUSED, TALLY_LATER_FIRST_SESSION, 0},
	{"an investigation in a finished later session", S_LATER_FINISHED, W_INVESTIGATE_1,
	 LATER_REFUSED, TALLY_LATER_SESSION_FINISHED, 0},
	{"an investigation of an unknown station", S_LATER, W_INVESTIGATE_99, LATER_NOT_FOUND, 0, 0},
	{"the same station investigated twice", S_INVESTIGATED, W_INVESTIGATE_1, LATER_REFUSED,
	 TALLY_LATER_INVESTIGATED, 0},
	{"a reason too short", S_LATER, W_SHORT_REASON, LATER_INVALID, 0, 0},
	{"a session's date that is no day", S_FINISHED, W_BAD_DATE, LATER_INVALID, 0, 0},
	{"a corrected entry for a station without an investigation", S_INVESTIGATED,
	 W_CLAIM_1_STATION_2, 0, 0, TALLY_V_NO_INVESTIGATION},
	{"entry 2 for a station without an investigation", S_LATER, W_CLAIM_2_STATION_2, 0, 0,
	 TALLY_V_NO_INVESTIGATION},
	{"the same typist for both corrected entries", S_FIRST_DONE, W_CLAIM_2_SAME_TYPIST, 0, 0,
	 TALLY_V_SECOND_ENTRY_SAME_TYPIST},
	{"a reset before the corrected entries start", S_INVESTIGATED, W_RESET_1, 0, 0,
	 TALLY_V_WRONG_STATE},
	{"an entry while the count's session is finished", S_FINISHED, W_SAVE_1_FINISHED, 0, 0,
	 TALLY_V_COUNT_FINISHED},
	{"concluding 'corrected' before the new figures are definitive", S_FIRST_DONE,
	 W_CONCLUDE_1_YES, LATER_REFUSED, TALLY_LATER_NOT_DEFINITIVE, 0},
	{"concluding 'corrected' without corrected entries", S_INVESTIGATED, W_CONCLUDE_1_YES,
	 LATER_REFUSED, TALLY_LATER_NO_CORRECTION, 0},
	{"concluding a station without an investigation", S_INVESTIGATED, W_CONCLUDE_2_NO,
	 LATER_REFUSED, TALLY_LATER_NOT_INVESTIGATED, 0},
	{"findings too short", S_INVESTIGATED, W_SHORT_FINDINGS, LATER_INVALID, 0, 0},
	{"a station added in the count's own session", S_FINISHED, W_ADD_STATION_3, LATER_REFUSED,
	 TALLY_LATER_FIRST_SESSION, 0},
	{"a station added under a number in use", S_LATER, W_ADD_STATION_2, LATER_EXISTS, 0, 0},
};

static void do_misuse(struct db *d, const struct misuse *m)
{
	struct store_investigation in;
	struct tally_station st = {3, "Sporthal", "1234 CD", -1};
	struct later_outcome o;

	memset(&o, 0, sizeof o);
	memset(&in, 0, sizeof in);
	in.station = m->what == W_INVESTIGATE_99 ? 99 : 1;
	snprintf(in.reason, sizeof in.reason, "%s", m->what == W_SHORT_REASON ? " ab " :
	         "Eigen initiatief: hertelling");
	switch (m->what) {
	case W_SESSION_NEW:
		later_session_new(d->s, "", "", &coord_who, &o);
		break;
	case W_BAD_DATE:
		later_session_new(d->s, "2026-02-30", "", &coord_who, &o);
		break;
	case W_INVESTIGATE_1:
	case W_INVESTIGATE_99:
	case W_SHORT_REASON:
		later_investigate(d->s, &in, &coord_who, &o);
		break;
	case W_CONCLUDE_1_YES:
		later_conclude(d->s, 1, "Een stem verkeerd geteld", 1, &coord_who, &o);
		break;
	case W_CONCLUDE_2_NO:
		later_conclude(d->s, 2, "Niets gevonden", 0, &coord_who, &o);
		break;
	case W_SHORT_FINDINGS:
		later_conclude(d->s, 1, "ok", 0, &coord_who, &o);
		break;
	case W_ADD_STATION_2:
		st.number = 2;
		/* fall through */
	case W_ADD_STATION_3:
		later_station_add(d->s, &st, &coord_who, &o);
		break;
	case W_CLAIM_1_STATION_2:
		assert_int_equal(act(d, 2, TALLY_EV_CLAIM_1, d->c, 0), m->verdict);
		return;
	case W_CLAIM_2_STATION_2:
		assert_int_equal(act(d, 2, TALLY_EV_CLAIM_2, d->c, 0), m->verdict);
		return;
	case W_CLAIM_2_SAME_TYPIST:
		assert_int_equal(act(d, 1, TALLY_EV_CLAIM_2, d->a, 0), m->verdict);
		return;
	case W_RESET_1:
		assert_int_equal(act(d, 1, TALLY_EV_RESET, d->coord, 0), m->verdict);
		return;
	case W_SAVE_1_FINISHED:
		assert_int_equal(act(d, 1, TALLY_EV_CLAIM_1, d->c, 0), m->verdict);
		return;
	}
	if (o.status != m->status)
		fail_msg("%s: status %d, want %d (%s)", m->name, o.status, m->status, o.why);
	if (m->status == LATER_REFUSED)
		assert_int_equal(o.refused, m->refused);
	assert_true(o.why[0] != '\0');
}

static void run_misuse(void **state)
{
	const struct misuse *m = *state;
	struct db d;
	char *before, *after;
	long n;

	db_open(&d);
	prepare(&d, m->stage);
	n = store_audit_count(d.s);
	before = fingerprint(d.path);
	do_misuse(&d, m);
	after = fingerprint(d.path);
	if (strcmp(before, after) != 0)
		fail_msg("%s: the database changed", m->name);
	assert_int_equal(store_audit_count(d.s), n);
	free(before);
	free(after);
	store_close(d.s);
}

/* ---- the good paths ---- */

/* The station's state and its entry 1's form. */
static void station_is(struct db *d, int station, enum tally_status status, int other)
{
	struct store_station_full f;
	struct store_entry e;
	struct tally_form *want = form(other);

	assert_int_equal(store_station_full(d->s, station, &f), STORE_OK);
	assert_int_equal(f.state.status, status);
	if (status == TALLY_STATUS_DEFINITIVE) {
		assert_int_equal(store_entry_get(d->s, station, 1, &e), STORE_OK);
		assert_true(tally_form_equal(e.form, want));
		store_entry_clear(&e);
		assert_int_equal(store_entry_get(d->s, station, 2, &e), STORE_OK);
		assert_true(tally_form_equal(e.form, want));
		store_entry_clear(&e);
	}
	tally_form_free(want);
}

static void later_session_flow(void **state)
{
	struct store_later_session *ss;
	struct store_investigation *inv;
	struct store_export_bytes *kept;
	struct store_station_full full;
	struct tally_form *prev, *want = form(0);
	struct later_export x;
	struct later_outcome o;
	struct db d;
	char why[256];
	long first_export, bad = 0;
	size_t n;
	int finished;

	(void)state;
	db_open(&d);
	enter(&d, 1, 0);
	enter(&d, 2, 0);
	assert_int_equal(current(&d, &finished), 1);
	assert_int_equal(finished, 0);
	first_export = finish(&d);
	assert_int_equal(current(&d, &finished), 1);
	assert_int_equal(finished, 1);
	/* the final export keeps its bytes and finishes session 1 */
	assert_int_equal(store_export_bytes(d.s, first_export, &kept, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_memory_equal(kept[0].bytes, file_bytes, strlen(file_bytes));
	assert_int_equal(kept[0].len, strlen(file_bytes));
	store_export_bytes_free(kept, n);
	assert_int_equal(store_later_sessions(d.s, &ss, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_true(ss[0].finished_at[0] != '\0');
	free(ss);

	session_new(&d);
	assert_int_equal(current(&d, &finished), 2);
	assert_int_equal(finished, 0);
	assert_int_equal(store_count_finished(d.s), 0);
	assert_int_equal(store_later_sessions(d.s, &ss, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ss[1].number, 2);
	assert_string_equal(ss[1].date, "2026-03-25");
	assert_string_equal(ss[1].place, "Gemeentehuis");
	assert_string_equal(ss[1].finished_at, "");
	free(ss);
	/* the previous figures, for the entry page */
	assert_int_equal(store_station_previous_form(d.s, 1, &prev), STORE_OK);
	assert_true(tally_form_equal(prev, want));
	tally_form_free(prev);

	investigate(&d, 1);
	investigate(&d, 2);
	/* station 2: corrected entries start, then the investigation finds nothing */
	assert_int_equal(act(&d, 2, TALLY_EV_CLAIM_1, d.c, 0), TALLY_OK);
	station_is(&d, 2, TALLY_STATUS_FIRST_IN_PROGRESS, 0);
	later_conclude(d.s, 2, "Geen verschil gevonden", 0, &coord_who, &o);
	assert_int_equal(o.status, LATER_OK);
	station_is(&d, 2, TALLY_STATUS_DEFINITIVE, 0);
	assert_int_equal(store_station_full(d.s, 2, &full), STORE_OK);
	assert_int_equal(full.state.first_user, d.a);   /* as it was: a and b typed it */
	assert_int_equal(full.state.second_user, d.b);
	/* concluded: closed to entry again */
	assert_int_equal(act(&d, 2, TALLY_EV_CLAIM_1, d.c, 0), TALLY_V_NO_INVESTIGATION);

	/* station 1: corrected by two other typists, one vote more */
	assert_int_equal(act(&d, 1, TALLY_EV_CLAIM_1, d.b, 0), TALLY_OK);
	station_is(&d, 1, TALLY_STATUS_FIRST_IN_PROGRESS, 0);
	assert_int_equal(act(&d, 1, TALLY_EV_FINALISE_1, d.b, 1), TALLY_OK);
	assert_int_equal(act(&d, 1, TALLY_EV_CLAIM_2, d.c, 0), TALLY_OK);
	assert_int_equal(act(&d, 1, TALLY_EV_FINALISE_2, d.c, 1), TALLY_OK);
	station_is(&d, 1, TALLY_STATUS_DEFINITIVE, 1);
	later_conclude(d.s, 1, "Een stem voor kandidaat 1 verkeerd geteld", 1, &coord_who, &o);
	assert_int_equal(o.status, LATER_OK);
	assert_int_equal(store_investigations(d.s, 0, &inv, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(inv[0].station, 1);
	assert_true(inv[0].concluded && inv[0].corrected && inv[0].entries_started);
	assert_string_equal(inv[0].csb_reference, "CSB-2026-7");
	assert_int_equal(inv[0].ballots_partially_recounted, 1);
	assert_true(inv[1].concluded && !inv[1].corrected);
	free(inv);

	/* what the export of session 2 gets: station 1 changed, station 2 not */
	assert_int_equal(later_export_gather(d.s, &x, why, sizeof why), 0);
	assert_int_equal(x.session, 2);
	assert_int_equal(x.nstations, 2);
	assert_int_equal(x.any_changed, 1);
	assert_int_equal(x.stations[0].changed, 1);
	assert_int_equal(x.stations[1].changed, 0);
	assert_non_null(x.stations[0].investigation);
	later_export_free(&x);

	/* the final export of session 2 finishes it; session 1's export stands unchanged */
	finish(&d);
	assert_int_equal(current(&d, &finished), 2);
	assert_int_equal(finished, 1);
	assert_int_equal(store_export_bytes(d.s, first_export, &kept, &n), STORE_OK);
	assert_memory_equal(kept[0].bytes, file_bytes, strlen(file_bytes));
	store_export_bytes_free(kept, n);
	/* reopening session 2 withdraws only its own final export */
	assert_int_equal(store_count_reopen(d.s, &coord_who, "Nog een fout gezien", &bad),
	                 STORE_OK);
	assert_int_equal(bad, 1);
	assert_int_equal(store_count_finished(d.s), 0);
	assert_int_equal(store_audit_verify(d.s, &bad), STORE_OK);
	tally_form_free(want);
	store_close(d.s);
}

/* A later session where nothing changed; a station added must be entered. */
static void later_session_unchanged_and_added(void **state)
{
	struct tally_station st = {3, "Sporthal", "1234 CD", -1};
	struct tally_form *prev;
	struct later_export x;
	struct later_outcome o;
	struct db d;
	char why[256];

	(void)state;
	db_open(&d);
	prepare(&d, S_INVESTIGATED);
	later_conclude(d.s, 1, "Niets gevonden bij hertelling", 0, &coord_who, &o);
	assert_int_equal(o.status, LATER_OK);
	station_is(&d, 1, TALLY_STATUS_DEFINITIVE, 0);
	assert_int_equal(later_export_gather(d.s, &x, why, sizeof why), 0);
	assert_int_equal(x.any_changed, 0);
	later_export_free(&x);

	later_station_add(d.s, &st, &coord_who, &o);
	assert_int_equal(o.status, LATER_OK);
	assert_int_equal(store_station_previous_form(d.s, 3, &prev), STORE_ERR_NOT_FOUND);
	assert_int_equal(act(&d, 3, TALLY_EV_CLAIM_1, d.a, 0), TALLY_OK);
	assert_int_equal(act(&d, 3, TALLY_EV_FINALISE_1, d.a, 0), TALLY_OK);
	assert_int_equal(act(&d, 3, TALLY_EV_CLAIM_2, d.b, 0), TALLY_OK);
	assert_int_equal(act(&d, 3, TALLY_EV_FINALISE_2, d.b, 0), TALLY_OK);
	assert_int_equal(later_export_gather(d.s, &x, why, sizeof why), 0);
	assert_int_equal(x.any_changed, 1);
	later_export_free(&x);
	store_close(d.s);
}

/* Nothing of a finished session can be changed, not even by SQL. */
static void session_form_is_kept(void **state)
{
	struct db d;
	sqlite3 *db;

	(void)state;
	db_open(&d);
	prepare(&d, S_LATER);
	store_close(d.s);
	assert_int_equal(sqlite3_open(d.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM session_form", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE session_form SET form = ''", NULL, NULL,
	                                   NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM session_form", NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
}

int main(void)
{
	struct CMUnitTest tests[sizeof cases / sizeof cases[0] + 3];
	size_t i;
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-later-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tests[i] = (struct CMUnitTest){cases[i].name, run_misuse, NULL, NULL,
		                               (void *)&cases[i]};
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(later_session_flow);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(later_session_unchanged_and_added);
	tests[i++] = (struct CMUnitTest)cmocka_unit_test(session_form_is_kept);
	rc = _cmocka_run_group_tests("store_session", tests, i, NULL, NULL);
	return rc;
}
