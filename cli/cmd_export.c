/* teller export and teller verify: the count's files, their hash codes and signatures. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/num.h"
#include "cli/cli.h"
#include "crypto/crypto.h"
#include "act/act.h"

static const char export_usage[] =
	"usage: teller export --db FILE --out DIR [--draft]\n"
	"  Writes the count's files into DIR: the EML 510b, the proces-verbaal (PDF)\n"
	"  and the CSV, each with a detached Ed25519 signature (.sig), and the public\n"
	"  key as signing-key.pub.pem. Prints each file's name and hash code.\n"
	"  Refuses while a polling station is not definitive, unless --draft (the\n"
	"  files are then named CONCEPT_... and the PV says CONCEPT on every page).\n";

static const char verify_usage[] =
	"usage: teller verify [--key PUBKEY_FILE] FILE...\n"
	"  Checks each FILE against FILE.sig (a raw 64-byte Ed25519 signature) with\n"
	"  the public key (default: signing-key.pub.pem beside the first file) and\n"
	"  prints its hash code. When FILE.signature is beside it (the Kiesraad's CMS\n"
	"  signature of an EML file) that must hold too; a FILE.signature given as a FILE\n"
	"  is checked with its file. Exit 0 only when every file holds.\n";

/* Checks FILE.signature (CMS) over data when it is there: 0 (none, or it holds), or 1. */
static int cms_check(const char *file, const unsigned char *data, size_t len)
{
	char path[4200], subject[256];
	unsigned char *der = NULL;
	size_t derlen;
	int rc;

	snprintf(path, sizeof path, "%s.signature", file);
	if (access(path, F_OK) != 0)
		return 0;
	if (cli_read_file(path, LIMIT_CMS_FILE_MAX, &der, &derlen) != 0) {
		printf("  CMS signature: CANNOT READ %s\n", path);
		return 1;
	}
	rc = cms_verify(der, derlen, data, len, subject, sizeof subject);
	free(der);
	if (rc == 0)
		printf("  CMS signature: holds (%s)\n", subject);
	else
		printf("  CMS SIGNATURE (%s) DOES NOT HOLD\n", path);
	return rc != 0;
}

int cmd_export(int argc, char **argv)
{
	const char *db = NULL, *out = NULL;
	int draft = 0, rc;
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &db), CLI_NEED("--out", &out), CLI_FLAG("--draft", &draft), CLI_END,
	};
	const struct cli_cmd cmd = {export_usage, "export needs --db FILE and --out DIR", opts, 0, 0, 0};
	struct export_result r;
	struct store *s;
	enum export_status st;
	char why[512];
	size_t i;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	st = export_build(s, draft, cli_actor(), &r, why, sizeof why);
	store_close(s);
	if (st == EXPORT_NOT_FINISHED || st == EXPORT_NO_ELECTION)
		return cli_error(CLI_USAGE, "export refused: %s", why);
	if (st != EXPORT_OK)
		return cli_error(CLI_FAIL, "export failed: %s", why);
	if (export_write_dir(&r, out, why, sizeof why) != 0) {
		export_result_free(&r);
		return cli_error(CLI_FAIL, "%s", why);
	}
	if (r.draft)
		printf("DRAFT (CONCEPT): %zu of %zu polling stations are definitive\n", r.ndefinitive,
		       r.nstations);
	for (i = 0; i < r.nfiles; i++)
		printf("%s\n  hash code: %s\n", r.files[i].name, r.files[i].hash_code);
	printf("Signing key: %s (signing-key.pub.pem)\n", r.key_fingerprint);
	export_result_free(&r);
	return CLI_OK;
}

static const char reopen_usage[] =
	"usage: teller reopen --db FILE --reason TEXT\n"
	"  Reopens a finished count (its final export made): the final export is\n"
	"  withdrawn, with the reason, and stations can be reset and entered again.\n"
	"  Audited. Refused when the count is not finished.\n";

int cmd_reopen(int argc, char **argv)
{
	const char *db = NULL, *reason = NULL;
	const struct cli_opt opts[] = {CLI_NEED("--db", &db), CLI_NEED("--reason", &reason), CLI_END};
	const struct cli_cmd cmd = {reopen_usage, "reopen needs --db FILE and --reason TEXT", opts, 0,
	                            0, 0};
	struct store *s;
	size_t i, visible = 0;
	long withdrawn = 0;
	int rc;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	for (i = 0; reason[i]; i++)
		visible += (unsigned char)reason[i] > ' ';
	if (visible < LIMIT_REASON_MIN || i > LIMIT_REASON_MAX)
		return cli_error(CLI_USAGE, "the reason must have %d to %d characters", LIMIT_REASON_MIN,
		                 LIMIT_REASON_MAX);
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	rc = store_count_reopen(s, cli_actor(), reason, &withdrawn);
	store_close(s);
	if (rc == STORE_ERR_STATE)
		return cli_error(CLI_USAGE, "the count is not finished: nothing to reopen");
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot reopen the count: %s", store_strerror(rc));
	printf("The count is open again; %ld final export(s) withdrawn.\n", withdrawn);
	return CLI_OK;
}

static const char exports_usage[] =
	"usage: teller exports --db FILE [--id N --out DIR]\n"
	"  Lists every export of the count, newest first: draft or final, its moment,\n"
	"  who made it, withdrawn or not, each file's hash code, and the session of a\n"
	"  later one. --id N --out DIR: writes the files of final export N into DIR\n"
	"  again, byte for byte as they were made (never over a file that is there).\n";

int cmd_exports(int argc, char **argv)
{
	const char *db = NULL, *id = NULL, *out = NULL;
	const struct cli_opt opts[] = {CLI_NEED("--db", &db), CLI_VALUE("--id", &id),
	                               CLI_VALUE("--out", &out), CLI_END};
	const struct cli_cmd cmd = {exports_usage, "exports needs --db FILE", opts, 0, 0, 0};
	struct store_export *x;
	struct store *s;
	size_t n, i, j;
	char why[512];
	long nid = 0;
	int rc;

	if ((rc = cli_begin(&cmd, argc, argv, NULL, NULL)) != CLI_GO)
		return rc;
	if ((id == NULL) != (out == NULL) ||
	    (id != NULL && num_parse_long(id, 1, LONG_MAX, &nid) != NUM_OK))
		return cli_error(CLI_USAGE, "--id N (an export's number) and --out DIR go together");
	if ((rc = cli_open(db, &s)) != CLI_OK)
		return rc;
	if (id != NULL) {
		enum later_status st = later_export_write(s, nid, out, why, sizeof why);

		store_close(s);
		if (st == LATER_OK)
			printf("Export #%ld: %s in %s.\n", nid, why, out);
		return st == LATER_OK ? CLI_OK : cli_error(st == LATER_FAILED ? CLI_FAIL : CLI_USAGE,
		                                           "%s", why);
	}
	rc = store_exports_list(s, &x, &n);
	store_close(s);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot read the export history: %s", store_strerror(rc));
	for (i = 0; i < n; i++) {
		printf("#%ld %s made %s by %s, %ld of %ld stations definitive%s%s\n", x[i].id,
		       x[i].draft ? "draft" : "final", x[i].made_at, x[i].made_by,
		       x[i].stations_definitive, x[i].stations_total,
		       x[i].withdrawn ? "; WITHDRAWN " : "", x[i].withdrawn ? x[i].withdrawn_at : "");
		if (x[i].session > 1)
			printf("  session %d\n", x[i].session);
		if (x[i].withdrawn)
			printf("  withdrawn by %s: %s\n", x[i].withdrawn_by, x[i].withdrawn_reason);
		for (j = 0; j < x[i].nfiles; j++)
			printf("  %s\n    hash code: %s\n", x[i].files[j].name, x[i].files[j].hash_code);
	}
	if (n == 0)
		printf("No export has been made.\n");
	free(x);
	return CLI_OK;
}

int cmd_verify(int argc, char **argv)
{
	const char *key = NULL, *pos[64];
	const struct cli_opt opts[] = {CLI_VALUE("--key", &key), CLI_END};
	const struct cli_cmd cmd = {verify_usage, "verify needs one or more files", opts, 1, 64, 0};
	unsigned char *pub = NULL, *data, *sig, d[32];
	char keypath[4096], sigpath[4200], code[HASH_CODE_LEN], fp[HASH_CODE_LEN];
	size_t npos, i, len, siglen, publen;
	int rc, bad = 0;

	if ((rc = cli_begin(&cmd, argc, argv, pos, &npos)) != CLI_GO)
		return rc;
	if (key == NULL) {
		const char *slash = strrchr(pos[0], '/');

		snprintf(keypath, sizeof keypath, "%.*ssigning-key.pub.pem",
		         slash ? (int)(slash - pos[0] + 1) : 0, pos[0]);
		key = keypath;
	}
	if (cli_read_file(key, LIMIT_KEY_FILE_MAX, &pub, &publen) != 0 ||
	    sign_fingerprint((char *)pub, fp) != 0) {
		free(pub);
		return cli_error(CLI_USAGE, "%s: not a readable Ed25519 public key", key);
	}
	printf("Key %s: %s\n", key, fp);
	for (i = 0; i < npos; i++) {
		size_t n = strlen(pos[i]);

		if (n > 10 && strcmp(pos[i] + n - 10, ".signature") == 0)
			continue;   /* a CMS signature: checked with its file (cms_check) */
		snprintf(sigpath, sizeof sigpath, "%s.sig", pos[i]);
		if (cli_read_file(pos[i], LIMIT_SIGNED_FILE_MAX, &data, &len) != 0) {
			printf("%s: CANNOT READ (%s)\n", pos[i], strerror(errno));
			bad = 1;
			continue;
		}
		hash_sha256(data, len, d);
		hash_code_format(d, code);
		if (cli_read_file(sigpath, LIMIT_SIG_FILE_MAX, &sig, &siglen) != 0) {
			printf("%s: NO SIGNATURE (%s missing)\n  hash code: %s\n", pos[i], sigpath, code);
			bad = 1;
		} else if (siglen != 64 || sign_verify((char *)pub, data, len, sig) != 0) {
			printf("%s: SIGNATURE DOES NOT HOLD\n  hash code: %s\n", pos[i], code);
			bad = 1;
		} else {
			printf("%s: signature holds\n  hash code: %s\n", pos[i], code);
		}
		bad |= cms_check(pos[i], data, len);
		free(sig);
		free(data);
	}
	free(pub);
	if (bad)
		return cli_error(CLI_FAIL, "not every file holds");
	return CLI_OK;
}
