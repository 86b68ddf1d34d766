#!/bin/sh
# Command-line tests of the accounts, as ICT staff would use them: teller user
# reset, disable and enable, and names compared without regard to case in
# user add and user import. Exit codes, one-line reasons, every change in the
# audit log, and a refused command changing nothing (the database's bytes).
# usage: sh tests/cli_accounts.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start cli-acc "$1"
db=$tmp/a.db

# expect_in CODE DESCRIPTION INPUT command...: expect with INPUT as one line of standard input.
expect_in() {
	want=$1; what=$2; input=$3; shift 3
	printf '%s\n' "$input" | "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, wanted $want: $(cat "$tmp/err")"; fi
}
unchanged() { # what: the database is as it was at the last `before=$(sha "$db")`
	[ "$(sha "$db")" = "$before" ] && ok || bad "$1 changed the database"
}
audit_count() { # action: how many audit records of that action name the account in $2
	"$teller" audit --db "$db" 2>/dev/null | awk -F '\t' -v a="$1" -v d="account $2" '$6 == a && $7 == d' | wc -l
}

expect 0 "user --help" "$teller" user --help
for c in reset disable enable; do
	grep -q "teller user $c --db FILE" "$tmp/out" && ok || bad "user --help does not show user $c"
done
grep -qi "case" "$tmp/out" && ok || bad "user --help does not say names ignore case"

expect 0 "init" "$teller" init --db "$db"
expect_in 0 "user add jansen" "een-lang-wachtwoord" "$teller" user add --db "$db" --role typist jansen
expect_in 0 "user add coordinator" "een-lang-wachtwoord" "$teller" user add --db "$db" --role coordinator Smit

# --- names compared without regard to case; the stored name keeps its spelling
before=$(sha "$db")
expect_in 2 "user add Jansen when jansen exists" "een-lang-wachtwoord" "$teller" user add --db "$db" --role coordinator Jansen
one_line_naming "'jansen' already exists"
unchanged "a refused user add"
printf 'naam,rol\nde-vries,typist\nJANSEN,typist\n' > "$tmp/taken.csv"
expect 2 "user import with JANSEN when jansen exists" "$teller" user import --db "$db" "$tmp/taken.csv"
one_line_naming "taken"
unchanged "a refused user import"
printf 'de-vries,typist\nbakker,typist\nDe-Vries,coordinator\n' > "$tmp/twice.csv"
expect 2 "user import naming one person twice in two spellings" "$teller" user import --db "$db" "$tmp/twice.csv"
one_line_naming "line 3"
unchanged "a refused user import"

# --- reset: a generated one-time password, printed once
expect 0 "user reset JANSEN" "$teller" user reset --db "$db" JANSEN
grep -q "^One-time password: *[A-Za-z0-9]\{4\}\(-[A-Za-z0-9]\{4\}\)\{3\}$" "$tmp/out" && ok || bad "reset prints no one-time password: $(cat "$tmp/out")"
grep -q "'jansen'" "$tmp/out" && ok || bad "reset should name the account as stored: $(cat "$tmp/out")"
[ "$(audit_count password_reset jansen)" = 1 ] && ok || bad "the reset is not in the audit log once"
# --stdin: the password given, printed nowhere
expect_in 0 "user reset --stdin" "een-ander-lang-wachtwoord" "$teller" user reset --db "$db" --stdin jansen
grep -q "One-time password" "$tmp/out" && bad "reset --stdin printed a password" || ok
grep -q "een-ander-lang-wachtwoord" "$tmp/out" "$tmp/err" && bad "reset --stdin echoed the password" || ok
[ "$(audit_count password_reset jansen)" = 2 ] && ok || bad "the second reset is not in the audit log"

# --- reset refusals: nothing changed
before=$(sha "$db")
expect_in 2 "reset --stdin with a short password" "kort" "$teller" user reset --db "$db" --stdin jansen
one_line_naming "at least 12 characters"
unchanged "a refused reset"
expect 2 "reset --stdin without input" "$teller" user reset --db "$db" --stdin jansen
one_line_naming "no password"
expect 2 "reset an unknown account" "$teller" user reset --db "$db" pietersen
one_line_naming "no account named 'pietersen'"
expect 2 "reset a bad name" "$teller" user reset --db "$db" "jan sen"
one_line_naming "account name"
expect 2 "reset without --db" "$teller" user reset jansen
expect 2 "reset without a name" "$teller" user reset --db "$db"
expect 2 "reset with a role" "$teller" user reset --db "$db" --role typist jansen
expect 2 "reset of a missing database" "$teller" user reset --db "$tmp/none.db" jansen
unchanged "a refused reset"

# --- disable and enable
before=$(sha "$db")
expect 2 "disable the last administrator" "$teller" user disable --db "$db" beheerder
one_line_naming "last enabled administrator"
unchanged "refusing to disable the last administrator"
expect 2 "disable an unknown account" "$teller" user disable --db "$db" pietersen
one_line_naming "no account named"
expect 2 "enable an unknown account" "$teller" user enable --db "$db" pietersen
expect 2 "disable with --stdin" "$teller" user disable --db "$db" --stdin jansen
expect 2 "disable without a name" "$teller" user disable --db "$db"
expect 2 "an unknown user command" "$teller" user remove --db "$db" jansen
unchanged "a refused disable"
expect 0 "disable Jansen" "$teller" user disable --db "$db" Jansen
grep -q "Disabled typist 'jansen'" "$tmp/out" && ok || bad "disable output: $(cat "$tmp/out")"
expect 0 "disable jansen again" "$teller" user disable --db "$db" jansen
grep -q "already" "$tmp/out" && ok || bad "disabling twice should say so: $(cat "$tmp/out")"
[ "$(audit_count account_disable jansen)" = 1 ] && ok || bad "disable should be audited once"
expect 0 "reset a disabled account" "$teller" user reset --db "$db" jansen
grep -q "disabled" "$tmp/out" && ok || bad "reset of a disabled account should say it stays disabled"
expect 0 "enable jansen" "$teller" user enable --db "$db" jansen
grep -q "Enabled typist 'jansen'" "$tmp/out" && ok || bad "enable output: $(cat "$tmp/out")"
[ "$(audit_count account_enable jansen)" = 1 ] && ok || bad "enable should be audited"

# --- with a second administrator the first can be disabled, and then not the second
expect_in 0 "user add a second administrator" "een-lang-wachtwoord" "$teller" user add --db "$db" --role administrator Beheerder2
expect 0 "disable the first administrator" "$teller" user disable --db "$db" beheerder
before=$(sha "$db")
expect 2 "disable the last enabled administrator" "$teller" user disable --db "$db" BEHEERDER2
one_line_naming "'Beheerder2' is the last enabled administrator"
unchanged "refusing to disable the last administrator"
expect 0 "enable the first administrator" "$teller" user enable --db "$db" beheerder
expect 0 "then the second can go" "$teller" user disable --db "$db" beheerder2

expect 0 "audit --verify" "$teller" audit --db "$db" --verify
grep -q "audit chain intact" "$tmp/out" && ok || bad "audit --verify: $(cat "$tmp/out")"

finish cli_accounts
