/*
 * Later sessions (domain.md §9): the actions the command line and the pages
 * share. Each checks its input, asks the store (which asks tally/later.h inside
 * its transaction), and says how it went: an English line for `teller`, the
 * refusal's code for the HTTP layer to map (tally_later_code, _message).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/utf8.h"
#include "act/act.h"

static void set(struct later_outcome *out, enum later_status st, const char *why)
{
	out->status = st;
	snprintf(out->why, sizeof out->why, "%s", why);
}

/* Maps a store result; refused is the tally_later the store gave with STORE_ERR_STATE. */
static void from_store(struct store *s, int rc, int refused, struct later_outcome *out)
{
	if (rc == STORE_OK)
		set(out, LATER_OK, "done");
	else if (rc == STORE_ERR_STATE) {
		out->refused = (enum tally_later)refused;
		set(out, LATER_REFUSED, tally_later_reason(out->refused));
	} else if (rc == STORE_ERR_NOT_FOUND)
		set(out, LATER_NOT_FOUND, "there is no polling station with that number");
	else if (rc == STORE_ERR_EXISTS)
		set(out, LATER_EXISTS, "a polling station with that number exists");
	else {
		out->status = LATER_FAILED;
		snprintf(out->why, sizeof out->why, "the database failed: %s", store_last_error(s));
	}
}

/*
 * Whether text is valid UTF-8 without control characters, at most max bytes, with
 * at least min visible characters (a reason or findings; min 0: may be empty).
 */
static int text_ok(const char *text, size_t min, size_t max)
{
	size_t len = strlen(text), i = 0, k, visible = 0;
	unsigned long c;

	if (len > max)
		return 0;
	for (; i < len; i += k) {
		if ((k = utf8_char(text + i, len - i, &c)) == 0 || c < 0x20 ||
		    (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
		    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
			return 0;
		visible += c != ' ';
	}
	return visible >= min;
}

void later_session_new(struct store *s, const char *date, const char *place,
                       const struct store_actor *who, struct later_outcome *out)
{
	struct store_committee_session *cs = calloc(1, sizeof *cs);
	int rc, refused = 0;

	memset(out, 0, sizeof *out);
	if (cs == NULL) {
		set(out, LATER_FAILED, "out of memory");
		return;
	}
	/* The date and the place are checked as the committee's session details are. */
	if (strlen(date) >= sizeof cs->date || strlen(place) >= sizeof cs->place) {
		set(out, LATER_INVALID, "a date is YYYY-MM-DD; a place at most 200 characters");
		goto done;
	}
	memcpy(cs->date, date, strlen(date) + 1);
	memcpy(cs->place, place, strlen(place) + 1);
	cs->number = 2;
	if (committee_session_check(cs, 0, out->why, sizeof out->why) != 0) {
		out->status = LATER_INVALID;
		goto done;
	}
	rc = store_later_open(s, date, place, who, &out->session, &refused);
	from_store(s, rc, refused, out);
done:
	free(cs);
}

void later_investigate(struct store *s, const struct store_investigation *in,
                       const struct store_actor *who, struct later_outcome *out)
{
	int rc, refused = 0;

	memset(out, 0, sizeof *out);
	if (in->station < 1) {
		set(out, LATER_INVALID, "a polling station's number is 1 or more");
		return;
	}
	if (!text_ok(in->reason, LIMIT_REASON_MIN, LIMIT_REASON_MAX)) {
		snprintf(out->why, sizeof out->why, "the reason must have %d to %d characters",
		         LIMIT_REASON_MIN, LIMIT_REASON_MAX);
		out->status = LATER_INVALID;
		return;
	}
	if (!text_ok(in->csb_reference, 0, LIMIT_REASON_MAX)) {
		snprintf(out->why, sizeof out->why, "the CSB's reference has at most %d characters, "
		         "no control characters", LIMIT_REASON_MAX);
		out->status = LATER_INVALID;
		return;
	}
	rc = store_investigation_open(s, in, who, &refused);
	from_store(s, rc, refused, out);
}

void later_conclude(struct store *s, int station, const char *findings, int corrected,
                    const struct store_actor *who, struct later_outcome *out)
{
	int rc, refused = 0;

	memset(out, 0, sizeof *out);
	if (station < 1) {
		set(out, LATER_INVALID, "a polling station's number is 1 or more");
		return;
	}
	if (!text_ok(findings, LIMIT_REASON_MIN, LIMIT_REASON_MAX)) {
		snprintf(out->why, sizeof out->why, "the findings must have %d to %d characters",
		         LIMIT_REASON_MIN, LIMIT_REASON_MAX);
		out->status = LATER_INVALID;
		return;
	}
	rc = store_investigation_conclude(s, station, findings, corrected, who, &refused);
	from_store(s, rc, refused, out);
}

void later_station_add(struct store *s, const struct tally_station *st,
                       const struct store_actor *who, struct later_outcome *out)
{
	int rc, refused = 0;

	memset(out, 0, sizeof *out);
	if (st->number < 1 || st->number > 99999) {
		set(out, LATER_INVALID, "a polling station's number is 1 to 99999");
		return;
	}
	if (!text_ok(st->name, 1, sizeof st->name - 1) || !text_ok(st->postcode, 0, 15)) {
		set(out, LATER_INVALID, "the name must be printable text; the postcode at most 15 "
		    "characters");
		return;
	}
	rc = store_station_add(s, st, who, &refused);
	from_store(s, rc, refused, out);
}

/* The form of station n in forms/numbers (sorted), or NULL. */
static const struct tally_form *form_of(struct tally_form **forms, const int *numbers, size_t n,
                                        int number)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (numbers[i] == number)
			return forms[i];
	return NULL;
}

void later_export_free(struct later_export *x)
{
	free(x->investigations);
	free(x->stations);
	store_forms_free(x->now_forms, x->now_numbers, x->nnow);
	store_forms_free(x->before_forms, x->before_numbers, x->nbefore);
	memset(x, 0, sizeof *x);
}

/* Every station now or before, in number order, with its figures and investigation. */
static int stations_join(struct later_export *x)
{
	size_t i = 0, j = 0, k;

	if ((x->stations = calloc(x->nnow + x->nbefore + 1, sizeof *x->stations)) == NULL)
		return -1;
	while (i < x->nnow || j < x->nbefore) {
		struct later_station *t = &x->stations[x->nstations++];

		t->number = j >= x->nbefore || (i < x->nnow && x->now_numbers[i] <= x->before_numbers[j]) ?
		            x->now_numbers[i] : x->before_numbers[j];
		t->now = form_of(x->now_forms, x->now_numbers, x->nnow, t->number);
		t->before = form_of(x->before_forms, x->before_numbers, x->nbefore, t->number);
		i += t->now != NULL;
		j += t->before != NULL;
		for (k = 0; k < x->ninvestigations; k++)
			if (x->investigations[k].station == t->number)
				t->investigation = &x->investigations[k];
		t->changed = t->now == NULL || t->before == NULL || !tally_form_equal(t->now, t->before);
		x->any_changed |= t->changed;
	}
	return 0;
}

int later_export_gather_locked(struct store *s, struct later_export *x, char *why,
                               size_t whysize)
{
	struct store_later_session *all = NULL;
	size_t n = 0, i;
	int rc, finished;

	memset(x, 0, sizeof *x);
	rc = store_later_current_locked(s, &x->session, &finished);
	if (rc == STORE_OK && x->session > 1) {
		rc = store_later_sessions_locked(s, &all, &n);
		for (i = 0; rc == STORE_OK && i < n; i++)
			if (all[i].number == x->session)
				x->info = all[i];
		free(all);
		if (rc == STORE_OK)
			rc = store_investigations_locked(s, x->session, &x->investigations,
			                                 &x->ninvestigations);
		if (rc == STORE_OK)
			rc = store_definitive_forms_locked(s, &x->now_forms, &x->now_numbers, &x->nnow);
		if (rc == STORE_OK)
			rc = store_session_forms_locked(s, x->session - 1, &x->before_forms,
			                                &x->before_numbers, &x->nbefore);
	}
	if (rc != STORE_OK) {
		snprintf(why, whysize, "cannot read the session: %s", store_last_error(s));
		return -1;
	}
	if (x->session > 1 && stations_join(x) != 0) {
		snprintf(why, whysize, "out of memory");
		return -1;
	}
	return 0;
}

int later_export_gather(struct store *s, struct later_export *x, char *why, size_t whysize)
{
	int rc;

	if (store_read_begin(s) != STORE_OK) {
		memset(x, 0, sizeof *x);
		snprintf(why, whysize, "cannot read the session: %s", store_last_error(s));
		return -1;
	}
	rc = later_export_gather_locked(s, x, why, whysize);
	if (store_read_end(s) != STORE_OK && rc == 0) {
		snprintf(why, whysize, "cannot read the session: %s", store_last_error(s));
		rc = -1;
	}
	return rc;
}

/* Writes bytes as dir/name, never over an existing file; whole or absent. 0, or -1. */
static int write_new(const char *dir, const char *name, const void *bytes, size_t len)
{
	char path[4096], tmp[4200];
	FILE *f;
	int ok;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (access(path, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	if ((f = fopen(tmp, "wbx")) == NULL)
		return -1;
	ok = fwrite(bytes, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || link(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	unlink(tmp);
	return 0;
}

enum later_status later_export_write(struct store *s, long id, const char *dir, char *why,
                                     size_t whysize)
{
	struct store_export_bytes *b = NULL;
	size_t n = 0, i;
	int rc = store_export_bytes(s, id, &b, &n);

	if (rc == STORE_ERR_NOT_FOUND || rc == STORE_ERR_STATE) {
		snprintf(why, whysize, rc == STORE_ERR_NOT_FOUND ? "there is no export #%ld" :
		         "export #%ld is a draft or was made before its files were kept", id);
		return rc == STORE_ERR_NOT_FOUND ? LATER_NOT_FOUND : LATER_INVALID;
	}
	if (rc != STORE_OK) {
		snprintf(why, whysize, "cannot read export #%ld: %s", id, store_last_error(s));
		return LATER_FAILED;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		snprintf(why, whysize, "cannot make %s: %s", dir, strerror(errno));
		store_export_bytes_free(b, n);
		return LATER_FAILED;
	}
	for (i = 0; i < n; i++)
		if (write_new(dir, b[i].name, b[i].bytes, b[i].len) != 0) {
			snprintf(why, whysize, "cannot write %s in %s: %s", b[i].name, dir,
			         strerror(errno));
			store_export_bytes_free(b, n);
			return errno == EEXIST ? LATER_EXISTS : LATER_FAILED;
		}
	snprintf(why, whysize, "%zu file(s) written", n);
	store_export_bytes_free(b, n);
	return LATER_OK;
}
