/* Checked decimal numbers (num.h). */
#include <limits.h>
#include <stddef.h>

#include "base/num.h"

const char *num_strerror(enum num_err e)
{
	static const char *const text[NUM_ERR__MAX] = {
		[NUM_OK] = "a number",
		[NUM_ERR_EMPTY] = "missing",
		[NUM_ERR_SYNTAX] = "not a whole number",
		[NUM_ERR_SMALL] = "too small",
		[NUM_ERR_LARGE] = "too large",
	};

	return (unsigned)e < NUM_ERR__MAX ? text[e] : "unknown error";
}

/* The number at *s; on NUM_OK *out and *s moved past its digits. */
static enum num_err span(const char **s, long long min, long long max, long long *out)
{
	const char *p = *s;
	unsigned long long mag = 0, lim;
	int neg = 0, big = 0;
	long long v;

	if (p == NULL || *p == '\0')
		return NUM_ERR_EMPTY;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return NUM_ERR_SYNTAX;
	/* The magnitude, saturated just above what a long long of this sign holds. */
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (big || mag > (lim - d) / 10)
			big = 1;
		else
			mag = mag * 10 + d;
	}
	if (big)
		return neg ? NUM_ERR_SMALL : NUM_ERR_LARGE;
	if (neg)
		v = mag == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)mag;
	else
		v = (long long)mag;
	if (v < min)
		return NUM_ERR_SMALL;
	if (v > max)
		return NUM_ERR_LARGE;
	*out = v;
	*s = p;
	return NUM_OK;
}

enum num_err num_parse(const char *s, long long min, long long max, long long *out)
{
	const char *p = s;
	long long v;
	enum num_err e;

	if ((e = span(&p, min, max, &v)) != NUM_OK) {
		/* "12x" is no number at all, also when 12 is out of range */
		if (e != NUM_ERR_EMPTY) {
			p += *p == '-';
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p != '\0')
				return NUM_ERR_SYNTAX;
		}
		return e;
	}
	if (*p != '\0')
		return NUM_ERR_SYNTAX;
	*out = v;
	return NUM_OK;
}

enum num_err num_parse_long(const char *s, long min, long max, long *out)
{
	long long v;
	enum num_err e = num_parse(s, min, max, &v);

	if (e == NUM_OK)
		*out = (long)v;
	return e;
}

long long num_or(const char *s, long long min, long long max, long long fallback)
{
	long long v;

	return num_parse(s, min, max, &v) == NUM_OK ? v : fallback;
}

long long num_prefix(const char *s, long long min, long long max, char **end)
{
	const char *p = s;
	long long v;

	if (span(&p, min, max, &v) != NUM_OK) {
		*end = (char *)s;
		return 0;
	}
	*end = (char *)p;
	return v;
}
