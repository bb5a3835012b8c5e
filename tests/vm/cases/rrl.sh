# SPDX-License-Identifier: GPL-2.0
# Response rate limiting: kdnsctl rrl's settings round-trip; a table over
# the namespace's mem_limit is refused; a flood of
# queries from one /24 at 10 times the rate gets about rate x time full
# answers plus the burst, every second limited one slipped (TC=1), the rest
# dropped, and the counters say so; another prefix and an exempt one are not
# limited; IPv6 by /56. Amplification (bytes out over bytes in) under a flood
# for a 1 KiB answer, with and without RRL; the same flood against Knot DNS's
# mod-rrl with the same settings (printed side by side). Skipped under the
# debug kernel, where query-context.sh runs the hook's paths in short.
skip_under_debug "its hook paths run under KASAN in query-context, its netlink in adv-genl-fuzz and hostile-memcg"
trap 'netns_cleanup; [ -n "${KNOT_PID:-}" ] && kill "$KNOT_PID" 2>/dev/null; true' EXIT
kdns_load
netns_pair
# More clients: four addresses of one /24, one of another /24 (routed), and
# IPv6 addresses of one /56 and of another.
for i in 10 11 12; do pp ip -n client addr add "198.18.0.$i/24" dev veth0; done
pp ip -n client addr add 198.19.0.1/24 dev veth0
pp ip -n server route add 198.19.0.0/24 dev veth0
pp ip -n client addr add 2001:db8:0:1::1/64 dev veth0 nodad
pp ip -n client addr add 2001:db8:0:100::1/64 dev veth0 nodad
pp ip -n server -6 route add 2001:db8:0:1::/64 dev veth0
pp ip -n server -6 route add 2001:db8:0:100::/64 dev veth0
load_example_big
rrl() { pp srv "$KDNSCTL" rrl "$@"; }
flood() { pp cli python3 "$KDNS_TOP/tests/vm/tools/rrl-flood.py" "$@"; }
field() { python3 -c "import json, sys; print(json.loads(sys.argv[1])['$2'])" "$1"; }

# bounds N LO HI WHAT: LO <= N <= HI.
bounds() {
	if [ "$1" -lt "$2" ] || [ "$1" -gt "$3" ]; then
		fail "$4: $1, not within $2..$3"
	fi
	echo "# $4: $1 (within $2..$3)"
}

# check_flood RESULT RATE BURST SLIP: full answers within rate x (seconds
# -1) .. rate x (seconds + 1) + burst (refills come at whole seconds), and
# slip 2's share of the limited ones slipped: about half, one more a second.
check_flood() {
	local r=$1 rate=$2 burst=$3 sent full slipped secs limited
	sent=$(field "$r" sent) full=$(field "$r" full) slipped=$(field "$r" slipped)
	secs=$(field "$r" seconds)
	secs=${secs%.*}
	limited=$((sent - full))
	bounds "$full" $((rate * (secs - 1))) $((rate * (secs + 2) + burst)) "full answers of $sent"
	bounds "$slipped" $((limited / 2 - 2)) $((limited / 2 + secs + 3)) \
		"slipped of $limited limited"
}

# The settings, shown as set, round-trip through a file.
expect_eq "$(srv "$KDNSCTL" rrl show)" off "rrl show before any set"
rrl set rate 10 window 2 slip 2 exempt 198.18.7.0/24 exempt 2001:db8:ffff::/48
expect_eq "$(srv "$KDNSCTL" rrl show)" "rate 10 window 2 slip 2 ipv4-prefix 24 ipv6-prefix 56 table-size 1048576
exempt 198.18.7.0/24
exempt 2001:db8:ffff::/48" "rrl show"
srv "$KDNSCTL" rrl show --json | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d["enabled"] and d["rate"] == 10 and d["exempt"] == ["198.18.7.0/24", "2001:db8:ffff::/48"], d'
srv "$KDNSCTL" rrl show > /tmp/rrl.conf
rrl off
expect_eq "$(srv "$KDNSCTL" rrl show)" off "rrl show after off"
rrl load /tmp/rrl.conf
expect_eq "$(srv "$KDNSCTL" rrl show)" "$(cat /tmp/rrl.conf)" "rrl show after load"


# The table counts in the namespace's mem_limit with its zones.
limit=$(cat /sys/module/kdns/parameters/mem_limit)
echo 16777216 > /sys/module/kdns/parameters/mem_limit
if srv "$KDNSCTL" rrl set rate 10 table-size 4194304 2> /tmp/rrl.err; then
	fail "a 32 MiB table was set under a mem_limit of 16 MiB"
fi
cat /tmp/rrl.err
grep -q "over the namespace's memory limit" /tmp/rrl.err || fail "no message for mem_limit"
echo "$limit" > /sys/module/kdns/parameters/mem_limit
expect_eq "$(srv "$KDNSCTL" rrl show | head -n 1)" \
	"rate 10 window 2 slip 2 ipv4-prefix 24 ipv6-prefix 56 table-size 1048576" \
	"the table in force after a refused one"

# One /24 at ten times the rate, while another /24 asks at half of it.
srv "$KDNSCTL" stats --reset > /dev/null
# The server learns the other /24's link-layer address before the clock runs.
cli dig +short +tries=1 +timeout=5 -b 198.19.0.1 @198.18.0.2 www.example.com A > /dev/null
flood --server 198.18.0.2 --rate 5 --seconds 4 198.19.0.1 > /tmp/light.json &
r=$(flood --server 198.18.0.2 --rate 100 --seconds 4 198.18.0.1 198.18.0.10 198.18.0.11 \
	198.18.0.12)
wait
echo "# flood: $r"
echo "# other /24: $(cat /tmp/light.json)"
check_flood "$r" 10 20
expect_eq "$(field "$(cat /tmp/light.json)" full)" "$(field "$(cat /tmp/light.json)" sent)" \
	"the other /24's answers"
limited=$(($(field "$r" sent) - $(field "$r" full)))
expect_eq "$(counter rrl_limited server)" "$limited" "rrl_limited"
expect_eq "$(counter rrl_slipped server)" "$(field "$r" slipped)" "rrl_slipped"
expect_eq "$(counter rrl_dropped server)" $((limited - $(field "$r" slipped))) "rrl_dropped"

# IPv6: two addresses of one /56 together; another /56 apart.
r=$(flood --server 2001:db8::2 --rate 100 --seconds 3 2001:db8::1 2001:db8:0:1::1)
echo "# IPv6 flood: $r"
check_flood "$r" 10 20
r=$(flood --server 2001:db8::2 --rate 5 --seconds 2 2001:db8:0:100::1)
expect_eq "$(field "$r" full)" "$(field "$r" sent)" "another /56's answers"

# An exempt prefix is never limited.
rrl set rate 10 window 2 exempt 198.18.0.0/24
r=$(flood --server 198.18.0.2 --rate 100 --seconds 2 198.18.0.1)
expect_eq "$(field "$r" full)" "$(field "$r" sent)" "an exempt prefix's answers"

# Amplification of a 1 KiB answer (big.example.com TXT, with EDNS), bytes on
# the wire out of the server over bytes in, with RRL off and on.
rrl off
r=$(flood --server 198.18.0.2 --rate 100 --seconds 2 --name big.example.com --type TXT \
	198.18.0.1)
off=$(python3 -c "import json, sys; d = json.loads(sys.argv[1]); print('%.1f' % (d['bytes_in'] / d['bytes_out']))" "$r")
rrl set rate 10 window 2 slip 2
r=$(flood --server 198.18.0.2 --rate 100 --seconds 4 --name big.example.com --type TXT \
	198.18.0.1)
on=$(python3 -c "import json, sys; d = json.loads(sys.argv[1]); print('%.1f' % (d['bytes_in'] / d['bytes_out']))" "$r")
echo "# amplification of big.example.com TXT at 100 q/s: ${off}x without RRL, ${on}x with rate 10"
python3 -c "import sys; assert float(sys.argv[2]) < float(sys.argv[1]) / 3" "$off" "$on" ||
	fail "RRL did not cut the amplification ($off -> $on)"

# The same flood against Knot DNS 3.2's mod-rrl with the same settings (its
# window is 4 s, fixed): the counts side by side.
rrl set rate 10 window 4 slip 2
srv "$KDNSCTL" stats --reset > /dev/null
kd=$(flood --server 198.18.0.2 --rate 100 --seconds 4 198.18.0.1 198.18.0.10)
rrl off
pp srv "$KDNSCTL" zone unload --all
knot_server mod-rrl "    rate-limit: 10
    slip: 2"
sleep 5		# the probe's bucket refills
kt=$(flood --server 198.18.0.2 --rate 100 --seconds 4 198.18.0.1 198.18.0.10)
knot_stop
echo "# the same flood (100 q/s for 4 s from one /24, rate 10, slip 2, window 4):"
echo "#   kdns:  $kd"
echo "#   knotd: $kt"
check_flood "$kd" 10 40
bounds "$(field "$kt" full)" 30 $((10 * 6 + 40)) "knotd's full answers"

netns_cleanup
kdns_unload
