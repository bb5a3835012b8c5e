/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Heapsort of u32 keys (record offsets, node indices) in the order of a
 * comparison the caller gives: no recursion, no allocation, n log n steps
 * at worst, as the zone builder needs on input it does not trust. Part of
 * the answer engine (portable.h only). Inlined into each caller, whose
 * comparison is then called directly, not through a pointer (a retpoline
 * in the kernel, per comparison).
 */
#ifndef KDNS_HEAPSORT_H
#define KDNS_HEAPSORT_H

#include "portable.h"

/* <0, 0, >0 as key a sorts before, with or after key b. */
typedef int (*kdns_sort_cmp)(const void *ctx, u32 a, u32 b);

static __always_inline void kdns_sift(u32 *v, size_t root, size_t n, kdns_sort_cmp cmp,
				      const void *ctx)
{
	for (;;) {
		size_t child = 2 * root + 1;
		u32 t;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(ctx, v[child], v[child + 1]) < 0)
			child++;
		if (cmp(ctx, v[root], v[child]) >= 0)
			return;
		t = v[root];
		v[root] = v[child];
		v[child] = t;
		root = child;
	}
}

/*
 * Sort v[0..n). Every 4096 steps (of about 1.5 n, each a sift of log n
 * comparisons), stop() may let others run; true from it stops the sort,
 * v left half sorted, and false is returned.
 */
static __always_inline bool kdns_heapsort(u32 *v, size_t n, kdns_sort_cmp cmp, const void *ctx,
					  bool (*stop)(void))
{
	size_t i;

	for (i = n / 2; i-- > 0;) {
		kdns_sift(v, i, n, cmp, ctx);
		if (!(i & 4095) && stop())
			return false;
	}
	for (i = n; i-- > 1;) {
		u32 t = v[0];

		if (!(i & 4095) && stop())
			return false;
		v[0] = v[i];
		v[i] = t;
		kdns_sift(v, 0, i, cmp, ctx);
	}
	return true;
}

#endif /* KDNS_HEAPSORT_H */
