// SPDX-License-Identifier: GPL-2.0
/*
 * The set of zones of a network namespace: a small open-addressing table of
 * zone pointers keyed by apex. Replaced whole on every change, like a zone.
 * Part of the answer engine: portable.h only.
 */
#include "zoneset.h"

const struct kdns_zone *kdns_zoneset_get(const struct kdns_zoneset *zs,
					 const u8 *lname, u32 hash)
{
	u32 i;

	if (!zs || !zs->nzones)
		return NULL;
	for (i = hash & zs->hmask; zs->slots[i]; i = (i + 1) & zs->hmask) {
		const struct kdns_zone *z = zs->slots[i];

		if (z->apex_hash == hash && kdns_bytes_equal(z->apex, lname, z->apex_len))
			return z;
	}
	return NULL;
}

static void put(struct kdns_zoneset *zs, const struct kdns_zone *z)
{
	u32 i = z->apex_hash & zs->hmask;

	while (zs->slots[i])
		i = (i + 1) & zs->hmask;
	zs->slots[i] = z;
	zs->nzones++;
	/* A second apex of as many labels: neither is the only one. */
	zs->only[z->apex_labels] = kdns_zoneset_has_labels(zs, z->apex_labels) ? NULL : z;
	zs->apex_labels[z->apex_labels / 64 % 2] |= 1ULL << z->apex_labels % 64;
}

struct kdns_zoneset *kdns_zoneset_update(const struct kdns_zoneset *zs,
					 const struct kdns_zone *zone,
					 const u8 *del,
					 const struct kdns_zone **replaced)
{
	const u8 *apex = zone ? zone->apex : del;
	u32 n = (zs ? zs->nzones : 0) + 1, size, i;
	struct kdns_zoneset *nzs;

	*replaced = NULL;
	for (size = 8; size < 2 * n; size *= 2)
		;
	nzs = kdns_alloc(sizeof(*nzs));
	if (!nzs)
		return NULL;
	nzs->slots = kdns_alloc(size * sizeof(*nzs->slots));
	if (!nzs->slots) {
		kdns_free(nzs);
		return NULL;
	}
	nzs->hmask = size - 1;
	for (i = 0; zs && i <= zs->hmask; i++) {
		const struct kdns_zone *z = zs->slots[i];

		if (!z)
			continue;
		if (z->apex_len == kdns_name_len(apex) && !memcmp(z->apex, apex, z->apex_len))
			*replaced = z;
		else
			put(nzs, z);
	}
	if (zone)
		put(nzs, zone);
	return nzs;
}

void kdns_zoneset_free(struct kdns_zoneset *zs)
{
	if (!zs)
		return;
	kdns_free(zs->slots);
	kdns_free(zs);
}
