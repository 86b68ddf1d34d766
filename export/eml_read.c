/*
 * Reading EML_NL 110a, 110b and 230b with libxml2 (and what a 510b says
 * about where it belongs, from the 510b reader).
 *
 * The parser is set up for hostile input: no network, no DTD loading, no
 * entity substitution, a document with a DOCTYPE is refused outright. Every
 * defect found is reported as a problem naming the element concerned, so the
 * user gets one line that says what is wrong with the file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "export/xml.h"

#include "export/eml510.h"


static void read_authority(const xmlNode *root, struct eml_doc *d, struct tally_problems *p)
{
	const xmlNode *ma = eml_xml_child(root, NS_EML, "ManagingAuthority");
	const xmlNode *ai = eml_xml_child(ma, NS_EML, "AuthorityIdentifier");

	if (ai == NULL) {
		tally_problem(p, "ManagingAuthority is missing");
		return;
	}
	if (eml_xml_attr(ai, "Id", d->authority_id, sizeof d->authority_id) != 0 ||
	    d->authority_id[0] == '\0')
		tally_problem(p, "ManagingAuthority has no Id");
	if (eml_xml_text(ai, d->authority_name, sizeof d->authority_name) == -2)
		tally_problem(p, "ManagingAuthority name is too long");
}

static void check_voting_method(const xmlNode *contest, struct tally_problems *p)
{
	char vm[16];
	int rc = eml_xml_text(eml_xml_child(contest, NS_EML, "VotingMethod"), vm, sizeof vm);

	if (rc == -1)
		tally_problem(p, "VotingMethod is missing");
	else if (vm[0] == '\0')
		tally_problem(p, "VotingMethod is empty (it must be SPV)");
	else if (strcmp(vm, "SPV") != 0)
		tally_problem(p, "VotingMethod '%s' is not SPV (single preferential vote)", vm);
}

static void read_110a(const xmlNode *root, struct eml_doc *d, struct tally_problems *p)
{
	const xmlNode *ev = eml_xml_child(root, NS_EML, "ElectionEvent");
	const xmlNode *el = eml_xml_child(ev, NS_EML, "Election");
	const xmlNode *tree, *r;
	char buf[32];
	long v;
	size_t n = 0;

	if (el == NULL) {
		tally_problem(p, "ElectionEvent/Election is missing");
		return;
	}
	eml_read_election(el, EML_110A, &d->election, p);
	check_voting_method(eml_xml_child(el, NS_EML, "Contest"), p);

	eml_xml_need_text(el, NS_KR, "NumberOfSeats", buf, sizeof buf, "kr:", p);
	if (buf[0] != '\0') {
		if (eml_parse_long(buf, 1, 1000, &v) != 0)
			tally_problem(p, "kr:NumberOfSeats '%s' is not a number of seats", buf);
		else
			d->election.seats = (int)v;
	}
	eml_xml_need_text(el, NS_KR, "PreferenceThreshold", buf, sizeof buf, "kr:", p);
	if (buf[0] != '\0') {
		if (eml_parse_long(buf, 0, 100, &v) != 0)
			tally_problem(p, "kr:PreferenceThreshold '%s' is not a percentage", buf);
		else
			d->election.preference_threshold = (int)v;
	}

	tree = eml_xml_child(el, NS_KR, "ElectionTree");
	if (tree == NULL) {
		tally_problem(p, "kr:ElectionTree is missing");
	} else {
		for (r = eml_xml_child(tree, NS_KR, "Region"); r != NULL; r = eml_xml_next(r, NS_KR, "Region"))
			n++;
		if (n == 0)
			tally_problem(p, "kr:ElectionTree holds no kr:Region");
		else if ((d->regions = calloc(n, sizeof *d->regions)) == NULL)
			tally_problem(p, "out of memory");
		for (r = eml_xml_child(tree, NS_KR, "Region"); r != NULL && d->regions != NULL;
		     r = eml_xml_next(r, NS_KR, "Region")) {
			struct tally_region *g = &d->regions[d->nregions++];

			if (eml_xml_attr(r, "RegionNumber", buf, sizeof buf) != 0 ||
			    eml_parse_long(buf, 0, 999999, &v) != 0) {
				tally_problem(p, "kr:Region has no valid RegionNumber");
				break;
			}
			g->number = (int)v;
			if (eml_xml_attr(r, "RegionCategory", g->category, sizeof g->category) != 0) {
				tally_problem(p, "kr:Region %d has no RegionCategory", g->number);
				break;
			}
			g->superior_number = -1;
			if (eml_xml_attr(r, "SuperiorRegionNumber", buf, sizeof buf) == 0 &&
			    eml_parse_long(buf, 0, 999999, &v) == 0)
				g->superior_number = (int)v;
			eml_xml_attr(r, "SuperiorRegionCategory", g->superior_category,
			        sizeof g->superior_category);
		}
	}
	if (p->n == 0)
		tally_election_check(&d->election, p);
}

static void read_110b(const xmlNode *root, struct eml_doc *d, struct tally_problems *p)
{
	const xmlNode *el = eml_xml_child(eml_xml_child(root, NS_EML, "ElectionEvent"), NS_EML, "Election");
	const xmlNode *contest = eml_xml_child(el, NS_EML, "Contest");
	const xmlNode *pp, *loc, *ps;
	char buf[64];
	long v;
	size_t n = 0, i, j;
	int rc;

	read_authority(root, d, p);
	if (el == NULL) {
		tally_problem(p, "ElectionEvent/Election is missing");
		return;
	}
	eml_read_election(el, EML_110B, &d->election, p);
	if (contest == NULL) {
		tally_problem(p, "Contest is missing");
		return;
	}
	check_voting_method(contest, p);
	d->max_votes = -1;
	rc = eml_xml_text(eml_xml_child(contest, NS_EML, "MaxVotes"), buf, sizeof buf);
	if (rc == -2 || (rc == 0 && buf[0] != '\0' && eml_parse_long(buf, 0, TALLY_COUNT_MAX, &v) != 0))
		tally_problem(p, "MaxVotes '%s' is not a number of voters", buf);
	else if (rc == 0 && buf[0] != '\0')
		d->max_votes = v;

	for (pp = eml_xml_child(contest, NS_EML, "PollingPlace"); pp; pp = eml_xml_next(pp, NS_EML, "PollingPlace"))
		n++;
	if (n == 0) {
		tally_problem(p, "the file holds no PollingPlace");
		return;
	}
	if (n > TALLY_STATIONS_MAX) {
		tally_problem(p, "the file holds %zu polling stations; Teller takes at most %d",
		              n, TALLY_STATIONS_MAX);
		return;
	}
	if ((d->stations = calloc(n, sizeof *d->stations)) == NULL) {
		tally_problem(p, "out of memory");
		return;
	}
	for (pp = eml_xml_child(contest, NS_EML, "PollingPlace"); pp; pp = eml_xml_next(pp, NS_EML, "PollingPlace")) {
		struct tally_station *s = &d->stations[d->nstations];
		const xmlNode *phys = eml_xml_child(pp, NS_EML, "PhysicalLocation");

		loc = eml_xml_child(eml_xml_child(phys, NS_EML, "Address"), NS_EML, "Locality");
		ps = eml_xml_child(phys, NS_EML, "PollingStation");
		if (ps == NULL) {
			tally_problem(p, "PollingPlace %zu has no PollingStation", d->nstations + 1);
			continue;
		}
		if (eml_xml_attr(ps, "Id", buf, sizeof buf) != 0 || eml_parse_long(buf, 1, 999999, &v) != 0) {
			tally_problem(p, "PollingStation Id '%s' is not a station number", buf);
			continue;
		}
		s->number = (int)v;
		rc = eml_xml_text(ps, buf, sizeof buf);
		if (rc != 0 || eml_parse_long(buf, 0, TALLY_COUNT_MAX, &s->electorate) != 0) {
			tally_problem(p, "PollingStation %d: number of voters '%s' is not a number",
			              s->number, buf);
			continue;
		}
		if (eml_xml_text(eml_xml_child(loc, NS_XAL, "LocalityName"), s->name, sizeof s->name) != 0 ||
		    s->name[0] == '\0') {
			tally_problem(p, "PollingStation %d has no LocalityName", s->number);
			continue;
		}
		if (eml_xml_text(eml_xml_child(eml_xml_child(loc, NS_XAL, "PostalCode"), NS_XAL, "PostalCodeNumber"),
		            s->postcode, sizeof s->postcode) == -2) {
			tally_problem(p, "PollingStation %d: postal code is too long", s->number);
			continue;
		}
		d->nstations++;
	}
	for (i = 0; i < d->nstations; i++)
		for (j = i + 1; j < d->nstations; j++)
			if (d->stations[i].number == d->stations[j].number) {
				tally_problem(p, "PollingStation %d appears twice", d->stations[i].number);
				return;
			}
}

static void read_person(const xmlNode *cand, struct tally_candidate *c, struct tally_problems *p,
                        int list)
{
	const xmlNode *pn = eml_xml_child(eml_xml_child(cand, NS_EML, "CandidateFullName"), NS_XNL, "PersonName");
	const xmlNode *nl, *qa, *loc;
	char type[32];

	if (pn == NULL) {
		tally_problem(p, "list %d candidate %d has no CandidateFullName/PersonName",
		              list, c->position);
		return;
	}
	for (nl = eml_xml_child(pn, NS_XNL, "NameLine"); nl; nl = eml_xml_next(nl, NS_XNL, "NameLine"))
		if (eml_xml_attr(nl, "NameType", type, sizeof type) == 0 && strcmp(type, "Initials") == 0)
			eml_xml_text(nl, c->initials, sizeof c->initials);
	eml_xml_text(eml_xml_child(pn, NS_XNL, "FirstName"), c->first_name, sizeof c->first_name);
	eml_xml_text(eml_xml_child(pn, NS_XNL, "NamePrefix"), c->prefix, sizeof c->prefix);
	if (eml_xml_text(eml_xml_child(pn, NS_XNL, "LastName"), c->last_name, sizeof c->last_name) != 0 ||
	    c->last_name[0] == '\0')
		tally_problem(p, "list %d candidate %d has no LastName", list, c->position);
	eml_xml_text(eml_xml_child(cand, NS_EML, "Gender"), c->gender, sizeof c->gender);
	qa = eml_xml_child(cand, NS_EML, "QualifyingAddress");
	loc = eml_xml_child(qa, NS_XAL, "Locality");
	if (loc == NULL)
		loc = eml_xml_child(eml_xml_child(qa, NS_XAL, "Country"), NS_XAL, "Locality");
	eml_xml_text(eml_xml_child(loc, NS_XAL, "LocalityName"), c->locality, sizeof c->locality);
}

static void read_affiliation(const xmlNode *aff, struct tally_list *l, struct tally_problems *p)
{
	const xmlNode *ai = eml_xml_child(aff, NS_EML, "AffiliationIdentifier");
	const xmlNode *cand;
	char buf[32];
	long v;
	size_t n = 0;

	if (eml_xml_attr(ai, "Id", buf, sizeof buf) != 0 || eml_parse_long(buf, 1, 999, &v) != 0) {
		tally_problem(p, "AffiliationIdentifier Id '%s' is not a list number", buf);
		return;
	}
	l->number = (int)v;
	if (eml_xml_text(eml_xml_child(ai, NS_EML, "RegisteredName"), l->name, sizeof l->name) == -2)
		tally_problem(p, "list %d: RegisteredName is too long", l->number);
	for (cand = eml_xml_child(aff, NS_EML, "Candidate"); cand; cand = eml_xml_next(cand, NS_EML, "Candidate"))
		n++;
	if (n == 0) {
		tally_problem(p, "list %d holds no candidates", l->number);
		return;
	}
	if (n > TALLY_CANDIDATES_MAX) {
		tally_problem(p, "list %d holds %zu candidates; at most %d", l->number, n,
		              TALLY_CANDIDATES_MAX);
		return;
	}
	if ((l->candidates = calloc(n, sizeof *l->candidates)) == NULL) {
		tally_problem(p, "out of memory");
		return;
	}
	for (cand = eml_xml_child(aff, NS_EML, "Candidate"); cand; cand = eml_xml_next(cand, NS_EML, "Candidate")) {
		struct tally_candidate *c = &l->candidates[l->ncandidates];

		if (eml_xml_attr(eml_xml_child(cand, NS_EML, "CandidateIdentifier"), "Id", buf, sizeof buf) != 0 ||
		    eml_parse_long(buf, 1, TALLY_CANDIDATES_MAX, &v) != 0) {
			tally_problem(p, "list %d: CandidateIdentifier Id '%s' is not a position",
			              l->number, buf);
			return;
		}
		c->position = (int)v;
		if ((size_t)c->position != l->ncandidates + 1) {
			tally_problem(p, "list %d: candidate %d stands where %zu should be",
			              l->number, c->position, l->ncandidates + 1);
			return;
		}
		read_person(cand, c, p, l->number);
		l->ncandidates++;
	}
}

static void read_230b(const xmlNode *root, struct eml_doc *d, struct tally_problems *p)
{
	const xmlNode *el = eml_xml_child(eml_xml_child(root, NS_EML, "CandidateList"), NS_EML, "Election");
	const xmlNode *contest = eml_xml_child(el, NS_EML, "Contest");
	const xmlNode *aff;
	size_t n = 0, i, j;

	read_authority(root, d, p);
	if (el == NULL) {
		tally_problem(p, "CandidateList/Election is missing");
		return;
	}
	eml_read_election(el, EML_230B, &d->election, p);
	if (contest == NULL) {
		tally_problem(p, "Contest is missing");
		return;
	}
	eml_xml_attr(eml_xml_child(contest, NS_EML, "ContestIdentifier"), "Id", d->contest_id, sizeof d->contest_id);
	eml_xml_text(eml_xml_child(eml_xml_child(contest, NS_EML, "ContestIdentifier"), NS_EML, "ContestName"),
	        d->contest_name, sizeof d->contest_name);
	for (aff = eml_xml_child(contest, NS_EML, "Affiliation"); aff; aff = eml_xml_next(aff, NS_EML, "Affiliation"))
		n++;
	if (n == 0) {
		tally_problem(p, "the file holds no candidate lists (Affiliation)");
		return;
	}
	if (n > TALLY_LISTS_MAX) {
		tally_problem(p, "the file holds %zu lists; Teller takes at most %d", n, TALLY_LISTS_MAX);
		return;
	}
	if ((d->lists = calloc(n, sizeof *d->lists)) == NULL) {
		tally_problem(p, "out of memory");
		return;
	}
	for (aff = eml_xml_child(contest, NS_EML, "Affiliation"); aff; aff = eml_xml_next(aff, NS_EML, "Affiliation"))
		read_affiliation(aff, &d->lists[d->nlists++], p);
	for (i = 0; i < d->nlists; i++)
		for (j = i + 1; j < d->nlists; j++)
			if (d->lists[i].number != 0 && d->lists[i].number == d->lists[j].number) {
				tally_problem(p, "list %d appears twice", d->lists[i].number);
				return;
			}
}

/* Whether the root's kind (its Id, id) is one Teller imports and the content is what it holds. */
static int root_kind(const xmlNode *root, enum eml_kind kind, const char *id,
                     struct tally_problems *p)
{
	int i;
	static const struct {
		const char *el;
		enum eml_kind kind;
	} holds[] = {
		{"ElectionEvent", EML_110A}, {"CandidateList", EML_230B}, {"Count", EML_510B},
	};

	if (kind == EML_KIND__MAX) {
		tally_problem(p, "EML kind '%s' cannot be imported (Teller imports 110a, 110b, 230b and 510b)", id);
		return -1;
	}
	/* A file whose Id says one kind and whose content is another is refused. */
	for (i = 0; i < (int)(sizeof holds / sizeof holds[0]); i++) {
		enum eml_kind actual = holds[i].kind;

		if (eml_xml_child(root, NS_EML, holds[i].el) == NULL)
			continue;
		if (actual == EML_110A && kind == EML_110B)
			continue; /* 110a and 110b both hold an ElectionEvent */
		if (actual != kind) {
			tally_problem(p, "the file says it is a %s (%s) but holds %s, the content of a %s (%s)",
			              eml_kind_name(kind), eml_kind_title(kind), holds[i].el,
			              eml_kind_name(actual), eml_kind_title(actual));
			return -1;
		}
	}
	return 0;
}

/*
 * A 510b, as a central committee imports it: what it says about where it
 * belongs (election, municipality, contest) and its lists, from the 510b
 * reader (export/eml_read_510b.c), which also checks every count in it.
 */
static void read_510b_ids(const void *bytes, size_t len, struct eml_doc *d,
                          struct tally_problems *p)
{
	struct eml_510b_doc *c = NULL;

	if (eml_read_510b(bytes, len, &c, p) != 0)
		return;
	d->election = c->election;
	snprintf(d->authority_id, sizeof d->authority_id, "%s", c->authority_id);
	snprintf(d->authority_name, sizeof d->authority_name, "%s", c->authority_name);
	snprintf(d->contest_id, sizeof d->contest_id, "%s", c->contest_id);
	snprintf(d->contest_name, sizeof d->contest_name, "%s", c->contest_name);
	d->lists = c->lists;
	d->nlists = c->nlists;
	c->lists = NULL;
	c->nlists = 0;
	eml_510b_doc_free(c);
}

int eml_read(const void *bytes, size_t len, struct eml_doc **out, struct tally_problems *p)
{
	size_t before = p->n + p->dropped;
	struct eml_doc *d = NULL;
	const xmlNode *root = NULL;
	enum eml_kind kind = EML_KIND__MAX;
	char id[16];
	xmlDoc *doc = eml_read_doc(bytes, len, NULL, &root, &kind, id, sizeof id, p);
	int rc = -1;

	*out = NULL;
	if (doc == NULL || root_kind(root, kind, id, p) != 0)
		goto done;
	if ((d = calloc(1, sizeof *d)) == NULL) {
		tally_problem(p, "out of memory");
		goto done;
	}
	d->kind = kind;
	switch (d->kind) {
	case EML_110A:
		read_110a(root, d, p);
		break;
	case EML_110B:
		read_110b(root, d, p);
		break;
	case EML_230B:
		read_230b(root, d, p);
		break;
	case EML_510B:
		read_510b_ids(bytes, len, d, p);
		break;
	default:
		break;
	}
	rc = p->n + p->dropped == before ? 0 : -1;
	*out = d;
	d = NULL;
done:
	eml_doc_free(d);
	xmlFreeDoc(doc);
	return rc;
}

void eml_doc_free(struct eml_doc *d)
{
	if (d == NULL)
		return;
	free(d->regions);
	free(d->stations);
	tally_lists_free(d->lists, d->nlists);
	free(d);
}
