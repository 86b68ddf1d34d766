/*
 * The proces-verbaal of a later session, Na 14-2 (export/pv_na14.h), read
 * back as a person would read it: the PDF's text through pdftotext -layout,
 * its pages through pdfinfo. Input: the real candidate lists of West Maas
 * en Waal (GR2022, 8 lists, 251 candidates), 21 stations with made-up
 * counts, and a second session that investigates some of them.
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

#include "export/pv_na14.h"
#include "tally/count.h"

#define LISTS_230B "tests/data/eml/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"
#define HASH "9f86 d081 884c 7d65 9a2f eaa0 c55a d015 a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08"
#define KEY  "3b1c 77e0 5a9d 0c42 e8f1 9b6a 21d4 c0ff ee12 7a3e 44b9 d2c1 0f6e 8a57 b3d0 9e64"
#define CREATED "2022-03-24T11:02:03"
#define HEAD "412 7f3a9c0d5e1b2a4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c"
#define NST 21

static char tmpdir[] = "/tmp/test_pv_na14_XXXXXX";
static int tmpn;

/* A municipality after its first session, and a second one over it. */
struct muni {
	struct eml_doc *doc;                    /* the 230b: lists and names */
	struct eml_510b count;
	struct tally_form *forms[NST];          /* as the first session left them */
	struct tally_form *after[NST];          /* after the second (copies, changed or not) */
	struct tally_form *before_total, *after_total;
	struct pv_investigation inv[NST];
	struct pv_correction cor[NST];
	struct pv_session session;
	struct pv_na14_input in;
};

static const char *const members[] = {"J. de Vries, voorzitter", "A. Bakker, lid"};

/* Made-up counts that add up (domain.md §4), different per station s. */
static void fill(struct tally_form *f, size_t s)
{
	long valid = 0;
	size_t i, j;

	for (i = 0; i < f->nlists; i++) {
		long sum = 0;

		for (j = 0; j < f->lists[i].ncandidates; j++) {
			f->lists[i].candidates[j] = (long)(((s + 1) * (j + 3) * (i + 5)) % 9) +
			                            (j == 0 ? 40 + (long)s : 0);
			sum += f->lists[i].candidates[j];
		}
		f->lists[i].total = f->list_totals[i] = sum;
		valid += sum;
	}
	f->valid_votes = valid;
	f->blank_votes = 2;
	f->invalid_votes = 1;
	f->votes_cast = valid + 3;
	f->admitted_voters = f->votes_cast;
	f->proxy_certificates = 5;
	f->poll_cards = f->admitted_voters - 5;
	f->more_ballots_counted = f->fewer_ballots_counted = 0;
	f->taken_home = f->too_few_issued = f->too_many_issued = 0;
	f->no_explanation = f->other_explanation = 0;
}

/* The municipality's totals of forms into sum. */
static void add_up(struct tally_form *sum, struct tally_form *const *forms)
{
	size_t i;

	tally_form_zero(sum);
	for (i = 0; i < NST; i++)
		assert_int_equal(tally_form_add(sum, forms[i]), 0);
}

/* One vote of list l's candidate 1 was candidate 2's, in station s (after the session). */
static void move_vote(struct muni *m, size_t s, size_t l)
{
	m->after[s]->lists[l].candidates[0]--;
	m->after[s]->lists[l].candidates[1]++;
}

static struct station_name {
	int number;
	char name[64];
} names[NST];

/*
 * West Maas en Waal in a second session: station 3 investigated on the
 * committee's own initiative, no new result; station 5 at the CSB's request,
 * recounted, one vote moved from candidate 1 to 2 of list 1.
 */
static struct muni *muni(void)
{
	struct muni *m = calloc(1, sizeof *m);
	struct tally_problems p = {0};
	unsigned char *b;
	size_t len, i;

	assert_non_null(m);
	b = slurp(LISTS_230B, &len);
	assert_int_equal(eml_read(b, len, &m->doc, &p), 0);
	free(b);
	for (i = 0; i < NST; i++) {
		names[i].number = i < 11 ? (int)i + 1 : 101 + (int)i;
		snprintf(names[i].name, sizeof names[i].name, "Dorpshuis nummer %zu", i + 1);
		assert_non_null(m->forms[i] = tally_form_new(m->doc->lists, m->doc->nlists, 0));
		fill(m->forms[i], i);
		assert_non_null(m->after[i] = tally_form_copy(m->forms[i]));
	}
	assert_non_null(m->before_total = tally_form_new(m->doc->lists, m->doc->nlists, 0));
	assert_non_null(m->after_total = tally_form_new(m->doc->lists, m->doc->nlists, 0));
	move_vote(m, 4, 0);
	add_up(m->before_total, m->forms);
	add_up(m->after_total, m->after);
	m->count = (struct eml_510b){.election = &m->doc->election, .authority_id = "0668",
	                             .authority_name = "West Maas en Waal", .contest_id = "geen",
	                             .contest_name = "", .lists = m->doc->lists,
	                             .nlists = m->doc->nlists};
	m->inv[0] = (struct pv_investigation){3, "Dorpshuis nummer 3",
		"Het aantal toegelaten kiezers wijkt af van het aantal getelde stembiljetten.", "",
		"De stempassen zijn opnieuw geteld; de eerdere telling klopt.", 1, 0, {1, 0, 0}};
	m->inv[1] = (struct pv_investigation){5, "Dorpshuis nummer 5",
		"Een kiezer meldt dat stemmen van lijst 1 bij de verkeerde kandidaat zijn geteld.",
		"CSB-2022-014", "Bij de hertelling van lijst 1 bleek een stem van kandidaat 2 bij "
		"kandidaat 1 te zijn geteld.", 1, 1, {0, 0, 1}};
	m->cor[0] = (struct pv_correction){5, "Dorpshuis nummer 5", m->forms[4], m->after[4]};
	m->session = (struct pv_session){"Gemeentehuis, raadzaal", "2022-03-24", "10:00", "11:00",
	                                 members, 2};
	m->in = (struct pv_na14_input){&m->count, 2, &m->session, m->inv, 2, m->cor, 1,
	                               m->before_total, m->after_total, HASH, KEY, CREATED, 0, HEAD};
	return m;
}

static void muni_free(struct muni *m)
{
	size_t i;

	for (i = 0; i < NST; i++) {
		tally_form_free(m->forms[i]);
		tally_form_free(m->after[i]);
	}
	tally_form_free(m->before_total);
	tally_form_free(m->after_total);
	eml_doc_free(m->doc);
	free(m);
}

/* ------------------------------------------------------------------ */
/* Reading the PDF back                                                */
/* ------------------------------------------------------------------ */

/* Saves the bytes to a new file in tmpdir (and into $PV_OUT when set, to look at). */
static char *save(const char *bytes, size_t len)
{
	static char path[128];
	const char *out = getenv("PV_OUT");
	char keep[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%d.pdf", tmpdir, ++tmpn);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	if (out != NULL) {
		snprintf(keep, sizeof keep, "%s/na14_%d.pdf", out, tmpn);
		if ((f = fopen(keep, "wb")) != NULL) {
			fwrite(bytes, 1, len, f);
			fclose(f);
		}
	}
	return path;
}

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

/*
 * Writes the PV of in and reads it back: its text (malloc'd), and its pages
 * checked as every page must be: the corrigendum's hash code (want_hash)
 * once, the key's fingerprint, "pagina k van n", CONCEPT exactly in a draft.
 * Returns the text; *npages the pages.
 */
static char *write_and_read(const struct pv_na14_input *in, const char *want_hash, long *npages)
{
	char *bytes, *text, *info, *p, cmd[256], want[64];
	const char *path;
	size_t len;
	long n, k;

	assert_int_equal(pv_na14_write(in, &bytes, &len), 0);
	assert_memory_equal(bytes, "%PDF-", 5);
	path = save(bytes, len);
	free(bytes);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	info = run(cmd);
	assert_non_null(p = strstr(info, "\nPages:"));
	n = strtol(p + strlen("\nPages:"), NULL, 10);
	free(info);
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	text = run(cmd);
	assert_int_equal(occurrences(text, "\f"), (size_t)n);
	assert_int_equal(occurrences(text, want_hash), (size_t)n);
	assert_int_equal(occurrences(text, KEY), (size_t)n);
	for (k = 0, p = text; k < n; k++) {
		char *ff = strchr(p, '\f');

		*ff = '\0';
		snprintf(want, sizeof want, "pagina %ld van %ld", k + 1, n);
		assert_contains(p, want);
		assert_contains(p, "Hashcode corrigendum:");
		assert_contains(p, "Ondertekeningssleutel:");
		assert_int_equal(strstr(p, "CONCEPT") != NULL, in->draft != 0);
		*ff = '\f';
		p = ff + 1;
	}
	*npages = n;
	return text;
}

/* The line of text (from start) that holds needle, copied into out. */
static void line_with(const char *start, const char *needle, char *out, size_t size)
{
	const char *p = strstr(start, needle), *b, *e;

	if (p == NULL)
		fail_msg("no line holds \"%s\"", needle);
	for (b = p; b > start && b[-1] != '\n'; b--)
		;
	e = p + strcspn(p, "\n");
	snprintf(out, size, "%.*s", (int)(e - b), b);
}

/* The numbers on a line, after its label, in order; returns how many. */
static size_t numbers_after(const char *line, const char *label, long *out, size_t max)
{
	const char *p = strstr(line, label);
	size_t n = 0;
	char *e;

	assert_non_null(p);
	p += strlen(label);
	while (*p != '\0' && n < max) {
		if (*p >= '0' && *p <= '9') {
			out[n++] = strtol(p, &e, 10);
			p = e;
		} else {
			p++;
		}
	}
	return n;
}

/* ------------------------------------------------------------------ */

static void test_na14_reports_the_session(void **state)
{
	struct muni *m = muni();
	char *text, line[512], name[TALLY_CANDIDATE_NAME_MAX], want[TALLY_CANDIDATE_NAME_MAX + 64];
	const char *part3, *part4;
	long pages, v[4];

	(void)state;
	text = write_and_read(&m->in, HASH, &pages);
	/* Title and session */
	assert_contains(text, "Proces-verbaal van een nieuwe zitting (corrigendum)");
	assert_contains(text, "naar model Na 14-2 van de Kiesraad");
	assert_contains(text, "2e zitting (onderzoek en correctie)");
	assert_contains(text, "2 onderzocht, waarvan 1 met een gecorrigeerde uitkomst");
	assert_contains(text, "Gemeentehuis, raadzaal");
	assert_contains(text, "24 maart 2022");
	assert_contains(text, "10:00 uur");
	assert_contains(text, members[0]);
	assert_contains(text, members[1]);
	/* The investigations: station, reason, request or own initiative, findings, outcome */
	assert_contains(text, "Stembureau 3 " "\xc2\xb7" " Dorpshuis nummer 3");
	assert_contains(text, "Het aantal toegelaten kiezers wijkt af");
	assert_contains(text, "op eigen initiatief van het gemeentelijk stembureau");
	assert_contains(text, "De stempassen zijn opnieuw geteld; de eerdere telling klopt.");
	assert_contains(text, "afgerond zonder nieuwe uitkomst");
	assert_contains(text, "toegelaten kiezers opnieuw vastgesteld");
	assert_contains(text, "Stembureau 5 " "\xc2\xb7" " Dorpshuis nummer 5");
	assert_contains(text, "(kenmerk CSB-2022-014)");
	assert_contains(text, "stembiljetten deels herteld");
	assert_contains(text, "afgerond; de uitkomst is gecorrigeerd");
	/* Part 3: station 5's table, old and new side by side, the changed rows marked */
	assert_non_null(part3 = strstr(text, "3. Gecorrigeerde uitkomsten per stembureau"));
	assert_non_null(part4 = strstr(text, "4. Totalen van de gemeente"));
	tally_candidate_name(&m->doc->lists[0].candidates[0], TALLY_NAME_FORMS, name, sizeof name);
	snprintf(want, sizeof want, "Lijst 1, kandidaat 1: %s", name);
	line_with(part3, want, line, sizeof line);
	assert_true(strstr(part3, want) < part4);
	assert_contains(line, "gewijzigd");
	assert_int_equal(numbers_after(line, name, v, 4), 2);
	assert_int_equal(v[0], m->forms[4]->lists[0].candidates[0]);
	assert_int_equal(v[1], v[0] - 1);
	line_with(part3, "Lijst 1, kandidaat 2:", line, sizeof line);
	assert_contains(line, "gewijzigd");
	/* An unchanged count: both figures, equal, not marked */
	line_with(part3, "Stempassen", line, sizeof line);
	assert_null(strstr(line, "gewijzigd"));
	assert_int_equal(numbers_after(line, "Stempassen", v, 4), 2);
	assert_int_equal(v[0], m->forms[4]->poll_cards);
	assert_int_equal(v[1], v[0]);
	assert_contains(part3, "Stemmen op de andere kandidaten: ongewijzigd");
	/* Only the changed candidates: candidate 3 of list 1 is not in part 3 */
	line_with(part3, "E.1", line, sizeof line);
	assert_null(strstr(line, "gewijzigd"));
	assert_true(strstr(part3, "Lijst 1, kandidaat 3:") == NULL ||
	            strstr(part3, "Lijst 1, kandidaat 3:") > part4);
	/* Part 4: the municipality's totals before and after */
	line_with(part4, "Totaal uitgebrachte stemmen", line, sizeof line);
	assert_int_equal(numbers_after(line, "stemmen", v, 4), 2);
	assert_int_equal(v[0], m->before_total->votes_cast);
	assert_int_equal(v[1], m->after_total->votes_cast);
	line_with(part4, want, line, sizeof line);
	assert_int_equal(numbers_after(line, name, v, 4), 2);
	assert_int_equal(v[0], m->before_total->lists[0].candidates[0]);
	assert_int_equal(v[1], m->after_total->lists[0].candidates[0]);
	assert_contains(line, "gewijzigd");
	/* The corrigendum, the log's head, the signatures */
	assert_contains(text, "opgemaakt; zijn hashcode staat onderaan elke pagina");
	assert_contains(text, "moet gelijk zijn aan die van het corrigendum (EML 510b)");
	assert_contains(text, "telde bij het opmaken van dit proces-verbaal 412 regels");
	assert_contains(text, "5. Ondertekening door het gemeentelijk stembureau");
	assert_contains(text, "Aldus vastgesteld en ondertekend");
	free(text);
	muni_free(m);
}

/* Nothing changed: no corrigendum, and the PV says so on every page. */
static void test_na14_without_corrigendum(void **state)
{
	struct muni *m = muni();
	char *text;
	long pages;

	(void)state;
	m->in.ninvestigations = 1;      /* station 3 only */
	m->in.ncorrections = 0;
	m->in.total_after = m->before_total;
	m->in.corrigendum_hash = "";
	text = write_and_read(&m->in, "geen corrigendum opgemaakt", &pages);
	assert_int_equal(occurrences(text, "bij dit proces-verbaal hoort geen corrigendum"),
	                 (size_t)pages);
	assert_contains(text, "geen: in deze zitting is geen getal gewijzigd");
	assert_contains(text, "daarom is er geen corrigendum (EML 510b) opgemaakt");
	assert_contains(text, "In deze zitting is van geen enkel stembureau een getal gewijzigd.");
	assert_contains(text, "Stemmen per kandidaat: geen gewijzigd");
	assert_null(strstr(text, "Dorpshuis nummer 5"));
	assert_null(strstr(text, HASH));
	free(text);
	muni_free(m);
}

/* A draft: CONCEPT on every page, an investigation still open, no signatures asked. */
static void test_na14_draft(void **state)
{
	struct muni *m = muni();
	char *text;
	long pages;

	(void)state;
	m->in.draft = 1;
	m->inv[0].concluded = 0;
	m->inv[0].findings = NULL;
	text = write_and_read(&m->in, HASH, &pages);
	assert_contains(text, "CONCEPT: de zitting is nog niet afgesloten. Niet ondertekenen.");
	assert_contains(text, "het onderzoek loopt nog");
	assert_contains(text, "nog niet vastgesteld");
	assert_contains(text, "dit proces-verbaal is nog niet vastgesteld en wordt niet ondertekend");
	assert_null(strstr(text, "Aldus vastgesteld"));
	free(text);
	muni_free(m);
}

/*
 * Every station corrected, a new one added: the tables go on over several
 * pages, each station's heading once, its head repeated after a break.
 */
static void test_na14_many_stations_over_pages(void **state)
{
	struct muni *m = muni();
	struct tally_form *added;
	char *text, want[128];
	long pages;
	size_t i;

	(void)state;
	for (i = 0; i < NST; i++) {
		if (i != 4)
			move_vote(m, i, i % m->doc->nlists);
		m->inv[i] = (struct pv_investigation){names[i].number, names[i].name, "Hertelling "
			"op verzoek van het centraal stembureau.", "CSB-7", "Stemmen verkeerd geteld.", 1,
			1, {0, 1, 1}};
		m->cor[i] = (struct pv_correction){names[i].number, names[i].name, m->forms[i],
		                                   m->after[i]};
	}
	add_up(m->after_total, m->after);
	/* A station added in this session: its figures are all new */
	assert_non_null(added = tally_form_copy(m->forms[0]));
	m->in.ninvestigations = NST;
	m->in.ncorrections = NST;
	text = write_and_read(&m->in, HASH, &pages);
	assert_true(pages >= 6);
	for (i = 0; i < NST; i++) {
		snprintf(want, sizeof want, "Stembureau %d " "\xc2\xb7" " %s\n", names[i].number,
		         names[i].name);
		assert_int_equal(occurrences(text, want), 2); /* investigated, and corrected */
	}
	/* two candidates' rows marked per station, and the totals' */
	assert_true(occurrences(text, " gewijzigd\n") >= 2 * NST + 2);
	assert_true(occurrences(text, "(vervolg)") >= 1);
	free(text);
	/* The added station: no earlier figures */
	m->cor[0] = (struct pv_correction){200, "Nieuwe school", NULL, added};
	text = write_and_read(&m->in, HASH, &pages);
	assert_contains(text, "Stembureau 200 " "\xc2\xb7" " Nieuwe school (nieuw in deze zitting)");
	tally_form_free(added);
	free(text);
	muni_free(m);
}

static void test_na14_same_input_same_bytes(void **state)
{
	struct muni *m = muni();
	char *a, *b;
	size_t alen, blen;

	(void)state;
	assert_int_equal(pv_na14_write(&m->in, &a, &alen), 0);
	assert_int_equal(pv_na14_write(&m->in, &b, &blen), 0);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	muni_free(m);
}

/* Incomplete or inconsistent input: refused, no bytes. */
static void test_na14_refuses_incomplete_input(void **state)
{
	enum { NO_COUNT, NO_ELECTION, SESSION_1, NO_KEY, NO_CREATED, NO_HASH, NO_BEFORE,
	       NO_AFTER, NO_REASON, NO_NAME, NOT_CONCLUDED, NO_FINDINGS, CORRECTED_OPEN,
	       NO_AFTER_FORM, EMPTY_FIELD, OTHER_SHAPE, HASH_WITHOUT_CHANGE, CHANGE_WITHOUT_HASH,
	       NO_INVESTIGATIONS, NCASES };
	struct tally_form *empty, *small;
	size_t k;

	(void)state;
	for (k = 0; k < NCASES; k++) {
		struct muni *m = muni();
		struct pv_na14_input *in = &m->in;
		char *bytes = (char *)&k;
		size_t len = 1;

		assert_non_null(empty = tally_form_copy(m->after[4]));
		empty->blank_votes = TALLY_EMPTY;
		assert_non_null(small = tally_form_new(m->doc->lists, 1, 0));
		fill(small, 0);
		switch (k) {
		case NO_COUNT: in->count = NULL; break;
		case NO_ELECTION: m->count.election = NULL; break;
		case SESSION_1: in->session_number = 1; break;
		case NO_KEY: in->key_fingerprint = NULL; break;
		case NO_CREATED: in->created = NULL; break;
		case NO_HASH: in->corrigendum_hash = NULL; break;
		case NO_BEFORE: in->total_before = NULL; break;
		case NO_AFTER: in->total_after = NULL; break;
		case NO_REASON: m->inv[1].reason = ""; break;
		case NO_NAME: m->inv[0].station_name = NULL; break;
		case NOT_CONCLUDED: m->inv[0].concluded = 0; break;
		case NO_FINDINGS: m->inv[1].findings = ""; break;
		case CORRECTED_OPEN: m->inv[1].concluded = 0; in->draft = 1; break;
		case NO_AFTER_FORM: m->cor[0].after = NULL; break;
		case EMPTY_FIELD: m->cor[0].after = empty; break;
		case OTHER_SHAPE: m->cor[0].before = small; break;
		case HASH_WITHOUT_CHANGE: in->ncorrections = 0; break;
		case CHANGE_WITHOUT_HASH: in->corrigendum_hash = ""; break;
		case NO_INVESTIGATIONS: in->investigations = NULL; break;
		}
		if (pv_na14_write(in, &bytes, &len) != -1)
			fail_msg("case %zu was not refused", k);
		assert_null(bytes);
		assert_int_equal(len, 0);
		tally_form_free(empty);
		tally_form_free(small);
		muni_free(m);
	}
	/* NULL as the whole input */
	{
		char *bytes;
		size_t len;

		assert_int_equal(pv_na14_write(NULL, &bytes, &len), -1);
		assert_null(bytes);
	}
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
		cmocka_unit_test(test_na14_reports_the_session),
		cmocka_unit_test(test_na14_without_corrigendum),
		cmocka_unit_test(test_na14_draft),
		cmocka_unit_test(test_na14_many_stations_over_pages),
		cmocka_unit_test(test_na14_same_input_same_bytes),
		cmocka_unit_test(test_na14_refuses_incomplete_input),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
