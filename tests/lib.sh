# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The one shell library of kdns's tests, sourced (never run) by every shell
# test: the harness and checks on the host (tests/check, check-host,
# tests/vm/run, ...), the cases inside a guest (tests/vm/cases/*.sh, sourced
# by tests/vm/guest-tests under set -e), the install tests and the bench.
#
#   Where things are          KDNS_TOP, KDNS_CACHE, KDNS_SPLAT, the kernels
#   Totals of a check         result, count_tap, tap_ok, checkpatch
#   A case in a guest         kdns_load, pp, fail, poll, counter, expect_eq,
#                             netns_pair (client and server namespaces), srv,
#                             cli, ask, dns_server

# ---- Where things are ----
KDNS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KDNS_CACHE=${KDNS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kdns}

# What a kernel prints when something is wrong: warnings, bugs, sanitizers,
# lockdep, hung tasks, leaks. Any of it in a test's kernel log fails the test.
KDNS_SPLAT='WARNING:|BUG:|KASAN:|UBSAN:|Kernel panic|Oops|general protection|'
KDNS_SPLAT+='possible circular locking|possible recursive locking|suspicious RCU usage|'
KDNS_SPLAT+='inconsistent lock state|unreferenced object|INFO: task .* blocked|Call Trace:|'
# slub_debug's reports: "BUG kmalloc-64 (Not tainted): Poison overwritten".
KDNS_SPLAT+='BUG [^ ]+ \((Not t|T)ainted'

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# tap_ok STATUS DESCRIPTION: a TAP line "ok N - ..." (or "not ok"), N counted
# in the caller's variable n.
tap_ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# The newest Debian kernel image installed (package linux-image-amd64 pulls it in).
debian_kernel_version() {
	local v
	# shellcheck disable=SC2012 # kernel file names are plain
	v=$(ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's|.*/vmlinuz-||' | sort -V | tail -n 1)
	[ -n "$v" ] || die "no Debian kernel in /boot: run scripts/deps"
	echo "$v"
}

# The debug kernel's cache directory: keyed by the config fragment and the
# linux-source package it is built from, so either changing rebuilds it.
debug_kernel_dir() {
	local srcver key
	srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
		die "linux-source-6.1 is not installed: run scripts/deps"
	key=$( { cat "$KDNS_TOP/tests/vm/debug.kunitconfig"; echo "$srcver"; } |
		sha256sum | cut -c1-16)
	echo "$KDNS_CACHE/debug-kernel-$key"
}

# backports_kernel: bookworm-backports' kernel (6.12), fetched and unpacked
# by tests/vm/backports-kernel unless it is cached; sets BACKPORTS_ROOT (the
# unpacked packages: boot/, lib/modules/, usr/src/) and BACKPORTS_VERSION
# (its uname -r). Returns non-zero if it cannot be had.
# shellcheck disable=SC2012,SC2034 # lib/modules has one directory; the variables are the caller's
backports_kernel() {
	BACKPORTS_ROOT=$("$KDNS_TOP/tests/vm/backports-kernel") || return 1
	BACKPORTS_VERSION=$(ls "$BACKPORTS_ROOT/lib/modules")
	BACKPORTS_HEADERS=$BACKPORTS_ROOT/usr/src/linux-headers-$BACKPORTS_VERSION
}

# ---- Totals of a check (tests/check, tests/check-host) ----
passed=0
failed=0

# result NAME STATUS: one test, passed if STATUS is 0.
result() {
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "check: PASS $1"
	else
		failed=$((failed + 1))
		echo "check: FAIL $1"
	fi
}

# count_tap FILE PREFIX: add the TAP results of FILE to the totals.
count_tap() {
	local p f
	p=$(grep -c '^ok ' "$1")
	f=$(grep -c '^not ok ' "$1")
	passed=$((passed + p))
	failed=$((failed + f))
	grep '^not ok ' "$1" | sed "s/^/check: FAIL $2: /"
	echo "check: $2: $p ok, $f not ok"
}

# checkpatch: the path of the kernel's checkpatch.pl, with the data files it
# reads, from Debian's linux-source-6.1 (extracted once into the cache).
checkpatch() {
	local dir
	dir=$("$KDNS_TOP/scripts/linux-source-files" scripts/checkpatch.pl scripts/spelling.txt \
		scripts/const_structs.checkpatch) || return 1
	echo "$dir/scripts/checkpatch.pl"
}

# ---- A case in a guest (tests/vm/cases/*.sh): each prints the commands it
# runs, like WireGuard's netns.sh ----
kdns_load() {
	pp insmod "$KDNS_MODDIR/kdns.ko" "$@"
}

kdns_unload() {
	pp rmmod kdns
}

# Print a command (to stderr: stdout may be captured), then run it.
pp() {
	echo "+ $*" >&2
	"$@"
}

fail() {
	echo "FAIL: $*"
	exit 1
}

# skip_under_debug WHY: the case is skipped under the debug kernel (exit 77,
# TAP "# SKIP"), whose stage must fit make check's time: for functional
# cases whose kernel paths other cases drive there under KASAN (WHY names
# them). Debian's kernel runs every case. guest-tests reads the line
# skip_under_debug "WHY" of a case, and under the debug kernel does not
# start it.
skip_under_debug() {
	if [ -e /sys/kernel/debug/kmemleak ]; then
		echo "$*"
		exit 77
	fi
}

# poll SECONDS COMMAND...: until COMMAND succeeds, every 0.1 s.
poll() {
	for _ in $(seq $(($1 * 10))); do
		"${@:2}" && return 0
		sleep 0.1
	done
	return 1
}

# counter NAME [NETNS]: one counter of kdnsctl stats.
counter() {
	local ns=${2:-}
	if [ -n "$ns" ]; then
		ip netns exec "$ns" "$KDNSCTL" stats | awk -v k="$1" '$1 == k { print $2 }'
	else
		"$KDNSCTL" stats | awk -v k="$1" '$1 == k { print $2 }'
	fi
}

expect_eq() {
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}

#   ┌──────── client ────────┐        ┌──────── server ────────┐
#   │ veth0  198.18.0.1/24   │◀──────▶│ veth0  198.18.0.2/24   │
#   │        2001:db8::1/64  │  veth  │        2001:db8::2/64  │
#   └────────────────────────┘        └────────────────────────┘
netns_pair() {
	pp ip netns add client
	pp ip netns add server
	pp ip -n client link add veth0 type veth peer name veth0 netns server
	pp ip -n client addr add 198.18.0.1/24 dev veth0
	pp ip -n server addr add 198.18.0.2/24 dev veth0
	pp ip -n client addr add 2001:db8::1/64 dev veth0 nodad
	pp ip -n server addr add 2001:db8::2/64 dev veth0 nodad
	pp ip -n client link set lo up
	pp ip -n server link set lo up
	pp ip -n client link set veth0 up
	pp ip -n server link set veth0 up
}

# load_example_big: the example zone with big.example.com, a TXT of five
# 200-byte strings (an answer of 1,061 bytes), loaded in the server's
# namespace.
load_example_big() {
	{
		cat "$KDNS_TOP/examples/example.com.zone"
		printf 'big 300 IN TXT'
		for i in $(seq 5); do printf ' "%0200d"' "$i"; done
		echo
	} > /tmp/example-big.zone
	pp srv "$KDNSCTL" zone load /tmp/example-big.zone
}

netns_cleanup() {
	ip netns del client 2>/dev/null || true
	ip netns del server 2>/dev/null || true
}

# srv COMMAND...: COMMAND in the server's namespace; cli: in the client's.
srv() { ip netns exec server "$@"; }
cli() { ip netns exec client "$@"; }

# ask [@SERVER] [DIG-OPTION...] NAME TYPE: the short answer to a query sent
# from the client to SERVER (default the server's IPv4 address), one try.
ask() {
	local at=@198.18.0.2
	case ${1:-} in @*) at=$1; shift ;; esac
	cli dig +short +tries=1 +timeout=5 "$at" "$@"
}

# knot_server MODULE ID YAML: Knot DNS in the server's namespace on
# 198.18.0.2, serving the example zone with the module MODULE (e.g.
# mod-rrl) of id default configured by YAML (its lines, indented), started
# and answering; its pid in KNOT_PID (knot_stop ends it).
knot_server() {
	local dir=/tmp/knot-$1
	mkdir -p "$dir"
	cat > "$dir/knot.conf" <<-EOF
	server:
	    rundir: $dir
	    listen: 198.18.0.2@53
	    udp-workers: 1
	database:
	    storage: $dir
	$1:
	  - id: default
	$2
	template:
	  - id: default
	    storage: $dir
	    global-module: $1/default
	zone:
	  - domain: example.com.
	    file: $KDNS_TOP/examples/example.com.zone
	EOF
	srv knotd -c "$dir/knot.conf" > "$dir/log" 2>&1 &
	KNOT_PID=$!
	poll 20 ask www.example.com A > /dev/null || fail "knotd did not answer: $(cat "$dir/log")"
}

knot_stop() {
	kill "$KNOT_PID"
	wait "$KNOT_PID" 2>/dev/null || true
	KNOT_PID=
}

# dns_server NETNS: a small UDP DNS server on port 53 of every address of
# NETNS (IPv4 and IPv6), answering every A query with 192.0.2.53. It stands
# for the userspace server that kdns passes queries to.
dns_server() {
	ip netns exec "$1" python3 "$KDNS_TOP/tests/vm/tools/dns-echo.py" &
	# shellcheck disable=SC2034 # for the case, which kills it
	DNS_SERVER_PID=$!
	# Wait until it listens.
	for _ in $(seq 50); do
		ip netns exec "$1" ss -ltn | grep -q ':53 ' && return 0
		sleep 0.1
	done
	fail "dns server did not start"
}
