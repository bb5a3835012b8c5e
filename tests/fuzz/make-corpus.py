#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Writes the fuzzer's seed corpus (tests/fuzz/corpus): queries for the names
and behaviours of tests/zones, with and without EDNS, and a few malformed
ones. Rerun after changing the zones; the files are committed."""
import hashlib
import os

import dns.edns
import dns.message

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "corpus")
os.makedirs(out, exist_ok=True)
queries = []


def make_query(*args, **kwargs):
    """A query of a fixed, even ID (no context): the same files every run."""
    q = dns.message.make_query(*args, **kwargs)
    q.id = (0x100 + 2 * len(queries)) & 0xfffe
    return q


names = ["www.example.com.", "alias.example.com.", "chain1.example.com.", "loop1.example.com.",
         "x.wild.example.com.", "a.b.wild.example.com.", "x.cwild.example.com.",
         "host.sub.example.com.", "sub.example.com.", "www.dn.example.com.",
         "x.idn.example.com.", "nx.example.com.", "b.deep.example.com.", "big.example.com.",
         "huge.example.com.", "example.com.", "_sip._udp.example.com.", "sub2.example.com.",
         "www.sub2.example.com.", "www.example.org."]
for i, name in enumerate(names):
    for j, qtype in enumerate(["A", "AAAA", "MX", "NS", "TXT", "DS", "CNAME", "ANY"]):
        if (i + j) % 3:
            continue
        edns = (i + j) % 2 == 0
        q = make_query(name, qtype, use_edns=edns, payload=1232 if edns else 512,
                                   want_dnssec=(j % 4 == 0))
        queries.append(q.to_wire())
base = queries[0]
queries += [base[:11], base[:20], base + b"\xff", base[:2] + b"\x78" + base[3:],
            base[:12] + b"\xc0\x0c\x00\x01\x00\x01"]
# DNS cookies (an odd ID: the fuzzer asks with cookies on): a client cookie
# alone, with a server cookie, and COOKIE options of wrong lengths.
for n, data in enumerate([b"kdnsfuzz", b"kdnsfuzz" + bytes(range(16)), b"kdnsfuzz" + b"x" * 32,
                          b"kdnsfuzz9", b"kdnsfuzz" + b"y" * 33, b""]):
    q = make_query("www.example.com.", "A", use_edns=0, payload=1232,
                               options=[dns.edns.GenericOption(10, data)])
    q.id = 0x1001 + 2 * n
    queries.append(q.to_wire())
# NSID, and class CH (an odd ID: with the identity).
q = make_query("www.example.com.", "A", use_edns=0, payload=1232,
                           options=[dns.edns.GenericOption(3, b"")])
q.id = 0x2001
queries.append(q.to_wire())
for n, name in enumerate(["version.bind.", "id.server.", "hostname.bind.", "x.bind."]):
    q = make_query(name, "TXT", rdclass="CH")
    q.id = 0x2003 + 2 * n
    queries.append(q.to_wire())
# DO=1 for example.net and example.org, make fuzz-zones's signed copies of
# example.com (NSEC3 with opt-out; NSEC): RRSIGs in each section, a secure
# referral, the NSEC3 chain's names; NXDOMAIN, NODATA, wildcard and insecure
# referral proofs.
for tld in ("net", "org"):
    for n, (name, qtype) in enumerate([
            ("www.example.%s.", "A"), ("alias.example.%s.", "A"), ("x.wild.example.%s.", "MX"),
            ("nx.example.%s.", "A"), ("host.sub.example.%s.", "A"), ("example.%s.", "DNSKEY"),
            ("www.example.%s.", "RRSIG"), ("example.%s.", "NSEC3PARAM"),
            ("www.example.%s.", "MX"), ("a.b.wild.example.%s.", "A"),
            ("x.crowd.example.%s.", "A"), ("nx.alias.example.%s.", "NSEC")]):
        q = make_query(name % tld, qtype, use_edns=0,
                                   payload=512 if n % 2 else 1232, want_dnssec=True)
        queries.append(q.to_wire())
for q in queries:
    with open(os.path.join(out, hashlib.sha1(q).hexdigest()[:16]), "wb") as f:
        f.write(q)
print("%d seeds in %s" % (len(queries), out))
