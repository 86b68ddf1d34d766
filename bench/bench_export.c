/*
 * Export benchmark (issues 4 and 10): a municipality of Amsterdam's size, 500 polling
 * stations with 30 lists of 50 candidates, every station definitive, and the
 * time and peak memory of making the 510b, the proces-verbaal and the CSV.
 *
 * The database is made as on election night: teller init and import of
 * generated 110a/110b/230b files, then every station entered twice through
 * store_apply (the same transactions as the HTTP API). Then `export_build`
 * (all three, hashed and signed) and the result of the finished count (45
 * seats: the allocation, the 510d, the 520 and the PV P 22-2; aim under 1 s)
 * run in a child process of its own, so that its peak memory (ru_maxrss)
 * and CPU time are its own. Prints the figures:
 * each file's wall-clock time as export_build measures it, and the export
 * process's CPU time, which other processes on the machine do not stretch.
 * Exits 0 whatever they are (benchmarks never fail on timing).
 *
 *   build/bench/bench_export [--stations S --lists L --candidates C] [TELLER]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "act/act.h"
#include "export/docs.h"
#include "export/eml.h"
#include "bench/gen_election.c"

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const store_chain_fn chain = audit_chain_hmac;

static int run(const char *cmd)
{
	int rc = system(cmd);

	if (rc != 0)
		fprintf(stderr, "bench_export: failed: %s\n", cmd);
	return rc;
}

/* Fills a tally form from a generated one. */
static void fill(struct tally_form *t, const struct gen_form *g)
{
	int i, j;

	t->poll_cards = g->poll_cards;
	t->proxy_certificates = g->proxy_certificates;
	t->admitted_voters = g->admitted_voters;
	t->valid_votes = g->valid_votes;
	t->blank_votes = g->blank_votes;
	t->invalid_votes = g->invalid_votes;
	t->votes_cast = g->votes_cast;
	t->more_ballots_counted = t->fewer_ballots_counted = t->taken_home = 0;
	t->too_few_issued = t->too_many_issued = t->no_explanation = t->other_explanation = 0;
	for (i = 0; i < g->lists; i++) {
		t->list_totals[i] = g->list_totals[i];
		t->lists[i].total = g->list_totals[i];
		for (j = 0; j < g->candidates; j++)
			t->lists[i].candidates[j] = g->cand[(size_t)i * (size_t)g->candidates + (size_t)j];
	}
}

/* Enters every station twice through the store, as two typists would. */
static int fill_database(struct store *s, const struct gen_params *g)
{
	static const struct store_actor who = {"bench", "typist", "127.0.0.1"};
	struct tally_station_state after;
	enum tally_verdict v;
	long ids[2];
	int st, e, k;

	if (store_account_add(s, "bench1", "typist", "x", 0, &who, &ids[0]) != STORE_OK ||
	    store_account_add(s, "bench2", "typist", "x", 0, &who, &ids[1]) != STORE_OK)
		return -1;
	for (st = 1; st <= g->stations; st++) {
		struct tally_form *f = store_form_new(s);
		struct gen_form gf;

		if (f == NULL || gen_form_make(g, st, &gf) != 0)
			return -1;
		fill(f, &gf);
		gen_form_free(&gf);
		for (e = 1; e <= 2; e++) {
			static const enum tally_event_kind kinds[2][3] = {
				{TALLY_EV_CLAIM_1, TALLY_EV_SAVE_1, TALLY_EV_FINALISE_1},
				{TALLY_EV_CLAIM_2, TALLY_EV_SAVE_2, TALLY_EV_FINALISE_2},
			};
			for (k = 0; k < 3; k++) {
				struct store_action a;

				memset(&a, 0, sizeof a);
				a.entry_no = e;
				a.ev.kind = kinds[e - 1][k];
				a.ev.actor = ids[e - 1];
				a.ev.role = TALLY_ROLE_TYPIST;
				a.ev.identical = 1;
				a.form = k == 1 ? f : NULL;
				if (store_apply(s, st, &a, &who, &v, &after) != STORE_OK || v != TALLY_OK) {
					fprintf(stderr, "bench_export: station %d entry %d step %d: %s\n", st, e,
					        k, tally_verdict_code(v));
					tally_form_free(f);
					return -1;
				}
			}
		}
		tally_form_free(f);
	}
	return 0;
}

/* In a child: the whole export as on the coordinator's page; figures to fd. */
static int child(const char *db, int fd)
{
	static const struct store_actor who = {"bench", "coordinator", "local"};
	struct export_result r;
	struct store *s;
	char why[256], line[4096];
	size_t i, used = 0;
	double t0 = now_s();

	if (store_open(db, chain, &s) != STORE_OK)
		return 1;
	if (export_build(s, 0, &who, &r, why, sizeof why) != EXPORT_OK) {
		fprintf(stderr, "bench_export: %s\n", why);
		return 1;
	}
	line[0] = '\0';
	for (i = 0; i < r.nfiles; i++)
		used += (size_t)snprintf(line + used, sizeof line - used, "  %-48s %8.3f s %9.0f kB\n",
		                         r.files[i].name, r.files[i].seconds,
		                         (double)r.files[i].len / 1024);
	used += (size_t)snprintf(line + used, sizeof line - used, "  %-48s %8.3f s (reading, "
	                         "adding up, hashing, signing, audit)\n", "all three together",
	                         now_s() - t0);
	export_result_free(&r);
	/* The result of the finished count (issue 10): the seats and the elected, then its files. */
	{
		struct result res;
		double t1 = now_s(), t2;

		if (result_load(s, &res, why, sizeof why) != RESULT_OK) {
			fprintf(stderr, "bench_export: result: %s\n", why);
			result_free(&res);
			return 1;
		}
		t2 = now_s();
		if (result_files(s, &res, &who, &r, why, sizeof why) != RESULT_OK) {
			fprintf(stderr, "bench_export: result files: %s\n", why);
			result_free(&res);
			return 1;
		}
		used += (size_t)snprintf(line + used, sizeof line - used, "  %-48s %8.3f s (%d seats)\n",
		                         "result: reading and allocating", t2 - t1, res.r.seats);
		for (i = 0; i < r.nfiles && used < sizeof line; i++)
			used += (size_t)snprintf(line + used, sizeof line - used, "  %-48s %9.0f kB\n",
			                         r.files[i].name, (double)r.files[i].len / 1024);
		if (used < sizeof line)
			snprintf(line + used, sizeof line - used, "  %-48s %8.3f s (aim: under 1 s)\n",
			         "result with its 510d, 520 and PV P 22-2", now_s() - t1);
		export_result_free(&r);
		result_free(&res);
	}
	store_close(s);
	return write(fd, line, strlen(line)) == (ssize_t)strlen(line) ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct gen_params g = {500, 30, 50, 20260318};
	const char *teller = "build/teller";
	char dir[] = "/tmp/teller-bench-export-XXXXXX", cmd[8192], db[4200];
	struct store *s;
	double t0;
	int i;

	for (i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--stations") == 0)
			g.stations = (int)strtol(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "--lists") == 0)
			g.lists = (int)strtol(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "--candidates") == 0)
			g.candidates = (int)strtol(argv[++i], NULL, 10);
		else
			teller = argv[i];
	}
	if (mkdtemp(dir) == NULL || gen_election(&g, dir) != 0)
		return 1;
	snprintf(db, sizeof db, "%s/export.db", dir);
	printf("bench_export: %d stations, %d lists x %d candidates, all definitive\n", g.stations,
	       g.lists, g.candidates);
	t0 = now_s();
	snprintf(cmd, sizeof cmd,
	         "set -e; T=%s; D=%s; $T init --db $D/export.db >/dev/null; "
	         "for f in 110a 230b; do p=$D/eml${f}_grootstad.eml.xml; "
	         "$T import --db $D/export.db --hash $(sha256sum $p | cut -c1-64) $p >/dev/null; done; "
	         "$T import --db $D/export.db $D/eml110b_grootstad.eml.xml >/dev/null",
	         teller, dir);
	if (run(cmd) != 0)
		return 1;
	if (store_open(db, chain, &s) != STORE_OK || fill_database(s, &g) != 0)
		return 1;
	store_close(s);
	printf("  database with %d stations entered twice: %.1f s\n", g.stations, now_s() - t0);

	{
		struct rusage ru;
		char out[4096];
		int fds[2], status;
		ssize_t n;
		pid_t pid;

		if (pipe(fds) != 0)
			return 1;
		if ((pid = fork()) == 0) {
			close(fds[0]);
			_exit(child(db, fds[1]));
		}
		close(fds[1]);
		n = read(fds[0], out, sizeof out - 1);
		close(fds[0]);
		if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
		    n <= 0) {
			fprintf(stderr, "bench_export: the export failed\n");
			return 1;
		}
		out[n] = '\0';
		printf("%s", out);
		printf("  CPU of the export process: %.3f s user, %.3f s system (the times above are "
		       "wall-clock, which other processes on the machine stretch)\n",
		       (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
		       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6);
		printf("  peak memory of the export process: %.1f MB (ru_maxrss)\n",
		       (double)ru.ru_maxrss / 1024);
		printf("  aim: all three together under 2 s and under 200 MB\n");
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return run(cmd) == 0 ? 0 : 0;
}
