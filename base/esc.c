/* The escaping writers (esc.h). */
#include <stdio.h>
#include <string.h>

#include "base/esc.h"
#include "base/utf8.h"

#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

/* Whether XML 1.0 allows the character c anywhere (its Char production). */
static int xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c != 0xfffe && c != 0xffff);
}

/*
 * Writes s with the characters in special escaped as the table says
 * (NULL: as they are); runs of plain bytes go out in one piece.
 */
static void xml_escape(struct buf *b, const char *s, const char *special)
{
	size_t n = strlen(s), i = 0, run = 0, k;
	unsigned long c;

	while (i < n) {
		unsigned char u = (unsigned char)s[i];
		const char *rep = NULL;

		if (u >= 0x20 && u < 0x80 && strchr(special, u) == NULL) {
			i++;
			continue; /* plain ASCII: part of the run */
		}
		k = utf8_char(s + i, n - i, &c);
		if (k == 0 || !xml_char(c)) {
			rep = REPLACEMENT;   /* a bad byte, or a whole character XML cannot hold */
			k = k > 0 ? k : 1;
		} else if (c < 0x80 && strchr(special, (int)c) != NULL) {
			switch (c) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\t': rep = "&#x9;"; break;
			case '\n': rep = "&#xA;"; break;
			case '\r': rep = "&#xD;"; break;
			}
		}
		if (rep == NULL) {
			i += k; /* a character kept as it is: part of the run */
			continue;
		}
		buf_put(b, s + run, i - run);
		buf_puts(b, rep);
		i += k;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

void esc_xml_text(struct buf *b, const char *s)
{
	xml_escape(b, s, "&<>\r");
}

void esc_xml_attr(struct buf *b, const char *s)
{
	xml_escape(b, s, "&<\"\t\n\r");
}

void esc_csv_field(struct buf *b, const char *s, size_t n, unsigned flags)
{
	int quote = (flags & ESC_CSV_QUOTE_ALL) != 0;
	const char *q;
	size_t i;

	if (n == 0)
		return;
	for (i = 0; i < n && !quote; i++)
		quote = s[i] == ';' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (s[0] == ' ' || s[n - 1] == ' ')
		quote = 1;
	if (quote)
		buf_putc(b, '"');
	if ((flags & ESC_CSV_FORMULA) && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@'))
		buf_putc(b, '\'');
	while ((q = memchr(s, '"', n)) != NULL) {
		buf_put(b, s, (size_t)(q - s) + 1);
		buf_putc(b, '"');
		n -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	buf_put(b, s, n);
	if (quote)
		buf_putc(b, '"');
}

void esc_attachment(char *out, size_t size, const char *name)
{
	enum { PLAIN = 160, EXACT = 480 };    /* the two forms' room, NUL included */
	static const char keep[] = "!#$&+-.^_`|~";
	char plain[PLAIN], exact[EXACT], one[4 * 3 + 1];
	size_t n = strlen(name), i = 0, p = 0, e = 0, k, j, m;

	while (i < n) {
		const char *ch = name + i;
		unsigned char u = (unsigned char)name[i];

		k = utf8_char(ch, n - i, NULL);
		if (k == 0) {
			ch = REPLACEMENT; /* not UTF-8: one byte, shown as U+FFFD */
			k = 1;
			m = 3;
		} else {
			m = k;
		}
		/* The exact form of this character: unreserved bytes as they are, the rest %XX. */
		for (j = 0, one[0] = '\0'; j < m; j++) {
			unsigned char x = (unsigned char)ch[j];
			size_t l = strlen(one);

			if ((x >= 'A' && x <= 'Z') || (x >= 'a' && x <= 'z') || (x >= '0' && x <= '9') ||
			    (x != '\0' && x < 0x80 && strchr(keep, x) != NULL))
				snprintf(one + l, sizeof one - l, "%c", x);
			else
				snprintf(one + l, sizeof one - l, "%%%02X", x);
		}
		if (p + 1 >= PLAIN || e + strlen(one) >= EXACT)
			break; /* cut here, before a whole character */
		plain[p++] = u < 0x20 || u >= 0x7f || u == '"' || u == '\\' ? '_' : (char)u;
		memcpy(exact + e, one, strlen(one));
		e += strlen(one);
		i += k;
	}
	plain[p] = '\0';
	exact[e] = '\0';
	snprintf(out, size, "attachment; filename=\"%s\"; filename*=UTF-8''%s", plain, exact);
}
