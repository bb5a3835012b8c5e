// SPDX-License-Identifier: GPL-2.0
/* kdnsctl zone unload ORIGIN|--all: remove a zone, or every zone. */
#include <stdio.h>
#include <stdlib.h>

#include "options.h"
#include "requests.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl zone unload ORIGIN|--all\n"
	"  Removes a zone (or every zone) from this network namespace.\n";

int zone_unload(const uint8_t *apex)
{
	if (kdns_req_zone_del(apex) < 0)
		return -1;
	kdns_name_print(stdout, apex);
	printf(": unloaded\n");
	return 0;
}

int zone_unload_main(int argc, char **argv)
{
	struct kdns_zone_info *zones;
	uint8_t apex[KDNS_NAME_MAX];
	struct options o;
	size_t n, i;
	int r;

	r = parse_options(argc, argv, OPT_ALL, 0, 1, usage, &o);
	if (r)
		return r == 1;
	if (!(o.set & OPT_ALL) == !o.nargs) {
		fprintf(stderr, "%s", usage);
		return 1;
	}
	if (o.nargs) {
		if (kdns_name_from_text(o.args[0], apex) < 0) {
			fprintf(stderr, "%s: invalid name '%s'\n", prog, o.args[0]);
			return 1;
		}
		return kdns_req_zone_del(apex) < 0;
	}
	if (kdns_req_zones(&zones, &n) < 0)
		return 1;
	r = 0;
	for (i = 0; i < n; i++)
		if (zone_unload(zones[i].apex) < 0)
			r = 1;
	free(zones);
	return r;
}
