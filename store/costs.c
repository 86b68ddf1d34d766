/* The store's part of hours and costs: rows only; the rules are in costs/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_costs_settings_get(struct store *s, struct store_cost_settings *o)
{
	sqlite3_stmt *st;
	int rc;

	memset(o, 0, sizeof *o);
	pthread_mutex_lock(&s->lock);
	st = store_sql(s, SQL_COSTS_SETTINGS_GET);
	if ((rc = store_step(s, st)) == 1) {
		o->hourly = sqlite3_column_int64(st, 0);
		o->laptop_day = sqlite3_column_int64(st, 1);
		o->per_km = sqlite3_column_int64(st, 2);
		o->vat_bp = sqlite3_column_int(st, 3);
		o->rates_set = sqlite3_column_int(st, 4);
		store_col_copy(st, 5, o->provider_name, sizeof o->provider_name);
		store_col_copy(st, 6, o->provider_address, sizeof o->provider_address);
		store_col_copy(st, 7, o->invoice_number, sizeof o->invoice_number);
		store_col_copy(st, 8, o->invoice_date, sizeof o->invoice_date);
		store_col_copy(st, 9, o->provider_kvk, sizeof o->provider_kvk);
		store_col_copy(st, 10, o->provider_vat, sizeof o->provider_vat);
		store_col_copy(st, 11, o->provider_iban, sizeof o->provider_iban);
	}
	store_sql_done(st);
	pthread_mutex_unlock(&s->lock);
	/* No row yet: the settings are all zero and empty. */
	return rc >= 0 ? STORE_OK : rc;
}

int store_costs_settings_set(struct store *s, const struct store_cost_settings *in,
                             const struct store_actor *who)
{
	sqlite3_stmt *st;
	char detail[512];
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_COSTS_SETTINGS_PUT);
	sqlite3_bind_int64(st, 1, in->hourly);
	sqlite3_bind_int64(st, 2, in->laptop_day);
	sqlite3_bind_int64(st, 3, in->per_km);
	sqlite3_bind_int(st, 4, in->vat_bp);
	sqlite3_bind_int(st, 5, in->rates_set ? 1 : 0);
	sqlite3_bind_text(st, 6, in->provider_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, in->provider_address, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, in->invoice_number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, in->invoice_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, in->provider_kvk, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, in->provider_vat, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, in->provider_iban, -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) == STORE_OK) {
		snprintf(detail, sizeof detail, "hourly %lld laptop_day %lld per_km %lld vat_bp %d "
		         "provider '%.60s' invoice '%.40s' %s kvk '%s' vat '%s' iban '%s'", in->hourly,
		         in->laptop_day, in->per_km, in->vat_bp, in->provider_name, in->invoice_number,
		         in->invoice_date, in->provider_kvk, in->provider_vat, in->provider_iban);
		rc = store_audit_locked(s, who, "costs_settings", detail);
	}
	return store_tx_end(s, rc);
}

static void line_row(sqlite3_stmt *st, void *elem)
{
	struct store_cost_line *l = elem;

	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, l->kind, sizeof l->kind);
	store_col_copy(st, 2, l->person, sizeof l->person);
	store_col_copy(st, 3, l->date, sizeof l->date);
	l->from_min = sqlite3_column_int(st, 4);
	l->to_min = sqlite3_column_int(st, 5);
	store_col_copy(st, 6, l->activity, sizeof l->activity);
	l->km = sqlite3_column_int64(st, 7);
	l->count = sqlite3_column_int64(st, 8);
	l->days = sqlite3_column_int64(st, 9);
	l->amount = sqlite3_column_int64(st, 10);
	store_col_copy(st, 11, l->description, sizeof l->description);
}

int store_costs_list(struct store *s, struct store_cost_line **out, size_t *n)
{
	return store_list(s, SQL_COSTS_LIST, sizeof **out, line_row, (void **)out, n);
}

static void describe(const struct store_cost_line *l, char *out, size_t size)
{
	snprintf(out, size, "%s person '%.40s' date %s %d-%d activity %s km %ld count %ld days %ld "
	         "amount %lld '%.80s'", l->kind, l->person, l->date, l->from_min, l->to_min,
	         l->activity, l->km, l->count, l->days, l->amount, l->description);
}

/* Writes a line (added when its id is 0, else replaced), in the transaction. */
static int line_put(struct store *s, struct store_cost_line *line, const char *at)
{
	sqlite3_stmt *st = store_sql(s, line->id == 0 ? SQL_COSTS_INSERT : SQL_COSTS_UPDATE);
	int rc;

	sqlite3_bind_text(st, 1, line->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, line->person, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, line->date, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, line->from_min);
	sqlite3_bind_int(st, 5, line->to_min);
	sqlite3_bind_text(st, 6, line->activity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, line->km);
	sqlite3_bind_int64(st, 8, line->count);
	sqlite3_bind_int64(st, 9, line->days);
	sqlite3_bind_int64(st, 10, line->amount);
	sqlite3_bind_text(st, 11, line->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, at, -1, SQLITE_STATIC);
	if (line->id != 0)
		sqlite3_bind_int64(st, 13, line->id);
	if ((rc = store_run(s, st)) == STORE_OK && line->id == 0)
		line->id = (long)sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_costs_put(struct store *s, struct store_cost_line *line, store_cost_check check,
                    void *arg, const struct store_actor *who, int *refused)
{
	struct store_cost_line *all = NULL;
	char at[32], detail[512], full[600];
	size_t n = 0, i;
	int rc, adding = line->id == 0, found = adding;

	*refused = 0;
	store_now(at);
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	rc = store_collect(s, store_sql(s, SQL_COSTS_LIST), sizeof *all, line_row, (void **)&all, &n);
	if (rc != STORE_OK)
		goto done;
	for (i = 0; i < n && !found; i++)
		found = all[i].id == line->id;
	if (!found) {
		rc = STORE_ERR_NOT_FOUND;
		goto done;
	}
	/* The check's refusal is a rule of costs/: nothing is written. */
	if (check != NULL && (*refused = check(arg, line, all, n)) != 0) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	if ((rc = line_put(s, line, at)) != STORE_OK)
		goto done;
	describe(line, detail, sizeof detail);
	snprintf(full, sizeof full, "line %ld: %s", line->id, detail);
	rc = store_audit_locked(s, who, adding ? "costs_add" : "costs_edit", full);
done:
	free(all);
	return store_tx_end(s, rc);
}

int store_costs_remove(struct store *s, long id, const struct store_actor *who)
{
	sqlite3_stmt *st;
	char detail[64];
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_COSTS_DELETE);
	sqlite3_bind_int64(st, 1, id);
	rc = store_run(s, st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_ERR_NOT_FOUND;
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "line %ld", id);
		rc = store_audit_locked(s, who, "costs_remove", detail);
	}
	return store_tx_end(s, rc);
}
