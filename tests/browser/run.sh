#!/bin/sh
# Browser tests of Teller's pages, in headless Chromium (playwright-core).
# Usage, from the repository root: sh tests/browser/run.sh path/to/teller
# Makes a fresh demo database in a temporary folder, starts Teller on a free
# port of 127.0.0.1 without TLS, runs `node --test tests/browser/`, stops Teller.
# TELLER_SHOTS=DIR keeps the tests' screenshots in DIR. The tests get the
# database's path in DEMO_DB (the administrator's one-time password is in
# $DEMO_DB.init.txt).
set -eu
teller=${1:?usage: sh tests/browser/run.sh path/to/teller}
case $teller in /*) ;; *) teller=$(pwd)/$teller ;; esac
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

if [ ! -d "$here/node_modules" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

tmp=$(mktemp -d)
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! DEMO_NO_SERVE=1 DEMO_DB="$tmp/demo.db" TELLER="$teller" sh fixtures/demo.sh > "$tmp/demo.log" 2>&1; then
	cat "$tmp/demo.log"
	echo "browser tests: the demo database could not be made" >&2
	exit 1
fi

port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
url="http://127.0.0.1:$port"
"$teller" serve --db "$tmp/demo.db" --listen "127.0.0.1:$port" --no-tls > "$tmp/serve.log" 2>&1 &
pid=$!

# Wait (at most 10 s) until Teller answers.
if ! node -e '
	const url = process.argv[1];
	const until = Date.now() + 10000;
	(async function poll() {
		try { await fetch(url + "/api/me"); process.exit(0); } catch (e) { /* not yet */ }
		if (Date.now() > until) process.exit(1);
		setTimeout(poll, 100);
	})();' "$url"; then
	cat "$tmp/serve.log"
	echo "browser tests: teller serve did not answer on $url" >&2
	exit 1
fi

# The test files share the demo accounts: one file at a time.
status=0
TELLER=$teller TELLER_URL=$url DEMO_DB=$tmp/demo.db node --test --test-concurrency=1 tests/browser/ || status=$?
if [ "$status" -ne 0 ]; then
	echo "--- last lines of the server's log"
	tail -n 30 "$tmp/serve.log"
fi
exit "$status"
