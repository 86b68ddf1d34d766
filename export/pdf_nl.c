/*
 * The Dutch forms the printed documents need beyond base/date.h's dates
 * (pdf.h): a moment with its time, and counts with thousands separators.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "export/pdf.h"

void pdf_nl_datetime(const char *iso, char *out, size_t size)
{
	char day[64];
	struct tm tm;

	date_nl_long(iso, day, sizeof day);
	if (date_fields(iso, &tm) == 0 && iso[10] == 'T')
		snprintf(out, size, "%s om %.8s", day, iso + 11);
	else
		snprintf(out, size, "%s", day);
}

void pdf_nl_count(long v, char *out, size_t size)
{
	char d[32];
	size_t n, i, k = 0;

	snprintf(d, sizeof d, "%ld", v < 0 ? 0 : v);
	n = strlen(d);
	for (i = 0; i < n && k + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = '.';
		out[k++] = d[i];
	}
	if (size > 0)
		out[k < size ? k : size - 1] = '\0';
}
