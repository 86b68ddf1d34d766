#ifndef ENTRY_INTERNAL_H
#define ENTRY_INTERNAL_H
/* What the LAN server's files share; not for use outside entry/. */
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>

#include "entry/entry.h"
#include "tally/count.h"

#define SESSION_IDLE_MAX  (30 * 60)   /* seconds without a request before a session ends */
#define SESSION_COOKIE    "teller_session"

struct server;

/* One request, from the first callback to completion. */
struct req {
	struct server *srv;
	struct MHD_Connection *conn;
	const char *method, *url;
	char address[64];
	char *body;
	size_t len, cap;
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

/* The server's handlers (api.c). */
void api_dispatch(struct req *r);
struct store *server_store(struct server *srv);
int server_tls(struct server *srv);
/* The local CA's certificate (PEM; NULL when the database holds none) and
 * where the server listens (the address as given, its port in *port). */
const char *server_ca_pem(struct server *srv);
const char *server_listen(struct server *srv, unsigned *port);

/* This server (api_server.c): GET /ca.crt and /ca.pem without a session (1
 * when r asked for one of them), and GET /api/server-info. */
int serve_ca(struct req *r);
void api_server_info(struct req *r);
/*
 * The last export made on this server (kept in memory for downloads). set
 * takes ownership of r (NULL clears); lock/unlock guard the pointer that
 * get returns (NULL when none).
 */
void server_export_set(struct server *srv, struct export_result *r);
struct export_result *server_export_lock(struct server *srv);
void server_export_unlock(struct server *srv);

/* The coordinator's actions (their API names) that one station's state offers now, as a
 * JSON array; none while the count is finished (api_vocabulary.c). NULL when out of memory. */
json_t *api_station_actions(const struct tally_station_state *st, int count_finished);

/* Data entry and the coordinator's station routes (api_entry.c). */
void api_claim(struct req *r);
void api_entry_get(struct req *r);
void api_entry_put(struct req *r);
void api_finalise(struct req *r);
void api_discard(struct req *r);
void api_resolve(struct req *r);
void api_reset(struct req *r);
void api_station_detail(struct req *r);
void api_totals(struct req *r);
void api_chart(struct req *r);
json_t *api_station_json(const struct req *r, const struct store_station_full *f);
/* The administrator's routes (api_admin.c). */
void api_sessions(struct req *r);
void api_costs_settings(struct req *r);
void api_costs_line(struct req *r);
void api_costs_remove(struct req *r);
void api_costs(struct req *r);
void api_invoice(struct req *r);
void api_backup(struct req *r);

/* The export and the finished count (api_export.c). */
void api_export_make(struct req *r);
void api_export_last(struct req *r);
void api_exports(struct req *r);
void api_export_file(struct req *r);
void api_export_zip(struct req *r);
void api_count_reopen(struct req *r);
void api_entry_status(struct req *r);
/* Sets a well-formed Content-Disposition: attachment for a file named name (UTF-8). */
void req_attachment(struct req *r, const char *name);
/* Copies bytes as the raw answer, to be saved under name (a download). */
void req_download(struct req *r, const char *name, const void *bytes, size_t len,
                  const char *type);

/* The administrator's accounts (api_accounts.c). */
void api_accounts(struct req *r);
void api_account_add(struct req *r);
void api_accounts_import(struct req *r);
void api_account_password_reset(struct req *r);
void api_account_disable(struct req *r);
void api_account_enable(struct req *r);

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
void api_audit(struct req *r);
void api_audit_actions(struct req *r);
void api_committee_get(struct req *r);
void api_committee_put(struct req *r);
void api_projector_links(struct req *r);
void api_projector_link_create(struct req *r);
void api_projector_link_revoke(struct req *r);
void api_projector(struct req *r);
/* A whole number 1 .. max in plain digits (a query parameter); -1 for anything else. */
long api_positive(const char *text, long max);
/* A JSON string of s; bytes that are not UTF-8 (a text cut short) shown as '?'. */
json_t *api_text(const char *s);

/* GET /api/vocabulary: statuses, the form's fields, actions per status (api_vocabulary.c). */
void api_vocabulary(struct req *r);

#endif
