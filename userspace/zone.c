// SPDX-License-Identifier: GPL-2.0
/* kdnsctl zone SUBCOMMAND: one file per subcommand (zone-*.c); this dispatches. */
#include <stdio.h>

#include "options.h"
#include "subcommands.h"

static const struct command zone_commands[] = {
	{ "check", zone_check_main, "check [--json] FILE [ORIGIN]  validate a zone file offline" },
	{ "load", zone_load_main, "load FILE [ORIGIN]            load (or replace) a zone" },
	{ "unload", zone_unload_main, "unload ORIGIN|--all           remove a zone (or every zone)" },
	{ "sync", zone_sync_main, "sync DIR                      make the zones those of DIR/ORIGIN.zone" },
	{ "list", zone_list_main, "list [--json]                 the zones loaded in this network namespace" },
	{ "show", zone_show_main, "show [--json] ORIGIN          a loaded zone's records, as zone-file text" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: kdnsctl zone <check|load|unload|sync|list|show> ...\n");
	for (i = 0; i < sizeof(zone_commands) / sizeof(zone_commands[0]); i++)
		fprintf(f, "  %s\n", zone_commands[i].help);
	fprintf(f, "The origin defaults to the owner of the file's SOA.\n"
		"Run 'kdnsctl zone <cmd> --help' for a subcommand's details.\n");
}

int zone_main(int argc, char **argv)
{
	return dispatch(zone_commands, sizeof(zone_commands) / sizeof(zone_commands[0]), argc,
			argv, usage, "zone: ");
}
