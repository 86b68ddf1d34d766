/*
 * The login throttle's tables (entry/throttle.c) on their own, at sizes the
 * HTTP tests cannot reach in time: waits that grow per account and address,
 * an account slowed down but never locked for an address that has not
 * failed, and tables that fill up without a counter being flushed (more
 * failing pairs than the table holds spill into their account's counter, more
 * addresses than it holds into the overflow bucket). The tables are the
 * process's own, so the tests run in order and use names of their own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "entry/internal.h"

static unsigned wait_of(const char *key, const char *address)
{
	unsigned w = 0;

	throttle_login_check(key, address, &w);
	return w;
}

/* The listed row of kind for account (NULL: any) and address (NULL: any), or NULL. */
static const struct throttle_block *row(enum throttle_kind kind, const char *account,
                                        const char *address)
{
	static struct throttle_block b[20000];
	size_t n = throttle_blocks(b, sizeof b / sizeof b[0]), i;

	assert_true(n <= sizeof b / sizeof b[0]);
	for (i = 0; i < n; i++)
		if (b[i].kind == kind && (account == NULL || strcmp(b[i].account, account) == 0) &&
		    (address == NULL || strcmp(b[i].address, address) == 0))
			return &b[i];
	return NULL;
}

/* 5 failures free, then 1 s, 2 s, 4 s ... at most 5 minutes; only that pair waits. */
static void waits_grow_per_pair(void **state)
{
	static const unsigned want[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		throttle_login_fail("1:grow", "grow", "10.0.0.1");
		assert_int_equal(wait_of("1:grow", "10.0.0.1"), 0);
	}
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		throttle_login_fail("1:grow", "grow", "10.0.0.1");
		assert_int_equal(wait_of("1:grow", "10.0.0.1"), want[i]);
	}
	assert_int_equal(wait_of("1:grow", "10.0.0.2"), 0);     /* another laptop */
	assert_int_equal(wait_of("2:other", "10.0.0.1"), 0);    /* another account from there */
	assert_non_null(row(THROTTLE_PAIR, "grow", "10.0.0.1"));
	assert_int_equal(row(THROTTLE_PAIR, "grow", "10.0.0.1")->failures, 15);
	/* the right password forgets the pair */
	throttle_login_ok("1:grow", "10.0.0.1");
	assert_int_equal(wait_of("1:grow", "10.0.0.1"), 0);
	assert_null(row(THROTTLE_PAIR, "grow", "10.0.0.1"));
}

/* 20 failures of an account from anywhere: each pair gets 1 free failure, a new one none waits. */
static void a_hot_account_is_slowed_not_locked(void **state)
{
	char a[32];
	int i;

	(void)state;
	for (i = 0; i < 25; i++) {
		snprintf(a, sizeof a, "10.1.0.%d", i + 1);
		throttle_login_fail("3:hot", "hot", a);
		/* the first failure of a pair is free, until the account failed 20 times */
		assert_int_equal(wait_of("3:hot", a), i < 19 ? 0 : 1);
	}
	assert_non_null(row(THROTTLE_ACCOUNT, "hot", NULL));
	assert_int_equal(row(THROTTLE_ACCOUNT, "hot", NULL)->seconds, 0);
	throttle_login_fail("3:hot", "hot", "10.1.1.1");
	assert_int_equal(wait_of("3:hot", "10.1.1.1"), 1);  /* the guesser's new address */
	assert_int_equal(wait_of("3:hot", "10.1.1.2"), 0);  /* the typist's laptop */
	/* lifting the account's count gives its pairs their 5 free failures again */
	assert_int_equal(throttle_lift(THROTTLE_ACCOUNT, "HOT", NULL), 1);
	assert_null(row(THROTTLE_ACCOUNT, "hot", NULL));
}

/* More failing pairs than the table holds: nothing is evicted, the rest spill. */
static void a_full_pair_table_flushes_nothing(void **state)
{
	char key[32], name[32], a[32];
	int acc, ad, i;

	(void)state;
	for (i = 0; i < 5; i++)
		throttle_login_fail("4:victim", "victim", "10.2.0.1");
	assert_int_equal(wait_of("4:victim", "10.2.0.1"), 1);
	/* 50 accounts from 200 addresses: 10,000 pairs, more than the 8,192 slots */
	for (ad = 0; ad < 200; ad++)
		for (acc = 0; acc < 50; acc++) {
			snprintf(key, sizeof key, "%d:user%d", 100 + acc, acc);
			snprintf(name, sizeof name, "user%d", acc);
			snprintf(a, sizeof a, "10.3.%d.%d", ad / 200, ad % 200 + 1);
			throttle_login_fail(key, name, a);
		}
	/* the victim's pair is still there with its count */
	assert_non_null(row(THROTTLE_PAIR, "victim", "10.2.0.1"));
	assert_int_equal(row(THROTTLE_PAIR, "victim", "10.2.0.1")->failures, 5);
	throttle_login_fail("4:victim", "victim", "10.2.0.1");
	assert_int_equal(wait_of("4:victim", "10.2.0.1"), 2);
	/* the pairs that found no room counted in their account's spill, which throttles */
	assert_non_null(row(THROTTLE_SPILL, "user49", NULL));
	assert_true(row(THROTTLE_SPILL, "user49", NULL)->failures >= 5);
	assert_true(wait_of("149:user49", "10.4.0.1") > 0);  /* a newcomer for user49, table full */
	assert_int_equal(wait_of("999:fresh", "10.4.0.1"), 0); /* another account's newcomer */
	assert_int_equal(throttle_lift(THROTTLE_SPILL, "user49", NULL), 1);
	assert_int_equal(wait_of("149:user49", "10.4.0.1"), 0);
	/* the coordinator lifts the victim's pair, in any spelling of the name */
	assert_int_equal(throttle_lift(THROTTLE_PAIR, "Victim", "10.2.0.1"), 1);
	assert_int_equal(wait_of("4:victim", "10.2.0.1"), 0);
	assert_int_equal(throttle_lift(THROTTLE_PAIR, "victim", "10.2.0.1"), 0);
}

/* An address that failed 20 times over all accounts, or sent 20 unknown projector tokens, waits. */
static void addresses_wait_too(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 19; i++)
		throttle_login_fail(NULL, NULL, "10.5.0.1");
	assert_int_equal(wait_of(NULL, "10.5.0.1"), 0);
	throttle_login_fail(NULL, NULL, "10.5.0.1");
	assert_int_equal(wait_of(NULL, "10.5.0.1"), 1);
	assert_int_equal(wait_of("1:grow", "10.5.0.1"), 1);  /* any account from there */
	assert_non_null(row(THROTTLE_ADDRESS, NULL, "10.5.0.1"));
	for (i = 0; i < 20; i++)
		throttle_projector_fail("10.5.0.2");
	assert_true(throttle_projector_check("10.5.0.2", &(unsigned){0}));
	assert_false(throttle_projector_check("10.5.0.3", &(unsigned){0}));
	assert_int_equal(wait_of(NULL, "10.5.0.2"), 0);      /* the projector's count is its own */
	assert_int_equal(throttle_lift(THROTTLE_PROJECTOR, NULL, "10.5.0.2"), 1);
	assert_false(throttle_projector_check("10.5.0.2", &(unsigned){0}));
}

/* More addresses than the table holds share the overflow bucket; it throttles and is lifted. */
static void a_full_address_table_shares_an_overflow_bucket(void **state)
{
	char a[32];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(a, sizeof a, "10.6.%d.%d", i / 250, i % 250 + 1);
		throttle_login_fail(NULL, NULL, a);
	}
	/* the first ones kept their own counters */
	assert_non_null(row(THROTTLE_ADDRESS, NULL, "10.5.0.1"));
	/* the overflow bucket took the failures that found no room, and makes newcomers wait */
	assert_non_null(row(THROTTLE_OVERFLOW, NULL, "login"));
	assert_true(wait_of(NULL, "10.7.0.1") > 0);
	assert_int_equal(throttle_lift(THROTTLE_OVERFLOW, NULL, "login"), 1);
	assert_int_equal(wait_of(NULL, "10.7.0.1"), 0);
}

static void kind_names_round_trip(void **state)
{
	enum throttle_kind k, got;

	(void)state;
	for (k = THROTTLE_PAIR; k < THROTTLE__MAX; k++) {
		assert_int_equal(throttle_kind_parse(throttle_kind_name(k), &got), 0);
		assert_int_equal(got, k);
	}
	assert_int_equal(throttle_kind_parse("lock", &got), -1);
	assert_int_equal(throttle_kind_parse(NULL, &got), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(waits_grow_per_pair),
		cmocka_unit_test(a_hot_account_is_slowed_not_locked),
		cmocka_unit_test(a_full_pair_table_flushes_nothing),
		cmocka_unit_test(addresses_wait_too),
		cmocka_unit_test(a_full_address_table_shares_an_overflow_bucket),
		cmocka_unit_test(kind_names_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
