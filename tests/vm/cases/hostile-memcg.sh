# SPDX-License-Identifier: GPL-2.0
# A zone load charged to a memory cgroup with a small memory.max: refused
# with ENOMEM and a message, no process of the cgroup OOM-killed, nothing
# half-loaded, the old zone still answering.
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
rmdir $cg/kdns-test
trap - EXIT
kdns_unload
