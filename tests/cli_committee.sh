#!/bin/sh
# Command-line tests of teller committee: the committee's session on the PV. Shows without
# options, changes only the details given, refuses a bad value with exit 2 and one line
# (changing nothing: the database's audit log stays as it was), and every change is audited.
# usage: sh tests/cli_committee.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start cli "$1"

shows() { # PATTERN: stdout has a line matching it
	if grep -q -- "$1" "$tmp/out"; then ok; else bad "output lacks '$1': $(cat "$tmp/out")"; fi
}
one_line() {
	if [ "$(wc -l < "$tmp/err")" = 1 ]; then ok; else bad "stderr is not one line: $(cat "$tmp/err")"; fi
}
audits() { "$teller" audit --db "$db" 2>/dev/null | grep -c "	committee_session	"; }

db=$tmp/c.db
expect 0 "init" "$teller" init --db "$db"
expect 0 "committee --help" "$teller" committee --help
shows "usage: teller committee"
expect 2 "without --db" "$teller" committee
expect 2 "a missing database" "$teller" committee --db "$tmp/none.db"
expect 0 "show, nothing entered" "$teller" committee --db "$db"
shows "^place: *(not given)"
shows "^members: *(not given)"
[ "$(audits)" = 0 ] && ok || bad "showing logged something"

expect 0 "set" "$teller" committee --db "$db" --place "Raadzaal, Juinen" --date 2026-03-18 \
	--start 21:00 --member "J. de Vries, voorzitter" --member="A. Bakker, lid"
shows "^place: *Raadzaal, Juinen"
shows "^date: *2026-03-18"
shows "^start: *21:00"
shows "^end: *(not given)"
shows "^members: *J. de Vries, voorzitter"
shows "^ *A. Bakker, lid"
[ "$(audits)" = 1 ] && ok || bad "the change is not audited once"
expect 0 "only the end changes" "$teller" committee --db "$db" --end 23:45
shows "^end: *23:45"
shows "^place: *Raadzaal, Juinen"
shows "A. Bakker, lid"
[ "$(audits)" = 2 ] && ok || bad "the second change is not audited"

# refused: exit 2, one line, nothing changed
for bad_args in "--date 2026-02-30" "--date 18-03-2026" "--start 24:00" "--end 9:30" \
	"--start 21:60" "--member" "--member  " "--no-members --member x" "--frob"; do
	# shellcheck disable=SC2086
	expect 2 "refused: $bad_args" "$teller" committee --db "$db" $bad_args
	one_line
done
expect 2 "a place with a tab" "$teller" committee --db "$db" --place "$(printf 'a\tb')"
one_line
expect 2 "a place of 201 characters" "$teller" committee --db "$db" --place "$(printf '%0201d' 0)"
set --
i=0
while [ $i -lt 31 ]; do set -- "$@" --member "Lid $i"; i=$((i + 1)); done
expect 2 "31 members" "$teller" committee --db "$db" "$@"
one_line
grep -q "at most 30" "$tmp/err" && ok || bad "31 members: $(cat "$tmp/err")"
shift 2
expect 0 "30 members" "$teller" committee --db "$db" "$@"
shows "Lid 30"
[ "$(audits)" = 3 ] && ok || bad "a refused change was logged"
expect 0 "show after refusals" "$teller" committee --db "$db"
shows "^end: *23:45"

expect 0 "clear the end and the members" "$teller" committee --db "$db" --end "" --no-members
shows "^end: *(not given)"
shows "^members: *(not given)"
shows "^place: *Raadzaal, Juinen"
expect 0 "the chain holds" "$teller" audit --db "$db" --verify

finish cli_committee
