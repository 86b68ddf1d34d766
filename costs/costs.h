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
 * rounded half up to the cent, once on the invoice. Subtotals and the
 * total are plain sums of those rounded amounts.
 *
 * Bounds: every amount, subtotal and total is at most COSTS_MONEY_MAX;
 * anything larger is refused (COSTS_ERR_RANGE), never wrapped.
 */
#include <stddef.h>

#include "base/limits.h"

typedef long long costs_cents;

/* The limits are base/limits.h's. */
#define COSTS_MONEY_MAX   LIMIT_MONEY_MAX    /* cents: EUR 10 000 000.00, the largest amount */
#define COSTS_MONEY_TEXT  40             /* bytes for costs_format_money(_nl) of any value */
#define COSTS_TEXT_MAX    LIMIT_COSTS_TEXT_MAX
#define COSTS_NAME_MAX    LIMIT_COSTS_NAME_MAX
#define COSTS_KM_MAX      LIMIT_KM_MAX       /* kilometres in one travel line */
#define COSTS_LAPTOPS_MAX LIMIT_LAPTOPS_MAX  /* laptops in one rental line */
#define COSTS_DAYS_MAX    LIMIT_DAYS_MAX     /* days in one rental line */
#define COSTS_VAT_MAX     LIMIT_VAT_MAX      /* basis points: 100 % */

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
	COSTS_ERR_FORMAT = -3,        /* not a number, date (YYYY-MM-DD), time (HH:MM) or text */
	COSTS_ERR_END_BEFORE_START = -4,  /* an end time equal to its start (an earlier one is the next day) */
	COSTS_ERR_OVERLAP = -5,       /* two hour lines of one person overlap */
	COSTS_ERR_CATEGORY = -6,      /* an unknown category or activity */
	COSTS_ERR_RANGE = -7,         /* too large (a sum beyond COSTS_MONEY_MAX included) */
	COSTS_ERR_MISSING = -8,       /* a field the kind needs is empty */
	COSTS_ERR_NOMEM = -9,         /* out of memory */
	COSTS_ERR_CHECKSUM = -10,     /* an IBAN whose check digits do not match */
	COSTS_ERR__MIN = -11
};
/* An English sentence for the error (for the command line); static, never NULL. */
const char *costs_strerror(int err);
/* A Dutch sentence for the error (for the pages); static, never NULL. */
const char *costs_strerror_nl(int err);

/* "hours", "travel", "laptops", "switch", "cabling", "other"; NULL out of range. */
const char *costs_kind_name(enum costs_kind k);
/* Dutch label: "Uren", "Reiskosten", "Laptophuur", "Switch", "Bekabeling", "Overig"; NULL out of range. */
const char *costs_kind_label(enum costs_kind k);
/*
 * Accepts the English name or the Dutch label, ASCII case ignored. Returns
 * COSTS_OK, COSTS_ERR_MISSING (NULL or empty) or COSTS_ERR_CATEGORY.
 */
int costs_kind_parse(const char *s, enum costs_kind *out);
/* "preparation", "setup", "standby", "clearing", "other"; and Dutch labels
 * "voorbereiding", "opbouw verkiezingsdag", "stand-by tijdens de telling", "opruimen", "overig".
 * Both NULL out of range. */
const char *costs_activity_name(enum costs_activity a);
const char *costs_activity_label(enum costs_activity a);
/*
 * Accepts the English name or the Dutch label, ASCII case ignored, and the
 * issue's spellings "set-up" and "stand-by". Returns COSTS_OK,
 * COSTS_ERR_MISSING (NULL or empty) or COSTS_ERR_CATEGORY.
 */
int costs_activity_parse(const char *s, enum costs_activity *out);

/*
 * Parses an amount in euros: "57.25", "57,25", "57", "0.5", "1234.5": digits,
 * then optionally '.' or ',' and one or two digits. No sign, no spaces, no
 * currency sign, no exponent, no thousands separators, at most
 * COSTS_MONEY_MAX. Returns COSTS_OK and *out in cents, or (nothing written)
 * COSTS_ERR_MISSING (NULL or ""), COSTS_ERR_NEGATIVE ("-1"),
 * COSTS_ERR_DECIMALS ("1.234": three decimals, or a thousands separator),
 * COSTS_ERR_RANGE, COSTS_ERR_FORMAT (anything else).
 */
int costs_parse_money(const char *s, costs_cents *out);
/*
 * Writes cents as "1234.50" (no thousands separator; "-" before a negative
 * value) into out, NUL-terminated and truncated to size; COSTS_MONEY_TEXT
 * bytes always suffice.
 */
void costs_format_money(costs_cents c, char *out, size_t size);
/* Dutch form for documents: "€ 1.234,50" (an ASCII space after the euro sign). Sizes as above. */
void costs_format_money_nl(costs_cents c, char *out, size_t size);
/*
 * "HH:MM", exactly two digits each: 00:00-23:59, and 24:00 (1440, the end of
 * a line that runs to midnight; as a start it fails costs_line_check). "9:00", "25:00", "12:60", "24:01" are
 * COSTS_ERR_FORMAT; NULL or "" COSTS_ERR_MISSING. *minutes written only on
 * COSTS_OK.
 */
int costs_parse_time(const char *s, int *minutes);
/* Minutes since midnight as "09:05" (0..1440); out holds >= 6 bytes. */
void costs_format_time(int minutes, char *out, size_t size);
/* A duration in minutes as hours "7:30", "0:01", "31:45"; out holds >= 24 bytes. */
void costs_format_duration(long minutes, char *out, size_t size);
/*
 * "YYYY-MM-DD", a real calendar day (leap years included) in the years
 * 2000-2099 (a typo such as 0222 is caught). Returns COSTS_OK,
 * COSTS_ERR_MISSING (NULL or "") or COSTS_ERR_FORMAT.
 */
int costs_parse_date(const char *s);
/*
 * A whole number 0..max (kilometres, laptops, days), digits only. Returns
 * COSTS_OK and *out, or (nothing written) COSTS_ERR_MISSING,
 * COSTS_ERR_NEGATIVE, COSTS_ERR_RANGE, COSTS_ERR_FORMAT.
 */
int costs_parse_count(const char *s, long max, long *out);
/*
 * Whether s is text every document can print as is: valid UTF-8 (no overlong
 * forms, surrogates or code points above U+10FFFF) without control
 * characters (C0, DEL, C1). COSTS_OK, or COSTS_ERR_FORMAT (also for NULL).
 */
int costs_text_check(const char *s);

struct costs_rates {
	costs_cents hourly;        /* per hour, e.g. 5725 */
	costs_cents laptop_day;    /* per laptop per day */
	costs_cents per_km;        /* per kilometre */
	int vat_basis_points;      /* VAT rate in 1/100 percent: 2100 = 21 %; default 0 */
};
/* Rates 0..COSTS_MONEY_MAX, VAT 0..COSTS_VAT_MAX: COSTS_OK, COSTS_ERR_NEGATIVE or COSTS_ERR_RANGE. */
int costs_rates_check(const struct costs_rates *r);

/*
 * One line of the ledger. Strings are NUL-terminated UTF-8 without control
 * characters. Fields that the line's kind does not use are ignored.
 */
struct costs_line {
	long id;                              /* the store's id; 0 for a new line */
	enum costs_kind kind;
	char person[COSTS_NAME_MAX];          /* hours, travel */
	char date[11];                        /* hours, travel: YYYY-MM-DD; others: optional */
	int from_min, to_min;                 /* hours: minutes since midnight, from 0..1439, to 0..1440,
	                                         to != from; to < from: it ends on the next day */
	enum costs_activity activity;         /* hours */
	long km;                              /* travel: kilometres, or -1 when an amount is given */
	long count, days;                     /* laptops */
	costs_cents amount;                   /* travel by amount, switch, cabling, other: -1 if none */
	char description[COSTS_TEXT_MAX];     /* items (required), others (optional) */
};

/*
 * Checks one line on its own: every field its kind needs (COSTS_ERR_MISSING),
 * no negatives (COSTS_ERR_NEGATIVE; -1 in km and amount means "none"), end
 * after start (COSTS_ERR_END_BEFORE_START), a known kind and activity
 * (COSTS_ERR_CATEGORY), dates and text (COSTS_ERR_FORMAT), the limits above
 * (COSTS_ERR_RANGE). A travel line has kilometres or an amount, not both
 * (COSTS_ERR_FORMAT). An hours line whose end is before its start runs past
 * midnight and ends on the next day (21:00-03:00 is 6 hours, dated the day it
 * starts); an end equal to the start is COSTS_ERR_END_BEFORE_START, a start
 * at 24:00 COSTS_ERR_FORMAT. Returns COSTS_OK or the first error found.
 */
int costs_line_check(const struct costs_line *l);
/*
 * Checks that an hours line does not overlap another hours line of the same
 * person (names compared byte for byte) among others[0..n): on the same day,
 * and, for lines past midnight, on the day before or after (21:00-03:00 on
 * the 18th overlaps 02:00-04:00 on the 19th, not 03:00-05:00).
 * Skipped: the line being edited (the same nonzero id) and l itself when it
 * lies in others. Touching (10:00-12:00 and 12:00-14:00) is no overlap.
 * Lines of other kinds never overlap. Returns COSTS_OK or COSTS_ERR_OVERLAP
 * with *with set to the index of the first line it overlaps (when with is
 * not NULL).
 */
int costs_line_check_overlap(const struct costs_line *l, const struct costs_line *others,
                             size_t n, size_t *with);
/*
 * The line's amount in cents under the rates (the rounding stated above).
 * Returns COSTS_OK and *out, or the line's or the rates' error, or
 * COSTS_ERR_RANGE when the amount would exceed COSTS_MONEY_MAX.
 */
int costs_line_compute(const struct costs_line *l, const struct costs_rates *r,
                       costs_cents *out);
/*
 * An hours line's minutes: to - from, or to + 1440 - from when it ends on the
 * next day; 0 for another kind or a line that fails the check of its times.
 */
long costs_line_minutes(const struct costs_line *l);
/* 1 when an hours line ends on the next day (its end before its start), else 0. */
int costs_line_next_day(const struct costs_line *l);
/*
 * A line's times as "09:00-17:00", or "21:00-03:00 (+1 day)" when the end is
 * on the next day; the _nl form says "(+1 dag)". out holds >= COSTS_SPAN_TEXT bytes.
 */
#define COSTS_SPAN_TEXT 32
void costs_format_span(int from_min, int to_min, char *out, size_t size);
void costs_format_span_nl(int from_min, int to_min, char *out, size_t size);
/* costs_line_compute's amount, or -1 when it returns an error. */
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
	struct costs_person_total *persons;   /* heap, sorted by name (bytes); free with costs_summary_free */
	costs_cents net, vat, total;
	size_t bad_line, bad_with;            /* on a line's error: its index; on COSTS_ERR_OVERLAP, the other's */
};
/*
 * Checks the rates and every line (costs_line_check, and overlaps among the
 * lines themselves) and adds them up. Returns COSTS_OK, or the first error
 * (a line's error with out->bad_line set; COSTS_ERR_RANGE when a sum would
 * exceed COSTS_MONEY_MAX; COSTS_ERR_NOMEM), and then out holds no memory and
 * no sums. Free with costs_summary_free in either case.
 */
int costs_summarise(const struct costs_line *lines, size_t n, const struct costs_rates *r,
                    struct costs_summary *out);
/* Frees s->persons; NULL is a no-op. */
void costs_summary_free(struct costs_summary *s);

/*
 * The supplier's particulars on the invoice (costs/ident.c). Each parser is
 * lenient on what people type (spaces; for KvK and VAT also dots; letters in
 * either case) and writes the normalised form to out, which is left
 * untouched on an error. Returns COSTS_OK, COSTS_ERR_MISSING (NULL, or
 * nothing but spaces), COSTS_ERR_FORMAT or (IBAN) COSTS_ERR_CHECKSUM.
 */
#define COSTS_KVK_SIZE    9     /* "12345678" */
#define COSTS_VAT_ID_SIZE 15    /* "NL123456789B01" */
#define COSTS_IBAN_SIZE   35    /* at most 34 characters, no spaces */
#define COSTS_IBAN_TEXT   43    /* in groups of four */
/* KvK number: exactly 8 digits. */
int costs_kvk_parse(const char *s, char out[COSTS_KVK_SIZE]);
/* Dutch btw-identificatienummer: "NL", 9 digits, "B", 2 digits. */
int costs_vat_id_parse(const char *s, char out[COSTS_VAT_ID_SIZE]);
/*
 * IBAN (ISO 13616): two letters, two check digits, letters and digits, the
 * length of the country when it is known (NL 18), 15-34 otherwise, and the
 * mod-97 check: COSTS_ERR_CHECKSUM when only that fails.
 */
int costs_iban_parse(const char *s, char out[COSTS_IBAN_SIZE]);
/* A normalised IBAN in groups of four: "NL91 ABNA 0417 1643 00"; COSTS_IBAN_TEXT bytes suffice. */
void costs_iban_format(const char *iban, char *out, size_t size);

#endif
