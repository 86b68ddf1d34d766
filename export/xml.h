#ifndef EXPORT_XML_H
#define EXPORT_XML_H
/*
 * What the EML readers of export/ share: namespace-aware lookups in a libxml2
 * tree, text and attributes copied with limits, checked numbers. Internal to
 * export/.
 */
#include <stddef.h>
#include <libxml/tree.h>

#include "tally/election.h"

#define NS_EML "urn:oasis:names:tc:evs:schema:eml"
#define NS_KR  "http://www.kiesraad.nl/extensions"
#define NS_XNL "urn:oasis:names:tc:ciq:xsdschema:xNL:2.0"
#define NS_XAL "urn:oasis:names:tc:ciq:xsdschema:xAL:2.0"

/*
 * Parses an EML file held in memory, set up for hostile input: no network, no
 * DTD or entities (a document with a DOCTYPE is refused), at most
 * TALLY_EML_FILE_MAX bytes. Returns the document (free with xmlFreeDoc), or
 * NULL after adding one problem naming the defect (with its line).
 */
xmlDoc *eml_xml_parse(const void *bytes, size_t len, struct tally_problems *p);

/* Whether n is the element ns:name. */
int eml_xml_is(const xmlNode *n, const char *ns, const char *name);
/* First child element ns:name of parent (NULL-safe), or NULL. */
xmlNode *eml_xml_child(const xmlNode *parent, const char *ns, const char *name);
/* Next sibling element ns:name after n, or NULL. */
xmlNode *eml_xml_next(const xmlNode *n, const char *ns, const char *name);
/*
 * Copies the element's text, whitespace trimmed, into buf. Returns 0 when the
 * element exists (even if empty), -1 when node is NULL, -2 when too long.
 */
int eml_xml_text(const xmlNode *node, char *buf, size_t size);
/* Copies attribute name (no namespace) into buf; 0 if present, -1 if absent, -2 too long. */
int eml_xml_attr(const xmlNode *node, const char *name, char *buf, size_t size);
/* Parses a whole decimal number in [min, max]; 0 on success, -1 otherwise. */
int eml_parse_long(const char *s, long min, long max, long *out);
/* Reads a required text element ns:name of parent into buf, adding a problem when
 * it is missing, empty or too long (prefix: "kr:" or ""). */
void eml_xml_need_text(const xmlNode *parent, const char *ns, const char *name, char *buf,
                       size_t size, const char *prefix, struct tally_problems *p);

#endif
