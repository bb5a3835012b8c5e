/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SipHash (Aumasson and Bernstein), keyed with 128 bits, little-endian words:
 * SipHash-1-3 keys the engine's tables (names, rate-limiting buckets), where
 * only kdns computes the hash; SipHash-2-4 makes DNS cookies, which other
 * servers check. Part of the answer engine: portable.h only (and, in the
 * kernel, the kernel's siphash()).
 */
#ifndef KDNS_SIPHASH_H
#define KDNS_SIPHASH_H

#include "portable.h"

#define KDNS_ROTL64(x, b)	((u64)(((x) << (b)) | ((x) >> (64 - (b)))))
#define KDNS_SIPROUND(v0, v1, v2, v3)						\
	do {									\
		v0 += v1; v1 = KDNS_ROTL64(v1, 13); v1 ^= v0; v0 = KDNS_ROTL64(v0, 32); \
		v2 += v3; v3 = KDNS_ROTL64(v3, 16); v3 ^= v2;			\
		v0 += v3; v3 = KDNS_ROTL64(v3, 21); v3 ^= v0;			\
		v2 += v1; v1 = KDNS_ROTL64(v1, 17); v1 ^= v2; v2 = KDNS_ROTL64(v2, 32); \
	} while (0)

/* SipHash-c-d of len bytes at p, with key[0] and key[1] the key's two words. */
static inline u64 kdns_siphash(const u64 key[2], const u8 *p, size_t len, unsigned int c,
			       unsigned int d)
{
	u64 v0 = 0x736f6d6570736575ULL ^ key[0];
	u64 v1 = 0x646f72616e646f6dULL ^ key[1];
	u64 v2 = 0x6c7967656e657261ULL ^ key[0];
	u64 v3 = 0x7465646279746573ULL ^ key[1];
	u64 b = (u64)len << 56, m;
	const u8 *end = p + (len & ~(size_t)7);
	unsigned int i;

	for (; p != end; p += 8) {
		m = kdns_get64le(p);
		v3 ^= m;
		for (i = 0; i < c; i++)
			KDNS_SIPROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	for (i = 0; i < (len & 7); i++)
		b |= (u64)p[i] << (8 * i);
	v3 ^= b;
	for (i = 0; i < c; i++)
		KDNS_SIPROUND(v0, v1, v2, v3);
	v0 ^= b;
	v2 ^= 0xff;
	for (i = 0; i < d; i++)
		KDNS_SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

static inline u64 kdns_siphash13(const u64 key[2], const u8 *p, size_t len)
{
	return kdns_siphash(key, p, len, 1, 3);
}

/*
 * SipHash-2-4, the reference function, which other servers compute too (DNS
 * cookies, RFC 9018): in the kernel, its own siphash().
 */
#ifdef __KERNEL__
#include <linux/siphash.h>

static inline u64 kdns_siphash24(const u64 key[2], const u8 *p, size_t len)
{
	const siphash_key_t k = { { key[0], key[1] } };

	return siphash(p, len, &k);
}
#else
static inline u64 kdns_siphash24(const u64 key[2], const u8 *p, size_t len)
{
	return kdns_siphash(key, p, len, 2, 4);
}
#endif

#endif /* KDNS_SIPHASH_H */
