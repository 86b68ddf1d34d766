/*
 * What both EML readers share (eml_read.c for the 110a, 110b, 230b;
 * eml_read_510b.c for the 510b): the kinds' names, parsing a document and
 * finding its kind, and the one ElectionIdentifier reader. Uses neither reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "export/xml.h"

#include "export/eml510.h"

static const char *const kind_names[EML_KIND__MAX] = {"110a", "110b", "230b", "510b"};
static const char *const kind_titles[EML_KIND__MAX] = {
	"election definition", "polling stations", "candidate lists", "count"};

const char *eml_kind_name(enum eml_kind k)
{
	return ((int)k >= 0 && k < EML_KIND__MAX) ? kind_names[k] : NULL;
}

const char *eml_kind_title(enum eml_kind k)
{
	return ((int)k >= 0 && k < EML_KIND__MAX) ? kind_titles[k] : NULL;
}

/*
 * What each kind's ElectionIdentifier must hold beyond Id, name, category,
 * subcategory and date: an ElectionDomain (but in a TK or EP election), a
 * NominationDate (read, or required), a subcategory of its category (a 110a's
 * is checked whole by tally_election_check).
 */
static const struct {
	unsigned domain : 1, nomination : 2, subcategory_fits : 1;
} id_rules[EML_KIND__MAX] = {
	[EML_110A] = {1, 2, 0},
	[EML_110B] = {0, 0, 0},
	[EML_230B] = {1, 1, 1},
	[EML_510B] = {0, 0, 1},
};

void eml_read_election(const xmlNode *election, enum eml_kind kind, struct tally_election *e,
                       struct tally_problems *p)
{
	const xmlNode *ei = eml_xml_child(election, NS_EML, "ElectionIdentifier");
	const xmlNode *dom;
	char cat[16];
	int rc;

	if (ei == NULL) {
		tally_problem(p, "ElectionIdentifier is missing");
		return;
	}
	rc = eml_xml_attr(ei, "Id", e->id, sizeof e->id);
	if (rc != 0 || e->id[0] == '\0')
		tally_problem(p, "ElectionIdentifier has no Id");
	eml_xml_need_text(ei, NS_EML, "ElectionName", e->name, sizeof e->name, "", p);
	eml_xml_need_text(ei, NS_EML, "ElectionCategory", cat, sizeof cat, "", p);
	if (cat[0] != '\0' && tally_category_parse(cat, &e->category) != 0)
		tally_problem(p, "ElectionCategory '%s' is not one Teller counts (GR, PS, AB, TK, EP)", cat);
	eml_xml_need_text(ei, NS_KR, "ElectionSubcategory", e->subcategory, sizeof e->subcategory,
	          "kr:", p);
	if (id_rules[kind].subcategory_fits && e->subcategory[0] != '\0' && cat[0] != '\0' &&
	    tally_category_name(e->category) != NULL &&
	    !tally_subcategory_fits(e->category, e->subcategory))
		tally_problem(p, "kr:ElectionSubcategory %s does not belong to ElectionCategory %s",
		              e->subcategory, tally_category_name(e->category));
	eml_xml_need_text(ei, NS_KR, "ElectionDate", e->date, sizeof e->date, "kr:", p);
	if (e->date[0] != '\0' && tally_date_check(e->date) != 0)
		tally_problem(p, "kr:ElectionDate '%s' is not a date (YYYY-MM-DD)", e->date);

	dom = eml_xml_child(ei, NS_KR, "ElectionDomain");
	if (dom != NULL) {
		if (eml_xml_attr(dom, "Id", e->domain_id, sizeof e->domain_id) == -2)
			tally_problem(p, "kr:ElectionDomain Id is too long");
		if (eml_xml_text(dom, e->domain_name, sizeof e->domain_name) == -2)
			tally_problem(p, "kr:ElectionDomain is too long");
	}
	/* A municipal, provincial or water board election names its domain. */
	if (id_rules[kind].domain && dom == NULL && e->category != TALLY_CAT_TK &&
	    e->category != TALLY_CAT_EP)
		tally_problem(p, "kr:ElectionDomain is missing");
	if (id_rules[kind].nomination) {
		rc = eml_xml_text(eml_xml_child(ei, NS_KR, "NominationDate"), e->nomination_date,
		             sizeof e->nomination_date);
		if (rc == -1 && id_rules[kind].nomination == 2)
			tally_problem(p, "kr:NominationDate is missing");
		else if (rc == -2 || (e->nomination_date[0] != '\0' &&
		                      tally_date_check(e->nomination_date) != 0))
			tally_problem(p, "kr:NominationDate is not a date (YYYY-MM-DD)");
	}
}

xmlDoc *eml_read_doc(const void *bytes, size_t len, const char *want, const xmlNode **root,
                     enum eml_kind *kind, char *id, size_t idsize, struct tally_problems *p)
{
	xmlDoc *doc = eml_xml_parse(bytes, len, p);
	int i;

	if (doc == NULL)
		return NULL;
	*root = xmlDocGetRootElement(doc);
	if (!eml_xml_is(*root, NS_EML, "EML")) {
		tally_problem(p, "not an EML_NL file: the root element is not EML in namespace %s", NS_EML);
		goto fail;
	}
	if (eml_xml_attr(*root, "Id", id, idsize) != 0) {
		tally_problem(p, "the EML root element has no Id naming its kind%s%s%s",
		              want ? " (" : "", want ? want : "", want ? ")" : "");
		goto fail;
	}
	for (i = 0; i < EML_KIND__MAX && strcmp(id, kind_names[i]) != 0; i++)
		;
	*kind = (enum eml_kind)i;
	return doc;
fail:
	xmlFreeDoc(doc);
	return NULL;
}
