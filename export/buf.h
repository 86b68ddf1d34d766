#ifndef EXPORT_BUF_H
#define EXPORT_BUF_H
/*
 * A growing text buffer for the documents export/ writes (EML, CSV, SVG):
 * appends never fail loudly; a failed allocation or an overflow sets failed,
 * and the writer checks it once at the end. p is malloc'd and NUL-terminated;
 * whoever made the buffer frees p (or hands it on).
 */
#include <stddef.h>

struct ebuf {
	char *p;
	size_t len, cap;
	int failed;
};

void ebuf_put(struct ebuf *b, const char *s, size_t n);
void ebuf_puts(struct ebuf *b, const char *s);
void ebuf_printf(struct ebuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
