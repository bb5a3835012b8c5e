/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_REQUESTS_H
#define KDNSCTL_REQUESTS_H

/*
 * Every request kdnsctl makes of the module, over generic netlink (nl.c). The
 * commands parse their command lines and print; these talk to the module.
 * Each returns 0, or -1 after printing why (with the kernel's extack text).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/kdns.h>

#include "../module/wire.h"
#include "../module/rrl.h"

/* A loaded zone, as ZONE_GET reports it. */
struct kdns_zone_info {
	uint8_t apex[KDNS_NAME_MAX];	/* wire form */
	uint32_t serial;
	uint32_t records;
	uint64_t bytes;
	uint64_t loaded;		/* seconds since the epoch */
};

/* The zones of this network namespace, in *zones (to free). */
int kdns_req_zones(struct kdns_zone_info **zones, size_t *n);

/*
 * Load (or replace) the zone of a zone file: one reading of the file, each
 * record checked by the module's builder run here (errors as file:line) and
 * streamed to the module, committed only if the whole zone built. On
 * success *z describes the zone loaded (bytes and loaded unset).
 */
int kdns_req_zone_load(const char *file, const char *origin, struct kdns_zone_info *z);

/* Unload the zone of apex (wire form). */
int kdns_req_zone_del(const uint8_t *apex);

/* A record of a loaded zone, as ZONE_SHOW dumps it. */
struct kdns_show_rr {
	uint8_t *owner;		/* wire form, lower-case (as the module keeps it) */
	uint16_t type;
	uint32_t ttl;
	uint16_t rdlen;
	uint8_t *rdata;
};

/* Every record of the zone of apex, in *rrs (free with kdns_show_rrs_free). */
int kdns_req_zone_rrs(const uint8_t *apex, struct kdns_show_rr **rrs, size_t *n);
void kdns_show_rrs_free(struct kdns_show_rr *rrs, size_t n);

/* The answer (at most 65535 bytes, in answer) the module gives to a query. */
int kdns_req_lookup(const uint8_t *qname, size_t qname_len, uint16_t qtype, bool no_edns,
		    uint8_t *answer, size_t *len);

/* The module's version and this namespace's counters, reset after if reset. */
struct kdns_stats {
	char version[64];
	uint64_t v[__KDNS_STAT_LAST];
	bool seen[__KDNS_STAT_LAST];	/* counters this module has */
};
int kdns_req_stats(struct kdns_stats *s, bool reset);

/*
 * Response rate limiting's settings: those given (the RRL_GIVEN_* bits;
 * the module takes its defaults for the others), or all of them as the
 * module reports them.
 */
enum {
	RRL_GIVEN_RATE = 1 << 0,
	RRL_GIVEN_WINDOW = 1 << 1,
	RRL_GIVEN_SLIP = 1 << 2,
	RRL_GIVEN_V4 = 1 << 3,
	RRL_GIVEN_V6 = 1 << 4,
	RRL_GIVEN_SIZE = 1 << 5,
};

struct kdns_rrl_conf {
	bool on;
	unsigned int given;
	struct kdns_rrl_settings set;	/* size_log: log2 of the table size */
};

/* RRL on with the given settings (c->on), or off. */
int kdns_req_rrl_set(const struct kdns_rrl_conf *c);
/* The settings in force: c->on false when RRL is off. */
int kdns_req_rrl_get(struct kdns_rrl_conf *c);

/* DNS cookies' settings, as COOKIE_GET reports them. */
struct kdns_cookie_conf {
	bool enabled;
	uint8_t secret[16];
	bool has_prev;
	uint8_t prev[16];
};

/*
 * Cookies on or off (enabled: 1 or 0; -1 leaves it), and a new secret: the
 * one given (secret not NULL), or a random one (rotate).
 */
int kdns_req_cookie_set(int enabled, const uint8_t *secret, bool rotate);
int kdns_req_cookie_get(struct kdns_cookie_conf *c);

/* The server's identity: strings given (NULL: unchanged), CHAOS (-1: unchanged). */
struct kdns_identity_conf {
	uint8_t nsid[128];
	size_t nsid_len;
	char id[256];
	char version[256];
	bool chaos;
};

int kdns_req_identity_set(const uint8_t *nsid, size_t nsid_len, const char *id,
			  const char *version, int chaos);
int kdns_req_identity_get(struct kdns_identity_conf *c);

#endif /* KDNSCTL_REQUESTS_H */
