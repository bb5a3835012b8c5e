# SPDX-License-Identifier: GPL-2.0
# Helpers for tests/vm/cases/*.sh, sourced by guest-tests under set -e.
# Each case prints the commands it runs (like WireGuard's netns.sh).

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
# them). Debian's kernel runs every case.
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

netns_cleanup() {
	ip netns del client 2>/dev/null || true
	ip netns del server 2>/dev/null || true
}

# dns_server NETNS: a small UDP DNS server on port 53 of every address of
# NETNS (IPv4 and IPv6), answering every A query with 192.0.2.53. It stands
# for the userspace server that kdns passes queries to.
dns_server() {
	ip netns exec "$1" python3 "$KDNS_TOP/tests/vm/dns-echo.py" &
	DNS_SERVER_PID=$!
	# Wait until it listens.
	for _ in $(seq 50); do
		ip netns exec "$1" ss -ltn | grep -q ':53 ' && return 0
		sleep 0.1
	done
	fail "dns server did not start"
}
