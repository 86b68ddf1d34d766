/* Account sheets: one A4 page per new account, to hand out on election night. */
#include <stdio.h>

#include "export/pdf.h"
#include "export/sheets.h"

static const char *role_nl(const char *role)
{
	if (role[0] == 't')
		return "invoerder";
	if (role[0] == 'c')
		return "coördinator";
	return "beheerder (ICT)";
}

int sheets_write(const char *path, const char *election, const char *url,
                 const struct sheet_account *a, size_t n)
{
	struct pdf *p = pdf_create(path);
	const double x = PDF_MARGIN, w = PDF_A4_W - 2 * PDF_MARGIN;
	char line[512];
	double y;
	size_t i;

	if (p == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (i > 0)
			pdf_page(p);
		y = PDF_MARGIN;
		y += pdf_text(p, x, y, w, "DejaVu Sans Bold 20", PDF_LEFT, "Teller: uw persoonlijke account");
		y += 6;
		y += pdf_text(p, x, y, w, "DejaVu Sans 12", PDF_LEFT, election);
		pdf_line(p, x, y + 10, x + w, y + 10, 1, 0.3);
		y += 30;
		y += pdf_text(p, x, y, w, "DejaVu Sans 11", PDF_LEFT, "Gebruikersnaam");
		y += pdf_text(p, x, y, w, "DejaVu Sans Mono Bold 18", PDF_LEFT, a[i].name) + 12;
		y += pdf_text(p, x, y, w, "DejaVu Sans 11", PDF_LEFT, "Rol");
		y += pdf_text(p, x, y, w, "DejaVu Sans 14", PDF_LEFT, role_nl(a[i].role)) + 12;
		y += pdf_text(p, x, y, w, "DejaVu Sans 11", PDF_LEFT, "Eenmalig wachtwoord");
		y += pdf_text(p, x, y, w, "DejaVu Sans Mono Bold 18", PDF_LEFT, a[i].password) + 30;
		snprintf(line, sizeof line,
		         "1. Open in de browser: %s\n"
		         "2. Controleer dat de vingerafdruk van het certificaat gelijk is aan die op het "
		         "scherm van de centrale laptop.\n"
		         "3. Log in met uw gebruikersnaam en het eenmalige wachtwoord hierboven.\n"
		         "4. Kies meteen een nieuw wachtwoord van minstens 12 tekens.\n\n"
		         "Dit account is persoonlijk: deel het met niemand en laat niemand anders op uw "
		         "naam invoeren. Alles wat u doet wordt vastgelegd.",
		         url && url[0] ? url : "het adres dat de beheerder u geeft");
		y += pdf_text(p, x, y, w, "DejaVu Sans 12", PDF_LEFT, line) + 40;
		pdf_line(p, x, y, x + w, y, 0.5, 0.6);
		pdf_text(p, x, y + 8, w, "DejaVu Sans 9", PDF_LEFT,
		         "Na het eerste inloggen is dit wachtwoord niet meer geldig. Vernietig dit vel na "
		         "de verkiezing.");
	}
	return pdf_close(p);
}
