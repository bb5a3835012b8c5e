# SPDX-License-Identifier: GPL-2.0
# rmmod while both vCPUs deliver queries to the hook and a slow zone dump is
# in progress, many times: the hooks are gone before the zones, counters and
# per-CPU buffers are freed (KASAN reports any use after free). A dump in
# progress holds the module: rmmod is refused until the dump is read to its
# end (odd rounds) or its reader is killed mid-dump (even rounds), then it
# succeeds, under the flood.
trap netns_cleanup EXIT
netns_pair
# 12 rounds under Debian's kernel (rmmod-slow-hook makes the race certain
# there); the debug kernel takes ~40 s a round (KASAN under TCG): 4 there
# (each way of ending the dump twice).
case $(uname -r) in
*-amd64) rounds=${KDNS_RMMOD_ROUNDS:-12} ;;
*) rounds=${KDNS_RMMOD_ROUNDS:-4} ;;
esac
for r in $(seq "$rounds"); do
	kdns_load > /dev/null 2>&1
	srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
	"$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
	# Not srv: the coproc's pid must be the reader, which kill -9 stops.
	coproc DUMP { ip netns exec server python3 "$KDNS_TOP/tests/vm/tools/hostile-genl.py" slow-dump 2>&1; }
	dumper=$DUMP_PID
	read -r -t 120 line <&"${DUMP[0]}" || fail "round $r: the slow dump did not start"
	read -r -t 120 line <&"${DUMP[0]}" || fail "round $r: the slow dump did not start"
	expect_eq "$line" ready "round $r: the slow dump's first part"
	cli python3 "$KDNS_TOP/tests/vm/tools/dns-flood.py" 3 198.18.0.2 \
		2001:db8::2 > /dev/null &
	f1=$!
	cli python3 "$KDNS_TOP/tests/vm/tools/dns-flood.py" 3 \
		198.18.0.2 2001:db8::2 > /dev/null &
	f2=$!
	sleep 1.5
	if rmmod kdns 2> /dev/null; then
		fail "round $r: rmmod succeeded while a dump was in progress"
	fi
	if [ $((r % 2)) = 1 ]; then
		echo finish >&"${DUMP[1]}"
		read -r -t 120 line <&"${DUMP[0]}" || fail "round $r: the slow dump did not end"
		expect_eq "$line" "dump ended: complete, 1203 records" "round $r"
		wait "$dumper" || fail "round $r: the slow dump failed"
	else
		kill -9 "$dumper"
		wait "$dumper" 2> /dev/null || true
	fi
	# The module's last reference goes with the dump's socket, which is
	# freed after an RCU grace period.
	poll 5 rmmod kdns 2> /dev/null || fail "round $r: rmmod refused after the dump ended"
	wait $f1 $f2
done
echo "$rounds rounds of load, slow dump, flood from two CPUs, rmmod"
netns_cleanup
