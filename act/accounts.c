/*
 * Accounts in bulk: a CSV of "name,role" lines (a header line is allowed),
 * all created or none, each with a generated one-time password unless one is
 * given. Shared by the administrator's page and `teller user import`.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "crypto/crypto.h"
#include "act/act.h"
#include "tally/count.h"

/*
 * No lock here (there was one, and fifty logins waited on it in turn: issue 11,
 * finding 7): the command line hashes in its own process, and the server hashes
 * on its pool of workers, one per core (entry/hashpool.c), which bounds the
 * memory (19 MiB a hash) and keeps the request threads free.
 */
int account_pw_verify(const char *pw, const char *hash)
{
	if (hash == NULL) {
		pw_verify_dummy(pw);
		return -1;
	}
	return pw_verify(pw, hash);
}

int account_pw_hash(const char *pw, char *out, size_t size)
{
	return pw_hash(pw, out, size);
}

/* Common passwords once what surrounds them (digits, punctuation: "Welkom2026!") is
 * taken off, compared without regard to case. */
static const char *const common_words[] = {
	"password", "passw0rd", "wachtwoord", "wachtw00rd", "welkom", "welcome", "qwerty",
	"qwertyuiop", "azerty", "azertyuiop", "asdfghjkl", "asdfasdf", "zxcvbnm", "iloveyou",
	"letmein", "admin", "administrator", "beheerder", "invoerder", "coordinator", "teller",
	"verkiezing", "verkiezingen", "stembureau", "stemmen", "geheim", "changeme", "wijzigmij",
	"monkey", "dragon", "football", "voetbal", "sunshine", "princess", "abc", "abcdef", "test",
	"testtest", "secret", "trustno", "master", "hallo", "hello", "gemeente",
};
/* ... and whole, for those with digits inside. */
static const char *const common_whole[] = {
	"1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "1qaz2wsx3edc", "zaq12wsxcde3", "123qweasdzxc",
	"qazwsxedcrfv", "q1w2e3r4t5y6", "a1b2c3d4e5f6",
};

static int is_common(const char *pw)
{
	char low[LIMIT_PASSWORD_MAX + 1];
	size_t i, b, e, n = strlen(pw);

	if (n > LIMIT_PASSWORD_MAX)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	low[n] = '\0';
	for (i = 0; i < sizeof common_whole / sizeof common_whole[0]; i++)
		if (strcmp(low, common_whole[i]) == 0)
			return 1;
	for (b = 0; b < n && !isalpha((unsigned char)low[b]) && !(low[b] & 0x80); b++)
		;
	for (e = n; e > b && !isalpha((unsigned char)low[e - 1]) && !(low[e - 1] & 0x80); e--)
		;
	if (e == b)
		return 0;   /* digits and punctuation only: the sequence rule's */
	for (i = 0; i < sizeof common_words / sizeof common_words[0]; i++)
		if (strlen(common_words[i]) == e - b && memcmp(low + b, common_words[i], e - b) == 0)
			return 1;
	return 0;
}

enum account_pw_problem accounts_password_check(const char *pw)
{
	unsigned long cp[LIMIT_PASSWORD_MAX];
	size_t n = strlen(pw), at = 0, k, chars = 0;
	int same = 1, step = 0, run = 1;

	if (n > LIMIT_PASSWORD_MAX)
		return ACCOUNT_PW_LONG;
	while (at < n) {
		if ((k = utf8_char(pw + at, n - at, &cp[chars])) == 0 || cp[chars] < 0x20 ||
		    (cp[chars] >= 0x7f && cp[chars] < 0xa0))
			return ACCOUNT_PW_NOT_TEXT;
		at += k;
		chars++;
	}
	if (chars < LIMIT_PASSWORD_MIN)
		return ACCOUNT_PW_SHORT;
	for (k = 1; k < chars; k++) {
		long d = (long)cp[k] - (long)cp[k - 1];

		if (cp[k] >= '0' && cp[k] <= '9' && cp[k - 1] >= '0' && cp[k - 1] <= '9')
			d = d == -9 ? 1 : d == 9 ? -1 : d;   /* ...8901..., ...1098... */
		if (d != 0)
			same = 0;
		if (k == 1)
			step = (int)d;
		if ((d != 1 && d != -1) || d != step)
			run = 0;
	}
	if (same)
		return ACCOUNT_PW_ONE_CHAR;
	if (run)
		return ACCOUNT_PW_SEQUENCE;
	if (is_common(pw))
		return ACCOUNT_PW_COMMON;
	return ACCOUNT_PW_OK;
}

const char *accounts_password_strerror(enum account_pw_problem p, int dutch)
{
	static const char *const en[ACCOUNT_PW__MAX] = {
		[ACCOUNT_PW_OK] = "no error",
		[ACCOUNT_PW_SHORT] = "the password must have at least 12 characters",
		[ACCOUNT_PW_LONG] = "the password may be at most 256 bytes long",
		[ACCOUNT_PW_NOT_TEXT] = "the password must be UTF-8 text without control characters",
		[ACCOUNT_PW_ONE_CHAR] = "the password is one character repeated",
		[ACCOUNT_PW_SEQUENCE] = "the password is a plain sequence such as 123456789012",
		[ACCOUNT_PW_COMMON] = "the password is a commonly used one; choose another",
	};
	static const char *const nl[ACCOUNT_PW__MAX] = {
		[ACCOUNT_PW_OK] = "geen fout",
		[ACCOUNT_PW_SHORT] = "Een wachtwoord heeft minstens 12 tekens.",
		[ACCOUNT_PW_LONG] = "Een wachtwoord is hoogstens 256 bytes lang.",
		[ACCOUNT_PW_NOT_TEXT] = "Een wachtwoord bestaat uit gewone tekens, zonder stuurtekens.",
		[ACCOUNT_PW_ONE_CHAR] = "Een wachtwoord van steeds één teken is te makkelijk te raden.",
		[ACCOUNT_PW_SEQUENCE] = "Een oplopende of aflopende reeks (zoals 123456789012) is te "
		                        "makkelijk te raden.",
		[ACCOUNT_PW_COMMON] = "Dit is een bekend wachtwoord dat vaak gebruikt wordt; kies een "
		                      "ander.",
	};
	_Static_assert(LIMIT_PASSWORD_MIN == 12 && LIMIT_PASSWORD_MAX == 256, "the texts above");

	if ((int)p < 0 || p >= ACCOUNT_PW__MAX)
		return "?";
	return dutch ? nl[p] : en[p];
}

int accounts_valid_name(const char *n)
{
	size_t i, len = strlen(n);

	if (len == 0 || len >= TALLY_USERNAME_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!(isalnum((unsigned char)n[i]) || n[i] == '.' || n[i] == '-' || n[i] == '_'))
			return 0;
	return 1;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r');)
		*--e = '\0';
	return s;
}

int accounts_parse_csv(const char *csv, struct account_new **out, size_t *n,
                       struct accounts_csv_error *err)
{
	struct account_new *rows = NULL, *tmp;
	size_t cap = 0, line = 0, j;
	const char *p = csv;
	enum tally_role role;

	*out = NULL;
	*n = 0;
	memset(err, 0, sizeof *err);
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* a spreadsheet's byte-order mark */
	while (*p) {
		size_t len = strcspn(p, "\n");
		char ln[256], *comma, *name, *rl;

		line++;
		err->line = line;
		if (len >= sizeof ln) {
			err->kind = CSV_TOO_LONG;
			goto bad;
		}
		memcpy(ln, p, len);
		ln[len] = '\0';
		p += len + (p[len] == '\n');
		name = trim(ln);
		if (*name == '\0' || *name == '#')
			continue;
		if ((comma = strchr(name, ',')) == NULL && (comma = strchr(name, ';')) == NULL) {
			err->kind = CSV_BAD_LINE;
			goto bad;
		}
		*comma = '\0';
		name = trim(name);
		rl = trim(comma + 1);
		if (*n == 0 && (strcasecmp(name, "naam") == 0 || strcasecmp(name, "name") == 0))
			continue;
		snprintf(err->text, sizeof err->text, "%.60s", name);
		if (!accounts_valid_name(name)) {
			err->kind = CSV_BAD_NAME;
			goto bad;
		}
		if (tally_role_parse(rl, &role) != 0) {
			snprintf(err->text, sizeof err->text, "%.60s", rl);
			err->kind = CSV_BAD_ROLE;
			goto bad;
		}
		/* Names are compared as the database does (NOCASE: ASCII letters fold). */
		for (j = 0; j < *n; j++)
			if (strcasecmp(rows[j].name, name) == 0) {
				err->kind = CSV_DUPLICATE;
				goto bad;
			}
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			if (cap > ACCOUNTS_CSV_MAX * 2 || (tmp = realloc(rows, cap * sizeof *rows)) == NULL) {
				err->kind = CSV_TOO_MANY;
				goto bad;
			}
			rows = tmp;
		}
		if (*n >= ACCOUNTS_CSV_MAX) {
			err->kind = CSV_TOO_MANY;
			goto bad;
		}
		memset(&rows[*n], 0, sizeof rows[*n]);
		snprintf(rows[*n].name, sizeof rows[*n].name, "%s", name);
		snprintf(rows[*n].role, sizeof rows[*n].role, "%s", tally_role_name(role));
		(*n)++;
	}
	if (*n == 0) {
		err->kind = CSV_EMPTY;
		goto bad;
	}
	*out = rows;
	return 0;
bad:
	free(rows);
	*n = 0;
	return -1;
}

const char *accounts_csv_strerror(const struct accounts_csv_error *e, int dutch)
{
	static const char *const en[CSV__MAX] = {
		[CSV_OK] = "no error", [CSV_BAD_LINE] = "write name,role",
		[CSV_BAD_NAME] = "not a valid name (letters, digits, '.', '-', '_')",
		[CSV_BAD_ROLE] = "not a role (typist, coordinator, administrator)",
		[CSV_DUPLICATE] = "this name appears twice", [CSV_TOO_LONG] = "the line is too long",
		[CSV_TOO_MANY] = "too many lines", [CSV_EMPTY] = "the list is empty",
	};
	static const char *const nl[CSV__MAX] = {
		[CSV_OK] = "geen fout", [CSV_BAD_LINE] = "schrijf naam,rol",
		[CSV_BAD_NAME] = "geen geldige naam (letters, cijfers, '.', '-', '_')",
		[CSV_BAD_ROLE] = "geen rol (typist, coordinator, administrator)",
		[CSV_DUPLICATE] = "deze naam staat er twee keer in", [CSV_TOO_LONG] = "de regel is te lang",
		[CSV_TOO_MANY] = "te veel regels", [CSV_EMPTY] = "de lijst is leeg",
	};

	if ((int)e->kind < 0 || e->kind >= CSV__MAX)
		return "?";
	return dutch ? nl[e->kind] : en[e->kind];
}

int accounts_create(struct store *s, struct account_new *rows, size_t n,
                    const struct store_actor *who)
{
	char (*hash)[PW_HASH_LEN] = calloc(n ? n : 1, sizeof *hash);
	const char **hashes = calloc(n ? n : 1, sizeof *hashes);
	size_t i;
	int rc = STORE_ERR_NOMEM;

	if (hash == NULL || hashes == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		if (rows[i].password[0] == '\0' &&
		    pw_generate(rows[i].password, sizeof rows[i].password) != 0)
			goto out;
		if (account_pw_hash(rows[i].password, hash[i], sizeof hash[i]) != 0)
			goto out;
		hashes[i] = hash[i];
	}
	rc = accounts_store(s, rows, hashes, n, who);
out:
	if (hash != NULL)
		crypto_cleanse(hash, (n ? n : 1) * sizeof *hash);
	free(hash);
	free(hashes);
	return rc;
}

int accounts_store(struct store *s, const struct account_new *rows, const char *const *hashes,
                   size_t n, const struct store_actor *who)
{
	const char **names = calloc(n ? n : 1, sizeof *names);
	const char **roles = calloc(n ? n : 1, sizeof *roles);
	size_t i;
	int rc = STORE_ERR_NOMEM;

	if (names != NULL && roles != NULL) {
		for (i = 0; i < n; i++) {
			names[i] = rows[i].name;
			roles[i] = rows[i].role;
		}
		rc = store_accounts_add_many(s, names, roles, hashes, n, who);
	}
	free(names);
	free(roles);
	return rc;
}

int accounts_reset_password(struct store *s, long id, char *password, size_t size,
                            const struct store_actor *who)
{
	char hash[PW_HASH_LEN];
	int rc;

	if (password[0] == '\0' && pw_generate(password, size) != 0)
		return STORE_ERR_NOMEM;
	if (account_pw_hash(password, hash, sizeof hash) != 0)
		return STORE_ERR_NOMEM;
	rc = store_account_reset_password(s, id, hash, who);
	crypto_cleanse(hash, sizeof hash);
	return rc;
}

void accounts_free(struct account_new *rows, size_t n)
{
	if (rows == NULL)
		return;
	crypto_cleanse(rows, n * sizeof *rows);
	free(rows);
}
