/*
 * Every SQL statement of the store, in one table (as kcgi's sqlbox keeps
 * them): store_sql() prepares each on first use and store_close finalizes
 * them. Values are always bound (?), never formatted into the text.
 */
#include "store/internal.h"

/* 1 while the account (table alias t) has a change awaiting a coordinator's confirmation. */
#define UNCONFIRMED(t) "EXISTS (SELECT 1 FROM account_change c WHERE c.account_id = " t ".id " \
	"AND c.confirmed_at IS NULL) "
#define ACCOUNT_COLS "id, name, role, pw_hash, must_change, created_at, coalesce(last_login, ''), " \
	"disabled, " UNCONFIRMED("account")
#define SESSION_COLS "s.account_id, s.address, s.user_agent, s.started, s.last_seen, " \
	"a.id, a.name, a.role, a.pw_hash, a.must_change, a.created_at, coalesce(a.last_login, ''), " \
	"a.disabled "
#define SESSION_FROM "FROM session s JOIN account a ON a.id = s.account_id "
#define STATION_COLS "s.number, s.name, s.postcode, s.electorate, s.status, s.first_user, " \
	"s.second_user, s.first_has_errors, s.second_has_errors, s.correcting, " \
	"coalesce(a1.name, ''), coalesce(a2.name, ''), " \
	"(SELECT count(*) FROM entry e WHERE e.station_number = s.number AND e.finalised = 1 " \
	"AND e.has_warnings = 1), s.changed_by, s.changed_action, s.changed_at, " \
	"(SELECT e.progress FROM entry e WHERE e.station_number = s.number AND e.finalised = 0 " \
	"ORDER BY e.entry_no DESC LIMIT 1), " \
	"(SELECT e.updated_at FROM entry e WHERE e.station_number = s.number AND e.finalised = 0 " \
	"ORDER BY e.entry_no DESC LIMIT 1) " \
	"FROM station s LEFT JOIN account a1 ON a1.id = s.first_user " \
	"LEFT JOIN account a2 ON a2.id = s.second_user "
#define AUDIT_COLS "SELECT id, at, actor, role, address, action, detail, "
#define DEFINITIVE "FROM station s JOIN entry e ON e.station_number = s.number AND e.entry_no = 1 " \
	"WHERE s.status = 'definitive' "
#define INVESTIGATION_COLS "session, station, reason, csb_reference, " \
	"admitted_voters_reestablished, ballots_partially_recounted, other_reason, opened_at, " \
	"opened_by, entries_started, concluded_at IS NOT NULL, coalesce(findings, ''), " \
	"coalesce(corrected, 0), coalesce(concluded_at, ''), coalesce(concluded_by, '') " \
	"FROM investigation "
#define COSTS_COLS "kind, person, date, from_min, to_min, activity, km, count, days, amount, " \
	"description, updated_at"

const char *const store_sql_text[SQL__MAX] = {
	[SQL_BEGIN] = "BEGIN IMMEDIATE",
	[SQL_BEGIN_READ] = "BEGIN DEFERRED",
	[SQL_COMMIT] = "COMMIT",
	[SQL_ROLLBACK] = "ROLLBACK",
	[SQL_USER_VERSION] = "PRAGMA user_version",
	[SQL_DATA_VERSION] = "PRAGMA data_version",

	[SQL_META_GET] = "SELECT value FROM meta WHERE key = ?",
	[SQL_META_SET] = "INSERT INTO meta (key, value) VALUES (?, ?) "
	                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[SQL_META_ADD] = "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
	[SQL_META_DELETE] = "DELETE FROM meta WHERE key = ?",
	/* One counter for every entry's revision: never given twice. */
	[SQL_REVISION_NEXT] = "INSERT INTO meta (key, value) VALUES ('entry_revision', '1') "
	                      "ON CONFLICT (key) DO UPDATE SET value = "
	                      "CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
	                      "RETURNING CAST(value AS INTEGER)",
	[SQL_SECRET_GET] = "SELECT value FROM secret WHERE name = ?",
	[SQL_SECRET_PRIVATE_COUNT] = "SELECT count(*) FROM secret WHERE name IN "
	                             "('signing_key', 'tls_key', 'tls_ca_key', 'cms_key')",
	[SQL_SECRET_DELETE_PRIVATE] = "DELETE FROM secret WHERE name IN "
	                              "('signing_key', 'tls_key', 'tls_ca_key', 'cms_key')",
	[SQL_SECRET_SET] = "INSERT INTO secret (name, value) VALUES (?, ?) "
	                   "ON CONFLICT (name) DO UPDATE SET value = excluded.value",

	[SQL_AUDIT_LAST] = "SELECT hash, id FROM audit ORDER BY id DESC LIMIT 1",
	[SQL_AUDIT_INSERT] = "INSERT INTO audit (at, actor, role, address, action, detail, "
	                     "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
	[SQL_AUDIT_CHAIN] = AUDIT_COLS "prev_hash, hash FROM audit WHERE id > ? ORDER BY id LIMIT ?",
	[SQL_AUDIT_ALL] = AUDIT_COLS "hash FROM audit ORDER BY id",
	[SQL_AUDIT_COUNT] = "SELECT count(*) FROM audit",
	[SQL_AUDIT_QUERY] = AUDIT_COLS "hash FROM audit WHERE id < ?1 AND "
	                    "(?2 IS NULL OR actor = ?2 COLLATE NOCASE) AND "
	                    "(?3 IS NULL OR action = ?3) ORDER BY id DESC",
	[SQL_AUDIT_ACTIONS] = "SELECT DISTINCT action FROM audit ORDER BY action",
	/* Only while the update trigger is dropped, to seal the log under a key (keys.c). */
	[SQL_AUDIT_RELINK] = "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = CAST(? AS INTEGER)",

	[SQL_ELECTION_GET] = "SELECT eml_id, name, category, subcategory, domain_id, domain_name, "
	                     "election_date, nomination_date, seats, preference_threshold "
	                     "FROM election WHERE id = 1",
	[SQL_ELECTION_INSERT] = "INSERT INTO election (id, eml_id, name, category, subcategory, "
	                        "domain_id, domain_name, election_date, nomination_date, seats, "
	                        "preference_threshold) VALUES (1,?,?,?,?,?,?,?,?,?,?)",
	[SQL_REGION_INSERT] = "INSERT OR IGNORE INTO region (number, category, superior_number, "
	                      "superior_category) VALUES (?,?,?,?)",
	[SQL_REGIONS_GET] = "SELECT number, category, superior_number, superior_category FROM region "
	                    "ORDER BY category, number",
	[SQL_IMPORT_INSERT] = "INSERT INTO import (kind, file_name, sha256, hash_checked, bytes, "
	                      "imported_at, imported_by) VALUES (?,?,?,?,?,?,?)",
	[SQL_ENTRY_BEGUN] = "SELECT count(*) FROM station WHERE status <> 'empty'",
	[SQL_STATIONS_DELETE] = "DELETE FROM station",
	[SQL_STATION_INSERT] = "INSERT INTO station (number, name, postcode, electorate) "
	                       "VALUES (?,?,?,?)",
	[SQL_STATIONS_GET] = "SELECT number, name, postcode, electorate, status FROM station "
	                     "ORDER BY number",
	[SQL_LISTS_DELETE] = "DELETE FROM list",
	[SQL_LIST_INSERT] = "INSERT INTO list (number, name) VALUES (?,?)",
	[SQL_CANDIDATE_INSERT] = "INSERT INTO candidate (list_number, position, initials, first_name, "
	                         "prefix, last_name, gender, locality) VALUES (?,?,?,?,?,?,?,?)",
	[SQL_LISTS_GET] = "SELECT number, name, (SELECT count(*) FROM candidate c WHERE "
	                  "c.list_number = list.number) FROM list ORDER BY number",
	[SQL_CANDIDATES_GET] = "SELECT position, initials, first_name, prefix, last_name, gender, "
	                       "locality FROM candidate WHERE list_number = ? ORDER BY position",
	[SQL_LISTS_COUNT] = "SELECT count(*) FROM list",
	[SQL_SHAPE] = "SELECT l.number, l.name, count(c.position) FROM list l LEFT JOIN "
	              "candidate c ON c.list_number = l.number GROUP BY l.number ORDER BY l.number",

	[SQL_ACCOUNT_INSERT] = "INSERT INTO account (name, role, pw_hash, must_change, created_at) "
	                       "VALUES (?,?,?,?,?)",
	/* ?1 IS NULL: every account; otherwise those of the role. */
	[SQL_ACCOUNT_COUNT] = "SELECT count(*) FROM account WHERE ?1 IS NULL OR role = ?1",
	[SQL_ACCOUNT_BY_NAME] = "SELECT " ACCOUNT_COLS "FROM account WHERE name = ? COLLATE NOCASE",
	[SQL_ACCOUNT_BY_ID] = "SELECT " ACCOUNT_COLS "FROM account WHERE id = ?",
	[SQL_ACCOUNTS_LIST] = "SELECT " ACCOUNT_COLS "FROM account ORDER BY name COLLATE NOCASE",
	[SQL_ACCOUNT_SET_PASSWORD] = "UPDATE account SET pw_hash = ?2, must_change = ?3 WHERE id = ?1",
	[SQL_ACCOUNT_SET_DISABLED] = "UPDATE account SET disabled = ?2 WHERE id = ?1",
	[SQL_ADMINS_OTHER] = "SELECT count(*) FROM account WHERE role = 'administrator' AND "
	                     "disabled = 0 AND id <> ?",
	[SQL_ACCOUNT_LOGIN] = "UPDATE account SET last_login = ?2 WHERE id = ?1",
	[SQL_SESSION_INSERT] = "INSERT INTO session (token_hash, account_id, address, user_agent, "
	                       "started, last_seen) VALUES (?,?,?,?,?,?)",
	/* A disabled account has no session: disabling deletes them, and one made by a login
	 * racing the disabling is not found either. */
	/* The last column: the login's time in seconds since 1970 (NULL if unreadable). */
	[SQL_SESSION_GET] = "SELECT " SESSION_COLS ", CAST(strftime('%s', s.started) AS INTEGER), "
	                    UNCONFIRMED("a") SESSION_FROM "WHERE s.token_hash = ? AND a.disabled = 0",
	[SQL_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?",
	[SQL_SESSION_TOUCH] = "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1",
	/* ?2 NULL: every session of the account. */
	[SQL_SESSIONS_END] = "DELETE FROM session WHERE account_id = ?1 AND "
	                     "(?2 IS NULL OR token_hash <> ?2)",
	/* accounts made or changed after data entry began (store/confirm.c) */
	[SQL_ENTRY_BEGAN_MARK] = "INSERT OR IGNORE INTO meta (key, value) VALUES ('entry_began_at', ?)",
	[SQL_ACCOUNT_CHANGE_NOTE] = "INSERT INTO account_change (account_id, kind, role, at, by_actor, "
	                            "by_role) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "
	                            "meta WHERE key = 'entry_began_at')",
	[SQL_ACCOUNT_CHANGES] = "SELECT c.id, c.account_id, a.name, c.kind, c.role, c.at, c.by_actor, "
	                        "c.by_role, coalesce(c.confirmed_at, ''), coalesce(c.confirmed_by, ''), "
	                        "a.disabled FROM account_change c JOIN account a ON a.id = c.account_id "
	                        "ORDER BY c.id",
	[SQL_ACCOUNT_PENDING] = "SELECT count(*) FROM account_change WHERE account_id = ? AND "
	                        "confirmed_at IS NULL",
	[SQL_ACCOUNT_CONFIRM] = "UPDATE account_change SET confirmed_at = ?2, confirmed_by = ?3 "
	                        "WHERE account_id = ?1 AND confirmed_at IS NULL",
	[SQL_SESSIONS_LIST] = "SELECT " SESSION_COLS SESSION_FROM "WHERE s.last_seen >= ? AND "
	                      "a.disabled = 0 ORDER BY s.last_seen DESC",

	[SQL_STATIONS_FULL] = "SELECT " STATION_COLS "ORDER BY s.number",
	[SQL_STATION_FULL] = "SELECT " STATION_COLS "WHERE s.number = ?",
	[SQL_STATION_STATE] = "SELECT status, first_user, second_user, first_has_errors, "
	                      "second_has_errors, correcting, electorate FROM station "
	                      "WHERE number = ?",
	[SQL_STATION_STATE_PUT] = "UPDATE station SET status = ?, first_user = ?, second_user = ?, "
	                          "first_has_errors = ?, second_has_errors = ?, correcting = ? "
	                          "WHERE number = ?",
	[SQL_STATION_CHANGED_PUT] = "UPDATE station SET changed_by = ?, changed_action = ?, "
	                            "changed_at = ? WHERE number = ?",
	[SQL_ENTRY_GET] = "SELECT e.account_id, a.name, e.form, e.progress, e.finalised, "
	                  "e.has_errors, e.has_warnings, e.warnings_confirmed, e.cleared, e.revision "
	                  "FROM entry e JOIN account a ON a.id = e.account_id "
	                  "WHERE e.station_number = ? AND e.entry_no = ?",
	[SQL_ENTRY_REVISION] = "SELECT revision FROM entry WHERE station_number = ? AND entry_no = ?",
	[SQL_ENTRY_PUT] = "INSERT INTO entry (station_number, entry_no, account_id, form, progress, "
	                  "finalised, has_errors, has_warnings, warnings_confirmed, cleared, "
	                  "updated_at, revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
	                  "ON CONFLICT (station_number, entry_no) DO UPDATE SET "
	                  "account_id = excluded.account_id, form = excluded.form, "
	                  "progress = excluded.progress, finalised = excluded.finalised, "
	                  "has_errors = excluded.has_errors, has_warnings = excluded.has_warnings, "
	                  "warnings_confirmed = excluded.warnings_confirmed, "
	                  "cleared = excluded.cleared, updated_at = excluded.updated_at, "
	                  "revision = excluded.revision",
	[SQL_ENTRY_DELETE] = "DELETE FROM entry WHERE station_number = ? AND entry_no = ?",
	[SQL_ENTRY_REOPEN] = "UPDATE entry SET finalised = 0, warnings_confirmed = 0 "
	                     "WHERE station_number = ? AND entry_no = ?",
	[SQL_DEFINITIVE_FORMS] = "SELECT s.number, e.form " DEFINITIVE "ORDER BY s.number",
	[SQL_IDENTICAL] = "SELECT s.number " DEFINITIVE "AND s.number <> ? AND e.form = ? "
	                  "ORDER BY s.number",

	[SQL_EXPORT_INSERT] = "INSERT INTO export (draft, created, made_at, made_by, "
	                      "stations_definitive, stations_total, session) VALUES (?,?,?,?,?,?,?)",
	[SQL_EXPORT_FILE_INSERT] = "INSERT INTO export_file (export_id, name, hash_code, size, "
	                           "bytes) VALUES (?,?,?,?,?)",
	[SQL_EXPORTS_LIST] = "SELECT id, draft, created, made_at, made_by, stations_definitive, "
	                     "stations_total, withdrawn_at, coalesce(withdrawn_by, ''), "
	                     "coalesce(withdrawn_reason, ''), session FROM export ORDER BY id DESC",
	[SQL_EXPORT_FILES] = "SELECT name, hash_code, size FROM export_file WHERE export_id = ? "
	                     "ORDER BY rowid",
	[SQL_EXPORT_WITHDRAW] = "UPDATE export SET withdrawn_at = ?, withdrawn_by = ?, "
	                        "withdrawn_reason = ? WHERE draft = 0 AND withdrawn_at IS NULL "
	                        "AND session = ?",

	[SQL_COSTS_SETTINGS_GET] = "SELECT hourly, laptop_day, per_km, vat_bp, rates_set, "
	                           "provider_name, provider_address, invoice_number, invoice_date, "
	                           "provider_kvk, provider_vat, provider_iban FROM costs_settings "
	                           "WHERE id = 1",
	[SQL_COSTS_SETTINGS_PUT] = "INSERT INTO costs_settings (id, hourly, laptop_day, per_km, "
	                           "vat_bp, rates_set, provider_name, provider_address, "
	                           "invoice_number, invoice_date, provider_kvk, provider_vat, "
	                           "provider_iban) VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?) "
	                           "ON CONFLICT (id) DO UPDATE SET hourly = excluded.hourly, "
	                           "laptop_day = excluded.laptop_day, per_km = excluded.per_km, "
	                           "vat_bp = excluded.vat_bp, rates_set = excluded.rates_set, "
	                           "provider_name = excluded.provider_name, "
	                           "provider_address = excluded.provider_address, "
	                           "invoice_number = excluded.invoice_number, "
	                           "invoice_date = excluded.invoice_date, "
	                           "provider_kvk = excluded.provider_kvk, "
	                           "provider_vat = excluded.provider_vat, "
	                           "provider_iban = excluded.provider_iban",
	[SQL_COSTS_LIST] = "SELECT id, kind, person, date, from_min, to_min, activity, km, count, "
	                   "days, amount, description FROM costs_line ORDER BY CASE kind "
	                   "WHEN 'hours' THEN 0 WHEN 'travel' THEN 1 WHEN 'laptops' THEN 2 "
	                   "WHEN 'switch' THEN 3 WHEN 'cabling' THEN 4 ELSE 5 END, date, "
	                   "person, from_min, id",
	[SQL_COSTS_INSERT] = "INSERT INTO costs_line (" COSTS_COLS ") "
	                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	[SQL_COSTS_UPDATE] = "UPDATE costs_line SET (" COSTS_COLS ") = "
	                     "(?,?,?,?,?,?,?,?,?,?,?,?) WHERE id = ?",
	[SQL_COSTS_DELETE] = "DELETE FROM costs_line WHERE id = ?",

	[SQL_COMMITTEE_GET] = "SELECT place, date, start_time, end_time, members, updated_at "
	                      "FROM committee_session WHERE number = ?",
	[SQL_COMMITTEE_PUT] = "INSERT INTO committee_session (number, place, date, start_time, "
	                      "end_time, members, updated_at) VALUES (?,?,?,?,?,?,?) "
	                      "ON CONFLICT (number) DO UPDATE SET place = excluded.place, "
	                      "date = excluded.date, start_time = excluded.start_time, "
	                      "end_time = excluded.end_time, members = excluded.members, "
	                      "updated_at = excluded.updated_at",
	[SQL_PROJECTOR_ACTIVE] = "SELECT count(*) FROM projector_link WHERE revoked_at IS NULL",
	[SQL_PROJECTOR_INSERT] = "INSERT INTO projector_link (token_hash, created_by, created_at) "
	                         "VALUES (?,?,?)",
	[SQL_PROJECTOR_LIST] = "SELECT id, created_by, created_at, revoked_at FROM projector_link "
	                       "ORDER BY id DESC",
	[SQL_PROJECTOR_STATE] = "SELECT revoked_at IS NULL FROM projector_link WHERE id = ?",
	[SQL_PROJECTOR_REVOKE] = "UPDATE projector_link SET revoked_at = ? WHERE id = ?",
	[SQL_PROJECTOR_FIND] = "SELECT id FROM projector_link WHERE token_hash = ? "
	                       "AND revoked_at IS NULL",

	[SQL_LOTS_GET] = "SELECT list, candidate FROM result_lot WHERE withdrawn_at IS NULL "
	                 "ORDER BY seq",
	[SQL_LOT_INSERT] = "INSERT INTO result_lot (list, candidate, drawn_at, drawn_by) "
	                   "VALUES (?,?,?,?)",
	[SQL_LOTS_WITHDRAW] = "UPDATE result_lot SET withdrawn_at = ? WHERE withdrawn_at IS NULL",
	[SQL_DECEASED_GET] = "SELECT list, candidate FROM result_deceased ORDER BY list, candidate",
	[SQL_DECEASED_INSERT] = "INSERT INTO result_deceased (list, candidate, recorded_at, "
	                        "recorded_by) VALUES (?,?,?,?)",
	/* the last lot, deceased candidate or 510b: what the result is made from besides the count */
	[SQL_RESULT_CHANGED] = "SELECT max(coalesce((SELECT max(drawn_at) FROM result_lot WHERE "
	                       "withdrawn_at IS NULL), ''), coalesce((SELECT max(recorded_at) FROM "
	                       "result_deceased), ''), coalesce((SELECT max(imported_at) FROM count_file), "
	                       "''))",
	[SQL_COUNT_FILE_GET] = "SELECT file_name, bytes, sha256, imported_at FROM count_file "
	                       "ORDER BY id DESC LIMIT 1",
	/* bound as SQL_IMPORT_INSERT (?1 the kind, which this table does not keep) */
	[SQL_COUNT_FILE_INSERT] = "INSERT INTO count_file (file_name, sha256, hash_checked, bytes, "
	                          "imported_at, imported_by) VALUES (?2, ?3, ?4, ?5, ?6, ?7)",
	[SQL_CANDIDATE_EXISTS] = "SELECT count(*) FROM candidate WHERE list_number = ? AND "
	                         "position = ?",

	/* store_dump: secrets and file bytes as lengths only. */
	[SQL_LATER_CURRENT] = "SELECT coalesce(max(number), 1) FROM committee_session",
	/* Session 1 is there without a row of its own: finished at its standing final export. */
	[SQL_LATER_SESSIONS] = "SELECT 1, '', '', '', coalesce((SELECT min(made_at) FROM export "
	                       "WHERE session = 1 AND draft = 0 AND withdrawn_at IS NULL), '') "
	                       "WHERE NOT EXISTS (SELECT 1 FROM committee_session WHERE number = 1) "
	                       "UNION ALL SELECT number, date, place, opened_at, "
	                       "coalesce(finished_at, '') FROM committee_session ORDER BY 1",
	[SQL_LATER_OPEN] = "INSERT INTO committee_session (number, date, place, opened_at, "
	                   "updated_at) VALUES (?,?,?,?,?)",
	[SQL_LATER_FINISH] = "UPDATE committee_session SET finished_at = ? WHERE number = ? AND "
	                     "finished_at IS NULL",
	[SQL_LATER_UNFINISH] = "UPDATE committee_session SET finished_at = NULL WHERE number = ?",
	[SQL_SESSION_FORM_COUNT] = "SELECT count(*) FROM session_form WHERE session = ?",
	[SQL_SESSION_FORM_SNAPSHOT] = "INSERT INTO session_form (session, station, form, "
	                              "first_account, second_account) SELECT ?, s.number, e.form, "
	                              "s.first_user, s.second_user " DEFINITIVE "ORDER BY s.number",
	[SQL_SESSION_FORMS] = "SELECT station, form FROM session_form WHERE session = ? "
	                      "ORDER BY station",
	[SQL_SESSION_FORM_GET] = "SELECT form, first_account, second_account FROM session_form "
	                         "WHERE session = ? AND station = ?",
	[SQL_INVESTIGATION_GET] = "SELECT " INVESTIGATION_COLS "WHERE session = ? AND station = ?",
	[SQL_INVESTIGATIONS] = "SELECT " INVESTIGATION_COLS "WHERE session = ? ORDER BY station",
	[SQL_INVESTIGATION_INSERT] = "INSERT INTO investigation (session, station, reason, "
	                             "csb_reference, admitted_voters_reestablished, "
	                             "ballots_partially_recounted, other_reason, opened_at, "
	                             "opened_by) VALUES (?,?,?,?,?,?,?,?,?)",
	[SQL_INVESTIGATION_START] = "UPDATE investigation SET entries_started = 1 "
	                            "WHERE session = ? AND station = ?",
	[SQL_INVESTIGATION_CONCLUDE] = "UPDATE investigation SET findings = ?, corrected = ?, "
	                               "concluded_at = ?, concluded_by = ? WHERE session = ? AND "
	                               "station = ? AND concluded_at IS NULL",
	[SQL_INVESTIGATIONS_OPEN] = "SELECT count(*) FROM investigation WHERE session = ? AND "
	                            "concluded_at IS NULL",
	[SQL_EXPORT_BYTES] = "SELECT x.draft, f.name, f.bytes FROM export x LEFT JOIN export_file f "
	                     "ON f.export_id = x.id WHERE x.id = ? ORDER BY f.rowid",

	[SQL_DUMP_FIRST] = "SELECT 'meta', key, value FROM meta ORDER BY key",
	[SQL_DUMP_FIRST + 1] = "SELECT 'secret', name, length(value) FROM secret ORDER BY name",
	[SQL_DUMP_FIRST + 2] = "SELECT 'election', * FROM election",
	[SQL_DUMP_FIRST + 3] = "SELECT 'region', * FROM region ORDER BY category, number",
	[SQL_DUMP_FIRST + 4] = "SELECT 'station', * FROM station ORDER BY number",
	[SQL_DUMP_FIRST + 5] = "SELECT 'list', * FROM list ORDER BY number",
	[SQL_DUMP_FIRST + 6] = "SELECT 'candidate', * FROM candidate ORDER BY list_number, position",
	[SQL_DUMP_FIRST + 7] = "SELECT 'import', id, kind, file_name, sha256, hash_checked, "
	                       "length(bytes), imported_by FROM import ORDER BY id",
	[SQL_DUMP_FIRST + 8] = "SELECT 'account', id, name, role, must_change, disabled FROM account "
	                       "ORDER BY id",
	[SQL_DUMP_FIRST + 9] = "SELECT 'costs_settings', * FROM costs_settings",
	[SQL_DUMP_FIRST + 10] = "SELECT 'costs_line', id, kind, person, date, from_min, to_min, "
	                        "activity, km, count, days, amount, description FROM costs_line "
	                        "ORDER BY id",
	[SQL_DUMP_FIRST + 11] = "SELECT 'result_lot', * FROM result_lot ORDER BY seq",
	[SQL_DUMP_FIRST + 12] = "SELECT 'result_deceased', * FROM result_deceased "
	                        "ORDER BY list, candidate",
	[SQL_DUMP_FIRST + 13] = "SELECT 'count_file', id, file_name, sha256, hash_checked, "
	                        "length(bytes), imported_by FROM count_file ORDER BY id",
	[SQL_DUMP_FIRST + 14] = "SELECT 'account_change', * FROM account_change ORDER BY id",
	[SQL_DUMP_LAST] = "SELECT 'audit', id, actor, role, address, action, detail, hash FROM audit "
	                  "ORDER BY id",
};
