/*
 * The validation rules of domain.md §4, on one count form.
 *
 * Every count is 0 ... TALLY_COUNT_MAX (checked first), so sums of up to a
 * few hundred counts and 100 times a count fit a long long with room to
 * spare: no rule can overflow. Percentages are compared as integers
 * (100·F >= 3·H), never in floating point.
 *
 * A total left empty is an error (F.001), not a zero. A rule whose outcome
 * depends on an empty total is not checked; a rule that holds whatever the
 * empty fields turn out to be is (counts are never negative, so a known
 * E.x > 0 shows that the sum of E.1 ... E.n is > 0). A candidate's field
 * left empty counts as 0 (domain.md §3: typists skip the paper's empty
 * boxes); a skipped candidate who did get votes shows in F.402.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/count.h"

#define EMPTY(v) ((v) == TALLY_EMPTY)

/* Collects findings; after running out of memory it only counts failure. */
struct builder {
	struct tally_findings *out;
	size_t errcap, warncap;
	int oom;
};

static int
grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap == 0 ? 8 : *cap * 2;
	if (ncap < *cap || ncap > (size_t)-1 / elem)
		return -1;
	if ((p = realloc(*arr, ncap * elem)) == NULL)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

/*
 * Starts a finding; returns it to take its fields (it stays valid until the
 * next finding is started), or NULL when memory ran out.
 */
static struct tally_finding *
finding(struct builder *b, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct tally_finding *
finding(struct builder *b, const char *code, const char *fmt, ...)
{
	struct tally_findings *o = b->out;
	struct tally_finding *fd;
	int error = code[0] == 'F';
	void *arr = error ? (void *)o->errors : (void *)o->warnings;
	size_t *n = error ? &o->nerrors : &o->nwarnings;
	va_list ap;

	if (b->oom)
		return NULL;
	if (grow(&arr, error ? &b->errcap : &b->warncap, *n, sizeof(*fd)) == -1) {
		b->oom = 1;
		return NULL;
	}
	if (error)
		o->errors = arr;
	else
		o->warnings = arr;
	fd = (struct tally_finding *)arr + (*n)++;
	memset(fd, 0, sizeof(*fd));
	snprintf(fd->code, sizeof(fd->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(fd->message, sizeof(fd->message), fmt, ap);
	va_end(ap);
	return fd;
}

/* Adds a field's path to a finding. */
static void
field(struct builder *b, struct tally_finding *fd, const char *path)
{
	char (*p)[TALLY_PATH_MAX];

	if (fd == NULL || b->oom)
		return;
	/* Fields are few except in F.001 and F.402; grow one at a time by doubling
	 * at powers of two. */
	if ((fd->nfields & (fd->nfields - 1)) == 0) {
		size_t cap = fd->nfields == 0 ? 1 : fd->nfields * 2;

		if (cap > (size_t)-1 / sizeof(*p) ||
		    (p = realloc(fd->fields, cap * sizeof(*p))) == NULL) {
			b->oom = 1;
			return;
		}
		fd->fields = p;
	}
	snprintf(fd->fields[fd->nfields++], TALLY_PATH_MAX, "%s", path);
}

static void
field_list_total(struct builder *b, struct tally_finding *fd, size_t li)
{
	char path[TALLY_PATH_MAX];

	snprintf(path, sizeof(path), "votes.list_totals[%zu]", li);
	field(b, fd, path);
}

#define F_A  "voters.poll_cards"
#define F_B  "voters.proxy_certificates"
#define F_C  "voters.voter_cards"
#define F_D  "voters.admitted_voters"
#define F_E  "votes.valid_votes"
#define F_F  "votes.blank_votes"
#define F_G  "votes.invalid_votes"
#define F_H  "votes.votes_cast"
#define F_I  "differences.more_ballots_counted"
#define F_J  "differences.fewer_ballots_counted"

static void
list_totals_fields(struct builder *b, struct tally_finding *fd, const struct tally_form *f)
{
	size_t i;

	for (i = 0; i < f->nlists; i++)
		field_list_total(b, fd, i);
}

/* "E.1 t/m E.4" for the summary's list lines, named by list number. */
static void
list_range(const struct tally_form *f, char *buf, size_t size)
{
	if (f->nlists == 0)
		snprintf(buf, size, "E.1 t/m E.n");
	else if (f->nlists == 1)
		snprintf(buf, size, "E.%d", f->lists[0].number);
	else
		snprintf(buf, size, "E.%d t/m E.%d", f->lists[0].number,
		    f->lists[f->nlists - 1].number);
}

/* Adds field i of f to the F.001 finding *fd (started at the first empty field). */
static int
empty_field(struct builder *b, struct tally_finding **fd, const struct tally_form *f, size_t i)
{
	char path[TALLY_PATH_MAX];

	if (*fd == NULL && (*fd = finding(b, "F.001",
	    "Dit veld is leeg. Vul 0 in als er niets te tellen is.")) == NULL)
		return -1;
	tally_form_field(f, i, path, sizeof(path), NULL);
	field(b, *fd, path);
	return 0;
}

/*
 * F.001 in paper order (tally_form_field): the fields before the lists, then each
 * list's total. A candidate left empty counts as 0, so the candidates are not looked
 * at; a path is written only for a field that is empty.
 */
static void
check_empty(struct builder *b, const struct tally_form *f)
{
	struct tally_finding *fd = NULL;
	size_t i, k, n = tally_form_nfields(f), in_lists = 0;
	long *v;

	for (k = 0; k < f->nlists; k++)
		in_lists += f->lists[k].ncandidates + 1;
	for (i = 0; i + in_lists < n; i++) {
		tally_form_field(f, i, NULL, 0, &v);
		if (EMPTY(*v) && empty_field(b, &fd, f, i) != 0)
			return;
	}
	for (k = 0; k < f->nlists; k++) {
		i += f->lists[k].ncandidates;  /* the list's total follows its candidates */
		if (EMPTY(f->lists[k].total) && empty_field(b, &fd, f, i) != 0)
			return;
		i++;
	}
}

static void
check_voters(struct builder *b, const struct tally_form *f)
{
	int c = f->voter_cards != TALLY_ABSENT;
	struct tally_finding *fd;

	if (EMPTY(f->poll_cards) || EMPTY(f->proxy_certificates) ||
	    EMPTY(f->admitted_voters) || (c && EMPTY(f->voter_cards)))
		return;
	if ((long long)f->poll_cards + f->proxy_certificates + (c ? f->voter_cards : 0) ==
	    f->admitted_voters)
		return;
	fd = finding(b, "F.201", "Het aantal toegelaten kiezers (D) is niet gelijk "
	    "aan %s.", c ? "A + B + C" : "A + B");
	field(b, fd, F_A);
	field(b, fd, F_B);
	if (c)
		field(b, fd, F_C);
	field(b, fd, F_D);
}

static void
check_votes(struct builder *b, const struct tally_form *f)
{
	char range[32];
	struct tally_finding *fd;
	long long sum = 0;
	int any_empty = 0, any_positive = 0;
	size_t i;

	list_range(f, range, sizeof(range));
	for (i = 0; i < f->nlists; i++) {
		if (EMPTY(f->list_totals[i]))
			any_empty = 1;
		else {
			sum += f->list_totals[i];
			if (f->list_totals[i] > 0)
				any_positive = 1;
		}
	}

	/* F.202: sum of E.1 ... E.n != E */
	if (!any_empty && !EMPTY(f->valid_votes) && sum != f->valid_votes) {
		fd = finding(b, "F.202", "De stemmen per lijst (%s) tellen niet op "
		    "tot het totaal aantal stemmen op kandidaten (E).", range);
		list_totals_fields(b, fd, f);
		field(b, fd, F_E);
	}

	/* F.203: E + F + G != H */
	if (!EMPTY(f->valid_votes) && !EMPTY(f->blank_votes) &&
	    !EMPTY(f->invalid_votes) && !EMPTY(f->votes_cast) &&
	    (long long)f->valid_votes + f->blank_votes + f->invalid_votes != f->votes_cast) {
		fd = finding(b, "F.203", "Het aantal getelde stembiljetten (H) is niet "
		    "gelijk aan E + F + G.");
		field(b, fd, F_E);
		field(b, fd, F_F);
		field(b, fd, F_G);
		field(b, fd, F_H);
	}

	/* F.204: sum of E.1 ... E.n > 0 and E = 0; a known E.x > 0 decides the sum */
	if (any_positive && f->valid_votes == 0) {
		fd = finding(b, "F.204", "Er zijn stemmen per lijst (%s) ingevuld, maar "
		    "het totaal aantal stemmen op kandidaten (E) is 0.", range);
		list_totals_fields(b, fd, f);
		field(b, fd, F_E);
	}
}

/*
 * F.306 to F.309: a difference between ballots and voters (I or J) that is
 * known and is not what it must be names D, H and itself.
 */
static void
difference_must_be(struct builder *b, long v, long want, const char *path, const char *code,
    const char *message)
{
	struct tally_finding *fd;

	if (EMPTY(v) || v == want)
		return;
	fd = finding(b, code, "%s", message);
	field(b, fd, F_D);
	field(b, fd, F_H);
	field(b, fd, path);
}

static void
check_differences(struct builder *b, const struct tally_form *f)
{
	long d = f->admitted_voters, h = f->votes_cast;
	long i = f->more_ballots_counted, j = f->fewer_ballots_counted;
	struct tally_finding *fd;

	if (EMPTY(d) || EMPTY(h))
		return;
	if (d == h) {
		/* F.305: D = H and (I != 0 or J != 0); either known one decides */
		if ((!EMPTY(i) && i != 0) || (!EMPTY(j) && j != 0)) {
			fd = finding(b, "F.305", "Er zijn evenveel stembiljetten geteld als "
			    "kiezers toegelaten (D = H), dus I en J moeten 0 zijn.");
			field(b, fd, F_D);
			field(b, fd, F_H);
			field(b, fd, F_I);
			field(b, fd, F_J);
		}
	} else if (h > d) {
		difference_must_be(b, i, h - d, F_I, "F.306", "Er zijn meer stembiljetten geteld "
		    "dan kiezers toegelaten (H > D), maar I is niet gelijk aan H - D.");
		difference_must_be(b, j, 0, F_J, "F.307", "Er zijn meer stembiljetten geteld dan "
		    "kiezers toegelaten (H > D), dus J moet 0 zijn.");
	} else {
		difference_must_be(b, j, d - h, F_J, "F.308", "Er zijn minder stembiljetten geteld "
		    "dan kiezers toegelaten (H < D), maar J is niet gelijk aan D - H.");
		difference_must_be(b, i, 0, F_I, "F.309", "Er zijn minder stembiljetten geteld dan "
		    "kiezers toegelaten (H < D), dus I moet 0 zijn.");
	}
}

static void
list_fields(struct builder *b, struct tally_finding *fd, const struct tally_form *f,
    size_t li, int with_e, int with_candidates)
{
	char path[TALLY_PATH_MAX];
	size_t k;

	if (with_e)
		field_list_total(b, fd, li);
	if (with_candidates)
		for (k = 0; k < f->lists[li].ncandidates; k++) {
			snprintf(path, sizeof(path), "lists[%zu].candidates[%zu]", li, k);
			field(b, fd, path);
		}
	snprintf(path, sizeof(path), "lists[%zu].total", li);
	field(b, fd, path);
}

static void
check_list(struct builder *b, const struct tally_form *f, size_t li)
{
	const struct tally_form_list *l = &f->lists[li];
	long ex = f->list_totals[li];
	struct tally_finding *fd;
	long long sum = 0;
	int any_positive = 0;
	size_t k;

	if (EMPTY(l->total))
		return;
	for (k = 0; k < l->ncandidates; k++) {
		if (EMPTY(l->candidates[k]))
			continue; /* counts as 0 */
		sum += l->candidates[k];
		if (l->candidates[k] > 0)
			any_positive = 1;
	}

	/* F.401: (candidate votes > 0 or E.x > 0) and total = 0 */
	if (l->total == 0 && (any_positive || (!EMPTY(ex) && ex > 0))) {
		fd = finding(b, "F.401", "Lijst %d heeft stemmen (op kandidaten of E.%d), "
		    "maar het totaal van de lijst is 0.", l->number, l->number);
		list_fields(b, fd, f, li, 1, 1);
		return; /* not F.402, F.403 */
	}
	/* F.402: total != sum of its candidate votes */
	if (sum != l->total) {
		fd = finding(b, "F.402", "Lijst %d: het totaal van de lijst is niet gelijk "
		    "aan de stemmen op de kandidaten bij elkaar.", l->number);
		list_fields(b, fd, f, li, 0, 1);
	}
	/* F.403: total != E.x */
	if (!EMPTY(ex) && ex != l->total) {
		fd = finding(b, "F.403", "Lijst %d: het totaal van de lijst is niet gelijk "
		    "aan de stemmen voor de lijst bij de telling (E.%d).", l->number,
		    l->number);
		list_fields(b, fd, f, li, 1, 0);
	}
}

/* W.201, W.202: x >= 3 % of H, in integers, not when H = 0 */
static void
check_share(struct builder *b, const struct tally_form *f, long x, const char *code,
    const char *what, const char *path)
{
	struct tally_finding *fd;
	long h = f->votes_cast;

	if (EMPTY(x) || EMPTY(h) || h == 0)
		return;
	if (100LL * x < 3LL * h)
		return;
	fd = finding(b, code, "Het aantal %s is 3%% of meer van het aantal getelde "
	    "stembiljetten (H). Controleer of het goed is overgenomen.", what);
	field(b, fd, path);
	field(b, fd, F_H);
}

static void
check_warnings(struct builder *b, const struct tally_form *f,
    const struct tally_validate_ctx *ctx)
{
	struct tally_finding *fd;
	long d = f->admitted_voters, h = f->votes_cast;
	size_t i;

	check_share(b, f, f->blank_votes, "W.201", "blanco stemmen (F)", F_F);
	check_share(b, f, f->invalid_votes, "W.202", "ongeldige stemmen (G)", F_G);

	/* W.203: D != H and (|D - H| >= 15 or 100·|D - H| >= 2·H) */
	if (!EMPTY(d) && !EMPTY(h) && d != h) {
		long long diff = d > h ? (long long)d - h : (long long)h - d;

		if (diff >= 15 || 100 * diff >= 2LL * h) {
			fd = finding(b, "W.203", "Het verschil tussen het aantal toegelaten "
			    "kiezers (D) en getelde stembiljetten (H) is groot. Controleer "
			    "of het goed is overgenomen.");
			field(b, fd, F_D);
			field(b, fd, F_H);
		}
	}

	/* W.204: H = 0 */
	if (h == 0) {
		fd = finding(b, "W.204", "Er zijn geen stembiljetten geteld (H is 0). "
		    "Controleer of het goed is overgenomen.");
		field(b, fd, F_H);
	}

	if (ctx == NULL)
		return;

	/* W.205: H > the station's electorate, where known */
	if (ctx->electorate >= 0 && !EMPTY(h) && h > ctx->electorate) {
		fd = finding(b, "W.205", "Er zijn meer stembiljetten geteld (H) dan er "
		    "kiezers in dit stembureau zijn (%ld).", ctx->electorate);
		field(b, fd, F_H);
	}

	/* W.206: identical to another station's definitive figures */
	for (i = 0; i < ctx->nothers; i++) {
		const struct tally_form *o = ctx->definitive_others[i];

		if (o == NULL || !tally_form_equal(f, o))
			continue;
		if (ctx->other_numbers != NULL)
			fd = finding(b, "W.206", "Alle getallen zijn gelijk aan die van "
			    "stembureau %d. Controleer of dit het goede proces-verbaal is.",
			    ctx->other_numbers[i]);
		else
			fd = finding(b, "W.206", "Alle getallen zijn gelijk aan die van een "
			    "ander stembureau. Controleer of dit het goede proces-verbaal is.");
		field(b, fd, "voters");
		field(b, fd, "votes");
		field(b, fd, "differences");
		field(b, fd, "lists");
		break;
	}
}

/* Every value is a count or TALLY_EMPTY (voter_cards may be TALLY_ABSENT). */
static int
in_range(const struct tally_form *f)
{
	struct tally_form_walk w = {0};
	long *v;

	while ((v = tally_form_next(f, &w)) != NULL)
		if (*v != TALLY_EMPTY && (*v < 0 || *v > TALLY_COUNT_MAX))
			return 0;
	return 1;
}

int
tally_validate(const struct tally_form *f, const struct tally_validate_ctx *ctx,
    struct tally_findings *out)
{
	struct builder b = { .out = out };
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!in_range(f))
		return -1;

	check_empty(&b, f);
	check_voters(&b, f);
	check_votes(&b, f);
	check_differences(&b, f);
	for (i = 0; i < f->nlists; i++)
		check_list(&b, f, i);
	check_warnings(&b, f, ctx);

	if (b.oom) {
		tally_findings_free(out);
		return -1;
	}
	return 0;
}

void
tally_findings_free(struct tally_findings *out)
{
	size_t i;

	if (out == NULL)
		return;
	for (i = 0; i < out->nerrors; i++)
		free(out->errors[i].fields);
	for (i = 0; i < out->nwarnings; i++)
		free(out->warnings[i].fields);
	free(out->errors);
	free(out->warnings);
	memset(out, 0, sizeof(*out));
}
