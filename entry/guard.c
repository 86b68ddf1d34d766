/*
 * The connections the LAN server keeps (issue 11, finding 3: no one on the LAN
 * may shut typists out).
 *
 * How many one address may hold: a laptop on the LAN LIMIT_HTTP_CONNECTIONS_
 * PER_ADDRESS (a browser needs about 6), this machine itself (127.0.0.1, ::1)
 * LIMIT_HTTP_CONNECTIONS_LOOPBACK. The open connections are counted per
 * address from libmicrohttpd's notifications, and guard_accept, its accept
 * policy, refuses one more from an address at its cap before anything is read.
 *
 * Slow clients. libmicrohttpd's timeout is an idle
 * timeout: a client that sends a byte of its request head every second keeps
 * its connection for ever, and enough of them fill the server. So each
 * connection is watched from its start (MHD_OPTION_NOTIFY_CONNECTION): it owes
 * a complete request head within LIMIT_HTTP_HEAD_SECONDS and the whole request
 * within LIMIT_HTTP_REQUEST_SECONDS, counted from its opening or from its
 * previous answer. A watchdog thread shuts the socket of a late one down, and
 * libmicrohttpd, reading the end of the stream, closes the connection in its
 * own thread. While an answer is under way no deadline runs (the idle timeout
 * does).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>

#include "base/limits.h"
#include "entry/internal.h"

/* An address and how many connections it has open. */
struct addr_count {
	unsigned char a[16];    /* IPv4 in the first 4 bytes, or IPv6 */
	int family;             /* 0: a free slot */
	unsigned n;
};

struct conn_watch {
	struct conn_watch *prev, *next;
	MHD_socket fd;          /* open until the CLOSED notification, which unlinks this */
	enum guard_stage stage;
	int cut;                /* shut down already */
	int answered;           /* requests answered on this connection */
	struct timespec since;  /* when the wait for the current request began */
	char address[48];
	struct addr_count *counted;  /* its address's count, NULL when not counted */
};

struct guard {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct conn_watch *watched;   /* a list, newest first */
	int stop, running;
	pthread_t watchdog;
	unsigned long cut;            /* connections closed for their deadline, not yet logged */
	char cut_from[48];            /* the address of the last of them */
	time_t cut_logged;
	struct addr_count counts[LIMIT_HTTP_CONNECTIONS_MAX];  /* each open connection one at most */
};

#define WATCH_PERIOD_MS 250       /* how often the watchdog looks */
#define WATCH_LOG_SECONDS 60      /* at most one line a minute about cut connections */

void guard_address(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "unknown");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
		          (socklen_t)size);
}

/* The address's bytes in key (16, zero-padded) and its family; 0 when it has none we count. */
static int addr_key(const struct sockaddr *sa, unsigned char key[16])
{
	memset(key, 0, 16);
	if (sa == NULL)
		return 0;
	if (sa->sa_family == AF_INET) {
		memcpy(key, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
		return AF_INET;
	}
	if (sa->sa_family == AF_INET6) {
		memcpy(key, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
		return AF_INET6;
	}
	return 0;
}

/* 127.0.0.1, ::1 or ::ffff:127.0.0.1: this machine itself. */
static int loopback(int family, const unsigned char key[16])
{
	static const unsigned char v4[4] = {127, 0, 0, 1};
	static const unsigned char v6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	static const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};

	return (family == AF_INET && memcmp(key, v4, 4) == 0) ||
	       (family == AF_INET6 && (memcmp(key, v6, 16) == 0 || memcmp(key, mapped, 16) == 0));
}

/* The address's count (create: a free slot when it has none; NULL when none is free). Locked. */
static struct addr_count *count_of(struct guard *g, int family, const unsigned char key[16],
                                   int create)
{
	struct addr_count *free_slot = NULL;
	size_t i;

	for (i = 0; i < LIMIT_HTTP_CONNECTIONS_MAX; i++) {
		struct addr_count *c = &g->counts[i];

		if (c->family == family && memcmp(c->a, key, 16) == 0)
			return c;
		if (c->family == 0 && free_slot == NULL)
			free_slot = c;
	}
	if (!create || free_slot == NULL)
		return NULL;
	memcpy(free_slot->a, key, 16);
	free_slot->family = family;
	free_slot->n = 0;
	return free_slot;
}

enum MHD_Result guard_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct guard *g = cls;
	struct addr_count *c;
	unsigned char key[16];
	int family = addrlen > 0 ? addr_key(addr, key) : 0;
	unsigned cap;
	enum MHD_Result yes = MHD_YES;

	if (family == 0)
		return MHD_YES;
	cap = loopback(family, key) ? LIMIT_HTTP_CONNECTIONS_LOOPBACK :
	      LIMIT_HTTP_CONNECTIONS_PER_ADDRESS;
	pthread_mutex_lock(&g->lock);
	if ((c = count_of(g, family, key, 0)) != NULL && c->n >= cap)
		yes = MHD_NO;
	pthread_mutex_unlock(&g->lock);
	return yes;
}


void guard_on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                         enum MHD_ConnectionNotificationCode code)
{
	struct guard *g = cls;
	struct conn_watch *w = *socket_context;
	const union MHD_ConnectionInfo *ci, *ai;
	unsigned char key[16];
	int family;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (ci == NULL || (w = calloc(1, sizeof *w)) == NULL)
			return;   /* unwatched: only the idle timeout holds it */
		w->fd = ci->connect_fd;
		w->stage = GUARD_HEAD;
		clock_gettime(CLOCK_MONOTONIC, &w->since);
		guard_address(conn, w->address, sizeof w->address);
		ai = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		family = addr_key(ai != NULL ? ai->client_addr : NULL, key);
		pthread_mutex_lock(&g->lock);
		if (family != 0 && (w->counted = count_of(g, family, key, 1)) != NULL)
			w->counted->n++;
		w->next = g->watched;
		if (w->next != NULL)
			w->next->prev = w;
		g->watched = w;
		pthread_mutex_unlock(&g->lock);
		*socket_context = w;
		return;
	}
	if (code != MHD_CONNECTION_NOTIFY_CLOSED || w == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	if (w->counted != NULL && w->counted->n > 0 && --w->counted->n == 0)
		w->counted->family = 0;   /* the slot is free again */
	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		g->watched = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&g->lock);
	free(w);
	*socket_context = NULL;
}

/* Moves a connection's watch on: head in (BODY), request in (ANSWER), answered (HEAD). */
void guard_stage(struct guard *g, struct MHD_Connection *conn, enum guard_stage stage)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn_watch *w = ci != NULL ? ci->socket_context : NULL;

	if (w == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	w->stage = stage;
	if (stage == GUARD_HEAD) {
		w->answered++;
		clock_gettime(CLOCK_MONOTONIC, &w->since);
	}
	pthread_mutex_unlock(&g->lock);
}

static void *watchdog(void *arg)
{
	struct guard *g = arg;
	struct conn_watch *w;
	struct timespec now, wake;
	long limit_ms, waited_ms;
	int unread;

	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (w = g->watched; w != NULL; w = w->next) {
			limit_ms = w->stage == GUARD_HEAD ? LIMIT_HTTP_HEAD_SECONDS * 1000L :
			           w->stage == GUARD_BODY ? LIMIT_HTTP_REQUEST_SECONDS * 1000L : 0;
			waited_ms = (long)(now.tv_sec - w->since.tv_sec) * 1000L +
			            (now.tv_nsec - w->since.tv_nsec) / 1000000L;
			if (limit_ms == 0 || w->cut || waited_ms < limit_ms)
				continue;
			/* Bytes waiting unread: the server is behind (a busy thread), not the client. */
			if (ioctl(w->fd, FIONREAD, &unread) == 0 && unread > 0)
				continue;
			shutdown(w->fd, SHUT_RDWR);
			w->cut = 1;
			if (w->answered == 0 || w->stage == GUARD_BODY) {  /* not an idle keep-alive */
				g->cut++;
				snprintf(g->cut_from, sizeof g->cut_from, "%s", w->address);
			}
		}
		if (g->cut > 0 &&
		    (g->cut_logged == 0 || now.tv_sec - g->cut_logged >= WATCH_LOG_SECONDS)) {
			fprintf(stderr, "teller: closed %lu connection(s) that did not send a complete "
			        "request within %d s (its head) or %d s (with its body); the last from %s\n",
			        g->cut, LIMIT_HTTP_HEAD_SECONDS, LIMIT_HTTP_REQUEST_SECONDS, g->cut_from);
			g->cut = 0;
			g->cut_logged = now.tv_sec;
		}
		wake = now;
		wake.tv_nsec += WATCH_PERIOD_MS * 1000000L;
		if (wake.tv_nsec >= 1000000000L) {
			wake.tv_sec++;
			wake.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->wake, &g->lock, &wake);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct guard *guard_new(void)
{
	struct guard *g = calloc(1, sizeof *g);
	pthread_condattr_t ca;

	if (g == NULL)
		return NULL;
	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&g->watchdog, NULL, watchdog, g) != 0) {
		guard_free(g);
		return NULL;
	}
	g->running = 1;
	return g;
}

void guard_stop(struct guard *g)
{
	if (g == NULL || !g->running)
		return;
	pthread_mutex_lock(&g->lock);
	g->stop = 1;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->watchdog, NULL);
	g->running = 0;
}

void guard_free(struct guard *g)
{
	if (g == NULL)
		return;
	guard_stop(g);
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g);
}
