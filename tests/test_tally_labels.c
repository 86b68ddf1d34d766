/*
 * The vocabulary the page gets from the server (tally/labels.h): the Dutch
 * status labels, the count form's fixed fields with their letters, JSON names
 * and labels (which must name exactly the fields of tally_form_field, in the
 * paper's order), and the coordinator's actions offered per status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tally/labels.h"

static void
test_status_labels(void **state)
{
	static const char *const want[TALLY_STATUS__MAX] = {
		[TALLY_STATUS_EMPTY] = "Niet begonnen",
		[TALLY_STATUS_FIRST_IN_PROGRESS] = "1e invoer bezig",
		[TALLY_STATUS_FIRST_DONE] = "1e invoer klaar",
		[TALLY_STATUS_FIRST_HAS_ERRORS] = "1e invoer met fouten",
		[TALLY_STATUS_SECOND_IN_PROGRESS] = "2e invoer bezig",
		[TALLY_STATUS_DIFFERENT] = "Verschil",
		[TALLY_STATUS_DEFINITIVE] = "Definitief",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < TALLY_STATUS__MAX; i++) {
		assert_non_null(want[i]);
		assert_string_equal(tally_status_label((enum tally_status)i), want[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(tally_status_label((enum tally_status)i),
			    tally_status_label((enum tally_status)j));
	}
	assert_null(tally_status_label(TALLY_STATUS__MAX));
	assert_null(tally_status_label((enum tally_status)-1));
}

/* The groups as the paper has them: every letter, JSON name and label. */
static void
test_group_labels(void **state)
{
	static const struct {
		enum tally_group g;
		const char *name, *title, *fields;   /* "letter name label|..." */
	} want[] = {
		{ TALLY_GROUP_VOTERS, "voters", "Toegelaten kiezers",
		  "A poll_cards Stempassen|B proxy_certificates Volmachtbewijzen|"
		  "C voter_cards Kiezerspassen|D admitted_voters Totaal toegelaten kiezers|" },
		{ TALLY_GROUP_VOTES, "votes", "Uitgebrachte stemmen",
		  "E valid_votes Stemmen op kandidaten|F blank_votes Blanco|G invalid_votes Ongeldig|"
		  "H votes_cast Totaal uitgebrachte stemmen|" },
		{ TALLY_GROUP_DIFFERENCES, "differences", "Verschillen",
		  "I more_ballots_counted Meer getelde stembiljetten|"
		  "J fewer_ballots_counted Minder getelde stembiljetten|K taken_home Meegenomen|"
		  "L too_few_issued Te weinig uitgereikt|M too_many_issued Te veel uitgereikt|"
		  "N no_explanation Geen verklaring|O other_explanation Andere verklaring|" },
	};
	char got[1024];
	size_t i, j, n;

	(void)state;
	assert_int_equal(sizeof want / sizeof want[0], TALLY_GROUP__MAX);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct tally_group_label *g = tally_group_label(want[i].g);

		assert_non_null(g);
		assert_string_equal(g->name, want[i].name);
		assert_string_equal(g->title, want[i].title);
		n = 0;
		got[0] = '\0';
		for (j = 0; j < g->nfields; j++)
			n += (size_t)snprintf(got + n, sizeof got - n, "%s %s %s|", g->fields[j].letter,
			    g->fields[j].name, g->fields[j].label);
		assert_true(n < sizeof got);
		assert_string_equal(got, want[i].fields);
	}
	assert_null(tally_group_label(TALLY_GROUP__MAX));
}

/*
 * group.name "." field.name is the path of a field of the form, in paper order:
 * the groups are the form's fields but the list totals and the lists.
 */
static void
test_groups_name_the_form_fields(void **state)
{
	struct tally_form *f = tally_form_new(NULL, 0, 1);
	char path[TALLY_PATH_MAX], want[TALLY_PATH_MAX];
	size_t g, j, i = 0;

	(void)state;
	assert_non_null(f);
	assert_int_equal(tally_form_nfields(f), 4 + 4 + 7);
	for (g = 0; g < TALLY_GROUP__MAX; g++) {
		const struct tally_group_label *gl = tally_group_label((enum tally_group)g);

		for (j = 0; j < gl->nfields; j++, i++) {
			assert_int_equal(tally_form_field(f, i, path, sizeof path, NULL), 0);
			snprintf(want, sizeof want, "%s.%s", gl->name, gl->fields[j].name);
			assert_string_equal(path, want);
		}
	}
	assert_int_equal(i, tally_form_nfields(f));
	tally_form_free(f);
}

/* The coordinator's actions per status, as the station page offers them. */
static void
test_coordinator_offered(void **state)
{
	static const enum tally_event_kind coord[] = {
		TALLY_EV_RETURN_FIRST, TALLY_EV_DISCARD_FIRST, TALLY_EV_RESOLVE_KEEP_FIRST,
		TALLY_EV_RESOLVE_KEEP_SECOND, TALLY_EV_RESOLVE_DISCARD_BOTH,
		TALLY_EV_RESOLVE_KEEP_FIRST_CORRECT_SECOND, TALLY_EV_RESOLVE_KEEP_SECOND_CORRECT_FIRST,
		TALLY_EV_RESET,
	};
	/* per status, one bit per event of coord[] */
	static const unsigned want[TALLY_STATUS__MAX] = {
		[TALLY_STATUS_EMPTY] = 0,                      /* a reset would change nothing */
		[TALLY_STATUS_FIRST_IN_PROGRESS] = 1u << 7,
		[TALLY_STATUS_FIRST_DONE] = 1u << 7,
		[TALLY_STATUS_FIRST_HAS_ERRORS] = 1u << 0 | 1u << 1 | 1u << 7,
		[TALLY_STATUS_SECOND_IN_PROGRESS] = 1u << 7,
		[TALLY_STATUS_DIFFERENT] = 0x7cu | 1u << 7,    /* the five resolve_*, reset */
		[TALLY_STATUS_DEFINITIVE] = 1u << 7,
	};
	size_t s, k;
	unsigned got;

	(void)state;
	for (s = 0; s < TALLY_STATUS__MAX; s++) {
		got = 0;
		for (k = 0; k < sizeof coord / sizeof coord[0]; k++)
			if (tally_offered((enum tally_status)s, TALLY_ROLE_COORDINATOR, coord[k]))
				got |= 1u << k;
		if (got != want[s])
			fail_msg("%s: offered %#x, want %#x", tally_status_name((enum tally_status)s),
			    got, want[s]);
	}
}

/* The other roles are offered none of the coordinator's events; typists only their own. */
static void
test_other_roles_offered(void **state)
{
	size_t s, k;

	(void)state;
	for (s = 0; s < TALLY_STATUS__MAX; s++)
		for (k = 0; k < TALLY_EV__MAX; k++) {
			assert_false(tally_offered((enum tally_status)s, TALLY_ROLE_ADMINISTRATOR,
			    (enum tally_event_kind)k));
			if (k >= TALLY_EV_RETURN_FIRST)
				assert_false(tally_offered((enum tally_status)s, TALLY_ROLE_TYPIST,
				    (enum tally_event_kind)k));
		}
	/* someone who holds no entry may claim entry 1 of an empty station, entry 2 of a done one */
	assert_true(tally_offered(TALLY_STATUS_EMPTY, TALLY_ROLE_TYPIST, TALLY_EV_CLAIM_1));
	assert_true(tally_offered(TALLY_STATUS_FIRST_DONE, TALLY_ROLE_TYPIST, TALLY_EV_CLAIM_2));
	assert_false(tally_offered(TALLY_STATUS_FIRST_IN_PROGRESS, TALLY_ROLE_TYPIST,
	    TALLY_EV_SAVE_1));
}

static void
test_bad_values_offer_nothing(void **state)
{
	(void)state;
	assert_false(tally_offered(TALLY_STATUS__MAX, TALLY_ROLE_COORDINATOR, TALLY_EV_RESET));
	assert_false(tally_offered(TALLY_STATUS_DIFFERENT, TALLY_ROLE__MAX, TALLY_EV_RESET));
	assert_false(tally_offered(TALLY_STATUS_DIFFERENT, TALLY_ROLE_COORDINATOR, TALLY_EV__MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_labels),
		cmocka_unit_test(test_group_labels),
		cmocka_unit_test(test_groups_name_the_form_fields),
		cmocka_unit_test(test_coordinator_offered),
		cmocka_unit_test(test_other_roles_offered),
		cmocka_unit_test(test_bad_values_offer_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
