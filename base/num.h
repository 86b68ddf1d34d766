#ifndef BASE_NUM_H
#define BASE_NUM_H
/*
 * The one checked parser of decimal numbers, in the manner of OpenBSD's
 * strtonum: a whole string, a range, a reason. Stricter than strtol: an
 * optional '-' and then digits only (leading zeros allowed, as in "0668");
 * no space, no '+', no "0x", no locale. Used for every number that comes
 * from outside (arguments, query strings, files, stored text).
 */

enum num_err {
	NUM_OK = 0,
	NUM_ERR_EMPTY,      /* NULL or "" */
	NUM_ERR_SYNTAX,     /* not a whole decimal number */
	NUM_ERR_SMALL,      /* a number below min */
	NUM_ERR_LARGE,      /* a number above max (however many digits) */
	NUM_ERR__MAX
};

/* "missing", "not a whole number", "too small", "too large"; static, never NULL. */
const char *num_strerror(enum num_err e);

/*
 * The whole of s as a number in [min, max]: NUM_OK and *out, or the reason
 * (*out untouched).
 */
enum num_err num_parse(const char *s, long long min, long long max, long long *out);
/* The same for a long. */
enum num_err num_parse_long(const char *s, long min, long max, long *out);
/*
 * The number at the start of s, in [min, max], followed by anything that is
 * not a digit (a separator, a space, the end), in strtol's shape: returns it
 * with *end past its digits; on any error returns 0 with *end = s, as strtol
 * does when it finds no number. For text of several numbers.
 */
long long num_prefix(const char *s, long long min, long long max, char **end);
/*
 * The number s when it is one in [min, max], else fallback: for text that
 * was checked when it was stored, where a wrong value must still not be
 * read as a number.
 */
long long num_or(const char *s, long long min, long long max, long long fallback);

#endif
