// SPDX-License-Identifier: GPL-2.0
/*
 * Response rate limiting: the buckets (rrl.h says what they count).
 *
 * A bucket is one 64-bit word, so that an answer's update is one
 * compare-and-exchange on one cache line:
 *
 *   63        48 47              28 27      20 19              0
 *  +------------+------------------+----------+-----------------+
 *  |    tag     |  time (seconds)  | slipped  |     tokens      |
 *  +------------+------------------+----------+-----------------+
 *
 * tag: 16 bits of the key's hash not used for the place (0: an empty
 * bucket); time: when the bucket was last counted, in seconds modulo 2^20
 * (12 days); slipped: limited answers since the last one slipped, modulo
 * slip; tokens: up to rate * window.
 *
 * A key has two places, a pair of neighbouring buckets: its own, if either
 * holds its tag, else the empty one or the one counted longest ago, which it
 * takes over. A key that takes over a bucket counted within the window
 * starts with one second of tokens rather than a full window: a flood of
 * made-up names cannot clear the way for limited ones.
 */
#include "rrl.h"
#include "siphash.h"

#define TOKENS_BITS	20
#define SLIP_SHIFT	20
#define TIME_SHIFT	28
#define TIME_BITS	20
#define TAG_SHIFT	48

#define TOKENS(w)	((u32)((w) & ((1U << TOKENS_BITS) - 1)))
#define SLIPPED(w)	((u32)((w) >> SLIP_SHIFT & 0xff))
#define TIME(w)		((u32)((w) >> TIME_SHIFT & ((1U << TIME_BITS) - 1)))
#define TAG(w)		((u32)((w) >> TAG_SHIFT))
#define WORD(tag, time, slipped, tokens)					\
	((u64)(tag) << TAG_SHIFT | (u64)((time) & ((1U << TIME_BITS) - 1)) << TIME_SHIFT | \
	 (u64)(slipped) << SLIP_SHIFT | (tokens))

/* Compare-and-exchange attempts before an answer is counted without its update. */
#define TRIES		8

static const char *settings_error(const struct kdns_rrl_settings *set)
{
	unsigned int i;

	if (!set->rate || set->rate > KDNS_RRL_RATE_MAX)
		return "rate out of range";
	if (!set->window || set->window > KDNS_RRL_WINDOW_MAX)
		return "window out of range";
	if ((u64)set->rate * set->window > KDNS_RRL_TOKENS_MAX)
		return "rate times window over 1048575";
	if (set->slip > KDNS_RRL_SLIP_MAX)
		return "slip out of range";
	if (set->v4_prefix < KDNS_RRL_V4_MIN || set->v4_prefix > 32)
		return "IPv4 prefix length out of range";
	if (set->v6_prefix < KDNS_RRL_V6_MIN || set->v6_prefix > KDNS_RRL_V6_MAX)
		return "IPv6 prefix length out of range";
	if (set->size_log < KDNS_RRL_SIZE_MIN_LOG || set->size_log > KDNS_RRL_SIZE_MAX_LOG)
		return "table size out of range";
	if (set->nallow > KDNS_RRL_ALLOW_MAX)
		return "too many exempt prefixes";
	for (i = 0; i < set->nallow; i++)
		if (set->allow[i].len > (set->allow[i].v6 ? 128 : 32))
			return "exempt prefix length out of range";
	return NULL;
}

size_t kdns_rrl_bytes(u8 size_log)
{
	return sizeof(struct kdns_rrl) + (sizeof(u64) << size_log);
}

/* Copy len bits of an address; the rest of out[16] is zero. */
static void copy_prefix(u8 *out, const u8 *addr, unsigned int len)
{
	unsigned int full = len / 8;

	memset(out, 0, 16);
	memcpy(out, addr, full);
	if (len % 8)
		out[full] = addr[full] & (u8)(0xff << (8 - len % 8));
}

struct kdns_rrl *kdns_rrl_new(const struct kdns_rrl_settings *set, const u8 key[16],
			      const char **why)
{
	struct kdns_rrl *rrl;
	unsigned int i;

	*why = settings_error(set);
	if (*why)
		return NULL;
	/*
	 * The buckets apart from the settings: an allocation of exactly a
	 * power of two's bytes, which no allocator rounds up to twice that.
	 */
	rrl = kdns_alloc(sizeof(*rrl));
	if (rrl)
		rrl->bucket = kdns_alloc(sizeof(u64) << set->size_log);
	if (!rrl || !rrl->bucket) {
		kdns_free(rrl);
		*why = "no memory for the table";
		return NULL;
	}
	rrl->set = *set;
	/* Stored masked, whatever the caller gave. */
	for (i = 0; i < set->nallow; i++) {
		u8 masked[16];

		copy_prefix(masked, set->allow[i].addr, set->allow[i].len);
		memcpy(rrl->set.allow[i].addr, masked, 16);
	}
	rrl->key[0] = kdns_get64le(key);
	rrl->key[1] = kdns_get64le(key + 8);
	rrl->mask = ((u64)1 << set->size_log) - 1;
	rrl->v4_mask = ~0U << (32 - set->v4_prefix);
	rrl->v6_mask = ~0ULL << (64 - set->v6_prefix);
	return rrl;
}

void kdns_rrl_free(struct kdns_rrl *rrl)
{
	if (rrl)
		kdns_free(rrl->bucket);
	kdns_free(rrl);
}

bool kdns_rrl_exempt(const struct kdns_rrl *rrl, const u8 *addr, bool v6)
{
	unsigned int i;

	for (i = 0; i < rrl->set.nallow; i++) {
		const struct kdns_rrl_prefix *p = &rrl->set.allow[i];
		u8 masked[16];

		if (p->v6 != v6)
			continue;
		copy_prefix(masked, addr, p->len);
		if (!memcmp(masked, p->addr, v6 ? 16 : 4))
			return true;
	}
	return false;
}

/*
 * The key, hashed as a 15-byte message without being written out: the
 * client's prefix (masked in a register: an IPv6 prefix is at most 64 bits)
 * as a word, then the name's hash, the qtype and the class with the family
 * as the last block's seven bytes.
 */
static u64 key_hash(const struct kdns_rrl *rrl, const u8 *addr, bool v6,
		    const struct kdns_rrl_answer *a)
{
	u64 prefix, rest;
	struct kdns_sip s;

	if (v6)
		prefix = ((u64)kdns_get32(addr) << 32 | kdns_get32(addr + 4)) & rrl->v6_mask;
	else
		prefix = kdns_get32(addr) & rrl->v4_mask;
	rest = (u64)a->name | (u64)a->qtype << 32 | (u64)(a->cls | v6 << 7) << 48;
	kdns_sip_start(&s, rrl->key);
	kdns_sip_word(&s, prefix, 1);
	return kdns_sip_end(&s, (u64)15 << 56 | rest, 1, 3);
}

/*
 * The bucket word after one more answer, from the word before (old: the
 * key's own bucket if own, else the bucket it takes over), and the verdict.
 */
static enum kdns_rrl_verdict count(const struct kdns_rrl_settings *set, u64 old, bool own,
				   u32 tag, u32 now, u64 *new)
{
	u32 cap = set->rate * set->window;
	u32 age = (now - TIME(old)) & ((1U << TIME_BITS) - 1);
	u32 tokens, slipped;
	enum kdns_rrl_verdict v;

	if (own) {
		u64 t = TOKENS(old) + (u64)age * set->rate;

		tokens = t > cap ? cap : t;
		slipped = SLIPPED(old);
	} else {
		/* Empty or idle for a window: full. Else one second's worth. */
		tokens = !TAG(old) || age > set->window ? cap : set->rate;
		slipped = 0;
	}
	if (tokens) {
		tokens--;
		/* The first answer limited after one sent slips. */
		slipped = 0;
		v = KDNS_RRL_SEND;
	} else if (!set->slip) {
		v = KDNS_RRL_DROP;
	} else {
		v = slipped ? KDNS_RRL_DROP : KDNS_RRL_SLIP;
		slipped = (slipped + 1) % set->slip;
	}
	*new = WORD(tag, now, slipped, tokens);
	return v;
}

enum kdns_rrl_verdict kdns_rrl_account(struct kdns_rrl *rrl, const u8 *addr, bool v6,
				       const struct kdns_rrl_answer *a, u32 now)
{
	u64 h = key_hash(rrl, addr, v6, a);
	u32 tag = (u32)(h >> TAG_SHIFT) ?: 1;
	u64 *pair = &rrl->bucket[h & rrl->mask & ~(u64)1];
	enum kdns_rrl_verdict v = KDNS_RRL_SEND;
	unsigned int i;

	for (i = 0; i < TRIES; i++) {
		u64 w[2] = { kdns_load64(&pair[0]), kdns_load64(&pair[1]) }, new;
		unsigned int s;
		bool own = true;

		if (TAG(w[0]) == tag) {
			s = 0;
		} else if (TAG(w[1]) == tag) {
			s = 1;
		} else {
			own = false;
			if (!TAG(w[0]))
				s = 0;
			else if (!TAG(w[1]))
				s = 1;
			else	/* the one counted longest ago */
				s = ((now - TIME(w[0])) & ((1U << TIME_BITS) - 1)) <
				    ((now - TIME(w[1])) & ((1U << TIME_BITS) - 1));
		}
		v = count(&rrl->set, w[s], own, tag, now, &new);
		if (kdns_cmpxchg64(&pair[s], w[s], new))
			return v;
	}
	/* Other CPUs kept changing the pair: counted, not recorded. */
	return v;
}
