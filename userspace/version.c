// SPDX-License-Identifier: GPL-2.0
/* kdnsctl version: the versions of kdnsctl and of the module. */
#include <stdio.h>

#include "options.h"
#include "requests.h"
#include "subcommands.h"

static const char usage[] =
	"Usage: kdnsctl version\n"
	"  The versions of kdnsctl and of the loaded module.\n";

int version_main(int argc, char **argv)
{
	struct kdns_stats s;
	struct options o;
	int r;

	r = parse_options(argc, argv, 0, 0, 0, usage, &o);
	if (r)
		return r == 1;
	printf("kdnsctl %s\n", KDNS_VERSION);
	if (kdns_req_stats(&s, false) < 0)
		return 1;
	printf("module %s\n", s.version);
	return 0;
}
