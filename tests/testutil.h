#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H
/* What the cmocka tests share. Include after <cmocka.h>. */
#include <stdio.h>
#include <stdlib.h>

/*
 * Reads a whole file (a sample, a written document); fails the test when it
 * cannot. Returns the bytes, NUL-terminated, malloc'd (the caller frees).
 */
static inline void *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return b;
}

#endif
