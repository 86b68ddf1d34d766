#!/bin/sh
# Command-line tests of the hours-and-costs ledger and the invoice (issue 5):
# hand-computed totals, the rounding rule, every refusal (exit 2, nothing
# changed), and total_cents equal to the PDF's and the CSV's total.
# usage: sh tests/cli_costs.sh path/to/teller
set -u
. "$(dirname "$0")/lib_cli.sh"
start costs "$1"
db=$tmp/c.db
refuse() { # what pattern command...: exit 2, one line naming pattern, database unchanged
	what=$1; pat=$2; shift 2
	before=$(sha "$db")
	expect 2 "$what" "$@"
	if [ "$(wc -l < "$tmp/err")" = 1 ] && grep -qi -- "$pat" "$tmp/err"; then ok
	else bad "$what: stderr should be one line naming '$pat': $(cat "$tmp/err")"; fi
	[ "$(sha "$db")" = "$before" ] && ok || bad "$what: the database changed"
}

expect 0 "init" "$teller" init --db "$db" --municipality 0668 --name "West Maas en Waal"
expect 0 "costs --help" "$teller" costs --help
expect 0 "invoice --help" "$teller" invoice --help
E=tests/data/eml
expect 0 "110a" "$teller" import --db "$db" --hash "$(sha $E/derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml)" $E/derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml

refuse "invoice before rates" "rate" "$teller" invoice --db "$db" --out "$tmp/inv"
expect 0 "rates" "$teller" costs rate --db "$db" --hourly 57.25 --laptop-day 12.50 --km 0.23
grep -q "57.25" "$tmp/out" && ok || bad "rate output: $(cat "$tmp/out")"

# add WHAT COST LINE...: `teller costs add LINE` succeeds and says the line costs COST ("-": not
# checked).
add() {
	what=$1; cost=$2; shift 2
	expect 0 "$what" "$teller" costs add --db "$db" "$@"
	[ "$cost" = - ] || { grep -q "$cost" "$tmp/out" && ok || bad "$what should cost $cost: $(cat "$tmp/out")"; }
}
# Hand-computed, each line rounded half up once: 7h30 x 57.25 = 429.375, 20 minutes 19.0833,
# 40 minutes 38.1666 (its free-text activity kept), 62 km x 0.23, 12 laptops x 2 days x 12.50.
# what           cost    the line
add "7h30"       429.38  hours --person "Jan Jansen" --date 2022-03-15 --from 09:00 --to 16:30 --activity preparation
add "20 minutes" 19.08   hours --person "Jan Jansen" --date 2022-03-16 --from 07:00 --to 07:20 --activity setup
add "40 minutes" 38.17   hours --person "Piet de Vries" --date 2022-03-16 --from 21:00 --to 21:40 --activity "switch vervangen"
add "62 km"      14.26   travel --person "Jan Jansen" --date 2022-03-16 --km 62
add "travel"     -       travel --person "Piet de Vries" --date 2022-03-16 --amount 8.40
add "laptops"    300.00  laptops --count 12 --days 2
add "switch"     -       item --category switch --amount 89.95 --description "24-poorts switch"
add "cabling"    -       item --category cabling --amount 45 --description "UTP-kabels"
add "other"      -       item --category other --amount 0.10 --description "Tape"
# Net: 429.38 + 19.08 + 38.17 + 14.26 + 8.40 + 300.00 + 89.95 + 45.00 + 0.10 = 944.34
expect 0 "list" "$teller" costs list --db "$db"
grep -q "^Total *944.34" "$tmp/out" && ok || bad "the total should be 944.34: $(tail -5 "$tmp/out")"
grep -q "hours *486.63" "$tmp/out" && ok || bad "hours subtotal 486.63: $(cat "$tmp/out")"

# Refusals: each exit 2, one line, nothing changed
refuse "negative amount" "negative" "$teller" costs add --db "$db" item --category other --amount -5 --description x
refuse "three decimals" "decimals" "$teller" costs add --db "$db" item --category other --amount 1.234 --description x
refuse "unknown category" "category" "$teller" costs add --db "$db" item --category catering --amount 5 --description x
refuse "end equal to start" "differ from the start" "$teller" costs add --db "$db" hours --person "Jan Jansen" --date 2022-03-17 --from 14:00 --to 14:00 --activity standby
refuse "overlap" "overlap" "$teller" costs add --db "$db" hours --person "Jan Jansen" --date 2022-03-15 --from 16:00 --to 18:00 --activity standby
refuse "negative km" "km" "$teller" costs add --db "$db" travel --person "Jan Jansen" --date 2022-03-16 --km -3
# Each limit checked once, where the option is read, and named (base/limits.h)
refuse "laptops over the limit" "--count '50000'.*at most 10000" "$teller" costs add --db "$db" laptops --count 50000 --days 3
refuse "days over the limit" "--days '367'.*at most 366" "$teller" costs add --db "$db" laptops --count 5 --days 367
refuse "km over the limit" "--km '100001'.*at most 100000" "$teller" costs add --db "$db" travel --person "Jan Jansen" --date 2022-03-16 --km 100001
refuse "bad date" "date" "$teller" costs add --db "$db" hours --person "Jan Jansen" --date 2022-02-30 --from 10:00 --to 11:00 --activity standby
refuse "bad time" "time" "$teller" costs add --db "$db" hours --person "Jan Jansen" --date 2022-03-17 --from 25:00 --to 26:00 --activity standby
refuse "unknown kind" "unknown" "$teller" costs add --db "$db" catering --amount 5
refuse "negative rate" "negative" "$teller" costs rate --db "$db" --hourly -57.25
refuse "rate with 3 decimals" "decimals" "$teller" costs rate --db "$db" --hourly 57.255
refuse "remove a missing line" "no line" "$teller" costs remove --db "$db" --id 999
# Touching is no overlap; another person the same hours is fine.
expect 0 "touching" "$teller" costs add --db "$db" hours --person "Jan Jansen" --date 2022-03-15 --from 16:30 --to 17:00 --activity clearing
expect 0 "other person" "$teller" costs add --db "$db" hours --person "Piet de Vries" --date 2022-03-15 --from 09:00 --to 10:00 --activity preparation
id=$(grep -o "line [0-9]*" "$tmp/out" | cut -d' ' -f2)
expect 0 "edit" "$teller" costs edit --db "$db" --id "$id" hours --person "Piet de Vries" --date 2022-03-15 --from 09:00 --to 09:30 --activity preparation
refuse "edit into an overlap" "overlap" "$teller" costs edit --db "$db" --id "$id" hours --person "Jan Jansen" --date 2022-03-15 --from 10:00 --to 11:00 --activity preparation
expect 0 "remove" "$teller" costs remove --db "$db" --id "$id"
# Now: + 30 min (28.63) for Jan clearing = 972.97
expect 0 "list again" "$teller" costs list --db "$db"
grep -q "^Total *972.97" "$tmp/out" && ok || bad "the total should be 972.97: $(tail -3 "$tmp/out")"

# VAT 21 %: 972.97 x 0.21 = 204.3237 -> 204.32; total 1177.29
expect 0 "vat" "$teller" costs rate --db "$db" --vat 21
expect 0 "provider" "$teller" costs provider --db "$db" --name "ICT Partner BV" --address "Stationsweg 1, 6600 AA Wijchen" --invoice-number 2022-017 --invoice-date 2022-03-31
expect 0 "invoice" "$teller" invoice --db "$db" --out "$tmp/inv"
last=$(tail -1 "$tmp/out")
[ "$last" = "total_cents=117729" ] && ok || bad "last line should be total_cents=117729: $last"
pdf=$(ls "$tmp"/inv/*.pdf 2>/dev/null | head -1)
csv=$(ls "$tmp"/inv/*.csv 2>/dev/null | head -1)
[ -n "$pdf" ] && [ -n "$csv" ] && ok || bad "invoice should write a PDF and a CSV: $(ls "$tmp/inv")"
if [ -n "$pdf" ] && command -v pdftotext > /dev/null; then
	pdftotext -layout "$pdf" - | grep -q "1.177,29" && ok || bad "the PDF should show the total 1.177,29"
	pdftotext -layout "$pdf" - | grep -q "2022-017" && ok || bad "the PDF should show the invoice number"
fi
if [ -n "$csv" ]; then
	tr -d '\r' < "$csv" | grep -E '^"?Totaal"?;' | grep -qE ';"?1177,29"?$' && ok || bad "the CSV's Totaal row should be 1177,29: $(grep Totaal "$csv")"
fi
# The same invoice again gives the same bytes.
expect 0 "invoice again" "$teller" invoice --db "$db" --out "$tmp/inv2"
[ "$(sha "$pdf")" = "$(sha "$(ls "$tmp"/inv2/*.pdf | head -1)")" ] && ok || bad "the PDF should be the same again"
# Every change is in the audit log.
expect 0 "audit" "$teller" audit --db "$db"
[ "$(grep -c '	costs_add	' "$tmp/out")" -ge 10 ] && ok || bad "costs_add records: $(grep -c costs_add "$tmp/out")"
grep -q '	costs_edit	' "$tmp/out" && ok || bad "no costs_edit record"
grep -q '	costs_remove	' "$tmp/out" && ok || bad "no costs_remove record"
expect 0 "audit verify" "$teller" audit --db "$db" --verify

# Hours past midnight (issue 8): one line, dated the day it starts; checked
# for overlaps against the start day and the next day.
db=$tmp/night.db
expect 0 "init night" "$teller" init --db "$db" --municipality 0668 --name "West Maas en Waal"
expect 0 "night rates" "$teller" costs rate --db "$db" --hourly 57.25 --laptop-day 12.50 --km 0.23
# 6 h x 57.25 = 343.50
expect 0 "standby past midnight" "$teller" costs add --db "$db" hours --person P --date 2026-03-18 --from 21:00 --to 03:00 --activity standby
grep -q "343.50" "$tmp/out" && ok || bad "21:00-03:00 should be 6 hours, 343.50: $(cat "$tmp/out")"
grep -q "21:00-03:00 (+1 day)" "$tmp/out" && ok || bad "the line should say it ends the next day: $(cat "$tmp/out")"
refuse "overlap on the next day" "overlap" "$teller" costs add --db "$db" hours --person P --date 2026-03-19 --from 02:00 --to 04:00 --activity clearing
refuse "overlap on the start day" "overlap" "$teller" costs add --db "$db" hours --person P --date 2026-03-18 --from 20:00 --to 21:30 --activity setup
refuse "a night overlapping the night" "overlap" "$teller" costs add --db "$db" hours --person P --date 2026-03-17 --from 22:00 --to 21:30 --activity setup
refuse "from equal to to" "differ from the start" "$teller" costs add --db "$db" hours --person P --date 2026-03-19 --from 21:00 --to 21:00 --activity standby
refuse "from 24:00" "time" "$teller" costs add --db "$db" hours --person P --date 2026-03-19 --from 24:00 --to 03:00 --activity standby
# 03:00-05:00 the next day touches the night: 2 h x 57.25 = 114.50
expect 0 "touching on the next day" "$teller" costs add --db "$db" hours --person P --date 2026-03-19 --from 03:00 --to 05:00 --activity clearing
expect 0 "the evening before" "$teller" costs add --db "$db" hours --person P --date 2026-03-18 --from 09:00 --to 21:00 --activity setup
expect 0 "another person the same night" "$teller" costs add --db "$db" hours --person Q --date 2026-03-19 --from 02:00 --to 04:00 --activity clearing
expect 0 "night list" "$teller" costs list --db "$db"
grep -q "21:00-03:00 (+1 day)" "$tmp/out" && ok || bad "the list should show the night as one line: $(cat "$tmp/out")"
# P: 6 + 2 + 12 = 20 h; Q: 2 h; 22 h x 57.25 = 1259.50
grep -qE "^  P +20:00 h +1145.00" "$tmp/out" && ok || bad "P should have 20:00 h, 1145.00: $(cat "$tmp/out")"
grep -q "^Total *1259.50" "$tmp/out" && ok || bad "the night's total should be 1259.50: $(tail -3 "$tmp/out")"
id=$(grep -E "^[0-9]+ +hours +P 21:00-03:00" "$tmp/out" | cut -d' ' -f1)
refuse "edit the night into the morning" "overlap" "$teller" costs edit --db "$db" --id "$id" hours --person P --date 2026-03-18 --from 21:00 --to 03:30 --activity standby
expect 0 "edit the night, shorter" "$teller" costs edit --db "$db" --id "$id" hours --person P --date 2026-03-18 --from 22:00 --to 02:00 --activity standby

# The supplier's KvK number, VAT number and IBAN: checked, normalised, on the invoice.
refuse "kvk of 7 digits" "--kvk" "$teller" costs provider --db "$db" --kvk 1234567
refuse "kvk with a letter" "--kvk" "$teller" costs provider --db "$db" --kvk 1234567a
refuse "vat without B" "--vat-number" "$teller" costs provider --db "$db" --vat-number NL123456789001
refuse "vat not Dutch" "--vat-number" "$teller" costs provider --db "$db" --vat-number BE0123456789
refuse "iban with a flipped digit" "--iban" "$teller" costs provider --db "$db" --iban NL91ABNA0417164301
refuse "iban too short" "--iban" "$teller" costs provider --db "$db" --iban NL91ABNA041716430
refuse "a good name, a bad iban" "check digits" "$teller" costs provider --db "$db" --name "Changed BV" --iban "NL91 ABNA 0417 1643 01"
expect 0 "provider ids" "$teller" costs provider --db "$db" --name "ICT Partner BV" --address "Stationsweg 1, 6600 AA Wijchen" --kvk "1234 5678" --vat-number "nl 1234.56.789.b01" --iban "nl91 abna 0417 1643 00"
grep -q "KvK 12345678; VAT number NL123456789B01; IBAN NL91 ABNA 0417 1643 00" "$tmp/out" && ok || bad "provider should print the normalised particulars: $(cat "$tmp/out")"
expect 0 "night invoice" "$teller" invoice --db "$db" --out "$tmp/night"
pdf=$(ls "$tmp"/night/*.pdf 2>/dev/null | head -1)
csv=$(ls "$tmp"/night/*.csv 2>/dev/null | head -1)
if [ -n "$pdf" ] && command -v pdftotext > /dev/null; then
	pdftotext -layout "$pdf" - > "$tmp/night.txt"
	for want in "KvK 12345678" "Btw-id NL123456789B01" "IBAN NL91 ABNA 0417 1643 00" "(+1 dag)" "22:00"; do
		grep -qF "$want" "$tmp/night.txt" && ok || bad "the PDF should show '$want'"
	done
else
	bad "no invoice PDF (or no pdftotext)"
fi
if [ -n "$csv" ]; then
	tr -d '\r' < "$csv" > "$tmp/night.csv"
	grep -q "^KvK-nummer;12345678;" "$tmp/night.csv" && ok || bad "the CSV should hold the KvK number"
	grep -q "^Btw-identificatienummer;NL123456789B01;" "$tmp/night.csv" && ok || bad "the CSV should hold the VAT number"
	grep -q "^IBAN;NL91 ABNA 0417 1643 00;" "$tmp/night.csv" && ok || bad "the CSV should hold the IBAN"
	grep -q "22:00-02:00 (+1 dag) stand-by tijdens de telling;4:00;" "$tmp/night.csv" && ok || bad "the CSV should show the night: $(grep stand-by "$tmp/night.csv")"
else
	bad "no invoice CSV"
fi
# "" clears a particular.
expect 0 "clear the kvk" "$teller" costs provider --db "$db" --kvk ""
grep -q "KvK (none); VAT number NL123456789B01" "$tmp/out" && ok || bad "--kvk '' should clear only the KvK number: $(cat "$tmp/out")"
# As on the page, "" clears the invoice date (the invoice is then dated the day it is made);
# a date that is none is still refused, with the settings unchanged.
expect 0 "invoice date" "$teller" costs provider --db "$db" --invoice-date 2022-03-31
refuse "invoice date not a date" "--invoice-date '2022-02-30': write YYYY-MM-DD" "$teller" costs provider --db "$db" --invoice-date 2022-02-30
refuse "rate and a bad vat" "--vat '101': at most 100 percent" "$teller" costs rate --db "$db" --hourly 60 --vat 101
expect 0 "clear the invoice date" "$teller" costs provider --db "$db" --invoice-date ""
grep -q "(date: today)$" "$tmp/out" && ok || bad "--invoice-date '' should clear the date: $(cat "$tmp/out")"

finish cli_costs
