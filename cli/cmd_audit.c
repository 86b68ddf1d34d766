/* teller audit: the audit log, and a check of its hash chain. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
	"usage: teller audit --db FILE [--verify]\n"
	"  Prints the audit log, one action per line: when, who, role, from where, what.\n"
	"  --verify only checks the hash chain that links every record to the one\n"
	"  before it; exit 0 when intact, 1 with the first broken record when not.\n";

static int print_row(void *arg, const struct store_audit_row *r)
{
	(void)arg;
	printf("%ld\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, r->at, r->actor, r->role, r->address,
	       r->action, r->detail);
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	const char *db = NULL;
	int verify = 0, rc;
	const struct cli_opt opts[] = {CLI_NEED("--db", &db), CLI_FLAG("--verify", &verify), CLI_END};
	const struct cli_cmd cmd = {usage, "audit needs --db FILE", opts, 0, 0, 0};
	struct store *s;
	long bad;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	if (!verify)
		store_audit_each(s, print_row, NULL);
	rc = store_audit_verify(s, &bad);
	if (rc == STORE_OK)
		fprintf(verify ? stdout : stderr, "audit chain intact: %ld records\n",
		        store_audit_count(s));
	store_close(s);
	if (rc == STORE_ERR_STATE)
		return cli_error(CLI_FAIL, "the audit chain is broken at record %ld: the log was "
		                 "altered after it was written", bad);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot read the audit log");
	return CLI_OK;
}
