/*
 * Importing the Kiesraad's EML files (entry/import.c over export/eml_read.c
 * and store/): real files import, every file of samples/invalid is refused
 * with a reason naming its defect, and a refused file changes nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "tests/testutil.h"

#include "crypto/crypto.h"
#include "act/act.h"

#define EML "tests/data/eml/"

static const struct store_actor actor = {"test", "system", "local"};

static const store_chain_fn chain = audit_chain_hmac;

static char dir[64];
static int dbn;
static char db_path[128]; /* the database fresh() made last */

static struct store *fresh(const char *muni)
{
	struct store *s;

	snprintf(db_path, sizeof db_path, "%s/t%d.db", dir, ++dbn);
	assert_int_equal(store_create(db_path, chain, &s), STORE_OK);
	if (muni != NULL)
		assert_int_equal(store_meta_set(s, "municipality_code", muni), STORE_OK);
	return s;
}


/* Imports a file with its own correct hash; returns the result, reason in why. */
static enum import_result imp(struct store *s, const char *path, char *why, size_t whysize)
{
	struct import_check chk = {0};
	struct import_report rep;
	unsigned char d[32];
	enum import_result r;
	size_t len;
	unsigned char *b = slurp(path, &len);

	hash_sha256(b, len, d);
	chk.full = d;
	r = import_eml(s, path, b, len, &chk, &actor, &rep, why, whysize);
	free(b);
	return r;
}

static void must_import(struct store *s, const char *path)
{
	char why[1024];

	if (imp(s, path, why, sizeof why) != IMPORT_OK)
		fail_msg("%s refused: %s", path, why);
}

/* Imports path expecting refusal, with the reason containing want, and no change. */
static void must_refuse(struct store *s, const char *path, const char *want)
{
	char why[1024], *before, *after;

	assert_int_equal(store_dump(s, &before), STORE_OK);
	if (imp(s, path, why, sizeof why) != IMPORT_REFUSED)
		fail_msg("%s was not refused", path);
	if (strstr(why, want) == NULL)
		fail_msg("%s: reason '%s' does not name '%s'", path, why, want);
	assert_null(strchr(why, '\n'));
	assert_int_equal(store_dump(s, &after), STORE_OK);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void every_real_110a_imports(void **state)
{
	static const char *const files[] = {
		EML "real/Verkiezingsdefinitie_AB2023_Limburg.eml.xml",
		EML "real/Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml",
		EML "real/Verkiezingsdefinitie_PS2023_Drenthe.eml.xml",
		EML "real/Verkiezingsdefinitie_PS2023_Gelderland.eml.xml",
		EML "real/Verkiezingsdefinitie_PS2023_Limburg.eml.xml",
		EML "derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml",
		EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml",
		EML "fictional/abacus_eml110a_test.eml.xml",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct store *s = fresh(NULL);
		struct tally_election e;

		must_import(s, files[i]);
		assert_int_equal(store_election_get(s, &e), STORE_OK);
		assert_true(e.seats > 0);
		store_close(s);
	}
}

static void stadskanaal_fields(void **state)
{
	struct store *s = fresh(NULL);
	struct tally_election e;
	char muni[16];

	(void)state;
	must_import(s, EML "real/Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml");
	assert_int_equal(store_election_get(s, &e), STORE_OK);
	assert_string_equal(e.id, "GR2026_Stadskanaal");
	assert_int_equal(e.category, TALLY_CAT_GR);
	assert_string_equal(e.subcategory, "GR2");
	assert_string_equal(e.domain_id, "0037");
	assert_string_equal(e.domain_name, "Stadskanaal");
	assert_string_equal(e.date, "2026-03-18");
	assert_int_equal(e.seats, 23);
	assert_int_equal(e.preference_threshold, 25);
	/* A GR election names the municipality when init did not. */
	assert_int_equal(store_meta_get(s, "municipality_code", muni, sizeof muni), STORE_OK);
	assert_string_equal(muni, "0037");
	store_close(s);
}

static void juinen_set_imports(void **state)
{
	struct store *s = fresh(NULL);
	struct store_station *st;
	struct tally_list *l;
	size_t n, nl;

	(void)state;
	must_import(s, EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml");
	must_import(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml");
	must_import(s, EML "fictional/eml230b_kandidatenlijsten-juinen.eml.xml");
	assert_int_equal(store_stations_get(s, &st, &n), STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(st[0].st.name, "Studio The Rules");
	assert_string_equal(st[0].st.postcode, "2541 AA");
	assert_string_equal(st[0].status, "empty");
	free(st);
	assert_int_equal(store_lists_get(s, &l, &nl), STORE_OK);
	assert_int_equal(nl, 4);
	assert_string_equal(l[0].name, "Lijst Hekking");
	assert_int_equal(l[0].ncandidates, 8);
	assert_string_equal(l[0].candidates[2].prefix, "van der");
	assert_string_equal(l[0].candidates[2].last_name, "Vaart");
	assert_string_equal(l[0].candidates[0].initials, "T.");
	assert_string_equal(l[0].candidates[0].locality, "Den Haag");
	assert_int_equal(l[2].ncandidates + l[3].ncandidates, 80);
	tally_lists_free(l, nl);
	store_close(s);
}

static void west_maas_en_waal_imports(void **state)
{
	struct store *s = fresh("0668");
	struct store_station *st;
	struct tally_list *l;
	size_t n, nl, i, nc = 0;
	long voters = 0;

	(void)state;
	must_import(s, EML "derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml");
	must_import(s, EML "derived/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml");
	must_import(s, EML "real/Kandidatenlijsten_GR2022_WestMaasenWaal.eml.xml");
	assert_int_equal(store_stations_get(s, &st, &n), STORE_OK);
	assert_int_equal(n, 21);
	for (i = 0; i < n; i++)
		voters += st[i].st.electorate;
	assert_int_equal(voters, 16202);
	assert_int_equal(st[0].st.number, 1);
	assert_int_equal(st[0].st.electorate, 1415);
	assert_int_equal(st[20].st.number, 121);
	free(st);
	assert_int_equal(store_lists_get(s, &l, &nl), STORE_OK);
	assert_int_equal(nl, 8);
	for (i = 0; i < nl; i++)
		nc += l[i].ncandidates;
	assert_int_equal(nc, 251);
	tally_lists_free(l, nl);
	store_close(s);
}

static void invalid_110a_refused(void **state)
{
	static const struct {
		const char *file, *names;
	} cases[] = {
		{"eml110a_invalid_election_date_format.eml.xml", "ElectionDate"},
		{"eml110a_invalid_election_date_nomination_format.eml.xml", "NominationDate"},
		{"eml110a_invalid_election_mismatch_preference_threshold.eml.xml", "PreferenceThreshold"},
		{"eml110a_invalid_election_mismatch_preference_threshold_small_election.eml.xml",
		 "PreferenceThreshold"},
		{"eml110a_invalid_election_missing_election_domain.eml.xml", "ElectionDomain is missing"},
		{"eml110a_invalid_election_missing_election_tree.eml.xml", "ElectionTree is missing"},
		{"eml110a_invalid_election_missing_nomination_date.eml.xml", "NominationDate is missing"},
		{"eml110a_invalid_election_missing_number_of_seats.eml.xml", "NumberOfSeats is missing"},
		{"eml110a_invalid_election_missing_preference_threshold.eml.xml",
		 "PreferenceThreshold is missing"},
		{"eml110a_invalid_election_missing_region.eml.xml", "no kr:Region"},
		{"eml110a_invalid_election_missing_subcategory.eml.xml", "ElectionSubcategory is missing"},
		{"eml110a_invalid_election_number_of_seats.eml.xml", "NumberOfSeats 9"},
		{"eml110a_invalid_election_number_of_seats_out_of_range.eml.xml", "out of range"},
		{"eml110a_invalid_election_subcategory.eml.xml", "ElectionSubcategory GR1"},
		{"eml110a_invalid_election_voting_method.eml.xml", "VotingMethod"},
		{"eml110a_invalid_xml.eml.xml", "not well-formed XML"},
	};
	char path[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct store *s = fresh(NULL);

		snprintf(path, sizeof path, EML "invalid/%s", cases[i].file);
		must_refuse(s, path, cases[i].names);
		store_close(s);
	}
}

static void invalid_110b_230b_refused(void **state)
{
	static const struct {
		const char *file, *names;
	} cases[] = {
		{"eml110b_invalid_number_of_voters.eml.xml", "MaxVotes 'test'"},
		{"eml110b_invalid_polling_station_number_of_voters.xml", "number of voters 'geen'"},
		{"eml110b_not_matching_election_id.eml.xml", "election EP2024"},
		{"eml230b_invalid_document_type.eml.xml", "says it is a 110a"},
		{"eml230b_invalid_empty_affiliates.eml.xml", "no candidate lists"},
		{"eml230b_invalid_empty_candidates.eml.xml", "holds no candidates"},
		{"eml230b_invalid_incorrect_election.eml.xml", "election GR2024_Heemdamseburg"},
		{"eml230b_invalid_incorrect_election_date.eml.xml", "ElectionDate 2022-01-31"},
		{"eml230b_invalid_incorrect_election_domain.eml.xml", "ElectionDomain 0001"},
		{"eml230b_invalid_incorrect_election_type.eml.xml", "TK"},
		{"eml230b_invalid_missing_authority.eml.xml", "ManagingAuthority is missing"},
		{"eml230b_invalid_missing_election_domain.eml.xml", "ElectionDomain is missing"},
	};
	char path[256];
	size_t i;
	struct store *s = fresh(NULL);

	(void)state;
	must_import(s, EML "fictional/abacus_eml110a_test.eml.xml");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(path, sizeof path, EML "invalid/%s", cases[i].file);
		must_refuse(s, path, cases[i].names);
	}
	store_close(s);
}

static void juinen_lists_onto_west_maas_en_waal_refused(void **state)
{
	struct store *s = fresh(NULL);

	(void)state;
	must_import(s, EML "derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml");
	must_import(s, EML "derived/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml");
	must_refuse(s, EML "fictional/eml230b_kandidatenlijsten-juinen.eml.xml",
	            "election GR2025_Juinen");
	must_refuse(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml",
	            "election GR2025_Juinen");
	store_close(s);
}

static void wrong_hash_refused(void **state)
{
	struct store *s = fresh(NULL);
	struct import_check chk = {0};
	struct import_report rep;
	unsigned char d[32];
	char why[512], *before, *after;
	size_t len;
	unsigned char *b = slurp(EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml", &len);

	(void)state;
	/* The code of the Juinen 230b given for the Juinen 110a. */
	assert_int_equal(hash_code_parse("dbc0 cdb7 08f3 1ca3 17f9 802d 6610 49b0 609c 0b8e 154c "
	                                 "85ba c7ad b216 2875 e778", d), 0);
	chk.full = d;
	assert_int_equal(store_dump(s, &before), STORE_OK);
	assert_int_equal(import_eml(s, "x", b, len, &chk, &actor, &rep, why, sizeof why),
	                 IMPORT_REFUSED);
	assert_non_null(strstr(why, "hash code does not match"));
	assert_int_equal(store_dump(s, &after), STORE_OK);
	assert_string_equal(before, after);
	/* The published code is accepted (Hashcodes-Juinen.txt), upper case and all. */
	assert_int_equal(hash_code_parse("FAE2 12FF 03CE 27D0 45E2 15EE A0C1 7E0E 316E 331F 2641 "
	                                 "50A3 FEEF 2AC3 61DB 2528", d), 0);
	assert_int_equal(import_eml(s, "x", b, len, &chk, &actor, &rep, why, sizeof why), IMPORT_OK);
	assert_true(rep.hash_checked);
	assert_string_equal(rep.hash_code, "fae2 12ff 03ce 27d0 45e2 15ee a0c1 7e0e 316e 331f 2641 "
	                                   "50a3 feef 2ac3 61db 2528");
	free(before);
	free(after);
	free(b);
	store_close(s);
}

static int answer_right(void *arg, const unsigned char d[32])
{
	char code[HASH_CODE_LEN], g[2][5];
	int g1, g2;

	(void)arg;
	hash_code_hidden(d, &g1, &g2);
	hash_code_format(d, code);
	memcpy(g[0], code + (g1 - 1) * 5, 4);
	memcpy(g[1], code + (g2 - 1) * 5, 4);
	g[0][4] = g[1][4] = '\0';
	return hash_code_check_groups(d, g1, g2, g[0], g[1]);
}

static int answer_wrong(void *arg, const unsigned char d[32])
{
	int g1, g2;

	(void)arg;
	hash_code_hidden(d, &g1, &g2);
	return hash_code_check_groups(d, g1, g2, "0000", "0000");
}

static void unchecked_hash_refused_and_asked(void **state)
{
	struct store *s = fresh(NULL);
	struct import_check none = {0}, right = {NULL, answer_right, NULL, NULL, 0};
	struct import_check wrong = {NULL, answer_wrong, NULL, NULL, 0};
	struct import_report rep;
	char why[512];
	size_t len;
	unsigned char *b = slurp(EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml", &len);
	unsigned char *b2;
	size_t len2;

	(void)state;
	assert_int_equal(import_eml(s, "x", b, len, &none, &actor, &rep, why, sizeof why),
	                 IMPORT_REFUSED);
	assert_non_null(strstr(why, "not checked"));
	assert_int_equal(import_eml(s, "x", b, len, NULL, &actor, &rep, why, sizeof why),
	                 IMPORT_REFUSED);
	assert_int_equal(import_eml(s, "x", b, len, &wrong, &actor, &rep, why, sizeof why),
	                 IMPORT_REFUSED);
	assert_non_null(strstr(why, "do not match"));
	assert_int_equal(import_eml(s, "x", b, len, &right, &actor, &rep, why, sizeof why), IMPORT_OK);
	/* The polling stations are the municipality's own file: no code needed. */
	b2 = slurp(EML "fictional/eml110b_stembureaulijst-juinen.eml.xml", &len2);
	assert_int_equal(import_eml(s, "x", b2, len2, &none, &actor, &rep, why, sizeof why),
	                 IMPORT_OK);
	assert_false(rep.hash_checked);
	free(b);
	free(b2);
	store_close(s);
}

static void order_and_duplicates(void **state)
{
	struct store *s = fresh(NULL);

	(void)state;
	must_refuse(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml", "110a");
	must_refuse(s, EML "fictional/eml230b_kandidatenlijsten-juinen.eml.xml", "110a");
	must_import(s, EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml");
	must_refuse(s, EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml", "already holds");
	must_refuse(s, EML "real/Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml", "already holds");
	must_refuse(s, EML "real/Telling_GR2022_WestMaasenWaal.eml.xml", "230b");
	/* A 110b may be replaced while no entry has begun. */
	must_import(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml");
	must_import(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml");
	store_close(s);
}

static void municipality_must_match(void **state)
{
	struct store *s = fresh("0668");

	(void)state;
	must_refuse(s, EML "real/Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml",
	            "municipality 0037");
	must_refuse(s, EML "real/Verkiezingsdefinitie_PS2023_Drenthe.eml.xml",
	            "takes no part");
	store_close(s);
	s = fresh("0106");
	must_import(s, EML "real/Verkiezingsdefinitie_PS2023_Drenthe.eml.xml");
	store_close(s);
	s = fresh("0042");
	must_import(s, EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml");
	store_close(s);
}

/* Hostile and broken bytes: refused with a reason, never a crash. */
static void hostile_input_refused(void **state)
{
	static const char *const inputs[] = {
		"",
		"not xml at all",
		"<EML",
		"<?xml version=\"1.0\"?><!DOCTYPE EML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" Id=\"110a\">&x;</EML>",
		"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;"
		"&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><a>&c;</a>",
		"<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\"/>",
		"<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" Id=\"110a\"/>",
		"<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" Id=\"999\"/>",
		"<EML xmlns=\"urn:other\" Id=\"110a\"/>",
		"<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" Id=\"110a\"><ElectionEvent><Election>"
		"<ElectionIdentifier Id=\"x\"><ElectionName>\xff\xfe</ElectionName></ElectionIdentifier>"
		"</Election></ElectionEvent></EML>",
	};
	struct store *s = fresh(NULL);
	struct import_check chk = {0};
	struct import_report rep;
	unsigned char d[32];
	char why[1024];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		hash_sha256(inputs[i], strlen(inputs[i]), d);
		chk.full = d;
		assert_int_equal(import_eml(s, "x", inputs[i], strlen(inputs[i]), &chk, &actor, &rep,
		                            why, sizeof why), IMPORT_REFUSED);
		assert_true(strlen(why) > 5);
	}
	assert_int_equal(store_election_get(s, &(struct tally_election){0}), STORE_ERR_NOT_FOUND);
	store_close(s);
}

/* Imports bytes with their own hash code: the result, with rep and why. */
static enum import_result imp_bytes(struct store *s, const void *b, size_t len,
                                    struct import_report *rep, char *why, size_t whysize)
{
	struct import_check chk = {0};
	unsigned char d[32];

	hash_sha256(b, len, d);
	chk.full = d;
	return import_eml(s, "x", b, len, &chk, &actor, rep, why, whysize);
}

/* Imports a file as imp() does and returns why it was refused (IMPORT_ACCEPTED: it was not). */
static enum import_refusal refusal(struct store *s, const char *file)
{
	struct import_report rep;
	char why[1024];
	size_t len;
	unsigned char *b = slurp(file, &len);

	imp_bytes(s, b, len, &rep, why, sizeof why);
	free(b);
	return rep.refused;
}

/*
 * A caller acts on why a file was refused by its code (rep.refused), never by
 * the words: the command line asks for --hash on IMPORT_HASH_UNCHECKED.
 */
static void refusals_have_codes(void **state)
{
	static const char *const juinen_110a = EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml";
	static const char *const juinen_110b = EML "fictional/eml110b_stembureaulijst-juinen.eml.xml";
	static const char *const juinen_230b = EML "fictional/eml230b_kandidatenlijsten-juinen.eml.xml";
	struct import_check none = {0}, wrong = {NULL, answer_wrong, NULL, NULL, 0};
	struct import_report rep;
	struct store *s = fresh("0668");
	char why[1024];
	size_t len;
	unsigned char *b;

	(void)state;
	assert_int_equal(refusal(s, EML "invalid/eml110a_invalid_xml.eml.xml"), IMPORT_BAD_FILE);
	assert_int_equal(refusal(s, juinen_110b), IMPORT_OUT_OF_ORDER);
	assert_int_equal(refusal(s, EML "real/Verkiezingsdefinitie_GR2026_Stadskanaal.eml.xml"),
	                 IMPORT_NOT_HERE);
	b = slurp(EML "derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml", &len);
	assert_int_equal(import_eml(s, "x", b, len, &none, &actor, &rep, why, sizeof why),
	                 IMPORT_REFUSED);
	assert_int_equal(rep.refused, IMPORT_HASH_UNCHECKED);
	assert_int_equal(import_eml(s, "x", b, len, &wrong, &actor, &rep, why, sizeof why),
	                 IMPORT_REFUSED);
	assert_int_equal(rep.refused, IMPORT_HASH_WRONG);
	assert_int_equal(imp_bytes(s, b, len, &rep, why, sizeof why), IMPORT_OK);
	assert_int_equal(rep.refused, IMPORT_ACCEPTED);
	free(b);
	assert_int_equal(refusal(s, juinen_110a), IMPORT_OUT_OF_ORDER);
	assert_int_equal(refusal(s, juinen_230b), IMPORT_OTHER_ELECTION);
	assert_int_equal(refusal(s, EML "derived/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml"),
	                 IMPORT_ACCEPTED);
	store_close(s);
}

/* A broken file of another election says the election first, and its code says so too. */
static void broken_file_of_another_election(void **state)
{
	struct store *s = fresh("0668");
	struct import_report rep;
	char why[1024], *bad, *at;
	size_t len;

	(void)state;
	must_import(s, EML "derived/Verkiezingsdefinitie_GR2022_WestMaasenWaal.DERIVED.eml.xml");
	bad = slurp(EML "fictional/eml110b_stembureaulijst-juinen.eml.xml", &len);
	assert_non_null(at = strstr(bad, "<MaxVotes>3353<"));
	memcpy(at + 10, "33x3", 4);
	assert_int_equal(imp_bytes(s, bad, len, &rep, why, sizeof why), IMPORT_REFUSED);
	assert_int_equal(rep.refused, IMPORT_OTHER_ELECTION);
	assert_non_null(strstr(why, "the file is for election GR2025_Juinen"));
	assert_non_null(strstr(why, "MaxVotes '33x3'"));
	/* the same defect in a file of this election is only a bad file */
	free(bad);
	bad = slurp(EML "derived/Stembureaus_GR2022_WestMaasenWaal.DERIVED.eml.xml", &len);
	assert_non_null(at = strstr(bad, "<MaxVotes>"));
	memcpy(at + 10, "x", 1);
	assert_int_equal(imp_bytes(s, bad, len, &rep, why, sizeof why), IMPORT_REFUSED);
	assert_int_equal(rep.refused, IMPORT_BAD_FILE);
	assert_null(strstr(why, "the file is for election"));
	free(bad);
	store_close(s);
}

/* Once a station's data entry has begun, stations and lists are never replaced. */
static void entry_begun_closes_imports(void **state)
{
	struct store *s = fresh(NULL);
	sqlite3 *db;

	(void)state;
	must_import(s, EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml");
	must_import(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml");
	must_import(s, EML "fictional/eml230b_kandidatenlijsten-juinen.eml.xml");
	/* the first typist claims station 2 */
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE station SET status = 'first_in_progress' "
	                              "WHERE number = 2", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	must_refuse(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml",
	            "data entry has begun, so the polling stations can no longer be replaced");
	must_refuse(s, EML "fictional/eml230b_kandidatenlijsten-juinen.eml.xml",
	            "data entry has begun, so the candidate lists can no longer be replaced");
	assert_int_equal(refusal(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml"),
	                 IMPORT_ENTRY_BEGUN);
	store_close(s);
}

/* Every import leaves an audit record, and the chain holds. */
static void imports_are_audited(void **state)
{
	struct store *s = fresh(NULL);
	long bad;

	(void)state;
	assert_int_equal(store_audit_count(s), 0);
	must_import(s, EML "fictional/eml110a_verkiezingsdefinitie-juinen.eml.xml");
	must_import(s, EML "fictional/eml110b_stembureaulijst-juinen.eml.xml");
	assert_int_equal(store_audit_count(s), 2);
	must_refuse(s, EML "invalid/eml230b_invalid_empty_candidates.eml.xml", "no candidates");
	assert_int_equal(store_audit_count(s), 2);
	assert_int_equal(store_audit_verify(s, &bad), STORE_OK);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_real_110a_imports),
		cmocka_unit_test(stadskanaal_fields),
		cmocka_unit_test(juinen_set_imports),
		cmocka_unit_test(west_maas_en_waal_imports),
		cmocka_unit_test(invalid_110a_refused),
		cmocka_unit_test(invalid_110b_230b_refused),
		cmocka_unit_test(juinen_lists_onto_west_maas_en_waal_refused),
		cmocka_unit_test(wrong_hash_refused),
		cmocka_unit_test(unchecked_hash_refused_and_asked),
		cmocka_unit_test(order_and_duplicates),
		cmocka_unit_test(municipality_must_match),
		cmocka_unit_test(hostile_input_refused),
		cmocka_unit_test(imports_are_audited),
		cmocka_unit_test(refusals_have_codes),
		cmocka_unit_test(broken_file_of_another_election),
		cmocka_unit_test(entry_begun_closes_imports),
	};
	int rc;
	char cmd[128];

	snprintf(dir, sizeof dir, "/tmp/teller-test-import-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("import", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
