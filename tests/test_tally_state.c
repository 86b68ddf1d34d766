/*
 * The double-entry state machine (domain.md §5), as a specification:
 * a table of (status, event, role, actor) -> verdict and next state that
 * covers every status with every event, then the kinds of misuse by name,
 * then whole walks through the process.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tally/count.h"

/* Accounts: three typists, a coordinator, an administrator. */
#define T1 11L  /* typed entry 1 */
#define T2 12L  /* typed entry 2 */
#define T3 13L  /* another typist */
#define CO 21L
#define AD 31L

#define ST(s, u1, u2, e1, e2, corr) \
	{ .status = TALLY_STATUS_##s, .first_user = (u1), .second_user = (u2), \
	  .first_has_errors = (e1), .second_has_errors = (e2), .correcting = (corr) }

static const struct tally_station_state
    S_EMPTY = ST(EMPTY, 0, 0, 0, 0, 0),
    S_FIP = ST(FIRST_IN_PROGRESS, T1, 0, 0, 0, 0),
    S_FDONE = ST(FIRST_DONE, T1, 0, 0, 0, 0),
    S_FERR = ST(FIRST_HAS_ERRORS, T1, 0, 1, 0, 0),
    S_SIP = ST(SECOND_IN_PROGRESS, T1, T2, 0, 0, 0),
    S_DIFF = ST(DIFFERENT, T1, T2, 0, 0, 0),
    S_DIFF_E2 = ST(DIFFERENT, T1, T2, 0, 1, 0),
    S_DEF = ST(DEFINITIVE, T1, T2, 0, 0, 0),
    /* after resolve_keep_first_correct_second: T2 corrects entry 2 */
    S_CORR = ST(SECOND_IN_PROGRESS, T1, T2, 0, 0, 1),
    /* after resolve_keep_second_correct_first: T2's entry is entry 1, T1 corrects */
    S_CORR_SWAP = ST(SECOND_IN_PROGRESS, T2, T1, 0, 0, 1),
    /* results that exist only as the target of a transition */
    S_FDONE_T2 = ST(FIRST_DONE, T2, 0, 0, 0, 0),
    S_FERR_T2 = ST(FIRST_HAS_ERRORS, T2, 0, 1, 0, 0),
    S_DEF_SWAP = ST(DEFINITIVE, T2, T1, 0, 0, 0);

#define EV(k, who, r, err, same) \
	{ .kind = TALLY_EV_##k, .actor = (who), .role = TALLY_ROLE_##r, \
	  .has_errors = (err), .identical = (same) }
/* a typist's event, a finalise with (errors, identical), a coordinator's */
#define TY(k, who)           EV(k, who, TYPIST, 0, 0)
#define FIN(k, who, e, same) EV(k, who, TYPIST, e, same)
#define CO_(k)               EV(k, CO, COORDINATOR, 0, 0)

struct row {
	const char *name;
	const struct tally_station_state *from;
	struct tally_event ev;
	enum tally_verdict verdict;
	const struct tally_station_state *to;  /* NULL: unchanged (every refusal) */
};

#define OK_TO(s)  TALLY_OK, &(s)
#define NO(v)     TALLY_V_##v, NULL

static const struct row table[] = {
	/* empty */
	{ "empty: a typist claims entry 1", &S_EMPTY, TY(CLAIM_1, T1), OK_TO(S_FIP) },
	{ "empty: save entry 1 before a claim", &S_EMPTY, TY(SAVE_1, T1), NO(WRONG_STATE) },
	{ "empty: finalise entry 1 before a claim", &S_EMPTY, FIN(FINALISE_1, T1, 0, 0), NO(WRONG_STATE) },
	{ "empty: discard entry 1 before a claim", &S_EMPTY, TY(DISCARD_1, T1), NO(WRONG_STATE) },
	{ "empty: claim entry 2 before entry 1", &S_EMPTY, TY(CLAIM_2, T2), NO(WRONG_STATE) },
	{ "empty: save entry 2", &S_EMPTY, TY(SAVE_2, T2), NO(WRONG_STATE) },
	{ "empty: finalise entry 2", &S_EMPTY, FIN(FINALISE_2, T2, 0, 1), NO(WRONG_STATE) },
	{ "empty: discard entry 2", &S_EMPTY, TY(DISCARD_2, T2), NO(WRONG_STATE) },
	{ "empty: return entry 1", &S_EMPTY, CO_(RETURN_FIRST), NO(WRONG_STATE) },
	{ "empty: discard entry 1 (coordinator)", &S_EMPTY, CO_(DISCARD_FIRST), NO(WRONG_STATE) },
	{ "empty: keep first", &S_EMPTY, CO_(RESOLVE_KEEP_FIRST), NO(WRONG_STATE) },
	{ "empty: keep second", &S_EMPTY, CO_(RESOLVE_KEEP_SECOND), NO(WRONG_STATE) },
	{ "empty: discard both", &S_EMPTY, CO_(RESOLVE_DISCARD_BOTH), NO(WRONG_STATE) },
	{ "empty: keep first, correct second", &S_EMPTY, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), NO(WRONG_STATE) },
	{ "empty: keep second, correct first", &S_EMPTY, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), NO(WRONG_STATE) },
	{ "empty: reset", &S_EMPTY, CO_(RESET), OK_TO(S_EMPTY) },

	/* first_in_progress, held by T1 */
	{ "first_in_progress: the holder claims again (resumes)", &S_FIP, TY(CLAIM_1, T1), OK_TO(S_FIP) },
	{ "first_in_progress: another typist claims", &S_FIP, TY(CLAIM_1, T2), NO(ALREADY_CLAIMED) },
	{ "first_in_progress: the holder saves", &S_FIP, TY(SAVE_1, T1), OK_TO(S_FIP) },
	{ "first_in_progress: another typist saves", &S_FIP, TY(SAVE_1, T2), NO(NOT_YOUR_ENTRY) },
	{ "first_in_progress: finalise without errors", &S_FIP, FIN(FINALISE_1, T1, 0, 0), OK_TO(S_FDONE) },
	{ "first_in_progress: finalise with errors", &S_FIP, FIN(FINALISE_1, T1, 1, 0), OK_TO(S_FERR) },
	{ "first_in_progress: another typist finalises", &S_FIP, FIN(FINALISE_1, T2, 0, 0), NO(NOT_YOUR_ENTRY) },
	{ "first_in_progress: the holder discards", &S_FIP, TY(DISCARD_1, T1), OK_TO(S_EMPTY) },
	{ "first_in_progress: another typist discards", &S_FIP, TY(DISCARD_1, T2), NO(NOT_YOUR_ENTRY) },
	{ "first_in_progress: claim entry 2", &S_FIP, TY(CLAIM_2, T2), NO(WRONG_STATE) },
	{ "first_in_progress: save entry 2", &S_FIP, TY(SAVE_2, T1), NO(WRONG_STATE) },
	{ "first_in_progress: finalise entry 2", &S_FIP, FIN(FINALISE_2, T1, 0, 1), NO(WRONG_STATE) },
	{ "first_in_progress: discard entry 2", &S_FIP, TY(DISCARD_2, T1), NO(WRONG_STATE) },
	{ "first_in_progress: return entry 1", &S_FIP, CO_(RETURN_FIRST), NO(WRONG_STATE) },
	{ "first_in_progress: discard entry 1 (coordinator)", &S_FIP, CO_(DISCARD_FIRST), NO(WRONG_STATE) },
	{ "first_in_progress: keep first", &S_FIP, CO_(RESOLVE_KEEP_FIRST), NO(WRONG_STATE) },
	{ "first_in_progress: keep second", &S_FIP, CO_(RESOLVE_KEEP_SECOND), NO(WRONG_STATE) },
	{ "first_in_progress: discard both", &S_FIP, CO_(RESOLVE_DISCARD_BOTH), NO(WRONG_STATE) },
	{ "first_in_progress: keep first, correct second", &S_FIP, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), NO(WRONG_STATE) },
	{ "first_in_progress: keep second, correct first", &S_FIP, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), NO(WRONG_STATE) },
	{ "first_in_progress: reset", &S_FIP, CO_(RESET), OK_TO(S_EMPTY) },

	/* first_done, typed by T1 */
	{ "first_done: claim entry 1", &S_FDONE, TY(CLAIM_1, T2), NO(WRONG_STATE) },
	{ "first_done: save entry 1", &S_FDONE, TY(SAVE_1, T1), NO(WRONG_STATE) },
	{ "first_done: finalise entry 1 again", &S_FDONE, FIN(FINALISE_1, T1, 0, 0), NO(WRONG_STATE) },
	{ "first_done: discard entry 1", &S_FDONE, TY(DISCARD_1, T1), NO(WRONG_STATE) },
	{ "first_done: another typist claims entry 2", &S_FDONE, TY(CLAIM_2, T2), OK_TO(S_SIP) },
	{ "first_done: the first typist claims entry 2", &S_FDONE, TY(CLAIM_2, T1), NO(SECOND_ENTRY_SAME_TYPIST) },
	{ "first_done: save entry 2 before a claim", &S_FDONE, TY(SAVE_2, T2), NO(WRONG_STATE) },
	{ "first_done: finalise entry 2 before a claim", &S_FDONE, FIN(FINALISE_2, T2, 0, 1), NO(WRONG_STATE) },
	{ "first_done: discard entry 2 before a claim", &S_FDONE, TY(DISCARD_2, T2), NO(WRONG_STATE) },
	{ "first_done: return entry 1 without errors", &S_FDONE, CO_(RETURN_FIRST), NO(WRONG_STATE) },
	{ "first_done: discard entry 1 without errors", &S_FDONE, CO_(DISCARD_FIRST), NO(WRONG_STATE) },
	{ "first_done: keep first", &S_FDONE, CO_(RESOLVE_KEEP_FIRST), NO(WRONG_STATE) },
	{ "first_done: keep second", &S_FDONE, CO_(RESOLVE_KEEP_SECOND), NO(WRONG_STATE) },
	{ "first_done: discard both", &S_FDONE, CO_(RESOLVE_DISCARD_BOTH), NO(WRONG_STATE) },
	{ "first_done: keep first, correct second", &S_FDONE, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), NO(WRONG_STATE) },
	{ "first_done: keep second, correct first", &S_FDONE, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), NO(WRONG_STATE) },
	{ "first_done: reset", &S_FDONE, CO_(RESET), OK_TO(S_EMPTY) },

	/* first_has_errors, typed by T1 */
	{ "first_has_errors: the typist claims entry 1 again", &S_FERR, TY(CLAIM_1, T1), NO(WRONG_STATE) },
	{ "first_has_errors: the typist saves", &S_FERR, TY(SAVE_1, T1), NO(WRONG_STATE) },
	{ "first_has_errors: the typist finalises again", &S_FERR, FIN(FINALISE_1, T1, 0, 0), NO(WRONG_STATE) },
	{ "first_has_errors: the typist discards", &S_FERR, TY(DISCARD_1, T1), NO(WRONG_STATE) },
	{ "first_has_errors: another typist claims entry 2", &S_FERR, TY(CLAIM_2, T2), NO(WRONG_STATE) },
	{ "first_has_errors: save entry 2", &S_FERR, TY(SAVE_2, T2), NO(WRONG_STATE) },
	{ "first_has_errors: finalise entry 2", &S_FERR, FIN(FINALISE_2, T2, 0, 1), NO(WRONG_STATE) },
	{ "first_has_errors: discard entry 2", &S_FERR, TY(DISCARD_2, T2), NO(WRONG_STATE) },
	{ "first_has_errors: returned to the same typist", &S_FERR, CO_(RETURN_FIRST), OK_TO(S_FIP) },
	{ "first_has_errors: discarded by the coordinator", &S_FERR, CO_(DISCARD_FIRST), OK_TO(S_EMPTY) },
	{ "first_has_errors: keep first", &S_FERR, CO_(RESOLVE_KEEP_FIRST), NO(WRONG_STATE) },
	{ "first_has_errors: keep second", &S_FERR, CO_(RESOLVE_KEEP_SECOND), NO(WRONG_STATE) },
	{ "first_has_errors: discard both", &S_FERR, CO_(RESOLVE_DISCARD_BOTH), NO(WRONG_STATE) },
	{ "first_has_errors: keep first, correct second", &S_FERR, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), NO(WRONG_STATE) },
	{ "first_has_errors: keep second, correct first", &S_FERR, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), NO(WRONG_STATE) },
	{ "first_has_errors: reset", &S_FERR, CO_(RESET), OK_TO(S_EMPTY) },

	/* second_in_progress, entry 1 by T1, entry 2 held by T2 */
	{ "second_in_progress: claim entry 1", &S_SIP, TY(CLAIM_1, T3), NO(WRONG_STATE) },
	{ "second_in_progress: the first typist saves entry 1", &S_SIP, TY(SAVE_1, T1), NO(WRONG_STATE) },
	{ "second_in_progress: the first typist finalises entry 1", &S_SIP, FIN(FINALISE_1, T1, 0, 0), NO(WRONG_STATE) },
	{ "second_in_progress: the first typist discards entry 1", &S_SIP, TY(DISCARD_1, T1), NO(WRONG_STATE) },
	{ "second_in_progress: the holder claims again (resumes)", &S_SIP, TY(CLAIM_2, T2), OK_TO(S_SIP) },
	{ "second_in_progress: a third typist claims", &S_SIP, TY(CLAIM_2, T3), NO(ALREADY_CLAIMED) },
	{ "second_in_progress: the first typist claims", &S_SIP, TY(CLAIM_2, T1), NO(ALREADY_CLAIMED) },
	{ "second_in_progress: the holder saves", &S_SIP, TY(SAVE_2, T2), OK_TO(S_SIP) },
	{ "second_in_progress: the first typist saves entry 2", &S_SIP, TY(SAVE_2, T1), NO(NOT_YOUR_ENTRY) },
	{ "second_in_progress: identical, no errors", &S_SIP, FIN(FINALISE_2, T2, 0, 1), OK_TO(S_DEF) },
	{ "second_in_progress: not identical", &S_SIP, FIN(FINALISE_2, T2, 0, 0), OK_TO(S_DIFF) },
	{ "second_in_progress: not identical, with errors", &S_SIP, FIN(FINALISE_2, T2, 1, 0), OK_TO(S_DIFF_E2) },
	{ "second_in_progress: identical with errors is never definitive", &S_SIP, FIN(FINALISE_2, T2, 1, 1), NO(HAS_ERRORS) },
	{ "second_in_progress: a third typist finalises", &S_SIP, FIN(FINALISE_2, T3, 0, 1), NO(NOT_YOUR_ENTRY) },
	{ "second_in_progress: the holder discards", &S_SIP, TY(DISCARD_2, T2), OK_TO(S_FDONE) },
	{ "second_in_progress: the first typist discards entry 2", &S_SIP, TY(DISCARD_2, T1), NO(NOT_YOUR_ENTRY) },
	{ "second_in_progress: return entry 1", &S_SIP, CO_(RETURN_FIRST), NO(WRONG_STATE) },
	{ "second_in_progress: discard entry 1 (coordinator)", &S_SIP, CO_(DISCARD_FIRST), NO(WRONG_STATE) },
	{ "second_in_progress: keep first", &S_SIP, CO_(RESOLVE_KEEP_FIRST), NO(WRONG_STATE) },
	{ "second_in_progress: keep second", &S_SIP, CO_(RESOLVE_KEEP_SECOND), NO(WRONG_STATE) },
	{ "second_in_progress: discard both", &S_SIP, CO_(RESOLVE_DISCARD_BOTH), NO(WRONG_STATE) },
	{ "second_in_progress: keep first, correct second", &S_SIP, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), NO(WRONG_STATE) },
	{ "second_in_progress: keep second, correct first", &S_SIP, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), NO(WRONG_STATE) },
	{ "second_in_progress: reset", &S_SIP, CO_(RESET), OK_TO(S_EMPTY) },

	/* different: entry 1 by T1, entry 2 by T2 */
	{ "different: claim entry 1", &S_DIFF, TY(CLAIM_1, T3), NO(WRONG_STATE) },
	{ "different: save entry 1", &S_DIFF, TY(SAVE_1, T1), NO(WRONG_STATE) },
	{ "different: finalise entry 1", &S_DIFF, FIN(FINALISE_1, T1, 0, 0), NO(WRONG_STATE) },
	{ "different: discard entry 1", &S_DIFF, TY(DISCARD_1, T1), NO(WRONG_STATE) },
	{ "different: claim entry 2", &S_DIFF, TY(CLAIM_2, T3), NO(WRONG_STATE) },
	{ "different: save entry 2", &S_DIFF, TY(SAVE_2, T2), NO(WRONG_STATE) },
	{ "different: finalise entry 2 again", &S_DIFF, FIN(FINALISE_2, T2, 0, 1), NO(WRONG_STATE) },
	{ "different: discard entry 2", &S_DIFF, TY(DISCARD_2, T2), NO(WRONG_STATE) },
	{ "different: return entry 1", &S_DIFF, CO_(RETURN_FIRST), NO(WRONG_STATE) },
	{ "different: discard entry 1 (coordinator)", &S_DIFF, CO_(DISCARD_FIRST), NO(WRONG_STATE) },
	{ "different: keep first, discard second", &S_DIFF, CO_(RESOLVE_KEEP_FIRST), OK_TO(S_FDONE) },
	{ "different: keep second, it becomes the first", &S_DIFF, CO_(RESOLVE_KEEP_SECOND), OK_TO(S_FDONE_T2) },
	{ "different: discard both", &S_DIFF, CO_(RESOLVE_DISCARD_BOTH), OK_TO(S_EMPTY) },
	{ "different: keep first, T2 corrects the differing fields", &S_DIFF, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), OK_TO(S_CORR) },
	{ "different: keep second, T1 corrects the differing fields", &S_DIFF, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), OK_TO(S_CORR_SWAP) },
	{ "different: reset", &S_DIFF, CO_(RESET), OK_TO(S_EMPTY) },

	/* different, and entry 2 has errors */
	{ "different, entry 2 with errors: keep first", &S_DIFF_E2, CO_(RESOLVE_KEEP_FIRST), OK_TO(S_FDONE) },
	{ "different, entry 2 with errors: keep second gives first_has_errors", &S_DIFF_E2, CO_(RESOLVE_KEEP_SECOND), OK_TO(S_FERR_T2) },
	{ "different, entry 2 with errors: discard both", &S_DIFF_E2, CO_(RESOLVE_DISCARD_BOTH), OK_TO(S_EMPTY) },
	{ "different, entry 2 with errors: T2 corrects against entry 1", &S_DIFF_E2, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), OK_TO(S_CORR) },
	{ "different, entry 2 with errors: cannot be the reference", &S_DIFF_E2, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), NO(HAS_ERRORS) },

	/* definitive */
	{ "definitive: claim entry 1", &S_DEF, TY(CLAIM_1, T3), NO(WRONG_STATE) },
	{ "definitive: save entry 1", &S_DEF, TY(SAVE_1, T1), NO(WRONG_STATE) },
	{ "definitive: finalise entry 1", &S_DEF, FIN(FINALISE_1, T1, 0, 0), NO(WRONG_STATE) },
	{ "definitive: discard entry 1", &S_DEF, TY(DISCARD_1, T1), NO(WRONG_STATE) },
	{ "definitive: claim entry 2", &S_DEF, TY(CLAIM_2, T3), NO(WRONG_STATE) },
	{ "definitive: save entry 2", &S_DEF, TY(SAVE_2, T2), NO(WRONG_STATE) },
	{ "definitive: finalise entry 2", &S_DEF, FIN(FINALISE_2, T2, 0, 1), NO(WRONG_STATE) },
	{ "definitive: discard entry 2", &S_DEF, TY(DISCARD_2, T2), NO(WRONG_STATE) },
	{ "definitive: return entry 1", &S_DEF, CO_(RETURN_FIRST), NO(WRONG_STATE) },
	{ "definitive: discard entry 1 (coordinator)", &S_DEF, CO_(DISCARD_FIRST), NO(WRONG_STATE) },
	{ "definitive: keep first", &S_DEF, CO_(RESOLVE_KEEP_FIRST), NO(WRONG_STATE) },
	{ "definitive: keep second", &S_DEF, CO_(RESOLVE_KEEP_SECOND), NO(WRONG_STATE) },
	{ "definitive: discard both", &S_DEF, CO_(RESOLVE_DISCARD_BOTH), NO(WRONG_STATE) },
	{ "definitive: keep first, correct second", &S_DEF, CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), NO(WRONG_STATE) },
	{ "definitive: keep second, correct first", &S_DEF, CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), NO(WRONG_STATE) },
	{ "definitive: reset", &S_DEF, CO_(RESET), OK_TO(S_EMPTY) },

	/* correcting: second_in_progress after a resolve_*_correct_* */
	{ "correcting: T2 resumes", &S_CORR, TY(CLAIM_2, T2), OK_TO(S_CORR) },
	{ "correcting: T2 saves", &S_CORR, TY(SAVE_2, T2), OK_TO(S_CORR) },
	{ "correcting: T2's correction now agrees", &S_CORR, FIN(FINALISE_2, T2, 0, 1), OK_TO(S_DEF) },
	{ "correcting: T2's correction still differs", &S_CORR, FIN(FINALISE_2, T2, 0, 0), OK_TO(S_DIFF) },
	{ "correcting: T2 discards the correction", &S_CORR, TY(DISCARD_2, T2), OK_TO(S_FDONE) },
	{ "correcting: T1 may not correct T2's entry", &S_CORR, TY(SAVE_2, T1), NO(NOT_YOUR_ENTRY) },
	{ "correcting: a third typist claims", &S_CORR, TY(CLAIM_2, T3), NO(ALREADY_CLAIMED) },
	{ "correcting, swapped: T1's correction agrees with T2's entry", &S_CORR_SWAP, FIN(FINALISE_2, T1, 0, 1), OK_TO(S_DEF_SWAP) },
	{ "correcting, swapped: T2 may not touch entry 2", &S_CORR_SWAP, TY(SAVE_2, T2), NO(NOT_YOUR_ENTRY) },
	{ "correcting, swapped: T1 discards, T2's entry stays first", &S_CORR_SWAP, TY(DISCARD_2, T1), OK_TO(S_FDONE_T2) },

	/* roles */
	{ "the coordinator does not type", &S_EMPTY, EV(CLAIM_1, CO, COORDINATOR, 0, 0), NO(WRONG_ROLE) },
	{ "the coordinator does not save an entry", &S_FIP, EV(SAVE_1, CO, COORDINATOR, 0, 0), NO(WRONG_ROLE) },
	{ "the administrator does not type", &S_EMPTY, EV(CLAIM_1, AD, ADMINISTRATOR, 0, 0), NO(WRONG_ROLE) },
	{ "the administrator does not resolve", &S_DIFF, EV(RESOLVE_KEEP_FIRST, AD, ADMINISTRATOR, 0, 0), NO(WRONG_ROLE) },
	{ "the administrator does not reset", &S_DEF, EV(RESET, AD, ADMINISTRATOR, 0, 0), NO(WRONG_ROLE) },
	{ "a typist does not resolve", &S_DIFF, EV(RESOLVE_KEEP_FIRST, T1, TYPIST, 0, 0), NO(WRONG_ROLE) },
	{ "a typist does not return their own entry", &S_FERR, EV(RETURN_FIRST, T1, TYPIST, 0, 0), NO(WRONG_ROLE) },
	{ "a typist does not reset", &S_DEF, EV(RESET, T1, TYPIST, 0, 0), NO(WRONG_ROLE) },
	{ "an event without an actor", &S_EMPTY, TY(CLAIM_1, 0), NO(NOT_YOUR_ENTRY) },
};

static void
assert_state_equal(const char *name, const struct tally_station_state *got,
    const struct tally_station_state *want)
{
	if (got->status != want->status || got->first_user != want->first_user ||
	    got->second_user != want->second_user ||
	    got->first_has_errors != want->first_has_errors ||
	    got->second_has_errors != want->second_has_errors ||
	    got->correcting != want->correcting) {
		print_error("%s: got %s (%ld, %ld, err %d/%d, corr %d), want %s "
		    "(%ld, %ld, err %d/%d, corr %d)\n", name,
		    tally_status_name(got->status), got->first_user, got->second_user,
		    got->first_has_errors, got->second_has_errors, got->correcting,
		    tally_status_name(want->status), want->first_user, want->second_user,
		    want->first_has_errors, want->second_has_errors, want->correcting);
		fail();
	}
}

static void
test_transition_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct row *r = &table[i];
		struct tally_station_state next;
		enum tally_verdict v;

		memset(&next, 0x5a, sizeof(next));
		v = tally_transition(r->from, &r->ev, &next);
		if (v != r->verdict) {
			print_error("%s: verdict %s, want %s\n", r->name,
			    tally_verdict_code(v), tally_verdict_code(r->verdict));
			fail();
		}
		assert_state_equal(r->name, &next, r->to != NULL ? r->to : r->from);
	}
}

/* Every status appears with every event in the table at least once. */
static void
test_table_covers_every_status_and_event(void **state)
{
	int seen[TALLY_STATUS__MAX][TALLY_EV__MAX];
	size_t i, s, e;

	(void)state;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		seen[table[i].from->status][table[i].ev.kind] = 1;
	for (s = 0; s < TALLY_STATUS__MAX; s++)
		for (e = 0; e < TALLY_EV__MAX; e++)
			if (!seen[s][e]) {
				print_error("no row for %s x %s\n",
				    tally_status_name((enum tally_status)s),
				    tally_event_name((enum tally_event_kind)e));
				fail();
			}
}

static const struct tally_station_state *const every_state[] = {
	&S_EMPTY, &S_FIP, &S_FDONE, &S_FERR, &S_SIP, &S_DIFF, &S_DIFF_E2, &S_DEF,
	&S_CORR, &S_CORR_SWAP, &S_FDONE_T2, &S_FERR_T2, &S_DEF_SWAP,
};
#define NSTATES (sizeof(every_state) / sizeof(every_state[0]))

static int
typist_event(enum tally_event_kind k)
{
	return k <= TALLY_EV_DISCARD_2;
}

/* The administrator does nothing; typists only type; the coordinator only decides. */
static void
test_roles_everywhere(void **state)
{
	size_t s, e;

	(void)state;
	for (s = 0; s < NSTATES; s++)
		for (e = 0; e < TALLY_EV__MAX; e++) {
			struct tally_event ev = { .kind = (enum tally_event_kind)e, .actor = AD,
			    .role = TALLY_ROLE_ADMINISTRATOR };
			struct tally_station_state next;

			assert_int_equal(tally_transition(every_state[s], &ev, &next),
			    TALLY_V_WRONG_ROLE);
			assert_state_equal("administrator", &next, every_state[s]);

			ev.actor = typist_event(ev.kind) ? CO : T1;
			ev.role = typist_event(ev.kind) ? TALLY_ROLE_COORDINATOR : TALLY_ROLE_TYPIST;
			assert_int_equal(tally_transition(every_state[s], &ev, &next),
			    TALLY_V_WRONG_ROLE);
			assert_state_equal("role", &next, every_state[s]);
		}
}

/* The invariants of count.h, checked on every state a transition produces. */
static int
invariant(const struct tally_station_state *s)
{
	switch (s->status) {
	case TALLY_STATUS_EMPTY:
		return s->first_user == 0 && s->second_user == 0 && !s->first_has_errors &&
		    !s->second_has_errors && !s->correcting;
	case TALLY_STATUS_FIRST_IN_PROGRESS:
	case TALLY_STATUS_FIRST_DONE:
		return s->first_user > 0 && s->second_user == 0 && !s->first_has_errors &&
		    !s->second_has_errors && !s->correcting;
	case TALLY_STATUS_FIRST_HAS_ERRORS:
		return s->first_user > 0 && s->second_user == 0 && s->first_has_errors &&
		    !s->second_has_errors && !s->correcting;
	case TALLY_STATUS_SECOND_IN_PROGRESS:
		return s->first_user > 0 && s->second_user > 0 &&
		    s->first_user != s->second_user && !s->first_has_errors &&
		    !s->second_has_errors;
	case TALLY_STATUS_DIFFERENT:
		return s->first_user > 0 && s->second_user > 0 &&
		    s->first_user != s->second_user && !s->first_has_errors &&
		    !s->correcting;
	case TALLY_STATUS_DEFINITIVE:
		return s->first_user > 0 && s->second_user > 0 &&
		    s->first_user != s->second_user && !s->first_has_errors &&
		    !s->second_has_errors && !s->correcting;
	default:
		return 0;
	}
}

/*
 * Every state, event, role, actor and finalise outcome: a refusal changes
 * nothing, and every state reached keeps the invariants (among them: two
 * different typists, and nothing with errors past first_has_errors).
 */
static void
test_invariants_hold_everywhere(void **state)
{
	static const long actors[] = { T1, T2, T3, CO, AD };
	size_t s, e, r, a, flags;

	(void)state;
	for (s = 0; s < NSTATES; s++) {
		assert_true(invariant(every_state[s]));
		for (e = 0; e < TALLY_EV__MAX; e++)
			for (r = 0; r < TALLY_ROLE__MAX; r++)
				for (a = 0; a < sizeof(actors) / sizeof(actors[0]); a++)
					for (flags = 0; flags < 4; flags++) {
						struct tally_event ev = {
							.kind = (enum tally_event_kind)e,
							.role = (enum tally_role)r,
							.actor = actors[a],
							.has_errors = (int)(flags & 1),
							.identical = (int)(flags >> 1),
						};
						struct tally_station_state next;
						enum tally_verdict v;

						v = tally_transition(every_state[s], &ev, &next);
						assert_true(v < TALLY_VERDICT__MAX);
						if (v != TALLY_OK)
							assert_state_equal("refusal", &next,
							    every_state[s]);
						else if (!invariant(&next)) {
							print_error("%s x %s -> broken %s\n",
							    tally_status_name(every_state[s]->status),
							    tally_event_name(ev.kind),
							    tally_status_name(next.status));
							fail();
						}
					}
	}
}

/* Misuse, by name. */

static void
test_second_entry_by_the_first_typist(void **state)
{
	struct tally_event ev = TY(CLAIM_2, T1);
	struct tally_station_state next;
	enum tally_verdict v;

	(void)state;
	v = tally_transition(&S_FDONE, &ev, &next);
	assert_int_equal(v, TALLY_V_SECOND_ENTRY_SAME_TYPIST);
	assert_string_equal(tally_verdict_code(v), "second_entry_same_typist");
	assert_int_equal(tally_verdict_http(v), 403);
	assert_state_equal("same typist", &next, &S_FDONE);

	/* nor after the coordinator kept the second entry as the first */
	ev.actor = T2;
	assert_int_equal(tally_transition(&S_FDONE_T2, &ev, &next),
	    TALLY_V_SECOND_ENTRY_SAME_TYPIST);
	ev.actor = T1;
	assert_int_equal(tally_transition(&S_FDONE_T2, &ev, &next), TALLY_OK);
}

static void
test_claim_when_already_claimed(void **state)
{
	struct tally_station_state s = S_EMPTY;
	struct tally_event a = TY(CLAIM_1, T1), b = TY(CLAIM_1, T2);

	(void)state;
	assert_int_equal(tally_transition(&s, &a, &s), TALLY_OK);
	assert_int_equal(tally_transition(&s, &b, &s), TALLY_V_ALREADY_CLAIMED);
	assert_int_equal(tally_verdict_http(TALLY_V_ALREADY_CLAIMED), 409);
	assert_int_equal(s.first_user, T1);
}

static void
test_discard_restores_the_state_before_the_claim(void **state)
{
	struct tally_event c1 = TY(CLAIM_1, T1), d1 = TY(DISCARD_1, T1);
	struct tally_event c2 = TY(CLAIM_2, T2), d2 = TY(DISCARD_2, T2);
	struct tally_station_state s;

	(void)state;
	s = S_EMPTY;
	assert_int_equal(tally_transition(&s, &c1, &s), TALLY_OK);
	assert_int_equal(tally_transition(&s, &d1, &s), TALLY_OK);
	assert_state_equal("discard 1", &s, &S_EMPTY);

	s = S_FDONE;
	assert_int_equal(tally_transition(&s, &c2, &s), TALLY_OK);
	assert_int_equal(tally_transition(&s, &d2, &s), TALLY_OK);
	assert_state_equal("discard 2", &s, &S_FDONE);
	assert_int_equal(tally_event_data(TALLY_EV_DISCARD_2), TALLY_DATA_DROP_2);
}

static void
test_reset_from_every_state(void **state)
{
	struct tally_event ev = CO_(RESET);
	struct tally_station_state next;
	size_t s;

	(void)state;
	for (s = 0; s < NSTATES; s++) {
		assert_int_equal(tally_transition(every_state[s], &ev, &next), TALLY_OK);
		assert_state_equal("reset", &next, &S_EMPTY);
	}
	assert_int_equal(tally_event_data(TALLY_EV_RESET),
	    TALLY_DATA_DROP_1 | TALLY_DATA_DROP_2);
}

static void
test_bad_values_are_refused(void **state)
{
	struct tally_station_state bad = S_EMPTY, next;
	struct tally_event ev = TY(CLAIM_1, T1);

	(void)state;
	bad.status = TALLY_STATUS__MAX;
	assert_int_equal(tally_transition(&bad, &ev, &next), TALLY_V_WRONG_STATE);
	ev.kind = TALLY_EV__MAX;
	assert_int_equal(tally_transition(&S_EMPTY, &ev, &next), TALLY_V_WRONG_STATE);
	ev.kind = TALLY_EV_CLAIM_1;
	ev.role = TALLY_ROLE__MAX;
	assert_int_equal(tally_transition(&S_EMPTY, &ev, &next), TALLY_V_WRONG_ROLE);
	assert_state_equal("bad role", &next, &S_EMPTY);
}

/* Walks through the whole process. */

static void
step(struct tally_station_state *s, struct tally_event ev, enum tally_verdict want,
    enum tally_status status)
{
	enum tally_verdict v = tally_transition(s, &ev, s);

	if (v != want || s->status != status) {
		print_error("%s: %s in %s, want %s in %s\n", tally_event_name(ev.kind),
		    tally_verdict_code(v), tally_status_name(s->status),
		    tally_verdict_code(want), tally_status_name(status));
		fail();
	}
}

static void
test_walk_two_agreeing_entries(void **state)
{
	struct tally_station_state s = S_EMPTY;

	(void)state;
	step(&s, (struct tally_event)TY(CLAIM_1, T1), TALLY_OK, TALLY_STATUS_FIRST_IN_PROGRESS);
	step(&s, (struct tally_event)TY(SAVE_1, T1), TALLY_OK, TALLY_STATUS_FIRST_IN_PROGRESS);
	step(&s, (struct tally_event)TY(SAVE_1, T1), TALLY_OK, TALLY_STATUS_FIRST_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_1, T1, 0, 0), TALLY_OK, TALLY_STATUS_FIRST_DONE);
	step(&s, (struct tally_event)TY(CLAIM_2, T1), TALLY_V_SECOND_ENTRY_SAME_TYPIST, TALLY_STATUS_FIRST_DONE);
	step(&s, (struct tally_event)TY(CLAIM_2, T2), TALLY_OK, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)TY(CLAIM_2, T3), TALLY_V_ALREADY_CLAIMED, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)TY(SAVE_2, T2), TALLY_OK, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_2, T2, 0, 1), TALLY_OK, TALLY_STATUS_DEFINITIVE);
	assert_int_equal(s.first_user, T1);
	assert_int_equal(s.second_user, T2);
}

static void
test_walk_errors_returned_to_the_typist(void **state)
{
	struct tally_station_state s = S_EMPTY;

	(void)state;
	step(&s, (struct tally_event)TY(CLAIM_1, T1), TALLY_OK, TALLY_STATUS_FIRST_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_1, T1, 1, 0), TALLY_OK, TALLY_STATUS_FIRST_HAS_ERRORS);
	step(&s, (struct tally_event)TY(CLAIM_2, T2), TALLY_V_WRONG_STATE, TALLY_STATUS_FIRST_HAS_ERRORS);
	step(&s, (struct tally_event)CO_(RETURN_FIRST), TALLY_OK, TALLY_STATUS_FIRST_IN_PROGRESS);
	assert_int_equal(s.first_user, T1);
	step(&s, (struct tally_event)TY(SAVE_1, T2), TALLY_V_NOT_YOUR_ENTRY, TALLY_STATUS_FIRST_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_1, T1, 0, 0), TALLY_OK, TALLY_STATUS_FIRST_DONE);
	assert_int_equal(s.first_has_errors, 0);
}

static void
test_walk_keep_first_and_correct_second(void **state)
{
	struct tally_station_state s = S_EMPTY;

	(void)state;
	step(&s, (struct tally_event)TY(CLAIM_1, T1), TALLY_OK, TALLY_STATUS_FIRST_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_1, T1, 0, 0), TALLY_OK, TALLY_STATUS_FIRST_DONE);
	step(&s, (struct tally_event)TY(CLAIM_2, T2), TALLY_OK, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_2, T2, 1, 0), TALLY_OK, TALLY_STATUS_DIFFERENT);
	step(&s, (struct tally_event)CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), TALLY_V_HAS_ERRORS, TALLY_STATUS_DIFFERENT);
	step(&s, (struct tally_event)CO_(RESOLVE_KEEP_FIRST_CORRECT_SECOND), TALLY_OK, TALLY_STATUS_SECOND_IN_PROGRESS);
	assert_int_equal(s.second_user, T2);
	assert_int_equal(s.correcting, 1);
	assert_int_equal(tally_event_data(TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND),
	    TALLY_DATA_CLEAR_DIFF_2);
	step(&s, (struct tally_event)TY(CLAIM_2, T3), TALLY_V_ALREADY_CLAIMED, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)TY(SAVE_2, T2), TALLY_OK, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_2, T2, 0, 1), TALLY_OK, TALLY_STATUS_DEFINITIVE);
	assert_int_equal(s.correcting, 0);
}

static void
test_walk_keep_second_and_correct_first(void **state)
{
	struct tally_station_state s = S_DIFF;

	(void)state;
	step(&s, (struct tally_event)CO_(RESOLVE_KEEP_SECOND_CORRECT_FIRST), TALLY_OK, TALLY_STATUS_SECOND_IN_PROGRESS);
	/* the kept entry is entry 1 now; the first typist corrects their own, as entry 2 */
	assert_int_equal(s.first_user, T2);
	assert_int_equal(s.second_user, T1);
	assert_int_equal(tally_event_data(TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST),
	    TALLY_DATA_SWAP | TALLY_DATA_CLEAR_DIFF_2);
	step(&s, (struct tally_event)TY(SAVE_2, T2), TALLY_V_NOT_YOUR_ENTRY, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_2, T1, 0, 0), TALLY_OK, TALLY_STATUS_DIFFERENT);
	step(&s, (struct tally_event)CO_(RESOLVE_KEEP_SECOND), TALLY_OK, TALLY_STATUS_FIRST_DONE);
	assert_int_equal(s.first_user, T1);
	step(&s, (struct tally_event)TY(CLAIM_2, T1), TALLY_V_SECOND_ENTRY_SAME_TYPIST, TALLY_STATUS_FIRST_DONE);
	step(&s, (struct tally_event)TY(CLAIM_2, T3), TALLY_OK, TALLY_STATUS_SECOND_IN_PROGRESS);
	step(&s, (struct tally_event)FIN(FINALISE_2, T3, 0, 1), TALLY_OK, TALLY_STATUS_DEFINITIVE);
}

static void
test_event_data(void **state)
{
	static const struct { enum tally_event_kind k; unsigned data; } want[] = {
		{ TALLY_EV_CLAIM_1, 0 },
		{ TALLY_EV_SAVE_1, TALLY_DATA_WRITE_1 },
		{ TALLY_EV_FINALISE_1, TALLY_DATA_WRITE_1 },
		{ TALLY_EV_DISCARD_1, TALLY_DATA_DROP_1 },
		{ TALLY_EV_CLAIM_2, 0 },
		{ TALLY_EV_SAVE_2, TALLY_DATA_WRITE_2 },
		{ TALLY_EV_FINALISE_2, TALLY_DATA_WRITE_2 },
		{ TALLY_EV_DISCARD_2, TALLY_DATA_DROP_2 },
		{ TALLY_EV_RETURN_FIRST, 0 },
		{ TALLY_EV_DISCARD_FIRST, TALLY_DATA_DROP_1 },
		{ TALLY_EV_RESOLVE_KEEP_FIRST, TALLY_DATA_DROP_2 },
		{ TALLY_EV_RESOLVE_KEEP_SECOND, TALLY_DATA_MOVE_2_TO_1 },
		{ TALLY_EV_RESOLVE_DISCARD_BOTH, TALLY_DATA_DROP_1 | TALLY_DATA_DROP_2 },
		{ TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND, TALLY_DATA_CLEAR_DIFF_2 },
		{ TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST, TALLY_DATA_SWAP | TALLY_DATA_CLEAR_DIFF_2 },
		{ TALLY_EV_RESET, TALLY_DATA_DROP_1 | TALLY_DATA_DROP_2 },
		{ TALLY_EV__MAX, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(tally_event_data(want[i].k), want[i].data);
}

/* Names: what the API, the store and the audit log write. */

static void
test_status_names(void **state)
{
	static const char *const names[TALLY_STATUS__MAX] = {
		"empty", "first_in_progress", "first_done", "first_has_errors",
		"second_in_progress", "different", "definitive",
	};
	enum tally_status s;
	size_t i;

	(void)state;
	for (i = 0; i < TALLY_STATUS__MAX; i++) {
		assert_string_equal(tally_status_name((enum tally_status)i), names[i]);
		assert_int_equal(tally_status_parse(names[i], &s), 0);
		assert_int_equal(s, i);
	}
	assert_null(tally_status_name(TALLY_STATUS__MAX));
	assert_int_equal(tally_status_parse("Empty", &s), -1);
	assert_int_equal(tally_status_parse("", &s), -1);
	assert_int_equal(tally_status_parse(NULL, &s), -1);
}

static void
test_role_names(void **state)
{
	static const char *const names[TALLY_ROLE__MAX] = {
		"typist", "coordinator", "administrator",
	};
	enum tally_role r;
	size_t i;

	(void)state;
	for (i = 0; i < TALLY_ROLE__MAX; i++) {
		assert_string_equal(tally_role_name((enum tally_role)i), names[i]);
		assert_int_equal(tally_role_parse(names[i], &r), 0);
		assert_int_equal(r, i);
	}
	assert_null(tally_role_name(TALLY_ROLE__MAX));
	assert_int_equal(tally_role_parse("admin", &r), -1);
}

static void
test_event_names(void **state)
{
	static const struct { const char *action; enum tally_event_kind k; } resolve[] = {
		{ "keep_first", TALLY_EV_RESOLVE_KEEP_FIRST },
		{ "keep_second", TALLY_EV_RESOLVE_KEEP_SECOND },
		{ "discard_both", TALLY_EV_RESOLVE_DISCARD_BOTH },
		{ "keep_first_correct_second", TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND },
		{ "keep_second_correct_first", TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST },
	};
	enum tally_event_kind k;
	size_t i;

	(void)state;
	for (i = 0; i < TALLY_EV__MAX; i++) {
		const char *n = tally_event_name((enum tally_event_kind)i);

		assert_non_null(n);
		assert_int_equal(tally_event_parse(n, &k), 0);
		assert_int_equal(k, i);
	}
	assert_null(tally_event_name(TALLY_EV__MAX));
	assert_string_equal(tally_event_name(TALLY_EV_RETURN_FIRST), "return_first_to_typist");
	for (i = 0; i < sizeof(resolve) / sizeof(resolve[0]); i++) {
		assert_int_equal(tally_resolve_parse(resolve[i].action, &k), 0);
		assert_int_equal(k, resolve[i].k);
	}
	assert_int_equal(tally_resolve_parse("reset", &k), -1);
	assert_int_equal(tally_resolve_parse("resolve_keep_first", &k), -1);
	assert_int_equal(tally_resolve_parse(NULL, &k), -1);
}

/* A finished count (its final export stands) is closed: no event by its own role
 * changes a station, whatever the status; another role still gets wrong_role. */
static void
test_finished_count_is_closed(void **state)
{
	struct tally_station_state cur = { TALLY_STATUS_DEFINITIVE, 7, 8, 0, 0, 0 }, next;
	int k, ro;

	(void)state;
	for (k = 0; k < TALLY_EV__MAX; k++) {
		for (ro = 0; ro < TALLY_ROLE__MAX; ro++) {
			struct tally_event ev = { (enum tally_event_kind)k, ro == TALLY_ROLE_TYPIST ? 9 : 5,
			                          (enum tally_role)ro, 0, 1, 1 };
			enum tally_verdict v;
			int typist_event = k <= TALLY_EV_DISCARD_2;
			int own = typist_event ? ro == TALLY_ROLE_TYPIST : ro == TALLY_ROLE_COORDINATOR;

			v = tally_transition(&cur, &ev, &next);
			assert_int_equal(v, own ? TALLY_V_COUNT_FINISHED : TALLY_V_WRONG_ROLE);
			assert_int_equal(next.status, TALLY_STATUS_DEFINITIVE);
			/* Not finished: the reset is the coordinator's as before. */
			ev.count_finished = 0;
			if (k == TALLY_EV_RESET && ro == TALLY_ROLE_COORDINATOR)
				assert_int_equal(tally_transition(&cur, &ev, &next), TALLY_OK);
		}
	}
}

static void
test_verdicts(void **state)
{
	static const struct { enum tally_verdict v; const char *code; int http; } want[] = {
		{ TALLY_OK, "ok", 200 },
		{ TALLY_V_WRONG_ROLE, "wrong_role", 403 },
		{ TALLY_V_NOT_YOUR_ENTRY, "not_your_entry", 403 },
		{ TALLY_V_SECOND_ENTRY_SAME_TYPIST, "second_entry_same_typist", 403 },
		{ TALLY_V_ALREADY_CLAIMED, "already_claimed", 409 },
		{ TALLY_V_WRONG_STATE, "wrong_state", 409 },
		{ TALLY_V_HAS_ERRORS, "has_errors", 409 },
		{ TALLY_V_COUNT_FINISHED, "count_finished", 409 },
	};
	size_t i;

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), TALLY_VERDICT__MAX);
	for (i = 0; i < TALLY_VERDICT__MAX; i++) {
		assert_string_equal(tally_verdict_code(want[i].v), want[i].code);
		assert_int_equal(tally_verdict_http(want[i].v), want[i].http);
		assert_non_null(tally_verdict_message(want[i].v));
		assert_true(strlen(tally_verdict_message(want[i].v)) > 0);
	}
	assert_null(tally_verdict_code(TALLY_VERDICT__MAX));
	assert_null(tally_verdict_message(TALLY_VERDICT__MAX));
	assert_int_equal(tally_verdict_http(TALLY_VERDICT__MAX), 500);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transition_table),
		cmocka_unit_test(test_table_covers_every_status_and_event),
		cmocka_unit_test(test_roles_everywhere),
		cmocka_unit_test(test_invariants_hold_everywhere),
		cmocka_unit_test(test_second_entry_by_the_first_typist),
		cmocka_unit_test(test_claim_when_already_claimed),
		cmocka_unit_test(test_discard_restores_the_state_before_the_claim),
		cmocka_unit_test(test_reset_from_every_state),
		cmocka_unit_test(test_bad_values_are_refused),
		cmocka_unit_test(test_walk_two_agreeing_entries),
		cmocka_unit_test(test_walk_errors_returned_to_the_typist),
		cmocka_unit_test(test_walk_keep_first_and_correct_second),
		cmocka_unit_test(test_walk_keep_second_and_correct_first),
		cmocka_unit_test(test_event_data),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_event_names),
		cmocka_unit_test(test_finished_count_is_closed),
		cmocka_unit_test(test_verdicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
