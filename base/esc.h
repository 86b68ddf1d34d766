#ifndef BASE_ESC_H
#define BASE_ESC_H
/*
 * The escaping writers: nothing user-supplied reaches a document or a header
 * unescaped. Each writes into a growing buffer (base/buf.h), except the
 * header value, which has a fixed size.
 */
#include <stddef.h>

#include "base/buf.h"

/*
 * The text of an XML element as Canonical XML writes it: '&', '<', '>' and
 * CR as &amp; &lt; &gt; &#xD;, everything else as it is. So the EML files are
 * their own canonical form. A byte that is not well-formed UTF-8, and a
 * character XML 1.0 does not allow at all (a control character other than
 * tab, line feed and CR; U+FFFE, U+FFFF), becomes U+FFFD: the document stays
 * well-formed whatever the input.
 */
void esc_xml_text(struct buf *b, const char *s);
/*
 * An attribute value, between double quotes, as Canonical XML writes it:
 * '&', '<', '"', tab, line feed and CR as &amp; &lt; &quot; &#x9; &#xA;
 * &#xD;; otherwise as esc_xml_text.
 */
void esc_xml_attr(struct buf *b, const char *s);

/* Flags of esc_csv_field. */
enum {
	ESC_CSV_QUOTE_ALL = 1,   /* quote every field that is not empty (OSV's CSV) */
	ESC_CSV_FORMULA = 2      /* text a spreadsheet would run ('=', '+', '-', '@' first) gets a
	                          * leading apostrophe: for text typed by users */
};
/*
 * One field of a CSV file separated by ';': n bytes of s, quoted (a quote
 * doubled) when flags say so or when it holds ';', '"', a line feed or a CR,
 * or begins or ends with a space; an empty field is written as nothing.
 */
void esc_csv_field(struct buf *b, const char *s, size_t n, unsigned flags);

#define ESC_ATTACHMENT_SIZE 700   /* bytes esc_attachment writes at most, NUL included */
/*
 * The Content-Disposition value for a download named name (UTF-8, e.g. an
 * invoice number a user typed): attachment; filename="..."; filename*=UTF-8''...
 * The filename is plain ASCII: a quote, a backslash, a control byte or a
 * character beyond ASCII becomes '_'. filename* is the exact name,
 * percent-encoded (RFC 6266, RFC 8187), which browsers prefer; a byte that is
 * not UTF-8 in it becomes U+FFFD. A long name is cut, at a character. Nothing
 * of the name can end the header or the quoted string. out holds size bytes
 * (ESC_ATTACHMENT_SIZE is enough).
 */
void esc_attachment(char *out, size_t size, const char *name);

#endif
