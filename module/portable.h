/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only environment the answer engine (wire.c and what follows) sees: fixed
 * width types, bool, size_t, memcpy/memcmp/memset. The same engine sources are
 * compiled into kdns.ko, the KUnit suites and the userspace tests, fuzzers and
 * benchmarks; anything beyond this header is not available to them.
 */
#ifndef KDNS_PORTABLE_H
#define KDNS_PORTABLE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/atomic.h>

/*
 * Zone building only (process context); never on the query path. Charged to
 * the caller's memory cgroup; over its limit, or when memory is short, the
 * allocation fails (the load gets ENOMEM) rather than waking the OOM killer
 * or warning; the builder caps every request below what kvmalloc allows.
 */
static inline void *kdns_alloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN | __GFP_RETRY_MAYFAIL);
}

static inline void kdns_free(void *p)
{
	kvfree(p);
}

/* Long loops of the builder let other tasks run. */
static inline void kdns_cond_resched(void)
{
	cond_resched();
}

/* The task building is being killed: a long build gives up. */
static inline bool kdns_killed(void)
{
	return fatal_signal_pending(current);
}

/* A word shared by CPUs (rate limiting's buckets): read once, swapped if unchanged. */
static inline u64 kdns_load64(const u64 *p)
{
	return READ_ONCE(*p);
}

static inline bool kdns_cmpxchg64(u64 *p, u64 old, u64 new)
{
	return cmpxchg64(p, old, new) == old;
}
#else
#include <stdbool.h>
#include <stddef.h>
#include <sys/cdefs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

static inline void *kdns_alloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

static inline void kdns_free(void *p)
{
	free(p);
}

static inline void kdns_cond_resched(void)
{
}

static inline bool kdns_killed(void)
{
	return false;
}

static inline u64 kdns_load64(const u64 *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline bool kdns_cmpxchg64(u64 *p, u64 old, u64 new)
{
	return __atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_RELAXED,
					   __ATOMIC_RELAXED);
}

/* As the kernel's: a function kept out of line (glibc's sys/cdefs.h spelling). */
#define noinline	__attribute_noinline__
#endif

static inline u16 kdns_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 kdns_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline u32 kdns_get32le(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 kdns_get64le(const u8 *p)
{
	return (u64)p[0] | (u64)p[1] << 8 | (u64)p[2] << 16 | (u64)p[3] << 24 |
	       (u64)p[4] << 32 | (u64)p[5] << 40 | (u64)p[6] << 48 | (u64)p[7] << 56;
}

static inline void kdns_put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void kdns_put32(u8 *p, u32 v)
{
	kdns_put16(p, v >> 16);
	kdns_put16(p + 2, v & 0xffff);
}

/*
 * memcmp(a, b, n) == 0, eight bytes at a time: the kernel's memcmp goes a
 * byte at a time, and the answer path compares a name or two per query. The
 * last word compared overlaps the one before rather than going byte by byte.
 */
static inline bool kdns_bytes_equal(const u8 *a, const u8 *b, size_t n)
{
	u64 x, y;
	u32 u, v;

	if (n >= 8) {
		for (; n > 8; a += 8, b += 8, n -= 8) {
			memcpy(&x, a, 8);
			memcpy(&y, b, 8);
			if (x != y)
				return false;
		}
		/* The last eight: one to eight left, and eight or more were there. */
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return false;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return false;
	return true;
}

static inline u8 kdns_lower(u8 c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

#endif /* KDNS_PORTABLE_H */
