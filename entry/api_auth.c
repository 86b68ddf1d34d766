/*
 * Logging in and out, the session's own details and changing one's password
 * (entry/API.md, "Sessions"). Failed logins are throttled per account and per
 * address (session.c); a wrong name costs as much as a wrong password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/crypto.h"
#include "entry/internal.h"

long api_now(void)
{
	return (long)time(NULL);
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

/*
 * The login's password check, on a hash worker (hashpool.c): REQ_PW_DONE with *ok, else
 * REQ_PW_WAIT (h_login runs again when it is done) or REQ_PW_BUSY (503 answered). a NULL:
 * a name that is no account, checked against a dummy at the same cost. With the right
 * password an old hash (scrypt) is made again as today's Argon2id in the same work, and
 * stored (audited); should that fail, the old hash still works.
 */
static int login_check(struct req *r, const char *pw, const struct store_account *a, int *ok)
{
	const char *again[1] = {pw};
	int upgrade = a != NULL && pw_needs_upgrade(a->pw_hash), rc;
	struct req_pw_outcome o;

	rc = req_password(r, pw, a != NULL ? a->pw_hash : NULL, again, upgrade ? 1 : 0, &o);
	if (rc != REQ_PW_DONE)
		return rc;
	*ok = o.check == CRYPTO_OK;
	if (*ok && upgrade && o.make == CRYPTO_OK) {
		struct store_actor who = {a->name, a->role, r->address};

		rc = store_account_rehash(server_store(r->srv), a->id, a->pw_hash, o.hash[0], &who);
		if (rc != STORE_OK && rc != STORE_ERR_STALE)
			fprintf(stderr, "teller: the password hash of %s stays as it was (%s)\n", a->name,
			        store_last_error(server_store(r->srv)));
	}
	return REQ_PW_DONE;
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
	long now = api_now();

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
		if (login_check(r, "", NULL, &ok) != REQ_PW_DONE)
			goto out;
		throttle_login_fail(NULL, NULL, r->address);
		req_error(r, 401, "bad_credentials", "Onbekende gebruikersnaam of verkeerd wachtwoord.");
		goto out;
	}
	/* The name in any case ("Jansen" is jansen). */
	known = store_account_by_name(server_store(r->srv), user, &a) == STORE_OK;
	if (known)
		throttle_key(&a, key, sizeof key);
	if (throttle_login_check(known ? key : NULL, r->address, &retry)) {
		r->retry_after = retry;
		req_error(r, 429, "too_many_attempts", "Te veel mislukte pogingen vanaf deze laptop. "
		          "Wacht even of vraag de coördinator.");
		goto out;
	}
	/* An unknown name costs the same time as a known one (a dummy hash). */
	if (login_check(r, pw, known ? &a : NULL, &ok) != REQ_PW_DONE)
		goto out;
	if (!ok) {
		struct store_actor who = {known ? a.name : "-", known ? a.role : "-", r->address};

		throttle_login_fail(known ? key : NULL, known ? a.name : NULL, r->address);
		store_audit(server_store(r->srv), &who, "login_failed", "");
		req_error(r, 401, "bad_credentials", "Onbekende gebruikersnaam of verkeerd wachtwoord.");
		goto out;
	}
	throttle_login_ok(key, r->address);
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
	struct store_account a;
	enum account_pw_problem weak;
	struct req_pw_outcome o;
	int usable;

	if (b == NULL)
		return;
	cur = json_string_value(json_object_get(b, "current"));
	nw = json_string_value(json_object_get(b, "new"));
	/* The new password is hashed with the check of the current one (hashpool.c) when it
	 * will be taken: the answers below keep their order. */
	usable = cur != NULL && nw != NULL && accounts_password_check(nw) == ACCOUNT_PW_OK &&
	         strcmp(cur, nw) != 0;
	if (cur == NULL || nw == NULL) {
		req_error(r, 400, "bad_json", "Geef het huidige en het nieuwe wachtwoord.");
	} else if (store_account_by_id(server_store(r->srv), r->sess.account.id, &a) != STORE_OK) {
		req_internal(r);
	} else if (strlen(cur) > TALLY_PASSWORD_MAX) {
		req_error(r, 403, "bad_credentials", "Het huidige wachtwoord klopt niet.");
	} else if (req_password(r, cur, a.pw_hash, &nw, usable ? 1 : 0, &o) != REQ_PW_DONE) {
		/* a hash worker checks it and h_password runs again, or 503 was answered */
	} else if (o.check != CRYPTO_OK) {
		req_error(r, 403, "bad_credentials", "Het huidige wachtwoord klopt niet.");
	} else if ((weak = accounts_password_check(nw)) != ACCOUNT_PW_OK) {
		req_error(r, 422, "weak_password", accounts_password_strerror(weak, 1));
	} else if (strcmp(cur, nw) == 0) {
		req_error(r, 422, "weak_password", "Kies een ander wachtwoord dan het huidige.");
	} else if (o.make != CRYPTO_OK || store_account_set_password(server_store(r->srv), a.id,
	           o.hash[0], 0, &r->actor) != STORE_OK) {
		req_internal(r);
	} else {
		/* Other sessions of this account end: whoever knew the old password is out. */
		store_sessions_end_account(server_store(r->srv), a.id, r->token_hash);
		req_json(r, 200, json_object());
	}
	json_decref(b);
}

/* ---- election and stations ---- */

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"POST", "/api/login", R_ALL, NO_SESSION, h_login},
	{"POST", "/api/logout", R_ALL, SESSION_ANY, h_logout},
	{"GET", "/api/me", R_ALL, SESSION_ANY, h_me},
	{"POST", "/api/account/password", R_ALL, SESSION_ANY, h_password},
};
const struct api_routes api_auth_routes = {routes, sizeof routes / sizeof routes[0]};
