/* teller user add: one account, its password read from standard input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "entry/entry.h"
#include "export/sheets.h"
#include "tally/count.h"

static const char usage[] =
	"usage: teller user add --db FILE --role typist|coordinator|administrator NAME\n"
	"       teller user import --db FILE [--sheets OUT.pdf] [--url URL] CSV_FILE\n"
	"  add: adds an account. The password is read from standard input (one line)\n"
	"  and must be at least 12 characters; it has to be changed at first login.\n"
	"  import: adds the accounts of a CSV of name,role lines (a header line is\n"
	"  allowed), all or none, each with a generated one-time password, printed as\n"
	"  a table and, with --sheets, as a PDF with one sheet per person to hand out\n"
	"  (--url: the address the laptops use, printed on the sheets).\n";


static int user_import(const char *db, const char *sheets, const char *url, const char *path)
{
	struct account_new *rows = NULL;
	struct accounts_csv_error err;
	struct sheet_account *sh = NULL;
	struct tally_election e;
	struct store *s = NULL;
	unsigned char *csv;
	char title[TALLY_TEXT_MAX + 64];
	size_t n = 0, i, len;
	int rc;

	if (cli_read_file(path, ACCOUNTS_CSV_MAX * 80, &csv, &len) != 0)
		return cli_error(CLI_USAGE, "cannot read %s: %s", path,
		                 errno == EFBIG ? "file too large" : strerror(errno));
	rc = accounts_parse_csv((const char *)csv, &rows, &n, &err);
	free(csv);
	if (rc != 0) {
		if (err.kind == CSV_EMPTY)
			return cli_error(CLI_USAGE, "%s: no accounts in it", path);
		return cli_error(CLI_USAGE, "%s line %zu: %s%s%s", path, err.line, err.text,
		                 err.text[0] ? ": " : "", accounts_csv_strerror(&err, 0));
	}
	if ((rc = cli_open(db, &s)) != CLI_OK)
		goto out;
	rc = accounts_create(s, rows, n, cli_actor());
	if (rc == STORE_ERR_EXISTS) {
		rc = cli_error(CLI_USAGE, "a name in %s is taken already; no account was added", path);
		goto out;
	}
	if (rc != STORE_OK) {
		rc = cli_error(CLI_FAIL, "cannot add the accounts: %s", store_strerror(rc));
		goto out;
	}
	printf("%-24s %-14s %s\n", "NAME", "ROLE", "ONE-TIME PASSWORD");
	for (i = 0; i < n; i++)
		printf("%-24s %-14s %s\n", rows[i].name, rows[i].role, rows[i].password);
	rc = CLI_OK;
	if (sheets != NULL) {
		if (store_election_get(s, &e) == STORE_OK)
			snprintf(title, sizeof title, "%s", e.name);
		else
			snprintf(title, sizeof title, "Verkiezing");
		if ((sh = calloc(n, sizeof *sh)) == NULL) {
			rc = cli_error(CLI_FAIL, "out of memory");
			goto out;
		}
		for (i = 0; i < n; i++) {
			sh[i].name = rows[i].name;
			sh[i].role = rows[i].role;
			sh[i].password = rows[i].password;
		}
		if (sheets_write(sheets, title, url, sh, n) != 0)
			rc = cli_error(CLI_FAIL, "the accounts were added, but %s could not be written; "
			               "the passwords are in the table above", sheets);
		else
			printf("Account sheets: %s (%zu pages)\n", sheets, n);
	}
out:
	free(sh);
	accounts_free(rows, n);
	store_close(s);
	return rc;
}

int cmd_user(int argc, char **argv)
{
	const char *db = NULL, *role = NULL, *sheets = NULL, *url = NULL, *pos[2];
	struct cli_opt opts[] = {
		{"--db", 1, &db, NULL},
		{"--role", 1, &role, NULL},
		{"--sheets", 1, &sheets, NULL},
		{"--url", 1, &url, NULL},
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
	if (strcmp(pos[0], "import") == 0) {
		if (db == NULL || npos != 2 || role != NULL)
			return cli_error(CLI_USAGE, "user import needs --db FILE and a CSV file (see --help)");
		return user_import(db, sheets, url, pos[1]);
	}
	if (strcmp(pos[0], "add") != 0)
		return cli_error(CLI_USAGE, "unknown user command '%s' (see --help)", pos[0]);
	if (db == NULL || role == NULL || npos != 2)
		return cli_error(CLI_USAGE, "user add needs --db FILE, --role ROLE and a NAME");
	if (tally_role_parse(role, &r) != 0)
		return cli_error(CLI_USAGE, "--role '%s': must be typist, coordinator or administrator", role);
	if (!accounts_valid_name(pos[1]))
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
