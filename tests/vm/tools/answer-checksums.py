#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The UDP checksums of kdns's answers as they arrive at the client.

    answer-checksums.py [-4] IFACE NAME TYPE [NAME TYPE ...]

Asks each NAME TYPE over IPv4 and IPv6 (-4: IPv4 only) (EDNS, 1232 bytes) from the client's
namespace, captures the frames of the answers on IFACE (AF_PACKET), puts
IPv4 fragments back together, and checks each answer's UDP checksum against
one computed here. Run where the checksum must be on the wire: the server's
device without checksum offload, or answers fragmented. Exit 1 on a wrong or
missing checksum, or an answer not seen."""
import socket
import struct
import sys
import time

import dns.message

from dnswire import csum

SRC4, DST4 = "198.18.0.1", "198.18.0.2"
SRC6, DST6 = "2001:db8::1", "2001:db8::2"
ETH_P_ALL = 3


def udp_ok(pseudo, dgram):
    """Whether DGRAM (UDP header and payload) carries the right checksum."""
    if dgram[6:8] == b"\0\0":
        return False    # kdns always sets one (and IPv6 requires it)
    return csum(pseudo + dgram) == 0


def joined(parts, offset, body, more):
    """The datagram of an IPv4 packet's fragments once all are in PARTS
    (offset: (bytes, more fragments)), with this one added; else None."""
    parts[offset] = (body, more)
    whole = b""
    for o in sorted(parts):
        if o != len(whole):
            return None
        whole += parts[o][0]
        more = parts[o][1]
    return None if more else whole


def answers(frames):
    """(family, source port of the query, checksum right) of each UDP
    datagram from port 53 in FRAMES (Ethernet frames), IPv4 fragments joined."""
    frags = {}
    out = []
    for f in frames:
        etype = struct.unpack("!H", f[12:14])[0]
        ip = f[14:]
        if etype == 0x0800 and ip[9] == 17:
            ihl = (ip[0] & 15) * 4
            total = struct.unpack("!H", ip[2:4])[0]
            ident, off = struct.unpack("!HH", ip[4:8])
            body = ip[ihl:total]
            pseudo = ip[12:20] + b"\0\x11"
            if off & 0x3fff:
                body = joined(frags.setdefault(ident, {}), (off & 0x1fff) * 8, body,
                              bool(off & 0x2000))
                if body is None:
                    continue
                del frags[ident]
            if body[0:2] == b"\0\x35":
                dgram = body
                out.append((4, struct.unpack("!H", dgram[2:4])[0],
                            udp_ok(pseudo + struct.pack("!H", len(dgram)), dgram)))
        elif etype == 0x86dd and ip[6] == 17:
            dgram = ip[40:40 + struct.unpack("!H", ip[4:6])[0]]
            if dgram[0:2] == b"\0\x35":
                pseudo = ip[8:40] + struct.pack("!I", len(dgram)) + b"\0\0\0\x11"
                out.append((6, struct.unpack("!H", dgram[2:4])[0], udp_ok(pseudo, dgram)))
    return out


def main():
    args = sys.argv[1:]
    families = [(socket.AF_INET, SRC4, DST4), (socket.AF_INET6, SRC6, DST6)]
    if args[0] == "-4":
        args, families = args[1:], families[:1]
    iface, pairs = args[0], args[1:]
    cap = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    cap.bind((iface, 0))
    cap.settimeout(0.2)
    asked = []
    for name, rtype in zip(pairs[0::2], pairs[1::2]):
        for family, src, dst in families:
            q = dns.message.make_query(name, rtype, use_edns=0, payload=1232)
            s = socket.socket(family, socket.SOCK_DGRAM)
            s.bind((src, 0))
            s.settimeout(3)
            s.sendto(q.to_wire(), (dst, 53))
            a = dns.message.from_wire(s.recv(65535))
            asked.append((4 if family == socket.AF_INET else 6, s.getsockname()[1],
                          "%s %s IPv%d: %d bytes" % (name, rtype, 4 if family == socket.AF_INET
                                                     else 6, len(a.to_wire()))))
            s.close()
    frames = []
    end = time.monotonic() + 1
    while time.monotonic() < end:
        try:
            data, addr = cap.recvfrom(65535)
        except socket.timeout:
            continue
        if addr[2] != socket.PACKET_OUTGOING:
            frames.append(data)
    seen = {(fam, port): ok for fam, port, ok in answers(frames)}
    bad = 0
    for fam, port, what in asked:
        ok = seen.get((fam, port))
        print("%s: %s" % (what, {None: "not captured", True: "checksum right",
                                 False: "CHECKSUM WRONG"}[ok]))
        bad += ok is not True
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
