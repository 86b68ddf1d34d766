#ifndef EXPORT_INVOICE_H
#define EXPORT_INVOICE_H
/*
 * The ICT partner's invoice to the municipality (domain.md §7), as PDF and
 * as CSV, in Dutch. Both are made from the same input and print the same
 * amounts: every line's amount is costs_line_amount's, every sum the
 * summary's, so the CSV's "Totaal" row, the PDF's "Totaal te betalen" and
 * summary->total are one number. The same input gives the same bytes.
 */
#include <stddef.h>

#include "costs/costs.h"

enum invoice_err {
	INVOICE_OK = 0,
	INVOICE_ERR_INPUT = -1,     /* a required field is missing, or text is not printable UTF-8 */
	INVOICE_ERR_LINES = -2,     /* a line or the rates fail costs_summarise */
	INVOICE_ERR_SUMMARY = -3,   /* the summary is not the lines' summary */
	INVOICE_ERR_NOMEM = -4,
	INVOICE_ERR_PDF = -5,       /* cairo could not make the PDF */
	INVOICE_ERR__MIN = -6
};
/* An English sentence for the error; static, never NULL. */
const char *invoice_strerror(int err);

/*
 * What an invoice says. Strings are UTF-8 (costs_text_check) and stay the
 * caller's; optional ones may be NULL or "".
 */
struct invoice_input {
	/* the ICT partner */
	const char *provider_name;                    /* required */
	const char *const *provider_address;          /* address lines, e.g. "Stationsweg 12" */
	size_t nprovider_address;
	const char *provider_kvk;                     /* optional: Chamber of Commerce number */
	const char *provider_vat_id;                  /* optional: btw-identificatienummer */
	const char *provider_iban;                    /* optional */
	const char *provider_contact;                 /* optional: phone, e-mail */
	/* the municipality */
	const char *municipality_code;                /* required: "0668" */
	const char *municipality_name;                /* required: "West Maas en Waal" */
	const char *const *municipality_address;      /* optional lines ("t.a.v. ...", "Postbus 10") */
	size_t nmunicipality_address;
	/* the election */
	const char *election_name;                    /* required: "Gemeenteraad 2022" */
	const char *election_id;                      /* required: "GR2022" */
	/* the invoice */
	const char *number;                           /* required: "2022-017" */
	const char *date;                             /* required: "YYYY-MM-DD"; also the PDF's date */
	int payment_days;                             /* payment term in days; 0: none printed */
	struct costs_rates rates;
	const struct costs_line *lines;               /* in any order; printed by category, then date */
	size_t nlines;
	const struct costs_summary *summary;          /* costs_summarise(lines, nlines, &rates) */
};

/*
 * Writes the invoice as an A4 PDF: the provider, the municipality it is
 * addressed to, "Factuur" with its number and date and the election, a table
 * per category (Uren, Reiskosten, Laptophuur, Switch, Bekabeling, Overig)
 * with every line and a subtotal, the subtotals, "Totaal excl. btw", the VAT
 * and "Totaal te betalen" as "€ 1.234,50", the rounding rule, and
 * "pagina n van m" on every page. Returns INVOICE_OK with *bytes (malloc'd;
 * the caller frees) and *len, or an error with *bytes NULL.
 */
int invoice_write_pdf(const struct invoice_input *in, char **bytes, size_t *len);

/*
 * Writes the invoice as CSV for Dutch Excel: UTF-8 with a byte order mark,
 * ';' between cells, CRLF after every row, amounts as "429,38" (comma, no
 * thousands separator), dates as YYYY-MM-DD, every row 8 cells. A header
 * block (Leverancier, Gemeente, Verkiezing, Factuurnummer, Factuurdatum,
 * rates), then "Categorie;Datum;Medewerker;Omschrijving;Aantal;Eenheid;
 * Tarief;Bedrag" and a row per line, a "Subtotaal <categorie>" row after each
 * category, and the rows "Totaal excl. btw", "Btw" and "Totaal": the only
 * row whose first cell is exactly "Totaal", its last cell the total. Cells
 * with ';', '"' or a line break are quoted; text that Excel would take for a
 * formula (starting with = + - @) gets a leading apostrophe. Returns as
 * invoice_write_pdf.
 */
int invoice_write_csv(const struct invoice_input *in, char **bytes, size_t *len);

#endif
