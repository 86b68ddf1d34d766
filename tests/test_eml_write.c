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
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/testutil.h"

#include "export/eml.h"
#include "export/eml510.h"

#define WMW_510B "tests/data/eml/real/Telling_GR2022_WestMaasenWaal.eml.xml"

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

/* Writes bytes to dir/name; returns the path (static). */
static const char *save(const char *bytes, size_t len, const char *name)
{
	static char path[400];
	FILE *out;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(out = fopen(path, "wb"));
	assert_int_equal(fwrite(bytes, 1, len, out), len);
	assert_int_equal(fclose(out), 0);
	return path;
}

static void assert_valid_and_canonical(const char *path)
{
	if (sh("sh tests/data/validate %s > %s.log 2>&1", path, path) != 0) {
		sh("cat %s.log", path);
		fail_msg("%s does not validate", path);
	}
	if (sh("xmllint --c14n %s | cmp -s - %s", path, path) != 0)
		fail_msg("%s is not in canonical form", path);
}

/*
 * A corrigendum: every investigated station ends in its
 * kr:ReportingUnitInvestigations, each flag as set, in the schema's place
 * (after the votes); the file validates and is canonical. A station without
 * investigation, and a file whose table has no investigated station, are
 * byte for byte a first count's.
 */
static void a_corrigendum_flags_the_investigated_stations(void **state)
{
	static const struct {
		struct eml_investigation flags;
		const char *want;
	} cases[] = {
		{{1, 0, 0}, "\"toegelaten kiezers opnieuw vastgesteld\">true<"},
		{{0, 1, 0}, "\"onderzocht vanwege andere reden\">true<"},
		{{0, 0, 1}, "\"stembiljetten deels herteld\">true<"},
		{{0, 0, 0}, "\"onderzocht vanwege andere reden\">false<"},
		{{1, 1, 1}, "\"stembiljetten deels herteld\">true<"},
	};
	struct tally_candidate c[2] = {{1, "A.", "Anna", "", "Jansen", "female", "X"},
	                               {2, "B.", "Bas", "", "Berg", "male", "X"}};
	struct tally_list lists[1] = {{1, "Partij A", 2, c}};
	struct tally_station st[3] = {{1, "Stadhuis", "9401 AA", 1200}, {2, "Bibliotheek", "", 900},
	                              {3, "School", "9402 BB", 700}};
	struct tally_election e = {.id = "GR2026_Juinen", .name = "G", .category = TALLY_CAT_GR,
	                           .subcategory = "GR2", .domain_id = "0042", .domain_name = "Juinen",
	                           .date = "2026-03-18", .seats = 45};
	struct tally_form *f[3], *sum = tally_form_new(lists, 1, 0);
	const struct tally_form *forms[3];
	const struct eml_investigation *inv[3] = {NULL, NULL, NULL};
	struct eml_510b in = {.election = &e, .authority_id = "0042", .authority_name = "Juinen",
	                      .contest_id = "geen", .contest_name = "",
	                      .creation_time = "2026-03-25T10:00:00.000", .lists = lists, .nlists = 1,
	                      .total = sum, .stations = st, .forms = forms, .nstations = 3};
	char *plain, *none, *bytes, *unit2, *end2;
	const char *path;
	size_t plen, nlen, len, k, i;

	(void)state;
	tally_form_zero(sum);
	for (i = 0; i < 3; i++) {
		assert_non_null(f[i] = tally_form_new(lists, 1, 0));
		fill(f[i], 300 + 100 * (long)i, 0);
		forms[i] = f[i];
		assert_int_equal(tally_form_add(sum, f[i]), 0);
	}
	assert_int_equal(eml_write_510b(&in, &plain, &plen), 0);
	assert_null(strstr(plain, "Investigation"));
	in.investigations = inv;         /* a table, no station investigated: a first count's bytes */
	assert_int_equal(eml_write_510b(&in, &none, &nlen), 0);
	assert_int_equal(nlen, plen);
	assert_memory_equal(none, plain, plen);
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		inv[1] = &cases[k].flags;
		assert_int_equal(eml_write_510b(&in, &bytes, &len), 0);
		path = save(bytes, len, "Telling_GR2026_Juinen.corrigendum.eml.xml");
		assert_valid_and_canonical(path);
		/* Only station 2 has them, after its last UncountedVotes, three of them. */
		assert_non_null(unit2 = strstr(bytes, "0042::SB2"));
		assert_non_null(end2 = strstr(unit2, "</ReportingUnitVotes>"));
		assert_true(strstr(bytes, "<kr:ReportingUnitInvestigations>") > unit2);
		assert_true(strstr(bytes, "</kr:ReportingUnitInvestigations></ReportingUnitVotes>") ==
		            end2 - strlen("</kr:ReportingUnitInvestigations>"));
		assert_int_equal(strstr(strstr(bytes, "<kr:ReportingUnitInvestigations>") + 1,
		                        "<kr:ReportingUnitInvestigations>"), NULL);
		assert_non_null(strstr(bytes, cases[k].want));
		assert_non_null(strstr(bytes, "<kr:Investigation ReasonCode=\"toegelaten kiezers "
		                       "opnieuw vastgesteld\">"));
		/* Before station 2 and after it, the bytes are the first count's. */
		assert_memory_equal(bytes, plain, (size_t)(unit2 - bytes));
		assert_string_equal(end2, strstr(strstr(plain, "0042::SB2"), "</ReportingUnitVotes>"));
		free(bytes);
	}
	free(plain);
	free(none);
	for (i = 0; i < 3; i++)
		tally_form_free(f[i]);
	tally_form_free(sum);
}

/* The lines of a one-line XML file, one element's tag a line (split at "><"). */
static char *one_tag_a_line(const char *bytes, size_t len, size_t *outlen)
{
	char *out = malloc(2 * len + 2);
	size_t i, n = 0;

	assert_non_null(out);
	for (i = 0; i < len; i++) {
		out[n++] = bytes[i];
		if (bytes[i] == '>' && i + 1 < len && bytes[i + 1] == '<')
			out[n++] = '\n';
	}
	out[n++] = '\n';
	*outlen = n;
	return out;
}

/* Which part of a split 510b line n (1-based) of text is in: "head", "total", or a unit's Id. */
static void part_of(const char *text, long n, char *out, size_t size)
{
	static const char unit[] = "<ReportingUnitIdentifier Id=\"";
	const size_t ulen = sizeof unit - 1;
	const char *p = text, *id;
	long line = 1;

	snprintf(out, size, "head");
	for (; *p != '\0' && line < n; p++) {
		if (*p != '\n')
			continue;
		line++;
		if (strncmp(p + 1, "<TotalVotes>", 12) == 0)
			snprintf(out, size, "total");
		else if ((id = p + 1, strncmp(id, unit, ulen) == 0))
			snprintf(out, size, "%.*s", (int)strcspn(id + ulen, "\""), id + ulen);
	}
	if (strncmp(p, "<kr:CreationDateTime>", 21) == 0)
		snprintf(out, size, "created");
}

/*
 * The real count of West Maas en Waal (GR2022), finished, then corrected in
 * one station in a later session (a vote moved from one candidate of list 1
 * to another, the station flagged "stembiljetten deels herteld"): the
 * corrigendum validates and differs from the Kiesraad's file only in that
 * station (its figures and its kr:ReportingUnitInvestigations), the totals
 * and the creation time. Read back, it holds the new figures.
 */
static void wmw_corrigendum_differs_only_where_it_must(void **state)
{
	static const struct eml_investigation recounted = {0, 0, 1};
	size_t len, olen, slen1, slen2, i, changed_sb5 = 0, changed_total = 0, changed_created = 0;
	char *orig = slurp(WMW_510B, &len), *ours, *s1, *s2, *diff, *line, *next, part[64];
	char cmd[1200];
	struct eml_510b_doc *d = NULL, *back = NULL;
	struct tally_problems p = {0};
	const struct eml_investigation **inv;
	struct eml_510b view;
	const char *p1, *p2;
	size_t sb5 = 0;
	FILE *pipe;

	(void)state;
	assert_int_equal(eml_read_510b(orig, len, &d, &p), 0);
	eml_510b_doc_view(d, &view);
	while (sb5 < d->nstations && d->stations[sb5].number != 5)
		sb5++;
	assert_true(sb5 < d->nstations);
	/* The correction: one vote of candidate 1 of list 1 was one of candidate 2's. */
	assert_true(d->forms[sb5]->lists[0].candidates[0] > 0);
	d->forms[sb5]->lists[0].candidates[0]--;
	d->forms[sb5]->lists[0].candidates[1]++;
	tally_form_zero(d->total);
	for (i = 0; i < d->nstations; i++)
		assert_int_equal(tally_form_add(d->total, d->forms[i]), 0);
	assert_non_null(inv = calloc(d->nstations, sizeof *inv));
	inv[sb5] = &recounted;
	view.investigations = inv;
	view.creation_time = "2022-03-24T10:11:12.345";
	assert_int_equal(eml_write_510b(&view, &ours, &olen), 0);
	assert_valid_and_canonical(save(ours, olen, "Telling_GR2022_WestMaasenWaal.corrigendum.eml.xml"));

	/* diff of the two texts, one tag a line: which lines changed, in each file */
	s1 = one_tag_a_line(orig, len, &slen1);
	s2 = one_tag_a_line(ours, olen, &slen2);
	p1 = save(s1, slen1, "official.txt");
	snprintf(cmd, sizeof cmd, "diff --unchanged-line-format= --old-line-format='-%%dn\n' "
	         "--new-line-format='+%%dn\n' %s ", p1);
	p2 = save(s2, slen2, "corrigendum.txt");
	snprintf(cmd + strlen(cmd), sizeof cmd - strlen(cmd), "%s", p2);
	assert_non_null(pipe = popen(cmd, "r"));
	assert_non_null(diff = calloc(1, 1 << 16));
	assert_true(fread(diff, 1, (1 << 16) - 1, pipe) > 0);
	assert_int_equal(WEXITSTATUS(pclose(pipe)), 1);
	for (line = diff; *line != '\0'; line = next) {
		next = line + strcspn(line, "\n");
		if (*next != '\0')
			*next++ = '\0';
		part_of(line[0] == '-' ? s1 : s2, strtol(line + 1, NULL, 10), part, sizeof part);
		if (strcmp(part, "0668::SB5") == 0)
			changed_sb5++;
		else if (strcmp(part, "total") == 0)
			changed_total++;
		else if (strcmp(part, "created") == 0)
			changed_created++;
		else
			fail_msg("line %s of the diff is in %s", line, part);
	}
	/* SB5: two candidates, old and new (4), and the 5 lines of its investigations */
	assert_int_equal(changed_sb5, 4 + 5);
	assert_int_equal(changed_total, 4);
	assert_int_equal(changed_created, 2);
	assert_non_null(strstr(s2, "<kr:Investigation ReasonCode=\"stembiljetten deels herteld\">"
	                       "true</kr:Investigation>"));

	/* Read back: the new figures */
	assert_int_equal(eml_read_510b(ours, olen, &back, &p), 0);
	assert_int_equal(back->forms[sb5]->lists[0].candidates[1], d->forms[sb5]->lists[0].candidates[1]);
	assert_int_equal(back->total->lists[0].candidates[0], d->total->lists[0].candidates[0]);
	eml_510b_doc_free(back);
	free(diff);
	free(s1);
	free(s2);
	free(inv);
	free(ours);
	free(orig);
	eml_510b_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_kind_validates_and_is_canonical),
		cmocka_unit_test(a_draft_leaves_out_open_stations),
		cmocka_unit_test(a_corrigendum_flags_the_investigated_stations),
		cmocka_unit_test(wmw_corrigendum_differs_only_where_it_must),
	};
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-emlw-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("eml_write", tests, NULL, NULL);
	sh("rm -rf %s", dir);
	return rc;
}
