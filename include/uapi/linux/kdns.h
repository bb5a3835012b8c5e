/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * kdns: authoritative DNS answers from the kernel's netfilter path.
 *
 * This is the generic netlink contract between the kdns module and kdnsctl.
 * The family is "kdns" (KDNS_GENL_NAME), version KDNS_GENL_VERSION. Every
 * command requires CAP_NET_ADMIN in the user namespace owning the network
 * namespace of the netlink socket, and acts on that network namespace only.
 * Names are in uncompressed wire form (RFC 1035 3.1), any case.
 *
 * The API grows by appending: commands, attributes and counters are never
 * renumbered or removed. Each command takes the attributes listed for its
 * request and no other: any other is rejected (strict validation, per
 * command), the extack's offset pointing at it.
 *
 * KDNS_CMD_GET_STATS
 *   Request:  KDNS_A_FLAGS: NLA_U32, optional; KDNS_F_RESET_STATS resets the
 *             counters after reading them
 *   Reply:    KDNS_A_VERSION: NLA_NUL_STRING, the module's version
 *             KDNS_A_STATS: NLA_NESTED
 *                KDNS_STAT_<name>: NLA_U64, one per counter of enum kdns_stat
 *
 * Loading a zone of any size: ZONE_BEGIN, then ZONE_ADD as often as needed,
 * then ZONE_COMMIT, all on one netlink socket. The load belongs to that
 * socket: closing it abandons the load. COMMIT replaces a loaded zone of the
 * same name atomically: a query sees the old zone or the new one. Memory:
 * ENOSPC when a namespace's (mem_limit) or all namespaces' (total_mem_limit)
 * limit refuses the load, ENOMEM when the memory cgroup does; EBUSY beyond 8
 * loads in progress in a namespace. A refused load is abandoned.
 *
 * KDNS_CMD_ZONE_BEGIN
 *   Request:  KDNS_A_ZONE_NAME: NLA_BINARY, the apex
 * KDNS_CMD_ZONE_ADD
 *   Request:  KDNS_A_ZONE_RRS: NLA_BINARY, records one after the other:
 *                u8 owner length, owner, be16 type, be16 class, be32 TTL,
 *                be16 RDATA length, RDATA (uncompressed)
 *             A refused record aborts the load; the extack's message says
 *             why, and its offset (NLMSGERR_ATTR_OFFS) is that of the
 *             record's first byte in the request.
 * KDNS_CMD_ZONE_COMMIT
 *   Request:  nothing. Builds the zone and makes it live.
 * KDNS_CMD_ZONE_DEL
 *   Request:  KDNS_A_ZONE_NAME
 * KDNS_CMD_ZONE_GET (dump)
 *   Reply, one message per zone:
 *             KDNS_A_ZONE_NAME, KDNS_A_ZONE_SERIAL: NLA_U32,
 *             KDNS_A_ZONE_RECORDS: NLA_U32, KDNS_A_ZONE_BYTES: NLA_U64,
 *             KDNS_A_ZONE_LOADED: NLA_U64, load time in seconds since 1970
 *
 * KDNS_CMD_ZONE_SHOW (dump): a zone's records
 *   Request:  KDNS_A_ZONE_NAME
 *   Reply, as many messages as needed:
 *             KDNS_A_ZONE_RRS, records in the format of ZONE_ADD, owners
 *             lower-cased. EAGAIN if the zone is replaced during the dump.
 *
 * KDNS_CMD_LOOKUP: the answer the hook would send, without the network
 *   Request:  KDNS_A_LOOKUP_NAME: NLA_BINARY, KDNS_A_LOOKUP_TYPE: NLA_U16,
 *             KDNS_A_FLAGS: optional, KDNS_F_LOOKUP_NO_EDNS for a query
 *             without OPT (else EDNS with a 1232-byte payload)
 *   Reply:    KDNS_A_LOOKUP_ANSWER: NLA_BINARY, the DNS message
 *             ENOENT when the query would be passed on (no zone, ...)
 *
 * Response rate limiting (kdns(4), RATE LIMITING), per network namespace:
 *
 * KDNS_CMD_RRL_SET: switch it on with these settings, or off
 *   Request:  KDNS_A_RRL: NLA_NESTED, absent to switch RRL off:
 *                KDNS_RRL_A_RATE: NLA_U32, answers a second, 1..1000000 (required)
 *                KDNS_RRL_A_WINDOW: NLA_U32, seconds of answers a bucket holds,
 *                   1..3600, rate * window at most 1048575 (default 4)
 *                KDNS_RRL_A_SLIP: NLA_U32, 0..100: every slip-th limited answer
 *                   is sent truncated, the others dropped; 0 drops all (default 2)
 *                KDNS_RRL_A_IPV4_PREFIX: NLA_U8, 8..32 (default 24)
 *                KDNS_RRL_A_IPV6_PREFIX: NLA_U8, 16..64 (default 56)
 *                KDNS_RRL_A_TABLE_SIZE: NLA_U32, buckets, a power of two,
 *                   1024..4194304 (default 1048576; 8 bytes each)
 *                KDNS_RRL_A_EXEMPT: NLA_BINARY, any number up to 64: a prefix
 *                   never limited, address (4 or 16 bytes) then length (1 byte)
 *             The settings replace the previous ones whole, with an empty
 *             table; its memory counts in mem_limit and total_mem_limit
 *             with the zones (ENOSPC over either) and is charged to the
 *             caller's memory cgroup (ENOMEM over its limit).
 * KDNS_CMD_RRL_GET
 *   Reply:    KDNS_A_RRL with every setting, absent when RRL is off
 *
 * DNS cookies (RFC 7873, server cookies of RFC 9018), per network namespace;
 * the secret is random when the namespace starts, cookies are off:
 *
 * KDNS_CMD_COOKIE_SET
 *   Request:  KDNS_A_COOKIE: NLA_NESTED:
 *                KDNS_COOKIE_A_ENABLED: NLA_U8, 0 or 1, optional
 *                KDNS_COOKIE_A_SECRET: NLA_BINARY, 16 bytes, optional: the new
 *                   secret; the current one becomes the previous, whose
 *                   cookies stay good until they expire (an hour)
 *                KDNS_COOKIE_A_ROTATE: NLA_FLAG, optional: a new random secret,
 *                   likewise (not with KDNS_COOKIE_A_SECRET)
 * KDNS_CMD_COOKIE_GET
 *   Reply:    KDNS_A_COOKIE: KDNS_COOKIE_A_ENABLED, KDNS_COOKIE_A_SECRET,
 *             KDNS_COOKIE_A_PREVIOUS (NLA_BINARY, 16 bytes) if there is one
 *
 * The server's identity, per network namespace: none at first.
 *
 * KDNS_CMD_IDENTITY_SET: the settings given replace theirs
 *   Request:  KDNS_A_IDENTITY: NLA_NESTED:
 *                KDNS_IDENTITY_A_NSID: NLA_BINARY, at most 128 bytes, sent to a
 *                   query with an NSID option (RFC 5001); empty: none
 *                KDNS_IDENTITY_A_ID: NLA_BINARY, at most 255 bytes: the TXT of
 *                   class CH id.server. and hostname.bind.; empty: REFUSED
 *                KDNS_IDENTITY_A_VERSION: NLA_BINARY, at most 255 bytes:
 *                   version.server. and version.bind.; empty: REFUSED
 *                KDNS_IDENTITY_A_CHAOS: NLA_U8, 0 or 1: answer class CH
 *                   queries (1), or pass them on (0, at first)
 * KDNS_CMD_IDENTITY_GET
 *   Reply:    KDNS_A_IDENTITY with all four
 */
#ifndef _UAPI_LINUX_KDNS_H
#define _UAPI_LINUX_KDNS_H

#define KDNS_GENL_NAME		"kdns"
#define KDNS_GENL_VERSION	1

enum kdns_cmd {
	KDNS_CMD_UNSPEC,
	KDNS_CMD_GET_STATS,
	KDNS_CMD_ZONE_BEGIN,
	KDNS_CMD_ZONE_ADD,
	KDNS_CMD_ZONE_COMMIT,
	KDNS_CMD_ZONE_DEL,
	KDNS_CMD_ZONE_GET,
	KDNS_CMD_LOOKUP,
	KDNS_CMD_ZONE_SHOW,
	KDNS_CMD_RRL_SET,
	KDNS_CMD_RRL_GET,
	KDNS_CMD_COOKIE_SET,
	KDNS_CMD_COOKIE_GET,
	KDNS_CMD_IDENTITY_SET,
	KDNS_CMD_IDENTITY_GET,
	__KDNS_CMD_MAX
};
#define KDNS_CMD_MAX (__KDNS_CMD_MAX - 1)

enum kdns_flag {
	KDNS_F_RESET_STATS = 1U << 0,
	KDNS_F_LOOKUP_NO_EDNS = 1U << 1,
	__KDNS_F_ALL = KDNS_F_RESET_STATS | KDNS_F_LOOKUP_NO_EDNS
};

enum kdns_attr {
	KDNS_A_UNSPEC,
	KDNS_A_VERSION,
	KDNS_A_FLAGS,
	KDNS_A_STATS,
	KDNS_A_ZONE_NAME,
	KDNS_A_ZONE_RRS,
	KDNS_A_ZONE_SERIAL,
	KDNS_A_ZONE_RECORDS,
	KDNS_A_ZONE_BYTES,
	KDNS_A_ZONE_LOADED,
	KDNS_A_PAD,
	KDNS_A_LOOKUP_NAME,
	KDNS_A_LOOKUP_TYPE,
	KDNS_A_LOOKUP_ANSWER,
	KDNS_A_RRL,
	KDNS_A_COOKIE,
	KDNS_A_IDENTITY,
	__KDNS_A_LAST
};
#define KDNS_A_MAX (__KDNS_A_LAST - 1)

/* Inside KDNS_A_RRL. */
enum kdns_rrl_attr {
	KDNS_RRL_A_UNSPEC,
	KDNS_RRL_A_RATE,
	KDNS_RRL_A_WINDOW,
	KDNS_RRL_A_SLIP,
	KDNS_RRL_A_IPV4_PREFIX,
	KDNS_RRL_A_IPV6_PREFIX,
	KDNS_RRL_A_TABLE_SIZE,
	KDNS_RRL_A_EXEMPT,
	__KDNS_RRL_A_LAST
};
#define KDNS_RRL_A_MAX (__KDNS_RRL_A_LAST - 1)

/* Inside KDNS_A_COOKIE. */
enum kdns_cookie_attr {
	KDNS_COOKIE_A_UNSPEC,
	KDNS_COOKIE_A_ENABLED,
	KDNS_COOKIE_A_SECRET,
	KDNS_COOKIE_A_ROTATE,
	KDNS_COOKIE_A_PREVIOUS,
	__KDNS_COOKIE_A_LAST
};
#define KDNS_COOKIE_A_MAX (__KDNS_COOKIE_A_LAST - 1)

/* Inside KDNS_A_IDENTITY. */
enum kdns_identity_attr {
	KDNS_IDENTITY_A_UNSPEC,
	KDNS_IDENTITY_A_NSID,
	KDNS_IDENTITY_A_ID,
	KDNS_IDENTITY_A_VERSION,
	KDNS_IDENTITY_A_CHAOS,
	__KDNS_IDENTITY_A_LAST
};
#define KDNS_IDENTITY_A_MAX (__KDNS_IDENTITY_A_LAST - 1)

/*
 * Counters, per network namespace. Each is also the attribute type of its
 * value inside KDNS_A_STATS; KDNS_STAT_PAD only aligns 64-bit values.
 */
enum kdns_stat {
	KDNS_STAT_PAD,
	KDNS_STAT_RX,			/* UDP packets to a DNS port seen by the hook */
	KDNS_STAT_PASS_MALFORMED,	/* passed on: not a parseable DNS query */
	KDNS_STAT_PASS_NO_ZONE,		/* passed on: the name is in no loaded zone */
	KDNS_STAT_ANSWERED,		/* answered */
	KDNS_STAT_NOERROR,		/* answers by RCODE */
	KDNS_STAT_NXDOMAIN,
	KDNS_STAT_FORMERR,
	KDNS_STAT_OTHER_RCODE,
	KDNS_STAT_TRUNCATED,		/* answered with TC=1 */
	KDNS_STAT_PASS_OTHER,		/* passed on: response, opcode, class, AXFR, TSIG */
	KDNS_STAT_PASS_CHECKSUM,	/* passed on: bad UDP checksum */
	KDNS_STAT_ERRORS,		/* passed on: no memory or no route for the answer */
	KDNS_STAT_RRL_LIMITED,		/* answers over the rate (slipped or dropped) */
	KDNS_STAT_RRL_SLIPPED,		/* sent truncated (also in answered, truncated) */
	KDNS_STAT_RRL_DROPPED,		/* not sent */
	KDNS_STAT_COOKIE_GOOD,		/* queries with a good server cookie */
	KDNS_STAT_COOKIE_NEW,		/* with a client cookie only, or a bad one */
	__KDNS_STAT_LAST
};
#define KDNS_STAT_MAX (__KDNS_STAT_LAST - 1)

#endif /* _UAPI_LINUX_KDNS_H */
