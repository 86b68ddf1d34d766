#!/bin/sh
# Command-line tests of teller init, import, status and user add, as ICT staff
# would use them: exit codes, one-line reasons, and a refused file changing
# nothing (the database file's bytes stay the same).
# usage: sh tests/cli_import.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start cli "$1"
EML=tests/data/eml
code() { sha "$1"; }

# --- init
expect 0 "help" "$teller" --help
expect 2 "no command" "$teller"
expect 2 "unknown command" "$teller" frobnicate
for c in init import status user; do expect 0 "$c --help" "$teller" $c --help; done
expect 2 "init without --db" "$teller" init
expect 2 "bad municipality code" "$teller" init --db "$tmp/x.db" --municipality 66
expect 2 "unknown option" "$teller" init --db "$tmp/x.db" --frob
expect 0 "init" "$teller" init --db "$tmp/a.db"
grep -q "One-time password:" "$tmp/out" && ok || bad "init prints no one-time password"
grep -q "Signing key:  *[0-9a-f]\{4\}\( [0-9a-f]\{4\}\)\{15\}" "$tmp/out" && ok || bad "init prints no key fingerprint"
before=$(sha "$tmp/a.db")
expect 2 "init refuses to overwrite" "$teller" init --db "$tmp/a.db"
one_line_naming "already exists"
[ "$(sha "$tmp/a.db")" = "$before" ] && ok || bad "init changed an existing database"
: > "$tmp/empty.db"
expect 2 "init refuses an empty existing file" "$teller" init --db "$tmp/empty.db"
expect 2 "import into a missing database" "$teller" import --db "$tmp/none.db" "$EML/real/Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml"
expect 2 "status of a missing database" "$teller" status --db "$tmp/none.db"
expect 2 "status of something that is not a database" "$teller" status --db "$EML/real/Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml"

# --- every real 110a imports, with its hash code as scripts give it
for f in "$EML"/real/Verkiezingsdefinitie_*.eml.xml; do
	n=$(basename "$f")
	expect 0 "init for $n" "$teller" init --db "$tmp/$n.db"
	expect 0 "import $n" "$teller" import --db "$tmp/$n.db" --hash "$(code "$f")" "$f"
	grep -q "Hash code: .*(checked)" "$tmp/out" && ok || bad "$n: no checked hash code printed"
done

# --- the Juinen set with the Kiesraad's published codes (spaces, as printed)
j=$EML/fictional
expect 0 "init juinen" "$teller" init --db "$tmp/j.db"
expect 0 "juinen 110a" "$teller" import --db "$tmp/j.db" --hash "FAE2 12FF 03CE 27D0 45E2 15EE A0C1 7E0E 316E 331F 2641 50A3 FEEF 2AC3 61DB 2528" "$j/eml110a_verkiezingsdefinitie-juinen.eml.xml"
expect 0 "juinen 110b" "$teller" import --db "$tmp/j.db" "$j/eml110b_stembureaulijst-juinen.eml.xml"
expect 0 "juinen 230b" "$teller" import --db "$tmp/j.db" --hash "dbc0 cdb7 08f3 1ca3 17f9 802d 6610 49b0 609c 0b8e 154c 85ba c7ad b216 2875 e778" "$j/eml230b_kandidatenlijsten-juinen.eml.xml"
expect 0 "status" "$teller" status --db "$tmp/j.db"
[ "$(grep -c '^SB[0-9]* *empty' "$tmp/out")" = 3 ] && ok || bad "status should list 3 empty stations: $(cat "$tmp/out")"
tail -1 "$tmp/out" | grep -q "^3 stations: 3 empty" && ok || bad "status summary: $(tail -1 "$tmp/out")"

# --- West Maas en Waal: derived 110a + 110b, the real 230b
d=$EML/derived
expect 0 "init wmw" "$teller" init --db "$tmp/w.db" --municipality 0668 --name "West Maas en Waal"
expect 0 "wmw 110a" "$teller" import --db "$tmp/w.db" --hash "$(code "$d/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml")" "$d/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml"
expect 0 "wmw 110b" "$teller" import --db "$tmp/w.db" "$d/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml"
grep -q "21 polling stations, 16202 voters" "$tmp/out" && ok || bad "wmw 110b summary: $(cat "$tmp/out")"
expect 0 "wmw 230b" "$teller" import --db "$tmp/w.db" --hash "$(code "$EML/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml")" "$EML/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"
grep -q "8 lists, 251 candidates" "$tmp/out" && ok || bad "wmw 230b summary: $(cat "$tmp/out")"

# --- refusals change nothing
refuse() { # db file pattern [hash]
	db=$1; f=$2; pat=$3; h=${4:-$(code "$f")}
	before=$(sha "$db")
	expect 2 "refuse $(basename "$f")" "$teller" import --db "$db" --hash "$h" "$f"
	one_line_naming "$pat"
	[ "$(sha "$db")" = "$before" ] && ok || bad "$(basename "$f"): the database changed"
}
refuse "$tmp/w.db" "$j/eml230b_kandidatenlijsten-juinen.eml.xml" "GR2025_Juinen"
refuse "$tmp/w.db" "$EML/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml" "hash code does not match" \
	"0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000"
before=$(sha "$tmp/w.db")
expect 2 "a malformed --hash" "$teller" import --db "$tmp/w.db" --hash "xyz" "$j/eml230b_kandidatenlijsten-juinen.eml.xml"
one_line_naming "not a hash code"
expect 2 "no hash code and no terminal" "$teller" import --db "$tmp/w.db" "$EML/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml"
one_line_naming "hash code was not checked"
expect 2 "a missing file" "$teller" import --db "$tmp/w.db" "$tmp/nothing.xml"
one_line_naming "cannot read"
expect 2 "a directory" "$teller" import --db "$tmp/w.db" "$tmp"
[ "$(sha "$tmp/w.db")" = "$before" ] && ok || bad "the database changed"

# Every file of samples/invalid: 110a on an empty database, 110b/230b on abacus_eml110a_test.
expect 0 "init empty" "$teller" init --db "$tmp/e.db"
expect 0 "init abacus" "$teller" init --db "$tmp/t.db"
expect 0 "abacus 110a" "$teller" import --db "$tmp/t.db" --hash "$(code "$j/abacus_eml110a_test.eml.xml")" "$j/abacus_eml110a_test.eml.xml"
for f in "$EML"/invalid/*; do
	case $(basename "$f") in eml110a*) db=$tmp/e.db ;; *) db=$tmp/t.db ;; esac
	refuse "$db" "$f" "refused"
done

# --- user add
u() { printf '%s\n' "$2" | "$teller" user add --db "$tmp/j.db" --role "$1" "$3" > "$tmp/out" 2> "$tmp/err"; }
u typist "a-good-long-password" jansen && ok || bad "user add typist: $(cat "$tmp/err")"
u typist "another-long-password" jansen; [ $? = 2 ] && ok || bad "duplicate account should exit 2"
one_line_naming "already exists"
u typist "short" pietersen; [ $? = 2 ] && ok || bad "short password should exit 2"
one_line_naming "12"
u chef "a-good-long-password" pietersen; [ $? = 2 ] && ok || bad "unknown role should exit 2"
u typist "a-good-long-password" "bad name"; [ $? = 2 ] && ok || bad "bad name should exit 2"
"$teller" user add --db "$tmp/j.db" --role typist empty < /dev/null > /dev/null 2>&1; [ $? = 2 ] && ok || bad "no password should exit 2"

# --- on a terminal: the hash code with two groups left out, and the user types them
if command -v script > /dev/null 2>&1; then
	f=$j/eml110a_verkiezingsdefinitie-juinen.eml.xml
	h=$(code "$f")
	g1=$((1 + $((0x$(echo "$h" | cut -c61-62))) % 8))
	g2=$((10 + $((0x$(echo "$h" | cut -c63-64))) % 7))
	s1=$(echo "$h" | cut -c$(( (g1 - 1) * 4 + 1 ))-$(( g1 * 4 )))
	s2=$(echo "$h" | cut -c$(( (g2 - 1) * 4 + 1 ))-$(( g2 * 4 )))
	"$teller" init --db "$tmp/tty.db" > /dev/null
	before=$(sha "$tmp/tty.db")
	printf '0000\n0000\n' | script -qec "$teller import --db $tmp/tty.db $f" /dev/null > "$tmp/out" 2>&1
	[ $? = 2 ] && ok || bad "wrong groups typed on a terminal should exit 2: $(cat "$tmp/out")"
	grep -q "____" "$tmp/out" && ok || bad "the terminal should show two groups left out: $(cat "$tmp/out")"
	[ "$(grep -o '____' "$tmp/out" | wc -l)" = 2 ] && ok || bad "exactly two groups left out"
	[ "$(sha "$tmp/tty.db")" = "$before" ] && ok || bad "wrong groups changed the database"
	printf '%s\n%s\n' "$(echo "$s1" | tr a-f A-F)" " $s2 " | script -qec "$teller import --db $tmp/tty.db $f" /dev/null > "$tmp/out" 2>&1
	[ $? = 0 ] && ok || bad "the right groups (any case, spaces) should import: $(cat "$tmp/out")"
	grep -q "(checked)" "$tmp/out" && ok || bad "the hash code should be marked checked"
fi

# --- user import: all or none, sheets as PDF
printf 'naam,rol\nbakker,typist\nvisser,coordinator\n' > "$tmp/acc.csv"
expect 0 "user import" "$teller" user import --db "$tmp/j.db" --sheets "$tmp/sheets.pdf" "$tmp/acc.csv"
[ "$(grep -c -E '^(bakker|visser) ' "$tmp/out")" = 2 ] && ok || bad "user import table: $(cat "$tmp/out")"
if command -v pdftotext > /dev/null; then
	[ "$(pdftotext "$tmp/sheets.pdf" - | grep -c 'Eenmalig wachtwoord')" = 2 ] && ok || bad "sheets.pdf should hold 2 sheets"
	pw=$(grep '^bakker ' "$tmp/out" | awk '{print $3}')
	pdftotext "$tmp/sheets.pdf" - | grep -q -- "$pw" && ok || bad "the sheet should hold bakker's password"
fi
before=$(sha "$tmp/j.db")
printf 'nieuw,typist\nbakker,typist\n' > "$tmp/dup.csv"
expect 2 "user import with a taken name" "$teller" user import --db "$tmp/j.db" "$tmp/dup.csv"
one_line_naming "taken"
printf 'goed,typist\nfout,chef\n' > "$tmp/bad.csv"
expect 2 "user import with a bad role" "$teller" user import --db "$tmp/j.db" "$tmp/bad.csv"
one_line_naming "line 2"
[ "$(sha "$tmp/j.db")" = "$before" ] && ok || bad "a refused user import changed the database"

# --- backup: a consistent copy that Teller reads, never overwriting
mkdir -p "$tmp/usb"
expect 0 "backup into a folder" "$teller" backup --db "$tmp/j.db" --out "$tmp/usb"
b=$(ls "$tmp"/usb/teller-backup-*.db 2>/dev/null | head -1)
[ -n "$b" ] && ok || bad "no backup file in the folder"
expect 0 "status of the original" "$teller" status --db "$tmp/j.db"
cp "$tmp/out" "$tmp/status1"
expect 0 "status of the backup" "$teller" status --db "$b"
cmp -s "$tmp/out" "$tmp/status1" && ok || bad "the backup should hold the same stations"
expect 0 "backup to a file" "$teller" backup --db "$tmp/j.db" --out "$tmp/usb/copy.db"
before=$(sha "$tmp/usb/copy.db")
expect 2 "backup never overwrites" "$teller" backup --db "$tmp/j.db" --out "$tmp/usb/copy.db"
one_line_naming "never overwrites"
[ "$(sha "$tmp/usb/copy.db")" = "$before" ] && ok || bad "the existing backup was changed"

# --- the audit log: imports and accounts are in it, and the chain holds
expect 0 "audit" "$teller" audit --db "$tmp/j.db"
grep -q "	import	230b eml230b_kandidatenlijsten-juinen.eml.xml sha256=dbc0cdb7" "$tmp/out" && ok || bad "audit lacks the 230b import"
grep -q "	account_add	account bakker role typist" "$tmp/out" && ok || bad "audit lacks the account"
expect 0 "audit --verify" "$teller" audit --db "$tmp/j.db" --verify
grep -q "audit chain intact" "$tmp/out" && ok || bad "audit --verify says nothing"

finish cli_import
