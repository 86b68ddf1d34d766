#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H
/* What the store's own files share; not for use outside store/. */
#include <pthread.h>
#include <sqlite3.h>

#include "store/store.h"
#include "tally/count.h"

struct store {
	sqlite3 *db;
	pthread_mutex_t lock;
	store_chain_fn chain;
	/* The shape of a count form, cached; rebuilt after the lists change. */
	struct tally_list *shape;
	size_t nshape;
	int shape_voter_cards;
	int shape_valid;
};

int store_exec_fixed(struct store *s, const char *sql);
int store_begin(struct store *s);
/* Commits when rc is STORE_OK, else rolls back; returns rc or the commit's failure. */
int store_finish(struct store *s, int rc);
int store_prepare(struct store *s, const char *sql, sqlite3_stmt **st);
int store_run_text(struct store *s, const char *sql, int n, const char *const *v);
void store_now(char out[32]);
int store_audit_locked(struct store *s, const struct store_actor *who, const char *action,
                       const char *detail);
void store_col_copy(sqlite3_stmt *st, int col, char *buf, size_t size);
int store_election_get_locked(struct store *s, struct tally_election *e);
/*
 * Steps st to its end, turning each row into an element of elsize bytes with
 * row(); finalizes st. Returns STORE_OK with *out (malloc'd, NULL when there
 * are no rows; the caller frees) and *n, or STORE_ERR_NOMEM. Runs locked.
 */
int store_collect(sqlite3_stmt *st, size_t elsize, void (*row)(sqlite3_stmt *st, void *elem),
                  void **out, size_t *n);

/* Inserts one account with its audit record; runs inside a transaction (STORE_ERR_EXISTS
 * when the name is taken or the role unknown). *id set when id is not NULL. */
int store_account_insert_locked(struct store *s, const char *name, const char *role,
                                const char *pw_hash, int must_change, const char *at,
                                const struct store_actor *who, long *id);

/* 1 while a final export stands (the count is finished), 0 when not, -1 on failure. Locked. */
int store_count_finished_locked(struct store *s);

/* One station with its state (store/station.c); STORE_ERR_NOT_FOUND when none. Locked. */
int store_station_full_locked(struct store *s, int number, struct store_station_full *out);

/* Drops the cached form shape (after an import of lists). */
void store_shape_invalidate(struct store *s);

#endif
