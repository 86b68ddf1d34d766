/*
 * Part 3 of the proces-verbaal: the votes per list and per candidate, a
 * summary of the lists first, then each list's candidates in two columns,
 * split over pages where a list is long.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/pv_internal.h"

/* The summary of part 3: every list's number, name and total. */
static void list_summary(struct pv *v, size_t nlists)
{
	const struct eml_510b *c = v->c;
	const double nw = 40, vw = 90;
	char b[24];
	double h;
	size_t i;

	pdf_measure(v->pdf, 0, F_TEXTB, "Lijst", NULL, &h);
	h += 2 * VPAD + 1;
	pv_need(v, 3 * h);
	pdf_fill(v->pdf, X0, v->y, W, h, 0.82);
	pdf_text(v->pdf, X0 + PAD, v->y + VPAD, nw - 2 * PAD, F_TEXTB, PDF_RIGHT, "Lijst");
	pdf_text(v->pdf, X0 + nw + 8, v->y + VPAD, W - nw - vw, F_TEXTB, PDF_LEFT, "Naam van de lijst");
	pdf_text(v->pdf, X0 + W - vw, v->y + VPAD, vw - PAD, F_TEXTB, PDF_RIGHT, "Stemmen");
	v->y += h;
	for (i = 0; i < nlists; i++) {
		const char *name = c->lists[i].name[0] != '\0' ? c->lists[i].name : "(blanco lijst)";
		double rh;

		pdf_measure(v->pdf, W - nw - vw - 8, F_TEXT, name, NULL, &rh);
		rh += 2 * VPAD + 1;
		pv_need(v, rh);
		if (i % 2 == 1)
			pdf_fill(v->pdf, X0, v->y, W, rh, 0.94);
		pdf_text(v->pdf, X0 + PAD, v->y + VPAD, nw - 2 * PAD, F_TEXT, PDF_RIGHT,
		         pv_num(c->lists[i].number, b, sizeof b));
		pdf_text(v->pdf, X0 + nw + 8, v->y + VPAD, W - nw - vw - 8, F_TEXT, PDF_LEFT, name);
		pdf_text(v->pdf, X0 + W - vw, v->y + VPAD, vw - PAD, F_TEXTB, PDF_RIGHT,
		         pv_num(c->total->lists[i].total, b, sizeof b));
		pdf_line(v->pdf, X0, v->y + rh, X0 + W, v->y + rh, 0.3, 0.7);
		v->y += rh;
	}
	pv_need(v, h + 2);
	pdf_line(v->pdf, X0, v->y + 0.5, X0 + W, v->y + 0.5, 1.2, 0);
	v->y += 2;
	pdf_fill(v->pdf, X0, v->y, W, h, 0.88);
	pdf_text(v->pdf, X0 + nw + 8, v->y + VPAD, W - nw - vw - 8, F_TEXTB, PDF_LEFT,
	         "Totaal stemmen op kandidaten (E)");
	pdf_text(v->pdf, X0 + W - vw, v->y + VPAD, vw - PAD, F_TEXTB, PDF_RIGHT,
	         pv_num(c->total->valid_votes, b, sizeof b));
	v->y += h;
}

/* The candidates' two columns: position, name, votes. */
#define CGAP 16.0
#define CW   ((W - CGAP) / 2)
#define POSW 22.0
#define VOTW 42.0
#define NAMEW (CW - POSW - VOTW)
#define CVPAD 1.3     /* a little tighter than VPAD: two lists of 50 on a page */

/* Height of rows s ... s+r-1 (left) beside s+r ... s+2r-1 (right), of n candidates. */
static double chunk_height(const double *hs, size_t s, size_t r, size_t n)
{
	double sum = 0, a, b;
	size_t i;

	for (i = 0; i < r && s + i < n; i++) {
		a = hs[s + i];
		b = s + r + i < n ? hs[s + r + i] : 0;
		sum += (a > b ? a : b);
	}
	return sum;
}

/* The bar over a list's candidates, and their column heads; returns its height. */
static double list_bar(struct pv *v, const struct tally_list *l, long total, int cont, int draw)
{
	char title[TALLY_TEXT_MAX + 64], right[64], b[24];
	double h, sh, x;
	int k;

	snprintf(title, sizeof title, "Lijst %d \xc2\xb7 %s%s", l->number,
	         l->name[0] != '\0' ? l->name : "(blanco lijst)", cont ? " (vervolg)" : "");
	snprintf(right, sizeof right, "Totaal lijst %d: %s", l->number, pv_num(total, b, sizeof b));
	pdf_measure(v->pdf, W - 150 - 2 * PAD, F_TEXTB, title, NULL, &h);
	h += 2 * VPAD + 2;
	pdf_measure(v->pdf, 0, F_SMALL, "Nr", NULL, &sh);
	sh += 2;
	if (!draw)
		return h + sh + 2;
	pdf_fill(v->pdf, X0, v->y, W, h, 0.82);
	pdf_text(v->pdf, X0 + PAD, v->y + VPAD + 1, W - 150 - 2 * PAD, F_TEXTB, PDF_LEFT, title);
	pdf_text(v->pdf, X0 + W - 150, v->y + VPAD + 1, 150 - PAD, F_TEXTB, PDF_RIGHT, right);
	v->y += h + 1;
	for (k = 0; k < 2; k++) {
		x = X0 + k * (CW + CGAP);
		pdf_text(v->pdf, x, v->y, POSW - PAD, F_SMALL, PDF_RIGHT, "Nr");
		pdf_text(v->pdf, x + POSW + PAD, v->y, NAMEW - 2 * PAD, F_SMALL, PDF_LEFT, "Kandidaat");
		pdf_text(v->pdf, x + POSW + NAMEW, v->y, VOTW - PAD, F_SMALL, PDF_RIGHT, "Stemmen");
	}
	v->y += sh;
	pdf_line(v->pdf, X0, v->y, X0 + W, v->y, 0.4, 0.5);
	v->y += 1;
	return h + sh + 2;
}

/* The font of a candidate's name: a size smaller when it would not fit on one line. */
static const char *name_font(struct pv *v, const char *name)
{
	double w;

	pdf_measure(v->pdf, 0, F_CELL, name, &w, NULL);
	return w <= NAMEW - 2 * PAD ? F_CELL : F_CELLS;
}

static void candidate_cell(struct pv *v, double x, double y, const struct tally_candidate *k,
                           int position, long votes)
{
	char name[TALLY_TEXT_MAX * 2 + 160], b[24];

	pv_candidate_name(k, name, sizeof name);
	pdf_text(v->pdf, x, y + CVPAD, POSW - PAD, F_CELL, PDF_RIGHT, pv_num(position, b, sizeof b));
	pdf_text(v->pdf, x + POSW + PAD, y + CVPAD, NAMEW - 2 * PAD, name_font(v, name), PDF_LEFT,
	         name);
	pdf_text(v->pdf, x + POSW + NAMEW, y + CVPAD, VOTW - PAD, F_CELL, PDF_RIGHT,
	         pv_num(votes, b, sizeof b));
}

/* A list: its bar, then its candidates in two columns, split over pages if need be. */
static int list_block(struct pv *v, const struct tally_list *l, const struct tally_form_list *fl)
{
	char name[TALLY_TEXT_MAX * 2 + 160];
	size_t n = l->ncandidates < fl->ncandidates ? l->ncandidates : fl->ncandidates;
	size_t s = 0, r, rmax, i, best;
	double *hs = NULL, bar, avail, y0, rh, a, b, line;
	int cont = 0;

	if (n > 0 && (hs = calloc(n, sizeof *hs)) == NULL)
		return -1;
	pdf_measure(v->pdf, 0, F_CELL, "Nr", NULL, &line);
	for (i = 0; i < n; i++) {
		pv_candidate_name(&l->candidates[i], name, sizeof name);
		pdf_measure(v->pdf, NAMEW - 2 * PAD, name_font(v, name), name, NULL, &hs[i]);
		if (hs[i] < line)
			hs[i] = line; /* a smaller font, the same row */
		hs[i] += 2 * CVPAD;
	}
	bar = list_bar(v, l, fl->total, 0, 0);
	v->y += v->y > v->top ? 10 : 0;
	for (;;) {
		rmax = (n - s + 1) / 2;
		avail = BODY_END - v->y - bar;
		for (best = 0, r = 1; r <= rmax; r++) {
			if (chunk_height(hs, s, r, n) > avail)
				break;
			best = r;
		}
		if (best < rmax && v->y > v->top &&
		    (best < 4 || (!cont && bar + chunk_height(hs, s, rmax, n) <= BODY_END - v->top))) {
			pv_page_start(v); /* the list on one page, or at least a few rows of it here */
			continue;
		}
		if (best == 0 && rmax > 0)
			best = 1; /* a row taller than a page: draw it anyway */
		list_bar(v, l, fl->total, cont, 1);
		y0 = v->y;
		for (i = 0; i < best && s + i < n; i++) {
			a = hs[s + i];
			b = s + best + i < n ? hs[s + best + i] : 0;
			rh = a > b ? a : b;
			if (i % 2 == 1)
				pdf_fill(v->pdf, X0, v->y, W, rh, 0.94);
			candidate_cell(v, X0, v->y, &l->candidates[s + i], l->candidates[s + i].position,
			               fl->candidates[s + i]);
			if (s + best + i < n)
				candidate_cell(v, X0 + CW + CGAP, v->y, &l->candidates[s + best + i],
				               l->candidates[s + best + i].position,
				               fl->candidates[s + best + i]);
			v->y += rh;
		}
		pdf_line(v->pdf, X0 + CW + CGAP / 2, y0, X0 + CW + CGAP / 2, v->y, 0.4, 0.6);
		pdf_line(v->pdf, X0, v->y, X0 + W, v->y, 0.4, 0.5);
		s += 2 * best;
		if (s >= n)
			break;
		pv_page_start(v);
		cont = 1;
	}
	free(hs);
	return 0;
}

int pv_lists(struct pv *v)
{
	const struct eml_510b *c = v->c;
	size_t n = c->nlists < c->total->nlists ? c->nlists : c->total->nlists, i;

	pv_heading(v, "3. Stemmen per lijst en per kandidaat", 60);
	if (v->ndefinitive < v->c->nstations)
		pv_para(v, F_TEXTB, "Concept: alleen de definitieve stembureaus zijn meegeteld.");
	list_summary(v, n);
	for (i = 0; i < n; i++)
		if (list_block(v, &c->lists[i], &c->total->lists[i]) != 0)
			return -1;
	return 0;
}
