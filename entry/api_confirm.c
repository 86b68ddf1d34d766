/*
 * Accounts made or changed after data entry began (entry/API.md, "Accounts
 * awaiting confirmation"; store/confirm.c): the coordinator sees them and
 * confirms them, one account at a time, audited. The administrator may read
 * the list but not confirm; nobody confirms their own account, and an account
 * that awaits confirmation confirms nothing (the dispatcher, SESSION_COUNTS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry/internal.h"

static json_t *or_null(const char *s)
{
	return s[0] != '\0' ? api_text(s) : json_null();
}

static void api_account_changes(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_account_change *c = NULL;
	char began[32];
	size_t n = 0, i, j, pending = 0;
	json_t *arr;

	if (store_entry_began(s, began) != STORE_OK || store_account_changes(s, &c, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		int first = 1;

		/* Accounts awaiting confirmation, each counted once. */
		for (j = 0; j < i && first; j++)
			first = c[j].account_id != c[i].account_id || c[j].confirmed_at[0] != '\0';
		pending += c[i].confirmed_at[0] == '\0' && first;
		json_array_append_new(arr, json_pack("{s:I, s:I, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, "
		                      "s:b, s:b}", "id", (json_int_t)c[i].id, "account_id",
		                      (json_int_t)c[i].account_id, "account", api_text(c[i].account),
		                      "kind", c[i].kind, "role", c[i].role, "at", c[i].at,
		                      "by", api_text(c[i].by), "by_role", api_text(c[i].by_role),
		                      "confirmed_at", or_null(c[i].confirmed_at),
		                      "confirmed_by", or_null(c[i].confirmed_by),
		                      "confirmed", c[i].confirmed_at[0] != '\0',
		                      "disabled", c[i].disabled));
	}
	free(c);
	req_json(r, 200, json_pack("{s:o, s:i, s:o}", "entry_began_at", or_null(began),
	                           "pending", (int)pending, "changes", arr));
}

static void api_account_confirm(struct req *r)
{
	json_t *b = NULL;
	long confirmed = 0;
	int rc;

	if (r->body.len > 0 && (b = req_body_json(r)) == NULL)
		return;
	json_decref(b);
	if (r->param[0] == r->sess.account.id) {
		req_error(r, 403, "own_account", "U kunt uw eigen account niet bevestigen; dat doet een "
		          "andere coördinator.");
		return;
	}
	rc = store_account_confirm(server_store(r->srv), r->param[0], r->sess.account.id, &r->actor,
	                           &confirmed);
	if (rc == STORE_ERR_NOT_FOUND)
		req_error(r, 404, "not_found", "Dit account bestaat niet.");
	else if (rc == STORE_ERR_STATE)
		req_error(r, 409, "nothing_to_confirm", "Dit account wacht niet (meer) op bevestiging.");
	else if (rc == STORE_ERR_INVALID)
		req_error(r, 403, "own_account", "Een account dat zelf op bevestiging wacht, bevestigt "
		          "geen ander account.");
	else if (rc != STORE_OK)
		req_internal(r);
	else
		req_json(r, 200, json_pack("{s:I, s:I}", "account_id", (json_int_t)r->param[0],
		                           "confirmed", (json_int_t)confirmed));
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/accounts/changes", R_COORD | R_ADMIN, SESSION, api_account_changes},
	{"POST", "/api/accounts/{n}/confirm", R_COORD, SESSION_COUNTS, api_account_confirm},
};
const struct api_routes api_confirm_routes = {routes, sizeof routes / sizeof routes[0]};
