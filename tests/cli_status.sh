#!/bin/sh
# teller status: every station and a summary; a database it cannot read is one clear line
# and exit 1 (the store's reason, read before the store is closed).
# usage: sh tests/cli_status.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start status "$1"

db=$tmp/s.db
DEMO_NO_SERVE=1 DEMO_DB=$db TELLER=$teller sh fixtures/demo.sh > "$tmp/demo.log" 2>&1 || { echo "FAIL: demo"; cat "$tmp/demo.log"; exit 1; }
"$teller" status --db "$db" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ "$rc" = 0 ] && ok || bad "status: exit $rc"
[ "$(grep -c '^SB' "$tmp/out")" = 8 ] && ok || bad "not 8 stations: $(cat "$tmp/out")"
tail -n 1 "$tmp/out" | grep -q '^8 stations: 8 empty' && ok || bad "summary: $(tail -n 1 "$tmp/out")"

if command -v sqlite3 > /dev/null 2>&1; then
	# A database whose stations cannot be read (here: the table is gone).
	sqlite3 "$db" 'PRAGMA foreign_keys = OFF; DROP TABLE entry; DROP TABLE station;' || bad "sqlite3"
	"$teller" status --db "$db" > "$tmp/out" 2> "$tmp/err"; rc=$?
	[ "$rc" = 1 ] && ok || bad "unreadable stations: exit $rc, wanted 1"
	[ "$(wc -l < "$tmp/err")" = 1 ] && ok || bad "stderr is not one line: $(cat "$tmp/err")"
	grep -q 'cannot read the stations: no such table: station' "$tmp/err" && ok || bad "the reason: $(cat "$tmp/err")"
else
	echo "cli_status.sh: sqlite3 is not installed; the unreadable-database case is skipped"
fi
finish status
