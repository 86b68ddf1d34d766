/*
 * The P 22-2 (export/pv_result.h), read back as a person would read it: the
 * PDF's text through pdftotext -layout, its pages through pdfinfo. Each case
 * is a result computed by tally_result_compute from votes per candidate (a
 * small language, below), with made-up names: the law's cases below and from
 * 19 seats, P 9, P 10 with an empty seat, lots between lists and between
 * candidates, a deceased candidate, a draft, and the largest municipality.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/testutil.h"

#include "export/pv_result.h"
#include "tally/result.h"

#define HASH "9f86 d081 884c 7d65 9a2f eaa0 c55a d015 a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08"
#define KEY  "3b1c 77e0 5a9d 0c42 e8f1 9b6a 21d4 c0ff ee12 7a3e 44b9 d2c1 0f6e 8a57 b3d0 9e64"
#define CREATED "2026-03-19T21:04:10"
#define MIDDOT_T "\xc2\xb7"

/* ------------------------------------------------------------------ */
/* A case: votes in, the result, names, the PDF's text out             */
/* ------------------------------------------------------------------ */

/*
 * Lists are separated by "|"; a candidate is "V" (votes) or "K*V" (K
 * candidates with V votes each), a "d" after it marks a deceased candidate.
 * "50: 540 160 ..." is Abacus's fixture: per number a list of 50 candidates,
 * the first with all the votes. Lots: "L6" (a lot fell on list 6), "C2:5"
 * (on candidate 5 of list 2).
 */
struct pvcase {
	struct tally_election election;
	struct tally_result_in in;
	struct tally_result_list_in lists[TALLY_LISTS_MAX];
	struct tally_result_candidate c[TALLY_LISTS_MAX][TALLY_CANDIDATES_MAX];
	struct tally_lot lots[32];
	struct tally_list names[TALLY_LISTS_MAX];
	struct tally_result r;
	struct pv_result_input pv;
};

static char tmpdir[] = "/tmp/test_pv_result_XXXXXX";
static int tmpn;

static long num(const char **p)
{
	char *e;
	long v = strtol(*p, &e, 10);

	if (e == *p)
		fail_msg("spec: a number expected at \"%s\"", *p);
	*p = e;
	return v;
}

static void add(struct pvcase *k, size_t li, long votes, int deceased)
{
	struct tally_result_list_in *l = &k->lists[li];

	assert_true(l->ncandidates < TALLY_CANDIDATES_MAX);
	k->c[li][l->ncandidates] = (struct tally_result_candidate){(int)l->ncandidates + 1, votes,
	                                                           deceased};
	l->ncandidates++;
	l->votes += votes;
}

/* Names as a 230b gives them: "Kandidaat03-12, A.", a prefix now and then, a locality. */
static void name_lists(struct pvcase *k)
{
	static const char *const places[] = {"Juinen", "Hovenerwoud", "Eemstricht", "Sluisdam"};
	size_t i, j;

	for (i = 0; i < k->in.nlists; i++) {
		struct tally_list *l = &k->names[i];

		l->number = k->lists[i].number;
		snprintf(l->name, sizeof l->name, "Partij nummer %d", l->number);
		l->ncandidates = k->lists[i].ncandidates;
		assert_non_null(l->candidates = calloc(l->ncandidates + 1, sizeof *l->candidates));
		for (j = 0; j < l->ncandidates; j++) {
			struct tally_candidate *c = &l->candidates[j];

			c->position = (int)j + 1;
			snprintf(c->initials, sizeof c->initials, "%c.", 'A' + (int)(j % 26));
			snprintf(c->last_name, sizeof c->last_name, "Kandidaat%02d-%02zu", l->number, j + 1);
			snprintf(c->locality, sizeof c->locality, "%s", places[(i + j) % 4]);
			if (j % 7 == 3)
				snprintf(c->prefix, sizeof c->prefix, "van der");
		}
	}
}

/* The case of seats, spec and lots, computed (want: the status tally_result_compute gives). */
static struct pvcase *pvcase_new(int seats, const char *spec, const char *lots, int want)
{
	struct pvcase *k = calloc(1, sizeof *k);
	const char *p = spec;
	size_t li = 0;
	long v, n;
	int d;

	assert_non_null(k);
	k->in.seats = seats;
	k->in.lists = k->lists;
	for (li = 0; li < TALLY_LISTS_MAX; li++) {
		k->lists[li].candidates = k->c[li];
		k->lists[li].number = (int)li + 1;
	}
	li = 0;
	if (strncmp(p, "50:", 3) == 0) {
		for (p += 3; *p != '\0'; li++) {
			v = num(&p);
			for (n = 0; n < 50; n++)
				add(k, li, n == 0 ? v : 0, 0);
			while (*p == ' ')
				p++;
		}
	} else {
		for (;;) {
			while (*p == ' ')
				p++;
			if (*p == '\0' || *p == '|') {
				li++;
				if (*p++ == '\0')
					break;
				continue;
			}
			v = num(&p);
			n = 1;
			if (*p == '*') {
				p++;
				n = v;
				v = num(&p);
			}
			if ((d = *p == 'd') != 0)
				p++;
			while (n-- > 0)
				add(k, li, v, d);
		}
	}
	k->in.nlists = li;
	for (p = lots; *p != '\0';) {
		struct tally_lot *l = &k->lots[k->in.nlots++];

		while (*p == ' ')
			p++;
		if (*p++ == 'L') {
			l->list = (int)num(&p);
		} else {
			l->list = (int)num(&p);
			assert_int_equal(*p++, ':');
			l->candidate = (int)num(&p);
		}
		while (*p == ' ')
			p++;
	}
	k->in.lots = k->lots;
	assert_int_equal(tally_result_compute(&k->in, &k->r), want);
	name_lists(k);
	snprintf(k->election.id, sizeof k->election.id, "GR2026_Juinen");
	snprintf(k->election.name, sizeof k->election.name, "Gemeenteraad Juinen 2026");
	snprintf(k->election.date, sizeof k->election.date, "2026-03-18");
	k->election.category = TALLY_CAT_GR;
	k->election.seats = seats;
	k->pv = (struct pv_result_input){
		.election = &k->election, .authority_id = "0035", .authority_name = "Juinen",
		.lists = k->names, .nlists = k->in.nlists, .basis = &k->in, .result = &k->r,
		.hash_code_520 = HASH, .key_fingerprint = KEY, .created = CREATED,
	};
	return k;
}

static void pvcase_free(struct pvcase *k)
{
	size_t i;

	for (i = 0; i < k->in.nlists; i++)
		free(k->names[i].candidates);
	tally_result_free(&k->r);
	free(k);
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
		fail_msg("the P 22-2's text lacks \"%s\"", needle);
}

/* Whether text holds phrase once runs of white space (line ends too) count as one space. */
static void assert_flat(const char *text, const char *phrase)
{
	char *flat = malloc(strlen(text) + 1), *q = flat;
	const char *p;

	assert_non_null(flat);
	for (p = text; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\f') {
			if (q > flat && q[-1] != ' ')
				*q++ = ' ';
		} else {
			*q++ = *p;
		}
	}
	*q = '\0';
	if (strstr(flat, phrase) == NULL) {
		free(flat);
		fail_msg("the P 22-2's text lacks \"%s\"", phrase);
	}
	free(flat);
}

/*
 * Whether one line of text holds every one of the NULL-terminated strings, in
 * that order, each a whole word or more (no digit or letter glued before or
 * after it): how a table's row reads in pdftotext -layout.
 */
static int line_has(const char *text, ...)
{
	const char *line = text, *nl, *at, *s;
	va_list ap;
	int ok;

	for (; *line != '\0'; line = *nl ? nl + 1 : nl) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			nl = line + strlen(line);
		at = line;
		ok = 1;
		va_start(ap, text);
		while (ok && (s = va_arg(ap, const char *)) != NULL) {
			const char *f = at;
			size_t n = strlen(s);

			for (ok = 0; (f = strstr(f, s)) != NULL && f + n <= nl; f++) {
				int before = f > line && (f[-1] == '/' || (f[-1] >= '0' && f[-1] <= '9'));
				int after = f[n] == '/' || (f[n] >= '0' && f[n] <= '9');

				if (!before && !after) {
					ok = 1;
					at = f + n;
					break;
				}
			}
		}
		va_end(ap);
		if (ok)
			return 1;
	}
	return 0;
}

#define ASSERT_LINE(text, ...) do { \
	if (!line_has((text), __VA_ARGS__, (const char *)NULL)) \
		fail_msg("no line of the P 22-2 reads: %s", #__VA_ARGS__); \
} while (0)

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
 * What every page must show: the 520's hash code once, the key's fingerprint,
 * "pagina k van n", and CONCEPT in a draft (nowhere otherwise). Returns the
 * number of pages; text is left as it was.
 */
static long check_every_page(const char *path, const char *text, int draft)
{
	long n = pdf_pages(path), k;
	char **pages, want[64], *copy = strdup(text);

	assert_non_null(copy);
	assert_true(n >= 1);
	assert_int_equal(occurrences(text, HASH), (size_t)n);
	assert_int_equal(occurrences(text, KEY), (size_t)n);
	assert_int_equal(split_pages(copy, &pages), (size_t)n);
	for (k = 0; k < n; k++) {
		snprintf(want, sizeof want, "pagina %ld van %ld", k + 1, n);
		assert_contains(pages[k], want);
		assert_int_equal(occurrences(pages[k], HASH), 1);
		assert_contains(pages[k], "Hashcode 520:");
		assert_contains(pages[k], "Ondertekeningssleutel:");
		if (draft)
			assert_contains(pages[k], "CONCEPT");
		else
			assert_null(strstr(pages[k], "CONCEPT"));
	}
	free(pages);
	free(copy);
	return n;
}

/* The P 22-2 of k, saved as name; returns its text (pdftotext -layout), every page checked. */
static char *write_pv(struct pvcase *k, const char *name, long *pages)
{
	char *bytes, *text, cmd[256];
	const char *path;
	size_t len;
	long n;

	assert_int_equal(pv_result_write(&k->pv, &bytes, &len), 0);
	assert_non_null(bytes);
	assert_memory_equal(bytes, "%PDF-", 5);
	path = save(bytes, len, name);
	free(bytes);
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	text = run(cmd);
	n = check_every_page(path, text, k->pv.draft);
	if (pages != NULL)
		*pages = n;
	return text;
}

/* "Kandidaat01-02, B." (with " van der" where the case gave one) of list li, position pos. */
static const char *cname(const struct pvcase *k, size_t li, int pos, char *buf, size_t size)
{
	tally_candidate_name(&k->names[li].candidates[pos - 1], TALLY_NAME_FORMS, buf, size);
	return buf;
}

/* Every elected candidate's name is in text, on a line with its list seat and votes. */
static void check_elected(const struct pvcase *k, const char *text)
{
	char name[TALLY_CANDIDATE_NAME_MAX], seat[24], votes[24], *sp;
	size_t i, j;

	for (i = 0; i < k->r.nlists; i++) {
		const struct tally_result_list *l = &k->r.lists[i];

		assert_int_equal(l->nelected, (size_t)l->seats);
		for (j = 0; j < l->nelected; j++) {
			snprintf(seat, sizeof seat, "%zu", j + 1);
			snprintf(votes, sizeof votes, "%ld", k->c[i][l->elected[j] - 1].votes);
			cname(k, i, l->elected[j], name, sizeof name);
			if ((sp = strstr(name, " van den Berghe")) != NULL)
				*sp = '\0'; /* a long name wraps in its cell: its first words */
			ASSERT_LINE(text, seat, name, votes,
			            j < l->npreference ? "voorkeurstemmen" : "lijstvolgorde");
		}
	}
}

/* ------------------------------------------------------------------ */

/* Issue 10's first vector: 15 seats, largest remainders (P 8). */
static void test_fewer_than_19_seats(void **state)
{
	struct pvcase *k = pvcase_new(15, "50: 540 160 160 80 80 80 60 40", "", TALLY_RESULT_OK);
	char *text;
	long pages;

	(void)state;
	text = write_pv(k, "p22_lt19.pdf", &pages);
	assert_contains(text, "Proces-verbaal van de uitslag en de zetelverdeling");
	assert_contains(text, "Centraal stembureau");
	assert_contains(text, "Gemeenteraad Juinen 2026 (GR2026_Juinen)");
	assert_contains(text, "18 maart 2026");
	assert_contains(text, "gemeentecode 0035");
	assert_contains(text, "19 maart 2026 om 21:04:10");
	/* votes, quota, thresholds */
	ASSERT_LINE(text, "1", "Partij nummer 1", "540");
	ASSERT_LINE(text, "Totaal stemmen op kandidaten", "1200");
	ASSERT_LINE(text, "1200", "15", "=", "80");
	ASSERT_LINE(text, "Kiesdeler", "80");
	ASSERT_LINE(text, "Voorkeurdrempel (50% van de kiesdeler)", "40");
	ASSERT_LINE(text, "Drie vierde van de kiesdeler", "60");
	/* full seats: 6 2 2 1 1 1 0 0, remainders 60 0 0 0 0 0 60 40 */
	ASSERT_LINE(text, "1", "Partij nummer 1", "540", "6", "60", "ja");
	ASSERT_LINE(text, "7", "Partij nummer 7", "60", "0", "60", "ja");
	ASSERT_LINE(text, "8", "Partij nummer 8", "40", "0", "40", "nee");
	ASSERT_LINE(text, "Restzetels", "2");
	/* each residual seat: seat, method, list, value, what was compared */
	ASSERT_LINE(text, "14", "grootste overschot", "1", "60", "Vergeleken: 1: 60; 2: 0;");
	ASSERT_LINE(text, "15", "grootste overschot", "7", "60", "Vergeleken: 2: 0;");
	assert_flat(text, "Gelijk: de lijsten 1 en 7, die elk een zetel krijgen.");
	/* seats per list */
	ASSERT_LINE(text, "1", "Partij nummer 1", "6", "1", "7");
	ASSERT_LINE(text, "7", "Partij nummer 7", "0", "1", "1");
	ASSERT_LINE(text, "Totaal", "13", "2", "15");
	/* no P 9, P 10, lots or deceased here */
	assert_null(strstr(text, "Volstrekte meerderheid"));
	assert_null(strstr(text, "Lijstuitputting"));
	assert_null(strstr(text, "Loting"));
	assert_null(strstr(text, "Overleden kandidaten"));
	assert_contains(text, "Lijst 1 " MIDDOT_T " Partij nummer 1: 7 zetels");
	assert_contains(text, "Lijst 7 " MIDDOT_T " Partij nummer 7: 1 zetel");
	assert_contains(text, "Zonder zetels, met de rangschikking van de lijst: lijst 8.");
	check_elected(k, text);
	assert_contains(text, "Ondertekening door het centraal stembureau");
	assert_contains(text, "handtekening");
	print_message("15 seats: %ld pages\n", pages);
	free(text);
	pvcase_free(k);
}

/* Issue 10's third vector: 23 seats, highest averages (P 7), a 25 % threshold. */
static void test_19_seats_or_more(void **state)
{
	struct pvcase *k = pvcase_new(23, "50: 600 302 98 99 101", "", TALLY_RESULT_OK);
	char *text;

	(void)state;
	text = write_pv(k, "p22_gte19.pdf", NULL);
	ASSERT_LINE(text, "1200", "23", "=", "52 4/23");
	ASSERT_LINE(text, "Kiesdeler", "52 4/23");
	ASSERT_LINE(text, "Voorkeurdrempel (25% van de kiesdeler)", "13 1/23");
	assert_null(strstr(text, "Drie vierde"));
	assert_null(strstr(text, "3/4 kiesdeler"));
	assert_contains(text, "19 zetels of meer (artikel P 7 Kieswet)");
	ASSERT_LINE(text, "1", "Partij nummer 1", "600", "11");
	assert_null(strstr(text, "26 2/23"));   /* no remainders from 19 seats: averages only */
	ASSERT_LINE(text, "Restzetels", "4");
	/* the averages: votes / (seats + 1) */
	ASSERT_LINE(text, "20", "grootste gemiddelde", "5", "50 1/2", "Vergeleken: 1: 50; 2: 50 1/3;"
	            " 3: 49; 4: 49 1/2; 5: 50 1/2.");
	ASSERT_LINE(text, "21", "grootste gemiddelde", "2", "50 1/3", "Vergeleken: 1: 50; 2: 50 1/3;"
	            " 3: 49; 4: 49 1/2; 5: 33 2/3.");
	ASSERT_LINE(text, "22", "grootste gemiddelde", "1", "50", "Vergeleken: 1: 50; 2: 43 1/7;");
	ASSERT_LINE(text, "23", "grootste gemiddelde", "4", "49 1/2", "Vergeleken: 1: 46 2/13;");
	ASSERT_LINE(text, "1", "Partij nummer 1", "11", "1", "12");
	ASSERT_LINE(text, "2", "Partij nummer 2", "5", "1", "6");
	ASSERT_LINE(text, "5", "Partij nummer 5", "1", "1", "2");
	ASSERT_LINE(text, "Totaal", "19", "4", "23");
	check_elected(k, text);
	free(text);
	pvcase_free(k);
}

/* Issue 10's second vector: P 9 takes the last residual seat from list 4 for list 1. */
static void test_absolute_majority(void **state)
{
	struct pvcase *k = pvcase_new(15, "50: 2571 977 567 536 453", "", TALLY_RESULT_OK);
	char *text;

	(void)state;
	text = write_pv(k, "p22_p9.pdf", NULL);
	ASSERT_LINE(text, "5104", "15", "=", "340 4/15");
	ASSERT_LINE(text, "Voorkeurdrempel (50% van de kiesdeler)", "170 2/15");
	ASSERT_LINE(text, "Drie vierde van de kiesdeler", "255 1/5");
	ASSERT_LINE(text, "1", "Partij nummer 1", "2571", "7", "189 2/15", "ja");
	ASSERT_LINE(text, "13", "grootste overschot", "2", "296 7/15");
	ASSERT_LINE(text, "14", "grootste overschot", "3", "226 11/15");
	ASSERT_LINE(text, "15", "grootste overschot", "4", "195 11/15");
	ASSERT_LINE(text, "15", "volstrekte", "1", "Lijst 4 staat deze restzetel af aan lijst 1, die");
	assert_contains(text, "Volstrekte meerderheid (artikel P 9 Kieswet)");
	assert_flat(text, "Lijst 1 (Partij nummer 1) heeft meer dan de helft van de stemmen op");
	assert_flat(text, "(2571 van 5104)");
	assert_flat(text, "(zetel 15), die lijst 4 (Partij nummer 4) had gekregen.");
	ASSERT_LINE(text, "1", "Partij nummer 1", "7", "1", "8");
	ASSERT_LINE(text, "4", "Partij nummer 4", "1", "0", "1");
	assert_null(strstr(text, "Loting"));
	check_elected(k, text);
	free(text);
	pvcase_free(k);
}

/*
 * P 10 below 19 seats (Abacus: test_with_2_exhausted_lists_leaves_seat_
 * unassigned): lists 1 and 2 have 5 full seats and 4 candidates each; seat
 * 14 goes round again to list 4, seat 15 nobody can take.
 */
static void test_list_exhaustion_and_an_empty_seat(void **state)
{
	struct pvcase *k = pvcase_new(15, "500 500 500 500 | 500 500 500 500 | 400 400 400 | 400 0 | 400",
	                              "", TALLY_RESULT_OK);
	char *text;

	(void)state;
	assert_int_equal(k->r.empty_seats, 1);
	text = write_pv(k, "p22_p10.pdf", NULL);
	ASSERT_LINE(text, "Kiesdeler", "400");
	ASSERT_LINE(text, "Restzetels", "0");
	ASSERT_LINE(text, "14", "lijstuitputting", "Lijst 1 heeft meer zetels dan kandidaten en staat");
	ASSERT_LINE(text, "15", "lijstuitputting", "Lijst 2 heeft meer zetels dan kandidaten en staat");
	ASSERT_LINE(text, "14", "grootste overschot", "4", "0", "Opnieuw te verdelen: afgestaan door");
	ASSERT_LINE(text, "15", "blijft onbezet", "Geen lijst heeft nog een kandidaat voor deze zetel");
	assert_contains(text, "Lijstuitputting (artikel P 10 Kieswet)");
	assert_flat(text, "Lijst 1 (Partij nummer 1) kreeg 5 zetels, maar heeft 4 kandidaten. Zij");
	assert_contains(text, "(zetel 14).");
	assert_flat(text, "1 zetel blijft onbezet: geen lijst heeft nog kandidaten over om hem te");
	ASSERT_LINE(text, "1", "Partij nummer 1", "4", "0", "4");
	ASSERT_LINE(text, "4", "Partij nummer 4", "1", "1", "2");
	ASSERT_LINE(text, "Onbezet (geen kandidaten meer, artikel P 10 Kieswet)", "1");
	ASSERT_LINE(text, "Totaal", "13", "1", "15");
	check_elected(k, text);
	free(text);
	pvcase_free(k);
}

/*
 * A lot between lists (Abacus: test_with_0_remainders_drawing_of_lots_
 * required, list 6 drawn) and one between candidates: list 2's candidates 4
 * and 5 tie at 50 votes, above the threshold of 40, for its second seat.
 * Both replayed through tally_result_compute, in the order drawn.
 */
static void test_lots_between_lists_and_candidates(void **state)
{
	static const char spec[] = "540 49*0 | 0 0 60 50 50 | 160 49*0 | 80 49*0 | 80 49*0 | "
	                           "80 49*0 | 55 49*0 | 45 49*0";
	struct pvcase *k;
	char *text, name[TALLY_CANDIDATE_NAME_MAX];

	(void)state;
	k = pvcase_new(15, spec, "", TALLY_RESULT_LOT);   /* first, which list gets seat 15 */
	assert_int_equal(k->r.lot.kind, TALLY_LOT_LIST);
	assert_int_equal(pv_result_write(&k->pv, &(char *){NULL}, &(size_t){0}), -1);
	pvcase_free(k);
	k = pvcase_new(15, spec, "L6", TALLY_RESULT_LOT); /* then, which candidate gets list 2's 2nd */
	assert_int_equal(k->r.lot.kind, TALLY_LOT_CANDIDATE);
	pvcase_free(k);
	k = pvcase_new(15, spec, "L6 C2:5", TALLY_RESULT_OK);
	text = write_pv(k, "p22_lots.pdf", NULL);
	ASSERT_LINE(text, "15", "grootste overschot", "6", "0", "Vergeleken: 2: 0; 3: 0; 4: 0; 5: 0;");
	assert_flat(text, "Gelijk: de lijsten 2, 3, 4, 5 en 6; het lot (lot 1) viel op lijst 6.");
	assert_contains(text, "Loting");
	ASSERT_LINE(text, "1", "Welke van de lijsten 2, 3, 4, 5 en 6, met elk een overschot van 0,",
	            "Lijst 6");
	ASSERT_LINE(text, "2", "Welke van de kandidaten op plaats 4 en 5 van lijst 2, met elk 50",
	            "Lijst 2, plaats 5:");
	ASSERT_LINE(text, "(meer dan de voorkeurdrempel), de 2e zetel van die lijst krijgt",
	            cname(k, 1, 5, name, sizeof name));
	/* list 2: both seats on preference votes, 3 then 5; its new ranking 3 5 4 1 2 */
	ASSERT_LINE(text, "1", cname(k, 1, 3, name, sizeof name), "3", "60", "voorkeurstemmen");
	ASSERT_LINE(text, "2", cname(k, 1, 5, name, sizeof name), "5", "50", "voorkeurstemmen");
	assert_contains(text, "Nieuwe rangschikking van lijst 2 " MIDDOT_T " Partij nummer 2");
	ASSERT_LINE(text, "3", cname(k, 1, 4, name, sizeof name), "4", "50");
	ASSERT_LINE(text, "4", cname(k, 1, 1, name, sizeof name), "1", "0");
	ASSERT_LINE(text, "5", cname(k, 1, 2, name, sizeof name), "2", "0");
	ASSERT_LINE(text, "6", "Partij nummer 6", "1", "1", "2");
	check_elected(k, text);
	free(text);
	pvcase_free(k);
}

/*
 * The other two kinds of list lot: which of the lists that got the last
 * residual seats at once gives one up under P 9 (Abacus: test_with_absolute_
 * majority_of_votes_but_not_seats_with_drawing_of_lots_error, list 3 drawn),
 * and who gets a seat going round again after P 10 (list 1's two deceased
 * candidates leave it two seats short; lists 2, 3 and 4 tie for both).
 */
static void test_lots_under_p9_and_p10(void **state)
{
	struct pvcase *k = pvcase_new(15, "50: 2552 511 511 511 509 509", "L3", TALLY_RESULT_OK);
	char *text;

	(void)state;
	text = write_pv(k, "p22_p9_lot.pdf", NULL);
	ASSERT_LINE(text, "14", "volstrekte", "1", "Lijst 3 staat deze restzetel af aan lijst 1, die");
	ASSERT_LINE(text, "meerderheid", "De lijsten 2, 3 en 4 kregen tegelijk de");
	ASSERT_LINE(text, "laatste restzetels; het lot (lot 1) viel op lijst 3.");
	ASSERT_LINE(text, "1", "Welke van de lijsten 2, 3 en 4, die tegelijk de laatste restzetels",
	            "Lijst 3 (staat de zetel af)");
	ASSERT_LINE(text, "14 afstaat aan lijst 1 (volstrekte meerderheid, artikel P 9 Kieswet).");
	assert_flat(text, "Welke lijst die zetel afstaat, heeft het lot beslist (zie de loting).");
	ASSERT_LINE(text, "3", "Partij nummer 3", "1", "0", "1");
	ASSERT_LINE(text, "1", "Partij nummer 1", "7", "1", "8");
	check_elected(k, text);
	free(text);
	pvcase_free(k);

	k = pvcase_new(7, "400 0 0d 0d | 100 0 | 100 0 | 100 0", "L3 L4", TALLY_RESULT_OK);
	text = write_pv(k, "p22_p10_lot.pdf", NULL);
	ASSERT_LINE(text, "6", "lijstuitputting", "Lijst 1 heeft meer zetels dan kandidaten en staat");
	ASSERT_LINE(text, "7", "lijstuitputting", "Lijst 1 heeft meer zetels dan kandidaten en staat");
	ASSERT_LINE(text, "6", "grootste overschot", "3", "0", "Opnieuw te verdelen: afgestaan door");
	ASSERT_LINE(text, "7", "grootste overschot", "4", "0", "Opnieuw te verdelen: afgestaan door");
	ASSERT_LINE(text, "(opnieuw)", "Gelijk: de lijsten 2, 3 en 4; het lot (lot 1) viel op lijst");
	ASSERT_LINE(text, "(opnieuw)", "Gelijk: de lijsten 2 en 4; het lot (lot 2) viel op lijst 4.");
	ASSERT_LINE(text, "1", "Welke van de lijsten 2, 3 en 4, met elk een overschot van 0, zetel 6",
	            "Lijst 3");
	ASSERT_LINE(text, "2", "Welke van de lijsten 2 en 4, met elk een overschot van 0, zetel 7",
	            "Lijst 4");
	assert_flat(text, "opnieuw te verdelen na lijstuitputting");
	assert_flat(text, "Lijst 1 (Partij nummer 1) kreeg 4 zetels, maar heeft 2 kandidaten die in "
	            "leven zijn. Zij staat 2 zetels af, die opnieuw worden verdeeld onder de lijsten "
	            "die nog kandidaten hebben, op dezelfde manier als de restzetels (zetels 6 en 7).");
	assert_contains(text, "Overleden kandidaten (artikel P 19a Kieswet)");
	ASSERT_LINE(text, "1", "Partij nummer 1", "2", "0", "2");
	ASSERT_LINE(text, "3", "Partij nummer 3", "1", "1", "2");
	check_elected(k, text);
	free(text);
	pvcase_free(k);
}

/*
 * A deceased candidate (P 19a; Abacus's GR2022 case with candidate 3 of list
 * 1 dead): left out of the elected and the ranking, the votes still the list's.
 */
static void test_deceased_candidate(void **state)
{
	struct pvcase *k = pvcase_new(15,
	    "1069 303 321d 210 36 101 79 121 150 149 15 17 | "
	    "452 39 81 76 35 109 29 25 17 6 18 9 25 30 5 18 3 | 229 63 65 9 10 58 29 50 6 11 37 | "
	    "347 33 14 82 30 30 | 266 36 39 36 38 38", "", TALLY_RESULT_OK);
	char *text, name[TALLY_CANDIDATE_NAME_MAX];

	(void)state;
	text = write_pv(k, "p22_deceased.pdf", NULL);
	assert_contains(text, "Overleden kandidaten (artikel P 19a Kieswet)");
	ASSERT_LINE(text, "1", "3", cname(k, 0, 3, name, sizeof name), "Eemstricht", "321");
	assert_int_equal(occurrences(text, name), 1);   /* nowhere else: not elected, not ranked */
	ASSERT_LINE(text, "1", "Partij nummer 1", "2571", "7", "189 2/15", "ja");
	assert_contains(text, "Lijst 1 " MIDDOT_T " Partij nummer 1: 8 zetels");
	ASSERT_LINE(text, "1", cname(k, 0, 1, name, sizeof name), "1", "1069", "voorkeurstemmen");
	ASSERT_LINE(text, "2", cname(k, 0, 2, name, sizeof name), "2", "303", "voorkeurstemmen");
	ASSERT_LINE(text, "3", cname(k, 0, 4, name, sizeof name), "4", "210", "voorkeurstemmen");
	ASSERT_LINE(text, "4", cname(k, 0, 5, name, sizeof name), "5", "36", "lijstvolgorde");
	assert_contains(text, "Nieuwe rangschikking van lijst 1 " MIDDOT_T " Partij nummer 1");
	check_elected(k, text);
	free(text);
	pvcase_free(k);
}

/* A draft: CONCEPT on every page, no signatures asked for; the session and the totals given. */
static void test_draft_with_session_and_totals(void **state)
{
	static const char *const members[] = {"J. de Vries, voorzitter", "A. Jansen, lid"};
	const struct pv_session z = {"Gemeentehuis Juinen", "2026-03-19", "21:00", "22:15", members,
	                             2};
	struct pvcase *k = pvcase_new(15, "50: 540 160 160 80 80 80 60 40", "", TALLY_RESULT_OK);
	struct tally_form f = {0};
	char *text;

	(void)state;
	f.valid_votes = 1200;
	f.blank_votes = 7;
	f.invalid_votes = 3;
	f.votes_cast = 1210;
	k->pv.count = &f;
	k->pv.session = &z;
	k->pv.draft = 1;
	text = write_pv(k, "p22_concept.pdf", NULL);
	assert_flat(text, "CONCEPT: de telling is nog niet afgesloten; deze uitslag is voorlopig.");
	assert_contains(text, "wordt niet");
	ASSERT_LINE(text, "Plaats", "Gemeentehuis Juinen");
	ASSERT_LINE(text, "Datum", "19 maart 2026");
	ASSERT_LINE(text, "Aanvang", "21:00 uur");
	ASSERT_LINE(text, "Einde", "22:15 uur");
	ASSERT_LINE(text, "Aanwezige leden", "J. de Vries, voorzitter");
	assert_contains(text, "A. Jansen, lid");
	assert_null(strstr(text, "vult de voorzitter met de hand in"));
	ASSERT_LINE(text, "Blanco stembiljetten", "7");
	ASSERT_LINE(text, "Ongeldige stembiljetten", "3");
	ASSERT_LINE(text, "Totaal getelde stembiljetten", "1210");
	assert_flat(text, "dit proces-verbaal wordt niet");
	assert_null(strstr(text, "Aldus vastgesteld"));
	free(text);
	pvcase_free(k);
}

/* The same input gives the same bytes; a draft is another document. */
static void test_same_input_same_bytes(void **state)
{
	struct pvcase *k = pvcase_new(15, "50: 2571 977 567 536 453", "", TALLY_RESULT_OK);
	char *a, *b;
	size_t alen, blen;

	(void)state;
	assert_int_equal(pv_result_write(&k->pv, &a, &alen), 0);
	assert_int_equal(pv_result_write(&k->pv, &b, &blen), 0);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(b);
	k->pv.draft = 1;
	assert_int_equal(pv_result_write(&k->pv, &b, &blen), 0);
	assert_true(alen != blen || memcmp(a, b, alen) != 0);
	free(a);
	free(b);
	pvcase_free(k);
}

/* Incomplete or inconsistent input is refused, with nothing handed out. */
static void test_refuses_what_does_not_fit(void **state)
{
	struct pvcase *k = pvcase_new(15, "50: 540 160 160 80 80 80 60 40", "", TALLY_RESULT_OK);
	struct pv_result_input good = k->pv;
	struct tally_form f = {0};
	char *bytes = (char *)&good;
	size_t len = 7;
	int i;

	(void)state;
	assert_int_equal(pv_result_write(NULL, &bytes, &len), -1);
	assert_null(bytes);
	assert_int_equal(len, 0);
	for (i = 0; i < 15; i++) {
		k->pv = good;
		switch (i) {
		case 0: k->pv.election = NULL; break;
		case 1: k->pv.authority_name = NULL; break;
		case 2: k->pv.lists = NULL; break;
		case 3: k->pv.nlists = 7; break;                    /* list 8's names missing */
		case 4: k->pv.basis = NULL; break;
		case 5: k->pv.result = NULL; break;
		case 6: k->pv.hash_code_520 = NULL; break;
		case 7: k->pv.hash_code_520 = "9f86 d081"; break;   /* not 16 groups */
		case 8: k->pv.hash_code_520 = "9f86-d081-884c-7d65-9a2f-eaa0-c55a-d015-a3bf-4f1b-2b0b-"
		                              "822c-d15d-6c15-b0f0-0a08"; break;
		case 9: k->pv.key_fingerprint = NULL; break;
		case 10: k->pv.created = NULL; break;
		case 11: k->election.seats = 17; break;            /* not the result's seats */
		case 12: f.valid_votes = 1199; k->pv.count = &f; break; /* not the result's votes */
		case 13: k->names[2].candidates[4].position = 99; break; /* a candidate without a name */
		case 14: k->in.nlots = 1; k->lots[0].list = 1; break;   /* not the result's basis */
		}
		bytes = (char *)&good;
		len = 7;
		if (pv_result_write(&k->pv, &bytes, &len) != -1)
			fail_msg("case %d was not refused", i);
		assert_null(bytes);
		assert_int_equal(len, 0);
		k->election.seats = 15;
		k->names[2].candidates[4].position = 5;
		k->in.nlots = 0;
	}
	k->pv = good;
	assert_int_equal(pv_result_write(&k->pv, &bytes, &len), 0);
	free(bytes);
	pvcase_free(k);
}

static double ms(struct timespec a, struct timespec b)
{
	return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

/* The largest municipality: 45 seats, 30 lists of 50 candidates, rankings changed. */
static void test_largest_municipality(void **state)
{
	struct pvcase *k;
	struct timespec t0, t1;
	char spec[30 * 50 * 8], *p = spec, *text, *at, *line, title[128];
	size_t i, j, cont = 0;
	long pages, v;
	double wall = 0, cpu = 0;

	(void)state;
	for (i = 0; i < 30; i++) {
		for (j = 0; j < 50; j++) {
			v = (long)((i * 31 + j * 17) % 97);
			if (j == 0)
				v += 9000 / (long)(i + 1);
			if (j == 9 + i % 20 && i % 3 == 0)
				v += 1500;
			p += snprintf(p, sizeof spec - (size_t)(p - spec), "%s%ld", j ? " " : i ? " | " : "",
			              v);
		}
	}
	k = pvcase_new(45, spec, "", TALLY_RESULT_OK);
	for (i = 0; i < 30; i++) /* long names, as some are: they wrap in their cells */
		for (j = 0; j < 50; j += 5)
			snprintf(k->names[i].candidates[j].last_name, TALLY_TEXT_MAX,
			         "Kandidaat%02zu-%02zu van den Berghe-Oosterhout tot Wijckersloot", i + 1, j + 1);
	for (i = 0; i < 3; i++) { /* the best of three: other processes share the machine */
		struct timespec c0, c1;
		char *bytes;
		size_t len;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
		assert_int_equal(pv_result_write(&k->pv, &bytes, &len), 0);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		free(bytes);
		if (i == 0 || ms(t0, t1) < wall)
			wall = ms(t0, t1);
		if (i == 0 || ms(c0, c1) < cpu)
			cpu = ms(c0, c1);
	}
	text = write_pv(k, "p22_large.pdf", &pages);
	assert_true(pages >= 8);
	for (i = 0; i < 30; i++) {
		snprintf(title, sizeof title, "Partij nummer %zu", i + 1);
		assert_contains(text, title);
	}
	check_elected(k, text);
	for (i = 0, j = 0; i < k->r.nlists; i++)
		j += k->r.lists[i].ranking_changed;
	assert_true(j >= 3);
	/* a table going on over a page: its title with "(vervolg)", then its head again */
	for (at = text; (at = strstr(at, "(vervolg)")) != NULL; at++) {
		line = strchr(at, '\n');
		assert_non_null(line);
		while (*line == '\n' || *line == ' ')
			line++;
		if (strncmp(line, "Rang", 4) != 0 && strncmp(line, "Zetel", 5) != 0 &&
		    strncmp(line, "Lijst", 5) != 0)
			fail_msg("no head after \"(vervolg)\": %.80s", line);
		cont++;
	}
	assert_true(cont >= 1);
	print_message("45 seats, 30 lists x 50 candidates: %ld pages, %zu tables continued; "
	              "pv_result_write %.0f ms (%.0f ms CPU), best of 3\n", pages, cont, wall, cpu);
	free(text);
	pvcase_free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fewer_than_19_seats),
		cmocka_unit_test(test_19_seats_or_more),
		cmocka_unit_test(test_absolute_majority),
		cmocka_unit_test(test_list_exhaustion_and_an_empty_seat),
		cmocka_unit_test(test_lots_between_lists_and_candidates),
		cmocka_unit_test(test_lots_under_p9_and_p10),
		cmocka_unit_test(test_deceased_candidate),
		cmocka_unit_test(test_draft_with_session_and_totals),
		cmocka_unit_test(test_same_input_same_bytes),
		cmocka_unit_test(test_refuses_what_does_not_fit),
		cmocka_unit_test(test_largest_municipality),
	};
	int rc;

	if (mkdtemp(tmpdir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (getenv("PV_OUT") == NULL) {
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			rc = rc ? rc : 1;
	}
	return rc;
}
