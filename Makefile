# SPDX-License-Identifier: GPL-2.0
# kdns: make (module + kdnsctl), make check (all tests), make demo.
# The kernel module itself is described by Kbuild.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The kernel to build against: the running kernel's build tree if it has one,
# else the newest Debian amd64 headers installed. make KDIR=... overrides.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))

all: module kdnsctl

module:
	@test -n "$(KDIR)" || { echo "no kernel headers: run scripts/deps or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP) modules

kdnsctl:
	$(MAKE) -C userspace

deps:
	scripts/deps

# For clangd and other editors' tools: the module's and kdnsctl's commands.
compile_commands.json:
	scripts/compile-commands $(KDIR)

# The answer engine's sources, built for userspace too.
include module/engine.mk
ENGINE_SRCS := $(KDNS_ENGINE:%=module/%.c)

# Userspace unit tests: the KUnit suites of module/tests on the host (ASan, UBSan).
UNIT_CFLAGS := -O1 -g -Wall -Wextra -Wno-missing-field-initializers -Wno-unused-parameter -std=gnu11 \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Itests/unit/shim -Iinclude
UNIT_SRCS := tests/unit/main.c $(wildcard module/tests/*_kunit.c)

build/unit: $(UNIT_SRCS) $(wildcard module/*.[ch] module/tests/*.h tests/unit/shim/kunit/*.h)
	@mkdir -p build
	$(CC) $(UNIT_CFLAGS) -o $@ $(UNIT_SRCS)

# kdnsctl's ZONE_ADD messages, received by the module's side in userspace.
RRBATCH_SRCS := tests/unit/rrbatch_test.c tests/unit/fake_module.c userspace/rrbatch.c \
	userspace/zonefile.c $(ENGINE_SRCS)
build/rrbatch_test: $(RRBATCH_SRCS) $(wildcard module/*.h userspace/*.h tests/unit/*.h)
	@mkdir -p build
	$(CC) $(filter-out -I%,$(UNIT_CFLAGS)) -Iinclude/uapi -o $@ $(RRBATCH_SRCS) -lmnl -lzscanner -lknot

unit: build/unit build/rrbatch_test kdnsctl
	build/unit
	build/rrbatch_test userspace/kdnsctl

# The engine behind a UDP socket, and the differential test against Knot DNS.
build/kdns-test-server: tests/diff/kdns-test-server.c userspace/zonefile.c $(ENGINE_SRCS) \
		$(wildcard module/*.h userspace/*.h)
	@mkdir -p build
	$(CC) -O2 -g -Wall -Wextra -Wno-missing-field-initializers -Iinclude/uapi -o $@ \
		tests/diff/kdns-test-server.c userspace/zonefile.c $(ENGINE_SRCS) -lzscanner -lknot

# libFuzzer (clang, ASan, UBSan) on kdns_answer; seeds in tests/fuzz/corpus.
FUZZ_SECONDS ?= 300
build/answer_fuzz: tests/fuzz/answer_fuzz.c userspace/zonefile.c $(ENGINE_SRCS) \
		$(wildcard module/*.h module/tests/dnstest.h userspace/*.h)
	@mkdir -p build
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Iinclude/uapi -DKDNS_ZONES_DIR='"$(TOP)/tests/zones"' -o $@ \
		tests/fuzz/answer_fuzz.c userspace/zonefile.c $(ENGINE_SRCS) -lzscanner -lknot

# The fuzzer's zones: tests/zones, and example.com signed as example.net
# (NSEC3, opt-out) and as example.org (NSEC), keys made for the run, for
# DO=1 answers with RRSIGs and proofs.
FUZZ_SIGNED := build/fuzz-signed-net.zone:build/fuzz-signed-org.zone
fuzz-zones:
	@mkdir -p build
	@for z in net:nsec3-optout org:nsec; do \
		tld=$${z%%:*}; \
		sed "s/example\.com\./example.$$tld./g" tests/zones/example.com.zone \
			> build/fuzz-example.$$tld.zone; \
		tests/diff/sign-zone build/fuzz-example.$$tld.zone example.$$tld. \
			build/fuzz-signed-$$tld.zone $${z#*:} > build/fuzz-sign.log 2>&1 || \
			{ cat build/fuzz-sign.log; exit 1; }; \
	done

fuzz: build/answer_fuzz fuzz-zones
	@mkdir -p build/fuzz-corpus
	KDNS_FUZZ_SIGNED=$(FUZZ_SIGNED) build/answer_fuzz -max_total_time=$(FUZZ_SECONDS) \
		-max_len=1024 build/fuzz-corpus tests/fuzz/corpus

# libFuzzer on kdnsctl zone load's path: zone-file text in, ZONE_ADD messages
# out to the module's side in userspace; seeds in tests/fuzz/zone-corpus.
ZONELOAD_SRCS := tests/fuzz/zoneload_fuzz.c tests/unit/fake_module.c userspace/rrbatch.c \
	userspace/zonefile.c $(ENGINE_SRCS)
build/zoneload_fuzz: $(ZONELOAD_SRCS) $(wildcard module/*.h userspace/*.h tests/unit/*.h)
	@mkdir -p build
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Iinclude/uapi -o $@ $(ZONELOAD_SRCS) -lmnl -lzscanner -lknot

fuzz-zoneload: build/zoneload_fuzz
	@mkdir -p build/zoneload-corpus
	build/zoneload_fuzz -max_total_time=$(FUZZ_SECONDS) build/zoneload-corpus tests/fuzz/zone-corpus

# The engine's cost per query (not a test): make bench-engine. The engine
# is compiled with the flags of Debian 12's 6.1 kernel, which make
# bench-insn runs (build/mod-debian/module/.answer.o.cmd), that shape its
# code, so that callgrind counts the instructions the module executes:
# the stack protector, locals zeroed (INIT_STACK_ALL_ZERO), no jump
# tables, no SSE, no red zone (6.12 adds -fcf-protection=branch, an
# endbr64 per function entered). Without them, counts differ from the
# module's by some percent, and a change can look cheaper or dearer than
# it is.
KERNEL_CODEGEN := -O2 -fno-strict-aliasing -fno-jump-tables -fstack-protector-strong \
	-ftrivial-auto-var-init=zero -mno-red-zone -fconserve-stack -falign-jumps=1 \
	-falign-loops=1 -fno-delete-null-pointer-checks -fno-strict-overflow -fno-common \
	-fno-allow-store-data-races -fcf-protection=none -mno-sse -mno-mmx -mno-avx
BENCH_ENGINE_OBJS := $(KDNS_ENGINE:%=build/bench-engine/%.o)
build/bench-engine/%.o: module/%.c $(wildcard module/*.h)
	@mkdir -p build/bench-engine
	$(CC) $(KERNEL_CODEGEN) -g -Wall -Wno-missing-field-initializers -Iinclude/uapi -c -o $@ $<
build/engine_bench: tests/bench/engine_bench.c userspace/zonefile.c $(BENCH_ENGINE_OBJS) \
		$(wildcard module/*.h module/tests/dnstest.h userspace/*.h)
	$(CC) -O2 -g -Wall -Wno-missing-field-initializers -Iinclude/uapi -o $@ \
		tests/bench/engine_bench.c userspace/zonefile.c $(BENCH_ENGINE_OBJS) -lzscanner -lknot

bench-engine: deps build/engine_bench
	tests/bench/engine-bench

# kdns vs Knot DNS, NSD and the hook's limits, in a VM (not a test; ~45 min):
# writes docs/BENCHMARKS.md and docs/bench-qps.png.
bench: deps
	tests/bench/bench

# The TCG plugin of make bench-insn: guest instructions per vCPU, read out
# when the guest asks (tests/bench/insn-count.c). Its API header comes from
# Debian's qemu source package (tests/bench/qemu-plugin-header).
build/insn-count.so: tests/bench/insn-count.c
	@mkdir -p build
	$(CC) -O2 -Wall -Wextra -Wno-unused-parameter -shared -fPIC \
		-I"$$(tests/bench/qemu-plugin-header)" -o $@ $< -lpthread

# The same servers measured in guest instructions per answer, counted by a
# TCG plugin: numbers that do not move between runs (not a test; BENCH_SIZES,
# BENCH_QUERIES, BENCH_RATE, BENCH_SECONDS, BENCH_REPS).
bench-insn: deps
	tests/bench/bench-insn

# Where the server's vCPU spends its time under make bench's open-loop load:
# make bench-profile [PROFILE="10000 'kdns reflector'"].
PROFILE ?= 10000
bench-profile: deps
	tests/bench/profile $(PROFILE)

# The NFQUEUE verdict program of the VM case hostile-nfqueue.
build/nfq-accept: tests/vm/tools/nfq-accept.c
	@mkdir -p build
	$(CC) -O2 -Wall -Wextra -o $@ $< -lnetfilter_queue

diff-test: build/kdns-test-server
	/usr/bin/python3 tests/diff/knot-diff.py build/kdns-test-server

# The engine against Knot DNS on random zone sets (tests/diff/diff-random.py):
# DIFF_SEED (default random, printed), DIFF_SETS zone sets of DIFF_QUERIES.
DIFF_SETS ?= 20
DIFF_QUERIES ?= 200
diff-random: build/kdns-test-server
	/usr/bin/python3 tests/diff/diff-random.py build/kdns-test-server \
		$(if $(DIFF_SEED),--seed $(DIFF_SEED)) --sets $(DIFF_SETS) --queries $(DIFF_QUERIES)

# The tests that need neither root nor a VM (a few minutes); make check runs
# them too.
check-host:
	tests/check-host

check: deps
	tests/check

# The adversarial suite at length under the debug kernel (about 2 hours; not
# part of make check, which runs it short): tests/torture.
torture: deps
	tests/torture

# Installation. PREFIX for the programs, DESTDIR to stage (packaging, tests).
VERSION := $(shell cat $(TOP)/VERSION)
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
UNITDIR ?= $(PREFIX)/lib/systemd/system
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
DOCDIR ?= $(PREFIX)/share/doc/kdns
SYSCONFDIR ?= /etc

install: kdnsctl
	install -D -m 0755 userspace/kdnsctl $(DESTDIR)$(SBINDIR)/kdnsctl
	install -D -m 0644 userspace/kdnsctl.8 $(DESTDIR)$(MANDIR)/man8/kdnsctl.8
	install -D -m 0644 userspace/kdns.4 $(DESTDIR)$(MANDIR)/man4/kdns.4
	install -D -m 0644 dist/kdnsctl.bash-completion $(DESTDIR)$(COMPLETIONDIR)/kdnsctl
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/kdns/zones
	sed 's|@SBINDIR@|$(SBINDIR)|g; s|@SYSCONFDIR@|$(SYSCONFDIR)|g' dist/kdns.service.in \
		> $(DESTDIR)$(UNITDIR)/kdns.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/kdns.service
	install -D -m 0644 examples/example.com.zone $(DESTDIR)$(DOCDIR)/examples/example.com.zone
	install -D -m 0644 dist/modprobe-kdns.conf $(DESTDIR)$(DOCDIR)/examples/modprobe-kdns.conf
	# The settings' examples; the operator's settings are kept: installed
	# only where there are none (cookies.conf may come to hold a secret).
	for f in rrl cookies identity; do \
		install -D -m 0644 dist/$$f.conf $(DESTDIR)$(DOCDIR)/examples/$$f.conf; \
		[ -e $(DESTDIR)$(SYSCONFDIR)/kdns/$$f.conf ] || \
			install -m $$([ $$f = cookies ] && echo 0600 || echo 0644) dist/$$f.conf \
				$(DESTDIR)$(SYSCONFDIR)/kdns/$$f.conf || exit 1; \
	done

# Zones in SYSCONFDIR/kdns/zones and the settings (*.conf) are the operator's: they stay.
uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/kdnsctl $(DESTDIR)$(MANDIR)/man8/kdnsctl.8 \
		$(DESTDIR)$(MANDIR)/man4/kdns.4 $(DESTDIR)$(COMPLETIONDIR)/kdnsctl \
		$(DESTDIR)$(UNITDIR)/kdns.service
	rm -rf $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(SYSCONFDIR)/kdns/zones $(DESTDIR)$(SYSCONFDIR)/kdns 2>/dev/null

# DKMS: the module's sources (nothing else) in /usr/src/kdns-VERSION, built
# and installed for the running kernel (DKMS_ARGS="-k VERSION" for another),
# and rebuilt by DKMS for every kernel installed later.
DKMS_SRC := $(DESTDIR)/usr/src/kdns-$(VERSION)
DKMS_FILES := Kbuild VERSION include/uapi/linux/kdns.h module/engine.mk $(wildcard module/*.[ch])
DKMS_ARGS ?=

dkms-install:
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)
	cp --parents $(DKMS_FILES) $(DKMS_SRC)/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf > $(DKMS_SRC)/dkms.conf
	dkms add kdns/$(VERSION)
	dkms build kdns/$(VERSION) $(DKMS_ARGS)
	dkms install kdns/$(VERSION) $(DKMS_ARGS)

dkms-remove:
	-dkms remove kdns/$(VERSION) --all
	rm -rf $(DKMS_SRC)

demo: deps
	demo/run

clean:
	$(MAKE) -C userspace clean
	rm -rf build .tmp_versions Module.symvers modules.order *.mod *.mod.c *.o *.ko \
		.*.cmd module/*.o module/.*.cmd module/tests/*.o module/tests/.*.cmd

.PHONY: all module kdnsctl deps compile_commands.json unit fuzz fuzz-zones fuzz-zoneload diff-test diff-random bench-engine bench bench-insn bench-profile check-host check torture demo clean \
	install uninstall dkms-install dkms-remove
