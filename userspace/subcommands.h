/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_SUBCOMMANDS_H
#define KDNSCTL_SUBCOMMANDS_H

extern const char *prog;

int stats_main(int argc, char **argv);
int version_main(int argc, char **argv);
int zone_main(int argc, char **argv);
int lookup_main(int argc, char **argv);

#endif /* KDNSCTL_SUBCOMMANDS_H */
