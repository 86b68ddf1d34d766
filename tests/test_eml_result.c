/*
 * The 520 (Resultaat) and 510d (Totaaltelling) of export/eml_result.c. From
 * the real GR2022 West Maas en Waal 230b, 510b and 17 seats, the 520 is the
 * Kiesraad's own file byte for byte and the 510d's counts are the 510b's.
 * Every file validates (tests/data/validate) and is canonical; lists without
 * seats, deceased candidates, a new ranking and hostile names are written as
 * OSV writes them; misuse is refused with a status.
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

#include "tests/testutil.h"

#include "export/eml.h"
#include "export/eml510.h"
#include "export/eml_result.h"

#define EML "tests/data/eml/"
#define LISTS_230B "real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"
#define COUNT_510B "real/Telling_GR2022_WestMaasenWaal.eml.xml"
#define RESULT_520 "real/Resultaat_GR2022_WestMaasenWaal.eml.xml"

static char dir[64];

static int __attribute__((format(printf, 1, 2))) sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* A sample by its path under the project's copy of the samples, tests/data/eml. */
static const char *sample_path(const char *rel)
{
	static char path[256];

	snprintf(path, sizeof path, "%s%s", EML, rel);
	return path;
}

static char *sample(const char *rel, size_t *len)
{
	return slurp(sample_path(rel), len);
}

/* Writes bytes to dir/name; returns the path in a static buffer. */
static const char *save(const char *name, const char *bytes, size_t len)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	fclose(f);
	return path;
}

/* The file validates against the EML_NL schemas and is its own canonical form. */
static void valid_and_canonical(const char *name, const char *bytes, size_t len)
{
	const char *path = save(name, bytes, len);

	if (sh("sh tests/data/validate %s > %s.log 2>&1", path, path) != 0) {
		sh("cat %s.log", path);
		fail_msg("%s does not validate", name);
	}
	if (sh("xmllint --c14n %s | cmp -s - %s", path, path) != 0)
		fail_msg("%s is not in canonical form", name);
}

/* What xmllint prints for expr on file path (text nodes one a line), malloc'd. */
static char *xpath(const char *path, const char *expr)
{
	static unsigned n;
	char out[300];
	size_t len;

	/* in the test's own directory, never beside a sample */
	snprintf(out, sizeof out, "%s/xpath-%u.txt", dir, n++);
	sh("xmllint --xpath '%s' %s > %s 2>/dev/null", expr, path, out);
	return slurp(out, &len);
}

/* The text between the first open and the close after it, malloc'd. */
static char *between(const char *s, const char *open, const char *close)
{
	const char *a = strstr(s, open), *b;
	char *out;

	assert_non_null(a);
	a += strlen(open);
	assert_non_null(b = strstr(a, close));
	assert_non_null(out = strndup(a, (size_t)(b - a)));
	return out;
}

/* ------------------------------------------------------------------ */
/* The real West Maas en Waal election                                 */
/* ------------------------------------------------------------------ */

struct wmw {
	struct eml_doc *lists;              /* the 230b */
	struct eml_510b_doc *count;         /* the 510b */
	struct tally_result_list_in *rl;
	struct tally_result_candidate *rc;
	struct tally_result_in rin;
	struct tally_result result;
	struct eml_result_unit unit;
	struct eml_result_in in;
};

/* The result input from the 510b's totals; deceased: a list number and position, or 0 0. */
static void wmw_result(struct wmw *w, int dead_list, int dead_position)
{
	const struct tally_form *t = w->count->total;
	size_t i, j, n = 0, k = 0;

	for (i = 0; i < t->nlists; i++)
		n += t->lists[i].ncandidates;
	assert_non_null(w->rl = calloc(t->nlists, sizeof *w->rl));
	assert_non_null(w->rc = calloc(n, sizeof *w->rc));
	for (i = 0; i < t->nlists; i++) {
		const struct tally_list *l = &w->lists->lists[i];

		assert_int_equal(l->number, t->lists[i].number);
		assert_int_equal(l->ncandidates, t->lists[i].ncandidates);
		w->rl[i].number = l->number;
		w->rl[i].votes = t->list_totals[i];
		w->rl[i].ncandidates = l->ncandidates;
		w->rl[i].candidates = &w->rc[k];
		for (j = 0; j < l->ncandidates; j++, k++) {
			w->rc[k].position = l->candidates[j].position;
			w->rc[k].votes = t->lists[i].candidates[j];
			w->rc[k].deceased = l->number == dead_list && l->candidates[j].position == dead_position;
		}
	}
	w->rin = (struct tally_result_in){.seats = 17, .nlists = t->nlists, .lists = w->rl};
	assert_int_equal(tally_result_compute(&w->rin, &w->result), TALLY_RESULT_OK);
}

static void wmw_open(struct wmw *w, int dead_list, int dead_position)
{
	struct tally_problems p = {0};
	size_t len;
	char *b;

	memset(w, 0, sizeof *w);
	b = sample(LISTS_230B, &len);
	assert_int_equal(eml_read(b, len, &w->lists, &p), 0);
	free(b);
	b = sample(COUNT_510B, &len);
	assert_int_equal(eml_read_510b(b, len, &w->count, &p), 0);
	free(b);
	wmw_result(w, dead_list, dead_position);
	w->unit = (struct eml_result_unit){
		.id = w->count->authority_id, .name = w->count->authority_name,
		.electorate = w->count->electorate, .form = w->count->total,
	};
	w->in = (struct eml_result_in){
		.election = &w->count->election,
		.authority_id = "CSB", /* OSV's Id for a central electoral committee */
		.authority_name = "West Maas en Waal",
		.contest_id = "geen", .contest_name = "",
		.creation_time = "2022-03-18T11:07:06.451", /* the real 520's */
		.lists = w->lists->lists, .nlists = w->lists->nlists,
		.total = w->count->total, .electorate = w->count->electorate,
		.units = &w->unit, .nunits = 1,
		.result = &w->result,
	};
}

static void wmw_close(struct wmw *w)
{
	tally_result_free(&w->result);
	free(w->rl);
	free(w->rc);
	eml_doc_free(w->lists);
	eml_510b_doc_free(w->count);
}

/*
 * From the 230b, the 510b's totals and 17 seats: the Kiesraad's own 520, byte
 * for byte, under OSV's name; it validates and is canonical.
 */
static void the_520_of_west_maas_en_waal_is_osvs(void **state)
{
	struct wmw w;
	char *want, *ours, name[128];
	size_t wlen, olen, i;

	(void)state;
	wmw_open(&w, 0, 0);
	want = sample(RESULT_520, &wlen);
	assert_int_equal(eml_write_520(&w.in, &ours, &olen), EML_RESULT_OK);
	for (i = 0; i < wlen && i < olen && want[i] == ours[i]; i++)
		;
	if (i != wlen || olen != wlen)
		fail_msg("differs at byte %zu of %zu (ours %zu): ours \"%.80s\", OSV's \"%.80s\"", i, wlen,
		         olen, ours + (i < olen ? i : olen), want + (i < wlen ? i : wlen));
	eml_520_name(&w.count->election, name, sizeof name);
	assert_string_equal(name, "Resultaat_GR2022_WestMaasenWaal.eml.xml");
	valid_and_canonical(name, ours, olen);
	free(want);
	free(ours);
	wmw_close(&w);
}

/*
 * The 510d's TotalVotes and its one ReportingUnitVotes (the municipality as
 * GSB) carry exactly the real 510b's TotalVotes: the same bytes. The file
 * validates, is canonical and has OSV's name.
 */
static void the_510d_totals_are_the_510bs(void **state)
{
	struct wmw w;
	char *real, *ours, *want, *got, *unit, name[128];
	size_t len;

	(void)state;
	wmw_open(&w, 0, 0);
	real = sample(COUNT_510B, &len);
	assert_int_equal(eml_write_510d(&w.in, &ours, &len), EML_RESULT_OK);
	eml_510d_name(&w.count->election, "West Maas en Waal", name, sizeof name);
	assert_string_equal(name, "Totaaltelling_GR2022_WestMaasenWaal.eml.xml");
	valid_and_canonical(name, ours, len);
	assert_non_null(strstr(ours, "Id=\"510d\" SchemaVersion=\"5\"><TransactionId>1</TransactionId>"
	                             "<ManagingAuthority><AuthorityIdentifier Id=\"CSB\">West Maas en Waal"
	                             "</AuthorityIdentifier>"));
	assert_non_null(strstr(ours, "<ReportingUnitVotes><ReportingUnitIdentifier Id=\"0668\">"
	                             "West Maas en Waal</ReportingUnitIdentifier><Selection>"));
	want = between(real, "<TotalVotes>", "</TotalVotes>");
	got = between(ours, "<TotalVotes>", "</TotalVotes>");
	assert_string_equal(got, want);
	unit = between(ours, "</ReportingUnitIdentifier>", "</ReportingUnitVotes>");
	assert_string_equal(unit, want);
	assert_non_null(strstr(want, "<Cast>"));
	free(unit);
	free(got);
	free(want);
	free(ours);
	free(real);
	wmw_close(&w);
}

/*
 * Read back: the project's reader reads 510b only (it refuses the 510d and
 * says why), so xmllint reads the 510d's figures, which equal the 510b's and
 * the form's.
 */
static void the_510d_reads_back(void **state)
{
	static const char *const units[] = {
		"//*[local-name()=\"TotalVotes\"]",
		"//*[local-name()=\"ReportingUnitVotes\"]",
	};
	struct tally_problems p = {0};
	struct eml_510b_doc *d = NULL;
	struct wmw w;
	const struct tally_form *t;
	char *b, *x, *y, expr[256], why[1024];
	const char *path, *path510b = sample_path(COUNT_510B);
	size_t len, i, k;

	(void)state;
	wmw_open(&w, 0, 0);
	t = w.count->total;
	assert_int_equal(eml_write_510d(&w.in, &b, &len), EML_RESULT_OK);
	assert_int_equal(eml_read_510b(b, len, &d, &p), -1);
	assert_null(d);
	assert_non_null(strstr(tally_problems_join(&p, why, sizeof why), "510d"));
	path = save("readback.eml.xml", b, len);
	for (i = 0; i < 2; i++) {
		const struct {
			const char *fmt;
			long want;
		} figures[] = {
			{"string(%s/*[local-name()=\"TotalCounted\"])", t->valid_votes},
			{"sum(%s/*[local-name()=\"Selection\"][*[local-name()=\"AffiliationIdentifier\"]]"
			 "/*[local-name()=\"ValidVotes\"])", t->valid_votes},
			{"string(%s/*[@ReasonCode=\"blanco\"])", t->blank_votes},
			{"string(%s/*[@ReasonCode=\"ongeldig\"])", t->invalid_votes},
			{"string(%s/*[@ReasonCode=\"toegelaten kiezers\"])", t->admitted_voters},
			{"string(%s/*[local-name()=\"Cast\"])", w.count->electorate},
		};

		/* Every figure and name of the unit, in order, as the 510b's totals. */
		snprintf(expr, sizeof expr, "%s/*[local-name()!=\"ReportingUnitIdentifier\"]//text()", units[i]);
		x = xpath(path, expr);
		snprintf(expr, sizeof expr, "%s/*//text()", units[0]);
		y = xpath(path510b, expr);
		assert_true(strlen(x) > 500);
		assert_string_equal(x, y);
		free(x);
		free(y);
		/* Against the form. */
		for (k = 0; k < sizeof figures / sizeof figures[0]; k++) {
			snprintf(expr, sizeof expr, figures[k].fmt, units[i]);
			x = xpath(path, expr);
			assert_int_equal(strtol(x, NULL, 10), figures[k].want);
			free(x);
		}
	}
	free(b);
	wmw_close(&w);
}

/*
 * A deceased candidate who would have had a seat (P 19a): list 1's number 2,
 * Orlemans. The seat goes to the next in list order; the Ids stay 1, 2, 3
 * (the new ranking), and the name is not in the file.
 */
static void a_deceased_candidate_is_passed_over(void **state)
{
	static const char *const initials[] = {"R.A.N.", "C.G.H.M.", "A.J.M.M."};
	static const int elected[] = {1, 3, 4};
	struct wmw w;
	char *b, *list1, want[256];
	size_t len, k;

	(void)state;
	wmw_open(&w, 1, 2);
	assert_int_equal(w.result.lists[0].seats, 3);
	assert_int_equal(eml_write_520(&w.in, &b, &len), EML_RESULT_OK);
	valid_and_canonical("Resultaat_deceased.eml.xml", b, len);
	assert_null(strstr(b, "Orlemans"));
	list1 = between(b, "FD Partij Beneden-Leeuwen", "<AffiliationIdentifier Id=\"2\">");
	for (k = 0; k < 3; k++) {
		assert_int_equal(w.result.lists[0].elected[k], elected[k]);
		snprintf(want, sizeof want, "<CandidateIdentifier Id=\"%zu\"></CandidateIdentifier><Candidate"
		         "FullName><xnl:PersonName><xnl:NameLine NameType=\"Initials\">%s<", k + 1, initials[k]);
		assert_non_null(strstr(list1, want));
	}
	assert_non_null(strstr(list1, "<xnl:FirstName>Anita</xnl:FirstName><xnl:NamePrefix></xnl:NamePrefix>"
	                              "<xnl:LastName>Bull- de Heus</xnl:LastName>"));
	assert_null(strstr(list1, "Id=\"4\""));
	free(list1);
	free(b);
	wmw_close(&w);
}

/* ------------------------------------------------------------------ */
/* A small election of our own                                         */
/* ------------------------------------------------------------------ */

/*
 * 9 seats, quota 915/9, preference threshold half of it (50 5/6):
 *   list 1 (500): 100 40 300 30 30 -> 5 seats; 3 and 1 on preference votes
 *   list 2 (400): 200 100 50 30 20 -> 4 seats; 1 and 2 on preference votes
 *   list 3 (15):  10 5             -> no seat
 */
struct small {
	struct tally_candidate c1[5], c2[5], c3[2];
	struct tally_list lists[3];
	struct tally_election e;
	struct tally_form *form;
	struct tally_result_candidate rc[12];
	struct tally_result_list_in rl[3];
	struct tally_result_in rin;
	struct tally_result result;
	struct eml_result_unit unit;
	struct eml_result_in in;
};

static void small_open(struct small *s, const char *list1_name)
{
	static const long votes[3][5] = {{100, 40, 300, 30, 30}, {200, 100, 50, 30, 20}, {10, 5}};
	static const size_t n[3] = {5, 5, 2};
	struct tally_candidate *c[3] = {s->c1, s->c2, s->c3};
	size_t i, j, k = 0;
	long valid = 0;

	memset(s, 0, sizeof *s);
	for (i = 0; i < 3; i++) {
		for (j = 0; j < n[i]; j++) {
			struct tally_candidate *cd = &c[i][j];

			cd->position = (int)j + 1;
			snprintf(cd->initials, sizeof cd->initials, "%c.", (char)('A' + j));
			snprintf(cd->first_name, sizeof cd->first_name, "Voornaam%zu", j + 1);
			snprintf(cd->last_name, sizeof cd->last_name, "Achternaam%zu-%zu", i + 1, j + 1);
			snprintf(cd->gender, sizeof cd->gender, "%s", j % 2 ? "female" : "male");
			snprintf(cd->locality, sizeof cd->locality, "Juinen");
		}
		s->lists[i].number = (int)i + 1;
		snprintf(s->lists[i].name, sizeof s->lists[i].name, "Lijst %zu", i + 1);
		s->lists[i].ncandidates = n[i];
		s->lists[i].candidates = c[i];
	}
	snprintf(s->lists[0].name, sizeof s->lists[0].name, "%s", list1_name);
	/* Candidate 4 of list 1 gives nothing but initials, a last name and a locality. */
	s->c1[3].first_name[0] = s->c1[3].prefix[0] = s->c1[3].gender[0] = '\0';
	snprintf(s->c1[2].prefix, sizeof s->c1[2].prefix, "van der");
	s->e = (struct tally_election){.id = "GR2026_Juinen", .name = "Gemeenteraad Juinen 2026",
	                               .category = TALLY_CAT_GR, .subcategory = "GR1",
	                               .domain_id = "0042", .domain_name = "Juinen",
	                               .date = "2026-03-18", .seats = 9, .preference_threshold = 50};
	assert_non_null(s->form = tally_form_new(s->lists, 3, 0));
	tally_form_zero(s->form);
	for (i = 0; i < 3; i++) {
		s->rl[i].number = (int)i + 1;
		s->rl[i].ncandidates = n[i];
		s->rl[i].candidates = &s->rc[k];
		for (j = 0; j < n[i]; j++, k++) {
			s->form->lists[i].candidates[j] = votes[i][j];
			s->form->lists[i].total += votes[i][j];
			s->rc[k].position = (int)j + 1;
			s->rc[k].votes = votes[i][j];
		}
		s->form->list_totals[i] = s->rl[i].votes = s->form->lists[i].total;
		valid += s->form->lists[i].total;
	}
	s->form->valid_votes = valid;
	s->form->blank_votes = 3;
	s->form->invalid_votes = 2;
	s->form->votes_cast = s->form->poll_cards = s->form->admitted_voters = valid + 5;
	s->rin = (struct tally_result_in){.seats = 9, .nlists = 3, .lists = s->rl};
	assert_int_equal(tally_result_compute(&s->rin, &s->result), TALLY_RESULT_OK);
	s->unit = (struct eml_result_unit){.id = "0042", .name = "Juinen", .electorate = 2000,
	                                   .form = s->form};
	s->in = (struct eml_result_in){
		.election = &s->e, .authority_id = NULL /* "CSB" */, .authority_name = "Juinen",
		.contest_id = NULL /* "geen" */, .contest_name = NULL,
		.creation_time = "2026-03-19T21:00:00.000", .lists = s->lists, .nlists = 3,
		.total = s->form, .electorate = 0 /* the units' */, .units = &s->unit, .nunits = 1,
		.result = &s->result,
	};
}

static void small_close(struct small *s)
{
	tally_result_free(&s->result);
	tally_form_free(s->form);
}

/*
 * A list without seats is left out of the 520: the schema allows Elected only
 * as "yes" (a file saying "no" does not validate), and OSV writes only the
 * lists with elected candidates. The Ids are the new ranking: list 1's
 * number 3 and number 1 were elected on preference votes (Ranking 1) and
 * come first; the rest follow in list order (Ranking 2).
 */
static void a_list_without_seats_is_left_out(void **state)
{
	struct small s;
	char *b, *no;
	size_t len;

	(void)state;
	small_open(&s, "Lijst 1");
	assert_int_equal(s.result.lists[0].seats, 5);
	assert_int_equal(s.result.lists[1].seats, 4);
	assert_int_equal(s.result.lists[2].seats, 0);
	assert_int_equal(eml_write_520(&s.in, &b, &len), EML_RESULT_OK);
	valid_and_canonical("Resultaat_GR2026_Juinen.eml.xml", b, len);
	assert_null(strstr(b, "<AffiliationIdentifier Id=\"3\">"));
	assert_null(strstr(b, "Achternaam3-"));
	assert_non_null(strstr(b, "<AuthorityIdentifier Id=\"CSB\">Juinen</AuthorityIdentifier>"));
	assert_non_null(strstr(b, "<Contest><ContestIdentifier Id=\"geen\"></ContestIdentifier><Selection>"));
	assert_non_null(strstr(b,
	    "<Selection><AffiliationIdentifier Id=\"1\"><RegisteredName>Lijst 1</RegisteredName>"
	    "</AffiliationIdentifier><Elected>yes</Elected></Selection>"
	    "<Selection><Candidate><CandidateIdentifier Id=\"1\"></CandidateIdentifier><CandidateFullName>"
	    "<xnl:PersonName><xnl:NameLine NameType=\"Initials\">C.</xnl:NameLine>"
	    "<xnl:FirstName>Voornaam3</xnl:FirstName><xnl:NamePrefix>van der</xnl:NamePrefix>"
	    "<xnl:LastName>Achternaam1-3</xnl:LastName></xnl:PersonName></CandidateFullName>"
	    "<Gender>male</Gender><QualifyingAddress><xal:Locality><xal:LocalityName>Juinen"
	    "</xal:LocalityName></xal:Locality></QualifyingAddress></Candidate>"
	    "<Ranking>1</Ranking><Elected>yes</Elected></Selection>"
	    "<Selection><Candidate><CandidateIdentifier Id=\"2\"></CandidateIdentifier><CandidateFullName>"
	    "<xnl:PersonName><xnl:NameLine NameType=\"Initials\">A.</xnl:NameLine>"
	    "<xnl:FirstName>Voornaam1</xnl:FirstName>"));
	/* Then list order: number 2 is Id 3 ... number 4 gives no first name, prefix or gender. */
	assert_non_null(strstr(b, "Id=\"3\"></CandidateIdentifier><CandidateFullName><xnl:PersonName>"
	                          "<xnl:NameLine NameType=\"Initials\">B.</xnl:NameLine>"));
	assert_non_null(strstr(b,
	    "<CandidateIdentifier Id=\"4\"></CandidateIdentifier><CandidateFullName><xnl:PersonName>"
	    "<xnl:NameLine NameType=\"Initials\">D.</xnl:NameLine><xnl:FirstName></xnl:FirstName>"
	    "<xnl:NamePrefix></xnl:NamePrefix><xnl:LastName>Achternaam1-4</xnl:LastName>"
	    "</xnl:PersonName></CandidateFullName><QualifyingAddress>"));
	assert_non_null(strstr(b, "<Ranking>2</Ranking><Elected>yes</Elected></Selection>"
	                          "<Selection><AffiliationIdentifier Id=\"2\">"));
	/* What the schema says of a list marked as not elected. */
	assert_non_null(no = strdup(b));
	memcpy(strstr(no, "<Elected>yes</Elected>"), "<Elected>no</Elected> ", 22);
	assert_int_not_equal(sh("sh tests/data/validate %s >/dev/null 2>&1",
	                        save("Resultaat_no.eml.xml", no, len)), 0);
	free(no);
	free(b);
	/* The 510d of the same election names every list, the one without seats too. */
	assert_int_equal(eml_write_510d(&s.in, &b, &len), EML_RESULT_OK);
	valid_and_canonical("Totaaltelling_GR2026_Juinen.eml.xml", b, len);
	assert_non_null(strstr(b, "<AffiliationIdentifier Id=\"3\"><RegisteredName>Lijst 3</RegisteredName>"
	                          "</AffiliationIdentifier><ValidVotes>15</ValidVotes></Selection>"));
	/* Cast: the units' electorate when no total is given. */
	assert_non_null(strstr(b, "<Cast>2000</Cast><TotalCounted>915</TotalCounted>"
	                          "<RejectedVotes ReasonCode=\"ongeldig\">2</RejectedVotes>"
	                          "<RejectedVotes ReasonCode=\"blanco\">3</RejectedVotes>"
	                          "<UncountedVotes ReasonCode=\"geldige stempassen\">920</UncountedVotes>"));
	free(b);
	small_close(&s);
}

/* Names with every character XML and Canonical XML escape, and more than ASCII. */
static void hostile_names_are_escaped(void **state)
{
	static const char hostile[] = "Lijst \"A\" & <B> 'C' \xe2\x80\x94 caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9d\x84\x9e";
	static const char escaped[] = "<RegisteredName>Lijst \"A\" &amp; &lt;B&gt; 'C' \xe2\x80\x94 caf\xc3\xa9 "
	                              "\xe2\x9c\x93 \xf0\x9d\x84\x9e</RegisteredName>";
	struct small s;
	char *b;
	size_t len;

	(void)state;
	small_open(&s, hostile);
	snprintf(s.c1[2].last_name, sizeof s.c1[2].last_name, "O'Brien & <Zn>");
	snprintf(s.c1[2].locality, sizeof s.c1[2].locality, "\"Ter > Aar\"\r");
	snprintf(s.c1[0].first_name, sizeof s.c1[0].first_name, "Bad\xff" "byte");
	s.in.authority_name = "Gemeente \"X\" & Y";
	assert_int_equal(eml_write_520(&s.in, &b, &len), EML_RESULT_OK);
	valid_and_canonical("Resultaat_hostile.eml.xml", b, len);
	assert_non_null(strstr(b, escaped));
	assert_non_null(strstr(b, "<xnl:LastName>O'Brien &amp; &lt;Zn&gt;</xnl:LastName>"));
	assert_non_null(strstr(b, "<xal:LocalityName>\"Ter &gt; Aar\"&#xD;</xal:LocalityName>"));
	assert_non_null(strstr(b, "<xnl:FirstName>Bad\xef\xbf\xbd" "byte</xnl:FirstName>"));
	assert_non_null(strstr(b, "<AuthorityIdentifier Id=\"CSB\">Gemeente \"X\" &amp; Y</AuthorityIdentifier>"));
	free(b);
	assert_int_equal(eml_write_510d(&s.in, &b, &len), EML_RESULT_OK);
	valid_and_canonical("Totaaltelling_hostile.eml.xml", b, len);
	assert_non_null(strstr(b, escaped));
	free(b);
	/* An attribute value (not valid as an authority, so not validated). */
	s.in.authority_id = "C\"S&B<\t";
	assert_int_equal(eml_write_520(&s.in, &b, &len), EML_RESULT_OK);
	assert_non_null(strstr(b, "<AuthorityIdentifier Id=\"C&quot;S&amp;B&lt;&#x9;\">"));
	free(b);
	small_close(&s);
}

/* Each refusal leaves *bytes NULL and *len 0 (b and len of the caller, read after the call). */
#define REFUSED(call, want) \
	do { \
		int rc_ = (call); \
		assert_int_equal(rc_, (want)); \
		assert_null(b); \
		assert_int_equal(len, 0); \
	} while (0)

static void misuse_is_refused(void **state)
{
	struct small s;
	struct tally_result r;
	struct tally_list other[3];
	struct eml_result_unit unit;
	struct tally_form *bad;
	char *b = (char *)&r;
	size_t len = 1;

	(void)state;
	small_open(&s, "Lijst 1");
	/* No result; one that waits for a lot; one not allocated; a list not nominated. */
	s.in.result = NULL;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_INCOMPLETE);
	r = s.result; /* r shares its lists with s.result: what is changed is put back */
	r.lot_pending = 1;
	s.in.result = &r;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_INCOMPLETE);
	r.lot_pending = r.allocated = 0;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_INCOMPLETE);
	r.allocated = 1;
	r.lists[1].nominated = 0;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_INCOMPLETE);
	r.lists[1].nominated = 1;
	/* A ranking that does not begin with the elected. */
	assert_int_equal(r.lists[0].ranking[0], 3); /* elected on preference votes */
	r.lists[0].ranking[0] = 1;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_MISMATCH);
	r.lists[0].ranking[0] = 3;
	/* Lists of another election: numbers or positions that are not there. */
	memcpy(other, s.lists, sizeof other);
	other[1].number = 7;
	s.in.lists = other;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_MISMATCH);
	REFUSED(eml_write_510d(&s.in, &b, &len), EML_RESULT_MISMATCH);
	other[1].number = 2;
	other[0].ncandidates = 2;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_MISMATCH);
	REFUSED(eml_write_510d(&s.in, &b, &len), EML_RESULT_MISMATCH);
	s.in.lists = s.lists;
	/* Nobody elected at all. */
	r.lists[0].seats = r.lists[1].seats = 0;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_NO_SEATS);
	r.lists[0].seats = 5;
	r.lists[1].seats = 4;
	s.in.result = &s.result;
	/* A unit whose count has another shape; a unit without a count or an Id; no total. */
	assert_non_null(bad = tally_form_new(s.lists, 2, 0));
	tally_form_zero(bad);
	unit = s.unit;
	unit.form = bad;
	s.in.units = &unit;
	REFUSED(eml_write_510d(&s.in, &b, &len), EML_RESULT_MISMATCH);
	unit.form = NULL;
	REFUSED(eml_write_510d(&s.in, &b, &len), EML_RESULT_BAD_INPUT);
	unit.form = s.form;
	unit.id = NULL;
	REFUSED(eml_write_510d(&s.in, &b, &len), EML_RESULT_BAD_INPUT);
	s.in.units = &s.unit;
	s.in.total = NULL;
	REFUSED(eml_write_510d(&s.in, &b, &len), EML_RESULT_BAD_INPUT);
	s.in.total = s.form;
	s.in.election = NULL;
	REFUSED(eml_write_520(&s.in, &b, &len), EML_RESULT_BAD_INPUT);
	REFUSED(eml_write_510d(&s.in, &b, &len), EML_RESULT_BAD_INPUT);
	s.in.election = &s.e;
	/* After all that, the same input still writes. */
	assert_int_equal(eml_write_520(&s.in, &b, &len), EML_RESULT_OK);
	free(b);
	/* The messages. */
	assert_string_equal(eml_result_strerror(EML_RESULT_NOMEM), "out of memory");
	assert_string_equal(eml_result_strerror(EML_RESULT__MAX), "unknown status");
	assert_string_equal(eml_result_strerror(-1), "unknown status");
	tally_form_free(bad);
	small_close(&s);
}

/* OSV's names: a 520 by the election; a 510d by the election, and the committee where OSV adds it. */
static void file_names(void **state)
{
	static const struct {
		const char *id, *authority, *r520, *r510d;
		enum tally_category cat;
	} rows[] = {
		{"GR2022_WestMaasenWaal", "West Maas en Waal", "Resultaat_GR2022_WestMaasenWaal.eml.xml",
		 "Totaaltelling_GR2022_WestMaasenWaal.eml.xml", TALLY_CAT_GR},
		{"AB2023_Scheldestromen", "Scheldestromen", "Resultaat_AB2023_Scheldestromen.eml.xml",
		 "Totaaltelling_AB2023_Scheldestromen_waterschap_Scheldestromen.eml.xml", TALLY_CAT_AB},
		{"PS2023_Drenthe", "Drenthe", "Resultaat_PS2023_Drenthe.eml.xml",
		 "Totaaltelling_PS2023_Drenthe_provincie_Drenthe.eml.xml", TALLY_CAT_PS},
		{"PS2023_NoordHolland", "Noord Holland/X", "Resultaat_PS2023_NoordHolland.eml.xml",
		 "Totaaltelling_PS2023_NoordHolland_provincie_Noord_Holland_X.eml.xml", TALLY_CAT_PS},
		{"TK2025", "Kiesraad", "Resultaat_TK2025.eml.xml", "Totaaltelling_TK2025.eml.xml", TALLY_CAT_TK},
	};
	struct tally_election e = {0};
	char name[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(e.id, sizeof e.id, "%s", rows[i].id);
		e.category = rows[i].cat;
		eml_520_name(&e, name, sizeof name);
		assert_string_equal(name, rows[i].r520);
		eml_510d_name(&e, rows[i].authority, name, sizeof name);
		assert_string_equal(name, rows[i].r510d);
	}
	/* Cut to the room given, NUL-terminated. */
	eml_520_name(&e, name, 10);
	assert_string_equal(name, "Resultaat");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_520_of_west_maas_en_waal_is_osvs),
		cmocka_unit_test(the_510d_totals_are_the_510bs),
		cmocka_unit_test(the_510d_reads_back),
		cmocka_unit_test(a_deceased_candidate_is_passed_over),
		cmocka_unit_test(a_list_without_seats_is_left_out),
		cmocka_unit_test(hostile_names_are_escaped),
		cmocka_unit_test(misuse_is_refused),
		cmocka_unit_test(file_names),
	};
	int rc;

	snprintf(dir, sizeof dir, "/tmp/teller-test-emlr-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("eml_result", tests, NULL, NULL);
	sh("rm -rf %s", dir);
	return rc;
}
