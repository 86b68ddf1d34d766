/* teller costs and teller invoice: the ICT partner's hours and costs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "costs/costs.h"
#include "act/act.h"

static const char usage[] =
	"usage: teller costs rate     --db FILE [--hourly EUR] [--laptop-day EUR] [--km EUR] [--vat PCT]\n"
	"       teller costs add      --db FILE hours   --person NAME --date YYYY-MM-DD --from HH:MM\n"
	"                                       --to HH:MM --activity TEXT\n"
	"       teller costs add      --db FILE travel  --person NAME --date YYYY-MM-DD (--km N | --amount EUR)\n"
	"       teller costs add      --db FILE laptops --count N --days N\n"
	"       teller costs add      --db FILE item    --category switch|cabling|other --amount EUR\n"
	"                                       --description TEXT\n"
	"       teller costs edit     --db FILE --id N KIND ...  (the options of add)\n"
	"       teller costs remove   --db FILE --id N\n"
	"       teller costs list     --db FILE\n"
	"       teller costs provider --db FILE [--name NAME] [--address TEXT] [--invoice-number N]\n"
	"                                       [--invoice-date YYYY-MM-DD] [--kvk NNNNNNNN]\n"
	"                                       [--vat-number NL123456789B01] [--iban IBAN]\n"
	"  The ledger of hours and costs that the ICT partner invoices afterwards.\n"
	"  Amounts in euros with at most two decimals (57.25); an hours line is\n"
	"  minutes x hourly rate / 60, rounded half up to the cent, once per line.\n"
	"  Activities: preparation, setup, standby, clearing, other (another text is\n"
	"  kept as the description of an 'other' activity). An end time before the\n"
	"  start time is on the next day: --from 21:00 --to 03:00 is 6 hours, dated\n"
	"  the day it starts. The KvK number, VAT number and IBAN (checked, \"\" clears\n"
	"  one) are printed on the invoice.\n";

static const char invoice_usage[] =
	"usage: teller invoice --db FILE --out DIR\n"
	"  Writes the invoice as PDF and CSV into DIR; the last line printed is\n"
	"  total_cents=N, the total including VAT in cents.\n";

struct args {
	const char *db, *person, *date, *from, *to, *activity, *km, *amount, *count, *days;
	const char *category, *description, *id, *hourly, *laptop_day, *vat, *name, *address;
	const char *invoice_number, *invoice_date, *out, *kvk, *vat_number, *iban;
	const char *pos[3];
	size_t npos;
};

static const char invoice_needs[] = "invoice needs --db FILE and --out DIR";

/* The preamble of `teller costs` (invoice 0) and `teller invoice` (1): cli_begin's result. */
static int parse(int argc, char **argv, struct args *a, int invoice)
{
	const struct cli_opt opts[] = {
		CLI_NEED("--db", &a->db), CLI_VALUE("--person", &a->person),
		CLI_VALUE("--date", &a->date), CLI_VALUE("--from", &a->from),
		CLI_VALUE("--to", &a->to), CLI_VALUE("--activity", &a->activity),
		CLI_VALUE("--km", &a->km), CLI_VALUE("--amount", &a->amount),
		CLI_VALUE("--count", &a->count), CLI_VALUE("--days", &a->days),
		CLI_VALUE("--category", &a->category), CLI_VALUE("--description", &a->description),
		CLI_VALUE("--id", &a->id), CLI_VALUE("--hourly", &a->hourly),
		CLI_VALUE("--laptop-day", &a->laptop_day), CLI_VALUE("--vat", &a->vat),
		CLI_VALUE("--name", &a->name), CLI_VALUE("--address", &a->address),
		CLI_VALUE("--invoice-number", &a->invoice_number),
		CLI_VALUE("--invoice-date", &a->invoice_date),
		{"--out", &a->out, NULL, invoice, NULL, NULL, 0, NULL},
		CLI_VALUE("--kvk", &a->kvk), CLI_VALUE("--vat-number", &a->vat_number),
		CLI_VALUE("--iban", &a->iban), CLI_END,
	};
	const struct cli_cmd costs = {usage, "costs needs --db FILE", opts, 0, 3, 1};
	const struct cli_cmd inv = {invoice_usage, invoice_needs, opts, 0, 3, 0};

	memset(a, 0, sizeof *a);
	return cli_begin(invoice ? &inv : &costs, argc, argv, a->pos, &a->npos);
}

/* The line given by the options, through the shared parser of entry/. */
static int line_of(const struct args *a, const char *kind, struct costs_line *l)
{
	const struct ledger_text t = {
		.kind = kind, .person = a->person, .date = a->date, .from = a->from, .to = a->to,
		.activity = a->activity, .km = a->km, .amount = a->amount, .count = a->count,
		.days = a->days, .category = a->category, .description = a->description,
	};
	char why[300];

	if (ledger_line_parse(&t, l, 0, why, sizeof why) != LEDGER_OK)
		return cli_error(CLI_USAGE, "%s", why);
	return CLI_OK;
}

static void describe(const struct costs_line *l, char *out, size_t size)
{
	char amount[32], span[COSTS_SPAN_TEXT];

	switch (l->kind) {
	case COSTS_HOURS:
		costs_format_span(l->from_min, l->to_min, span, sizeof span);
		snprintf(out, size, "%s %s %s %s%s%s", l->person, span, l->date,
		         costs_activity_name(l->activity), l->description[0] ? ": " : "", l->description);
		break;
	case COSTS_TRAVEL:
		if (l->km >= 0) {
			snprintf(out, size, "%s %s %ld km", l->person, l->date, l->km);
		} else {
			costs_format_money(l->amount, amount, sizeof amount);
			snprintf(out, size, "%s %s EUR %s", l->person, l->date, amount);
		}
		break;
	case COSTS_LAPTOPS:
		snprintf(out, size, "%ld laptops x %ld days", l->count, l->days);
		break;
	default:
		snprintf(out, size, "%s", l->description);
		break;
	}
}

static int do_put(const struct args *a, int edit)
{
	struct costs_line l;
	struct store *s;
	char why[300], d[400], amt[32];
	long id = 0;
	int rc;

	if (a->npos < 2)
		return cli_error(CLI_USAGE, "costs %s needs a kind: hours, travel, laptops or item",
		                 edit ? "edit" : "add");
	if (edit && (a->id == NULL || costs_parse_count(a->id, LIMIT_LINE_ID_MAX, &id) != COSTS_OK ||
	             id < 1))
		return cli_error(CLI_USAGE, "costs edit needs --id N (see teller costs list)");
	if ((rc = line_of(a, a->pos[1], &l)) != CLI_OK)
		return rc;
	l.id = id;
	if ((rc = cli_open(a->db, &s)) != CLI_OK)
		return rc;
	rc = ledger_put(s, &l, cli_actor(), 0, why, sizeof why);
	if (rc == LEDGER_OK) {
		struct ledger led;

		describe(&l, d, sizeof d);
		amt[0] = '\0';
		if (ledger_load(s, &led) == 0) {
			size_t i;

			for (i = 0; i < led.nlines; i++)
				if (led.lines[i].id == l.id && led.settings.rates_set)
					costs_format_money(led.amounts[i], amt, sizeof amt);
			ledger_free(&led);
		}
		printf("%s line %ld: %s %s%s%s\n", edit ? "Changed" : "Added", l.id,
		       costs_kind_name(l.kind), d, amt[0] ? " = EUR " : "", amt);
	}
	store_close(s);
	if (rc == LEDGER_REFUSED || rc == LEDGER_NOT_FOUND)
		return cli_error(CLI_USAGE, "refused: %s; nothing was changed", why);
	if (rc != LEDGER_OK)
		return cli_error(CLI_FAIL, "%s", why);
	return CLI_OK;
}

/* teller costs rate (rates 1) and teller costs provider (0): ledger_settings_update. */
static int do_settings(const struct args *a, int rates)
{
	struct ledger_settings_text t;
	struct store_cost_settings st;
	struct store *s;
	char why[300], h[32], l[32], k[32], iban[COSTS_IBAN_TEXT];
	int rc;

	memset(&t, 0, sizeof t);
	if (rates) {
		t = (struct ledger_settings_text){.hourly = a->hourly, .laptop_day = a->laptop_day,
		                                  .per_km = a->km, .vat = a->vat};
		if (a->hourly == NULL && a->laptop_day == NULL && a->km == NULL && a->vat == NULL)
			return cli_error(CLI_USAGE, "costs rate needs --hourly, --laptop-day, --km and/or "
			                 "--vat");
	} else {
		t = (struct ledger_settings_text){.provider_name = a->name,
		                                  .provider_address = a->address,
		                                  .invoice_number = a->invoice_number,
		                                  .invoice_date = a->invoice_date, .kvk = a->kvk,
		                                  .vat_number = a->vat_number, .iban = a->iban};
	}
	/* checked before the database is opened: a bad value changes nothing */
	memset(&st, 0, sizeof st);
	if (ledger_settings_apply(&st, &t, 0, why, sizeof why) != LEDGER_OK)
		return cli_error(CLI_USAGE, "%s", why);
	if ((rc = cli_open(a->db, &s)) != CLI_OK)
		return rc;
	rc = ledger_settings_update(s, &t, cli_actor(), 0, &st, why, sizeof why);
	store_close(s);
	if (rc != LEDGER_OK)
		return cli_error(rc == LEDGER_REFUSED ? CLI_USAGE : CLI_FAIL, "%s", why);
	if (rates) {
		costs_format_money(st.hourly, h, sizeof h);
		costs_format_money(st.laptop_day, l, sizeof l);
		costs_format_money(st.per_km, k, sizeof k);
		printf("Rates: EUR %s an hour, EUR %s a laptop a day, EUR %s a kilometre, VAT %d.%02d%%\n",
		       h, l, k, st.vat_bp / 100, st.vat_bp % 100);
		return CLI_OK;
	}
	printf("Provider: %s; invoice %s %s\n", st.provider_name[0] ? st.provider_name : "(none)",
	       st.invoice_number[0] ? st.invoice_number : "(number: from the election)",
	       st.invoice_date[0] ? st.invoice_date : "(date: today)");
	costs_iban_format(st.provider_iban, iban, sizeof iban);
	printf("KvK %s; VAT number %s; IBAN %s\n", st.provider_kvk[0] ? st.provider_kvk : "(none)",
	       st.provider_vat[0] ? st.provider_vat : "(none)", iban[0] ? iban : "(none)");
	return CLI_OK;
}

static int do_list(const struct args *a)
{
	struct ledger led;
	struct store *s;
	char d[400], amt[32], sub[32];
	size_t i;
	int rc, k;

	if ((rc = cli_open(a->db, &s)) != CLI_OK)
		return rc;
	rc = ledger_load(s, &led);
	store_close(s);
	if (rc != 0)
		return cli_error(CLI_FAIL, "cannot read the ledger");
	if (!led.settings.rates_set)
		printf("(no rates yet: teller costs rate --db FILE --hourly EUR --laptop-day EUR --km EUR)\n");
	printf("%-5s %-8s %-60s %12s\n", "ID", "KIND", "LINE", "EUR");
	for (i = 0; i < led.nlines; i++) {
		describe(&led.lines[i], d, sizeof d);
		costs_format_money(led.amounts[i], amt, sizeof amt);
		printf("%-5ld %-8s %-60.60s %12s\n", led.lines[i].id, costs_kind_name(led.lines[i].kind),
		       d, amt);
	}
	printf("\nSubtotals per category:\n");
	for (k = 0; k < COSTS_KIND__MAX; k++) {
		costs_format_money(led.summary.by_kind[k], sub, sizeof sub);
		printf("  %-10s %12s\n", costs_kind_name((enum costs_kind)k), sub);
	}
	printf("Per person:\n");
	for (i = 0; i < led.summary.npersons; i++) {
		costs_format_money(led.summary.persons[i].amount, sub, sizeof sub);
		printf("  %-24s %4ld:%02ld h %12s\n", led.summary.persons[i].person,
		       led.summary.persons[i].minutes / 60, led.summary.persons[i].minutes % 60, sub);
	}
	costs_format_money(led.summary.net, sub, sizeof sub);
	printf("Net      %12s\n", sub);
	costs_format_money(led.summary.vat, sub, sizeof sub);
	printf("VAT %d.%02d%% %12s\n", led.rates.vat_basis_points / 100,
	       led.rates.vat_basis_points % 100, sub);
	costs_format_money(led.summary.total, sub, sizeof sub);
	printf("Total    %12s\n", sub);
	ledger_free(&led);
	return CLI_OK;
}

static int do_remove(const struct args *a)
{
	struct store *s;
	long id;
	int rc;

	if (a->id == NULL || costs_parse_count(a->id, LIMIT_LINE_ID_MAX, &id) != COSTS_OK || id < 1)
		return cli_error(CLI_USAGE, "costs remove needs --id N (see teller costs list)");
	if ((rc = cli_open(a->db, &s)) != CLI_OK)
		return rc;
	rc = store_costs_remove(s, id, cli_actor());
	store_close(s);
	if (rc == STORE_ERR_NOT_FOUND)
		return cli_error(CLI_USAGE, "there is no line %ld; nothing was changed", id);
	if (rc != STORE_OK)
		return cli_error(CLI_FAIL, "cannot remove line %ld", id);
	printf("Removed line %ld\n", id);
	return CLI_OK;
}

int cmd_costs(int argc, char **argv)
{
	struct args a;
	int rc;

	if ((rc = parse(argc, argv, &a, 0)) != CLI_GO)
		return rc;
	if (strcmp(a.pos[0], "add") == 0)
		return do_put(&a, 0);
	if (strcmp(a.pos[0], "edit") == 0)
		return do_put(&a, 1);
	if (a.npos > 1)
		return cli_error(CLI_USAGE, "unexpected '%s' (see --help)", a.pos[1]);
	if (strcmp(a.pos[0], "rate") == 0)
		return do_settings(&a, 1);
	if (strcmp(a.pos[0], "list") == 0)
		return do_list(&a);
	if (strcmp(a.pos[0], "remove") == 0)
		return do_remove(&a);
	if (strcmp(a.pos[0], "provider") == 0)
		return do_settings(&a, 0);
	return cli_error(CLI_USAGE, "unknown costs command '%s' (see --help)", a.pos[0]);
}

int cmd_invoice(int argc, char **argv)
{
	struct ledger_invoice inv;
	struct store *s;
	struct args a;
	char why[300];
	int rc;

	if ((rc = parse(argc, argv, &a, 1)) != CLI_GO)
		return rc;
	if (a.npos != 0)
		return cli_error(CLI_USAGE, "%s (see --help)", invoice_needs);
	if ((rc = cli_open(a.db, &s)) != CLI_OK)
		return rc;
	rc = ledger_invoice_build(s, cli_actor(), &inv, why, sizeof why);
	store_close(s);
	if (rc == LEDGER_REFUSED)
		return cli_error(CLI_USAGE, "invoice refused: %s", why);
	if (rc != LEDGER_OK)
		return cli_error(CLI_FAIL, "invoice failed: %s", why);
	if (ledger_invoice_write_dir(&inv, a.out, why, sizeof why) != 0) {
		ledger_invoice_free(&inv);
		return cli_error(CLI_FAIL, "%s", why);
	}
	printf("%s/%s\n%s/%s\n", a.out, inv.pdf_name, a.out, inv.csv_name);
	printf("total_cents=%lld\n", inv.total_cents);
	ledger_invoice_free(&inv);
	return CLI_OK;
}
