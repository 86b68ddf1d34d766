#ifndef EXPORT_SHEETS_H
#define EXPORT_SHEETS_H
#include <stddef.h>

struct sheet_account {
	const char *name, *role, *password;
};

/*
 * Writes account sheets (one A4 page each, in Dutch) to a PDF at path:
 * name, role, one-time password and how to log in at url, after installing
 * the local CA's certificate from ca_url once and checking its SHA-256
 * ca_fingerprint (either NULL or "": that step is left out). 0 or -1.
 */
int sheets_write(const char *path, const char *election, const char *url, const char *ca_url,
                 const char *ca_fingerprint, const struct sheet_account *a, size_t n);

#endif
