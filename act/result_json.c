/*
 * The result as JSON (../shared/docs/api.md, "The result"), the same object
 * for `teller result --json` and GET /api/result: seats, votes, quota and
 * threshold as exact fractions, per list its seats and elected candidates,
 * every step, and the lot to draw. Added for the page: the names, whether it
 * is a draft and where the figures come from, each step's values compared,
 * the lots drawn and the deceased candidates.
 */
#include <stdio.h>
#include <string.h>

#include "act/act.h"

static json_t *frac(struct tally_frac f)
{
	return json_pack("{s:I, s:I}", "num", (json_int_t)f.num, "den", (json_int_t)f.den);
}

static const struct tally_list *list_of(const struct result *res, int number)
{
	size_t i;

	for (i = 0; i < res->nlists; i++)
		if (res->lists[i].number == number)
			return &res->lists[i];
	return NULL;
}

const char *result_candidate_name(const struct result *res, int list, int position, char *buf,
                                  size_t size)
{
	const struct tally_list *l = list_of(res, list);
	size_t i;

	buf[0] = '\0';
	for (i = 0; l != NULL && i < l->ncandidates; i++)
		if (l->candidates[i].position == position)
			tally_candidate_name(&l->candidates[i], TALLY_NAME_FORMS, buf, size);
	return buf;
}

static json_t *positions(const int *p, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer(p[i]));
	return a;
}

/* A list with its seats and its candidates (votes, elected, preference, deceased). */
static json_t *list_json(const struct result *res, const struct tally_result_list *rl,
                         const struct tally_result_list_in *in)
{
	const struct tally_list *l = list_of(res, rl->number);
	json_t *o, *cands = json_array();
	char name[TALLY_CANDIDATE_NAME_MAX];
	size_t i, k;

	for (i = 0; i < in->ncandidates; i++) {
		const struct tally_result_candidate *c = &in->candidates[i];
		int elected = 0, pref = 0;

		for (k = 0; rl->nominated && k < rl->nelected; k++)
			if (rl->elected[k] == c->position) {
				elected = (int)k + 1;
				pref = k < rl->npreference;
			}
		json_array_append_new(cands, json_pack("{s:i, s:s, s:I, s:b, s:b, s:o}", "position",
		                      c->position, "name", result_candidate_name(res, rl->number, c->position,
		                      name, sizeof name), "votes", (json_int_t)c->votes, "deceased",
		                      c->deceased, "preference", pref, "elected",
		                      elected ? json_integer(elected) : json_null()));
	}
	o = json_pack("{s:i, s:s, s:I, s:i, s:i, s:i, s:o, s:o, s:b, s:o, s:o}", "number",
	              rl->number, "name", l ? l->name : "", "votes", (json_int_t)rl->votes,
	              "full_seats", rl->full_seats, "residual_seats", rl->residual_seats, "seats",
	              rl->seats, "elected", positions(rl->elected, rl->nominated ? rl->nelected : 0),
	              "preference_elected", positions(rl->elected, rl->nominated ?
	              rl->npreference : 0), "exhausted", rl->exhausted, "remainder",
	              frac(rl->remainder), "candidates", cands);
	return o;
}

static json_t *step_json(const struct tally_result_step *st)
{
	json_t *cmp = json_array();
	size_t i;

	for (i = 0; i < st->ncompared; i++)
		json_array_append_new(cmp, json_pack("{s:i, s:o}", "list", st->compared[i].list,
		                      "value", frac(st->compared[i].value)));
	return json_pack("{s:i, s:i, s:s, s:s, s:o, s:o, s:b, s:b, s:o, s:o}", "seat", st->seat,
	                 "list", st->list, "method", tally_result_method_name(st->method), "label",
	                 tally_result_method_label(st->method), "from_list",
	                 st->from_list ? json_integer(st->from_list) : json_null(), "value",
	                 frac(st->value), "by_lot", st->by_lot, "again", st->again, "tied",
	                 positions(st->tied, st->ntied), "compared", cmp);
}

static json_t *lots_required(const struct result *res)
{
	const struct tally_result_lot_need *n = &res->r.lot;
	json_t *o;

	if (res->status != TALLY_RESULT_LOT)
		return json_null();
	o = json_pack("{s:s, s:o, s:s, s:i}", "kind", tally_lot_kind_name(n->kind), "options",
	              positions(n->options, n->noptions), "decides", n->decides, "seat", n->seat);
	if (n->kind == TALLY_LOT_CANDIDATE)
		json_object_set_new(o, "list", json_integer(n->list));
	return o;
}

json_t *result_json(const struct result *res)
{
	const struct tally_result *r = &res->r;
	json_t *o, *lists = json_array(), *steps = json_array(), *lots = json_array(),
	       *dead = json_array();
	char name[TALLY_CANDIDATE_NAME_MAX];
	size_t i;

	for (i = 0; i < r->nlists && i < res->in.nlists; i++)
		json_array_append_new(lists, list_json(res, &r->lists[i], &res->in.lists[i]));
	for (i = 0; i < r->nsteps; i++)
		json_array_append_new(steps, step_json(&r->steps[i]));
	for (i = 0; i < res->nlots; i++)
		json_array_append_new(lots, json_pack("{s:i, s:o}", "list", res->lots[i].list,
		                      "candidate", res->lots[i].candidate ?
		                      json_integer(res->lots[i].candidate) : json_null()));
	for (i = 0; i < res->ndeceased; i++)
		json_array_append_new(dead, json_pack("{s:i, s:i, s:s}", "list", res->deceased[i].list,
		                      "candidate", res->deceased[i].candidate, "name",
		                      result_candidate_name(res, res->deceased[i].list,
		                      res->deceased[i].candidate, name, sizeof name)));
	o = json_pack("{s:i, s:I, s:o, s:o, s:i, s:i, s:o, s:o, s:o, s:b, s:s, s:o, s:o, s:i}",
	              "seats", r->seats, "votes", (json_int_t)r->votes, "quota", frac(r->quota),
	              "preference_threshold", frac(r->preference_threshold), "full_seats",
	              r->full_seats, "residual_seats", r->residual_seats, "lists", lists, "steps",
	              steps, "lots_required", lots_required(res), "draft", res->draft, "source",
	              res->from_file ? "510b" : "count", "lots", lots, "deceased", dead,
	              "empty_seats", r->empty_seats);
	return o;
}
