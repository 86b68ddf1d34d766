/*
 * The election model's small rules (tally/election.c), as tables: how a
 * candidate is named on the forms and pages and in OSV's CSV, and which
 * subcategories belong to a category.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tally/election.h"

static struct tally_candidate candidate(const char *initials, const char *first,
                                        const char *prefix, const char *last)
{
	struct tally_candidate c;

	memset(&c, 0, sizeof c);
	c.position = 1;
	snprintf(c.initials, sizeof c.initials, "%s", initials);
	snprintf(c.first_name, sizeof c.first_name, "%s", first);
	snprintf(c.prefix, sizeof c.prefix, "%s", prefix);
	snprintf(c.last_name, sizeof c.last_name, "%s", last);
	return c;
}

static void candidate_names(void **state)
{
	static const struct {
		const char *initials, *first, *prefix, *last;
		const char *forms, *osv;
	} cases[] = {
		/* as the 230b gives them (tests/data/eml/real, osv4-3 CSV) */
		{"R.A.N.", "Rob", "", "Reuvers", "Reuvers, R.A.N.", "Reuvers, R.A.N."},
		{"C.G.H.M.", "Cees", "van", "Dreumel", "Dreumel, C.G.H.M. van", "van Dreumel, C.G.H.M."},
		{"H.", "", "van der", "Vaart", "Vaart, H. van der", "van der Vaart, H."},
		{"T.S.M.", "Sebastiaan", "", "Stöteler", "Stöteler, T.S.M.", "Stöteler, T.S.M."},
		{"A.J.M.M.", "Anita", "", "Bull- de Heus", "Bull- de Heus, A.J.M.M.",
		 "Bull- de Heus, A.J.M.M."},
		{"Ö.", "Özgür", "", "Çelik", "Çelik, Ö.", "Çelik, Ö."},
		/* only a last name: no dangling ", " */
		{"", "", "", "Jansen", "Jansen", "Jansen"},
		{"", "Willem", "", "Jansen", "Jansen", "Jansen"},
		{"", "", "van der", "Vaart", "Vaart, van der", "van der Vaart"},
		/* a list without last names (a hand-made one): the first name stands for it */
		{"W.", "Willem", "", "", "Willem, W.", "Willem, W."},
		{"", "", "", "", "", ""},
	};
	char out[TALLY_CANDIDATE_NAME_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tally_candidate c = candidate(cases[i].initials, cases[i].first, cases[i].prefix,
		                                     cases[i].last);

		assert_int_equal(tally_candidate_name(&c, TALLY_NAME_FORMS, out, sizeof out),
		                 strlen(cases[i].forms));
		assert_string_equal(out, cases[i].forms);
		assert_int_equal(tally_candidate_name(&c, TALLY_NAME_OSV, out, sizeof out),
		                 strlen(cases[i].osv));
		assert_string_equal(out, cases[i].osv);
	}
}

/* A name that does not fit is cut before a whole character, never inside one. */
static void candidate_name_cut(void **state)
{
	static const struct {
		size_t size;
		const char *want;
	} cases[] = {
		{1, ""}, {2, ""}, {3, "Ç"}, {4, "Çe"}, {8, "Çelik,"}, {9, "Çelik, "},
		{10, "Çelik, "}, {11, "Çelik, Ö"}, {12, "Çelik, Ö."},
	};
	struct tally_candidate c = candidate("Ö.", "", "", "Çelik");
	char out[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(out, 'x', sizeof out);
		assert_int_equal(tally_candidate_name(&c, TALLY_NAME_FORMS, out, cases[i].size), 11);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("size %zu: '%s', want '%s'", cases[i].size, out, cases[i].want);
	}
	assert_int_equal(tally_candidate_name(&c, TALLY_NAME_OSV, NULL, 0), 11);
}

static void subcategory_of_category(void **state)
{
	static const struct {
		enum tally_category c;
		const char *sub;
		int fits;
	} cases[] = {
		{TALLY_CAT_GR, "GR1", 1}, {TALLY_CAT_GR, "GR2", 1}, {TALLY_CAT_PS, "PS2", 1},
		{TALLY_CAT_AB, "AB1", 1}, {TALLY_CAT_TK, "TK", 1}, {TALLY_CAT_EP, "EP", 1},
		{TALLY_CAT_GR, "PS1", 0}, {TALLY_CAT_TK, "EP", 0}, {TALLY_CAT_GR, "G", 0},
		{TALLY_CAT_GR, "", 0}, {TALLY_CAT_GR, NULL, 0}, {TALLY_CAT__MAX, "GR1", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (tally_subcategory_fits(cases[i].c, cases[i].sub) != cases[i].fits)
			fail_msg("case %zu: %s", i, cases[i].sub ? cases[i].sub : "NULL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(candidate_names),
		cmocka_unit_test(candidate_name_cut),
		cmocka_unit_test(subcategory_of_category),
	};

	return cmocka_run_group_tests_name("tally_election", tests, NULL, NULL);
}
