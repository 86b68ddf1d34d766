/*
 * Reading EML_NL 510b (a municipality's count) with libxml2, in the manner
 * of eml_read.c: no network, no DTD, a DOCTYPE refused outright, elements
 * found by namespace and name, every defect a problem naming the element.
 *
 * A 510b is read to the letter: every unit (the totals and each station)
 * must have the shape the totals announce (the same lists, in the same
 * order, each with its candidates 1 ... n), every count must be a whole
 * number, and every RejectedVotes and UncountedVotes must be one Teller
 * knows, because a figure we cannot place would otherwise be lost without
 * a word. Whether the figures add up is not the reader's business.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "export/xml.h"

#include "export/eml510.h"


/* The longest ReportingUnitIdentifier text: "Stembureau ", a name, " (postcode: ...)". */
#define UNIT_TEXT_MAX (TALLY_TEXT_MAX + 64)








/*
 * Reads the count held by element el (ValidVotes, Cast, ...) into *v.
 * Returns 0, or -1 with a problem naming where and what.
 */
static int read_count(const xmlNode *el, const char *where, const char *what, long *v,
                      struct tally_problems *p)
{
	char buf[32];
	int rc = eml_xml_text(el, buf, sizeof buf);

	if (rc == -1) {
		tally_problem(p, "%s: %s is missing", where, what);
		return -1;
	}
	if (rc == -2 || eml_parse_long(buf, 0, TALLY_COUNT_MAX, v) != 0) {
		tally_problem(p, "%s: %s '%.20s' is not a count (a whole number 0 ... %ld)",
		              where, what, buf, TALLY_COUNT_MAX);
		return -1;
	}
	return 0;
}

/*
 * The lists, as the TotalVotes announces them: each AffiliationIdentifier
 * Selection opens a list, the Candidate Selections after it are its
 * candidates 1 ... n. Fills d->lists; returns 0, or -1 with a problem.
 */
static int read_lists(const xmlNode *unit, struct eml_510b_doc *d, struct tally_problems *p)
{
	const xmlNode *sel;
	struct tally_list *l;
	size_t n = 0, i, j;
	char buf[32];
	long v;

	for (sel = eml_xml_child(unit, NS_EML, "Selection"); sel; sel = eml_xml_next(sel, NS_EML, "Selection"))
		if (eml_xml_child(sel, NS_EML, "AffiliationIdentifier") != NULL)
			n++;
	if (n == 0) {
		tally_problem(p, "TotalVotes holds no list (Selection with AffiliationIdentifier)");
		return -1;
	}
	if (n > TALLY_LISTS_MAX) {
		tally_problem(p, "TotalVotes holds %zu lists; Teller takes at most %d", n, TALLY_LISTS_MAX);
		return -1;
	}
	if ((d->lists = calloc(n, sizeof *d->lists)) == NULL) {
		tally_problem(p, "out of memory");
		return -1;
	}
	/* First the lists and their sizes, then each list's positions. */
	l = NULL;
	for (sel = eml_xml_child(unit, NS_EML, "Selection"); sel; sel = eml_xml_next(sel, NS_EML, "Selection")) {
		const xmlNode *ai = eml_xml_child(sel, NS_EML, "AffiliationIdentifier");

		if (ai != NULL) {
			l = &d->lists[d->nlists++];
			if (eml_xml_attr(ai, "Id", buf, sizeof buf) != 0 || eml_parse_long(buf, 1, 999, &v) != 0) {
				tally_problem(p, "TotalVotes: AffiliationIdentifier Id '%s' is not a list number",
				              buf);
				return -1;
			}
			l->number = (int)v;
			if (eml_xml_text(eml_xml_child(ai, NS_EML, "RegisteredName"), l->name, sizeof l->name) == -2) {
				tally_problem(p, "list %d: RegisteredName is too long", l->number);
				return -1;
			}
			continue;
		}
		if (l == NULL) {
			tally_problem(p, "TotalVotes: a candidate's Selection comes before any list");
			return -1;
		}
		if (++l->ncandidates > TALLY_CANDIDATES_MAX) {
			tally_problem(p, "list %d holds more than %d candidates", l->number,
			              TALLY_CANDIDATES_MAX);
			return -1;
		}
	}
	for (i = 0; i < d->nlists; i++) {
		l = &d->lists[i];
		for (j = 0; j < i; j++)
			if (d->lists[j].number == l->number) {
				tally_problem(p, "list %d appears twice", l->number);
				return -1;
			}
		if (l->ncandidates == 0)
			continue;
		if ((l->candidates = calloc(l->ncandidates, sizeof *l->candidates)) == NULL) {
			tally_problem(p, "out of memory");
			return -1;
		}
		for (j = 0; j < l->ncandidates; j++)
			l->candidates[j].position = (int)j + 1;
	}
	return 0;
}

/*
 * The RejectedVotes and UncountedVotes that OSV writes, and where each goes
 * on the form. kiezerspassen (voter cards) is left out of an election
 * without them (GR): OSV writes 0 there, which the form holds as absent.
 */
enum { REJ_INVALID, REJ_BLANK, REJ__MAX };
static const char *const rejected_codes[REJ__MAX] = {"ongeldig", "blanco"};
enum { UNC_VOTER_CARDS = 2, UNC__MAX = 11 };
static const char *const uncounted_codes[UNC__MAX] = {
	"geldige stempassen", "geldige volmachtbewijzen", "geldige kiezerspassen",
	"toegelaten kiezers", "meer getelde stembiljetten", "minder getelde stembiljetten",
	"meegenomen stembiljetten", "te weinig uitgereikte stembiljetten",
	"te veel uitgereikte stembiljetten", "geen verklaring", "andere verklaring",
};

static long *uncounted_field(struct tally_form *f, int i)
{
	long *const fields[UNC__MAX] = {
		&f->poll_cards, &f->proxy_certificates, &f->voter_cards, &f->admitted_voters,
		&f->more_ballots_counted, &f->fewer_ballots_counted, &f->taken_home,
		&f->too_few_issued, &f->too_many_issued, &f->no_explanation, &f->other_explanation,
	};

	return fields[i];
}

/*
 * Reads the elements with ReasonCode named el (RejectedVotes or
 * UncountedVotes) into values, by the code's index in codes; seen[i] says
 * which were present. Returns 0, or -1 with a problem (unknown or repeated
 * code, not a count).
 */
static int read_reasons(const xmlNode *unit, const char *where, const char *el,
                        const char *const *codes, int ncodes, long *values, int *seen,
                        struct tally_problems *p)
{
	const xmlNode *n;
	char code[64], what[96];
	int i;

	for (n = eml_xml_child(unit, NS_EML, el); n != NULL; n = eml_xml_next(n, NS_EML, el)) {
		if (eml_xml_attr(n, "ReasonCode", code, sizeof code) != 0) {
			tally_problem(p, "%s: %s has no (or too long a) ReasonCode", where, el);
			return -1;
		}
		for (i = 0; i < ncodes; i++)
			if (strcmp(code, codes[i]) == 0)
				break;
		if (i == ncodes) {
			tally_problem(p, "%s: %s ReasonCode '%s' is not one Teller knows", where, el, code);
			return -1;
		}
		if (seen[i]) {
			tally_problem(p, "%s: %s '%s' appears twice", where, el, code);
			return -1;
		}
		snprintf(what, sizeof what, "%s '%s'", el, code);
		if (read_count(n, where, what, &values[i], p) != 0)
			return -1;
		seen[i] = 1;
	}
	return 0;
}

/*
 * Reads one unit (TotalVotes or a ReportingUnitVotes) into a new form
 * shaped after d->lists, and its Cast into *cast. where names the unit in
 * problems. Returns 0 with *out (the caller frees it with tally_form_free),
 * or -1 with a problem and *out NULL.
 */
static int read_unit(const xmlNode *unit, const struct eml_510b_doc *d, const char *where,
                     struct tally_form **out, long *cast, struct tally_problems *p)
{
	struct tally_form *f = NULL;
	size_t *ncand = NULL, i, li = 0, cj = 0;
	const xmlNode *sel;
	int has_cards = tally_category_has_voter_cards(d->election.category);
	int opened = 0, rc = -1;
	long rej[REJ__MAX] = {0}, unc[UNC__MAX] = {0}, v;
	int rej_seen[REJ__MAX] = {0}, unc_seen[UNC__MAX] = {0};
	char buf[32], name[TALLY_TEXT_MAX];

	*out = NULL;
	if ((ncand = calloc(d->nlists, sizeof *ncand)) == NULL) {
		tally_problem(p, "out of memory");
		goto done;
	}
	for (i = 0; i < d->nlists; i++)
		ncand[i] = d->lists[i].ncandidates;
	if ((f = tally_form_alloc(d->nlists, ncand, has_cards)) == NULL) {
		tally_problem(p, "out of memory");
		goto done;
	}
	for (i = 0; i < d->nlists; i++)
		f->lists[i].number = d->lists[i].number;

	for (sel = eml_xml_child(unit, NS_EML, "Selection"); sel; sel = eml_xml_next(sel, NS_EML, "Selection")) {
		const xmlNode *ai = eml_xml_child(sel, NS_EML, "AffiliationIdentifier");
		const xmlNode *cand = eml_xml_child(sel, NS_EML, "Candidate");

		if (ai != NULL) {
			if (opened && cj != d->lists[li].ncandidates) {
				tally_problem(p, "%s: list %d has %zu candidates, TotalVotes %zu", where,
				              d->lists[li].number, cj, d->lists[li].ncandidates);
				goto done;
			}
			if (opened)
				li++;
			opened = 1;
			cj = 0;
			if (li >= d->nlists) {
				tally_problem(p, "%s holds more lists than TotalVotes (%zu)", where, d->nlists);
				goto done;
			}
			if (eml_xml_attr(ai, "Id", buf, sizeof buf) != 0 || eml_parse_long(buf, 1, 999, &v) != 0 ||
			    v != d->lists[li].number) {
				tally_problem(p, "%s: list '%s' stands where TotalVotes has list %d", where,
				              buf, d->lists[li].number);
				goto done;
			}
			if (eml_xml_text(eml_xml_child(ai, NS_EML, "RegisteredName"), name, sizeof name) == -2 ||
			    strcmp(name, d->lists[li].name) != 0) {
				tally_problem(p, "%s: list %d is named otherwise than in TotalVotes", where,
				              d->lists[li].number);
				goto done;
			}
			if (read_count(eml_xml_child(sel, NS_EML, "ValidVotes"), where, "a list's ValidVotes",
			               &f->list_totals[li], p) != 0)
				goto done;
			f->lists[li].total = f->list_totals[li];
			continue;
		}
		if (cand == NULL || !opened) {
			tally_problem(p, "%s: a Selection %s", where, cand == NULL ?
			              "holds neither AffiliationIdentifier nor Candidate" :
			              "of a candidate comes before any list");
			goto done;
		}
		if (cj >= d->lists[li].ncandidates) {
			tally_problem(p, "%s: list %d holds more candidates than TotalVotes (%zu)", where,
			              d->lists[li].number, d->lists[li].ncandidates);
			goto done;
		}
		if (eml_xml_attr(eml_xml_child(cand, NS_EML, "CandidateIdentifier"), "Id", buf, sizeof buf) != 0 ||
		    eml_parse_long(buf, 1, TALLY_CANDIDATES_MAX, &v) != 0 || (size_t)v != cj + 1) {
			tally_problem(p, "%s: list %d: candidate '%s' stands where %zu should be", where,
			              d->lists[li].number, buf, cj + 1);
			goto done;
		}
		if (read_count(eml_xml_child(sel, NS_EML, "ValidVotes"), where, "a candidate's ValidVotes",
		               &f->lists[li].candidates[cj], p) != 0)
			goto done;
		cj++;
	}
	if (!opened || li + 1 != d->nlists || cj != d->lists[li].ncandidates) {
		tally_problem(p, "%s does not hold the %zu lists of TotalVotes with all their candidates",
		              where, d->nlists);
		goto done;
	}

	if (read_count(eml_xml_child(unit, NS_EML, "Cast"), where, "Cast", cast, p) != 0 ||
	    read_count(eml_xml_child(unit, NS_EML, "TotalCounted"), where, "TotalCounted", &f->valid_votes,
	               p) != 0 ||
	    read_reasons(unit, where, "RejectedVotes", rejected_codes, REJ__MAX, rej, rej_seen, p) != 0 ||
	    read_reasons(unit, where, "UncountedVotes", uncounted_codes, UNC__MAX, unc, unc_seen, p) != 0)
		goto done;
	for (i = 0; i < REJ__MAX; i++)
		if (!rej_seen[i]) {
			tally_problem(p, "%s: RejectedVotes '%s' is missing", where, rejected_codes[i]);
			goto done;
		}
	for (i = 0; i < UNC__MAX; i++) {
		if (i == UNC_VOTER_CARDS && !has_cards) {
			if (unc_seen[i] && unc[i] != 0) {
				tally_problem(p, "%s: a %s election has no voter cards, but UncountedVotes "
				              "'%s' is %ld", where, tally_category_name(d->election.category),
				              uncounted_codes[i], unc[i]);
				goto done;
			}
			continue; /* stays TALLY_ABSENT */
		}
		if (!unc_seen[i]) {
			tally_problem(p, "%s: UncountedVotes '%s' is missing", where, uncounted_codes[i]);
			goto done;
		}
		*uncounted_field(f, (int)i) = unc[i];
	}
	f->invalid_votes = rej[REJ_INVALID];
	f->blank_votes = rej[REJ_BLANK];
	f->votes_cast = f->valid_votes + f->blank_votes + f->invalid_votes;
	if (f->votes_cast > TALLY_COUNT_MAX) {
		tally_problem(p, "%s: TotalCounted + blanco + ongeldig exceeds %ld", where,
		              TALLY_COUNT_MAX);
		goto done;
	}
	*out = f;
	f = NULL;
	rc = 0;
done:
	tally_form_free(f);
	free(ncand);
	return rc;
}

/*
 * The station of a ReportingUnitIdentifier: Id "<authority>::SB<n>", text
 * "Stembureau <name> (postcode: <pc>)" (the prefix and the postcode may be
 * absent). Returns 0, or -1 with a problem.
 */
static int read_station(const xmlNode *ruid, const struct eml_510b_doc *d,
                        struct tally_station *s, struct tally_problems *p)
{
	char id[TALLY_ID_MAX + 32], text[UNIT_TEXT_MAX];
	const char *sb, *name, *pc, *q;
	size_t alen, nlen, plen;
	long v;

	if (eml_xml_attr(ruid, "Id", id, sizeof id) != 0) {
		tally_problem(p, "a ReportingUnitVotes has no ReportingUnitIdentifier Id");
		return -1;
	}
	sb = strstr(id, "::SB");
	if (sb == NULL || eml_parse_long(sb + 4, 1, 999999, &v) != 0) {
		tally_problem(p, "ReportingUnitIdentifier Id '%s' is not <municipality>::SB<number>", id);
		return -1;
	}
	alen = (size_t)(sb - id);
	if (alen != strlen(d->authority_id) || memcmp(id, d->authority_id, alen) != 0) {
		tally_problem(p, "ReportingUnitIdentifier Id '%s' is not of municipality %s", id,
		              d->authority_id);
		return -1;
	}
	s->number = (int)v;
	if (eml_xml_text(ruid, text, sizeof text) != 0) {
		tally_problem(p, "station %d: the ReportingUnitIdentifier text is too long", s->number);
		return -1;
	}
	name = text;
	if (strncmp(name, "Stembureau ", 11) == 0)
		name += 11;
	/* The postcode is the last " (postcode: ...)", closing the text. */
	nlen = strlen(name);
	pc = NULL;
	for (q = strstr(name, " (postcode: "); q != NULL; q = strstr(q + 1, " (postcode: "))
		pc = q;
	if (pc != NULL && nlen > 0 && name[nlen - 1] == ')' && pc + 12 < name + nlen - 1) {
		plen = (size_t)(name + nlen - 1 - (pc + 12));
		if (plen >= sizeof s->postcode) {
			tally_problem(p, "station %d: postcode is too long", s->number);
			return -1;
		}
		memcpy(s->postcode, pc + 12, plen);
		s->postcode[plen] = '\0';
		nlen = (size_t)(pc - name);
	}
	if (nlen == 0 || nlen >= sizeof s->name) {
		tally_problem(p, "station %d: the ReportingUnitIdentifier names no polling place%s",
		              s->number, nlen == 0 ? "" : " that fits");
		return -1;
	}
	memcpy(s->name, name, nlen);
	s->name[nlen] = '\0';
	return 0;
}

static int read_stations(const xmlNode *contest, struct eml_510b_doc *d, struct tally_problems *p)
{
	const xmlNode *ruv;
	char where[48];
	size_t n = 0, i, j;

	for (ruv = eml_xml_child(contest, NS_EML, "ReportingUnitVotes"); ruv;
	     ruv = eml_xml_next(ruv, NS_EML, "ReportingUnitVotes"))
		n++;
	if (n > TALLY_STATIONS_MAX) {
		tally_problem(p, "the file holds %zu polling stations; Teller takes at most %d", n,
		              TALLY_STATIONS_MAX);
		return -1;
	}
	if (n == 0)
		return 0;
	if ((d->stations = calloc(n, sizeof *d->stations)) == NULL ||
	    (d->forms = calloc(n, sizeof *d->forms)) == NULL) {
		tally_problem(p, "out of memory");
		return -1;
	}
	d->nstations = n;
	i = 0;
	for (ruv = eml_xml_child(contest, NS_EML, "ReportingUnitVotes"); ruv;
	     ruv = eml_xml_next(ruv, NS_EML, "ReportingUnitVotes"), i++) {
		struct tally_station *s = &d->stations[i];

		if (read_station(eml_xml_child(ruv, NS_EML, "ReportingUnitIdentifier"), d, s, p) != 0)
			return -1;
		for (j = 0; j < i; j++)
			if (d->stations[j].number == s->number) {
				tally_problem(p, "station SB%d appears twice", s->number);
				return -1;
			}
		snprintf(where, sizeof where, "station SB%d", s->number);
		if (read_unit(ruv, d, where, &d->forms[i], &s->electorate, p) != 0)
			return -1;
	}
	return 0;
}

/* Checks that the root's kind (its Id, id) is a 510b; names what it is otherwise. */
static int check_kind(enum eml_kind k, const char *id, struct tally_problems *p)
{
	if (k == EML_510B)
		return 0;
	if (k != EML_KIND__MAX)
		tally_problem(p, "the file is a %s (%s), not a 510b (count)", id, eml_kind_title(k));
	else
		tally_problem(p, "the file is an EML %s, not a 510b (count)", id);
	return -1;
}

static void read_doc(const xmlNode *root, struct eml_510b_doc *d, struct tally_problems *p)
{
	const xmlNode *ai = eml_xml_child(eml_xml_child(root, NS_EML, "ManagingAuthority"), NS_EML,
	                          "AuthorityIdentifier");
	const xmlNode *count = eml_xml_child(root, NS_EML, "Count");
	const xmlNode *el = eml_xml_child(count, NS_EML, "Election");
	const xmlNode *contest = eml_xml_child(eml_xml_child(el, NS_EML, "Contests"), NS_EML, "Contest");
	const xmlNode *ci = eml_xml_child(contest, NS_EML, "ContestIdentifier");
	const xmlNode *tv = eml_xml_child(contest, NS_EML, "TotalVotes");
	size_t before = p->n + p->dropped;

	if (ai == NULL) {
		tally_problem(p, "ManagingAuthority/AuthorityIdentifier is missing");
	} else {
		if (eml_xml_attr(ai, "Id", d->authority_id, sizeof d->authority_id) != 0 ||
		    d->authority_id[0] == '\0')
			tally_problem(p, "ManagingAuthority has no (or too long an) Id");
		if (eml_xml_text(ai, d->authority_name, sizeof d->authority_name) == -2)
			tally_problem(p, "ManagingAuthority name is too long");
	}
	eml_xml_need_text(root, NS_KR, "CreationDateTime", d->creation_time, sizeof d->creation_time,
	          "kr:", p);
	if (count == NULL) {
		tally_problem(p, "Count is missing");
		return;
	}
	if (el == NULL) {
		tally_problem(p, "Count/Election is missing");
		return;
	}
	eml_read_election(el, EML_510B, &d->election, p);
	if (contest == NULL) {
		tally_problem(p, "Contests/Contest is missing");
		return;
	}
	if (ci == NULL || eml_xml_attr(ci, "Id", d->contest_id, sizeof d->contest_id) != 0 ||
	    d->contest_id[0] == '\0')
		tally_problem(p, "ContestIdentifier has no (or too long an) Id");
	if (eml_xml_text(eml_xml_child(ci, NS_EML, "ContestName"), d->contest_name, sizeof d->contest_name) == -2)
		tally_problem(p, "ContestName is too long");
	if (tv == NULL) {
		tally_problem(p, "TotalVotes is missing");
		return;
	}
	/* The shape of every unit follows from the election (voter cards) and the lists. */
	if (p->n + p->dropped != before)
		return;
	if (read_lists(tv, d, p) != 0)
		return;
	/* A defect in the totals does not hide those of the stations. */
	read_unit(tv, d, "TotalVotes", &d->total, &d->electorate, p);
	read_stations(contest, d, p);
}

int eml_read_510b(const void *bytes, size_t len, struct eml_510b_doc **out,
    struct tally_problems *p)
{
	const xmlNode *root = NULL;
	enum eml_kind kind = EML_KIND__MAX;
	char id[16];
	xmlDoc *doc = eml_read_doc(bytes, len, "510b", &root, &kind, id, sizeof id, p);
	struct eml_510b_doc *d = NULL;
	size_t before = p->n + p->dropped;
	int rc = -1;

	*out = NULL;
	if (doc == NULL || check_kind(kind, id, p) != 0)
		goto done;
	if ((d = calloc(1, sizeof *d)) == NULL) {
		tally_problem(p, "out of memory");
		goto done;
	}
	read_doc(root, d, p);
	if (p->n + p->dropped != before)
		goto done;
	*out = d;
	d = NULL;
	rc = 0;
done:
	eml_510b_doc_free(d);
	xmlFreeDoc(doc);
	return rc;
}

void eml_510b_doc_free(struct eml_510b_doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	tally_lists_free(d->lists, d->nlists);
	tally_form_free(d->total);
	if (d->forms != NULL)
		for (i = 0; i < d->nstations; i++)
			tally_form_free(d->forms[i]);
	free(d->forms);
	free(d->stations);
	free(d);
}

void eml_510b_doc_view(const struct eml_510b_doc *d, struct eml_510b *view)
{
	memset(view, 0, sizeof *view);
	view->election = &d->election;
	view->authority_id = d->authority_id;
	view->authority_name = d->authority_name;
	view->contest_id = d->contest_id;
	view->contest_name = d->contest_name;
	view->creation_time = d->creation_time;
	view->electorate = d->electorate;
	view->lists = d->lists;
	view->nlists = d->nlists;
	view->total = d->total;
	view->stations = d->stations;
	/* Every station of a read file has its form: none is a draft's gap. */
	view->forms = (const struct tally_form *const *)d->forms;
	view->nstations = d->nstations;
}
