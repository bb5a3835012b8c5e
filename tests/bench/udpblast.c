// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: send one DNS query (n0.bench.example. A) over UDP as fast as
 * one thread can, for a number of seconds, and print how many were sent.
 * For the reflector's drop mode, where nothing answers and dnsperf would
 * wait on timeouts.
 *
 *   udpblast ADDRESS SECONDS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const unsigned char query[] = {
	0x12, 0x34, 0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
	2, 'n', '0', 5, 'b', 'e', 'n', 'c', 'h', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
	0, 1, 0, 1,
};

#define BATCH 64

int main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(53) };
	struct mmsghdr msgs[BATCH];
	struct iovec iov = { .iov_base = (void *)query, .iov_len = sizeof(query) };
	struct timespec now, end;
	unsigned long long sent = 0;
	int fd, i, n;

	if (argc != 3 || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "usage: udpblast ADDRESS SECONDS\n");
		return 1;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("udpblast");
		return 1;
	}
	for (i = 0; i < BATCH; i++)
		msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov, .msg_iovlen = 1 } };
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += atoi(argv[2]);
	do {
		n = sendmmsg(fd, msgs, BATCH, 0);
		if (n > 0)
			sent += n;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec < end.tv_nsec));
	printf("%llu\n", sent);
	return 0;
}
