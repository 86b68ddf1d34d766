#!/bin/sh
# The Kiesraad's detached CMS signature beside every exported EML file
# (issue 13): checked with plain `openssl cms -verify` as the issue states it,
# made with the committee's RSA-4096 self-signed certificate naming the
# committee and the election, no signed attributes; and the other way round,
# a 510b signed by `openssl cms -sign` is accepted on import, a changed one or
# a changed signature is refused with exit 2 and nothing changed.
# usage: sh tests/cli_cms.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start cms "$1"
command -v openssl > /dev/null 2>&1 || { echo "cli_cms.sh: openssl is not installed" >&2; exit 2; }
E=$(cd "$(dirname "$0")/../../shared/eml/samples" && pwd)
A=$E/derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml
B=$E/derived/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml
K=$E/real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml
T=$E/real/Telling_GR2022_WestMaasenWaal.eml.xml

cms_ok() { # FILE: its .signature holds under plain openssl
	openssl cms -verify -binary -inform DER -noverify -content "$1" -in "$1.signature" \
		-out /dev/null 2> "$tmp/ossl.err"
}

# --- a municipality's draft export: every EML file gets its .signature
db=$tmp/gsb.db
expect 0 "init" "$teller" init --db "$db" --municipality 0668 --name "West Maas en Waal"
expect 0 "110a" "$teller" import --db "$db" --hash "$(sha "$A")" "$A"
expect 0 "110b" "$teller" import --db "$db" "$B"
expect 0 "230b" "$teller" import --db "$db" --hash "$(sha "$K")" "$K"
expect 0 "draft export" "$teller" export --db "$db" --out "$tmp/exp" --draft
n=0
for f in "$tmp"/exp/*.xml; do
	n=$((n + 1))
	[ -f "$f.signature" ] && ok || bad "no $f.signature"
	cms_ok "$f" && ok || bad "openssl does not verify $f.signature: $(cat "$tmp/ossl.err")"
	cp "$f" "$tmp/changed.xml"; printf ' ' >> "$tmp/changed.xml"
	cp "$f.signature" "$tmp/changed.xml.signature"
	cms_ok "$tmp/changed.xml" && bad "a changed $f still verifies" || ok
done
[ $n -ge 1 ] && ok || bad "the export has no EML file"
for f in "$tmp"/exp/*.pdf "$tmp"/exp/*.csv; do
	[ -e "$f.signature" ] && bad "$f should have no CMS signature (not an EML file)" || ok
done
sig=$(ls "$tmp"/exp/*.xml.signature | head -1)
openssl cms -cmsout -print -inform DER -in "$sig" > "$tmp/print" 2>&1 || bad "openssl cannot print $sig"
grep -A1 "signedAttrs:" "$tmp/print" | grep -q "<ABSENT>" && ok || bad "the signature has signed attributes"
grep -q "algorithm: sha256" "$tmp/print" && ok || bad "the digest is not SHA-256"
grep -q "algorithm: rsaEncryption" "$tmp/print" && ok || bad "the signature is not RSA PKCS#1 v1.5"
openssl pkcs7 -inform DER -in "$sig" -print_certs > "$tmp/certs" 2>&1 || bad "no certificate in it"
grep -q "subject=.*CN *= *Gemeentelijk stembureau West Maas en Waal (0668)" "$tmp/certs" && ok ||
	bad "the certificate does not name the committee: $(head -3 "$tmp/certs")"
grep -q "subject=.*O *= *GR2022_WestMaasenWaal" "$tmp/certs" && ok ||
	bad "the certificate does not name the election: $(head -3 "$tmp/certs")"
openssl x509 -in "$tmp/certs" -noout -text > "$tmp/x509" 2>&1
grep -q "Public-Key: (4096 bit)" "$tmp/x509" && ok || bad "the key is not RSA-4096"
# The same key next time (it is kept beside the database, never in it).
expect 0 "draft export again" "$teller" export --db "$db" --out "$tmp/exp2" --draft
openssl pkcs7 -inform DER -in "$tmp/exp2/$(basename "$sig")" -print_certs > "$tmp/certs2" 2>&1
cmp -s "$tmp/certs" "$tmp/certs2" && ok || bad "a second export signed with another certificate"
[ -f "$db.keys/cms_key.pem" ] && ok || bad "the CMS key is not beside the database"
# teller verify checks NAME.signature beside each file; given as a file itself, it is skipped.
expect 0 "teller verify of the whole folder" "$teller" verify "$tmp"/exp/*.xml "$tmp"/exp/*.xml.signature \
	"$tmp"/exp/*.pdf
grep -q "CMS signature: holds (.*West Maas en Waal (0668)" "$tmp/out" && ok ||
	bad "verify should say the CMS signature holds: $(cat "$tmp/out")"
cp -r "$tmp/exp" "$tmp/exp3"
printf '\001' | dd of="$(ls "$tmp"/exp3/*.xml.signature)" bs=1 seek=$(($(wc -c < "$sig") - 10)) \
	conv=notrunc 2> /dev/null
expect 1 "teller verify with a changed .signature" "$teller" verify "$tmp"/exp3/*.xml
grep -q "CMS SIGNATURE .* DOES NOT HOLD" "$tmp/out" && ok || bad "verify should name the CMS failure"
grep -q "PRIVATE KEY" "$db" && bad "a private key is in the database" || ok

# --- the other way: a 510b signed by plain openssl, imported by a central committee
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/k.pem" -out "$tmp/c.pem" -days 2 \
	-subj "/CN=Gemeentelijk stembureau West Maas en Waal/O=GR2022" > /dev/null 2>&1 ||
	bad "openssl cannot make a certificate"
mkdir -p "$tmp/in"
cp "$T" "$tmp/in/t.eml.xml"
openssl cms -sign -binary -noattr -md sha256 -outform DER -signer "$tmp/c.pem" -inkey "$tmp/k.pem" \
	-in "$tmp/in/t.eml.xml" -out "$tmp/in/t.eml.xml.signature" || bad "openssl cannot sign"
csb() { # a new central committee's database in $tmp/$1.db with the 110a and 230b
	rm -rf "$tmp/$1.db" "$tmp/$1.db.keys"
	"$teller" init --db "$tmp/$1.db" > /dev/null 2>&1 || bad "init $1"
	"$teller" import --db "$tmp/$1.db" --hash "$(sha "$A")" "$A" > /dev/null 2>&1 || bad "110a $1"
	"$teller" import --db "$tmp/$1.db" --hash "$(sha "$K")" "$K" > /dev/null 2>&1 || bad "230b $1"
}
csb good
expect 0 "import a 510b signed by openssl" "$teller" import --db "$tmp/good.db" --hash "$(sha "$T")" "$tmp/in/t.eml.xml"
grep -q "Signature (t.eml.xml.signature): holds, signed by .*West Maas en Waal" "$tmp/out" && ok ||
	bad "import should say whose signature holds: $(cat "$tmp/out")"

# A changed file, a changed signature, junk as a signature: exit 2, one line, nothing changed.
csb bad
before=$(sqlite3 "$tmp/bad.db" "SELECT count(*) FROM audit")
mkdir -p "$tmp/bad"
while IFS='|' read -r what how; do
	cp "$tmp/in/t.eml.xml" "$tmp/bad/t.eml.xml"
	cp "$tmp/in/t.eml.xml.signature" "$tmp/bad/t.eml.xml.signature"
	case $how in
	file) sed -i 's/<ValidVotes>/<ValidVotes>1/' "$tmp/bad/t.eml.xml" ;;
	sig) # a byte of the signature value itself, which ends the DER
		size=$(wc -c < "$tmp/bad/t.eml.xml.signature")
		printf '\001' | dd of="$tmp/bad/t.eml.xml.signature" bs=1 seek=$((size - 10)) conv=notrunc \
			2> /dev/null ;;
	cert) # the signer's name in the embedded certificate changed ("stembureau" to
		# "Stembureau"): the signature over the file still holds, the certificate's own not
		at=$(grep -abo "stembureau" "$tmp/bad/t.eml.xml.signature" | head -1 | cut -d: -f1)
		printf 'S' | dd of="$tmp/bad/t.eml.xml.signature" bs=1 seek="$at" conv=notrunc \
			2> /dev/null ;;
	junk) head -c 300 /dev/urandom > "$tmp/bad/t.eml.xml.signature" ;;
	esac
	expect 2 "refused: $what" "$teller" import --db "$tmp/bad.db" --hash "$(sha "$tmp/bad/t.eml.xml")" "$tmp/bad/t.eml.xml"
	one_line_naming "signature"
done <<'EOF'
a changed file|file
a changed signature|sig
a changed certificate|cert
junk as a signature|junk
EOF
[ "$(sqlite3 "$tmp/bad.db" "SELECT count(*) FROM audit")" = "$before" ] && ok ||
	bad "a refused import changed the audit log"
[ "$(sqlite3 "$tmp/bad.db" "SELECT count(*) FROM count_file")" = 0 ] && ok ||
	bad "a refused import stored a count"

finish cli_cms.sh
