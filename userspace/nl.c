// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink plumbing of kdnsctl, on libmnl: resolve the family, send a
 * request, read the replies, print the kernel's extack message on error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/kdns.h>

#include "nl.h"

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
		    mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
			*(uint16_t *)data = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

static struct nlmsghdr *put_header(struct kdns_nl *nl, uint16_t type,
				   uint8_t cmd, uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

int kdns_nl_open(struct kdns_nl *nl)
{
	struct nlmsghdr *nlh;
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->seq = time(NULL);
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		fprintf(stderr, "kdnsctl: netlink socket: %s\n", strerror(errno));
		kdns_nl_close(nl);
		return -1;
	}
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	/*
	 * Errors without the request echoed: a refused 64 KiB batch would
	 * otherwise not fit the receive buffer, and its message would be lost.
	 */
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);

	/* Asking for the family also loads the module (its genl alias). */
	nlh = put_header(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, KDNS_GENL_NAME);
	if (kdns_nl_talk(nl, nlh, family_cb, &nl->family) < 0 || !nl->family) {
		fprintf(stderr, "kdnsctl: the kdns module is not loaded (modprobe kdns)\n");
		kdns_nl_close(nl);
		return -1;
	}
	return 0;
}

void kdns_nl_close(struct kdns_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
}

struct nlmsghdr *kdns_nl_request(struct kdns_nl *nl, uint8_t cmd, uint16_t flags)
{
	return put_header(nl, nl->family, cmd, KDNS_GENL_VERSION, flags);
}

struct talk {
	mnl_cb_t cb;
	void *data;
	const char *extack;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

/* The error of an NLMSG_ERROR message, with the extack text if there is one. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	struct talk *t = data;
	struct nlattr *attr;
	unsigned int off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!err->error)
		return MNL_CB_STOP;
	/* Extack attributes follow the request, or just its header if capped. */
	off = sizeof(*err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_for_each(attr, nlh, off)
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
				t->extack = mnl_attr_get_str(attr);
	errno = -err->error;
	return MNL_CB_ERROR;
}


/*
 * The end of a dump. A dump that failed ends with a DONE message carrying
 * the negative error, and the extack attributes after it.
 */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	const int *err = mnl_nlmsg_get_payload(nlh);
	struct nlattr *attr;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(int)) || *err >= 0)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_for_each(attr, nlh, sizeof(int))
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
				t->extack = mnl_attr_get_str(attr);
	errno = -*err;
	return MNL_CB_ERROR;
}

int kdns_nl_talk(struct kdns_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data)
{
	/* A control array replaces libmnl's defaults: DONE must stop a dump. */
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = { [NLMSG_ERROR] = error_cb, [NLMSG_DONE] = done_cb };
	struct talk t = { .cb = cb, .data = data };
	/* The replies are read into nl->buf, over the request. */
	uint32_t seq = req->nlmsg_seq;
	uint16_t type = req->nlmsg_type;
	int ret;

	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0) {
		fprintf(stderr, "kdnsctl: netlink send: %s\n", strerror(errno));
		return -1;
	}
	do {
		ret = mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		if (ret <= 0)
			break;
		ret = mnl_cb_run2(nl->buf, ret, seq, nl->portid, data_cb, &t,
				  ctl, NLMSG_MIN_TYPE);
	} while (ret > 0);
	if (ret < 0) {
		/* Family lookups fail quietly: the caller explains. */
		if (type == GENL_ID_CTRL && errno == ENOENT)
			return -1;
		if (t.extack)
			fprintf(stderr, "kdnsctl: %s: %s\n", t.extack, strerror(errno));
		else
			fprintf(stderr, "kdnsctl: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}
