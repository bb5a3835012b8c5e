/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DNS cookies (RFC 7873): the server cookie in the interoperable format of
 * RFC 9018, so that servers sharing a secret (kdns, Knot DNS, BIND) accept
 * each other's cookies:
 *
 *   version 1 | reserved (3 bytes) | timestamp (4, seconds, big-endian) |
 *   hash (8): SipHash-2-4 under the 16-byte secret of the client cookie,
 *             the version, reserved and timestamp bytes, and the client's
 *             address (4 or 16 bytes)
 *
 * A cookie is good from an hour before to five minutes after its timestamp
 * (RFC 9018 4.3), checked against the current secret or the previous one.
 * Part of the answer engine: portable.h only.
 */
#ifndef KDNS_COOKIE_H
#define KDNS_COOKIE_H

#include "portable.h"

#define KDNS_EDNS_COOKIE	10	/* the COOKIE option's code */
#define KDNS_COOKIE_CLIENT	8	/* bytes of a client cookie */
#define KDNS_COOKIE_SERVER	16	/* bytes of the server cookies kdns makes */
#define KDNS_COOKIE_MAX		40	/* an option's most: client and server */
#define KDNS_COOKIE_SECRET	16

struct kdns_cookie_secrets {
	u64 cur[2];		/* the secret's bytes as SipHash's key words */
	u64 prev[2];
	bool has_prev;
};

/* The key words of a secret of KDNS_COOKIE_SECRET bytes. */
void kdns_cookie_key(u64 key[2], const u8 *secret);

/*
 * The server cookie for client cookie cc, at time now (seconds since 1970,
 * modulo 2^32), to the client of address addr (4 or 16 bytes), into
 * out[KDNS_COOKIE_SERVER].
 */
void kdns_cookie_make(const u64 key[2], const u8 *cc, u32 now, const u8 *addr, bool v6,
		      u8 *out);

enum kdns_cookie_state {
	KDNS_COOKIE_BAD,	/* not one of ours, or out of its time */
	KDNS_COOKIE_GOOD,	/* ours, and less than half an hour old */
	/* Good, to be replaced: half an hour old, or the previous secret's. */
	KDNS_COOKIE_OLD,
};

/* The server cookie sc of len bytes, sent back with client cookie cc, at now. */
enum kdns_cookie_state kdns_cookie_check(const struct kdns_cookie_secrets *s, const u8 *cc,
					 const u8 *sc, size_t len, u32 now, const u8 *addr,
					 bool v6);

#endif /* KDNS_COOKIE_H */
