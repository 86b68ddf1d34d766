#ifndef BASE_BUF_H
#define BASE_BUF_H
/*
 * The growing byte buffer of every room (the documents export/ writes, the
 * chart, a request's body). Start with struct buf b = {0}. Appends never fail
 * loudly: a failed allocation or a size that would overflow sets failed, later
 * appends do nothing, and the writer checks failed once at the end. After the
 * first append p is malloc'd and NUL-terminated (len bytes, the NUL not
 * counted); whoever made the buffer frees it with buf_free or takes p with
 * buf_take.
 */
#include <stddef.h>

struct buf {
	char *p;
	size_t len, cap;
	int failed;
};

/* Appends n bytes of s (s may be NULL when n is 0). */
void buf_put(struct buf *b, const void *s, size_t n);
/* Appends the string s. */
void buf_puts(struct buf *b, const char *s);
/* Appends one byte. */
void buf_putc(struct buf *b, char c);
/* Appends printf's text of fmt, of any length. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees p and leaves b empty, as {0}; b may be NULL. */
void buf_free(struct buf *b);
/*
 * Hands p over: returns it (the caller frees; never NULL for a buffer that
 * has had an append) with *len (len may be NULL), and leaves b empty. When
 * b failed, frees p and returns NULL.
 */
char *buf_take(struct buf *b, size_t *len);

#endif
