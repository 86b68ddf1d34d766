#!/bin/sh
# Runs every test: the cmocka unit tests, then the command-line tests, then the
# HTTP and browser tests. Usage: sh tests/run.sh BUILD_DIR (from the repo root).
# Prints each suite's own summary and a closing "N passed, N failed" line.
set -u
build=${1:-build}
# Under make check: library caches are not leaks of ours (see tests/lsan.supp).
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
passed=0
failed=0
failed_names=""

run() { # name command...
	name=$1; shift
	echo "=== $name"
	if "$@" 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_names="$failed_names $name"
	fi
}

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	run "$(basename "$t")" "$t"
done
for t in tests/cli_*.sh; do
	[ -f "$t" ] || continue
	run "$(basename "$t")" sh "$t" "$build/teller"
done
for t in tests/http_*.sh; do
	[ -f "$t" ] || continue
	run "$(basename "$t")" sh "$t" "$build/teller"
done
if [ -d tests/browser ] && ls tests/browser/*.test.mjs >/dev/null 2>&1; then
	run browser sh tests/browser/run.sh "$build/teller"
fi

echo "=== summary"
[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
