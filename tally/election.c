/*
 * The election model and the rules an election definition must obey.
 * Sources: Kieswet (seat ranges, art. P 15 preference thresholds) and the
 * Kiesraad's EML_NL subcategories: GR1/AB1 fewer than 19 seats, GR2/AB2 19 or
 * more; PS1 one electoral district, PS2 several; TK; EP.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "tally/election.h"

static const char *const category_names[TALLY_CAT__MAX] = {
	[TALLY_CAT_GR] = "GR", [TALLY_CAT_PS] = "PS", [TALLY_CAT_AB] = "AB",
	[TALLY_CAT_TK] = "TK", [TALLY_CAT_EP] = "EP",
};

/* Seat ranges per category; a narrower check follows from the subcategory. */
static const struct {
	int min, max;
} seat_range[TALLY_CAT__MAX] = {
	[TALLY_CAT_GR] = {9, 45},   /* Kieswet art. 8 Gemeentewet: 9 to 45 */
	[TALLY_CAT_PS] = {39, 55},  /* Provinciewet art. 8: 39 to 55 */
	[TALLY_CAT_AB] = {9, 49},   /* Waterschapswet: set per water board */
	[TALLY_CAT_TK] = {150, 150},
	[TALLY_CAT_EP] = {1, 99},
};

const char *tally_category_name(enum tally_category c)
{
	if ((int)c < 0 || c >= TALLY_CAT__MAX)
		return NULL;
	return category_names[c];
}

int tally_category_parse(const char *s, enum tally_category *out)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < TALLY_CAT__MAX; i++)
		if (strcmp(s, category_names[i]) == 0) {
			*out = (enum tally_category)i;
			return 0;
		}
	return -1;
}

int tally_category_has_voter_cards(enum tally_category c)
{
	return c != TALLY_CAT_GR;
}

void tally_problem(struct tally_problems *p, const char *fmt, ...)
{
	va_list ap;

	if (p->n >= TALLY_PROBLEMS_MAX) {
		p->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(p->msg[p->n], sizeof p->msg[p->n], fmt, ap);
	va_end(ap);
	p->n++;
}

char *tally_problems_join(const struct tally_problems *p, char *buf, size_t size)
{
	size_t i, used = 0;
	int n;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < p->n && used < size; i++) {
		n = snprintf(buf + used, size - used, "%s%s", i ? "; " : "", p->msg[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	if (p->dropped && used < size)
		snprintf(buf + used, size - used, "; and %zu more", p->dropped);
	return buf;
}

int tally_date_check(const char *s)
{
	int y;

	return date_day(s, &y, NULL, NULL) == 0 && y >= 1900 ? 0 : -1;
}

/* The subcategory that the category and seats call for; NULL if any fits (PS). */
static const char *expected_subcategory(const struct tally_election *e)
{
	switch (e->category) {
	case TALLY_CAT_GR:
		return e->seats < 19 ? "GR1" : "GR2";
	case TALLY_CAT_AB:
		return e->seats < 19 ? "AB1" : "AB2";
	case TALLY_CAT_TK:
		return "TK";
	case TALLY_CAT_EP:
		return "EP";
	default:
		return NULL;
	}
}

/* Preference threshold (percent of the quota) that the subcategory calls for. */
static int expected_threshold(const char *sub)
{
	if (strcmp(sub, "GR1") == 0 || strcmp(sub, "AB1") == 0)
		return 50;
	if (strcmp(sub, "EP") == 0)
		return 10;
	return 25;
}

size_t tally_election_check(const struct tally_election *e, struct tally_problems *p)
{
	size_t before = p->n + p->dropped;
	const char *cat = tally_category_name(e->category);
	const char *want;
	int sub_ok;

	if (cat == NULL) {
		tally_problem(p, "unknown election category");
		return p->n + p->dropped - before;
	}
	if (e->id[0] == '\0')
		tally_problem(p, "the election has no ElectionIdentifier Id");
	if (e->name[0] == '\0')
		tally_problem(p, "the election has no ElectionName");
	if (tally_date_check(e->date) != 0)
		tally_problem(p, "ElectionDate '%s' is not a date (YYYY-MM-DD)", e->date);
	if (e->nomination_date[0] != '\0' && tally_date_check(e->nomination_date) != 0)
		tally_problem(p, "NominationDate '%s' is not a date (YYYY-MM-DD)", e->nomination_date);
	if (tally_date_check(e->date) == 0 && tally_date_check(e->nomination_date) == 0 &&
	    strcmp(e->nomination_date, e->date) > 0)
		tally_problem(p, "NominationDate %s lies after ElectionDate %s",
		              e->nomination_date, e->date);

	/* The subcategory must belong to the category (GR1 for GR, PS2 for PS...). */
	sub_ok = strncmp(e->subcategory, cat, 2) == 0 &&
	         (e->subcategory[2] == '\0' ||
	          ((e->subcategory[2] == '1' || e->subcategory[2] == '2') && e->subcategory[3] == '\0'));
	if ((e->category == TALLY_CAT_TK || e->category == TALLY_CAT_EP) && e->subcategory[2] != '\0')
		sub_ok = 0;
	if ((e->category == TALLY_CAT_GR || e->category == TALLY_CAT_PS || e->category == TALLY_CAT_AB) &&
	    e->subcategory[2] == '\0')
		sub_ok = 0;
	if (!sub_ok) {
		tally_problem(p, "ElectionSubcategory '%s' does not belong to category %s",
		              e->subcategory, cat);
		return p->n + p->dropped - before;
	}

	if (e->seats < seat_range[e->category].min || e->seats > seat_range[e->category].max) {
		if (seat_range[e->category].min == seat_range[e->category].max)
			tally_problem(p, "NumberOfSeats %d is out of range: a %s election has %d seats",
			              e->seats, cat, seat_range[e->category].min);
		else
			tally_problem(p, "NumberOfSeats %d is out of range: a %s election has %d to %d seats",
			              e->seats, cat, seat_range[e->category].min,
			              seat_range[e->category].max);
		return p->n + p->dropped - before;
	}
	want = expected_subcategory(e);
	if (want != NULL && strcmp(want, e->subcategory) != 0) {
		if (e->category == TALLY_CAT_GR || e->category == TALLY_CAT_AB)
			tally_problem(p, "ElectionSubcategory %s does not fit NumberOfSeats %d "
			              "(%s1 is for fewer than 19 seats, %s2 for 19 or more)",
			              e->subcategory, e->seats, cat, cat);
		else
			tally_problem(p, "ElectionSubcategory %s should be %s", e->subcategory, want);
		return p->n + p->dropped - before;
	}
	if (e->preference_threshold != expected_threshold(e->subcategory))
		tally_problem(p, "PreferenceThreshold %d does not fit subcategory %s (which has %d)",
		              e->preference_threshold, e->subcategory,
		              expected_threshold(e->subcategory));
	return p->n + p->dropped - before;
}

void tally_lists_free(struct tally_list *lists, size_t nlists)
{
	size_t i;

	if (lists == NULL)
		return;
	for (i = 0; i < nlists; i++)
		free(lists[i].candidates);
	free(lists);
}

int tally_subcategory_fits(enum tally_category c, const char *subcategory)
{
	const char *cat = tally_category_name(c);

	return cat != NULL && subcategory != NULL && strncmp(subcategory, cat, 2) == 0;
}

/* Appends s to out (n bytes used of size), counting what does not fit; returns the new n. */
static size_t put(char *out, size_t size, size_t n, const char *s)
{
	size_t len = strlen(s);

	if (n < size)
		memcpy(out + n, s, len < size - n ? len : size - n);
	return n + len;
}

size_t tally_candidate_name(const struct tally_candidate *c, enum tally_name_style style,
                            char *out, size_t size)
{
	const char *name = c->last_name[0] != '\0' ? c->last_name : c->first_name;
	int ini = c->initials[0] != '\0', pre = c->prefix[0] != '\0';
	size_t n = 0, cut;

	if (style == TALLY_NAME_OSV) {
		/* "van der Vaart, H.": the prefix before the name, as OSV sorts it */
		n = put(out, size, n, c->prefix);
		n = put(out, size, n, pre ? " " : "");
		n = put(out, size, n, name);
		n = put(out, size, n, ini ? ", " : "");
		n = put(out, size, n, c->initials);
	} else {
		/* "Vaart, H. van der": the forms sort by the name without its prefix */
		n = put(out, size, n, name);
		n = put(out, size, n, ini || pre ? ", " : "");
		n = put(out, size, n, c->initials);
		n = put(out, size, n, ini && pre ? " " : "");
		n = put(out, size, n, c->prefix);
	}
	if (n < size) {
		out[n] = '\0';
		return n;
	}
	if (size == 0)
		return n;
	/* Cut before the character that does not fit whole (UTF-8 continuation bytes: 10xxxxxx). */
	cut = size - 1;
	while (cut > 0 && ((unsigned char)out[cut] & 0xC0) == 0x80)
		cut--;
	out[cut] = '\0';
	return n;
}
