/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_JSON_H
#define KDNSCTL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * s as a JSON string, quoted: '"' and '\' escaped, control characters as
 * \t and \n, or \uXXXX.
 */
void json_string(FILE *f, const char *s);

/* A wire-form name as a JSON string of its presentation form. */
void json_name(FILE *f, const uint8_t *name);

/*
 * A record as text (one line of libknot's dump, with its newline) in a list:
 * as it is, or as the next member of a JSON array (the string, after a comma
 * from the second on). *n counts the records printed.
 */
void print_record_line(FILE *f, char *line, bool json, size_t *n);

#endif /* KDNSCTL_JSON_H */
