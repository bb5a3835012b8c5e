/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNS_ZONES_H
#define KDNS_ZONES_H

#include <net/netlink.h>
#include <net/sock.h>

#include "netns.h"

/*
 * Control plane; all with kn->lock held. A load belongs to the socket sk
 * (the request's sender) with port id portid.
 */
int kdns_zone_begin(struct kdns_net *kn, struct sock *sk, u32 portid, const u8 *apex,
		    size_t len, struct netlink_ext_ack *extack);
int kdns_zone_add(struct kdns_net *kn, struct sock *sk, u32 portid, const struct nlattr *rrs,
		  struct netlink_ext_ack *extack);
int kdns_zone_commit(struct kdns_net *kn, struct sock *sk, u32 portid,
		     struct netlink_ext_ack *extack);
int kdns_zone_del(struct kdns_net *kn, const u8 *apex, size_t len,
		  struct netlink_ext_ack *extack);
/* Everything, when the namespace goes (its hooks already gone). */
void kdns_zones_free(struct kdns_net *kn);

int kdns_zones_init(void);
/* Before the namespaces' state goes: no more socket notifications. */
void kdns_zones_exit(void);
/* After it went: the zones still waiting for a grace period are freed. */
void kdns_zones_drain(void);

#endif /* KDNS_ZONES_H */
