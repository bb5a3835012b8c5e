// SPDX-License-Identifier: GPL-2.0
/* kdnsctl stats [--reset] [--json]: the counters of this network namespace. */
#include <inttypes.h>
#include <stdio.h>

#include "options.h"
#include "requests.h"
#include "subcommands.h"

static const char usage[] =
	"Usage: kdnsctl stats [--reset] [--json]\n"
	"  The counters of this network namespace.\n"
	"  --reset  set the counters to zero after showing them\n"
	"  --json   print one JSON object\n";

/* Names of the counters, as printed and as JSON keys; indexed by enum kdns_stat. */
static const char *const stat_names[__KDNS_STAT_LAST] = {
	[KDNS_STAT_RX] = "received",
	[KDNS_STAT_PASS_MALFORMED] = "passed_malformed",
	[KDNS_STAT_PASS_NO_ZONE] = "passed_no_zone",
	[KDNS_STAT_PASS_OTHER] = "passed_other",
	[KDNS_STAT_PASS_CHECKSUM] = "passed_bad_checksum",
	[KDNS_STAT_ANSWERED] = "answered",
	[KDNS_STAT_NOERROR] = "answered_noerror",
	[KDNS_STAT_NXDOMAIN] = "answered_nxdomain",
	[KDNS_STAT_FORMERR] = "answered_formerr",
	[KDNS_STAT_OTHER_RCODE] = "answered_other_rcode",
	[KDNS_STAT_TRUNCATED] = "truncated",
	[KDNS_STAT_ERRORS] = "errors",
	[KDNS_STAT_RRL_LIMITED] = "rrl_limited",
	[KDNS_STAT_RRL_SLIPPED] = "rrl_slipped",
	[KDNS_STAT_RRL_DROPPED] = "rrl_dropped",
	[KDNS_STAT_COOKIE_GOOD] = "cookie_good",
	[KDNS_STAT_COOKIE_NEW] = "cookie_new",
};

int stats_main(int argc, char **argv)
{
	struct kdns_stats s;
	struct options o;
	bool json;
	int i, r;

	r = parse_options(argc, argv, OPT_RESET | OPT_JSON, 0, 0, usage, &o);
	if (r)
		return r == 1;
	json = o.set & OPT_JSON;
	if (kdns_req_stats(&s, o.set & OPT_RESET) < 0)
		return 1;
	if (json)
		printf("{");
	for (i = 0; i < __KDNS_STAT_LAST; i++) {
		if (!s.seen[i] || !stat_names[i])
			continue;
		if (json)
			printf("%s\"%s\":%" PRIu64, i == KDNS_STAT_RX ? "" : ",",
			       stat_names[i], s.v[i]);
		else
			printf("%-20s %" PRIu64 "\n", stat_names[i], s.v[i]);
	}
	if (json)
		printf("}\n");
	return 0;
}
