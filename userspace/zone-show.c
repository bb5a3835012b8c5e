// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone show [--json] ORIGIN: every record of a loaded zone, as
 * zone-file text (libknot's), SOA first, then in canonical order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libknot/libknot.h>

#include "../module/zone.h"
#include "json.h"
#include "options.h"
#include "requests.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl zone show [--json] ORIGIN\n"
	"  Every record of a loaded zone, as zone-file text (which loads back\n"
	"  to the same records).\n";

/* SOA first, then canonical name order (RFC 4034 6.1), type, RDATA. */
static int show_cmp(const void *x, const void *y)
{
	const struct kdns_show_rr *a = x, *b = y;
	int d;

	if ((a->type == KDNS_T_SOA) != (b->type == KDNS_T_SOA))
		return a->type == KDNS_T_SOA ? -1 : 1;
	d = knot_dname_cmp(a->owner, b->owner);
	if (d)
		return d;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	d = memcmp(a->rdata, b->rdata, a->rdlen < b->rdlen ? a->rdlen : b->rdlen);
	return d ? d : (int)a->rdlen - (int)b->rdlen;
}

int zone_show_main(int argc, char **argv)
{
	uint8_t apex[KDNS_NAME_MAX];
	struct kdns_show_rr *rrs;
	size_t size = 65536, n, i, printed = 0;
	struct options o;
	bool json;
	char *buf;
	int r;

	r = parse_options(argc, argv, OPT_JSON, 1, 1, usage, &o);
	if (r)
		return r == 1;
	json = o.set & OPT_JSON;
	if (kdns_name_from_text(o.args[0], apex) < 0) {
		fprintf(stderr, "%s: invalid name '%s'\n", prog, o.args[0]);
		return 1;
	}
	if (kdns_req_zone_rrs(apex, &rrs, &n) < 0)
		return 1;
	buf = malloc(size);	/* grown by libknot when needed */
	if (!buf) {
		kdns_show_rrs_free(rrs, n);
		return 1;
	}
	qsort(rrs, n, sizeof(*rrs), show_cmp);
	if (json)
		printf("[");
	for (i = 0; i < n; i++) {
		struct kdns_show_rr *rr = &rrs[i];
		knot_rrset_t set;

		knot_rrset_init(&set, rr->owner, rr->type, KNOT_CLASS_IN, rr->ttl);
		if (knot_rrset_add_rdata(&set, rr->rdata, rr->rdlen, NULL) == KNOT_EOK &&
		    knot_rrset_txt_dump(&set, &buf, &size, &KNOT_DUMP_STYLE_DEFAULT) >= 0)
			print_record_line(stdout, buf, json, &printed);
		knot_rdataset_clear(&set.rrs, NULL);
	}
	if (json)
		printf("]\n");
	kdns_show_rrs_free(rrs, n);
	free(buf);
	return 0;
}
