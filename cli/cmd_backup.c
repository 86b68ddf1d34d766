/*
 * teller backup: a consistent copy of the database, e.g. onto a USB stick,
 * without the keys; teller restore: a copy back into use, with the keys of
 * this laptop or with new ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "act/act.h"
#include "base/date.h"
#include "cli/cli.h"
#include "crypto/crypto.h"

static const char usage[] =
	"usage: teller backup --db FILE --out PATH\n"
	"  Copies the whole database, consistent at one moment, while the server may\n"
	"  keep running. PATH is a new file, or a folder (e.g. the USB stick) in which\n"
	"  teller-backup-YYYYMMDD-HHMMSS.db is made. The copy is checked, and its hash\n"
	"  code printed. It carries the count, the accounts, the audit log and the\n"
	"  public keys; it does not carry the private keys (signing, TLS) nor the audit\n"
	"  log's key and anchor, which stay in FILE.keys/ on this laptop.\n"
	"  Put it back with teller restore.\n";

static const char restore_usage[] =
	"usage: teller restore --backup COPY --db FILE [--new-keys]\n"
	"  Puts a backup back into use as FILE (which must not exist; move a damaged\n"
	"  database aside first). On this laptop, FILE.keys/ (the keys the backup\n"
	"  does not carry) is used again: the signing key and its fingerprint stay,\n"
	"  and the audit log records that it was rewound to the backup's moment.\n"
	"  On another laptop, where FILE.keys/ is not, --new-keys makes new ones: a\n"
	"  new signing key (files signed before keep their old signature and key file),\n"
	"  a new local CA for HTTPS (install it on the laptops again), and a new\n"
	"  audit key under which the restored log is sealed anew, said in the log.\n";

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
	printf("It carries the count, the accounts, the audit log and the public keys.\n"
	       "It does not carry the private keys (signing, TLS) nor the audit log's key and\n"
	       "anchor: they stay in %s.keys/ on this laptop and never leave it.\n"
	       "Put it back with: teller restore --backup %s --db %s\n", db, path, db);
	return CLI_OK;
}

/* Copies src to a new file dst (never over one): 0, or -1 with errno. */
static int copy_new(const char *src, const char *dst)
{
	char buf[65536];
	ssize_t r, w = 0;
	int in, out, ok = 1;

	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		close(in);
		return -1;
	}
	while (ok && (r = read(in, buf, sizeof buf)) > 0)
		ok = (w = write(out, buf, (size_t)r)) == r;
	ok = ok && r == 0 && fsync(out) == 0;
	close(in);
	if (close(out) != 0 || !ok) {
		unlink(dst);
		return -1;
	}
	return 0;
}

/* On the laptop whose keys are beside FILE: the log must hold under them up to its end. */
static int restore_here(struct store *s, const char *from, const char *db)
{
	char hash[65], had[65], detail[4400];
	long id, anchor = 0, bad;

	if (store_audit_head(s, &id, hash) != STORE_OK)
		return cli_error(CLI_FAIL, "cannot read the backup's audit log");
	if (store_audit_anchor(s, &anchor, had) != STORE_OK)
		anchor = 0;
	/* Anchored at the backup's own end, the whole log must hold under this laptop's key. */
	if (store_anchor_reset(s, id, hash) != STORE_OK)
		return cli_error(CLI_FAIL, "cannot write the audit anchor in %s.keys", db);
	if (store_audit_verify(s, &bad) != STORE_OK) {
		if (anchor > 0)
			store_anchor_reset(s, anchor, had);
		return cli_error(CLI_USAGE, "%s is not a backup of the database whose keys are in %s.keys "
		                 "(its audit log does not hold under them): restore it elsewhere with "
		                 "--new-keys", from, db);
	}
	snprintf(detail, sizeof detail, "restored from %s: the audit log was rewound from record %ld "
	         "to record %ld (the backup's last); what was done after the backup is not in it",
	         from, anchor, id);
	if (store_audit(s, cli_actor(), "restore", detail) != STORE_OK)
		return cli_error(CLI_FAIL, "cannot write the audit log: %s", store_last_error(s));
	printf("Restored %s from %s with the keys of this laptop (%s.keys).\n"
	       "The audit log goes on from record %ld of the backup (it had reached %ld here).\n",
	       db, from, db, id, anchor);
	return CLI_OK;
}

/* On another laptop: new keys, the log sealed anew, the signing key replaced. */
static int restore_new_keys(struct store *s, const char *from, const char *db)
{
	char fp[HASH_CODE_LEN], detail[4400];
	long n;

	if (store_keys_new(s, &n) != STORE_OK)
		return cli_error(CLI_FAIL, "cannot make new keys: %s", store_last_error(s));
	snprintf(detail, sizeof detail, "restored from %s onto new keys: the %ld earlier records of "
	         "the audit log were sealed anew under a new audit key; their old links could not be "
	         "checked here", from, n);
	if (store_audit(s, cli_actor(), "restore", detail) != STORE_OK ||
	    act_signing_new(s, cli_actor(), fp) != 0)
		return cli_error(CLI_FAIL, "cannot make new keys: %s", store_last_error(s));
	printf("Restored %s from %s with new keys in %s.keys.\n"
	       "  new signing key: %s\n"
	       "Files exported before keep their own signature and signing-key.pub.pem.\n"
	       "A new local CA is made when teller serve --tls starts: install it on the laptops.\n",
	       db, from, db, fp);
	return CLI_OK;
}

int cmd_restore(int argc, char **argv)
{
	const char *from = NULL, *db = NULL;
	int newkeys = 0, rc, here;
	const struct cli_opt opts[] = {CLI_NEED("--backup", &from), CLI_NEED("--db", &db),
	                               CLI_FLAG("--new-keys", &newkeys), CLI_END};
	const struct cli_cmd cmd = {restore_usage, "restore needs --backup COPY and --db FILE", opts,
	                            0, 0, 0};
	char keys[4200];
	struct stat st;
	struct store *s;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if (access(db, F_OK) == 0)
		return cli_error(CLI_USAGE, "%s exists already; a restore never overwrites: move it aside "
		                 "first", db);
	snprintf(keys, sizeof keys, "%s.keys", db);
	here = lstat(keys, &st) == 0;
	if (here && newkeys)
		return cli_error(CLI_USAGE, "%s is there: this laptop has the keys, so leave out "
		                 "--new-keys (or move the folder away to make new ones)", keys);
	if (!here && !newkeys)
		return cli_error(CLI_USAGE, "%s is not here, and a backup carries no keys: restore on "
		                 "the laptop that made it, or give --new-keys to make new ones", keys);
	if (copy_new(from, db) != 0)
		return cli_error(errno == ENOENT ? CLI_USAGE : CLI_FAIL, "cannot copy %s to %s: %s",
		                 from, db, strerror(errno));
	if ((rc = cli_open(db, &s)) != CLI_OK) {
		unlink(db);
		return rc;
	}
	rc = here ? restore_here(s, from, db) : restore_new_keys(s, from, db);
	store_close(s);
	if (rc != CLI_OK) {
		unlink(db);
		snprintf(keys, sizeof keys, "%s-wal", db);
		unlink(keys);
		snprintf(keys, sizeof keys, "%s-shm", db);
		unlink(keys);
	}
	return rc;
}
