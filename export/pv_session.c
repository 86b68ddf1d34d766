/*
 * The committee in the proces-verbaal: its session (place, date, start and
 * end, the members present) in the opening part, and the signatures at the
 * end. What is not known is left as a line to fill in by hand.
 */
#include <stdio.h>

#include "base/date.h"
#include "export/pv_internal.h"

#define LABEL_W      150.0     /* as the title's fields */
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
	struct pdf_doc *d = v->d;

	if (known(value)) {
		pdf_doc_field(d, LABEL_W, label, value);
		return;
	}
	pdf_doc_need(d, BLANK_H);
	pdf_text(d->pdf, d->x, d->y + BLANK_H - 12, LABEL_W, F_TEXT, PDF_LEFT, label);
	pdf_line(d->pdf, d->x + LABEL_W, d->y + BLANK_H - 2, d->x + LABEL_W + BLANK_W,
	         d->y + BLANK_H - 2, 0.5, 0);
	d->y += BLANK_H + 2;
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
		date_nl_long(z->date, date, sizeof date);
	if (known(start))
		snprintf(t1, sizeof t1, "%.8s uur", start);
	if (known(end))
		snprintf(t2, sizeof t2, "%.8s uur", end);
	gaps = !known(place) || date[0] == '\0' || t1[0] == '\0' || t2[0] == '\0' || nm == 0;
	pdf_doc_heading(v->d, "Zitting van het gemeentelijk stembureau", 110);
	if (gaps)
		pdf_doc_para(v->d, F_TEXT,
		             "Wat hieronder niet is ingevuld, vult de voorzitter met de hand in.");
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
		pdf_text(v->d->pdf, v->d->x + LABEL_W - 20, v->d->y - 14, 18, F_TEXT, PDF_RIGHT, b);
	}
}

/* A labelled line to write on by hand, from x, w wide. */
static void hand_line(struct pdf_doc *d, double x, double w, const char *label)
{
	pdf_line(d->pdf, x, d->y, x + w, d->y, 0.6, 0);
	pdf_text(d->pdf, x, d->y + 2, w, F_SMALL, PDF_LEFT, label);
}

void pv_signatures(struct pv *v)
{
	struct pdf_doc *d = v->d;
	const double x0 = d->x, w = d->w, nx = x0 + 70, nwid = 200, sx = x0 + 290, swid = w - 290;
	char b[16];
	int i;

	pdf_doc_heading(d, "4. Ondertekening door het gemeentelijk stembureau", 400);
	pdf_doc_para(d, F_TEXT, "Bijzonderheden en bezwaren (met de hand in te vullen; geen "
	     "bijzonderheden: doorhalen):");
	for (i = 0; i < 4; i++) {
		d->y += 20;
		pdf_line(d->pdf, x0, d->y, x0 + w, d->y, 0.4, 0.5);
	}
	d->y += 16;
	pdf_doc_para(d, F_TEXT, v->in->draft ?
	     "CONCEPT: dit proces-verbaal is nog niet vastgesteld en wordt niet ondertekend." :
	     "Aldus vastgesteld en ondertekend door de voorzitter en de leden van het gemeentelijk "
	     "stembureau.");
	d->y += 26;
	hand_line(d, x0, 220, "plaats");
	hand_line(d, x0 + 260, 120, "datum");
	hand_line(d, x0 + 410, w - 410, "tijd");
	d->y += 24;
	pdf_text(d->pdf, x0, d->y, w, F_TEXTB, PDF_LEFT, "Voorzitter");
	d->y += 32;
	hand_line(d, nx, nwid, "naam");
	hand_line(d, sx, swid, "handtekening");
	d->y += 24;
	pdf_text(d->pdf, x0, d->y, w, F_TEXTB, PDF_LEFT, "Leden");
	for (i = 1; i <= 4; i++) {
		d->y += 32;
		snprintf(b, sizeof b, "%d.", i);
		pdf_text(d->pdf, x0 + 40, d->y - 12, 24, F_TEXT, PDF_LEFT, b);
		hand_line(d, nx, nwid, "naam");
		hand_line(d, sx, swid, "handtekening");
	}
	d->y += 16;
}
