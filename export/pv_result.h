#ifndef EXPORT_PV_RESULT_H
#define EXPORT_PV_RESULT_H
/*
 * The proces-verbaal of the central electoral committee (centraal stembureau),
 * in the spirit of the Kiesraad's model P 22-2: the result of a municipal
 * council election as the committee determines it in public. Made with the
 * PDF engine of the count's PV (pdf.h), A4 portrait, in Dutch.
 *
 * Everything in it comes from the seat allocation of tally/result.h and the
 * names of the 230b: no figure is computed here but the sums people check by
 * hand. Every page carries the 520's hash code, the signing key's fingerprint
 * and "pagina n van m"; a draft says CONCEPT on every page.
 */
#include <stddef.h>

#include "export/docs.h"
#include "tally/count.h"
#include "tally/election.h"
#include "tally/result.h"

struct pv_result_input {
	/* The election (110a): its name, id and date; seats must equal result->seats. */
	const struct tally_election *election;
	/* The municipality's CBS code, "0668"; NULL or "": not printed. */
	const char *authority_id;
	/* The municipality, "West Maas en Waal": the committee's place in the title and header. */
	const char *authority_name;
	/*
	 * The lists as the 230b names them, with their candidates (name, initials,
	 * prefix, locality). Every list of the result must be here by number and
	 * every candidate of basis by position; lists here that the result does
	 * not have are left out.
	 */
	const struct tally_list *lists;
	size_t nlists;
	/*
	 * What the result was computed from (tally_result_compute's input): the
	 * votes per list and candidate, the deceased candidates (P 19a) and the
	 * lots drawn, in order. The PV shows the candidates' votes, the deceased
	 * and every lot from it.
	 */
	const struct tally_result_in *basis;
	/*
	 * The complete result of basis (TALLY_RESULT_OK: allocated, no lot
	 * pending, every list nominated). An unfinished one is refused: lots are
	 * drawn on the coordinator's page before there is a PV.
	 */
	const struct tally_result *result;
	/*
	 * Optional: the municipality's totals (the 510b's), for the blank and
	 * invalid votes and the ballots counted (F, G, H); its valid_votes must
	 * equal result->votes. NULL: only the votes per list and their total.
	 */
	const struct tally_form *count;
	/* The 520's SHA-256 as 16 groups of 4 hex digits, "9f86 d081 ...": on every page. */
	const char *hash_code_520;
	/* The Ed25519 signing key's fingerprint, grouped likewise: on every page. */
	const char *key_fingerprint;
	/* "2026-03-19T21:04:10": printed, and the PDF's own date (same input, same bytes). */
	const char *created;
	/*
	 * 1: a draft, the count is not finished yet: "CONCEPT" across every page, a
	 * band under every header, no signatures asked for.
	 */
	int draft;
	/* The committee's public session; NULL (or a field NULL or ""): lines to fill in by hand. */
	const struct pv_session *session;
};

/*
 * Writes the P 22-2 of in as PDF into memory. Its parts: the election and the
 * committee; the session; the votes per list and their total; the quota and
 * the preference threshold (exact fractions); the full seats per list with
 * their remainders; every residual seat step by step (the method, the list,
 * the remainders or averages compared, ties), with P 9 and P 10 where they
 * were applied and the seats that stay empty; the lots drawn; the seats per
 * list; the deceased candidates; the elected per list in the order of the new
 * ranking (those elected on preference votes marked) and every ranking that
 * changed; the signatures.
 *
 * Returns 0 with *bytes (malloc'd, the caller frees) and *len; or -1 with
 * *bytes NULL and *len 0 when in is incomplete or inconsistent (a missing
 * field, an unfinished result, a list or candidate without a name, figures
 * that do not agree, a hash code not of 16 groups of 4 hex digits) or the PDF
 * cannot be made.
 */
int pv_result_write(const struct pv_result_input *in, char **bytes, size_t *len);

#endif
