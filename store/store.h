#ifndef STORE_STORE_H
#define STORE_STORE_H
/*
 * The SQLite database: the only code that speaks SQL. One connection per
 * process, guarded by a mutex; every write is one BEGIN IMMEDIATE transaction
 * that includes its audit record, and returns only after COMMIT.
 */
#include <stddef.h>
#include "tally/election.h"

#define STORE_SCHEMA_VERSION 1

enum store_err {
	STORE_OK = 0,
	STORE_ERR_IO = -1,          /* SQLite or file system failure */
	STORE_ERR_EXISTS = -2,      /* the thing already exists */
	STORE_ERR_NOT_FOUND = -3,
	STORE_ERR_STATE = -4,       /* not allowed in the present state */
	STORE_ERR_VERSION = -5,     /* database made by a newer Teller */
	STORE_ERR_NOMEM = -6,
	STORE_ERR_NOT_TELLER = -7,  /* the file is not a Teller database */
	STORE_ERR__MIN = -8
};
const char *store_strerror(int err);

struct store;

/*
 * Computes an audit record's chain hash: out = hex SHA-256 over prev and rec.
 * Supplied by the caller (crypto/), so that store/ needs no crypto library.
 */
typedef void (*store_chain_fn)(const char *prev_hex, const char *record, char out[65]);

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
/* The message of the last SQLite failure on this connection (for logs). */
const char *store_last_error(struct store *s);

/* Settings of the installation (municipality code and name, ...). */
int store_meta_set(struct store *s, const char *key, const char *value);
/* Copies the value into buf; STORE_ERR_NOT_FOUND when unset. */
int store_meta_get(struct store *s, const char *key, char *buf, size_t size);
/* Secrets (keys): *out is malloc'd and NUL-terminated, caller cleanses and frees. */
int store_secret_set(struct store *s, const char *name, const void *value, size_t len);
int store_secret_get(struct store *s, const char *name, char **out, size_t *len);

/* Appends an audit record in its own transaction. */
int store_audit(struct store *s, const struct store_actor *who, const char *action,
                const char *detail);
/*
 * Walks the audit chain; returns STORE_OK when intact, STORE_ERR_STATE and
 * sets *bad_id to the first record whose hash does not follow.
 */
int store_audit_verify(struct store *s, long *bad_id);
/* Number of audit records. */
long store_audit_count(struct store *s);

/* Metadata of an imported file. */
struct store_file {
	const char *kind;          /* "110a", "110b", "230b" */
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
 * Imports (or replaces) the stations of a 110b. STORE_ERR_STATE when any
 * station's data entry has begun.
 */
int store_import_stations(struct store *s, const struct tally_station *st, size_t n,
                          const struct store_file *f, const struct store_actor *who);
/* Imports (or replaces) the lists of a 230b; STORE_ERR_STATE once entry has begun. */
int store_import_lists(struct store *s, const struct tally_list *lists, size_t n,
                       const struct store_file *f, const struct store_actor *who);

struct store_station {
	struct tally_station st;
	char status[24];
};
/* All stations in number order; *out malloc'd, caller frees. */
int store_stations_get(struct store *s, struct store_station **out, size_t *n);
/* All lists with candidates; free with tally_lists_free. */
int store_lists_get(struct store *s, struct tally_list **out, size_t *n);

/* Adds an account; STORE_ERR_EXISTS when the name is taken. *id may be NULL. */
int store_account_add(struct store *s, const char *name, const char *role,
                      const char *pw_hash, int must_change, const struct store_actor *who,
                      long *id);
/* Number of accounts with this role (NULL: all). */
long store_account_count(struct store *s, const char *role);

/*
 * A text dump of every table, one row per line (secrets and file bytes as
 * lengths only): for tests that check a refused action changed nothing, and
 * for support. *out malloc'd, caller frees.
 */
int store_dump(struct store *s, char **out);

#endif
