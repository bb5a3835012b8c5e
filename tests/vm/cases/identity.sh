# SPDX-License-Identifier: GPL-2.0
# The server's identity: class CH queries passed on until chaos is on, then
# TXT id.server., hostname.bind. and version.bind. answered (TTL 0, not
# authoritative), others REFUSED, a hidden version REFUSED; the NSID sent to
# a query that asks for it (dig +nsid), not to others; IPv6 alike;
# identity load applies the service's file.
skip_under_debug "its hook paths run under KASAN in query-context, its netlink in adv-genl-fuzz"
trap netns_cleanup EXIT
kdns_load
netns_pair
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
ch() { pp cli dig +tries=1 +timeout=5 +norec "${2:-@198.18.0.2}" CH TXT "$1"; }

expect_eq "$(srv "$KDNSCTL" identity show)" "nsid 0x
id 
version 
chaos off" "identity at the start"
ch version.bind > /dev/null || true	# nothing listens: refused
expect_eq "$(counter passed_other server)" 1 "a CH query passed on, chaos off"

pp srv "$KDNSCTL" identity set nsid ns1-fra id ns1.example.net version "kdns test" chaos on
expect_eq "$(srv "$KDNSCTL" identity show)" "nsid 0x6e73312d667261
id ns1.example.net
version kdns test
chaos on" "identity show"
srv "$KDNSCTL" identity show --json | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d == {"nsid": "6e73312d667261", "id": "ns1.example.net", "version": "kdns test",
             "chaos": True}, d'
for name in id.server hostname.bind; do
	out=$(ch $name)
	echo "$out" | grep -q 'status: NOERROR' || fail "$name: $out"
	echo "$out" | grep -Eq "^$name\.[[:space:]]+0[[:space:]]+CH[[:space:]]+TXT[[:space:]]+\"ns1.example.net\"" ||
		fail "$name: no TXT ns1.example.net, TTL 0: $out"
	echo "$out" | grep -q 'flags: qr;' || fail "$name: authoritative or more: $out"
done
out=$(ch version.bind @2001:db8::2)
echo "$out" | grep -q '"kdns test"' || fail "version.bind over IPv6: $out"
ch authors.bind | grep -q 'status: REFUSED' || fail "authors.bind not REFUSED"
pp srv "$KDNSCTL" identity set version ""
ch version.server | grep -q 'status: REFUSED' || fail "a hidden version not REFUSED"

out=$(pp cli dig +tries=1 +timeout=5 +nsid @198.18.0.2 www.example.com A)
echo "$out" | grep -q 'NSID: 6e 73 31 2d 66 72 61 ("ns1-fra")' || fail "no NSID: $out"
out=$(pp cli dig +tries=1 +timeout=5 @198.18.0.2 www.example.com A)
echo "$out" | grep -q 'NSID' && fail "an NSID not asked for: $out"
pp srv "$KDNSCTL" identity set nsid "" chaos off
out=$(pp cli dig +tries=1 +timeout=5 +nsid @198.18.0.2 www.example.com A)
echo "$out" | grep -q 'NSID' && fail "an NSID after it was removed: $out"

# The service's identity.conf: a setting a line, the value the rest of it;
# show's output loads back as it is; what a file does not set is cleared.
conf=$(mktemp)
printf '# this node\nnsid ns2-ams\nid ns2 in Amsterdam   # comment cut\nchaos on\n' > "$conf"
pp srv "$KDNSCTL" identity load "$conf"
want="nsid 0x6e73322d616d73
id ns2 in Amsterdam
version 
chaos on"
expect_eq "$(srv "$KDNSCTL" identity show)" "$want" "identity load"
ch id.server | grep -q '"ns2 in Amsterdam"' || fail "id.server after identity load"
srv "$KDNSCTL" identity show > "$conf"
pp srv "$KDNSCTL" identity load "$conf"
expect_eq "$(srv "$KDNSCTL" identity show)" "$want" "identity show, loaded back"
: > "$conf"
pp srv "$KDNSCTL" identity load "$conf"
expect_eq "$(srv "$KDNSCTL" identity show)" "nsid 0x
id 
version 
chaos off" "an empty identity.conf: no identity"
rm -f "$conf"
netns_cleanup
kdns_unload
