// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl identity set|show: the server's NSID (RFC 5001) and its answers to
 * class CH id.server., hostname.bind., version.server. and version.bind.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "options.h"
#include "requests.h"
#include "subcommands.h"

static const char usage[] =
	"Usage: kdnsctl identity set [nsid TEXT|0xHEX] [id TEXT] [version TEXT]\n"
	"                            [chaos on|off]\n"
	"       kdnsctl identity show [--json]\n"
	"  The server's identity in this network namespace (kdns(4), IDENTITY):\n"
	"  nsid is sent to queries that ask for it (at most 128 bytes), id answers\n"
	"  class CH TXT id.server. and hostname.bind., version version.server. and\n"
	"  version.bind. (at most 255 bytes each; \"\" hides one: REFUSED); chaos on\n"
	"  answers class CH queries, off (at first) passes them on to the sockets.\n"
	"  The settings given replace theirs.\n";

/* TEXT, or 0xHEX (as Knot's nsid setting): the bytes, or -1. */
static long parse_nsid(const char *s, uint8_t *out)
{
	size_t n = strlen(s);

	if (!strncmp(s, "0x", 2))
		return parse_hex(s + 2, out, 128);
	if (n > 128)
		return -1;
	memcpy(out, s, n);
	return n;
}

static int identity_set(char **w, int n)
{
	const char *id = NULL, *version = NULL;
	uint8_t nsid[128];
	long nsid_len = -1;
	int chaos = -1, i;

	for (i = 0; i + 1 < n; i += 2) {
		if (!strcmp(w[i], "nsid")) {
			nsid_len = parse_nsid(w[i + 1], nsid);
			if (nsid_len < 0) {
				fprintf(stderr, "%s: identity set: nsid '%s': at most 128 bytes "
					"of text, or 0x and an even number of hex digits\n", prog,
					w[i + 1]);
				return 1;
			}
		} else if (!strcmp(w[i], "id") || !strcmp(w[i], "version")) {
			if (strlen(w[i + 1]) > 255) {
				fprintf(stderr, "%s: identity set: %s: more than 255 bytes\n", prog,
					w[i]);
				return 1;
			}
			*(w[i][0] == 'i' ? &id : &version) = w[i + 1];
		} else if (!strcmp(w[i], "chaos") &&
			   (!strcmp(w[i + 1], "on") || !strcmp(w[i + 1], "off"))) {
			chaos = !strcmp(w[i + 1], "on");
		} else {
			fprintf(stderr, "%s: identity set: unknown setting '%s %s'\n%s", prog, w[i],
				w[i + 1], usage);
			return 1;
		}
	}
	if (i != n || !n) {
		fprintf(stderr, "%s", usage);
		return 1;
	}
	return kdns_req_identity_set(nsid_len >= 0 ? nsid : NULL, nsid_len >= 0 ? nsid_len : 0,
				     id, version, chaos) < 0;
}

static int identity_show(bool json)
{
	struct kdns_identity_conf c;
	size_t i;

	if (kdns_req_identity_get(&c) < 0)
		return 1;
	if (json) {
		printf("{\"nsid\":\"");
		for (i = 0; i < c.nsid_len; i++)
			printf("%02x", c.nsid[i]);
		printf("\",\"id\":");
		json_string(stdout, c.id);
		printf(",\"version\":");
		json_string(stdout, c.version);
		printf(",\"chaos\":%s}\n", c.chaos ? "true" : "false");
		return 0;
	}
	printf("nsid 0x");
	for (i = 0; i < c.nsid_len; i++)
		printf("%02x", c.nsid[i]);
	printf("\nid %s\nversion %s\nchaos %s\n", c.id, c.version, c.chaos ? "on" : "off");
	return 0;
}

int identity_main(int argc, char **argv)
{
	struct options o;
	int r;

	r = parse_options(argc, argv, OPT_JSON, 1, 9, usage, &o);
	if (r)
		return r == 1;
	if (!strcmp(o.args[0], "show") && o.nargs == 1)
		return identity_show(o.set & OPT_JSON);
	if (!strcmp(o.args[0], "set") && !(o.set & OPT_JSON))
		return identity_set(o.args + 1, o.nargs - 1);
	fprintf(stderr, "%s", usage);
	return 1;
}
