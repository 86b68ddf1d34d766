/*
 * GET /api/vocabulary: the words and rules that the server owns and the page
 * shows, so that the page keeps no copies of its own (tally/labels.h): the
 * stations' statuses with their Dutch labels, the count form's fixed fields
 * per group (letter, JSON name, label), the largest count a field holds, and
 * per status the coordinator's actions that the state machine offers. The
 * actions' names and their order are tally's (tally_action_name); which ones a
 * station offers, tally_offered_state.
 */
#include "entry/internal.h"
#include "tally/labels.h"

json_t *api_station_actions(const struct tally_station_state *st, int count_finished)
{
	json_t *list = json_array();
	enum tally_event_kind k;
	size_t j;

	for (j = 0; list != NULL && (k = tally_action_at(j)) != TALLY_EV__MAX; j++)
		if (tally_offered_state(st, count_finished, TALLY_ROLE_COORDINATOR, 0, k))
			json_array_append_new(list, json_string(tally_action_name(k)));
	return list;
}

/* Returns the vocabulary as a new JSON object, or NULL when out of memory. */
static json_t *vocabulary(void)
{
	json_t *o = json_object(), *statuses = json_array(), *groups = json_array();
	json_t *coord = json_object(), *actions = json_object();
	const struct tally_group_label *g;
	enum tally_event_kind k;
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
	/* the largest count a field holds (domain.md §3): the entry fields' length */
	bad |= json_object_set_new(o, "count_max", json_integer(TALLY_COUNT_MAX));
	for (i = 0; i < TALLY_STATUS__MAX; i++) {
		bad |= json_array_append_new(statuses, json_pack("{s:s,s:s}",
		    "name", tally_status_name((enum tally_status)i),
		    "label", tally_status_label((enum tally_status)i)));
		if ((list = json_array()) == NULL || json_object_set_new(coord,
		    tally_status_name((enum tally_status)i), list) != 0) {
			bad = 1;
			continue;
		}
		for (j = 0; (k = tally_action_at(j)) != TALLY_EV__MAX; j++)
			if (tally_offered((enum tally_status)i, TALLY_ROLE_COORDINATOR, k))
				bad |= json_array_append_new(list, json_string(tally_action_name(k)));
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

static void api_vocabulary(struct req *r)
{
	json_t *o = vocabulary();

	if (o == NULL) {
		req_error(r, 500, "internal", "Er ging iets mis op de server. Probeer het opnieuw.");
		return;
	}
	req_json(r, 200, o);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/vocabulary", R_ALL, SESSION, api_vocabulary},
};
const struct api_routes api_vocabulary_routes = {routes, sizeof routes / sizeof routes[0]};
