/* A minimal ZIP writer (PKWARE APPNOTE 6.3, method 0 "stored"), no zip64. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export/zip.h"

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	static int ready;
	uint32_t c = 0xffffffffu;
	size_t i;

	if (!ready) {
		for (i = 0; i < 256; i++) {
			uint32_t v = (uint32_t)i;
			int k;

			for (k = 0; k < 8; k++)
				v = (v & 1) ? 0xedb88320u ^ (v >> 1) : v >> 1;
			table[i] = v;
		}
		ready = 1;
	}
	for (i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)((v >> 8) & 0xff);
}

static void le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

/*
 * The fields a local header and its central directory entry share, in the same
 * order (APPNOTE 4.3.7 and 4.3.12): version needed, flags, method, time, date,
 * CRC-32, both sizes, the name's length and the extra field's.
 */
static void shared_fields(unsigned char *p, const struct zip_entry *e, uint32_t crc,
                          size_t namelen, unsigned dos_date, unsigned dos_time)
{
	le16(p, 20);                     /* version needed */
	le16(p + 2, 0x0800);             /* UTF-8 names */
	le16(p + 4, 0);                  /* stored */
	le16(p + 6, dos_time);
	le16(p + 8, dos_date);
	le32(p + 10, crc);
	le32(p + 14, (uint32_t)e->len);
	le32(p + 18, (uint32_t)e->len);
	le16(p + 22, (unsigned)namelen);
	le16(p + 24, 0);                 /* no extra field */
}

int zip_write(const struct zip_entry *e, size_t n, unsigned dos_date, unsigned dos_time,
              char **out, size_t *len)
{
	size_t total = 22, i, off = 0, cd_start, namelen;
	uint32_t *crc, *local;
	unsigned char *b, *p;

	*out = NULL;
	*len = 0;
	if (n > 0xffff)
		return -1;
	for (i = 0; i < n; i++) {
		namelen = strlen(e[i].name);
		if (namelen > 0xffff || e[i].len > 0xfffffffeu)
			return -1;
		total += 30 + namelen + e[i].len + 46 + namelen;
	}
	if (total > 0xfffffffeu)
		return -1;
	crc = calloc(n ? n : 1, sizeof *crc);
	local = calloc(n ? n : 1, sizeof *local);
	b = malloc(total);
	if (crc == NULL || local == NULL || b == NULL) {
		free(crc);
		free(local);
		free(b);
		return -1;
	}
	for (i = 0; i < n; i++) {
		namelen = strlen(e[i].name);
		crc[i] = crc32_of(e[i].data, e[i].len);
		local[i] = (uint32_t)off;
		p = b + off;
		le32(p, 0x04034b50u);
		shared_fields(p + 4, &e[i], crc[i], namelen, dos_date, dos_time);
		memcpy(p + 30, e[i].name, namelen);
		if (e[i].len > 0)
			memcpy(p + 30 + namelen, e[i].data, e[i].len);
		off += 30 + namelen + e[i].len;
	}
	cd_start = off;
	for (i = 0; i < n; i++) {
		namelen = strlen(e[i].name);
		p = b + off;
		memset(p, 0, 46);
		le32(p, 0x02014b50u);
		le16(p + 4, 0x031e);             /* made by: Unix, 3.0 */
		shared_fields(p + 6, &e[i], crc[i], namelen, dos_date, dos_time);
		le32(p + 38, 0100644u << 16);    /* external attributes: a regular file, rw-r--r-- */
		le32(p + 42, local[i]);
		memcpy(p + 46, e[i].name, namelen);
		off += 46 + namelen;
	}
	p = b + off;
	memset(p, 0, 22);
	le32(p, 0x06054b50u);
	le16(p + 8, (unsigned)n);
	le16(p + 10, (unsigned)n);
	le32(p + 12, (uint32_t)(off - cd_start));
	le32(p + 16, (uint32_t)cd_start);
	off += 22;
	free(crc);
	free(local);
	*out = (char *)b;
	*len = off;
	return 0;
}
