/*
 * The proces-verbaal of a later session of the municipality's committee, in
 * the spirit of the Kiesraad's model Na 14-2 (pv_na14.h): A4 portrait, in
 * Dutch, on the frame every PV shares (pv_style.c: header, a draft's band
 * and watermark, the footer with the corrigendum's hash code) and with its
 * session and signatures (pv_session.c). Old and new figures stand side by
 * side in one table per station, so the committee reads what it corrects;
 * the votes per candidate only where they changed, or a station of 250
 * candidates would bury the one that did.
 */
#include <stdio.h>
#include <string.h>

#include "base/num.h"
#include "export/pv_internal.h"
#include "export/pv_na14.h"
#include "tally/labels.h"

#define LABEL_W 150.0

struct na14 {
	const struct pv_na14_input *in;
	struct pv_frame f;
};

static int known(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* ------------------------------------------------------------------ */
/* The parts of the document                                           */
/* ------------------------------------------------------------------ */

static void title(struct pdf_doc *d, struct na14 *n)
{
	const struct pv_na14_input *in = n->in;
	const struct eml_510b *c = in->count;
	char buf[TALLY_TEXT_MAX * 2 + 128];
	size_t i, ncorrected = 0;

	pv_title(d, &n->f, "Proces-verbaal van een nieuwe zitting (corrigendum)");
	if (known(c->contest_id) && strcmp(c->contest_id, "geen") != 0) {
		snprintf(buf, sizeof buf, "%s%s%s", c->contest_id, known(c->contest_name) ? " " : "",
		         known(c->contest_name) ? c->contest_name : "");
		pdf_doc_field(d, LABEL_W, "Kieskring", buf);
	}
	snprintf(buf, sizeof buf, "%de zitting (onderzoek en correctie)", in->session_number);
	pdf_doc_field(d, LABEL_W, "Zitting", buf);
	for (i = 0; i < in->ninvestigations; i++)
		ncorrected += in->investigations[i].corrected != 0;
	snprintf(buf, sizeof buf, "%zu onderzocht, waarvan %zu met een gecorrigeerde uitkomst",
	         in->ninvestigations, ncorrected);
	pdf_doc_field(d, LABEL_W, "Stembureaus", buf);
	pdf_doc_field(d, LABEL_W, "Corrigendum (EML 510b)", known(in->corrigendum_hash) ?
	              "opgemaakt; zijn hashcode staat onderaan elke pagina" :
	              "geen: in deze zitting is geen getal gewijzigd");
	pv_title_end(d, &n->f, "Dit is een concept: de zitting is nog niet afgesloten. Een concept "
	             "wordt niet ondertekend.", known(in->corrigendum_hash) ?
	             "Het gemeentelijk stembureau is opnieuw bijeengekomen en heeft de uitkomsten van "
	             "stembureaus onderzocht. Dit proces-verbaal vermeldt welke stembureaus het heeft "
	             "onderzocht, waarom en wat het heeft gevonden, en van elk stembureau waarvan de "
	             "getallen zijn gewijzigd de eerdere en de nieuwe getallen. De nieuwe getallen "
	             "vervangen de eerdere; ze staan ook in het corrigendum (EML 510b) bij dit "
	             "proces-verbaal, waarvan de hashcode onderaan elke pagina staat." :
	             "Het gemeentelijk stembureau is opnieuw bijeengekomen en heeft de uitkomsten van "
	             "stembureaus onderzocht. Dit proces-verbaal vermeldt welke stembureaus het heeft "
	             "onderzocht, waarom en wat het heeft gevonden. Geen enkel getal is gewijzigd: "
	             "daarom is er geen corrigendum (EML 510b) opgemaakt en blijven de eerder "
	             "vastgestelde uitkomsten gelden.");
}

/* The flags the corrigendum gives the station, in words. */
static void flags_text(const struct eml_investigation *x, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s%s%s", x->admitted_voters_reestablished ?
	         "toegelaten kiezers opnieuw vastgesteld" : "",
	         x->admitted_voters_reestablished && (x->other_reason ||
	         x->ballots_partially_recounted) ? "; " : "",
	         x->other_reason ? "onderzocht vanwege andere reden" : "",
	         x->other_reason && x->ballots_partially_recounted ? "; " : "",
	         x->ballots_partially_recounted ? "stembiljetten deels herteld" : "");
	if (out[0] == '\0')
		snprintf(out, size, "geen");
}

/* The height of an investigation's fields (values), so that one stays on one page. */
static double fields_height(struct pdf_doc *d, const char *const *values, size_t n)
{
	double sum = 0, h;
	size_t i;

	for (i = 0; i < n; i++) {
		pdf_measure(d->pdf, d->w - LABEL_W, d->def->style->bold, values[i], NULL, &h);
		sum += h + d->def->style->field_after;
	}
	return sum;
}

static void investigations(struct pdf_doc *d, const struct pv_na14_input *in)
{
	char buf[TALLY_TEXT_MAX * 2 + 160], how[TALLY_TEXT_MAX + 96], flags[160];
	const char *findings, *end;
	size_t i;
	double h;

	pdf_doc_heading(d, "2. Onderzochte stembureaus", 80);
	if (in->ninvestigations == 0)
		pdf_doc_para(d, F_TEXT, "Het gemeentelijk stembureau heeft in deze zitting geen "
		             "stembureau onderzocht.");
	for (i = 0; i < in->ninvestigations; i++) {
		const struct pv_investigation *x = &in->investigations[i];

		if (known(x->csb_reference))
			snprintf(how, sizeof how, "op verzoek van het centraal stembureau (kenmerk %s)",
			         x->csb_reference);
		else
			snprintf(how, sizeof how, "op eigen initiatief van het gemeentelijk stembureau");
		flags_text(&x->flags, flags, sizeof flags);
		findings = known(x->findings) ? x->findings : "nog niet vastgesteld";
		end = !x->concluded ? "het onderzoek loopt nog" :
		      x->corrected ? "afgerond; de uitkomst is gecorrigeerd (zie deel 3)" :
		      "afgerond zonder nieuwe uitkomst; de eerdere uitkomst blijft staan";
		{
			const char *const values[] = {x->reason, how, flags, findings, end};

			snprintf(buf, sizeof buf, "Stembureau %d " MIDDOT " %s", x->station,
			         x->station_name);
			pdf_measure(d->pdf, d->w, F_TEXTB, buf, NULL, &h);
			d->y += i > 0 ? 8 : 0;
			pdf_doc_need(d, h + 4 + fields_height(d, values, 5));
		}
		d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXTB, PDF_LEFT, buf) + 4;
		pdf_doc_field(d, LABEL_W, "Aanleiding", x->reason);
		pdf_doc_field(d, LABEL_W, "Onderzocht", how);
		pdf_doc_field(d, LABEL_W, "Reden in het corrigendum", flags);
		pdf_doc_field(d, LABEL_W, "Bevindingen", findings);
		pdf_doc_field(d, LABEL_W, "Afloop", end);
	}
}

/* What the old and new figures' table is drawing: its table and forms. */
struct compare {
	struct pdf_table t;
	const struct tally_form *before, *after;
};

/* One row: code, what, before (has_before 0: a new station, "-"), after; marked when changed. */
static void compare_row(struct compare *k, const char *code, const char *what, long before,
                        long after, int has_before)
{
	const int changed = has_before && before != after;
	const unsigned m = changed ? PDF_CELL_BOLD | PDF_CELL_SHADE : 0;
	char b1[24], b2[24];
	const struct pdf_cell cells[] = {
		{code, 0}, {what, 0}, {has_before ? pv_num(before, b1, sizeof b1) : "-", m},
		{pv_num(after, b2, sizeof b2), m}, {changed ? "gewijzigd" : "", m},
	};

	pdf_table_row(&k->t, cells);
}

/* The label of a fixed field's path ("voters.poll_cards"): letter and words, from tally's. */
static void fixed_label(const char *path, const struct tally_list *lists, char *code,
                        size_t csize, char *what, size_t wsize)
{
	static const char totals[] = "votes.list_totals[";
	const char *dot = strchr(path, '.');
	char *end;
	size_t g, j, li;

	snprintf(code, csize, "?");
	snprintf(what, wsize, "%s", path);
	if (strncmp(path, totals, sizeof totals - 1) == 0) {
		li = (size_t)num_prefix(path + sizeof totals - 1, 0, TALLY_LISTS_MAX, &end);
		snprintf(code, csize, "E.%d", lists[li].number);
		snprintf(what, wsize, "Totaal lijst %d (%s)", lists[li].number,
		         known(lists[li].name) ? lists[li].name : "blanco lijst");
		return;
	}
	for (g = 0; dot != NULL && g < TALLY_GROUP__MAX; g++) {
		const struct tally_group_label *gl = tally_group_label((enum tally_group)g);

		if (strncmp(path, gl->name, (size_t)(dot - path)) != 0 ||
		    gl->name[dot - path] != '\0')
			continue;
		for (j = 0; j < gl->nfields; j++)
			if (strcmp(dot + 1, gl->fields[j].name) == 0) {
				snprintf(code, csize, "%s", gl->fields[j].letter);
				snprintf(what, wsize, "%s", gl->fields[j].label);
			}
	}
}

/*
 * A table of before and after under heading (kept together with its first
 * rows): every count of the form but the candidates', then the candidates
 * whose votes changed (all of them for a new station).
 */
static void compare_table(struct pdf_doc *d, const struct pv_na14_input *in, const char *heading,
                          const struct tally_form *before, const struct tally_form *after)
{
	const struct tally_list *lists = in->count->lists;
	struct compare k = {.t = {&pv_grid, F_CELL, "DejaVu Sans Bold 8px", heading, {
		{"", 34, PDF_LEFT, 0}, {"", -1, PDF_LEFT, 0}, {"Eerder", 64, PDF_RIGHT, 1},
		{"Nieuw", 64, PDF_RIGHT, 1}, {"", 58, PDF_CENTER, 0}}, 5, NULL, {0}, 0},
		.before = before, .after = after};
	char path[TALLY_PATH_MAX], code[24], what[TALLY_TEXT_MAX + TALLY_CANDIDATE_NAME_MAX + 64];
	char name[TALLY_CANDIDATE_NAME_MAX];
	size_t i, j, nchanged = 0;
	long *va, *vb = NULL;
	double h;

	pdf_measure(d->pdf, d->w, F_TEXTB, heading, NULL, &h);
	d->y += 6;
	pdf_doc_need(d, h + 3 + pdf_table_keep(d, &k.t, 4));
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXTB, PDF_LEFT, heading) + 3;
	pdf_table_begin(d, &k.t);
	for (i = 0; tally_form_field(after, i, path, sizeof path, &va) == 0 &&
	     strncmp(path, "lists[", 6) != 0; i++) {
		if (before != NULL && tally_form_field(before, i, NULL, 0, &vb) != 0)
			break;
		fixed_label(path, lists, code, sizeof code, what, sizeof what);
		compare_row(&k, code, what, before != NULL ? *vb : 0, *va, before != NULL);
	}
	for (i = 0; i < after->nlists; i++)
		for (j = 0; j < after->lists[i].ncandidates; j++) {
			long a = after->lists[i].candidates[j];

			if (before != NULL && before->lists[i].candidates[j] == a)
				continue;
			nchanged++;
			tally_candidate_name(&lists[i].candidates[j], TALLY_NAME_FORMS, name, sizeof name);
			snprintf(code, sizeof code, "%d.%d", lists[i].number, lists[i].candidates[j].position);
			snprintf(what, sizeof what, "Lijst %d, kandidaat %d: %s", lists[i].number,
			         lists[i].candidates[j].position, name);
			compare_row(&k, code, what, before != NULL ? before->lists[i].candidates[j] : 0, a,
			            before != NULL);
		}
	if (before != NULL) {
		const struct pdf_cell cells[] = {
			{"", 0}, {nchanged > 0 ? "Stemmen op de andere kandidaten: ongewijzigd" :
			          "Stemmen per kandidaat: geen gewijzigd", 0}, {NULL, 0}, {NULL, 0},
			{NULL, 0},
		};

		pdf_table_row(&k.t, cells);
	}
	pdf_table_end(&k.t);
}

static void corrections(struct pdf_doc *d, const struct pv_na14_input *in)
{
	char heading[TALLY_TEXT_MAX + 96];
	size_t i;

	pdf_doc_heading(d, "3. Gecorrigeerde uitkomsten per stembureau", 80);
	if (in->ncorrections == 0) {
		pdf_doc_para(d, F_TEXT, "In deze zitting is van geen enkel stembureau een getal "
		             "gewijzigd.");
		return;
	}
	pdf_doc_para(d, F_TEXT, "Per stembureau staan de eerder vastgestelde en de nieuwe getallen "
	             "naast elkaar; een gewijzigd getal is gemarkeerd. Van de stemmen per kandidaat "
	             "staan alleen de gewijzigde.");
	for (i = 0; i < in->ncorrections; i++) {
		const struct pv_correction *c = &in->corrections[i];

		snprintf(heading, sizeof heading, "Stembureau %d " MIDDOT " %s%s", c->station,
		         c->station_name, c->before == NULL ? " (nieuw in deze zitting)" : "");
		compare_table(d, in, heading, c->before, c->after);
	}
}

static int body(struct pdf_doc *d, void *ctx)
{
	struct na14 *n = ctx;
	const struct pv_na14_input *in = n->in;

	title(d, n);
	pv_session(d, &n->f, 1, in->session);
	investigations(d, in);
	corrections(d, in);
	pdf_doc_heading(d, "4. Totalen van de gemeente voor en na deze zitting", 80);
	compare_table(d, in, "Gemeente (alle stembureaus)", in->total_before, in->total_after);
	pv_audit_head(d, in->audit_head);
	pv_signatures(d, &n->f, 5);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The input                                                           */
/* ------------------------------------------------------------------ */

/* A definitive form of the election's shape. */
static int form_ok(const struct pv_na14_input *in, const struct tally_form *f)
{
	const struct eml_510b *c = in->count;

	return f != NULL && !tally_form_has_empty(f) &&
	       tally_form_fits(f, c->lists, c->nlists,
	                       tally_category_has_voter_cards(c->election->category), NULL, 0) == 0;
}

static int input_ok(const struct pv_na14_input *in)
{
	size_t i;

	if (in == NULL || in->count == NULL || in->count->election == NULL ||
	    known(in->count->authority_name) == 0 || (in->count->nlists > 0 &&
	    in->count->lists == NULL) || in->session_number < 2 || in->key_fingerprint == NULL ||
	    in->created == NULL || in->corrigendum_hash == NULL ||
	    !form_ok(in, in->total_before) || !form_ok(in, in->total_after) ||
	    (in->ninvestigations > 0 && in->investigations == NULL) ||
	    (in->ncorrections > 0 && in->corrections == NULL))
		return 0;
	/* Changed figures and a corrigendum go together. */
	if ((in->ncorrections > 0) != known(in->corrigendum_hash))
		return 0;
	for (i = 0; i < in->ninvestigations; i++) {
		const struct pv_investigation *x = &in->investigations[i];

		if (x->station_name == NULL || !known(x->reason) || (x->corrected && !x->concluded))
			return 0;
		if (!in->draft && (!x->concluded || !known(x->findings)))
			return 0;
	}
	for (i = 0; i < in->ncorrections; i++) {
		const struct pv_correction *c = &in->corrections[i];

		if (c->station_name == NULL || !form_ok(in, c->after) ||
		    (c->before != NULL && !form_ok(in, c->before)))
			return 0;
	}
	return 1;
}

int pv_na14_write(const struct pv_na14_input *in, char **bytes, size_t *len)
{
	struct na14 n = {0};
	char header[TALLY_TEXT_MAX + TALLY_ID_MAX + 32];

	*bytes = NULL;
	*len = 0;
	if (!input_ok(in))
		return -1;
	n.in = in;
	snprintf(header, sizeof header, "gemeente %s (%s) " MIDDOT " %de zitting",
	         in->count->authority_name, known(in->count->authority_id) ?
	         in->count->authority_id : "", in->session_number);
	n.f = (struct pv_frame){
		.model = "Na 14-2", .committee = PV_GSB, .header = header,
		.election = in->count->election, .authority_name = in->count->authority_name,
		.authority_id = in->count->authority_id, .file = "corrigendum",
		.hash_code = known(in->corrigendum_hash) ? in->corrigendum_hash :
		             "geen corrigendum opgemaakt",
		.key_fingerprint = in->key_fingerprint, .created = in->created, .label_w = LABEL_W,
		.sign_keep = 400, .draft = in->draft,
		.band = "CONCEPT: de zitting is nog niet afgesloten. Niet ondertekenen.",
		.check = known(in->corrigendum_hash) ? "Deze hashcode moet gelijk zijn aan die van het "
		         "corrigendum (EML 510b) bij dit proces-verbaal." : "In deze zitting is geen "
		         "getal gewijzigd; bij dit proces-verbaal hoort geen corrigendum.",
	};
	return pv_doc_write(&n.f, body, &n, bytes, len);
}
