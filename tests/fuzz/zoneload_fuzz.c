// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of kdnsctl zone load's path (clang, ASan, UBSan): zone
 * file text in, read and built by kdns_zonefile_build_also and its records
 * packed into ZONE_ADD messages by userspace/rrbatch.c, as kdnsctl does, and
 * the messages received by the module's side in userspace
 * (tests/unit/fake_module.c). Fails on a crash, on a message the module
 * would refuse, or on a committed zone that is not the one kdnsctl built.
 * The origin is the SOA's owner (zone load FILE) or example. (zone sync).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../unit/fake_module.h"

static char dir[64], path[80];
static FILE *devnull;

#define CHECK(cond, m) do { if (!(cond)) { \
	fprintf(stderr, "zoneload_fuzz: %s (line %d)\n", (m)->broken, __LINE__); \
	abort(); } } while (0)

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* tmpfs if there is one: a file rewritten on disk costs a flush each time. */
	snprintf(dir, sizeof(dir), "%s/zoneload_fuzz.XXXXXX",
		 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
	if (!mkdtemp(dir)) {
		perror(dir);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/fuzz.zone", dir);
	atexit(cleanup);
	/* kdnsctl's messages about bad zone files are not the harness's. */
	devnull = fopen("/dev/null", "w");
	return devnull ? 0 : 1;
}

/*
 * $INCLUDE reads other files: the harness's own (a loop until file
 * descriptors run out), /dev or /proc. Not the code under test.
 */
static bool has_include(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;

	while ((p = memchr(p, '$', end - p)) && ++p < end)
		if (*p == 'i' || *p == 'I')
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fake_module m;
	FILE *f;

	if (has_include(data, size))
		return 0;
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f)) {
		perror(path);
		abort();
	}
	fake_load(&m, path, NULL, devnull);
	CHECK(!m.broken[0], &m);
	fake_load(&m, path, "example.", devnull);
	CHECK(!m.broken[0], &m);
	return 0;
}
