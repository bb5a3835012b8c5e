#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send malformed and mutated DNS queries to UDP port 53 of a kdns server,
over IPv4 and IPv6, and check now and then that the server still answers a
valid query correctly. Run in the client namespace of tests/lib.sh's
netns_pair (198.18.0.1, 2001:db8::1 to 198.18.0.2, 2001:db8::2).

    packet-fuzz.py [-n N] [--seed S] [--canary-every K] [--zone FILE]...
                   [--canary NAME/TYPE/ANSWER[,ANSWER]]... [--same-size-runs P]

At least N datagrams (default 50000), made from queries for the names of the
zone files (examples/example.com.zone by default): bit flips and byte
mutations, compression-pointer loops and chains, huge section counts, garbage
and oversized EDNS OPT records, random QTYPEs, classes, opcodes and flags,
responses (QR=1), tiny datagrams (0 to 11 bytes), large ones (up to 1400
bytes, and 4000 bytes, fragmented), and through raw sockets UDP headers whose
length lies, wrong or missing checksums, IPv4 options. Sent in batches with
sendto(2) (or with --mmsg in batches with sendmmsg(2), which from Python
costs more per datagram than it saves); answers are read and counted, not
checked.

--same-size-runs P: with probability P a datagram is followed by up to 31
more of its size, bit flips of it or copies, for a server whose veth does GRO
(which merges such runs of one flow into one packet).

Before the first datagram, every K datagrams (default 5000) and at the end,
the canaries: each --canary query (default www.example.com A 192.0.2.80 and
www.example.com AAAA 2001:db8::80), over IPv4 and over IPv6, must get an
authoritative NOERROR answer with exactly those records (three tries of 3 s
each). Exit status 1 if one does not.

What is sent depends on the seed only: --seed S --print FROM:TO prints the
datagrams FROM..TO-1 of that seed in hex (and sends nothing).
"""
import argparse
import ctypes
import os
import random
import select
import socket
import struct
import sys
import time

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype

from dnswire import csum, wire

SRC4, DST4 = "198.18.0.1", "198.18.0.2"
SRC6, DST6 = "2001:db8::1", "2001:db8::2"
BATCH = 64

QTYPES = [1, 2, 5, 6, 12, 13, 15, 16, 28, 33, 35, 39, 43, 46, 48, 52, 64, 65, 99, 249, 250,
          251, 252, 253, 254, 255, 256, 257, 0, 41, 32768, 65280, 65535]


# -- sendmmsg through ctypes

class IOVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class MsgHdr(ctypes.Structure):
    _fields_ = [("name", ctypes.c_void_p), ("namelen", ctypes.c_uint32),
                ("iov", ctypes.POINTER(IOVec)), ("iovlen", ctypes.c_size_t),
                ("control", ctypes.c_void_p), ("controllen", ctypes.c_size_t),
                ("flags", ctypes.c_int)]


class MMsgHdr(ctypes.Structure):
    _fields_ = [("hdr", MsgHdr), ("len", ctypes.c_uint)]


libc = ctypes.CDLL(None, use_errno=True)
try:
    sendmmsg = libc.sendmmsg
    sendmmsg.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_uint, ctypes.c_int]
    sendmmsg.restype = ctypes.c_int
except AttributeError:
    sendmmsg = None


def send_batch(s, addr, batch, drain):
    """Send the datagrams of batch to addr (a struct sockaddr in a ctypes
    buffer) with sendmmsg(2); returns how many the stack refused."""
    n = len(batch)
    msgs = (MMsgHdr * n)()
    iovs = (IOVec * n)()
    keep = []
    for i, d in enumerate(batch):
        b = ctypes.create_string_buffer(d, len(d) or 1)
        keep.append(b)
        iovs[i].base = ctypes.addressof(b)
        iovs[i].len = len(d)
        h = msgs[i].hdr
        h.name = ctypes.addressof(addr)
        h.namelen = len(addr.raw)
        h.iov = ctypes.pointer(iovs[i])
        h.iovlen = 1
    done = refused = 0
    while done < n:
        r = sendmmsg(s.fileno(), ctypes.addressof(msgs) + done * ctypes.sizeof(MMsgHdr),
                     n - done, 0)
        if r > 0:
            done += r
            continue
        err = ctypes.get_errno()
        if err in (11, 105):            # EAGAIN, ENOBUFS: let the stack drain
            drain()
            select.select([], [s], [], 0.05)
            continue
        # EMSGSIZE and the like: this datagram is not sent; the next ones are.
        refused += 1
        done += 1
    return refused


def sockaddr(family, addr, port):
    if family == socket.AF_INET:
        return struct.pack("=H", family) + struct.pack("!H", port) + \
            socket.inet_pton(family, addr) + bytes(8)
    return struct.pack("=H", family) + struct.pack("!HI", port, 0) + \
        socket.inet_pton(family, addr) + struct.pack("=I", 0)


class Sender:
    """An unconnected UDP socket to port 53 of one address, batching sends."""

    def __init__(self, family, dst, mmsg):
        self.family, self.dst = family, dst
        self.s = socket.socket(family, socket.SOCK_DGRAM)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.s.setblocking(False)
        self.addr = ctypes.create_string_buffer(sockaddr(family, dst, 53))
        self.mmsg = mmsg and sendmmsg is not None
        self.pending = []
        self.sent = self.refused = self.answers = 0
        self.buf = bytearray(65536)

    def add(self, data):
        self.pending.append(data)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self):
        batch, self.pending = self.pending, []
        if not batch:
            return
        if not self.mmsg:
            for d in batch:
                self.send_one(d)
            self.drain()
            return
        self.refused += send_batch(self.s, self.addr, batch, self.drain)
        self.sent += len(batch)
        self.drain()

    def send_one(self, d):
        while True:
            try:
                self.s.sendto(d, (self.dst, 53))
                self.sent += 1
                return
            except BlockingIOError:
                self.drain()
                select.select([], [self.s], [], 0.05)
            except OSError:
                self.refused += 1
                self.sent += 1
                return

    def drain(self):
        while True:
            try:
                self.s.recv_into(self.buf)
                self.answers += 1
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                # An ICMP error reported on the socket: no answer.
                continue


def zone_names(path):
    """The owner names of a zone file (a simple reading: $ORIGIN, @, relative
    owners, blank owner = the previous one)."""
    names, origin, last = [], ".", None
    with open(path) as f:
        for line in f:
            line = line.split(";", 1)[0].rstrip()
            if not line:
                continue
            if line.startswith("$ORIGIN"):
                origin = line.split()[1]
                continue
            if line.startswith("$"):
                continue
            if line[0] in " \t":
                owner = last
            else:
                o = line.split()[0]
                owner = origin if o == "@" else o if o.endswith(".") else o + "." + origin
            if owner and owner not in names:
                names.append(owner)
            last = owner
    return names


class Gen:
    """The datagrams of one seed."""

    def __init__(self, seed, names):
        self.rng = random.Random(seed)
        self.names = names

    def rand_bytes(self, n):
        return self.rng.getrandbits(8 * n).to_bytes(n, "little") if n else b""

    def qname(self):
        r = self.rng.random()
        name = self.rng.choice(self.names)
        labels = [x for x in name.strip(".").split(".") if x]
        labels = [("x%d" % self.rng.randrange(100) if x == "*" else x) for x in labels]
        if r < 0.15:
            labels.insert(0, "nx%d" % self.rng.randrange(1000))
        elif r < 0.2:
            labels = ["".join(c.upper() if self.rng.random() < 0.5 else c for c in x)
                      for x in labels]
        elif r < 0.22:
            labels = ["a" * 63] * 3 + labels
        return wire(".".join(labels) + ".")

    def opt(self, payload=1232, do=False, options=b"", version=0, rcode_hi=0):
        ttl = (rcode_hi << 24) | (version << 16) | (0x8000 if do else 0)
        return b"\0" + struct.pack("!HHIH", 41, payload, ttl, len(options)) + options

    def query(self, qtype=None, edns=None):
        qid = self.rng.randrange(1 << 16)
        qtype = self.rng.choice([1, 1, 1, 28, 28, 2, 6, 15, 16, 255, 5, 33, 43]) \
            if qtype is None else qtype
        edns = self.rng.random() < 0.5 if edns is None else edns
        flags = 0x0100 if self.rng.random() < 0.5 else 0
        q = struct.pack("!HHHHHH", qid, flags, 1, 0, 0, 1 if edns else 0) + \
            self.qname() + struct.pack("!HH", qtype, 1)
        if edns:
            q += self.opt(self.rng.choice([512, 1232, 4096]), self.rng.random() < 0.3)
        return q

    def mutate(self, q):
        b = bytearray(q)
        for _ in range(self.rng.choice([1, 1, 2, 3, 5])):
            r = self.rng.random()
            if not b or r < 0.05:
                b += self.rand_bytes(self.rng.randrange(1, 16))
            elif r < 0.4:
                i = self.rng.randrange(len(b))
                b[i] ^= 1 << self.rng.randrange(8)
            elif r < 0.6:
                b[self.rng.randrange(len(b))] = self.rng.choice(
                    [0, 1, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xc0, 0xff, self.rng.randrange(256)])
            elif r < 0.7:
                i = self.rng.randrange(len(b))
                del b[i:i + self.rng.randrange(1, 8)]
            elif r < 0.8:
                i = self.rng.randrange(len(b) + 1)
                b[i:i] = self.rand_bytes(self.rng.randrange(1, 8))
            elif r < 0.9:
                del b[self.rng.randrange(len(b)):]
            else:
                # A pointer somewhere.
                i = self.rng.randrange(len(b))
                b[i:i + 2] = struct.pack("!H", 0xc000 | self.rng.randrange(0, len(b) + 16))
        return bytes(b)

    def k_valid(self):
        return self.query()

    def k_bitflip(self):
        q = bytearray(self.query())
        for _ in range(self.rng.randrange(1, 9)):
            i = self.rng.randrange(len(q) * 8)
            q[i // 8] ^= 1 << (i % 8)
        return bytes(q)

    def k_bytes(self):
        return self.mutate(self.query())

    def k_header(self):
        q = bytearray(self.query())
        r = self.rng.random()
        if r < 0.4:
            q[2:4] = struct.pack("!H", self.rng.randrange(1 << 16))
        elif r < 0.7:
            # opcode
            q[2] = (q[2] & 0x87) | (self.rng.randrange(16) << 3)
        else:
            # Z, AD, CD, TC, AA and RCODE bits
            q[3] = self.rng.randrange(256)
            q[2] |= self.rng.choice([0, 0x02, 0x04])
        return bytes(q)

    def k_qtype(self):
        qtype = self.rng.choice(QTYPES + [self.rng.randrange(1 << 16)])
        q = bytearray(self.query(qtype=qtype))
        if self.rng.random() < 0.5:
            # The class, after the name's root label and the type.
            end = 12
            while q[end]:
                end += q[end] + 1
            q[end + 3:end + 5] = struct.pack(
                "!H", self.rng.choice([0, 2, 3, 4, 254, 255, self.rng.randrange(1 << 16)]))
        return bytes(q)

    def k_qr(self):
        q = bytearray(self.query())
        q[2] |= 0x80
        if self.rng.random() < 0.5:
            # A whole response: ANCOUNT 1 and an answer record.
            q[6:8] = b"\0\1"
            q += b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + bytes([192, 0, 2, 1])
        return bytes(q)

    def k_compression(self):
        """Pointer loops and chains, in the question and in records."""
        qid = self.rng.randrange(1 << 16)
        hdr = struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 0)
        r = self.rng.random()
        if r < 0.2:
            name = b"\xc0\x0c"                       # points at itself
        elif r < 0.4:
            name = b"\x03www\xc0\x0c"                # label, then back to its start
        elif r < 0.5:
            name = b"\xc0\x0e\xc0\x0c"               # two pointers at each other
        elif r < 0.6:
            name = b"\xc0" + bytes([self.rng.randrange(256)])   # anywhere
        elif r < 0.7:
            name = b"\xff\xff"                       # beyond the end
        elif r < 0.8:
            name = b"\xc0\x00"                       # into the header
        else:
            # A question, then records whose owners are long pointer chains.
            qname = self.qname()
            body = qname + struct.pack("!HH", 1, 1)
            chain = b""
            nrec = self.rng.randrange(1, 20)
            pos = 12 + len(body)
            prev = 12
            for _ in range(nrec):
                owner = struct.pack("!H", 0xc000 | prev)
                prev = pos
                rec = owner + struct.pack("!HHIH", 1, 1, 0, 4) + bytes(4)
                chain += rec
                pos += len(rec)
            hdr = struct.pack("!HHHHHH", qid, 0, 1, 0, 0, nrec)
            if self.rng.random() < 0.5:
                # Close the chain into a loop.
                chain = struct.pack("!H", 0xc000 | prev) + chain[2:]
            return hdr + body + chain
        return hdr + name + struct.pack("!HH", 1, 1)

    def k_counts(self):
        q = bytearray(self.query())
        i = self.rng.choice([4, 6, 8, 10])
        q[i:i + 2] = struct.pack("!H", self.rng.choice([0, 2, 0x100, 0x7fff, 0xffff,
                                                        self.rng.randrange(1 << 16)]))
        if self.rng.random() < 0.3:
            q[4:12] = b"\xff" * 8
        return bytes(q)

    def k_edns(self):
        """Garbage OPT records: options whose lengths lie, several OPTs, a
        named OPT, versions, huge padding, OPT in the wrong section."""
        qid = self.rng.randrange(1 << 16)
        body = self.qname() + struct.pack("!HH", self.rng.choice([1, 28, 16]), 1)
        r = self.rng.random()
        options = b""
        for _ in range(self.rng.choice([0, 1, 2, 5, 20])):
            code = self.rng.choice([3, 8, 10, 11, 12, 13, 14, 15, self.rng.randrange(1 << 16)])
            data = self.rand_bytes(self.rng.choice([0, 1, 2, 4, 8, 16, 40]))
            ln = len(data) if self.rng.random() < 0.7 else self.rng.randrange(1 << 16)
            options += struct.pack("!HH", code, ln) + data
        arcount = 1
        if r < 0.4:
            opt = self.opt(self.rng.choice([0, 1, 511, 512, 1232, 65535]),
                           self.rng.random() < 0.5, options,
                           self.rng.choice([0, 0, 1, 255]), self.rng.choice([0, 0, 1, 255]))
        elif r < 0.55:
            # RDLENGTH beyond the datagram, or short of its options.
            opt = b"\0" + struct.pack("!HHIH", 41, 1232, 0,
                                      self.rng.choice([len(options) + 1, 0xffff, 1])) + options
        elif r < 0.65:
            opt = self.opt(options=options) + self.opt()     # two OPTs
            arcount = 2
        elif r < 0.75:
            opt = wire("example.com.") + self.opt(options=options)[1:]   # named OPT
        elif r < 0.9:
            # Oversized: padding to 600..1400 bytes.
            size = self.rng.choice([450, 470, 500, 600, 1000, 1232, 1380])
            pad = bytes(max(0, size - len(body) - 12 - 15))
            opt = self.opt(options=struct.pack("!HH", 12, len(pad)) + pad)
        else:
            # OPT in the answer or authority section.
            opt = self.opt(options=options)
            hdr = struct.pack("!HHHHHH", qid, 0, 1, *self.rng.choice([(1, 0, 0), (0, 1, 0)]))
            return hdr + body + opt
        hdr = struct.pack("!HHHHHH", qid, 0, 1, 0, 0, arcount)
        return hdr + body + opt

    def k_tsig(self):
        q = bytearray(self.query(edns=False))
        q[10:12] = b"\0\1"
        rdata = self.rand_bytes(self.rng.randrange(0, 60))
        q += wire("key.example.") + struct.pack("!HHIH", 250, 255, 0, len(rdata)) + rdata
        return bytes(q)

    def k_two_questions(self):
        q = bytearray(self.query(edns=False))
        q[4:6] = b"\0\2"
        q += self.qname() + struct.pack("!HH", 1, 1)
        return bytes(q)

    def k_tiny(self):
        return self.rand_bytes(self.rng.randrange(0, 12))

    def k_large(self):
        """500 to 1400 bytes: a valid query and junk after it, or junk; the
        512-byte limit of the hook from both sides."""
        q = self.query(edns=False)
        size = self.rng.choice([511, 512, 513, 600, 1000, 1232, 1233, 1400,
                                self.rng.randrange(500, 1401)])
        if self.rng.random() < 0.7:
            return q + self.rand_bytes(max(0, size - len(q)))
        return self.rand_bytes(size)

    def k_fragmented(self):
        q = self.query()
        return q + self.rand_bytes(4000 - len(q))

    KINDS = [("valid", k_valid, 10), ("bit flips", k_bitflip, 18), ("byte mutations", k_bytes, 15),
             ("header bits", k_header, 8), ("qtype/class", k_qtype, 8), ("qr=1", k_qr, 2),
             ("compression", k_compression, 7), ("section counts", k_counts, 5),
             ("edns", k_edns, 10), ("tsig", k_tsig, 1), ("two questions", k_two_questions, 1),
             ("tiny", k_tiny, 3), ("large", k_large, 4), ("4000 bytes", k_fragmented, 0.5),
             ("raw", None, 5)]

    def raw(self, v6):
        """A UDP header and payload for a raw socket: the length field lies
        (or not), the checksum is right, wrong or (IPv4) missing."""
        payload = self.rng.choice([self.query, self.k_bitflip, self.k_tiny])()
        sport = self.rng.randrange(1024, 65536)
        r = self.rng.random()
        if r < 0.3:
            ulen = 8 + len(payload)
        elif r < 0.5:
            ulen = self.rng.randrange(0, 20)
        elif r < 0.7:
            ulen = 8 + len(payload) + self.rng.randrange(1, 600)
        elif r < 0.85:
            ulen = 8 + max(0, len(payload) - self.rng.randrange(1, 12))
        else:
            ulen = self.rng.randrange(1 << 16)
        ulen &= 0xffff
        ck = self.rng.random()
        return payload, sport, ulen, ck

    def next(self):
        kinds = self.KINDS
        i = self.rng.choices(range(len(kinds)), [k[2] for k in kinds])[0]
        v6 = self.rng.random() < 0.5
        name, f = kinds[i][0], kinds[i][1]
        if f is None:
            return name, v6, self.raw(v6)
        return name, v6, f(self)

    def stream(self, runs):
        """The datagrams, one after the other. With probability runs, one
        of them is followed by 1 to 31 more of the same size (bit flips of
        it, or copies): GRO merges such runs of one flow."""
        while True:
            kind, v6, d = self.next()
            yield kind, v6, d
            if runs and not isinstance(d, tuple) and len(d) and self.rng.random() < runs:
                for _ in range(self.rng.randrange(1, 32)):
                    c = bytearray(d)
                    for _ in range(self.rng.choice([0, 0, 1, 2])):
                        c[self.rng.randrange(len(c))] ^= 1 << self.rng.randrange(8)
                    yield "same-size runs", v6, bytes(c)


def udp4_raw(src, dst, payload, sport, ulen, ck, v4opts):
    length = 8 + len(payload)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 17, length)
    hdr = struct.pack("!HHHH", sport, 53, ulen, 0)
    if ck < 0.6:
        c = csum(pseudo + hdr + payload) or 0xffff
    elif ck < 0.8:
        c = 0
    else:
        c = (csum(pseudo + hdr + payload) ^ 0x1234) or 1
    return struct.pack("!HHHH", sport, 53, ulen, c) + payload


class Canary:
    def __init__(self, spec, timeout=3, tries=3):
        name, rtype, answers = spec.split("/")
        self.name, self.rtype = name, rtype
        self.want = sorted(answers.split(","))
        self.timeout, self.tries = timeout, tries

    def ask(self, dst, src):
        family = socket.AF_INET6 if ":" in dst else socket.AF_INET
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.bind((src, 0))
            s.settimeout(self.timeout)
            for attempt in range(1, self.tries + 1):
                q = dns.message.make_query(self.name, self.rtype)
                s.sendto(q.to_wire(), (dst, 53))
                end = time.monotonic() + self.timeout
                while time.monotonic() < end:
                    try:
                        data = s.recv(65535)
                    except socket.timeout:
                        break
                    try:
                        m = dns.message.from_wire(data)
                    except Exception as e:          # noqa: BLE001 - anything malformed
                        return False, "malformed answer %s: %s" % (data.hex(), e)
                    if m.id != q.id:
                        continue
                    got = sorted(rd.to_text() for rr in m.answer for rd in rr)
                    ok = (m.rcode() == dns.rcode.NOERROR and m.flags & dns.flags.AA
                          and got == self.want)
                    return ok, "%s %s: %s %s%s" % (
                        self.name, self.rtype, dns.rcode.to_text(m.rcode()),
                        " ".join(got) or "(no records)",
                        "" if attempt == 1 else " (try %d)" % attempt)
            return False, "%s %s: no answer in %d tries" % (self.name, self.rtype, self.tries)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-n", type=int, default=50000, help="datagrams to send (default 50000)")
    p.add_argument("--seed", type=int)
    p.add_argument("--canary-every", type=int, default=5000)
    p.add_argument("--zone", action="append", help="zone file whose names are queried")
    p.add_argument("--canary", action="append",
                   help="NAME/TYPE/ANSWER[,ANSWER] (IPv4 for A, IPv6 otherwise)")
    p.add_argument("--mmsg", action="store_true",
                   help="send in batches of 64 with sendmmsg(2), not sendto(2) each")
    p.add_argument("--same-size-runs", type=float, default=0.0)
    p.add_argument("--print", help="FROM:TO: print those datagrams of the seed, send nothing")
    args = p.parse_args()
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), "little")
    top = os.path.dirname(os.path.abspath(__file__)) + "/../.."
    zones = args.zone or [top + "/examples/example.com.zone"]
    names = []
    for z in zones:
        names += [n for n in zone_names(z) if n not in names]
    gen = Gen(args.seed, names)
    stream = gen.stream(args.same_size_runs)

    if args.print:
        a, b = (int(x) for x in args.print.split(":"))
        for i in range(b):
            kind, v6, d = next(stream)
            if i >= a:
                if isinstance(d, tuple):
                    payload, sport, ulen, ck = d
                    d = "raw sport %d ulen %d checksum %s payload %s" % (
                        sport, ulen, "right" if ck < 0.6 else "zero" if ck < 0.8 else "wrong",
                        payload.hex())
                else:
                    d = d.hex()
                print("%d %s %s %s" % (i, "ipv6" if v6 else "ipv4", kind, d))
        return 0

    canaries = [Canary(c) for c in (args.canary or ["www.example.com/A/192.0.2.80",
                                                    "www.example.com/AAAA/2001:db8::80"])]
    print("packet-fuzz: seed %d, %d datagrams, names from %s" % (args.seed, args.n,
          " ".join(os.path.basename(z) for z in zones)), flush=True)

    s4 = Sender(socket.AF_INET, DST4, args.mmsg)
    s6 = Sender(socket.AF_INET6, DST6, args.mmsg)
    raw4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
    raw4opt = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
    raw4opt.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, b"\x01\x01\x01\x00")
    raw6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_UDP)
    raw6ck = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_UDP)
    # The kernel fills the UDP checksum in at offset 6 (whatever the length field says).
    raw6ck.setsockopt(socket.IPPROTO_IPV6, 7, 6)    # IPV6_CHECKSUM
    for r in (raw4, raw4opt, raw6, raw6ck):
        r.setblocking(False)

    kinds = {}
    canary_ok = canary_runs = 0
    failures = []
    v4 = v6n = rawn = 0

    def run_canaries(at):
        nonlocal canary_ok, canary_runs
        s4.flush()
        s6.flush()
        for c in canaries:
            for dst, src in ((DST4, SRC4), (DST6, SRC6)):
                ok, text = c.ask(dst, src)
                canary_runs += 1
                canary_ok += ok
                if not ok or at in (0, args.n):
                    print("packet-fuzz: canary after %d datagrams over %s: %s%s"
                          % (at, "IPv4" if dst == DST4 else "IPv6", text,
                             "" if ok else " FAILED"), flush=True)
                if not ok:
                    failures.append("canary after %d datagrams over %s (seed %d): %s"
                                    % (at, "IPv4" if dst == DST4 else "IPv6", args.seed, text))

    start = time.monotonic()
    run_canaries(0)
    for i in range(args.n):
        kind, is6, d = next(stream)
        kinds[kind] = kinds.get(kind, 0) + 1
        if isinstance(d, tuple):
            payload, sport, ulen, ck = d
            rawn += 1
            try:
                if is6:
                    hdr = struct.pack("!HHHH", sport, 53, ulen, 0)
                    if ck < 0.6:
                        raw6ck.sendto(hdr + payload, (DST6, 0))
                    else:
                        raw6.sendto(struct.pack("!HHHH", sport, 53, ulen,
                                                0 if ck < 0.8 else 0x1234) + payload, (DST6, 0))
                else:
                    dg = udp4_raw(SRC4, DST4, payload, sport, ulen, ck, False)
                    (raw4opt if sport % 4 == 0 else raw4).sendto(dg, (DST4, 0))
            except (BlockingIOError, OSError):
                pass
        elif is6:
            v6n += 1
            s6.add(d)
        else:
            v4 += 1
            s4.add(d)
        if args.canary_every and (i + 1) % args.canary_every == 0 and i + 1 < args.n:
            run_canaries(i + 1)
    s4.flush()
    s6.flush()
    elapsed = time.monotonic() - start
    time.sleep(0.2)
    s4.drain()
    s6.drain()
    run_canaries(args.n)

    for k in sorted(kinds):
        print("packet-fuzz:   %-18s %d" % (k, kinds[k]))
    print("packet-fuzz:   answers read       %d" % (s4.answers + s6.answers))
    print("packet-fuzz:   refused by the stack %d" % (s4.refused + s6.refused))
    print("packet-fuzz: seed %d: sent %d datagrams (IPv4 %d, IPv6 %d, raw %d) in %.1f s "
          "(%.0f/s); canaries %d/%d ok" % (args.seed, v4 + v6n + rawn, v4, v6n, rawn, elapsed,
                                           (v4 + v6n + rawn) / max(elapsed, 1e-6),
                                           canary_ok, canary_runs), flush=True)
    for f in failures:
        print("packet-fuzz: FAILED: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
