#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The hook's query context, each part once, from one process (so that the
debug kernel's guest pays for one Python start): a client cookie answered
with a server cookie, that cookie echoed; an NSID asked for and given; a
class CH TXT id.server. answered with the identity. Or, with --rrl, when the
caller has set rate limiting at rate 1, window 1, slip 2: ten queries at
once, one full answer or two, some truncated, the rest dropped. Prints "ok WHAT" or "FAIL WHAT: DETAIL" lines; exits 1 after
any FAIL.

    context-queries.py SERVER NSID-TEXT [--rrl]
"""
import socket
import sys
import time

import dns.edns
import dns.exception
import dns.flags
import dns.message
import dns.rdataclass

server, nsid = sys.argv[1], sys.argv[2].encode()
rrl = "--rrl" in sys.argv[3:]
sock = socket.socket(socket.AF_INET6 if ":" in server else socket.AF_INET, socket.SOCK_DGRAM)
failed = False


def check(ok, what, detail=""):
    global failed
    print(("ok " if ok else "FAIL ") + what + ("" if ok else ": " + str(detail)))
    failed = failed or not ok


def answers(queries, wait):
    """Send the queries, then collect the answers to them (by ID) for wait seconds."""
    want = {q.id: q for q in queries}
    got = {}
    for q in queries:
        sock.sendto(q.to_wire(), (server, 53))
    end = time.monotonic() + wait
    while want.keys() - got.keys() and time.monotonic() < end:
        sock.settimeout(max(end - time.monotonic(), 0.01))
        try:
            r = dns.message.from_wire(sock.recv(65535))
        except (socket.timeout, dns.exception.DNSException):
            continue
        if r.id in want:
            got[r.id] = r
    return [got.get(q.id) for q in queries]


def ask(q):
    return answers([q], 10)[0]


def option(r, code):
    """The data of the answer's first option of this code, or None."""
    for o in r.options if r else []:
        if o.otype == code:
            return o.to_wire() if hasattr(o, "to_wire") else o.data
    return None


def query(name="www.example.com.", rdtype="A", rdclass="IN", options=None):
    return dns.message.make_query(name, rdtype, rdclass, use_edns=0, payload=1232,
                                  options=options or [])


def context():
    cc = bytes.fromhex("0102030405060708")
    r = ask(query(options=[dns.edns.GenericOption(10, cc)]))
    cookie = option(r, 10)
    check(cookie is not None and len(cookie) == 24 and cookie[:8] == cc,
          "a client cookie: a server cookie", cookie.hex() if cookie else r)
    if cookie:
        r = ask(query(options=[dns.edns.GenericOption(10, cookie)]))
        check(option(r, 10) == cookie, "a good server cookie: echoed", r)
    r = ask(query(options=[dns.edns.GenericOption(3, b"")]))
    check(option(r, 3) == nsid, "NSID given", r)
    r = ask(query("id.server.", "TXT", "CH"))
    check(r is not None and r.answer and r.answer[0].rdclass == dns.rdataclass.CH and
          tuple(r.answer[0][0].strings) == (nsid,), "CH TXT id.server.", r)


def limited():
    rs = answers([query("mail.example.com.") for _ in range(10)], 3)
    full = sum(1 for r in rs if r and not r.flags & dns.flags.TC)
    tc = sum(1 for r in rs if r and r.flags & dns.flags.TC and not r.answer)
    print("# rate 1: %d full, %d truncated, %d dropped of 10" % (full, tc, 10 - full - tc))
    check(1 <= full <= 2 and tc >= 1 and full + tc < 10, "rate limited: full, slipped, dropped",
          (full, tc))


if rrl:
    limited()
else:
    context()
sys.exit(1 if failed else 0)
