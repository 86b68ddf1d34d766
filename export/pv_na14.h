#ifndef EXPORT_PV_NA14_H
#define EXPORT_PV_NA14_H
/*
 * The proces-verbaal of a later session of the municipality's committee
 * (gemeentelijk stembureau), in the spirit of the Kiesraad's model Na 14-2
 * (domain.md §9): which stations it investigated, why, what it found, and
 * for every station whose figures changed the previous and the new figures
 * side by side, then the municipality's totals before and after. Made with
 * the PDF engine of the count's PV (pdf.h), A4 portrait, in Dutch. Every
 * page carries the corrigendum 510b's hash code (or says that there is
 * none), the signing key's fingerprint and "pagina n van m"; a draft says
 * CONCEPT on every page.
 */
#include <stddef.h>

#include "export/docs.h"
#include "export/eml.h"
#include "tally/count.h"

/* One investigation of the session, as the Na 14-2 reports it. */
struct pv_investigation {
	int station;                    /* the station's number */
	const char *station_name;
	const char *reason;             /* why it was investigated (required) */
	const char *csb_reference;      /* the central committee's request; "" or NULL: on the
	                                 * committee's own initiative */
	const char *findings;           /* what was found; "" or NULL only while not concluded */
	int concluded;                  /* 1: concluded (a final PV needs every one concluded) */
	int corrected;                  /* 1: concluded with corrected results */
	struct eml_investigation flags; /* the reasons the corrigendum states for the station */
};

/* A station whose figures changed in the session: before and after, of the same shape. */
struct pv_correction {
	int station;
	const char *station_name;
	const struct tally_form *before; /* as the previous session left it; NULL: a station
	                                  * added in this session */
	const struct tally_form *after;  /* its new definitive figures */
};

struct pv_na14_input {
	/*
	 * The election, the municipality and the lists with their candidates'
	 * names (the 230b's), as the Na 31-2 gets them; only election,
	 * authority_id, authority_name, contest_id, contest_name and lists are
	 * read here.
	 */
	const struct eml_510b *count;
	int session_number;             /* 2, 3, ...: the first session is the count's (Na 31-2) */
	const struct pv_session *session; /* NULL (or a field NULL or ""): lines to fill in by hand */
	const struct pv_investigation *investigations;
	size_t ninvestigations;
	const struct pv_correction *corrections; /* in the order to print them */
	size_t ncorrections;
	/* The municipality's totals when the previous session ended, and now */
	const struct tally_form *total_before, *total_after;
	/* The corrigendum 510b's SHA-256 as 16 groups of 4 hex digits; "": no figure changed
	 * (then ncorrections is 0) and the PV says that no corrigendum was made */
	const char *corrigendum_hash;
	const char *key_fingerprint;    /* the signing key's, grouped likewise */
	const char *created;            /* "2026-03-25T10:04:10": printed, and the PDF's date */
	int draft;                      /* 1: the session is not finished: CONCEPT on every page */
	const char *audit_head;         /* the audit log's head "ID HASH"; NULL or "": not printed */
};

/*
 * Writes the Na 14-2 of in as PDF into memory. Its parts: the title (the
 * election, the municipality, the session's number, the corrigendum); the
 * session; the investigations, each with its station, reason, request or own
 * initiative, findings and outcome; per changed station a table of every
 * count of the form (A ... O and the list totals) before and after, changed
 * rows marked, and the candidates whose votes changed; the municipality's
 * totals before and after likewise; the audit log's head; the signatures.
 *
 * Returns 0 with *bytes (malloc'd, the caller frees) and *len; or -1 with
 * *bytes NULL and *len 0 when in is incomplete or inconsistent (a missing
 * field, a session number below 2, an investigation without station name or
 * reason, a final PV with an investigation not concluded or without
 * findings, a correction whose forms are missing or differ in shape from the
 * totals, changed figures without a corrigendum or a corrigendum without
 * them) or the PDF cannot be made.
 */
int pv_na14_write(const struct pv_na14_input *in, char **bytes, size_t *len);

#endif
