#ifndef EXPORT_PV_INTERNAL_H
#define EXPORT_PV_INTERNAL_H
/*
 * What the proces-verbaal's files share (pv.c: the frame of every page, the
 * title and parts 1 and 2; pv_lists.c: part 3; pv_session.c: the committee's
 * session and the signatures); not for use outside export/. The layout is the
 * PDF engine's (pdf.h): these files say what goes on the pages, the engine
 * flows it over them.
 */
#include <stddef.h>

#include "export/docs.h"
#include "export/pdf.h"
#include "tally/count.h"

#define PAD         3.0                   /* inside a table cell, left and right */
#define VPAD        2.0                   /* inside a table cell, above and below */

/* Sizes in "px": pango's points assume 96 dpi, px are the PDF's own points. */
#define F_TITLE     "DejaVu Sans Bold 13px"
#define F_PLACE     "DejaVu Sans Bold 20px"
#define F_H2        "DejaVu Sans Bold 11.5px"
#define F_TEXT      "DejaVu Sans 9px"
#define F_TEXTB     "DejaVu Sans Bold 9px"
#define F_SMALL     "DejaVu Sans 7px"
#define F_SMALLB    "DejaVu Sans Bold 7px"
#define F_MONO      "DejaVu Sans Mono 8px"
#define F_CELL      "DejaVu Sans 8px"
#define F_CELLS     "DejaVu Sans 7px"     /* a name too long for F_CELL */

#define MIDDOT      "\xc2\xb7"

struct pv {
	struct pdf_doc *d;     /* the document being laid out: its page, its y */
	const struct pv_input *in;
	const struct eml_510b *c;
	int voter_cards;       /* the form has C */
	size_t ndefinitive;    /* stations with a definitive count */
};

/* The PV's tables: with rules between the columns (the stations), and without (the lists). */
extern const struct pdf_table_style pv_grid, pv_plain;

/* A count as text; a field without a count (never in a definitive form) as "-". */
const char *pv_num(long v, char *buf, size_t size);

/* Part 3, the votes per list and candidate (pv_lists.c); -1 when memory runs out. */
int pv_lists(struct pv *v);
/* The committee's session: place, date, times, members present (pv_session.c). */
void pv_session(struct pv *v);
/* Part 4, the signatures of the committee (pv_session.c). */
void pv_signatures(struct pv *v);

#endif
