# SPDX-License-Identifier: GPL-2.0
# The hook's query context in short, for the debug kernel (KASAN, lockdep,
# kmemleak), where rrl.sh, cookies.sh and identity.sh are skipped for the
# stage's time: with cookies on and an identity set, a cookie made and
# echoed, an NSID and a CH answer given; then rate limiting at rate 1 (full,
# slipped and dropped answers, the counters), its settings replaced three
# times under a flood, and the namespace deleted with all of it set.
trap netns_cleanup EXIT
kdns_load
netns_pair
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
pp srv "$KDNSCTL" cookie on
pp srv "$KDNSCTL" identity set nsid node-1 id node-1 chaos on
cq() { pp cli python3 "$KDNS_TOP/tests/vm/tools/context-queries.py" 198.18.0.2 node-1 "$@"; }
cq
expect_eq "$(counter cookie_new server) $(counter cookie_good server)" "1 1" "cookie counters"

pp srv "$KDNSCTL" rrl set rate 1 window 1 slip 2
cq --rrl
limited=$(counter rrl_limited server)
[ "$limited" -gt 0 ] || fail "nothing limited"
expect_eq "$limited" $(($(counter rrl_slipped server) + $(counter rrl_dropped server))) \
	"rrl_limited: slipped and dropped"

# The table replaced while queries come: each answer counted in the old
# table or the new one.
pp cli python3 "$KDNS_TOP/tests/vm/tools/rrl-flood.py" --server 198.18.0.2 --rate 20 \
	--seconds 2 198.18.0.1 > /dev/null &
flood=$!
for w in 1 3 1; do pp srv "$KDNSCTL" rrl set rate 5 window "$w"; sleep 0.5; done
wait $flood
# The namespace goes with rate limiting, cookies and the identity set.
netns_cleanup
kdns_unload
