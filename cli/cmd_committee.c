/* teller committee: the committee's session as the proces-verbaal states it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "act/act.h"

static const char usage[] =
	"usage: teller committee --db FILE [--place P] [--date YYYY-MM-DD] [--start HH:MM]\n"
	"                        [--end HH:MM] [--member \"NAME, FUNCTION\"]...\n"
	"  The committee's session that the proces-verbaal states: where and when it\n"
	"  sat and which members were present. Without options it shows them. An option\n"
	"  changes only its own detail (an empty value clears it); --member, once per\n"
	"  member present (at most 30), replaces the list of members, and --no-members\n"
	"  empties it. What is not known is printed on the PV as a line to fill in by hand.\n"
	"  Audited, like every change.\n";

static const char *or_none(const char *s)
{
	return s[0] != '\0' ? s : "(not given)";
}

static void show(const struct store_committee_session *cs)
{
	size_t i;

	printf("session %d\n", cs->number);
	printf("place:    %s\n", or_none(cs->place));
	printf("date:     %s\n", or_none(cs->date));
	printf("start:    %s\n", or_none(cs->start_time));
	printf("end:      %s\n", or_none(cs->end_time));
	if (cs->nmembers == 0)
		printf("members:  (not given)\n");
	for (i = 0; i < cs->nmembers; i++)
		printf("%s%s\n", i == 0 ? "members:  " : "          ", cs->members[i]);
}

/* Copies value into a field of size bytes; -1 when it does not fit. */
static int set(char *field, size_t size, const char *value)
{
	if (strlen(value) >= size)
		return -1;
	memcpy(field, value, strlen(value) + 1);
	return 0;
}

int cmd_committee(int argc, char **argv)
{
	const char *db = NULL, *place = NULL, *date = NULL, *start = NULL, *end = NULL;
	const char *members[STORE_COMMITTEE_MEMBERS_MAX];
	struct store_committee_session *cs = NULL;
	struct store *s = NULL;
	size_t nmembers = 0, i;
	char why[200];
	int no_members = 0, rc;
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &db), CLI_VALUE("--place", &place), CLI_VALUE("--date", &date),
		CLI_VALUE("--start", &start), CLI_VALUE("--end", &end),
		CLI_LIST("--member", members, &nmembers, STORE_COMMITTEE_MEMBERS_MAX,
		         "at most %zu members can be named"),
		CLI_FLAG("--no-members", &no_members), CLI_END,
	};
	const struct cli_cmd cmd = {usage, "committee needs --db FILE", opts, 0, 0, 0};

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if (no_members && nmembers > 0)
		return cli_error(CLI_USAGE, "--no-members and --member exclude each other");
	if ((cs = calloc(1, sizeof *cs)) == NULL)
		return cli_error(CLI_FAIL, "out of memory");
	if ((rc = cli_open(db, &s)) != CLI_OK)
		goto out;
	rc = store_committee_session_get(s, 1, cs);
	if (rc != STORE_OK && rc != STORE_ERR_NOT_FOUND) {
		rc = cli_error(CLI_FAIL, "cannot read the session: %s", store_strerror(rc));
		goto out;
	}
	if (place == NULL && date == NULL && start == NULL && end == NULL && nmembers == 0 &&
	    !no_members) {
		show(cs);
		rc = CLI_OK;
		goto out;
	}
	if ((place != NULL && set(cs->place, sizeof cs->place, place) != 0) ||
	    (date != NULL && set(cs->date, sizeof cs->date, date) != 0) ||
	    (start != NULL && set(cs->start_time, sizeof cs->start_time, start) != 0) ||
	    (end != NULL && set(cs->end_time, sizeof cs->end_time, end) != 0)) {
		rc = cli_error(CLI_USAGE, "a value is too long (a place at most 200 characters, a "
		               "date YYYY-MM-DD, a time HH:MM)");
		goto out;
	}
	if (nmembers > 0 || no_members) {
		cs->nmembers = 0;
		for (i = 0; i < nmembers; i++) {
			if (members[i][0] == '\0' ||
			    set(cs->members[i], sizeof cs->members[i], members[i]) != 0) {
				rc = cli_error(CLI_USAGE, "member %zu: a name (with function) must be 1 to "
				               "200 printable characters", i + 1);
				goto out;
			}
			cs->nmembers++;
		}
	}
	if (committee_session_check(cs, 0, why, sizeof why) != 0) {
		rc = cli_error(CLI_USAGE, "%s", why);
		goto out;
	}
	if ((rc = store_committee_session_put(s, cs, cli_actor())) != STORE_OK) {
		rc = cli_error(CLI_FAIL, "cannot store the session: %s", store_strerror(rc));
		goto out;
	}
	if (store_committee_session_get(s, 1, cs) == STORE_OK)
		show(cs);
	rc = CLI_OK;
out:
	store_close(s);
	free(cs);
	return rc;
}
