// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl's requests to the module: one function per operation of the kdns
 * generic netlink family (include/uapi/linux/kdns.h), on nl.c's plumbing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "../module/zone.h"
#include "nl.h"
#include "requests.h"
#include "rrbatch.h"
#include "zonefile.h"

struct zones {
	struct kdns_zone_info *z;
	size_t n;
};

static int zones_cb(const struct nlmsghdr *nlh, void *data)
{
	struct zones *zs = data;
	struct kdns_zone_info zi = { 0 };
	struct nlattr *a;
	bool named = false;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		uint16_t len = mnl_attr_get_payload_len(a);

		switch (mnl_attr_get_type(a)) {
		case KDNS_A_ZONE_NAME:
			if (!len || len > KDNS_NAME_MAX)
				continue;
			memcpy(zi.apex, mnl_attr_get_payload(a), len);
			named = true;
			break;
		case KDNS_A_ZONE_SERIAL:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				zi.serial = mnl_attr_get_u32(a);
			break;
		case KDNS_A_ZONE_RECORDS:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				zi.records = mnl_attr_get_u32(a);
			break;
		case KDNS_A_ZONE_BYTES:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
				zi.bytes = mnl_attr_get_u64(a);
			break;
		case KDNS_A_ZONE_LOADED:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
				zi.loaded = mnl_attr_get_u64(a);
			break;
		}
	}
	if (!named)
		return MNL_CB_OK;
	if (zs->n % 64 == 0) {
		void *p = realloc(zs->z, (zs->n + 64) * sizeof(*zs->z));

		if (!p)
			return MNL_CB_ERROR;
		zs->z = p;
	}
	zs->z[zs->n++] = zi;
	return MNL_CB_OK;
}

int kdns_req_zones(struct kdns_zone_info **zones, size_t *n)
{
	struct zones zs = { 0 };
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	*zones = NULL;
	*n = 0;
	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_ZONE_GET, NLM_F_DUMP);
	ret = kdns_nl_talk(&nl, nlh, zones_cb, &zs);
	kdns_nl_close(&nl);
	if (ret < 0) {
		free(zs.z);
		return -1;
	}
	*zones = zs.z;
	*n = zs.n;
	return 0;
}

struct load {
	struct kdns_nl nl;
	struct kdns_rrbatch batch;
};

static const char *load_begin(const uint8_t *apex, void *data)
{
	struct load *l = data;
	struct nlmsghdr *nlh = kdns_nl_request(&l->nl, KDNS_CMD_ZONE_BEGIN, 0);

	mnl_attr_put(nlh, KDNS_A_ZONE_NAME, kdns_name_len(apex), apex);
	if (kdns_nl_talk(&l->nl, nlh, NULL, NULL) < 0)
		return "the module refused the zone";
	return NULL;
}

/* The batch's messages go out on the load's socket, in its sequence. */
static int load_send(struct nlmsghdr *nlh, void *data)
{
	struct load *l = data;

	nlh->nlmsg_seq = ++l->nl.seq;
	return kdns_nl_talk(&l->nl, nlh, NULL, NULL) < 0 ? -1 : 0;
}

static const char *load_rr(const struct kdns_rr *rr, void *data)
{
	struct load *l = data;

	return kdns_rrbatch_add(&l->batch, rr);
}

int kdns_req_zone_load(const char *file, const char *origin, struct kdns_zone_info *zi)
{
	static struct load l;	/* its buffers are large */
	struct kdns_zonefile_ops ops = { .begin = load_begin, .rr = load_rr, .data = &l };
	struct kdns_zone *z;
	struct nlmsghdr *nlh;
	int ret = -1;

	if (kdns_nl_open(&l.nl) < 0)
		return -1;
	kdns_rrbatch_init(&l.batch, l.nl.family, load_send, &l);
	/*
	 * Only a zone that builds here is committed; on any error the socket
	 * closes, which abandons the load in the module.
	 */
	z = kdns_zonefile_build_also(file, origin, &ops, stderr);
	if (!z || kdns_rrbatch_flush(&l.batch) < 0)
		goto out;
	nlh = kdns_nl_request(&l.nl, KDNS_CMD_ZONE_COMMIT, 0);
	if (kdns_nl_talk(&l.nl, nlh, NULL, NULL) < 0)
		goto out;
	memset(zi, 0, sizeof(*zi));
	memcpy(zi->apex, z->apex, kdns_name_len(z->apex));
	zi->serial = z->serial;
	zi->records = z->nrecords;
	ret = 0;
out:
	kdns_nl_close(&l.nl);
	if (z)
		kdns_zone_free(z);
	return ret;
}

int kdns_req_zone_del(const uint8_t *apex)
{
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_ZONE_DEL, 0);
	mnl_attr_put(nlh, KDNS_A_ZONE_NAME, kdns_name_len(apex), apex);
	ret = kdns_nl_talk(&nl, nlh, NULL, NULL);
	kdns_nl_close(&nl);
	return ret < 0 ? -1 : 0;
}

struct show {
	struct kdns_show_rr *rrs;
	size_t n, cap;
};

/* One KDNS_A_ZONE_RRS attribute: records of owner, type, class, TTL, RDATA. */
static int show_cb(const struct nlmsghdr *nlh, void *data)
{
	struct show *sh = data;
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		struct kdns_cursor c;

		if (mnl_attr_get_type(a) != KDNS_A_ZONE_RRS)
			continue;
		kdns_cursor_init(&c, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a));
		while (kdns_cursor_left(&c)) {
			struct kdns_show_rr *r;
			struct kdns_rr rr;

			kdns_rr_read(&c, &rr);
			if (c.err)
				return MNL_CB_ERROR;
			if (sh->n == sh->cap) {
				size_t cap = sh->cap ? 2 * sh->cap : 1024;
				void *q = realloc(sh->rrs, cap * sizeof(*sh->rrs));

				if (!q)
					return MNL_CB_ERROR;
				sh->rrs = q;
				sh->cap = cap;
			}
			r = &sh->rrs[sh->n];
			r->owner = malloc(rr.owner_len ? rr.owner_len : 1);
			r->rdata = malloc(rr.rdlen ? rr.rdlen : 1);
			if (!r->owner || !r->rdata) {
				free(r->owner);
				free(r->rdata);
				return MNL_CB_ERROR;
			}
			memcpy(r->owner, rr.owner, rr.owner_len);
			memcpy(r->rdata, rr.rdata, rr.rdlen);
			r->type = rr.type;
			r->ttl = rr.ttl;
			r->rdlen = rr.rdlen;
			sh->n++;
		}
	}
	return MNL_CB_OK;
}

void kdns_show_rrs_free(struct kdns_show_rr *rrs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rrs[i].owner);
		free(rrs[i].rdata);
	}
	free(rrs);
}

int kdns_req_zone_rrs(const uint8_t *apex, struct kdns_show_rr **rrs, size_t *n)
{
	struct show sh = { 0 };
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	*rrs = NULL;
	*n = 0;
	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_ZONE_SHOW, NLM_F_DUMP);
	mnl_attr_put(nlh, KDNS_A_ZONE_NAME, kdns_name_len(apex), apex);
	ret = kdns_nl_talk(&nl, nlh, show_cb, &sh);
	kdns_nl_close(&nl);
	if (ret < 0) {
		kdns_show_rrs_free(sh.rrs, sh.n);
		return -1;
	}
	*rrs = sh.rrs;
	*n = sh.n;
	return 0;
}

struct answer {
	uint8_t *wire;
	size_t len;
};

static int lookup_cb(const struct nlmsghdr *nlh, void *data)
{
	struct answer *a = data;
	struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == KDNS_A_LOOKUP_ANSWER) {
			a->len = mnl_attr_get_payload_len(attr);
			memcpy(a->wire, mnl_attr_get_payload(attr), a->len);
		}
	}
	return MNL_CB_OK;
}

int kdns_req_lookup(const uint8_t *qname, size_t qname_len, uint16_t qtype, bool no_edns,
		    uint8_t *answer, size_t *len)
{
	struct answer a = { .wire = answer };
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_LOOKUP, 0);
	mnl_attr_put(nlh, KDNS_A_LOOKUP_NAME, qname_len, qname);
	mnl_attr_put_u16(nlh, KDNS_A_LOOKUP_TYPE, qtype);
	if (no_edns)
		mnl_attr_put_u32(nlh, KDNS_A_FLAGS, KDNS_F_LOOKUP_NO_EDNS);
	ret = kdns_nl_talk(&nl, nlh, lookup_cb, &a);
	kdns_nl_close(&nl);
	*len = a.len;
	return ret < 0 ? -1 : 0;
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kdns_stats *s = data;
	struct nlattr *attr, *nested;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case KDNS_A_VERSION:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
				snprintf(s->version, sizeof(s->version), "%s",
					 mnl_attr_get_str(attr));
			break;
		case KDNS_A_STATS:
			mnl_attr_for_each_nested(nested, attr) {
				uint16_t type = mnl_attr_get_type(nested);

				/* Counters newer than this kdnsctl are skipped. */
				if (type >= __KDNS_STAT_LAST || type == KDNS_STAT_PAD ||
				    mnl_attr_validate(nested, MNL_TYPE_U64) < 0)
					continue;
				s->v[type] = mnl_attr_get_u64(nested);
				s->seen[type] = true;
			}
			break;
		}
	}
	return MNL_CB_OK;
}

int kdns_req_stats(struct kdns_stats *s, bool reset)
{
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	int ret;

	memset(s, 0, sizeof(*s));
	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_GET_STATS, 0);
	if (reset)
		mnl_attr_put_u32(nlh, KDNS_A_FLAGS, KDNS_F_RESET_STATS);
	ret = kdns_nl_talk(&nl, nlh, stats_cb, s);
	kdns_nl_close(&nl);
	return ret < 0 ? -1 : 0;
}

/* Send the request made in nl, feed the replies to cb, close: 0 or -1. */
static int talk_once(struct kdns_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	int ret = kdns_nl_talk(nl, nlh, cb, data);

	kdns_nl_close(nl);
	return ret < 0 ? -1 : 0;
}

/* A request of cmd without attributes, its replies fed to cb. */
static int simple_request(uint8_t cmd, mnl_cb_t cb, void *data)
{
	struct kdns_nl nl;

	if (kdns_nl_open(&nl) < 0)
		return -1;
	return talk_once(&nl, kdns_nl_request(&nl, cmd, 0), cb, data);
}

/* The reply's first attribute of type (a nest), or NULL. */
static struct nlattr *reply_attr(const struct nlmsghdr *nlh, uint16_t type)
{
	struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(attr) == type)
			return attr;
	return NULL;
}

int kdns_req_rrl_set(const struct kdns_rrl_conf *c)
{
	const struct kdns_rrl_settings *set = &c->set;
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	unsigned int i;

	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_RRL_SET, 0);
	if (c->on) {
		nest = mnl_attr_nest_start(nlh, KDNS_A_RRL);
		mnl_attr_put_u32(nlh, KDNS_RRL_A_RATE, set->rate);
		if (c->given & RRL_GIVEN_WINDOW)
			mnl_attr_put_u32(nlh, KDNS_RRL_A_WINDOW, set->window);
		if (c->given & RRL_GIVEN_SLIP)
			mnl_attr_put_u32(nlh, KDNS_RRL_A_SLIP, set->slip);
		if (c->given & RRL_GIVEN_V4)
			mnl_attr_put_u8(nlh, KDNS_RRL_A_IPV4_PREFIX, set->v4_prefix);
		if (c->given & RRL_GIVEN_V6)
			mnl_attr_put_u8(nlh, KDNS_RRL_A_IPV6_PREFIX, set->v6_prefix);
		if (c->given & RRL_GIVEN_SIZE)
			mnl_attr_put_u32(nlh, KDNS_RRL_A_TABLE_SIZE, 1U << set->size_log);
		for (i = 0; i < set->nallow; i++) {
			const struct kdns_rrl_prefix *p = &set->allow[i];
			uint8_t b[16 + 1];
			size_t n = p->v6 ? 16 : 4;

			memcpy(b, p->addr, n);
			b[n] = p->len;
			mnl_attr_put(nlh, KDNS_RRL_A_EXEMPT, n + 1, b);
		}
		mnl_attr_nest_end(nlh, nest);
	}
	return talk_once(&nl, nlh, NULL, NULL);
}

static int rrl_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr = reply_attr(nlh, KDNS_A_RRL), *a;
	struct kdns_rrl_conf *c = data;
	struct kdns_rrl_settings *set = &c->set;

	if (attr) {
		c->on = true;
		mnl_attr_for_each_nested(a, attr) {
			uint16_t len = mnl_attr_get_payload_len(a);
			const uint8_t *d = mnl_attr_get_payload(a);
			bool u32 = mnl_attr_validate(a, MNL_TYPE_U32) >= 0;
			bool u8 = mnl_attr_validate(a, MNL_TYPE_U8) >= 0;

			switch (mnl_attr_get_type(a)) {
			case KDNS_RRL_A_RATE:
				if (u32)
					set->rate = mnl_attr_get_u32(a);
				break;
			case KDNS_RRL_A_WINDOW:
				if (u32)
					set->window = mnl_attr_get_u32(a);
				break;
			case KDNS_RRL_A_SLIP:
				if (u32)
					set->slip = mnl_attr_get_u32(a);
				break;
			case KDNS_RRL_A_IPV4_PREFIX:
				if (u8)
					set->v4_prefix = mnl_attr_get_u8(a);
				break;
			case KDNS_RRL_A_IPV6_PREFIX:
				if (u8)
					set->v6_prefix = mnl_attr_get_u8(a);
				break;
			case KDNS_RRL_A_TABLE_SIZE:
				if (u32)
					set->size_log = __builtin_ctz(mnl_attr_get_u32(a) | 1U << 31);
				break;
			case KDNS_RRL_A_EXEMPT:
				if ((len != 5 && len != 17) || set->nallow == KDNS_RRL_ALLOW_MAX)
					break;
				set->allow[set->nallow].v6 = len == 17;
				memcpy(set->allow[set->nallow].addr, d, len - 1);
				set->allow[set->nallow++].len = d[len - 1];
				break;
			}
		}
	}
	return MNL_CB_OK;
}

int kdns_req_rrl_get(struct kdns_rrl_conf *c)
{
	memset(c, 0, sizeof(*c));
	return simple_request(KDNS_CMD_RRL_GET, rrl_cb, c);
}

int kdns_req_cookie_set(int enabled, const uint8_t *secret, bool rotate)
{
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_COOKIE_SET, 0);
	nest = mnl_attr_nest_start(nlh, KDNS_A_COOKIE);
	if (enabled >= 0)
		mnl_attr_put_u8(nlh, KDNS_COOKIE_A_ENABLED, enabled);
	if (secret)
		mnl_attr_put(nlh, KDNS_COOKIE_A_SECRET, 16, secret);
	if (rotate)
		mnl_attr_put(nlh, KDNS_COOKIE_A_ROTATE, 0, NULL);
	mnl_attr_nest_end(nlh, nest);
	return talk_once(&nl, nlh, NULL, NULL);
}

static int cookie_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr = reply_attr(nlh, KDNS_A_COOKIE), *a;
	struct kdns_cookie_conf *c = data;

	if (attr) {
		mnl_attr_for_each_nested(a, attr) {
			bool sixteen = mnl_attr_get_payload_len(a) == 16;

			switch (mnl_attr_get_type(a)) {
			case KDNS_COOKIE_A_ENABLED:
				if (mnl_attr_validate(a, MNL_TYPE_U8) >= 0)
					c->enabled = mnl_attr_get_u8(a);
				break;
			case KDNS_COOKIE_A_SECRET:
				if (sixteen)
					memcpy(c->secret, mnl_attr_get_payload(a), 16);
				break;
			case KDNS_COOKIE_A_PREVIOUS:
				if (sixteen) {
					memcpy(c->prev, mnl_attr_get_payload(a), 16);
					c->has_prev = true;
				}
				break;
			}
		}
	}
	return MNL_CB_OK;
}

int kdns_req_cookie_get(struct kdns_cookie_conf *c)
{
	memset(c, 0, sizeof(*c));
	return simple_request(KDNS_CMD_COOKIE_GET, cookie_cb, c);
}

int kdns_req_identity_set(const uint8_t *nsid, size_t nsid_len, const char *id,
			  const char *version, int chaos)
{
	struct kdns_nl nl;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	if (kdns_nl_open(&nl) < 0)
		return -1;
	nlh = kdns_nl_request(&nl, KDNS_CMD_IDENTITY_SET, 0);
	nest = mnl_attr_nest_start(nlh, KDNS_A_IDENTITY);
	if (nsid)
		mnl_attr_put(nlh, KDNS_IDENTITY_A_NSID, nsid_len, nsid);
	if (id)
		mnl_attr_put(nlh, KDNS_IDENTITY_A_ID, strlen(id), id);
	if (version)
		mnl_attr_put(nlh, KDNS_IDENTITY_A_VERSION, strlen(version), version);
	if (chaos >= 0)
		mnl_attr_put_u8(nlh, KDNS_IDENTITY_A_CHAOS, chaos);
	mnl_attr_nest_end(nlh, nest);
	return talk_once(&nl, nlh, NULL, NULL);
}

static int identity_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr = reply_attr(nlh, KDNS_A_IDENTITY), *a;
	struct kdns_identity_conf *c = data;

	if (attr) {
		mnl_attr_for_each_nested(a, attr) {
			size_t len = mnl_attr_get_payload_len(a);
			const void *d = mnl_attr_get_payload(a);

			switch (mnl_attr_get_type(a)) {
			case KDNS_IDENTITY_A_NSID:
				if (len <= sizeof(c->nsid)) {
					memcpy(c->nsid, d, len);
					c->nsid_len = len;
				}
				break;
			case KDNS_IDENTITY_A_ID:
				if (len < sizeof(c->id))
					memcpy(c->id, d, len);
				break;
			case KDNS_IDENTITY_A_VERSION:
				if (len < sizeof(c->version))
					memcpy(c->version, d, len);
				break;
			case KDNS_IDENTITY_A_CHAOS:
				if (mnl_attr_validate(a, MNL_TYPE_U8) >= 0)
					c->chaos = mnl_attr_get_u8(a);
				break;
			}
		}
	}
	return MNL_CB_OK;
}

int kdns_req_identity_get(struct kdns_identity_conf *c)
{
	memset(c, 0, sizeof(*c));
	return simple_request(KDNS_CMD_IDENTITY_GET, identity_cb, c);
}
