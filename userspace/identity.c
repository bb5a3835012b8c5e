// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl identity set|show|load: the server's NSID (RFC 5001) and its
 * answers to class CH id.server., hostname.bind., version.server. and
 * version.bind.
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
	"       kdnsctl identity load FILE\n"
	"  The server's identity in this network namespace (kdns(4), IDENTITY):\n"
	"  nsid is sent to queries that ask for it (at most 128 bytes), id answers\n"
	"  class CH TXT id.server. and hostname.bind., version version.server. and\n"
	"  version.bind. (at most 255 bytes each; \"\" hides one: REFUSED); chaos on\n"
	"  answers class CH queries, off (at first) passes them on to the sockets.\n"
	"  The settings given replace theirs. load takes them from FILE, a setting\n"
	"  and its value (the rest of the line) a line, '#' comments; what it does\n"
	"  not set is cleared. show prints them as load takes them.\n";

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

/* The settings given, each copied (a file's lines do not last). */
struct identity_words {
	long nsid_len;		/* -1: not given */
	uint8_t nsid[128];
	bool has_id, has_version;
	char id[256], version[256];
	int chaos;		/* -1: not given */
};

/* One setting and its value; false after printing why, after where. */
static bool identity_word(struct identity_words *iw, const char *where, const char *word,
			  const char *value)
{
	if (!strcmp(word, "nsid")) {
		iw->nsid_len = parse_nsid(value, iw->nsid);
		if (iw->nsid_len >= 0)
			return true;
		fprintf(stderr, "%snsid '%s': at most 128 bytes of text, or 0x and an even "
			"number of hex digits\n", where, value);
		return false;
	}
	if (!strcmp(word, "id") || !strcmp(word, "version")) {
		bool id = word[0] == 'i';

		if (strlen(value) > 255) {
			fprintf(stderr, "%s%s: more than 255 bytes\n", where, word);
			return false;
		}
		strcpy(id ? iw->id : iw->version, value);
		*(id ? &iw->has_id : &iw->has_version) = true;
		return true;
	}
	if (!strcmp(word, "chaos") && (!strcmp(value, "on") || !strcmp(value, "off"))) {
		iw->chaos = !strcmp(value, "on");
		return true;
	}
	fprintf(stderr, "%sunknown setting '%s %s'\n", where, word, value);
	return false;
}

static int identity_send(const struct identity_words *iw)
{
	return kdns_req_identity_set(iw->nsid_len >= 0 ? iw->nsid : NULL,
				     iw->nsid_len >= 0 ? iw->nsid_len : 0,
				     iw->has_id ? iw->id : NULL,
				     iw->has_version ? iw->version : NULL, iw->chaos) < 0;
}

static int identity_set(char **w, int n)
{
	struct identity_words iw = { .nsid_len = -1, .chaos = -1 };
	char where[64];
	int i;

	snprintf(where, sizeof(where), "%s: identity set: ", prog);
	for (i = 0; i + 1 < n; i += 2)
		if (!identity_word(&iw, where, w[i], w[i + 1])) {
			fprintf(stderr, "%s", usage);
			return 1;
		}
	if (i != n || !n) {
		fprintf(stderr, "%s", usage);
		return 1;
	}
	return identity_send(&iw);
}

static bool identity_line(void *iw, const char *where, char *text)
{
	char *value, *word = first_word(text, &value);

	return identity_word(iw, where, word, value);
}

/*
 * identity.conf: a setting and its value (the rest of the line) a line; what
 * the file does not set is cleared, as if no identity had been set.
 */
static int identity_load(const char *file)
{
	struct identity_words iw = { .nsid_len = 0, .has_id = true, .has_version = true };

	if (read_settings(file, identity_line, &iw))
		return 1;
	return identity_send(&iw);
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
	if (!strcmp(o.args[0], "load") && o.nargs == 2 && !(o.set & OPT_JSON))
		return identity_load(o.args[1]);
	fprintf(stderr, "%s", usage);
	return 1;
}
