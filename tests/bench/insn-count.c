// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for make bench-insn: guest instructions executed, per
 * vCPU, and how often each vCPU woke from idle, read out when the guest
 * asks. The guest appends a line (a label) to the control file, which it
 * sees through 9p; a thread of the plugin polls that file every
 * 200 microseconds and, for each new line, appends to the output file
 *
 *   LABEL NS_SINCE_START VCPUS INSNS_0 WAKEUPS_0 RANGE_0 INSNS_1 WAKEUPS_1 RANGE_1 ...
 *
 * The guest marks before and after a measurement and takes differences; a
 * mark lands at most a poll interval late, a few queries in 100,000.
 *
 * RANGE_N counts the instructions vCPU N executed in one range of kernel
 * text: a line "range LO HI" (hexadecimal guest addresses) sets it, and no
 * snapshot is written for it. The guest names a module's text (its address
 * and size in /proc/modules) to count what that module's own code executes,
 * which, unlike the rest of the kernel's path, does not move between runs.
 * A block is counted in the range if it starts there.
 *
 * With profile=1, a label that starts with "profile " also writes, to
 * OUT.N (N counting such labels from 1), each translation block's guest
 * address and the instructions each vCPU has executed in it so far, one
 * block a line ("ADDRESS INSNS_0 INSNS_1 ..."; an address can appear more
 * than once, for blocks translated again): two such dumps around a
 * measurement, and the guest's symbols, give where its instructions went
 * (tests/bench/insn-profile).
 *
 *   qemu-system-x86_64 ... -plugin build/insn-count.so,ctl=FILE,out=FILE[,profile=1]
 *
 * Counting: each translation block adds its instruction count when it
 * starts executing (a block left early by an exception is counted whole:
 * rare, and the same for every server measured). With MTTCG each vCPU runs
 * in a thread of its own, the only writer of its counter.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MAX_VCPUS 16

struct vcpu_count {
	uint64_t insns;
	uint64_t wakeups;
	uint64_t range;
} __attribute__((aligned(64)));

/* A translation block's count, with profile=1. */
struct block {
	uint64_t vaddr;
	uint64_t ninsns;
	struct block *next;
	uint64_t insns[];	/* per vCPU */
};

static struct vcpu_count counts[MAX_VCPUS];
static int nvcpus = 1;
static int profile, ndumps;
static struct block *blocks;	/* every block translated, newest first */
static pthread_mutex_t blocks_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *ctl_path, *out_path;
static pthread_t poller;
static volatile int stopping;
static struct timespec t_start;
static uint64_t range_lo, range_len;	/* [range_lo, range_lo + range_len) */

static void add(uint64_t *p, uint64_t n)
{
	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) + n, __ATOMIC_RELAXED);
}

static void count_range(unsigned int cpu, uint64_t vaddr, uint64_t n)
{
	if (vaddr - __atomic_load_n(&range_lo, __ATOMIC_RELAXED) <
	    __atomic_load_n(&range_len, __ATOMIC_RELAXED))
		add(&counts[cpu].range, n);
}

/*
 * Without profile=1 a block's callback gets its instruction count and, for
 * a block in the top 4 GiB of the address space (the kernel's text and
 * its modules' on x86-64), the low half of its address, in udata:
 * KERNEL_BLOCK | (address & 0xffffffff) << 16 | instructions (a block has
 * at most 512).
 */
#define KERNEL_BLOCK	(1ULL << 63)
#define TOP_4G		0xffffffff00000000ULL

static void tb_exec(unsigned int cpu, void *udata)
{
	uint64_t u = (uintptr_t)udata, n = u & 0xffff;

	if (cpu >= MAX_VCPUS)
		return;
	add(&counts[cpu].insns, n);
	if (u & KERNEL_BLOCK)
		count_range(cpu, TOP_4G | (u >> 16 & 0xffffffff), n);
}

static void tb_exec_profile(unsigned int cpu, void *udata)
{
	struct block *b = udata;

	if (cpu < MAX_VCPUS) {
		add(&counts[cpu].insns, b->ninsns);
		add(&b->insns[cpu], b->ninsns);
		count_range(cpu, b->vaddr, b->ninsns);
	}
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb), u;
	struct block *b;

	if (!profile) {
		u = qemu_plugin_tb_n_insns(tb);
		if ((vaddr & TOP_4G) == TOP_4G)
			u |= KERNEL_BLOCK | (vaddr & 0xffffffff) << 16;
		qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS,
						     (void *)(uintptr_t)u);
		return;
	}
	b = calloc(1, sizeof(*b) + nvcpus * sizeof(b->insns[0]));
	if (!b)
		abort();
	b->vaddr = vaddr;
	b->ninsns = qemu_plugin_tb_n_insns(tb);
	pthread_mutex_lock(&blocks_lock);
	b->next = blocks;
	__atomic_store_n(&blocks, b, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&blocks_lock);
	qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec_profile, QEMU_PLUGIN_CB_NO_REGS, b);
}

/* OUT.N: every block that has run, and its counts so far. */
static void dump_blocks(void)
{
	char path[4096];
	struct block *b;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s.%d", out_path, ++ndumps);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return;
	}
	for (b = __atomic_load_n(&blocks, __ATOMIC_ACQUIRE); b; b = b->next) {
		uint64_t sum = 0;

		for (i = 0; i < nvcpus; i++)
			sum += __atomic_load_n(&b->insns[i], __ATOMIC_RELAXED);
		if (!sum)
			continue;
		fprintf(f, "%" PRIx64, b->vaddr);
		for (i = 0; i < nvcpus; i++)
			fprintf(f, " %" PRIu64, __atomic_load_n(&b->insns[i], __ATOMIC_RELAXED));
		fputc('\n', f);
	}
	fclose(f);
}

static void vcpu_resume(qemu_plugin_id_t id, unsigned int cpu)
{
	if (cpu < MAX_VCPUS)
		add(&counts[cpu].wakeups, 1);
}

static uint64_t ns_since_start(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)(t.tv_sec - t_start.tv_sec) * 1000000000u + t.tv_nsec - t_start.tv_nsec;
}

/*
 * One output line for the label (without its newline); a "range LO HI"
 * line sets the range instead.
 */
static void snapshot(FILE *out, const char *label, size_t len)
{
	unsigned long long lo, hi;
	char line[128];
	int i;

	if (len < sizeof(line) && len > 6 && !memcmp(label, "range ", 6)) {
		memcpy(line, label, len);
		line[len] = 0;
		if (sscanf(line + 6, "%llx %llx", &lo, &hi) == 2 && hi >= lo) {
			__atomic_store_n(&range_len, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&range_lo, lo, __ATOMIC_RELAXED);
			__atomic_store_n(&range_len, hi - lo, __ATOMIC_RELAXED);
		}
		return;
	}
	fprintf(out, "%.*s %" PRIu64 " %d", (int)len, label, ns_since_start(), nvcpus);
	for (i = 0; i < nvcpus; i++)
		fprintf(out, " %" PRIu64 " %" PRIu64 " %" PRIu64,
			__atomic_load_n(&counts[i].insns, __ATOMIC_RELAXED),
			__atomic_load_n(&counts[i].wakeups, __ATOMIC_RELAXED),
			__atomic_load_n(&counts[i].range, __ATOMIC_RELAXED));
	fputc('\n', out);
	fflush(out);
	if (profile && len > 8 && !memcmp(label, "profile ", 8))
		dump_blocks();
}

/* Every complete line the control file has gained since the last poll. */
static void *poll_ctl(void *arg)
{
	char buf[4096];
	size_t have = 0;
	off_t done = 0;
	FILE *out = fopen(out_path, "a");

	if (!out) {
		perror(out_path);
		return NULL;
	}
	while (!stopping) {
		struct timespec pause = { 0, 200000 };
		struct stat st;
		FILE *ctl;

		nanosleep(&pause, NULL);
		if (stat(ctl_path, &st) || st.st_size <= done)
			continue;
		ctl = fopen(ctl_path, "r");
		if (!ctl)
			continue;
		if (fseeko(ctl, done, SEEK_SET) == 0) {
			size_t n = fread(buf + have, 1, sizeof(buf) - 1 - have, ctl);
			char *start = buf, *nl;

			done += n;
			have += n;
			while ((nl = memchr(start, '\n', buf + have - start))) {
				snapshot(out, start, nl - start);
				start = nl + 1;
			}
			have = buf + have - start;
			memmove(buf, start, have);
			if (have == sizeof(buf) - 1)
				have = 0;	/* a line this long is no label */
		}
		fclose(ctl);
	}
	fclose(out);
	return NULL;
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	stopping = 1;
	pthread_join(poller, NULL);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "ctl=", 4)) {
			ctl_path = argv[i] + 4;
		} else if (!strncmp(argv[i], "out=", 4)) {
			out_path = argv[i] + 4;
		} else if (!strcmp(argv[i], "profile=1")) {
			profile = 1;
		} else {
			fprintf(stderr, "insn-count: unknown option %s (ctl=FILE, out=FILE, profile=1)\n",
				argv[i]);
			return -1;
		}
	}
	if (!ctl_path || !out_path) {
		fprintf(stderr, "insn-count: ctl=FILE and out=FILE are needed\n");
		return -1;
	}
	if (info->system_emulation)
		nvcpus = info->system.max_vcpus;
	if (nvcpus > MAX_VCPUS) {
		fprintf(stderr, "insn-count: %d vCPUs, at most %d\n", nvcpus, MAX_VCPUS);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t_start);
	if (pthread_create(&poller, NULL, poll_ctl, NULL))
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_vcpu_resume_cb(id, vcpu_resume);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
