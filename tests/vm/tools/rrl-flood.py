#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A flood of one query at a fixed rate from some source addresses (one
socket each, taking turns), for rate limiting's tests. Counts what comes
back: full answers (TC=0), slipped ones (TC=1, no records), and bytes on
the wire both ways (DNS messages plus UDP and IP headers). Prints one JSON
object.

    rrl-flood.py --server ADDR --rate QPS --seconds S [--name NAME] [--type T]
                 [--no-edns] SOURCE...
"""
import argparse
import json
import select
import socket
import time

import dns.flags
import dns.message


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--rate", type=float, required=True)
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--name", default="www.example.com")
    ap.add_argument("--type", default="A")
    ap.add_argument("--no-edns", action="store_true")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args()

    v6 = ":" in a.server
    family = socket.AF_INET6 if v6 else socket.AF_INET
    headers = (40 if v6 else 20) + 8
    socks = []
    for src in a.sources:
        s = socket.socket(family, socket.SOCK_DGRAM)
        s.bind((src, 0))
        s.setblocking(False)
        socks.append(s)
    q = dns.message.make_query(a.name, a.type, use_edns=None if a.no_edns else 0,
                               payload=1232)
    sent = full = slipped = other = bytes_out = bytes_in = 0

    def drain(timeout):
        nonlocal full, slipped, other, bytes_in
        ready, _, _ = select.select(socks, [], [], timeout)
        for s in ready:
            while True:
                try:
                    wire = s.recv(65535)
                except BlockingIOError:
                    break
                bytes_in += len(wire) + headers
                m = dns.message.from_wire(wire)
                if m.flags & dns.flags.TC and not m.answer:
                    slipped += 1
                elif not m.flags & dns.flags.TC:
                    full += 1
                else:
                    other += 1

    start = time.monotonic()
    end = start + a.seconds
    interval = 1.0 / a.rate
    next_send = start
    while True:
        now = time.monotonic()
        if now >= end:
            break
        if now >= next_send:
            q.id = sent & 0xffff
            wire = q.to_wire()
            socks[sent % len(socks)].sendto(wire, (a.server, 53))
            bytes_out += len(wire) + headers
            sent += 1
            next_send += interval
            continue
        drain(min(next_send, end) - now)
    elapsed = time.monotonic() - start
    # Late answers.
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        drain(deadline - time.monotonic())
    print(json.dumps({"sent": sent, "full": full, "slipped": slipped, "other": other,
                      "seconds": round(elapsed, 3), "bytes_out": bytes_out,
                      "bytes_in": bytes_in}))


main()
