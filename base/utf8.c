/* Reading UTF-8 (utf8.h). */
#include <string.h>

#include "base/utf8.h"

size_t utf8_char(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		len = 1;
	else if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0; /* a continuation byte, 0xc0/0xc1 (always overlong), or beyond 0xf4 */
	if (len > n)
		return 0;
	c = len == 1 ? p[0] : p[0] & (0x7fU >> len);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3fU);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp != NULL)
		*cp = c;
	return len;
}

int utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = utf8_char(s + i, n - i, NULL)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

size_t utf8_prefix(const char *s, size_t max)
{
	size_t n = strlen(s), i = 0, k, chars;

	for (chars = 0; chars < max && i < n; chars++) {
		k = utf8_char(s + i, n - i, NULL);
		i += k > 0 ? k : 1;
	}
	return i;
}
