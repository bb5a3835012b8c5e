// SPDX-License-Identifier: GPL-2.0
/*
 * ZONE_ADD messages: records in KDNS_A_ZONE_RRS; see rrbatch.h.
 */
#include <stddef.h>
#include <string.h>
#include <linux/kdns.h>

#include "../module/zone.h"
#include "rrbatch.h"

void kdns_rrbatch_init(struct kdns_rrbatch *b, uint16_t family,
		       int (*send)(struct nlmsghdr *nlh, void *data), void *data)
{
	b->send = send;
	b->data = data;
	b->family = family;
	b->nlh = NULL;
}

/* Bytes of the message's KDNS_A_ZONE_RRS so far, its header included. */
static size_t rrs_len(const struct kdns_rrbatch *b)
{
	return (uint8_t *)b->nlh + b->nlh->nlmsg_len - (uint8_t *)b->rrs;
}

/* The message below names the limit. */
_Static_assert(KDNS_RR_SEND_MAX == 65520, "KDNS_RR_SEND_MAX is not 65520");

const char *kdns_rrbatch_fits(const struct kdns_rr *rr)
{
	/* The owner's length goes in one byte. */
	if (rr->owner_len > KDNS_NAME_MAX)
		return "owner name longer than 255 bytes";
	if (rr->owner_len + rr->rdlen > KDNS_RR_SEND_MAX)
		return "record too large to load: its owner and RDATA together exceed 65520 bytes";
	return NULL;
}

int kdns_rrbatch_flush(struct kdns_rrbatch *b)
{
	int ret;

	if (!b->nlh)
		return 0;
	b->rrs->nla_len = rrs_len(b);
	b->nlh->nlmsg_len = MNL_ALIGN(b->nlh->nlmsg_len);
	ret = b->send(b->nlh, b->data);
	b->nlh = NULL;
	return ret;
}

/* A new message, its KDNS_A_ZONE_RRS empty. */
static void start(struct kdns_rrbatch *b)
{
	struct genlmsghdr *g;

	b->nlh = mnl_nlmsg_put_header(b->msg);
	b->nlh->nlmsg_type = b->family;
	b->nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = mnl_nlmsg_put_extra_header(b->nlh, sizeof(*g));
	g->cmd = KDNS_CMD_ZONE_ADD;
	g->version = KDNS_GENL_VERSION;
	/* A plain binary attribute (not nested), grown record by record. */
	b->rrs = mnl_nlmsg_get_payload_tail(b->nlh);
	b->rrs->nla_type = KDNS_A_ZONE_RRS;
	b->nlh->nlmsg_len += MNL_ATTR_HDRLEN;
}

const char *kdns_rrbatch_add(struct kdns_rrbatch *b, const struct kdns_rr *rr)
{
	const char *why = kdns_rrbatch_fits(rr);
	size_t need = kdns_rr_size(rr);

	/*
	 * A record that fits at all fits an empty attribute, and msg holds the
	 * largest attribute: checking the attribute's length checks the copy.
	 */
	if (why)
		return why;
	if (b->nlh && rrs_len(b) + need > KDNS_RRS_MAX && kdns_rrbatch_flush(b) < 0)
		return "the module refused the records";
	if (!b->nlh)
		start(b);
	kdns_rr_put((uint8_t *)b->nlh + b->nlh->nlmsg_len, rr);
	b->nlh->nlmsg_len += need;
	return NULL;
}
