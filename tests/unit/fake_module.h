/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNS_TESTS_FAKE_MODULE_H
#define KDNS_TESTS_FAKE_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../../module/zone.h"

/* The family id the fake module answers to (any non-control id). */
#define FAKE_FAMILY 0x42

/*
 * kdnsctl's zone load (userspace/zone.c) without a socket: the zone file is
 * read and built by kdns_zonefile_build_also and its records packed by
 * userspace/rrbatch.c, exactly as kdnsctl does, and each ZONE_ADD message is
 * received as the module receives it (see fake_module.c).
 */
struct fake_module {
	struct kdns_zone_builder b;
	bool begun;
	unsigned int messages;	/* ZONE_ADD messages received */
	size_t max_len;		/* nlmsg_len of the longest one */
	size_t sent;		/* records given to the batch */
	size_t received;	/* records the module read from the messages */
	/* What the module refused or found malformed; "" if nothing. */
	char refused[256];
	/* A broken promise: the module's zone is not the one kdnsctl built. */
	char broken[256];
};

/*
 * Load path (origin may be NULL) into m: 0 if the zone was committed, -1 if
 * kdnsctl refused it (after writing why to err as kdnsctl does) or the module
 * did (m->refused). m->broken says when either outcome is wrong.
 */
int fake_load(struct fake_module *m, const char *path, const char *origin, FILE *err);

#endif /* KDNS_TESTS_FAKE_MODULE_H */
