/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNS_ZONES_H
#define KDNS_ZONES_H

#include <net/netlink.h>

#include "kdns.h"

/* Control plane; all with kn->lock held. */
int kdns_zone_begin(struct kdns_net *kn, u32 portid, const u8 *apex, size_t len,
		    struct netlink_ext_ack *extack);
int kdns_zone_add(struct kdns_net *kn, u32 portid, const struct nlattr *rrs,
		  struct netlink_ext_ack *extack);
int kdns_zone_commit(struct kdns_net *kn, u32 portid, struct netlink_ext_ack *extack);
int kdns_zone_del(struct kdns_net *kn, const u8 *apex, size_t len,
		  struct netlink_ext_ack *extack);
/* Abandon the load of a socket that closed. */
void kdns_zone_release(struct kdns_net *kn, u32 portid);
/* Everything, when the namespace goes. */
void kdns_zones_free(struct kdns_net *kn);

int kdns_zones_init(void);
void kdns_zones_exit(void);

#endif /* KDNS_ZONES_H */
