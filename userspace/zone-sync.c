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

#include "options.h"
#include "requests.h"
#include "subcommands.h"
#include "zonefile.h"

static const char usage[] =
	"Usage: kdnsctl zone sync DIR\n"
	"  Makes the zones of this network namespace those of DIR/ORIGIN.zone\n"
	"  (root.zone for the root): loads each file, unloads the zones no file\n"
	"  names. Exit status 2 if some files failed (their zones' loaded\n"
	"  versions keep answering), 1 if nothing could be done.\n";

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

int zone_sync_main(int argc, char **argv)
{
	struct kdns_zone_info *loaded;
	uint8_t (*apex)[KDNS_NAME_MAX];
	size_t nfiles, nloaded, i, j, nfailed = 0, nstuck = 0;
	char **files, path[4096];
	struct options o;
	const char *dir;
	int ret;

	ret = parse_options(argc, argv, 0, 1, 1, usage, &o);
	if (ret)
		return ret == 1;
	dir = o.args[0];
	/* Reach the module first: without it nothing can be done. */
	if (kdns_req_zones(&loaded, &nloaded) < 0)
		return 1;
	if (zone_files(dir, &files, &nfiles) < 0) {
		free(loaded);
		return 1;
	}
	apex = calloc(nfiles ? nfiles : 1, sizeof(*apex));
	if (!apex) {
		ret = 1;
		goto out;
	}
	for (i = 0; i < nfiles; i++) {
		char *origin = origin_of(files[i]);

		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if (!origin || kdns_name_from_text(origin, apex[i]) < 0) {
			apex[i][0] = NOT_A_NAME;
			fprintf(stderr, "%s: '%s' does not name a zone (ORIGIN.zone)\n",
				path, files[i]);
			nfailed++;
		} else if (zone_load(path, origin) < 0) {
			fprintf(stderr, "%s: not loaded%s\n", path,
				"; a loaded version of the zone keeps answering");
			nfailed++;
		}
		free(origin);
	}
	/* Zones no file names go; those of files that failed stay. */
	for (j = 0; j < nloaded; j++) {
		for (i = 0; i < nfiles; i++)
			if (apex[i][0] != NOT_A_NAME &&
			    knot_dname_is_case_equal(loaded[j].apex, apex[i]))
				break;
		if (i == nfiles && zone_unload(loaded[j].apex) < 0)
			nstuck++;
	}
	if (nfailed)
		fprintf(stderr, "%s: %zu of %zu zone files not loaded\n", prog, nfailed, nfiles);
	ret = nfailed || nstuck ? 2 : 0;
out:
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(apex);
	free(loaded);
	return ret;
}
