/*
 * Settings of the installation (table meta: municipality, contest, the count's
 * export moment, the entries' revision counter) and secrets (keys).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_meta_set(struct store *s, const char *key, const char *value)
{
	const char *v[] = {key, value};
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_run_text(s, SQL_META_SET, 2, v);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* One value of a statement whose only parameter is a text: a row's first column. */
static int get_one(struct store *s, enum store_sql id, const char *key, char *buf, size_t size)
{
	sqlite3_stmt *st = store_sql(s, id);
	int rc;

	if (st != NULL)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if ((rc = store_step(s, st)) == 1)
		store_col_copy(st, 0, buf, size);
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}

int store_meta_get_locked(struct store *s, const char *key, char *buf, size_t size)
{
	return get_one(s, SQL_META_GET, key, buf, size);
}

int store_meta_get_or_locked(struct store *s, const char *key, char *buf, size_t size,
                            const char *def)
{
	int rc = store_meta_get_locked(s, key, buf, size);

	if (rc == STORE_ERR_NOT_FOUND)
		snprintf(buf, size, "%s", def);
	return rc == STORE_ERR_NOT_FOUND ? STORE_OK : rc;
}

int store_meta_get(struct store *s, const char *key, char *buf, size_t size)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_meta_get_locked(s, key, buf, size);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_count_finished_locked(struct store *s)
{
	char at[32];
	int rc = get_one(s, SQL_META_GET, "count_exported_at", at, sizeof at);

	return rc == STORE_OK ? 1 : rc == STORE_ERR_NOT_FOUND ? 0 : -1;
}

int store_count_finished(struct store *s)
{
	int yes;

	pthread_mutex_lock(&s->lock);
	yes = store_count_finished_locked(s);
	pthread_mutex_unlock(&s->lock);
	return yes;
}

int store_secret_set(struct store *s, const char *name, const void *value, size_t len)
{
	sqlite3_stmt *st;
	int rc;

	pthread_mutex_lock(&s->lock);
	if (store_key_is_private(name)) {
		/* Never into the table: a private key stays beside the database (keys.c). */
		rc = store_key_put(s, name, value, len);
		pthread_mutex_unlock(&s->lock);
		return rc;
	}
	if ((st = store_sql(s, SQL_SECRET_SET)) != NULL) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, value, (int)len, SQLITE_STATIC);
	}
	rc = store_run(s, st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_secret_private_count(struct store *s, int *n)
{
	long long v = 0;
	int rc = store_one_int(s, store_sql(s, SQL_SECRET_PRIVATE_COUNT), &v);

	*n = (int)v;
	return rc;
}

int store_secret_get_locked(struct store *s, const char *name, char **out, size_t *len)
{
	if (store_key_is_private(name))
		return store_key_get(s, name, out, len);
	return store_secret_get_row(s, name, out, len);
}

int store_secret_get_row(struct store *s, const char *name, char **out, size_t *len)
{
	sqlite3_stmt *st = store_sql(s, SQL_SECRET_GET);
	int rc, n;

	*out = NULL;
	if (st != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = store_step(s, st)) == 1) {
		n = sqlite3_column_bytes(st, 0);
		if ((*out = malloc((size_t)n + 1)) == NULL) {
			rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
		} else {
			if (n > 0)
				memcpy(*out, sqlite3_column_blob(st, 0), (size_t)n);
			(*out)[n] = '\0';
			if (len != NULL)
				*len = (size_t)n;
		}
	}
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}

int store_secret_get(struct store *s, const char *name, char **out, size_t *len)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_secret_get_locked(s, name, out, len);
	pthread_mutex_unlock(&s->lock);
	return rc;
}
