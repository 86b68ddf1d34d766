-- Version 5: the result (issue 10). A central electoral committee may work
-- from a municipality's 510b instead of its own count: it is kept byte for
-- byte beside the election's own files (a later one replaces it). The
-- lots the committee drew, in the order drawn, and the candidates who died
-- before the result was determined are kept; a lot drawn on a count that is
-- reopened is withdrawn, never deleted.
CREATE TABLE count_file (       -- a municipality's 510b imported by a central committee
	id INTEGER PRIMARY KEY, file_name TEXT NOT NULL, bytes BLOB NOT NULL,
	sha256 TEXT NOT NULL, hash_checked INTEGER NOT NULL CHECK (hash_checked IN (0, 1)),
	imported_at TEXT NOT NULL, imported_by TEXT NOT NULL
) STRICT;

CREATE TABLE result_lot (       -- every lot drawn for the result, in the order drawn
	seq          INTEGER PRIMARY KEY,
	list         INTEGER NOT NULL CHECK (list > 0),
	candidate    INTEGER NOT NULL DEFAULT 0 CHECK (candidate >= 0), -- 0: a lot between lists
	drawn_at     TEXT NOT NULL,
	drawn_by     TEXT NOT NULL,
	withdrawn_at TEXT           -- the count was reopened after it was drawn
) STRICT;
CREATE TRIGGER result_lot_no_delete BEFORE DELETE ON result_lot
	BEGIN SELECT RAISE(ABORT, 'lots are never deleted'); END;

CREATE TABLE result_deceased (  -- candidates who died before the result was determined (P 19a)
	list        INTEGER NOT NULL CHECK (list > 0),
	candidate   INTEGER NOT NULL CHECK (candidate > 0),
	recorded_at TEXT NOT NULL,
	recorded_by TEXT NOT NULL,
	PRIMARY KEY (list, candidate)
) STRICT;
