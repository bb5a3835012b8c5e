// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone load FILE [ORIGIN]: load a zone into the module, or replace
 * its loaded version atomically; on any error the loaded version stays.
 */
#include <stdio.h>

#include "options.h"
#include "requests.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl zone load FILE [ORIGIN]\n"
	"  Loads (or replaces) the zone of FILE in this network namespace.\n"
	"  ORIGIN defaults to the owner of the file's SOA.\n";

int zone_load(const char *file, const char *origin)
{
	struct kdns_zone_info z;

	if (kdns_req_zone_load(file, origin, &z) < 0)
		return -1;
	kdns_name_print(stdout, z.apex);
	printf(": loaded, serial %u, %u records\n", z.serial, z.records);
	return 0;
}

int zone_load_main(int argc, char **argv)
{
	struct options o;
	int r;

	r = parse_options(argc, argv, 0, 1, 2, usage, &o);
	if (r)
		return r == 1;
	return zone_load(o.args[0], o.nargs > 1 ? o.args[1] : NULL) < 0;
}
