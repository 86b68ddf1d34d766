/*
 * OSV's "osv4-3" CSV of a count, byte for byte as the Kiesraad's eml2csv
 * makes it from a 510b and its 230b (tests/data/eml/real/osv4-3_*.csv):
 *
 *   UTF-8 with a byte order mark; ';' between cells; every non-empty cell
 *   in double quotes (a quote inside doubled), an empty cell left bare;
 *   rows end in LF, the last row without one.
 *   Rows: Verkiezing, Datum, Gebied, Nummer, an empty row; the header
 *   (Lijstnummer ... Totaal, then one column per station), Gebiednummer,
 *   Postcode; sixteen rows of figures (opgeroepenen ... andere verklaring);
 *   then per list a row with its totals followed by a row per candidate
 *   ("van Dreumel, C.G.H.M.").
 *
 * Every figure is the one eml_write_510b writes for the same input, so the
 * CSV says what the 510b says: the station columns are the stations with a
 * definitive form, and "opgeroepenen" in the Totaal column is, as the
 * 510b's total Cast, the sum of all stations' electorates.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "export/docs.h"

/*
 * A row is a list of cells. The first cell of a row is written without a
 * separator before it; cell() and the others below write ";" first when
 * the row already has a cell.
 */
struct row {
	struct buf *b;
	int cells;
};

static void row_start(struct row *r, struct buf *b)
{
	/* Rows are separated, not terminated: the file ends without a newline. The
	 * file starts with the 3-byte BOM, so anything after it is a row before this. */
	if (b->len > 3)
		buf_puts(b, "\n");
	r->b = b;
	r->cells = 0;
}

/* A cell of n bytes of s: quoted with quotes doubled, or bare when empty. */
static void cell_n(struct row *r, const char *s, size_t n)
{
	if (r->cells++ > 0)
		buf_putc(r->b, ';');
	esc_csv_field(r->b, s, n, ESC_CSV_QUOTE_ALL);
}

static void cell(struct row *r, const char *s)
{
	cell_n(r, s, strlen(s));
}

static void cell_long(struct row *r, long v)
{
	char num[24];

	/* As in the 510b: an absent count (C in a GR election) is 0. */
	snprintf(num, sizeof num, "%ld", v < 0 ? 0 : v);
	cell(r, num);
}

/* Several empty cells. */
static void skip(struct row *r, int n)
{
	while (n-- > 0)
		cell(r, "");
}

/* OSV's authority type: the Caribbean public bodies are no municipalities. */
static const char *authority_type(const char *name)
{
	static const char *const bodies[] = {"Bonaire", "Saba", "Sint Eustatius"};
	size_t i;

	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
		if (strcmp(name, bodies[i]) == 0)
			return "Openbaar lichaam";
	return "Gemeente";
}

/*
 * The ReportingUnitIdentifier text as eml_write_510b writes it, for the
 * rules below; returns 0, or -1 when it does not fit.
 */
static int unit_text(const struct tally_station *st, char *out, size_t size)
{
	int n;

	if (st->postcode[0] != '\0')
		n = snprintf(out, size, "Stembureau %s (postcode: %s)", st->name, st->postcode);
	else
		n = snprintf(out, size, "Stembureau %s", st->name);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       c == '_';
}

/*
 * Whether s starts with " (postcode: dddd ww)", eml2csv's ZIP pattern
 * (its \w taken as ASCII: Dutch postcodes are). Sets *pc to the postcode.
 */
static size_t zip_at(const char *s, const char **pc)
{
	static const char lead[] = " (postcode: ";
	const size_t n = sizeof lead - 1;
	const char *z = s + n;
	int i;

	if (strncmp(s, lead, n) != 0)
		return 0;
	for (i = 0; i < 4; i++)
		if (z[i] < '0' || z[i] > '9')
			return 0;
	if (z[4] != ' ' || !is_word((unsigned char)z[5]) || !is_word((unsigned char)z[6]) ||
	    z[7] != ')')
		return 0;
	*pc = z;
	return n + 8;
}

/*
 * The station's column head and postcode as eml2csv derives them from the
 * unit's text: leading "Stembureau " / "Briefstembureau " (any number)
 * dropped, every " (postcode: dddd ww)" cut out; the postcode is the
 * first of those. name must hold the text's size; pc 8 bytes.
 */
static void station_head(const char *text, char *name, char pc[8])
{
	const char *s = text, *z;
	size_t n, k = 0;

	pc[0] = '\0';
	for (;;) {
		if (strncmp(s, "Stembureau ", 11) == 0)
			s += 11;
		else if (strncmp(s, "Briefstembureau ", 16) == 0)
			s += 16;
		else
			break;
	}
	while (*s) {
		if ((n = zip_at(s, &z)) > 0) {
			s += n;
			continue;
		}
		name[k++] = *s++;
	}
	name[k] = '\0';
	for (s = text; *s; s++)
		if (zip_at(s, &z) > 0) {
			memcpy(pc, z, 7);
			pc[7] = '\0';
			break;
		}
}

/* The station's number as eml2csv cuts it from the Id: "0668::SB12" -> "12". */
static void station_number(const char *authority, int number, char *out, size_t size)
{
	const char *a = authority;

	while (*a >= '0' && *a <= '9')
		a++;
	if (a != authority && *a == '\0')
		snprintf(out, size, "%d", number);
	else /* eml2csv's ^\d+::SB does not match: it keeps the whole Id */
		snprintf(out, size, "%s::SB%d", authority, number);
}

/* A candidate as OSV names them: "van Dreumel, C.G.H.M.". */
static void candidate_name(const struct tally_candidate *c, struct buf *tmp)
{
	char name[TALLY_CANDIDATE_NAME_MAX];

	tally_candidate_name(c, TALLY_NAME_OSV, name, sizeof name);
	tmp->len = 0;
	if (tmp->p != NULL)
		tmp->p[0] = '\0';
	buf_puts(tmp, name);
}

/* The index of list number in form f, or -1. */
static long list_index(const struct tally_form *f, size_t hint, int number)
{
	size_t k;

	if (hint < f->nlists && f->lists[hint].number == number)
		return (long)hint;
	for (k = 0; k < f->nlists; k++)
		if (f->lists[k].number == number)
			return (long)k;
	return -1;
}

/* Which fields the sixteen rows of figures show, in OSV's order. */
enum fig {
	FIG_ELECTORATE, FIG_POLL_CARDS, FIG_PROXY, FIG_VOTER_CARDS, FIG_ADMITTED, FIG_VALID,
	FIG_BLANK, FIG_INVALID, FIG_BALLOTS, FIG_MORE, FIG_FEWER, FIG_TAKEN_HOME, FIG_TOO_FEW,
	FIG_TOO_MANY, FIG_NO_EXPLANATION, FIG_OTHER, FIG__MAX
};

static const char *const fig_labels[FIG__MAX] = {
	"opgeroepenen", "geldige stempas", "geldig volmachtbewijs", "geldige kiezerspas",
	"toegelaten kiezers", "geldige stembiljetten", "blanco stembiljetten",
	"ongeldige stembiljetten", "aangetroffen stembiljetten",
	"meer stembiljetten dan toegelaten kiezers", "minder stembiljetten dan toegelaten kiezers",
	"kiezers met stembiljet hebben niet gestemd", "er zijn te weinig stembiljetten uitgereikt",
	"er zijn te veel stembiljetten uitgereikt", "geen verklaring", "andere verklaring",
};

static long pos(long v)
{
	return v < 0 ? 0 : v;
}

static long figure(const struct tally_form *f, enum fig k)
{
	switch (k) {
	case FIG_POLL_CARDS: return f->poll_cards;
	case FIG_PROXY: return f->proxy_certificates;
	case FIG_VOTER_CARDS: return f->voter_cards;
	case FIG_ADMITTED: return f->admitted_voters;
	case FIG_VALID: return f->valid_votes;
	case FIG_BLANK: return f->blank_votes;
	case FIG_INVALID: return f->invalid_votes;
	/* eml2csv adds the 510b's three figures up itself */
	case FIG_BALLOTS: return pos(f->valid_votes) + pos(f->blank_votes) + pos(f->invalid_votes);
	case FIG_MORE: return f->more_ballots_counted;
	case FIG_FEWER: return f->fewer_ballots_counted;
	case FIG_TAKEN_HOME: return f->taken_home;
	case FIG_TOO_FEW: return f->too_few_issued;
	case FIG_TOO_MANY: return f->too_many_issued;
	case FIG_NO_EXPLANATION: return f->no_explanation;
	case FIG_OTHER: return f->other_explanation;
	default: return 0;
	}
}

/* A row of the preamble: its label, an empty cell, the value. */
static void label_row(struct row *r, struct buf *b, const char *label, const char *value)
{
	row_start(r, b);
	cell(r, label);
	skip(r, 1);
	cell(r, value);
}

/* What the three header rows say of each station. */
enum head { HEAD_NAME, HEAD_NUMBER, HEAD_POSTCODE };

/*
 * One cell per station with a definitive form, as eml2csv heads its column:
 * the station's name, its number or its postcode. -1 when a station's text
 * does not fit.
 */
static int station_cells(struct row *r, const struct eml_510b *in, enum head h)
{
	char text[TALLY_TEXT_MAX + 64], name[TALLY_TEXT_MAX + 64], pc[8], num[TALLY_ID_MAX + 32];
	size_t s;

	for (s = 0; s < in->nstations; s++) {
		if (in->forms[s] == NULL)
			continue;
		if (h == HEAD_NUMBER) {
			station_number(in->authority_id, in->stations[s].number, num, sizeof num);
			cell(r, num);
			continue;
		}
		if (unit_text(&in->stations[s], text, sizeof text) != 0)
			return -1;
		station_head(text, name, pc);
		cell(r, h == HEAD_NAME ? name : pc);
	}
	return 0;
}

int csv_write_osv(const struct eml_510b *in, char **bytes, size_t *len)
{
	struct buf b = {0}, tmp = {0};
	struct row r;
	char num[24];
	long electorate = 0, k;
	size_t i, j, s;
	int f;

	*bytes = NULL;
	*len = 0;
	for (s = 0; s < in->nstations; s++)
		electorate += in->stations[s].electorate > 0 ? in->stations[s].electorate : 0;
	if (in->electorate > 0)
		electorate = in->electorate; /* as the 510b's total Cast */

	buf_puts(&b, "\xEF\xBB\xBF");
	label_row(&r, &b, "Verkiezing", in->election->name);
	label_row(&r, &b, "Datum", in->election->date);
	buf_puts(&tmp, authority_type(in->authority_name));
	buf_puts(&tmp, " ");
	buf_puts(&tmp, in->authority_name);
	label_row(&r, &b, "Gebied", tmp.failed ? "" : tmp.p); /* failed: no file at all, below */
	label_row(&r, &b, "Nummer", in->authority_id);
	row_start(&r, &b); /* the empty row */

	row_start(&r, &b);
	cell(&r, "Lijstnummer");
	cell(&r, "Aanduiding");
	cell(&r, "Volgnummer");
	cell(&r, "Naam kandidaat");
	cell(&r, "Totaal");
	if (station_cells(&r, in, HEAD_NAME) != 0)
		goto fail;
	row_start(&r, &b);
	cell(&r, "Gebiednummer");
	skip(&r, 4);
	station_cells(&r, in, HEAD_NUMBER);
	row_start(&r, &b);
	cell(&r, "Postcode");
	skip(&r, 4);
	if (station_cells(&r, in, HEAD_POSTCODE) != 0)
		goto fail;

	for (f = 0; f < FIG__MAX; f++) {
		row_start(&r, &b);
		skip(&r, 1);
		cell(&r, fig_labels[f]);
		skip(&r, 2);
		cell_long(&r, f == FIG_ELECTORATE ? electorate : figure(in->total, (enum fig)f));
		for (s = 0; s < in->nstations; s++) {
			if (in->forms[s] == NULL)
				continue;
			cell_long(&r, f == FIG_ELECTORATE ? in->stations[s].electorate :
			          figure(in->forms[s], (enum fig)f));
		}
	}

	for (i = 0; i < in->nlists; i++) {
		const struct tally_list *l = &in->lists[i];

		row_start(&r, &b);
		snprintf(num, sizeof num, "%d", l->number);
		cell(&r, num);
		cell(&r, l->name);
		skip(&r, 2);
		if ((k = list_index(in->total, i, l->number)) >= 0)
			cell_long(&r, in->total->list_totals[k]);
		for (s = 0; s < in->nstations; s++)
			if (in->forms[s] != NULL && (k = list_index(in->forms[s], i, l->number)) >= 0)
				cell_long(&r, in->forms[s]->list_totals[k]);
		for (j = 0; j < l->ncandidates; j++) {
			const struct tally_form_list *fl;

			row_start(&r, &b);
			skip(&r, 2);
			snprintf(num, sizeof num, "%d", l->candidates[j].position);
			cell(&r, num);
			candidate_name(&l->candidates[j], &tmp);
			if (tmp.failed)
				goto fail;
			cell_n(&r, tmp.p, tmp.len);
			if ((k = list_index(in->total, i, l->number)) >= 0 &&
			    j < (fl = &in->total->lists[k])->ncandidates)
				cell_long(&r, fl->candidates[j]);
			for (s = 0; s < in->nstations; s++)
				if (in->forms[s] != NULL &&
				    (k = list_index(in->forms[s], i, l->number)) >= 0 &&
				    j < (fl = &in->forms[s]->lists[k])->ncandidates)
					cell_long(&r, fl->candidates[j]);
		}
	}
	if (b.failed || tmp.failed)
		goto fail;
	free(tmp.p);
	*bytes = b.p;
	*len = b.len;
	return 0;
fail:
	free(tmp.p);
	free(b.p);
	return -1;
}
