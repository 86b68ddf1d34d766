#!/bin/sh
# `make install` with DESTDIR and PREFIX: the binary, the demo files, the README and
# the systemd unit (teller serve as a hardened service of the user teller) land under
# DESTDIR, with PREFIX filled into the unit, and nothing else. The unit passes
# `systemd-analyze verify` where that is installed.
# usage, from the repository root: sh tests/cli_install.sh BUILD_DIR/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
# Not start: $teller stays as given, the make target's own name.
teller=$1
build=$(dirname "$teller")
tmp=$(mktemp -d /tmp/teller-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

has() { # file line: the file has exactly that line
	grep -qxF -- "$2" "$1" && ok || bad "$1 lacks '$2'"
}

# -o: install the binary as built; never rebuild it here (other CFLAGS, a sanitizer build).
install_to() { # DESTDIR PREFIX
	make -s -o "$teller" install BUILD="$build" DESTDIR="$1" PREFIX="$2" > "$tmp/make.out" 2>&1 ||
		bad "make install DESTDIR=$1 PREFIX=$2: $(cat "$tmp/make.out")"
}

root=$tmp/root
install_to "$root" /usr/local
[ -x "$root/usr/local/bin/teller" ] && ok || bad "no bin/teller"
"$root/usr/local/bin/teller" --help > /dev/null 2>&1 && ok || bad "the installed teller does not run"
[ -f "$root/usr/local/share/teller/demo/eml110a_verkiezingsdefinitie-juinen.eml.xml" ] && ok || bad "no demo files"
[ -f "$root/usr/local/share/doc/teller/README.md" ] && ok || bad "no README"
unit=$root/usr/local/lib/systemd/system/teller.service
[ -f "$unit" ] && ok || bad "no systemd unit in PREFIX/lib/systemd/system"
[ "$(stat -c %a "$unit" 2> /dev/null)" = 644 ] && ok || bad "the unit's mode is not 0644"
[ "$(ls -A "$root")" = usr ] && ok || bad "make install wrote outside PREFIX: $(ls -A "$root")"
grep -q "@PREFIX@" "$unit" && bad "@PREFIX@ left in the unit" || ok
has "$unit" "ExecStart=/usr/local/bin/teller serve --db /srv/teller/teller.db"
has "$unit" "User=teller"
has "$unit" "Restart=on-failure"
has "$unit" "NoNewPrivileges=yes"
has "$unit" "ProtectSystem=strict"
has "$unit" "ReadWritePaths=/srv/teller"
has "$unit" "PrivateTmp=yes"
has "$unit" "WantedBy=multi-user.target"
has "$unit" "After=network-online.target"

# Another PREFIX, as a package would install it.
install_to "$tmp/root2" /usr
has "$tmp/root2/usr/lib/systemd/system/teller.service" "ExecStart=/usr/bin/teller serve --db /srv/teller/teller.db"
[ -x "$tmp/root2/usr/bin/teller" ] && ok || bad "PREFIX=/usr: no /usr/bin/teller"

# systemd's own check of the unit, pointed at the binary under DESTDIR.
if command -v systemd-analyze > /dev/null 2>&1; then
	mkdir -p "$tmp/verify"
	sed "s|/usr/local/bin/teller|$root/usr/local/bin/teller|" "$unit" > "$tmp/verify/teller.service"
	if systemd-analyze verify "$tmp/verify/teller.service" > "$tmp/verify.out" 2>&1 &&
	   ! grep -qiE "unknown|invalid|failed|not executable" "$tmp/verify.out"; then
		ok
	else
		bad "systemd-analyze verify: $(cat "$tmp/verify.out")"
	fi
fi

finish cli_install.sh
