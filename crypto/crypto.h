#ifndef CRYPTO_CRYPTO_H
#define CRYPTO_CRYPTO_H
/*
 * Teller's cryptography, on OpenSSL's libcrypto (and libargon2 for
 * passwords): SHA-256 and the grouped hash code (domain.md §6), Argon2id
 * password hashes (older scrypt ones still read), random session tokens,
 * Ed25519 file signatures (api.md: the .sig format), the TLS certificates
 * (a local CA and the server certificate it signs) and the hash-chained
 * audit log.
 *
 * Every function that can fail returns 0 on success or a negative
 * enum crypto_err; crypto_strerror() names it. Nothing here prints. On
 * failure an output buffer is left unspecified unless the comment says
 * otherwise, and OpenSSL's error queue is cleared so that its leftovers do
 * not confuse the next caller of OpenSSL.
 *
 * Strings holding secrets (private keys) are freed with crypto_free_secret(),
 * which wipes them first; other returned strings with free().
 */
#include <stddef.h>

enum crypto_err {
	CRYPTO_OK          =   0,
	CRYPTO_ERR_ARG     =  -1,  /* NULL pointer or argument out of range */
	CRYPTO_ERR_NOMEM   =  -2,  /* out of memory */
	CRYPTO_ERR_IO      =  -3,  /* a file could not be opened or read */
	CRYPTO_ERR_LIB     =  -4,  /* OpenSSL failed where it should not */
	CRYPTO_ERR_RANDOM  =  -5,  /* the random generator failed */
	CRYPTO_ERR_PARSE   =  -6,  /* malformed hash code, typed group, encoding */
	CRYPTO_ERR_MISMATCH = -7,  /* well formed but not equal (groups, password) */
	CRYPTO_ERR_PARAMS  =  -8,  /* password hash parameters out of range */
	CRYPTO_ERR_KEY     =  -9,  /* PEM unreadable or not the expected kind */
	CRYPTO_ERR_BADSIG  = -10,  /* signature does not verify */
	CRYPTO_ERR_SPACE   = -11,  /* output buffer too small */
	CRYPTO_ERR__MAX    = -12   /* sentinel: -CRYPTO_ERR__MAX sizes tables */
};

/* A static English message for a value of enum crypto_err (0 included);
 * "unknown error" for anything else. Never NULL. */
const char *crypto_strerror(int err);

/* Fills buf with len bytes from OpenSSL's CSPRNG. len 0 is allowed.
 * Returns 0, CRYPTO_ERR_ARG (buf NULL, len > 0) or CRYPTO_ERR_RANDOM. */
int crypto_random(void *buf, size_t len);

/* Wipes the NUL-terminated string s with OPENSSL_cleanse and free()s it.
 * For the private-key PEMs this module returns. NULL is a no-op. */
void crypto_free_secret(char *s);

/* Writes len bytes as 2*len lowercase hex digits and a NUL to out, which
 * must hold outsize >= 2*len+1 bytes. Returns 0, CRYPTO_ERR_ARG or
 * CRYPTO_ERR_SPACE. */
int crypto_hex(const void *data, size_t len, char *out, size_t outsize);

/* Wipes size bytes at p (OPENSSL_cleanse); for passwords on the stack. */
void crypto_cleanse(void *p, size_t size);

/* Compares size bytes in constant time; 1 when equal, 0 when not. */
int crypto_equal(const void *a, const void *b, size_t size);

/* ---- SHA-256 and the hash code (domain.md §6) ---- */

#define HASH_SHA256_LEN  32
#define HASH_HEX_LEN     65   /* 64 hex digits + NUL */
#define HASH_CODE_LEN    80   /* "9f86 d081 ... 0a08": 16x4 digits, 15 spaces, NUL */
#define HASH_CODE_GROUPS 16
#define HASH_CODE_HIDDEN "____"

/* SHA-256 of len bytes at data (data may be NULL when len is 0) into out.
 * Returns 0, CRYPTO_ERR_ARG or CRYPTO_ERR_LIB. */
int hash_sha256(const void *data, size_t len, unsigned char out[32]);

/* Like hash_sha256, as 64 lowercase hex digits and a NUL in out. */
int hash_sha256_hex(const void *data, size_t len, char out[HASH_HEX_LEN]);

/* SHA-256 over the exact bytes of the file at path, read in blocks (no size
 * limit, nothing kept in memory). Returns 0, CRYPTO_ERR_ARG, CRYPTO_ERR_IO
 * (cannot open or read) or CRYPTO_ERR_LIB. */
int hash_sha256_file(const char *path, unsigned char out[32]);

/* The hash code of d: 16 groups of 4 lowercase hex digits separated by one
 * space, NUL-terminated (79 characters). Cannot fail. */
void hash_code_format(const unsigned char d[32], char out[HASH_CODE_LEN]);

/* Reads a hash code as people and the Kiesraad write it: exactly 64 hex
 * digits in any case, with any spaces, tabs, CR or LF anywhere. Returns 0 and
 * fills out, CRYPTO_ERR_ARG (NULL) or CRYPTO_ERR_PARSE (any other character,
 * or not exactly 64 digits); out is untouched on failure. */
int hash_code_parse(const char *text, unsigned char out[32]);

/* The two groups (1-based) the importer leaves out for the user to type:
 * *g1 = 1 + d[30] % 8 (groups 1-8) and *g2 = 10 + d[31] % 7 (groups 10-16).
 * Taken from the digest itself, so one file always hides the same two
 * groups; group 9 is never hidden. (d[31] % 7 is slightly uneven; that
 * does not matter for picking which groups to ask.) */
void hash_code_hidden(const unsigned char d[32], int *g1, int *g2);

/* Like hash_code_format, with groups g1 and g2 (1-based) shown as "____".
 * Out-of-range or equal group numbers are a programmer error; rather than
 * reveal the groups the user is to type, every group is then hidden. */
void hash_code_format_hidden(const unsigned char d[32], int g1, int g2,
    char out[HASH_CODE_LEN]);

/* Whether typed1 and typed2 are groups g1 and g2 (1-based, 1..16, distinct)
 * of d's hash code. Each typed group is 4 hex digits in any case; spaces,
 * tabs, CR and LF around it are ignored. The digits are compared in constant
 * time. Returns 0 on a match, CRYPTO_ERR_MISMATCH, CRYPTO_ERR_PARSE (a typed
 * group is not 4 hex digits) or CRYPTO_ERR_ARG (NULL, bad group numbers). */
int hash_code_check_groups(const unsigned char d[32], int g1, int g2,
    const char *typed1, const char *typed2);

/* ---- Passwords: Argon2id (scrypt still read) ---- */

/* New hashes: Argon2id (libargon2) at OWASP's minimum (Password Storage Cheat
 * Sheet: 19 MiB, 2 passes, 1 lane) in the PHC string
 * "$argon2id$v=19$m=19456,t=2,p=1$" + base64 of a 16-byte salt + "$" + base64
 * of the 32-byte key: standard alphabet, no padding, 97 characters in all.
 * Hashes made before, "$scrypt$ln=15,r=8,p=1$<salt>$<key>", still verify; a
 * login upgrades them (pw_needs_upgrade). */
#define PW_HASH_LEN      128
#define PW_ARGON2_M      19456       /* KiB: 19 MiB */
#define PW_ARGON2_T      2
#define PW_ARGON2_P      1
#define PW_SCRYPT_LN     15          /* N = 2^15: what older hashes have */
#define PW_SCRYPT_R      8
#define PW_SCRYPT_P      1
#define PW_SALT_LEN      16
#define PW_KEY_LEN       32
#define PW_INPUT_MAX     4096        /* longest password accepted, in bytes */
#define PW_MAXMEM        (256UL * 1024 * 1024) /* scrypt memory cap */
#define PW_ARGON2_M_MAX  65536       /* KiB: the most a stored Argon2id hash may ask */
#define PW_ARGON2_T_MAX  16
#define PW_ARGON2_P_MAX  8
#define PW_ARGON2_MT_MAX (4UL * 65536) /* m*t: bounds one verification's time (~7x today's) */

/* Hashes password (NUL-terminated, at most PW_INPUT_MAX bytes; policy such
 * as a minimum length is the caller's) with Argon2id m=PW_ARGON2_M,
 * t=PW_ARGON2_T, p=PW_ARGON2_P and a fresh random salt; writes the PHC string
 * into out (outsize >= PW_HASH_LEN is always enough). Takes about 35 ms and
 * 19 MiB, wiped after and kept by the thread for its next hash until
 * pw_release_memory (or the thread's end). Thread-safe: the server runs several
 * at once (entry/hashpool.c). Returns 0, CRYPTO_ERR_ARG,
 * CRYPTO_ERR_SPACE, CRYPTO_ERR_RANDOM, CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB. */
int pw_hash(const char *password, char *out, size_t outsize);

#define PW_GENERATED_LEN 20   /* "xxxx-xxxx-xxxx-xxxx" + NUL */
/* A new random password of 16 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), in groups of 4: about 80 bits. For one-time passwords.
 * out must hold PW_GENERATED_LEN bytes. Returns 0, CRYPTO_ERR_SPACE or
 * CRYPTO_ERR_RANDOM. */
int pw_generate(char *out, size_t outsize);

/* Checks password against a stored string: Argon2id ("$argon2id$v=19$m=,t=,
 * p=$salt$key": version 19 only, m 8p..PW_ARGON2_M_MAX KiB, t
 * 1..PW_ARGON2_T_MAX, p 1..PW_ARGON2_P_MAX, m*t <= PW_ARGON2_MT_MAX, computed
 * in this thread whatever p says) or scrypt ("$scrypt$ln=,r=,p=$salt$key": ln
 * 10..20, r 1..32, p 1..16 with p*r <= 64 and at most PW_MAXMEM of memory).
 * Either way salt and key must be PW_SALT_LEN and PW_KEY_LEN bytes in
 * unpadded standard base64, numbers plain digits; the key is compared in
 * constant time. So no stored string can make one check absurdly expensive.
 * Returns 0 on a match, CRYPTO_ERR_MISMATCH, CRYPTO_ERR_PARSE (not one of
 * these formats), CRYPTO_ERR_PARAMS (parameters out of bounds),
 * CRYPTO_ERR_ARG, CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB. */
int pw_verify(const char *password, const char *encoded);

/* Whether a stored hash should be made again once its password is known (at a
 * successful login): 1 for scrypt and for Argon2id with other parameters than
 * today's, 0 for today's Argon2id. Also 1 for NULL or an unreadable string
 * (which never verifies, so nothing is ever upgraded from it). */
int pw_needs_upgrade(const char *encoded);

/* Gives back the memory the calling thread keeps for its next Argon2id hash
 * (pw_hash, pw_verify); the next hash maps it again. */
void pw_release_memory(void);

/* Does the work of pw_verify against a fixed Argon2id hash with today's
 * parameters and throws the answer away: call it for an unknown user name
 * so that it costs as long as a known one. password may be NULL. */
void pw_verify_dummy(const char *password);

/* ---- Session tokens ---- */

#define TOKEN_BYTES 32
#define TOKEN_LEN   65   /* 64 lowercase hex digits + NUL */

/* A new session token: 256 random bits as 64 lowercase hex digits and a
 * NUL. Returns 0 or CRYPTO_ERR_RANDOM (out then holds ""). */
int token_new(char out[TOKEN_LEN]);

/* Whether token looks like one of token_new's (64 lowercase hex digits):
 * 0 if so, CRYPTO_ERR_PARSE or CRYPTO_ERR_ARG (NULL). Lets a server drop a
 * malformed cookie before it looks it up. */
int token_check(const char *token);

/* SHA-256 of the token's characters (strlen bytes) as 64 lowercase hex
 * digits and a NUL: what the database stores instead of the token. A NULL
 * token is hashed as "". Should SHA-256 fail (out of memory), out is "",
 * which matches no stored hash. */
void token_hash(const char *token, char out[HASH_HEX_LEN]);

/* ---- Ed25519 signatures (api.md: a .sig is the raw 64 bytes) ---- */

#define SIGN_SIG_LEN 64

/* A new Ed25519 key pair as PEM: *priv_pem unencrypted PKCS#8 ("BEGIN
 * PRIVATE KEY"), *pub_pem SubjectPublicKeyInfo ("BEGIN PUBLIC KEY").
 * The caller frees *priv_pem with crypto_free_secret() and *pub_pem with
 * free(). Returns 0, CRYPTO_ERR_ARG, CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB;
 * both pointers are NULL on failure. */
int sign_keygen(char **priv_pem, char **pub_pem);

/* Signs len bytes at data (pure Ed25519, no pre-hash) with the private key
 * PEM into sig. The same as `openssl pkeyutl -sign -rawin`. Returns 0,
 * CRYPTO_ERR_ARG, CRYPTO_ERR_KEY (unreadable PEM, encrypted PEM, not an
 * Ed25519 private key) or CRYPTO_ERR_LIB. */
int sign_data(const char *priv_pem, const void *data, size_t len,
    unsigned char sig[64]);

/* Checks sig over len bytes at data against the public key PEM. Returns 0
 * if it holds, CRYPTO_ERR_BADSIG, CRYPTO_ERR_KEY (unreadable PEM or not an
 * Ed25519 public key), CRYPTO_ERR_ARG or CRYPTO_ERR_LIB. */
int sign_verify(const char *pub_pem, const void *data, size_t len,
    const unsigned char sig[64]);

/* The public key PEM (SubjectPublicKeyInfo) of an Ed25519 private key PEM,
 * into *pub_pem, which the caller free()s. Returns 0, CRYPTO_ERR_ARG,
 * CRYPTO_ERR_KEY, CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB; *pub_pem NULL on
 * failure. */
int sign_public_from_private(const char *priv_pem, char **pub_pem);

/* The key's fingerprint for the PV: SHA-256 of the raw 32-byte Ed25519
 * public key, grouped like a hash code. Returns 0, CRYPTO_ERR_ARG,
 * CRYPTO_ERR_KEY or CRYPTO_ERR_LIB. */
int sign_fingerprint(const char *pub_pem, char out[HASH_CODE_LEN]);

/* ---- TLS certificate ---- */

#define TLS_CN_MAX           64   /* X.509 upper bound for a commonName */
#define TLS_FINGERPRINT_LEN  96   /* "AB:CD:..." 32 pairs, 31 colons, NUL */

/* A new ECDSA P-256 key and a self-signed X.509 v3 certificate for it:
 * subject = issuer = CN=common_name (1..64 bytes of UTF-8), SHA-256
 * signature, valid from now minus one day for three calendar years, random
 * positive 128-bit serial, subjectAltName DNS:localhost, DNS:teller,
 * IP:127.0.0.1, basicConstraints CA:FALSE, keyUsage digitalSignature,
 * extendedKeyUsage serverAuth, subjectKeyIdentifier. Both as PEM (the key
 * unencrypted PKCS#8). The caller frees *key_pem with crypto_free_secret()
 * and *cert_pem with free(). Returns 0, CRYPTO_ERR_ARG, CRYPTO_ERR_NOMEM,
 * CRYPTO_ERR_RANDOM or CRYPTO_ERR_LIB; both pointers NULL on failure. */
int tls_make_cert(const char *common_name, char **key_pem, char **cert_pem);

/* ---- The local CA and the server certificate it signs (tls.c) ---- */

#define TLS_NAMES_MAX 64   /* names in one server certificate */

/* A new ECDSA P-256 key and a self-signed CA certificate for it, for the
 * laptops to install once: subject = issuer = CN=common_name (1..64 bytes of
 * UTF-8), SHA-256, valid from now minus one day for ten calendar years,
 * basicConstraints critical CA:TRUE pathlen:0, keyUsage critical
 * keyCertSign and cRLSign, subjectKeyIdentifier. Outputs, ownership and
 * errors as tls_make_cert. */
int tls_make_ca(const char *common_name, char **key_pem, char **cert_pem);
/* A committee's document signer: an RSA key (X509_SIGNER_RSA_BITS) and its self-signed
 * certificate (ten years, CA:FALSE, digitalSignature + nonRepudiation) naming the committee
 * (CN) and the election (O), each 1 to TLS_CN_MAX bytes; PEM, as tls_make_ca. */
#define X509_SIGNER_RSA_BITS 4096
int x509_make_signer(const char *common_name, const char *org, char **key_pem, char **cert_pem);

/* ---- CMS: the Kiesraad's detached signature (NAME.signature) ---- */

/* Signs data: *der (malloc'd) a DER CMS SignedData, detached, SHA-256, RSA PKCS#1 v1.5,
 * the certificate embedded, no signed attributes. 0, CRYPTO_ERR_ARG (a key or certificate
 * that does not read), CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB. */
int cms_sign(const char *key_pem, const char *cert_pem, const void *data, size_t len,
    unsigned char **der, size_t *derlen);
/* Checks a detached CMS signature over data with the certificate it carries (its chain is
 * not checked: it is self-signed); subject (may be NULL) gets the signer's subject. 0 when
 * it holds, CRYPTO_ERR_MISMATCH when it does not, CRYPTO_ERR_ARG when der is no SignedData. */
int cms_verify(const unsigned char *der, size_t derlen, const void *data, size_t len,
    char *subject, size_t subjectsize);

/* 1 when tls_issue_cert takes name (an IP literal or a DNS name), else 0. */
int tls_name_valid(const char *name);

/* A new ECDSA P-256 key and a certificate for it signed by the CA (both PEM;
 * the CA key must belong to the CA certificate, else CRYPTO_ERR_KEY): CN=teller,
 * issuer the CA's subject, valid from now minus one day for 397 days,
 * basicConstraints CA:FALSE, keyUsage digitalSignature, extendedKeyUsage
 * serverAuth, subject and authority key identifiers, and a subjectAltName
 * for each of the n (1..TLS_NAMES_MAX) names: an IP address for an IPv4 or
 * IPv6 literal, else a DNS name (letters, digits, '-' and '.'; anything else
 * is CRYPTO_ERR_ARG). Frees and errors as tls_make_cert. */
int tls_issue_cert(const char *ca_key_pem, const char *ca_cert_pem,
    const char *const names[], size_t n, char **key_pem, char **cert_pem);

/* Whether cert_pem and key_pem can go on serving: 0 when the certificate
 * belongs to the key, is signed by the CA, is valid for 30 more days at
 * least and its subjectAltNames are exactly the n names (in any order; DNS
 * names in any case); CRYPTO_ERR_MISMATCH when they should be made anew
 * (also when cert_pem or key_pem is NULL or unreadable); CRYPTO_ERR_KEY when
 * the CA certificate is unreadable; CRYPTO_ERR_ARG for bad arguments or
 * names. */
int tls_cert_current(const char *ca_cert_pem, const char *cert_pem,
    const char *key_pem, const char *const names[], size_t n);

/* The certificate's DER encoding in *der (malloc'd, the caller frees) and
 * *len. Returns 0, CRYPTO_ERR_ARG, CRYPTO_ERR_KEY (not a PEM certificate),
 * CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB; *der NULL on failure. */
int tls_cert_der(const char *cert_pem, unsigned char **der, size_t *len);

/* SHA-256 over the certificate's DER as browsers show it: 32 uppercase hex
 * pairs separated by colons, NUL-terminated, into out (outsize >=
 * TLS_FINGERPRINT_LEN). Returns 0, CRYPTO_ERR_ARG, CRYPTO_ERR_SPACE,
 * CRYPTO_ERR_KEY (not a PEM certificate) or CRYPTO_ERR_LIB. */
int tls_cert_fingerprint(const char *cert_pem, char *out, size_t outsize);

/* ---- Audit chain ---- */

/* The prev_hex of the first record of a chain. */
#define AUDIT_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* One link: out = lowercase hex SHA-256 over the characters of prev_hex, one
 * NUL byte, and the characters of record (prev_hex is the previous record's
 * hash, AUDIT_GENESIS for the first). The NUL keeps the two parts from
 * running into each other. NULL strings are hashed as "". Should SHA-256
 * fail (out of memory), out is "", which matches no stored hash. */
void audit_chain_hash(const char *prev_hex, const char *record,
    char out[HASH_HEX_LEN]);

/* One link of the keyed chain the store keeps: out = lowercase hex
 * HMAC-SHA256 under key over the same bytes as audit_chain_hash, so a chain
 * cannot be recomputed after an edit without the key (kept beside the
 * database, never in it). key NULL or keylen 0: audit_chain_hash, the plain
 * chain of databases made before the key (read once, to upgrade them). */
void audit_chain_hmac(const unsigned char *key, size_t keylen, const char *prev_hex,
    const char *record, char out[HASH_HEX_LEN]);

/* Walks a chain of n records, records[i] stored with hashes[i], starting
 * from prev_hex (NULL: AUDIT_GENESIS; another value checks a chain that
 * continues from a known link). Link i holds when hashes[i] is exactly
 * audit_chain_hash(hashes[i-1] (or prev_hex for i = 0), records[i]).
 * Returns -1 when every link holds, else the index of the first broken
 * one: an altered record or stored hash shows at its own index, a removed
 * record at the index it left; a record inserted or altered with a hash
 * recomputed to fit shows at the next index, whose hash was chained to the
 * old one. A NULL array or element counts as broken there. Removing records
 * from the end breaks no link: compare the last hash with one kept
 * elsewhere to catch that. */
long audit_chain_verify(const char *prev_hex, const char *const records[],
    const char *const hashes[], size_t n);

#endif
