/*
 * The count form as JSON (api.md) and back, with jansson. Parsing is strict:
 * unknown keys, wrong types, negative or too large numbers are refused with a
 * reason (HTTP 422); null means a field left empty.
 */
#include <stdio.h>
#include <string.h>

#include "entry/internal.h"

static const char *const voters_keys[] = {"poll_cards", "proxy_certificates", "voter_cards",
                                          "admitted_voters"};
static const char *const votes_keys[] = {"list_totals", "valid_votes", "blank_votes",
                                         "invalid_votes", "votes_cast"};
static const char *const diff_keys[] = {"more_ballots_counted", "fewer_ballots_counted",
                                        "taken_home", "too_few_issued", "too_many_issued",
                                        "no_explanation", "other_explanation"};

static json_t *count_json(long v)
{
	return v < 0 ? json_null() : json_integer(v);
}

json_t *json_from_form(const struct tally_form *f)
{
	json_t *o = json_object(), *voters = json_object(), *votes = json_object();
	json_t *diff = json_object(), *lists = json_array(), *totals = json_array();
	size_t i, j;

	json_object_set_new(voters, "poll_cards", count_json(f->poll_cards));
	json_object_set_new(voters, "proxy_certificates", count_json(f->proxy_certificates));
	json_object_set_new(voters, "voter_cards", count_json(f->voter_cards));
	json_object_set_new(voters, "admitted_voters", count_json(f->admitted_voters));
	for (i = 0; i < f->nlists; i++)
		json_array_append_new(totals, count_json(f->list_totals[i]));
	json_object_set_new(votes, "list_totals", totals);
	json_object_set_new(votes, "valid_votes", count_json(f->valid_votes));
	json_object_set_new(votes, "blank_votes", count_json(f->blank_votes));
	json_object_set_new(votes, "invalid_votes", count_json(f->invalid_votes));
	json_object_set_new(votes, "votes_cast", count_json(f->votes_cast));
	json_object_set_new(diff, "more_ballots_counted", count_json(f->more_ballots_counted));
	json_object_set_new(diff, "fewer_ballots_counted", count_json(f->fewer_ballots_counted));
	json_object_set_new(diff, "taken_home", count_json(f->taken_home));
	json_object_set_new(diff, "too_few_issued", count_json(f->too_few_issued));
	json_object_set_new(diff, "too_many_issued", count_json(f->too_many_issued));
	json_object_set_new(diff, "no_explanation", count_json(f->no_explanation));
	json_object_set_new(diff, "other_explanation", count_json(f->other_explanation));
	for (i = 0; i < f->nlists; i++) {
		json_t *l = json_object(), *c = json_array();

		json_object_set_new(l, "number", json_integer(f->lists[i].number));
		json_object_set_new(l, "total", count_json(f->lists[i].total));
		for (j = 0; j < f->lists[i].ncandidates; j++)
			json_array_append_new(c, count_json(f->lists[i].candidates[j]));
		json_object_set_new(l, "candidates", c);
		json_array_append_new(lists, l);
	}
	json_object_set_new(o, "voters", voters);
	json_object_set_new(o, "votes", votes);
	json_object_set_new(o, "differences", diff);
	json_object_set_new(o, "lists", lists);
	return o;
}

/* Reads one count: null is empty, an integer 0..max is itself. Returns 0, or -1 (not a count). */
static int count_of(const json_t *v, long *out)
{
	json_int_t n;

	if (v == NULL || json_is_null(v)) {
		*out = TALLY_EMPTY;
		return 0;
	}
	if (!json_is_integer(v) || (n = json_integer_value(v)) < 0 || n > TALLY_COUNT_MAX)
		return -1;
	*out = (long)n;
	return 0;
}

/* Why v at path is not a count (count_of refused it). */
static void count_why(const json_t *v, const char *path, char *why, size_t whysize)
{
	if (!json_is_integer(v))
		snprintf(why, whysize, "%s is not a whole number", path);
	else
		snprintf(why, whysize, "%s is %lld; counts are 0 to %ld", path,
		         (long long)json_integer_value(v), TALLY_COUNT_MAX);
}

/* Reads one count, or gives why not: a named field. */
static int get_count(const json_t *v, const char *path, long *out, char *why, size_t whysize)
{
	if (count_of(v, out) == 0)
		return 0;
	count_why(v, path, why, whysize);
	return -1;
}

/* Refuses keys of o that are not in keys (or in extra). */
static int only_keys(const json_t *o, const char *where, const char *const *keys, size_t n,
                     const char *extra, char *why, size_t whysize)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach((json_t *)o, k, v) {
		for (i = 0; i < n; i++)
			if (strcmp(k, keys[i]) == 0)
				break;
		if (i == n && !(extra != NULL && strcmp(k, extra) == 0)) {
			snprintf(why, whysize, "unknown field %s%s%s", where, *where ? "." : "", k);
			return -1;
		}
	}
	return 0;
}

static const json_t *section(const json_t *root, const char *name, char *why, size_t whysize,
                             int *bad)
{
	const json_t *s = json_object_get(root, name);

	if (s != NULL && !json_is_object(s)) {
		snprintf(why, whysize, "%s is not an object", name);
		*bad = 1;
	}
	return s;
}

struct tally_form *json_to_form(const json_t *root, int has_voter_cards, char *why,
                                size_t whysize)
{
	const json_t *voters, *votes, *diff, *lists, *totals, *v;
	struct tally_form *f = NULL;
	size_t nl = 0, i, j, ncand[TALLY_LISTS_MAX];
	int bad = 0;
	long vc;
	char path[64];
	long *fields[16];
	const char *names[16];
	size_t nf = 0;

	why[0] = '\0';
	if (!json_is_object(root)) {
		snprintf(why, whysize, "the count form is not a JSON object");
		return NULL;
	}
	/* progress and revision travel with a save; the handler reads them itself. */
	static const char *const top[] = {"voters", "votes", "differences", "lists", "revision"};
	if (only_keys(root, "", top, 5, "progress", why, whysize) != 0)
		return NULL;
	voters = section(root, "voters", why, whysize, &bad);
	votes = section(root, "votes", why, whysize, &bad);
	diff = section(root, "differences", why, whysize, &bad);
	if (bad)
		return NULL;
	if ((voters && only_keys(voters, "voters", voters_keys, 4, NULL, why, whysize)) ||
	    (votes && only_keys(votes, "votes", votes_keys, 5, NULL, why, whysize)) ||
	    (diff && only_keys(diff, "differences", diff_keys, 7, NULL, why, whysize)))
		return NULL;
	lists = json_object_get(root, "lists");
	if (lists != NULL && !json_is_array(lists)) {
		snprintf(why, whysize, "lists is not an array");
		return NULL;
	}
	nl = lists ? json_array_size(lists) : 0;
	if (nl > TALLY_LISTS_MAX) {
		snprintf(why, whysize, "too many lists");
		return NULL;
	}
	for (i = 0; i < nl; i++) {
		const json_t *l = json_array_get(lists, i), *c;
		static const char *const lkeys[] = {"number", "total", "candidates"};

		if (!json_is_object(l)) {
			snprintf(why, whysize, "lists[%zu] is not an object", i);
			return NULL;
		}
		snprintf(path, sizeof path, "lists[%zu]", i);
		if (only_keys(l, path, lkeys, 3, NULL, why, whysize) != 0)
			return NULL;
		c = json_object_get(l, "candidates");
		if (!json_is_array(c) || json_array_size(c) > TALLY_CANDIDATES_MAX) {
			snprintf(why, whysize, "lists[%zu].candidates is not an array of at most %d",
			         i, TALLY_CANDIDATES_MAX);
			return NULL;
		}
		ncand[i] = json_array_size(c);
	}
	if ((f = tally_form_alloc(nl, ncand, has_voter_cards)) == NULL) {
		snprintf(why, whysize, "out of memory");
		return NULL;
	}

	/* voter_cards: a number (or null) where the election has them, absent otherwise. */
	v = voters ? json_object_get(voters, "voter_cards") : NULL;
	if (!has_voter_cards) {
		if (v != NULL && !json_is_null(v)) {
			snprintf(why, whysize, "voters.voter_cards given, but this election has no "
			         "voter cards");
			goto bad;
		}
	} else {
		if (get_count(v, "voters.voter_cards", &vc, why, whysize) != 0)
			goto bad;
		f->voter_cards = vc;
	}
#define FIELD(sec, name, member) do { fields[nf] = &f->member; names[nf] = sec "." name; \
	nf++; } while (0)
	FIELD("voters", "poll_cards", poll_cards);
	FIELD("voters", "proxy_certificates", proxy_certificates);
	FIELD("voters", "admitted_voters", admitted_voters);
	FIELD("votes", "valid_votes", valid_votes);
	FIELD("votes", "blank_votes", blank_votes);
	FIELD("votes", "invalid_votes", invalid_votes);
	FIELD("votes", "votes_cast", votes_cast);
	FIELD("differences", "more_ballots_counted", more_ballots_counted);
	FIELD("differences", "fewer_ballots_counted", fewer_ballots_counted);
	FIELD("differences", "taken_home", taken_home);
	FIELD("differences", "too_few_issued", too_few_issued);
	FIELD("differences", "too_many_issued", too_many_issued);
	FIELD("differences", "no_explanation", no_explanation);
	FIELD("differences", "other_explanation", other_explanation);
#undef FIELD
	for (i = 0; i < nf; i++) {
		const char *dot = strchr(names[i], '.');
		const json_t *sec = strncmp(names[i], "voters", 6) == 0 ? voters :
		                    strncmp(names[i], "votes", 5) == 0 ? votes : diff;

		v = sec ? json_object_get(sec, dot + 1) : NULL;
		if (get_count(v, names[i], fields[i], why, whysize) != 0)
			goto bad;
	}
	totals = votes ? json_object_get(votes, "list_totals") : NULL;
	if (totals != NULL && (!json_is_array(totals) || json_array_size(totals) != nl)) {
		snprintf(why, whysize, "votes.list_totals must hold one number per list (%zu)", nl);
		goto bad;
	}
	/* The indexed paths are written only for a field that is refused. */
	for (i = 0; i < nl; i++) {
		const json_t *l = json_array_get(lists, i), *c = json_object_get(l, "candidates");
		const json_t *num = json_object_get(l, "number");

		v = totals ? json_array_get(totals, i) : NULL;
		if (count_of(v, &f->list_totals[i]) != 0) {
			snprintf(path, sizeof path, "votes.list_totals[%zu]", i);
			count_why(v, path, why, whysize);
			goto bad;
		}
		if (!json_is_integer(num) || json_integer_value(num) < 1 ||
		    json_integer_value(num) > 999) {
			snprintf(why, whysize, "lists[%zu].number is not a list number", i);
			goto bad;
		}
		f->lists[i].number = (int)json_integer_value(num);
		v = json_object_get(l, "total");
		if (count_of(v, &f->lists[i].total) != 0) {
			snprintf(path, sizeof path, "lists[%zu].total", i);
			count_why(v, path, why, whysize);
			goto bad;
		}
		for (j = 0; j < f->lists[i].ncandidates; j++) {
			v = json_array_get(c, j);
			if (count_of(v, &f->lists[i].candidates[j]) != 0) {
				snprintf(path, sizeof path, "lists[%zu].candidates[%zu]", i, j);
				count_why(v, path, why, whysize);
				goto bad;
			}
		}
	}
	return f;
bad:
	tally_form_free(f);
	return NULL;
}

static json_t *finding_json(const struct tally_finding *f)
{
	json_t *o = json_object(), *fields = json_array();
	size_t i;

	json_object_set_new(o, "code", json_string(f->code));
	for (i = 0; i < f->nfields; i++)
		json_array_append_new(fields, json_string(f->fields[i]));
	json_object_set_new(o, "fields", fields);
	json_object_set_new(o, "message", json_string(f->message));
	return o;
}

void json_add_findings(json_t *o, const struct tally_findings *f)
{
	json_t *e = json_array(), *w = json_array();
	size_t i;

	for (i = 0; f != NULL && i < f->nerrors; i++)
		json_array_append_new(e, finding_json(&f->errors[i]));
	for (i = 0; f != NULL && i < f->nwarnings; i++)
		json_array_append_new(w, finding_json(&f->warnings[i]));
	json_object_set_new(o, "errors", e);
	json_object_set_new(o, "warnings", w);
}

json_t *json_from_paths(const struct tally_paths *p)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; p != NULL && i < p->n; i++)
		json_array_append_new(a, json_string(p->path[i]));
	return a;
}
