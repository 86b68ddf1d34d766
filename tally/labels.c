/*
 * The Dutch words of the count and the actions offered per status (labels.h).
 * The labels are those of the paper proces-verbaal (domain.md §3).
 */
#include <string.h>

#include "tally/labels.h"

static const char *const status_labels[TALLY_STATUS__MAX] = {
	[TALLY_STATUS_EMPTY] = "Niet begonnen",
	[TALLY_STATUS_FIRST_IN_PROGRESS] = "1e invoer bezig",
	[TALLY_STATUS_FIRST_DONE] = "1e invoer klaar",
	[TALLY_STATUS_FIRST_HAS_ERRORS] = "1e invoer met fouten",
	[TALLY_STATUS_SECOND_IN_PROGRESS] = "2e invoer bezig",
	[TALLY_STATUS_DIFFERENT] = "Verschil",
	[TALLY_STATUS_DEFINITIVE] = "Definitief",
};

static const struct tally_field_label voters[] = {
	{ "A", "poll_cards", "Stempassen" },
	{ "B", "proxy_certificates", "Volmachtbewijzen" },
	{ "C", "voter_cards", "Kiezerspassen" },
	{ "D", "admitted_voters", "Totaal toegelaten kiezers" },
};

static const struct tally_field_label votes[] = {
	{ "E", "valid_votes", "Stemmen op kandidaten" },
	{ "F", "blank_votes", "Blanco" },
	{ "G", "invalid_votes", "Ongeldig" },
	{ "H", "votes_cast", "Totaal uitgebrachte stemmen" },
};

static const struct tally_field_label differences[] = {
	{ "I", "more_ballots_counted", "Meer getelde stembiljetten" },
	{ "J", "fewer_ballots_counted", "Minder getelde stembiljetten" },
	{ "K", "taken_home", "Meegenomen" },
	{ "L", "too_few_issued", "Te weinig uitgereikt" },
	{ "M", "too_many_issued", "Te veel uitgereikt" },
	{ "N", "no_explanation", "Geen verklaring" },
	{ "O", "other_explanation", "Andere verklaring" },
};

#define GROUP(n, t, f) { n, t, sizeof(f) / sizeof((f)[0]), f }

static const struct tally_group_label groups[TALLY_GROUP__MAX] = {
	[TALLY_GROUP_VOTERS] = GROUP("voters", "Toegelaten kiezers", voters),
	[TALLY_GROUP_VOTES] = GROUP("votes", "Uitgebrachte stemmen", votes),
	[TALLY_GROUP_DIFFERENCES] = GROUP("differences", "Verschillen", differences),
};

/* Account ids of the ordinary states: entry 1's typist, entry 2's, someone else. */
#define USER_1 1L
#define USER_2 2L
#define OTHER  3L

const char *
tally_status_label(enum tally_status s)
{
	return (unsigned)s < TALLY_STATUS__MAX ? status_labels[s] : NULL;
}

const struct tally_group_label *
tally_group_label(enum tally_group g)
{
	return (unsigned)g < TALLY_GROUP__MAX ? &groups[g] : NULL;
}

int
tally_offered(enum tally_status s, enum tally_role role, enum tally_event_kind k)
{
	struct tally_station_state cur;

	if ((unsigned)s >= TALLY_STATUS__MAX)
		return 0;
	memset(&cur, 0, sizeof(cur));
	cur.status = s;
	if (s != TALLY_STATUS_EMPTY)
		cur.first_user = USER_1;
	if (s == TALLY_STATUS_FIRST_HAS_ERRORS)
		cur.first_has_errors = 1;
	if (s == TALLY_STATUS_SECOND_IN_PROGRESS || s == TALLY_STATUS_DIFFERENT ||
	    s == TALLY_STATUS_DEFINITIVE)
		cur.second_user = USER_2;
	return tally_offered_state(&cur, 0, role, OTHER, k);
}
