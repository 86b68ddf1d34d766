-- Version 6: accounts made or changed after data entry began (issue 11).
-- Data entry begins with the first claim of an entry (meta entry_began_at,
-- set then and never cleared). An account made, given a new password by
-- somebody else, or enabled again after that moment gets a row here, and
-- may enter or decide counts only once a coordinator (not the account
-- itself) has confirmed it; the PV lists every row with who confirmed it.
CREATE TABLE account_change (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES account(id),
	kind         TEXT NOT NULL CHECK (kind IN ('created', 'password_reset', 'enabled',
	             'role_changed')),
	role         TEXT NOT NULL,              -- the account's role after the change
	at           TEXT NOT NULL,
	by_actor     TEXT NOT NULL,              -- who changed it (an account, or cli:<login>)
	by_role      TEXT NOT NULL,
	confirmed_at TEXT,                       -- NULL: not confirmed yet
	confirmed_by TEXT
) STRICT;
CREATE INDEX account_change_account ON account_change (account_id);
CREATE TRIGGER account_change_no_delete BEFORE DELETE ON account_change
	BEGIN SELECT RAISE(ABORT, 'account changes are kept'); END;

-- A database that is upgraded during the count: entry began at its first
-- station action in the audit log (or now, when the log does not say).
INSERT INTO meta (key, value)
	SELECT 'entry_began_at', coalesce((SELECT min(at) FROM audit WHERE detail LIKE 'station %'),
	                                  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
	WHERE EXISTS (SELECT 1 FROM station WHERE status <> 'empty')
	   OR EXISTS (SELECT 1 FROM entry)
	   OR EXISTS (SELECT 1 FROM meta WHERE key = 'entry_revision');
-- ... and the accounts made or changed after that wait for a coordinator too.
INSERT INTO account_change (account_id, kind, role, at, by_actor, by_role)
	SELECT a.id, 'created', a.role, a.created_at,
	       coalesce((SELECT x.actor FROM audit x WHERE x.action = 'account_add' AND
	                 x.detail = 'account ' || a.name || ' role ' || a.role ORDER BY x.id
	                 LIMIT 1), '-'),
	       coalesce((SELECT x.role FROM audit x WHERE x.action = 'account_add' AND
	                 x.detail = 'account ' || a.name || ' role ' || a.role ORDER BY x.id
	                 LIMIT 1), '-')
	FROM account a, meta m
	WHERE m.key = 'entry_began_at' AND a.created_at > m.value;
INSERT INTO account_change (account_id, kind, role, at, by_actor, by_role)
	SELECT a.id, CASE x.action WHEN 'password_reset' THEN 'password_reset' ELSE 'enabled' END,
	       a.role, x.at, x.actor, x.role
	FROM audit x JOIN account a ON x.detail = 'account ' || a.name, meta m
	WHERE x.action IN ('password_reset', 'account_enable') AND m.key = 'entry_began_at' AND
	      x.at > m.value
	ORDER BY x.id;
