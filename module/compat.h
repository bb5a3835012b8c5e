/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels kdns builds for (Debian's 6.1 and newer
 * mainline 6.x) live here and nowhere else, named by what they provide.
 * This header is force-included into every kernel object by Kbuild.
 */
#ifndef KDNS_COMPAT_H
#define KDNS_COMPAT_H

#include <linux/version.h>

/* 6.1 is the oldest kernel kdns supports; it has everything used so far. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "kdns needs Linux 6.1 or newer"
#endif

/*
 * A dump's request attributes: in genl_dumpit_info's attrs up to 6.1, in its
 * genl_info from 6.2 on (split ops).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define KDNS_DUMP_ATTRS(cb) (genl_dumpit_info(cb)->info.attrs)
#else
#define KDNS_DUMP_ATTRS(cb) (genl_dumpit_info(cb)->attrs)
#endif

/*
 * The operation genl_family's pre_doit and post_doit are given: a split
 * operation (struct genl_split_ops) from 6.2 on, struct genl_ops before.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define kdns_genl_doit_ops genl_split_ops
#else
#define kdns_genl_doit_ops genl_ops
#endif

#endif /* KDNS_COMPAT_H */
