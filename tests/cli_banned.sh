#!/bin/sh
# base/banned.h is forced into every compile: a use of a banned function does not compile
# with the project's own flags, whatever CFLAGS say; the bounded alternatives do.
# usage: sh tests/cli_banned.sh path/to/teller   (the argument is not used)
set -u
. "$(dirname "$0")/lib_cli.sh"
tmp=$(mktemp -d /tmp/teller-banned-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
flags=$(make -s --no-print-directory print-cflags CFLAGS="-O0") || { echo "FAIL: make print-cflags"; exit 1; }
compiles() { # NAME BODY: 0 when the body compiles with the project's flags
	printf '#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <time.h>\nint f(char *b, const char *s, time_t *t);\nint f(char *b, const char *s, time_t *t)\n{\n\t%s\n\treturn 0;\n}\n' "$2" > "$tmp/$1.c"
	# shellcheck disable=SC2086
	cc $flags -c -o "$tmp/$1.o" "$tmp/$1.c" 2> "$tmp/$1.err"
}
for call in 'sprintf(b, "%s", s);' 'strcpy(b, s);' 'strcat(b, s);' 'return atoi(s);' \
	'int x; sscanf(s, "%d", &x);' 'strtok(b, ",");' '(void)localtime(t);' '(void)gmtime(t);' \
	'va_list ap; vsprintf(b, s, ap);'; do
	name=$(printf '%s' "$call" | tr -c 'a-z' '_' | cut -c1-20)
	case $call in va_list*) call="__builtin_va_list ap; (void)ap; vsprintf(b, s, 0);" ;; esac
	if compiles "bad_$name" "$call"; then
		bad "'$call' compiles"
	elif grep -q 'is_banned_in_teller' "$tmp/bad_$name.err"; then
		ok
	else
		bad "'$call' refused, but not as banned: $(head -3 "$tmp/bad_$name.err")"
	fi
done
for call in 'snprintf(b, 8, "%s", s);' 'struct tm tm; (void)localtime_r(t, &tm);' \
	'struct tm tm; (void)gmtime_r(t, &tm);' 'char *e; return (int)strtol(s, &e, 10);'; do
	name=$(printf '%s' "$call" | tr -c 'a-z' '_' | cut -c1-20)
	if compiles "good_$name" "$call"; then ok; else bad "'$call' does not compile: $(head -3 "$tmp/good_$name.err")"; fi
done
finish "banned functions"
