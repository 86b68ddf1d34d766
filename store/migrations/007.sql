-- Version 7: later sessions (issue 12). Session 1 is the count; when its
-- final export stands the committee may meet again (session 2, 3, ...),
-- investigate stations and correct their figures. A session is finished by
-- its first final export, which keeps every station's definitive figures as
-- they then stood (session_form) and the documents' bytes, so that nothing
-- of an earlier session is ever changed and its files can be written again.
ALTER TABLE committee_session ADD COLUMN opened_at TEXT NOT NULL DEFAULT '';
ALTER TABLE committee_session ADD COLUMN finished_at TEXT;  -- NULL while the session is open

CREATE TABLE investigation (    -- a station investigated in a later session
	session         INTEGER NOT NULL CHECK (session > 1),
	station         INTEGER NOT NULL REFERENCES station(number),
	reason          TEXT NOT NULL,
	csb_reference   TEXT NOT NULL DEFAULT '',   -- the CSB's request, when it asked
	-- the reasons of kr:ReportingUnitInvestigations
	admitted_voters_reestablished INTEGER NOT NULL DEFAULT 0
	                CHECK (admitted_voters_reestablished IN (0, 1)),
	ballots_partially_recounted   INTEGER NOT NULL DEFAULT 0
	                CHECK (ballots_partially_recounted IN (0, 1)),
	other_reason    INTEGER NOT NULL DEFAULT 0 CHECK (other_reason IN (0, 1)),
	opened_at       TEXT NOT NULL,
	opened_by       TEXT NOT NULL,
	entries_started INTEGER NOT NULL DEFAULT 0 CHECK (entries_started IN (0, 1)),
	findings        TEXT,            -- NULL while open
	corrected       INTEGER CHECK (corrected IS NULL OR corrected IN (0, 1)),
	concluded_at    TEXT,
	concluded_by    TEXT,
	PRIMARY KEY (session, station)
) STRICT;
CREATE TRIGGER investigation_no_delete BEFORE DELETE ON investigation
	BEGIN SELECT RAISE(ABORT, 'investigations are kept'); END;

CREATE TABLE session_form (     -- every station's definitive figures when a session finished
	session        INTEGER NOT NULL CHECK (session > 0),
	station        INTEGER NOT NULL,
	form           TEXT NOT NULL,
	first_account  INTEGER,         -- the typists of the two entries then (a conclusion
	second_account INTEGER,         -- without corrections gives the station back as it was)
	PRIMARY KEY (session, station)
) STRICT;
CREATE TRIGGER session_form_no_update BEFORE UPDATE ON session_form
	BEGIN SELECT RAISE(ABORT, 'a finished session''s figures are kept as they were'); END;
CREATE TRIGGER session_form_no_delete BEFORE DELETE ON session_form
	BEGIN SELECT RAISE(ABORT, 'a finished session''s figures are kept as they were'); END;

ALTER TABLE export ADD COLUMN session INTEGER NOT NULL DEFAULT 1;
ALTER TABLE export_file ADD COLUMN bytes BLOB;  -- a final export's file, byte for byte

-- A count finished before this version: session 1 is finished at its final export
-- (without a row of its own, store/later.c reads that moment from the exports).
UPDATE committee_session SET finished_at = (SELECT min(made_at) FROM export
	WHERE draft = 0 AND withdrawn_at IS NULL)
	WHERE number = 1 AND EXISTS (SELECT 1 FROM meta WHERE key = 'count_exported_at');
