/*
 * store_apply does to the entries exactly what tally names (TALLY_DATA_*):
 * a claim opens an empty entry (OPEN_n) and a holder resuming keeps theirs; a
 * finalise marks the entry final with its findings and forgets the cleared
 * fields (FINAL, DROP_CLEARED), a save keeps them; returning entry 1 to its
 * typist opens it again (REOPEN_1). A final export closes every station, so
 * no transition leaves a definitive station while its export moment stands.
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
#include "store/store.h"

static const struct store_actor who = {"tester", "coordinator", "127.0.0.1"};
static char dir[64];
static int dbn;
static long typist_a, typist_b, coordinator;

static const store_chain_fn chain = audit_chain_hmac;

/* A GR election with one station and two lists of two candidates, and three accounts. */
static struct store *fresh(void)
{
	struct tally_election e = {.id = "GR2026_X", .name = "X", .category = TALLY_CAT_GR,
	                           .subcategory = "GR2", .date = "2026-03-18", .seats = 19,
	                           .preference_threshold = 25};
	struct tally_station st = {1, "A", "1234 AB", 1000};
	struct tally_candidate c[2] = {{.position = 1, .last_name = "A"},
	                               {.position = 2, .last_name = "B"}};
	struct tally_list l[2] = {{.number = 1, .name = "Een", .ncandidates = 2, .candidates = c},
	                          {.number = 2, .name = "Twee", .ncandidates = 2, .candidates = c}};
	struct store_file f = {"110a", "f", "00", 1, "x", 1};
	char path[128];
	struct store *s;

	snprintf(path, sizeof path, "%s/f%d.db", dir, ++dbn);
	assert_int_equal(store_create(path, chain, &s), STORE_OK);
	assert_int_equal(store_import_election(s, &e, NULL, 0, NULL, NULL, &f, &who), STORE_OK);
	f.kind = "110b";
	assert_int_equal(store_import_stations(s, &st, 1, 1000, &f, &who), STORE_OK);
	f.kind = "230b";
	assert_int_equal(store_import_lists(s, l, 2, "geen", "", &f, &who), STORE_OK);
	assert_int_equal(store_account_add(s, "a", "typist", "$h", 0, &who, &typist_a), STORE_OK);
	assert_int_equal(store_account_add(s, "b", "typist", "$h", 0, &who, &typist_b), STORE_OK);
	assert_int_equal(store_account_add(s, "c", "coordinator", "$h", 0, &who, &coordinator),
	                 STORE_OK);
	return s;
}

/* A full form: every field v (so that entries with another v differ everywhere). */
static struct tally_form *form_of(struct store *s, long v)
{
	struct tally_form *f = store_form_new(s);
	size_t i;
	long *x;

	assert_non_null(f);
	for (i = 0; i < tally_form_nfields(f); i++) {
		assert_int_equal(tally_form_field(f, i, NULL, 0, &x), 0);
		*x = v;
	}
	return f;
}

struct step {
	enum tally_event_kind kind;
	long *actor;
	int entry_no;
	long value;          /* the form to save or finalise: every field this; 0 none */
	int has_errors, has_warnings, confirmed, identical;
};

/* Applies one step; it must be accepted. *rev (when not NULL) the revision written. */
static void apply(struct store *s, const struct step *p, long *rev)
{
	struct store_action a = {0};
	struct tally_station_state after;
	enum tally_verdict v;
	struct tally_form *f = p->value ? form_of(s, p->value) : NULL;

	a.ev.kind = p->kind;
	a.ev.actor = *p->actor;
	a.ev.role = p->actor == &coordinator ? TALLY_ROLE_COORDINATOR : TALLY_ROLE_TYPIST;
	a.ev.has_errors = p->has_errors;
	a.ev.identical = p->identical;
	a.ev.has_warnings = a.has_warnings = p->has_warnings;
	a.ev.warnings_confirmed = a.warnings_confirmed = p->confirmed;
	a.entry_no = p->entry_no;
	a.form = f;
	a.revision_out = rev;
	assert_int_equal(store_apply(s, 1, &a, &who, &v, &after), STORE_OK);
	if (v != TALLY_OK)
		fail_msg("%s: %s", tally_event_name(p->kind), tally_verdict_code(v));
	tally_form_free(f);
}

static void get(struct store *s, int entry_no, struct store_entry *e)
{
	assert_int_equal(store_entry_get(s, 1, entry_no, e), STORE_OK);
}

static long field0(const struct store_entry *e)
{
	long *x;

	assert_int_equal(tally_form_field(e->form, 0, NULL, 0, &x), 0);
	return *x;
}

static void claim_opens_an_empty_entry_once(void **state)
{
	struct store *s = fresh();
	struct store_entry e;
	long rev = 0, again = 0;

	(void)state;
	assert_int_equal(tally_event_data(TALLY_EV_CLAIM_1), TALLY_DATA_OPEN_1);
	assert_int_equal(tally_event_data(TALLY_EV_CLAIM_2), TALLY_DATA_OPEN_2);
	assert_int_equal(store_entry_get(s, 1, 1, &e), STORE_ERR_NOT_FOUND);
	apply(s, &(struct step){TALLY_EV_CLAIM_1, &typist_a, 1, 0, 0, 0, 0, 0}, &rev);
	get(s, 1, &e);
	assert_true(rev > 0);
	assert_int_equal(e.revision, rev);
	assert_int_equal(e.account_id, typist_a);
	assert_int_equal(e.finalised, 0);
	assert_true(tally_form_is_empty_all(e.form));
	store_entry_clear(&e);
	/* The holder resumes: what was saved stays, no new revision. */
	apply(s, &(struct step){TALLY_EV_SAVE_1, &typist_a, 1, 7, 0, 0, 0, 0}, &rev);
	apply(s, &(struct step){TALLY_EV_CLAIM_1, &typist_a, 1, 0, 0, 0, 0, 0}, &again);
	assert_int_equal(again, 0);
	get(s, 1, &e);
	assert_int_equal(e.revision, rev);
	assert_int_equal(field0(&e), 7);
	store_entry_clear(&e);
	/* Entry 2 is opened by its claim, entry 1 untouched. */
	apply(s, &(struct step){TALLY_EV_FINALISE_1, &typist_a, 1, 7, 0, 0, 0, 0}, NULL);
	apply(s, &(struct step){TALLY_EV_CLAIM_2, &typist_b, 2, 0, 0, 0, 0, 0}, &again);
	get(s, 2, &e);
	assert_int_equal(e.revision, again);
	assert_int_equal(e.account_id, typist_b);
	assert_true(tally_form_is_empty_all(e.form));
	store_entry_clear(&e);
	get(s, 1, &e);
	assert_int_equal(e.finalised, 1);
	assert_int_equal(field0(&e), 7);
	store_entry_clear(&e);
	store_close(s);
}

static void finalise_is_final_and_forgets_cleared(void **state)
{
	static const struct step to_correction[] = {
		{TALLY_EV_CLAIM_1, &typist_a, 1, 0, 0, 0, 0, 0},
		{TALLY_EV_FINALISE_1, &typist_a, 1, 5, 0, 0, 0, 0},
		{TALLY_EV_CLAIM_2, &typist_b, 2, 0, 0, 0, 0, 0},
		{TALLY_EV_FINALISE_2, &typist_b, 2, 6, 0, 0, 0, 0},
		{TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND, &coordinator, 0, 0, 0, 0, 0, 0},
	};
	struct store *s = fresh();
	struct store_entry e;
	size_t i, cleared;

	(void)state;
	assert_int_equal(tally_event_data(TALLY_EV_FINALISE_2) & (TALLY_DATA_FINAL |
	                 TALLY_DATA_DROP_CLEARED), TALLY_DATA_FINAL | TALLY_DATA_DROP_CLEARED);
	assert_int_equal(tally_event_data(TALLY_EV_SAVE_2) & (TALLY_DATA_FINAL |
	                 TALLY_DATA_DROP_CLEARED), 0);
	for (i = 0; i < sizeof to_correction / sizeof to_correction[0]; i++)
		apply(s, &to_correction[i], NULL);
	get(s, 2, &e);
	cleared = e.cleared.n;
	assert_true(cleared > 0);
	assert_int_equal(e.finalised, 0);
	store_entry_clear(&e);
	/* A save keeps the cleared fields and is not final. */
	apply(s, &(struct step){TALLY_EV_SAVE_2, &typist_b, 2, 5, 0, 0, 0, 0}, NULL);
	get(s, 2, &e);
	assert_int_equal(e.cleared.n, cleared);
	assert_int_equal(e.finalised, 0);
	store_entry_clear(&e);
	/* The finalise: final, with the action's findings, the cleared fields forgotten. */
	apply(s, &(struct step){TALLY_EV_FINALISE_2, &typist_b, 2, 5, 0, 1, 1, 1}, NULL);
	get(s, 2, &e);
	assert_int_equal(e.cleared.n, 0);
	assert_int_equal(e.finalised, 1);
	assert_int_equal(e.has_errors, 0);
	assert_int_equal(e.has_warnings, 1);
	assert_int_equal(e.warnings_confirmed, 1);
	store_entry_clear(&e);
	store_close(s);
}

static void return_reopens_entry_1(void **state)
{
	struct store *s = fresh();
	struct store_entry e;

	(void)state;
	assert_int_equal(tally_event_data(TALLY_EV_RETURN_FIRST), TALLY_DATA_REOPEN_1);
	apply(s, &(struct step){TALLY_EV_CLAIM_1, &typist_a, 1, 0, 0, 0, 0, 0}, NULL);
	apply(s, &(struct step){TALLY_EV_FINALISE_1, &typist_a, 1, 9, 1, 1, 1, 0}, NULL);
	get(s, 1, &e);
	assert_int_equal(e.finalised, 1);
	assert_int_equal(e.has_errors, 1);
	assert_int_equal(e.warnings_confirmed, 1);
	store_entry_clear(&e);
	apply(s, &(struct step){TALLY_EV_RETURN_FIRST, &coordinator, 0, 0, 0, 0, 0, 0}, NULL);
	get(s, 1, &e);
	assert_int_equal(e.finalised, 0);
	assert_int_equal(e.warnings_confirmed, 0);
	assert_int_equal(e.account_id, typist_a);
	assert_int_equal(field0(&e), 9);
	store_entry_clear(&e);
	store_close(s);
}

/*
 * Asked for the findings, the write validates the form itself (once, inside it): a save
 * answers them, a finalise is decided by them and not by the caller's flags, and a
 * form of another shape is refused with the reason, nothing written.
 */
static void the_write_validates_when_asked(void **state)
{
	struct store *s = fresh();
	struct store_action a = {0};
	struct tally_station_state before, after;
	struct tally_findings fi;
	struct store_entry e;
	enum tally_verdict v;
	size_t ncand[3] = {2, 2, 2};
	struct tally_form *f, *three;
	char why[256];
	long rev = 0;

	(void)state;
	apply(s, &(struct step){TALLY_EV_CLAIM_1, &typist_a, 1, 0, 0, 0, 0, 0}, &rev);
	f = form_of(s, 5); /* every field 5: list totals that are not their candidates' sum */
	a.ev.kind = TALLY_EV_SAVE_1;
	a.ev.actor = typist_a;
	a.ev.role = TALLY_ROLE_TYPIST;
	a.entry_no = 1;
	a.form = f;
	a.findings_out = &fi;
	a.before_out = &before;
	assert_int_equal(store_apply(s, 1, &a, &who, &v, &after), STORE_OK);
	assert_int_equal(v, TALLY_OK);
	assert_int_equal(before.status, TALLY_STATUS_FIRST_IN_PROGRESS);
	assert_true(fi.nerrors > 0);
	tally_findings_free(&fi);
	/* the caller says no errors; the findings say otherwise */
	a.ev.kind = TALLY_EV_FINALISE_1;
	a.ev.has_errors = 0;
	assert_int_equal(store_apply(s, 1, &a, &who, &v, &after), STORE_OK);
	assert_int_equal(v, TALLY_OK);
	assert_true(fi.nerrors > 0);
	tally_findings_free(&fi);
	assert_int_equal(after.status, TALLY_STATUS_FIRST_HAS_ERRORS);
	get(s, 1, &e);
	assert_int_equal(e.has_errors, 1);
	assert_int_equal(e.finalised, 1);
	store_entry_clear(&e);
	/* a form of three lists: refused before anything is decided, with the reason */
	apply(s, &(struct step){TALLY_EV_RETURN_FIRST, &coordinator, 0, 0, 0, 0, 0, 0}, NULL);
	three = tally_form_alloc(3, ncand, 0);
	assert_non_null(three);
	a.ev.kind = TALLY_EV_SAVE_1;
	a.form = three;
	a.why_out = why;
	a.whysize = sizeof why;
	assert_int_equal(store_apply(s, 1, &a, &who, &v, &after), STORE_ERR_INVALID);
	assert_non_null(strstr(why, "3"));
	get(s, 1, &e);
	assert_int_equal(field0(&e), 5);
	store_entry_clear(&e);
	tally_findings_free(&fi);
	tally_form_free(three);
	tally_form_free(f);
	store_close(s);
}

/* While a final export stands no transition is accepted, so none leaves a definitive station. */
static void finished_count_keeps_its_export_moment(void **state)
{
	static const struct step to_definitive[] = {
		{TALLY_EV_CLAIM_1, &typist_a, 1, 0, 0, 0, 0, 0},
		{TALLY_EV_FINALISE_1, &typist_a, 1, 5, 0, 0, 0, 0},
		{TALLY_EV_CLAIM_2, &typist_b, 2, 0, 0, 0, 0, 0},
		{TALLY_EV_FINALISE_2, &typist_b, 2, 5, 0, 0, 0, 1},
	};
	struct store *s = fresh();
	struct store_export x = {.draft = 0, .created = "2026-03-19T01:02:03.456", .nfiles = 0};
	struct store_action a = {0};
	struct tally_station_state after;
	enum tally_verdict v;
	char at[32];
	size_t i;
	long n;

	(void)state;
	for (i = 0; i < sizeof to_definitive / sizeof to_definitive[0]; i++)
		apply(s, &to_definitive[i], NULL);
	assert_int_equal(store_export_record(s, &who, &x), STORE_OK);
	a.ev.kind = TALLY_EV_RESET;
	a.ev.actor = coordinator;
	a.ev.role = TALLY_ROLE_COORDINATOR;
	assert_int_equal(store_apply(s, 1, &a, &who, &v, &after), STORE_OK);
	assert_int_equal(v, TALLY_V_COUNT_FINISHED);
	assert_int_equal(store_meta_get(s, "count_exported_at", at, sizeof at), STORE_OK);
	assert_int_equal(store_count_reopen(s, &who, "recount", &n), STORE_OK);
	assert_int_equal(store_meta_get(s, "count_exported_at", at, sizeof at), STORE_ERR_NOT_FOUND);
	assert_int_equal(store_apply(s, 1, &a, &who, &v, &after), STORE_OK);
	assert_int_equal(v, TALLY_OK);
	assert_int_equal(after.status, TALLY_STATUS_EMPTY);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(claim_opens_an_empty_entry_once),
		cmocka_unit_test(finalise_is_final_and_forgets_cleared),
		cmocka_unit_test(return_reopens_entry_1),
		cmocka_unit_test(the_write_validates_when_asked),
		cmocka_unit_test(finished_count_keeps_its_export_moment),
	};
	char cmd[128];
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-store-effects-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("store_effects", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
