/* The store's part of hours and costs: rows only; the rules are in costs/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_costs_settings_get(struct store *s, struct store_cost_settings *o)
{
	sqlite3_stmt *st;
	int rc = STORE_OK;

	memset(o, 0, sizeof *o);
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT hourly, laptop_day, per_km, vat_bp, rates_set, provider_name, "
	                     "provider_address, invoice_number, invoice_date, provider_kvk, provider_vat, "
	                     "provider_iban FROM costs_settings "
	                     "WHERE id = 1", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
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
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_costs_settings_set(struct store *s, const struct store_cost_settings *in,
                             const struct store_actor *who)
{
	sqlite3_stmt *st;
	char detail[512];
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(s, "INSERT INTO costs_settings (id, hourly, laptop_day, per_km, vat_bp, "
	                           "rates_set, provider_name, provider_address, invoice_number, "
	                           "invoice_date, provider_kvk, provider_vat, provider_iban) "
	                           "VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE "
	                           "SET hourly = excluded.hourly, laptop_day = excluded.laptop_day, "
	                           "per_km = excluded.per_km, vat_bp = excluded.vat_bp, "
	                           "rates_set = excluded.rates_set, provider_name = excluded.provider_name, "
	                           "provider_address = excluded.provider_address, "
	                           "invoice_number = excluded.invoice_number, "
	                           "invoice_date = excluded.invoice_date, "
	                           "provider_kvk = excluded.provider_kvk, "
	                           "provider_vat = excluded.provider_vat, "
	                           "provider_iban = excluded.provider_iban", &st)) != STORE_OK)
		goto done;
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
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_STATE;
	sqlite3_finalize(st);
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "hourly %lld laptop_day %lld per_km %lld vat_bp %d "
		         "provider '%.60s' invoice '%.40s' %s kvk '%s' vat '%s' iban '%s'", in->hourly,
		         in->laptop_day, in->per_km, in->vat_bp, in->provider_name, in->invoice_number,
		         in->invoice_date, in->provider_kvk, in->provider_vat, in->provider_iban);
		rc = store_audit_locked(s, who, "costs_settings", detail);
	}
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
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

static int list_locked(struct store *s, struct store_cost_line **out, size_t *n)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT id, kind, person, date, from_min, to_min, activity, km, count, "
	                     "days, amount, description FROM costs_line ORDER BY CASE kind "
	                     "WHEN 'hours' THEN 0 WHEN 'travel' THEN 1 WHEN 'laptops' THEN 2 "
	                     "WHEN 'switch' THEN 3 WHEN 'cabling' THEN 4 ELSE 5 END, date, "
	                     "person, from_min, id", &st) != STORE_OK)
		return STORE_ERR_IO;
	return store_collect(st, sizeof **out, line_row, (void **)out, n);
}

int store_costs_list(struct store *s, struct store_cost_line **out, size_t *n)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = list_locked(s, out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void describe(const struct store_cost_line *l, char *out, size_t size)
{
	snprintf(out, size, "%s person '%.40s' date %s %d-%d activity %s km %ld count %ld days %ld "
	         "amount %lld '%.80s'", l->kind, l->person, l->date, l->from_min, l->to_min,
	         l->activity, l->km, l->count, l->days, l->amount, l->description);
}

int store_costs_put(struct store *s, struct store_cost_line *line, store_cost_check check,
                    void *arg, const struct store_actor *who, int *refused)
{
	struct store_cost_line *all = NULL;
	sqlite3_stmt *st;
	char at[32], detail[512];
	size_t n = 0, i;
	int rc, adding = line->id == 0, found = adding;

	*refused = 0;
	store_now(at);
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = list_locked(s, &all, &n)) != STORE_OK)
		goto done;
	for (i = 0; i < n && !found; i++)
		found = all[i].id == line->id;
	if (!found) {
		rc = STORE_ERR_NOT_FOUND;
		goto done;
	}
	if (check != NULL && (*refused = check(arg, line, all, n)) != 0) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	rc = store_prepare(s, line->id == 0 ?
	                   "INSERT INTO costs_line (kind, person, date, from_min, to_min, activity, km, "
	                   "count, days, amount, description, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)" :
	                   "UPDATE costs_line SET kind = ?, person = ?, date = ?, from_min = ?, "
	                   "to_min = ?, activity = ?, km = ?, count = ?, days = ?, amount = ?, "
	                   "description = ?, updated_at = ? WHERE id = ?", &st);
	if (rc != STORE_OK)
		goto done;
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
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_STATE;
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		goto done;
	if (line->id == 0)
		line->id = (long)sqlite3_last_insert_rowid(s->db);
	describe(line, detail, sizeof detail);
	{
		char full[600];

		snprintf(full, sizeof full, "line %ld: %s", line->id, detail);
		rc = store_audit_locked(s, who, adding ? "costs_add" : "costs_edit", full);
	}
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	free(all);
	return rc;
}

int store_costs_remove(struct store *s, long id, const struct store_actor *who)
{
	sqlite3_stmt *st;
	char detail[64];
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_prepare(s, "DELETE FROM costs_line WHERE id = ?", &st)) != STORE_OK)
		goto done;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_ERR_NOT_FOUND;
	if (rc == STORE_OK) {
		snprintf(detail, sizeof detail, "line %ld", id);
		rc = store_audit_locked(s, who, "costs_remove", detail);
	}
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}
