/*
 * teller import: one EML 110a, 110b or 230b into the database.
 *
 * The file is checked in this order, and refused (exit 2, nothing changed) at
 * the first stage that finds a defect: its content (well-formed, the rules of
 * its kind), whether it belongs to this election and municipality, and its
 * hash code. Election definitions and candidate lists come from the Kiesraad
 * with a published hash code, which the user must confirm (domain.md §6); the
 * polling stations file is the municipality's own and needs no code.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "crypto/crypto.h"
#include "act/act.h"

static const char usage[] =
	"usage: teller import --db FILE [--hash CODE] EML_FILE\n"
	"  Imports an EML_NL 110a (election definition), 110b (polling stations) or\n"
	"  230b (candidate lists); the kind is read from the file. Import the 110a first.\n"
	"  The hash code of a 110a or 230b must be confirmed: on a terminal, type the two\n"
	"  groups that are left out; in scripts give the whole code with --hash\n"
	"  (64 hex digits, spaces and case ignored). A wrong code refuses the file.\n"
	"  Exit 0 when imported; 2 and one line on stderr when the file is refused.\n";

/* Asks the user on the terminal for the two hidden groups; 0 when they match. */
static int ask_groups(const char *path, const unsigned char digest[32])
{
	char shown[HASH_CODE_LEN], a[64], b[64];
	int g1, g2;

	hash_code_hidden(digest, &g1, &g2);
	hash_code_format_hidden(digest, g1, g2, shown);
	fprintf(stderr, "Hash code of %s:\n  %s\n", path, shown);
	fprintf(stderr, "Type the groups left out, from the printed hash code.\n");
	fprintf(stderr, "Group %d: ", g1);
	if (cli_read_line(a, sizeof a) != 0)
		return -1;
	fprintf(stderr, "Group %d: ", g2);
	if (cli_read_line(b, sizeof b) != 0)
		return -1;
	return hash_code_check_groups(digest, g1, g2, a, b) == 0 ? 0 : -1;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int ask(void *arg, const unsigned char digest[32])
{
	return ask_groups(arg, digest);
}

int cmd_import(int argc, char **argv)
{
	const char *db = NULL, *hash_arg = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_NEED("--db", &db), CLI_VALUE("--hash", &hash_arg), CLI_END};
	const struct cli_cmd cmd = {usage, "import needs --db FILE and one EML file", opts, 1, 1, 0};
	struct import_check chk = {NULL, NULL, NULL, NULL, 0};
	struct import_report rep;
	struct store *s = NULL;
	unsigned char *bytes = NULL, *cms = NULL, given[32];
	char reason[1024], sigpath[4200];
	const char *path;
	size_t npos, len;
	int rc;
	enum import_result res;

	if ((rc = cli_begin(&cmd, argc, argv, pos, &npos)) != CLI_GO)
		return rc;
	path = pos[0];
	if (hash_arg != NULL && hash_code_parse(hash_arg, given) != 0)
		return cli_error(CLI_USAGE, "--hash: not a hash code (64 hex digits, spaces allowed)");
	if (hash_arg != NULL)
		chk.full = given;
	else if (isatty(STDIN_FILENO)) {
		chk.ask = ask;
		chk.arg = (void *)path;
	}
	if (cli_read_file(path, (size_t)TALLY_EML_FILE_MAX, &bytes, &len) != 0)
		return cli_error(CLI_USAGE, "cannot read %s: %s", path,
		                 errno == EFBIG ? "file too large" : strerror(errno));
	/* The Kiesraad's CMS signature beside it, when it came with one, is checked. */
	snprintf(sigpath, sizeof sigpath, "%s.signature", path);
	if (access(sigpath, F_OK) == 0 &&
	    cli_read_file(sigpath, (size_t)LIMIT_CMS_FILE_MAX, &cms, &chk.cmslen) != 0) {
		free(bytes);
		return cli_error(CLI_USAGE, "cannot read %s: %s", sigpath,
		                 errno == EFBIG ? "file too large" : strerror(errno));
	}
	chk.cms = cms;
	if ((rc = cli_open(db, &s)) != CLI_OK) {
		free(bytes);
		free(cms);
		return rc;
	}
	res = import_eml(s, base_name(path), bytes, len, &chk, cli_actor(), &rep, reason,
	                 sizeof reason);
	store_close(s);
	free(bytes);
	free(cms);
	if (res == IMPORT_REFUSED) {
		if (rep.refused == IMPORT_HASH_UNCHECKED)
			return cli_error(CLI_USAGE, "refused %s: its hash code was not checked; give "
			                 "--hash CODE (from the Kiesraad's hash code file) or run on a "
			                 "terminal", base_name(path));
		return cli_error(CLI_USAGE, "refused %s: %s", base_name(path), reason);
	}
	if (res != IMPORT_OK)
		return cli_error(CLI_FAIL, "import of %s failed: %s", base_name(path), reason);
	printf("Imported %s\n", rep.summary);
	printf("Hash code: %s%s\n", rep.hash_code, rep.hash_checked ? " (checked)" : "");
	if (chk.cms != NULL)
		printf("Signature (%s.signature): holds, signed by %s\n", base_name(path), rep.signed_by);
	return CLI_OK;
}
