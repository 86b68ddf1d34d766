/*
 * What every proces-verbaal shares (pv_internal.h): the table styles and a
 * figure as text. The documents (pv.c, pv_lists.c, pv_session.c and the
 * result's pv_result*.c) use this file; it uses none of them.
 */
#include <stdio.h>

#include "export/pdf.h"
#include "export/pv_internal.h"

/* Rows: text 2 points below their top, 3 above their bottom; the stations' head 3 and 3. */
const struct pdf_table_style pv_grid = {
	.pad = PAD, .above = VPAD, .below = VPAD + 1, .head_above = VPAD + 1,
	.head_below = VPAD + 1, .head_grey = 0.82, .zebra_grey = 0.94, .rule_w = 0.3,
	.rule_grey = 0.7, .col_rule_w = 0.3, .col_rule_grey = 0.6, .total_rule_w = 1.2,
	.total_gap = 2, .total_grey = 0.88, .shade_grey = 0.8, .cont_font = F_TEXTB,
};

const struct pdf_table_style pv_plain = {
	.pad = PAD, .above = VPAD, .below = VPAD + 1, .head_above = VPAD, .head_below = VPAD + 1,
	.head_grey = 0.82, .zebra_grey = 0.94, .rule_w = 0.3, .rule_grey = 0.7,
	.total_rule_w = 1.2, .total_gap = 2, .total_grey = 0.88, .shade_grey = 0.8,
	.cont_font = F_TEXTB,
};

/* A count as text; a field without a count (never in a definitive form) as "-". */
const char *pv_num(long v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%ld", v);
	return buf;
}
