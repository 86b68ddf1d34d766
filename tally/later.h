#ifndef TALLY_LATER_H
#define TALLY_LATER_H
/*
 * Later sessions (domain.md §9): the rules of opening a session after the
 * count, of investigating a station in it and of concluding the
 * investigation, and which stations may be entered then. Pure: the store
 * reads the facts inside its transaction and asks these before it writes.
 */
#include "tally/count.h"

/* The facts of one question, read by the caller. */
struct tally_later_facts {
	int session;               /* the current session: 1 is the count, 2 ... later ones */
	int finished;              /* the current session's final export stands */
	int investigation;         /* of the station in the current session: 0 none, 1 open,
	                            * 2 concluded */
	int entries_started;       /* its corrected entries have started (the station was
	                            * cleared by the first claim of entry 1) */
	int added;                 /* the station was added in the current session */
	enum tally_status status;  /* the station's double-entry status */
	int open_investigations;   /* how many investigations of the session are open */
};

enum tally_later {
	TALLY_LATER_OK,
	TALLY_LATER_NOT_FINISHED,     /* a next session while the current one is not finished */
	TALLY_LATER_FIRST_SESSION,    /* investigations and added stations: later sessions only */
	TALLY_LATER_SESSION_FINISHED, /* the current session is finished (its final export) */
	TALLY_LATER_INVESTIGATED,     /* the station is investigated in this session already */
	TALLY_LATER_NOT_INVESTIGATED, /* the station has no open investigation */
	TALLY_LATER_NO_CORRECTION,    /* "corrected" without corrected entries */
	TALLY_LATER_NOT_DEFINITIVE,   /* "corrected" before the corrected entries are definitive */
	TALLY_LATER_OPEN_INVESTIGATIONS, /* a final export while an investigation is open */
	TALLY_LATER__MAX
};

/* The next session may be opened: only when the current one is finished. */
enum tally_later tally_later_open(const struct tally_later_facts *f);
/* An investigation of a station may be opened: a later session, not finished, none yet. */
enum tally_later tally_later_investigate(const struct tally_later_facts *f);
/*
 * An investigation may be concluded, corrected (1) or not (0): it is open and the
 * session not finished; "corrected" only when the corrected entries started and the
 * station is definitive again.
 */
enum tally_later tally_later_conclude(const struct tally_later_facts *f, int corrected);
/* Whether concluding without corrections gives the station its previous figures back. */
int tally_later_restores(const struct tally_later_facts *f, int corrected);
/* A station may be added: a later session that is not finished. */
enum tally_later tally_later_add_station(const struct tally_later_facts *f);
/* The session's final export may be made: no investigation is open. */
enum tally_later tally_later_export(const struct tally_later_facts *f);

/*
 * What closes the station to entry now, for tally_allowed's count_finished (the
 * TALLY_CLOSED_* values of count.h): the finished session; in a later session a
 * station that was neither added in it nor has an open investigation; a station
 * whose investigation is open but whose corrected entries have not started.
 */
int tally_later_closed(const struct tally_later_facts *f);

/* "ok", "session_not_finished", ...: the API's code; NULL out of range. */
const char *tally_later_code(enum tally_later v);
/* One English line for the command line; NULL out of range. */
const char *tally_later_reason(enum tally_later v);
/* A short Dutch sentence for the pages; NULL out of range. */
const char *tally_later_message(enum tally_later v);

#endif
