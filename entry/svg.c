/*
 * The list totals as an SVG bar chart, drawn by the server (no script, no
 * external resources). Names are XML-escaped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry/internal.h"

struct buf {
	char *p;
	size_t len, cap;
	int failed;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = 1;
			return;
		}
		if ((size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t cap = b->cap * 2 + (size_t)n;
			char *q = realloc(b->p, cap);

			if (q == NULL) {
				b->failed = 1;
				return;
			}
			b->p = q;
			b->cap = cap;
		}
	}
}

static void put_escaped(struct buf *b, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] && i < max; i++) {
		switch (s[i]) {
		case '&': put(b, "&amp;"); break;
		case '<': put(b, "&lt;"); break;
		case '>': put(b, "&gt;"); break;
		case '"': put(b, "&quot;"); break;
		case '\'': put(b, "&#39;"); break;
		default: put(b, "%c", s[i]); break;
		}
	}
	if (s[i])
		put(b, "…");
}

char *svg_list_totals(const struct tally_list *lists, const struct tally_form *sum, size_t *len)
{
	struct buf b = {malloc(4096), 0, 4096, 0};
	const int bar_h = 22, gap = 8, left = 260, width = 860, top = 10;
	long max = 1;
	size_t i, n = sum->nlists;
	int h = top * 2 + (int)n * (bar_h + gap);

	if (b.p == NULL)
		return NULL;
	b.p[0] = '\0';
	for (i = 0; i < n; i++)
		if (sum->list_totals[i] > max)
			max = sum->list_totals[i];
	put(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	        "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Stemmen per lijst\" "
	        "font-family=\"DejaVu Sans, sans-serif\" font-size=\"14\">", width, h, width, h);
	for (i = 0; i < n; i++) {
		int y = top + (int)i * (bar_h + gap);
		long v = sum->list_totals[i] < 0 ? 0 : sum->list_totals[i];
		int w = (int)((double)v / (double)max * (width - left - 90));

		put(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d. ", left - 8, y + 16,
		    lists[i].number);
		put_escaped(&b, lists[i].name[0] ? lists[i].name : "(blanco lijst)", 30);
		put(&b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1f5fa8\"/>"
		        "<text x=\"%d\" y=\"%d\">%ld</text>", left, y, w, bar_h, left + w + 6, y + 16, v);
	}
	put(&b, "</svg>\n");
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}
