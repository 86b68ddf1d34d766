/*
 * The rules of the election for its files (tally/import.c), as tables: the
 * order of the imports and when data entry closes them, whether a file
 * belongs to the election and municipality, municipality codes compared as
 * numbers, the electoral district of a municipality, and which files come
 * with a published hash code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tally/election.h"

#define BIT(m) (1u << TALLY_MISFIT_##m)

static void import_order(void **state)
{
	static const struct {
		enum tally_file f;
		int have_election, entry_begun;
		enum tally_import want;
	} cases[] = {
		{TALLY_FILE_DEFINITION, 0, 0, TALLY_IMPORT_OK},
		{TALLY_FILE_DEFINITION, 1, 0, TALLY_IMPORT_HAS_ELECTION},
		{TALLY_FILE_DEFINITION, 1, 1, TALLY_IMPORT_HAS_ELECTION},
		{TALLY_FILE_STATIONS, 0, 0, TALLY_IMPORT_NO_ELECTION},
		{TALLY_FILE_LISTS, 0, 0, TALLY_IMPORT_NO_ELECTION},
		{TALLY_FILE_STATIONS, 1, 0, TALLY_IMPORT_OK},
		{TALLY_FILE_LISTS, 1, 0, TALLY_IMPORT_OK},
		{TALLY_FILE_STATIONS, 1, 1, TALLY_IMPORT_ENTRY_BEGUN},
		{TALLY_FILE_LISTS, 1, 1, TALLY_IMPORT_ENTRY_BEGUN},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (tally_import_allowed(cases[i].f, cases[i].have_election, cases[i].entry_begun) !=
		    cases[i].want)
			fail_msg("case %zu: file %d, election %d, begun %d", i, (int)cases[i].f,
			         cases[i].have_election, cases[i].entry_begun);
}

static void hash_published(void **state)
{
	(void)state;
	assert_true(tally_file_hash_published(TALLY_FILE_DEFINITION));
	assert_false(tally_file_hash_published(TALLY_FILE_STATIONS));
	assert_true(tally_file_hash_published(TALLY_FILE_LISTS));
}

static void same_code(void **state)
{
	static const struct {
		const char *a, *b;
		int same;
	} cases[] = {
		{"0668", "0668", 1}, {"0668", "668", 1}, {"668", "0668", 1}, {"0", "0000", 1},
		{"0668", "0669", 0}, {"0668", "6680", 0}, {"geen", "geen", 1}, {"geen", "0", 0},
		{"", "", 1}, {"", "0", 0}, {"0668a", "668a", 0}, {NULL, "0668", 0}, {"0668", NULL, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (tally_same_code(cases[i].a, cases[i].b) != cases[i].same)
			fail_msg("'%s' and '%s' should %sbe the same", cases[i].a ? cases[i].a : "NULL",
			         cases[i].b ? cases[i].b : "NULL", cases[i].same ? "" : "not ");
}

/* A PS election's tree: Gelderland, district 6 (Nijmegen) holds 0668, district 7 holds 0202. */
static const struct tally_region tree[] = {
	{25, "PROVINCIE", -1, ""},
	{6, "KIESKRING", 25, "PROVINCIE"},
	{7, "KIESKRING", 25, "PROVINCIE"},
	{668, "GEMEENTE", 6, "KIESKRING"},
	{202, "GEMEENTE", 7, "KIESKRING"},
	{999, "GEMEENTE", -1, ""},
};
#define NTREE (sizeof tree / sizeof tree[0])

static void district_of_municipality(void **state)
{
	(void)state;
	assert_int_equal(tally_municipality_district(tree, NTREE, "0668"), 6);
	assert_int_equal(tally_municipality_district(tree, NTREE, "202"), 7);
	assert_int_equal(tally_municipality_district(tree, NTREE, "0999"), -1);
	assert_int_equal(tally_municipality_district(tree, NTREE, "0001"), -1);
	assert_int_equal(tally_municipality_district(NULL, 0, "0668"), -1);
}

static const struct tally_election gr = {
	"GR2022_WestMaasenWaal", "Gemeenteraad West Maas en Waal 2022", TALLY_CAT_GR, "GR2",
	"0668", "West Maas en Waal", "2022-03-16", "2022-01-31", 19, 25,
};
static const struct tally_election ps = {
	"PS2023_Gelderland", "Provinciale Staten Gelderland 2023", TALLY_CAT_PS, "PS2",
	"25", "Gelderland", "2023-03-15", "2023-01-30", 55, 25,
};

/* gr or ps with one field changed: which (0 none, 1 id, 2 category, ...) and to what. */
static struct tally_election changed(const struct tally_election *e, int field, const char *v)
{
	struct tally_election c = *e;

	switch (field) {
	case 1: snprintf(c.id, sizeof c.id, "%s", v); break;
	case 2: c.category = TALLY_CAT_TK; break;
	case 3: snprintf(c.subcategory, sizeof c.subcategory, "%s", v); break;
	case 4: snprintf(c.date, sizeof c.date, "%s", v); break;
	case 5: snprintf(c.domain_id, sizeof c.domain_id, "%s", v); break;
	case 6: c.domain_id[0] = c.domain_name[0] = '\0'; break;
	default: break;
	}
	return c;
}

static void files_that_belong_or_not(void **state)
{
	static const struct {
		const char *name;
		enum tally_file kind;
		int ps;                   /* the election is ps, else gr */
		int field;                /* the file's election: changed() */
		const char *value;
		const char *authority, *contest, *muni;
		int stored;               /* a 110a is stored */
		unsigned want;
	} cases[] = {
		/* a 110a: only the municipality is compared (nothing is stored yet) */
		{"110a GR of this municipality", TALLY_FILE_DEFINITION, 0, 0, NULL, NULL, NULL, "0668", 0, 0},
		{"110a GR, code without zero", TALLY_FILE_DEFINITION, 0, 0, NULL, NULL, NULL, "668", 0, 0},
		{"110a GR, no municipality yet", TALLY_FILE_DEFINITION, 0, 0, NULL, NULL, NULL, "", 0, 0},
		{"110a GR of another", TALLY_FILE_DEFINITION, 0, 0, NULL, NULL, NULL, "0037", 0,
		 BIT(MUNICIPALITY)},
		{"110a GR without domain", TALLY_FILE_DEFINITION, 0, 6, NULL, NULL, NULL, "0037", 0, 0},
		{"110a PS, in the tree", TALLY_FILE_DEFINITION, 1, 0, NULL, NULL, NULL, "0668", 0, 0},
		{"110a PS, not in the tree", TALLY_FILE_DEFINITION, 1, 0, NULL, NULL, NULL, "0037", 0,
		 BIT(NOT_IN_TREE)},
		/* a 110b: the election, then the municipality of its authority */
		{"110b of this election", TALLY_FILE_STATIONS, 0, 0, NULL, "0668", NULL, "0668", 1, 0},
		{"110b, authority 668", TALLY_FILE_STATIONS, 0, 0, NULL, "668", NULL, "0668", 1, 0},
		{"110b of another municipality", TALLY_FILE_STATIONS, 0, 0, NULL, "0037", NULL, "0668",
		 1, BIT(MUNICIPALITY)},
		{"110b, municipality unknown", TALLY_FILE_STATIONS, 0, 0, NULL, "0037", NULL, "", 1, 0},
		{"110b of another election", TALLY_FILE_STATIONS, 0, 1, "GR2022_Juinen", "0037", NULL,
		 "0668", 1, BIT(ELECTION)},
		{"110b of another category", TALLY_FILE_STATIONS, 0, 2, NULL, "0668", NULL, "0668", 1,
		 BIT(CATEGORY)},
		{"110b, other subcategory", TALLY_FILE_STATIONS, 0, 3, "GR1", "0668", NULL, "0668", 1,
		 BIT(SUBCATEGORY)},
		{"110b, no subcategory", TALLY_FILE_STATIONS, 0, 3, "", "0668", NULL, "0668", 1, 0},
		{"110b, other date and place", TALLY_FILE_STATIONS, 0, 4, "2022-03-17", "0037", NULL,
		 "0668", 1, BIT(DATE) | BIT(MUNICIPALITY)},
		{"110b, other domain (not compared)", TALLY_FILE_STATIONS, 0, 5, "0037", "0668", NULL,
		 "0668", 1, 0},
		/* a 230b: the election with its domain, then the district */
		{"230b of this election", TALLY_FILE_LISTS, 0, 0, NULL, NULL, "geen", "0668", 1, 0},
		{"230b, other domain", TALLY_FILE_LISTS, 0, 5, "0037", NULL, "geen", "0668", 1,
		 BIT(DOMAIN)},
		{"230b, no domain", TALLY_FILE_LISTS, 0, 6, NULL, NULL, "geen", "0668", 1,
		 BIT(DOMAIN_MISSING)},
		{"230b PS, its district", TALLY_FILE_LISTS, 1, 0, NULL, NULL, "6", "0668", 1, 0},
		{"230b PS, district 06", TALLY_FILE_LISTS, 1, 0, NULL, NULL, "06", "0668", 1, 0},
		{"230b PS, another district", TALLY_FILE_LISTS, 1, 0, NULL, NULL, "7", "0668", 1,
		 BIT(DISTRICT)},
		{"230b PS, municipality outside any district", TALLY_FILE_LISTS, 1, 0, NULL, NULL, "7",
		 "0999", 1, 0},
		{"230b PS, municipality unknown", TALLY_FILE_LISTS, 1, 0, NULL, NULL, "7", NULL, 1, 0},
		{"230b of another election: nothing else", TALLY_FILE_LISTS, 1, 1, "PS2023_Limburg", NULL,
		 "7", "0668", 1, BIT(ELECTION)},
		/* before the 110a: nothing to compare with (tally_import_allowed refuses) */
		{"110b before the 110a", TALLY_FILE_STATIONS, 0, 1, "X", "0037", NULL, "0668", 0, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct tally_election *e = cases[i].ps ? &ps : &gr;
		struct tally_election fe = changed(e, cases[i].field, cases[i].value);
		struct tally_file_ids f = {cases[i].kind, &fe, cases[i].authority, cases[i].contest,
		                           tree, NTREE};
		struct tally_home h = {cases[i].stored ? e : NULL, cases[i].muni, tree, NTREE};
		struct tally_fit fit;
		unsigned got = tally_file_fits(&f, &h, &fit);

		if (got != cases[i].want || fit.misfits != got)
			fail_msg("%s: misfits %#x, want %#x", cases[i].name, got, cases[i].want);
		if (got & BIT(DISTRICT)) {
			assert_int_equal(fit.file_district, 7);
			assert_int_equal(fit.district, 6);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_order),
		cmocka_unit_test(hash_published),
		cmocka_unit_test(same_code),
		cmocka_unit_test(district_of_municipality),
		cmocka_unit_test(files_that_belong_or_not),
	};

	return cmocka_run_group_tests_name("tally_import", tests, NULL, NULL);
}
