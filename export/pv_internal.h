#ifndef EXPORT_PV_INTERNAL_H
#define EXPORT_PV_INTERNAL_H
/*
 * What every proces-verbaal shares, the count's (Na 31-2: pv.c, pv_lists.c)
 * and the result's (P 22-2: pv_result*.c) and the ones to come; not for use
 * outside export/. pv_style.c holds the table styles, the committees'
 * wording, the frame of every page (pv_doc_write) and the title; pv_session.c
 * the committee's session and its signatures. Those two use none of the
 * documents. The layout is the PDF engine's (pdf.h): the documents say what
 * goes on the pages, the engine flows it over them.
 */
#include <stddef.h>

#include "export/docs.h"
#include "export/pdf.h"
#include "tally/count.h"

#define PAD         3.0                   /* inside a table cell, left and right */
#define VPAD        2.0                   /* inside a table cell, above and below */

/* Sizes in "px": pango's points assume 96 dpi, px are the PDF's own points. */
#define F_TITLE     "DejaVu Sans Bold 13px"
#define F_PLACE     "DejaVu Sans Bold 20px"
#define F_H2        "DejaVu Sans Bold 11.5px"
#define F_TEXT      "DejaVu Sans 9px"
#define F_TEXTB     "DejaVu Sans Bold 9px"
#define F_SMALL     "DejaVu Sans 7px"
#define F_SMALLB    "DejaVu Sans Bold 7px"
#define F_MONO      "DejaVu Sans Mono 8px"
#define F_CELL      "DejaVu Sans 8px"
#define F_CELLS     "DejaVu Sans 7px"     /* a name too long for F_CELL */

#define MIDDOT      "\xc2\xb7"

/* ------------------------------------------------------------------ */
/* Every PV                                                            */
/* ------------------------------------------------------------------ */

/* The PV's tables: with rules between the columns (the stations), and without (the lists). */
extern const struct pdf_table_style pv_grid, pv_plain;

/* A count as text; a field without a count (never in a definitive form) as "-". */
const char *pv_num(long v, char *buf, size_t size);

/* The committee a PV speaks for. */
enum pv_committee {
	PV_GSB,                     /* the municipality's, gemeentelijk stembureau: Na 31-2, Na 14-2 */
	PV_CSB,                     /* the central electoral committee, centraal stembureau: P 22-2 */
	PV_COMMITTEE__MAX
};

/* What a PV says of its committee. */
enum pv_word {
	PV_NAME,                    /* "gemeentelijk stembureau" */
	PV_TITLE,                   /* under the title: "Gemeentelijk stembureau" */
	PV_SESSION,                 /* the session's heading */
	PV_REMARKS,                 /* above the lines for remarks and objections */
	PV_ADOPTED,                 /* above the signatures of a final PV */
	PV_NOT_SIGNED,              /* in its place in a draft */
	PV_WORD__MAX
};

/* The wording w for committee c (pv_style.c). */
const char *pv_word(enum pv_committee c, enum pv_word w);

/* What a PV is: what the frame of every page, its title and its closing parts say. */
struct pv_frame {
	const char *model;          /* the Kiesraad's model, "Na 31-2" */
	enum pv_committee committee;
	const char *header;         /* the running header after "Proces-verbaal <model> · " */
	const struct tally_election *election; /* its name right in the header; the title's */
	const char *authority_name; /* the municipality: the title's place */
	const char *authority_id;   /* its CBS code, "0668"; NULL or "": not printed */
	const char *file;           /* "510b", "520": the file whose hash code every footer gives */
	const char *hash_code;      /* that file's SHA-256 as 16 groups of 4 hex digits */
	const char *key_fingerprint;/* the signing key's, grouped likewise */
	const char *created;        /* "2026-03-19T21:04:10": printed, and the PDF's date */
	double label_w;             /* the width of a field's label in the title and the session */
	double sign_keep;           /* what to keep on a page with the signatures' heading */
	int draft;                  /* 1: a band under every header, CONCEPT across every page */
	const char *band;           /* a draft's band: why it is one, "Niet ondertekenen." */
	const char *check;          /* the footer's sentence under the hash code; NULL: that it
	                             * must equal the file's (the Na 14-2 may have no file) */
};

/*
 * Writes a PV as PDF into memory: every page framed as f says (the running
 * header, a draft's band and watermark, the footer with f->file's hash code,
 * the key's fingerprint and "pagina n van m"), its body laid out by
 * lay_out(d, ctx) in the PV's fonts. Returns 0 with *bytes (malloc'd) and *len;
 * otherwise -1, *bytes NULL.
 */
int pv_doc_write(const struct pv_frame *f, int (*lay_out)(struct pdf_doc *d, void *ctx),
                 void *ctx, char **bytes, size_t *len);
/*
 * The title: what (a line), the place, the committee and the model, then the
 * fields every PV opens with: the election, its day, the municipality.
 */
void pv_title(struct pdf_doc *d, const struct pv_frame *f, const char *what);
/*
 * The end of the title: when the PV was made, a draft's box (draft_text:
 * what makes it one), and the paragraph intro.
 */
void pv_title_end(struct pdf_doc *d, const struct pv_frame *f, const char *draft_text,
                  const char *intro);
/*
 * The committee's session: place, date, times, members present; what is not
 * known a line to fill in by hand. Its heading numbered when number > 0.
 */
void pv_session(struct pdf_doc *d, const struct pv_frame *f, int number,
                const struct pv_session *z);
/* The committee's signatures (a draft says it is not signed), under heading number. */
void pv_signatures(struct pdf_doc *d, const struct pv_frame *f, int number);

/* ------------------------------------------------------------------ */
/* The count's PV, Na 31-2 (pv.c, pv_lists.c)                           */
/* ------------------------------------------------------------------ */

struct pv {
	struct pdf_doc *d;     /* the document being laid out: its page, its y */
	const struct pv_input *in;
	const struct eml_510b *c;
	int voter_cards;       /* the form has C */
	size_t ndefinitive;    /* stations with a definitive count */
};

/* Part 3, the votes per list and candidate (pv_lists.c); -1 when memory runs out. */
int pv_lists(struct pv *v);
/* The accounts made or changed after data entry began (pv_accounts.c), under heading number. */
void pv_accounts(struct pdf_doc *d, const struct pv_input *in, int number);
/* The audit log's head ("ID HASH") as a sentence, so the log can be checked against paper. */
void pv_audit_head(struct pdf_doc *d, const char *head);

#endif
