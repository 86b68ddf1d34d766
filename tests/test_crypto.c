/*
 * The crypto room, as a specification: SHA-256 and the hash code
 * (domain.md §6), scrypt passwords, session tokens, Ed25519 .sig files
 * (api.md), the TLS certificates (the local CA and the server certificates
 * it signs), the audit chain.
 *
 * Most tests are rows of a table; every row runs as its own named test.
 * Run from the repository root (reads tests/data/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <argon2.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "crypto/crypto.h"

#define TEST_HEX \
	"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define TEST_CODE \
	"9f86 d081 884c 7d65 9a2f eaa0 c55a d015 " \
	"a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08"
#define EMPTY_HEX \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define PASSWORD "correct horse battery staple"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- helpers */

static char tmpdir[64];

static void
make_tmpdir(void)
{
	if (tmpdir[0] != '\0')
		return;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_crypto.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
}

/* tmpdir/name into buf. */
static const char *
tmp_path(char *buf, size_t size, const char *name)
{
	int n;

	make_tmpdir();
	n = snprintf(buf, size, "%s/%s", tmpdir, name);
	assert_true(n > 0 && (size_t)n < size);
	return buf;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static unsigned char test_digest[32];   /* SHA-256("test") */

/* ------------------------------------------------------- SHA-256 vectors */

struct sha_case {
	const char *name;
	const char *input;
	const char *hex;
};

static const struct sha_case sha_cases[] = {
	{ "sha256 of \"test\"", "test", TEST_HEX },
	{ "sha256 of the empty string", "", EMPTY_HEX },
	{ "sha256 of \"abc\" (FIPS 180-2)", "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
};

static void
test_sha256_vector(void **state)
{
	const struct sha_case *c = *state;
	unsigned char d[32];
	char hex[HASH_HEX_LEN];

	assert_int_equal(hash_sha256(c->input, strlen(c->input), d), CRYPTO_OK);
	assert_int_equal(crypto_hex(d, sizeof d, hex, sizeof hex), CRYPTO_OK);
	assert_string_equal(hex, c->hex);
	assert_int_equal(hash_sha256_hex(c->input, strlen(c->input), hex),
	    CRYPTO_OK);
	assert_string_equal(hex, c->hex);
}

static void
test_sha256_null_arguments(void **state)
{
	unsigned char d[32];
	char hex[HASH_HEX_LEN];

	(void)state;
	assert_int_equal(hash_sha256("x", 1, NULL), CRYPTO_ERR_ARG);
	assert_int_equal(hash_sha256(NULL, 1, d), CRYPTO_ERR_ARG);
	assert_int_equal(hash_sha256_hex(NULL, 1, hex), CRYPTO_ERR_ARG);
	/* No data at all is the empty message. */
	assert_int_equal(hash_sha256_hex(NULL, 0, hex), CRYPTO_OK);
	assert_string_equal(hex, EMPTY_HEX);
}

static void
test_hex_buffer_too_small(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(crypto_hex("abcd", 4, out, sizeof out), CRYPTO_ERR_SPACE);
	assert_int_equal(crypto_hex("abc", 3, out, 7), CRYPTO_OK);
	assert_string_equal(out, "616263");
	assert_int_equal(crypto_hex(NULL, 1, out, sizeof out), CRYPTO_ERR_ARG);
}

/* --------------------------------------------------------- hashing files */

static void
test_sha256_file_equals_memory(void **state)
{
	static const char content[] = "line one\r\nline two\n\0binary\xff";
	char path[128];
	unsigned char want[32], got[32];
	unsigned char *big;
	size_t i, bigsize = 200000;   /* several read blocks */

	(void)state;
	tmp_path(path, sizeof path, "content.bin");
	write_file(path, content, sizeof content - 1);
	assert_int_equal(hash_sha256(content, sizeof content - 1, want), 0);
	assert_int_equal(hash_sha256_file(path, got), CRYPTO_OK);
	assert_memory_equal(got, want, 32);

	big = malloc(bigsize);
	assert_non_null(big);
	for (i = 0; i < bigsize; i++)
		big[i] = (unsigned char)(i * 7 + 3);
	write_file(path, big, bigsize);
	assert_int_equal(hash_sha256(big, bigsize, want), 0);
	assert_int_equal(hash_sha256_file(path, got), CRYPTO_OK);
	assert_memory_equal(got, want, 32);
	free(big);
	unlink(path);
}

static void
test_sha256_file_empty(void **state)
{
	char path[128], hex[HASH_HEX_LEN];
	unsigned char d[32];

	(void)state;
	tmp_path(path, sizeof path, "empty.bin");
	write_file(path, "", 0);
	assert_int_equal(hash_sha256_file(path, d), CRYPTO_OK);
	assert_int_equal(crypto_hex(d, 32, hex, sizeof hex), 0);
	assert_string_equal(hex, EMPTY_HEX);
	unlink(path);
}

static void
test_sha256_file_missing(void **state)
{
	unsigned char d[32];

	(void)state;
	assert_int_equal(hash_sha256_file("/nonexistent/teller/file.xml", d),
	    CRYPTO_ERR_IO);
	assert_int_equal(hash_sha256_file(NULL, d), CRYPTO_ERR_ARG);
}

static void
test_sha256_file_is_a_directory(void **state)
{
	unsigned char d[32];

	(void)state;
	make_tmpdir();
	assert_int_equal(hash_sha256_file(tmpdir, d), CRYPTO_ERR_IO);
}

/* The Kiesraad's published codes for the fictional Juinen files
 * (Hashcodes-Juinen.txt), and the groups each always hides. */
struct file_case {
	const char *name;
	const char *path;
	const char *code;
	int g1, g2;
};

static const struct file_case file_cases[] = {
	{ "hash code of Juinen 110a", "tests/data/eml/fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml",
	  "fae2 12ff 03ce 27d0 45e2 15ee a0c1 7e0e 316e 331f 2641 50a3 feef 2ac3 61db 2528",
	  6, 15 },
	{ "hash code of Juinen 230b", "tests/data/eml/fictional/eml230b_kandidatenlijsten-juinen.eml.xml",
	  "dbc0 cdb7 08f3 1ca3 17f9 802d 6610 49b0 609c 0b8e 154c 85ba c7ad b216 2875 e778",
	  8, 11 },
};

static void
test_file_hash_code(void **state)
{
	const struct file_case *c = *state;
	unsigned char d[32], parsed[32];
	char code[HASH_CODE_LEN];
	int g1, g2;

	assert_int_equal(hash_sha256_file(c->path, d), CRYPTO_OK);
	hash_code_format(d, code);
	assert_string_equal(code, c->code);
	assert_int_equal(hash_code_parse(c->code, parsed), CRYPTO_OK);
	assert_memory_equal(parsed, d, 32);
	hash_code_hidden(d, &g1, &g2);
	assert_int_equal(g1, c->g1);
	assert_int_equal(g2, c->g2);
}

/* ------------------------------------------------------------ hash code */

static void
test_hash_code_format_vector(void **state)
{
	char code[HASH_CODE_LEN];

	(void)state;
	hash_code_format(test_digest, code);
	assert_string_equal(code, TEST_CODE);
	assert_int_equal(strlen(code), HASH_CODE_LEN - 1);
}

struct parse_case {
	const char *name;
	const char *text;
	int rc;            /* expected result; on 0 the digest is TEST_HEX */
};

static const struct parse_case parse_cases[] = {
	{ "parse: grouped lowercase", TEST_CODE, 0 },
	{ "parse: 64 digits without spaces", TEST_HEX, 0 },
	{ "parse: uppercase",
	  "9F86 D081 884C 7D65 9A2F EAA0 C55A D015 A3BF 4F1B 2B0B 822C D15D 6C15 B0F0 0A08", 0 },
	{ "parse: mixed case", "9f86D081884c7D659a2fEAA0c55ad015A3BF4f1b2b0b822cd15d6c15b0f00a08", 0 },
	{ "parse: newlines, tabs and CRLF",
	  "  9f86 d081 884c 7d65\r\n\t9a2f eaa0 c55a d015\n"
	  "a3bf 4f1b 2b0b 822c\n d15d 6c15 b0f0 0a08\r\n", 0 },
	{ "parse: odd grouping", "9f86d 081884c7d659a2fe aa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0 8", 0 },
	{ "parse rejects 63 digits",
	  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0", CRYPTO_ERR_PARSE },
	{ "parse rejects 65 digits",
	  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a080", CRYPTO_ERR_PARSE },
	{ "parse rejects 128 digits", TEST_HEX TEST_HEX, CRYPTO_ERR_PARSE },
	{ "parse rejects non-hex letter",
	  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g", CRYPTO_ERR_PARSE },
	{ "parse rejects colons", "9f:86:d0:81:88:4c:7d:65:9a:2f:ea:a0:c5:5a:d0:15:"
	  "a3:bf:4f:1b:2b:0b:82:2c:d1:5d:6c:15:b0:f0:0a:08", CRYPTO_ERR_PARSE },
	{ "parse rejects a 0x prefix", "0x" TEST_HEX, CRYPTO_ERR_PARSE },
	{ "parse rejects an empty string", "", CRYPTO_ERR_PARSE },
	{ "parse rejects only spaces", "   \n\t ", CRYPTO_ERR_PARSE },
	{ "parse rejects a UTF-8 byte order mark", "\xef\xbb\xbf" TEST_HEX, CRYPTO_ERR_PARSE },
	{ "parse rejects NULL", NULL, CRYPTO_ERR_ARG },
};

static void
test_hash_code_parse(void **state)
{
	const struct parse_case *c = *state;
	unsigned char d[32];

	memset(d, 0xaa, sizeof d);
	assert_int_equal(hash_code_parse(c->text, d), c->rc);
	if (c->rc == 0) {
		assert_memory_equal(d, test_digest, 32);
	} else {
		unsigned char untouched[32];

		memset(untouched, 0xaa, sizeof untouched);
		assert_memory_equal(d, untouched, 32);
	}
}

/* --------------------------------------------------------- hidden groups */

static void
test_hidden_groups_in_range(void **state)
{
	unsigned char d[32];
	int a, b, g1, g2, seen1[17] = { 0 }, seen2[17] = { 0 };

	(void)state;
	memcpy(d, test_digest, sizeof d);
	/* Every value of the bytes the groups come from. */
	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++) {
			d[30] = (unsigned char)a;
			d[31] = (unsigned char)b;
			hash_code_hidden(d, &g1, &g2);
			assert_in_range(g1, 1, 8);
			assert_in_range(g2, 10, 16);
			seen1[g1] = seen2[g2] = 1;
		}
	/* ... and every allowed group can be picked. */
	for (a = 1; a <= 8; a++)
		assert_true(seen1[a]);
	for (a = 10; a <= 16; a++)
		assert_true(seen2[a]);
}

static void
test_hidden_groups_deterministic(void **state)
{
	unsigned char d[32];
	int g1, g2, h1, h2, i;

	(void)state;
	hash_code_hidden(test_digest, &g1, &g2);
	/* 1 + 0x0a % 8, 10 + 0x08 % 7 */
	assert_int_equal(g1, 3);
	assert_int_equal(g2, 11);
	for (i = 0; i < 100; i++) {
		assert_int_equal(crypto_random(d, sizeof d), 0);
		hash_code_hidden(d, &g1, &g2);
		hash_code_hidden(d, &h1, &h2);
		assert_int_equal(g1, h1);
		assert_int_equal(g2, h2);
	}
}

/* Counts the "____" groups in code and checks the others against full. */
static int
count_hidden(const char *code, const char *full, int *first, int *second)
{
	int g, n = 0;

	assert_int_equal(strlen(code), HASH_CODE_LEN - 1);
	for (g = 0; g < 16; g++) {
		const char *p = code + 5 * g;

		if (g < 15)
			assert_int_equal(p[4], ' ');
		if (memcmp(p, "____", 4) == 0) {
			if (n == 0)
				*first = g + 1;
			else
				*second = g + 1;
			n++;
		} else {
			assert_memory_equal(p, full + 5 * g, 4);
		}
	}
	return n;
}

static void
test_format_hidden_shows_two_blanks(void **state)
{
	char full[HASH_CODE_LEN], code[HASH_CODE_LEN];
	int g1, g2, first = 0, second = 0;

	(void)state;
	hash_code_format(test_digest, full);
	hash_code_hidden(test_digest, &g1, &g2);
	hash_code_format_hidden(test_digest, g1, g2, code);
	assert_string_equal(code,
	    "9f86 d081 ____ 7d65 9a2f eaa0 c55a d015 "
	    "a3bf 4f1b ____ 822c d15d 6c15 b0f0 0a08");
	assert_int_equal(count_hidden(code, full, &first, &second), 2);
	assert_int_equal(first, g1);
	assert_int_equal(second, g2);
	/* The edges: groups 1 and 16. */
	hash_code_format_hidden(test_digest, 1, 16, code);
	assert_int_equal(count_hidden(code, full, &first, &second), 2);
	assert_int_equal(first, 1);
	assert_int_equal(second, 16);
}

static void
test_format_hidden_bad_groups_hide_all(void **state)
{
	static const int bad[][2] = { { 0, 12 }, { 3, 17 }, { -1, 12 }, { 5, 5 } };
	char full[HASH_CODE_LEN], code[HASH_CODE_LEN];
	int first, second;
	size_t i;

	(void)state;
	hash_code_format(test_digest, full);
	for (i = 0; i < NELEM(bad); i++) {
		hash_code_format_hidden(test_digest, bad[i][0], bad[i][1], code);
		assert_int_equal(count_hidden(code, full, &first, &second), 16);
	}
}

struct groups_case {
	const char *name;
	int g1, g2;
	const char *typed1, *typed2;
	int rc;
};

/* Against SHA-256("test"): group 3 is 884c, group 12 is 822c. */
static const struct groups_case groups_cases[] = {
	{ "groups: right", 3, 12, "884c", "822c", 0 },
	{ "groups: uppercase", 3, 12, "884C", "822C", 0 },
	{ "groups: surrounding spaces and newline", 3, 12, "  884c ", "\t822c\n", 0 },
	{ "groups: CRLF from a pasted line", 3, 12, "884c\r\n", "822c\r\n", 0 },
	{ "groups: first wrong", 3, 12, "884d", "822c", CRYPTO_ERR_MISMATCH },
	{ "groups: second wrong", 3, 12, "884c", "822d", CRYPTO_ERR_MISMATCH },
	{ "groups: both wrong", 3, 12, "0000", "0000", CRYPTO_ERR_MISMATCH },
	{ "groups: swapped", 3, 12, "822c", "884c", CRYPTO_ERR_MISMATCH },
	{ "groups: neighbouring group typed", 3, 12, "d081", "822c", CRYPTO_ERR_MISMATCH },
	{ "groups: three digits", 3, 12, "884", "822c", CRYPTO_ERR_PARSE },
	{ "groups: five digits", 3, 12, "884c0", "822c", CRYPTO_ERR_PARSE },
	{ "groups: space inside", 3, 12, "88 4c", "822c", CRYPTO_ERR_PARSE },
	{ "groups: non-hex", 3, 12, "884g", "822c", CRYPTO_ERR_PARSE },
	{ "groups: empty", 3, 12, "", "822c", CRYPTO_ERR_PARSE },
	{ "groups: second empty", 3, 12, "884c", "   ", CRYPTO_ERR_PARSE },
	{ "groups: NULL typed", 3, 12, NULL, "822c", CRYPTO_ERR_ARG },
	{ "groups: group 0", 0, 12, "9f86", "822c", CRYPTO_ERR_ARG },
	{ "groups: group 17", 3, 17, "884c", "0a08", CRYPTO_ERR_ARG },
	{ "groups: same group twice", 3, 3, "884c", "884c", CRYPTO_ERR_ARG },
};

static void
test_check_groups(void **state)
{
	const struct groups_case *c = *state;

	assert_int_equal(hash_code_check_groups(test_digest, c->g1, c->g2,
	    c->typed1, c->typed2), c->rc);
}

static void
test_check_groups_every_hidden_pair(void **state)
{
	char code[HASH_CODE_LEN];
	unsigned char d[32];
	int g1, g2, i;

	(void)state;
	/* Whatever is hidden, typing the groups of the full code matches. */
	for (i = 0; i < 200; i++) {
		assert_int_equal(crypto_random(d, sizeof d), 0);
		hash_code_format(d, code);
		hash_code_hidden(d, &g1, &g2);
		code[5 * g1 - 1] = '\0';
		code[5 * g2 - 1] = '\0';
		assert_int_equal(hash_code_check_groups(d, g1, g2,
		    code + 5 * (g1 - 1), code + 5 * (g2 - 1)), CRYPTO_OK);
	}
}

/* ----------------------------------------------------------------- errors */

static void
test_strerror_covers_every_code(void **state)
{
	int e, f;

	(void)state;
	for (e = 0; e > CRYPTO_ERR__MAX; e--) {
		assert_non_null(crypto_strerror(e));
		assert_true(strlen(crypto_strerror(e)) > 0);
		assert_string_not_equal(crypto_strerror(e), "unknown error");
		for (f = 0; f > e; f--)
			assert_string_not_equal(crypto_strerror(e), crypto_strerror(f));
	}
	assert_string_equal(crypto_strerror(CRYPTO_ERR__MAX), "unknown error");
	assert_string_equal(crypto_strerror(1), "unknown error");
	assert_string_equal(crypto_strerror(INT_MIN), "unknown error");
}

/* -------------------------------------------------------------- passwords */

/* Today's hash of PASSWORD (Argon2id, made by pw_setup), and one made by the
 * pw_hash of before (scrypt N=2^15, r=8, p=1), as older databases hold them. */
static char pw_good[PW_HASH_LEN];
static const char pw_scrypt[] =
    "$scrypt$ln=15,r=8,p=1$J1uVyFPTkSIZD1S9EGV5YQ$"
    "Nxtq6muuWhsH/MUQOyWrg0+yMxUbUwAqVrTitSmpRx8";
#define ARGON2_TODAY "$argon2id$v=19$m=19456,t=2,p=1$"

static int
pw_setup(void **state)
{
	(void)state;
	return pw_hash(PASSWORD, pw_good, sizeof pw_good) == CRYPTO_OK ? 0 : -1;
}

static void
test_pw_verify_good(void **state)
{
	(void)state;
	assert_int_equal(pw_verify(PASSWORD, pw_good), CRYPTO_OK);
	assert_int_equal(pw_verify(PASSWORD, pw_scrypt), CRYPTO_OK);
}

static void
test_pw_verify_wrong(void **state)
{
	(void)state;
	assert_int_equal(pw_verify("correct horse battery stapler", pw_good),
	    CRYPTO_ERR_MISMATCH);
	assert_int_equal(pw_verify("Correct horse battery staple", pw_good),
	    CRYPTO_ERR_MISMATCH);
	assert_int_equal(pw_verify("correct horse battery stapler", pw_scrypt),
	    CRYPTO_ERR_MISMATCH);
}

static void
test_pw_verify_empty_string(void **state)
{
	char h[PW_HASH_LEN];

	(void)state;
	assert_int_equal(pw_verify("", pw_good), CRYPTO_ERR_MISMATCH);
	assert_int_equal(pw_verify("", pw_scrypt), CRYPTO_ERR_MISMATCH);
	/* The room has no password policy; the empty password still hashes. */
	assert_int_equal(pw_hash("", h, sizeof h), CRYPTO_OK);
	assert_int_equal(pw_verify("", h), CRYPTO_OK);
	assert_int_equal(pw_verify(" ", h), CRYPTO_ERR_MISMATCH);
}

static void
test_pw_encoding_format(void **state)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t pre = strlen(ARGON2_TODAY);
	const char *salt, *key;

	(void)state;
	assert_int_equal(strncmp(pw_good, ARGON2_TODAY, pre), 0);
	assert_int_equal(strlen(pw_good), 97);
	assert_true(strlen(pw_good) < PW_HASH_LEN);
	salt = pw_good + pre;
	key = strchr(salt, '$');
	assert_non_null(key);
	assert_int_equal(key - salt, 22);       /* 16 bytes */
	assert_int_equal(strlen(key + 1), 43);  /* 32 bytes */
	assert_int_equal(strspn(salt, b64), 22);
	assert_int_equal(strspn(key + 1, b64), 43);
}

/* The string libargon2 itself makes of the same inputs verifies, and ours is
 * what it makes: the PHC string is the standard one. */
static void
test_pw_libargon2_interop(void **state)
{
	static const unsigned char salt[PW_SALT_LEN] = "0123456789abcdef";
	char enc[PW_HASH_LEN], again[PW_HASH_LEN];
	int rc;

	(void)state;
	rc = argon2id_hash_encoded(PW_ARGON2_T, PW_ARGON2_M, PW_ARGON2_P, PASSWORD,
	    strlen(PASSWORD), salt, sizeof salt, PW_KEY_LEN, enc, sizeof enc);
	assert_int_equal(rc, ARGON2_OK);
	assert_int_equal(strncmp(enc, ARGON2_TODAY, strlen(ARGON2_TODAY)), 0);
	assert_int_equal(pw_verify(PASSWORD, enc), CRYPTO_OK);
	assert_int_equal(pw_verify("not " PASSWORD, enc), CRYPTO_ERR_MISMATCH);
	assert_int_equal(argon2id_verify(pw_good, PASSWORD, strlen(PASSWORD)), ARGON2_OK);
	/* And a cheaper Argon2id than today's (another program's) verifies too. */
	rc = argon2id_hash_encoded(1, 4096, 1, PASSWORD, strlen(PASSWORD), salt,
	    sizeof salt, PW_KEY_LEN, again, sizeof again);
	assert_int_equal(rc, ARGON2_OK);
	assert_int_equal(pw_verify(PASSWORD, again), CRYPTO_OK);
}

static void
test_pw_same_password_differs(void **state)
{
	char h[PW_HASH_LEN];

	(void)state;
	assert_int_equal(pw_hash(PASSWORD, h, sizeof h), CRYPTO_OK);
	assert_string_not_equal(h, pw_good);
	assert_int_equal(pw_verify(PASSWORD, h), CRYPTO_OK);
}

static void
test_pw_hash_buffer_too_small(void **state)
{
	char h[96];

	(void)state;
	assert_int_equal(pw_hash(PASSWORD, h, sizeof h), CRYPTO_ERR_SPACE);
}

static void
test_pw_null_and_oversized(void **state)
{
	char h[PW_HASH_LEN], *big;

	(void)state;
	assert_int_equal(pw_hash(NULL, h, sizeof h), CRYPTO_ERR_ARG);
	assert_int_equal(pw_hash(PASSWORD, NULL, 0), CRYPTO_ERR_ARG);
	assert_int_equal(pw_verify(NULL, pw_good), CRYPTO_ERR_ARG);
	assert_int_equal(pw_verify(PASSWORD, NULL), CRYPTO_ERR_ARG);
	big = malloc(PW_INPUT_MAX + 2);
	assert_non_null(big);
	memset(big, 'a', PW_INPUT_MAX + 1);
	big[PW_INPUT_MAX + 1] = '\0';
	assert_int_equal(pw_hash(big, h, sizeof h), CRYPTO_ERR_ARG);
	assert_int_equal(pw_verify(big, pw_good), CRYPTO_ERR_ARG);
	big[PW_INPUT_MAX] = '\0';   /* the longest accepted */
	assert_int_equal(pw_hash(big, h, sizeof h), CRYPTO_OK);
	assert_int_equal(pw_verify(big, h), CRYPTO_OK);
	free(big);
}

enum mutation {
	MUT_LITERAL,     /* the encoding is arg */
	MUT_PARAMS,      /* the parameters ("v=19$m=19456,t=2,p=1", "ln=15,r=8,p=1") replaced by arg */
	MUT_SALT_CHAR,   /* first character of the salt changed */
	MUT_KEY_CHAR,    /* first character of the key changed */
	MUT_CUT,         /* the good encoding cut to n characters */
	MUT_APPEND,      /* arg appended to the good encoding */
};

enum pw_base { A2, SC };   /* which good hash is changed: Argon2id's or scrypt's */

struct pw_case {
	const char *name;
	enum pw_base base;
	enum mutation how;
	const char *arg;
	size_t n;
	int rc;
};

static const struct pw_case pw_cases[] = {
	/* The good ones, and a wrong password, in each format. */
	{ "argon2id: today's hash verifies", A2, MUT_CUT, NULL, 97, CRYPTO_OK },
	{ "scrypt: an old hash verifies", SC, MUT_CUT, NULL, 88, CRYPTO_OK },
	{ "argon2id: tampered salt", A2, MUT_SALT_CHAR, NULL, 0, CRYPTO_ERR_MISMATCH },
	{ "argon2id: tampered key", A2, MUT_KEY_CHAR, NULL, 0, CRYPTO_ERR_MISMATCH },
	{ "argon2id: other valid cost (t=1)", A2, MUT_PARAMS, "v=19$m=19456,t=1,p=1", 0, CRYPTO_ERR_MISMATCH },
	{ "argon2id: two lanes, one thread", A2, MUT_PARAMS, "v=19$m=19456,t=2,p=2", 0, CRYPTO_ERR_MISMATCH },
	{ "argon2id: the dearest accepted", A2, MUT_PARAMS, "v=19$m=65536,t=4,p=1", 0, CRYPTO_ERR_MISMATCH },
	{ "scrypt: tampered salt", SC, MUT_SALT_CHAR, NULL, 0, CRYPTO_ERR_MISMATCH },
	{ "scrypt: tampered key", SC, MUT_KEY_CHAR, NULL, 0, CRYPTO_ERR_MISMATCH },
	{ "scrypt: other valid cost (ln=14)", SC, MUT_PARAMS, "ln=14,r=8,p=1", 0, CRYPTO_ERR_MISMATCH },
	/* Malformed Argon2id. */
	{ "argon2id: truncated to nothing", A2, MUT_CUT, NULL, 0, CRYPTO_ERR_PARSE },
	{ "argon2id: truncated after the prefix", A2, MUT_CUT, NULL, 10, CRYPTO_ERR_PARSE },
	{ "argon2id: truncated in the parameters", A2, MUT_CUT, NULL, 20, CRYPTO_ERR_PARSE },
	{ "argon2id: truncated in the salt", A2, MUT_CUT, NULL, 40, CRYPTO_ERR_PARSE },
	{ "argon2id: truncated before the key", A2, MUT_CUT, NULL, 54, CRYPTO_ERR_PARSE },
	{ "argon2id: key cut by one character", A2, MUT_CUT, NULL, 96, CRYPTO_ERR_PARSE },
	{ "argon2id: key cut by four characters", A2, MUT_CUT, NULL, 93, CRYPTO_ERR_PARSE },
	{ "argon2id: trailing garbage", A2, MUT_APPEND, "x", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: trailing dollar", A2, MUT_APPEND, "$", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: trailing newline", A2, MUT_APPEND, "\n", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: version missing", A2, MUT_PARAMS, "m=19456,t=2,p=1", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: parameters reordered", A2, MUT_PARAMS, "v=19$t=2,m=19456,p=1", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: p missing", A2, MUT_PARAMS, "v=19$m=19456,t=2", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: a keyid field", A2, MUT_PARAMS, "v=19$m=19456,t=2,p=1,keyid=x", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: leading zero", A2, MUT_PARAMS, "v=19$m=019456,t=2,p=1", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: negative", A2, MUT_PARAMS, "v=19$m=19456,t=-2,p=1", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: space in parameters", A2, MUT_PARAMS, "v=19$m=19456, t=2,p=1", 0, CRYPTO_ERR_PARSE },
	{ "argon2id: Argon2i", A2, MUT_LITERAL,
	  "$argon2i$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
	  0, CRYPTO_ERR_PARSE },
	{ "argon2id: Argon2d", A2, MUT_LITERAL,
	  "$argon2d$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
	  0, CRYPTO_ERR_PARSE },
	{ "argon2id: upper case", A2, MUT_LITERAL,
	  "$ARGON2ID$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
	  0, CRYPTO_ERR_PARSE },
	{ "argon2id: padded base64", A2, MUT_LITERAL,
	  "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=",
	  0, CRYPTO_ERR_PARSE },
	{ "argon2id: short salt (8 bytes)", A2, MUT_LITERAL,
	  "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
	  0, CRYPTO_ERR_PARSE },
	{ "argon2id: long key (64 bytes)", A2, MUT_LITERAL,
	  "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"
	  "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
	  0, CRYPTO_ERR_PARSE },
	/* Argon2id parameters out of bounds: refused before any work. */
	{ "argon2id: version 16", A2, MUT_PARAMS, "v=16$m=19456,t=2,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: m over 64 MiB", A2, MUT_PARAMS, "v=19$m=65537,t=1,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: m of 4 GiB", A2, MUT_PARAMS, "v=19$m=4194304,t=2,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: m with 20 digits", A2, MUT_PARAMS, "v=19$m=18446744073709551631,t=2,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: m under 8 p", A2, MUT_PARAMS, "v=19$m=15,t=2,p=2", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: t=0", A2, MUT_PARAMS, "v=19$m=19456,t=0,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: t=17", A2, MUT_PARAMS, "v=19$m=4096,t=17,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: m*t over the cap", A2, MUT_PARAMS, "v=19$m=65536,t=5,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: p=0", A2, MUT_PARAMS, "v=19$m=19456,t=2,p=0", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: p=9", A2, MUT_PARAMS, "v=19$m=19456,t=2,p=9", 0, CRYPTO_ERR_PARAMS },
	{ "argon2id: p=2^24", A2, MUT_PARAMS, "v=19$m=19456,t=2,p=16777216", 0, CRYPTO_ERR_PARAMS },
	/* Malformed scrypt. */
	{ "scrypt: truncated after the prefix", SC, MUT_CUT, NULL, 8, CRYPTO_ERR_PARSE },
	{ "scrypt: truncated in the parameters", SC, MUT_CUT, NULL, 17, CRYPTO_ERR_PARSE },
	{ "scrypt: truncated in the salt", SC, MUT_CUT, NULL, 30, CRYPTO_ERR_PARSE },
	{ "scrypt: truncated before the key", SC, MUT_CUT, NULL, 45, CRYPTO_ERR_PARSE },
	{ "scrypt: key cut by one character", SC, MUT_CUT, NULL, 87, CRYPTO_ERR_PARSE },
	{ "scrypt: key cut by four characters", SC, MUT_CUT, NULL, 84, CRYPTO_ERR_PARSE },
	{ "scrypt: trailing garbage", SC, MUT_APPEND, "x", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: trailing newline", SC, MUT_APPEND, "\n", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: leading zero", SC, MUT_PARAMS, "ln=015,r=8,p=1", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: negative", SC, MUT_PARAMS, "ln=-15,r=8,p=1", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: plus sign", SC, MUT_PARAMS, "ln=+15,r=8,p=1", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: parameters reordered", SC, MUT_PARAMS, "r=8,ln=15,p=1", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: p missing", SC, MUT_PARAMS, "ln=15,r=8", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: space in parameters", SC, MUT_PARAMS, "ln=15, r=8,p=1", 0, CRYPTO_ERR_PARSE },
	{ "scrypt: padded base64", SC, MUT_LITERAL,
	  "$scrypt$ln=15,r=8,p=1$+Pfe+gLEiYCNqAh6Hagg5A==$Adn5ER4zIRe1QtHVGShyf1XqRozNyPAhCPkzGKD9lD8=",
	  0, CRYPTO_ERR_PARSE },
	{ "scrypt: non-canonical base64 tail", SC, MUT_LITERAL,
	  "$scrypt$ln=15,r=8,p=1$+Pfe+gLEiYCNqAh6Hagg5B$Adn5ER4zIRe1QtHVGShyf1XqRozNyPAhCPkzGKD9lD8",
	  0, CRYPTO_ERR_PARSE },
	{ "scrypt: short salt", SC, MUT_LITERAL,
	  "$scrypt$ln=15,r=8,p=1$+Pfe+gLEiYA$Adn5ER4zIRe1QtHVGShyf1XqRozNyPAhCPkzGKD9lD8",
	  0, CRYPTO_ERR_PARSE },
	{ "scrypt: long key", SC, MUT_LITERAL,
	  "$scrypt$ln=15,r=8,p=1$+Pfe+gLEiYCNqAh6Hagg5A$Adn5ER4zIRe1QtHVGShyf1XqRozNyPAhCPkzGKD9lD8AAAA",
	  0, CRYPTO_ERR_PARSE },
	/* scrypt parameters out of bounds. */
	{ "scrypt: absurd ln=0", SC, MUT_PARAMS, "ln=0,r=8,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: weak ln=9", SC, MUT_PARAMS, "ln=9,r=8,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: huge ln=21", SC, MUT_PARAMS, "ln=21,r=8,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: ln=64 shift overflow", SC, MUT_PARAMS, "ln=64,r=8,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: ln with 20 digits", SC, MUT_PARAMS, "ln=18446744073709551631,r=8,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: absurd r=0", SC, MUT_PARAMS, "ln=15,r=0,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: absurd r=33", SC, MUT_PARAMS, "ln=15,r=33,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: r=2^32", SC, MUT_PARAMS, "ln=15,r=4294967296,p=1", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: absurd p=0", SC, MUT_PARAMS, "ln=15,r=8,p=0", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: absurd p=17", SC, MUT_PARAMS, "ln=15,r=8,p=17", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: p*r over 64", SC, MUT_PARAMS, "ln=15,r=16,p=8", 0, CRYPTO_ERR_PARAMS },
	{ "scrypt: memory over the cap", SC, MUT_PARAMS, "ln=20,r=32,p=1", 0, CRYPTO_ERR_PARAMS },
	/* Neither. */
	{ "other: plain text stored", A2, MUT_LITERAL, PASSWORD, 0, CRYPTO_ERR_PARSE },
	{ "other: bcrypt", A2, MUT_LITERAL,
	  "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", 0, CRYPTO_ERR_PARSE },
	{ "other: empty", A2, MUT_LITERAL, "", 0, CRYPTO_ERR_PARSE },
};

static void
test_pw_misuse(void **state)
{
	const struct pw_case *c = *state;
	const char *good = c->base == A2 ? pw_good : pw_scrypt;
	const char *prefix = c->base == A2 ? "$argon2id$" : "$scrypt$";
	const char *params = c->base == A2 ? "v=19$m=19456,t=2,p=1" : "ln=15,r=8,p=1";
	char enc[512], *key, *salt;
	int n = 0;

	switch (c->how) {
	case MUT_LITERAL:
		n = snprintf(enc, sizeof enc, "%s", c->arg);
		break;
	case MUT_PARAMS:
		assert_int_equal(strncmp(good + strlen(prefix), params, strlen(params)), 0);
		n = snprintf(enc, sizeof enc, "%s%s%s", prefix, c->arg,
		    good + strlen(prefix) + strlen(params));
		break;
	case MUT_SALT_CHAR:
	case MUT_KEY_CHAR:
		n = snprintf(enc, sizeof enc, "%s", good);
		key = strrchr(enc, '$');
		*key = '\0';
		salt = strrchr(enc, '$') + 1;
		*key++ = '$';
		{
			char *p = c->how == MUT_SALT_CHAR ? salt : key;

			*p = *p == 'A' ? 'B' : 'A';
		}
		break;
	case MUT_CUT:
		assert_true(c->n <= strlen(good));
		n = snprintf(enc, sizeof enc, "%.*s", (int)c->n, good);
		break;
	case MUT_APPEND:
		n = snprintf(enc, sizeof enc, "%s%s", good, c->arg);
		break;
	}
	assert_true(n >= 0 && (size_t)n < sizeof enc);
	assert_int_equal(pw_verify(PASSWORD, enc), c->rc);
}

struct upgrade_case {
	const char *name;
	const char *encoded;   /* NULL: pw_good, today's */
	int upgrade;
};

static const struct upgrade_case upgrade_cases[] = {
	{ "upgrade: today's argon2id stays", NULL, 0 },
	{ "upgrade: scrypt is made again", pw_scrypt, 1 },
	{ "upgrade: argon2id with less memory", "$argon2id$v=19$m=4096,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", 1 },
	{ "upgrade: argon2id with fewer passes", "$argon2id$v=19$m=19456,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", 1 },
	{ "upgrade: argon2id with other lanes", "$argon2id$v=19$m=19456,t=2,p=2$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", 1 },
	{ "upgrade: today's parameters, another salt", "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", 0 },
	{ "upgrade: malformed", "$argon2id$v=19$m=19456,t=2,p=1$", 1 },
	{ "upgrade: out of bounds", "$argon2id$v=19$m=4194304,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", 1 },
	{ "upgrade: empty", "", 1 },
};

static void
test_pw_needs_upgrade(void **state)
{
	const struct upgrade_case *c = *state;

	assert_int_equal(pw_needs_upgrade(c->encoded ? c->encoded : pw_good), c->upgrade);
}

static void
test_pw_needs_upgrade_null(void **state)
{
	char h[PW_HASH_LEN];

	(void)state;
	assert_int_equal(pw_needs_upgrade(NULL), 1);
	/* What a login does with an old hash: verify, then make today's. */
	assert_int_equal(pw_verify(PASSWORD, pw_scrypt), CRYPTO_OK);
	assert_int_equal(pw_hash(PASSWORD, h, sizeof h), CRYPTO_OK);
	assert_int_equal(pw_needs_upgrade(h), 0);
	assert_int_equal(pw_verify(PASSWORD, h), CRYPTO_OK);
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_pw_dummy_costs_as_much(void **state)
{
	double t, real = 1e9, dummy = 1e9;
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		t = seconds();
		(void)pw_verify("not the password", pw_good);
		t = seconds() - t;
		if (t < real)
			real = t;
		t = seconds();
		pw_verify_dummy("not the password");
		t = seconds() - t;
		if (t < dummy)
			dummy = t;
	}
	pw_verify_dummy(NULL);
	/* Loose on purpose: it must do the Argon2id work, not skip it. */
	assert_true(dummy > real / 3);
	assert_true(dummy < real * 3);
}

/* Several threads hash at once (the server's pool): each gets its own answer. */
static void *
pw_thread(void *arg)
{
	char h[PW_HASH_LEN];
	int *ok = arg;

	*ok = pw_hash(PASSWORD, h, sizeof h) == CRYPTO_OK &&
	    pw_verify(PASSWORD, h) == CRYPTO_OK &&
	    pw_verify(PASSWORD, pw_scrypt) == CRYPTO_OK &&
	    pw_verify("wrong", h) == CRYPTO_ERR_MISMATCH;
	return NULL;
}

static void
test_pw_threads(void **state)
{
	pthread_t th[4];
	int ok[4], i;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, pw_thread, &ok[i]), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_true(ok[i]);
	}
}

/* ---------------------------------------------------------------- Ed25519 */

static char *priv1, *pub1, *priv2, *pub2, *ec_key, *ec_cert;

static int
keys_setup(void **state)
{
	(void)state;
	if (sign_keygen(&priv1, &pub1) != 0 || sign_keygen(&priv2, &pub2) != 0 ||
	    tls_make_cert("teller", &ec_key, &ec_cert) != 0)
		return -1;
	return 0;
}

static int
keys_teardown(void **state)
{
	(void)state;
	crypto_free_secret(priv1);
	crypto_free_secret(priv2);
	crypto_free_secret(ec_key);
	free(pub1);
	free(pub2);
	free(ec_cert);
	return 0;
}

static const char message[] = "<EML>the exact bytes of an exported file</EML>\n";

static void
test_sign_pem_kinds(void **state)
{
	(void)state;
	assert_non_null(strstr(priv1, "-----BEGIN PRIVATE KEY-----\n"));
	assert_non_null(strstr(pub1, "-----BEGIN PUBLIC KEY-----\n"));
	assert_string_not_equal(pub1, pub2);
}

static void
test_sign_verify_roundtrip(void **state)
{
	unsigned char sig[64], again[64];

	(void)state;
	assert_int_equal(sign_data(priv1, message, strlen(message), sig), 0);
	assert_int_equal(sign_verify(pub1, message, strlen(message), sig), 0);
	/* Ed25519 is deterministic: the same file gets the same .sig. */
	assert_int_equal(sign_data(priv1, message, strlen(message), again), 0);
	assert_memory_equal(sig, again, 64);
	/* An empty file can be signed too. */
	assert_int_equal(sign_data(priv1, NULL, 0, sig), 0);
	assert_int_equal(sign_verify(pub1, "", 0, sig), 0);
}

struct flip_case {
	const char *name;
	int in_sig;      /* flip in the signature, else in the data */
	size_t at;
};

static const struct flip_case flip_cases[] = {
	{ "sign: flipped first data byte fails", 0, 0 },
	{ "sign: flipped middle data byte fails", 0, 20 },
	{ "sign: flipped last data byte fails", 0, sizeof message - 2 },
	{ "sign: flipped signature byte 0 fails", 1, 0 },
	{ "sign: flipped signature byte 31 fails", 1, 31 },
	{ "sign: flipped signature byte 32 fails", 1, 32 },
	{ "sign: flipped signature byte 63 fails", 1, 63 },
};

static void
test_sign_flipped(void **state)
{
	const struct flip_case *c = *state;
	unsigned char sig[64];
	char data[sizeof message];

	memcpy(data, message, sizeof message);
	assert_int_equal(sign_data(priv1, data, strlen(data), sig), 0);
	if (c->in_sig)
		sig[c->at] ^= 0x01;
	else
		data[c->at] ^= 0x01;
	assert_int_equal(sign_verify(pub1, data, strlen(message), sig),
	    CRYPTO_ERR_BADSIG);
}

static void
test_sign_wrong_key_fails(void **state)
{
	unsigned char sig[64];

	(void)state;
	assert_int_equal(sign_data(priv1, message, strlen(message), sig), 0);
	assert_int_equal(sign_verify(pub2, message, strlen(message), sig),
	    CRYPTO_ERR_BADSIG);
}

static void
test_sign_truncated_data_fails(void **state)
{
	unsigned char sig[64];

	(void)state;
	assert_int_equal(sign_data(priv1, message, strlen(message), sig), 0);
	assert_int_equal(sign_verify(pub1, message, strlen(message) - 1, sig),
	    CRYPTO_ERR_BADSIG);
}

/* Which PEM to feed in a bad-key row. */
enum pem_src { PEM_LITERAL, PEM_PUB1, PEM_PRIV1, PEM_EC_KEY, PEM_EC_PUB,
	PEM_CUT_PRIV1, PEM_ENCRYPTED };

struct badkey_case {
	const char *name;
	int for_verify;  /* feed to sign_verify, else to sign_data */
	enum pem_src src;
	const char *literal;
	int rc;
};

static const struct badkey_case badkey_cases[] = {
	{ "sign: NULL private key", 0, PEM_LITERAL, NULL, CRYPTO_ERR_ARG },
	{ "sign: empty private PEM", 0, PEM_LITERAL, "", CRYPTO_ERR_KEY },
	{ "sign: garbage private PEM", 0, PEM_LITERAL, "not a key at all", CRYPTO_ERR_KEY },
	{ "sign: PEM with broken base64", 0, PEM_LITERAL,
	  "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", CRYPTO_ERR_KEY },
	{ "sign: truncated private PEM", 0, PEM_CUT_PRIV1, NULL, CRYPTO_ERR_KEY },
	{ "sign: public key given as private", 0, PEM_PUB1, NULL, CRYPTO_ERR_KEY },
	{ "sign: P-256 key is not Ed25519", 0, PEM_EC_KEY, NULL, CRYPTO_ERR_KEY },
	{ "sign: encrypted PEM refused, no prompt", 0, PEM_ENCRYPTED, NULL, CRYPTO_ERR_KEY },
	{ "verify: NULL public key", 1, PEM_LITERAL, NULL, CRYPTO_ERR_ARG },
	{ "verify: garbage public PEM", 1, PEM_LITERAL, "-----BEGIN PUBLIC KEY-----\n", CRYPTO_ERR_KEY },
	{ "verify: private key given as public", 1, PEM_PRIV1, NULL, CRYPTO_ERR_KEY },
	{ "verify: P-256 public key is not Ed25519", 1, PEM_EC_PUB, NULL, CRYPTO_ERR_KEY },
};

/* The public half of a PEM private key of any type, as PEM (free()). */
static char *
any_public_pem(const char *priv)
{
	BIO *in = BIO_new_mem_buf(priv, -1), *out = BIO_new(BIO_s_mem());
	EVP_PKEY *k;
	char *data, *s;
	long len;

	assert_non_null(in);
	assert_non_null(out);
	k = PEM_read_bio_PrivateKey(in, NULL, NULL, NULL);
	assert_non_null(k);
	assert_int_equal(PEM_write_bio_PUBKEY(out, k), 1);
	len = BIO_get_mem_data(out, &data);
	s = calloc(1, (size_t)len + 1);
	assert_non_null(s);
	memcpy(s, data, (size_t)len);
	EVP_PKEY_free(k);
	BIO_free(in);
	BIO_free(out);
	return s;
}

static char *
encrypted_pem(const char *priv)
{
	static char pass[] = "secret passphrase";
	BIO *in = BIO_new_mem_buf(priv, -1), *out = BIO_new(BIO_s_mem());
	EVP_PKEY *k;
	char *data, *s;
	long len;

	k = PEM_read_bio_PrivateKey(in, NULL, NULL, NULL);
	assert_non_null(k);
	assert_int_equal(PEM_write_bio_PKCS8PrivateKey(out, k, EVP_aes_256_cbc(),
	    NULL, 0, NULL, pass), 1);
	len = BIO_get_mem_data(out, &data);
	s = calloc(1, (size_t)len + 1);
	assert_non_null(s);
	memcpy(s, data, (size_t)len);
	assert_non_null(strstr(s, "ENCRYPTED PRIVATE KEY"));
	EVP_PKEY_free(k);
	BIO_free(in);
	BIO_free(out);
	return s;
}

static void
test_sign_bad_key(void **state)
{
	const struct badkey_case *c = *state;
	unsigned char sig[64];
	char *made = NULL;
	const char *pem = c->literal;

	switch (c->src) {
	case PEM_LITERAL: break;
	case PEM_PUB1: pem = pub1; break;
	case PEM_PRIV1: pem = priv1; break;
	case PEM_EC_KEY: pem = ec_key; break;
	case PEM_EC_PUB: pem = made = any_public_pem(ec_key); break;
	case PEM_CUT_PRIV1:
		made = strdup(priv1);
		assert_non_null(made);
		made[strlen(made) / 2] = '\0';
		pem = made;
		break;
	case PEM_ENCRYPTED: pem = made = encrypted_pem(priv1); break;
	}
	memset(sig, 0, sizeof sig);
	if (c->for_verify)
		assert_int_equal(sign_verify(pem, message, strlen(message), sig), c->rc);
	else
		assert_int_equal(sign_data(pem, message, strlen(message), sig), c->rc);
	free(made);
}

static void
test_sign_public_from_private(void **state)
{
	char *pub = NULL;

	(void)state;
	assert_int_equal(sign_public_from_private(priv1, &pub), 0);
	assert_string_equal(pub, pub1);
	free(pub);
	assert_int_equal(sign_public_from_private(pub1, &pub), CRYPTO_ERR_KEY);
	assert_null(pub);
	assert_int_equal(sign_public_from_private(ec_key, &pub), CRYPTO_ERR_KEY);
	assert_null(pub);
	assert_int_equal(sign_public_from_private(NULL, &pub), CRYPTO_ERR_ARG);
}

static void
test_sign_fingerprint(void **state)
{
	char f1[HASH_CODE_LEN], again[HASH_CODE_LEN], f2[HASH_CODE_LEN];
	char want[HASH_CODE_LEN];
	unsigned char raw[32], d[32];
	size_t rawlen = sizeof raw;
	BIO *b;
	EVP_PKEY *k;

	(void)state;
	assert_int_equal(sign_fingerprint(pub1, f1), 0);
	assert_int_equal(sign_fingerprint(pub1, again), 0);
	assert_string_equal(f1, again);
	assert_int_equal(sign_fingerprint(pub2, f2), 0);
	assert_string_not_equal(f1, f2);
	assert_int_equal(strlen(f1), HASH_CODE_LEN - 1);
	/* By definition: SHA-256 of the raw 32-byte public key. */
	b = BIO_new_mem_buf(pub1, -1);
	k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	assert_non_null(k);
	assert_int_equal(EVP_PKEY_get_raw_public_key(k, raw, &rawlen), 1);
	assert_int_equal(rawlen, 32);
	assert_int_equal(hash_sha256(raw, rawlen, d), 0);
	hash_code_format(d, want);
	assert_string_equal(f1, want);
	EVP_PKEY_free(k);
	BIO_free(b);
	assert_int_equal(sign_fingerprint("garbage", f1), CRYPTO_ERR_KEY);
	assert_int_equal(sign_fingerprint(priv1, f1), CRYPTO_ERR_KEY);
}

static int
run(const char *fmt, ...) CMOCKA_PRINTF_ATTRIBUTE(1, 2);

/* Runs a shell command built from our own temp paths; its exit status. */
static int
run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int n, st;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof cmd);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* api.md: a recipient without Teller checks a .sig with openssl pkeyutl. */
static void
test_sign_openssl_cli_interop(void **state)
{
	char pub[128], priv[128], data[128], sig_path[128], osig[128];
	unsigned char sig[64], theirs[64];
	FILE *f;

	(void)state;
	if (run("command -v openssl >/dev/null 2>&1") != 0)
		skip();
	tmp_path(pub, sizeof pub, "signing-key.pub.pem");
	tmp_path(priv, sizeof priv, "signing-key.pem");
	tmp_path(data, sizeof data, "F.xml");
	tmp_path(sig_path, sizeof sig_path, "F.xml.sig");
	tmp_path(osig, sizeof osig, "F.xml.osig");
	write_file(pub, pub1, strlen(pub1));
	write_file(priv, priv1, strlen(priv1));
	write_file(data, message, strlen(message));
	assert_int_equal(sign_data(priv1, message, strlen(message), sig), 0);
	write_file(sig_path, sig, sizeof sig);

	assert_int_equal(run("openssl pkeyutl -verify -pubin -inkey %s -rawin "
	    "-in %s -sigfile %s >/dev/null 2>&1", pub, data, sig_path), 0);
	sig[10] ^= 0x80;
	write_file(sig_path, sig, sizeof sig);
	assert_int_not_equal(run("openssl pkeyutl -verify -pubin -inkey %s -rawin "
	    "-in %s -sigfile %s >/dev/null 2>&1", pub, data, sig_path), 0);

	/* And the other way: what openssl signs, we verify. */
	assert_int_equal(run("openssl pkeyutl -sign -inkey %s -rawin -in %s "
	    "-out %s 2>/dev/null", priv, data, osig), 0);
	f = fopen(osig, "rb");
	assert_non_null(f);
	assert_int_equal(fread(theirs, 1, sizeof theirs, f), 64);
	fclose(f);
	assert_int_equal(sign_verify(pub1, message, strlen(message), theirs), 0);

	unlink(pub);
	unlink(priv);
	unlink(data);
	unlink(sig_path);
	unlink(osig);
}

/* -------------------------------------------------------------------- TLS */

static X509 *
read_cert(const char *pem)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	X509 *x;

	assert_non_null(b);
	x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	return x;
}

static EVP_PKEY *
read_key(const char *pem)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *k;

	assert_non_null(b);
	k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	return k;
}

static void
test_tls_cert_parses(void **state)
{
	X509 *x = read_cert(ec_cert);
	char cn[128];

	(void)state;
	assert_non_null(x);
	assert_int_equal(X509_get_version(x), X509_VERSION_3);
	assert_int_equal(X509_NAME_get_text_by_NID(X509_get_subject_name(x),
	    NID_commonName, cn, sizeof cn), 6);
	assert_string_equal(cn, "teller");
	assert_int_equal(X509_NAME_cmp(X509_get_subject_name(x),
	    X509_get_issuer_name(x)), 0);
	assert_int_equal(X509_get_signature_nid(x), NID_ecdsa_with_SHA256);
	X509_free(x);
}

static void
test_tls_key_is_p256(void **state)
{
	EVP_PKEY *k = read_key(ec_key);
	char group[64];
	size_t len = 0;

	(void)state;
	assert_non_null(k);
	assert_non_null(strstr(ec_key, "-----BEGIN PRIVATE KEY-----\n"));
	assert_int_equal(EVP_PKEY_get_id(k), EVP_PKEY_EC);
	assert_int_equal(EVP_PKEY_get_group_name(k, group, sizeof group, &len), 1);
	assert_string_equal(group, "prime256v1");
	EVP_PKEY_free(k);
}

static void
test_tls_cert_matches_key(void **state)
{
	X509 *x = read_cert(ec_cert);
	EVP_PKEY *k = read_key(ec_key), *pub;

	(void)state;
	assert_int_equal(X509_check_private_key(x, k), 1);
	pub = X509_get0_pubkey(x);
	assert_int_equal(EVP_PKEY_eq(pub, k), 1);
	/* Self-signed: its own key verifies it. */
	assert_int_equal(X509_verify(x, pub), 1);
	EVP_PKEY_free(k);
	X509_free(x);
}

static void
test_tls_extensions(void **state)
{
	X509 *x = read_cert(ec_cert);
	int crit = 0;
	BASIC_CONSTRAINTS *bc;

	(void)state;
	assert_int_equal(X509_check_host(x, "localhost", 0, 0, NULL), 1);
	assert_int_equal(X509_check_host(x, "teller", 0, 0, NULL), 1);
	assert_int_equal(X509_check_ip_asc(x, "127.0.0.1", 0), 1);
	assert_int_not_equal(X509_check_host(x, "example.org", 0, 0, NULL), 1);
	assert_int_equal(X509_check_ca(x), 0);
	bc = X509_get_ext_d2i(x, NID_basic_constraints, &crit, NULL);
	assert_non_null(bc);
	assert_false(bc->ca);
	BASIC_CONSTRAINTS_free(bc);
	assert_int_equal(X509_get_key_usage(x), KU_DIGITAL_SIGNATURE);
	assert_int_equal(X509_get_extended_key_usage(x), XKU_SSL_SERVER);
	assert_non_null(X509_get0_subject_key_id(x));
	X509_free(x);
}

static void
test_tls_validity(void **state)
{
	X509 *x = read_cert(ec_cert);
	int day = 0, sec = 0;
	time_t now = time(NULL), early = now - 86400 - 300, late = now - 86400 + 300;

	(void)state;
	/* notBefore is yesterday, give or take a few minutes of test time. */
	assert_true(X509_cmp_time(X509_get0_notBefore(x), &early) > 0);
	assert_true(X509_cmp_time(X509_get0_notBefore(x), &late) < 0);
	assert_int_equal(ASN1_TIME_diff(&day, &sec, X509_get0_notBefore(x),
	    X509_get0_notAfter(x)), 1);
	assert_in_range(day, 3 * 365, 3 * 365 + 1);
	assert_int_equal(sec, 0);
	X509_free(x);
}

static void
test_tls_serial(void **state)
{
	X509 *x = read_cert(ec_cert), *y;
	char *key2, *cert2;
	BIGNUM *a, *b;

	(void)state;
	a = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	assert_non_null(a);
	assert_false(BN_is_negative(a));
	assert_false(BN_is_zero(a));
	assert_true(BN_num_bits(a) <= 128);
	assert_true(BN_num_bits(a) > 64);   /* fails with odds 2^-64 */
	assert_int_equal(tls_make_cert("teller", &key2, &cert2), 0);
	y = read_cert(cert2);
	b = ASN1_INTEGER_to_BN(X509_get0_serialNumber(y), NULL);
	assert_int_not_equal(BN_cmp(a, b), 0);
	BN_free(a);
	BN_free(b);
	X509_free(x);
	X509_free(y);
	crypto_free_secret(key2);
	free(cert2);
}

static void
test_tls_fingerprint_format(void **state)
{
	char fp[TLS_FINGERPRINT_LEN], again[TLS_FINGERPRINT_LEN], hex[3];
	unsigned char md[32];
	unsigned int mdlen, i;
	X509 *x = read_cert(ec_cert);

	(void)state;
	assert_int_equal(tls_cert_fingerprint(ec_cert, fp, sizeof fp), 0);
	assert_int_equal(strlen(fp), 95);
	for (i = 0; i < 95; i++) {
		if (i % 3 == 2)
			assert_int_equal(fp[i], ':');
		else
			assert_non_null(strchr("0123456789ABCDEF", fp[i]));
	}
	assert_int_equal(tls_cert_fingerprint(ec_cert, again, sizeof again), 0);
	assert_string_equal(fp, again);
	/* Over the DER, as a browser computes it. */
	assert_int_equal(X509_digest(x, EVP_sha256(), md, &mdlen), 1);
	for (i = 0; i < 32; i++) {
		snprintf(hex, sizeof hex, "%02X", md[i]);
		assert_memory_equal(fp + 3 * i, hex, 2);
	}
	X509_free(x);
}

static void
test_tls_fingerprint_misuse(void **state)
{
	char fp[TLS_FINGERPRINT_LEN];

	(void)state;
	assert_int_equal(tls_cert_fingerprint(ec_cert, fp, sizeof fp - 1),
	    CRYPTO_ERR_SPACE);
	assert_int_equal(tls_cert_fingerprint("garbage", fp, sizeof fp),
	    CRYPTO_ERR_KEY);
	assert_int_equal(tls_cert_fingerprint(ec_key, fp, sizeof fp),
	    CRYPTO_ERR_KEY);
	assert_int_equal(tls_cert_fingerprint(NULL, fp, sizeof fp),
	    CRYPTO_ERR_ARG);
}

struct cn_case {
	const char *name;
	const char *cn;
};

static const struct cn_case bad_cn_cases[] = {
	{ "tls: NULL common name", NULL },
	{ "tls: empty common name", "" },
	{ "tls: common name of 65 bytes",
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	{ "tls: common name not UTF-8", "teller\xff" },
};

static void
test_tls_bad_common_name(void **state)
{
	static char marker[] = "unchanged";
	const struct cn_case *c = *state;
	char *key = marker, *cert = marker;

	assert_int_equal(tls_make_cert(c->cn, &key, &cert), CRYPTO_ERR_ARG);
	assert_null(key);
	assert_null(cert);
}

/* ------------------------------------------- the local CA and its server certificates */

static char *ca_key, *ca_cert, *leaf_key, *leaf_cert;

/* What a server certificate on a LAN names: addresses of both kinds, names. */
static const char *const lan_names[] = {
	"localhost", "127.0.0.1", "::1", "teller-laptop", "teller-laptop.local",
	"192.168.1.10", "10.0.0.5", "fd00::2",
};

static int
ca_setup(void **state)
{
	(void)state;
	if (tls_make_ca("Teller West Maas en Waal lokale CA", &ca_key, &ca_cert) != 0 ||
	    tls_issue_cert(ca_key, ca_cert, lan_names, NELEM(lan_names), &leaf_key,
	    &leaf_cert) != 0)
		return -1;
	return 0;
}

static int
ca_teardown(void **state)
{
	(void)state;
	crypto_free_secret(ca_key);
	crypto_free_secret(leaf_key);
	free(ca_cert);
	free(leaf_cert);
	return 0;
}

/*
 * Verifies cert against the CA as a browser would: a chain to the CA as the
 * only trust anchor, for TLS server use, strict X.509, and (when given) for
 * the address ip or the host name host. Answers X509_V_OK or the error.
 */
static int
verify_chain(const char *ca_pem, const char *cert_pem, const char *ip, const char *host)
{
	X509_STORE *st = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	X509 *ca = read_cert(ca_pem), *x = read_cert(cert_pem);
	X509_VERIFY_PARAM *vp;
	int err;

	assert_non_null(st);
	assert_non_null(ctx);
	assert_non_null(ca);
	assert_non_null(x);
	assert_int_equal(X509_STORE_add_cert(st, ca), 1);
	assert_int_equal(X509_STORE_CTX_init(ctx, st, x, NULL), 1);
	vp = X509_STORE_CTX_get0_param(ctx);
	X509_VERIFY_PARAM_set_flags(vp, X509_V_FLAG_X509_STRICT);
	assert_int_equal(X509_VERIFY_PARAM_set_purpose(vp, X509_PURPOSE_SSL_SERVER), 1);
	if (ip != NULL)
		assert_int_equal(X509_VERIFY_PARAM_set1_ip_asc(vp, ip), 1);
	if (host != NULL)
		assert_int_equal(X509_VERIFY_PARAM_set1_host(vp, host, 0), 1);
	err = X509_verify_cert(ctx) == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(st);
	X509_free(ca);
	X509_free(x);
	return err;
}

static void
test_tls_ca_is_a_ca(void **state)
{
	X509 *x = read_cert(ca_cert);
	EVP_PKEY *k = read_key(ca_key);
	BASIC_CONSTRAINTS *bc;
	char cn[128];
	int crit = 0, day = 0, sec = 0;

	(void)state;
	assert_non_null(x);
	assert_int_equal(X509_check_private_key(x, k), 1);
	assert_int_equal(EVP_PKEY_get_id(k), EVP_PKEY_EC);
	assert_int_equal(X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName,
	    cn, sizeof cn), 34);
	assert_string_equal(cn, "Teller West Maas en Waal lokale CA");
	/* Self-signed root: its own key verifies it. */
	assert_int_equal(X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)), 0);
	assert_int_equal(X509_verify(x, X509_get0_pubkey(x)), 1);
	bc = X509_get_ext_d2i(x, NID_basic_constraints, &crit, NULL);
	assert_non_null(bc);
	assert_true(bc->ca);
	assert_int_equal(crit, 1);
	assert_non_null(bc->pathlen);
	assert_int_equal(ASN1_INTEGER_get(bc->pathlen), 0);
	BASIC_CONSTRAINTS_free(bc);
	assert_int_equal(X509_check_ca(x), 1);
	assert_int_equal(X509_get_key_usage(x), KU_KEY_CERT_SIGN | KU_CRL_SIGN);
	assert_non_null(X509_get0_subject_key_id(x));
	/* Long-lived: ten years, so the laptops install it once. */
	assert_int_equal(ASN1_TIME_diff(&day, &sec, X509_get0_notBefore(x),
	    X509_get0_notAfter(x)), 1);
	assert_in_range(day, 10 * 365 + 2, 10 * 365 + 3);
	EVP_PKEY_free(k);
	X509_free(x);
}

static void
test_tls_leaf_verifies_against_ca(void **state)
{
	X509 *x = read_cert(leaf_cert);
	EVP_PKEY *k = read_key(leaf_key);
	int day = 0, sec = 0;

	(void)state;
	assert_int_equal(verify_chain(ca_cert, leaf_cert, NULL, NULL), X509_V_OK);
	assert_int_equal(X509_check_private_key(x, k), 1);
	assert_int_equal(X509_check_ca(x), 0);
	assert_int_equal(X509_get_key_usage(x), KU_DIGITAL_SIGNATURE);
	assert_int_equal(X509_get_extended_key_usage(x), XKU_SSL_SERVER);
	assert_non_null(X509_get0_authority_key_id(x));
	assert_int_equal(ASN1_TIME_diff(&day, &sec, X509_get0_notBefore(x),
	    X509_get0_notAfter(x)), 1);
	assert_int_equal(day, 397);
	EVP_PKEY_free(k);
	X509_free(x);
}

struct san_case {
	const char *name;
	const char *ip, *host;    /* one of the two */
	int ok;                   /* 1: the certificate names it */
};

static const struct san_case san_cases[] = {
	{ "tls ca: names LAN address 192.168.1.10", "192.168.1.10", NULL, 1 },
	{ "tls ca: names LAN address 10.0.0.5", "10.0.0.5", NULL, 1 },
	{ "tls ca: names 127.0.0.1", "127.0.0.1", NULL, 1 },
	{ "tls ca: names IPv6 fd00::2", "fd00::2", NULL, 1 },
	{ "tls ca: names IPv6 ::1", "::1", NULL, 1 },
	{ "tls ca: names localhost", NULL, "localhost", 1 },
	{ "tls ca: names the host name", NULL, "teller-laptop", 1 },
	{ "tls ca: names the host name in any case", NULL, "Teller-Laptop", 1 },
	{ "tls ca: names NAME.local", NULL, "teller-laptop.local", 1 },
	{ "tls ca: not another address", "192.168.1.11", NULL, 0 },
	{ "tls ca: not another IPv6 address", "fd00::3", NULL, 0 },
	{ "tls ca: not another name", NULL, "example.org", 0 },
};

static void
test_tls_leaf_names(void **state)
{
	const struct san_case *c = *state;
	X509 *x = read_cert(leaf_cert);
	int err = verify_chain(ca_cert, leaf_cert, c->ip, c->host);

	if (c->ip != NULL)
		assert_int_equal(X509_check_ip_asc(x, c->ip, 0), c->ok);
	else
		assert_int_equal(X509_check_host(x, c->host, 0, 0, NULL), c->ok);
	if (c->ok)
		assert_int_equal(err, X509_V_OK);
	else
		assert_int_equal(err, c->ip ? X509_V_ERR_IP_ADDRESS_MISMATCH :
		    X509_V_ERR_HOSTNAME_MISMATCH);
	X509_free(x);
}

static void
test_tls_leaf_current_for_same_names(void **state)
{
	/* The same set in another order, a name in other case, one twice. */
	static const char *const again[] = {
		"fd00::2", "10.0.0.5", "192.168.1.10", "TELLER-LAPTOP", "teller-laptop.local",
		"::1", "127.0.0.1", "localhost", "10.0.0.5",
	};

	(void)state;
	assert_int_equal(tls_cert_current(ca_cert, leaf_cert, leaf_key, lan_names,
	    NELEM(lan_names)), CRYPTO_OK);
	assert_int_equal(tls_cert_current(ca_cert, leaf_cert, leaf_key, again, NELEM(again)),
	    CRYPTO_OK);
}

static void
test_tls_leaf_anew_for_new_addresses(void **state)
{
	/* DHCP gave the laptop another address. */
	static const char *const moved[] = {
		"localhost", "127.0.0.1", "::1", "teller-laptop", "teller-laptop.local",
		"192.168.1.23", "fd00::2",
	};
	char *k2 = NULL, *c2 = NULL;

	(void)state;
	assert_int_equal(tls_cert_current(ca_cert, leaf_cert, leaf_key, moved, NELEM(moved)),
	    CRYPTO_ERR_MISMATCH);
	/* One address fewer is also a change (the old one must not be trusted on). */
	assert_int_equal(tls_cert_current(ca_cert, leaf_cert, leaf_key, lan_names,
	    NELEM(lan_names) - 1), CRYPTO_ERR_MISMATCH);
	assert_int_equal(tls_issue_cert(ca_key, ca_cert, moved, NELEM(moved), &k2, &c2), 0);
	assert_int_equal(verify_chain(ca_cert, c2, "192.168.1.23", NULL), X509_V_OK);
	assert_int_equal(verify_chain(ca_cert, c2, "192.168.1.10", NULL),
	    X509_V_ERR_IP_ADDRESS_MISMATCH);
	assert_int_equal(tls_cert_current(ca_cert, c2, k2, moved, NELEM(moved)), CRYPTO_OK);
	/* A new key each time: the old key does not belong to the new certificate. */
	assert_int_equal(tls_cert_current(ca_cert, c2, leaf_key, moved, NELEM(moved)),
	    CRYPTO_ERR_MISMATCH);
	crypto_free_secret(k2);
	free(c2);
}

static void
test_tls_leaf_of_another_ca_is_replaced(void **state)
{
	char *k2, *c2, *ek, *ec;

	(void)state;
	assert_int_equal(tls_make_ca("Teller andere CA", &k2, &c2), 0);
	assert_int_not_equal(verify_chain(c2, leaf_cert, NULL, NULL), X509_V_OK);
	assert_int_equal(tls_cert_current(c2, leaf_cert, leaf_key, lan_names, NELEM(lan_names)),
	    CRYPTO_ERR_MISMATCH);
	/* The self-signed certificate of a database from before the CA. */
	assert_int_equal(tls_make_cert("teller", &ek, &ec), 0);
	assert_int_equal(tls_cert_current(ca_cert, ec, ek, lan_names, NELEM(lan_names)),
	    CRYPTO_ERR_MISMATCH);
	/* None stored yet, or unreadable. */
	assert_int_equal(tls_cert_current(ca_cert, NULL, NULL, lan_names, NELEM(lan_names)),
	    CRYPTO_ERR_MISMATCH);
	assert_int_equal(tls_cert_current(ca_cert, "garbage", leaf_key, lan_names,
	    NELEM(lan_names)), CRYPTO_ERR_MISMATCH);
	assert_int_equal(tls_cert_current("garbage", leaf_cert, leaf_key, lan_names,
	    NELEM(lan_names)), CRYPTO_ERR_KEY);
	crypto_free_secret(ek);
	free(ec);
	/* A CA key that is not the CA certificate's signs nothing. */
	assert_int_equal(tls_issue_cert(k2, ca_cert, lan_names, NELEM(lan_names), &ek, &ec),
	    CRYPTO_ERR_KEY);
	assert_null(ek);
	assert_null(ec);
	/* Nor does a server certificate pretending to be a CA. */
	assert_int_equal(tls_issue_cert(leaf_key, leaf_cert, lan_names, NELEM(lan_names), &ek,
	    &ec), CRYPTO_ERR_KEY);
	crypto_free_secret(k2);
	free(c2);
}

static const struct cn_case bad_name_cases[] = {
	{ "tls ca: empty name", "" },
	{ "tls ca: name with a space", "teller laptop" },
	{ "tls ca: name with a comma (openssl.cnf syntax)", "a,IP:1.2.3.4" },
	{ "tls ca: empty label", "teller..local" },
	{ "tls ca: label starting with '-'", "-teller" },
	{ "tls ca: label ending with '-'", "teller-.local" },
	{ "tls ca: IPv6 with a zone", "fe80::1%eth0" },
	{ "tls ca: label of 64 bytes",
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	{ "tls ca: not ASCII", "st\xc3\xa9" },
};

static void
test_tls_issue_bad_name(void **state)
{
	static char marker[] = "unchanged";
	const struct cn_case *c = *state;
	const char *names[] = { "localhost", c->cn };
	char *key = marker, *cert = marker;

	assert_false(tls_name_valid(c->cn));
	assert_int_equal(tls_issue_cert(ca_key, ca_cert, names, 2, &key, &cert), CRYPTO_ERR_ARG);
	assert_null(key);
	assert_null(cert);
}

static void
test_tls_issue_misuse(void **state)
{
	const char *many[TLS_NAMES_MAX + 1];
	char *key, *cert;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(many); i++)
		many[i] = "localhost";
	assert_int_equal(tls_issue_cert(ca_key, ca_cert, many, NELEM(many), &key, &cert),
	    CRYPTO_ERR_ARG);
	assert_int_equal(tls_issue_cert(ca_key, ca_cert, many, 0, &key, &cert), CRYPTO_ERR_ARG);
	assert_int_equal(tls_issue_cert(NULL, ca_cert, many, 1, &key, &cert), CRYPTO_ERR_ARG);
	assert_int_equal(tls_issue_cert(ca_key, ca_cert, many, 1, NULL, &cert), CRYPTO_ERR_ARG);
	assert_int_equal(tls_make_ca("", &key, &cert), CRYPTO_ERR_ARG);
	assert_true(tls_name_valid("192.168.1.10"));
	assert_true(tls_name_valid("fd00::2"));
	assert_true(tls_name_valid("teller-laptop.local"));
	assert_false(tls_name_valid(NULL));
}

static void
test_tls_ca_der(void **state)
{
	unsigned char *der = NULL, *keep, md[32];
	const unsigned char *p;
	char fp[TLS_FINGERPRINT_LEN], hex[3];
	size_t len = 0, i;
	X509 *x;

	(void)state;
	assert_int_equal(tls_cert_der(ca_cert, &der, &len), 0);
	p = der;
	x = d2i_X509(NULL, &p, (long)len);
	assert_non_null(x);
	assert_int_equal(p - der, (long)len);
	assert_int_equal(X509_check_ca(x), 1);
	keep = der;
	/* The fingerprint printed at init and serve is that of these bytes. */
	assert_int_equal(hash_sha256(der, len, md), 0);
	assert_int_equal(tls_cert_fingerprint(ca_cert, fp, sizeof fp), 0);
	for (i = 0; i < 32; i++) {
		snprintf(hex, sizeof hex, "%02X", md[i]);
		assert_memory_equal(fp + 3 * i, hex, 2);
	}
	/* Never a key. */
	assert_int_equal(tls_cert_der(ca_key, &der, &len), CRYPTO_ERR_KEY);
	assert_null(der);
	X509_free(x);
	free(keep);
}

/* ----------------------------------------------------------------- tokens */

static void
test_token_format(void **state)
{
	char a[TOKEN_LEN], b[TOKEN_LEN];

	(void)state;
	assert_int_equal(token_new(a), 0);
	assert_int_equal(token_new(b), 0);
	assert_int_equal(strlen(a), 64);
	assert_int_equal(strspn(a, "0123456789abcdef"), 64);
	assert_int_equal(token_check(a), 0);
	assert_string_not_equal(a, b);
}

static void
test_token_hash(void **state)
{
	char tok[TOKEN_LEN], h1[HASH_HEX_LEN], h2[HASH_HEX_LEN], want[HASH_HEX_LEN];

	(void)state;
	token_hash("test", h1);
	assert_string_equal(h1, TEST_HEX);
	assert_int_equal(token_new(tok), 0);
	token_hash(tok, h1);
	token_hash(tok, h2);
	assert_string_equal(h1, h2);
	assert_int_equal(hash_sha256_hex(tok, strlen(tok), want), 0);
	assert_string_equal(h1, want);
	assert_string_not_equal(h1, tok);
	token_hash(NULL, h1);
	assert_string_equal(h1, EMPTY_HEX);
}

struct token_case {
	const char *name;
	const char *token;
	int rc;
};

static const struct token_case token_cases[] = {
	{ "token: well formed", TEST_HEX, 0 },
	{ "token: uppercase refused",
	  "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", CRYPTO_ERR_PARSE },
	{ "token: 63 digits refused",
	  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0", CRYPTO_ERR_PARSE },
	{ "token: 65 digits refused", TEST_HEX "0", CRYPTO_ERR_PARSE },
	{ "token: non-hex refused",
	  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0z", CRYPTO_ERR_PARSE },
	{ "token: empty refused", "", CRYPTO_ERR_PARSE },
	{ "token: NULL refused", NULL, CRYPTO_ERR_ARG },
};

static void
test_token_check(void **state)
{
	const struct token_case *c = *state;

	assert_int_equal(token_check(c->token), c->rc);
}

static void
test_random(void **state)
{
	unsigned char a[32], b[32];

	(void)state;
	assert_int_equal(crypto_random(NULL, 0), 0);
	assert_int_equal(crypto_random(NULL, 1), CRYPTO_ERR_ARG);
	assert_int_equal(crypto_random(a, sizeof a), 0);
	assert_int_equal(crypto_random(b, sizeof b), 0);
	assert_memory_not_equal(a, b, sizeof a);
	crypto_free_secret(NULL);
}

/* ------------------------------------------------------------ audit chain */

static void
test_audit_link_definition(void **state)
{
	static const char record[] = "2024-03-20T21:14:03Z typist1 finalise SB3 entry 1";
	unsigned char buf[64 + 1 + sizeof record], d[32];
	char got[HASH_HEX_LEN], want[HASH_HEX_LEN];

	(void)state;
	assert_int_equal(strlen(AUDIT_GENESIS), 64);
	assert_int_equal(strspn(AUDIT_GENESIS, "0"), 64);
	memcpy(buf, AUDIT_GENESIS, 64);
	buf[64] = '\0';
	memcpy(buf + 65, record, sizeof record - 1);
	assert_int_equal(hash_sha256(buf, sizeof buf - 1, d), 0);
	assert_int_equal(crypto_hex(d, 32, want, sizeof want), 0);
	audit_chain_hash(AUDIT_GENESIS, record, got);
	assert_string_equal(got, want);
	/* The NUL separates: moving a character across the border changes it. */
	audit_chain_hash(AUDIT_GENESIS, "ab", want);
	audit_chain_hash(AUDIT_GENESIS "a", "b", got);
	assert_string_not_equal(got, want);
}

#define CHAIN_N 6

static const char *const chain_records[CHAIN_N] = {
	"1 admin init GR2026_Juinen",
	"2 admin import eml110a fae212ff...",
	"3 typist1 claim SB1 entry 1",
	"4 typist1 finalise SB1 entry 1",
	"5 typist2 claim SB1 entry 2",
	"6 typist2 finalise SB1 entry 2",
};
static char chain_hashes[CHAIN_N][HASH_HEX_LEN];

static int
audit_setup(void **state)
{
	const char *prev = AUDIT_GENESIS;
	size_t i;

	(void)state;
	for (i = 0; i < CHAIN_N; i++) {
		audit_chain_hash(prev, chain_records[i], chain_hashes[i]);
		prev = chain_hashes[i];
	}
	return 0;
}

enum chain_edit {
	EDIT_NONE,
	EDIT_RECORD,       /* record at `at` altered */
	EDIT_HASH,         /* stored hash at `at` altered */
	EDIT_REHASH,       /* record at `at` altered and its hash recomputed */
	EDIT_REMOVE,       /* record and hash at `at` removed */
	EDIT_INSERT,       /* a forged record inserted before `at` */
	EDIT_SWAP,         /* records and hashes at `at` and `at`+1 swapped */
	EDIT_UPPERCASE,    /* stored hash at `at` in uppercase */
	EDIT_NULL,         /* record at `at` missing (NULL) */
	EDIT_TRUNCATE,     /* everything from `at` on removed */
};

struct chain_case {
	const char *name;
	enum chain_edit edit;
	size_t at;
	long want;
};

static const struct chain_case chain_cases[] = {
	{ "audit: intact chain verifies", EDIT_NONE, 0, -1 },
	{ "audit: altered record detected at its index", EDIT_RECORD, 2, 2 },
	{ "audit: altered first record detected", EDIT_RECORD, 0, 0 },
	{ "audit: altered last record detected", EDIT_RECORD, CHAIN_N - 1, CHAIN_N - 1 },
	{ "audit: altered stored hash detected", EDIT_HASH, 3, 3 },
	{ "audit: altered record rehashed breaks the next link", EDIT_REHASH, 2, 3 },
	{ "audit: removed record detected", EDIT_REMOVE, 2, 2 },
	{ "audit: removed first record detected", EDIT_REMOVE, 0, 0 },
	{ "audit: inserted record breaks the link after it", EDIT_INSERT, 4, 5 },
	{ "audit: swapped records detected", EDIT_SWAP, 1, 1 },
	{ "audit: uppercase stored hash is not the hash", EDIT_UPPERCASE, 1, 1 },
	{ "audit: missing record detected", EDIT_NULL, 5, 5 },
	{ "audit: cut-off tail needs an outside anchor", EDIT_TRUNCATE, 4, -1 },
	{ "audit: empty chain verifies", EDIT_TRUNCATE, 0, -1 },
};

static void
test_audit_chain(void **state)
{
	const struct chain_case *c = *state;
	const char *records[CHAIN_N + 1], *hashes[CHAIN_N + 1];
	char altered[HASH_HEX_LEN], forged[HASH_HEX_LEN];
	size_t n = CHAIN_N, i;
	const char *tmp;

	for (i = 0; i < CHAIN_N; i++) {
		records[i] = chain_records[i];
		hashes[i] = chain_hashes[i];
	}
	switch (c->edit) {
	case EDIT_NONE:
		break;
	case EDIT_RECORD:
		records[c->at] = "3 typist1 claim SB2 entry 1";
		break;
	case EDIT_HASH:
		memcpy(altered, hashes[c->at], HASH_HEX_LEN);
		altered[0] = altered[0] == '0' ? '1' : '0';
		hashes[c->at] = altered;
		break;
	case EDIT_REHASH:
		records[c->at] = "3 typist1 claim SB2 entry 1";
		audit_chain_hash(hashes[c->at - 1], records[c->at], altered);
		hashes[c->at] = altered;
		break;
	case EDIT_REMOVE:
		for (i = c->at; i + 1 < n; i++) {
			records[i] = records[i + 1];
			hashes[i] = hashes[i + 1];
		}
		n--;
		break;
	case EDIT_INSERT:
		for (i = n; i > c->at; i--) {
			records[i] = records[i - 1];
			hashes[i] = hashes[i - 1];
		}
		records[c->at] = "forged";
		audit_chain_hash(hashes[c->at - 1], "forged", forged);
		hashes[c->at] = forged;
		n++;
		break;
	case EDIT_SWAP:
		tmp = records[c->at];
		records[c->at] = records[c->at + 1];
		records[c->at + 1] = tmp;
		tmp = hashes[c->at];
		hashes[c->at] = hashes[c->at + 1];
		hashes[c->at + 1] = tmp;
		break;
	case EDIT_UPPERCASE:
		for (i = 0; i < HASH_HEX_LEN; i++)
			altered[i] = (char)toupper((unsigned char)hashes[c->at][i]);
		hashes[c->at] = altered;
		break;
	case EDIT_NULL:
		records[c->at] = NULL;
		break;
	case EDIT_TRUNCATE:
		n = c->at;
		break;
	}
	assert_int_equal(audit_chain_verify(NULL, records, hashes, n), c->want);
}

static void
test_audit_chain_continues_from_anchor(void **state)
{
	(void)state;
	/* Records 3.. checked on their own, from the hash of record 2. */
	assert_int_equal(audit_chain_verify(chain_hashes[2], chain_records + 3,
	    (const char *const[]){ chain_hashes[3], chain_hashes[4],
	    chain_hashes[5] }, 3), -1);
	assert_int_equal(audit_chain_verify(chain_hashes[1], chain_records + 3,
	    (const char *const[]){ chain_hashes[3], chain_hashes[4],
	    chain_hashes[5] }, 3), 0);
	assert_int_equal(audit_chain_verify(NULL, NULL, NULL, 0), -1);
	assert_int_equal(audit_chain_verify(NULL, NULL, NULL, 3), 0);
}

/* ------------------------------------------------------------------- main */

#define GROUP_MAX 160

struct group {
	const char *name;
	struct CMUnitTest t[GROUP_MAX];
	size_t n;
};

static void
add(struct group *g, const char *name, CMUnitTestFunction fn, const void *st)
{
	if (g->n >= GROUP_MAX) {
		fprintf(stderr, "group %s: raise GROUP_MAX\n", g->name);
		exit(2);
	}
	g->t[g->n].name = name;
	g->t[g->n].test_func = fn;
	g->t[g->n].setup_func = NULL;
	g->t[g->n].teardown_func = NULL;
	g->t[g->n].initial_state = (void *)(uintptr_t)st;   /* rows are read-only */
	g->n++;
}

#define ADD(g, fn) add(g, #fn, fn, NULL)
#define ADD_ROWS(g, fn, rows) do { \
	size_t i_; \
	for (i_ = 0; i_ < NELEM(rows); i_++) \
		add(g, (rows)[i_].name, fn, &(rows)[i_]); \
} while (0)

/* Best effort: a failed test may leave its files behind for a look. */
static void
cleanup_tmpdir(void)
{
	if (tmpdir[0] != '\0')
		(void)rmdir(tmpdir);
}

int
main(void)
{
	static struct group hash = { .name = "hash" },
	    pw = { .name = "passwords" }, keys = { .name = "ed25519 and tls" },
	    ca = { .name = "tls ca" }, tok = { .name = "tokens" },
	    audit = { .name = "audit chain" };
	int failed = 0;

	if (hash_code_parse(TEST_HEX, test_digest) != 0)
		return 1;

	ADD_ROWS(&hash, test_sha256_vector, sha_cases);
	ADD(&hash, test_sha256_null_arguments);
	ADD(&hash, test_hex_buffer_too_small);
	ADD(&hash, test_sha256_file_equals_memory);
	ADD(&hash, test_sha256_file_empty);
	ADD(&hash, test_sha256_file_missing);
	ADD(&hash, test_sha256_file_is_a_directory);
	ADD_ROWS(&hash, test_file_hash_code, file_cases);
	ADD(&hash, test_hash_code_format_vector);
	ADD_ROWS(&hash, test_hash_code_parse, parse_cases);
	ADD(&hash, test_hidden_groups_in_range);
	ADD(&hash, test_hidden_groups_deterministic);
	ADD(&hash, test_format_hidden_shows_two_blanks);
	ADD(&hash, test_format_hidden_bad_groups_hide_all);
	ADD_ROWS(&hash, test_check_groups, groups_cases);
	ADD(&hash, test_check_groups_every_hidden_pair);
	ADD(&hash, test_strerror_covers_every_code);

	ADD(&pw, test_pw_verify_good);
	ADD(&pw, test_pw_verify_wrong);
	ADD(&pw, test_pw_verify_empty_string);
	ADD(&pw, test_pw_encoding_format);
	ADD(&pw, test_pw_libargon2_interop);
	ADD(&pw, test_pw_same_password_differs);
	ADD(&pw, test_pw_hash_buffer_too_small);
	ADD(&pw, test_pw_null_and_oversized);
	ADD_ROWS(&pw, test_pw_misuse, pw_cases);
	ADD_ROWS(&pw, test_pw_needs_upgrade, upgrade_cases);
	ADD(&pw, test_pw_needs_upgrade_null);
	ADD(&pw, test_pw_dummy_costs_as_much);
	ADD(&pw, test_pw_threads);

	ADD(&keys, test_sign_pem_kinds);
	ADD(&keys, test_sign_verify_roundtrip);
	ADD_ROWS(&keys, test_sign_flipped, flip_cases);
	ADD(&keys, test_sign_wrong_key_fails);
	ADD(&keys, test_sign_truncated_data_fails);
	ADD_ROWS(&keys, test_sign_bad_key, badkey_cases);
	ADD(&keys, test_sign_public_from_private);
	ADD(&keys, test_sign_fingerprint);
	ADD(&keys, test_sign_openssl_cli_interop);
	ADD(&keys, test_tls_cert_parses);
	ADD(&keys, test_tls_key_is_p256);
	ADD(&keys, test_tls_cert_matches_key);
	ADD(&keys, test_tls_extensions);
	ADD(&keys, test_tls_validity);
	ADD(&keys, test_tls_serial);
	ADD(&keys, test_tls_fingerprint_format);
	ADD(&keys, test_tls_fingerprint_misuse);
	ADD_ROWS(&keys, test_tls_bad_common_name, bad_cn_cases);

	ADD(&ca, test_tls_ca_is_a_ca);
	ADD(&ca, test_tls_leaf_verifies_against_ca);
	ADD_ROWS(&ca, test_tls_leaf_names, san_cases);
	ADD(&ca, test_tls_leaf_current_for_same_names);
	ADD(&ca, test_tls_leaf_anew_for_new_addresses);
	ADD(&ca, test_tls_leaf_of_another_ca_is_replaced);
	ADD_ROWS(&ca, test_tls_issue_bad_name, bad_name_cases);
	ADD(&ca, test_tls_issue_misuse);
	ADD(&ca, test_tls_ca_der);

	ADD(&tok, test_token_format);
	ADD(&tok, test_token_hash);
	ADD_ROWS(&tok, test_token_check, token_cases);
	ADD(&tok, test_random);

	ADD(&audit, test_audit_link_definition);
	ADD_ROWS(&audit, test_audit_chain, chain_cases);
	ADD(&audit, test_audit_chain_continues_from_anchor);

	failed += _cmocka_run_group_tests(hash.name, hash.t, hash.n, NULL, NULL);
	failed += _cmocka_run_group_tests(pw.name, pw.t, pw.n, pw_setup, NULL);
	failed += _cmocka_run_group_tests(keys.name, keys.t, keys.n,
	    keys_setup, keys_teardown);
	failed += _cmocka_run_group_tests(ca.name, ca.t, ca.n, ca_setup, ca_teardown);
	failed += _cmocka_run_group_tests(tok.name, tok.t, tok.n, NULL, NULL);
	failed += _cmocka_run_group_tests(audit.name, audit.t, audit.n,
	    audit_setup, NULL);
	cleanup_tmpdir();
	return failed != 0;
}
