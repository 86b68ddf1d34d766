#ifndef COSTS_COSTS_H
#define COSTS_COSTS_H
/*
 * The ledger of hours and costs that the ICT partner invoices the
 * municipality after the election (domain.md §7), and the invoice's
 * arithmetic. Money is whole cents (long long), never floating point.
 * Pure C: no I/O.
 *
 * Rounding, stated once: an hours line is minutes × hourly rate / 60,
 * rounded half up to the cent, once per line; kilometres × rate and
 * laptops × days × rate are exact in cents; VAT is the net total × rate,
 * rounded half up to the cent, once on the invoice.
 */
#include <stddef.h>

typedef long long costs_cents;

#define COSTS_MONEY_MAX   1000000000LL   /* cents: EUR 10 000 000.00, the largest amount */
#define COSTS_TEXT_MAX    256
#define COSTS_NAME_MAX    64

enum costs_kind {
	COSTS_HOURS,      /* person, date, from-to, activity */
	COSTS_TRAVEL,     /* person, date, kilometres or an amount */
	COSTS_LAPTOPS,    /* number of laptops × days */
	COSTS_SWITCH,     /* amount + description */
	COSTS_CABLING,
	COSTS_OTHER,
	COSTS_KIND__MAX
};

enum costs_activity {
	COSTS_ACT_PREPARATION,   /* preparing the laptops */
	COSTS_ACT_SETUP,         /* setting up on election day */
	COSTS_ACT_STANDBY,       /* standby during the count */
	COSTS_ACT_CLEARING,      /* clearing up */
	COSTS_ACT_OTHER,
	COSTS_ACT__MAX
};

enum costs_err {
	COSTS_OK = 0,
	COSTS_ERR_NEGATIVE = -1,      /* a negative amount, count or time */
	COSTS_ERR_DECIMALS = -2,      /* an amount with more than two decimals */
	COSTS_ERR_FORMAT = -3,        /* not a number, date (YYYY-MM-DD) or time (HH:MM) */
	COSTS_ERR_END_BEFORE_START = -4,
	COSTS_ERR_OVERLAP = -5,       /* two hour lines of one person overlap */
	COSTS_ERR_CATEGORY = -6,      /* an unknown category or activity */
	COSTS_ERR_RANGE = -7,         /* too large */
	COSTS_ERR_MISSING = -8,       /* a field the kind needs is empty */
	COSTS_ERR__MIN = -9
};
/* An English sentence for the error (for the command line). */
const char *costs_strerror(int err);
/* A Dutch sentence for the error (for the pages). */
const char *costs_strerror_nl(int err);

/* "hours", "travel", "laptops", "switch", "cabling", "other"; NULL out of range. */
const char *costs_kind_name(enum costs_kind k);
/* Dutch label: "Uren", "Reiskosten", "Laptophuur", "Switch", "Bekabeling", "Overig". */
const char *costs_kind_label(enum costs_kind k);
int costs_kind_parse(const char *s, enum costs_kind *out);
/* "preparation", "setup", "standby", "clearing", "other"; and Dutch labels
 * "voorbereiding", "opbouw verkiezingsdag", "stand-by tijdens de telling", "opruimen", "overig". */
const char *costs_activity_name(enum costs_activity a);
const char *costs_activity_label(enum costs_activity a);
/* Accepts the English name or the Dutch label. */
int costs_activity_parse(const char *s, enum costs_activity *out);

/*
 * Parses an amount in euros: "57.25", "57,25", "57", "1234.5". At most two
 * decimals, no sign, no thousands separators, at most COSTS_MONEY_MAX.
 * Returns COSTS_OK and *out in cents, or an error (nothing written).
 */
int costs_parse_money(const char *s, costs_cents *out);
/* Writes cents as "1234.50" (no thousands separator); out holds >= 24 bytes. */
void costs_format_money(costs_cents c, char *out, size_t size);
/* Dutch form for documents: "€ 1.234,50". */
void costs_format_money_nl(costs_cents c, char *out, size_t size);
/* "HH:MM" (00:00-23:59, and 24:00 as an end) to minutes; COSTS_ERR_FORMAT otherwise. */
int costs_parse_time(const char *s, int *minutes);
/* "YYYY-MM-DD", a real calendar day. */
int costs_parse_date(const char *s);
/* A whole number 0..max (kilometres, laptops, days). */
int costs_parse_count(const char *s, long max, long *out);

struct costs_rates {
	costs_cents hourly;        /* per hour, e.g. 5725 */
	costs_cents laptop_day;    /* per laptop per day */
	costs_cents per_km;        /* per kilometre */
	int vat_basis_points;      /* VAT rate in 1/100 percent: 2100 = 21 %; default 0 */
};

struct costs_line {
	long id;                              /* the store's id; 0 for a new line */
	enum costs_kind kind;
	char person[COSTS_NAME_MAX];          /* hours, travel */
	char date[11];                        /* hours, travel: YYYY-MM-DD */
	int from_min, to_min;                 /* hours: minutes since midnight, to > from */
	enum costs_activity activity;         /* hours */
	long km;                              /* travel: kilometres, or -1 when an amount is given */
	long count, days;                     /* laptops */
	costs_cents amount;                   /* travel by amount, switch, cabling, other: -1 if none */
	char description[COSTS_TEXT_MAX];     /* items (required), others (optional) */
};

/*
 * Checks one line on its own (every field its kind needs, no negatives,
 * end after start, ranges). Returns COSTS_OK or an error.
 */
int costs_line_check(const struct costs_line *l);
/*
 * Checks that an hours line does not overlap another hours line of the same
 * person on the same day among others[0..n) (a line with the same id, i.e.
 * the line being edited, is skipped). Touching (10:00-12:00 and 12:00-14:00)
 * is no overlap. Returns COSTS_OK or COSTS_ERR_OVERLAP with *with set to the
 * index of the line it overlaps (when with is not NULL).
 */
int costs_line_check_overlap(const struct costs_line *l, const struct costs_line *others,
                             size_t n, size_t *with);
/* The line's amount in cents under the rates (the rounding stated above); -1 on overflow. */
costs_cents costs_line_amount(const struct costs_line *l, const struct costs_rates *r);

/* The invoice's sums. */
struct costs_person_total {
	char person[COSTS_NAME_MAX];
	long minutes;                         /* hours worked */
	costs_cents amount;                   /* hours and travel of this person */
};
struct costs_summary {
	costs_cents by_kind[COSTS_KIND__MAX];
	long minutes;                         /* all hours */
	size_t npersons;
	struct costs_person_total *persons;   /* heap, sorted by name; free with costs_summary_free */
	costs_cents net, vat, total;
};
/* Adds up the lines; 0, or -1 (overflow, out of memory). Free with costs_summary_free. */
int costs_summarise(const struct costs_line *lines, size_t n, const struct costs_rates *r,
                    struct costs_summary *out);
void costs_summary_free(struct costs_summary *s);

#endif
