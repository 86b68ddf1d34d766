/*
 * Hours lines in time (costs.h): how long a line is, whether it runs past
 * midnight, how its times are written, and whether two lines of one person
 * overlap. A line past midnight is dated the day it starts, so it is
 * compared with the lines of the day before and after as well: each line is
 * placed on one time axis, in minutes from the midnight that starts the
 * checked line's day.
 */
#include <stdio.h>
#include <string.h>

#include "costs/costs.h"

#define DAY_MIN 1440

/* Whether the times make a line: from 0..1439, to 0..1440, not equal. */
static int times_ok(const struct costs_line *l)
{
	return l->from_min >= 0 && l->from_min < DAY_MIN && l->to_min >= 0 &&
	       l->to_min <= DAY_MIN && l->to_min != l->from_min;
}

long costs_line_minutes(const struct costs_line *l)
{
	if (l->kind != COSTS_HOURS || !times_ok(l))
		return 0;
	return l->to_min > l->from_min ? l->to_min - l->from_min : l->to_min + DAY_MIN - l->from_min;
}

int costs_line_next_day(const struct costs_line *l)
{
	return l->kind == COSTS_HOURS && times_ok(l) && l->to_min < l->from_min;
}

static void span(int from_min, int to_min, const char *next, char *out, size_t size)
{
	char f[8], t[8];

	if (size == 0)
		return;
	costs_format_time(from_min, f, sizeof f);
	costs_format_time(to_min, t, sizeof t);
	snprintf(out, size, "%s-%s%s", f, t, to_min < from_min ? next : "");
}

void costs_format_span(int from_min, int to_min, char *out, size_t size)
{
	span(from_min, to_min, " (+1 day)", out, size);
}

void costs_format_span_nl(int from_min, int to_min, char *out, size_t size)
{
	span(from_min, to_min, " (+1 dag)", out, size);
}

/*
 * The day number of a costs_parse_date date (days since 1 March 1600, years
 * counted from March so that a leap day ends its year), or -1 for anything
 * else.
 */
static long day_number(const char *d, size_t size)
{
	long y, m, day;

	if (memchr(d, '\0', size) == NULL || costs_parse_date(d) != COSTS_OK)
		return -1;
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	m = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	if (m < 3) {
		y--;
		m += 12;
	}
	y -= 1600;   /* 399 .. 499: never negative */
	return y * 365 + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day - 1;
}

int costs_line_check_overlap(const struct costs_line *l, const struct costs_line *others,
                             size_t n, size_t *with)
{
	long ld, od, shift, lf, le, of, oe;
	size_t i;

	if (l->kind != COSTS_HOURS)
		return COSTS_OK;
	ld = day_number(l->date, sizeof l->date);
	lf = l->from_min;
	le = lf + costs_line_minutes(l);
	for (i = 0; i < n; i++) {
		const struct costs_line *o = &others[i];

		if (o == l || (l->id != 0 && o->id == l->id) || o->kind != COSTS_HOURS)
			continue;
		/* compared within their arrays: a line not NUL-terminated never matches */
		if (strncmp(o->person, l->person, sizeof l->person) != 0)
			continue;
		od = day_number(o->date, sizeof o->date);
		if (ld >= 0 && od >= 0)
			shift = od - ld;
		else if (strncmp(o->date, l->date, sizeof l->date) == 0)
			shift = 0; /* dates that are no dates: only the same text is the same day */
		else
			continue;
		/* no line is longer than a day: only the days before and after can meet */
		if (shift < -1 || shift > 1)
			continue;
		of = o->from_min + shift * DAY_MIN;
		oe = of + costs_line_minutes(o);
		if (lf < oe && of < le) {
			if (with != NULL)
				*with = i;
			return COSTS_ERR_OVERLAP;
		}
	}
	return COSTS_OK;
}
