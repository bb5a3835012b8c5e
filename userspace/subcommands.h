/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_SUBCOMMANDS_H
#define KDNSCTL_SUBCOMMANDS_H

extern const char *prog;

int stats_main(int argc, char **argv);
int version_main(int argc, char **argv);
int zone_main(int argc, char **argv);
int lookup_main(int argc, char **argv);

/* Shared by the zone subcommands (zone.c, sync.c). */
#include <stddef.h>
#include <stdint.h>
#include "../module/wire.h"

struct kdns_zone_names {
	uint8_t (*apex)[KDNS_NAME_MAX];	/* wire form */
	size_t n;
};

int kdns_zone_load(const char *file, const char *origin);
int kdns_zone_unload(const uint8_t *apex);
int kdns_zone_names(struct kdns_zone_names *zn);
int zone_sync(int argc, char **argv);

#endif /* KDNSCTL_SUBCOMMANDS_H */
