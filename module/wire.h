/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DNS wire format: a bounds-checked read cursor and writer, the header, the
 * record types the engine names, OPT, and names.
 *
 *                                 1  1  1  1  1  1
 *   0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    QDCOUNT                    |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    ANCOUNT                    |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    NSCOUNT                    |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                    ARCOUNT                    |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+    RFC 1035 4.1.1
 */
#ifndef KDNS_WIRE_H
#define KDNS_WIRE_H

#include "portable.h"

#define KDNS_HDR_LEN		12
#define KDNS_LABEL_MAX		63
#define KDNS_NAME_MAX		255	/* wire length, with the root label */
/*
 * A name of 255 bytes has at most 127 labels, so a legitimate name never needs
 * more pointer hops than that; pointers must also point backwards, which alone
 * rules out loops. The bound keeps the work per name small and fixed.
 */
#define KDNS_PTR_HOPS_MAX	127

#define KDNS_FLAG_QR		0x8000
#define KDNS_FLAG_AA		0x0400
#define KDNS_FLAG_TC		0x0200
#define KDNS_FLAG_RD		0x0100
#define KDNS_FLAG_RA		0x0080
#define KDNS_FLAG_AD		0x0020
#define KDNS_FLAG_CD		0x0010
#define KDNS_OPCODE_MASK	0x7800
#define KDNS_RCODE_MASK		0x000f
#define KDNS_OPCODE(flags)	(((flags) & KDNS_OPCODE_MASK) >> 11)
#define KDNS_RCODE(flags)	((flags) & KDNS_RCODE_MASK)

/* Record types and the class the engine knows by name. */
#define KDNS_CLASS_IN		1

enum kdns_rrtype {
	KDNS_T_A = 1,
	KDNS_T_NS = 2,
	KDNS_T_CNAME = 5,
	KDNS_T_SOA = 6,
	KDNS_T_PTR = 12,
	KDNS_T_HINFO = 13,
	KDNS_T_MX = 15,
	KDNS_T_TXT = 16,
	KDNS_T_AAAA = 28,
	KDNS_T_SRV = 33,
	KDNS_T_NAPTR = 35,
	KDNS_T_DNAME = 39,
	KDNS_T_OPT = 41,
	KDNS_T_DS = 43,
	KDNS_T_RRSIG = 46,
	KDNS_T_NSEC = 47,
	KDNS_T_DNSKEY = 48,
	KDNS_T_NSEC3 = 50,
	KDNS_T_NSEC3PARAM = 51,
	KDNS_T_IXFR = 251,
	KDNS_T_AXFR = 252,
	KDNS_T_MAILB = 253,
	KDNS_T_MAILA = 254,
	KDNS_T_ANY = 255,
};

/*
 * The OPT pseudo-record (RFC 6891 6.1.2): owner the root, TYPE 41, CLASS the
 * UDP payload size, TTL the extended RCODE's upper 8 bits, the version and
 * the flags (DO the highest), RDATA options. Without options, 11 bytes.
 */
#define KDNS_OPT_LEN		11
#define KDNS_EDNS_DO_BIT	0x8000

/* Why a read failed; every failure is sticky on the cursor (see below). */
enum kdns_wire_err {
	KDNS_WIRE_OK,
	KDNS_WIRE_SHORT,	/* the data ends inside the item */
	KDNS_WIRE_LABEL_TYPE,	/* label type 0x40 or 0x80 (RFC 6891 6.1.1) */
	KDNS_WIRE_NAME_LONG,	/* name over 255 bytes */
	KDNS_WIRE_PTR,		/* compression pointer where none is allowed */
	KDNS_WIRE_PTR_BAD,	/* pointer not strictly backwards, or too many hops */
};

/*
 * A read cursor over one message. After the first failure every read returns
 * zero and leaves the cursor where it stopped, so parsing code stays linear
 * and checks c->err once at the end (Knot's wire_ctx does the same).
 */
struct kdns_cursor {
	const u8 *base;
	size_t len;
	size_t pos;
	enum kdns_wire_err err;
};

struct kdns_hdr {
	u16 id;
	u16 flags;
	u16 qdcount;
	u16 ancount;
	u16 nscount;
	u16 arcount;
};

static inline void kdns_cursor_init(struct kdns_cursor *c, const u8 *base,
				    size_t len)
{
	c->base = base;
	c->len = len;
	c->pos = 0;
	c->err = KDNS_WIRE_OK;
}

static inline size_t kdns_cursor_left(const struct kdns_cursor *c)
{
	return c->err ? 0 : c->len - c->pos;
}

static inline void kdns_cursor_fail(struct kdns_cursor *c, enum kdns_wire_err err)
{
	if (!c->err)
		c->err = err;
}

static inline const u8 *kdns_read_bytes(struct kdns_cursor *c, size_t n)
{
	const u8 *p;

	if (c->err)
		return NULL;
	if (n > c->len - c->pos) {
		kdns_cursor_fail(c, KDNS_WIRE_SHORT);
		return NULL;
	}
	p = c->base + c->pos;
	c->pos += n;
	return p;
}

static inline u8 kdns_read_u8(struct kdns_cursor *c)
{
	const u8 *p = kdns_read_bytes(c, 1);

	return p ? p[0] : 0;
}

static inline u16 kdns_read_u16(struct kdns_cursor *c)
{
	const u8 *p = kdns_read_bytes(c, 2);

	return p ? kdns_get16(p) : 0;
}

static inline u32 kdns_read_u32(struct kdns_cursor *c)
{
	const u8 *p = kdns_read_bytes(c, 4);

	return p ? kdns_get32(p) : 0;
}
void kdns_read_hdr(struct kdns_cursor *c, struct kdns_hdr *h);

/* Write a header into buf[KDNS_HDR_LEN]: the counterpart of kdns_read_hdr. */
void kdns_put_hdr(u8 *buf, const struct kdns_hdr *h);

/*
 * Read a name at the cursor into out[KDNS_NAME_MAX] in uncompressed wire form,
 * following compression pointers only when allow_ptr. Returns its length
 * (1 for the root name), or 0 with c->err set. The cursor ends after the
 * name as it stands in the message (after the first pointer, if any).
 */
size_t kdns_read_name(struct kdns_cursor *c, u8 *out, bool allow_ptr);

/*
 * p[0..len) is exactly one uncompressed name (a netlink attribute, a
 * record's owner): copied into out[KDNS_NAME_MAX], its length returned;
 * else 0.
 */
size_t kdns_read_name_all(const u8 *p, size_t len, u8 *out);

/*
 * kdns_read_name(c, out, false) with the name lower-cased (as the question's
 * is looked up): the same checks, the same result.
 */
size_t kdns_read_name_lower(struct kdns_cursor *c, u8 *out);

/* Lower-case the ASCII letters of a wire-form name, in place. */
void kdns_name_lower(u8 *name);

/* The same for len bytes of names (a name of len bytes, or several). */
void kdns_lower_bytes(u8 *p, size_t len);

/* Number of labels of a valid wire-form name, the root label not counted. */
unsigned int kdns_name_labels(const u8 *name);

/* Wire-form names equal, ignoring ASCII case (RFC 4343). */
bool kdns_name_equal(const u8 *a, const u8 *b);

/*
 * A write cursor over the answer buffer, with name compression. Overflow is
 * sticky like read errors: after it every write is a no-op, and the caller
 * turns the answer into a truncated one (TC=1).
 */
#define KDNS_COMP_MAX 32

struct kdns_writer {
	u8 *base;
	size_t cap;
	size_t pos;
	bool overflow;
	unsigned int ncomp;
	u16 comp[KDNS_COMP_MAX];	/* offsets of names (suffixes) written */
	u8 complen[KDNS_COMP_MAX];	/* their lengths, uncompressed */
};

static inline void kdns_writer_init(struct kdns_writer *w, u8 *base, size_t cap)
{
	w->base = base;
	w->cap = cap;
	w->pos = 0;
	w->overflow = false;
	w->ncomp = 0;
}

/* Room for n bytes, for the caller to fill; NULL (and overflow) if there is none. */
static inline u8 *kdns_write_room(struct kdns_writer *w, size_t n)
{
	u8 *dst;

	if (w->overflow || n > w->cap - w->pos) {
		w->overflow = true;
		return NULL;
	}
	dst = w->base + w->pos;
	w->pos += n;
	return dst;
}

static inline u8 *kdns_write_bytes(struct kdns_writer *w, const void *p, size_t n)
{
	u8 *dst;

	if (w->overflow || n > w->cap - w->pos) {
		w->overflow = true;
		return NULL;
	}
	dst = w->base + w->pos;
	memcpy(dst, p, n);
	w->pos += n;
	return dst;
}

static inline void kdns_write_u16(struct kdns_writer *w, u16 v)
{
	u8 b[2];

	kdns_put16(b, v);
	kdns_write_bytes(w, b, 2);
}

static inline void kdns_write_u32(struct kdns_writer *w, u32 v)
{
	u8 b[4] = { v >> 24, v >> 16, v >> 8, v };

	kdns_write_bytes(w, b, 4);
}

static inline void kdns_write_hdr(struct kdns_writer *w, const struct kdns_hdr *h)
{
	u8 b[KDNS_HDR_LEN];

	kdns_put_hdr(b, h);
	kdns_write_bytes(w, b, sizeof(b));
}

/*
 * Write an OPT record's fixed part: our UDP payload size, the upper 8 bits
 * of a 12-bit extended RCODE (the header holds the lower 4), EDNS version 0
 * and the flags (RFC 6891 6.1.3), and RDLENGTH optlen: the caller writes
 * that many bytes of options next.
 */
void kdns_write_opt(struct kdns_writer *w, u16 payload, u16 rcode, u16 flags, u16 optlen);

/*
 * Write a wire-form name, compressed against the names written before with
 * compression allowed. Names written with compress false (RDATA of types
 * RFC 3597 forbids compressing) are not used as targets either.
 */
void kdns_write_name(struct kdns_writer *w, const u8 *name, bool compress);

/*
 * Remember that a name of len bytes (uncompressed, with the root label)
 * starts at off in the buffer, in uncompressed form or not.
 */
static inline void kdns_writer_add_target(struct kdns_writer *w, size_t off, size_t len)
{
	/* Pointers reach 14 bits; further names are simply not targets. */
	if (w->ncomp < KDNS_COMP_MAX && off < 0x4000) {
		w->comp[w->ncomp] = off;
		w->complen[w->ncomp++] = len;
	}
}

/* Length of a valid uncompressed wire name, with the root label. */
size_t kdns_name_len(const u8 *name);

/*
 * The wildcard "*.name" of a valid wire name into out[KDNS_NAME_MAX];
 * false (out untouched) if it would be longer than a name may be.
 */
static inline bool kdns_name_wildcard(u8 *out, const u8 *name)
{
	size_t len = kdns_name_len(name);

	if (len + 2 > KDNS_NAME_MAX)
		return false;
	out[0] = 1;
	out[1] = '*';
	memcpy(out + 2, name, len);
	return true;
}

#endif /* KDNS_WIRE_H */
