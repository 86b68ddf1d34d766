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

/* Whether the municipality code is one of the GEMEENTE regions of the tree. */
static int in_tree(const struct tally_region *r, size_t n, const char *code)
{
	long want = strtol(code, NULL, 10);
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(r[i].category, "GEMEENTE") == 0 && r[i].number == want)
			return 1;
	return 0;
}

/* Does a 110a fit this database? 0, or a reason written into reason. */
static int election_fits(const struct eml_doc *doc, int have_election,
                         const struct tally_election *defined, const char *muni,
                         char *reason, size_t size)
{
	const struct tally_election *e = &doc->election;

	if (have_election) {
		say(0, reason, size, "this database already holds election %s; start a new "
		    "database for another election", defined->id);
		return -1;
	}
	if (muni[0] != '\0' && e->category == TALLY_CAT_GR && e->domain_id[0] != '\0' &&
	    strtol(e->domain_id, NULL, 10) != strtol(muni, NULL, 10)) {
		say(0, reason, size, "the election is of municipality %s %s, but this database "
		    "was made for municipality %s", e->domain_id, e->domain_name, muni);
		return -1;
	}
	if (muni[0] != '\0' && e->category != TALLY_CAT_GR &&
	    !in_tree(doc->regions, doc->nregions, muni)) {
		say(0, reason, size, "municipality %s takes no part in election %s", muni, e->id);
		return -1;
	}
	return 0;
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
	struct tally_problems probs = {0};
	struct tally_election defined;
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

	store_meta_get(s, "municipality_code", muni, sizeof muni);
	have_election = store_election_get(s, &defined) == STORE_OK;
	if (store_regions_get(s, &regions, &nregions) != STORE_OK) {
		res = say(IMPORT_FAILED, reason, rsize, "cannot read the database: %s",
		          store_last_error(s));
		goto out;
	}
	if (eml_read(bytes, len, &doc, &probs) != 0) {
		/* A broken file of another election: say that first, it matters most. */
		struct tally_problems other = {0};

		if (doc != NULL && doc->kind != EML_110A && have_election &&
		    eml_check_belongs(doc, &defined, NULL, NULL, 0, &other) != 0 &&
		    strncmp(other.msg[0], "the file is for election", 24) == 0) {
			say(0, reason, rsize, "%s; %s", other.msg[0],
			    tally_problems_join(&probs, line, sizeof line));
			goto out;
		}
		say(0, reason, rsize, "%s", tally_problems_join(&probs, line, sizeof line));
		goto out;
	}
	rep->kind = doc->kind;

	/* Does the file belong here? */
	if (doc->kind == EML_110A) {
		if (election_fits(doc, have_election, &defined, muni, reason, rsize) != 0)
			goto out;
	} else if (!have_election) {
		say(0, reason, rsize, "import the election definition (110a) first");
		goto out;
	} else if (eml_check_belongs(doc, &defined, muni[0] ? muni : NULL, regions, nregions,
	                             &probs) != 0) {
		say(0, reason, rsize, "%s", tally_problems_join(&probs, line, sizeof line));
		goto out;
	}

	/* Is it the file that was published? */
	if (chk != NULL && chk->full != NULL) {
		if (!crypto_equal(chk->full, digest, sizeof digest)) {
			say(0, reason, rsize, "the hash code does not match the file (the file's code "
			    "is %s)", rep->hash_code);
			goto out;
		}
		rep->hash_checked = 1;
	} else if (doc->kind != EML_110B) {
		if (chk == NULL || chk->ask == NULL) {
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

		snprintf(padded, sizeof padded, "%04ld", strtol(doc->election.domain_id, NULL, 10));
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
	default:
		rc = STORE_ERR_STATE;
		break;
	}
	if (rc == STORE_ERR_STATE) {
		say(0, reason, rsize, "data entry has begun, so the %s can no longer be replaced",
		    eml_kind_title(doc->kind));
		goto out;
	}
	if (rc == STORE_ERR_EXISTS && doc->kind == EML_110A) {
		say(0, reason, rsize, "this database already holds an election");
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
	eml_doc_free(doc);
	free(regions);
	return res;
}
