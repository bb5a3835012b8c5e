/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNS_SEND_H
#define KDNS_SEND_H

#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/net_namespace.h>

#include "route.h"

/* What sending an answer came to. */
enum kdns_sent {
	KDNS_SENT,		/* the answer is on its way, the query consumed */
	KDNS_NOT_SENT,		/* no answer; the query untouched, for the sockets */
	KDNS_LOST,		/* the query's skb became the answer, which could not
				 * be sent (no route, too big for the path): both gone
				 */
};

/*
 * Send the answer msg (len bytes, a DNS message) to the query in qskb (at
 * LOCAL_IN, to a local unicast address), whose UDP header is uh. With
 * KDNS_SENT and KDNS_LOST qskb is gone; with KDNS_NOT_SENT it is untouched.
 * IPv4: sk, if not NULL, a socket of net with IP_PMTUDISC_OMIT, makes large
 * answers fragment at the device's MTU rather than the path's. routes (may
 * be NULL): net's remembered routes (route.h). With bottom halves disabled.
 */
enum kdns_sent kdns_send_ipv4(struct net *net, struct sock *sk,
			      struct kdns_routes __percpu *routes, struct sk_buff *qskb,
			      const struct udphdr *uh, const u8 *msg, size_t len);
enum kdns_sent kdns_send_ipv6(struct net *net, struct kdns_routes __percpu *routes,
			      struct sk_buff *qskb, const struct udphdr *uh,
			      const u8 *msg, size_t len);

#endif /* KDNS_SEND_H */
