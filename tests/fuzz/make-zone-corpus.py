#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Writes the seed corpus of zoneload_fuzz (tests/fuzz/zone-corpus): the zones
of tests/zones and examples, a zone of many types and syntaxes, records at
and over the largest size one ZONE_ADD attribute carries, and broken files.
Rerun after changing those zones; the files are committed."""
import glob
import os
import shutil
import subprocess

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(os.path.dirname(here))
out = os.path.join(here, "zone-corpus")
os.makedirs(out, exist_ok=True)
for d in ("tests/zones", "examples"):
    for path in glob.glob(os.path.join(top, d, "*.zone")):
        name = os.path.basename(d) + "-" + os.path.basename(path)
        shutil.copy(path, os.path.join(out, name))

# The examples' zone signed (tests/diff/sign-zone: NSEC3 with opt-out, keys
# made for the run and thrown away): RRSIG, NSEC3, NSEC3PARAM and DNSKEY
# records, and the NSEC3 chain's names.
subprocess.run([os.path.join(top, "tests/diff/sign-zone"),
                os.path.join(top, "examples/example.com.zone"), "example.com.",
                os.path.join(out, "signed-nsec3.zone"), "nsec3-optout"],
               check=True, stdout=subprocess.DEVNULL)

HEAD = ("$ORIGIN example.\n$TTL 3600\n"
        "@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns\n")


def txt(rdlen):
    """TXT RDATA of exactly rdlen bytes: 255-byte strings, then the rest."""
    strings = []
    while rdlen:
        n = min(rdlen, 255)
        strings.append('"' + "x" * (n - 1) + '"')
        rdlen -= n
    return " ".join(strings)


def owner(wire_len):
    """A name under example. of wire_len bytes."""
    rest, labels = wire_len - 9, []
    while rest > 64:
        n = 63 if rest - 64 >= 2 else 62  # the last label needs 2 bytes
        labels.append("a" * n)
        rest -= n + 1
    labels.append("b" * (rest - 1))
    return ".".join(labels)


seeds = {
    "types.zone": HEAD + r"""ns A 192.0.2.1
ns AAAA 2001:db8::1
@ MX 10 mail.example.
mail 300 IN A 192.0.2.25
www CNAME ns
@ TXT "v=spf1 -all" "two" "esc\"aped\\ \065\255"
_sip._udp SRV 10 5 5060 sip
sip A 192.0.2.5
@ NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp
host HINFO "PC" "Linux"
sub NS ns.sub
ns.sub A 192.0.2.53
sub DS 12345 8 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
dn DNAME example.net.
ptr PTR www
*.wild A 192.0.2.99
generic TYPE65280 \# 4 0a000001
empty TYPE65281 \# 0
$ORIGIN deep.example.
a.b ( 60 A
      192.0.2.7 ) ; a comment
$TTL 1d
x\.y A 192.0.2.8
""",
    # The largest record: 1 + 240 + 10 + 65280 bytes fill an attribute.
    "largest.zone": HEAD + "%s TXT %s\n" % (owner(240), txt(65280)),
    # 65535 bytes of RDATA: no attribute can carry it.
    "over.zone": HEAD + "big TXT %s\n" % txt(65535),
    "generic-big.zone": HEAD + "g TYPE65280 \\# 1024 " + "ab" * 1024 + "\n",
    "no-soa.zone": "$ORIGIN example.\nns A 192.0.2.1\n",
    "two-soa.zone": HEAD + "@ SOA ns2 h 2 1 1 1 1\n",
    "bad.zone": HEAD + "www A 300.1.1.1\n",
    "cname-and-a.zone": HEAD + "www CNAME ns\nwww A 192.0.2.1\n",
    "outside.zone": HEAD + "www.example.net. A 192.0.2.1\n",
}
for name, text in seeds.items():
    with open(os.path.join(out, name), "w") as f:
        f.write(text)
