// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone check [--json] FILE [ORIGIN]: validate a zone file offline,
 * with the builder the module uses, so that what passes here loads there.
 */
#include <stdio.h>

#include "../module/zone.h"
#include "json.h"
#include "options.h"
#include "rrbatch.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl zone check [--json] FILE [ORIGIN]\n"
	"  Validates a zone file offline: every record as the module's builder\n"
	"  checks it. ORIGIN defaults to the owner of the file's SOA.\n";

/* Records load could not send fail the check too: what passes here loads. */
static const char *check_rr(const struct kdns_rr *rr, void *data)
{
	(void)data;
	return kdns_rrbatch_fits(rr);
}

int zone_check_main(int argc, char **argv)
{
	struct kdns_zonefile_ops ops = { .rr = check_rr };
	struct options o;
	struct kdns_zone *z;
	int r;

	r = parse_options(argc, argv, OPT_JSON, 1, 2, usage, &o);
	if (r)
		return r == 1;
	z = kdns_zonefile_build_also(o.args[0], o.nargs > 1 ? o.args[1] : NULL, &ops, stderr);
	if (!z)
		return 1;
	if (o.set & OPT_JSON) {
		printf("{\"zone\":");
		json_name(stdout, z->apex);
		printf(",\"serial\":%u,\"records\":%u,\"names\":%u,\"bytes\":%zu}\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes);
	} else {
		kdns_name_print(stdout, z->apex);
		printf(": serial %u, %u records, %u names, %zu bytes\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes);
	}
	kdns_zone_free(z);
	return 0;
}
