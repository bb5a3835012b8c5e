// SPDX-License-Identifier: GPL-2.0
/*
 * The answer engine behind a UDP socket, for the differential test against
 * Knot DNS: loads zone files (libzscanner, the engine's builder), answers on
 * 127.0.0.1 and ::1 at the given port with kdns_answer(). A query the engine
 * passes on for its name is answered REFUSED, as a server without that zone
 * would; others it passes on get no answer.
 *
 *   kdns-test-server PORT ZONEFILE...
 *
 * With KDNS_TEST_COOKIE_SECRET (32 hex digits) in the environment, DNS
 * cookies are on with that secret; KDNS_TEST_NSID, KDNS_TEST_ID and
 * KDNS_TEST_VERSION give the server's identity (CH answered with either of
 * the last two), as kdnsctl cookie and identity set them in the kernel.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "../../module/answer.h"
#include "../../userspace/zonefile.h"

static struct kdns_zoneset *load(int n, char **files)
{
	struct kdns_zoneset *zs = NULL;
	int i;

	for (i = 0; i < n; i++) {
		const struct kdns_zone *replaced;
		struct kdns_zoneset *nzs;
		struct kdns_zone *z = kdns_zonefile_build(files[i], NULL, stderr);

		if (!z)
			exit(1);
		nzs = kdns_zoneset_update(zs, z, NULL, &replaced);
		kdns_zoneset_free(zs);
		zs = nzs;
	}
	return zs;
}

static int bind_udp(int family, int port)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(port),
				   .sin6_addr = IN6ADDR_ANY_INIT };
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons(port),
				  .sin_addr.s_addr = htonl(INADDR_ANY) };
	int fd = socket(family, SOCK_DGRAM, 0), one = 1;

	if (family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (fd < 0 || bind(fd, family == AF_INET ? (struct sockaddr *)&a4 : (struct sockaddr *)&a6,
			   family == AF_INET ? sizeof(a4) : sizeof(a6))) {
		perror("bind");
		exit(1);
	}
	return fd;
}

/* What a server without the zone says: REFUSED, the question echoed. */
static size_t refused(const uint8_t *q, size_t qlen, uint8_t *out)
{
	struct kdns_cursor c;
	struct kdns_writer w;
	struct kdns_hdr h, a = { .qdcount = 1 };
	uint8_t name[KDNS_NAME_MAX];
	uint16_t flags;
	size_t len;

	kdns_cursor_init(&c, q, qlen);
	kdns_read_hdr(&c, &h);
	kdns_read_name(&c, name, false);
	kdns_read_u32(&c);
	if (c.err)
		return 0;
	len = c.pos;
	a.id = h.id;
	a.flags = KDNS_FLAG_QR | (h.flags & (KDNS_OPCODE_MASK | KDNS_FLAG_RD)) |
		  KDNS_RCODE_REFUSED;
	kdns_writer_init(&w, out, KDNS_ANSWER_MAX);
	kdns_write_hdr(&w, &a);
	kdns_write_bytes(&w, q + KDNS_HDR_LEN, len - KDNS_HDR_LEN);
	/* An OPT in the query (the first record after the question): echo ours. */
	if (h.arcount && !h.ancount && !h.nscount) {
		kdns_read_name(&c, name, true);
		if (!c.err && kdns_read_u16(&c) == KDNS_T_OPT) {
			kdns_read_u16(&c);
			flags = kdns_read_u32(&c) & KDNS_EDNS_DO_BIT;
			if (!c.err) {
				kdns_write_opt(&w, KDNS_EDNS_MAX_PAYLOAD, 0, flags, 0);
				a.arcount = 1;
				kdns_put_hdr(out, &a);
			}
		}
	}
	return w.pos;
}

static struct kdns_cookie_secrets secrets;
static struct kdns_identity ident;
static bool cookies_on;

/* The context of kdnsctl cookie and identity, from the environment. */
static void context_from_env(void)
{
	const char *secret = getenv("KDNS_TEST_COOKIE_SECRET"), *v;
	uint8_t key[16];
	unsigned int b, i;

	if (secret && strlen(secret) == 32) {
		for (i = 0; i < 16; i++) {
			if (sscanf(secret + 2 * i, "%2x", &b) != 1)
				exit(1);
			key[i] = b;
		}
		kdns_cookie_key(secrets.cur, key);
		cookies_on = true;
	}
	v = getenv("KDNS_TEST_NSID");
	if (v && strlen(v) <= sizeof(ident.nsid)) {
		ident.nsid_len = strlen(v);
		memcpy(ident.nsid, v, ident.nsid_len);
	}
	v = getenv("KDNS_TEST_ID");
	if (v && strlen(v) <= sizeof(ident.id)) {
		ident.id_len = strlen(v);
		memcpy(ident.id, v, ident.id_len);
		ident.chaos = true;
	}
	v = getenv("KDNS_TEST_VERSION");
	if (v && strlen(v) <= sizeof(ident.version)) {
		ident.version_len = strlen(v);
		memcpy(ident.version, v, ident.version_len);
		ident.chaos = true;
	}
}

int main(int argc, char **argv)
{
	static struct kdns_scratch scratch;
	struct kdns_query_ctx ctx = { .cookies = NULL };
	struct kdns_zoneset *zs;
	struct pollfd fds[2];
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s PORT ZONEFILE...\n", argv[0]);
		return 1;
	}
	zs = load(argc - 2, argv + 2);
	context_from_env();
	ctx.cookies = cookies_on ? &secrets : NULL;
	ctx.ident = &ident;
	scratch.ctx = &ctx;
	fds[0].fd = bind_udp(AF_INET, atoi(argv[1]));
	fds[1].fd = bind_udp(AF_INET6, atoi(argv[1]));
	fds[0].events = fds[1].events = POLLIN;
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		if (poll(fds, 2, -1) < 0)
			return 1;
		for (i = 0; i < 2; i++) {
			uint8_t q[65536], out[KDNS_ANSWER_MAX];
			struct sockaddr_storage peer;
			socklen_t plen = sizeof(peer);
			struct kdns_answer_info info;
			size_t outlen = 0;
			ssize_t n;

			if (!(fds[i].revents & POLLIN))
				continue;
			n = recvfrom(fds[i].fd, q, sizeof(q), 0, (struct sockaddr *)&peer, &plen);
			if (n < 0)
				continue;
			ctx.v6 = peer.ss_family == AF_INET6;
			ctx.addr = ctx.v6 ? ((struct sockaddr_in6 *)&peer)->sin6_addr.s6_addr :
				   (const uint8_t *)&((struct sockaddr_in *)&peer)->sin_addr;
			ctx.now = time(NULL);
			/*
			 * Passed on: for a name in no zone, the next server would
			 * refuse it, as Knot does; for what the engine passes as
			 * malformed (or a response), Knot stays silent, and so do we.
			 */
			if (kdns_answer(zs, &scratch, q, n, out, sizeof(out), &outlen, &info) ==
			    KDNS_PASS)
				outlen = info.pass == KDNS_PASS_NO_ZONE ? refused(q, n, out) : 0;
			if (outlen)
				sendto(fds[i].fd, out, outlen, 0, (struct sockaddr *)&peer, plen);
		}
	}
}
