// SPDX-License-Identifier: GPL-2.0
/*
 * Sending an answer from the LOCAL_IN hook: in the query's own skb when that
 * is safe, else in a new one; routed from the query's route (or by a route
 * remembered, route.c) through ip_local_out()/ip6_local_out(), carrying the
 * query's conntrack entry as a related reply (kdns(4), THE HOOK, says what
 * that means for firewalls and conntrack). Also built into make bench's
 * reflector (tests/bench/reflector), so that the reference answers exactly
 * as kdns does.
 */
#include <linux/netfilter.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/udp.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>

#include "send.h"

/*
 * The answer's conntrack state, from the query's: its entry as a related
 * reply (what nf_ct_attach() gives the REJECT target's replies), or, when the
 * query had no entry, the same (none, or "untracked": a notrack rule for DNS
 * keeps the answers out of the table too). nskb may be qskb itself.
 */
static void kdns_ct_from_query(struct sk_buff *nskb, struct sk_buff *qskb)
{
	struct nf_conntrack *nfct = skb_nfct(qskb);

	if (!nfct) {
		skb_set_nfct(nskb, skb_get_nfct(qskb));
		return;
	}
	nf_ct_attach(nskb, qskb);	/* takes a reference of its own */
	if (nskb == qskb)
		nf_conntrack_put(nfct);
}

/*
 * The query's skb turned into the answer's, when that is safe: it is ours
 * alone (not shared; not cloned, as for a packet tap, whose copy shares the
 * data), linear, not GSO, starts at its network header and has room for the
 * answer. That saves an allocation and a free per answer. Of what the stack
 * attached to it as a received packet, only its route (the answer's is looked
 * up from it), its conntrack entry and its flow hash (if a flow's: see
 * kdns_answer_skb()) stay; the rest, which an answer in a new skb would not
 * carry, goes. On return the answer lies after room for nhlen bytes of
 * network header and the UDP header.
 */
static bool kdns_reuse_skb(struct sk_buff *skb, unsigned int nhlen, const u8 *msg, size_t len)
{
	unsigned int need = nhlen + sizeof(struct udphdr) + len;

	if (skb_shared(skb) || skb_cloned(skb) || skb_is_nonlinear(skb) || skb_is_gso(skb) ||
	    skb_network_offset(skb) || skb->len + skb_tailroom(skb) < need)
		return false;
	if (skb->len > need)
		__skb_trim(skb, need);
	else
		__skb_put(skb, need - skb->len);
	memcpy(skb->data + nhlen + sizeof(struct udphdr), msg, len);
	skb_set_transport_header(skb, nhlen);
	skb_unset_mac_header(skb);

	skb_orphan(skb);
	skb->dev = NULL;
	memset(skb->cb, 0, sizeof(skb->cb));	/* IPCB/IP6CB: the input's options */
	skb_ext_reset(skb);
	nf_reset_trace(skb);
	ipvs_reset(skb);
	skb_init_secmark(skb);
	if (!skb->l4_hash)
		skb_clear_hash(skb);
	skb_set_delivery_time(skb, 0, false);	/* also a sender's SO_TXTIME */
	skb_reset_redirect(skb);
	__vlan_hwaccel_clear_tag(skb);
	skb_set_queue_mapping(skb, 0);
	skb->mark = 0;
	skb->priority = 0;
	skb->skb_iif = 0;
	skb->ignore_df = 0;
	skb->encapsulation = 0;
	skb->ip_summed = CHECKSUM_NONE;
#ifdef CONFIG_NET_SWITCHDEV
	skb->offload_fwd_mark = 0;
	skb->offload_l3_fwd_mark = 0;
#endif
	kdns_ct_from_query(skb, skb);
	return true;
}

/*
 * The skb of the answer: the query's own (if reuse and it can be), or a new
 * one with room for the headers, the answer copied in after the UDP header,
 * and the query's route, conntrack state and flow hash, like the reused one.
 *
 * The flow hash, when the query's is one of its ports and addresses
 * (l4_hash): the stack's own (the flow dissector's, for RPS or a device's
 * transmit queue) is the same both ways of a flow, addresses and ports
 * sorted before hashing, so the query's is what the answer's would be; a
 * device's (RSS) hash of the query still names the flow. Kept, it spares the
 * answer a flow dissection and a SipHash wherever a hash is asked for (a
 * transmit queue to pick, RPS at a local receiver), as a socket's datagram
 * is spared by its socket's hash. Another hash (an IPsec packet's, kept
 * through decryption) would name no flow of the answer's: not kept.
 */
static struct sk_buff *kdns_answer_skb(struct sk_buff *qskb, bool reuse, unsigned int nhlen,
				       const u8 *msg, size_t len)
{
	struct sk_buff *nskb;

	if (reuse && kdns_reuse_skb(qskb, nhlen, msg, len))
		return qskb;
	nskb = alloc_skb(LL_MAX_HEADER + nhlen + sizeof(struct udphdr) + len, GFP_ATOMIC);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_put(nskb, nhlen + sizeof(struct udphdr));
	skb_put_data(nskb, msg, len);
	skb_set_transport_header(nskb, nhlen);
	skb_dst_set_noref(nskb, skb_dst(qskb));
	kdns_ct_from_query(nskb, qskb);
	if (qskb->l4_hash)
		skb_copy_hash(nskb, qskb);
	return nskb;
}

/*
 * The UDP header: back to where the query came from. Its checksum is left to
 * the device (CHECKSUM_PARTIAL, as udp_set_csum() and udp6_set_csum() set it
 * up: the pseudo-header's sum in the field), or, where the device cannot, to
 * the stack before it (validate_xmit_skb(), or ip_do_fragment() for an answer
 * larger than the MTU): computed once, where it must be, as for a socket's
 * datagram.
 */
static struct udphdr *kdns_udp_put(struct sk_buff *nskb, __be16 sport, __be16 dport)
{
	struct udphdr *nuh = udp_hdr(nskb);

	nuh->source = sport;
	nuh->dest = dport;
	nuh->len = htons(nskb->len - skb_transport_offset(nskb));
	nuh->check = 0;
	return nuh;
}

/*
 * The IPv4 header of the answer, in front of its UDP header; the TTL and the
 * ID are set once it is routed.
 */
static void kdns_iphdr_put(struct sk_buff *nskb, __be32 saddr, __be32 daddr)
{
	struct iphdr *niph;

	skb_reset_network_header(nskb);
	niph = ip_hdr(nskb);
	niph->version = 4;
	niph->ihl = sizeof(struct iphdr) / 4;
	niph->tos = 0;
	/*
	 * No DF, as Knot's and NSD's sockets (IP_PMTUDISC_OMIT): an answer
	 * larger than the path's MTU is fragmented rather than lost, and
	 * (with sk's OMIT) at the device's MTU, so that an ICMP "fragmentation
	 * needed" forged for the client cannot make its answers smaller.
	 */
	niph->frag_off = 0;
	niph->protocol = IPPROTO_UDP;
	niph->check = 0;
	niph->saddr = saddr;
	niph->daddr = daddr;
	niph->tot_len = htons(nskb->len);
	nskb->protocol = htons(ETH_P_IP);
}

/* The IPv6 header of the answer; the hop limit is set once it is routed. */
static void kdns_ip6hdr_put(struct sk_buff *nskb, const struct in6_addr *saddr,
			    const struct in6_addr *daddr)
{
	struct ipv6hdr *nip6h;

	skb_reset_network_header(nskb);
	nip6h = ipv6_hdr(nskb);
	ip6_flow_hdr(nip6h, 0, 0);
	nip6h->payload_len = htons(nskb->len - sizeof(*nip6h));
	nip6h->nexthdr = IPPROTO_UDP;
	nip6h->saddr = *saddr;
	nip6h->daddr = *daddr;
	nskb->protocol = htons(ETH_P_IPV6);
}

/* After the route failed: the answer's skb freed, and what that means. */
static enum kdns_sent kdns_unsent(struct sk_buff *nskb, struct sk_buff *qskb)
{
	kfree_skb(nskb);
	return nskb == qskb ? KDNS_LOST : KDNS_NOT_SENT;
}

/* Sent: the query consumed, unless its skb carries the answer. */
static enum kdns_sent kdns_sent(struct sk_buff *nskb, struct sk_buff *qskb)
{
	if (nskb != qskb)
		consume_skb(qskb);
	return KDNS_SENT;
}

enum kdns_sent kdns_send_ipv4(struct net *net, struct sock *sk,
			      struct kdns_routes __percpu *routes, struct sk_buff *qskb,
			      const struct udphdr *uh, const u8 *msg, size_t len)
{
	/* Read before the query's skb may be overwritten. */
	__be32 saddr = ip_hdr(qskb)->daddr, daddr = ip_hdr(qskb)->saddr;
	__be16 sport = uh->dest, dport = uh->source;
	struct sk_buff *nskb;
	struct udphdr *nuh;

	nskb = kdns_answer_skb(qskb, true, sizeof(struct iphdr), msg, len);
	if (!nskb)
		return KDNS_NOT_SENT;
	nuh = kdns_udp_put(nskb, sport, dport);
	udp_set_csum(false, nskb, saddr, daddr, ntohs(nuh->len));

	kdns_iphdr_put(nskb, saddr, daddr);

	/*
	 * ip_route_me_harder() (or a route it found before) starts from the
	 * query's (input) route; the answer's source is a local address (the
	 * hook checked), which spares it a lookup of the address's type.
	 */
	if (kdns_route4(net, routes, nskb))
		return kdns_unsent(nskb, qskb);
	/* Routing may have moved the headers (more headroom). */
	ip_hdr(nskb)->ttl = ip4_dst_hoplimit(skb_dst(nskb));
	ip_select_ident(net, nskb, NULL);
	/* sk is not the skb's: it only says how to fragment (ip_skb_dst_mtu). */
	ip_local_out(net, sk, nskb);
	return kdns_sent(nskb, qskb);
}

enum kdns_sent kdns_send_ipv6(struct net *net, struct kdns_routes __percpu *routes,
			      struct sk_buff *qskb, const struct udphdr *uh,
			      const u8 *msg, size_t len)
{
	/* Read before the query's skb may be overwritten. */
	struct in6_addr saddr = ipv6_hdr(qskb)->daddr, daddr = ipv6_hdr(qskb)->saddr;
	__be16 sport = uh->dest, dport = uh->source;
	struct sk_buff *nskb;
	struct udphdr *nuh;

	/*
	 * To a link-local address the route from the query's (a loopback
	 * route) is not found: in a new skb, the query stays for the sockets.
	 */
	nskb = kdns_answer_skb(qskb, !(ipv6_addr_type(&daddr) & IPV6_ADDR_LINKLOCAL),
			       sizeof(struct ipv6hdr), msg, len);
	if (!nskb)
		return KDNS_NOT_SENT;
	nuh = kdns_udp_put(nskb, sport, dport);
	udp6_set_csum(false, nskb, &saddr, &daddr, ntohs(nuh->len));

	kdns_ip6hdr_put(nskb, &saddr, &daddr);

	if (kdns_route6(net, routes, nskb))
		return kdns_unsent(nskb, qskb);
	ipv6_hdr(nskb)->hop_limit = ip6_dst_hoplimit(skb_dst(nskb));
	/*
	 * At most 1232 bytes of answer make at most IPv6's minimum MTU (1280),
	 * below which no path goes: no ICMPv6 "packet too big" can make an
	 * answer too large.
	 */
	if (nskb->len > dst_mtu(skb_dst(nskb)))
		return kdns_unsent(nskb, qskb);
	ip6_local_out(net, NULL, nskb);
	return kdns_sent(nskb, qskb);
}
