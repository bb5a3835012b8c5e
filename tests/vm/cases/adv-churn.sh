# SPDX-License-Identifier: GPL-2.0
# Namespace churn: KDNS_CHURN_ROUNDS rounds (default 24; 6 under the debug
# kernel, where two workers take about 40 s for two rounds each: 2 minutes;
# make torture runs more), shared by two workers running side
# by side, of a network namespace created, a zone loaded in it with kdnsctl
# and queried with dig over loopback (IPv4, and IPv6 every other round), then
# deleted. In three rounds of four, loads are also left half done
# (ZONE_BEGIN and ZONE_ADDs, no COMMIT): on sockets closed after the
# namespace is deleted (it outlives its name), by a client killed (SIGKILL),
# or on a socket closed before the namespace is deleted. At the end, the module is removed while a
# half-done load's socket is still open in a live namespace. The harness
# scans for leaks (kmemleak) after the run on the debug kernel.
rounds=${KDNS_CHURN_ROUNDS:-24}
[ -e /sys/kernel/debug/kmemleak ] && rounds=${KDNS_CHURN_ROUNDS:-6}
fuzz=$KDNS_TOP/tests/vm/tools/genl-fuzz.py
zone=$KDNS_TOP/examples/example.com.zone
cleanup() {
	local p ns
	for p in $(jobs -p); do
		kill -9 "$p" 2>/dev/null || true
	done
	for ns in $(ip netns list | awk '$1 ~ /^churn/ { print $1 }'); do
		ip netns del "$ns" || true
	done
}
trap cleanup EXIT

# half_load NETNS ZONE: a load of ZONE begun in NETNS and left half done by
# a client that then waits to be killed; holder: its pid.
half_load() {
	ip netns exec "$1" python3 "$fuzz" half-load "$2" --records 200 > "/tmp/$1.half" 2>&1 &
	holder=$!
	for _ in $(seq 600); do
		[ -s "/tmp/$1.half" ] && break
		sleep 0.1
	done
	grep -q '^ready' "/tmp/$1.half" || fail "$1: half-done load of $2: $(cat "/tmp/$1.half")"
}

# helper COMMAND: a command to the worker's half-load server (genl-fuzz.py
# half-load-server, one process for all the rounds), which must answer WANT.
helper() {
	local want=$1 reply
	shift
	echo "$*" >&"${HL[1]}"
	read -r -t 120 reply <&"${HL[0]}" || fail "the half-load server did not answer '$*'"
	[ "$reply" = "$want" ] || fail "half-load server, '$*': $reply"
}

# worker W ROUNDS: the rounds of one worker, in namespace churnW.
worker() {
	local ns=churn$1 i a six
	coproc HL { python3 "$fuzz" half-load-server; }
	for i in $(seq "$2"); do
		ip netns add "$ns"
		# One process in the namespace for all of it: each costs a second
		# under the debug kernel.
		six=true
		[ $((i % 2)) = 0 ] && six="dig +short +tries=2 +timeout=5 @::1 www.example.com AAAA"
		a=$(ip netns exec "$ns" sh -c "ip link set lo up && $KDNSCTL zone load $zone > /dev/null &&
			dig +short +tries=2 +timeout=5 @127.0.0.1 www.example.com A && $six" | tr '\n' ' ')
		if [ "$six" != true ]; then
			expect_eq "$a" "192.0.2.80 2001:db8::80 " "$ns round $i: answers"
		else
			expect_eq "$a" "192.0.2.80 " "$ns round $i: answer"
		fi
		# The second worker a round ahead: four rounds try every kind.
		case $(((i + $1 - 1) % 4)) in
		1)
			# The namespace outlives its name; the load, its zone.
			helper ready begin "/run/netns/$ns" half.test 200
			helper ready begin "/run/netns/$ns" example.com 100
			ip netns del "$ns"
			helper closed close
			;;
		2)
			half_load "$ns" example.com
			kill -9 $holder
			wait $holder 2>/dev/null || true
			ip netns del "$ns"
			;;
		3)
			helper ready begin "/run/netns/$ns" half.test 200
			helper closed close
			ip netns del "$ns"
			;;
		*)
			ip netns del "$ns"
			;;
		esac
	done
}

kdns_load
SECONDS=0
worker 1 $((rounds / 2)) > /tmp/churn1.log 2>&1 &
w1=$!
worker 2 $((rounds - rounds / 2)) > /tmp/churn2.log 2>&1 &
w2=$!
ok=1
wait $w1 || ok=0
wait $w2 || ok=0
cat /tmp/churn1.log /tmp/churn2.log
[ $ok = 1 ] || fail "a worker failed"
echo "adv-churn: $rounds rounds in ${SECONDS}s"

# rmmod while a load is half done on an open socket, beside a loaded zone.
pp ip netns add churn-last
ip -n churn-last link set lo up
pp ip netns exec churn-last "$KDNSCTL" zone load "$zone"
half_load churn-last half.test
kdns_unload
kill -9 $holder
wait $holder 2>/dev/null || true
pp ip netns del churn-last
