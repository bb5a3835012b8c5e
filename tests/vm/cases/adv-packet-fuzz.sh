# SPDX-License-Identifier: GPL-2.0
# Adversarial data plane: tests/vm/tools/packet-fuzz.py sends KDNS_FUZZ_PKT_N
# (default 50000; 30000 under the debug kernel, about 2 minutes of fuzzing
# there, a new seed each run; make torture sends more) malformed and
# mutated DNS
# datagrams over IPv4 and IPv6 to a server namespace with
# examples/example.com.zone and tests/zones/*.zone loaded (the latter's
# example.com renamed example.org, and signed for the run as example.net
# with NSEC and as nsec3.test with NSEC3, a salt, iterations and opt-out:
# the fuzzer's queries with DO=1 get the proofs); before, every 5000
# datagrams and at the
# end, canary queries get their right answers from the kernel. The second
# half of them with GRO on at the server's veth, and with runs of same-size
# datagrams, which GRO merges. KDNS_FUZZ_SEED fixes the seeds (seed, seed+1).
trap netns_cleanup EXIT
n=${KDNS_FUZZ_PKT_N:-50000}
[ -e /sys/kernel/debug/kmemleak ] && n=${KDNS_FUZZ_PKT_N:-30000}
seed=${KDNS_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "adv-packet-fuzz: seed $seed, $n datagrams" | tee /dev/kmsg
kdns_load
netns_pair
zones=("$KDNS_TOP/examples/example.com.zone")
for z in "$KDNS_TOP"/tests/zones/*.zone; do
	if [ "$(awk '$1 == "$ORIGIN" { print $2; exit }' "$z")" = example.com. ]; then
		sed 's/example\.com\./example.org./g' "$z" > /tmp/example.org.zone
		z=/tmp/example.org.zone
	fi
	zones+=("$z")
done
for signed in example.net.:nsec nsec3.test.:nsec3-optout; do
	origin=${signed%%:*} name=${signed%%.:*}
	sed "s/example\.com\./$origin/g" "$KDNS_TOP/tests/zones/example.com.zone" > "/tmp/$name.zone"
	pp "$KDNS_TOP/tests/diff/sign-zone" "/tmp/$name.zone" "$origin" "/tmp/$name.signed.zone" \
		"${signed#*:}" > /dev/null
	zones+=("/tmp/$name.signed.zone")
done
for z in "${zones[@]}"; do
	pp srv "$KDNSCTL" zone load "$z"
done
pp srv "$KDNSCTL" zone list

# shellcheck disable=SC2054 # the commas separate the answers of a canary
canaries=(--canary www.example.com/A/192.0.2.80 --canary www.example.com/AAAA/2001:db8::80
	--canary www.example.org/A/192.0.2.80,192.0.2.81
	--canary www.example.net/A/192.0.2.80,192.0.2.81 --canary www.nsec3.test/A/192.0.2.80,192.0.2.81
	--canary www.sub2.example.com/A/192.0.2.201)
zone_args=()
for z in "${zones[@]}"; do
	zone_args+=(--zone "$z")
done
fuzz=(cli python3 "$KDNS_TOP/tests/vm/tools/packet-fuzz.py" "${zone_args[@]}"
	"${canaries[@]}")
SECONDS=0
pp "${fuzz[@]}" -n $((n / 2)) --seed "$seed"
echo "adv-packet-fuzz: first half: ${SECONDS}s"

# The second half with GRO at the server's veth (NAPI in a thread, so that
# bursts queue up), where runs of same-size datagrams of one flow merge into
# one skb, and with runs of same-size mutated datagrams.
pp srv ethtool -K veth0 gro on rx-gro-list on rx-udp-gro-forwarding on
pp srv sh -c 'echo 1 > /sys/class/net/veth0/threaded'
SECONDS=0
pp "${fuzz[@]}" -n $((n - n / 2)) --seed $((seed + 1)) --same-size-runs 0.05 --mmsg
echo "adv-packet-fuzz: second half, GRO: ${SECONDS}s"
pp srv "$KDNSCTL" stats
[ "$(counter received server)" -ge $((n / 2)) ] ||
	fail "fewer than $((n / 2)) datagrams reached the hook"
a=$(pp cli dig +short +tries=2 +timeout=5 @198.18.0.2 www.example.com A)
expect_eq "$a" 192.0.2.80 "dig after the fuzzing"
a=$(pp cli dig +short +tries=2 +timeout=5 @2001:db8::2 www.example.com AAAA)
expect_eq "$a" 2001:db8::80 "dig over IPv6 after the fuzzing"
netns_cleanup
kdns_unload
