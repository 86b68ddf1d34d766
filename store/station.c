/*
 * The stations with their double-entry state as the store keeps them: who typed,
 * who changed the state last, and where an open entry's typist is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static void station_row(sqlite3_stmt *st, void *elem)
{
	struct store_station_full *f = elem;
	char status[24];

	memset(f, 0, sizeof *f);
	f->st.number = sqlite3_column_int(st, 0);
	store_col_copy(st, 1, f->st.name, sizeof f->st.name);
	store_col_copy(st, 2, f->st.postcode, sizeof f->st.postcode);
	f->st.electorate = (long)store_col_int_or(st, 3, -1);
	store_col_copy(st, 4, status, sizeof status);
	if (tally_status_parse(status, &f->state.status) != 0)
		f->state.status = TALLY_STATUS_EMPTY;
	f->state.first_user = sqlite3_column_int64(st, 5);
	f->state.second_user = sqlite3_column_int64(st, 6);
	f->state.first_has_errors = sqlite3_column_int(st, 7);
	f->state.second_has_errors = sqlite3_column_int(st, 8);
	f->state.correcting = sqlite3_column_int(st, 9);
	store_col_copy(st, 10, f->first_name, sizeof f->first_name);
	store_col_copy(st, 11, f->second_name, sizeof f->second_name);
	f->has_warnings = sqlite3_column_int(st, 12) > 0;
	store_col_copy(st, 13, f->changed_by, sizeof f->changed_by);
	store_col_copy(st, 14, f->changed_action, sizeof f->changed_action);
	store_col_copy(st, 15, f->changed_at, sizeof f->changed_at);
	store_col_copy(st, 16, f->open_progress, sizeof f->open_progress);
	store_col_copy(st, 17, f->open_updated, sizeof f->open_updated);
}

int store_stations_full_locked(struct store *s, struct store_station_full **out, size_t *n)
{
	return store_collect(s, store_sql(s, SQL_STATIONS_FULL), sizeof **out, station_row,
	                     (void **)out, n);
}

int store_stations_full(struct store *s, struct store_station_full **out, size_t *n)
{
	return store_list(s, SQL_STATIONS_FULL, sizeof **out, station_row, (void **)out, n);
}

int store_station_full_locked(struct store *s, int number, struct store_station_full *out)
{
	sqlite3_stmt *st = store_sql(s, SQL_STATION_FULL);
	int rc;

	sqlite3_bind_int(st, 1, number);
	if ((rc = store_step(s, st)) == 1)
		station_row(st, out);
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}

int store_station_full(struct store *s, int number, struct store_station_full *out)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_station_full_locked(s, number, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}
