/*
 * libFuzzer target: what comes from the LAN or from ICT staff's files: the
 * accounts CSV, hash codes, and money, times and dates of the costs ledger.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "costs/costs.h"
#include "crypto/crypto.h"
#include "act/act.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct account_new *rows = NULL;
	struct accounts_csv_error err;
	unsigned char d[32];
	costs_cents c;
	size_t n = 0;
	long v;
	int m;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (accounts_parse_csv(s, &rows, &n, &err) == 0)
		accounts_free(rows, n);
	hash_code_parse(s, d);
	costs_parse_money(s, &c);
	costs_parse_time(s, &m);
	costs_parse_date(s);
	costs_parse_count(s, 1000000, &v);
	free(s);
	return 0;
}
