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

/* ---- The route table: each handler file owns its slice (api.c puts them together) ---- */

#define R_TYPIST  (1u << TALLY_ROLE_TYPIST)
#define R_COORD   (1u << TALLY_ROLE_COORDINATOR)
#define R_ADMIN   (1u << TALLY_ROLE_ADMINISTRATOR)
#define R_ALL     (R_TYPIST | R_COORD | R_ADMIN)

enum { NO_SESSION = 0, SESSION = 1, SESSION_ANY = 2 /* also while the password must change */ };

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
	api_audit_routes, api_committee_routes, api_projector_routes, api_result_routes;

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

/* Login throttling (session.c). */
int throttle_check(const char *kind, const char *key, long now, unsigned *retry_after);
void throttle_fail(const char *kind, const char *key, long now);
void throttle_clear(const char *kind, const char *key);
/* Derives the CSRF token of a session token. */
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
