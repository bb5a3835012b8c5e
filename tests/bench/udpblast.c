// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's open-loop load: send DNS queries over UDP as fast as one
 * thread can, for a number of seconds, never waiting for answers, and print
 * how many were sent. dnsperf waits for its answers (or times out), so it
 * can measure no more than its own vCPU sends and receives; this offers
 * more than a server can take, and what the server answered is counted
 * elsewhere (an nftables counter on the client's interface, which drops
 * the answers there). Without a query file, one query (n0.bench.example. A)
 * is sent over and over: for the drop hook.
 *
 *   udpblast ADDRESS SECONDS [QUERYFILE]
 *
 * QUERYFILE is in dnsperf's format: "name type" a line; up to 100000
 * queries are read, and sent in turn, each with its own ID, from 8
 * sockets (8 source ports), in batches of 64.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define SOCKETS 8
#define QUERIES_MAX 100000
#define QUERY_LEN_MAX 300

struct query {
	unsigned char wire[QUERY_LEN_MAX];
	size_t len;
};

static const struct {
	const char *name;
	unsigned short type;
} types[] = {
	{ "A", 1 }, { "NS", 2 }, { "CNAME", 5 }, { "SOA", 6 }, { "PTR", 12 },
	{ "MX", 15 }, { "TXT", 16 }, { "AAAA", 28 }, { "SRV", 33 }, { "ANY", 255 },
};

/* A query for NAME (dotted, absolute or not) of TYPE; 0 if it cannot be. */
static size_t build(unsigned char *w, const char *name, const char *type)
{
	size_t len = 12, i;
	const char *p = name, *dot;
	int t = -1;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(type, types[i].name))
			t = types[i].type;
	if (t < 0)
		return 0;
	memset(w, 0, 12);
	w[5] = 1;			/* QDCOUNT */
	while (*p) {
		dot = strchr(p, '.');
		if (!dot)
			dot = p + strlen(p);
		if (dot == p || dot - p > 63 || len + (dot - p) + 1 > 12 + 255)
			return 0;
		w[len++] = dot - p;
		memcpy(w + len, p, dot - p);
		len += dot - p;
		p = *dot ? dot + 1 : dot;
	}
	w[len++] = 0;
	w[len++] = t >> 8;
	w[len++] = t & 255;
	w[len++] = 0;
	w[len++] = 1;			/* IN */
	return len;
}

static size_t load(const char *path, struct query *q)
{
	char line[512], name[300], type[16];
	size_t n = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(1);
	}
	while (n < QUERIES_MAX && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%299s %15s", name, type) != 2)
			continue;
		q[n].len = build(q[n].wire, name, type);
		if (!q[n].len) {
			fprintf(stderr, "%s: cannot send: %s", path, line);
			exit(1);
		}
		n++;
	}
	fclose(f);
	return n;
}

static int later(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec >= b->tv_nsec);
}

int main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(53) };
	static struct query q[QUERIES_MAX];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct timespec now, end;
	unsigned long long sent = 0;
	unsigned short id = 0;
	size_t nq = 1, next = 0;
	int fd[SOCKETS], s, i, n, sndbuf = 64 << 20;

	if ((argc != 3 && argc != 4) || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "usage: udpblast ADDRESS SECONDS [QUERYFILE]\n");
		return 1;
	}
	if (argc == 4)
		nq = load(argv[3], q);
	else
		q[0].len = build(q[0].wire, "n0.bench.example.", "A");
	if (!nq) {
		fprintf(stderr, "%s: no queries\n", argv[3]);
		return 1;
	}
	for (s = 0; s < SOCKETS; s++) {
		fd[s] = socket(AF_INET, SOCK_DGRAM, 0);
		/*
		 * A datagram counts against its socket's send buffer until
		 * the receiver's IP layer takes it; a server whose softirq
		 * falls behind would then hold udpblast back (a closed loop
		 * after all). With a large buffer, the excess is dropped at
		 * the server's backlog instead.
		 */
		if (fd[s] < 0 || setsockopt(fd[s], SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf,
					    sizeof(sndbuf)) < 0 ||
		    connect(fd[s], (struct sockaddr *)&sin, sizeof(sin)) < 0) {
			perror("udpblast");
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += atoi(argv[2]);
	s = 0;
	do {
		for (i = 0; i < BATCH; i++) {
			struct query *x = &q[(next + i) % nq];

			x->wire[0] = (id + i) >> 8;
			x->wire[1] = (id + i) & 255;
			iov[i] = (struct iovec){ .iov_base = x->wire, .iov_len = x->len };
			msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[i], .msg_iovlen = 1 } };
		}
		/* Short on an error (a port unreachable): go on from there. */
		n = sendmmsg(fd[s], msgs, BATCH, 0);
		if (n > 0) {
			sent += n;
			next = (next + n) % nq;
			id += n;
		}
		s = (s + 1) % SOCKETS;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (!later(&now, &end));
	printf("%llu\n", sent);
	return 0;
}
