/*
 * The hours-and-costs ledger over the rooms: costs/ decides (checks, amounts,
 * sums), store/ keeps the rows, export/ writes the invoice. Shared by the
 * command line (`teller costs`, `teller invoice`) and the administrator's pages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/date.h"
#include "costs/costs.h"
#include "act/act.h"
#include "export/invoice.h"

static void from_row(const struct store_cost_line *s, struct costs_line *c)
{
	memset(c, 0, sizeof *c);
	c->id = s->id;
	if (costs_kind_parse(s->kind, &c->kind) != 0)
		c->kind = COSTS_OTHER;
	snprintf(c->person, sizeof c->person, "%s", s->person);
	snprintf(c->date, sizeof c->date, "%s", s->date);
	c->from_min = s->from_min;
	c->to_min = s->to_min;
	if (costs_activity_parse(s->activity, &c->activity) != 0)
		c->activity = COSTS_ACT_OTHER;
	c->km = s->km;
	c->count = s->count;
	c->days = s->days;
	c->amount = s->amount;
	snprintf(c->description, sizeof c->description, "%s", s->description);
}

static void to_row(const struct costs_line *c, struct store_cost_line *s)
{
	memset(s, 0, sizeof *s);
	s->id = c->id;
	snprintf(s->kind, sizeof s->kind, "%s", costs_kind_name(c->kind));
	snprintf(s->person, sizeof s->person, "%s", c->person);
	snprintf(s->date, sizeof s->date, "%s", c->date);
	s->from_min = c->from_min;
	s->to_min = c->to_min;
	snprintf(s->activity, sizeof s->activity, "%s",
	         c->kind == COSTS_HOURS ? costs_activity_name(c->activity) : "");
	s->km = c->km;
	s->count = c->count;
	s->days = c->days;
	s->amount = c->amount;
	snprintf(s->description, sizeof s->description, "%s", c->description);
}

/* Says the reason in English or Dutch. */
static int refuse(char *why, size_t size, int dutch, const char *en, const char *nl, const char *v)
{
	snprintf(why, size, dutch ? nl : en, v ? v : "");
	return LEDGER_REFUSED;
}

static int field_needed(const char *v, const char *opt, const char *nl, int dutch, char *why,
                        size_t size)
{
	if (v != NULL && v[0] != '\0')
		return LEDGER_OK;
	return refuse(why, size, dutch, "this line needs %s", "Vul %s in.", dutch ? nl : opt);
}

/* A whole number 0..max (a limit of base/limits.h) for option opt (Dutch: nl); a refusal
 * names the limit. */
static int count_field(const char *v, long max, long *out, const char *opt, const char *nl,
                       int dutch, char *why, size_t size)
{
	int rc = costs_parse_count(v, max, out);

	if (rc == COSTS_OK)
		return LEDGER_OK;
	if (rc == COSTS_ERR_RANGE)
		snprintf(why, size, dutch ? "%s '%s': %s Hoogstens %ld." : "%s '%s': %s (at most %ld)",
		         dutch ? nl : opt, v, dutch ? costs_strerror_nl(rc) : costs_strerror(rc), max);
	else
		snprintf(why, size, "%s '%s': %s", dutch ? nl : opt, v,
		         dutch ? costs_strerror_nl(rc) : costs_strerror(rc));
	return LEDGER_REFUSED;
}

int ledger_line_parse(const struct ledger_text *t, struct costs_line *l, int dutch, char *why,
                      size_t size)
{
	int rc;

#define NEED(v, opt, nl) do { if ((rc = field_needed(v, opt, nl, dutch, why, size)) != LEDGER_OK) \
	return rc; } while (0)
#define COUNT(v, max, out, opt, nl) do { if ((rc = count_field(v, max, out, opt, nl, dutch, why, \
	size)) != LEDGER_OK) return rc; } while (0)
#define CHECK(call, v, en, nl) do { int e_ = (call); if (e_ != COSTS_OK) { \
	snprintf(why, size, dutch ? nl " '%s': %s" : en " '%s': %s", (v), \
	         dutch ? costs_strerror_nl(e_) : costs_strerror(e_)); return LEDGER_REFUSED; } } while (0)
	memset(l, 0, sizeof *l);
	l->km = -1;
	l->amount = -1;
	if (t->kind == NULL)
		return refuse(why, size, dutch, "a line needs a kind: hours, travel, laptops or item%s",
		              "Kies een soort regel%s.", "");
	if (strcmp(t->kind, "hours") == 0) {
		l->kind = COSTS_HOURS;
		NEED(t->person, "--person", "de persoon");
		NEED(t->date, "--date", "de datum");
		NEED(t->from, "--from", "de begintijd");
		NEED(t->to, "--to", "de eindtijd");
		NEED(t->activity, "--activity", "de activiteit");
		CHECK(costs_parse_time(t->from, &l->from_min), t->from, "--from", "Begintijd");
		CHECK(costs_parse_time(t->to, &l->to_min), t->to, "--to", "Eindtijd");
		if (costs_activity_parse(t->activity, &l->activity) != COSTS_OK) {
			/* Free text: an activity of the kind 'other', described. */
			l->activity = COSTS_ACT_OTHER;
			snprintf(l->description, sizeof l->description, "%s", t->activity);
		}
	} else if (strcmp(t->kind, "travel") == 0) {
		l->kind = COSTS_TRAVEL;
		NEED(t->person, "--person", "de persoon");
		NEED(t->date, "--date", "de datum");
		if ((t->km == NULL || !t->km[0]) == (t->amount == NULL || !t->amount[0]))
			return refuse(why, size, dutch, "travel needs either --km N or --amount EUR%s",
			              "Vul kilometers of een bedrag in, niet allebei%s.", "");
		if (t->km != NULL && t->km[0])
			COUNT(t->km, COSTS_KM_MAX, &l->km, "--km", "Kilometers");
		else
			CHECK(costs_parse_money(t->amount, &l->amount), t->amount, "--amount", "Bedrag");
	} else if (strcmp(t->kind, "laptops") == 0) {
		l->kind = COSTS_LAPTOPS;
		NEED(t->count, "--count", "het aantal laptops");
		NEED(t->days, "--days", "het aantal dagen");
		COUNT(t->count, COSTS_LAPTOPS_MAX, &l->count, "--count", "Aantal");
		COUNT(t->days, COSTS_DAYS_MAX, &l->days, "--days", "Dagen");
	} else if (strcmp(t->kind, "item") == 0 || strcmp(t->kind, "switch") == 0 ||
	           strcmp(t->kind, "cabling") == 0 || strcmp(t->kind, "other") == 0) {
		const char *cat = strcmp(t->kind, "item") == 0 ? t->category : t->kind;

		NEED(cat, "--category", "de categorie");
		NEED(t->amount, "--amount", "het bedrag");
		NEED(t->description, "--description", "een omschrijving");
		if (costs_kind_parse(cat, &l->kind) != COSTS_OK ||
		    (l->kind != COSTS_SWITCH && l->kind != COSTS_CABLING && l->kind != COSTS_OTHER)) {
			snprintf(why, size, dutch ? "Categorie '%s': %s (switch, bekabeling of overig)." :
			         "--category '%s': %s (switch, cabling or other)", cat,
			         dutch ? costs_strerror_nl(COSTS_ERR_CATEGORY) :
			         costs_strerror(COSTS_ERR_CATEGORY));
			return LEDGER_REFUSED;
		}
		CHECK(costs_parse_money(t->amount, &l->amount), t->amount, "--amount", "Bedrag");
	} else {
		return refuse(why, size, dutch, "unknown line '%s': hours, travel, laptops or item",
		              "Onbekende soort regel '%s'.", t->kind);
	}
#undef NEED
#undef COUNT
#undef CHECK
	if (t->person != NULL)
		snprintf(l->person, sizeof l->person, "%s", t->person);
	if (t->date != NULL)
		snprintf(l->date, sizeof l->date, "%s", t->date);
	if (t->description != NULL && t->description[0])
		snprintf(l->description, sizeof l->description, "%s", t->description);
	return LEDGER_OK;
}

/* Whether s is NULL or nothing but spaces. */
static int blank(const char *s)
{
	if (s == NULL)
		return 1;
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/*
 * Sets the supplier's KvK number, VAT number and IBAN in st from text (NULL:
 * left as it is; "" or spaces: cleared), each checked and normalised by
 * costs/. LEDGER_OK, or LEDGER_REFUSED with why naming the field (Dutch when
 * dutch, else the command line's option) and st unchanged.
 */
static int provider_ids(struct store_cost_settings *st, const char *kvk, const char *vat,
                        const char *iban, int dutch, char *why, size_t whysize)
{
	char k[COSTS_KVK_SIZE] = "", v[COSTS_VAT_ID_SIZE] = "", b[COSTS_IBAN_SIZE] = "";
	int rc;

	/* the Dutch message (the page's) names the field without repeating what was typed */
	why[0] = '\0';
	if (!blank(kvk) && costs_kvk_parse(kvk, k) != COSTS_OK)
		return refuse(why, whysize, dutch, "--kvk '%.40s': a KvK number is 8 digits",
		              "KvK-nummer: een KvK-nummer heeft 8 cijfers.", kvk);
	if (!blank(vat) && costs_vat_id_parse(vat, v) != COSTS_OK)
		return refuse(why, whysize, dutch, "--vat-number '%.40s': a Dutch VAT number is NL, "
		              "9 digits, B and 2 digits (NL123456789B01)", "Btw-nummer: een "
		              "Nederlands btw-nummer is NL, 9 cijfers, B en 2 cijfers (NL123456789B01).",
		              vat);
	if (!blank(iban) && (rc = costs_iban_parse(iban, b)) != COSTS_OK) {
		if (rc == COSTS_ERR_CHECKSUM)
			return refuse(why, whysize, dutch, "--iban '%.50s': the check digits do not "
			              "match (a typing error?)", "IBAN: het controlegetal klopt niet "
			              "(een tikfout?).", iban);
		return refuse(why, whysize, dutch, "--iban '%.50s': not an IBAN (two letters, two "
		              "check digits, the account number; NL: 18 characters)", "IBAN: geen "
		              "IBAN (twee letters, twee controlecijfers en het rekeningnummer; NL: 18 "
		              "tekens).", iban);
	}
	if (kvk != NULL)
		snprintf(st->provider_kvk, sizeof st->provider_kvk, "%s", k);
	if (vat != NULL)
		snprintf(st->provider_vat, sizeof st->provider_vat, "%s", v);
	if (iban != NULL)
		snprintf(st->provider_iban, sizeof st->provider_iban, "%s", b);
	return LEDGER_OK;
}

/* The rates of struct ledger_settings_text, in its order, as the command line and the page name them. */
static const struct {
	const char *opt, *nl;
} rate_names[4] = {
	{"--hourly", "Uurtarief"}, {"--laptop-day", "Dagprijs per laptop"},
	{"--km", "Prijs per km"}, {"--vat", "Btw-percentage"},
};

int ledger_settings_apply(struct store_cost_settings *st, const struct ledger_settings_text *t,
                          int dutch, char *why, size_t whysize)
{
	struct store_cost_settings n = *st;
	const char *rate[4] = {t->hourly, t->laptop_day, t->per_km, t->vat};
	costs_cents *field[4] = {&n.hourly, &n.laptop_day, &n.per_km, NULL};
	costs_cents c;
	size_t used;
	int i, rc;

	why[0] = '\0';
	for (i = 0; i < 4; i++) {
		if (rate[i] == NULL)
			continue;
		if ((rc = costs_parse_money(rate[i], &c)) != COSTS_OK) {
			if (dutch)
				snprintf(why, whysize, "%s: %s", rate_names[i].nl, costs_strerror_nl(rc));
			else
				snprintf(why, whysize, "%s '%s': %s", rate_names[i].opt, rate[i],
				         costs_strerror(rc));
			return LEDGER_REFUSED;
		}
		if (field[i] != NULL)
			*field[i] = c;
		else if (c > COSTS_VAT_MAX)
			return refuse(why, whysize, dutch, "--vat '%s': at most 100 percent",
			              "Het btw-percentage is hoogstens 100.", rate[i]);
		else   /* a percentage with at most two decimals is, in cents, the basis points */
			n.vat_bp = (int)c;
		n.rates_set = 1;
	}
	/* An empty invoice date clears it: the invoice is then dated the day it is made. */
	if (t->invoice_date != NULL && t->invoice_date[0] != '\0' &&
	    costs_parse_date(t->invoice_date) != COSTS_OK)
		return refuse(why, whysize, dutch, "--invoice-date '%s': write YYYY-MM-DD",
		              "De factuurdatum is geen datum (JJJJ-MM-DD).", t->invoice_date);
	if ((rc = provider_ids(&n, t->kvk, t->vat_number, t->iban, dutch, why, whysize)) !=
	    LEDGER_OK) {
		if (!dutch && (used = strlen(why)) < whysize)
			snprintf(why + used, whysize - used, "; nothing was changed");
		return rc;
	}
	if (t->provider_name != NULL)
		snprintf(n.provider_name, sizeof n.provider_name, "%s", t->provider_name);
	if (t->provider_address != NULL)
		snprintf(n.provider_address, sizeof n.provider_address, "%s", t->provider_address);
	if (t->invoice_number != NULL)
		snprintf(n.invoice_number, sizeof n.invoice_number, "%s", t->invoice_number);
	if (t->invoice_date != NULL)
		snprintf(n.invoice_date, sizeof n.invoice_date, "%s", t->invoice_date);
	*st = n;
	return LEDGER_OK;
}

int ledger_settings_update(struct store *s, const struct ledger_settings_text *t,
                           const struct store_actor *who, int dutch,
                           struct store_cost_settings *out, char *why, size_t whysize)
{
	struct store_cost_settings st;
	/* the command line names what it changes: `costs rate` the rates, `costs provider` the rest */
	const char *what = t->provider_name || t->provider_address || t->invoice_number ||
	                   t->invoice_date || t->kvk || t->vat_number || t->iban ? "settings" : "rates";
	int rc;

	if (store_costs_settings_get(s, &st) != STORE_OK) {
		snprintf(why, whysize, dutch ? "De instellingen zijn niet te lezen.%s" :
		         "cannot read the %s", dutch ? "" : what);
		return LEDGER_FAILED;
	}
	if ((rc = ledger_settings_apply(&st, t, dutch, why, whysize)) != LEDGER_OK)
		return rc;
	if (store_costs_settings_set(s, &st, who) != STORE_OK) {
		snprintf(why, whysize, dutch ? "De instellingen zijn niet opgeslagen.%s" :
		         "cannot store the %s", dutch ? "" : what);
		return LEDGER_FAILED;
	}
	if (out != NULL)
		*out = st;
	return LEDGER_OK;
}

static void rates_of(const struct store_cost_settings *st, struct costs_rates *r)
{
	r->hourly = st->hourly;
	r->laptop_day = st->laptop_day;
	r->per_km = st->per_km;
	r->vat_basis_points = st->vat_bp;
}

struct check_arg {
	size_t with;
	long with_id;
};

/* Inside the store's transaction: does the line overlap a stored one? */
static int check_overlap(void *arg, const struct store_cost_line *line,
                         const struct store_cost_line *all, size_t n)
{
	struct check_arg *a = arg;
	struct costs_line l, *others = calloc(n ? n : 1, sizeof *others);
	size_t i;
	int rc;

	if (others == NULL)
		return COSTS_ERR_RANGE;
	from_row(line, &l);
	for (i = 0; i < n; i++)
		from_row(&all[i], &others[i]);
	rc = costs_line_check_overlap(&l, others, n, &a->with);
	if (rc != COSTS_OK)
		a->with_id = others[a->with].id;
	free(others);
	return rc;
}

int ledger_put(struct store *s, struct costs_line *line, const struct store_actor *who,
               int dutch, char *why, size_t whysize)
{
	struct store_cost_line row;
	struct check_arg arg = {0, 0};
	int rc, refused = 0;

	why[0] = '\0';
	if ((rc = costs_line_check(line)) != COSTS_OK) {
		snprintf(why, whysize, "%s", dutch ? costs_strerror_nl(rc) : costs_strerror(rc));
		return LEDGER_REFUSED;
	}
	to_row(line, &row);
	rc = store_costs_put(s, &row, check_overlap, &arg, who, &refused);
	if (refused != 0) {
		if (refused == COSTS_ERR_OVERLAP)
			snprintf(why, whysize, dutch ? "%s Zie regel %ld." : "%s (line %ld)",
			         dutch ? costs_strerror_nl(refused) : costs_strerror(refused), arg.with_id);
		else
			snprintf(why, whysize, "%s", dutch ? costs_strerror_nl(refused) :
			         costs_strerror(refused));
		return LEDGER_REFUSED;
	}
	if (rc == STORE_ERR_NOT_FOUND) {
		snprintf(why, whysize, dutch ? "Regel %ld bestaat niet." : "there is no line %ld",
		         line->id);
		return LEDGER_NOT_FOUND;
	}
	if (rc != STORE_OK) {
		snprintf(why, whysize, "%s", store_strerror(rc));
		return LEDGER_FAILED;
	}
	line->id = row.id;
	return LEDGER_OK;
}

int ledger_load(struct store *s, struct ledger *out)
{
	struct store_cost_line *rows = NULL;
	size_t i;

	memset(out, 0, sizeof *out);
	if (store_costs_settings_get(s, &out->settings) != STORE_OK ||
	    store_costs_list(s, &rows, &out->nlines) != STORE_OK)
		return -1;
	rates_of(&out->settings, &out->rates);
	out->lines = calloc(out->nlines ? out->nlines : 1, sizeof *out->lines);
	out->amounts = calloc(out->nlines ? out->nlines : 1, sizeof *out->amounts);
	if (out->lines == NULL || out->amounts == NULL) {
		free(rows);
		ledger_free(out);
		return -1;
	}
	for (i = 0; i < out->nlines; i++) {
		from_row(&rows[i], &out->lines[i]);
		out->amounts[i] = costs_line_amount(&out->lines[i], &out->rates);
	}
	free(rows);
	if (costs_summarise(out->lines, out->nlines, &out->rates, &out->summary) != 0) {
		ledger_free(out);
		return -1;
	}
	return 0;
}

void ledger_free(struct ledger *l)
{
	if (l == NULL)
		return;
	free(l->lines);
	free(l->amounts);
	costs_summary_free(&l->summary);
	memset(l, 0, sizeof *l);
}

/* Address lines from a text with ',' or newlines between them. */
static size_t split_lines(char *text, const char **out, size_t max)
{
	size_t n = 0;
	char *p = text, *e;

	while (*p && n < max) {
		e = p + strcspn(p, ",\n");
		while (*p == ' ')
			p++;
		if (*e != '\0')
			*e++ = '\0';
		if (*p)
			out[n++] = p;
		p = e;
	}
	return n;
}

int ledger_invoice_build(struct store *s, const struct store_actor *who, struct ledger_invoice *inv,
                         char *why, size_t whysize)
{
	struct tally_election e;
	struct ledger led;
	struct invoice_input in;
	char code[16] = "", mname[TALLY_TEXT_MAX] = "", number[80], date[11], address[256];
	char iban[COSTS_IBAN_TEXT];
	char detail[256];
	const char *addr[8];
	int rc = LEDGER_FAILED, err;

	memset(inv, 0, sizeof *inv);
	if (ledger_load(s, &led) != 0) {
		snprintf(why, whysize, "cannot read the ledger");
		return LEDGER_FAILED;
	}
	if (!led.settings.rates_set) {
		snprintf(why, whysize, "set the rates first (teller costs rate --hourly EUR "
		         "--laptop-day EUR --km EUR)");
		rc = LEDGER_REFUSED;
		goto out;
	}
	memset(&e, 0, sizeof e);
	store_election_get(s, &e);
	store_meta_get(s, "municipality_code", code, sizeof code);
	store_meta_get(s, "municipality_name", mname, sizeof mname);
	if (mname[0] == '\0')
		snprintf(mname, sizeof mname, "%s", e.domain_name[0] ? e.domain_name : "onbekend");
	if (led.settings.invoice_number[0])
		snprintf(number, sizeof number, "%s", led.settings.invoice_number);
	else
		snprintf(number, sizeof number, "%s-1", e.id[0] ? e.id : "TELLER");
	if (led.settings.invoice_date[0])
		snprintf(date, sizeof date, "%s", led.settings.invoice_date);
	else
		date_local(time(NULL), "%Y-%m-%d", date, sizeof date);
	snprintf(address, sizeof address, "%s", led.settings.provider_address);
	memset(&in, 0, sizeof in);
	in.provider_name = led.settings.provider_name[0] ? led.settings.provider_name :
	                   "(leverancier: teller costs provider --name)";
	in.provider_address = addr;
	in.nprovider_address = split_lines(address, addr, 8);
	/* stored normalised; the IBAN printed in groups of four */
	costs_iban_format(led.settings.provider_iban, iban, sizeof iban);
	in.provider_kvk = led.settings.provider_kvk;
	in.provider_vat_id = led.settings.provider_vat;
	in.provider_iban = iban;
	in.municipality_code = code[0] ? code : "0000";
	in.municipality_name = mname;
	in.election_name = e.name[0] ? e.name : "(geen verkiezing ingelezen)";
	in.election_id = e.id[0] ? e.id : "-";
	in.number = number;
	in.date = date;
	in.payment_days = 30;
	in.rates = led.rates;
	in.lines = led.lines;
	in.nlines = led.nlines;
	in.summary = &led.summary;
	if ((err = invoice_write_pdf(&in, &inv->pdf, &inv->pdf_len)) != INVOICE_OK ||
	    (err = invoice_write_csv(&in, &inv->csv, &inv->csv_len)) != INVOICE_OK) {
		snprintf(why, whysize, "%s", invoice_strerror(err));
		rc = err == INVOICE_ERR_INPUT || err == INVOICE_ERR_LINES ? LEDGER_REFUSED : LEDGER_FAILED;
		ledger_invoice_free(inv);
		goto out;
	}
	snprintf(inv->pdf_name, sizeof inv->pdf_name, "Factuur_%.60s.pdf", number);
	snprintf(inv->csv_name, sizeof inv->csv_name, "Factuur_%.60s.csv", number);
	for (char *c = inv->pdf_name; *c; c++)
		if (*c == '/' || *c == ' ')
			*c = '_';
	for (char *c = inv->csv_name; *c; c++)
		if (*c == '/' || *c == ' ')
			*c = '_';
	inv->total_cents = led.summary.total;
	snprintf(detail, sizeof detail, "invoice %.60s total_cents %lld", number, inv->total_cents);
	store_audit(s, who, "invoice", detail);
	rc = LEDGER_OK;
out:
	ledger_free(&led);
	return rc;
}

static int write_one(const char *dir, const char *name, const char *bytes, size_t len)
{
	char path[4200];
	FILE *f;
	int ok;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	ok = fwrite(bytes, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	return ok ? 0 : -1;
}

int ledger_invoice_write_dir(const struct ledger_invoice *inv, const char *dir, char *why,
                             size_t whysize)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		snprintf(why, whysize, "cannot make %s: %s", dir, strerror(errno));
		return -1;
	}
	if (write_one(dir, inv->pdf_name, inv->pdf, inv->pdf_len) != 0 ||
	    write_one(dir, inv->csv_name, inv->csv, inv->csv_len) != 0) {
		snprintf(why, whysize, "cannot write the invoice in %s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

void ledger_invoice_free(struct ledger_invoice *inv)
{
	if (inv == NULL)
		return;
	free(inv->pdf);
	free(inv->csv);
	memset(inv, 0, sizeof *inv);
}
