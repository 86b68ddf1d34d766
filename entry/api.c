/*
 * The JSON API (entry/API.md). Every route names the roles it admits and
 * whether it needs a session; the dispatcher checks the session, the CSRF
 * token of a change, a pending password change, the role and, for a route
 * that enters or decides counts, that the account awaits no coordinator's
 * confirmation, before any handler runs. Handlers parse, ask tally/ and store/, and map the outcome
 * to an HTTP status; they hold no election rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/num.h"
#include "crypto/crypto.h"
#include "entry/internal.h"

/* ---- dispatch ---- */

/* Every handler file's slice of the route table. */
static const struct api_routes *const slices[] = {
	&api_auth_routes,
	&api_entry_routes,
	&api_vocabulary_routes,
	&api_export_routes,
	&api_accounts_routes,
	&api_admin_routes,
	&api_server_routes,
	&api_audit_routes,
	&api_committee_routes,
	&api_projector_routes,
	&api_result_routes,
	&api_logins_routes,
	&api_confirm_routes,
};

/* Matches url against pattern; fills params and fname. 1 on a match. */
static int match(const char *pattern, const char *url, long *params, char *fname, size_t fsize)
{
	const char *p = pattern, *u = url;
	int np = 0;

	while (*p && *u) {
		if (strncmp(p, "{f}", 3) == 0) {
			/* A file name: letters, digits, '.', '-', '_'; never a path. */
			size_t n = strspn(u, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			                     "0123456789._-");

			if (n == 0 || n >= fsize || u[n] != '\0' || u[0] == '.')
				return 0;
			memcpy(fname, u, n);
			fname[n] = '\0';
			u += n;
			p += 3;
			continue;
		}
		if (strncmp(p, "{n}", 3) == 0) {
			/* Only the canonical spelling: digits, no leading zero ("00001" is not station 1;
			 * "%31" never gets here, server.c refuses escapes in a path). */
			size_t digits = strspn(u, "0123456789");
			char *end;
			long v;

			if (digits == 0 || (u[0] == '0' && digits > 1) || np >= 2)
				return 0;
			v = (long)num_prefix(u, 1, LIMIT_PATH_NUMBER_MAX, &end);
			if (end != u + digits)
				return 0;
			params[np++] = v;
			u = end;
			p += 3;
			continue;
		}
		if (*p != *u)
			return 0;
		p++;
		u++;
	}
	return *p == '\0' && *u == '\0';
}

/* Whether a Content-Type is application/json, in any case, with or without parameters
 * ("; charset=utf-8"): nothing else, not "application/jsonx" nor a list. */
static int is_json_type(const char *ct)
{
	static const char json[] = "application/json";
	size_t n = sizeof json - 1;

	if (ct == NULL || strncasecmp(ct, json, n) != 0)
		return 0;
	ct += n;
	ct += strspn(ct, " \t");
	return *ct == '\0' || *ct == ';';
}

static int is_change(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* Finds and checks the session of the request's cookie; 0 when there is one. */
static int load_session(struct req *r)
{
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SESSION_COOKIE);

	if (tok == NULL || token_check(tok) != 0)
		return -1;
	snprintf(r->token, sizeof r->token, "%s", tok);
	token_hash(r->token, r->token_hash);
	if (store_session_get(server_store(r->srv), r->token_hash, api_now(), SESSION_IDLE_MAX,
	                      &r->sess) != STORE_OK)
		return -1;
	if (tally_role_parse(r->sess.account.role, &r->role) != 0)
		return -1;
	r->have_session = 1;
	r->actor.name = r->sess.account.name;
	r->actor.role = r->sess.account.role;
	r->actor.address = r->address;
	return 0;
}

static void api_dispatch(struct req *r)
{
	const struct api_route *rt = NULL;
	const char *ct, *csrf;
	char want[65];
	int path_found = 0;
	size_t i, k;

	for (k = 0; k < sizeof slices / sizeof slices[0] && rt == NULL; k++)
		for (i = 0; i < slices[k]->n; i++) {
			const struct api_route *x = &slices[k]->r[i];

			if (match(x->pattern, r->url, r->param, r->fname, sizeof r->fname)) {
				path_found = 1;
				if (strcmp(x->method, r->method) == 0) {
					rt = x;
					break;
				}
			}
		}
	if (rt == NULL) {
		if (path_found)
			req_error(r, 405, "method_not_allowed", "Deze methode is hier niet toegestaan.");
		else
			req_error(r, 404, "not_found", "Dit adres bestaat niet.");
		return;
	}
	/* A change must say it is JSON: a form on another site cannot. */
	if (is_change(r->method)) {
		ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
		if (!is_json_type(ct)) {
			req_error(r, 403, "csrf", "Dit verzoek mist Content-Type: application/json.");
			return;
		}
	}
	if (rt->session != NO_SESSION) {
		if (load_session(r) != 0) {
			req_error(r, 401, "not_logged_in", "U bent niet (meer) ingelogd.");
			return;
		}
		if (is_change(r->method)) {
			csrf = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
			session_csrf(r->token, want);
			if (csrf == NULL || strlen(csrf) != 64 || !crypto_equal(csrf, want, 64)) {
				req_error(r, 403, "csrf", "Dit verzoek mist een geldig CSRF-token. Laad de "
				          "pagina opnieuw.");
				return;
			}
		}
		if (rt->session != SESSION_ANY && r->sess.account.must_change) {
			req_error(r, 403, "password_change_required", "Kies eerst een nieuw wachtwoord.");
			return;
		}
		if (!(rt->roles & (1u << r->role))) {
			req_error(r, 403, "forbidden", "Dit mag uw rol niet.");
			return;
		}
		if (rt->session == SESSION_COUNTS && r->sess.account.unconfirmed) {
			req_error(r, 403, "unconfirmed_account", "Dit account is na het begin van de invoer "
			          "aangemaakt of gewijzigd en moet eerst door de coördinator worden "
			          "bevestigd. Vraag de coördinator om het te bevestigen.");
			return;
		}
	}
	rt->handle(r);
}

int api_route(struct req *r)
{
	if (strncmp(r->url, "/api/", 5) == 0) {
		api_dispatch(r);
		return 1;
	}
	return serve_ca(r);
}

int server_start(struct store *s, const struct server_config *cfg, struct server **out,
                 char *why, size_t whysize)
{
	return server_open(s, cfg, api_route, out, why, whysize);
}
