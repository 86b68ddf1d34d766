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
	sqlite3_stmt *st = store_sql(s, SQL_ELECTION_GET);
	char cat[8];
	int rc;

	memset(e, 0, sizeof *e);
	if ((rc = store_step(s, st)) == 1) {
		store_col_copy(st, 0, e->id, sizeof e->id);
		store_col_copy(st, 1, e->name, sizeof e->name);
		store_col_copy(st, 2, cat, sizeof cat);
		rc = tally_category_parse(cat, &e->category) == 0 ? STORE_OK :
		     store_fail_msg(STORE_ERR_IO, "the stored election has an unknown category");
		store_col_copy(st, 3, e->subcategory, sizeof e->subcategory);
		store_col_copy(st, 4, e->domain_id, sizeof e->domain_id);
		store_col_copy(st, 5, e->domain_name, sizeof e->domain_name);
		store_col_copy(st, 6, e->date, sizeof e->date);
		store_col_copy(st, 7, e->nomination_date, sizeof e->nomination_date);
		e->seats = sqlite3_column_int(st, 8);
		e->preference_threshold = sqlite3_column_int(st, 9);
	} else if (rc == 0) {
		rc = STORE_ERR_NOT_FOUND;
	}
	store_sql_done(st);
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

int store_import_record_locked(struct store *s, const struct store_file *f,
                               const struct store_actor *who)
{
	/* a 510b is a count, kept apart from the election's own files (schema v5) */
	sqlite3_stmt *st = store_sql(s, strcmp(f->kind, "510b") == 0 ? SQL_COUNT_FILE_INSERT :
	                             SQL_IMPORT_INSERT);
	char at[32], detail[512];
	int rc;

	store_now(at);
	sqlite3_bind_text(st, 1, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->sha256_hex, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, f->hash_checked ? 1 : 0);
	sqlite3_bind_blob64(st, 5, f->bytes, f->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, who->name, -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) != STORE_OK)
		return rc;
	snprintf(detail, sizeof detail, "%s %s sha256=%s hash_checked=%d", f->kind, f->name,
	         f->sha256_hex, f->hash_checked ? 1 : 0);
	return store_audit_locked(s, who, "import", detail);
}

/* Sets two meta keys in the transaction (a pair from the file being imported). */
static int meta_pair(struct store *s, const char *k1, const char *v1, const char *k2,
                     const char *v2)
{
	const char *a[] = {k1, v1}, *b[] = {k2, v2};
	int rc = store_run_text(s, SQL_META_SET, 2, a);

	return rc == STORE_OK && k2 != NULL ? store_run_text(s, SQL_META_SET, 2, b) : rc;
}

int store_import_election(struct store *s, const struct tally_election *e,
                          const struct tally_region *regions, size_t nregions,
                          const char *muni_code, const char *muni_name,
                          const struct store_file *f, const struct store_actor *who)
{
	struct tally_election old;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	rc = store_election_get_locked(s, &old);
	if (rc == STORE_OK) {
		rc = STORE_ERR_EXISTS;
		goto done;
	}
	if (rc != STORE_ERR_NOT_FOUND)
		goto done;
	st = store_sql(s, SQL_ELECTION_INSERT);
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
	rc = store_run(s, st);
	for (i = 0; i < nregions && rc == STORE_OK; i++) {
		st = store_sql(s, SQL_REGION_INSERT);
		sqlite3_bind_int(st, 1, regions[i].number);
		sqlite3_bind_text(st, 2, regions[i].category, -1, SQLITE_STATIC);
		if (regions[i].superior_number >= 0)
			sqlite3_bind_int(st, 3, regions[i].superior_number);
		sqlite3_bind_text(st, 4, regions[i].superior_category, -1, SQLITE_STATIC);
		rc = store_run(s, st);
	}
	if (rc == STORE_OK && muni_code != NULL)
		rc = meta_pair(s, "municipality_code", muni_code, "municipality_name",
		               muni_name ? muni_name : "");
	if (rc == STORE_OK)
		rc = store_import_record_locked(s, f, who);
done:
	return store_tx_end(s, rc);
}

static void region_row(sqlite3_stmt *st, void *elem)
{
	struct tally_region *r = elem;

	r->number = sqlite3_column_int(st, 0);
	store_col_copy(st, 1, r->category, sizeof r->category);
	r->superior_number = (int)store_col_int_or(st, 2, -1);
	store_col_copy(st, 3, r->superior_category, sizeof r->superior_category);
}

int store_regions_get(struct store *s, struct tally_region **out, size_t *n)
{
	return store_list(s, SQL_REGIONS_GET, sizeof **out, region_row, (void **)out, n);
}

/* STORE_ERR_STATE when the data entry of any station has begun. */
static int entry_not_begun(struct store *s)
{
	long long n;
	int rc = store_one_int(s, store_sql(s, SQL_ENTRY_BEGUN), &n);

	if (rc != STORE_OK)
		return rc == STORE_ERR_NOT_FOUND ? STORE_ERR_IO : rc;
	return n == 0 ? STORE_OK : STORE_ERR_STATE;
}

/*
 * In an import's transaction: whether the file may replace what is there (an
 * election must be, and tally says whether a file may come once entry has
 * begun), and then the old rows deleted (statement del).
 */
static int replace_begin(struct store *s, enum tally_file kind, enum store_sql del)
{
	struct tally_election e;
	int rc;

	if ((rc = store_election_get_locked(s, &e)) != STORE_OK)
		return rc;
	/* The store knows whether entry has begun; whether that refuses the file is tally's. */
	if ((rc = entry_not_begun(s)) == STORE_OK || rc == STORE_ERR_STATE)
		rc = tally_import_allowed(kind, 1, rc == STORE_ERR_STATE) ==
		     TALLY_IMPORT_OK ? STORE_OK : STORE_ERR_STATE;
	return rc == STORE_OK ? store_run(s, store_sql(s, del)) : rc;
}

int store_import_stations(struct store *s, const struct tally_station *sts, size_t n,
                          long electorate, const struct store_file *f,
                          const struct store_actor *who)
{
	sqlite3_stmt *st;
	char num[24];
	size_t i;
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = replace_begin(s, TALLY_FILE_STATIONS, SQL_STATIONS_DELETE)) != STORE_OK)
		goto done;
	for (i = 0; i < n && rc == STORE_OK; i++) {
		st = store_sql(s, SQL_STATION_INSERT);
		sqlite3_bind_int(st, 1, sts[i].number);
		sqlite3_bind_text(st, 2, sts[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, sts[i].postcode, -1, SQLITE_STATIC);
		if (sts[i].electorate >= 0)
			sqlite3_bind_int64(st, 4, sts[i].electorate);
		rc = store_run(s, st);
	}
	snprintf(num, sizeof num, "%ld", electorate);
	if (rc == STORE_OK)
		rc = meta_pair(s, "electorate", num, NULL, NULL);
	if (rc == STORE_OK)
		rc = store_import_record_locked(s, f, who);
done:
	return store_tx_end(s, rc);
}

int store_import_lists(struct store *s, const struct tally_list *lists, size_t n,
                       const char *contest_id, const char *contest_name,
                       const struct store_file *f, const struct store_actor *who)
{
	sqlite3_stmt *st;
	size_t i, j;
	int rc;

	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = replace_begin(s, TALLY_FILE_LISTS, SQL_LISTS_DELETE)) != STORE_OK)
		goto done;
	for (i = 0; i < n && rc == STORE_OK; i++) {
		st = store_sql(s, SQL_LIST_INSERT);
		sqlite3_bind_int(st, 1, lists[i].number);
		sqlite3_bind_text(st, 2, lists[i].name, -1, SQLITE_STATIC);
		rc = store_run(s, st);
		for (j = 0; j < lists[i].ncandidates && rc == STORE_OK; j++) {
			const struct tally_candidate *c = &lists[i].candidates[j];

			st = store_sql(s, SQL_CANDIDATE_INSERT);
			sqlite3_bind_int(st, 1, lists[i].number);
			sqlite3_bind_int(st, 2, c->position);
			sqlite3_bind_text(st, 3, c->initials, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, c->first_name, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 5, c->prefix, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 6, c->last_name, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 7, c->gender, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 8, c->locality, -1, SQLITE_STATIC);
			rc = store_run(s, st);
		}
	}
	if (rc == STORE_OK)
		rc = meta_pair(s, "contest_id", contest_id && contest_id[0] ? contest_id : "geen",
		               "contest_name", contest_name ? contest_name : "");
	if (rc == STORE_OK)
		rc = store_import_record_locked(s, f, who);
	/* Shapes handed out stay valid (store/form.c); the next use loads the new one. */
	s->shape_valid = 0;
done:
	return store_tx_end(s, rc);
}

static void station_row(sqlite3_stmt *st, void *elem)
{
	struct store_station *r = elem;

	r->st.number = sqlite3_column_int(st, 0);
	store_col_copy(st, 1, r->st.name, sizeof r->st.name);
	store_col_copy(st, 2, r->st.postcode, sizeof r->st.postcode);
	r->st.electorate = (long)store_col_int_or(st, 3, -1);
	store_col_copy(st, 4, r->status, sizeof r->status);
}

int store_stations_get(struct store *s, struct store_station **out, size_t *n)
{
	return store_list(s, SQL_STATIONS_GET, sizeof **out, station_row, (void **)out, n);
}

/* The candidates of list l (l->ncandidates of them, as counted). */
static int candidates_get(struct store *s, struct tally_list *l)
{
	sqlite3_stmt *st;
	size_t nc = l->ncandidates, j = 0;
	int rc = 0;

	l->ncandidates = 0;
	if (nc > 0 && (l->candidates = calloc(nc, sizeof *l->candidates)) == NULL)
		return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	st = store_sql(s, SQL_CANDIDATES_GET);
	sqlite3_bind_int(st, 1, l->number);
	while (j < nc && (rc = store_step(s, st)) == 1) {
		struct tally_candidate *c = &l->candidates[j++];

		c->position = sqlite3_column_int(st, 0);
		store_col_copy(st, 1, c->initials, sizeof c->initials);
		store_col_copy(st, 2, c->first_name, sizeof c->first_name);
		store_col_copy(st, 3, c->prefix, sizeof c->prefix);
		store_col_copy(st, 4, c->last_name, sizeof c->last_name);
		store_col_copy(st, 5, c->gender, sizeof c->gender);
		store_col_copy(st, 6, c->locality, sizeof c->locality);
	}
	store_sql_done(st);
	l->ncandidates = j;
	return j == nc || rc >= 0 ? STORE_OK : rc;
}

static void list_row(sqlite3_stmt *st, void *elem)
{
	struct tally_list *l = elem;

	l->number = sqlite3_column_int(st, 0);
	store_col_copy(st, 1, l->name, sizeof l->name);
	l->ncandidates = (size_t)sqlite3_column_int64(st, 2);
}

int store_lists_get_locked(struct store *s, struct tally_list **out, size_t *n)
{
	size_t i;
	int rc;

	rc = store_collect(s, store_sql(s, SQL_LISTS_GET), sizeof **out, list_row, (void **)out, n);
	for (i = 0; i < *n && rc == STORE_OK; i++)
		rc = candidates_get(s, &(*out)[i]);
	if (rc != STORE_OK) {
		tally_lists_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_lists_get(struct store *s, struct tally_list **out, size_t *n)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_lists_get_locked(s, out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

long store_lists_count(struct store *s)
{
	long long n = -1;

	pthread_mutex_lock(&s->lock);
	if (store_one_int(s, store_sql(s, SQL_LISTS_COUNT), &n) != STORE_OK)
		n = -1;
	pthread_mutex_unlock(&s->lock);
	return (long)n;
}
