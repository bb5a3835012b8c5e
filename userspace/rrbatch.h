/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_RRBATCH_H
#define KDNSCTL_RRBATCH_H

#include <stdint.h>
#include <linux/genetlink.h>
#include <libmnl/libmnl.h>

#include "../module/zone.h"

/*
 * The largest KDNS_A_ZONE_RRS attribute: its nla_len, which counts its
 * header too, is 16 bits. A record is never split across attributes, so
 * this bounds a record: owner and RDATA together at most KDNS_RR_SEND_MAX
 * bytes (65520; RDATA alone may be 65535, and a record of that much cannot
 * be sent at all).
 */
#define KDNS_RRS_MAX		0xffff
#define KDNS_RR_SEND_MAX	(KDNS_RRS_MAX - NLA_HDRLEN - KDNS_RR_FIXED)

/* One ZONE_ADD message: its headers and the largest attribute, padded. */
#define KDNS_RRBATCH_MSG_MAX	(NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(KDNS_RRS_MAX))

/*
 * Records packed into KDNS_CMD_ZONE_ADD messages, as many to a message as
 * its attribute holds; a full message goes to send. Nothing here knows the
 * socket, so the encoding can be tested and fuzzed without the module.
 */
struct kdns_rrbatch {
	/* Sends a complete message; < 0 if it failed. */
	int (*send)(struct nlmsghdr *nlh, void *data);
	void *data;
	uint16_t family;
	struct nlmsghdr *nlh;	/* the message being filled, or NULL */
	struct nlattr *rrs;	/* its KDNS_A_ZONE_RRS */
	/* Holds the message, so aligned as its nlmsghdr. */
	uint8_t msg[KDNS_RRBATCH_MSG_MAX] __attribute__((aligned(NLMSG_ALIGNTO)));
};

void kdns_rrbatch_init(struct kdns_rrbatch *b, uint16_t family,
		       int (*send)(struct nlmsghdr *nlh, void *data), void *data);

/* NULL if rr can be sent to the module, else why not. */
const char *kdns_rrbatch_fits(const struct kdns_rr *rr);

/* Add one record, sending the message first if it is full; NULL, or why not. */
const char *kdns_rrbatch_add(struct kdns_rrbatch *b, const struct kdns_rr *rr);

/* Send the message being filled, if any; < 0 if send failed. */
int kdns_rrbatch_flush(struct kdns_rrbatch *b);

#endif /* KDNSCTL_RRBATCH_H */
