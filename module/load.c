// SPDX-License-Identifier: GPL-2.0
/*
 * The zones of a network namespace: loads in progress, each bound to the
 * netlink socket that began it, and the live zone set, which the hooks read
 * under RCU and writers (holding kn->lock) replace whole.
 *
 * Memory. Any user who is root in its own user and network namespace can
 * load zones, so every byte a load allocates is counted before it is
 * allocated, against two limits: mem_limit, for a namespace's live zones
 * plus its loads in progress (a load that replaces a zone may count that
 * zone's bytes as free) and its rate-limiting table, and total_mem_limit,
 * for all of them of all namespaces together. A namespace has at most
 * KDNS_LOADS_MAX loads in progress. Allocations are charged to the loader's
 * memory cgroup, and fail (ENOMEM) rather than wake the OOM killer
 * (portable.h).
 */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "netns.h"
#include "load.h"

#define KDNS_LOADS_MAX	8

static unsigned long mem_limit = 1UL << 30;
static unsigned long total_mem_limit;	/* 0 until init: a quarter of RAM */

/* Bytes of all zone images and loads in progress, over all namespaces. */
static atomic_long_t kdns_mem_used = ATOMIC_LONG_INIT(0);

static struct workqueue_struct *kdns_free_wq;

/* Both limits: a number of bytes, from 1 to a bound of their own. */
static int limit_set(const char *val, const struct kernel_param *kp, unsigned long most)
{
	unsigned long v;
	int err = kstrtoul(val, 0, &v);

	if (err)
		return err;
	if (!v || v > most)
		return -EINVAL;
	WRITE_ONCE(*(unsigned long *)kp->arg, v);
	return 0;
}

/* A namespace's zones never need more than the image format allows. */
static int mem_limit_set(const char *val, const struct kernel_param *kp)
{
	return limit_set(val, kp, KDNS_ZONE_MAX_BYTES);
}

static int total_mem_limit_set(const char *val, const struct kernel_param *kp)
{
	return limit_set(val, kp, totalram_pages() << PAGE_SHIFT);
}

static const struct kernel_param_ops mem_limit_ops = {
	.set = mem_limit_set,
	.get = param_get_ulong,
};

static const struct kernel_param_ops total_mem_limit_ops = {
	.set = total_mem_limit_set,
	.get = param_get_ulong,
};

module_param_cb(mem_limit, &mem_limit_ops, &mem_limit, 0644);
MODULE_PARM_DESC(mem_limit,
		 "Bytes of zones and loads in progress per network namespace (default 1 GiB, at most 2 GiB - 1)");
module_param_cb(total_mem_limit, &total_mem_limit_ops, &total_mem_limit, 0644);
MODULE_PARM_DESC(total_mem_limit,
		 "Bytes of zones and loads in progress of all namespaces (default a quarter of RAM)");

struct kdns_load {
	struct list_head list;
	struct kdns_net *kn;
	/* The socket that began it (a reference), and its port id. */
	struct sock *sk;
	u32 portid;
	/* Which limit refused an allocation, for the error's message. */
	const char *refused;
	struct kdns_zone_builder b;
};

/* A zone set and a zone that readers may still see, freed after them. */
struct kdns_garbage {
	struct rcu_work rwork;
	struct kdns_zoneset *zs;
	struct kdns_zone *zone;
};

static struct kdns_zoneset *live(struct kdns_net *kn)
{
	return rcu_dereference_protected(kn->zones, lockdep_is_held(&kn->lock));
}

static struct kdns_load *find_load(struct kdns_net *kn, const struct sock *sk, u32 portid)
{
	struct kdns_load *l;

	list_for_each_entry(l, &kn->loads, list)
		if (l->sk == sk && l->portid == portid)
			return l;
	return NULL;
}

/* Release the builder's memory (uncharged by its account hook), then the load. */
static void free_load(struct kdns_load *l)
{
	list_del(&l->list);
	l->kn->nloads--;
	kdns_zb_destroy(&l->b);
	sock_put(l->sk);
	kfree(l);
}

static void zone_free(struct kdns_zone *z)
{
	if (!z)
		return;
	atomic_long_sub(z->bytes, &kdns_mem_used);
	kdns_zone_free(z);
}

static void garbage_free(struct work_struct *work)
{
	struct kdns_garbage *g = container_of(to_rcu_work(work), struct kdns_garbage, rwork);

	zone_free(g->zone);
	kdns_zoneset_free(g->zs);
	kfree(g);
}

/*
 * A replaced set, and the zone it replaced (if any), freed in g after a
 * grace period: queries in flight may still read them.
 */
static void retire(struct kdns_garbage *g, struct kdns_zoneset *old,
		   const struct kdns_zone *replaced)
{
	g->zs = old;
	g->zone = (struct kdns_zone *)replaced;
	INIT_RCU_WORK(&g->rwork, garbage_free);
	queue_rcu_work(kdns_free_wq, &g->rwork);
}

int kdns_mem_charge(struct kdns_net *kn, size_t bytes, size_t replaced)
{
	lockdep_assert_held(&kn->lock);
	if (kn->zone_bytes + kn->load_bytes + kn->other_bytes - replaced + bytes >
	    READ_ONCE(mem_limit))
		return KDNS_MEM_NS_LIMIT;
	if (atomic_long_add_return(bytes, &kdns_mem_used) > READ_ONCE(total_mem_limit)) {
		atomic_long_sub(bytes, &kdns_mem_used);
		return KDNS_MEM_TOTAL_LIMIT;
	}
	kn->other_bytes += bytes;
	return 0;
}

void kdns_mem_uncharge(struct kdns_net *kn, size_t bytes)
{
	kn->other_bytes -= bytes;
	atomic_long_sub(bytes, &kdns_mem_used);
}

/* The live zone of this apex, lower-cased, or NULL. */
static const struct kdns_zone *live_zone(struct kdns_net *kn, const u8 *lapex)
{
	return kdns_zoneset_get(live(kn), lapex, kdns_name_hash(lapex));
}

/*
 * The builder's account hook: bytes > 0 before an allocation (false refuses
 * it), bytes < 0 after a free. The namespace's live zones, without the one
 * this load replaces, and all its loads must stay within mem_limit; all
 * namespaces' within total_mem_limit.
 */
static bool load_account(struct kdns_zone_builder *b, long bytes)
{
	struct kdns_load *l = container_of(b, struct kdns_load, b);
	struct kdns_net *kn = l->kn;
	const struct kdns_zone *old;
	size_t others;

	lockdep_assert_held(&kn->lock);
	if (bytes < 0) {
		kn->load_bytes += bytes;
		atomic_long_add(bytes, &kdns_mem_used);
		return true;
	}
	old = live_zone(kn, b->apex);
	others = kn->zone_bytes - (old ? old->bytes : 0) + kn->load_bytes + kn->other_bytes;
	if (others + bytes > READ_ONCE(mem_limit)) {
		l->refused = "the zone is larger than the namespace's memory limit (mem_limit; loads in progress count too)";
		return false;
	}
	if (atomic_long_add_return(bytes, &kdns_mem_used) > READ_ONCE(total_mem_limit)) {
		atomic_long_sub(bytes, &kdns_mem_used);
		l->refused = "kdns's memory limit for all namespaces (total_mem_limit) is reached";
		return false;
	}
	kn->load_bytes += bytes;
	return true;
}

/* The builder's error as an errno, with its message for the extack. */
static int build_error(struct kdns_load *l, struct netlink_ext_ack *extack)
{
	switch (l->b.err) {
	case KDNS_ZB_REFUSED:
		/* l->refused is a static string too. */
		if (extack)
			extack->_msg = l->refused;
		return -ENOSPC;
	case KDNS_ZB_TOO_LARGE:
		NL_SET_ERR_MSG(extack, "the zone is larger than the memory limit");
		return -ENOSPC;
	case KDNS_ZB_NOMEM:
		NL_SET_ERR_MSG(extack, "out of memory (or over the memory cgroup's limit)");
		return -ENOMEM;
	case KDNS_ZB_KILLED:
		return -EINTR;
	default:
		/* The builder's reasons are static strings: they can be the message. */
		if (extack)
			extack->_msg = l->b.why;
		return -EINVAL;
	}
}

/* A name attribute in wire form, lower-cased into out; false if invalid. */
static bool apex_from(const u8 *p, size_t len, u8 *out)
{
	if (!kdns_read_name_all(p, len, out))
		return false;
	kdns_name_lower(out);
	return true;
}

int kdns_load_begin(struct kdns_net *kn, struct sock *sk, u32 portid, const u8 *apex,
		    size_t len, struct netlink_ext_ack *extack)
{
	u8 lapex[KDNS_NAME_MAX];
	struct kdns_load *l;

	lockdep_assert_held(&kn->lock);
	if (find_load(kn, sk, portid)) {
		NL_SET_ERR_MSG(extack, "a zone load is already in progress on this socket");
		return -EBUSY;
	}
	if (kn->nloads >= KDNS_LOADS_MAX) {
		NL_SET_ERR_MSG(extack, "too many zone loads in progress in this namespace");
		return -EBUSY;
	}
	if (!apex_from(apex, len, lapex)) {
		NL_SET_ERR_MSG(extack, "KDNS_A_ZONE_NAME: not a valid name in wire form");
		return -EINVAL;
	}
	l = kzalloc(sizeof(*l), GFP_KERNEL_ACCOUNT | __GFP_NOWARN | __GFP_RETRY_MAYFAIL);
	if (!l)
		return -ENOMEM;
	if (kdns_zb_init(&l->b, lapex, min_t(unsigned long, READ_ONCE(mem_limit),
					     KDNS_ZONE_MAX_BYTES))) {
		kfree(l);
		NL_SET_ERR_MSG(extack, "KDNS_A_ZONE_NAME: not a valid name in wire form");
		return -EINVAL;
	}
	l->b.account = load_account;
	l->kn = kn;
	sock_hold(sk);
	l->sk = sk;
	l->portid = portid;
	list_add(&l->list, &kn->loads);
	kn->nloads++;
	return 0;
}

int kdns_load_add(struct kdns_net *kn, struct sock *sk, u32 portid, const struct nlattr *rrs,
		  struct netlink_ext_ack *extack)
{
	struct kdns_load *l = find_load(kn, sk, portid);
	struct kdns_cursor c;
	int err;

	lockdep_assert_held(&kn->lock);
	if (!l) {
		NL_SET_ERR_MSG(extack, "no zone load in progress on this socket");
		return -ENOENT;
	}
	kdns_cursor_init(&c, nla_data(rrs), nla_len(rrs));
	while (kdns_cursor_left(&c)) {
		/*
		 * The extack's offset (NLMSGERR_ATTR_OFFS) of a refused record is
		 * that of its first byte in the message: bad_attr marks a
		 * position in the request, the kernel only subtracts.
		 */
		const void *start = c.base + c.pos;
		struct kdns_rr rr;

		kdns_rr_read(&c, &rr);
		if (c.err) {
			NL_SET_ERR_MSG_ATTR(extack, start,
					    "KDNS_A_ZONE_RRS: a record runs past the attribute");
			err = -EINVAL;
			goto refused;
		}
		if (kdns_zb_add(&l->b, &rr)) {
			err = build_error(l, extack);
			NL_SET_BAD_ATTR(extack, start);
			goto refused;
		}
	}
	return 0;
refused:
	free_load(l);
	return err;
}

int kdns_load_commit(struct kdns_net *kn, struct sock *sk, u32 portid,
		     struct netlink_ext_ack *extack)
{
	struct kdns_load *l = find_load(kn, sk, portid);
	struct kdns_zoneset *old = live(kn), *zs;
	const struct kdns_zone *replaced;
	struct kdns_garbage *g;
	struct kdns_zone *z;
	int err;

	lockdep_assert_held(&kn->lock);
	if (!l) {
		NL_SET_ERR_MSG(extack, "no zone load in progress on this socket");
		return -ENOENT;
	}
	g = kzalloc(sizeof(*g), GFP_KERNEL_ACCOUNT | __GFP_NOWARN | __GFP_RETRY_MAYFAIL);
	if (!g) {
		free_load(l);
		return -ENOMEM;
	}
	/* The image is checked against both limits as it is built. */
	z = kdns_zb_finish(&l->b);
	if (!z) {
		err = build_error(l, extack);
		free_load(l);
		kfree(g);
		return err;
	}
	/* Its bytes move from the load to the namespace's zones. */
	kn->load_bytes -= z->bytes;
	free_load(l);
	z->loaded = ktime_get_real_seconds();
	z->generation = ++kn->generation;
	zs = kdns_zoneset_update(old, z, NULL, &replaced);
	if (!zs) {
		zone_free(z);
		kfree(g);
		return -ENOMEM;
	}
	rcu_assign_pointer(kn->zones, zs);
	kn->zone_bytes += z->bytes;
	if (replaced)
		kn->zone_bytes -= replaced->bytes;
	retire(g, old, replaced);
	return 0;
}

int kdns_unload(struct kdns_net *kn, const u8 *apex, size_t len,
		struct netlink_ext_ack *extack)
{
	struct kdns_zoneset *old = live(kn), *zs;
	const struct kdns_zone *replaced;
	u8 lapex[KDNS_NAME_MAX];
	struct kdns_garbage *g;

	lockdep_assert_held(&kn->lock);
	if (!apex_from(apex, len, lapex)) {
		NL_SET_ERR_MSG(extack, "KDNS_A_ZONE_NAME: not a valid name in wire form");
		return -EINVAL;
	}
	if (!live_zone(kn, lapex)) {
		NL_SET_ERR_MSG(extack, "no such zone");
		return -ENOENT;
	}
	g = kzalloc(sizeof(*g), GFP_KERNEL_ACCOUNT | __GFP_NOWARN | __GFP_RETRY_MAYFAIL);
	if (!g)
		return -ENOMEM;
	zs = kdns_zoneset_update(old, NULL, lapex, &replaced);
	if (!zs) {
		kfree(g);
		return -ENOMEM;
	}
	rcu_assign_pointer(kn->zones, zs);
	kn->zone_bytes -= replaced->bytes;
	retire(g, old, replaced);
	return 0;
}

/*
 * A netlink socket closed: its zone load, if any, is abandoned. The port id
 * is free for another socket before this runs, so the load to free is the
 * one of that port id whose socket is dead, not any socket's.
 */
static void kdns_load_release(struct kdns_net *kn, u32 portid)
{
	struct kdns_load *l, *tmp;

	mutex_lock(&kn->lock);
	list_for_each_entry_safe(l, tmp, &kn->loads, list)
		if (l->portid == portid && sock_flag(l->sk, SOCK_DEAD))
			free_load(l);
	mutex_unlock(&kn->lock);
}

void kdns_load_free_all(struct kdns_net *kn)
{
	struct kdns_zoneset *zs = rcu_dereference_protected(kn->zones, true);
	struct kdns_load *l, *tmp;
	u32 i;

	mutex_lock(&kn->lock);
	list_for_each_entry_safe(l, tmp, &kn->loads, list)
		free_load(l);
	mutex_unlock(&kn->lock);
	if (!zs)
		return;
	for (i = 0; i <= zs->hmask; i++)
		zone_free((struct kdns_zone *)zs->slots[i]);
	kdns_zoneset_free(zs);
}

static int kdns_netlink_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC)
		kdns_load_release(kdns_net(n->net), n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block kdns_netlink_notifier = {
	.notifier_call = kdns_netlink_event,
};

int __init kdns_load_init(void)
{
	int err;

	if (!total_mem_limit)
		total_mem_limit = (totalram_pages() << PAGE_SHIFT) / 4;
	kdns_free_wq = alloc_workqueue("kdns_free", WQ_UNBOUND, 0);
	if (!kdns_free_wq)
		return -ENOMEM;
	err = netlink_register_notifier(&kdns_netlink_notifier);
	if (err)
		destroy_workqueue(kdns_free_wq);
	return err;
}

void kdns_load_exit(void)
{
	netlink_unregister_notifier(&kdns_netlink_notifier);
}

void kdns_load_drain(void)
{
	rcu_barrier();		/* every queue_rcu_work() has queued its work */
	destroy_workqueue(kdns_free_wq);
	WARN_ON(atomic_long_read(&kdns_mem_used));
}
