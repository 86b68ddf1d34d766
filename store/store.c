/*
 * The SQLite store: the connection (opened in open.c), and the
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
	/* s NULL: a failure before there was a store (store_create, store_open). */
	if (last_error[0] != '\0')
		return last_error;
	return s == NULL || s->db == NULL ? "no database" : "no failure recorded";
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
	if (s->after_commit != NULL)
		s->after_commit(s, rc == STORE_OK);
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

int store_exec_fixed(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
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

