/*
 * The 510b writer for every kind of election a municipality counts: GR
 * (no voter cards), PS, AB, TK and EP (with voter cards). Each file must
 * validate against the EML_NL schemas (xmllint, tests/data/xsd), be in
 * Canonical XML form already (xmllint --c14n F | cmp - F), and carry OSV's name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "export/eml.h"

static char dir[64];

struct kind {
	const char *id, *name, *sub, *domain_id, *domain_name, *contest, *contest_name, *file;
	enum tally_category cat;
	int seats;
};

static const struct kind kinds[] = {
	{"GR2026_Juinen", "Gemeenteraad Juinen 2026", "GR2", "0042", "Juinen", "geen", "",
	 "Telling_GR2026_Juinen.eml.xml", TALLY_CAT_GR, 45},
	{"PS2027_Drenthe", "Provinciale Staten Drenthe 2027", "PS1", "", "Drenthe", "1", "Drenthe",
	 "Telling_PS2027_Drenthe_gemeente_Assen.eml.xml", TALLY_CAT_PS, 41},
	{"AB2027_Limburg", "Algemeen bestuur Waterschap Limburg 2027", "AB2", "25", "Limburg", "1",
	 "Limburg", "Telling_AB2027_Limburg_gemeente_Assen.eml.xml", TALLY_CAT_AB, 26},
	{"TK2025", "Tweede Kamer der Staten-Generaal 2025", "TK", "", "", "6", "Nijmegen",
	 "Telling_TK2025_gemeente_Assen.eml.xml", TALLY_CAT_TK, 150},
	{"EP2029", "Europees Parlement 2029", "EP", "", "", "geen", "",
	 "Telling_EP2029_gemeente_Assen.eml.xml", TALLY_CAT_EP, 31},
};

static void fill(struct tally_form *f, long base, int voter_cards)
{
	size_t i, j;
	long valid = 0;

	f->poll_cards = base;
	f->proxy_certificates = 10;
	f->voter_cards = voter_cards ? 5 : TALLY_ABSENT;
	f->admitted_voters = base + 10 + (voter_cards ? 5 : 0);
	for (i = 0; i < f->nlists; i++) {
		f->lists[i].total = 0;
		for (j = 0; j < f->lists[i].ncandidates; j++) {
			f->lists[i].candidates[j] = (long)(j + i + 1);
			f->lists[i].total += f->lists[i].candidates[j];
		}
		f->list_totals[i] = f->lists[i].total;
		valid += f->lists[i].total;
	}
	f->valid_votes = valid;
	f->blank_votes = 1;
	f->invalid_votes = 2;
	f->votes_cast = valid + 3;
	f->more_ballots_counted = 0;
	f->fewer_ballots_counted = f->admitted_voters - f->votes_cast;
	f->taken_home = f->fewer_ballots_counted;
	f->too_few_issued = f->too_many_issued = f->no_explanation = f->other_explanation = 0;
}

static int sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd);
}

static void every_kind_validates_and_is_canonical(void **state)
{
	struct tally_candidate c[3] = {
		{1, "A.", "Anna", "", "Jansen", "female", "Assen"},
		{2, "B.", "Bas", "van der", "Berg", "male", "Assen"},
		{3, "C.", "Cor", "", "O'Brien & Zn <test>", "male", "Assen"},
	};
	struct tally_list lists[2] = {{1, "Partij A", 3, c}, {2, "Lijst & \"Co\"", 2, c}};
	struct tally_station st[2] = {{1, "Stadhuis", "9401 AA", 1200}, {2, "Bibliotheek", "", 900}};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		const struct kind *kd = &kinds[k];
		int vc = tally_category_has_voter_cards(kd->cat);
		struct tally_election e;
		struct tally_form *f1 = tally_form_new(lists, 2, vc), *f2 = tally_form_new(lists, 2, vc);
		struct tally_form *sum = tally_form_new(lists, 2, vc);
		const struct tally_form *forms[2] = {f1, f2};
		struct eml_510b in;
		char *bytes, path[400], name[256];
		size_t len;
		FILE *out;

		memset(&e, 0, sizeof e);
		snprintf(e.id, sizeof e.id, "%s", kd->id);
		snprintf(e.name, sizeof e.name, "%s", kd->name);
		snprintf(e.subcategory, sizeof e.subcategory, "%s", kd->sub);
		snprintf(e.domain_id, sizeof e.domain_id, "%s", kd->domain_id);
		snprintf(e.domain_name, sizeof e.domain_name, "%s", kd->domain_name);
		snprintf(e.date, sizeof e.date, "2027-03-17");
		e.category = kd->cat;
		e.seats = kd->seats;
		fill(f1, 800, vc);
		fill(f2, 600, vc);
		tally_form_zero(sum);
		assert_int_equal(tally_form_add(sum, f1), 0);
		assert_int_equal(tally_form_add(sum, f2), 0);
		memset(&in, 0, sizeof in);
		in.election = &e;
		in.authority_id = "0106";
		in.authority_name = "Assen";
		in.contest_id = kd->contest;
		in.contest_name = kd->contest_name;
		in.creation_time = "2027-03-18T01:02:03.456";
		in.lists = lists;
		in.nlists = 2;
		in.total = sum;
		in.stations = st;
		in.forms = forms;
		in.nstations = 2;
		assert_int_equal(eml_write_510b(&in, &bytes, &len), 0);
		eml_510b_name(&e, kd->cat == TALLY_CAT_GR ? "Juinen" : "Assen", name, sizeof name);
		assert_string_equal(name, kd->file);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		out = fopen(path, "wb");
		assert_non_null(out);
		assert_int_equal(fwrite(bytes, 1, len, out), len);
		fclose(out);
		if (sh("sh tests/data/validate %s > %s.log 2>&1", path, path) != 0) {
			sh("cat %s.log", path);
			fail_msg("%s does not validate", name);
		}
		if (sh("xmllint --c14n %s | cmp -s - %s", path, path) != 0)
			fail_msg("%s is not in canonical form", name);
		/* Voter cards where the election has them; escaping of names. */
		assert_non_null(strstr(bytes, vc ? "<UncountedVotes ReasonCode=\"geldige kiezerspassen\">10<"
		                                 : "<UncountedVotes ReasonCode=\"geldige kiezerspassen\">0<"));
		assert_non_null(strstr(bytes, "Lijst &amp; \"Co\""));
		assert_non_null(strstr(bytes, "Id=\"0106::SB2\">Stembureau Bibliotheek</"));
		assert_non_null(strstr(bytes, "<Cast>2100</Cast>"));
		free(bytes);
		tally_form_free(f1);
		tally_form_free(f2);
		tally_form_free(sum);
	}
}

/* A draft leaves out the stations that are not definitive. */
static void a_draft_leaves_out_open_stations(void **state)
{
	struct tally_candidate c[1] = {{1, "A.", "Anna", "", "Jansen", "female", "X"}};
	struct tally_list lists[1] = {{1, "Partij A", 1, c}};
	struct tally_station st[2] = {{1, "Stadhuis", "9401 AA", 1200}, {2, "Bibliotheek", "", 900}};
	struct tally_election e = {.id = "GR2026_Juinen", .name = "G", .category = TALLY_CAT_GR,
	                           .subcategory = "GR2", .domain_id = "0042", .domain_name = "Juinen",
	                           .date = "2026-03-18", .seats = 45};
	struct tally_form *f1 = tally_form_new(lists, 1, 0);
	const struct tally_form *forms[2] = {f1, NULL};
	struct eml_510b in = {.election = &e, .authority_id = "0042", .authority_name = "Juinen",
	                      .contest_id = "geen", .contest_name = "", .creation_time = "x",
	                      .lists = lists, .nlists = 1, .total = f1, .stations = st,
	                      .forms = forms, .nstations = 2};
	char *bytes;
	size_t len;

	(void)state;
	fill(f1, 100, 0);
	assert_int_equal(eml_write_510b(&in, &bytes, &len), 0);
	assert_non_null(strstr(bytes, "0042::SB1"));
	assert_null(strstr(bytes, "0042::SB2"));
	free(bytes);
	tally_form_free(f1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_kind_validates_and_is_canonical),
		cmocka_unit_test(a_draft_leaves_out_open_stations),
	};
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-emlw-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("eml_write", tests, NULL, NULL);
	sh("rm -rf %s", dir);
	return rc;
}
