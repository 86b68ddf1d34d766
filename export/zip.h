#ifndef EXPORT_ZIP_H
#define EXPORT_ZIP_H
#include <stddef.h>

struct zip_entry {
	const char *name;
	const void *data;
	size_t len;
};

/*
 * A ZIP archive of the entries, stored without compression (the files are
 * small and any unzip reads it), dated dos_date/dos_time (DOS format) so the
 * same input gives the same bytes. Returns 0 with *out (malloc'd) and *len, or -1.
 */
int zip_write(const struct zip_entry *e, size_t n, unsigned dos_date, unsigned dos_time,
              char **out, size_t *len);

#endif
