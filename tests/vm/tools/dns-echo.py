#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A tiny userspace DNS server for the VM tests: answers every query on port
53, UDP and TCP, IPv4 and IPv6, with A 192.0.2.53, so a test can tell that a
query reached the sockets instead of being answered by kdns."""
import select
import socket

import dns.message
import dns.rdataclass
import dns.rdatatype
import dns.rrset


def answer(data):
    try:
        q = dns.message.from_wire(data)
    except Exception:
        return None
    r = dns.message.make_response(q)
    if q.question and q.question[0].rdtype == dns.rdatatype.A:
        r.answer.append(dns.rrset.from_text(q.question[0].name, 60, "IN", "A",
                                            "192.0.2.53"))
    return r.to_wire()


def main():
    udp, tcp = [], []
    for family, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        for kind, group in ((socket.SOCK_DGRAM, udp), (socket.SOCK_STREAM, tcp)):
            s = socket.socket(family, kind)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((addr, 53))
            if kind == socket.SOCK_STREAM:
                s.listen(16)
            group.append(s)
    while True:
        ready, _, _ = select.select(udp + tcp, [], [])
        for s in ready:
            if s in udp:
                data, peer = s.recvfrom(65535)
                reply = answer(data)
                if reply:
                    s.sendto(reply, peer)
                continue
            conn, _ = s.accept()
            conn.settimeout(5)
            try:
                length = int.from_bytes(conn.recv(2), "big")
                data = b""
                while len(data) < length:
                    chunk = conn.recv(length - len(data))
                    if not chunk:
                        break
                    data += chunk
                reply = answer(data)
                if reply:
                    conn.sendall(len(reply).to_bytes(2, "big") + reply)
            except OSError:
                pass
            conn.close()


main()
