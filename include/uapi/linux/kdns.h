/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * kdns: authoritative DNS answers from the kernel's netfilter path.
 *
 * This is the generic netlink contract between the kdns module and kdnsctl.
 * The family is "kdns" (KDNS_GENL_NAME), version KDNS_GENL_VERSION. Every
 * command requires CAP_NET_ADMIN in the user namespace owning the network
 * namespace of the netlink socket, and acts on that network namespace only.
 *
 * The API grows by appending: commands, attributes and counters are never
 * renumbered or removed. Unknown attributes are rejected (strict validation).
 *
 * KDNS_CMD_GET_STATS
 * ------------------
 *   Request (doit, no flags needed):
 *     KDNS_A_FLAGS: NLA_U32, optional, a bitmask of enum kdns_flag:
 *        KDNS_F_RESET_STATS: reset the counters after reading them
 *   Reply:
 *     KDNS_A_VERSION: NLA_NUL_STRING, the module's version
 *     KDNS_A_STATS: NLA_NESTED
 *        KDNS_STAT_<name>: NLA_U64, one per counter of enum kdns_stat,
 *                          summed over all CPUs of this network namespace
 */
#ifndef _UAPI_LINUX_KDNS_H
#define _UAPI_LINUX_KDNS_H

#define KDNS_GENL_NAME		"kdns"
#define KDNS_GENL_VERSION	1

enum kdns_cmd {
	KDNS_CMD_UNSPEC,
	KDNS_CMD_GET_STATS,
	__KDNS_CMD_MAX
};
#define KDNS_CMD_MAX (__KDNS_CMD_MAX - 1)

enum kdns_flag {
	KDNS_F_RESET_STATS = 1U << 0,
	__KDNS_F_ALL = KDNS_F_RESET_STATS
};

enum kdns_attr {
	KDNS_A_UNSPEC,
	KDNS_A_VERSION,
	KDNS_A_FLAGS,
	KDNS_A_STATS,
	__KDNS_A_LAST
};
#define KDNS_A_MAX (__KDNS_A_LAST - 1)

/*
 * Counters, per network namespace. Each is also the attribute type of its
 * value inside KDNS_A_STATS; KDNS_STAT_PAD only aligns 64-bit values.
 */
enum kdns_stat {
	KDNS_STAT_PAD,
	KDNS_STAT_RX,			/* UDP packets to a DNS port seen by the hook */
	KDNS_STAT_PASS_MALFORMED,	/* passed on: not a parseable DNS query */
	KDNS_STAT_PASS_NO_ZONE,		/* passed on: the name is in no loaded zone */
	__KDNS_STAT_LAST
};
#define KDNS_STAT_MAX (__KDNS_STAT_LAST - 1)

#endif /* _UAPI_LINUX_KDNS_H */
