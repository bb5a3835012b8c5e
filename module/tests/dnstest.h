/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test helpers for the engine's suites, in the kernel and on the host: zones
 * from a few lines of master-file-like text, queries from a name and a type,
 * and answers printed back as text that a test compares with what it expects.
 * These are fixtures for tests, not a zone file parser (kdnsctl uses Knot's
 * libzscanner): one record per line, "owner TTL TYPE RDATA", owners absolute
 * or "@", a small set of types, no escapes.
 */
#ifndef KDNS_DNSTEST_H
#define KDNS_DNSTEST_H

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/string.h>
#define dt_snprintf snprintf
static inline unsigned long dt_strtoul(const char *s, char **end, int base)
{
	return simple_strtoul(s, end, base);
}
#else
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define dt_snprintf snprintf
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#define fallthrough __attribute__((__fallthrough__))
/* Like the kernel's simple_strtoul: no blanks skipped. */
static inline unsigned long dt_strtoul(const char *s, char **end, int base)
{
	if (*s == ' ' || *s == '\t') {
		if (end)
			*end = (char *)s;
		return 0;
	}
	return strtoul(s, end, base);
}
#endif

#include "../answer.h"

/* A number at *p, after blanks (the kernel's simple_strtoul skips none). */
static inline unsigned long dt_num(const char **p, int base)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
	return dt_strtoul(*p, (char **)p, base);
}

/* Dotted text ("www.example.com." or ".") to wire form; returns the length. */
/* Hex digits, two a byte, into out (test data: no checks). */
static inline void dt_hex(const char *s, u8 *out)
{
	size_t i;

	for (i = 0; s[2 * i]; i++) {
		unsigned int hi = s[2 * i], lo = s[2 * i + 1];

		hi = hi <= '9' ? hi - '0' : (hi | 0x20) - 'a' + 10;
		lo = lo <= '9' ? lo - '0' : (lo | 0x20) - 'a' + 10;
		out[i] = hi << 4 | lo;
	}
}

static inline size_t dt_name(u8 *out, const char *text, size_t n)
{
	size_t len = 0;

	while (n && *text && !(n == 1 && *text == '.')) {
		size_t l = 0;

		while (l < n && text[l] != '.')
			l++;
		out[len] = l;
		memcpy(out + len + 1, text, l);
		len += 1 + l;
		text += l;
		n -= l;
		if (n) {
			text++;
			n--;
		}
	}
	out[len++] = 0;
	return len;
}

static inline const char *dt_word(const char *p, size_t *n)
{
	while (*p == ' ' || *p == '\t')
		p++;
	*n = 0;
	while (p[*n] && p[*n] != ' ' && p[*n] != '\t')
		(*n)++;
	return p;
}

static const struct {
	const char *name;
	u16 type;
} dt_types[] = {
	{ "A", KDNS_T_A }, { "NS", KDNS_T_NS }, { "CNAME", KDNS_T_CNAME },
	{ "SOA", KDNS_T_SOA }, { "PTR", KDNS_T_PTR }, { "MX", KDNS_T_MX },
	{ "TXT", KDNS_T_TXT }, { "AAAA", KDNS_T_AAAA }, { "SRV", KDNS_T_SRV },
	{ "DNAME", KDNS_T_DNAME }, { "DS", KDNS_T_DS }, { "OPT", KDNS_T_OPT },
	{ "RRSIG", KDNS_T_RRSIG }, { "NSEC", KDNS_T_NSEC }, { "NSEC3", KDNS_T_NSEC3 },
	{ "ANY", KDNS_T_ANY },
};

static inline u16 dt_type(const char *w, size_t n)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dt_types); i++)
		if (strlen(dt_types[i].name) == n && !memcmp(dt_types[i].name, w, n))
			return dt_types[i].type;
	if (n > 4 && !memcmp(w, "TYPE", 4))
		return dt_strtoul(w + 4, NULL, 10);
	return 0;
}

static inline const char *dt_type_name(u16 type, char *buf, size_t cap)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dt_types); i++)
		if (dt_types[i].type == type)
			return dt_types[i].name;
	dt_snprintf(buf, cap, "TYPE%u", type);
	return buf;
}

/* RDATA text to wire, for the fixture types; returns the length or -1. */
static inline int dt_rdata(u16 type, const char *p, u8 *out)
{
	size_t n, len = 0;
	const char *w;
	int i;

	w = dt_word(p, &n);
	if (n == 2 && !memcmp(w, "\\#", 2))
		type = 0;	/* RFC 3597 generic form, whatever the type */
	switch (type) {
	case KDNS_T_A:
		for (i = 0; i < 4; i++) {
			out[i] = dt_num(&p, 10);
			if (*p == '.')
				p++;
		}
		return 4;
	case KDNS_T_AAAA:
		/* Eight groups, no "::" shorthand. */
		for (i = 0; i < 8; i++) {
			kdns_put16(out + 2 * i, dt_num(&p, 16));
			if (*p == ':')
				p++;
		}
		return 16;
	case KDNS_T_MX:
		kdns_put16(out, dt_num(&p, 10));
		len = 2;
		fallthrough;
	case KDNS_T_NS:
	case KDNS_T_CNAME:
	case KDNS_T_PTR:
	case KDNS_T_DNAME:
		w = dt_word(p, &n);
		return len + dt_name(out + len, w, n);
	case KDNS_T_SRV:
		for (i = 0; i < 3; i++)
			kdns_put16(out + 2 * i, dt_num(&p, 10));
		w = dt_word(p, &n);
		return 6 + dt_name(out + 6, w, n);
	case KDNS_T_SOA:
		w = dt_word(p, &n);
		len = dt_name(out, w, n);
		w = dt_word(w + n, &n);
		len += dt_name(out + len, w, n);
		p = w + n;
		for (i = 0; i < 5; i++, len += 4) {
			u32 v = dt_num(&p, 10);

			out[len] = v >> 24;
			out[len + 1] = v >> 16;
			out[len + 2] = v >> 8;
			out[len + 3] = v;
		}
		return len;
	case KDNS_T_NSEC:
		/* The next name, then the type bitmap in hex. */
		w = dt_word(p, &n);
		len = dt_name(out, w, n);
		for (p = w + n; *p == ' '; p++)
			;
		for (; p[0] && p[1]; p += 2) {
			char hex[3] = { p[0], p[1], 0 };

			out[len++] = dt_strtoul(hex, NULL, 16);
		}
		return len;
	case KDNS_T_TXT:
		/* Words, each one character-string. */
		for (w = dt_word(p, &n); n; w = dt_word(w + n, &n)) {
			out[len] = n;
			memcpy(out + len + 1, w, n);
			len += 1 + n;
		}
		return len;
	default:
		/* RFC 3597: "\# LEN HEX" */
		w = dt_word(p, &n);
		if (n != 2 || memcmp(w, "\\#", 2))
			return -1;
		p = w + 2;
		n = dt_num(&p, 10);
		for (len = 0; len < n; len++) {
			char hex[3];

			while (*p == ' ')
				p++;
			hex[0] = p[0];
			hex[1] = p[1];
			hex[2] = 0;
			out[len] = dt_strtoul(hex, NULL, 16);
			p += 2;
		}
		return len;
	}
}

/*
 * Build a zone from lines; NULL with *why (and dt_why_name, as text) when the
 * builder refuses it.
 */
static inline struct kdns_zone *dt_zone(const char *origin, const char *const *lines,
					unsigned int nlines, const char **why)
{
	/* Static: kernel stacks are small, and tests run one at a time. */
	static struct kdns_zone_builder b;
	static u8 apex[KDNS_NAME_MAX], owner[KDNS_NAME_MAX], rdata[512];
	struct kdns_zone *z = NULL;
	unsigned int i;

	dt_name(apex, origin, strlen(origin));
	if (kdns_zb_init(&b, apex, 0)) {
		*why = b.why;
		return NULL;
	}
	for (i = 0; i < nlines; i++) {
		const char *w = lines[i];
		struct kdns_rr rr = { .owner = owner, .rclass = KDNS_CLASS_IN, .rdata = rdata };
		size_t n;
		int len;

		w = dt_word(w, &n);
		if (n == 1 && *w == '@')
			rr.owner_len = dt_name(owner, origin, strlen(origin));
		else
			rr.owner_len = dt_name(owner, w, n);
		w = dt_word(w + n, &n);
		{
			const char *t = w;

			rr.ttl = dt_num(&t, 10);
		}
		w = dt_word(w + n, &n);
		rr.type = dt_type(w, n);
		len = dt_rdata(rr.type, w + n, rdata);
		if (!rr.type || len < 0) {
			*why = "fixture: cannot parse the line";
			goto out;
		}
		rr.rdlen = len;
		if (kdns_zb_add(&b, &rr)) {
			*why = b.why;
			goto out;
		}
	}
	z = kdns_zb_finish(&b);
	if (!z)
		*why = b.why;
out:
	kdns_zb_destroy(&b);
	return z;
}

/* A query: flags as in the header (RD...); edns_payload 0 for no OPT. */
static inline size_t dt_query(u8 *buf, u16 id, u16 flags, const char *name, u16 type,
			      u16 edns_payload, u16 edns_flags)
{
	size_t len = KDNS_HDR_LEN;

	memset(buf, 0, KDNS_HDR_LEN);
	kdns_put16(buf, id);
	kdns_put16(buf + 2, flags);
	kdns_put16(buf + 4, 1);
	len += dt_name(buf + len, name, strlen(name));
	kdns_put16(buf + len, type);
	kdns_put16(buf + len + 2, KDNS_CLASS_IN);
	len += 4;
	if (edns_payload) {
		kdns_put16(buf + 10, 1);
		buf[len] = 0;
		kdns_put16(buf + len + 1, KDNS_T_OPT);
		kdns_put16(buf + len + 3, edns_payload);
		buf[len + 5] = 0;
		buf[len + 6] = 0;
		kdns_put16(buf + len + 7, edns_flags);
		kdns_put16(buf + len + 9, 0);
		len += 11;
	}
	return len;
}

static inline size_t dt_name_text(const u8 *name, char *out, size_t cap)
{
	size_t pos = 0;

	if (!*name)
		return dt_snprintf(out, cap, ".");
	while (*name && pos < cap) {
		pos += dt_snprintf(out + pos, cap - pos, "%.*s.", name[0], name + 1);
		name += 1 + *name;
	}
	return pos;
}

static const char *const dt_rcodes[] = {
	"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN",
};

/*
 * An answer as text: a first line "RCODE flags... qd=N", then one line per
 * record "SECTION owner TTL TYPE RDATA". OPT prints as "OPT payload rcode
 * version do". Returns false if the message does not parse.
 */
static inline bool dt_text(const u8 *msg, size_t len, char *out, size_t cap)
{
	static const char *const sec[] = { "AN", "NS", "AR" };
	struct kdns_cursor c;
	struct kdns_hdr h;
	u8 name[KDNS_NAME_MAX];
	unsigned int s, i, rcode;
	size_t pos;
	char tbuf[16];

	kdns_cursor_init(&c, msg, len);
	kdns_read_hdr(&c, &h);
	kdns_read_name(&c, name, true);
	kdns_read_u16(&c);
	kdns_read_u16(&c);
	if (c.err)
		return false;
	rcode = KDNS_RCODE(h.flags);
	pos = dt_snprintf(out, cap, "%s%s%s%s qd=%u\n",
			  rcode < ARRAY_SIZE(dt_rcodes) ? dt_rcodes[rcode] : "RCODE?",
			  h.flags & KDNS_FLAG_AA ? " aa" : "",
			  h.flags & KDNS_FLAG_TC ? " tc" : "",
			  h.flags & KDNS_FLAG_RD ? " rd" : "", h.qdcount);
	for (s = 0; s < 3; s++) {
		unsigned int count = s == 0 ? h.ancount : s == 1 ? h.nscount : h.arcount;

		for (i = 0; i < count && pos < cap; i++) {
			u16 type, rclass, rdlen;
			u32 ttl;
			size_t rdstart;

			kdns_read_name(&c, name, true);
			type = kdns_read_u16(&c);
			rclass = kdns_read_u16(&c);
			ttl = kdns_read_u32(&c);
			rdlen = kdns_read_u16(&c);
			rdstart = c.pos;
			if (c.err || rdlen > kdns_cursor_left(&c))
				return false;
			if (type == KDNS_T_OPT) {
				pos += dt_snprintf(out + pos, cap - pos, "%s OPT %u %u %u%s\n",
						   sec[s], rclass, ttl >> 24, (ttl >> 16) & 0xff,
						   ttl & KDNS_EDNS_DO_BIT ? " do" : "");
				kdns_read_bytes(&c, rdlen);
				continue;
			}
			pos += dt_snprintf(out + pos, cap - pos, "%s ", sec[s]);
			pos += dt_name_text(name, out + pos, cap - pos);
			pos += dt_snprintf(out + pos, cap - pos, " %u %s", ttl,
					   dt_type_name(type, tbuf, sizeof(tbuf)));
			switch (type) {
			case KDNS_T_A: {
				const u8 *a = kdns_read_bytes(&c, 4);

				if (a)
					pos += dt_snprintf(out + pos, cap - pos, " %u.%u.%u.%u",
							   a[0], a[1], a[2], a[3]);
				break;
			}
			case KDNS_T_AAAA:
				for (rclass = 0; rclass < 8; rclass++)
					pos += dt_snprintf(out + pos, cap - pos, "%s%x",
							   rclass ? ":" : " ", kdns_read_u16(&c));
				break;
			case KDNS_T_MX:
				pos += dt_snprintf(out + pos, cap - pos, " %u", kdns_read_u16(&c));
				fallthrough;
			case KDNS_T_NS:
			case KDNS_T_CNAME:
			case KDNS_T_PTR:
			case KDNS_T_DNAME:
				kdns_read_name(&c, name, true);
				pos += dt_snprintf(out + pos, cap - pos, " ");
				pos += dt_name_text(name, out + pos, cap - pos);
				break;
			case KDNS_T_NSEC:
				/* The next name; the bitmap is skipped. */
				kdns_read_name(&c, name, false);
				pos += dt_snprintf(out + pos, cap - pos, " ");
				pos += dt_name_text(name, out + pos, cap - pos);
				kdns_read_bytes(&c, rdstart + rdlen - c.pos);
				break;
			case KDNS_T_SOA:
				kdns_read_name(&c, name, true);
				pos += dt_snprintf(out + pos, cap - pos, " ");
				pos += dt_name_text(name, out + pos, cap - pos);
				kdns_read_name(&c, name, true);
				pos += dt_snprintf(out + pos, cap - pos, " ");
				pos += dt_name_text(name, out + pos, cap - pos);
				for (rclass = 0; rclass < 5; rclass++)
					pos += dt_snprintf(out + pos, cap - pos, " %u",
							   kdns_read_u32(&c));
				break;
			default:
				pos += dt_snprintf(out + pos, cap - pos, " \\# %u", rdlen);
				kdns_read_bytes(&c, rdlen);
			}
			pos += dt_snprintf(out + pos, cap - pos, "\n");
			if (c.err || c.pos != rdstart + rdlen)
				return false;
		}
	}
	return !c.err && !kdns_cursor_left(&c) && pos < cap;
}

#endif /* KDNS_DNSTEST_H */
