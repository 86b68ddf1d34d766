/*
 * The rules of later sessions (tally/later.h), as tables: each question of a
 * later session with the facts at its boundary, and what a later session does to
 * the double-entry state machine (tally_allowed, tally_transition) through the
 * station's closed fact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tally/later.h"

#define DEF TALLY_STATUS_DEFINITIVE
#define FD TALLY_STATUS_FIRST_DONE

enum question { Q_OPEN, Q_INVESTIGATE, Q_CONCLUDE_NO, Q_CONCLUDE_YES, Q_ADD, Q_EXPORT };

struct row {
	enum question q;
	struct tally_later_facts f;  /* session, finished, investigation, started, added, status,
	                              * open investigations */
	enum tally_later want;
};

static const struct row rows[] = {
	{Q_OPEN, {1, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_NOT_FINISHED},
	{Q_OPEN, {1, 1, 0, 0, 0, DEF, 0}, TALLY_LATER_OK},
	{Q_OPEN, {2, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_NOT_FINISHED},
	{Q_OPEN, {2, 1, 0, 0, 0, DEF, 0}, TALLY_LATER_OK},
	{Q_INVESTIGATE, {1, 1, 0, 0, 0, DEF, 0}, TALLY_LATER_FIRST_SESSION},
	{Q_INVESTIGATE, {1, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_FIRST_SESSION},
	{Q_INVESTIGATE, {2, 1, 0, 0, 0, DEF, 0}, TALLY_LATER_SESSION_FINISHED},
	{Q_INVESTIGATE, {2, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_OK},
	{Q_INVESTIGATE, {2, 0, 1, 0, 0, DEF, 1}, TALLY_LATER_INVESTIGATED},
	{Q_INVESTIGATE, {2, 0, 2, 0, 0, DEF, 0}, TALLY_LATER_INVESTIGATED},
	{Q_CONCLUDE_NO, {2, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_NOT_INVESTIGATED},
	{Q_CONCLUDE_NO, {2, 0, 2, 0, 0, DEF, 0}, TALLY_LATER_NOT_INVESTIGATED},
	{Q_CONCLUDE_NO, {2, 0, 1, 0, 0, DEF, 1}, TALLY_LATER_OK},
	{Q_CONCLUDE_NO, {2, 0, 1, 1, 0, FD, 1}, TALLY_LATER_OK},
	{Q_CONCLUDE_NO, {1, 0, 1, 0, 0, DEF, 1}, TALLY_LATER_FIRST_SESSION},
	{Q_CONCLUDE_NO, {2, 1, 1, 0, 0, DEF, 1}, TALLY_LATER_SESSION_FINISHED},
	{Q_CONCLUDE_YES, {2, 0, 1, 0, 0, DEF, 1}, TALLY_LATER_NO_CORRECTION},
	{Q_CONCLUDE_YES, {2, 0, 1, 1, 0, FD, 1}, TALLY_LATER_NOT_DEFINITIVE},
	{Q_CONCLUDE_YES, {2, 0, 1, 1, 0, TALLY_STATUS_EMPTY, 1}, TALLY_LATER_NOT_DEFINITIVE},
	{Q_CONCLUDE_YES, {2, 0, 1, 1, 0, DEF, 1}, TALLY_LATER_OK},
	{Q_ADD, {1, 1, 0, 0, 0, DEF, 0}, TALLY_LATER_FIRST_SESSION},
	{Q_ADD, {2, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_OK},
	{Q_ADD, {2, 1, 0, 0, 0, DEF, 0}, TALLY_LATER_SESSION_FINISHED},
	{Q_EXPORT, {1, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_OK},
	{Q_EXPORT, {2, 0, 0, 0, 0, DEF, 0}, TALLY_LATER_OK},
	{Q_EXPORT, {2, 0, 0, 0, 0, DEF, 1}, TALLY_LATER_OPEN_INVESTIGATIONS},
};

static void
test_questions(void **state)
{
	size_t i;
	enum tally_later got;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];

		switch (r->q) {
		case Q_OPEN: got = tally_later_open(&r->f); break;
		case Q_INVESTIGATE: got = tally_later_investigate(&r->f); break;
		case Q_CONCLUDE_NO: got = tally_later_conclude(&r->f, 0); break;
		case Q_CONCLUDE_YES: got = tally_later_conclude(&r->f, 1); break;
		case Q_ADD: got = tally_later_add_station(&r->f); break;
		default: got = tally_later_export(&r->f); break;
		}
		if (got != r->want)
			fail_msg("row %zu: %s, want %s", i, tally_later_code(got), tally_later_code(r->want));
	}
}

/* Which stations a later session closes to entry. */
static void
test_closed(void **state)
{
	static const struct { struct tally_later_facts f; int want; } t[] = {
		{{1, 0, 0, 0, 0, DEF, 0}, 0},
		{{1, 1, 0, 0, 0, DEF, 0}, TALLY_CLOSED_FINISHED},
		{{2, 0, 0, 0, 0, DEF, 0}, TALLY_CLOSED_NOT_INVESTIGATED},
		{{2, 0, 2, 1, 0, DEF, 0}, TALLY_CLOSED_NOT_INVESTIGATED},  /* concluded */
		{{2, 0, 1, 0, 0, DEF, 1}, TALLY_CLOSED_UNSTARTED},
		{{2, 0, 1, 1, 0, FD, 1}, 0},
		{{2, 0, 0, 0, 1, TALLY_STATUS_EMPTY, 0}, 0},                /* added */
		{{2, 1, 1, 1, 0, DEF, 0}, TALLY_CLOSED_FINISHED},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (tally_later_closed(&t[i].f) != t[i].want)
			fail_msg("row %zu: %d, want %d", i, tally_later_closed(&t[i].f), t[i].want);
}

/* The state machine under each closed fact. */
static void
test_allowed(void **state)
{
	static const struct {
		int closed;
		enum tally_status status;
		enum tally_event_kind k;
		enum tally_verdict want;
	} t[] = {
		{TALLY_CLOSED_NOT_INVESTIGATED, DEF, TALLY_EV_CLAIM_1, TALLY_V_NO_INVESTIGATION},
		{TALLY_CLOSED_NOT_INVESTIGATED, DEF, TALLY_EV_RESET, TALLY_V_NO_INVESTIGATION},
		{TALLY_CLOSED_NOT_INVESTIGATED, TALLY_STATUS_EMPTY, TALLY_EV_CLAIM_1,
		 TALLY_V_NO_INVESTIGATION},
		{TALLY_CLOSED_UNSTARTED, DEF, TALLY_EV_CLAIM_1, TALLY_OK},
		{TALLY_CLOSED_UNSTARTED, DEF, TALLY_EV_CLAIM_2, TALLY_V_WRONG_STATE},
		{TALLY_CLOSED_UNSTARTED, DEF, TALLY_EV_RESET, TALLY_V_WRONG_STATE},
		{TALLY_CLOSED_UNSTARTED, FD, TALLY_EV_CLAIM_1, TALLY_V_WRONG_STATE},
		{TALLY_CLOSED_FINISHED, DEF, TALLY_EV_CLAIM_1, TALLY_V_COUNT_FINISHED},
		{0, DEF, TALLY_EV_CLAIM_1, TALLY_V_WRONG_STATE},
	};
	struct tally_station_state cur, next;
	struct tally_event ev;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(&cur, 0, sizeof cur);
		cur.status = t[i].status;
		if (t[i].status == DEF) {
			cur.first_user = 1;
			cur.second_user = 2;
		} else if (t[i].status == FD) {
			cur.first_user = 1;
		}
		memset(&ev, 0, sizeof ev);
		ev.kind = t[i].k;
		ev.actor = t[i].k == TALLY_EV_RESET ? 9 : 3;
		ev.role = tally_event_role(t[i].k);
		ev.count_finished = t[i].closed;
		if (tally_transition(&cur, &ev, &next) != t[i].want)
			fail_msg("row %zu: %s, want %s", i, tally_verdict_code(tally_transition(&cur, &ev,
			         &next)), tally_verdict_code(t[i].want));
		assert_int_equal(tally_allowed(&cur, t[i].closed, ev.role, ev.actor, ev.kind),
		                 t[i].want);
		assert_int_equal(tally_correction_starts(t[i].closed, t[i].k) && t[i].want == TALLY_OK,
		                 t[i].closed == TALLY_CLOSED_UNSTARTED && t[i].k == TALLY_EV_CLAIM_1 &&
		                 t[i].want == TALLY_OK);
	}
	/* The first corrected claim: from a definitive station to entry 1 by the claimer. */
	memset(&cur, 0, sizeof cur);
	cur.status = DEF;
	cur.first_user = 1;
	cur.second_user = 2;
	memset(&ev, 0, sizeof ev);
	ev.kind = TALLY_EV_CLAIM_1;
	ev.actor = 3;
	ev.role = TALLY_ROLE_TYPIST;
	ev.count_finished = TALLY_CLOSED_UNSTARTED;
	assert_int_equal(tally_transition(&cur, &ev, &next), TALLY_OK);
	assert_int_equal(next.status, TALLY_STATUS_FIRST_IN_PROGRESS);
	assert_int_equal(next.first_user, 3);
	assert_int_equal(next.second_user, 0);
	/* The same claim offered on the page (tally_offered_state) */
	assert_int_equal(tally_entry_claimable(&cur, TALLY_CLOSED_UNSTARTED, 3), 1);
	assert_int_equal(tally_entry_claimable(&cur, TALLY_CLOSED_NOT_INVESTIGATED, 3), 0);
}

static void
test_texts(void **state)
{
	int v;

	(void)state;
	for (v = 0; v < TALLY_LATER__MAX; v++) {
		assert_non_null(tally_later_code(v));
		assert_non_null(tally_later_reason(v));
		assert_non_null(tally_later_message(v));
	}
	assert_null(tally_later_code(TALLY_LATER__MAX));
	assert_string_equal(tally_later_code(TALLY_LATER_NOT_FINISHED), "session_not_finished");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_questions),
		cmocka_unit_test(test_closed),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
