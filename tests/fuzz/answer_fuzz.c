// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the answer engine (clang, ASan, UBSan): query bytes
 * in, answer out, then the answer checked: it parses completely (every
 * section, every length), its ID, QR and question are the query's, it fits
 * the size the query allows, a truncated answer carries no records, the
 * engine never answers its own answer, and asking again gives the same bytes.
 * Queries of an odd ID are asked with a context: DNS cookies on (a client
 * and a secret), an NSID, CHAOS identity;
 * every answer is also classified for rate limiting and slipped, and the
 * slipped answer must parse, with TC=1 and nothing but the question and OPT.
 * Zones: the .zone files of tests/zones, read with libzscanner as kdnsctl does,
 * and the signed zones KDNS_FUZZ_SIGNED names, separated by ':' (make
 * fuzz-zones signs example.com as example.net with NSEC3 and as example.org
 * with NSEC for the run), whose DO=1 answers carry RRSIGs and proofs.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../module/tests/dnstest.h"
#include "../../userspace/zonefile.h"

static struct kdns_zoneset *zs;
static struct kdns_scratch scratch;
static struct kdns_cookie_secrets secrets = { { 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL } };
static const uint8_t client_addr[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const struct kdns_identity ident = {
	.nsid_len = 4, .nsid = "kdns", .id_len = 3, .id = "ns1", .version_len = 4,
	.version = "kdns", .chaos = true,
};
static const struct kdns_query_ctx client = {
	.addr = client_addr, .v6 = true, .now = 1700000000, .cookies = &secrets, .ident = &ident,
};

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "answer_fuzz: check failed: %s (line %d)\n", #cond, __LINE__); \
	abort(); } } while (0)

static void add_zone(const char *path)
{
	const struct kdns_zone *replaced;
	struct kdns_zoneset *nzs;
	struct kdns_zone *z = kdns_zonefile_build(path, NULL, stderr);

	CHECK(z);
	nzs = kdns_zoneset_update(zs, z, NULL, &replaced);
	kdns_zoneset_free(zs);
	zs = nzs;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = KDNS_ZONES_DIR, *signed_zone = getenv("KDNS_FUZZ_SIGNED");
	struct dirent *e;
	DIR *d = opendir(dir);

	CHECK(d);
	while ((e = readdir(d))) {
		char path[4096];
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".zone"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		add_zone(path);
	}
	closedir(d);
	/* Signed zones: paths separated by ':'. */
	while (signed_zone && *signed_zone) {
		const char *end = strchr(signed_zone, ':');
		size_t n = end ? (size_t)(end - signed_zone) : strlen(signed_zone);
		char path[4096];

		snprintf(path, sizeof(path), "%.*s", (int)n, signed_zone);
		add_zone(path);
		signed_zone += n + (end != NULL);
	}
	CHECK(zs && zs->nzones);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[KDNS_ANSWER_MAX], again[KDNS_ANSWER_MAX], back[KDNS_ANSWER_MAX];
	static char text[65536];
	struct kdns_answer_info info;
	size_t outlen = 0, againlen = 0, backlen = 0, qend;
	struct kdns_cursor c;
	struct kdns_hdr q, a;
	uint8_t name[KDNS_NAME_MAX];
	struct kdns_rrl_answer r;
	size_t slen;

	scratch.ctx = size >= 2 && (data[1] & 1) ? &client : NULL;
	if (kdns_answer(zs, &scratch, data, size, out, sizeof(out), &outlen, &info) == KDNS_PASS)
		return 0;
	kdns_answer_rrl(&scratch, &info, outlen, &r);
	CHECK(r.cls < __KDNS_RRL_CLASS_LAST);
	CHECK(outlen >= KDNS_HDR_LEN && outlen <= sizeof(out));
	CHECK(dt_text(out, outlen, text, sizeof(text)));

	kdns_cursor_init(&c, data, size);
	kdns_read_hdr(&c, &q);
	kdns_read_name(&c, name, false);
	kdns_read_u32(&c);
	CHECK(!c.err);
	qend = c.pos;
	kdns_cursor_init(&c, out, outlen);
	kdns_read_hdr(&c, &a);
	CHECK(a.id == q.id);
	CHECK(a.flags & KDNS_FLAG_QR);
	CHECK((a.flags & KDNS_FLAG_RD) == (q.flags & KDNS_FLAG_RD));
	CHECK(a.qdcount == 1);
	CHECK(!memcmp(out + KDNS_HDR_LEN, data + KDNS_HDR_LEN, qend - KDNS_HDR_LEN));
	/*
	 * TC=1 answers keep the RRsets that fit (as Knot's do), and a
	 * referral whose glue was cut short keeps its NS: what they hold
	 * parsed record by record above (dt_text), like any answer's.
	 */
	/* Never more than the client allows: 512 without EDNS, ours at most. */
	CHECK(outlen <= KDNS_EDNS_MAX_PAYLOAD);
	if (!(info.rcode >> 4) && a.arcount == 0)
		CHECK(outlen <= 512);

	/* An answer is a response: the engine passes it on. */
	CHECK(kdns_answer(zs, &scratch, out, outlen, back, sizeof(back), &backlen, &info) ==
	      KDNS_PASS);
	/* The same query, the same answer. */
	CHECK(kdns_answer(zs, &scratch, data, size, again, sizeof(again), &againlen, &info) ==
	      KDNS_ANSWERED);
	CHECK(againlen == outlen && !memcmp(again, out, outlen));

	/* Slipped: the question and the OPT record, if any, and TC=1. */
	slen = kdns_answer_slip(again, againlen, &info);
	CHECK(slen >= info.qend && slen <= outlen);
	CHECK(dt_text(again, slen, text, sizeof(text)));
	kdns_cursor_init(&c, again, slen);
	kdns_read_hdr(&c, &a);
	CHECK(a.flags & KDNS_FLAG_TC);
	CHECK(!a.ancount && !a.nscount && a.arcount == (info.opt ? 1 : 0));
	CHECK(!memcmp(again, out, 2));
	CHECK(!memcmp(again + KDNS_HDR_LEN, out + KDNS_HDR_LEN, info.qend - KDNS_HDR_LEN));
	return 0;
}
