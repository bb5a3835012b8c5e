// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite kdns_wire: the wire reader inside the kernel, on the same case
 * table as the userspace unit tests. Includes the unit under test, so no
 * object is linked into two modules.
 */
#include <kunit/test.h>

#include "../wire.c"
#include "wire_cases.h"

static void name_case_desc(const struct kdns_name_case *t, char *desc)
{
	strscpy(desc, t->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(read_name, kdns_name_cases, name_case_desc);

static void read_name_cases(struct kunit *test)
{
	const struct kdns_name_case *t = test->param_value;
	u8 out[KDNS_NAME_MAX];
	struct kdns_cursor c;
	size_t len;

	kdns_cursor_init(&c, t->msg, t->len);
	c.pos = t->start;
	len = kdns_read_name(&c, out, t->allow_ptr);
	KUNIT_EXPECT_EQ(test, (int)c.err, (int)t->err);
	if (t->err) {
		KUNIT_EXPECT_EQ(test, len, (size_t)0);
		/* Sticky: nothing reads after a failure. */
		KUNIT_EXPECT_EQ(test, kdns_read_u8(&c), 0);
		KUNIT_EXPECT_EQ(test, kdns_cursor_left(&c), (size_t)0);
		return;
	}
	KUNIT_ASSERT_EQ(test, len, t->name_len);
	KUNIT_EXPECT_EQ(test, memcmp(out, t->name, len), 0);
	KUNIT_EXPECT_EQ(test, c.pos, t->end);
}

/* kdns_read_name_lower is kdns_read_name without pointers, lower-cased. */
static void read_name_lower_cases(struct kunit *test)
{
	const struct kdns_name_case *t = test->param_value;
	u8 want[KDNS_NAME_MAX], out[KDNS_NAME_MAX];
	struct kdns_cursor c, r;
	size_t len, rlen;

	kdns_cursor_init(&r, t->msg, t->len);
	r.pos = t->start;
	rlen = kdns_read_name(&r, want, false);
	kdns_lower_bytes(want, rlen);
	kdns_cursor_init(&c, t->msg, t->len);
	c.pos = t->start;
	len = kdns_read_name_lower(&c, out);
	KUNIT_EXPECT_EQ(test, (int)c.err, (int)r.err);
	KUNIT_EXPECT_EQ(test, len, rlen);
	KUNIT_EXPECT_EQ(test, c.pos, r.pos);
	if (len == rlen)
		KUNIT_EXPECT_EQ(test, memcmp(out, want, len), 0);
}

static void read_name_lower_folds(struct kunit *test)
{
	static const u8 msg[] = "\003WwW\012ExAmPlE-Zz\000";
	u8 out[KDNS_NAME_MAX];
	struct kdns_cursor c;

	kdns_cursor_init(&c, msg, sizeof(msg));
	KUNIT_ASSERT_EQ(test, kdns_read_name_lower(&c, out), sizeof(msg) - 1);
	KUNIT_EXPECT_EQ(test, memcmp(out, "\003www\012example-zz", sizeof(msg) - 1), 0);
	KUNIT_EXPECT_EQ(test, c.pos, sizeof(msg) - 1);
}

static void read_hdr_fields(struct kunit *test)
{
	static const u8 msg[] = "\x12\x34\x81\x00\x00\x01\x00\x02\x00\x03\x00\x04";
	struct kdns_cursor c;
	struct kdns_hdr h;

	kdns_cursor_init(&c, msg, KDNS_HDR_LEN);
	kdns_read_hdr(&c, &h);
	KUNIT_EXPECT_EQ(test, (int)c.err, (int)KDNS_WIRE_OK);
	KUNIT_EXPECT_EQ(test, h.id, 0x1234);
	KUNIT_EXPECT_TRUE(test, h.flags & KDNS_FLAG_QR);
	KUNIT_EXPECT_TRUE(test, h.flags & KDNS_FLAG_RD);
	KUNIT_EXPECT_EQ(test, h.qdcount, 1);
	KUNIT_EXPECT_EQ(test, h.ancount, 2);
	KUNIT_EXPECT_EQ(test, h.nscount, 3);
	KUNIT_EXPECT_EQ(test, h.arcount, 4);
}

static void read_hdr_truncated(struct kunit *test)
{
	static const u8 msg[KDNS_HDR_LEN] = { 0x12, 0x34 };
	struct kdns_cursor c;
	struct kdns_hdr h;

	kdns_cursor_init(&c, msg, KDNS_HDR_LEN - 1);
	kdns_read_hdr(&c, &h);
	KUNIT_EXPECT_EQ(test, (int)c.err, (int)KDNS_WIRE_SHORT);
	KUNIT_EXPECT_EQ(test, h.arcount, 0);
}

/* What kdns_put_hdr writes, kdns_read_hdr reads back, at the offsets of RFC 1035. */
static void put_hdr_roundtrip(struct kunit *test)
{
	const struct kdns_hdr h = {
		.id = 0xbeef,
		.flags = KDNS_FLAG_QR | KDNS_FLAG_AA | KDNS_FLAG_CD | 3,
		.qdcount = 1, .ancount = 0x102, .nscount = 3, .arcount = 0xfffe,
	};
	u8 buf[KDNS_HDR_LEN + 1];
	struct kdns_cursor c;
	struct kdns_hdr r;

	memset(buf, 0xaa, sizeof(buf));
	kdns_put_hdr(buf, &h);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "\xbe\xef\x84\x13\0\x01\x01\x02\0\x03\xff\xfe",
				     KDNS_HDR_LEN), 0);
	KUNIT_EXPECT_EQ(test, buf[KDNS_HDR_LEN], 0xaa);
	kdns_cursor_init(&c, buf, KDNS_HDR_LEN);
	kdns_read_hdr(&c, &r);
	KUNIT_EXPECT_EQ(test, (int)c.err, (int)KDNS_WIRE_OK);
	KUNIT_EXPECT_EQ(test, memcmp(&r, &h, sizeof(h)), 0);
	KUNIT_EXPECT_EQ(test, KDNS_RCODE(r.flags), 3);
	KUNIT_EXPECT_EQ(test, KDNS_OPCODE(r.flags), 0);
}

/* An OPT of RFC 6891 6.1.2; BADVERS (16) puts 1 in the extended RCODE byte. */
static void write_opt_bytes(struct kunit *test)
{
	u8 buf[KDNS_OPT_LEN + KDNS_OPT_LEN - 1];
	struct kdns_writer w;

	kdns_writer_init(&w, buf, sizeof(buf));
	kdns_write_opt(&w, 1232, 16, KDNS_EDNS_DO_BIT, 0);
	KUNIT_ASSERT_EQ(test, w.pos, (size_t)KDNS_OPT_LEN);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "\0\0\x29\x04\xd0\x01\0\x80\0\0\0", KDNS_OPT_LEN), 0);
	/* One byte short of room for a second: the writer's overflow is set. */
	kdns_write_opt(&w, 512, 0, 0, 0);
	KUNIT_EXPECT_TRUE(test, w.overflow);
}

/*
 * With options: RDLENGTH is theirs, the caller's room for them follows
 * (kdns_write_room); no room for them, overflow.
 */
static void write_opt_options(struct kunit *test)
{
	static const u8 opts[] = { 0, 10, 0, 8, 'k', 'd', 'n', 's', 'c', 'l', 'i', '!' };
	u8 buf[KDNS_OPT_LEN + sizeof(opts)], *o;
	struct kdns_writer w;

	kdns_writer_init(&w, buf, sizeof(buf));
	kdns_write_opt(&w, 1232, 0, 0, sizeof(opts));
	o = kdns_write_room(&w, sizeof(opts));
	KUNIT_ASSERT_TRUE(test, o == buf + KDNS_OPT_LEN);
	memcpy(o, opts, sizeof(opts));
	KUNIT_ASSERT_EQ(test, w.pos, sizeof(buf));
	KUNIT_EXPECT_EQ(test, memcmp(buf, "\0\0\x29\x04\xd0\0\0\0\0\0\x0c", KDNS_OPT_LEN), 0);
	KUNIT_EXPECT_EQ(test, memcmp(buf + KDNS_OPT_LEN, opts, sizeof(opts)), 0);
	kdns_writer_init(&w, buf, sizeof(buf) - 1);
	kdns_write_opt(&w, 1232, 0, 0, sizeof(opts));
	KUNIT_EXPECT_TRUE(test, !kdns_write_room(&w, sizeof(opts)));
	KUNIT_EXPECT_TRUE(test, w.overflow);
	KUNIT_EXPECT_EQ(test, w.pos, (size_t)KDNS_OPT_LEN);
}

/* A buffer that is one name and nothing else: a name attribute, an owner. */
static void read_name_all_exact(struct kunit *test)
{
	static const u8 name[] = "\003www\007example\003com";	/* 17 bytes, root included */
	u8 out[KDNS_NAME_MAX];

	KUNIT_EXPECT_EQ(test, kdns_read_name_all(name, sizeof(name), out), sizeof(name));
	KUNIT_EXPECT_EQ(test, memcmp(out, name, sizeof(name)), 0);
	/* A byte after the name, or one missing: not a name. */
	KUNIT_EXPECT_EQ(test, kdns_read_name_all(name, sizeof(name) + 1, out), (size_t)0);
	KUNIT_EXPECT_EQ(test, kdns_read_name_all(name, sizeof(name) - 1, out), (size_t)0);
	KUNIT_EXPECT_EQ(test, kdns_read_name_all(name, 0, out), (size_t)0);
	/* No compression pointer in a name given whole. */
	KUNIT_EXPECT_EQ(test, kdns_read_name_all((const u8 *)"\xc0\x00", 2, out), (size_t)0);
}

static void name_equal_ignores_case(struct kunit *test)
{
	const u8 *a = (const u8 *)"\003WWW\007Example\003COM";
	const u8 *b = (const u8 *)"\003www\007example\003com";
	const u8 *c = (const u8 *)"\003www\007exampld\003com";
	const u8 *d = (const u8 *)"\003www\007example";

	KUNIT_EXPECT_TRUE(test, kdns_name_equal(a, b));
	KUNIT_EXPECT_FALSE(test, kdns_name_equal(b, c));
	KUNIT_EXPECT_FALSE(test, kdns_name_equal(b, d));
}

static void name_lower_and_labels(struct kunit *test)
{
	u8 name[] = "\003WwW\002A@\000";

	kdns_name_lower(name);
	KUNIT_EXPECT_EQ(test, memcmp(name, "\003www\002a@\000", 8), 0);
	KUNIT_EXPECT_EQ(test, kdns_name_labels(name), 2U);
	KUNIT_EXPECT_EQ(test, kdns_name_labels((const u8 *)""), 0U);
}

/* Every byte value, at every position in a word and in the tail. */
static void lower_bytes_every_byte(struct kunit *test)
{
	u8 buf[256 + 8];
	unsigned int start, i;

	for (start = 0; start < 8; start++) {
		for (i = 0; i < 256; i++)
			buf[start + i] = i;
		kdns_lower_bytes(buf + start, 256 - start);
		for (i = 0; i < 256 - start; i++) {
			u8 want = i >= 'A' && i <= 'Z' ? i + 32 : i;

			/* The start and the byte's value shown with it. */
			KUNIT_EXPECT_EQ(test, start << 16 | i << 8 | buf[start + i],
					start << 16 | i << 8 | want);
		}
	}
	/* Only ASCII letters: 0xc1 and 0xe1 differ by 0x20 and stay apart. */
	KUNIT_EXPECT_FALSE(test, kdns_name_equal((const u8 *)"\001\xc1", (const u8 *)"\001\xe1"));
	KUNIT_EXPECT_FALSE(test, kdns_name_equal((const u8 *)"\001@", (const u8 *)"\001`"));
}

/* kdns_bytes_equal is !memcmp: every length to 20, a difference anywhere. */
static void bytes_equal_as_memcmp(struct kunit *test)
{
	u8 a[24], b[24];
	unsigned int n, d;

	for (n = 0; n <= 20; n++) {
		for (d = 0; d < 24; d++)
			a[d] = b[d] = 'a' + d;
		/* The bytes just outside differ: a compare must not reach them. */
		b[0] ^= 1;
		b[1 + n] ^= 1;
		KUNIT_EXPECT_TRUE(test, kdns_bytes_equal(a + 1, b + 1, n));
		for (d = 0; d < n; d++) {
			b[1 + d] ^= 0x20;
			KUNIT_EXPECT_EQ(test, n << 8 | d << 1 | kdns_bytes_equal(a + 1, b + 1, n),
					n << 8 | d << 1);
			b[1 + d] ^= 0x20;
		}
	}
}

static struct kunit_case kdns_wire_cases[] = {
	KUNIT_CASE_PARAM(read_name_cases, read_name_gen_params),
	KUNIT_CASE_PARAM(read_name_lower_cases, read_name_gen_params),
	KUNIT_CASE(read_name_lower_folds),
	KUNIT_CASE(read_hdr_fields),
	KUNIT_CASE(read_hdr_truncated),
	KUNIT_CASE(put_hdr_roundtrip),
	KUNIT_CASE(write_opt_bytes),
	KUNIT_CASE(write_opt_options),
	KUNIT_CASE(read_name_all_exact),
	KUNIT_CASE(name_equal_ignores_case),
	KUNIT_CASE(name_lower_and_labels),
	KUNIT_CASE(lower_bytes_every_byte),
	KUNIT_CASE(bytes_equal_as_memcmp),
	{}
};

static struct kunit_suite kdns_wire_suite = {
	.name = "kdns_wire",
	.test_cases = kdns_wire_cases,
};

kunit_test_suite(kdns_wire_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites of kdns");
