/*
 * The committee's session as the proces-verbaal states it (table
 * committee_session, schema v4): place, date, start and end time, and the
 * members present, kept one per line. Only rows here: what a valid value is
 * decides entry/ (committee_session_check) before anything is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* Splits the stored members (one per line) into out. */
static void members_split(const char *text, struct store_committee_session *out)
{
	const char *p = text, *nl;
	size_t len;

	out->nmembers = 0;
	while (p != NULL && *p != '\0' && out->nmembers < STORE_COMMITTEE_MEMBERS_MAX) {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof out->members[0])
			len = sizeof out->members[0] - 1;
		if (len > 0) {
			memcpy(out->members[out->nmembers], p, len);
			out->members[out->nmembers][len] = '\0';
			out->nmembers++;
		}
		p = nl != NULL ? nl + 1 : NULL;
	}
}

int store_committee_session_get_locked(struct store *s, int number,
                                       struct store_committee_session *out)
{
	sqlite3_stmt *st = store_sql(s, SQL_COMMITTEE_GET);
	int rc;

	memset(out, 0, sizeof *out);
	out->number = number;
	sqlite3_bind_int(st, 1, number);
	if ((rc = store_step(s, st)) == 1) {
		store_col_copy(st, 0, out->place, sizeof out->place);
		store_col_copy(st, 1, out->date, sizeof out->date);
		store_col_copy(st, 2, out->start_time, sizeof out->start_time);
		store_col_copy(st, 3, out->end_time, sizeof out->end_time);
		members_split((const char *)sqlite3_column_text(st, 4), out);
		store_col_copy(st, 5, out->updated_at, sizeof out->updated_at);
	}
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}

int store_committee_session_get(struct store *s, int number, struct store_committee_session *out)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_committee_session_get_locked(s, number, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* How many bytes of text, at most max, end on a whole UTF-8 character. */
static int utf8_prefix(const char *text, int max)
{
	int n = 0;

	while (text[n] != '\0' && n < max)
		n++;
	/* Back to the start of a character: never half of one in the log. */
	while (n > 0 && text[n] != '\0' && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* The members as stored: one per line; NULL when one holds a line break or memory runs out. */
static char *members_join(const struct store_committee_session *in)
{
	size_t len = 1, i, at = 0, m;
	char *text;

	for (i = 0; i < in->nmembers; i++) {
		if (strchr(in->members[i], '\n') != NULL || in->members[i][0] == '\0')
			return NULL;
		len += strlen(in->members[i]) + 1;
	}
	if ((text = malloc(len)) == NULL)
		return NULL;
	for (i = 0; i < in->nmembers; i++) {
		m = strlen(in->members[i]);
		memcpy(text + at, in->members[i], m);
		at += m;
		if (i + 1 < in->nmembers)
			text[at++] = '\n';
	}
	text[at] = '\0';
	return text;
}

int store_committee_session_put(struct store *s, const struct store_committee_session *in,
                                const struct store_actor *who)
{
	sqlite3_stmt *st;
	char now[32], detail[400], *members;
	int rc;

	if (in->number < 1 || in->nmembers > STORE_COMMITTEE_MEMBERS_MAX)
		return STORE_ERR_STATE;
	if ((members = members_join(in)) == NULL)
		return STORE_ERR_STATE;
	store_now(now);
	if ((rc = store_tx_begin(s)) != STORE_OK)
		goto out;
	st = store_sql(s, SQL_COMMITTEE_PUT);
	sqlite3_bind_int(st, 1, in->number);
	sqlite3_bind_text(st, 2, in->place, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in->start_time, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, in->end_time, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, members, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) == STORE_OK) {
		/* The place is cut short only in the log; the full text is in the row. */
		snprintf(detail, sizeof detail, "session %d: date '%s' from '%s' to '%s', %zu members, "
		         "place '%.*s'", in->number, in->date, in->start_time, in->end_time,
		         in->nmembers, utf8_prefix(in->place, 120), in->place);
		rc = store_audit_locked(s, who, "committee_session", detail);
	}
	rc = store_tx_end(s, rc);
out:
	free(members);
	return rc;
}
