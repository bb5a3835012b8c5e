// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's reference points, not part of kdns: a netfilter hook at kdns's
 * place (IPv4 LOCAL_IN, priority NF_IP_PRI_SECURITY + 1) that takes every
 * UDP datagram to port 53 and either
 *   mode=reply: answers it with a fixed, pre-built DNS answer (only the ID is
 *     copied from the query), sent by kdns's own send code (module/send.c,
 *     built into this module): the ceiling for any answer made at this
 *     hook, whatever the lookup costs; or
 *   mode=reply-new: the same, but with the query's skb held (shared), so
 *     that the answer cannot be built in it and goes in a new skb: kdns's
 *     other path, what building in the query's skb saves; or
 *   mode=drop: drops it: the floor, the cost of the path up to the hook.
 * /sys/module/kdns_reflector/parameters/count: datagrams taken so far.
 */
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/netns/generic.h>

#include "send.h"

static char *mode = "reply";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "reply (a fixed answer), reply-new (in a new skb) or drop");

static bool drop, new_skb;
static u64 __percpu *taken;
/* Each namespace's remembered routes (kdns's route.c), as kdns keeps them. */
static unsigned int reflector_net_id;

struct reflector_net {
	struct kdns_routes __percpu *routes;
};

static int count_get(char *buf, const struct kernel_param *kp)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += *per_cpu_ptr(taken, cpu);
	return sysfs_emit(buf, "%llu\n", sum);
}

static const struct kernel_param_ops count_ops = { .get = count_get };
module_param_cb(count, &count_ops, NULL, 0444);
MODULE_PARM_DESC(count, "UDP datagrams to port 53 taken (answered or dropped)");

/* n0.bench.example. A 198.18.0.0, authoritative; the ID is the query's. */
static const u8 answer[] = {
	0, 0, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0,
	2, 'n', '0', 5, 'b', 'e', 'n', 'c', 'h', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
	0, 1, 0, 1,
	0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 198, 18, 0, 0,
};

static unsigned int hook(void *priv, struct sk_buff *skb, const struct nf_hook_state *state)
{
	struct kdns_routes __percpu *routes;
	u8 msg[sizeof(answer)];
	struct udphdr _uh;
	const struct udphdr *uh;
	enum kdns_sent sent;
	__be16 _id;
	const __be16 *id;

	if (ip_hdr(skb)->protocol != IPPROTO_UDP || skb_rtable(skb)->rt_type != RTN_LOCAL)
		return NF_ACCEPT;
	uh = skb_header_pointer(skb, ip_hdrlen(skb), sizeof(_uh), &_uh);
	if (!uh || uh->dest != htons(53))
		return NF_ACCEPT;
	this_cpu_inc(*taken);
	if (drop)
		return NF_DROP;
	id = skb_header_pointer(skb, ip_hdrlen(skb) + sizeof(_uh), sizeof(_id), &_id);
	if (!id)
		return NF_ACCEPT;
	memcpy(msg, answer, sizeof(answer));
	memcpy(msg, id, sizeof(*id));
	routes = ((struct reflector_net *)net_generic(state->net, reflector_net_id))->routes;
	/* Shared, the query's skb is not reused; its send consumes one reference. */
	if (new_skb)
		skb_get(skb);
	local_bh_disable();	/* the routes are per CPU */
	sent = kdns_send_ipv4(state->net, NULL, routes, skb, uh, msg, sizeof(msg));
	local_bh_enable();
	if (new_skb)
		consume_skb(skb);
	return sent == KDNS_NOT_SENT ? NF_ACCEPT : NF_STOLEN;
}

static const struct nf_hook_ops ops = {
	.hook = hook,
	.pf = NFPROTO_IPV4,
	.hooknum = NF_INET_LOCAL_IN,
	.priority = NF_IP_PRI_SECURITY + 1,
};

static int __net_init reflector_net_init(struct net *net)
{
	struct reflector_net *rn = net_generic(net, reflector_net_id);
	int err;

	rn->routes = kdns_routes_alloc();
	if (!rn->routes)
		return -ENOMEM;
	err = nf_register_net_hook(net, &ops);
	if (err)
		kdns_routes_free(rn->routes);
	return err;
}

static void __net_exit reflector_net_pre_exit(struct net *net)
{
	nf_unregister_net_hook(net, &ops);
}

/* After pre_exit and a grace period: no hook runs. */
static void __net_exit reflector_net_exit(struct net *net)
{
	kdns_routes_free(((struct reflector_net *)net_generic(net, reflector_net_id))->routes);
}

static struct pernet_operations reflector_net_ops = {
	.init = reflector_net_init,
	.pre_exit = reflector_net_pre_exit,
	.exit = reflector_net_exit,
	.id = &reflector_net_id,
	.size = sizeof(struct reflector_net),
};

static int __init reflector_init(void)
{
	int err;

	if (strcmp(mode, "reply") && strcmp(mode, "reply-new") && strcmp(mode, "drop"))
		return -EINVAL;
	drop = !strcmp(mode, "drop");
	new_skb = !strcmp(mode, "reply-new");
	taken = alloc_percpu(u64);
	if (!taken)
		return -ENOMEM;
	err = register_pernet_subsys(&reflector_net_ops);
	if (err)
		free_percpu(taken);
	return err;
}

static void __exit reflector_exit(void)
{
	unregister_pernet_subsys(&reflector_net_ops);
	free_percpu(taken);
}

module_init(reflector_init);
module_exit(reflector_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("make bench reference: a fixed answer (or a drop) at kdns's hook point");
