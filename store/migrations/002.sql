-- Version 2: double data entry and sessions.
ALTER TABLE station ADD COLUMN first_user INTEGER REFERENCES account(id);
ALTER TABLE station ADD COLUMN second_user INTEGER REFERENCES account(id);
ALTER TABLE station ADD COLUMN first_has_errors INTEGER NOT NULL DEFAULT 0;
ALTER TABLE station ADD COLUMN second_has_errors INTEGER NOT NULL DEFAULT 0;
ALTER TABLE station ADD COLUMN correcting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN last_login TEXT;

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
