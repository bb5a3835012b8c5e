// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl stats [--reset] [--json]: the counters of this network namespace.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/kdns.h>

#include "nl.h"
#include "subcommands.h"

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
};

struct stats {
	char version[64];
	uint64_t v[__KDNS_STAT_LAST];
	bool seen[__KDNS_STAT_LAST];
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct stats *s = data;
	struct nlattr *attr, *nested;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case KDNS_A_VERSION:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
				snprintf(s->version, sizeof(s->version), "%s",
					 mnl_attr_get_str(attr));
			break;
		case KDNS_A_STATS:
			mnl_attr_for_each_nested(nested, attr) {
				uint16_t type = mnl_attr_get_type(nested);

				/* Counters newer than this kdnsctl are skipped. */
				if (type >= __KDNS_STAT_LAST || type == KDNS_STAT_PAD ||
				    mnl_attr_validate(nested, MNL_TYPE_U64) < 0)
					continue;
				s->v[type] = mnl_attr_get_u64(nested);
				s->seen[type] = true;
			}
			break;
		}
	}
	return MNL_CB_OK;
}

/* Read the module's version and counters; resets them too when reset. */
static int kdns_get_stats(struct stats *s, bool reset)
{
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	memset(s, 0, sizeof(*s));
	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_GET_STATS, 0);
	if (reset)
		mnl_attr_put_u32(nlh, KDNS_A_FLAGS, KDNS_F_RESET_STATS);
	ret = kdns_nl_talk(&nl, nlh, stats_cb, s);
	kdns_nl_close(&nl);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s stats [--reset] [--json]\n"
		"  --reset  set the counters to zero after showing them\n"
		"  --json   print one JSON object\n", prog);
}

int stats_main(int argc, char **argv)
{
	bool reset = false, json = false;
	struct stats s;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--reset")) {
			reset = true;
		} else if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "%s: stats: unknown argument '%s'\n", prog, argv[i]);
			usage(stderr);
			return 1;
		}
	}
	if (kdns_get_stats(&s, reset) < 0)
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

int version_main(int argc, char **argv)
{
	struct stats s;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "Usage: %s version\n", prog);
		return 1;
	}
	printf("kdnsctl %s\n", KDNS_VERSION);
	if (kdns_get_stats(&s, false) < 0)
		return 1;
	printf("module %s\n", s.version);
	return 0;
}
