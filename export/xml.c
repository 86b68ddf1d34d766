/* The XML helpers the EML readers share (see xml.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>
#include <stdio.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/num.h"
#include "export/xml.h"

int eml_xml_is(const xmlNode *n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* First child element with this namespace and name, or NULL. */
xmlNode *eml_xml_child(const xmlNode *parent, const char *ns, const char *name)
{
	xmlNode *c;

	if (parent == NULL)
		return NULL;
	for (c = parent->children; c != NULL; c = c->next)
		if (eml_xml_is(c, ns, name))
			return c;
	return NULL;
}

/* Next sibling element with this namespace and name, or NULL. */
xmlNode *eml_xml_next(const xmlNode *n, const char *ns, const char *name)
{
	for (n = n->next; n != NULL; n = n->next)
		if (eml_xml_is(n, ns, name))
			return (xmlNode *)n;
	return NULL;
}

/*
 * Copies the text of an element, whitespace trimmed, into buf. Returns 0 when
 * the element exists (even if empty), -1 when node is NULL, -2 when too long.
 */
int eml_xml_text(const xmlNode *node, char *buf, size_t size)
{
	xmlChar *t;
	const char *s, *e;
	size_t len;

	buf[0] = '\0';
	if (node == NULL)
		return -1;
	t = xmlNodeGetContent(node);
	if (t == NULL)
		return 0;
	s = (const char *)t;
	while (*s && isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	len = (size_t)(e - s);
	if (len >= size) {
		xmlFree(t);
		return -2;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	xmlFree(t);
	return 0;
}

/* Copies attribute name (no namespace) into buf; 0 if present, -1 if absent, -2 too long. */
int eml_xml_attr(const xmlNode *node, const char *name, char *buf, size_t size)
{
	xmlChar *v;
	size_t len;

	buf[0] = '\0';
	if (node == NULL || (v = xmlGetNoNsProp(node, (const xmlChar *)name)) == NULL)
		return -1;
	len = strlen((const char *)v);
	if (len >= size) {
		xmlFree(v);
		return -2;
	}
	memcpy(buf, v, len + 1);
	xmlFree(v);
	return 0;
}

/* Parses a whole decimal number in [min, max]; 0 on success, -1 otherwise. */
int eml_parse_long(const char *s, long min, long max, long *out)
{
	return num_parse_long(s, min, max, out) == NUM_OK ? 0 : -1;
}

/* Reads a required text element into buf, reporting its absence or length. */
void eml_xml_need_text(const xmlNode *parent, const char *ns, const char *name, char *buf,
                      size_t size, const char *prefix, struct tally_problems *p)
{
	int rc = eml_xml_text(eml_xml_child(parent, ns, name), buf, size);

	if (rc == -1)
		tally_problem(p, "%s%s is missing", prefix, name);
	else if (rc == -2)
		tally_problem(p, "%s%s is too long", prefix, name);
	else if (buf[0] == '\0')
		tally_problem(p, "%s%s is empty", prefix, name);
}

xmlDoc *eml_xml_parse(const void *bytes, size_t len, struct tally_problems *p)
{
	const xmlError *err;
	xmlDoc *doc;

	if (len > (size_t)TALLY_EML_FILE_MAX || len > INT_MAX) {
		tally_problem(p, "the file is larger than %ld bytes", (long)TALLY_EML_FILE_MAX);
		return NULL;
	}
	xmlResetLastError();
	doc = xmlReadMemory(bytes, (int)len, NULL, NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		err = xmlGetLastError();
		if (err != NULL && err->message != NULL) {
			char msg[160];
			size_t n;

			snprintf(msg, sizeof msg, "%s", err->message);
			n = strlen(msg);
			while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
			tally_problem(p, "not well-formed XML (line %d: %s)", err->line, msg);
		} else {
			tally_problem(p, "not well-formed XML");
		}
		return NULL;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		tally_problem(p, "the file has a DOCTYPE; EML_NL files have none");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}
