/*
 * The proces-verbaal (export/pv.c), read back as a person would read it: the
 * PDF's text through pdftotext, its pages through pdfinfo. Input: the real
 * candidate lists of West Maas en Waal (GR2022, 8 lists, 251 candidates) and
 * its 21 polling stations with synthetic but consistent counts. Last, the PDF
 * engine under it (export/pdf.h) on its own, in a document shaped like the
 * coming Na 14-2: old and new figures per station.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/testutil.h"

#include "export/docs.h"
#include "export/eml.h"
#include "export/pdf.h"
#include "tally/count.h"

#define LISTS_230B "tests/data/eml/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"
#define HASH "9f86 d081 884c 7d65 9a2f eaa0 c55a d015 a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08"
#define KEY  "3b1c 77e0 5a9d 0c42 e8f1 9b6a 21d4 c0ff ee12 7a3e 44b9 d2c1 0f6e 8a57 b3d0 9e64"
#define CREATED "2022-03-17T01:32:49"

/* The polling stations of West Maas en Waal in 2022 (numbers as in its 510b). */
static const struct {
	int number;
	const char *name, *postcode;
} wmw_stations[] = {
	{1, "Dorpshuis De Hucht", "6626 AC"},
	{2, "Dorpshuis De Uithof", "6628 AC"},
	{3, "Dorpshuis De Schuur", "6629 AR"},
	{4, "De Twee Linden", "6658 CX"},
	{5, "Gemeentehuis", "6658 AG"},
	{6, "MFA De Rosmolen", "6658 XN"},
	{7, "Kulturhus d'n Dulper", "6657 CB"},
	{8, "MFA d'n Hoender", "6621 KV"},
	{9, "'t Centrum", "6621 AN"},
	{10, "MFA Het Hanzehuys", "6627 HA"},
	{11, "VTC Wamel", "6659 BN"},
	{112, "Gemeentehuis (maandag)", "6658 AG"},
	{113, "MFA d'n Hoender (maandag)", "6621 KV"},
	{114, "Gemeentehuis (dinsdag)", "6658 AG"},
	{115, "MFA d'n Hoender (dinsdag)", "6621 KV"},
	{116, "Kulturhus d'n Dulper (woensdag)", "6657 CB"},
	{117, "Dorpshuis De Schuur (woensdag)", "6629 AR"},
	{118, "Dorpshuis De Uithof (woensdag)", "6628 AC"},
	{119, "MFA Het Hanzehuys (woensdag)", "6627 HA"},
	{120, "Dorpshuis De Hucht (woensdag)", "6626 AC"},
	{121, "VTC Wamel (woensdag)", "6659 BN"},
};
#define NWMW (sizeof wmw_stations / sizeof wmw_stations[0])

/* A count: the election, stations and forms it owns, and the 510b input over them. */
struct count {
	struct eml_doc *doc;                /* when the lists come from a 230b */
	struct tally_election election;
	struct tally_list *lists;           /* made by hand (doc == NULL) */
	size_t nlists;
	struct tally_station *stations;
	struct tally_form **forms;
	struct tally_form *total;
	size_t nstations;
	struct eml_510b in;
};

static char tmpdir[] = "/tmp/test_pv_XXXXXX";
static int tmpn;


/*
 * Fills a form with made-up counts that obey every rule of domain.md §4:
 * the candidates' votes add up to the list totals, E to the lists, H to
 * E + F + G, and D differs from H now and then, explained by K or N.
 */
static void fill(struct tally_form *f, size_t s)
{
	long valid = 0, d;
	size_t i, j;

	for (i = 0; i < f->nlists; i++) {
		long sum = 0;

		for (j = 0; j < f->lists[i].ncandidates; j++) {
			long c = (long)(((s + 1) * (j + 3) * (i + 5)) % 9);

			if (j == 0)
				c += 20 + (long)((s * 7 + i * 11) % 60);
			f->lists[i].candidates[j] = c;
			sum += c;
		}
		f->lists[i].total = sum;
		f->list_totals[i] = sum;
		valid += sum;
	}
	f->valid_votes = valid;
	f->blank_votes = (long)(s % 3);
	f->invalid_votes = (long)((s + 1) % 2);
	f->votes_cast = valid + f->blank_votes + f->invalid_votes;
	f->more_ballots_counted = f->fewer_ballots_counted = 0;
	f->taken_home = f->too_few_issued = f->too_many_issued = 0;
	f->no_explanation = f->other_explanation = 0;
	d = f->votes_cast;
	if (s % 4 == 0) {          /* one ballot taken home: H < D */
		d = f->votes_cast + 1;
		f->fewer_ballots_counted = 1;
		f->taken_home = 1;
	} else if (s % 7 == 3) {   /* two ballots more than voters, unexplained: H > D */
		d = f->votes_cast - 2;
		f->more_ballots_counted = 2;
		f->no_explanation = 2;
	}
	f->admitted_voters = d;
	f->proxy_certificates = 3 + (long)(s % 5);
	if (f->voter_cards != TALLY_ABSENT) {
		f->voter_cards = (long)(s % 3);
		f->poll_cards = d - f->proxy_certificates - f->voter_cards;
	} else {
		f->poll_cards = d - f->proxy_certificates;
	}
}

/* Sums the definitive forms into c->total and points c->in at everything. */
static void total(struct count *c)
{
	size_t i;

	tally_form_zero(c->total);
	for (i = 0; i < c->nstations; i++)
		if (c->forms[i] != NULL)
			assert_int_equal(tally_form_add(c->total, c->forms[i]), 0);
	c->in.election = &c->election;
	c->in.authority_id = "0668";
	c->in.authority_name = "West Maas en Waal";
	c->in.contest_id = "geen";
	c->in.contest_name = "";
	c->in.creation_time = "2022-03-17T01:32:49.834";
	c->in.lists = c->doc != NULL ? c->doc->lists : c->lists;
	c->in.nlists = c->nlists;
	c->in.total = c->total;
	c->in.stations = c->stations;
	c->in.forms = (const struct tally_form *const *)c->forms;
	c->in.nstations = c->nstations;
}

/* Stations and forms for the lists of c, nstations of them. */
static void stations(struct count *c, size_t nstations)
{
	const struct tally_list *lists = c->doc != NULL ? c->doc->lists : c->lists;
	int vc = tally_category_has_voter_cards(c->election.category);
	size_t i;

	c->nstations = nstations;
	assert_non_null(c->stations = calloc(nstations, sizeof *c->stations));
	assert_non_null(c->forms = calloc(nstations, sizeof *c->forms));
	for (i = 0; i < nstations; i++) {
		struct tally_station *st = &c->stations[i];

		if (nstations == NWMW) {
			st->number = wmw_stations[i].number;
			snprintf(st->name, sizeof st->name, "%s", wmw_stations[i].name);
			snprintf(st->postcode, sizeof st->postcode, "%s", wmw_stations[i].postcode);
		} else {
			st->number = (int)i + 1;
			snprintf(st->name, sizeof st->name, "Stembureau in wijk %zu", i + 1);
		}
		st->electorate = 2500;
		assert_non_null(c->forms[i] = tally_form_new(lists, c->nlists, vc));
		fill(c->forms[i], i);
	}
	assert_non_null(c->total = tally_form_new(lists, c->nlists, vc));
	total(c);
}

/* West Maas en Waal: the real 230b's lists, 21 stations. */
static struct count *wmw(void)
{
	struct count *c = calloc(1, sizeof *c);
	struct tally_problems p = {0};
	unsigned char *b;
	size_t len;

	assert_non_null(c);
	b = slurp(LISTS_230B, &len);
	assert_int_equal(eml_read(b, len, &c->doc, &p), 0);
	free(b);
	assert_int_equal(c->doc->nlists, 8);
	c->election = c->doc->election;
	c->nlists = c->doc->nlists;
	stations(c, NWMW);
	return c;
}

/* A made-up election of category cat: nlists lists of ncand candidates, nst stations. */
static struct count *synthetic(enum tally_category cat, size_t nlists, size_t ncand, size_t nst)
{
	struct count *c = calloc(1, sizeof *c);
	size_t i, j;

	assert_non_null(c);
	c->election.category = cat;
	snprintf(c->election.id, sizeof c->election.id, "%s2025", tally_category_name(cat));
	snprintf(c->election.name, sizeof c->election.name, "Verkiezing (%s) 2025",
	         tally_category_name(cat));
	snprintf(c->election.date, sizeof c->election.date, "2025-10-29");
	c->nlists = nlists;
	assert_non_null(c->lists = calloc(nlists, sizeof *c->lists));
	for (i = 0; i < nlists; i++) {
		struct tally_list *l = &c->lists[i];

		l->number = (int)i + 1;
		snprintf(l->name, sizeof l->name, "Partij nummer %zu", i + 1);
		l->ncandidates = ncand;
		assert_non_null(l->candidates = calloc(ncand, sizeof *l->candidates));
		for (j = 0; j < ncand; j++) {
			struct tally_candidate *k = &l->candidates[j];

			k->position = (int)j + 1;
			snprintf(k->initials, sizeof k->initials, "%c.", 'A' + (int)(j % 26));
			snprintf(k->last_name, sizeof k->last_name, "Kandidaat%02zu-%02zu", i + 1, j + 1);
		}
	}
	if (nlists > 0 && ncand > 1) { /* the way the Kiesraad writes a name with a prefix */
		snprintf(c->lists[0].candidates[1].last_name, TALLY_TEXT_MAX, "Vaart");
		snprintf(c->lists[0].candidates[1].initials, 64, "H.");
		snprintf(c->lists[0].candidates[1].prefix, 64, "van der");
	}
	stations(c, nst);
	return c;
}

static void count_free(struct count *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nstations; i++)
		tally_form_free(c->forms[i]);
	free(c->forms);
	free(c->stations);
	tally_form_free(c->total);
	tally_lists_free(c->lists, c->nlists);
	eml_doc_free(c->doc);
	free(c);
}

/* The PV of c; the caller frees *bytes. */
static void write_pv(const struct count *c, int draft, char **bytes, size_t *len)
{
	struct pv_input in = {&c->in, HASH, KEY, CREATED, draft, NULL, NULL, NULL, 0, NULL};

	assert_int_equal(pv_write(&in, bytes, len), 0);
	assert_non_null(*bytes);
	assert_true(*len > 1000);
	assert_memory_equal(*bytes, "%PDF-", 5);
}

/* Saves the bytes to a new file in tmpdir (and to $PV_OUT/name when set); returns its path. */
static char *save(const char *bytes, size_t len, const char *name)
{
	static char path[128];
	const char *out = getenv("PV_OUT");
	FILE *f;

	snprintf(path, sizeof path, "%s/%d.pdf", tmpdir, ++tmpn);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	if (out != NULL) {
		char keep[512];

		snprintf(keep, sizeof keep, "%s/%s", out, name);
		if ((f = fopen(keep, "wb")) != NULL) {
			fwrite(bytes, 1, len, f);
			fclose(f);
		}
	}
	return path;
}

/* The standard output of a shell command (malloc'd, NUL-terminated); the command must succeed. */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	char *out = NULL, *q;
	size_t len = 0, cap = 0, n;

	assert_non_null(p);
	for (;;) {
		if (cap - len < 4097) {
			cap = cap ? cap * 2 : 65536;
			assert_non_null(q = realloc(out, cap));
			out = q;
		}
		if ((n = fread(out + len, 1, 4096, p)) == 0)
			break;
		len += n;
	}
	out[len] = '\0';
	assert_int_equal(pclose(p), 0);
	return out;
}

/* pdftotext -layout of a PDF file: pages separated by form feeds. */
static char *pdf_text_of(const char *path)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	return run(cmd);
}

/* The number of pages pdfinfo reports. */
static long pdf_pages(const char *path)
{
	char cmd[256], *info, *p, *end;
	long n;

	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	info = run(cmd);
	assert_non_null(p = strstr(info, "\nPages:"));
	p += strlen("\nPages:");
	while (*p == ' ')
		p++;
	n = strtol(p, &end, 10);
	assert_true(end > p);
	free(info);
	return n;
}

static size_t occurrences(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

static void assert_contains(const char *text, const char *needle)
{
	if (strstr(text, needle) == NULL)
		fail_msg("the PV's text lacks \"%s\"", needle);
}

/* pdftotext's pages (split at form feeds); returns how many, *pages malloc'd over text. */
static size_t split_pages(char *text, char ***pages)
{
	size_t n = 0, cap = 16;
	char *p = text, *ff;

	assert_non_null(*pages = malloc(cap * sizeof **pages));
	while ((ff = strchr(p, '\f')) != NULL) {
		*ff = '\0';
		if (n == cap)
			assert_non_null(*pages = realloc(*pages, (cap *= 2) * sizeof **pages));
		(*pages)[n++] = p;
		p = ff + 1;
	}
	return n;
}

/*
 * What every page must show: the hash code once, the key's fingerprint, and
 * "pagina k van n" (and CONCEPT in a draft). Returns the number of pages.
 */
static long check_every_page(const char *path, char *text, int draft)
{
	long n = pdf_pages(path), k;
	char **pages, want[64];

	assert_true(n >= 1);
	assert_int_equal(occurrences(text, HASH), (size_t)n);
	assert_int_equal(occurrences(text, KEY), (size_t)n);
	assert_int_equal(split_pages(text, &pages), (size_t)n);
	for (k = 0; k < n; k++) {
		snprintf(want, sizeof want, "pagina %ld van %ld", k + 1, n);
		assert_contains(pages[k], want);
		assert_int_equal(occurrences(pages[k], HASH), 1);
		assert_contains(pages[k], "Hashcode 510b:");
		assert_contains(pages[k], "Ondertekeningssleutel:");
		if (draft)
			assert_contains(pages[k], "CONCEPT");
		else
			assert_null(strstr(pages[k], "CONCEPT"));
	}
	free(pages);
	return n;
}

/* "Vaart, H. van der", as the PV writes a candidate. */
static void name_of(const struct tally_candidate *k, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s%s%s", k->last_name,
	         k->initials[0] || k->prefix[0] ? ", " : "", k->initials,
	         k->initials[0] && k->prefix[0] ? " " : "", k->prefix);
}

/* ------------------------------------------------------------------ */

static void test_pv_shows_the_whole_count(void **state)
{
	struct count *c = wmw();
	char *bytes, *text, want[1200];
	const char *path;
	size_t len, i, j;
	long pages;

	(void)state;
	write_pv(c, 0, &bytes, &len);
	path = save(bytes, len, "pv_wmw.pdf");
	text = pdf_text_of(path);
	assert_contains(text, "Proces-verbaal van de uitslag van de stemming in de gemeente");
	assert_contains(text, "Gemeenteraad West Maas en Waal 2022");
	assert_contains(text, "16 maart 2022");
	assert_contains(text, "gemeentecode 0668");
	assert_contains(text, "17 maart 2022 om 01:32:49");
	assert_contains(text, "Aantal geldige stempassen");
	assert_contains(text, "Totaal aantal toegelaten kiezers (A + B)");
	assert_null(strstr(text, "kiezerspassen")); /* GR: no C */
	assert_contains(text, "meegenomen");
	assert_contains(text, "Voorzitter");
	assert_contains(text, "Leden");
	assert_contains(text, "handtekening");
	for (i = 0; i < NWMW; i++)
		assert_contains(text, wmw_stations[i].name);
	for (i = 0; i < c->nlists; i++) {
		const struct tally_list *l = &c->doc->lists[i];

		assert_contains(text, l->name);
		snprintf(want, sizeof want, "Totaal lijst %d: %ld", l->number, c->total->lists[i].total);
		assert_contains(text, want);
		for (j = 0; j < l->ncandidates; j++) {
			name_of(&l->candidates[j], want, sizeof want);
			assert_contains(text, want);
		}
	}
	snprintf(want, sizeof want, "%ld", c->total->votes_cast);
	assert_contains(text, want);
	pages = check_every_page(path, text, 0);
	print_message("West Maas en Waal: %ld pages, %zu bytes\n", pages, len);
	free(text);
	free(bytes);
	count_free(c);
}

static void test_pv_draft_says_concept_on_every_page(void **state)
{
	struct count *c = wmw();
	char *bytes, *text;
	const char *path;
	size_t len;

	(void)state;
	tally_form_free(c->forms[3]);
	tally_form_free(c->forms[12]);
	c->forms[3] = c->forms[12] = NULL;
	total(c);
	write_pv(c, 1, &bytes, &len);
	path = save(bytes, len, "pv_wmw_concept.pdf");
	text = pdf_text_of(path);
	assert_int_equal(occurrences(text, "nog niet definitief"), 2);
	assert_contains(text, "19 van 21");
	assert_contains(text, wmw_stations[3].name);
	check_every_page(path, text, 1);
	free(text);
	free(bytes);
	count_free(c);
}

static void test_pv_same_input_same_bytes(void **state)
{
	struct count *c = wmw();
	char *a, *b;
	size_t alen, blen;

	(void)state;
	write_pv(c, 0, &a, &alen);
	write_pv(c, 0, &b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(b);
	write_pv(c, 1, &b, &blen); /* a draft is another document */
	assert_true(alen != blen || memcmp(a, b, alen) != 0);
	free(a);
	free(b);
	count_free(c);
}

static void test_pv_voter_cards_only_where_the_election_has_them(void **state)
{
	struct count *c = synthetic(TALLY_CAT_TK, 3, 12, 4);
	char *bytes, *text;
	const char *path;
	size_t len;

	(void)state;
	write_pv(c, 0, &bytes, &len);
	path = save(bytes, len, "pv_tk.pdf");
	text = pdf_text_of(path);
	assert_contains(text, "Aantal geldige kiezerspassen");
	assert_contains(text, "Totaal aantal toegelaten kiezers (A + B + C)");
	assert_contains(text, "Vaart, H. van der");
	assert_contains(text, "29 oktober 2025");
	check_every_page(path, text, 0);
	free(text);
	free(bytes);
	count_free(c);
}

static void test_pv_refuses_incomplete_input(void **state)
{
	struct count *c = synthetic(TALLY_CAT_GR, 1, 2, 1);
	struct pv_input in = {&c->in, HASH, KEY, CREATED, 0, NULL, NULL, NULL, 0, NULL};
	char *bytes = (char *)&in;
	size_t len = 7;

	(void)state;
	in.hash_code = NULL;
	assert_int_equal(pv_write(&in, &bytes, &len), -1);
	assert_null(bytes);
	assert_int_equal(len, 0);
	in.hash_code = HASH;
	in.key_fingerprint = NULL;
	assert_int_equal(pv_write(&in, &bytes, &len), -1);
	in.key_fingerprint = KEY;
	c->in.total = NULL;
	assert_int_equal(pv_write(&in, &bytes, &len), -1);
	assert_int_equal(pv_write(NULL, &bytes, &len), -1);
	count_free(c);
}

/* A list too long for one page goes on over the next, its bar repeated. */
static void test_pv_long_list_goes_on_over_pages(void **state)
{
	struct count *c = synthetic(TALLY_CAT_GR, 2, 100, 3);
	char *bytes, *text;
	const char *path;
	size_t len, j;

	(void)state;
	for (j = 0; j < 100; j++) /* names of three lines each */
		snprintf(c->lists[0].candidates[j].last_name, TALLY_TEXT_MAX,
		         "Kandidaat %zu met een achternaam die zo lang is dat hij over drie regels "
		         "moet worden verdeeld om in de kolom te passen", j + 1);
	write_pv(c, 1, &bytes, &len);
	path = save(bytes, len, "pv_long_list.pdf");
	text = pdf_text_of(path);
	assert_contains(text, "Lijst 1 \xc2\xb7 Partij nummer 1 (vervolg)");
	assert_contains(text, "Kandidaat02-100");
	check_every_page(path, text, 1);
	free(text);
	free(bytes);
	count_free(c);
}

static double ms(struct timespec a, struct timespec b)
{
	return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

/* 500 stations, 30 lists of 50 candidates: how long it takes (the best of three, as other
 * processes share the machine) and how much memory. */
static void test_pv_large_municipality(void **state)
{
	struct count *c = synthetic(TALLY_CAT_TK, 30, 50, 500);
	struct rusage before, after;
	struct timespec t0, t1, c0, c1;
	char *bytes = NULL, *text;
	const char *path;
	double wall = 0, cpu = 0;
	size_t len;
	long pages;
	int i;

	(void)state;
	getrusage(RUSAGE_SELF, &before);
	for (i = 0; i < 3; i++) {
		free(bytes);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
		write_pv(c, 0, &bytes, &len);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (i == 0 || ms(t0, t1) < wall)
			wall = ms(t0, t1);
		if (i == 0 || ms(c0, c1) < cpu)
			cpu = ms(c0, c1);
	}
	getrusage(RUSAGE_SELF, &after);
	path = save(bytes, len, "pv_large.pdf");
	text = pdf_text_of(path);
	assert_contains(text, "Stembureau in wijk 500");
	assert_contains(text, "Kandidaat30-50");
	pages = check_every_page(path, text, 0);
	print_message("500 stations, 30 lists x 50 candidates: %ld pages, %zu bytes; pv_write "
	              "%.0f ms (%.0f ms CPU), best of 3; peak RSS %ld KiB (before: %ld KiB)\n",
	              pages, len, wall, cpu, after.ru_maxrss, before.ru_maxrss);
	free(text);
	free(bytes);
	count_free(c);
}

static void test_pv_states_the_session(void **state)
{
	static const char *const members[] = {"J. de Vries, voorzitter", "A. Bakker, lid",
	                                      "\xc3\x89. \xc3\x96zdemir-Janssen, plaatsvervangend lid"};
	struct pv_session z = {"Gemeentehuis Beneden-Leeuwen, raadzaal", "2022-03-17", "21:05",
	                       "23:50", members, 3};
	struct count *c = wmw();
	struct pv_input in = {&c->in, HASH, KEY, CREATED, 0, &z, NULL, NULL, 0, NULL};
	char *bytes, *text, **pages;
	const char *path;
	size_t len, i;

	(void)state;
	assert_int_equal(pv_write(&in, &bytes, &len), 0);
	path = save(bytes, len, "pv_wmw_session.pdf");
	text = pdf_text_of(path);
	check_every_page(path, text, 0); /* cuts text at its first page */
	free(text);
	text = pdf_text_of(path);
	assert_true(split_pages(text, &pages) >= 1);
	/* On the first page, before part 1. */
	assert_contains(pages[0], "Zitting van het gemeentelijk stembureau");
	assert_true(strstr(pages[0], "Zitting van het gemeentelijk stembureau") <
	            strstr(text, "1. Aantallen kiezers"));
	assert_contains(pages[0], "Gemeentehuis Beneden-Leeuwen, raadzaal");
	assert_contains(pages[0], "17 maart 2022");
	assert_contains(pages[0], "Aanvang");
	assert_contains(pages[0], "21:05 uur");
	assert_contains(pages[0], "23:50 uur");
	assert_contains(pages[0], "Aanwezige leden");
	for (i = 0; i < 3; i++)
		assert_contains(pages[0], members[i]);
	assert_null(strstr(text, "met de hand in")); /* everything is known */
	free(pages);
	free(text);
	free(bytes);
	count_free(c);
}

/* Without session details (NULL, or a part unknown): lines to fill in by hand. */
static void test_pv_session_unknown_leaves_lines(void **state)
{
	struct pv_session part = {"Raadzaal", "", NULL, "", NULL, 0};
	const struct pv_session *cases[] = {NULL, &part};
	struct count *c = wmw();
	char *bytes, *text;
	const char *path;
	size_t len, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct pv_input in = {&c->in, HASH, KEY, CREATED, 0, cases[k], NULL, NULL, 0, NULL};

		assert_int_equal(pv_write(&in, &bytes, &len), 0);
		path = save(bytes, len, k == 0 ? "pv_wmw_no_session.pdf" : "pv_wmw_part_session.pdf");
		text = pdf_text_of(path);
		check_every_page(path, text, 0);
		assert_contains(text, "Zitting van het gemeentelijk stembureau");
		assert_contains(text, "Wat hieronder niet is ingevuld, vult de voorzitter met de hand in.");
		assert_contains(text, "Plaats");
		assert_contains(text, "Datum");
		assert_contains(text, "Aanvang");
		assert_contains(text, "Einde");
		assert_contains(text, "Aanwezige leden");
		assert_null(strstr(text, " uur"));
		if (k == 1)
			assert_contains(text, "Raadzaal");
		free(text);
		free(bytes);
	}
	count_free(c);
}

/* Part 4: the accounts made or changed after data entry began, confirmed or not. */
static void test_pv_lists_accounts_changed_after_entry_began(void **state)
{
	static const struct pv_account_change ch[] = {
		{"laat", "typist", "created", "2022-03-16T20:10:00.000Z", "beheerder",
		 "2022-03-16T20:12:00.000Z", "coordinator"},
		{"coord2", "coordinator", "password_reset", "2022-03-16T21:00:00.000Z", "cli:root", "",
		 ""},
	};
	struct count *c = wmw();
	char *bytes, *text;
	const char *path;
	size_t len, k;

	(void)state;
	for (k = 0; k < 3; k++) {
		struct pv_input in = {&c->in, HASH, KEY, CREATED, 0, NULL,
		                      k == 0 ? NULL : "2022-03-16T19:30:00.000Z", k == 2 ? ch : NULL,
		                      k == 2 ? 2 : 0, NULL};

		assert_int_equal(pv_write(&in, &bytes, &len), 0);
		path = save(bytes, len, k == 2 ? "pv_wmw_accounts.pdf" : "pv_wmw_no_accounts.pdf");
		text = pdf_text_of(path);
		assert_contains(text, "4. Accounts aangemaakt of gewijzigd na het begin van de invoer");
		assert_contains(text, "5. Ondertekening door het gemeentelijk stembureau");
		if (k == 0)
			assert_contains(text, "De invoer is nog niet begonnen.");
		if (k == 1)
			assert_contains(text, "Na het begin van de invoer is geen account aangemaakt of");
		if (k == 2) {
			assert_contains(text, "De invoer begon op 16-03-2022");
			assert_contains(text, "laat");
			assert_contains(text, "aangemaakt");
			assert_contains(text, "coordinator");
			assert_contains(text, "nieuw wachtwoord");
			assert_contains(text, "cli:root");
			assert_contains(text, "niet bevestigd");
		}
		free(text);
		free(bytes);
	}
	count_free(c);
}

/* The audit log's head on paper: with one, its id and its link in groups of four; without, no line. */
static void test_pv_prints_the_audit_head(void **state)
{
	static const char head[] =
		"1234 3f2a9c1b00112233445566778899aabbccddeeff001122334455667788990011";
	struct count *c = wmw();
	char *bytes, *text;
	const char *path;
	size_t len, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct pv_input in = {&c->in, HASH, KEY, CREATED, 0, NULL, NULL, NULL, 0,
		                      k == 0 ? head : NULL};

		assert_int_equal(pv_write(&in, &bytes, &len), 0);
		path = save(bytes, len, k == 0 ? "pv_wmw_audit_head.pdf" : "pv_wmw_no_audit_head.pdf");
		text = pdf_text_of(path);
		if (k == 0) {
			assert_contains(text, "1234 regels");
			assert_contains(text, "3f2a 9c1b 0011 2233");
			assert_contains(text, "--anchor 1234:3f2a9c1b");
		} else {
			assert_null(strstr(text, "Het logboek van Teller telde"));
		}
		free(text);
		free(bytes);
	}
	count_free(c);
}

/* ------------------------------------------------------------------ */
/* The engine on its own                                               */
/* ------------------------------------------------------------------ */

#define NA_ROWS 150

static double na_frame(struct pdf_doc *d, void *ctx)
{
	char page[64];

	(void)ctx;
	pdf_doc_page_label(d, page, sizeof page);
	pdf_text(d->pdf, d->x, PDF_A4_H - 40, d->w, "DejaVu Sans 8px", PDF_RIGHT, page);
	return 60;
}

/* A station's name; every tenth one long enough to take two lines. */
static void na_name(int i, char *out, size_t size)
{
	snprintf(out, size, i % 10 == 7 ? "Begin%d van een stembureau met een naam die zo lang is dat "
	         "hij in deze smalle kolom over twee regels loopt Eind%d" : "Stembureau %d", i, i);
}

/* Corrections of NA_ROWS stations, the odd ones changed (in bold), and their totals. */
static int na_body(struct pdf_doc *d, void *ctx)
{
	static const struct pdf_table_style ts = {
		.pad = 3, .above = 2, .below = 3, .head_above = 3, .head_below = 3, .head_grey = 0.82,
		.zebra_grey = 0.94, .rule_w = 0.3, .rule_grey = 0.7, .col_rule_w = 0.3,
		.col_rule_grey = 0.6, .total_rule_w = 1.2, .total_gap = 2, .total_grey = 0.88,
		.shade_grey = 0.8, .cont_font = "DejaVu Sans Bold 9px",
	};
	struct pdf_table t = {&ts, "DejaVu Sans 8px", "DejaVu Sans Bold 8px",
		"Gecorrigeerde uitkomsten", {{"Nr", 30, PDF_RIGHT, 0},
		{"Stembureau", -1, PDF_LEFT, 0}, {"Oud", 60, PDF_RIGHT, 1},
		{"Nieuw", 60, PDF_RIGHT, 1}}, 4, NULL, {0}, 0};
	char when[64], nr[16], old[16], now[16], name[256], sum[2][16];
	long o = 0, n = 0;
	int i;

	pdf_doc_heading(d, "Proces-verbaal van een nieuwe zitting", 40);
	pdf_nl_datetime("2026-03-19T10:05:00", when, sizeof when);
	pdf_doc_field(d, 120, "Zitting", when);
	pdf_doc_para(d, "DejaVu Sans 9px", "De tabel hieronder loopt over meer pagina's.");
	pdf_doc_heading(d, t.title, pdf_table_keep(d, &t, 2));
	pdf_table_begin(d, &t);
	for (i = 1; i <= NA_ROWS; i++) {
		struct pdf_cell cells[] = {{nr, 0}, {name, 0}, {old, 0}, {now, i % 2 ? PDF_CELL_BOLD : 0}};

		snprintf(nr, sizeof nr, "%d", i);
		na_name(i, name, sizeof name);
		pdf_nl_count(1000L * i, old, sizeof old);
		pdf_nl_count(1000L * i + i % 2, now, sizeof now);
		o += 1000L * i;
		n += 1000L * i + i % 2;
		pdf_table_row(&t, cells);
	}
	{
		struct pdf_cell cells[] = {{"", 0}, {"Totaal", 0}, {sum[0], 0}, {sum[1], 0}};

		pdf_nl_count(o, sum[0], sizeof sum[0]);
		pdf_nl_count(n, sum[1], sizeof sum[1]);
		pdf_table_total(&t, cells);
	}
	pdf_table_end(&t);
	pdf_doc_para(d, "DejaVu Sans 9px", "Einde van het proces-verbaal.");
	return *(const int *)ctx;
}

/* The page (from 0) of pages[] that holds needle, or -1. */
static long page_of(char **pages, size_t n, const char *needle)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (strstr(pages[k], needle) != NULL)
			return (long)k;
	return -1;
}

/*
 * A table longer than a page: its head again on every page it reaches, under
 * "title (vervolg)"; no row split over two pages; the totals last;
 * "pagina k van n" on every page; the Dutch forms.
 */
static void test_engine_table_over_pages(void **state)
{
	int rc = 0;
	struct pdf_doc_def def = {.body_end = PDF_A4_H - 60, .frame = na_frame, .body = na_body,
	                          .ctx = &rc, .created = CREATED};
	struct pdf_style st = {"DejaVu Sans 9px", "DejaVu Sans Bold 9px", "DejaVu Sans Bold 11px",
	                       14, 1.0, 8, 4, 3};
	char *bytes, *text, **pages, want[300];
	const char *path;
	size_t len, n, k;
	long first, last;
	int i;

	(void)state;
	def.style = &st;
	assert_int_equal(pdf_doc_write(&def, &bytes, &len), 0);
	path = save(bytes, len, "engine_na14.pdf");
	text = pdf_text_of(path);
	assert_contains(text, "19 maart 2026 om 10:05:00");
	assert_contains(text, "150.000");
	n = split_pages(text, &pages);
	assert_int_equal(n, (size_t)pdf_pages(path));
	assert_true(n >= 3);
	first = page_of(pages, n, "Stembureau 1 ");
	last = page_of(pages, n, "Totaal");
	assert_int_equal(first, 0);
	assert_true(last >= 2);
	for (k = 0; k < n; k++) {
		snprintf(want, sizeof want, "pagina %zu van %zu", k + 1, n);
		assert_contains(pages[k], want);
		if (k > 0 && (long)k <= last) {
			assert_contains(pages[k], "Gecorrigeerde uitkomsten (vervolg)");
			assert_true(strstr(pages[k], "(vervolg)") < strstr(pages[k], "Stembureau"));
			assert_contains(pages[k], "Oud");
			assert_contains(pages[k], "Nieuw");
		} else {
			assert_null(strstr(pages[k], "(vervolg)"));
		}
	}
	for (i = 7; i <= NA_ROWS; i += 10) {      /* the two-line names stay whole */
		char b[32], e[32];

		snprintf(b, sizeof b, "Begin%d ", i);
		snprintf(e, sizeof e, "Eind%d", i);
		assert_true(page_of(pages, n, b) >= 0);
		assert_int_equal(page_of(pages, n, b), page_of(pages, n, e));
	}
	assert_true(page_of(pages, n, "Einde van het proces-verbaal.") >= last);
	free(pages);
	free(text);
	free(bytes);

	/* A body that gives up: its answer, and no bytes. */
	rc = -3;
	assert_int_equal(pdf_doc_write(&def, &bytes, &len), -3);
	assert_null(bytes);
	assert_int_equal(len, 0);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	char path[128];
	int i;

	(void)state;
	for (i = 1; i <= tmpn; i++) {
		snprintf(path, sizeof path, "%s/%d.pdf", tmpdir, i);
		unlink(path);
	}
	rmdir(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pv_shows_the_whole_count),
		cmocka_unit_test(test_pv_draft_says_concept_on_every_page),
		cmocka_unit_test(test_pv_same_input_same_bytes),
		cmocka_unit_test(test_pv_voter_cards_only_where_the_election_has_them),
		cmocka_unit_test(test_pv_refuses_incomplete_input),
		cmocka_unit_test(test_pv_long_list_goes_on_over_pages),
		cmocka_unit_test(test_pv_large_municipality),
		cmocka_unit_test(test_pv_states_the_session),
		cmocka_unit_test(test_pv_session_unknown_leaves_lines),
		cmocka_unit_test(test_pv_lists_accounts_changed_after_entry_began),
		cmocka_unit_test(test_pv_prints_the_audit_head),
		cmocka_unit_test(test_engine_table_over_pages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
