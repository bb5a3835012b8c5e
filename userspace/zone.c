// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone SUBCOMMAND: zones. "check" validates a zone file offline,
 * with the same builder the module uses, so what passes here loads there;
 * "load" checks it so while streaming it to the module, and commits only a
 * zone that passed; "unload", "sync", "list" and "show" act on the module's
 * zones.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <libknot/libknot.h>
#include <linux/kdns.h>

#include "../module/zone.h"
#include "nl.h"
#include "rrbatch.h"
#include "subcommands.h"
#include "zonefile.h"

/* Records load could not send fail the check too: what passes here loads. */
static const char *check_rr(const struct kdns_rr *rr, void *data)
{
	(void)data;
	return kdns_rrbatch_fits(rr);
}

static int zone_check(int argc, char **argv, bool json)
{
	struct kdns_zonefile_ops ops = { .rr = check_rr };
	struct kdns_zone *z;

	if (argc < 1 || argc > 2) {
		fprintf(stderr, "Usage: %s zone check [--json] FILE [ORIGIN]\n", prog);
		return 1;
	}
	z = kdns_zonefile_build_also(argv[0], argc > 1 ? argv[1] : NULL, &ops, stderr);
	if (!z)
		return 1;
	if (json) {
		printf("{\"zone\":\"");
		kdns_name_print(stdout, z->apex);
		printf("\",\"serial\":%u,\"records\":%u,\"names\":%u,\"bytes\":%zu}\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes);
	} else {
		kdns_name_print(stdout, z->apex);
		printf(": serial %u, %u records, %u names, %zu bytes\n",
		       z->serial, z->nrecords, z->nnodes, z->bytes);
	}
	kdns_zone_free(z);
	return 0;
}

struct load {
	struct kdns_nl nl;
	struct kdns_rrbatch batch;
	bool failed;
};

static const char *load_begin(const uint8_t *apex, void *data)
{
	struct load *l = data;
	struct nlmsghdr *nlh = kdns_nl_request(&l->nl, KDNS_CMD_ZONE_BEGIN, 0);

	mnl_attr_put(nlh, KDNS_A_ZONE_NAME, kdns_name_len(apex), apex);
	if (kdns_nl_talk(&l->nl, nlh, NULL, NULL) < 0) {
		l->failed = true;
		return "the module refused the zone";
	}
	return NULL;
}

/* The batch's messages go out on the load's socket, in its sequence. */
static int load_send(struct nlmsghdr *nlh, void *data)
{
	struct load *l = data;

	nlh->nlmsg_seq = ++l->nl.seq;
	if (kdns_nl_talk(&l->nl, nlh, NULL, NULL) < 0) {
		l->failed = true;
		return -1;
	}
	return 0;
}

static const char *load_rr(const struct kdns_rr *rr, void *data)
{
	struct load *l = data;

	return kdns_rrbatch_add(&l->batch, rr);
}

int kdns_zone_load(const char *file, const char *origin)
{
	static struct load l;
	struct kdns_zonefile_ops ops = { .begin = load_begin, .rr = load_rr, .data = &l };
	struct kdns_zone *z;
	struct nlmsghdr *nlh;
	int ret = -1;

	if (kdns_nl_open(&l.nl) < 0)
		return -1;
	kdns_rrbatch_init(&l.batch, l.nl.family, load_send, &l);
	l.failed = false;
	/*
	 * One reading of the file: each record is checked by the builder (the
	 * module's own, for errors with file and line) and streamed to the
	 * module. Only a zone that builds here is committed; on any error the
	 * socket closes, which abandons the load in the module.
	 */
	z = kdns_zonefile_build_also(file, origin, &ops, stderr);
	if (!z || kdns_rrbatch_flush(&l.batch) < 0)
		goto out;
	nlh = kdns_nl_request(&l.nl, KDNS_CMD_ZONE_COMMIT, 0);
	if (kdns_nl_talk(&l.nl, nlh, NULL, NULL) < 0)
		goto out;
	kdns_name_print(stdout, z->apex);
	printf(": loaded, serial %u, %u records\n", z->serial, z->nrecords);
	ret = 0;
out:
	kdns_nl_close(&l.nl);
	if (z)
		kdns_zone_free(z);
	return ret;
}

static int zone_load(int argc, char **argv)
{
	if (argc < 1 || argc > 2) {
		fprintf(stderr, "Usage: %s zone load FILE [ORIGIN]\n", prog);
		return 1;
	}
	return kdns_zone_load(argv[0], argc > 1 ? argv[1] : NULL) < 0;
}

/*
 * Open a socket to the module and start a request of cmd for the zone apex
 * (wire form); NULL after printing why.
 */
static struct nlmsghdr *apex_request(struct kdns_nl *nl, const uint8_t *apex,
				     uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh;

	if (kdns_nl_open(nl) < 0)
		return NULL;
	nlh = kdns_nl_request(nl, cmd, flags);
	mnl_attr_put(nlh, KDNS_A_ZONE_NAME, kdns_name_len(apex), apex);
	return nlh;
}

/* The same for the zone named by origin (presentation form). */
static struct nlmsghdr *zone_request(struct kdns_nl *nl, const char *origin,
				     uint8_t cmd, uint16_t flags)
{
	uint8_t apex[KDNS_NAME_MAX];

	if (kdns_name_from_text(origin, apex) < 0) {
		fprintf(stderr, "%s: invalid name '%s'\n", prog, origin);
		return NULL;
	}
	return apex_request(nl, apex, cmd, flags);
}

/* Send a request made by apex_request or zone_request; -1 on error. */
static int finish_request(struct kdns_nl *nl, struct nlmsghdr *nlh)
{
	int ret;

	if (!nlh)
		return -1;
	ret = kdns_nl_talk(nl, nlh, NULL, NULL);
	kdns_nl_close(nl);
	return ret < 0 ? -1 : 0;
}

int kdns_zone_unload(const uint8_t *apex)
{
	struct kdns_nl nl;

	if (finish_request(&nl, apex_request(&nl, apex, KDNS_CMD_ZONE_DEL, 0)) < 0)
		return -1;
	kdns_name_print(stdout, apex);
	printf(": unloaded\n");
	return 0;
}

static int names_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kdns_zone_names *zn = data;
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		uint16_t len = mnl_attr_get_payload_len(a);

		if (mnl_attr_get_type(a) != KDNS_A_ZONE_NAME || !len || len > KDNS_NAME_MAX)
			continue;
		if (zn->n % 64 == 0) {
			void *p = realloc(zn->apex, (zn->n + 64) * sizeof(*zn->apex));

			if (!p)
				return MNL_CB_ERROR;
			zn->apex = p;
		}
		memcpy(zn->apex[zn->n++], mnl_attr_get_payload(a), len);
	}
	return MNL_CB_OK;
}

int kdns_zone_names(struct kdns_zone_names *zn)
{
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	zn->apex = NULL;
	zn->n = 0;
	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_ZONE_GET, NLM_F_DUMP);
	ret = kdns_nl_talk(&nl, nlh, names_cb, zn);
	kdns_nl_close(&nl);
	if (ret < 0) {
		free(zn->apex);
		zn->apex = NULL;
		return -1;
	}
	return 0;
}

static int zone_unload(int argc, char **argv)
{
	struct kdns_zone_names zn;
	struct kdns_nl nl;
	size_t i;
	int ret = 0;

	if (argc != 1) {
		fprintf(stderr, "Usage: %s zone unload ORIGIN|--all\n", prog);
		return 1;
	}
	if (strcmp(argv[0], "--all"))
		return finish_request(&nl, zone_request(&nl, argv[0], KDNS_CMD_ZONE_DEL, 0)) < 0;
	if (kdns_zone_names(&zn) < 0)
		return 1;
	for (i = 0; i < zn.n; i++)
		if (kdns_zone_unload(zn.apex[i]) < 0)
			ret = 1;
	free(zn.apex);
	return ret;
}

struct list {
	bool json;
	unsigned int n;
};

static int list_cb(const struct nlmsghdr *nlh, void *data)
{
	struct list *li = data;
	const uint8_t *name = NULL;
	uint32_t serial = 0, records = 0;
	uint64_t bytes = 0, loaded = 0;
	struct nlattr *a;
	char when[32] = "";
	time_t t;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case KDNS_A_ZONE_NAME:
			name = mnl_attr_get_payload(a);
			break;
		case KDNS_A_ZONE_SERIAL:
			serial = mnl_attr_get_u32(a);
			break;
		case KDNS_A_ZONE_RECORDS:
			records = mnl_attr_get_u32(a);
			break;
		case KDNS_A_ZONE_BYTES:
			bytes = mnl_attr_get_u64(a);
			break;
		case KDNS_A_ZONE_LOADED:
			loaded = mnl_attr_get_u64(a);
			break;
		}
	}
	if (!name)
		return MNL_CB_OK;
	t = loaded;
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	if (li->json) {
		printf("%s{\"zone\":\"", li->n ? "," : "");
		kdns_name_print(stdout, name);
		printf("\",\"serial\":%u,\"records\":%u,\"bytes\":%" PRIu64
		       ",\"loaded\":\"%s\"}", serial, records, bytes, when);
	} else {
		kdns_name_print(stdout, name);
		printf("  serial %u  records %u  bytes %" PRIu64 "  loaded %s\n",
		       serial, records, bytes, when);
	}
	li->n++;
	return MNL_CB_OK;
}

static int zone_list(int argc, char **argv, bool json)
{
	struct list li = { .json = json };
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	(void)argv;
	if (argc) {
		fprintf(stderr, "Usage: %s zone list [--json]\n", prog);
		return 1;
	}
	if (kdns_nl_open(&nl) < 0)
		return 1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_ZONE_GET, NLM_F_DUMP);
	if (json)
		printf("[");
	ret = kdns_nl_talk(&nl, nlh, list_cb, &li);
	if (json)
		printf("]\n");
	kdns_nl_close(&nl);
	return ret < 0;
}

/* kdnsctl zone show: every record of a loaded zone, as zone-file text. */
struct show_rr {
	uint8_t *owner;		/* wire form, lower-case (as the module keeps it) */
	uint16_t type;
	uint32_t ttl;
	uint16_t rdlen;
	uint8_t *rdata;
};

struct show {
	struct show_rr *rrs;
	size_t n, cap;
};

static int show_cb(const struct nlmsghdr *nlh, void *data)
{
	struct show *sh = data;
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		const uint8_t *p, *end;

		if (mnl_attr_get_type(a) != KDNS_A_ZONE_RRS)
			continue;
		p = mnl_attr_get_payload(a);
		end = p + mnl_attr_get_payload_len(a);
		while (p < end) {
			struct show_rr *r;
			uint8_t olen = p[0];

			if (end - p < 1 + olen + 10)
				return MNL_CB_ERROR;
			if (sh->n == sh->cap) {
				sh->cap = sh->cap ? 2 * sh->cap : 1024;
				sh->rrs = realloc(sh->rrs, sh->cap * sizeof(*sh->rrs));
				if (!sh->rrs)
					return MNL_CB_ERROR;
			}
			r = &sh->rrs[sh->n++];
			r->owner = malloc(olen);
			memcpy(r->owner, p + 1, olen);
			p += 1 + olen;
			r->type = p[0] << 8 | p[1];
			r->ttl = (uint32_t)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7];
			r->rdlen = p[8] << 8 | p[9];
			p += 10;
			if (end - p < r->rdlen)
				return MNL_CB_ERROR;
			r->rdata = malloc(r->rdlen ? r->rdlen : 1);
			memcpy(r->rdata, p, r->rdlen);
			p += r->rdlen;
		}
	}
	return MNL_CB_OK;
}

/* SOA first, then canonical name order (RFC 4034 6.1), type, RDATA. */
static int show_cmp(const void *x, const void *y)
{
	const struct show_rr *a = x, *b = y;
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

static int zone_show(int argc, char **argv, bool json)
{
	struct show sh = { 0 };
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	size_t size = 65536, i;
	char *buf;
	int ret;

	if (argc != 1) {
		fprintf(stderr, "Usage: %s zone show [--json] ORIGIN\n", prog);
		return 1;
	}
	nlh = zone_request(&nl, argv[0], KDNS_CMD_ZONE_SHOW, NLM_F_DUMP);
	if (!nlh)
		return 1;
	ret = kdns_nl_talk(&nl, nlh, show_cb, &sh);
	kdns_nl_close(&nl);
	buf = malloc(size);
	if (ret < 0 || !buf) {
		free(buf);
		return 1;
	}
	qsort(sh.rrs, sh.n, sizeof(*sh.rrs), show_cmp);
	if (json)
		printf("[");
	for (i = 0; i < sh.n; i++) {
		struct show_rr *r = &sh.rrs[i];
		knot_rrset_t rr;

		knot_rrset_init(&rr, r->owner, r->type, KNOT_CLASS_IN, r->ttl);
		if (knot_rrset_add_rdata(&rr, r->rdata, r->rdlen, NULL) == KNOT_EOK &&
		    knot_rrset_txt_dump(&rr, &buf, &size, &KNOT_DUMP_STYLE_DEFAULT) >= 0) {
			if (json) {
				buf[strcspn(buf, "\n")] = 0;
				printf("%s\"", i ? "," : "");
				for (char *c = buf; *c; c++)
					printf(*c == '"' || *c == '\\' ? "\\%c" : *c == '\t' ? " " : "%c",
					       *c);
				printf("\"");
			} else {
				fputs(buf, stdout);
			}
		}
		knot_rdataset_clear(&rr.rrs, NULL);
		free(r->owner);
		free(r->rdata);
	}
	if (json)
		printf("]\n");
	free(sh.rrs);
	free(buf);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s zone <check|load|unload|sync|list|show> ...\n"
		"  check [--json] FILE [ORIGIN]  validate a zone file offline\n"
		"  load FILE [ORIGIN]            load (or replace) a zone into the module\n"
		"  unload ORIGIN|--all           remove a zone (or every zone) from the module\n"
		"  sync DIR                      make the zones those of DIR/ORIGIN.zone\n"
		"  list [--json]                 the zones loaded in this network namespace\n"
		"  show [--json] ORIGIN          a loaded zone's records, as zone-file text\n"
		"The origin defaults to the owner of the file's SOA.\n", prog);
}

int zone_main(int argc, char **argv)
{
	const char *cmd;
	bool json = false;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2;
	}
	cmd = argv[1];
	argc -= 2;
	argv += 2;
	if (argc && !strcmp(argv[0], "--json")) {
		json = true;
		argc--;
		argv++;
	}
	if (!strcmp(cmd, "check"))
		return zone_check(argc, argv, json);
	if (!strcmp(cmd, "list"))
		return zone_list(argc, argv, json);
	if (!strcmp(cmd, "show"))
		return zone_show(argc, argv, json);
	if (json) {
		fprintf(stderr, "%s: zone %s: --json is for data commands\n", prog, cmd);
		return 1;
	}
	if (!strcmp(cmd, "load"))
		return zone_load(argc, argv);
	if (!strcmp(cmd, "unload"))
		return zone_unload(argc, argv);
	if (!strcmp(cmd, "sync"))
		return zone_sync(argc, argv);
	fprintf(stderr, "%s: zone: unknown subcommand '%s'\n", prog, cmd);
	usage(stderr);
	return 1;
}
