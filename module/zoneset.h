/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The set of zones of a network namespace (zoneset.c): immutable like the
 * zones, replaced whole. Part of the answer engine.
 */
#ifndef KDNS_ZONESET_H
#define KDNS_ZONESET_H

#include "zone.h"

/* The zones of one network namespace, by apex; immutable like the zones. */
struct kdns_zoneset {
	u32 nzones;
	u32 hmask;
	const struct kdns_zone **slots;	/* open addressing on apex_hash */
	u64 apex_labels[2];	/* bit n: some apex has n labels */
	/* The zone whose apex has n labels when it is the only one, else NULL. */
	const struct kdns_zone *only[128];
};

/*
 * Can a suffix of this many labels be an apex of the set? Most are not
 * (a server with one zone has one apex label count): their hashes and
 * probes are spared.
 */
static inline bool kdns_zoneset_has_labels(const struct kdns_zoneset *zs, unsigned int labels)
{
	return zs->apex_labels[labels / 64 % 2] & 1ULL << labels % 64;
}

/* The zone whose apex is this lower-cased name, or NULL. */
const struct kdns_zone *kdns_zoneset_get(const struct kdns_zoneset *zs,
					 const u8 *lname, u32 hash);

/*
 * A new set: zs with zone added (replacing a zone of the same apex, which is
 * then returned in *replaced), or without the zone of apex del when zone is
 * NULL. zs itself is not changed; free it with kdns_zoneset_free (which frees
 * the table only, never the zones).
 */
struct kdns_zoneset *kdns_zoneset_update(const struct kdns_zoneset *zs,
					 const struct kdns_zone *zone,
					 const u8 *del,
					 const struct kdns_zone **replaced);
void kdns_zoneset_free(struct kdns_zoneset *zs);

#endif /* KDNS_ZONESET_H */
