// SPDX-License-Identifier: GPL-2.0
/*
 * make bench-engine: answers per second of kdns_answer for five kinds of
 * query, from a zone of 10 names and one of 1,000,000 names built alike. With
 * --callgrind N it answers 1,000 queries of each kind from a zone of N names,
 * each kind between callgrind's triggers, for tests/bench/engine-bench's
 * instruction counts; and three more there, the positive answer again with
 * what the hook adds when asked: rate limiting's accounting, and a good
 * server cookie with cookies off and on. With --callgrind-signed MODE=FILE...
 * it answers DO=1 queries from signed zone files (engine-bench signs
 * tests/zones/example.com.zone with NSEC, NSEC3, NSEC3 with opt-out): a
 * positive answer, NXDOMAIN, NODATA, a wildcard's answer, an insecure
 * referral, each with its RRSIGs and proofs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#include "../../module/tests/dnstest.h"
#include "../../module/rrl.h"
#include "../../userspace/zonefile.h"

static const char *const fixed[] = {
	"@ 3600 SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300",
	"@ 3600 NS ns1.example.com.",
	"ns1.example.com. 3600 A 192.0.2.1",
	"www.example.com. 300 A 192.0.2.80",
	"alias.example.com. 300 CNAME alias2.example.com.",
	"alias2.example.com. 300 CNAME www.example.com.",
	"*.wild.example.com. 300 A 192.0.2.99",
	"sub.example.com. 3600 NS ns.sub.example.com.",
	"ns.sub.example.com. 3600 A 192.0.2.53",
};

static const struct {
	const char *name;
	const char *qname;
	u16 qtype;
} cases[] = {
	{ "positive A", "www.example.com.", KDNS_T_A },
	{ "CNAME chain", "alias.example.com.", KDNS_T_A },
	{ "wildcard", "host.wild.example.com.", KDNS_T_A },
	{ "NXDOMAIN", "nope.example.com.", KDNS_T_A },
	{ "referral", "host.sub.example.com.", KDNS_T_A },
};

/* The fixed names plus filler names h<i>.example.com, up to names in all. */
static struct kdns_zoneset *make_zone(unsigned int names)
{
	static struct kdns_zone_builder b;
	u8 apex[KDNS_NAME_MAX], owner[KDNS_NAME_MAX], rdata[512];
	struct kdns_rr rr = { .owner = owner, .rclass = KDNS_CLASS_IN, .rdata = rdata };
	const struct kdns_zone *replaced;
	struct kdns_zone *z;
	unsigned int i, nfixed = sizeof(fixed) / sizeof(fixed[0]);
	const char *why;

	dt_name(apex, "example.com.", 12);
	if (kdns_zb_init(&b, apex, 0))
		abort();
	for (i = 0; i < nfixed; i++) {
		const char *w = fixed[i];
		size_t n;
		const char *t;

		w = dt_word(w, &n);
		rr.owner_len = *w == '@' ? dt_name(owner, "example.com.", 12) : dt_name(owner, w, n);
		w = dt_word(w + n, &n);
		t = w;
		rr.ttl = dt_num(&t, 10);
		w = dt_word(w + n, &n);
		rr.type = dt_type(w, n);
		rr.rdlen = dt_rdata(rr.type, w + n, rdata);
		if (kdns_zb_add(&b, &rr))
			abort();
	}
	rr.type = KDNS_T_A;
	rr.ttl = 300;
	rr.rdlen = 4;
	for (i = 0; i + 6 < names; i++) {
		char text[64];

		snprintf(text, sizeof(text), "h%u.example.com.", i);
		rr.owner_len = dt_name(owner, text, strlen(text));
		memcpy(rdata, &i, 4);
		if (kdns_zb_add(&b, &rr))
			abort();
	}
	z = kdns_zb_finish(&b);
	why = b.why;
	kdns_zb_destroy(&b);
	if (!z) {
		fprintf(stderr, "zone: %s\n", why);
		exit(1);
	}
	return kdns_zoneset_update(NULL, z, NULL, &replaced);
}

static struct kdns_scratch scratch;
static struct kdns_rrl *rrl;	/* set: each answer counted, as the hook does */
static const u8 client[4] = { 198, 51, 100, 100 };

static void run(const struct kdns_zoneset *zs, const u8 *q, size_t qlen, long count)
{
	static u8 out[KDNS_ANSWER_MAX];
	struct kdns_answer_info info;
	struct kdns_rrl_answer a;
	size_t outlen;
	long i;

	for (i = 0; i < count; i++) {
		if (kdns_answer(zs, &scratch, q, qlen, out, sizeof(out), &outlen, &info) !=
		    KDNS_ANSWERED)
			abort();
		if (!rrl || info.cookie_ok)
			continue;
		if (kdns_rrl_exempt(rrl, client, false))
			abort();
		kdns_answer_rrl(&scratch, &info, outlen, &a);
		if (kdns_rrl_account(rrl, client, false, &a, 1000) != KDNS_RRL_SEND)
			abort();
	}
}

/* One kind of query under callgrind: 10 answers to warm up, then 1,000 counted. */
static void measure(const char *name, const struct kdns_zoneset *zs, const u8 *q, size_t qlen)
{
	run(zs, q, qlen, 10);
	CALLGRIND_START_INSTRUMENTATION;
	CALLGRIND_ZERO_STATS;
	run(zs, q, qlen, 1000);
	CALLGRIND_DUMP_STATS_AT(name);
	CALLGRIND_STOP_INSTRUMENTATION;
}

/*
 * What the hook adds to the positive answer: rate limiting on (every answer
 * counted, none limited); a query with a good server cookie, answered with
 * cookies off (the option ignored) and on (checked and echoed).
 */
static void measure_hook(const struct kdns_zoneset *zs)
{
	static const u8 key[16] = "kdns-bench-key!";
	struct kdns_rrl_settings set = {
		.rate = 1000000, .window = 1, .slip = 2, .v4_prefix = 24, .v6_prefix = 56,
		.size_log = 16,
	};
	struct kdns_cookie_secrets sec = { .has_prev = false };
	struct kdns_query_ctx ctx = { .addr = client, .now = 1700000000 };
	u8 q[512];
	size_t n;
	const char *why;

	n = dt_query(q, 1, 0, "www.example.com.", KDNS_T_A, 1232, 0);
	rrl = kdns_rrl_new(&set, key, &why);
	if (!rrl)
		abort();
	measure("+ RRL", zs, q, n);
	kdns_rrl_free(rrl);
	rrl = NULL;

	/* The OPT with a COOKIE: client cookie, server cookie of ours. */
	kdns_cookie_key(sec.cur, key);
	kdns_put16(q + n - 2, 4 + 24);
	kdns_put16(q + n, KDNS_EDNS_COOKIE);
	kdns_put16(q + n + 2, 24);
	memcpy(q + n + 4, "benchcli", 8);
	kdns_cookie_make(sec.cur, q + n + 4, ctx.now, client, false, q + n + 12);
	n += 28;
	scratch.ctx = &ctx;
	measure("cookie, off", zs, q, n);
	ctx.cookies = &sec;
	measure("cookie, on", zs, q, n);
	scratch.ctx = NULL;
}

/* DO=1 queries of a signed zone file, each kind named "MODE kind". */
static void measure_signed(const char *arg)
{
	static const struct {
		const char *name, *qname;
		u16 qtype;
	} kinds[] = {
		{ "positive", "www.example.com.", KDNS_T_A },
		{ "NXDOMAIN", "nx.example.com.", KDNS_T_A },
		{ "NODATA", "www.example.com.", KDNS_T_TXT },
		{ "wildcard", "x.wild.example.com.", KDNS_T_A },
		{ "referral", "host.crowd.example.com.", KDNS_T_A },
	};
	const char *eq = strchr(arg, '=');
	const struct kdns_zone *replaced;
	struct kdns_zoneset *zs;
	struct kdns_zone *z;
	unsigned int k;
	char name[64];
	u8 q[512];
	size_t n;

	if (!eq)
		abort();
	z = kdns_zonefile_build(eq + 1, NULL, stderr);
	if (!z || !z->dnssec)
		exit(1);
	zs = kdns_zoneset_update(NULL, z, NULL, &replaced);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		n = dt_query(q, 1, 0, kinds[k].qname, kinds[k].qtype, 1232, KDNS_EDNS_DO_BIT);
		snprintf(name, sizeof(name), "%.*s %s", (int)(eq - arg), arg, kinds[k].name);
		measure(name, zs, q, n);
	}
	kdns_zoneset_free(zs);
	kdns_zone_free(z);
}

int main(int argc, char **argv)
{
	const unsigned int sizes[] = { 10, 1000000 };
	u8 q[512];
	size_t qlen;
	unsigned int s, c;

	if (argc >= 3 && !strcmp(argv[1], "--callgrind-signed")) {
		for (c = 2; c < (unsigned int)argc; c++)
			measure_signed(argv[c]);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "--callgrind")) {
		struct kdns_zoneset *zs = make_zone(atoi(argv[2]));

		for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
			qlen = dt_query(q, 1, 0, cases[c].qname, cases[c].qtype, 1232, 0);
			measure(cases[c].name, zs, q, qlen);
		}
		measure_hook(zs);
		return 0;
	}
	printf("%-12s %10s %14s\n", "case", "zone names", "answers/s");
	for (s = 0; s < 2; s++) {
		struct kdns_zoneset *zs = make_zone(sizes[s]);

		for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
			struct timespec t0, t1;
			long n = 2000000;
			double secs;

			qlen = dt_query(q, 1, 0, cases[c].qname, cases[c].qtype, 1232, 0);
			run(zs, q, qlen, 10000);
			clock_gettime(CLOCK_MONOTONIC, &t0);
			run(zs, q, qlen, n);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
			printf("%-12s %10u %14.0f\n", cases[c].name, sizes[s], n / secs);
		}
	}
	return 0;
}
