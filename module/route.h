/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The answers' routes, remembered per CPU (route.c): the route lookup that
 * ip_route_me_harder() and ip6_route_me_harder() make for every answer,
 * spared for a client answered before, as a connected socket's cached route
 * spares its datagrams one.
 */
#ifndef KDNS_ROUTE_H
#define KDNS_ROUTE_H

#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <net/net_namespace.h>

struct kdns_routes;

/* One namespace's, per CPU; NULL without memory. */
struct kdns_routes __percpu *kdns_routes_alloc(void);
/* Drops the routes held; no kdns_route4/6 may run meanwhile. */
void kdns_routes_free(struct kdns_routes __percpu *routes);

/*
 * What ip_route_me_harder(net, NULL, skb, RTN_LOCAL) and
 * ip6_route_me_harder(net, NULL, skb) do for an answer (its IP header in
 * place, from a local address, on the query's input route): the route to
 * its destination attached, room for the device's header; 0 or an error.
 * From routes when it holds a valid route for the same addresses and
 * nothing else could choose another route, else by the stack's lookup,
 * whose route routes then keeps. routes may be NULL. With bottom halves
 * disabled.
 */
int kdns_route4(struct net *net, struct kdns_routes __percpu *routes, struct sk_buff *skb);
int kdns_route6(struct net *net, struct kdns_routes __percpu *routes, struct sk_buff *skb);

#endif /* KDNS_ROUTE_H */
