#ifndef EXPORT_PV_RESULT_INTERNAL_H
#define EXPORT_PV_RESULT_INTERNAL_H
/*
 * What the P 22-2's files share; not for use outside export/. pv_result.c
 * (the title, the votes, the quota, the full seats, the checks of the input)
 * uses what pv_result_seats.c defines below (the helpers, the residual seats,
 * P 9, P 10, the lots, the seats per list, the deceased, the elected and the
 * rankings), never the other way. The frame of every page, the title's fields, the
 * session, the signatures, the fonts and table styles are every PV's
 * (pv_internal.h: pv_style.c, pv_session.c), so that the documents look alike.
 */
#include <stddef.h>

#include "export/pdf.h"
#include "export/pv_internal.h"
#include "export/pv_result.h"

struct pv_res {
	struct pdf_doc *d;                  /* the document being laid out */
	const struct pv_result_input *in;
	const struct tally_result *r;
	const struct tally_result_in *b;    /* in->basis */
	const struct tally_list **names;    /* names[i]: the 230b's list of r->lists[i] */
	struct pv_frame frame;              /* what every page's frame and the title say */
	int section;                        /* the number of the last numbered heading */
	int small;                          /* fewer than 19 seats (P 8, 50 % threshold) */
};

/* A bounded text: pv_result_put appends to buf, never past size, always terminated. */
struct pv_text {
	char *buf;
	size_t size, used;
};

void pv_result_put(struct pv_text *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A numbered heading ("5. Restzetels"), kept on a page with keep points of what follows. */
void pv_result_heading(struct pv_res *v, const char *title, double keep);
/* A bold line over what follows, kept with keep points of it. */
void pv_result_subheading(struct pv_res *v, const char *text, double keep);
/* The list's name as the 230b gives it; "(blanco lijst)" for a list without one. */
const char *pv_result_list_name(const struct tally_list *l);
/*
 * "lijst 3 (Partij X)" for list number ("Lijst" when capital, to open a
 * sentence); just "lijst 3" when the number is not a list's.
 */
void pv_result_list_label(const struct pv_res *v, int number, int capital, char *out,
                          size_t size);
/* The index in r->lists of list number, or -1. */
int pv_result_list_index(const struct pv_res *v, int number);
/* The 230b's candidate at position on list index li, or NULL. */
const struct tally_candidate *pv_result_candidate(const struct pv_res *v, size_t li, int position);
/* The basis's candidate (votes, deceased) at position on list index li, or NULL. */
const struct tally_result_candidate *pv_result_votes(const struct pv_res *v, size_t li,
                                                     int position);
/* "2", "2 en 3", "2, 3 en 4" into out. */
void pv_result_numbers(const int *n, size_t count, char *out, size_t size);

/* The residual seats step by step, the empty seats after them; -1 when memory runs out. */
int pv_result_residual(struct pv_res *v);
/* P 9, when it was applied: who had the majority, who gave up which seat. */
void pv_result_majority(struct pv_res *v);
/* P 10, when it was applied: who gave seats back, where they went, what stays empty. */
void pv_result_exhaustion(struct pv_res *v);
/* Every lot drawn, in the order drawn: what it decided, on whom it fell. */
void pv_result_lots(struct pv_res *v);
/* The seats per list, with the empty seats. */
void pv_result_seats(struct pv_res *v);
/* The deceased candidates, when there are any (P 19a). */
void pv_result_deceased(struct pv_res *v);
/* The elected per list in the order of the new ranking, and every ranking that changed. */
void pv_result_elected(struct pv_res *v);

#endif
