#ifndef EXPORT_PDF_H
#define EXPORT_PDF_H
/*
 * PDF documents with cairo and pango: A4 pages, real text (searchable,
 * readable with pdftotext), DejaVu fonts. A small layout helper for the
 * proces-verbaal, the invoice and the account sheets.
 */
#include <stddef.h>

#define PDF_A4_W 595.28   /* points */
#define PDF_A4_H 841.89
#define PDF_MARGIN 50.0

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

struct pdf;

/* Creates a PDF at path; NULL on failure (cannot write). */
struct pdf *pdf_create(const char *path);
/*
 * Creates a PDF in memory; pdf_close_mem hands out the bytes. creation_date
 * ("2022-03-17T01:32:49", or NULL) is written as the document's date, so the
 * same input gives the same bytes.
 */
struct pdf *pdf_create_mem(const char *creation_date);
/*
 * A PDF that draws nothing and keeps no bytes, to lay a document out once and
 * count its pages: text measures exactly as in pdf_create_mem's. pdf_text
 * returns heights as usual; lines, fills and watermarks do nothing. Free with
 * pdf_close.
 */
struct pdf *pdf_create_dry(void);
/* Finishes a PDF made by pdf_create_mem: 0 with *bytes (malloc'd) and *len, or -1. Frees p. */
int pdf_close_mem(struct pdf *p, char **bytes, size_t *len);
/*
 * Writes text at (x, y) in a box width wide, wrapping words; font is a pango
 * description such as "DejaVu Sans 10" or "DejaVu Sans Bold 14" (pango's sizes
 * assume 96 dpi, so "10" is 13.3 points on paper; "10px" is 10 points). Text is
 * plain (not markup). Returns the height used, in points.
 */
double pdf_text(struct pdf *p, double x, double y, double width, const char *font,
                enum pdf_align align, const char *text);
/*
 * Measures text as pdf_text would lay it out (wrapped at width; unwrapped when
 * width <= 0) without drawing: *w the width of its widest line, *h its height,
 * in points. w or h may be NULL.
 */
void pdf_measure(struct pdf *p, double width, const char *font, const char *text, double *w,
                 double *h);
/* A line from (x1, y1) to (x2, y2), width w points, grey level 0 (black) .. 1. */
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double w, double grey);
/* A filled rectangle, grey level 0 .. 1. */
void pdf_fill(struct pdf *p, double x, double y, double w, double h, double grey);
/* Large light diagonal text across the page (e.g. "CONCEPT"). */
void pdf_watermark(struct pdf *p, const char *text);
/* Ends the page and starts a new one. */
void pdf_page(struct pdf *p);
/* Finishes the file; 0 when it was written completely, -1 otherwise. Frees p. */
int pdf_close(struct pdf *p);

#endif
