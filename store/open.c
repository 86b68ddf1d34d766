/*
 * Opening a database: the connection and its PRAGMAs, the schema of a new one
 * and the migrations of an old one, and the folder beside it (keys.c, seal.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "gen/embedded.h"
#include "store/internal.h"

/* One version step: migration v + 1 and the version it makes. Runs in a transaction. */
static int step_up(struct store *s, long v)
{
	const struct embedded_file *f;
	char path[64], sql[64];
	int rc;

	snprintf(path, sizeof path, "store/migrations/%03ld.sql", v + 1);
	if ((f = embedded_find(path)) == NULL)
		return store_fail_msg(STORE_ERR_IO, "a migration is missing from this build");
	if ((rc = store_exec_fixed(s, (const char *)f->data)) != STORE_OK)
		return rc;
	/* PRAGMA takes no bound parameters; v is our own number. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %ld", v + 1);
	return store_exec_fixed(s, sql);
}

/* Brings an opened database up to STORE_SCHEMA_VERSION, one transaction per step. */
static int migrate(struct store *s)
{
	long long v;
	int rc;

	if (store_one_int(s, store_sql(s, SQL_USER_VERSION), &v) != STORE_OK)
		return STORE_ERR_NOT_TELLER;
	if (v > STORE_SCHEMA_VERSION)
		return STORE_ERR_VERSION;
	if (v < 1)
		return STORE_ERR_NOT_TELLER;
	for (rc = STORE_OK; rc == STORE_OK && v < STORE_SCHEMA_VERSION; v++)
		if ((rc = store_tx_begin(s)) == STORE_OK)
			rc = store_tx_end(s, step_up(s, (long)v));
	return rc;
}

static int db_connect(const char *path, int flags, store_chain_fn chain, struct store **out)
{
	struct store *s;

	*out = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return STORE_ERR_NOMEM;
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->anchor_lock, NULL);
	pthread_cond_init(&s->anchor_wake, NULL);
	s->chain = chain;
	s->after_commit = store_anchor_flush;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		store_close(s);
		return STORE_ERR_IO;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 0);
	if (store_exec_fixed(s, "PRAGMA foreign_keys = ON") != STORE_OK ||
	    store_exec_fixed(s, "PRAGMA journal_mode = WAL") != STORE_OK ||
	    store_exec_fixed(s, "PRAGMA synchronous = FULL") != STORE_OK ||
	    /* Deleted rows' bytes overwritten (keys moved out of an old database, keys.c). */
	    store_exec_fixed(s, "PRAGMA secure_delete = ON") != STORE_OK) {
		store_close(s);
		return STORE_ERR_NOT_TELLER;
	}
	*out = s;
	return STORE_OK;
}

/*
 * A new database is version 1 (schema.sql) brought up by every migration in
 * order, in one transaction: the same steps an old database takes, so a new
 * one and a migrated one are alike (tests/test_store.c compares them).
 */
int store_create(const char *path, store_chain_fn chain, struct store **out)
{
	const struct embedded_file *schema = embedded_find("store/schema.sql");
	struct store *s;
	long v;
	int fd, rc;

	*out = NULL;
	/* O_EXCL: never overwrite an existing database, not even an empty file. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? STORE_ERR_EXISTS : STORE_ERR_IO;
	close(fd);
	if ((rc = db_connect(path, SQLITE_OPEN_READWRITE, chain, &s)) != STORE_OK) {
		unlink(path);
		return rc;
	}
	if ((rc = store_keys_open(s, path, 1)) != STORE_OK) {
		store_close(s);
		unlink(path);
		return rc;
	}
	if ((rc = store_tx_begin(s)) == STORE_OK) {
		rc = schema ? store_exec_fixed(s, (const char *)schema->data) : STORE_ERR_IO;
		for (v = 0; rc == STORE_OK && v < STORE_SCHEMA_VERSION; v++)
			rc = v == 0 ? store_exec_fixed(s, "PRAGMA user_version = 1") : step_up(s, v);
		rc = store_tx_end(s, rc);
	}
	if (rc != STORE_OK) {
		store_close(s);
		unlink(path);
		return rc;
	}
	*out = s;
	return STORE_OK;
}

int store_open(const char *path, store_chain_fn chain, struct store **out)
{
	struct store *s;
	int rc;

	*out = NULL;
	if (access(path, F_OK) != 0)
		return STORE_ERR_NOT_FOUND;
	if ((rc = db_connect(path, SQLITE_OPEN_READWRITE, chain, &s)) != STORE_OK)
		return rc;
	if ((rc = migrate(s)) != STORE_OK || (rc = store_keys_open(s, path, 0)) != STORE_OK ||
	    (rc = store_keys_upgrade(s)) != STORE_OK) {
		store_close(s);
		return rc;
	}
	*out = s;
	return STORE_OK;
}

void store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	/* The last committed record anchored before the connection goes. */
	store_anchor_stop(s);
	for (i = 0; i < SQL__MAX; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db != NULL)
		sqlite3_close(s->db);
	store_shape_free(s);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->anchor_lock);
	pthread_cond_destroy(&s->anchor_wake);
	free(s->keydir);
	memset(s->audit_key, 0, sizeof s->audit_key);
	free(s);
}
