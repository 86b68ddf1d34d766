/*
 * What the crypto room's parts share: error messages, randomness, wiping.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include "crypto/crypto.h"

static const char *const messages[-CRYPTO_ERR__MAX] = {
	[-CRYPTO_OK]           = "success",
	[-CRYPTO_ERR_ARG]      = "invalid argument",
	[-CRYPTO_ERR_NOMEM]    = "out of memory",
	[-CRYPTO_ERR_IO]       = "cannot read file",
	[-CRYPTO_ERR_LIB]      = "internal OpenSSL failure",
	[-CRYPTO_ERR_RANDOM]   = "random generator failed",
	[-CRYPTO_ERR_PARSE]    = "malformed input",
	[-CRYPTO_ERR_MISMATCH] = "does not match",
	[-CRYPTO_ERR_PARAMS]   = "password hash parameters out of range",
	[-CRYPTO_ERR_KEY]      = "unreadable or unsuitable key or certificate",
	[-CRYPTO_ERR_BADSIG]   = "signature does not verify",
	[-CRYPTO_ERR_SPACE]    = "output buffer too small",
};

const char *
crypto_strerror(int err)
{
	if (err > 0 || err <= CRYPTO_ERR__MAX || messages[-err] == NULL)
		return "unknown error";
	return messages[-err];
}

int
crypto_random(void *buf, size_t len)
{
	unsigned char *p = buf;

	if (buf == NULL && len > 0)
		return CRYPTO_ERR_ARG;
	/* RAND_bytes takes an int length: feed it in pieces. */
	while (len > 0) {
		int chunk = len > INT_MAX ? INT_MAX : (int)len;

		if (RAND_bytes(p, chunk) != 1) {
			ERR_clear_error();
			return CRYPTO_ERR_RANDOM;
		}
		p += chunk;
		len -= (size_t)chunk;
	}
	return CRYPTO_OK;
}

void
crypto_free_secret(char *s)
{
	if (s == NULL)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

int
crypto_hex(const void *data, size_t len, char *out, size_t outsize)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *p = data;
	size_t i;

	if (out == NULL || (data == NULL && len > 0))
		return CRYPTO_ERR_ARG;
	if (len > (SIZE_MAX - 1) / 2 || outsize < 2 * len + 1)
		return CRYPTO_ERR_SPACE;
	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * len] = '\0';
	return CRYPTO_OK;
}

void
crypto_cleanse(void *p, size_t size)
{
	if (p != NULL)
		OPENSSL_cleanse(p, size);
}

int
crypto_equal(const void *a, const void *b, size_t size)
{
	return CRYPTO_memcmp(a, b, size) == 0;
}
