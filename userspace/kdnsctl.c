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

static const struct command commands[] = {
	{ "zone", zone_main, "Checks, loads, unloads and lists zones" },
	{ "lookup", lookup_main, "Shows the answer the kernel gives to a query" },
	{ "stats", stats_main, "Shows the counters of this network namespace" },
	{ "rrl", rrl_main, "Sets, shows or switches off response rate limiting" },
	{ "cookie", cookie_main, "Switches DNS cookies on or off, sets their secret" },
	{ "identity", identity_main, "Sets the NSID and the CHAOS id.server and version" },
	{ "version", version_main, "Shows the versions of kdnsctl and of the module" },
};

static void usage(FILE *file)
{
	size_t i;

	fprintf(file, "Usage: %s <cmd> [<args>]\n\n", prog);
	fprintf(file, "Available subcommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(file, "  %-10s%s\n", commands[i].name, commands[i].help);
	fprintf(file, "\nRun '%s <cmd> --help' for a subcommand's options.\n", prog);
}

int main(int argc, char **argv)
{
	prog = "kdnsctl";
	if (argc == 2 && !strcmp(argv[1], "--version"))
		return version_main(1, argv + 1);
	return dispatch(commands, sizeof(commands) / sizeof(commands[0]), argc, argv, usage,
			"");
}
