#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send DNS queries to port 53 of the given addresses as fast as possible for
a while, without waiting for answers: traffic for tests that unload the module
under load. Usage: dns-flood.py SECONDS ADDRESS..."""
import socket
import sys
import time

import dns.message

seconds = float(sys.argv[1])
socks = []
for addr in sys.argv[2:]:
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.setblocking(False)
    socks.append((s, addr))

sent = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    for s, addr in socks:
        q = dns.message.make_query("q%d.example.com" % sent, "A").to_wire()
        try:
            s.sendto(q, (addr, 53))
            sent += 1
        except (BlockingIOError, ConnectionRefusedError):
            pass
        try:
            while s.recv(65535):
                pass
        except (BlockingIOError, ConnectionRefusedError):
            pass
print("sent %d queries" % sent)
