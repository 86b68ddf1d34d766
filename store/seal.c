/*
 * Sealing the audit log under a key. A database made before the folder beside
 * it (keys in table secret, a plain SHA-256 chain) is upgraded when it is
 * opened: its chain is checked as it was, sealed under a new audit key, and
 * the private keys move out of the database (store_keys_upgrade). A backup
 * restored on another laptop gets a new folder and its log is sealed anew
 * (store_keys_new).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/internal.h"

/* The two triggers that keep the log append-only (schema.sql), as made there. */
#define TRIGGER_NO_UPDATE \
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n" \
	"\tBEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"

/*
 * Seals every record of the log anew under the current key; with check, first
 * requires the chain to hold as it was stored (under key old: NULL for the
 * plain chain). In a transaction. *n set to the number of records.
 */
static int reseal(struct store *s, int check, const unsigned char *old, long *n)
{
	sqlite3_stmt *st;
	const char *f[6];
	char prev[65], was[65], hash[65], *rec;
	struct link { long id; char prev[65], hash[65]; } *links = NULL, *tmp;
	size_t cap = 0, i, k = 0;
	int rc, c;

	*n = 0;
	if ((rc = store_exec_fixed(s, "DROP TRIGGER audit_no_update")) != STORE_OK)
		return rc;
	memcpy(prev, STORE_AUDIT_GENESIS, 65);
	memcpy(was, STORE_AUDIT_GENESIS, 65);
	st = store_sql(s, SQL_AUDIT_CHAIN);
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, 0);
		sqlite3_bind_int(st, 2, -1);
	}
	while ((rc = store_step(s, st)) == 1) {
		for (c = 0; c < 6; c++)
			f[c] = (const char *)sqlite3_column_text(st, c + 1);
		if (k == cap) {
			cap = cap ? 2 * cap : 256;
			if ((tmp = realloc(links, cap * sizeof *links)) == NULL) {
				rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
				break;
			}
			links = tmp;
		}
		if ((rec = store_audit_record_text(f)) == NULL) {
			rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
			break;
		}
		if (check) {
			char want[65];
			const char *had_prev = (const char *)sqlite3_column_text(st, 7);
			const char *had = (const char *)sqlite3_column_text(st, 8);

			s->chain(old, old ? sizeof s->audit_key : 0, was, rec, want);
			if (had_prev == NULL || had == NULL || strcmp(had_prev, was) != 0 ||
			    strcmp(had, want) != 0) {
				free(rec);
				rc = store_fail_msg(STORE_ERR_STATE, "the audit log was altered before this "
				                    "version of Teller sealed it: it stays as it is");
				break;
			}
			memcpy(was, want, 65);
		}
		store_audit_link(s, prev, rec, hash);
		free(rec);
		links[k].id = sqlite3_column_int64(st, 0);
		memcpy(links[k].prev, prev, 65);
		memcpy(links[k].hash, hash, 65);
		memcpy(prev, hash, 65);
		k++;
	}
	store_sql_done(st);
	for (i = 0; rc == 0 && i < k; i++) {
		char id[24];
		const char *v[3] = {links[i].prev, links[i].hash, id};

		snprintf(id, sizeof id, "%ld", links[i].id);
		rc = store_run_text(s, SQL_AUDIT_RELINK, 3, v);
	}
	if (rc == 0)
		rc = store_exec_fixed(s, TRIGGER_NO_UPDATE);
	if (rc == STORE_OK && k > 0) {
		s->anchor_id = links[k - 1].id;
		memcpy(s->anchor_hash, links[k - 1].hash, 65);
	}
	free(links);
	*n = (long)k;
	return rc;
}

/* Moves the private keys out of table secret into the folder (in a transaction). */
static int keys_move_out(struct store *s)
{
	size_t i;
	char *v = NULL;
	int rc = STORE_OK;

	for (i = 0; rc == STORE_OK && i < STORE_PRIVATE_KEYS; i++) {
		size_t len = 0;

		if ((rc = store_secret_get_row(s, store_private_keys[i], &v, &len)) == STORE_ERR_NOT_FOUND) {
			rc = STORE_OK;
			continue;
		}
		if (rc == STORE_OK)
			rc = store_key_put(s, store_private_keys[i], v, len);
		if (v != NULL)
			memset(v, 0, len);
		free(v);
		v = NULL;
	}
	/* secure_delete (store.c) overwrites the rows' bytes; the checkpoint after empties the WAL. */
	return rc == STORE_OK ? store_run(s, store_sql(s, SQL_SECRET_DELETE_PRIVATE)) : rc;
}

int store_keys_upgrade(struct store *s)
{
	long n;
	int rc, made;

	if (s->keys)
		return STORE_OK;
	if ((rc = store_secret_private_count(s, &made)) != STORE_OK || made == 0)
		return rc;   /* no keys in the table: a copy without its folder, opened as it is */
	if ((rc = store_keys_folder_make(s)) != STORE_OK)
		return rc;
	if ((rc = store_tx_begin(s)) == STORE_OK) {
		/* The old plain chain checked, the new links under the new key, in one walk. */
		rc = store_audit_key_new(s);
		if (rc == STORE_OK)
			rc = reseal(s, 1, NULL, &n);
		if (rc == STORE_OK)
			rc = keys_move_out(s);
		rc = store_tx_end(s, rc);
	}
	if (rc != STORE_OK) {
		/* Nothing changed in the database: leave no half-made folder either. */
		store_keys_folder_remove(s);
		return rc;
	}
	store_exec_fixed(s, "PRAGMA wal_checkpoint(TRUNCATE)");
	return STORE_OK;
}

int store_keys_new(struct store *s, long *n)
{
	int rc;

	*n = 0;
	if (s->keys)
		return store_fail_msg(STORE_ERR_STATE, "this database has its keys");
	if ((rc = store_keys_folder_make(s)) != STORE_OK)
		return rc;
	if ((rc = store_audit_key_new(s)) != STORE_OK)
		return rc;
	if ((rc = store_tx_begin(s)) == STORE_OK)
		rc = store_tx_end(s, reseal(s, 0, NULL, n));
	return rc;
}
