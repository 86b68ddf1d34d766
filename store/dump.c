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

#include "base/buf.h"
#include "store/internal.h"

/* Appends every row of st, one a line, its columns separated by '|'. Locked. */
static int dump_rows(struct store *s, sqlite3_stmt *st, struct buf *b)
{
	int rc = 0, i, n;

	while (!b->failed && (rc = store_step(s, st)) == 1) {
		n = sqlite3_column_count(st);
		for (i = 0; i < n; i++) {
			const char *t = (const char *)sqlite3_column_text(st, i);

			buf_puts(b, t != NULL ? t : "NULL");
			buf_putc(b, i + 1 < n ? '|' : '\n');
		}
	}
	store_sql_done(st);
	if (b->failed)
		return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	return rc == 0 ? STORE_OK : rc;
}

int store_dump(struct store *s, char **out)
{
	struct buf b = {0};
	int rc = STORE_OK, q;

	*out = NULL;
	buf_put(&b, NULL, 0); /* "" when every table is empty */
	pthread_mutex_lock(&s->lock);
	for (q = SQL_DUMP_FIRST; q <= SQL_DUMP_LAST && rc == STORE_OK; q++)
		rc = dump_rows(s, store_sql(s, (enum store_sql)q), &b);
	pthread_mutex_unlock(&s->lock);
	if (rc != STORE_OK) {
		buf_free(&b);
		return rc;
	}
	*out = buf_take(&b, NULL);
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
