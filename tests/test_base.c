/*
 * base/: the room every other uses. Table tests for each function (buffers,
 * escapers, the number parser, dates and times, UTF-8), and the named
 * defects that the move to base/ fixed where the copies were used.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/esc.h"
#include "base/limits.h"
#include "base/num.h"
#include "base/utf8.h"
#include "act/act.h"
#include "entry/internal.h"
#include "tally/limits.h"

/* The rooms' older names are the one header's values. */
_Static_assert(TALLY_COUNT_MAX == LIMIT_COUNT_MAX && TALLY_TEXT_MAX == LIMIT_TEXT_MAX &&
               TALLY_HTTP_BODY_MAX == LIMIT_HTTP_BODY_MAX &&
               TALLY_PASSWORD_MAX == LIMIT_PASSWORD_MAX, "tally/limits.h");
_Static_assert(COSTS_LAPTOPS_MAX == LIMIT_LAPTOPS_MAX && COSTS_KM_MAX == LIMIT_KM_MAX &&
               COSTS_DAYS_MAX == LIMIT_DAYS_MAX && COSTS_MONEY_MAX == LIMIT_MONEY_MAX &&
               COSTS_VAT_MAX == LIMIT_VAT_MAX, "costs/costs.h");
_Static_assert(ACCOUNTS_CSV_MAX == LIMIT_ACCOUNTS_CSV_MAX &&
               SESSION_IDLE_MAX == LIMIT_SESSION_IDLE_MAX, "act/act.h, entry/internal.h");
_Static_assert(STORE_AUDIT_PAGE_MAX == LIMIT_AUDIT_PAGE_MAX &&
               STORE_COMMITTEE_MEMBERS_MAX == LIMIT_COMMITTEE_MEMBERS_MAX &&
               STORE_COMMITTEE_TEXT_MAX == LIMIT_COMMITTEE_TEXT_MAX &&
               STORE_PROJECTOR_LINKS_MAX == LIMIT_PROJECTOR_LINKS_MAX &&
               STORE_NAME_MAX == LIMIT_USERNAME_MAX, "store/store.h");

/* Whether s[0..n) is well-formed UTF-8 (no overlong forms, no surrogates). */
static int valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, len;
	unsigned long c;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		len = p[i] >= 0xf0 ? 4 : p[i] >= 0xe0 ? 3 : p[i] >= 0xc2 ? 2 : 0;
		if (len == 0 || p[i] > 0xf4 || i + len > n)
			return 0;
		c = p[i] & (0x7f >> len);
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i + k] & 0x3f);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

/* The chart cuts a long list name after 30 characters: never inside one. */
static void test_svg_cuts_names_at_a_character(void **state)
{
	static const char *const names[] = {
		/* 29 ASCII bytes, then é (2 bytes) across byte 30 */
		"Lijst met een lange naam abcdé en meer",
		/* euro signs (3 bytes) from byte 28 */
		"Partij voor alles en iedere \xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac",
		/* a 4-byte character at byte 29 */
		"Partij voor alles en iederee \xf0\x9f\x97\xb3 stem",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct tally_list l = {0};
		long totals[1] = {10};
		struct tally_form sum = {0};
		size_t len = 0;
		char *svg;

		l.number = 1;
		snprintf(l.name, sizeof l.name, "%s", names[i]);
		sum.nlists = 1;
		sum.list_totals = totals;
		svg = svg_list_totals(&l, &sum, &len);
		assert_non_null(svg);
		if (!valid_utf8(svg, len))
			fail_msg("chart of '%s' is not UTF-8: %s", names[i], svg);
		free(svg);
	}
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
}

/* Decodes the %XX of a filename*=UTF-8''... value into out. */
static size_t percent_decode(const char *s, char *out, size_t size)
{
	size_t n = 0;
	unsigned v;

	while (*s != '\0' && *s != ';' && n + 1 < size) {
		if (*s == '%' && s[1] != '\0' && s[2] != '\0') {
			v = (unsigned)(hexval(s[1]) * 16 + hexval(s[2]));
			out[n++] = (char)v;
			s += 3;
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
	return n;
}

/* A long name with non-ASCII characters (an invoice number typed by a user) is cut in
 * the header at a character: filename*= decodes to UTF-8 that begins the name. */
static void test_attachment_cuts_at_a_character(void **state)
{
	static const char *const units[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x97\xb3", "a\xc3\xa9"};
	char name[1200], exact[800];
	const char *star;
	size_t u, k, n;

	(void)state;
	for (u = 0; u < sizeof units / sizeof units[0]; u++) {
		for (k = 0; k < 9; k++) {
			struct req r;

			memset(&r, 0, sizeof r);
			snprintf(name, sizeof name, "%.*s", (int)k, "factuur-");
			while (strlen(name) + strlen(units[u]) + 5 < sizeof name)
				snprintf(name + strlen(name), sizeof name - strlen(name), "%s", units[u]);
			snprintf(name + strlen(name), sizeof name - strlen(name), ".pdf");
			req_attachment(&r, name);
			assert_non_null(star = strstr(r.disposition, "filename*=UTF-8''"));
			n = percent_decode(star + strlen("filename*=UTF-8''"), exact, sizeof exact);
			if (!valid_utf8(exact, n) || strncmp(exact, name, n) != 0)
				fail_msg("unit %zu, offset %zu: filename* is cut inside a character: %s", u,
				         k, r.disposition);
		}
	}
}

/* ---- base/buf.h ---- */

/* Appends of every size grow the buffer; the bytes and the NUL are always right. */
static void test_buf_grows(void **state)
{
	static const size_t sizes[] = {0, 1, 255, 256, 4095, 4096, 4097, 70000, 300000};
	size_t i, k, want = 0;
	struct buf b = {0};
	char *chunk;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		assert_non_null(chunk = malloc(sizes[i] + 1));
		memset(chunk, 'a' + (int)i, sizes[i]);
		buf_put(&b, chunk, sizes[i]);
		free(chunk);
		want += sizes[i];
		assert_false(b.failed);
		assert_non_null(b.p);              /* also after a first append of nothing */
		assert_int_equal(b.len, want);
		assert_true(b.cap > b.len);
		assert_int_equal(b.p[b.len], '\0');
	}
	for (i = 0, k = 0; i < sizeof sizes / sizeof sizes[0]; k += sizes[i], i++)
		if (sizes[i] > 0)
			assert_true(b.p[k] == 'a' + (int)i && b.p[k + sizes[i] - 1] == 'a' + (int)i);
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	buf_free(NULL);
}

/* printf of any length, putc, puts; take hands the bytes over. */
static void test_buf_printf_take(void **state)
{
	struct buf b = {0};
	char big[1000];
	size_t len = 99;
	char *p;

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "%d-%s", 42, "kort");
	buf_putc(&b, ';');
	buf_printf(&b, "%s|", big);            /* beyond printf's small stack buffer */
	buf_puts(&b, "eind");
	assert_false(b.failed);
	assert_int_equal(b.len, 8 + 999 + 1 + 4);
	assert_memory_equal(b.p, "42-kort;x", 9);
	assert_string_equal(b.p + b.len - 5, "|eind");
	p = buf_take(&b, &len);
	assert_non_null(p);
	assert_int_equal(len, 8 + 999 + 1 + 4);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	free(p);
	/* nothing appended: nothing to take */
	assert_null(buf_take(&b, &len));
	assert_int_equal(len, 0);
	assert_null(buf_take(&b, NULL));
}

/* A size that would overflow fails the buffer instead of wrapping; later appends do nothing
 * and take gives NULL (freeing what there was). */
static void test_buf_overflow(void **state)
{
	struct buf b = {0};
	size_t real_len, real_cap;

	(void)state;
	buf_puts(&b, "begin");
	real_len = b.len;
	real_cap = b.cap;
	b.len = SIZE_MAX - 3;            /* as if almost all of memory were in it */
	buf_put(&b, "abcd", 4);
	assert_true(b.failed);
	b.len = real_len;
	assert_string_equal(b.p, "begin");  /* nothing was written */
	buf_puts(&b, "more");
	assert_int_equal(b.len, real_len);
	assert_null(buf_take(&b, NULL));
	assert_null(b.p);
	assert_false(b.failed);

	/* doubling the capacity past SIZE_MAX / 2 */
	buf_puts(&b, "x");
	real_cap = b.cap;
	b.len = SIZE_MAX / 2;
	b.cap = SIZE_MAX / 2 + 2;
	buf_put(&b, "0123456789", 10);
	assert_true(b.failed);
	b.len = 1;
	b.cap = real_cap;
	buf_free(&b);
	(void)real_cap;
}

/* ---- base/utf8.h ---- */

static void test_utf8_char(void **state)
{
	static const struct {
		const char *s;
		size_t n, len;
		unsigned long cp;
	} cases[] = {
		{"A", 1, 1, 0x41},
		{"\x7f", 1, 1, 0x7f},
		{"\xc3\xa9", 2, 2, 0xe9},                 /* é */
		{"\xe2\x82\xac", 3, 3, 0x20ac},           /* € */
		{"\xef\xbf\xbd", 3, 3, 0xfffd},
		{"\xf0\x9f\x97\xb3", 4, 4, 0x1f5f3},      /* a ballot box */
		{"\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff},     /* the last character */
		{"", 0, 0, 0},                            /* nothing */
		{"\xc3\xa9", 1, 0, 0},                    /* cut short */
		{"\xe2\x82", 2, 0, 0},
		{"\xa9", 1, 0, 0},                        /* a stray continuation byte */
		{"\xc3\x28", 2, 0, 0},                    /* a continuation missing */
		{"\xc0\xaf", 2, 0, 0},                    /* overlong '/' */
		{"\xc1\xbf", 2, 0, 0},
		{"\xe0\x80\xaf", 3, 0, 0},
		{"\xf0\x80\x80\xaf", 4, 0, 0},
		{"\xed\xa0\x80", 3, 0, 0},                /* a surrogate */
		{"\xf4\x90\x80\x80", 4, 0, 0},            /* beyond U+10FFFF */
		{"\xf8\x88\x80\x80\x80", 5, 0, 0},        /* five bytes */
		{"\xff", 1, 0, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long cp = 12345;
		size_t len = utf8_char(cases[i].s, cases[i].n, &cp);

		if (len != cases[i].len || (len > 0 && cp != cases[i].cp))
			fail_msg("case %zu: length %zu (wanted %zu), U+%04lX", i, len, cases[i].len, cp);
		assert_int_equal(utf8_valid(cases[i].s, cases[i].n), cases[i].len == cases[i].n);
	}
	assert_int_equal(utf8_char("\xc3\xa9", 2, NULL), 2);
}

static void test_utf8_prefix(void **state)
{
	static const struct {
		const char *s;
		size_t max, bytes;
	} cases[] = {
		{"abc", 0, 0},
		{"abc", 2, 2},
		{"abc", 3, 3},
		{"abc", 30, 3},
		{"d\xc3\xa9" "f", 2, 3},                     /* d é: three bytes */
		{"\xe2\x82\xac\xe2\x82\xac", 1, 3},
		{"\xf0\x9f\x97\xb3x", 1, 4},
		{"\xff\xfe" "ab", 3, 3},                  /* a bad byte counts as one */
		{"\xc3", 1, 1},
		{"", 5, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (utf8_prefix(cases[i].s, cases[i].max) != cases[i].bytes)
			fail_msg("case %zu: %zu bytes, wanted %zu", i,
			         utf8_prefix(cases[i].s, cases[i].max), cases[i].bytes);
}

/* ---- base/esc.h ---- */

static void check_esc(void (*fn)(struct buf *, const char *), const char *in, const char *want)
{
	struct buf b = {0};

	buf_puts(&b, "[");
	fn(&b, in);
	buf_puts(&b, "]");
	assert_false(b.failed);
	if (strncmp(b.p + 1, want, strlen(want)) != 0 || b.len != strlen(want) + 2)
		fail_msg("'%s' gave '%s', wanted '[%s]'", in, b.p, want);
	assert_true(utf8_valid(b.p, b.len));
	buf_free(&b);
}

/* Canonical XML's escaping, with multi-byte characters kept and bad bytes made U+FFFD. */
static void test_esc_xml(void **state)
{
	static const struct {
		const char *in, *text, *attr;
	} cases[] = {
		{"", "", ""},
		{"West Maas en Waal", "West Maas en Waal", "West Maas en Waal"},
		{"a&b<c>d", "a&amp;b&lt;c&gt;d", "a&amp;b&lt;c>d"},
		{"\"quoted\" 'single'", "\"quoted\" 'single'", "&quot;quoted&quot; 'single'"},
		{"tab\tlf\ncr\r", "tab\tlf\ncr&#xD;", "tab&#x9;lf&#xA;cr&#xD;"},
		{"Café Ökopartij", "Café Ökopartij", "Café Ökopartij"},
		{"\xe2\x82\xac 5 \xf0\x9f\x97\xb3", "\xe2\x82\xac 5 \xf0\x9f\x97\xb3",
		 "\xe2\x82\xac 5 \xf0\x9f\x97\xb3"},
		{"&amp;", "&amp;amp;", "&amp;amp;"},
		/* hostile: what XML cannot hold becomes U+FFFD, one per bad byte */
		{"a\x01" "b\x1f" "c", "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c", "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c"},
		{"x\xff" "y", "x\xef\xbf\xbd" "y", "x\xef\xbf\xbd" "y"},
		{"cut\xc3", "cut\xef\xbf\xbd", "cut\xef\xbf\xbd"},
		{"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd"},
		{"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
		{"no\xef\xbf\xbe", "no\xef\xbf\xbd", "no\xef\xbf\xbd"},   /* U+FFFE */
		{"</text><script>", "&lt;/text&gt;&lt;script&gt;", "&lt;/text>&lt;script>"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		check_esc(esc_xml_text, cases[i].in, cases[i].text);
		check_esc(esc_xml_attr, cases[i].in, cases[i].attr);
	}
}

static void test_esc_csv(void **state)
{
	enum { Q = ESC_CSV_QUOTE_ALL, F = ESC_CSV_FORMULA };
	static const struct {
		const char *in;
		unsigned flags;
		const char *want;
	} cases[] = {
		{"", 0, ""},
		{"", Q, ""},                               /* an empty cell stays bare */
		{"", Q | F, ""},
		{"plain", 0, "plain"},
		{"plain", Q, "\"plain\""},
		{"van Dreumel, C.G.H.M.", Q, "\"van Dreumel, C.G.H.M.\""},
		{"say \"hi\"", 0, "\"say \"\"hi\"\"\""},
		{"say \"hi\"", Q, "\"say \"\"hi\"\"\""},
		{"a;b", 0, "\"a;b\""},
		{"two\nlines", 0, "\"two\nlines\""},
		{"cr\r", 0, "\"cr\r\""},
		{" lead", 0, "\" lead\""},
		{"trail ", 0, "\"trail \""},
		{"=SUM(A1)", F, "'=SUM(A1)"},
		{"+31 6", F, "'+31 6"},
		{"-5", F, "'-5"},
		{"@cmd", F, "'@cmd"},
		{"=1;2", F, "\"'=1;2\""},
		{"=1", 0, "=1"},                           /* our own numbers are not guarded */
		{"-5", Q, "\"-5\""},                       /* OSV's CSV: no guard, as eml2csv */
		{"Café € \xf0\x9f\x97\xb3", 0, "Café € \xf0\x9f\x97\xb3"},
		{"\"", 0, "\"\"\"\""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = {0};

		buf_puts(&b, "[");
		esc_csv_field(&b, cases[i].in, strlen(cases[i].in), cases[i].flags);
		buf_puts(&b, "]");
		if (b.len != strlen(cases[i].want) + 2 ||
		    strncmp(b.p + 1, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("case %zu: '%s' gave %s, wanted [%s]", i, cases[i].in, b.p, cases[i].want);
		buf_free(&b);
	}
	{
		struct buf b = {0};

		esc_csv_field(&b, "a\"bcdef", 3, ESC_CSV_QUOTE_ALL); /* n bytes, not the string */
		assert_string_equal(b.p, "\"a\"\"b\"");
		buf_free(&b);
	}
}

static void test_esc_attachment(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{"Telling_GR2022_WestMaasenWaal.eml.xml",
		 "attachment; filename=\"Telling_GR2022_WestMaasenWaal.eml.xml\"; "
		 "filename*=UTF-8''Telling_GR2022_WestMaasenWaal.eml.xml"},
		{"factuur \"1\".pdf",
		 "attachment; filename=\"factuur _1_.pdf\"; filename*=UTF-8''factuur%20%221%22.pdf"},
		{"a\\b\r\nSet-Cookie: x",
		 "attachment; filename=\"a_b__Set-Cookie: x\"; "
		 "filename*=UTF-8''a%5Cb%0D%0ASet-Cookie%3A%20x"},
		{"\xc3\xbc.pdf", "attachment; filename=\"_.pdf\"; filename*=UTF-8''%C3%BC.pdf"},
		{"\xe2\x82\xac!#$&+-.^_`|~", "attachment; filename=\"_!#$&+-.^_`|~\"; "
		 "filename*=UTF-8''%E2%82%AC!#$&+-.^_`|~"},
		{"x\xff.pdf", "attachment; filename=\"x_.pdf\"; filename*=UTF-8''x%EF%BF%BD.pdf"},
		{"", "attachment; filename=\"\"; filename*=UTF-8''"},
	};
	char out[ESC_ATTACHMENT_SIZE], name[2000];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		esc_attachment(out, sizeof out, cases[i].name);
		assert_string_equal(out, cases[i].want);
	}
	/* a very long name fits, cut, and never runs out of its quotes */
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	esc_attachment(out, sizeof out, name);
	assert_true(strlen(out) < sizeof out - 1);
	assert_non_null(strstr(out, "\"; filename*=UTF-8''nnn"));
}

/* ---- base/num.h ---- */

static void test_num_parse(void **state)
{
	static const struct {
		const char *s;
		long long min, max;
		enum num_err err;
		long long v;
	} cases[] = {
		{"0", 0, 10, NUM_OK, 0},
		{"10", 0, 10, NUM_OK, 10},
		{"0668", 0, 9999, NUM_OK, 668},         /* leading zeros, as a CBS code */
		{"-5", -10, 10, NUM_OK, -5},
		{"-0", 0, 10, NUM_OK, 0},
		{"9223372036854775807", 0, LLONG_MAX, NUM_OK, LLONG_MAX},
		{"-9223372036854775808", LLONG_MIN, 0, NUM_OK, LLONG_MIN},
		{"11", 0, 10, NUM_ERR_LARGE, 0},
		{"-1", 0, 10, NUM_ERR_SMALL, 0},
		{"0", 1, 10, NUM_ERR_SMALL, 0},
		{"9223372036854775808", 0, LLONG_MAX, NUM_ERR_LARGE, 0},
		{"-9223372036854775809", LLONG_MIN, 0, NUM_ERR_SMALL, 0},
		{"99999999999999999999999999999", 0, 10, NUM_ERR_LARGE, 0},
		{"-99999999999999999999999999999", 0, 10, NUM_ERR_SMALL, 0},
		{"", 0, 10, NUM_ERR_EMPTY, 0},
		{NULL, 0, 10, NUM_ERR_EMPTY, 0},
		{" 5", 0, 10, NUM_ERR_SYNTAX, 0},
		{"5 ", 0, 10, NUM_ERR_SYNTAX, 0},
		{"+5", 0, 10, NUM_ERR_SYNTAX, 0},
		{"5x", 0, 10, NUM_ERR_SYNTAX, 0},
		{"99x", 0, 10, NUM_ERR_SYNTAX, 0},          /* garbage first, before the range */
		{"0x10", 0, 100, NUM_ERR_SYNTAX, 0},
		{"1e3", 0, 10000, NUM_ERR_SYNTAX, 0},
		{"1.5", 0, 10, NUM_ERR_SYNTAX, 0},
		{"1,5", 0, 10, NUM_ERR_SYNTAX, 0},
		{"-", 0, 10, NUM_ERR_SYNTAX, 0},
		{"--5", -10, 10, NUM_ERR_SYNTAX, 0},
		{"5-", 0, 10, NUM_ERR_SYNTAX, 0},
		{"abc", 0, 10, NUM_ERR_SYNTAX, 0},
		{"\xd9\xa3", 0, 10, NUM_ERR_SYNTAX, 0},     /* an Arabic-Indic three */
		{"5\n", 0, 10, NUM_ERR_SYNTAX, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long long v = 777;
		enum num_err e = num_parse(cases[i].s, cases[i].min, cases[i].max, &v);

		if (e != cases[i].err)
			fail_msg("'%s' in [%lld, %lld]: %s, wanted %s", cases[i].s ? cases[i].s : "(null)",
			         cases[i].min, cases[i].max, num_strerror(e), num_strerror(cases[i].err));
		assert_true(e == NUM_OK ? v == cases[i].v : v == 777); /* untouched on an error */
		assert_int_equal(num_or(cases[i].s, cases[i].min, cases[i].max, -4242),
		                 e == NUM_OK ? cases[i].v : -4242);
	}
	{
		long l = 5;

		assert_int_equal(num_parse_long("123456", 0, 999999, &l), NUM_OK);
		assert_int_equal(l, 123456);
		assert_int_equal(num_parse_long("1234567", 0, 999999, &l), NUM_ERR_LARGE);
		assert_int_equal(l, 123456);
	}
}

/* The prefix parser, in strtol's shape: the text of a stored form "12 - 0 7". */
static void test_num_prefix(void **state)
{
	static const struct {
		const char *s;
		long long max, v;
		size_t used;               /* 0: refused (end == s) */
	} cases[] = {
		{"12 - 0", 100, 12, 2},
		{"7", 100, 7, 1},
		{"007,", 100, 7, 3},
		{"101 1", 100, 0, 0},
		{"-1 2", 100, 0, 0},
		{"- 2", 100, 0, 0},
		{" 2", 100, 0, 0},
		{"x", 100, 0, 0},
		{"", 100, 0, 0},
		{"99999999999999999999 1", LLONG_MAX, 0, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *end = NULL;
		long long v = num_prefix(cases[i].s, 0, cases[i].max, &end);

		assert_ptr_equal(end, cases[i].s + cases[i].used);
		assert_true(v == cases[i].v);
	}
}

static void test_num_strerror(void **state)
{
	(void)state;
	assert_string_equal(num_strerror(NUM_ERR_EMPTY), "missing");
	assert_string_equal(num_strerror(NUM_ERR_SYNTAX), "not a whole number");
	assert_string_equal(num_strerror(NUM_ERR_SMALL), "too small");
	assert_string_equal(num_strerror(NUM_ERR_LARGE), "too large");
	assert_non_null(num_strerror(NUM_ERR__MAX));
	assert_non_null(num_strerror((enum num_err)-1));
}

/* ---- base/date.h ---- */

static void test_date_fields(void **state)
{
	static const struct {
		const char *iso;
		int ok, y, mo, d, h, mi, s;
	} cases[] = {
		{"2022-03-17T01:32:49.834", 1, 2022, 3, 17, 1, 32, 49},
		{"2026-03-18T21:14:05.123Z", 1, 2026, 3, 18, 21, 14, 5},
		{"2026-03-18 21:14:05", 1, 2026, 3, 18, 21, 14, 5},
		{"1970-01-01T00:00:00", 1, 1970, 1, 1, 0, 0, 0},
		{"2022-03-17", 0, 0, 0, 0, 0, 0, 0},
		{"2022-03-17T01:32", 0, 0, 0, 0, 0, 0, 0},
		{"2022-13-17T01:32:49", 0, 0, 0, 0, 0, 0, 0},
		{"2022-03-32T01:32:49", 0, 0, 0, 0, 0, 0, 0},
		{"2022-03-17T24:00:00", 0, 0, 0, 0, 0, 0, 0},
		{"2022-03-17T01:60:00", 0, 0, 0, 0, 0, 0, 0},
		{"2022/03/17T01:32:49", 0, 0, 0, 0, 0, 0, 0},
		{"2022-03-17X01:32:49", 0, 0, 0, 0, 0, 0, 0},
		{"20a2-03-17T01:32:49", 0, 0, 0, 0, 0, 0, 0},
		{"-022-03-17T01:32:49", 0, 0, 0, 0, 0, 0, 0},
		{"", 0, 0, 0, 0, 0, 0, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tm tm;
		int rc = date_fields(cases[i].iso, &tm);

		if ((rc == 0) != cases[i].ok)
			fail_msg("'%s': %d", cases[i].iso, rc);
		if (rc == 0)
			assert_true(tm.tm_year + 1900 == cases[i].y && tm.tm_mon + 1 == cases[i].mo &&
			            tm.tm_mday == cases[i].d && tm.tm_hour == cases[i].h &&
			            tm.tm_min == cases[i].mi && tm.tm_sec == cases[i].s);
	}
}

/* UTC and local forms, with a zone set for the test (two hours east, no tzdata needed). */
static void test_date_format(void **state)
{
	char out[DATE_ISO_SIZE], small[4];
	time_t t = 0;

	(void)state;
	setenv("TZ", "XYZ-2", 1);
	tzset();
	assert_int_equal(date_parse_utc("2022-03-17T01:32:49.834", &t), 0);
	assert_true(t == (time_t)1647480769);
	assert_int_equal(date_parse_utc("1970-01-01T00:00:00Z", &t), 0);
	assert_true(t == 0);
	assert_int_equal(date_parse_utc("gisteren", &t), -1);
	assert_string_equal(date_utc(1647480769, "%Y-%m-%dT%H:%M:%SZ", out, sizeof out),
	                    "2022-03-17T01:32:49Z");
	assert_string_equal(date_local(1647480769, "%H:%M", out, sizeof out), "03:32");
	assert_string_equal(date_local(1647480769, "%Y%m%d-%H%M%S", out, sizeof out),
	                    "20220317-033249");
	assert_string_equal(date_utc(1647480769, "%Y-%m-%d", small, sizeof small), "");  /* no room */

	date_now_utc(out);
	assert_int_equal(strlen(out), 24);          /* 2026-03-18T21:14:05.123Z */
	assert_true(out[4] == '-' && out[10] == 'T' && out[19] == '.' && out[23] == 'Z');
	assert_int_equal(date_parse_utc(out, &t), 0);
	date_now_local(out);
	assert_int_equal(strlen(out), 23);          /* 2022-03-17T01:32:49.834 */
	assert_true(out[10] == 'T' && out[19] == '.');
	unsetenv("TZ");
	tzset();
}

static void test_date_dutch(void **state)
{
	static const struct {
		const char *iso, *nl_long, *nl_short;
	} cases[] = {
		{"2022-03-16", "16 maart 2022", "16-03-2022"},
		{"2026-01-01", "1 januari 2026", "01-01-2026"},
		{"2026-12-31T23:59:59", "31 december 2026", "31-12-2026"},
		{"2026-13-01", "2026-13-01", "2026-13-01"},        /* anything else as it is */
		{"2026-00-10", "2026-00-10", "2026-00-10"},
		{"morgen", "morgen", "morgen"},
		{"", "", ""},
	};
	char out[64];
	size_t i;
	int m;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date_nl_long(cases[i].iso, out, sizeof out);
		assert_string_equal(out, cases[i].nl_long);
		date_nl_short(cases[i].iso, out, sizeof out);
		assert_string_equal(out, cases[i].nl_short);
	}
	assert_int_equal(date_nl_long("2022-03-16", out, sizeof out), 0);
	assert_int_equal(date_nl_long("x", out, sizeof out), -1);
	assert_null(date_month_nl(0));
	assert_null(date_month_nl(13));
	assert_string_equal(date_month_nl(5), "mei");
	for (m = 1; m <= 12; m++)
		assert_non_null(date_month_nl(m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows),
		cmocka_unit_test(test_buf_printf_take),
		cmocka_unit_test(test_buf_overflow),
		cmocka_unit_test(test_utf8_char),
		cmocka_unit_test(test_utf8_prefix),
		cmocka_unit_test(test_esc_xml),
		cmocka_unit_test(test_esc_csv),
		cmocka_unit_test(test_esc_attachment),
		cmocka_unit_test(test_num_parse),
		cmocka_unit_test(test_num_prefix),
		cmocka_unit_test(test_num_strerror),
		cmocka_unit_test(test_date_fields),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_dutch),
		cmocka_unit_test(test_svg_cuts_names_at_a_character),
		cmocka_unit_test(test_attachment_cuts_at_a_character),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
