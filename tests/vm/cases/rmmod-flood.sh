# SPDX-License-Identifier: GPL-2.0
# rmmod while both vCPUs deliver queries to the hook and a slow zone dump is
# in progress, many times: the hooks are gone before the zones, counters and
# per-CPU buffers are freed (KASAN reports any use after free).
trap netns_cleanup EXIT
netns_pair
# 30 rounds under Debian's kernel; the debug kernel takes ~30 s a round
# (KASAN under TCG): 6 there in make check, more in make torture.
case $(uname -r) in
*-amd64) rounds=${KDNS_RMMOD_ROUNDS:-30} ;;
*) rounds=${KDNS_RMMOD_ROUNDS:-6} ;;
esac
for r in $(seq "$rounds"); do
	kdns_load > /dev/null 2>&1
	ip netns exec server "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
	"$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
	ip netns exec client python3 "$KDNS_TOP/tests/vm/dns-flood.py" 3 198.18.0.2 \
		2001:db8::2 > /dev/null &
	f1=$!
	ip netns exec client python3 "$KDNS_TOP/tests/vm/dns-flood.py" 3 \
		198.18.0.2 2001:db8::2 > /dev/null &
	f2=$!
	sleep 1.5
	rmmod kdns
	wait $f1 $f2
done
echo "$rounds rounds of load, flood from two CPUs, rmmod"
netns_cleanup
