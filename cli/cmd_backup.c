/* teller backup: a consistent copy of the database, e.g. onto a USB stick. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/date.h"
#include "cli/cli.h"
#include "crypto/crypto.h"

static const char usage[] =
	"usage: teller backup --db FILE --out PATH\n"
	"  Copies the whole database, consistent at one moment, while the server may\n"
	"  keep running. PATH is a new file, or a folder (e.g. the USB stick) in which\n"
	"  teller-backup-YYYYMMDD-HHMMSS.db is made. The copy is checked, and its hash\n"
	"  code printed. Restore by serving the copy: teller serve --db COPY.\n";

int cmd_backup(int argc, char **argv)
{
	const char *db = NULL, *out = NULL;
	const struct cli_opt opts[] = {CLI_NEED("--db", &db), CLI_NEED("--out", &out), CLI_END};
	const struct cli_cmd cmd = {usage, "backup needs --db FILE and --out PATH", opts, 0, 0, 0};
	char path[4096], stamp[32], code[HASH_CODE_LEN], detail[4200];
	unsigned char d[32];
	struct stat st;
	struct store *s;
	int rc;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
		date_local(time(NULL), "%Y%m%d-%H%M%S", stamp, sizeof stamp);
		snprintf(path, sizeof path, "%s/teller-backup-%s.db", out, stamp);
	} else {
		snprintf(path, sizeof path, "%s", out);
	}
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	rc = store_backup(s, path);
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "backup to %s", path);
		store_audit(s, cli_actor(), "backup", detail);
	}
	store_close(s);
	if (rc == STORE_ERR_EXISTS)
		return cli_error(CLI_USAGE, "%s exists already; a backup never overwrites", path);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "the backup to %s failed (disk full or read-only?)", path);
	if (hash_sha256_file(path, d) == 0) {
		hash_code_format(d, code);
		printf("Backup: %s\n  hash code: %s\n", path, code);
	}
	return CLI_OK;
}
