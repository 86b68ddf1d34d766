#ifndef EXPORT_EML_OUT_H
#define EXPORT_EML_OUT_H
/*
 * What the EML writers share (eml_write.c: the 510b; eml_result.c: the 510d
 * and the 520); not for use outside export/. Every file is written as the
 * Kiesraad's OSV2020 writes it: Canonical XML 1.0 on one line, no XML
 * declaration, explicit end tags, c14n escaping (base/esc.h), the same root
 * and namespaces, ds:CanonicalizationMethod declared. A NULL text is written
 * as "".
 */
#include <stddef.h>

#include "base/buf.h"
#include "tally/count.h"

/* <name>text</name>, the text escaped. */
void eml_out_text(struct buf *o, const char *name, const char *text);
/* <name Id="id">text</name>, both escaped. */
void eml_out_id_text(struct buf *o, const char *name, const char *id, const char *text);
/*
 * The root element EML of kind ("510b") with its namespaces, and what comes
 * before the message's own element: TransactionId, ManagingAuthority (its
 * AuthorityIdentifier authority_id and name), kr:CreationDateTime,
 * ds:CanonicalizationMethod.
 */
void eml_out_head(struct buf *o, const char *kind, const char *authority_id,
                  const char *authority_name, const char *creation_time);
/* The ElectionIdentifier of e: Id, name, category, subcategory, domain (when given), date. */
void eml_out_election(struct buf *o, const struct tally_election *e);
/* The ContestIdentifier: Id contest_id ("geen" when NULL or ""), its name when given. */
void eml_out_contest(struct buf *o, const char *contest_id, const char *contest_name);
/*
 * A count (510b, 510d) from its start to its contest's first part:
 * <Count><EventIdentifier/><Election>, the ElectionIdentifier,
 * <Contests><Contest> and the ContestIdentifier. eml_out_count_end closes it
 * and the file.
 */
void eml_out_count_begin(struct buf *o, const struct tally_election *e, const char *contest_id,
                         const char *contest_name);
void eml_out_count_end(struct buf *o);
/*
 * The counts of one reporting unit, form f of the election's lists (list i of
 * f is lists[i]): every list and candidate a Selection (zeros included), Cast
 * (cast; 0 when it is not above 0), TotalCounted, two RejectedVotes (ongeldig,
 * blanco) and eleven UncountedVotes in OSV's order. A count that is absent
 * (C in a GR) is written as 0, as OSV does.
 */
void eml_out_votes(struct buf *o, const struct tally_list *lists, size_t nlists,
                   const struct tally_form *f, long cast);
/* <TotalVotes> around eml_out_votes. */
void eml_out_total(struct buf *o, const struct tally_list *lists, size_t nlists,
                   const struct tally_form *f, long cast);
/*
 * <ReportingUnitVotes>: its ReportingUnitIdentifier (Id id, text name), then eml_out_votes,
 * then (inv not NULL: a station investigated in a later session) its
 * kr:ReportingUnitInvestigations, last, where the strict 510 schema puts it.
 */
struct eml_investigation;
void eml_out_unit(struct buf *o, const char *id, const char *name, const struct tally_list *lists,
                  size_t nlists, const struct tally_form *f, long cast,
                  const struct eml_investigation *inv);

#endif
