/*
 * What the subcommands share: their preamble (cli_begin: the options by
 * table, --help, what is required), the database and the actor, reading a
 * file or a line, and the one-line error.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/crypto.h"

int cli_error(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("teller: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

/* Gives option o its value v: CLI_GO, or CLI_USAGE after saying why. */
static int take(const struct cli_opt *o, const char *v)
{
	if (o->value != NULL) {
		*o->value = v;
		return CLI_GO;
	}
	if (*o->nlist >= o->max)
		return cli_error(CLI_USAGE, o->too_many, o->max);
	o->list[(*o->nlist)++] = v;
	return CLI_GO;
}

/* Parses argv[1..] against opts: CLI_GO, CLI_OK for --help, or CLI_USAGE after saying why. */
static int parse(int argc, char **argv, const struct cli_opt *opts, const char **pos,
                 size_t maxpos, size_t *npos)
{
	const struct cli_opt *o;
	const char *eq;
	size_t namelen;
	int i, rc, only_pos = 0;

	*npos = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			if (*npos >= maxpos)
				return cli_error(CLI_USAGE, "too many arguments at '%s' (see --help)", a);
			pos[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return CLI_OK;
		eq = strchr(a, '=');
		namelen = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o->name != NULL; o++)
			if (strlen(o->name) == namelen && strncmp(o->name, a, namelen) == 0)
				break;
		if (o->name == NULL)
			return cli_error(CLI_USAGE, "unknown option '%.*s' (see --help)", (int)namelen, a);
		if (o->flag != NULL) {
			if (eq != NULL)
				return cli_error(CLI_USAGE, "option %s takes no value", o->name);
			*o->flag = 1;
			continue;
		}
		if (eq == NULL && i + 1 >= argc)
			return cli_error(CLI_USAGE, "option %s needs a value", o->name);
		if ((rc = take(o, eq != NULL ? eq + 1 : argv[++i])) != CLI_GO)
			return rc;
	}
	return CLI_GO;
}

int cli_begin(const struct cli_cmd *c, int argc, char **argv, const char **pos, size_t *npos)
{
	const struct cli_opt *o;
	const char *none[1];
	size_t n;
	int rc;

	if (pos == NULL) {         /* takes no positional argument */
		pos = none;
		npos = &n;
	}
	rc = parse(argc, argv, c->opts, pos, pos == none ? 0 : c->maxpos, npos);
	if (rc != CLI_GO) {
		if (rc == CLI_OK)
			fputs(c->usage, stdout);
		return rc;
	}
	if (c->verbs && *npos == 0) {
		fputs(c->usage, stderr);
		return CLI_USAGE;
	}
	for (o = c->opts; o->name != NULL; o++)
		if (o->required && *o->value == NULL)
			break;
	if (o->name != NULL || *npos < c->minpos)
		return cli_error(CLI_USAGE, "%s (see --help)", c->needs);
	return CLI_GO;
}

int cli_read_line(char *buf, size_t size)
{
	size_t n;

	if (fgets(buf, (int)size, stdin) == NULL)
		return -1;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

static const store_chain_fn chain = audit_chain_hmac;

int cli_open(const char *path, struct store **s)
{
	int rc = store_open(path, chain, s);

	if (rc == STORE_ERR_NOT_FOUND)
		return cli_error(CLI_USAGE, "no database at %s (create one with: teller init --db %s)",
		                 path, path);
	if (rc != STORE_OK)
		return cli_error(rc == STORE_ERR_IO ? CLI_FAIL : CLI_USAGE, "%s: %s", path,
		                 store_strerror(rc));
	if (!store_keys_present(*s))
		fprintf(stderr, "teller: note: %s.keys (the keys) is not beside %s: it can be read, not "
		        "changed; to use a backup, put it back with teller restore\n", path, path);
	return CLI_OK;
}

const struct store_actor *cli_actor(void)
{
	static char name[96];
	static struct store_actor a;
	struct passwd *pw = getpwuid(getuid());

	snprintf(name, sizeof name, "cli:%s", pw != NULL ? pw->pw_name : "unknown");
	a.name = name;
	a.role = "system";
	a.address = "local";
	return &a;
}

store_chain_fn cli_chain(void)
{
	return chain;
}

int cli_read_file(const char *path, size_t max, unsigned char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	unsigned char *b;
	size_t n;

	*buf = NULL;
	if (f == NULL)
		return -1;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		errno = EINVAL;
		return -1;
	}
	if ((size_t)st.st_size > max) {
		fclose(f);
		errno = EFBIG;
		return -1;
	}
	if ((b = malloc((size_t)st.st_size + 1)) == NULL) {
		fclose(f);
		return -1;
	}
	n = fread(b, 1, (size_t)st.st_size, f);
	fclose(f);
	if (n != (size_t)st.st_size) {
		free(b);
		errno = EIO;
		return -1;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}
