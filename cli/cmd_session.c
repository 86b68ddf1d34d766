/*
 * teller session [new], teller investigate, teller station add: the later
 * sessions of the committee (domain.md §9). The rules are tally/'s, asked by
 * the store inside each write (act/session.c); a refusal is one line and exit
 * 2, and nothing is changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "cli/cli.h"
#include "act/act.h"

static const char session_usage[] =
	"usage: teller session --db FILE\n"
	"       teller session new --db FILE [--date YYYY-MM-DD] [--place TEXT]\n"
	"  Without a command: every session of the committee, with its date, place and\n"
	"  whether it is finished; the current one is the last. Session 1 is the count.\n"
	"  new: opens the next session, when the current one is finished (its final\n"
	"  export stands). Every station keeps its figures; only a station under\n"
	"  investigation (teller investigate) or added in it can be entered again. The\n"
	"  figures of the finished session are kept unchanged. Audited.\n";

static const char investigate_usage[] =
	"usage: teller investigate --db FILE --station N --reason TEXT [--csb-reference TEXT]\n"
	"                          [--admitted-voters] [--recount] [--other-reason]\n"
	"       teller investigate --db FILE --station N --conclude --findings TEXT\n"
	"                          --corrected yes|no\n"
	"  In a later session, opens an investigation of a polling station with its\n"
	"  reason (5 to 500 characters), the CSB's reference when it asked for it, and\n"
	"  what was done: the admitted voters established again (--admitted-voters), the\n"
	"  ballots partially recounted (--recount), another reason (--other-reason).\n"
	"  The station keeps its figures until a typist claims its corrected entry 1;\n"
	"  they are then entered twice, by two typists, as any count.\n"
	"  --conclude: records the findings and concludes it, with corrected figures\n"
	"  (--corrected yes: only when they are definitive) or without (no: the previous\n"
	"  figures stand, also when corrected entries had started). Audited.\n";

static const char station_usage[] =
	"usage: teller station add --db FILE --number N --name TEXT [--postcode P]\n"
	"  add: in a later session, adds a polling station; it starts empty and must be\n"
	"  entered twice like any other. Audited.\n";

/* Says how a later-session action went: exit 0, 2 for the caller's mistake, 1 for a failure. */
static int outcome(const struct later_outcome *o)
{
	switch (o->status) {
	case LATER_OK:
		return CLI_OK;
	case LATER_FAILED:
		return cli_error(CLI_FAIL, "%s", o->why);
	default:
		return cli_error(CLI_USAGE, "%s", o->why);
	}
}

static int session_list(const char *db)
{
	struct store_later_session *ss = NULL;
	struct store *s;
	size_t n, i;
	int rc;

	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	rc = store_later_sessions(s, &ss, &n);
	store_close(s);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot read the sessions: %s", store_strerror(rc));
	for (i = 0; i < n; i++)
		printf("session %d  date %s  place %s  %s%s%s\n", ss[i].number,
		       ss[i].date[0] ? ss[i].date : "-", ss[i].place[0] ? ss[i].place : "-",
		       ss[i].finished_at[0] ? "finished " : "open", ss[i].finished_at,
		       i + 1 == n ? "  (current)" : "");
	free(ss);
	return CLI_OK;
}

int cmd_session(int argc, char **argv)
{
	const char *db = NULL, *date = NULL, *place = NULL, *pos[1];
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &db), CLI_VALUE("--date", &date), CLI_VALUE("--place", &place),
		CLI_END,
	};
	const struct cli_cmd cmd = {session_usage, "session needs --db FILE", opts, 0, 1, 0};
	struct later_outcome o;
	struct store *s;
	size_t npos;
	int rc;

	if ((rc = cli_begin(&cmd, argc, argv, pos, &npos)) != CLI_GO)
		return rc;
	if (npos == 1 && strcmp(pos[0], "new") != 0)
		return cli_error(CLI_USAGE, "unknown session command '%s' (see --help)", pos[0]);
	if (npos == 0) {
		if (date != NULL || place != NULL)
			return cli_error(CLI_USAGE, "--date and --place go with 'session new'");
		return session_list(db);
	}
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	later_session_new(s, date ? date : "", place ? place : "", cli_actor(), &o);
	store_close(s);
	if (o.status == LATER_OK)
		printf("Session %d is open.\n", o.session);
	return outcome(&o);
}

/* A station's number, 1 .. 99999; -1 when text is none. */
static int station_number(const char *text)
{
	long v;

	return num_parse_long(text, 1, 99999, &v) == NUM_OK ? (int)v : -1;
}

/* Copies text into a field of size bytes; -1 when it does not fit. */
static int copy(char *field, size_t size, const char *text)
{
	if (strlen(text) >= size)
		return -1;
	memcpy(field, text, strlen(text) + 1);
	return 0;
}

int cmd_investigate(int argc, char **argv)
{
	const char *db = NULL, *station = NULL, *reason = NULL, *ref = NULL, *findings = NULL;
	const char *corrected = NULL;
	int conclude = 0, admitted = 0, recount = 0, other = 0, n, rc;
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &db), CLI_NEED("--station", &station), CLI_VALUE("--reason", &reason),
		CLI_VALUE("--csb-reference", &ref), CLI_FLAG("--admitted-voters", &admitted),
		CLI_FLAG("--recount", &recount), CLI_FLAG("--other-reason", &other),
		CLI_FLAG("--conclude", &conclude), CLI_VALUE("--findings", &findings),
		CLI_VALUE("--corrected", &corrected), CLI_END,
	};
	const struct cli_cmd cmd = {investigate_usage, "investigate needs --db FILE and --station N",
	                            opts, 0, 0, 0};
	struct store_investigation *in = NULL;
	struct later_outcome o;
	struct store *s;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if ((n = station_number(station)) < 0)
		return cli_error(CLI_USAGE, "--station: a polling station's number, 1 to 99999");
	if (conclude) {
		if (reason != NULL || ref != NULL || admitted || recount || other)
			return cli_error(CLI_USAGE, "--conclude takes --findings and --corrected only");
		if (findings == NULL || corrected == NULL ||
		    (strcmp(corrected, "yes") != 0 && strcmp(corrected, "no") != 0))
			return cli_error(CLI_USAGE, "--conclude needs --findings TEXT and --corrected "
			                 "yes|no");
	} else {
		if (findings != NULL || corrected != NULL)
			return cli_error(CLI_USAGE, "--findings and --corrected go with --conclude");
		if (reason == NULL)
			return cli_error(CLI_USAGE, "an investigation needs --reason TEXT");
		if ((in = calloc(1, sizeof *in)) == NULL)
			return cli_error(CLI_FAIL, "out of memory");
		in->station = n;
		in->admitted_voters_reestablished = admitted;
		in->ballots_partially_recounted = recount;
		in->other_reason = other;
		if (copy(in->reason, sizeof in->reason, reason) != 0 ||
		    copy(in->csb_reference, sizeof in->csb_reference, ref ? ref : "") != 0) {
			free(in);
			return cli_error(CLI_USAGE, "the reason and the reference have at most %d "
			                 "characters", LIMIT_REASON_MAX);
		}
	}
	if ((rc = cli_open(db, &s)) != CLI_OK) {
		free(in);
		return rc;
	}
	if (conclude)
		later_conclude(s, n, findings, strcmp(corrected, "yes") == 0, cli_actor(), &o);
	else
		later_investigate(s, in, cli_actor(), &o);
	store_close(s);
	free(in);
	if (o.status == LATER_OK)
		printf(conclude ? "The investigation of station %d is concluded.\n" :
		       "Station %d is under investigation.\n", n);
	return outcome(&o);
}

int cmd_station(int argc, char **argv)
{
	const char *db = NULL, *number = NULL, *name = NULL, *postcode = NULL, *pos[1];
	const struct cli_opt opts[] = {
		CLI_VALUE("--db", &db), CLI_VALUE("--number", &number), CLI_VALUE("--name", &name),
		CLI_VALUE("--postcode", &postcode), CLI_END,
	};
	const struct cli_cmd cmd = {station_usage, NULL, opts, 0, 1, 1};
	struct tally_station st;
	struct later_outcome o;
	struct store *s;
	size_t npos;
	int rc;

	if ((rc = cli_begin(&cmd, argc, argv, pos, &npos)) != CLI_GO)
		return rc;
	if (strcmp(pos[0], "add") != 0)
		return cli_error(CLI_USAGE, "unknown station command '%s' (see --help)", pos[0]);
	if (db == NULL || number == NULL || name == NULL)
		return cli_error(CLI_USAGE, "station add needs --db FILE, --number N and --name TEXT "
		                 "(see --help)");
	memset(&st, 0, sizeof st);
	st.electorate = -1;
	if ((st.number = station_number(number)) < 0)
		return cli_error(CLI_USAGE, "--number: a polling station's number, 1 to 99999");
	if (copy(st.name, sizeof st.name, name) != 0 ||
	    copy(st.postcode, sizeof st.postcode, postcode ? postcode : "") != 0)
		return cli_error(CLI_USAGE, "the name has at most %zu bytes, the postcode %zu",
		                 sizeof st.name - 1, sizeof st.postcode - 1);
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	later_station_add(s, &st, cli_actor(), &o);
	store_close(s);
	if (o.status == LATER_OK)
		printf("Station %d is added; it must be entered.\n", st.number);
	return outcome(&o);
}
