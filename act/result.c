/*
 * The result (domain.md §8): what it is made from, read in one snapshot, and
 * the seats and elected computed by tally/ (tally_result_compute). It comes
 * from the municipality's own count once every station is definitive, or, at
 * a central committee that did not count, from a municipality's imported
 * 510b; the two give the same result on the same figures. The committee's
 * lots and deceased candidates are recorded here after tally/ said they fit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "act/act.h"
#include "base/date.h"
#include "base/num.h"
#include "export/eml510.h"

/* A stored moment (UTC, "...Z") in OSV's local form with milliseconds, as the count's files. */
static void local_moment(const char *utc, char *out, size_t size)
{
	char secs[24];
	time_t t;

	out[0] = '\0';
	if (utc[0] == '\0' || date_parse_utc(utc, &t) != 0)
		return;
	date_local(t, "%Y-%m-%dT%H:%M:%S", secs, sizeof secs);
	snprintf(out, size, "%s%.4s", secs, strlen(utc) >= 23 && utc[19] == '.' ? utc + 19 : ".000");
}

/* What the result is read from: one snapshot (store_read_begin). */
static int read_snapshot(struct store *s, struct result *res, char *why, size_t whysize)
{
	struct store_station_full *full = NULL;
	struct tally_form **defs = NULL;
	struct store_result_pair *lots = NULL;
	int *numbers = NULL, rc;
	size_t ns = 0, nd = 0, i;
	char electorate[24] = "", exported[32] = "", changed[32] = "";

	if ((rc = store_election_get_locked(s, &res->election)) == STORE_ERR_NOT_FOUND) {
		snprintf(why, whysize, "no election has been imported");
		return RESULT_NO_ELECTION;
	}
	if (rc != STORE_OK || store_lists_get_locked(s, &res->lists, &res->nlists) != STORE_OK ||
	    store_stations_full_locked(s, &full, &ns) != STORE_OK ||
	    store_result_lots_locked(s, &lots, &res->nlots) != STORE_OK ||
	    store_result_deceased_locked(s, &res->deceased, &res->ndeceased) != STORE_OK ||
	    store_result_changed_locked(s, changed) != STORE_OK)
		goto failed;
	local_moment(changed, res->created, sizeof res->created);
	if (res->nlists == 0) {
		snprintf(why, whysize, "the candidate lists (230b) must be imported first");
		rc = RESULT_NO_ELECTION;
		goto out;
	}
	if (res->nlots > 0 && (res->lots = calloc(res->nlots, sizeof *res->lots)) == NULL)
		goto failed;
	for (i = 0; i < res->nlots; i++) {
		res->lots[i].list = lots[i].list;
		res->lots[i].candidate = lots[i].candidate;
	}
	if (ns == 0) {
		/* A central committee that did not count: the municipality's 510b. */
		rc = store_count_file_get_locked(s, &res->file);
		if (rc == STORE_ERR_NOT_FOUND) {
			snprintf(why, whysize, "there is no count: no polling stations and no 510b");
			rc = RESULT_NOT_FINISHED;
			goto out;
		}
		if (rc != STORE_OK)
			goto failed;
		res->from_file = 1;
		rc = RESULT_OK;
		goto out;
	}
	if (store_definitive_forms_locked(s, &defs, &numbers, &nd) != STORE_OK ||
	    store_meta_get_or_locked(s, "municipality_code", res->authority_id,
	                             sizeof res->authority_id, "") != STORE_OK ||
	    store_meta_get_or_locked(s, "municipality_name", res->authority_name,
	                             sizeof res->authority_name, "") != STORE_OK ||
	    store_meta_get_or_locked(s, "electorate", electorate, sizeof electorate, "") != STORE_OK ||
	    store_meta_get_or_locked(s, "count_exported_at", exported, sizeof exported, "") !=
	    STORE_OK)
		goto failed;
	if (nd < ns) {
		snprintf(why, whysize, "%zu of %zu polling stations are not definitive yet", ns - nd,
		         ns);
		rc = RESULT_NOT_FINISHED;
		goto out;
	}
	res->draft = exported[0] == '\0';
	if (strcmp(exported, res->created) > 0)   /* both in OSV's local form by now */
		snprintf(res->created, sizeof res->created, "%s", exported);
	res->electorate = (long)num_or(electorate, 0, LIMIT_COUNT_MAX, 0);
	if ((res->total = store_form_new_locked(s)) == NULL)
		goto failed;
	tally_form_zero(res->total);
	for (i = 0; i < nd; i++)
		if (tally_form_add(res->total, defs[i]) != 0) {
			snprintf(why, whysize, "station %d cannot be added up", numbers[i]);
			rc = RESULT_FAILED;
			goto out;
		}
	rc = RESULT_OK;
	goto out;
failed:
	snprintf(why, whysize, "cannot read the count: %s", store_last_error(s));
	rc = RESULT_FAILED;
out:
	store_forms_free(defs, numbers, nd);
	free(full);
	free(lots);
	return rc;
}

/* At a central committee: the 510b read, and checked against this election's lists. */
static int take_file(struct result *res, char *why, size_t whysize)
{
	struct tally_problems p;
	const struct eml_510b_doc *d;
	size_t i;

	memset(&p, 0, sizeof p);
	if (eml_read_510b(res->file.bytes, res->file.len, &res->doc, &p) != 0) {
		snprintf(why, whysize, "the imported 510b cannot be read: %s",
		         p.n > 0 ? p.msg[0] : "unknown defect");
		return RESULT_FAILED;
	}
	d = res->doc;
	if (d->nlists != res->nlists) {
		snprintf(why, whysize, "the 510b has %zu lists, the 230b %zu", d->nlists, res->nlists);
		return RESULT_REFUSED;
	}
	for (i = 0; i < d->nlists; i++)
		if (d->lists[i].number != res->lists[i].number ||
		    d->lists[i].ncandidates != res->lists[i].ncandidates) {
			snprintf(why, whysize, "list %d of the 510b differs from the 230b's",
			         d->lists[i].number);
			return RESULT_REFUSED;
		}
	snprintf(res->authority_id, sizeof res->authority_id, "%s", d->authority_id);
	snprintf(res->authority_name, sizeof res->authority_name, "%s", d->authority_name);
	res->electorate = d->electorate;
	if ((res->total = tally_form_copy(d->total)) == NULL) {
		snprintf(why, whysize, "out of memory");
		return RESULT_FAILED;
	}
	return RESULT_OK;
}

static int is_deceased(const struct result *res, int list, int position)
{
	size_t i;

	for (i = 0; i < res->ndeceased; i++)
		if (res->deceased[i].list == list && res->deceased[i].candidate == position)
			return 1;
	return 0;
}

/* The input of tally_result_compute from the totals, the 230b and what the committee recorded. */
static int build_input(struct result *res, char *why, size_t whysize)
{
	const struct tally_form *t = res->total;
	size_t i, j, k = 0, nc = 0;

	if (t->nlists != res->nlists) {
		snprintf(why, whysize, "the count has %zu lists, the 230b %zu", t->nlists, res->nlists);
		return RESULT_REFUSED;
	}
	for (i = 0; i < t->nlists; i++)
		nc += t->lists[i].ncandidates;
	res->lin = calloc(t->nlists, sizeof *res->lin);
	res->cands = calloc(nc > 0 ? nc : 1, sizeof *res->cands);
	if (res->lin == NULL || res->cands == NULL) {
		snprintf(why, whysize, "out of memory");
		return RESULT_FAILED;
	}
	for (i = 0; i < t->nlists; i++) {
		const struct tally_form_list *fl = &t->lists[i];
		const struct tally_list *l = &res->lists[i];

		res->lin[i].number = fl->number;
		res->lin[i].votes = fl->total;
		res->lin[i].ncandidates = fl->ncandidates;
		res->lin[i].candidates = &res->cands[k];
		for (j = 0; j < fl->ncandidates; j++, k++) {
			res->cands[k].position = j < l->ncandidates ? l->candidates[j].position :
			                         (int)j + 1;
			res->cands[k].votes = fl->candidates[j] < 0 ? 0 : fl->candidates[j];
			res->cands[k].deceased = is_deceased(res, fl->number, res->cands[k].position);
		}
	}
	res->in.seats = res->election.seats;
	res->in.nlists = t->nlists;
	res->in.lists = res->lin;
	res->in.nlots = res->nlots;
	res->in.lots = res->lots;
	return RESULT_OK;
}

int result_load(struct store *s, struct result *res, char *why, size_t whysize)
{
	int rc;

	memset(res, 0, sizeof *res);
	if (store_read_begin(s) != STORE_OK) {
		snprintf(why, whysize, "cannot read the count: %s", store_last_error(s));
		return RESULT_FAILED;
	}
	rc = read_snapshot(s, res, why, whysize);
	if (store_read_end(s) != STORE_OK && rc == RESULT_OK) {
		snprintf(why, whysize, "cannot read the count: %s", store_last_error(s));
		rc = RESULT_FAILED;
	}
	if (rc == RESULT_OK && res->from_file)
		rc = take_file(res, why, whysize);
	if (rc == RESULT_OK && res->authority_name[0] == '\0')
		snprintf(res->authority_name, sizeof res->authority_name, "%s",
		         res->election.domain_name);
	if (rc == RESULT_OK)
		rc = build_input(res, why, whysize);
	if (rc != RESULT_OK)
		return rc;
	res->status = tally_result_compute(&res->in, &res->r);
	if (res->status == TALLY_RESULT_OK)
		return RESULT_OK;
	if (res->status == TALLY_RESULT_LOT)
		return RESULT_LOT;
	snprintf(why, whysize, "%s%s%s", tally_result_strerror(res->status),
	         res->r.why[0] ? ": " : "", res->r.why);
	return res->status == TALLY_RESULT_NOMEM ? RESULT_FAILED : RESULT_REFUSED;
}

void result_free(struct result *res)
{
	if (res == NULL)
		return;
	tally_result_free(&res->r);
	free(res->lin);
	free(res->cands);
	free(res->lots);
	free(res->deceased);
	tally_form_free(res->total);
	tally_lists_free(res->lists, res->nlists);
	eml_510b_doc_free(res->doc);
	free(res->file.bytes);
	memset(res, 0, sizeof *res);
}

int result_lot_record(struct store *s, const struct tally_lot *lot, const struct store_actor *who,
                      char *why, size_t whysize)
{
	struct store_result_pair p = {lot->list, lot->candidate};
	struct result res;
	int rc;

	rc = result_load(s, &res, why, whysize);
	if (rc == RESULT_OK) {
		snprintf(why, whysize, "no lot needs to be drawn");
		rc = RESULT_REFUSED;
	} else if (rc == RESULT_LOT && !tally_result_lot_fits(&res.r, lot)) {
		snprintf(why, whysize, "that lot does not answer the one to draw: %s",
		         res.r.lot.decides);
		rc = RESULT_REFUSED;
	} else if (rc == RESULT_LOT) {
		rc = store_result_lot_add(s, &p, who) == STORE_OK ? RESULT_OK : RESULT_FAILED;
		if (rc != RESULT_OK)
			snprintf(why, whysize, "cannot record the lot: %s", store_last_error(s));
	}
	result_free(&res);
	return rc;
}

int result_deceased_record(struct store *s, int list, int candidate,
                           const struct store_actor *who, char *why, size_t whysize)
{
	struct store_result_pair p = {list, candidate};
	int rc;

	if (list < 1 || list > LIMIT_PATH_NUMBER_MAX || candidate < 1 ||
	    candidate > LIMIT_CANDIDATES_MAX) {
		snprintf(why, whysize, "no such candidate: list %d, candidate %d", list, candidate);
		return RESULT_REFUSED;
	}
	rc = store_result_deceased_add(s, &p, who);
	if (rc == STORE_OK)
		return RESULT_OK;
	if (rc == STORE_ERR_NOT_FOUND)
		snprintf(why, whysize, "no such candidate: list %d, candidate %d", list, candidate);
	else if (rc == STORE_ERR_EXISTS)
		snprintf(why, whysize, "list %d, candidate %d is recorded as deceased already", list,
		         candidate);
	else
		snprintf(why, whysize, "cannot record it: %s", store_last_error(s));
	return rc == STORE_ERR_NOT_FOUND || rc == STORE_ERR_EXISTS ? RESULT_REFUSED : RESULT_FAILED;
}
