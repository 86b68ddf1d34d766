/*
 * What the state machine offers (count.h): the coordinator's events by their
 * names in the API, in one table; which events an account is offered at a
 * station; the typist's claimable entry; what a station waits for; whether the
 * count is complete. Everything here asks tally_allowed / tally_transition
 * (state.c), so the server's handlers, its JSON and the pages follow one rule.
 */
#include <string.h>

#include "tally/count.h"

/* The coordinator's events by their API names, in the order the pages list them. */
static const struct {
	enum tally_event_kind kind;
	const char *name;
} actions[] = {
	{ TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND, "keep_first_correct_second" },
	{ TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST, "keep_second_correct_first" },
	{ TALLY_EV_RESOLVE_KEEP_FIRST, "keep_first" },
	{ TALLY_EV_RESOLVE_KEEP_SECOND, "keep_second" },
	{ TALLY_EV_RESOLVE_DISCARD_BOTH, "discard_both" },
	{ TALLY_EV_RETURN_FIRST, "return_to_typist" },
	{ TALLY_EV_DISCARD_FIRST, "discard_first" },
	{ TALLY_EV_RESET, "reset" },
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

static const char *const wait_names[TALLY_WAIT__MAX] = {
	[TALLY_WAIT_NONE] = NULL,
	[TALLY_WAIT_FIRST_ENTRY] = "first_entry",
	[TALLY_WAIT_TYPIST] = "typist",
	[TALLY_WAIT_SECOND_ENTRY] = "second_entry",
	[TALLY_WAIT_COORDINATOR] = "coordinator",
};

const char *
tally_action_name(enum tally_event_kind k)
{
	size_t i;

	for (i = 0; i < NACTIONS; i++)
		if (actions[i].kind == k)
			return actions[i].name;
	return NULL;
}

enum tally_event_kind
tally_action_at(size_t i)
{
	return i < NACTIONS ? actions[i].kind : TALLY_EV__MAX;
}

int
tally_resolve_parse(const char *action, enum tally_event_kind *out)
{
	size_t i;

	if (action == NULL)
		return -1;
	for (i = 0; i < NACTIONS; i++)
		if (actions[i].kind != TALLY_EV_RESET && strcmp(actions[i].name, action) == 0) {
			*out = actions[i].kind;
			return 0;
		}
	return -1;
}

int
tally_offered_state(const struct tally_station_state *cur, int count_finished,
    enum tally_role role, long actor, enum tally_event_kind k)
{
	struct tally_station_state next;
	struct tally_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = k;
	ev.actor = actor;
	ev.role = role;
	ev.count_finished = count_finished;
	ev.warnings_confirmed = 1;
	if (tally_transition(cur, &ev, &next) != TALLY_OK)
		return 0;
	return !tally_state_equal(cur, &next);
}

int
tally_entry_claimable(const struct tally_station_state *cur, int count_finished, long actor)
{
	if (tally_offered_state(cur, count_finished, TALLY_ROLE_TYPIST, actor, TALLY_EV_CLAIM_1))
		return 1;
	if (tally_offered_state(cur, count_finished, TALLY_ROLE_TYPIST, actor, TALLY_EV_CLAIM_2))
		return 2;
	return 0;
}

int
tally_entry_held(const struct tally_station_state *cur, long actor)
{
	int e = tally_open_entry(cur);

	return e != 0 && tally_holds(cur, actor, e) == TALLY_OK ? e : 0;
}

enum tally_wait
tally_waits_for(const struct tally_station_state *cur, int count_finished)
{
	enum tally_event_kind k;
	long other = 1, holder;
	size_t i;
	int e;

	for (i = 0; (k = tally_action_at(i)) != TALLY_EV__MAX; i++)
		if (k != TALLY_EV_RESET &&
		    tally_offered_state(cur, count_finished, TALLY_ROLE_COORDINATOR, 0, k))
			return TALLY_WAIT_COORDINATOR;
	if ((e = tally_open_entry(cur)) != 0) {
		holder = e == 1 ? cur->first_user : cur->second_user;
		if (tally_allowed(cur, count_finished, TALLY_ROLE_TYPIST, holder,
		    e == 1 ? TALLY_EV_SAVE_1 : TALLY_EV_SAVE_2) == TALLY_OK)
			return TALLY_WAIT_TYPIST;
	}
	/* Someone who has typed nothing at this station. */
	while (other == cur->first_user || other == cur->second_user)
		other++;
	if (tally_offered_state(cur, count_finished, TALLY_ROLE_TYPIST, other, TALLY_EV_CLAIM_2))
		return TALLY_WAIT_SECOND_ENTRY;
	if (tally_offered_state(cur, count_finished, TALLY_ROLE_TYPIST, other, TALLY_EV_CLAIM_1))
		return TALLY_WAIT_FIRST_ENTRY;
	return TALLY_WAIT_NONE;
}

const char *
tally_wait_name(enum tally_wait w)
{
	return (unsigned)w < TALLY_WAIT__MAX ? wait_names[w] : NULL;
}

int
tally_count_complete(size_t ndefinitive, size_t nstations)
{
	return nstations > 0 && ndefinitive == nstations;
}
