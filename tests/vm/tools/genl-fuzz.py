#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A fuzzer for the kdns generic netlink family (include/uapi/linux/kdns.h).

    genl-fuzz.py [-n N] [--seed S] [--timeout SEC] [--trace FILE [--trace-from I]]
                 [--kmsg] [--dry-run]
    genl-fuzz.py half-load ZONE [--records K] [--exit]
    genl-fuzz.py half-load-server

Sends at least N messages (default 20000), random and mutated: every command
number 0..255, random attribute types, lengths and nesting, truncated netlink
and genetlink headers, bad reserved fields and versions, other families,
ZONE_BEGIN/ZONE_ADD/ZONE_COMMIT sequences with mutated records, ZONE_DEL,
LOOKUP, GET_STATS, RRL_SET with settings valid and not, RRL_GET, COOKIE_SET
and COOKIE_GET, IDENTITY_SET and IDENTITY_GET, dumps
(ZONE_GET, ZONE_SHOW) read whole, abandoned after
their first part or before it, ZONE_SHOW dumps that span reloads of their
zone, many sockets with loads in progress closed at once.

It checks nothing about error codes: only that every well-framed request that
asked for an acknowledgement (or was a dump) is answered, within --timeout
seconds (no socket waits longer). Exit status 1 if one was not, or if the
family no longer answers at the end.

What it sends depends on the seed only (never on the kernel's answers), so
--seed S --trace FILE replays a run and writes each operation, with its
messages in hex, to FILE (/dev/kmsg puts them beside a crash on the console;
--trace-from I starts at operation I); with --dry-run, without a kernel (the
family id then reads 0x1234). --kmsg writes the seed and a progress mark
every 500 operations to /dev/kmsg, when it is writable.

half-load: BEGIN a load of ZONE and ADD K records (a valid start of a zone)
without committing, print "ready", then wait to be killed (or, with --exit,
exit at once, the socket closed by the exit). For tests of abandoned loads.
half-load-server does the same in other network namespaces, as told on its
standard input (see half_load_server), without a process for each.
"""
import argparse
import ctypes
import errno
import os
import random
import socket
import struct
import sys
import time

from dnswire import wire

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_ECHO = 1, 2, 4, 8
NLM_F_ROOT, NLM_F_MATCH, NLM_F_ATOMIC = 0x100, 0x200, 0x400
NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH
NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN = 1, 2, 3, 4
GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
SOL_NETLINK = 270
NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK = 10, 11, 12
NLA_F_NESTED, NLA_F_NET_BYTEORDER = 0x8000, 0x4000

# include/uapi/linux/kdns.h
(CMD_UNSPEC, CMD_GET_STATS, CMD_ZONE_BEGIN, CMD_ZONE_ADD, CMD_ZONE_COMMIT, CMD_ZONE_DEL,
 CMD_ZONE_GET, CMD_LOOKUP, CMD_ZONE_SHOW, CMD_RRL_SET, CMD_RRL_GET, CMD_COOKIE_SET,
 CMD_COOKIE_GET, CMD_IDENTITY_SET, CMD_IDENTITY_GET) = range(15)
(A_UNSPEC, A_VERSION, A_FLAGS, A_STATS, A_ZONE_NAME, A_ZONE_RRS, A_ZONE_SERIAL,
 A_ZONE_RECORDS, A_ZONE_BYTES, A_ZONE_LOADED, A_PAD, A_LOOKUP_NAME, A_LOOKUP_TYPE,
 A_LOOKUP_ANSWER, A_RRL, A_COOKIE, A_IDENTITY) = range(17)
A_MAX = A_IDENTITY
(IDENTITY_A_UNSPEC, IDENTITY_A_NSID, IDENTITY_A_ID, IDENTITY_A_VERSION,
 IDENTITY_A_CHAOS) = range(5)
(COOKIE_A_UNSPEC, COOKIE_A_ENABLED, COOKIE_A_SECRET, COOKIE_A_ROTATE,
 COOKIE_A_PREVIOUS) = range(5)
(RRL_A_UNSPEC, RRL_A_RATE, RRL_A_WINDOW, RRL_A_SLIP, RRL_A_IPV4_PREFIX, RRL_A_IPV6_PREFIX,
 RRL_A_TABLE_SIZE, RRL_A_EXEMPT) = range(8)

T_A, T_NS, T_CNAME, T_SOA, T_PTR, T_HINFO, T_MX, T_TXT = 1, 2, 5, 6, 12, 13, 15, 16
T_AAAA, T_SRV, T_NAPTR, T_DNAME, T_OPT, T_DS = 28, 33, 35, 39, 41, 43
INTERESTING_TYPES = [0, 1, 2, 5, 6, 12, 13, 15, 16, 28, 33, 35, 39, 41, 43, 46, 47, 48, 50, 51, 249,
                     250, 251, 252, 253, 254, 255, 256, 257, 32768, 65280, 65535]

RECV_BUF = 1 << 20
CLONE_NEWNET = 0x40000000


class DrySocket:
    """--dry-run: what a socket would have been sent goes nowhere."""
    def send(self, data):
        return len(data)

    def recv(self, size):
        return b""

    def close(self):
        pass


def nl_align(n):
    return (n + 3) & ~3


def attr(atype, payload, length=None):
    n = 4 + len(payload) if length is None else length
    raw = struct.pack("=HH", n & 0xffff, atype & 0xffff) + payload
    return raw + b"\0" * (nl_align(len(raw)) - len(raw))


def nlmsg(mtype, flags, seq, payload, length=None, pid=0):
    n = 16 + len(payload) if length is None else length
    raw = struct.pack("=IHHII", n & 0xffffffff, mtype & 0xffff, flags & 0xffff,
                      seq & 0xffffffff, pid) + payload
    return raw + b"\0" * (nl_align(len(raw)) - len(raw))


def genlhdr(cmd, version=1, reserved=0):
    return struct.pack("=BBH", cmd & 0xff, version & 0xff, reserved & 0xffff)


def parse_msgs(buf, n):
    """(type, flags, seq, payload offset, length) of each message in buf[:n]."""
    off = 0
    while off + 16 <= n:
        ln, t, fl, seq, _ = struct.unpack_from("=IHHII", buf, off)
        if ln < 16:
            break
        yield t, fl, seq, off, min(ln, n - off)
        off += nl_align(ln)


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.seed = args.seed
        self.rng = random.Random(self.seed)
        self.timeout = args.timeout
        self.counts = {}
        self.sent = 0
        self.unanswered = []
        self.op_index = 0
        self.op_name = ""
        self.trace = None
        if args.trace:
            self.trace = open(args.trace, "w", buffering=1)
        self.kmsg = None
        if args.kmsg:
            try:
                self.kmsg = open("/dev/kmsg", "w", buffering=1)
            except OSError:
                self.kmsg = None
        self.family = None
        self.unused_family = 0xfff0
        self.buf = bytearray(RECV_BUF)
        self.zone_cache = {}

    # -- bookkeeping

    def count(self, what, n=1):
        self.counts[what] = self.counts.get(what, 0) + n

    def note(self, text):
        if self.trace and self.op_index >= self.args.trace_from:
            self.trace.write("genl-fuzz: op %d %s: %s\n" % (self.op_index, self.op_name, text))

    def kmsg_note(self, text):
        if self.kmsg:
            try:
                self.kmsg.write("genl-fuzz: seed %d: %s\n" % (self.seed, text))
            except OSError:
                pass

    # -- sockets

    def sock(self, options=True):
        if options:
            # Mostly short acks; sometimes the whole request echoed back.
            cap = self.rng.random() < 0.8
            ext = self.rng.random() < 0.7
            strict = self.rng.random() < 0.5
        else:
            cap, ext, strict = True, False, False
        self.count("sockets opened")
        if self.args.dry_run:
            return DrySocket()
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        s.bind((0, 0))
        s.settimeout(self.timeout)
        s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, cap)
        s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, ext)
        s.setsockopt(SOL_NETLINK, NETLINK_GET_STRICT_CHK, strict)
        return s

    def exchange(self, s, msgs, what):
        """Send msgs ([(bytes, expects_answer, seq)]) in one write; wait for
        an answer to each that expects one."""
        blob = b"".join(m[0] for m in msgs)
        pending = {m[2] for m in msgs if m[1]}
        if self.trace:
            self.note("%s %s" % (what, blob.hex()))
        try:
            s.send(blob)
        except OSError as e:
            # Too large for the socket's send buffer, and the like: not sent.
            self.count("send refused (%s)" % errno.errorcode.get(e.errno, e.errno))
            return
        self.sent += len(msgs)
        self.count("messages: " + what, len(msgs))
        self.wait(s, pending, what)

    def wait(self, s, pending, what):
        if self.args.dry_run:
            return True
        buf = self.buf
        while pending:
            try:
                n = s.recv_into(buf)
            except socket.timeout:
                self.unanswered.append((self.op_index, what, sorted(pending)))
                print("genl-fuzz: seed %d op %d (%s): no answer within %gs to seq %s"
                      % (self.seed, self.op_index, what, self.timeout, sorted(pending)),
                      flush=True)
                return False
            except OSError as e:
                if e.errno == errno.ENOBUFS:
                    # Answers dropped for want of room: the kernel did
                    # answer. Empty the queue: until it is empty once, the
                    # socket stays congested and drops answers silently.
                    self.count("receive overruns")
                    self.drain(s)
                    return True
                raise
            for t, fl, seq, off, ln in parse_msgs(buf, n):
                if t in (NLMSG_ERROR, NLMSG_DONE):
                    if seq in pending:
                        pending.discard(seq)
                        self.count("answers")
        return True

    def drain(self, s):
        s.settimeout(0.5)
        try:
            while True:
                s.recv_into(self.buf)
        except (socket.timeout, OSError):
            pass
        s.settimeout(self.timeout)

    def recv_parts(self, s, seq, count, size):
        """Up to count reads of size bytes from a dump; True if it ended."""
        for _ in range(count):
            try:
                n = s.recv_into(self.buf, size)
            except socket.timeout:
                self.unanswered.append((self.op_index, "dump", [seq]))
                print("genl-fuzz: seed %d op %d: a dump sent nothing within %gs"
                      % (self.seed, self.op_index, self.timeout), flush=True)
                return True
            except OSError:
                return True
            for t, fl, mseq, off, ln in parse_msgs(self.buf, n):
                if t in (NLMSG_ERROR, NLMSG_DONE) and mseq == seq:
                    return True
        return False

    def next_seq(self):
        self.seq = (self.seq + 1) & 0xffffffff or 1
        return self.seq

    def request(self, cmd, attrs=b"", flags=NLM_F_REQUEST | NLM_F_ACK, family=None,
                version=1, reserved=0):
        seq = self.next_seq()
        fam = self.family if family is None else family
        body = genlhdr(cmd, version, reserved) + attrs
        return nlmsg(fam, flags, seq, body), bool(flags & NLM_F_ACK) or \
            (flags & NLM_F_DUMP) == NLM_F_DUMP, seq

    # -- the family

    def resolve(self):
        self.seq = self.rng.randrange(1 << 30)
        if self.args.dry_run:
            self.family = 0x1234
            return
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        s.bind((0, 0))
        s.settimeout(self.timeout)
        s.send(nlmsg(GENL_ID_CTRL, NLM_F_REQUEST, 1, genlhdr(CTRL_CMD_GETFAMILY) +
                     attr(CTRL_ATTR_FAMILY_NAME, b"kdns\0")))
        data = s.recv(65536)
        t = struct.unpack_from("=H", data, 4)[0]
        if t == NLMSG_ERROR:
            err = -struct.unpack_from("=i", data, 16)[0]
            raise SystemExit("genl-fuzz: no kdns family: %s" % os.strerror(err))
        off = 20
        while off + 4 <= len(data):
            n, at = struct.unpack_from("=HH", data, off)
            if n < 4:
                break
            if at == CTRL_ATTR_FAMILY_ID:
                self.family = struct.unpack_from("=H", data, off + 4)[0]
            off += nl_align(n)
        # An id no family has, for requests to a missing family.
        s.send(nlmsg(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, 2, genlhdr(CTRL_CMD_GETFAMILY)))
        used = set()
        buf = bytearray(RECV_BUF)
        done = False
        while not done:
            n = s.recv_into(buf)
            for t, fl, seq, moff, ln in parse_msgs(buf, n):
                if t in (NLMSG_DONE, NLMSG_ERROR):
                    done = True
                    break
                aoff = moff + 20
                while aoff + 4 <= moff + ln:
                    an, at = struct.unpack_from("=HH", buf, aoff)
                    if an < 4:
                        break
                    if at == CTRL_ATTR_FAMILY_ID:
                        used.add(struct.unpack_from("=H", buf, aoff + 4)[0])
                    aoff += nl_align(an)
        s.close()
        while self.unused_family in used:
            self.unused_family -= 1

    # -- random material

    def rand_bytes(self, n):
        return self.rng.getrandbits(8 * n).to_bytes(n, "little") if n else b""

    def rand_len(self):
        r = self.rng.random()
        if r < 0.5:
            return self.rng.randrange(0, 16)
        if r < 0.8:
            return self.rng.randrange(0, 300)
        if r < 0.95:
            return self.rng.choice([254, 255, 256, 257, 511, 512, 1024, 4095, 4096])
        return self.rng.randrange(0, 20000)

    def rand_attr_type(self):
        r = self.rng.random()
        if r < 0.7:
            t = self.rng.randrange(0, A_MAX + 3)
        elif r < 0.85:
            t = self.rng.randrange(0, 1 << 14)
        else:
            t = self.rng.randrange(0, 1 << 16)
        if self.rng.random() < 0.1:
            t |= NLA_F_NESTED
        if self.rng.random() < 0.05:
            t |= NLA_F_NET_BYTEORDER
        return t

    def rand_payload_for(self, t):
        base = t & 0x3fff
        r = self.rng.random()
        if base in (A_ZONE_NAME, A_LOOKUP_NAME) and r < 0.6:
            return self.rand_name()
        if base in (A_FLAGS, A_LOOKUP_TYPE) and r < 0.6:
            return self.rand_bytes(self.rng.choice([0, 1, 2, 3, 4, 8]))
        if base == A_ZONE_RRS and r < 0.6:
            return self.mutate_bytes(self.records_blob("z%d.fuzz." % self.rng.randrange(8)))
        return self.rand_bytes(self.rand_len())

    def rand_attrs(self, depth=0):
        out = b""
        for _ in range(self.rng.choice([0, 1, 1, 2, 2, 3, 4, 6, 12])):
            t = self.rand_attr_type()
            if depth < 4 and (t & NLA_F_NESTED or self.rng.random() < 0.08):
                payload = self.rand_attrs(depth + 1)
            else:
                payload = self.rand_payload_for(t)
            length = None
            r = self.rng.random()
            if r < 0.05:
                length = self.rng.randrange(0, 4)
            elif r < 0.1:
                length = 4 + len(payload) + self.rng.randrange(1, 64)
            elif r < 0.13:
                length = self.rng.randrange(0, 1 << 16)
            out += attr(t, payload, length)
        if self.rng.random() < 0.05 and out:
            out = out[:self.rng.randrange(len(out))]   # cut inside an attribute
        return out

    def rand_flags(self):
        r = self.rng.random()
        if r < 0.75:
            return NLM_F_REQUEST | NLM_F_ACK
        if r < 0.85:
            return NLM_F_REQUEST
        return self.rng.choice([0, NLM_F_ACK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO,
                                NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP,
                                NLM_F_REQUEST | NLM_F_ACK | NLM_F_ROOT,
                                NLM_F_REQUEST | NLM_F_ACK | NLM_F_ATOMIC,
                                NLM_F_REQUEST | NLM_F_ACK | NLM_F_MULTI,
                                self.rng.randrange(1 << 16) | NLM_F_ACK])

    ZONES = ["z%d.fuzz." % i for i in range(8)] + ["fuzz.", "big.fuzz.", "deep.z1.fuzz.",
                                                   "a.b.c.d.e.f.g.h.fuzz."]

    def rand_name(self):
        r = self.rng.random()
        if r < 0.5:
            w = wire(self.rng.choice(self.ZONES))
            if self.rng.random() < 0.3:
                w = bytes([1, ord(self.rng.choice("abcxyz*"))]) + w
            if self.rng.random() < 0.2:
                w = w.upper()
            return w
        if r < 0.6:
            return b"\0"                                   # the root
        if r < 0.7:
            # At and over the 255-byte limit.
            labels = b""
            while len(labels) < self.rng.choice([200, 250, 253, 254, 255, 256, 300]):
                labels += b"\x3f" + b"a" * 63
            return labels[:self.rng.randrange(240, len(labels) + 1)] + b"\0"
        if r < 0.8:
            # Compression pointers, extended label types, missing root label.
            return self.rng.choice([b"\xc0\x00", b"\x04fuzz\xc0\x00", b"\x40" + b"a" * 64 + b"\0",
                                    b"\x80abc\0", b"\x04fuzz", b"\x04fu", b"", b"\0\0",
                                    b"\x04fuzz\0junk", b"\x01\0\0"])
        return self.mutate_bytes(wire(self.rng.choice(self.ZONES)))

    def mutate_bytes(self, b):
        b = bytearray(b)
        for _ in range(self.rng.choice([1, 1, 2, 3, 8])):
            r = self.rng.random()
            if not b or r < 0.1:
                b += self.rand_bytes(self.rng.randrange(1, 8))
            elif r < 0.5:
                i = self.rng.randrange(len(b))
                b[i] ^= 1 << self.rng.randrange(8)
            elif r < 0.7:
                i = self.rng.randrange(len(b))
                b[i] = self.rng.choice([0, 1, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xff,
                                        self.rng.randrange(256)])
            elif r < 0.85:
                del b[self.rng.randrange(len(b)):][:self.rng.randrange(1, 16)]
            else:
                i = self.rng.randrange(len(b) + 1)
                b[i:i] = self.rand_bytes(self.rng.randrange(1, 16))
        return bytes(b)

    # -- zone records (KDNS_A_ZONE_RRS: u8 owner length, owner, type, class,
    #    TTL, RDATA length, RDATA)

    @staticmethod
    def rr(owner, rtype, rdata, ttl=3600, rclass=1):
        o = wire(owner) if isinstance(owner, str) else owner
        return (bytes([len(o) & 0xff]) + o +
                struct.pack("!HHIH", rtype, rclass, ttl & 0xffffffff, len(rdata) & 0xffff) +
                rdata)

    def zone_records(self, apex, nhosts=None):
        """A valid zone at apex: list of records (bytes)."""
        n = self.rng.choice([0, 1, 4, 16, 64]) if nhosts is None else nhosts
        if (apex, n) not in self.zone_cache:
            self.zone_cache[apex, n] = self.make_zone_records(apex, n)
        return list(self.zone_cache[apex, n])

    def make_zone_records(self, apex, n):
        rr = self.rr
        ap = apex
        recs = [
            rr(ap, T_SOA, wire("ns1." + ap) + wire("hostmaster." + ap) +
               struct.pack("!IIIII", 2026112901, 7200, 3600, 1209600, 300)),
            rr(ap, T_NS, wire("ns1." + ap)),
            rr(ap, T_NS, wire("ns.elsewhere.example.")),
            rr(ap, T_A, bytes([192, 0, 2, 10])),
            rr(ap, T_AAAA, bytes(16)),
            rr(ap, T_MX, struct.pack("!H", 10) + wire("mail." + ap)),
            rr(ap, T_TXT, b"\x05hello\x00"),
            rr("ns1." + ap, T_A, bytes([192, 0, 2, 1])),
            rr("mail." + ap, T_A, bytes([192, 0, 2, 25])),
            rr("www." + ap, T_A, bytes([192, 0, 2, 80])),
            rr("alias." + ap, T_CNAME, wire("www." + ap)),
            rr("dn." + ap, T_DNAME, wire("example.net.")),
            rr("_sip._udp." + ap, T_SRV, struct.pack("!HHH", 10, 20, 5060) + wire("mail." + ap)),
            rr("naptr." + ap, T_NAPTR, struct.pack("!HH", 1, 2) + b"\x01u\x07E2U+sip\x00" +
               wire("www." + ap)),
            rr("sub." + ap, T_NS, wire("ns.sub." + ap)),
            rr("sub." + ap, T_DS, struct.pack("!HBB", 12345, 8, 2) + bytes(32)),
            rr("ns.sub." + ap, T_A, bytes([192, 0, 2, 53])),
            rr("hinfo." + ap, T_HINFO, b"\x02PC\x05Linux"),
            rr("ptr." + ap, T_PTR, wire("www." + ap)),
            rr("caa." + ap, 257, b"\x00\x05issueca.example"),
            rr("opaque." + ap, 65280, b"\x0a\x00\x00\x01"),
            rr("*.w." + ap, T_A, bytes([192, 0, 2, 99])),
        ]
        for i in range(n):
            recs.append(rr("h%d.%s" % (i, ap), T_A, bytes([198, 51, 100, i & 0xff])))
        return recs

    def mutate_record(self, rec):
        """One record, wrong in some way the builder should refuse (or not)."""
        olen = rec[0]
        owner, rest = rec[1:1 + olen], rec[1 + olen:]
        rtype, rclass, ttl, rdlen = struct.unpack_from("!HHIH", rest)
        rdata = rest[10:]
        r = self.rng.random()
        if r < 0.15:
            rtype = self.rng.choice(INTERESTING_TYPES + [self.rng.randrange(1 << 16)])
        elif r < 0.25:
            rclass = self.rng.choice([0, 2, 3, 4, 254, 255, self.rng.randrange(1 << 16)])
        elif r < 0.3:
            ttl = self.rng.choice([0, 0x7fffffff, 0x80000000, 0xffffffff])
        elif r < 0.45:
            rdlen = (rdlen + self.rng.choice([-3, -1, 1, 2, 100, 0x8000])) & 0xffff
            return bytes([olen]) + owner + struct.pack("!HHIH", rtype, rclass, ttl, rdlen) + rdata
        elif r < 0.6:
            rdata = self.mutate_bytes(rdata)
        elif r < 0.7:
            owner = self.rand_name()
        elif r < 0.78:
            return bytes([(olen + self.rng.choice([-1, 1, 5, 200])) & 0xff]) + owner + rest
        elif r < 0.85:
            owner = wire("outside.example.")
        elif r < 0.9:
            owner = owner.upper()
        else:
            rdata = self.rand_bytes(self.rng.choice([0, 1, 255, 256, 4000, 65000]))
        return self.rr(owner, rtype, rdata, ttl, rclass)

    def records_blob(self, apex, mutate=0.0, nhosts=None):
        recs = self.zone_records(apex, nhosts)
        if not mutate:
            if self.rng.random() < 0.5:
                self.rng.shuffle(recs)
            return b"".join(recs)
        self.rng.shuffle(recs)
        out = []
        for rec in recs:
            r = self.rng.random()
            if r < mutate:
                rec = self.mutate_record(rec)
            out.append(rec)
            if r < mutate / 10:
                out.append(rec)                            # duplicates
            if r < mutate / 20:
                out.append(self.rr(apex, T_SOA, rec[1 + rec[0] + 10:]))   # a second SOA
            if r < mutate / 20:
                out.append(self.rr("www." + apex, T_CNAME, wire("x." + apex)))  # beside A
        return b"".join(out)

    # -- operations; each sends one or more messages

    def op_random_cmd(self):
        s = self.main
        msgs = []
        for _ in range(self.rng.choice([1, 1, 2, 4, 8])):
            r = self.rng.random()
            cmd = self.rng.randrange(256) if r < 0.5 else self.rng.randrange(0, 12)
            version = self.rng.choice([1, 1, 1, 0, 2, 255])
            msgs.append(self.request(cmd, self.rand_attrs(), self.rand_flags(), version=version))
        self.exchange(s, msgs, "random commands")

    def op_truncated(self):
        """Messages whose netlink or genetlink header is short or lies."""
        s = self.main
        seq = self.next_seq()
        body = genlhdr(self.rng.randrange(0, 10)) + self.rand_attrs()
        full = struct.pack("=IHHII", 16 + len(body), self.family, NLM_F_REQUEST | NLM_F_ACK,
                           seq, 0) + body
        r = self.rng.random()
        if r < 0.2:
            blob, expect = self.rand_bytes(self.rng.randrange(0, 16)), False  # no header
        elif r < 0.35:
            blob, expect = full[:self.rng.randrange(0, 16)], False            # header cut
        elif r < 0.5:
            # nlmsg_len below the header's size: dropped without an answer.
            blob = struct.pack("=I", self.rng.randrange(0, 16)) + full[4:]
            expect = False
        elif r < 0.65:
            # nlmsg_len beyond what was sent: dropped without an answer.
            blob = struct.pack("=I", len(full) + self.rng.randrange(1, 1 << 16)) + full[4:]
            expect = False
        elif r < 0.85:
            # The genetlink header cut: 16 to 19 bytes of message.
            n = self.rng.randrange(16, 20)
            blob, expect = struct.pack("=I", n) + full[4:n], True
        else:
            # nlmsg_len cuts the attributes short.
            n = self.rng.randrange(20, len(full) + 1)
            blob, expect = struct.pack("=I", n) + full[4:n], True
        self.exchange(s, [(blob, expect, seq)], "truncated")

    def op_bad_header(self):
        """Reserved field, version, flags and family id of a known command."""
        s = self.main
        msgs = []
        for _ in range(self.rng.choice([1, 2, 4])):
            cmd = self.rng.randrange(0, 10)
            r = self.rng.random()
            if r < 0.4:
                msgs.append(self.request(cmd, self.rand_attrs(),
                                         reserved=self.rng.choice([1, 0x8000, 0xffff])))
            elif r < 0.6:
                msgs.append(self.request(cmd, self.rand_attrs(),
                                         version=self.rng.choice([0, 2, 255])))
            elif r < 0.8:
                fam = self.rng.choice([0, NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN,
                                       15, GENL_ID_CTRL, self.unused_family])
                msgs.append(self.request(cmd, self.rand_attrs(), family=fam))
            else:
                msgs.append(self.request(cmd, self.rand_attrs(), flags=self.rand_flags()))
        self.exchange(s, msgs, "bad headers")

    def load_msgs(self, apex_wire, blobs, commit=True):
        msgs = [self.request(CMD_ZONE_BEGIN, attr(A_ZONE_NAME, apex_wire))]
        for b in blobs:
            msgs.append(self.request(CMD_ZONE_ADD, attr(A_ZONE_RRS, b)))
        if commit:
            msgs.append(self.request(CMD_ZONE_COMMIT))
        return msgs

    def op_load(self):
        """BEGIN, ADDs of valid or mutated records, COMMIT or not."""
        fresh = self.rng.random() < 0.3
        s = self.sock() if fresh else self.main
        apex = self.rng.choice(self.ZONES[:9])
        apex_wire = wire(apex) if self.rng.random() < 0.9 else self.rand_name()
        mutate = self.rng.choice([0.0, 0.0, 0.02, 0.1, 0.5])
        blob = self.records_blob(apex, mutate)
        if self.rng.random() < 0.1:
            blob = self.mutate_bytes(blob)
        # The records split over one to four ADDs, anywhere (also inside a record).
        cuts = sorted(self.rng.randrange(len(blob) + 1)
                      for _ in range(self.rng.choice([0, 0, 1, 3])))
        parts = [blob[a:b] for a, b in zip([0] + cuts, cuts + [len(blob)])]
        commit = self.rng.random() < 0.85
        msgs = self.load_msgs(apex_wire, parts, commit)
        if self.rng.random() < 0.5:
            self.exchange(s, msgs, "zone load")
        else:
            for m in msgs:
                self.exchange(s, [m], "zone load")
        if fresh:
            s.close()
        elif not commit:
            # End the load in progress on the main socket: a commit (which
            # may fail) or a new socket.
            if self.rng.random() < 0.5:
                self.exchange(s, [self.request(CMD_ZONE_COMMIT)], "zone load")
            else:
                self.new_main()

    def op_del(self):
        name = wire(self.rng.choice(self.ZONES)) if self.rng.random() < 0.7 else self.rand_name()
        self.exchange(self.main, [self.request(CMD_ZONE_DEL, attr(A_ZONE_NAME, name))],
                      "zone del")

    def op_lookup(self):
        msgs = []
        for _ in range(self.rng.choice([1, 2, 4])):
            a = b""
            if self.rng.random() < 0.95:
                a += attr(A_LOOKUP_NAME, self.rand_name())
            if self.rng.random() < 0.9:
                t = self.rng.choice(INTERESTING_TYPES + [self.rng.randrange(1 << 16)])
                a += attr(A_LOOKUP_TYPE, struct.pack("=H", t) if self.rng.random() < 0.9
                          else self.rand_bytes(self.rng.choice([0, 1, 3, 4])))
            if self.rng.random() < 0.3:
                a += attr(A_FLAGS, struct.pack("=I", self.rng.choice([0, 1, 2, 3, 4, 1 << 31])))
            if self.rng.random() < 0.1:
                a += self.rand_attrs()
            msgs.append(self.request(CMD_LOOKUP, a))
        self.exchange(self.main, msgs, "lookup")

    def op_stats(self):
        a = b""
        if self.rng.random() < 0.5:
            a = attr(A_FLAGS, struct.pack("=I", self.rng.choice([0, 1, 2, 3, 4, 0xffffffff])))
        self.exchange(self.main, [self.request(CMD_GET_STATS, a)], "stats")

    def op_rrl(self):
        """RRL_SET with settings in and out of bounds (exempt prefixes of any
        length, the table small but now and then the largest), off, RRL_GET."""
        r = self.rng.random()
        if r < 0.2:
            self.exchange(self.main, [self.request(CMD_RRL_GET)], "rrl")
            return
        if r < 0.3:
            self.exchange(self.main, [self.request(CMD_RRL_SET)], "rrl")
            return
        a = b""
        for t, fmt, good in ((RRL_A_RATE, "=I", [1, 10, 1000, 1000000]),
                             (RRL_A_WINDOW, "=I", [1, 4, 3600]),
                             (RRL_A_SLIP, "=I", [0, 1, 2, 100]),
                             (RRL_A_IPV4_PREFIX, "=B", [8, 24, 32]),
                             (RRL_A_IPV6_PREFIX, "=B", [16, 56, 64]),
                             (RRL_A_TABLE_SIZE, "=I", [1024, 4096, 65536] * 10 + [1 << 22])):
            if self.rng.random() < 0.85:
                v = self.rng.choice(good) if self.rng.random() < 0.8 else \
                    self.rng.randrange(1 << (8 * struct.calcsize(fmt)))
                a += attr(t, struct.pack(fmt, v) if self.rng.random() < 0.95 else
                          self.rand_bytes(self.rng.choice([0, 1, 2, 3, 5, 8])))
        for _ in range(self.rng.choice([0, 0, 1, 3, 64, 65])):
            n = self.rng.choice([4, 16]) if self.rng.random() < 0.9 else self.rng.randrange(20)
            a += attr(RRL_A_EXEMPT, self.rand_bytes(n) + bytes([self.rng.randrange(140)]))
        if self.rng.random() < 0.1:
            a += self.rand_attrs()
        nest = attr(A_RRL | (NLA_F_NESTED if self.rng.random() < 0.5 else 0), a)
        self.exchange(self.main, [self.request(CMD_RRL_SET, nest)], "rrl")

    def op_cookie(self):
        """COOKIE_SET on, off, with a secret of any length, rotated (with a
        secret too, refused), with what replies only carry; COOKIE_GET."""
        if self.rng.random() < 0.2:
            self.exchange(self.main, [self.request(CMD_COOKIE_GET)], "cookie")
            return
        a = b""
        if self.rng.random() < 0.6:
            a += attr(COOKIE_A_ENABLED, bytes([self.rng.choice([0, 1, 1, 2, 255])]))
        if self.rng.random() < 0.4:
            a += attr(COOKIE_A_SECRET, self.rand_bytes(self.rng.choice([16, 16, 16, 0, 15, 17])))
        if self.rng.random() < 0.3:
            a += attr(COOKIE_A_ROTATE, b"" if self.rng.random() < 0.9 else self.rand_bytes(4))
        if self.rng.random() < 0.05:
            a += attr(COOKIE_A_PREVIOUS, self.rand_bytes(16))
        if self.rng.random() < 0.1:
            a += self.rand_attrs()
        nest = attr(A_COOKIE | (NLA_F_NESTED if self.rng.random() < 0.5 else 0), a)
        self.exchange(self.main, [self.request(CMD_COOKIE_SET,
                                               nest if self.rng.random() < 0.95 else b"")],
                      "cookie")

    def op_identity(self):
        """IDENTITY_SET with strings of any length (over the bounds too) and
        CHAOS on or off; IDENTITY_GET."""
        if self.rng.random() < 0.2:
            self.exchange(self.main, [self.request(CMD_IDENTITY_GET)], "identity")
            return
        a = b""
        for t, most in ((IDENTITY_A_NSID, 128), (IDENTITY_A_ID, 255), (IDENTITY_A_VERSION, 255)):
            if self.rng.random() < 0.5:
                a += attr(t, self.rand_bytes(self.rng.choice([0, 1, most, most + 1,
                                                              self.rng.randrange(400)])))
        if self.rng.random() < 0.5:
            a += attr(IDENTITY_A_CHAOS, bytes([self.rng.choice([0, 1, 2])]))
        if self.rng.random() < 0.1:
            a += self.rand_attrs()
        nest = attr(A_IDENTITY | (NLA_F_NESTED if self.rng.random() < 0.5 else 0), a)
        self.exchange(self.main, [self.request(CMD_IDENTITY_SET, nest)], "identity")

    def dump_request(self, cmd=None):
        cmd = self.rng.choice([CMD_ZONE_GET, CMD_ZONE_SHOW]) if cmd is None else cmd
        a = b""
        if cmd == CMD_ZONE_SHOW or self.rng.random() < 0.1:
            if self.rng.random() < 0.95:
                a = attr(A_ZONE_NAME, wire(self.rng.choice(self.ZONES))
                         if self.rng.random() < 0.8 else self.rand_name())
        if self.rng.random() < 0.05:
            a += self.rand_attrs()
        flags = NLM_F_REQUEST | NLM_F_DUMP | (NLM_F_ACK if self.rng.random() < 0.3 else 0)
        return self.request(cmd, a, flags)

    def op_dump(self):
        """A dump read whole, abandoned after its first part, or before it."""
        s = self.sock()
        m = self.dump_request()
        how = self.rng.choice(["whole", "first part", "first part", "unread"])
        if self.trace:
            self.note("dump (%s) %s" % (how, m[0].hex()))
        try:
            s.send(m[0])
        except OSError as e:
            self.count("send refused (%s)" % errno.errorcode.get(e.errno, e.errno))
            s.close()
            return
        self.sent += 1
        self.count("messages: dumps (%s)" % how)
        if how == "whole":
            self.wait(s, {m[2]}, "dump")
        elif how == "first part" and not self.args.dry_run:
            self.recv_parts(s, m[2], 1, 1 << 16)
        s.close()

    def op_show_across_reload(self):
        """A ZONE_SHOW dump of big.fuzz. whose later parts come after one or
        more reloads of the zone, of another shape; then read to its end."""
        self.load_big(self.rng.randrange(3))
        d = self.sock(options=False)
        m = self.request(CMD_ZONE_SHOW, attr(A_ZONE_NAME, wire("big.fuzz.")),
                         NLM_F_REQUEST | NLM_F_DUMP)
        if self.trace:
            self.note("show across reload %s" % m[0].hex())
        d.send(m[0])
        self.sent += 1
        self.count("messages: dumps across reloads")
        # Small reads: each part of the dump is made when there is room.
        parts = self.rng.randrange(1, 4)
        done = self.args.dry_run or self.recv_parts(d, m[2], parts, 4096)
        for _ in range(self.rng.randrange(1, 4)):
            self.load_big(self.rng.randrange(3))
        if not done:
            self.wait(d, {m[2]}, "dump across reloads")
        d.close()

    def load_big(self, shape):
        """big.fuzz.: many names (0), one RRset of many records (1), few (2)."""
        apex = "big.fuzz."
        recs = self.zone_records(apex, nhosts=0)
        if shape == 0:
            recs += [self.rr("host-%04d.%s" % (i, apex), T_A, struct.pack("!I", i))
                     for i in range(600)]
        elif shape == 1:
            recs += [self.rr("txt." + apex, T_TXT, bytes([40]) + b"%040d" % i)
                     for i in range(400)]
        blob = b"".join(recs)
        parts = [blob[i:i + 16000] for i in range(0, len(blob), 16000)]
        s = self.sock(options=False)
        self.exchange(s, self.load_msgs(wire(apex), parts), "big zone load")
        s.close()

    def op_sockets(self):
        """Many sockets, loads begun on most, all closed (in any order)."""
        socks = []
        for _ in range(self.rng.choice([4, 16, 64])):
            s = self.sock()
            if self.rng.random() < 0.8:
                apex = self.rng.choice(self.ZONES[:9])
                parts = [self.records_blob(apex, self.rng.choice([0.0, 0.1]))
                         for _ in range(self.rng.randrange(0, 3))]
                self.exchange(s, self.load_msgs(wire(apex), parts, commit=False), "socket churn")
            socks.append(s)
        self.rng.shuffle(socks)
        for s in socks:
            s.close()

    def op_batch_then_garbage(self):
        """Valid requests, then a malformed one ending the batch."""
        msgs = [self.request(self.rng.choice([CMD_GET_STATS, CMD_LOOKUP, CMD_ZONE_DEL]),
                             self.rand_attrs()) for _ in range(self.rng.randrange(1, 6))]
        seq = self.next_seq()
        bad = struct.pack("=IHHII", self.rng.choice([0, 8, 15, 1 << 20]), self.family,
                          NLM_F_REQUEST | NLM_F_ACK, seq, 0) + self.rand_bytes(8)
        msgs.append((bad, False, seq))
        self.exchange(self.main, msgs, "batch and garbage")

    def op_large(self):
        """One large ZONE_ADD or random attribute."""
        s = self.sock()
        apex = self.rng.choice(self.ZONES[:9])
        msgs = [self.request(CMD_ZONE_BEGIN, attr(A_ZONE_NAME, wire(apex)))]
        if self.rng.random() < 0.5:
            blob = self.records_blob(apex, 0.0, nhosts=self.rng.choice([200, 1000, 3000]))
        else:
            blob = self.rand_bytes(self.rng.choice([16000, 65000, 65531, 65532, 65535]))
        if len(blob) > 65531:
            blob = blob[:65531]          # nla_len is 16 bits
        msgs.append(self.request(CMD_ZONE_ADD, attr(A_ZONE_RRS, blob)))
        if self.rng.random() < 0.5:
            msgs.append(self.request(CMD_ZONE_COMMIT))
        self.exchange(s, msgs, "large")
        s.close()

    def new_main(self):
        if getattr(self, "main", None):
            self.main.close()
        self.main = self.sock()

    OPS = [("random commands", op_random_cmd, 30), ("truncated", op_truncated, 10),
           ("bad headers", op_bad_header, 10), ("zone load", op_load, 8),
           ("zone del", op_del, 4), ("lookup", op_lookup, 10), ("stats", op_stats, 3),
           ("dump", op_dump, 6), ("sockets", op_sockets, 0.6),
           ("batch and garbage", op_batch_then_garbage, 4), ("large", op_large, 0.5),
           ("dump across reloads", op_show_across_reload, 0.15), ("rrl", op_rrl, 3),
           ("cookie", op_cookie, 2), ("identity", op_identity, 2)]

    def run(self, n):
        self.resolve()
        self.new_main()
        names = [o[0] for o in self.OPS]
        funcs = [o[1] for o in self.OPS]
        weights = [o[2] for o in self.OPS]
        start = time.monotonic()
        self.kmsg_note("start, %d messages" % n)
        while self.sent < n:
            self.op_index += 1
            i = self.rng.choices(range(len(funcs)), weights)[0]
            self.op_name = names[i]
            self.count("ops: " + names[i])
            if self.op_index % 500 == 0:
                self.kmsg_note("op %d, %d messages" % (self.op_index, self.sent))
            funcs[i](self)
            if self.rng.random() < 0.01:
                self.new_main()
        self.main.close()
        elapsed = time.monotonic() - start
        self.kmsg_note("done, op %d, %d messages" % (self.op_index, self.sent))
        # The family still answers.
        self.op_name = "final"
        s = self.sock(options=False)
        self.exchange(s, [self.request(CMD_GET_STATS)], "final stats")
        s.close()
        for k in sorted(self.counts):
            print("genl-fuzz:   %-34s %d" % (k, self.counts[k]))
        print("genl-fuzz: seed %d: sent %d messages in %d operations, %.1f s (%.0f/s); "
              "%d unanswered" % (self.seed, self.sent, self.op_index, elapsed,
                                 self.sent / max(elapsed, 1e-6), len(self.unanswered)))
        return 0 if not self.unanswered else 1


def begin_half_load(f, zone, records):
    """On a new socket of f: BEGIN zone and ADD records records, no COMMIT.
    Returns (socket, None) or (None, the refusal or failure as text)."""
    s = f.sock(options=False)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    blob = b"".join(f.zone_records(zone, nhosts=records))
    parts = [blob[i:i + 16000] for i in range(0, len(blob), 16000)]
    buf = f.buf
    for m, _, seq in f.load_msgs(wire(zone), parts, commit=False):
        s.send(m)
        err = None
        while err is None:
            try:
                n = s.recv_into(buf)
            except socket.timeout:
                s.close()
                return None, "no answer within %gs" % f.timeout
            for t, fl, mseq, off, ln in parse_msgs(buf, n):
                if t == NLMSG_ERROR and mseq == seq:
                    err = -struct.unpack_from("=i", buf, off + 16)[0]
                    text = ""
                    # extack attributes after the (capped) echoed header
                    aoff = off + 20 + 16
                    while err and aoff + 4 <= off + ln:
                        an, at = struct.unpack_from("=HH", buf, aoff)
                        if an < 4:
                            break
                        if at == 1:       # NLMSGERR_ATTR_MSG
                            text = bytes(buf[aoff + 4:aoff + an]).rstrip(b"\0").decode()
                        aoff += nl_align(an)
        if err:
            s.close()
            return None, "refused: %s (%s)" % (os.strerror(err), text)
    return s, None


def helper_fuzzer(timeout):
    return Fuzzer(argparse.Namespace(seed=0, timeout=timeout, trace=None, kmsg=False,
                                     trace_from=0, dry_run=False))


def half_load(args):
    """BEGIN ZONE and ADD --records records without committing; wait. Exit
    status 2 (and the error on stdout) if the kernel refuses a request."""
    f = helper_fuzzer(args.timeout)
    f.resolve()
    s, err = begin_half_load(f, args.zone, args.records)
    if err:
        print(err, flush=True)
        return 2
    print("ready", flush=True)
    if args.exit:
        return 0
    while True:
        time.sleep(3600)


def half_load_server(args):
    """Half-done loads in other network namespaces, without a process
    started for each: commands on stdin, one answer line each on stdout.
        begin NETNS_FILE ZONE RECORDS   a new socket in that namespace, a
                                        load begun on it: "ready" or why not
        close                           close that socket: "closed"
    """
    libc = ctypes.CDLL(None, use_errno=True)
    own = os.open("/proc/self/ns/net", os.O_RDONLY)
    f = helper_fuzzer(args.timeout)
    held = []
    for line in sys.stdin:
        w = line.split()
        if not w:
            continue
        if w[0] == "begin":
            fd = os.open(w[1], os.O_RDONLY)
            if libc.setns(fd, CLONE_NEWNET):
                print("setns: %s" % os.strerror(ctypes.get_errno()), flush=True)
                os.close(fd)
                continue
            os.close(fd)
            try:
                f.resolve()
                s, err = begin_half_load(f, w[2], int(w[3]))
            finally:
                libc.setns(own, CLONE_NEWNET)
            if s:
                held.append(s)
            print(err or "ready", flush=True)
        elif w[0] == "close":
            for s in held:
                s.close()
            held = []
            print("closed", flush=True)
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "half-load-server":
        p = argparse.ArgumentParser(prog="genl-fuzz.py half-load-server")
        p.add_argument("--timeout", type=float, default=10)
        return half_load_server(p.parse_args(sys.argv[2:]))
    if len(sys.argv) > 1 and sys.argv[1] == "half-load":
        p = argparse.ArgumentParser(prog="genl-fuzz.py half-load")
        p.add_argument("zone")
        p.add_argument("--records", type=int, default=50)
        p.add_argument("--exit", action="store_true")
        p.add_argument("--timeout", type=float, default=10)
        return half_load(p.parse_args(sys.argv[2:]))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-n", type=int, default=20000, help="messages to send at least")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--timeout", type=float, default=10,
                   help="seconds to wait for an answer (default 10)")
    p.add_argument("--trace", help="write every operation to this file")
    p.add_argument("--trace-from", type=int, default=0, help="first operation traced")
    p.add_argument("--kmsg", action="store_true", help="progress marks in /dev/kmsg")
    p.add_argument("--dry-run", action="store_true",
                   help="send nothing (with --trace: the messages a seed makes)")
    args = p.parse_args()
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), "little")
    print("genl-fuzz: seed %d, %d messages, uid %d" % (args.seed, args.n, os.getuid()),
          flush=True)
    return Fuzzer(args).run(args.n)


if __name__ == "__main__":
    sys.exit(main())
