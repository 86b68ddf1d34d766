/*
 * Build tool: turns files into C arrays so that the schema and the web assets
 * are compiled into the teller binary (no files to lose on election night).
 * usage: embed OUTBASE FILE...   writes OUTBASE.c and OUTBASE.h
 * Each file becomes an entry of embedded_files[], NUL-terminated, named by its path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int emit(FILE *out, const char *path, int idx)
{
	FILE *in = fopen(path, "rb");
	int c;
	long n = 0;

	if (in == NULL) {
		perror(path);
		return -1;
	}
	fprintf(out, "static const unsigned char f%d[] = {", idx);
	while ((c = fgetc(in)) != EOF) {
		fprintf(out, "%s%d,", (n % 24) == 0 ? "\n" : "", c);
		n++;
	}
	fprintf(out, "0};\n");
	fclose(in);
	return 0;
}

int main(int argc, char **argv)
{
	char name[4096];
	FILE *c, *h;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: embed OUTBASE FILE...\n");
		return 2;
	}
	snprintf(name, sizeof name, "%s.h", argv[1]);
	if ((h = fopen(name, "w")) == NULL)
		return 1;
	fprintf(h, "#ifndef EMBEDDED_H\n#define EMBEDDED_H\n#include <stddef.h>\n"
	           "struct embedded_file { const char *path; const unsigned char *data; size_t size; };\n"
	           "/* NULL-terminated table of the files compiled in; data is NUL-terminated. */\n"
	           "extern const struct embedded_file embedded_files[];\n"
	           "const struct embedded_file *embedded_find(const char *path);\n#endif\n");
	fclose(h);
	snprintf(name, sizeof name, "%s.c", argv[1]);
	if ((c = fopen(name, "w")) == NULL)
		return 1;
	fprintf(c, "#include <string.h>\n#include \"embedded.h\"\n");
	for (i = 2; i < argc; i++)
		if (emit(c, argv[i], i) != 0)
			return 1;
	fprintf(c, "const struct embedded_file embedded_files[] = {\n");
	for (i = 2; i < argc; i++)
		fprintf(c, "\t{\"%s\", f%d, sizeof f%d - 1},\n", argv[i], i, i);
	fprintf(c, "\t{NULL, NULL, 0}\n};\n"
	           "const struct embedded_file *embedded_find(const char *path)\n{\n"
	           "\tconst struct embedded_file *f;\n"
	           "\tfor (f = embedded_files; f->path != NULL; f++)\n"
	           "\t\tif (strcmp(f->path, path) == 0)\n\t\t\treturn f;\n"
	           "\treturn NULL;\n}\n");
	fclose(c);
	return 0;
}
