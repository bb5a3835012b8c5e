// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-1 (FIPS 180-4 6.1), and the NSEC3 hash made of it (sha1.h).
 */
#include "sha1.h"

#define ROL32(x, n)	((u32)((x) << (n) | (x) >> (32 - (n))))

/* One 64-byte block into the state, the message schedule kept to 16 words. */
static void sha1_block(u32 h[5], const u8 *p)
{
	u32 w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f, k, t;
	unsigned int i;

	for (i = 0; i < 16; i++)
		w[i] = kdns_get32(p + 4 * i);
	for (i = 0; i < 80; i++) {
		if (i >= 16) {
			t = w[(i + 13) & 15] ^ w[(i + 8) & 15] ^ w[(i + 2) & 15] ^ w[i & 15];
			w[i & 15] = ROL32(t, 1);
		}
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = ROL32(a, 5) + f + e + k + w[i & 15];
		e = d;
		d = c;
		c = ROL32(b, 30);
		b = a;
		a = t;
	}
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
	for (i = 0; i < 8; i++)
		s->block[56 + i] = bits >> (56 - 8 * i);
	sha1_block(s->h, s->block);
	for (i = 0; i < 20; i++)
		out[i] = s->h[i / 4] >> (24 - 8 * (i % 4));
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
