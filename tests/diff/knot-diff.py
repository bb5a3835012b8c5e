#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Differential test of the answer engine against Knot DNS.

knotd (Debian's knot, 3.2) and kdns-test-server (the engine behind a UDP
socket) load the same zone files from tests/zones/; the same queries go to
both, and the answers are compared field by field: RCODE, AA and TC, EDNS, and
each section's records with their TTLs, in their order. Any difference fails the test and
prints both answers, except those listed in KNOWN_DIFFERENCES (each also
listed in the README).

    knot-diff.py SERVER_BINARY [ZONEFILE...]

Signed zones (tests/diff/sign-zone) are compared the same way: DO=1 answers
with their RRSIGs and their NSEC or NSEC3 proofs.

Prints TAP: one line per query group, and "N passed, N failed" at the end.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.rdatatype
import dns.zone

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Types asked for every name.
TYPES = ["A", "AAAA", "NS", "SOA", "MX", "TXT", "CNAME", "DNAME", "SRV", "PTR",
         "DS", "HINFO", "CAA", "TYPE65280", "TYPE65534", "ANY",
         "RRSIG", "NSEC", "NSEC3", "DNSKEY", "NSEC3PARAM"]
# EDNS variants: (payload or None, DO)
EDNS = [(None, False), (1232, False), (4096, True), (512, False)]
# Queries the rotation of names, types and EDNS variants need not make:
# (name, type, payload, DO). fatmx2 with DO=1 in 512 bytes: its second
# exchanger's A RRset does not fit, and Knot's answer ends there, without
# the RRSIGs of the first exchanger's addresses. (Not DO=1 in 512 bytes for
# every name: where Knot's answer ends for want of room, kdns's, compressed
# better, can hold one more RRset; README's table of deliberate differences.)
TARGETED = [("fatmx2.example.com.", "MX", 512, True)]


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_udp(port, name, proc):
    q = dns.message.make_query(name, "SOA")
    for _ in range(100):
        if proc.poll() is not None:
            raise SystemExit("server exited: %s" % proc.args)
        try:
            send(q, port, timeout=0.2)
            return
        except Exception:
            time.sleep(0.1)
    raise SystemExit("server on port %d did not answer" % port)


def exchange(wire, port, timeout=2.0):
    """One datagram to the server on localhost, and the one it sends back."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    try:
        s.sendto(wire, ("127.0.0.1", port))
        data, _ = s.recvfrom(65535)
    finally:
        s.close()
    return data


def parse(data):
    return dns.message.from_wire(data, ignore_trailing=False, one_rr_per_rrset=True)


def send(q, port, timeout=2.0):
    return parse(exchange(q.to_wire(), port, timeout))


# The server identity and cookie secret of the options group: Knot
# configured as kdnsctl identity and cookie configure kdns.
SECRET = "e5e973e5a6b2a43f48e7dc849e37bfcf"
IDENTITY = {"nsid": "kdns-diff", "identity": "ns1.example.net", "version": "kdns test"}


def start_knot(tmp, port, zones, options=False):
    conf = os.path.join(tmp, "knot.conf")
    with open(conf, "w") as f:
        f.write("server:\n    rundir: %s\n    listen: 127.0.0.1@%d\n" % (tmp, port))
        if options:
            for k, v in IDENTITY.items():
                f.write("    %s: \"%s\"\n" % (k, v))
            f.write("mod-cookies:\n  - id: default\n    secret: 0x%s\n" % SECRET)
        f.write("database:\n    storage: %s\n" % tmp)
        f.write("log:\n  - target: %s/knot.log\n    any: info\n" % tmp)
        f.write("template:\n  - id: default\n    storage: %s\n" % tmp)
        f.write("    zonefile-sync: -1\n    journal-content: none\n")
        f.write("    semantic-checks: off\n")
        if options:
            f.write("    global-module: mod-cookies/default\n")
        f.write("zone:\n")
        for origin, path in zones:
            f.write("  - domain: %s\n    file: %s\n" % (origin, path))
    return subprocess.Popen(["knotd", "-c", conf], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def mixed_case(name):
    """Every other letter upper-cased: the answer must keep the query's case."""
    out, up = [], False
    for ch in name:
        if ch.isalpha():
            up = not up
            out.append(ch.upper() if up else ch.lower())
        else:
            out.append(ch)
    return "".join(out)


def names_for(zone):
    """Every owner, and around each the names that exercise the rules:
    missing children, wildcard matches, names below cuts and DNAMEs."""
    origin = zone.origin
    names = set()
    for n in zone.nodes.keys():
        full = n.derelativize(origin)
        names.add(full.to_text())
        if full.labels[0] == b"*":
            parent = full.parent()
            names.add(dns.name.Name((b"match",) + parent.labels).to_text())
            names.add(dns.name.Name((b"a", b"b") + parent.labels).to_text())
            # Below the wildcard's own name, its "*" taken literally: no
            # wildcard answers it (RFC 4592 2.2.1's "*.x" as a name).
            names.add(dns.name.Name((b"x",) + full.labels).to_text())
        else:
            names.add(dns.name.Name((b"nx",) + full.labels).to_text())
        if len(full) > len(origin) + 1:
            names.add(full.parent().to_text())      # empty non-terminals
            names.add(dns.name.Name((b"nx",) + full.parent().labels).to_text())
    return sorted(names)


# Records are compared in their order in each section (as dnspython groups
# them: RRsets in the order they first appear, then their records); a
# caller that compares sets (diff-random.py) sets this False.
IN_ORDER = True


def rrs(section):
    out = []
    for rrset in section:
        if rrset.rdtype == dns.rdatatype.OPT:
            continue
        for rd in rrset:
            out.append("%s %d %s %s" % (rrset.name.to_text().lower(), rrset.ttl,
                                        dns.rdatatype.to_text(rrset.rdtype),
                                        rd.to_text().lower()))
    return out if IN_ORDER else sorted(out)


def option_bytes(o):
    return o.to_wire() if hasattr(o, "to_wire") else o.data


def summary(m):
    if m is None:
        return None
    flags = [f for f in ("AA", "TC") if m.flags & dns.flags.from_text(f)]
    edns = None
    if m.edns >= 0:
        # Extended DNS errors aside: Knot's for names in no zone are its
        # own, and kdns passes those queries on.
        edns = (m.edns, m.payload, bool(m.ednsflags & dns.flags.DO),
                tuple((o.otype, option_bytes(o).hex()) for o in m.options if o.otype != 15))
    return {
        "rcode": dns.rcode.to_text(m.rcode()),
        "flags": flags,
        "edns": edns,
        "question": [q.to_text() for q in m.question],
        "answer": rrs(m.answer),
        "authority": rrs(m.authority),
        "additional": rrs(m.additional),
    }


def send_raw(wire, port, timeout=2.0):
    return parse(exchange(wire, port, timeout))


def ask(q, port):
    try:
        if isinstance(q, bytes):
            return summary(send_raw(q, port))
        return summary(send(q, port))
    except Exception as e:  # a timeout or unparseable answer is a difference
        return {"error": repr(e)}


def malformed():
    """Malformed queries inside a zone (RFC 9267's classes and others), as
    (description, wire): the engine must answer them as Knot does."""
    base = dns.message.make_query("www.example.com.", "A", use_edns=True, payload=1232)
    b = bytearray(base.to_wire())
    plain = bytearray(dns.message.make_query("www.example.com.", "A").to_wire())
    out = []
    two_opt = bytearray(b + b[-11:])
    two_opt[11] = 2
    out.append(("two OPT records", bytes(two_opt)))
    out.append(("trailing garbage", bytes(plain + b"\xff\xff")))
    out.append(("trailing garbage after OPT", bytes(b + b"\xff")))
    out.append(("truncated question", bytes(plain[:-2])))
    out.append(("truncated OPT", bytes(b[:-3])))
    resp = bytearray(plain)
    resp[2] |= 0x80
    out.append(("a response (QR=1)", bytes(resp)))
    beyond = bytearray(plain)
    beyond[11] = 3
    out.append(("ARCOUNT beyond the packet", bytes(beyond)))
    ancount = bytearray(plain)
    ancount[7] = 1
    out.append(("ANCOUNT beyond the packet", bytes(ancount)))
    two_q = bytearray(plain)
    two_q[5] = 2
    out.append(("QDCOUNT 2, one question", bytes(two_q)))
    two_q2 = bytearray(plain + plain[12:])
    two_q2[5] = 2
    out.append(("two questions", bytes(two_q2)))
    badvers = bytearray(b)
    badvers[-6] = 1
    out.append(("EDNS version 1", bytes(badvers)))
    badopt = bytearray(b[:-2] + b"\x00\x04\x00\x0a\x00\x08")
    out.append(("EDNS option longer than its RDATA", bytes(badopt)))
    opt_loop = bytearray(plain[:10] + b"\x00\x01" + plain[12:])
    opt_loop += b"\xc0" + bytes([len(opt_loop)]) + b"\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00"
    out.append(("OPT owner: pointer to itself", bytes(opt_loop)))
    return out


def cookie_query(data):
    return dns.message.make_query("www.example.com.", "A", use_edns=0, payload=1232,
                                  options=[dns.edns.GenericOption(10, data)])


def answer_cookie(m):
    """The COOKIE option of a summary's answer, in hex, or None."""
    for code, data in (m.get("edns") or (0, 0, 0, ()))[3]:
        if code == 10:
            return data
    return None


def options_group(server, zones, tmp, base):
    """NSID, CHAOS and DNS cookies, Knot and the engine configured alike: the
    same answers; for a client cookie alone (Knot: BADCOOKIE, kdns: an
    answer, as RFC 7873 5.2.3 lets each), each accepts the other's cookie.
    Returns (passed, failed)."""
    example = [(o, p) for o, p, _ in zones if o == "example.com."]
    kport, eport = free_port(), free_port()
    ktmp = os.path.join(tmp, "options")
    os.makedirs(ktmp)
    knot = start_knot(ktmp, kport, example, options=True)
    env = dict(os.environ, KDNS_TEST_COOKIE_SECRET=SECRET, KDNS_TEST_NSID=IDENTITY["nsid"],
               KDNS_TEST_ID=IDENTITY["identity"], KDNS_TEST_VERSION=IDENTITY["version"])
    engine = subprocess.Popen([server, str(eport)] + [p for _, p in example],
                              stdout=subprocess.DEVNULL, env=env)
    passed = failed = 0

    def result(ok, desc, a=None, b=None):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print("%s %d - options: %s" % ("ok" if ok else "not ok", base + passed + failed, desc))
        if not ok and a is not None:
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    print("#   %-10s knot: %s" % (key, a.get(key)))
                    print("#   %-10s kdns: %s" % ("", b.get(key)))

    try:
        wait_udp(kport, "example.com.", knot)
        wait_udp(eport, "example.com.", engine)
        queries = [("NSID", dns.message.make_query(
            "www.example.com.", "A", use_edns=0, payload=1232,
            options=[dns.edns.GenericOption(3, b"")]))]
        for name in ["id.server.", "hostname.bind.", "version.bind.", "version.server.",
                     "x.bind."]:
            queries.append(("CH TXT " + name, dns.message.make_query(name, "TXT",
                                                                     rdclass="CH")))
        queries.append(("CH A id.server.", dns.message.make_query("id.server.", "A",
                                                                  rdclass="CH")))
        queries.append(("COOKIE of 9 bytes", cookie_query(b"123456789")))
        for desc, q in queries:
            a, b = ask(q, kport), ask(q, eport)
            result(a == b, desc, a, b)
        # A client cookie alone: each side's server cookie is good at the other.
        cc = bytes.fromhex("0102030405060708")
        k, e = ask(cookie_query(cc), kport), ask(cookie_query(cc), eport)
        ok = k.get("rcode") == "BADCOOKIE" and e.get("rcode") == "NOERROR"
        kc, ec = answer_cookie(k), answer_cookie(e)
        result(ok and kc and ec and len(kc) == len(ec) == 48,
               "a client cookie alone: Knot BADCOOKIE, kdns NOERROR, both a cookie", k, e)
        if kc and ec:
            b = ask(cookie_query(bytes.fromhex(kc)), eport)
            result(b.get("rcode") == "NOERROR" and answer_cookie(b) == kc,
                   "Knot's server cookie is good at kdns (echoed)")
            a = ask(cookie_query(bytes.fromhex(ec)), kport)
            result(a.get("rcode") == "NOERROR" and answer_cookie(a) == ec,
                   "kdns's server cookie is good at Knot (echoed)")
            a, b = ask(cookie_query(bytes.fromhex(ec)), kport), \
                ask(cookie_query(bytes.fromhex(ec)), eport)
            result(a == b, "a good cookie: the same answers", a, b)
    finally:
        knot.terminate()
        engine.terminate()
        knot.wait()
        engine.wait()
    return passed, failed


def main():
    args = sys.argv[1:]
    server = args[0]
    files = args[1:] or [os.path.join(TOP, "tests/zones", f)
                             for f in sorted(os.listdir(os.path.join(TOP, "tests/zones")))
                             if f.endswith(".zone")]
    zones = []
    for path in files:
        z = dns.zone.from_file(path, origin=None, relativize=True)
        zones.append((z.origin.to_text(), os.path.abspath(path), z))
    if not shutil.which("knotd"):
        raise SystemExit("knotd is not installed (scripts/deps installs knot)")

    tmp = tempfile.mkdtemp(prefix="kdns-diff.")
    kport, eport = free_port(), free_port()
    knot = start_knot(tmp, kport, [(o, p) for o, p, _ in zones])
    engine = subprocess.Popen([server, str(eport)] + [p for _, p, _ in zones],
                              stdout=subprocess.DEVNULL)
    passed = failed = 0
    try:
        wait_udp(kport, zones[0][0], knot)
        wait_udp(eport, zones[0][0], engine)
        names = []
        for _, _, z in zones:
            names += names_for(z)
        names.append("www.example.org.")   # in no zone: both refuse
        for desc, wire in malformed():
            a, b = ask(wire, kport), ask(wire, eport)
            ok = a == b
            passed += ok
            failed += not ok
            print("%s %d - malformed: %s" % ("ok" if ok else "not ok", passed + failed, desc))
            if not ok:
                for key in sorted(set(a) | set(b)):
                    if a.get(key) != b.get(key):
                        print("#   %-10s knot: %s" % (key, a.get(key)))
                        print("#   %-10s kdns: %s" % ("", b.get(key)))
        queries = []
        n = 0
        for name in names:
            for i, qtype in enumerate(TYPES):
                payload, do = EDNS[(i + n) % len(EDNS)]
                qname = mixed_case(name) if (i + n) % 3 == 0 else name
                queries.append((qname, qtype, payload, do, i % 2 == 0))
                n += 1
        queries += [(name, qtype, payload, do, True)
                    for name, qtype, payload, do in TARGETED if name in names]
        for qname, qtype, payload, do, rd in queries:
            q = dns.message.make_query(qname, qtype, use_edns=payload is not None,
                                       payload=payload or 512, want_dnssec=do)
            if not rd:
                q.flags &= ~dns.flags.RD
            a, b = ask(q, kport), ask(q, eport)
            desc = "%s %s edns=%s do=%s" % (qname, qtype, payload, do)
            if a == b:
                passed += 1
                print("ok %d - %s" % (passed + failed, desc))
                continue
            failed += 1
            print("not ok %d - %s" % (passed + failed, desc))
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    print("#   %-10s knot: %s" % (key, a.get(key)))
                    print("#   %-10s kdns: %s" % ("", b.get(key)))
        if any(o == "example.com." for o, _, _ in zones):
            p, f = options_group(server, zones, tmp, passed + failed)
            passed += p
            failed += f
    finally:
        knot.terminate()
        engine.terminate()
        knot.wait()
        engine.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % (passed + failed))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
