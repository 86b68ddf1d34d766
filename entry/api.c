/*
 * The JSON API (entry/API.md). Every route names the roles it admits and
 * whether it needs a session; the dispatcher checks the session, the CSRF
 * token of a change, a pending password change and the role before any
 * handler runs. Handlers parse, ask tally/ and store/, and map the outcome
 * to an HTTP status; they hold no election rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/crypto.h"
#include "entry/internal.h"

#define R_TYPIST  (1u << TALLY_ROLE_TYPIST)
#define R_COORD   (1u << TALLY_ROLE_COORDINATOR)
#define R_ADMIN   (1u << TALLY_ROLE_ADMINISTRATOR)
#define R_ALL     (R_TYPIST | R_COORD | R_ADMIN)

enum { NO_SESSION = 0, SESSION = 1, SESSION_ANY = 2 /* also while the password must change */ };

struct route {
	const char *method;
	const char *pattern;      /* {n}: a positive number */
	unsigned roles;
	int session;
	void (*handle)(struct req *r);
};

static long now_s(void)
{
	return (long)time(NULL);
}


/* ---- accounts and sessions ---- */

static int valid_password(const char *pw)
{
	size_t n = strlen(pw);

	return n >= TALLY_PASSWORD_MIN && n <= TALLY_PASSWORD_MAX;
}

static void me_json(struct req *r, json_t *o)
{
	char csrf[65];

	session_csrf(r->token, csrf);
	json_object_set_new(o, "user", json_string(r->sess.account.name));
	json_object_set_new(o, "role", json_string(r->sess.account.role));
	json_object_set_new(o, "csrf_token", json_string(csrf));
	json_object_set_new(o, "must_change_password", json_boolean(r->sess.account.must_change));
}

/*
 * The key under which an account's failed logins are counted: its id and the
 * end of its password hash. Any spelling of the name is the same account, and
 * a new password (a reset, also by `teller user reset` in another process)
 * starts a fresh count, so a locked-out typist can log in at once.
 */
static void throttle_key(const struct store_account *a, char *out, size_t size)
{
	size_t n = strlen(a->pw_hash);

	snprintf(out, size, "%ld:%s", a->id, a->pw_hash + (n > 16 ? n - 16 : 0));
}

static void h_login(struct req *r)
{
	json_t *b = req_body_json(r), *o;
	const char *user, *pw;
	struct store_account a;
	char token[TOKEN_LEN], th[HASH_HEX_LEN], key[48] = "";
	const char *ua;
	unsigned retry = 0;
	int known, ok;
	long now = now_s();

	if (b == NULL)
		return;
	user = json_string_value(json_object_get(b, "username"));
	pw = json_string_value(json_object_get(b, "password"));
	if (user == NULL || pw == NULL) {
		req_error(r, 400, "bad_json", "Geef een gebruikersnaam en een wachtwoord.");
		goto out;
	}
	if (strlen(user) >= TALLY_USERNAME_MAX || strlen(pw) > TALLY_PASSWORD_MAX) {
		/* No such account can exist: the same answer, at the same cost, as a wrong password. */
		account_pw_verify("", NULL);
		throttle_fail("address", r->address, now);
		req_error(r, 401, "bad_credentials", "Onbekende gebruikersnaam of verkeerd wachtwoord.");
		goto out;
	}
	/* The name in any case ("Jansen" is jansen). */
	known = store_account_by_name(server_store(r->srv), user, &a) == STORE_OK;
	if (known)
		throttle_key(&a, key, sizeof key);
	if (throttle_check("address", r->address, now, &retry) ||
	    (known && throttle_check("account", key, now, &retry))) {
		r->retry_after = retry;
		req_error(r, 429, "too_many_attempts", "Te veel mislukte pogingen. Wacht een kwartier "
		          "of vraag de coördinator.");
		goto out;
	}
	/* An unknown name costs the same time as a known one (a dummy hash). */
	ok = account_pw_verify(pw, known ? a.pw_hash : NULL) == 0;
	if (!ok) {
		struct store_actor who = {known ? a.name : "-", known ? a.role : "-", r->address};

		throttle_fail("address", r->address, now);
		if (known)
			throttle_fail("account", key, now);
		store_audit(server_store(r->srv), &who, "login_failed", "");
		req_error(r, 401, "bad_credentials", "Onbekende gebruikersnaam of verkeerd wachtwoord.");
		goto out;
	}
	throttle_clear("account", key);
	if (a.disabled) {
		/* Only after the right password: a guesser learns nothing of the account. */
		struct store_actor who = {a.name, a.role, r->address};

		store_audit(server_store(r->srv), &who, "login_refused", "account disabled");
		req_error(r, 403, "account_disabled", "Dit account is uitgeschakeld. Vraag de beheerder "
		          "om het weer in te schakelen.");
		goto out;
	}
	if (token_new(token) != 0) {
		req_internal(r);
		goto out;
	}
	token_hash(token, th);
	ua = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "User-Agent");
	{
		char agent[128];
		struct store_actor who = {a.name, a.role, r->address};

		snprintf(agent, sizeof agent, "%s", ua ? ua : "");
		if (store_session_create(server_store(r->srv), th, a.id, r->address, agent, now, &who) !=
		    STORE_OK) {
			req_internal(r);
			goto out;
		}
	}
	snprintf(r->token, sizeof r->token, "%s", token);
	r->sess.account = a;
	r->have_session = 1;
	snprintf(r->cookie, sizeof r->cookie, SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s",
	         token, server_tls(r->srv) ? "; Secure" : "");
	o = json_object();
	me_json(r, o);
	req_json(r, 200, o);
out:
	crypto_cleanse(token, sizeof token);
	json_decref(b);
}

static void h_logout(struct req *r)
{
	store_session_delete(server_store(r->srv), r->token_hash, &r->actor);
	snprintf(r->cookie, sizeof r->cookie, SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; "
	         "Max-Age=0%s", server_tls(r->srv) ? "; Secure" : "");
	req_json(r, 200, json_object());
}

static void h_me(struct req *r)
{
	json_t *o = json_object();

	me_json(r, o);
	req_json(r, 200, o);
}

static void h_password(struct req *r)
{
	json_t *b = req_body_json(r);
	const char *cur, *nw;
	char hash[PW_HASH_LEN];
	struct store_account a;

	if (b == NULL)
		return;
	cur = json_string_value(json_object_get(b, "current"));
	nw = json_string_value(json_object_get(b, "new"));
	if (cur == NULL || nw == NULL) {
		req_error(r, 400, "bad_json", "Geef het huidige en het nieuwe wachtwoord.");
	} else if (store_account_by_id(server_store(r->srv), r->sess.account.id, &a) != STORE_OK) {
		req_internal(r);
	} else if (strlen(cur) > TALLY_PASSWORD_MAX || account_pw_verify(cur, a.pw_hash) != 0) {
		req_error(r, 403, "bad_credentials", "Het huidige wachtwoord klopt niet.");
	} else if (!valid_password(nw)) {
		req_error(r, 422, "weak_password", "Het nieuwe wachtwoord moet minstens 12 tekens hebben.");
	} else if (strcmp(cur, nw) == 0) {
		req_error(r, 422, "weak_password", "Kies een ander wachtwoord dan het huidige.");
	} else if (account_pw_hash(nw, hash, sizeof hash) != 0 ||
	           store_account_set_password(server_store(r->srv), a.id, hash, 0, &r->actor) != STORE_OK) {
		req_internal(r);
	} else {
		/* Other sessions of this account end: whoever knew the old password is out. */
		store_sessions_end_account(server_store(r->srv), a.id, r->token_hash);
		req_json(r, 200, json_object());
	}
	json_decref(b);
}

/* ---- election and stations ---- */

static void candidate_name(const struct tally_candidate *c, char *out, size_t size)
{
	snprintf(out, size, "%s, %s%s%s", c->last_name, c->initials, c->prefix[0] ? " " : "",
	         c->prefix);
}

static void h_election(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct tally_election e;
	struct tally_list *lists = NULL;
	struct store_station *st = NULL;
	size_t nl = 0, ns = 0, i, j;
	json_t *o, *el, *jl, *js;
	char code[16] = "", name[TALLY_TEXT_MAX] = "", cname[TALLY_TEXT_MAX * 2];

	if (store_election_get(s, &e) != STORE_OK) {
		req_error(r, 404, "not_found", "Er is nog geen verkiezing ingelezen.");
		return;
	}
	if (store_lists_get(s, &lists, &nl) != STORE_OK || store_stations_get(s, &st, &ns) != STORE_OK) {
		tally_lists_free(lists, nl);
		req_internal(r);
		return;
	}
	store_meta_get(s, "municipality_code", code, sizeof code);
	store_meta_get(s, "municipality_name", name, sizeof name);
	el = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:s, s:s}", "id", e.id, "name", e.name,
	               "category", tally_category_name(e.category), "subcategory", e.subcategory,
	               "date", e.date, "seats", e.seats, "has_voter_cards",
	               tally_category_has_voter_cards(e.category), "municipality_code", code,
	               "municipality_name", name[0] ? name : e.domain_name);
	jl = json_array();
	for (i = 0; i < nl; i++) {
		json_t *cands = json_array();

		for (j = 0; j < lists[i].ncandidates; j++) {
			const struct tally_candidate *c = &lists[i].candidates[j];

			candidate_name(c, cname, sizeof cname);
			json_array_append_new(cands, json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
			                      "position", c->position, "name", cname, "initials", c->initials,
			                      "first_name", c->first_name, "prefix", c->prefix,
			                      "last_name", c->last_name, "gender", c->gender,
			                      "locality", c->locality));
		}
		json_array_append_new(jl, json_pack("{s:i, s:s, s:o}", "number", lists[i].number,
		                      "name", lists[i].name, "candidates", cands));
	}
	js = json_array();
	for (i = 0; i < ns; i++)
		json_array_append_new(js, json_pack("{s:i, s:s, s:s, s:o}", "number", st[i].st.number,
		                      "name", st[i].st.name, "postcode", st[i].st.postcode, "electorate",
		                      st[i].st.electorate >= 0 ? json_integer(st[i].st.electorate) :
		                      json_null()));
	o = json_pack("{s:o, s:o, s:o}", "election", el, "lists", jl, "stations", js);
	tally_lists_free(lists, nl);
	free(st);
	req_json(r, 200, o ? o : json_object());
}

/* Which entry a typist may claim now (0: none), and which they hold (0: none). */
static void typist_view(const struct store_station_full *f, long me, int *claimable, int *mine)
{
	const struct tally_station_state *t = &f->state;

	*claimable = 0;
	*mine = 0;
	if (t->status == TALLY_STATUS_FIRST_IN_PROGRESS && t->first_user == me)
		*mine = 1;
	if (t->status == TALLY_STATUS_SECOND_IN_PROGRESS && t->second_user == me)
		*mine = 2;
	if (t->status == TALLY_STATUS_EMPTY)
		*claimable = 1;
	if (t->status == TALLY_STATUS_FIRST_DONE && t->first_user != me)
		*claimable = 2;
}

json_t *api_station_json(const struct req *r, const struct store_station_full *f)
{
	int coord = r->role == TALLY_ROLE_COORDINATOR, claimable, mine;
	json_t *o;

	typist_view(f, r->sess.account.id, &claimable, &mine);
	o = json_pack("{s:i, s:s, s:s, s:o, s:s, s:b, s:b, s:b, s:b}", "number", f->st.number,
	              "name", f->st.name, "postcode", f->st.postcode, "electorate",
	              f->st.electorate >= 0 ? json_integer(f->st.electorate) : json_null(),
	              "status", tally_status_name(f->state.status),
	              "first_has_errors", f->state.first_has_errors,
	              "second_has_errors", f->state.second_has_errors,
	              "has_warnings", f->has_warnings, "correcting", f->state.correcting);
	json_object_set_new(o, "first_typist", coord && f->first_name[0] ?
	                    json_string(f->first_name) : json_null());
	json_object_set_new(o, "second_typist", coord && f->second_name[0] ?
	                    json_string(f->second_name) : json_null());
	/* For the coordinator's "needs me": since when the station is in its status, and
	 * where the typist of an open entry is, with the moment of its last save. */
	json_object_set_new(o, "since", coord && f->changed_at[0] ? json_string(f->changed_at) :
	                    json_null());
	json_object_set_new(o, "progress", coord && f->open_updated[0] ?
	                    json_pack("{s:s, s:s}", "section", f->open_progress, "saved",
	                              f->open_updated) : json_null());
	json_object_set_new(o, "claimable", r->role == TALLY_ROLE_TYPIST && claimable ?
	                    json_integer(claimable) : json_null());
	json_object_set_new(o, "mine", r->role == TALLY_ROLE_TYPIST && mine ? json_integer(mine) :
	                    json_null());
	return o;
}

static void h_stations(struct req *r)
{
	struct store_station_full *st;
	size_t n, i;
	json_t *a;

	if (store_stations_full(server_store(r->srv), &st, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, api_station_json(r, &st[i]));
	free(st);
	req_json(r, 200, a);
}

/* ---- dispatch ---- */

static const struct route routes[] = {
	{"POST", "/api/login", R_ALL, NO_SESSION, h_login},
	{"POST", "/api/logout", R_ALL, SESSION_ANY, h_logout},
	{"GET", "/api/me", R_ALL, SESSION_ANY, h_me},
	{"POST", "/api/account/password", R_ALL, SESSION_ANY, h_password},
	{"GET", "/api/election", R_ALL, SESSION, h_election},
	{"GET", "/api/vocabulary", R_ALL, SESSION, api_vocabulary},
	{"GET", "/api/stations", R_TYPIST | R_COORD, SESSION, h_stations},
	{"GET", "/api/stations/{n}", R_COORD, SESSION, api_station_detail},
	{"POST", "/api/stations/{n}/entries/{n}/claim", R_TYPIST, SESSION, api_claim},
	{"GET", "/api/stations/{n}/entries/{n}", R_TYPIST, SESSION, api_entry_get},
	{"PUT", "/api/stations/{n}/entries/{n}", R_TYPIST, SESSION, api_entry_put},
	{"POST", "/api/stations/{n}/entries/{n}/finalise", R_TYPIST, SESSION, api_finalise},
	{"POST", "/api/stations/{n}/entries/{n}/discard", R_TYPIST, SESSION, api_discard},
	{"POST", "/api/stations/{n}/resolve", R_COORD, SESSION, api_resolve},
	{"POST", "/api/stations/{n}/reset", R_COORD, SESSION, api_reset},
	{"GET", "/api/totals", R_COORD, SESSION, api_totals},
	{"GET", "/api/totals/chart.svg", R_COORD, SESSION, api_chart},
	{"POST", "/api/export", R_COORD, SESSION, api_export_make},
	{"GET", "/api/export", R_COORD, SESSION, api_export_last},
	{"GET", "/api/export/zip", R_COORD, SESSION, api_export_zip},
	{"GET", "/api/export/files/{f}", R_COORD, SESSION, api_export_file},
	{"GET", "/api/exports", R_COORD, SESSION, api_exports},
	{"POST", "/api/count/reopen", R_COORD, SESSION, api_count_reopen},
	{"GET", "/api/stations/{n}/entries/{n}/status", R_TYPIST, SESSION, api_entry_status},
	{"GET", "/api/accounts", R_ADMIN, SESSION, api_accounts},
	{"POST", "/api/accounts", R_ADMIN, SESSION, api_account_add},
	{"POST", "/api/accounts/import", R_ADMIN, SESSION, api_accounts_import},
	{"POST", "/api/accounts/{n}/password-reset", R_ADMIN, SESSION, api_account_password_reset},
	{"POST", "/api/accounts/{n}/disable", R_ADMIN, SESSION, api_account_disable},
	{"POST", "/api/accounts/{n}/enable", R_ADMIN, SESSION, api_account_enable},
	{"GET", "/api/sessions", R_ADMIN, SESSION, api_sessions},
	{"GET", "/api/server-info", R_ADMIN | R_COORD, SESSION, api_server_info},
	{"GET", "/api/backup", R_ADMIN, SESSION, api_backup},
	{"GET", "/api/costs", R_ADMIN, SESSION, api_costs},
	{"PUT", "/api/costs/settings", R_ADMIN, SESSION, api_costs_settings},
	{"POST", "/api/costs/lines", R_ADMIN, SESSION, api_costs_line},
	{"PUT", "/api/costs/lines/{n}", R_ADMIN, SESSION, api_costs_line},
	{"DELETE", "/api/costs/lines/{n}", R_ADMIN, SESSION, api_costs_remove},
	{"GET", "/api/costs/invoice.pdf", R_ADMIN, SESSION, api_invoice},
	{"GET", "/api/costs/invoice.csv", R_ADMIN, SESSION, api_invoice},
	{"GET", "/api/audit", R_COORD | R_ADMIN, SESSION, api_audit},
	{"GET", "/api/audit/actions", R_COORD | R_ADMIN, SESSION, api_audit_actions},
	{"GET", "/api/committee-session", R_COORD | R_ADMIN, SESSION, api_committee_get},
	{"PUT", "/api/committee-session", R_COORD, SESSION, api_committee_put},
	{"GET", "/api/projector-links", R_COORD, SESSION, api_projector_links},
	{"POST", "/api/projector-links", R_COORD, SESSION, api_projector_link_create},
	{"POST", "/api/projector-links/{n}/revoke", R_COORD, SESSION, api_projector_link_revoke},
	{"GET", "/api/projector", R_ALL, NO_SESSION, api_projector},   /* X-Projector-Token */
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
			long v = 0;
			int digits = 0;

			while (*u >= '0' && *u <= '9' && digits < 7) {
				v = v * 10 + (*u - '0');
				u++;
				digits++;
			}
			if (digits == 0 || (*u >= '0' && *u <= '9') || v < 1 || np >= 2)
				return 0;
			params[np++] = v;
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
	if (store_session_get(server_store(r->srv), r->token_hash, now_s(), SESSION_IDLE_MAX,
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

void api_dispatch(struct req *r)
{
	const struct route *rt = NULL;
	const char *ct, *csrf;
	char want[65];
	int path_found = 0;
	size_t i;

	for (i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (match(routes[i].pattern, r->url, r->param, r->fname, sizeof r->fname)) {
			path_found = 1;
			if (strcmp(routes[i].method, r->method) == 0) {
				rt = &routes[i];
				break;
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
		if (ct == NULL || strncmp(ct, "application/json", 16) != 0) {
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
		if (rt->session == SESSION && r->sess.account.must_change) {
			req_error(r, 403, "password_change_required", "Kies eerst een nieuw wachtwoord.");
			return;
		}
		if (!(rt->roles & (1u << r->role))) {
			req_error(r, 403, "forbidden", "Dit mag uw rol niet.");
			return;
		}
	}
	rt->handle(r);
}
