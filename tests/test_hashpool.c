/*
 * The server's password hash workers (entry/hashpool.c, issue 11 finding 7):
 * the outcome a handler gets on its second run (check, upgrade, one-time
 * passwords), that only the same question gets that answer, that a full queue
 * answers 503 with Retry-After at once, that stopping cancels what no worker
 * took, and that a bulk import does not hold up a login. Requests here have no
 * connection (r.conn NULL), so nothing is suspended or resumed; the test waits
 * with req_pw_ready instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/crypto.h"
#include "entry/internal.h"

#define PASSWORD "correct horse battery staple"
/* PASSWORD as the pw_hash of before made it (scrypt N=2^15, r=8, p=1). */
static const char old_hash[] =
    "$scrypt$ln=15,r=8,p=1$J1uVyFPTkSIZD1S9EGV5YQ$Nxtq6muuWhsH/MUQOyWrg0+yMxUbUwAqVrTitSmpRx8";

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void nap(void)
{
	struct timespec ts = {0, 2 * 1000 * 1000};

	nanosleep(&ts, NULL);
}

static void req_init(struct req *r, struct hashpool *p)
{
	memset(r, 0, sizeof *r);
	r->pool = p;
}

static void req_done(struct req *r)
{
	req_pw_release(r);
	json_decref(r->json);
	r->json = NULL;
}

/* What a handler sees: the first run waits, the second (once the workers are done) gets it. */
static void ask(struct req *r, const char *check, const char *against, const char *const *make,
                size_t n, struct req_pw_outcome *o)
{
	double t0 = now_ms();

	assert_int_equal(req_password(r, check, against, make, n, o), REQ_PW_WAIT);
	assert_int_equal(r->status, 0);
	while (!req_pw_ready(r)) {
		assert_true(now_ms() - t0 < 60000);
		nap();
	}
	assert_int_equal(req_password(r, check, against, make, n, o), REQ_PW_DONE);
	assert_int_equal(r->status, 0);
}

static int pool_setup(void **state)
{
	*state = hashpool_new();
	return *state != NULL ? 0 : -1;
}

static int pool_teardown(void **state)
{
	hashpool_free(*state);
	return 0;
}

static void test_login_upgrades_old_hash(void **state)
{
	const char *again[1] = {PASSWORD};
	struct req_pw_outcome o;
	struct req r;

	req_init(&r, *state);
	ask(&r, PASSWORD, old_hash, again, 1, &o);
	assert_int_equal(o.check, CRYPTO_OK);
	assert_int_equal(o.make, CRYPTO_OK);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.password[0], PASSWORD);
	assert_int_equal(strncmp(o.hash[0], "$argon2id$v=19$m=19456,t=2,p=1$", 31), 0);
	assert_int_equal(pw_verify(PASSWORD, o.hash[0]), CRYPTO_OK);
	assert_int_equal(pw_needs_upgrade(o.hash[0]), 0);
	req_done(&r);
}

static void test_wrong_password_makes_nothing(void **state)
{
	const char *again[1] = {"not " PASSWORD};
	struct req_pw_outcome o;
	struct req r;

	req_init(&r, *state);
	ask(&r, "not " PASSWORD, old_hash, again, 1, &o);
	assert_int_equal(o.check, CRYPTO_ERR_MISMATCH);
	assert_int_not_equal(o.make, CRYPTO_OK);
	assert_string_equal(o.hash[0], "");
	req_done(&r);
}

static void test_unknown_name_is_a_dummy(void **state)
{
	struct req_pw_outcome o;
	struct req r;

	req_init(&r, *state);
	ask(&r, PASSWORD, NULL, NULL, 0, &o);
	assert_int_equal(o.check, CRYPTO_ERR_MISMATCH);
	req_done(&r);
}

static void test_one_time_passwords_made(void **state)
{
	const char *make[3] = {"", "een gegeven wachtwoord", ""};
	struct req_pw_outcome o;
	struct req r;
	size_t i;

	req_init(&r, *state);
	ask(&r, NULL, NULL, make, 3, &o);
	assert_int_equal(o.check, CRYPTO_OK);
	assert_int_equal(o.make, CRYPTO_OK);
	assert_int_equal(strlen(o.password[0]), PW_GENERATED_LEN - 1);
	assert_string_equal(o.password[1], "een gegeven wachtwoord");
	assert_int_equal(strlen(o.password[2]), PW_GENERATED_LEN - 1);
	assert_string_not_equal(o.password[0], o.password[2]);
	for (i = 0; i < 3; i++)
		assert_int_equal(pw_verify(o.password[i], o.hash[i]), CRYPTO_OK);
	/* Asked again (a third run), the same passwords: nothing generated anew. */
	{
		char first[PW_GENERATED_LEN];
		struct req_pw_outcome again;

		snprintf(first, sizeof first, "%s", o.password[0]);
		assert_int_equal(req_password(&r, NULL, NULL, make, 3, &again), REQ_PW_DONE);
		assert_string_equal(again.password[0], first);
	}
	req_done(&r);
}

/* Only the same question gets the answer: a stored hash changed between the runs is checked anew. */
static void test_other_question_asked_anew(void **state)
{
	char fresh[PW_HASH_LEN];
	struct req_pw_outcome o;
	struct req r;

	req_init(&r, *state);
	assert_int_equal(pw_hash("een nieuw wachtwoord", fresh, sizeof fresh), CRYPTO_OK);
	ask(&r, PASSWORD, old_hash, NULL, 0, &o);
	assert_int_equal(o.check, CRYPTO_OK);
	assert_int_equal(req_password(&r, PASSWORD, fresh, NULL, 0, &o), REQ_PW_WAIT);
	while (!req_pw_ready(&r))
		nap();
	assert_int_equal(req_password(&r, PASSWORD, fresh, NULL, 0, &o), REQ_PW_DONE);
	assert_int_equal(o.check, CRYPTO_ERR_MISMATCH);
	/* Another password to make is another question too. */
	{
		const char *a[1] = {"een"}, *b[1] = {"twee"};

		ask(&r, NULL, NULL, a, 1, &o);
		assert_int_equal(req_password(&r, NULL, NULL, b, 1, &o), REQ_PW_WAIT);
	}
	req_done(&r);   /* still queued: the worker frees it */
}

/* A bulk import (one unit per account) and a login: the login does not wait for the import. */
static void test_import_does_not_hold_up_a_login(void **state)
{
	enum { N = 40 };
	const char *make[N];
	struct req imp, login;
	struct req_pw_outcome o;
	size_t i;

	for (i = 0; i < N; i++)
		make[i] = "";
	req_init(&imp, *state);
	req_init(&login, *state);
	assert_int_equal(req_password(&imp, NULL, NULL, make, N, &o), REQ_PW_WAIT);
	assert_int_equal(req_password(&login, PASSWORD, old_hash, NULL, 0, &o), REQ_PW_WAIT);
	while (!req_pw_ready(&login))
		nap();
	assert_false(req_pw_ready(&imp));
	assert_int_equal(req_password(&login, PASSWORD, old_hash, NULL, 0, &o), REQ_PW_DONE);
	assert_int_equal(o.check, CRYPTO_OK);
	while (!req_pw_ready(&imp))
		nap();
	assert_int_equal(req_password(&imp, NULL, NULL, make, N, &o), REQ_PW_DONE);
	assert_int_equal(o.make, CRYPTO_OK);
	for (i = 0; i < N; i++)
		assert_int_equal(strncmp(o.hash[i], "$argon2id$", 10), 0);
	req_done(&imp);
	req_done(&login);
}

static void assert_503(const struct req *r)
{
	json_t *e = json_object_get(r->json, "error");

	assert_int_equal(r->status, 503);
	assert_int_equal(r->retry_after, LIMIT_HASH_RETRY_SECONDS);
	assert_string_equal(json_string_value(json_object_get(e, "code")), "busy");
	assert_non_null(strstr(json_string_value(json_object_get(e, "message")), "Probeer"));
}

/*
 * A full queue: the next request is answered 503 with Retry-After at once, nothing queued
 * for it. Stopping (the server stops) cancels what no worker took: those requests get 503
 * on their second run, and a pool that stopped takes nothing more.
 */
static void test_full_queue_and_stop(void **state)
{
	enum { N = LIMIT_HASH_QUEUE_MAX + 1 };
	struct hashpool *p = hashpool_new();
	struct req *r = calloc(N, sizeof *r);
	struct req_pw_outcome o;
	struct req late;
	size_t i, answered = 0, cancelled = 0;
	double t0;

	(void)state;
	assert_non_null(p);
	assert_non_null(r);
	for (i = 0; i < N - 1; i++) {
		req_init(&r[i], p);
		assert_int_equal(req_password(&r[i], PASSWORD, old_hash, NULL, 0, &o), REQ_PW_WAIT);
	}
	req_init(&r[N - 1], p);
	t0 = now_ms();
	assert_int_equal(req_password(&r[N - 1], PASSWORD, old_hash, NULL, 0, &o), REQ_PW_BUSY);
	assert_true(now_ms() - t0 < 50);   /* refused at once, not after a wait */
	assert_503(&r[N - 1]);
	assert_null(r[N - 1].pw);
	hashpool_stop(p);
	for (i = 0; i < N - 1; i++) {
		assert_true(req_pw_ready(&r[i]));
		if (req_password(&r[i], PASSWORD, old_hash, NULL, 0, &o) == REQ_PW_DONE) {
			assert_int_equal(o.check, CRYPTO_OK);
			answered++;
		} else {
			assert_503(&r[i]);
			cancelled++;
		}
	}
	assert_true(cancelled > N / 2);
	assert_int_equal(answered + cancelled, N - 1);
	req_init(&late, p);
	assert_int_equal(req_password(&late, PASSWORD, old_hash, NULL, 0, &o), REQ_PW_BUSY);
	assert_503(&late);
	req_done(&late);
	for (i = 0; i < N; i++)
		req_done(&r[i]);
	free(r);
	hashpool_free(p);
}

/* Nothing to hash: answered at once, nothing queued. */
static void test_nothing_to_do(void **state)
{
	struct req_pw_outcome o;
	struct req r;

	req_init(&r, *state);
	assert_int_equal(req_password(&r, NULL, NULL, NULL, 0, &o), REQ_PW_DONE);
	assert_null(r.pw);
	assert_int_equal(req_park(&r), 0);
	req_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_upgrades_old_hash),
		cmocka_unit_test(test_wrong_password_makes_nothing),
		cmocka_unit_test(test_unknown_name_is_a_dummy),
		cmocka_unit_test(test_one_time_passwords_made),
		cmocka_unit_test(test_other_question_asked_anew),
		cmocka_unit_test(test_import_does_not_hold_up_a_login),
		cmocka_unit_test(test_nothing_to_do),
		cmocka_unit_test(test_full_queue_and_stop),
	};

	return cmocka_run_group_tests_name("hash workers", tests, pool_setup, pool_teardown);
}
