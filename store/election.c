/*
 * The election in the store: the 110a (election and its regions), the 110b
 * (stations) and the 230b (lists and candidates) as imported, each import in
 * one transaction with the file kept byte for byte and its audit record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

int store_election_get_locked(struct store *s, struct tally_election *e)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND;

	memset(e, 0, sizeof *e);
	if (store_prepare(s, "SELECT eml_id, name, category, subcategory, domain_id, domain_name, "
	               "election_date, nomination_date, seats, preference_threshold "
	               "FROM election WHERE id = 1", &st) != STORE_OK)
		return STORE_ERR_IO;
	if (sqlite3_step(st) == SQLITE_ROW) {
		char cat[8];

		store_col_copy(st, 0, e->id, sizeof e->id);
		store_col_copy(st, 1, e->name, sizeof e->name);
		store_col_copy(st, 2, cat, sizeof cat);
		rc = tally_category_parse(cat, &e->category) == 0 ? STORE_OK : STORE_ERR_IO;
		store_col_copy(st, 3, e->subcategory, sizeof e->subcategory);
		store_col_copy(st, 4, e->domain_id, sizeof e->domain_id);
		store_col_copy(st, 5, e->domain_name, sizeof e->domain_name);
		store_col_copy(st, 6, e->date, sizeof e->date);
		store_col_copy(st, 7, e->nomination_date, sizeof e->nomination_date);
		e->seats = sqlite3_column_int(st, 8);
		e->preference_threshold = sqlite3_column_int(st, 9);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_election_get(struct store *s, struct tally_election *e)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_election_get_locked(s, e);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static int record_file(struct store *s, const struct store_file *f, const struct store_actor *who)
{
	sqlite3_stmt *st;
	char at[32], detail[512];
	int rc;

	store_now(at);
	if (store_prepare(s, "INSERT INTO import (kind, file_name, sha256, hash_checked, bytes, "
	               "imported_at, imported_by) VALUES (?,?,?,?,?,?,?)", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_text(st, 1, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->sha256_hex, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, f->hash_checked ? 1 : 0);
	sqlite3_bind_blob64(st, 5, f->bytes, f->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, who->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		return rc;
	snprintf(detail, sizeof detail, "%s %s sha256=%s hash_checked=%d", f->kind, f->name,
	         f->sha256_hex, f->hash_checked ? 1 : 0);
	return store_audit_locked(s, who, "import", detail);
}

int store_import_election(struct store *s, const struct tally_election *e,
                          const struct tally_region *regions, size_t nregions,
                          const char *muni_code, const char *muni_name,
                          const struct store_file *f, const struct store_actor *who)
{
	struct tally_election old;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	rc = store_election_get_locked(s, &old);
	if (rc == STORE_OK) {
		rc = STORE_ERR_EXISTS;
		goto done;
	}
	if (rc != STORE_ERR_NOT_FOUND)
		goto done;
	if ((rc = store_prepare(s, "INSERT INTO election (id, eml_id, name, category, subcategory, "
	                     "domain_id, domain_name, election_date, nomination_date, seats, "
	                     "preference_threshold) VALUES (1,?,?,?,?,?,?,?,?,?,?)", &st)) != STORE_OK)
		goto done;
	sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tally_category_name(e->category), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->subcategory, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e->domain_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->domain_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e->nomination_date, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, e->seats);
	sqlite3_bind_int(st, 10, e->preference_threshold);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	st = NULL;
	if (rc != STORE_OK)
		goto done;
	if ((rc = store_prepare(s, "INSERT OR IGNORE INTO region (number, category, superior_number, "
	                     "superior_category) VALUES (?,?,?,?)", &st)) != STORE_OK)
		goto done;
	for (i = 0; i < nregions && rc == STORE_OK; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, regions[i].number);
		sqlite3_bind_text(st, 2, regions[i].category, -1, SQLITE_STATIC);
		if (regions[i].superior_number >= 0)
			sqlite3_bind_int(st, 3, regions[i].superior_number);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_text(st, 4, regions[i].superior_category, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	}
	sqlite3_finalize(st);
	if (rc == STORE_OK && muni_code != NULL) {
		const char *v[] = {"municipality_code", muni_code, "municipality_name",
		                   muni_name ? muni_name : ""};

		rc = store_run_text(s, "INSERT INTO meta (key, value) VALUES (?, ?), (?, ?) "
		                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", 4, v);
	}
	if (rc == STORE_OK)
		rc = record_file(s, f, who);
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void region_row(sqlite3_stmt *st, void *elem)
{
	struct tally_region *r = elem;

	r->number = sqlite3_column_int(st, 0);
	store_col_copy(st, 1, r->category, sizeof r->category);
	r->superior_number = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 :
	                     sqlite3_column_int(st, 2);
	store_col_copy(st, 3, r->superior_category, sizeof r->superior_category);
}

int store_regions_get(struct store *s, struct tally_region **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT number, category, superior_number, superior_category FROM region "
	                     "ORDER BY category, number", &st) == STORE_OK)
		rc = store_collect(st, sizeof **out, region_row, (void **)out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* STORE_ERR_STATE when the data entry of any station has begun. */
static int entry_not_begun(struct store *s)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	if (store_prepare(s, "SELECT count(*) FROM station WHERE status <> 'empty'", &st) != STORE_OK)
		return STORE_ERR_IO;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = sqlite3_column_int64(st, 0) == 0 ? STORE_OK : STORE_ERR_STATE;
	sqlite3_finalize(st);
	return rc;
}

int store_import_stations(struct store *s, const struct tally_station *sts, size_t n,
                          long electorate, const struct store_file *f,
                          const struct store_actor *who)
{
	struct tally_election e;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_election_get_locked(s, &e)) != STORE_OK)
		goto done;
	if ((rc = entry_not_begun(s)) != STORE_OK)
		goto done;
	if ((rc = store_exec_fixed(s, "DELETE FROM station")) != STORE_OK)
		goto done;
	if ((rc = store_prepare(s, "INSERT INTO station (number, name, postcode, electorate) "
	                     "VALUES (?,?,?,?)", &st)) != STORE_OK)
		goto done;
	for (i = 0; i < n && rc == STORE_OK; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, sts[i].number);
		sqlite3_bind_text(st, 2, sts[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, sts[i].postcode, -1, SQLITE_STATIC);
		if (sts[i].electorate >= 0)
			sqlite3_bind_int64(st, 4, sts[i].electorate);
		else
			sqlite3_bind_null(st, 4);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? STORE_OK : rc == SQLITE_CONSTRAINT ? STORE_ERR_EXISTS : STORE_ERR_IO;
	}
	sqlite3_finalize(st);
	if (rc == STORE_OK) {
		char num[24];
		const char *v[] = {"electorate", num};

		snprintf(num, sizeof num, "%ld", electorate);
		rc = store_run_text(s, "INSERT INTO meta (key, value) VALUES (?, ?) "
		                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", 2, v);
	}
	if (rc == STORE_OK)
		rc = record_file(s, f, who);
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_import_lists(struct store *s, const struct tally_list *lists, size_t n,
                       const char *contest_id, const char *contest_name,
                       const struct store_file *f, const struct store_actor *who)
{
	struct tally_election e;
	sqlite3_stmt *sl = NULL, *sc = NULL;
	size_t i, j;
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_election_get_locked(s, &e)) != STORE_OK)
		goto done;
	if ((rc = entry_not_begun(s)) != STORE_OK)
		goto done;
	if ((rc = store_exec_fixed(s, "DELETE FROM list")) != STORE_OK)
		goto done;
	if ((rc = store_prepare(s, "INSERT INTO list (number, name) VALUES (?,?)", &sl)) != STORE_OK ||
	    (rc = store_prepare(s, "INSERT INTO candidate (list_number, position, initials, first_name, "
	                     "prefix, last_name, gender, locality) VALUES (?,?,?,?,?,?,?,?)",
	                  &sc)) != STORE_OK)
		goto done_st;
	for (i = 0; i < n && rc == STORE_OK; i++) {
		sqlite3_reset(sl);
		sqlite3_bind_int(sl, 1, lists[i].number);
		sqlite3_bind_text(sl, 2, lists[i].name, -1, SQLITE_STATIC);
		rc = sqlite3_step(sl) == SQLITE_DONE ? STORE_OK : STORE_ERR_EXISTS;
		for (j = 0; j < lists[i].ncandidates && rc == STORE_OK; j++) {
			const struct tally_candidate *c = &lists[i].candidates[j];

			sqlite3_reset(sc);
			sqlite3_bind_int(sc, 1, lists[i].number);
			sqlite3_bind_int(sc, 2, c->position);
			sqlite3_bind_text(sc, 3, c->initials, -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 4, c->first_name, -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 5, c->prefix, -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 6, c->last_name, -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 7, c->gender, -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 8, c->locality, -1, SQLITE_STATIC);
			rc = sqlite3_step(sc) == SQLITE_DONE ? STORE_OK : STORE_ERR_EXISTS;
		}
	}
	if (rc == STORE_OK) {
		const char *v[] = {"contest_id", contest_id && contest_id[0] ? contest_id : "geen",
		                   "contest_name", contest_name ? contest_name : ""};

		rc = store_run_text(s, "INSERT INTO meta (key, value) VALUES (?, ?), (?, ?) "
		                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", 4, v);
	}
	if (rc == STORE_OK)
		rc = record_file(s, f, who);
	store_shape_invalidate(s);
done_st:
	sqlite3_finalize(sl);
	sqlite3_finalize(sc);
done:
	rc = store_finish(s, rc);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void station_row(sqlite3_stmt *st, void *elem)
{
	struct store_station *r = elem;

	r->st.number = sqlite3_column_int(st, 0);
	store_col_copy(st, 1, r->st.name, sizeof r->st.name);
	store_col_copy(st, 2, r->st.postcode, sizeof r->st.postcode);
	r->st.electorate = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 :
	                   sqlite3_column_int64(st, 3);
	store_col_copy(st, 4, r->status, sizeof r->status);
}

int store_stations_get(struct store *s, struct store_station **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT number, name, postcode, electorate, status FROM station "
	                     "ORDER BY number", &st) == STORE_OK)
		rc = store_collect(st, sizeof **out, station_row, (void **)out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_lists_get(struct store *s, struct tally_list **out, size_t *n)
{
	sqlite3_stmt *sl = NULL, *sc = NULL;
	struct tally_list *l = NULL;
	size_t nl = 0, i;
	int rc = STORE_OK;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT number, name, (SELECT count(*) FROM candidate c WHERE "
	               "c.list_number = list.number) FROM list ORDER BY number", &sl) != STORE_OK ||
	    store_prepare(s, "SELECT position, initials, first_name, prefix, last_name, gender, locality "
	               "FROM candidate WHERE list_number = ? ORDER BY position", &sc) != STORE_OK) {
		rc = STORE_ERR_IO;
		goto out;
	}
	while (sqlite3_step(sl) == SQLITE_ROW)
		nl++;
	sqlite3_reset(sl);
	if (nl > 0 && (l = calloc(nl, sizeof *l)) == NULL) {
		rc = STORE_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < nl && sqlite3_step(sl) == SQLITE_ROW; i++) {
		size_t nc = (size_t)sqlite3_column_int64(sl, 2), j = 0;

		l[i].number = sqlite3_column_int(sl, 0);
		store_col_copy(sl, 1, l[i].name, sizeof l[i].name);
		if (nc > 0 && (l[i].candidates = calloc(nc, sizeof *l[i].candidates)) == NULL) {
			rc = STORE_ERR_NOMEM;
			break;
		}
		sqlite3_reset(sc);
		sqlite3_bind_int(sc, 1, l[i].number);
		while (j < nc && sqlite3_step(sc) == SQLITE_ROW) {
			struct tally_candidate *c = &l[i].candidates[j++];

			c->position = sqlite3_column_int(sc, 0);
			store_col_copy(sc, 1, c->initials, sizeof c->initials);
			store_col_copy(sc, 2, c->first_name, sizeof c->first_name);
			store_col_copy(sc, 3, c->prefix, sizeof c->prefix);
			store_col_copy(sc, 4, c->last_name, sizeof c->last_name);
			store_col_copy(sc, 5, c->gender, sizeof c->gender);
			store_col_copy(sc, 6, c->locality, sizeof c->locality);
		}
		l[i].ncandidates = j;
	}
out:
	sqlite3_finalize(sl);
	sqlite3_finalize(sc);
	pthread_mutex_unlock(&s->lock);
	if (rc != STORE_OK) {
		tally_lists_free(l, nl);
		return rc;
	}
	*out = l;
	*n = nl;
	return STORE_OK;
}
