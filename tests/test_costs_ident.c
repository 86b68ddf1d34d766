/*
 * The supplier's particulars on the invoice (costs/ident.c), as a
 * specification: what is accepted and in which normal form, what is refused
 * and why. The IBANs are the published examples of the standard and the
 * banks, and the same with one digit changed or two swapped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "costs/costs.h"

#define N_OF(t) (sizeof(t) / sizeof((t)[0]))

static const char *errname(int rc)
{
	switch (rc) {
	case COSTS_OK: return "COSTS_OK";
	case COSTS_ERR_FORMAT: return "COSTS_ERR_FORMAT";
	case COSTS_ERR_MISSING: return "COSTS_ERR_MISSING";
	case COSTS_ERR_CHECKSUM: return "COSTS_ERR_CHECKSUM";
	default: return "another error";
	}
}

#define EXPECT_RC(what, got, want)                                                          \
	do {                                                                                \
		int g_ = (got), w_ = (want);                                                \
		if (g_ != w_)                                                               \
			fail_msg("%s: got %s, want %s", (what), errname(g_), errname(w_));  \
	} while (0)

static void test_kvk_parse(void **state)
{
	static const struct {
		const char *in;
		int rc;
		const char *out;
	} cases[] = {
		{"12345678", COSTS_OK, "12345678"},
		{"1234 5678", COSTS_OK, "12345678"},
		{" 12.34.56.78 ", COSTS_OK, "12345678"},
		{"00000001", COSTS_OK, "00000001"},
		{"1234567", COSTS_ERR_FORMAT, NULL},
		{"123456789", COSTS_ERR_FORMAT, NULL},
		{"1234567a", COSTS_ERR_FORMAT, NULL},
		{"-1234567", COSTS_ERR_FORMAT, NULL},
		{"12345678\n", COSTS_ERR_FORMAT, NULL},
		{"", COSTS_ERR_MISSING, NULL},
		{"   ", COSTS_ERR_MISSING, NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		char out[COSTS_KVK_SIZE] = "x";

		EXPECT_RC(cases[i].in, costs_kvk_parse(cases[i].in, out), cases[i].rc);
		assert_string_equal(out, cases[i].out != NULL ? cases[i].out : "x");
	}
	EXPECT_RC("NULL", costs_kvk_parse(NULL, (char[COSTS_KVK_SIZE]){0}), COSTS_ERR_MISSING);
}

static void test_vat_id_parse(void **state)
{
	static const struct {
		const char *in;
		int rc;
		const char *out;
	} cases[] = {
		{"NL123456789B01", COSTS_OK, "NL123456789B01"},
		{"nl123456789b01", COSTS_OK, "NL123456789B01"},
		{"NL 1234.56.789.B01", COSTS_OK, "NL123456789B01"},
		{" NL001234567B01 ", COSTS_OK, "NL001234567B01"},
		{"123456789B01", COSTS_ERR_FORMAT, NULL},      /* without NL */
		{"BE0123456789", COSTS_ERR_FORMAT, NULL},      /* not Dutch */
		{"NL12345678B01", COSTS_ERR_FORMAT, NULL},     /* 8 digits */
		{"NL1234567890B01", COSTS_ERR_FORMAT, NULL},   /* 10 digits */
		{"NL123456789B1", COSTS_ERR_FORMAT, NULL},
		{"NL123456789B012", COSTS_ERR_FORMAT, NULL},
		{"NL123456789X01", COSTS_ERR_FORMAT, NULL},
		{"NL123456789", COSTS_ERR_FORMAT, NULL},
		{"NL12345678OB01", COSTS_ERR_FORMAT, NULL},    /* a letter O for a zero */
		{"", COSTS_ERR_MISSING, NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		char out[COSTS_VAT_ID_SIZE] = "x";

		EXPECT_RC(cases[i].in, costs_vat_id_parse(cases[i].in, out), cases[i].rc);
		assert_string_equal(out, cases[i].out != NULL ? cases[i].out : "x");
	}
}

static void test_iban_parse(void **state)
{
	static const struct {
		const char *in;
		int rc;
		const char *out, *grouped;
	} cases[] = {
		/* the standard's and the banks' published examples */
		{"NL91ABNA0417164300", COSTS_OK, "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"},
		{"NL91 ABNA 0417 1643 00", COSTS_OK, "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"},
		{"nl91abna0417164300", COSTS_OK, "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"},
		{"NL20INGB0001234567", COSTS_OK, "NL20INGB0001234567", "NL20 INGB 0001 2345 67"},
		{"BE68539007547034", COSTS_OK, "BE68539007547034", "BE68 5390 0754 7034"},
		{"DE89370400440532013000", COSTS_OK, "DE89370400440532013000",
		 "DE89 3704 0044 0532 0130 00"},
		{"GB82WEST12345698765432", COSTS_OK, "GB82WEST12345698765432",
		 "GB82 WEST 1234 5698 7654 32"},
		{"MT84MALT011000012345MTLCAST001S", COSTS_OK, "MT84MALT011000012345MTLCAST001S",
		 "MT84 MALT 0110 0001 2345 MTLC AST0 01S"},
		/* one digit flipped, two digits swapped: the check finds both */
		{"NL91ABNA0417164301", COSTS_ERR_CHECKSUM, NULL, NULL},
		{"NL91ABNA0417163400", COSTS_ERR_CHECKSUM, NULL, NULL},
		{"NL92ABNA0417164300", COSTS_ERR_CHECKSUM, NULL, NULL},
		{"BE68539007547035", COSTS_ERR_CHECKSUM, NULL, NULL},
		/* not the shape of an IBAN */
		{"NL91ABNA041716430", COSTS_ERR_FORMAT, NULL, NULL},      /* NL is 18 long */
		{"NL91ABNA04171643000", COSTS_ERR_FORMAT, NULL, NULL},
		{"NL9IABNA0417164300", COSTS_ERR_FORMAT, NULL, NULL},     /* check digits not digits */
		{"9191ABNA0417164300", COSTS_ERR_FORMAT, NULL, NULL},     /* no country */
		{"NL91-ABNA-0417-1643-00", COSTS_ERR_FORMAT, NULL, NULL},
		{"NL91ABNA04171643\xc3\xa9", COSTS_ERR_FORMAT, NULL, NULL},
		{"XX91ABNA", COSTS_ERR_FORMAT, NULL, NULL},               /* too short anywhere */
		{"XX0012345678901234567890123456789012", COSTS_ERR_FORMAT, NULL, NULL}, /* 36 */
		{"", COSTS_ERR_MISSING, NULL, NULL},
		{"    ", COSTS_ERR_MISSING, NULL, NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_OF(cases); i++) {
		char out[COSTS_IBAN_SIZE] = "x", g[COSTS_IBAN_TEXT];

		EXPECT_RC(cases[i].in, costs_iban_parse(cases[i].in, out), cases[i].rc);
		assert_string_equal(out, cases[i].out != NULL ? cases[i].out : "x");
		if (cases[i].grouped != NULL) {
			costs_iban_format(out, g, sizeof g);
			assert_string_equal(g, cases[i].grouped);
		}
	}
	EXPECT_RC("NULL", costs_iban_parse(NULL, (char[COSTS_IBAN_SIZE]){0}), COSTS_ERR_MISSING);
}

static void test_iban_format_truncates_safely(void **state)
{
	char small[8];

	(void)state;
	costs_iban_format("NL91ABNA0417164300", small, sizeof small);
	assert_string_equal(small, "NL91 AB");
	costs_iban_format("NL91ABNA0417164300", small, 5);
	assert_string_equal(small, "NL91");
	costs_iban_format("", small, sizeof small);
	assert_string_equal(small, "");
}

static void test_the_checksum_has_a_sentence(void **state)
{
	(void)state;
	assert_non_null(strstr(costs_strerror(COSTS_ERR_CHECKSUM), "check digits"));
	assert_non_null(strstr(costs_strerror_nl(COSTS_ERR_CHECKSUM), "controlegetal"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kvk_parse),
		cmocka_unit_test(test_vat_id_parse),
		cmocka_unit_test(test_iban_parse),
		cmocka_unit_test(test_iban_format_truncates_safely),
		cmocka_unit_test(test_the_checksum_has_a_sentence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
