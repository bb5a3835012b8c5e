// SPDX-License-Identifier: GPL-2.0
/*
 * The zones of a network namespace: loads in progress, each bound to the
 * netlink socket that began it, and the live zone set, which the hooks read
 * under RCU and writers (holding kn->lock) replace whole.
 */
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/netlink.h>

#include "kdns.h"
#include "zones.h"

static unsigned long mem_limit = 1UL << 30;
module_param(mem_limit, ulong, 0644);
MODULE_PARM_DESC(mem_limit, "Bytes of zone data per network namespace (default 1 GiB)");

struct kdns_load {
	struct list_head list;
	u32 portid;
	size_t replaced_bytes;		/* of the zone this load will replace */
	struct kdns_zone_builder b;
};

/* The builder's reasons are static strings: they can be the extack message. */
static void set_msg(struct netlink_ext_ack *extack, const char *msg)
{
	if (extack)
		extack->_msg = msg;
}

static struct kdns_zoneset *live(struct kdns_net *kn)
{
	return rcu_dereference_protected(kn->zones, lockdep_is_held(&kn->lock));
}

static struct kdns_load *find_load(struct kdns_net *kn, u32 portid)
{
	struct kdns_load *l;

	list_for_each_entry(l, &kn->loads, list)
		if (l->portid == portid)
			return l;
	return NULL;
}

static void free_load(struct kdns_load *l)
{
	list_del(&l->list);
	kdns_zb_destroy(&l->b);
	kfree(l);
}

/* A name attribute in wire form, lower-cased into out; false if invalid. */
static bool apex_from(const u8 *p, size_t len, u8 *out)
{
	struct kdns_cursor c;

	kdns_cursor_init(&c, p, len);
	if (!kdns_read_name(&c, out, false) || c.pos != len)
		return false;
	kdns_name_lower(out);
	return true;
}

int kdns_zone_begin(struct kdns_net *kn, u32 portid, const u8 *apex, size_t len,
		    struct netlink_ext_ack *extack)
{
	const struct kdns_zone *old;
	u8 lapex[KDNS_NAME_MAX];
	struct kdns_load *l;
	size_t others;

	lockdep_assert_held(&kn->lock);
	if (find_load(kn, portid)) {
		NL_SET_ERR_MSG(extack, "a zone load is already in progress on this socket");
		return -EBUSY;
	}
	l = kzalloc(sizeof(*l), GFP_KERNEL_ACCOUNT);
	if (!l)
		return -ENOMEM;
	if (!apex_from(apex, len, lapex) || kdns_zb_init(&l->b, lapex, 0)) {
		kfree(l);
		NL_SET_ERR_MSG(extack, "KDNS_A_ZONE_NAME: not a valid name in wire form");
		return -EINVAL;
	}
	old = kdns_zoneset_get(live(kn), l->b.apex, kdns_name_hash(l->b.apex));
	l->replaced_bytes = old ? old->bytes : 0;
	/* The new zone must fit beside the others; the one it replaces goes. */
	others = kn->zone_bytes - l->replaced_bytes;
	if (others >= mem_limit) {
		kfree(l);
		NL_SET_ERR_MSG(extack, "the namespace's other zones already use all of mem_limit");
		return -ENOSPC;
	}
	l->b.max_bytes = mem_limit - others;
	l->portid = portid;
	list_add(&l->list, &kn->loads);
	return 0;
}

int kdns_zone_add(struct kdns_net *kn, u32 portid, const struct nlattr *rrs,
		  struct netlink_ext_ack *extack)
{
	struct kdns_load *l = find_load(kn, portid);
	struct kdns_cursor c;

	lockdep_assert_held(&kn->lock);
	if (!l) {
		NL_SET_ERR_MSG(extack, "no zone load in progress on this socket");
		return -ENOENT;
	}
	kdns_cursor_init(&c, nla_data(rrs), nla_len(rrs));
	while (kdns_cursor_left(&c)) {
		struct kdns_rr rr;

		rr.owner_len = kdns_read_u8(&c);
		rr.owner = kdns_read_bytes(&c, rr.owner_len);
		rr.type = kdns_read_u16(&c);
		rr.rclass = kdns_read_u16(&c);
		rr.ttl = kdns_read_u32(&c);
		rr.rdlen = kdns_read_u16(&c);
		rr.rdata = kdns_read_bytes(&c, rr.rdlen);
		if (c.err) {
			NL_SET_ERR_MSG_ATTR(extack, rrs,
					    "KDNS_A_ZONE_RRS: a record runs past the attribute");
			free_load(l);
			return -EINVAL;
		}
		if (kdns_zb_add(&l->b, &rr)) {
			int err = strcmp(l->b.why, "the zone is larger than the memory limit") ?
				  -EINVAL : -ENOSPC;

			set_msg(extack, l->b.why);
			free_load(l);
			return err;
		}
	}
	return 0;
}

int kdns_zone_commit(struct kdns_net *kn, u32 portid, struct netlink_ext_ack *extack)
{
	struct kdns_load *l = find_load(kn, portid);
	struct kdns_zoneset *old = live(kn), *zs;
	const struct kdns_zone *replaced;
	struct kdns_zone *z;

	lockdep_assert_held(&kn->lock);
	if (!l) {
		NL_SET_ERR_MSG(extack, "no zone load in progress on this socket");
		return -ENOENT;
	}
	z = kdns_zb_finish(&l->b);
	if (!z) {
		int err = strcmp(l->b.why, "the zone is larger than the memory limit") ?
			  -EINVAL : -ENOSPC;

		set_msg(extack, l->b.why);
		free_load(l);
		return err;
	}
	free_load(l);
	z->loaded = ktime_get_real_seconds();
	zs = kdns_zoneset_update(old, z, NULL, &replaced);
	if (!zs) {
		kdns_zone_free(z);
		return -ENOMEM;
	}
	rcu_assign_pointer(kn->zones, zs);
	kn->zone_bytes += z->bytes;
	/* Queries in flight may still read the old set and zone. */
	synchronize_rcu();
	if (replaced) {
		kn->zone_bytes -= replaced->bytes;
		kdns_zone_free((struct kdns_zone *)replaced);
	}
	kdns_zoneset_free(old);
	return 0;
}

int kdns_zone_del(struct kdns_net *kn, const u8 *apex, size_t len,
		  struct netlink_ext_ack *extack)
{
	struct kdns_zoneset *old = live(kn), *zs;
	const struct kdns_zone *replaced;
	u8 lapex[KDNS_NAME_MAX];

	lockdep_assert_held(&kn->lock);
	if (!apex_from(apex, len, lapex)) {
		NL_SET_ERR_MSG(extack, "KDNS_A_ZONE_NAME: not a valid name in wire form");
		return -EINVAL;
	}
	if (!kdns_zoneset_get(old, lapex, kdns_name_hash(lapex))) {
		NL_SET_ERR_MSG(extack, "no such zone");
		return -ENOENT;
	}
	zs = kdns_zoneset_update(old, NULL, lapex, &replaced);
	if (!zs)
		return -ENOMEM;
	rcu_assign_pointer(kn->zones, zs);
	synchronize_rcu();
	kn->zone_bytes -= replaced->bytes;
	kdns_zone_free((struct kdns_zone *)replaced);
	kdns_zoneset_free(old);
	return 0;
}

void kdns_zone_release(struct kdns_net *kn, u32 portid)
{
	struct kdns_load *l;

	mutex_lock(&kn->lock);
	l = find_load(kn, portid);
	if (l)
		free_load(l);
	mutex_unlock(&kn->lock);
}

void kdns_zones_free(struct kdns_net *kn)
{
	struct kdns_zoneset *zs = rcu_dereference_protected(kn->zones, true);
	struct kdns_load *l, *tmp;
	u32 i;

	list_for_each_entry_safe(l, tmp, &kn->loads, list)
		free_load(l);
	if (!zs)
		return;
	for (i = 0; i <= zs->hmask; i++)
		kdns_zone_free((struct kdns_zone *)zs->slots[i]);
	kdns_zoneset_free(zs);
}

/* A netlink socket closed: its zone load, if any, is abandoned. */
static int kdns_netlink_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC)
		kdns_zone_release(kdns_net(n->net), n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block kdns_netlink_notifier = {
	.notifier_call = kdns_netlink_event,
};

int __init kdns_zones_init(void)
{
	return netlink_register_notifier(&kdns_netlink_notifier);
}

void kdns_zones_exit(void)
{
	netlink_unregister_notifier(&kdns_netlink_notifier);
}
