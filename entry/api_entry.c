/*
 * The JSON API's data entry (typist: claim, the entry, save, finalise, discard)
 * and the coordinator's decisions on a station, its detail and the totals.
 * Handlers parse, ask tally/ and store/, and map the outcome to an HTTP status;
 * they hold no election rules. Routes: api.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry/internal.h"

static void verdict_error(struct req *r, enum tally_verdict v)
{
	req_error(r, (unsigned)tally_verdict_http(v), tally_verdict_code(v), tally_verdict_message(v));
}

/* ---- data entry ---- */

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
	if (!tally_form_has_empty(f) &&
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
	if (rc == STORE_ERR_INVALID && a->why_out != NULL && a->why_out[0] != '\0') {
		char msg[400];

		snprintf(msg, sizeof msg, "Het formulier past niet bij deze verkiezing: %s.", a->why_out);
		req_error(r, 422, "does_not_fit", msg);
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
		server_export_set(r->srv, SERVER_FILES_COUNT, NULL);
	return 0;
}

static void api_claim(struct req *r)
{
	struct store_action a = {0};
	struct tally_station_state before, after;
	int e = entry_param(r);

	if (e == 0)
		return;
	a.entry_no = e;
	a.ev.kind = e == 1 ? TALLY_EV_CLAIM_1 : TALLY_EV_CLAIM_2;
	a.before_out = &before; /* the state the write found: the station is read once */
	if (apply(r, (int)r->param[0], &a, &after) != 0)
		return;
	req_json(r, 200, json_pack("{s:s, s:b}", "status", tally_status_name(after.status),
	                           "resumed", before.status == after.status));
}

/* Whether the caller holds entry e now (tally_holds); answers tally's refusal when not. */
static int holds(struct req *r, const struct store_station_full *f, int e)
{
	enum tally_verdict v = tally_holds(&f->state, r->sess.account.id, e);

	if (v != TALLY_OK)
		verdict_error(r, v);
	return v == TALLY_OK;
}

/* The findings of an entry as the page shows them, and whether finalising it needs the
 * warnings confirmed (tally's rule, so that the page asks exactly then). */
static void add_findings(json_t *o, const struct tally_findings *fi)
{
	json_add_findings(o, fi);
	json_object_set_new(o, "confirm_warnings", json_boolean(
	                    tally_warnings_need_confirmation(fi->nerrors > 0, fi->nwarnings > 0)));
}

static void api_entry_get(struct req *r)
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
	add_findings(o, &fi);
	tally_findings_free(&fi);
	store_entry_clear(&en);
	req_json(r, 200, o);
}

/*
 * A refusal before the write, of a request about a station that does not exist, is
 * answered as that (404), as when the station was read first; on the way that
 * succeeds the station is read once, inside the write.
 */
static void station_first(struct req *r)
{
	struct store_station_full f;

	if (store_station_full(server_store(r->srv), (int)r->param[0], &f) == STORE_ERR_NOT_FOUND)
		req_error(r, 404, "not_found", "Dit stembureau bestaat niet.");
}

/*
 * The body of a save into a: its progress (copied into progress), revision and form
 * (*form, parsed once, also a->form; the caller frees it). Answers why not and returns
 * -1 when it does not do. Whether the form fits the election is the write's to check.
 */
static int put_body(struct req *r, struct store_action *a, struct tally_form **form,
                    char *progress, size_t size)
{
	const struct tally_list *lists;
	const json_t *prog, *rev;
	json_t *b;
	size_t nl;
	int vc, rc = -1;
	char why[256];

	if ((b = req_body_json(r)) == NULL)
		return -1;
	if (store_form_shape(server_store(r->srv), &lists, &nl, &vc) != STORE_OK) {
		req_error(r, 409, "wrong_state", "Er zijn nog geen kandidatenlijsten ingelezen.");
		goto out;
	}
	prog = json_object_get(b, "progress");
	if (prog != NULL && (!json_is_string(prog) || json_string_length(prog) >= size)) {
		req_error(r, 422, "does_not_fit", "progress moet een korte tekst zijn.");
		goto out;
	}
	if (prog != NULL)
		snprintf(progress, size, "%s", json_string_value(prog));
	rev = json_object_get(b, "revision");
	if (rev != NULL && (!json_is_integer(rev) || json_integer_value(rev) < 1)) {
		req_error(r, 422, "does_not_fit", "revision moet een positief geheel getal zijn.");
		goto out;
	}
	if ((*form = json_to_form(b, vc, why, sizeof why)) == NULL) {
		char msg[400];

		snprintf(msg, sizeof msg, "Het formulier past niet bij deze verkiezing: %s.", why);
		req_error(r, 422, "does_not_fit", msg);
		goto out;
	}
	a->form = *form;
	a->progress = prog ? progress : NULL;
	a->revision = rev ? (long)json_integer_value(rev) : 0;
	rc = 0;
out:
	json_decref(b);
	return rc;
}

/*
 * A save: the form parsed once here; its fit, its text, its findings (W.206 and the
 * electorate as the transaction sees them) and the state's verdict are the write's,
 * done once, inside it.
 */
static void api_entry_put(struct req *r)
{
	struct tally_station_state after;
	struct tally_findings fi = {0};
	struct store_action a = {0};
	struct tally_form *form = NULL;
	json_t *o;
	long revision = 0;
	int e = entry_param(r);
	char why[256], progress[64] = "";

	if (e == 0)
		return;
	if (put_body(r, &a, &form, progress, sizeof progress) != 0) {
		station_first(r);
		goto out;
	}
	a.entry_no = e;
	a.ev.kind = e == 1 ? TALLY_EV_SAVE_1 : TALLY_EV_SAVE_2;
	a.revision_out = &revision;
	a.findings_out = &fi;
	a.why_out = why;
	a.whysize = sizeof why;
	if (apply(r, (int)r->param[0], &a, &after) != 0)
		goto out;
	o = json_pack("{s:I}", "revision", (json_int_t)revision);
	add_findings(o, &fi);
	req_json(r, 200, o);
out:
	tally_findings_free(&fi);
	tally_form_free(form);
}

static void api_finalise(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_station_full f;
	struct store_entry mine = {0};
	struct tally_findings fi = {0};
	struct tally_station_state after;
	struct store_action a = {0};
	json_t *b = NULL;
	const json_t *wc;
	int e = entry_param(r), confirmed = 0;

	if (e == 0 || station_of(r, &f) != STORE_OK)
		return;
	if (r->body.len > 0) {
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
	/* Only the holder's own entry is read; anyone else gets tally's refusal. Whether the
	 * figures may be finalised (errors, warnings confirmed, identical) is tally's too. */
	if (tally_holds(&f.state, r->sess.account.id, e) == TALLY_OK) {
		if (store_entry_get(s, f.st.number, e, &mine) != STORE_OK) {
			req_internal(r);
			goto out;
		}
		/* Stored as finalised: a candidate left empty is 0 (domain.md §3). The revision
		 * read here guards against a save that slipped in meanwhile. Its findings (which
		 * decide errors and warnings) and whether entry 2 is identical to entry 1 are
		 * the write's, inside it. */
		tally_form_fill_candidates(mine.form);
		a.form = mine.form;
		a.revision = mine.revision;
		a.findings_out = &fi;
		a.ev.warnings_confirmed = a.warnings_confirmed = confirmed;
	}
	if (apply(r, f.st.number, &a, &after) != 0)
		goto out;
	req_json(r, 200, json_pack("{s:s}", "status", tally_status_name(after.status)));
out:
	store_entry_clear(&mine);
	tally_findings_free(&fi);
	json_decref(b);
}

static void api_discard(struct req *r)
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

static void api_resolve(struct req *r)
{
	struct store_action a = {0};
	struct tally_station_state after;
	json_t *b = req_body_json(r);
	const char *action;

	if (b == NULL)
		return;
	action = json_string_value(json_object_get(b, "action"));
	if (tally_resolve_parse(action, &a.ev.kind) != 0) {
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

static void api_reset(struct req *r)
{
	struct store_action a = {0};
	struct tally_station_state after;

	a.ev.kind = TALLY_EV_RESET;
	if (apply(r, (int)r->param[0], &a, &after) != 0)
		return;
	req_json(r, 200, json_pack("{s:s}", "status", tally_status_name(after.status)));
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

			tally_candidate_name(c, TALLY_NAME_FORMS, cname, sizeof cname);
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

/*
 * One station as JSON. What a typist may do there (claimable, mine) and what it waits
 * for (waits_for, and the holder of an entry being typed, for the coordinator's
 * overview) are asked of tally/, with finished whether the count is closed.
 */
static json_t *station_json(const struct req *r, const struct store_station_full *f, int finished)
{
	int coord = r->role == TALLY_ROLE_COORDINATOR, typist = r->role == TALLY_ROLE_TYPIST;
	const struct tally_station_state *t = &f->state;
	long me = r->sess.account.id;
	int claimable = typist ? tally_entry_claimable(t, finished, me) : 0;
	int mine = typist ? tally_entry_held(t, me) : 0, open = tally_open_entry(t);
	const char *holder = open == 1 ? f->first_name : open == 2 ? f->second_name : "";
	json_t *o;

	o = json_pack("{s:i, s:s, s:s, s:o, s:s, s:b, s:b, s:b, s:b}", "number", f->st.number,
	              "name", f->st.name, "postcode", f->st.postcode, "electorate",
	              f->st.electorate >= 0 ? json_integer(f->st.electorate) : json_null(),
	              "status", tally_status_name(t->status),
	              "first_has_errors", t->first_has_errors,
	              "second_has_errors", t->second_has_errors,
	              "has_warnings", f->has_warnings, "correcting", t->correcting);
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
	if (coord) {
		const char *w = tally_wait_name(tally_waits_for(t, finished));

		json_object_set_new(o, "waits_for", w ? json_string(w) : json_null());
		json_object_set_new(o, "holder", holder[0] ? json_string(holder) : json_null());
	}
	json_object_set_new(o, "claimable", claimable ? json_integer(claimable) : json_null());
	json_object_set_new(o, "mine", mine ? json_integer(mine) : json_null());
	return o;
}

static json_t *api_station_json(const struct req *r, const struct store_station_full *f)
{
	/* when in doubt, closed: then nothing is offered */
	return station_json(r, f, store_count_finished(server_store(r->srv)) != 0);
}

static void h_stations(struct req *r)
{
	struct store_station_full *st;
	size_t n, i;
	int finished;
	json_t *a;

	if (store_stations_full(server_store(r->srv), &st, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	if ((finished = store_count_finished(server_store(r->srv))) < 0) {
		free(st);
		req_internal(r);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, station_json(r, &st[i], finished));
	free(st);
	req_json(r, 200, a);
}

/*
 * An entry that is still being typed, as the coordinator sees it: who types it, where they
 * are (the section the page saved as progress) and when they last saved, and the fields
 * cleared for correction (paths). No figure and no finding: those would tell what is being
 * typed, and nobody sees an entry's figures before it is finalised (issue 11).
 */
static json_t *entry_in_progress_json(const struct store_station_full *f,
                                      const struct store_entry *en)
{
	int open = tally_open_entry(&f->state) == en->entry_no && f->open_updated[0];

	return json_pack("{s:i, s:s, s:b, s:s, s:o, s:o}", "entry", en->entry_no, "typist",
	                 en->account_name, "finalised", 0, "progress", en->progress, "saved",
	                 open ? json_string(f->open_updated) : json_null(), "cleared",
	                 json_from_paths(&en->cleared));
}

/* A finalised entry: its figures and findings, for the coordinator to decide on. */
static json_t *entry_finalised_json(struct req *r, const struct store_station_full *f,
                                    const struct store_entry *en)
{
	struct tally_findings fi;
	json_t *o;

	if (validate(r, f->st.number, f->st.electorate, en->form, &fi) != 0)
		memset(&fi, 0, sizeof fi);
	o = json_pack("{s:i, s:s, s:o, s:b, s:b, s:o}", "entry", en->entry_no, "typist",
	              en->account_name, "form", json_from_form(en->form), "finalised", 1,
	              "warnings_confirmed", en->warnings_confirmed, "cleared",
	              json_from_paths(&en->cleared));
	json_add_findings(o, &fi);
	tally_findings_free(&fi);
	return o;
}

static void api_station_detail(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_station_full f;
	struct store_entry en[2];
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
		json_array_append_new(entries, en[i].finalised ? entry_finalised_json(r, &f, &en[i]) :
		                      entry_in_progress_json(&f, &en[i]));
	}
	/* Which fields differ only between two finalised entries: of one being typed, even
	 * that would tell what was typed. */
	if (have[0] && have[1] && en[0].finalised && en[1].finalised)
		tally_form_diff(en[0].form, en[1].form, &diff);
	finished = store_count_finished(s) != 0; /* when in doubt, closed */
	o = json_pack("{s:o, s:o, s:o, s:b, s:o*}", "station", api_station_json(r, &f), "entries", entries,
	              "differences", json_from_paths(&diff), "count_finished", finished, "actions",
	              api_station_actions(&f.state, finished));
	tally_paths_free(&diff);
	for (i = 0; i < 2; i++)
		if (have[i])
			store_entry_clear(&en[i]);
	req_json(r, 200, o);
}

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

static void api_totals(struct req *r)
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
	/* Every station definitive: the final result; else a draft (concept). */
	json_object_set_new(o, "count_complete", json_boolean(tally_count_complete(ndef, ntotal)));
	tally_form_free(sum);
	req_json(r, 200, o);
}

static void api_chart(struct req *r)
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

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/election", R_ALL, SESSION, h_election},
	{"GET", "/api/stations", R_TYPIST | R_COORD, SESSION, h_stations},
	{"GET", "/api/stations/{n}", R_COORD, SESSION, api_station_detail},
	{"POST", "/api/stations/{n}/entries/{n}/claim", R_TYPIST, SESSION_COUNTS, api_claim},
	{"GET", "/api/stations/{n}/entries/{n}", R_TYPIST, SESSION_COUNTS, api_entry_get},
	{"PUT", "/api/stations/{n}/entries/{n}", R_TYPIST, SESSION_COUNTS, api_entry_put},
	{"POST", "/api/stations/{n}/entries/{n}/finalise", R_TYPIST, SESSION_COUNTS, api_finalise},
	{"POST", "/api/stations/{n}/entries/{n}/discard", R_TYPIST, SESSION_COUNTS, api_discard},
	{"POST", "/api/stations/{n}/resolve", R_COORD, SESSION_COUNTS, api_resolve},
	{"POST", "/api/stations/{n}/reset", R_COORD, SESSION_COUNTS, api_reset},
	{"GET", "/api/totals", R_COORD, SESSION, api_totals},
	{"GET", "/api/totals/chart.svg", R_COORD, SESSION, api_chart},
};
const struct api_routes api_entry_routes = {routes, sizeof routes / sizeof routes[0]};
