#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""One query for www.example.com A with a COOKIE option (the hex given: a
client cookie, and a server cookie or not), over UDP. Prints the answer's
RCODE (extended, by name), whether it has records, and its COOKIE option in
hex ("-" if none).

    cookie-query.py SERVER COOKIE-HEX
"""
import socket
import sys

import dns.edns
import dns.message
import dns.rcode

server, cookie = sys.argv[1], bytes.fromhex(sys.argv[2])
q = dns.message.make_query("www.example.com.", "A", use_edns=0, payload=1232,
                           options=[dns.edns.GenericOption(10, cookie)])
s = socket.socket(socket.AF_INET6 if ":" in server else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(q.to_wire(), (server, 53))
r = dns.message.from_wire(s.recv(65535))
got = [o for o in r.options if o.otype == 10]
data = got[0].to_wire() if got and hasattr(got[0], "to_wire") else b""
if got and not data:
    data = getattr(got[0], "data", b"")
print(dns.rcode.to_text(r.rcode()), "answer" if r.answer else "empty",
      data.hex() if got else "-")
