/*
 * Login throttling and the CSRF token.
 *
 * Failed logins are counted per account and per client address in a small
 * table in memory: 5 failures of an account, or 20 from one address, within
 * 15 minutes block further attempts (429) until the window has passed. A
 * restart forgets the counts; an attacker gains nothing from that but a
 * restart of the election laptop.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"
#include "entry/internal.h"

#define THROTTLE_SLOTS   1024
#define THROTTLE_WINDOW  (15 * 60)
#define THROTTLE_ACCOUNT 5
#define THROTTLE_ADDRESS 20

struct slot {
	char key[96];
	int failures;
	long first;
};

static struct slot slots[THROTTLE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct slot *find(const char *kind, const char *key, long now, int create)
{
	char k[96];
	struct slot *free_slot = NULL, *oldest = &slots[0];
	size_t i;

	snprintf(k, sizeof k, "%s:%s", kind, key);
	for (i = 0; i < THROTTLE_SLOTS; i++) {
		struct slot *s = &slots[i];

		if (s->key[0] != '\0' && now - s->first >= THROTTLE_WINDOW)
			s->key[0] = '\0'; /* the window has passed */
		if (s->key[0] != '\0' && strcmp(s->key, k) == 0)
			return s;
		if (s->key[0] == '\0' && free_slot == NULL)
			free_slot = s;
		if (s->first < oldest->first)
			oldest = s;
	}
	if (!create)
		return NULL;
	if (free_slot == NULL)
		free_slot = oldest;
	snprintf(free_slot->key, sizeof free_slot->key, "%s", k);
	free_slot->failures = 0;
	free_slot->first = now;
	return free_slot;
}

int throttle_check(const char *kind, const char *key, long now, unsigned *retry_after)
{
	int limit = strcmp(kind, "account") == 0 ? THROTTLE_ACCOUNT : THROTTLE_ADDRESS;
	struct slot *s;
	int blocked = 0;

	pthread_mutex_lock(&lock);
	s = find(kind, key, now, 0);
	if (s != NULL && s->failures >= limit) {
		blocked = 1;
		*retry_after = (unsigned)(THROTTLE_WINDOW - (now - s->first));
	}
	pthread_mutex_unlock(&lock);
	return blocked;
}

void throttle_fail(const char *kind, const char *key, long now)
{
	struct slot *s;

	pthread_mutex_lock(&lock);
	if ((s = find(kind, key, now, 1)) != NULL)
		s->failures++;
	pthread_mutex_unlock(&lock);
}

void throttle_clear(const char *kind, const char *key)
{
	struct slot *s;

	pthread_mutex_lock(&lock);
	if ((s = find(kind, key, 0, 0)) != NULL)
		s->key[0] = '\0';
	pthread_mutex_unlock(&lock);
}

void session_csrf(const char *token, char out[65])
{
	char buf[128];

	/* Derived from the session token, so nothing more is stored, and it is
	 * useless without the cookie that an attacker's page cannot read. */
	snprintf(buf, sizeof buf, "teller-csrf:%s", token);
	hash_sha256_hex(buf, strlen(buf), out);
	crypto_cleanse(buf, sizeof buf);
}
