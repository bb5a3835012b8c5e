// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl cookie on|off|show|secret|rotate|load: DNS cookies (RFC 7873,
 * server cookies of RFC 9018) in this network namespace.
 */
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "requests.h"
#include "subcommands.h"

static const char usage[] =
	"Usage: kdnsctl cookie on|off\n"
	"       kdnsctl cookie show [--json]\n"
	"       kdnsctl cookie secret HEX\n"
	"       kdnsctl cookie rotate\n"
	"       kdnsctl cookie load FILE\n"
	"  DNS cookies in this network namespace (kdns(4), COOKIES). on answers\n"
	"  COOKIE options (off, the default, ignores them); a client whose server\n"
	"  cookie is good is not rate limited. secret sets the 16-byte secret (32\n"
	"  hex digits; the same as Knot's or BIND's, their cookies are good here),\n"
	"  rotate draws a random one: the old one stays good for its cookies'\n"
	"  hour; setting the secret in use changes nothing. show prints the\n"
	"  settings and secrets. load takes 'on' or 'off' (off if neither) and\n"
	"  'secret HEX' (or keeps the secret) from FILE, a line each ('#' comments).\n";

/* HEX, with or without 0x: the secret; false if it is not 32 hex digits. */
static bool secret_hex(const char *s, uint8_t *secret)
{
	return parse_hex(s + (strncmp(s, "0x", 2) ? 0 : 2), secret, 16) == 16;
}

struct cookie_file {
	int enabled;
	bool has_secret;
	uint8_t secret[16];
};

static bool cookie_line(void *arg, const char *where, char *text)
{
	struct cookie_file *c = arg;
	char *value, *word = first_word(text, &value);

	if ((!strcmp(word, "on") || !strcmp(word, "off")) && !*value) {
		c->enabled = !strcmp(word, "on");
		return true;
	}
	if (!strcmp(word, "secret") && *value) {
		if (!secret_hex(value, c->secret)) {
			fprintf(stderr, "%ssecret '%s' is not 32 hex digits\n", where, value);
			return false;
		}
		c->has_secret = true;
		return true;
	}
	fprintf(stderr, "%sunknown setting '%s'%s%s\n", where, word, *value ? " " : "", value);
	return false;
}

/* cookies.conf: on or off, and the secret, applied in one request. */
static int cookie_load(const char *file)
{
	struct cookie_file c = { .enabled = 0 };

	if (read_settings(file, cookie_line, &c))
		return 1;
	return kdns_req_cookie_set(c.enabled, c.has_secret ? c.secret : NULL, false) < 0;
}

static void print_hex(const uint8_t *b)
{
	int i;

	for (i = 0; i < 16; i++)
		printf("%02x", b[i]);
}

static int cookie_show(bool json)
{
	struct kdns_cookie_conf c;

	if (kdns_req_cookie_get(&c) < 0)
		return 1;
	if (json) {
		printf("{\"enabled\":%s,\"secret\":\"", c.enabled ? "true" : "false");
		print_hex(c.secret);
		printf("\"");
		if (c.has_prev) {
			printf(",\"previous\":\"");
			print_hex(c.prev);
			printf("\"");
		}
		printf("}\n");
		return 0;
	}
	printf("%s\nsecret ", c.enabled ? "on" : "off");
	print_hex(c.secret);
	printf("\n");
	if (c.has_prev) {
		printf("previous ");
		print_hex(c.prev);
		printf("\n");
	}
	return 0;
}

int cookie_main(int argc, char **argv)
{
	struct options o;
	uint8_t secret[16];
	const char *cmd;
	int r;

	r = parse_options(argc, argv, OPT_JSON, 1, 2, usage, &o);
	if (r)
		return r == 1;
	cmd = o.args[0];
	if (!strcmp(cmd, "show") && o.nargs == 1)
		return cookie_show(o.set & OPT_JSON);
	if (o.set & OPT_JSON) {
		fprintf(stderr, "%s: cookie %s: unknown option '--json'\n%s", prog, cmd, usage);
		return 1;
	}
	if ((!strcmp(cmd, "on") || !strcmp(cmd, "off")) && o.nargs == 1)
		return kdns_req_cookie_set(!strcmp(cmd, "on"), NULL, false) < 0;
	if (!strcmp(cmd, "rotate") && o.nargs == 1)
		return kdns_req_cookie_set(-1, NULL, true) < 0;
	if (!strcmp(cmd, "load") && o.nargs == 2)
		return cookie_load(o.args[1]);
	if (!strcmp(cmd, "secret") && o.nargs == 2) {
		if (!secret_hex(o.args[1], secret)) {
			fprintf(stderr, "%s: cookie secret: '%s' is not 32 hex digits\n", prog,
				o.args[1]);
			return 1;
		}
		return kdns_req_cookie_set(-1, secret, false) < 0;
	}
	fprintf(stderr, "%s", usage);
	return 1;
}
