// SPDX-License-Identifier: GPL-2.0
/*
 * The answers' routes, remembered per CPU. Every answer needs the route back
 * to its client, and ip_route_me_harder() looks it up afresh each time: a
 * FIB lookup, the output route's checks, an IPsec policy lookup (together
 * about a tenth of an answer's instructions by make bench-insn's profile).
 * A connected socket keeps its route instead and checks it is still valid
 * before each use (sk_dst_check()); this does the same for the last clients
 * answered, in a few slots per CPU and namespace chosen by the client's
 * address.
 *
 * A remembered route is used only where the stack's own lookup could not
 * have chosen another one for these addresses: no policy routing rules
 * (which may look at more than the addresses), multipath by addresses only,
 * no IPsec output policy, no VRF. dst_check() tells when the routing tables
 * changed since (a route or an address added or removed, a device gone):
 * the route is then dropped and looked up again. Some choices of the lookup
 * change with no such sign (a gateway whose neighbour entry failed, among
 * equal default routes or multipath next hops; an expired redirect): a route
 * is kept for at most KDNS_ROUTE_TTL, then looked up again, so that answers
 * follow within that time, at the cost of a lookup per client and interval.
 * A slot holds a reference to its route until it is replaced or the
 * namespace goes. Spoofed sources can only take slots from each other: a
 * miss costs what every answer cost.
 */
#include <linux/hash.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/dst.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ip_fib.h>
#include <net/ipv6.h>
#include <net/l3mdev.h>
#include <net/xfrm.h>

#include "route.h"

#define KDNS_ROUTE_BITS 4
#define KDNS_ROUTE_TTL HZ

struct kdns_route_slot {
	struct dst_entry *dst;		/* a reference held; NULL: empty */
	unsigned long expires;		/* jiffies */
	u32 cookie;			/* IPv6: the route's, for dst_check() */
	struct in6_addr daddr;		/* the answer's addresses; IPv4 mapped */
	struct in6_addr saddr;
};

struct kdns_routes {
	struct kdns_route_slot slot[1 << KDNS_ROUTE_BITS];
};

struct kdns_routes __percpu *kdns_routes_alloc(void)
{
	return alloc_percpu_gfp(struct kdns_routes, GFP_KERNEL_ACCOUNT);
}

void kdns_routes_free(struct kdns_routes __percpu *routes)
{
	int cpu, i;

	if (!routes)
		return;
	for_each_possible_cpu(cpu) {
		struct kdns_routes *r = per_cpu_ptr(routes, cpu);

		for (i = 0; i < ARRAY_SIZE(r->slot); i++)
			dst_release(r->slot[i].dst);
	}
	free_percpu(routes);
}

/* Does IPv4 multipath hash more than the addresses (a policy other than L3)? */
static bool kdns_fib4_multipath_by_flow(const struct net *net)
{
#ifdef CONFIG_IP_ROUTE_MULTIPATH
	return READ_ONCE(net->ipv4.sysctl_fib_multipath_hash_policy);
#else
	return false;
#endif
}

/* Can IPsec change an answer's route: output policies, or blocking by default? */
static bool kdns_xfrm_output_policy(const struct net *net)
{
#ifdef CONFIG_XFRM
	return READ_ONCE(net->xfrm.policy_count[XFRM_POLICY_OUT]) ||
	       READ_ONCE(net->xfrm.policy_default[XFRM_POLICY_OUT]) != XFRM_USERPOLICY_ACCEPT;
#else
	return false;
#endif
}

/*
 * Would the stack's lookup for this answer depend on no more than its
 * addresses? l3mdev: the query's input route's device is a VRF's.
 */
static bool kdns_route_by_addresses(struct net *net, const struct sk_buff *skb, bool ipv6)
{
	if (l3mdev_master_ifindex(skb_dst(skb)->dev))
		return false;
	if (ipv6 ? fib6_has_custom_rules(net) || ip6_multipath_hash_policy(net) :
		   fib4_has_custom_rules(net) || kdns_fib4_multipath_by_flow(net))
		return false;
	return !kdns_xfrm_output_policy(net);
}

static struct kdns_route_slot *kdns_route_slot(struct kdns_routes __percpu *routes,
					       const struct in6_addr *daddr)
{
	return &this_cpu_ptr(routes)->slot[hash_32(ipv6_addr_hash(daddr), KDNS_ROUTE_BITS)];
}

/* The remembered route for these addresses, still valid, or NULL. */
static struct dst_entry *kdns_route_get(struct kdns_route_slot *s, const struct in6_addr *daddr,
					const struct in6_addr *saddr)
{
	struct dst_entry *dst = s->dst;

	if (!dst || !ipv6_addr_equal(&s->daddr, daddr) || !ipv6_addr_equal(&s->saddr, saddr))
		return NULL;
	if (time_after(jiffies, s->expires) || !dst_check(dst, s->cookie)) {
		dst_release(dst);
		s->dst = NULL;
		return NULL;
	}
	return dst;
}

static void kdns_route_put(struct kdns_route_slot *s, struct dst_entry *dst, u32 cookie,
			   const struct in6_addr *daddr, const struct in6_addr *saddr)
{
	dst_release(s->dst);
	s->dst = dst_clone(dst);
	s->expires = jiffies + KDNS_ROUTE_TTL;
	s->cookie = cookie;
	s->daddr = *daddr;
	s->saddr = *saddr;
}

/* As the *_route_me_harder() functions end: room for the device's header. */
static int kdns_route_set(struct sk_buff *skb, struct dst_entry *dst)
{
	unsigned int hh_len = dst->dev->hard_header_len;

	skb_dst_drop(skb);
	skb_dst_set(skb, dst_clone(dst));
	if (skb_headroom(skb) < hh_len &&
	    pskb_expand_head(skb, HH_DATA_ALIGN(hh_len - skb_headroom(skb)), 0, GFP_ATOMIC))
		return -ENOMEM;
	return 0;
}

int kdns_route4(struct net *net, struct kdns_routes __percpu *routes, struct sk_buff *skb)
{
	struct in6_addr daddr, saddr;
	struct kdns_route_slot *s;
	struct dst_entry *dst;
	int err;

	if (!routes || !kdns_route_by_addresses(net, skb, false))
		return ip_route_me_harder(net, NULL, skb, RTN_LOCAL);
	ipv6_addr_set_v4mapped(ip_hdr(skb)->daddr, &daddr);
	ipv6_addr_set_v4mapped(ip_hdr(skb)->saddr, &saddr);
	s = kdns_route_slot(routes, &daddr);
	dst = kdns_route_get(s, &daddr, &saddr);
	if (dst)
		return kdns_route_set(skb, dst);
	err = ip_route_me_harder(net, NULL, skb, RTN_LOCAL);
	if (!err)
		kdns_route_put(s, skb_dst(skb), 0, &daddr, &saddr);
	return err;
}

int kdns_route6(struct net *net, struct kdns_routes __percpu *routes, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct in6_addr daddr = ip6h->daddr, saddr = ip6h->saddr;
	struct kdns_route_slot *s;
	struct dst_entry *dst;
	int err;

	/*
	 * A link-local or multicast destination is looked up on the device;
	 * an IPv4-mapped address would share IPv4's slots.
	 */
	if (!routes || (ipv6_addr_type(&daddr) & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL)) ||
	    ipv6_addr_v4mapped(&daddr) || ipv6_addr_v4mapped(&saddr) ||
	    !kdns_route_by_addresses(net, skb, true))
		return ip6_route_me_harder(net, NULL, skb);
	s = kdns_route_slot(routes, &daddr);
	dst = kdns_route_get(s, &daddr, &saddr);
	if (dst)
		return kdns_route_set(skb, dst);
	err = ip6_route_me_harder(net, NULL, skb);
	if (!err)
		kdns_route_put(s, skb_dst(skb), rt6_get_cookie((struct rt6_info *)skb_dst(skb)),
			       &daddr, &saddr);
	return err;
}
