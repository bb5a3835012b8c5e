// SPDX-License-Identifier: GPL-2.0
/*
 * An NFQUEUE verdict program that accepts every packet of queue 0, as an
 * inline IPS would: the packets go on through the remaining hooks from
 * nf_reinject(), in process context. Prints the count when it ends.
 *
 *   nfq-accept SECONDS
 */
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

static unsigned long accepted;

static int cb(struct nfq_q_handle *qh, struct nfgenmsg *nfmsg, struct nfq_data *nfa,
	      void *data)
{
	struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);

	(void)nfmsg;
	(void)data;
	accepted++;
	return nfq_set_verdict(qh, ph ? ntohl(ph->packet_id) : 0, NF_ACCEPT, 0, NULL);
}

int main(int argc, char **argv)
{
	struct timeval tv = { .tv_sec = 1 };
	struct nfq_q_handle *qh;
	struct nfq_handle *h;
	char buf[65536];
	time_t end;
	int fd, n;

	end = time(NULL) + (argc > 1 ? atoi(argv[1]) : 10);
	h = nfq_open();
	if (!h || nfq_bind_pf(h, AF_INET) < 0 || nfq_bind_pf(h, AF_INET6) < 0) {
		perror("nfq_open");
		return 1;
	}
	qh = nfq_create_queue(h, 0, cb, NULL);
	if (!qh || nfq_set_mode(qh, NFQNL_COPY_PACKET, 0xffff) < 0) {
		perror("nfq_create_queue");
		return 1;
	}
	fd = nfq_fd(h);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	printf("ready\n");
	fflush(stdout);
	while (time(NULL) < end) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n > 0)
			nfq_handle_packet(h, buf, n);
	}
	printf("accepted %lu packets\n", accepted);
	nfq_destroy_queue(qh);
	nfq_close(h);
	return 0;
}
