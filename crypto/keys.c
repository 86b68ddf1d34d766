/*
 * Keys: the Ed25519 signing key of the election laptop (the TLS
 * certificates are in tls.c). Keys cross this module's border only as PEM
 * text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "crypto/crypto.h"
#include "crypto/internal.h"

#define ED25519_RAW_LEN  32

/*
 * Refuses every passphrase: without this, OpenSSL would prompt on the
 * terminal for an encrypted PEM.
 */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

void *
crypto_read_pem(const char *pem, enum crypto_pem kind)
{
	BIO *b;
	void *obj = NULL;

	if (pem == NULL || (b = BIO_new_mem_buf(pem, -1)) == NULL)
		return NULL;
	switch (kind) {
	case CRYPTO_PEM_PRIVATE:
		obj = PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL);
		break;
	case CRYPTO_PEM_PUBLIC:
		obj = PEM_read_bio_PUBKEY(b, NULL, no_passphrase, NULL);
		break;
	case CRYPTO_PEM_CERT:
		obj = PEM_read_bio_X509(b, NULL, no_passphrase, NULL);
		break;
	}
	BIO_free(b);
	return obj;
}

/* Reads an Ed25519 key of either kind; NULL if unreadable or another type. */
static EVP_PKEY *
read_ed25519(const char *pem, int private)
{
	EVP_PKEY *k = crypto_read_pem(pem, private ? CRYPTO_PEM_PRIVATE : CRYPTO_PEM_PUBLIC);

	if (k != NULL && EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	return k;
}

/*
 * Copies the contents of memory BIO b into a new NUL-terminated string
 * from malloc(). Returns 0 or CRYPTO_ERR_NOMEM.
 */
int
crypto_bio_string(BIO *b, char **out)
{
	char *data = NULL;
	long len = BIO_get_mem_data(b, &data);

	*out = NULL;
	if (len <= 0 || data == NULL)
		return CRYPTO_ERR_LIB;
	if ((*out = malloc((size_t)len + 1)) == NULL)
		return CRYPTO_ERR_NOMEM;
	memcpy(*out, data, (size_t)len);
	(*out)[len] = '\0';
	return CRYPTO_OK;
}

/*
 * The private key as unencrypted PKCS#8 PEM, through a secure-memory BIO
 * so that OpenSSL's copy is wiped too. Free with crypto_free_secret().
 */
int
crypto_private_pem(EVP_PKEY *k, char **out)
{
	BIO *b;
	int rc = CRYPTO_ERR_LIB;

	*out = NULL;
	if ((b = BIO_new(BIO_s_secmem())) == NULL)
		return CRYPTO_ERR_NOMEM;
	if (PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL) == 1)
		rc = crypto_bio_string(b, out);
	BIO_free(b);
	return rc;
}

/* The public key as SubjectPublicKeyInfo PEM. Free with free(). */
static int
public_pem(EVP_PKEY *k, char **out)
{
	BIO *b;
	int rc = CRYPTO_ERR_LIB;

	*out = NULL;
	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return CRYPTO_ERR_NOMEM;
	if (PEM_write_bio_PUBKEY(b, k) == 1)
		rc = crypto_bio_string(b, out);
	BIO_free(b);
	return rc;
}

int
sign_keygen(char **priv_pem, char **pub_pem)
{
	EVP_PKEY *k = NULL;
	int rc;

	if (priv_pem == NULL || pub_pem == NULL)
		return CRYPTO_ERR_ARG;
	*priv_pem = NULL;
	*pub_pem = NULL;
	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) == NULL) {
		rc = CRYPTO_ERR_LIB;
		goto out;
	}
	if ((rc = crypto_private_pem(k, priv_pem)) == CRYPTO_OK)
		rc = public_pem(k, pub_pem);
out:
	if (rc != CRYPTO_OK) {
		ERR_clear_error();
		crypto_free_secret(*priv_pem);
		free(*pub_pem);
		*priv_pem = NULL;
		*pub_pem = NULL;
	}
	EVP_PKEY_free(k);
	return rc;
}

/*
 * A one-shot Ed25519 context on the key in pem, to sign with (private) or to
 * verify against: CRYPTO_OK with *ctx (the caller frees it, also on failure),
 * CRYPTO_ERR_KEY or CRYPTO_ERR_LIB. OpenSSL's errors are the caller's to clear.
 */
static int
ed25519_ctx(const char *pem, int private, EVP_MD_CTX **ctx)
{
	EVP_PKEY *k;
	int ok;

	if ((k = read_ed25519(pem, private)) == NULL)
		return CRYPTO_ERR_KEY;
	/* Ed25519 is one-shot: no digest, the whole message at once. */
	if ((*ctx = EVP_MD_CTX_new()) == NULL)
		ok = 0;
	else if (private)
		ok = EVP_DigestSignInit(*ctx, NULL, NULL, NULL, k) == 1;
	else
		ok = EVP_DigestVerifyInit(*ctx, NULL, NULL, NULL, k) == 1;
	EVP_PKEY_free(k); /* the context holds its own reference */
	return ok ? CRYPTO_OK : CRYPTO_ERR_LIB;
}

int
sign_data(const char *priv_pem, const void *data, size_t len,
    unsigned char sig[64])
{
	EVP_MD_CTX *ctx = NULL;
	size_t siglen = SIGN_SIG_LEN;
	int rc;

	if (priv_pem == NULL || sig == NULL || (data == NULL && len > 0))
		return CRYPTO_ERR_ARG;
	if (data == NULL)
		data = "";
	if ((rc = ed25519_ctx(priv_pem, 1, &ctx)) == CRYPTO_OK &&
	    (EVP_DigestSign(ctx, sig, &siglen, data, len) != 1 || siglen != SIGN_SIG_LEN))
		rc = CRYPTO_ERR_LIB;
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	return rc;
}

int
sign_verify(const char *pub_pem, const void *data, size_t len,
    const unsigned char sig[64])
{
	EVP_MD_CTX *ctx = NULL;
	int rc;

	if (pub_pem == NULL || sig == NULL || (data == NULL && len > 0))
		return CRYPTO_ERR_ARG;
	if (data == NULL)
		data = "";
	/* 0 is a bad signature, <0 a malformed one: both refuse the file. */
	if ((rc = ed25519_ctx(pub_pem, 0, &ctx)) == CRYPTO_OK &&
	    EVP_DigestVerify(ctx, sig, SIGN_SIG_LEN, data, len) != 1)
		rc = CRYPTO_ERR_BADSIG;
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	return rc;
}

int
sign_public_from_private(const char *priv_pem, char **pub_pem)
{
	EVP_PKEY *k;
	int rc;

	if (pub_pem == NULL)
		return CRYPTO_ERR_ARG;
	*pub_pem = NULL;
	if (priv_pem == NULL)
		return CRYPTO_ERR_ARG;
	if ((k = read_ed25519(priv_pem, 1)) == NULL) {
		ERR_clear_error();
		return CRYPTO_ERR_KEY;
	}
	if ((rc = public_pem(k, pub_pem)) != CRYPTO_OK)
		ERR_clear_error();
	EVP_PKEY_free(k);
	return rc;
}

int
sign_fingerprint(const char *pub_pem, char out[HASH_CODE_LEN])
{
	EVP_PKEY *k;
	unsigned char raw[ED25519_RAW_LEN], d[HASH_SHA256_LEN];
	size_t rawlen = sizeof raw;
	int rc;

	if (pub_pem == NULL || out == NULL)
		return CRYPTO_ERR_ARG;
	if ((k = read_ed25519(pub_pem, 0)) == NULL) {
		ERR_clear_error();
		return CRYPTO_ERR_KEY;
	}
	if (EVP_PKEY_get_raw_public_key(k, raw, &rawlen) != 1 ||
	    rawlen != sizeof raw) {
		ERR_clear_error();
		rc = CRYPTO_ERR_LIB;
	} else if ((rc = hash_sha256(raw, rawlen, d)) == CRYPTO_OK)
		hash_code_format(d, out);
	EVP_PKEY_free(k);
	return rc;
}
