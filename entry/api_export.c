/*
 * The count's export (coordinator): making the files, the history of every
 * export (kept in the database, so it survives a restart), the downloads of
 * the last one made on this server, and the explicit reopening of a finished
 * count. Also the typist's light check of the entry in hand (is it still
 * mine?), which the entry page polls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/esc.h"
#include "crypto/crypto.h"
#include "entry/internal.h"
#include "export/zip.h"



static json_t *export_json(const struct export_result *x)
{
	json_t *files = json_array();
	size_t i;

	for (i = 0; i < x->nfiles; i++)
		json_array_append_new(files, json_pack("{s:s, s:s, s:I}", "name", x->files[i].name,
		                      "hash_code", x->files[i].hash_code, "size",
		                      (json_int_t)x->files[i].len));
	return json_pack("{s:I, s:b, s:I, s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)x->id, "draft",
	                 x->draft, "stations_definitive", (json_int_t)x->ndefinitive,
	                 "stations_total", (json_int_t)x->nstations, "created", x->created,
	                 "key_fingerprint", x->key_fingerprint, "files", files,
	                 "files_available", 1);
}

/* How many stations there are (*n) and how many are definitive (*nd); -1 on a failure. */
static int station_counts(struct req *r, size_t *nd, size_t *n)
{
	struct store_station_full *all;
	size_t i;

	*nd = *n = 0;
	if (store_stations_full(server_store(r->srv), &all, n) != STORE_OK)
		return -1;
	for (i = 0; i < *n; i++)
		*nd += all[i].state.status == TALLY_STATUS_DEFINITIVE;
	free(all);
	return 0;
}

static void api_export_make(struct req *r)
{
	struct export_result *x = calloc(1, sizeof *x);
	json_t *b = req_body_json(r);
	const json_t *d;
	enum export_status st;
	char why[400], msg[600];
	int draft = 0;

	if (x == NULL || b == NULL) {
		free(x);
		if (b == NULL)
			return;
		json_decref(b);
		req_internal(r);
		return;
	}
	d = json_object_get(b, "draft");
	if (d != NULL && !json_is_boolean(d)) {
		req_error(r, 400, "bad_json", "draft moet true of false zijn.");
		goto out;
	}
	draft = json_is_true(d);
	st = export_build(server_store(r->srv), draft, &r->actor, x, why, sizeof why);
	if (st == EXPORT_NOT_FINISHED) {
		size_t n, nd;

		station_counts(r, &nd, &n);
		snprintf(msg, sizeof msg, "Nog niet alle stembureaus zijn definitief (%zu van %zu). "
		         "Maak een concept, of rond eerst de invoer af.", nd, n);
		req_error(r, 409, "not_finished", msg);
		goto out;
	}
	if (st == EXPORT_NO_ELECTION) {
		req_error(r, 409, "wrong_state", "Er is nog niets om te exporteren.");
		goto out;
	}
	if (st != EXPORT_OK) {
		req_internal(r);
		goto out;
	}
	req_json(r, 200, export_json(x));
	server_export_set(r->srv, SERVER_FILES_COUNT, x);
	x = NULL;
out:
	free(x);
	json_decref(b);
}

/* Copies bytes as the raw answer, to be saved under name. */
void req_download(struct req *r, const char *name, const void *bytes, size_t len,
                     const char *type)
{
	if ((r->raw = malloc(len ? len : 1)) == NULL) {
		req_internal(r);
		return;
	}
	memcpy(r->raw, bytes, len);
	r->raw_len = len;
	r->content_type = type;
	req_attachment(r, name);
	r->status = 200;
}

/* Content-Disposition for a download named name (base/esc.h: nothing of it can end the header). */
void req_attachment(struct req *r, const char *name)
{
	esc_attachment(r->disposition, sizeof r->disposition, name);
}

static const char *type_of(const char *name)
{
	size_t n = strlen(name);

	if (n > 4 && strcmp(name + n - 4, ".xml") == 0)
		return "application/xml";
	if (n > 4 && strcmp(name + n - 4, ".pdf") == 0)
		return "application/pdf";
	if (n > 4 && strcmp(name + n - 4, ".csv") == 0)
		return "text/csv; charset=utf-8";
	if (n > 4 && strcmp(name + n - 4, ".pem") == 0)
		return "application/x-pem-file";
	return "application/octet-stream";
}

void api_files_serve(struct req *r, enum server_files k)
{
	struct export_result *x = server_export_lock(r->srv, k);
	char sig[300], cms[310];
	size_t i;

	if (x != NULL && strcmp(r->fname, "signing-key.pub.pem") == 0) {
		req_download(r, r->fname, x->public_pem, strlen(x->public_pem), type_of(r->fname));
		goto out;
	}
	for (i = 0; x != NULL && i < x->nfiles; i++) {
		snprintf(sig, sizeof sig, "%s.sig", x->files[i].name);
		if (strcmp(r->fname, x->files[i].name) == 0) {
			req_download(r, r->fname, x->files[i].bytes, x->files[i].len, type_of(r->fname));
			goto out;
		}
		if (strcmp(r->fname, sig) == 0) {
			req_download(r, r->fname, x->files[i].sig, sizeof x->files[i].sig, type_of(r->fname));
			goto out;
		}
		snprintf(cms, sizeof cms, "%s.signature", x->files[i].name);
		if (x->files[i].cms != NULL && strcmp(r->fname, cms) == 0) {
			req_download(r, r->fname, x->files[i].cms, x->files[i].cmslen, type_of(r->fname));
			goto out;
		}
	}
	req_error(r, 404, "not_found", "Dit bestand is er niet (maak eerst de bestanden).");
out:
	server_export_unlock(r->srv);
}

static void api_export_file(struct req *r)
{
	api_files_serve(r, SERVER_FILES_COUNT);
}

static void api_export_zip(struct req *r)
{
	struct export_result *x = server_export_lock(r->srv, SERVER_FILES_COUNT);
	struct zip_entry e[3 * EXPORT_FILES_MAX + 1];
	char sigs[EXPORT_FILES_MAX][300], cms[EXPORT_FILES_MAX][310], name[200], *zip = NULL;
	unsigned y, mo, d, h, mi, se;
	struct tm tm;
	size_t n = 0, i, len;

	if (x == NULL) {
		req_error(r, 404, "not_found", "Er is nog niet geëxporteerd.");
		goto out;
	}
	for (i = 0; i < x->nfiles; i++) {
		snprintf(sigs[i], sizeof sigs[i], "%s.sig", x->files[i].name);
		e[n++] = (struct zip_entry){x->files[i].name, x->files[i].bytes, x->files[i].len};
		e[n++] = (struct zip_entry){sigs[i], x->files[i].sig, sizeof x->files[i].sig};
		snprintf(cms[i], sizeof cms[i], "%s.signature", x->files[i].name);
		if (x->files[i].cms != NULL)
			e[n++] = (struct zip_entry){cms[i], x->files[i].cms, x->files[i].cmslen};
	}
	e[n++] = (struct zip_entry){"signing-key.pub.pem", x->public_pem, strlen(x->public_pem)};
	/* The archive carries the export's own moment, so it is the same every time. */
	if (date_fields(x->created, &tm) != 0)
		memset(&tm, 0, sizeof tm);
	y = (unsigned)tm.tm_year + 1900;
	mo = (unsigned)tm.tm_mon + 1;
	d = (unsigned)tm.tm_mday;
	h = (unsigned)tm.tm_hour;
	mi = (unsigned)tm.tm_min;
	se = (unsigned)tm.tm_sec;
	if (y < 1980)
		y = 1980;
	if (zip_write(e, n, ((y - 1980) << 9) | (mo << 5) | d, (h << 11) | (mi << 5) | (se / 2), &zip,
	              &len) != 0) {
		req_internal(r);
		goto out;
	}
	snprintf(name, sizeof name, "%.100s", x->files[0].name);
	if (strstr(name, ".eml.xml") != NULL)
		*strstr(name, ".eml.xml") = '\0';
	snprintf(name + strlen(name), sizeof name - strlen(name), ".zip");
	r->raw = zip;
	r->raw_len = len;
	r->content_type = "application/zip";
	req_attachment(r, name);
	r->status = 200;
out:
	server_export_unlock(r->srv);
}


/* ---- the export history ---- */

static json_t *history_json(const struct store_export *x)
{
	json_t *files = json_array(), *o;
	size_t i;

	for (i = 0; i < x->nfiles; i++)
		json_array_append_new(files, json_pack("{s:s, s:s, s:I}", "name", x->files[i].name,
		                      "hash_code", x->files[i].hash_code, "size",
		                      (json_int_t)x->files[i].size));
	o = json_pack("{s:I, s:b, s:s, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)x->id, "draft",
	              x->draft, "created", x->created, "made_at", x->made_at, "made_by", x->made_by,
	              "stations_definitive", (json_int_t)x->stations_definitive, "stations_total",
	              (json_int_t)x->stations_total, "files", files);
	json_object_set_new(o, "withdrawn", x->withdrawn ?
	                    json_pack("{s:s, s:s, s:s}", "at", x->withdrawn_at, "by", x->withdrawn_by,
	                              "reason", x->withdrawn_reason) : json_null());
	return o;
}

/*
 * GET /api/exports: every export, newest first, whether the count is finished, and how far
 * it is: the stations, the definitive ones, and whether that is all of them (tally's rule:
 * only then can the final export be made; before, only a draft).
 */
static void api_exports(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_export *x;
	json_t *a;
	size_t n, i, ns, nd;
	int fin;

	if (store_exports_list(s, &x, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	if ((fin = store_count_finished(s)) < 0 || station_counts(r, &nd, &ns) != 0) {
		free(x);
		req_internal(r);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, history_json(&x[i]));
	free(x);
	req_json(r, 200, json_pack("{s:o, s:b, s:I, s:I, s:b}", "exports", a, "count_finished", fin,
	                           "stations_definitive", (json_int_t)nd, "stations_total",
	                           (json_int_t)ns, "count_complete", tally_count_complete(nd, ns)));
}

/*
 * GET /api/export: the newest export. Its files can be downloaded when this
 * server made them ("files_available"); after a restart the history still
 * tells what was made, and a final export can be made again byte for byte.
 */
static void api_export_last(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_export *list = NULL;
	struct export_result *mem;
	json_t *o;
	size_t n = 0;
	char *pub = NULL, fp[HASH_CODE_LEN];
	size_t len;

	if (store_exports_list(s, &list, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	if (n == 0) {
		free(list);
		req_error(r, 404, "not_found", "Er is nog niet geëxporteerd.");
		return;
	}
	o = history_json(&list[0]);
	mem = server_export_lock(r->srv, SERVER_FILES_COUNT);
	json_object_set_new(o, "files_available", json_boolean(mem != NULL && mem->id == list[0].id &&
	                                                         !list[0].withdrawn));
	server_export_unlock(r->srv);
	fp[0] = '\0';
	if (store_secret_get(s, "signing_pub", &pub, &len) == STORE_OK)
		sign_fingerprint(pub, fp);
	free(pub);
	json_object_set_new(o, "key_fingerprint", json_string(fp));
	free(list);
	req_json(r, 200, o);
}

/* POST /api/count/reopen {"reason"}: the explicit step that opens a finished count again. */
static void api_count_reopen(struct req *r)
{
	json_t *b = req_body_json(r);
	const char *reason;
	size_t len, i, visible = 0;
	long withdrawn = 0;
	int rc;

	if (b == NULL)
		return;
	reason = json_string_value(json_object_get(b, "reason"));
	len = reason ? strlen(reason) : 0;
	for (i = 0; i < len; i++)
		visible += (unsigned char)reason[i] > ' ';
	if (reason == NULL || visible < LIMIT_REASON_MIN || len > LIMIT_REASON_MAX) {
		req_error(r, 422, "reason_required", "Geef een reden van 5 tot 500 tekens: die komt in het "
		          "logboek en bij de ingetrokken uitslag.");
		goto out;
	}
	rc = store_count_reopen(server_store(r->srv), &r->actor, reason, &withdrawn);
	if (rc == STORE_ERR_STATE) {
		req_error(r, 409, "count_not_finished", "De telling is niet afgerond; er is niets te "
		          "heropenen.");
		goto out;
	}
	if (rc != STORE_OK) {
		req_internal(r);
		goto out;
	}
	/* The withdrawn files are no longer offered for download, nor the result made from them. */
	server_export_set(r->srv, SERVER_FILES_COUNT, NULL);
	server_export_set(r->srv, SERVER_FILES_RESULT, NULL);
	req_json(r, 200, json_pack("{s:I, s:b}", "withdrawn", (json_int_t)withdrawn,
	                           "count_finished", 0));
out:
	json_decref(b);
}

/* ---- the typist's entry in hand ---- */

/* A stored moment (UTC, "2026-03-18T21:14:05...") as the local clock time "21:14". */
static void local_hhmm(const char *iso, char out[16])
{
	time_t t;

	if (date_parse_utc(iso, &t) != 0 || date_local(t, "%H:%M", out, 16)[0] == '\0')
		snprintf(out, 16, "?");
}

/* What happened to an entry that is no longer the typist's, in Dutch. */
static void gone_message(const struct store_station_full *f, int self, char *out, size_t size)
{
	const char *a = f->changed_action;
	enum tally_event_kind k = TALLY_EV__MAX;
	char at[16];

	local_hhmm(f->changed_at, at);
	if (tally_event_parse(a, &k) != 0)
		k = TALLY_EV__MAX;
	if (k == TALLY_EV_RESET)
		snprintf(out, size, "Coördinator %s heeft stembureau %d om %s teruggezet. Deze invoer "
		         "bestaat niet meer; begin alleen opnieuw als de coördinator dat vraagt.",
		         f->changed_by, f->st.number, at);
	else if ((k == TALLY_EV_DISCARD_1 || k == TALLY_EV_DISCARD_2) && self)
		snprintf(out, size, "U hebt deze invoer van stembureau %d om %s verwijderd (op een andere "
		         "laptop of in een ander venster).", f->st.number, at);
	else if ((k == TALLY_EV_FINALISE_1 || k == TALLY_EV_FINALISE_2) && self)
		snprintf(out, size, "U hebt deze invoer van stembureau %d om %s afgerond (op een andere "
		         "laptop of in een ander venster).", f->st.number, at);
	else if (tally_event_role(k) == TALLY_ROLE_COORDINATOR)  /* a decision (not a reset) */
		snprintf(out, size, "Coördinator %s heeft om %s over stembureau %d beslist. Deze invoer "
		         "is niet meer van u.", f->changed_by, at, f->st.number);
	else
		snprintf(out, size, "Deze invoer van stembureau %d is niet meer van u (%s door %s om %s).",
		         f->st.number, a[0] ? a : "gewijzigd", f->changed_by[0] ? f->changed_by : "?", at);
}

/*
 * GET /api/stations/{n}/entries/{e}/status (typist): whether the caller still
 * holds the entry, its revision, and when not, what happened and who did it.
 * No figures: cheap enough to poll every few seconds.
 */
static void api_entry_status(struct req *r)
{
	struct store *s = server_store(r->srv);
	struct store_station_full f;
	const struct tally_station_state *t;
	long rev = 0;
	int e = (int)r->param[1], held;
	char msg[400];
	json_t *o;

	if (e != 1 && e != 2) {
		req_error(r, 404, "not_found", "Er zijn alleen invoer 1 en 2.");
		return;
	}
	if (store_station_full(s, (int)r->param[0], &f) != STORE_OK) {
		req_error(r, 404, "not_found", "Dit stembureau bestaat niet.");
		return;
	}
	t = &f.state;
	held = tally_holds(t, r->sess.account.id, e) == TALLY_OK;
	if (held && store_entry_revision(s, f.st.number, e, &rev) != STORE_OK) {
		req_internal(r);
		return;
	}
	o = json_pack("{s:s, s:b}", "status", tally_status_name(t->status), "held", held);
	json_object_set_new(o, "revision", held ? json_integer(rev) : json_null());
	if (!held) {
		gone_message(&f, strcmp(f.changed_by, r->sess.account.name) == 0, msg, sizeof msg);
		json_object_set_new(o, "message", json_string(msg));
		json_object_set_new(o, "changed", json_pack("{s:s, s:s, s:s}", "by", f.changed_by,
		                    "action", f.changed_action, "at", f.changed_at));
	}
	req_json(r, 200, o);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"POST", "/api/export", R_COORD, SESSION_COUNTS, api_export_make},
	{"GET", "/api/export", R_COORD, SESSION, api_export_last},
	{"GET", "/api/export/zip", R_COORD, SESSION, api_export_zip},
	{"GET", "/api/export/files/{f}", R_COORD, SESSION, api_export_file},
	{"GET", "/api/exports", R_COORD, SESSION, api_exports},
	{"POST", "/api/count/reopen", R_COORD, SESSION_COUNTS, api_count_reopen},
	{"GET", "/api/stations/{n}/entries/{n}/status", R_TYPIST, SESSION_COUNTS, api_entry_status},
};
const struct api_routes api_export_routes = {routes, sizeof routes / sizeof routes[0]};
