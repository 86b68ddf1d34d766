/* teller result: the seats and the elected candidates, the lots drawn, deceased candidates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act/act.h"
#include "base/num.h"
#include "cli/cli.h"

enum { CLI_LOT = 3 };  /* exit code: a lot must be drawn first */

static const char result_usage[] =
	"usage: teller result --db FILE [--json] [--out DIR]\n"
	"       teller result lot --db FILE --list N [--candidate P]\n"
	"       teller result deceased --db FILE --list N --candidate P\n"
	"  The seat allocation and the elected candidates (Kieswet chapter P) from the\n"
	"  finished count, or at a central committee from the imported 510b. Prints per\n"
	"  list its votes, full and residual seats, seats and elected candidates;\n"
	"  --json prints the object of the API instead. --out also writes the 510d, the\n"
	"  520 and the PV P 22-2, each with its signature, and prints their hash codes.\n"
	"  Exit 0 with a result, 3 when a lot must be drawn first (said between which\n"
	"  lists or candidates, and what it decides), 2 while the count is not finished.\n"
	"  lot: records the list (or the list's candidate) on which the drawn lot fell.\n"
	"  deceased: records a candidate who died before the result was determined.\n";

/* A number from the command line, 1 .. max; -1 when it is none. */
static int number(const char *text, long max)
{
	long v;

	return text != NULL && num_parse_long(text, 1, max, &v) == NUM_OK ? (int)v : -1;
}

static void print_text(const struct result *res)
{
	const struct tally_result *r = &res->r;
	char q[64], t[64], name[TALLY_CANDIDATE_NAME_MAX];
	size_t i, k;

	printf("%s%s: %d seats, %lld votes on candidates (%s)\n", res->draft ? "DRAFT (CONCEPT) " :
	       "", res->election.id, r->seats, (long long)r->votes,
	       res->from_file ? "from the imported 510b" : "from the count");
	printf("Quota %s, preference threshold %s\n", tally_frac_text(r->quota, q, sizeof q),
	       tally_frac_text(r->preference_threshold, t, sizeof t));
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *l = &r->lists[i];

		printf("List %d %s: %ld votes, %d full + %d residual = %d seat%s\n", l->number,
		       res->lists[i].name, l->votes, l->full_seats, l->residual_seats, l->seats, l->seats == 1 ? "" : "s");
		for (k = 0; l->nominated && k < l->nelected; k++)
			printf("  %zu. %d %s%s\n", k + 1, l->elected[k],
			       result_candidate_name(res, l->number, l->elected[k], name, sizeof name),
			       k < l->npreference ? " (preference votes)" : "");
	}
	for (i = 0; i < r->nsteps; i++)
		printf("Seat %d: list %d, %s%s\n", r->steps[i].seat, r->steps[i].list,
		       tally_result_method_name(r->steps[i].method), r->steps[i].by_lot ?
		       " (by lot)" : "");
	if (r->empty_seats > 0)
		printf("Empty seats: %d\n", r->empty_seats);
}

static int show(struct store *s, int json, const char *out)
{
	struct export_result files;
	struct result res;
	char why[512];
	size_t i;
	int rc = result_load(s, &res, why, sizeof why);

	if (rc == RESULT_NOT_FINISHED || rc == RESULT_NO_ELECTION || rc == RESULT_REFUSED) {
		result_free(&res);
		return cli_error(CLI_USAGE, "no result: %s", why);
	}
	if (rc == RESULT_FAILED) {
		result_free(&res);
		return cli_error(CLI_FAIL, "no result: %s", why);
	}
	if (json) {
		json_t *o = result_json(&res);

		if (o == NULL || json_dumpf(o, stdout, JSON_INDENT(2)) != 0) {
			json_decref(o);
			result_free(&res);
			return cli_error(CLI_FAIL, "out of memory");
		}
		putchar('\n');
		json_decref(o);
	} else if (rc == RESULT_OK) {
		print_text(&res);
	}
	if (rc == RESULT_LOT) {
		fprintf(stderr, "teller: a lot must be drawn first: %s\n", res.r.lot.decides);
		result_free(&res);
		return CLI_LOT;
	}
	if (out != NULL) {
		if (result_files(s, &res, cli_actor(), &files, why, sizeof why) != RESULT_OK) {
			result_free(&res);
			return cli_error(CLI_FAIL, "%s", why);
		}
		if (export_write_dir(&files, out, why, sizeof why) != 0) {
			export_result_free(&files);
			result_free(&res);
			return cli_error(CLI_FAIL, "%s", why);
		}
		for (i = 0; i < files.nfiles; i++)
			printf("%s\n  hash code: %s\n", files.files[i].name, files.files[i].hash_code);
		printf("Signing key: %s (signing-key.pub.pem)\n", files.key_fingerprint);
		export_result_free(&files);
	}
	result_free(&res);
	return CLI_OK;
}

int cmd_result(int argc, char **argv)
{
	const char *db = NULL, *out = NULL, *list = NULL, *cand = NULL, *pos[1] = {NULL};
	int json = 0, rc, l = 0, c = 0;
	size_t npos = 0;
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &db), CLI_FLAG("--json", &json), CLI_VALUE("--out", &out),
		CLI_VALUE("--list", &list), CLI_VALUE("--candidate", &cand), CLI_END,
	};
	const struct cli_cmd cmd = {result_usage, "result needs --db FILE", opts, 0, 1, 0};
	struct tally_lot lot;
	struct store *s;
	char why[512];

	if ((rc = cli_begin(&cmd, argc, argv, pos, &npos)) != CLI_GO)
		return rc;
	if (npos == 1 && strcmp(pos[0], "lot") != 0 && strcmp(pos[0], "deceased") != 0)
		return cli_error(CLI_USAGE, "unknown result command '%s' (see --help)", pos[0]);
	if (npos == 0 && (list != NULL || cand != NULL))
		return cli_error(CLI_USAGE, "--list and --candidate go with 'lot' or 'deceased'");
	if (npos == 1) {
		if ((l = number(list, LIMIT_PATH_NUMBER_MAX)) < 0)
			return cli_error(CLI_USAGE, "%s needs --list N (a list's number)", pos[0]);
		if ((cand != NULL || strcmp(pos[0], "deceased") == 0) &&
		    (c = number(cand, LIMIT_CANDIDATES_MAX)) < 0)
			return cli_error(CLI_USAGE, "%s needs --candidate P (1 to %d)", pos[0],
			                 LIMIT_CANDIDATES_MAX);
		if (json || out != NULL)
			return cli_error(CLI_USAGE, "--json and --out go with 'teller result' alone");
	}
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	if (npos == 0) {
		rc = show(s, json, out);
		store_close(s);
		return rc;
	}
	lot.list = l;
	lot.candidate = c;
	rc = strcmp(pos[0], "lot") == 0 ? result_lot_record(s, &lot, cli_actor(), why, sizeof why) :
	     result_deceased_record(s, l, c, cli_actor(), why, sizeof why);
	store_close(s);
	if (rc == RESULT_OK) {
		printf("Recorded. Run 'teller result' for the result.\n");
		return CLI_OK;
	}
	return cli_error(rc == RESULT_FAILED ? CLI_FAIL : CLI_USAGE, "%s", why);
}
