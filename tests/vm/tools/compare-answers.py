#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send the same queries to two DNS servers and require byte-identical
answers (IDs aside, which are the same). Used to check that the kernel's
answers are the engine's: kdns in the kernel against kdns-test-server.

    compare-answers.py ADDR PORT_A PORT_B NAME...

Each NAME is asked for A, AAAA, MX, NS, TXT and SOA, with and without EDNS.
"""
import socket
import sys

import dns.message

addr, port_a, port_b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
family = socket.AF_INET6 if ":" in addr else socket.AF_INET


def ask(wire, port):
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.settimeout(5)
    try:
        s.sendto(wire, (addr, port))
        return s.recvfrom(65535)[0]
    finally:
        s.close()


failed = 0
n = 0
for name in sys.argv[4:]:
    for qtype in ("A", "AAAA", "MX", "NS", "TXT", "SOA"):
        for edns in (False, True):
            q = dns.message.make_query(name, qtype, use_edns=edns, payload=1232)
            wire = q.to_wire()
            a, b = ask(wire, port_a), ask(wire, port_b)
            n += 1
            if a != b:
                failed += 1
                print("differ: %s %s edns=%s" % (name, qtype, edns))
                print("  %d: %s" % (port_a, dns.message.from_wire(a)))
                print("  %d: %s" % (port_b, dns.message.from_wire(b)))
print("%d queries, %d answers differ" % (n, failed))
sys.exit(1 if failed else 0)
