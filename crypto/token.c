/*
 * Session tokens. The browser holds the token; the database holds only its
 * SHA-256, so a copy of the database opens no session.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/crypto.h"

int
token_new(char out[TOKEN_LEN])
{
	unsigned char raw[TOKEN_BYTES];
	int rc;

	if (out == NULL)
		return CRYPTO_ERR_ARG;
	out[0] = '\0';
	if ((rc = crypto_random(raw, sizeof raw)) == CRYPTO_OK)
		rc = crypto_hex(raw, sizeof raw, out, TOKEN_LEN);
	OPENSSL_cleanse(raw, sizeof raw);
	return rc;
}

int
token_check(const char *token)
{
	size_t i;

	if (token == NULL)
		return CRYPTO_ERR_ARG;
	for (i = 0; i < TOKEN_LEN - 1; i++)
		if (!((token[i] >= '0' && token[i] <= '9') ||
		    (token[i] >= 'a' && token[i] <= 'f')))
			return CRYPTO_ERR_PARSE;
	return token[i] == '\0' ? CRYPTO_OK : CRYPTO_ERR_PARSE;
}

void
token_hash(const char *token, char out[HASH_HEX_LEN])
{
	if (token == NULL)
		token = "";
	if (hash_sha256_hex(token, strlen(token), out) != CRYPTO_OK)
		out[0] = '\0';
}
