/*
 * The double-entry state machine of one polling station (domain.md §5).
 * One pure function decides every event; count.h documents each transition.
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
	[TALLY_EV_SAVE_1] = TALLY_DATA_WRITE_1,
	[TALLY_EV_FINALISE_1] = TALLY_DATA_WRITE_1,
	[TALLY_EV_DISCARD_1] = TALLY_DATA_DROP_1,
	[TALLY_EV_SAVE_2] = TALLY_DATA_WRITE_2,
	[TALLY_EV_FINALISE_2] = TALLY_DATA_WRITE_2,
	[TALLY_EV_DISCARD_2] = TALLY_DATA_DROP_2,
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

int
tally_resolve_parse(const char *action, enum tally_event_kind *out)
{
	static const char prefix[] = "resolve_";
	size_t i;

	if (action == NULL)
		return -1;
	for (i = TALLY_EV_RESOLVE_KEEP_FIRST; i <= TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST; i++)
		if (strcmp(event_names[i] + sizeof(prefix) - 1, action) == 0) {
			*out = (enum tally_event_kind)i;
			return 0;
		}
	return -1;
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

static int
is_typist_event(enum tally_event_kind k)
{
	return k <= TALLY_EV_DISCARD_2;
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

static enum tally_verdict
typist(const struct tally_station_state *cur, const struct tally_event *ev,
    struct tally_station_state *s)
{
	enum tally_status st = cur->status;
	long me = ev->actor;

	if (me <= 0)
		return TALLY_V_NOT_YOUR_ENTRY;
	switch (ev->kind) {
	case TALLY_EV_CLAIM_1:
		if (st == TALLY_STATUS_FIRST_IN_PROGRESS)
			return me == cur->first_user ? TALLY_OK : TALLY_V_ALREADY_CLAIMED;
		if (st != TALLY_STATUS_EMPTY)
			return TALLY_V_WRONG_STATE;
		memset(s, 0, sizeof(*s));
		s->status = TALLY_STATUS_FIRST_IN_PROGRESS;
		s->first_user = me;
		return TALLY_OK;
	case TALLY_EV_CLAIM_2:
		if (st == TALLY_STATUS_SECOND_IN_PROGRESS)
			return me == cur->second_user ? TALLY_OK : TALLY_V_ALREADY_CLAIMED;
		if (st != TALLY_STATUS_FIRST_DONE)
			return TALLY_V_WRONG_STATE;
		if (me == cur->first_user)
			return TALLY_V_SECOND_ENTRY_SAME_TYPIST;
		s->status = TALLY_STATUS_SECOND_IN_PROGRESS;
		s->second_user = me;
		s->second_has_errors = 0;
		s->correcting = 0;
		return TALLY_OK;
	case TALLY_EV_SAVE_1:
	case TALLY_EV_FINALISE_1:
	case TALLY_EV_DISCARD_1:
		if (st != TALLY_STATUS_FIRST_IN_PROGRESS)
			return TALLY_V_WRONG_STATE;
		if (me != cur->first_user)
			return TALLY_V_NOT_YOUR_ENTRY;
		if (ev->kind == TALLY_EV_FINALISE_1)
			first_only(s, me, ev->has_errors);
		else if (ev->kind == TALLY_EV_DISCARD_1)
			memset(s, 0, sizeof(*s));
		return TALLY_OK;
	case TALLY_EV_SAVE_2:
	case TALLY_EV_FINALISE_2:
	case TALLY_EV_DISCARD_2:
		if (st != TALLY_STATUS_SECOND_IN_PROGRESS)
			return TALLY_V_WRONG_STATE;
		if (me != cur->second_user)
			return TALLY_V_NOT_YOUR_ENTRY;
		if (ev->kind == TALLY_EV_DISCARD_2)
			first_only(s, cur->first_user, cur->first_has_errors);
		else if (ev->kind == TALLY_EV_FINALISE_2) {
			if (ev->identical && ev->has_errors)
				return TALLY_V_HAS_ERRORS;
			s->correcting = 0;
			s->second_has_errors = ev->has_errors ? 1 : 0;
			s->status = ev->identical ? TALLY_STATUS_DEFINITIVE :
			    TALLY_STATUS_DIFFERENT;
		}
		return TALLY_OK;
	default:
		return TALLY_V_WRONG_STATE;
	}
}

static enum tally_verdict
coordinator(const struct tally_station_state *cur, const struct tally_event *ev,
    struct tally_station_state *s)
{
	enum tally_status st = cur->status;

	switch (ev->kind) {
	case TALLY_EV_RESET:
		memset(s, 0, sizeof(*s));
		return TALLY_OK;
	case TALLY_EV_RETURN_FIRST:
	case TALLY_EV_DISCARD_FIRST:
		if (st != TALLY_STATUS_FIRST_HAS_ERRORS)
			return TALLY_V_WRONG_STATE;
		if (ev->kind == TALLY_EV_DISCARD_FIRST) {
			memset(s, 0, sizeof(*s));
			return TALLY_OK;
		}
		memset(s, 0, sizeof(*s));
		s->status = TALLY_STATUS_FIRST_IN_PROGRESS;
		s->first_user = cur->first_user;
		return TALLY_OK;
	default:
		break;
	}

	if (st != TALLY_STATUS_DIFFERENT)
		return TALLY_V_WRONG_STATE;
	switch (ev->kind) {
	case TALLY_EV_RESOLVE_KEEP_FIRST:
		first_only(s, cur->first_user, cur->first_has_errors);
		return TALLY_OK;
	case TALLY_EV_RESOLVE_KEEP_SECOND:
		first_only(s, cur->second_user, cur->second_has_errors);
		return TALLY_OK;
	case TALLY_EV_RESOLVE_DISCARD_BOTH:
		memset(s, 0, sizeof(*s));
		return TALLY_OK;
	case TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND:
		if (cur->first_has_errors)
			return TALLY_V_HAS_ERRORS;
		first_only(s, cur->first_user, 0);
		s->status = TALLY_STATUS_SECOND_IN_PROGRESS;
		s->second_user = cur->second_user;
		s->correcting = 1;
		return TALLY_OK;
	case TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST:
		if (cur->second_has_errors)
			return TALLY_V_HAS_ERRORS;
		first_only(s, cur->second_user, 0);
		s->status = TALLY_STATUS_SECOND_IN_PROGRESS;
		s->second_user = cur->first_user;
		s->correcting = 1;
		return TALLY_OK;
	default:
		return TALLY_V_WRONG_STATE;
	}
}

enum tally_verdict
tally_transition(const struct tally_station_state *cur, const struct tally_event *ev,
    struct tally_station_state *next)
{
	struct tally_station_state s = *cur;
	enum tally_verdict v;

	if ((unsigned)cur->status >= TALLY_STATUS__MAX ||
	    (unsigned)ev->kind >= TALLY_EV__MAX) {
		v = TALLY_V_WRONG_STATE;
		goto out;
	}
	if ((unsigned)ev->role >= TALLY_ROLE__MAX) {
		v = TALLY_V_WRONG_ROLE;
		goto out;
	}
	if (ev->count_finished && (is_typist_event(ev->kind) ? ev->role == TALLY_ROLE_TYPIST :
	                           ev->role == TALLY_ROLE_COORDINATOR)) {
		v = TALLY_V_COUNT_FINISHED;
		goto out;
	}
	if (is_typist_event(ev->kind))
		v = ev->role == TALLY_ROLE_TYPIST ? typist(cur, ev, &s) : TALLY_V_WRONG_ROLE;
	else
		v = ev->role == TALLY_ROLE_COORDINATOR ? coordinator(cur, ev, &s) :
		    TALLY_V_WRONG_ROLE;
out:
	*next = v == TALLY_OK ? s : *cur;
	return v;
}
