// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl's command lines: subcommand names and operands anywhere among the
 * options, as getopt allows, and the same errors and --help everywhere.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "subcommands.h"

static const struct option long_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "reset", no_argument, NULL, OPT_RESET },
	{ "no-edns", no_argument, NULL, OPT_NO_EDNS },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int parse_options(int argc, char **argv, unsigned int allowed, int min, int max,
		  const char *usage, struct options *o)
{
	int c;

	o->set = 0;
	optind = 0;	/* glibc: start over, and permute (options after operands) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		if (c == 'h') {
			printf("%s", usage);
			return 2;
		}
		if (c == '?' || !(c & allowed)) {
			if (c == '?' && optopt)
				fprintf(stderr, "%s: %s: unknown option '-%c'\n", prog, argv[0], optopt);
			else
				fprintf(stderr, "%s: %s: unknown option '%s'\n", prog, argv[0],
					argv[optind - 1]);
			fprintf(stderr, "%s", usage);
			return 1;
		}
		o->set |= c;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->nargs < min || o->nargs > max) {
		fprintf(stderr, "%s", usage);
		return 1;
	}
	return 0;
}

bool pick_command(int argc, char **argv)
{
	char *cmd;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (argv[i][0] == '-')
			continue;
		cmd = argv[i];
		memmove(argv + 2, argv + 1, (i - 1) * sizeof(*argv));
		argv[1] = cmd;
		return true;
	}
	return false;
}

int dispatch(const struct command *cmds, size_t n, int argc, char **argv,
	     void (*usage)(FILE *f), const char *what)
{
	size_t i;

	if (!pick_command(argc, argv)) {
		bool help = argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));

		usage(help ? stdout : stderr);
		return !help;
	}
	if (!strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "%s: %sunknown command '%s'\n", prog, what, argv[1]);
	usage(stderr);
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

long parse_hex(const char *s, uint8_t *out, size_t max)
{
	size_t i, n = strlen(s);

	if (n % 2 || n / 2 > max)
		return -1;
	for (i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = hi << 4 | lo;
	}
	return n / 2;
}

char *first_word(char *text, char **rest)
{
	size_t n = strcspn(text, " \t");

	*rest = text + n + strspn(text + n, " \t");
	text[n] = 0;
	return text;
}

int read_settings(const char *file, bool (*line)(void *arg, const char *where, char *text),
		  void *arg)
{
	char text[SETTINGS_LINE_MAX], where[SETTINGS_LINE_MAX + 32];
	unsigned int n = 0;
	FILE *f = fopen(file, "r");
	bool ok = true;

	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, file, strerror(errno));
		return 1;
	}
	while (ok && fgets(text, sizeof(text), f)) {
		char *p = strchr(text, '#'), *end;

		n++;
		snprintf(where, sizeof(where), "%s:%u: ", file, n);
		if (!strchr(text, '\n') && !feof(f)) {
			fprintf(stderr, "%sline longer than %d bytes\n", where,
				SETTINGS_LINE_MAX - 1);
			ok = false;
			break;
		}
		if (p)
			*p = 0;
		p = text + strspn(text, " \t\r\n");
		end = p + strlen(p);
		while (end > p && strchr(" \t\r\n", end[-1]))
			*--end = 0;
		if (*p)
			ok = line(arg, where, p);
	}
	fclose(f);
	return !ok;
}
