/*
 * The committee's session on the page: GET and PUT /api/committee-session.
 * The check of the values is act/'s (act/committee.c, shared with `teller
 * committee`); the rows are store/'s, the printing export/'s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry/internal.h"
#include "export/docs.h"

/* "" as null: not known yet. */
static json_t *text_or_null(const char *s)
{
	return s[0] != '\0' ? json_string(s) : json_null();
}

static void api_committee_get(struct req *r)
{
	struct store_committee_session *cs = malloc(sizeof *cs);
	json_t *o, *m;
	size_t i;
	int rc;

	if (cs == NULL) {
		req_internal(r);
		return;
	}
	rc = store_committee_session_get(server_store(r->srv), COMMITTEE_SESSION_NUMBER, cs);
	if (rc != STORE_OK && rc != STORE_ERR_NOT_FOUND) {
		free(cs);
		req_internal(r);
		return;
	}
	m = json_array();
	for (i = 0; i < cs->nmembers; i++)
		json_array_append_new(m, api_text(cs->members[i]));
	o = json_object();
	json_object_set_new(o, "number", json_integer(cs->number));
	json_object_set_new(o, "place", cs->place[0] ? api_text(cs->place) : json_null());
	json_object_set_new(o, "date", text_or_null(cs->date));
	json_object_set_new(o, "start_time", text_or_null(cs->start_time));
	json_object_set_new(o, "end_time", text_or_null(cs->end_time));
	json_object_set_new(o, "members", m);
	json_object_set_new(o, "updated_at", text_or_null(cs->updated_at));
	free(cs);
	req_json(r, 200, o);
}

/* Copies member key of b into out (size bytes): absent, null and "" leave it empty. 0, or -1
 * after answering 400/422. */
static int text_member(struct req *r, const json_t *b, const char *key, char *out, size_t size)
{
	const json_t *v = json_object_get(b, key);
	char msg[160];

	out[0] = '\0';
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		snprintf(msg, sizeof msg, "%s moet tekst zijn (of null).", key);
		req_error(r, 400, "bad_json", msg);
		return -1;
	}
	if (json_string_length(v) >= size || strlen(json_string_value(v)) != json_string_length(v)) {
		snprintf(msg, sizeof msg, "%s is te lang of bevat een nul-teken.", key);
		req_error(r, 422, "refused", msg);
		return -1;
	}
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static void api_committee_put(struct req *r)
{
	static const char *const known[] = {"place", "date", "start_time", "end_time", "members"};
	struct store_committee_session *cs = NULL;
	const char *key;
	const json_t *mem, *val;
	json_t *b = req_body_json(r);
	char why[200];
	size_t i, k;

	if (b == NULL)
		return;
	/* A PUT replaces the whole: a misspelt key would silently empty a field. */
	json_object_foreach(b, key, val) {
		for (k = 0; k < sizeof known / sizeof known[0]; k++)
			if (strcmp(key, known[k]) == 0)
				break;
		if (k == sizeof known / sizeof known[0]) {
			req_error(r, 400, "bad_json", "Onbekend veld. De velden zijn place, date, "
			          "start_time, end_time en members.");
			goto out;
		}
	}
	if ((cs = calloc(1, sizeof *cs)) == NULL) {
		req_internal(r);
		goto out;
	}
	cs->number = COMMITTEE_SESSION_NUMBER;
	if (text_member(r, b, "place", cs->place, sizeof cs->place) != 0 ||
	    text_member(r, b, "date", cs->date, sizeof cs->date) != 0 ||
	    text_member(r, b, "start_time", cs->start_time, sizeof cs->start_time) != 0 ||
	    text_member(r, b, "end_time", cs->end_time, sizeof cs->end_time) != 0)
		goto out;
	mem = json_object_get(b, "members");
	if (mem != NULL && !json_is_null(mem)) {
		if (!json_is_array(mem)) {
			req_error(r, 400, "bad_json", "members moet een lijst van namen zijn.");
			goto out;
		}
		if (json_array_size(mem) > STORE_COMMITTEE_MEMBERS_MAX) {
			req_error(r, 422, "refused", "Er kunnen hoogstens 30 leden worden genoemd.");
			goto out;
		}
		for (i = 0; i < json_array_size(mem); i++) {
			val = json_array_get(mem, i);
			if (!json_is_string(val)) {
				req_error(r, 400, "bad_json", "members moet een lijst van namen (tekst) zijn.");
				goto out;
			}
			if (json_string_length(val) > STORE_COMMITTEE_TEXT_MAX ||
			    strlen(json_string_value(val)) != json_string_length(val) ||
			    json_string_length(val) == 0) {
				snprintf(why, sizeof why, "Lid %zu: een naam (met functie) moet 1 tot 200 "
				         "gewone tekens zijn.", i + 1);
				req_error(r, 422, "refused", why);
				goto out;
			}
			memcpy(cs->members[i], json_string_value(val), json_string_length(val) + 1);
		}
		cs->nmembers = json_array_size(mem);
	}
	if (committee_session_check(cs, 1, why, sizeof why) != 0) {
		req_error(r, 422, "refused", why);
		goto out;
	}
	if (store_committee_session_put(server_store(r->srv), cs, &r->actor) != STORE_OK) {
		req_internal(r);
		goto out;
	}
	free(cs);
	cs = NULL;
	api_committee_get(r);
out:
	free(cs);
	json_decref(b);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/committee-session", R_COORD | R_ADMIN, SESSION, api_committee_get},
	{"PUT", "/api/committee-session", R_COORD, SESSION, api_committee_put},
};
const struct api_routes api_committee_routes = {routes, sizeof routes / sizeof routes[0]};
