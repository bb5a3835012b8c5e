// SPDX-License-Identifier: GPL-2.0
/*
 * The netfilter hooks: see UDP queries to a DNS port delivered to this host,
 * answer those the zones of this namespace answer, pass everything else on.
 * NF_INET_LOCAL_IN at NF_IP_PRI_SECURITY + 1, after the operator's INPUT
 * rules; the query is consumed (NF_STOLEN) and the answer sent by send.c.
 * Where that puts kdns, and what does and does not see its packets:
 * kdns(4), section THE HOOK (userspace/kdns.4).
 */
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/route.h>

#include "netns.h"
#include "hook.h"
#include "send.h"

#define KDNS_PORTS_MAX 8

static unsigned short ports[KDNS_PORTS_MAX] = { 53 };
static int nports = 1;
module_param_array(ports, ushort, &nports, 0444);
MODULE_PARM_DESC(ports, "UDP destination ports answered (default 53, at most 8)");

/*
 * Working memory of the hook, one per CPU, used with bottom halves disabled:
 * the hook runs in softirq, but also in process context (nf_reinject() of an
 * NFQUEUE verdict runs the remaining hooks preemptible, with bottom halves
 * enabled), where a softirq on the same CPU could run it again meanwhile.
 */
static struct kdns_work __percpu *kdns_work;

static bool kdns_port_match(u16 port)
{
	int i;

	for (i = 0; i < nports; i++)
		if (ports[i] == port)
			return true;
	return false;
}

static void kdns_count_answer(struct kdns_net *kn, const struct kdns_answer_info *info,
			      bool slipped)
{
	kdns_count(kn, KDNS_STAT_ANSWERED);
	if (info->truncated || slipped)
		kdns_count(kn, KDNS_STAT_TRUNCATED);
	switch (info->rcode) {
	case KDNS_RCODE_NOERROR:
		kdns_count(kn, KDNS_STAT_NOERROR);
		break;
	case KDNS_RCODE_NXDOMAIN:
		kdns_count(kn, KDNS_STAT_NXDOMAIN);
		break;
	case KDNS_RCODE_FORMERR:
		kdns_count(kn, KDNS_STAT_FORMERR);
		break;
	default:
		kdns_count(kn, KDNS_STAT_OTHER_RCODE);
	}
}

/* The counter of a query the engine passed on. */
static enum kdns_stat kdns_pass_stat(enum kdns_pass_reason reason)
{
	switch (reason) {
	case KDNS_PASS_NO_ZONE:
		return KDNS_STAT_PASS_NO_ZONE;
	case KDNS_PASS_MALFORMED:
		return KDNS_STAT_PASS_MALFORMED;
	default:
		return KDNS_STAT_PASS_OTHER;
	}
}

/*
 * Rate limiting (rrl.h), when it is on: the answer in work, of *len bytes,
 * is sent as it is, slipped (made truncated, *len its new length) or
 * dropped. Under rcu_read_lock(). True if dropped.
 */
static bool kdns_rate_limit(struct kdns_net *kn, struct sk_buff *skb, u8 pf,
			    struct kdns_work *work, const struct kdns_answer_info *info,
			    size_t *len, bool *slipped)
{
	struct kdns_rrl *rrl = rcu_dereference(kn->rrl);
	struct kdns_rrl_answer a;
	bool v6 = pf == NFPROTO_IPV6;
	const u8 *client;

	/* A good server cookie: the source is no forgery (RFC 7873 5.4). */
	if (!rrl || info->cookie_ok)
		return false;
	client = v6 ? ipv6_hdr(skb)->saddr.s6_addr : (const u8 *)&ip_hdr(skb)->saddr;
	if (kdns_rrl_exempt(rrl, client, v6))
		return false;
	kdns_answer_rrl(&work->scratch, info, *len, &a);
	/* Whole seconds that never go back: jiffies, not the wall clock. */
	switch (kdns_rrl_account(rrl, client, v6, &a, (u32)(get_jiffies_64() / HZ))) {
	case KDNS_RRL_SEND:
		return false;
	case KDNS_RRL_SLIP:
		kdns_count(kn, KDNS_STAT_RRL_LIMITED);
		kdns_count(kn, KDNS_STAT_RRL_SLIPPED);
		*len = kdns_answer_slip(work->answer, *len, info);
		*slipped = true;
		return false;
	case KDNS_RRL_DROP:
		break;
	}
	kdns_count(kn, KDNS_STAT_RRL_LIMITED);
	kdns_count(kn, KDNS_STAT_RRL_DROPPED);
	return true;
}

/* Send the answer to the query in skb; the verdict on the query. */
static unsigned int kdns_reply(struct net *net, struct kdns_net *kn, struct sk_buff *skb,
			       const struct udphdr *uh, u8 pf, const u8 *answer, size_t len,
			       const struct kdns_answer_info *info, bool slipped)
{
	enum kdns_sent sent;

	if (pf == NFPROTO_IPV4)
		sent = kdns_send_ipv4(net, kn->answer_sk, kn->routes, skb, uh, answer, len);
	else
		sent = kdns_send_ipv6(net, kn->routes, skb, uh, answer, len);
	if (sent == KDNS_SENT) {
		kdns_count_answer(kn, info, slipped);
		if (info->cookie_seen)
			kdns_count(kn, info->cookie_ok ? KDNS_STAT_COOKIE_GOOD :
				   KDNS_STAT_COOKIE_NEW);
		return NF_STOLEN;
	}
	kdns_count(kn, KDNS_STAT_ERRORS);
	/* No memory or no route: the sockets may still manage. */
	return sent == KDNS_NOT_SENT ? NF_ACCEPT : NF_STOLEN;
}

/*
 * A UDP datagram delivered here; thoff: offset of its UDP header (after IPv4
 * options or IPv6 extension headers); unicast: to a unicast address of this
 * host, in a frame to this host. With bottom halves disabled (the per-CPU
 * counters and work area). Every query passed on leaves through "pass",
 * counted once by why.
 */
static unsigned int kdns_hook_dns(struct net *net, struct sk_buff *skb, unsigned int thoff,
				  const struct udphdr *uh, bool unicast, u8 pf,
				  unsigned int hooknum)
{
	struct kdns_net *kn = kdns_net(net);
	struct kdns_work *work = this_cpu_ptr(kdns_work);
	const struct kdns_identity *ident;
	const struct kdns_cookies *cookies;
	struct kdns_answer_info info;
	const struct kdns_zoneset *zs;
	struct kdns_query_ctx client;
	unsigned int ulen, len;
	bool slipped = false;
	enum kdns_stat why;
	const u8 *msg;
	size_t outlen;

	kdns_count(kn, KDNS_STAT_RX);
	/*
	 * To this host only: not broadcast or multicast (an answer would leave
	 * from a broadcast address). Not several datagrams merged by GRO into
	 * one skb (whose UDP length is their sum): the socket's layer splits
	 * them again.
	 */
	why = KDNS_STAT_PASS_OTHER;
	if (!unicast || skb_is_gso(skb))
		goto pass;
	/* Never trust the UDP length: it must fit in what arrived. */
	ulen = ntohs(uh->len);
	why = KDNS_STAT_PASS_MALFORMED;
	if (ulen < sizeof(*uh) + KDNS_HDR_LEN || ulen > skb->len - thoff ||
	    ulen - sizeof(*uh) > KDNS_QUERY_MAX)
		goto pass;
	rcu_read_lock();
	zs = rcu_dereference(kn->zones);
	why = KDNS_STAT_PASS_NO_ZONE;
	if (!zs || !zs->nzones)
		goto unlock;
	/* A wrong checksum is the socket's business (it counts the error). */
	why = KDNS_STAT_PASS_CHECKSUM;
	if ((pf == NFPROTO_IPV6 || uh->check) &&
	    nf_checksum(skb, hooknum, thoff, IPPROTO_UDP, pf))
		goto unlock;
	len = ulen - sizeof(*uh);
	msg = skb_header_pointer(skb, thoff + sizeof(*uh), len, work->query);
	why = KDNS_STAT_PASS_MALFORMED;
	if (!msg)
		goto unlock;
	/*
	 * Who asks, and when (DNS cookies), and who answers (NSID, CHAOS):
	 * only when cookies are on or there is an identity.
	 */
	work->scratch.ctx = NULL;
	cookies = rcu_dereference(kn->cookies);
	ident = rcu_dereference(kn->ident);
	if (cookies->enabled || ident->nsid_len || ident->chaos) {
		client.v6 = pf == NFPROTO_IPV6;
		client.addr = client.v6 ? ipv6_hdr(skb)->saddr.s6_addr :
			      (const u8 *)&ip_hdr(skb)->saddr;
		client.now = (u32)ktime_get_real_seconds();
		client.cookies = cookies->enabled ? &cookies->keys : NULL;
		client.ident = ident;
		work->scratch.ctx = &client;
	}
	if (kdns_answer(zs, &work->scratch, msg, len, work->answer, sizeof(work->answer),
			&outlen, &info) == KDNS_PASS) {
		why = kdns_pass_stat(info.pass);
		goto unlock;
	}
	if (kdns_rate_limit(kn, skb, pf, work, &info, &outlen, &slipped)) {
		rcu_read_unlock();
		return NF_DROP;
	}
	rcu_read_unlock();
	return kdns_reply(net, kn, skb, uh, pf, work->answer, outlen, &info, slipped);

unlock:
	rcu_read_unlock();
pass:
	kdns_count(kn, why);
	return NF_ACCEPT;
}

static unsigned int kdns_hook_udp(struct net *net, struct sk_buff *skb, unsigned int thoff,
				  bool unicast, u8 pf, unsigned int hooknum)
{
	const struct udphdr *uh;
	struct udphdr _uh;
	unsigned int verdict;

	uh = skb_header_pointer(skb, thoff, sizeof(_uh), &_uh);
	if (!uh || !kdns_port_match(ntohs(uh->dest)))
		return NF_ACCEPT;
	/*
	 * In softirq, as nearly always, bottom halves are off already; only
	 * process context (NFQUEUE's reinjection) turns them off here.
	 */
	if (softirq_count())
		return kdns_hook_dns(net, skb, thoff, uh, unicast, pf, hooknum);
	local_bh_disable();
	verdict = kdns_hook_dns(net, skb, thoff, uh, unicast, pf, hooknum);
	local_bh_enable();
	return verdict;
}

static unsigned int kdns_hook_ipv4(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);

	/* LOCAL_IN sees reassembled datagrams only: no fragment check needed. */
	if (iph->protocol != IPPROTO_UDP)
		return NF_ACCEPT;
	return kdns_hook_udp(state->net, skb, skb_network_offset(skb) + ip_hdrlen(skb),
			     skb->pkt_type == PACKET_HOST &&
			     skb_rtable(skb)->rt_type == RTN_LOCAL,
			     NFPROTO_IPV4, state->hook);
}

static unsigned int kdns_hook_ipv6(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	unsigned int thoff = 0;
	int flags = 0;

	/*
	 * IPv6 reassembles after LOCAL_IN (unless conntrack's nf_defrag_ipv6
	 * did at PRE_ROUTING): a fragment, even the first, is passed on whole.
	 */
	if (ipv6_find_hdr(skb, &thoff, IPPROTO_UDP, NULL, &flags) != IPPROTO_UDP ||
	    (flags & IP6_FH_F_FRAG))
		return NF_ACCEPT;
	/* Unicast: the frame's type alone lets a multicast address through. */
	return kdns_hook_udp(state->net, skb, thoff, skb->pkt_type == PACKET_HOST &&
			     !ipv6_addr_is_multicast(&ipv6_hdr(skb)->daddr),
			     NFPROTO_IPV6, state->hook);
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

int __init kdns_hook_init(void)
{
	int i;

	for (i = 0; i < nports; i++) {
		if (!ports[i]) {
			pr_err("ports: 0 is not a port\n");
			return -EINVAL;
		}
	}
	kdns_work = alloc_percpu(struct kdns_work);
	return kdns_work ? 0 : -ENOMEM;
}

void kdns_hook_exit(void)
{
	free_percpu(kdns_work);
}
