// SPDX-License-Identifier: GPL-2.0
/*
 * The netfilter hooks: see UDP packets to a DNS port that are delivered to
 * this host, and decide whether kdns answers them. Until zones can be loaded
 * every query is counted and passed on to the sockets unchanged.
 *
 * Hook point: NF_INET_LOCAL_IN, priority NF_IP_PRI_SECURITY + 1. Packets are
 * reassembled by then, and the raw, mangle, filter and security tables'
 * INPUT chains (and nftables chains of priority <= 50) have seen the query,
 * so an operator's firewall rules apply to it before kdns does.
 */
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ipv6.h>

#include "kdns.h"
#include "hook.h"
#include "wire.h"

#define KDNS_PORTS_MAX 8

static unsigned short ports[KDNS_PORTS_MAX] = { 53 };
static int nports = 1;
module_param_array(ports, ushort, &nports, 0444);
MODULE_PARM_DESC(ports, "UDP destination ports answered (default 53, at most 8)");

/*
 * The most of a query's payload the hook reads. Queries are small: a question
 * is at most 4 + 255 bytes, and an OPT record with the usual options fits
 * easily. What is longer is passed on to the sockets.
 */
#define KDNS_QUERY_MAX 512

static bool kdns_port_match(u16 port)
{
	int i;

	for (i = 0; i < nports; i++)
		if (ports[i] == port)
			return true;
	return false;
}

static bool kdns_query_parse(const u8 *msg, size_t len)
{
	u8 name[KDNS_NAME_MAX];
	struct kdns_cursor c;
	struct kdns_hdr h;

	kdns_cursor_init(&c, msg, len);
	kdns_read_hdr(&c, &h);
	if (c.err || (h.flags & KDNS_FLAG_QR) || h.qdcount != 1)
		return false;
	kdns_read_name(&c, name, false);
	kdns_read_u16(&c);	/* QTYPE */
	kdns_read_u16(&c);	/* QCLASS */
	return !c.err;
}

/* thoff: offset of the UDP header in skb (after IPv4 options or IPv6 extensions). */
static unsigned int kdns_hook_udp(struct net *net, struct sk_buff *skb,
				  unsigned int thoff)
{
	struct kdns_net *kn;
	struct udphdr _uh;
	const struct udphdr *uh;
	u8 buf[KDNS_QUERY_MAX];
	const u8 *msg;
	unsigned int ulen, len;

	uh = skb_header_pointer(skb, thoff, sizeof(_uh), &_uh);
	if (!uh || !kdns_port_match(ntohs(uh->dest)))
		return NF_ACCEPT;

	kn = kdns_net(net);
	kdns_count(kn, KDNS_STAT_RX);
	/* Never trust the UDP length: it must fit in what arrived. */
	ulen = ntohs(uh->len);
	if (ulen < sizeof(*uh) + KDNS_HDR_LEN || ulen > skb->len - thoff ||
	    ulen - sizeof(*uh) > KDNS_QUERY_MAX) {
		kdns_count(kn, KDNS_STAT_PASS_MALFORMED);
		return NF_ACCEPT;
	}
	len = ulen - sizeof(*uh);
	msg = skb_header_pointer(skb, thoff + sizeof(*uh), len, buf);
	if (!msg || !kdns_query_parse(msg, len)) {
		kdns_count(kn, KDNS_STAT_PASS_MALFORMED);
		return NF_ACCEPT;
	}
	/* No zones exist yet: every name is in no zone. */
	kdns_count(kn, KDNS_STAT_PASS_NO_ZONE);
	return NF_ACCEPT;
}

static unsigned int kdns_hook_ipv4(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);

	/* LOCAL_IN sees reassembled datagrams only: no fragment check needed. */
	if (iph->protocol != IPPROTO_UDP)
		return NF_ACCEPT;
	return kdns_hook_udp(state->net, skb, skb_network_offset(skb) + ip_hdrlen(skb));
}

static unsigned int kdns_hook_ipv6(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	unsigned int thoff = 0;
	unsigned short frag_off = 0;

	if (ipv6_find_hdr(skb, &thoff, IPPROTO_UDP, &frag_off, NULL) != IPPROTO_UDP ||
	    frag_off)
		return NF_ACCEPT;
	return kdns_hook_udp(state->net, skb, thoff);
}

static const struct nf_hook_ops kdns_hook_ops[] = {
	{
		.hook = kdns_hook_ipv4,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP_PRI_SECURITY + 1,
	},
	{
		.hook = kdns_hook_ipv6,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP6_PRI_SECURITY + 1,
	},
};

int kdns_hook_register(struct net *net)
{
	return nf_register_net_hooks(net, kdns_hook_ops, ARRAY_SIZE(kdns_hook_ops));
}

void kdns_hook_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, kdns_hook_ops, ARRAY_SIZE(kdns_hook_ops));
}

int kdns_hook_check_params(void)
{
	int i;

	for (i = 0; i < nports; i++) {
		if (!ports[i]) {
			pr_err("ports: 0 is not a port\n");
			return -EINVAL;
		}
	}
	return 0;
}
