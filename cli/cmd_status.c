/* teller status: one line per polling station, then a summary line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tally/count.h"

static const char usage[] =
	"usage: teller status --db FILE\n"
	"  Prints each polling station's data-entry state, one line each:\n"
	"    SB<number> <state> <name>\n"
	"  then a summary line with the number of stations in each state.\n";

int cmd_status(int argc, char **argv)
{
	const char *db = NULL;
	const struct cli_opt opts[] = {CLI_NEED("--db", &db), CLI_END};
	const struct cli_cmd cmd = {usage, "status needs --db FILE", opts, 0, 0, 0};
	struct store_station *st = NULL;
	struct tally_election e;
	struct store *s = NULL;
	size_t n = 0, i, counts[TALLY_STATUS__MAX] = {0};
	enum tally_status status;
	int rc, first = 1;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	if (store_election_get(s, &e) == STORE_OK)
		printf("Election: %s (%s)\n", e.name, e.id);
	else
		printf("Election: none imported yet (teller import --db %s FILE)\n", db);
	if (store_count_finished(s) == 1)
		printf("Count: finished (final export made); stations are closed until `teller reopen`\n");
	if (store_stations_get(s, &st, &n) != STORE_OK) {
		/* The reason lives in the store: read it before the store is closed. */
		rc = cli_error(CLI_FAIL, "cannot read the stations: %s", store_last_error(s));
		store_close(s);
		return rc;
	}
	for (i = 0; i < n; i++) {
		if (tally_status_parse(st[i].status, &status) == 0)
			counts[status]++;
		printf("SB%-5d %-19s %s\n", st[i].st.number, st[i].status, st[i].st.name);
	}
	printf("%zu stations:", n);
	for (i = 0; i < TALLY_STATUS__MAX; i++) {
		printf("%s %zu %s", first ? "" : ",", counts[i], tally_status_name((enum tally_status)i));
		first = 0;
	}
	printf("\n");
	free(st);
	store_close(s);
	return CLI_OK;
}
