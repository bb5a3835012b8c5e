# SPDX-License-Identifier: GPL-2.0
# The totals of tests/check and tests/check-host, and the helpers that add to
# them. Sourced, not run.

. "$(dirname "${BASH_SOURCE[0]}")/vm/lib.sh"

passed=0
failed=0

# result NAME STATUS: one test, passed if STATUS is 0.
result() {
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "check: PASS $1"
	else
		failed=$((failed + 1))
		echo "check: FAIL $1"
	fi
}

# count_tap FILE PREFIX: add the TAP results of FILE to the totals.
count_tap() {
	local p f
	p=$(grep -c '^ok ' "$1")
	f=$(grep -c '^not ok ' "$1")
	passed=$((passed + p))
	failed=$((failed + f))
	grep '^not ok ' "$1" | sed "s/^/check: FAIL $2: /"
	echo "check: $2: $p ok, $f not ok"
}

# checkpatch: the path of the kernel's checkpatch.pl, taken once from
# Debian's linux-source-6.1 (with the data files it reads) into the cache.
checkpatch() {
	local tarball=/usr/src/linux-source-6.1.tar.xz dir key
	[ -e "$tarball" ] || die "$tarball missing: run scripts/deps"
	key=$(dpkg-query -W -f='${Version}' linux-source-6.1)
	dir=$KDNS_CACHE/checkpatch-$key
	if [ ! -e "$dir/.done" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		tar -C "$dir" --strip-components=1 -xf "$tarball" \
			linux-source-6.1/scripts/checkpatch.pl linux-source-6.1/scripts/spelling.txt \
			linux-source-6.1/scripts/const_structs.checkpatch || return 1
		touch "$dir/.done"
	fi
	echo "$dir/scripts/checkpatch.pl"
}
