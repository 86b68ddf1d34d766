/* Dates and times (date.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/date.h"

/* Now, as the clock gives it, written with milliseconds and suffix. */
static void now(int utc, const char *suffix, char out[DATE_ISO_SIZE])
{
	struct timespec ts;
	struct tm tm;
	char base[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	if ((utc ? gmtime_r(&ts.tv_sec, &tm) : localtime_r(&ts.tv_sec, &tm)) == NULL ||
	    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, DATE_ISO_SIZE, "%.19s.%03d%s", base, (int)(ts.tv_nsec / 1000000L) % 1000,
	         suffix);
}

void date_now_utc(char out[DATE_ISO_SIZE])
{
	now(1, "Z", out);
}

void date_now_local(char out[DATE_ISO_SIZE])
{
	now(0, "", out);
}

static char *format(int utc, time_t t, const char *fmt, char *out, size_t size)
{
	struct tm tm;

	if (size == 0)
		return out;
	if ((utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) == NULL ||
	    strftime(out, size, fmt, &tm) == 0)
		out[0] = '\0';
	return out;
}

char *date_utc(time_t t, const char *fmt, char *out, size_t size)
{
	return format(1, t, fmt, out, size);
}

char *date_local(time_t t, const char *fmt, char *out, size_t size)
{
	return format(0, t, fmt, out, size);
}

/* The n digits at s as a number, or -1 when one is not a digit. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The year, month and day of the "YYYY-MM-DD" at the start of s; 0, or -1. */
static int day_fields(const char *s, int *y, int *m, int *d)
{
	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	return *y < 0 || *m < 1 || *m > 12 || *d < 1 || *d > 31 ? -1 : 0;
}

int date_fields(const char *iso, struct tm *tm)
{
	int y, mo, d, h, mi, s;

	if (day_fields(iso, &y, &mo, &d) != 0 || strnlen(iso, 19) < 19 ||
	    (iso[10] != 'T' && iso[10] != ' ') || iso[13] != ':' || iso[16] != ':')
		return -1;
	h = digits(iso + 11, 2);
	mi = digits(iso + 14, 2);
	s = digits(iso + 17, 2);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
		return -1;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s;
	return 0;
}

int date_parse_utc(const char *iso, time_t *t)
{
	struct tm tm;
	time_t v;

	if (date_fields(iso, &tm) != 0 || (v = timegm(&tm)) == (time_t)-1)
		return -1;
	*t = v;
	return 0;
}

int date_day(const char *s, int *y, int *m, int *d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int yy, mm, dd;

	if (s == NULL || strlen(s) != 10 || day_fields(s, &yy, &mm, &dd) != 0 ||
	    dd > mdays[mm - 1] ||
	    (mm == 2 && dd == 29 && !((yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0)))
		return -1;
	if (y != NULL)
		*y = yy;
	if (m != NULL)
		*m = mm;
	if (d != NULL)
		*d = dd;
	return 0;
}

int date_clock(const char *s)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':' || (h = digits(s, 2)) < 0 ||
	    (m = digits(s + 3, 2)) < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

const char *date_month_nl(int month)
{
	static const char *const months[12] = {
		"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december",
	};

	return month >= 1 && month <= 12 ? months[month - 1] : NULL;
}

int date_nl_long(const char *iso, char *out, size_t size)
{
	int y, m, d;

	if (day_fields(iso, &y, &m, &d) != 0) {
		snprintf(out, size, "%s", iso);
		return -1;
	}
	snprintf(out, size, "%d %s %.4s", d, date_month_nl(m), iso);
	return 0;
}

int date_nl_short(const char *iso, char *out, size_t size)
{
	int y, m, d;

	if (day_fields(iso, &y, &m, &d) != 0) {
		snprintf(out, size, "%s", iso);
		return -1;
	}
	snprintf(out, size, "%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);
	return 0;
}
