/*
 * The rules of later sessions (tally/later.h, domain.md §9).
 *
 * Decisions where domain.md is silent:
 * - The next session opens only when the current one is finished, and a
 *   session is finished by its final export; so nothing of a session is
 *   changed once the next one is open (its figures are kept in session_form).
 * - A finished session takes no investigation, conclusion or added station:
 *   its final export states them all (reopening it first withdraws that).
 * - "Corrected" is concluded only on definitive corrected entries; "not
 *   corrected" at any moment, and then the previous figures come back when
 *   the corrected entries had started (the station is as it was).
 * - A session's final export waits for every investigation to be concluded:
 *   the PV Na 14-2 states each conclusion.
 */
#include <stddef.h>

#include "tally/later.h"

struct later_text {
	const char *code, *reason, *message;
};

static const struct later_text texts[TALLY_LATER__MAX] = {
	[TALLY_LATER_OK] = {"ok", "done", "Gelukt."},
	[TALLY_LATER_NOT_FINISHED] = {"session_not_finished",
	    "the current session is not finished: make its final export first",
	    "De huidige zitting is niet afgerond: maak eerst de definitieve uitslag."},
	[TALLY_LATER_FIRST_SESSION] = {"no_later_session",
	    "this is the count's own session: open a later session first (teller session new)",
	    "Dit kan alleen in een volgende zitting: open eerst een nieuwe zitting."},
	[TALLY_LATER_SESSION_FINISHED] = {"session_finished",
	    "the session is finished: its final export stands",
	    "De zitting is afgerond: de definitieve uitslag is gemaakt."},
	[TALLY_LATER_INVESTIGATED] = {"already_investigated",
	    "the polling station is investigated in this session already",
	    "Dit stembureau wordt in deze zitting al onderzocht."},
	[TALLY_LATER_NOT_INVESTIGATED] = {"no_investigation",
	    "the polling station has no open investigation in this session",
	    "Dit stembureau heeft in deze zitting geen open onderzoek."},
	[TALLY_LATER_NO_CORRECTION] = {"no_corrected_entries",
	    "no corrected figures were entered: conclude with --corrected no",
	    "Er zijn geen gecorrigeerde aantallen ingevoerd: sluit af zonder nieuwe uitkomst."},
	[TALLY_LATER_NOT_DEFINITIVE] = {"corrected_not_definitive",
	    "the corrected figures are not definitive yet (both entries, identical)",
	    "De gecorrigeerde aantallen zijn nog niet definitief (twee gelijke invoeren)."},
	[TALLY_LATER_OPEN_INVESTIGATIONS] = {"investigations_open",
	    "an investigation is still open: conclude it first",
	    "Er is nog een onderzoek open: sluit het eerst af."},
};

enum tally_later tally_later_open(const struct tally_later_facts *f)
{
	return f->finished ? TALLY_LATER_OK : TALLY_LATER_NOT_FINISHED;
}

/* A later session that is not finished: what every change of a later session needs. */
static enum tally_later later_open(const struct tally_later_facts *f)
{
	if (f->session < 2)
		return TALLY_LATER_FIRST_SESSION;
	return f->finished ? TALLY_LATER_SESSION_FINISHED : TALLY_LATER_OK;
}

enum tally_later tally_later_investigate(const struct tally_later_facts *f)
{
	enum tally_later v = later_open(f);

	if (v == TALLY_LATER_OK && f->investigation != 0)
		v = TALLY_LATER_INVESTIGATED;
	return v;
}

enum tally_later tally_later_conclude(const struct tally_later_facts *f, int corrected)
{
	enum tally_later v = later_open(f);

	if (v != TALLY_LATER_OK)
		return v;
	if (f->investigation != 1)
		return TALLY_LATER_NOT_INVESTIGATED;
	if (corrected && !f->entries_started)
		return TALLY_LATER_NO_CORRECTION;
	if (corrected && f->status != TALLY_STATUS_DEFINITIVE)
		return TALLY_LATER_NOT_DEFINITIVE;
	return TALLY_LATER_OK;
}

int tally_later_restores(const struct tally_later_facts *f, int corrected)
{
	return !corrected && f->entries_started;
}

enum tally_later tally_later_add_station(const struct tally_later_facts *f)
{
	return later_open(f);
}

enum tally_later tally_later_export(const struct tally_later_facts *f)
{
	return f->session >= 2 && f->open_investigations > 0 ? TALLY_LATER_OPEN_INVESTIGATIONS :
	       TALLY_LATER_OK;
}

int tally_later_closed(const struct tally_later_facts *f)
{
	if (f->finished)
		return TALLY_CLOSED_FINISHED;
	if (f->session < 2 || f->added)
		return 0;
	if (f->investigation != 1)
		return TALLY_CLOSED_NOT_INVESTIGATED;
	return f->entries_started ? 0 : TALLY_CLOSED_UNSTARTED;
}

const char *tally_later_code(enum tally_later v)
{
	return (unsigned)v < TALLY_LATER__MAX ? texts[v].code : NULL;
}

const char *tally_later_reason(enum tally_later v)
{
	return (unsigned)v < TALLY_LATER__MAX ? texts[v].reason : NULL;
}

const char *tally_later_message(enum tally_later v)
{
	return (unsigned)v < TALLY_LATER__MAX ? texts[v].message : NULL;
}
