#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Queries in unusual packets, made by hand: IPv4 with options, IPv4 in
fragments (the reassembled skb has a frag_list), queries sent with sendfile()
and from an AF_PACKET TX ring (both non-linear skbs at the hook), a wrong UDP checksum,
IPv6 with a destination options header, IPv6 in fragments; IPv4 to the
broadcast address in a frame to the server (passed on). Run in the client
namespace of tests/lib.sh's netns_pair; prints one line per case and
exits 1 if one does not behave.

    raw-queries.py [--ipv6-fragments=kdns|socket|only-kdns] --server-mac=MAC

IPv6 fragments are reassembled after kdns's hook unless conntrack is on in the
server namespace: "socket" expects the answer of the userspace server
(dns-echo.py, 192.0.2.53), "kdns" kdns's; "only-kdns" runs that case alone.
"""
import mmap
import socket
import struct
import sys

import dns.message

from dnswire import csum

SRC4, DST4, BCAST4 = "198.18.0.1", "198.18.0.2", "198.18.0.255"
SRC6, DST6 = "2001:db8::1", "2001:db8::2"


def udp4(sport, payload, bad_checksum=False, dst=DST4):
    length = 8 + len(payload)
    pseudo = socket.inet_aton(SRC4) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 17, length)
    hdr = struct.pack("!HHHH", sport, 53, length, 0)
    c = csum(pseudo + hdr + payload) or 0xffff
    if bad_checksum:
        c ^= 0x5555
    return struct.pack("!HHHH", sport, 53, length, c) + payload


def ip4(body, options=b"", ident=0, frag=0, dst=DST4):
    ihl = 5 + len(options) // 4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(body), ident, frag,
                      64, 17, 0, socket.inet_aton(SRC4), socket.inet_aton(dst)) + options
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return hdr + body


def ask(sport, send, family=socket.AF_INET):
    """send() the query by some means; wait for the answer on a UDP socket
    at sport of the client's address."""
    rx = socket.socket(family, socket.SOCK_DGRAM)
    rx.bind((SRC4 if family == socket.AF_INET else SRC6, sport))
    rx.settimeout(3)
    try:
        send()
        return dns.message.from_wire(rx.recv(65535))
    except socket.timeout:
        return None
    finally:
        rx.close()


def ask_raw(packets, sport, family=socket.AF_INET):
    """Send whole IP packets through a raw socket."""
    def send():
        with socket.socket(family, socket.SOCK_RAW, socket.IPPROTO_RAW) as raw:
            for p in packets:
                raw.sendto(p, (DST4 if family == socket.AF_INET else DST6, 0))
    return ask(sport, send, family)


def udp6(sport, payload):
    length = 8 + len(payload)
    pseudo = (socket.inet_pton(socket.AF_INET6, SRC6) + socket.inet_pton(socket.AF_INET6, DST6)
              + struct.pack("!IxxxB", length, 17))
    hdr = struct.pack("!HHHH", sport, 53, length, 0)
    c = csum(pseudo + hdr + payload) or 0xffff
    return struct.pack("!HHHH", sport, 53, length, c) + payload


def ip6_fragments(dgram, ident, size):
    """dgram (a UDP datagram) in fragments of size bytes (a multiple of 8)."""
    out = []
    for off in range(0, len(dgram), size):
        part = dgram[off:off + size]
        more = off + size < len(dgram)
        frag = struct.pack("!BBHI", 17, 0, off | more, ident)
        hdr = struct.pack("!IHBB16s16s", 6 << 28, len(frag) + len(part), 44, 64,
                          socket.inet_pton(socket.AF_INET6, SRC6),
                          socket.inet_pton(socket.AF_INET6, DST6))
        out.append(hdr + frag + part)
    return out


def ask_tx_ring(frame_dgram, sport, server_mac):
    """Send an IPv4 datagram from an AF_PACKET TX ring: the kernel maps the
    ring's page into the skb, so all but the Ethernet header lies in a page
    fragment (a non-linear skb) at the server."""
    ETH_P_IP, SOL_PACKET, PACKET_TX_RING, TP_STATUS_SEND_REQUEST = 0x0800, 263, 13, 1

    def send():
        with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
            s.bind(("veth0", 0))
            block = frame = 4096
            s.setsockopt(SOL_PACKET, PACKET_TX_RING, struct.pack("IIII", block, 1, frame, 1))
            with mmap.mmap(s.fileno(), block, mmap.MAP_SHARED,
                           mmap.PROT_READ | mmap.PROT_WRITE) as ring:
                with open("/sys/class/net/veth0/address") as f:
                    src_mac = bytes.fromhex(f.read().strip().replace(":", ""))
                eth = (bytes.fromhex(server_mac.replace(":", "")) + src_mac
                       + struct.pack("!H", ETH_P_IP))
                pkt = eth + frame_dgram
                data = 32  # TPACKET_V1: data follows the aligned struct tpacket_hdr
                ring[data:data + len(pkt)] = pkt
                # struct tpacket_hdr: unsigned long tp_status; unsigned int tp_len, ...
                ring[0:16] = struct.pack("QII", TP_STATUS_SEND_REQUEST, len(pkt), len(pkt))
                s.send(b"")
    return ask(sport, send)


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
v6frag, server_mac = "kdns", None
for arg in sys.argv[1:]:
    if arg.startswith("--ipv6-fragments="):
        v6frag = arg.split("=", 1)[1]
    elif arg.startswith("--server-mac="):
        server_mac = arg.split("=", 1)[1]


def ipv6_fragments():
    # Reassembled by the stack after kdns's hook, or by conntrack before it.
    expect = ["192.0.2.53"] if v6frag == "socket" else want
    m = ask_raw(ip6_fragments(udp6(40006, wire), 99, 16), 40006, socket.AF_INET6)
    check("ipv6 fragments (%s)" % ("to the socket" if v6frag == "socket" else "kdns"),
          a_records(m) == expect, a_records(m))


if v6frag == "only-kdns":
    ipv6_fragments()
    sys.exit(1 if failed else 0)

# IPv4 options: four bytes of NOP, NOP, NOP, EOL.
m = ask_raw([ip4(udp4(40001, wire), options=b"\x01\x01\x01\x00")], 40001)
check("ipv4 options", a_records(m) == want, a_records(m))

# Two fragments, the DNS header split between them: the hook sees the
# reassembled datagram.
dgram = udp4(40002, wire)
first, rest = dgram[:16], dgram[16:]
m = ask_raw([ip4(first, ident=77, frag=0x2000), ip4(rest, ident=77, frag=16 // 8)], 40002)
check("ipv4 fragments", a_records(m) == want, a_records(m))

# Eight bytes a fragment, sent last to first: the question name is spread
# over many fragments.
dgram = udp4(40005, wire)
frags = [ip4(dgram[o:o + 8], ident=78, frag=(0x2000 if o + 8 < len(dgram) else 0) | o // 8)
         for o in range(0, len(dgram), 8)]
m = ask_raw(frags[::-1], 40005)
check("ipv4 in %d eight-byte fragments" % len(frags), a_records(m) == want, a_records(m))

# A query padded to 480 bytes (EDNS padding) in two fragments: too big to be
# copied into the first one's tailroom, the second fragment stays on the
# reassembled skb's frag_list.
padded = dns.message.make_query("www.example.com.", "A", use_edns=0, pad=480)
padded.id = 4243
pwire = padded.to_wire()
dgram = udp4(40007, pwire)
m = ask_raw([ip4(dgram[:56], ident=79, frag=0x2000), ip4(dgram[56:], ident=79, frag=56 // 8)],
            40007)
check("ipv4 fragments, %d bytes, frag_list" % len(pwire), a_records(m) == want, a_records(m))

# All but the Ethernet header in a page fragment.
m = ask_tx_ring(ip4(udp4(40008, wire)), 40008, server_mac)
check("ipv4 from a packet tx ring (paged skb)", a_records(m) == want, a_records(m))

# To the subnet's broadcast address in a frame to the server's MAC address:
# the socket's to answer (kdns's answer would leave from the broadcast
# address).
m = ask_tx_ring(ip4(udp4(40009, wire, dst=BCAST4), dst=BCAST4), 40009, server_mac)
check("ipv4 to the broadcast address, unicast frame", a_records(m) == ["192.0.2.53"],
      a_records(m))

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

ipv6_fragments()
sys.exit(1 if failed else 0)
