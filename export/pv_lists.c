/*
 * Part 3 of the proces-verbaal: the votes per list and per candidate, a
 * summary of the lists first (an engine table, pdf.h), then each list's
 * candidates in two columns, split over pages where a list is long.
 */
#include <stdio.h>
#include <stdlib.h>

#include "export/pv_internal.h"

static const char *list_name(const struct tally_list *l)
{
	return l->name[0] != '\0' ? l->name : "(blanco lijst)";
}

/* The summary of part 3: every list's number, name and total. */
static void list_summary(struct pv *v, size_t nlists)
{
	const struct eml_510b *c = v->c;
	/* an empty column keeps the names clear of the numbers */
	struct pdf_table t = {&pv_plain, F_TEXT, F_TEXTB, NULL, {
		{"Lijst", 40, PDF_RIGHT, 0}, {"", 5, PDF_LEFT, 0}, {"Naam van de lijst", -1, PDF_LEFT, 0},
		{"Stemmen", 90, PDF_RIGHT, 0}}, 4, NULL, {0}, 0};
	char nr[24], votes[24];
	size_t i;

	pdf_doc_need(v->d, pdf_table_keep(v->d, &t, 2));
	pdf_table_begin(v->d, &t);
	for (i = 0; i < nlists; i++) {
		const struct pdf_cell cells[] = {
			{pv_num(c->lists[i].number, nr, sizeof nr), 0}, {"", 0}, {list_name(&c->lists[i]), 0},
			{pv_num(c->total->lists[i].total, votes, sizeof votes), PDF_CELL_BOLD},
		};

		pdf_table_row(&t, cells);
	}
	{
		const struct pdf_cell cells[] = {
			{"", 0}, {"", 0}, {"Totaal stemmen op kandidaten (E)", 0},
			{pv_num(c->total->valid_votes, votes, sizeof votes), 0},
		};

		pdf_table_total(&t, cells);
	}
	pdf_table_end(&t);
}

/* The candidates' two columns: position, name, votes. */
#define CGAP 16.0
#define CW(d) (((d)->w - CGAP) / 2)
#define POSW 22.0
#define VOTW 42.0
#define NAMEW(d) (CW(d) - POSW - VOTW)
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
	struct pdf_doc *d = v->d;
	char title[TALLY_TEXT_MAX + 64], right[64], b[24];
	double h, sh, x;
	int k;

	snprintf(title, sizeof title, "Lijst %d " MIDDOT " %s%s", l->number, list_name(l),
	         cont ? " (vervolg)" : "");
	snprintf(right, sizeof right, "Totaal lijst %d: %s", l->number, pv_num(total, b, sizeof b));
	pdf_measure(d->pdf, d->w - 150 - 2 * PAD, F_TEXTB, title, NULL, &h);
	h += 2 * VPAD + 2;
	pdf_measure(d->pdf, 0, F_SMALL, "Nr", NULL, &sh);
	sh += 2;
	if (!draw)
		return h + sh + 2;
	pdf_fill(d->pdf, d->x, d->y, d->w, h, 0.82);
	pdf_text(d->pdf, d->x + PAD, d->y + VPAD + 1, d->w - 150 - 2 * PAD, F_TEXTB, PDF_LEFT, title);
	pdf_text(d->pdf, d->x + d->w - 150, d->y + VPAD + 1, 150 - PAD, F_TEXTB, PDF_RIGHT, right);
	d->y += h + 1;
	for (k = 0; k < 2; k++) {
		x = d->x + k * (CW(d) + CGAP);
		pdf_text(d->pdf, x, d->y, POSW - PAD, F_SMALL, PDF_RIGHT, "Nr");
		pdf_text(d->pdf, x + POSW + PAD, d->y, NAMEW(d) - 2 * PAD, F_SMALL, PDF_LEFT, "Kandidaat");
		pdf_text(d->pdf, x + POSW + NAMEW(d), d->y, VOTW - PAD, F_SMALL, PDF_RIGHT, "Stemmen");
	}
	d->y += sh;
	pdf_line(d->pdf, d->x, d->y, d->x + d->w, d->y, 0.4, 0.5);
	d->y += 1;
	return h + sh + 2;
}

/* The font of a candidate's name: a size smaller when it would not fit on one line. */
static const char *name_font(struct pv *v, const char *name)
{
	double w;

	pdf_measure(v->d->pdf, 0, F_CELL, name, &w, NULL);
	return w <= NAMEW(v->d) - 2 * PAD ? F_CELL : F_CELLS;
}

static void candidate_cell(struct pv *v, double x, const struct tally_candidate *k, long votes)
{
	struct pdf_doc *d = v->d;
	char name[TALLY_CANDIDATE_NAME_MAX], b[24];
	double y = d->y + CVPAD;

	tally_candidate_name(k, TALLY_NAME_FORMS, name, sizeof name);
	pdf_text(d->pdf, x, y, POSW - PAD, F_CELL, PDF_RIGHT, pv_num(k->position, b, sizeof b));
	pdf_text(d->pdf, x + POSW + PAD, y, NAMEW(d) - 2 * PAD, name_font(v, name), PDF_LEFT, name);
	pdf_text(d->pdf, x + POSW + NAMEW(d), y, VOTW - PAD, F_CELL, PDF_RIGHT,
	         pv_num(votes, b, sizeof b));
}

/* The rows s ... of a list in two columns, best rows high; the page is started. */
static void list_rows(struct pv *v, const struct tally_list *l, const struct tally_form_list *fl,
                      const double *hs, size_t s, size_t best, size_t n)
{
	struct pdf_doc *d = v->d;
	double y0 = d->y, rh, a, b;
	size_t i;

	for (i = 0; i < best && s + i < n; i++) {
		a = hs[s + i];
		b = s + best + i < n ? hs[s + best + i] : 0;
		rh = a > b ? a : b;
		if (i % 2 == 1)
			pdf_fill(d->pdf, d->x, d->y, d->w, rh, 0.94);
		candidate_cell(v, d->x, &l->candidates[s + i], fl->candidates[s + i]);
		if (s + best + i < n)
			candidate_cell(v, d->x + CW(d) + CGAP, &l->candidates[s + best + i],
			               fl->candidates[s + best + i]);
		d->y += rh;
	}
	pdf_line(d->pdf, d->x + CW(d) + CGAP / 2, y0, d->x + CW(d) + CGAP / 2, d->y, 0.4, 0.6);
	pdf_line(d->pdf, d->x, d->y, d->x + d->w, d->y, 0.4, 0.5);
}

/* A list: its bar, then its candidates in two columns, split over pages if need be. */
static int list_block(struct pv *v, const struct tally_list *l, const struct tally_form_list *fl)
{
	struct pdf_doc *d = v->d;
	char name[TALLY_CANDIDATE_NAME_MAX];
	size_t n = l->ncandidates < fl->ncandidates ? l->ncandidates : fl->ncandidates;
	size_t s = 0, r, rmax, i, best;
	double *hs = NULL, bar, avail, line, end = d->def->body_end;
	int cont = 0;

	if (n > 0 && (hs = calloc(n, sizeof *hs)) == NULL)
		return -1;
	pdf_measure(d->pdf, 0, F_CELL, "Nr", NULL, &line);
	for (i = 0; i < n; i++) {
		tally_candidate_name(&l->candidates[i], TALLY_NAME_FORMS, name, sizeof name);
		pdf_measure(d->pdf, NAMEW(d) - 2 * PAD, name_font(v, name), name, NULL, &hs[i]);
		if (hs[i] < line)
			hs[i] = line; /* a smaller font, the same row */
		hs[i] += 2 * CVPAD;
	}
	bar = list_bar(v, l, fl->total, 0, 0);
	d->y += d->y > d->top ? 10 : 0;
	for (;;) {
		rmax = (n - s + 1) / 2;
		avail = end - d->y - bar;
		for (best = 0, r = 1; r <= rmax; r++) {
			if (chunk_height(hs, s, r, n) > avail)
				break;
			best = r;
		}
		if (best < rmax && d->y > d->top &&
		    (best < 4 || (!cont && bar + chunk_height(hs, s, rmax, n) <= end - d->top))) {
			pdf_doc_new_page(d); /* the list on one page, or at least a few rows of it here */
			continue;
		}
		if (best == 0 && rmax > 0)
			best = 1; /* a row taller than a page: draw it anyway */
		list_bar(v, l, fl->total, cont, 1);
		list_rows(v, l, fl, hs, s, best, n);
		s += 2 * best;
		if (s >= n)
			break;
		pdf_doc_new_page(d);
		cont = 1;
	}
	free(hs);
	return 0;
}

int pv_lists(struct pv *v)
{
	const struct eml_510b *c = v->c;
	size_t n = c->nlists < c->total->nlists ? c->nlists : c->total->nlists, i;

	pdf_doc_heading(v->d, "3. Stemmen per lijst en per kandidaat", 60);
	if (v->ndefinitive < v->c->nstations)
		pdf_doc_para(v->d, F_TEXTB, "Concept: alleen de definitieve stembureaus zijn meegeteld.");
	list_summary(v, n);
	for (i = 0; i < n; i++)
		if (list_block(v, &c->lists[i], &c->total->lists[i]) != 0)
			return -1;
	return 0;
}
