/*
 * The CSRF token of a session. (Login throttling: throttle.c.)
 */
#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "entry/internal.h"

void session_csrf(const char *token, char out[65])
{
	char buf[128];

	/* Derived from the session token, so nothing more is stored, and it is
	 * useless without the cookie that an attacker's page cannot read. */
	snprintf(buf, sizeof buf, "teller-csrf:%s", token);
	hash_sha256_hex(buf, strlen(buf), out);
	crypto_cleanse(buf, sizeof buf);
}
