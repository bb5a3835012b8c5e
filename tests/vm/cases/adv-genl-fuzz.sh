# SPDX-License-Identifier: GPL-2.0
# Adversarial control plane: tests/vm/tools/genl-fuzz.py sends KDNS_FUZZ_GENL_N
# (default 12500: with the two runs below, 20,000 messages in all; 7500
# under the debug kernel, about 2 minutes of fuzzing there, a new seed each
# run; make torture sends more) random
# and mutated generic netlink messages as root in the namespace of a loaded
# zone, half as many as an unprivileged user in a user and network namespace
# of its own (where it may load zones), and a tenth as many as an
# unprivileged user without CAP_NET_ADMIN (EPERM). The kernel answers
# every request; the zone loaded before still answers, unchanged; the module
# unloads. KDNS_FUZZ_SEED fixes the seeds (seed, seed+1, seed+2).
trap netns_cleanup EXIT
n=${KDNS_FUZZ_GENL_N:-12500}
[ -e /sys/kernel/debug/kmemleak ] && n=${KDNS_FUZZ_GENL_N:-7500}
seed=${KDNS_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
fuzz=$KDNS_TOP/tests/vm/tools/genl-fuzz.py
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
# On the console too, in case the kernel dies before this log is printed.
echo "adv-genl-fuzz: seed $seed, $n messages" | tee /dev/kmsg

# canary WHEN: the zone loaded first answers, over IPv4 and IPv6.
canary() {
	local a
	a=$(cli sh -c 'dig +short +tries=2 +timeout=5 @198.18.0.2 www.example.com A;
		dig +short +tries=2 +timeout=5 @2001:db8::2 www.example.com AAAA' | tr '\n' ' ')
	expect_eq "$a" "192.0.2.80 2001:db8::80 " "the canary zone's answers $1"
}

kdns_load
netns_pair
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
canary "before the fuzzing"

SECONDS=0
pp srv python3 "$fuzz" -n "$n" --seed "$seed" --kmsg
echo "adv-genl-fuzz: root: ${SECONDS}s"
canary "after the fuzzer ran as root"

# Unprivileged users may create user namespaces here (or the test is moot).
"${nobody[@]}" unshare -Urn true ||
	fail "an unprivileged user cannot create a user and network namespace"
SECONDS=0
pp "${nobody[@]}" unshare -Urn python3 "$fuzz" -n $((n / 2)) --seed $((seed + 1))
echo "adv-genl-fuzz: unprivileged, own user and network namespace: ${SECONDS}s"

SECONDS=0
pp srv "${nobody[@]}" python3 "$fuzz" -n $((n / 10)) --seed $((seed + 2))
echo "adv-genl-fuzz: unprivileged, without CAP_NET_ADMIN: ${SECONDS}s"
canary "after the unprivileged fuzzers ran"
pp srv "$KDNSCTL" zone list | tee /tmp/zones
grep -q "^example\.com\. *serial 2026112601 *records 13 " /tmp/zones || fail "the canary zone changed"

netns_cleanup
kdns_unload
