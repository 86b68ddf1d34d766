/*
 * The words of the result (result.h): the methods' JSON names and Dutch
 * labels, the statuses, fractions as people read them, and the Dutch sentence
 * that says what a lot decides. Static tables and snprintf into the caller's
 * buffer; no I/O.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tally/result.h"

static const char *const method_names[TALLY_METHOD__MAX] = {
	[TALLY_METHOD_LARGEST_REMAINDER] = "largest_remainder",
	[TALLY_METHOD_UNIQUE_HIGHEST_AVERAGE] = "unique_highest_average",
	[TALLY_METHOD_HIGHEST_AVERAGE] = "highest_average",
	[TALLY_METHOD_ABSOLUTE_MAJORITY] = "absolute_majority",
	[TALLY_METHOD_LIST_EXHAUSTION] = "list_exhaustion",
};

/* As the P 22-2 names the ways a seat is assigned. */
static const char *const method_labels[TALLY_METHOD__MAX] = {
	[TALLY_METHOD_LARGEST_REMAINDER] = "grootste overschot",
	[TALLY_METHOD_UNIQUE_HIGHEST_AVERAGE] = "grootste gemiddelde, één zetel per lijst",
	[TALLY_METHOD_HIGHEST_AVERAGE] = "grootste gemiddelde",
	[TALLY_METHOD_ABSOLUTE_MAJORITY] = "volstrekte meerderheid (artikel P 9 Kieswet)",
	[TALLY_METHOD_LIST_EXHAUSTION] = "lijstuitputting (artikel P 10 Kieswet)",
};

static const char *const kind_names[TALLY_LOT__MAX] = {
	[TALLY_LOT_LIST] = "list",
	[TALLY_LOT_CANDIDATE] = "candidate",
};

static const char *const status_texts[TALLY_RESULT__MAX] = {
	[TALLY_RESULT_OK] = "the result is complete",
	[TALLY_RESULT_LOT] = "a lot must be drawn first",
	[TALLY_RESULT_NO_SEATS] = "the number of seats is out of range",
	[TALLY_RESULT_NO_VOTES] = "no votes were cast on candidates",
	[TALLY_RESULT_BAD_INPUT] = "the lists or candidates are malformed",
	[TALLY_RESULT_LOT_MISMATCH] = "a recorded lot does not fit the tie it decides",
	[TALLY_RESULT_LOTS_UNUSED] = "more lots are recorded than there are ties",
	[TALLY_RESULT_NOMEM] = "out of memory",
};

const char *
tally_result_method_name(enum tally_result_method m)
{
	return (unsigned)m < TALLY_METHOD__MAX ? method_names[m] : NULL;
}

const char *
tally_result_method_label(enum tally_result_method m)
{
	return (unsigned)m < TALLY_METHOD__MAX ? method_labels[m] : NULL;
}

const char *
tally_lot_kind_name(enum tally_lot_kind k)
{
	return (unsigned)k < TALLY_LOT__MAX ? kind_names[k] : NULL;
}

const char *
tally_result_strerror(int status)
{
	if (status < 0 || status >= TALLY_RESULT__MAX)
		return "unknown status";
	return status_texts[status];
}

char *
tally_frac_text(struct tally_frac f, char *buf, size_t size)
{
	int64_t whole, part;

	if (size == 0)
		return buf;
	if (f.den <= 0) {
		snprintf(buf, size, "?");
		return buf;
	}
	whole = f.num / f.den;
	part = f.num % f.den;
	if (part < 0)
		part = -part;
	if (part == 0)
		snprintf(buf, size, "%" PRId64, whole);
	else if (whole == 0)
		snprintf(buf, size, "%s%" PRId64 "/%" PRId64, f.num < 0 ? "-" : "", part, f.den);
	else
		snprintf(buf, size, "%" PRId64 " %" PRId64 "/%" PRId64, whole, part, f.den);
	return buf;
}

/* A bounded writer: appends to buf, never past size, always terminated. */
struct text {
	char *buf;
	size_t size, used;
};

static void
put(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->used >= t->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->used, t->size - t->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	t->used += (size_t)n;
	if (t->used >= t->size)
		t->used = t->size;
}

/* "2", "2 en 3", "2, 3 en 4". */
static void
put_options(struct text *t, const struct tally_result_lot_need *n)
{
	size_t i;

	for (i = 0; i < n->noptions; i++)
		put(t, "%s%d", i == 0 ? "" : i + 1 == n->noptions ? " en " : ", ", n->options[i]);
}

char *
tally_result_lot_text(const struct tally_result_lot_need *n, char *buf, size_t size)
{
	struct text t = { buf, size, 0 };
	char v[64];

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (n->kind == TALLY_LOT_CANDIDATE) {
		put(&t, "Het lot bepaalt welke van de kandidaten op plaats ");
		put_options(&t, n);
		put(&t, " van lijst %d de %de zetel van die lijst krijgt; zij hebben elk %s "
		    "stemmen, meer dan de voorkeurdrempel (artikel P 15 Kieswet).", n->list, n->seat,
		    tally_frac_text(n->value, v, sizeof v));
		if (n->seats_open > 1)
			put(&t, " Voor hen zijn nog %d zetels; dit lot beslist alleen over de %de.",
			    n->seats_open, n->seat);
		return buf;
	}
	if (n->method == TALLY_METHOD_ABSOLUTE_MAJORITY) {
		put(&t, "Het lot bepaalt welke van de lijsten ");
		put_options(&t, n);
		put(&t, ", die tegelijk de laatste restzetels kregen, een zetel afstaat aan lijst %d, "
		    "die de volstrekte meerderheid van de stemmen heeft maar niet van de zetels "
		    "(artikel P 9 Kieswet).", n->list);
		return buf;
	}
	put(&t, "Het lot bepaalt welke van de lijsten ");
	put_options(&t, n);
	if (n->again)
		put(&t, " zetel %d krijgt, die lijst %d wegens lijstuitputting heeft afgestaan "
		    "(artikel P 10 Kieswet)", n->seat, n->from_list);
	else
		put(&t, " de restzetel (zetel %d) krijgt", n->seat);
	put(&t, "; deze lijsten hebben een even %s van %s.",
	    n->method == TALLY_METHOD_LARGEST_REMAINDER ? "groot overschot" : "groot gemiddelde",
	    tally_frac_text(n->value, v, sizeof v));
	if (n->seats_open > 1)
		put(&t, " Voor hen zijn nog %d zetels; dit lot beslist alleen over zetel %d.",
		    n->seats_open, n->seat);
	return buf;
}
