#ifndef EXPORT_INVOICE_INT_H
#define EXPORT_INVOICE_INT_H
/* What the invoice's PDF (invoice.c) and CSV (invoice_csv.c) share; not for other rooms. */
#include <stddef.h>

#include "costs/costs.h"
#include "export/invoice.h"

#define INVOICE_TIMES "\xc3\x97"

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
/* Basis points as "21", "9,5", "6,25" (without the percent sign). */
void invoice_nl_percent(int bp, char *out, size_t size);

#endif
