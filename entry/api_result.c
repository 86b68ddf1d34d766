/*
 * The result on the page (coordinator; api.md "The result"): the seats and
 * the elected as act/result.c computes them, the lots the committee draws and
 * the deceased candidates it records, and the result's files (510d, 520, PV
 * P 22-2), made on request, kept in memory for download like the count's.
 * Whether a lot fits, and what follows from it, is tally/'s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry/internal.h"

/* Answers a result that could not be made; 1 when it answered. */
static int refused(struct req *r, int rc, const char *why)
{
	switch (rc) {
	case RESULT_NOT_FINISHED:
		req_error(r, 409, "count_not_finished", "Nog niet alle stembureaus zijn definitief: "
		          "de zetelverdeling kan pas daarna.");
		return 1;
	case RESULT_NO_ELECTION:
		req_error(r, 409, "no_election", "Importeer eerst de verkiezing en de kandidatenlijsten.");
		return 1;
	case RESULT_REFUSED:
		req_error(r, 409, "no_result", why);
		return 1;
	case RESULT_FAILED:
		req_internal(r);
		return 1;
	default:
		return 0;
	}
}

static void api_result(struct req *r)
{
	struct result res;
	char why[512];
	int rc = result_load(server_store(r->srv), &res, why, sizeof why);
	json_t *o;

	if (!refused(r, rc, why)) {
		if ((o = result_json(&res)) == NULL)
			req_internal(r);
		else
			req_json(r, 200, o);
	}
	result_free(&res);
}

/* {"list": N} or {"list": N, "candidate": P}: the list and candidate as numbers; 0 when fine. */
static int list_candidate(struct req *r, const json_t *b, int *list, int *cand, int need_cand)
{
	const json_t *l = json_object_get(b, "list"), *c = json_object_get(b, "candidate");

	*cand = 0;
	if (!json_is_integer(l) || json_integer_value(l) < 1 ||
	    json_integer_value(l) > LIMIT_PATH_NUMBER_MAX ||
	    (c != NULL && !json_is_null(c) && (!json_is_integer(c) || json_integer_value(c) < 1 ||
	                                       json_integer_value(c) > LIMIT_CANDIDATES_MAX)) ||
	    (need_cand && !json_is_integer(c))) {
		req_error(r, 422, "bad_value", need_cand ? "Geef de lijst en de kandidaat als nummers." :
		          "Geef de lijst (en eventueel de kandidaat) als nummers.");
		return -1;
	}
	*list = (int)json_integer_value(l);
	if (json_is_integer(c))
		*cand = (int)json_integer_value(c);
	return 0;
}

/* After a lot or a deceased candidate: the result again, and its old files are gone. */
static void answer_again(struct req *r, int rc, const char *why)
{
	if (rc == RESULT_REFUSED) {
		req_error(r, 422, "refused", why);
		return;
	}
	if (rc != RESULT_OK) {
		/* not finished, no election: 409 as GET /api/result answers; else a failure */
		if (!refused(r, rc, why))
			req_internal(r);
		return;
	}
	server_export_set(r->srv, SERVER_FILES_RESULT, NULL);
	api_result(r);
}

static void api_result_lot(struct req *r)
{
	json_t *b = req_body_json(r);
	struct tally_lot lot;
	char why[512];

	if (b == NULL)
		return;
	if (list_candidate(r, b, &lot.list, &lot.candidate, 0) == 0)
		answer_again(r, result_lot_record(server_store(r->srv), &lot, &r->actor, why,
		                                  sizeof why), why);
	json_decref(b);
}

static void api_result_deceased(struct req *r)
{
	json_t *b = req_body_json(r);
	int list, cand;
	char why[512];

	if (b == NULL)
		return;
	if (list_candidate(r, b, &list, &cand, 1) == 0)
		answer_again(r, result_deceased_record(server_store(r->srv), list, cand, &r->actor, why,
		                                       sizeof why), why);
	json_decref(b);
}

/* POST /api/result/files: makes the 510d, the 520 and the PV, signed; lists them. */
static void api_result_files_make(struct req *r)
{
	struct export_result *x = calloc(1, sizeof *x);
	struct result res;
	char why[512];
	json_t *files;
	size_t i;
	int rc = result_load(server_store(r->srv), &res, why, sizeof why);

	if (x == NULL) {
		req_internal(r);
		goto out;
	}
	if (rc == RESULT_LOT) {
		req_error(r, 409, "lots_required", res.r.lot.decides);
		goto out;
	}
	if (refused(r, rc, why))
		goto out;
	if ((rc = result_files(server_store(r->srv), &res, &r->actor, x, why, sizeof why)) !=
	    RESULT_OK) {
		if (!refused(r, rc, why))
			req_internal(r);
		goto out;
	}
	files = json_array();
	for (i = 0; i < x->nfiles; i++)
		json_array_append_new(files, json_pack("{s:s, s:I, s:s}", "name", x->files[i].name,
		                      "size", (json_int_t)x->files[i].len, "hash_code",
		                      x->files[i].hash_code));
	req_json(r, 200, json_pack("{s:b, s:s, s:s, s:o}", "draft", x->draft, "created",
	                           x->created, "key_fingerprint", x->key_fingerprint, "files", files));
	server_export_set(r->srv, SERVER_FILES_RESULT, x);
	x = NULL;
out:
	if (x != NULL)
		export_result_free(x);
	free(x);
	result_free(&res);
}

static void api_result_file(struct req *r)
{
	api_files_serve(r, SERVER_FILES_RESULT);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/result", R_COORD, SESSION, api_result},
	{"POST", "/api/result/lots", R_COORD, SESSION_COUNTS, api_result_lot},
	{"POST", "/api/result/deceased", R_COORD, SESSION_COUNTS, api_result_deceased},
	{"POST", "/api/result/files", R_COORD, SESSION_COUNTS, api_result_files_make},
	{"GET", "/api/result/files/{f}", R_COORD, SESSION, api_result_file},
};
const struct api_routes api_result_routes = {routes, sizeof routes / sizeof routes[0]};
