// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite kdns_zone: the zone builder's rules and the finished image.
 */
#include <kunit/test.h>

#include "../zone.c"
#include "dnstest.h"

#define SOA "@ 3600 SOA ns.example.com. h.example.com. 1 7200 3600 1209600 300"
#define NS "@ 3600 NS ns.example.com."

struct zone_case {
	const char *desc;
	const char *lines[4];
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
	{ "opt_in_zone", { SOA, NS, "x.example.com. 60 TYPE41 \\# 0" },
	  "the RDATA is not valid for its type" },
	{ "unknown_type_opaque", { SOA, NS, "x.example.com. 60 TYPE65000 \\# 3 abcdef" },
	  NULL },
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
		"x.d.example.com. 60 A 192.0.2.4",
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
	KUNIT_EXPECT_TRUE(test, find(z, "x.d.example.com.")->flags & KDNS_NODE_OCCLUDED);
	KUNIT_EXPECT_TRUE(test, find(z, "example.com.")->flags & KDNS_NODE_APEX);
	kdns_zone_free(z);
}

static void image_rrset_ttl_and_duplicates(struct kunit *test)
{
	static const char *const lines[] = {
		SOA, NS,
		"x.example.com. 60 A 192.0.2.9",
		"x.example.com. 90 A 192.0.2.1",
		"x.example.com. 60 A 192.0.2.9",
	};
	const char *why = NULL;
	struct kdns_zone *z = dt_zone("example.com.", lines, ARRAY_SIZE(lines), &why);
	const struct kdns_rrset *s;

	KUNIT_ASSERT_TRUE(test, z != NULL);
	s = kdns_node_rrset(z, find(z, "x.example.com."), KDNS_T_A);
	KUNIT_ASSERT_TRUE(test, s != NULL);
	/* Duplicates are one record; the RRset's TTL is its first record's. */
	KUNIT_EXPECT_EQ(test, s->count, 2);
	KUNIT_EXPECT_EQ(test, s->ttl, 60U);
	/* Canonical order of RDATA: 192.0.2.1 before 192.0.2.9. */
	KUNIT_EXPECT_EQ(test, z->data[s->rdata + 5], 1);
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
	KUNIT_EXPECT_STREQ(test, b.why, "the zone is larger than the memory limit");
	kdns_zb_destroy(&b);
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

static struct kunit_case kdns_zone_test_cases[] = {
	KUNIT_CASE_PARAM(build_rules, build_gen_params),
	KUNIT_CASE(image_nodes_and_flags),
	KUNIT_CASE(image_rrset_ttl_and_duplicates),
	KUNIT_CASE(image_memory_limit),
	KUNIT_CASE(image_many_names_found),
	{}
};

static struct kunit_suite kdns_zone_suite = {
	.name = "kdns_zone",
	.test_cases = kdns_zone_test_cases,
};

kunit_test_suite(kdns_zone_suite);
