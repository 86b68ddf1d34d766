# What the command-line tests share; each tests/cli_*.sh sources it:
#   . "$(dirname "$0")/lib_cli.sh"
# Not a suite itself: tests/run.sh runs every tests/cli_*.sh, which this name is not.
# The checks count into $pass and $fail; expect and one_line_naming use $tmp.
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# start NAME TELLER: $teller as an absolute path, and a new directory $tmp
# (/tmp/teller-NAME-...) removed when the script ends.
start() {
	teller=$2
	case $teller in /*) ;; *) teller=$(pwd)/$teller ;; esac
	tmp=$(mktemp -d "/tmp/teller-$1-XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
}

# expect CODE DESCRIPTION command...: runs the command (no standard input), checks its exit
# code; keeps stdout in $tmp/out and stderr in $tmp/err.
expect() {
	want=$1; what=$2; shift 2
	"$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, wanted $want: $(cat "$tmp/err")"; fi
}

# sha FILE: its SHA-256 in hex
sha() { sha256sum "$1" | cut -c1-64; }

# one_line_naming PATTERN: stderr is one line and contains PATTERN
one_line_naming() {
	if [ "$(wc -l < "$tmp/err")" = 1 ] && grep -q -- "$1" "$tmp/err"; then ok
	else bad "stderr should be one line naming '$1': $(cat "$tmp/err")"; fi
}

# finish NAME: the closing line, "NAME: N passed, N failed"; fails when a check did
finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
