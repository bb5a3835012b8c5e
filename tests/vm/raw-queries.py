#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Queries in unusual packets, made by hand: IPv4 with options, IPv4 in two
fragments, a wrong UDP checksum, IPv6 with a destination options header.
Run in the client namespace of tests/vm/case-lib.sh's netns_pair; prints one
line per case and exits 1 if one does not behave.

    raw-queries.py
"""
import socket
import struct
import sys

import dns.message

SRC4, DST4 = "198.18.0.1", "198.18.0.2"
SRC6, DST6 = "2001:db8::1", "2001:db8::2"


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def udp4(sport, payload, bad_checksum=False):
    length = 8 + len(payload)
    pseudo = socket.inet_aton(SRC4) + socket.inet_aton(DST4) + struct.pack("!BBH", 0, 17, length)
    hdr = struct.pack("!HHHH", sport, 53, length, 0)
    c = csum(pseudo + hdr + payload) or 0xffff
    if bad_checksum:
        c ^= 0x5555
    return struct.pack("!HHHH", sport, 53, length, c) + payload


def ip4(body, options=b"", ident=0, frag=0):
    ihl = 5 + len(options) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(body), ident, frag,
                      64, 17, 0, socket.inet_aton(SRC4), socket.inet_aton(DST4)) + options
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + body


def ask_raw(packets, sport, family=socket.AF_INET):
    """Send packets raw; wait for the answer on a UDP socket at sport."""
    rx = socket.socket(family, socket.SOCK_DGRAM)
    rx.bind((SRC4, sport))
    rx.settimeout(3)
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for p in packets:
        raw.sendto(p, (DST4, 0))
    try:
        return dns.message.from_wire(rx.recv(65535))
    except socket.timeout:
        return None
    finally:
        rx.close()
        raw.close()


def a_records(m):
    return sorted(rd.to_text() for rr in m.answer for rd in rr) if m else None


failed = 0


def check(name, ok, detail):
    global failed
    print("%s: %s (%s)" % (name, "ok" if ok else "FAILED", detail))
    failed += not ok


want = ["192.0.2.80"]
q = dns.message.make_query("www.example.com.", "A")
q.id = 4242
wire = q.to_wire()

# IPv4 options: four bytes of NOP, NOP, NOP, EOL.
m = ask_raw([ip4(udp4(40001, wire), options=b"\x01\x01\x01\x00")], 40001)
check("ipv4 options", a_records(m) == want, a_records(m))

# Two fragments: the hook sees the reassembled datagram.
dgram = udp4(40002, wire)
first, rest = dgram[:16], dgram[16:]
m = ask_raw([ip4(first, ident=77, frag=0x2000), ip4(rest, ident=77, frag=16 // 8)], 40002)
check("ipv4 fragments", a_records(m) == want, a_records(m))

# A wrong checksum: not kdns's to answer (the stack drops it).
m = ask_raw([ip4(udp4(40003, wire, bad_checksum=True))], 40003)
check("bad udp checksum", m is None, "no answer" if m is None else "answered")

# IPv6 with a destination options header (PadN).
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.settimeout(3)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_DSTOPTS, bytes([0, 0, 1, 4, 0, 0, 0, 0]))
s.sendto(wire, (DST6, 53))
try:
    m = dns.message.from_wire(s.recv(65535))
except socket.timeout:
    m = None
check("ipv6 destination options", a_records(m) == want, a_records(m))
sys.exit(1 if failed else 0)
