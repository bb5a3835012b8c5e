# SPDX-License-Identifier: GPL-2.0
# The answers' routes, which kdns remembers per CPU (module/route.c), follow
# the routing tables as the stack's own lookup would: a more specific route
# added for the client takes its answers at once, and they come back when
# it goes; IPv4 and IPv6. A policy routing rule on the client's port (which
# the remembered routes, by address, cannot tell apart) routes each answer
# by its port (where the kernel has policy routing). The namespace and the
# module go with routes still remembered (the debug kernel's kmemleak and
# refcount checks watch).
trap netns_cleanup EXIT
kdns_load
netns_pair
# A second link between the two namespaces.
pp ip -n client link add veth1 type veth peer name veth1 netns server
pp ip -n client addr add 198.18.1.1/24 dev veth1
pp ip -n server addr add 198.18.1.2/24 dev veth1
pp ip -n client link set veth1 up
pp ip -n server link set veth1 up
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"

tx() { srv cat "/sys/class/net/$1/statistics/tx_packets"; }

# asked AT DEV [DIG-OPTION...]: five queries to AT (an address of the
# server), by one dig, answered, and at least five more packets out of the
# server's DEV, fewer than five out of its other veth.
asked() {
	local at=$1 dev=$2 other b0 b1 a
	shift 2
	other=veth0
	[ "$dev" = veth0 ] && other=veth1
	b0=$(tx "$dev") b1=$(tx "$other")
	a=$(pp cli dig +short +tries=1 +timeout=5 "@$at" "$@" www.example.com A \
		www.example.com A www.example.com A www.example.com A www.example.com A)
	expect_eq "$(echo "$a" | tr '\n' ' ')" "$(printf '192.0.2.80 %.0s' 1 2 3 4 5)" \
		"five answers from $at"
	[ $(($(tx "$dev") - b0)) -ge 5 ] || fail "the answers did not leave through $dev"
	[ $(($(tx "$other") - b1)) -lt 5 ] || fail "answers left through $other"
}

ll() { ip -n "$1" -6 addr show dev "$2" scope link | sed -n 's/.*inet6 \(fe80::[^/]*\).*/\1/p'; }
for _ in $(seq 50); do
	[ -n "$(ll client veth1)" ] && ! ip -n client -6 addr show tentative | grep -q fe80 && break
	sleep 0.2
done

asked 198.18.0.2 veth0
asked 2001:db8::2 veth0
# A route for the client alone, through the second link: the answers follow.
pp ip -n server route add 198.18.0.1/32 via 198.18.1.1 dev veth1
pp ip -n server -6 route add 2001:db8::1/128 via "$(ll client veth1)" dev veth1
asked 198.18.0.2 veth1
asked 2001:db8::2 veth1
# And come back when it goes.
pp ip -n server route del 198.18.0.1/32
pp ip -n server -6 route del 2001:db8::1/128
asked 198.18.0.2 veth0
asked 2001:db8::2 veth0

# Answers to port 40000 by another table: each answer by its own port
# (where the kernel has policy routing: not our debug kernel).
pp ip -n server route add 198.18.0.1/32 via 198.18.1.1 dev veth1 table 100
if pp ip -n server rule add ipproto udp sport 53 dport 40000 lookup 100; then
	asked 198.18.0.2 veth1 -b 198.18.0.1#40000
	asked 198.18.0.2 veth0 -b 198.18.0.1#40001
	asked 198.18.0.2 veth1 -b 198.18.0.1#40000
	expect_eq "$(counter answered server)" 45 "answers from kdns"
else
	echo "no policy routing in this kernel: its part skipped"
	expect_eq "$(counter answered server)" 30 "answers from kdns"
fi

# Gone with routes remembered on some CPU: the namespace, then the module.
netns_cleanup
kdns_unload
