-- Teller's database: the whole election in one SQLite file.
-- This is version 1, the one source of the schema together with the
-- migrations: a new database is made from it and then brought up to date by
-- store/migrations/NNN.sql in order, one file per version step, exactly as an
-- old database is (store/store.c); the version is kept in PRAGMA user_version.
-- Never change this file or a migration that has been released: add a
-- migration. The columns and tables of a version are read in these files
-- together (e.g. station: here, 002.sql and 004.sql).

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
	           'first_done','first_has_errors','second_in_progress','different','definitive'))
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
	created_at  TEXT NOT NULL
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
