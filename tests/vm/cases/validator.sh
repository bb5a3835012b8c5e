# SPDX-License-Identifier: GPL-2.0
# A validating resolver, unbound, in the client's namespace with the zone's
# key as its trust anchor, resolving through kdns in the server's: from
# example.com signed by BIND's dnssec-signzone with NSEC, and by Knot's
# kzonesign with NSEC3 (RFC 9276: no salt, no extra iterations), loaded with
# kdnsctl, every kind of answer validates (AD=1): positive, NXDOMAIN,
# NODATA (an empty non-terminal's too), a wildcard's answer and its NODATA,
# a DNAME's, a secure delegation's DS and an insecure one's denial. With one
# signature tampered with, the answer it signs is bogus (SERVFAIL) and the
# others still validate.
skip_under_debug "its proofs run under KASAN in KUnit's denial cases; the hook's path is every answer's"
trap 'netns_cleanup' EXIT
command -v unbound > /dev/null || fail "unbound is not installed (scripts/deps installs it)"
kdns_load
netns_pair

# unbound, its cache empty, trusting the zone's KSK (DNSKEY flags 257).
unbound_start() {
	awk '$1 == "example.com." { for (i = 2; i < NF; i++) if ($i == "DNSKEY" && $(i + 1) == 257) print }' \
		"$1" > /tmp/anchor
	[ -s /tmp/anchor ] || fail "no KSK in $1"
	cat > /tmp/unbound.conf <<-EOF
	server:
	    interface: 127.0.0.1@5353
	    username: ""
	    chroot: ""
	    directory: "/tmp"
	    pidfile: ""
	    use-syslog: no
	    logfile: "/tmp/unbound.log"
	    verbosity: 1
	    val-log-level: 2
	    module-config: "validator iterator"
	    trust-anchor-file: "/tmp/anchor"
	    qname-minimisation: no
	    aggressive-nsec: no
	stub-zone:
	    name: "example.com."
	    stub-addr: 198.18.0.2
	EOF
	: > /tmp/unbound.log
	# Not through cli(): $! is then unbound's own pid (ip execs it).
	ip netns exec client unbound -d -c /tmp/unbound.conf &
	UNBOUND_PID=$!
	poll 20 cli dig +tries=1 +timeout=2 -p 5353 @127.0.0.1 example.com SOA > /dev/null ||
		fail "unbound did not answer: $(cat /tmp/unbound.log)"
}

# Gone, its port closed: the next one starts with an empty cache.
unbound_stop() {
	kill "$UNBOUND_PID"
	wait "$UNBOUND_PID" 2>/dev/null || true
	! cli ss -lun | grep -q ':5353 ' || fail "unbound still listens"
}

# resolve NAME TYPE: dig's answer through unbound.
resolve() {
	cli dig +tries=1 +timeout=10 -p 5353 @127.0.0.1 "$1" "$2"
}

# validated NAME TYPE RCODE: the answer has RCODE and AD=1.
validated() {
	local out
	out=$(resolve "$1" "$2")
	grep -q "status: $3," <<< "$out" ||
		fail "$1 $2: not $3: $out $(tail -n 20 /tmp/unbound.log)"
	grep -Eq 'flags:[a-z ]* ad[ ;]' <<< "$out" ||
		fail "$1 $2 ($3): not validated: $out $(tail -n 5 /tmp/unbound.log)"
	echo "ok: $1 $2 $3, AD=1"
}

# BIND refuses the test zone's NS at a wildcard owner: its copy has none.
sed '/^\*\.wdeleg/d' "$KDNS_TOP/tests/zones/example.com.zone" > /tmp/example.zone
for signed in bind:nsec knot:nsec3; do
	signer=${signed%:*} mode=${signed#*:}
	echo "== example.com signed by $signer with $mode"
	SIGNER=$signer pp "$KDNS_TOP/tests/diff/sign-zone" /tmp/example.zone example.com. \
		"/tmp/signed-$mode.zone" "$mode" > /dev/null
	pp srv "$KDNSCTL" zone load "/tmp/signed-$mode.zone"
	unbound_start "/tmp/signed-$mode.zone"
	validated www.example.com A NOERROR
	validated nx.example.com A NXDOMAIN
	validated www.example.com TXT NOERROR		# NODATA
	validated in.example.com A NOERROR		# an empty non-terminal
	validated x.wild.example.com A NOERROR		# a wildcard's answer
	validated x.wild.example.com AAAA NOERROR	# its NODATA
	validated www.idn.example.com A NOERROR	# through a DNAME
	validated sub.example.com DS NOERROR		# a secure delegation
	validated crowd.example.com DS NOERROR		# an insecure one: no DS
	expect_eq "$(resolve www.example.com A | grep -c '^www\.example\.com\..*A.192\.0\.2\.8[01]$')" 2 \
		"www A through unbound ($mode)"
	unbound_stop
done

# One RRSIG over www's A spoilt: that answer is bogus, the rest validate.
python3 - /tmp/signed-nsec.zone <<-'EOF'
	import sys
	path = sys.argv[1]
	lines = open(path).read().split("\n")
	for i, line in enumerate(lines):
	    f = line.split()
	    j = f.index("RRSIG") if "RRSIG" in f[1:4] else 0
	    if f and f[0] == "www.example.com." and j and f[j + 1] == "A":
	        sig = f[-1]
	        lines[i] = line[:len(line) - len(sig)] + ("B" if sig[0] != "B" else "C") + sig[1:]
	        break
	else:
	    sys.exit("no RRSIG over www's A")
	open(path, "w").write("\n".join(lines))
	EOF
pp srv "$KDNSCTL" zone load /tmp/signed-nsec.zone
unbound_start /tmp/signed-nsec.zone
out=$(resolve www.example.com A)
grep -q "status: SERVFAIL," <<< "$out" || fail "a spoilt signature: not SERVFAIL: $out"
grep -q "validation failure" /tmp/unbound.log || fail "unbound logged no validation failure"
validated www.example.com AAAA NOERROR
validated nx.example.com A NXDOMAIN
unbound_stop
[ "$(counter answered server)" -gt 10 ] || fail "kdns answered too few of unbound's queries"
netns_cleanup
kdns_unload
