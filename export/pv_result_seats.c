/*
 * The P 22-2's second half (pv_result_internal.h): what pv_result.c builds on.
 * The helpers both files use, then how the seats were allocated and who takes
 * them: the residual seats step by step, P 9 and P 10 where they were applied,
 * the lots, the seats per list, the deceased candidates, and the elected per
 * list in the order of the new ranking with every ranking that changed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/pv_result_internal.h"

#define DASH        "\xe2\x80\x93"        /* – */

/* ------------------------------------------------------------------ */
/* What both files use                                                */
/* ------------------------------------------------------------------ */

void pv_result_put(struct pv_text *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->used + 1 >= s->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->used, s->size - s->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->used = s->used + (size_t)n < s->size ? s->used + (size_t)n : s->size - 1;
}

void pv_result_heading(struct pv_res *v, const char *title, double keep)
{
	char buf[256];

	snprintf(buf, sizeof buf, "%d. %s", ++v->section, title);
	pdf_doc_heading(v->d, buf, keep);
}

void pv_result_subheading(struct pv_res *v, const char *text, double keep)
{
	struct pdf_doc *d = v->d;
	double h;

	pdf_measure(d->pdf, d->w, F_TEXTB, text, NULL, &h);
	d->y += d->y > d->top ? 8 : 0;
	pdf_doc_need(d, h + 3 + keep);
	d->y += pdf_text(d->pdf, d->x, d->y, d->w, F_TEXTB, PDF_LEFT, text) + 3;
}

const char *pv_result_list_name(const struct tally_list *l)
{
	return l->name[0] != '\0' ? l->name : "(blanco lijst)";
}

int pv_result_list_index(const struct pv_res *v, int number)
{
	size_t i;

	for (i = 0; i < v->r->nlists; i++)
		if (v->r->lists[i].number == number)
			return (int)i;
	return -1;
}

void pv_result_list_label(const struct pv_res *v, int number, int capital, char *out,
                          size_t size)
{
	int i = pv_result_list_index(v, number);
	const char *word = capital ? "Lijst" : "lijst";

	if (i < 0)
		snprintf(out, size, "%s %d", word, number);
	else
		snprintf(out, size, "%s %d (%s)", word, number, pv_result_list_name(v->names[i]));
}

const struct tally_candidate *pv_result_candidate(const struct pv_res *v, size_t li, int position)
{
	const struct tally_list *l = v->names[li];
	size_t j;

	for (j = 0; j < l->ncandidates; j++)
		if (l->candidates[j].position == position)
			return &l->candidates[j];
	return NULL;
}

const struct tally_result_candidate *pv_result_votes(const struct pv_res *v, size_t li,
                                                     int position)
{
	const struct tally_result_list_in *l = &v->b->lists[li];
	size_t j;

	for (j = 0; j < l->ncandidates; j++)
		if (l->candidates[j].position == position)
			return &l->candidates[j];
	return NULL;
}

void pv_result_numbers(const int *n, size_t count, char *out, size_t size)
{
	struct pv_text s = {out, size, 0};
	size_t i;

	if (size > 0)
		out[0] = '\0';
	for (i = 0; i < count; i++)
		pv_result_put(&s, "%s%d", i == 0 ? "" : i + 1 == count ? " en " : ", ", n[i]);
}

/* ------------------------------------------------------------------ */
/* The residual seats, step by step                                    */
/* ------------------------------------------------------------------ */

/* What a step says beside its value: the lists compared, ties, P 9 and P 10. */
static void step_text(const struct tally_result_step *s, struct pv_text *o)
{
	char val[64], nums[1024];
	size_t k;

	if (s->method == TALLY_METHOD_LIST_EXHAUSTION) {
		pv_result_put(o, "Lijst %d heeft meer zetels dan kandidaten en staat een %s af; "
		              "die zetel wordt opnieuw verdeeld.", s->from_list,
		              s->full_seat ? "volle zetel" : "restzetel");
		return;
	}
	if (s->method == TALLY_METHOD_ABSOLUTE_MAJORITY) {
		pv_result_put(o, "Lijst %d staat deze restzetel af aan lijst %d, die meer dan de "
		              "helft van de stemmen heeft.", s->from_list, s->list);
		if (s->ntied > 1) {
			pv_result_numbers(s->tied, s->ntied, nums, sizeof nums);
			pv_result_put(o, " De lijsten %s kregen tegelijk de laatste restzetels; het "
			              "lot (lot %zu) viel op lijst %d.", nums, s->lot + 1, s->from_list);
		}
		return;
	}
	if (s->again)
		pv_result_put(o, "Opnieuw te verdelen: afgestaan door lijst %d. ", s->from_list);
	pv_result_put(o, "Vergeleken:");
	for (k = 0; k < s->ncompared; k++)
		pv_result_put(o, "%s %d: %s", k == 0 ? "" : ";", s->compared[k].list,
		              tally_frac_text(s->compared[k].value, val, sizeof val));
	pv_result_put(o, ".");
	if (s->ntied > 1) {
		pv_result_numbers(s->tied, s->ntied, nums, sizeof nums);
		if (s->by_lot)
			pv_result_put(o, " Gelijk: de lijsten %s; het lot (lot %zu) viel op lijst %d.",
			              nums, s->lot + 1, s->list);
		else
			pv_result_put(o, " Gelijk: de lijsten %s, die elk een zetel krijgen.", nums);
	}
}

static void method_text(struct pv_res *v)
{
	if (v->small)
		pdf_doc_para(v->d, F_TEXT, "Minder dan 19 zetels (artikel P 8 Kieswet). Het centraal "
		     "stembureau verdeelt de restzetels eerst naar de grootste overschotten. Alleen "
		     "lijsten met ten minste drie vierde van de kiesdeler doen mee, en elke lijst krijgt "
		     "zo ten hoogste één restzetel. Zijn er daarna nog restzetels, dan gaan die naar de "
		     "grootste gemiddelden: de stemmen van een lijst gedeeld door haar zetels plus één; "
		     "eerst ten hoogste één zetel per lijst, daarna zonder die grens. Hebben lijsten "
		     "dezelfde waarde en zijn er niet genoeg zetels voor elk, dan beslist het lot.");
	else
		pdf_doc_para(v->d, F_TEXT, "19 zetels of meer (artikel P 7 Kieswet). Het centraal "
		     "stembureau verdeelt de restzetels één voor één naar de grootste gemiddelden: de "
		     "stemmen van een lijst gedeeld door het aantal zetels dat zij al heeft plus één. "
		     "De lijst met het grootste gemiddelde krijgt de zetel, daarna wordt haar gemiddelde "
		     "opnieuw berekend; een lijst kan zo meer restzetels krijgen. Hebben lijsten "
		     "hetzelfde gemiddelde en zijn er niet genoeg zetels voor elk, dan beslist het lot.");
}

/* The residual seats' table; 0, or -1 when memory runs out. */
int pv_result_residual(struct pv_res *v)
{
	const struct tally_result *r = v->r;
	struct pdf_table t = {&pv_grid, F_CELL, "DejaVu Sans Bold 8px", "Verdeling van de restzetels", {
		{"Zetel", 32, PDF_RIGHT, 1}, {"Methode", 96, PDF_LEFT, 0}, {"Naar lijst", 40, PDF_RIGHT, 1},
		{"Waarde", 62, PDF_RIGHT, 1}, {"Vergeleken (lijst: waarde) en toelichting", -1, PDF_LEFT, 0}},
		5, NULL, {0}, 0};
	char seat[24], list[24], val[64], method[160], *text;
	struct pv_text o;
	size_t k, cap = 256 + (size_t)r->nlists * 64; /* a list compared: "; 12: 1234 56/57" */
	int e;

	pv_result_heading(v, "Restzetels", 80);
	method_text(v);
	if (r->nsteps == 0 && r->empty_seats == 0) {
		pdf_doc_para(v->d, F_TEXTB, "Er zijn geen restzetels te verdelen: alle zetels zijn "
		             "volle zetels.");
		return 0;
	}
	pdf_doc_para(v->d, F_SMALL, "Waarde: bij het grootste overschot het overschot van de lijst, "
	             "bij het grootste gemiddelde haar stemmen gedeeld door haar zetels plus één. "
	             "Vergeleken: de lijsten die de zetel konden krijgen, met hun waarde. Een zetel "
	             "die wegens lijstuitputting (artikel P 10 Kieswet) wordt afgestaan, draagt het "
	             "nummer waaronder hij opnieuw wordt verdeeld.");
	if ((text = malloc(cap)) == NULL)
		return -1;
	pdf_doc_need(v->d, pdf_table_keep(v->d, &t, 3));
	pdf_table_begin(v->d, &t);
	for (k = 0; k < r->nsteps; k++) {
		const struct tally_result_step *s = &r->steps[k];
		int value = s->method != TALLY_METHOD_ABSOLUTE_MAJORITY &&
		            s->method != TALLY_METHOD_LIST_EXHAUSTION;

		o = (struct pv_text){text, cap, 0};
		text[0] = '\0';
		step_text(s, &o);
		snprintf(method, sizeof method, "%s%s", tally_result_method_label(s->method),
		         s->again ? " (opnieuw)" : "");
		{
			const struct pdf_cell c[] = {
				{pv_num(s->seat, seat, sizeof seat), 0}, {method, 0},
				{s->list > 0 ? pv_num(s->list, list, sizeof list) : DASH, PDF_CELL_BOLD},
				{value ? tally_frac_text(s->value, val, sizeof val) : DASH, 0}, {text, 0},
			};

			pdf_table_row(&t, c);
		}
	}
	for (e = r->seats - r->empty_seats + 1; e <= r->seats; e++) {
		const struct pdf_cell c[] = {
			{pv_num(e, seat, sizeof seat), 0}, {"blijft onbezet", PDF_CELL_BOLD}, {DASH, 0},
			{DASH, 0}, {"Geen lijst heeft nog een kandidaat voor deze zetel (artikel P 10 "
			            "Kieswet).", 0},
		};

		pdf_table_row(&t, c);
	}
	pdf_table_end(&t);
	free(text);
	return 0;
}

/* P 9, when it was applied: who had the majority, who gave up which seat. */
void pv_result_majority(struct pv_res *v)
{
	const struct tally_result *r = v->r;
	char a[TALLY_TEXT_MAX + 64], b[TALLY_TEXT_MAX + 64], buf[2 * TALLY_TEXT_MAX + 600];
	size_t k;
	int li;

	for (k = 0; k < r->nsteps; k++) {
		const struct tally_result_step *s = &r->steps[k];

		if (s->method != TALLY_METHOD_ABSOLUTE_MAJORITY)
			continue;
		pv_result_heading(v, "Volstrekte meerderheid (artikel P 9 Kieswet)", 40);
		pv_result_list_label(v, s->list, 1, a, sizeof a);
		pv_result_list_label(v, s->from_list, 0, b, sizeof b);
		li = pv_result_list_index(v, s->list);
		snprintf(buf, sizeof buf, "%s heeft meer dan de helft van de stemmen op kandidaten "
		         "gekregen (%ld van %lld), maar na de verdeling van de restzetels niet meer dan "
		         "de helft van de zetels. Daarom krijgt deze lijst de laatste restzetel (zetel "
		         "%d), die %s had gekregen.%s", a, li >= 0 ? r->lists[li].votes : 0L,
		         (long long)r->votes, s->seat, b, s->by_lot ? " Welke lijst die zetel afstaat, "
		         "heeft het lot beslist (zie de loting)." : "");
		pdf_doc_para(v->d, F_TEXT, buf);
	}
}

/* P 10, when it was applied: the lists that gave seats back, where they went, what stays empty. */
void pv_result_exhaustion(struct pv_res *v)
{
	const struct tally_result *r = v->r;
	char a[TALLY_TEXT_MAX + 64], nums[1024], buf[sizeof a + sizeof nums + 400];
	int to[TALLY_RESULT_SEATS_MAX], any = 0;
	size_t i, k, n;

	for (i = 0; i < r->nlists; i++)
		any |= r->lists[i].given_back > 0;
	if (!any && r->empty_seats == 0)
		return;
	pv_result_heading(v, "Lijstuitputting (artikel P 10 Kieswet)", 40);
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *l = &r->lists[i];

		if (l->given_back == 0)
			continue;
		pv_result_list_label(v, l->number, 1, a, sizeof a);
		for (n = 0, k = 0; k < r->nsteps; k++)
			if (r->steps[k].again && r->steps[k].from_list == l->number)
				to[n++] = r->steps[k].seat;
		pv_result_numbers(to, n, nums, sizeof nums);
		snprintf(buf, sizeof buf, "%s kreeg %d zetel%s, maar heeft %d kandida%s%s. Zij staat "
		         "%d zetel%s af, die opnieuw %s verdeeld onder de lijsten die nog kandidaten "
		         "hebben, op dezelfde manier als de restzetels%s%s%s.", a,
		         l->seats + l->given_back, l->seats + l->given_back == 1 ? "" : "s", l->living,
		         l->living == 1 ? "at" : "ten", l->living < l->candidates ?
		         (l->living == 1 ? " die in leven is" : " die in leven zijn") : "", l->given_back,
		         l->given_back == 1 ? "" : "s", l->given_back == 1 ? "wordt" : "worden",
		         n == 0 ? "" : n == 1 ? " (zetel " : " (zetels ", nums, n > 0 ? ")" : "");
		pdf_doc_para(v->d, F_TEXT, buf);
	}
	if (r->empty_seats > 0) {
		snprintf(buf, sizeof buf, "%d zetel%s blijf%s onbezet: geen lijst heeft nog kandidaten "
		         "over om %s te bezetten.", r->empty_seats, r->empty_seats == 1 ? "" : "s",
		         r->empty_seats == 1 ? "t" : "en", r->empty_seats == 1 ? "hem" : "ze");
		pdf_doc_para(v->d, F_TEXTB, buf);
	}
}

/* ------------------------------------------------------------------ */
/* The lots                                                            */
/* ------------------------------------------------------------------ */

/* The step that lot index i decided, or NULL (a candidate lot). */
static const struct tally_result_step *lot_step(const struct pv_res *v, size_t i)
{
	size_t k;

	for (k = 0; k < v->r->nsteps; k++)
		if (v->r->steps[k].by_lot && v->r->steps[k].lot == i)
			return &v->r->steps[k];
	return NULL;
}

/*
 * A lot between candidates (P 15): those of its list with the drawn one's
 * votes, above the threshold and alive, less those earlier lots of the same
 * tie already drew. Writes what it decided into o and the outcome into res.
 */
static void candidate_lot(const struct pv_res *v, size_t i, struct pv_text *o,
                          struct pv_text *res)
{
	const struct tally_lot *lot = &v->b->lots[i];
	const struct tally_result_candidate *won, *c;
	const struct tally_result_list *rl;
	int li = pv_result_list_index(v, lot->list), opt[TALLY_CANDIDATES_MAX], seat = 0;
	char nums[1024], name[TALLY_CANDIDATE_NAME_MAX];
	size_t j, k, n = 0, drawn;
	const struct tally_candidate *k230;

	if (li < 0 || (won = pv_result_votes(v, (size_t)li, lot->candidate)) == NULL)
		return;
	rl = &v->r->lists[li];
	for (j = 0; j < v->b->lists[li].ncandidates; j++) {
		c = &v->b->lists[li].candidates[j];
		if (c->deceased || c->votes != won->votes)
			continue;
		for (drawn = 0, k = 0; k < i; k++)
			drawn |= v->b->lots[k].list == lot->list && v->b->lots[k].candidate == c->position;
		if (!drawn)
			opt[n++] = c->position;
	}
	for (k = 0; k < rl->nelected; k++)
		if (rl->elected[k] == lot->candidate)
			seat = (int)k + 1;
	pv_result_numbers(opt, n, nums, sizeof nums);
	pv_result_put(o, "Welke van de kandidaten op plaats %s van lijst %d, met elk %ld stemmen "
	              "(meer dan de voorkeurdrempel), de %de zetel van die lijst krijgt (artikel "
	              "P 15 Kieswet).", nums, lot->list, won->votes, seat);
	name[0] = '\0';
	if ((k230 = pv_result_candidate(v, (size_t)li, lot->candidate)) != NULL)
		tally_candidate_name(k230, TALLY_NAME_FORMS, name, sizeof name);
	pv_result_put(res, "Lijst %d, plaats %d: %s", lot->list, lot->candidate, name);
}

void pv_result_lots(struct pv_res *v)
{
	struct pdf_table t = {&pv_grid, F_CELL, "DejaVu Sans Bold 8px", "Loting", {
		{"Lot", 28, PDF_RIGHT, 1}, {"Waarover het lot besliste", -1, PDF_LEFT, 0},
		{"Het lot viel op", 150, PDF_LEFT, 0}}, 3, NULL, {0}, 0};
	char what[2048], res[TALLY_CANDIDATE_NAME_MAX + 64], nr[24], nums[1024], val[64];
	const struct tally_result_step *s;
	struct pv_text o, w;
	size_t i;

	if (v->b->nlots == 0)
		return;
	pv_result_heading(v, "Loting", 40 + pdf_table_keep(v->d, &t, 2));
	pdf_doc_para(v->d, F_TEXT, "Waar lijsten of kandidaten precies gelijk stonden en er niet "
	             "genoeg zetels voor elk waren, heeft het centraal stembureau in de openbare "
	             "zitting geloot. Elk lot beslist over één zetel; de loten staan in de volgorde "
	             "waarin ze zijn getrokken.");
	pdf_table_begin(v->d, &t);
	for (i = 0; i < v->b->nlots; i++) {
		o = (struct pv_text){what, sizeof what, 0};
		w = (struct pv_text){res, sizeof res, 0};
		what[0] = res[0] = '\0';
		if ((s = lot_step(v, i)) != NULL) {
			pv_result_numbers(s->tied, s->ntied, nums, sizeof nums);
			if (s->method == TALLY_METHOD_ABSOLUTE_MAJORITY)
				pv_result_put(&o, "Welke van de lijsten %s, die tegelijk de laatste "
				              "restzetels kregen, zetel %d afstaat aan lijst %d (volstrekte "
				              "meerderheid, artikel P 9 Kieswet).", nums, s->seat, s->list);
			else
				pv_result_put(&o, "Welke van de lijsten %s, met elk een %s van %s, zetel %d "
				              "krijgt (%s%s).", nums,
				              s->method == TALLY_METHOD_LARGEST_REMAINDER ? "overschot" :
				              "gemiddelde", tally_frac_text(s->value, val, sizeof val), s->seat,
				              tally_result_method_label(s->method),
				              s->again ? ", opnieuw te verdelen na lijstuitputting" : "");
			pv_result_put(&w, "Lijst %d", s->method == TALLY_METHOD_ABSOLUTE_MAJORITY ?
			              s->from_list : s->list);
			if (s->method == TALLY_METHOD_ABSOLUTE_MAJORITY)
				pv_result_put(&w, " (staat de zetel af)");
		} else if (v->b->lots[i].candidate > 0) {
			candidate_lot(v, i, &o, &w);
		}
		{
			const struct pdf_cell c[] = {
				{pv_num((long)i + 1, nr, sizeof nr), 0}, {what, 0}, {res, PDF_CELL_BOLD},
			};

			pdf_table_row(&t, c);
		}
	}
	pdf_table_end(&t);
}

/* The seats per list: full, residual, together; the empty seats beneath. */
void pv_result_seats(struct pv_res *v)
{
	const struct tally_result *r = v->r;
	struct pdf_table t = {&pv_plain, F_TEXT, F_TEXTB, "Zetelverdeling", {
		{"Lijst", 34, PDF_RIGHT, 0}, {"Naam van de lijst", -1, PDF_LEFT, 0},
		{"Volle zetels", 62, PDF_RIGHT, 0}, {"Restzetels", 62, PDF_RIGHT, 0},
		{"Zetels", 62, PDF_RIGHT, 0}}, 5, NULL, {0}, 0};
	char nr[24], f[24], rs[24], s[24];
	int full = 0, resid = 0;
	size_t i;

	pv_result_heading(v, "Zetelverdeling", 20 + pdf_table_keep(v->d, &t, 3));
	pdf_doc_para(v->d, F_TEXT, "De volle zetels en de restzetels van elke lijst samen geven de "
	             "verdeling van de zetels:");
	pdf_table_begin(v->d, &t);
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *l = &r->lists[i];
		const struct pdf_cell c[] = {
			{pv_num(l->number, nr, sizeof nr), 0}, {pv_result_list_name(v->names[i]), 0},
			{pv_num(l->full_seats, f, sizeof f), 0}, {pv_num(l->residual_seats, rs, sizeof rs), 0},
			{pv_num(l->seats, s, sizeof s), PDF_CELL_BOLD},
		};

		full += l->full_seats;
		resid += l->residual_seats;
		pdf_table_row(&t, c);
	}
	if (r->empty_seats > 0) {
		const struct pdf_cell c[] = {
			{"", 0}, {"Onbezet (geen kandidaten meer, artikel P 10 Kieswet)", 0}, {"", 0},
			{"", 0}, {pv_num(r->empty_seats, s, sizeof s), PDF_CELL_BOLD},
		};

		pdf_table_row(&t, c);
	}
	{
		const struct pdf_cell c[] = {
			{"", 0}, {"Totaal", 0}, {pv_num(full, f, sizeof f), 0},
			{pv_num(resid, rs, sizeof rs), 0}, {pv_num(r->seats, s, sizeof s), 0},
		};

		pdf_table_total(&t, c);
	}
	pdf_table_end(&t);
}

/* One candidate's cells: name, locality, position, votes (into the caller's buffers). */
static void candidate_cells(const struct pv_res *v, size_t li, int position, char *name,
                            size_t nsize, const char **locality, char *pos, char *votes)
{
	const struct tally_candidate *k = pv_result_candidate(v, li, position);
	const struct tally_result_candidate *c = pv_result_votes(v, li, position);

	name[0] = '\0';
	*locality = "";
	if (k != NULL) {
		tally_candidate_name(k, TALLY_NAME_FORMS, name, nsize);
		*locality = k->locality;
	}
	pv_num(position, pos, 24);
	pv_num(c != NULL ? c->votes : -1, votes, 24);
}

void pv_result_deceased(struct pv_res *v)
{
	struct pdf_table t = {&pv_plain, F_CELL, "DejaVu Sans Bold 8px", "Overleden kandidaten", {
		{"Lijst", 34, PDF_RIGHT, 0}, {"Plaats", 40, PDF_RIGHT, 0}, {"Kandidaat", -3, PDF_LEFT, 0},
		{"Woonplaats", -2, PDF_LEFT, 0}, {"Stemmen", 56, PDF_RIGHT, 0}}, 5, NULL, {0}, 0};
	char nr[24], pos[24], votes[24], name[TALLY_CANDIDATE_NAME_MAX];
	const char *loc;
	size_t i, j, n = 0;

	for (i = 0; i < v->b->nlists; i++)
		for (j = 0; j < v->b->lists[i].ncandidates; j++)
			n += v->b->lists[i].candidates[j].deceased != 0;
	if (n == 0)
		return;
	pv_result_heading(v, "Overleden kandidaten (artikel P 19a Kieswet)",
	                  40 + pdf_table_keep(v->d, &t, 2));
	pdf_doc_para(v->d, F_TEXT, "Deze kandidaten zijn overleden voordat de uitslag werd "
	             "vastgesteld. Zij zijn buiten beschouwing gelaten bij het aanwijzen van de "
	             "gekozen kandidaten en in de rangschikking. De stemmen op hen tellen wel mee "
	             "voor hun lijst; heeft een lijst daardoor meer zetels dan kandidaten, dan geldt "
	             "artikel P 10.");
	pdf_table_begin(v->d, &t);
	for (i = 0; i < v->b->nlists; i++)
		for (j = 0; j < v->b->lists[i].ncandidates; j++) {
			const struct tally_result_candidate *c = &v->b->lists[i].candidates[j];

			if (!c->deceased)
				continue;
			candidate_cells(v, i, c->position, name, sizeof name, &loc, pos, votes);
			{
				const struct pdf_cell cells[] = {
					{pv_num(v->b->lists[i].number, nr, sizeof nr), 0}, {pos, 0},
					{name, 0}, {loc, 0}, {votes, 0},
				};

				pdf_table_row(&t, cells);
			}
		}
	pdf_table_end(&t);
}

/* A list's elected, seat by seat in the order of the new ranking. */
static void elected_table(struct pv_res *v, size_t li, const char *title)
{
	const struct tally_result_list *l = &v->r->lists[li];
	struct pdf_table t = {&pv_plain, F_CELL, "DejaVu Sans Bold 8px", title, {
		{"Zetel", 30, PDF_RIGHT, 0}, {"Kandidaat", -3, PDF_LEFT, 0},
		{"Woonplaats", -2, PDF_LEFT, 0}, {"Plaats op lijst", 44, PDF_RIGHT, 1},
		{"Stemmen", 48, PDF_RIGHT, 0}, {"Gekozen op", 84, PDF_LEFT, 0}}, 6, NULL, {0}, 0};
	char seat[24], pos[24], votes[24], name[TALLY_CANDIDATE_NAME_MAX];
	const char *loc;
	size_t k;

	pv_result_subheading(v, title, pdf_table_keep(v->d, &t, 2));
	pdf_table_begin(v->d, &t);
	for (k = 0; k < l->nelected; k++) {
		candidate_cells(v, li, l->elected[k], name, sizeof name, &loc, pos, votes);
		{
			const struct pdf_cell c[] = {
				{pv_num((long)k + 1, seat, sizeof seat), 0}, {name, PDF_CELL_BOLD}, {loc, 0},
				{pos, 0}, {votes, 0},
				{k < l->npreference ? "voorkeurstemmen" : "lijstvolgorde", 0},
			};

			pdf_table_row(&t, c);
		}
	}
	pdf_table_end(&t);
}

/*
 * The first rank a list's ranking table shows: after the elected, who open
 * it in the same order (the elected table shows them), so that the table is
 * the order of succession; 0 (the whole ranking) should they not.
 */
static size_t first_rank(const struct tally_result_list *l)
{
	size_t k;

	if (l->nelected > l->nranking)
		return 0;
	for (k = 0; k < l->nelected; k++)
		if (l->ranking[k] != l->elected[k])
			return 0;
	return l->nelected;
}

/* A list's new ranking (P 19), from rank first + 1 on (an elected one marked). */
static void ranking_table(struct pv_res *v, size_t li, size_t first, const char *title)
{
	const struct tally_result_list *l = &v->r->lists[li];
	struct pdf_table t = {&pv_plain, F_CELL, "DejaVu Sans Bold 8px", title, {
		{"Rang", 30, PDF_RIGHT, 0}, {"Kandidaat", -3, PDF_LEFT, 0},
		{"Woonplaats", -2, PDF_LEFT, 0}, {"Plaats op lijst", 44, PDF_RIGHT, 1},
		{"Stemmen", 48, PDF_RIGHT, 0}}, 5, NULL, {0}, 0};
	char rank[24], pos[24], votes[24], name[TALLY_CANDIDATE_NAME_MAX + 16];
	const char *loc;
	size_t k;

	pv_result_subheading(v, title, pdf_table_keep(v->d, &t, 2));
	pdf_table_begin(v->d, &t);
	for (k = first; k < l->nranking; k++) {
		candidate_cells(v, li, l->ranking[k], name, sizeof name - 16, &loc, pos, votes);
		if (k < l->nelected)
			snprintf(name + strlen(name), 16, " (gekozen)");
		{
			const struct pdf_cell c[] = {
				{pv_num((long)k + 1, rank, sizeof rank), 0}, {name, 0}, {loc, 0}, {pos, 0},
				{votes, 0},
			};

			pdf_table_row(&t, c);
		}
	}
	pdf_table_end(&t);
}

void pv_result_elected(struct pv_res *v)
{
	const struct tally_result *r = v->r;
	char title[TALLY_TEXT_MAX + 128], th[64], nums[1024], buf[sizeof nums + 128];
	int same[TALLY_LISTS_MAX];
	size_t i, first, nsame = 0;

	pv_result_heading(v, "Gekozen kandidaten", 120);
	snprintf(buf, sizeof buf, "Per lijst de gekozen kandidaten, in de volgorde van de nieuwe "
	         "rangschikking. Eerst de kandidaten met meer stemmen dan de voorkeurdrempel (%s), "
	         "in volgorde van hun stemmen: zij zijn gekozen op voorkeurstemmen (artikel P 15 "
	         "Kieswet). De overige zetels van de lijst gaan naar haar kandidaten in de volgorde "
	         "van de lijst: gekozen op lijstvolgorde (artikel P 17 Kieswet). Waar de "
	         "rangschikking van de kandidaten is veranderd, staat de nieuwe rangschikking eronder "
	         "(artikel P 19 Kieswet): na de gekozen kandidaten, die haar openen, de volgorde "
	         "waarin de overige kandidaten opvolgen.",
	         tally_frac_text(r->preference_threshold, th, sizeof th));
	pdf_doc_para(v->d, F_TEXT, buf);
	for (i = 0; i < r->nlists; i++) {
		const struct tally_result_list *l = &r->lists[i];

		if (l->seats == 0 && !l->ranking_changed) {
			same[nsame++] = l->number;
			continue;
		}
		if (l->seats > 0) {
			snprintf(title, sizeof title, "Lijst %d " MIDDOT " %s: %d zetel%s", l->number,
			         pv_result_list_name(v->names[i]), l->seats, l->seats == 1 ? "" : "s");
			elected_table(v, i, title);
		}
		if (l->ranking_changed && (first = first_rank(l)) < l->nranking) {
			snprintf(title, sizeof title, "Nieuwe rangschikking van lijst %d " MIDDOT " %s%s",
			         l->number, pv_result_list_name(v->names[i]), l->seats == 0 ?
			         " (geen zetels)" : first > 0 ? ", na de gekozen kandidaten" : "");
			ranking_table(v, i, first, title);
		} else if (l->ranking_changed) {
			v->d->y += 3;
			pdf_doc_para(v->d, F_SMALL, "Alle kandidaten van deze lijst die in de "
			             "rangschikking staan, zijn gekozen.");
		} else {
			v->d->y += 3;
			pdf_doc_para(v->d, F_SMALL, "De rangschikking van de kandidaten van deze lijst is "
			             "ongewijzigd: de volgorde van de lijst.");
		}
	}
	if (nsame > 0) {
		pv_result_numbers(same, nsame, nums, sizeof nums);
		snprintf(buf, sizeof buf, "Zonder zetels, met de rangschikking van de lijst: "
		         "lijst%s %s.", nsame == 1 ? "" : "en", nums);
		v->d->y += 8;
		pdf_doc_para(v->d, F_TEXT, buf);
	}
}
