/*
 * The Kiesraad's detached CMS signature (crypto/cms.c) and the committee's
 * signer certificate (x509_make_signer, crypto/tls.c): a signature holds over
 * the exact bytes and over nothing else, carries the certificate that names
 * the committee and the election, and what is not a signature is refused.
 * The interplay with `openssl cms` in both directions: tests/cli_cms.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "crypto/crypto.h"

static char *key_pem, *cert_pem;

/* One signer for every test: an RSA-4096 key takes a second or more to make. */
static int setup(void **state)
{
	(void)state;
	return x509_make_signer("Gemeentelijk stembureau West Maas en Waal (0668)",
	                        "GR2022 West Maas en Waal", &key_pem, &cert_pem) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	crypto_free_secret(key_pem);
	free(cert_pem);
	return 0;
}

static void the_certificate_names_committee_and_election(void **state)
{
	BIO *b = BIO_new_mem_buf(cert_pem, -1);
	X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	EVP_PKEY *k;
	char subject[512];

	(void)state;
	assert_non_null(x);
	X509_NAME_oneline(X509_get_subject_name(x), subject, sizeof subject);
	assert_non_null(strstr(subject, "CN=Gemeentelijk stembureau West Maas en Waal (0668)"));
	assert_non_null(strstr(subject, "O=GR2022 West Maas en Waal"));
	assert_int_equal(X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)), 0);
	assert_non_null(k = X509_get0_pubkey(x));
	assert_int_equal(EVP_PKEY_get_base_id(k), EVP_PKEY_RSA);
	assert_int_equal(EVP_PKEY_get_bits(k), 4096);
	X509_free(x);
	BIO_free(b);
}

static void a_signature_holds_over_the_exact_bytes(void **state)
{
	static const char data[] = "<EML Id=\"510b\">\r\n\x01 bytes as they are</EML>";
	unsigned char *der = NULL;
	size_t derlen = 0;
	char subject[512], *changed;

	(void)state;
	assert_int_equal(cms_sign(key_pem, cert_pem, data, sizeof data - 1, &der, &derlen), 0);
	assert_true(derlen > 512);   /* a 4096-bit signature and the certificate */
	assert_int_equal(cms_verify(der, derlen, data, sizeof data - 1, subject, sizeof subject), 0);
	assert_non_null(strstr(subject, "West Maas en Waal (0668)"));
	/* One byte changed, one byte less, one more: the signature does not hold. */
	changed = strdup(data);
	changed[5] ^= 1;
	assert_int_equal(cms_verify(der, derlen, changed, sizeof data - 1, NULL, 0), CRYPTO_ERR_MISMATCH);
	assert_int_equal(cms_verify(der, derlen, data, sizeof data - 2, NULL, 0), CRYPTO_ERR_MISMATCH);
	assert_int_equal(cms_verify(der, derlen, data, sizeof data, NULL, 0), CRYPTO_ERR_MISMATCH);
	free(changed);
	free(der);
}

static void an_empty_file_can_be_signed(void **state)
{
	unsigned char *der = NULL;
	size_t derlen = 0;

	(void)state;
	assert_int_equal(cms_sign(key_pem, cert_pem, "", 0, &der, &derlen), 0);
	assert_int_equal(cms_verify(der, derlen, "", 0, NULL, 0), 0);
	assert_int_equal(cms_verify(der, derlen, "x", 1, NULL, 0), CRYPTO_ERR_MISMATCH);
	free(der);
}

/* What is not a signature: refused as such, never taken as one that holds. */
static void what_is_not_a_signature_is_refused(void **state)
{
	static const char data[] = "data";
	unsigned char *der = NULL, junk[64];
	size_t derlen = 0;
	struct { const char *what; size_t cut; int extra; } cases[] = {
		{"cut short", 10, 0},
		{"cut in half", 0, 0},
		{"a byte after it", 0, 1},
	};
	size_t i;

	(void)state;
	assert_int_equal(cms_sign(key_pem, cert_pem, data, 4, &der, &derlen), 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned char *copy = malloc(derlen + 1);
		size_t n = cases[i].cut ? cases[i].cut : cases[i].extra ? derlen + 1 : derlen / 2;

		memcpy(copy, der, derlen);
		copy[derlen] = 0;
		assert_int_not_equal(cms_verify(copy, n, data, 4, NULL, 0), 0);
		free(copy);
	}
	memset(junk, 0x30, sizeof junk);
	assert_int_equal(cms_verify(junk, sizeof junk, data, 4, NULL, 0), CRYPTO_ERR_ARG);
	assert_int_equal(cms_verify(NULL, 0, data, 4, NULL, 0), CRYPTO_ERR_ARG);
	/* A key that does not read, or no certificate: nothing is signed. */
	free(der);
	assert_int_equal(cms_sign("nonsense", cert_pem, data, 4, &der, &derlen), CRYPTO_ERR_ARG);
	assert_null(der);
	assert_int_equal(cms_sign(key_pem, "nonsense", data, 4, &der, &derlen), CRYPTO_ERR_ARG);
	free(der);
	{
		char *k2 = NULL, *c2 = NULL;

		assert_int_equal(x509_make_signer("", "GR2022", &k2, &c2), CRYPTO_ERR_ARG);
		assert_int_equal(x509_make_signer("GSB", "", &k2, &c2), CRYPTO_ERR_ARG);
		assert_null(k2);
		assert_null(c2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_certificate_names_committee_and_election),
		cmocka_unit_test(a_signature_holds_over_the_exact_bytes),
		cmocka_unit_test(an_empty_file_can_be_signed),
		cmocka_unit_test(what_is_not_a_signature_is_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
