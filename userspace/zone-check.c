// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone check [--json] FILE [ORIGIN]: validate a zone file offline,
 * with the builder the module uses, so that what passes here loads there.
 */
#include <stdio.h>
#include <time.h>

#include <libknot/libknot.h>

#include "../module/zone.h"
#include "json.h"
#include "options.h"
#include "rrbatch.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl zone check [--json] FILE [ORIGIN]\n"
	"  Validates a zone file offline: every record as the module's builder\n"
	"  checks it. ORIGIN defaults to the owner of the file's SOA. Warns about\n"
	"  signatures already expired (the zone loads: they are served as they are).\n";

/* Records load could not send fail the check too: what passes here loads. */
static const char *check_rr(const struct kdns_rr *rr, void *data)
{
	(void)data;
	return kdns_rrbatch_fits(rr);
}

/*
 * RRSIGs already expired (RFC 4034 3.1.5: serial number arithmetic on the
 * 32-bit times): kdns serves them as they are, validity being the signer's
 * business, but a validator will not accept them. A warning each (ten at
 * most, then their number) naming the owner, the type covered and the key.
 */
static unsigned int warn_expired(const char *path, const struct kdns_zone *z, time_t now)
{
	struct kdns_zone_iter it;
	struct kdns_rr rr;
	unsigned int n = 0;

	for (kdns_zone_iter_seek(&it, z, 0, 0, 0); kdns_zone_iter_get(&it, &rr);
	     kdns_zone_iter_next(&it)) {
		const uint8_t *rd = rr.rdata;
		uint32_t expires;
		char type[16], when[32];
		time_t t;

		if (rr.type != KDNS_T_RRSIG)
			continue;
		expires = kdns_get32(rd + 8);
		if ((int32_t)(expires - (uint32_t)now) >= 0)
			continue;
		if (++n > 10)
			continue;
		/* The 32-bit time nearest now, before it. */
		t = now - (time_t)(uint32_t)((uint32_t)now - expires);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime(&t));
		knot_rrtype_to_string(kdns_get16(rd), type, sizeof(type));
		fprintf(stderr, "%s: warning: RRSIG over %s of ", path, type);
		kdns_name_print(stderr, rr.owner);
		fprintf(stderr, " (key %u) expired %s\n", kdns_get16(rd + 16), when);
	}
	if (n > 10)
		fprintf(stderr, "%s: warning: %u more expired RRSIGs\n", path, n - 10);
	return n;
}

int zone_check_main(int argc, char **argv)
{
	struct kdns_zonefile_ops ops = { .rr = check_rr };
	struct options o;
	struct kdns_zone *z;
	unsigned int expired;
	int r;

	r = parse_options(argc, argv, OPT_JSON, 1, 2, usage, &o);
	if (r)
		return r == 1;
	z = kdns_zonefile_build_also(o.args[0], o.nargs > 1 ? o.args[1] : NULL, &ops, stderr);
	if (!z)
		return 1;
	expired = warn_expired(o.args[0], z, time(NULL));
	if (o.set & OPT_JSON) {
		printf("{\"zone\":");
		json_name(stdout, z->apex);
		printf(",\"serial\":%u,\"records\":%u,\"names\":%u,\"bytes\":%zu,"
		       "\"expired_signatures\":%u}\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes, expired);
	} else {
		kdns_name_print(stdout, z->apex);
		printf(": serial %u, %u records, %u names, %zu bytes\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes);
	}
	kdns_zone_free(z);
	return 0;
}
