/*
 * OSV's "osv4-3" CSV (export/csv.c): for both real elections the 510b read
 * back and combined with its 230b gives the Kiesraad's CSV byte for byte
 * (TK2025 but for the one figure struct eml_510b cannot carry), and the
 * layout's rules hold on a small count made by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/testutil.h"

#include "export/docs.h"
#include "export/eml510.h"

#define REAL "tests/data/eml/real/"


static void assert_same_bytes(const char *ours, size_t olen, const char *want, size_t wlen)
{
	size_t i;

	for (i = 0; i < olen && i < wlen && ours[i] == want[i]; i++)
		;
	if (i < olen || i < wlen)
		fail_msg("bytes differ at %zu (ours %zu bytes, wanted %zu): ours '%.60s' wanted '%.60s'",
		         i, olen, wlen, ours + (i > 20 ? i - 20 : 0), want + (i > 20 ? i - 20 : 0));
}

/*
 * Reads the 510b and the 230b, checks that the 230b's lists are the
 * count's (numbers, names, number of candidates), and writes the CSV from
 * the 510b's view with the 230b's lists, which name the candidates.
 * The caller frees *csv.
 */
static void csv_of(const char *path510, const char *path230, char **csv, size_t *len)
{
	struct tally_problems p = {0};
	struct eml_510b_doc *d;
	struct eml_doc *c;
	struct eml_510b view;
	size_t blen, i;
	char *b, why[1024];

	b = slurp(path510, &blen);
	if (eml_read_510b(b, blen, &d, &p) != 0)
		fail_msg("510b refused: %s", tally_problems_join(&p, why, sizeof why));
	free(b);
	b = slurp(path230, &blen);
	if (eml_read(b, blen, &c, &p) != 0)
		fail_msg("230b refused: %s", tally_problems_join(&p, why, sizeof why));
	free(b);
	assert_int_equal(c->kind, EML_230B);
	assert_string_equal(c->election.id, d->election.id);
	assert_string_equal(c->contest_id, d->contest_id);
	assert_int_equal(c->nlists, d->nlists);
	for (i = 0; i < d->nlists; i++) {
		assert_int_equal(c->lists[i].number, d->lists[i].number);
		assert_string_equal(c->lists[i].name, d->lists[i].name);
		assert_int_equal(c->lists[i].ncandidates, d->lists[i].ncandidates);
	}
	eml_510b_doc_view(d, &view);
	view.lists = c->lists;
	assert_int_equal(csv_write_osv(&view, csv, len), 0);
	eml_doc_free(c);
	eml_510b_doc_free(d);
}

static void gr2022_csv_identical(void **state)
{
	size_t len, olen;
	char *want = slurp(REAL "osv4-3_telling_gr2022_westmaasenwaal.csv", &len), *ours;

	(void)state;
	csv_of(REAL "Telling_GR2022_WestMaasenWaal.eml.xml",
	       REAL "Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml", &ours, &olen);
	assert_same_bytes(ours, olen, want, len);
	free(ours);
	free(want);
}

/*
 * TK2025: OSV's "opgeroepenen" in the Totaal column is the 510b's total
 * Cast, the municipality's electorate (16290), while every station's Cast
 * is 0: it comes from the view's electorate, as in the 510b.
 */
static void tk2025_csv_is_identical(void **state)
{
	size_t len, olen;
	char *real = slurp(REAL "osv4-3_telling_tk2025_gemeente_westmaasenwaal.csv", &len);
	char *ours;

	(void)state;
	csv_of(REAL "Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml",
	       REAL "Kandidatenlijsten_TK2025_Nijmegen.eml.xml", &ours, &olen);
	assert_same_bytes(ours, olen, real, len);
	free(ours);
	free(real);
}

/* A small count by hand: every rule of the layout on a few lines. */
static struct tally_form *form(long poll, long proxy, long valid, long blank, long invalid,
                               const long l1[3], const long l2[2])
{
	const size_t nc[2] = {2, 1};
	struct tally_form *f = tally_form_alloc(2, nc, 0);

	assert_non_null(f);
	tally_form_zero(f);
	f->lists[0].number = 1;
	f->lists[1].number = 2;
	f->poll_cards = poll;
	f->proxy_certificates = proxy;
	f->admitted_voters = poll + proxy;
	f->valid_votes = valid;
	f->blank_votes = blank;
	f->invalid_votes = invalid;
	f->votes_cast = valid + blank + invalid;
	f->list_totals[0] = f->lists[0].total = l1[0];
	f->lists[0].candidates[0] = l1[1];
	f->lists[0].candidates[1] = l1[2];
	f->list_totals[1] = f->lists[1].total = l2[0];
	f->lists[1].candidates[0] = l2[1];
	return f;
}

static void csv_rules(void **state)
{
	static const char want[] =
		"\xEF\xBB\xBF\"Verkiezing\";;\"Eilandsraad Saba 2027\"\n"
		"\"Datum\";;\"2027-03-17\"\n"
		"\"Gebied\";;\"Openbaar lichaam Saba\"\n"
		"\"Nummer\";;\"1954\"\n"
		"\n"
		"\"Lijstnummer\";\"Aanduiding\";\"Volgnummer\";\"Naam kandidaat\";\"Totaal\";"
		"\"Windwardside\";\"Zeebrief\"\n"
		"\"Gebiednummer\";;;;;\"1\";\"3\"\n"
		"\"Postcode\";;;;;\"2345 XY\";\n"
		";\"opgeroepenen\";;;\"130\";\"80\";\"0\"\n"
		";\"geldige stempas\";;;\"14\";\"10\";\"4\"\n"
		";\"geldig volmachtbewijs\";;;\"1\";\"1\";\"0\"\n"
		";\"geldige kiezerspas\";;;\"0\";\"0\";\"0\"\n"
		";\"toegelaten kiezers\";;;\"15\";\"11\";\"4\"\n"
		";\"geldige stembiljetten\";;;\"13\";\"9\";\"4\"\n"
		";\"blanco stembiljetten\";;;\"1\";\"1\";\"0\"\n"
		";\"ongeldige stembiljetten\";;;\"1\";\"1\";\"0\"\n"
		";\"aangetroffen stembiljetten\";;;\"15\";\"11\";\"4\"\n"
		";\"meer stembiljetten dan toegelaten kiezers\";;;\"0\";\"0\";\"0\"\n"
		";\"minder stembiljetten dan toegelaten kiezers\";;;\"0\";\"0\";\"0\"\n"
		";\"kiezers met stembiljet hebben niet gestemd\";;;\"0\";\"0\";\"0\"\n"
		";\"er zijn te weinig stembiljetten uitgereikt\";;;\"0\";\"0\";\"0\"\n"
		";\"er zijn te veel stembiljetten uitgereikt\";;;\"0\";\"0\";\"0\"\n"
		";\"geen verklaring\";;;\"0\";\"0\";\"0\"\n"
		";\"andere verklaring\";;;\"0\";\"0\";\"0\"\n"
		"\"1\";\"Lijst \"\"Samen\"\"\";;;\"10\";\"6\";\"4\"\n"
		";;\"1\";\"van Dam, A.B.\";\"8\";\"4\";\"4\"\n"
		";;\"2\";\"Zonder\";\"2\";\"2\";\"0\"\n"
		"\"2\";;;;\"3\";\"3\";\"0\"\n"
		";;\"1\";\"Leeg, X.\";\"3\";\"3\";\"0\"";
	struct tally_election e = {0};
	struct tally_candidate c1[2] = {
		{.position = 1, .initials = "A.B.", .prefix = "van", .last_name = "Dam"},
		{.position = 2, .last_name = "Zonder"},
	};
	struct tally_candidate c2[1] = {{.position = 1, .initials = "X.", .last_name = "Leeg"}};
	struct tally_list lists[2] = {
		{.number = 1, .name = "Lijst \"Samen\"", .ncandidates = 2, .candidates = c1},
		{.number = 2, .name = "", .ncandidates = 1, .candidates = c2},
	};
	struct tally_station st[3] = {
		{.number = 1, .name = "Windwardside", .postcode = "2345 XY", .electorate = 80},
		{.number = 2, .name = "The Bottom", .postcode = "2345 AB", .electorate = 50},
		{.number = 3, .name = "Briefstembureau Zeebrief", .electorate = -1},
	};
	static const long a1[3] = {6, 4, 2}, a2[2] = {3, 3}, b1[3] = {4, 4, 0}, b2[2] = {0, 0};
	static const long t1[3] = {10, 8, 2}, t2[2] = {3, 3};
	struct tally_form *fa = form(10, 1, 9, 1, 1, a1, a2), *fb = form(4, 0, 4, 0, 0, b1, b2);
	struct tally_form *total = form(14, 1, 13, 1, 1, t1, t2);
	/* station 2 is not definitive yet: no column, but its electorate counts */
	const struct tally_form *forms[3] = {fa, NULL, fb};
	struct eml_510b in = {0};
	char *csv;
	size_t len;

	(void)state;
	snprintf(e.name, sizeof e.name, "Eilandsraad Saba 2027");
	snprintf(e.date, sizeof e.date, "2027-03-17");
	e.category = TALLY_CAT_GR;
	in.election = &e;
	in.authority_id = "1954";
	in.authority_name = "Saba";
	in.contest_id = "geen";
	in.contest_name = "";
	in.creation_time = "2027-03-18T01:00:00.000";
	in.lists = lists;
	in.nlists = 2;
	in.total = total;
	in.stations = st;
	in.forms = forms;
	in.nstations = 3;
	assert_int_equal(csv_write_osv(&in, &csv, &len), 0);
	assert_same_bytes(csv, len, want, sizeof want - 1);
	free(csv);

	/* A code that is not a number: eml2csv keeps the unit's whole Id. */
	in.authority_id = "HSB1";
	in.authority_name = "Testdorp";
	assert_int_equal(csv_write_osv(&in, &csv, &len), 0);
	assert_non_null(strstr(csv, "\"Gebied\";;\"Gemeente Testdorp\"\n"));
	assert_non_null(strstr(csv, "\"Gebiednummer\";;;;;\"HSB1::SB1\";\"HSB1::SB3\"\n"));
	free(csv);
	tally_form_free(fa);
	tally_form_free(fb);
	tally_form_free(total);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gr2022_csv_identical),
		cmocka_unit_test(tk2025_csv_is_identical),
		cmocka_unit_test(csv_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
