/*
 * The list totals as an SVG bar chart, drawn by the server (no script, no
 * external resources). Names are XML-escaped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "base/utf8.h"
#include "entry/internal.h"

/* A list's name, cut after max characters (never inside one), XML-escaped. */
static void put_name(struct buf *b, const char *s, size_t max)
{
	size_t n = utf8_prefix(s, max);
	char cut[TALLY_TEXT_MAX];

	snprintf(cut, sizeof cut, "%.*s", (int)n, s);
	esc_xml_text(b, cut);
	if (s[n] != '\0')
		buf_puts(b, "…");
}

char *svg_list_totals(const struct tally_list *lists, const struct tally_form *sum, size_t *len)
{
	struct buf b = {0};
	const int bar_h = 22, gap = 8, left = 260, width = 860, top = 10;
	long max = 1;
	size_t i, n = sum->nlists;
	int h = top * 2 + (int)n * (bar_h + gap);

	for (i = 0; i < n; i++)
		if (sum->list_totals[i] > max)
			max = sum->list_totals[i];
	buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	        "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Stemmen per lijst\" "
	        "font-family=\"DejaVu Sans, sans-serif\" font-size=\"14\">", width, h, width, h);
	for (i = 0; i < n; i++) {
		int y = top + (int)i * (bar_h + gap);
		long v = sum->list_totals[i] < 0 ? 0 : sum->list_totals[i];
		int w = (int)((double)v / (double)max * (width - left - 90));

		buf_printf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d. ", left - 8, y + 16,
		    lists[i].number);
		put_name(&b, lists[i].name[0] ? lists[i].name : "(blanco lijst)", 30);
		buf_printf(&b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1f5fa8\"/>"
		        "<text x=\"%d\" y=\"%d\">%ld</text>", left, y, w, bar_h, left + w + 6, y + 16, v);
	}
	buf_printf(&b, "</svg>\n");
	return buf_take(&b, len);
}
