#!/bin/sh
# HTTPS as the laptops meet it: teller init makes a local CA, `teller serve --tls`
# serves a certificate signed by it, which openssl s_client and curl verify with
# nothing but the CA certificate downloaded from /ca.crt (or /ca.pem); the
# fingerprint printed at init and serve is that of the downloaded certificate; a
# database without a CA gets one; no key is ever printed or served. Also the
# account sheets: the LAN address and the CA's fingerprint.
# Talks to 127.0.0.1 only.
# usage: sh tests/cli_tls.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start tls "$1"
pid=
trap 'stop_server; rm -rf "$tmp"' EXIT

check() { # description command...: passes when the command succeeds
	what=$1; shift
	if "$@" > /dev/null 2>&1; then ok; else bad "$what"; fi
}
refuse() { # description command...: passes when the command fails
	what=$1; shift
	if "$@" > /dev/null 2>&1; then bad "$what"; else ok; fi
}
for tool in openssl curl sqlite3; do
	if ! command -v $tool > /dev/null 2>&1; then
		echo "cli_tls.sh: $tool is not installed" >&2
		exit 2
	fi
done

# The SHA-256 fingerprint of a certificate file (PEM, or DER with -inform DER).
fp_of() { openssl x509 -noout -fingerprint -sha256 "$@" | sed 's/^.*=//'; }

# start_server DB: starts `teller serve --tls` on a free port of 127.0.0.1; sets $port.
start_server() {
	for try in 1 2 3 4 5; do
		port=$((20000 + ($$ * 7 + try * 131) % 30000))
		"$teller" serve --db "$1" --tls --listen "127.0.0.1:$port" > "$tmp/serve.out" 2> "$tmp/serve.err" &
		pid=$!
		n=0
		while [ $n -lt 100 ]; do
			if ! kill -0 "$pid" 2> /dev/null; then break; fi
			if curl -sk -o /dev/null "https://127.0.0.1:$port/ca.pem"; then return 0; fi
			sleep 0.1
			n=$((n + 1))
		done
		stop_server
	done
	echo "teller serve did not start: $(cat "$tmp/serve.err")"
	exit 1
}
stop_server() { # stops it with SIGTERM; sets $stopped to its exit status
	stopped=
	if [ -n "$pid" ]; then
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
		stopped=$?
		pid=
	fi
}
# The server certificate's fingerprint as served.
served_fp() {
	openssl s_client -connect "127.0.0.1:$port" < /dev/null 2> /dev/null | fp_of
}
# s_client ARGS...: verifies the chain against ca.pem, failing on any error.
s_client() {
	openssl s_client -connect "127.0.0.1:$port" -verify_return_error -CAfile "$tmp/ca.pem" \
		"$@" < /dev/null > "$tmp/s_client.out" 2>&1
}

# --- init makes the CA and prints its fingerprint
db=$tmp/t.db
"$teller" init --db "$db" --municipality 0668 --name "West Maas en Waal" > "$tmp/init.out" 2>&1 ||
	bad "init: $(cat "$tmp/init.out")"
init_fp=$(sed -n 's/^TLS CA certificate: *\([0-9A-F:]*\)$/\1/p' "$tmp/init.out")
echo "$init_fp" | grep -qE '^([0-9A-F]{2}:){31}[0-9A-F]{2}$' && ok || bad "init prints no CA fingerprint: $(cat "$tmp/init.out")"
for s in tls_ca_cert tls_cert; do
	[ "$(sqlite3 "$db" "SELECT count(*) FROM secret WHERE name = '$s'")" = 1 ] && ok || bad "init stored no $s"
done
# The private keys beside the database, never in it (tests/cli_keys.sh has the rest).
for s in tls_ca_key tls_key; do
	grep -q "PRIVATE KEY" "$db.keys/$s.pem" && ok || bad "init made no $s beside the database"
	[ "$(sqlite3 "$db" "SELECT count(*) FROM secret WHERE name = '$s'")" = 0 ] && ok ||
		bad "$s is in the database"
done

# --- serve: the same fingerprint; the CA from /ca.crt and /ca.pem verifies the chain
start_server "$db"
grep -q "^TLS CA fingerprint (SHA-256): $init_fp\$" "$tmp/serve.out" && ok || bad "serve prints another CA fingerprint: $(cat "$tmp/serve.out")"
grep -q "^Open on the laptops: https://127.0.0.1:$port/\$" "$tmp/serve.out" && ok || bad "serve prints no address to open: $(cat "$tmp/serve.out")"
grep -q "ca.crt" "$tmp/serve.out" && ok || bad "serve does not say where the CA certificate is"
curl -sk -D "$tmp/crt.head" -o "$tmp/ca.der" "https://127.0.0.1:$port/ca.crt" || bad "GET /ca.crt"
grep -qi '^content-type: application/x-x509-ca-cert' "$tmp/crt.head" && ok || bad "/ca.crt content type: $(cat "$tmp/crt.head")"
grep -q '^HTTP/1.1 200' "$tmp/crt.head" && ok || bad "/ca.crt without a session is not 200"
[ "$(fp_of -inform DER -in "$tmp/ca.der")" = "$init_fp" ] && ok || bad "/ca.crt is not the CA whose fingerprint was printed"
curl -sk -o "$tmp/ca.pem" "https://127.0.0.1:$port/ca.pem" || bad "GET /ca.pem"
[ "$(fp_of -in "$tmp/ca.pem")" = "$init_fp" ] && ok || bad "/ca.pem is not the CA whose fingerprint was printed"
openssl x509 -in "$tmp/ca.pem" -noout -text > "$tmp/ca.txt"
grep -q "CA:TRUE" "$tmp/ca.txt" && ok || bad "the CA has no CA:TRUE"
grep -q "Subject: CN *= *Teller West Maas en Waal lokale CA" "$tmp/ca.txt" && ok || bad "the CA's name: $(grep Subject: "$tmp/ca.txt")"
if s_client -verify_ip 127.0.0.1; then ok; else bad "s_client -verify_ip 127.0.0.1: $(cat "$tmp/s_client.out")"; fi
grep -q "Verify return code: 0 (ok)" "$tmp/s_client.out" && ok || bad "s_client: $(grep Verify "$tmp/s_client.out")"
check "s_client -verify_hostname localhost" s_client -verify_hostname localhost
# Only a name check: these connect to 127.0.0.1 and ask for names it does not have.
refuse "s_client accepts 127.0.0.2" s_client -verify_ip 127.0.0.2
refuse "s_client accepts example.org" s_client -verify_hostname example.org
[ "$(curl -s --cacert "$tmp/ca.pem" -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/api/me")" = 401 ] && ok ||
	bad "curl --cacert ca.pem does not verify the server"
[ "$(curl -s --cacert "$tmp/ca.pem" -o /dev/null -w '%{http_code}' "https://localhost:$port/api/me")" = 401 ] && ok ||
	bad "curl --cacert ca.pem https://localhost does not verify"
[ "$(curl -sk -o /dev/null -w '%{http_code}' -X POST "https://127.0.0.1:$port/ca.crt")" = 405 ] && ok || bad "POST /ca.crt is not 405"
[ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/api/server-info")" = 401 ] && ok ||
	bad "/api/server-info without a session is not 401"
leaf1=$(served_fp)
stop_server
[ "$stopped" = 0 ] && ok || bad "serve stopped with status $stopped: $(tail -5 "$tmp/serve.err")"
grep -q "made anew" "$tmp/serve.out" && bad "serve made a new certificate for the same addresses" || ok

# --- nothing secret in what serve printed or served
cat "$tmp/serve.out" "$tmp/serve.err" "$tmp/ca.pem" "$tmp/ca.der" > "$tmp/all"
grep -qa "PRIVATE" "$tmp/all" && bad "a private key was printed or served" || ok
grep -qa "$(sed -n 2p "$db.keys/tls_ca_key.pem" | cut -c1-40)" "$tmp/all" &&
	bad "the CA key was printed or served" || ok

# --- the same addresses: the same certificate; a database without a CA gets one
start_server "$db"
[ "$(served_fp)" = "$leaf1" ] && ok || bad "serve made a new certificate though nothing changed"
stop_server
sqlite3 "$db" "DELETE FROM secret WHERE name = 'tls_ca_cert'"; rm "$db.keys/tls_ca_key.pem"
start_server "$db"
grep -q "had no local CA" "$tmp/serve.out" && ok || bad "serve does not say it made a CA: $(cat "$tmp/serve.out")"
grep -q "made anew" "$tmp/serve.out" && ok || bad "serve does not say it made a new certificate"
new_fp=$(sed -n 's/^TLS CA fingerprint (SHA-256): //p' "$tmp/serve.out")
[ -n "$new_fp" ] && [ "$new_fp" != "$init_fp" ] && ok || bad "the new CA has the old fingerprint"
refuse "the old CA still verifies the new certificate" s_client -verify_ip 127.0.0.1
curl -sk -o "$tmp/ca.pem" "https://127.0.0.1:$port/ca.pem"
[ "$(fp_of -in "$tmp/ca.pem")" = "$new_fp" ] && ok || bad "/ca.pem is not the new CA"
check "the new CA verifies the new certificate" s_client -verify_ip 127.0.0.1
[ "$(served_fp)" != "$leaf1" ] && ok || bad "the certificate of the old CA is still served"
stop_server
[ "$stopped" = 0 ] && ok || bad "serve stopped with status $stopped: $(tail -5 "$tmp/serve.err")"
grep -q "teller: stopped" "$tmp/serve.err" && ok || bad "serve did not stop on SIGTERM"
"$teller" audit --db "$db" > "$tmp/audit" 2>&1
grep -q "tls_ca" "$tmp/audit" && ok || bad "making the CA is not in the audit log"

# --- the account sheets: the LAN address, where the CA is, its fingerprint
if command -v pdftotext > /dev/null 2>&1; then
	printf 'name,role\nbakker,typist\n' > "$tmp/acc.csv"
	"$teller" user import --db "$db" --sheets "$tmp/s.pdf" "$tmp/acc.csv" > "$tmp/out" 2>&1 || bad "user import: $(cat "$tmp/out")"
	pdftotext "$tmp/s.pdf" - | tr -d '\n' > "$tmp/sheet.txt"
	grep -q "$new_fp" "$tmp/sheet.txt" && ok || bad "the sheet lacks the CA fingerprint: $(cat "$tmp/sheet.txt")"
	grep -q "https://[0-9.]*:8443/ca.crt" "$tmp/sheet.txt" && ok || bad "the sheet lacks where the CA is"
	grep -q "Open in de browser: https://[0-9.]*:8443/" "$tmp/sheet.txt" && ok || bad "the sheet lacks the LAN address"
	grep -q "het adres dat de beheerder" "$tmp/sheet.txt" && bad "the sheet has no address" || ok
	printf 'name,role\njansen,typist\n' > "$tmp/acc.csv"
	"$teller" user import --db "$db" --url https://10.1.2.3:9443/ --sheets "$tmp/s.pdf" "$tmp/acc.csv" > "$tmp/out" 2>&1
	pdftotext "$tmp/s.pdf" - | tr -d '\n' > "$tmp/sheet.txt"
	grep -q "https://10.1.2.3:9443/ca.crt" "$tmp/sheet.txt" && ok || bad "--url: the sheet lacks its ca.crt"
	grep -q "Open in de browser: https://10.1.2.3:9443/" "$tmp/sheet.txt" && ok || bad "--url: the sheet lacks it"
fi

finish cli_tls.sh
