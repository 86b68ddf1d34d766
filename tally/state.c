/*
 * The double-entry state machine of one polling station (domain.md §5).
 * One pure function decides every event; count.h documents each transition.
 * Who may do what (tally_allowed: role, closed count, status, holder) is asked
 * first and answered once, for the server's handlers and pages alike; the
 * figures an event reports (errors, warnings, identical) are judged after.
 *
 * Decisions where domain.md is silent:
 * - A typist who claims the entry they already hold gets OK and no change:
 *   they resume after a laptop died.
 * - Entry 1 with errors may be finalised (first_has_errors) for the
 *   coordinator to handle. Entry 2 with errors may be finalised too, and
 *   then always becomes `different`, never `definitive`: the coordinator
 *   compares both and decides. An entry 2 reported identical to entry 1 and
 *   holding errors is refused (has_errors): entry 1 is error-free whenever
 *   entry 2 is typed, so such a report is inconsistent.
 * - Keeping an entry with errors (resolve_keep_*) leads to first_has_errors,
 *   not first_done. An entry with errors cannot be the reference another
 *   typist corrects against (resolve_*_correct_*: has_errors).
 * - The correction flow: the coordinator keeps one entry as entry 1 and
 *   hands entry 2 (the other typist's own figures, the differing fields
 *   cleared) back to that other typist: second_in_progress, correcting = 1,
 *   held by that typist. Finalising it compares with entry 1 as usual;
 *   discarding it drops entry 2 (-> first_done), like any second entry.
 * - Warnings never block, but an entry with warnings and no errors is
 *   finalised only when the typist confirms them against the paper
 *   (warnings_not_confirmed otherwise); an entry with errors goes to the
 *   coordinator, confirmed or not.
 */
#include <string.h>

#include "tally/count.h"

static const char *const status_names[TALLY_STATUS__MAX] = {
	[TALLY_STATUS_EMPTY] = "empty",
	[TALLY_STATUS_FIRST_IN_PROGRESS] = "first_in_progress",
	[TALLY_STATUS_FIRST_DONE] = "first_done",
	[TALLY_STATUS_FIRST_HAS_ERRORS] = "first_has_errors",
	[TALLY_STATUS_SECOND_IN_PROGRESS] = "second_in_progress",
	[TALLY_STATUS_DIFFERENT] = "different",
	[TALLY_STATUS_DEFINITIVE] = "definitive",
};

static const char *const role_names[TALLY_ROLE__MAX] = {
	[TALLY_ROLE_TYPIST] = "typist",
	[TALLY_ROLE_COORDINATOR] = "coordinator",
	[TALLY_ROLE_ADMINISTRATOR] = "administrator",
};

static const char *const event_names[TALLY_EV__MAX] = {
	[TALLY_EV_CLAIM_1] = "claim_entry_1",
	[TALLY_EV_SAVE_1] = "save_entry_1",
	[TALLY_EV_FINALISE_1] = "finalise_entry_1",
	[TALLY_EV_DISCARD_1] = "discard_entry_1",
	[TALLY_EV_CLAIM_2] = "claim_entry_2",
	[TALLY_EV_SAVE_2] = "save_entry_2",
	[TALLY_EV_FINALISE_2] = "finalise_entry_2",
	[TALLY_EV_DISCARD_2] = "discard_entry_2",
	[TALLY_EV_RETURN_FIRST] = "return_first_to_typist",
	[TALLY_EV_DISCARD_FIRST] = "discard_first",
	[TALLY_EV_RESOLVE_KEEP_FIRST] = "resolve_keep_first",
	[TALLY_EV_RESOLVE_KEEP_SECOND] = "resolve_keep_second",
	[TALLY_EV_RESOLVE_DISCARD_BOTH] = "resolve_discard_both",
	[TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND] = "resolve_keep_first_correct_second",
	[TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST] = "resolve_keep_second_correct_first",
	[TALLY_EV_RESET] = "reset",
};

static const unsigned event_data[TALLY_EV__MAX] = {
	[TALLY_EV_CLAIM_1] = TALLY_DATA_OPEN_1,
	[TALLY_EV_SAVE_1] = TALLY_DATA_WRITE_1,
	[TALLY_EV_FINALISE_1] = TALLY_DATA_WRITE_1 | TALLY_DATA_FINAL | TALLY_DATA_DROP_CLEARED,
	[TALLY_EV_DISCARD_1] = TALLY_DATA_DROP_1,
	[TALLY_EV_CLAIM_2] = TALLY_DATA_OPEN_2,
	[TALLY_EV_SAVE_2] = TALLY_DATA_WRITE_2,
	[TALLY_EV_FINALISE_2] = TALLY_DATA_WRITE_2 | TALLY_DATA_FINAL | TALLY_DATA_DROP_CLEARED,
	[TALLY_EV_DISCARD_2] = TALLY_DATA_DROP_2,
	[TALLY_EV_RETURN_FIRST] = TALLY_DATA_REOPEN_1,
	[TALLY_EV_DISCARD_FIRST] = TALLY_DATA_DROP_1,
	[TALLY_EV_RESOLVE_KEEP_FIRST] = TALLY_DATA_DROP_2,
	[TALLY_EV_RESOLVE_KEEP_SECOND] = TALLY_DATA_MOVE_2_TO_1,
	[TALLY_EV_RESOLVE_DISCARD_BOTH] = TALLY_DATA_DROP_1 | TALLY_DATA_DROP_2,
	[TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND] = TALLY_DATA_CLEAR_DIFF_2,
	[TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST] = TALLY_DATA_SWAP | TALLY_DATA_CLEAR_DIFF_2,
	[TALLY_EV_RESET] = TALLY_DATA_DROP_1 | TALLY_DATA_DROP_2,
};

struct verdict_text {
	const char *code;
	const char *message;
	int http;
};

static const struct verdict_text verdicts[TALLY_VERDICT__MAX] = {
	[TALLY_OK] = { "ok", "Gelukt.", 200 },
	[TALLY_V_WRONG_ROLE] = { "wrong_role",
	    "Dit mag niet met uw rol.", 403 },
	[TALLY_V_NOT_YOUR_ENTRY] = { "not_your_entry",
	    "Deze invoer is van een andere invoerder.", 403 },
	[TALLY_V_SECOND_ENTRY_SAME_TYPIST] = { "second_entry_same_typist",
	    "De tweede invoer moet door een andere invoerder gedaan worden dan de "
	    "eerste.", 403 },
	[TALLY_V_ALREADY_CLAIMED] = { "already_claimed",
	    "Een andere invoerder is al met deze invoer bezig.", 409 },
	[TALLY_V_WRONG_STATE] = { "wrong_state",
	    "Dit kan niet in de huidige status van dit stembureau.", 409 },
	[TALLY_V_HAS_ERRORS] = { "has_errors",
	    "Deze invoer bevat fouten en kan daarom hier niet gebruikt worden.", 409 },
	[TALLY_V_COUNT_FINISHED] = { "count_finished",
	    "De telling is afgerond: de definitieve uitslag is gemaakt. Wie iets wil "
	    "veranderen, heropent eerst de invoerfase (coördinator, met een reden).", 409 },
	[TALLY_V_WARNINGS_NOT_CONFIRMED] = { "warnings_not_confirmed",
	    "Er zijn waarschuwingen. Controleer de aantallen op het papier en bevestig dat.", 409 },
	[TALLY_V_NO_INVESTIGATION] = { "no_investigation",
	    "In deze zitting kan dit stembureau alleen worden ingevoerd als het wordt onderzocht "
	    "(coördinator: onderzoek openen).", 409 },
};

static int
parse(const char *const *names, size_t n, const char *s, size_t *out)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

const char *
tally_status_name(enum tally_status s)
{
	return (unsigned)s < TALLY_STATUS__MAX ? status_names[s] : NULL;
}

int
tally_status_parse(const char *s, enum tally_status *out)
{
	size_t i;

	if (parse(status_names, TALLY_STATUS__MAX, s, &i) == -1)
		return -1;
	*out = (enum tally_status)i;
	return 0;
}

const char *
tally_role_name(enum tally_role r)
{
	return (unsigned)r < TALLY_ROLE__MAX ? role_names[r] : NULL;
}

int
tally_role_parse(const char *s, enum tally_role *out)
{
	size_t i;

	if (parse(role_names, TALLY_ROLE__MAX, s, &i) == -1)
		return -1;
	*out = (enum tally_role)i;
	return 0;
}

const char *
tally_event_name(enum tally_event_kind k)
{
	return (unsigned)k < TALLY_EV__MAX ? event_names[k] : NULL;
}

int
tally_event_parse(const char *s, enum tally_event_kind *out)
{
	size_t i;

	if (parse(event_names, TALLY_EV__MAX, s, &i) == -1)
		return -1;
	*out = (enum tally_event_kind)i;
	return 0;
}

enum tally_role
tally_event_role(enum tally_event_kind k)
{
	if ((unsigned)k >= TALLY_EV__MAX)
		return TALLY_ROLE__MAX;
	return k <= TALLY_EV_DISCARD_2 ? TALLY_ROLE_TYPIST : TALLY_ROLE_COORDINATOR;
}

unsigned
tally_event_data(enum tally_event_kind k)
{
	return (unsigned)k < TALLY_EV__MAX ? event_data[k] : 0;
}

const char *
tally_verdict_code(enum tally_verdict v)
{
	return (unsigned)v < TALLY_VERDICT__MAX ? verdicts[v].code : NULL;
}

const char *
tally_verdict_message(enum tally_verdict v)
{
	return (unsigned)v < TALLY_VERDICT__MAX ? verdicts[v].message : NULL;
}

int
tally_verdict_http(enum tally_verdict v)
{
	return (unsigned)v < TALLY_VERDICT__MAX ? verdicts[v].http : 500;
}

int
tally_warnings_need_confirmation(int has_errors, int has_warnings)
{
	return !has_errors && has_warnings;
}

int
tally_state_equal(const struct tally_station_state *a, const struct tally_station_state *b)
{
	return a->status == b->status && a->first_user == b->first_user &&
	    a->second_user == b->second_user && a->first_has_errors == b->first_has_errors &&
	    a->second_has_errors == b->second_has_errors && a->correcting == b->correcting;
}

int
tally_open_entry(const struct tally_station_state *cur)
{
	if (cur->status == TALLY_STATUS_FIRST_IN_PROGRESS)
		return 1;
	if (cur->status == TALLY_STATUS_SECOND_IN_PROGRESS)
		return 2;
	return 0;
}

enum tally_verdict
tally_holds(const struct tally_station_state *cur, long actor, int entry)
{
	if (actor <= 0)
		return TALLY_V_NOT_YOUR_ENTRY;
	if ((entry != 1 && entry != 2) || tally_open_entry(cur) != entry)
		return TALLY_V_WRONG_STATE;
	return (entry == 1 ? cur->first_user : cur->second_user) == actor ? TALLY_OK :
	    TALLY_V_NOT_YOUR_ENTRY;
}

/* Whether typist me may do typist event k in state cur (status, then whose entry). */
static enum tally_verdict
typist_may(const struct tally_station_state *cur, long me, enum tally_event_kind k)
{
	enum tally_status st = cur->status;

	if (me <= 0)
		return TALLY_V_NOT_YOUR_ENTRY;
	switch (k) {
	case TALLY_EV_CLAIM_1:
		if (st == TALLY_STATUS_FIRST_IN_PROGRESS)
			return me == cur->first_user ? TALLY_OK : TALLY_V_ALREADY_CLAIMED;
		return st == TALLY_STATUS_EMPTY ? TALLY_OK : TALLY_V_WRONG_STATE;
	case TALLY_EV_CLAIM_2:
		if (st == TALLY_STATUS_SECOND_IN_PROGRESS)
			return me == cur->second_user ? TALLY_OK : TALLY_V_ALREADY_CLAIMED;
		if (st != TALLY_STATUS_FIRST_DONE)
			return TALLY_V_WRONG_STATE;
		return me == cur->first_user ? TALLY_V_SECOND_ENTRY_SAME_TYPIST : TALLY_OK;
	case TALLY_EV_SAVE_1:
	case TALLY_EV_FINALISE_1:
	case TALLY_EV_DISCARD_1:
		return tally_holds(cur, me, 1);
	case TALLY_EV_SAVE_2:
	case TALLY_EV_FINALISE_2:
	case TALLY_EV_DISCARD_2:
		return tally_holds(cur, me, 2);
	default:
		return TALLY_V_WRONG_STATE;
	}
}

/* Whether the coordinator may do coordinator event k in state cur. */
static enum tally_verdict
coordinator_may(const struct tally_station_state *cur, enum tally_event_kind k)
{
	switch (k) {
	case TALLY_EV_RESET:
		return TALLY_OK;
	case TALLY_EV_RETURN_FIRST:
	case TALLY_EV_DISCARD_FIRST:
		return cur->status == TALLY_STATUS_FIRST_HAS_ERRORS ? TALLY_OK : TALLY_V_WRONG_STATE;
	default:
		break;
	}
	if (cur->status != TALLY_STATUS_DIFFERENT)
		return TALLY_V_WRONG_STATE;
	/* An entry with errors cannot be the reference another typist corrects against. */
	if (k == TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND && cur->first_has_errors)
		return TALLY_V_HAS_ERRORS;
	if (k == TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST && cur->second_has_errors)
		return TALLY_V_HAS_ERRORS;
	return TALLY_OK;
}

enum tally_verdict
tally_allowed(const struct tally_station_state *cur, int count_finished, enum tally_role role,
    long actor, enum tally_event_kind k)
{
	if ((unsigned)cur->status >= TALLY_STATUS__MAX || (unsigned)k >= TALLY_EV__MAX)
		return TALLY_V_WRONG_STATE;
	if ((unsigned)role >= TALLY_ROLE__MAX || role != tally_event_role(k))
		return TALLY_V_WRONG_ROLE;
	if (count_finished == TALLY_CLOSED_NOT_INVESTIGATED)
		return TALLY_V_NO_INVESTIGATION;
	if (count_finished == TALLY_CLOSED_UNSTARTED) {
		/* Only the first claim of entry 1, on the station as it stands (definitive). */
		if (k != TALLY_EV_CLAIM_1 || cur->status != TALLY_STATUS_DEFINITIVE)
			return TALLY_V_WRONG_STATE;
		return actor > 0 ? TALLY_OK : TALLY_V_NOT_YOUR_ENTRY;
	}
	if (count_finished)
		return TALLY_V_COUNT_FINISHED;
	return role == TALLY_ROLE_TYPIST ? typist_may(cur, actor, k) : coordinator_may(cur, k);
}

int
tally_correction_starts(int count_finished, enum tally_event_kind k)
{
	return count_finished == TALLY_CLOSED_UNSTARTED && k == TALLY_EV_CLAIM_1;
}

/* The station when entry 1 is done: first_done, or first_has_errors. */
static void
first_only(struct tally_station_state *s, long user, int has_errors)
{
	memset(s, 0, sizeof(*s));
	s->status = has_errors ? TALLY_STATUS_FIRST_HAS_ERRORS : TALLY_STATUS_FIRST_DONE;
	s->first_user = user;
	s->first_has_errors = has_errors ? 1 : 0;
}

/*
 * The state after a typist's event that tally_allowed allowed, into *s (a copy of
 * *cur), or a refusal for the figures the event reports.
 */
static enum tally_verdict
typist_effect(const struct tally_station_state *cur, const struct tally_event *ev,
    struct tally_station_state *s)
{
	switch (ev->kind) {
	case TALLY_EV_CLAIM_1:
		if (cur->status == TALLY_STATUS_EMPTY) {
			memset(s, 0, sizeof(*s));
			s->status = TALLY_STATUS_FIRST_IN_PROGRESS;
			s->first_user = ev->actor;
		}
		return TALLY_OK;  /* else the holder resumes: no change */
	case TALLY_EV_CLAIM_2:
		if (cur->status == TALLY_STATUS_FIRST_DONE) {
			s->status = TALLY_STATUS_SECOND_IN_PROGRESS;
			s->second_user = ev->actor;
			s->second_has_errors = 0;
			s->correcting = 0;
		}
		return TALLY_OK;
	case TALLY_EV_FINALISE_1:
	case TALLY_EV_FINALISE_2:
		if (tally_warnings_need_confirmation(ev->has_errors, ev->has_warnings) &&
		    !ev->warnings_confirmed)
			return TALLY_V_WARNINGS_NOT_CONFIRMED;
		if (ev->kind == TALLY_EV_FINALISE_1) {
			first_only(s, ev->actor, ev->has_errors);
			return TALLY_OK;
		}
		if (ev->identical && ev->has_errors)
			return TALLY_V_HAS_ERRORS;
		s->correcting = 0;
		s->second_has_errors = ev->has_errors ? 1 : 0;
		s->status = ev->identical ? TALLY_STATUS_DEFINITIVE : TALLY_STATUS_DIFFERENT;
		return TALLY_OK;
	case TALLY_EV_DISCARD_1:
		memset(s, 0, sizeof(*s));
		return TALLY_OK;
	case TALLY_EV_DISCARD_2:
		first_only(s, cur->first_user, cur->first_has_errors);
		return TALLY_OK;
	default:
		return TALLY_OK;  /* a save: the state stays */
	}
}

/* The state after a coordinator's event that tally_allowed allowed, into *s. */
static void
coordinator_effect(const struct tally_station_state *cur, enum tally_event_kind k,
    struct tally_station_state *s)
{
	switch (k) {
	case TALLY_EV_RETURN_FIRST:
		memset(s, 0, sizeof(*s));
		s->status = TALLY_STATUS_FIRST_IN_PROGRESS;
		s->first_user = cur->first_user;
		break;
	case TALLY_EV_RESOLVE_KEEP_FIRST:
		first_only(s, cur->first_user, cur->first_has_errors);
		break;
	case TALLY_EV_RESOLVE_KEEP_SECOND:
		first_only(s, cur->second_user, cur->second_has_errors);
		break;
	case TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND:
		first_only(s, cur->first_user, 0);
		s->status = TALLY_STATUS_SECOND_IN_PROGRESS;
		s->second_user = cur->second_user;
		s->correcting = 1;
		break;
	case TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST:
		first_only(s, cur->second_user, 0);
		s->status = TALLY_STATUS_SECOND_IN_PROGRESS;
		s->second_user = cur->first_user;
		s->correcting = 1;
		break;
	default:  /* reset, discard_first, resolve_discard_both */
		memset(s, 0, sizeof(*s));
		break;
	}
}

enum tally_verdict
tally_transition(const struct tally_station_state *cur, const struct tally_event *ev,
    struct tally_station_state *next)
{
	struct tally_station_state s = *cur, empty;
	const struct tally_station_state *from = cur;
	enum tally_verdict v;

	v = tally_allowed(cur, ev->count_finished, ev->role, ev->actor, ev->kind);
	/* The corrected entries start from an empty station (its entries are cleared). */
	if (v == TALLY_OK && tally_correction_starts(ev->count_finished, ev->kind)) {
		memset(&empty, 0, sizeof(empty));
		from = &empty;
		s = empty;
	}
	if (v == TALLY_OK && ev->role == TALLY_ROLE_TYPIST)
		v = typist_effect(from, ev, &s);
	else if (v == TALLY_OK)
		coordinator_effect(cur, ev->kind, &s);
	*next = v == TALLY_OK ? s : *cur;
	return v;
}
