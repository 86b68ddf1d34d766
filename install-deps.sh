#!/bin/sh
# Installs the Debian packages Teller needs to build and test (see README.md).
#   sh install-deps.sh          install what is missing (apt-get when root, else print the command)
#   sh install-deps.sh --check  only report what is missing; exit 1 if anything is
# Browser tests also need chromium and node/npm; tests/browser installs playwright-core with npm ci.
set -u
# To build: compiler, libraries. To test: cmocka, xmllint (schema checks), poppler (PDF text),
# chromium + node/npm (browser tests), clang (fuzz targets), curl (command-line HTTP checks).
BUILD_PKGS="build-essential pkg-config libsqlite3-dev libssl-dev libmicrohttpd-dev libxml2-dev
libcairo2-dev libpango1.0-dev fonts-dejavu-core libcmocka-dev libjansson-dev libargon2-dev"
TEST_PKGS="libxml2-utils poppler-utils chromium nodejs npm clang libclang-rt-14-dev curl sqlite3"
PKGS="$BUILD_PKGS $TEST_PKGS"
[ "${1:-}" = "--check" ] && PKGS="$BUILD_PKGS"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
# node and npm may come from elsewhere than Debian (e.g. nodesource); accept them if on PATH.
case "$missing" in *nodejs*|*npm*)
	command -v node >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ nodejs//')
	command -v npm  >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ npm//') ;;
esac
[ -z "$missing" ] && exit 0
if [ "${1:-}" = "--check" ]; then
	echo "teller: missing Debian packages:$missing (run: make deps)" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	echo "installing:$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
	echo "Teller needs these Debian packages. Run:"
	echo "  sudo apt-get install -y$missing"
	exit 1
fi
