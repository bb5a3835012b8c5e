/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state of kdns and its counters.
 */
#ifndef KDNS_NETNS_H
#define KDNS_NETNS_H

#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <net/netns/generic.h>
#include <net/net_namespace.h>
#include <uapi/linux/kdns.h>

#include "answer.h"
#include "route.h"

struct kdns_pcpu_stats {
	u64_stats_t c[__KDNS_STAT_LAST];
	struct u64_stats_sync syncp;
};

/* A namespace's DNS cookies: replaced whole, freed after a grace period. */
struct kdns_cookies {
	bool enabled;
	bool has_prev;
	u8 cur[KDNS_COOKIE_SECRET];
	u8 prev[KDNS_COOKIE_SECRET];
	struct kdns_cookie_secrets keys;	/* the engine's form of both */
};

struct kdns_net {
	struct net *net;
	/* IPv4 answers' socket: never bound, it only sets IP_PMTUDISC_OMIT. */
	struct sock *answer_sk;
	/* The answers' routes, remembered per CPU (route.h). */
	struct kdns_routes __percpu *routes;
	struct kdns_pcpu_stats __percpu *stats;
	/* What the counters read at the last reset; under lock. */
	u64 stats_base[__KDNS_STAT_LAST];
	struct mutex lock;	/* serialises control-plane writers */
	/* The live zones: read under RCU, replaced whole under lock. */
	struct kdns_zoneset __rcu *zones;
	/* Rate limiting's settings and buckets, or NULL (off): likewise. */
	struct kdns_rrl __rcu *rrl;
	/* DNS cookies: never NULL; a random secret from the start, off. */
	struct kdns_cookies __rcu *cookies;
	/* The server's identity (NSID, CHAOS): never NULL; none at first. */
	struct kdns_identity __rcu *ident;
	/* Under lock: */
	struct list_head loads;	/* zone loads in progress */
	unsigned int nloads;
	size_t load_bytes;	/* memory of the loads in progress */
	size_t zone_bytes;	/* memory of the live zones */
	size_t other_bytes;	/* memory of the rate-limiting table */
	u64 generation;		/* of the last zone committed */
};

extern unsigned int kdns_net_id;

static inline struct kdns_net *kdns_net(const struct net *net)
{
	return net_generic(net, kdns_net_id);
}

static inline void kdns_count(struct kdns_net *kn, enum kdns_stat stat)
{
	struct kdns_pcpu_stats *s = this_cpu_ptr(kn->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->c[stat]);
	u64_stats_update_end(&s->syncp);
}

/* Counters since the last reset, summed over CPUs; with kn->lock held. */
void kdns_stats_read(struct kdns_net *kn, u64 out[__KDNS_STAT_LAST]);
void kdns_stats_reset(struct kdns_net *kn);

/* The engine's keys of c's secrets. */
void kdns_cookies_keys(struct kdns_cookies *c);

/* A rate-limiting table no hook can see any more: freed, uncharged. */
void kdns_rrl_release(struct kdns_net *kn, struct kdns_rrl *rrl);

int kdns_netns_init(void);
void kdns_netns_exit(void);

#endif /* KDNS_NETNS_H */
