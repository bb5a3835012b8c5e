# SPDX-License-Identifier: GPL-2.0
# Queries reinjected by an NFQUEUE verdict program (as Suricata inline or any
# `queue` rule before kdns gives them): kdns's hook then runs in process
# context, preemptible, with bottom halves enabled, while softirqs on the
# same CPU run it too. Answered, and (on the debug kernel, PREEMPT and
# DEBUG_PREEMPT on two vCPUs) no per-CPU misuse reported.
trap netns_cleanup EXIT
# Built on the host (make build/nfq-accept; tests/check does): a compiler
# under TCG takes minutes.
nfq_accept=$KDNS_TOP/build/nfq-accept
[ -x "$nfq_accept" ] || fail "$nfq_accept is missing: make build/nfq-accept"
kdns_load
netns_pair
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
pp srv nft add table inet q
pp srv nft add chain inet q in '{ type filter hook input priority 0; }'
# IPv4 queries through the queue; IPv6 ones straight to kdns, in softirq.
pp srv nft add rule inet q in meta nfproto ipv4 udp dport 53 queue num 0
# Not srv: $! must be the program, which kill stops.
ip netns exec server "$nfq_accept" 900 > /tmp/nfq.log &
nfq=$!
for _ in $(seq 600); do grep -q ready /tmp/nfq.log && break; sleep 0.1; done
grep -q ready /tmp/nfq.log || fail "the verdict program did not start"
a=$(pp ask www.example.com A)
expect_eq "$a" 192.0.2.80 "answer through the queue"
cli python3 "$KDNS_TOP/tests/vm/tools/dns-flood.py" 8 198.18.0.2 2001:db8::2 &
flood1=$!
cli python3 "$KDNS_TOP/tests/vm/tools/dns-flood.py" 8 198.18.0.2 2001:db8::2 &
flood2=$!
wait $flood1 $flood2
a=$(pp ask www.example.com AAAA)
expect_eq "$a" 2001:db8::80 "answer after the flood"
kill $nfq
wait $nfq || true
cat /tmp/nfq.log
srv "$KDNSCTL" stats | grep -E 'received|answered'
[ "$(counter answered server)" -gt 100 ] || fail "few answers"
netns_cleanup
kdns_unload
