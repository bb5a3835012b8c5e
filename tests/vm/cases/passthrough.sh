# SPDX-License-Identifier: GPL-2.0
# Queries kdns does not answer (no zone; malformed) reach a userspace server
# listening on port 53, over IPv4 and IPv6, and are counted.
skip_under_debug "passing queries on runs under KASAN in adv-packet-fuzz and packets"
trap netns_cleanup EXIT
kdns_load
netns_pair
dns_server server

a=$(pp ask www.example.com A)
expect_eq "$a" 192.0.2.53 "answer over IPv4"
a=$(pp ask @2001:db8::2 www.example.com A)
expect_eq "$a" 192.0.2.53 "answer over IPv6"
# Five bytes are no DNS header: passed on as malformed.
pp cli python3 -c 'import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"\0" * 5, ("198.18.0.2", 53))'
for _ in $(seq 20); do
	[ "$(counter passed_malformed server)" = 1 ] && break
	sleep 0.1
done
expect_eq "$(counter received server)" 3 "received"
expect_eq "$(counter passed_no_zone server)" 2 "passed_no_zone"
expect_eq "$(counter passed_malformed server)" 1 "passed_malformed"
pp srv "$KDNSCTL" stats --json
kill "$DNS_SERVER_PID"
netns_cleanup
kdns_unload
