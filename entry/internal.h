#ifndef ENTRY_INTERNAL_H
#define ENTRY_INTERNAL_H
/* What the LAN server's files share; not for use outside entry/. */
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>

#include "base/buf.h"
#include "entry/entry.h"
#include "tally/count.h"

#define SESSION_IDLE_MAX  LIMIT_SESSION_IDLE_MAX   /* seconds without a request (base/limits.h) */
#define SESSION_COOKIE    "teller_session"

struct server;
struct hashpool;
struct pw_job;

/* One request, from the first callback to completion. */
struct req {
	struct server *srv;
	struct MHD_Connection *conn;
	const char *method, *url;
	char address[64];
	struct buf body;              /* the request's body as it came */
	int too_large;
	/* the session, once checked */
	int have_session;
	char token[80];
	char token_hash[65];
	struct store_session sess;
	enum tally_role role;
	struct store_actor actor;
	/* path parameters ({n}, {e}) and a file name ({f}) */
	long param[2];
	char fname[128];
	/* the answer */
	unsigned status;
	json_t *json;                 /* body when JSON */
	char *raw;                    /* or a raw body (malloc'd) */
	size_t raw_len;
	const char *content_type;
	char cookie[256];             /* Set-Cookie, when any */
	unsigned retry_after;         /* Retry-After, when > 0 */
	char disposition[700];        /* Content-Disposition, when any (req_attachment) */
	struct timespec start;
	/* password hashing (hashpool.c) */
	struct hashpool *pool;        /* the server's hash workers */
	struct pw_job *pw;            /* this request's question to them, and the answer */
};

/* The error answer {"error":{"code","message"}}. */
void req_error(struct req *r, unsigned status, const char *code, const char *message);
/*
 * A failure inside the server: answers 500 in Dutch and logs one line on stderr, also
 * under --quiet, naming the handler (where), the request's method and path (never its
 * body, query or cookie) and the store's last error. req_internal(r) fills in __func__.
 */
void req_internal_at(struct req *r, const char *where);
#define req_internal(r) req_internal_at((r), __func__)
/* A JSON answer; takes the reference. */
void req_json(struct req *r, unsigned status, json_t *body);
/* The body parsed as a JSON object; NULL after answering 400. */
json_t *req_body_json(struct req *r);

/*
 * Passwords are checked and hashed off the request threads (hashpool.c): each
 * takes 19 MiB and ~35 ms, and fifty at once in the threads that serve the
 * typists stalled their saves for seconds. A handler asks req_password. The
 * first time the answer is REQ_PW_WAIT: the handler returns at once without
 * answering, the server suspends the connection (its thread serves others), a
 * hash worker does the work and resumes it, and the same handler runs again
 * from the top for the same request; this time req_password, asked the same
 * question, answers REQ_PW_DONE with the outcome. So a handler must do nothing
 * with an effect before it asks (reads and checks only; they are done twice),
 * and asks at most once a run. REQ_PW_BUSY: 503 (the queue is full, or the
 * server is stopping) has been answered; return.
 *
 * check: a password to verify against the stored hash `against` (against NULL:
 * a dummy at the same cost, for a name that is no account; the check then
 * fails); NULL: no check. make: n passwords to hash, only when the check (if
 * any) matched; an empty one is a new one-time password the worker generates
 * (pw_generate). out: check (CRYPTO_OK: it matched, or none was asked), make
 * (CRYPTO_OK: all made), and password[i], hash[i], valid until the request ends.
 */
enum { REQ_PW_DONE, REQ_PW_WAIT, REQ_PW_BUSY };
struct req_pw_outcome {
	int check;
	int make;
	size_t n;
	const char *const *password;
	const char *const *hash;
};
int req_password(struct req *r, const char *check, const char *against, const char *const *make,
                 size_t n, struct req_pw_outcome *out);
/* req_password without the 503 answer (hashpool.c; password.c answers). */
int hashpool_ask(struct req *r, const char *check, const char *against, const char *const *make,
                 size_t n, struct req_pw_outcome *out);
/* For server.c: the pool (one worker per core; NULL when no thread could start), */
struct hashpool *hashpool_new(void);
/* stopped before libmicrohttpd (work not begun is cancelled: those requests get 503), */
void hashpool_stop(struct hashpool *p);
/* and freed after it; */
void hashpool_free(struct hashpool *p);
/* after the route: 0 answer now, 1 suspended (return MHD_YES), 2 run the route again now; */
int req_park(struct req *r);
/* and when the request ends. */
void req_pw_release(struct req *r);
/* Whether the workers have answered r's question (or it has none); for the tests. */
int req_pw_ready(struct req *r);

/*
 * The connections the server keeps (guard.c): per-address caps (guard_accept,
 * libmicrohttpd's accept policy, cls the guard) and the deadlines of request
 * heads and bodies (guard_on_connection, its connection notifications, and
 * guard_stage as a request moves on), kept by a watchdog thread. guard_stop
 * before libmicrohttpd stops, guard_free after it.
 */
enum guard_stage { GUARD_HEAD, GUARD_BODY, GUARD_ANSWER };
struct guard;
struct guard *guard_new(void);
void guard_stop(struct guard *g);
void guard_free(struct guard *g);
enum MHD_Result guard_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen);
void guard_on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                         enum MHD_ConnectionNotificationCode code);
void guard_stage(struct guard *g, struct MHD_Connection *conn, enum guard_stage stage);
/* The client's address as text ("unknown" when it has none). */
void guard_address(struct MHD_Connection *c, char *out, size_t size);

/* ---- The route table: each handler file owns its slice (api.c puts them together) ---- */

#define R_TYPIST  (1u << TALLY_ROLE_TYPIST)
#define R_COORD   (1u << TALLY_ROLE_COORDINATOR)
#define R_ADMIN   (1u << TALLY_ROLE_ADMINISTRATOR)
#define R_ALL     (R_TYPIST | R_COORD | R_ADMIN)

enum {
	NO_SESSION = 0, SESSION = 1, SESSION_ANY = 2, /* also while the password must change */
	/* A route that enters or decides counts: SESSION, and an account that does not await a
	 * coordinator's confirmation (made or changed after data entry began: store/confirm.c) */
	SESSION_COUNTS = 3
};

struct api_route {
	const char *method;
	const char *pattern;      /* {n}: a positive number; {f}: a file name */
	unsigned roles;
	int session;
	void (*handle)(struct req *r);
};

struct api_routes {
	const struct api_route *r;
	size_t n;
};

extern const struct api_routes api_auth_routes, api_entry_routes, api_vocabulary_routes,
	api_export_routes, api_accounts_routes, api_admin_routes, api_server_routes,
	api_audit_routes, api_committee_routes, api_projector_routes, api_result_routes,
	api_logins_routes, api_confirm_routes;

/* The seconds since the epoch, as sessions count them (api_auth.c). */
long api_now(void);

/*
 * The server (server.c) hands every request that is not a static file to a
 * route function: api.c's api_route answers /api/ and the CA's certificate
 * and returns 1, or returns 0 (the server then serves a file of web/ or 404).
 * server_start (api.c) starts server_open with it.
 */
int api_route(struct req *r);
int server_open(struct store *s, const struct server_config *cfg, int (*route)(struct req *r),
                struct server **out, char *why, size_t whysize);
struct store *server_store(struct server *srv);
int server_tls(struct server *srv);
/* The local CA's certificate (PEM; NULL when the database holds none) and
 * where the server listens (the address as given, its port in *port). */
const char *server_ca_pem(struct server *srv);
const char *server_listen(struct server *srv, unsigned *port);

/* This server (api_server.c): GET /ca.crt and /ca.pem without a session (1
 * when r asked for one of them), and GET /api/server-info. */
int serve_ca(struct req *r);
/*
 * The files last made on this server, of each kind (kept in memory for
 * downloads): the count's export and the result's. set takes ownership of r
 * (NULL clears); lock/unlock guard the pointer that lock returns (NULL when none).
 */
enum server_files { SERVER_FILES_COUNT, SERVER_FILES_RESULT, SERVER_FILES__MAX };
void server_export_set(struct server *srv, enum server_files k, struct export_result *r);
struct export_result *server_export_lock(struct server *srv, enum server_files k);
void server_export_unlock(struct server *srv);

/* The coordinator's actions (their API names) that one station's state offers now, as a
 * JSON array; none while the count is finished (api_vocabulary.c). NULL when out of memory. */
json_t *api_station_actions(const struct tally_station_state *st, int count_finished);

/* Data entry and the coordinator's station routes (api_entry.c). */
/* The administrator's routes (api_admin.c). */

/* The export and the finished count (api_export.c). */
/* Sets a well-formed Content-Disposition: attachment for a file named name (UTF-8). */
void req_attachment(struct req *r, const char *name);
/* Answers GET .../files/{f} from the files last made of kind k: a file, its .sig, the key. */
void api_files_serve(struct req *r, enum server_files k);
/* Copies bytes as the raw answer, to be saved under name (a download). */
void req_download(struct req *r, const char *name, const void *bytes, size_t len,
                  const char *type);

/* The administrator's accounts (api_accounts.c). */

/*
 * Login throttling (throttle.c): failures per account and address (a pair), per
 * account and per address, with waits that grow; never a lock of an account.
 * account_key: the account's throttle key (api_auth.c), NULL for a name that is
 * no account. check: 1 and *retry_after (seconds) while the login must wait.
 */
#define THROTTLE_KEY_MAX     48
#define THROTTLE_NAME_MAX    LIMIT_USERNAME_MAX
#define THROTTLE_ADDRESS_MAX 48
int throttle_login_check(const char *account_key, const char *address, unsigned *retry_after);
void throttle_login_fail(const char *account_key, const char *account_name, const char *address);
/* The right password: the pair's failures are forgotten. */
void throttle_login_ok(const char *account_key, const char *address);
/* Unknown projector tokens, per address (api_projector.c). */
int throttle_projector_check(const char *address, unsigned *retry_after);
void throttle_projector_fail(const char *address);
enum throttle_kind {
	THROTTLE_NONE, THROTTLE_PAIR, THROTTLE_ACCOUNT, THROTTLE_SPILL, THROTTLE_ADDRESS,
	THROTTLE_PROJECTOR, THROTTLE_OVERFLOW, THROTTLE__MAX
};
/* A counter that slows somebody down now: it makes wait, or the next failure will. */
struct throttle_block {
	enum throttle_kind kind;
	char account[THROTTLE_NAME_MAX];      /* pair, account, spill: the account's name */
	char address[THROTTLE_ADDRESS_MAX];   /* pair, address, projector; overflow: which table */
	unsigned failures;
	unsigned seconds;                     /* still to wait; 0: none now */
};
/* Up to max of them into out; returns how many there are. */
size_t throttle_blocks(struct throttle_block *out, size_t max);
/* Forgets the counter(s) a row names (account in any case); returns how many. */
int throttle_lift(enum throttle_kind kind, const char *account, const char *address);
const char *throttle_kind_name(enum throttle_kind k);
int throttle_kind_parse(const char *s, enum throttle_kind *out);
/* Derives the CSRF token of a session token (session.c). */
void session_csrf(const char *token, char out[65]);

/* JSON (json.c). */
json_t *json_from_form(const struct tally_form *f);
struct tally_form *json_to_form(const json_t *root, int has_voter_cards, char *why, size_t whysize);
void json_add_findings(json_t *o, const struct tally_findings *f);
json_t *json_from_paths(const struct tally_paths *p);

/* The list totals as an SVG bar chart (svg.c); malloc'd, caller frees. */
char *svg_list_totals(const struct tally_list *lists, const struct tally_form *sum, size_t *len);

/* The coordinator's audit log, session details and projector (api_audit.c, api_committee.c,
 * api_projector.c). */
/* A whole number 1 .. max in plain digits (a query parameter); -1 for anything else. */
long api_positive(const char *text, long max);
/* A JSON string of s; bytes that are not UTF-8 (a text cut short) shown as '?'. */
json_t *api_text(const char *s);

/* GET /api/vocabulary: statuses, the form's fields, actions per status (api_vocabulary.c). */

#endif
