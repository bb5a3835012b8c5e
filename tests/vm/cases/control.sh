# SPDX-License-Identifier: GPL-2.0
# The control plane: malformed requests get EINVAL (or ENOENT, EBUSY) with a
# message naming what is wrong and change nothing; users without CAP_NET_ADMIN
# over the namespace get EPERM; a load dies with its socket; a zone over the
# memory limit is refused while the old zone keeps answering; zones of one
# namespace are invisible in another.
skip_under_debug "its requests and more run under KASAN in adv-genl-fuzz and hostile-control"
trap netns_cleanup EXIT
kdns_load
netns_pair
raw=$KDNS_TOP/tests/vm/tools/genl-raw.py
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
for c in bad_name missing_name add_without_begin truncated_record bad_record \
	bad_record_offset attribute_of_another_command commit_without_soa unknown_attribute \
	bad_flags reserved_header two_begins del_missing abandoned_load; do
	pp srv python3 "$raw" $c
done
# Nothing changed: one zone, still answering.
n=$(srv "$KDNSCTL" zone list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_eq "$n" 1 "zones after the malformed requests"
a=$(pp ask www.example.com A)
expect_eq "$a" 192.0.2.80 "answer after the malformed requests"

# Without CAP_NET_ADMIN over the namespace: EPERM, for dumps too.
pp srv setpriv --reuid=65534 --regid=65534 --clear-groups python3 "$raw" eperm
pp srv unshare -U -r python3 "$raw" eperm
! srv setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$KDNSCTL" zone list 2>/tmp/err || fail "an unprivileged zone list worked"
grep -q "Operation not permitted" /tmp/err || fail "unexpected error: $(cat /tmp/err)"

# Zones belong to their namespace.
expect_eq "$(cli "$KDNSCTL" zone list)" "" "zones in the client's namespace"
expect_eq "$("$KDNSCTL" zone list)" "" "zones in the initial namespace"

# Over the memory limit: refused, with a clear error; the old zone answers.
pp sh -c 'echo 2000 > /sys/module/kdns/parameters/mem_limit'
! pp srv "$KDNSCTL" zone load "$KDNS_TOP/tests/zones/example.com.zone" \
	2>/tmp/err || fail "a zone over the memory limit was loaded"
cat /tmp/err
grep -q "memory limit" /tmp/err || fail "the error does not name the memory limit"
a=$(pp ask www.example.com A)
expect_eq "$a" 192.0.2.80 "the old zone after a refused load"
pp sh -c 'echo 1073741824 > /sys/module/kdns/parameters/mem_limit'
netns_cleanup
kdns_unload
