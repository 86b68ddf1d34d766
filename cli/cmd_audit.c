/* teller audit: the audit log, and a check of its hash chain. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/num.h"
#include "cli/cli.h"

static const char usage[] =
	"usage: teller audit --db FILE [--verify] [--anchor ID:CODE]\n"
	"  Prints the audit log, one action per line: when, who, role, from where, what.\n"
	"  --verify only checks the log: the chain that links every record to the one\n"
	"  before it under the audit key, and the anchor of its last record, both kept\n"
	"  beside the database in DB.keys/; exit 0 when whole, 1 with the reason when not.\n"
	"  --anchor ID:CODE also requires record ID to be sealed with CODE (its first 8 or\n"
	"  more hex digits, spaces allowed), as a proces-verbaal printed it.\n";

/* Record id's link, found while walking the log. */
struct anchor_find {
	long id;
	char hash[65];
};

static int find_row(void *arg, const struct store_audit_row *r)
{
	struct anchor_find *a = arg;

	if (r->id != a->id)
		return 0;
	snprintf(a->hash, sizeof a->hash, "%s", r->hash);
	return 1;
}

/* Parses "ID:CODE" (CODE hex, spaces dropped, 8 to 64 digits): 0, or -1. */
static int anchor_parse(const char *text, long *id, char code[65])
{
	const char *colon = strchr(text, ':');
	char num[24];
	size_t n = 0;

	if (colon == NULL || colon == text || (size_t)(colon - text) >= sizeof num)
		return -1;
	memcpy(num, text, (size_t)(colon - text));
	num[colon - text] = '\0';
	if (num_parse_long(num, 1, LONG_MAX, id) != NUM_OK)
		return -1;
	for (text = colon + 1; *text; text++) {
		if (*text == ' ')
			continue;
		if (!isxdigit((unsigned char)*text) || n == 64)
			return -1;
		code[n++] = (char)tolower((unsigned char)*text);
	}
	code[n] = '\0';
	return n >= 8 ? 0 : -1;
}

static int print_row(void *arg, const struct store_audit_row *r)
{
	(void)arg;
	printf("%ld\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, r->at, r->actor, r->role, r->address,
	       r->action, r->detail);
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	const char *db = NULL, *anchor = NULL;
	int verify = 0, rc;
	const struct cli_opt opts[] = {CLI_NEED("--db", &db), CLI_FLAG("--verify", &verify),
	                               CLI_VALUE("--anchor", &anchor), CLI_END};
	struct anchor_find want = {0, ""};
	char code[65];
	const struct cli_cmd cmd = {usage, "audit needs --db FILE", opts, 0, 0, 0};
	struct store *s;
	long bad;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if (anchor != NULL && anchor_parse(anchor, &want.id, code) != 0)
		return cli_error(CLI_USAGE, "--anchor '%s': give ID:CODE as the proces-verbaal prints "
		                 "it, e.g. 1234:3f2a9c1b", anchor);
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	if (!verify)
		store_audit_each(s, print_row, NULL);
	rc = store_audit_verify(s, &bad);
	if (rc == STORE_OK && anchor != NULL) {
		store_audit_each(s, find_row, &want);
		if (want.hash[0] == '\0' || strncmp(want.hash, code, strlen(code)) != 0) {
			rc = cli_error(CLI_FAIL, "record %ld of the audit log is %s: the log is not the one "
			               "the proces-verbaal anchored", want.id, want.hash[0] ? "sealed with "
			               "another code" : "not there");
			store_close(s);
			return rc;
		}
	}
	if (rc == STORE_OK)
		fprintf(verify ? stdout : stderr, "audit chain intact: %ld records%s\n",
		        store_audit_count(s), anchor != NULL ? "; the anchor holds" : "");
	if (rc == STORE_ERR_STATE) {
		rc = cli_error(CLI_FAIL, "%s", store_last_error(s));
		store_close(s);
		return rc;
	}
	store_close(s);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot read the audit log");
	return CLI_OK;
}
