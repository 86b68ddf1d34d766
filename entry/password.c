/*
 * A handler's password work (entry/internal.h, req_password): handed to the
 * hash workers (hashpool.c); when they cannot take it (the queue is full, the
 * server is stopping), answered here at once with 503 and Retry-After. In a
 * file of its own so that the workers (hashpool.c) and the daemon (server.c),
 * which use each other's nothing else, need not use each other.
 */
#include "base/limits.h"
#include "entry/internal.h"

int req_password(struct req *r, const char *check, const char *against, const char *const *make,
                 size_t n, struct req_pw_outcome *out)
{
	int rc = hashpool_ask(r, check, against, make, n, out);

	if (rc == REQ_PW_BUSY) {
		r->retry_after = LIMIT_HASH_RETRY_SECONDS;
		req_error(r, 503, "busy", "De server is even druk met wachtwoorden controleren. "
		          "Probeer het over een paar seconden opnieuw.");
	}
	return rc;
}
