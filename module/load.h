/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNS_LOAD_H
#define KDNS_LOAD_H

#include <net/netlink.h>
#include <net/sock.h>

#include "netns.h"

/*
 * Loading and unloading zones; all with kn->lock held. A load belongs to
 * the socket sk (the request's sender) with port id portid.
 */
int kdns_load_begin(struct kdns_net *kn, struct sock *sk, u32 portid, const u8 *apex,
		    size_t len, struct netlink_ext_ack *extack);
int kdns_load_add(struct kdns_net *kn, struct sock *sk, u32 portid, const struct nlattr *rrs,
		  struct netlink_ext_ack *extack);
int kdns_load_commit(struct kdns_net *kn, struct sock *sk, u32 portid,
		     struct netlink_ext_ack *extack);
int kdns_unload(struct kdns_net *kn, const u8 *apex, size_t len,
		struct netlink_ext_ack *extack);
/* Everything, when the namespace goes (its hooks already gone). */
void kdns_load_free_all(struct kdns_net *kn);

/*
 * Memory of a namespace's beside its zones (rate limiting's table), with
 * kn->lock held: counted in the namespace's mem_limit with its zones (bytes
 * replaced taken as free) and in total_mem_limit. 0, or which limit refused.
 */
enum { KDNS_MEM_NS_LIMIT = 1, KDNS_MEM_TOTAL_LIMIT };
int kdns_mem_charge(struct kdns_net *kn, size_t bytes, size_t replaced);
void kdns_mem_uncharge(struct kdns_net *kn, size_t bytes);

int kdns_load_init(void);
/* Before the namespaces' state goes: no more socket notifications. */
void kdns_load_exit(void);
/* After it went: the zones still waiting for a grace period are freed. */
void kdns_load_drain(void);

#endif /* KDNS_LOAD_H */
