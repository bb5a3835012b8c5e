// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "kdns": the control plane. The protocol is
 * described in include/uapi/linux/kdns.h.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "netns.h"
#include "netlink.h"
#include "load.h"

static struct genl_family kdns_genl_family;

/*
 * One policy per command, holding the attributes its request may carry and
 * nothing else. Every command is validated strictly (resv_start_op 0): any
 * other attribute is refused ("Unsupported attribute", or "Unknown attribute
 * type" past the policy's end), the extack pointing at it. A command without
 * a policy (ZONE_COMMIT, ZONE_GET) takes no attribute at all: genetlink
 * rejects every one. Documentation/netlink/specs/kdns.yaml lists each
 * command's request attributes; tests/netlink-spec-check compares.
 */
static const struct nla_policy kdns_get_stats_policy[KDNS_A_FLAGS + 1] = {
	[KDNS_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, __KDNS_F_ALL),
};

static const struct nla_policy kdns_zone_name_policy[KDNS_A_ZONE_NAME + 1] = {
	[KDNS_A_ZONE_NAME]	= { .type = NLA_BINARY, .len = KDNS_NAME_MAX },
};

static const struct nla_policy kdns_zone_add_policy[KDNS_A_ZONE_RRS + 1] = {
	[KDNS_A_ZONE_RRS]	= { .type = NLA_BINARY },
};

static const struct nla_policy kdns_lookup_policy[KDNS_A_LOOKUP_TYPE + 1] = {
	[KDNS_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, __KDNS_F_ALL),
	[KDNS_A_LOOKUP_NAME]	= { .type = NLA_BINARY, .len = KDNS_NAME_MAX },
	[KDNS_A_LOOKUP_TYPE]	= { .type = NLA_U16 },
};

/* Not const: 6.1's policy points at a mutable one. */
static struct netlink_range_validation kdns_rrl_rate_range = {
	.min = 1, .max = KDNS_RRL_RATE_MAX,
};

static struct netlink_range_validation kdns_rrl_size_range = {
	.min = 1U << KDNS_RRL_SIZE_MIN_LOG, .max = 1U << KDNS_RRL_SIZE_MAX_LOG,
};

static const struct nla_policy kdns_rrl_policy[KDNS_RRL_A_MAX + 1] = {
	[KDNS_RRL_A_RATE]	= NLA_POLICY_FULL_RANGE(NLA_U32, &kdns_rrl_rate_range),
	[KDNS_RRL_A_WINDOW]	= NLA_POLICY_RANGE(NLA_U32, 1, KDNS_RRL_WINDOW_MAX),
	[KDNS_RRL_A_SLIP]	= NLA_POLICY_MAX(NLA_U32, KDNS_RRL_SLIP_MAX),
	[KDNS_RRL_A_IPV4_PREFIX] = NLA_POLICY_RANGE(NLA_U8, KDNS_RRL_V4_MIN, 32),
	[KDNS_RRL_A_IPV6_PREFIX] = NLA_POLICY_RANGE(NLA_U8, KDNS_RRL_V6_MIN, KDNS_RRL_V6_MAX),
	[KDNS_RRL_A_TABLE_SIZE]	= NLA_POLICY_FULL_RANGE(NLA_U32, &kdns_rrl_size_range),
	[KDNS_RRL_A_EXEMPT]	= { .type = NLA_BINARY, .len = 16 + 1 },
};

static const struct nla_policy kdns_rrl_set_policy[KDNS_A_RRL + 1] = {
	[KDNS_A_RRL]		= NLA_POLICY_NESTED(kdns_rrl_policy),
};

static const struct nla_policy kdns_cookie_policy[KDNS_COOKIE_A_MAX + 1] = {
	[KDNS_COOKIE_A_ENABLED]	= NLA_POLICY_MAX(NLA_U8, 1),
	[KDNS_COOKIE_A_SECRET]	= NLA_POLICY_EXACT_LEN(KDNS_COOKIE_SECRET),
	[KDNS_COOKIE_A_ROTATE]	= { .type = NLA_FLAG },
	/* In replies only. */
	[KDNS_COOKIE_A_PREVIOUS] = { .type = NLA_REJECT },
};

static const struct nla_policy kdns_cookie_set_policy[KDNS_A_COOKIE + 1] = {
	[KDNS_A_COOKIE]		= NLA_POLICY_NESTED(kdns_cookie_policy),
};

static const struct nla_policy kdns_identity_policy[KDNS_IDENTITY_A_MAX + 1] = {
	[KDNS_IDENTITY_A_NSID]	= { .type = NLA_BINARY, .len = KDNS_NSID_MAX },
	[KDNS_IDENTITY_A_ID]	= { .type = NLA_BINARY, .len = KDNS_CHAOS_TXT_MAX },
	[KDNS_IDENTITY_A_VERSION] = { .type = NLA_BINARY, .len = KDNS_CHAOS_TXT_MAX },
	[KDNS_IDENTITY_A_CHAOS]	= NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy kdns_identity_set_policy[KDNS_A_IDENTITY + 1] = {
	[KDNS_A_IDENTITY]	= NLA_POLICY_NESTED(kdns_identity_policy),
};

/*
 * The commands that change or read a namespace's zones and loads run under
 * its lock (kdns_net.lock), taken and released around their doit here: the
 * lock is per namespace, so a large commit in one holds up no other
 * (.parallel_ops: no genl_mutex).
 */
#define KDNS_NL_LOCKED		BIT(0)

static int kdns_pre_doit(const struct kdns_genl_doit_ops *ops, struct sk_buff *skb,
			 struct genl_info *info)
{
	if (ops->internal_flags & KDNS_NL_LOCKED)
		mutex_lock(&kdns_net(genl_info_net(info))->lock);
	return 0;
}

static void kdns_post_doit(const struct kdns_genl_doit_ops *ops, struct sk_buff *skb,
			   struct genl_info *info)
{
	if (ops->internal_flags & KDNS_NL_LOCKED)
		mutex_unlock(&kdns_net(genl_info_net(info))->lock);
}

static int kdns_put_stats(struct sk_buff *skb, const u64 *v)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, KDNS_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = KDNS_STAT_PAD + 1; i < __KDNS_STAT_LAST; i++) {
		if (nla_put_u64_64bit(skb, i, v[i], KDNS_STAT_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int kdns_nl_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct kdns_net *kn = kdns_net(genl_info_net(info));
	u64 v[__KDNS_STAT_LAST];
	struct sk_buff *msg;
	u32 flags = 0;
	void *hdr;
	int err;

	if (info->attrs[KDNS_A_FLAGS])
		flags = nla_get_u32(info->attrs[KDNS_A_FLAGS]);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &kdns_genl_family, 0, KDNS_CMD_GET_STATS);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}

	kdns_stats_read(kn, v);
	if (flags & KDNS_F_RESET_STATS)
		kdns_stats_reset(kn);

	err = nla_put_string(msg, KDNS_A_VERSION, KDNS_VERSION);
	if (!err)
		err = kdns_put_stats(msg, v);
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static int kdns_nl_zone_begin(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *name = info->attrs[KDNS_A_ZONE_NAME];

	if (!name) {
		NL_SET_ERR_MSG(info->extack, "KDNS_A_ZONE_NAME is missing");
		return -EINVAL;
	}
	return kdns_load_begin(kdns_net(genl_info_net(info)), NETLINK_CB(skb).sk,
			       info->snd_portid, nla_data(name), nla_len(name), info->extack);
}

static int kdns_nl_zone_add(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *rrs = info->attrs[KDNS_A_ZONE_RRS];

	if (!rrs) {
		NL_SET_ERR_MSG(info->extack, "KDNS_A_ZONE_RRS is missing");
		return -EINVAL;
	}
	return kdns_load_add(kdns_net(genl_info_net(info)), NETLINK_CB(skb).sk,
			     info->snd_portid, rrs, info->extack);
}

static int kdns_nl_zone_commit(struct sk_buff *skb, struct genl_info *info)
{
	return kdns_load_commit(kdns_net(genl_info_net(info)), NETLINK_CB(skb).sk,
				info->snd_portid, info->extack);
}

static int kdns_nl_zone_del(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *name = info->attrs[KDNS_A_ZONE_NAME];

	if (!name) {
		NL_SET_ERR_MSG(info->extack, "KDNS_A_ZONE_NAME is missing");
		return -EINVAL;
	}
	return kdns_unload(kdns_net(genl_info_net(info)), nla_data(name), nla_len(name),
			   info->extack);
}

static int kdns_put_zone(struct sk_buff *skb, const struct kdns_zone *z)
{
	if (nla_put(skb, KDNS_A_ZONE_NAME, z->apex_len, z->apex) ||
	    nla_put_u32(skb, KDNS_A_ZONE_SERIAL, z->serial) ||
	    nla_put_u32(skb, KDNS_A_ZONE_RECORDS, z->nrecords) ||
	    nla_put_u64_64bit(skb, KDNS_A_ZONE_BYTES, z->bytes, KDNS_A_PAD) ||
	    nla_put_u64_64bit(skb, KDNS_A_ZONE_LOADED, z->loaded, KDNS_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/*
 * One message per zone; cb->args[0] is the next slot of the zone set. A set
 * replaced between two parts of a dump may make it miss or repeat a zone.
 */
static int kdns_nl_zone_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kdns_net *kn = kdns_net(sock_net(skb->sk));
	const struct kdns_zoneset *zs;
	unsigned long i;

	rcu_read_lock();
	zs = rcu_dereference(kn->zones);
	for (i = cb->args[0]; zs && i <= zs->hmask; i++) {
		const struct kdns_zone *z = zs->slots[i];
		void *hdr;

		if (!z)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &kdns_genl_family, NLM_F_MULTI, KDNS_CMD_ZONE_GET);
		if (!hdr)
			break;
		if (kdns_put_zone(skb, z)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = i;
	return skb->len;
}

/*
 * The query a client would send for name (from the request: checked here),
 * in buf[KDNS_QUERY_MAX]; returns its length, or 0 if name is not a name.
 */
static size_t kdns_lookup_query(u8 *buf, const struct nlattr *name, u16 type, bool edns)
{
	const struct kdns_hdr h = { .qdcount = 1, .arcount = edns };
	struct kdns_writer w;
	u8 tmp[KDNS_NAME_MAX];

	if (!kdns_read_name_all(nla_data(name), nla_len(name), tmp))
		return 0;
	kdns_writer_init(&w, buf, KDNS_QUERY_MAX);
	kdns_write_hdr(&w, &h);
	kdns_write_bytes(&w, nla_data(name), nla_len(name));
	kdns_write_u16(&w, type);
	kdns_write_u16(&w, KDNS_CLASS_IN);
	if (edns)
		kdns_write_opt(&w, KDNS_EDNS_MAX_PAYLOAD, 0, 0, 0);
	return w.overflow ? 0 : w.pos;
}

static int kdns_nl_lookup(struct sk_buff *skb, struct genl_info *info)
{
	struct kdns_net *kn = kdns_net(genl_info_net(info));
	const struct nlattr *name = info->attrs[KDNS_A_LOOKUP_NAME];
	struct kdns_answer_info ainfo;
	struct kdns_work *work;
	struct sk_buff *msg;
	size_t qlen, alen = 0;
	u32 flags = 0;
	bool answered;
	void *hdr;
	int err;

	if (!name || !info->attrs[KDNS_A_LOOKUP_TYPE]) {
		NL_SET_ERR_MSG(info->extack, "KDNS_A_LOOKUP_NAME and KDNS_A_LOOKUP_TYPE are required");
		return -EINVAL;
	}
	if (info->attrs[KDNS_A_FLAGS])
		flags = nla_get_u32(info->attrs[KDNS_A_FLAGS]);
	/* Process context: the working memory comes from the heap, not a CPU's. */
	work = kmalloc(sizeof(*work), GFP_KERNEL);
	if (!work)
		return -ENOMEM;
	work->scratch.ctx = NULL;	/* no client: no cookies */
	qlen = kdns_lookup_query(work->query, name, nla_get_u16(info->attrs[KDNS_A_LOOKUP_TYPE]),
				 !(flags & KDNS_F_LOOKUP_NO_EDNS));
	if (!qlen) {
		NL_SET_ERR_MSG_ATTR(info->extack, name,
				    "KDNS_A_LOOKUP_NAME: not a valid name in wire form");
		err = -EINVAL;
		goto out;
	}
	rcu_read_lock();
	answered = kdns_answer(rcu_dereference(kn->zones), &work->scratch, work->query, qlen,
			       work->answer, sizeof(work->answer), &alen, &ainfo) == KDNS_ANSWERED;
	rcu_read_unlock();
	if (!answered) {
		NL_SET_ERR_MSG(info->extack, "kdns would pass this query on (no zone has the name)");
		err = -ENOENT;
		goto out;
	}
	err = -ENOMEM;
	msg = genlmsg_new(nla_total_size(alen), GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &kdns_genl_family, 0, KDNS_CMD_LOOKUP);
	if (!hdr || nla_put(msg, KDNS_A_LOOKUP_ANSWER, alen, work->answer)) {
		nlmsg_free(msg);
		err = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	kfree(work);
	return err;
}

/*
 * The zone a ZONE_SHOW dump is about, under rcu_read_lock(), or an ERR_PTR.
 * cb->args[3] holds the zone's generation once the dump has begun: a zone
 * unloaded and loaded again between two parts of the dump is another
 * generation (its struct may well lie at the old one's address), and the
 * dump ends with EAGAIN rather than apply one zone's position to another.
 */
static const struct kdns_zone *kdns_show_zone(struct netlink_callback *cb, struct kdns_net *kn)
{
	const struct nlattr *name = KDNS_DUMP_ATTRS(cb)[KDNS_A_ZONE_NAME];
	const struct kdns_zone *z;
	u8 lapex[KDNS_NAME_MAX];

	if (!name) {
		NL_SET_ERR_MSG(cb->extack, "KDNS_A_ZONE_NAME is missing");
		return ERR_PTR(-EINVAL);
	}
	if (!kdns_read_name_all(nla_data(name), nla_len(name), lapex)) {
		NL_SET_ERR_MSG(cb->extack, "KDNS_A_ZONE_NAME: not a valid name in wire form");
		return ERR_PTR(-EINVAL);
	}
	kdns_name_lower(lapex);
	z = kdns_zoneset_get(rcu_dereference(kn->zones), lapex, kdns_name_hash(lapex));
	if (!z) {
		NL_SET_ERR_MSG(cb->extack, "no such zone");
		return ERR_PTR(-ENOENT);
	}
	if (cb->args[3] && cb->args[3] != z->generation) {
		NL_SET_ERR_MSG(cb->extack, "the zone was replaced during the dump");
		return ERR_PTR(-EAGAIN);
	}
	cb->args[3] = z->generation;
	return z;
}

/*
 * A zone's records, for kdnsctl zone show: each message of the dump carries
 * as many records as fit in one KDNS_A_ZONE_RRS, in the format of ZONE_ADD.
 * cb->args[0..2] hold the iterator's position (node, RRset, record).
 */
static int kdns_nl_zone_show(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kdns_net *kn = kdns_net(sock_net(skb->sk));
	const struct kdns_zone *z;
	struct kdns_zone_iter it;
	struct kdns_rr rr;
	struct nlattr *rrs;
	bool wrote = false;
	void *hdr;
	int err;

	rcu_read_lock();
	z = kdns_show_zone(cb, kn);
	err = PTR_ERR_OR_ZERO(z);
	if (err)
		goto out;
	kdns_zone_iter_seek(&it, z, cb->args[0], cb->args[1], cb->args[2]);
	if (!kdns_zone_iter_get(&it, &rr))
		goto out;		/* the end: no more messages */
	err = -EMSGSIZE;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &kdns_genl_family, NLM_F_MULTI, KDNS_CMD_ZONE_SHOW);
	if (!hdr)
		goto out;
	rrs = nla_reserve(skb, KDNS_A_ZONE_RRS, 0);
	if (!rrs)
		goto cancel;
	/* Room kept for the attribute's padding; its length is 16 bits. */
	do {
		if (skb_tailroom(skb) < kdns_rr_size(&rr) + NLA_ALIGNTO ||
		    skb_tail_pointer(skb) - (u8 *)rrs + kdns_rr_size(&rr) > U16_MAX - NLA_ALIGNTO)
			break;
		kdns_rr_put(__skb_put(skb, kdns_rr_size(&rr)), &rr);
		wrote = true;
		kdns_zone_iter_next(&it);
	} while (kdns_zone_iter_get(&it, &rr));
	if (!wrote) {
		/* Not even one record fits in a dump message: no progress possible. */
		NL_SET_ERR_MSG(cb->extack, "a record is too large for a dump message");
		goto cancel;
	}
	rrs->nla_len = skb_tail_pointer(skb) - (u8 *)rrs;
	skb_put_zero(skb, nla_padlen(nla_len(rrs)));
	genlmsg_end(skb, hdr);
	cb->args[0] = it.node;
	cb->args[1] = it.rrset;
	cb->args[2] = it.rec;
	err = skb->len;
	goto out;
cancel:
	genlmsg_cancel(skb, hdr);
out:
	rcu_read_unlock();
	return err;
}

/* Defaults of the settings a request leaves out (kdns(4), RATE LIMITING). */
#define KDNS_RRL_DEFAULT_WINDOW		4
#define KDNS_RRL_DEFAULT_SLIP		2
#define KDNS_RRL_DEFAULT_V4		24
#define KDNS_RRL_DEFAULT_V6		56
#define KDNS_RRL_DEFAULT_SIZE_LOG	20

/* An exempt prefix: an address of 4 or 16 bytes, then its length. */
static int kdns_rrl_exempt_parse(const struct nlattr *a, struct kdns_rrl_prefix *p,
				 struct netlink_ext_ack *extack)
{
	const u8 *d = nla_data(a);

	if (nla_len(a) != 4 + 1 && nla_len(a) != 16 + 1) {
		NL_SET_ERR_MSG_ATTR(extack, a, "KDNS_RRL_A_EXEMPT: not 4 or 16 bytes and a length");
		return -EINVAL;
	}
	p->v6 = nla_len(a) == 16 + 1;
	p->len = d[nla_len(a) - 1];
	if (p->len > (p->v6 ? 128 : 32)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "KDNS_RRL_A_EXEMPT: prefix length out of range");
		return -EINVAL;
	}
	memcpy(p->addr, d, nla_len(a) - 1);
	return 0;
}

/* The settings from a KDNS_A_RRL the policy checked, with the defaults. */
static int kdns_rrl_settings_parse(const struct nlattr *nest, struct kdns_rrl_settings *set,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KDNS_RRL_A_MAX + 1];
	const struct nlattr *a;
	int err, rem;

	err = nla_parse_nested(tb, KDNS_RRL_A_MAX, nest, kdns_rrl_policy, extack);
	if (err)
		return err;
	if (!tb[KDNS_RRL_A_RATE]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "KDNS_RRL_A_RATE is missing");
		return -EINVAL;
	}
	set->rate = nla_get_u32(tb[KDNS_RRL_A_RATE]);
	set->window = tb[KDNS_RRL_A_WINDOW] ? nla_get_u32(tb[KDNS_RRL_A_WINDOW]) :
		      KDNS_RRL_DEFAULT_WINDOW;
	set->slip = tb[KDNS_RRL_A_SLIP] ? nla_get_u32(tb[KDNS_RRL_A_SLIP]) :
		    KDNS_RRL_DEFAULT_SLIP;
	set->v4_prefix = tb[KDNS_RRL_A_IPV4_PREFIX] ? nla_get_u8(tb[KDNS_RRL_A_IPV4_PREFIX]) :
			 KDNS_RRL_DEFAULT_V4;
	set->v6_prefix = tb[KDNS_RRL_A_IPV6_PREFIX] ? nla_get_u8(tb[KDNS_RRL_A_IPV6_PREFIX]) :
			 KDNS_RRL_DEFAULT_V6;
	set->size_log = KDNS_RRL_DEFAULT_SIZE_LOG;
	if (tb[KDNS_RRL_A_TABLE_SIZE]) {
		u32 size = nla_get_u32(tb[KDNS_RRL_A_TABLE_SIZE]);

		if (!is_power_of_2(size)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[KDNS_RRL_A_TABLE_SIZE],
					    "KDNS_RRL_A_TABLE_SIZE: not a power of two");
			return -EINVAL;
		}
		set->size_log = ilog2(size);
	}
	if ((u64)set->rate * set->window > KDNS_RRL_TOKENS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KDNS_RRL_A_WINDOW] ?: tb[KDNS_RRL_A_RATE],
				    "KDNS_RRL_A_RATE times KDNS_RRL_A_WINDOW is over 1048575");
		return -EINVAL;
	}
	set->nallow = 0;
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != KDNS_RRL_A_EXEMPT)
			continue;
		if (set->nallow == KDNS_RRL_ALLOW_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a, "KDNS_RRL_A_EXEMPT: more than 64 prefixes");
			return -EINVAL;
		}
		err = kdns_rrl_exempt_parse(a, &set->allow[set->nallow++], extack);
		if (err)
			return err;
	}
	return 0;
}

/*
 * RRL on with new settings and an empty table, or off. The old table is
 * freed once no hook can be using it.
 */
static int kdns_nl_rrl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kdns_net *kn = kdns_net(genl_info_net(info));
	struct kdns_rrl *rrl = NULL, *old;
	struct kdns_rrl_settings *set;
	const char *why;
	u8 key[16];
	int err = 0, charged = 0;

	if (info->attrs[KDNS_A_RRL]) {
		set = kzalloc(sizeof(*set), GFP_KERNEL);
		if (!set)
			return -ENOMEM;
		err = kdns_rrl_settings_parse(info->attrs[KDNS_A_RRL], set, info->extack);
		if (!err) {
			old = rcu_dereference_protected(kn->rrl, lockdep_is_held(&kn->lock));
			charged = kdns_mem_charge(kn, kdns_rrl_bytes(set->size_log),
						  old ? kdns_rrl_bytes(old->set.size_log) : 0);
		}
		if (!err && charged == KDNS_MEM_NS_LIMIT) {
			NL_SET_ERR_MSG(info->extack,
				       "the table is over the namespace's memory limit (mem_limit, with its zones)");
			err = -ENOSPC;
		} else if (!err && charged) {
			NL_SET_ERR_MSG(info->extack,
				       "kdns's memory limit for all namespaces (total_mem_limit) is reached");
			err = -ENOSPC;
		} else if (!err) {
			get_random_bytes(key, sizeof(key));
			rrl = kdns_rrl_new(set, key, &why);
			memzero_explicit(key, sizeof(key));
			if (!rrl) {
				/* The settings were checked: only memory is left. */
				kdns_mem_uncharge(kn, kdns_rrl_bytes(set->size_log));
				NL_SET_ERR_MSG(info->extack, "no memory for the rate-limiting table");
				err = -ENOMEM;
			}
		}
		kfree(set);
		if (err)
			return err;
	}
	old = rcu_replace_pointer(kn->rrl, rrl, lockdep_is_held(&kn->lock));
	if (old) {
		synchronize_rcu();
		kdns_rrl_release(kn, old);
	}
	return 0;
}

/*
 * The reply to a GET of settings: put() adds them to the message (under
 * kn->lock, as the command runs).
 */
static int kdns_nl_reply(struct genl_info *info, u8 cmd,
			 int (*put)(struct sk_buff *msg, struct kdns_net *kn))
{
	struct sk_buff *msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	void *hdr;

	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &kdns_genl_family, 0, cmd);
	if (!hdr || put(msg, kdns_net(genl_info_net(info)))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int kdns_put_rrl(struct sk_buff *msg, struct kdns_net *kn)
{
	const struct kdns_rrl *rrl = rcu_dereference_protected(kn->rrl,
							       lockdep_is_held(&kn->lock));
	const struct kdns_rrl_settings *set;
	struct nlattr *nest;
	unsigned int i;

	if (!rrl)
		return 0;	/* off: no KDNS_A_RRL */
	set = &rrl->set;
	nest = nla_nest_start(msg, KDNS_A_RRL);
	if (!nest ||
	    nla_put_u32(msg, KDNS_RRL_A_RATE, set->rate) ||
	    nla_put_u32(msg, KDNS_RRL_A_WINDOW, set->window) ||
	    nla_put_u32(msg, KDNS_RRL_A_SLIP, set->slip) ||
	    nla_put_u8(msg, KDNS_RRL_A_IPV4_PREFIX, set->v4_prefix) ||
	    nla_put_u8(msg, KDNS_RRL_A_IPV6_PREFIX, set->v6_prefix) ||
	    nla_put_u32(msg, KDNS_RRL_A_TABLE_SIZE, 1U << set->size_log))
		return -EMSGSIZE;
	for (i = 0; i < set->nallow; i++) {
		const struct kdns_rrl_prefix *p = &set->allow[i];
		u8 b[16 + 1];
		size_t n = p->v6 ? 16 : 4;

		memcpy(b, p->addr, n);
		b[n] = p->len;
		if (nla_put(msg, KDNS_RRL_A_EXEMPT, n + 1, b))
			return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int kdns_nl_rrl_get(struct sk_buff *skb, struct genl_info *info)
{
	return kdns_nl_reply(info, KDNS_CMD_RRL_GET, kdns_put_rrl);
}

/*
 * Cookies on or off, a new secret given or drawn (the current one kept as
 * the previous: its cookies stay good until they expire); the settings
 * replace the old ones whole, the old wiped and freed after a grace period.
 */
static int kdns_nl_cookie_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kdns_net *kn = kdns_net(genl_info_net(info));
	struct nlattr *tb[KDNS_COOKIE_A_MAX + 1];
	struct kdns_cookies *old, *ck;
	int err;

	if (!info->attrs[KDNS_A_COOKIE]) {
		NL_SET_ERR_MSG(info->extack, "KDNS_A_COOKIE is missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, KDNS_COOKIE_A_MAX, info->attrs[KDNS_A_COOKIE],
			       kdns_cookie_policy, info->extack);
	if (err)
		return err;
	if (tb[KDNS_COOKIE_A_SECRET] && tb[KDNS_COOKIE_A_ROTATE]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[KDNS_COOKIE_A_ROTATE],
				    "KDNS_COOKIE_A_ROTATE: not with KDNS_COOKIE_A_SECRET");
		return -EINVAL;
	}
	old = rcu_dereference_protected(kn->cookies, lockdep_is_held(&kn->lock));
	ck = kmemdup(old, sizeof(*old), GFP_KERNEL_ACCOUNT);
	if (!ck)
		return -ENOMEM;
	if (tb[KDNS_COOKIE_A_ENABLED])
		ck->enabled = nla_get_u8(tb[KDNS_COOKIE_A_ENABLED]);
	/*
	 * A new secret: the one in use becomes the previous one. The secret
	 * already in use changes nothing, so that the service's reload of its
	 * file keeps the previous secret good.
	 */
	if ((tb[KDNS_COOKIE_A_SECRET] &&
	     memcmp(nla_data(tb[KDNS_COOKIE_A_SECRET]), ck->cur, sizeof(ck->cur))) ||
	    tb[KDNS_COOKIE_A_ROTATE]) {
		memcpy(ck->prev, ck->cur, sizeof(ck->prev));
		ck->has_prev = true;
		if (tb[KDNS_COOKIE_A_SECRET])
			nla_memcpy(ck->cur, tb[KDNS_COOKIE_A_SECRET], sizeof(ck->cur));
		else
			get_random_bytes(ck->cur, sizeof(ck->cur));
	}
	kdns_cookies_keys(ck);
	rcu_assign_pointer(kn->cookies, ck);
	synchronize_rcu();
	kfree_sensitive(old);
	return 0;
}

static int kdns_put_cookies(struct sk_buff *msg, struct kdns_net *kn)
{
	const struct kdns_cookies *ck = rcu_dereference_protected(kn->cookies,
								  lockdep_is_held(&kn->lock));
	struct nlattr *nest = nla_nest_start(msg, KDNS_A_COOKIE);

	if (!nest || nla_put_u8(msg, KDNS_COOKIE_A_ENABLED, ck->enabled) ||
	    nla_put(msg, KDNS_COOKIE_A_SECRET, sizeof(ck->cur), ck->cur) ||
	    (ck->has_prev && nla_put(msg, KDNS_COOKIE_A_PREVIOUS, sizeof(ck->prev), ck->prev)))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int kdns_nl_cookie_get(struct sk_buff *skb, struct genl_info *info)
{
	return kdns_nl_reply(info, KDNS_CMD_COOKIE_GET, kdns_put_cookies);
}

/* The settings given replace theirs; the old identity is freed after a grace period. */
static int kdns_nl_identity_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kdns_net *kn = kdns_net(genl_info_net(info));
	struct nlattr *tb[KDNS_IDENTITY_A_MAX + 1];
	struct kdns_identity *old, *id;
	int err;

	if (!info->attrs[KDNS_A_IDENTITY]) {
		NL_SET_ERR_MSG(info->extack, "KDNS_A_IDENTITY is missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, KDNS_IDENTITY_A_MAX, info->attrs[KDNS_A_IDENTITY],
			       kdns_identity_policy, info->extack);
	if (err)
		return err;
	old = rcu_dereference_protected(kn->ident, lockdep_is_held(&kn->lock));
	id = kmemdup(old, sizeof(*old), GFP_KERNEL_ACCOUNT);
	if (!id)
		return -ENOMEM;
	if (tb[KDNS_IDENTITY_A_NSID])
		id->nsid_len = nla_memcpy(id->nsid, tb[KDNS_IDENTITY_A_NSID], sizeof(id->nsid));
	if (tb[KDNS_IDENTITY_A_ID])
		id->id_len = nla_memcpy(id->id, tb[KDNS_IDENTITY_A_ID], sizeof(id->id));
	if (tb[KDNS_IDENTITY_A_VERSION])
		id->version_len = nla_memcpy(id->version, tb[KDNS_IDENTITY_A_VERSION],
					     sizeof(id->version));
	if (tb[KDNS_IDENTITY_A_CHAOS])
		id->chaos = nla_get_u8(tb[KDNS_IDENTITY_A_CHAOS]);
	rcu_assign_pointer(kn->ident, id);
	synchronize_rcu();
	kfree(old);
	return 0;
}

static int kdns_put_identity(struct sk_buff *msg, struct kdns_net *kn)
{
	const struct kdns_identity *id = rcu_dereference_protected(kn->ident,
								   lockdep_is_held(&kn->lock));
	struct nlattr *nest = nla_nest_start(msg, KDNS_A_IDENTITY);

	if (!nest || nla_put(msg, KDNS_IDENTITY_A_NSID, id->nsid_len, id->nsid) ||
	    nla_put(msg, KDNS_IDENTITY_A_ID, id->id_len, id->id) ||
	    nla_put(msg, KDNS_IDENTITY_A_VERSION, id->version_len, id->version) ||
	    nla_put_u8(msg, KDNS_IDENTITY_A_CHAOS, id->chaos))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int kdns_nl_identity_get(struct sk_buff *skb, struct genl_info *info)
{
	return kdns_nl_reply(info, KDNS_CMD_IDENTITY_GET, kdns_put_identity);
}

static const struct genl_ops kdns_genl_ops[] = {
	{
		.cmd = KDNS_CMD_GET_STATS,
		.doit = kdns_nl_get_stats,
		.policy = kdns_get_stats_policy,
		.maxattr = ARRAY_SIZE(kdns_get_stats_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_ZONE_BEGIN,
		.doit = kdns_nl_zone_begin,
		.policy = kdns_zone_name_policy,
		.maxattr = ARRAY_SIZE(kdns_zone_name_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_ZONE_ADD,
		.doit = kdns_nl_zone_add,
		.policy = kdns_zone_add_policy,
		.maxattr = ARRAY_SIZE(kdns_zone_add_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_ZONE_COMMIT,
		.doit = kdns_nl_zone_commit,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_ZONE_DEL,
		.doit = kdns_nl_zone_del,
		.policy = kdns_zone_name_policy,
		.maxattr = ARRAY_SIZE(kdns_zone_name_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_ZONE_GET,
		.dumpit = kdns_nl_zone_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		/* Under RCU, like the hook: no lock. */
		.cmd = KDNS_CMD_LOOKUP,
		.doit = kdns_nl_lookup,
		.policy = kdns_lookup_policy,
		.maxattr = ARRAY_SIZE(kdns_lookup_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KDNS_CMD_ZONE_SHOW,
		.dumpit = kdns_nl_zone_show,
		.policy = kdns_zone_name_policy,
		.maxattr = ARRAY_SIZE(kdns_zone_name_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = KDNS_CMD_RRL_SET,
		.doit = kdns_nl_rrl_set,
		.policy = kdns_rrl_set_policy,
		.maxattr = ARRAY_SIZE(kdns_rrl_set_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_RRL_GET,
		.doit = kdns_nl_rrl_get,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_COOKIE_SET,
		.doit = kdns_nl_cookie_set,
		.policy = kdns_cookie_set_policy,
		.maxattr = ARRAY_SIZE(kdns_cookie_set_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_COOKIE_GET,
		.doit = kdns_nl_cookie_get,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_IDENTITY_SET,
		.doit = kdns_nl_identity_set,
		.policy = kdns_identity_set_policy,
		.maxattr = ARRAY_SIZE(kdns_identity_set_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
	{
		.cmd = KDNS_CMD_IDENTITY_GET,
		.doit = kdns_nl_identity_get,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = KDNS_NL_LOCKED,
	},
};

static struct genl_family kdns_genl_family __ro_after_init = {
	.name = KDNS_GENL_NAME,
	.version = KDNS_GENL_VERSION,
	.netnsok = true,
	/* No genl_mutex: see KDNS_NL_LOCKED. */
	.parallel_ops = true,
	.pre_doit = kdns_pre_doit,
	.post_doit = kdns_post_doit,
	.module = THIS_MODULE,
	.ops = kdns_genl_ops,
	.n_ops = ARRAY_SIZE(kdns_genl_ops),
	/* Every command strict, the header's reserved field checked too. */
	.resv_start_op = 0,
};

int __init kdns_genl_init(void)
{
	return genl_register_family(&kdns_genl_family);
}

void kdns_genl_exit(void)
{
	genl_unregister_family(&kdns_genl_family);
}
