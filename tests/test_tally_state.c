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
/* a finalise with (errors, identical) that also reports warnings, confirmed or not */
#define FINW(k, who, e, same, conf) \
	{ .kind = TALLY_EV_##k, .actor = (who), .role = TALLY_ROLE_TYPIST, \
	  .has_errors = (e), .identical = (same), .has_warnings = 1, .warnings_confirmed = (conf) }

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
	{ "empty: finalise with warnings before a claim", &S_EMPTY, FINW(FINALISE_1, T1, 0, 0, 0), NO(WRONG_STATE) },
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
	{ "first_in_progress: warnings not confirmed", &S_FIP, FINW(FINALISE_1, T1, 0, 0, 0), NO(WARNINGS_NOT_CONFIRMED) },
	{ "first_in_progress: warnings confirmed", &S_FIP, FINW(FINALISE_1, T1, 0, 0, 1), OK_TO(S_FDONE) },
	{ "first_in_progress: errors, warnings not confirmed: to the coordinator", &S_FIP, FINW(FINALISE_1, T1, 1, 0, 0), OK_TO(S_FERR) },
	{ "first_in_progress: another typist, warnings not confirmed", &S_FIP, FINW(FINALISE_1, T2, 0, 0, 0), NO(NOT_YOUR_ENTRY) },
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
	{ "second_in_progress: identical, warnings not confirmed", &S_SIP, FINW(FINALISE_2, T2, 0, 1, 0), NO(WARNINGS_NOT_CONFIRMED) },
	{ "second_in_progress: identical, warnings confirmed", &S_SIP, FINW(FINALISE_2, T2, 0, 1, 1), OK_TO(S_DEF) },
	{ "second_in_progress: different, warnings not confirmed", &S_SIP, FINW(FINALISE_2, T2, 0, 0, 0), NO(WARNINGS_NOT_CONFIRMED) },
	{ "second_in_progress: errors, warnings not confirmed", &S_SIP, FINW(FINALISE_2, T2, 1, 0, 0), OK_TO(S_DIFF_E2) },
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
					for (flags = 0; flags < 16; flags++) {
						struct tally_event ev = {
							.kind = (enum tally_event_kind)e,
							.role = (enum tally_role)r,
							.actor = actors[a],
							.has_errors = (int)(flags & 1),
							.identical = (int)((flags >> 1) & 1),
							.has_warnings = (int)((flags >> 2) & 1),
							.warnings_confirmed = (int)(flags >> 3),
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
		{ TALLY_EV_CLAIM_1, TALLY_DATA_OPEN_1 },
		{ TALLY_EV_SAVE_1, TALLY_DATA_WRITE_1 },
		{ TALLY_EV_FINALISE_1, TALLY_DATA_WRITE_1 | TALLY_DATA_FINAL | TALLY_DATA_DROP_CLEARED },
		{ TALLY_EV_DISCARD_1, TALLY_DATA_DROP_1 },
		{ TALLY_EV_CLAIM_2, TALLY_DATA_OPEN_2 },
		{ TALLY_EV_SAVE_2, TALLY_DATA_WRITE_2 },
		{ TALLY_EV_FINALISE_2, TALLY_DATA_WRITE_2 | TALLY_DATA_FINAL | TALLY_DATA_DROP_CLEARED },
		{ TALLY_EV_DISCARD_2, TALLY_DATA_DROP_2 },
		{ TALLY_EV_RETURN_FIRST, TALLY_DATA_REOPEN_1 },
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
		{ "return_to_typist", TALLY_EV_RETURN_FIRST },
		{ "discard_first", TALLY_EV_DISCARD_FIRST },
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
			                          (enum tally_role)ro, 0, 1, 1, 0, 0 };
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
		{ TALLY_V_WARNINGS_NOT_CONFIRMED, "warnings_not_confirmed", 409 },
		{ TALLY_V_NO_INVESTIGATION, "no_investigation", 409 },
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

/*
 * Who may do what, now (tally_allowed): the one rule behind the handlers' checks, the
 * station JSON (claimable, mine, actions) and the pages. A table of state x closed
 * count x role x actor x event -> verdict.
 */
struct allow_row {
	const char *name;
	const struct tally_station_state *st;
	int finished;
	enum tally_role role;
	long actor;
	enum tally_event_kind k;
	enum tally_verdict want;
};

#define ALLOW(n, s, fin, r, who, k, v) \
	{ n, &(s), fin, TALLY_ROLE_##r, who, TALLY_EV_##k, TALLY_##v }

static const struct allow_row allow_table[] = {
	ALLOW("empty: a typist claims entry 1", S_EMPTY, 0, TYPIST, T1, CLAIM_1, OK),
	ALLOW("empty: nothing to save yet", S_EMPTY, 0, TYPIST, T1, SAVE_1, V_WRONG_STATE),
	ALLOW("empty: no entry 2 before entry 1", S_EMPTY, 0, TYPIST, T1, CLAIM_2, V_WRONG_STATE),
	ALLOW("empty: the coordinator does not type", S_EMPTY, 0, COORDINATOR, CO, CLAIM_1, V_WRONG_ROLE),
	ALLOW("empty: the administrator does not type", S_EMPTY, 0, ADMINISTRATOR, AD, CLAIM_1, V_WRONG_ROLE),
	ALLOW("empty: no account", S_EMPTY, 0, TYPIST, 0, CLAIM_1, V_NOT_YOUR_ENTRY),
	ALLOW("empty: the reset is allowed (it changes nothing)", S_EMPTY, 0, COORDINATOR, CO, RESET, OK),
	ALLOW("empty: a typist does not reset", S_EMPTY, 0, TYPIST, T1, RESET, V_WRONG_ROLE),
	ALLOW("empty: nothing to decide", S_EMPTY, 0, COORDINATOR, CO, RESOLVE_KEEP_FIRST, V_WRONG_STATE),
	ALLOW("empty, count finished: no claim", S_EMPTY, 1, TYPIST, T1, CLAIM_1, V_COUNT_FINISHED),

	ALLOW("first_in_progress: the holder resumes", S_FIP, 0, TYPIST, T1, CLAIM_1, OK),
	ALLOW("first_in_progress: another typist claims", S_FIP, 0, TYPIST, T2, CLAIM_1, V_ALREADY_CLAIMED),
	ALLOW("first_in_progress: the holder saves", S_FIP, 0, TYPIST, T1, SAVE_1, OK),
	ALLOW("first_in_progress: the holder finalises", S_FIP, 0, TYPIST, T1, FINALISE_1, OK),
	ALLOW("first_in_progress: the holder discards", S_FIP, 0, TYPIST, T1, DISCARD_1, OK),
	ALLOW("first_in_progress: another typist saves", S_FIP, 0, TYPIST, T2, SAVE_1, V_NOT_YOUR_ENTRY),
	ALLOW("first_in_progress: another typist finalises", S_FIP, 0, TYPIST, T2, FINALISE_1, V_NOT_YOUR_ENTRY),
	ALLOW("first_in_progress: another typist discards", S_FIP, 0, TYPIST, T2, DISCARD_1, V_NOT_YOUR_ENTRY),
	ALLOW("first_in_progress: the holder has no entry 2", S_FIP, 0, TYPIST, T1, SAVE_2, V_WRONG_STATE),
	ALLOW("first_in_progress: the coordinator does not save", S_FIP, 0, COORDINATOR, CO, SAVE_1, V_WRONG_ROLE),
	ALLOW("first_in_progress: the administrator does not save", S_FIP, 0, ADMINISTRATOR, AD, SAVE_1, V_WRONG_ROLE),
	ALLOW("first_in_progress: nothing to return", S_FIP, 0, COORDINATOR, CO, RETURN_FIRST, V_WRONG_STATE),
	ALLOW("first_in_progress: reset", S_FIP, 0, COORDINATOR, CO, RESET, OK),
	ALLOW("first_in_progress, count finished: the holder saves", S_FIP, 1, TYPIST, T1, SAVE_1, V_COUNT_FINISHED),
	ALLOW("first_in_progress, count finished: reset", S_FIP, 1, COORDINATOR, CO, RESET, V_COUNT_FINISHED),

	ALLOW("first_done: another typist claims entry 2", S_FDONE, 0, TYPIST, T2, CLAIM_2, OK),
	ALLOW("first_done: the first typist claims entry 2", S_FDONE, 0, TYPIST, T1, CLAIM_2, V_SECOND_ENTRY_SAME_TYPIST),
	ALLOW("first_done: entry 1 is closed", S_FDONE, 0, TYPIST, T1, SAVE_1, V_WRONG_STATE),
	ALLOW("first_done: no new entry 1", S_FDONE, 0, TYPIST, T3, CLAIM_1, V_WRONG_STATE),
	ALLOW("first_done: nothing to return", S_FDONE, 0, COORDINATOR, CO, RETURN_FIRST, V_WRONG_STATE),
	ALLOW("first_done, kept second: its typist may not type entry 2", S_FDONE_T2, 0, TYPIST, T2, CLAIM_2, V_SECOND_ENTRY_SAME_TYPIST),
	ALLOW("first_done, kept second: the other typist may", S_FDONE_T2, 0, TYPIST, T1, CLAIM_2, OK),

	ALLOW("first_has_errors: returned", S_FERR, 0, COORDINATOR, CO, RETURN_FIRST, OK),
	ALLOW("first_has_errors: discarded", S_FERR, 0, COORDINATOR, CO, DISCARD_FIRST, OK),
	ALLOW("first_has_errors: no second entry", S_FERR, 0, TYPIST, T2, CLAIM_2, V_WRONG_STATE),
	ALLOW("first_has_errors: its typist may not resume", S_FERR, 0, TYPIST, T1, CLAIM_1, V_WRONG_STATE),
	ALLOW("first_has_errors: nothing to resolve", S_FERR, 0, COORDINATOR, CO, RESOLVE_KEEP_FIRST, V_WRONG_STATE),
	ALLOW("first_has_errors: a typist does not return it", S_FERR, 0, TYPIST, T1, RETURN_FIRST, V_WRONG_ROLE),

	ALLOW("second_in_progress: the holder resumes", S_SIP, 0, TYPIST, T2, CLAIM_2, OK),
	ALLOW("second_in_progress: a third typist claims", S_SIP, 0, TYPIST, T3, CLAIM_2, V_ALREADY_CLAIMED),
	ALLOW("second_in_progress: the first typist claims", S_SIP, 0, TYPIST, T1, CLAIM_2, V_ALREADY_CLAIMED),
	ALLOW("second_in_progress: the holder saves", S_SIP, 0, TYPIST, T2, SAVE_2, OK),
	ALLOW("second_in_progress: the first typist saves entry 2", S_SIP, 0, TYPIST, T1, SAVE_2, V_NOT_YOUR_ENTRY),
	ALLOW("second_in_progress: entry 1 is closed", S_SIP, 0, TYPIST, T1, SAVE_1, V_WRONG_STATE),
	ALLOW("second_in_progress: the holder finalises", S_SIP, 0, TYPIST, T2, FINALISE_2, OK),
	ALLOW("second_in_progress: nothing to resolve", S_SIP, 0, COORDINATOR, CO, RESOLVE_DISCARD_BOTH, V_WRONG_STATE),

	ALLOW("different: keep first", S_DIFF, 0, COORDINATOR, CO, RESOLVE_KEEP_FIRST, OK),
	ALLOW("different: keep second", S_DIFF, 0, COORDINATOR, CO, RESOLVE_KEEP_SECOND, OK),
	ALLOW("different: discard both", S_DIFF, 0, COORDINATOR, CO, RESOLVE_DISCARD_BOTH, OK),
	ALLOW("different: keep first, correct second", S_DIFF, 0, COORDINATOR, CO, RESOLVE_KEEP_FIRST_CORRECT_SECOND, OK),
	ALLOW("different: keep second, correct first", S_DIFF, 0, COORDINATOR, CO, RESOLVE_KEEP_SECOND_CORRECT_FIRST, OK),
	ALLOW("different: nothing to return", S_DIFF, 0, COORDINATOR, CO, RETURN_FIRST, V_WRONG_STATE),
	ALLOW("different: the typist's entry is closed", S_DIFF, 0, TYPIST, T2, SAVE_2, V_WRONG_STATE),
	ALLOW("different: a typist does not resolve", S_DIFF, 0, TYPIST, T1, RESOLVE_KEEP_FIRST, V_WRONG_ROLE),
	ALLOW("different: the administrator does not resolve", S_DIFF, 0, ADMINISTRATOR, AD, RESOLVE_KEEP_FIRST, V_WRONG_ROLE),
	ALLOW("different, count finished: keep first", S_DIFF, 1, COORDINATOR, CO, RESOLVE_KEEP_FIRST, V_COUNT_FINISHED),
	ALLOW("different, entry 2 with errors: not the reference", S_DIFF_E2, 0, COORDINATOR, CO, RESOLVE_KEEP_SECOND_CORRECT_FIRST, V_HAS_ERRORS),
	ALLOW("different, entry 2 with errors: corrected against entry 1", S_DIFF_E2, 0, COORDINATOR, CO, RESOLVE_KEEP_FIRST_CORRECT_SECOND, OK),

	ALLOW("definitive: reset", S_DEF, 0, COORDINATOR, CO, RESET, OK),
	ALLOW("definitive: no claim", S_DEF, 0, TYPIST, T3, CLAIM_1, V_WRONG_STATE),
	ALLOW("definitive: no second claim", S_DEF, 0, TYPIST, T3, CLAIM_2, V_WRONG_STATE),
	ALLOW("definitive, count finished: reset", S_DEF, 1, COORDINATOR, CO, RESET, V_COUNT_FINISHED),
	ALLOW("definitive, count finished: the administrator still wrong_role", S_DEF, 1, ADMINISTRATOR, AD, RESET, V_WRONG_ROLE),
	ALLOW("definitive, count finished: a typist still wrong_role", S_DEF, 1, TYPIST, T1, RESET, V_WRONG_ROLE),

	ALLOW("correcting, swapped: the first typist corrects entry 2", S_CORR_SWAP, 0, TYPIST, T1, SAVE_2, OK),
	ALLOW("correcting, swapped: the kept entry's typist may not", S_CORR_SWAP, 0, TYPIST, T2, SAVE_2, V_NOT_YOUR_ENTRY),
};

static void
test_allowed_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(allow_table) / sizeof(allow_table[0]); i++) {
		const struct allow_row *r = &allow_table[i];
		enum tally_verdict v = tally_allowed(r->st, r->finished, r->role, r->actor, r->k);

		if (v != r->want)
			fail_msg("%s: %s, want %s", r->name, tally_verdict_code(v),
			    tally_verdict_code(r->want));
	}
}

/*
 * tally_transition asks tally_allowed first: wherever tally_allowed refuses, the
 * transition refuses the same; where it allows, only the figures of a finalise can
 * still refuse (warnings not confirmed, identical with errors).
 */
static void
test_allowed_is_what_the_transition_asks(void **state)
{
	static const long actors[] = { 0, T1, T2, T3, CO, AD };
	size_t s, a, flags;
	int e, r, fin;

	(void)state;
	for (s = 0; s < NSTATES; s++)
		for (e = 0; e < TALLY_EV__MAX; e++)
			for (r = 0; r < TALLY_ROLE__MAX; r++)
				for (a = 0; a < sizeof(actors) / sizeof(actors[0]); a++)
					for (fin = 0; fin < 2; fin++)
						for (flags = 0; flags < 16; flags++) {
		struct tally_event ev = { (enum tally_event_kind)e, actors[a], (enum tally_role)r,
		    (int)(flags & 1), (int)((flags >> 1) & 1), fin, (int)((flags >> 2) & 1),
		    (int)(flags >> 3) };
		struct tally_station_state next;
		enum tally_verdict want = tally_allowed(every_state[s], fin, ev.role, ev.actor, ev.kind);
		enum tally_verdict got = tally_transition(every_state[s], &ev, &next);
		int finalise = e == TALLY_EV_FINALISE_1 || e == TALLY_EV_FINALISE_2;

		if (want != TALLY_OK ? got != want :
		    !(got == TALLY_OK || (finalise && got == TALLY_V_WARNINGS_NOT_CONFIRMED) ||
		      (e == TALLY_EV_FINALISE_2 && got == TALLY_V_HAS_ERRORS)))
			fail_msg("%s x %s: allowed %s, transition %s",
			    tally_status_name(every_state[s]->status),
			    tally_event_name(ev.kind), tally_verdict_code(want), tally_verdict_code(got));
						}
	/* Bad values: refused, never allowed. */
	assert_int_equal(tally_allowed(&S_EMPTY, 0, TALLY_ROLE__MAX, T1, TALLY_EV_CLAIM_1),
	    TALLY_V_WRONG_ROLE);
	assert_int_equal(tally_allowed(&S_EMPTY, 0, TALLY_ROLE_TYPIST, T1, TALLY_EV__MAX),
	    TALLY_V_WRONG_STATE);
}

/* Whose entry it is (tally_holds): who may read, save, finalise or discard it. */
static void
test_holds_table(void **state)
{
	static const struct {
		const struct tally_station_state *st;
		long actor;
		int entry;
		enum tally_verdict want;
	} rows[] = {
		{ &S_FIP, T1, 1, TALLY_OK },
		{ &S_FIP, T2, 1, TALLY_V_NOT_YOUR_ENTRY },
		{ &S_FIP, 0, 1, TALLY_V_NOT_YOUR_ENTRY },
		{ &S_FIP, T1, 2, TALLY_V_WRONG_STATE },
		{ &S_FIP, T1, 0, TALLY_V_WRONG_STATE },
		{ &S_FIP, T1, 3, TALLY_V_WRONG_STATE },
		{ &S_EMPTY, T1, 1, TALLY_V_WRONG_STATE },
		{ &S_FDONE, T1, 1, TALLY_V_WRONG_STATE },
		{ &S_FERR, T1, 1, TALLY_V_WRONG_STATE },
		{ &S_SIP, T2, 2, TALLY_OK },
		{ &S_SIP, T1, 2, TALLY_V_NOT_YOUR_ENTRY },
		{ &S_SIP, T1, 1, TALLY_V_WRONG_STATE },
		{ &S_SIP, T3, 2, TALLY_V_NOT_YOUR_ENTRY },
		{ &S_CORR, T2, 2, TALLY_OK },
		{ &S_CORR_SWAP, T1, 2, TALLY_OK },
		{ &S_CORR_SWAP, T2, 2, TALLY_V_NOT_YOUR_ENTRY },
		{ &S_DIFF, T2, 2, TALLY_V_WRONG_STATE },
		{ &S_DEF, T1, 1, TALLY_V_WRONG_STATE },
	};
	static const long actors[] = { 0, T1, T2, T3 };
	size_t i, s, a;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (tally_holds(rows[i].st, rows[i].actor, rows[i].entry) != rows[i].want)
			fail_msg("row %zu: %s", i,
			    tally_verdict_code(tally_holds(rows[i].st, rows[i].actor, rows[i].entry)));
	/* Holding an entry is being allowed to save it. */
	for (s = 0; s < NSTATES; s++)
		for (a = 0; a < sizeof(actors) / sizeof(actors[0]); a++) {
			assert_int_equal(tally_holds(every_state[s], actors[a], 1),
			    tally_allowed(every_state[s], 0, TALLY_ROLE_TYPIST, actors[a], TALLY_EV_SAVE_1));
			assert_int_equal(tally_holds(every_state[s], actors[a], 2),
			    tally_allowed(every_state[s], 0, TALLY_ROLE_TYPIST, actors[a], TALLY_EV_SAVE_2));
		}
}

/* The typist's view of a station (GET /api/stations: claimable, mine): state x actor. */
static void
test_typist_view_table(void **state)
{
	static const struct {
		const char *name;
		const struct tally_station_state *st;
		int finished;
		long actor;
		int claimable, held, open;
	} rows[] = {
		{ "empty", &S_EMPTY, 0, T1, 1, 0, 0 },
		{ "first_in_progress: the holder", &S_FIP, 0, T1, 0, 1, 1 },
		{ "first_in_progress: another typist", &S_FIP, 0, T2, 0, 0, 1 },
		{ "first_done: its typist", &S_FDONE, 0, T1, 0, 0, 0 },
		{ "first_done: another typist", &S_FDONE, 0, T2, 2, 0, 0 },
		{ "first_done, kept second: the first typist", &S_FDONE_T2, 0, T1, 2, 0, 0 },
		{ "first_done, kept second: its typist", &S_FDONE_T2, 0, T2, 0, 0, 0 },
		{ "first_has_errors: its typist", &S_FERR, 0, T1, 0, 0, 0 },
		{ "first_has_errors: another typist", &S_FERR, 0, T2, 0, 0, 0 },
		{ "second_in_progress: the holder", &S_SIP, 0, T2, 0, 2, 2 },
		{ "second_in_progress: the first typist", &S_SIP, 0, T1, 0, 0, 2 },
		{ "second_in_progress: a third typist", &S_SIP, 0, T3, 0, 0, 2 },
		{ "correcting: the second typist", &S_CORR, 0, T2, 0, 2, 2 },
		{ "correcting, swapped: the first typist", &S_CORR_SWAP, 0, T1, 0, 2, 2 },
		{ "different", &S_DIFF, 0, T1, 0, 0, 0 },
		{ "definitive", &S_DEF, 0, T3, 0, 0, 0 },
		{ "empty, count finished", &S_EMPTY, 1, T1, 0, 0, 0 },
		{ "first_done, count finished", &S_FDONE, 1, T2, 0, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int c = tally_entry_claimable(rows[i].st, rows[i].finished, rows[i].actor);
		int h = tally_entry_held(rows[i].st, rows[i].actor);
		int o = tally_open_entry(rows[i].st);

		if (c != rows[i].claimable || h != rows[i].held || o != rows[i].open)
			fail_msg("%s: claimable %d held %d open %d, want %d %d %d", rows[i].name, c, h,
			    o, rows[i].claimable, rows[i].held, rows[i].open);
	}
}

/*
 * The coordinator's actions a station offers (the station JSON's "actions"), in the
 * API's order: one bit per action of tally_action_at.
 */
static void
test_offered_actions_table(void **state)
{
	/* keep_first_correct_second, keep_second_correct_first, keep_first, keep_second,
	 * discard_both, return_to_typist, discard_first, reset */
	static const struct {
		const char *name;
		const struct tally_station_state *st;
		int finished;
		unsigned want;
	} rows[] = {
		{ "empty", &S_EMPTY, 0, 0 },
		{ "first_in_progress", &S_FIP, 0, 0x80 },
		{ "first_done", &S_FDONE, 0, 0x80 },
		{ "first_has_errors", &S_FERR, 0, 0x20 | 0x40 | 0x80 },
		{ "second_in_progress", &S_SIP, 0, 0x80 },
		{ "different", &S_DIFF, 0, 0x1f | 0x80 },
		{ "different, entry 2 with errors", &S_DIFF_E2, 0, 0x1d | 0x80 },
		{ "definitive", &S_DEF, 0, 0x80 },
		{ "correcting", &S_CORR, 0, 0x80 },
		{ "different, count finished", &S_DIFF, 1, 0 },
		{ "definitive, count finished", &S_DEF, 1, 0 },
	};
	enum tally_event_kind k;
	size_t i, j;
	unsigned got;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		got = 0;
		for (j = 0; (k = tally_action_at(j)) != TALLY_EV__MAX; j++)
			if (tally_offered_state(rows[i].st, rows[i].finished, TALLY_ROLE_COORDINATOR, CO, k))
				got |= 1u << j;
		if (got != rows[i].want)
			fail_msg("%s: %#x, want %#x", rows[i].name, got, rows[i].want);
		/* the administrator is offered nothing */
		for (j = 0; j < TALLY_EV__MAX; j++)
			assert_false(tally_offered_state(rows[i].st, rows[i].finished,
			    TALLY_ROLE_ADMINISTRATOR, AD, (enum tally_event_kind)j));
	}
	/* A typist: the holder is offered finalise and discard, not the resume or a save. */
	assert_true(tally_offered_state(&S_FIP, 0, TALLY_ROLE_TYPIST, T1, TALLY_EV_FINALISE_1));
	assert_true(tally_offered_state(&S_FIP, 0, TALLY_ROLE_TYPIST, T1, TALLY_EV_DISCARD_1));
	assert_false(tally_offered_state(&S_FIP, 0, TALLY_ROLE_TYPIST, T1, TALLY_EV_CLAIM_1));
	assert_false(tally_offered_state(&S_FIP, 0, TALLY_ROLE_TYPIST, T1, TALLY_EV_SAVE_1));
	assert_false(tally_offered_state(&S_FIP, 0, TALLY_ROLE_TYPIST, T2, TALLY_EV_DISCARD_1));
}

/* What a station waits for (the coordinator's overview, "waits_for"). */
static void
test_waits_for_table(void **state)
{
	static const struct {
		const struct tally_station_state *st;
		int finished;
		enum tally_wait want;
		const char *name;
	} rows[] = {
		{ &S_EMPTY, 0, TALLY_WAIT_FIRST_ENTRY, "first_entry" },
		{ &S_FIP, 0, TALLY_WAIT_TYPIST, "typist" },
		{ &S_FDONE, 0, TALLY_WAIT_SECOND_ENTRY, "second_entry" },
		{ &S_FDONE_T2, 0, TALLY_WAIT_SECOND_ENTRY, "second_entry" },
		{ &S_FERR, 0, TALLY_WAIT_COORDINATOR, "coordinator" },
		{ &S_FERR_T2, 0, TALLY_WAIT_COORDINATOR, "coordinator" },
		{ &S_SIP, 0, TALLY_WAIT_TYPIST, "typist" },
		{ &S_CORR, 0, TALLY_WAIT_TYPIST, "typist" },
		{ &S_DIFF, 0, TALLY_WAIT_COORDINATOR, "coordinator" },
		{ &S_DIFF_E2, 0, TALLY_WAIT_COORDINATOR, "coordinator" },
		{ &S_DEF, 0, TALLY_WAIT_NONE, NULL },
		{ &S_DEF, 1, TALLY_WAIT_NONE, NULL },
		{ &S_DIFF, 1, TALLY_WAIT_NONE, NULL },
		{ &S_FIP, 1, TALLY_WAIT_NONE, NULL },
		{ &S_EMPTY, 1, TALLY_WAIT_NONE, NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum tally_wait w = tally_waits_for(rows[i].st, rows[i].finished);

		if (w != rows[i].want)
			fail_msg("row %zu (%s): %d, want %d", i,
			    tally_status_name(rows[i].st->status), (int)w, (int)rows[i].want);
		if (rows[i].name == NULL)
			assert_null(tally_wait_name(w));
		else
			assert_string_equal(tally_wait_name(w), rows[i].name);
	}
	assert_null(tally_wait_name(TALLY_WAIT__MAX));
}

/* The coordinator's actions by their API names: one table, in the pages' order. */
static void
test_action_names(void **state)
{
	static const struct { enum tally_event_kind k; const char *name; int resolve; } want[] = {
		{ TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND, "keep_first_correct_second", 1 },
		{ TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST, "keep_second_correct_first", 1 },
		{ TALLY_EV_RESOLVE_KEEP_FIRST, "keep_first", 1 },
		{ TALLY_EV_RESOLVE_KEEP_SECOND, "keep_second", 1 },
		{ TALLY_EV_RESOLVE_DISCARD_BOTH, "discard_both", 1 },
		{ TALLY_EV_RETURN_FIRST, "return_to_typist", 1 },
		{ TALLY_EV_DISCARD_FIRST, "discard_first", 1 },
		{ TALLY_EV_RESET, "reset", 0 },
	};
	static const char *const refused[] = {
		"", "Keep_first", "keep_first ", "resolve_keep_first", "return_first_to_typist",
		"claim_entry_1", "finalise_entry_2", "reset",
	};
	enum tally_event_kind k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(tally_action_at(i), want[i].k);
		assert_string_equal(tally_action_name(want[i].k), want[i].name);
		assert_int_equal(tally_resolve_parse(want[i].name, &k), want[i].resolve ? 0 : -1);
		if (want[i].resolve)
			assert_int_equal(k, want[i].k);
	}
	assert_int_equal(tally_action_at(i), TALLY_EV__MAX);
	/* every coordinator's event has a name; no typist's event has one */
	for (i = 0; i < TALLY_EV__MAX; i++)
		assert_int_equal(tally_action_name((enum tally_event_kind)i) != NULL,
		    tally_event_role((enum tally_event_kind)i) == TALLY_ROLE_COORDINATOR);
	assert_null(tally_action_name(TALLY_EV__MAX));
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(tally_resolve_parse(refused[i], &k), -1);
	assert_int_equal(tally_resolve_parse(NULL, &k), -1);
}

static void
test_event_roles(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < TALLY_EV__MAX; k++)
		assert_int_equal(tally_event_role((enum tally_event_kind)k),
		    k <= TALLY_EV_DISCARD_2 ? TALLY_ROLE_TYPIST : TALLY_ROLE_COORDINATOR);
	assert_int_equal(tally_event_role(TALLY_EV__MAX), TALLY_ROLE__MAX);
}

/* Two states are equal in every field or not at all (what "changes the state" means). */
static void
test_state_equal(void **state)
{
	size_t a, b, f;

	(void)state;
	for (a = 0; a < NSTATES; a++)
		for (b = 0; b < NSTATES; b++)
			assert_int_equal(tally_state_equal(every_state[a], every_state[b]), a == b);
	for (f = 0; f < 6; f++) {
		struct tally_station_state x = S_CORR;

		switch (f) {
		case 0: x.status = TALLY_STATUS_DIFFERENT; break;
		case 1: x.first_user = T3; break;
		case 2: x.second_user = T3; break;
		case 3: x.first_has_errors = 1; break;
		case 4: x.second_has_errors = 1; break;
		default: x.correcting = 0; break;
		}
		assert_false(tally_state_equal(&x, &S_CORR));
	}
}

/* When the warnings must be confirmed, and when the count is complete: tables. */
static void
test_warnings_and_complete(void **state)
{
	static const struct { int errors, warnings, need; } w[] = {
		{ 0, 0, 0 }, { 0, 1, 1 }, { 1, 0, 0 }, { 1, 1, 0 },
	};
	static const struct { size_t definitive, stations; int complete; } c[] = {
		{ 0, 0, 0 }, { 0, 8, 0 }, { 7, 8, 0 }, { 8, 8, 1 }, { 1, 1, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		assert_int_equal(tally_warnings_need_confirmation(w[i].errors, w[i].warnings), w[i].need);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		assert_int_equal(tally_count_complete(c[i].definitive, c[i].stations), c[i].complete);
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
		cmocka_unit_test(test_allowed_table),
		cmocka_unit_test(test_allowed_is_what_the_transition_asks),
		cmocka_unit_test(test_holds_table),
		cmocka_unit_test(test_typist_view_table),
		cmocka_unit_test(test_offered_actions_table),
		cmocka_unit_test(test_waits_for_table),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_event_roles),
		cmocka_unit_test(test_state_equal),
		cmocka_unit_test(test_warnings_and_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
