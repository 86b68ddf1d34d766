#ifndef BASE_UTF8_H
#define BASE_UTF8_H
/*
 * Reading UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates,
 * nothing beyond U+10FFFF. For the escapers (base/esc.h) and whoever must
 * count or cut characters rather than bytes.
 */
#include <stddef.h>

/*
 * The character at s, of at most n bytes: returns its length (1 to 4) and
 * *cp (cp may be NULL), or 0 when s does not begin with a well-formed
 * character (a stray continuation byte, one missing, an overlong form, a
 * surrogate, beyond U+10FFFF) or n is 0.
 */
size_t utf8_char(const char *s, size_t n, unsigned long *cp);
/* Whether the n bytes at s are well-formed UTF-8. */
int utf8_valid(const char *s, size_t n);
/*
 * The number of bytes of the NUL-terminated s that hold its first max
 * characters: never ends inside a character (a malformed byte counts as a
 * character of its own). s[result] == '\0' when s has at most max.
 */
size_t utf8_prefix(const char *s, size_t max);

#endif
