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
#include <openssl/core_names.h>
#include <openssl/params.h>

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

void
audit_chain_hmac(const unsigned char *key, size_t keylen, const char *prev_hex,
    const char *record, char out[HASH_HEX_LEN])
{
	static const unsigned char sep = '\0';
	unsigned char d[HASH_SHA256_LEN];
	EVP_MAC *mac;
	EVP_MAC_CTX *mctx;
	OSSL_PARAM params[2];
	size_t got = 0;
	int ok;

	if (key == NULL || keylen == 0 || keylen > INT_MAX) {
		audit_chain_hash(prev_hex, record, out);
		return;
	}
	if (prev_hex == NULL)
		prev_hex = "";
	if (record == NULL)
		record = "";
	out[0] = '\0';
	mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
	mctx = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	ok = mctx != NULL && EVP_MAC_init(mctx, key, keylen, params) == 1 &&
	    EVP_MAC_update(mctx, (const unsigned char *)prev_hex, strlen(prev_hex)) == 1 &&
	    EVP_MAC_update(mctx, &sep, 1) == 1 &&
	    EVP_MAC_update(mctx, (const unsigned char *)record, strlen(record)) == 1 &&
	    EVP_MAC_final(mctx, d, &got, sizeof d) == 1 && got == sizeof d;
	EVP_MAC_CTX_free(mctx);
	EVP_MAC_free(mac);
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
