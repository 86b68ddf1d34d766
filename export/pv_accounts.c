/*
 * The count's PV, part 4: the accounts made or changed after data entry began
 * (store/confirm.c). Such an account could enter or decide counts only after
 * a coordinator confirmed it; the committee sees here which ones there were,
 * who made or changed them, and who confirmed them when. None: one sentence.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "export/pv_internal.h"

static const char *role_nl(const char *role)
{
	if (role != NULL && strcmp(role, "typist") == 0)
		return "invoerder";
	if (role != NULL && strcmp(role, "coordinator") == 0)
		return "co\xc3\xb6rdinator";
	if (role != NULL && strcmp(role, "administrator") == 0)
		return "beheerder";
	return role != NULL ? role : "";
}

static const char *kind_nl(const char *kind)
{
	if (kind != NULL && strcmp(kind, "created") == 0)
		return "aangemaakt";
	if (kind != NULL && strcmp(kind, "password_reset") == 0)
		return "nieuw wachtwoord";
	if (kind != NULL && strcmp(kind, "enabled") == 0)
		return "weer ingeschakeld";
	if (kind != NULL && strcmp(kind, "role_changed") == 0)
		return "rol gewijzigd";
	return kind != NULL ? kind : "";
}

/* A stored moment (UTC) as local "18-03-2026 21:14"; the text itself when it does not parse. */
static const char *when(const char *iso, char *out, size_t size)
{
	time_t t;

	if (iso == NULL || iso[0] == '\0')
		return "";
	if (date_parse_utc(iso, &t) != 0 || date_local(t, "%d-%m-%Y %H:%M", out, size)[0] == '\0')
		snprintf(out, size, "%s", iso);
	return out;
}

void pv_accounts(struct pdf_doc *d, const struct pv_input *in, int number)
{
	struct pdf_table t = {&pv_grid, F_CELLS, F_SMALLB, NULL, {
		{"Account", -1, PDF_LEFT, 0}, {"Rol", 56, PDF_LEFT, 0}, {"Wijziging", 70, PDF_LEFT, 0},
		{"Op", 64, PDF_LEFT, 0}, {"Door", 62, PDF_LEFT, 0}, {"Bevestigd door", 66, PDF_LEFT, 0},
		{"Bevestigd op", 64, PDF_LEFT, 0}}, 7, NULL, {0}, 0};
	char title[96], para[400], at[40], conf[40];
	size_t i, open = 0;

	snprintf(title, sizeof title, "%d. Accounts aangemaakt of gewijzigd na het begin van de "
	         "invoer", number);
	t.title = title;
	pdf_doc_heading(d, title, 60);
	if (in->entry_began == NULL || in->entry_began[0] == '\0') {
		pdf_doc_para(d, F_TEXT, "De invoer is nog niet begonnen.");
		return;
	}
	for (i = 0; i < in->naccounts; i++)
		open += in->accounts[i].confirmed_at == NULL || in->accounts[i].confirmed_at[0] == '\0';
	snprintf(para, sizeof para, "De invoer begon op %s. Een account dat daarna is aangemaakt of "
	         "gewijzigd (een nieuw wachtwoord door een ander, weer ingeschakeld), kon pas "
	         "invoeren of beslissen nadat een co\xc3\xb6rdinator het had bevestigd.%s",
	         when(in->entry_began, at, sizeof at), in->naccounts == 0 ? "" : open == 0 ?
	         " Alle wijzigingen hieronder zijn bevestigd." : " Niet bevestigde wijzigingen "
	         "staan hieronder als \"niet bevestigd\".");
	pdf_doc_para(d, F_TEXT, para);
	if (in->naccounts == 0) {
		pdf_doc_para(d, F_TEXTB, "Na het begin van de invoer is geen account aangemaakt of "
		             "gewijzigd.");
		return;
	}
	d->y += 4;
	pdf_doc_need(d, pdf_table_keep(d, &t, 2));
	pdf_table_begin(d, &t);
	for (i = 0; i < in->naccounts; i++) {
		const struct pv_account_change *c = &in->accounts[i];
		int confirmed = c->confirmed_at != NULL && c->confirmed_at[0] != '\0';
		const struct pdf_cell cells[] = {
			{c->account ? c->account : "", 0}, {role_nl(c->role), 0}, {kind_nl(c->kind), 0},
			{when(c->at, at, sizeof at), 0}, {c->by ? c->by : "", 0},
			{confirmed ? (c->confirmed_by ? c->confirmed_by : "") : "niet bevestigd",
			 confirmed ? 0 : PDF_CELL_BOLD | PDF_CELL_SHADE},
			{confirmed ? when(c->confirmed_at, conf, sizeof conf) : "", 0},
		};

		pdf_table_row(&t, cells);
	}
	pdf_table_end(&t);
}

void pv_audit_head(struct pdf_doc *d, const char *head)
{
	const char *sp = head != NULL ? strchr(head, ' ') : NULL;
	char para[600], grouped[96];
	size_t i, n = 0;

	if (sp == NULL || strlen(sp + 1) != 64)
		return;
	/* 64 hex digits as 16 groups of 4, as the hash codes are written. */
	for (i = 0; i < 64; i++) {
		if (i > 0 && i % 4 == 0)
			grouped[n++] = ' ';
		grouped[n++] = sp[1 + i];
	}
	grouped[n] = '\0';
	snprintf(para, sizeof para, "Het logboek van Teller telde bij het opmaken van dit "
	         "proces-verbaal %.*s regels. De laatste regel is verzegeld met de code %s. "
	         "Zo kan later worden nagegaan dat het logboek niet is ingekort of herschreven "
	         "(teller audit --verify --anchor %.*s:%.8s...).", (int)(sp - head), head, grouped,
	         (int)(sp - head), head, sp + 1);
	d->y += 4;
	pdf_doc_para(d, F_SMALL, para);
}
