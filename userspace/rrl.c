// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl rrl set|off|show|load: response rate limiting's settings in this
 * network namespace. The settings are words, "rate 20 slip 2 ...", on the
 * command line or in a file (kdns.service's rrl.conf); show prints them in
 * the same words, so that its output is a file load takes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "requests.h"
#include "subcommands.h"

static const char usage[] =
	"Usage: kdnsctl rrl set rate N [window S] [slip N] [ipv4-prefix N] [ipv6-prefix N]\n"
	"                       [table-size N] [exempt PREFIX]...\n"
	"       kdnsctl rrl off\n"
	"       kdnsctl rrl show [--json]\n"
	"       kdnsctl rrl load FILE\n"
	"  Response rate limiting in this network namespace (kdns(4), RATE LIMITING).\n"
	"  rate         answers a second per client prefix and answer, 1-1000000\n"
	"  window       seconds of answers a bucket holds, 1-3600 (default 4)\n"
	"  slip         every slip-th limited answer goes out truncated, 0-100;\n"
	"               0 drops them all (default 2)\n"
	"  ipv4-prefix  clients counted together, 8-32 (default 24)\n"
	"  ipv6-prefix  16-64 (default 56)\n"
	"  table-size   buckets, a power of two, 1024-4194304 (default 1048576)\n"
	"  exempt       ADDRESS[/LENGTH], never limited; up to 64\n"
	"  set replaces every setting (and empties the table); off switches it off;\n"
	"  load takes the same words from FILE ('#' comments), and no words at all\n"
	"  switch it off.\n";

/* An error, after where the word comes from: "FILE:N: ", "FILE: " or "kdnsctl: rrl set: ". */
static void fail(const char *where, const char *fmt, const char *word)
{
	fputs(where, stderr);
	fprintf(stderr, fmt, word);
	fputc('\n', stderr);
}

static bool number(const char *s, unsigned long min, unsigned long max, unsigned long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return !errno && !*end && *v >= min && *v <= max;
}

/* ADDRESS[/LENGTH], the length the address's by default. */
static bool prefix(const char *s, struct kdns_rrl_prefix *p)
{
	char addr[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned long len;

	if (n >= sizeof(addr))
		return false;
	memcpy(addr, s, n);
	addr[n] = 0;
	memset(p, 0, sizeof(*p));
	p->v6 = strchr(addr, ':');
	if (inet_pton(p->v6 ? AF_INET6 : AF_INET, addr, p->addr) != 1)
		return false;
	len = p->v6 ? 128 : 32;
	if (slash && !number(slash + 1, 0, len, &len))
		return false;
	p->len = len;
	return true;
}

static const struct {
	const char *word;
	unsigned int bit;
	unsigned long min, max;
} settings[] = {
	{ "rate", RRL_GIVEN_RATE, 1, KDNS_RRL_RATE_MAX },
	{ "window", RRL_GIVEN_WINDOW, 1, KDNS_RRL_WINDOW_MAX },
	{ "slip", RRL_GIVEN_SLIP, 0, KDNS_RRL_SLIP_MAX },
	{ "ipv4-prefix", RRL_GIVEN_V4, KDNS_RRL_V4_MIN, 32 },
	{ "ipv6-prefix", RRL_GIVEN_V6, KDNS_RRL_V6_MIN, KDNS_RRL_V6_MAX },
	{ "table-size", RRL_GIVEN_SIZE, 1U << KDNS_RRL_SIZE_MIN_LOG, 1U << KDNS_RRL_SIZE_MAX_LOG },
};

/* One word and its value (words[1], if it takes one); the words used, or 0. */
static int parse_word(char **words, int n, struct kdns_rrl_conf *c, const char *w)
{
	struct kdns_rrl_settings *set = &c->set;
	unsigned long v;
	size_t i;

	if (n < 2) {
		fail(w, "'%s' needs a value", words[0]);
		return 0;
	}
	if (!strcmp(words[0], "exempt")) {
		if (set->nallow == KDNS_RRL_ALLOW_MAX) {
			fail(w, "more than 64 exempt prefixes at '%s'", words[1]);
			return 0;
		}
		if (!prefix(words[1], &set->allow[set->nallow])) {
			fail(w, "'%s' is not an address or ADDRESS/LENGTH", words[1]);
			return 0;
		}
		set->nallow++;
		return 2;
	}
	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (!strcmp(words[0], settings[i].word))
			break;
	if (i == sizeof(settings) / sizeof(settings[0])) {
		fail(w, "unknown setting '%s'", words[0]);
		return 0;
	}
	if (!number(words[1], settings[i].min, settings[i].max, &v)) {
		fail(w, "bad value '%s'", words[1]);
		fprintf(stderr, "  %s is %lu to %lu\n", settings[i].word, settings[i].min,
			settings[i].max);
		return 0;
	}
	c->given |= settings[i].bit;
	switch (settings[i].bit) {
	case RRL_GIVEN_RATE:
		set->rate = v;
		break;
	case RRL_GIVEN_WINDOW:
		set->window = v;
		break;
	case RRL_GIVEN_SLIP:
		set->slip = v;
		break;
	case RRL_GIVEN_V4:
		set->v4_prefix = v;
		break;
	case RRL_GIVEN_V6:
		set->v6_prefix = v;
		break;
	case RRL_GIVEN_SIZE:
		if (v & (v - 1)) {
			fail(w, "table-size %s is not a power of two", words[1]);
			return 0;
		}
		set->size_log = __builtin_ctzl(v);
		break;
	}
	return 2;
}

/* All words parsed, the settings checked together. */
static bool parse_words(char **words, int n, struct kdns_rrl_conf *c, const char *w)
{
	while (n > 0) {
		int used = parse_word(words, n, c, w);

		if (!used)
			return false;
		words += used;
		n -= used;
	}
	return true;
}

static bool complete(struct kdns_rrl_conf *c, const char *w)
{
	unsigned long window = c->given & RRL_GIVEN_WINDOW ? c->set.window : 4;

	if (!(c->given & RRL_GIVEN_RATE)) {
		fail(w, "%s", "no rate: 'rate N' is required");
		return false;
	}
	if ((unsigned long long)c->set.rate * window > KDNS_RRL_TOKENS_MAX) {
		fail(w, "%s", "rate times window is over 1048575");
		return false;
	}
	c->on = true;
	return true;
}

static int rrl_set(char **words, int n)
{
	static struct kdns_rrl_conf c;
	char w[64];

	snprintf(w, sizeof(w), "%s: rrl set: ", prog);
	if (!parse_words(words, n, &c, w) || !complete(&c, w))
		return 1;
	return kdns_req_rrl_set(&c) < 0;
}

/* A line of rrl.conf: settings and their values. */
static bool rrl_line(void *c, const char *where, char *text)
{
	char *words[SETTINGS_LINE_MAX / 2], *p, *save;
	int n = 0;

	for (p = strtok_r(text, " \t", &save); p; p = strtok_r(NULL, " \t", &save))
		words[n++] = p;
	return parse_words(words, n, c, where);
}

/* rrl.conf: the words of rrl set, over any number of lines; none: off. */
static int rrl_load(const char *file)
{
	static struct kdns_rrl_conf c;
	char w[4200];

	if (read_settings(file, rrl_line, &c))
		return 1;
	snprintf(w, sizeof(w), "%s: ", file);
	if ((c.given || c.set.nallow) && !complete(&c, w))
		return 1;
	return kdns_req_rrl_set(&c) < 0;
}

static void show_prefix(const struct kdns_rrl_prefix *p, char *out, size_t cap)
{
	char addr[INET6_ADDRSTRLEN];

	inet_ntop(p->v6 ? AF_INET6 : AF_INET, p->addr, addr, sizeof(addr));
	snprintf(out, cap, "%s/%u", addr, p->len);
}

static int rrl_show(bool json)
{
	struct kdns_rrl_conf c;
	const struct kdns_rrl_settings *s = &c.set;
	char buf[INET6_ADDRSTRLEN + 8];
	unsigned int i;

	if (kdns_req_rrl_get(&c) < 0)
		return 1;
	if (!c.on) {
		printf(json ? "{\"enabled\":false}\n" : "off\n");
		return 0;
	}
	if (json)
		printf("{\"enabled\":true,\"rate\":%u,\"window\":%u,\"slip\":%u,"
		       "\"ipv4_prefix\":%u,\"ipv6_prefix\":%u,\"table_size\":%u,\"exempt\":[",
		       s->rate, s->window, s->slip, s->v4_prefix, s->v6_prefix,
		       1U << s->size_log);
	else
		printf("rate %u window %u slip %u ipv4-prefix %u ipv6-prefix %u table-size %u\n",
		       s->rate, s->window, s->slip, s->v4_prefix, s->v6_prefix,
		       1U << s->size_log);
	for (i = 0; i < s->nallow; i++) {
		show_prefix(&s->allow[i], buf, sizeof(buf));
		if (json)
			printf("%s\"%s\"", i ? "," : "", buf);
		else
			printf("exempt %s\n", buf);
	}
	if (json)
		printf("]}\n");
	return 0;
}

int rrl_main(int argc, char **argv)
{
	struct options o;
	const char *cmd;
	int r;

	r = parse_options(argc, argv, OPT_JSON, 1, 1 + 2 * (3 + 6 + KDNS_RRL_ALLOW_MAX), usage,
			  &o);
	if (r)
		return r == 1;
	cmd = o.args[0];
	if (!strcmp(cmd, "show") && o.nargs == 1)
		return rrl_show(o.set & OPT_JSON);
	if (o.set & OPT_JSON) {
		fprintf(stderr, "%s: rrl %s: unknown option '--json'\n%s", prog, cmd, usage);
		return 1;
	}
	if (!strcmp(cmd, "set") && o.nargs > 1)
		return rrl_set(o.args + 1, o.nargs - 1);
	if (!strcmp(cmd, "off") && o.nargs == 1) {
		static const struct kdns_rrl_conf off;

		return kdns_req_rrl_set(&off) < 0;
	}
	if (!strcmp(cmd, "load") && o.nargs == 2)
		return rrl_load(o.args[1]);
	fprintf(stderr, "%s", usage);
	return 1;
}
