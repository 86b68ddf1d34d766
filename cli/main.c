/* teller: the central election laptop's program. See README.md and docs. */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
	{"init", cmd_init, "create the database, the signing key and the TLS certificate"},
	{"import", cmd_import, "import an EML 110a, 110b or 230b file"},
	{"status", cmd_status, "show the state of every polling station"},
	{"user", cmd_user, "add accounts"},
	{"serve", cmd_serve, "start the LAN server"},
	{"audit", cmd_audit, "print the audit log and check its hash chain"},
	{"committee", cmd_committee, "the committee's session (place, date, times, members) on the PV"},
	{"export", cmd_export, "write the 510b, the proces-verbaal and the CSV, signed"},
	{"session", cmd_session, "the committee's sessions; open a later one (session new)"},
	{"investigate", cmd_investigate, "investigate a polling station in a later session, or conclude"},
	{"station", cmd_station, "add a polling station in a later session"},
	{"reopen", cmd_reopen, "reopen a finished count, withdrawing its final export (with a reason)"},
	{"exports", cmd_exports, "list every export of the count with its hash codes"},
	{"result", cmd_result, "the seats and the elected candidates; lots drawn, deceased candidates"},
	{"verify", cmd_verify, "check exported files against their signatures"},
	{"backup", cmd_backup, "copy the database, consistent, e.g. onto a USB stick"},
	{"restore", cmd_restore, "put a backup back into use, with this laptop's keys or new ones"},
	{"costs", cmd_costs, "the ICT partner's hours and costs"},
	{"invoice", cmd_invoice, "write the invoice of the hours and costs (PDF and CSV)"},
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: teller COMMAND [OPTIONS]   (teller COMMAND --help for more)\n\ncommands:\n");
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
	size_t i;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return CLI_OK;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			xmlInitParser();
			rc = commands[i].run(argc - 1, argv + 1);
			xmlCleanupParser();
			return rc;
		}
	fprintf(stderr, "teller: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return CLI_USAGE;
}
