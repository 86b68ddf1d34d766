/*
 * What the invoice's PDF and CSV share: the checked input with its lines in
 * order, the error texts, percentages in Dutch and the municipality's name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "costs/costs.h"
#include "export/invoice.h"
#include "export/invoice_int.h"

static const char *const errs[] = {
	"ok",
	"the invoice lacks a required field, or has text that is not printable UTF-8",
	"a line or the rates of the invoice are invalid",
	"the invoice's summary does not match its lines",
	"out of memory",
	"the PDF could not be made",
};

const char *invoice_strerror(int err)
{
	if (err > 0 || err <= INVOICE_ERR__MIN)
		return "unknown error";
	return errs[-err];
}

/* ------------------------------------------------------------------ */
/* What both documents share: the checked input, lines in order        */
/* ------------------------------------------------------------------ */

static int ref_cmp(const void *a, const void *b)
{
	const struct invoice_ref *x = a, *y = b;
	int c;

	if (x->l->kind != y->l->kind)
		return x->l->kind < y->l->kind ? -1 : 1;
	if ((c = strcmp(x->l->date, y->l->date)) != 0)
		return c;
	if (x->l->kind == COSTS_HOURS || x->l->kind == COSTS_TRAVEL) {
		if ((c = strcmp(x->l->person, y->l->person)) != 0)
			return c;
		if (x->l->kind == COSTS_HOURS && x->l->from_min != y->l->from_min)
			return x->l->from_min < y->l->from_min ? -1 : 1;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

static int required(const char *s)
{
	return s != NULL && s[0] != '\0' && costs_text_check(s) == COSTS_OK;
}

static int optional(const char *s)
{
	return s == NULL || costs_text_check(s) == COSTS_OK;
}

static int lines_ok(const char *const *v, size_t n)
{
	size_t i;

	if (n > 0 && v == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (!required(v[i]))
			return 0;
	return 1;
}

int invoice_prepare(const struct invoice_input *in, struct invoice_ref **out)
{
	struct costs_summary mine;
	struct invoice_ref *r = NULL;
	size_t i;
	int k, rc;

	*out = NULL;
	if (in == NULL || in->summary == NULL || (in->nlines > 0 && in->lines == NULL))
		return INVOICE_ERR_INPUT;
	if (!required(in->provider_name) || !required(in->municipality_code) ||
	    !required(in->municipality_name) || !required(in->election_name) ||
	    !required(in->election_id) || !required(in->number) ||
	    costs_parse_date(in->date) != COSTS_OK ||
	    !optional(in->provider_kvk) || !optional(in->provider_vat_id) ||
	    !optional(in->provider_iban) || !optional(in->provider_contact) ||
	    !lines_ok(in->provider_address, in->nprovider_address) ||
	    !lines_ok(in->municipality_address, in->nmunicipality_address) ||
	    in->payment_days < 0 || in->payment_days > 365)
		return INVOICE_ERR_INPUT;

	rc = costs_summarise(in->lines, in->nlines, &in->rates, &mine);
	if (rc == COSTS_ERR_NOMEM)
		return INVOICE_ERR_NOMEM;
	if (rc != COSTS_OK)
		return INVOICE_ERR_LINES;
	for (k = 0; k < COSTS_KIND__MAX; k++)
		if (mine.by_kind[k] != in->summary->by_kind[k])
			rc = INVOICE_ERR_SUMMARY;
	if (mine.net != in->summary->net || mine.vat != in->summary->vat ||
	    mine.total != in->summary->total || mine.minutes != in->summary->minutes)
		rc = INVOICE_ERR_SUMMARY;
	costs_summary_free(&mine);
	if (rc != COSTS_OK)
		return rc;

	if (in->nlines == 0)
		return INVOICE_OK;
	if ((r = calloc(in->nlines, sizeof *r)) == NULL)
		return INVOICE_ERR_NOMEM;
	for (i = 0; i < in->nlines; i++) {
		r[i].l = &in->lines[i];
		r[i].index = i;
		r[i].amount = costs_line_amount(&in->lines[i], &in->rates); /* >= 0: summarised */
	}
	qsort(r, in->nlines, sizeof *r, ref_cmp);
	*out = r;
	return INVOICE_OK;
}

/* ------------------------------------------------------------------ */
/* Dutch forms of percentages and names                                */
/* ------------------------------------------------------------------ */

void invoice_nl_percent(int bp, char *out, size_t size)
{
	if (bp % 100 == 0)
		snprintf(out, size, "%d", bp / 100);
	else if (bp % 10 == 0)
		snprintf(out, size, "%d,%d", bp / 100, bp % 100 / 10);
	else
		snprintf(out, size, "%d,%02d", bp / 100, bp % 100);
}

void invoice_town(const struct invoice_input *in, char *out, size_t size)
{
	if (strncmp(in->municipality_name, "Gemeente ", 9) == 0)
		snprintf(out, size, "%s", in->municipality_name);
	else
		snprintf(out, size, "Gemeente %s", in->municipality_name);
}

void invoice_join(char *out, size_t size, const char *label, const char *text)
{
	size_t n = strlen(out);

	if (text == NULL || text[0] == '\0' || n + 1 >= size)
		return;
	snprintf(out + n, size - n, "%s%s%s", n > 0 ? "  " MIDDOT "  " : "", label, text);
}

void invoice_capital(const char *s, char *out, size_t size)
{
	snprintf(out, size, "%s", s);
	if (size > 0 && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}
