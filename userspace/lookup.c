// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl lookup [--no-edns] [--json] NAME [TYPE]: the answer the kernel
 * would send for a query, asked over netlink instead of the network, printed
 * with Knot's libknot in zone-file form (or as JSON).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libknot/libknot.h>

#include "json.h"
#include "options.h"
#include "requests.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl lookup [--no-edns] [--json] NAME [TYPE]\n"
	"  The answer the module in this network namespace gives to a query for\n"
	"  NAME and TYPE (default A), asked over netlink, not the network;\n"
	"  --no-edns asks without an OPT record.\n";

static int print_answer(const uint8_t *wire, size_t len, bool json)
{
	static const char *const names[] = { "answer", "authority", "additional" };
	knot_pkt_t *pkt = knot_pkt_new((void *)wire, len, NULL);
	const char *rcode;
	size_t size = 65536;
	char *buf = malloc(size);	/* grown by libknot when needed */
	int s;

	if (!buf || !pkt || knot_pkt_parse(pkt, 0) != KNOT_EOK) {
		fprintf(stderr, "%s: the module's answer does not parse\n", prog);
		knot_pkt_free(pkt);
		free(buf);
		return 1;
	}
	rcode = knot_pkt_ext_rcode_name(pkt);
	if (json)
		printf("{\"rcode\":\"%s\",\"aa\":%s,\"tc\":%s", rcode,
		       knot_wire_get_aa(wire) ? "true" : "false",
		       knot_wire_get_tc(wire) ? "true" : "false");
	else
		printf(";; %s%s%s, %zu bytes\n", rcode, knot_wire_get_aa(wire) ? " aa" : "",
		       knot_wire_get_tc(wire) ? " tc" : "", len);
	for (s = KNOT_ANSWER; s <= KNOT_ADDITIONAL; s++) {
		const knot_pktsection_t *sec = knot_pkt_section(pkt, s);
		size_t printed = 0;
		uint16_t i;

		if (json)
			printf(",\"%s\":[", names[s - KNOT_ANSWER]);
		else if (sec->count)
			printf(";; %s\n", names[s - KNOT_ANSWER]);
		for (i = 0; i < sec->count; i++) {
			const knot_rrset_t *rr = knot_pkt_rr(sec, i);

			if (rr->type == KNOT_RRTYPE_OPT)
				continue;
			if (knot_rrset_txt_dump(rr, &buf, &size, &KNOT_DUMP_STYLE_DEFAULT) < 0)
				continue;
			print_record_line(stdout, buf, json, &printed);
		}
		if (json)
			printf("]");
	}
	if (json)
		printf("}\n");
	free(buf);
	knot_pkt_free(pkt);
	return 0;
}

int lookup_main(int argc, char **argv)
{
	static uint8_t answer[65536];
	uint8_t wire[KNOT_DNAME_MAXLEN];
	const char *type;
	struct options o;
	uint16_t qtype;
	size_t alen;
	int len, r;

	r = parse_options(argc, argv, OPT_JSON | OPT_NO_EDNS, 1, 2, usage, &o);
	if (r)
		return r == 1;
	type = o.nargs > 1 ? o.args[1] : "A";
	if (knot_rrtype_from_string(type, &qtype) != 0) {
		fprintf(stderr, "%s: unknown type '%s'\n", prog, type);
		return 1;
	}
	len = kdns_name_from_text(o.args[0], wire);
	if (len < 0) {
		fprintf(stderr, "%s: invalid name '%s'\n", prog, o.args[0]);
		return 1;
	}
	if (kdns_req_lookup(wire, len, qtype, o.set & OPT_NO_EDNS, answer, &alen) < 0)
		return 1;
	return print_answer(answer, alen, o.set & OPT_JSON);
}
