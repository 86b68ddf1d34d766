#ifndef STORE_LATER_H
#define STORE_LATER_H
/*
 * The store's part of later sessions (store/later.c, schema v7); included by
 * store/store.h, whose types it uses. The rules are tally/later.h's.
 */
#include "store/store.h"
#include "tally/later.h"

/* ---- Later sessions (store/later.c; the rules: tally/later.h) ---- */

/*
 * Session 1 is the count; the committee may meet again once it is finished
 * (its final export stands): session 2, 3, ... Each is finished by its own
 * final export (store_export_record sets finished_at), and opening the next
 * keeps every station's definitive figures of the finished one (session_form),
 * never changed after. store_count_finished means: the current session is
 * finished.
 */
struct store_later_session {
	int number;
	char date[11];
	char place[STORE_COMMITTEE_TEXT_MAX + 1];
	char opened_at[32];          /* "" for session 1 (the count) */
	char finished_at[32];        /* "" while it is open */
};
/* Every session in number order (session 1 always, stored or not); *out malloc'd. */
int store_later_sessions(struct store *s, struct store_later_session **out, size_t *n);
int store_later_sessions_locked(struct store *s, struct store_later_session **out, size_t *n);
/* The current session's number and whether it is finished. _locked: in a transaction. */
int store_later_current(struct store *s, int *number, int *finished);
int store_later_current_locked(struct store *s, int *number, int *finished);
/*
 * Opens the next session (date YYYY-MM-DD and place as checked by the caller, ""
 * when not known) with its audit record: STORE_ERR_STATE and *refused (a
 * tally_later) when the current one is not finished; nothing is written then.
 * The finished session's figures are kept (session_form) when they were not yet.
 */
int store_later_open(struct store *s, const char *date, const char *place,
                     const struct store_actor *who, int *number, int *refused);

#define STORE_LATER_TEXT_MAX LIMIT_REASON_MAX   /* bytes of a reason, findings, a reference */
struct store_investigation {
	int session, station;
	char reason[STORE_LATER_TEXT_MAX + 1];
	char csb_reference[STORE_LATER_TEXT_MAX + 1];  /* "" when on the committee's own initiative */
	int admitted_voters_reestablished, ballots_partially_recounted, other_reason;
	char opened_at[32], opened_by[STORE_NAME_MAX];
	int entries_started;         /* the first corrected claim cleared the station's entries */
	int concluded;
	char findings[STORE_LATER_TEXT_MAX + 1];
	int corrected;               /* concluded with corrected figures */
	char concluded_at[32], concluded_by[STORE_NAME_MAX];
};
/*
 * Opens an investigation of in->station in the current session (in: station,
 * reason, reference and flags), audited ("investigation_open"). STORE_ERR_NOT_FOUND
 * for an unknown station; STORE_ERR_STATE with *refused (tally_later_investigate).
 */
int store_investigation_open(struct store *s, const struct store_investigation *in,
                             const struct store_actor *who, int *refused);
/*
 * Concludes the station's open investigation with findings, corrected or not,
 * audited ("investigation_conclude"); without corrections after the corrected
 * entries started, the station gets its previous figures back (as session_form of
 * the session before holds them, with the same two typists), in the same
 * transaction. STORE_ERR_NOT_FOUND for an unknown station; STORE_ERR_STATE with
 * *refused (tally_later_conclude).
 */
int store_investigation_conclude(struct store *s, int station, const char *findings,
                                 int corrected, const struct store_actor *who, int *refused);
/* The investigations of a session (0: the current one), by station; *out malloc'd. */
int store_investigations(struct store *s, int session, struct store_investigation **out,
                         size_t *n);
int store_investigations_locked(struct store *s, int session, struct store_investigation **out,
                                size_t *n);
/*
 * Adds a station in a later session (number, name, postcode; electorate -1 when
 * unknown): it starts empty and must be entered. Audited ("station_add").
 * STORE_ERR_EXISTS for a number in use; STORE_ERR_STATE with *refused.
 */
int store_station_add(struct store *s, const struct tally_station *st,
                      const struct store_actor *who, int *refused);
/*
 * The station's figures as the session before the current one finished them
 * (*out: tally_form_free), for the entry page beside the corrected form.
 * STORE_ERR_NOT_FOUND in session 1 or for a station added since.
 */
int store_station_previous_form(struct store *s, int station, struct tally_form **out);
/* Every station's figures as session `session` finished them, in station order. Locked. */
int store_session_forms_locked(struct store *s, int session, struct tally_form ***forms,
                               int **numbers, size_t *n);
/*
 * What closes a station to entry now (tally_later_closed: the count_finished of
 * tally_allowed, for the station's page). Locked: in a transaction or snapshot.
 */
int store_station_closed_locked(struct store *s, int station, int *closed);
int store_station_closed(struct store *s, int station, int *closed);

/* One kept file of a final export (store_export_record keeps them, byte for byte). */
struct store_export_bytes {
	char name[256];
	unsigned char *bytes;        /* malloc'd */
	size_t len;
};
/*
 * The files of export id as kept: *out malloc'd (free each bytes, then out).
 * STORE_ERR_NOT_FOUND when there is no such export, STORE_ERR_STATE for a draft
 * or an export made before the bytes were kept.
 */
int store_export_bytes(struct store *s, long id, struct store_export_bytes **out, size_t *n);
void store_export_bytes_free(struct store_export_bytes *b, size_t n);

#endif
