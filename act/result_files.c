/*
 * The result's files: the 510d (the totals the committee used), the 520 (the
 * lists that won seats and the elected) and the PV P 22-2, which carries the
 * 520's hash code on every page. Each is hashed and signed with the election
 * laptop's key like the count's files, and the hash codes go into the audit
 * log. The files carry the moment of the last change of what the result is
 * made from, so making them again gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act/act.h"
#include "base/date.h"
#include "crypto/crypto.h"
#include "export/eml_result.h"
#include "export/pv_result.h"

/* The signing key, its public half and fingerprint into out. 0, or -1 with why. */
static int signing_key(struct store *s, struct export_result *out, char **priv, char *why,
                       size_t whysize)
{
	if (act_signing_pair(s, 0, priv, &out->public_pem, why, whysize) != 0)
		return -1;
	if (sign_fingerprint(out->public_pem, out->key_fingerprint) != 0) {
		snprintf(why, whysize, "the database's public signing key is unreadable");
		return -1;
	}
	return 0;
}

/* Writes one EML file (what: "510d", "520") with write, and adds it to out signed. */
static int add_eml(struct export_result *out, const char *prefix, const char *what,
                   int (*write)(const struct eml_result_in *, char **, size_t *),
                   const struct eml_result_in *in, const char *name, const char *priv, char *why,
                   size_t whysize)
{
	char *bytes = NULL;
	size_t len;
	int rc;

	if ((rc = write(in, &bytes, &len)) != EML_RESULT_OK) {
		snprintf(why, whysize, "cannot write the %s: %s", what, eml_result_strerror(rc));
		return -1;
	}
	if (export_file_add(out, prefix, name, bytes, len, priv) != 0) {
		snprintf(why, whysize, "cannot sign the %s", what);
		return -1;
	}
	return 0;
}

/* Writes the 510d and the 520 into out. */
static int write_eml(const struct result *res, struct export_result *out, const char *priv,
                     char *why, size_t whysize)
{
	const char *prefix = res->draft ? "CONCEPT_" : "";
	struct eml_result_unit unit = {res->authority_id, res->authority_name, res->electorate,
	                               res->total};
	const struct eml_result_in in = {
		.election = &res->election, .authority_name = res->authority_name,
		.creation_time = out->created, .lists = res->lists, .nlists = res->nlists,
		.total = res->total, .electorate = res->electorate, .units = &unit, .nunits = 1,
		.result = &res->r,
	};
	char d[300], r[300];

	eml_510d_name(&res->election, res->authority_name, d, sizeof d);
	eml_520_name(&res->election, r, sizeof r);
	return add_eml(out, prefix, "510d", eml_write_510d, &in, d, priv, why, whysize) != 0 ||
	       add_eml(out, prefix, "520", eml_write_520, &in, r, priv, why, whysize) != 0 ? -1 : 0;
}

/* Writes the PV P 22-2 with the 520's hash code (out->files[1]) on every page. */
static int write_pv(struct store *s, const struct result *res, struct export_result *out,
                    const char *priv, char *why, size_t whysize)
{
	struct pv_result_input pv;
	struct pv_session *session = NULL;
	char name[300], when[32], *bytes = NULL;
	size_t len;
	int rc;

	if (committee_pv_session(s, &session) != 0) {
		snprintf(why, whysize, "cannot read the committee's session");
		return -1;
	}
	snprintf(when, sizeof when, "%.19s", out->created);
	pv = (struct pv_result_input){
		.election = &res->election, .authority_id = res->authority_id,
		.authority_name = res->authority_name, .lists = res->lists, .nlists = res->nlists,
		.basis = &res->in, .result = &res->r, .count = res->total,
		.hash_code_520 = out->files[1].hash_code, .key_fingerprint = out->key_fingerprint,
		.created = when, .draft = res->draft, .session = session,
	};
	rc = pv_result_write(&pv, &bytes, &len);
	free(session);
	if (rc != 0) {
		snprintf(why, whysize, "cannot write the proces-verbaal P 22-2");
		return -1;
	}
	snprintf(name, sizeof name, "Proces-verbaal_P22-2_%s.pdf", res->election.id);
	if (export_file_add(out, res->draft ? "CONCEPT_" : "", name, bytes, len, priv) != 0) {
		snprintf(why, whysize, "cannot sign the proces-verbaal");
		return -1;
	}
	return 0;
}

int result_files(struct store *s, const struct result *res, const struct store_actor *who,
                 struct export_result *out, char *why, size_t whysize)
{
	char *priv = NULL, detail[600];
	size_t i, n = 0;
	int rc = RESULT_FAILED;

	memset(out, 0, sizeof *out);
	if (res->status != TALLY_RESULT_OK) {
		snprintf(why, whysize, "there is no complete result: %s",
		         res->status == TALLY_RESULT_LOT ? res->r.lot.decides :
		         tally_result_strerror(res->status));
		return RESULT_REFUSED;
	}
	out->draft = res->draft;
	if (res->draft || res->created[0] == '\0')
		date_now_local(out->created);
	else
		snprintf(out->created, sizeof out->created, "%s", res->created);
	if (signing_key(s, out, &priv, why, whysize) != 0 ||
	    write_eml(res, out, priv, why, whysize) != 0 ||
	    write_pv(s, res, out, priv, why, whysize) != 0 ||
	    act_cms_sign_files(s, who, out, why, whysize) != 0)
		goto out;
	detail[0] = '\0';
	for (i = 0; i < out->nfiles && n < sizeof detail - 1; i++) {
		snprintf(detail + n, sizeof detail - n, "%s%s=%s", i ? " " : "", out->files[i].name,
		         out->files[i].hash_code);
		n = strlen(detail);
	}
	if (store_audit(s, who, res->draft ? "result_draft" : "result_files", detail) != STORE_OK) {
		snprintf(why, whysize, "cannot write the audit log: %s", store_last_error(s));
		goto out;
	}
	rc = RESULT_OK;
out:
	crypto_free_secret(priv);
	if (rc != RESULT_OK)
		export_result_free(out);
	return rc;
}
