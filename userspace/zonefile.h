/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_ZONEFILE_H
#define KDNSCTL_ZONEFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct kdns_rr;
struct kdns_zone;

/* What to do with a zone file's contents; either callback may be NULL. */
struct kdns_zonefile_ops {
	/* The origin (wire form) is known; before the first record. */
	const char *(*begin)(const uint8_t *apex, void *data);
	/* One record. Returns NULL, or why the record is refused. */
	const char *(*rr)(const struct kdns_rr *rr, void *data);
	void *data;
};

/*
 * Read an RFC 1035 master file with Knot's libzscanner: every type it knows,
 * $ORIGIN, $TTL, $INCLUDE, the RFC 3597 generic form. origin (presentation
 * form) may be NULL: the owner of the file's first SOA is then the origin.
 * On error prints "file:line: message" to err and returns -1.
 */
int kdns_zonefile_read(const char *path, const char *origin,
		       const struct kdns_zonefile_ops *ops, FILE *err);

/*
 * The zone image of a zone file, built as the module builds it; NULL after
 * printing "file:line: message" (or, for whole-zone rules, the name) to err.
 */
struct kdns_zone *kdns_zonefile_build(const char *path, const char *origin, FILE *err);

/*
 * The same, passing the origin and every record also to the also ops as it
 * goes (one reading of the file for both); a record also refuses stops the
 * build.
 */
struct kdns_zone *kdns_zonefile_build_also(const char *path, const char *origin,
					   const struct kdns_zonefile_ops *also, FILE *err);

/* The longest presentation form of a name: every byte as \DDD, and a NUL. */
#define KDNS_NAME_TEXT_MAX (4 * 255 + 1)

/*
 * A wire-form name in presentation form, with the final dot, its special
 * characters escaped (libknot's knot_dname_to_str): what
 * kdns_name_from_text reads back as the same name.
 */
void kdns_name_to_text(const uint8_t *name, char *text, size_t size);
void kdns_name_print(FILE *f, const uint8_t *name);

/* A name in presentation form to wire form (KDNS_NAME_MAX bytes); -1 if invalid. */
int kdns_name_from_text(const char *text, uint8_t *out);

#endif /* KDNSCTL_ZONEFILE_H */
