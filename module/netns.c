// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: counters, the netfilter hooks, and the zones
 * loaded in that namespace. Each namespace is independent.
 */
#include <linux/slab.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <net/inet_common.h>
#include <net/inet_sock.h>

#include "netns.h"
#include "hook.h"
#include "load.h"

unsigned int kdns_net_id __read_mostly;

void kdns_stats_read(struct kdns_net *kn, u64 out[__KDNS_STAT_LAST])
{
	int cpu, i;

	memset(out, 0, sizeof(u64) * __KDNS_STAT_LAST);
	for_each_possible_cpu(cpu) {
		const struct kdns_pcpu_stats *s = per_cpu_ptr(kn->stats, cpu);
		u64 v[__KDNS_STAT_LAST];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < __KDNS_STAT_LAST; i++)
				v[i] = u64_stats_read(&s->c[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i < __KDNS_STAT_LAST; i++)
			out[i] += v[i];
	}
	for (i = 0; i < __KDNS_STAT_LAST; i++)
		out[i] -= kn->stats_base[i];
}

/*
 * Writers on other CPUs never stop, so a reset does not write their counters:
 * it remembers what they read now, and later reads subtract that.
 */
void kdns_stats_reset(struct kdns_net *kn)
{
	u64 now[__KDNS_STAT_LAST];
	int i;

	kdns_stats_read(kn, now);
	for (i = 0; i < __KDNS_STAT_LAST; i++)
		kn->stats_base[i] += now[i];
}

void kdns_rrl_release(struct kdns_net *kn, struct kdns_rrl *rrl)
{
	if (!rrl)
		return;
	kdns_mem_uncharge(kn, kdns_rrl_bytes(rrl->set.size_log));
	kdns_rrl_free(rrl);
}

void kdns_cookies_keys(struct kdns_cookies *c)
{
	kdns_cookie_key(c->keys.cur, c->cur);
	kdns_cookie_key(c->keys.prev, c->prev);
	c->keys.has_prev = c->has_prev;
}

static int __net_init kdns_net_init(struct net *net)
{
	struct kdns_net *kn = kdns_net(net);
	struct kdns_cookies *ck;
	int err;

	kn->net = net;
	mutex_init(&kn->lock);
	INIT_LIST_HEAD(&kn->loads);
	ck = kzalloc(sizeof(*ck), GFP_KERNEL_ACCOUNT);
	if (!ck)
		return -ENOMEM;
	get_random_bytes(ck->cur, sizeof(ck->cur));
	kdns_cookies_keys(ck);
	RCU_INIT_POINTER(kn->cookies, ck);
	err = -ENOMEM;
	RCU_INIT_POINTER(kn->ident, kzalloc(sizeof(struct kdns_identity), GFP_KERNEL_ACCOUNT));
	if (!rcu_access_pointer(kn->ident))
		goto err_ident;
	kn->stats = netdev_alloc_pcpu_stats(struct kdns_pcpu_stats);
	if (!kn->stats)
		goto err_stats;
	err = inet_ctl_sock_create(&kn->answer_sk, PF_INET, SOCK_DGRAM, IPPROTO_UDP, net);
	if (err)
		goto err_sock;
	inet_sk(kn->answer_sk)->pmtudisc = IP_PMTUDISC_OMIT;
	err = -ENOMEM;
	kn->routes = kdns_routes_alloc();
	if (!kn->routes)
		goto err_routes;
	err = kdns_hook_register(net);
	if (err)
		goto err_hook;
	return 0;

err_hook:
	kdns_routes_free(kn->routes);
err_routes:
	inet_ctl_sock_destroy(kn->answer_sk);
err_sock:
	free_percpu(kn->stats);
err_stats:
	kfree(rcu_dereference_protected(kn->ident, true));
err_ident:
	kfree_sensitive(rcu_dereference_protected(kn->cookies, true));
	return err;
}

/*
 * The hooks go first: nf_unregister_net_hooks() does not wait for hooks
 * running on other CPUs (it frees its entries with call_rcu()), but the
 * namespace code waits for a grace period (synchronize_rcu()) between
 * pre_exit and exit, so no hook runs when exit frees what they use.
 */
static void __net_exit kdns_net_pre_exit(struct net *net)
{
	kdns_hook_unregister(net);
}

static void __net_exit kdns_net_exit(struct net *net)
{
	struct kdns_net *kn = kdns_net(net);

	kdns_load_free_all(kn);
	kdns_rrl_release(kn, rcu_dereference_protected(kn->rrl, true));
	kfree_sensitive(rcu_dereference_protected(kn->cookies, true));
	kfree(rcu_dereference_protected(kn->ident, true));
	kdns_routes_free(kn->routes);
	inet_ctl_sock_destroy(kn->answer_sk);
	free_percpu(kn->stats);
	mutex_destroy(&kn->lock);
}

static struct pernet_operations kdns_net_ops = {
	.init = kdns_net_init,
	.pre_exit = kdns_net_pre_exit,
	.exit = kdns_net_exit,
	.id = &kdns_net_id,
	.size = sizeof(struct kdns_net),
};

int kdns_netns_init(void)
{
	return register_pernet_subsys(&kdns_net_ops);
}

void kdns_netns_exit(void)
{
	unregister_pernet_subsys(&kdns_net_ops);
}
