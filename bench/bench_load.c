/*
 * bench_load: N simulated typists over loopback against `teller serve`.
 *
 * Makes a temporary directory, generates a synthetic election
 * (bench/gen_election.c), makes a database with the teller binary (init,
 * import, user add), starts `teller serve --no-tls --quiet` on a free port
 * of 127.0.0.1, and runs one thread per typist, each with its own
 * keep-alive HTTP/1.1 connection:
 *
 *   setup    login, forced password change (not in the figures)
 *   pass 1   per own station: claim entry 1, one PUT per section of the
 *            form (voters, votes, differences, then one per list: the
 *            browser's save-per-section), finalise
 *   pass 2   the same as entry 2 of the next typist's stations, with the
 *            same figures, so that every station ends definitive
 *
 * It prints the number of requests, wall time, throughput, latency
 * percentiles overall and per kind, the stations that ended definitive (GET
 * /api/stations as a coordinator) and the server's peak memory (VmHWM of
 * /proc/PID/status; the peak is reset after the logins so that the entry
 * phase is also shown on its own). Aims (issue): for 50 typists p99 under
 * 20 ms and memory under 64 MB.
 *
 * Each typist pauses --think ms (default 100, uniform in [50, 150]) before
 * each request: a hundred times faster than people type a section, but not
 * a saturating closed loop, whose latency is only queueing (N / throughput).
 * --think 0 measures the server's capacity instead.
 *
 * Exit 0 whether or not the aims are met (benchmarks never fail on timing);
 * 1 when the benchmark cannot run or the server died (a crash is a bug).
 *
 * usage: bench_load [options] [TELLER]      (run with --help)
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/gen_election.c" /* the generator: static functions, compiled in */
#include "crypto/crypto.h"
#include "tally/limits.h"

static const char usage[] =
	"usage: bench_load [options] [TELLER]\n"
	"  N simulated typists over loopback against `teller serve`: claim, save per\n"
	"  section, finalise; then the second entry of another typist's stations.\n"
	"  --typists N      typists (default 50; env BENCH_TYPISTS)\n"
	"  --rounds R       stations per typist (default 2; env BENCH_ROUNDS)\n"
	"  --stations S     polling stations (default typists x rounds; env BENCH_STATIONS)\n"
	"  --lists L        candidate lists (default 20; env BENCH_LISTS)\n"
	"  --candidates C   candidates per list (default 30; env BENCH_CANDIDATES)\n"
	"  --think MS       mean pause of a typist before each request, uniform in\n"
	"                   [MS/2, 3MS/2] (default 100: still a hundred times faster\n"
	"                   than a person types a section; 0: as fast as the server\n"
	"                   answers, which measures capacity, not latency;\n"
	"                   env BENCH_THINK_MS)\n"
	"  --one-address    all typists connect from 127.0.0.1 (default: typist i from\n"
	"                   127.0.0.(i+2), one address per laptop as on election night)\n"
	"  --dir DIR        where the temporary directory is made (default $TMPDIR or\n"
	"                   /tmp; the database's disk decides the cost of fsync)\n"
	"  --server-log     run the server without --quiet, so that DIR/serve.log has\n"
	"                   a line per request with the server's own time (implies --keep)\n"
	"  --keep           keep the temporary directory\n"
	"  --gen-only DIR   only write the three EML files into DIR and exit\n"
	"  TELLER           the teller binary (default: env TELLER, else ../teller\n"
	"                   beside this program, else ./build/teller)\n";

enum kind { K_LOGIN, K_PASSWORD, K_CLAIM, K_SAVE, K_FINALISE, K_N };
static const char *const kind_name[K_N] = {"login", "password", "claim", "save", "finalise"};

struct cfg {
	int typists, rounds, stations, lists, candidates;
	long think_ms;
	int one_address, keep, server_log;
	const char *teller, *dir, *gen_only;
	unsigned short port;
};

static struct cfg C;

/* ---- small helpers ---- */

static double cpu_self(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1e3);
	ts.tv_nsec = (long)((ms - (double)ts.tv_sec * 1e3) * 1e6);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static void env_int(const char *name, long lo, long hi, int *out)
{
	long v;
	const char *s = getenv(name);

	if (s != NULL && parse_int(s, lo, hi, &v) == 0)
		*out = (int)v;
}

/* A growing text buffer. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (b->p != NULL && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t cap = b->cap ? b->cap : 1024;
			char *q;

			while (cap < b->len + (size_t)n + 1)
				cap *= 2;
			if ((q = realloc(b->p, cap)) == NULL) {
				fprintf(stderr, "bench_load: out of memory\n");
				exit(1);
			}
			b->p = q;
			b->cap = cap;
		}
	}
}

/* Latency samples of one kind. */
struct samples {
	double *v;
	size_t n, cap;
	long errors;
};

static void samples_add(struct samples *s, double ms)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		double *q = realloc(s->v, cap * sizeof *q);

		if (q == NULL) {
			fprintf(stderr, "bench_load: out of memory\n");
			exit(1);
		}
		s->v = q;
		s->cap = cap;
	}
	s->v[s->n++] = ms;
}

/* ---- processes ---- */

/* Starts argv with stdin_text (or /dev/null) on standard input, standard output (and
 * standard error when err_too) to out_path (or /dev/null). Returns the pid, or -1. */
static pid_t spawn(const char *const *argv, const char *stdin_text, const char *out_path,
                   int err_too)
{
	int in[2] = {-1, -1};
	pid_t pid;

	if (stdin_text != NULL && pipe(in) != 0)
		return -1;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		int fd;

		if (stdin_text != NULL) {
			dup2(in[0], 0);
			close(in[0]);
			close(in[1]);
		} else if ((fd = open("/dev/null", O_RDONLY)) >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		fd = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			dup2(fd, 1);
			if (err_too)
				dup2(fd, 2);
			close(fd);
		}
		execv(argv[0], (char *const *)argv);
		fprintf(stderr, "bench_load: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (stdin_text != NULL) {
		size_t len = strlen(stdin_text), off = 0;
		ssize_t w;

		close(in[0]);
		while (off < len && (w = write(in[1], stdin_text + off, len - off)) > 0)
			off += (size_t)w;
		close(in[1]);
	}
	return pid;
}

static int wait_ok(pid_t pid)
{
	int st;

	if (pid < 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int run(const char *const *argv, const char *stdin_text)
{
	return wait_ok(spawn(argv, stdin_text, NULL, 0));
}

/* Removes dir and what is in it, one level of folders deep (the database's DB.keys/). */
static void rm_rf(const char *dir)
{
	char p[4096 + 256 + 2];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		if (unlink(p) != 0 && errno == EISDIR) {
			DIR *sub = opendir(p);
			struct dirent *se;
			char q[sizeof p + 256 + 2];

			while (sub != NULL && (se = readdir(sub)) != NULL)
				if (strcmp(se->d_name, ".") != 0 && strcmp(se->d_name, "..") != 0) {
					snprintf(q, sizeof q, "%s/%s", p, se->d_name);
					unlink(q);
				}
			if (sub != NULL)
				closedir(sub);
			rmdir(p);
		}
	}
	closedir(d);
	rmdir(dir);
}

/* VmHWM and VmRSS of a process, in kB (-1 when unknown). */
static void proc_mem(pid_t pid, long *hwm, long *rss)
{
	char path[64], line[256];
	FILE *f;

	*hwm = *rss = -1;
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "VmHWM:", 6) == 0)
			*hwm = strtol(line + 6, NULL, 10);
		else if (strncmp(line, "VmRSS:", 6) == 0)
			*rss = strtol(line + 6, NULL, 10);
	}
	fclose(f);
}

/* CPU time (user + system) a process has used, in seconds; -1 when unknown. */
static double proc_cpu(pid_t pid)
{
	char path[64], buf[1024], *p, *end;
	long v[2];
	size_t n;
	FILE *f;
	int field;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	/* Fields after the command: 3 state ... 14 utime 15 stime. */
	for (field = 3, p += 2; field < 14 && p != NULL; field++)
		if ((p = strchr(p, ' ')) != NULL)
			p++;
	if (p == NULL)
		return -1;
	v[0] = strtol(p, &end, 10);
	v[1] = strtol(end, NULL, 10);
	return (double)(v[0] + v[1]) / (double)sysconf(_SC_CLK_TCK);
}

/* Resets the peak resident set size of a process (Linux >= 4.0). 0 on success. */
static int proc_reset_hwm(pid_t pid)
{
	char path[64];
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "/proc/%ld/clear_refs", (long)pid);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	rc = fputs("5", f) < 0;
	return fclose(f) != 0 || rc ? -1 : 0;
}

/* ---- a minimal HTTP/1.1 client: one keep-alive connection ---- */

struct conn {
	int fd;
	int index;            /* source address 127.0.0.(index+2), or -1 for the default */
	char *buf;            /* response bytes */
	size_t cap, len;
	int answered;         /* bytes of an answer came on this request */
	char cookie[128];
	char csrf[80];
	struct sbuf req;
	/* the last response */
	int status;
	char *body;
	size_t body_len;
};

static int conn_open(struct conn *c)
{
	struct sockaddr_in a;
	int one = 1;

	if ((c->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	if (c->index >= 0) {
		a.sin_addr.s_addr = htonl(0x7F000000u | (uint32_t)(c->index + 2));
		if (bind(c->fd, (struct sockaddr *)&a, sizeof a) != 0)
			goto bad;
	}
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(C.port);
	if (connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0)
		goto bad;
	return 0;
bad:
	close(c->fd);
	c->fd = -1;
	return -1;
}

static void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->len = 0;
}

static int conn_fill(struct conn *c)
{
	ssize_t n;

	if (c->cap - c->len < 4096) {
		size_t cap = c->cap ? c->cap * 2 : 65536;
		char *q = realloc(c->buf, cap);

		if (q == NULL)
			return -1;
		c->buf = q;
		c->cap = cap;
	}
	do
		n = recv(c->fd, c->buf + c->len, c->cap - c->len - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return -1;
	c->answered = 1;
	c->len += (size_t)n;
	c->buf[c->len] = '\0';
	return 0;
}

/* Value of header name in the header block [h, end), or NULL; *vlen its length. */
static const char *header(const char *h, const char *end, const char *name, size_t *vlen)
{
	size_t nl = strlen(name);
	const char *p = h, *eol;

	while (p < end) {
		eol = strstr(p, "\r\n");
		if (eol == NULL || eol > end)
			eol = end;
		if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;

			while (v < eol && *v == ' ')
				v++;
			*vlen = (size_t)(eol - v);
			return v;
		}
		p = eol + 2;
	}
	return NULL;
}

/*
 * One request and its whole response. Sets c->status, c->body (NUL-terminated,
 * inside c->buf, valid until the next request). 0 when a response came.
 */
static int http_once(struct conn *c, const char *method, const char *path, const char *body)
{
	size_t blen = body ? strlen(body) : 0, off = 0, total, hlen, vlen, cl = 0;
	const char *hend, *v;
	struct iovec iov[2];
	int change = strcmp(method, "GET") != 0, close_after = 0, have_cl = 1;
	char *end;

	c->status = 0;
	c->body = NULL;
	c->body_len = 0;
	c->answered = 0;
	if (c->fd < 0 && conn_open(c) != 0)
		return -1;
	c->req.len = 0;
	sb_add(&c->req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUser-Agent: teller-bench\r\n"
	       "Accept: application/json\r\n", method, path, (unsigned)C.port);
	if (c->cookie[0])
		sb_add(&c->req, "Cookie: teller_session=%s\r\n", c->cookie);
	if (change && c->csrf[0])
		sb_add(&c->req, "X-CSRF-Token: %s\r\n", c->csrf);
	if (body != NULL)
		sb_add(&c->req, "Content-Type: application/json\r\nContent-Length: %zu\r\n", blen);
	sb_add(&c->req, "\r\n");
	iov[0].iov_base = c->req.p;
	iov[0].iov_len = c->req.len;
	iov[1].iov_base = (void *)(uintptr_t)(body ? body : "");
	iov[1].iov_len = blen;
	total = c->req.len + blen;
	while (off < total) {
		ssize_t w = writev(c->fd, iov, 2);
		size_t left;

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			conn_close(c);
			return -1;
		}
		off += (size_t)w;
		left = (size_t)w;
		for (int i = 0; i < 2; i++) {
			size_t k = left < iov[i].iov_len ? left : iov[i].iov_len;

			iov[i].iov_base = (char *)iov[i].iov_base + k;
			iov[i].iov_len -= k;
			left -= k;
		}
	}
	/* Status line and headers. */
	c->len = 0;
	if (c->buf != NULL)
		c->buf[0] = '\0';
	while ((hend = c->buf ? strstr(c->buf, "\r\n\r\n") : NULL) == NULL)
		if (conn_fill(c) != 0) {
			conn_close(c);
			return -1;
		}
	hlen = (size_t)(hend - c->buf) + 4;
	if (strncmp(c->buf, "HTTP/1.", 7) != 0) {
		conn_close(c);
		return -1;
	}
	c->status = (int)strtol(c->buf + 9, &end, 10);
	if ((v = header(c->buf, hend, "Content-Length", &vlen)) != NULL)
		cl = (size_t)strtoul(v, NULL, 10);
	else
		have_cl = 0; /* not expected from libmicrohttpd: the body ends at the close */
	if ((v = header(c->buf, hend, "Connection", &vlen)) != NULL && vlen >= 5 &&
	    strncasecmp(v, "close", 5) == 0)
		close_after = 1;
	if ((v = header(c->buf, hend, "Set-Cookie", &vlen)) != NULL &&
	    strncmp(v, "teller_session=", 15) == 0) {
		size_t n = strcspn(v + 15, ";\r");

		if (n < sizeof c->cookie) {
			memcpy(c->cookie, v + 15, n);
			c->cookie[n] = '\0';
		}
	}
	/* Body. */
	if (!have_cl) {
		while (conn_fill(c) == 0)
			;
		cl = c->len - hlen;
		close_after = 1;
	} else {
		while (c->len < hlen + cl)
			if (conn_fill(c) != 0) {
				conn_close(c);
				return -1;
			}
	}
	c->body = c->buf + hlen;
	c->body_len = cl;
	c->body[cl] = '\0'; /* cap > len always leaves room */
	if (close_after) {
		close(c->fd);
		c->fd = -1;
	}
	return 0;
}

/*
 * As a browser does: a request on a kept-alive connection that the server
 * closed before any answer (it closes idle ones, LIMIT_HTTP_HEAD_SECONDS) goes
 * again once on a new connection.
 */
static int http(struct conn *c, const char *method, const char *path, const char *body)
{
	int reused = c->fd >= 0;

	if (http_once(c, method, path, body) == 0)
		return 0;
	if (!reused || c->answered)
		return -1;
	return http_once(c, method, path, body);
}

/* The string value of "key":"..." in a JSON text (no escapes expected), into out. */
static int json_str(const char *json, const char *key, char *out, size_t size)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof pat, "\"%s\":\"", key);
	if (json == NULL || (p = strstr(json, pat)) == NULL)
		return -1;
	p += strlen(pat);
	n = strcspn(p, "\"");
	if (n >= size)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

static size_t count_str(const char *hay, const char *needle)
{
	size_t n = 0;

	while (hay != NULL && (hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* ---- the typists ---- */

struct typist {
	int i;
	pthread_t th;
	struct conn c;
	char name[32], pw0[64], pw1[64];
	struct samples s[K_N];
	int definitive;       /* second entries that made the station definitive */
	int setup_ok;
	size_t save_req_bytes, save_resp_bytes;
	uint64_t rng;
	char first_error[256];
};

static struct gen_params G;
static struct gen_form *forms; /* [stations], index station - 1 */
static pthread_barrier_t barrier;
static struct typist *typists;

static void note_error(struct typist *t, const char *what)
{
	if (t->first_error[0] == '\0')
		snprintf(t->first_error, sizeof t->first_error, "%s: %d %.180s", what, t->c.status,
		         t->c.body ? t->c.body : "(no answer)");
}

/* One timed request; returns the status (0: no answer). */
static int timed(struct typist *t, enum kind k, const char *method, const char *path,
                 const char *body)
{
	double t0, ms;
	int rc;

	if (C.think_ms > 0 && (k == K_CLAIM || k == K_SAVE || k == K_FINALISE))
		sleep_ms((double)C.think_ms * (0.5 + (double)(gen_next(&t->rng) >> 11) /
		                                         9007199254740992.0));
	t0 = now_ms();
	rc = http(&t->c, method, path, body);
	ms = now_ms() - t0;
	samples_add(&t->s[k], ms);
	if (rc != 0 || t->c.status != 200) {
		t->s[k].errors++;
		note_error(t, path);
		return rc != 0 ? 0 : t->c.status;
	}
	return 200;
}

static void num(struct sbuf *b, int filled, long v)
{
	if (filled)
		sb_add(b, "%ld", v);
	else
		sb_add(b, "null");
}

/* The count form as the browser sends it after section `upto` (0: voters, 1: votes,
 * 2: differences, 3 + i: list i): later sections still empty (null). */
static void form_json(struct sbuf *b, const struct gen_form *f, int upto, const char *progress)
{
	static const char *const diffs[] = {"more_ballots_counted", "fewer_ballots_counted",
	                                    "taken_home", "too_few_issued", "too_many_issued",
	                                    "no_explanation", "other_explanation"};
	int v = upto >= 0, e = upto >= 1, d = upto >= 2, i, j;

	b->len = 0;
	sb_add(b, "{\"voters\":{\"poll_cards\":");
	num(b, v, f->poll_cards);
	sb_add(b, ",\"proxy_certificates\":");
	num(b, v, f->proxy_certificates);
	sb_add(b, ",\"voter_cards\":null,\"admitted_voters\":");
	num(b, v, f->admitted_voters);
	sb_add(b, "},\"votes\":{\"list_totals\":[");
	for (i = 0; i < f->lists; i++) {
		sb_add(b, i ? "," : "");
		num(b, e, f->list_totals[i]);
	}
	sb_add(b, "],\"valid_votes\":");
	num(b, e, f->valid_votes);
	sb_add(b, ",\"blank_votes\":");
	num(b, e, f->blank_votes);
	sb_add(b, ",\"invalid_votes\":");
	num(b, e, f->invalid_votes);
	sb_add(b, ",\"votes_cast\":");
	num(b, e, f->votes_cast);
	sb_add(b, "},\"differences\":{");
	for (i = 0; i < 7; i++) {
		sb_add(b, "%s\"%s\":", i ? "," : "", diffs[i]);
		num(b, d, 0);
	}
	sb_add(b, "},\"lists\":[");
	for (i = 0; i < f->lists; i++) {
		int l = upto >= 3 + i;

		sb_add(b, "%s{\"number\":%d,\"total\":", i ? "," : "", i + 1);
		num(b, l, f->list_totals[i]);
		sb_add(b, ",\"candidates\":[");
		for (j = 0; j < f->candidates; j++) {
			sb_add(b, j ? "," : "");
			num(b, l, f->cand[(size_t)i * (size_t)f->candidates + (size_t)j]);
		}
		sb_add(b, "]}");
	}
	sb_add(b, "],\"progress\":\"%s\"}", progress);
}

/* Claim, save per section, finalise one entry of one station. */
static void do_entry(struct typist *t, struct sbuf *body, int station, int entry)
{
	const struct gen_form *f = &forms[station - 1];
	char path[96], fpath[112], progress[32];
	int sec, nsec = 3 + f->lists, st;

	snprintf(path, sizeof path, "/api/stations/%d/entries/%d", station, entry);
	snprintf(fpath, sizeof fpath, "%s/claim", path);
	if (timed(t, K_CLAIM, "POST", fpath, "{}") != 200)
		return;
	for (sec = 0; sec < nsec; sec++) {
		/* The section the typist goes to next, as the browser records it. */
		if (sec + 1 < 3)
			snprintf(progress, sizeof progress, "%s", sec + 1 == 1 ? "votes" : "differences");
		else
			snprintf(progress, sizeof progress, "lists-%d", sec + 1 - 3 + 1 > f->lists ?
			         f->lists : sec + 1 - 3 + 1);
		form_json(body, f, sec, progress);
		if (timed(t, K_SAVE, "PUT", path, body->p) != 200)
			return;
		t->save_req_bytes += body->len;
		t->save_resp_bytes += t->c.body_len;
	}
	snprintf(fpath, sizeof fpath, "%s/finalise", path);
	st = timed(t, K_FINALISE, "POST", fpath, "{\"warnings_confirmed\":false}");
	if (st == 409 && strstr(t->c.body, "warnings_not_confirmed") != NULL) {
		t->s[K_FINALISE].errors--; /* the typist checks the paper and confirms */
		st = timed(t, K_FINALISE, "POST", fpath, "{\"warnings_confirmed\":true}");
	}
	if (st == 200 && entry == 2 && strstr(t->c.body, "\"definitive\"") != NULL)
		t->definitive++;
}

/* Login and the forced password change. 0 on success. */
static int login(struct conn *c, struct typist *t, const char *name, const char *pw0,
                 const char *pw1)
{
	struct sbuf b = {0};
	double t0;
	int rc = -1;

	sb_add(&b, "{\"username\":\"%s\",\"password\":\"%s\"}", name, pw0);
	t0 = now_ms();
	if (http(c, "POST", "/api/login", b.p) != 0 || c->status != 200 ||
	    json_str(c->body, "csrf_token", c->csrf, sizeof c->csrf) != 0) {
		if (t != NULL)
			note_error(t, "login");
		goto out;
	}
	if (t != NULL)
		samples_add(&t->s[K_LOGIN], now_ms() - t0);
	b.len = 0;
	sb_add(&b, "{\"current\":\"%s\",\"new\":\"%s\"}", pw0, pw1);
	t0 = now_ms();
	if (http(c, "POST", "/api/account/password", b.p) != 0 || c->status != 200) {
		if (t != NULL)
			note_error(t, "password");
		goto out;
	}
	if (t != NULL)
		samples_add(&t->s[K_PASSWORD], now_ms() - t0);
	rc = 0;
out:
	free(b.p);
	return rc;
}

static void *typist_main(void *arg)
{
	struct typist *t = arg;
	struct sbuf body = {0};
	int s, next = (t->i + 1) % C.typists;

	t->setup_ok = login(&t->c, t, t->name, t->pw0, t->pw1) == 0;
	pthread_barrier_wait(&barrier); /* setup done */
	pthread_barrier_wait(&barrier); /* main has reset the peak memory */
	if (t->setup_ok)
		for (s = t->i + 1; s <= C.stations; s += C.typists)
			do_entry(t, &body, s, 1);
	pthread_barrier_wait(&barrier); /* every first entry finalised */
	if (t->setup_ok)
		for (s = next + 1; s <= C.stations; s += C.typists)
			do_entry(t, &body, s, 2);
	pthread_barrier_wait(&barrier); /* done */
	free(body.p);
	return NULL;
}

/* ---- figures ---- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(const struct samples *s, double p)
{
	size_t k;

	if (s->n == 0)
		return 0;
	k = (size_t)(p * (double)s->n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > s->n)
		k = s->n;
	return s->v[k - 1];
}

static void print_row(const char *name, struct samples *s)
{
	double sum = 0;
	size_t i;

	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	for (i = 0; i < s->n; i++)
		sum += s->v[i];
	printf("  %-16s %7zu %6ld %8.2f %8.2f %8.2f %8.2f %8.2f %9.2f\n", name, s->n, s->errors,
	       s->n ? sum / (double)s->n : 0.0, pct(s, 0.50), pct(s, 0.90), pct(s, 0.99),
	       pct(s, 0.999), s->n ? s->v[s->n - 1] : 0.0);
}

static void merge(struct samples *into, const struct samples *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		samples_add(into, from->v[i]);
	into->errors += from->errors;
}

/* ---- setup ---- */

static unsigned short free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	unsigned short port = 0;

	if (fd < 0)
		return 0;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static int import(const char *db, const char *file, int with_hash)
{
	unsigned char d[32];
	char hex[65];
	const char *argv[] = {C.teller, "import", "--db", db, "--hash", hex, file, NULL};

	if (!with_hash) {
		argv[4] = file;
		argv[5] = NULL;
	} else if (hash_sha256_file(file, d) != 0 || crypto_hex(d, sizeof d, hex, sizeof hex) != 0) {
		return -1;
	}
	return run(argv, NULL);
}

/* Adds the accounts with `teller user add`, a few processes at a time. */
static int add_users(const char *db)
{
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t *pids;
	int i, j, bad = 0, n = C.typists + 1;

	if (jobs < 1)
		jobs = 1;
	if ((pids = calloc((size_t)n, sizeof *pids)) == NULL)
		return -1;
	for (i = 0; i < n; i += (int)jobs) {
		for (j = i; j < n && j < i + jobs; j++) {
			const char *name = j < C.typists ? typists[j].name : "coordinator";
			const char *role = j < C.typists ? "typist" : "coordinator";
			char pw[80];
			const char *argv[] = {C.teller, "user", "add", "--db", db, "--role", role, name,
			                      NULL};

			snprintf(pw, sizeof pw, "%s\n", j < C.typists ? typists[j].pw0 :
			         "bench-initial-coordinator");
			pids[j] = spawn(argv, pw, NULL, 0);
		}
		for (j = i; j < n && j < i + jobs; j++)
			bad |= wait_ok(pids[j]);
	}
	free(pids);
	return bad ? -1 : 0;
}

static int wait_listening(pid_t server)
{
	struct conn c;
	int st, k;

	memset(&c, 0, sizeof c);
	c.index = -1;
	for (k = 0; k < 500; k++) {
		if (conn_open(&c) == 0) {
			conn_close(&c);
			return 0;
		}
		if (waitpid(server, &st, WNOHANG) == server)
			return -1;
		sleep_ms(20);
	}
	return -1;
}

static const char *default_teller(const char *argv0)
{
	static char p[4096];
	const char *slash = strrchr(argv0, '/');
	const char *env = getenv("TELLER");

	if (env != NULL && env[0] != '\0')
		return env;
	if (slash != NULL) {
		snprintf(p, sizeof p, "%.*s/../teller", (int)(slash - argv0), argv0);
		if (access(p, X_OK) == 0)
			return p;
	}
	return "./build/teller";
}

static int parse_args(int argc, char **argv)
{
	long v;
	int i;

	C.typists = 50;
	C.rounds = 2;
	C.lists = 20;
	C.candidates = 30;
	C.stations = 0;
	env_int("BENCH_TYPISTS", 2, 2000, &C.typists);
	env_int("BENCH_ROUNDS", 1, 1000, &C.rounds);
	env_int("BENCH_STATIONS", 1, TALLY_STATIONS_MAX, &C.stations);
	env_int("BENCH_LISTS", 1, 99, &C.lists);
	env_int("BENCH_CANDIDATES", 1, 100, &C.candidates);
	{
		int t = 100;

		env_int("BENCH_THINK_MS", 0, 600000, &t);
		C.think_ms = t;
	}
	C.teller = default_teller(argv[0]);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
		int *target = NULL;
		long lo = 1, hi = 100000;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			exit(0);
		} else if (strcmp(a, "--one-address") == 0) {
			C.one_address = 1;
			continue;
		} else if (strcmp(a, "--keep") == 0) {
			C.keep = 1;
			continue;
		} else if (strcmp(a, "--server-log") == 0) {
			C.server_log = C.keep = 1;
			continue;
		} else if (strcmp(a, "--dir") == 0 || strcmp(a, "--gen-only") == 0) {
			if (next == NULL)
				goto bad;
			*(strcmp(a, "--dir") == 0 ? &C.dir : &C.gen_only) = next;
			i++;
			continue;
		} else if (strcmp(a, "--think") == 0) {
			if (parse_int(next, 0, 600000, &v) != 0)
				goto bad;
			C.think_ms = v;
			i++;
			continue;
		} else if (strcmp(a, "--typists") == 0) {
			target = &C.typists;
			lo = 2;
			hi = 2000;
		} else if (strcmp(a, "--rounds") == 0) {
			target = &C.rounds;
		} else if (strcmp(a, "--stations") == 0) {
			target = &C.stations;
			hi = TALLY_STATIONS_MAX;
		} else if (strcmp(a, "--lists") == 0) {
			target = &C.lists;
			hi = 99;
		} else if (strcmp(a, "--candidates") == 0) {
			target = &C.candidates;
			hi = 100;
		} else if (a[0] != '-') {
			C.teller = a;
			continue;
		} else {
			goto bad;
		}
		if (parse_int(next, lo, hi, &v) != 0)
			goto bad;
		*target = (int)v;
		i++;
	}
	if (C.stations == 0)
		C.stations = C.typists * C.rounds;
	if (C.stations > TALLY_STATIONS_MAX)
		C.stations = TALLY_STATIONS_MAX;
	if (C.typists > 250 * 256 && !C.one_address)
		C.one_address = 1;
	return 0;
bad:
	fprintf(stderr, "bench_load: bad argument '%s' (see --help)\n", argv[i]);
	return -1;
}

int main(int argc, char **argv)
{
	char tmpl[4096], db[4200], f110a[4200], f110b[4200], f230b[4200], log[4200];
	struct samples all[K_N], entry_all = {0};
	struct conn coord;
	pid_t server = -1;
	long hwm_setup = -1, hwm_entry = -1, rss_end = -1, rss_setup = -1;
	double t_setup0, t_setup1, t0, t_mid, t1, wall, cpu0, cpu_mid, cpu1, self0, self1;
	size_t requests, i, save_req = 0, save_resp = 0, nsave = 0;
	int k, definitive = 0, definitive_server = -1, setup_ok = 0, rc = 1, reset_ok;
	const char *base;

	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse_args(argc, argv) != 0)
		return 2;
	G.stations = C.stations;
	G.lists = C.lists;
	G.candidates = C.candidates;
	G.seed = 20260318;
	if (C.gen_only != NULL) {
		if (gen_election(&G, C.gen_only) != 0) {
			fprintf(stderr, "bench_load: cannot write the EML files into %s\n", C.gen_only);
			return 1;
		}
		printf("wrote %s/eml110a_grootstad.eml.xml, eml110b_grootstad.eml.xml, "
		       "eml230b_grootstad.eml.xml (%d stations, %d lists x %d candidates)\n",
		       C.gen_only, C.stations, C.lists, C.candidates);
		return 0;
	}
	if (access(C.teller, X_OK) != 0) {
		fprintf(stderr, "bench_load: no teller binary at %s (give its path, or TELLER=...)\n",
		        C.teller);
		return 1;
	}
	base = C.dir ? C.dir : getenv("TMPDIR") && getenv("TMPDIR")[0] ? getenv("TMPDIR") : "/tmp";
	snprintf(tmpl, sizeof tmpl, "%s/teller-bench-XXXXXX", base);
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "bench_load: cannot make a directory in %s: %s\n", base, strerror(errno));
		return 1;
	}
	snprintf(db, sizeof db, "%s/bench.db", tmpl);
	snprintf(f110a, sizeof f110a, "%s/eml110a_grootstad.eml.xml", tmpl);
	snprintf(f110b, sizeof f110b, "%s/eml110b_grootstad.eml.xml", tmpl);
	snprintf(f230b, sizeof f230b, "%s/eml230b_grootstad.eml.xml", tmpl);
	snprintf(log, sizeof log, "%s/serve.log", tmpl);
	memset(all, 0, sizeof all);
	memset(&coord, 0, sizeof coord);
	coord.fd = -1;
	coord.index = -1;

	printf("bench_load: %d typists, %d stations (%d per typist per pass), %d lists x %d "
	       "candidates (%d fields a form), think %ld ms, %s\n", C.typists, C.stations,
	       (C.stations + C.typists - 1) / C.typists, C.lists, C.candidates,
	       14 + C.lists * (C.candidates + 2), C.think_ms,
	       C.one_address ? "all from 127.0.0.1" : "one source address per typist");
	printf("  teller %s, database in %s\n", C.teller, tmpl);

	/* The election and its figures. */
	if ((forms = calloc((size_t)C.stations, sizeof *forms)) == NULL ||
	    (typists = calloc((size_t)C.typists, sizeof *typists)) == NULL)
		goto out;
	for (k = 0; k < C.stations; k++)
		if (gen_form_make(&G, k + 1, &forms[k]) != 0)
			goto out;
	for (k = 0; k < C.typists; k++) {
		struct typist *t = &typists[k];

		t->i = k;
		t->c.fd = -1;
		t->c.index = C.one_address ? -1 : k;
		t->rng = 0xB00Cu + (uint64_t)k;
		snprintf(t->name, sizeof t->name, "typist%03d", k + 1);
		snprintf(t->pw0, sizeof t->pw0, "bench-initial-%s", t->name);
		snprintf(t->pw1, sizeof t->pw1, "bench-changed-%s", t->name);
	}
	t_setup0 = now_ms();
	if (gen_election(&G, tmpl) != 0) {
		fprintf(stderr, "bench_load: cannot write the EML files\n");
		goto out;
	}
	{
		const char *init[] = {C.teller, "init", "--db", db, "--municipality", GEN_DOMAIN_ID,
		                      "--name", GEN_DOMAIN_NAME, NULL};

		if (run(init, NULL) != 0 || import(db, f110a, 1) != 0 || import(db, f110b, 0) != 0 ||
		    import(db, f230b, 1) != 0) {
			fprintf(stderr, "bench_load: teller init/import failed\n");
			goto out;
		}
	}
	if (add_users(db) != 0) {
		fprintf(stderr, "bench_load: teller user add failed\n");
		goto out;
	}
	/* The server. */
	if ((C.port = free_port()) == 0)
		goto out;
	{
		char listen[32];
		const char *serve[] = {C.teller, "serve", "--db", db, "--no-tls", "--listen", listen,
		                       C.server_log ? NULL : "--quiet", NULL};

		snprintf(listen, sizeof listen, "127.0.0.1:%u", (unsigned)C.port);
		server = spawn(serve, NULL, log, 1);
	}
	if (server < 0 || wait_listening(server) != 0) {
		fprintf(stderr, "bench_load: teller serve did not start\n");
		goto out;
	}
	printf("  setup (files, database, %d accounts) %.1f s; server pid %ld on 127.0.0.1:%u\n",
	       C.typists + 1, (now_ms() - t_setup0) / 1e3, (long)server, (unsigned)C.port);

	/* Logins and password changes, all typists at once. */
	if (pthread_barrier_init(&barrier, NULL, (unsigned)C.typists + 1) != 0)
		goto out;
	t_setup1 = now_ms();
	for (k = 0; k < C.typists; k++)
		if (pthread_create(&typists[k].th, NULL, typist_main, &typists[k]) != 0) {
			fprintf(stderr, "bench_load: cannot start thread %d\n", k);
			exit(1); /* the barrier would never open */
		}
	if (login(&coord, NULL, "coordinator", "bench-initial-coordinator",
	          "bench-changed-coordinator") != 0)
		fprintf(stderr, "bench_load: the coordinator cannot log in: %d %s\n", coord.status,
		        coord.body ? coord.body : "");
	pthread_barrier_wait(&barrier);
	t_setup1 = now_ms() - t_setup1;
	proc_mem(server, &hwm_setup, &rss_setup);
	reset_ok = proc_reset_hwm(server) == 0;
	for (k = 0; k < C.typists; k++)
		setup_ok += typists[k].setup_ok;
	printf("  logins + password changes of %d typists at once: %.1f s\n", C.typists,
	       t_setup1 / 1e3);

	cpu0 = proc_cpu(server);
	self0 = cpu_self();
	t0 = now_ms();
	pthread_barrier_wait(&barrier); /* go */
	pthread_barrier_wait(&barrier); /* first entries done */
	t_mid = now_ms();
	cpu_mid = proc_cpu(server);
	pthread_barrier_wait(&barrier); /* second entries done */
	t1 = now_ms();
	cpu1 = proc_cpu(server);
	self1 = cpu_self();
	wall = (t1 - t0) / 1e3;
	for (k = 0; k < C.typists; k++)
		pthread_join(typists[k].th, NULL);

	if (http(&coord, "GET", "/api/stations", NULL) == 0 && coord.status == 200)
		definitive_server = (int)count_str(coord.body, "\"status\":\"definitive\"");
	proc_mem(server, &hwm_entry, &rss_end);
	if (!reset_ok)
		hwm_entry = -1;

	/* Figures. */
	for (k = 0; k < C.typists; k++) {
		struct typist *t = &typists[k];

		for (i = 0; i < K_N; i++)
			merge(&all[i], &t->s[i]);
		definitive += t->definitive;
		save_req += t->save_req_bytes;
		save_resp += t->save_resp_bytes;
		if (t->first_error[0] && k < 5)
			fprintf(stderr, "  %s: first failure: %s\n", t->name, t->first_error);
	}
	for (i = K_CLAIM; i < K_N; i++)
		merge(&entry_all, &all[i]);
	nsave = all[K_SAVE].n;
	requests = entry_all.n;
	printf("\n  typists logged in      %d of %d\n", setup_ok, C.typists);
	printf("  requests               %zu (%ld failed)\n", requests, entry_all.errors);
	printf("  wall time              %.2f s (pass 1 %.2f s, pass 2 %.2f s)\n", wall,
	       (t_mid - t0) / 1e3, (t1 - t_mid) / 1e3);
	printf("  throughput             %.0f requests/s\n", wall > 0 ? (double)requests / wall : 0);
	if (cpu0 >= 0 && cpu_mid >= cpu0 && cpu1 >= cpu_mid && requests > 0)
		printf("  server CPU             %.2f s (%.0f %% of one core of %ld); a request: %.2f ms "
		       "(pass 1 %.2f, pass 2 %.2f)\n", cpu1 - cpu0,
		       wall > 0 ? 100 * (cpu1 - cpu0) / wall : 0, sysconf(_SC_NPROCESSORS_ONLN),
		       1e3 * (cpu1 - cpu0) / (double)requests, 2e3 * (cpu_mid - cpu0) / (double)requests,
		       2e3 * (cpu1 - cpu_mid) / (double)requests);
	printf("  client CPU             %.2f s (this program: the typists and their JSON)\n",
	       self1 - self0);
	if (nsave > 0)
		printf("  save size              %.1f kB request, %.1f kB answer (mean)\n",
		       (double)save_req / (double)nsave / 1024, (double)save_resp / (double)nsave / 1024);
	printf("\n  latency (ms)             count  fail     mean      p50      p90      p99    "
	       "p99.9       max\n");
	print_row(kind_name[K_CLAIM], &all[K_CLAIM]);
	print_row(kind_name[K_SAVE], &all[K_SAVE]);
	print_row(kind_name[K_FINALISE], &all[K_FINALISE]);
	print_row("all entry", &entry_all);
	print_row("login (setup)", &all[K_LOGIN]);
	print_row("password (setup)", &all[K_PASSWORD]);
	printf("\n  definitive stations    %d of %d (second-entry answers); server says %d\n",
	       definitive, C.stations, definitive_server);
	printf("  server memory          peak %.1f MB over the whole run (VmHWM; logins "
	       "included), %.1f MB after the logins (VmRSS)\n", hwm_setup / 1024.0,
	       rss_setup / 1024.0);
	if (rss_end < 0)
		printf("                         the server was gone at the end\n");
	else if (hwm_entry >= 0)
		printf("                         peak %.1f MB during data entry (VmHWM reset after "
		       "the logins), %.1f MB at the end (VmRSS)\n", hwm_entry / 1024.0,
		       rss_end / 1024.0);
	else
		printf("                         %.1f MB at the end (VmRSS; peak reset not "
		       "available)\n", rss_end / 1024.0);
	{
		double p99 = pct(&entry_all, 0.99);
		long peak = hwm_setup > hwm_entry ? hwm_setup : hwm_entry;

		printf("\n  aim (50 typists): p99 < 20 ms: %s (%.2f ms); memory < 64 MB: %s "
		       "(peak %.1f MB, data entry alone %.1f MB)\n", p99 < 20 ? "met" : "MISSED", p99,
		       peak < 64 * 1024 ? "met" : "MISSED", peak / 1024.0,
		       hwm_entry >= 0 ? hwm_entry / 1024.0 : rss_end / 1024.0);
		if (entry_all.errors > 0 || setup_ok < C.typists)
			printf("  NOTE: %ld requests failed and %d typists could not log in: these "
			       "figures do not measure a working run\n", entry_all.errors,
			       C.typists - setup_ok);
	}
	rc = 0;
out:
	conn_close(&coord);
	free(coord.buf);
	free(coord.req.p);
	if (server > 0) {
		int st = 0, died = waitpid(server, &st, WNOHANG) == server;

		if (!died) {
			int w;

			kill(server, SIGTERM);
			for (w = 0; w < 1000 && waitpid(server, &st, WNOHANG) != server; w++)
				sleep_ms(10);
			if (w == 1000) {
				printf("\n  the server did not stop within 10 s of SIGTERM: killed\n");
				kill(server, SIGKILL);
				while (waitpid(server, &st, 0) < 0 && errno == EINTR)
					;
			}
		}
		if (died || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			if (died)
				rc = 1;
			FILE *f = fopen(log, "r");
			char line[512];

			printf("\n  THE SERVER %s", died ? "DIED DURING THE RUN" : "DID NOT STOP CLEANLY");
			if (WIFSIGNALED(st))
				printf(" (signal %d)", WTERMSIG(st));
			else if (WIFEXITED(st))
				printf(" (exit %d)", WEXITSTATUS(st));
			printf("; the end of its log:\n");
			if (f != NULL) {
				long n = 0, from;

				while (fgets(line, sizeof line, f) != NULL)
					n++;
				rewind(f);
				from = n - 15;
				for (n = 0; fgets(line, sizeof line, f) != NULL; n++)
					if (n >= from)
						printf("    %s", line);
				fclose(f);
			}
		}
	}
	if (typists != NULL)
		for (k = 0; k < C.typists; k++) {
			for (i = 0; i < K_N; i++)
				free(typists[k].s[i].v);
			conn_close(&typists[k].c);
			free(typists[k].c.buf);
			free(typists[k].c.req.p);
		}
	for (i = 0; i < K_N; i++)
		free(all[i].v);
	free(entry_all.v);
	if (forms != NULL)
		for (k = 0; k < C.stations; k++)
			gen_form_free(&forms[k]);
	free(forms);
	free(typists);
	if (C.keep)
		printf("  kept %s\n", tmpl);
	else
		rm_rf(tmpl);
	return rc;
}
