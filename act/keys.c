/*
 * The committee's signing key and the restore of a backup. The private key
 * lives beside the database (store/keys.c), the public key in it, so the
 * fingerprint a PV prints comes from the database: every use checks that the
 * two still belong together, and a restore onto a new laptop makes a new pair
 * and says so in the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act/act.h"
#include "base/utf8.h"
#include "crypto/crypto.h"

int act_signing_new(struct store *s, const struct store_actor *who, char *fp)
{
	char *priv = NULL, *pub = NULL, old[HASH_CODE_LEN] = "", detail[300];
	char *was = NULL;
	size_t len;
	int rc = -1;

	if (store_secret_get(s, "signing_pub", &was, &len) == STORE_OK &&
	    sign_fingerprint(was, old) != 0)
		old[0] = '\0';
	free(was);
	if (sign_keygen(&priv, &pub) != 0 || sign_fingerprint(pub, fp) != 0)
		goto out;
	/* The private half first: a public key is only ever stored beside its private one. */
	if (store_secret_set(s, "signing_key", priv, strlen(priv)) != STORE_OK ||
	    store_secret_set(s, "signing_pub", pub, strlen(pub)) != STORE_OK)
		goto out;
	if (old[0] != '\0') {
		snprintf(detail, sizeof detail, "new signing key %s (was %s)", fp, old);
		store_audit(s, who, "signing_key", detail);
	}
	rc = 0;
out:
	crypto_free_secret(priv);
	free(pub);
	return rc;
}

int act_signing_pair(struct store *s, int locked, char **priv, char **pub, char *why,
                     size_t whysize)
{
	char *derived = NULL;
	size_t len;
	int rc;

	*priv = *pub = NULL;
	rc = locked ? store_secret_get_locked(s, "signing_pub", pub, &len)
	            : store_secret_get(s, "signing_pub", pub, &len);
	if (rc != STORE_OK) {
		snprintf(why, whysize, "the database holds no signing key");
		return -1;
	}
	rc = locked ? store_secret_get_locked(s, "signing_key", priv, &len)
	            : store_secret_get(s, "signing_key", priv, &len);
	if (rc != STORE_OK) {
		snprintf(why, whysize, "the signing key is not beside the database (its .keys folder): "
		         "nothing can be signed; restore a backup with teller restore");
	} else if (sign_public_from_private(*priv, &derived) != 0 || strcmp(derived, *pub) != 0) {
		/* Else the PV would print one fingerprint and the files be signed by another key. */
		snprintf(why, whysize, "the signing key beside the database does not belong to it");
	} else {
		free(derived);
		return 0;
	}
	free(derived);
	crypto_free_secret(*priv);
	free(*pub);
	*priv = *pub = NULL;
	return -1;
}

/* text cut to at most max bytes, never inside a character, into out (max + 1 bytes). */
static void cut_utf8(const char *text, size_t max, char *out)
{
	size_t k = max, n;

	while ((n = utf8_prefix(text, k)) > max)
		k--;
	memcpy(out, text, n);
	out[n] = '\0';
}

/* The committee's CMS signer (key and certificate PEM, malloc'd), made at its first use. */
static int cms_signer(struct store *s, const struct store_actor *who, char **key, char **cert,
                      char *why, size_t whysize)
{
	char cn[TLS_CN_MAX + 1], org[TLS_CN_MAX + 1], text[2 * TALLY_TEXT_MAX], muni[TALLY_TEXT_MAX];
	char code[16], detail[400];
	struct tally_election e;
	size_t len;
	int rc;

	*key = *cert = NULL;
	if (store_secret_get(s, "cms_cert", cert, &len) == STORE_OK &&
	    store_secret_get(s, "cms_key", key, &len) == STORE_OK)
		return 0;
	crypto_free_secret(*key);
	free(*cert);
	*key = *cert = NULL;
	if (store_election_get(s, &e) != STORE_OK) {
		snprintf(why, whysize, "no election has been imported");
		return -1;
	}
	if (store_meta_get(s, "municipality_name", muni, sizeof muni) != STORE_OK || muni[0] == '\0')
		snprintf(muni, sizeof muni, "%s", e.domain_name);
	if (store_meta_get(s, "municipality_code", code, sizeof code) != STORE_OK)
		code[0] = '\0';
	snprintf(text, sizeof text, "Gemeentelijk stembureau %s%s%s%s", muni, code[0] ? " (" : "",
	         code, code[0] ? ")" : "");
	cut_utf8(text, TLS_CN_MAX, cn);
	snprintf(text, sizeof text, "%s %s", e.id, e.name);
	cut_utf8(text, TLS_CN_MAX, org);
	if ((rc = x509_make_signer(cn, org, key, cert)) != 0) {
		snprintf(why, whysize, "cannot make the CMS signer: %s", crypto_strerror(rc));
		return -1;
	}
	/* The private key first: a certificate is only ever stored beside its key. */
	if (store_secret_set(s, "cms_key", *key, strlen(*key)) != STORE_OK ||
	    store_secret_set(s, "cms_cert", *cert, strlen(*cert)) != STORE_OK) {
		snprintf(why, whysize, "cannot store the CMS signer: %s", store_last_error(s));
		crypto_free_secret(*key);
		free(*cert);
		*key = *cert = NULL;
		return -1;
	}
	snprintf(detail, sizeof detail, "CMS signer made (RSA-%d): CN=%s, O=%s", X509_SIGNER_RSA_BITS,
	         cn, org);
	store_audit(s, who, "cms_signer", detail);
	return 0;
}

int act_cms_sign_files(struct store *s, const struct store_actor *who, struct export_result *r,
                       char *why, size_t whysize)
{
	char *key = NULL, *cert = NULL;
	size_t i, n;
	int rc = 0;

	if (cms_signer(s, who, &key, &cert, why, whysize) != 0)
		return -1;
	for (i = 0; i < r->nfiles && rc == 0; i++) {
		struct export_file *f = &r->files[i];

		n = strlen(f->name);
		if (f->cms != NULL || n < 4 || strcmp(f->name + n - 4, ".xml") != 0)
			continue;
		if (cms_sign(key, cert, f->bytes, f->len, &f->cms, &f->cmslen) != 0) {
			snprintf(why, whysize, "cannot make the CMS signature of %s", f->name);
			rc = -1;
		}
	}
	crypto_free_secret(key);
	free(cert);
	return rc;
}
