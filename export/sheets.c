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

int sheets_write(const char *path, const char *election, const char *url, const char *ca_url,
                 const char *ca_fingerprint, const struct sheet_account *a, size_t n)
{
	const int ca = ca_url != NULL && ca_url[0] != '\0' && ca_fingerprint != NULL &&
	               ca_fingerprint[0] != '\0';
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
		if (ca) {
			/* Once per laptop, before the first login: trust the local CA. */
			y += pdf_text(p, x, y, w, "DejaVu Sans 12", PDF_LEFT,
			              "1. Eenmalig per laptop: installeer het certificaat van de lokale CA "
			              "als vertrouwde certificeringsinstantie. Haal het op van") + 2;
			y += pdf_text(p, x + 14, y, w - 14, "DejaVu Sans Mono Bold 11", PDF_LEFT, ca_url) + 2;
			y += pdf_text(p, x, y, w, "DejaVu Sans 12", PDF_LEFT,
			              "en controleer dat de vingerafdruk (SHA-256) gelijk is aan") + 2;
			y += pdf_text(p, x + 14, y, w - 14, "DejaVu Sans Mono 9", PDF_LEFT, ca_fingerprint) + 6;
		}
		snprintf(line, sizeof line,
		         "%d. Open in de browser: %s\n"
		         "%d. %s\n"
		         "%d. Log in met uw gebruikersnaam en het eenmalige wachtwoord hierboven.\n"
		         "%d. Kies meteen een nieuw wachtwoord van minstens 12 tekens.\n\n"
		         "Dit account is persoonlijk: deel het met niemand en laat niemand anders op uw "
		         "naam invoeren. Alles wat u doet wordt vastgelegd.",
		         1 + ca, url && url[0] ? url : "het adres dat de beheerder u geeft", 2 + ca,
		         ca ? "De browser opent de pagina zonder waarschuwing over het certificaat; "
		              "waarschuwt hij wel, log dan niet in en roep de beheerder." :
		              "Controleer dat de vingerafdruk van het certificaat gelijk is aan die op het "
		              "scherm van de centrale laptop.", 3 + ca, 4 + ca);
		y += pdf_text(p, x, y, w, "DejaVu Sans 12", PDF_LEFT, line) + 40;
		pdf_line(p, x, y, x + w, y, 0.5, 0.6);
		pdf_text(p, x, y + 8, w, "DejaVu Sans 9", PDF_LEFT,
		         "Na het eerste inloggen is dit wachtwoord niet meer geldig. Vernietig dit vel na "
		         "de verkiezing.");
	}
	return pdf_close(p);
}
