#ifndef EXPORT_PDF_H
#define EXPORT_PDF_H
/*
 * The PDF engine of the printed documents: the proces-verbaal (pv.c), the
 * invoice (invoice.c), the account sheets (sheets.c), and the coming P 22-2
 * and Na 14-2. On cairo and pango: real text (searchable, readable with
 * pdftotext), DejaVu fonts. Four parts:
 *
 *   - the surface (pdf.c): pages, text that wraps, lines, fills, a watermark;
 *   - the document (pdf_doc.c): a body that flows over pages between a
 *     running header and footer, "pagina n van m" counted by laying the
 *     document out twice, page breaks, headings, paragraphs, label/value
 *     fields;
 *   - tables (pdf_table.c): columns with a width and an alignment, a head
 *     repeated after a page break, rows kept whole, spans, a totals row;
 *   - the Dutch forms of moments and counts (pdf_nl.c), beside the dates of
 *     base/date.h (whose month names are the only ones).
 *
 * Fonts are pango descriptions such as "DejaVu Sans 9px" or "DejaVu Sans
 * Bold 11.5px": pango's sizes assume 96 dpi, so "10" is 13.3 points on paper
 * while "10px" is 10 points. Lengths are points; y grows down the page.
 */
#include <stddef.h>

#define PDF_A4_W 595.28   /* points */
#define PDF_A4_H 841.89
#define PDF_MARGIN 50.0

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* ------------------------------------------------------------------ */
/* The surface                                                         */
/* ------------------------------------------------------------------ */

struct pdf;

/* Creates an A4 PDF at path; NULL on failure (cannot write). */
struct pdf *pdf_create(const char *path);
/*
 * Creates a PDF of w x h points in memory; pdf_close_mem hands out the bytes.
 * creation_date ("2022-03-17T01:32:49", or NULL) is written as the
 * document's date, so the same input gives the same bytes.
 */
struct pdf *pdf_create_mem(double w, double h, const char *creation_date);
/*
 * A PDF that draws nothing and keeps no bytes, to lay a document out once and
 * count its pages: text measures exactly as in pdf_create_mem's. pdf_text
 * returns heights as usual; lines, fills and watermarks do nothing. Free with
 * pdf_close.
 */
struct pdf *pdf_create_dry(double w, double h);
/*
 * Finishes dry (pdf_create_dry) and creates a PDF of its size in memory, as
 * pdf_create_mem, that keeps every text dry laid out: a document's second
 * pass lays out nothing its first did. NULL (dry freed) on failure.
 */
struct pdf *pdf_create_after(struct pdf *dry, const char *creation_date);
/* Finishes a PDF made by pdf_create_mem: 0 with *bytes (malloc'd) and *len, or -1. Frees p. */
int pdf_close_mem(struct pdf *p, char **bytes, size_t *len);
/*
 * Writes text at (x, y) in a box width wide, wrapping words (not at all when
 * width <= 0). Text is plain (not markup). Returns the height used.
 */
double pdf_text(struct pdf *p, double x, double y, double width, const char *font,
                enum pdf_align align, const char *text);
/*
 * Measures text as pdf_text would lay it out (wrapped at width; unwrapped when
 * width <= 0) without drawing: *w the width of its widest line, *h its height.
 * w or h may be NULL.
 */
void pdf_measure(struct pdf *p, double width, const char *font, const char *text, double *w,
                 double *h);
/*
 * pdf_measure for text that pdf_text will then draw in the same width, font
 * and alignment: the drawing reuses what the measuring laid out (a table
 * measures a row's cells, then draws them).
 */
void pdf_measure_as(struct pdf *p, double width, const char *font, enum pdf_align align,
                    const char *text, double *w, double *h);
/* A line from (x1, y1) to (x2, y2), width w, grey level 0 (black) .. 1. */
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double w, double grey);
/* A filled rectangle, grey level 0 .. 1. */
void pdf_fill(struct pdf *p, double x, double y, double w, double h, double grey);
/* Large light diagonal text across the page (e.g. "CONCEPT"). */
void pdf_watermark(struct pdf *p, const char *text);
/* Ends the page and starts a new one. */
void pdf_page(struct pdf *p);
/* Finishes the file; 0 when it was written completely, -1 otherwise. Frees p. */
int pdf_close(struct pdf *p);

/* ------------------------------------------------------------------ */
/* The document                                                        */
/* ------------------------------------------------------------------ */

struct pdf_doc;
struct pdf_table;

/* How a document's running text looks. */
struct pdf_style {
	const char *text;          /* a field's label (a paragraph names its own font) */
	const char *bold;          /* a field's value */
	const char *heading;       /* pdf_doc_heading */
	double heading_before;     /* space above a heading, unless it starts the page */
	double heading_rule;       /* the width of a black rule under a heading; 0: none */
	double heading_after;      /* space below a heading */
	double para_after;         /* below a paragraph */
	double field_after;        /* below a field */
};

/* What a document is: its pages, its frame, and the function that lays its body out. */
struct pdf_doc_def {
	double page_w, page_h;     /* points; 0: A4 (PDF_A4_W x PDF_A4_H) */
	double margin;             /* left and right (0: PDF_MARGIN); the body is what is between */
	double body_end;           /* nothing of the body below this y */
	const char *created;       /* the PDF's date ("2022-03-17T01:32:49"), or NULL */
	const struct pdf_style *style;
	/*
	 * Draws a page's running header and footer (its number: pdf_doc_page_label)
	 * and returns the y where its body starts. Called as each page starts.
	 */
	double (*frame)(struct pdf_doc *d, void *ctx);
	/* Draws over each page as it ends (a draft's watermark); NULL: nothing. */
	void (*page_end)(struct pdf_doc *d, void *ctx);
	/* Lays the body out, from the first page's top: 0, or a negative number to give up. */
	int (*body)(struct pdf_doc *d, void *ctx);
	void *ctx;
};

/*
 * A document being laid out. The body draws on pdf within [x, x + w] and
 * moves y down past what it drew; everything else is the engine's.
 */
struct pdf_doc {
	struct pdf *pdf;
	const struct pdf_doc_def *def;
	double x, w;               /* the body's left edge and width */
	double y;                  /* where the next thing goes */
	double top;                /* where this page's body starts (frame's answer) */
	int page;                  /* the page being drawn, from 1 */
	int npages;                /* pages in all; 0 in the first pass, which counts them */
	/* What a new page continues (an open table repeats its head): set by pdf_table_begin,
	 * cleared by pdf_table_end, called by pdf_doc_new_page after the frame. */
	void (*carry)(void *arg);
	void *carry_arg;
};

/*
 * Writes the document def describes as PDF into memory. Its body is laid out
 * twice, on a surface that only measures to count the pages, then for real
 * with the count known; both passes make the same decisions, since they
 * measure the same text alike. Returns 0 with *bytes (malloc'd) and *len;
 * the body's negative answer, or -1 when the PDF cannot be made, with
 * *bytes NULL.
 */
int pdf_doc_write(const struct pdf_doc_def *def, char **bytes, size_t *len);
/* "pagina 2 van 7" ("pagina 2" in the counting pass): the footer's page number. */
void pdf_doc_page_label(const struct pdf_doc *d, char *out, size_t size);
/* Ends this page and starts the next, repeating an open table's head. */
void pdf_doc_new_page(struct pdf_doc *d);
/* Starts a new page unless h points fit below y (or y is the page's top); 1 when it did. */
int pdf_doc_need(struct pdf_doc *d, double h);
/* A heading across the body, kept on one page with keep points of what follows. */
void pdf_doc_heading(struct pdf_doc *d, const char *text, double keep);
/* A paragraph across the body in font, kept whole on one page. */
void pdf_doc_para(struct pdf_doc *d, const char *font, const char *text);
/* A row of "label  value": the label label_w wide, the value in bold beside it, kept whole. */
void pdf_doc_field(struct pdf_doc *d, double label_w, const char *label, const char *value);

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

#define PDF_TABLE_MAXCOL 16

/* How a table looks; one per kind of table, shared by its instances. */
struct pdf_table_style {
	double pad;                       /* inside a cell, left and right of its text */
	double above, below;              /* inside a row's cells, above and below the text */
	double head_above, head_below;    /* the same in the head */
	double head_grey;                 /* the head's fill (grey 0 .. 1) */
	double zebra_grey;                /* every second row's fill; 1: none */
	double rule_w, rule_grey;         /* the rule under a row; width 0: none */
	double col_rule_w, col_rule_grey; /* the rules between columns; width 0: none */
	double total_rule_w, total_gap;   /* the black rule above the totals row, the room it takes */
	double total_grey;                /* the totals row's fill */
	double shade_grey;                /* a PDF_CELL_SHADE cell's fill */
	const char *cont_font;            /* "title (vervolg)" above a repeated head */
};

struct pdf_col {
	const char *head;                 /* the head's text */
	double w;                         /* > 0 points; < 0 a share of what the others leave */
	enum pdf_align align;
	int head_center;                  /* 1: the head's text centred whatever align says */
};

/* A cell's marks. */
enum {
	PDF_CELL_BOLD = 1,                /* in the table's bold font */
	PDF_CELL_CENTER = 2,              /* centred whatever its column says */
	PDF_CELL_SHADE = 4,               /* on the style's shade_grey */
};

/* A row is an array of cells, one per column. */
struct pdf_cell {
	const char *text;                 /* "": empty; NULL: the cell before spans this column */
	unsigned marks;                   /* PDF_CELL_* */
};

/*
 * A table: fill in style, fonts, title and columns, then pdf_table_begin,
 * a pdf_table_row per row, maybe a pdf_table_total, and pdf_table_end.
 * A row taller than what is left of the page goes to the next, whole, under
 * "title (vervolg)" (when there is a title) and the head again.
 */
struct pdf_table {
	const struct pdf_table_style *style;
	const char *font, *bold;          /* the rows; the head, the totals and PDF_CELL_BOLD */
	const char *title;                /* NULL: no line above a repeated head */
	struct pdf_col col[PDF_TABLE_MAXCOL];
	size_t ncol;                      /* 1 .. PDF_TABLE_MAXCOL */
	/* the engine's */
	struct pdf_doc *doc;
	double x[PDF_TABLE_MAXCOL + 1];   /* where each column starts; x[ncol] the right edge */
	size_t nrows;                     /* rows drawn: every second one is shaded */
};

/*
 * The height of t's head and nrows rows of one line: what to keep on a page
 * with the table's heading (pdf_doc_heading's keep) or to ask pdf_doc_need for.
 */
double pdf_table_keep(struct pdf_doc *d, struct pdf_table *t, int nrows);
/* Draws the head at d->y; from now on a new page repeats it, until pdf_table_end. */
void pdf_table_begin(struct pdf_doc *d, struct pdf_table *t);
/* A row of cells (t->ncol of them), after a page break when it does not fit. */
void pdf_table_row(struct pdf_table *t, const struct pdf_cell *cells);
/* The totals row: a black rule, then bold cells on grey. */
void pdf_table_total(struct pdf_table *t, const struct pdf_cell *cells);
/* Ends the table: a new page no longer repeats its head. */
void pdf_table_end(struct pdf_table *t);

/* ------------------------------------------------------------------ */
/* Dutch forms (pdf_nl.c); dates alone are base/date.h's date_nl_long  */
/* ("16 maart 2022") and date_nl_short ("16-03-2022")                  */
/* ------------------------------------------------------------------ */

/* "2022-03-17T01:32:49" as "17 maart 2022 om 01:32:49"; without a time as date_nl_long. */
void pdf_nl_datetime(const char *iso, char *out, size_t size);
/* A count with Dutch thousands separators: "100.000"; below 0 as "0". */
void pdf_nl_count(long v, char *out, size_t size);

#endif
