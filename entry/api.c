/*
 * The JSON API (entry/API.md). Every route names the roles it admits and
 * whether it needs a session; the dispatcher checks the session, the CSRF
 * token of a change, a pending password change and the role before any
 * handler runs. Handlers parse, ask tally/ and store/, and map the outcome
 * to an HTTP status; they hold no election rules.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "entry/internal.h"
#include "export/zip.h"

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


static void verdict_error(struct req *r, enum tally_verdict v)
{
	req_error(r, (unsigned)tally_verdict_http(v), tally_verdict_code(v), tally_verdict_message(v));
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

static json_t *station_json(const struct req *r, const struct store_station_full *f)
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
		json_array_append_new(a, station_json(r, &st[i]));
	free(st);
	req_json(r, 200, a);
}

/* ---- data entry ---- */

static int form_has_empty(const struct tally_form *f)
{
	size_t i, n = tally_form_nfields(f);
	long *v;

	for (i = 0; i < n; i++)
		if (tally_form_field(f, i, NULL, 0, &v) == 0 && *v == TALLY_EMPTY)
			return 1;
	return 0;
}

/* Validates a form of a station: electorate and identical definitive stations as context. */
static int validate(struct req *r, int station, long electorate, const struct tally_form *f,
                    struct tally_findings *out)
{
	struct store *s = server_store(r->srv);
	struct tally_form **others = NULL;
	struct tally_validate_ctx ctx = {electorate, NULL, NULL, 0};
	struct store_entry e;
	int numbers[8];
	size_t n = 0, i, got = 0;
	int rc;

	memset(out, 0, sizeof *out);
	/* W.206: only stations whose stored figures are the very same are candidates; a form
	 * with an empty field can equal no definitive one, so it is not looked up. */
	if (!form_has_empty(f) &&
	    store_identical_definitive(s, station, f, numbers, 8, &n) == STORE_OK && n > 0 &&
	    (others = calloc(n, sizeof *others)) != NULL) {
		for (i = 0; i < n; i++)
			if (store_entry_get(s, numbers[i], 1, &e) == STORE_OK) {
				numbers[got] = numbers[i];
				others[got++] = e.form;
				e.form = NULL;
				store_entry_clear(&e);
			}
		ctx.definitive_others = (const struct tally_form *const *)others;
		ctx.other_numbers = numbers;
		ctx.nothers = got;
	}
	rc = tally_validate(f, &ctx, out);
	for (i = 0; i < got; i++)
		tally_form_free(others[i]);
	free(others);
	return rc;
}

static int station_of(struct req *r, struct store_station_full *f)
{
	int rc = store_station_full(server_store(r->srv), (int)r->param[0], f);

	if (rc == STORE_ERR_NOT_FOUND)
		req_error(r, 404, "not_found", "Dit stembureau bestaat niet.");
	else if (rc != STORE_OK)
		req_internal(r);
	return rc;
}

static int entry_param(struct req *r)
{
	if (r->param[1] != 1 && r->param[1] != 2) {
		req_error(r, 404, "not_found", "Er zijn alleen een eerste en een tweede invoer.");
		return 0;
	}
	return (int)r->param[1];
}

/* Applies a typist's event; answers an error on refusal. Returns 0 when applied. */
static int apply(struct req *r, int station, struct store_action *a,
                 struct tally_station_state *after)
{
	enum tally_verdict v;
	int rc;

	a->ev.actor = r->sess.account.id;
	a->ev.role = r->role;
	rc = store_apply(server_store(r->srv), station, a, &r->actor, &v, after);
	if (rc == STORE_ERR_STALE) {
		req_error(r, 409, "stale_entry", "Deze invoer is intussen elders opgeslagen (op een andere "
		          "laptop of in een ander venster). Er is niets overschreven; laad de invoer "
		          "opnieuw.");
		return -1;
	}
	if (rc == STORE_ERR_NOT_FOUND) {
		req_error(r, 404, "not_found", "Dit stembureau bestaat niet.");
		return -1;
	}
	if (rc != STORE_OK) {
		req_internal(r);
		return -1;
	}
	if (v != TALLY_OK) {
		verdict_error(r, v);
		return -1;
	}
	/* A station left definitive (a reset, a recount): the files made before no
	 * longer say what the database says; they are withdrawn from the page. */
	if (a->ev.kind == TALLY_EV_RESET)
		server_export_set(r->srv, NULL);
	return 0;
}

static void h_claim(struct req *r)
{
	struct store_action a = {0};
	struct store_station_full before;
	struct tally_station_state after;
	int e = entry_param(r);

	if (e == 0 || station_of(r, &before) != STORE_OK)
		return;
	a.entry_no = e;
	a.ev.kind = e == 1 ? TALLY_EV_CLAIM_1 : TALLY_EV_CLAIM_2;
	if (apply(r, (int)r->param[0], &a, &after) != 0)
		return;
	req_json(r, 200, json_pack("{s:s, s:b}", "status", tally_status_name(after.status),
	                           "resumed", before.state.status == after.status));
}

/* Whether the caller holds this entry now; answers the refusal when not. */
static int holds(struct req *r, const struct store_station_full *f, int e)
{
	const struct tally_station_state *t = &f->state;
	enum tally_status want = e == 1 ? TALLY_STATUS_FIRST_IN_PROGRESS : TALLY_STATUS_SECOND_IN_PROGRESS;
	long holder = e == 1 ? t->first_user : t->second_user;

	if (t->status != want) {
		verdict_error(r, TALLY_V_WRONG_STATE);
		return 0;
	}
	if (holder != r->sess.account.id) {
		verdict_error(r, TALLY_V_NOT_YOUR_ENTRY);
		return 0;
	}
	return 1;
}

static void h_entry_get(struct req *r)
{
	struct store_station_full f;
	struct store_entry en;
	struct tally_findings fi;
	json_t *o;
	int e = entry_param(r);

	if (e == 0 || station_of(r, &f) != STORE_OK || !holds(r, &f, e))
		return;
	if (store_entry_get(server_store(r->srv), f.st.number, e, &en) != STORE_OK) {
		req_internal(r);
		return;
	}
	if (validate(r, f.st.number, f.st.electorate, en.form, &fi) != 0) {
		store_entry_clear(&en);
		req_internal(r);
		return;
	}
	o = json_pack("{s:o, s:s, s:o, s:s, s:I}", "form", json_from_form(en.form), "progress",
	              en.progress, "cleared", json_from_paths(&en.cleared), "status",
	              tally_status_name(f.state.status), "revision", (json_int_t)en.revision);
	json_add_findings(o, &fi);
	tally_findings_free(&fi);
	store_entry_clear(&en);
	req_json(r, 200, o);
}

static void h_entry_put(struct req *r)
{
	struct store *s = server_store(r->srv);
	const struct tally_list *lists;
	struct store_station_full f;
	struct tally_station_state after;
	struct tally_findings fi = {0};
	struct store_action a = {0};
	struct tally_form *form = NULL;
	const json_t *prog, *rev;
	json_t *b, *o;
	long revision = 0;
	size_t nl;
	int vc, e = entry_param(r);
	char why[256], progress[64] = "";

	if (e == 0 || station_of(r, &f) != STORE_OK || (b = req_body_json(r)) == NULL)
		return;
	if (store_form_shape(s, &lists, &nl, &vc) != STORE_OK) {
		req_error(r, 409, "wrong_state", "Er zijn nog geen kandidatenlijsten ingelezen.");
		goto out;
	}
	prog = json_object_get(b, "progress");
	if (prog != NULL && (!json_is_string(prog) || json_string_length(prog) >= sizeof progress)) {
		req_error(r, 422, "does_not_fit", "progress moet een korte tekst zijn.");
		goto out;
	}
	if (prog != NULL)
		snprintf(progress, sizeof progress, "%s", json_string_value(prog));
	rev = json_object_get(b, "revision");
	if (rev != NULL && (!json_is_integer(rev) || json_integer_value(rev) < 1)) {
		req_error(r, 422, "does_not_fit", "revision moet een positief geheel getal zijn.");
		goto out;
	}
	if ((form = json_to_form(b, vc, why, sizeof why)) == NULL ||
	    tally_form_fits(form, lists, nl, vc, why, sizeof why) != 0) {
		char msg[400];

		snprintf(msg, sizeof msg, "Het formulier past niet bij deze verkiezing: %s.", why);
		req_error(r, 422, "does_not_fit", msg);
		goto out;
	}
	if (validate(r, f.st.number, f.st.electorate, form, &fi) != 0) {
		req_internal(r);
		goto out;
	}
	a.entry_no = e;
	a.ev.kind = e == 1 ? TALLY_EV_SAVE_1 : TALLY_EV_SAVE_2;
	a.form = form;
	a.progress = prog ? progress : NULL;
	a.revision = rev ? (long)json_integer_value(rev) : 0;
	a.revision_out = &revision;
	if (apply(r, f.st.number, &a, &after) != 0)
		goto out;
	o = json_pack("{s:I}", "revision", (json_int_t)revision);
	json_add_findings(o, &fi);
	req_json(r, 200, o);
out:
	tally_findings_free(&fi);
	tally_form_free(form);
	json_decref(b);
}

static void h_finalise(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_station_full f;
	struct store_entry mine = {0}, first = {0};
	struct tally_findings fi = {0};
	struct tally_station_state after;
	struct store_action a = {0};
	json_t *b = NULL;
	const json_t *wc;
	int e = entry_param(r), confirmed = 0;

	if (e == 0 || station_of(r, &f) != STORE_OK)
		return;
	if (r->len > 0) {
		if ((b = req_body_json(r)) == NULL)
			return;
		wc = json_object_get(b, "warnings_confirmed");
		if (wc != NULL && !json_is_boolean(wc)) {
			req_error(r, 400, "bad_json", "warnings_confirmed moet true of false zijn.");
			goto out;
		}
		confirmed = json_is_true(wc);
	}
	a.entry_no = e;
	a.ev.kind = e == 1 ? TALLY_EV_FINALISE_1 : TALLY_EV_FINALISE_2;
	/* Only the holder's own entry is read; anyone else gets tally's refusal. */
	if (holds(r, &f, e)) {
		json_decref(r->json);
		r->json = NULL;
		if (store_entry_get(s, f.st.number, e, &mine) != STORE_OK) {
			req_internal(r);
			goto out;
		}
		/* Stored as finalised: a candidate left empty is 0 (domain.md §3). The revision
		 * read here guards against a save that slipped in meanwhile. */
		tally_form_fill_candidates(mine.form);
		a.form = mine.form;
		a.revision = mine.revision;
		if (validate(r, f.st.number, f.st.electorate, mine.form, &fi) != 0) {
			req_internal(r);
			goto out;
		}
		a.ev.has_errors = fi.nerrors > 0;
		a.has_warnings = fi.nwarnings > 0;
		a.warnings_confirmed = confirmed;
		if (fi.nerrors == 0 && fi.nwarnings > 0 && !confirmed) {
			req_error(r, 409, "warnings_not_confirmed", "Er zijn waarschuwingen. Controleer "
			          "de aantallen op het papier en bevestig dat.");
			goto out;
		}
		if (e == 2) {
			if (store_entry_get(s, f.st.number, 1, &first) != STORE_OK) {
				req_internal(r);
				goto out;
			}
			a.ev.identical = tally_form_equal(first.form, mine.form);
		}
	} else {
		json_decref(r->json);
		r->json = NULL;
		r->status = 0;
	}
	if (apply(r, f.st.number, &a, &after) != 0)
		goto out;
	req_json(r, 200, json_pack("{s:s}", "status", tally_status_name(after.status)));
out:
	store_entry_clear(&mine);
	store_entry_clear(&first);
	tally_findings_free(&fi);
	json_decref(b);
}

static void h_discard(struct req *r)
{
	struct store_action a = {0};
	struct tally_station_state after;
	int e = entry_param(r);

	if (e == 0)
		return;
	a.entry_no = e;
	a.ev.kind = e == 1 ? TALLY_EV_DISCARD_1 : TALLY_EV_DISCARD_2;
	if (apply(r, (int)r->param[0], &a, &after) != 0)
		return;
	req_json(r, 200, json_pack("{s:s}", "status", tally_status_name(after.status)));
}

/* ---- coordinator ---- */

static void h_resolve(struct req *r)
{
	struct store_action a = {0};
	struct tally_station_state after;
	json_t *b = req_body_json(r);
	const char *action;

	if (b == NULL)
		return;
	action = json_string_value(json_object_get(b, "action"));
	if (action != NULL && strcmp(action, "return_to_typist") == 0)
		a.ev.kind = TALLY_EV_RETURN_FIRST;
	else if (action != NULL && strcmp(action, "discard_first") == 0)
		a.ev.kind = TALLY_EV_DISCARD_FIRST;
	else if (action == NULL || tally_resolve_parse(action, &a.ev.kind) != 0) {
		req_error(r, 422, "does_not_fit", "Onbekende actie. Kies keep_first, keep_second, "
		          "discard_both, keep_first_correct_second, keep_second_correct_first, "
		          "return_to_typist of discard_first.");
		json_decref(b);
		return;
	}
	json_decref(b);
	if (apply(r, (int)r->param[0], &a, &after) != 0)
		return;
	req_json(r, 200, json_pack("{s:s}", "status", tally_status_name(after.status)));
}

static void h_reset(struct req *r)
{
	struct store_action a = {0};
	struct tally_station_state after;

	a.ev.kind = TALLY_EV_RESET;
	if (apply(r, (int)r->param[0], &a, &after) != 0)
		return;
	req_json(r, 200, json_pack("{s:s}", "status", tally_status_name(after.status)));
}

static void h_station_detail(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_station_full f;
	struct store_entry en[2];
	struct tally_findings fi;
	struct tally_paths diff = {0};
	json_t *entries = json_array(), *o;
	int have[2] = {0, 0}, i, finished;

	if (station_of(r, &f) != STORE_OK) {
		json_decref(entries);
		return;
	}
	for (i = 0; i < 2; i++) {
		if (store_entry_get(s, f.st.number, i + 1, &en[i]) != STORE_OK)
			continue;
		have[i] = 1;
		if (validate(r, f.st.number, f.st.electorate, en[i].form, &fi) != 0)
			memset(&fi, 0, sizeof fi);
		o = json_pack("{s:i, s:s, s:o, s:b, s:b, s:o}", "entry", i + 1, "typist",
		              en[i].account_name, "form", json_from_form(en[i].form), "finalised",
		              en[i].finalised, "warnings_confirmed", en[i].warnings_confirmed, "cleared",
		              json_from_paths(&en[i].cleared));
		json_add_findings(o, &fi);
		tally_findings_free(&fi);
		json_array_append_new(entries, o);
	}
	if (have[0] && have[1])
		tally_form_diff(en[0].form, en[1].form, &diff);
	finished = store_count_finished(s) != 0; /* when in doubt, closed */
	o = json_pack("{s:o, s:o, s:o, s:b, s:o*}", "station", station_json(r, &f), "entries", entries,
	              "differences", json_from_paths(&diff), "count_finished", finished, "actions",
	              api_station_actions(&f.state, finished));
	tally_paths_free(&diff);
	for (i = 0; i < 2; i++)
		if (have[i])
			store_entry_clear(&en[i]);
	req_json(r, 200, o);
}

/* The municipality's totals: the definitive stations summed by tally/. */
/*
 * The municipality's totals: the definitive stations summed by tally/. Returns 0 with *out
 * (the caller frees it), 1 when no candidate lists are imported yet, -1 on a failure.
 */
static int totals(struct req *r, struct tally_form **out, size_t *ndef, size_t *ntotal)
{
	struct store *s = server_store(r->srv);
	struct tally_form **forms, *sum;
	struct store_station_full *st;
	const struct tally_list *shape;
	int *numbers, vc;
	size_t n, i, nshape = 0;

	*out = NULL;
	if (store_form_shape(s, &shape, &nshape, &vc) != STORE_OK || nshape == 0)
		return store_lists_count(s) == 0 ? 1 : -1;
	if ((sum = store_form_new(s)) == NULL)
		return -1;
	tally_form_zero(sum);
	if (store_definitive_forms(s, &forms, &numbers, &n) != STORE_OK) {
		tally_form_free(sum);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (tally_form_add(sum, forms[i]) != 0) {
			store_forms_free(forms, numbers, n);
			tally_form_free(sum);
			return -1;
		}
	store_forms_free(forms, numbers, n);
	*ndef = n;
	*ntotal = 0;
	if (store_stations_full(s, &st, ntotal) != STORE_OK) {
		tally_form_free(sum);
		return -1;
	}
	free(st);
	*out = sum;
	return 0;
}

static void no_lists(struct req *r)
{
	req_error(r, 409, "wrong_state", "Er zijn nog geen kandidatenlijsten ingelezen.");
}

static void h_totals(struct req *r)
{
	size_t ndef = 0, ntotal = 0;
	struct tally_form *sum;
	int rc = totals(r, &sum, &ndef, &ntotal);
	json_t *o;

	if (rc != 0) {
		if (rc > 0)
			no_lists(r);
		else
			req_internal(r);
		return;
	}
	o = json_from_form(sum);
	json_object_set_new(o, "stations_definitive", json_integer((json_int_t)ndef));
	json_object_set_new(o, "stations_total", json_integer((json_int_t)ntotal));
	tally_form_free(sum);
	req_json(r, 200, o);
}

static void h_chart(struct req *r)
{
	size_t ndef = 0, ntotal = 0, nl = 0;
	struct tally_form *sum;
	struct tally_list *lists = NULL;
	int rc = totals(r, &sum, &ndef, &ntotal);

	if (rc > 0) {
		no_lists(r);
		return;
	}
	if (rc < 0 || store_lists_get(server_store(r->srv), &lists, &nl) != STORE_OK) {
		tally_form_free(sum);
		req_internal(r);
		return;
	}
	r->raw = svg_list_totals(lists, sum, &r->raw_len);
	tally_lists_free(lists, nl);
	tally_form_free(sum);
	if (r->raw == NULL) {
		req_internal(r);
		return;
	}
	r->content_type = "image/svg+xml";
	r->status = 200;
}

/* ---- administrator ---- */

/* The accounts themselves: api_accounts.c. */

static void h_sessions(struct req *r)
{
	struct store_session *s;
	size_t n, i;
	json_t *a;

	if (store_sessions_list(server_store(r->srv), now_s(), SESSION_IDLE_MAX, &s, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "user",
		                      s[i].account.name, "role", s[i].account.role, "address",
		                      s[i].address, "user_agent", s[i].user_agent, "started",
		                      s[i].started, "last_seen", (json_int_t)s[i].last_seen));
	free(s);
	req_json(r, 200, a);
}

/* ---- hours and costs (administrator) ---- */

static json_t *money_json(costs_cents c)
{
	char buf[32];

	costs_format_money(c, buf, sizeof buf);
	return json_string(buf);
}

static json_t *line_json(const struct costs_line *l, costs_cents amount)
{
	char t[32];
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)l->id, "kind",
	                      costs_kind_name(l->kind), "kind_label", costs_kind_label(l->kind),
	                      "person", l->person, "date", l->date, "description", l->description);

	if (l->kind == COSTS_HOURS) {
		snprintf(t, sizeof t, "%02d:%02d", l->from_min / 60, l->from_min % 60);
		json_object_set_new(o, "from", json_string(t));
		snprintf(t, sizeof t, "%02d:%02d", l->to_min / 60, l->to_min % 60);
		json_object_set_new(o, "to", json_string(t));
		json_object_set_new(o, "activity", json_string(costs_activity_name(l->activity)));
		json_object_set_new(o, "activity_label", json_string(costs_activity_label(l->activity)));
		/* a line past midnight: its end is on the next day ("21:00-03:00 (+1 dag)") */
		json_object_set_new(o, "next_day", json_boolean(costs_line_next_day(l)));
		json_object_set_new(o, "minutes", json_integer(costs_line_minutes(l)));
		costs_format_span_nl(l->from_min, l->to_min, t, sizeof t);
		json_object_set_new(o, "span", json_string(t));
	}
	json_object_set_new(o, "km", l->km >= 0 ? json_integer(l->km) : json_null());
	json_object_set_new(o, "count", l->kind == COSTS_LAPTOPS ? json_integer(l->count) : json_null());
	json_object_set_new(o, "days", l->kind == COSTS_LAPTOPS ? json_integer(l->days) : json_null());
	json_object_set_new(o, "amount", l->amount >= 0 ? money_json(l->amount) : json_null());
	json_object_set_new(o, "line_cents", json_integer(amount));
	json_object_set_new(o, "line_amount", money_json(amount));
	return o;
}

static void h_costs(struct req *r)
{
	struct ledger led;
	json_t *lines, *kinds, *persons, *o;
	size_t i;
	int k;

	if (ledger_load(server_store(r->srv), &led) != 0) {
		req_internal(r);
		return;
	}
	lines = json_array();
	for (i = 0; i < led.nlines; i++)
		json_array_append_new(lines, line_json(&led.lines[i], led.amounts[i]));
	kinds = json_array();
	for (k = 0; k < COSTS_KIND__MAX; k++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:I, s:o}", "kind",
		                      costs_kind_name((enum costs_kind)k), "label",
		                      costs_kind_label((enum costs_kind)k), "cents",
		                      (json_int_t)led.summary.by_kind[k], "amount",
		                      money_json(led.summary.by_kind[k])));
	persons = json_array();
	for (i = 0; i < led.summary.npersons; i++) {
		char h[24];

		snprintf(h, sizeof h, "%ld:%02ld", led.summary.persons[i].minutes / 60,
		         led.summary.persons[i].minutes % 60);
		json_array_append_new(persons, json_pack("{s:s, s:I, s:s, s:I, s:o}", "person",
		                      led.summary.persons[i].person, "minutes",
		                      (json_int_t)led.summary.persons[i].minutes, "hours", h, "cents",
		                      (json_int_t)led.summary.persons[i].amount, "amount",
		                      money_json(led.summary.persons[i].amount)));
	}
	{
		char vat[16];

		snprintf(vat, sizeof vat, "%d.%02d", led.rates.vat_basis_points / 100,
		         led.rates.vat_basis_points % 100);
		o = json_pack("{s:{s:o, s:o, s:o, s:s, s:b, s:s, s:s, s:s, s:s}, s:o, s:{s:o, s:o, "
		              "s:I, s:o, s:I, s:o, s:I, s:o}}",
		              "settings", "hourly", money_json(led.settings.hourly), "laptop_day",
		              money_json(led.settings.laptop_day), "per_km",
		              money_json(led.settings.per_km), "vat", vat, "rates_set",
		              led.settings.rates_set, "provider_name", led.settings.provider_name,
		              "provider_address", led.settings.provider_address, "invoice_number",
		              led.settings.invoice_number, "invoice_date", led.settings.invoice_date,
		              "lines", lines, "summary", "by_kind", kinds, "persons", persons,
		              "net_cents", (json_int_t)led.summary.net, "net", money_json(led.summary.net),
		              "vat_cents", (json_int_t)led.summary.vat, "vat", money_json(led.summary.vat),
		              "total_cents", (json_int_t)led.summary.total, "total",
		              money_json(led.summary.total));
		if (o != NULL) {
			json_t *st = json_object_get(o, "settings");

			json_object_set_new(st, "provider_kvk", json_string(led.settings.provider_kvk));
			json_object_set_new(st, "provider_vat", json_string(led.settings.provider_vat));
			json_object_set_new(st, "provider_iban", json_string(led.settings.provider_iban));
		}
	}
	ledger_free(&led);
	req_json(r, 200, o ? o : json_object());
}

/* A string member, or NULL; 1 when present but not a string (answered 400). */
static int str_member(struct req *r, const json_t *b, const char *key, const char **out)
{
	const json_t *v = json_object_get(b, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_real(v) && (strcmp(key, "km") == 0 || strcmp(key, "count") == 0 ||
	                        strcmp(key, "days") == 0)) {
		req_error(r, 422, "refused", "Kilometers, aantallen en dagen zijn hele getallen.");
		return 1;
	}
	if (json_is_real(v) || (json_is_integer(v) && strcmp(key, "km") != 0 &&
	                        strcmp(key, "count") != 0 && strcmp(key, "days") != 0)) {
		req_error(r, 422, "refused", "Geef bedragen als tekst, bijvoorbeeld \"57.25\".");
		return 1;
	}
	if (!json_is_string(v) && !json_is_integer(v)) {
		req_error(r, 400, "bad_json", "Een veld heeft niet de goede soort waarde.");
		return 1;
	}
	*out = json_string_value(v);
	return 0;
}

static void h_costs_settings(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_cost_settings st;
	const char *v[11];
	char msg[320];
	static const char *const keys[11] = {"hourly", "laptop_day", "per_km", "vat",
	                                     "provider_name", "provider_address", "invoice_number",
	                                     "invoice_date", "provider_kvk", "provider_vat",
	                                     "provider_iban"};
	json_t *b = req_body_json(r);
	costs_cents c;
	int i, rc;

	if (b == NULL)
		return;
	for (i = 0; i < 11; i++)
		if (str_member(r, b, keys[i], &v[i]) != 0)
			goto out;
	if (store_costs_settings_get(s, &st) != STORE_OK) {
		req_internal(r);
		goto out;
	}
	for (i = 0; i < 4; i++) {
		if (v[i] == NULL)
			continue;
		if ((rc = costs_parse_money(v[i], &c)) != COSTS_OK) {
			static const char *const label[4] = {"Uurtarief", "Dagprijs per laptop",
			                                     "Prijs per km", "Btw-percentage"};

			snprintf(msg, sizeof msg, "%s: %s", label[i], costs_strerror_nl(rc));
			req_error(r, 422, "refused", msg);
			goto out;
		}
		if (i == 0)
			st.hourly = c;
		else if (i == 1)
			st.laptop_day = c;
		else if (i == 2)
			st.per_km = c;
		else if (c > 10000) {
			req_error(r, 422, "refused", "Het btw-percentage is hoogstens 100.");
			goto out;
		} else
			st.vat_bp = (int)c;
		st.rates_set = 1;
	}
	if (v[7] != NULL && v[7][0] != '\0' && costs_parse_date(v[7]) != COSTS_OK) {
		req_error(r, 422, "refused", "De factuurdatum is geen datum (JJJJ-MM-DD).");
		goto out;
	}
	if (ledger_provider_ids(&st, v[8], v[9], v[10], 1, msg, sizeof msg) != LEDGER_OK) {
		req_error(r, 422, "refused", msg);
		goto out;
	}
	if (v[4] != NULL)
		snprintf(st.provider_name, sizeof st.provider_name, "%s", v[4]);
	if (v[5] != NULL)
		snprintf(st.provider_address, sizeof st.provider_address, "%s", v[5]);
	if (v[6] != NULL)
		snprintf(st.invoice_number, sizeof st.invoice_number, "%s", v[6]);
	if (v[7] != NULL)
		snprintf(st.invoice_date, sizeof st.invoice_date, "%s", v[7]);
	if (store_costs_settings_set(s, &st, &r->actor) != STORE_OK) {
		req_internal(r);
		goto out;
	}
	req_json(r, 200, json_object());
out:
	json_decref(b);
}

static void h_costs_line(struct req *r)
{
	static const char *const keys[] = {"kind", "person", "date", "from", "to", "activity", "km",
	                                   "amount", "count", "days", "category", "description"};
	const char *v[12];
	char num[3][24], why[300];
	struct ledger_text t;
	struct costs_line l;
	json_t *b = req_body_json(r);
	size_t i;
	int rc, edit = strcmp(r->method, "PUT") == 0;

	if (b == NULL)
		return;
	for (i = 0; i < 12; i++) {
		const json_t *j = json_object_get(b, keys[i]);

		if (str_member(r, b, keys[i], &v[i]) != 0)
			goto out;
		/* km, count and days may come as numbers: as text for the shared parser. */
		if (j != NULL && json_is_integer(j) && (i == 6 || i == 8 || i == 9)) {
			snprintf(num[i == 6 ? 0 : i == 8 ? 1 : 2], sizeof num[0], "%lld",
			         (long long)json_integer_value(j));
			v[i] = num[i == 6 ? 0 : i == 8 ? 1 : 2];
		}
	}
	memset(&t, 0, sizeof t);
	t.kind = v[0];
	t.person = v[1];
	t.date = v[2];
	t.from = v[3];
	t.to = v[4];
	t.activity = v[5];
	t.km = v[6];
	t.amount = v[7];
	t.count = v[8];
	t.days = v[9];
	t.category = v[10];
	t.description = v[11];
	if (ledger_line_parse(&t, &l, 1, why, sizeof why) != LEDGER_OK) {
		req_error(r, 422, "refused", why);
		goto out;
	}
	l.id = edit ? r->param[0] : 0;
	rc = ledger_put(server_store(r->srv), &l, &r->actor, 1, why, sizeof why);
	if (rc == LEDGER_REFUSED)
		req_error(r, 422, "refused", why);
	else if (rc == LEDGER_NOT_FOUND)
		req_error(r, 404, "not_found", why);
	else if (rc != LEDGER_OK)
		req_internal(r);
	else
		req_json(r, edit ? 200 : 201, json_pack("{s:I}", "id", (json_int_t)l.id));
out:
	json_decref(b);
}

static void h_costs_remove(struct req *r)
{
	int rc = store_costs_remove(server_store(r->srv), r->param[0], &r->actor);

	if (rc == STORE_ERR_NOT_FOUND)
		req_error(r, 404, "not_found", "Deze regel bestaat niet.");
	else if (rc != STORE_OK)
		req_internal(r);
	else
		req_json(r, 200, json_object());
}

static void h_invoice(struct req *r)
{
	struct ledger_invoice inv;
	char why[300];
	int pdf = strstr(r->url, ".pdf") != NULL;
	int rc = ledger_invoice_build(server_store(r->srv), &r->actor, &inv, why, sizeof why);

	if (rc == LEDGER_REFUSED) {
		req_error(r, 409, "refused", why);
		return;
	}
	if (rc != LEDGER_OK) {
		req_internal(r);
		return;
	}
	req_download(r, pdf ? inv.pdf_name : inv.csv_name, pdf ? inv.pdf : inv.csv,
	         pdf ? inv.pdf_len : inv.csv_len, pdf ? "application/pdf" : "text/csv; charset=utf-8");
	ledger_invoice_free(&inv);
}

/* ---- backup (administrator) ---- */

/* A consistent copy of the database, downloaded (to keep on a USB stick). */
static void h_backup(struct req *r)
{
	char path[] = "/tmp/teller-backup-XXXXXX", name[64], stamp[32];
	unsigned char *bytes;
	struct stat st;
	FILE *f;
	time_t now = time(NULL);
	struct tm tm;
	int fd = mkstemp(path);

	if (fd < 0) {
		req_internal(r);
		return;
	}
	close(fd);
	unlink(path); /* store_backup makes it anew, exclusively */
	if (store_backup(server_store(r->srv), path) != STORE_OK || stat(path, &st) != 0 ||
	    (f = fopen(path, "rb")) == NULL) {
		unlink(path);
		req_internal(r);
		return;
	}
	bytes = malloc((size_t)st.st_size + 1);
	if (bytes == NULL || fread(bytes, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		fclose(f);
		free(bytes);
		unlink(path);
		req_internal(r);
		return;
	}
	fclose(f);
	unlink(path);
	store_audit(server_store(r->srv), &r->actor, "backup", "downloaded");
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(name, sizeof name, "teller-backup-%s.db", stamp);
	r->raw = (char *)bytes;
	r->raw_len = (size_t)st.st_size;
	r->content_type = "application/vnd.sqlite3";
	req_attachment(r, name);
	r->status = 200;
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
	{"GET", "/api/stations/{n}", R_COORD, SESSION, h_station_detail},
	{"POST", "/api/stations/{n}/entries/{n}/claim", R_TYPIST, SESSION, h_claim},
	{"GET", "/api/stations/{n}/entries/{n}", R_TYPIST, SESSION, h_entry_get},
	{"PUT", "/api/stations/{n}/entries/{n}", R_TYPIST, SESSION, h_entry_put},
	{"POST", "/api/stations/{n}/entries/{n}/finalise", R_TYPIST, SESSION, h_finalise},
	{"POST", "/api/stations/{n}/entries/{n}/discard", R_TYPIST, SESSION, h_discard},
	{"POST", "/api/stations/{n}/resolve", R_COORD, SESSION, h_resolve},
	{"POST", "/api/stations/{n}/reset", R_COORD, SESSION, h_reset},
	{"GET", "/api/totals", R_COORD, SESSION, h_totals},
	{"GET", "/api/totals/chart.svg", R_COORD, SESSION, h_chart},
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
	{"GET", "/api/sessions", R_ADMIN, SESSION, h_sessions},
	{"GET", "/api/server-info", R_ADMIN | R_COORD, SESSION, api_server_info},
	{"GET", "/api/backup", R_ADMIN, SESSION, h_backup},
	{"GET", "/api/costs", R_ADMIN, SESSION, h_costs},
	{"PUT", "/api/costs/settings", R_ADMIN, SESSION, h_costs_settings},
	{"POST", "/api/costs/lines", R_ADMIN, SESSION, h_costs_line},
	{"PUT", "/api/costs/lines/{n}", R_ADMIN, SESSION, h_costs_line},
	{"DELETE", "/api/costs/lines/{n}", R_ADMIN, SESSION, h_costs_remove},
	{"GET", "/api/costs/invoice.pdf", R_ADMIN, SESSION, h_invoice},
	{"GET", "/api/costs/invoice.csv", R_ADMIN, SESSION, h_invoice},
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
