# SPDX-License-Identifier: GPL-2.0
# The module loads, answers its netlink family, and unloads, three times.
version=$(cat "$KDNS_TOP/VERSION")
for _ in 1 2 3; do
	kdns_load
	[ -d /sys/module/kdns ] || fail "/sys/module/kdns missing after insmod"
	pp "$KDNSCTL" version | tee /tmp/version
	grep -qx "module $version" /tmp/version || fail "module version is not $version"
	kdns_unload
	[ ! -e /sys/module/kdns ] || fail "/sys/module/kdns still there after rmmod"
done
loaded=$(dmesg | grep -c "kdns: kdns $version loaded")
expect_eq "$loaded" 3 "load messages"
# Without the module the family is gone and kdnsctl says so.
! "$KDNSCTL" stats 2>/tmp/err || fail "kdnsctl stats worked without the module"
grep -q "not loaded" /tmp/err || fail "unexpected error: $(cat /tmp/err)"
