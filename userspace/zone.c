// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone SUBCOMMAND: zones. "check" validates a zone file offline,
 * with the same builder the module uses, so what passes here loads there.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../module/zone.h"
#include "subcommands.h"
#include "zonefile.h"

struct check {
	struct kdns_zone_builder b;
	bool begun;
};

static const char *check_begin(const uint8_t *apex, void *data)
{
	struct check *c = data;

	if (kdns_zb_init(&c->b, apex, 0))
		return c->b.why;
	c->begun = true;
	return NULL;
}

static const char *check_rr(const struct kdns_rr *rr, void *data)
{
	struct check *c = data;

	return kdns_zb_add(&c->b, rr) ? c->b.why : NULL;
}

static void print_name(FILE *f, const uint8_t *name)
{
	if (!*name)
		fputc('.', f);
	for (; *name; name += 1 + *name)
		fprintf(f, "%.*s.", *name, name + 1);
}

static int zone_check(int argc, char **argv, bool json)
{
	struct check c = { 0 };
	struct kdns_zone *z;
	const char *file, *origin;
	int ret = 1;

	if (argc < 1 || argc > 2) {
		fprintf(stderr, "Usage: %s zone check [--json] FILE [ORIGIN]\n", prog);
		return 1;
	}
	file = argv[0];
	origin = argc > 1 ? argv[1] : NULL;
	struct kdns_zonefile_ops ops = { .begin = check_begin, .rr = check_rr, .data = &c };

	if (kdns_zonefile_read(file, origin, &ops, stderr))
		goto out;
	z = kdns_zb_finish(&c.b);
	if (!z) {
		fprintf(stderr, "%s: %s", file, c.b.why);
		if (c.b.why_name[0] || !strcmp(c.b.why, "no SOA at the apex")) {
			fputs(" (", stderr);
			print_name(stderr, c.b.why_name);
			fputc(')', stderr);
		}
		fputc('\n', stderr);
		goto out;
	}
	if (json) {
		printf("{\"zone\":\"");
		print_name(stdout, z->apex);
		printf("\",\"serial\":%u,\"records\":%u,\"names\":%u,\"bytes\":%zu}\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes);
	} else {
		print_name(stdout, z->apex);
		printf(": serial %u, %u records, %u names, %zu bytes\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes);
	}
	kdns_zone_free(z);
	ret = 0;
out:
	if (c.begun)
		kdns_zb_destroy(&c.b);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s zone check [--json] FILE [ORIGIN]\n"
		"  check  validate a zone file as the module would load it, offline\n", prog);
}

int zone_main(int argc, char **argv)
{
	bool json = false;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2;
	}
	if (!strcmp(argv[1], "check")) {
		argc -= 2;
		argv += 2;
		if (argc && !strcmp(argv[0], "--json")) {
			json = true;
			argc--;
			argv++;
		}
		return zone_check(argc, argv, json);
	}
	fprintf(stderr, "%s: zone: unknown subcommand '%s'\n", prog, argv[1]);
	usage(stderr);
	return 1;
}
