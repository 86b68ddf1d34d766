/*
 * The whole database at once: a text dump of every table (for tests and
 * support) and the online backup to a new file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/internal.h"

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

/* Appends every row of st, one a line, its columns separated by '|'. Locked. */
static int dump_rows(struct store *s, sqlite3_stmt *st, char **buf, size_t *len, size_t *cap)
{
	int rc, i, n;

	while ((rc = store_step(s, st)) == 1) {
		n = sqlite3_column_count(st);
		for (i = 0; i < n && rc == 1; i++) {
			const char *t = (const char *)sqlite3_column_text(st, i);

			if (t == NULL)
				t = "NULL";
			if (buf_add(buf, len, cap, t, strlen(t)) != 0 ||
			    buf_add(buf, len, cap, i + 1 < n ? "|" : "\n", 1) != 0)
				rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
		}
		if (rc != 1)
			break;
	}
	store_sql_done(st);
	return rc == 0 ? STORE_OK : rc;
}

int store_dump(struct store *s, char **out)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = STORE_OK, q;

	*out = NULL;
	pthread_mutex_lock(&s->lock);
	for (q = SQL_DUMP_FIRST; q <= SQL_DUMP_LAST && rc == STORE_OK; q++)
		rc = dump_rows(s, store_sql(s, (enum store_sql)q), &buf, &len, &cap);
	pthread_mutex_unlock(&s->lock);
	if (rc == STORE_OK && buf == NULL && (buf = calloc(1, 1)) == NULL)
		rc = STORE_ERR_NOMEM;
	if (rc != STORE_OK) {
		free(buf);
		return rc;
	}
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
	/* The copy's check runs on the copy's own connection: SQL text run once. */
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
	if (rc != STORE_OK)
		store_fail_msg(rc, dst != NULL ? sqlite3_errmsg(dst) : "cannot make the copy");
	if (dst != NULL)
		sqlite3_close(dst);
	if (rc != STORE_OK)
		unlink(path);
	return rc;
}
