// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone load's ZONE_ADD messages (userspace/rrbatch.c), against the
 * module's side run in userspace (fake_module.c): zones with records up to
 * the largest a KDNS_A_ZONE_RRS attribute can carry load, and are the zones
 * kdnsctl built; a larger record is refused at its line, as "zone check"
 * (run from the kdnsctl given as argument, if any) refuses it. TAP output.
 *
 *   build/rrbatch_test [userspace/kdnsctl]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "fake_module.h"

static const char *kdnsctl;
static char dir[] = "/tmp/rrbatch_test.XXXXXX";
static int passed, failed;

/* The zone's first lines; records added by the cases follow, from line 5. */
static const char head[] =
	"$ORIGIN example.\n"
	"$TTL 3600\n"
	"@ SOA ns hostmaster 1 7200 3600 1209600 300\n"
	"@ NS ns\n";

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", cond ? "ok" : "not ok", passed + failed + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (cond)
		passed++;
	else
		failed++;
}

static void put_chars(FILE *f, char c, size_t n)
{
	while (n--)
		fputc(c, f);
}

/* A TXT RDATA of exactly rdlen bytes: 255-byte strings, then the rest. */
static void put_txt(FILE *f, size_t rdlen)
{
	while (rdlen) {
		size_t n = rdlen > 255 ? 255 : rdlen;

		fputs(" \"", f);
		put_chars(f, 'x', n - 1);
		fputc('"', f);
		rdlen -= n;
	}
}

/* An owner under example. whose wire form is exactly len bytes (>= 11). */
static void put_owner(FILE *f, size_t len)
{
	size_t rest = len - 9;		/* "\7example\0" */

	while (rest > 64) {
		/* Labels of 63, but leave at least "\1x" for the last one. */
		size_t n = rest - 64 >= 2 ? 63 : 62;

		put_chars(f, 'a', n);
		fputc('.', f);
		rest -= n + 1;
	}
	put_chars(f, 'b', rest - 1);
}

/* A record "OWNER TXT ..." of rdlen bytes; owner_len 0: a short name of i. */
static void put_big_txt(FILE *f, size_t owner_len, size_t rdlen, int i)
{
	if (owner_len)
		put_owner(f, owner_len);
	else
		fprintf(f, "txt%d", i);
	fprintf(f, " TXT");
	put_txt(f, rdlen);
	fprintf(f, "\n");
}

/* A zone file of head and the text of body(f); its path. */
static char *zone_file(const char *name, void (*body)(FILE *f, const void *arg),
		       const void *arg)
{
	static char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputs(head, f);
	body(f, arg);
	fclose(f);
	return path;
}

struct big {
	size_t owner_len, rdlen;
};

static void body_big(FILE *f, const void *arg)
{
	const struct big *b = arg;

	put_big_txt(f, b->owner_len, b->rdlen, 0);
}

static void body_many(FILE *f, const void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 5000; i++)
		fprintf(f, "h%d A 192.0.2.%d\n", i, i % 256);
}

/*
 * Records filling one attribute exactly, then one more. 65531 bytes of
 * records: head's SOA (1 + 9 + 10 + 52) and NS (1 + 9 + 10 + 12), and two
 * TXT of 1 + 14 ("txtN.example.") + 10 + RDATA.
 */
static void body_exact(FILE *f, const void *arg)
{
	(void)arg;
	put_big_txt(f, 0, 32640, 1);
	put_big_txt(f, 0, 65531 - 72 - 32 - 2 * 25 - 32640, 2);
	fprintf(f, "ns A 192.0.2.1\n");
}

/* kdnsctl zone check's exit status for path, or -1 without kdnsctl. */
static int zone_check(const char *path)
{
	char cmd[8192];
	int status;

	if (!kdnsctl)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s zone check %s >/dev/null 2>&1", kdnsctl, path);
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Load path; the text kdnsctl wrote to stderr in err (size n). */
static int load(struct fake_module *m, const char *path, char *err, size_t n)
{
	FILE *f = fmemopen(err, n, "w");
	int ret;

	ret = fake_load(m, path, NULL, f);
	fclose(f);
	if (m->broken[0])
		printf("# %s\n", m->broken);
	if (ret && err[0])
		printf("# %s", err);
	return ret;
}

/* A zone that must load (and pass zone check). */
static void loads(const char *name, void (*body)(FILE *, const void *), const void *arg,
		  struct fake_module *m)
{
	char err[1024] = "";
	const char *path = zone_file(name, body, arg);
	int ret = load(m, path, err, sizeof(err));
	int check = zone_check(path);

	ok(!ret && !m->broken[0], "%s loads, as kdnsctl built it (messages: %u, longest %zu bytes)",
	   name, m->messages, m->max_len);
	if (check >= 0)
		ok(check == 0, "%s passes zone check", name);
}

/* A zone that must be refused at line 5 with a message saying why. */
static void refused(const char *name, const struct big *b)
{
	struct fake_module m;
	char err[1024] = "", want[4200];
	const char *path = zone_file(name, body_big, b);
	int ret = load(&m, path, err, sizeof(err));
	int check = zone_check(path);

	snprintf(want, sizeof(want), "%s:5: ", path);
	ok(ret && !m.broken[0] && !strncmp(err, want, strlen(want)) && strstr(err, "too large"),
	   "%s is refused at its line: owner %zu bytes, RDATA %zu bytes", name,
	   b->owner_len ? b->owner_len : 14 /* txt0.example. */, b->rdlen);
	if (check >= 0)
		ok(check == 1, "%s fails zone check with exit status 1", name);
}

int main(int argc, char **argv)
{
	static const struct big txt61440 = { 0, 61440 }, txt65280 = { 0, 65280 };
	static const struct big largest = { 240, 65280 }, over = { 241, 65280 };
	static const struct big txt65535 = { 0, 65535 };
	struct fake_module m;

	/* Each line out before a sanitizer's report, should one abort the test. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	kdnsctl = argc > 1 ? argv[1] : NULL;
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	printf("TAP version 13\n");
	loads("many.zone", body_many, NULL, &m);
	ok(m.messages > 1, "5000 records go in %u messages", m.messages);
	loads("txt61440.zone", body_big, &txt61440, &m);
	loads("txt65280.zone", body_big, &txt65280, &m);
	loads("largest.zone", body_big, &largest, &m);
	ok(m.max_len == NLMSG_ALIGN(NLMSG_HDRLEN + GENL_HDRLEN + 65535),
	   "the largest record makes a message of %zu bytes", m.max_len);
	loads("exact.zone", body_exact, NULL, &m);
	ok(m.messages == 2 && m.max_len == NLMSG_ALIGN(NLMSG_HDRLEN + GENL_HDRLEN + 65535),
	   "records filling an attribute exactly, then one: %u messages, longest %zu bytes",
	   m.messages, m.max_len);
	refused("over.zone", &over);
	refused("txt65535.zone", &txt65535);
	printf("1..%d\n", passed + failed);
	if (!failed) {
		char cmd[64];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd))
			printf("# %s not removed\n", dir);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
