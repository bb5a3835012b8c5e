#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Random-zone differential test of the answer engine against Knot DNS.

Where knot-diff.py asks about our own zones, this generates zone sets from a
seed: a parent zone with a child zone loaded beside it (delegated from it)
and a sibling zone, holding wildcards at several depths, CNAME and DNAME
chains and loops, delegations with in- and out-of-bailiwick glue (and ten
servers' worth of glue), empty non-terminals, occluded names, large RRsets,
mixed-case owners, TTLs that differ within an RRset and unknown types. From
each set it draws queries (owners, their neighbours and children, names
through wildcards and DNAMEs and below cuts, mixed case; the common types,
DS, ANY and an unknown one; without EDNS and with 512 and 4096 bytes) and
sends each to knotd and to the engine (kdns-test-server). The answers are
compared as knot-diff.py compares them: RCODE, AA and TC, EDNS, every section
with TTLs. A set that one server loads and the other refuses is a difference
too.

    diff-random.py SERVER_BINARY [--seed N] [--sets N] [--queries N]
                   [--keep DIR] [--examples N]

Differences are grouped by class (what differs, and whether an answer was
truncated); each
class prints its count and its first examples with the seed, the set, the
query and both answers. --keep DIR writes every set's zone files to DIR, so
that a failing set can become a fixed test case in tests/zones. Ends with
"N passed, N failed" (one test per query, one per set for the loading);
exit status 1 if anything differs.
"""
import argparse
import collections
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import dns.flags
import dns.message
import dns.rcode

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("knotdiff", os.path.join(HERE, "knot-diff.py"))
kd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kd)

PARENT, CHILD, SIBLING = "zone.test.", "kid.zone.test.", "other.test."
LABELS = ["a", "b", "c", "www", "mail", "x", "deep", "sub", "*"]
TYPES = ["A", "AAAA", "NS", "SOA", "MX", "TXT", "CNAME", "DNAME", "SRV", "DS", "ANY",
         "TYPE65280", "HINFO", "PTR"]
EDNS = [(None, False), (512, False), (4096, False), (4096, True), (1232, False)]
TTLS = [60, 300, 3600]


def mixed(name, rnd):
    return "".join(ch.upper() if ch.isalpha() and rnd.random() < 0.5 else ch for ch in name)


class Zone:
    """One zone's records as (owner, ttl, type, rdata) lines, owners absolute."""

    def __init__(self, apex):
        self.apex = apex
        self.rrs = []
        self.kinds = {}     # owner (lower case) -> "data", "cname", "dname", "cut"

    def add(self, owner, ttl, rtype, rdata):
        line = (owner, ttl, rtype, rdata)
        # One record once: the same owner, type and RDATA (any TTL) is a duplicate.
        if all((o.lower(), t, r) != (owner.lower(), rtype, rdata) for o, _, t, r in self.rrs):
            self.rrs.append(line)

    def text(self):
        out = ["$ORIGIN %s" % self.apex, "$TTL 300"]
        out += ["%s %d IN %s %s" % rr for rr in self.rrs]
        return "\n".join(out) + "\n"


class Generator:
    """A zone set from a seed: parent, its delegated child, a sibling."""

    def __init__(self, rnd):
        self.r = rnd

    def name_under(self, apex, depth):
        labels = [self.r.choice(LABELS) for _ in range(depth)]
        # A wildcard only as the leftmost label.
        labels = [lb for i, lb in enumerate(labels) if lb != "*" or i == 0] or ["a"]
        return ".".join(labels) + "." + apex

    def target(self, z, names):
        """A name for a CNAME, DNAME, MX or NS target: in this zone (existing
        or not), in another zone of the set, or outside them all."""
        pick = self.r.random()
        if pick < 0.45 and names:
            return self.r.choice(names)
        if pick < 0.6:
            return "nx%d.%s" % (self.r.randrange(3), z.apex)
        if pick < 0.75:
            return self.r.choice(["www.", "a.", "x."]) + self.r.choice([SIBLING, CHILD, PARENT])
        if pick < 0.85:
            return "m.%s" % self.r.choice(names) if names else "m." + z.apex
        return "elsewhere.example."

    def ttl(self):
        return self.r.choice(TTLS)

    def data(self, z, owner, names):
        for _ in range(self.r.randint(1, 3)):
            ttl = self.ttl()
            vary = self.r.random() < 0.1      # TTLs that differ within the RRset
            kind = self.r.choice(["A", "A", "AAAA", "TXT", "MX", "SRV", "TYPE65280", "HINFO",
                                  "bigA"])
            n = self.r.randint(1, 4)
            for i in range(n if kind != "bigA" else self.r.randint(20, 60)):
                t = self.r.choice(TTLS) if vary else ttl
                if kind in ("A", "bigA"):
                    z.add(owner, t, "A", "192.0.2.%d" % self.r.randrange(256))
                elif kind == "AAAA":
                    z.add(owner, t, "AAAA", "2001:db8::%x" % self.r.randrange(65536))
                elif kind == "TXT":
                    z.add(owner, t, "TXT", '"%s"' % ("t%d" % i * self.r.choice([1, 20, 60])))
                elif kind == "MX":
                    z.add(owner, t, "MX", "%d %s" % (10 * i, self.target(z, names)))
                elif kind == "SRV":
                    z.add(owner, t, "SRV", "0 %d 53 %s" % (i, self.target(z, names)))
                elif kind == "TYPE65280":
                    z.add(owner, t, "TYPE65280", "\\# 4 0a0b0c%02x" % i)
                else:
                    z.add(owner, t, "HINFO", '"cpu%d" "os"' % i)

    def delegation(self, z, owner, names):
        many = self.r.random() < 0.15       # ten servers, each with A and AAAA glue
        for i in range(10 if many else self.r.randint(1, 3)):
            if many or self.r.random() < 0.6:
                ns = "ns%d.%s" % (i, owner)
                z.add(owner, 3600, "NS", ns)
                z.add(ns, 3600, "A", "192.0.2.%d" % (100 + i))
                if many or self.r.random() < 0.5:
                    z.add(ns, 3600, "AAAA", "2001:db8::%d" % (100 + i))
            else:
                z.add(owner, 3600, "NS", self.target(z, names))
        if self.r.random() < 0.3:           # occluded: not glue, below the cut
            z.add("hidden." + owner, 300, "A", "192.0.2.250")
        if self.r.random() < 0.2:
            z.add(owner, 300, "DS", "12345 8 2 " + "ab" * 32)

    def zone(self, apex, nodes):
        z = Zone(apex)
        z.add(apex, 3600, "SOA", "ns1.%s hostmaster.%s 1 7200 3600 1209600 %d" %
              (apex, apex, self.r.choice([60, 300])))
        z.add(apex, 3600, "NS", "ns1." + apex)
        z.add(apex, 3600, "NS", "ns2." + SIBLING)
        z.add("ns1." + apex, 3600, "A", "192.0.2.1")
        z.add("ns1." + apex, 3600, "AAAA", "2001:db8::1")
        names = []
        for _ in range(nodes):
            owner = self.name_under(apex, self.r.randint(1, 3))
            low = owner.lower()
            if low in z.kinds or any(low.endswith("." + k) and v in ("cut", "dname")
                                     for k, v in z.kinds.items()):
                continue            # one role per node; nothing below cuts and DNAMEs
            role = self.r.choices(["data", "cname", "dname", "cut"], [6, 2, 1, 1.5])[0]
            if owner.startswith("*.") and role == "cut" and self.r.random() < 0.7:
                role = "data"
            if role in ("cut", "dname") and any(k.endswith("." + low) for k in z.kinds):
                role = "data"       # names already below it would be occluded
            if role == "data":
                self.data(z, mixed(owner, self.r) if self.r.random() < 0.3 else owner, names)
            elif role == "cname":
                tgt = owner if self.r.random() < 0.1 else self.target(z, names)
                z.add(owner, self.ttl(), "CNAME", tgt)
            elif role == "dname":
                pick = self.r.random()
                tgt = (("q." + owner) if pick < 0.1 else
                       self.r.choice([SIBLING, CHILD, "elsewhere.example."]) if pick < 0.6 else
                       self.target(z, names))
                z.add(owner, self.ttl(), "DNAME", tgt)
                if self.r.random() < 0.3:
                    self.data(z, owner, names)
            else:
                self.delegation(z, owner, names)
            z.kinds[low] = role
            names.append(owner)
        return z, names

    def zone_set(self):
        parent, pnames = self.zone(PARENT, self.r.randint(8, 30))
        # The child's cut in the parent: NS (and glue) as a parent has them.
        if CHILD not in parent.kinds:
            parent.add(CHILD, 3600, "NS", "ns1." + CHILD)
            parent.add("ns1." + CHILD, 3600, "A", "192.0.2.1")
        child, cnames = self.zone(CHILD, self.r.randint(3, 12))
        sibling, snames = self.zone(SIBLING, self.r.randint(3, 12))
        # Rarely, data below a DNAME (RFC 6672 2.4: must not exist).
        if self.r.random() < 0.05:
            dn = [o for o, k in parent.kinds.items() if k == "dname"]
            if dn:
                parent.add("below." + dn[0], 300, "A", "192.0.2.99")
        return [parent, child, sibling], pnames + cnames + snames

    def queries(self, zones, names, count):
        """(qname, qtype, payload, do, rd) drawn from the names around the set."""
        around = set()
        for z in zones:
            around.add(z.apex)
            for o, _, t, _ in z.rrs:
                o = o.lower()
                around.add(o)
                if o.startswith("*."):
                    around.add("m." + o[2:])
                    around.add("a.b." + o[2:])
                    around.add("*." + o[2:])
                else:
                    around.add("nx." + o)
                if t in ("DNAME", "NS") and o != z.apex:
                    around.add("q." + o)
                    around.add("a.b." + o)
                parts = o.split(".", 1)
                if len(parts) == 2 and parts[1]:
                    around.add(parts[1])
        around.add("x.nozone.test.")
        around = sorted(around)
        out = []
        for _ in range(count):
            name = self.r.choice(around)
            if self.r.random() < 0.3:
                name = mixed(name, self.r)
            payload, do = self.r.choice(EDNS)
            out.append((name, self.r.choice(TYPES), payload, do, self.r.random() < 0.5))
        return out


def loaded(port, apex):
    """Does the server answer authoritatively for the apex's SOA?"""
    q = dns.message.make_query(apex, "SOA")
    try:
        m = kd.send(q, port, timeout=1.0)
    except Exception:
        return False
    return m.rcode() == dns.rcode.NOERROR and bool(m.flags & dns.flags.AA)


def start(server, tmp, files):
    kport, eport = kd.free_port(), kd.free_port()
    knot = kd.start_knot(tmp, kport, [(z.apex, p) for z, p in files])
    engine = subprocess.Popen([server, str(eport)] + [p for _, p in files],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return knot, kport, engine, eport


def wait_ready(port, proc, apex):
    for _ in range(100):
        if proc.poll() is not None:
            return False
        if loaded(port, apex):
            return True
        time.sleep(0.05)
    return False


def differs(a, b):
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def main():
    ap = argparse.ArgumentParser(description="Random-zone differential test against Knot DNS.")
    ap.add_argument("server")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--sets", type=int, default=20)
    ap.add_argument("--queries", type=int, default=200, help="queries per zone set")
    ap.add_argument("--keep", help="write every set's zone files here")
    ap.add_argument("--examples", type=int, default=2, help="examples printed per class")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2 ** 32)
    print("# diff-random: seed %d, %d sets of %d queries" % (seed, args.sets, args.queries))
    if not shutil.which("knotd"):
        raise SystemExit("knotd is not installed (scripts/deps installs knot)")

    classes = collections.OrderedDict()
    passed = failed = 0
    for s in range(args.sets):
        rnd = random.Random("%d/%d" % (seed, s))
        gen = Generator(rnd)
        zones, names = gen.zone_set()
        tmp = tempfile.mkdtemp(prefix="kdns-diff-random.")
        files = []
        for i, z in enumerate(zones):
            path = os.path.join(tmp, "%d-%s.zone" % (i, z.apex.rstrip(".")))
            with open(path, "w") as f:
                f.write(z.text())
            files.append((z, path))
        if args.keep:
            d = os.path.join(args.keep, "seed%d-set%d" % (seed, s))
            os.makedirs(d, exist_ok=True)
            for _, p in files:
                shutil.copy(p, d)
        knot, kport, engine, eport = start(args.server, tmp, files)
        try:
            time.sleep(0.2)
            e_ok = wait_ready(eport, engine, PARENT)
            k_ok = wait_ready(kport, knot, PARENT) and all(loaded(kport, z.apex) for z in zones)
            where = "seed %d set %d" % (seed, s)
            if e_ok != k_ok:
                failed += 1
                why = engine.stderr.read().strip() if not e_ok and engine.poll() is not None else ""
                key = "load: knot %s, kdns %s" % ("loads" if k_ok else "refuses",
                                                 "loads" if e_ok else "refuses")
                classes.setdefault(key, []).append((where, why, None, None))
                print("not ok %d - %s: %s" % (passed + failed, where, key))
                continue
            passed += 1
            print("ok %d - %s: zones %s by both" % (passed + failed, where,
                                                    "loaded" if e_ok else "refused"))
            if not e_ok:
                continue
            for qname, qtype, payload, do, rd in gen.queries(zones, names, args.queries):
                q = dns.message.make_query(qname, qtype, use_edns=payload is not None,
                                           payload=payload or 512, want_dnssec=do)
                if not rd:
                    q.flags &= ~dns.flags.RD
                a, b = kd.ask(q, kport), kd.ask(q, eport)
                if a == b:
                    passed += 1
                    continue
                failed += 1
                d = differs(a, b)
                # By what differs, and whether either answer was truncated.
                tc = "TC" in (a.get("flags") or []) + (b.get("flags") or [])
                key = "%s%s" % (",".join(d), " (truncated)" if tc else "")
                desc = "%s %s edns=%s do=%s" % (qname, qtype, payload, do)
                classes.setdefault(key, []).append((where, desc, a, b))
        finally:
            for p in (knot, engine):
                p.terminate()
                p.wait()
            shutil.rmtree(tmp, ignore_errors=True)

    for key, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print("# class %s: %d" % (key, len(items)))
        for where, desc, a, b in items[:args.examples]:
            print("#   %s: %s" % (where, desc))
            if a is None:
                continue
            for k in differs(a, b):
                print("#     %-10s knot: %s" % (k, a.get(k)))
                print("#     %-10s kdns: %s" % ("", b.get(k)))
    print("1..%d" % (passed + failed))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
