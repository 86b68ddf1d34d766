#ifndef CRYPTO_INTERNAL_H
#define CRYPTO_INTERNAL_H
/* What keys.c and tls.c share; not for use outside crypto/. */
#include <openssl/bio.h>
#include <openssl/evp.h>

/* A pem_password_cb that refuses every passphrase, so that OpenSSL never
 * prompts on the terminal for an encrypted PEM. */
int crypto_no_passphrase(char *buf, int size, int rwflag, void *u);

/* Copies the contents of memory BIO b into a new NUL-terminated string from
 * malloc() in *out. Returns 0, CRYPTO_ERR_LIB (empty) or CRYPTO_ERR_NOMEM. */
int crypto_bio_string(BIO *b, char **out);

/* k's private key as unencrypted PKCS#8 PEM in *out, through a secure-memory
 * BIO so that OpenSSL's copy is wiped too. Free with crypto_free_secret().
 * Returns 0, CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB. */
int crypto_private_pem(EVP_PKEY *k, char **out);

#endif
