/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_SUBCOMMANDS_H
#define KDNSCTL_SUBCOMMANDS_H

#include <stdint.h>

extern const char *prog;

/* Each command's main: argv[0] is its name, then its options and operands. */
int zone_main(int argc, char **argv);
int zone_check_main(int argc, char **argv);
int zone_load_main(int argc, char **argv);
int zone_unload_main(int argc, char **argv);
int zone_sync_main(int argc, char **argv);
int zone_list_main(int argc, char **argv);
int zone_show_main(int argc, char **argv);
int lookup_main(int argc, char **argv);
int stats_main(int argc, char **argv);
int rrl_main(int argc, char **argv);
int cookie_main(int argc, char **argv);
int identity_main(int argc, char **argv);
int version_main(int argc, char **argv);

/* Load a zone file, or unload a zone, printing what was done (sync uses them). */
int zone_load(const char *file, const char *origin);
int zone_unload(const uint8_t *apex);

#endif /* KDNSCTL_SUBCOMMANDS_H */
