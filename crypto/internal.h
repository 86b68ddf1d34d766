#ifndef CRYPTO_INTERNAL_H
#define CRYPTO_INTERNAL_H
/* What keys.c and tls.c share; not for use outside crypto/. */
#include <openssl/bio.h>
#include <openssl/evp.h>

/* What crypto_read_pem reads. */
enum crypto_pem { CRYPTO_PEM_PRIVATE, CRYPTO_PEM_PUBLIC, CRYPTO_PEM_CERT };
/* The first object of that kind in PEM text: an EVP_PKEY * (a private or a
 * public key) or an X509 * (a certificate), which the caller frees; NULL when
 * pem is NULL or holds none. An encrypted PEM is refused, never prompted for. */
void *crypto_read_pem(const char *pem, enum crypto_pem kind);

/* Copies the contents of memory BIO b into a new NUL-terminated string from
 * malloc() in *out. Returns 0, CRYPTO_ERR_LIB (empty) or CRYPTO_ERR_NOMEM. */
int crypto_bio_string(BIO *b, char **out);

/* k's private key as unencrypted PKCS#8 PEM in *out, through a secure-memory
 * BIO so that OpenSSL's copy is wiped too. Free with crypto_free_secret().
 * Returns 0, CRYPTO_ERR_NOMEM or CRYPTO_ERR_LIB. */
int crypto_private_pem(EVP_PKEY *k, char **out);

#endif
