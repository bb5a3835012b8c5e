// SPDX-License-Identifier: GPL-2.0
/* The one JSON string writer of kdnsctl (RFC 8259, section 7). */
#include <string.h>

#include "json.h"
#include "zonefile.h"

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		switch (c) {
		case '"':
		case '\\':
			fprintf(f, "\\%c", c);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

void json_name(FILE *f, const uint8_t *name)
{
	char text[KDNS_NAME_TEXT_MAX];

	kdns_name_to_text(name, text, sizeof(text));
	json_string(f, text);
}

void print_record_line(FILE *f, char *line, bool json, size_t *n)
{
	if (json) {
		line[strcspn(line, "\n")] = 0;
		if (*n)
			fputc(',', f);
		json_string(f, line);
	} else {
		fputs(line, f);
	}
	(*n)++;
}
