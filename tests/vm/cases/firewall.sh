# SPDX-License-Identifier: GPL-2.0
# kdns answers after the filter table's INPUT chain and sends through the
# output path: nftables counts the answers leaving, tcpdump sees them, a rule
# dropping the client's queries stops kdns answering them; with conntrack on,
# answered queries leave no entries; the answers do not keep the queries'
# marks; TCP queries go to the TCP listener.
trap netns_cleanup EXIT
kdns_load
netns_pair
dns_server server
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
pp srv nft add table inet t
pp srv nft add chain inet t out '{ type filter hook output priority 0; }'
pp srv nft add rule inet t out udp sport 53 counter

srv tcpdump -i veth0 -n -U -c 1 -w /tmp/answer.pcap 'udp and src port 53' \
	2>/dev/null &
capture=$!
sleep 2
a=$(pp ask www.example.com A)
expect_eq "$a" 192.0.2.80 "answer"
wait $capture
pp tcpdump -n -r /tmp/answer.pcap 2>/dev/null | tee /tmp/answer.txt
grep -q '198.18.0.2.53 > 198.18.0.1' /tmp/answer.txt || fail "tcpdump did not see the answer"
pp srv nft list chain inet t out | tee /tmp/nft.txt
grep -q 'counter packets 1 ' /tmp/nft.txt || fail "the output chain did not count the answer"

# TCP is not kdns's: the userspace listener answers.
a=$(pp cli dig +tcp +short +tries=1 +timeout=5 @198.18.0.2 www.example.com A)
expect_eq "$a" 192.0.2.53 "answer over TCP"

# Conntrack on: answers leave as related replies of the query's unconfirmed
# entry (as REJECT's do), so the answered queries leave no entries behind;
# a query passed to the userspace server is tracked as usual.
pp srv nft add table inet track
pp srv nft add chain inet track in '{ type filter hook input priority 0; }'
pp srv nft add rule inet track in ct state new counter
# The entry of the query passed to userspace below must outlive this case's
# slowest stretch (the debug kernel under TCG), not UDP's 30 s default.
pp srv sysctl -qw net.netfilter.nf_conntrack_udp_timeout=600 \
	net.netfilter.nf_conntrack_udp_timeout_stream=600
pp srv nft add chain inet track out '{ type filter hook output priority 0; }'
pp srv nft add rule inet track out udp sport 53 ct state related counter
for _ in 1 2 3 4 5; do
	a=$(pp ask www.example.com A)
	expect_eq "$a" 192.0.2.80 "answer with conntrack on"
done
pp srv nft list table inet track | tee /tmp/ct.txt
grep -q 'ct state new counter packets 5 ' /tmp/ct.txt || fail "conntrack did not see the queries"
grep -q 'ct state related counter packets 5 ' /tmp/ct.txt ||
	fail "answers did not carry the queries' conntrack entries"
expect_eq "$(srv cat /proc/sys/net/netfilter/nf_conntrack_count)" 0 \
	"conntrack entries left by answered queries"
a=$(pp ask www.example.org A)
expect_eq "$a" 192.0.2.53 "answer of the userspace server with conntrack on"
expect_eq "$(srv cat /proc/sys/net/netfilter/nf_conntrack_count)" 1 \
	"conntrack entries after a query to the userspace server"

# A notrack rule for DNS (as the README suggests): the answers stay out of
# the conntrack table too (untracked, like their queries).
pp srv nft add chain inet track pre '{ type filter hook prerouting priority raw; }'
pp srv nft add rule inet track pre udp dport 53 notrack
pp srv nft add rule inet track out udp sport 53 ct state untracked counter
entries=$(srv cat /proc/sys/net/netfilter/nf_conntrack_count)
for _ in 1 2 3; do
	a=$(pp ask www.example.com A)
	expect_eq "$a" 192.0.2.80 "answer to an untracked query"
done
expect_eq "$(srv cat /proc/sys/net/netfilter/nf_conntrack_count)" "$entries" \
	"conntrack entries after answers to untracked queries"
pp srv nft list table inet track | tee /tmp/ct.txt
grep -q 'ct state untracked counter packets 3 ' /tmp/ct.txt || fail "answers not untracked"
pp srv nft delete table inet track

# The answer is built in the query's own buffer, but carries none of the
# query's state: a mark set on the query is not the answer's.
pp srv nft add table inet marks
pp srv nft add chain inet marks pre '{ type filter hook prerouting priority -150; }'
pp srv nft add rule inet marks pre udp dport 53 meta mark set 0x42
pp srv nft add chain inet marks out '{ type filter hook output priority 0; }'
pp srv nft add rule inet marks out udp sport 53 meta mark 0x42 counter
pp srv nft add rule inet marks out udp sport 53 meta mark 0 counter
for _ in 1 2 3; do
	a=$(pp ask www.example.com A)
	expect_eq "$a" 192.0.2.80 "answer to a marked query"
done
pp srv nft list table inet marks | tee /tmp/marks.txt
grep -q 'mark 0x00000042 counter packets 0 ' /tmp/marks.txt || fail "an answer kept the query's mark"
grep -q 'mark 0x00000000 counter packets 3 ' /tmp/marks.txt || fail "answers not seen unmarked"
pp srv nft delete table inet marks

# A rule in the filter table's input chain drops the query before kdns.
pp srv nft add chain inet t in '{ type filter hook input priority 0; }'
pp srv nft add rule inet t in ip saddr 198.18.0.1 udp dport 53 drop
before=$(counter received server)
! pp cli dig +tries=1 +timeout=2 @198.18.0.2 www.example.com A > /dev/null ||
	fail "a dropped query was answered"
expect_eq "$(counter received server)" "$before" "queries kdns saw after the drop rule"
kill "$DNS_SERVER_PID"
netns_cleanup
kdns_unload
