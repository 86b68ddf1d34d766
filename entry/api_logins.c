/*
 * The login throttle as the coordinator and the administrator see it
 * (entry/API.md, "Login throttling"): the counters that slow somebody down
 * now (which account, which address, how long still), and lifting one,
 * audited. The counters themselves: throttle.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry/internal.h"

#define BLOCKS_SHOWN 500

/* A row's text or null. */
static json_t *text_or_null(const char *s)
{
	return s[0] != '\0' ? api_text(s) : json_null();
}

static void api_login_blocks(struct req *r)
{
	struct throttle_block *b = calloc(BLOCKS_SHOWN, sizeof *b);
	size_t n, i;
	json_t *arr;

	if (b == NULL) {
		req_internal(r);
		return;
	}
	n = throttle_blocks(b, BLOCKS_SHOWN);
	arr = json_array();
	for (i = 0; i < n && i < BLOCKS_SHOWN; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:i, s:i}",
		                      "kind", throttle_kind_name(b[i].kind),
		                      "account", text_or_null(b[i].account),
		                      "address", text_or_null(b[i].address),
		                      "failures", (int)b[i].failures, "seconds", (int)b[i].seconds));
	free(b);
	req_json(r, 200, json_pack("{s:o, s:i}", "blocks", arr, "total", (int)n));
}

static void api_login_block_lift(struct req *r)
{
	json_t *b = req_body_json(r), *acc, *adr;
	enum throttle_kind kind;
	const char *account = NULL, *address = NULL;
	char detail[200];
	int lifted;

	if (b == NULL)
		return;
	acc = json_object_get(b, "account");
	adr = json_object_get(b, "address");
	if (throttle_kind_parse(json_string_value(json_object_get(b, "kind")), &kind) != 0 ||
	    (acc != NULL && !json_is_null(acc) && (account = json_string_value(acc)) == NULL) ||
	    (adr != NULL && !json_is_null(adr) && (address = json_string_value(adr)) == NULL)) {
		req_error(r, 400, "bad_json", "Geef \"kind\" (zoals de lijst het noemt) en \"account\" "
		          "en/of \"address\" als tekst.");
	} else if (((kind == THROTTLE_PAIR || kind == THROTTLE_ACCOUNT || kind == THROTTLE_SPILL) &&
	            account == NULL) || (kind != THROTTLE_ACCOUNT && kind != THROTTLE_SPILL &&
	                                 address == NULL)) {
		req_error(r, 400, "bad_json", "Geef het account en het adres zoals de lijst ze noemt.");
	} else if ((lifted = throttle_lift(kind, account, address)) == 0) {
		req_error(r, 404, "not_found", "Deze blokkade bestaat niet (meer).");
	} else {
		snprintf(detail, sizeof detail, "%s account %.64s address %.48s", throttle_kind_name(kind),
		         account ? account : "-", address ? address : "-");
		if (store_audit(server_store(r->srv), &r->actor, "login_block_lift", detail) != STORE_OK)
			req_internal(r);
		else
			req_json(r, 200, json_pack("{s:i}", "lifted", lifted));
	}
	json_decref(b);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/login-blocks", R_COORD | R_ADMIN, SESSION, api_login_blocks},
	{"POST", "/api/login-blocks/lift", R_COORD | R_ADMIN, SESSION, api_login_block_lift},
};
const struct api_routes api_logins_routes = {routes, sizeof routes / sizeof routes[0]};
