/*
 * SHA-256 and the grouped hash code of domain.md §6.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "crypto/crypto.h"

#define FILE_BLOCK 65536

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
hash_sha256(const void *data, size_t len, unsigned char out[32])
{
	unsigned int outlen = 0;

	if (out == NULL || (data == NULL && len > 0))
		return CRYPTO_ERR_ARG;
	if (data == NULL)
		data = "";
	if (EVP_Digest(data, len, out, &outlen, EVP_sha256(), NULL) != 1 ||
	    outlen != HASH_SHA256_LEN) {
		ERR_clear_error();
		return CRYPTO_ERR_LIB;
	}
	return CRYPTO_OK;
}

int
hash_sha256_hex(const void *data, size_t len, char out[HASH_HEX_LEN])
{
	unsigned char d[HASH_SHA256_LEN];
	int rc;

	if (out == NULL)
		return CRYPTO_ERR_ARG;
	if ((rc = hash_sha256(data, len, d)) != CRYPTO_OK)
		return rc;
	return crypto_hex(d, sizeof d, out, HASH_HEX_LEN);
}

int
hash_sha256_file(const char *path, unsigned char out[32])
{
	EVP_MD_CTX *ctx = NULL;
	FILE *f = NULL;
	unsigned char *buf = NULL;
	unsigned int outlen = 0;
	size_t n;
	int rc = CRYPTO_ERR_LIB;

	if (path == NULL || out == NULL)
		return CRYPTO_ERR_ARG;
	if ((f = fopen(path, "rb")) == NULL)
		return CRYPTO_ERR_IO;
	if ((buf = OPENSSL_malloc(FILE_BLOCK)) == NULL) {
		rc = CRYPTO_ERR_NOMEM;
		goto out;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto out;
	while ((n = fread(buf, 1, FILE_BLOCK, f)) > 0)
		if (EVP_DigestUpdate(ctx, buf, n) != 1)
			goto out;
	if (ferror(f)) {
		rc = CRYPTO_ERR_IO;
		goto out;
	}
	if (EVP_DigestFinal_ex(ctx, out, &outlen) != 1 ||
	    outlen != HASH_SHA256_LEN)
		goto out;
	rc = CRYPTO_OK;
out:
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	OPENSSL_free(buf);
	fclose(f);
	return rc;
}

/* Writes group g (0-based) of d as 4 lowercase hex digits at out. */
static void
put_group(const unsigned char d[32], int g, char *out)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char hi = d[2 * g], lo = d[2 * g + 1];

	out[0] = digits[hi >> 4];
	out[1] = digits[hi & 0x0f];
	out[2] = digits[lo >> 4];
	out[3] = digits[lo & 0x0f];
}

static void
format_groups(const unsigned char d[32], int hide1, int hide2, int hide_all,
    char out[HASH_CODE_LEN])
{
	int g;
	char *p = out;

	for (g = 1; g <= HASH_CODE_GROUPS; g++) {
		if (g > 1)
			*p++ = ' ';
		if (hide_all || g == hide1 || g == hide2)
			memcpy(p, HASH_CODE_HIDDEN, 4);
		else
			put_group(d, g - 1, p);
		p += 4;
	}
	*p = '\0';
}

static int
group_ok(int g)
{
	return g >= 1 && g <= HASH_CODE_GROUPS;
}

void
hash_code_format_hidden(const unsigned char d[32], int g1, int g2,
    char out[HASH_CODE_LEN])
{
	int bad = !group_ok(g1) || !group_ok(g2) || g1 == g2;

	format_groups(d, g1, g2, bad, out);
}

void
hash_code_format(const unsigned char d[32], char out[HASH_CODE_LEN])
{
	format_groups(d, 0, 0, 0, out);
}

int
hash_code_parse(const char *text, unsigned char out[32])
{
	unsigned char d[HASH_SHA256_LEN];
	size_t ndigits = 0;
	const char *p;
	int v;

	if (text == NULL || out == NULL)
		return CRYPTO_ERR_ARG;
	for (p = text; *p != '\0'; p++) {
		if (is_blank((unsigned char)*p))
			continue;
		if ((v = hexval((unsigned char)*p)) < 0 ||
		    ndigits >= 2 * HASH_SHA256_LEN)
			return CRYPTO_ERR_PARSE;
		if (ndigits % 2 == 0)
			d[ndigits / 2] = (unsigned char)(v << 4);
		else
			d[ndigits / 2] |= (unsigned char)v;
		ndigits++;
	}
	if (ndigits != 2 * HASH_SHA256_LEN)
		return CRYPTO_ERR_PARSE;
	memcpy(out, d, sizeof d);
	return CRYPTO_OK;
}

void
hash_code_hidden(const unsigned char d[32], int *g1, int *g2)
{
	*g1 = 1 + d[30] % 8;
	*g2 = 10 + d[31] % 7;
}

/*
 * Reads one typed group: blanks around it are dropped, the rest must be
 * exactly 4 hex digits, which are lowercased into out.
 */
static int
typed_group(const char *typed, char out[4])
{
	size_t start = 0, end = strlen(typed), i;

	while (start < end && is_blank((unsigned char)typed[start]))
		start++;
	while (end > start && is_blank((unsigned char)typed[end - 1]))
		end--;
	if (end - start != 4)
		return CRYPTO_ERR_PARSE;
	for (i = 0; i < 4; i++) {
		int c = (unsigned char)typed[start + i];

		if (hexval(c) < 0)
			return CRYPTO_ERR_PARSE;
		out[i] = (char)(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
	}
	return CRYPTO_OK;
}

int
hash_code_check_groups(const unsigned char d[32], int g1, int g2,
    const char *typed1, const char *typed2)
{
	char want1[4], want2[4], got1[4], got2[4];
	int rc, diff;

	if (d == NULL || typed1 == NULL || typed2 == NULL ||
	    !group_ok(g1) || !group_ok(g2) || g1 == g2)
		return CRYPTO_ERR_ARG;
	if ((rc = typed_group(typed1, got1)) != CRYPTO_OK ||
	    (rc = typed_group(typed2, got2)) != CRYPTO_OK)
		return rc;
	put_group(d, g1 - 1, want1);
	put_group(d, g2 - 1, want2);
	/* Both compared, no early exit: the time says nothing about which. */
	diff = CRYPTO_memcmp(want1, got1, 4) | CRYPTO_memcmp(want2, got2, 4);
	return diff == 0 ? CRYPTO_OK : CRYPTO_ERR_MISMATCH;
}
