/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_JSON_H
#define KDNSCTL_JSON_H

#include <stdint.h>
#include <stdio.h>

/*
 * s as a JSON string, quoted: '"' and '\' escaped, control characters as
 * \t and \n, or \uXXXX.
 */
void json_string(FILE *f, const char *s);

/* A wire-form name as a JSON string of its presentation form. */
void json_name(FILE *f, const uint8_t *name);

#endif /* KDNSCTL_JSON_H */
