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

#endif /* KDNS_COMPAT_H */
