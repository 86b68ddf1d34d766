#ifndef EXPORT_INVOICE_INT_H
#define EXPORT_INVOICE_INT_H
/*
 * What the invoice's PDF (invoice.c) and CSV (invoice_csv.c) share, made in
 * invoice_data.c; not for other rooms. Dates and counts in Dutch are
 * base/date.h's and the PDF engine's (pdf.h).
 */
#include <stddef.h>

#include "costs/costs.h"
#include "export/invoice.h"

#define INVOICE_TIMES "\xc3\x97"
#define MIDDOT        "\xc2\xb7"

/* A line in the order of the documents, with its amount. */
struct invoice_ref {
	const struct costs_line *l;
	size_t index;             /* in in->lines: the last tie-breaker */
	costs_cents amount;
};

/*
 * Checks the input and orders its lines: by category, then date, person and
 * time, then as given. Returns INVOICE_OK with *out (malloc'd, the caller
 * frees; NULL when there are no lines), or an error.
 */
int invoice_prepare(const struct invoice_input *in, struct invoice_ref **out);
/* "Gemeente West Maas en Waal", also when the name already says "Gemeente". */
void invoice_town(const struct invoice_input *in, char *out, size_t size);
/* Appends "label text" to out, after a middle dot when out is not empty; nothing for no text. */
void invoice_join(char *out, size_t size, const char *label, const char *text);
/* s with its first letter in capitals. */
void invoice_capital(const char *s, char *out, size_t size);
/* Basis points as "21", "9,5", "6,25" (without the percent sign). */
void invoice_nl_percent(int bp, char *out, size_t size);

#endif
