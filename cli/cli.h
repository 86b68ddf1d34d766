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

/* One option of a subcommand: "--db" with a value, or a flag. */
struct cli_opt {
	const char *name;     /* "--db" */
	int takes_value;
	const char **value;   /* set when takes_value */
	int *flag;            /* set to 1 when given, if not takes_value */
};

/*
 * Parses argv[1..] against opts; positional arguments are collected in pos
 * (at most maxpos). Returns 0, or CLI_USAGE after printing one line on stderr.
 * "--help" sets *help. "--opt=value" and "--opt value" are both accepted.
 */
int cli_parse(int argc, char **argv, const struct cli_opt *opts, const char **pos,
              size_t maxpos, size_t *npos, int *help);

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
int cmd_costs(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_invoice(int argc, char **argv);
int cmd_committee(int argc, char **argv);

#endif
