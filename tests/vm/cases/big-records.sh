# SPDX-License-Identifier: GPL-2.0
# Records as large as one ZONE_ADD attribute carries (its nla_len is 16
# bits): a TXT of 65280 bytes of RDATA, and one under a 240-byte owner that
# fills the attribute (a message of 65556 bytes), load: the module has the
# zone kdnsctl built. (zone show cannot give them back: the module refuses a
# record larger than a dump message.) A TXT of 65535 bytes cannot be sent,
# so zone load refuses it at its line with exit status 1 (before, kdnsctl
# overflowed its buffer), and the loaded zone stays.
kdns_load
# zone NAME RDLEN OWNER_LEN: example. with a TXT of RDLEN bytes whose owner is
# OWNER_LEN bytes in wire form (0: "big"), on line 5.
zone() {
	python3 - "$@" <<'PY'
import sys
name, rdlen, olen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
owner = "big"
if olen:
    rest, labels = olen - 9, []
    while rest > 64:
        n = 63 if rest - 64 >= 2 else 62  # the last label needs 2 bytes
        labels.append("a" * n)
        rest -= n + 1
    labels.append("b" * (rest - 1))
    owner = ".".join(labels)
strings = []
while rdlen:
    n = min(rdlen, 255)
    strings.append('"' + "x" * (n - 1) + '"')
    rdlen -= n
with open(name, "w") as f:
    f.write("$ORIGIN example.\n$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n"
            "@ NS ns\n%s TXT %s\nns A 192.0.2.1\n" % (owner, " ".join(strings)))
PY
}
zone /tmp/big.zone 65280 0
zone /tmp/largest.zone 65280 240
zone /tmp/over.zone 65535 0
# records and bytes of the loaded zone, from the module
loaded() {
	"$KDNSCTL" zone list --json |
		python3 -c 'import json,sys; z = json.load(sys.stdin)[0]; print(z["records"], z["bytes"])'
}
for z in big largest; do
	pp "$KDNSCTL" zone load /tmp/$z.zone
	"$KDNSCTL" zone check --json /tmp/$z.zone |
		python3 -c 'import json,sys; z = json.load(sys.stdin); print(z["records"], z["bytes"])' \
		> /tmp/$z.built
	expect_eq "$(loaded)" "$(cat /tmp/$z.built)" "records and bytes of $z.zone in the module"
done
a=$(pp "$KDNSCTL" lookup ns.example. A | grep -c '192\.0\.2\.1')
expect_eq "$a" 1 "the zone answers"
status=0
pp "$KDNSCTL" zone load /tmp/over.zone 2>/tmp/err || status=$?
cat /tmp/err
expect_eq "$status" 1 "exit status of a record too large to send"
grep -q '^/tmp/over.zone:5: record too large' /tmp/err || fail "no file:line error: $(cat /tmp/err)"
# The refused load changed nothing.
expect_eq "$(loaded)" "$(cat /tmp/largest.built)" "the loaded zone after the refused load"
pp "$KDNSCTL" zone unload example.
kdns_unload
