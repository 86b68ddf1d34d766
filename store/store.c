/*
 * The SQLite store. Every statement is prepared with bound values; writes run
 * in BEGIN IMMEDIATE and include their audit record; the connection is used
 * by one thread at a time (Debian's SQLite 3.40 has a WAL bug with several
 * writers, so there is one connection and a mutex).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

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
};

const char *store_strerror(int err)
{
	if (err > 0 || err <= STORE_ERR__MIN)
		return "unknown error";
	return errors[-err];
}

const char *store_last_error(struct store *s)
{
	return s != NULL && s->db != NULL ? sqlite3_errmsg(s->db) : "no database";
}

/* Runs fixed SQL text (never built from input). */
int store_exec_fixed(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? STORE_OK : STORE_ERR_IO;
}

int store_begin(struct store *s)
{
	return store_exec_fixed(s, "BEGIN IMMEDIATE");
}

/* Commits when rc is STORE_OK, else rolls back; returns rc (or the commit's failure). */
int store_finish(struct store *s, int rc)
{
	if (rc == STORE_OK && store_exec_fixed(s, "COMMIT") == STORE_OK)
		return STORE_OK;
	store_exec_fixed(s, "ROLLBACK");
	return rc == STORE_OK ? STORE_ERR_IO : rc;
}

int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK ? STORE_OK : STORE_ERR_IO;
}

/* Binds text values 1..n (NULL pointers bind as SQL NULL) and steps to DONE. */
int store_run_text(struct store *s, const char *sql, int n, const char *const *v)
{
	sqlite3_stmt *st;
	int i, rc;

	if (store_prepare(s, sql, &st) != STORE_OK)
		return STORE_ERR_IO;
	for (i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return STORE_ERR_EXISTS;
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
}

void store_now(char out[32])
{
	struct timespec ts;
	struct tm tm;
	char base[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 32, "%.19s.%03dZ", base, (int)(ts.tv_nsec / 1000000L) % 1000);
}

/* Appends an audit record; must run inside a transaction. */
int store_audit_locked(struct store *s, const struct store_actor *who, const char *action,
                        const char *detail)
{
	static const char zero[65] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	char prev[65], hash[65], at[32], *rec;
	sqlite3_stmt *st;
	size_t len;
	int rc;

	if (store_prepare(s, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", &st) != STORE_OK)
		return STORE_ERR_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 64)
		memcpy(prev, sqlite3_column_text(st, 0), 65);
	else
		memcpy(prev, zero, 65);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return STORE_ERR_IO;

	store_now(at);
	len = strlen(at) + strlen(who->name) + strlen(who->role) + strlen(who->address) +
	      strlen(action) + strlen(detail) + 8;
	if ((rec = malloc(len)) == NULL)
		return STORE_ERR_NOMEM;
	/* The record as hashed: its fields separated by a unit separator. */
	snprintf(rec, len, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", at, who->name, who->role,
	         who->address, action, detail);
	s->chain(prev, rec, hash);
	free(rec);
	{
		const char *v[] = {at, who->name, who->role, who->address, action, detail, prev, hash};

		return store_run_text(s, "INSERT INTO audit (at, actor, role, address, action, detail, "
		                   "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)", 8, v);
	}
}

int store_audit(struct store *s, const struct store_actor *who, const char *action,
                const char *detail)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_begin(s);
	if (rc == STORE_OK)
		rc = store_finish(s, store_audit_locked(s, who, action, detail));
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_audit_verify(struct store *s, long *bad_id)
{
	static const char zero[65] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	char prev[65], hash[65], *rec = NULL;
	sqlite3_stmt *st;
	int rc = STORE_OK, step;
	size_t cap = 0, len;
	const char *f[6];
	int i;

	*bad_id = -1;
	memcpy(prev, zero, 65);
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT id, at, actor, role, address, action, detail, prev_hash, hash "
	               "FROM audit ORDER BY id", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		len = 8;
		for (i = 0; i < 6; i++) {
			f[i] = (const char *)sqlite3_column_text(st, i + 1);
			len += f[i] ? strlen(f[i]) : 0;
		}
		if (len > cap) {
			free(rec);
			cap = len * 2;
			if ((rec = malloc(cap)) == NULL) {
				rc = STORE_ERR_NOMEM;
				break;
			}
		}
		snprintf(rec, cap, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", f[0], f[1], f[2], f[3], f[4], f[5]);
		s->chain(prev, rec, hash);
		if (sqlite3_column_text(st, 7) == NULL || sqlite3_column_text(st, 8) == NULL ||
		    strcmp((const char *)sqlite3_column_text(st, 7), prev) != 0 ||
		    strcmp((const char *)sqlite3_column_text(st, 8), hash) != 0) {
			*bad_id = sqlite3_column_int64(st, 0);
			rc = STORE_ERR_STATE;
			break;
		}
		memcpy(prev, hash, 65);
	}
	if (rc == STORE_OK && step != SQLITE_DONE)
		rc = STORE_ERR_IO;
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	free(rec);
	return rc;
}

static long count_query(struct store *s, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	long n = -1;

	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, sql, &st) == STORE_OK) {
		if (arg != NULL)
			sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return n;
}

int store_audit_each(struct store *s, int (*fn)(void *arg, const struct store_audit_row *row),
                     void *arg)
{
	struct store_audit_row row;
	sqlite3_stmt *st;

	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT id, at, actor, role, address, action, detail, hash FROM audit "
	                     "ORDER BY id", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		row.id = sqlite3_column_int64(st, 0);
		store_col_copy(st, 1, row.at, sizeof row.at);
		store_col_copy(st, 2, row.actor, sizeof row.actor);
		store_col_copy(st, 3, row.role, sizeof row.role);
		store_col_copy(st, 4, row.address, sizeof row.address);
		store_col_copy(st, 5, row.action, sizeof row.action);
		store_col_copy(st, 6, row.detail, sizeof row.detail);
		store_col_copy(st, 7, row.hash, sizeof row.hash);
		if (fn(arg, &row) != 0)
			break;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return STORE_OK;
}

long store_lists_count(struct store *s)
{
	return count_query(s, "SELECT count(*) FROM list", NULL);
}

long store_audit_count(struct store *s)
{
	return count_query(s, "SELECT count(*) FROM audit", NULL);
}

static int get_version(struct store *s, long *v)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	if (store_prepare(s, "PRAGMA user_version", &st) != STORE_OK)
		return STORE_ERR_IO;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

static int set_version(struct store *s, long v)
{
	char sql[64];

	/* PRAGMA takes no bound parameters; v is our own constant. */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %ld", v);
	return store_exec_fixed(s, sql);
}

static int migrate(struct store *s)
{
	const struct embedded_file *f;
	char path[64];
	long v;
	int rc;

	if (get_version(s, &v) != STORE_OK)
		return STORE_ERR_NOT_TELLER;
	if (v > STORE_SCHEMA_VERSION)
		return STORE_ERR_VERSION;
	if (v < 1)
		return STORE_ERR_NOT_TELLER;
	while (v < STORE_SCHEMA_VERSION) {
		snprintf(path, sizeof path, "store/migrations/%03ld.sql", v + 1);
		if ((f = embedded_find(path)) == NULL)
			return STORE_ERR_IO;
		if ((rc = store_begin(s)) != STORE_OK)
			return rc;
		rc = store_exec_fixed(s, (const char *)f->data);
		if (rc == STORE_OK)
			rc = set_version(s, v + 1);
		if ((rc = store_finish(s, rc)) != STORE_OK)
			return rc;
		v++;
	}
	return STORE_OK;
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
	if (store_exec_fixed(s, "PRAGMA foreign_keys = ON") != STORE_OK ||
	    store_exec_fixed(s, "PRAGMA journal_mode = WAL") != STORE_OK ||
	    store_exec_fixed(s, "PRAGMA synchronous = FULL") != STORE_OK) {
		store_close(s);
		return STORE_ERR_NOT_TELLER;
	}
	*out = s;
	return STORE_OK;
}

int store_create(const char *path, store_chain_fn chain, struct store **out)
{
	const struct embedded_file *schema = embedded_find("store/schema.sql");
	struct store *s;
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
	rc = store_begin(s);
	if (rc == STORE_OK) {
		rc = schema ? store_exec_fixed(s, (const char *)schema->data) : STORE_ERR_IO;
		if (rc == STORE_OK)
			rc = set_version(s, STORE_SCHEMA_VERSION);
		rc = store_finish(s, rc);
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

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->db != NULL)
		sqlite3_close(s->db);
	store_shape_invalidate(s);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

int store_meta_set(struct store *s, const char *key, const char *value)
{
	const char *v[] = {key, value};
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_run_text(s, "INSERT INTO meta (key, value) VALUES (?, ?) "
	                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", 2, v);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_meta_get(struct store *s, const char *key, char *buf, size_t size)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND;

	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT value FROM meta WHERE key = ?", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_secret_set(struct store *s, const char *name, const void *value, size_t len)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "INSERT INTO secret (name, value) VALUES (?, ?) "
	               "ON CONFLICT (name) DO UPDATE SET value = excluded.value", &st) == STORE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, value, (int)len, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_secret_get(struct store *s, const char *name, char **out, size_t *len)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND, n;

	*out = NULL;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT value FROM secret WHERE name = ?", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_bytes(st, 0);
		if ((*out = malloc((size_t)n + 1)) == NULL) {
			rc = STORE_ERR_NOMEM;
		} else {
			if (n > 0)
				memcpy(*out, sqlite3_column_blob(st, 0), (size_t)n);
			(*out)[n] = '\0';
			if (len != NULL)
				*len = (size_t)n;
			rc = STORE_OK;
		}
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_collect(sqlite3_stmt *st, size_t elsize, void (*row)(sqlite3_stmt *st, void *elem),
                  void **out, size_t *n)
{
	unsigned char *r = NULL, *tmp;
	size_t cap = 0;
	int rc = STORE_OK;

	*out = NULL;
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			if (cap > SIZE_MAX / elsize || (tmp = realloc(r, cap * elsize)) == NULL) {
				rc = STORE_ERR_NOMEM;
				break;
			}
			r = tmp;
		}
		memset(r + *n * elsize, 0, elsize);
		row(st, r + *n * elsize);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != STORE_OK) {
		free(r);
		*n = 0;
		return rc;
	}
	*out = r;
	return STORE_OK;
}

void store_col_copy(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(buf, size, "%s", t ? (const char *)t : "");
}

/* Appends text to a growing buffer; -1 on allocation failure. */
static int buf_add(char **buf, size_t *len, size_t *cap, const char *text, size_t n)
{
	char *tmp;

	if (*len + n + 1 > *cap) {
		size_t want = (*cap ? *cap : 4096);

		while (want < *len + n + 1)
			want *= 2;
		if ((tmp = realloc(*buf, want)) == NULL)
			return -1;
		*buf = tmp;
		*cap = want;
	}
	memcpy(*buf + *len, text, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

int store_dump(struct store *s, char **out)
{
	static const char *const queries[] = {
		"SELECT 'meta', key, value FROM meta ORDER BY key",
		"SELECT 'secret', name, length(value) FROM secret ORDER BY name",
		"SELECT 'election', * FROM election",
		"SELECT 'region', * FROM region ORDER BY category, number",
		"SELECT 'station', * FROM station ORDER BY number",
		"SELECT 'list', * FROM list ORDER BY number",
		"SELECT 'candidate', * FROM candidate ORDER BY list_number, position",
		"SELECT 'import', id, kind, file_name, sha256, hash_checked, length(bytes), imported_by "
		"FROM import ORDER BY id",
		"SELECT 'account', id, name, role, must_change, disabled FROM account ORDER BY id",
		"SELECT 'costs_settings', * FROM costs_settings",
		"SELECT 'costs_line', id, kind, person, date, from_min, to_min, activity, km, count, days, "
		"amount, description FROM costs_line ORDER BY id",
		"SELECT 'audit', id, actor, role, address, action, detail, hash FROM audit ORDER BY id",
	};
	char *buf = NULL;
	size_t len = 0, cap = 0, q;
	sqlite3_stmt *st;
	int rc = STORE_OK, i, n;

	*out = NULL;
	pthread_mutex_lock(&s->lock);
	for (q = 0; q < sizeof queries / sizeof queries[0] && rc == STORE_OK; q++) {
		if (store_prepare(s, queries[q], &st) != STORE_OK) {
			rc = STORE_ERR_IO;
			break;
		}
		while (rc == STORE_OK && sqlite3_step(st) == SQLITE_ROW) {
			n = sqlite3_column_count(st);
			for (i = 0; i < n && rc == STORE_OK; i++) {
				const char *t = (const char *)sqlite3_column_text(st, i);

				if (t == NULL)
					t = "NULL";
				if (buf_add(&buf, &len, &cap, t, strlen(t)) != 0 ||
				    buf_add(&buf, &len, &cap, i + 1 < n ? "|" : "\n", 1) != 0)
					rc = STORE_ERR_NOMEM;
			}
		}
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	if (rc != STORE_OK) {
		free(buf);
		return rc;
	}
	if (buf == NULL && (buf = calloc(1, 1)) == NULL)
		return STORE_ERR_NOMEM;
	*out = buf;
	return STORE_OK;
}

int store_backup(struct store *s, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st;
	int fd, rc = STORE_ERR_IO;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? STORE_ERR_EXISTS : STORE_ERR_IO;
	close(fd);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto out;
	pthread_mutex_lock(&s->lock);
	b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (b != NULL) {
		sqlite3_backup_step(b, -1);
		rc = sqlite3_backup_finish(b) == SQLITE_OK ? STORE_OK : STORE_ERR_IO;
	}
	pthread_mutex_unlock(&s->lock);
	if (rc == STORE_OK) {
		rc = STORE_ERR_IO;
		if (sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW &&
			    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)
				rc = STORE_OK;
			sqlite3_finalize(st);
		}
	}
out:
	if (dst != NULL)
		sqlite3_close(dst);
	if (rc != STORE_OK)
		unlink(path);
	return rc;
}
