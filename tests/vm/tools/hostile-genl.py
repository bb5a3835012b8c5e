#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""What an unprivileged user (root of its own user and network namespace)
could once do to the kernel through the kdns family, each as a named case
that exits 0 when the module holds:

    hostile-genl.py dump-reload [ROUNDS]
        a slow ZONE_SHOW reader (one recv at a time) while another socket
        unloads and reloads the zone with fewer records per RRset: every dump
        ends complete or with EAGAIN, never reads past the new zone
    hostile-genl.py parallel-loads LIMIT
        four loads in progress side by side, each of a third of LIMIT: what
        commits stays within LIMIT (mem_limit), the rest is refused ENOSPC;
        then one such load alone commits
    hostile-genl.py loads-cap
        loads in progress per namespace are capped
    hostile-genl.py load-mib MIB [HOLD]
        one zone of about MIB MiB through one socket; prints the errno and
        the extack message on failure and exits 1; with HOLD, exits (and so
        lets its namespace and zone go) only once the file HOLD exists
    hostile-genl.py commit-vs-ctrl RECORDS
        while a zone of RECORDS records commits, another socket's family
        lookup (CTRL_CMD_GETFAMILY) completes before the commit does
    hostile-genl.py killed-commit NAMES [SECONDS]
        a signed zone made to build slowly (NSEC3, 150 iterations, a 255-byte
        salt, NAMES delegations whose names the builder hashes all the same)
        commits in a child process, killed (SIGKILL) a second in: it must end
        within SECONDS (default 10), not when the build would have; the zone
        is not listed, and the next load commits
    hostile-genl.py slow-dump [RECORDS]
        loads a zone of RECORDS TXT records (default 1200), begins a
        ZONE_SHOW dump of it and reads its first part, prints "ready", then
        waits for a line on standard input: "finish" reads the rest, which
        must be the whole zone; EOF leaves the dump unread. The dump holds
        the module (rmmod refuses) until it ends or its socket is closed.
"""
import errno
import hashlib
import importlib.util
import itertools
import threading
import os
import signal
import socket
import struct
import sys
import time

from dnswire import wire

_spec = importlib.util.spec_from_file_location(
    "genl_raw", os.path.join(os.path.dirname(os.path.abspath(__file__)), "genl-raw.py"))
genl_raw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(genl_raw)
Genl, attr, A_ZONE_NAME, A_ZONE_RRS = (genl_raw.Genl, genl_raw.attr, genl_raw.A_ZONE_NAME,
                                       genl_raw.A_ZONE_RRS)
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
CMD_ZONE_COMMIT, CMD_ZONE_GET, CMD_ZONE_SHOW = 4, 6, 8
A_ZONE_BYTES = 8
T_A, T_NS, T_SOA, T_TXT = 1, 2, 6, 16


def rr(owner, rtype, rdata, ttl=300):
    o = wire(owner)
    return bytes([len(o)]) + o + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata


def txt(n, size=100):
    s = (b"%d-" % n).ljust(size, b"x")[:size]
    return bytes([len(s)]) + s


def apex_rrs(apex):
    soa = wire("ns." + apex) + wire("admin." + apex) + struct.pack("!IIIII", 1, 3600, 600,
                                                                    86400, 300)
    return rr(apex, T_SOA, soa) + rr(apex, T_NS, wire("ns." + apex)) + \
        rr("ns." + apex, T_A, b"\xc6\x12\x00\x02")


def batches(records, size=30000):
    """Records joined into ZONE_ADD payloads of about size bytes."""
    buf = b""
    for r in records:
        if len(buf) + len(r) > size:
            yield buf
            buf = b""
        buf += r
    if buf:
        yield buf


def load(g, apex, records):
    """BEGIN, ADD..., COMMIT on g; (errno, message) of the first failure."""
    err, text, _ = g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, wire(apex)))
    if err:
        return err, text
    for b in batches(itertools.chain([apex_rrs(apex)], records)):
        err, text, _ = g.kdns("ZONE_ADD", attr(A_ZONE_RRS, b))
        if err:
            return err, text
    err, text, _ = g.kdns("ZONE_COMMIT")
    return err, text


def dump_start(g, cmd, attrs=b""):
    g.seq += 1
    body = struct.pack("=BBH", cmd, 1, 0) + attrs
    g.s.send(struct.pack("=IHHII", 16 + len(body), g.family, NLM_F_REQUEST | NLM_F_DUMP,
                         g.seq, 0) + body)


def dump_recv(g):
    """One recv of a dump: (messages' payloads, None) or (None, errno at DONE)."""
    data = g.s.recv(1 << 20)
    msgs, off = [], 0
    while off < len(data):
        n, t = struct.unpack_from("=IH", data, off)
        if t == NLMSG_DONE:
            return msgs, -struct.unpack_from("=i", data, off + 16)[0]
        if t == NLMSG_ERROR:
            return msgs, -struct.unpack_from("=i", data, off + 16)[0]
        msgs.append(data[off + 20:off + n])
        off += (n + 3) & ~3
    return msgs, None


def zone_listed(g, apex):
    """Is the zone in the namespace's ZONE_GET dump?"""
    dump_start(g, CMD_ZONE_GET)
    found, done = False, None
    while done is None:
        msgs, done = dump_recv(g)
        found = found or any(wire(apex) in m for m in msgs)
    return found


def zone_bytes(g):
    """Sum of KDNS_A_ZONE_BYTES over the namespace's zones."""
    dump_start(g, CMD_ZONE_GET)
    total, done = 0, None
    while done is None:
        msgs, done = dump_recv(g)
        for m in msgs:
            off = 0
            while off + 4 <= len(m):
                n, t = struct.unpack_from("=HH", m, off)
                if t == A_ZONE_BYTES:
                    total += struct.unpack_from("=Q", m, off + 4)[0]
                off += (n + 3) & ~3
    return total


def count_records(msgs):
    """Records in the KDNS_A_ZONE_RRS attributes of ZONE_SHOW messages."""
    n = 0
    for m in msgs:
        off = 0
        while off + 4 <= len(m):
            alen, atype = struct.unpack_from("=HH", m, off)
            if atype == A_ZONE_RRS:
                p, end = off + 4, off + alen
                while p < end:
                    olen = m[p]
                    rdlen = struct.unpack_from("!H", m, p + 1 + olen + 8)[0]
                    p += 1 + olen + 10 + rdlen
                    n += 1
            off += (alen + 3) & ~3
    return n


def case_dump_reload(rounds=40):
    rounds = int(rounds)
    apex = "dump.test."
    names = ["n%d.%s" % (i, apex) for i in range(4)]
    big = [rr(n, T_TXT, txt(i)) for n in names for i in range(300)]
    small = [rr(n, T_TXT, txt(0)) for n in names]
    # A complete dump shows one version of the zone, whole (3: SOA, NS, A).
    whole = (len(big) + 3, len(small) + 3)
    loader = Genl()
    assert load(loader, apex, big) == (0, None)
    outcomes = {}
    for i in range(rounds):
        reader = Genl()
        reader.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        dump_start(reader, CMD_ZONE_SHOW, attr(A_ZONE_NAME, wire(apex)))
        got, done = dump_recv(reader)
        # Mid-dump: unload and load again, with one record per RRset where
        # the dump stands in an RRset of 300.
        err, text, _ = loader.kdns("ZONE_DEL", attr(A_ZONE_NAME, wire(apex)))
        assert err == 0, (err, text)
        assert load(loader, apex, small if i % 2 == 0 else big) == (0, None)
        records = count_records(got)
        while done is None:
            got, done = dump_recv(reader)
            records += count_records(got)
        outcomes[done] = outcomes.get(done, 0) + 1
        if done not in (0, errno.EAGAIN):
            print("round %d: the dump ended with %s" % (i, os.strerror(done)))
            return 1
        if done == 0 and records not in whole:
            print("round %d: a complete dump of %d records, of no version of the zone %s" %
                  (i, records, whole))
            return 1
        reader.s.close()
        assert load(loader, apex, big) == (0, None)
    print("%d rounds; dumps ended: %s" % (rounds, ", ".join(
        "%s x%d" % ("complete" if k == 0 else errno.errorcode[k], v)
        for k, v in sorted(outcomes.items()))))
    return 0 if outcomes.get(errno.EAGAIN) else 1


def zone_records(apex, nbytes, size=200):
    """TXT records, one name each, for about nbytes of zone data."""
    per = size + 40 + len(apex)
    return (rr("r%d.%s" % (i, apex), T_TXT, txt(i, size)) for i in range(nbytes // per))


def case_parallel_loads(limit):
    limit = int(limit)
    socks = [Genl() for _ in range(4)]
    apexes = ["p%d.test." % i for i in range(4)]
    results = []
    for g, apex in zip(socks, apexes):
        err, text, _ = g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, wire(apex)))
        assert err == 0, (err, text)
    # Four loads of a third of the limit each, added side by side.
    loads = [list(batches(itertools.chain([apex_rrs(a)], zone_records(a, limit // 3))))
             for a in apexes]
    failed = [None] * 4
    for step in range(max(len(b) for b in loads)):
        for i, g in enumerate(socks):
            if failed[i] is None and step < len(loads[i]):
                err, text, _ = g.kdns("ZONE_ADD", attr(A_ZONE_RRS, loads[i][step]))
                if err:
                    failed[i] = (err, text)
    for i, g in enumerate(socks):
        if failed[i] is None:
            err, text, _ = g.request(g.family, CMD_ZONE_COMMIT, b"")
            if err:
                failed[i] = (err, text)
        results.append(failed[i] or (0, None))
        print("load %d: %s %s" % (i, errno.errorcode.get(results[-1][0], "ok"),
                                 results[-1][1] or ""))
    total = zone_bytes(socks[0])
    print("committed: %d bytes under a limit of %d" % (total, limit))
    refused = [r for r in results if r[0]]
    ok = total <= limit and refused and all(r[0] == errno.ENOSPC for r in refused)
    # Alone, such a load fits.
    for a in apexes:
        socks[0].kdns("ZONE_DEL", attr(A_ZONE_NAME, wire(a)))
    alone = load(socks[0], apexes[0], zone_records(apexes[0], limit // 3))
    print("the same load alone: %s" % (errno.errorcode.get(alone[0], "ok"),))
    return 0 if ok and alone[0] == 0 else 1


def case_loads_cap():
    socks = [Genl() for _ in range(64)]
    errs = [g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, wire("c%d.test." % i)))
            for i, g in enumerate(socks)]
    began = sum(1 for e in errs if e[0] == 0)
    refused = [e for e in errs if e[0]]
    print("%d of 64 loads began; refused: %s" % (began, refused[:1]))
    return 0 if 0 < began < 64 and all(e[0] == errno.EBUSY for e in refused) else 1


def case_load_mib(mib, hold=None):
    apex = "big.test."
    g = Genl()
    err, text = load(g, apex, zone_records(apex, int(float(mib) * (1 << 20))))
    if err:
        print("load: %s: %s" % (errno.errorcode.get(err, err), text), flush=True)
    else:
        print("load: ok", flush=True)
    # The namespace, and the zone in it, live until the file HOLD exists.
    deadline = time.monotonic() + 1800
    while hold and not os.path.exists(hold) and time.monotonic() < deadline:
        time.sleep(0.2)
    return 1 if err else 0


def case_commit_vs_ctrl(records):
    """A family lookup from another socket while a zone commits: it must
    finish while the commit is still under way (its zone not yet listed),
    not wait behind genl_mutex. A request to the kernel runs in the
    sender's send(): the commit is sent from a thread of its own."""
    apex = "commit.test."
    g = Genl()
    err, text, _ = g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, wire(apex)))
    assert err == 0, (err, text)
    recs = (rr("r%d.%s" % (i, apex), T_A, struct.pack("!I", i)) for i in range(int(records)))
    for b in batches(itertools.chain([apex_rrs(apex)], recs), 60000):
        err, text, _ = g.kdns("ZONE_ADD", attr(A_ZONE_RRS, b))
        assert err == 0, (err, text)
    g.seq += 1
    body = struct.pack("=BBH", CMD_ZONE_COMMIT, 1, 0)
    msg = struct.pack("=IHHII", 16 + len(body), g.family, NLM_F_REQUEST | NLM_F_ACK,
                      g.seq, 0) + body
    done = threading.Event()

    def commit():
        g.s.send(msg)
        done.set()

    t0 = time.monotonic()
    committer = threading.Thread(target=commit)
    committer.start()
    time.sleep(0.02)    # the commit is under way in the kernel
    if done.is_set():
        print("the commit finished within 20 ms: too small a zone to tell")
        return 1
    ctrl = Genl()       # its constructor looks the family up
    lookup = time.monotonic() - t0
    # Was the commit still under way? Then its zone is not listed yet.
    commit_done_first = zone_listed(ctrl, apex)
    committer.join()
    total = time.monotonic() - t0
    data = g.s.recv(65536)
    err = -struct.unpack_from("=i", data, 16)[0]
    print("family lookup done %.3f s, commit acked %.3f s after the commit began (%s); %s" % (
        lookup, total, os.strerror(err) if err else "ok",
        "the commit finished first" if commit_done_first else "the lookup finished first"))
    ctrl.s.close()
    return 0 if not commit_done_first and err == 0 else 1


def nsec3_hash(name, salt, iterations):
    """RFC 5155 5: SHA-1 of the name and salt, then iterations more."""
    h = hashlib.sha1(wire(name) + salt).digest()
    for _ in range(iterations):
        h = hashlib.sha1(h + salt).digest()
    return h


def b32hex(digest):
    """A 20-byte digest in base32hex, lower case (RFC 4648 7)."""
    v = int.from_bytes(digest, "big")
    return "".join("0123456789abcdefghijklmnopqrstuv"[(v >> (5 * (31 - i))) & 31]
                   for i in range(32))


def case_killed_commit(names, seconds=10):
    apex = "slow-nsec3.test."
    T_RRSIG, T_NSEC3, T_NSEC3PARAM = 46, 50, 51
    salt, iterations = bytes(range(255)), 150
    soa = wire("ns.example.net.") + wire("admin.example.net.") + struct.pack("!IIIII", 1, 3600,
                                                                             600, 86400, 300)
    sig = struct.pack("!HBBIIIH", T_SOA, 13, 2, 300, 0x70000000, 0x60000000, 1) + wire(apex) + \
        b"\xaa" * 64
    param = struct.pack("!BBHB", 1, 0, iterations, len(salt)) + salt
    h = nsec3_hash(apex, salt, iterations)
    # The chain: the apex's NSEC3 alone (its next hash, itself). The
    # delegations have no DS: opted out, they need none, and are hashed.
    nsec3 = struct.pack("!BBHB", 1, 1, iterations, len(salt)) + salt + bytes([20]) + h
    recs = [rr(apex, T_SOA, soa), rr(apex, T_NS, wire("ns.example.net.")),
            rr(apex, T_RRSIG, sig), rr(apex, T_NSEC3PARAM, param),
            rr(b32hex(h) + "." + apex, T_NSEC3, nsec3)]
    recs += [rr("d%d.%s" % (i, apex), T_NS, wire("ns.example.net.")) for i in range(int(names))]
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        g = Genl()
        err, text, _ = g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, wire(apex)))
        for b in batches(recs, 60000):
            if not err:
                err, text, _ = g.kdns("ZONE_ADD", attr(A_ZONE_RRS, b))
        os.write(w, b"c")
        if not err:
            err, text, _ = g.kdns("ZONE_COMMIT")
        print("the commit ended: %s %s" % (os.strerror(err) if err else "ok", text), flush=True)
        os._exit(0)
    os.close(w)
    os.read(r, 1)
    time.sleep(1)
    t0 = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    took = time.monotonic() - t0
    g = Genl()
    listed = zone_listed(g, apex)
    err, text = load(g, "after.test.", [])
    print("killed a second into the commit: gone %.2f s later; the zone %s; the next load: %s" % (
        took, "listed (the commit had ended: too small a zone)" if listed else "not listed",
        os.strerror(err) if err else "committed"))
    return 0 if took < float(seconds) and not listed and err == 0 else 1


def case_slow_dump(records=1200):
    apex = "slow.test."
    recs = [rr("r%d.%s" % (i, apex), T_TXT, txt(i)) for i in range(int(records))]
    g = Genl()
    assert load(g, apex, recs) == (0, None)
    reader = Genl()
    reader.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    dump_start(reader, CMD_ZONE_SHOW, attr(A_ZONE_NAME, wire(apex)))
    got, done = dump_recv(reader)
    n = count_records(got)
    if done is not None:
        print("the dump ended in its first part: %d records" % n)
        return 1
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "finish":
        return 0
    while done is None:
        got, done = dump_recv(reader)
        n += count_records(got)
    print("dump ended: %s, %d records" % (os.strerror(done) if done else "complete", n))
    return 0 if done == 0 and n == len(recs) + 3 else 1


if __name__ == "__main__":
    name = sys.argv[1].replace("-", "_")
    print("case %s" % sys.argv[1])
    sys.exit(globals()["case_" + name](*sys.argv[2:]))
