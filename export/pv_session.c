/*
 * The committee in the proces-verbaal: its session (place, date, start and
 * end, the members present) in the opening part, and the signatures at the
 * end. What is not known is left as a line to fill in by hand.
 */
#include <stdio.h>
#include <string.h>

#include "export/pv_internal.h"

#define LABEL_W      150.0     /* as the title's rows */
#define BLANK_W      220.0     /* a line to fill in */
#define BLANK_H      20.0
#define BLANK_MEMBERS 6        /* lines for the members when none are known */

static int known(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* A row of the session: its label, then the value, or a line to write it on. */
static void session_row(struct pv *v, const char *label, const char *value)
{
	double h;

	if (known(value)) {
		pdf_measure(v->pdf, W - LABEL_W, F_TEXTB, value, NULL, &h);
		pv_need(v, h + 3);
		pdf_text(v->pdf, X0, v->y, LABEL_W, F_TEXT, PDF_LEFT, label);
		v->y += pdf_text(v->pdf, X0 + LABEL_W, v->y, W - LABEL_W, F_TEXTB, PDF_LEFT, value) + 3;
		return;
	}
	pv_need(v, BLANK_H);
	pdf_text(v->pdf, X0, v->y + BLANK_H - 12, LABEL_W, F_TEXT, PDF_LEFT, label);
	pdf_line(v->pdf, X0 + LABEL_W, v->y + BLANK_H - 2, X0 + LABEL_W + BLANK_W, v->y + BLANK_H - 2,
	         0.5, 0);
	v->y += BLANK_H + 2;
}

void pv_session(struct pv *v)
{
	const struct pv_session *z = v->in->session;
	const char *place = z ? z->place : NULL, *start = z ? z->start_time : NULL;
	const char *end = z ? z->end_time : NULL;
	char date[64] = "", t1[32] = "", t2[32] = "", b[8];
	size_t i, nm = z != NULL && z->members != NULL ? z->nmembers : 0;
	int gaps;

	if (z != NULL && known(z->date))
		pv_nl_date(z->date, date, sizeof date);
	if (known(start))
		snprintf(t1, sizeof t1, "%.8s uur", start);
	if (known(end))
		snprintf(t2, sizeof t2, "%.8s uur", end);
	gaps = !known(place) || date[0] == '\0' || t1[0] == '\0' || t2[0] == '\0' || nm == 0;
	pv_heading(v, "Zitting van het gemeentelijk stembureau", 110);
	if (gaps)
		pv_para(v, F_TEXT, "Wat hieronder niet is ingevuld, vult de voorzitter met de hand in.");
	session_row(v, "Plaats", place);
	session_row(v, "Datum", date);
	session_row(v, "Aanvang", t1);
	session_row(v, "Einde", t2);
	if (nm > 0) {
		for (i = 0; i < nm; i++)
			session_row(v, i == 0 ? "Aanwezige leden" : "", z->members[i]);
		return;
	}
	for (i = 0; i < BLANK_MEMBERS; i++) {
		snprintf(b, sizeof b, "%zu.", i + 1);
		session_row(v, i == 0 ? "Aanwezige leden" : "", NULL);
		pdf_text(v->pdf, X0 + LABEL_W - 20, v->y - 14, 18, F_TEXT, PDF_RIGHT, b);
	}
}

/* A labelled line to write on by hand, from x, w wide. */
static void hand_line(struct pv *v, double x, double w, const char *label)
{
	pdf_line(v->pdf, x, v->y, x + w, v->y, 0.6, 0);
	pdf_text(v->pdf, x, v->y + 2, w, F_SMALL, PDF_LEFT, label);
}

void pv_signatures(struct pv *v)
{
	const double nx = X0 + 70, nwid = 200, sx = X0 + 290, swid = W - 290;
	char b[16];
	int i;

	pv_heading(v, "4. Ondertekening door het gemeentelijk stembureau", 400);
	pv_para(v, F_TEXT, "Bijzonderheden en bezwaren (met de hand in te vullen; geen bijzonderheden: "
	     "doorhalen):");
	for (i = 0; i < 4; i++) {
		v->y += 20;
		pdf_line(v->pdf, X0, v->y, X0 + W, v->y, 0.4, 0.5);
	}
	v->y += 16;
	pv_para(v, F_TEXT, v->in->draft ?
	     "CONCEPT: dit proces-verbaal is nog niet vastgesteld en wordt niet ondertekend." :
	     "Aldus vastgesteld en ondertekend door de voorzitter en de leden van het gemeentelijk "
	     "stembureau.");
	v->y += 26;
	hand_line(v, X0, 220, "plaats");
	hand_line(v, X0 + 260, 120, "datum");
	hand_line(v, X0 + 410, W - 410, "tijd");
	v->y += 24;
	pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT, "Voorzitter");
	v->y += 32;
	hand_line(v, nx, nwid, "naam");
	hand_line(v, sx, swid, "handtekening");
	v->y += 24;
	pdf_text(v->pdf, X0, v->y, W, F_TEXTB, PDF_LEFT, "Leden");
	for (i = 1; i <= 4; i++) {
		v->y += 32;
		snprintf(b, sizeof b, "%d.", i);
		pdf_text(v->pdf, X0 + 40, v->y - 12, 24, F_TEXT, PDF_LEFT, b);
		hand_line(v, nx, nwid, "naam");
		hand_line(v, sx, swid, "handtekening");
	}
	v->y += 16;
}
