#ifndef EXPORT_DOCS_H
#define EXPORT_DOCS_H
/*
 * The documents of the count besides the 510b: the proces-verbaal (PDF, in
 * the spirit of the Kiesraad's Na 31-2) and OSV's "osv4-3" CSV. Both are made
 * from the same input as the 510b (struct eml_510b), so every figure in them
 * is the figure in the file.
 */
#include <stddef.h>
#include "export/eml.h"

/* The committee's session as the PV states it; an empty (or NULL) text is not known yet and
 * printed as a line to fill in by hand. */
struct pv_session {
	const char *place;
	const char *date;                   /* "2026-03-18" */
	const char *start_time, *end_time;  /* "21:00" */
	const char *const *members;         /* "J. de Vries, voorzitter", ... */
	size_t nmembers;
};

/* An account made or changed after data entry began (store/confirm.c), as the PV lists it. */
struct pv_account_change {
	const char *account, *role;         /* its name; "typist", "coordinator", "administrator" */
	const char *kind;                   /* "created", "password_reset", "enabled", "role_changed" */
	const char *at;                     /* when (stored form, UTC) */
	const char *by;                     /* who changed it */
	const char *confirmed_at;           /* "" or NULL: not confirmed */
	const char *confirmed_by;
};

struct pv_input {
	const struct eml_510b *count;  /* stations with forms[i] == NULL are not definitive yet */
	const char *hash_code;         /* the 510b's SHA-256 as 16 groups of 4 hex digits */
	const char *key_fingerprint;   /* the Ed25519 signing key's fingerprint, grouped likewise */
	const char *created;           /* "2022-03-17T01:32:49": printed, and the PDF's date */
	int draft;                     /* 1: "CONCEPT" across every page */
	const struct pv_session *session; /* NULL: every detail of the session to fill in by hand */
	/* When data entry began ("" or NULL: not yet), and the accounts made or changed since */
	const char *entry_began;
	const struct pv_account_change *accounts;
	size_t naccounts;
	/* The audit log's head as "ID HASH" (NULL or "": not printed): the PV anchors the log */
	const char *audit_head;
};

/*
 * Writes the proces-verbaal as PDF into memory: the election and municipality,
 * the committee's session (in->session), a table of every station's figures
 * A-J, the totals per list and candidate (names from count->lists), the
 * accounts made or changed after data entry began with who confirmed them
 * (in->accounts), signature lines for the committee, and on every
 * page a footer with the 510b's hash code, the key's fingerprint and
 * "pagina n van m". Returns 0 with *bytes (malloc'd) and *len, or -1.
 */
int pv_write(const struct pv_input *in, char **bytes, size_t *len);

/*
 * Writes the count as OSV's "osv4-3" CSV (the layout of the Kiesraad's
 * eml2csv; see tests/data/eml/real/osv4-3_*.csv). Candidate names come from
 * count->lists. Returns 0 with *bytes (malloc'd) and *len, or -1.
 */
int csv_write_osv(const struct eml_510b *count, char **bytes, size_t *len);

#endif
