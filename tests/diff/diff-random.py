#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Random-zone differential test of the answer engine against Knot DNS.

Where knot-diff.py asks about our own zones, this generates zone sets from a
seed: a parent zone with a child zone loaded beside it (delegated from it)
and a sibling zone, holding wildcards at several depths, CNAME and DNAME
chains and loops, delegations with in- and out-of-bailiwick glue (and ten
servers' worth of glue), empty non-terminals, occluded names, large RRsets,
mixed-case owners, TTLs that differ within an RRset and unknown types; three
sets in four are signed (NSEC, NSEC3, NSEC3 with opt-out). From each set it draws queries (owners, their neighbours and children, names
through wildcards and DNAMEs and below cuts, mixed case; the common types,
DS, ANY and an unknown one; without EDNS and with 512 and 4096 bytes) and
sends each to knotd and to the engine (kdns-test-server). The answers are
compared as knot-diff.py compares them: RCODE, AA and TC, EDNS, every section
with TTLs. A set that one server loads and the other refuses is a difference
too.

    diff-random.py SERVER_BINARY [--seed N] [--sets N] [--queries N]
                   [--keep DIR] [--only SET] [--examples N] [--all]

The README's deliberate differences from Knot are recognised (each by a test
of the two answers that admits nothing else) and counted apart; --all counts
them as differences. Other differences are grouped by class (what differs,
and whether an answer was truncated); each class prints its count and its
first examples with the seed, the set, the query and both answers. --keep
DIR writes every set's zone files to DIR, so that a failing set can become a
fixed test case in tests/zones; --only SET runs that set of the seed alone.
Ends with "N passed, N failed": one test per zone set, passed when both
servers load it or both refuse it and every answer is the same (or a
deliberate difference); a line before it counts the queries. Exit status 1
if anything differs.
"""
import argparse
import base64
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
import dns.query
import dns.rcode

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("knotdiff", os.path.join(HERE, "knot-diff.py"))
kd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kd)
# The deliberate differences' recognisers compare sections as sets.
kd.IN_ORDER = False

PARENT, CHILD, SIBLING = "zone.test.", "kid.zone.test.", "other.test."
LABELS = ["a", "b", "c", "www", "mail", "x", "deep", "sub", "*"]
TYPES = ["A", "AAAA", "NS", "SOA", "MX", "TXT", "CNAME", "DNAME", "SRV", "DS", "ANY",
         "TYPE65280", "HINFO", "PTR"]
EDNS = [(None, False), (512, False), (4096, False), (4096, True), (1232, False), (1232, True)]
# How each set's zones are signed, by set number: not at all, NSEC, NSEC3
# (RFC 9276's: no salt, no iterations), NSEC3 with salt, iterations, opt-out.
SIGNING = [None, "nsec", "nsec3", "nsec3-optout"]
TTLS = [60, 300, 3600]
LONG = "l" * 60         # a 60-byte label: names near the 255-byte limit


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
        if self.r.random() < 0.1:       # an SOA that a long question leaves no room for
            mname, rname = ("ns1.%s.%s.%s.example." % (LONG, LONG, LONG),
                            "h.%s.%s.%s.example2." % (LONG, LONG, LONG))
        else:
            mname, rname = "ns1." + apex, "hostmaster." + apex
        z.add(apex, 3600, "SOA", "%s %s 1 7200 3600 1209600 %d" %
              (mname, rname, self.r.choice([60, 300])))
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
                       "%s.%s.%s" % (LONG, LONG, z.apex) if pick < 0.2 else   # YXDOMAIN
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
            if self.r.random() < 0.1:       # long: up to 255 bytes, below anything
                for _ in range(self.r.randint(1, 3)):
                    if len(name) + len(LONG) + 2 <= 254:
                        name = LONG + "." + name
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


def ask_sized(q, port):
    """The answer as knot-diff.py summarises it, and its size on the wire."""
    try:
        data = kd.exchange(q.to_wire(), port)
        return kd.summary(kd.parse(data)), len(data)
    except Exception as e:  # a timeout or unparseable answer is a difference
        return {"error": repr(e)}, 0


def ask_tcp(q, port):
    """The answer over TCP, where its size is no matter, as knot-diff.py
    summarises it."""
    try:
        return kd.summary(dns.query.tcp(q, "127.0.0.1", port=port, timeout=5))
    except Exception as e:  # noqa: BLE001 (any failure: no answer)
        return {"error": repr(e)}


def rrsets(lines):
    """Summary lines ("owner ttl type rdata") grouped by owner and type."""
    out = collections.defaultdict(list)
    for line in lines:
        owner, _, rtype, _ = line.split(" ", 3)
        out[(owner, rtype)].append(line)
    return out


def wildcard_owners(a, b):
    """README: a DNAME owned by *.x, met through a literal * label (a.*.x,
    in the question or a CNAME's target): Knot gives it the name it met it
    with as owner, kdns its own owner. Knot's answer a with each such DNAME
    (and, DO=1, its RRSIG) put back under the owner kdns's answer b gives
    it, once; Knot also takes such a DNAME for a wildcard's answer, proving
    the name it met it with does not exist, and then proves the rest of the
    chain otherwise: the NSEC and NSEC3 records (and their RRSIGs) of a's
    authority section are taken as b's."""
    if "answer" not in a or "answer" not in b:
        return a

    def kind(line):
        f = line.split(" ")
        return f[2] if f[2] != "RRSIG" else "RRSIG " + f[3].upper()

    ours = [line for line in b["answer"] if kind(line) in ("DNAME", "RRSIG DNAME")]
    fixed, moved = [], False
    for line in a["answer"]:
        owner, rest = line.split(" ", 1)
        if kind(line) in ("DNAME", "RRSIG DNAME"):
            for o in ours:
                wild, tail = o.split(" ", 1)
                if tail == rest and wild.startswith("*.") and owner.endswith("." + wild):
                    line, moved = o, True
        fixed.append(line)
    # Knot writes the DNAME under each name it meets it with; kdns once.
    out = dict(a, answer=sorted(set(fixed)))
    if moved and "authority" in a and "authority" in b:
        proof = ("NSEC", "NSEC3", "RRSIG NSEC", "RRSIG NSEC3")
        out["authority"] = sorted([line for line in a["authority"] if kind(line) not in proof] +
                                  [line for line in b["authority"] if kind(line) in proof])
    return out


def literal_wildcard_dname_error(a, b):
    """README: the same DNAME with DO=1 in an NSEC3 zone: Knot proves the
    name a wildcard answered, and the next closer name, *.x, exists: its
    answer is an error, empty. kdns answers through the DNAME at *.x, met
    through the literal * label (the question's name or a CNAME's owner
    below it)."""
    # Knot's error keeps an NXDOMAIN, and the YXDOMAIN of a name the DNAME
    # makes too long, else it is SERVFAIL; AA is not set.
    if not (a.get("rcode") in ("SERVFAIL", "NXDOMAIN") or
            a.get("rcode") == "YXDOMAIN" == b.get("rcode")):
        return False
    if a.get("answer") or a.get("authority") or "AA" in (a.get("flags") or []):
        return False
    wild = [line.split(" ")[0] for line in b.get("answer") or []
            if line.split(" ")[2] == "DNAME" and line.startswith("*.")]
    below = [line.split(" ")[0] for line in b["answer"] if line.split(" ")[2] == "CNAME"]
    below += [q.split(" ")[0].lower() for q in b.get("question") or []]
    return any(n.endswith("." + w) for w in wild for n in below)


def size_limit(payload):
    """The size an answer may take: 512 bytes without EDNS, else the
    query's payload, no less than 512, no more than both servers' 1232."""
    return 512 if payload is None else min(max(payload, 512), 1232)


def compression(payload, a, asize, b, bsize):
    """README: kdns points a name at any earlier copy of its suffix, Knot at
    the last name written only; at the size limit kdns's answer can hold
    records that Knot's has no room for (additional data; an RRset more of
    a truncated answer or of its authority). Each side left out only RRsets
    that did not fit at its own size, counting each record at its least (12
    bytes, the owner a pointer, and its RDATA: 4 for A, 16 for AAAA, an
    RRSIG's as it is, at least 1 for others), or both are truncated and
    kdns's holds all of Knot's; RCODE and EDNS are the same, the flags differ
    in TC alone."""
    sections = ("answer", "authority", "additional")
    if not set(differs(a, b)) <= set(sections) | {"flags"}:
        return False
    if [f for f in a["flags"] if f != "TC"] != [f for f in b["flags"] if f != "TC"]:
        return False
    limit = size_limit(payload)

    def rdata_least(line):
        f = line.split(" ")
        if f[2] == "RRSIG":
            # The fixed fields, the signer (uncompressed), the signature.
            return 18 + len(f[10]) + 1 + len(base64.b64decode("".join(f[11:])))
        return {"A": 4, "AAAA": 16}.get(f[2], 1)

    def least(rrset):
        return sum(12 + rdata_least(line) for line in rrset)

    only_a, only_b = [], []
    for sec in sections:
        ka, kb = rrsets(a[sec]), rrsets(b[sec])
        only_b += [r for k, r in kb.items() if ka.get(k) != r]
        only_a += [r for k, r in ka.items() if kb.get(k) != r]
    if bsize > limit:
        return False
    # Both truncated, and kdns's answer is Knot's and more: it had room for
    # more (the size of a record as Knot writes it is not known here).
    if "TC" in a["flags"] and "TC" in b["flags"] and not only_a:
        return True
    return (all(asize + least(r) > limit for r in only_b) and
            all(bsize + least(r) > limit for r in only_a))


def room(payload, a, b, bsize, knot_tcp):
    """README (compression), where record sizes at their least cannot tell:
    Knot's answer is truncated, kdns's, within the same limit, is not, and
    Knot's answer over TCP, where room is no matter, is kdns's: Knot left
    out only what its own compression had no room for. knot_tcp() asks it."""
    sections = ("answer", "authority", "additional")
    limit = size_limit(payload)
    if "TC" not in a["flags"] or "TC" in b["flags"] or bsize > limit:
        return False
    if not set(differs(a, b)) <= set(sections) | {"flags"}:
        return False
    if [f for f in a["flags"] if f != "TC"] != b["flags"]:
        return False
    full = knot_tcp()
    if "error" in full or full["rcode"] != b["rcode"] or full["flags"] != b["flags"]:
        return False
    return all(set(full[sec]) == set(b[sec]) and set(a[sec]) <= set(full[sec])
               for sec in sections)


def yxdomain(a, b):
    """README: YXDOMAIN from a DNAME (RFC 6672 2.2) is the DNAME alone; Knot
    adds the bare target's records, or NXDOMAIN and the SOA (its RCODE then
    that of the bare target; with DO=1 their proofs too, and TC=1 where
    they do not fit)."""
    return (b.get("rcode") == "YXDOMAIN" and a.get("rcode") in ("YXDOMAIN", "NXDOMAIN", "NOERROR")
            and any(line.split(" ")[2] == "DNAME" for line in b["answer"]) and
            [f for f in a["flags"] if f != "TC"] == b["flags"] and a["edns"] == b["edns"] and
            set(b["answer"]) <= set(a["answer"]) and not b["authority"] and
            set(b["additional"]) <= set(a["additional"]))


def soa_no_room(qtype, a, b):
    """README: a negative answer without room for its SOA is truncated
    (RFC 2308 3); Knot leaves the SOA out and TC=0. Nothing else differs."""
    if differs(a, b) != ["flags"] or sorted(a["flags"] + ["TC"]) != sorted(b["flags"]):
        return False
    if a["rcode"] not in ("NXDOMAIN", "NOERROR") or a["authority"]:
        return False
    return all(line.split(" ")[2] != qtype for line in a["answer"])


def soa_no_room_proofs(a, b, knot_tcp):
    """README's negative answer without room for its SOA, DO=1: kdns, its
    names compressed better (README), had room for the SOA but not for all
    the proofs after it: TC=1 with what fitted; Knot had no room for its
    SOA and left the authority section out, TC=0. The answer sections are
    the same, and Knot's answer over TCP holds all kdns's authority."""
    if a.get("rcode") not in ("NXDOMAIN", "NOERROR") or a["rcode"] != b.get("rcode"):
        return False
    if "TC" in a["flags"] or sorted(a["flags"] + ["TC"]) != sorted(b["flags"]):
        return False
    if a["authority"] or not any(line.split(" ")[2] == "SOA" for line in b["authority"]):
        return False
    if set(a["answer"]) != set(b["answer"]) or a["additional"] != b["additional"]:
        return False
    if a["edns"] != b["edns"]:
        return False
    full = knot_tcp()
    return ("error" not in full and set(full["answer"]) == set(a["answer"]) and
            set(b["authority"]) <= set(full["authority"]))


def deliberate(qtype, payload, a, asize, b, bsize, knot_tcp):
    """Which documented deliberate difference explains the two answers;
    knot_tcp() asks Knot the query again over TCP."""
    if "error" in a or "error" in b:
        return None
    # Knot's answer with a wildcard's DNAME under the owner kdns gives it.
    a2 = wildcard_owners(a, b)
    if a2 == b and len(set(b["answer"])) == len(b["answer"]):
        return "a DNAME owned by a wildcard, reached through a literal * label"
    if literal_wildcard_dname_error(a, b):
        return "a DNAME owned by a wildcard, reached through a literal * label"
    if yxdomain(a, b) or yxdomain(a2, b):
        return "YXDOMAIN from a DNAME: the DNAME alone"
    if soa_no_room(qtype, a, b) or soa_no_room_proofs(a, b, knot_tcp):
        return "a negative answer without room for its SOA: TC=1"
    if compression(payload, a2, asize, b, bsize) or room(payload, a2, b, bsize, knot_tcp):
        return "name compression: more records fit"
    return None


def sign(files, mode):
    """Sign each zone file in place (tests/diff/sign-zone: keys made for the
    run). A zone the signer refuses stays unsigned: both servers then get the
    same unsigned file."""
    for z, path in files:
        out = path + ".signed"
        r = subprocess.run([os.path.join(HERE, "sign-zone"), path, z.apex, out, mode],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode == 0:
            os.replace(out, path)
        else:
            print("# %s: ldns-signzone refused it (%s), left unsigned"
                  % (z.apex, r.stderr.strip().splitlines()[-1:]))


def main():
    ap = argparse.ArgumentParser(description="Random-zone differential test against Knot DNS.")
    ap.add_argument("server")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--sets", type=int, default=20)
    ap.add_argument("--queries", type=int, default=200, help="queries per zone set")
    ap.add_argument("--keep", help="write every set's zone files here")
    ap.add_argument("--only", type=int, help="run this one set of the seed (as printed)")
    ap.add_argument("--examples", type=int, default=2, help="examples printed per class")
    ap.add_argument("--all", action="store_true",
                    help="count the README's deliberate differences as differences too")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2 ** 32)
    print("# diff-random: seed %d, %d sets of %d queries" % (seed, args.sets, args.queries))
    if not shutil.which("knotd"):
        raise SystemExit("knotd is not installed (scripts/deps installs knot)")

    classes = collections.OrderedDict()
    known = collections.Counter()
    passed = failed = 0             # zone sets
    same = differ = 0               # queries
    for s in ([args.only] if args.only is not None else range(args.sets)):
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
        mode = SIGNING[s % len(SIGNING)]
        if mode:
            sign(files, mode)
        if args.keep:
            d = os.path.join(args.keep, "seed%d-set%d" % (seed, s))
            os.makedirs(d, exist_ok=True)
            for _, p in files:
                shutil.copy(p, d)
        knot, kport, engine, eport = start(args.server, tmp, files)
        try:
            time.sleep(0.2)
            e_ok = wait_ready(eport, engine, PARENT)
            # knotd loads its zones one by one, in no fixed order.
            k_ok = all(wait_ready(kport, knot, z.apex) for z in zones)
            where = "seed %d set %d" % (seed, s)
            if e_ok != k_ok:
                failed += 1
                why = engine.stderr.read().strip() if not e_ok and engine.poll() is not None else ""
                key = "load: knot %s, kdns %s" % ("loads" if k_ok else "refuses",
                                                 "loads" if e_ok else "refuses")
                classes.setdefault(key, []).append((where, why, None, None))
                print("not ok %d - %s: %s" % (passed + failed, where, key))
                continue
            if not e_ok:
                passed += 1
                print("ok %d - %s: zones refused by both" % (passed + failed, where))
                continue
            bad = 0
            for qname, qtype, payload, do, rd in gen.queries(zones, names, args.queries):
                q = dns.message.make_query(qname, qtype, use_edns=payload is not None,
                                           payload=payload or 512, want_dnssec=do)
                if not rd:
                    q.flags &= ~dns.flags.RD
                (a, asize), (b, bsize) = ask_sized(q, kport), ask_sized(q, eport)
                why = None if a == b or args.all else deliberate(
                    qtype, payload, a, asize, b, bsize, lambda q=q: ask_tcp(q, kport))
                if a == b or why:
                    same += 1
                    if why:
                        known[why] += 1
                    continue
                bad += 1
                d = differs(a, b)
                # By what differs, and whether either answer was truncated.
                tc = "TC" in (a.get("flags") or []) + (b.get("flags") or [])
                key = "%s%s" % (",".join(d), " (truncated)" if tc else "")
                desc = "%s %s edns=%s do=%s" % (qname, qtype, payload, do)
                classes.setdefault(key, []).append((where, desc, a, b))
            differ += bad
            if bad:
                failed += 1
                print("not ok %d - %s: %d of %d answers differ" % (passed + failed, where,
                                                                   bad, args.queries))
            else:
                passed += 1
                print("ok %d - %s: %d answers the same" % (passed + failed, where, args.queries))
        finally:
            for p in (knot, engine):
                p.terminate()
                p.wait()
            shutil.rmtree(tmp, ignore_errors=True)

    for why, n in known.most_common():
        print("# deliberate (README), not counted as a difference: %s: %d" % (why, n))
    for key, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print("# class %s: %d" % (key, len(items)))
        for where, desc, a, b in items[:args.examples]:
            print("#   %s: %s" % (where, desc))
            if a is None:
                continue
            for k in differs(a, b):
                print("#     %-10s knot: %s" % (k, a.get(k)))
                print("#     %-10s kdns: %s" % ("", b.get(k)))
    print("# queries: %d, the same %d (of them deliberate differences %d), different %d" %
          (same + differ, same, sum(known.values()), differ))
    print("1..%d" % (passed + failed))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
