// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the KUnit suites of module/tests/ on the host, through the shim in
 * shim/kunit/test.h, and prints TAP: one line per case (per parameter of a
 * parameterised case) and a closing "N passed, N failed" line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kunit/test.h>

static struct kunit_suite *suites, **suites_tail = &suites;
static int passed, failed;

void kunit_shim_register(struct kunit_suite *suite)
{
	*suites_tail = suite;
	suites_tail = &suite->next;
}

void kunit_shim_fail(struct kunit *test, const char *file, int line,
		     const char *what, long long a, long long b)
{
	printf("    # %s: %s:%d: expected %s, got %lld and %lld\n",
	       test->name, file, line, what, a, b);
	test->failures++;
}

void kunit_shim_fail_str(struct kunit *test, const char *file, int line,
			 const char *what, const char *a, const char *b)
{
	printf("    # %s: %s:%d: expected %s\n    # got:\n%s\n    # expected:\n%s\n",
	       test->name, file, line, what, a, b);
	test->failures++;
}

static void report(const char *suite, const char *name, const char *param,
		   const struct kunit *t)
{
	if (t->failures)
		failed++;
	else
		passed++;
	printf("%s %d - %s.%s%s%s\n", t->failures ? "not ok" : "ok",
	       passed + failed, suite, name, param ? "/" : "", param ? param : "");
}

static void run_case(const char *filter, struct kunit_suite *s, struct kunit_case *c)
{
	char desc[KUNIT_PARAM_DESC_SIZE];
	const void *param;

	if (filter && !strstr(s->name, filter) && !strstr(c->name, filter))
		return;
	if (!c->generate_params) {
		struct kunit t = { .name = c->name };

		if (s->init)
			s->init(&t);
		c->run_case(&t);
		report(s->name, c->name, NULL, &t);
		return;
	}
	desc[0] = '\0';
	for (param = c->generate_params(NULL, desc); param;
	     param = c->generate_params(param, desc)) {
		struct kunit t = { .name = c->name, .param_value = param };

		if (s->init)
			s->init(&t);
		c->run_case(&t);
		report(s->name, c->name, desc, &t);
		desc[0] = '\0';
	}
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	struct kunit_suite *s;
	struct kunit_case *c;

	printf("TAP version 13\n");
	for (s = suites; s; s = s->next) {
		if (s->suite_init && s->suite_init(s)) {
			printf("not ok %d - %s: suite_init failed\n", passed + ++failed, s->name);
			continue;
		}
		for (c = s->test_cases; c->run_case; c++)
			run_case(filter, s, c);
		if (s->suite_exit)
			s->suite_exit(s);
	}
	printf("1..%d\n", passed + failed);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
