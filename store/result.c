/*
 * What the result is made from besides the count (tables of schema v5): the
 * lots the committee drew, in the order drawn, the candidates who died
 * before the result was determined, and a municipality's 510b imported by a
 * central electoral committee that did not count itself. Only rows here:
 * whether a lot fits the tie it is drawn for decides tally/ (act/result.c asks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static void pair_row(sqlite3_stmt *st, void *elem)
{
	struct store_result_pair *p = elem;

	p->list = sqlite3_column_int(st, 0);
	p->candidate = sqlite3_column_int(st, 1);
}

int store_result_lots_locked(struct store *s, struct store_result_pair **out, size_t *n)
{
	return store_collect(s, store_sql(s, SQL_LOTS_GET), sizeof **out, pair_row, (void **)out, n);
}

int store_result_deceased_locked(struct store *s, struct store_result_pair **out, size_t *n)
{
	return store_collect(s, store_sql(s, SQL_DECEASED_GET), sizeof **out, pair_row,
	                     (void **)out, n);
}

int store_result_changed_locked(struct store *s, char out[32])
{
	sqlite3_stmt *st = store_sql(s, SQL_RESULT_CHANGED);
	int rc;

	out[0] = '\0';
	if ((rc = store_step(s, st)) == 1)
		store_col_copy(st, 0, out, 32);
	store_sql_done(st);
	return rc < 0 ? rc : STORE_OK;
}

/* Whether the 230b holds candidate position of list: STORE_OK, NOT_FOUND or a failure. */
static int candidate_exists(struct store *s, int list, int position)
{
	sqlite3_stmt *st = store_sql(s, SQL_CANDIDATE_EXISTS);
	long long n = 0;

	if (st == NULL)
		return STORE_ERR_IO;
	sqlite3_bind_int(st, 1, list);
	sqlite3_bind_int(st, 2, position);
	if (store_one_int(s, st, &n) != STORE_OK)
		return STORE_ERR_IO;
	return n > 0 ? STORE_OK : STORE_ERR_NOT_FOUND;
}

/* Inserts a row of lots or deceased (id) with its audit record, in one transaction. */
static int pair_add(struct store *s, enum store_sql id, const char *action,
                    const struct store_result_pair *p, const struct store_actor *who)
{
	sqlite3_stmt *st;
	char at[32], detail[96];
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if (p->candidate > 0 && (rc = candidate_exists(s, p->list, p->candidate)) != STORE_OK)
		goto done;
	store_now(at);
	if ((st = store_sql(s, id)) == NULL) {
		rc = STORE_ERR_IO;
		goto done;
	}
	sqlite3_bind_int(st, 1, p->list);
	sqlite3_bind_int(st, 2, p->candidate);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, who->name, -1, SQLITE_TRANSIENT);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	if (p->candidate > 0)
		snprintf(detail, sizeof detail, "list=%d candidate=%d", p->list, p->candidate);
	else
		snprintf(detail, sizeof detail, "list=%d", p->list);
	rc = store_audit_locked(s, who, action, detail);
done:
	return store_tx_end(s, rc);
}

int store_result_lot_add(struct store *s, const struct store_result_pair *lot,
                         const struct store_actor *who)
{
	return pair_add(s, SQL_LOT_INSERT, "result_lot", lot, who);
}

int store_result_deceased_add(struct store *s, const struct store_result_pair *c,
                              const struct store_actor *who)
{
	if (c->candidate <= 0)
		return STORE_ERR_INVALID;
	return pair_add(s, SQL_DECEASED_INSERT, "result_deceased", c, who);
}

int store_result_lots_withdraw_locked(struct store *s, const char *at)
{
	const char *v[] = {at};

	return store_run_text(s, SQL_LOTS_WITHDRAW, 1, v);
}

int store_count_file_import(struct store *s, const struct store_file *f,
                            const struct store_actor *who)
{
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	rc = store_import_record_locked(s, f, who);
	return store_tx_end(s, rc);
}

int store_count_file_get_locked(struct store *s, struct store_count_file *out)
{
	sqlite3_stmt *st = store_sql(s, SQL_COUNT_FILE_GET);
	const void *b;
	int rc, n;

	memset(out, 0, sizeof *out);
	if ((rc = store_step(s, st)) == 1) {
		store_col_copy(st, 0, out->name, sizeof out->name);
		b = sqlite3_column_blob(st, 1);
		n = sqlite3_column_bytes(st, 1);
		store_col_copy(st, 2, out->sha256_hex, sizeof out->sha256_hex);
		store_col_copy(st, 3, out->imported_at, sizeof out->imported_at);
		if (n > 0 && (out->bytes = malloc((size_t)n)) == NULL)
			rc = STORE_ERR_NOMEM;
		else if (n > 0) {
			memcpy(out->bytes, b, (size_t)n);
			out->len = (size_t)n;
		}
	}
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}
