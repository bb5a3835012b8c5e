// SPDX-License-Identifier: GPL-2.0
/*
 * DNS cookies: making and checking server cookies (cookie.h).
 */
#include "cookie.h"
#include "siphash.h"

/* RFC 9018 4.3: good for an hour, five minutes of clock skew ahead. */
#define COOKIE_PAST	3600
#define COOKIE_FUTURE	300
#define COOKIE_RENEW	1800

void kdns_cookie_key(u64 key[2], const u8 *secret)
{
	key[0] = kdns_get64le(secret);
	key[1] = kdns_get64le(secret + 8);
}

/*
 * SipHash-2-4 (RFC 9018 4.4) over cc, the cookie's first eight bytes (as
 * given) and the address: 20 or 32 bytes, hashed as the words they are
 * without being put together.
 */
static u64 cookie_hash(const u64 key[2], const u8 *cc, const u8 *head, const u8 *addr,
		       bool v6)
{
	struct kdns_sip s;

	kdns_sip_start(&s, key);
	kdns_sip_word(&s, kdns_get64le(cc), 2);
	kdns_sip_word(&s, kdns_get64le(head), 2);
	if (!v6)
		return kdns_sip_end(&s, (u64)20 << 56 | kdns_get32le(addr), 2, 4);
	kdns_sip_word(&s, kdns_get64le(addr), 2);
	kdns_sip_word(&s, kdns_get64le(addr + 8), 2);
	return kdns_sip_end(&s, (u64)32 << 56, 2, 4);
}

static void put64le(u8 *p, u64 v)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		p[i] = v >> (8 * i);
}

void kdns_cookie_make(const u64 key[2], const u8 *cc, u32 now, const u8 *addr, bool v6,
		      u8 *out)
{
	out[0] = 1;
	out[1] = 0;
	out[2] = 0;
	out[3] = 0;
	kdns_put32(out + 4, now);
	put64le(out + 8, cookie_hash(key, cc, out, addr, v6));
}

/*
 * The hash in the cookie, against the one made: one comparison of words,
 * whose time does not depend on where they differ.
 */
static bool hash_is(const u8 *sc_hash, u64 h)
{
	return kdns_get64le(sc_hash) == h;
}

enum kdns_cookie_state kdns_cookie_check(const struct kdns_cookie_secrets *s, const u8 *cc,
					 const u8 *sc, size_t len, u32 now, const u8 *addr,
					 bool v6)
{
	int age;

	/* Version 1 is 16 bytes; other lengths and versions are not ours. */
	if (len != KDNS_COOKIE_SERVER || sc[0] != 1)
		return KDNS_COOKIE_BAD;
	/* Serial number arithmetic (RFC 1982): the clock may wrap. */
	age = (int)(now - kdns_get32(sc + 4));
	if (age > COOKIE_PAST || age < -COOKIE_FUTURE)
		return KDNS_COOKIE_BAD;
	/* The reserved bytes are hashed as they came (RFC 9018 4.4). */
	if (hash_is(sc + 8, cookie_hash(s->cur, cc, sc, addr, v6)))
		return age > COOKIE_RENEW ? KDNS_COOKIE_OLD : KDNS_COOKIE_GOOD;
	/* The previous secret's: good, and replaced by one of the current. */
	if (s->has_prev) {
		if (hash_is(sc + 8, cookie_hash(s->prev, cc, sc, addr, v6)))
			return KDNS_COOKIE_OLD;
	}
	return KDNS_COOKIE_BAD;
}
