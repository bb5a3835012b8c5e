# SPDX-License-Identifier: GPL-2.0
# Packets a hostile network can send: a query to an IPv6 multicast address
# in a unicast frame (not kdns's: its answer would leave from ff02::1);
# queries that GRO merges into one skb (each still gets one answer of its
# own); a forged ICMP "fragmentation needed" for the client (large answers
# still arrive, whole).
trap netns_cleanup EXIT
pkt=$KDNS_TOP/tests/vm/tools/hostile-packets.py
kdns_load
netns_pair
load_example_big
dns_server server

pp cli python3 "$pkt" ipv6-multicast \
	"$(srv cat /sys/class/net/veth0/address)"

# GRO at the server's veth (NAPI in a thread, so that a burst queues up):
# UDP datagrams of one flow merge into one skb.
pp srv ethtool -K veth0 gro on rx-gro-list on rx-udp-gro-forwarding on
pp srv sh -c 'echo 1 > /sys/class/net/veth0/threaded'
pp cli python3 "$pkt" gro-burst 64
pp srv ethtool -K veth0 gro off rx-gro-list off rx-udp-gro-forwarding off

pp cli python3 "$pkt" forge-pmtu
pp ip -n server route get 198.18.0.1
kill "$DNS_SERVER_PID"
netns_cleanup
kdns_unload
