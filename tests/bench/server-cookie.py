#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A client cookie and the server cookie of RFC 9018 that a server with
SECRET makes for it to CLIENT now, in hex: what a client that has learnt
its cookie sends (for make bench-insn's kdns-cookie).

    server-cookie.py SECRET-HEX CLIENT-ADDRESS CLIENT-COOKIE-HEX
"""
import ipaddress
import sys
import time

M = (1 << 64) - 1


def rotl(x, b):
    return ((x << b) | (x >> (64 - b))) & M


def sipround(v0, v1, v2, v3):
    v0 = (v0 + v1) & M; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
    v2 = (v2 + v3) & M; v3 = rotl(v3, 16); v3 ^= v2
    v0 = (v0 + v3) & M; v3 = rotl(v3, 21); v3 ^= v0
    v2 = (v2 + v1) & M; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
    return v0, v1, v2, v3


def siphash24(key, m):
    k0, k1 = int.from_bytes(key[:8], "little"), int.from_bytes(key[8:], "little")
    v = (0x736f6d6570736575 ^ k0, 0x646f72616e646f6d ^ k1,
         0x6c7967656e657261 ^ k0, 0x7465646279746573 ^ k1)
    n = len(m)
    for i in range(0, n - n % 8, 8):
        w = int.from_bytes(m[i:i + 8], "little")
        v = (v[0], v[1], v[2], v[3] ^ w)
        v = sipround(*sipround(*v))
        v = (v[0] ^ w, v[1], v[2], v[3])
    b = (n & 0xff) << 56 | int.from_bytes(m[n - n % 8:], "little")
    v = sipround(*sipround(v[0], v[1], v[2], v[3] ^ b))
    v = (v[0] ^ b, v[1], v[2] ^ 0xff, v[3])
    for _ in range(4):
        v = sipround(*v)
    return (v[0] ^ v[1] ^ v[2] ^ v[3]).to_bytes(8, "little")


secret, addr, cc = bytes.fromhex(sys.argv[1]), sys.argv[2], bytes.fromhex(sys.argv[3])
head = bytes([1, 0, 0, 0]) + int(time.time()).to_bytes(4, "big")
print((cc + head + siphash24(secret, cc + head + ipaddress.ip_address(addr).packed)).hex())
