// SPDX-License-Identifier: GPL-2.0
/*
 * The DNS wire format: headers and names read through a bounded cursor;
 * headers, names (compressed) and the OPT record written through a bounded
 * writer. Part of the answer engine: portable.h only.
 */
#include "wire.h"


/* One bounds check for the twelve bytes; all zero when they are not there. */
void kdns_read_hdr(struct kdns_cursor *c, struct kdns_hdr *h)
{
	const u8 *p = kdns_read_bytes(c, KDNS_HDR_LEN);

	if (!p) {
		memset(h, 0, sizeof(*h));
		return;
	}
	h->id = kdns_get16(p);
	h->flags = kdns_get16(p + 2);
	h->qdcount = kdns_get16(p + 4);
	h->ancount = kdns_get16(p + 6);
	h->nscount = kdns_get16(p + 8);
	h->arcount = kdns_get16(p + 10);
}

void kdns_put_hdr(u8 *buf, const struct kdns_hdr *h)
{
	kdns_put16(buf, h->id);
	kdns_put16(buf + 2, h->flags);
	kdns_put16(buf + 4, h->qdcount);
	kdns_put16(buf + 6, h->ancount);
	kdns_put16(buf + 8, h->nscount);
	kdns_put16(buf + 10, h->arcount);
}

void kdns_write_opt(struct kdns_writer *w, u16 payload, u16 rcode, u16 flags, u16 optlen)
{
	u8 *b = kdns_write_room(w, KDNS_OPT_LEN);

	if (!b)
		return;
	b[0] = 0;	/* the root owner */
	kdns_put16(b + 1, KDNS_T_OPT);
	kdns_put16(b + 3, payload);
	kdns_put32(b + 5, (u32)(rcode >> 4) << 24 | flags);
	kdns_put16(b + 9, optlen);
}

/*
 * One loop over labels and pointers: its state (where the next label is,
 * where the cursor ends, how many hops so far) is the function's, and a
 * split would pass all of it around.
 */
size_t kdns_read_name(struct kdns_cursor *c, u8 *out, bool allow_ptr)
{
	size_t pos = c->pos;		/* where the next label is read */
	size_t seg = c->pos;		/* start of the current run of labels */
	size_t end = 0;			/* cursor position after the name */
	size_t len = 0;
	unsigned int hops = 0;

	if (c->err)
		return 0;
	for (;;) {
		u8 b;

		if (pos >= c->len)
			goto short_read;
		b = c->base[pos];
		if (b == 0) {
			out[len++] = 0;
			if (!end)
				end = pos + 1;
			break;
		}
		if ((b & 0xc0) == 0xc0) {
			size_t target;

			if (!allow_ptr) {
				kdns_cursor_fail(c, KDNS_WIRE_PTR);
				return 0;
			}
			if (pos + 1 >= c->len)
				goto short_read;
			target = (size_t)(b & 0x3f) << 8 | c->base[pos + 1];
			/* Strictly backwards, before this run: no loop possible. */
			if (target >= seg || ++hops > KDNS_PTR_HOPS_MAX) {
				kdns_cursor_fail(c, KDNS_WIRE_PTR_BAD);
				return 0;
			}
			if (!end)
				end = pos + 2;
			pos = seg = target;
			continue;
		}
		if (b & 0xc0) {
			kdns_cursor_fail(c, KDNS_WIRE_LABEL_TYPE);
			return 0;
		}
		/* The label, and the root label that must still follow it. */
		if (len + 1 + b + 1 > KDNS_NAME_MAX) {
			kdns_cursor_fail(c, KDNS_WIRE_NAME_LONG);
			return 0;
		}
		if (pos + 1 + b > c->len)
			goto short_read;
		memcpy(out + len, c->base + pos, 1 + b);
		len += 1 + b;
		pos += 1 + b;
	}
	c->pos = end;
	return len;

short_read:
	kdns_cursor_fail(c, KDNS_WIRE_SHORT);
	return 0;
}

size_t kdns_read_name_all(const u8 *p, size_t len, u8 *out)
{
	struct kdns_cursor c;
	size_t n;

	kdns_cursor_init(&c, p, len);
	n = kdns_read_name(&c, out, false);
	return n && c.pos == len ? n : 0;
}

/*
 * Eight bytes at a time: a byte gets 0x20 added when it is 'A' to 'Z'
 * (its high bit clear, and 'A' - 1 < byte < 'Z' + 1 as the carries into the
 * high bits of the two sums say). Length bytes (at most 63) stay as they are.
 * dst may be src.
 */
static void copy_lower(u8 *dst, const u8 *src, size_t len)
{
	const u64 ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;

	for (; len >= 8; dst += 8, src += 8, len -= 8) {
		u64 x, seven, ge_a, gt_z;

		memcpy(&x, src, 8);
		seven = x & ~high;
		ge_a = seven + (0x80 - 'A') * ones;
		gt_z = seven + (0x80 - 'Z' - 1) * ones;
		x |= (ge_a & ~gt_z & ~x & high) >> 2;
		memcpy(dst, &x, 8);
	}
	for (; len; dst++, src++, len--)
		*dst = kdns_lower(*src);
}

void kdns_lower_bytes(u8 *p, size_t len)
{
	copy_lower(p, p, len);
}

/*
 * kdns_read_name(c, out, false), lower-cased: the labels checked in place,
 * then copied and lower-cased in one pass, eight bytes at a time.
 */
size_t kdns_read_name_lower(struct kdns_cursor *c, u8 *out)
{
	const u8 *p = c->base + c->pos;
	size_t left = c->len - c->pos, len = 0;

	if (c->err)
		return 0;
	for (;;) {
		u8 b;

		if (len >= left) {
			kdns_cursor_fail(c, KDNS_WIRE_SHORT);
			return 0;
		}
		b = p[len];
		if (!b)
			break;
		if (b & 0xc0) {
			kdns_cursor_fail(c, (b & 0xc0) == 0xc0 ? KDNS_WIRE_PTR : KDNS_WIRE_LABEL_TYPE);
			return 0;
		}
		if (len + 1 + b + 1 > KDNS_NAME_MAX) {
			kdns_cursor_fail(c, KDNS_WIRE_NAME_LONG);
			return 0;
		}
		len += 1 + b;
	}
	len++;
	copy_lower(out, p, len);
	c->pos += len;
	return len;
}

void kdns_name_lower(u8 *name)
{
	kdns_lower_bytes(name, kdns_name_len(name));
}

unsigned int kdns_name_labels(const u8 *name)
{
	unsigned int labels = 0;

	while (*name) {
		name += 1 + *name;
		labels++;
	}
	return labels;
}

bool kdns_name_equal(const u8 *a, const u8 *b)
{
	for (;;) {
		u8 n = *a;

		if (n != *b)
			return false;
		if (!n)
			return true;
		a++;
		b++;
		for (; n; n--, a++, b++)
			if (*a != *b && kdns_lower(*a) != kdns_lower(*b))
				return false;
	}
}

size_t kdns_name_len(const u8 *name)
{
	const u8 *p = name;

	while (*p)
		p += 1 + *p;
	return p - name + 1;
}

/*
 * Does the name at off in the buffer (which we wrote: its pointers are sound
 * and go backwards) equal name, ignoring case?
 */
static bool buf_name_equal(const struct kdns_writer *w, size_t off, const u8 *name,
			   size_t len)
{
	const u8 *p = w->base + off;

	/* Most often the same bytes, uncompressed (a pointer's byte is no length). */
	if (off + len <= w->pos && kdns_bytes_equal(p, name, len))
		return true;
	for (;;) {
		u8 n;

		while ((*p & 0xc0) == 0xc0)
			p = w->base + ((p[0] & 0x3f) << 8 | p[1]);
		n = *p;
		if (n != *name)
			return false;
		if (!n)
			return true;
		for (p++, name++; n; n--, p++, name++)
			if (*p != *name && kdns_lower(*p) != kdns_lower(*name))
				return false;
	}
}

void kdns_write_name(struct kdns_writer *w, const u8 *name, bool compress)
{
	const u8 *s;
	size_t start = w->pos, len = kdns_name_len(name);
	unsigned int i, ntargets = w->ncomp;

	for (s = name; *s; s += 1 + *s) {
		size_t left = len - (s - name);	/* this suffix's length */

		if (compress) {
			/* Only a name of the same length can be the same. */
			for (i = 0; i < ntargets; i++) {
				if (w->complen[i] == left &&
				    buf_name_equal(w, w->comp[i], s, left)) {
					kdns_write_u16(w, 0xc000 | w->comp[i]);
					return;
				}
			}
		}
		if (!kdns_write_bytes(w, s, 1 + *s))
			return;
		if (compress)
			kdns_writer_add_target(w, start + (s - name), left);
	}
	kdns_write_bytes(w, "", 1);
}
