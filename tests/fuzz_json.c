/*
 * libFuzzer target: the count form a typist's browser sends over the LAN
 * (PUT /api/stations/{n}/entries/{e}), parsed as the server parses it: the
 * body as JSON (json_loadb, duplicates refused), then json_to_form, for an
 * election without voter cards (GR) and one with them; a form that fits the
 * shape (two lists of 3 and 2 candidates) is then validated, as the handler does.
 *
 * It must never crash or leak, and never accept a value outside the limits:
 * after a successful parse every field is empty or 0 ... TALLY_COUNT_MAX,
 * voter_cards is absent exactly when the election has none, every list number
 * is 1 ... 999, and the form reads back the same through json_from_form.
 * A refusal gives a reason. Anything else is abort()ed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entry/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tally_candidate cand[5];
static const struct tally_list shape[2] = {
	{.number = 1, .name = "Een", .ncandidates = 3, .candidates = &cand[0]},
	{.number = 2, .name = "Twee", .ncandidates = 2, .candidates = &cand[3]},
};

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void check_form(const struct tally_form *f, int vc)
{
	size_t i, n = tally_form_nfields(f);
	char path[TALLY_PATH_MAX];
	long *v;

	CHECK(f->nlists <= TALLY_LISTS_MAX);
	CHECK(vc ? f->voter_cards != TALLY_ABSENT : f->voter_cards == TALLY_ABSENT);
	for (i = 0; i < f->nlists; i++) {
		CHECK(f->lists[i].number >= 1 && f->lists[i].number <= 999);
		CHECK(f->lists[i].ncandidates <= TALLY_CANDIDATES_MAX);
	}
	for (i = 0; i < n; i++) {
		CHECK(tally_form_field(f, i, path, sizeof path, &v) == 0);
		CHECK(*v == TALLY_EMPTY || (*v >= 0 && *v <= TALLY_COUNT_MAX));
	}
}

/* The form written as JSON (as GET .../entries/{e} answers) reads back as the same form. */
static void check_round_trip(const struct tally_form *f, int vc)
{
	json_t *j = json_from_form(f);
	struct tally_form *g;
	char why[256];

	CHECK(j != NULL);
	g = json_to_form(j, vc, why, sizeof why);
	CHECK(g != NULL);
	CHECK(tally_form_equal(f, g));
	tally_form_free(g);
	json_decref(j);
}

static void parse(const json_t *root, int vc)
{
	struct tally_findings fi;
	struct tally_form *f;
	char why[256], fit[256];

	memset(why, 'x', sizeof why);
	f = json_to_form(root, vc, why, sizeof why);
	CHECK(memchr(why, '\0', sizeof why) != NULL);
	if (f == NULL) {
		CHECK(why[0] != '\0'); /* a refusal says why */
		return;
	}
	check_form(f, vc);
	check_round_trip(f, vc);
	if (tally_form_fits(f, shape, 2, vc, fit, sizeof fit) == 0) {
		CHECK(tally_validate(f, NULL, &fi) == 0);
		tally_findings_free(&fi);
	}
	tally_form_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *root;

	if (size > TALLY_HTTP_BODY_MAX)
		return 0;
	root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL)
		return 0;
	parse(root, 0);
	parse(root, 1);
	json_decref(root);
	return 0;
}
