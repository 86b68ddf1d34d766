/*
 * Importing the Kiesraad's files. A file is checked in this order, and
 * refused at the first stage that finds a defect: its content (well-formed,
 * the rules of its kind), whether it belongs to this election and
 * municipality, and its hash code. Election definitions and candidate lists
 * come from the Kiesraad with a published hash code, which the user must
 * confirm (domain.md §6); the polling stations file is the municipality's own
 * and needs none.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "crypto/crypto.h"
#include "act/act.h"

static enum import_result say(enum import_result r, char *reason, size_t size,
                              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum import_result say(enum import_result r, char *reason, size_t size,
                              const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, size, fmt, ap);
	va_end(ap);
	return r;
}

/* The files of the election, as tally/ knows them. */
static const enum tally_file file_of[EML_KIND__MAX] = {
	[EML_110A] = TALLY_FILE_DEFINITION, [EML_110B] = TALLY_FILE_STATIONS,
	[EML_230B] = TALLY_FILE_LISTS, [EML_510B] = TALLY_FILE_COUNT,
};

/* The words for each way a file does not belong (tally_file_fits), one problem each. */
static void say_misfits(const struct eml_doc *doc, const struct tally_home *h,
                        const struct tally_fit *fit, struct tally_problems *p)
{
	const struct tally_election *e = &doc->election, *d = h->election;
	int m;

	for (m = 0; m < TALLY_MISFIT__MAX; m++) {
		if (!(fit->misfits & 1u << m))
			continue;
		switch ((enum tally_misfit)m) {
		case TALLY_MISFIT_ELECTION:
			tally_problem(p, "the file is for election %s, but this database holds election %s",
			              e->id, d->id);
			break;
		case TALLY_MISFIT_CATEGORY:
			tally_problem(p, "ElectionCategory %s differs from the election's %s",
			              tally_category_name(e->category), tally_category_name(d->category));
			break;
		case TALLY_MISFIT_SUBCATEGORY:
			tally_problem(p, "ElectionSubcategory %s differs from the election's %s",
			              e->subcategory, d->subcategory);
			break;
		case TALLY_MISFIT_DATE:
			tally_problem(p, "ElectionDate %s differs from the election's %s", e->date, d->date);
			break;
		case TALLY_MISFIT_DOMAIN_MISSING:
			tally_problem(p, "kr:ElectionDomain is missing (the election's is %s)",
			              d->domain_name);
			break;
		case TALLY_MISFIT_DOMAIN:
			tally_problem(p, "kr:ElectionDomain %s %s differs from the election's %s %s",
			              e->domain_id, e->domain_name, d->domain_id, d->domain_name);
			break;
		case TALLY_MISFIT_MUNICIPALITY:
			if (doc->kind == EML_110A)
				tally_problem(p, "the election is of municipality %s %s, but this database "
				              "was made for municipality %s", e->domain_id, e->domain_name,
				              h->municipality);
			else
				tally_problem(p, "the polling stations are of municipality %s %s, not of %s",
				              doc->authority_id, doc->authority_name, h->municipality);
			break;
		case TALLY_MISFIT_NOT_IN_TREE:
			tally_problem(p, "municipality %s takes no part in election %s", h->municipality,
			              e->id);
			break;
		case TALLY_MISFIT_DISTRICT:
			tally_problem(p, "the candidate lists are of electoral district %ld, but "
			              "municipality %s lies in district %ld", fit->file_district,
			              h->municipality, fit->district);
			break;
		case TALLY_MISFIT__MAX:
			break;
		}
	}
}

/* The words for a file out of its order (tally_import_allowed). */
static void say_order(enum tally_import why, const struct eml_doc *doc,
                      const struct tally_home *h, char *reason, size_t size)
{
	switch (why) {
	case TALLY_IMPORT_HAS_ELECTION:
		if (h->election != NULL)
			say(0, reason, size, "this database already holds election %s; start a new "
			    "database for another election", h->election->id);
		else   /* stored meanwhile (the store's own check) */
			say(0, reason, size, "this database already holds an election");
		break;
	case TALLY_IMPORT_NO_ELECTION:
		say(0, reason, size, "import the election definition (110a) first");
		break;
	case TALLY_IMPORT_ENTRY_BEGUN:
		say(0, reason, size, "data entry has begun, so the %s can no longer be replaced",
		    eml_kind_title(doc->kind));
		break;
	case TALLY_IMPORT_NO_LISTS:
		say(0, reason, size, "import the candidate lists (230b) first: the result names the "
		    "elected");
		break;
	case TALLY_IMPORT_OWN_COUNT:
		say(0, reason, size, "this database counts itself (it holds polling stations); a "
		    "510b is imported by a central committee's own database");
		break;
	case TALLY_IMPORT_OK:
	case TALLY_IMPORT__MAX:
		break;
	}
}

/* Whether the database holds polling stations (it counts itself); 1 when it cannot say. */
static int have_stations(struct store *s)
{
	struct store_station *st = NULL;
	size_t n = 0;
	int rc = store_stations_get(s, &st, &n);

	free(st);
	return rc != STORE_OK || n > 0;
}

/* What the file says about where it belongs. */
static void ids_of(const struct eml_doc *doc, struct tally_file_ids *f)
{
	memset(f, 0, sizeof *f);
	f->kind = file_of[doc->kind];
	f->election = &doc->election;
	f->authority = doc->authority_id;
	f->contest = doc->contest_id;
	f->regions = doc->regions;
	f->nregions = doc->nregions;
}

static void summarise(const struct eml_doc *doc, char *out, size_t size)
{
	size_t i, n = 0;
	long voters = 0;

	switch (doc->kind) {
	case EML_110A:
		snprintf(out, size, "110a: %s \"%.200s\", %s, %s, %d seats", doc->election.id,
		         doc->election.name, doc->election.subcategory, doc->election.date,
		         doc->election.seats);
		break;
	case EML_110B:
		for (i = 0; i < doc->nstations; i++)
			voters += doc->stations[i].electorate > 0 ? doc->stations[i].electorate : 0;
		snprintf(out, size, "110b: %zu polling stations, %ld voters", doc->nstations, voters);
		break;
	case EML_230B:
		for (i = 0; i < doc->nlists; i++)
			n += doc->lists[i].ncandidates;
		snprintf(out, size, "230b: %zu lists, %zu candidates", doc->nlists, n);
		break;
	case EML_510B:
		snprintf(out, size, "510b: the count of %s %.200s, %zu lists", doc->authority_id,
		         doc->authority_name, doc->nlists);
		break;
	default:
		out[0] = '\0';
		break;
	}
}

enum import_result import_eml(struct store *s, const char *file_name, const void *bytes,
                              size_t len, const struct import_check *chk,
                              const struct store_actor *who, struct import_report *rep,
                              char *reason, size_t rsize)
{
	struct tally_problems probs = {0}, other = {0};
	struct tally_election defined;
	struct tally_file_ids ids;
	struct tally_home home;
	struct tally_fit fit;
	enum tally_import order;
	enum import_refusal why = IMPORT_BAD_FILE;
	struct tally_region *regions = NULL;
	struct eml_doc *doc = NULL;
	struct store_file file;
	unsigned char digest[32];
	char hex[HASH_HEX_LEN], muni[TALLY_ID_MAX] = "", line[1024];
	enum import_result res = IMPORT_REFUSED;
	size_t nregions = 0;
	int have_election, rc;

	memset(rep, 0, sizeof *rep);
	reason[0] = '\0';
	hash_sha256(bytes, len, digest);
	hash_sha256_hex(bytes, len, hex);
	hash_code_format(digest, rep->hash_code);
	/* A signature that came with the file must hold before anything is read from it. */
	if (chk != NULL && chk->cms != NULL &&
	    (rc = cms_verify(chk->cms, chk->cmslen, bytes, len, rep->signed_by,
	                     sizeof rep->signed_by)) != CRYPTO_OK) {
		rep->refused = IMPORT_SIGNATURE_WRONG;
		say(0, reason, rsize, rc == CRYPTO_ERR_MISMATCH ? "its CMS signature (.signature) does "
		    "not hold: the file is not what its sender signed" : "what came as its CMS "
		    "signature (.signature) is not one");
		goto out;
	}

	store_meta_get(s, "municipality_code", muni, sizeof muni);
	have_election = store_election_get(s, &defined) == STORE_OK;
	if (store_regions_get(s, &regions, &nregions) != STORE_OK) {
		res = say(IMPORT_FAILED, reason, rsize, "cannot read the database: %s",
		          store_last_error(s));
		goto out;
	}
	home.election = have_election ? &defined : NULL;
	home.municipality = muni;
	home.regions = regions;
	home.nregions = nregions;
	if (eml_read(bytes, len, &doc, &probs) != 0) {
		/* A broken file of another election: say that first, it matters most. */
		if (doc != NULL && doc->kind != EML_110A && have_election) {
			ids_of(doc, &ids);
			if (tally_file_fits(&ids, &home, &fit) & 1u << TALLY_MISFIT_ELECTION) {
				why = IMPORT_OTHER_ELECTION;
				say_misfits(doc, &home, &fit, &other);
				say(0, reason, rsize, "%s; %s", other.msg[0],
				    tally_problems_join(&probs, line, sizeof line));
				goto out;
			}
		}
		say(0, reason, rsize, "%s", tally_problems_join(&probs, line, sizeof line));
		goto out;
	}
	rep->kind = doc->kind;
	ids_of(doc, &ids);

	/* May it come now, and does it belong here? */
	order = ids.kind == TALLY_FILE_COUNT ?
	        tally_count_file_allowed(have_election, store_lists_count(s) > 0, have_stations(s)) :
	        tally_import_allowed(ids.kind, have_election, 0);
	if (order != TALLY_IMPORT_OK) {
		why = IMPORT_OUT_OF_ORDER;
		say_order(order, doc, &home, reason, rsize);
		goto out;
	}
	if (tally_file_fits(&ids, &home, &fit) != 0) {
		why = fit.misfits & 1u << TALLY_MISFIT_ELECTION ? IMPORT_OTHER_ELECTION : IMPORT_NOT_HERE;
		say_misfits(doc, &home, &fit, &probs);
		say(0, reason, rsize, "%s", tally_problems_join(&probs, line, sizeof line));
		goto out;
	}

	/* Is it the file that was published? */
	why = IMPORT_HASH_WRONG;
	if (chk != NULL && chk->full != NULL) {
		if (!crypto_equal(chk->full, digest, sizeof digest)) {
			say(0, reason, rsize, "the hash code does not match the file (the file's code "
			    "is %s)", rep->hash_code);
			goto out;
		}
		rep->hash_checked = 1;
	} else if (tally_file_hash_published(ids.kind)) {
		if (chk == NULL || chk->ask == NULL) {
			why = IMPORT_HASH_UNCHECKED;
			say(0, reason, rsize, "its hash code was not checked: give the hash code "
			    "published with the file");
			goto out;
		}
		if (chk->ask(chk->arg, digest) != 0) {
			say(0, reason, rsize, "the groups typed do not match the file's hash code; "
			    "check that this is the right file");
			goto out;
		}
		rep->hash_checked = 1;
	}

	file.kind = eml_kind_name(doc->kind);
	file.name = file_name;
	file.sha256_hex = hex;
	file.hash_checked = rep->hash_checked;
	file.bytes = bytes;
	file.len = len;
	switch (doc->kind) {
	case EML_110A: {
		/* A municipal election names the municipality; remember it if init did not. */
		int set = muni[0] == '\0' && doc->election.category == TALLY_CAT_GR &&
		          doc->election.domain_id[0] != '\0';
		char padded[16];

		snprintf(padded, sizeof padded, "%04lld", num_or(doc->election.domain_id, 0, 999999, 0));
		rc = store_import_election(s, &doc->election, doc->regions, doc->nregions,
		                           set ? padded : NULL, set ? doc->election.domain_name : NULL,
		                           &file, who);
		break;
	}
	case EML_110B:
		rc = store_import_stations(s, doc->stations, doc->nstations, doc->max_votes, &file, who);
		break;
	case EML_230B:
		rc = store_import_lists(s, doc->lists, doc->nlists, doc->contest_id, doc->contest_name,
		                        &file, who);
		break;
	case EML_510B:
		rc = store_count_file_import(s, &file, who);
		break;
	default:
		rc = STORE_ERR_STATE;
		break;
	}
	/* Refused inside the store's transaction, by tally_import_allowed. */
	if (rc == STORE_ERR_STATE || (rc == STORE_ERR_EXISTS && doc->kind == EML_110A)) {
		why = rc == STORE_ERR_STATE ? IMPORT_ENTRY_BEGUN : IMPORT_OUT_OF_ORDER;
		say_order(rc == STORE_ERR_STATE ? TALLY_IMPORT_ENTRY_BEGUN : TALLY_IMPORT_HAS_ELECTION,
		          doc, &home, reason, rsize);
		goto out;
	}
	if (rc != STORE_OK) {
		res = say(IMPORT_FAILED, reason, rsize, "%s (%s); nothing was changed",
		          store_strerror(rc), store_last_error(s));
		goto out;
	}
	summarise(doc, rep->summary, sizeof rep->summary);
	res = IMPORT_OK;
out:
	rep->refused = res == IMPORT_REFUSED ? why : IMPORT_ACCEPTED;
	eml_doc_free(doc);
	free(regions);
	return res;
}
