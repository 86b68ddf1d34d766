/* libFuzzer target: the EML readers (110a/110b/230b and 510b) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>

#include "export/eml.h"
#include "export/eml510.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tally_problems p = {0};
	struct eml_doc *d = NULL;
	struct eml_510b_doc *c = NULL;

	eml_read(data, size, &d, &p);
	eml_doc_free(d);
	p.n = p.dropped = 0;
	eml_read_510b(data, size, &c, &p);
	eml_510b_doc_free(c);
	return 0;
}
