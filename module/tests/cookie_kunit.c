// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite kdns_cookie: server cookies against the examples of RFC 9018
 * appendix A (those other servers must agree with), their time window, the
 * previous secret, and what is not a cookie of ours.
 */
#include <kunit/test.h>

#include "../cookie.c"
#include "dnstest.h"

static const u8 v4_client[4] = { 198, 51, 100, 100 };
static const u8 v4_other[4] = { 203, 0, 113, 203 };
static const u8 v6_client[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x02, 0x20, 0x00, 0x01,
				  0x59, 0xde, 0xd0, 0xf4, 0x87, 0x69, 0x82, 0xb8 };

static void secrets(struct kdns_cookie_secrets *s, const char *cur, const char *prev)
{
	u8 b[KDNS_COOKIE_SECRET];

	memset(s, 0, sizeof(*s));
	dt_hex(cur, b);
	kdns_cookie_key(s->cur, b);
	if (prev) {
		dt_hex(prev, b);
		kdns_cookie_key(s->prev, b);
		s->has_prev = true;
	}
}

static void expect_made(struct kunit *test, const char *secret, const char *cc, u32 now,
			const u8 *addr, bool v6, const char *want)
{
	u8 key_bytes[KDNS_COOKIE_SECRET], c[KDNS_COOKIE_CLIENT], out[KDNS_COOKIE_SERVER];
	u8 w[KDNS_COOKIE_SERVER];
	u64 key[2];

	dt_hex(secret, key_bytes);
	kdns_cookie_key(key, key_bytes);
	dt_hex(cc, c);
	dt_hex(want, w);
	kdns_cookie_make(key, c, now, addr, v6, out);
	KUNIT_EXPECT_EQ(test, memcmp(out, w, sizeof(w)), 0);
}

/* RFC 9018 A.1, A.2 and A.3: the server cookies made, byte for byte. */
static void rfc9018_examples(struct kunit *test)
{
	expect_made(test, "e5e973e5a6b2a43f48e7dc849e37bfcf", "2464c4abcf10c957", 1559731985,
		    v4_client, false, "010000005cf79f111f8130c3eee29480");
	expect_made(test, "e5e973e5a6b2a43f48e7dc849e37bfcf", "2464c4abcf10c957", 1559734385,
		    v4_client, false, "010000005cf7a871d4a564a1442aca77");
	expect_made(test, "dd3bdf9344b678b185a6f5cb60fca715", "22681ab97d52c298", 1559741817,
		    v6_client, true, "010000005cf7c57926556bd0934c72f8");
	expect_made(test, "445536bcd2513298075a5d379663c962", "22681ab97d52c298", 1559741961,
		    v6_client, true, "010000005cf7c609a6bb79d16625507a");
}

static enum kdns_cookie_state check(const struct kdns_cookie_secrets *s, const char *cc,
				    const char *sc, u32 now, const u8 *addr, bool v6)
{
	u8 c[KDNS_COOKIE_CLIENT], sv[KDNS_COOKIE_MAX];

	dt_hex(cc, c);
	dt_hex(sc, sv);
	return kdns_cookie_check(s, c, sv, strlen(sc) / 2, now, addr, v6);
}

/* A.2's other client: reserved bytes that are not zero are hashed as they came. */
static void reserved_as_received(struct kunit *test)
{
	struct kdns_cookie_secrets s;

	secrets(&s, "e5e973e5a6b2a43f48e7dc849e37bfcf", NULL);
	KUNIT_EXPECT_EQ(test, (int)check(&s, "fc93fc62807ddb86", "01abcdef5cf78f71a314227b6679ebf5",
					 1559727985, v4_other, false), (int)KDNS_COOKIE_GOOD);
}

/* Good from an hour before to five minutes after; renewed after half an hour. */
static void time_window(struct kunit *test)
{
	static const struct { int dt; enum kdns_cookie_state want; } cases[] = {
		{ -301, KDNS_COOKIE_BAD }, { -300, KDNS_COOKIE_GOOD }, { 0, KDNS_COOKIE_GOOD },
		{ 1800, KDNS_COOKIE_GOOD }, { 1801, KDNS_COOKIE_OLD }, { 3600, KDNS_COOKIE_OLD },
		{ 3601, KDNS_COOKIE_BAD }, { -100000, KDNS_COOKIE_BAD },
	};
	const char *sc = "010000005cf7c609a6bb79d16625507a";
	struct kdns_cookie_secrets s;
	unsigned int i;

	secrets(&s, "445536bcd2513298075a5d379663c962", NULL);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ(test, i << 8 | check(&s, "22681ab97d52c298", sc,
						     1559741961 + cases[i].dt, v6_client, true),
				i << 8 | cases[i].want);
}

/* After the secret changed, the previous one's cookies are good, and renewed. */
static void previous_secret(struct kunit *test)
{
	const char *sc = "010000005cf79f111f8130c3eee29480";
	struct kdns_cookie_secrets s;

	secrets(&s, "00112233445566778899aabbccddeeff", "e5e973e5a6b2a43f48e7dc849e37bfcf");
	KUNIT_EXPECT_EQ(test, (int)check(&s, "2464c4abcf10c957", sc, 1559731985, v4_client,
					 false), (int)KDNS_COOKIE_OLD);
	s.has_prev = false;
	KUNIT_EXPECT_EQ(test, (int)check(&s, "2464c4abcf10c957", sc, 1559731985, v4_client,
					 false), (int)KDNS_COOKIE_BAD);
}

/* Any byte changed, another client, another length or version: not ours. */
static void not_ours(struct kunit *test)
{
	const char *sc = "010000005cf79f111f8130c3eee29480";
	struct kdns_cookie_secrets s;
	u8 c[KDNS_COOKIE_CLIENT], sv[KDNS_COOKIE_MAX];
	unsigned int i;

	secrets(&s, "e5e973e5a6b2a43f48e7dc849e37bfcf", NULL);
	dt_hex("2464c4abcf10c957", c);
	dt_hex(sc, sv);
	KUNIT_ASSERT_EQ(test, (int)kdns_cookie_check(&s, c, sv, 16, 1559731985, v4_client, false),
			(int)KDNS_COOKIE_GOOD);
	for (i = 0; i < 16 * 8; i++) {
		sv[i / 8] ^= 1 << (i % 8);
		KUNIT_EXPECT_EQ(test, i << 8 | kdns_cookie_check(&s, c, sv, 16, 1559731985,
								 v4_client, false),
				i << 8 | KDNS_COOKIE_BAD);
		sv[i / 8] ^= 1 << (i % 8);
	}
	c[7] ^= 1;
	KUNIT_EXPECT_EQ(test, (int)kdns_cookie_check(&s, c, sv, 16, 1559731985, v4_client, false),
			(int)KDNS_COOKIE_BAD);
	c[7] ^= 1;
	KUNIT_EXPECT_EQ(test, (int)kdns_cookie_check(&s, c, sv, 16, 1559731985, v4_other, false),
			(int)KDNS_COOKIE_BAD);
	KUNIT_EXPECT_EQ(test, (int)kdns_cookie_check(&s, c, sv, 15, 1559731985, v4_client, false),
			(int)KDNS_COOKIE_BAD);
	KUNIT_EXPECT_EQ(test, (int)kdns_cookie_check(&s, c, sv, 24, 1559731985, v4_client, false),
			(int)KDNS_COOKIE_BAD);
}

/*
 * The SipHash of siphash.h against the reference vectors (key 00..0f, the
 * message 00, 01, ... of each length), at lengths that end in each kind of
 * last block: SipHash-2-4 (cookies), and SipHash-1-3 (the engine's tables),
 * whose low 32 bits are the Linux kernel's 64-bit hsiphash() vectors.
 */
static void siphash_vectors(struct kunit *test)
{
	static const struct {
		u8 len;
		u64 sip24;
		u32 sip13;
	} v[] = {
		{ 0, 0x726fdb47dd0e0e31ULL, 0x050fc4dc },
		{ 1, 0x74f839c593dc67fdULL, 0x7d57ca93 },
		{ 3, 0x85676696d7fb7e2dULL, 0xe7ddf7fb },
		{ 4, 0xcf2794e0277187b7ULL, 0x88d38328 },
		{ 6, 0xcbc9466e58fee3ceULL, 0xc59f22a7 },
		{ 7, 0xab0200f58b01d137ULL, 0x9bb11140 },
		{ 8, 0x93f5f5799a932462ULL, 0x8d299a8e },
		{ 12, 0x751e8fbc860ee5fbULL, 0x57b4d9a2 },
		{ 15, 0xa129ca6149be45e5ULL, 0x2a519956 },
		{ 20, 0xbed65cf21aa2ee98ULL, 0xa6cce040 },
		{ 32, 0x7127512f72f27cceULL, 0x16a7b60d },
		{ 63, 0x958a324ceb064572ULL, 0xb7bbb3a8 },
	};
	const u64 key[2] = { 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL };
	u8 msg[64];
	unsigned int i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = i;
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		KUNIT_EXPECT_EQ_MSG(test, kdns_siphash(key, msg, v[i].len, 2, 4), v[i].sip24,
				    "SipHash-2-4, %u bytes", v[i].len);
		KUNIT_EXPECT_EQ_MSG(test, (u32)kdns_siphash13(key, msg, v[i].len), v[i].sip13,
				    "SipHash-1-3, %u bytes", v[i].len);
	}
}

static struct kunit_case kdns_cookie_cases[] = {
	KUNIT_CASE(siphash_vectors),
	KUNIT_CASE(rfc9018_examples),
	KUNIT_CASE(reserved_as_received),
	KUNIT_CASE(time_window),
	KUNIT_CASE(previous_secret),
	KUNIT_CASE(not_ours),
	{}
};

static struct kunit_suite kdns_cookie_suite = {
	.name = "kdns_cookie",
	.test_cases = kdns_cookie_cases,
};

kunit_test_suite(kdns_cookie_suite);
