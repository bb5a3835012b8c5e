// SPDX-License-Identifier: GPL-2.0
/*
 * kdns: authoritative DNS answers from the netfilter path.
 */
#include <linux/module.h>
#include <linux/random.h>
#include <net/genetlink.h>

#include "netns.h"
#include "hook.h"
#include "netlink.h"
#include "load.h"

static int __init kdns_init(void)
{
	u8 key[16];
	int err;

	/* The zones' name hashes are keyed by a secret of this boot. */
	get_random_bytes(key, sizeof(key));
	kdns_hash_set_key(key);
	/* Namespaces (and their hooks) first: netlink handlers rely on them. */
	err = kdns_hook_init();
	if (err)
		return err;
	err = kdns_netns_init();
	if (err)
		goto err_netns;
	err = kdns_load_init();
	if (err)
		goto err_zones;
	err = kdns_genl_init();
	if (err)
		goto err_genl;
	pr_info("kdns " KDNS_VERSION " loaded\n");
	return 0;

err_genl:
	kdns_load_exit();
	kdns_load_drain();
err_zones:
	kdns_netns_exit();
err_netns:
	kdns_hook_exit();
	return err;
}

static void __exit kdns_exit(void)
{
	kdns_genl_exit();
	kdns_load_exit();
	kdns_netns_exit();
	kdns_load_drain();
	kdns_hook_exit();
	pr_info("kdns unloaded\n");
}

module_init(kdns_init);
module_exit(kdns_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Authoritative DNS answers from the netfilter path");
MODULE_AUTHOR("The kdns developers");
MODULE_VERSION(KDNS_VERSION);
MODULE_ALIAS_GENL_FAMILY(KDNS_GENL_NAME);
