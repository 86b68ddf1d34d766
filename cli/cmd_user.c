/*
 * teller user add | import | reset | disable | enable: the accounts. Names are
 * compared without regard to case ("Jansen" is the account "jansen").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "act/act.h"
#include "export/sheets.h"
#include "tally/count.h"

static const char usage[] =
	"usage: teller user add --db FILE --role typist|coordinator|administrator NAME\n"
	"       teller user import --db FILE [--sheets OUT.pdf] [--url URL] CSV_FILE\n"
	"       teller user reset --db FILE [--stdin] NAME\n"
	"       teller user disable --db FILE NAME\n"
	"       teller user enable --db FILE NAME\n"
	"  add: adds an account. The password is read from standard input (one line)\n"
	"  and must be at least 12 characters; it has to be changed at first login.\n"
	"  import: adds the accounts of a CSV of name,role lines (a header line is\n"
	"  allowed), all or none, each with a generated one-time password, printed as\n"
	"  a table and, with --sheets, as a PDF with one sheet per person to hand out\n"
	"  (--url: the address the laptops use, printed on the sheets; default: this\n"
	"  machine's first LAN address on port 8443. The sheets also say where to\n"
	"  install the local CA's certificate from, and its fingerprint).\n"
	"  reset: gives the account a new one-time password, printed once (with\n"
	"  --stdin: the one line read from standard input, printed nothing); it must\n"
	"  be changed at the next login, and the account's sessions end.\n"
	"  disable: the account can no longer log in and its sessions end at once;\n"
	"  its work and its audit records stay. The last enabled administrator cannot\n"
	"  be disabled. enable: it can log in again.\n"
	"  Names are compared without regard to case: Jansen is the account jansen.\n"
	"  Once data entry has begun, an account added, reset or enabled again (here\n"
	"  or on the administrator's page) can enter or decide counts only after a\n"
	"  coordinator has confirmed it on the Accounts page; the PV lists them all.\n";

/*
 * After data entry began, an account made, reset or enabled again here awaits a
 * coordinator's confirmation (store/confirm.c), as on the administrator's page: says so.
 */
static void confirm_note(struct store *s, size_t n)
{
	char began[32] = "";

	if (store_entry_began(s, began) == STORE_OK && began[0] != '\0')
		printf("Data entry has begun: %s can enter or decide counts only after a coordinator "
		       "has confirmed %s on the Accounts page (the PV lists %s)\n",
		       n == 1 ? "this account" : "these accounts", n == 1 ? "it" : "them",
		       n == 1 ? "it" : "them");
}

/* One line of standard input as a password: CLI_OK, or CLI_USAGE after saying why. */
static int read_password(char *pw, size_t size)
{
	enum account_pw_problem p;

	if (cli_read_line(pw, size) != 0)
		return cli_error(CLI_USAGE, "no password on standard input");
	if ((p = accounts_password_check(pw)) != ACCOUNT_PW_OK) {
		crypto_cleanse(pw, size);
		return cli_error(CLI_USAGE, "%s", accounts_password_strerror(p, 0));
	}
	return CLI_OK;
}

/* teller user reset|disable|enable NAME: one existing account, found by its name in any case. */
static int user_change(const char *cmd, const char *db, int use_stdin, const char *name)
{
	char pw[TALLY_PASSWORD_MAX + 2] = "";
	struct store_account a;
	struct store *s = NULL;
	int rc, disable = strcmp(cmd, "disable") == 0;

	if (!accounts_valid_name(name))
		return cli_error(CLI_USAGE, "account name '%s': use 1 to %d letters, digits, '.', '-' or '_'",
		                 name, TALLY_USERNAME_MAX - 1);
	if (use_stdin && (rc = read_password(pw, sizeof pw)) != CLI_OK)
		return rc;
	if ((rc = cli_open(db, &s)) != CLI_OK)
		goto out;
	rc = store_account_by_name(s, name, &a);
	if (rc != STORE_OK) {
		rc = rc == STORE_ERR_NOT_FOUND ? cli_error(CLI_USAGE, "no account named '%s'", name) :
		     cli_error(CLI_FAIL, "cannot read the accounts: %s", store_strerror(rc));
		goto out;
	}
	if (strcmp(cmd, "reset") == 0) {
		if ((rc = accounts_reset_password(s, a.id, pw, sizeof pw, cli_actor())) != STORE_OK) {
			rc = cli_error(CLI_FAIL, "cannot reset the password: %s", store_strerror(rc));
			goto out;
		}
		printf("Reset the password of %s '%s': to be changed at the next login; its sessions "
		       "have ended\n", a.role, a.name);
		if (!use_stdin)
			printf("One-time password:    %s\n", pw);
		if (a.disabled)
			printf("The account is disabled: 'teller user enable' lets it log in again\n");
		confirm_note(s, 1);
		rc = CLI_OK;
		goto out;
	}
	rc = store_account_set_disabled(s, a.id, disable, cli_actor());
	if (rc == STORE_ERR_STATE) {
		rc = cli_error(CLI_USAGE, "'%s' is the last enabled administrator: add or enable another "
		               "one first", a.name);
	} else if (rc != STORE_OK) {
		rc = cli_error(CLI_FAIL, "cannot %s the account: %s", cmd, store_strerror(rc));
	} else {
		if (a.disabled == disable)
			printf("%s '%s' is %s already\n", a.role, a.name, disable ? "disabled" : "enabled");
		else if (disable)
			printf("Disabled %s '%s': it cannot log in, and its sessions have ended\n", a.role,
			       a.name);
		else
			printf("Enabled %s '%s': it can log in again\n", a.role, a.name);
		if (!disable && a.disabled)
			confirm_note(s, 1);
		rc = CLI_OK;
	}
out:
	crypto_cleanse(pw, sizeof pw);
	store_close(s);
	return rc;
}


/*
 * What the account sheets say about the server: url (default: the first LAN
 * address of this machine, port 8443), where its CA certificate is and the
 * CA's fingerprint (a database without a CA gets one). 0, or -1 after saying why.
 */
static int sheet_server(struct store *s, const char **url, char *own, char *ca_url, size_t size,
                        char fp[LAN_FINGERPRINT_LEN])
{
	char urls[1][LAN_URL_LEN], why[256];
	const char *host;
	int created, n;

	if (*url == NULL || (*url)[0] == '\0') {
		lan_urls(NULL, 8443, 1, urls, 1);
		snprintf(own, size, "%s", urls[0]);
		*url = own;
	}
	/* "https://HOST:PORT/..." -> "https://HOST:PORT/ca.crt" */
	host = strstr(*url, "://");
	host = host != NULL ? strchr(host + 3, '/') : NULL;
	n = host != NULL ? snprintf(ca_url, size, "%.*sca.crt", (int)(host - *url + 1), *url) :
	                   snprintf(ca_url, size, "%s/ca.crt", *url);
	if (n < 0 || (size_t)n >= size)
		ca_url[0] = '\0';   /* an absurd --url: the sheets leave the CA step out */
	if (lan_tls_ca(s, cli_actor(), fp, &created, why, sizeof why) != 0) {
		cli_error(CLI_FAIL, "%s", why);
		return -1;
	}
	if (created)
		fprintf(stderr, "teller: note: this database had no local TLS CA yet; it has one now\n");
	return 0;
}

static int user_import(const char *db, const char *sheets, const char *url, const char *path)
{
	char own_url[LAN_URL_LEN + 16], ca_url[LAN_URL_LEN + 16], ca_fp[LAN_FINGERPRINT_LEN];
	struct account_new *rows = NULL;
	struct accounts_csv_error err;
	struct sheet_account *sh = NULL;
	struct tally_election e;
	struct store *s = NULL;
	unsigned char *csv;
	char title[TALLY_TEXT_MAX + 64];
	size_t n = 0, i, len;
	int rc;

	if (cli_read_file(path, LIMIT_ACCOUNTS_CSV_FILE_MAX, &csv, &len) != 0)
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
	confirm_note(s, n);
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
		if (sheet_server(s, &url, own_url, ca_url, sizeof ca_url, ca_fp) != 0 ||
		    sheets_write(sheets, title, url, ca_url, ca_fp, sh, n) != 0)
			rc = cli_error(CLI_FAIL, "the accounts were added, but %s could not be written; "
			               "the passwords are in the table above", sheets);
		else
			printf("Account sheets: %s (%zu pages) for %s\n", sheets, n, url);
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
	int rc, use_stdin = 0;
	const struct cli_opt opts[] = {
		CLI_VALUE("--db", &db), CLI_VALUE("--role", &role), CLI_VALUE("--sheets", &sheets),
		CLI_VALUE("--url", &url), CLI_FLAG("--stdin", &use_stdin), CLI_END,
	};
	const struct cli_cmd cmd = {usage, NULL, opts, 0, 2, 1};
	char pw[TALLY_PASSWORD_MAX + 2], hash[PW_HASH_LEN];
	struct store_account a;
	enum tally_role r;
	struct store *s = NULL;
	size_t npos;

	if ((rc = cli_begin(&cmd, argc, argv, pos, &npos)) != CLI_GO)
		return rc;
	if (strcmp(pos[0], "import") == 0) {
		if (db == NULL || npos != 2 || role != NULL)
			return cli_error(CLI_USAGE, "user import needs --db FILE and a CSV file (see --help)");
		return user_import(db, sheets, url, pos[1]);
	}
	if (strcmp(pos[0], "reset") == 0 || strcmp(pos[0], "disable") == 0 ||
	    strcmp(pos[0], "enable") == 0) {
		if (db == NULL || npos != 2 || role != NULL || sheets != NULL || url != NULL ||
		    (use_stdin && strcmp(pos[0], "reset") != 0))
			return cli_error(CLI_USAGE, "user %s needs --db FILE and a NAME (see --help)", pos[0]);
		return user_change(pos[0], db, use_stdin, pos[1]);
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
	if ((rc = read_password(pw, sizeof pw)) != CLI_OK)
		return rc;
	rc = pw_hash(pw, hash, sizeof hash);
	crypto_cleanse(pw, sizeof pw);
	if (rc != 0)
		return cli_error(CLI_FAIL, "cannot hash the password");
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	rc = store_account_add(s, pos[1], tally_role_name(r), hash, 1, cli_actor(), NULL);
	if (rc == STORE_ERR_EXISTS && store_account_by_name(s, pos[1], &a) != STORE_OK)
		snprintf(a.name, sizeof a.name, "%s", pos[1]);
	if (rc == STORE_ERR_EXISTS) {
		store_close(s);
		return cli_error(CLI_USAGE, "an account named '%s' already exists (names are compared "
		                 "without regard to case)", a.name);
	}
	if (rc != STORE_OK) {
		store_close(s);
		return cli_error(CLI_FAIL, "cannot add the account: %s", store_strerror(rc));
	}
	printf("Added %s '%s' (password to be changed at first login)\n", tally_role_name(r), pos[1]);
	confirm_note(s, 1);
	store_close(s);
	return CLI_OK;
}
