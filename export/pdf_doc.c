/*
 * The PDF engine's documents (pdf.h): a body flowing over pages between the
 * document's running header and footer, laid out twice so that every footer
 * can say "pagina n van m".
 */
#include <stdio.h>
#include <stdlib.h>

#include "export/pdf.h"

void pdf_doc_page_label(const struct pdf_doc *d, char *out, size_t size)
{
	if (d->npages > 0)
		snprintf(out, size, "pagina %d van %d", d->page, d->npages);
	else
		snprintf(out, size, "pagina %d", d->page);
}

void pdf_doc_new_page(struct pdf_doc *d)
{
	if (d->page > 0) {
		if (d->def->page_end != NULL)
			d->def->page_end(d, d->def->ctx);
		pdf_page(d->pdf);
	}
	d->page++;
	d->top = d->def->frame(d, d->def->ctx);
	d->y = d->top;
	if (d->carry != NULL)
		d->carry(d->carry_arg);
}

int pdf_doc_need(struct pdf_doc *d, double h)
{
	if (d->y + h <= d->def->body_end || d->y <= d->top)
		return 0;
	pdf_doc_new_page(d);
	return 1;
}

void pdf_doc_heading(struct pdf_doc *d, const char *text, double keep)
{
	const struct pdf_style *s = d->def->style;
	double h;

	if (d->y > d->top)
		d->y += s->heading_before;
	pdf_measure(d->pdf, d->w, s->heading, text, NULL, &h);
	pdf_doc_need(d, h + s->heading_after + keep);
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, s->heading, PDF_LEFT, text);
	if (s->heading_rule > 0)
		pdf_line(d->pdf, d->x, d->y + 2, d->x + d->w, d->y + 2, s->heading_rule, 0);
	d->y += s->heading_after;
}

void pdf_doc_para(struct pdf_doc *d, const char *font, const char *text)
{
	double h;

	pdf_measure(d->pdf, d->w, font, text, NULL, &h);
	pdf_doc_need(d, h);
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, font, PDF_LEFT, text) + d->def->style->para_after;
}

void pdf_doc_field(struct pdf_doc *d, double label_w, const char *label, const char *value)
{
	const struct pdf_style *s = d->def->style;
	double h;

	pdf_measure(d->pdf, d->w - label_w, s->bold, value, NULL, &h);
	pdf_doc_need(d, h + s->field_after);
	pdf_text(d->pdf, d->x, d->y, label_w, s->text, PDF_LEFT, label);
	d->y += pdf_text(d->pdf, d->x + label_w, d->y, d->w - label_w, s->bold, PDF_LEFT, value) +
	        s->field_after;
}

/* One pass over the whole document, from its first page to the end of its last. */
static int lay_out(struct pdf_doc *d)
{
	int rc;

	d->page = 0;
	d->carry = NULL;
	d->carry_arg = NULL;
	pdf_doc_new_page(d);
	rc = d->def->body(d, d->def->ctx);
	if (d->def->page_end != NULL)
		d->def->page_end(d, d->def->ctx);
	return rc;
}

int pdf_doc_write(const struct pdf_doc_def *def, char **bytes, size_t *len)
{
	const double pw = def->page_w > 0 ? def->page_w : PDF_A4_W;
	const double ph = def->page_h > 0 ? def->page_h : PDF_A4_H;
	struct pdf_doc d = {0};
	int rc;

	*bytes = NULL;
	*len = 0;
	d.def = def;
	d.x = def->margin > 0 ? def->margin : PDF_MARGIN;
	d.w = pw - 2 * d.x;

	/* First pass: count the pages. */
	if ((d.pdf = pdf_create_dry(pw, ph)) == NULL)
		return -1;
	rc = lay_out(&d);
	if (rc != 0) {
		pdf_close(d.pdf);
		return rc < 0 ? rc : -1;
	}
	d.npages = d.page;

	/* Second pass: the same layout, drawn, with "pagina n van npages"; the first pass's
	 * texts are laid out already. */
	if ((d.pdf = pdf_create_after(d.pdf, def->created)) == NULL)
		return -1;
	rc = lay_out(&d);
	if (pdf_close_mem(d.pdf, bytes, len) != 0 && rc == 0)
		rc = -1;
	/* Another page count cannot happen (both passes measure alike); a wrong footer is
	 * worse than none. */
	if (rc == 0 && d.page != d.npages)
		rc = -1;
	if (rc != 0) {
		free(*bytes);
		*bytes = NULL;
		*len = 0;
		return rc < 0 ? rc : -1;
	}
	return 0;
}
