/*
 * The audit log on a page (coordinator and administrator): newest first, a
 * page at a time, filtered by station, person and action, with the result of
 * the hash chain's check (the same check as `teller audit --verify`, walked in
 * batches so that the typists' saves are not held up meanwhile).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "entry/internal.h"

#define AUDIT_PAGE_DEFAULT 200

/* A query parameter, NULL when absent or empty (an empty filter is no filter). */
static const char *param(struct req *r, const char *key)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* A whole number 1 .. max written in plain digits, no leading zero; -1 for anything else. */
long api_positive(const char *text, long max)
{
	if (text == NULL || text[0] < '1' || text[0] > '9')
		return -1;
	return (long)num_or(text, 1, max, -1);
}

json_t *api_text(const char *s)
{
	json_t *j = json_string(s);
	size_t n, i;
	char *copy;

	if (j != NULL)
		return j;
	/* Not UTF-8 (a detail cut short mid-character): shown with '?' for the bytes that are
	 * not ASCII, rather than not at all. */
	n = strlen(s);
	if ((copy = malloc(n + 1)) == NULL)
		return json_string("");
	for (i = 0; i <= n; i++)
		copy[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
	j = json_string(copy);
	free(copy);
	return j != NULL ? j : json_string("");
}

static int action_name_ok(const char *a)
{
	size_t i, n = strlen(a);

	if (n == 0 || n >= sizeof ((struct store_audit_action *)0)->name)
		return 0;
	for (i = 0; i < n; i++)
		if (!((a[i] >= 'a' && a[i] <= 'z') || (a[i] >= '0' && a[i] <= '9') || a[i] == '_'))
			return 0;
	return 1;
}

static void api_audit(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_audit_filter f = {0, NULL, NULL, 0, AUDIT_PAGE_DEFAULT};
	struct store_audit_record *recs = NULL;
	const char *v;
	size_t n = 0, i;
	long next = 0, bad = 0, x;
	json_t *arr, *o;
	int vrc;

	if ((v = param(r, "station")) != NULL) {
		if ((x = api_positive(v, LIMIT_PATH_NUMBER_MAX)) < 0) {
			req_error(r, 400, "bad_param", "station moet het nummer van een stembureau zijn "
			          "(een positief geheel getal).");
			return;
		}
		f.station = (int)x;
	}
	if ((v = param(r, "actor")) != NULL) {
		if (strlen(v) >= STORE_NAME_MAX) {
			req_error(r, 400, "bad_param", "actor is geen naam van een account.");
			return;
		}
		f.actor = v;
	}
	if ((v = param(r, "action")) != NULL) {
		if (!action_name_ok(v)) {
			req_error(r, 400, "bad_param", "action is geen naam van een handeling (zie "
			          "/api/audit/actions).");
			return;
		}
		f.action = v;
	}
	if ((v = param(r, "limit")) != NULL) {
		if ((x = api_positive(v, STORE_AUDIT_PAGE_MAX)) < 0) {
			req_error(r, 400, "bad_param", "limit moet een geheel getal van 1 tot en met 1000 "
			          "zijn.");
			return;
		}
		f.limit = (size_t)x;
	}
	if ((v = param(r, "before_id")) != NULL) {
		if ((x = api_positive(v, LIMIT_RECORD_ID_MAX)) < 0) {
			req_error(r, 400, "bad_param", "before_id moet een positief geheel getal zijn.");
			return;
		}
		f.before_id = x;
	}
	if (store_audit_query(s, &f, &recs, &n, &next) != STORE_OK) {
		req_internal(r);
		return;
	}
	vrc = store_audit_verify_paced(s, &bad);
	if (vrc != STORE_OK && vrc != STORE_ERR_STATE) {
		free(recs);
		req_internal(r);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		const struct store_audit_row *w = &recs[i].row;

		json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		                      "id", (json_int_t)w->id, "at", api_text(w->at),
		                      "actor", api_text(w->actor), "role", api_text(w->role),
		                      "address", api_text(w->address), "action", api_text(w->action),
		                      "detail", api_text(w->detail), "station", recs[i].station > 0 ?
		                      json_integer(recs[i].station) : json_null()));
	}
	free(recs);
	o = json_object();
	json_object_set_new(o, "records", arr);
	json_object_set_new(o, "chain_intact", json_boolean(vrc == STORE_OK));
	json_object_set_new(o, "chain_broken_at", vrc == STORE_OK ? json_null() : json_integer(bad));
	json_object_set_new(o, "next_before_id", next > 0 ? json_integer(next) : json_null());
	req_json(r, 200, o);
}

static void api_audit_actions(struct req *r)
{
	struct store_audit_action *a = NULL;
	size_t n = 0, i;
	json_t *arr;

	if (store_audit_actions(server_store(r->srv), &a, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, api_text(a[i].name));
	free(a);
	req_json(r, 200, json_pack("{s:o}", "actions", arr));
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/audit", R_COORD | R_ADMIN, SESSION, api_audit},
	{"GET", "/api/audit/actions", R_COORD | R_ADMIN, SESSION, api_audit_actions},
};
const struct api_routes api_audit_routes = {routes, sizeof routes / sizeof routes[0]};
