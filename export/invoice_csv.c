/*
 * The invoice as CSV (invoice.h): the same checked input and the same line
 * order as the PDF (invoice.c), so that both print the same amounts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "costs/costs.h"
#include "export/invoice.h"
#include "export/invoice_int.h"

#define NCELLS 8

/*
 * A row of up to NCELLS cells (NULL: empty), padded to NCELLS; texts[i]: user
 * text, which a spreadsheet must not run as a formula.
 */
static void row(struct buf *b, const char *const *cells, const int *texts)
{
	size_t i;

	for (i = 0; i < NCELLS; i++) {
		if (i > 0)
			buf_puts(b, ";");
		if (cells[i] != NULL)
			esc_csv_field(b, cells[i], strlen(cells[i]),
			              texts != NULL && texts[i] ? ESC_CSV_FORMULA : 0);
	}
	buf_puts(b, "\r\n");
}

/* "label;value" padded; the value is text given by the user. */
static void pair(struct buf *b, const char *label, const char *value)
{
	const char *cells[NCELLS] = {label, value};
	const int texts[NCELLS] = {0, 1};

	if (value != NULL && value[0] != '\0')
		row(b, cells, texts);
}

/* Cents as "429,38". */
static const char *csv_money(costs_cents c, char *out, size_t size)
{
	char *p;

	costs_format_money(c, out, size);
	if ((p = strchr(out, '.')) != NULL)
		*p = ',';
	return out;
}

/* The amount-only row: first cell label, last cell the amount; rate in the Tarief column. */
static void sum_row(struct buf *b, const char *label, const char *rate, costs_cents c)
{
	char amt[COSTS_MONEY_TEXT];
	const char *cells[NCELLS] = {label, NULL, NULL, NULL, NULL, NULL, rate,
	                             csv_money(c, amt, sizeof amt)};

	row(b, cells, NULL);
}

static void csv_line(struct buf *b, const struct invoice_input *in, const struct invoice_ref *r)
{
	const struct costs_line *l = r->l;
	char what[COSTS_TEXT_MAX + 128], qty[32], rate[COSTS_MONEY_TEXT], amt[COSTS_MONEY_TEXT],
	     span[COSTS_SPAN_TEXT];
	const char *cells[NCELLS] = {costs_kind_label(l->kind), l->date, NULL, what, qty, NULL,
	                             rate, csv_money(r->amount, amt, sizeof amt)};
	const int texts[NCELLS] = {0, 0, 1, 1, 0, 0, 0, 0};

	what[0] = qty[0] = rate[0] = '\0';
	switch (l->kind) {
	case COSTS_HOURS:
		costs_format_span_nl(l->from_min, l->to_min, span, sizeof span);
		snprintf(what, sizeof what, "%s %s", span, costs_activity_label(l->activity));
		costs_format_duration(costs_line_minutes(l), qty, sizeof qty);
		cells[2] = l->person;
		cells[5] = "uur";
		csv_money(in->rates.hourly, rate, sizeof rate);
		break;
	case COSTS_TRAVEL:
		snprintf(what, sizeof what, "%s", l->description);
		cells[2] = l->person;
		if (l->km >= 0) {
			snprintf(qty, sizeof qty, "%ld", l->km);
			cells[5] = "km";
			csv_money(in->rates.per_km, rate, sizeof rate);
		}
		break;
	case COSTS_LAPTOPS:
		snprintf(what, sizeof what, "%s%s%ld laptops " INVOICE_TIMES " %ld dagen", l->description,
		         l->description[0] != '\0' ? ": " : "", l->count, l->days);
		snprintf(qty, sizeof qty, "%ld", l->count * l->days); /* <= 10000 × 366 */
		cells[5] = "laptopdag";
		csv_money(in->rates.laptop_day, rate, sizeof rate);
		break;
	default:
		snprintf(what, sizeof what, "%s", l->description);
		break;
	}
	row(b, cells, texts);
}

int invoice_write_csv(const struct invoice_input *in, char **bytes, size_t *len)
{
	static const char *const head[NCELLS] = {
		"Categorie", "Datum", "Medewerker", "Omschrijving", "Aantal", "Eenheid", "Tarief",
		"Bedrag",
	};
	const char *cells[NCELLS] = {0};
	struct buf b = {0};
	struct invoice_ref *refs = NULL;
	char addr[2048], money[COSTS_MONEY_TEXT], num[16], pct[24], label[64];
	size_t i, j, n;
	int rc;

	*bytes = NULL;
	*len = 0;
	if ((rc = invoice_prepare(in, &refs)) != INVOICE_OK)
		return rc;
	buf_puts(&b, "\xef\xbb\xbf");
	cells[0] = "Factuur";
	row(&b, cells, NULL);
	pair(&b, "Leverancier", in->provider_name);
	addr[0] = '\0';
	for (i = 0; i < in->nprovider_address; i++) {
		n = strlen(addr);
		snprintf(addr + n, sizeof addr - n, "%s%s", i > 0 ? ", " : "", in->provider_address[i]);
	}
	pair(&b, "Adres leverancier", addr);
	pair(&b, "KvK-nummer", in->provider_kvk);
	pair(&b, "Btw-identificatienummer", in->provider_vat_id);
	pair(&b, "IBAN", in->provider_iban);
	pair(&b, "Gemeente", in->municipality_name);
	pair(&b, "Gemeentecode", in->municipality_code);
	pair(&b, "Verkiezing", in->election_name);
	pair(&b, "Verkiezingscode", in->election_id);
	pair(&b, "Factuurnummer", in->number);
	pair(&b, "Factuurdatum", in->date);
	{
		const char *c[NCELLS] = {"Uurtarief", csv_money(in->rates.hourly, money, sizeof money)};

		row(&b, c, NULL);
		c[0] = "Dagprijs laptop";
		c[1] = csv_money(in->rates.laptop_day, money, sizeof money);
		row(&b, c, NULL);
		c[0] = "Kilometertarief";
		c[1] = csv_money(in->rates.per_km, money, sizeof money);
		row(&b, c, NULL);
		invoice_nl_percent(in->rates.vat_basis_points, num, sizeof num);
		snprintf(pct, sizeof pct, "%s%%", num);
		c[0] = "Btw-tarief";
		c[1] = pct;
		row(&b, c, NULL);
	}
	cells[0] = NULL;
	row(&b, cells, NULL);
	row(&b, head, NULL);
	for (i = 0; i < in->nlines; i = j) {
		enum costs_kind k = refs[i].l->kind;
		char lower[32];

		for (j = i; j < in->nlines && refs[j].l->kind == k; j++)
			csv_line(&b, in, &refs[j]);
		snprintf(lower, sizeof lower, "%s", costs_kind_label(k));
		if (lower[0] >= 'A' && lower[0] <= 'Z')
			lower[0] = (char)(lower[0] - 'A' + 'a');
		snprintf(label, sizeof label, "Subtotaal %s", lower);
		sum_row(&b, label, NULL, in->summary->by_kind[k]);
	}
	row(&b, cells, NULL);
	sum_row(&b, "Totaal excl. btw", NULL, in->summary->net);
	sum_row(&b, "Btw", pct, in->summary->vat);
	sum_row(&b, "Totaal", NULL, in->summary->total);
	free(refs);
	if (b.failed) {
		free(b.p);
		return INVOICE_ERR_NOMEM;
	}
	*bytes = b.p;
	*len = b.len;
	return INVOICE_OK;
}
