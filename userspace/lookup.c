// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl lookup NAME [TYPE] [--no-edns] [--json]: the answer the kernel
 * would send for a query, asked over netlink instead of the network, printed
 * with Knot's libknot in zone-file form (or as JSON).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libknot/libknot.h>
#include <linux/genetlink.h>
#include <linux/kdns.h>

#include "nl.h"
#include "subcommands.h"
#include "zonefile.h"

struct answer {
	uint8_t wire[65536];
	size_t len;
};

static int lookup_cb(const struct nlmsghdr *nlh, void *data)
{
	struct answer *a = data;
	struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == KDNS_A_LOOKUP_ANSWER) {
			a->len = mnl_attr_get_payload_len(attr);
			memcpy(a->wire, mnl_attr_get_payload(attr), a->len);
		}
	}
	return MNL_CB_OK;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		if (*s == '\t' || *s == '\n')
			putchar(' ');
		else
			putchar(*s);
	}
	putchar('"');
}

static int print_answer(const struct answer *a, bool json)
{
	static const char *const names[] = { "answer", "authority", "additional" };
	knot_pkt_t *pkt = knot_pkt_new((void *)a->wire, a->len, NULL);
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
		       knot_wire_get_aa(a->wire) ? "true" : "false",
		       knot_wire_get_tc(a->wire) ? "true" : "false");
	else
		printf(";; %s%s%s, %zu bytes\n", rcode, knot_wire_get_aa(a->wire) ? " aa" : "",
		       knot_wire_get_tc(a->wire) ? " tc" : "", a->len);
	for (s = KNOT_ANSWER; s <= KNOT_ADDITIONAL; s++) {
		const knot_pktsection_t *sec = knot_pkt_section(pkt, s);
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
			if (json) {
				buf[strcspn(buf, "\n")] = 0;
				printf("%s", i ? "," : "");
				json_string(buf);
			} else {
				fputs(buf, stdout);
			}
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
	const char *name = NULL, *type = "A";
	static struct answer a;
	bool json = false, no_edns = false;
	uint8_t wire[KNOT_DNAME_MAXLEN];
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	uint16_t qtype;
	int i, len, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--no-edns"))
			no_edns = true;
		else if (!name)
			name = argv[i];
		else if (!strcmp(type, "A") && i == argc - 1)
			type = argv[i];
		else
			name = NULL, i = argc;
	}
	if (!name) {
		fprintf(stderr, "Usage: %s lookup NAME [TYPE] [--no-edns] [--json]\n", prog);
		return 1;
	}
	if (knot_rrtype_from_string(type, &qtype) != 0) {
		fprintf(stderr, "%s: unknown type '%s'\n", prog, type);
		return 1;
	}
	len = kdns_name_from_text(name, wire);
	if (len < 0) {
		fprintf(stderr, "%s: invalid name '%s'\n", prog, name);
		return 1;
	}
	if (kdns_nl_open(&nl) < 0)
		return 1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_LOOKUP, 0);
	mnl_attr_put(nlh, KDNS_A_LOOKUP_NAME, len, wire);
	mnl_attr_put_u16(nlh, KDNS_A_LOOKUP_TYPE, qtype);
	if (no_edns)
		mnl_attr_put_u32(nlh, KDNS_A_FLAGS, KDNS_F_LOOKUP_NO_EDNS);
	ret = kdns_nl_talk(&nl, nlh, lookup_cb, &a);
	kdns_nl_close(&nl);
	if (ret < 0)
		return 1;
	return print_answer(&a, json);
}
