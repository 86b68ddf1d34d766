/*
 * The committee's session as the proces-verbaal states it: the check of its
 * values (place, date, start and end time, the members present), shared by
 * the page (PUT /api/committee-session) and `teller committee`, and the
 * session as the PV prints it. The rows are store/'s (store/committee.c), the
 * printing export/'s (export/pv_session.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/utf8.h"
#include "act/act.h"
#include "export/docs.h"

#define TEXT_CHARS_MAX LIMIT_COMMITTEE_CHARS_MAX

/*
 * The characters of text when it is printable UTF-8 (no control characters,
 * no line or paragraph separators, no direction overrides that would make the
 * printed PV read otherwise than the stored text); -1 when it is not.
 */
static long printable_chars(const char *text)
{
	size_t len = strlen(text), i = 0, k;
	unsigned long c;
	long n = 0;

	for (; i < len; i += k, n++) {
		if ((k = utf8_char(text + i, len - i, &c)) == 0)
			return -1; /* not UTF-8: overlong, beyond Unicode, a surrogate, cut short */
		if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
		    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF)
			return -1;
	}
	return n;
}

/* YYYY-MM-DD, a day that exists (years 1900-2999). */
static int date_ok(const char *d)
{
	int y;

	return date_day(d, &y, NULL, NULL) == 0 && y >= 1900 && y <= 2999;
}

/* HH:MM, 00:00 .. 23:59. */
static int time_ok(const char *t)
{
	int m = date_clock(t);

	return m >= 0 && m < 24 * 60;
}

/* Whether text is 1 .. 200 printable characters, not only spaces. */
static int text_ok(const char *text)
{
	long n = printable_chars(text);

	return n >= 1 && n <= TEXT_CHARS_MAX && strlen(text) <= STORE_COMMITTEE_TEXT_MAX &&
	       strspn(text, " ") < strlen(text);
}

int committee_session_check(const struct store_committee_session *cs, int dutch, char *why,
                            size_t whysize)
{
	size_t i;

	if (cs->place[0] != '\0' && !text_ok(cs->place)) {
		snprintf(why, whysize, dutch ? "De plaats moet 1 tot 200 gewone tekens zijn (geen "
		         "regeleinden of stuurtekens)." : "the place must be 1 to 200 printable "
		         "characters");
		return -1;
	}
	if (cs->date[0] != '\0' && !date_ok(cs->date)) {
		snprintf(why, whysize, dutch ? "De datum is geen bestaande dag (JJJJ-MM-DD)." :
		         "the date is no real day (YYYY-MM-DD)");
		return -1;
	}
	if ((cs->start_time[0] != '\0' && !time_ok(cs->start_time)) ||
	    (cs->end_time[0] != '\0' && !time_ok(cs->end_time))) {
		snprintf(why, whysize, dutch ? "Een tijd is UU:MM, van 00:00 tot en met 23:59." :
		         "a time is HH:MM, 00:00 to 23:59");
		return -1;
	}
	if (cs->nmembers > STORE_COMMITTEE_MEMBERS_MAX) {
		snprintf(why, whysize, dutch ? "Er kunnen hoogstens 30 leden worden genoemd." :
		         "at most 30 members can be named");
		return -1;
	}
	for (i = 0; i < cs->nmembers; i++)
		if (!text_ok(cs->members[i])) {
			snprintf(why, whysize, dutch ? "Lid %zu: een naam (met functie) moet 1 tot 200 "
			         "gewone tekens zijn." : "member %zu: a name (with function) must be 1 to "
			         "200 printable characters", i + 1);
			return -1;
		}
	return 0;
}

/* One block: the PV's view first, so that freeing the view frees the whole. */
struct pv_block {
	struct pv_session z;
	struct store_committee_session cs;
	const char *members[STORE_COMMITTEE_MEMBERS_MAX];
};

int committee_pv_session(struct store *s, struct pv_session **out)
{
	struct pv_block *b = calloc(1, sizeof *b);
	size_t i;
	int rc;

	*out = NULL;
	if (b == NULL)
		return -1;
	rc = store_committee_session_get(s, COMMITTEE_SESSION_NUMBER, &b->cs);
	if (rc != STORE_OK) {
		free(b);
		return rc == STORE_ERR_NOT_FOUND ? 0 : -1;
	}
	for (i = 0; i < b->cs.nmembers; i++)
		b->members[i] = b->cs.members[i];
	b->z.place = b->cs.place;
	b->z.date = b->cs.date;
	b->z.start_time = b->cs.start_time;
	b->z.end_time = b->cs.end_time;
	b->z.members = b->members;
	b->z.nmembers = b->cs.nmembers;
	*out = &b->z;
	return 0;
}
