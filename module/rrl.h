/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Response rate limiting (RRL), as BIND's and Knot's classic RRL: answers are
 * counted per client prefix, per class of answer and per the name that class
 * is keyed by, each in a token bucket of `rate` tokens a second holding at
 * most `window` seconds of them. An answer without a token is limited: every
 * slip-th limited answer goes out truncated (TC=1, no records: a real client
 * retries over TCP), the others are dropped.
 *
 * The buckets are one fixed table of 64-bit words, allocated when RRL is
 * switched on and replaced whole with the settings; each answer reads and
 * updates its bucket with one compare-and-exchange, with no lock. Bucket
 * places come from a keyed hash (a random key per table), so no one can aim
 * a flood at another client's bucket. Part of the answer engine: portable.h
 * only; the caller supplies the time in seconds.
 */
#ifndef KDNS_RRL_H
#define KDNS_RRL_H

#include "portable.h"

/*
 * What an answer is counted as, and by which name (RFC-less, as BIND's ARM
 * and Knot's mod-rrl describe it).
 */
enum kdns_rrl_class {
	KDNS_RRL_POSITIVE,	/* records for the name: the qname and the qtype */
	KDNS_RRL_NXDOMAIN,	/* the zone's apex */
	KDNS_RRL_NODATA,	/* the zone's apex */
	KDNS_RRL_REFERRAL,	/* the delegation's name */
	KDNS_RRL_WILDCARD,	/* the wildcard's owner ("*.example.") */
	KDNS_RRL_ERROR,		/* FORMERR, BADVERS, ...: one bucket a prefix */
	KDNS_RRL_LARGE,		/* truncated, or 1024 bytes or more: the qname */
	__KDNS_RRL_CLASS_LAST
};

/* An answer as RRL sees it: its class, and its name's (and qtype's) part of the key. */
struct kdns_rrl_answer {
	u8 cls;			/* enum kdns_rrl_class */
	u16 qtype;		/* POSITIVE only, else 0 */
	u32 name;		/* the engine's hash of the class's name; 0 for ERROR */
};

enum kdns_rrl_verdict {
	KDNS_RRL_SEND,		/* within the rate */
	KDNS_RRL_SLIP,		/* limited: send it truncated */
	KDNS_RRL_DROP,		/* limited: send nothing */
};

/* The bounds of the settings (kdnsctl and kdns(4) state them too). */
#define KDNS_RRL_RATE_MAX	1000000	/* answers a second */
#define KDNS_RRL_WINDOW_MAX	3600	/* seconds */
#define KDNS_RRL_TOKENS_MAX	((1U << 20) - 1)	/* rate * window */
#define KDNS_RRL_SLIP_MAX	100
#define KDNS_RRL_V4_MIN		8	/* prefix lengths, as BIND's */
#define KDNS_RRL_V6_MIN		16
#define KDNS_RRL_V6_MAX		64
#define KDNS_RRL_SIZE_MIN_LOG	10	/* buckets: 2^10 ... 2^22 */
#define KDNS_RRL_SIZE_MAX_LOG	22
#define KDNS_RRL_ALLOW_MAX	64	/* exempt prefixes */

struct kdns_rrl_prefix {
	bool v6;
	u8 len;			/* bits */
	u8 addr[16];		/* masked to len */
};

struct kdns_rrl_settings {
	u32 rate;		/* 1 .. KDNS_RRL_RATE_MAX */
	u32 window;		/* 1 .. KDNS_RRL_WINDOW_MAX; rate * window <= TOKENS_MAX */
	u32 slip;		/* 0: drop all; n: every n-th limited answer truncated */
	u8 v4_prefix;		/* KDNS_RRL_V4_MIN .. 32 */
	u8 v6_prefix;		/* KDNS_RRL_V6_MIN .. KDNS_RRL_V6_MAX */
	u8 size_log;		/* 2^size_log buckets */
	unsigned int nallow;
	struct kdns_rrl_prefix allow[KDNS_RRL_ALLOW_MAX];
};

struct kdns_rrl {
	struct kdns_rrl_settings set;
	u64 key[2];		/* of the buckets' hash */
	u64 mask;		/* buckets - 1 */
	u64 v6_mask;		/* the prefix's bits of an address's first 64 */
	u32 v4_mask;
	u64 *bucket;		/* an allocation of its own: a power of two's bytes */
};

/*
 * NULL, with *why set, if the settings are out of bounds; else a table
 * (kdns_alloc: in the kernel, charged to the caller's memory cgroup), every
 * bucket empty, keyed with key[16]. Free with kdns_rrl_free().
 */
struct kdns_rrl *kdns_rrl_new(const struct kdns_rrl_settings *set, const u8 key[16],
			      const char **why);
void kdns_rrl_free(struct kdns_rrl *rrl);
/* The memory a table of 2^size_log buckets takes (for the memory limits). */
size_t kdns_rrl_bytes(u8 size_log);

/* Is the client (4 or 16 bytes of address) in a prefix of the allow list? */
bool kdns_rrl_exempt(const struct kdns_rrl *rrl, const u8 *addr, bool v6);

/*
 * Count one answer to the client at now (seconds, from any clock that does
 * not go back): send it, slip it or drop it.
 */
enum kdns_rrl_verdict kdns_rrl_account(struct kdns_rrl *rrl, const u8 *addr, bool v6,
				       const struct kdns_rrl_answer *a, u32 now);

#endif /* KDNS_RRL_H */
