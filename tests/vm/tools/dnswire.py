# SPDX-License-Identifier: GPL-2.0
"""What the VM tests' scripts build by hand: names in wire format and the
Internet checksum (RFC 1071) of IP, UDP and ICMP headers. Imported as
`from dnswire import ...` by scripts of this directory."""
import functools
import struct


@functools.lru_cache(maxsize=None)
def wire(name):
    """NAME (dotted, with or without the final dot) in DNS wire format."""
    out = b""
    for label in name.strip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def csum(data):
    """The one's complement of the one's complement sum of DATA's 16-bit
    words (an odd byte padded with zero)."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
