// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite kdns_zone: the zone builder's rules and the finished image.
 */
#include <kunit/test.h>

#include "../zone.c"
#include "../denial.c"
#include "dnstest.h"

#define SOA "@ 3600 SOA ns.example.com. h.example.com. 1 7200 3600 1209600 300"
#define NS "@ 3600 NS ns.example.com."
/* A signed zone's RRSIG over the SOA (an opaque signature). */
#define SIG_SOA "@ 3600 TYPE46 \\# 32 0006 0d 02 0000012c 00000000 00000000 0001 " \
		"07 6578616d706c65 03 636f6d 00 aa"
/* NSEC3PARAM: SHA-1, these iterations, no salt; the apex's NSEC3 of them, alone. */
#define PARAM(iter) "@ 0 TYPE51 \\# 5 01 00 " iter " 00"
#define NSEC3_APEX "onib9mgub9h0rml3cdf5bgrj59dkjhvk.example.com. 60 NSEC3 \\# 26 01 00 0000 00 14 " \
		"c5e4b4da1e5a620ddaa3635e55c3732a5b49c7f4"
#define NSEC_BROKEN "the NSEC chain is broken: this name's NSEC is missing or names another next name"

struct zone_case {
	const char *desc;
	const char *lines[6];
	const char *why;	/* NULL: the zone builds */
};

static const struct zone_case zone_cases[] = {
	{ "minimal", { SOA, NS }, NULL },
	{ "no_soa", { NS }, "no SOA at the apex" },
	{ "no_records", { NULL }, "no SOA at the apex" },
	{ "two_soa", { SOA, NS, "@ 3600 SOA a.example.com. b.example.com. 2 1 1 1 1" },
	  "more than one SOA at the apex" },
	{ "no_ns", { SOA }, "no NS at the apex" },
	{ "soa_below_apex", { SOA, NS, "x.example.com. 60 SOA a. b. 1 1 1 1 1" },
	  "SOA below the apex" },
	{ "outside", { SOA, NS, "www.example.net. 60 A 192.0.2.1" },
	  "the owner is outside the zone" },
	{ "outside_suffix_only", { SOA, NS, "wwwexample.com. 60 A 192.0.2.1" },
	  "the owner is outside the zone" },
	{ "cname_beside_a", { SOA, NS, "x.example.com. 60 CNAME y.example.com.",
	  "x.example.com. 60 A 192.0.2.1" }, "CNAME beside other data" },
	{ "cname_at_apex", { SOA, NS, "@ 60 CNAME y.example.com." },
	  "CNAME beside other data" },
	{ "two_cnames", { SOA, NS, "x.example.com. 60 CNAME y.example.com.",
	  "x.example.com. 60 CNAME z.example.com." }, "more than one CNAME" },
	{ "two_dnames", { SOA, NS, "x.example.com. 60 DNAME y.example.com.",
	  "x.example.com. 60 DNAME z.example.com." }, "more than one DNAME" },
	{ "bad_a_rdata", { SOA, NS, "x.example.com. 60 TYPE1 \\# 5 0102030405" },
	  "the RDATA is not valid for its type" },
	{ "bad_ns_rdata", { SOA, NS, "x.example.com. 60 TYPE2 \\# 2 0561" },
	  "the RDATA is not valid for its type" },
	/* An RRSIG without its signer and signature; an NSEC3 without a hash. */
	{ "short_rrsig", { SOA, NS, "x.example.com. 60 TYPE46 \\# 18 "
	  "0001 0d 02 0000012c 00000000 00000000 0001" },
	  "the RDATA is not valid for its type" },
	{ "nsec3_no_hash", { SOA, NS, "x.example.com. 60 TYPE50 \\# 9 01 00 0000 00 00 000140" },
	  "the RDATA is not valid for its type" },
	/* An RRSIG over MX where there is only an A; two NSEC3PARAMs. */
	{ "rrsig_alone", { SOA, NS, "x.example.com. 60 A 192.0.2.1",
	  "x.example.com. 60 TYPE46 \\# 32 000f 0d 03 0000003c 00000000 00000000 0001 "
	  "07 6578616d706c65 03 636f6d 00 aa" },
	  "an RRSIG covers a type the name does not have" },
	{ "two_nsec3params", { SOA, NS, "@ 0 TYPE51 \\# 5 01 00 0000 00",
	  "@ 0 TYPE51 \\# 5 01 00 0005 00" }, "more than one NSEC3PARAM at the apex" },
	{ "opt_in_zone", { SOA, NS, "x.example.com. 60 TYPE41 \\# 0" },
	  "the RDATA is not valid for its type" },
	{ "data_below_dname", { SOA, NS, "d.example.com. 60 DNAME example.net.",
	  "x.y.d.example.com. 60 A 192.0.2.4" }, "data below a DNAME (RFC 6672 2.4 forbids it)" },
	{ "data_below_apex_dname", { SOA, NS, "@ 60 DNAME example.net.",
	  "x.example.com. 60 A 192.0.2.4" }, "data below a DNAME (RFC 6672 2.4 forbids it)" },
	{ "unknown_type_opaque", { SOA, NS, "x.example.com. 60 TYPE65000 \\# 3 abcdef" },
	  NULL },
	/*
	 * Signed (an RRSIG over the SOA): the NSEC chain, or the NSEC3PARAM
	 * and an NSEC3 chain of its parameters, complete and in order.
	 */
	{ "signed_no_denial", { SOA, NS, SIG_SOA }, "signed (an RRSIG over the SOA), "
	  "but neither NSEC nor NSEC3PARAM at the apex" },
	{ "nsec_chain", { SOA, NS, SIG_SOA, "@ 60 NSEC X.example.com. 0006",
	  "x.example.com. 60 A 192.0.2.1", "x.example.com. 60 NSEC example.com. 0006" }, NULL },
	{ "nsec_missing", { SOA, NS, SIG_SOA, "@ 60 NSEC x.example.com. 0006",
	  "x.example.com. 60 A 192.0.2.1" }, NSEC_BROKEN },
	{ "nsec_wrong_next", { SOA, NS, SIG_SOA, "@ 60 NSEC y.example.com. 0006",
	  "x.example.com. 60 A 192.0.2.1", "x.example.com. 60 NSEC example.com. 0006" },
	  NSEC_BROKEN },
	{ "nsec3_chain", { SOA, NS, SIG_SOA, PARAM("0000"), NSEC3_APEX }, NULL },
	{ "nsec3_iterations", { SOA, NS, SIG_SOA, PARAM("0097"), NSEC3_APEX },
	  "more than 150 NSEC3 iterations (RFC 9276)" },
	{ "nsec3_algorithm", { SOA, NS, SIG_SOA, "@ 0 TYPE51 \\# 5 02 00 0000 00", NSEC3_APEX },
	  "the NSEC3PARAM hash algorithm is not 1 (SHA-1)" },
	{ "nsec3_no_chain", { SOA, NS, SIG_SOA, PARAM("0000") },
	  "the NSEC3 chain is broken: none, or this NSEC3 names another next hash" },
	{ "nsec3_missing", { SOA, NS, SIG_SOA, PARAM("0000"), NSEC3_APEX,
	  "x.example.com. 60 A 192.0.2.1" }, "this name has no NSEC3 in the chain" },
	{ "nsec3_owner", { SOA, NS, SIG_SOA, PARAM("0000"), NSEC3_APEX,
	  "x.y.example.com. 60 NSEC3 \\# 26 01 00 0000 00 14 c5e4b4da1e5a620ddaa3635e55c3732a5b49c7f4" },
	  "an NSEC3 of the chain whose owner is not a hash under the apex" },
	/* The chain's one NSEC3 names another next hash. */
	{ "nsec3_wrong_next", { SOA, NS, SIG_SOA, PARAM("0000"),
	  "onib9mgub9h0rml3cdf5bgrj59dkjhvk.example.com. 60 NSEC3 \\# 26 01 00 0000 00 14 "
	  "c5e4b4da1e5a620ddaa3635e55c3732a5b49c7f5" },
	  "the NSEC3 chain is broken: none, or this NSEC3 names another next hash" },
};

static void zone_case_desc(const struct zone_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(build, zone_cases, zone_case_desc);

static void build_rules(struct kunit *test)
{
	const struct zone_case *t = test->param_value;
	const char *why = NULL;
	struct kdns_zone *z;
	unsigned int n = 0;

	while (n < ARRAY_SIZE(t->lines) && t->lines[n])
		n++;
	z = dt_zone("example.com.", t->lines, n, &why);
	if (!t->why) {
		KUNIT_EXPECT_TRUE(test, z != NULL);
		KUNIT_EXPECT_TRUE(test, why == NULL);
	} else {
		KUNIT_EXPECT_TRUE(test, z == NULL);
		KUNIT_EXPECT_STREQ(test, why ? why : "(built)", t->why);
	}
	kdns_zone_free(z);
}

static const struct kdns_node *find(const struct kdns_zone *z, const char *text)
{
	u8 name[KDNS_NAME_MAX];

	dt_name(name, text, strlen(text));
	kdns_name_lower(name);
	return kdns_zone_find(z, name, kdns_name_hash(name));
}

static void image_nodes_and_flags(struct kunit *test)
{
	static const char *const lines[] = {
		SOA, NS,
		"A.B.C.example.com. 60 A 192.0.2.1",
		"*.w.example.com. 60 A 192.0.2.2",
		"sub.example.com. 60 NS ns.sub.example.com.",
		"ns.sub.example.com. 60 A 192.0.2.3",
		"d.example.com. 60 DNAME example.net.",
		"hidden.sub.example.com. 60 A 192.0.2.4",
	};
	const char *why = NULL;
	struct kdns_zone *z = dt_zone("example.com.", lines, ARRAY_SIZE(lines), &why);
	const struct kdns_node *n;

	KUNIT_ASSERT_TRUE(test, z != NULL);
	KUNIT_EXPECT_EQ(test, z->serial, 1U);
	KUNIT_EXPECT_EQ(test, z->nrecords, 8U);
	n = find(z, "a.b.c.example.com.");
	KUNIT_ASSERT_TRUE(test, n != NULL);
	KUNIT_EXPECT_EQ(test, n->nrrsets, 1);
	/* Empty non-terminals exist, without data. */
	n = find(z, "B.c.example.com.");
	KUNIT_ASSERT_TRUE(test, n != NULL);
	KUNIT_EXPECT_EQ(test, n->nrrsets, 0);
	KUNIT_EXPECT_TRUE(test, find(z, "c.example.com.") != NULL);
	KUNIT_EXPECT_TRUE(test, find(z, "x.c.example.com.") == NULL);
	KUNIT_EXPECT_TRUE(test, find(z, "w.example.com.")->flags & KDNS_NODE_WILDCARD);
	KUNIT_EXPECT_TRUE(test, find(z, "sub.example.com.")->flags & KDNS_NODE_DELEG);
	KUNIT_EXPECT_TRUE(test, find(z, "ns.sub.example.com.")->flags & KDNS_NODE_OCCLUDED);
	KUNIT_EXPECT_FALSE(test, find(z, "sub.example.com.")->flags & KDNS_NODE_OCCLUDED);
	KUNIT_EXPECT_TRUE(test, find(z, "hidden.sub.example.com.")->flags & KDNS_NODE_OCCLUDED);
	KUNIT_EXPECT_TRUE(test, find(z, "d.example.com.")->flags & KDNS_NODE_DNAME);
	KUNIT_EXPECT_TRUE(test, find(z, "example.com.")->flags & KDNS_NODE_APEX);
	kdns_zone_free(z);
}

static void image_rrset_ttl_and_duplicates(struct kunit *test)
{
	static const char *const lines[] = {
		SOA, NS,
		"x.example.com. 60 A 192.0.2.9",
		"x.example.com. 90 A 192.0.2.1",
		"x.example.com. 30 A 192.0.2.9",
		"y.example.com. 300 TXT a",
		"y.example.com. 50 TXT b",
		"y.example.com. 700 TXT c",
	};
	const char *why = NULL;
	struct kdns_zone *z = dt_zone("example.com.", lines, ARRAY_SIZE(lines), &why);
	const struct kdns_rrset *s;

	KUNIT_ASSERT_TRUE(test, z != NULL);
	s = kdns_node_rrset(z, find(z, "x.example.com."), KDNS_T_A);
	KUNIT_ASSERT_TRUE(test, s != NULL);
	/*
	 * Duplicates are one record. The RRset's TTL is the last record's in
	 * file order, a duplicate's too, as Knot's loader keeps it.
	 */
	KUNIT_EXPECT_EQ(test, s->count, 2);
	KUNIT_EXPECT_EQ(test, s->ttl, 30U);
	/* Canonical order of RDATA: 192.0.2.1 before 192.0.2.9. */
	KUNIT_EXPECT_EQ(test, z->data[s->rdata + 5], 1);
	s = kdns_node_rrset(z, find(z, "y.example.com."), KDNS_T_TXT);
	KUNIT_ASSERT_TRUE(test, s != NULL);
	KUNIT_EXPECT_EQ(test, s->ttl, 700U);
	kdns_zone_free(z);
}

/* Builders are large for a kernel stack; tests run one at a time. */
static struct kdns_zone_builder b;

static void image_memory_limit(struct kunit *test)
{
	u8 apex[32], owner[32];
	u8 rdata[4] = { 192, 0, 2, 1 };
	struct kdns_rr rr = { .owner = owner, .type = KDNS_T_A, .rclass = KDNS_CLASS_IN,
			      .rdlen = 4, .rdata = rdata };
	int i, err = 0;

	dt_name(apex, "example.com.", 12);
	rr.owner_len = dt_name(owner, "www.example.com.", 16);
	KUNIT_ASSERT_EQ(test, kdns_zb_init(&b, apex, 1024), 0);
	for (i = 0; i < 100 && !err; i++) {
		rdata[3] = i;
		err = kdns_zb_add(&b, &rr);
	}
	KUNIT_EXPECT_NE(test, err, 0);
	/* Callers decide on the code, never on the message. */
	KUNIT_EXPECT_EQ(test, b.err, KDNS_ZB_TOO_LARGE);
	KUNIT_EXPECT_STREQ(test, b.why, kdns_zb_strerror(KDNS_ZB_TOO_LARGE));
	kdns_zb_destroy(&b);
}

/* Every error has its own message; codes out of range are not trusted. */
static void builder_messages(struct kunit *test)
{
	int i, j;

	for (i = KDNS_ZB_OK; i < __KDNS_ZB_LAST; i++) {
		KUNIT_EXPECT_STRNEQ(test, kdns_zb_strerror(i), "unknown error");
		for (j = KDNS_ZB_OK; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, kdns_zb_strerror(i), kdns_zb_strerror(j));
	}
	KUNIT_EXPECT_STREQ(test, kdns_zb_strerror(__KDNS_ZB_LAST), "unknown error");
	KUNIT_EXPECT_STREQ(test, kdns_zb_strerror(-1), "unknown error");
}

/* The account hook: what it is offered, what it refuses. */
static long accounted, account_budget;

static bool account(struct kdns_zone_builder *ab, long bytes)
{
	if (bytes > 0 && accounted + bytes > account_budget)
		return false;
	accounted += bytes;
	return true;
}

/* Begin example.com. in b with its SOA and NS: 0, or the builder's error. */
static int begin_zone(bool (*hook)(struct kdns_zone_builder *, long))
{
	u8 apex[32], owner[32], rdata[64];
	struct kdns_rr rr = { .owner = owner, .rclass = KDNS_CLASS_IN, .rdata = rdata };

	dt_name(apex, "example.com.", 12);
	if (kdns_zb_init(&b, apex, 0))
		return b.err;
	b.account = hook;
	rr.owner_len = dt_name(owner, "example.com.", 12);
	rr.type = KDNS_T_SOA;
	rr.rdlen = dt_rdata(KDNS_T_SOA, "a. b. 1 2 3 4 5", rdata);
	if (kdns_zb_add(&b, &rr))
		return b.err;
	rr.type = KDNS_T_NS;
	rr.rdlen = dt_rdata(KDNS_T_NS, "a.", rdata);
	return kdns_zb_add(&b, &rr) ? b.err : 0;
}

/* A zone of n names h0..h(n-1) under example.com.: 0, or the builder's error. */
static int add_names(struct kunit *test, int n)
{
	u8 owner[64], rdata[4];
	struct kdns_rr rr = { .owner = owner, .rclass = KDNS_CLASS_IN, .rdata = rdata,
			      .type = KDNS_T_A, .rdlen = 4 };
	char text[64];
	int i, err = begin_zone(account);

	if (err)
		return err;
	for (i = 0; i < n; i++) {
		dt_snprintf(text, sizeof(text), "h%d.example.com.", i);
		rr.owner_len = dt_name(owner, text, strlen(text));
		memcpy(rdata, &i, 4);
		if (kdns_zb_add(&b, &rr))
			return b.err;
	}
	return 0;
}

/* KDNS_A_ZONE_RRS's record codec: written, read back the same; cut, refused. */
static void rr_codec_roundtrip(struct kunit *test)
{
	static const u8 owner[] = "\003www\007example\003com";
	static const u8 rdata[] = { 192, 0, 2, 80 };
	const struct kdns_rr rr = { .owner = owner, .owner_len = sizeof(owner), .type = KDNS_T_A,
				    .rclass = KDNS_CLASS_IN, .ttl = 0x01020304, .rdlen = 4,
				    .rdata = rdata };
	u8 buf[64];
	struct kdns_cursor c;
	struct kdns_rr back;
	size_t len = kdns_rr_put(buf, &rr);

	KUNIT_EXPECT_EQ(test, len, (size_t)KDNS_RR_FIXED + sizeof(owner) + 4);
	KUNIT_EXPECT_EQ(test, buf[0], (u8)sizeof(owner));
	KUNIT_EXPECT_EQ(test, kdns_get32(buf + 1 + sizeof(owner) + 4), 0x01020304u);
	kdns_cursor_init(&c, buf, len);
	kdns_rr_read(&c, &back);
	KUNIT_ASSERT_FALSE(test, c.err);
	KUNIT_EXPECT_EQ(test, kdns_cursor_left(&c), (size_t)0);
	KUNIT_EXPECT_EQ(test, back.owner_len, rr.owner_len);
	KUNIT_EXPECT_EQ(test, memcmp(back.owner, owner, sizeof(owner)), 0);
	KUNIT_EXPECT_EQ(test, back.type, rr.type);
	KUNIT_EXPECT_EQ(test, back.rclass, rr.rclass);
	KUNIT_EXPECT_EQ(test, back.ttl, rr.ttl);
	KUNIT_EXPECT_EQ(test, back.rdlen, rr.rdlen);
	KUNIT_EXPECT_EQ(test, memcmp(back.rdata, rdata, 4), 0);
	/* One byte short of the RDATA: the cursor's error, not a read past it. */
	kdns_cursor_init(&c, buf, len - 1);
	kdns_rr_read(&c, &back);
	KUNIT_EXPECT_TRUE(test, c.err);
}

/*
 * The record iterator (zone show's dump): every record once, through empty
 * non-terminals; a dump resumed from any saved position goes on with the
 * same record; positions out of range are clamped, never read past.
 */
static void iter_every_record_once(struct kunit *test)
{
	static const char *const lines[] = {
		SOA, NS,
		"a.b.c.example.com. 60 A 192.0.2.1",
		"a.b.c.example.com. 60 A 192.0.2.2",
		"a.b.c.example.com. 60 A 192.0.2.3",
		"a.b.c.example.com. 60 TXT \"x\"",
		"mail.example.com. 60 MX 10 a.b.c.example.com.",
	};
	static unsigned long pos[16][3];
	static u16 rdlen[16];
	const char *why = NULL;
	struct kdns_zone *z = dt_zone("example.com.", lines, ARRAY_SIZE(lines), &why);
	struct kdns_zone_iter it;
	struct kdns_rr rr;
	unsigned int n = 0, i, a = 0;

	KUNIT_ASSERT_TRUE(test, z != NULL);
	for (kdns_zone_iter_seek(&it, z, 0, 0, 0); kdns_zone_iter_get(&it, &rr);
	     kdns_zone_iter_next(&it)) {
		KUNIT_ASSERT_TRUE(test, n < 16);
		pos[n][0] = it.node;
		pos[n][1] = it.rrset;
		pos[n][2] = it.rec;
		rdlen[n++] = rr.rdlen;
		KUNIT_EXPECT_EQ(test, rr.rclass, KDNS_CLASS_IN);
		if (rr.type == KDNS_T_A) {
			KUNIT_EXPECT_TRUE(test, kdns_name_equal(rr.owner,
					  (const u8 *)"\001a\001b\001c\007example\003com"));
			KUNIT_EXPECT_EQ(test, rr.rdata[3], (u8)(1 + a++));
			KUNIT_EXPECT_EQ(test, rr.ttl, 60U);
		}
	}
	KUNIT_EXPECT_EQ(test, n, z->nrecords);
	KUNIT_EXPECT_EQ(test, a, 3U);
	/* Resumed at each saved position: the same record, and as many after it. */
	for (i = 0; i < n; i++) {
		unsigned int rest = 0;

		kdns_zone_iter_seek(&it, z, pos[i][0], pos[i][1], pos[i][2]);
		KUNIT_ASSERT_TRUE(test, kdns_zone_iter_get(&it, &rr));
		KUNIT_EXPECT_EQ(test, rr.rdlen, rdlen[i]);
		for (; kdns_zone_iter_get(&it, &rr); kdns_zone_iter_next(&it))
			rest++;
		KUNIT_EXPECT_EQ(test, rest, n - i);
	}
	/* Past a node's RRsets or an RRset's records: on to what follows. */
	kdns_zone_iter_seek(&it, z, pos[2][0], 1000, 0);
	KUNIT_ASSERT_TRUE(test, kdns_zone_iter_get(&it, &rr));
	KUNIT_EXPECT_GT(test, it.node, pos[2][0]);
	kdns_zone_iter_seek(&it, z, pos[2][0], pos[2][1], ~0UL);
	KUNIT_ASSERT_TRUE(test, kdns_zone_iter_get(&it, &rr));
	KUNIT_EXPECT_TRUE(test, it.node != pos[2][0] || it.rrset != pos[2][1]);
	kdns_zone_iter_seek(&it, z, ~0UL, 0, 0);
	KUNIT_EXPECT_FALSE(test, kdns_zone_iter_get(&it, &rr));
	kdns_zone_iter_next(&it);
	KUNIT_EXPECT_FALSE(test, kdns_zone_iter_get(&it, &rr));
	kdns_zone_free(z);
}

static void builder_account_balanced(struct kunit *test)
{
	struct kdns_zone *z;

	accounted = 0;
	account_budget = 1L << 30;
	KUNIT_ASSERT_EQ(test, add_names(test, 3000), 0);
	KUNIT_EXPECT_GT(test, accounted, 3000L * 20);
	z = kdns_zb_finish(&b);
	KUNIT_ASSERT_TRUE(test, z != NULL);
	kdns_zb_destroy(&b);
	/* What stays accounted is the image, and all of it. */
	KUNIT_EXPECT_EQ(test, accounted, (long)z->bytes);
	kdns_zone_free(z);
}

static void builder_account_refuses(struct kunit *test)
{
	accounted = 0;
	account_budget = 16384;
	KUNIT_EXPECT_EQ(test, add_names(test, 3000), KDNS_ZB_REFUSED);
	KUNIT_EXPECT_LE(test, accounted, account_budget);
	kdns_zb_destroy(&b);
	KUNIT_EXPECT_EQ(test, accounted, 0L);

	/* Records fit, the image does not: refused at finish, nothing kept. */
	account_budget = 1L << 30;
	KUNIT_ASSERT_EQ(test, add_names(test, 3000), 0);
	account_budget = accounted + 1000;
	KUNIT_EXPECT_TRUE(test, kdns_zb_finish(&b) == NULL);
	KUNIT_EXPECT_EQ(test, b.err, KDNS_ZB_REFUSED);
	kdns_zb_destroy(&b);
	KUNIT_EXPECT_EQ(test, accounted, 0L);
}

/* An image built, then refused by the whole-zone checks: nothing kept. */
static void builder_account_refused_image_freed(struct kunit *test)
{
	u8 owner[32], rdata[32];
	struct kdns_rr rr = { .owner = owner, .rclass = KDNS_CLASS_IN, .rdata = rdata,
			      .type = KDNS_T_CNAME };

	accounted = 0;
	account_budget = 1L << 30;
	KUNIT_ASSERT_EQ(test, add_names(test, 10), 0);
	rr.owner_len = dt_name(owner, "h1.example.com.", 15);
	rr.rdlen = dt_rdata(KDNS_T_CNAME, "h2.example.com.", rdata);
	KUNIT_ASSERT_EQ(test, kdns_zb_add(&b, &rr), 0);
	KUNIT_EXPECT_TRUE(test, kdns_zb_finish(&b) == NULL);
	KUNIT_EXPECT_EQ(test, b.err, KDNS_ZB_CNAME_AND_OTHER);
	kdns_zb_destroy(&b);
	KUNIT_EXPECT_EQ(test, accounted, 0L);
}

/*
 * The hash kdns once used, unkeyed: FNV-1a over the labels, right to left,
 * then murmur3's fmix32. Enough to choose names that all land in one slot of
 * a zone's table, as an attacker who may load a zone could.
 */
static u32 fnv_label(u32 h, const u8 *label)
{
	int j;

	for (j = 0; j <= label[0]; j++)
		h = (h ^ label[j]) * 0x01000193u;
	return h;
}

static u32 fmix32(u32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	return h ^ (h >> 16);
}

/*
 * 1,000 names "cXXXXX.example.com." chosen to collide under that hash in a
 * table of 4,096 slots (this zone's size): with linear probing they cost
 * ~500,000 probes to build; keyed, a few per name.
 */
static void build_colliding_names_linear(struct kunit *test)
{
	static u8 names[1000][24];
	static const u8 suffix[] = "\007example\003com";
	u8 rdata[4] = { 192, 0, 2, 1 };
	struct kdns_rr rr = { .rclass = KDNS_CLASS_IN, .type = KDNS_T_A, .rdlen = 4,
			      .rdata = rdata };
	struct kdns_zone *z;
	u32 base, want = 0, tries;
	u8 label[7] = { 6, 'c' };
	int n = 0, i, k, missing = 0;

	base = fnv_label(fnv_label(0x811c9dc5u, suffix + 8), suffix);
	for (tries = 0; n < 1000; tries++) {
		for (k = 0; k < 5; k++)
			label[2 + k] = "abcdefghijklmnopqrstuvwxyz012345"[(tries >> (5 * k)) & 31];
		if (!n)
			want = fmix32(fnv_label(base, label)) & 4095;
		if ((fmix32(fnv_label(base, label)) & 4095) != want)
			continue;
		memcpy(names[n], label, 7);
		memcpy(names[n] + 7, suffix, 12);
		names[n][19] = 0;
		n++;
	}
	KUNIT_ASSERT_EQ(test, begin_zone(NULL), 0);
	for (i = 0; i < n; i++) {
		rr.owner = names[i];
		rr.owner_len = kdns_name_len(names[i]);
		KUNIT_ASSERT_EQ(test, kdns_zb_add(&b, &rr), 0);
	}
	z = kdns_zb_finish(&b);
	KUNIT_ASSERT_TRUE(test, z != NULL);
	KUNIT_EXPECT_EQ(test, z->hmask + 1, 4096u);
	kunit_info(test, "%u tries, %llu probes for %u nodes\n", tries,
		   (unsigned long long)b.probes, z->nnodes);
	/* Each node is looked up and inserted a few times: linear, small. */
	KUNIT_EXPECT_LT(test, b.probes, 16ULL * z->nnodes);
	kdns_zb_destroy(&b);
	for (i = 0; i < n; i++)
		missing += !kdns_zone_find(z, names[i], kdns_name_hash(names[i]));
	KUNIT_EXPECT_EQ(test, missing, 0);
	kdns_zone_free(z);
}

static void image_many_names_found(struct kunit *test)
{
	u8 apex[32], owner[64], rdata[64];
	struct kdns_rr rr = { .owner = owner, .rclass = KDNS_CLASS_IN, .rdata = rdata };
	struct kdns_zone *z;
	char text[64];
	int i, missing = 0;

	dt_name(apex, "example.com.", 12);
	KUNIT_ASSERT_EQ(test, kdns_zb_init(&b, apex, 0), 0);
	rr.owner_len = dt_name(owner, "example.com.", 12);
	rr.type = KDNS_T_SOA;
	rr.rdlen = dt_rdata(KDNS_T_SOA, "a. b. 1 2 3 4 5", rdata);
	KUNIT_ASSERT_EQ(test, kdns_zb_add(&b, &rr), 0);
	rr.type = KDNS_T_NS;
	rr.rdlen = dt_rdata(KDNS_T_NS, "a.", rdata);
	KUNIT_ASSERT_EQ(test, kdns_zb_add(&b, &rr), 0);
	rr.type = KDNS_T_A;
	rr.rdlen = 4;
	for (i = 0; i < 5000; i++) {
		dt_snprintf(text, sizeof(text), "h%d.example.com.", i);
		rr.owner_len = dt_name(owner, text, strlen(text));
		memcpy(rdata, &i, 4);
		KUNIT_ASSERT_EQ(test, kdns_zb_add(&b, &rr), 0);
	}
	z = kdns_zb_finish(&b);
	kdns_zb_destroy(&b);
	KUNIT_ASSERT_TRUE(test, z != NULL);
	for (i = 0; i < 5000; i++) {
		dt_snprintf(text, sizeof(text), "H%d.example.com.", i);
		missing += !find(z, text);
	}
	KUNIT_EXPECT_EQ(test, missing, 0);
	KUNIT_EXPECT_TRUE(test, find(z, "h5000.example.com.") == NULL);
	kdns_zone_free(z);
}

/*
 * The answer path's hashes, computed when asked in any order, are the
 * builder's (all suffixes at once) and those of each suffix on its own.
 */
static void qname_hashes_match(struct kunit *test)
{
	static struct kdns_qname q;
	struct kdns_name_hashes h;
	u8 name[KDNS_NAME_MAX];
	const unsigned int order[] = { 2, 0, 5, 1, 4, 3, 0, 2 };
	unsigned int i;

	dt_name(name, "a.bcdefgh.ijklmnopqrstu.v.example.", 34);
	kdns_name_hashes(name, &h);
	kdns_qname_init(name, &q);
	KUNIT_ASSERT_EQ(test, h.labels, 5U);
	KUNIT_ASSERT_EQ(test, q.labels, 5U);
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		unsigned int k = order[i];

		KUNIT_EXPECT_EQ(test, kdns_qname_hash(&q, k), h.hash[k]);
		KUNIT_EXPECT_EQ(test, h.hash[k], kdns_name_hash(name + h.off[k]));
	}
	/* Different names, different hashes (for this key, at least). */
	KUNIT_EXPECT_NE(test, h.hash[0], h.hash[1]);
	KUNIT_EXPECT_NE(test, h.hash[4], h.hash[5]);
}

static struct kunit_case kdns_zone_test_cases[] = {
	KUNIT_CASE_PARAM(build_rules, build_gen_params),
	KUNIT_CASE(image_nodes_and_flags),
	KUNIT_CASE(image_rrset_ttl_and_duplicates),
	KUNIT_CASE(image_memory_limit),
	KUNIT_CASE(builder_messages),
	KUNIT_CASE(qname_hashes_match),
	KUNIT_CASE(rr_codec_roundtrip),
	KUNIT_CASE(iter_every_record_once),
	KUNIT_CASE(builder_account_balanced),
	KUNIT_CASE(builder_account_refuses),
	KUNIT_CASE(builder_account_refused_image_freed),
	KUNIT_CASE(build_colliding_names_linear),
	KUNIT_CASE(image_many_names_found),
	{}
};

static struct kunit_suite kdns_zone_suite = {
	.name = "kdns_zone",
	.test_cases = kdns_zone_test_cases,
};

kunit_test_suite(kdns_zone_suite);
