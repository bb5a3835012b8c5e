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

# checkpatch: the path of the kernel's checkpatch.pl, with the data files it
# reads, from Debian's linux-source-6.1 (extracted once into the cache).
checkpatch() {
	local dir
	dir=$("$KDNS_TOP/scripts/linux-source-files" scripts/checkpatch.pl scripts/spelling.txt \
		scripts/const_structs.checkpatch) || return 1
	echo "$dir/scripts/checkpatch.pl"
}
