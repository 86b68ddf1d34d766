/*
 * The PDF engine's tables (pdf.h): columns fitted to the body's width, rows
 * as high as their tallest cell and never split over two pages, the head
 * repeated on every page the table reaches.
 */
#include <stdio.h>

#include "export/pdf.h"

#define CONT_AFTER 4.0    /* below "title (vervolg)" */

/* Sets each column's x from the fixed widths and the shares of the rest of d's width. */
static void fit(struct pdf_doc *d, struct pdf_table *t)
{
	double fixed = 0, shares = 0, x = d->x;
	size_t j;

	t->doc = d;
	if (t->ncol > PDF_TABLE_MAXCOL)
		t->ncol = PDF_TABLE_MAXCOL;
	for (j = 0; j < t->ncol; j++) {
		if (t->col[j].w > 0)
			fixed += t->col[j].w;
		else
			shares -= t->col[j].w;
	}
	for (j = 0; j < t->ncol; j++) {
		t->x[j] = x;
		if (t->col[j].w > 0)
			x += t->col[j].w;
		else if (shares > 0)
			x += (d->w - fixed) * -t->col[j].w / shares;
	}
	t->x[t->ncol] = d->x + d->w;
}

/* The column after the cell that starts at column j and spans those with no text of their own. */
static size_t span_end(const struct pdf_table *t, const struct pdf_cell *cells, size_t j)
{
	size_t e;

	for (e = j + 1; e < t->ncol && cells[e].text == NULL; e++)
		;
	return e;
}

static const char *cell_font(const struct pdf_table *t, const struct pdf_cell *c, int bold)
{
	return bold || (c->marks & PDF_CELL_BOLD) ? t->bold : t->font;
}

static enum pdf_align cell_align(const struct pdf_table *t, const struct pdf_cell *cells, size_t j)
{
	return cells[j].marks & PDF_CELL_CENTER ? PDF_CENTER : t->col[j].align;
}

/* The height of a row of cells: its tallest cell's, with room above and below. */
static double row_height(const struct pdf_table *t, const struct pdf_cell *cells, int bold,
                         double room)
{
	struct pdf *p = t->doc->pdf;
	double h, max = 0;
	size_t j;

	for (j = 0; j < t->ncol; j++) {
		if (cells[j].text == NULL || cells[j].text[0] == '\0')
			continue;
		/* as draw_cells will draw it, so that the drawing lays nothing out again */
		pdf_measure_as(p, t->x[span_end(t, cells, j)] - t->x[j] - 2 * t->style->pad,
		               cell_font(t, &cells[j], bold), cell_align(t, cells, j), cells[j].text,
		               NULL, &h);
		if (h > max)
			max = h;
	}
	if (max == 0)
		pdf_measure(p, 0, bold ? t->bold : t->font, "0", NULL, &max);
	return max + room;
}

/*
 * A row of cells h high at the document's y, their text above points down,
 * over what is drawn under it: no fills but a cell's own.
 */
static void draw_cells(const struct pdf_table *t, const struct pdf_cell *cells, int bold,
                       double above, double h)
{
	const struct pdf_table_style *s = t->style;
	struct pdf_doc *d = t->doc;
	size_t j, e;

	for (j = 0; j < t->ncol; j++) {
		if (cells[j].text == NULL)
			continue;
		e = span_end(t, cells, j);
		if (cells[j].marks & PDF_CELL_SHADE)
			pdf_fill(d->pdf, t->x[j], d->y, t->x[e] - t->x[j], h, s->shade_grey);
		if (cells[j].text[0] != '\0')
			pdf_text(d->pdf, t->x[j] + s->pad, d->y + above, t->x[e] - t->x[j] - 2 * s->pad,
			         cell_font(t, &cells[j], bold), cell_align(t, cells, j), cells[j].text);
	}
	for (j = 1; j < t->ncol && s->col_rule_w > 0; j++)
		if (cells[j].text != NULL)
			pdf_line(d->pdf, t->x[j], d->y, t->x[j], d->y + h, s->col_rule_w, s->col_rule_grey);
}

/* The head's cells: every column's head text. */
static void head_cells(const struct pdf_table *t, struct pdf_cell *cells)
{
	size_t j;

	for (j = 0; j < t->ncol; j++) {
		cells[j].text = t->col[j].head != NULL ? t->col[j].head : "";
		cells[j].marks = t->col[j].head_center ? PDF_CELL_CENTER : 0;
	}
}

static void draw_head(struct pdf_table *t)
{
	const struct pdf_table_style *s = t->style;
	struct pdf_cell cells[PDF_TABLE_MAXCOL];
	struct pdf_doc *d = t->doc;
	double h;

	head_cells(t, cells);
	h = row_height(t, cells, 1, s->head_above + s->head_below);
	pdf_fill(d->pdf, t->x[0], d->y, t->x[t->ncol] - t->x[0], h, s->head_grey);
	draw_cells(t, cells, 1, s->head_above, h);
	d->y += h;
}

double pdf_table_keep(struct pdf_doc *d, struct pdf_table *t, int nrows)
{
	const struct pdf_table_style *s = t->style;
	struct pdf_cell cells[PDF_TABLE_MAXCOL];
	double line;

	fit(d, t);
	head_cells(t, cells);
	pdf_measure(d->pdf, 0, t->font, "0", NULL, &line);
	return row_height(t, cells, 1, s->head_above + s->head_below) +
	       nrows * (line + s->above + s->below);
}

static void table_continue(void *arg);

void pdf_table_begin(struct pdf_doc *d, struct pdf_table *t)
{
	fit(d, t);
	t->nrows = 0;
	draw_head(t);
	d->carry = table_continue;
	d->carry_arg = t;
}

/* On a new page while t is open: "title (vervolg)" and the head again. */
static void table_continue(void *arg)
{
	struct pdf_table *t = arg;
	struct pdf_doc *d = t->doc;
	char title[512];

	if (t->title != NULL) {
		snprintf(title, sizeof title, "%s (vervolg)", t->title);
		d->y += pdf_text(d->pdf, d->x, d->y, d->w, t->style->cont_font, PDF_LEFT, title) +
		        CONT_AFTER;
	}
	draw_head(t);
}

void pdf_table_row(struct pdf_table *t, const struct pdf_cell *cells)
{
	const struct pdf_table_style *s = t->style;
	struct pdf_doc *d = t->doc;
	double h = row_height(t, cells, 0, s->above + s->below), x0 = t->x[0], x1 = t->x[t->ncol];

	pdf_doc_need(d, h);
	if (t->nrows++ % 2 == 1 && s->zebra_grey < 1)
		pdf_fill(d->pdf, x0, d->y, x1 - x0, h, s->zebra_grey);
	draw_cells(t, cells, 0, s->above, h);
	if (s->rule_w > 0)
		pdf_line(d->pdf, x0, d->y + h, x1, d->y + h, s->rule_w, s->rule_grey);
	d->y += h;
}

void pdf_table_total(struct pdf_table *t, const struct pdf_cell *cells)
{
	const struct pdf_table_style *s = t->style;
	struct pdf_doc *d = t->doc;
	double h = row_height(t, cells, 1, s->above + s->below), x0 = t->x[0], x1 = t->x[t->ncol];

	pdf_doc_need(d, h + s->total_gap);
	pdf_line(d->pdf, x0, d->y + s->total_rule_w / 2, x1, d->y + s->total_rule_w / 2,
	         s->total_rule_w, 0);
	d->y += s->total_gap;
	pdf_fill(d->pdf, x0, d->y, x1 - x0, h, s->total_grey);
	draw_cells(t, cells, 1, s->above, h);
	d->y += h;
}

void pdf_table_end(struct pdf_table *t)
{
	if (t->doc != NULL && t->doc->carry_arg == t) {
		t->doc->carry = NULL;
		t->doc->carry_arg = NULL;
	}
}
