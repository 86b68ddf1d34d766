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

#include "act/act.h"
#include "export/docs.h"

#define TEXT_CHARS_MAX 200

/*
 * The characters of text when it is printable UTF-8 (no control characters,
 * no line or paragraph separators, no direction overrides that would make the
 * printed PV read otherwise than the stored text); -1 when it is not.
 */
static long printable_chars(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	unsigned long c;
	long n = 0;
	int len, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			c = *p;
			len = 1;
		} else if ((*p & 0xE0) == 0xC0) {
			c = *p & 0x1F;
			len = 2;
		} else if ((*p & 0xF0) == 0xE0) {
			c = *p & 0x0F;
			len = 3;
		} else if ((*p & 0xF8) == 0xF0) {
			c = *p & 0x07;
			len = 4;
		} else {
			return -1;
		}
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return -1;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
		    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return -1; /* overlong, beyond Unicode, or a surrogate */
		if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
		    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF)
			return -1;
		p += len;
		n++;
	}
	return n;
}

static int digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* YYYY-MM-DD, a day that exists (years 1900-2999). */
static int date_ok(const char *d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, day;

	if (strlen(d) != 10 || !digits(d, 4) || d[4] != '-' || !digits(d + 5, 2) || d[7] != '-' ||
	    !digits(d + 8, 2))
		return 0;
	y = two(d) * 100 + two(d + 2);
	m = two(d + 5);
	day = two(d + 8);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1])
		return 0;
	return !(m == 2 && day == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* HH:MM, 00:00 .. 23:59. */
static int time_ok(const char *t)
{
	return strlen(t) == 5 && digits(t, 2) && t[2] == ':' && digits(t + 3, 2) && two(t) <= 23 &&
	       two(t + 3) <= 59;
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
