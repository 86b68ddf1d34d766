/*
 * The store's part of double data entry (accounts and sessions: accounts.c).
 *
 * A count form is stored as text: its values in the paper's order
 * (tally_form_field), separated by spaces, "-" for an empty field. The shape
 * (lists, candidates, voter cards) comes from the election, so the text holds
 * only numbers, and two forms are equal exactly when their texts are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* ---- the form's shape and text ---- */

void store_shape_invalidate(struct store *s)
{
	tally_lists_free(s->shape, s->nshape);
	s->shape = NULL;
	s->nshape = 0;
	s->shape_valid = 0;
}

/* Loads the lists (candidates' count is all that matters) while locked. */
static int shape_load(struct store *s)
{
	struct tally_election e;
	sqlite3_stmt *st;
	struct tally_list *l = NULL;
	size_t n = 0, i;
	int rc;

	if (s->shape_valid)
		return STORE_OK;
	if ((rc = store_election_get_locked(s, &e)) != STORE_OK)
		return rc;
	if (store_prepare(s, "SELECT l.number, l.name, count(c.position) FROM list l LEFT JOIN "
	                     "candidate c ON c.list_number = l.number GROUP BY l.number "
	                     "ORDER BY l.number", &st) != STORE_OK)
		return STORE_ERR_IO;
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_reset(st);
	if (n > 0 && (l = calloc(n, sizeof *l)) == NULL) {
		sqlite3_finalize(st);
		return STORE_ERR_NOMEM;
	}
	for (i = 0; i < n && sqlite3_step(st) == SQLITE_ROW; i++) {
		l[i].number = sqlite3_column_int(st, 0);
		store_col_copy(st, 1, l[i].name, sizeof l[i].name);
		l[i].ncandidates = (size_t)sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	s->shape = l;
	s->nshape = n;
	s->shape_voter_cards = tally_category_has_voter_cards(e.category);
	s->shape_valid = 1;
	return STORE_OK;
}

int store_form_shape(struct store *s, const struct tally_list **lists, size_t *n,
                     int *has_voter_cards)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = shape_load(s);
	if (rc == STORE_OK) {
		*lists = s->shape;
		*n = s->nshape;
		*has_voter_cards = s->shape_voter_cards;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static struct tally_form *form_new_locked(struct store *s)
{
	if (shape_load(s) != STORE_OK || s->nshape == 0)
		return NULL;
	return tally_form_new(s->shape, s->nshape, s->shape_voter_cards);
}

struct tally_form *store_form_new(struct store *s)
{
	struct tally_form *f;

	pthread_mutex_lock(&s->lock);
	f = form_new_locked(s);
	pthread_mutex_unlock(&s->lock);
	return f;
}

/* The form as text; malloc'd, caller frees. NULL when out of memory. */
static char *form_text(const struct tally_form *f)
{
	size_t n = tally_form_nfields(f), i, len = 0, cap = n * 11 + 1;
	char *t = malloc(cap);
	long *v;

	if (t == NULL)
		return NULL;
	t[0] = '\0';
	for (i = 0; i < n; i++) {
		if (tally_form_field(f, i, NULL, 0, &v) != 0) {
			free(t);
			return NULL;
		}
		if (*v == TALLY_EMPTY)
			len += (size_t)snprintf(t + len, cap - len, "%s-", i ? " " : "");
		else
			len += (size_t)snprintf(t + len, cap - len, "%s%ld", i ? " " : "", *v);
	}
	return t;
}

/* Parses a form's text against the shape; NULL when it does not fit (a broken row). */
static struct tally_form *form_parse_locked(struct store *s, const char *text)
{
	struct tally_form *f = form_new_locked(s);
	size_t n, i;
	const char *p = text;
	char *end;
	long *v;

	if (f == NULL || text == NULL)
		goto bad;
	n = tally_form_nfields(f);
	for (i = 0; i < n; i++) {
		while (*p == ' ')
			p++;
		if (tally_form_field(f, i, NULL, 0, &v) != 0 || *p == '\0')
			goto bad;
		if (*p == '-' && (p[1] == ' ' || p[1] == '\0')) {
			*v = TALLY_EMPTY;
			p++;
			continue;
		}
		*v = strtol(p, &end, 10);
		if (end == p || *v < 0 || *v > TALLY_COUNT_MAX)
			goto bad;
		p = end;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		goto bad;
	return f;
bad:
	tally_form_free(f);
	return NULL;
}

/* Paths as one space-separated text and back. */
static char *paths_text(const struct tally_paths *p)
{
	size_t i, len = 0, cap = p->n * TALLY_PATH_MAX + 1;
	char *t = malloc(cap);

	if (t == NULL)
		return NULL;
	t[0] = '\0';
	for (i = 0; i < p->n; i++)
		len += (size_t)snprintf(t + len, cap - len, "%s%s", i ? " " : "", p->path[i]);
	return t;
}

static int paths_parse(const char *t, struct tally_paths *out)
{
	size_t n = 0, i = 0;
	const char *p;

	memset(out, 0, sizeof *out);
	if (t == NULL || *t == '\0')
		return 0;
	for (p = t; *p; p++)
		if (*p == ' ')
			n++;
	n++;
	if ((out->path = calloc(n, sizeof *out->path)) == NULL)
		return -1;
	for (p = t; *p && i < n;) {
		size_t len = strcspn(p, " ");

		if (len > 0 && len < TALLY_PATH_MAX) {
			memcpy(out->path[i], p, len);
			out->path[i][len] = '\0';
			i++;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	out->n = i;
	return 0;
}

/* ---- entries ---- */

void store_entry_clear(struct store_entry *e)
{
	if (e == NULL)
		return;
	tally_form_free(e->form);
	tally_paths_free(&e->cleared);
	memset(e, 0, sizeof *e);
}

/*
 * Reads an entry; with_form 0 leaves out->form NULL (a save keeps only the
 * stored progress and cleared fields: no need to parse the whole form).
 */
static int entry_get_locked(struct store *s, int station, int entry_no, int with_form,
                            struct store_entry *out)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND;

	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT e.account_id, a.name, e.form, e.progress, e.finalised, "
	                     "e.has_errors, e.has_warnings, e.warnings_confirmed, e.cleared, e.revision "
	                     "FROM entry e JOIN account a ON a.id = e.account_id "
	                     "WHERE e.station_number = ? AND e.entry_no = ?", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->entry_no = entry_no;
		out->account_id = sqlite3_column_int64(st, 0);
		store_col_copy(st, 1, out->account_name, sizeof out->account_name);
		if (with_form)
			out->form = form_parse_locked(s, (const char *)sqlite3_column_text(st, 2));
		store_col_copy(st, 3, out->progress, sizeof out->progress);
		out->finalised = sqlite3_column_int(st, 4);
		out->has_errors = sqlite3_column_int(st, 5);
		out->has_warnings = sqlite3_column_int(st, 6);
		out->warnings_confirmed = sqlite3_column_int(st, 7);
		out->revision = sqlite3_column_int64(st, 9);
		rc = (out->form != NULL || !with_form) &&
		     paths_parse((const char *)sqlite3_column_text(st, 8), &out->cleared) == 0 ?
		     STORE_OK : STORE_ERR_IO;
	}
	sqlite3_finalize(st);
	if (rc != STORE_OK && rc != STORE_ERR_NOT_FOUND)
		store_entry_clear(out);
	return rc;
}

int store_entry_get(struct store *s, int station, int entry_no, struct store_entry *out)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	rc = entry_get_locked(s, station, entry_no, 1, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/*
 * The next entry revision: one counter for every entry, so a revision is never
 * given twice, not even to an entry made again after a reset.
 */
static int next_revision(struct store *s, long *rev)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_IO;

	if (store_exec_fixed(s, "INSERT INTO meta (key, value) VALUES ('entry_revision', '1') "
	                        "ON CONFLICT (key) DO UPDATE SET value = "
	                        "CAST(CAST(value AS INTEGER) + 1 AS TEXT)") != STORE_OK ||
	    store_prepare(s, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'entry_revision'",
	                  &st) != STORE_OK)
		return STORE_ERR_IO;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*rev = sqlite3_column_int64(st, 0);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int store_entry_revision(struct store *s, int station, int entry_no, long *rev)
{
	sqlite3_stmt *st;
	int rc = STORE_ERR_NOT_FOUND;

	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT revision FROM entry WHERE station_number = ? AND entry_no = ?",
	                  &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*rev = sqlite3_column_int64(st, 0);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* Writes (inserts or replaces) an entry row with a new revision (*rev, when not NULL). */
static int entry_put_rev(struct store *s, int station, int entry_no, long account,
                         const struct tally_form *form, const char *progress, int finalised,
                         int has_errors, int has_warnings, int confirmed, const char *cleared,
                         long *rev)
{
	sqlite3_stmt *st;
	char at[32], *text;
	long revision = 0;
	int rc;

	if (next_revision(s, &revision) != STORE_OK)
		return STORE_ERR_IO;
	if ((text = form_text(form)) == NULL)
		return STORE_ERR_NOMEM;
	store_now(at);
	if (store_prepare(s, "INSERT INTO entry (station_number, entry_no, account_id, form, progress, "
	                     "finalised, has_errors, has_warnings, warnings_confirmed, cleared, "
	                     "updated_at, revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
	                     "ON CONFLICT (station_number, entry_no) DO UPDATE SET "
	                     "account_id = excluded.account_id, form = excluded.form, "
	                     "progress = excluded.progress, finalised = excluded.finalised, "
	                     "has_errors = excluded.has_errors, has_warnings = excluded.has_warnings, "
	                     "warnings_confirmed = excluded.warnings_confirmed, "
	                     "cleared = excluded.cleared, updated_at = excluded.updated_at, "
	                     "revision = excluded.revision",
	                  &st) != STORE_OK) {
		free(text);
		return STORE_ERR_IO;
	}
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	sqlite3_bind_int64(st, 3, account);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, progress ? progress : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, finalised ? 1 : 0);
	sqlite3_bind_int(st, 7, has_errors ? 1 : 0);
	sqlite3_bind_int(st, 8, has_warnings ? 1 : 0);
	sqlite3_bind_int(st, 9, confirmed ? 1 : 0);
	sqlite3_bind_text(st, 10, cleared ? cleared : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, revision);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	free(text);
	if (rc == STORE_OK && rev != NULL)
		*rev = revision;
	return rc;
}

static int entry_put(struct store *s, int station, int entry_no, long account,
                     const struct tally_form *form, const char *progress, int finalised,
                     int has_errors, int has_warnings, int confirmed, const char *cleared)
{
	return entry_put_rev(s, station, entry_no, account, form, progress, finalised, has_errors,
	                     has_warnings, confirmed, cleared, NULL);
}

static int entry_delete(struct store *s, int station, int entry_no)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(s, "DELETE FROM entry WHERE station_number = ? AND entry_no = ?", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	return rc;
}

/* Rewrites an entry under another number (move or swap), keeping everything else. */
static int entry_rewrite(struct store *s, int station, int entry_no, const struct store_entry *e)
{
	char *cleared = paths_text(&e->cleared);
	int rc;

	if (cleared == NULL)
		return STORE_ERR_NOMEM;
	rc = entry_put(s, station, entry_no, e->account_id, e->form, e->progress, e->finalised,
	               e->has_errors, e->has_warnings, e->warnings_confirmed, cleared);
	free(cleared);
	return rc;
}

/* Sets whether an entry counts as finalised (a returned or corrected entry is open again). */
static int entry_set_open(struct store *s, int station, int entry_no)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(s, "UPDATE entry SET finalised = 0, warnings_confirmed = 0 "
	                     "WHERE station_number = ? AND entry_no = ?", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_int(st, 1, station);
	sqlite3_bind_int(st, 2, entry_no);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	return rc;
}

static int state_put(struct store *s, int station, const struct tally_station_state *t)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(s, "UPDATE station SET status = ?, first_user = ?, second_user = ?, "
	                     "first_has_errors = ?, second_has_errors = ?, correcting = ? "
	                     "WHERE number = ?", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_text(st, 1, tally_status_name(t->status), -1, SQLITE_STATIC);
	if (t->first_user > 0)
		sqlite3_bind_int64(st, 2, t->first_user);
	else
		sqlite3_bind_null(st, 2);
	if (t->second_user > 0)
		sqlite3_bind_int64(st, 3, t->second_user);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, t->first_has_errors);
	sqlite3_bind_int(st, 5, t->second_has_errors);
	sqlite3_bind_int(st, 6, t->correcting);
	sqlite3_bind_int(st, 7, station);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	return rc;
}

/* The data effects of an OK transition, in the order tally/count.h gives. */
static int apply_data(struct store *s, int station, const struct store_action *a,
                      const struct tally_station_state *before,
                      const struct tally_station_state *after)
{
	unsigned data = tally_event_data(a->ev.kind);
	struct store_entry e1 = {0}, e2 = {0};
	struct tally_form *empty = NULL;
	struct tally_paths diff = {0};
	char *cleared = NULL;
	int rc = STORE_OK, no = a->entry_no, finalising;

	finalising = a->ev.kind == TALLY_EV_FINALISE_1 || a->ev.kind == TALLY_EV_FINALISE_2;
	/* A claim opens the entry with an empty form (resuming keeps what is there). */
	if ((a->ev.kind == TALLY_EV_CLAIM_1 || a->ev.kind == TALLY_EV_CLAIM_2) &&
	    before->status != after->status) {
		if ((empty = form_new_locked(s)) == NULL)
			return STORE_ERR_STATE;
		rc = entry_put_rev(s, station, no, a->ev.actor, empty, "", 0, 0, 0, 0, "",
		                   a->revision_out);
		tally_form_free(empty);
		return rc;
	}
	if (data & (TALLY_DATA_WRITE_1 | TALLY_DATA_WRITE_2)) {
		struct store_entry cur = {0};

		if ((rc = entry_get_locked(s, station, no, a->form == NULL, &cur)) != STORE_OK)
			return rc == STORE_ERR_NOT_FOUND ? STORE_ERR_STATE : rc;
		/* A copy that started from another revision would overwrite newer work. */
		if (a->revision > 0 && a->revision != cur.revision) {
			store_entry_clear(&cur);
			return STORE_ERR_STALE;
		}
		if ((cleared = paths_text(&cur.cleared)) == NULL) {
			store_entry_clear(&cur);
			return STORE_ERR_NOMEM;
		}
		rc = entry_put_rev(s, station, no, a->ev.actor, a->form ? a->form : cur.form,
		                   a->progress ? a->progress : cur.progress, finalising,
		                   finalising ? a->ev.has_errors : 0, finalising ? a->has_warnings : 0,
		                   finalising ? a->warnings_confirmed : 0, finalising ? "" : cleared,
		                   a->revision_out);
		free(cleared);
		cleared = NULL;
		store_entry_clear(&cur);
		if (rc != STORE_OK)
			return rc;
	}
	if ((data & TALLY_DATA_DROP_1) && (rc = entry_delete(s, station, 1)) != STORE_OK)
		return rc;
	if ((data & TALLY_DATA_DROP_2) && (rc = entry_delete(s, station, 2)) != STORE_OK)
		return rc;
	if (data & (TALLY_DATA_MOVE_2_TO_1 | TALLY_DATA_SWAP)) {
		if ((rc = entry_get_locked(s, station, 2, 1, &e2)) != STORE_OK)
			goto out;
		rc = entry_get_locked(s, station, 1, 1, &e1);
		if (rc != STORE_OK && !(rc == STORE_ERR_NOT_FOUND && (data & TALLY_DATA_MOVE_2_TO_1)))
			goto out;
		if ((rc = entry_delete(s, station, 1)) != STORE_OK ||
		    (rc = entry_delete(s, station, 2)) != STORE_OK ||
		    (rc = entry_rewrite(s, station, 1, &e2)) != STORE_OK)
			goto out;
		if ((data & TALLY_DATA_SWAP) && (rc = entry_rewrite(s, station, 2, &e1)) != STORE_OK)
			goto out;
		store_entry_clear(&e1);
		store_entry_clear(&e2);
	}
	if (data & TALLY_DATA_CLEAR_DIFF_2) {
		if ((rc = entry_get_locked(s, station, 1, 1, &e1)) != STORE_OK ||
		    (rc = entry_get_locked(s, station, 2, 1, &e2)) != STORE_OK)
			goto out;
		if (tally_form_diff(e1.form, e2.form, &diff) != 0 ||
		    tally_form_clear_paths(e2.form, &diff) != 0 || (cleared = paths_text(&diff)) == NULL) {
			rc = STORE_ERR_NOMEM;
			goto out;
		}
		rc = entry_put(s, station, 2, e2.account_id, e2.form, "", 0, 0, 0, 0, cleared);
		if (rc != STORE_OK)
			goto out;
	}
	/* An entry that is in progress again (returned, corrected) is open. */
	if (after->status == TALLY_STATUS_FIRST_IN_PROGRESS && before->status != after->status)
		rc = entry_set_open(s, station, 1);
out:
	free(cleared);
	tally_paths_free(&diff);
	store_entry_clear(&e1);
	store_entry_clear(&e2);
	return rc;
}

static int state_changed(const struct tally_station_state *a, const struct tally_station_state *b)
{
	return a->status != b->status || a->first_user != b->first_user ||
	       a->second_user != b->second_user || a->first_has_errors != b->first_has_errors ||
	       a->second_has_errors != b->second_has_errors || a->correcting != b->correcting;
}

/* Records who changed the station's state last, and how (told to a typist whose entry went). */
static int changed_put(struct store *s, int station, const struct store_actor *who,
                       const char *action)
{
	sqlite3_stmt *st;
	char at[32];
	int rc;

	store_now(at);
	if (store_prepare(s, "UPDATE station SET changed_by = ?, changed_action = ?, changed_at = ? "
	                     "WHERE number = ?", &st) != STORE_OK)
		return STORE_ERR_IO;
	sqlite3_bind_text(st, 1, who && who->name ? who->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, action ? action : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, station);
	rc = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : STORE_ERR_IO;
	sqlite3_finalize(st);
	return rc;
}

int store_apply(struct store *s, int station, const struct store_action *a,
                const struct store_actor *who, enum tally_verdict *verdict,
                struct tally_station_state *after)
{
	struct store_station_full cur;
	struct tally_event ev;
	char detail[256];
	int rc;

	*verdict = TALLY_V_WRONG_STATE;
	pthread_mutex_lock(&s->lock);
	if ((rc = store_begin(s)) != STORE_OK)
		goto out;
	if ((rc = store_station_full_locked(s, station, &cur)) != STORE_OK)
		goto done;
	ev = a->ev;
	ev.count_finished = store_count_finished_locked(s) != 0; /* when in doubt, closed */
	*verdict = tally_transition(&cur.state, &ev, after);
	if (*verdict != TALLY_OK) {
		rc = STORE_ERR_STATE; /* rolls back; reported as STORE_OK below */
		goto done;
	}
	if ((rc = apply_data(s, station, a, &cur.state, after)) != STORE_OK)
		goto done;
	if ((rc = state_put(s, station, after)) != STORE_OK)
		goto done;
	if (state_changed(&cur.state, after) &&
	    (rc = changed_put(s, station, who, tally_event_name(a->ev.kind))) != STORE_OK)
		goto done;
	/* A definitive station that is no longer: the count is open again, and the next final
	 * export is a new one with a moment of its own. */
	if (cur.state.status == TALLY_STATUS_DEFINITIVE && after->status != TALLY_STATUS_DEFINITIVE &&
	    (rc = store_exec_fixed(s, "DELETE FROM meta WHERE key = 'count_exported_at'")) != STORE_OK)
		goto done;
	/* Every action, saves included, in the same transaction as the change itself. */
	snprintf(detail, sizeof detail, "station %d%s%s: %s -> %s%s%.40s", station,
	         a->entry_no ? " entry " : "", a->entry_no == 1 ? "1" : a->entry_no == 2 ? "2" : "",
	         tally_status_name(cur.state.status), tally_status_name(after->status),
	         a->progress ? " at " : "", a->progress ? a->progress : "");
	rc = store_audit_locked(s, who, tally_event_name(a->ev.kind), detail);
done:
	rc = store_finish(s, rc);
	if (*verdict != TALLY_OK && rc == STORE_ERR_STATE)
		rc = STORE_OK;
	else if (rc == STORE_ERR_STALE)
		*verdict = TALLY_OK;
out:
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int store_definitive_forms(struct store *s, struct tally_form ***forms, int **numbers, size_t *n)
{
	sqlite3_stmt *st;
	struct tally_form **f = NULL;
	int *num = NULL;
	size_t cnt = 0, i = 0;
	int rc = STORE_OK;

	*forms = NULL;
	*numbers = NULL;
	*n = 0;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT s.number, e.form FROM station s JOIN entry e ON "
	                     "e.station_number = s.number AND e.entry_no = 1 "
	                     "WHERE s.status = 'definitive' ORDER BY s.number", &st) != STORE_OK) {
		pthread_mutex_unlock(&s->lock);
		return STORE_ERR_IO;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		cnt++;
	sqlite3_reset(st);
	if (cnt > 0 && ((f = calloc(cnt, sizeof *f)) == NULL || (num = calloc(cnt, sizeof *num)) == NULL))
		rc = STORE_ERR_NOMEM;
	while (rc == STORE_OK && i < cnt && sqlite3_step(st) == SQLITE_ROW) {
		num[i] = sqlite3_column_int(st, 0);
		if ((f[i] = form_parse_locked(s, (const char *)sqlite3_column_text(st, 1))) == NULL)
			rc = STORE_ERR_IO;
		i++;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&s->lock);
	if (rc != STORE_OK) {
		store_forms_free(f, num, cnt);
		return rc;
	}
	*forms = f;
	*numbers = num;
	*n = i;
	return STORE_OK;
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
	sqlite3_stmt *st;
	char *text = form_text(form);
	int rc = STORE_OK;

	*n = 0;
	if (text == NULL)
		return STORE_ERR_NOMEM;
	pthread_mutex_lock(&s->lock);
	if (store_prepare(s, "SELECT s.number FROM station s JOIN entry e ON e.station_number = s.number "
	                     "AND e.entry_no = 1 WHERE s.status = 'definitive' AND s.number <> ? "
	                     "AND e.form = ? ORDER BY s.number", &st) != STORE_OK) {
		rc = STORE_ERR_IO;
	} else {
		sqlite3_bind_int(st, 1, station);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
		while (*n < max && sqlite3_step(st) == SQLITE_ROW)
			numbers[(*n)++] = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&s->lock);
	free(text);
	return rc;
}
