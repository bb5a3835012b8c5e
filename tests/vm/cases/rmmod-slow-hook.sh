# SPDX-License-Identifier: GPL-2.0
# rmmod while a query is inside kdns's hook, every time: what the hook uses
# (zones, counters, per-CPU buffers, the namespace's state) must outlive it.
# Left to chance (rmmod-flood) that window is microseconds wide; the
# test-only module slowhook (tests/vm/tools/slowhook) makes it certain. With
# hold_ms set, each nf_unregister_net_hooks() of kdns's hooks waits until
# the next query to port 53, on the other CPU, enters kdns_hook_ipv4, where
# slowhook holds it (busy-waits) hold_ms: a query is in the hook, hold_ms
# more, when kdns unregisters its hooks. Unregistered in .pre_exit, a grace period
# passes before .exit frees the state (rmmod waits for the held queries);
# unregistered in .exit just before freeing it (before commit 7e025a9), the
# held query reads freed memory. A use after free shows as an oops only where
# freed memory is poisoned: KASAN, or boot with slub_debug=FZP (tests/vm/run
# -a slub_debug=FZP; the freed kdns_net reads 0x6b6b6b6b6b6b6b6b).
# Needs kprobes, skipped without (our debug kernel has none), and
# slowhook.ko built for the running kernel (make -C tests/vm/tools/slowhook,
# into build/slowhook/KVER, or KDNS_SLOWHOOK=path; tests/check builds it),
# failed without: a kernel with kprobes must run this case.
ko=${KDNS_SLOWHOOK:-$KDNS_TOP/build/slowhook/$KDNS_KERNEL/slowhook.ko}
if ! grep -qw register_kprobe /proc/kallsyms; then
	echo "the $KDNS_KERNEL kernel has no kprobes"
	exit 77
fi
[ -e "$ko" ] || fail "no $ko (make -C tests/vm/tools/slowhook KVER=$KDNS_KERNEL)"
if [ "$(nproc)" -lt 2 ]; then
	echo "one CPU"
	exit 77
fi
grep -Eq '(^| )slub_debug($| |=[A-Z]*P)' /proc/cmdline || grep -qw kasan_report /proc/kallsyms ||
	echo "note: freed memory is not poisoned (boot with slub_debug=FZP): a use after free may go unseen"

params=/sys/module/slowhook/parameters
hold=${KDNS_SLOW_HOOK_MS:-500}
rounds=${KDNS_SLOW_HOOK_ROUNDS:-4}
floods=()

stop_floods() {
	[ ${#floods[@]} -gt 0 ] || return 0
	kill "${floods[@]}" 2> /dev/null || true
	wait "${floods[@]}" 2> /dev/null || true
	floods=()
}

cleanup() {
	[ ! -e $params ] || echo 0 > $params/hold_ms
	stop_floods
	netns_cleanup
	[ ! -e $params ] || rmmod slowhook
}
trap cleanup EXIT

answered() {
	[ "$(counter answered server)" -gt 0 ]
}

seen() {
	[ "$(cat $params/seen)" -gt 0 ]
}

netns_pair > /dev/null 2>&1
for r in $(seq "$rounds"); do
	kdns_load
	srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
	"$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
	pp insmod "$ko"
	# One flood on each CPU: wherever rmmod spins, the other CPU brings
	# the next query into the hook. Not cli: $! must be the flood, which
	# stop_floods kills.
	for cpu in 0 1; do
		ip netns exec client taskset -c $cpu python3 "$KDNS_TOP/tests/vm/tools/dns-flood.py" \
			600 198.18.0.2 > /dev/null &
		floods+=($!)
	done
	poll 60 answered || fail "round $r: no query answered"
	poll 60 seen || fail "round $r: slowhook sees no query in the hook"
	echo "$hold" > $params/hold_ms
	start=$(date +%s%N)
	pp rmmod kdns
	ms=$((($(date +%s%N) - start) / 1000000))
	met=$(cat $params/met)
	missed=$(cat $params/missed)
	echo "round $r: rmmod took $ms ms; $(cat $params/held) queries held," \
		"$met unregistrations met one, $missed met none"
	[ "$met" -ge 1 ] || fail "round $r: no query was in the hook when kdns unregistered it"
	expect_eq "$missed" 0 "round $r: unregistrations that met no query"
	echo 0 > $params/hold_ms
	stop_floods
	pp rmmod slowhook
done
echo "$rounds rounds of rmmod with a query held in the hook ${hold} ms"
