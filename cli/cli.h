#ifndef CLI_CLI_H
#define CLI_CLI_H
/*
 * The command line: main() and the subcommands. Thin: parses arguments and
 * calls the rooms. Exit codes: 0 success, 1 the operation failed, 2 bad usage
 * or bad input (with one clear line on stderr).
 */
#include <stddef.h>
#include "store/store.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/*
 * One option of a subcommand, one row of its table (ended by CLI_END): with a
 * value ("--db FILE"), a flag ("--verify"), or a value that may be given many
 * times ("--member NAME", each kept in list, at most max).
 */
struct cli_opt {
	const char *name;            /* "--db" */
	const char **value;          /* an option with a value: set to it */
	int *flag;                   /* a flag: set to 1 when given */
	int required;                /* missing: the subcommand's `needs` line, exit 2 */
	const char **list;           /* a repeated option: its values, in order */
	size_t *nlist, max;
	const char *too_many;        /* said with max when it comes more often */
};
#define CLI_VALUE(name, v)        {(name), (v), NULL, 0, NULL, NULL, 0, NULL}
#define CLI_NEED(name, v)         {(name), (v), NULL, 1, NULL, NULL, 0, NULL}
#define CLI_FLAG(name, f)         {(name), NULL, (f), 0, NULL, NULL, 0, NULL}
#define CLI_LIST(name, l, n, max, too_many) {(name), NULL, NULL, 0, (l), (n), (max), (too_many)}
#define CLI_END                   {NULL, NULL, NULL, 0, NULL, NULL, 0, NULL}

/* A subcommand as the preamble sees it. */
struct cli_cmd {
	const char *usage;           /* printed on stdout for --help */
	const char *needs;           /* "audit needs --db FILE": said when a required option or
	                              * argument is missing */
	const struct cli_opt *opts;
	size_t minpos, maxpos;       /* how many positional arguments it takes */
	int verbs;                   /* its first argument says what to do (user add, costs list):
	                              * without one, the usage goes to stderr */
};

enum { CLI_GO = -1 };
/*
 * The preamble every subcommand shares: parses argv[1..] against c->opts
 * ("--opt=value" and "--opt value" alike; "--" ends the options), the
 * positional arguments into pos (room for c->maxpos) and *npos (both NULL for
 * a subcommand that takes none). Answers
 * --help with the usage. Returns CLI_GO to go on, or the exit code to return:
 * CLI_OK after --help, CLI_USAGE after one line on stderr (an unknown option,
 * a missing value or argument, too many of them).
 */
int cli_begin(const struct cli_cmd *c, int argc, char **argv, const char **pos, size_t *npos);

/*
 * Reads one line of standard input into buf, without its line end: 0, or -1
 * at the end of the input.
 */
int cli_read_line(char *buf, size_t size);

/* Prints "teller: <message>" on stderr and returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Reads a whole regular file of at most max bytes into *buf (malloc'd,
 * NUL-terminated; the caller frees) and *len. 0, or -1 with errno (EFBIG
 * when too large, EINVAL when not a regular file).
 */
int cli_read_file(const char *path, size_t max, unsigned char **buf, size_t *len);

/* Opens the database at path, printing the reason on failure. */
int cli_open(const char *path, struct store **s);

/* The audit chain hash function handed to store_open/store_create. */
store_chain_fn cli_chain(void);

/* The actor for the audit log of a command-line action: "cli:<login>". */
const struct store_actor *cli_actor(void);

int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_reopen(int argc, char **argv);
int cmd_exports(int argc, char **argv);
int cmd_result(int argc, char **argv);
int cmd_costs(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_invoice(int argc, char **argv);
int cmd_committee(int argc, char **argv);
int cmd_session(int argc, char **argv);
int cmd_investigate(int argc, char **argv);
int cmd_station(int argc, char **argv);

#endif
