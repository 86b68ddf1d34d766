/*
 * GET /api/vocabulary: the words and rules that the server owns and the page
 * shows, so that the page keeps no copies of its own (tally/labels.h): the
 * stations' statuses with their Dutch labels, the count form's fixed fields
 * per group (letter, JSON name, label), and per status the coordinator's
 * actions that the state machine offers.
 */
#include "entry/internal.h"
#include "tally/labels.h"

/*
 * The coordinator's events by their names in this API (the "action" of POST
 * /api/stations/{n}/resolve, or "reset" for POST /api/stations/{n}/reset).
 */
static const struct {
	enum tally_event_kind kind;
	const char *action;
} coordinator_actions[] = {
	{ TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND, "keep_first_correct_second" },
	{ TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST, "keep_second_correct_first" },
	{ TALLY_EV_RESOLVE_KEEP_FIRST, "keep_first" },
	{ TALLY_EV_RESOLVE_KEEP_SECOND, "keep_second" },
	{ TALLY_EV_RESOLVE_DISCARD_BOTH, "discard_both" },
	{ TALLY_EV_RETURN_FIRST, "return_to_typist" },
	{ TALLY_EV_DISCARD_FIRST, "discard_first" },
	{ TALLY_EV_RESET, "reset" },
};

json_t *api_station_actions(const struct tally_station_state *st, int count_finished)
{
	json_t *list = json_array();
	size_t j;

	for (j = 0; list != NULL && j < sizeof coordinator_actions / sizeof coordinator_actions[0]; j++)
		if (tally_offered_state(st, count_finished, TALLY_ROLE_COORDINATOR,
		                        coordinator_actions[j].kind))
			json_array_append_new(list, json_string(coordinator_actions[j].action));
	return list;
}

/* Returns the vocabulary as a new JSON object, or NULL when out of memory. */
static json_t *vocabulary(void)
{
	json_t *o = json_object(), *statuses = json_array(), *groups = json_array();
	json_t *coord = json_object(), *actions = json_object();
	const struct tally_group_label *g;
	json_t *fields, *list;
	size_t i, j;
	int bad = 0;

	if (o == NULL || statuses == NULL || groups == NULL || coord == NULL || actions == NULL) {
		json_decref(statuses);
		json_decref(groups);
		json_decref(coord);
		json_decref(actions);
		json_decref(o);
		return NULL;
	}
	bad |= json_object_set_new(o, "statuses", statuses);
	bad |= json_object_set_new(o, "groups", groups);
	bad |= json_object_set_new(actions, "coordinator", coord);
	bad |= json_object_set_new(o, "actions", actions);
	for (i = 0; i < TALLY_STATUS__MAX; i++) {
		bad |= json_array_append_new(statuses, json_pack("{s:s,s:s}",
		    "name", tally_status_name((enum tally_status)i),
		    "label", tally_status_label((enum tally_status)i)));
		if ((list = json_array()) == NULL || json_object_set_new(coord,
		    tally_status_name((enum tally_status)i), list) != 0) {
			bad = 1;
			continue;
		}
		for (j = 0; j < sizeof coordinator_actions / sizeof coordinator_actions[0]; j++)
			if (tally_offered((enum tally_status)i, TALLY_ROLE_COORDINATOR,
			                  coordinator_actions[j].kind))
				bad |= json_array_append_new(list, json_string(coordinator_actions[j].action));
	}
	for (i = 0; i < TALLY_GROUP__MAX; i++) {
		g = tally_group_label((enum tally_group)i);
		if ((fields = json_array()) == NULL) {
			bad = 1;
			continue;
		}
		for (j = 0; j < g->nfields; j++)
			bad |= json_array_append_new(fields, json_pack("{s:s,s:s,s:s}",
			    "letter", g->fields[j].letter, "name", g->fields[j].name,
			    "label", g->fields[j].label));
		bad |= json_array_append_new(groups, json_pack("{s:s,s:s,s:o}",
		    "name", g->name, "title", g->title, "fields", fields));
	}
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

void api_vocabulary(struct req *r)
{
	json_t *o = vocabulary();

	if (o == NULL) {
		req_error(r, 500, "internal", "Er ging iets mis op de server. Probeer het opnieuw.");
		return;
	}
	req_json(r, 200, o);
}
