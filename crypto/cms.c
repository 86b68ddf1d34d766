/*
 * The detached CMS signature that the Kiesraad's software writes beside an
 * EML file and checks on import (NAME.signature): DER SignedData over the
 * file's exact bytes, SHA-256, RSA PKCS#1 v1.5, the signer's certificate
 * embedded, no signed attributes. The signer is a self-signed RSA-4096
 * certificate per committee (x509_make_signer, tls.c), whose subject names
 * the committee (CN) and the election (O). The check takes the certificate
 * from the signature itself (as `openssl cms -verify -noverify` does) and
 * requires its self-signature to hold: what it proves is that the bytes are
 * the ones that key signed, and it says who the certificate names. Teller's
 * own Ed25519 .sig stays beside it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "crypto/crypto.h"
#include "crypto/internal.h"

#define CMS_FLAGS_SIGN   (CMS_BINARY | CMS_DETACHED | CMS_NOATTR | CMS_NOSMIMECAP)
#define CMS_FLAGS_VERIFY (CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY)

int
cms_sign(const char *key_pem, const char *cert_pem, const void *data, size_t len,
    unsigned char **der, size_t *derlen)
{
	EVP_PKEY *k = NULL;
	X509 *x = NULL;
	BIO *in = NULL;
	CMS_ContentInfo *cms = NULL;
	unsigned char *p;
	int n, rc = CRYPTO_ERR_LIB;

	if (der == NULL || derlen == NULL || (data == NULL && len > 0) || len > INT_MAX)
		return CRYPTO_ERR_ARG;
	*der = NULL;
	*derlen = 0;
	if ((k = crypto_read_pem(key_pem, CRYPTO_PEM_PRIVATE)) == NULL ||
	    (x = crypto_read_pem(cert_pem, CRYPTO_PEM_CERT)) == NULL) {
		rc = CRYPTO_ERR_ARG;
		goto out;
	}
	if ((in = BIO_new_mem_buf(data, (int)len)) == NULL ||
	    (cms = CMS_sign(NULL, NULL, NULL, NULL, CMS_FLAGS_SIGN | CMS_PARTIAL)) == NULL ||
	    CMS_add1_signer(cms, x, k, EVP_sha256(), CMS_FLAGS_SIGN) == NULL ||
	    CMS_final(cms, in, NULL, CMS_FLAGS_SIGN) != 1)
		goto out;
	if ((n = i2d_CMS_ContentInfo(cms, NULL)) <= 0)
		goto out;
	if ((*der = malloc((size_t)n)) == NULL) {
		rc = CRYPTO_ERR_NOMEM;
		goto out;
	}
	p = *der;
	if (i2d_CMS_ContentInfo(cms, &p) != n) {
		free(*der);
		*der = NULL;
		goto out;
	}
	*derlen = (size_t)n;
	rc = CRYPTO_OK;
out:
	if (rc != CRYPTO_OK)
		ERR_clear_error();
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	X509_free(x);
	EVP_PKEY_free(k);
	return rc;
}

int
cms_verify(const unsigned char *der, size_t derlen, const void *data, size_t len,
    char *subject, size_t subjectsize)
{
	const unsigned char *p = der;
	CMS_ContentInfo *cms = NULL;
	STACK_OF(X509) *signers = NULL;
	X509 *x;
	BIO *in = NULL;
	int rc = CRYPTO_ERR_MISMATCH;

	if (subject != NULL && subjectsize > 0)
		subject[0] = '\0';
	if (der == NULL || derlen == 0 || derlen > LONG_MAX || (data == NULL && len > 0) ||
	    len > INT_MAX)
		return CRYPTO_ERR_ARG;
	if ((cms = d2i_CMS_ContentInfo(NULL, &p, (long)derlen)) == NULL || p != der + derlen ||
	    OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
		rc = CRYPTO_ERR_ARG;   /* not a CMS SignedData, or bytes after it */
		goto out;
	}
	if ((in = BIO_new_mem_buf(data, (int)len)) == NULL) {
		rc = CRYPTO_ERR_NOMEM;
		goto out;
	}
	if (CMS_verify(cms, NULL, NULL, in, NULL, CMS_FLAGS_VERIFY) != 1 ||
	    (signers = CMS_get0_signers(cms)) == NULL || sk_X509_num(signers) != 1)
		goto out;
	/* The certificate is self-signed: its own signature must hold, so that the subject it
	 * names is the one its key made, not one written over it. */
	x = sk_X509_value(signers, 0);
	if (X509_verify(x, X509_get0_pubkey(x)) != 1)
		goto out;
	if (subject != NULL && subjectsize > 0)
		X509_NAME_oneline(X509_get_subject_name(x), subject,
		    (int)(subjectsize > INT_MAX ? INT_MAX : subjectsize));
	rc = CRYPTO_OK;
out:
	ERR_clear_error();
	sk_X509_free(signers);
	BIO_free(in);
	CMS_ContentInfo_free(cms);
	return rc;
}
