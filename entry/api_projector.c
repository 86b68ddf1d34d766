/*
 * The projector: a read-only view of the progress on a screen in the counting
 * room, which needs no coordinator session to stay open. The coordinator
 * makes a link (a 256-bit token, of which only the SHA-256 is stored), lists
 * the links and revokes them. The view shows the stations' states only: no
 * figure of any entry and no typist's name.
 *
 * Cheap limits: an address that sent 20 unknown tokens waits 1 s, then 2 s, 4 s
 * ... at most 15 minutes after each further one (throttle.c), and one
 * link answers at most PROJECTOR_RATE requests a minute (a screen polls every
 * 5 to 10 seconds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "crypto/crypto.h"
#include "entry/internal.h"

#define PROJECTOR_HEADER  "X-Projector-Token"
#define PROJECTOR_RATE    60          /* requests per link per window */
#define PROJECTOR_WINDOW  60          /* seconds */
#define PROJECTOR_SLOTS   64

static struct {
	long id, start;
	int count;
} rate[PROJECTOR_SLOTS];
static pthread_mutex_t rate_lock = PTHREAD_MUTEX_INITIALIZER;

/* Counts a request of link id; 0 when within the limit, else the seconds to wait. */
static unsigned rate_take(long id, long now)
{
	size_t i = (size_t)id % PROJECTOR_SLOTS;
	unsigned wait = 0;

	pthread_mutex_lock(&rate_lock);
	if (rate[i].id != id || now - rate[i].start >= PROJECTOR_WINDOW) {
		rate[i].id = id;
		rate[i].start = now;
		rate[i].count = 0;
	}
	if (rate[i].count >= PROJECTOR_RATE)
		wait = (unsigned)(PROJECTOR_WINDOW - (now - rate[i].start));
	else
		rate[i].count++;
	pthread_mutex_unlock(&rate_lock);
	return wait;
}

/* A link has nothing to choose (yet): the body may be empty or {}. 0, or -1 after answering 400. */
static int no_choices(struct req *r)
{
	json_t *b;

	if (r->body.len == 0)
		return 0;
	if ((b = req_body_json(r)) == NULL)
		return -1;
	json_decref(b);
	return 0;
}

static void api_projector_link_create(struct req *r)
{
	char token[TOKEN_LEN], th[HASH_HEX_LEN], url[TOKEN_LEN + 32];
	long id = 0;
	int rc;

	if (no_choices(r) != 0)
		return;
	if (token_new(token) != 0) {
		req_internal(r);
		return;
	}
	token_hash(token, th);
	rc = store_projector_link_add(server_store(r->srv), th, &r->actor, &id);
	if (rc == STORE_ERR_STATE) {
		req_error(r, 409, "too_many_links", "Er zijn al 20 projectorlinks in gebruik. Trek er "
		          "eerst een in.");
	} else if (rc != STORE_OK) {
		req_internal(r);
	} else {
		snprintf(url, sizeof url, "/#/projector/%s", token);
		req_json(r, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "token", token,
		                           "url", url));
	}
	crypto_cleanse(token, sizeof token);
	crypto_cleanse(url, sizeof url);
}

static void api_projector_links(struct req *r)
{
	struct store_projector_link *l = NULL;
	size_t n = 0, i;
	json_t *arr;

	if (store_projector_links_list(server_store(r->srv), &l, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:o, s:s, s:o, s:b}", "id",
		                      (json_int_t)l[i].id, "created_by", api_text(l[i].created_by),
		                      "created_at", l[i].created_at, "revoked_at",
		                      l[i].revoked_at[0] ? json_string(l[i].revoked_at) : json_null(),
		                      "active", l[i].revoked_at[0] == '\0'));
	free(l);
	req_json(r, 200, arr);
}

static void api_projector_link_revoke(struct req *r)
{
	int rc;

	if (no_choices(r) != 0)
		return;
	rc = store_projector_link_revoke(server_store(r->srv), r->param[0], &r->actor);
	if (rc == STORE_ERR_NOT_FOUND)
		req_error(r, 404, "not_found", "Deze projectorlink bestaat niet.");
	else if (rc == STORE_ERR_STATE)
		req_error(r, 409, "wrong_state", "Deze projectorlink is al ingetrokken.");
	else if (rc != STORE_OK)
		req_internal(r);
	else
		req_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)r->param[0], "active", 0));
}

static void api_projector(struct req *r)
{
	struct store *s = server_store(r->srv);
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, PROJECTOR_HEADER);
	struct store_station_full *st = NULL;
	struct tally_election e;
	size_t n = 0, i, ndef = 0, by[TALLY_STATUS__MAX] = {0};
	char th[HASH_HEX_LEN], when[32];
	json_t *o, *stations, *status;
	unsigned wait = 0;
	long now = (long)time(NULL), id = 0;
	int k, rc;

	if (throttle_projector_check(r->address, &wait)) {
		r->retry_after = wait;
		req_error(r, 429, "too_many_attempts", "Te veel onbekende projectorlinks vanaf dit "
		          "adres. Wacht even en probeer het opnieuw.");
		return;
	}
	/* Looked up by the token's hash: what the database compares reveals nothing of the token. */
	rc = STORE_ERR_NOT_FOUND;
	if (tok != NULL && token_check(tok) == 0) {
		token_hash(tok, th);
		rc = store_projector_link_find(s, th, &id);
	}
	if (rc == STORE_ERR_NOT_FOUND) {
		throttle_projector_fail(r->address);
		req_error(r, 401, "bad_token", "Deze projectorlink bestaat niet of is ingetrokken. "
		          "Vraag de coördinator om een nieuwe.");
		return;
	}
	if (rc != STORE_OK) {
		req_internal(r);
		return;
	}
	if ((wait = rate_take(id, now)) > 0) {
		r->retry_after = wait;
		req_error(r, 429, "too_many_requests", "Deze projectorlink vraagt te vaak. Eens per "
		          "vijf seconden is genoeg.");
		return;
	}
	if (store_stations_full(s, &st, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	stations = json_array();
	for (i = 0; i < n; i++) {
		if (st[i].state.status < TALLY_STATUS__MAX)
			by[st[i].state.status]++;
		ndef += st[i].state.status == TALLY_STATUS_DEFINITIVE;
		json_array_append_new(stations, json_pack("{s:i, s:o, s:s}", "number", st[i].st.number,
		                      "name", api_text(st[i].st.name), "status",
		                      tally_status_name(st[i].state.status)));
	}
	free(st);
	status = json_object();
	for (k = 0; k < TALLY_STATUS__MAX; k++)
		json_object_set_new(status, tally_status_name((enum tally_status)k),
		                    json_integer((json_int_t)by[k]));
	date_utc((time_t)now, "%Y-%m-%dT%H:%M:%SZ", when, sizeof when);
	o = json_object();
	json_object_set_new(o, "election", store_election_get(s, &e) == STORE_OK ?
	                    api_text(e.name) : json_null());
	json_object_set_new(o, "stations_total", json_integer((json_int_t)n));
	json_object_set_new(o, "stations_definitive", json_integer((json_int_t)ndef));
	json_object_set_new(o, "by_status", status);
	json_object_set_new(o, "stations", stations);
	json_object_set_new(o, "updated", json_string(when));
	req_json(r, 200, o);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/projector-links", R_COORD, SESSION, api_projector_links},
	{"POST", "/api/projector-links", R_COORD, SESSION, api_projector_link_create},
	{"POST", "/api/projector-links/{n}/revoke", R_COORD, SESSION, api_projector_link_revoke},
	{"GET", "/api/projector", R_ALL, NO_SESSION, api_projector},   /* X-Projector-Token */
};
const struct api_routes api_projector_routes = {routes, sizeof routes / sizeof routes[0]};
