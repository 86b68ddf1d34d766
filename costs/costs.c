/*
 * The hours and costs ledger and the invoice's arithmetic (costs.h). All
 * money is whole cents; every product and sum is checked against
 * COSTS_MONEY_MAX before it is made, so nothing here can overflow.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "costs/costs.h"

#define DAY_MIN 1440

/* ------------------------------------------------------------------ */
/* Errors and names                                                    */
/* ------------------------------------------------------------------ */

static const char *const err_en[] = {
	"ok",
	"negative amounts, counts and times are not allowed",
	"an amount has at most two decimals (and no thousands separator)",
	"not a valid number, date (YYYY-MM-DD), time (HH:MM) or text",
	"the end time must differ from the start time (an earlier end time is on the next day)",
	"this overlaps another hours line of the same person on the same day",
	"unknown category or activity",
	"too large",
	"a required field is empty",
	"out of memory",
	"the check digits do not match (a typing error?)",
};

static const char *const err_nl[] = {
	"in orde",
	"Negatieve bedragen, aantallen en tijden zijn niet toegestaan.",
	"Een bedrag heeft hoogstens twee decimalen (en geen scheidingsteken voor duizendtallen).",
	"Geen geldig getal, geldige datum (JJJJ-MM-DD), tijd (UU:MM) of tekst.",
	"De eindtijd moet verschillen van de begintijd (een eerdere eindtijd valt op de volgende dag).",
	"Deze uren overlappen met een andere urenregel van dezelfde persoon op dezelfde dag.",
	"Onbekende categorie of activiteit.",
	"Te groot.",
	"Een verplicht veld is leeg.",
	"Onvoldoende geheugen.",
	"Het controlegetal klopt niet (een tikfout?).",
};

const char *costs_strerror(int err)
{
	if (err > 0 || err <= COSTS_ERR__MIN)
		return "unknown error";
	return err_en[-err];
}

const char *costs_strerror_nl(int err)
{
	if (err > 0 || err <= COSTS_ERR__MIN)
		return "Onbekende fout.";
	return err_nl[-err];
}

static const char *const kind_names[COSTS_KIND__MAX] = {
	"hours", "travel", "laptops", "switch", "cabling", "other",
};
static const char *const kind_labels[COSTS_KIND__MAX] = {
	"Uren", "Reiskosten", "Laptophuur", "Switch", "Bekabeling", "Overig",
};
static const char *const act_names[COSTS_ACT__MAX] = {
	"preparation", "setup", "standby", "clearing", "other",
};
static const char *const act_labels[COSTS_ACT__MAX] = {
	"voorbereiding", "opbouw verkiezingsdag", "stand-by tijdens de telling", "opruimen",
	"overig",
};

const char *costs_kind_name(enum costs_kind k)
{
	return (unsigned)k < COSTS_KIND__MAX ? kind_names[k] : NULL;
}

const char *costs_kind_label(enum costs_kind k)
{
	return (unsigned)k < COSTS_KIND__MAX ? kind_labels[k] : NULL;
}

const char *costs_activity_name(enum costs_activity a)
{
	return (unsigned)a < COSTS_ACT__MAX ? act_names[a] : NULL;
}

const char *costs_activity_label(enum costs_activity a)
{
	return (unsigned)a < COSTS_ACT__MAX ? act_labels[a] : NULL;
}

/* strcmp with ASCII letters folded; the labels are ASCII. */
static int ascii_casecmp(const char *a, const char *b)
{
	unsigned char x, y;

	do {
		x = (unsigned char)*a++;
		y = (unsigned char)*b++;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
	} while (x == y && x != '\0');
	return x - y;
}

int costs_kind_parse(const char *s, enum costs_kind *out)
{
	int k;

	if (s == NULL || *s == '\0')
		return COSTS_ERR_MISSING;
	for (k = 0; k < COSTS_KIND__MAX; k++)
		if (ascii_casecmp(s, kind_names[k]) == 0 || ascii_casecmp(s, kind_labels[k]) == 0) {
			*out = (enum costs_kind)k;
			return COSTS_OK;
		}
	return COSTS_ERR_CATEGORY;
}

int costs_activity_parse(const char *s, enum costs_activity *out)
{
	int a;

	if (s == NULL || *s == '\0')
		return COSTS_ERR_MISSING;
	for (a = 0; a < COSTS_ACT__MAX; a++)
		if (ascii_casecmp(s, act_names[a]) == 0 || ascii_casecmp(s, act_labels[a]) == 0) {
			*out = (enum costs_activity)a;
			return COSTS_OK;
		}
	/* the issue's own spellings */
	if (ascii_casecmp(s, "set-up") == 0) {
		*out = COSTS_ACT_SETUP;
		return COSTS_OK;
	}
	if (ascii_casecmp(s, "stand-by") == 0) {
		*out = COSTS_ACT_STANDBY;
		return COSTS_OK;
	}
	return COSTS_ERR_CATEGORY;
}

/* ------------------------------------------------------------------ */
/* Parsing and formatting                                              */
/* ------------------------------------------------------------------ */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The amount without a sign (see costs_parse_money). */
static int parse_unsigned_money(const char *s, costs_cents *out)
{
	costs_cents euros = 0, cents = 0;
	size_t i = 0, nd;

	if (!is_digit(s[0]))
		return COSTS_ERR_FORMAT;
	for (; is_digit(s[i]); i++) {
		euros = euros * 10 + (s[i] - '0');
		if (euros > COSTS_MONEY_MAX / 100)
			euros = COSTS_MONEY_MAX / 100 + 1; /* too large; keep reading for the format */
	}
	if (s[i] == '.' || s[i] == ',') {
		i++;
		for (nd = 0; is_digit(s[i]); i++, nd++)
			if (nd < 2)
				cents = cents * 10 + (s[i] - '0');
		if (nd == 0 || s[i] != '\0')
			return COSTS_ERR_FORMAT;
		if (nd > 2)
			return COSTS_ERR_DECIMALS;
		if (nd == 1)
			cents *= 10;
	} else if (s[i] != '\0') {
		return COSTS_ERR_FORMAT;
	}
	if (euros > COSTS_MONEY_MAX / 100 || euros * 100 + cents > COSTS_MONEY_MAX)
		return COSTS_ERR_RANGE;
	*out = euros * 100 + cents;
	return COSTS_OK;
}

int costs_parse_money(const char *s, costs_cents *out)
{
	costs_cents v;
	int rc;

	if (s == NULL || *s == '\0')
		return COSTS_ERR_MISSING;
	if (*s == '-') {
		/* a negative number is refused as negative; "-abc" is no number at all */
		rc = parse_unsigned_money(s + 1, &v);
		return rc == COSTS_OK ? COSTS_ERR_NEGATIVE : rc;
	}
	return parse_unsigned_money(s, out);
}

/* The digits of a magnitude, grouped with sep every three (sep 0: none); returns out. */
static char *digits(unsigned long long v, char sep, char *out, size_t size)
{
	char tmp[48];
	size_t n = 0, i, k = 0;

	do {
		if (sep != 0 && k > 0 && k % 3 == 0)
			tmp[n++] = sep;
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
		k++;
	} while (v > 0);
	if (size == 0)
		return out;
	for (i = 0; i < n && i + 1 < size; i++)
		out[i] = tmp[n - 1 - i];
	out[i] = '\0';
	return out;
}

/* The magnitude of c, also for LLONG_MIN. */
static unsigned long long magnitude(costs_cents c)
{
	return c < 0 ? 0ULL - (unsigned long long)c : (unsigned long long)c;
}

void costs_format_money(costs_cents c, char *out, size_t size)
{
	unsigned long long m = magnitude(c);
	char e[48];

	if (size == 0)
		return;
	snprintf(out, size, "%s%s.%02llu", c < 0 ? "-" : "", digits(m / 100, 0, e, sizeof e),
	         m % 100);
}

void costs_format_money_nl(costs_cents c, char *out, size_t size)
{
	unsigned long long m = magnitude(c);
	char e[48];

	if (size == 0)
		return;
	snprintf(out, size, "\xe2\x82\xac %s%s,%02llu", c < 0 ? "-" : "",
	         digits(m / 100, '.', e, sizeof e), m % 100);
}

int costs_parse_count(const char *s, long max, long *out)
{
	static const int rc[NUM_ERR__MAX] = {
		[NUM_OK] = COSTS_OK, [NUM_ERR_EMPTY] = COSTS_ERR_MISSING,
		[NUM_ERR_SYNTAX] = COSTS_ERR_FORMAT, [NUM_ERR_SMALL] = COSTS_ERR_NEGATIVE,
		[NUM_ERR_LARGE] = COSTS_ERR_RANGE,
	};
	long long v;

	if (s != NULL && s[0] == '-') /* "-0" too is refused as negative */
		return num_parse(s, LLONG_MIN, 0, &v) == NUM_ERR_SYNTAX ? COSTS_ERR_FORMAT :
		       COSTS_ERR_NEGATIVE;
	return rc[num_parse_long(s, 0, max, out)];
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */
/* ------------------------------------------------------------------ */

int costs_rates_check(const struct costs_rates *r)
{
	if (r->hourly < 0 || r->laptop_day < 0 || r->per_km < 0 || r->vat_basis_points < 0)
		return COSTS_ERR_NEGATIVE;
	if (r->hourly > COSTS_MONEY_MAX || r->laptop_day > COSTS_MONEY_MAX ||
	    r->per_km > COSTS_MONEY_MAX || r->vat_basis_points > COSTS_VAT_MAX)
		return COSTS_ERR_RANGE;
	return COSTS_OK;
}

int costs_text_check(const char *buf)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t n, i, k;
	unsigned long cp;

	if (buf == NULL)
		return COSTS_ERR_FORMAT;
	n = strlen(buf);
	for (i = 0; i < n;) {
		unsigned char c = s[i];

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return COSTS_ERR_FORMAT;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return COSTS_ERR_FORMAT;
		}
		if (i + k >= n)
			return COSTS_ERR_FORMAT;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return COSTS_ERR_FORMAT;
			cp = (cp << 6) | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
			return COSTS_ERR_FORMAT;
		i += k + 1;
	}
	return COSTS_OK;
}

/* A field of size bytes: NUL-terminated (else COSTS_ERR_RANGE) and costs_text_check'ed. */
static int text_check(const char *buf, size_t size)
{
	if (memchr(buf, '\0', size) == NULL)
		return COSTS_ERR_RANGE;
	return costs_text_check(buf);
}

/* Whether the text has something besides spaces. */
static int has_text(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ')
			return 1;
	return 0;
}

/* An amount that may be -1 ("none"): COSTS_OK (also for none), NEGATIVE or RANGE. */
static int amount_check(costs_cents a)
{
	if (a < -1)
		return COSTS_ERR_NEGATIVE;
	if (a > COSTS_MONEY_MAX)
		return COSTS_ERR_RANGE;
	return COSTS_OK;
}

/* A count that must be given: 0..max. */
static int count_check(long v, long max)
{
	if (v < 0)
		return COSTS_ERR_NEGATIVE;
	if (v > max)
		return COSTS_ERR_RANGE;
	return COSTS_OK;
}

int costs_line_check(const struct costs_line *l)
{
	int rc;

	if ((unsigned)l->kind >= COSTS_KIND__MAX)
		return COSTS_ERR_CATEGORY;
	if ((rc = text_check(l->person, sizeof l->person)) != COSTS_OK ||
	    (rc = text_check(l->date, sizeof l->date)) != COSTS_OK ||
	    (rc = text_check(l->description, sizeof l->description)) != COSTS_OK)
		return rc;
	/* a date is needed for hours and travel, and checked wherever it is given */
	if (l->date[0] != '\0' && (rc = costs_parse_date(l->date)) != COSTS_OK)
		return rc;

	switch (l->kind) {
	case COSTS_HOURS:
		if (!has_text(l->person) || l->date[0] == '\0')
			return COSTS_ERR_MISSING;
		if ((unsigned)l->activity >= COSTS_ACT__MAX)
			return COSTS_ERR_CATEGORY;
		if (l->from_min < 0 || l->to_min < 0)
			return COSTS_ERR_NEGATIVE;
		if (l->from_min > DAY_MIN || l->to_min > DAY_MIN)
			return COSTS_ERR_RANGE;
		if (l->to_min == l->from_min)
			return COSTS_ERR_END_BEFORE_START;
		if (l->from_min == DAY_MIN)
			return COSTS_ERR_FORMAT; /* 24:00 ends a day; the next starts at 00:00 */
		return COSTS_OK;
	case COSTS_TRAVEL:
		if (!has_text(l->person) || l->date[0] == '\0')
			return COSTS_ERR_MISSING;
		if (l->km < -1)
			return COSTS_ERR_NEGATIVE;
		if ((rc = amount_check(l->amount)) != COSTS_OK)
			return rc;
		if (l->km == -1 && l->amount == -1)
			return COSTS_ERR_MISSING;
		if (l->km != -1 && l->amount != -1)
			return COSTS_ERR_FORMAT;
		if (l->km > COSTS_KM_MAX)
			return COSTS_ERR_RANGE;
		return COSTS_OK;
	case COSTS_LAPTOPS:
		if ((rc = count_check(l->count, COSTS_LAPTOPS_MAX)) != COSTS_OK ||
		    (rc = count_check(l->days, COSTS_DAYS_MAX)) != COSTS_OK)
			return rc;
		return COSTS_OK;
	case COSTS_SWITCH:
	case COSTS_CABLING:
	case COSTS_OTHER:
		if ((rc = amount_check(l->amount)) != COSTS_OK)
			return rc;
		if (l->amount == -1 || !has_text(l->description))
			return COSTS_ERR_MISSING;
		return COSTS_OK;
	case COSTS_KIND__MAX:
		break;
	}
	return COSTS_ERR_CATEGORY;
}

/* ------------------------------------------------------------------ */
/* Amounts                                                             */
/* ------------------------------------------------------------------ */

/* a × b for a, b >= 0, when it is at most limit: COSTS_OK, else COSTS_ERR_RANGE. */
static int mul(long long a, long long b, long long limit, long long *out)
{
	if (b != 0 && a > limit / b)
		return COSTS_ERR_RANGE;
	*out = a * b;
	return COSTS_OK;
}

/* a + b for 0 <= a, b, when it is at most COSTS_MONEY_MAX. */
static int add(costs_cents a, costs_cents b, costs_cents *out)
{
	if (a > COSTS_MONEY_MAX - b)
		return COSTS_ERR_RANGE;
	*out = a + b;
	return COSTS_OK;
}

/* num / den rounded half up, for num >= 0, den > 0. */
static long long div_half_up(long long num, long long den)
{
	return num / den + (num % den * 2 >= den);
}

int costs_line_compute(const struct costs_line *l, const struct costs_rates *r,
                       costs_cents *out)
{
	long long v, t;
	int rc;

	if ((rc = costs_rates_check(r)) != COSTS_OK || (rc = costs_line_check(l)) != COSTS_OK)
		return rc;
	switch (l->kind) {
	case COSTS_HOURS:
		if ((rc = mul(costs_line_minutes(l), r->hourly, LLONG_MAX, &t)) != COSTS_OK)
			return rc;
		v = div_half_up(t, 60);
		break;
	case COSTS_TRAVEL:
		if (l->km == -1)
			v = l->amount;
		else if ((rc = mul(l->km, r->per_km, LLONG_MAX, &v)) != COSTS_OK)
			return rc;
		break;
	case COSTS_LAPTOPS:
		if ((rc = mul(l->count, l->days, LLONG_MAX, &t)) != COSTS_OK ||
		    (rc = mul(t, r->laptop_day, LLONG_MAX, &v)) != COSTS_OK)
			return rc;
		break;
	default:
		v = l->amount;
		break;
	}
	if (v > COSTS_MONEY_MAX)
		return COSTS_ERR_RANGE;
	*out = v;
	return COSTS_OK;
}

costs_cents costs_line_amount(const struct costs_line *l, const struct costs_rates *r)
{
	costs_cents v;

	return costs_line_compute(l, r, &v) == COSTS_OK ? v : -1;
}

/* ------------------------------------------------------------------ */
/* The summary                                                         */
/* ------------------------------------------------------------------ */

static int person_cmp(const void *a, const void *b)
{
	const struct costs_person_total *x = a, *y = b;

	return strcmp(x->person, y->person);
}

int costs_summarise(const struct costs_line *lines, size_t n, const struct costs_rates *r,
                    struct costs_summary *out)
{
	struct costs_person_total *p = NULL;
	costs_cents amount;
	size_t i, np = 0, k;
	int rc, kind;

	memset(out, 0, sizeof *out);
	if ((rc = costs_rates_check(r)) != COSTS_OK)
		goto fail;
	if (n > 0 && (p = calloc(n, sizeof *p)) == NULL) {
		rc = COSTS_ERR_NOMEM;
		goto fail;
	}
	for (i = 0; i < n; i++) {
		const struct costs_line *l = &lines[i];

		out->bad_line = i;
		if ((rc = costs_line_compute(l, r, &amount)) != COSTS_OK ||
		    (rc = costs_line_check_overlap(l, lines, n, &out->bad_with)) != COSTS_OK)
			goto fail;
		if ((rc = add(out->by_kind[l->kind], amount, &out->by_kind[l->kind])) != COSTS_OK)
			goto fail;
		if (l->kind == COSTS_HOURS) {
			/* at most n × 1440 minutes, and n is bounded by memory: still, checked */
			if (out->minutes > LONG_MAX - DAY_MIN) {
				rc = COSTS_ERR_RANGE;
				goto fail;
			}
			out->minutes += costs_line_minutes(l);
		}
		if (l->kind == COSTS_HOURS || l->kind == COSTS_TRAVEL) {
			memcpy(p[np].person, l->person, sizeof p[np].person);
			p[np].minutes = costs_line_minutes(l);
			p[np].amount = amount;
			np++;
		}
	}
	out->bad_line = out->bad_with = 0;

	/* One entry per person: sorted, then runs of one name merged into their first. */
	if (np > 0)
		qsort(p, np, sizeof *p, person_cmp);
	for (i = 0, k = 0; i < np; i++) {
		if (k > 0 && strcmp(p[k - 1].person, p[i].person) == 0) {
			/* each person's minutes are at most out->minutes, already checked */
			p[k - 1].minutes += p[i].minutes;
			if ((rc = add(p[k - 1].amount, p[i].amount, &p[k - 1].amount)) != COSTS_OK)
				goto fail; /* cannot be: the person's sum is part of a checked sum */
		} else {
			p[k++] = p[i];
		}
	}
	if (k == 0) {
		free(p);
		p = NULL;
	}

	for (kind = 0; kind < COSTS_KIND__MAX; kind++)
		if ((rc = add(out->net, out->by_kind[kind], &out->net)) != COSTS_OK)
			goto fail;
	/* net <= 10^9 and the rate <= 10^4: the product fits easily */
	out->vat = div_half_up(out->net * r->vat_basis_points, 10000);
	if ((rc = add(out->net, out->vat, &out->total)) != COSTS_OK)
		goto fail;
	out->persons = p;
	out->npersons = k;
	return COSTS_OK;

fail:
	free(p);
	i = out->bad_line;
	k = out->bad_with;
	memset(out, 0, sizeof *out);
	out->bad_line = i;
	out->bad_with = k;
	return rc;
}

void costs_summary_free(struct costs_summary *s)
{
	if (s == NULL)
		return;
	free(s->persons);
	s->persons = NULL;
	s->npersons = 0;
}
