/*
 * Later sessions (schema v7): the sessions after the count, the
 * investigations of stations in them, the stations added in them, and the
 * figures every station had when a session was finished (session_form, never
 * changed). Only rows here: what may happen when is tally/later.h's, asked
 * inside each write's transaction with the facts read there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* The first column of a statement that takes one or two integers (b), as an integer. */
static int one_int2(struct store *s, enum store_sql id, int a, int b, long long *out)
{
	sqlite3_stmt *st = store_sql(s, id);

	sqlite3_bind_int(st, 1, a);
	if (st != NULL && sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int(st, 2, b);
	return store_one_int(s, st, out);
}

int store_later_current_locked(struct store *s, int *number, int *finished)
{
	long long n;
	int rc, fin;

	if ((rc = store_one_int(s, store_sql(s, SQL_LATER_CURRENT), &n)) != STORE_OK)
		return rc == STORE_ERR_NOT_FOUND ? STORE_ERR_IO : rc;
	*number = (int)n;
	if (finished != NULL) {
		if ((fin = store_count_finished_locked(s)) < 0)
			return STORE_ERR_IO;
		*finished = fin;
	}
	return STORE_OK;
}

int store_later_current(struct store *s, int *number, int *finished)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_later_current_locked(s, number, finished);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static void session_row(sqlite3_stmt *st, void *elem)
{
	struct store_later_session *x = elem;

	memset(x, 0, sizeof *x);
	x->number = sqlite3_column_int(st, 0);
	store_col_copy(st, 1, x->date, sizeof x->date);
	store_col_copy(st, 2, x->place, sizeof x->place);
	store_col_copy(st, 3, x->opened_at, sizeof x->opened_at);
	store_col_copy(st, 4, x->finished_at, sizeof x->finished_at);
}

int store_later_sessions(struct store *s, struct store_later_session **out, size_t *n)
{
	return store_list(s, SQL_LATER_SESSIONS, sizeof **out, session_row, (void **)out, n);
}

int store_later_sessions_locked(struct store *s, struct store_later_session **out, size_t *n)
{
	return store_collect(s, store_sql(s, SQL_LATER_SESSIONS), sizeof **out, session_row,
	                     (void **)out, n);
}

/*
 * The facts of tally/later.h for a station (0: none) in the current session: the
 * session, whether it is finished, the station's investigation and status, whether
 * it was added in this session. STORE_ERR_NOT_FOUND for an unknown station. Locked.
 */
static int facts_get(struct store *s, int station, struct tally_later_facts *f)
{
	sqlite3_stmt *st;
	long long v;
	int rc;

	memset(f, 0, sizeof *f);
	if ((rc = store_later_current_locked(s, &f->session, &f->finished)) != STORE_OK)
		return rc;
	if ((rc = one_int2(s, SQL_INVESTIGATIONS_OPEN, f->session, 0, &v)) != STORE_OK)
		return rc;
	f->open_investigations = (int)v;
	if (station == 0)
		return STORE_OK;
	st = store_sql(s, SQL_STATION_STATE);
	sqlite3_bind_int(st, 1, station);
	if ((rc = store_step(s, st)) == 1 &&
	    tally_status_parse((const char *)sqlite3_column_text(st, 0), &f->status) != 0)
		rc = store_fail_msg(STORE_ERR_IO, "a station's status is not one Teller knows");
	store_sql_done(st);
	if (rc != 1)
		return rc == 0 ? STORE_ERR_NOT_FOUND : rc;
	st = store_sql(s, SQL_INVESTIGATION_GET);
	sqlite3_bind_int(st, 1, f->session);
	sqlite3_bind_int(st, 2, station);
	if ((rc = store_step(s, st)) == 1) {
		f->investigation = sqlite3_column_int(st, 10) ? 2 : 1;
		f->entries_started = sqlite3_column_int(st, 9);
	}
	store_sql_done(st);
	if (rc < 0)
		return rc;
	if (f->session > 1) {
		rc = one_int2(s, SQL_SESSION_FORM_GET, f->session - 1, station, &v);
		if (rc != STORE_OK && rc != STORE_ERR_NOT_FOUND)
			return rc;
		f->added = rc == STORE_ERR_NOT_FOUND;
	}
	return STORE_OK;
}

int store_station_closed_locked(struct store *s, int station, int *closed)
{
	struct tally_later_facts f;
	int rc = facts_get(s, station, &f);

	*closed = rc == STORE_OK ? tally_later_closed(&f) : TALLY_CLOSED_FINISHED;
	/* An unknown station: store_apply says NOT_FOUND before it asks. */
	return rc == STORE_ERR_NOT_FOUND ? STORE_OK : rc;
}

int store_station_closed(struct store *s, int station, int *closed)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_station_closed_locked(s, station, closed);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_later_finish_locked(struct store *s, int *session, const char *at)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_later_current_locked(s, session, NULL)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_LATER_FINISH);
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, *session);
	return store_run(s, st);
}

int store_later_unfinish_locked(struct store *s, int session)
{
	sqlite3_stmt *st = store_sql(s, SQL_LATER_UNFINISH);

	sqlite3_bind_int(st, 1, session);
	return store_run(s, st);
}

/* Keeps every definitive station's figures of the finished session, once. Locked. */
static int snapshot(struct store *s, int session)
{
	sqlite3_stmt *st;
	long long n;
	int rc;

	if ((rc = one_int2(s, SQL_SESSION_FORM_COUNT, session, 0, &n)) != STORE_OK || n > 0)
		return rc;
	st = store_sql(s, SQL_SESSION_FORM_SNAPSHOT);
	sqlite3_bind_int(st, 1, session);
	return store_run(s, st);
}

int store_later_open(struct store *s, const char *date, const char *place,
                     const struct store_actor *who, int *number, int *refused)
{
	const char *keys[2] = {"count_exported_at", "count_exported_audit"};
	struct tally_later_facts f;
	sqlite3_stmt *st;
	char now[32], detail[400];
	int rc;

	*refused = TALLY_LATER_OK;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = facts_get(s, 0, &f)) != STORE_OK)
		goto done;
	if ((*refused = tally_later_open(&f)) != TALLY_LATER_OK) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	if ((rc = snapshot(s, f.session)) != STORE_OK)
		goto done;
	*number = f.session + 1;
	store_now(now);
	st = store_sql(s, SQL_LATER_OPEN);
	sqlite3_bind_int(st, 1, *number);
	sqlite3_bind_text(st, 2, date ? date : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, place ? place : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	/* The new session is not finished: the finished one's moment is in its exports. */
	if ((rc = store_run_text(s, SQL_META_DELETE, 1, &keys[0])) != STORE_OK ||
	    (rc = store_run_text(s, SQL_META_DELETE, 1, &keys[1])) != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "session %d opened (session %d finished); date '%s', "
	         "place '%.200s'", *number, f.session, date ? date : "", place ? place : "");
	rc = store_audit_locked(s, who, "session_open", detail);
done:
	return store_tx_end(s, rc);
}

static void investigation_row(sqlite3_stmt *st, void *elem)
{
	struct store_investigation *x = elem;

	memset(x, 0, sizeof *x);
	x->session = sqlite3_column_int(st, 0);
	x->station = sqlite3_column_int(st, 1);
	store_col_copy(st, 2, x->reason, sizeof x->reason);
	store_col_copy(st, 3, x->csb_reference, sizeof x->csb_reference);
	x->admitted_voters_reestablished = sqlite3_column_int(st, 4);
	x->ballots_partially_recounted = sqlite3_column_int(st, 5);
	x->other_reason = sqlite3_column_int(st, 6);
	store_col_copy(st, 7, x->opened_at, sizeof x->opened_at);
	store_col_copy(st, 8, x->opened_by, sizeof x->opened_by);
	x->entries_started = sqlite3_column_int(st, 9);
	x->concluded = sqlite3_column_int(st, 10);
	store_col_copy(st, 11, x->findings, sizeof x->findings);
	x->corrected = sqlite3_column_int(st, 12);
	store_col_copy(st, 13, x->concluded_at, sizeof x->concluded_at);
	store_col_copy(st, 14, x->concluded_by, sizeof x->concluded_by);
}

int store_investigations_locked(struct store *s, int session, struct store_investigation **out,
                                size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (session == 0 && (rc = store_later_current_locked(s, &session, NULL)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_INVESTIGATIONS);
	sqlite3_bind_int(st, 1, session);
	return store_collect(s, st, sizeof **out, investigation_row, (void **)out, n);
}

int store_investigations(struct store *s, int session, struct store_investigation **out,
                         size_t *n)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_investigations_locked(s, session, out, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_investigation_open(struct store *s, const struct store_investigation *in,
                             const struct store_actor *who, int *refused)
{
	struct tally_later_facts f;
	sqlite3_stmt *st;
	char now[32], detail[512];
	int rc;

	*refused = TALLY_LATER_OK;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = facts_get(s, in->station, &f)) != STORE_OK)
		goto done;
	if ((*refused = tally_later_investigate(&f)) != TALLY_LATER_OK) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	store_now(now);
	st = store_sql(s, SQL_INVESTIGATION_INSERT);
	sqlite3_bind_int(st, 1, f.session);
	sqlite3_bind_int(st, 2, in->station);
	sqlite3_bind_text(st, 3, in->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in->csb_reference, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, in->admitted_voters_reestablished ? 1 : 0);
	sqlite3_bind_int(st, 6, in->ballots_partially_recounted ? 1 : 0);
	sqlite3_bind_int(st, 7, in->other_reason ? 1 : 0);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, who && who->name ? who->name : "", -1, SQLITE_STATIC);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "station %d: session %d%s%s%s%s%.40s; reason: %.300s",
	         in->station, f.session, in->admitted_voters_reestablished ? ", admitted voters" : "",
	         in->ballots_partially_recounted ? ", recount" : "",
	         in->other_reason ? ", other reason" : "", in->csb_reference[0] ? ", CSB " : "",
	         in->csb_reference, in->reason);
	rc = store_audit_locked(s, who, "investigation_open", detail);
done:
	return store_tx_end(s, rc);
}

int store_later_start_locked(struct store *s, int station)
{
	const struct store_actor sys = {"teller", "system", "local"};
	char detail[128];
	int rc, session, e;

	if ((rc = store_later_current_locked(s, &session, NULL)) != STORE_OK)
		return rc;
	for (e = 1; e <= 2 && rc == STORE_OK; e++) {
		sqlite3_stmt *st = store_sql(s, SQL_ENTRY_DELETE);

		sqlite3_bind_int(st, 1, station);
		sqlite3_bind_int(st, 2, e);
		rc = store_run(s, st);
	}
	if (rc == STORE_OK) {
		sqlite3_stmt *st = store_sql(s, SQL_INVESTIGATION_START);

		sqlite3_bind_int(st, 1, session);
		sqlite3_bind_int(st, 2, station);
		rc = store_run(s, st);
	}
	/* The previous figures stay in session_form; the log says where they went. */
	snprintf(detail, sizeof detail, "station %d: corrected entries start in session %d; the "
	         "previous figures are kept (session %d)", station, session, session - 1);
	return rc == STORE_OK ? store_audit_locked(s, &sys, "investigation_entries", detail) : rc;
}

/* Writes one restored entry: the previous figures, finalised, by account. Locked. */
static int entry_restore(struct store *s, int station, int entry_no, long account,
                         const char *form, const char *at)
{
	sqlite3_stmt *st;
	long long rev;
	int rc;

	if ((rc = store_one_int(s, store_sql(s, SQL_REVISION_NEXT), &rev)) != STORE_OK)
		return rc == STORE_ERR_NOT_FOUND ? STORE_ERR_IO : rc;
	st = store_sql(s, SQL_ENTRY_PUT);
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	sqlite3_bind_int64(st, 3, account);
	sqlite3_bind_text(st, 4, form, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, 1);
	sqlite3_bind_int(st, 7, 0);
	sqlite3_bind_int(st, 8, 0);
	sqlite3_bind_int(st, 9, 0);
	sqlite3_bind_text(st, 10, "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, rev);
	return store_run(s, st);
}

/* The station as session `session` finished it: both entries and definitive. Locked. */
static int restore(struct store *s, int session, int station, const struct store_actor *who)
{
	sqlite3_stmt *st = store_sql(s, SQL_SESSION_FORM_GET);
	long first = 0, second = 0;
	char *form = NULL, at[32];
	int rc, e;

	sqlite3_bind_int(st, 1, session);
	sqlite3_bind_int(st, 2, station);
	if ((rc = store_step(s, st)) == 1) {
		form = strdup((const char *)sqlite3_column_text(st, 0));
		first = (long)sqlite3_column_int64(st, 1);
		second = (long)sqlite3_column_int64(st, 2);
	}
	store_sql_done(st);
	if (rc != 1)
		return rc == 0 ? store_fail_msg(STORE_ERR_IO, "the previous figures are missing") : rc;
	if (form == NULL)
		return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	store_now(at);
	for (e = 1, rc = STORE_OK; e <= 2 && rc == STORE_OK; e++)
		rc = entry_restore(s, station, e, e == 1 ? first : second, form, at);
	free(form);
	if (rc == STORE_OK) {
		st = store_sql(s, SQL_STATION_STATE_PUT);
		sqlite3_bind_text(st, 1, "definitive", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, first);
		sqlite3_bind_int64(st, 3, second);
		sqlite3_bind_int(st, 4, 0);
		sqlite3_bind_int(st, 5, 0);
		sqlite3_bind_int(st, 6, 0);
		sqlite3_bind_int(st, 7, station);
		rc = store_run(s, st);
	}
	if (rc == STORE_OK) {
		st = store_sql(s, SQL_STATION_CHANGED_PUT);
		sqlite3_bind_text(st, 1, who && who->name ? who->name : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "investigation_conclude", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, station);
		rc = store_run(s, st);
	}
	return rc;
}

int store_investigation_conclude(struct store *s, int station, const char *findings,
                                 int corrected, const struct store_actor *who, int *refused)
{
	struct tally_later_facts f;
	sqlite3_stmt *st;
	char now[32], detail[512];
	int rc;

	*refused = TALLY_LATER_OK;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = facts_get(s, station, &f)) != STORE_OK)
		goto done;
	if ((*refused = tally_later_conclude(&f, corrected)) != TALLY_LATER_OK) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	store_now(now);
	st = store_sql(s, SQL_INVESTIGATION_CONCLUDE);
	sqlite3_bind_text(st, 1, findings, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, corrected ? 1 : 0);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, who && who->name ? who->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, f.session);
	sqlite3_bind_int(st, 6, station);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	if (tally_later_restores(&f, corrected) &&
	    (rc = restore(s, f.session - 1, station, who)) != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "station %d: session %d, %s%s; findings: %.300s", station,
	         f.session, corrected ? "corrected" : "not corrected",
	         tally_later_restores(&f, corrected) ? " (previous figures restored)" : "",
	         findings);
	rc = store_audit_locked(s, who, "investigation_conclude", detail);
done:
	return store_tx_end(s, rc);
}

int store_station_add(struct store *s, const struct tally_station *in,
                      const struct store_actor *who, int *refused)
{
	struct tally_later_facts f;
	sqlite3_stmt *st;
	char detail[400];
	int rc;

	*refused = TALLY_LATER_OK;
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = facts_get(s, 0, &f)) != STORE_OK)
		goto done;
	if ((*refused = tally_later_add_station(&f)) != TALLY_LATER_OK) {
		rc = STORE_ERR_STATE;
		goto done;
	}
	st = store_sql(s, SQL_STATION_INSERT);
	sqlite3_bind_int(st, 1, in->number);
	sqlite3_bind_text(st, 2, in->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->postcode, -1, SQLITE_STATIC);
	if (in->electorate >= 0)
		sqlite3_bind_int64(st, 4, in->electorate);
	if ((rc = store_run(s, st)) != STORE_OK)
		goto done;
	snprintf(detail, sizeof detail, "station %d added in session %d: '%.200s' %.20s",
	         in->number, f.session, in->name, in->postcode);
	rc = store_audit_locked(s, who, "station_add", detail);
done:
	return store_tx_end(s, rc);
}

int store_session_forms_locked(struct store *s, int session, struct tally_form ***forms,
                               int **numbers, size_t *n)
{
	const struct store_shape *sh;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*forms = NULL;
	*numbers = NULL;
	*n = 0;
	if ((rc = store_shape_get(s, &sh)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_SESSION_FORMS);
	sqlite3_bind_int(st, 1, session);
	while ((rc = store_step(s, st)) == 1) {
		if (*n == cap) {
			struct tally_form **tf;
			int *tn;

			cap = cap ? cap * 2 : 64;
			if ((tf = realloc(*forms, cap * sizeof *tf)) != NULL)
				*forms = tf;
			if ((tn = realloc(*numbers, cap * sizeof *tn)) != NULL)
				*numbers = tn;
			if (tf == NULL || tn == NULL) {
				rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
				break;
			}
		}
		(*numbers)[*n] = sqlite3_column_int(st, 0);
		if (((*forms)[*n] = store_form_parse(sh, (const char *)sqlite3_column_text(st, 1))) ==
		    NULL) {
			rc = STORE_ERR_IO;
			break;
		}
		(*n)++;
	}
	store_sql_done(st);
	if (rc != 0) {
		while (*n > 0)
			tally_form_free((*forms)[--*n]);
		free(*forms);
		free(*numbers);
		*forms = NULL;
		*numbers = NULL;
		*n = 0;
	}
	return rc;
}

int store_station_previous_form(struct store *s, int station, struct tally_form **out)
{
	const struct store_shape *sh;
	sqlite3_stmt *st;
	int rc, session;

	*out = NULL;
	pthread_mutex_lock(&s->lock);
	if ((rc = store_later_current_locked(s, &session, NULL)) != STORE_OK ||
	    (rc = store_shape_get(s, &sh)) != STORE_OK)
		goto out;
	st = store_sql(s, SQL_SESSION_FORM_GET);
	sqlite3_bind_int(st, 1, session - 1);
	sqlite3_bind_int(st, 2, station);
	if ((rc = store_step(s, st)) == 1)
		rc = (*out = store_form_parse(sh, (const char *)sqlite3_column_text(st, 0))) != NULL ?
		     STORE_OK : STORE_ERR_IO;
	else if (rc == 0)
		rc = STORE_ERR_NOT_FOUND;
	store_sql_done(st);
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}
