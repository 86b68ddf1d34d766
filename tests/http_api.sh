#!/bin/sh
# The HTTP API tests (tests/http/*.test.mjs, node's built-in test runner, no dependencies).
# Usage, from the repository root: sh tests/http_api.sh path/to/teller
# Each test file starts its own demo database and `teller serve` on a free port of
# 127.0.0.1 and stops it afterwards. Exits with node's status.
set -u
teller=${1:-build/teller}
case $teller in
/*) ;;
*) teller=$(pwd)/$teller ;;
esac
if [ ! -x "$teller" ]; then
	echo "http_api.sh: $teller is not an executable" >&2
	exit 2
fi
if ! command -v node > /dev/null 2>&1; then
	echo "http_api.sh: node is not installed" >&2
	exit 2
fi
cd "$(dirname "$0")/.." || exit 2
TELLER=$teller exec node --test tests/http/
