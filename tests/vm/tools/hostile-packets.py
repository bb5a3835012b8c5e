#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Packets from a hostile network, each a named case run in the client
namespace of tests/lib.sh's netns_pair (kdns's zone example.com and
the userspace server dns-echo.py at the server); exit 0 when kdns behaves.

    hostile-packets.py ipv6-multicast SERVER_MAC
        a query to ff02::1 in a frame to the server's MAC: not kdns's to
        answer (its answer would leave from a multicast address)
    hostile-packets.py gro-burst N
        N same-size queries at once, which GRO at the server merges into one
        skb: every query gets one answer of its own, none FORMERR
    hostile-packets.py forge-pmtu
        an ICMP "fragmentation needed" (MTU 552) for answers to the client,
        sent by anyone: large answers still arrive complete
"""
import socket
import struct
import sys
import time

import dns.message
import dns.rcode

from dnswire import csum

SRC4, DST4 = "198.18.0.1", "198.18.0.2"
SRC6 = "2001:db8::1"


def case_ipv6_multicast(server_mac):
    """A query to ff02::1 inside an Ethernet frame to the server's MAC."""
    q = dns.message.make_query("www.example.com.", "A")
    q.id = 4711
    payload = q.to_wire()
    src, dst = socket.inet_pton(socket.AF_INET6, SRC6), socket.inet_pton(socket.AF_INET6,
                                                                         "ff02::1")
    sport, length = 40111, 8 + len(payload)
    pseudo = src + dst + struct.pack("!IxxxB", length, 17)
    c = csum(pseudo + struct.pack("!HHHH", sport, 53, length, 0) + payload) or 0xffff
    udp = struct.pack("!HHHH", sport, 53, length, c) + payload
    ip6 = struct.pack("!IHBB16s16s", 6 << 28, len(udp), 17, 1, src, dst) + udp
    with open("/sys/class/net/veth0/address") as f:
        src_mac = bytes.fromhex(f.read().strip().replace(":", ""))
    frame = bytes.fromhex(server_mac.replace(":", "")) + src_mac + struct.pack("!H", 0x86dd)
    rx = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    rx.bind((SRC6, sport))
    rx.settimeout(3)
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
        s.bind(("veth0", 0))
        s.send(frame + ip6)
    try:
        data, peer = rx.recvfrom(65535)
        m = dns.message.from_wire(data)
        got = sorted(rd.to_text() for rr in m.answer for rd in rr)
    except socket.timeout:
        peer, got = None, None
    print("answer %s from %s" % (got, peer and peer[0]))
    # The userspace server's answer (192.0.2.53), from a unicast address.
    return 0 if got == ["192.0.2.53"] else 1


def case_gro_burst(n):
    n = int(n)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((SRC4, 0))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.settimeout(3)
    ids = list(range(1000, 1000 + n))
    for i in ids:
        q = dns.message.make_query("www.example.com.", "A")
        q.id = i
        s.sendto(q.to_wire(), (DST4, 53))
    answers = {}
    try:
        while len(answers) < n:
            m = dns.message.from_wire(s.recv(65535))
            answers.setdefault(m.id, []).append(m)
    except socket.timeout:
        pass
    bad = 0
    seen = {}
    for i in ids:
        got = answers.get(i, [])
        a = [sorted(rd.to_text() for rr in m.answer for rd in rr) for m in got]
        ok = (len(got) == 1 and got[0].rcode() == dns.rcode.NOERROR and
              a[0] in (["192.0.2.80"], ["192.0.2.53"]))
        key = "ok %s" % a[0][0] if ok else "bad %s" % (
            [dns.rcode.to_text(m.rcode()) for m in got] or "no answer")
        seen[key] = seen.get(key, 0) + 1
        bad += not ok
    print("%d queries: %s" % (n, ", ".join("%s x%d" % kv for kv in sorted(seen.items()))))
    return 1 if bad else 0


def case_forge_pmtu():
    """ICMP frag-needed, MTU 552, quoting an answer from the server's port
    53 to the client: the server's route to the client learns MTU 552."""
    inner = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 1200, 0, 0x4000, 64, 17, 0,
                        socket.inet_aton(DST4), socket.inet_aton(SRC4))
    inner += struct.pack("!HHHH", 53, 40000, 1180, 0)
    icmp = struct.pack("!BBHHH", 3, 4, 0, 0, 552) + inner
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    with socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP) as raw:
        for _ in range(3):
            raw.sendto(icmp, (DST4, 0))
    time.sleep(0.5)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((SRC4, 0))
    s.settimeout(3)
    fails = 0
    for i in range(5):
        q = dns.message.make_query("big.example.com.", "TXT", use_edns=0, payload=1232)
        q.id = 500 + i
        s.sendto(q.to_wire(), (DST4, 53))
        try:
            m = dns.message.from_wire(s.recv(65535))
            size = sum(len(s) for rr in m.answer for rd in rr for s in rd.strings)
            tc = bool(m.flags & dns.flags.TC)
            print("answer %d: %d bytes of TXT, TC=%d" % (i, size, tc))
            fails += tc or size < 1000
        except socket.timeout:
            print("answer %d: none" % i)
            fails += 1
    return 1 if fails else 0


if __name__ == "__main__":
    import dns.flags  # noqa: F401 (used above)
    name = sys.argv[1].replace("-", "_")
    print("case %s" % sys.argv[1])
    sys.exit(globals()["case_" + name](*sys.argv[2:]))
