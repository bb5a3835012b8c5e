/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SipHash (Aumasson and Bernstein), keyed with 128 bits, little-endian words:
 * SipHash-1-3 keys the engine's tables (names, rate-limiting buckets), where
 * only kdns computes the hash; SipHash-2-4 makes DNS cookies (cookie.c, in
 * words), which other servers check. Part of the answer engine: portable.h
 * only. KUnit kdns_cookie.siphash_vectors checks both against the reference
 * vectors.
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

/*
 * SipHash-c-d in steps, for messages made of words: start, add each whole
 * word (the message's next eight bytes, little-endian), end with the last
 * block: the message's last len % 8 bytes, little-endian, and len in its top
 * byte. The state lives in registers when the steps are inlined.
 */
struct kdns_sip {
	u64 v0, v1, v2, v3;
};

static __always_inline void kdns_sip_start(struct kdns_sip *s, const u64 key[2])
{
	s->v0 = 0x736f6d6570736575ULL ^ key[0];
	s->v1 = 0x646f72616e646f6dULL ^ key[1];
	s->v2 = 0x6c7967656e657261ULL ^ key[0];
	s->v3 = 0x7465646279746573ULL ^ key[1];
}

/* n (a constant, 1 to 4) rounds, written out rather than looped. */
static __always_inline void kdns_sip_rounds(struct kdns_sip *s, unsigned int n)
{
	KDNS_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	if (n > 1)
		KDNS_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	if (n > 2)
		KDNS_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	if (n > 3)
		KDNS_SIPROUND(s->v0, s->v1, s->v2, s->v3);
}

static __always_inline void kdns_sip_word(struct kdns_sip *s, u64 m, unsigned int c)
{
	s->v3 ^= m;
	kdns_sip_rounds(s, c);
	s->v0 ^= m;
}

static __always_inline u64 kdns_sip_end(struct kdns_sip *s, u64 last, unsigned int c,
					unsigned int d)
{
	kdns_sip_word(s, last, c);
	s->v2 ^= 0xff;
	kdns_sip_rounds(s, d);
	return s->v0 ^ s->v1 ^ s->v2 ^ s->v3;
}

/* SipHash-c-d of len bytes at p, with key[0] and key[1] the key's two words. */
static __always_inline u64 kdns_siphash(const u64 key[2], const u8 *p, size_t len,
					unsigned int c, unsigned int d)
{
	const u8 *end = p + (len & ~(size_t)7);
	u64 last = (u64)len << 56;
	unsigned int shift = 0;
	struct kdns_sip s;

	kdns_sip_start(&s, key);
	for (; p != end; p += 8)
		kdns_sip_word(&s, kdns_get64le(p), c);
	/* The last len % 8 bytes: four, two and one at a time. */
	if (len & 4) {
		last |= (u64)p[0] | (u64)p[1] << 8 | (u64)p[2] << 16 | (u64)p[3] << 24;
		p += 4;
		shift = 32;
	}
	if (len & 2) {
		last |= ((u64)p[0] | (u64)p[1] << 8) << shift;
		p += 2;
		shift += 16;
	}
	if (len & 1)
		last |= (u64)p[0] << shift;
	return kdns_sip_end(&s, last, c, d);
}

static inline u64 kdns_siphash13(const u64 key[2], const u8 *p, size_t len)
{
	return kdns_siphash(key, p, len, 1, 3);
}

#endif /* KDNS_SIPHASH_H */
