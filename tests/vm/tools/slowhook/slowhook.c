// SPDX-License-Identifier: GPL-2.0
/*
 * slowhook: a test-only module (never load it elsewhere) that holds a query
 * inside kdns's netfilter hook while kdns unregisters its hooks, so that the
 * race between a hook running on one CPU and the module (or a namespace)
 * going away on another, microseconds wide, happens every time.
 *
 * Two kprobes (on ftrace where the kernel can, else int3):
 *
 * - on nf_unregister_net_hooks(): while hold_ms is not 0, when the hooks
 *   unregistered include symbol= (default kdns_hook_ipv4, an IPv4
 *   nf_hookfn), it asks for a hold and waits (up to wait_ms) until one
 *   begins, then lets the unregistration go on;
 *
 * - on the hook function symbol=: once a hold is asked for, its next call
 *   for a UDP datagram to port= (default 53) busy-waits hold_ms ms at the
 *   function's entry, before the hook reads anything. Its caller, nf_hook_slow(), is
 *   then inside an RCU read-side critical section, in softirq.
 *
 * A query is thus inside the hook, for hold_ms more, from the moment the
 * module unregisters its hooks: whatever the module frees before an RCU
 * grace period has passed, that query uses after its hold. Other queries
 * are not held: only another CPU can bring the one asked for.
 *
 * Counters, in /sys/module/slowhook/parameters: seen (calls of the hook
 * function for the port), held (holds), met (unregistrations that met a
 * hold), missed (that waited wait_ms in vain).
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/ip.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/ptrace.h>
#include <linux/skbuff.h>
#include <linux/timekeeping.h>
#include <linux/udp.h>
#include <net/ip.h>

static char *symbol = "kdns_hook_ipv4";
module_param(symbol, charp, 0444);
MODULE_PARM_DESC(symbol, "The IPv4 netfilter hook function to hold queries in");

static ushort port = 53;
module_param(port, ushort, 0444);
MODULE_PARM_DESC(port, "Hold UDP datagrams to this port only");

static uint hold_ms;
module_param(hold_ms, uint, 0644);
MODULE_PARM_DESC(hold_ms, "How long a query is held when the hooks go (0: none, the default)");

static uint wait_ms = 5000;
module_param(wait_ms, uint, 0644);
MODULE_PARM_DESC(wait_ms, "How long an unregistration waits for a hold to begin");

static atomic_t seen = ATOMIC_INIT(0);
static atomic_t held = ATOMIC_INIT(0);
static atomic_t met = ATOMIC_INIT(0);
static atomic_t missed = ATOMIC_INIT(0);

static int counter_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static int counter_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%d\n", atomic_read(kp->arg));
}

static const struct kernel_param_ops counter_ops = {
	.set = counter_set,
	.get = counter_get,
};

module_param_cb(seen, &counter_ops, &seen, 0444);
MODULE_PARM_DESC(seen, "Calls of the hook function for the port");
module_param_cb(held, &counter_ops, &held, 0444);
MODULE_PARM_DESC(held, "Queries held so far");
module_param_cb(met, &counter_ops, &met, 0444);
MODULE_PARM_DESC(met, "Unregistrations of the hooks that met a query held");
module_param_cb(missed, &counter_ops, &missed, 0444);
MODULE_PARM_DESC(missed, "Unregistrations of the hooks that waited for a hold in vain");

/* The hook function's name and module, as "name [module]". */
static char hook_name[KSYM_SYMBOL_LEN];

/* Set by an unregistration waiting for a hold, cleared by the hold. */
static atomic_t wanted = ATOMIC_INIT(0);

static bool to_port(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct udphdr *uh;
	struct udphdr _uh;

	if (iph->protocol != IPPROTO_UDP)
		return false;
	uh = skb_header_pointer(skb, skb_network_offset(skb) + ip_hdrlen(skb),
				sizeof(_uh), &_uh);
	return uh && ntohs(uh->dest) == port;
}

/* At the entry of the hook function: hook(priv, skb, state). */
static int hold_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct sk_buff *skb = (struct sk_buff *)regs_get_kernel_argument(regs, 1);
	const struct nf_hook_state *state;
	unsigned int ms = READ_ONCE(hold_ms);

	state = (const struct nf_hook_state *)regs_get_kernel_argument(regs, 2);
	if (state->pf != NFPROTO_IPV4 || !to_port(skb))
		return 0;
	atomic_inc(&seen);
	if (!ms || !atomic_xchg(&wanted, 0))
		return 0;
	atomic_inc(&held);
	mdelay(ms);
	return 0;
}

static struct kprobe hold_kp = {
	.pre_handler = hold_pre,
};

/* Whether one of these hooks is the hook function. */
static bool ours(const struct nf_hook_ops *reg, unsigned int n)
{
	char name[KSYM_SYMBOL_LEN];
	unsigned int i;

	for (i = 0; i < n; i++) {
		sprint_symbol_no_offset(name, (unsigned long)reg[i].hook);
		if (!strcmp(name, hook_name))
			return true;
	}
	return false;
}

/* At the entry of nf_unregister_net_hooks(net, reg, n). */
static int unregister_pre(struct kprobe *p, struct pt_regs *regs)
{
	const struct nf_hook_ops *reg;
	unsigned int n;
	u64 end;
	int seq;

	if (!READ_ONCE(hold_ms))
		return 0;
	reg = (const struct nf_hook_ops *)regs_get_kernel_argument(regs, 1);
	n = regs_get_kernel_argument(regs, 2);
	if (!ours(reg, n))
		return 0;
	/* A hold that begins from now on: hold_ms remain of it. */
	seq = atomic_read(&held);
	atomic_set(&wanted, 1);
	end = ktime_get_mono_fast_ns() + (u64)READ_ONCE(wait_ms) * NSEC_PER_MSEC;
	while (atomic_read(&held) == seq) {
		if (ktime_get_mono_fast_ns() > end) {
			atomic_set(&wanted, 0);
			atomic_inc(&missed);
			return 0;
		}
		cpu_relax();
	}
	atomic_inc(&met);
	return 0;
}

static struct kprobe unregister_kp = {
	.symbol_name = "nf_unregister_net_hooks",
	.pre_handler = unregister_pre,
};

static int __init slowhook_init(void)
{
	int err;

	hold_kp.symbol_name = symbol;
	err = register_kprobe(&hold_kp);
	if (err) {
		pr_err("slowhook: kprobe on %s: %d\n", symbol, err);
		return err;
	}
	sprint_symbol_no_offset(hook_name, (unsigned long)hold_kp.addr);
	err = register_kprobe(&unregister_kp);
	if (err) {
		pr_err("slowhook: kprobe on %s: %d\n", unregister_kp.symbol_name, err);
		goto err;
	}
	pr_info("slowhook: holding queries in %s (kprobe on %s)\n", hook_name,
		kprobe_ftrace(&hold_kp) ? "ftrace" : "int3");
	return 0;

err:
	unregister_kprobe(&hold_kp);
	return err;
}

static void __exit slowhook_exit(void)
{
	/* Both wait until no handler runs. */
	unregister_kprobe(&unregister_kp);
	unregister_kprobe(&hold_kp);
}

module_init(slowhook_init);
module_exit(slowhook_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test only: hold queries in kdns's hook while it unregisters");
