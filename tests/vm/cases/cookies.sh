# SPDX-License-Identifier: GPL-2.0
# DNS cookies: off, a COOKIE option is ignored; on, a client cookie gets a
# server cookie, which the next query's answer echoes (cookie_good), while
# a made-up one is replaced (cookie_new); a wrong length is FORMERR. With
# the same secret, Knot DNS 3.2's mod-cookies accepts kdns's cookie and
# kdns accepts Knot's (RFC 9018 interoperability); a good cookie exempts
# its client from rate limiting. cookie load applies the service's file.
skip_under_debug "its hook paths run under KASAN in query-context, its netlink in adv-genl-fuzz"
trap 'netns_cleanup; [ -n "${KNOT_PID:-}" ] && kill "$KNOT_PID" 2>/dev/null; true' EXIT
kdns_load
netns_pair
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
cq() { pp cli python3 "$KDNS_TOP/tests/vm/tools/cookie-query.py" 198.18.0.2 "$1"; }
cc=0102030405060708
secret=e5e973e5a6b2a43f48e7dc849e37bfcf

expect_eq "$(srv "$KDNSCTL" cookie show | head -n 1)" off "cookies at the start"
expect_eq "$(cq "$cc")" "NOERROR answer -" "a client cookie, cookies off"

pp srv "$KDNSCTL" cookie on
pp srv "$KDNSCTL" cookie secret $secret
srv "$KDNSCTL" cookie show
if ! { [ "$(srv "$KDNSCTL" cookie show | sed -n 's/^secret //p')" = $secret ]; }; then
	fail "cookie show: not the secret set"
fi
srv "$KDNSCTL" cookie show --json | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d["enabled"] and d["secret"] == sys.argv[1] and len(d["previous"]) == 32, d' $secret
r=$(cq "$cc")
echo "# $r"
read -r rc sec got <<< "$r"
if ! { [ "$rc $sec" = "NOERROR answer" ] && [ ${#got} = 48 ] && [ "${got:0:16}" = $cc ]; }; then
	fail "a client cookie: no server cookie in '$r'"
fi
kdns_cookie=$got
expect_eq "$(cq "$kdns_cookie")" "NOERROR answer $kdns_cookie" "a good cookie, echoed"
expect_eq "$(counter cookie_good server)" 1 "cookie_good"

made_up=${kdns_cookie:0:40}00000000
r=$(cq "$made_up")
read -r rc sec got <<< "$r"
if ! { [ "$got" != "$made_up" ] && [ "${got:0:16}" = $cc ]; }; then
	fail "a made-up cookie was echoed: $r"
fi
expect_eq "$(counter cookie_new server)" 2 "cookie_new"
expect_eq "$(cq 01020304050607)" "FORMERR empty -" "a 7-byte cookie"

# A good cookie is not rate limited: a flood with it is answered whole.
pp srv "$KDNSCTL" rrl set rate 1 window 1 slip 0
for _ in $(seq 20); do cq "$kdns_cookie"; done | sort | uniq -c | sed 's/^/# /'
for _ in $(seq 10); do cq "$kdns_cookie"; done | grep -vc "NOERROR answer $kdns_cookie" |
	grep -qx 0 || fail "a client with a good cookie was limited"
expect_eq "$(counter rrl_limited server)" 0 "rrl_limited with a good cookie"
pp srv "$KDNSCTL" rrl off

# Knot DNS with the same secret: kdns's cookie is good there, and Knot's here.
pp srv "$KDNSCTL" zone unload example.com.
knot_server mod-cookies "    secret: 0x$secret"
r=$(cq "$kdns_cookie")
echo "# knotd, kdns's cookie: $r"
expect_eq "$r" "NOERROR answer $kdns_cookie" "kdns's cookie at Knot"
# Knot answers a client cookie alone over UDP with BADCOOKIE and its cookie.
r=$(cq 1112131415161718)
echo "# knotd, a client cookie alone: $r"
read -r rc sec got <<< "$r"
if ! { [ "$rc" = BADCOOKIE ] && [ ${#got} = 48 ]; }; then
	fail "Knot made no cookie: $r"
fi
knot_cookie=$got
knot_stop
pp srv "$KDNSCTL" zone load "$KDNS_TOP/examples/example.com.zone"
expect_eq "$(cq "$knot_cookie")" "NOERROR answer $knot_cookie" "Knot's cookie at kdns"
expect_eq "$(counter cookie_good server)" 32 "cookie_good"

# Rotated: the old secret's cookie is still good, and replaced.
pp srv "$KDNSCTL" cookie rotate
r=$(cq "$kdns_cookie")
read -r rc sec got <<< "$r"
if ! { [ "$rc $sec" = "NOERROR answer" ] && [ "$got" != "$kdns_cookie" ]; }; then
	fail "the previous secret's cookie: $r"
fi
expect_eq "$(counter cookie_good server)" 33 "cookie_good after the rotation"

# The service's cookies.conf: on and the secret, in one request; loaded
# again (each reload), the secret in use stays and so does the previous one.
conf=$(mktemp)
printf '# cookies\non\nsecret %s   # the fleet'"'"'s\n' $secret > "$conf"
pp srv "$KDNSCTL" cookie load "$conf"
prev=$(srv "$KDNSCTL" cookie show | sed -n 's/^previous //p')
pp srv "$KDNSCTL" cookie load "$conf"
expect_eq "$(srv "$KDNSCTL" cookie show | tr '\n' ' ')" "on secret $secret previous $prev " \
	"cookie load, twice: the previous secret kept"
expect_eq "$(cq "$kdns_cookie")" "NOERROR answer $kdns_cookie" "the file's secret in use"
: > "$conf"
pp srv "$KDNSCTL" cookie load "$conf"
expect_eq "$(srv "$KDNSCTL" cookie show | head -n 1)" off "an empty cookies.conf: off"
rm -f "$conf"
expect_eq "$(cq "$kdns_cookie")" "NOERROR answer -" "cookies off again"
netns_cleanup
kdns_unload
