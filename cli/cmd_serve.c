/* teller serve: the LAN server. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "entry/entry.h"

static const char usage[] =
	"usage: teller serve --db FILE [--listen ADDR:PORT] [--tls|--no-tls] [--quiet]\n"
	"  Starts the LAN server. HTTPS by default, with the certificate made by\n"
	"  teller init; its fingerprint is printed so that it can be checked on every\n"
	"  laptop. Default address 0.0.0.0:8443 (0.0.0.0:8080 with --no-tls, which is\n"
	"  for tests only). Stops on Ctrl-C. One line per request on stderr.\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = NULL, *pos[1];
	int tls = 0, notls = 0, quiet = 0, help, rc;
	struct cli_opt opts[] = {
		{"--db", 1, &db, NULL},
		{"--listen", 1, &listen, NULL},
		{"--tls", 0, NULL, &tls},
		{"--no-tls", 0, NULL, &notls},
		{"--quiet", 0, NULL, &quiet},
		{NULL, 0, NULL, NULL},
	};
	struct server_config cfg = {"0.0.0.0", 8443, 1, 0, 0};
	struct tally_election e;
	struct server *srv = NULL;
	struct store *s = NULL;
	struct sigaction sa;
	char addr[64], why[256], fp[TLS_FINGERPRINT_LEN], *cert = NULL;
	const char *colon;
	size_t npos, len;
	long port;
	char *end;

	if ((rc = cli_parse(argc, argv, opts, pos, 0, &npos, &help)) != 0)
		return rc;
	if (help) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (db == NULL)
		return cli_error(CLI_USAGE, "serve needs --db FILE (see --help)");
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
		errno = 0;
		port = strtol(colon + 1, &end, 10);
		if (errno != 0 || *end != '\0' || port < 1 || port > 65535)
			return cli_error(CLI_USAGE, "--listen '%s': the port must be 1 to 65535", listen);
		cfg.listen_addr = addr;
		cfg.port = (unsigned short)port;
	}
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	if (store_election_get(s, &e) != STORE_OK)
		fprintf(stderr, "teller: note: no election imported yet\n");
	if (server_start(s, &cfg, &srv, why, sizeof why) != 0) {
		store_close(s);
		return cli_error(CLI_FAIL, "%s", why);
	}
	printf("Teller serves %s on %s://%s:%u/\n", db, cfg.tls ? "https" : "http", cfg.listen_addr,
	       cfg.port);
	if (cfg.tls && store_secret_get(s, "tls_cert", &cert, &len) == STORE_OK &&
	    tls_cert_fingerprint(cert, fp, sizeof fp) == 0)
		printf("TLS certificate fingerprint (SHA-256): %s\n"
		       "Check it in the browser of every laptop before logging in.\n", fp);
	else if (!cfg.tls)
		printf("Warning: without TLS; for tests only, never on election night.\n");
	free(cert);
	fflush(stdout);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (!stop)
		pause();
	server_stop(srv);
	store_close(s);
	fprintf(stderr, "teller: stopped\n");
	return CLI_OK;
}
