/*
 * The store's part of double data entry: the entries of a station and
 * store_apply, which writes one transition of tally/'s state machine with
 * exactly the data effects tally names (TALLY_DATA_*). The form's text and
 * shape: form.c; the stations: station.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

void store_entry_clear(struct store_entry *e)
{
	if (e == NULL)
		return;
	tally_form_free(e->form);
	tally_paths_free(&e->cleared);
	memset(e, 0, sizeof *e);
}

/* Reads an entry, its form parsed against shape sh. Locked. */
static int entry_get_locked(struct store *s, const struct store_shape *sh, int station,
                            int entry_no, struct store_entry *out)
{
	sqlite3_stmt *st = store_sql(s, SQL_ENTRY_GET);
	int rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	if ((rc = store_step(s, st)) == 1) {
		out->entry_no = entry_no;
		out->account_id = sqlite3_column_int64(st, 0);
		store_col_copy(st, 1, out->account_name, sizeof out->account_name);
		out->form = store_form_parse(sh, (const char *)sqlite3_column_text(st, 2));
		store_col_copy(st, 3, out->progress, sizeof out->progress);
		out->finalised = sqlite3_column_int(st, 4);
		out->has_errors = sqlite3_column_int(st, 5);
		out->has_warnings = sqlite3_column_int(st, 6);
		out->warnings_confirmed = sqlite3_column_int(st, 7);
		out->revision = sqlite3_column_int64(st, 9);
		rc = out->form == NULL ? STORE_ERR_IO :
		     store_paths_parse((const char *)sqlite3_column_text(st, 8), &out->cleared) != 0 ?
		     store_fail_msg(STORE_ERR_NOMEM, "out of memory") : STORE_OK;
	} else if (rc == 0) {
		rc = STORE_ERR_NOT_FOUND;
	}
	store_sql_done(st);
	if (rc != STORE_OK)
		store_entry_clear(out);
	return rc;
}

int store_entry_get(struct store *s, int station, int entry_no, struct store_entry *out)
{
	const struct store_shape *sh;
	int rc;

	memset(out, 0, sizeof *out);
	pthread_mutex_lock(&s->lock);
	if ((rc = store_shape_get(s, &sh)) == STORE_OK)
		rc = entry_get_locked(s, sh, station, entry_no, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* An entry's revision; STORE_ERR_NOT_FOUND when there is no such entry. Locked. */
static int revision_locked(struct store *s, int station, int entry_no, long long *rev)
{
	sqlite3_stmt *st = store_sql(s, SQL_ENTRY_REVISION);

	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	return store_one_int(s, st, rev);
}

int store_entry_revision(struct store *s, int station, int entry_no, long *rev)
{
	long long r;
	int rc;

	pthread_mutex_lock(&s->lock);
	if ((rc = revision_locked(s, station, entry_no, &r)) == STORE_OK)
		*rev = (long)r;
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* An entry's row as written. */
struct entry_row {
	long account;
	const char *form, *progress, *cleared;  /* texts */
	int finalised, has_errors, has_warnings, confirmed;
};

/*
 * Writes (inserts or replaces) an entry row with a new revision (*rev, when
 * not NULL): one counter for every entry, so a revision is never given twice,
 * not even to an entry made again after a reset.
 */
static int entry_put(struct store *s, int station, int entry_no, const struct entry_row *r,
                     long *rev)
{
	sqlite3_stmt *st;
	long long revision;
	char at[32];
	int rc;

	if ((rc = store_one_int(s, store_sql(s, SQL_REVISION_NEXT), &revision)) != STORE_OK)
		return rc == STORE_ERR_NOT_FOUND ? STORE_ERR_IO : rc;
	store_now(at);
	st = store_sql(s, SQL_ENTRY_PUT);
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	sqlite3_bind_int64(st, 3, r->account);
	sqlite3_bind_text(st, 4, r->form, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->progress ? r->progress : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, r->finalised ? 1 : 0);
	sqlite3_bind_int(st, 7, r->has_errors ? 1 : 0);
	sqlite3_bind_int(st, 8, r->has_warnings ? 1 : 0);
	sqlite3_bind_int(st, 9, r->confirmed ? 1 : 0);
	sqlite3_bind_text(st, 10, r->cleared ? r->cleared : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, revision);
	if ((rc = store_run(s, st)) == STORE_OK && rev != NULL)
		*rev = (long)revision;
	return rc;
}

/* Runs an entry statement that takes the station and the entry's number. */
static int entry_exec(struct store *s, enum store_sql id, int station, int entry_no)
{
	sqlite3_stmt *st = store_sql(s, id);

	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	return store_run(s, st);
}

/*
 * Rewrites an entry under a number: as it is (move or swap: correction NULL),
 * or as a correction, open again with the fields in correction cleared.
 */
static int entry_rewrite(struct store *s, int station, int entry_no, const struct store_entry *e,
                         const struct tally_paths *correction)
{
	char *form = store_form_text(e->form);
	char *paths = store_paths_text(correction != NULL ? correction : &e->cleared);
	struct entry_row r = {e->account_id, form, e->progress, paths, e->finalised, e->has_errors,
	                      e->has_warnings, e->warnings_confirmed};
	int rc;

	if (correction != NULL) {
		r.progress = "";
		r.finalised = r.has_errors = r.has_warnings = r.confirmed = 0;
	}
	rc = form != NULL && paths != NULL ? entry_put(s, station, entry_no, &r, NULL) :
	     store_fail_msg(STORE_ERR_NOMEM, "out of memory");

	free(form);
	free(paths);
	return rc;
}

/* OPEN_n: the entry is made with an empty form, unless it is there (its holder resumes). */
static int entry_open(struct store *s, int station, int entry_no, const struct store_action *a)
{
	const struct store_shape *sh;
	struct tally_form *empty;
	struct entry_row r = {a->ev.actor, NULL, "", "", 0, 0, 0, 0};
	long long rev;
	char *text = NULL;
	int rc = revision_locked(s, station, entry_no, &rev);

	if (rc != STORE_ERR_NOT_FOUND)
		return rc;
	if ((rc = store_shape_get(s, &sh)) != STORE_OK)
		return rc;
	if (sh->n == 0)
		return STORE_ERR_STATE; /* no lists imported yet: there is no form to fill in */
	/* The first claim begins data entry: accounts changed after it await confirmation. */
	if ((rc = store_entry_began_mark_locked(s)) != STORE_OK)
		return rc;
	if ((empty = tally_form_new(sh->lists, sh->n, sh->voter_cards)) != NULL)
		text = store_form_text(empty);
	tally_form_free(empty);
	if ((r.form = text) == NULL)
		return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	rc = entry_put(s, station, entry_no, &r, a->revision_out);
	free(text);
	return rc;
}

/*
 * What store_apply decides inside its transaction, before tally's verdict: the
 * event as tally sees it (identical, and the findings' has_errors and
 * has_warnings when the form was validated), the entry row's has_warnings, and
 * the form's text, written out once (NULL: no form, the stored one is kept).
 */
struct decided {
	struct tally_event ev;
	int has_warnings;
	char *text;
};

/*
 * WRITE_n: the form's text (NULL keeps the stored one) and the action's progress
 * as entry n, finalised with the findings under FINAL, its cleared fields kept
 * unless DROP_CLEARED. STORE_ERR_STALE when the action names another revision
 * than the stored one.
 */
static int entry_write(struct store *s, int station, int entry_no, unsigned data,
                       const struct store_action *a, const struct decided *d)
{
	const char *text = d->text;
	sqlite3_stmt *st = store_sql(s, SQL_ENTRY_GET);
	struct entry_row r = {a->ev.actor, text, a->progress, "", 0, 0, 0, 0};
	char progress[64] = "", *form = NULL, *cleared = NULL;
	long revision = 0;
	int rc, final = (data & TALLY_DATA_FINAL) != 0;

	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	if ((rc = store_step(s, st)) == 1) {
		revision = (long)sqlite3_column_int64(st, 9);
		store_col_copy(st, 3, progress, sizeof progress);
		if (text == NULL && (form = strdup((const char *)sqlite3_column_text(st, 2))) == NULL)
			rc = STORE_ERR_NOMEM;
		if (!(data & TALLY_DATA_DROP_CLEARED) &&
		    (cleared = strdup((const char *)sqlite3_column_text(st, 8))) == NULL)
			rc = STORE_ERR_NOMEM;
	}
	store_sql_done(st);
	if (rc == 0)
		rc = store_fail_msg(STORE_ERR_IO, "the entry to write is not in the database");
	else if (rc == STORE_ERR_NOMEM)
		store_fail_msg(rc, "out of memory");
	else if (rc == 1 && a->revision > 0 && a->revision != revision)
		rc = STORE_ERR_STALE; /* a copy that started from another revision: newer work stands */
	if (rc != 1)
		goto out;
	if (r.form == NULL)
		r.form = form;
	if (r.progress == NULL)
		r.progress = progress;
	if (cleared != NULL)
		r.cleared = cleared;
	r.finalised = final;
	r.has_errors = final && d->ev.has_errors;
	r.has_warnings = final && d->has_warnings;
	r.confirmed = final && a->warnings_confirmed;
	rc = entry_put(s, station, entry_no, &r, a->revision_out);
out:
	free(form);
	free(cleared);
	return rc;
}

/* MOVE_2_TO_1 and SWAP: entry 2 becomes entry 1 (and entry 1 entry 2). */
static int entries_move(struct store *s, const struct store_shape *sh, int station, unsigned data)
{
	struct store_entry e1, e2;
	int rc;

	if ((rc = entry_get_locked(s, sh, station, 2, &e2)) != STORE_OK)
		return rc;
	rc = entry_get_locked(s, sh, station, 1, &e1);
	if (rc != STORE_OK && !(rc == STORE_ERR_NOT_FOUND && (data & TALLY_DATA_MOVE_2_TO_1)))
		goto out;
	if ((rc = entry_exec(s, SQL_ENTRY_DELETE, station, 1)) != STORE_OK ||
	    (rc = entry_exec(s, SQL_ENTRY_DELETE, station, 2)) != STORE_OK ||
	    (rc = entry_rewrite(s, station, 1, &e2, NULL)) != STORE_OK)
		goto out;
	if (data & TALLY_DATA_SWAP)
		rc = entry_rewrite(s, station, 2, &e1, NULL);
out:
	store_entry_clear(&e1);
	store_entry_clear(&e2);
	return rc;
}

/* CLEAR_DIFF_2: entry 2's fields that differ from entry 1 are cleared, and it is open. */
static int entry_clear_diff(struct store *s, const struct store_shape *sh, int station)
{
	struct store_entry e1 = {0}, e2 = {0};
	struct tally_paths diff = {0};
	int rc;

	if ((rc = entry_get_locked(s, sh, station, 1, &e1)) != STORE_OK ||
	    (rc = entry_get_locked(s, sh, station, 2, &e2)) != STORE_OK)
		goto out;
	if (tally_form_diff(e1.form, e2.form, &diff) != 0 ||
	    tally_form_clear_paths(e2.form, &diff) != 0) {
		rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = entry_rewrite(s, station, 2, &e2, &diff);
out:
	tally_paths_free(&diff);
	store_entry_clear(&e1);
	store_entry_clear(&e2);
	return rc;
}

/*
 * The data effects of an OK transition, exactly as its flags say, in tally/count.h's
 * order. The form to write was checked and written out as text before (decide).
 */
static int apply_data(struct store *s, int station, unsigned data, const struct store_action *a,
                      const struct decided *d)
{
	const struct store_shape *sh = NULL;
	int rc = STORE_OK;

	if (data & (TALLY_DATA_MOVE_2_TO_1 | TALLY_DATA_SWAP | TALLY_DATA_CLEAR_DIFF_2))
		rc = store_shape_get(s, &sh);
	if (rc == STORE_OK && (data & (TALLY_DATA_OPEN_1 | TALLY_DATA_OPEN_2)))
		rc = entry_open(s, station, data & TALLY_DATA_OPEN_1 ? 1 : 2, a);
	if (rc == STORE_OK && (data & (TALLY_DATA_WRITE_1 | TALLY_DATA_WRITE_2)))
		rc = entry_write(s, station, data & TALLY_DATA_WRITE_1 ? 1 : 2, data, a, d);
	if (rc == STORE_OK && (data & TALLY_DATA_DROP_1))
		rc = entry_exec(s, SQL_ENTRY_DELETE, station, 1);
	if (rc == STORE_OK && (data & TALLY_DATA_DROP_2))
		rc = entry_exec(s, SQL_ENTRY_DELETE, station, 2);
	if (rc == STORE_OK && (data & (TALLY_DATA_MOVE_2_TO_1 | TALLY_DATA_SWAP)))
		rc = entries_move(s, sh, station, data);
	if (rc == STORE_OK && (data & TALLY_DATA_CLEAR_DIFF_2))
		rc = entry_clear_diff(s, sh, station);
	if (rc == STORE_OK && (data & TALLY_DATA_REOPEN_1))
		rc = entry_exec(s, SQL_ENTRY_REOPEN, station, 1);
	return rc;
}

/*
 * A station's double-entry state and its electorate (-1 when unknown);
 * STORE_ERR_NOT_FOUND when there is no such station. Locked.
 */
static int state_get(struct store *s, int station, struct tally_station_state *t,
                     long *electorate)
{
	sqlite3_stmt *st = store_sql(s, SQL_STATION_STATE);
	int rc;

	memset(t, 0, sizeof *t);
	sqlite3_bind_int(st, 1, station);
	if ((rc = store_step(s, st)) == 1) {
		if (tally_status_parse((const char *)sqlite3_column_text(st, 0), &t->status) != 0)
			t->status = TALLY_STATUS_EMPTY;
		t->first_user = sqlite3_column_int64(st, 1);
		t->second_user = sqlite3_column_int64(st, 2);
		t->first_has_errors = sqlite3_column_int(st, 3);
		t->second_has_errors = sqlite3_column_int(st, 4);
		t->correcting = sqlite3_column_int(st, 5);
		*electorate = (long)store_col_int_or(st, 6, -1);
	}
	store_sql_done(st);
	return rc == 1 ? STORE_OK : rc == 0 ? STORE_ERR_NOT_FOUND : rc;
}

/* Writes a changed state with who changed it, how and when (told to a typist whose entry went). */
static int state_put(struct store *s, int station, const struct tally_station_state *t,
                     const struct store_actor *who, const char *action)
{
	sqlite3_stmt *st = store_sql(s, SQL_STATION_STATE_PUT);
	char at[32];
	int rc;

	sqlite3_bind_text(st, 1, tally_status_name(t->status), -1, SQLITE_STATIC);
	if (t->first_user > 0)
		sqlite3_bind_int64(st, 2, t->first_user);
	if (t->second_user > 0)
		sqlite3_bind_int64(st, 3, t->second_user);
	sqlite3_bind_int(st, 4, t->first_has_errors);
	sqlite3_bind_int(st, 5, t->second_has_errors);
	sqlite3_bind_int(st, 6, t->correcting);
	sqlite3_bind_int(st, 7, station);
	if ((rc = store_run(s, st)) != STORE_OK)
		return rc;
	store_now(at);
	st = store_sql(s, SQL_STATION_CHANGED_PUT);
	sqlite3_bind_text(st, 1, who && who->name ? who->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, action ? action : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, station);
	return store_run(s, st);
}

static int state_changed(const struct tally_station_state *a, const struct tally_station_state *b)
{
	return a->status != b->status || a->first_user != b->first_user ||
	       a->second_user != b->second_user || a->first_has_errors != b->first_has_errors ||
	       a->second_has_errors != b->second_has_errors || a->correcting != b->correcting;
}

/* Whether the action's entry number is its event's: 1 or 2 for a typist's, 0 for the coordinator's. */
static int entry_fits(const struct store_action *a, unsigned data)
{
	int want = 0;

	if (tally_event_role(a->ev.kind) == TALLY_ROLE_TYPIST)
		want = data & (TALLY_DATA_OPEN_1 | TALLY_DATA_WRITE_1 | TALLY_DATA_DROP_1) ? 1 : 2;
	return a->entry_no == want;
}

/* The form text of a station's entry (malloc'd), or STORE_ERR_NOT_FOUND. Locked. */
static int entry_text(struct store *s, int station, int entry_no, char **out)
{
	sqlite3_stmt *st = store_sql(s, SQL_ENTRY_GET);
	int rc;

	*out = NULL;
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	if ((rc = store_step(s, st)) == 1)
		rc = (*out = strdup((const char *)sqlite3_column_text(st, 2))) != NULL ? STORE_OK :
		     store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	else if (rc == 0)
		rc = STORE_ERR_NOT_FOUND;
	store_sql_done(st);
	return rc;
}

/*
 * Whether entry 2 as it is to be written (text2; NULL: as stored) holds entry 1's
 * figures: the two texts compared, which are equal exactly when the forms are. No
 * entry 1 or 2 (tally refuses such a finalise anyway): not identical. Locked.
 */
static int entries_identical(struct store *s, int station, const char *text2, int *identical)
{
	char *t1 = NULL, *stored2 = NULL;
	int rc;

	*identical = 0;
	rc = entry_text(s, station, 1, &t1);
	if (rc == STORE_OK && text2 == NULL && (rc = entry_text(s, station, 2, &stored2)) == STORE_OK)
		text2 = stored2;
	if (rc == STORE_OK)
		*identical = strcmp(t1, text2) == 0;
	free(t1);
	free(stored2);
	return rc == STORE_ERR_NOT_FOUND ? STORE_OK : rc;
}

/* The first station other than station whose definitive form has this text. Locked. */
static int identical_definitive_locked(struct store *s, int station, const char *text,
                                       int *numbers, size_t max, size_t *n)
{
	sqlite3_stmt *st = store_sql(s, SQL_IDENTICAL);
	int rc = 0;

	*n = 0;
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	while (*n < max && (rc = store_step(s, st)) == 1)
		numbers[(*n)++] = sqlite3_column_int(st, 0);
	store_sql_done(st);
	return rc < 0 ? rc : STORE_OK;
}

/*
 * The findings of the form to write (tally_validate) into a->findings_out, with the
 * station's electorate and, for W.206, the first definitive station whose stored text
 * is this form's (its form is then this one). A form with an empty field can equal no
 * definitive one, so it is not looked up. Locked.
 */
static int validate_locked(struct store *s, int station, const struct store_action *a,
                           long electorate, struct decided *d)
{
	const struct tally_form *same[1] = {a->form};
	struct tally_validate_ctx ctx = {electorate, NULL, NULL, 0};
	int other = 0, rc;
	size_t n = 0;

	if (!tally_form_has_empty(a->form) &&
	    (rc = identical_definitive_locked(s, station, d->text, &other, 1, &n)) != STORE_OK)
		return rc;
	if (n > 0) {
		ctx.definitive_others = same;
		ctx.other_numbers = &other;
		ctx.nothers = 1;
	}
	if (tally_validate(a->form, &ctx, a->findings_out) != 0)
		return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
	d->ev.has_errors = a->findings_out->nerrors > 0;
	d->ev.has_warnings = d->has_warnings = a->findings_out->nwarnings > 0;
	return STORE_OK;
}

/*
 * Decides, inside the write and before tally's verdict, what the caller does not
 * say: that a form to write fits the election (a form of another shape would be
 * stored as a text no read can parse), its text, its findings (when asked) and,
 * for a finalise of entry 2, whether it is identical to entry 1. Locked.
 */
static int decide(struct store *s, int station, const struct store_action *a, long electorate,
                  struct decided *d)
{
	const struct store_shape *sh;
	char why[256];
	int rc;

	d->ev = a->ev;
	d->ev.identical = 0;
	d->has_warnings = a->has_warnings;
	if (a->form != NULL &&
	    (tally_event_data(a->ev.kind) & (TALLY_DATA_WRITE_1 | TALLY_DATA_WRITE_2))) {
		if ((rc = store_shape_get(s, &sh)) != STORE_OK)
			return rc;
		if (tally_form_fits(a->form, sh->lists, sh->n, sh->voter_cards, why, sizeof why) != 0) {
			if (a->why_out != NULL)
				snprintf(a->why_out, a->whysize, "%s", why);
			return store_fail_msg(STORE_ERR_INVALID, why);
		}
		if ((d->text = store_form_text(a->form)) == NULL)
			return store_fail_msg(STORE_ERR_NOMEM, "out of memory");
		if (a->findings_out != NULL &&
		    (rc = validate_locked(s, station, a, electorate, d)) != STORE_OK)
			return rc;
	}
	if (a->ev.kind == TALLY_EV_FINALISE_2)
		return entries_identical(s, station, d->text, &d->ev.identical);
	return STORE_OK;
}

int store_apply(struct store *s, int station, const struct store_action *a,
                const struct store_actor *who, enum tally_verdict *verdict,
                struct tally_station_state *after)
{
	struct tally_station_state cur;
	struct decided d = {0};
	char detail[256];
	long electorate = -1;
	int rc;

	*verdict = TALLY_V_WRONG_STATE;
	if (a->findings_out != NULL)
		memset(a->findings_out, 0, sizeof *a->findings_out);
	if (a->why_out != NULL && a->whysize > 0)
		a->why_out[0] = '\0';
	if (!entry_fits(a, tally_event_data(a->ev.kind)))
		return store_fail_msg(STORE_ERR_INVALID, "the action names another entry than its event");
	if ((rc = store_tx_begin(s)) != STORE_OK)
		return rc;
	if ((rc = state_get(s, station, &cur, &electorate)) != STORE_OK)
		goto done;
	if (a->before_out != NULL)
		*a->before_out = cur;
	if ((rc = decide(s, station, a, electorate, &d)) != STORE_OK)
		goto done;
	/* A finished session, or a later one's station closed to entry (tally_later_closed). */
	if ((rc = store_station_closed_locked(s, station, &d.ev.count_finished)) != STORE_OK)
		goto done;
	*verdict = tally_transition(&cur, &d.ev, after);
	if (*verdict != TALLY_OK)
		goto done; /* refused: nothing was written */
	if (tally_correction_starts(d.ev.count_finished, a->ev.kind) &&
	    (rc = store_later_start_locked(s, station)) != STORE_OK)
		goto done;
	if ((rc = apply_data(s, station, tally_event_data(a->ev.kind), a, &d)) != STORE_OK)
		goto done;
	if (state_changed(&cur, after) &&
	    (rc = state_put(s, station, after, who, tally_event_name(a->ev.kind))) != STORE_OK)
		goto done;
	/* Every action, saves included, in the same transaction as the change itself. */
	snprintf(detail, sizeof detail, "station %d%s%s: %s -> %s%s%.40s", station,
	         a->entry_no ? " entry " : "", a->entry_no == 1 ? "1" : a->entry_no == 2 ? "2" : "",
	         tally_status_name(cur.status), tally_status_name(after->status),
	         a->progress ? " at " : "", a->progress ? a->progress : "");
	rc = store_audit_locked(s, who, tally_event_name(a->ev.kind), detail);
done:
	free(d.text);
	if ((rc = store_tx_end(s, rc)) == STORE_ERR_STALE)
		*verdict = TALLY_OK;
	return rc;
}

int store_definitive_forms_locked(struct store *s, struct tally_form ***forms, int **numbers,
                                  size_t *n)
{
	const struct store_shape *sh;
	struct tally_form **f = NULL, **tf;
	int *num = NULL, *tn;
	sqlite3_stmt *st;
	size_t cnt = 0, cap = 0;
	int rc;

	*forms = NULL;
	*numbers = NULL;
	*n = 0;
	if ((rc = store_shape_get(s, &sh)) != STORE_OK)
		return rc;
	st = store_sql(s, SQL_DEFINITIVE_FORMS);
	while ((rc = store_step(s, st)) == 1) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			if ((tf = realloc(f, cap * sizeof *f)) != NULL)
				f = tf;
			if ((tn = realloc(num, cap * sizeof *num)) != NULL)
				num = tn;
			if (tf == NULL || tn == NULL) {
				rc = store_fail_msg(STORE_ERR_NOMEM, "out of memory");
				break;
			}
		}
		num[cnt] = sqlite3_column_int(st, 0);
		if ((f[cnt] = store_form_parse(sh, (const char *)sqlite3_column_text(st, 1))) == NULL) {
			rc = STORE_ERR_IO;
			break;
		}
		cnt++;
	}
	store_sql_done(st);
	if (rc != 0) {
		store_forms_free(f, num, cnt);
		return rc;
	}
	*forms = f;
	*numbers = num;
	*n = cnt;
	return STORE_OK;
}

int store_definitive_forms(struct store *s, struct tally_form ***forms, int **numbers, size_t *n)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = store_definitive_forms_locked(s, forms, numbers, n);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

void store_forms_free(struct tally_form **forms, int *numbers, size_t n)
{
	size_t i;

	if (forms != NULL)
		for (i = 0; i < n; i++)
			tally_form_free(forms[i]);
	free(forms);
	free(numbers);
}

int store_identical_definitive(struct store *s, int station, const struct tally_form *form,
                               int *numbers, size_t max, size_t *n)
{
	char *text = store_form_text(form);
	int rc;

	*n = 0;
	if (text == NULL)
		return STORE_ERR_NOMEM;
	pthread_mutex_lock(&s->lock);
	rc = identical_definitive_locked(s, station, text, numbers, max, n);
	pthread_mutex_unlock(&s->lock);
	free(text);
	return rc;
}
