/*
 * The committee in a proces-verbaal (pv_internal.h): its session (place,
 * date, start and end, the members present) in the opening part, and the
 * signatures at the end; what is not known is left as a line to fill in by
 * hand. What they say of the committee, the municipality's (Na 31-2, Na 14-2)
 * or the central electoral committee (P 22-2), is pv_word's. Uses none of the
 * documents.
 */
#include <stdio.h>

#include "base/date.h"
#include "export/pv_internal.h"

#define BLANK_W      220.0     /* a line to fill in */
#define BLANK_H      20.0
#define BLANK_MEMBERS 6        /* lines for the members when none are known */

static int known(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* A heading, "4. title" when number > 0, kept with keep points of what follows. */
static void heading(struct pdf_doc *d, int number, const char *title, double keep)
{
	char buf[TALLY_TEXT_MAX + 16];

	if (number > 0)
		snprintf(buf, sizeof buf, "%d. %s", number, title);
	else
		snprintf(buf, sizeof buf, "%s", title);
	pdf_doc_heading(d, buf, keep);
}

/* A row of the session: its label, then the value, or a line to write it on. */
static void session_row(struct pdf_doc *d, double label_w, const char *label, const char *value)
{
	if (known(value)) {
		pdf_doc_field(d, label_w, label, value);
		return;
	}
	pdf_doc_need(d, BLANK_H);
	pdf_text(d->pdf, d->x, d->y + BLANK_H - 12, label_w, F_TEXT, PDF_LEFT, label);
	pdf_line(d->pdf, d->x + label_w, d->y + BLANK_H - 2, d->x + label_w + BLANK_W,
	         d->y + BLANK_H - 2, 0.5, 0);
	d->y += BLANK_H + 2;
}

void pv_session(struct pdf_doc *d, const struct pv_frame *f, int number,
                const struct pv_session *z)
{
	const char *place = z ? z->place : NULL, *start = z ? z->start_time : NULL;
	const char *end = z ? z->end_time : NULL;
	const double lw = f->label_w;
	char date[64] = "", t1[32] = "", t2[32] = "", b[8];
	size_t i, nm = z != NULL && z->members != NULL ? z->nmembers : 0;

	if (z != NULL && known(z->date))
		date_nl_long(z->date, date, sizeof date);
	if (known(start))
		snprintf(t1, sizeof t1, "%.8s uur", start);
	if (known(end))
		snprintf(t2, sizeof t2, "%.8s uur", end);
	heading(d, number, pv_word(f->committee, PV_SESSION), 110);
	if (!known(place) || date[0] == '\0' || t1[0] == '\0' || t2[0] == '\0' || nm == 0)
		pdf_doc_para(d, F_TEXT,
		             "Wat hieronder niet is ingevuld, vult de voorzitter met de hand in.");
	session_row(d, lw, "Plaats", place);
	session_row(d, lw, "Datum", date);
	session_row(d, lw, "Aanvang", t1);
	session_row(d, lw, "Einde", t2);
	for (i = 0; i < nm; i++)
		session_row(d, lw, i == 0 ? "Aanwezige leden" : "", z->members[i]);
	for (i = 0; nm == 0 && i < BLANK_MEMBERS; i++) {
		snprintf(b, sizeof b, "%zu.", i + 1);
		session_row(d, lw, i == 0 ? "Aanwezige leden" : "", NULL);
		pdf_text(d->pdf, d->x + lw - 20, d->y - 14, 18, F_TEXT, PDF_RIGHT, b);
	}
}

/* A labelled line to write on by hand, from x, w wide. */
static void hand_line(struct pdf_doc *d, double x, double w, const char *label)
{
	pdf_line(d->pdf, x, d->y, x + w, d->y, 0.6, 0);
	pdf_text(d->pdf, x, d->y + 2, w, F_SMALL, PDF_LEFT, label);
}

void pv_signatures(struct pdf_doc *d, const struct pv_frame *f, int number)
{
	const double x0 = d->x, w = d->w, nx = x0 + 70, nwid = 200, sx = x0 + 290, swid = w - 290;
	char b[160];
	int i;

	snprintf(b, sizeof b, "Ondertekening door het %s", pv_word(f->committee, PV_NAME));
	heading(d, number, b, f->sign_keep);
	pdf_doc_para(d, F_TEXT, pv_word(f->committee, PV_REMARKS));
	for (i = 0; i < 4; i++) {
		d->y += 20;
		pdf_line(d->pdf, x0, d->y, x0 + w, d->y, 0.4, 0.5);
	}
	d->y += 16;
	pdf_doc_para(d, F_TEXT, pv_word(f->committee, f->draft ? PV_NOT_SIGNED : PV_ADOPTED));
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
