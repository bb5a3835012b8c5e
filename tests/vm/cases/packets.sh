# SPDX-License-Identifier: GPL-2.0
# Queries in unusual packets: IPv4 options, IPv4 fragments and an IPv6
# extension header are answered; a wrong UDP checksum is left to the stack.
trap netns_cleanup EXIT
kdns_load
netns_pair
# veth trusts unchecked checksums unless told not to: check them at the server.
pp ip netns exec server ethtool -K veth0 rx off > /dev/null
pp ip netns exec server "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
pp ip netns exec client python3 "$KDNS_TOP/tests/vm/raw-queries.py"
expect_eq "$(counter passed_bad_checksum server)" 1 "queries with a bad checksum passed on"
[ "$(counter answered server)" -ge 3 ] || fail "fewer than three answers"
netns_cleanup
kdns_unload
