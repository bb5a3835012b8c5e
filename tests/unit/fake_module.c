// SPDX-License-Identifier: GPL-2.0
/*
 * The module's side of a zone load, in userspace, for the test and the
 * fuzzer of kdnsctl's ZONE_ADD messages. Each message is checked as the
 * kernel's netlink and genetlink layers check it (lengths, one attribute of
 * the right type, nothing left over: strict validation), KDNS_A_ZONE_RRS is
 * read as kdns_load_add (module/load.c) reads it, and its records go to the
 * module's own zone builder. The zone committed must be the one kdnsctl
 * built from the file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/kdns.h>

#include "../../module/wire.h"
#include "../../userspace/rrbatch.h"
#include "../../userspace/zonefile.h"
#include "fake_module.h"

static int refuse(struct fake_module *m, const char *fmt, ...)
{
	va_list ap;

	if (!m->refused[0]) {
		va_start(ap, fmt);
		vsnprintf(m->refused, sizeof(m->refused), fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void broken(struct fake_module *m, const char *fmt, ...)
{
	va_list ap;

	if (!m->broken[0]) {
		va_start(ap, fmt);
		vsnprintf(m->broken, sizeof(m->broken), fmt, ap);
		va_end(ap);
	}
}

/* The records of one KDNS_A_ZONE_RRS, read as kdns_zone_add reads them. */
static int add_rrs(struct fake_module *m, const uint8_t *p, size_t len)
{
	struct kdns_cursor c;
	unsigned int i;

	kdns_cursor_init(&c, p, len);
	for (i = 0; kdns_cursor_left(&c); i++) {
		struct kdns_rr rr;

		kdns_rr_read(&c, &rr);
		if (c.err)
			return refuse(m, "KDNS_A_ZONE_RRS: a record runs past the attribute");
		if (kdns_zb_add(&m->b, &rr))
			return refuse(m, "record %u: %s", i, m->b.why);
		m->received++;
	}
	return 0;
}

/* A ZONE_ADD message, as genetlink and kdns_nl_zone_add receive it. */
static int zone_add(struct nlmsghdr *nlh, void *data)
{
	struct fake_module *m = data;
	const struct genlmsghdr *g;
	const struct nlattr *a;
	size_t len, rem;

	m->messages++;
	if (nlh->nlmsg_len > m->max_len)
		m->max_len = nlh->nlmsg_len;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return refuse(m, "message shorter than its headers");
	if (nlh->nlmsg_type != FAKE_FAMILY ||
	    nlh->nlmsg_flags != (NLM_F_REQUEST | NLM_F_ACK))
		return refuse(m, "not a request to the family");
	g = mnl_nlmsg_get_payload(nlh);
	if (g->cmd != KDNS_CMD_ZONE_ADD || g->version != KDNS_GENL_VERSION)
		return refuse(m, "not ZONE_ADD");
	/* nla_parse, strict: every attribute within the message, none left over. */
	a = (const struct nlattr *)((const uint8_t *)g + GENL_HDRLEN);
	rem = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	if (rem < NLA_HDRLEN || a->nla_len < NLA_HDRLEN || a->nla_len > rem)
		return refuse(m, "an attribute runs past the message");
	if (rem - a->nla_len >= NLA_ALIGNTO || a->nla_type != KDNS_A_ZONE_RRS)
		return refuse(m, "not exactly one attribute, KDNS_A_ZONE_RRS");
	len = a->nla_len - NLA_HDRLEN;
	return add_rrs(m, (const uint8_t *)a + NLA_HDRLEN, len);
}

struct load {
	struct fake_module *m;
	struct kdns_rrbatch batch;
};

/* ZONE_BEGIN, as kdns_load_begin takes it. */
static const char *begin(const uint8_t *apex, void *data)
{
	struct load *l = data;
	struct fake_module *m = l->m;

	if (kdns_zb_init(&m->b, apex, 0)) {
		refuse(m, "KDNS_A_ZONE_NAME: not a valid name in wire form");
		return "the module refused the zone";
	}
	m->begun = true;
	return NULL;
}

/* zone.c's load_rr: the record goes to the batch. */
static const char *add(const struct kdns_rr *rr, void *data)
{
	struct load *l = data;
	const char *why = kdns_rrbatch_add(&l->batch, rr);

	if (!why)
		l->m->sent++;
	return why;
}

/* The committed zone is the one kdnsctl built: same records, same image. */
static void compare(struct fake_module *m, const struct kdns_zone *user,
		    const struct kdns_zone *mod)
{
	if (m->received != m->sent)
		broken(m, "%zu records sent, %zu received", m->sent, m->received);
	else if (mod->nrecords != user->nrecords || mod->nnodes != user->nnodes ||
		 mod->bytes != user->bytes || mod->serial != user->serial)
		broken(m, "kdnsctl built %u records, %u names, %zu bytes; the module %u, %u, %zu",
		       user->nrecords, user->nnodes, user->bytes,
		       mod->nrecords, mod->nnodes, mod->bytes);
}

int fake_load(struct fake_module *m, const char *path, const char *origin, FILE *err)
{
	static struct load l;
	struct kdns_zonefile_ops ops = { .begin = begin, .rr = add, .data = &l };
	struct kdns_zone *user, *mod = NULL;

	memset(m, 0, sizeof(*m));
	l.m = m;
	kdns_rrbatch_init(&l.batch, FAKE_FAMILY, zone_add, m);
	user = kdns_zonefile_build_also(path, origin, &ops, err);
	if (user && kdns_rrbatch_flush(&l.batch) == 0)
		mod = kdns_zb_finish(&m->b);
	if (user && !mod && !m->refused[0])
		refuse(m, "%s", m->b.why);
	/* The same builder on the same records: it must agree with kdnsctl. */
	if (m->refused[0])
		broken(m, "the module refused what kdnsctl accepted: %s", m->refused);
	if (user && mod)
		compare(m, user, mod);
	if (m->begun)
		kdns_zb_destroy(&m->b);
	if (user)
		kdns_zone_free(user);
	if (mod)
		kdns_zone_free(mod);
	return mod ? 0 : -1;
}
