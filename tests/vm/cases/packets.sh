# SPDX-License-Identifier: GPL-2.0
# Queries in unusual packets: IPv4 options, IPv4 fragments (reassembled, one
# with a frag_list), a query in a page fragment (from a packet socket's TX
# ring) and an IPv6 extension header are answered; a wrong UDP checksum is left to the stack; IPv6
# fragments reach the socket, or kdns once conntrack reassembles them.
trap netns_cleanup EXIT
kdns_load
netns_pair
# veth trusts unchecked checksums unless told not to: check them at the server.
pp srv ethtool -K veth0 rx off > /dev/null
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
dns_server server
pp cli python3 "$KDNS_TOP/tests/vm/tools/raw-queries.py" --ipv6-fragments=socket \
	--server-mac="$(srv cat /sys/class/net/veth0/address)"
expect_eq "$(counter passed_bad_checksum server)" 1 "queries with a bad checksum passed on"
expect_eq "$(counter passed_other server)" 1 "the query to the broadcast address passed on"
[ "$(counter answered server)" -ge 6 ] || fail "fewer than six answers"
# A conntrack rule makes nf_defrag_ipv6 reassemble before LOCAL_IN.
pp srv nft add table inet defrag
pp srv nft add chain inet defrag in '{ type filter hook input priority 0; }'
pp srv nft add rule inet defrag in ct state invalid counter
pp cli python3 "$KDNS_TOP/tests/vm/tools/raw-queries.py" --ipv6-fragments=only-kdns
# To the server's link-local address: no route back from the query's (the
# answer would need the interface), so the socket answers, as before kdns.
ll() { ip -n "$1" -6 addr show dev veth0 scope link | sed -n 's/.*inet6 \(fe80::[^/]*\).*/\1/p'; }
for _ in $(seq 50); do
	ip -n server -6 addr show dev veth0 tentative | grep -q fe80 ||
		ip -n client -6 addr show dev veth0 tentative | grep -q fe80 || break
	sleep 0.2
done
a=$(pp cli dig +short +tries=1 +timeout=5 "@$(ll server)%veth0" www.example.com A)
expect_eq "$a" 192.0.2.53 "answer to a query to the link-local address"
kill "$DNS_SERVER_PID"
netns_cleanup
kdns_unload
