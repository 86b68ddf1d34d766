/*
 * Hours lines in time (costs.h): times and dates as read and written, how
 * long a line is, whether it runs past midnight, and whether two lines of one
 * person overlap. A line past midnight is dated the day it starts, so it is
 * compared with the lines of the day before and after as well: each line is
 * placed on one time axis, in minutes from the midnight that starts the
 * checked line's day.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "costs/costs.h"

#define DAY_MIN 1440

int costs_parse_time(const char *s, int *minutes)
{
	int m;

	if (s == NULL || *s == '\0')
		return COSTS_ERR_MISSING;
	if ((m = date_clock(s)) < 0)
		return COSTS_ERR_FORMAT;
	*minutes = m;
	return COSTS_OK;
}

void costs_format_time(int minutes, char *out, size_t size)
{
	if (size == 0)
		return;
	if (minutes < 0 || minutes > DAY_MIN)
		snprintf(out, size, "--:--");
	else
		snprintf(out, size, "%02d:%02d", minutes / 60, minutes % 60);
}

void costs_format_duration(long minutes, char *out, size_t size)
{
	unsigned long m = minutes < 0 ? 0UL - (unsigned long)minutes : (unsigned long)minutes;

	if (size == 0)
		return;
	snprintf(out, size, "%s%lu:%02lu", minutes < 0 ? "-" : "", m / 60, m % 60);
}

int costs_parse_date(const char *s)
{
	int y;

	if (s == NULL || *s == '\0')
		return COSTS_ERR_MISSING;
	/* the years 2000-2099: a typo such as 0222 is caught */
	return date_day(s, &y, NULL, NULL) == 0 && y >= 2000 && y <= 2099 ? COSTS_OK :
	       COSTS_ERR_FORMAT;
}

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
	int yy, mm, dd;
	long y, m, day;

	if (memchr(d, '\0', size) == NULL || costs_parse_date(d) != COSTS_OK ||
	    date_day(d, &yy, &mm, &dd) != 0)
		return -1;
	y = yy;
	m = mm;
	day = dd;
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
