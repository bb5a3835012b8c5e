/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_OPTIONS_H
#define KDNSCTL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The options a command takes, besides --help (which every command takes). */
enum {
	OPT_JSON = 1 << 0,	/* --json: print data as JSON */
	OPT_RESET = 1 << 1,	/* --reset: stats, zero the counters */
	OPT_NO_EDNS = 1 << 2,	/* --no-edns: lookup, a query without OPT */
	OPT_ALL = 1 << 3,	/* --all: zone unload, every zone */
};

struct options {
	unsigned int set;	/* the OPT_* given */
	int nargs;		/* the operands, in order, after the options */
	char **args;
};

/*
 * Parse argv (argv[0] is the command's name) with getopt_long: the options
 * in allowed may come anywhere among the operands, "--" ends them. Between
 * min and max operands are expected. Returns 0 with o filled in; 1 after
 * printing the error and the usage line(s) to stderr; 2 after printing the
 * usage to stdout for --help. The caller returns (r == 1) when r != 0.
 */
int parse_options(int argc, char **argv, unsigned int allowed, int min, int max,
		  const char *usage, struct options *o);

/*
 * Move the first operand of argv[1..] (the subcommand's name, wherever the
 * options put it) to argv[1]; its options stay, in order, after it. Returns
 * false if there is none.
 */
bool pick_command(int argc, char **argv);

/* A command of a dispatch table: its name, its main, its line of help. */
struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

/*
 * Run the command of cmds that argv names (its first operand, wherever the
 * options put it), with argv[0] its name. Without one: --help (or "help")
 * prints usage to stdout, anything else prints it to stderr and fails; an
 * unknown name is reported as "kdnsctl: WHATunknown command" (WHAT: "" or
 * "zone: ").
 */
int dispatch(const struct command *cmds, size_t n, int argc, char **argv,
	     void (*usage)(FILE *f), const char *what);

/*
 * The bytes of s, hex digits two a byte (no prefix), into out[max]: their
 * number, or -1 if s is not that (an odd count, another character, more
 * than max bytes).
 */
long parse_hex(const char *s, uint8_t *out, size_t max);

/* The longest line of a settings file, its newline included. */
#define SETTINGS_LINE_MAX	4096

/*
 * A settings file (rrl.conf, cookies.conf, identity.conf): for each line that
 * is not blank once its '#' comment is cut, line(arg, where, text) with the
 * text trimmed and where "FILE:N: " for its errors. Stops at the first line
 * whose call returns false. Returns 0, or 1 after printing why (the file
 * cannot be read, a line is too long, or a line failed).
 */
int read_settings(const char *file, bool (*line)(void *arg, const char *where, char *text),
		  void *arg);

/* Split text at its first blank: the first word; *rest, the rest trimmed ("" if none). */
char *first_word(char *text, char **rest);

#endif /* KDNSCTL_OPTIONS_H */
