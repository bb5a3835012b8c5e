// SPDX-License-Identifier: GPL-2.0
/*
 * kdnsctl zone sync DIR: make the module's zones those of a directory, as the
 * systemd unit does at start and reload. Every DIR/ORIGIN.zone is loaded as
 * zone ORIGIN (root.zone is the root zone), each replacing its loaded version
 * atomically; a file that fails leaves its zone's loaded version answering;
 * zones no file names are unloaded. Exit status: 0 all loaded, 2 some files
 * failed (the others loaded), 1 nothing done (no directory, no module).
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libknot/libknot.h>

#include "subcommands.h"
#include "zonefile.h"

#define SUFFIX ".zone"
#define NOT_A_NAME 0xff		/* never the first byte of a wire name */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "example.com.zone" -> "example.com."; "root.zone" -> "." */
static char *origin_of(const char *file)
{
	size_t n = strlen(file) - strlen(SUFFIX);
	char *o;

	if (n == 4 && !strncmp(file, "root", 4))
		return strdup(".");
	o = malloc(n + 2);
	if (!o)
		return NULL;
	memcpy(o, file, n);
	o[n] = '.';
	o[n + 1] = 0;
	return o;
}

/* The names of DIR's zone files, sorted; -1 if DIR cannot be read. */
static int zone_files(const char *dir, char ***files, size_t *n)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t len;

	*files = NULL;
	*n = 0;
	if (!d) {
		fprintf(stderr, "%s: %s: %s\n", prog, dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= strlen(SUFFIX) ||
		    strcmp(de->d_name + len - strlen(SUFFIX), SUFFIX))
			continue;
		if (*n % 64 == 0) {
			char **p = realloc(*files, (*n + 64) * sizeof(**files));

			if (!p)
				break;
			*files = p;
		}
		(*files)[(*n)++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(*files, *n, sizeof(**files), cmp_str);
	return 0;
}

int zone_sync(int argc, char **argv)
{
	struct kdns_zone_names loaded;
	uint8_t (*apex)[KDNS_NAME_MAX];
	size_t nfiles, i, j, nfailed = 0, nstuck = 0;
	char **files, path[4096];
	int ret;

	if (argc != 1) {
		fprintf(stderr, "Usage: %s zone sync DIR\n", prog);
		return 1;
	}
	/* Reach the module first: without it nothing can be done. */
	if (kdns_zone_names(&loaded) < 0 || zone_files(argv[0], &files, &nfiles) < 0)
		return 1;
	apex = calloc(nfiles ? nfiles : 1, sizeof(*apex));
	if (!apex)
		return 1;
	for (i = 0; i < nfiles; i++) {
		char *origin = origin_of(files[i]);

		snprintf(path, sizeof(path), "%s/%s", argv[0], files[i]);
		if (!origin || kdns_name_from_text(origin, apex[i]) < 0) {
			apex[i][0] = NOT_A_NAME;
			fprintf(stderr, "%s: '%s' does not name a zone (ORIGIN.zone)\n",
				path, files[i]);
			nfailed++;
		} else if (kdns_zone_load(path, origin) < 0) {
			fprintf(stderr, "%s: not loaded%s\n", path,
				"; a loaded version of the zone keeps answering");
			nfailed++;
		}
		free(origin);
	}
	/* Zones no file names go; those of files that failed stay. */
	for (j = 0; j < loaded.n; j++) {
		for (i = 0; i < nfiles; i++)
			if (apex[i][0] != NOT_A_NAME &&
			    knot_dname_is_case_equal(loaded.apex[j], apex[i]))
				break;
		if (i == nfiles && kdns_zone_unload(loaded.apex[j]) < 0)
			nstuck++;
	}
	if (nfailed)
		fprintf(stderr, "%s: %zu of %zu zone files not loaded\n", prog, nfailed, nfiles);
	ret = nfailed || nstuck ? 2 : 0;
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(apex);
	free(loaded.apex);
	return ret;
}
