/*
 * The LAN server on libmicrohttpd: one request context per request, allocated
 * on the first callback and answered on a later one; bodies capped at
 * TALLY_HTTP_BODY_MAX (413 above it); limits on connections, memory and idle
 * time set explicitly (base/limits.h LIMIT_HTTP_*); the per-address caps and
 * the deadline of each request head and body are guard.c's (slow clients).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "base/limits.h"
#include "base/num.h"
#include "crypto/crypto.h"
#include "entry/internal.h"
#include "gen/embedded.h"

struct server {
	struct MHD_Daemon *d;
	struct store *s;
	int tls;
	int quiet;
	char *key_pem, *cert_pem;
	char *ca_pem;                 /* the local CA's certificate, or NULL */
	char listen_addr[64];
	unsigned short port;
	pthread_mutex_t export_lock;
	struct export_result *files[SERVER_FILES__MAX];  /* the last made of each kind */
	int (*route)(struct req *r);  /* api_route: everything but the static files */
	struct hashpool *pool;        /* password hashing off the request threads (hashpool.c) */
	struct guard *guard;          /* deadlines and per-address caps of connections (guard.c) */
};

void server_export_set(struct server *srv, enum server_files k, struct export_result *r)
{
	struct export_result *old;

	pthread_mutex_lock(&srv->export_lock);
	old = srv->files[k];
	srv->files[k] = r;
	pthread_mutex_unlock(&srv->export_lock);
	if (old != NULL) {
		export_result_free(old);
		free(old);
	}
}

struct export_result *server_export_lock(struct server *srv, enum server_files k)
{
	pthread_mutex_lock(&srv->export_lock);
	return srv->files[k];
}

void server_export_unlock(struct server *srv)
{
	pthread_mutex_unlock(&srv->export_lock);
}

struct store *server_store(struct server *srv)
{
	return srv->s;
}

int server_tls(struct server *srv)
{
	return srv->tls;
}

const char *server_ca_pem(struct server *srv)
{
	return srv->ca_pem;
}

const char *server_listen(struct server *srv, unsigned *port)
{
	*port = srv->port;
	return srv->listen_addr;
}

static const char csp[] = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                          "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'; form-action 'self'";

static void log_url(const char *in, char *out, size_t size);

void req_internal_at(struct req *r, const char *where)
{
	char path[256], method[16];

	log_url(r->url, path, sizeof path);
	log_url(r->method, method, sizeof method);
	fprintf(stderr, "teller: internal error in %s (%s %s): %s\n", where, method, path,
	        store_last_error(server_store(r->srv)));
	req_error(r, 500, "internal", "Er ging iets mis op de server. Probeer het opnieuw of "
	          "waarschuw de ICT-ondersteuning.");
}

void req_json(struct req *r, unsigned status, json_t *body)
{
	if (r->json != NULL)
		json_decref(r->json);
	r->status = status;
	r->json = body;
}

void req_error(struct req *r, unsigned status, const char *code, const char *message)
{
	json_t *e = json_object(), *o = json_object();

	json_object_set_new(e, "code", json_string(code));
	json_object_set_new(e, "message", json_string(message));
	json_object_set_new(o, "error", e);
	req_json(r, status, o);
}

json_t *req_body_json(struct req *r)
{
	json_error_t err;
	json_t *j;

	if (r->body.len == 0) {
		req_error(r, 400, "bad_json", "Het verzoek heeft geen inhoud.");
		return NULL;
	}
	j = json_loadb(r->body.p, r->body.len, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL || !json_is_object(j)) {
		json_decref(j);
		req_error(r, 400, "bad_json", "Het verzoek is geen geldig JSON-object.");
		return NULL;
	}
	return j;
}


/*
 * The embedded path of a JavaScript module, "/name.js" -> "web/name.js", in out;
 * 0 when url is not one (the name is [a-z-]+, so no path can leave web/).
 */
static int module_path(const char *url, char *out, size_t size)
{
	size_t n = strlen(url), i;

	if (n < 5 || url[0] != '/' || strcmp(url + n - 3, ".js") != 0)
		return 0;
	for (i = 1; i < n - 3; i++)
		if ((url[i] < 'a' || url[i] > 'z') && url[i] != '-')
			return 0;
	return snprintf(out, size, "web%s", url) < (int)size;
}

/* Serves a page or asset compiled into the binary. */
static int serve_static(struct req *r)
{
	static const struct {
		const char *url, *file, *type;
	} files[] = {
		{"/", "web/index.html", "text/html; charset=utf-8"},
		{"/index.html", "web/index.html", "text/html; charset=utf-8"},
		{"/style.css", "web/style.css", "text/css; charset=utf-8"},
		{"/views.css", "web/views.css", "text/css; charset=utf-8"},
		{"/result.css", "web/result.css", "text/css; charset=utf-8"},
		{NULL, NULL, "text/javascript; charset=utf-8"}, /* every web/[a-z-]+.js module */
	};
	const struct embedded_file *f;
	char module[64];
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (files[i].url != NULL ? strcmp(r->url, files[i].url) != 0
		                         : !module_path(r->url, module, sizeof module))
			continue;
		if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
			req_error(r, 405, "method_not_allowed", "Deze methode is hier niet toegestaan.");
			return 1;
		}
		if ((f = embedded_find(files[i].file != NULL ? files[i].file : module)) == NULL)
			return 0;
		if ((r->raw = malloc(f->size + 1)) == NULL) {
			req_error(r, 500, "internal", "Geen geheugen.");
			return 1;
		}
		memcpy(r->raw, f->data, f->size);
		r->raw_len = f->size;
		r->content_type = files[i].type;
		r->status = 200;
		return 1;
	}
	return 0;
}


/*
 * The connections the server takes: LIMIT_HTTP_CONNECTIONS_MAX, or fewer when
 * the limit of open files (teller serve raises it as far as it may) is lower.
 */
static unsigned connection_cap(void)
{
	const rlim_t want = (rlim_t)LIMIT_HTTP_CONNECTIONS_MAX + LIMIT_HTTP_FDS_SPARE;
	struct rlimit rl;
	unsigned cap;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
		return LIMIT_HTTP_CONNECTIONS_MAX;
	cap = rl.rlim_cur > 2 * LIMIT_HTTP_FDS_SPARE ? (unsigned)(rl.rlim_cur - LIMIT_HTTP_FDS_SPARE)
	                                             : (unsigned)(rl.rlim_cur / 2);
	fprintf(stderr, "teller: note: this process may open %lu files (ulimit -n), so the server "
	        "takes %u connections rather than %d; raise the limit (LimitNOFILE=%lu in the "
	        "service) for more\n", (unsigned long)rl.rlim_cur, cap, LIMIT_HTTP_CONNECTIONS_MAX,
	        (unsigned long)want);
	return cap;
}

static enum MHD_Result respond(struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *text = NULL, ra[16];
	size_t len = 0;

	if (r->json != NULL) {
		text = json_dumps(r->json, JSON_COMPACT | JSON_ENSURE_ASCII);
		len = text ? strlen(text) : 0;
		r->content_type = "application/json";
	} else if (r->raw != NULL) {
		text = r->raw;
		r->raw = NULL;
		len = r->raw_len;
	}
	resp = MHD_create_response_from_buffer(len, text ? text : (char *)"",
	                                       text ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (resp == NULL) {
		free(text);
		return MHD_NO;
	}
	if (r->content_type != NULL)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->srv->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (r->cookie[0] != '\0')
		MHD_add_response_header(resp, "Set-Cookie", r->cookie);
	if (r->disposition[0] != '\0')
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->retry_after > 0) {
		snprintf(ra, sizeof ra, "%u", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", ra);
	}
	ret = MHD_queue_response(r->conn, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/*
 * libmicrohttpd unescapes a path before on_request sees it, so "/api/stations/%31" would be
 * station 1 and "%00" would cut a path short. No path Teller answers needs an escape: one
 * with a '%' before its query is marked here, from the request line as sent, and answered
 * 404 on the first callback.
 */
static char escaped_path;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	return memchr(uri, '%', strcspn(uri, "?")) != NULL ? &escaped_path : NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	struct server *srv = cls;
	struct req *r = *con_cls;
	const char *cl;
	int park;

	(void)version;
	if (r == NULL || (void *)r == (void *)&escaped_path) {
		int escaped = r != NULL;

		/* First call: headers only. Answer later, so keep-alive connections stay open. */
		if ((r = calloc(1, sizeof *r)) == NULL)
			return MHD_NO;
		r->srv = srv;
		r->conn = conn;
		r->method = method;
		r->url = url;
		r->pool = srv->pool;
		clock_gettime(CLOCK_MONOTONIC, &r->start);
		guard_address(conn, r->address, sizeof r->address);
		guard_stage(srv->guard, conn, GUARD_BODY);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl != NULL && num_or(cl, 0, TALLY_HTTP_BODY_MAX, -1) < 0)
			r->too_large = 1;
		*con_cls = r;
		if (escaped) {
			req_error(r, 404, "not_found", "Dit adres bestaat niet.");
			return respond(r);
		}
		/* Both framings: which body is meant would be anyone's guess (request smuggling). */
		if (cl != NULL &&
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding") != NULL) {
			req_error(r, 400, "bad_request",
			          "Een verzoek heeft Transfer-Encoding of Content-Length, niet allebei.");
			return respond(r);
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		size_t n = *upload_data_size;

		if (!r->too_large && r->body.len + n > (size_t)TALLY_HTTP_BODY_MAX)
			r->too_large = 1;
		if (!r->too_large) {
			buf_put(&r->body, upload_data, n);
			if (r->body.failed)
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	/* The whole request is in. A handler waiting for a password hash leaves the connection
	 * suspended (its thread serves others) and runs again when a hash worker resumes it. */
	guard_stage(srv->guard, conn, GUARD_ANSWER);
	do {
		if (r->too_large)
			req_error(r, 413, "too_large", "Het verzoek is te groot.");
		else if (!r->srv->route(r) && !serve_static(r))
			req_error(r, 404, "not_found", "Deze pagina bestaat niet.");
	} while ((park = req_park(r)) == 2);   /* hashed already: run it again now */
	if (park == 1)
		return MHD_YES;
	if (r->status == 0)
		req_error(r, 500, "internal", "Er ging iets mis op de server.");
	return respond(r);
}

/*
 * The path as the request log prints it: at most LOG_URL_MAX characters,
 * printable ASCII only (anything else, a newline included, as %XX, so that no
 * request can forge or break a log line), and every run of 32 or more hex
 * digits as "<token>", so that no token in a path (a link to share, say) ends
 * up in the journal.
 */
#define LOG_URL_MAX 200
static void log_url(const char *url, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0, run;
	unsigned char c;

	while (*url != '\0' && o + 8 < size && o < LOG_URL_MAX) {
		for (run = 0; isxdigit((unsigned char)url[run]); run++)
			;
		if (run >= 32) {
			memcpy(out + o, "<token>", 7);
			o += 7;
			url += run;
			continue;
		}
		c = (unsigned char)*url++;
		if (c > 0x20 && c < 0x7f && c != '%') {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct req *r = *con_cls;
	struct timespec end;
	char path[LOG_URL_MAX + 16], method[32];
	double ms;

	(void)toe;
	guard_stage(srv->guard, conn, GUARD_HEAD);   /* keep-alive: the next head is owed */
	if (r == NULL || (void *)r == (void *)&escaped_path)
		return;
	if (!srv->quiet && r->status != 0) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		ms = (double)(end.tv_sec - r->start.tv_sec) * 1e3 +
		     (double)(end.tv_nsec - r->start.tv_nsec) / 1e6;
		/* One line per request: never the body, the query or the cookie. */
		log_url(r->url, path, sizeof path);
		log_url(r->method, method, sizeof method);
		fprintf(stderr, "%s %s %s %u %.1fms %s\n", r->address, method, path, r->status, ms,
		        r->have_session ? r->sess.account.name : "-");
	}
	req_pw_release(r);
	if (r->json != NULL)
		json_decref(r->json);
	free(r->raw);
	if (r->body.p != NULL)
		crypto_cleanse(r->body.p, r->body.len); /* may hold a password */
	buf_free(&r->body);
	crypto_cleanse(r->token, sizeof r->token);
	free(r);
	*con_cls = NULL;
}

/*
 * GnuTLS (libmicrohttpd's TLS): TLS 1.3, and TLS 1.2 with forward secrecy and AEAD suites
 * only (AES-GCM, ChaCha20-Poly1305): no TLS 1.0 or 1.1, no CBC, no SHA-1 MAC, no RSA key
 * exchange. Every browser of the last years speaks these.
 */
#define TLS_PRIORITIES "SECURE:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM:" \
	"+AES-256-GCM:+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:" \
	"%SERVER_PRECEDENCE"

int server_open(struct store *s, const struct server_config *cfg, int (*route)(struct req *r),
                struct server **out, char *why, size_t whysize)
{
	struct server *srv;
	struct sockaddr_in sin;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	                 MHD_ALLOW_SUSPEND_RESUME;
	size_t len;

	*out = NULL;
	if ((srv = calloc(1, sizeof *srv)) == NULL) {
		snprintf(why, whysize, "out of memory");
		return -1;
	}
	srv->s = s;
	srv->route = route;
	pthread_mutex_init(&srv->export_lock, NULL);
	srv->tls = cfg->tls;
	srv->quiet = cfg->quiet;
	srv->port = cfg->port;
	snprintf(srv->listen_addr, sizeof srv->listen_addr, "%s", cfg->listen_addr);
	if (store_secret_get(s, "tls_ca_cert", &srv->ca_pem, &len) != STORE_OK)
		srv->ca_pem = NULL;   /* an older database; /ca.crt answers 404 */
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(cfg->port);
	if (inet_pton(AF_INET, cfg->listen_addr, &sin.sin_addr) != 1) {
		snprintf(why, whysize, "'%s' is not an IPv4 address", cfg->listen_addr);
		server_stop(srv);
		return -1;
	}
	if (cfg->tls) {
		if (store_secret_get(s, "tls_key", &srv->key_pem, &len) != STORE_OK ||
		    store_secret_get(s, "tls_cert", &srv->cert_pem, &len) != STORE_OK) {
			snprintf(why, whysize, "the database holds no TLS certificate");
			server_stop(srv);
			return -1;
		}
		flags |= MHD_USE_TLS;
	}
	if ((srv->guard = guard_new()) == NULL) {
		snprintf(why, whysize, "cannot start the connection watchdog thread");
		server_stop(srv);
		return -1;
	}
	if ((srv->pool = hashpool_new()) == NULL) {
		snprintf(why, whysize, "cannot start the password hashing threads");
		server_stop(srv);
		return -1;
	}
	srv->d = MHD_start_daemon(flags, cfg->port, guard_accept, srv->guard, on_request, srv,
	                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	                          MHD_OPTION_THREAD_POOL_SIZE, cfg->threads ? cfg->threads : 8u,
	                          MHD_OPTION_CONNECTION_LIMIT, connection_cap(),
	                          MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	                          (unsigned)LIMIT_HTTP_CONNECTIONS_LOOPBACK,
	                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)LIMIT_HTTP_IDLE_SECONDS,
	                          MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	                          (size_t)LIMIT_HTTP_CONNECTION_MEMORY,
	                          MHD_OPTION_NOTIFY_CONNECTION, guard_on_connection, srv->guard,
	                          MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	                          MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
	                          cfg->tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, srv->key_pem,
	                          MHD_OPTION_HTTPS_MEM_CERT, srv->cert_pem,
	                          MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITIES,
	                          MHD_OPTION_END);
	if (srv->d == NULL) {
		snprintf(why, whysize, "cannot listen on %s:%u (in use, or no permission)",
		         cfg->listen_addr, cfg->port);
		server_stop(srv);
		return -1;
	}
	*out = srv;
	return 0;
}

void server_stop(struct server *srv)
{
	int k;

	if (srv == NULL)
		return;
	guard_stop(srv->guard);
	hashpool_stop(srv->pool);      /* first: no connection stays suspended */
	if (srv->d != NULL)
		MHD_stop_daemon(srv->d);   /* closes every connection: the watch list empties */
	hashpool_free(srv->pool);
	crypto_free_secret(srv->key_pem);
	free(srv->cert_pem);
	free(srv->ca_pem);
	for (k = 0; k < SERVER_FILES__MAX; k++)
		server_export_set(srv, (enum server_files)k, NULL);
	pthread_mutex_destroy(&srv->export_lock);
	guard_free(srv->guard);        /* after MHD: its last connections were closed through it */
	free(srv);
}
