/* The PDF engine's surface: pages, text, lines and fills with cairo and pango (pdf.h). */
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "export/pdf.h"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	char *buf;            /* for pdf_create_mem */
	size_t len, cap;
	int failed;
	int dry;              /* pdf_create_dry: measure, draw nothing */
	double w, h;          /* the page's size */
};

static cairo_status_t to_mem(void *closure, const unsigned char *data, unsigned int n)
{
	struct pdf *p = closure;
	char *q;

	if (p->len + n > p->cap) {
		size_t cap = p->cap ? p->cap : 65536;

		while (cap < p->len + n)
			cap *= 2;
		if ((q = realloc(p->buf, cap)) == NULL) {
			p->failed = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		p->buf = q;
		p->cap = cap;
	}
	memcpy(p->buf + p->len, data, n);
	p->len += n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_nothing(void *closure, const unsigned char *data, unsigned int n)
{
	(void)closure;
	(void)data;
	(void)n;
	return CAIRO_STATUS_SUCCESS;
}

/* Takes p (calloc'd) onto surface s of w x h points: p, or NULL (p freed) when cairo failed. */
static struct pdf *open_on(struct pdf *p, cairo_surface_t *s, double w, double h,
                           const char *creation_date)
{
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		free(p);
		return NULL;
	}
	p->surface = s;
	p->w = w;
	p->h = h;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Teller");
	if (creation_date != NULL) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, creation_date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, creation_date);
	}
	p->cr = cairo_create(s);
	return p;
}

struct pdf *pdf_create_dry(double w, double h)
{
	struct pdf *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->dry = 1;
	/* A real PDF surface, so that text measures exactly as in the real document. */
	return open_on(p, cairo_pdf_surface_create_for_stream(to_nothing, NULL, w, h), w, h, NULL);
}

struct pdf *pdf_create_mem(double w, double h, const char *creation_date)
{
	struct pdf *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	return open_on(p, cairo_pdf_surface_create_for_stream(to_mem, p, w, h), w, h,
	               creation_date);
}

struct pdf *pdf_create(const char *path)
{
	struct pdf *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	return open_on(p, cairo_pdf_surface_create(path, PDF_A4_W, PDF_A4_H), PDF_A4_W, PDF_A4_H,
	               NULL);
}

/* Ends the last page and the file: 1 when all of it was written. Frees all but p->buf and p. */
static int finish(struct pdf *p)
{
	int ok;

	cairo_show_page(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	ok = cairo_surface_status(p->surface) == CAIRO_STATUS_SUCCESS && !p->failed;
	cairo_surface_destroy(p->surface);
	return ok;
}

int pdf_close_mem(struct pdf *p, char **bytes, size_t *len)
{
	int ok;

	*bytes = NULL;
	*len = 0;
	if (p == NULL)
		return -1;
	ok = finish(p);
	if (ok) {
		*bytes = p->buf;
		*len = p->len;
	} else {
		free(p->buf);
	}
	free(p);
	return ok ? 0 : -1;
}

int pdf_close(struct pdf *p)
{
	int ok;

	if (p == NULL)
		return -1;
	ok = finish(p);
	free(p->buf);
	free(p);
	return ok ? 0 : -1;
}

/* A layout of text in font, wrapped at width (no wrapping when width <= 0); caller unrefs. */
static PangoLayout *layout(struct pdf *p, double width, const char *font, enum pdf_align align,
                           const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align == PDF_CENTER ? PANGO_ALIGN_CENTER :
	                              align == PDF_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text, -1);
	return l;
}

double pdf_text(struct pdf *p, double x, double y, double width, const char *font,
                enum pdf_align align, const char *text)
{
	PangoLayout *l = layout(p, width, font, align, text);
	int w, h;

	if (!p->dry) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

void pdf_measure(struct pdf *p, double width, const char *font, const char *text, double *w,
                 double *h)
{
	PangoLayout *l = layout(p, width, font, PDF_LEFT, text);
	PangoRectangle ink, logical;

	pango_layout_get_extents(l, &ink, &logical);
	if (w != NULL)
		*w = (double)logical.width / PANGO_SCALE;
	if (h != NULL)
		*h = (double)logical.height / PANGO_SCALE;
	g_object_unref(l);
}

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double w, double grey)
{
	if (p->dry)
		return;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, x1, y1);
	cairo_line_to(p->cr, x2, y2);
	cairo_stroke(p->cr);
}

void pdf_fill(struct pdf *p, double x, double y, double w, double h, double grey)
{
	if (p->dry)
		return;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

void pdf_watermark(struct pdf *p, const char *text)
{
	PangoLayout *l;
	PangoFontDescription *fd;
	int w, h;

	if (p->dry)
		return;
	l = pango_cairo_create_layout(p->cr);
	/* px: pango's points are at 96 dpi; 110 of those would not fit across A4 */
	fd = pango_font_description_from_string("DejaVu Sans Bold 110px");
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &w, &h);
	cairo_save(p->cr);
	cairo_translate(p->cr, p->w / 2, p->h / 2);
	cairo_rotate(p->cr, -0.95);
	cairo_set_source_rgba(p->cr, 0.75, 0.1, 0.1, 0.18);
	cairo_move_to(p->cr, -(double)w / PANGO_SCALE / 2, -(double)h / PANGO_SCALE / 2);
	pango_cairo_show_layout(p->cr, l);
	cairo_restore(p->cr);
	pango_font_description_free(fd);
	g_object_unref(l);
}

void pdf_page(struct pdf *p)
{
	cairo_show_page(p->cr);
}
