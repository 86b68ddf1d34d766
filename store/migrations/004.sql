-- Version 4: what election night showed was missing (issue 8).
-- Every export (draft or final) is kept with its files' hash codes; a final
-- export is withdrawn only by the coordinator's explicit reopening. An entry
-- carries a revision, so an old copy never overwrites newer work. A station
-- remembers who changed its state last (told to a typist whose entry went).
-- Accounts can be disabled and are named case-insensitively. The invoice
-- carries the supplier's KvK, VAT number and IBAN. The committee's session
-- details go on the PV. A projector link shows progress without a session.
ALTER TABLE entry ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE station ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE station ADD COLUMN changed_action TEXT NOT NULL DEFAULT '';
ALTER TABLE station ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
CREATE UNIQUE INDEX account_name_nocase ON account (name COLLATE NOCASE);
ALTER TABLE costs_settings ADD COLUMN provider_kvk TEXT NOT NULL DEFAULT '';
ALTER TABLE costs_settings ADD COLUMN provider_vat TEXT NOT NULL DEFAULT '';
ALTER TABLE costs_settings ADD COLUMN provider_iban TEXT NOT NULL DEFAULT '';

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
