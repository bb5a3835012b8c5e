# SPDX-License-Identifier: GPL-2.0
# The UDP checksums of answers, which kdns leaves to the device
# (CHECKSUM_PARTIAL): where the device cannot compute them (the server's
# veth with checksum offload off) the stack does before it, and an IPv4
# answer larger than the MTU gets its checksum before it is fragmented. The
# client checks them on the frames it receives, small and large answers,
# IPv4 and IPv6.
trap netns_cleanup EXIT
kdns_load
netns_pair
load_example_big
sums() { pp cli python3 "$KDNS_TOP/tests/vm/tools/answer-checksums.py" "$@"; }

pp srv ethtool -K veth0 tx off > /dev/null
sums veth0 www.example.com A nope.example.com A big.example.com TXT
pp srv ethtool -K veth0 tx on > /dev/null
# An answer of 1,0xx bytes in IPv4 fragments of at most 576 (an MTU under
# 1280 turns IPv6 off on the device).
pp srv ip link set veth0 mtu 576
sums -4 veth0 big.example.com TXT
expect_eq "$(counter answered server)" 7 "answers from kdns"
netns_cleanup
kdns_unload
