// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-1 (FIPS 180-4 6.1), and the NSEC3 hash made of it (sha1.h).
 */
#include "sha1.h"

#define ROL32(x, n)	((u32)((x) << (n) | (x) >> (32 - (n))))

#define F1(b, c, d)	((((c) ^ (d)) & (b)) ^ (d))	/* choose */
#define F2(b, c, d)	((b) ^ (c) ^ (d))		/* parity */
#define F3(b, c, d)	(((b) & (c)) | ((d) & ((b) | (c))))	/* majority */

/*
 * The schedule in a window of 16 words (FIPS 180-4 6.1.3's alternative):
 * word i, from 16 on, made in the window where word i - 16 was. The module
 * zeroes a function's locals (INIT_STACK_ALL_ZERO): 64 bytes, not 320.
 */
#define W(i)		w[(i) & 15]
#define SCHED(i)	(W(i) = ROL32(W((i) + 13) ^ W((i) + 8) ^ W((i) + 2) ^ W(i), 1))

/*
 * One round: instead of moving the five words along, the next round names
 * them in another order (e becomes a, a becomes b, ...), and five rounds
 * bring the names back. wi is the round's schedule word.
 */
#define ROUND(f, k, wi, a, b, c, d, e) do {			\
		e += ROL32(a, 5) + f(b, c, d) + (k) + (wi);	\
		b = ROL32(b, 30);				\
	} while (0)

#define ROUNDS5(f, k, i, w) do {				\
		ROUND(f, k, w((i)), a, b, c, d, e);		\
		ROUND(f, k, w((i) + 1), e, a, b, c, d);		\
		ROUND(f, k, w((i) + 2), d, e, a, b, c);		\
		ROUND(f, k, w((i) + 3), c, d, e, a, b);		\
		ROUND(f, k, w((i) + 4), b, c, d, e, a);		\
	} while (0)

/* One 64-byte block into the state: 80 rounds, the schedule made as they go. */
static void sha1_block(u32 h[5], const u8 *p)
{
	u32 w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	unsigned int i;

	for (i = 0; i < 16; i++)
		w[i] = kdns_get32(p + 4 * i);
	for (i = 0; i < 15; i += 5)
		ROUNDS5(F1, 0x5a827999, i, W);
	/* Round 15 reads the last word of the block, 16 to 19 make theirs. */
	ROUND(F1, 0x5a827999, W(15), a, b, c, d, e);
	ROUND(F1, 0x5a827999, SCHED(16), e, a, b, c, d);
	ROUND(F1, 0x5a827999, SCHED(17), d, e, a, b, c);
	ROUND(F1, 0x5a827999, SCHED(18), c, d, e, a, b);
	ROUND(F1, 0x5a827999, SCHED(19), b, c, d, e, a);
	for (i = 20; i < 40; i += 5)
		ROUNDS5(F2, 0x6ed9eba1, i, SCHED);
	for (; i < 60; i += 5)
		ROUNDS5(F3, 0x8f1bbcdc, i, SCHED);
	for (; i < 80; i += 5)
		ROUNDS5(F2, 0xca62c1d6, i, SCHED);
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void kdns_sha1_init(struct kdns_sha1 *s)
{
	s->h[0] = 0x67452301;
	s->h[1] = 0xefcdab89;
	s->h[2] = 0x98badcfe;
	s->h[3] = 0x10325476;
	s->h[4] = 0xc3d2e1f0;
	s->bytes = 0;
}

void kdns_sha1_update(struct kdns_sha1 *s, const u8 *p, size_t len)
{
	size_t have = s->bytes % 64;

	if (!len)
		return;
	s->bytes += len;
	if (have) {
		size_t n = len < 64 - have ? len : 64 - have;

		memcpy(s->block + have, p, n);
		p += n;
		len -= n;
		if (have + n < 64)
			return;
		sha1_block(s->h, s->block);
	}
	for (; len >= 64; p += 64, len -= 64)
		sha1_block(s->h, p);
	memcpy(s->block, p, len);
}

void kdns_sha1_final(struct kdns_sha1 *s, u8 out[KDNS_SHA1_LEN])
{
	u64 bits = s->bytes * 8;
	size_t have = s->bytes % 64;
	unsigned int i;

	/* 0x80, zeros to 56 bytes of a block, the length in bits. */
	s->block[have++] = 0x80;
	if (have > 56) {
		memset(s->block + have, 0, 64 - have);
		sha1_block(s->h, s->block);
		have = 0;
	}
	memset(s->block + have, 0, 56 - have);
	kdns_put32(s->block + 56, bits >> 32);
	kdns_put32(s->block + 60, bits);
	sha1_block(s->h, s->block);
	for (i = 0; i < 5; i++)
		kdns_put32(out + 4 * i, s->h[i]);
}

void kdns_nsec3_hash(const u8 *lname, size_t name_len, const u8 *salt, size_t salt_len,
		     unsigned int iterations, u8 out[KDNS_SHA1_LEN])
{
	struct kdns_sha1 s;
	unsigned int i;

	kdns_sha1_init(&s);
	kdns_sha1_update(&s, lname, name_len);
	kdns_sha1_update(&s, salt, salt_len);
	kdns_sha1_final(&s, out);
	for (i = 0; i < iterations; i++) {
		kdns_sha1_init(&s);
		kdns_sha1_update(&s, out, KDNS_SHA1_LEN);
		kdns_sha1_update(&s, salt, salt_len);
		kdns_sha1_final(&s, out);
	}
}
