/*
 * Keys: the Ed25519 signing key of the election laptop and the ECDSA P-256
 * TLS certificate of its LAN server. Keys cross this module's border only
 * as PEM text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "crypto/crypto.h"

#define ED25519_RAW_LEN  32
#define CERT_DAYS_BEFORE 1            /* notBefore: now minus this */
#define CERT_YEARS       3
#define SERIAL_BYTES     16

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

static EVP_PKEY *
read_private(const char *pem)
{
	BIO *b;
	EVP_PKEY *k;

	if ((b = BIO_new_mem_buf(pem, -1)) == NULL)
		return NULL;
	k = PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL);
	BIO_free(b);
	return k;
}

static EVP_PKEY *
read_public(const char *pem)
{
	BIO *b;
	EVP_PKEY *k;

	if ((b = BIO_new_mem_buf(pem, -1)) == NULL)
		return NULL;
	k = PEM_read_bio_PUBKEY(b, NULL, no_passphrase, NULL);
	BIO_free(b);
	return k;
}

/* Reads an Ed25519 key of either kind; NULL if unreadable or another type. */
static EVP_PKEY *
read_ed25519(const char *pem, int private)
{
	EVP_PKEY *k = private ? read_private(pem) : read_public(pem);

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
static int
bio_string(BIO *b, char **out)
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
static int
private_pem(EVP_PKEY *k, char **out)
{
	BIO *b;
	int rc = CRYPTO_ERR_LIB;

	*out = NULL;
	if ((b = BIO_new(BIO_s_secmem())) == NULL)
		return CRYPTO_ERR_NOMEM;
	if (PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL) == 1)
		rc = bio_string(b, out);
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
		rc = bio_string(b, out);
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
	if ((rc = private_pem(k, priv_pem)) == CRYPTO_OK)
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

int
sign_data(const char *priv_pem, const void *data, size_t len,
    unsigned char sig[64])
{
	EVP_PKEY *k = NULL;
	EVP_MD_CTX *ctx = NULL;
	size_t siglen = SIGN_SIG_LEN;
	int rc = CRYPTO_ERR_LIB;

	if (priv_pem == NULL || sig == NULL || (data == NULL && len > 0))
		return CRYPTO_ERR_ARG;
	if (data == NULL)
		data = "";
	if ((k = read_ed25519(priv_pem, 1)) == NULL) {
		rc = CRYPTO_ERR_KEY;
		goto out;
	}
	/* Ed25519 is one-shot: no digest, the whole message at once. */
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(ctx, NULL, NULL, NULL, k) != 1 ||
	    EVP_DigestSign(ctx, sig, &siglen, data, len) != 1 ||
	    siglen != SIGN_SIG_LEN)
		goto out;
	rc = CRYPTO_OK;
out:
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return rc;
}

int
sign_verify(const char *pub_pem, const void *data, size_t len,
    const unsigned char sig[64])
{
	EVP_PKEY *k = NULL;
	EVP_MD_CTX *ctx = NULL;
	int rc = CRYPTO_ERR_LIB;

	if (pub_pem == NULL || sig == NULL || (data == NULL && len > 0))
		return CRYPTO_ERR_ARG;
	if (data == NULL)
		data = "";
	if ((k = read_ed25519(pub_pem, 0)) == NULL) {
		rc = CRYPTO_ERR_KEY;
		goto out;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k) != 1)
		goto out;
	/* 0 is a bad signature, <0 a malformed one: both refuse the file. */
	rc = EVP_DigestVerify(ctx, sig, SIGN_SIG_LEN, data, len) == 1 ?
	    CRYPTO_OK : CRYPTO_ERR_BADSIG;
out:
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
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

/* Adds one extension written in openssl.cnf syntax (constant text only). */
static int
add_ext(X509 *x, X509V3_CTX *v3, int nid, const char *value)
{
	X509_EXTENSION *ext;
	int ok;

	if ((ext = X509V3_EXT_conf_nid(NULL, v3, nid, value)) == NULL)
		return 0;
	ok = X509_add_ext(x, ext, -1) == 1;
	X509_EXTENSION_free(ext);
	return ok;
}

/* A random positive serial of SERIAL_BYTES*8 bits, never zero. */
static int
set_serial(X509 *x)
{
	unsigned char raw[SERIAL_BYTES];
	BIGNUM *bn;
	int rc;

	if ((rc = crypto_random(raw, sizeof raw)) != CRYPTO_OK)
		return rc;
	if ((bn = BN_bin2bn(raw, sizeof raw, NULL)) == NULL)
		return CRYPTO_ERR_NOMEM;
	if (BN_is_zero(bn))
		rc = BN_set_word(bn, 1) == 1 ? CRYPTO_OK : CRYPTO_ERR_LIB;
	if (rc == CRYPTO_OK &&
	    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL)
		rc = CRYPTO_ERR_LIB;
	BN_free(bn);
	return rc;
}

/* notBefore = now - 1 day, notAfter = the same moment three years on. */
static int
set_validity(X509 *x)
{
	time_t from = time(NULL) - CERT_DAYS_BEFORE * 86400L, until;
	struct tm tm;

	if (gmtime_r(&from, &tm) == NULL)
		return CRYPTO_ERR_LIB;
	tm.tm_year += CERT_YEARS;   /* 29 February becomes 1 March */
	if ((until = timegm(&tm)) == (time_t)-1)
		return CRYPTO_ERR_LIB;
	if (ASN1_TIME_set(X509_getm_notBefore(x), from) == NULL ||
	    ASN1_TIME_set(X509_getm_notAfter(x), until) == NULL)
		return CRYPTO_ERR_LIB;
	return CRYPTO_OK;
}

int
tls_make_cert(const char *common_name, char **key_pem, char **cert_pem)
{
	static const struct {
		int nid;
		const char *value;
	} exts[] = {
		{ NID_basic_constraints, "critical,CA:FALSE" },
		{ NID_key_usage, "critical,digitalSignature" },
		{ NID_ext_key_usage, "serverAuth" },
		{ NID_subject_alt_name, "DNS:localhost,DNS:teller,IP:127.0.0.1" },
		{ NID_subject_key_identifier, "hash" },
	};
	EVP_PKEY *k = NULL;
	X509 *x = NULL;
	X509_NAME *name;
	X509V3_CTX v3;
	BIO *b = NULL;
	size_t cnlen, i;
	int rc = CRYPTO_ERR_LIB;

	if (key_pem == NULL || cert_pem == NULL)
		return CRYPTO_ERR_ARG;
	*key_pem = NULL;
	*cert_pem = NULL;
	if (common_name == NULL ||
	    (cnlen = strnlen(common_name, TLS_CN_MAX + 1)) == 0 ||
	    cnlen > TLS_CN_MAX)
		return CRYPTO_ERR_ARG;

	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL ||
	    (x = X509_new()) == NULL)
		goto out;
	if (X509_set_version(x, X509_VERSION_3) != 1)
		goto out;
	if ((rc = set_serial(x)) != CRYPTO_OK ||
	    (rc = set_validity(x)) != CRYPTO_OK)
		goto out;
	rc = CRYPTO_ERR_LIB;
	name = X509_get_subject_name(x);
	if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)common_name, -1, -1, 0) != 1) {
		rc = CRYPTO_ERR_ARG;   /* not UTF-8, or too many characters */
		goto out;
	}
	if (X509_set_issuer_name(x, name) != 1 || X509_set_pubkey(x, k) != 1)
		goto out;
	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (!add_ext(x, &v3, exts[i].nid, exts[i].value))
			goto out;
	if (X509_sign(x, k, EVP_sha256()) <= 0)
		goto out;

	if ((b = BIO_new(BIO_s_mem())) == NULL) {
		rc = CRYPTO_ERR_NOMEM;
		goto out;
	}
	if (PEM_write_bio_X509(b, x) != 1)
		goto out;
	if ((rc = bio_string(b, cert_pem)) != CRYPTO_OK ||
	    (rc = private_pem(k, key_pem)) != CRYPTO_OK)
		goto out;
	rc = CRYPTO_OK;
out:
	if (rc != CRYPTO_OK) {
		ERR_clear_error();
		crypto_free_secret(*key_pem);
		free(*cert_pem);
		*key_pem = NULL;
		*cert_pem = NULL;
	}
	BIO_free(b);
	X509_free(x);
	EVP_PKEY_free(k);
	return rc;
}

int
tls_cert_fingerprint(const char *cert_pem, char *out, size_t outsize)
{
	static const char digits[] = "0123456789ABCDEF";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	X509 *x = NULL;
	BIO *b;
	int rc = CRYPTO_ERR_LIB;

	if (cert_pem == NULL || out == NULL)
		return CRYPTO_ERR_ARG;
	if (outsize < TLS_FINGERPRINT_LEN)
		return CRYPTO_ERR_SPACE;
	if ((b = BIO_new_mem_buf(cert_pem, -1)) == NULL)
		return CRYPTO_ERR_NOMEM;
	if ((x = PEM_read_bio_X509(b, NULL, no_passphrase, NULL)) == NULL) {
		rc = CRYPTO_ERR_KEY;
		goto out;
	}
	/* X509_digest hashes the DER encoding of the whole certificate. */
	if (X509_digest(x, EVP_sha256(), md, &mdlen) != 1 ||
	    mdlen != HASH_SHA256_LEN)
		goto out;
	for (i = 0; i < mdlen; i++) {
		out[3 * i] = digits[md[i] >> 4];
		out[3 * i + 1] = digits[md[i] & 0x0f];
		out[3 * i + 2] = i + 1 < mdlen ? ':' : '\0';
	}
	rc = CRYPTO_OK;
out:
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	X509_free(x);
	BIO_free(b);
	return rc;
}
