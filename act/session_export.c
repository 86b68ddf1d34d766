/*
 * The export of a later session (domain.md §9): the corrigendum 510b, made only
 * when a figure changed (with each investigated station's reasons,
 * kr:ReportingUnitInvestigations), and the PV Na 14-2 with the corrigendum's
 * hash code (or "geen corrigendum") on every page. The count's own files (Na
 * 31-2, the CSV) belong to session 1 and are kept as they were made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "act/act.h"
#include "export/pv_na14.h"

void later_files_free(struct later_files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->bytes[i]);
	memset(f, 0, sizeof *f);
}

/* Adds a document to out (which owns bytes from now on). */
static void add(struct later_files *out, const char *prefix, const char *name, char *bytes,
                size_t len)
{
	snprintf(out->name[out->n], sizeof out->name[out->n], "%.8s%.200s", prefix, name);
	out->bytes[out->n] = bytes;
	out->len[out->n++] = len;
}

/* The station's name of in, or "". */
static const char *name_of(const struct eml_510b *in, int number)
{
	size_t i;

	for (i = 0; i < in->nstations; i++)
		if (in->stations[i].number == number)
			return in->stations[i].name;
	return "";
}

/* What both documents take from the session, built once. */
struct parts {
	struct eml_investigation *flags;          /* per investigation */
	const struct eml_investigation **per;     /* per station of in: NULL when not investigated */
	struct pv_investigation *inv;
	struct pv_correction *cor;
	size_t ncor;
	struct tally_form *before;
};

static void parts_free(struct parts *p)
{
	free(p->flags);
	free(p->per);
	free(p->inv);
	free(p->cor);
	tally_form_free(p->before);
}

static int parts_make(const struct eml_510b *in, const struct later_export *x, struct parts *p)
{
	size_t i, k;

	memset(p, 0, sizeof *p);
	p->flags = calloc(x->ninvestigations + 1, sizeof *p->flags);
	p->inv = calloc(x->ninvestigations + 1, sizeof *p->inv);
	p->per = calloc(in->nstations + 1, sizeof *p->per);
	p->cor = calloc(x->nstations + 1, sizeof *p->cor);
	if (p->flags == NULL || p->inv == NULL || p->per == NULL || p->cor == NULL ||
	    (p->before = tally_form_copy(in->total)) == NULL)
		return -1;
	for (i = 0; i < x->ninvestigations; i++) {
		const struct store_investigation *v = &x->investigations[i];

		p->flags[i] = (struct eml_investigation){v->admitted_voters_reestablished,
		                                         v->other_reason,
		                                         v->ballots_partially_recounted};
		p->inv[i] = (struct pv_investigation){v->station, name_of(in, v->station), v->reason,
		                                      v->csb_reference, v->findings, v->concluded,
		                                      v->corrected, p->flags[i]};
		for (k = 0; k < in->nstations; k++)
			if (in->stations[k].number == v->station)
				p->per[k] = &p->flags[i];
	}
	/* The totals before: every station as the session before finished it. */
	tally_form_zero(p->before);
	for (i = 0; i < x->nstations; i++) {
		const struct later_station *t = &x->stations[i];

		if (t->before != NULL && tally_form_add(p->before, t->before) != 0)
			return -1;
		if (t->changed && t->now != NULL)
			p->cor[p->ncor++] = (struct pv_correction){t->number, name_of(in, t->number),
			                                           t->before, t->now};
	}
	return 0;
}

enum export_status later_export_files(const struct eml_510b *in, const struct later_export *x,
                                      const struct export_result *r, struct later_files *out,
                                      char *why, size_t whysize)
{
	unsigned char d[32];
	char code[HASH_CODE_LEN];
	const char *prefix = r->draft ? "CONCEPT_" : "";
	struct tally_later_facts f = {0};
	struct pv_na14_input pv;
	struct pv_session session = {0};
	struct eml_510b corr;
	struct parts p;
	char *bytes = NULL, name[300], when[32];
	enum export_status st = EXPORT_FAILED;
	size_t len, i;

	memset(out, 0, sizeof *out);
	f.session = x->session;
	for (i = 0; i < x->ninvestigations; i++)
		f.open_investigations += !x->investigations[i].concluded;
	if (!r->draft && tally_later_export(&f) != TALLY_LATER_OK) {
		snprintf(why, whysize, "%s", tally_later_reason(tally_later_export(&f)));
		return EXPORT_NOT_FINISHED;
	}
	if (parts_make(in, x, &p) != 0) {
		snprintf(why, whysize, "out of memory, or the previous figures cannot be added up");
		goto out;
	}
	memset(&pv, 0, sizeof pv);
	pv.corrigendum_hash = "";
	if (x->any_changed) {
		corr = *in;
		corr.investigations = p.per;
		if (eml_write_510b(&corr, &bytes, &len) != 0) {
			snprintf(why, whysize, "cannot write the corrigendum 510b");
			goto out;
		}
		if (hash_sha256(bytes, len, d) != 0) {
			snprintf(why, whysize, "cannot hash the corrigendum 510b");
			goto out;
		}
		hash_code_format(d, code);
		eml_510b_name(in->election, in->authority_name, name, sizeof name);
		add(out, prefix, name, bytes, len);
		bytes = NULL;
		pv.corrigendum_hash = code;
	}
	session.place = x->info.place;
	session.date = x->info.date;
	snprintf(when, sizeof when, "%.19s", r->created);
	pv.count = in;
	pv.session_number = x->session;
	pv.session = &session;
	pv.investigations = p.inv;
	pv.ninvestigations = x->ninvestigations;
	pv.corrections = p.cor;
	pv.ncorrections = x->any_changed ? p.ncor : 0;
	pv.total_before = p.before;
	pv.total_after = in->total;
	pv.key_fingerprint = r->key_fingerprint;
	pv.created = when;
	pv.draft = r->draft;
	pv.audit_head = r->audit_head;
	if (pv_na14_write(&pv, &bytes, &len) != 0) {
		snprintf(why, whysize, "cannot write the proces-verbaal Na 14-2");
		goto out;
	}
	snprintf(name, sizeof name, "Proces-verbaal_Na14-2_zitting%d_%s.pdf", x->session,
	         in->election->id);
	add(out, prefix, name, bytes, len);
	bytes = NULL;
	st = EXPORT_OK;
out:
	free(bytes);
	parts_free(&p);
	if (st != EXPORT_OK)
		later_files_free(out);
	return st;
}
