/*
 * The invoice (export/invoice.c), read back as the municipality would read
 * it: the PDF's text through pdftotext, its pages through pdfinfo and
 * pdftoppm, the CSV cell by cell. The ledger is test_costs.c's, every amount
 * computed by hand there; the rates are the agreement's (57.25 an hour,
 * 12.50 per laptop per day, 0.23 per km) with 21 % VAT.
 *
 * With INVOICE_OUT=DIR the documents and a PNG of each page are kept in DIR,
 * to be looked at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "costs/costs.h"
#include "export/invoice.h"

#define HM(h, m) ((h) * 60 + (m))
#define NONE (-1)
#define EUR "\xe2\x82\xac "
#define N_OF(t) (sizeof(t) / sizeof((t)[0]))

#define HOURS(p, d, f, t, a) \
	{.kind = COSTS_HOURS, .person = p, .date = d, .from_min = f, .to_min = t, .activity = a, \
	 .km = NONE, .amount = NONE}
#define TRAVEL_KM(p, d, k) \
	{.kind = COSTS_TRAVEL, .person = p, .date = d, .km = k, .amount = NONE}
#define TRAVEL_EUR(p, d, a, what) \
	{.kind = COSTS_TRAVEL, .person = p, .date = d, .km = NONE, .amount = a, .description = what}
#define LAPTOPS(c, dd, what) \
	{.kind = COSTS_LAPTOPS, .count = c, .days = dd, .km = NONE, .amount = NONE, \
	 .description = what}
#define ITEM(k, d, a, what) \
	{.kind = k, .date = d, .km = NONE, .amount = a, .description = what}

/* test_costs.c's ledger, in the order it was entered (not the invoice's order). */
static const struct costs_line ledger[] = {
	HOURS("Jan de Vries", "2022-03-14", HM(9, 0), HM(16, 30), COSTS_ACT_PREPARATION),
	HOURS("Piet Bakker", "2022-03-16", HM(21, 0), HM(24, 0), COSTS_ACT_STANDBY),
	HOURS("Jan de Vries", "2022-03-16", HM(7, 0), HM(7, 20), COSTS_ACT_SETUP),
	HOURS("Piet Bakker", "2022-03-17", 0, HM(2, 40), COSTS_ACT_STANDBY),
	HOURS("Anna Jansen", "2022-03-17", HM(10, 0), HM(10, 1), COSTS_ACT_CLEARING),
	TRAVEL_KM("Jan de Vries", "2022-03-14", 42),
	TRAVEL_EUR("Piet Bakker", "2022-03-16", 1240, "parkeren"),
	LAPTOPS(12, 3, "Laptops voor 12 stembureaus"),
	ITEM(COSTS_SWITCH, "2022-03-15", 14995, "Switch 24 poorten"),
	ITEM(COSTS_CABLING, "2022-03-15", 3550, "UTP-kabels"),
	ITEM(COSTS_OTHER, "", 745, "Verlengsnoeren"),
};

/* Every line's amount as the PDF must show it, and the sums (test_costs.c). */
static const char *const line_amounts[] = {
	EUR "429,38", EUR "171,75", EUR "19,08", EUR "152,67", EUR "0,95", EUR "9,66",
	EUR "12,40", EUR "450,00", EUR "149,95", EUR "35,50", EUR "7,45",
};
static const char *const sums[] = {
	EUR "773,83", EUR "22,06", EUR "1.438,79", EUR "302,15", EUR "1.740,94",
};

static const char *const provider_address[] = {"Stationsweg 12", "6651 BK Druten"};
static const char *const town_address[] = {"t.a.v. team Burgerzaken", "Postbus 10",
                                           "6658 ZG Beneden-Leeuwen"};

static char tmpdir[] = "/tmp/test_invoice_XXXXXX";
static int tmpn;

/* An invoice over lines: the summary is made here and owned by *s. */
static void input(struct invoice_input *in, struct costs_summary *s,
                  const struct costs_line *lines, size_t n, int vat_bp)
{
	memset(in, 0, sizeof *in);
	in->provider_name = "Maas & Waal ICT B.V.";
	in->provider_address = provider_address;
	in->nprovider_address = N_OF(provider_address);
	in->provider_kvk = "12345678";
	in->provider_vat_id = "NL001234567B01";
	in->provider_iban = "NL91 ABNA 0417 1643 00";
	in->provider_contact = "0487 123 456 \xc2\xb7 factuur@maaswaal-ict.nl";
	in->municipality_code = "0668";
	in->municipality_name = "West Maas en Waal";
	in->municipality_address = town_address;
	in->nmunicipality_address = N_OF(town_address);
	in->election_name = "Gemeenteraadsverkiezingen 2022";
	in->election_id = "GR2022";
	in->number = "2022-017";
	in->date = "2022-03-31";
	in->payment_days = 30;
	in->rates.hourly = 5725;
	in->rates.laptop_day = 1250;
	in->rates.per_km = 23;
	in->rates.vat_basis_points = vat_bp;
	in->lines = lines;
	in->nlines = n;
	assert_int_equal(costs_summarise(lines, n, &in->rates, s), COSTS_OK);
	in->summary = s;
}

/* Writes bytes to a new file in tmpdir (and to $INVOICE_OUT/name); returns its path (static). */
static const char *save(const char *bytes, size_t len, const char *name)
{
	static char path[128];
	const char *out = getenv("INVOICE_OUT");
	FILE *f;

	snprintf(path, sizeof path, "%s/%d-%s", tmpdir, ++tmpn, name);
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

/* A command's standard output (malloc'd, NUL-terminated); fails the test on a bad exit. */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	char *out = NULL;
	size_t len = 0, cap = 0, n;

	assert_non_null(p);
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			assert_non_null(out = realloc(out, cap));
		}
		if ((n = fread(out + len, 1, 4096, p)) == 0)
			break;
		len += n;
	}
	out[len] = '\0';
	if (pclose(p) != 0)
		fail_msg("failed: %s", cmd);
	return out;
}

static char *pdftotext(const char *path)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	return run(cmd);
}

static int pdf_pages(const char *path)
{
	char cmd[256], *out, *p;
	int n;

	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	out = run(cmd);
	assert_non_null(p = strstr(out, "Pages:"));
	n = (int)strtol(p + 6, NULL, 10);
	free(out);
	return n;
}

/* The line of text that holds needle (a copy), or fails. */
static char *line_with(const char *text, const char *needle)
{
	const char *p = strstr(text, needle), *a, *b;
	char *line;

	if (p == NULL)
		fail_msg("not in the PDF's text: \"%s\"", needle);
	for (a = p; a > text && a[-1] != '\n'; a--)
		;
	for (b = p; *b != '\0' && *b != '\n'; b++)
		;
	assert_non_null(line = strndup(a, (size_t)(b - a)));
	return line;
}

static void expect_text(const char *text, const char *needle)
{
	if (strstr(text, needle) == NULL)
		fail_msg("not in the PDF's text: \"%s\"", needle);
}

static void write_pdf(const struct invoice_input *in, char **bytes, size_t *len)
{
	assert_int_equal(invoice_write_pdf(in, bytes, len), INVOICE_OK);
	assert_non_null(*bytes);
	assert_true(*len > 1000);
	assert_memory_equal(*bytes, "%PDF-", 5);
}

static void write_csv(const struct invoice_input *in, char **bytes, size_t *len)
{
	assert_int_equal(invoice_write_csv(in, bytes, len), INVOICE_OK);
	assert_non_null(*bytes);
	assert_memory_equal(*bytes, "\xef\xbb\xbf", 3);
}

/* ------------------------------------------------------------------ */
/* The CSV, read back                                                  */
/* ------------------------------------------------------------------ */

#define MAXCELLS 16

struct csv_row {
	char cell[MAXCELLS][512];
	size_t n;
};

/*
 * Splits CSV text (after the BOM) into rows: ';' between cells, "..."
 * quoting with doubled quotes, every row ending in CRLF. Returns how many rows.
 */
static size_t csv_parse(const char *s, size_t len, struct csv_row *rows, size_t max)
{
	size_t i = 3, nrows = 0, k = 0;
	int quoted = 0;
	struct csv_row *r = &rows[0];

	assert_memory_equal(s, "\xef\xbb\xbf", 3);
	memset(r, 0, sizeof *r);
	while (i < len) {
		char c = s[i];

		if (quoted) {
			if (c == '"' && i + 1 < len && s[i + 1] == '"') {
				i += 2;
				r->cell[r->n][k++] = '"';
			} else if (c == '"') {
				quoted = 0;
				i++;
			} else {
				r->cell[r->n][k++] = c;
				i++;
			}
		} else if (c == '"') {
			quoted = 1;
			i++;
		} else if (c == ';') {
			r->n++;
			assert_true(r->n < MAXCELLS);
			k = 0;
			i++;
		} else if (c == '\r') {
			assert_true(i + 1 < len && s[i + 1] == '\n');  /* CRLF, never a bare CR */
			r->n++;
			nrows++;
			assert_true(nrows < max);
			r = &rows[nrows];
			memset(r, 0, sizeof *r);
			k = 0;
			i += 2;
		} else {
			assert_true(c != '\n');                         /* never a bare LF */
			r->cell[r->n][k++] = c;
			i++;
		}
		assert_true(k < sizeof r->cell[0]);
	}
	assert_int_equal(r->n, 0);   /* the last row ended in CRLF too */
	assert_int_equal(k, 0);
	return nrows;
}

/* The rows whose first cell is first; the last one found in *out. */
static int rows_named(const struct csv_row *rows, size_t n, const char *first,
                      const struct csv_row **out)
{
	size_t i;
	int found = 0;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].cell[0], first) == 0) {
			*out = &rows[i];
			found++;
		}
	return found;
}

/* A CSV amount ("1740,94") in cents. */
static costs_cents csv_cents(const char *s)
{
	costs_cents c = -1;

	if (costs_parse_money(s, &c) != COSTS_OK)
		fail_msg("not an amount: \"%s\"", s);
	return c;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static void test_pdf_holds_every_amount(void **state)
{
	struct invoice_input in;
	struct costs_summary s;
	char *pdf, *text, *line, want[64];
	size_t len, i;
	const char *path;
	int pages;

	(void)state;
	input(&in, &s, ledger, N_OF(ledger), 2100);
	assert_int_equal(s.total, 174094);
	write_pdf(&in, &pdf, &len);
	path = save(pdf, len, "factuur.pdf");
	pages = pdf_pages(path);
	assert_true(pages >= 1 && pages <= 2);
	text = pdftotext(path);

	expect_text(text, "Factuur");
	expect_text(text, "2022-017");
	expect_text(text, "31 maart 2022");
	expect_text(text, "Gemeente West Maas en Waal");
	expect_text(text, "0668");
	expect_text(text, "Gemeenteraadsverkiezingen 2022 (GR2022)");
	expect_text(text, "Maas & Waal ICT B.V.");
	expect_text(text, "NL001234567B01");
	for (i = 0; i < N_OF(line_amounts); i++)
		expect_text(text, line_amounts[i]);
	for (i = 0; i < N_OF(sums); i++)
		expect_text(text, sums[i]);
	/* a line as a clerk reads it: date, person, times, activity, hours, rate, amount */
	line = line_with(text, "429,38");
	expect_text(line, "14-03-2022");
	expect_text(line, "Jan de Vries");
	expect_text(line, "09:00");
	expect_text(line, "16:30");
	expect_text(line, "Voorbereiding");
	expect_text(line, "7:30");
	expect_text(line, EUR "57,25");
	free(line);
	line = line_with(text, "Subtotaal uren");
	expect_text(line, "13:31");
	expect_text(line, EUR "773,83");
	free(line);
	line = line_with(text, "Btw 21 %");
	expect_text(line, EUR "302,15");
	free(line);
	line = line_with(text, "Totaal excl. btw");
	expect_text(line, EUR "1.438,79");
	free(line);
	line = line_with(text, "Totaal te betalen");
	expect_text(line, EUR "1.740,94");
	free(line);
	line = line_with(text, "parkeren");
	expect_text(line, EUR "12,40");
	free(line);
	line = line_with(text, "Laptops voor 12 stembureaus");
	expect_text(line, EUR "12,50");
	expect_text(line, EUR "450,00");
	free(line);
	expect_text(text, "Afronding");
	snprintf(want, sizeof want, "pagina 1 van %d", pages);
	expect_text(text, want);
	snprintf(want, sizeof want, "pagina %d van %d", pages, pages);
	expect_text(text, want);
	/* the categories, in their order */
	assert_true(strstr(text, "Uren") < strstr(text, "Reiskosten"));
	assert_true(strstr(text, "Reiskosten") < strstr(text, "Laptophuur"));
	assert_true(strstr(text, "Laptophuur") < strstr(text, "Bekabeling"));
	assert_true(strstr(text, "Bekabeling") < strstr(text, "Overig"));
	free(text);
	free(pdf);
	costs_summary_free(&s);
}

static void test_csv_total_is_the_summary_total(void **state)
{
	static struct csv_row rows[128];
	struct invoice_input in;
	struct costs_summary s;
	const struct csv_row *r = NULL;
	char *csv;
	size_t len, n, i;

	(void)state;
	input(&in, &s, ledger, N_OF(ledger), 2100);
	write_csv(&in, &csv, &len);
	save(csv, len, "factuur.csv");
	n = csv_parse(csv, len, rows, N_OF(rows));
	for (i = 0; i < n; i++)
		if (rows[i].n != 8)
			fail_msg("row %zu has %zu cells, not 8", i + 1, rows[i].n);

	/* exactly one row starts with "Totaal"; its last cell is the total */
	assert_int_equal(rows_named(rows, n, "Totaal", &r), 1);
	assert_int_equal(csv_cents(r->cell[r->n - 1]), s.total);
	assert_string_equal(r->cell[7], "1740,94");
	assert_int_equal(rows_named(rows, n, "Totaal excl. btw", &r), 1);
	assert_string_equal(r->cell[7], "1438,79");
	assert_int_equal(rows_named(rows, n, "Btw", &r), 1);
	assert_string_equal(r->cell[6], "21%");
	assert_string_equal(r->cell[7], "302,15");
	assert_int_equal(rows_named(rows, n, "Subtotaal uren", &r), 1);
	assert_string_equal(r->cell[7], "773,83");
	assert_int_equal(rows_named(rows, n, "Subtotaal reiskosten", &r), 1);
	assert_string_equal(r->cell[7], "22,06");
	assert_int_equal(rows_named(rows, n, "Subtotaal laptophuur", &r), 1);
	assert_string_equal(r->cell[7], "450,00");
	assert_int_equal(rows_named(rows, n, "Subtotaal switch", &r), 1);
	assert_int_equal(rows_named(rows, n, "Subtotaal bekabeling", &r), 1);
	assert_int_equal(rows_named(rows, n, "Subtotaal overig", &r), 1);

	/* the header block */
	assert_int_equal(rows_named(rows, n, "Factuurnummer", &r), 1);
	assert_string_equal(r->cell[1], "2022-017");
	assert_int_equal(rows_named(rows, n, "Factuurdatum", &r), 1);
	assert_string_equal(r->cell[1], "2022-03-31");
	assert_int_equal(rows_named(rows, n, "Gemeente", &r), 1);
	assert_string_equal(r->cell[1], "West Maas en Waal");
	assert_int_equal(rows_named(rows, n, "Gemeentecode", &r), 1);
	assert_string_equal(r->cell[1], "0668");
	assert_int_equal(rows_named(rows, n, "Verkiezing", &r), 1);
	assert_int_equal(rows_named(rows, n, "Leverancier", &r), 1);
	assert_string_equal(r->cell[1], "Maas & Waal ICT B.V.");
	assert_int_equal(rows_named(rows, n, "Uurtarief", &r), 1);
	assert_string_equal(r->cell[1], "57,25");

	/* one row per line, in the invoice's order; the lines add up to the net */
	assert_int_equal(rows_named(rows, n, "Uren", &r), 5);
	assert_int_equal(rows_named(rows, n, "Reiskosten", &r), 2);
	{
		costs_cents sum = 0;
		size_t lines = 0;
		int k;

		for (i = 0; i < n; i++)
			for (k = 0; k < COSTS_KIND__MAX; k++)
				if (strcmp(rows[i].cell[0], costs_kind_label((enum costs_kind)k)) == 0) {
					sum += csv_cents(rows[i].cell[7]);
					lines++;
				}
		assert_int_equal(lines, N_OF(ledger));
		assert_int_equal(sum, s.net);
	}
	for (i = 0; i < n && strcmp(rows[i].cell[0], "Uren") != 0; i++)
		;
	assert_true(i < n);
	/* the first hours row: 14 March, Jan de Vries, 7:30 at 57,25 = 429,38 */
	assert_string_equal(rows[i].cell[1], "2022-03-14");
	assert_string_equal(rows[i].cell[2], "Jan de Vries");
	assert_string_equal(rows[i].cell[3], "09:00-16:30 voorbereiding");
	assert_string_equal(rows[i].cell[4], "7:30");
	assert_string_equal(rows[i].cell[5], "uur");
	assert_string_equal(rows[i].cell[6], "57,25");
	assert_string_equal(rows[i].cell[7], "429,38");
	free(csv);
	costs_summary_free(&s);
}

/*
 * The supplier's particulars (issue 8): under its name and address on the
 * first page, in every page's footer, the IBAN again with the request to
 * pay, and each in a header row of the CSV. The IBAN is given as the ledger
 * gives it: checked by costs_iban_parse, in groups of four.
 */
static void test_supplier_particulars(void **state)
{
	static struct csv_row rows[128];
	const struct csv_row *r = NULL;
	struct invoice_input in;
	struct costs_summary s;
	char kvk[COSTS_KVK_SIZE], vat[COSTS_VAT_ID_SIZE], iban[COSTS_IBAN_SIZE];
	char grouped[COSTS_IBAN_TEXT], *pdf, *csv, *text, *line;
	const char *name, *kvk_at;
	size_t len, n;

	(void)state;
	assert_int_equal(costs_kvk_parse("8765 4321", kvk), COSTS_OK);
	assert_int_equal(costs_vat_id_parse("nl987654321b02", vat), COSTS_OK);
	assert_int_equal(costs_iban_parse("nl20 ingb 0001 2345 67", iban), COSTS_OK);
	costs_iban_format(iban, grouped, sizeof grouped);
	input(&in, &s, ledger, N_OF(ledger), 2100);
	in.provider_kvk = kvk;
	in.provider_vat_id = vat;
	in.provider_iban = grouped;
	write_pdf(&in, &pdf, &len);
	text = pdftotext(save(pdf, len, "leverancier.pdf"));
	expect_text(text, "KvK 87654321");
	expect_text(text, "Btw-id NL987654321B02");
	expect_text(text, "IBAN NL20 INGB 0001 2345 67");
	/* on the first page, after the name and the address */
	name = strstr(text, "Maas & Waal ICT B.V.");
	kvk_at = strstr(text, "KvK 87654321");
	assert_non_null(name);
	assert_true(strstr(text, "6651 BK Druten") < kvk_at);
	assert_true(name < kvk_at);
	assert_true(kvk_at < strstr(text, "Factuurnummer"));
	line = line_with(text, "ten name van");
	expect_text(line, "NL20 INGB 0001 2345 67");
	free(line);
	free(text);
	free(pdf);

	write_csv(&in, &csv, &len);
	n = csv_parse(csv, len, rows, N_OF(rows));
	assert_int_equal(rows_named(rows, n, "KvK-nummer", &r), 1);
	assert_string_equal(r->cell[1], "87654321");
	assert_int_equal(rows_named(rows, n, "Btw-identificatienummer", &r), 1);
	assert_string_equal(r->cell[1], "NL987654321B02");
	assert_int_equal(rows_named(rows, n, "IBAN", &r), 1);
	assert_string_equal(r->cell[1], "NL20 INGB 0001 2345 67");
	free(csv);

	/* without them: no empty rows, no bare labels */
	in.provider_kvk = in.provider_vat_id = in.provider_iban = "";
	write_csv(&in, &csv, &len);
	n = csv_parse(csv, len, rows, N_OF(rows));
	assert_int_equal(rows_named(rows, n, "KvK-nummer", &r), 0);
	assert_int_equal(rows_named(rows, n, "IBAN", &r), 0);
	free(csv);
	write_pdf(&in, &pdf, &len);
	text = pdftotext(save(pdf, len, "zonder.pdf"));
	assert_null(strstr(text, "KvK"));
	assert_null(strstr(text, "IBAN"));
	free(text);
	free(pdf);
	costs_summary_free(&s);
}

/* Hours past midnight: one line, its end marked as the next day, its hours right. */
static void test_hours_past_midnight(void **state)
{
	static struct csv_row rows[64];
	static const struct costs_line night[] = {
		HOURS("Piet Bakker", "2026-03-18", HM(21, 0), HM(3, 0), COSTS_ACT_STANDBY),
		HOURS("Piet Bakker", "2026-03-19", HM(3, 0), HM(5, 0), COSTS_ACT_CLEARING),
	};
	const struct csv_row *r = NULL;
	struct invoice_input in;
	struct costs_summary s;
	char *pdf, *csv, *text, *line;
	size_t len, n, i;

	(void)state;
	input(&in, &s, night, N_OF(night), 0);
	/* 6 h x 57.25 = 343.50; 2 h = 114.50 */
	assert_int_equal(s.by_kind[COSTS_HOURS], 45800);
	write_pdf(&in, &pdf, &len);
	text = pdftotext(save(pdf, len, "nacht.pdf"));
	line = line_with(text, EUR "343,50");
	expect_text(line, "18-03-2026");
	expect_text(line, "21:00");
	expect_text(line, "6:00");
	free(line);
	expect_text(text, "(+1 dag)");
	line = line_with(text, "Subtotaal uren");
	expect_text(line, "8:00");
	expect_text(line, EUR "458,00");
	free(line);
	free(text);
	free(pdf);

	write_csv(&in, &csv, &len);
	n = csv_parse(csv, len, rows, N_OF(rows));
	assert_int_equal(rows_named(rows, n, "Uren", &r), 2);
	for (i = 0; i < n && strcmp(rows[i].cell[0], "Uren") != 0; i++)
		;
	assert_true(i < n);
	assert_string_equal(rows[i].cell[1], "2026-03-18");
	assert_string_equal(rows[i].cell[3], "21:00-03:00 (+1 dag) stand-by tijdens de telling");
	assert_string_equal(rows[i].cell[4], "6:00");
	assert_string_equal(rows[i].cell[7], "343,50");
	assert_string_equal(rows[i + 1].cell[3], "03:00-05:00 opruimen");
	free(csv);
	costs_summary_free(&s);
}

static void test_same_bytes_twice(void **state)
{
	struct invoice_input in;
	struct costs_summary s;
	char *a, *b;
	size_t alen, blen;

	(void)state;
	input(&in, &s, ledger, N_OF(ledger), 2100);
	write_pdf(&in, &a, &alen);
	write_pdf(&in, &b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	write_csv(&in, &a, &alen);
	write_csv(&in, &b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	costs_summary_free(&s);
}

static void test_line_order_does_not_matter(void **state)
{
	struct costs_line reversed[N_OF(ledger)];
	struct invoice_input in, in2;
	struct costs_summary s, s2;
	char *a, *b;
	size_t alen, blen, i;

	(void)state;
	for (i = 0; i < N_OF(ledger); i++)
		reversed[i] = ledger[N_OF(ledger) - 1 - i];
	input(&in, &s, ledger, N_OF(ledger), 2100);
	input(&in2, &s2, reversed, N_OF(reversed), 2100);
	write_csv(&in, &a, &alen);
	write_csv(&in2, &b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
	costs_summary_free(&s);
	costs_summary_free(&s2);
}

static void test_pdf_date_is_the_invoice_date(void **state)
{
	struct invoice_input in;
	struct costs_summary s;
	char *pdf, *info, cmd[256];
	size_t len;

	(void)state;
	input(&in, &s, ledger, N_OF(ledger), 2100);
	write_pdf(&in, &pdf, &len);
	snprintf(cmd, sizeof cmd, "pdfinfo -isodates '%s'", save(pdf, len, "datum.pdf"));
	info = run(cmd);
	expect_text(info, "2022-03-31T00:00:00");
	free(info);
	free(pdf);
	costs_summary_free(&s);
}

static void test_vat_zero(void **state)
{
	static struct csv_row rows[128];
	struct invoice_input in;
	struct costs_summary s;
	const struct csv_row *r = NULL;
	char *pdf, *csv, *text, *line;
	size_t len, n;

	(void)state;
	input(&in, &s, ledger, N_OF(ledger), 0);
	assert_int_equal(s.total, 143879);
	write_pdf(&in, &pdf, &len);
	text = pdftotext(save(pdf, len, "btw0.pdf"));
	line = line_with(text, "Btw 0 %");
	expect_text(line, EUR "0,00");
	free(line);
	line = line_with(text, "Totaal te betalen");
	expect_text(line, EUR "1.438,79");
	free(line);
	write_csv(&in, &csv, &len);
	n = csv_parse(csv, len, rows, N_OF(rows));
	assert_int_equal(rows_named(rows, n, "Totaal", &r), 1);
	assert_int_equal(csv_cents(r->cell[7]), 143879);
	assert_int_equal(rows_named(rows, n, "Btw", &r), 1);
	assert_string_equal(r->cell[6], "0%");
	free(text);
	free(pdf);
	free(csv);
	costs_summary_free(&s);
}

static void test_empty_invoice(void **state)
{
	static struct csv_row rows[64];
	struct invoice_input in;
	struct costs_summary s;
	const struct csv_row *r = NULL;
	char *pdf, *csv, *text, *line;
	size_t len, n;

	(void)state;
	input(&in, &s, NULL, 0, 2100);
	write_pdf(&in, &pdf, &len);
	text = pdftotext(save(pdf, len, "leeg.pdf"));
	expect_text(text, "geen uren of kosten");
	line = line_with(text, "Totaal te betalen");
	expect_text(line, EUR "0,00");
	free(line);
	write_csv(&in, &csv, &len);
	n = csv_parse(csv, len, rows, N_OF(rows));
	assert_int_equal(rows_named(rows, n, "Totaal", &r), 1);
	assert_string_equal(r->cell[7], "0,00");
	free(text);
	free(pdf);
	free(csv);
	costs_summary_free(&s);
}

/*
 * A long ledger: three people, 40 days, two shifts a day, and their travel:
 * several pages, each table's head repeated, "pagina n van m" right.
 * Per day and person: 08:00-12:00 (4 h = 229.00) and 12:30-13:10 (40 min =
 * 38.1666.. -> 38.17), and 17 km × 0.23 = 3.91.
 */
static void test_many_pages(void **state)
{
	static const char *const people[] = {"Jan de Vries", "Piet Bakker", "Anna Jansen"};
	static struct csv_row rows[1024];
	enum { DAYS = 40 };
	struct costs_line lines[3 * DAYS * 3];
	struct invoice_input in;
	struct costs_summary s;
	const struct csv_row *r = NULL;
	char *pdf, *csv, *text, *line, want[64];
	const char *path;
	size_t n = 0, p, d, len, nrows;
	int pages;

	(void)state;
	for (p = 0; p < 3; p++)
		for (d = 0; d < DAYS; d++) {
			struct costs_line a = HOURS("", "", HM(8, 0), HM(12, 0), COSTS_ACT_PREPARATION);
			struct costs_line b = HOURS("", "", HM(12, 30), HM(13, 10), COSTS_ACT_OTHER);
			struct costs_line t = TRAVEL_KM("", "", 17);

			snprintf(a.person, sizeof a.person, "%s", people[p]);
			snprintf(a.date, sizeof a.date, "2022-%02zu-%02zu", 2 + d / 28, 1 + d % 28);
			memcpy(b.person, a.person, sizeof a.person);
			memcpy(b.date, a.date, sizeof a.date);
			memcpy(t.person, a.person, sizeof a.person);
			memcpy(t.date, a.date, sizeof a.date);
			lines[n++] = a;
			lines[n++] = b;
			lines[n++] = t;
		}
	input(&in, &s, lines, n, 2100);
	/* 120 × (229.00 + 38.17) = 32060.40; 120 × 3.91 = 469.20; net 32529.60;
	 * VAT 21 % = 6831.216 -> 6831.22; total 39360.82 */
	assert_int_equal(s.by_kind[COSTS_HOURS], 3206040);
	assert_int_equal(s.by_kind[COSTS_TRAVEL], 46920);
	assert_int_equal(s.net, 3252960);
	assert_int_equal(s.vat, 683122);
	assert_int_equal(s.total, 3936082);
	write_pdf(&in, &pdf, &len);
	path = save(pdf, len, "lang.pdf");
	pages = pdf_pages(path);
	assert_true(pages >= 4);
	text = pdftotext(path);
	snprintf(want, sizeof want, "pagina 1 van %d", pages);
	expect_text(text, want);
	snprintf(want, sizeof want, "pagina %d van %d", pages, pages);
	expect_text(text, want);
	expect_text(text, "Uren (vervolg)");
	expect_text(text, "Factuur 2022-017");   /* the running header */
	line = line_with(text, "Totaal te betalen");
	expect_text(line, EUR "39.360,82");
	free(line);
	line = line_with(text, "Subtotaal uren");
	expect_text(line, "560:00");              /* 120 × 4:40 */
	expect_text(line, EUR "32.060,40");
	free(line);

	write_csv(&in, &csv, &len);
	save(csv, len, "lang.csv");
	nrows = csv_parse(csv, len, rows, N_OF(rows));
	assert_int_equal(rows_named(rows, nrows, "Uren", &r), 240);
	assert_int_equal(rows_named(rows, nrows, "Totaal", &r), 1);
	assert_int_equal(csv_cents(r->cell[7]), s.total);
	free(text);
	free(pdf);
	free(csv);
	costs_summary_free(&s);
}

static void test_csv_escapes_user_text(void **state)
{
	static struct csv_row rows[64];
	static const struct costs_line lines[] = {
		ITEM(COSTS_OTHER, "", 100, "Kabelgoot; 2 m \"grijs\""),
		ITEM(COSTS_OTHER, "", 200, "=HYPERLINK(\"http://x\")"),
		ITEM(COSTS_OTHER, "", 300, "-5 korting"),
		ITEM(COSTS_OTHER, "", 400, " spatie voor"),
	};
	struct invoice_input in;
	struct costs_summary s;
	const struct csv_row *r = NULL;
	char *csv, *pdf, *text;
	size_t len, n, i;

	(void)state;
	input(&in, &s, lines, N_OF(lines), 0);
	write_csv(&in, &csv, &len);
	assert_non_null(strstr(csv, "\"Kabelgoot; 2 m \"\"grijs\"\"\""));
	n = csv_parse(csv, len, rows, N_OF(rows));
	assert_int_equal(rows_named(rows, n, "Overig", &r), 4);
	for (i = 0; i < n && strcmp(rows[i].cell[0], "Overig") != 0; i++)
		;
	assert_string_equal(rows[i].cell[3], "Kabelgoot; 2 m \"grijs\"");
	assert_string_equal(rows[i + 1].cell[3], "'=HYPERLINK(\"http://x\")");
	assert_string_equal(rows[i + 2].cell[3], "'-5 korting");
	assert_string_equal(rows[i + 3].cell[3], " spatie voor");
	assert_int_equal(rows_named(rows, n, "Totaal", &r), 1);
	assert_string_equal(r->cell[7], "10,00");
	free(csv);
	/* in the PDF, text is text: nothing is interpreted */
	write_pdf(&in, &pdf, &len);
	text = pdftotext(save(pdf, len, "tekst.pdf"));
	expect_text(text, "=HYPERLINK");
	free(text);
	free(pdf);
	costs_summary_free(&s);
}

static void test_refusals(void **state)
{
	struct invoice_input in;
	struct costs_summary s, wrong;
	struct costs_line bad[N_OF(ledger)];
	char *bytes = (char *)"untouched";
	size_t len = 7;

	(void)state;
	input(&in, &s, ledger, N_OF(ledger), 2100);

	/* a summary that is not the lines' summary: the documents would disagree */
	wrong = s;
	wrong.total += 1;
	in.summary = &wrong;
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_SUMMARY);
	assert_null(bytes);
	assert_int_equal(len, 0);
	assert_int_equal(invoice_write_csv(&in, &bytes, &len), INVOICE_ERR_SUMMARY);
	wrong = s;
	wrong.by_kind[COSTS_HOURS] -= 1;
	wrong.by_kind[COSTS_TRAVEL] += 1;
	assert_int_equal(invoice_write_csv(&in, &bytes, &len), INVOICE_ERR_SUMMARY);
	in.summary = NULL;
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_INPUT);
	in.summary = &s;

	/* missing or bad fields */
	in.number = "";
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_INPUT);
	assert_int_equal(invoice_write_csv(&in, &bytes, &len), INVOICE_ERR_INPUT);
	in.number = "2022-017";
	in.date = "31-03-2022";
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_INPUT);
	in.date = "2022-03-31";
	in.municipality_name = NULL;
	assert_int_equal(invoice_write_csv(&in, &bytes, &len), INVOICE_ERR_INPUT);
	in.municipality_name = "West Maas en Waal";
	in.provider_name = "Maas \xff Waal";
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_INPUT);
	in.provider_name = "Maas & Waal ICT B.V.";
	in.provider_iban = "NL91\nABNA";
	assert_int_equal(invoice_write_csv(&in, &bytes, &len), INVOICE_ERR_INPUT);
	in.provider_iban = NULL;
	in.payment_days = -1;
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_INPUT);
	in.payment_days = 30;

	/* a bad line, or bad rates: refused as costs_summarise refuses them */
	memcpy(bad, ledger, sizeof bad);
	bad[3].to_min = 0;
	in.lines = bad;
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_LINES);
	assert_int_equal(invoice_write_csv(&in, &bytes, &len), INVOICE_ERR_LINES);
	in.lines = ledger;
	in.rates.vat_basis_points = 20000;
	assert_int_equal(invoice_write_pdf(&in, &bytes, &len), INVOICE_ERR_LINES);
	assert_null(bytes);
	in.rates.vat_basis_points = 2100;

	/* and with all that put back, it writes */
	assert_int_equal(invoice_write_csv(&in, &bytes, &len), INVOICE_OK);
	free(bytes);
	assert_string_equal(invoice_strerror(INVOICE_ERR_SUMMARY),
	                    "the invoice's summary does not match its lines");
	assert_string_equal(invoice_strerror(INVOICE_ERR__MIN), "unknown error");
	costs_summary_free(&s);
}

/* Each page as a PNG at 60 dpi, as a clerk would glance at it (kept with INVOICE_OUT). */
static void test_pages_render(void **state)
{
	struct invoice_input in;
	struct costs_summary s;
	char *pdf, cmd[512], png[256], *out;
	const char *path, *keep = getenv("INVOICE_OUT");
	size_t len;
	struct stat st;

	(void)state;
	input(&in, &s, ledger, N_OF(ledger), 2100);
	write_pdf(&in, &pdf, &len);
	path = save(pdf, len, "factuur.pdf");
	snprintf(cmd, sizeof cmd, "pdftoppm -r 60 -png '%s' '%s/factuur'", path,
	         keep != NULL ? keep : tmpdir);
	out = run(cmd);
	free(out);
	snprintf(png, sizeof png, "%s/factuur-1.png", keep != NULL ? keep : tmpdir);
	assert_int_equal(stat(png, &st), 0);
	assert_true(st.st_size > 5000);  /* not a blank page */
	free(pdf);
	costs_summary_free(&s);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_holds_every_amount),
		cmocka_unit_test(test_csv_total_is_the_summary_total),
		cmocka_unit_test(test_supplier_particulars),
		cmocka_unit_test(test_hours_past_midnight),
		cmocka_unit_test(test_same_bytes_twice),
		cmocka_unit_test(test_line_order_does_not_matter),
		cmocka_unit_test(test_pdf_date_is_the_invoice_date),
		cmocka_unit_test(test_vat_zero),
		cmocka_unit_test(test_empty_invoice),
		cmocka_unit_test(test_many_pages),
		cmocka_unit_test(test_csv_escapes_user_text),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_pages_render),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
