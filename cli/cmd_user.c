/* teller user add: one account, its password read from standard input. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "tally/count.h"

static const char usage[] =
	"usage: teller user add --db FILE --role typist|coordinator|administrator NAME\n"
	"  Adds an account. The password is read from standard input (one line) and\n"
	"  must be at least 12 characters; it has to be changed at first login.\n";

/* Account names: letters, digits, '.', '-', '_'; 1..TALLY_USERNAME_MAX-1 bytes. */
static int valid_name(const char *n)
{
	size_t i, len = strlen(n);

	if (len == 0 || len >= TALLY_USERNAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		char c = n[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

int cmd_user(int argc, char **argv)
{
	const char *db = NULL, *role = NULL, *pos[2];
	struct cli_opt opts[] = {
		{"--db", 1, &db, NULL},
		{"--role", 1, &role, NULL},
		{NULL, 0, NULL, NULL},
	};
	char pw[TALLY_PASSWORD_MAX + 2], hash[PW_HASH_LEN];
	enum tally_role r;
	struct store *s = NULL;
	size_t npos, len;
	int help, rc;

	if ((rc = cli_parse(argc, argv, opts, pos, 2, &npos, &help)) != 0)
		return rc;
	if (help || npos == 0) {
		fputs(usage, help ? stdout : stderr);
		return help ? CLI_OK : CLI_USAGE;
	}
	if (strcmp(pos[0], "add") != 0)
		return cli_error(CLI_USAGE, "unknown user command '%s' (see --help)", pos[0]);
	if (db == NULL || role == NULL || npos != 2)
		return cli_error(CLI_USAGE, "user add needs --db FILE, --role ROLE and a NAME");
	if (tally_role_parse(role, &r) != 0)
		return cli_error(CLI_USAGE, "--role '%s': must be typist, coordinator or administrator", role);
	if (!valid_name(pos[1]))
		return cli_error(CLI_USAGE, "account name '%s': use 1 to %d letters, digits, '.', '-' or '_'",
		                 pos[1], TALLY_USERNAME_MAX - 1);
	if (fgets(pw, sizeof pw, stdin) == NULL)
		return cli_error(CLI_USAGE, "no password on standard input");
	len = strlen(pw);
	while (len > 0 && (pw[len - 1] == '\n' || pw[len - 1] == '\r'))
		pw[--len] = '\0';
	if (len < TALLY_PASSWORD_MIN || len > TALLY_PASSWORD_MAX) {
		crypto_cleanse(pw, sizeof pw);
		return cli_error(CLI_USAGE, "the password must be %d to %d characters",
		                 TALLY_PASSWORD_MIN, TALLY_PASSWORD_MAX);
	}
	rc = pw_hash(pw, hash, sizeof hash);
	crypto_cleanse(pw, sizeof pw);
	if (rc != 0)
		return cli_error(CLI_FAIL, "cannot hash the password");
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	rc = store_account_add(s, pos[1], tally_role_name(r), hash, 1, cli_actor(), NULL);
	store_close(s);
	if (rc == STORE_ERR_EXISTS)
		return cli_error(CLI_USAGE, "an account named '%s' already exists", pos[1]);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot add the account: %s", store_strerror(rc));
	printf("Added %s '%s' (password to be changed at first login)\n", tally_role_name(r), pos[1]);
	return CLI_OK;
}
