# SPDX-License-Identifier: GPL-2.0
# A zone load charged to a memory cgroup with a small memory.max: refused
# with ENOMEM and a message, no process of the cgroup OOM-killed, nothing
# half-loaded, the old zone still answering. Likewise a rate-limiting table
# of 32 MiB in a cgroup of 8 MiB, where a small one is set.
cg=/sys/fs/cgroup
mountpoint -q $cg || pp mount -t cgroup2 none $cg
echo +memory > $cg/cgroup.subtree_control
pp mkdir $cg/kdns-test
trap 'kill $bystander 2>/dev/null; rmdir $cg/kdns-test 2>/dev/null' EXIT
echo 48M > $cg/kdns-test/memory.max
echo 0 > $cg/kdns-test/memory.swap.max 2>/dev/null || true
kdns_load
# A small zone, then one far over 48 MiB, both from one unprivileged user
# in its own namespaces, in the cgroup; a bystander sleeps in it too.
sh -c "echo \$\$ > $cg/kdns-test/cgroup.procs; exec sleep 600" &
bystander=$!
sleep 0.5
cat > /tmp/memcg-load.sh <<EOS
set -x
"$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone" || exit 10
python3 "$KDNS_TOP/tests/vm/tools/hostile-genl.py" load-mib 200 > /tmp/memcg-big.out 2>&1
echo "big load exit \$?"
"$KDNSCTL" zone list
"$KDNSCTL" lookup www.example.com A | grep -q 192.0.2.80 || exit 11
EOS
pp sh -c "echo \$\$ > $cg/kdns-test/cgroup.procs; exec setpriv --reuid=65534 --regid=65534 \
	--clear-groups unshare -Urn sh /tmp/memcg-load.sh" > /tmp/memcg.log 2>&1 ||
	{ cat /tmp/memcg.log; fail "the unprivileged loader failed"; }
cat /tmp/memcg.log /tmp/memcg-big.out
grep -q 'big load exit 1' /tmp/memcg.log || fail "the big load did not fail"
grep -q 'ENOMEM' /tmp/memcg-big.out || fail "the big load did not fail with ENOMEM"
grep -q 'example.com' /tmp/memcg.log || fail "the old zone is gone"
grep -q 'big.test' /tmp/memcg.log && fail "the big zone is half-loaded"
kill -0 $bystander || fail "the bystander was killed"
grep . $cg/kdns-test/memory.events
expect_eq "$(awk '$1 == "oom_kill" { print $2 }' $cg/kdns-test/memory.events)" 0 "oom kills"
kill $bystander
wait $bystander 2>/dev/null || true

# Rate limiting's table, set by the same unprivileged user in its own
# namespaces: a small one fits in 8 MiB, the largest (32 MiB) does not.
echo 8M > $cg/kdns-test/memory.max
cat > /tmp/memcg-rrl.sh <<EOS
set -x
"$KDNSCTL" rrl set rate 10 table-size 1024 || exit 10
"$KDNSCTL" rrl show
"$KDNSCTL" rrl set rate 10 table-size 4194304
echo "big table exit \$?"
"$KDNSCTL" rrl show
EOS
pp sh -c "echo \$\$ > $cg/kdns-test/cgroup.procs; exec setpriv --reuid=65534 --regid=65534 \
	--clear-groups unshare -Urn sh /tmp/memcg-rrl.sh" > /tmp/memcg-rrl.log 2>&1 ||
	{ cat /tmp/memcg-rrl.log; fail "the unprivileged rrl set failed"; }
cat /tmp/memcg-rrl.log
grep -q 'big table exit 1' /tmp/memcg-rrl.log || fail "the 32 MiB table was set in 8 MiB"
grep -q 'no memory for the rate-limiting table' /tmp/memcg-rrl.log ||
	fail "no message for the refused table"
[ "$(grep -c '^rate 10 window 4 .* table-size 1024$' /tmp/memcg-rrl.log)" = 2 ] ||
	fail "the small table did not stay after the refused one"
expect_eq "$(awk '$1 == "oom_kill" { print $2 }' $cg/kdns-test/memory.events)" 0 "oom kills"
rmdir $cg/kdns-test
trap - EXIT
kdns_unload
