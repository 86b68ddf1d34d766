#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H
/* What the store's own files share; not for use outside store/. */
#include <pthread.h>
#include <sqlite3.h>

#include "store/store.h"
#include "tally/count.h"

/*
 * Every statement of store/, by id (the texts: store/sql.c). Each is prepared
 * on first use and kept until store_close; they are used only under s->lock.
 * Only the schema and its migrations (store/store.c) and the integrity check
 * of a backup's copy (another connection) are SQL text run once.
 */
enum store_sql {
	SQL_BEGIN, SQL_BEGIN_READ, SQL_COMMIT, SQL_ROLLBACK,
	SQL_USER_VERSION, SQL_DATA_VERSION,
	/* meta, secrets */
	SQL_META_GET, SQL_META_SET, SQL_META_ADD, SQL_META_DELETE, SQL_REVISION_NEXT,
	SQL_SECRET_GET, SQL_SECRET_SET, SQL_SECRET_PRIVATE_COUNT, SQL_SECRET_DELETE_PRIVATE,
	/* the audit log */
	SQL_AUDIT_LAST, SQL_AUDIT_INSERT, SQL_AUDIT_CHAIN, SQL_AUDIT_ALL, SQL_AUDIT_COUNT,
	SQL_AUDIT_QUERY, SQL_AUDIT_ACTIONS, SQL_AUDIT_RELINK,
	/* the election */
	SQL_ELECTION_GET, SQL_ELECTION_INSERT, SQL_REGION_INSERT, SQL_REGIONS_GET, SQL_IMPORT_INSERT,
	SQL_ENTRY_BEGUN, SQL_STATIONS_DELETE, SQL_STATION_INSERT, SQL_STATIONS_GET,
	SQL_LISTS_DELETE, SQL_LIST_INSERT, SQL_CANDIDATE_INSERT, SQL_LISTS_GET, SQL_CANDIDATES_GET,
	SQL_LISTS_COUNT, SQL_SHAPE,
	/* accounts and sessions */
	SQL_ACCOUNT_INSERT, SQL_ACCOUNT_COUNT, SQL_ACCOUNT_BY_NAME, SQL_ACCOUNT_BY_ID,
	SQL_ACCOUNTS_LIST, SQL_ACCOUNT_SET_PASSWORD, SQL_ACCOUNT_SET_DISABLED, SQL_ADMINS_OTHER,
	SQL_ACCOUNT_LOGIN, SQL_SESSION_INSERT, SQL_SESSION_GET, SQL_SESSION_DELETE, SQL_SESSION_TOUCH,
	SQL_SESSIONS_END, SQL_SESSIONS_LIST,
	/* accounts made or changed after data entry began (store/confirm.c) */
	SQL_ENTRY_BEGAN_MARK, SQL_ACCOUNT_CHANGE_NOTE, SQL_ACCOUNT_CHANGES, SQL_ACCOUNT_PENDING,
	SQL_ACCOUNT_CONFIRM,
	/* stations and entries */
	SQL_STATIONS_FULL, SQL_STATION_FULL, SQL_STATION_STATE, SQL_STATION_STATE_PUT,
	SQL_STATION_CHANGED_PUT, SQL_ENTRY_GET, SQL_ENTRY_REVISION, SQL_ENTRY_PUT, SQL_ENTRY_DELETE,
	SQL_ENTRY_REOPEN, SQL_DEFINITIVE_FORMS, SQL_IDENTICAL,
	/* the export history */
	SQL_EXPORT_INSERT, SQL_EXPORT_FILE_INSERT, SQL_EXPORTS_LIST, SQL_EXPORT_FILES,
	SQL_EXPORT_WITHDRAW,
	/* hours and costs */
	SQL_COSTS_SETTINGS_GET, SQL_COSTS_SETTINGS_PUT, SQL_COSTS_LIST, SQL_COSTS_INSERT,
	SQL_COSTS_UPDATE, SQL_COSTS_DELETE,
	/* the committee's session, projector links */
	SQL_COMMITTEE_GET, SQL_COMMITTEE_PUT, SQL_PROJECTOR_ACTIVE, SQL_PROJECTOR_INSERT,
	SQL_PROJECTOR_LIST, SQL_PROJECTOR_STATE, SQL_PROJECTOR_REVOKE, SQL_PROJECTOR_FIND,
	/* the result: lots, deceased candidates, a 510b imported at a central committee */
	SQL_LOTS_GET, SQL_LOT_INSERT, SQL_LOTS_WITHDRAW, SQL_DECEASED_GET, SQL_DECEASED_INSERT,
	SQL_RESULT_CHANGED, SQL_COUNT_FILE_GET, SQL_COUNT_FILE_INSERT, SQL_CANDIDATE_EXISTS,
	/* later sessions and investigations (store/later.c) */
	SQL_LATER_CURRENT, SQL_LATER_SESSIONS, SQL_LATER_OPEN, SQL_LATER_FINISH, SQL_LATER_UNFINISH,
	SQL_SESSION_FORM_COUNT, SQL_SESSION_FORM_SNAPSHOT, SQL_SESSION_FORMS, SQL_SESSION_FORM_GET,
	SQL_INVESTIGATION_GET, SQL_INVESTIGATIONS, SQL_INVESTIGATION_INSERT, SQL_INVESTIGATION_START,
	SQL_INVESTIGATION_CONCLUDE, SQL_INVESTIGATIONS_OPEN, SQL_EXPORT_BYTES,
	/* store_dump, one per table in this order */
	SQL_DUMP_FIRST, SQL_DUMP_LAST = SQL_DUMP_FIRST + 15,
	SQL__MAX
};
#define STORE_AUDIT_KEY_LEN 32
/* The prev_hash of the first audit record. */
#define STORE_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The text of each statement (store/sql.c). */
extern const char *const store_sql_text[SQL__MAX];

/* A form's shape: the lists (and their candidates' count) and the voter-card flag. */
struct store_shape {
	struct tally_list *lists;
	size_t n;
	int voter_cards;
	struct store_shape *older;  /* replaced shapes, kept until store_close */
};

struct store {
	sqlite3 *db;
	pthread_mutex_t lock;
	store_chain_fn chain;
	sqlite3_stmt *stmt[SQL__MAX];
	/* The folder beside the database (keys.c): its path, the audit key (keys 1 when it
	 * was read), and the record this connection's open transaction appended last. */
	char *keydir;
	void (*after_commit)(struct store *s, int committed);  /* store_anchor_flush */
	unsigned char audit_key[STORE_AUDIT_KEY_LEN];
	int keys;
	long anchor_id;
	char anchor_hash[65];
	/* The anchor to write (committed, not yet written) and the last one written; the writes
	 * happen off the commit path (store_anchor_sync), serialized by anchor_lock. */
	long pending_id, anchored_id;
	char pending_hash[65];
	pthread_mutex_t anchor_lock;
	pthread_cond_t anchor_wake;
	pthread_t anchor_thread;
	int anchor_running, anchor_stop;
	/* The shape of a count form, cached: loaded again when PRAGMA data_version says
	 * another connection changed the database, or after this one imported lists. */
	struct store_shape *shape;
	long shape_version;
	int shape_valid;
};

/*
 * The statement id, ready to bind (reset, no bindings); NULL when it cannot be
 * prepared (the cause recorded for store_last_error). Locked.
 */
sqlite3_stmt *store_sql(struct store *s, enum store_sql id);
/* Resets st and clears its bindings: after every use. NULL is a no-op. */
void store_sql_done(sqlite3_stmt *st);
/*
 * Steps st once: 1 at a row, 0 at its end, or the store error of a failure
 * (recorded; st reset). st NULL (not prepared): STORE_ERR_IO.
 */
int store_step(struct store *s, sqlite3_stmt *st);
/* Steps st to its end and resets it: STORE_OK or the failure's store error. */
int store_run(struct store *s, sqlite3_stmt *st);
/*
 * Records the connection's message as the last error and returns the store
 * error for SQLite's rc: STORE_ERR_EXISTS only for a UNIQUE or PRIMARY KEY
 * violation, STORE_ERR_NOMEM, else STORE_ERR_IO.
 */
int store_fail(struct store *s, int rc);
/* Records a failure that is not SQLite's (a stored row that does not parse) and returns err. */
int store_fail_msg(int err, const char *msg);

/* Takes the lock and begins a write transaction (BEGIN IMMEDIATE); on failure lets go of it. */
int store_tx_begin(struct store *s);
/*
 * Commits when rc is STORE_OK, else rolls back, and lets go of the lock.
 * Returns rc, or the commit's failure. One pair per write: begin, then one
 * cleanup label that ends it.
 */
int store_tx_end(struct store *s, int rc);

/* Runs a statement that takes one text per parameter (NULL binds SQL NULL) to its end. */
int store_run_text(struct store *s, enum store_sql id, int n, const char *const *v);
/* The first column of a statement's one row as an integer: STORE_OK, STORE_ERR_NOT_FOUND, or a failure. */
int store_one_int(struct store *s, sqlite3_stmt *st, long long *out);
/* Now as every stored moment is written (date_now_utc): "2026-03-18T21:14:05.123Z". */
void store_now(char out[32]);
/* Column col as an integer, or null_value when it is NULL. */
long long store_col_int_or(sqlite3_stmt *st, int col, long long null_value);
/*
 * A whole table read under the lock: every row of statement id (which takes no
 * parameters) through row(), as store_collect.
 */
int store_list(struct store *s, enum store_sql id, size_t elsize,
               void (*row)(sqlite3_stmt *st, void *elem), void **out, size_t *n);
int store_audit_locked(struct store *s, const struct store_actor *who, const char *action,
                       const char *detail);
/* An audit record as its link covers it: its six fields joined by US (malloc'd; NULL: no memory). */
char *store_audit_record_text(const char *const f[6]);
/* Runs fixed SQL text (the schema, a migration, a PRAGMA; never built from input). */
int store_exec_fixed(struct store *s, const char *sql);
/* The secret table's row itself (store_secret_get_locked sends private names to keys.c). */
int store_secret_get_row(struct store *s, const char *name, char **out, size_t *len);
/* How many private keys table secret still holds (a database from before keys.c). Locked. */
int store_secret_private_count(struct store *s, int *n);

/* ---- the folder beside the database (store/keys.c) ---- */

/* The private keys' names: kept in the folder, never in table secret. */
#define STORE_PRIVATE_KEYS 4
extern const char *const store_private_keys[STORE_PRIVATE_KEYS];
/* Whether a secret's name is a private key's. */
int store_key_is_private(const char *name);
/* Makes the folder (EXISTS when there: another database's keys?); a new audit key into it. */
int store_keys_folder_make(struct store *s);
int store_audit_key_new(struct store *s);
/* Removes what the folder holds, and the folder (a failed upgrade leaves none). */
void store_keys_folder_remove(struct store *s);
/* A private key's PEM written to / read from the folder (NOT_FOUND when not there). */
int store_key_put(struct store *s, const char *name, const void *value, size_t len);
int store_key_get(struct store *s, const char *name, char **out, size_t *len);
/* Finds the folder DB.keys and reads the audit key; create: makes both (EXISTS when there). */
int store_keys_open(struct store *s, const char *db, int create);
/* A database with its keys in table secret: moves them out, seals the chain under a key (seal.c). */
int store_keys_upgrade(struct store *s);
/* One link of the chain under the audit key: out = chain(key, prev, rec). */
void store_audit_link(struct store *s, const char *prev, const char *rec, char out[65]);
/* The anchor (id and hash of the last record written): NOT_FOUND when there is none. */
int store_anchor_read(const struct store *s, long *id, char hash[65]);
/* After a transaction (store_tx_end): the record it appended last, when committed, is the
 * anchor to write next (no I/O here: a save never waits for the anchor's fsync). Locked. */
void store_anchor_flush(struct store *s, int committed);
/* Stops the anchor's thread (if any) and writes the last anchor (store_close). */
void store_anchor_stop(struct store *s);
void store_col_copy(sqlite3_stmt *st, int col, char *buf, size_t size);
/* An audit record from a row of id, at, actor, role, address, action, detail, hash. */
void store_audit_row_read(sqlite3_stmt *st, struct store_audit_row *row);
/*
 * Steps st to its end, turning each row into an element of elsize bytes with
 * row(); resets st. Returns STORE_OK with *out (malloc'd, NULL when there are
 * no rows; the caller frees) and *n, or a failure (*out NULL). Runs locked.
 */
int store_collect(struct store *s, sqlite3_stmt *st, size_t elsize,
                  void (*row)(sqlite3_stmt *st, void *elem), void **out, size_t *n);

/* Inserts one account with its audit record; runs inside a transaction (STORE_ERR_EXISTS
 * when the name is taken). *id set when id is not NULL. */
int store_account_insert_locked(struct store *s, const char *name, const char *role,
                                const char *pw_hash, int must_change, const char *at,
                                const struct store_actor *who, long *id);

/*
 * Notes that account id (role: its role now) was changed (kind: created, password_reset,
 * enabled, role_changed) at moment at by who, when data entry has begun: it then awaits a
 * coordinator's confirmation (store/confirm.c). Inside the change's transaction.
 */
int store_account_change_note_locked(struct store *s, long id, const char *kind,
                                     const char *role, const char *at,
                                     const struct store_actor *who);
/* Marks the moment data entry began (the first claim), once. Inside a transaction. */
int store_entry_began_mark_locked(struct store *s);

/* 1 while a final export stands (the count is finished), 0 when not, -1 on failure. Locked. */
int store_count_finished_locked(struct store *s);
/*
 * Inside store_export_record's transaction: a final export of the current session
 * (*session set) finishes it (finished_at); later.c. And store_count_reopen's: the
 * current session is open again (finished_at cleared).
 */
int store_later_finish_locked(struct store *s, int *session, const char *at);
int store_later_unfinish_locked(struct store *s, int session);
/*
 * Inside store_apply's transaction: what closes the station (tally_later_closed),
 * and, when the event starts the corrected entries (tally_correction_starts), the
 * station's entries dropped and its investigation marked started.
 */
int store_later_start_locked(struct store *s, int station);

/* ---- the form's shape and text (store/form.c); all locked ---- */

/* The current shape, loaded or checked afresh (PRAGMA data_version); *out owned by the store. */
int store_shape_get(struct store *s, const struct store_shape **out);
/* Frees every shape (store/store.c, at store_close; s->shape_valid = 0 drops the cached one
 * after this connection imported lists). */
void store_shape_free(struct store *s);
/* Frees one shape with its lists. */
void store_shape_free_one(struct store_shape *sh);
/* A form of shape sh as text (malloc'd; NULL when memory runs out). */
char *store_form_text(const struct tally_form *f);
/* Parses a stored form's text against shape sh; NULL when it does not fit (recorded). */
struct tally_form *store_form_parse(const struct store_shape *sh, const char *text);
/* Paths as one space-separated text and back (0, or -1 when memory runs out). */
char *store_paths_text(const struct tally_paths *p);
int store_paths_parse(const char *t, struct tally_paths *out);

/* Records an imported file with its audit record ("import"); inside a transaction. */
int store_import_record_locked(struct store *s, const struct store_file *f,
                               const struct store_actor *who);
/* Withdraws every lot drawn (the count was reopened at moment at); inside a transaction. */
int store_result_lots_withdraw_locked(struct store *s, const char *at);

#endif
