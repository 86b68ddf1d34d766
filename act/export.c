/*
 * Export of the count: the definitive counts from store/, summed by tally/,
 * written by export/, hashed and signed by crypto/ over exactly the bytes
 * that are handed out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/date.h"
#include "base/num.h"
#include "crypto/crypto.h"
#include "act/act.h"
#include "export/docs.h"
#include "export/eml.h"

static double mono(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int export_file_add(struct export_result *r, const char *prefix, const char *name, char *bytes,
                    size_t len, const char *priv)
{
	struct export_file *f;
	unsigned char d[32];

	if (r->nfiles >= EXPORT_FILES_MAX) {
		free(bytes);
		return -1;
	}
	f = &r->files[r->nfiles++];
	snprintf(f->name, sizeof f->name, "%.8s%.200s", prefix, name);
	f->bytes = bytes;
	f->len = len;
	if (hash_sha256(bytes, len, d) != 0 || sign_data(priv, bytes, len, f->sig) != 0)
		return -1;
	hash_code_format(d, f->hash_code);
	return 0;
}

/* Keeps the export in the history (with its audit records); a final one finishes the count. */
static int record(struct store *s, const struct store_actor *who, struct export_result *r)
{
	struct store_export *x = calloc(1, sizeof *x);
	size_t i;
	int rc;

	if (x == NULL)
		return STORE_ERR_NOMEM;
	x->draft = r->draft;
	snprintf(x->created, sizeof x->created, "%s", r->created);
	snprintf(x->audit_head, sizeof x->audit_head, "%s", r->audit_head);
	x->stations_definitive = (long)r->ndefinitive;
	x->stations_total = (long)r->nstations;
	for (i = 0; i < r->nfiles && i < STORE_EXPORT_FILES_MAX; i++) {
		snprintf(x->files[i].name, sizeof x->files[i].name, "%s", r->files[i].name);
		snprintf(x->files[i].hash_code, sizeof x->files[i].hash_code, "%s", r->files[i].hash_code);
		x->files[i].size = (long)r->files[i].len;
		x->files[i].bytes = r->files[i].bytes;  /* a final export keeps them */
	}
	x->nfiles = i;
	rc = store_export_record(s, who, x);
	r->id = x->id;
	free(x);
	return rc;
}

/* What an export reads from the store: one snapshot (store_read_begin). */
struct count_read {
	struct tally_election e;
	struct tally_list *lists;
	struct store_station_full *full;
	struct tally_form **defs, *total;
	int *numbers;
	size_t nl, ns, nd;
	char *priv;
	char muni[16], muni_name[TALLY_TEXT_MAX], contest[TALLY_ID_MAX], contest_name[TALLY_TEXT_MAX];
	char electorate[24];
	/* the accounts made or changed after data entry began, for the PV */
	struct store_account_change *changes;
	size_t nchanges;
	char entry_began[32];
};

/* Reads all an export needs, between store_read_begin and store_read_end. */
static enum export_status read_count(struct store *s, int draft, struct export_result *r,
                                     struct count_read *c, char *why, size_t whysize)
{
	int rc;

	if ((rc = store_election_get_locked(s, &c->e)) == STORE_ERR_NOT_FOUND) {
		snprintf(why, whysize, "no election has been imported");
		return EXPORT_NO_ELECTION;
	}
	if (rc != STORE_OK || store_lists_get_locked(s, &c->lists, &c->nl) != STORE_OK ||
	    store_stations_full_locked(s, &c->full, &c->ns) != STORE_OK ||
	    store_definitive_forms_locked(s, &c->defs, &c->numbers, &c->nd) != STORE_OK)
		goto failed;
	if (c->nl == 0 || c->ns == 0) {
		snprintf(why, whysize, "the candidate lists and polling stations must be imported first");
		return EXPORT_NO_ELECTION;
	}
	r->nstations = c->ns;
	r->ndefinitive = c->nd;
	r->draft = c->nd < c->ns;
	if (r->draft && !draft) {
		snprintf(why, whysize, "%zu of %zu polling stations are not definitive yet "
		         "(export a draft with --draft)", c->ns - c->nd, c->ns);
		return EXPORT_NOT_FINISHED;
	}
	/* A setting the database cannot read fails the export (no empty AuthorityIdentifier).
	 * The final documents carry the moment the count was first exported: same bytes again
	 * (store_export_record keeps it, until the coordinator reopens the count). */
	static const struct {
		const char *key, *def;
		size_t off, size;
	} settings[] = {
		{"municipality_code", "", offsetof(struct count_read, muni), sizeof c->muni},
		{"municipality_name", "", offsetof(struct count_read, muni_name), sizeof c->muni_name},
		{"contest_id", "geen", offsetof(struct count_read, contest), sizeof c->contest},
		{"contest_name", "", offsetof(struct count_read, contest_name), sizeof c->contest_name},
		{"electorate", "", offsetof(struct count_read, electorate), sizeof c->electorate},
	};
	size_t k;

	for (k = 0; k < sizeof settings / sizeof settings[0]; k++)
		if (store_meta_get_or_locked(s, settings[k].key, (char *)c + settings[k].off,
		                             settings[k].size, settings[k].def) != STORE_OK)
			goto failed;
	if (store_meta_get_or_locked(s, "count_exported_at", r->created, sizeof r->created, "") !=
	    STORE_OK)
		goto failed;
	/* The log's head at the first final export, printed again with it; else the head now. */
	if (r->created[0] != '\0') {
		if (store_meta_get_or_locked(s, "count_exported_audit", r->audit_head,
		                             sizeof r->audit_head, "") != STORE_OK)
			goto failed;
	} else {
		char hash[65];
		long id;

		if (store_audit_head_locked(s, &id, hash) != STORE_OK)
			goto failed;
		if (id > 0)
			snprintf(r->audit_head, sizeof r->audit_head, "%ld %s", id, hash);
	}
	if (store_entry_began_locked(s, c->entry_began) != STORE_OK ||
	    store_account_changes_locked(s, &c->changes, &c->nchanges) != STORE_OK)
		goto failed;
	if ((c->total = store_form_new_locked(s)) == NULL) {
		snprintf(why, whysize, "out of memory");
		return EXPORT_FAILED;
	}
	if (act_signing_pair(s, 1, &c->priv, &r->public_pem, why, whysize) != 0)
		return EXPORT_FAILED;
	return EXPORT_OK;
failed:
	snprintf(why, whysize, "cannot read the count: %s", store_last_error(s));
	return EXPORT_FAILED;
}

enum export_status export_build(struct store *s, int draft, const struct store_actor *who,
                                struct export_result *r, char *why, size_t whysize)
{
	struct count_read c;
	struct tally_station *stations = NULL;
	const struct tally_form **forms = NULL;
	char *bytes = NULL, name[256], csvname[300], *dot;
	size_t i, j, len;
	struct eml_510b in;
	struct later_export later;
	enum export_status st;
	double t0;

	memset(r, 0, sizeof *r);
	memset(&c, 0, sizeof c);
	memset(&later, 0, sizeof later);
	/* One snapshot: a save committed meanwhile is in all of the files or in none. */
	if (store_read_begin(s) != STORE_OK) {
		snprintf(why, whysize, "cannot read the count: %s", store_last_error(s));
		return EXPORT_FAILED;
	}
	st = read_count(s, draft, r, &c, why, whysize);
	/* A later session's: its investigations and each station's previous figures. */
	if (st == EXPORT_OK && later_export_gather_locked(s, &later, why, whysize) != 0)
		st = EXPORT_FAILED;
	if (store_read_end(s) != STORE_OK && st == EXPORT_OK) {
		snprintf(why, whysize, "cannot read the count: %s", store_last_error(s));
		st = EXPORT_FAILED;
	}
	if (st != EXPORT_OK)
		goto out;
	st = EXPORT_FAILED;
	if (c.muni_name[0] == '\0')
		snprintf(c.muni_name, sizeof c.muni_name, "%s", c.e.domain_name);
	if (r->draft || r->created[0] == '\0')
		date_now_local(r->created);

	/* The stations in order, each with its definitive form or none (draft). */
	stations = calloc(c.ns, sizeof *stations);
	forms = calloc(c.ns, sizeof *forms);
	if (stations == NULL || forms == NULL) {
		snprintf(why, whysize, "out of memory");
		goto out;
	}
	tally_form_zero(c.total);
	for (i = 0, j = 0; i < c.ns; i++) {
		stations[i] = c.full[i].st;
		while (j < c.nd && c.numbers[j] < c.full[i].st.number)
			j++;
		if (j < c.nd && c.numbers[j] == c.full[i].st.number) {
			forms[i] = c.defs[j];
			if (tally_form_add(c.total, c.defs[j]) != 0) {
				snprintf(why, whysize, "station %d cannot be added up", c.numbers[j]);
				goto out;
			}
		}
	}
	if (sign_fingerprint(r->public_pem, r->key_fingerprint) != 0) {
		snprintf(why, whysize, "the database holds no signing key");
		goto out;
	}

	memset(&in, 0, sizeof in);
	in.election = &c.e;
	in.authority_id = c.muni;
	in.authority_name = c.muni_name;
	in.contest_id = c.contest;
	in.contest_name = c.contest_name;
	in.creation_time = r->created;
	in.electorate = (long)num_or(c.electorate, 0, LIMIT_COUNT_MAX, 0);
	in.lists = c.lists;
	in.nlists = c.nl;
	in.total = c.total;
	in.stations = stations;
	in.forms = forms;
	in.nstations = c.ns;
	if (later.session > 1) {
		/* A later session: the corrigendum (when a figure changed) and the Na 14-2 only. */
		struct later_files lf;

		if ((st = later_export_files(&in, &later, r, &lf, why, whysize)) != EXPORT_OK)
			goto out;
		st = EXPORT_FAILED;
		for (i = 0; i < lf.n; i++) {
			if (export_file_add(r, "", lf.name[i], lf.bytes[i], lf.len[i], c.priv) != 0) {
				lf.bytes[i] = NULL; /* r has them, or they were freed */
				snprintf(why, whysize, "cannot sign %s", lf.name[i]);
				later_files_free(&lf);
				goto out;
			}
			lf.bytes[i] = NULL;
		}
		goto made;
	}
	t0 = mono();
	if (eml_write_510b(&in, &bytes, &len) != 0) {
		snprintf(why, whysize, "out of memory");
		goto out;
	}
	eml_510b_name(&c.e, c.muni_name, name, sizeof name);
	if (export_file_add(r, r->draft ? "CONCEPT_" : "", name, bytes, len, c.priv) != 0) {
		snprintf(why, whysize, "cannot sign the 510b");
		goto out;
	}
	bytes = NULL;
	r->files[r->nfiles - 1].seconds = mono() - t0;

	/* The proces-verbaal, with the 510b's hash code and the key on every page. */
	{
		struct pv_input pv;
		struct pv_session *session = NULL;
		struct pv_account_change *changes = NULL;
		char pvname[300], when[32];
		int pv_rc;

		memset(&pv, 0, sizeof pv);
		snprintf(when, sizeof when, "%.19s", r->created);
		pv.count = &in;
		pv.hash_code = r->files[0].hash_code;
		pv.key_fingerprint = r->key_fingerprint;
		pv.created = when;
		pv.draft = r->draft;
		if (committee_pv_session(s, &session) != 0) {
			snprintf(why, whysize, "cannot read the committee's session");
			goto out;
		}
		pv.session = session;
		pv.entry_began = c.entry_began;
		pv.audit_head = r->audit_head;
		if (c.nchanges > 0 && (changes = calloc(c.nchanges, sizeof *changes)) == NULL) {
			free(session);
			snprintf(why, whysize, "out of memory");
			goto out;
		}
		for (i = 0; i < c.nchanges; i++)
			changes[i] = (struct pv_account_change){c.changes[i].account, c.changes[i].role,
			                                        c.changes[i].kind, c.changes[i].at,
			                                        c.changes[i].by, c.changes[i].confirmed_at,
			                                        c.changes[i].confirmed_by};
		pv.accounts = changes;
		pv.naccounts = c.nchanges;
		t0 = mono();
		pv_rc = pv_write(&pv, &bytes, &len);
		free(session);
		free(changes);
		if (pv_rc != 0) {
			snprintf(why, whysize, "cannot write the proces-verbaal");
			goto out;
		}
		snprintf(pvname, sizeof pvname, "Proces-verbaal_Na31-2_%s.pdf", c.e.id);
		if (export_file_add(r, r->draft ? "CONCEPT_" : "", pvname, bytes, len, c.priv) != 0) {
			snprintf(why, whysize, "cannot sign the proces-verbaal");
			goto out;
		}
		bytes = NULL;
		r->files[r->nfiles - 1].seconds = mono() - t0;
	}

	/* The CSV, OSV's osv4-3 layout: named after the 510b, in lower case. */
	t0 = mono();
	if (csv_write_osv(&in, &bytes, &len) != 0) {
		snprintf(why, whysize, "cannot write the CSV");
		goto out;
	}
	snprintf(csvname, sizeof csvname, "osv4-3_%s", name);
	if ((dot = strstr(csvname, ".eml.xml")) != NULL)
		*dot = '\0';
	for (dot = csvname; *dot; dot++)
		if (*dot >= 'A' && *dot <= 'Z')
			*dot = (char)(*dot - 'A' + 'a');
	snprintf(csvname + strlen(csvname), sizeof csvname - strlen(csvname), ".csv");
	if (export_file_add(r, r->draft ? "CONCEPT_" : "", csvname, bytes, len, c.priv) != 0) {
		snprintf(why, whysize, "cannot sign the CSV");
		goto out;
	}
	bytes = NULL;
	r->files[r->nfiles - 1].seconds = mono() - t0;
made:
	if (act_cms_sign_files(s, who, r, why, whysize) != 0)
		goto out;
	if (record(s, who, r) != STORE_OK) {
		snprintf(why, whysize, "cannot write the export history: %s", store_last_error(s));
		goto out;
	}
	st = EXPORT_OK;
out:
	if (st != EXPORT_OK)
		export_result_free(r);
	crypto_free_secret(c.priv);
	free(bytes);
	tally_form_free(c.total);
	free(stations);
	free(forms);
	store_forms_free(c.defs, c.numbers, c.nd);
	free(c.full);
	free(c.changes);
	tally_lists_free(c.lists, c.nl);
	later_export_free(&later);
	return st;
}

/* Writes bytes to dir/name through a temporary file, so a file is whole or absent. */
static int write_file(const char *dir, const char *name, const void *bytes, size_t len)
{
	char path[4096], tmp[4200];
	FILE *f;
	int ok;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if ((f = fopen(tmp, "wb")) == NULL)
		return -1;
	ok = fwrite(bytes, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int export_write_dir(const struct export_result *r, const char *dir, char *why, size_t whysize)
{
	char sig[300];
	size_t i;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		snprintf(why, whysize, "cannot make %s: %s", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < r->nfiles; i++) {
		snprintf(sig, sizeof sig, "%s.sig", r->files[i].name);
		if (write_file(dir, r->files[i].name, r->files[i].bytes, r->files[i].len) != 0 ||
		    write_file(dir, sig, r->files[i].sig, sizeof r->files[i].sig) != 0) {
			snprintf(why, whysize, "cannot write %s in %s: %s", r->files[i].name, dir,
			         strerror(errno));
			return -1;
		}
		snprintf(sig, sizeof sig, "%s.signature", r->files[i].name);
		if (r->files[i].cms != NULL &&
		    write_file(dir, sig, r->files[i].cms, r->files[i].cmslen) != 0) {
			snprintf(why, whysize, "cannot write %s in %s: %s", r->files[i].name, dir,
			         strerror(errno));
			return -1;
		}
	}
	if (write_file(dir, "signing-key.pub.pem", r->public_pem, strlen(r->public_pem)) != 0) {
		snprintf(why, whysize, "cannot write signing-key.pub.pem in %s", dir);
		return -1;
	}
	return 0;
}

void export_result_free(struct export_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nfiles; i++) {
		free(r->files[i].bytes);
		free(r->files[i].cms);
	}
	free(r->public_pem);
	memset(r, 0, sizeof *r);
}
