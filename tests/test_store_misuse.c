/*
 * store_apply on misuse: every action the double-entry state machine (or the
 * store) refuses leaves the database exactly as it was. Each case of the table
 * brings station 1 of a fresh database to a state, takes a fingerprint of the
 * whole file (every row of every table named in sqlite_master, read in a fixed
 * order over a second, read-only connection, hashed with SHA-256), applies one
 * action, and checks the result code, the verdict and that the fingerprint and
 * the audit log are unchanged. The good cases (one or more per event kind)
 * check the opposite: the fingerprint changes and one audit record is added,
 * so the fingerprint is seen to notice a change.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <sqlite3.h>

#include "crypto/crypto.h"
#include "store/store.h"

static char dir[64];
static int dbn;

static const store_chain_fn chain = audit_chain_hmac;

/* ---- the fingerprint: every row of every table, over a read-only connection ---- */

#define FP_TABLES_MAX 48

struct fingerprint {
	size_t n;
	struct {
		char name[64];
		unsigned char sha[32];
	} table[FP_TABLES_MAX];   /* [0] is sqlite_master itself with user_version */
	unsigned char all[32];     /* over every table's hash, in order */
};

/* Feeds one value: a type tag, then a length, then the bytes (no two rows read alike). */
static void fp_value(EVP_MD_CTX *md, sqlite3_stmt *st, int col)
{
	char head[64];
	int type = sqlite3_column_type(st, col), n;

	switch (type) {
	case SQLITE_INTEGER:
		n = snprintf(head, sizeof head, "i%lld;", (long long)sqlite3_column_int64(st, col));
		EVP_DigestUpdate(md, head, (size_t)n);
		break;
	case SQLITE_FLOAT:
		n = snprintf(head, sizeof head, "f%.17g;", sqlite3_column_double(st, col));
		EVP_DigestUpdate(md, head, (size_t)n);
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB: {
		const void *b = type == SQLITE_TEXT ? (const void *)sqlite3_column_text(st, col) :
		                                      sqlite3_column_blob(st, col);
		int len = sqlite3_column_bytes(st, col);

		n = snprintf(head, sizeof head, "%c%d:", type == SQLITE_TEXT ? 't' : 'b', len);
		EVP_DigestUpdate(md, head, (size_t)n);
		if (len > 0)
			EVP_DigestUpdate(md, b, (size_t)len);
		break;
	}
	default:
		EVP_DigestUpdate(md, "n;", 2);
	}
}

/* Hashes every row of a statement into out. */
static void fp_rows(sqlite3_stmt *st, unsigned char out[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned len = 32;
	int rc, i, ncol = sqlite3_column_count(st);

	assert_non_null(md);
	assert_int_equal(EVP_DigestInit_ex(md, EVP_sha256(), NULL), 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncol; i++)
			fp_value(md, st, i);
		EVP_DigestUpdate(md, "\n", 1);
	}
	assert_int_equal(rc, SQLITE_DONE);
	assert_int_equal(EVP_DigestFinal_ex(md, out, &len), 1);
	EVP_MD_CTX_free(md);
}

/* The rows of one table in a fixed order: by rowid, or by every column without one. */
static void fp_table(sqlite3 *db, const char *name, unsigned char out[32])
{
	char sql[512], quoted[160];
	sqlite3_stmt *st;
	size_t i, q = 0;
	int c, ncol;

	for (i = 0; name[i] && q + 3 < sizeof quoted; i++) {
		if (name[i] == '"')
			quoted[q++] = '"';
		quoted[q++] = name[i];
	}
	quoted[q] = '\0';
	snprintf(sql, sizeof sql, "SELECT rowid, * FROM \"%s\" ORDER BY rowid", quoted);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) { /* WITHOUT ROWID */
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", quoted);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		ncol = sqlite3_column_count(st);
		sqlite3_finalize(st);
		q = (size_t)snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY ", quoted);
		for (c = 1; c <= ncol && q < sizeof sql; c++)
			q += (size_t)snprintf(sql + q, sizeof sql - q, "%s%d", c > 1 ? "," : "", c);
		assert_true(q < sizeof sql);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	}
	fp_rows(st, out);
	sqlite3_finalize(st);
}

static void fingerprint(const char *path, struct fingerprint *fp)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	EVP_MD_CTX *md;
	unsigned len = 32;
	size_t i;

	memset(fp, 0, sizeof *fp);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	/* One read transaction: every table as of one moment. */
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql, "
	                                        "(SELECT user_version FROM pragma_user_version) "
	                                        "FROM sqlite_master ORDER BY type, name",
	                                    -1, &st, NULL), SQLITE_OK);
	snprintf(fp->table[0].name, sizeof fp->table[0].name, "sqlite_master");
	fp_rows(st, fp->table[0].sha);
	sqlite3_finalize(st);
	fp->n = 1;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
	                                        "ORDER BY name", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(fp->n < FP_TABLES_MAX);
		snprintf(fp->table[fp->n].name, sizeof fp->table[fp->n].name, "%s",
		         (const char *)sqlite3_column_text(st, 0));
		fp_table(db, fp->table[fp->n].name, fp->table[fp->n].sha);
		fp->n++;
	}
	sqlite3_finalize(st);
	assert_true(fp->n > 10); /* the schema's tables were all read */
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	md = EVP_MD_CTX_new();
	assert_non_null(md);
	assert_int_equal(EVP_DigestInit_ex(md, EVP_sha256(), NULL), 1);
	for (i = 0; i < fp->n; i++) {
		EVP_DigestUpdate(md, fp->table[i].name, strlen(fp->table[i].name) + 1);
		EVP_DigestUpdate(md, fp->table[i].sha, 32);
	}
	assert_int_equal(EVP_DigestFinal_ex(md, fp->all, &len), 1);
	EVP_MD_CTX_free(md);
}

/* The names of the tables whose rows differ, as "a, b" (for a failure message). */
static void fp_diff(const struct fingerprint *a, const struct fingerprint *b, char *out,
                    size_t size)
{
	size_t i, at = 0;

	out[0] = '\0';
	for (i = 0; i < a->n && i < b->n && at < size; i++)
		if (strcmp(a->table[i].name, b->table[i].name) != 0 ||
		    memcmp(a->table[i].sha, b->table[i].sha, 32) != 0)
			at += (size_t)snprintf(out + at, size - at, "%s%s", at ? ", " : "",
			                       a->table[i].name);
	if (a->n != b->n && at < size)
		snprintf(out + at, size - at, "%s(a table came or went)", at ? ", " : "");
}

/* ---- the election: 2 lists (3 and 2 candidates), 2 stations, GR (no voter cards) ---- */

static const struct store_actor admin_who = {"beheerder", "administrator", "local"};
static const struct store_actor typist_who = {"typist", "typist", "10.0.0.7"};
static const struct store_actor coord_who = {"coordinator", "coordinator", "10.0.0.5"};

struct db {
	char path[128];
	struct store *s;
	long a, b, c, coord, admin;  /* accounts: typists a, b, c */
};

static void db_open(struct db *d)
{
	struct tally_election e = {.id = "GR2026_Misbruik", .name = "Gemeenteraad 2026",
	                           .category = TALLY_CAT_GR, .subcategory = "GR1",
	                           .domain_id = "0999", .domain_name = "Misbruik",
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

	snprintf(d->path, sizeof d->path, "%s/m%d.db", dir, ++dbn);
	assert_int_equal(store_create(d->path, chain, &d->s), STORE_OK);
	assert_int_equal(store_import_election(d->s, &e, NULL, 0, "0999", "Misbruik", &f,
	                                       &admin_who), STORE_OK);
	f.kind = "110b";
	assert_int_equal(store_import_stations(d->s, st, 2, 1500, &f, &admin_who), STORE_OK);
	f.kind = "230b";
	assert_int_equal(store_import_lists(d->s, l, 2, "geen", "", &f, &admin_who), STORE_OK);
	assert_int_equal(store_account_add(d->s, "a", "typist", "$h", 0, &admin_who, &d->a),
	                 STORE_OK);
	assert_int_equal(store_account_add(d->s, "b", "typist", "$h", 0, &admin_who, &d->b),
	                 STORE_OK);
	assert_int_equal(store_account_add(d->s, "c", "typist", "$h", 0, &admin_who, &d->c),
	                 STORE_OK);
	assert_int_equal(store_account_add(d->s, "co", "coordinator", "$h", 0, &admin_who,
	                                   &d->coord), STORE_OK);
	assert_int_equal(store_account_add(d->s, "admin", "administrator", "$h", 0, &admin_who,
	                                   &d->admin), STORE_OK);
}

/* The forms a case can send: the election's shape with figures, or one that does not fit. */
enum form_kind {
	F_NONE,         /* a->form NULL: finalise keeps the saved one */
	F_GOOD,         /* complete, error-free */
	F_OTHER,        /* complete, differs from F_GOOD in one candidate (and totals) */
	F_ONE_LIST,     /* only list 1 */
	F_THREE_LISTS,  /* a third list the election does not have */
	F_MORE_CAND,    /* list 1 with 4 candidates instead of 3 */
	F_FEWER_CAND,   /* list 2 with 1 candidate instead of 2 */
	F_LIST_NUMBER,  /* the right numbers of candidates, but list 2 numbered 3 */
	F_VOTER_CARDS,  /* voter_cards in a GR election, which has none */
	F_NEGATIVE,     /* a count of -7 (neither a count nor TALLY_EMPTY) */
	F_TOO_LARGE,    /* a count of TALLY_COUNT_MAX + 1 */
	F_ABSENT,       /* TALLY_ABSENT in a field that is present */
	F__MAX
};

static void fill_good(struct tally_form *f, int other)
{
	long c1[3] = {other ? 11 : 10, 20, 30}, c2[2] = {5, 5};
	long t1 = c1[0] + c1[1] + c1[2], t2 = c2[0] + c2[1];
	size_t i;

	f->poll_cards = t1 + t2 + 2;
	f->proxy_certificates = 0;
	f->admitted_voters = f->poll_cards;
	f->list_totals[0] = f->lists[0].total = t1;
	f->list_totals[1] = f->lists[1].total = t2;
	f->valid_votes = t1 + t2;
	f->blank_votes = 1;
	f->invalid_votes = 1;
	f->votes_cast = f->valid_votes + 2;
	f->more_ballots_counted = f->fewer_ballots_counted = 0;
	f->taken_home = f->too_few_issued = f->too_many_issued = 0;
	f->no_explanation = f->other_explanation = 0;
	for (i = 0; i < 3; i++)
		f->lists[0].candidates[i] = c1[i];
	for (i = 0; i < 2; i++)
		f->lists[1].candidates[i] = c2[i];
}

static struct tally_form *make_form(enum form_kind k)
{
	size_t ncand[3] = {3, 2, 2};
	struct tally_form *f;
	size_t i;

	switch (k) {
	case F_NONE:
		return NULL;
	case F_ONE_LIST:
		f = tally_form_alloc(1, ncand, 0);
		break;
	case F_THREE_LISTS:
		f = tally_form_alloc(3, ncand, 0);
		break;
	case F_MORE_CAND:
		ncand[0] = 4;
		f = tally_form_alloc(2, ncand, 0);
		break;
	case F_FEWER_CAND:
		ncand[1] = 1;
		f = tally_form_alloc(2, ncand, 0);
		break;
	case F_VOTER_CARDS:
		f = tally_form_alloc(2, ncand, 1);
		break;
	default:
		f = tally_form_alloc(2, ncand, 0);
	}
	assert_non_null(f);
	for (i = 0; i < f->nlists; i++)
		f->lists[i].number = (int)i + 1;
	if (f->nlists == 2 && f->lists[0].ncandidates == 3 && f->lists[1].ncandidates == 2)
		fill_good(f, k == F_OTHER);
	else
		tally_form_zero(f);
	switch (k) {
	case F_LIST_NUMBER:
		f->lists[1].number = 3;
		break;
	case F_VOTER_CARDS:
		f->voter_cards = 0;
		break;
	case F_NEGATIVE:
		f->blank_votes = -7;
		break;
	case F_TOO_LARGE:
		f->lists[0].candidates[2] = TALLY_COUNT_MAX + 1;
		break;
	case F_ABSENT:
		f->poll_cards = TALLY_ABSENT;
		break;
	default:
		break;
	}
	return f;
}

/* ---- actions ---- */

enum who { W_A, W_B, W_C, W_COORD, W_ADMIN, W_NOBODY, W_UNKNOWN };

static long who_id(const struct db *d, enum who w)
{
	switch (w) {
	case W_A: return d->a;
	case W_B: return d->b;
	case W_C: return d->c;
	case W_COORD: return d->coord;
	case W_ADMIN: return d->admin;
	case W_NOBODY: return 0;
	default: return 99999; /* no such account */
	}
}

static enum tally_role who_role(enum who w)
{
	return w == W_COORD ? TALLY_ROLE_COORDINATOR : w == W_ADMIN ? TALLY_ROLE_ADMINISTRATOR :
	       TALLY_ROLE_TYPIST;
}

/* The revision a case's action names. */
enum rev_kind { R_ANY, R_CURRENT, R_STALE, R_FUTURE };

#define ROLE_OWN INT_MIN

/* One action, as the server builds it (entry/api_entry.c). */
struct act {
	enum tally_event_kind kind;
	int entry_no;
	enum who who;
	int has_errors, identical;
	enum form_kind form;
	enum rev_kind rev;
	int role;       /* ROLE_OWN: the account's own role; else this (a tally_role, or out of
	                 * range) */
};

static int apply(struct db *d, int station, const struct act *x, enum tally_verdict *v,
                 struct tally_station_state *after)
{
	struct store_action a;
	struct tally_form *f = make_form(x->form);
	long rev = 0;
	int rc;

	memset(&a, 0, sizeof a);
	a.ev.kind = x->kind;
	a.ev.actor = who_id(d, x->who);
	a.ev.role = x->role != ROLE_OWN ? (enum tally_role)x->role : who_role(x->who);
	a.ev.has_errors = x->has_errors;
	a.ev.identical = x->identical;
	a.entry_no = x->entry_no;
	a.form = f;
	a.progress = x->form != F_NONE ? "votes" : NULL;
	if (x->rev != R_ANY) {
		/* the entry the event is about, as the typist's copy read it */
		int e = x->entry_no == 1 || x->entry_no == 2 ? x->entry_no : 1;

		assert_int_equal(store_entry_revision(d->s, station, e, &rev), STORE_OK);
		rev = x->rev == R_STALE ? rev - 1 : x->rev == R_FUTURE ? rev + 1000 : rev;
	}
	a.revision = rev;
	rc = store_apply(d->s, station, &a, x->who == W_COORD ? &coord_who : &typist_who, v, after);
	tally_form_free(f);
	return rc;
}

#define ACT(k, e, w, f) {TALLY_EV_##k, e, W_##w, 0, 0, F_##f, R_ANY, ROLE_OWN}

/* The states station 1 is brought to before a case, each by good actions. */
enum prep {
	P_EMPTY,
	P_FIP,            /* first_in_progress: a holds entry 1, saved */
	P_FIRST_DONE,     /* a finalised entry 1 */
	P_FIRST_ERRORS,   /* a finalised entry 1 with errors */
	P_SIP,            /* second_in_progress: b holds entry 2, saved (other figures) */
	P_DIFFERENT,      /* b finalised entry 2, not identical */
	P_DIFFERENT_E2,   /* b finalised entry 2, not identical and with errors */
	P_CORRECTING,     /* after keep_first_correct_second: b corrects entry 2 */
	P_DEFINITIVE,     /* b finalised entry 2, identical */
	P_FINISHED,       /* stations 1 and 2 definitive, a final export recorded */
	P__MAX
};

static const struct act steps_first[] = {ACT(CLAIM_1, 1, A, NONE), ACT(SAVE_1, 1, A, GOOD)};
static const struct act fin_1 = ACT(FINALISE_1, 1, A, NONE);
static const struct act steps_second[] = {ACT(CLAIM_2, 2, B, NONE), ACT(SAVE_2, 2, B, OTHER)};
static const struct act save_2_good = ACT(SAVE_2, 2, B, GOOD);

static void step(struct db *d, int station, const struct act *x, enum tally_status want)
{
	struct tally_station_state after;
	enum tally_verdict v;

	assert_int_equal(apply(d, station, x, &v, &after), STORE_OK);
	assert_int_equal(v, TALLY_OK);
	assert_int_equal(after.status, want);
}

static void prepare(struct db *d, int station, enum prep p)
{
	struct act x;

	if (p == P_EMPTY)
		return;
	if (p == P_FINISHED) {
		struct store_export ex;

		prepare(d, 1, P_DEFINITIVE);
		prepare(d, 2, P_DEFINITIVE);
		memset(&ex, 0, sizeof ex);
		snprintf(ex.created, sizeof ex.created, "2026-03-19T12:00:00");
		ex.stations_definitive = ex.stations_total = 2;
		ex.nfiles = 1;
		snprintf(ex.files[0].name, sizeof ex.files[0].name, "Telling_GR2026_Misbruik.eml.xml");
		snprintf(ex.files[0].hash_code, sizeof ex.files[0].hash_code, "0000 1111");
		ex.files[0].size = 100;
		assert_int_equal(store_export_record(d->s, &coord_who, &ex), STORE_OK);
		assert_int_equal(store_count_finished(d->s), 1);
		return;
	}
	step(d, station, &steps_first[0], TALLY_STATUS_FIRST_IN_PROGRESS);
	step(d, station, &steps_first[1], TALLY_STATUS_FIRST_IN_PROGRESS);
	if (p == P_FIP)
		return;
	x = fin_1;
	x.has_errors = p == P_FIRST_ERRORS;
	step(d, station, &x, p == P_FIRST_ERRORS ? TALLY_STATUS_FIRST_HAS_ERRORS :
	                                            TALLY_STATUS_FIRST_DONE);
	if (p == P_FIRST_DONE || p == P_FIRST_ERRORS)
		return;
	step(d, station, &steps_second[0], TALLY_STATUS_SECOND_IN_PROGRESS);
	step(d, station, p == P_DEFINITIVE ? &save_2_good : &steps_second[1],
	     TALLY_STATUS_SECOND_IN_PROGRESS);
	if (p == P_SIP)
		return;
	x = (struct act)ACT(FINALISE_2, 2, B, NONE);
	x.identical = p == P_DEFINITIVE;
	x.has_errors = p == P_DIFFERENT_E2;
	step(d, station, &x, p == P_DEFINITIVE ? TALLY_STATUS_DEFINITIVE : TALLY_STATUS_DIFFERENT);
	if (p == P_CORRECTING) {
		x = (struct act)ACT(RESOLVE_KEEP_FIRST_CORRECT_SECOND, 0, COORD, NONE);
		step(d, station, &x, TALLY_STATUS_SECOND_IN_PROGRESS);
	}
}

/* ---- the table ---- */

/*
 * rc REFUSED: the caller's data does not fit (an entry that is not the event's, a form of
 * another shape, an account that does not exist): a store error, but never STORE_ERR_IO,
 * which means the database failed (STORE_ERR_INVALID where store.h has it); or STORE_OK
 * with a refusing verdict.
 */
#define REFUSED 1

struct misuse {
	const char *name;
	enum prep prep;
	int station;
	struct act act;
	int rc;                     /* the expected result code, or REFUSED */
	enum tally_verdict verdict; /* when rc is STORE_OK */
	int changes;                /* 1: a good case, the database changes */
	enum tally_status status;   /* the status after a good case */
};

/* A refusal by tally (STORE_OK with a verdict), a store error, a good case. */
#define NO(name, p, k, e, w, f, v) \
	{name, P_##p, 1, {TALLY_EV_##k, e, W_##w, 0, 0, F_##f, R_ANY, ROLE_OWN}, STORE_OK, TALLY_V_##v, \
	 0, TALLY_STATUS__MAX}
#define NO_RC(name, p, st, k, e, w, f, rc) \
	{name, P_##p, st, {TALLY_EV_##k, e, W_##w, 0, 0, F_##f, R_ANY, ROLE_OWN}, rc, TALLY_OK, 0, \
	 TALLY_STATUS__MAX}
#define OK(name, p, k, e, w, f, s) \
	{name, P_##p, 1, {TALLY_EV_##k, e, W_##w, 0, 0, F_##f, R_ANY, ROLE_OWN}, STORE_OK, TALLY_OK, 1, \
	 TALLY_STATUS_##s}

static const struct misuse cases[] = {
	/* claims */
	NO("claim 1 of a station another typist holds", FIP, CLAIM_1, 1, B, NONE, ALREADY_CLAIMED),
	NO("claim 2 of a station another typist holds", SIP, CLAIM_2, 2, C, NONE, ALREADY_CLAIMED),
	NO("claim 2 by the typist of entry 1", FIRST_DONE, CLAIM_2, 2, A, NONE,
	   SECOND_ENTRY_SAME_TYPIST),
	NO("claim 1 of a station whose entry 1 is done", FIRST_DONE, CLAIM_1, 1, B, NONE,
	   WRONG_STATE),
	NO("claim 2 while entry 1 is in progress", FIP, CLAIM_2, 2, B, NONE, WRONG_STATE),
	NO("claim 2 of an entry 1 with errors", FIRST_ERRORS, CLAIM_2, 2, B, NONE, WRONG_STATE),
	NO("claim 1 of a definitive station", DEFINITIVE, CLAIM_1, 1, C, NONE, WRONG_STATE),
	NO("claim by account id 0", EMPTY, CLAIM_1, 1, NOBODY, NONE, NOT_YOUR_ENTRY),
	NO("claim by the coordinator", EMPTY, CLAIM_1, 1, COORD, NONE, WRONG_ROLE),
	NO("claim by the administrator", EMPTY, CLAIM_1, 1, ADMIN, NONE, WRONG_ROLE),
	/* saves */
	NO("save 1 by a typist who does not hold it", FIP, SAVE_1, 1, B, GOOD, NOT_YOUR_ENTRY),
	NO("save 2 by the typist of entry 1", SIP, SAVE_2, 2, A, GOOD, NOT_YOUR_ENTRY),
	NO("save 2 of a correction by the first typist", CORRECTING, SAVE_2, 2, A, GOOD,
	   NOT_YOUR_ENTRY),
	NO("save 1 after finalising it", FIRST_DONE, SAVE_1, 1, A, GOOD, WRONG_STATE),
	NO("save 1 of an empty station", EMPTY, SAVE_1, 1, A, GOOD, WRONG_STATE),
	NO("save 2 of a station whose entries differ", DIFFERENT, SAVE_2, 2, B, GOOD, WRONG_STATE),
	NO("save 1 by the coordinator", FIP, SAVE_1, 1, COORD, GOOD, WRONG_ROLE),
	/* finalises */
	NO("finalise 1 of an empty station", EMPTY, FINALISE_1, 1, A, GOOD, WRONG_STATE),
	NO("finalise 1 twice", FIRST_DONE, FINALISE_1, 1, A, NONE, WRONG_STATE),
	NO("finalise 2 before it is claimed", FIRST_DONE, FINALISE_2, 2, B, GOOD, WRONG_STATE),
	NO("finalise 2 of a definitive station", DEFINITIVE, FINALISE_2, 2, B, NONE, WRONG_STATE),
	NO("finalise 1 by a typist who does not hold it", FIP, FINALISE_1, 1, B, NONE,
	   NOT_YOUR_ENTRY),
	{"finalise 2 identical but with errors", P_SIP, 1,
	 {TALLY_EV_FINALISE_2, 2, W_B, 1, 1, F_GOOD, R_ANY, ROLE_OWN}, STORE_OK, TALLY_V_HAS_ERRORS, 0,
	 TALLY_STATUS__MAX},
	/* discards */
	NO("discard 1 by a typist who does not hold it", FIP, DISCARD_1, 1, B, NONE,
	   NOT_YOUR_ENTRY),
	NO("discard 1 after finalising it", FIRST_DONE, DISCARD_1, 1, A, NONE, WRONG_STATE),
	NO("discard 2 of a station whose entries differ", DIFFERENT, DISCARD_2, 2, B, NONE,
	   WRONG_STATE),
	NO("discard 2 by the typist of entry 1", SIP, DISCARD_2, 2, A, NONE, NOT_YOUR_ENTRY),
	/* stale copies */
	{"save 1 naming a stale revision", P_FIP, 1,
	 {TALLY_EV_SAVE_1, 1, W_A, 0, 0, F_OTHER, R_STALE, ROLE_OWN}, STORE_ERR_STALE, TALLY_OK, 0,
	 TALLY_STATUS__MAX},
	{"save 1 naming a revision from the future", P_FIP, 1,
	 {TALLY_EV_SAVE_1, 1, W_A, 0, 0, F_OTHER, R_FUTURE, ROLE_OWN}, STORE_ERR_STALE, TALLY_OK, 0,
	 TALLY_STATUS__MAX},
	{"save 2 naming a stale revision", P_SIP, 1,
	 {TALLY_EV_SAVE_2, 2, W_B, 0, 0, F_GOOD, R_STALE, ROLE_OWN}, STORE_ERR_STALE, TALLY_OK, 0,
	 TALLY_STATUS__MAX},
	{"finalise 1 naming a stale revision", P_FIP, 1,
	 {TALLY_EV_FINALISE_1, 1, W_A, 0, 0, F_GOOD, R_STALE, ROLE_OWN}, STORE_ERR_STALE, TALLY_OK, 0,
	 TALLY_STATUS__MAX},
	/* the coordinator's decisions where the state does not allow them */
	NO("keep_first while entry 2 is in progress", SIP, RESOLVE_KEEP_FIRST, 0, COORD, NONE,
	   WRONG_STATE),
	NO("keep_second of a definitive station", DEFINITIVE, RESOLVE_KEEP_SECOND, 0, COORD, NONE,
	   WRONG_STATE),
	NO("discard_both of an empty station", EMPTY, RESOLVE_DISCARD_BOTH, 0, COORD, NONE,
	   WRONG_STATE),
	NO("keep_first_correct_second of entry 1 done", FIRST_DONE,
	   RESOLVE_KEEP_FIRST_CORRECT_SECOND, 0, COORD, NONE, WRONG_STATE),
	NO("keep_second_correct_first when entry 2 has errors", DIFFERENT_E2,
	   RESOLVE_KEEP_SECOND_CORRECT_FIRST, 0, COORD, NONE, HAS_ERRORS),
	NO("return_to_typist of entry 1 without errors", FIRST_DONE, RETURN_FIRST, 0, COORD, NONE,
	   WRONG_STATE),
	NO("return_to_typist of differing entries", DIFFERENT, RETURN_FIRST, 0, COORD, NONE,
	   WRONG_STATE),
	NO("discard_first while entry 1 is in progress", FIP, DISCARD_FIRST, 0, COORD, NONE,
	   WRONG_STATE),
	NO("resolve by a typist", DIFFERENT, RESOLVE_KEEP_FIRST, 0, A, NONE, WRONG_ROLE),
	NO("reset by a typist", DEFINITIVE, RESET, 0, A, NONE, WRONG_ROLE),
	NO("reset by the administrator", DEFINITIVE, RESET, 0, ADMIN, NONE, WRONG_ROLE),
	/* a resolve with a bad action */
	NO("an event past the last", DIFFERENT, _MAX, 0, COORD, NONE, WRONG_STATE),
	{"an event of a negative number", P_DIFFERENT, 1,
	 {(enum tally_event_kind)-1, 0, W_COORD, 0, 0, F_NONE, R_ANY, ROLE_OWN}, STORE_OK,
	 TALLY_V_WRONG_STATE, 0, TALLY_STATUS__MAX},
	{"an event number far out of range", P_DIFFERENT, 1,
	 {(enum tally_event_kind)1000, 0, W_COORD, 0, 0, F_NONE, R_ANY, ROLE_OWN}, STORE_OK,
	 TALLY_V_WRONG_STATE, 0, TALLY_STATUS__MAX},
	{"a role out of range", P_DIFFERENT, 1,
	 {TALLY_EV_RESOLVE_KEEP_FIRST, 0, W_COORD, 0, 0, F_NONE, R_ANY, TALLY_ROLE__MAX}, STORE_OK,
	 TALLY_V_WRONG_ROLE, 0, TALLY_STATUS__MAX},
	{"a negative role", P_FIP, 1,
	 {TALLY_EV_SAVE_1, 1, W_A, 0, 0, F_GOOD, R_ANY, -5}, STORE_OK,
	 TALLY_V_WRONG_ROLE, 0, TALLY_STATUS__MAX},
	/* any change while the count is finished */
	NO("claim 1 while the count is finished", FINISHED, CLAIM_1, 1, C, NONE, COUNT_FINISHED),
	NO("save 2 while the count is finished", FINISHED, SAVE_2, 2, B, GOOD, COUNT_FINISHED),
	NO("finalise 2 while the count is finished", FINISHED, FINALISE_2, 2, B, NONE,
	   COUNT_FINISHED),
	NO("discard 1 while the count is finished", FINISHED, DISCARD_1, 1, A, NONE,
	   COUNT_FINISHED),
	NO("reset while the count is finished", FINISHED, RESET, 0, COORD, NONE, COUNT_FINISHED),
	NO("keep_first while the count is finished", FINISHED, RESOLVE_KEEP_FIRST, 0, COORD, NONE,
	   COUNT_FINISHED),
	NO("discard_first while the count is finished", FINISHED, DISCARD_FIRST, 0, COORD, NONE,
	   COUNT_FINISHED),
	/* unknown stations */
	NO_RC("station 3 (not in the 110b)", EMPTY, 3, CLAIM_1, 1, A, NONE, STORE_ERR_NOT_FOUND),
	NO_RC("station 0", EMPTY, 0, CLAIM_1, 1, A, NONE, STORE_ERR_NOT_FOUND),
	NO_RC("station -1", EMPTY, -1, RESET, 0, COORD, NONE, STORE_ERR_NOT_FOUND),
	NO_RC("station INT_MAX", EMPTY, INT_MAX, SAVE_1, 1, A, GOOD, STORE_ERR_NOT_FOUND),
	/* entry numbers other than the event's own: a claim of entry 1 must not open entry 2 */
	NO_RC("claim 1 as entry 0", EMPTY, 1, CLAIM_1, 0, A, NONE, REFUSED),
	NO_RC("claim 1 as entry 3", EMPTY, 1, CLAIM_1, 3, A, NONE, REFUSED),
	NO_RC("claim 1 as entry 2", EMPTY, 1, CLAIM_1, 2, A, NONE, REFUSED),
	NO_RC("save 1 as entry 0", FIP, 1, SAVE_1, 0, A, GOOD, REFUSED),
	NO_RC("save 1 as entry 3", FIP, 1, SAVE_1, 3, A, GOOD, REFUSED),
	NO_RC("finalise 2 as entry 3", SIP, 1, FINALISE_2, 3, B, NONE, REFUSED),
	/* an account that does not exist */
	NO_RC("claim by an unknown account id", EMPTY, 1, CLAIM_1, 1, UNKNOWN, NONE, REFUSED),
	/*
	 * forms that do not fit the election (tally_form_fits): stored, they would be a text
	 * that no later read of the entry can parse, or figures put under the wrong list
	 */
	NO_RC("save 1 of a form with one list", FIP, 1, SAVE_1, 1, A, ONE_LIST, REFUSED),
	NO_RC("save 1 of a form with a third list", FIP, 1, SAVE_1, 1, A, THREE_LISTS, REFUSED),
	NO_RC("save 1 of a form with a candidate too many", FIP, 1, SAVE_1, 1, A, MORE_CAND,
	      REFUSED),
	NO_RC("save 2 of a form with a candidate too few", SIP, 1, SAVE_2, 2, B, FEWER_CAND,
	      REFUSED),
	NO_RC("save 1 of a form with list 2 numbered 3", FIP, 1, SAVE_1, 1, A, LIST_NUMBER,
	      REFUSED),
	NO_RC("save 1 of a form with voter cards in a GR", FIP, 1, SAVE_1, 1, A, VOTER_CARDS,
	      REFUSED),
	NO_RC("save 1 of a form with a count of -7", FIP, 1, SAVE_1, 1, A, NEGATIVE, REFUSED),
	NO_RC("save 1 of a form with a count too large", FIP, 1, SAVE_1, 1, A, TOO_LARGE, REFUSED),
	NO_RC("save 1 of a form with an absent count", FIP, 1, SAVE_1, 1, A, ABSENT, REFUSED),
	NO_RC("finalise 1 with a form with one list", FIP, 1, FINALISE_1, 1, A, ONE_LIST, REFUSED),
	/* good cases: one or more per event kind; the fingerprint changes */
	OK("good: claim 1", EMPTY, CLAIM_1, 1, A, NONE, FIRST_IN_PROGRESS),
	OK("good: claim 1 again by its holder (audited)", FIP, CLAIM_1, 1, A, NONE,
	   FIRST_IN_PROGRESS),
	OK("good: save 1", FIP, SAVE_1, 1, A, OTHER, FIRST_IN_PROGRESS),
	{"good: save 1 naming the current revision", P_FIP, 1,
	 {TALLY_EV_SAVE_1, 1, W_A, 0, 0, F_OTHER, R_CURRENT, ROLE_OWN}, STORE_OK, TALLY_OK, 1,
	 TALLY_STATUS_FIRST_IN_PROGRESS},
	OK("good: finalise 1", FIP, FINALISE_1, 1, A, NONE, FIRST_DONE),
	{"good: finalise 1 with errors", P_FIP, 1,
	 {TALLY_EV_FINALISE_1, 1, W_A, 1, 0, F_NONE, R_ANY, ROLE_OWN}, STORE_OK, TALLY_OK, 1,
	 TALLY_STATUS_FIRST_HAS_ERRORS},
	OK("good: discard 1", FIP, DISCARD_1, 1, A, NONE, EMPTY),
	OK("good: claim 2", FIRST_DONE, CLAIM_2, 2, B, NONE, SECOND_IN_PROGRESS),
	OK("good: save 2", SIP, SAVE_2, 2, B, GOOD, SECOND_IN_PROGRESS),
	OK("good: save 2 of a correction", CORRECTING, SAVE_2, 2, B, OTHER, SECOND_IN_PROGRESS),
	{"good: finalise 2 identical", P_SIP, 1,
	 {TALLY_EV_FINALISE_2, 2, W_B, 0, 1, F_GOOD, R_ANY, ROLE_OWN}, STORE_OK, TALLY_OK, 1,
	 TALLY_STATUS_DEFINITIVE},
	OK("good: finalise 2 different", SIP, FINALISE_2, 2, B, NONE, DIFFERENT),
	/*
	 * "identical" is the store's to decide, from the stored texts of entries 1 and 2, inside
	 * the write: what the caller says is ignored. Other figures said to be identical never make
	 * the station definitive; the same figures said to differ do.
	 */
	{"finalise 2 of other figures marked identical (the saved form)", P_SIP, 1,
	 {TALLY_EV_FINALISE_2, 2, W_B, 0, 1, F_NONE, R_ANY, ROLE_OWN}, STORE_OK, TALLY_OK, 1,
	 TALLY_STATUS_DIFFERENT},
	{"finalise 2 of other figures marked identical (a form sent)", P_SIP, 1,
	 {TALLY_EV_FINALISE_2, 2, W_B, 0, 1, F_OTHER, R_ANY, ROLE_OWN}, STORE_OK, TALLY_OK, 1,
	 TALLY_STATUS_DIFFERENT},
	{"finalise 2 of the same figures marked different", P_SIP, 1,
	 {TALLY_EV_FINALISE_2, 2, W_B, 0, 0, F_GOOD, R_ANY, ROLE_OWN}, STORE_OK, TALLY_OK, 1,
	 TALLY_STATUS_DEFINITIVE},
	OK("good: discard 2", SIP, DISCARD_2, 2, B, NONE, FIRST_DONE),
	OK("good: return_to_typist", FIRST_ERRORS, RETURN_FIRST, 0, COORD, NONE,
	   FIRST_IN_PROGRESS),
	OK("good: discard_first", FIRST_ERRORS, DISCARD_FIRST, 0, COORD, NONE, EMPTY),
	OK("good: keep_first", DIFFERENT, RESOLVE_KEEP_FIRST, 0, COORD, NONE, FIRST_DONE),
	OK("good: keep_second", DIFFERENT, RESOLVE_KEEP_SECOND, 0, COORD, NONE, FIRST_DONE),
	OK("good: keep_second with errors", DIFFERENT_E2, RESOLVE_KEEP_SECOND, 0, COORD, NONE,
	   FIRST_HAS_ERRORS),
	OK("good: discard_both", DIFFERENT, RESOLVE_DISCARD_BOTH, 0, COORD, NONE, EMPTY),
	OK("good: keep_first_correct_second", DIFFERENT, RESOLVE_KEEP_FIRST_CORRECT_SECOND, 0,
	   COORD, NONE, SECOND_IN_PROGRESS),
	OK("good: keep_second_correct_first", DIFFERENT, RESOLVE_KEEP_SECOND_CORRECT_FIRST, 0,
	   COORD, NONE, SECOND_IN_PROGRESS),
	OK("good: reset of a definitive station", DEFINITIVE, RESET, 0, COORD, NONE, EMPTY),
	OK("good: reset of an entry in progress", FIP, RESET, 0, COORD, NONE, EMPTY),
};

#define NCASES (sizeof cases / sizeof cases[0])

/* The database of the case running: closed by the teardown also when the case fails. */
static struct db cur;

static int close_db(void **state)
{
	(void)state;
	store_close(cur.s);
	memset(&cur, 0, sizeof cur);
	return 0;
}

static void run_case(void **state)
{
	const struct misuse *c = *state;
	struct db *dp = &cur;
	struct fingerprint before, after;
	struct tally_station_state st_before, st_after;
	struct store_station_full full;
	enum tally_verdict v = TALLY_VERDICT__MAX;
	long audit_before;
	char diff[512];
	int rc;

	db_open(dp);
	prepare(dp, 1, c->prep);
	assert_int_equal(store_station_full(dp->s, 1, &full), STORE_OK);
	st_before = full.state;
	audit_before = store_audit_count(dp->s);
	assert_true(audit_before > 0);
	fingerprint(dp->path, &before);
	memset(&st_after, 0x5a, sizeof st_after);

	rc = apply(dp, c->station, &c->act, &v, &st_after);

	fingerprint(dp->path, &after);
	fp_diff(&before, &after, diff, sizeof diff);
	if (c->rc == REFUSED) {
		if (rc == STORE_OK && v == TALLY_OK) {
			struct store_entry e;
			int r1 = store_entry_get(dp->s, 1, 1, &e), r2;

			store_entry_clear(&e);
			r2 = store_entry_get(dp->s, 1, 2, &e);
			store_entry_clear(&e);
			fail_msg("%s: accepted (status %s), not refused; changed: %s; reading entry 1 "
			         "now: %s, entry 2: %s", c->name, tally_status_name(st_after.status),
			         diff[0] ? diff : "nothing", store_strerror(r1), store_strerror(r2));
		}
		if (rc == STORE_ERR_IO || rc > 0)
			fail_msg("%s: refused as %d (%s), a failure of the database, not of the data",
			         c->name, rc, store_strerror(rc));
	} else {
		if (rc != c->rc)
			fail_msg("%s: result %d (%s), not %d (%s); changed: %s", c->name, rc,
			         store_strerror(rc), c->rc, store_strerror(c->rc),
			         diff[0] ? diff : "nothing");
		if (rc == STORE_OK && v != c->verdict)
			fail_msg("%s: verdict %s, not %s", c->name, tally_verdict_code(v),
			         tally_verdict_code(c->verdict));
	}
	if (c->changes) {
		if (memcmp(before.all, after.all, 32) == 0)
			fail_msg("%s: the database did not change", c->name);
		assert_int_equal(store_audit_count(dp->s), audit_before + 1);
		assert_int_equal(st_after.status, c->status);
	} else {
		if (memcmp(before.all, after.all, 32) != 0)
			fail_msg("%s: refused, but the database changed: %s", c->name, diff);
		assert_int_equal(store_audit_count(dp->s), audit_before);
		/* a refusal by tally leaves *after a copy of the state */
		if (rc == STORE_OK)
			assert_memory_equal(&st_after, &st_before, sizeof st_before);
	}
	/* and the station reads as its state says, whatever happened */
	assert_int_equal(store_station_full(dp->s, 1, &full), STORE_OK);
	assert_int_equal(full.state.status, c->changes ? c->status : st_before.status);
}

/* The fingerprint sees a change in any table, also one store_apply never writes. */
static void fingerprint_sees_every_table(void **state)
{
	static const char *const changes[] = {
		"UPDATE meta SET value = value || 'x' WHERE key = 'municipality_name'",
		"UPDATE station SET changed_at = 'x' WHERE number = 2",
		"UPDATE candidate SET initials = 'X' WHERE list_number = 2 AND position = 2",
		"UPDATE account SET last_login = '2026-01-01' WHERE name = 'c'",
		"INSERT INTO costs_line (kind, updated_at) VALUES ('other', 'now')",
		"UPDATE import SET bytes = x'00' WHERE kind = '230b'",
		"CREATE INDEX extra ON list (name)",
		"PRAGMA user_version = 99",
	};
	struct fingerprint a, b;
	struct db *dp = &cur;
	sqlite3 *db;
	size_t i;

	(void)state;
	db_open(dp);
	prepare(dp, 1, P_SIP);
	fingerprint(dp->path, &a);
	fingerprint(dp->path, &b);
	assert_memory_equal(a.all, b.all, 32); /* the same database reads the same */
	for (i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		assert_int_equal(sqlite3_open(dp->path, &db), SQLITE_OK);
		if (sqlite3_exec(db, changes[i], NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("%s: %s", changes[i], sqlite3_errmsg(db));
		sqlite3_close(db);
		fingerprint(dp->path, &b);
		if (memcmp(a.all, b.all, 32) == 0)
			fail_msg("not seen: %s", changes[i]);
		a = b;
	}
}

int main(void)
{
	struct CMUnitTest tests[NCASES + 1];
	char cmd[128];
	size_t i;
	int rc;

	memset(tests, 0, sizeof tests);
	tests[0] = (struct CMUnitTest)cmocka_unit_test_teardown(fingerprint_sees_every_table,
	                                                       close_db);
	for (i = 0; i < NCASES; i++) {
		tests[i + 1].name = cases[i].name;
		tests[i + 1].test_func = run_case;
		tests[i + 1].teardown_func = close_db;
		tests[i + 1].initial_state = (void *)&cases[i];
	}
	snprintf(dir, sizeof dir, "/tmp/teller-test-misuse-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("store_misuse", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
