-- Version 3: the ICT partner's hours and costs (domain.md §7). Money in whole cents.
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
	invoice_date     TEXT NOT NULL DEFAULT ''
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
