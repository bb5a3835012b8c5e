# SPDX-License-Identifier: GPL-2.0
# What an unprivileged user, root only of its own user and network namespace,
# can do through the kdns family, and must not be able to hurt the kernel
# with: a zone dump spanning an unload and a reload; loads side by side past
# mem_limit; more loads in progress than the cap; zones in many namespaces
# past the module-wide cap; a commit holding up every other genetlink user;
# a signed zone that takes minutes to build, its loader killed;
# mem_limit written with extreme values at run time.
genl=$KDNS_TOP/tests/vm/tools/hostile-genl.py
# unpriv CMD...: as uid 65534, in a user and network namespace of its own.
unpriv() {
	pp setpriv --reuid=65534 --regid=65534 --clear-groups unshare -Urn "$@"
}
# The debug kernel (KASAN under TCG) is some ten times slower: fewer rounds
# there, and a commit that takes long enough with fewer records.
case $(uname -r) in
*-amd64) rounds=40 records=300000 slow=200000 ;;
*) rounds=10 records=100000 slow=50000 ;;
esac
kdns_load
unpriv python3 "$genl" dump-reload $rounds
unpriv python3 "$genl" commit-vs-ctrl $records
# NSEC3 at 150 iterations and a 255-byte salt over $slow names: a build of
# minutes (97 s under Debian's kernel before kill could stop it); killed a
# second in, its loader is gone at once.
unpriv python3 "$genl" killed-commit $slow
kdns_unload
kdns_load mem_limit=4194304 total_mem_limit=8388608
unpriv python3 "$genl" parallel-loads 4194304
unpriv python3 "$genl" loads-cap

# The module-wide cap holds across 20 namespaces of one user: about 1 MiB
# each against 8 MiB in all. Each namespace (and its zone) lives until all
# 20 loads are done: one that ended early would free its zone, and a later
# load could then fit (as it should), which is not what is tested here.
ok=0
rm -f /tmp/loads.release
for i in $(seq 20); do
	if unpriv python3 "$genl" load-mib 1 /tmp/loads.release > "/tmp/load.$i" 2>&1 &
	then :; fi
done
# shellcheck disable=SC2016 # expanded by the inner bash
poll 1800 bash -c '[ "$(cat /tmp/load.{1..20} 2>/dev/null | grep -c "^load: ")" = 20 ]'
status=$?
touch /tmp/loads.release
wait
[ $status = 0 ] || fail "not every load reported: $(cat /tmp/load.* 2>/dev/null)"
for i in $(seq 20); do
	if grep -q '^load: ok' "/tmp/load.$i"; then
		ok=$((ok + 1))
	else
		grep -q 'ENOSPC: .*all namespaces' "/tmp/load.$i" ||
			fail "load $i: $(cat "/tmp/load.$i")"
	fi
done
echo "$ok of 20 namespaces loaded their zone under the module-wide cap"
if [ "$ok" -lt 1 ] || [ "$ok" -gt 8 ]; then
	fail "$ok namespaces loaded 1 MiB under an 8 MiB cap"
fi

# mem_limit: extreme values are refused, and loads go on.
for v in 0 18446744073709551615 9223372036854775808 4294967296000 2147483648 -1 junk; do
	if sh -c "echo $v > /sys/module/kdns/parameters/mem_limit" 2>/dev/null; then
		fail "mem_limit accepted $v"
	fi
done
pp sh -c 'echo 2147483647 > /sys/module/kdns/parameters/mem_limit'
expect_eq "$(cat /sys/module/kdns/parameters/mem_limit)" 2147483647 "mem_limit"
unpriv python3 "$genl" load-mib 1
kdns_unload
