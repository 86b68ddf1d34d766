/*
 * The hash-chained audit log: each record's hash covers the previous hash,
 * so altering, removing or reordering a stored record breaks the chain at
 * that point.
 */
#include <limits.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "crypto/crypto.h"

void
audit_chain_hash(const char *prev_hex, const char *record,
    char out[HASH_HEX_LEN])
{
	static const unsigned char sep = '\0';
	unsigned char d[HASH_SHA256_LEN];
	unsigned int dlen = 0;
	EVP_MD_CTX *ctx;
	int ok;

	if (prev_hex == NULL)
		prev_hex = "";
	if (record == NULL)
		record = "";
	out[0] = '\0';
	if ((ctx = EVP_MD_CTX_new()) == NULL) {
		ERR_clear_error();
		return;
	}
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	    EVP_DigestUpdate(ctx, prev_hex, strlen(prev_hex)) == 1 &&
	    EVP_DigestUpdate(ctx, &sep, 1) == 1 &&
	    EVP_DigestUpdate(ctx, record, strlen(record)) == 1 &&
	    EVP_DigestFinal_ex(ctx, d, &dlen) == 1 && dlen == sizeof d;
	EVP_MD_CTX_free(ctx);
	if (!ok) {
		ERR_clear_error();
		return;
	}
	(void)crypto_hex(d, sizeof d, out, HASH_HEX_LEN);
}

/* Whether stored is exactly the 64 digits of want ("" when hashing failed,
 * which nothing matches). */
static int
link_holds(const char *stored, const char *want)
{
	return want[0] != '\0' &&
	    strnlen(stored, HASH_HEX_LEN) == HASH_HEX_LEN - 1 &&
	    CRYPTO_memcmp(stored, want, HASH_HEX_LEN - 1) == 0;
}

long
audit_chain_verify(const char *prev_hex, const char *const records[],
    const char *const hashes[], size_t n)
{
	char want[HASH_HEX_LEN];
	size_t i;

	if (prev_hex == NULL)
		prev_hex = AUDIT_GENESIS;
	if (n > 0 && (records == NULL || hashes == NULL))
		return 0;
	if (n > LONG_MAX)
		n = LONG_MAX;   /* an index must fit the answer; no chain is that long */
	for (i = 0; i < n; i++) {
		if (records[i] == NULL || hashes[i] == NULL)
			return (long)i;
		audit_chain_hash(prev_hex, records[i], want);
		if (!link_holds(hashes[i], want))
			return (long)i;
		prev_hex = hashes[i];
	}
	return -1;
}
