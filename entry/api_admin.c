/*
 * The JSON API's administrator routes: the connected laptops, the hours and
 * costs ledger with its invoice, and the backup download. Routes: api.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/date.h"
#include "entry/internal.h"

/* ---- administrator ---- */

/* The accounts themselves: api_accounts.c. */

static void api_sessions(struct req *r)
{
	struct store_session *s;
	size_t n, i;
	json_t *a;

	if (store_sessions_list(server_store(r->srv), (long)time(NULL), SESSION_IDLE_MAX, &s, &n) != STORE_OK) {
		req_internal(r);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "user",
		                      s[i].account.name, "role", s[i].account.role, "address",
		                      s[i].address, "user_agent", s[i].user_agent, "started",
		                      s[i].started, "last_seen", (json_int_t)s[i].last_seen));
	free(s);
	req_json(r, 200, a);
}

/* ---- hours and costs (administrator) ---- */

static json_t *money_json(costs_cents c)
{
	char buf[32];

	costs_format_money(c, buf, sizeof buf);
	return json_string(buf);
}

static json_t *line_json(const struct costs_line *l, costs_cents amount)
{
	char t[32];
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)l->id, "kind",
	                      costs_kind_name(l->kind), "kind_label", costs_kind_label(l->kind),
	                      "person", l->person, "date", l->date, "description", l->description);

	if (l->kind == COSTS_HOURS) {
		snprintf(t, sizeof t, "%02d:%02d", l->from_min / 60, l->from_min % 60);
		json_object_set_new(o, "from", json_string(t));
		snprintf(t, sizeof t, "%02d:%02d", l->to_min / 60, l->to_min % 60);
		json_object_set_new(o, "to", json_string(t));
		json_object_set_new(o, "activity", json_string(costs_activity_name(l->activity)));
		json_object_set_new(o, "activity_label", json_string(costs_activity_label(l->activity)));
		/* a line past midnight: its end is on the next day ("21:00-03:00 (+1 dag)") */
		json_object_set_new(o, "next_day", json_boolean(costs_line_next_day(l)));
		json_object_set_new(o, "minutes", json_integer(costs_line_minutes(l)));
		costs_format_span_nl(l->from_min, l->to_min, t, sizeof t);
		json_object_set_new(o, "span", json_string(t));
	}
	json_object_set_new(o, "km", l->km >= 0 ? json_integer(l->km) : json_null());
	json_object_set_new(o, "count", l->kind == COSTS_LAPTOPS ? json_integer(l->count) : json_null());
	json_object_set_new(o, "days", l->kind == COSTS_LAPTOPS ? json_integer(l->days) : json_null());
	json_object_set_new(o, "amount", l->amount >= 0 ? money_json(l->amount) : json_null());
	json_object_set_new(o, "line_cents", json_integer(amount));
	json_object_set_new(o, "line_amount", money_json(amount));
	return o;
}

static void api_costs(struct req *r)
{
	struct ledger led;
	json_t *lines, *kinds, *persons, *o;
	size_t i;
	int k;

	if (ledger_load(server_store(r->srv), &led) != 0) {
		req_internal(r);
		return;
	}
	lines = json_array();
	for (i = 0; i < led.nlines; i++)
		json_array_append_new(lines, line_json(&led.lines[i], led.amounts[i]));
	kinds = json_array();
	for (k = 0; k < COSTS_KIND__MAX; k++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:I, s:o}", "kind",
		                      costs_kind_name((enum costs_kind)k), "label",
		                      costs_kind_label((enum costs_kind)k), "cents",
		                      (json_int_t)led.summary.by_kind[k], "amount",
		                      money_json(led.summary.by_kind[k])));
	persons = json_array();
	for (i = 0; i < led.summary.npersons; i++) {
		char h[24];

		snprintf(h, sizeof h, "%ld:%02ld", led.summary.persons[i].minutes / 60,
		         led.summary.persons[i].minutes % 60);
		json_array_append_new(persons, json_pack("{s:s, s:I, s:s, s:I, s:o}", "person",
		                      led.summary.persons[i].person, "minutes",
		                      (json_int_t)led.summary.persons[i].minutes, "hours", h, "cents",
		                      (json_int_t)led.summary.persons[i].amount, "amount",
		                      money_json(led.summary.persons[i].amount)));
	}
	{
		char vat[16];

		snprintf(vat, sizeof vat, "%d.%02d", led.rates.vat_basis_points / 100,
		         led.rates.vat_basis_points % 100);
		o = json_pack("{s:{s:o, s:o, s:o, s:s, s:b, s:s, s:s, s:s, s:s}, s:o, s:{s:o, s:o, "
		              "s:I, s:o, s:I, s:o, s:I, s:o}}",
		              "settings", "hourly", money_json(led.settings.hourly), "laptop_day",
		              money_json(led.settings.laptop_day), "per_km",
		              money_json(led.settings.per_km), "vat", vat, "rates_set",
		              led.settings.rates_set, "provider_name", led.settings.provider_name,
		              "provider_address", led.settings.provider_address, "invoice_number",
		              led.settings.invoice_number, "invoice_date", led.settings.invoice_date,
		              "lines", lines, "summary", "by_kind", kinds, "persons", persons,
		              "net_cents", (json_int_t)led.summary.net, "net", money_json(led.summary.net),
		              "vat_cents", (json_int_t)led.summary.vat, "vat", money_json(led.summary.vat),
		              "total_cents", (json_int_t)led.summary.total, "total",
		              money_json(led.summary.total));
		if (o != NULL) {
			json_t *st = json_object_get(o, "settings");

			json_object_set_new(st, "provider_kvk", json_string(led.settings.provider_kvk));
			json_object_set_new(st, "provider_vat", json_string(led.settings.provider_vat));
			json_object_set_new(st, "provider_iban", json_string(led.settings.provider_iban));
		}
	}
	ledger_free(&led);
	req_json(r, 200, o ? o : json_object());
}

/* A string member, or NULL; 1 when present but not a string (answered 400). */
static int str_member(struct req *r, const json_t *b, const char *key, const char **out)
{
	const json_t *v = json_object_get(b, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_real(v) && (strcmp(key, "km") == 0 || strcmp(key, "count") == 0 ||
	                        strcmp(key, "days") == 0)) {
		req_error(r, 422, "refused", "Kilometers, aantallen en dagen zijn hele getallen.");
		return 1;
	}
	if (json_is_real(v) || (json_is_integer(v) && strcmp(key, "km") != 0 &&
	                        strcmp(key, "count") != 0 && strcmp(key, "days") != 0)) {
		req_error(r, 422, "refused", "Geef bedragen als tekst, bijvoorbeeld \"57.25\".");
		return 1;
	}
	if (!json_is_string(v) && !json_is_integer(v)) {
		req_error(r, 400, "bad_json", "Een veld heeft niet de goede soort waarde.");
		return 1;
	}
	*out = json_string_value(v);
	return 0;
}

static void api_costs_settings(struct req *r)
{
	static const char *const keys[11] = {"hourly", "laptop_day", "per_km", "vat",
	                                     "provider_name", "provider_address", "invoice_number",
	                                     "invoice_date", "provider_kvk", "provider_vat",
	                                     "provider_iban"};
	struct ledger_settings_text t;
	const char *v[11];
	char msg[320];
	json_t *b = req_body_json(r);
	int i, rc;

	if (b == NULL)
		return;
	for (i = 0; i < 11; i++)
		if (str_member(r, b, keys[i], &v[i]) != 0)
			goto out;
	t = (struct ledger_settings_text){v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
	                                  v[9], v[10]};
	rc = ledger_settings_update(server_store(r->srv), &t, &r->actor, 1, NULL, msg, sizeof msg);
	if (rc == LEDGER_REFUSED)
		req_error(r, 422, "refused", msg);
	else if (rc != LEDGER_OK)
		req_internal(r);
	else
		req_json(r, 200, json_object());
out:
	json_decref(b);
}

static void api_costs_line(struct req *r)
{
	static const char *const keys[] = {"kind", "person", "date", "from", "to", "activity", "km",
	                                   "amount", "count", "days", "category", "description"};
	const char *v[12];
	char num[3][24], why[300];
	struct ledger_text t;
	struct costs_line l;
	json_t *b = req_body_json(r);
	size_t i;
	int rc, edit = strcmp(r->method, "PUT") == 0;

	if (b == NULL)
		return;
	for (i = 0; i < 12; i++) {
		const json_t *j = json_object_get(b, keys[i]);

		if (str_member(r, b, keys[i], &v[i]) != 0)
			goto out;
		/* km, count and days may come as numbers: as text for the shared parser. */
		if (j != NULL && json_is_integer(j) && (i == 6 || i == 8 || i == 9)) {
			snprintf(num[i == 6 ? 0 : i == 8 ? 1 : 2], sizeof num[0], "%lld",
			         (long long)json_integer_value(j));
			v[i] = num[i == 6 ? 0 : i == 8 ? 1 : 2];
		}
	}
	t = (struct ledger_text){v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
	                         v[11]};
	if (ledger_line_parse(&t, &l, 1, why, sizeof why) != LEDGER_OK) {
		req_error(r, 422, "refused", why);
		goto out;
	}
	l.id = edit ? r->param[0] : 0;
	rc = ledger_put(server_store(r->srv), &l, &r->actor, 1, why, sizeof why);
	if (rc == LEDGER_REFUSED)
		req_error(r, 422, "refused", why);
	else if (rc == LEDGER_NOT_FOUND)
		req_error(r, 404, "not_found", why);
	else if (rc != LEDGER_OK)
		req_internal(r);
	else
		req_json(r, edit ? 200 : 201, json_pack("{s:I}", "id", (json_int_t)l.id));
out:
	json_decref(b);
}

static void api_costs_remove(struct req *r)
{
	int rc = store_costs_remove(server_store(r->srv), r->param[0], &r->actor);

	if (rc == STORE_ERR_NOT_FOUND)
		req_error(r, 404, "not_found", "Deze regel bestaat niet.");
	else if (rc != STORE_OK)
		req_internal(r);
	else
		req_json(r, 200, json_object());
}

static void api_invoice(struct req *r)
{
	struct ledger_invoice inv;
	char why[300];
	int pdf = strstr(r->url, ".pdf") != NULL;
	int rc = ledger_invoice_build(server_store(r->srv), &r->actor, &inv, why, sizeof why);

	if (rc == LEDGER_REFUSED) {
		req_error(r, 409, "refused", why);
		return;
	}
	if (rc != LEDGER_OK) {
		req_internal(r);
		return;
	}
	req_download(r, pdf ? inv.pdf_name : inv.csv_name, pdf ? inv.pdf : inv.csv,
	         pdf ? inv.pdf_len : inv.csv_len, pdf ? "application/pdf" : "text/csv; charset=utf-8");
	ledger_invoice_free(&inv);
}

/* ---- backup (administrator) ---- */

/* A consistent copy of the database, downloaded (to keep on a USB stick). */
static void api_backup(struct req *r)
{
	char path[] = "/tmp/teller-backup-XXXXXX", name[64], stamp[32];
	unsigned char *bytes;
	struct stat st;
	FILE *f;
	time_t now = time(NULL);
	int fd = mkstemp(path);

	if (fd < 0) {
		req_internal(r);
		return;
	}
	close(fd);
	unlink(path); /* store_backup makes it anew, exclusively */
	if (store_backup(server_store(r->srv), path) != STORE_OK || stat(path, &st) != 0 ||
	    (f = fopen(path, "rb")) == NULL) {
		unlink(path);
		req_internal(r);
		return;
	}
	bytes = malloc((size_t)st.st_size + 1);
	if (bytes == NULL || fread(bytes, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		fclose(f);
		free(bytes);
		unlink(path);
		req_internal(r);
		return;
	}
	fclose(f);
	unlink(path);
	store_audit(server_store(r->srv), &r->actor, "backup", "downloaded");
	date_local(now, "%Y%m%d-%H%M%S", stamp, sizeof stamp);
	snprintf(name, sizeof name, "teller-backup-%s.db", stamp);
	r->raw = (char *)bytes;
	r->raw_len = (size_t)st.st_size;
	r->content_type = "application/vnd.sqlite3";
	req_attachment(r, name);
	r->status = 200;
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/laptops", R_ADMIN, SESSION, api_sessions},
	{"GET", "/api/backup", R_ADMIN, SESSION, api_backup},
	{"GET", "/api/costs", R_ADMIN, SESSION, api_costs},
	{"PUT", "/api/costs/settings", R_ADMIN, SESSION, api_costs_settings},
	{"POST", "/api/costs/lines", R_ADMIN, SESSION, api_costs_line},
	{"PUT", "/api/costs/lines/{n}", R_ADMIN, SESSION, api_costs_line},
	{"DELETE", "/api/costs/lines/{n}", R_ADMIN, SESSION, api_costs_remove},
	{"GET", "/api/costs/invoice.pdf", R_ADMIN, SESSION, api_invoice},
	{"GET", "/api/costs/invoice.csv", R_ADMIN, SESSION, api_invoice},
};
const struct api_routes api_admin_routes = {routes, sizeof routes / sizeof routes[0]};
