#!/bin/sh
# teller session, teller investigate, teller station add and teller exports --id on
# the real West Maas en Waal election (issue 12): what the command line can do
# before the count is entered. Every refusal is one line with exit 2, and the
# database is unchanged (every row, read by sqlite3). The way through a finished
# count, a later session and its corrected entries: tests/http/later_wmw.test.mjs.
# usage: sh tests/cli_session.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start session "$1"
EML=$(cd "$(dirname "$0")/data/eml" && pwd)
db=$tmp/w.db

code() { sha "$1"; }
# rows: every row of every table of the database, in a fixed order
rows() {
	for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		echo "== $t"
		sqlite3 "$db" "SELECT * FROM \"$t\" ORDER BY rowid"
	done
}
# refused WHAT PATTERN ARGS...: exit 2, one line naming PATTERN, nothing changed
refused() {
	what=$1; pattern=$2; shift 2
	rows > "$tmp/before"
	expect 2 "$what" "$teller" "$@"
	one_line_naming "$pattern"
	rows > "$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" && ok || bad "$what changed the database"
}

d=$EML/derived
expect 0 "init" "$teller" init --db "$db" --municipality 0668 --name "West Maas en Waal"
expect 0 "110a" "$teller" import --db "$db" --hash "$(code "$d/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml")" "$d/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml"
expect 0 "110b" "$teller" import --db "$db" "$d/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml"
expect 0 "230b" "$teller" import --db "$db" --hash "$(code "$EML/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml")" "$EML/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"

# --- the sessions: session 1 is the count, open
expect 0 "session" "$teller" session --db "$db"
[ "$(wc -l < "$tmp/out")" = 1 ] && grep -q "^session 1 .* open  (current)$" "$tmp/out" && ok ||
	bad "session list: $(cat "$tmp/out")"

# --- misuse, as a table: WHAT|PATTERN|ARGS (after --db FILE)
while IFS='|' read -r what pattern args; do
	# shellcheck disable=SC2086 # the arguments are words of the table
	eval "set -- $args"
	cmd=$1; shift
	refused "$what" "$pattern" "$cmd" --db "$db" "$@"
done <<'TABLE'
a later session while the first is not finished|the current session is not finished|session new --date 2022-03-23
a later session with a date that is no day|no real day|session new --date 2022-02-30
an unknown session command|unknown session command 'old'|session old
--date without new|--date and --place go with 'session new'|session --date 2022-03-23
an investigation in the count's own session|open a later session first|investigate --station 1 --reason "Verzoek van het CSB"
an investigation without a reason|needs --reason TEXT|investigate --station 1
a reason too short|the reason must have 5 to 500 characters|investigate --station 1 --reason "ab"
a station number that is none|--station: a polling station's number|investigate --station 0 --reason "Hertelling"
a station number that is text|--station: a polling station's number|investigate --station een --reason "Hertelling"
concluding without --corrected|--conclude needs --findings TEXT and --corrected yes|investigate --station 1 --conclude --findings "Niets gevonden"
--corrected maybe|--conclude needs --findings TEXT and --corrected yes|investigate --station 1 --conclude --findings "Niets gevonden" --corrected maybe
findings without --conclude|--findings and --corrected go with --conclude|investigate --station 1 --reason "Hertelling" --findings "Niets"
a reason with --conclude|--conclude takes --findings and --corrected only|investigate --station 1 --conclude --reason "Hertelling" --findings "Niets gevonden" --corrected no
concluding in the count's own session|open a later session first|investigate --station 1 --conclude --findings "Niets gevonden" --corrected no
a station added in the count's own session|open a later session first|station add --number 22 --name "Sporthal"
a station added without a name|station add needs --db FILE, --number N and --name TEXT|station add --number 22
an unknown station command|unknown station command 'remove'|station remove --number 1
writing an export that is not there|there is no export #7|exports --id 7 --out "$tmp/OUT"
--id without --out|--id N (an export's number) and --out DIR go together|exports --id 7
TABLE
[ -e "$tmp/OUT" ] && bad "a refused exports --id made its folder" || ok

# --- the draft export is not kept: it cannot be written again
expect 0 "draft export" "$teller" export --db "$db" --out "$tmp/draft" --draft
refused "writing a draft again" "is a draft" exports --db "$db" --id 1 --out "$tmp/again"

# --- the audit chain still holds
expect 0 "audit --verify" "$teller" audit --db "$db" --verify
finish cli_session
