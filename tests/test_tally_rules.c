/*
 * The count form and its validation rules (domain.md §3 and §4), as a
 * specification: one table row per rule at its boundary (just holds, just
 * breaks), then the form's own functions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tally/count.h"

#define MAXC TALLY_COUNT_MAX

/* The election of every test: list 1 with three candidates, list 2 with two. */
static const struct tally_list two_lists[] = {
	{ .number = 1, .ncandidates = 3 },
	{ .number = 2, .ncandidates = 2 },
};

/* Sets the field at path; the test fails when the form has no such field. */
static void
set(struct tally_form *f, const char *path, long v)
{
	char p[TALLY_PATH_MAX];
	size_t i, n = tally_form_nfields(f);
	long *value;

	for (i = 0; i < n; i++) {
		assert_int_equal(tally_form_field(f, i, p, sizeof(p), &value), 0);
		if (strcmp(p, path) == 0) {
			*value = v;
			return;
		}
	}
	print_error("no field %s\n", path);
	fail();
}

static long
get(const struct tally_form *f, const char *path)
{
	char p[TALLY_PATH_MAX];
	size_t i, n = tally_form_nfields(f);
	long *value;

	for (i = 0; i < n; i++) {
		assert_int_equal(tally_form_field(f, i, p, sizeof(p), &value), 0);
		if (strcmp(p, path) == 0)
			return *value;
	}
	print_error("no field %s\n", path);
	fail();
	return 0;
}

/* Joins the codes of findings with spaces: "F.201 F.403". */
static void
codes(const struct tally_finding *fd, size_t n, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "", fd[i].code);
}

/*
 * A form from the letters A ... J; K ... P are 0. E is split over the lists
 * so that every list adds up: list 2 gets E / 2 on its first candidate
 * (unless list2_none), list 1 the rest on its first candidate.
 */
struct letters {
	long a, b, c, d, e, f, g, h, i, j;
};

static struct tally_form *
form_of(int voter_cards, const struct letters *l, int list2_none)
{
	struct tally_form *f = tally_form_new(two_lists, 2, voter_cards);
	long e2 = list2_none ? 0 : l->e / 2, e1 = l->e - e2;

	assert_non_null(f);
	tally_form_zero(f);
	f->poll_cards = l->a;
	f->proxy_certificates = l->b;
	if (voter_cards)
		f->voter_cards = l->c;
	f->admitted_voters = l->d;
	f->valid_votes = l->e;
	f->blank_votes = l->f;
	f->invalid_votes = l->g;
	f->votes_cast = l->h;
	f->more_ballots_counted = l->i;
	f->fewer_ballots_counted = l->j;
	f->list_totals[0] = f->lists[0].total = f->lists[0].candidates[0] = e1;
	f->list_totals[1] = f->lists[1].total = f->lists[1].candidates[0] = e2;
	return f;
}

struct poke {
	const char *path;
	long value;
};

struct rule_case {
	const char *name;
	int voter_cards;          /* 1: an election with voter cards (PS), 0: GR */
	struct letters v;
	int list2_none;
	struct poke poke[6];      /* applied after the form is built */
	long electorate;          /* 0 in the table means unknown; see ELECTORATE */
	const char *errors;       /* the error codes expected, in order */
	const char *warnings;
};

#define PS 1
#define GR 0
#define V(a, b, c, d, e, f, g, h, i, j) { a, b, c, d, e, f, g, h, i, j }
#define ELECTORATE(n) ((n) + 1)   /* stored + 1, so 0 can mean unknown */
#define E TALLY_EMPTY

/* The reference station: A 800 + B 20 + C 17 = D 837; E 825 + F 5 + G 7 = H 837. */
#define OK_PS V(800, 20, 17, 837, 825, 5, 7, 837, 0, 0)
/* E.1 = list 1 = 413, E.2 = list 2 = 412 */

static const struct rule_case cases[] = {
	{ "a correct form (PS, with voter cards)", PS, OK_PS, 0, {{0}}, 0, "", "" },
	{ "a correct form (GR, without voter cards)", GR, V(820, 17, 0, 837, 825, 5, 7, 837, 0, 0), 0, {{0}}, 0, "", "" },

	/* F.201: A + B (+ C) != D */
	{ "F.201 breaks by one", PS, V(800, 20, 16, 837, 825, 5, 7, 837, 0, 0), 0, {{0}}, 0, "F.201", "" },
	{ "F.201: C counts where the election has voter cards", PS, V(820, 17, 17, 837, 825, 5, 7, 837, 0, 0), 0, {{0}}, 0, "F.201", "" },
	{ "F.201: GR breaks by one", GR, V(820, 16, 0, 837, 825, 5, 7, 837, 0, 0), 0, {{0}}, 0, "F.201", "" },

	/* F.202: sum of E.1 ... E.n != E */
	{ "F.202: E.1 + E.2 one more than E", PS, OK_PS, 0,
	  { { "votes.list_totals[1]", 413 }, { "lists[1].total", 413 }, { "lists[1].candidates[0]", 413 } },
	  0, "F.202", "" },
	{ "F.202: E.1 + E.2 one less than E", PS, OK_PS, 0,
	  { { "votes.list_totals[1]", 411 }, { "lists[1].total", 411 }, { "lists[1].candidates[0]", 411 } },
	  0, "F.202", "" },

	/* F.203: E + F + G != H */
	{ "F.203: E + F + G one less than H", PS, V(800, 20, 17, 837, 825, 4, 7, 837, 0, 0), 0, {{0}}, 0, "F.203", "" },
	{ "F.203: E + F + G one more than H", PS, V(800, 20, 17, 837, 825, 5, 8, 837, 0, 0), 0, {{0}}, 0, "F.203", "" },

	/* F.204: sum of E.1 ... E.n > 0 and E = 0 (F.202 then holds too) */
	{ "F.204: votes per list while E = 0", PS, V(800, 20, 17, 837, 0, 837, 0, 837, 0, 0), 0,
	  { { "votes.list_totals[0]", 5 }, { "lists[0].total", 5 }, { "lists[0].candidates[0]", 5 } },
	  0, "F.202 F.204", "W.201" },
	{ "F.204 holds on a known E.x while another is empty", PS, V(800, 20, 17, 837, 0, 837, 0, 837, 0, 0), 0,
	  { { "votes.list_totals[0]", 5 }, { "lists[0].total", 5 }, { "lists[0].candidates[0]", 5 },
	    { "votes.list_totals[1]", E } },
	  0, "F.001 F.204", "W.201" },
	{ "F.204 not when E.x are all 0", PS, V(800, 20, 17, 837, 0, 837, 0, 837, 0, 0), 0, {{0}}, 0, "", "W.201" },

	/* F.305 ... F.309: I and J explain D != H */
	{ "F.305: D = H and I = 1", PS, V(800, 20, 17, 837, 825, 5, 7, 837, 1, 0), 0, {{0}}, 0, "F.305", "" },
	{ "F.305: D = H and J = 1", PS, V(800, 20, 17, 837, 825, 5, 7, 837, 0, 1), 0, {{0}}, 0, "F.305", "" },
	{ "F.305 holds on a known J while I is empty", PS, V(800, 20, 17, 837, 825, 5, 7, 837, 0, 1), 0,
	  { { "differences.more_ballots_counted", E } }, 0, "F.001 F.305", "" },
	{ "H > D with I = H - D and J = 0 is right", PS, V(790, 20, 17, 827, 825, 5, 7, 837, 10, 0), 0, {{0}}, 0, "", "" },
	{ "F.306: H > D and I one short of H - D", PS, V(790, 20, 17, 827, 825, 5, 7, 837, 9, 0), 0, {{0}}, 0, "F.306", "" },
	{ "F.306: H > D and I one over H - D", PS, V(790, 20, 17, 827, 825, 5, 7, 837, 11, 0), 0, {{0}}, 0, "F.306", "" },
	{ "F.307: H > D and J = 1", PS, V(790, 20, 17, 827, 825, 5, 7, 837, 10, 1), 0, {{0}}, 0, "F.307", "" },
	{ "H < D with J = D - H and I = 0 is right", PS, V(810, 20, 17, 847, 825, 5, 7, 837, 0, 10), 0, {{0}}, 0, "", "" },
	{ "F.308: H < D and J one over D - H", PS, V(810, 20, 17, 847, 825, 5, 7, 837, 0, 11), 0, {{0}}, 0, "F.308", "" },
	{ "F.308: H < D and J one short of D - H", PS, V(810, 20, 17, 847, 825, 5, 7, 837, 0, 9), 0, {{0}}, 0, "F.308", "" },
	{ "F.309: H < D and I = 1", PS, V(810, 20, 17, 847, 825, 5, 7, 837, 1, 10), 0, {{0}}, 0, "F.309", "" },
	{ "F.306 and F.307 together", PS, V(790, 20, 17, 827, 825, 5, 7, 837, 0, 10), 0, {{0}}, 0, "F.306 F.307", "" },
	{ "F.308 and F.309 together", PS, V(810, 20, 17, 847, 825, 5, 7, 837, 10, 0), 0, {{0}}, 0, "F.308 F.309", "" },

	/* F.401 ... F.403: per list */
	{ "F.401: list total 0 with votes; no F.402, F.403", PS, OK_PS, 0,
	  { { "lists[0].total", 0 } }, 0, "F.401", "" },
	{ "F.401 by E.1 alone", PS, OK_PS, 0,
	  { { "lists[0].candidates[0]", 0 }, { "lists[0].total", 0 } }, 0, "F.401", "" },
	{ "F.401 by the candidates alone", PS, OK_PS, 0,
	  { { "votes.list_totals[0]", 0 }, { "lists[0].total", 0 } }, 0, "F.202 F.401", "" },
	{ "F.401 holds with an empty candidate when E.1 > 0", PS, OK_PS, 0,
	  { { "lists[0].total", 0 }, { "lists[0].candidates[2]", E } }, 0, "F.401", "" },
	{ "F.401 in list 2 leaves F.402 in list 1", PS, OK_PS, 0,
	  { { "lists[1].total", 0 }, { "lists[0].candidates[1]", 1 } }, 0, "F.402 F.401", "" },
	{ "a list without any votes is right", PS, V(800, 20, 17, 837, 825, 5, 7, 837, 0, 0), 1, {{0}}, 0, "", "" },
	{ "F.402: a candidate's vote beyond the list total", PS, OK_PS, 0,
	  { { "lists[0].candidates[1]", 1 } }, 0, "F.402", "" },
	{ "F.402: the list total one over its candidates", PS, OK_PS, 0,
	  { { "lists[0].candidates[0]", 412 } }, 0, "F.402", "" },
	{ "F.403: E.1 one over and E.2 one under the list totals", PS, OK_PS, 0,
	  { { "votes.list_totals[0]", 414 }, { "votes.list_totals[1]", 411 } }, 0, "F.403 F.403", "" },
	{ "F.402 and F.403 together", PS, OK_PS, 0,
	  { { "lists[0].total", 414 } }, 0, "F.402 F.403", "" },

	/* W.201, W.202: 100·F >= 3·H, not when H = 0 */
	{ "W.201 at exactly 3 % (30 of 1000)", PS, V(963, 20, 17, 1000, 970, 30, 0, 1000, 0, 0), 0, {{0}}, 0, "", "W.201" },
	{ "W.201 not just under 3 % (29 of 1000)", PS, V(963, 20, 17, 1000, 971, 29, 0, 1000, 0, 0), 0, {{0}}, 0, "", "" },
	{ "W.201 at 31 of 1001 (3.1 %)", PS, V(964, 20, 17, 1001, 970, 31, 0, 1001, 0, 0), 0, {{0}}, 0, "", "W.201" },
	{ "W.201 not at 30 of 1001 (2.997 %)", PS, V(964, 20, 17, 1001, 971, 30, 0, 1001, 0, 0), 0, {{0}}, 0, "", "" },
	{ "W.202 at exactly 3 % (30 of 1000)", PS, V(963, 20, 17, 1000, 970, 0, 30, 1000, 0, 0), 0, {{0}}, 0, "", "W.202" },
	{ "W.202 not just under 3 % (29 of 1000)", PS, V(963, 20, 17, 1000, 971, 0, 29, 1000, 0, 0), 0, {{0}}, 0, "", "" },
	{ "W.201 and W.202 not when H = 0; W.204", PS, V(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, {{0}}, 0, "", "W.204" },

	/* W.203: D != H and (|D - H| >= 15 or 100·|D - H| >= 2·H) */
	{ "W.203 not at |D - H| = 14 (H 1000)", PS, V(977, 20, 17, 1014, 980, 10, 10, 1000, 0, 14), 0, {{0}}, 0, "", "" },
	{ "W.203 at |D - H| = 15 (H 1000, D > H)", PS, V(978, 20, 17, 1015, 980, 10, 10, 1000, 0, 15), 0, {{0}}, 0, "", "W.203" },
	{ "W.203 at |D - H| = 15 (H 1000, H > D)", PS, V(948, 20, 17, 985, 980, 10, 10, 1000, 15, 0), 0, {{0}}, 0, "", "W.203" },
	{ "W.203 at exactly 2 % (10 of H 500)", PS, V(473, 20, 17, 510, 480, 10, 10, 500, 0, 10), 0, {{0}}, 0, "", "W.203" },
	{ "W.203 not just under 2 % (9 of H 500)", PS, V(472, 20, 17, 509, 480, 10, 10, 500, 0, 9), 0, {{0}}, 0, "", "" },
	{ "W.203 and W.204 at H = 0, D = 1", PS, V(1, 0, 0, 1, 0, 0, 0, 0, 0, 1), 0, {{0}}, 0, "", "W.203 W.204" },

	/* W.205: H > electorate, where known */
	{ "W.205 not when H = electorate", PS, OK_PS, 0, {{0}}, ELECTORATE(837), "", "" },
	{ "W.205 when H = electorate + 1", PS, OK_PS, 0, {{0}}, ELECTORATE(836), "", "W.205" },
	{ "W.205 at electorate 0", PS, OK_PS, 0, {{0}}, ELECTORATE(0), "", "W.205" },
	{ "W.205 not when the electorate is unknown", PS, OK_PS, 0, {{0}}, 0, "", "" },

	/* the largest counts: no overflow anywhere */
	{ "the largest counts add up", PS, V(MAXC, 0, 0, MAXC, MAXC, 0, 0, MAXC, 0, 0), 0, {{0}}, ELECTORATE(MAXC), "", "" },
	{ "F.201 and F.203 at the largest counts", PS, V(MAXC, MAXC, MAXC, MAXC, MAXC, MAXC, MAXC, MAXC, 0, 0), 0, {{0}}, 0,
	  "F.201 F.203", "W.201 W.202" },
	{ "F.202 at the largest counts", PS, V(MAXC, 0, 0, MAXC, MAXC, 0, 0, MAXC, 0, 0), 0,
	  { { "votes.list_totals[0]", MAXC }, { "votes.list_totals[1]", MAXC } }, 0, "F.202 F.403 F.403", "" },
	{ "F.402 at the largest counts", PS, V(MAXC, 0, 0, MAXC, MAXC, 0, 0, MAXC, 0, 0), 0,
	  { { "lists[0].candidates[1]", MAXC }, { "lists[0].candidates[2]", MAXC } }, 0, "F.402", "" },
	{ "W.201 at 3 % of the largest H", PS, V(MAXC, 0, 0, MAXC, 969999999, 30000000, 0, MAXC, 0, 0), 0, {{0}}, 0, "", "W.201" },
	{ "W.201 not just under 3 % of the largest H", PS, V(MAXC, 0, 0, MAXC, 970000000, 29999999, 0, MAXC, 0, 0), 0, {{0}}, 0, "", "" },
	{ "W.203 at the largest difference", PS, V(MAXC, 0, 0, MAXC, 0, 0, 0, 0, 0, MAXC), 0, {{0}}, 0, "", "W.203 W.204" },

	/* empty fields: F.001, and no rule that needs them */
	{ "an empty H: only F.001", PS, OK_PS, 0, { { "votes.votes_cast", E } }, 0, "F.001", "" },
	{ "an empty F: no F.203, no W.201", PS, V(963, 20, 17, 1000, 970, 30, 0, 1000, 0, 0), 0,
	  { { "votes.blank_votes", E } }, 0, "F.001", "" },
	{ "an empty G: no F.203, no W.202", PS, V(963, 20, 17, 1000, 970, 0, 30, 1000, 0, 0), 0,
	  { { "votes.invalid_votes", E } }, 0, "F.001", "" },
	{ "an empty D: no F.201, F.30x, W.203", PS, V(978, 20, 17, 1015, 980, 10, 10, 1000, 0, 14), 0,
	  { { "voters.admitted_voters", E } }, 0, "F.001", "" },
	{ "an empty C: no F.201", PS, V(800, 20, 16, 837, 825, 5, 7, 837, 0, 0), 0,
	  { { "voters.voter_cards", E } }, 0, "F.001", "" },
	{ "an empty E: no F.202, F.203, F.204", PS, V(800, 20, 17, 837, 0, 837, 0, 837, 0, 0), 0,
	  { { "votes.list_totals[0]", 5 }, { "lists[0].total", 5 }, { "lists[0].candidates[0]", 5 },
	    { "votes.valid_votes", E } },
	  0, "F.001", "W.201" },
	{ "an empty J: no F.308", PS, V(810, 20, 17, 847, 825, 5, 7, 837, 0, 11), 0,
	  { { "differences.fewer_ballots_counted", E } }, 0, "F.001", "" },
	{ "an empty I: no F.306", PS, V(790, 20, 17, 827, 825, 5, 7, 837, 9, 0), 0,
	  { { "differences.more_ballots_counted", E } }, 0, "F.001", "" },
	{ "an empty list total: no F.401 ... F.403", PS, OK_PS, 0,
	  { { "lists[0].total", E }, { "lists[0].candidates[1]", 1 } }, 0, "F.001", "" },
	/* Typists skip the empty boxes of the paper: an empty candidate counts as 0, no F.001 ... */
	{ "an empty candidate counts as 0: no F.001, and the sum holds", PS, OK_PS, 0,
	  { { "lists[0].candidates[0]", 412 }, { "lists[0].candidates[1]", 1 },
	    { "lists[0].candidates[2]", E } }, 0, "", "" },
	{ "every candidate of a list empty, its total 0 and E.2 0: right", PS, OK_PS, 1,
	  { { "lists[1].candidates[0]", E }, { "lists[1].candidates[1]", E } }, 0, "", "" },
	/* ... but a skipped candidate who did get votes shows in the sums (F.402) */
	{ "a skipped candidate that was not 0: F.402", PS, OK_PS, 0,
	  { { "lists[0].candidates[1]", 1 }, { "lists[0].candidates[2]", E } }, 0, "F.402", "" },
	{ "an empty candidate with the others summing to less: F.402", PS, OK_PS, 0,
	  { { "lists[0].candidates[0]", E } }, 0, "F.402", "" },
	{ "an empty E.1: no F.202, no F.403 for list 1", PS, OK_PS, 0,
	  { { "votes.list_totals[0]", E }, { "lists[0].total", 1 }, { "lists[0].candidates[0]", 1 } },
	  0, "F.001", "" },
	{ "an empty explanation (K) is F.001 and nothing else", PS, OK_PS, 0,
	  { { "differences.taken_home", E } }, 0, "F.001", "" },
	{ "several empty fields: one F.001", GR, V(820, 17, 0, 837, 825, 5, 7, 837, 0, 0), 0,
	  { { "voters.poll_cards", E }, { "differences.other_explanation", E }, { "lists[1].total", E } },
	  0, "F.001", "" },
};

static void
test_rules_table(void **state)
{
	char got[256];
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rule_case *c = &cases[i];
		struct tally_validate_ctx ctx = { .electorate = c->electorate - 1 };
		struct tally_form *f = form_of(c->voter_cards, &c->v, c->list2_none);
		struct tally_findings out;
		char why[256];

		for (k = 0; k < sizeof(c->poke) / sizeof(c->poke[0]) && c->poke[k].path; k++)
			set(f, c->poke[k].path, c->poke[k].value);
		if (tally_form_fits(f, two_lists, 2, c->voter_cards, why, sizeof(why)) != 0) {
			print_error("%s: does not fit: %s\n", c->name, why);
			fail();
		}
		assert_int_equal(tally_validate(f, &ctx, &out), 0);
		codes(out.errors, out.nerrors, got, sizeof(got));
		if (strcmp(got, c->errors) != 0) {
			print_error("%s: errors \"%s\", want \"%s\"\n", c->name, got, c->errors);
			fail();
		}
		codes(out.warnings, out.nwarnings, got, sizeof(got));
		if (strcmp(got, c->warnings) != 0) {
			print_error("%s: warnings \"%s\", want \"%s\"\n", c->name, got, c->warnings);
			fail();
		}
		/* every finding names its fields and says something */
		for (k = 0; k < out.nerrors; k++)
			assert_true(out.errors[k].nfields > 0 && out.errors[k].message[0] != '\0');
		for (k = 0; k < out.nwarnings; k++)
			assert_true(out.warnings[k].nfields > 0 && out.warnings[k].message[0] != '\0');
		tally_findings_free(&out);
		tally_form_free(f);
	}
}

/* Looks up the finding with code in findings; fails when absent. */
static const struct tally_finding *
find(const struct tally_finding *fd, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fd[i].code, code) == 0)
			return &fd[i];
	print_error("no %s\n", code);
	fail();
	return NULL;
}

static void
assert_fields(const struct tally_finding *fd, const char *const *want, size_t n)
{
	size_t i;

	assert_int_equal(fd->nfields, n);
	for (i = 0; i < n; i++)
		assert_string_equal(fd->fields[i], want[i]);
}

/* The form of api.md, as typed from the paper: zero findings. */
static void
test_the_example_form_is_right(void **state)
{
	struct tally_form *f = tally_form_new(two_lists, 2, 0);
	struct tally_findings out;
	static const long l1[] = { 300, 60, 40 }, l2[] = { 425, 0 };

	(void)state;
	tally_form_zero(f);
	f->poll_cards = 812;
	f->proxy_certificates = 25;
	f->admitted_voters = 837;
	f->list_totals[0] = 400;
	f->list_totals[1] = 425;
	f->valid_votes = 825;
	f->blank_votes = 5;
	f->invalid_votes = 7;
	f->votes_cast = 837;
	memcpy(f->lists[0].candidates, l1, sizeof(l1));
	memcpy(f->lists[1].candidates, l2, sizeof(l2));
	f->lists[0].total = 400;
	f->lists[1].total = 425;
	assert_int_equal(tally_form_fits(f, two_lists, 2, 0, NULL, 0), 0);
	assert_int_equal(tally_validate(f, NULL, &out), 0);
	assert_int_equal(out.nerrors, 0);
	assert_int_equal(out.nwarnings, 0);
	assert_null(out.errors);
	assert_null(out.warnings);
	tally_findings_free(&out);
	tally_form_free(f);
}

/* A fresh form: one F.001 naming every total in paper order, and no other finding. */
static void
test_empty_form_gives_only_f001(void **state)
{
	struct tally_form *f = tally_form_new(two_lists, 2, 1);
	struct tally_findings out;
	char path[TALLY_PATH_MAX];
	size_t i, k;

	(void)state;
	assert_int_equal(tally_validate(f, NULL, &out), 0);
	assert_int_equal(out.nerrors, 1);
	assert_int_equal(out.nwarnings, 0);
	assert_string_equal(out.errors[0].code, "F.001");
	assert_string_equal(out.errors[0].message,
	    "Dit veld is leeg. Vul 0 in als er niets te tellen is.");
	/* every field but the candidates' (an empty candidate counts as 0) */
	for (i = 0, k = 0; i < tally_form_nfields(f); i++) {
		assert_int_equal(tally_form_field(f, i, path, sizeof(path), NULL), 0);
		if (strstr(path, ".candidates[") != NULL)
			continue;
		assert_true(k < out.errors[0].nfields);
		assert_string_equal(out.errors[0].fields[k++], path);
	}
	assert_int_equal(out.errors[0].nfields, k);
	assert_int_equal(k, tally_form_nfields(f) - (3 + 2));
	tally_findings_free(&out);
	tally_form_free(f);
}

static void
test_f001_lists_the_empty_fields(void **state)
{
	static const struct letters ok = OK_PS;
	static const char *const want[] = {
		"voters.voter_cards", "votes.list_totals[1]", "differences.no_explanation",
		"lists[0].total",
	};
	struct tally_form *f = form_of(PS, &ok, 0);
	struct tally_findings out;
	size_t i;

	(void)state;
	/* set out of paper order: the finding lists them in paper order */
	for (i = sizeof(want) / sizeof(want[0]); i-- > 0;)
		set(f, want[i], TALLY_EMPTY);
	assert_int_equal(tally_validate(f, NULL, &out), 0);
	assert_int_equal(out.nerrors, 1);
	assert_fields(find(out.errors, out.nerrors, "F.001"), want, 4);
	tally_findings_free(&out);
	tally_form_free(f);
}

/* F.201 names C only where the election has voter cards. */
static void
test_f201_with_and_without_voter_cards(void **state)
{
	static const struct letters ps = V(800, 20, 16, 837, 825, 5, 7, 837, 0, 0);
	static const struct letters gr = V(820, 16, 0, 837, 825, 5, 7, 837, 0, 0);
	static const char *const ps_fields[] = { "voters.poll_cards",
		"voters.proxy_certificates", "voters.voter_cards", "voters.admitted_voters" };
	static const char *const gr_fields[] = { "voters.poll_cards",
		"voters.proxy_certificates", "voters.admitted_voters" };
	struct tally_form *f;
	struct tally_findings out;
	const struct tally_finding *fd;

	(void)state;
	f = form_of(PS, &ps, 0);
	assert_int_equal(tally_validate(f, NULL, &out), 0);
	fd = find(out.errors, out.nerrors, "F.201");
	assert_string_equal(fd->message,
	    "Het aantal toegelaten kiezers (D) is niet gelijk aan A + B + C.");
	assert_fields(fd, ps_fields, 4);
	tally_findings_free(&out);
	tally_form_free(f);

	f = form_of(GR, &gr, 0);
	assert_int_equal(tally_validate(f, NULL, &out), 0);
	fd = find(out.errors, out.nerrors, "F.201");
	assert_string_equal(fd->message,
	    "Het aantal toegelaten kiezers (D) is niet gelijk aan A + B.");
	assert_fields(fd, gr_fields, 3);
	tally_findings_free(&out);
	tally_form_free(f);
}

/* The fields each rule names, in paper order. */
static void
test_fields_of_each_rule(void **state)
{
	static const struct letters ok = OK_PS;
	static const char *const f202[] = { "votes.list_totals[0]", "votes.list_totals[1]",
		"votes.valid_votes" };
	static const char *const f401[] = { "votes.list_totals[0]", "lists[0].candidates[0]",
		"lists[0].candidates[1]", "lists[0].candidates[2]", "lists[0].total" };
	static const char *const f402[] = { "lists[1].candidates[0]", "lists[1].candidates[1]",
		"lists[1].total" };
	static const char *const f403[] = { "votes.list_totals[1]", "lists[1].total" };
	static const char *const f203[] = { "votes.valid_votes", "votes.blank_votes",
		"votes.invalid_votes", "votes.votes_cast" };
	static const char *const f305[] = { "voters.admitted_voters", "votes.votes_cast",
		"differences.more_ballots_counted", "differences.fewer_ballots_counted" };
	struct tally_form *f = form_of(PS, &ok, 0);
	struct tally_findings out;
	const struct tally_finding *fd;

	(void)state;
	set(f, "lists[0].total", 0);             /* F.401, F.202 stays quiet */
	set(f, "lists[1].candidates[1]", 1);     /* F.402 in list 2 */
	set(f, "votes.list_totals[1]", 413);     /* F.403 in list 2, F.202 */
	set(f, "votes.blank_votes", 6);          /* F.203 */
	set(f, "differences.fewer_ballots_counted", 1); /* F.305 */
	assert_int_equal(tally_validate(f, NULL, &out), 0);
	assert_fields(find(out.errors, out.nerrors, "F.202"), f202, 3);
	assert_fields(find(out.errors, out.nerrors, "F.203"), f203, 4);
	assert_fields(find(out.errors, out.nerrors, "F.305"), f305, 4);
	fd = find(out.errors, out.nerrors, "F.401");
	assert_fields(fd, f401, 5);
	assert_non_null(strstr(fd->message, "Lijst 1"));
	fd = find(out.errors, out.nerrors, "F.402");
	assert_fields(fd, f402, 3);
	assert_non_null(strstr(fd->message, "Lijst 2"));
	fd = find(out.errors, out.nerrors, "F.403");
	assert_fields(fd, f403, 2);
	assert_non_null(strstr(fd->message, "E.2"));
	tally_findings_free(&out);
	tally_form_free(f);
}

/* W.206: the same figures as another station's definitive count. */
static void
test_w206_identical_to_another_station(void **state)
{
	static const struct letters ok = OK_PS;
	struct tally_form *f = form_of(PS, &ok, 0), *same = form_of(PS, &ok, 0),
	    *other = form_of(PS, &ok, 0);
	const struct tally_form *others[2];
	const int numbers[2] = { 3, 7 };
	struct tally_validate_ctx ctx = { .electorate = -1, .definitive_others = others,
	    .other_numbers = numbers, .nothers = 2 };
	struct tally_findings out;
	const struct tally_finding *fd;

	(void)state;
	set(other, "votes.blank_votes", 4);
	set(other, "votes.valid_votes", 826);
	others[0] = other;
	others[1] = same;
	assert_int_equal(tally_validate(f, &ctx, &out), 0);
	assert_int_equal(out.nerrors, 0);
	assert_int_equal(out.nwarnings, 1);
	fd = find(out.warnings, out.nwarnings, "W.206");
	assert_non_null(strstr(fd->message, "stembureau 7"));
	tally_findings_free(&out);

	/* without numbers, and not when only another station is alike */
	ctx.other_numbers = NULL;
	assert_int_equal(tally_validate(f, &ctx, &out), 0);
	assert_int_equal(out.nwarnings, 1);
	tally_findings_free(&out);
	ctx.nothers = 1;
	assert_int_equal(tally_validate(f, &ctx, &out), 0);
	assert_int_equal(out.nwarnings, 0);
	tally_findings_free(&out);

	tally_form_free(f);
	tally_form_free(same);
	tally_form_free(other);
}

/* Misuse: a form that does not fit is no input for the rules. */
static void
test_validate_refuses_values_out_of_range(void **state)
{
	static const struct letters ok = OK_PS;
	struct tally_form *f = form_of(PS, &ok, 0);
	struct tally_findings out;

	(void)state;
	f->blank_votes = MAXC + 1;
	assert_int_equal(tally_validate(f, NULL, &out), -1);
	assert_int_equal(out.nerrors + out.nwarnings, 0);
	f->blank_votes = -5;
	assert_int_equal(tally_validate(f, NULL, &out), -1);
	f->blank_votes = TALLY_ABSENT;
	assert_int_equal(tally_validate(f, NULL, &out), -1);
	tally_findings_free(&out);
	tally_form_free(f);
}

/* Misuse: freeing twice, or nothing. */
static void
test_double_free_of_findings_is_harmless(void **state)
{
	struct tally_form *f = tally_form_new(two_lists, 2, 1);
	struct tally_findings out;

	(void)state;
	assert_int_equal(tally_validate(f, NULL, &out), 0);
	tally_findings_free(&out);
	tally_findings_free(&out);
	tally_findings_free(NULL);
	tally_form_free(f);
	tally_form_free(NULL);
}

/* ----- the form ----- */

static void
test_form_new(void **state)
{
	struct tally_form *ps = tally_form_new(two_lists, 2, 1);
	struct tally_form *gr = tally_form_new(two_lists, 2, 0);
	struct tally_form *none = tally_form_new(NULL, 0, 0);

	(void)state;
	assert_int_equal(ps->nlists, 2);
	assert_int_equal(ps->lists[0].number, 1);
	assert_int_equal(ps->lists[1].number, 2);
	assert_int_equal(ps->lists[0].ncandidates, 3);
	assert_int_equal(ps->lists[1].ncandidates, 2);
	assert_int_equal(ps->voter_cards, TALLY_EMPTY);
	assert_int_equal(gr->voter_cards, TALLY_ABSENT);
	assert_int_equal(ps->lists[1].candidates[1], TALLY_EMPTY);
	assert_int_equal(ps->other_explanation, TALLY_EMPTY);
	/* A B C D, E.1 E.2, E F G H I J K L M N O, 3 + 1, 2 + 1 */
	assert_int_equal(tally_form_nfields(ps), 4 + 2 + 11 + 4 + 3);
	assert_int_equal(tally_form_nfields(gr), 3 + 2 + 11 + 4 + 3);
	assert_int_equal(tally_form_nfields(none), 3 + 11);
	assert_true(tally_form_is_empty_all(ps));
	assert_true(tally_form_is_empty_all(gr));
	ps->lists[1].total = 0;
	assert_false(tally_form_is_empty_all(ps));
	tally_form_zero(gr);
	assert_int_equal(gr->voter_cards, TALLY_ABSENT);
	assert_int_equal(gr->lists[0].candidates[2], 0);
	assert_int_equal(gr->poll_cards, 0);
	assert_int_equal(tally_form_fits(none, NULL, 0, 0, NULL, 0), 0);
	tally_form_free(ps);
	tally_form_free(gr);
	tally_form_free(none);
}

static void
test_form_field_paths_in_paper_order(void **state)
{
	static const char *const ps_paths[] = {
		"voters.poll_cards", "voters.proxy_certificates", "voters.voter_cards",
		"voters.admitted_voters",
		"votes.list_totals[0]", "votes.list_totals[1]",
		"votes.valid_votes", "votes.blank_votes", "votes.invalid_votes", "votes.votes_cast",
		"differences.more_ballots_counted", "differences.fewer_ballots_counted",
		"differences.taken_home", "differences.too_few_issued",
		"differences.too_many_issued", "differences.no_explanation",
		"differences.other_explanation",
		"lists[0].candidates[0]", "lists[0].candidates[1]", "lists[0].candidates[2]",
		"lists[0].total",
		"lists[1].candidates[0]", "lists[1].candidates[1]", "lists[1].total",
	};
	struct tally_form *ps = tally_form_new(two_lists, 2, 1);
	struct tally_form *gr = tally_form_new(two_lists, 2, 0);
	char path[TALLY_PATH_MAX], tiny[8];
	size_t i, n = sizeof(ps_paths) / sizeof(ps_paths[0]);
	long *v;

	(void)state;
	assert_int_equal(tally_form_nfields(ps), n);
	for (i = 0; i < n; i++) {
		assert_int_equal(tally_form_field(ps, i, path, sizeof(path), &v), 0);
		assert_string_equal(path, ps_paths[i]);
		*v = (long)i;  /* each field its own slot */
	}
	assert_int_equal(ps->poll_cards, 0);
	assert_int_equal(ps->voter_cards, 2);
	assert_int_equal(ps->list_totals[1], 5);
	assert_int_equal(ps->votes_cast, 9);
	assert_int_equal(ps->other_explanation, 16);
	assert_int_equal(ps->lists[0].candidates[2], 19);
	assert_int_equal(ps->lists[0].total, 20);
	assert_int_equal(ps->lists[1].total, 23);
	assert_int_equal(tally_form_field(ps, n, path, sizeof(path), &v), -1);

	/* without voter cards, C is no field */
	assert_int_equal(tally_form_nfields(gr), n - 1);
	for (i = 0; i < n - 1; i++) {
		assert_int_equal(tally_form_field(gr, i, path, sizeof(path), NULL), 0);
		assert_string_equal(path, ps_paths[i < 2 ? i : i + 1]);
	}
	/* a path that does not fit is cut and reported */
	assert_int_equal(tally_form_field(ps, 0, tiny, sizeof(tiny), NULL), -1);
	assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
	tally_form_free(ps);
	tally_form_free(gr);
}

/* The walk visits the very fields tally_form_field names, in its order, and then stops. */
static void
test_form_walk_is_field_order(void **state)
{
	static const struct tally_list shapes[] = {
		{ .number = 1, .ncandidates = 3 }, { .number = 2, .ncandidates = 0 },
		{ .number = 4, .ncandidates = 1 }, { .number = 7, .ncandidates = 0 } };
	static const struct { size_t nlists; int voter_cards; } rows[] = {
		{ 4, 1 }, { 4, 0 }, { 2, 1 }, { 1, 0 }, { 3, 1 },
	};
	size_t r, i;
	long *v;

	(void)state;
	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		struct tally_form *f = tally_form_new(shapes, rows[r].nlists, rows[r].voter_cards);
		struct tally_form_walk w = { 0 };

		assert_non_null(f);
		for (i = 0; i < tally_form_nfields(f); i++) {
			long *want;

			assert_int_equal(tally_form_field(f, i, NULL, 0, &want), 0);
			v = tally_form_next(f, &w);
			assert_ptr_equal(v, want);
			assert_int_equal(w.next - 1, i);
		}
		assert_null(tally_form_next(f, &w));
		assert_null(tally_form_next(f, &w));
		tally_form_free(f);
	}
}

static void
test_form_copy_and_equal(void **state)
{
	static const struct letters ok = OK_PS;
	struct tally_form *a = form_of(PS, &ok, 0), *b, *gr = form_of(GR, &ok, 0);
	static const struct tally_list other_numbers[] = {
		{ .number = 1, .ncandidates = 3 }, { .number = 3, .ncandidates = 2 } };
	static const struct tally_list other_sizes[] = {
		{ .number = 1, .ncandidates = 3 }, { .number = 2, .ncandidates = 3 } };
	struct tally_form *c = tally_form_new(other_numbers, 2, 1);
	struct tally_form *d = tally_form_new(other_sizes, 2, 1);

	(void)state;
	b = tally_form_copy(a);
	assert_non_null(b);
	assert_ptr_not_equal(a->lists, b->lists);
	assert_ptr_not_equal(a->lists[0].candidates, b->lists[0].candidates);
	assert_true(tally_form_equal(a, b));
	b->lists[1].candidates[1] = 1;
	assert_false(tally_form_equal(a, b));
	assert_int_equal(a->lists[1].candidates[1], 0);  /* a deep copy */
	b->lists[1].candidates[1] = 0;
	b->taken_home = TALLY_EMPTY;
	assert_false(tally_form_equal(a, b));
	/* different shapes are never equal */
	assert_false(tally_form_equal(a, gr));
	assert_false(tally_form_equal(a, c));
	assert_false(tally_form_equal(a, d));
	tally_form_free(a);
	tally_form_free(b);
	tally_form_free(c);
	tally_form_free(d);
	tally_form_free(gr);
}

/* Each reason for HTTP 422. */
static void
test_form_fits(void **state)
{
	static const struct tally_list three[] = {
		{ .number = 1, .ncandidates = 3 }, { .number = 2, .ncandidates = 2 },
		{ .number = 3, .ncandidates = 1 } };
	static const struct tally_list swapped[] = {
		{ .number = 2, .ncandidates = 3 }, { .number = 1, .ncandidates = 2 } };
	static const struct tally_list bigger[] = {
		{ .number = 1, .ncandidates = 4 }, { .number = 2, .ncandidates = 2 } };
	static const struct {
		const char *name;
		const char *path;       /* a field set to value, or NULL */
		long value;
		const struct tally_list *lists;
		size_t nlists;
		int voter_cards;
		const char *why;        /* a part of the reason; NULL: it fits */
	} rows[] = {
		{ "a draft with empty fields fits", "votes.votes_cast", TALLY_EMPTY, two_lists, 2, 1, NULL },
		{ "the largest count fits", "votes.votes_cast", MAXC, two_lists, 2, 1, NULL },
		{ "zero fits", "lists[1].total", 0, two_lists, 2, 1, NULL },
		{ "a list too few", NULL, 0, three, 3, 1, "3 lists" },
		{ "a list too many", NULL, 0, two_lists, 1, 1, "1 lists" },
		{ "lists out of order", NULL, 0, swapped, 2, 1, "list order" },
		{ "a candidate too few", NULL, 0, bigger, 2, 1, "4 candidates" },
		{ "a negative number", "votes.blank_votes", -3, two_lists, 2, 1, "votes.blank_votes is negative" },
		{ "the absent sentinel elsewhere", "lists[0].candidates[1]", TALLY_ABSENT, two_lists, 2, 1,
		  "lists[0].candidates[1] is negative" },
		{ "one above the largest count", "differences.other_explanation", MAXC + 1, two_lists, 2, 1,
		  "differences.other_explanation is above 999999999" },
		{ "voter cards in a GR election", NULL, 0, two_lists, 2, 0, "voter_cards is given" },
		{ "no voter cards where the election has them", "voters.voter_cards", TALLY_ABSENT, two_lists, 2, 1,
		  "voter_cards is missing" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct tally_form *f = tally_form_new(two_lists, 2, 1);
		char why[128] = "";
		int rc;

		if (rows[i].path != NULL) {
			if (strcmp(rows[i].path, "voters.voter_cards") == 0)
				f->voter_cards = rows[i].value;
			else
				set(f, rows[i].path, rows[i].value);
		}
		rc = tally_form_fits(f, rows[i].lists, rows[i].nlists, rows[i].voter_cards,
		    why, sizeof(why));
		if (rows[i].why == NULL ? rc != 0 : rc != -1 || strstr(why, rows[i].why) == NULL) {
			print_error("%s: rc %d, why \"%s\"\n", rows[i].name, rc, why);
			fail();
		}
		/* no room for a reason is fine too */
		assert_int_equal(tally_form_fits(f, rows[i].lists, rows[i].nlists,
		    rows[i].voter_cards, NULL, 0), rc);
		tally_form_free(f);
	}
}

static void
test_form_add(void **state)
{
	static const struct letters ok = OK_PS;
	static const struct letters big = V(MAXC, 0, 0, MAXC, MAXC, 0, 0, MAXC, 0, 0);
	struct tally_form *sum = tally_form_new(two_lists, 2, 1);
	struct tally_form *a = form_of(PS, &ok, 0), *max = form_of(PS, &big, 0);
	struct tally_form *gr = form_of(GR, &ok, 0), *before;

	(void)state;
	/* a new form holds empty fields: it is no sum yet */
	assert_int_equal(tally_form_add(sum, a), -1);
	tally_form_zero(sum);
	assert_int_equal(tally_form_add(sum, a), 0);
	assert_int_equal(tally_form_add(sum, a), 0);
	assert_int_equal(sum->votes_cast, 2 * 837);
	assert_int_equal(sum->voter_cards, 2 * 17);
	assert_int_equal(sum->lists[1].candidates[0], 2 * 412);
	assert_int_equal(sum->list_totals[0], 2 * 413);

	/* an empty field in an addend: refused, sum unchanged */
	before = tally_form_copy(sum);
	a->lists[1].candidates[1] = TALLY_EMPTY;
	assert_int_equal(tally_form_add(sum, a), -1);
	assert_true(tally_form_equal(sum, before));
	a->lists[1].candidates[1] = 0;

	/* up to TALLY_COUNT_MAX, and not one beyond: refused, sum unchanged */
	tally_form_zero(sum);
	assert_int_equal(tally_form_add(sum, max), 0);
	assert_int_equal(sum->votes_cast, MAXC);
	tally_form_free(before);
	before = tally_form_copy(sum);
	assert_int_equal(tally_form_add(sum, a), -1);
	assert_true(tally_form_equal(sum, before));

	/* different shapes */
	assert_int_equal(tally_form_add(sum, gr), -1);
	assert_true(tally_form_equal(sum, before));
	tally_form_zero(gr);
	assert_int_equal(tally_form_add(gr, gr), 0);
	assert_int_equal(gr->voter_cards, TALLY_ABSENT);

	tally_form_free(sum);
	tally_form_free(a);
	tally_form_free(max);
	tally_form_free(gr);
	tally_form_free(before);
}

/* The other typist corrects only the differing fields, which are cleared. */
static void
test_form_diff_and_clear_paths(void **state)
{
	static const struct letters ok = OK_PS;
	static const char *const want[] = { "voters.poll_cards", "votes.blank_votes",
		"lists[1].candidates[1]" };
	struct tally_form *first = form_of(PS, &ok, 0), *second = form_of(PS, &ok, 0);
	struct tally_form *gr = form_of(GR, &ok, 0), *before;
	struct tally_paths diff;
	size_t i;

	(void)state;
	assert_int_equal(tally_form_diff(first, second, &diff), 0);
	assert_int_equal(diff.n, 0);
	tally_paths_free(&diff);

	/* changed out of paper order; listed in paper order */
	set(second, "lists[1].candidates[1]", 3);
	set(second, "votes.blank_votes", 6);
	set(second, "voters.poll_cards", 801);
	assert_int_equal(tally_form_diff(first, second, &diff), 0);
	assert_int_equal(diff.n, 3);
	for (i = 0; i < 3; i++)
		assert_string_equal(diff.path[i], want[i]);

	assert_int_equal(tally_form_clear_paths(second, &diff), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(get(second, want[i]), TALLY_EMPTY);
	assert_int_equal(second->proxy_certificates, 20);  /* the rest stays */
	assert_int_equal(second->lists[1].candidates[0], 412);

	/* the typist fills the cleared fields in again; now the entries agree */
	set(second, "lists[1].candidates[1]", 0);
	set(second, "votes.blank_votes", 5);
	set(second, "voters.poll_cards", 800);
	assert_true(tally_form_equal(first, second));
	tally_paths_free(&diff);
	tally_paths_free(&diff);
	tally_paths_free(NULL);

	/* different shapes cannot be compared */
	assert_int_equal(tally_form_diff(first, gr, &diff), -1);
	assert_int_equal(diff.n, 0);
	assert_null(diff.path);
	tally_form_free(gr);

	/* a path that names no field changes nothing */
	{
		static const char *const bad[] = {
			"lists[2].total", "lists[1].candidates[2]", "lists[01].total",
			"votes.list_totals[2]", "votes.list_totals[0", "lists[0].total ",
			"lists[-1].total", "lists[].total", "voters", "", "votes.poll_cards",
			"lists[0].candidates[99999999999999999999999]",
		};
		char paths[2][TALLY_PATH_MAX];
		struct tally_paths p = { .n = 2, .path = paths };

		before = tally_form_copy(first);
		snprintf(paths[0], sizeof(paths[0]), "votes.votes_cast");
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			snprintf(paths[1], sizeof(paths[1]), "%s", bad[i]);
			if (tally_form_clear_paths(first, &p) != -1) {
				print_error("accepted \"%s\"\n", bad[i]);
				fail();
			}
			assert_true(tally_form_equal(first, before));
		}
		/* voter_cards is no field of a GR form */
		gr = form_of(GR, &ok, 0);
		snprintf(paths[1], sizeof(paths[1]), "voters.voter_cards");
		assert_int_equal(tally_form_clear_paths(gr, &p), -1);
		assert_int_equal(gr->votes_cast, 837);
		/* every path of a form is one it clears */
		for (i = 0; i < tally_form_nfields(first); i++) {
			assert_int_equal(tally_form_field(first, i, paths[1], sizeof(paths[1]), NULL), 0);
			assert_int_equal(tally_form_clear_paths(first, &p), 0);
		}
		assert_true(tally_form_is_empty_all(first));
		tally_form_free(before);
		tally_form_free(gr);
	}
	tally_form_free(first);
	tally_form_free(second);
}

/*
 * An empty field anywhere (tally_form_has_empty): such a form can equal no definitive
 * one, so W.206 need not look for its twin. A table of the one field left empty ->
 * has_empty, next to is_empty_all.
 */
static void
test_form_has_empty(void **state)
{
	static const struct letters ok = { 800, 20, 0, 820, 810, 5, 5, 820, 0, 0 };
	static const char *const paths[] = {
		NULL, "voters.poll_cards", "voters.voter_cards", "votes.list_totals[1]",
		"votes.votes_cast", "differences.other_explanation", "lists[0].candidates[2]",
		"lists[1].total",
	};
	size_t i;
	int ps;

	(void)state;
	for (ps = 0; ps < 2; ps++)
		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			struct tally_form *f;

			if (!ps && paths[i] != NULL && strcmp(paths[i], "voters.voter_cards") == 0)
				continue;
			f = form_of(ps, &ok, 0);
			if (paths[i] != NULL)
				set(f, paths[i], TALLY_EMPTY);
			if (tally_form_has_empty(f) != (paths[i] != NULL))
				fail_msg("%s (%s): has_empty %d", paths[i] ? paths[i] : "none",
				    ps ? "PS" : "GR", tally_form_has_empty(f));
			assert_false(tally_form_is_empty_all(f));
			tally_form_free(f);
		}
	/* GR: voter_cards is absent, not empty */
	{
		struct tally_form *f = form_of(0, &ok, 0);

		assert_int_equal(f->voter_cards, TALLY_ABSENT);
		assert_false(tally_form_has_empty(f));
		tally_form_free(f);
		f = tally_form_new(two_lists, 2, 0);
		assert_true(tally_form_has_empty(f));
		assert_true(tally_form_is_empty_all(f));
		tally_form_fill_candidates(f);
		assert_true(tally_form_has_empty(f)); /* the totals stay empty */
		tally_form_free(f);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_table),
		cmocka_unit_test(test_the_example_form_is_right),
		cmocka_unit_test(test_empty_form_gives_only_f001),
		cmocka_unit_test(test_f001_lists_the_empty_fields),
		cmocka_unit_test(test_f201_with_and_without_voter_cards),
		cmocka_unit_test(test_fields_of_each_rule),
		cmocka_unit_test(test_w206_identical_to_another_station),
		cmocka_unit_test(test_validate_refuses_values_out_of_range),
		cmocka_unit_test(test_double_free_of_findings_is_harmless),
		cmocka_unit_test(test_form_new),
		cmocka_unit_test(test_form_field_paths_in_paper_order),
		cmocka_unit_test(test_form_walk_is_field_order),
		cmocka_unit_test(test_form_copy_and_equal),
		cmocka_unit_test(test_form_fits),
		cmocka_unit_test(test_form_add),
		cmocka_unit_test(test_form_diff_and_clear_paths),
		cmocka_unit_test(test_form_has_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
