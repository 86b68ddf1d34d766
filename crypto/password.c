/*
 * Password hashes. New ones are Argon2id (libargon2; OpenSSL 3.0 has none) at
 * OWASP's minimum, in the PHC string "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>";
 * those made before are scrypt, "$scrypt$ln=15,r=8,p=1$<salt>$<key>", and still
 * verify until a login makes them again (pw_needs_upgrade). Both with unpadded
 * standard base64, so a stored hash says how it was made, and both read
 * strictly and within bounds: no string in the database can make one check
 * cost more than a few times today's.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "crypto/crypto.h"

#define ARGON2_PREFIX "$argon2id$"
#define ARGON2_V      19       /* ARGON2_VERSION_13, the only one accepted */
#define PREFIX        "$scrypt$"
#define LN_MIN        10
#define LN_MAX        20
#define R_MAX         32
#define P_MAX         16
#define PR_MAX        64       /* p*r: bounds one verification's time */
#define SALT_MAX      PW_SALT_LEN
#define KEY_MAX       PW_KEY_LEN
#define NUM_DIGITS    6        /* more digits than this is absurd for any field */

/*
 * A fixed hash of a random, forgotten password with today's parameters, for
 * pw_verify_dummy: an unknown name costs what a known one does.
 */
static const char dummy_hash[] =
    "$argon2id$v=19$m=19456,t=2,p=1$ghD7uc5uCpH9/q75ME6Xhw$"
    "j8SrXtWyQMQb7HHwhaWJt9DP5pbqCXOdOLjv9QAlXUA";

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Unpadded base64 of len bytes into out (outsize checked by the caller). */
static size_t
b64_encode(const unsigned char *in, size_t len, char *out)
{
	size_t i, o = 0;
	unsigned long v;

	for (i = 0; i + 3 <= len; i += 3) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 |
		    in[i + 2];
		out[o++] = b64chars[(v >> 18) & 63];
		out[o++] = b64chars[(v >> 12) & 63];
		out[o++] = b64chars[(v >> 6) & 63];
		out[o++] = b64chars[v & 63];
	}
	if (len - i == 1) {
		v = (unsigned long)in[i] << 16;
		out[o++] = b64chars[(v >> 18) & 63];
		out[o++] = b64chars[(v >> 12) & 63];
	} else if (len - i == 2) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8;
		out[o++] = b64chars[(v >> 18) & 63];
		out[o++] = b64chars[(v >> 12) & 63];
		out[o++] = b64chars[(v >> 6) & 63];
	}
	out[o] = '\0';
	return o;
}

static int
b64_value(int c)
{
	const char *p;

	if (c == '\0' || (p = strchr(b64chars, c)) == NULL)
		return -1;
	return (int)(p - b64chars);
}

/*
 * Strict unpadded base64 of the n characters at in, into at most max bytes
 * at out. Refuses a length no encoder makes and unused bits that are not
 * zero, so that every value has exactly one spelling.
 */
static int
b64_decode(const char *in, size_t n, unsigned char *out, size_t max,
    size_t *outlen)
{
	size_t i, o = 0;
	unsigned long acc = 0;
	int bits = 0, v;

	if (n % 4 == 1 || (n / 4) * 3 + (n % 4 ? n % 4 - 1 : 0) > max)
		return CRYPTO_ERR_PARSE;
	for (i = 0; i < n; i++) {
		if ((v = b64_value((unsigned char)in[i])) < 0)
			return CRYPTO_ERR_PARSE;
		acc = (acc << 6 | (unsigned long)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	if (bits > 0 && (acc & ((1UL << bits) - 1)) != 0)
		return CRYPTO_ERR_PARSE;
	*outlen = o;
	return CRYPTO_OK;
}

/*
 * Reads a decimal number at *pp: digits only, no sign, no leading zero.
 * A well-formed number that is too long to be sane gives CRYPTO_ERR_PARAMS.
 */
static int
parse_num(const char **pp, unsigned long *out)
{
	const char *p = *pp;
	unsigned long v = 0;
	size_t n = 0;

	while (p[n] >= '0' && p[n] <= '9') {
		if (n < NUM_DIGITS)
			v = v * 10 + (unsigned long)(p[n] - '0');
		n++;
	}
	if (n == 0 || (p[0] == '0' && n > 1))
		return CRYPTO_ERR_PARSE;
	*pp = p + n;
	if (n > NUM_DIGITS)
		return CRYPTO_ERR_PARAMS;
	*out = v;
	return CRYPTO_OK;
}

/* Consumes the literal lit at *pp. */
static int
expect(const char **pp, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*pp, lit, n) != 0)
		return CRYPTO_ERR_PARSE;
	*pp += n;
	return CRYPTO_OK;
}

struct params {
	int argon2;               /* 1: Argon2id (v, m, t, p); 0: scrypt (ln, r, p) */
	unsigned long v, m, t, ln, r, p;
	unsigned char salt[SALT_MAX];
	size_t saltlen;
	unsigned char key[KEY_MAX];
	size_t keylen;
};

static int
params_sane(const struct params *pp)
{
	uint64_t n, mem;

	if (pp->argon2) {
		/* libargon2 itself wants m >= 8 p; the rest bounds the cost. */
		if (pp->v != ARGON2_V)
			return CRYPTO_ERR_PARAMS;
		if (pp->p < 1 || pp->p > PW_ARGON2_P_MAX || pp->t < 1 ||
		    pp->t > PW_ARGON2_T_MAX || pp->m < 8 * pp->p ||
		    pp->m > PW_ARGON2_M_MAX || pp->m * pp->t > PW_ARGON2_MT_MAX)
			return CRYPTO_ERR_PARAMS;
		return CRYPTO_OK;
	}
	if (pp->ln < LN_MIN || pp->ln > LN_MAX || pp->r < 1 ||
	    pp->r > R_MAX || pp->p < 1 || pp->p > P_MAX ||
	    pp->r * pp->p > PR_MAX)
		return CRYPTO_ERR_PARAMS;
	/* What EVP_PBE_scrypt itself will ask for: 128 r (N + 2 + p). */
	n = (uint64_t)1 << pp->ln;
	mem = 128 * (uint64_t)pp->r * (n + 2 + pp->p);
	if (mem > PW_MAXMEM)
		return CRYPTO_ERR_PARAMS;
	return CRYPTO_OK;
}

/* "name=" and a number, for the parameter lists. */
static int
field(const char **pp, const char *name, unsigned long *out)
{
	int rc;

	if ((rc = expect(pp, name)) != CRYPTO_OK)
		return rc;
	return parse_num(pp, out);
}

static int
parse_encoded(const char *s, struct params *pp)
{
	const char *end;
	int rc;

	if (s == NULL)
		return CRYPTO_ERR_ARG;
	if (strncmp(s, ARGON2_PREFIX, strlen(ARGON2_PREFIX)) == 0) {
		/* Exactly as libargon2 writes it: v, then m, t, p in that order. */
		pp->argon2 = 1;
		s += strlen(ARGON2_PREFIX);
		if ((rc = field(&s, "v=", &pp->v)) != CRYPTO_OK ||
		    (rc = field(&s, "$m=", &pp->m)) != CRYPTO_OK ||
		    (rc = field(&s, ",t=", &pp->t)) != CRYPTO_OK ||
		    (rc = field(&s, ",p=", &pp->p)) != CRYPTO_OK)
			return rc;
	} else {
		pp->argon2 = 0;
		if ((rc = expect(&s, PREFIX)) != CRYPTO_OK ||
		    (rc = field(&s, "ln=", &pp->ln)) != CRYPTO_OK ||
		    (rc = field(&s, ",r=", &pp->r)) != CRYPTO_OK ||
		    (rc = field(&s, ",p=", &pp->p)) != CRYPTO_OK)
			return rc;
	}
	if ((rc = expect(&s, "$")) != CRYPTO_OK)
		return rc;
	if ((end = strchr(s, '$')) == NULL)
		return CRYPTO_ERR_PARSE;
	if ((rc = b64_decode(s, (size_t)(end - s), pp->salt, sizeof pp->salt,
	    &pp->saltlen)) != CRYPTO_OK)
		return rc;
	s = end + 1;
	if ((rc = b64_decode(s, strlen(s), pp->key, sizeof pp->key,
	    &pp->keylen)) != CRYPTO_OK)
		return rc;
	/* Exact lengths: a cut-off scrypt key would otherwise still match, since
	 * its shorter output is a prefix of its longer one. */
	if (pp->saltlen != PW_SALT_LEN || pp->keylen != PW_KEY_LEN)
		return CRYPTO_ERR_PARSE;
	return params_sane(pp);
}

static int
scrypt(const char *password, const struct params *pp, unsigned char *key,
    size_t keylen)
{
	if (EVP_PBE_scrypt(password, strlen(password), pp->salt, pp->saltlen,
	    (uint64_t)1 << pp->ln, pp->r, pp->p, PW_MAXMEM, key, keylen) != 1) {
		ERR_clear_error();
		return CRYPTO_ERR_LIB;
	}
	return CRYPTO_OK;
}

/*
 * Argon2id's memory (19 MiB today): one block per thread, kept from one call to
 * the next, so that a rush of hashes touches no new pages (a fresh block for
 * each call cost a third more, in page faults), and given back by
 * pw_release_memory or when the thread ends. libargon2 wipes it after each
 * call, before "freeing" it.
 */
struct argon2_mem {
	void *p;
	size_t n;
};

static _Thread_local struct argon2_mem mem;   /* this thread's block */
static pthread_key_t mem_key;                  /* only for its destructor */
static pthread_once_t mem_once = PTHREAD_ONCE_INIT;
static int mem_key_ok;

static void
mem_drop(void *v)
{
	struct argon2_mem *m = v;

	if (m->p != NULL)
		munmap(m->p, m->n);
	m->p = NULL;
	m->n = 0;
}

static void
mem_init(void)
{
	mem_key_ok = pthread_key_create(&mem_key, mem_drop) == 0;
}

static int
argon2_mem_get(uint8_t **memory, size_t bytes)
{
	void *p;

	if (mem.n < bytes) {
		mem_drop(&mem);
		p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
		if (p == MAP_FAILED)
			return ARGON2_MEMORY_ALLOCATION_ERROR;
		mem.p = p;
		mem.n = bytes;
		/* Unmapped when the thread ends, too. */
		pthread_once(&mem_once, mem_init);
		if (mem_key_ok)
			(void)pthread_setspecific(mem_key, &mem);
	}
	*memory = mem.p;
	return ARGON2_OK;
}

static void
argon2_mem_put(uint8_t *memory, size_t bytes)
{
	(void)memory;   /* wiped by libargon2; kept for this thread's next call */
	(void)bytes;
}

void
pw_release_memory(void)
{
	mem_drop(&mem);
}

static int
argon2id(const char *password, const struct params *pp, unsigned char *key,
    size_t keylen)
{
	argon2_context ctx;
	int rc;

	memset(&ctx, 0, sizeof ctx);
	ctx.out = key;
	ctx.outlen = (uint32_t)keylen;
	/* libargon2 does not write to these without ARGON2_FLAG_CLEAR_*. */
	ctx.pwd = (uint8_t *)(uintptr_t)password;
	ctx.pwdlen = (uint32_t)strlen(password);
	ctx.salt = (uint8_t *)(uintptr_t)pp->salt;
	ctx.saltlen = (uint32_t)pp->saltlen;
	ctx.t_cost = (uint32_t)pp->t;
	ctx.m_cost = (uint32_t)pp->m;
	ctx.lanes = (uint32_t)pp->p;
	ctx.threads = 1;            /* never threads of its own: the caller has a pool */
	ctx.version = ARGON2_VERSION_13;
	ctx.allocate_cbk = argon2_mem_get;
	ctx.free_cbk = argon2_mem_put;
	ctx.flags = ARGON2_DEFAULT_FLAGS;
	rc = argon2id_ctx(&ctx);
	if (rc == ARGON2_OK)
		return CRYPTO_OK;
	return rc == ARGON2_MEMORY_ALLOCATION_ERROR ? CRYPTO_ERR_NOMEM :
	    CRYPTO_ERR_LIB;
}

int
pw_hash(const char *password, char *out, size_t outsize)
{
	/* A new hash has today's parameters; pw_verify reads them from the text. */
	struct params pp = {
		.argon2 = 1, .v = ARGON2_V, .m = PW_ARGON2_M, .t = PW_ARGON2_T,
		.p = PW_ARGON2_P, .saltlen = PW_SALT_LEN, .keylen = PW_KEY_LEN,
	};
	char salt64[(SALT_MAX + 2) / 3 * 4 + 1], key64[(KEY_MAX + 2) / 3 * 4 + 1];
	int rc, n;

	if (password == NULL || out == NULL ||
	    strnlen(password, PW_INPUT_MAX + 1) > PW_INPUT_MAX)
		return CRYPTO_ERR_ARG;
	if ((rc = crypto_random(pp.salt, pp.saltlen)) != CRYPTO_OK)
		goto out;
	if ((rc = argon2id(password, &pp, pp.key, pp.keylen)) != CRYPTO_OK)
		goto out;
	b64_encode(pp.salt, pp.saltlen, salt64);
	b64_encode(pp.key, pp.keylen, key64);
	n = snprintf(out, outsize, ARGON2_PREFIX "v=%lu$m=%lu,t=%lu,p=%lu$%s$%s",
	    pp.v, pp.m, pp.t, pp.p, salt64, key64);
	if (n < 0 || (size_t)n >= outsize) {
		OPENSSL_cleanse(out, outsize);
		rc = CRYPTO_ERR_SPACE;
		goto out;
	}
	rc = CRYPTO_OK;
out:
	OPENSSL_cleanse(&pp, sizeof pp);
	OPENSSL_cleanse(key64, sizeof key64);
	return rc;
}

int
pw_verify(const char *password, const char *encoded)
{
	struct params pp;
	unsigned char key[KEY_MAX];
	int rc;

	if (password == NULL || encoded == NULL ||
	    strnlen(password, PW_INPUT_MAX + 1) > PW_INPUT_MAX)
		return CRYPTO_ERR_ARG;
	memset(&pp, 0, sizeof pp);
	if ((rc = parse_encoded(encoded, &pp)) != CRYPTO_OK)
		goto out;
	rc = pp.argon2 ? argon2id(password, &pp, key, pp.keylen) :
	    scrypt(password, &pp, key, pp.keylen);
	if (rc != CRYPTO_OK)
		goto out;
	rc = CRYPTO_memcmp(key, pp.key, pp.keylen) == 0 ?
	    CRYPTO_OK : CRYPTO_ERR_MISMATCH;
out:
	OPENSSL_cleanse(&pp, sizeof pp);
	OPENSSL_cleanse(key, sizeof key);
	return rc;
}

int
pw_needs_upgrade(const char *encoded)
{
	struct params pp;
	int today;

	memset(&pp, 0, sizeof pp);
	today = parse_encoded(encoded, &pp) == CRYPTO_OK && pp.argon2 &&
	    pp.m == PW_ARGON2_M && pp.t == PW_ARGON2_T && pp.p == PW_ARGON2_P;
	OPENSSL_cleanse(&pp, sizeof pp);
	return !today;
}

void
pw_verify_dummy(const char *password)
{
	(void)pw_verify(password != NULL ? password : "", dummy_hash);
}

int
pw_generate(char *out, size_t outsize)
{
	/* 32 symbols: a random byte maps without bias (256 = 8 * 32). */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789A";
	unsigned char r[16];
	size_t i, o = 0;

	if (out == NULL || outsize < PW_GENERATED_LEN)
		return CRYPTO_ERR_SPACE;
	if (crypto_random(r, sizeof r) != CRYPTO_OK)
		return CRYPTO_ERR_RANDOM;
	for (i = 0; i < sizeof r; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[r[i] % 32];
	}
	out[o] = '\0';
	OPENSSL_cleanse(r, sizeof r);
	return CRYPTO_OK;
}
