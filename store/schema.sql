-- Teller's database: the whole election in one SQLite file.
-- This is the current schema for a new database. An older database is brought
-- up to date by store/migrations/NNN.sql, one file per version step; the
-- version is kept in PRAGMA user_version (see store/store.c).

CREATE TABLE meta (           -- settings of this installation
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE secret (         -- the signing key and the TLS key and certificate
	name  TEXT PRIMARY KEY,
	value BLOB NOT NULL
) STRICT;

CREATE TABLE election (       -- from the 110a: at most one
	id                   INTEGER PRIMARY KEY CHECK (id = 1),
	eml_id               TEXT NOT NULL,
	name                 TEXT NOT NULL,
	category             TEXT NOT NULL CHECK (category IN ('GR','PS','AB','TK','EP')),
	subcategory          TEXT NOT NULL,
	domain_id            TEXT NOT NULL,
	domain_name          TEXT NOT NULL,
	election_date        TEXT NOT NULL,
	nomination_date      TEXT NOT NULL,
	seats                INTEGER NOT NULL CHECK (seats > 0),
	preference_threshold INTEGER NOT NULL CHECK (preference_threshold BETWEEN 0 AND 100)
) STRICT;

CREATE TABLE region (         -- the 110a's election tree
	number            INTEGER NOT NULL,
	category          TEXT NOT NULL,
	superior_number   INTEGER,
	superior_category TEXT,
	PRIMARY KEY (category, number)
) STRICT;

CREATE TABLE station (        -- from the 110b
	number     INTEGER PRIMARY KEY CHECK (number > 0),
	name       TEXT NOT NULL,
	postcode   TEXT NOT NULL,
	electorate INTEGER CHECK (electorate IS NULL OR electorate >= 0),
	status     TEXT NOT NULL DEFAULT 'empty' CHECK (status IN ('empty','first_in_progress',
	           'first_done','first_has_errors','second_in_progress','different','definitive')),
	first_user        INTEGER REFERENCES account(id),   -- the double-entry state (tally/count.h)
	second_user       INTEGER REFERENCES account(id),
	first_has_errors  INTEGER NOT NULL DEFAULT 0,
	second_has_errors INTEGER NOT NULL DEFAULT 0,
	correcting        INTEGER NOT NULL DEFAULT 0,
	changed_by        TEXT NOT NULL DEFAULT '',         -- who last changed the state, how, when
	changed_action    TEXT NOT NULL DEFAULT '',
	changed_at        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE list (           -- from the 230b
	number INTEGER PRIMARY KEY CHECK (number > 0),
	name   TEXT NOT NULL
) STRICT;

CREATE TABLE candidate (
	list_number INTEGER NOT NULL REFERENCES list(number) ON DELETE CASCADE,
	position    INTEGER NOT NULL CHECK (position > 0),
	initials    TEXT NOT NULL,
	first_name  TEXT NOT NULL,
	prefix      TEXT NOT NULL,
	last_name   TEXT NOT NULL,
	gender      TEXT NOT NULL,
	locality    TEXT NOT NULL,
	PRIMARY KEY (list_number, position)
) STRICT;

CREATE TABLE import (         -- every imported file, byte for byte
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('110a','110b','230b')),
	file_name   TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	hash_checked INTEGER NOT NULL CHECK (hash_checked IN (0, 1)),
	bytes       BLOB NOT NULL,
	imported_at TEXT NOT NULL,
	imported_by TEXT NOT NULL
) STRICT;

CREATE TABLE account (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,
	role        TEXT NOT NULL CHECK (role IN ('typist','coordinator','administrator')),
	pw_hash     TEXT NOT NULL,
	must_change INTEGER NOT NULL CHECK (must_change IN (0, 1)),
	created_at  TEXT NOT NULL,
	last_login  TEXT,
	disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX account_name_nocase ON account (name COLLATE NOCASE);

CREATE TABLE entry (          -- one typist's entry of one station's count form
	station_number     INTEGER NOT NULL REFERENCES station(number) ON DELETE CASCADE,
	entry_no           INTEGER NOT NULL CHECK (entry_no IN (1, 2)),
	account_id         INTEGER NOT NULL REFERENCES account(id),
	form               TEXT NOT NULL,  -- the counts in paper order, see store/entry.c
	progress           TEXT NOT NULL DEFAULT '',
	finalised          INTEGER NOT NULL DEFAULT 0 CHECK (finalised IN (0, 1)),
	has_errors         INTEGER NOT NULL DEFAULT 0 CHECK (has_errors IN (0, 1)),
	has_warnings       INTEGER NOT NULL DEFAULT 0 CHECK (has_warnings IN (0, 1)),
	warnings_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (warnings_confirmed IN (0, 1)),
	cleared            TEXT NOT NULL DEFAULT '',  -- fields cleared for correction, space-separated
	updated_at         TEXT NOT NULL,
	revision           INTEGER NOT NULL DEFAULT 0, -- +1 on every write: a stale copy is refused
	PRIMARY KEY (station_number, entry_no)
) STRICT;

CREATE TABLE session (        -- only the SHA-256 of the token is kept
	token_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	address    TEXT NOT NULL,
	user_agent TEXT NOT NULL,
	started    TEXT NOT NULL,
	last_seen  INTEGER NOT NULL   -- unix seconds
) STRICT;

CREATE TABLE costs_settings (  -- rates and invoice details: at most one row
	id               INTEGER PRIMARY KEY CHECK (id = 1),
	hourly           INTEGER NOT NULL DEFAULT 0 CHECK (hourly >= 0),
	laptop_day       INTEGER NOT NULL DEFAULT 0 CHECK (laptop_day >= 0),
	per_km           INTEGER NOT NULL DEFAULT 0 CHECK (per_km >= 0),
	vat_bp           INTEGER NOT NULL DEFAULT 0 CHECK (vat_bp BETWEEN 0 AND 10000),
	rates_set        INTEGER NOT NULL DEFAULT 0 CHECK (rates_set IN (0, 1)),
	provider_name    TEXT NOT NULL DEFAULT '',
	provider_address TEXT NOT NULL DEFAULT '',
	invoice_number   TEXT NOT NULL DEFAULT '',
	invoice_date     TEXT NOT NULL DEFAULT '',
	provider_kvk     TEXT NOT NULL DEFAULT '',
	provider_vat     TEXT NOT NULL DEFAULT '',
	provider_iban    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE costs_line (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('hours','travel','laptops','switch','cabling','other')),
	person      TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	from_min    INTEGER NOT NULL DEFAULT 0,
	to_min      INTEGER NOT NULL DEFAULT 0,
	activity    TEXT NOT NULL DEFAULT '',
	km          INTEGER NOT NULL DEFAULT -1,
	count       INTEGER NOT NULL DEFAULT 0,
	days        INTEGER NOT NULL DEFAULT 0,
	amount      INTEGER NOT NULL DEFAULT -1,
	description TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE export (          -- every export of the count, draft or final; never deleted
	id                  INTEGER PRIMARY KEY,
	draft               INTEGER NOT NULL CHECK (draft IN (0, 1)),
	created             TEXT NOT NULL,   -- the documents' own moment (kr:CreationDateTime)
	made_at             TEXT NOT NULL,   -- when this export was made
	made_by             TEXT NOT NULL,
	stations_definitive INTEGER NOT NULL,
	stations_total      INTEGER NOT NULL,
	withdrawn_at        TEXT,            -- a final export withdrawn by reopening the count
	withdrawn_by        TEXT,
	withdrawn_reason    TEXT
) STRICT;
CREATE TABLE export_file (
	export_id INTEGER NOT NULL REFERENCES export(id),
	name      TEXT NOT NULL,
	hash_code TEXT NOT NULL,             -- SHA-256 as 16 groups of 4
	size      INTEGER NOT NULL,
	PRIMARY KEY (export_id, name)
) STRICT;
CREATE TRIGGER export_no_delete BEFORE DELETE ON export
	BEGIN SELECT RAISE(ABORT, 'the export history is kept'); END;
CREATE TRIGGER export_file_no_delete BEFORE DELETE ON export_file
	BEGIN SELECT RAISE(ABORT, 'the export history is kept'); END;

CREATE TABLE committee_session (  -- the committee's session(s), as the PV states them
	number     INTEGER PRIMARY KEY CHECK (number > 0),
	place      TEXT NOT NULL DEFAULT '',
	date       TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
	start_time TEXT NOT NULL DEFAULT '',   -- HH:MM
	end_time   TEXT NOT NULL DEFAULT '',   -- HH:MM
	members    TEXT NOT NULL DEFAULT '',   -- the members present, one per line ("name, function")
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE projector_link (  -- read-only progress links; only the token's SHA-256 is kept
	id         INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	revoked_at TEXT
) STRICT;

-- The audit log: append-only, each record chained to the one before by a
-- SHA-256 over (previous hash, record), so a removed or altered line shows.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	role      TEXT NOT NULL,
	address   TEXT NOT NULL,
	action    TEXT NOT NULL,
	detail    TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
	BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
