#!/bin/sh
# The keys stay home and the audit log cannot be cut (issue 11, findings 1 and 2).
# - No private key is in the database file or in a backup: they live in DB.keys/
#   (mode 0700, files 0600) beside the database. The backup says what it carries.
# - teller restore: on the same laptop it keeps the keys (same fingerprint) and
#   records the rewind; on a new laptop it needs --new-keys and says so.
# - An old database (keys in the table, plain SHA-256 chain) is upgraded on open.
# - The audit chain is an HMAC under a key in DB.keys/ and its head is anchored
#   there: each way of tampering below makes `teller audit --verify` fail and
#   `teller serve` refuse to start.
# usage: sh tests/cli_keys.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start keys "$1"
command -v sqlite3 > /dev/null 2>&1 || { echo "cli_keys.sh: sqlite3 is not installed" >&2; exit 2; }

db=$tmp/k.db
expect 0 "init" "$teller" init --db "$db" --municipality 0668 --name "West Maas en Waal"
i=0
while [ $i -lt 60 ]; do # an audited action each: 60 records more
	"$teller" costs rate --db "$db" --hourly "5$((i % 10)).25" --laptop-day 12.50 --km 0.23 \
		> /dev/null 2>&1 || bad "costs rate $i"
	i=$((i + 1))
done

# --- finding 1: no private key in the database or a backup
no_key_in() { # FILE...: none holds a PEM private key or the raw key column
	for f in "$@"; do
		[ -f "$f" ] || continue
		if grep -q "PRIVATE KEY" "$f"; then bad "$f holds a private key"; else ok; fi
	done
}
no_key_in "$db" "$db-wal"
[ "$(sqlite3 "$db" "SELECT count(*) FROM secret WHERE name LIKE '%key'")" = 0 ] && ok ||
	bad "the secret table still names a private key"
[ -d "$db.keys" ] && ok || bad "no key folder beside the database"
[ "$(stat -c %a "$db.keys")" = 700 ] && ok || bad "the key folder is not mode 700"
for f in "$db.keys"/*; do
	[ "$(stat -c %a "$f")" = 600 ] && ok || bad "$f is not mode 600"
done
grep -q "PRIVATE KEY" "$db.keys/signing_key.pem" && ok || bad "no signing key file"

expect 0 "backup" "$teller" backup --db "$db" --out "$tmp/usb.db"
no_key_in "$tmp/usb.db"
grep -q "does not carry" "$tmp/out" && grep -q "private keys" "$tmp/out" && ok ||
	bad "the backup should say it does not carry the private keys: $(cat "$tmp/out")"
[ ! -e "$tmp/usb.db.keys" ] && ok || bad "the backup made a key folder"

# A backup without its keys can be read but not written or served.
expect 0 "status of a backup" "$teller" status --db "$tmp/usb.db"
expect 1 "verify a backup without keys" "$teller" audit --db "$tmp/usb.db" --verify
grep -q "keys" "$tmp/err" && ok || bad "verify should name the missing keys: $(cat "$tmp/err")"
expect 1 "write into a backup without keys" "$teller" costs rate --db "$tmp/usb.db" \
	--hourly 1 --laptop-day 1 --km 0.1
grep -q "teller restore" "$tmp/err" && ok || bad "should point at teller restore: $(cat "$tmp/err")"

# Restore on a new laptop: refused without --new-keys, then new keys.
expect 2 "restore without keys" "$teller" restore --backup "$tmp/usb.db" --db "$tmp/new.db"
one_line_naming "--new-keys"
[ ! -e "$tmp/new.db" ] && ok || bad "a refused restore left a database"
expect 0 "restore with new keys" "$teller" restore --backup "$tmp/usb.db" --db "$tmp/new.db" --new-keys
grep -q "new signing key" "$tmp/out" && ok || bad "restore should name the new key: $(cat "$tmp/out")"
expect 0 "verify after restore with new keys" "$teller" audit --db "$tmp/new.db" --verify
"$teller" audit --db "$tmp/new.db" 2>/dev/null | grep -q "restore" && ok || bad "the restore is not audited"
expect 0 "write after restore" "$teller" costs rate --db "$tmp/new.db" --hourly 1 --laptop-day 1 --km 0.1
no_key_in "$tmp/new.db" "$tmp/new.db-wal"

# Restore on the same laptop: the database is lost, its keys are not.
mv "$db" "$tmp/lost.db"; rm -f "$db-wal" "$db-shm"
expect 2 "restore never overwrites" "$teller" restore --backup "$tmp/usb.db" --db "$tmp/new.db"
expect 0 "restore with the laptop's keys" "$teller" restore --backup "$tmp/usb.db" --db "$db"
grep -q "new signing key" "$tmp/out" && bad "kept keys should not be new" || ok
expect 0 "verify after restore" "$teller" audit --db "$db" --verify
"$teller" audit --db "$db" 2>/dev/null | grep "restore" | grep -q "rewound" && ok ||
	bad "the restore should record the rewind of the log"
# A backup of another database is refused with these keys.
cp -r "$db.keys" "$tmp/other.db.keys"
expect 2 "restore someone else's backup" "$teller" restore --backup "$tmp/new.db" --db "$tmp/other.db"
grep -q "not a backup of" "$tmp/err" && ok || bad "should say whose backup it is not: $(cat "$tmp/err")"
[ ! -e "$tmp/other.db" ] && ok || bad "a refused restore left a database"

# An old database is upgraded: keys out of the table, the chain keyed.
cp "$(dirname "$0")/data/legacy-v5.db" "$tmp/legacy.db"
expect 0 "verify an old database" "$teller" audit --db "$tmp/legacy.db" --verify
no_key_in "$tmp/legacy.db" "$tmp/legacy.db-wal"
[ -f "$tmp/legacy.db.keys/signing_key.pem" ] && ok || bad "the old signing key was not moved out"
[ "$(sqlite3 "$tmp/legacy.db" "SELECT count(*) FROM secret WHERE name LIKE '%key'")" = 0 ] && ok ||
	bad "the old keys are still in the table"

# --- finding 2: seven ways to tamper, each caught
# plain_chain DB: recomputes every link as the old plain SHA-256 chain, as an attacker
# without the key would (hash = SHA-256(prev, NUL, fields joined by US)).
plain_chain() {
	prev=0000000000000000000000000000000000000000000000000000000000000000
	sqlite3 "$1" "SELECT id FROM audit ORDER BY id" > "$tmp/ids"
	while read -r id; do
		rec=$(sqlite3 "$1" "SELECT at || char(31) || actor || char(31) || role || char(31) ||
			address || char(31) || action || char(31) || detail FROM audit WHERE id = $id")
		h=$(printf '%s\0%s' "$prev" "$rec" | sha256sum | cut -c1-64)
		sqlite3 "$1" "UPDATE audit SET prev_hash = '$prev', hash = '$h' WHERE id = $id"
		prev=$h
	done < "$tmp/ids"
}
untrigger="DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;"
cp "$db" "$tmp/older.db"; cp -r "$db.keys" "$tmp/older.db.keys"
"$teller" costs rate --db "$db" --hourly 2 --laptop-day 1 --km 0.1 > /dev/null 2>&1
"$teller" costs rate --db "$db" --hourly 3 --laptop-day 1 --km 0.1 > /dev/null 2>&1
expect 0 "the untouched copy verifies" "$teller" audit --db "$db" --verify

n=0
while IFS='|' read -r name sql recompute; do
	n=$((n + 1))
	c=$tmp/case$n.db
	rm -rf "$c" "$c.keys"
	if [ "$name" = "rewound to an older copy" ]; then
		cp "$tmp/older.db" "$c"
	else
		cp "$db" "$c"
	fi
	cp -r "$db.keys" "$c.keys"
	sqlite3 "$c" "$untrigger $sql" > /dev/null || bad "$name: the tampering itself failed"
	[ "$recompute" = yes ] && plain_chain "$c"
	expect 1 "verify: $name" "$teller" audit --db "$c" --verify
	grep -q "audit" "$tmp/err" && ok || bad "$name: no reason given: $(cat "$tmp/err")"
	expect 2 "serve refuses: $name" timeout 10 "$teller" serve --db "$c" --no-tls --listen "127.0.0.1:$((20000 + $$ % 20000))"
	grep -q "audit" "$tmp/err" && ok || bad "$name: serve gave no reason: $(cat "$tmp/err")"
done <<'EOF'
the last record deleted|DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);|no
the last 50 records deleted|DELETE FROM audit WHERE id > (SELECT max(id) - 50 FROM audit);|no
all records deleted|DELETE FROM audit;|no
a record edited, chain recomputed|UPDATE audit SET detail = 'nothing' WHERE id = 3;|yes
a forged record appended, chain recomputed|INSERT INTO audit (at, actor, role, address, action, detail, prev_hash, hash) SELECT at, 'forger', role, address, action, detail, '', '' FROM audit WHERE id = 2;|yes
a record removed from the middle|DELETE FROM audit WHERE id = 4;|no
rewound to an older copy|SELECT 1;|no
EOF
[ $n = 7 ] && ok || bad "ran $n tampering cases, wanted 7"

# --anchor ID:CODE, as a PV prints it: the record must be there with that code.
id=$(sqlite3 "$db" "SELECT max(id) FROM audit")
code=$(sqlite3 "$db" "SELECT hash FROM audit WHERE id = $id")
expect 0 "verify against the printed anchor" "$teller" audit --db "$db" --verify \
	--anchor "$id:$(echo "$code" | cut -c1-4) $(echo "$code" | cut -c5-12)"
grep -q "the anchor holds" "$tmp/out" && ok || bad "verify should confirm the anchor: $(cat "$tmp/out")"
expect 1 "another code" "$teller" audit --db "$db" --verify --anchor "$id:00000000"
expect 1 "a record not there" "$teller" audit --db "$db" --verify --anchor "$((id + 5)):${code}"
expect 1 "the older copy against a later anchor" "$teller" audit --db "$tmp/case1.db" --verify \
	--anchor "$id:$code"
for a in "x:12345678" "$id" "$id:123" "$id:zzzzzzzz" ":12345678"; do
	expect 2 "--anchor '$a'" "$teller" audit --db "$db" --verify --anchor "$a"
done

# The anchor itself removed: caught too.
rm -rf "$tmp/na.db" "$tmp/na.db.keys"; cp "$db" "$tmp/na.db"; cp -r "$db.keys" "$tmp/na.db.keys"
rm -f "$tmp/na.db.keys/audit.anchor"
expect 1 "verify without the anchor" "$teller" audit --db "$tmp/na.db" --verify

finish cli_keys.sh
