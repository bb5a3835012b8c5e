# SPDX-License-Identifier: GPL-2.0
# Reloading a zone 200 times while a client queries it: every answer comes
# from the old zone or the new one, and no query is lost to a reload. (20
# times under the debug kernel, where a reload takes seconds: KASAN,
# lockdep and kmemleak under TCG.)
trap netns_cleanup EXIT
kdns_load
netns_pair
for v in 1 2; do
	sed -e "s/^www	A	192.0.2.80/www	A	192.0.2.$v/" \
	    -e "s/2026112601/202611260$v/" "$KDNS_TOP/examples/example.com.zone" > /tmp/v$v.zone
done
pp srv "$KDNSCTL" zone load /tmp/v1.zone
rm -f /tmp/stop
cli python3 "$KDNS_TOP/tests/vm/tools/query-loop.py" 198.18.0.2 www.example.com \
	/tmp/stop > /tmp/loop.out &
loop=$!
pairs=100
[ -e /sys/kernel/debug/kmemleak ] && pairs=10
pp srv sh -c "for i in \$(seq $pairs); do
	$KDNSCTL zone load /tmp/v2.zone && $KDNSCTL zone load /tmp/v1.zone || exit 1
done > /dev/null"
touch /tmp/stop
wait $loop
cat /tmp/loop.out
grep -q "lost 0$" /tmp/loop.out || fail "queries were lost"
grep -q "^answer 192.0.2.1 " /tmp/loop.out || fail "no answer from the first zone"
grep -q "^answer 192.0.2.2 " /tmp/loop.out || fail "no answer from the second zone"
[ "$(grep -c '^answer' /tmp/loop.out)" = 2 ] || fail "answers from neither zone"
netns_cleanup
kdns_unload
