/*
 * The administrator's accounts (entry/API.md, "Administrator"): the list,
 * adding one or many, resetting a password to a one-time one, disabling and
 * enabling. Names are compared without regard to case, as the database does.
 * The dispatcher (api.c) has checked the session, the CSRF token and the
 * role before any of these runs; the rules that must hold at the moment of
 * the change (the last enabled administrator) are checked by store/ in the
 * change's own transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "entry/internal.h"


/* The one rule (act/accounts.c): 0 when pw passes, else 422 weak_password with its Dutch reason. */
static int refuse_password(struct req *r, const char *pw)
{
	enum account_pw_problem p = accounts_password_check(pw);

	if (p == ACCOUNT_PW_OK)
		return 0;
	req_error(r, 422, "weak_password", accounts_password_strerror(p, 1));
	return -1;
}

static json_t *account_json(const struct store_account *a)
{
	return json_pack("{s:I, s:s, s:s, s:b, s:b, s:s, s:o}", "id", (json_int_t)a->id,
	                 "name", a->name, "role", a->role, "must_change_password", a->must_change,
	                 "disabled", a->disabled, "created_at", a->created_at, "last_login",
	                 a->last_login[0] ? json_string(a->last_login) : json_null());
}

static void api_accounts(struct req *r)
{
	struct store_account *a;
	size_t n, i;
	json_t *arr;

	if (store_accounts_list(server_store(r->srv), &a, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, account_json(&a[i]));
	free(a);
	req_json(r, 200, arr);
}

static json_t *created_json(const struct account_new *rows, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "name", rows[i].name, "role",
		                      rows[i].role, "password", rows[i].password));
	return a;
}

/*
 * Hashes the rows' passwords on the hash workers (an empty one: a one-time password made
 * there; hashpool.c) and then stores the accounts (accounts_store, all or none). Returns
 * STORE_OK, or another value after answering, or while the hash workers are at it (the
 * handler runs again and calls this again with the same rows: see req_password).
 */
static int create(struct req *r, struct account_new *rows, size_t n)
{
	const char **make = calloc(n ? n : 1, sizeof *make);
	struct req_pw_outcome o;
	size_t i;
	int rc;

	if (make == NULL) {
		req_internal(r);
		return STORE_ERR_NOMEM;
	}
	for (i = 0; i < n; i++)
		make[i] = rows[i].password;
	rc = req_password(r, NULL, NULL, make, n, &o);
	free(make);
	if (rc != REQ_PW_DONE)
		return STORE_ERR_STATE;   /* waiting, or 503 answered */
	if (o.make != CRYPTO_OK) {
		req_internal(r);
		return STORE_ERR_NOMEM;
	}
	for (i = 0; i < n; i++)
		snprintf(rows[i].password, sizeof rows[i].password, "%s", o.password[i]);
	rc = accounts_store(server_store(r->srv), rows, o.hash, n, &r->actor);
	if (rc == STORE_ERR_EXISTS)
		req_error(r, 409, "exists", n == 1 ?
		          "Deze naam bestaat al (hoofdletters tellen niet mee: Jansen is jansen)." :
		          "Een van deze namen bestaat al (hoofdletters tellen niet mee).");
	else if (rc != STORE_OK)
		req_internal(r);
	return rc;
}

static void api_account_add(struct req *r)
{
	json_t *b = req_body_json(r);
	struct account_new row;
	const char *name, *role, *pw;
	enum tally_role rl;

	if (b == NULL)
		return;
	memset(&row, 0, sizeof row);
	name = json_string_value(json_object_get(b, "name"));
	role = json_string_value(json_object_get(b, "role"));
	pw = json_string_value(json_object_get(b, "password"));
	if (name == NULL || role == NULL) {
		req_error(r, 400, "bad_json", "Geef een naam en een rol.");
	} else if (pw == NULL && json_object_get(b, "password") != NULL &&
	           !json_is_null(json_object_get(b, "password"))) {
		/* Not text: never taken as "none given", which would make a one-time password. */
		req_error(r, 400, "bad_json", "\"password\" is tekst.");
	} else if (!accounts_valid_name(name)) {
		req_error(r, 422, "bad_name", "Een naam heeft 1 tot 63 letters, cijfers, '.', '-' of '_'.");
	} else if (tally_role_parse(role, &rl) != 0) {
		req_error(r, 422, "bad_role", "De rol is typist, coordinator of administrator.");
	} else if (pw != NULL && refuse_password(r, pw) != 0) {
		/* answered */
	} else {
		snprintf(row.name, sizeof row.name, "%s", name);
		snprintf(row.role, sizeof row.role, "%s", tally_role_name(rl));
		snprintf(row.password, sizeof row.password, "%s", pw ? pw : "");
		if (create(r, &row, 1) == STORE_OK) {
			json_t *a = created_json(&row, 1);

			req_json(r, 201, json_incref(json_array_get(a, 0)));
			json_decref(a);
		}
	}
	crypto_cleanse(&row, sizeof row);
	json_decref(b);
}

static void api_accounts_import(struct req *r)
{
	json_t *b = req_body_json(r);
	struct account_new *rows = NULL;
	struct accounts_csv_error err;
	const char *csv;
	size_t n = 0;
	char msg[200];

	if (b == NULL)
		return;
	csv = json_string_value(json_object_get(b, "csv"));
	if (csv == NULL) {
		req_error(r, 400, "bad_json", "Geef de lijst als tekst in \"csv\".");
	} else if (accounts_parse_csv(csv, &rows, &n, &err) != 0) {
		if (err.kind == CSV_EMPTY)
			snprintf(msg, sizeof msg, "De lijst is leeg.");
		else
			snprintf(msg, sizeof msg, "Regel %zu: %s%s%s%s.", err.line,
			         err.text[0] ? "'" : "", err.text, err.text[0] ? "': " : "",
			         accounts_csv_strerror(&err, 1));
		req_error(r, 422, "bad_csv", msg);
	} else if (create(r, rows, n) == STORE_OK) {
		req_json(r, 201, json_pack("{s:o}", "created", created_json(rows, n)));
	}
	accounts_free(rows, n);
	json_decref(b);
}

/*
 * The account {n} of a change to somebody else's account: 0 with *a, or -1
 * after answering. The body, when there is one, must be a JSON object (*body:
 * the caller's reference, NULL when there is no body). Your own account is
 * refused: an administrator who disabled themselves would be locked out, and
 * their own password is changed with the current one (POST /api/account/password).
 */
static int other_account(struct req *r, struct store_account *a, json_t **body, const char *own)
{
	int rc;

	*body = NULL;
	if (r->body.len > 0 && (*body = req_body_json(r)) == NULL)
		return -1;
	rc = store_account_by_id(server_store(r->srv), r->param[0], a);
	if (rc == STORE_ERR_NOT_FOUND) {
		req_error(r, 404, "not_found", "Dit account bestaat niet.");
	} else if (rc != STORE_OK) {
		req_internal(r);
	} else if (a->id == r->sess.account.id) {
		req_error(r, 409, "own_account", own);
	} else {
		return 0;
	}
	json_decref(*body);
	*body = NULL;
	return -1;
}

static void api_account_password_reset(struct req *r)
{
	struct store_account a;
	char pw[TALLY_PASSWORD_MAX + 1] = "";
	const char *given = NULL;
	json_t *b;
	int rc;

	if (other_account(r, &a, &b, "Uw eigen wachtwoord wijzigt u met het huidige wachtwoord "
	                  "(\"Wachtwoord wijzigen\").") != 0)
		return;
	if (b != NULL && json_object_get(b, "password") != NULL &&
	    (given = json_string_value(json_object_get(b, "password"))) == NULL) {
		req_error(r, 400, "bad_json", "\"password\" is tekst.");
		goto out;
	}
	if (given != NULL && refuse_password(r, given) != 0)
		goto out;
	if (given != NULL)
		snprintf(pw, sizeof pw, "%s", given);
	/* accounts_reset_password, with the hash made on the hash workers (hashpool.c). */
	{
		const char *make[1] = {pw};
		struct req_pw_outcome o;

		if (req_password(r, NULL, NULL, make, 1, &o) != REQ_PW_DONE)
			goto out;   /* waiting (this runs again), or 503 answered */
		if (o.make != CRYPTO_OK) {
			req_internal(r);
			goto out;
		}
		snprintf(pw, sizeof pw, "%s", o.password[0]);
		rc = store_account_reset_password(server_store(r->srv), a.id, o.hash[0], &r->actor);
	}
	if (rc == STORE_ERR_NOT_FOUND) {
		req_error(r, 404, "not_found", "Dit account bestaat niet.");
		goto out;
	}
	if (rc != STORE_OK) {
		req_internal(r);
		goto out;
	}
	/* Locked out after too many wrong guesses? The new password works at once: failures
	 * are counted per password (api.c, throttle_key). */
	req_json(r, 200, json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)a.id, "name", a.name,
	                           "role", a.role, "password", pw, "must_change_password", 1));
out:
	crypto_cleanse(pw, sizeof pw);
	json_decref(b);
}

static void set_disabled(struct req *r, int disabled)
{
	struct store_account a;
	json_t *b;
	int rc;

	if (other_account(r, &a, &b, disabled ? "U kunt uw eigen account niet uitschakelen; vraag "
	                  "een andere beheerder." : "Uw eigen account is ingeschakeld.") != 0)
		return;
	rc = store_account_set_disabled(server_store(r->srv), a.id, disabled, &r->actor);
	if (rc == STORE_ERR_NOT_FOUND)
		req_error(r, 404, "not_found", "Dit account bestaat niet.");
	else if (rc == STORE_ERR_STATE)
		req_error(r, 409, "last_administrator", "Dit is de laatste beheerder die kan inloggen; "
		          "maak of schakel eerst een andere beheerder in.");
	else if (rc != STORE_OK)
		req_internal(r);
	else if (store_account_by_id(server_store(r->srv), a.id, &a) != STORE_OK)
		req_internal(r);
	else
		req_json(r, 200, account_json(&a));
	json_decref(b);
}

static void api_account_disable(struct req *r)
{
	set_disabled(r, 1);
}

static void api_account_enable(struct req *r)
{
	set_disabled(r, 0);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/accounts", R_ADMIN, SESSION, api_accounts},
	{"POST", "/api/accounts", R_ADMIN, SESSION, api_account_add},
	{"POST", "/api/accounts/import", R_ADMIN, SESSION, api_accounts_import},
	{"POST", "/api/accounts/{n}/password-reset", R_ADMIN, SESSION, api_account_password_reset},
	{"POST", "/api/accounts/{n}/disable", R_ADMIN, SESSION, api_account_disable},
	{"POST", "/api/accounts/{n}/enable", R_ADMIN, SESSION, api_account_enable},
};
const struct api_routes api_accounts_routes = {routes, sizeof routes / sizeof routes[0]};
