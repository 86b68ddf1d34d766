#ifndef STORE_STORE_H
#define STORE_STORE_H
/*
 * The SQLite database: the only code that speaks SQL. One connection per
 * process, guarded by a mutex; every write is one BEGIN IMMEDIATE transaction
 * that includes its audit record, and returns only after COMMIT.
 */
#include <stddef.h>
#include "base/limits.h"
#include "tally/count.h"

#define STORE_SCHEMA_VERSION 7

enum store_err {
	STORE_OK = 0,
	STORE_ERR_IO = -1,          /* SQLite or file system failure */
	STORE_ERR_EXISTS = -2,      /* the thing already exists */
	STORE_ERR_NOT_FOUND = -3,
	STORE_ERR_STATE = -4,       /* not allowed in the present state */
	STORE_ERR_VERSION = -5,     /* database made by a newer Teller */
	STORE_ERR_NOMEM = -6,
	STORE_ERR_NOT_TELLER = -7,  /* the file is not a Teller database */
	STORE_ERR_STALE = -8,       /* written from an old copy: newer work is stored */
	STORE_ERR_INVALID = -9,     /* the caller's data does not fit: a value the schema refuses
	                             * (CHECK, NOT NULL, FOREIGN KEY), a form of another shape,
	                             * an action whose entry is not its event's */
	STORE_ERR__MIN = -10
};
/*
 * The convention: EXISTS means a UNIQUE or PRIMARY KEY violation and nothing
 * else; STATE a rule of state (a documented refusal, nothing written);
 * NOT_FOUND a row that is not there; a failure of the database is IO, never
 * one of those, and store_last_error holds its cause.
 */
const char *store_strerror(int err);

struct store;

/*
 * Computes an audit record's chain hash: out = hex HMAC-SHA256 under key over
 * prev and rec (key NULL: the plain SHA-256 of databases made before the key,
 * read only to upgrade them). Supplied by the caller (crypto/, audit_chain_hmac),
 * so that store/ needs no crypto library.
 */
typedef void (*store_chain_fn)(const unsigned char *key, size_t keylen, const char *prev_hex,
                               const char *record, char out[65]);

/* Who does something: written to the audit log with every change. */
struct store_actor {
	const char *name;      /* account name, or "cli:<login>" */
	const char *role;      /* typist, coordinator, administrator, or "system" */
	const char *address;   /* client IP address, or "local" */
};

/* Creates a new database file (mode 0600); refuses to overwrite (STORE_ERR_EXISTS). */
int store_create(const char *path, store_chain_fn chain, struct store **out);
/* Opens an existing database and brings its schema up to date. */
int store_open(const char *path, store_chain_fn chain, struct store **out);
/* Closes; NULL is a no-op. */
void store_close(struct store *s);
/*
 * The cause of the calling thread's last store failure (SQLite's message, or
 * the store's own), for logs; "no failure recorded" when there was none.
 */
const char *store_last_error(struct store *s);

/* Settings of the installation (municipality code and name, ...). */
int store_meta_set(struct store *s, const char *key, const char *value);
/* Copies the value into buf; STORE_ERR_NOT_FOUND when unset, STORE_ERR_IO when the
 * database cannot say (never read as unset). */
int store_meta_get(struct store *s, const char *key, char *buf, size_t size);
/* Secrets (keys): *out is malloc'd and NUL-terminated, caller cleanses and frees. */
int store_secret_set(struct store *s, const char *name, const void *value, size_t len);
int store_secret_get(struct store *s, const char *name, char **out, size_t *len);

/*
 * The folder beside the database (DB.keys/, store/keys.c) holds the private
 * keys, the audit key and the audit anchor; store_secret_* send the private
 * keys' names there. A backup carries none of it.
 * store_keys_new: a database without its folder (a backup restored on another
 * laptop) gets one with a new audit key, and its log is sealed anew under it
 * (*n records; the old links could not be checked). STORE_ERR_STATE when it
 * has its keys, STORE_ERR_EXISTS when a folder is there.
 * store_anchor_reset: after a restore on the same laptop, the anchor is set to
 * the restored log's last record (id, hash), which the log then records.
 * store_keys_present: 1 when the audit key was found beside the database.
 */
int store_keys_new(struct store *s, long *n);
int store_anchor_reset(struct store *s, long id, const char *hash);
/*
 * The anchor follows the commits off their path: store_anchor_sync writes the
 * last committed record's (fdatasync, rename); store_anchor_start runs it every
 * STORE_ANCHOR_MS on a thread of its own (teller serve), store_close once more.
 * After a power cut the anchor may lag the log by that much, never lead it.
 */
#define STORE_ANCHOR_MS 200
int store_anchor_sync(struct store *s);
int store_anchor_start(struct store *s);
int store_keys_present(const struct store *s);
/* The anchor: the id and hash of the last audit record written (NOT_FOUND: none). */
int store_audit_anchor(struct store *s, long *id, char hash[65]);
/* The last audit record's id and hash (0 and "" when the log is empty); _locked: in a
 * transaction or read snapshot. */
int store_audit_head(struct store *s, long *id, char hash[65]);
int store_audit_head_locked(struct store *s, long *id, char hash[65]);

/* Appends an audit record in its own transaction. */
int store_audit(struct store *s, const struct store_actor *who, const char *action,
                const char *detail);
/*
 * Walks the audit chain; returns STORE_OK when intact, STORE_ERR_STATE and
 * sets *bad_id to the first record whose hash does not follow.
 */
int store_audit_verify(struct store *s, long *bad_id);
/* One audit record. */
struct store_audit_row {
	long id;
	char at[32], actor[64], role[16], address[64], action[48], detail[512], hash[65];
};
/* Calls fn for each audit record in order (fn returns non-zero to stop). */
int store_audit_each(struct store *s, int (*fn)(void *arg, const struct store_audit_row *row),
                     void *arg);
/* Number of audit records. */
long store_audit_count(struct store *s);

/* Metadata of an imported file. */
struct store_file {
	const char *kind;          /* "110a", "110b", "230b", "510b" */
	const char *name;          /* file name as given */
	const char *sha256_hex;
	int hash_checked;          /* 1 when the user confirmed the hash code */
	const void *bytes;
	size_t len;
};

/* The election, or STORE_ERR_NOT_FOUND before the 110a is imported. */
int store_election_get(struct store *s, struct tally_election *e);
/*
 * Imports a 110a: STORE_ERR_EXISTS when an election is already there. When
 * muni_code is not NULL, the municipality (meta municipality_code/_name) is
 * set in the same transaction.
 */
int store_import_election(struct store *s, const struct tally_election *e,
                          const struct tally_region *regions, size_t nregions,
                          const char *muni_code, const char *muni_name,
                          const struct store_file *f, const struct store_actor *who);
/* The regions of the election tree; *out malloc'd, caller frees. */
int store_regions_get(struct store *s, struct tally_region **out, size_t *n);
/*
 * Imports (or replaces) the stations of a 110b, and the municipality's
 * electorate (its MaxVotes; -1 when not given) as meta electorate.
 * STORE_ERR_STATE when any station's data entry has begun.
 */
int store_import_stations(struct store *s, const struct tally_station *st, size_t n,
                          long electorate, const struct store_file *f,
                          const struct store_actor *who);
/*
 * Imports (or replaces) the lists of a 230b, and its contest (the electoral
 * district: "geen" for GR) as meta contest_id/contest_name; STORE_ERR_STATE
 * once entry has begun.
 */
int store_import_lists(struct store *s, const struct tally_list *lists, size_t n,
                       const char *contest_id, const char *contest_name,
                       const struct store_file *f, const struct store_actor *who);

struct store_station {
	struct tally_station st;
	char status[24];
};
/* All stations in number order; *out malloc'd, caller frees. */
int store_stations_get(struct store *s, struct store_station **out, size_t *n);
/* All lists with candidates; free with tally_lists_free. */
int store_lists_get(struct store *s, struct tally_list **out, size_t *n);
/* How many candidate lists are imported; -1 when the database cannot say. */
long store_lists_count(struct store *s);

/* Adds an account; STORE_ERR_EXISTS when the name is taken (in any case: "Jansen" when
 * "jansen" exists). *id may be NULL. */
int store_account_add(struct store *s, const char *name, const char *role,
                      const char *pw_hash, int must_change, const struct store_actor *who,
                      long *id);
/* Number of accounts with this role (NULL: all). */
long store_account_count(struct store *s, const char *role);

/* ---- Accounts ---- */

#define STORE_NAME_MAX LIMIT_USERNAME_MAX
#define STORE_HASH_MAX 160

struct store_account {
	long id;
	char name[STORE_NAME_MAX];
	char role[16];
	char pw_hash[STORE_HASH_MAX];
	int must_change;
	int disabled;              /* 1: cannot log in; its work and audit records stay */
	char created_at[32];
	char last_login[32];       /* empty when never */
	int unconfirmed;           /* 1: made or changed after data entry began and not yet
	                            * confirmed by a coordinator (store_account_confirm) */
};

/*
 * Finds an account by name (compared without regard to case: "Jansen" finds
 * "jansen") or id; STORE_ERR_NOT_FOUND when there is none.
 */
int store_account_by_name(struct store *s, const char *name, struct store_account *a);
int store_account_by_id(struct store *s, long id, struct store_account *a);
/* All accounts by name; *out malloc'd, caller frees (pw_hash left empty). */
int store_accounts_list(struct store *s, struct store_account **out, size_t *n);
/* Adds n accounts in one transaction: all or none (STORE_ERR_EXISTS names taken). */
int store_accounts_add_many(struct store *s, const char *const *names, const char *const *roles,
                            const char *const *hashes, size_t n, const struct store_actor *who);
/* Sets an account's password hash and must_change flag; audited. */
int store_account_set_password(struct store *s, long id, const char *pw_hash, int must_change,
                               const struct store_actor *who);
/*
 * The administrator's reset: a new password hash that must be changed at the
 * next login (must_change = 1), and every session of the account ends, in one
 * transaction with its audit record ("password_reset"). STORE_ERR_NOT_FOUND
 * for an unknown id (nothing written).
 */
int store_account_reset_password(struct store *s, long id, const char *pw_hash,
                                 const struct store_actor *who);
/*
 * A login's upgrade of an old password hash (scrypt) to today's (Argon2id) for the
 * same password: written only while the account still has old_hash (a reset or a
 * new password meanwhile wins: STORE_ERR_STALE, nothing written); must_change and
 * the sessions are left as they are. Audited ("password_rehash").
 */
int store_account_rehash(struct store *s, long id, const char *old_hash, const char *new_hash,
                         const struct store_actor *who);
/*
 * Disables (disabled 1: it cannot log in and its sessions end at once) or
 * enables (0) an account, in one transaction with its audit record
 * ("account_disable", "account_enable"); the account, its work and its audit
 * records stay. STORE_ERR_NOT_FOUND for an unknown id, STORE_ERR_STATE when it
 * would disable the last enabled administrator; nothing is written then. An
 * account already in that state: STORE_OK, nothing written.
 */
int store_account_set_disabled(struct store *s, long id, int disabled,
                               const struct store_actor *who);

/* ---- Accounts made or changed after data entry began (store/confirm.c) ---- */

/*
 * Data entry begins with the first claim of an entry; the moment is kept and
 * never cleared. An account made, given a new password by somebody else
 * (store_account_reset_password) or enabled again after it gets a change that
 * awaits confirmation: until a coordinator confirms it, the account may log in
 * and change its password but not enter or decide counts (entry/api.c).
 */
struct store_account_change {
	long id, account_id;
	char account[STORE_NAME_MAX];
	char kind[16];              /* created, password_reset, enabled, role_changed */
	char role[16];              /* the account's role after the change */
	char at[32];
	char by[STORE_NAME_MAX], by_role[16];
	char confirmed_at[32];      /* "" while it awaits confirmation */
	char confirmed_by[STORE_NAME_MAX];
	int disabled;               /* the account is disabled now */
};
/* When data entry began (stored form, UTC) in out; "" before. */
int store_entry_began(struct store *s, char out[32]);
int store_entry_began_locked(struct store *s, char out[32]);
/* Every change, oldest first; *out malloc'd (NULL when none; the caller frees). */
int store_account_changes(struct store *s, struct store_account_change **out, size_t *n);
int store_account_changes_locked(struct store *s, struct store_account_change **out, size_t *n);
/*
 * A coordinator (by_id, who) confirms every change of account id that awaits
 * confirmation, in one transaction with its audit record ("account_confirm");
 * *confirmed: how many. STORE_ERR_NOT_FOUND for an unknown account,
 * STORE_ERR_STATE when nothing awaits, STORE_ERR_INVALID for one's own account or
 * when by_id awaits confirmation itself; nothing is written then.
 */
int store_account_confirm(struct store *s, long id, long by_id, const struct store_actor *who,
                          long *confirmed);

/* ---- Sessions (only the token's hash is stored) ---- */

struct store_session {
	long account_id;
	char address[64];
	char user_agent[128];
	char started[32];
	long last_seen;           /* unix seconds */
	struct store_account account;
};

/* Creates a session and records the login (audit, last_login). */
int store_session_create(struct store *s, const char *token_hash, long account_id,
                         const char *address, const char *user_agent, long now,
                         const struct store_actor *who);
/* Finds a live session: STORE_ERR_NOT_FOUND when none, when its account is disabled, or
 * idle longer than max_idle seconds (then it is deleted). Updates last_seen when older
 * than a minute. */
int store_session_get(struct store *s, const char *token_hash, long now, long max_idle,
                      struct store_session *out);
/* Ends a session (logout); audited when who is not NULL. */
int store_session_delete(struct store *s, const char *token_hash, const struct store_actor *who);
/* Ends every session of an account except keep_hash (after a password change). */
int store_sessions_end_account(struct store *s, long account_id, const char *keep_hash);
/* Live sessions (idle at most max_idle), newest first; *out malloc'd. */
int store_sessions_list(struct store *s, long now, long max_idle, struct store_session **out,
                        size_t *n);

/* ---- Double data entry ---- */

/* A station with its double-entry state and who typed. */
struct store_station_full {
	struct tally_station st;
	struct tally_station_state state;
	char first_name[STORE_NAME_MAX], second_name[STORE_NAME_MAX];
	int has_warnings;          /* a finalised entry had warnings */
	/* who last changed the station's state, with which event (tally_event_name), when */
	char changed_by[STORE_NAME_MAX], changed_action[48], changed_at[32];
	/* the entry in progress, if any: where its typist is (section) and its last save */
	char open_progress[64], open_updated[32];
};
/* All stations with their state, in number order; *out malloc'd. */
int store_stations_full(struct store *s, struct store_station_full **out, size_t *n);
int store_station_full(struct store *s, int number, struct store_station_full *out);

/* One entry as stored. form is owned (tally_form_free); cleared freed with tally_paths_free. */
struct store_entry {
	int entry_no;
	long account_id;
	char account_name[STORE_NAME_MAX];
	struct tally_form *form;
	char progress[64];
	int finalised, has_errors, has_warnings, warnings_confirmed;
	struct tally_paths cleared;
	long revision;             /* changes with every write; unique across entries */
};
void store_entry_clear(struct store_entry *e);
/* Reads entry 1 or 2 of a station; STORE_ERR_NOT_FOUND when it does not exist. */
int store_entry_get(struct store *s, int station, int entry_no, struct store_entry *out);
/* Only the revision of an entry (cheap); STORE_ERR_NOT_FOUND when it does not exist. */
int store_entry_revision(struct store *s, int station, int entry_no, long *rev);

/*
 * A new count form shaped for this election (every field empty); NULL when
 * no lists are imported or memory runs out. Caller frees with tally_form_free.
 */
struct tally_form *store_form_new(struct store *s);
/* The lists and voter-card flag that shape the forms, as the database holds them now (also
 * after another process imported lists); owned by the store, valid until store_close. */
int store_form_shape(struct store *s, const struct tally_list **lists, size_t *n,
                     int *has_voter_cards);

/* What a typist or the coordinator does to a station (see tally_transition). */
struct store_action {
	struct tally_event ev;
	int entry_no;                   /* 1 or 2 for typist events, 0 for coordinator events */
	const struct tally_form *form;  /* for save/finalise: the form to store (may be NULL on
	                                 * finalise: the saved one is kept) */
	const char *progress;           /* for save: where the typist is */
	int has_warnings, warnings_confirmed; /* for finalise */
	long revision;                  /* for save: the revision the typist's copy started
	                                 * from; another one stored is STORE_ERR_STALE (0: any) */
	long *revision_out;             /* when not NULL: the entry's revision after a write */
	/*
	 * When not NULL and the action writes a form (a save, or a finalise that sends
	 * one): the form is validated inside the write (tally_validate, with
	 * the station's electorate and W.206 against the definitive stations, as the
	 * transaction sees them), its findings are put here (the caller frees them with
	 * tally_findings_free, whatever the result), and they, not ev.has_errors,
	 * ev.has_warnings and has_warnings, decide a finalise. NULL: the caller's flags.
	 */
	struct tally_findings *findings_out;
	char *why_out;                  /* when not NULL: why the form does not fit the
	                                 * election (STORE_ERR_INVALID), whysize bytes */
	size_t whysize;
	struct tally_station_state *before_out; /* when not NULL: the state it found */
};
/*
 * Applies one action in one transaction: reads the station's state, asks
 * tally_transition, and when it is OK writes the new state, the entries'
 * data (TALLY_DATA_*) and an audit record, then commits. Returns STORE_OK
 * with *verdict TALLY_OK and *after the new state; STORE_OK with a refusing
 * *verdict when tally refused (nothing changed); STORE_ERR_STALE when a save
 * names another revision than the stored one (nothing changed); or a store
 * error. While a final export stands (store_count_finished), tally refuses
 * every change (TALLY_V_COUNT_FINISHED). STORE_ERR_INVALID (nothing written)
 * for an entry_no that is not the event's or a form that does not fit the
 * election's lists (checked before tally's verdict, after the station is found).
 * Whether entry 2 is identical to entry 1 (a finalise of entry 2) is the store's
 * to say, inside the write, from the two stored texts: ev.identical is ignored.
 * The form is written out as text once, for the W.206 lookup, the comparison
 * and the row.
 */
int store_apply(struct store *s, int station, const struct store_action *a,
                const struct store_actor *who, enum tally_verdict *verdict,
                struct tally_station_state *after);

/*
 * The definitive forms of every station (for totals and export), in station
 * order: forms[i] is station numbers[i]'s. Free with store_forms_free.
 */
int store_definitive_forms(struct store *s, struct tally_form ***forms, int **numbers, size_t *n);
void store_forms_free(struct tally_form **forms, int *numbers, size_t n);
/* Stations other than station whose definitive form is the same as form (for W.206). */
int store_identical_definitive(struct store *s, int station, const struct tally_form *form,
                               int *numbers, size_t max, size_t *n);

/* ---- The export history and the finished count (store/export.c) ---- */

#define STORE_EXPORT_FILES_MAX 8
struct store_export_file {
	char name[256];
	char hash_code[80];        /* SHA-256 as 16 groups of 4 */
	long size;
	const void *bytes;         /* to record: the file (a final export keeps it; NULL: not
	                            * kept); never read back by store_exports_list */
};
struct store_export {
	long id;
	int draft;
	char created[32];          /* the documents' own moment */
	char made_at[32], made_by[STORE_NAME_MAX];
	long stations_definitive, stations_total;
	int withdrawn;             /* a final export withdrawn by reopening the count */
	char withdrawn_at[32], withdrawn_by[STORE_NAME_MAX], withdrawn_reason[512];
	size_t nfiles;
	struct store_export_file files[STORE_EXPORT_FILES_MAX];
	/* The audit log's head the documents print (a final export keeps it with its moment). */
	char audit_head[96];
	int session;               /* the session it was made in (set by store_export_record) */
};
/*
 * Records an export (x: draft, created, the stations and files filled in) with
 * one audit record per file, in one transaction; sets x->id, made_at and
 * made_by. A final export finishes the count (store_count_finished).
 */
int store_export_record(struct store *s, const struct store_actor *who, struct store_export *x);
/* Every export, newest first; *out malloc'd (the caller frees), NULL when none. */
int store_exports_list(struct store *s, struct store_export **out, size_t *n);
/* 1 while the current session's final export stands (every station closed), 0 when not,
 * -1 on failure. */
int store_count_finished(struct store *s);
/*
 * The coordinator reopens a finished count: the standing final export(s) are
 * marked withdrawn with the reason, and stations can change again; audited in
 * the same transaction. *withdrawn: how many. STORE_ERR_STATE when the count
 * is not finished (nothing changed).
 */
int store_count_reopen(struct store *s, const struct store_actor *who, const char *reason,
                       long *withdrawn);

/* ---- Hours and costs (the rules are costs/'s; here only rows) ---- */

struct store_cost_settings {
	long long hourly, laptop_day, per_km;  /* cents */
	int vat_bp;                            /* VAT in 1/100 percent */
	int rates_set;                         /* 1 once the rates were given */
	char provider_name[128];
	char provider_address[256];
	char invoice_number[64];
	char invoice_date[11];
	char provider_kvk[16];                 /* normalised by costs/: "12345678" */
	char provider_vat[24];                 /* "NL123456789B01" */
	char provider_iban[40];                /* without spaces */
};

struct store_cost_line {
	long id;
	char kind[16];            /* hours, travel, laptops, switch, cabling, other */
	char person[64];
	char date[11];
	int from_min, to_min;
	char activity[16];
	long km, count, days;
	long long amount;         /* cents, -1 when none */
	char description[256];
};

int store_costs_settings_get(struct store *s, struct store_cost_settings *out);
int store_costs_settings_set(struct store *s, const struct store_cost_settings *in,
                             const struct store_actor *who);
/* Every line, by kind then date then id; *out malloc'd. */
int store_costs_list(struct store *s, struct store_cost_line **out, size_t *n);
/*
 * Checks the line against every stored line (check returns 0 to accept, or
 * its own error, which store_costs_put returns as *refused), then adds it
 * (id 0; *id set) or replaces line id, all in one transaction with its
 * audit record. STORE_ERR_NOT_FOUND for an unknown id.
 */
typedef int (*store_cost_check)(void *arg, const struct store_cost_line *line,
                                const struct store_cost_line *all, size_t n);
int store_costs_put(struct store *s, struct store_cost_line *line, store_cost_check check,
                    void *arg, const struct store_actor *who, int *refused);
int store_costs_remove(struct store *s, long id, const struct store_actor *who);

/*
 * Copies the whole database, consistent at one moment, to a new file at path
 * (SQLite's online backup: the server may keep running), then checks the
 * copy (PRAGMA integrity_check). STORE_ERR_EXISTS when path exists.
 */
int store_backup(struct store *s, const char *path);

/*
 * A text dump of every table, one row per line (secrets and file bytes as
 * lengths only): for tests that check a refused action changed nothing, and
 * for support. *out malloc'd, caller frees.
 */
int store_dump(struct store *s, char **out);

/* ---- The audit log read back, a page at a time (store/audit_query.c) ---- */

#define STORE_AUDIT_PAGE_MAX LIMIT_AUDIT_PAGE_MAX

/* The station a record is about: N of a detail that starts "station N" (store_apply's), 0 when
 * none. */
int store_audit_station(const char *detail);

struct store_audit_filter {
	int station;              /* 0: any; else exactly this station (store_audit_station) */
	const char *actor;        /* NULL: anyone; else this account (case-insensitive) */
	const char *action;       /* NULL: any; else exactly this action */
	long before_id;           /* 0: from the newest; else only records with a smaller id */
	size_t limit;             /* 1 .. STORE_AUDIT_PAGE_MAX */
};
struct store_audit_record {
	struct store_audit_row row;
	int station;              /* store_audit_station of its detail */
};
/*
 * The records that pass f, newest first, at most f->limit: *out malloc'd (the
 * caller frees; NULL when none) and *n. *next_before_id is the before_id of
 * the next page, 0 when this is the last. STORE_ERR_STATE for a bad limit.
 */
int store_audit_query(struct store *s, const struct store_audit_filter *f,
                      struct store_audit_record **out, size_t *n, long *next_before_id);
struct store_audit_action {
	char name[48];
};
/* Every action name in the log, sorted; *out malloc'd (the caller frees). */
int store_audit_actions(struct store *s, struct store_audit_action **out, size_t *n);
/*
 * The check of store_audit_verify (the same answer, the same *bad_id), walked
 * in batches with the lock let go between them, so that a long log does not
 * hold up the typists' saves while the coordinator's page checks it.
 */
int store_audit_verify_paced(struct store *s, long *bad_id);

/* ---- The committee's session for the PV (store/committee.c) ---- */

#define STORE_COMMITTEE_MEMBERS_MAX LIMIT_COMMITTEE_MEMBERS_MAX
#define STORE_COMMITTEE_TEXT_MAX    LIMIT_COMMITTEE_TEXT_MAX   /* bytes of a place or a member */

/* Empty text: not known (yet); the PV leaves a line to fill in by hand. */
struct store_committee_session {
	int number;                           /* 1: the count's session */
	char place[STORE_COMMITTEE_TEXT_MAX + 1];
	char date[11];                        /* YYYY-MM-DD */
	char start_time[6], end_time[6];      /* HH:MM */
	size_t nmembers;
	char members[STORE_COMMITTEE_MEMBERS_MAX][STORE_COMMITTEE_TEXT_MAX + 1];
	char updated_at[32];                  /* "" when never stored */
};
/* Session number's details; STORE_ERR_NOT_FOUND (and *out empty, number set) when never stored. */
int store_committee_session_get(struct store *s, int number, struct store_committee_session *out);
/*
 * Stores (replaces) the session's details with their audit record in one
 * transaction. The caller has checked the values (committee_session_check);
 * STORE_ERR_STATE for an empty member, a line break in one, or too many.
 */
int store_committee_session_put(struct store *s, const struct store_committee_session *in,
                                const struct store_actor *who);

/* ---- Projector links: progress without a session (store/projector.c) ---- */

#define STORE_PROJECTOR_LINKS_MAX LIMIT_PROJECTOR_LINKS_MAX /* links not revoked at one time */

struct store_projector_link {
	long id;
	char created_by[STORE_NAME_MAX];
	char created_at[32];
	char revoked_at[32];                  /* "" while it works */
};
/* Adds a link by its token's SHA-256 (64 hex digits), audited; STORE_ERR_STATE when
 * STORE_PROJECTOR_LINKS_MAX links work already. */
int store_projector_link_add(struct store *s, const char *token_hash,
                             const struct store_actor *who, long *id);
/* Every link, newest first; *out malloc'd (the caller frees). */
int store_projector_links_list(struct store *s, struct store_projector_link **out, size_t *n);
/* Revokes a link, audited: STORE_ERR_NOT_FOUND, or STORE_ERR_STATE when revoked before. */
int store_projector_link_revoke(struct store *s, long id, const struct store_actor *who);
/* The working link of a token's hash; STORE_ERR_NOT_FOUND when unknown or revoked. */
int store_projector_link_find(struct store *s, const char *token_hash, long *id);

/* ---- One consistent read: a snapshot (store/store.c) ---- */

/*
 * store_read_begin takes the store's lock and begins a read transaction: the
 * *_locked readers below, called until store_read_end, all see the database
 * as it was at the first of them, as one snapshot. In between call nothing
 * but these readers (any other store_ function would wait for the lock
 * forever), and keep it short: writers wait. store_read_end ends the
 * transaction and lets go of the lock; it returns STORE_OK or a failure.
 */
int store_read_begin(struct store *s);
int store_read_end(struct store *s);
/* As store_election_get, store_lists_get, ... without taking the lock. */
int store_election_get_locked(struct store *s, struct tally_election *e);
int store_lists_get_locked(struct store *s, struct tally_list **out, size_t *n);
int store_stations_full_locked(struct store *s, struct store_station_full **out, size_t *n);
int store_station_full_locked(struct store *s, int number, struct store_station_full *out);
int store_definitive_forms_locked(struct store *s, struct tally_form ***forms, int **numbers,
                                  size_t *n);
int store_meta_get_locked(struct store *s, const char *key, char *buf, size_t size);
/* A setting, or def when it is unset (STORE_OK); a failure is never read as unset. */
int store_meta_get_or_locked(struct store *s, const char *key, char *buf, size_t size,
                            const char *def);
int store_secret_get_locked(struct store *s, const char *name, char **out, size_t *len);
struct tally_form *store_form_new_locked(struct store *s);
int store_committee_session_get_locked(struct store *s, int number,
                                       struct store_committee_session *out);

/* ---- The result: lots, deceased candidates, a 510b at a central committee (store/result.c) ---- */

/* A list (candidate 0) or a list's candidate: a lot drawn, or a deceased candidate. */
struct store_result_pair {
	int list;
	int candidate;
};
/*
 * The lots drawn (not withdrawn), in the order drawn; the deceased candidates.
 * *out malloc'd (NULL when none; the caller frees). Inside store_read_begin/end.
 */
int store_result_lots_locked(struct store *s, struct store_result_pair **out, size_t *n);
int store_result_deceased_locked(struct store *s, struct store_result_pair **out, size_t *n);
/*
 * The last moment (stored form, UTC) a lot was drawn, a deceased candidate
 * recorded or a 510b imported, "" when none: with the count's final export
 * the moment the result's files carry, so making them again gives the same bytes.
 */
int store_result_changed_locked(struct store *s, char out[32]);
/*
 * Records a lot (audited "result_lot") or a deceased candidate (audited
 * "result_deceased"; STORE_ERR_EXISTS when recorded before). A candidate the
 * lists do not hold is STORE_ERR_NOT_FOUND. Whether a lot fits is the caller's
 * check (tally_result_lot_fits), made before.
 */
int store_result_lot_add(struct store *s, const struct store_result_pair *lot,
                         const struct store_actor *who);
int store_result_deceased_add(struct store *s, const struct store_result_pair *c,
                              const struct store_actor *who);

/* A municipality's 510b, imported by a central committee (table count_file), byte for byte. */
struct store_count_file {
	char name[256];
	char sha256_hex[65];
	char imported_at[32];
	char *bytes;                 /* malloc'd; the caller frees */
	size_t len;
};
int store_count_file_import(struct store *s, const struct store_file *f,
                            const struct store_actor *who);
/* The latest imported 510b: STORE_OK, STORE_ERR_NOT_FOUND, or a failure. Locked. */
int store_count_file_get_locked(struct store *s, struct store_count_file *out);

/* Later sessions: sessions, investigations, kept figures and files (store/later.h). */
#include "store/later.h"

#endif
