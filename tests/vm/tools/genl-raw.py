#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send hand-made (and deliberately malformed) requests to the kdns generic
netlink family, and check the error and extack message the kernel answers,
where kdnsctl would never send such requests.

    genl-raw.py CASE       run one named case (see CASES), exit 0 if it behaves
"""
import errno
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 16, 3, 1, 2
NETLINK_EXT_ACK = 11
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS = 1, 2

# From include/uapi/linux/kdns.h
CMD = {"GET_STATS": 1, "ZONE_BEGIN": 2, "ZONE_ADD": 3, "ZONE_COMMIT": 4, "ZONE_DEL": 5,
       "LOOKUP": 7}
A_FLAGS, A_ZONE_NAME, A_ZONE_RRS, A_LOOKUP_NAME, A_LOOKUP_TYPE = 2, 4, 5, 11, 12


def attr(atype, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, atype) + payload + b"\0" * ((4 - n % 4) % 4)


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.bind((0, 0))
        self.s.setsockopt(270, NETLINK_EXT_ACK, 1)   # SOL_NETLINK
        self.seq = 1
        self.offset = None      # the last error's NLMSGERR_ATTR_OFFS
        err, _, payload = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                       attr(CTRL_ATTR_FAMILY_NAME, b"kdns\0"))
        if err:
            raise SystemExit("kdns family: %s" % os.strerror(err))
        self.family = None
        off = 4
        while off + 4 <= len(payload):
            n, t = struct.unpack_from("=HH", payload, off)
            if t == CTRL_ATTR_FAMILY_ID:
                self.family = struct.unpack_from("=H", payload, off + 4)[0]
            off += (n + 3) & ~3

    def request(self, family, cmd, attrs, version=1, reserved=0):
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, reserved) + attrs
        msg = struct.pack("=IHHII", 16 + len(body), family, NLM_F_REQUEST | NLM_F_ACK,
                          self.seq, 0) + body
        self.s.send(msg)
        payload = b""
        while True:
            data = self.s.recv(65536)
            off = 0
            while off < len(data):
                n, t, flags, seq, pid = struct.unpack_from("=IHHII", data, off)
                if t == NLMSG_ERROR:
                    err = -struct.unpack_from("=i", data, off + 16)[0]
                    msg_text = None
                    self.offset = None
                    # extack TLVs follow the echoed header (capped) or request.
                    echo_len = 16 if flags & 0x100 else struct.unpack_from("=I", data, off + 20)[0]
                    toff = off + 20 + echo_len
                    while toff + 4 <= off + n:
                        an, at = struct.unpack_from("=HH", data, toff)
                        if at == NLMSGERR_ATTR_MSG:
                            msg_text = data[toff + 4:toff + an].rstrip(b"\0").decode()
                        elif at == NLMSGERR_ATTR_OFFS:
                            self.offset = struct.unpack_from("=I", data, toff + 4)[0]
                        toff += (an + 3) & ~3
                    return err, msg_text, payload
                payload = data[off + 16:off + n]
                off += (n + 3) & ~3

    def kdns(self, cmd, attrs=b""):
        return self.request(self.family, CMD[cmd], attrs)


def expect(result, err, text):
    got_err, got_text, _ = result
    print("  errno %s, extack %r" % (errno.errorcode.get(got_err, got_err), got_text))
    if got_err != err or (text and (not got_text or text not in got_text)):
        print("  expected errno %s and a message with %r" % (errno.errorcode[err], text))
        sys.exit(1)


def case_bad_name(g):
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x07example\x03co")), errno.EINVAL,
           "KDNS_A_ZONE_NAME")


def case_missing_name(g):
    expect(g.kdns("ZONE_BEGIN"), errno.EINVAL, "KDNS_A_ZONE_NAME")


def case_add_without_begin(g):
    expect(g.kdns("ZONE_ADD", attr(A_ZONE_RRS, b"")), errno.ENOENT, "no zone load")


def case_truncated_record(g):
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x04test\0")), 0, None)
    rr = b"\x06\x04test\x00" + struct.pack("!HHIH", 1, 1, 60, 4) + b"\xc0\x00"
    expect(g.kdns("ZONE_ADD", attr(A_ZONE_RRS, rr)), errno.EINVAL, "KDNS_A_ZONE_RRS")
    # The load was abandoned: commit has nothing to commit.
    expect(g.kdns("ZONE_COMMIT"), errno.ENOENT, "no zone load")


def case_bad_record(g):
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x04test\0")), 0, None)
    rr = b"\x06\x04test\x00" + struct.pack("!HHIH", 1, 1, 60, 3) + b"\xc0\x00\x02"
    expect(g.kdns("ZONE_ADD", attr(A_ZONE_RRS, rr)), errno.EINVAL, "RDATA")


def case_bad_record_offset(g):
    """The 17th of 20 records is refused: the extack's offset is its first byte."""
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x04test\0")), 0, None)
    good = [b"\x08\x01%c\x04test\x00" % (97 + i) + struct.pack("!HHIH", 1, 1, 60, 4)
            + bytes([192, 0, 2, i]) for i in range(20)]
    bad = b"\x06\x04test\x00" + struct.pack("!HHIH", 1, 1, 60, 3) + b"\xc0\x00\x02"
    rrs = b"".join(good[:16]) + bad + b"".join(good[17:])
    expect(g.kdns("ZONE_ADD", attr(A_ZONE_RRS, rrs)), errno.EINVAL, "RDATA")
    # nlmsghdr 16, genlmsghdr 4, the attribute's header 4, then 16 records.
    want = 16 + 4 + 4 + len(b"".join(good[:16]))
    print("  offset %s, the 17th record is at %d" % (g.offset, want))
    if g.offset != want:
        sys.exit(1)


def case_attribute_of_another_command(g):
    """Each command takes its own attributes only (per-command policies)."""
    name = attr(A_ZONE_NAME, b"\x04test\0")
    expect(g.kdns("GET_STATS", name), errno.EINVAL, "attribute")
    expect(g.kdns("ZONE_ADD", name), errno.EINVAL, "attribute")
    expect(g.kdns("LOOKUP", attr(A_LOOKUP_NAME, b"\x04test\0") +
                  attr(A_LOOKUP_TYPE, struct.pack("=H", 1)) + attr(A_ZONE_RRS, b"")),
           errno.EINVAL, "attribute")
    # ZONE_COMMIT takes none: refused before it runs, the load stays.
    expect(g.kdns("ZONE_BEGIN", name), 0, None)
    expect(g.kdns("ZONE_COMMIT", name), errno.EINVAL, "attribute")
    expect(g.kdns("ZONE_BEGIN", name), errno.EBUSY, "in progress")


def case_commit_without_soa(g):
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x04test\0")), 0, None)
    rr = b"\x06\x04test\x00" + struct.pack("!HHIH", 1, 1, 60, 4) + b"\xc0\x00\x02\x01"
    expect(g.kdns("ZONE_ADD", attr(A_ZONE_RRS, rr)), 0, None)
    expect(g.kdns("ZONE_COMMIT"), errno.EINVAL, "no SOA")


def case_unknown_attribute(g):
    expect(g.kdns("GET_STATS", attr(200, b"\0\0\0\0")), errno.EINVAL, None)


def case_bad_flags(g):
    expect(g.kdns("GET_STATS", attr(A_FLAGS, struct.pack("=I", 0x80))), errno.EINVAL, None)


def case_reserved_header(g):
    """The genetlink header's reserved field must be zero (strict family)."""
    expect(g.request(g.family, CMD["GET_STATS"], b"", reserved=1), errno.EINVAL, None)


def case_two_begins(g):
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x04test\0")), 0, None)
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x04test\0")), errno.EBUSY, "in progress")


def case_del_missing(g):
    expect(g.kdns("ZONE_DEL", attr(A_ZONE_NAME, b"\x07missing\0")), errno.ENOENT, "no such zone")


def case_eperm(g):
    expect(g.kdns("GET_STATS"), errno.EPERM, None)


def case_abandoned_load(g):
    """Begin and add, then close the socket: the kernel frees the load."""
    expect(g.kdns("ZONE_BEGIN", attr(A_ZONE_NAME, b"\x04test\0")), 0, None)
    rr = b"\x06\x04test\x00" + struct.pack("!HHIH", 1, 1, 60, 4) + b"\xc0\x00\x02\x01"
    expect(g.kdns("ZONE_ADD", attr(A_ZONE_RRS, rr * 100)), 0, None)
    g.s.close()


if __name__ == "__main__":
    name = sys.argv[1]
    print("case %s" % name)
    globals()["case_" + name](Genl())
