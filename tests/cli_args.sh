#!/bin/sh
# The preamble every subcommand shares (cli/args.c, cli_begin), as a table: --help
# prints the usage on stdout with exit 0; a missing required option or argument,
# an unknown option, an option without its value, a flag with one and too many
# arguments are one line on stderr with exit 2; "--opt=value" equals "--opt value"
# and "--" ends the options.
# usage: sh tests/cli_args.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start args "$1"
# run WANT_EXIT WHAT ARGS...: expect of teller ARGS
run() {
	want=$1; what=$2; shift 2
	expect "$want" "$what" "$teller" "$@"
}
# says WHAT PATTERN: stderr is one line holding PATTERN
says() {
	if [ "$(wc -l < "$tmp/err")" = 1 ] && grep -q -- "$2" "$tmp/err"; then ok
	else bad "$1: stderr should be one line with '$2': $(cat "$tmp/err")"; fi
}

# command|the line it says when what it needs is missing
while IFS='|' read -r cmd needs; do
	run 0 "$cmd --help" $cmd --help
	grep -q "^usage: teller $cmd" "$tmp/out" && ok || bad "$cmd --help: no usage on stdout"
	[ -s "$tmp/err" ] && bad "$cmd --help wrote on stderr: $(cat "$tmp/err")" || ok
	run 2 "$cmd without what it needs" $cmd
	says "$cmd without what it needs" "^teller: $needs (see --help)\$"
	run 2 "$cmd --frob" $cmd --frob
	says "$cmd --frob" "unknown option '--frob' (see --help)"
done <<EOF
audit|audit needs --db FILE
backup|backup needs --db FILE and --out PATH
committee|committee needs --db FILE
export|export needs --db FILE and --out DIR
exports|exports needs --db FILE
import|import needs --db FILE and one EML file
init|init needs --db FILE
investigate|investigate needs --db FILE and --station N
invoice|invoice needs --db FILE and --out DIR
reopen|reopen needs --db FILE and --reason TEXT
restore|restore needs --backup COPY and --db FILE
serve|serve needs --db FILE
session|session needs --db FILE
status|status needs --db FILE
verify|verify needs one or more files
EOF

# Subcommands with verbs: without one, the usage on stderr.
for cmd in user costs station; do
	run 0 "$cmd --help" $cmd --help
	grep -q "^usage: teller $cmd" "$tmp/out" && ok || bad "$cmd --help: no usage on stdout"
	run 2 "$cmd alone" $cmd
	grep -q "^usage: teller $cmd" "$tmp/err" && ok || bad "$cmd alone: no usage on stderr"
done
run 2 "costs list without --db" costs list
says "costs list without --db" "^teller: costs needs --db FILE (see --help)\$"

db=$tmp/a.db
run 0 "init --db=FILE" init --db="$db" --municipality=0668
run 0 "status --db FILE" status --db "$db"
run 2 "a value missing" status --db
says "a value missing" "option --db needs a value"
run 2 "a flag with a value" audit --db "$db" --verify=yes
says "a flag with a value" "option --verify takes no value"
run 2 "too many arguments" status --db "$db" extra
says "too many arguments" "too many arguments at 'extra' (see --help)"
run 0 "--help after the options" audit --db "$db" --help
grep -q "^usage: teller audit" "$tmp/out" && ok || bad "audit --db FILE --help: no usage"
run 2 "an option before --help is still checked" audit --frob --help
says "an option before --help is still checked" "unknown option '--frob'"
# After "--" an argument that looks like an option is a file name.
run 2 "-- ends the options" import --db "$db" -- --hash
says "-- ends the options" "cannot read --hash"
run 2 "a repeated option past its limit" committee --db "$db" \
	--member 1 --member 2 --member 3 --member 4 --member 5 --member 6 --member 7 --member 8 \
	--member 9 --member 10 --member 11 --member 12 --member 13 --member 14 --member 15 \
	--member 16 --member 17 --member 18 --member 19 --member 20 --member 21 --member 22 \
	--member 23 --member 24 --member 25 --member 26 --member 27 --member 28 --member 29 \
	--member 30 --member=31
says "a repeated option past its limit" "at most 30 members can be named"

finish cli_args
