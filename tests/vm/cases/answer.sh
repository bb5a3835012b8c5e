# SPDX-License-Identifier: GPL-2.0
# A zone loaded with kdnsctl in the server's namespace is answered by the
# kernel, over IPv4 and IPv6, byte for byte as the engine answers in
# userspace; names in no zone still reach the userspace server; unloading
# the zone hands its names back to the sockets.
skip_under_debug "its paths run under KASAN in adv-packet-fuzz (the same zones, every type) and firewall"
trap netns_cleanup EXIT
server_bin=$KDNS_TOP/build/kdns-test-server
[ -x "$server_bin" ] || fail "build/kdns-test-server is missing (make build/kdns-test-server)"
kdns_load
netns_pair
dns_server server
zone=$KDNS_TOP/tests/zones/example.com.zone
pp srv "$KDNSCTL" zone load "$zone"
pp srv "$KDNSCTL" zone list
# As many records as kdnsctl's own build of the file counts.
records=$("$KDNSCTL" zone check "$zone" 2>/dev/null | sed -n 's/.*, \([0-9]*\) records,.*/\1/p')
expect_eq "$(srv "$KDNSCTL" zone list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["records"])')" "$records" "records loaded"

a=$(pp ask www.example.com A | sort | tr '\n' ' ')
expect_eq "$a" "192.0.2.80 192.0.2.81 " "www A over IPv4"
a=$(pp ask @2001:db8::2 www.example.com AAAA)
expect_eq "$a" "2001:db8::80" "www AAAA over IPv6"
flags=$(cli dig +tries=1 +timeout=5 @198.18.0.2 nx.example.com A | grep -c 'status: NXDOMAIN.*' || true)
expect_eq "$flags" 1 "NXDOMAIN"
# Not in the zone: the userspace server answers.
a=$(pp ask www.example.org A)
expect_eq "$a" 192.0.2.53 "a name in no zone reaches userspace"

# The kernel's answers are the engine's, byte for byte.
srv "$server_bin" 5300 "$zone" > /dev/null &
sleep 0.5
names=(www.example.com. alias.example.com. x.wild.example.com. host.sub.example.com.
	nx.example.com. example.com. big.example.com. huge.example.com. x.idn.example.com.)
pp cli python3 "$KDNS_TOP/tests/vm/tools/compare-answers.py" 198.18.0.2 53 5300 "${names[@]}"
pp cli python3 "$KDNS_TOP/tests/vm/tools/compare-answers.py" 2001:db8::2 53 5300 "${names[@]}"

# kdnsctl lookup: the same answer, over netlink instead of the network.
pp srv "$KDNSCTL" lookup alias.example.com A | tee /tmp/lookup.txt
grep -q "^www.example.com.*192.0.2.80" /tmp/lookup.txt || fail "lookup misses the A record"
grep -q "NOERROR aa" /tmp/lookup.txt || fail "lookup: not an authoritative NOERROR"
rcode=$(srv "$KDNSCTL" lookup --json nx.example.com |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["rcode"])')
expect_eq "$rcode" NXDOMAIN "lookup --json of a missing name"
! srv "$KDNSCTL" lookup www.example.org 2>/tmp/err || fail "lookup outside the zones"
grep -q "pass" /tmp/err || fail "lookup outside the zones: $(cat /tmp/err)"

# kdnsctl zone show: the records back as zone-file text, which loads again.
srv "$KDNSCTL" zone show example.com > /tmp/show.zone
expect_eq "$(wc -l < /tmp/show.zone)" "$records" "records shown"
pp srv "$KDNSCTL" zone load /tmp/show.zone
srv "$KDNSCTL" zone show example.com | cmp - /tmp/show.zone ||
	fail "zone show after reloading its own output differs"
! srv "$KDNSCTL" zone show example.net 2>/tmp/err || fail "zone show of no zone"
grep -q "no such zone" /tmp/err || fail "zone show of no zone: $(cat /tmp/err)"

pp srv "$KDNSCTL" stats
[ "$(counter answered server)" -gt 100 ] || fail "too few answers counted"
[ "$(counter answered_nxdomain server)" -ge 1 ] || fail "no NXDOMAIN counted"

pp srv "$KDNSCTL" zone unload example.com
a=$(pp ask www.example.com A)
expect_eq "$a" 192.0.2.53 "after unload, the userspace server answers"
kill "$DNS_SERVER_PID"
netns_cleanup
kdns_unload
