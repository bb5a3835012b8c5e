/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNS_HOOK_H
#define KDNS_HOOK_H

#include <net/net_namespace.h>

int kdns_hook_register(struct net *net);
void kdns_hook_unregister(struct net *net);
int kdns_hook_init(void);
void kdns_hook_exit(void);

#endif /* KDNS_HOOK_H */
