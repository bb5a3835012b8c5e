// SPDX-License-Identifier: GPL-2.0
/* kdnsctl zone list [--json]: the zones loaded in this network namespace. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "json.h"
#include "options.h"
#include "requests.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl zone list [--json]\n"
	"  The zones loaded in this network namespace: serial, records, bytes,\n"
	"  when loaded (UTC).\n";

int zone_list_main(int argc, char **argv)
{
	struct kdns_zone_info *zones;
	struct options o;
	size_t n, i;
	int r;

	r = parse_options(argc, argv, OPT_JSON, 0, 0, usage, &o);
	if (r)
		return r == 1;
	if (kdns_req_zones(&zones, &n) < 0)
		return 1;
	if (o.set & OPT_JSON)
		printf("[");
	for (i = 0; i < n; i++) {
		struct kdns_zone_info *z = &zones[i];
		time_t t = z->loaded;
		char when[32] = "";

		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
		if (o.set & OPT_JSON) {
			printf("%s{\"zone\":", i ? "," : "");
			json_name(stdout, z->apex);
			printf(",\"serial\":%u,\"records\":%u,\"bytes\":%" PRIu64
			       ",\"loaded\":\"%s\"}", z->serial, z->records, z->bytes, when);
		} else {
			kdns_name_print(stdout, z->apex);
			printf("  serial %u  records %u  bytes %" PRIu64 "  loaded %s\n",
			       z->serial, z->records, z->bytes, when);
		}
	}
	if (o.set & OPT_JSON)
		printf("]\n");
	free(zones);
	return 0;
}
