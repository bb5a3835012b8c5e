// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite kdns_rrl: response rate limiting's buckets, against verdict
 * sequences worked out by hand from rrl.h's rules (S sent, T slipped,
 * D dropped).
 */
#include <kunit/test.h>

#include "../rrl.c"

static const u8 test_key[16] = "kdns rrl kunit!";

static const struct kdns_rrl_settings defaults = {
	.rate = 5, .window = 2, .slip = 2, .v4_prefix = 24, .v6_prefix = 56, .size_log = 10,
};

/* A table of these settings; the test stops if there is none. */
#define new_rrl(test, set) ({							\
	const char *why_ = "";							\
	struct kdns_rrl *rrl_ = kdns_rrl_new(set, test_key, &why_);		\
										\
	KUNIT_ASSERT_TRUE(test, rrl_ != NULL);					\
	KUNIT_EXPECT_TRUE(test, why_ == NULL);					\
	rrl_;									\
})

static const char verdict_char[] = { [KDNS_RRL_SEND] = 'S', [KDNS_RRL_SLIP] = 'T',
				     [KDNS_RRL_DROP] = 'D' };

/* The verdicts of strlen(want) answers at now, compared with want. */
static void expect_run(struct kunit *test, struct kdns_rrl *rrl, const u8 *addr, bool v6,
		       const struct kdns_rrl_answer *a, u32 now, const char *want)
{
	char got[64];
	size_t i, n = strlen(want);

	KUNIT_ASSERT_TRUE(test, n < sizeof(got));
	for (i = 0; i < n; i++)
		got[i] = verdict_char[kdns_rrl_account(rrl, addr, v6, a, now)];
	got[n] = 0;
	KUNIT_EXPECT_STREQ(test, got, want);
}

static const u8 client4[4] = { 192, 0, 2, 1 };
static const struct kdns_rrl_answer positive_a = { .cls = KDNS_RRL_POSITIVE, .qtype = 1,
						   .name = 0x1234 };

/* rate 5, window 2: ten tokens at first, five more each second, slip 2. */
static void rate_window_slip(struct kunit *test)
{
	struct kdns_rrl *rrl = new_rrl(test, &defaults);

	expect_run(test, rrl, client4, false, &positive_a, 1000, "SSSSSSSSSSTDTDT");
	/* One second: five tokens; the first limited answer after a sent one slips. */
	expect_run(test, rrl, client4, false, &positive_a, 1001, "SSSSSTDT");
	/* Two seconds: ten, the most a bucket holds. */
	expect_run(test, rrl, client4, false, &positive_a, 1003, "SSSSSSSSSST");
	/* Idle for longer than the window: full again, no more. */
	expect_run(test, rrl, client4, false, &positive_a, 1010, "SSSSSSSSSSTD");
	kdns_rrl_free(rrl);
}

static void slip_sequences(struct kunit *test)
{
	static const struct { u32 slip; const char *want; } cases[] = {
		{ 0, "SDDDDDDD" }, { 1, "STTTTTTT" }, { 2, "STDTDTDT" }, { 3, "STDDTDDT" },
	};
	struct kdns_rrl_settings set = defaults;
	unsigned int i;

	set.rate = 1;
	set.window = 1;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct kdns_rrl *rrl;

		set.slip = cases[i].slip;
		rrl = new_rrl(test, &set);
		expect_run(test, rrl, client4, false, &positive_a, 5, cases[i].want);
		kdns_rrl_free(rrl);
	}
}

/* Clients of one prefix share a bucket; of another, not. */
static void prefixes(struct kunit *test)
{
	static const u8 same4[4] = { 192, 0, 2, 200 }, other4[4] = { 192, 0, 3, 1 };
	static const u8 a20[4] = { 192, 0, 16, 1 }, b20[4] = { 192, 0, 31, 255 },
			c20[4] = { 192, 0, 32, 1 };
	static const u8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0x01, [15] = 1 };
	static const u8 same6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0xff, [15] = 1 };
	static const u8 other6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0x01, 0, [15] = 1 };
	struct kdns_rrl_settings set = defaults;
	struct kdns_rrl *rrl;

	set.rate = 1;
	set.window = 1;
	set.slip = 0;
	rrl = new_rrl(test, &set);
	expect_run(test, rrl, client4, false, &positive_a, 7, "SD");
	expect_run(test, rrl, same4, false, &positive_a, 7, "D");
	expect_run(test, rrl, other4, false, &positive_a, 7, "SD");
	/* /56: the eighth byte is the client's own. */
	expect_run(test, rrl, v6, true, &positive_a, 7, "SD");
	expect_run(test, rrl, same6, true, &positive_a, 7, "D");
	expect_run(test, rrl, other6, true, &positive_a, 7, "SD");
	kdns_rrl_free(rrl);

	set.v4_prefix = 20;
	rrl = new_rrl(test, &set);
	expect_run(test, rrl, a20, false, &positive_a, 7, "SD");
	expect_run(test, rrl, b20, false, &positive_a, 7, "D");
	expect_run(test, rrl, c20, false, &positive_a, 7, "SD");
	kdns_rrl_free(rrl);
}

/* The class, the name and (for positive answers) the qtype make the key. */
static void keys(struct kunit *test)
{
	const struct kdns_rrl_answer aaaa = { .cls = KDNS_RRL_POSITIVE, .qtype = 28,
					      .name = 0x1234 };
	const struct kdns_rrl_answer other = { .cls = KDNS_RRL_POSITIVE, .qtype = 1,
					       .name = 0x1235 };
	const struct kdns_rrl_answer nx = { .cls = KDNS_RRL_NXDOMAIN, .name = 0x1234 };
	const struct kdns_rrl_answer nodata = { .cls = KDNS_RRL_NODATA, .name = 0x1234 };
	const struct kdns_rrl_answer err = { .cls = KDNS_RRL_ERROR };
	struct kdns_rrl_settings set = defaults;
	struct kdns_rrl *rrl;

	set.rate = 1;
	set.window = 1;
	set.slip = 0;
	rrl = new_rrl(test, &set);
	expect_run(test, rrl, client4, false, &positive_a, 9, "SD");
	expect_run(test, rrl, client4, false, &aaaa, 9, "SD");
	expect_run(test, rrl, client4, false, &other, 9, "SD");
	expect_run(test, rrl, client4, false, &nx, 9, "SD");
	expect_run(test, rrl, client4, false, &nodata, 9, "SD");
	expect_run(test, rrl, client4, false, &err, 9, "SD");
	kdns_rrl_free(rrl);
}

/* Is h's tag none of the first n keys' tags? */
static bool tag_new(const struct kdns_rrl *rrl, const struct kdns_rrl_answer *k,
		    unsigned int n, u64 h)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (TAG(key_hash(rrl, client4, false, &k[i])) == TAG(h))
			return false;
	return true;
}

/*
 * Three keys of one pair of buckets: the third takes over a bucket counted
 * within the window with one second of tokens, not a full window; a bucket
 * idle for longer is taken over full.
 */
static void take_over(struct kunit *test)
{
	struct kdns_rrl_settings set = defaults;
	struct kdns_rrl_answer k[3] = { { .cls = KDNS_RRL_POSITIVE, .qtype = 1 } };
	struct kdns_rrl *rrl;
	u64 pair = 0;
	unsigned int n = 0;
	u32 name;

	set.rate = 2;
	set.window = 3;
	set.slip = 0;
	rrl = new_rrl(test, &set);
	for (name = 1; n < 3 && name < 1000000; name++) {
		struct kdns_rrl_answer a = k[0];
		u64 h;

		a.name = name;
		h = key_hash(rrl, client4, false, &a);
		if (!n)
			pair = h & rrl->mask & ~(u64)1;
		else if ((h & rrl->mask & ~(u64)1) != pair || !tag_new(rrl, k, n, h))
			continue;
		k[n++] = a;
	}
	KUNIT_ASSERT_EQ(test, n, 3U);
	expect_run(test, rrl, client4, false, &k[0], 100, "SSSSSSD");
	expect_run(test, rrl, client4, false, &k[1], 100, "SSSSSSD");
	expect_run(test, rrl, client4, false, &k[2], 100, "SSD");
	expect_run(test, rrl, client4, false, &k[0], 100, "SSD");
	expect_run(test, rrl, client4, false, &k[2], 110, "SSSSSSD");
	kdns_rrl_free(rrl);
}

static void allow_list(struct kunit *test)
{
	static const u8 in4[4] = { 198, 19, 255, 1 }, out4[4] = { 198, 20, 0, 1 };
	static const u8 in6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1 };
	static const u8 out6[16] = { 0x20, 0x01, 0x0d, 0xb9, [15] = 1 };
	struct kdns_rrl_settings set = defaults;
	struct kdns_rrl *rrl;

	set.nallow = 2;
	/* Given unmasked: stored masked. */
	set.allow[0] = (struct kdns_rrl_prefix){ .len = 15, .addr = { 198, 19, 7, 7 } };
	set.allow[1] = (struct kdns_rrl_prefix){ .v6 = true, .len = 32,
						 .addr = { 0x20, 0x01, 0x0d, 0xb8, 9 } };
	rrl = new_rrl(test, &set);
	KUNIT_EXPECT_TRUE(test, kdns_rrl_exempt(rrl, in4, false));
	KUNIT_EXPECT_FALSE(test, kdns_rrl_exempt(rrl, out4, false));
	KUNIT_EXPECT_TRUE(test, kdns_rrl_exempt(rrl, in6, true));
	KUNIT_EXPECT_FALSE(test, kdns_rrl_exempt(rrl, out6, true));
	/* An IPv6 prefix does not cover IPv4 addresses of the same bytes. */
	KUNIT_EXPECT_FALSE(test, kdns_rrl_exempt(rrl, in6, false));
	kdns_rrl_free(rrl);
}

static void settings_bounds(struct kunit *test)
{
	static const struct {
		const char *why;
		u32 rate, window, slip;
		u8 v4, v6, size_log;
	} cases[] = {
		{ NULL, 1, 1, 0, 8, 16, 10 },
		{ NULL, 1000000, 1, 100, 32, 64, 22 },
		{ "rate out of range", 0, 1, 0, 24, 56, 10 },
		{ "rate out of range", 1000001, 1, 0, 24, 56, 10 },
		{ "window out of range", 1, 0, 0, 24, 56, 10 },
		{ "window out of range", 1, 3601, 0, 24, 56, 10 },
		{ "rate times window over 1048575", 1024, 1024, 0, 24, 56, 10 },
		{ "slip out of range", 1, 1, 101, 24, 56, 10 },
		{ "IPv4 prefix length out of range", 1, 1, 0, 7, 56, 10 },
		{ "IPv4 prefix length out of range", 1, 1, 0, 33, 56, 10 },
		{ "IPv6 prefix length out of range", 1, 1, 0, 24, 15, 10 },
		{ "IPv6 prefix length out of range", 1, 1, 0, 24, 65, 10 },
		{ "table size out of range", 1, 1, 0, 24, 56, 9 },
		{ "table size out of range", 1, 1, 0, 24, 56, 23 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct kdns_rrl_settings set = {
			.rate = cases[i].rate, .window = cases[i].window, .slip = cases[i].slip,
			.v4_prefix = cases[i].v4, .v6_prefix = cases[i].v6,
			.size_log = cases[i].size_log,
		};
		const char *why = "";
		struct kdns_rrl *rrl = kdns_rrl_new(&set, test_key, &why);

		KUNIT_EXPECT_EQ(test, rrl == NULL, cases[i].why != NULL);
		if (cases[i].why) {
			KUNIT_ASSERT_TRUE(test, why != NULL);
			KUNIT_EXPECT_STREQ(test, why, cases[i].why);
		}
		kdns_rrl_free(rrl);
	}
	{
		struct kdns_rrl_settings set = defaults;
		const char *why;

		set.nallow = 1;
		set.allow[0] = (struct kdns_rrl_prefix){ .len = 33 };
		KUNIT_EXPECT_TRUE(test, !kdns_rrl_new(&set, test_key, &why));
		KUNIT_EXPECT_STREQ(test, why, "exempt prefix length out of range");
		set.nallow = KDNS_RRL_ALLOW_MAX + 1;
		KUNIT_EXPECT_TRUE(test, !kdns_rrl_new(&set, test_key, &why));
		KUNIT_EXPECT_STREQ(test, why, "too many exempt prefixes");
	}
}

static struct kunit_case kdns_rrl_cases[] = {
	KUNIT_CASE(rate_window_slip),
	KUNIT_CASE(slip_sequences),
	KUNIT_CASE(prefixes),
	KUNIT_CASE(keys),
	KUNIT_CASE(take_over),
	KUNIT_CASE(allow_list),
	KUNIT_CASE(settings_bounds),
	{}
};

static struct kunit_suite kdns_rrl_suite = {
	.name = "kdns_rrl",
	.test_cases = kdns_rrl_cases,
};

kunit_test_suite(kdns_rrl_suite);
