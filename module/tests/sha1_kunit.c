// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite kdns_sha1: SHA-1 against FIPS 180's examples and at the
 * lengths where padding takes one block or two, fed whole and a byte at a
 * time; the NSEC3 hash against RFC 5155 appendix A's example zone.
 */
#include <kunit/test.h>

#include "../sha1.c"
#include "dnstest.h"

/* SHA-1 of len bytes of msg, whole or a byte at a time, is want (hex). */
static void expect_sha1(struct kunit *test, const u8 *msg, size_t len, bool bytewise,
			const char *want)
{
	struct kdns_sha1 s;
	u8 got[KDNS_SHA1_LEN], w[KDNS_SHA1_LEN];
	size_t i;

	dt_hex(want, w);
	kdns_sha1_init(&s);
	if (bytewise)
		for (i = 0; i < len; i++)
			kdns_sha1_update(&s, msg + i, 1);
	else
		kdns_sha1_update(&s, msg, len);
	kdns_sha1_final(&s, got);
	KUNIT_EXPECT_EQ_MSG(test, memcmp(got, w, sizeof(w)), 0, "%zu bytes, %s", len,
			    bytewise ? "bytewise" : "whole");
}

static void fips_examples(struct kunit *test)
{
	static const char two_blocks[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static u8 a[1000];
	struct kdns_sha1 s;
	u8 got[KDNS_SHA1_LEN], w[KDNS_SHA1_LEN];
	unsigned int i;

	expect_sha1(test, (const u8 *)"", 0, false, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	expect_sha1(test, (const u8 *)"abc", 3, false, "a9993e364706816aba3e25717850c26c9cd0d89d");
	expect_sha1(test, (const u8 *)two_blocks, 56, false,
		    "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	expect_sha1(test, (const u8 *)two_blocks, 56, true,
		    "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	/* A million "a", in pieces of 1000. */
	memset(a, 'a', sizeof(a));
	kdns_sha1_init(&s);
	for (i = 0; i < 1000; i++)
		kdns_sha1_update(&s, a, sizeof(a));
	kdns_sha1_final(&s, got);
	dt_hex("34aa973cd4c4daa4f61eeb2bdbad27316534016f", w);
	KUNIT_EXPECT_EQ(test, memcmp(got, w, sizeof(w)), 0);
}

/* Around the padding's edges: 55 bytes end in one block, 56 need another. */
static void padding_edges(struct kunit *test)
{
	static const struct {
		size_t len;
		const char *sha1;
	} v[] = {
		{ 55, "c1c8bbdc22796e28c0e15163d20899b65621d65a" },
		{ 56, "c2db330f6083854c99d4b5bfb6e8f29f201be699" },
		{ 63, "03f09f5b158a7a8cdad920bddc29b81c18a551f5" },
		{ 64, "0098ba824b5c16427bd7a1122a5a442a25ec644d" },
		{ 65, "11655326c708d70319be2610e8a57d9a5b959d3b" },
		{ 119, "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56" },
		{ 120, "f34c1488385346a55709ba056ddd08280dd4c6d6" },
	};
	u8 a[120];
	unsigned int i;

	memset(a, 'a', sizeof(a));
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		expect_sha1(test, a, v[i].len, false, v[i].sha1);
		expect_sha1(test, a, v[i].len, true, v[i].sha1);
	}
}

/* RFC 5155 appendix A: salt aabbccdd, 12 iterations; and no salt, none. */
static void nsec3_rfc5155(struct kunit *test)
{
	static const struct {
		const char *name;	/* wire form: label lengths in octal */
		size_t len;
		const char *hash;
	} v[] = {
		{ "\007example", 9, "065368abeed7ec6e9feba96b8c8bc3e8b791f716" },
		{ "\001a\007example", 11, "196dd8c3306783a8190f52c262d2b7e5e836e7f5" },
		{ "\001*\001w\007example", 13, "d946bd1d8c17bf6f2dfe2e196b1b2edf13da25d7" },
		{ "\001x\001y\001w\007example", 15, "17f3df17b2b2adaef615257de4d2020b80ac6c7c" },
	};
	static const u8 salt[4] = { 0xaa, 0xbb, 0xcc, 0xdd };
	u8 got[KDNS_SHA1_LEN], w[KDNS_SHA1_LEN];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		kdns_nsec3_hash((const u8 *)v[i].name, v[i].len, salt, sizeof(salt), 12, got);
		dt_hex(v[i].hash, w);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(got, w, sizeof(w)), 0, "%s", v[i].hash);
	}
	kdns_nsec3_hash((const u8 *)v[0].name, v[0].len, NULL, 0, 0, got);
	dt_hex("1db8efa7dcb348bda7893fca1d8badfdb6996b01", w);
	KUNIT_EXPECT_EQ(test, memcmp(got, w, sizeof(w)), 0);
}

static struct kunit_case kdns_sha1_cases[] = {
	KUNIT_CASE(fips_examples),
	KUNIT_CASE(padding_edges),
	KUNIT_CASE(nsec3_rfc5155),
	{}
};

static struct kunit_suite kdns_sha1_suite = {
	.name = "kdns_sha1",
	.test_cases = kdns_sha1_cases,
};

kunit_test_suite(kdns_sha1_suite);
