/* teller serve: the LAN server. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/num.h"
#include "cli/cli.h"
#include "crypto/crypto.h"
#include "entry/entry.h"

static const char usage[] =
	"usage: teller serve --db FILE [--listen ADDR:PORT] [--tls|--no-tls] [--quiet]\n"
	"  Starts the LAN server. HTTPS by default, with a server certificate signed\n"
	"  by the database's local CA for every address this machine has (made anew\n"
	"  when they changed; a database without a CA gets one). Prints the addresses\n"
	"  to open and the CA's fingerprint, to check on every laptop that installs\n"
	"  it from /ca.crt. Default address 0.0.0.0:8443 (0.0.0.0:8080 with --no-tls,\n"
	"  which is for tests only). Stops on Ctrl-C or SIGTERM. One line per request\n"
	"  on stderr (never a body, query, cookie or key).\n";

static volatile sig_atomic_t stop;

/* How often a running server looks whether the machine got a new address. */
#define ADDRESS_CHECK_SECONDS 30

/*
 * Says once, on stderr (the journal), that the machine has an address the
 * certificate lacks (DHCP, another network): a restart makes a new one.
 */
static void check_addresses(const char *listen_addr, struct lan_names *known)
{
	static struct lan_names now;
	size_t i, j;

	lan_names(listen_addr, &now);
	for (i = 0; i < now.n; i++) {
		for (j = 0; j < known->n && strcmp(now.name[i], known->name[j]) != 0; j++)
			;
		if (j < known->n)
			continue;
		fprintf(stderr, "teller: note: this machine now also has the address %s, which the TLS "
		        "certificate does not name; restart teller (systemctl restart teller) to serve "
		        "it\n", now.name[i]);
		if (known->n < LAN_NAMES_MAX)
			snprintf(known->name[known->n++], LAN_NAME_LEN, "%s", now.name[i]);
	}
}

/*
 * One open file per connection: raises the soft limit of open files (often
 * 1024) towards what LIMIT_HTTP_CONNECTIONS_MAX needs, as far as the hard
 * limit allows; the server takes fewer connections when it stays lower.
 */
static void raise_open_files(void)
{
	const rlim_t want = (rlim_t)LIMIT_HTTP_CONNECTIONS_MAX + LIMIT_HTTP_FDS_SPARE;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want ? rl.rlim_max : want;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		perror("teller: setrlimit(RLIMIT_NOFILE)");
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = NULL;
	int tls = 0, notls = 0, quiet = 0, rc;
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &db), CLI_VALUE("--listen", &listen), CLI_FLAG("--tls", &tls),
		CLI_FLAG("--no-tls", &notls), CLI_FLAG("--quiet", &quiet), CLI_END,
	};
	const struct cli_cmd cmd = {usage, "serve needs --db FILE", opts, 0, 0, 0};
	struct server_config cfg = {"0.0.0.0", 8443, 1, 0, 0};
	struct tally_election e;
	struct server *srv = NULL;
	struct store *s = NULL;
	struct sigaction sa;
	char addr[64], why[256], urls[8][LAN_URL_LEN];
	struct lan_tls lt;
	const char *colon;
	size_t nurls, i;
	long port, bad;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if (tls && notls)
		return cli_error(CLI_USAGE, "--tls and --no-tls exclude each other");
	cfg.tls = !notls;
	cfg.port = cfg.tls ? 8443 : 8080;
	cfg.quiet = quiet;
	if (listen != NULL) {
		colon = strrchr(listen, ':');
		if (colon == NULL || (size_t)(colon - listen) >= sizeof addr)
			return cli_error(CLI_USAGE, "--listen '%s': give ADDR:PORT, e.g. 0.0.0.0:8443", listen);
		memcpy(addr, listen, (size_t)(colon - listen));
		addr[colon - listen] = '\0';
		if (num_parse_long(colon + 1, 1, 65535, &port) != NUM_OK)
			return cli_error(CLI_USAGE, "--listen '%s': the port must be 1 to 65535", listen);
		cfg.listen_addr = addr;
		cfg.port = (unsigned short)port;
	}
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	/* A log that does not hold is a finding for the committee, not something to serve over. */
	if (store_audit_verify(s, &bad) != STORE_OK) {
		rc = cli_error(CLI_USAGE, "%s: will not serve: %s (teller audit --db %s --verify)", db,
		               store_last_error(s), db);
		store_close(s);
		return rc;
	}
	/* Every save's audit record anchored beside the database within STORE_ANCHOR_MS. */
	if (store_anchor_start(s) != STORE_OK) {
		store_close(s);
		return cli_error(CLI_FAIL, "cannot start the audit anchor");
	}
	if (store_election_get(s, &e) != STORE_OK)
		fprintf(stderr, "teller: note: no election imported yet\n");
	if (cfg.tls && lan_tls_prepare(s, cfg.listen_addr, cli_actor(), &lt, why, sizeof why) != 0) {
		store_close(s);
		return cli_error(CLI_FAIL, "%s", why);
	}
	raise_open_files();
	if (server_start(s, &cfg, &srv, why, sizeof why) != 0) {
		store_close(s);
		return cli_error(CLI_FAIL, "%s", why);
	}
	printf("Teller serves %s on %s://%s:%u/\n", db, cfg.tls ? "https" : "http", cfg.listen_addr,
	       cfg.port);
	nurls = lan_urls(cfg.listen_addr, cfg.port, cfg.tls, urls, sizeof urls / sizeof urls[0]);
	for (i = 0; i < nurls; i++)
		printf("Open on the laptops: %s\n", urls[i]);
	if (cfg.tls) {
		printf("TLS CA fingerprint (SHA-256): %s\n"
		       "Each laptop installs the CA once from %sca.crt and checks this fingerprint.\n",
		       lt.ca_fingerprint, urls[0]);
		if (lt.ca_created)
			printf("Note: this database had no local CA yet (made before Teller had one); it has\n"
			       "one now, so install its certificate on every laptop (see README.md).\n");
		if (lt.cert_issued) {
			printf("Server certificate made anew for:");
			for (i = 0; i < lt.names.n; i++)
				printf("%s%s", i ? ", " : " ", lt.names.name[i]);
			printf("\n");
		}
	} else
		printf("Warning: without TLS; for tests only, never on election night.\n");
	fflush(stdout);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Seconds, not pause(): a signal just before it would wait for the next one. */
	for (i = 1; !stop; i++) {
		sleep(1);
		if (cfg.tls && !stop && i % ADDRESS_CHECK_SECONDS == 0)
			check_addresses(cfg.listen_addr, &lt.names);
	}
	server_stop(srv);
	store_close(s);
	fprintf(stderr, "teller: stopped\n");
	return CLI_OK;
}
