#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Ask ADDR for NAME A, one query at a time, until STOPFILE exists; then print
how many answers there were of each kind, and how many queries were lost.

    query-loop.py ADDR NAME STOPFILE
"""
import collections
import os
import socket
import sys

import dns.message
import dns.rdatatype

addr, name, stop = sys.argv[1:4]
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
seen = collections.Counter()
lost = 0
while not os.path.exists(stop):
    q = dns.message.make_query(name, "A")
    s.sendto(q.to_wire(), (addr, 53))
    try:
        r = dns.message.from_wire(s.recvfrom(65535)[0])
    except socket.timeout:
        lost += 1
        continue
    seen[" ".join(sorted(rd.to_text() for rr in r.answer for rd in rr)) or dns.rcode.to_text(r.rcode())] += 1
print("queries %d lost %d" % (sum(seen.values()) + lost, lost))
for answer, n in sorted(seen.items()):
    print("answer %s %d" % (answer, n))
