#!/bin/sh
# The house's arrows on what was built (docs/ARCHITECTURE.md, "Rooms and arrows"): each room's
# includes and symbols point only at rooms below it, and no two product files use each other.
# Usage: sh tests/cli_rooms.sh BUILD/teller (from the repository's root).
set -u
teller=${1:-build/teller}
exec node tests/rooms.mjs "$(dirname "$teller")"
