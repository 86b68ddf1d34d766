/*
 * TLS certificates of the LAN server. A database made by teller init holds a
 * local CA (ECDSA P-256, ten years) whose certificate every laptop installs
 * once, and a server certificate that CA signs for every name and address
 * the machine has; the server certificate is re-issued whenever those change.
 * tls_make_cert's self-signed certificate is what older databases hold.
 * Keys cross this file's border only as PEM text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
#include "crypto/internal.h"

#define CERT_DAYS_BEFORE 1            /* notBefore: now minus this */
#define SELF_YEARS       3            /* tls_make_cert */
#define CA_YEARS         10
/* A server certificate lives at most 397 days: the most that Apple's and
 * the CA/Browser Forum's rules allow, so no client refuses it for its
 * length. teller serve renews it LEAF_RENEW_DAYS before it ends. */
#define LEAF_DAYS        397
#define LEAF_RENEW_DAYS  30
#define SERIAL_BYTES     16
#define DNS_NAME_MAX     253
#define DNS_LABEL_MAX    63

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

/* notBefore = now - 1 day; notAfter = that moment plus years calendar
 * years (years > 0) or plus days days. */
static int
set_validity(X509 *x, int years, long days)
{
	time_t from = time(NULL) - CERT_DAYS_BEFORE * 86400L, until;
	struct tm tm;

	if (years > 0) {
		if (gmtime_r(&from, &tm) == NULL)
			return CRYPTO_ERR_LIB;
		tm.tm_year += years;   /* 29 February becomes 1 March */
		if ((until = timegm(&tm)) == (time_t)-1)
			return CRYPTO_ERR_LIB;
	} else
		until = from + days * 86400L;
	if (ASN1_TIME_set(X509_getm_notBefore(x), from) == NULL ||
	    ASN1_TIME_set(X509_getm_notAfter(x), until) == NULL)
		return CRYPTO_ERR_LIB;
	return CRYPTO_OK;
}

/* Whether name is a host name of letters, digits and '-' in dot-separated
 * labels of 1..63, at most 253 in all, no label starting or ending in '-'. */
static int
dns_name_ok(const char *name)
{
	size_t len = 0, label = 0;
	const char *p;

	for (p = name; *p != '\0'; p++, len++) {
		if (len >= DNS_NAME_MAX)
			return 0;
		if (*p == '.') {
			if (label == 0 || p[-1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
		if ((label == 0 && *p == '-') || ++label > DNS_LABEL_MAX)
			return 0;
	}
	return label > 0 && p[-1] != '-';
}

/* One subjectAltName: an IP address when name is an IPv4 or IPv6 literal,
 * else a DNS name. NULL when name is neither, or out of memory. */
static GENERAL_NAME *
san_of(const char *name)
{
	GENERAL_NAME *g;
	ASN1_OCTET_STRING *ip;
	ASN1_IA5STRING *dns;

	if ((g = GENERAL_NAME_new()) == NULL)
		return NULL;
	if ((ip = a2i_IPADDRESS(name)) != NULL) {
		GENERAL_NAME_set0_value(g, GEN_IPADD, ip);
		return g;
	}
	ERR_clear_error();
	if (dns_name_ok(name) && (dns = ASN1_IA5STRING_new()) != NULL) {
		if (ASN1_STRING_set(dns, name, -1) == 1) {
			GENERAL_NAME_set0_value(g, GEN_DNS, dns);
			return g;
		}
		ASN1_IA5STRING_free(dns);
	}
	GENERAL_NAME_free(g);
	return NULL;
}

int
tls_name_valid(const char *name)
{
	GENERAL_NAME *g;

	if (name == NULL || (g = san_of(name)) == NULL)
		return 0;
	GENERAL_NAME_free(g);
	return 1;
}

static GENERAL_NAMES *
sans_of(const char *const names[], size_t n)
{
	GENERAL_NAMES *all;
	GENERAL_NAME *g;
	size_t i;

	if ((all = GENERAL_NAMES_new()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (names[i] == NULL || (g = san_of(names[i])) == NULL ||
		    sk_GENERAL_NAME_push(all, g) <= 0) {
			GENERAL_NAMES_free(all);
			return NULL;
		}
	}
	return all;
}

/* What a certificate is to be. */
struct spec {
	const char *cn;
	int ca;                        /* 1: the local CA; 2: a document signer (x509_make_signer) */
	int years;                     /* validity in calendar years, or */
	long days;                     /* in days when years is 0 */
	const GENERAL_NAMES *sans;     /* NULL: none (the CA) */
	const char *org;               /* NULL, or the subject's O (a signer: the election) */
};

/*
 * A certificate for key k as sp says, signed by issuer_key and naming
 * issuer (both NULL: self-signed). Returns 0 and *out, or an error.
 */
static int
build(const struct spec *sp, EVP_PKEY *k, X509 *issuer, EVP_PKEY *issuer_key,
    X509 **out)
{
	X509 *x;
	X509_NAME *name;
	X509V3_CTX v3;
	int rc = CRYPTO_ERR_LIB;

	*out = NULL;
	if ((x = X509_new()) == NULL)
		return CRYPTO_ERR_NOMEM;
	if (X509_set_version(x, X509_VERSION_3) != 1)
		goto out;
	if ((rc = set_serial(x)) != CRYPTO_OK ||
	    (rc = set_validity(x, sp->years, sp->days)) != CRYPTO_OK)
		goto out;
	rc = CRYPTO_ERR_LIB;
	name = X509_get_subject_name(x);
	if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)sp->cn, -1, -1, 0) != 1) {
		rc = CRYPTO_ERR_ARG;   /* not UTF-8, or too many characters */
		goto out;
	}
	if (sp->org != NULL && X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
	    (const unsigned char *)sp->org, -1, -1, 0) != 1) {
		rc = CRYPTO_ERR_ARG;
		goto out;
	}
	if (X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name) != 1 ||
	    X509_set_pubkey(x, k) != 1)
		goto out;
	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, issuer ? issuer : x, x, NULL, NULL, 0);
	if (sp->ca == 2) {
		/* Signs documents (CMS), nothing else. */
		if (!add_ext(x, &v3, NID_basic_constraints, "critical,CA:FALSE") ||
		    !add_ext(x, &v3, NID_key_usage, "critical,digitalSignature,nonRepudiation"))
			goto out;
	} else if (sp->ca) {
		/* pathlen:0: it signs server certificates, never another CA. */
		if (!add_ext(x, &v3, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") ||
		    !add_ext(x, &v3, NID_key_usage, "critical,keyCertSign,cRLSign"))
			goto out;
	} else if (!add_ext(x, &v3, NID_basic_constraints, "critical,CA:FALSE") ||
	    !add_ext(x, &v3, NID_key_usage, "critical,digitalSignature") ||
	    !add_ext(x, &v3, NID_ext_key_usage, "serverAuth"))
		goto out;
	if (!add_ext(x, &v3, NID_subject_key_identifier, "hash"))
		goto out;
	if (issuer != NULL && !add_ext(x, &v3, NID_authority_key_identifier, "keyid:always"))
		goto out;
	if (sp->sans != NULL &&
	    X509_add1_ext_i2d(x, NID_subject_alt_name, (void *)sp->sans, 0, X509V3_ADD_DEFAULT) != 1)
		goto out;
	if (X509_sign(x, issuer_key ? issuer_key : k, EVP_sha256()) <= 0)
		goto out;
	*out = x;
	x = NULL;
	rc = CRYPTO_OK;
out:
	X509_free(x);
	return rc;
}

/* x and k as PEM into *cert_pem and *key_pem. */
static int
to_pem(X509 *x, EVP_PKEY *k, char **key_pem, char **cert_pem)
{
	BIO *b;
	int rc = CRYPTO_ERR_LIB;

	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return CRYPTO_ERR_NOMEM;
	if (PEM_write_bio_X509(b, x) == 1 &&
	    (rc = crypto_bio_string(b, cert_pem)) == CRYPTO_OK)
		rc = crypto_private_pem(k, key_pem);
	BIO_free(b);
	return rc;
}

/* Checks the arguments every maker shares; clears the outputs. */
static int
check_out(const char *cn, char **key_pem, char **cert_pem)
{
	size_t cnlen;

	if (key_pem == NULL || cert_pem == NULL)
		return CRYPTO_ERR_ARG;
	*key_pem = NULL;
	*cert_pem = NULL;
	if (cn == NULL || (cnlen = strnlen(cn, TLS_CN_MAX + 1)) == 0 || cnlen > TLS_CN_MAX)
		return CRYPTO_ERR_ARG;
	return CRYPTO_OK;
}

/* A new key and its certificate as sp says; both PEMs or neither. */
static int
make(const struct spec *sp, X509 *issuer, EVP_PKEY *issuer_key, char **key_pem,
    char **cert_pem)
{
	EVP_PKEY *k;
	X509 *x = NULL;
	int rc;

	if ((k = sp->ca == 2 ? EVP_RSA_gen(X509_SIGNER_RSA_BITS) :
	     EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL)
		rc = CRYPTO_ERR_LIB;
	else if ((rc = build(sp, k, issuer, issuer_key, &x)) == CRYPTO_OK)
		rc = to_pem(x, k, key_pem, cert_pem);
	if (rc != CRYPTO_OK) {
		ERR_clear_error();
		crypto_free_secret(*key_pem);
		free(*cert_pem);
		*key_pem = NULL;
		*cert_pem = NULL;
	}
	X509_free(x);
	EVP_PKEY_free(k);
	return rc;
}

static X509 *
read_cert(const char *pem)
{
	return crypto_read_pem(pem, CRYPTO_PEM_CERT);
}

static EVP_PKEY *
read_key(const char *pem)
{
	return crypto_read_pem(pem, CRYPTO_PEM_PRIVATE);
}

int
tls_make_cert(const char *common_name, char **key_pem, char **cert_pem)
{
	static const char *const names[] = { "localhost", "teller", "127.0.0.1" };
	struct spec sp = { common_name, 0, SELF_YEARS, 0, NULL, NULL };
	GENERAL_NAMES *sans;
	int rc;

	if ((rc = check_out(common_name, key_pem, cert_pem)) != CRYPTO_OK)
		return rc;
	if ((sans = sans_of(names, sizeof names / sizeof names[0])) == NULL)
		return CRYPTO_ERR_NOMEM;
	sp.sans = sans;
	rc = make(&sp, NULL, NULL, key_pem, cert_pem);
	GENERAL_NAMES_free(sans);
	return rc;
}

int
x509_make_signer(const char *common_name, const char *org, char **key_pem, char **cert_pem)
{
	struct spec sp = { common_name, 2, CA_YEARS, 0, NULL, org };
	int rc;

	if ((rc = check_out(common_name, key_pem, cert_pem)) != CRYPTO_OK)
		return rc;
	if (org == NULL || org[0] == '\0' || strnlen(org, TLS_CN_MAX + 1) > TLS_CN_MAX)
		return CRYPTO_ERR_ARG;
	return make(&sp, NULL, NULL, key_pem, cert_pem);
}

int
tls_make_ca(const char *common_name, char **key_pem, char **cert_pem)
{
	struct spec sp = { common_name, 1, CA_YEARS, 0, NULL, NULL };
	int rc;

	if ((rc = check_out(common_name, key_pem, cert_pem)) != CRYPTO_OK)
		return rc;
	return make(&sp, NULL, NULL, key_pem, cert_pem);
}

int
tls_issue_cert(const char *ca_key_pem, const char *ca_cert_pem,
    const char *const names[], size_t n, char **key_pem, char **cert_pem)
{
	struct spec sp = { "teller", 0, 0, LEAF_DAYS, NULL, NULL };
	GENERAL_NAMES *sans = NULL;
	EVP_PKEY *cak = NULL;
	X509 *ca = NULL;
	int rc;

	if ((rc = check_out(sp.cn, key_pem, cert_pem)) != CRYPTO_OK)
		return rc;
	if (ca_key_pem == NULL || ca_cert_pem == NULL || names == NULL || n == 0 ||
	    n > TLS_NAMES_MAX)
		return CRYPTO_ERR_ARG;
	if ((sans = sans_of(names, n)) == NULL) {
		ERR_clear_error();
		return CRYPTO_ERR_ARG;
	}
	sp.sans = sans;
	rc = CRYPTO_ERR_KEY;
	if ((ca = read_cert(ca_cert_pem)) == NULL || (cak = read_key(ca_key_pem)) == NULL ||
	    X509_check_private_key(ca, cak) != 1 || X509_check_ca(ca) == 0)
		goto out;
	rc = make(&sp, ca, cak, key_pem, cert_pem);
out:
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	GENERAL_NAMES_free(sans);
	EVP_PKEY_free(cak);
	X509_free(ca);
	return rc;
}

/* Whether a and b name the same: IP addresses as bytes, DNS names without
 * regard to case. */
static int
same_san(const GENERAL_NAME *a, const GENERAL_NAME *b)
{
	int len;

	if (a->type != b->type)
		return 0;
	if (a->type == GEN_IPADD)
		return ASN1_OCTET_STRING_cmp(a->d.ip, b->d.ip) == 0;
	if (a->type != GEN_DNS)
		return 0;
	len = ASN1_STRING_length(a->d.dNSName);
	return len == ASN1_STRING_length(b->d.dNSName) &&
	    strncasecmp((const char *)ASN1_STRING_get0_data(a->d.dNSName),
	        (const char *)ASN1_STRING_get0_data(b->d.dNSName), (size_t)len) == 0;
}

/* Whether every name of a is in b. */
static int
subset(const GENERAL_NAMES *a, const GENERAL_NAMES *b)
{
	int i, j, found;

	for (i = 0; i < sk_GENERAL_NAME_num(a); i++) {
		for (j = 0, found = 0; j < sk_GENERAL_NAME_num(b) && !found; j++)
			found = same_san(sk_GENERAL_NAME_value(a, i), sk_GENERAL_NAME_value(b, j));
		if (!found)
			return 0;
	}
	return 1;
}

int
tls_cert_current(const char *ca_cert_pem, const char *cert_pem,
    const char *key_pem, const char *const names[], size_t n)
{
	EVP_PKEY *k = NULL;
	X509 *ca = NULL, *x = NULL;
	GENERAL_NAMES *sans = NULL, *wanted = NULL;
	time_t soon = time(NULL) + LEAF_RENEW_DAYS * 86400L;
	int rc = CRYPTO_ERR_MISMATCH;

	if (ca_cert_pem == NULL || names == NULL || n == 0 || n > TLS_NAMES_MAX)
		return CRYPTO_ERR_ARG;
	if ((ca = read_cert(ca_cert_pem)) == NULL) {
		rc = CRYPTO_ERR_KEY;
		goto out;
	}
	if ((wanted = sans_of(names, n)) == NULL) {
		rc = CRYPTO_ERR_ARG;
		goto out;
	}
	/* Issued by this CA, and not ending within LEAF_RENEW_DAYS. */
	if ((x = read_cert(cert_pem)) == NULL || (k = read_key(key_pem)) == NULL ||
	    X509_check_private_key(x, k) != 1 ||
	    X509_check_issued(ca, x) != X509_V_OK ||
	    X509_verify(x, X509_get0_pubkey(ca)) != 1 ||
	    X509_cmp_time(X509_get0_notAfter(x), &soon) <= 0)
		goto out;
	/* The same set of names, in any order. */
	if ((sans = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL)) == NULL ||
	    !subset(sans, wanted) || !subset(wanted, sans))
		goto out;
	rc = CRYPTO_OK;
out:
	ERR_clear_error();
	GENERAL_NAMES_free(sans);
	GENERAL_NAMES_free(wanted);
	EVP_PKEY_free(k);
	X509_free(x);
	X509_free(ca);
	return rc;
}

int
tls_cert_der(const char *cert_pem, unsigned char **der, size_t *len)
{
	X509 *x;
	unsigned char *buf = NULL, *p;
	int n, rc = CRYPTO_OK;

	if (der == NULL || len == NULL)
		return CRYPTO_ERR_ARG;
	*der = NULL;
	*len = 0;
	if (cert_pem == NULL)
		return CRYPTO_ERR_ARG;
	if ((x = read_cert(cert_pem)) == NULL) {
		ERR_clear_error();
		return CRYPTO_ERR_KEY;
	}
	if ((n = i2d_X509(x, NULL)) <= 0)
		rc = CRYPTO_ERR_LIB;
	else if ((buf = malloc((size_t)n)) == NULL)
		rc = CRYPTO_ERR_NOMEM;
	else {
		p = buf;
		if (i2d_X509(x, &p) != n)
			rc = CRYPTO_ERR_LIB;
	}
	if (rc != CRYPTO_OK) {
		ERR_clear_error();
		free(buf);
	} else {
		*der = buf;
		*len = (size_t)n;
	}
	X509_free(x);
	return rc;
}

int
tls_cert_fingerprint(const char *cert_pem, char *out, size_t outsize)
{
	static const char digits[] = "0123456789ABCDEF";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	X509 *x = NULL;
	int rc = CRYPTO_ERR_LIB;

	if (cert_pem == NULL || out == NULL)
		return CRYPTO_ERR_ARG;
	if (outsize < TLS_FINGERPRINT_LEN)
		return CRYPTO_ERR_SPACE;
	if ((x = read_cert(cert_pem)) == NULL) {
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
	return rc;
}
