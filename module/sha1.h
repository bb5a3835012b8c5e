/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-1 (FIPS 180-4), for NSEC3 owner hashes (RFC 5155), which signed zones
 * fix to SHA-1: the one hash algorithm of NSEC3. Part of the answer engine:
 * portable.h only, no allocation; the same code in the kernel and in the
 * userspace tests.
 */
#ifndef KDNS_SHA1_H
#define KDNS_SHA1_H

#include "portable.h"

#define KDNS_SHA1_LEN	20

struct kdns_sha1 {
	u32 h[5];
	u64 bytes;		/* hashed so far */
	u8 block[64];		/* bytes % 64 of them wait here */
};

void kdns_sha1_init(struct kdns_sha1 *s);
void kdns_sha1_update(struct kdns_sha1 *s, const u8 *p, size_t len);
void kdns_sha1_final(struct kdns_sha1 *s, u8 out[KDNS_SHA1_LEN]);

/*
 * The NSEC3 hash of a name (RFC 5155 5): SHA-1 of the name in wire form
 * (lower-cased by the caller) and the salt, then iterations times more of
 * the digest and the salt.
 */
void kdns_nsec3_hash(const u8 *lname, size_t name_len, const u8 *salt, size_t salt_len,
		     unsigned int iterations, u8 out[KDNS_SHA1_LEN]);

#endif /* KDNS_SHA1_H */
