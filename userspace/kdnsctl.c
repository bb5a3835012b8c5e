// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl: control the kdns kernel module. One file per command, each with
 * a <name>_main(argc, argv); requests.c talks to the module for all of them;
 * this file only dispatches.
 */
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "subcommands.h"

const char *prog;

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *description;
} subcommands[] = {
	{ "zone", zone_main, "Checks, loads, unloads and lists zones" },
	{ "lookup", lookup_main, "Shows the answer the kernel gives to a query" },
	{ "stats", stats_main, "Shows the counters of this network namespace" },
	{ "version", version_main, "Shows the versions of kdnsctl and of the module" },
};

static void show_usage(FILE *file)
{
	size_t i;

	fprintf(file, "Usage: %s <cmd> [<args>]\n\n", prog);
	fprintf(file, "Available subcommands:\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(file, "  %-10s%s\n", subcommands[i].name, subcommands[i].description);
	fprintf(file, "\nRun '%s <cmd> --help' for a subcommand's options.\n", prog);
}

int main(int argc, char **argv)
{
	size_t i;

	prog = "kdnsctl";
	if (!pick_command(argc, argv)) {
		if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			show_usage(stdout);
			return 0;
		}
		if (argc == 2 && !strcmp(argv[1], "--version"))
			return version_main(1, argv + 1);
		show_usage(stderr);
		return 1;
	}
	if (!strcmp(argv[1], "help")) {
		show_usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "%s: invalid subcommand '%s'\n", prog, argv[1]);
	show_usage(stderr);
	return 1;
}
