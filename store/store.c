/*
 * The SQLite store: the connection, its schema and migrations, and the
 * plumbing every file of store/ shares (statements prepared once, write and
 * read transactions, the error convention). Every statement is prepared with
 * bound values; writes run in BEGIN IMMEDIATE and include their audit record;
 * the connection is used by one thread at a time (Debian's SQLite 3.40 has a
 * WAL bug with several writers, so there is one connection and a mutex).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/date.h"
#include "gen/embedded.h"
#include "store/internal.h"

static const char *const errors[] = {
	[0] = "success",
	[1] = "database failure",
	[2] = "already exists",
	[3] = "not found",
	[4] = "not allowed in the present state",
	[5] = "the database was made by a newer version of Teller",
	[6] = "out of memory",
	[7] = "not a Teller database",
	[8] = "written from an old copy: newer work is stored",
	[9] = "the data does not fit the database",
};

/* The cause of this thread's last failure: what a caller logs after an error. */
static _Thread_local char last_error[256];

const char *store_strerror(int err)
{
	if (err > 0 || err <= STORE_ERR__MIN)
		return "unknown error";
	return errors[-err];
}

const char *store_last_error(struct store *s)
{
	if (s == NULL || s->db == NULL)
		return "no database";
	return last_error[0] != '\0' ? last_error : "no failure recorded";
}

int store_fail_msg(int err, const char *msg)
{
	snprintf(last_error, sizeof last_error, "%s", msg);
	return err;
}

int store_fail(struct store *s, int rc)
{
	int ext = sqlite3_extended_errcode(s->db);

	store_fail_msg(STORE_ERR_IO, sqlite3_errmsg(s->db));
	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return STORE_ERR_EXISTS;
	if (ext == SQLITE_CONSTRAINT_CHECK || ext == SQLITE_CONSTRAINT_NOTNULL ||
	    ext == SQLITE_CONSTRAINT_FOREIGNKEY)
		return STORE_ERR_INVALID;
	return rc == SQLITE_NOMEM ? STORE_ERR_NOMEM : STORE_ERR_IO;
}

sqlite3_stmt *store_sql(struct store *s, enum store_sql id)
{
	sqlite3_stmt *st = s->stmt[id];

	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, store_sql_text[id], -1, SQLITE_PREPARE_PERSISTENT,
		                       &st, NULL) != SQLITE_OK) {
			store_fail(s, SQLITE_ERROR);
			sqlite3_finalize(st);
			return NULL;
		}
		s->stmt[id] = st;
	}
	store_sql_done(st);
	return st;
}

void store_sql_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int store_step(struct store *s, sqlite3_stmt *st)
{
	int rc;

	if (st == NULL)
		return STORE_ERR_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	rc = store_fail(s, rc);
	sqlite3_reset(st);
	return rc;
}

int store_run(struct store *s, sqlite3_stmt *st)
{
	int rc;

	while ((rc = store_step(s, st)) == 1)
		;
	store_sql_done(st);
	return rc;
}

int store_run_text(struct store *s, enum store_sql id, int n, const char *const *v)
{
	sqlite3_stmt *st = store_sql(s, id);
	int i;

	for (i = 0; st != NULL && i < n; i++)
		sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
	return store_run(s, st);
}

int store_one_int(struct store *s, sqlite3_stmt *st, long long *out)
{
	int rc = store_step(s, st);

	if (rc == 1)
		*out = sqlite3_column_int64(st, 0);
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}

/* Takes the lock and begins a transaction (statement id); on failure lets go of the lock. */
static int begin(struct store *s, enum store_sql id)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_run(s, store_sql(s, id))) != STORE_OK)
		pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_tx_begin(struct store *s)
{
	return begin(s, SQL_BEGIN);
}

int store_tx_end(struct store *s, int rc)
{
	if (rc == STORE_OK)
		rc = store_run(s, store_sql(s, SQL_COMMIT));
	/* After a failed COMMIT the transaction may still be open: end it. */
	if (!sqlite3_get_autocommit(s->db))
		store_run(s, store_sql(s, SQL_ROLLBACK));
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_read_begin(struct store *s)
{
	return begin(s, SQL_BEGIN_READ);
}

int store_read_end(struct store *s)
{
	return store_tx_end(s, STORE_OK);
}

void store_now(char out[32])
{
	_Static_assert(DATE_ISO_SIZE == 32, "store_now's callers give 32 bytes");
	date_now_utc(out);
}

int store_collect(struct store *s, sqlite3_stmt *st, size_t elsize,
                  void (*row)(sqlite3_stmt *st, void *elem), void **out, size_t *n)
{
	unsigned char *r = NULL, *tmp;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = store_step(s, st)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			if (cap > SIZE_MAX / elsize || (tmp = realloc(r, cap * elsize)) == NULL) {
				rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
				break;
			}
			r = tmp;
		}
		memset(r + *n * elsize, 0, elsize);
		row(st, r + *n * elsize);
		(*n)++;
	}
	store_sql_done(st);
	if (rc != 0) {
		free(r);
		*n = 0;
		return rc;
	}
	*out = r;
	return STORE_OK;
}

int store_list(struct store *s, enum store_sql id, size_t elsize,
               void (*row)(sqlite3_stmt *st, void *elem), void **out, size_t *n)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_collect(s, store_sql(s, id), elsize, row, out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

long long store_col_int_or(sqlite3_stmt *st, int col, long long null_value)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? null_value : sqlite3_column_int64(st, col);
}

void store_col_copy(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(buf, size, "%s", t ? (const char *)t : "");
}

/* Runs fixed SQL text (the schema, a migration, a PRAGMA; never built from input). */
static int exec_fixed(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* One version step: migration v + 1 and the version it makes. Runs in a transaction. */
static int step_up(struct store *s, long v)
{
	const struct embedded_file *f;
	char path[64], sql[64];
	int rc;

	snprintf(path, sizeof path, "store/migrations/%03ld.sql", v + 1);
	if ((f = embedded_find(path)) == NULL)
		return store_fail_msg(STORE_ERR_IO, "a migration is missing from this build");
	if ((rc = exec_fixed(s, (const char *)f->data)) != STORE_OK)
		return rc;
	/* PRAGMA takes no bound parameters; v is our own number. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %ld", v + 1);
	return exec_fixed(s, sql);
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
	s->chain = chain;
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		store_close(s);
		return STORE_ERR_IO;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 0);
	if (exec_fixed(s, "PRAGMA foreign_keys = ON") != STORE_OK ||
	    exec_fixed(s, "PRAGMA journal_mode = WAL") != STORE_OK ||
	    exec_fixed(s, "PRAGMA synchronous = FULL") != STORE_OK) {
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
	if ((rc = store_tx_begin(s)) == STORE_OK) {
		rc = schema ? exec_fixed(s, (const char *)schema->data) : STORE_ERR_IO;
		for (v = 0; rc == STORE_OK && v < STORE_SCHEMA_VERSION; v++)
			rc = v == 0 ? exec_fixed(s, "PRAGMA user_version = 1") : step_up(s, v);
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
	if ((rc = migrate(s)) != STORE_OK) {
		store_close(s);
		return rc;
	}
	*out = s;
	return STORE_OK;
}

/* The cached form shapes (store/form.c), freed with the store. */
void store_shape_free_one(struct store_shape *sh)
{
	tally_lists_free(sh->lists, sh->n);
	free(sh);
}

void store_shape_free(struct store *s)
{
	struct store_shape *sh, *older;

	for (sh = s->shape; sh != NULL; sh = older) {
		older = sh->older;
		store_shape_free_one(sh);
	}
	s->shape = NULL;
	s->shape_valid = 0;
}

void store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < SQL__MAX; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db != NULL)
		sqlite3_close(s->db);
	store_shape_free(s);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
