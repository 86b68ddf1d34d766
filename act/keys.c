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
