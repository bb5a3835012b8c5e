#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A tiny userspace DNS server for the VM tests: answers every query on UDP
port 53 (IPv4 and IPv6) with A 192.0.2.53, so a test can tell that a query
reached the sockets instead of being answered by kdns."""
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
    socks = []
    for family, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        s = socket.socket(family, socket.SOCK_DGRAM)
        if family == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((addr, 53))
        socks.append(s)
    while True:
        ready, _, _ = select.select(socks, [], [])
        for s in ready:
            data, peer = s.recvfrom(65535)
            reply = answer(data)
            if reply:
                s.sendto(reply, peer)


main()
