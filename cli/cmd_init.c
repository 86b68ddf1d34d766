/* teller init: a new database with its signing key, TLS certificate and administrator. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "act/act.h"

static const char usage[] =
	"usage: teller init --db FILE [--municipality CODE] [--name NAME]\n"
	"  Creates the database FILE (never overwrites one), the Ed25519 signing key,\n"
	"  the local TLS CA with the server certificate it signs for this machine's\n"
	"  addresses, and the administrator account 'beheerder'. Prints the\n"
	"  administrator's one-time password, the key's fingerprint and the CA's\n"
	"  (the laptops install the CA's certificate once; see README.md).\n"
	"  --municipality  the CBS municipality code, four digits (e.g. 0668)\n"
	"  --name          the municipality's name (e.g. \"West Maas en Waal\")\n";

#define ADMIN_NAME "beheerder"

static int valid_code(const char *c)
{
	size_t i;

	if (strlen(c) != 4)
		return 0;
	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)c[i]))
			return 0;
	return 1;
}

int cmd_init(int argc, char **argv)
{
	const char *db = NULL, *muni = NULL, *name = NULL;
	char sign_fp[HASH_CODE_LEN], password[PW_GENERATED_LEN], hash[PW_HASH_LEN];
	char detail[256], why[256];
	struct lan_tls tls;
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &db), CLI_VALUE("--municipality", &muni), CLI_VALUE("--name", &name),
		CLI_END,
	};
	const struct cli_cmd cmd = {usage, "init needs --db FILE", opts, 0, 0, 0};
	struct store *s = NULL;
	int rc;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if (muni != NULL && !valid_code(muni))
		return cli_error(CLI_USAGE, "--municipality '%s' is not a four-digit municipality code "
		                 "(e.g. 0668)", muni);
	if (name != NULL && (name[0] == '\0' || strlen(name) >= TALLY_TEXT_MAX))
		return cli_error(CLI_USAGE, "--name must be 1 to %d bytes", TALLY_TEXT_MAX - 1);
	if (name != NULL && muni == NULL)
		return cli_error(CLI_USAGE, "--name goes with --municipality CODE");

	rc = store_create(db, cli_chain(), &s);
	if (rc == STORE_ERR_EXISTS && access(db, F_OK) != 0)   /* the key folder is there */
		return cli_error(CLI_USAGE, "%s", store_last_error(NULL));
	if (rc == STORE_ERR_EXISTS)
		return cli_error(CLI_USAGE, "%s already exists; teller init never overwrites a database", db);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot create %s: %s", db, store_strerror(rc));

	rc = CLI_FAIL;
	if (muni != NULL && (store_meta_set(s, "municipality_code", muni) != STORE_OK ||
	                     store_meta_set(s, "municipality_name", name ? name : "") != STORE_OK))
		goto fail;
	if (act_signing_new(s, cli_actor(), sign_fp) != 0) {
		cli_error(CLI_FAIL, "cannot make the keys");
		goto fail;
	}
	if (pw_generate(password, sizeof password) != 0 || pw_hash(password, hash, sizeof hash) != 0 ||
	    store_account_add(s, ADMIN_NAME, "administrator", hash, 1, cli_actor(), NULL) != STORE_OK) {
		cli_error(CLI_FAIL, "cannot create the administrator account");
		goto fail;
	}
	snprintf(detail, sizeof detail, "database created; municipality %s; signing key %s",
	         muni ? muni : "(from the 110a)", sign_fp);
	if (store_audit(s, cli_actor(), "init", detail) != STORE_OK)
		goto fail;
	if (lan_tls_prepare(s, NULL, cli_actor(), &tls, why, sizeof why) != 0) {
		cli_error(CLI_FAIL, "%s", why);
		goto fail;
	}
	store_close(s);

	printf("Database:             %s\n", db);
	if (muni != NULL)
		printf("Municipality:         %s %s\n", muni, name ? name : "");
	printf("Administrator:        %s\n", ADMIN_NAME);
	printf("One-time password:    %s   (must be changed at first login)\n", password);
	printf("Signing key:          %s\n", sign_fp);
	printf("TLS CA certificate:   %s\n"
	       "                      (SHA-256; each laptop installs it once from "
	       "https://<this machine>:8443/ca.crt)\n", tls.ca_fingerprint);
	crypto_cleanse(password, sizeof password);
	return CLI_OK;
fail:
	crypto_cleanse(password, sizeof password);
	store_close(s);
	remove(db);
	{
		char side[4096];

		snprintf(side, sizeof side, "%s-wal", db);
		remove(side);
		snprintf(side, sizeof side, "%s-shm", db);
		remove(side);
	}
	return rc;
}
