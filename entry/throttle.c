/*
 * Login throttling (entry/API.md "Sessions", README "Security"), in memory.
 *
 * Failed logins are counted per account and address together (a pair), per
 * account over every address, and per address over every account; the
 * projector's unknown tokens per address. A pair that failed 5 times waits
 * 1 s after its 5th failure, 2 s after its 6th, 4 s ... at most 5 minutes,
 * and only that pair waits: the right password from a laptop that has not
 * failed logs in at once. An account that failed 20 times from anywhere gives
 * each of its pairs 1 free failure instead of 5: a guesser with many
 * addresses is slowed down, the account is never locked. An address that
 * failed 20 times over all accounts (or sent 20 unknown projector tokens)
 * waits likewise, growing to at most 5 (15) minutes.
 *
 * A counter is forgotten 15 minutes after its last failure, once it no longer
 * makes anybody wait; never to make room. When a table is full, a pair that
 * finds no room counts in its account's overflow counter ("spill"), and an
 * address or account that finds none in its table's one overflow bucket;
 * both throttle as a pair does and slow down only newcomers while the table
 * is full. So memory stays bounded (under 3 MB) and no number of addresses
 * resets a counter. A restart forgets everything; the coordinator and the
 * administrator see the counters that slow somebody down and can lift one
 * (api_logins.c).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "entry/internal.h"

#define PAIRS            8192
#define ACCOUNTS         1024
#define ADDRESSES        4096
#define FORGET_MS        (15 * 60 * 1000LL)
#define PAIR_FREE        5      /* failures of a pair before it waits */
#define PAIR_FREE_HOT    1      /* ... once its account failed ACCOUNT_HOT times */
#define ACCOUNT_HOT      20
#define ADDRESS_FREE     20
#define CAP_S            300    /* the longest wait, seconds */
#define PROJECTOR_CAP_S  900

struct counter {
	unsigned failures;
	long long last, until;        /* monotonic ms: the last failure, waiting until */
};

struct bucket {
	enum throttle_kind kind;      /* THROTTLE_NONE: a free slot */
	char key[THROTTLE_KEY_MAX];   /* the account's throttle key (pair, account) */
	char name[THROTTLE_NAME_MAX]; /* its name, for the list */
	char address[THROTTLE_ADDRESS_MAX];
	struct counter c;
	struct counter spill;         /* an account's: its pairs that found no room */
};

static struct bucket pairs[PAIRS], accounts[ACCOUNTS], addresses[ADDRESSES];
/* The overflow buckets of the account and address tables (their kind THROTTLE_OVERFLOW). */
static struct bucket account_overflow, address_overflow[2];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether a counter can be forgotten: quiet long enough and making nobody wait. */
static int stale(const struct counter *c, long long now)
{
	return c->failures == 0 || (now - c->last >= FORGET_MS && c->until <= now);
}

static void forget_if_stale(struct counter *c, long long now)
{
	if (c->failures > 0 && stale(c, now))
		memset(c, 0, sizeof *c);
}

/* Counts a failure: past allowed failures the counter waits 1 s, 2 s, 4 s ... at most cap_s. */
static void count(struct counter *c, unsigned allowed, unsigned cap_s, long long now)
{
	unsigned over;
	long long wait;

	forget_if_stale(c, now);
	if (c->failures < 1000000)
		c->failures++;
	c->last = now;
	if (c->failures < allowed)
		return;
	over = c->failures - allowed;
	wait = over >= 20 ? cap_s : (1LL << over) < cap_s ? (1LL << over) : cap_s;
	if (now + wait * 1000 > c->until)
		c->until = now + wait * 1000;
}

/* The seconds a counter still makes wait (rounded up), 0 when none. */
static unsigned waiting(const struct counter *c, long long now)
{
	return c->until > now ? (unsigned)((c->until - now + 999) / 1000) : 0;
}

static int same(const struct bucket *b, enum throttle_kind kind, const char *key,
                const char *address)
{
	return b->kind == kind && (key == NULL || strcmp(b->key, key) == 0) &&
	       (address == NULL || strcmp(b->address, address) == 0);
}

/*
 * The bucket of (kind, key, address) in a table, forgetting stale ones on the
 * way; NULL when there is none. *room: a free slot, NULL when the table is full.
 */
static struct bucket *find(struct bucket *t, size_t n, enum throttle_kind kind, const char *key,
                           const char *address, long long now, struct bucket **room)
{
	struct bucket *hit = NULL;
	size_t i;

	*room = NULL;
	for (i = 0; i < n; i++) {
		struct bucket *b = &t[i];

		if (b->kind != THROTTLE_NONE && stale(&b->c, now) && stale(&b->spill, now))
			memset(b, 0, sizeof *b);
		if (b->kind == THROTTLE_NONE) {
			if (*room == NULL)
				*room = b;
		} else if (hit == NULL && same(b, kind, key, address)) {
			hit = b;
		}
		if (hit != NULL && *room != NULL)
			break;
	}
	return hit;
}

/* Takes a free slot for (kind, key, name, address). */
static struct bucket *take(struct bucket *b, enum throttle_kind kind, const char *key,
                           const char *name, const char *address)
{
	memset(b, 0, sizeof *b);
	b->kind = kind;
	snprintf(b->key, sizeof b->key, "%s", key ? key : "");
	snprintf(b->name, sizeof b->name, "%s", name ? name : "");
	snprintf(b->address, sizeof b->address, "%s", address ? address : "");
	return b;
}

/* The address counter of kind (login or projector): found, made, or the overflow bucket. */
static struct counter *address_counter(enum throttle_kind kind, const char *address,
                                       long long now, int create)
{
	struct bucket *room, *b = find(addresses, ADDRESSES, kind, NULL, address, now, &room);
	struct bucket *ov = &address_overflow[kind == THROTTLE_PROJECTOR];

	if (b != NULL)
		return &b->c;
	if (room != NULL)
		return create ? &take(room, kind, NULL, NULL, address)->c : NULL;
	/* The table is full: every address without a slot shares the overflow bucket. */
	ov->kind = THROTTLE_OVERFLOW;
	snprintf(ov->address, sizeof ov->address, "%s", kind == THROTTLE_PROJECTOR ?
	         "projector" : "login");
	return &ov->c;
}

/* An account's bucket: found, made, or (the table full) the shared overflow bucket. */
static struct bucket *account_bucket(const char *key, const char *name, long long now,
                                     int create)
{
	struct bucket *room, *b = find(accounts, ACCOUNTS, THROTTLE_ACCOUNT, key, NULL, now, &room);

	if (b != NULL)
		return b;
	if (room != NULL)
		return create ? take(room, THROTTLE_ACCOUNT, key, name, NULL) : NULL;
	account_overflow.kind = THROTTLE_OVERFLOW;
	snprintf(account_overflow.address, sizeof account_overflow.address, "account");
	return &account_overflow;
}

/* The pair's counter: its own, or (the pair table full) its account's spill; NULL: none yet. */
static struct counter *pair_counter(const char *key, const char *name, const char *address,
                                    long long now, int create)
{
	struct bucket *room, *b = find(pairs, PAIRS, THROTTLE_PAIR, key, address, now, &room);
	struct bucket *acc;

	if (b != NULL)
		return &b->c;
	if (room != NULL)
		return create ? &take(room, THROTTLE_PAIR, key, name, address)->c : NULL;
	acc = account_bucket(key, name, now, create);
	return acc != NULL ? &acc->spill : NULL;
}

int throttle_login_check(const char *account_key, const char *address, unsigned *retry_after)
{
	long long now = now_ms();
	struct counter *c;
	unsigned wait = 0, w;

	pthread_mutex_lock(&lock);
	if ((c = address_counter(THROTTLE_ADDRESS, address, now, 0)) != NULL)
		wait = waiting(c, now);
	if (account_key != NULL && (c = pair_counter(account_key, NULL, address, now, 0)) != NULL &&
	    (w = waiting(c, now)) > wait)
		wait = w;
	pthread_mutex_unlock(&lock);
	*retry_after = wait;
	return wait > 0;
}

void throttle_login_fail(const char *account_key, const char *account_name, const char *address)
{
	long long now = now_ms();
	struct bucket *acc;
	struct counter *c;
	unsigned allowed = PAIR_FREE;

	pthread_mutex_lock(&lock);
	count(address_counter(THROTTLE_ADDRESS, address, now, 1), ADDRESS_FREE, CAP_S, now);
	if (account_key != NULL) {
		acc = account_bucket(account_key, account_name, now, 1);
		count(&acc->c, ACCOUNT_HOT + 1000000u, CAP_S, now);   /* counts, never waits */
		if (acc->c.failures >= ACCOUNT_HOT)
			allowed = PAIR_FREE_HOT;
		if ((c = pair_counter(account_key, account_name, address, now, 1)) != NULL)
			count(c, allowed, CAP_S, now);
	}
	pthread_mutex_unlock(&lock);
}

void throttle_login_ok(const char *account_key, const char *address)
{
	struct bucket *room, *b;

	pthread_mutex_lock(&lock);
	if ((b = find(pairs, PAIRS, THROTTLE_PAIR, account_key, address, now_ms(), &room)) != NULL)
		memset(b, 0, sizeof *b);
	pthread_mutex_unlock(&lock);
}

int throttle_projector_check(const char *address, unsigned *retry_after)
{
	long long now = now_ms();
	struct counter *c;

	pthread_mutex_lock(&lock);
	c = address_counter(THROTTLE_PROJECTOR, address, now, 0);
	*retry_after = c != NULL ? waiting(c, now) : 0;
	pthread_mutex_unlock(&lock);
	return *retry_after > 0;
}

void throttle_projector_fail(const char *address)
{
	long long now = now_ms();

	pthread_mutex_lock(&lock);
	count(address_counter(THROTTLE_PROJECTOR, address, now, 1), ADDRESS_FREE, PROJECTOR_CAP_S,
	      now);
	pthread_mutex_unlock(&lock);
}

/* ---- what the coordinator and the administrator see and lift ---- */

/* Adds a row when the counter slows somebody down: it waits now, or has used up its free
 * failures (the next one waits). */
static void list_one(const struct bucket *b, const struct counter *c, enum throttle_kind kind,
                     unsigned allowed, long long now, struct throttle_block *out, size_t max,
                     size_t *n)
{
	struct throttle_block *x;

	if (stale(c, now) || (c->failures < allowed && waiting(c, now) == 0))
		return;
	if (*n < max) {
		x = &out[*n];
		memset(x, 0, sizeof *x);
		x->kind = kind;
		snprintf(x->account, sizeof x->account, "%s", b->name);
		snprintf(x->address, sizeof x->address, "%s", b->address);
		x->failures = c->failures;
		x->seconds = waiting(c, now);
	}
	(*n)++;
}

size_t throttle_blocks(struct throttle_block *out, size_t max)
{
	long long now = now_ms();
	size_t i, n = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < PAIRS; i++)
		if (pairs[i].kind == THROTTLE_PAIR)
			list_one(&pairs[i], &pairs[i].c, THROTTLE_PAIR, PAIR_FREE, now, out, max, &n);
	for (i = 0; i < ACCOUNTS; i++)
		if (accounts[i].kind == THROTTLE_ACCOUNT) {
			list_one(&accounts[i], &accounts[i].c, THROTTLE_ACCOUNT, ACCOUNT_HOT, now, out, max,
			         &n);
			list_one(&accounts[i], &accounts[i].spill, THROTTLE_SPILL, PAIR_FREE, now, out, max,
			         &n);
		}
	for (i = 0; i < ADDRESSES; i++)
		if (addresses[i].kind == THROTTLE_ADDRESS || addresses[i].kind == THROTTLE_PROJECTOR)
			list_one(&addresses[i], &addresses[i].c, addresses[i].kind, ADDRESS_FREE, now, out,
			         max, &n);
	list_one(&account_overflow, &account_overflow.c, THROTTLE_OVERFLOW, PAIR_FREE, now, out, max,
	         &n);
	list_one(&account_overflow, &account_overflow.spill, THROTTLE_OVERFLOW, PAIR_FREE, now, out,
	         max, &n);
	for (i = 0; i < 2; i++)
		list_one(&address_overflow[i], &address_overflow[i].c, THROTTLE_OVERFLOW, ADDRESS_FREE,
		         now, out, max, &n);
	pthread_mutex_unlock(&lock);
	return n;
}

/* Whether a bucket is the one a row names (an account by name, in any case). */
static int named(const struct bucket *b, const char *account, const char *address)
{
	return (account == NULL || strcasecmp(b->name, account) == 0) &&
	       (address == NULL || strcmp(b->address, address) == 0);
}

int throttle_lift(enum throttle_kind kind, const char *account, const char *address)
{
	int lifted = 0;
	size_t i;

	pthread_mutex_lock(&lock);
	switch (kind) {
	case THROTTLE_PAIR:
		/* Every key of the account's name: after a reset it has a new one. */
		for (i = 0; i < PAIRS; i++)
			if (pairs[i].kind == THROTTLE_PAIR && named(&pairs[i], account, address)) {
				memset(&pairs[i], 0, sizeof pairs[i]);
				lifted++;
			}
		break;
	case THROTTLE_ACCOUNT:
	case THROTTLE_SPILL:
		/* The account's own counters: its count over all addresses, or its spill. */
		for (i = 0; i < ACCOUNTS; i++)
			if (accounts[i].kind == THROTTLE_ACCOUNT && named(&accounts[i], account, NULL)) {
				memset(kind == THROTTLE_ACCOUNT ? &accounts[i].c : &accounts[i].spill, 0,
				       sizeof accounts[i].c);
				lifted++;
			}
		break;
	case THROTTLE_ADDRESS:
	case THROTTLE_PROJECTOR:
		for (i = 0; i < ADDRESSES; i++)
			if (addresses[i].kind == kind && named(&addresses[i], NULL, address)) {
				memset(&addresses[i], 0, sizeof addresses[i]);
				lifted++;
			}
		break;
	case THROTTLE_OVERFLOW:
		if (address != NULL && strcmp(address, "account") == 0) {
			lifted = account_overflow.c.failures + account_overflow.spill.failures > 0;
			memset(&account_overflow, 0, sizeof account_overflow);
		}
		for (i = 0; i < 2; i++)
			if (address != NULL && strcmp(address, address_overflow[i].address) == 0) {
				lifted = address_overflow[i].c.failures > 0;
				memset(&address_overflow[i], 0, sizeof address_overflow[i]);
			}
		break;
	default:
		break;
	}
	pthread_mutex_unlock(&lock);
	return lifted;
}

const char *throttle_kind_name(enum throttle_kind k)
{
	static const char *const names[] = {
		[THROTTLE_NONE] = "", [THROTTLE_PAIR] = "pair", [THROTTLE_ACCOUNT] = "account",
		[THROTTLE_SPILL] = "spill", [THROTTLE_ADDRESS] = "address",
		[THROTTLE_PROJECTOR] = "projector", [THROTTLE_OVERFLOW] = "overflow",
	};

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "";
}

int throttle_kind_parse(const char *s, enum throttle_kind *out)
{
	int k;

	for (k = THROTTLE_PAIR; k < THROTTLE__MAX; k++)
		if (s != NULL && strcmp(s, throttle_kind_name((enum throttle_kind)k)) == 0) {
			*out = (enum throttle_kind)k;
			return 0;
		}
	return -1;
}
