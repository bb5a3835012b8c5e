/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A userspace stand-in for the part of <kunit/test.h> kdns' suites use, so
 * that module/tests/ *_kunit.c compile unchanged into the userspace unit test
 * binary: the same cases run on the host (with ASan/UBSan) and in the debug
 * kernel. tests/unit/main.c runs the suites and prints TAP.
 */
#ifndef KDNS_KUNIT_SHIM_H
#define KDNS_KUNIT_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define KUNIT_PARAM_DESC_SIZE 128

struct kunit {
	const char *name;
	const void *param_value;
	int failures;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
};

struct kunit_suite {
	const char *name;
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);		/* before each case */
	struct kunit_case *test_cases;
	struct kunit_suite *next;	/* shim only: the list of suites */
};

void kunit_shim_register(struct kunit_suite *suite);
void kunit_shim_fail(struct kunit *test, const char *file, int line,
		     const char *what, long long a, long long b);
void kunit_shim_fail_str(struct kunit *test, const char *file, int line,
			 const char *what, const char *a, const char *b);

#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }
#define KUNIT_CASE_PARAM(fn, gen) { .run_case = fn, .name = #fn, .generate_params = gen }

#define KUNIT_ARRAY_PARAM(name, array, get_desc)				\
	static const void *name##_gen_params(const void *prev, char *desc)	\
	{									\
		__typeof__((array)[0]) *__next = prev ?				\
			((__typeof__(__next))prev) + 1 : (array);		\
		if (__next - (array) < (long)(sizeof(array) / sizeof((array)[0]))) { \
			void (*__get_desc)(__typeof__(__next), char *) = get_desc; \
			if (__get_desc)						\
				__get_desc(__next, desc);			\
			return __next;						\
		}								\
		return NULL;							\
	}

#define kunit_test_suite(suite)						\
	__attribute__((constructor)) static void suite##_register(void)	\
	{									\
		kunit_shim_register(&suite);					\
	}

#define KUNIT_SHIM_BINARY(test, a, op, b, fatal) do {			\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (!(__a op __b)) {						\
		kunit_shim_fail(test, __FILE__, __LINE__, #a " " #op " " #b, __a, __b); \
		if (fatal)						\
			return;						\
	}								\
} while (0)

#define KUNIT_EXPECT_EQ(t, a, b)	KUNIT_SHIM_BINARY(t, a, ==, b, false)
/* The message is the kernel's; here the values and the line say it. */
#define KUNIT_EXPECT_EQ_MSG(t, a, b, ...)	KUNIT_SHIM_BINARY(t, a, ==, b, false)
#define KUNIT_EXPECT_NE(t, a, b)	KUNIT_SHIM_BINARY(t, a, !=, b, false)
#define KUNIT_EXPECT_LT(t, a, b)	KUNIT_SHIM_BINARY(t, a, <, b, false)
#define KUNIT_EXPECT_LE(t, a, b)	KUNIT_SHIM_BINARY(t, a, <=, b, false)
#define KUNIT_EXPECT_GT(t, a, b)	KUNIT_SHIM_BINARY(t, a, >, b, false)
#define KUNIT_EXPECT_GE(t, a, b)	KUNIT_SHIM_BINARY(t, a, >=, b, false)
#define KUNIT_EXPECT_TRUE(t, x)		KUNIT_SHIM_BINARY(t, !!(x), ==, 1, false)
#define KUNIT_EXPECT_FALSE(t, x)	KUNIT_SHIM_BINARY(t, !!(x), ==, 0, false)
#define KUNIT_ASSERT_EQ(t, a, b)	KUNIT_SHIM_BINARY(t, a, ==, b, true)
#define KUNIT_ASSERT_NE(t, a, b)	KUNIT_SHIM_BINARY(t, a, !=, b, true)
#define KUNIT_ASSERT_TRUE(t, x)		KUNIT_SHIM_BINARY(t, !!(x), ==, 1, true)
#define KUNIT_ASSERT_FALSE(t, x)	KUNIT_SHIM_BINARY(t, !!(x), ==, 0, true)

#define KUNIT_SHIM_STR(t, a, b, fatal) do {				\
	const char *__a = (a), *__b = (b);				\
	if (strcmp(__a, __b)) {						\
		kunit_shim_fail_str(t, __FILE__, __LINE__, #a " == " #b, __a, __b); \
		if (fatal)						\
			return;						\
	}								\
} while (0)

#define KUNIT_EXPECT_STRNEQ(t, a, b) do {				\
	const char *__a = (a), *__b = (b);				\
	if (!strcmp(__a, __b))						\
		kunit_shim_fail_str(t, __FILE__, __LINE__, #a " != " #b, __a, __b); \
} while (0)

/* Informational lines, as comments of the TAP output. */
#define kunit_info(test, fmt, ...) printf("# %s: " fmt, (test)->name, ##__VA_ARGS__)

#define KUNIT_EXPECT_STREQ(t, a, b)	KUNIT_SHIM_STR(t, a, b, false)
#define KUNIT_ASSERT_STREQ(t, a, b)	KUNIT_SHIM_STR(t, a, b, true)

/* What the kernel side of a suite file uses beyond KUnit. */
#define MODULE_LICENSE(x)
#define MODULE_DESCRIPTION(x)

static inline size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

#endif /* KDNS_KUNIT_SHIM_H */
