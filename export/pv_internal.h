#ifndef EXPORT_PV_INTERNAL_H
#define EXPORT_PV_INTERNAL_H
/*
 * What the proces-verbaal's files share (pv.c: the frame, the title and parts
 * 1 and 2; pv_lists.c: part 3; pv_session.c: the committee's session and the
 * signatures); not for use outside export/.
 */
#include <stddef.h>

#include "export/docs.h"
#include "export/pdf.h"
#include "tally/count.h"

#define X0          PDF_MARGIN
#define W           (PDF_A4_W - 2 * PDF_MARGIN)
#define HEAD_Y      30.0                  /* the running header */
#define BODY_Y      60.0                  /* the body starts here (below a draft line: lower) */
#define FOOT_Y      (PDF_A4_H - 64.0)     /* the rule above the footer */
#define BODY_END    (FOOT_Y - 10.0)       /* nothing of the body below this */
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

struct pv {
	struct pdf *pdf;
	const struct pv_input *in;
	const struct eml_510b *c;
	int voter_cards;       /* the form has C */
	int page;              /* the page being drawn, from 1 */
	int npages;            /* pages in all; 0 while counting them */
	double y;              /* where the next thing goes */
	double top;            /* where the body of this page starts */
	size_t ndefinitive;    /* stations with a definitive count */
};

/* "2022-03-16" as "16 maart 2022"; anything else as it is. */
void pv_nl_date(const char *iso, char *out, size_t size);
/* A count as text; a field without a count (never in a definitive form) as "-". */
const char *pv_num(long v, char *buf, size_t size);
/* "Vaart, H. van der": how the Kiesraad's forms name a candidate. */
void pv_candidate_name(const struct tally_candidate *k, char *out, size_t size);
/* Starts the next page (the first, when none is started yet). */
void pv_page_start(struct pv *v);
/* Moves to a new page unless h points fit on this one; returns 1 when it did. */
int pv_need(struct pv *v, double h);
/* A section's heading, kept on a page with keep points of what follows. */
void pv_heading(struct pv *v, const char *text, double keep);
/* A paragraph of running text. */
void pv_para(struct pv *v, const char *font, const char *text);

/* Part 3, the votes per list and candidate (pv_lists.c); -1 when memory runs out. */
int pv_lists(struct pv *v);
/* The committee's session: place, date, times, members present (pv_session.c). */
void pv_session(struct pv *v);
/* Part 4, the signatures of the committee (pv_session.c). */
void pv_signatures(struct pv *v);

#endif
