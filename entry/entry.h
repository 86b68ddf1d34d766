#ifndef ENTRY_ENTRY_H
#define ENTRY_ENTRY_H
/*
 * entry/: the LAN server (libmicrohttpd): router, handlers per area,
 * sessions and roles. Maps outcomes to HTTP statuses; the actions it shares
 * with the command line are act/'s, the rules of the election tally/'s.
 */
#include "act/act.h"
/* ---- The LAN server ---- */

struct server;

struct server_config {
	const char *listen_addr;     /* "0.0.0.0" */
	unsigned short port;
	int tls;                     /* 1: HTTPS with the certificate of teller init */
	unsigned threads;            /* worker threads (0: 8) */
	int quiet;                   /* no request log */
};

/*
 * Starts the server on an open store (which it does not own). Returns 0 and
 * *out, or -1 with a reason in why. Stop with server_stop.
 */
int server_start(struct store *s, const struct server_config *cfg, struct server **out,
                 char *why, size_t whysize);
/* Stops the server, waiting for requests under way; NULL is a no-op. */
void server_stop(struct server *srv);

#endif
