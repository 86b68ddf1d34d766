# Teller: see README.md. Targets: all, test, check, fuzz, install, clean, deps, demo.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   ?= build

PKGS    := sqlite3 libssl libcrypto libmicrohttpd libxml-2.0 cairo pangocairo jansson libargon2
WARN    := -std=c17 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wpointer-arith -Werror=implicit-function-declaration
CFLAGS  ?= -O2 -g
# CFLAGS is the user's (e.g. -Werror, sanitizers); these are always added.
# base/banned.h goes into every compile: sprintf, strcpy, atoi, localtime ... do not compile.
ALL_CFLAGS = $(WARN) -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -I. -I$(BUILD) -include base/banned.h \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
TEST_LDLIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

ROOMS   := base tally store crypto export costs act entry
LIB_SRC := $(foreach r,$(ROOMS),$(wildcard $(r)/*.c))
CLI_SRC := $(wildcard cli/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
BENCHES := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/bench_*.c))
# Files compiled into the binary: the schema and the web assets.
EMBED   := store/schema.sql $(sort $(wildcard store/migrations/*.sql)) $(sort $(wildcard web/*.css web/*.js web/*.html web/*.svg))

.PHONY: all test check fuzz install clean deps deps-check demo bench print-cflags
all: deps-check $(BUILD)/teller $(TESTS) $(BENCHES)
	@ln -sf $(BUILD)/teller teller

# The flags every file of ours is compiled with (tests/cli_banned.sh checks them).
print-cflags:
	@echo $(ALL_CFLAGS)

deps:
	@sh ./install-deps.sh

deps-check:
	@sh ./install-deps.sh --check

$(BUILD)/teller: $(CLI_OBJ) $(BUILD)/libteller.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libteller.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c $(wildcard */*.h) base/banned.h | $(BUILD)/gen/embedded.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embed: web/embed.c
	@mkdir -p $(BUILD)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/embedded.c $(BUILD)/gen/embedded.h: $(BUILD)/embed $(EMBED) Makefile
	@mkdir -p $(BUILD)/gen
	$(BUILD)/embed $(BUILD)/gen/embedded $(EMBED)

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libteller.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libteller.a $(LIBS) $(TEST_LDLIBS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libteller.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libteller.a $(LIBS)
# The benchmarks that compile others in (#include "bench/....c").
$(BUILD)/bench/bench_load $(BUILD)/bench/bench_login: bench/gen_election.c
$(BUILD)/bench/bench_login: bench/bench_load.c

# Every test: the cmocka unit tests, then the command-line and HTTP tests, then the browser tests.
test: all
	@sh tests/run.sh $(BUILD)

# Clean rebuild with the sanitizers, then every test.
check:
	rm -rf build-check
	$(MAKE) BUILD=build-check CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	        LDFLAGS="-fsanitize=address,undefined" test

# libFuzzer targets (clang 14) for the parsers of untrusted input; run one with a
# corpus of its own, seeded from the samples, e.g.:
#   mkdir -p build-fuzz/corpus && cp tests/data/eml/*/*.xml build-fuzz/corpus/
#   build-fuzz/fuzz/fuzz_eml -max_total_time=60 build-fuzz/corpus
# fuzz_json (the count form from the LAN) starts from a valid form or two, e.g.:
#   mkdir -p build-fuzz/corpus-json && echo '{"voters":{"poll_cards":3},"votes":{"list_totals":[2]},"lists":[{"number":1,"total":2,"candidates":[2,null]}]}' > build-fuzz/corpus-json/seed
#   build-fuzz/fuzz/fuzz_json -max_total_time=60 build-fuzz/corpus-json
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" all
	@mkdir -p build-fuzz/fuzz
	for f in tests/fuzz_*.c; do n=$$(basename $$f .c); \
	  clang -O1 -g -fsanitize=fuzzer,address,undefined $(CFLAGS) -include base/banned.h -I. -Ibuild-fuzz $(shell pkg-config --cflags $(PKGS)) -o build-fuzz/fuzz/$$n $$f build-fuzz/libteller.a $(LIBS) || exit 1; done

bench: all
	@for b in $(BENCHES); do $$b || exit 1; done
	@if [ -x /usr/bin/chromium ] && [ -d tests/browser/node_modules/playwright-core ] && command -v node >/dev/null; then \
	  node bench/bench_pages.mjs --build $(BUILD) || exit 1; \
	else echo "bench_pages: skipped (needs node, /usr/bin/chromium and tests/browser/node_modules: cd tests/browser && npm ci)"; fi
	@if command -v node >/dev/null; then node bench/bench_durability.mjs --build $(BUILD) --power 20 || exit 1; \
	else echo "bench_durability: skipped (needs node)"; fi

# The systemd unit goes where systemd looks for a package's units under PREFIX
# (/usr/local/lib/systemd/system by default; /etc/systemd/system is the
# administrator's own), with PREFIX filled in.
UNITDIR ?= $(PREFIX)/lib/systemd/system
install: $(BUILD)/teller
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/teller/demo \
	        $(DESTDIR)$(UNITDIR) $(DESTDIR)$(PREFIX)/share/doc/teller
	install -m 0755 $(BUILD)/teller $(DESTDIR)$(PREFIX)/bin/teller
	install -m 0644 fixtures/demo/* $(DESTDIR)$(PREFIX)/share/teller/demo/
	sed 's|@PREFIX@|$(PREFIX)|g' dist/teller.service > $(DESTDIR)$(UNITDIR)/teller.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/teller.service
	install -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/teller/README.md

demo: all
	@sh fixtures/demo.sh

clean:
	rm -rf build build-check build-fuzz teller
