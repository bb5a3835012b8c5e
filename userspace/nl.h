/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KDNSCTL_NL_H
#define KDNSCTL_NL_H

#include <stdint.h>
#include <libmnl/libmnl.h>

struct kdns_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t portid;
	uint32_t seq;
	char buf[32768];	/* MNL_SOCKET_DUMP_SIZE: large enough for any reply */
};

/* Open a socket to the kdns family; prints why and returns -1 on failure. */
int kdns_nl_open(struct kdns_nl *nl);
void kdns_nl_close(struct kdns_nl *nl);

/* Start a request of cmd in nl->buf; add attributes with mnl_attr_put_*. */
struct nlmsghdr *kdns_nl_request(struct kdns_nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Send the request and feed each reply message to cb. Returns 0, or -1 after
 * printing the kernel's error and its extack message.
 */
int kdns_nl_talk(struct kdns_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data);

#endif /* KDNSCTL_NL_H */
