# SPDX-License-Identifier: GPL-2.0
# Unloading the module while it answers queries from a loaded zone is clean,
# and the userspace server takes over the names afterwards.
trap netns_cleanup EXIT
netns_pair
dns_server server
kdns_load
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
cli python3 "$KDNS_TOP/tests/vm/tools/dns-flood.py" 8 198.18.0.2 2001:db8::2 &
flood=$!
for _ in $(seq 50); do
	[ "$(counter received server)" -gt 20 ] && break
	sleep 0.1
done
[ "$(counter received server)" -gt 20 ] || fail "no traffic reached the hook"
[ "$(counter answered server)" -gt 0 ] || fail "kdns answered nothing"
kdns_unload
kdns_load
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
sleep 1
kdns_unload
wait $flood
a=$(pp ask www.example.com A)
expect_eq "$a" 192.0.2.53 "answer after the unloads"
kill "$DNS_SERVER_PID"
netns_cleanup
