# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the VM scripts: where things are cached, which kernels exist.
# Sourced, not run.

KDNS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KDNS_CACHE=${KDNS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kdns}

# What a kernel prints when something is wrong: warnings, bugs, sanitizers,
# lockdep, hung tasks, leaks. Any of it in a test's kernel log fails the test.
KDNS_SPLAT='WARNING:|BUG:|KASAN:|UBSAN:|Kernel panic|Oops|general protection|'
KDNS_SPLAT+='possible circular locking|possible recursive locking|suspicious RCU usage|'
KDNS_SPLAT+='inconsistent lock state|unreferenced object|INFO: task .* blocked|Call Trace:|'
# slub_debug's reports: "BUG kmalloc-64 (Not tainted): Poison overwritten".
KDNS_SPLAT+='BUG [^ ]+ \((Not t|T)ainted'

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# tap_ok STATUS DESCRIPTION: a TAP line "ok N - ..." (or "not ok"), N counted
# in the caller's variable n.
tap_ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# The newest Debian kernel image installed (package linux-image-amd64 pulls it in).
debian_kernel_version() {
	local v
	v=$(ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's|.*/vmlinuz-||' | sort -V | tail -n 1)
	[ -n "$v" ] || die "no Debian kernel in /boot: run scripts/deps"
	echo "$v"
}

# The debug kernel's cache directory: keyed by the config fragment and the
# linux-source package it is built from, so either changing rebuilds it.
debug_kernel_dir() {
	local srcver key
	srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
		die "linux-source-6.1 is not installed: run scripts/deps"
	key=$( { cat "$KDNS_TOP/tests/vm/debug.kunitconfig"; echo "$srcver"; } |
		sha256sum | cut -c1-16)
	echo "$KDNS_CACHE/debug-kernel-$key"
}
