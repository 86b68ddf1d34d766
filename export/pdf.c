/*
 * The PDF engine's surface: pages, text, lines and fills with cairo and pango (pdf.h).
 *
 * Laying text out (itemising, shaping, breaking lines) is what a document
 * costs, so it is done once per text: a surface keeps one pango context for
 * all its text, each font description parsed once, and every text it has laid
 * out, by font, width, alignment and text. A table measures a row's cells and
 * then draws them (pdf_measure_as, with the alignment it will draw with); the
 * counting pass's texts go on to the pass that draws (pdf_create_after), so
 * each text of a document is laid out once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "base/buf.h"
#include "export/pdf.h"

#define FONTS      32     /* font descriptions kept; a document uses about a dozen */
#define FIRST_CAP  1024   /* the first size of the table of texts (a power of 2) */

/* A text laid out, by what it was laid out from. */
struct laid {
	PangoLayout *l;                 /* NULL: an empty slot */
	size_t font;                    /* its index in texts.font */
	double width;                   /* 0: not wrapped */
	enum pdf_align align;
	uint64_t hash;                  /* of all four */
};

/* What a surface has laid out, handed on from the counting pass to the drawing one. */
struct texts {
	PangoContext *pc;               /* the context of every layout but the watermark's */
	char *font_name[FONTS];         /* as the caller spells it, "DejaVu Sans Bold 9px" */
	PangoFontDescription *fd[FONTS];
	size_t nfont;
	struct laid *laid;              /* open addressing, cap slots, at most half of them used */
	size_t cap, n;
};

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	struct texts *texts;
	struct buf out;                 /* pdf_create_mem's bytes */
	int dry;                        /* pdf_create_dry: measure, draw nothing */
	double w, h;                    /* the page's size */
};

static cairo_status_t to_mem(void *closure, const unsigned char *data, unsigned int n)
{
	struct pdf *p = closure;

	buf_put(&p->out, data, n);
	return p->out.failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_nothing(void *closure, const unsigned char *data, unsigned int n)
{
	(void)closure;
	(void)data;
	(void)n;
	return CAIRO_STATUS_SUCCESS;
}

static void texts_free(struct texts *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cap; i++)
		if (t->laid[i].l != NULL)
			g_object_unref(t->laid[i].l);
	free(t->laid);
	for (i = 0; i < t->nfont; i++) {
		pango_font_description_free(t->fd[i]);
		free(t->font_name[i]);
	}
	if (t->pc != NULL)
		g_object_unref(t->pc);
	free(t);
}

/*
 * Takes p (calloc'd, maybe with the texts of an earlier pass) onto surface s
 * of w x h points: p, or NULL (p and its texts freed) when cairo failed or
 * memory ran out.
 */
static struct pdf *open_on(struct pdf *p, cairo_surface_t *s, double w, double h,
                           const char *creation_date)
{
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    (p->texts == NULL && (p->texts = calloc(1, sizeof *p->texts)) == NULL)) {
		cairo_surface_destroy(s);
		texts_free(p->texts);
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
	/* What pango_cairo_create_layout would make for each text: a fresh cr's state, the
	 * same on every PDF surface, so an earlier pass's context serves this one. */
	if (p->texts->pc == NULL)
		p->texts->pc = pango_cairo_create_context(p->cr);
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

/* Ends the last page and the file: 1 when all of it was written. Frees all but p->out and p. */
static int finish(struct pdf *p)
{
	int ok;

	cairo_show_page(p->cr);
	texts_free(p->texts);
	p->texts = NULL;
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	ok = cairo_surface_status(p->surface) == CAIRO_STATUS_SUCCESS && !p->out.failed;
	cairo_surface_destroy(p->surface);
	return ok;
}

struct pdf *pdf_create_after(struct pdf *dry, const char *creation_date)
{
	struct texts *t;
	struct pdf *p;
	double w, h;

	if (dry == NULL)
		return NULL;
	t = dry->texts;
	w = dry->w;
	h = dry->h;
	dry->texts = NULL;
	if (pdf_close(dry) != 0 || (p = calloc(1, sizeof *p)) == NULL) {
		texts_free(t);
		return NULL;
	}
	p->texts = t;
	return open_on(p, cairo_pdf_surface_create_for_stream(to_mem, p, w, h), w, h,
	               creation_date);
}

int pdf_close_mem(struct pdf *p, char **bytes, size_t *len)
{
	*bytes = NULL;
	*len = 0;
	if (p == NULL)
		return -1;
	if (finish(p))
		*bytes = buf_take(&p->out, len);
	buf_free(&p->out);
	free(p);
	if (*bytes == NULL) {
		*len = 0;
		return -1;
	}
	return 0;
}

int pdf_close(struct pdf *p)
{
	int ok;

	if (p == NULL)
		return -1;
	ok = finish(p);
	buf_free(&p->out);
	free(p);
	return ok ? 0 : -1;
}

/* font's index in t->font_name, parsed on first use; FONTS when FONTS are kept already. */
static size_t font_of(struct texts *t, const char *font)
{
	size_t i, n;

	for (i = 0; i < t->nfont; i++)
		if (strcmp(t->font_name[i], font) == 0)
			return i;
	n = strlen(font) + 1;
	if (t->nfont == FONTS || (t->font_name[i] = malloc(n)) == NULL)
		return FONTS;
	memcpy(t->font_name[i], font, n);
	t->fd[i] = pango_font_description_from_string(font);
	return t->nfont++;
}

/* FNV-1a of the text, its font, width and alignment. */
static uint64_t text_hash(const char *text, size_t font, double width, enum pdf_align align)
{
	uint64_t h = 14695981039346656037u;
	int64_t wq = (int64_t)(width * 4096);

	while (*text != '\0')
		h = (h ^ (unsigned char)*text++) * 1099511628211u;
	h = (h ^ font) * 1099511628211u;
	h = (h ^ (uint64_t)wq) * 1099511628211u;
	return (h ^ (uint64_t)align) * 1099511628211u;
}

/* Doubles the table of texts; -1 when memory runs out (the table is as it was). */
static int grow(struct texts *t)
{
	size_t cap = t->cap ? t->cap * 2 : FIRST_CAP, i, j;
	struct laid *laid = calloc(cap, sizeof *laid);

	if (laid == NULL)
		return -1;
	for (i = 0; i < t->cap; i++) {
		if (t->laid[i].l == NULL)
			continue;
		for (j = t->laid[i].hash & (cap - 1); laid[j].l != NULL; j = (j + 1) & (cap - 1))
			;
		laid[j] = t->laid[i];
	}
	free(t->laid);
	t->laid = laid;
	t->cap = cap;
	return 0;
}

/* A new layout of text in font fd, wrapped at width (not at all when width is 0). */
static PangoLayout *lay_out(PangoContext *pc, const PangoFontDescription *fd, double width,
                            enum pdf_align align, const char *text)
{
	PangoLayout *l = pango_layout_new(pc);

	pango_layout_set_font_description(l, fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align == PDF_CENTER ? PANGO_ALIGN_CENTER :
	                              align == PDF_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text, -1);
	return l;
}

/*
 * The layout of text in font, wrapped at width (no wrapping when width <= 0):
 * the one laid out before (*owned 0, the surface's), else a new one, kept
 * (*owned 0) or, when it cannot be kept (FONTS fonts, no memory), the
 * caller's to unref (*owned 1).
 */
static PangoLayout *layout(struct pdf *p, double width, const char *font, enum pdf_align align,
                           const char *text, int *owned)
{
	struct texts *t = p->texts;
	size_t f = font_of(t, font), i;
	PangoFontDescription *fd;
	PangoLayout *l;
	uint64_t h;

	*owned = 0;
	if (width < 0)
		width = 0;
	if (f == FONTS) {
		*owned = 1;
		fd = pango_font_description_from_string(font);
		l = lay_out(t->pc, fd, width, align, text);
		pango_font_description_free(fd);
		return l;
	}
	h = text_hash(text, f, width, align);
	for (i = h & (t->cap - 1); t->cap > 0 && t->laid[i].l != NULL; i = (i + 1) & (t->cap - 1)) {
		const struct laid *c = &t->laid[i];

		if (c->hash == h && c->font == f && c->width == width && c->align == align &&
		    strcmp(pango_layout_get_text(c->l), text) == 0)
			return c->l;
	}
	l = lay_out(t->pc, t->fd[f], width, align, text);
	if ((t->n + 1) * 2 > t->cap && grow(t) != 0) {
		*owned = 1;
		return l;
	}
	for (i = h & (t->cap - 1); t->laid[i].l != NULL; i = (i + 1) & (t->cap - 1))
		;
	t->laid[i] = (struct laid){l, f, width, align, h};
	t->n++;
	return l;
}

double pdf_text(struct pdf *p, double x, double y, double width, const char *font,
                enum pdf_align align, const char *text)
{
	int owned, w, h;
	PangoLayout *l = layout(p, width, font, align, text, &owned);

	if (!p->dry) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	pango_layout_get_size(l, &w, &h);
	if (owned)
		g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

void pdf_measure_as(struct pdf *p, double width, const char *font, enum pdf_align align,
                    const char *text, double *w, double *h)
{
	PangoRectangle ink, logical;
	int owned;
	PangoLayout *l = layout(p, width, font, align, text, &owned);

	pango_layout_get_extents(l, &ink, &logical);
	if (w != NULL)
		*w = (double)logical.width / PANGO_SCALE;
	if (h != NULL)
		*h = (double)logical.height / PANGO_SCALE;
	if (owned)
		g_object_unref(l);
}

void pdf_measure(struct pdf *p, double width, const char *font, const char *text, double *w,
                 double *h)
{
	pdf_measure_as(p, width, font, PDF_LEFT, text, w, h);
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
