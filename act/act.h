#ifndef ACT_ACT_H
#define ACT_ACT_H
/*
 * act/: the actions that the command line and the LAN server share, each
 * orchestrated over the rooms below: import a file, manage accounts, build
 * and sign an export, keep the ledger, prepare the LAN's certificates, check
 * the committee's session. Maps outcomes to results; holds no election rules
 * (those are in tally/).
 */
#include <stddef.h>
#include <jansson.h>
#include "costs/costs.h"
#include "export/eml.h"
#include "store/store.h"
#include "tally/result.h"
#include "base/limits.h"

enum import_result {
	IMPORT_OK = 0,
	IMPORT_REFUSED = 1,   /* bad input: the file, its hash code, or the state; nothing changed */
	IMPORT_FAILED = 2,    /* the operation failed (database); nothing changed */
};

/*
 * How the hash code of the file is confirmed. full: the whole digest the user
 * gave (32 bytes), or NULL; ask: called with the digest and the two groups
 * hidden when full is NULL and the kind needs a check: returns 0 when the user
 * typed the right groups. When both are NULL a 110a/230b is refused.
 */
struct import_check {
	const unsigned char *full;
	int (*ask)(void *arg, const unsigned char digest[32]);
	void *arg;
	/* The Kiesraad's CMS signature that came with the file (NAME.signature; NULL: none):
	 * it must hold over the file's bytes, or the file is refused. */
	const unsigned char *cms;
	size_t cmslen;
};

/* Why a file was refused, for a caller that acts on it (the words are in reason). */
enum import_refusal {
	IMPORT_ACCEPTED = 0,
	IMPORT_BAD_FILE,              /* not well-formed, or against the rules of its kind */
	IMPORT_OTHER_ELECTION,        /* of another election (whether broken or not) */
	IMPORT_NOT_HERE,              /* of another municipality, district, date, ... (tally_misfit) */
	IMPORT_OUT_OF_ORDER,          /* a 110a where one is held, a 110b or 230b before the 110a */
	IMPORT_ENTRY_BEGUN,           /* a 110b or 230b once data entry has begun */
	IMPORT_HASH_UNCHECKED,        /* a 110a or 230b without a hash code given or asked */
	IMPORT_HASH_WRONG,            /* the code given, or the groups typed, do not match */
	IMPORT_SIGNATURE_WRONG,       /* the CMS signature that came with it does not hold */
	IMPORT_REFUSAL__MAX
};

/* What was imported, for the message to the user. */
struct import_report {
	enum eml_kind kind;
	char hash_code[80];           /* grouped SHA-256 of the file */
	int hash_checked;
	char summary[512];            /* one line, English, e.g. "110b: 21 polling stations, ..." */
	enum import_refusal refused;  /* IMPORT_REFUSED: why; else IMPORT_ACCEPTED */
	char signed_by[256];          /* the CMS signer's subject when a signature came and held */
};

/*
 * Imports one EML file held in memory: checks its content, that it belongs to
 * this election and municipality, and its hash code; then stores it in one
 * transaction with its audit record. On refusal or failure, writes one line
 * naming the reason into reason and changes nothing.
 */
enum import_result import_eml(struct store *s, const char *file_name, const void *bytes,
                              size_t len, const struct import_check *chk,
                              const struct store_actor *who, struct import_report *rep,
                              char *reason, size_t reason_size);

/* ---- Accounts in bulk ---- */

#define ACCOUNTS_CSV_MAX LIMIT_ACCOUNTS_CSV_MAX   /* base/limits.h */

struct account_new {
	char name[64];
	char role[16];
	char password[264];          /* empty: generate one (accounts_create fills it in) */
};

struct accounts_csv_error {
	size_t line;
	enum { CSV_OK, CSV_BAD_LINE, CSV_BAD_NAME, CSV_BAD_ROLE, CSV_DUPLICATE, CSV_TOO_LONG,
	       CSV_TOO_MANY, CSV_EMPTY, CSV__MAX } kind;
	char text[64];               /* the offending name or role */
};

/*
 * Password hashing and checking in the calling thread (pw_hash, pw_verify:
 * Argon2id, 19 MiB and ~35 ms each; old scrypt hashes still verify): 0 on
 * success. A NULL hash checks against a dummy, at the same cost, and fails (for
 * a name that does not exist). The server does not call these in its request
 * threads: it hashes on its workers (entry/hashpool.c).
 */
int account_pw_verify(const char *password, const char *hash);
int account_pw_hash(const char *password, char *out, size_t size);

/*
 * The one password rule, for every way a password is chosen (the password change,
 * the administrator's add and reset, `teller user add` and `user reset`): well-formed
 * UTF-8 without control characters, at least LIMIT_PASSWORD_MIN characters (not
 * bytes: "éééééé" is 6) and at most LIMIT_PASSWORD_MAX bytes, not one character
 * repeated, not a plain ascending or descending run ("123456789012", "abcdefghijkl"),
 * not a commonly used password ("Wachtwoord2026!", "qwertyuiop12").
 */
enum account_pw_problem {
	ACCOUNT_PW_OK, ACCOUNT_PW_SHORT, ACCOUNT_PW_LONG, ACCOUNT_PW_NOT_TEXT, ACCOUNT_PW_ONE_CHAR,
	ACCOUNT_PW_SEQUENCE, ACCOUNT_PW_COMMON, ACCOUNT_PW__MAX
};
enum account_pw_problem accounts_password_check(const char *password);
/* Why a password is refused: in English (the command line) or (dutch) in Dutch (the page). */
const char *accounts_password_strerror(enum account_pw_problem p, int dutch);

/* Whether a name is a valid account name (1..63 of letters, digits, '.', '-', '_'). */
int accounts_valid_name(const char *name);
/*
 * Parses "name,role" lines (';' also separates; a header line "naam,rol" or
 * "name,role", blank lines and '#' comments are skipped). Returns 0 and
 * *out (free with accounts_free), or -1 with err saying where and what.
 */
int accounts_parse_csv(const char *csv, struct account_new **out, size_t *n,
                       struct accounts_csv_error *err);
/* The reason of a CSV error, in English or (dutch) in Dutch. */
const char *accounts_csv_strerror(const struct accounts_csv_error *e, int dutch);
/*
 * Creates the accounts in one transaction, all or none (STORE_ERR_EXISTS when
 * a name is taken), generating a one-time password where none is given; every
 * account must change its password at first login.
 */
int accounts_create(struct store *s, struct account_new *rows, size_t n,
                    const struct store_actor *who);
/* accounts_create's transaction with the hashes made already: hashes[i] is the
 * hash of rows[i].password (the server makes them on its hash workers). */
int accounts_store(struct store *s, const struct account_new *rows, const char *const *hashes,
                   size_t n, const struct store_actor *who);
/* Wipes the passwords and frees; NULL is a no-op. */
void accounts_free(struct account_new *rows, size_t n);
/*
 * Gives account id a new one-time password (store_account_reset_password:
 * must_change = 1, its sessions end, audited): the one in password when it is
 * not empty (the caller checked its length), otherwise a generated one written
 * into password (size >= PW_GENERATED_LEN). Returns a store error;
 * STORE_ERR_NOMEM when no password could be made or hashed.
 */
int accounts_reset_password(struct store *s, long id, char *password, size_t size,
                            const struct store_actor *who);

/* ---- Export of the count ---- */

#define EXPORT_FILES_MAX 4

struct export_file {
	char name[256];
	char *bytes;                 /* malloc'd */
	size_t len;
	char hash_code[80];          /* SHA-256, 16 groups of 4 hex digits */
	unsigned char sig[64];       /* Ed25519 over the exact bytes */
	unsigned char *cms;          /* an EML file's: the Kiesraad's CMS signature, DER (malloc'd) */
	size_t cmslen;
	double seconds;              /* time taken to make it (for the benchmark) */
};

struct export_result {
	int draft;                   /* not every station is definitive */
	size_t nstations, ndefinitive;
	char created[32];            /* kr:CreationDateTime */
	long id;                     /* its row in the export history (store_exports_list) */
	char key_fingerprint[80];
	char *public_pem;            /* the signing key, PEM (malloc'd) */
	/* The audit log's head the PV prints, "ID HASH" (a final export's is kept; "": none) */
	char audit_head[96];
	size_t nfiles;
	struct export_file files[EXPORT_FILES_MAX];
};

enum export_status {
	EXPORT_OK = 0,
	EXPORT_NOT_FINISHED,         /* a station is not definitive and no draft was asked */
	EXPORT_NO_ELECTION,          /* nothing to export yet */
	EXPORT_FAILED,
};

/*
 * Makes the count's documents from the database: the 510b, the
 * proces-verbaal and the CSV, each hashed and signed with the election
 * laptop's key, and logs their hash codes in the audit log. Refuses
 * (EXPORT_NOT_FINISHED) while a station is not definitive unless draft.
 * The final files carry the time the count was first exported, so exporting
 * again gives the same bytes. Free with export_result_free.
 */
enum export_status export_build(struct store *s, int draft, const struct store_actor *who,
                                struct export_result *r, char *why, size_t whysize);
/*
 * Writes the files, a .sig beside each (the raw 64-byte signature) and
 * signing-key.pub.pem into dir (created if missing). 0, or -1 with why.
 */
int export_write_dir(const struct export_result *r, const char *dir, char *why, size_t whysize);
void export_result_free(struct export_result *r);
/*
 * Adds a file to r: bytes (malloc'd; r owns them, also on failure) named
 * prefix + name, hashed and signed with the private key priv (PEM). 0, or -1.
 */
int export_file_add(struct export_result *r, const char *prefix, const char *name, char *bytes,
                    size_t len, const char *priv);

/* ---- The signing key (act/keys.c) ---- */

/*
 * Makes a new signing key pair: the private half beside the database, the
 * public half in it; fp (HASH_CODE_LEN bytes) its fingerprint. When it replaces a pair, the audit
 * log says so with both fingerprints. 0, or -1.
 */
int act_signing_new(struct store *s, const struct store_actor *who, char *fp);
/*
 * The signing key (priv) and its public half (pub), both malloc'd (priv freed
 * with crypto_free_secret), checked to belong together; locked: inside a
 * store_read_begin. 0, or -1 with why.
 */
int act_signing_pair(struct store *s, int locked, char **priv, char **pub, char *why,
                     size_t whysize);
/*
 * Gives every EML file of r (a name ending in ".xml") the Kiesraad's detached CMS
 * signature (NAME.signature), with the committee's RSA signer: made at its first use
 * (audited), its private key beside the database, its certificate naming the committee
 * and the election. Not inside a read snapshot. 0, or -1 with why.
 */
int act_cms_sign_files(struct store *s, const struct store_actor *who, struct export_result *r,
                       char *why, size_t whysize);

/* ---- Hours and costs (the rules are costs/'s) ---- */

enum { LEDGER_OK = 0, LEDGER_REFUSED, LEDGER_NOT_FOUND, LEDGER_FAILED };

/* A ledger line as text, as the command line and the pages give it. */
struct ledger_text {
	const char *kind;         /* hours, travel, laptops, item (or switch, cabling, other) */
	const char *person, *date, *from, *to, *activity;
	const char *km, *amount, *count, *days, *category, *description;
};
/*
 * Builds a line from text; LEDGER_OK, or LEDGER_REFUSED with the reason in
 * why (Dutch when dutch, else English). An activity that is none of the known
 * ones becomes "other" with the text as its description.
 */
int ledger_line_parse(const struct ledger_text *t, struct costs_line *l, int dutch, char *why,
                      size_t whysize);
/*
 * Adds (l->id 0; l->id is set) or changes a line after costs/ checked it,
 * the overlap with the stored lines checked in the same transaction; audited.
 */
int ledger_put(struct store *s, struct costs_line *l, const struct store_actor *who, int dutch,
               char *why, size_t whysize);

/* The rates and the invoice's particulars as text, as the command line and the page give them. */
struct ledger_settings_text {
	const char *hourly, *laptop_day, *per_km, *vat;   /* euros ("57.25"); VAT a percentage */
	const char *provider_name, *provider_address;
	const char *invoice_number, *invoice_date;        /* YYYY-MM-DD; "": the day it is made */
	const char *kvk, *vat_number, *iban;              /* "" or spaces: cleared */
};
/*
 * Applies t to st, each field checked: NULL leaves one as it is; a rate
 * given sets rates_set. The supplier's KvK number, VAT number and IBAN are
 * normalised by costs/. LEDGER_OK, or LEDGER_REFUSED with why naming the field
 * (Dutch when dutch, else the command line's option) and st unchanged.
 */
int ledger_settings_apply(struct store_cost_settings *st, const struct ledger_settings_text *t,
                          int dutch, char *why, size_t whysize);
/*
 * Reads the stored settings, applies t (ledger_settings_apply) and stores
 * them, audited as who. LEDGER_OK with the stored settings in *out (when not
 * NULL), LEDGER_REFUSED (nothing changed) or LEDGER_FAILED, with why.
 */
int ledger_settings_update(struct store *s, const struct ledger_settings_text *t,
                           const struct store_actor *who, int dutch,
                           struct store_cost_settings *out, char *why, size_t whysize);

/* The whole ledger: settings, rates, lines with their amounts, and the sums. */
struct ledger {
	struct store_cost_settings settings;
	struct costs_rates rates;
	struct costs_line *lines;
	costs_cents *amounts;
	size_t nlines;
	struct costs_summary summary;
};
/* 0, or -1; free with ledger_free. */
int ledger_load(struct store *s, struct ledger *out);
void ledger_free(struct ledger *l);

/* The invoice, made from the ledger: PDF and CSV in memory. */
struct ledger_invoice {
	char pdf_name[96], csv_name[96];
	char *pdf, *csv;
	size_t pdf_len, csv_len;
	long long total_cents;
};
/* LEDGER_OK, LEDGER_REFUSED (no rates yet, a bad line) or LEDGER_FAILED, with why. */
int ledger_invoice_build(struct store *s, const struct store_actor *who, struct ledger_invoice *inv,
                         char *why, size_t whysize);
int ledger_invoice_write_dir(const struct ledger_invoice *inv, const char *dir, char *why,
                             size_t whysize);
void ledger_invoice_free(struct ledger_invoice *inv);

/* ---- The LAN: this machine's addresses and TLS certificates (act/lan.c) ---- */

#define LAN_NAMES_MAX        64   /* TLS_NAMES_MAX */
#define LAN_NAME_LEN         256
#define LAN_URL_LEN          80
#define LAN_FINGERPRINT_LEN  96   /* TLS_FINGERPRINT_LEN */

/* The names and addresses a laptop may use for this machine. */
struct lan_names {
	size_t n;
	char name[LAN_NAMES_MAX][LAN_NAME_LEN];
};

/*
 * What the server certificate names: localhost, 127.0.0.1, ::1, the host
 * name (and NAME.local), listen_addr unless it is 0.0.0.0 or NULL, and every
 * IPv4 and IPv6 address of the interfaces (not IPv6 link-local fe80::/10),
 * the LAN's first. Invalid names are left out. Cannot fail.
 */
void lan_names(const char *listen_addr, struct lan_names *out);
/*
 * The addresses a laptop opens, "https://192.168.1.10:8443/" (http without
 * tls), into urls: listen_addr alone when it is one address, else every IPv4
 * address of this machine but loopback; "127.0.0.1" when there is none.
 * Returns how many (at most max).
 */
size_t lan_urls(const char *listen_addr, unsigned port, int tls, char urls[][LAN_URL_LEN],
                size_t max);

/*
 * Makes sure the database holds the local CA (made here when it holds none,
 * *created 1; audited as who) and writes its certificate's SHA-256
 * fingerprint ("AB:CD:...") into fp. 0, or -1 with why.
 */
int lan_tls_ca(struct store *s, const struct store_actor *who, char fp[LAN_FINGERPRINT_LEN],
               int *created, char *why, size_t whysize);

/* What lan_tls_prepare did. */
struct lan_tls {
	int ca_created;              /* the database had no CA: one was made */
	int cert_issued;             /* the server certificate was made anew */
	char ca_fingerprint[LAN_FINGERPRINT_LEN];
	struct lan_names names;      /* what the server certificate names */
};
/*
 * Makes the database ready for HTTPS on this machine: the CA (lan_tls_ca),
 * and a server certificate signed by it for lan_names(listen_addr), made
 * anew when the stored one names other addresses, is not the CA's, does not
 * match its key or ends within 30 days. Audited as who. 0, or -1 with why.
 */
int lan_tls_prepare(struct store *s, const char *listen_addr, const struct store_actor *who,
                    struct lan_tls *out, char *why, size_t whysize);

/* ---- The committee's session on the PV (act/committee.c) ---- */

#define COMMITTEE_SESSION_NUMBER 1    /* the count's own session (a later one is 2, 3, ...) */

/*
 * Checks a session's details before they are stored: the place and each
 * member 1 to 200 printable characters (no control characters, line breaks or
 * direction overrides), the date a real day YYYY-MM-DD, the times HH:MM, at
 * most 30 members. An empty place, date or time is "not known yet". 0, or -1
 * with the reason in why (Dutch when dutch, else English).
 */
int committee_session_check(const struct store_committee_session *cs, int dutch, char *why,
                            size_t whysize);
struct pv_session;
/*
 * The count's session as the PV prints it: *out malloc'd (free() it), NULL when
 * none was ever stored (the PV then has lines to fill in). 0, or -1 when the
 * store fails.
 */
int committee_pv_session(struct store *s, struct pv_session **out);

/* ---- Later sessions and investigations (act/session.c) ---- */

/* How an action of a later session went: the command line's exit code, the HTTP status. */
enum later_status {
	LATER_OK = 0,
	LATER_INVALID,     /* the caller's input does not fit (exit 2, HTTP 400/422) */
	LATER_REFUSED,     /* a rule of tally/later.h refused it: refused says which (409) */
	LATER_NOT_FOUND,   /* no such station (404) */
	LATER_EXISTS,      /* a station with that number exists (409) */
	LATER_FAILED,      /* the database failed (500) */
};
struct later_outcome {
	enum later_status status;
	enum tally_later refused;    /* for LATER_REFUSED: tally_later_code / _message */
	char why[256];               /* one English line for the command line */
	int session;                 /* the session acted in (opened, for session_new) */
};
/* Opens the next session (date YYYY-MM-DD or "", place or ""), as the coordinator who. */
void later_session_new(struct store *s, const char *date, const char *place,
                       const struct store_actor *who, struct later_outcome *out);
/*
 * Opens an investigation: in->station, in->reason (5 to 500 characters, as a
 * reopening's reason), in->csb_reference (at most 500, may be empty) and the flags.
 */
void later_investigate(struct store *s, const struct store_investigation *in,
                       const struct store_actor *who, struct later_outcome *out);
/* Concludes one: findings (5 to 500 characters), corrected or not. */
void later_conclude(struct store *s, int station, const char *findings, int corrected,
                    const struct store_actor *who, struct later_outcome *out);
/* Adds a station in a later session (number 1 .. 99999, a name, a postcode or ""). */
void later_station_add(struct store *s, const struct tally_station *st,
                       const struct store_actor *who, struct later_outcome *out);
/*
 * What the export of a later session needs: for every station its figures now and
 * as the session before finished them, the session's investigations, and whether
 * any figure changed (a station added counts as a change). Read in one snapshot.
 */
struct later_station {
	int number;
	const struct tally_form *now;      /* NULL: not definitive */
	const struct tally_form *before;   /* NULL: added in this session */
	const struct store_investigation *investigation; /* NULL: not investigated */
	int changed;                       /* now differs from before */
};
struct later_export {
	int session;                       /* 1: the count (nothing else is filled in) */
	struct store_later_session info;
	struct store_investigation *investigations;
	size_t ninvestigations;
	struct later_station *stations;    /* every station now or before, in number order */
	size_t nstations;
	int any_changed;                   /* the corrigendum 510b is made only then */
	/* owned: */
	struct tally_form **now_forms, **before_forms;
	int *now_numbers, *before_numbers;
	size_t nnow, nbefore;
};
/*
 * Writes the kept files of final export id into dir (made when missing), byte for
 * byte, never over a file that is there (LATER_EXISTS). LATER_NOT_FOUND for no such
 * export, LATER_INVALID for a draft or one made before the bytes were kept.
 */
enum later_status later_export_write(struct store *s, long id, const char *dir, char *why,
                                     size_t whysize);
/* 0, or -1 with why. Free with later_export_free (also after a failure). _locked: inside
 * the export's read snapshot (store_read_begin). */
int later_export_gather(struct store *s, struct later_export *x, char *why, size_t whysize);
int later_export_gather_locked(struct store *s, struct later_export *x, char *why,
                               size_t whysize);
void later_export_free(struct later_export *x);
struct export_result;
struct eml_510b;
/* The documents of a later session, in order, for export_build to sign and keep. */
struct later_files {
	size_t n;
	char name[2][300];
	char *bytes[2];              /* malloc'd; later_files_free */
	size_t len[2];
};
void later_files_free(struct later_files *f);
/*
 * The documents of a later session's export (act/session_export.c), as r (draft,
 * created, key fingerprint, audit head) makes them: the corrigendum 510b (in's
 * counts, with every investigated station's reasons) only when a figure changed,
 * and always the PV Na 14-2 with the corrigendum's hash code on every page. A
 * final export waits for every investigation to be concluded (EXPORT_NOT_FINISHED).
 * EXPORT_OK with *out, or a failure with why (*out empty).
 */
enum export_status later_export_files(const struct eml_510b *in, const struct later_export *x,
                                      const struct export_result *r, struct later_files *out,
                                      char *why, size_t whysize);

/* ---- The result: seats and elected candidates (act/result.c, act/result_files.c) ---- */

enum result_status {
	RESULT_OK = 0,
	RESULT_LOT,              /* a lot must be drawn first (res->r.lot says between whom) */
	RESULT_NOT_FINISHED,     /* stations are not definitive (or there is no count at all) */
	RESULT_NO_ELECTION,      /* no election or no lists imported */
	RESULT_REFUSED,          /* the input does not make a result, or a lot that does not fit */
	RESULT_FAILED,           /* the database or memory */
};

/*
 * The result and everything it was made from, read in one snapshot:
 * the municipality's own count once every station is definitive (draft until
 * the count is finished by its final export), or at a central committee
 * without stations the latest imported 510b (from_file; never a draft).
 */
struct result {
	struct tally_election election;
	struct tally_list *lists;            /* the 230b, with names */
	size_t nlists;
	struct tally_form *total;            /* the votes the result is made from */
	char authority_id[LIMIT_ID_MAX];     /* the municipality's code, "0668" */
	char authority_name[LIMIT_TEXT_MAX];
	long electorate;
	int from_file;
	int draft;
	char created[32];                    /* the last change of what the result is made from */
	struct store_count_file file;        /* from_file: the 510b */
	struct eml_510b_doc *doc;            /* from_file: read */
	struct store_result_pair *deceased;
	size_t ndeceased;
	struct tally_lot *lots;              /* drawn, in order */
	size_t nlots;
	struct tally_result_list_in *lin;
	struct tally_result_candidate *cands;
	struct tally_result_in in;           /* what tally_result_compute was given */
	struct tally_result r;               /* its answer */
	int status;                          /* tally_result_compute's */
};

/* RESULT_OK or RESULT_LOT with res filled (free with result_free even on failure), else why. */
int result_load(struct store *s, struct result *res, char *why, size_t whysize);
void result_free(struct result *res);
/* Records a drawn lot after tally_result_lot_fits said it answers the lot to draw; audited. */
int result_lot_record(struct store *s, const struct tally_lot *lot, const struct store_actor *who,
                      char *why, size_t whysize);
/* Records a candidate who died before the result was determined (P 19a); audited. */
int result_deceased_record(struct store *s, int list, int candidate,
                           const struct store_actor *who, char *why, size_t whysize);
/*
 * The result's files: the 510d, the 520 and the PV P 22-2 (with the 520's hash
 * code on every page), each hashed and signed like the count's; names start
 * "CONCEPT_" for a draft. The hash codes go into the audit log. RESULT_OK with
 * out (free with export_result_free), else why.
 */
int result_files(struct store *s, const struct result *res, const struct store_actor *who,
                 struct export_result *out, char *why, size_t whysize);
/* The result as the JSON of api.md (act/result_json.c); a new reference, NULL out of memory. */
json_t *result_json(const struct result *res);
/* A candidate's name as the forms write it ("Vaart, H. van der"), "" when the 230b has none. */
const char *result_candidate_name(const struct result *res, int list, int position, char *buf,
                                  size_t size);

#endif
