/* The growing byte buffer (buf.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* The first allocation: a request body or a name fits; documents double from here. */
#define FIRST_CAP 4096

void buf_put(struct buf *b, const void *s, size_t n)
{
	size_t cap;
	char *q;

	if (b->failed)
		return;
	if (n > SIZE_MAX - b->len - 1) {
		b->failed = 1;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : FIRST_CAP;
		while (cap < b->len + n + 1) {
			if (cap > SIZE_MAX / 2) {
				b->failed = 1;
				return;
			}
			cap *= 2;
		}
		if ((q = realloc(b->p, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[256], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		buf_put(b, small, (size_t)n);
		return;
	}
	if ((big = malloc((size_t)n + 1)) == NULL) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_put(b, big, (size_t)n);
	free(big);
}

void buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->p);
	memset(b, 0, sizeof *b);
}

char *buf_take(struct buf *b, size_t *len)
{
	char *p = b->p;

	if (b->failed) {
		buf_free(b);
		p = NULL;
	}
	if (len != NULL)
		*len = p != NULL ? b->len : 0;
	memset(b, 0, sizeof *b);
	return p;
}
