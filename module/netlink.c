// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "kdns": the control plane. The protocol is
 * described in include/uapi/linux/kdns.h.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "kdns.h"
#include "netlink.h"

static struct genl_family kdns_genl_family;

static const struct nla_policy kdns_policy[KDNS_A_MAX + 1] = {
	[KDNS_A_VERSION]	= { .type = NLA_REJECT },
	[KDNS_A_FLAGS]		= NLA_POLICY_MASK(NLA_U32, __KDNS_F_ALL),
	[KDNS_A_STATS]		= { .type = NLA_REJECT },
};

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

	mutex_lock(&kn->lock);
	kdns_stats_read(kn, v);
	if (flags & KDNS_F_RESET_STATS)
		kdns_stats_reset(kn);
	mutex_unlock(&kn->lock);

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

static const struct genl_ops kdns_genl_ops[] = {
	{
		.cmd = KDNS_CMD_GET_STATS,
		.doit = kdns_nl_get_stats,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family kdns_genl_family __ro_after_init = {
	.name = KDNS_GENL_NAME,
	.version = KDNS_GENL_VERSION,
	.maxattr = KDNS_A_MAX,
	.policy = kdns_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = kdns_genl_ops,
	.n_ops = ARRAY_SIZE(kdns_genl_ops),
	.resv_start_op = KDNS_CMD_MAX + 1,
};

int __init kdns_genl_init(void)
{
	return genl_register_family(&kdns_genl_family);
}

void kdns_genl_exit(void)
{
	genl_unregister_family(&kdns_genl_family);
}
