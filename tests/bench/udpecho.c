// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's userspace reference: the least a DNS server on sockets can
 * do. It answers every query on ADDRESS port 53 by sending it back with QR
 * and AA set (a reply dnsperf accepts), batching with recvmmsg/sendmmsg: no
 * parsing, no lookup. What any userspace server pays for the socket path.
 *
 *   udpecho ADDRESS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define BATCH 64

int main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(53) };
	static unsigned char buf[BATCH][512];
	static struct sockaddr_in peer[BATCH];
	static struct iovec iov[BATCH];
	static struct mmsghdr msgs[BATCH];
	int fd, i, n;

	if (argc != 2 || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "usage: udpecho ADDRESS\n");
		return 1;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("udpecho");
		return 1;
	}
	for (;;) {
		for (i = 0; i < BATCH; i++) {
			iov[i] = (struct iovec){ .iov_base = buf[i], .iov_len = sizeof(buf[i]) };
			msgs[i].msg_hdr = (struct msghdr){
				.msg_name = &peer[i], .msg_namelen = sizeof(peer[i]),
				.msg_iov = &iov[i], .msg_iovlen = 1,
			};
		}
		n = recvmmsg(fd, msgs, BATCH, MSG_WAITFORONE, NULL);
		if (n <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (msgs[i].msg_len < 12)
				msgs[i].msg_len = 0;
			else
				buf[i][2] |= 0x84;
			iov[i].iov_len = msgs[i].msg_len;
		}
		sendmmsg(fd, msgs, n, 0);
	}
}
