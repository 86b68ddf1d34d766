#ifndef EXPORT_EML510_H
#define EXPORT_EML510_H
/*
 * EML_NL 510b, read back: a municipality's count as OSV2020 (or Teller)
 * writes it, into an owned structure. Used to check Teller's own export
 * against the Kiesraad's real files, and to take in the 510b files of
 * several municipalities at a higher level.
 */
#include <stddef.h>
#include "export/eml.h"

/*
 * One 510b. Everything is owned by the document and freed by
 * eml_510b_doc_free.
 *
 * lists: number and RegisteredName of every list, and ncandidates
 * candidates of which only the position is known (a 510b names nobody:
 * the names are in the 230b).
 *
 * total and forms[i]: the counts, mapped onto the count form: list
 * ValidVotes -> list_totals[i] and lists[i].total, candidate ValidVotes ->
 * lists[i].candidates[j], TotalCounted -> valid_votes, RejectedVotes
 * ongeldig/blanco -> invalid_votes/blank_votes, votes_cast = TotalCounted +
 * blanco + ongeldig, and the eleven UncountedVotes onto poll_cards ...
 * other_explanation. In a GR election voter_cards is TALLY_ABSENT (the file
 * then says 0).
 *
 * stations[i]: the number from the ReportingUnitIdentifier Id
 * "<authority_id>::SB<n>", name and postcode from its text
 * "Stembureau <name> (postcode: <postcode>)", electorate = its Cast.
 */
struct eml_510b_doc {
	struct tally_election election;       /* id, name, category, subcategory, domain, date */
	char authority_id[TALLY_ID_MAX];      /* the municipality's code, "0668" */
	char authority_name[TALLY_TEXT_MAX];
	char contest_id[TALLY_ID_MAX];        /* "geen", or the electoral district's number */
	char contest_name[TALLY_TEXT_MAX];    /* its ContestName, or "" */
	char creation_time[64];               /* kr:CreationDateTime, as written */
	long electorate;                      /* TotalVotes/Cast: the municipality's electorate */
	struct tally_list *lists;
	size_t nlists;
	struct tally_form *total;             /* TotalVotes */
	struct tally_station *stations;       /* ReportingUnitVotes, in file order */
	struct tally_form **forms;            /* forms[i]: the count of stations[i] */
	size_t nstations;
};

/*
 * Parses a 510b held in memory. Returns 0 and sets *out (the caller frees
 * it with eml_510b_doc_free) when the file is a well-formed 510b whose every
 * part Teller needs is present and holds a count; otherwise returns -1,
 * sets *out to NULL and adds to p one problem for each defect found (each
 * names the element concerned). Refused: another EML kind, a DOCTYPE,
 * broken XML, a count that is not a whole number 0 ... TALLY_COUNT_MAX, a
 * missing part, a reporting unit whose Id is not "<authority>::SB<n>", a
 * unit whose lists differ from the totals', an unknown ReasonCode.
 * The figures are not checked against each other: that is tally_validate's
 * work, and a file whose sums do not add up is still read.
 * The network is never used; DTDs and entities are refused.
 */
int eml_read_510b(const void *bytes, size_t len, struct eml_510b_doc **out,
    struct tally_problems *p);

/* Frees a document and everything in it; NULL is a no-op. */
void eml_510b_doc_free(struct eml_510b_doc *d);

/*
 * Fills view, the input of eml_write_510b, pv_write and csv_write_osv,
 * with pointers into d (nothing is allocated; the view is valid while d
 * lives and unchanged). Every station is definitive. view->lists are d's
 * lists, which hold no candidate names: for documents that print names
 * (PV, CSV), point view->lists at the 230b's lists instead.
 * eml_510b has no field for the municipality's electorate: eml_write_510b
 * writes the sum of the stations' electorates as the total Cast, which
 * differs from d->electorate when OSV left the stations' Cast at 0 (TK2025).
 */
void eml_510b_doc_view(const struct eml_510b_doc *d, struct eml_510b *view);

/*
 * What the two readers (eml_read.c, eml_read_510b.c) share, over libxml2's
 * tree (its xmlNode and xmlDoc are struct _xmlNode and struct _xmlDoc). Not
 * for use outside export/.
 *
 * eml_read_doc: parses an EML file held in memory (eml_xml_parse: no network,
 * no DTD, no entities) and reads which kind its root element names in its Id:
 * the document (free with xmlFreeDoc) with *root and *kind (EML_KIND__MAX for
 * a kind Teller does not know, its Id in id), or NULL after a problem: not
 * XML, not EML_NL's EML element, or no Id (want, e.g. "510b", is named in it
 * when not NULL).
 *
 * eml_read_election: reads the ElectionIdentifier of election into e (Id,
 * name, category, subcategory, domain, date and, for a 110a or 230b, the
 * nomination date), adding a problem for each part that is missing or wrong
 * for a file of this kind.
 */
struct _xmlNode;
struct _xmlDoc;
struct _xmlDoc *eml_read_doc(const void *bytes, size_t len, const char *want,
                             const struct _xmlNode **root, enum eml_kind *kind, char *id,
                             size_t idsize, struct tally_problems *p);
void eml_read_election(const struct _xmlNode *election, enum eml_kind kind,
                       struct tally_election *e, struct tally_problems *p);

#endif
