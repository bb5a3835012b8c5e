// SPDX-License-Identifier: GPL-2.0
/*
 * Zone files, read by Knot's libzscanner; see zonefile.h.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <libknot/libknot.h>
#include <libzscanner/scanner.h>

#include "../module/zone.h"
#include "zonefile.h"

struct state {
	const struct kdns_zonefile_ops *ops;
	FILE *err;
	bool failed;
	/* Origin discovery: the first SOA's owner. */
	bool want_soa;
	uint8_t soa_owner[KDNS_NAME_MAX];
	uint32_t soa_owner_len;
};

static void report(zs_scanner_t *s, const char *msg)
{
	struct state *st = s->process.data;

	fprintf(st->err, "%s:%llu: %s\n", s->file.name ? s->file.name : "-",
		(unsigned long long)s->line_counter, msg);
	st->failed = true;
	s->state = ZS_STATE_STOP;
}

static void on_error(zs_scanner_t *s)
{
	report(s, zs_strerror(s->error.code));
}

static void on_record(zs_scanner_t *s)
{
	struct state *st = s->process.data;
	struct kdns_rr rr = {
		.owner = s->r_owner,
		.owner_len = s->r_owner_length,
		.type = s->r_type,
		.rclass = s->r_class,
		.ttl = s->r_ttl,
		.rdlen = s->r_data_length,
		.rdata = s->r_data,
	};
	const char *why;

	if (st->want_soa) {
		if (s->r_type == KDNS_T_SOA) {
			memcpy(st->soa_owner, s->r_owner, s->r_owner_length);
			st->soa_owner_len = s->r_owner_length;
			s->state = ZS_STATE_STOP;
		}
		return;
	}
	if (s->r_data_length > 0xffff) {
		report(s, "RDATA longer than 65535 bytes");
		return;
	}
	why = st->ops->rr ? st->ops->rr(&rr, st->ops->data) : NULL;
	if (why)
		report(s, why);
}

static int scan(const char *path, const char *origin, struct state *st)
{
	zs_scanner_t *s = calloc(1, sizeof(*s));
	int ret = -1;

	if (!s) {
		fprintf(st->err, "%s: out of memory\n", path);
		return -1;
	}
	if (zs_init(s, origin, KDNS_CLASS_IN, 3600) != 0 ||
	    zs_set_input_file(s, path) != 0) {
		fprintf(st->err, "%s: %s\n", path, zs_strerror(s->error.code));
		goto out;
	}
	zs_set_processing(s, on_record, on_error, st);
	if (zs_parse_all(s) != 0 && !st->failed) {
		fprintf(st->err, "%s:%llu: %s\n", path, (unsigned long long)s->line_counter,
			zs_strerror(s->error.code));
		st->failed = true;
	}
	ret = st->failed ? -1 : 0;
out:
	zs_deinit(s);
	free(s);
	return ret;
}

int kdns_name_from_text(const char *text, uint8_t *out)
{
	zs_scanner_t *s = calloc(1, sizeof(*s));
	int len = -1;

	/* The scanner's own reading of an origin: escapes, relative names... */
	if (s && zs_init(s, text, KDNS_CLASS_IN, 3600) == 0) {
		memcpy(out, s->zone_origin, s->zone_origin_length);
		len = s->zone_origin_length;
	}
	if (s)
		zs_deinit(s);
	free(s);
	return len;
}

int kdns_zonefile_read(const char *path, const char *origin,
		       const struct kdns_zonefile_ops *ops, FILE *err)
{
	struct state st = { .ops = ops, .err = err };
	uint8_t apex[KDNS_NAME_MAX];
	char text[KDNS_NAME_TEXT_MAX];
	const char *why;

	if (!origin) {
		st.want_soa = true;
		if (scan(path, ".", &st))
			return -1;
		if (!st.soa_owner_len) {
			fprintf(err, "%s: no SOA record, and no origin given\n", path);
			return -1;
		}
		st.want_soa = false;
		kdns_name_to_text(st.soa_owner, text, sizeof(text));
		origin = text;
	}
	if (kdns_name_from_text(origin, apex) < 0) {
		fprintf(err, "%s: invalid origin '%s'\n", path, origin);
		return -1;
	}
	why = ops->begin ? ops->begin(apex, ops->data) : NULL;
	if (why) {
		fprintf(err, "%s: %s\n", path, why);
		return -1;
	}
	return scan(path, origin, &st);
}

void kdns_name_to_text(const uint8_t *name, char *text, size_t size)
{
	if (!knot_dname_to_str(text, name, size))
		snprintf(text, size, "(invalid name)");
}

void kdns_name_print(FILE *f, const uint8_t *name)
{
	char text[KDNS_NAME_TEXT_MAX];

	kdns_name_to_text(name, text, sizeof(text));
	fputs(text, f);
}

struct build {
	struct kdns_zone_builder b;
	const struct kdns_zonefile_ops *also;
	bool begun;
};

static const char *build_begin(const uint8_t *apex, void *data)
{
	struct build *c = data;

	if (kdns_zb_init(&c->b, apex, 0))
		return c->b.why;
	c->begun = true;
	return c->also && c->also->begin ? c->also->begin(apex, c->also->data) : NULL;
}

static const char *build_rr(const struct kdns_rr *rr, void *data)
{
	struct build *c = data;

	if (kdns_zb_add(&c->b, rr))
		return c->b.why;
	return c->also && c->also->rr ? c->also->rr(rr, c->also->data) : NULL;
}

struct kdns_zone *kdns_zonefile_build_also(const char *path, const char *origin,
					   const struct kdns_zonefile_ops *also, FILE *err)
{
	struct build *c = calloc(1, sizeof(*c));
	struct kdns_zonefile_ops ops = { .begin = build_begin, .rr = build_rr, .data = c };
	struct kdns_zone *z = NULL;

	if (!c) {
		fprintf(err, "%s: out of memory\n", path);
		return NULL;
	}
	c->also = also;
	if (kdns_zonefile_read(path, origin, &ops, err))
		goto out;
	z = kdns_zb_finish(&c->b);
	if (!z) {
		/* Whole-zone rules have no line: name the offending name instead. */
		fprintf(err, "%s: %s", path, c->b.why);
		if (c->b.why_name[0] || c->b.err == KDNS_ZB_NO_SOA) {
			fputs(" (", err);
			kdns_name_print(err, c->b.why_name);
			fputc(')', err);
		}
		fputc('\n', err);
	} else if (c->b.ttl_mixed) {
		char type[16];

		knot_rrtype_to_string(c->b.ttl_mixed_type, type, sizeof(type));
		fprintf(err, "%s: warning: %u RRset%s with records of different TTLs, "
			"the last record's kept (RFC 2181 5.2), the first: ", path,
			c->b.ttl_mixed, c->b.ttl_mixed == 1 ? "" : "s");
		kdns_name_print(err, c->b.ttl_mixed_name);
		fprintf(err, " %s\n", type);
	}
out:
	if (c->begun)
		kdns_zb_destroy(&c->b);
	free(c);
	return z;
}

struct kdns_zone *kdns_zonefile_build(const char *path, const char *origin, FILE *err)
{
	return kdns_zonefile_build_also(path, origin, NULL, err);
}
