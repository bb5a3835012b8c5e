/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNS_NETLINK_H
#define KDNS_NETLINK_H

int kdns_genl_init(void);
void kdns_genl_exit(void);

#endif /* KDNS_NETLINK_H */
