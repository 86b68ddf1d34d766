/*
 * The supplier's particulars on the invoice (costs.h): KvK number, Dutch VAT
 * number and IBAN, checked and written in one normal form. Pure arithmetic:
 * no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "costs/costs.h"

#define IBAN_MAX 34

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/*
 * Copies s into out (size bytes) without the characters in skip, letters in
 * upper case. COSTS_ERR_MISSING when nothing is left, COSTS_ERR_FORMAT when
 * it does not fit, else COSTS_OK.
 */
static int squeeze(const char *s, const char *skip, char *out, size_t size)
{
	size_t n = 0;

	if (s == NULL)
		return COSTS_ERR_MISSING;
	for (; *s != '\0'; s++) {
		if (strchr(skip, *s) != NULL)
			continue;
		if (n + 1 >= size)
			return COSTS_ERR_FORMAT;
		out[n++] = upper(*s);
	}
	out[n] = '\0';
	return n == 0 ? COSTS_ERR_MISSING : COSTS_OK;
}

/* Whether s[0..n) are digits. */
static int digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

int costs_kvk_parse(const char *s, char out[COSTS_KVK_SIZE])
{
	char b[COSTS_KVK_SIZE];
	int rc;

	if ((rc = squeeze(s, " .", b, sizeof b)) != COSTS_OK)
		return rc;
	if (strlen(b) != COSTS_KVK_SIZE - 1 || !digits(b, COSTS_KVK_SIZE - 1))
		return COSTS_ERR_FORMAT;
	memcpy(out, b, sizeof b);
	return COSTS_OK;
}

int costs_vat_id_parse(const char *s, char out[COSTS_VAT_ID_SIZE])
{
	char b[COSTS_VAT_ID_SIZE];
	int rc;

	if ((rc = squeeze(s, " .", b, sizeof b)) != COSTS_OK)
		return rc;
	/* NL 123456789 B 01 */
	if (strlen(b) != COSTS_VAT_ID_SIZE - 1 || b[0] != 'N' || b[1] != 'L' || !digits(b + 2, 9) ||
	    b[11] != 'B' || !digits(b + 12, 2))
		return COSTS_ERR_FORMAT;
	memcpy(out, b, sizeof b);
	return COSTS_OK;
}

/* The IBAN lengths of the SEPA countries (the IBAN registry); others: 15-34. */
static const struct {
	char cc[3];
	unsigned char len;
} iban_len[] = {
	{"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24},
	{"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22},
	{"GI", 23}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27},
	{"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18},
	{"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24},
	{"SM", 27}, {"VA", 22},
};

/*
 * ISO 13616 / ISO 7064 mod 97-10: the first four characters moved to the
 * end, every letter read as two digits (A = 10 .. Z = 35), the number mod 97
 * must be 1. Computed digit by digit, so nothing overflows.
 */
static int mod97(const char *iban, size_t n)
{
	unsigned r = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = iban[(i + 4) % n];

		if (is_digit(c))
			r = (r * 10 + (unsigned)(c - '0')) % 97;
		else
			r = (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
	}
	return (int)r;
}

int costs_iban_parse(const char *s, char out[COSTS_IBAN_SIZE])
{
	char b[COSTS_IBAN_SIZE];
	size_t n, i, want = 0;
	int rc;

	if ((rc = squeeze(s, " ", b, sizeof b)) != COSTS_OK)
		return rc;
	n = strlen(b);
	if (!is_upper(b[0]) || !is_upper(b[1]) || !is_digit(b[2]) || !is_digit(b[3]))
		return COSTS_ERR_FORMAT;
	for (i = 4; i < n; i++)
		if (!is_digit(b[i]) && !is_upper(b[i]))
			return COSTS_ERR_FORMAT;
	for (i = 0; i < sizeof iban_len / sizeof iban_len[0]; i++)
		if (memcmp(b, iban_len[i].cc, 2) == 0)
			want = iban_len[i].len;
	if (want != 0 ? n != want : n < 15 || n > IBAN_MAX)
		return COSTS_ERR_FORMAT;
	/* a Dutch IBAN: four letters of the bank, ten digits of the account */
	if (memcmp(b, "NL", 2) == 0 &&
	    (!is_upper(b[4]) || !is_upper(b[5]) || !is_upper(b[6]) || !is_upper(b[7]) ||
	     !digits(b + 8, 10)))
		return COSTS_ERR_FORMAT;
	if (mod97(b, n) != 1)
		return COSTS_ERR_CHECKSUM;
	memcpy(out, b, n + 1);
	return COSTS_OK;
}

void costs_iban_format(const char *iban, char *out, size_t size)
{
	size_t i, k = 0;

	if (size == 0)
		return;
	for (i = 0; iban[i] != '\0' && k + 1 < size; i++) {
		if (i > 0 && i % 4 == 0) {
			out[k++] = ' ';
			if (k + 1 >= size)
				break;
		}
		out[k++] = iban[i];
	}
	out[k] = '\0';
}
