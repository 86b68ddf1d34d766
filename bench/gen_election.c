/*
 * A synthetic municipal election for the benchmarks: EML_NL 110a, 110b and
 * 230b for the fictional municipality Grootstad (domain id 0363), with S
 * polling stations, L lists of C candidates, and the figures of every
 * station's count form (consistent, so that no error or warning is raised).
 *
 * Static functions only, #included by the bench/bench_*.c that use it (the
 * Makefile compiles only bench/bench_*.c, and a .c file here does not make
 * every object of the library depend on it, as a header in a top folder would).
 * `build/bench/bench_load --gen-only DIR [--stations S --lists L --candidates C]`
 * writes the three files and nothing else.
 *
 * Everything is a function of (S, L, C, seed): the same arguments give the
 * same bytes, so the hash codes are stable.
 */
#ifndef BENCH_GEN_ELECTION_H
#define BENCH_GEN_ELECTION_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_DOMAIN_ID   "0363"
#define GEN_DOMAIN_NAME "Grootstad"
#define GEN_ELECTION_ID "GR2026_Grootstad"
#define GEN_ELECTION    "Gemeenteraad Grootstad 2026"
#define GEN_DATE        "2026-03-18"
#define GEN_NOMINATION  "2026-02-02"

struct gen_params {
	int stations;   /* S */
	int lists;      /* L */
	int candidates; /* C, per list */
	uint64_t seed;
};

/* One station's count form (GR: no voter cards; no differences: D = H). */
struct gen_form {
	long poll_cards, proxy_certificates, admitted_voters;
	long valid_votes, blank_votes, invalid_votes, votes_cast;
	long *list_totals;  /* [L] */
	long *cand;         /* [L * C], list-major */
	int lists, candidates;
};

/* ---- a small deterministic random source (splitmix64) ---- */

static uint64_t gen_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static long gen_range(uint64_t *s, long lo, long hi)
{
	return lo + (long)(gen_next(s) % (uint64_t)(hi - lo + 1));
}

/* Uniform in [0, 1). */
static double gen_unit(uint64_t *s)
{
	return (double)(gen_next(s) >> 11) / 9007199254740992.0;
}

/* ---- names ---- */

static const char *const gen_first_m[] = {
	"Jan", "Pieter", "Kees", "Hendrik", "Willem", "Joost", "Bram", "Daan", "Sem", "Lucas",
	"Mohamed", "Youssef", "Thijs", "Ruben", "Gerrit", "Martijn", "Sander", "Bas", "Frank",
	"Erik", "Mehmet", "Arjen", "Wouter", "Jeroen", "Stefan", "Rachid", "Koen", "Niels",
	"Hüseyin", "Otto",
};
static const char *const gen_first_f[] = {
	"Anna", "Emma", "Sophie", "Julia", "Fleur", "Sanne", "Lotte", "Marieke", "Ingrid", "Anouk",
	"Fatima", "Noor", "Femke", "Esther", "Karin", "Linda", "Yasmina", "Hanneke", "Petra",
	"Miriam", "Zoë", "Aylin", "Iris", "Renée", "Saskia", "Wendy", "Ilse", "Nadia", "Eline",
	"Gülşen",
};
static const char *const gen_prefix[] = {"", "", "", "", "", "van", "de", "van der", "van den",
                                         "van de", "ter", "den", "in 't"};
static const char *const gen_last[] = {
	"Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters",
	"Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kok", "Jacobs", "Vermeulen", "Schouten",
	"Willems", "Hoekstra", "Koster", "Prins", "Huisman", "Kuipers", "Veenstra", "Postma",
	"Yılmaz", "El Amrani", "Kaya", "Bouzid", "Scholten", "Çelik", "Doğan", "Pinas",
	"Zandvliet", "Oosterhuis", "Timmermans", "Blom", "Verhoeven", "Lammers", "Wouters",
};
/* Last names that go with a prefix (van, de, van der, ...). */
static const char *const gen_last_p[] = {
	"Berg", "Heuvel", "Wal", "Linden", "Veen", "Brink", "Laan", "Velde", "Wijk", "Kamp",
	"Horst", "Haar", "Boer", "Graaf", "Meer", "Leeuwen", "Sluis", "Akker", "Groot", "Vries",
};
static const char *const gen_party[] = {
	"GROENLINKS / Partij van de Arbeid (PvdA)", "VVD", "D66", "Partij voor de Dieren", "CDA",
	"SP (Socialistische Partij)", "JA21", "DENK", "BIJ1", "Volt", "ChristenUnie",
	"PVV (Partij voor de Vrijheid)", "Forum voor Democratie", "50PLUS", "BBB",
	"Stadspartij Grootstad", "Lokaal Grootstad", "Grootstad Centraal", "Partij voor de Buurt",
	"Ouderenpartij Grootstad", "Piratenpartij", "Nieuw Sociaal Contract", "Leefbaar Grootstad",
	"Grootstad Groen", "Samen voor Grootstad", "Fietspartij", "Wijkbelangen Grootstad",
	"Jongeren Grootstad", "Onafhankelijk Grootstad", "Grootstad Vooruit",
};
static const char *const gen_place[] = {
	"Buurthuis", "Basisschool", "Wijkcentrum", "Bibliotheek", "Sporthal", "Kerkgebouw",
	"Gemeentehuis", "Zorgcentrum", "Speeltuinvereniging", "Station", "Cultuurhuis",
	"Brede School",
};
static const char *const gen_place_name[] = {
	"De Eik", "Het Anker", "De Regenboog", "Oost", "West", "De Pijp", "Het Baken",
	"De Boomgaard", "De Linde", "Zuid", "Noord", "De Wetering", "Het Spoor", "De Vijverhof",
	"De Kastanje", "Het Bolwerk", "De Molen", "De Brug", "Het Kompas", "De Sluis",
};

#define GEN_N(a) (sizeof(a) / sizeof((a)[0]))

static int gen_utf8_len(const char *p)
{
	unsigned char c = (unsigned char)*p;

	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The candidate (list l, position p; both from 1): names and gender. */
static void gen_candidate(const struct gen_params *g, int l, int p, const char **first,
                          char *initials, size_t isize, const char **prefix, const char **last,
                          const char **gender)
{
	uint64_t s = g->seed ^ ((uint64_t)l << 32) ^ (uint64_t)p * 7919u;
	int female = (int)(gen_next(&s) & 1), second = gen_range(&s, 0, 3) == 0, n;
	const char *const *names = female ? gen_first_f : gen_first_m;
	size_t nn = female ? GEN_N(gen_first_f) : GEN_N(gen_first_m);
	const char *f2;

	*first = names[gen_next(&s) % nn];
	f2 = names[gen_next(&s) % nn];
	*prefix = gen_prefix[gen_next(&s) % GEN_N(gen_prefix)];
	*last = (*prefix)[0] ? gen_last_p[gen_next(&s) % GEN_N(gen_last_p)] :
	                       gen_last[gen_next(&s) % GEN_N(gen_last)];
	*gender = female ? "female" : "male";
	/* Initials: the first letter (a whole UTF-8 character) of each first name. */
	n = gen_utf8_len(*first);
	if (second)
		snprintf(initials, isize, "%.*s.%.*s.", n, *first, gen_utf8_len(f2), f2);
	else
		snprintf(initials, isize, "%.*s.", n, *first);
}

static void gen_party_name(int l, char *out, size_t size)
{
	if ((size_t)(l - 1) < GEN_N(gen_party))
		snprintf(out, size, "%s", gen_party[l - 1]);
	else
		snprintf(out, size, "Lijst %s %d", gen_last[(size_t)l % GEN_N(gen_last)], l);
}

/* Station s (from 1): name, postcode, electorate (1000-2500). */
static long gen_station(const struct gen_params *g, int st, char *name, size_t nsize, char *pc,
                        size_t pcsize)
{
	uint64_t s = g->seed ^ 0x5157A7104ull ^ (uint64_t)st * 104729u;
	long electorate = gen_range(&s, 1000, 2500);

	snprintf(name, nsize, "%s %s", gen_place[gen_next(&s) % GEN_N(gen_place)],
	         gen_place_name[gen_next(&s) % GEN_N(gen_place_name)]);
	snprintf(pc, pcsize, "%ld %c%c", 1011 + (long)(gen_next(&s) % 1090), 'A' + (int)(gen_next(&s) % 26),
	         'A' + (int)(gen_next(&s) % 26));
	return electorate;
}

/* Splits total over n parts by weights w (>= 0, sum > 0) into out; sums exactly. */
static void gen_split(long total, const double *w, int n, long *out)
{
	double sum = 0;
	long given = 0;
	int i;

	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		out[i] = (long)((double)total * w[i] / sum);
		given += out[i];
	}
	for (i = 0; given < total; i = (i + 1) % n, given++)
		out[i]++;
}

/* The figures of station st (from 1). Free with gen_form_free. 0 on success. */
static int gen_form_make(const struct gen_params *g, int st, struct gen_form *f)
{
	uint64_t s = g->seed ^ 0xF0F0F0ull ^ (uint64_t)st * 15485863u;
	char name[128], pc[16];
	long electorate = gen_station(g, st, name, sizeof name, pc, sizeof pc);
	int L = g->lists, C = g->candidates, i, j;
	double *w = malloc(sizeof *w * (size_t)(L > C ? L : C));

	memset(f, 0, sizeof *f);
	f->lists = L;
	f->candidates = C;
	f->list_totals = calloc((size_t)L, sizeof *f->list_totals);
	f->cand = calloc((size_t)L * (size_t)C, sizeof *f->cand);
	if (w == NULL || f->list_totals == NULL || f->cand == NULL) {
		free(w);
		free(f->list_totals);
		free(f->cand);
		return -1;
	}
	/* Turnout 45-65 %; no differences (D = H); blank and invalid well under 3 %. */
	f->votes_cast = electorate * gen_range(&s, 45, 65) / 100;
	f->admitted_voters = f->votes_cast;
	f->proxy_certificates = f->admitted_voters * gen_range(&s, 1, 4) / 100;
	f->poll_cards = f->admitted_voters - f->proxy_certificates;
	f->blank_votes = f->votes_cast * gen_range(&s, 2, 15) / 1000;
	f->invalid_votes = f->votes_cast * gen_range(&s, 1, 10) / 1000;
	f->valid_votes = f->votes_cast - f->blank_votes - f->invalid_votes;
	for (i = 0; i < L; i++)
		w[i] = (0.6 + 0.8 * gen_unit(&s)) / (1.0 + i * 0.6);
	gen_split(f->valid_votes, w, L, f->list_totals);
	for (i = 0; i < L; i++) {
		for (j = 0; j < C; j++)
			w[j] = j == 0 ? 3.0 * C / 10.0 + 1.0 : (0.3 + gen_unit(&s)) / (1.0 + j * 0.5);
		gen_split(f->list_totals[i], w, C, f->cand + (size_t)i * (size_t)C);
	}
	free(w);
	return 0;
}

static void gen_form_free(struct gen_form *f)
{
	free(f->list_totals);
	free(f->cand);
	memset(f, 0, sizeof *f);
}

/* ---- the files ---- */

static const char gen_ns[] =
	"xmlns=\"urn:oasis:names:tc:evs:schema:eml\" "
	"xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
	"xmlns:kr=\"http://www.kiesraad.nl/extensions\" "
	"xmlns:xal=\"urn:oasis:names:tc:ciq:xsdschema:xAL:2.0\" "
	"xmlns:xnl=\"urn:oasis:names:tc:ciq:xsdschema:xNL:2.0\"";

static void gen_identifier(FILE *o, int domain, int nomination, const char *ind)
{
	fprintf(o, "%s<ElectionIdentifier Id=\"" GEN_ELECTION_ID "\">\n", ind);
	fprintf(o, "%s  <ElectionName>" GEN_ELECTION "</ElectionName>\n", ind);
	fprintf(o, "%s  <ElectionCategory>GR</ElectionCategory>\n", ind);
	fprintf(o, "%s  <kr:ElectionSubcategory>GR2</kr:ElectionSubcategory>\n", ind);
	if (domain)
		fprintf(o, "%s  <kr:ElectionDomain Id=\"" GEN_DOMAIN_ID "\">" GEN_DOMAIN_NAME
		        "</kr:ElectionDomain>\n", ind);
	fprintf(o, "%s  <kr:ElectionDate>" GEN_DATE "</kr:ElectionDate>\n", ind);
	if (nomination)
		fprintf(o, "%s  <kr:NominationDate>" GEN_NOMINATION "</kr:NominationDate>\n", ind);
	fprintf(o, "%s</ElectionIdentifier>\n", ind);
}

static int gen_close(FILE *o)
{
	int bad = ferror(o);

	return fclose(o) != 0 || bad ? -1 : 0;
}

static int gen_110a(const struct gen_params *g, const char *path)
{
	FILE *o = fopen(path, "w");
	char party[128];
	int l;

	if (o == NULL)
		return -1;
	fprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	        "<EML %s Id=\"110a\" SchemaVersion=\"5\">\n"
	        "  <TransactionId>1</TransactionId>\n"
	        "  <IssueDate>" GEN_NOMINATION "</IssueDate>\n"
	        "  <kr:CreationDateTime>" GEN_NOMINATION "T10:00:00.000</kr:CreationDateTime>\n"
	        "  <ElectionEvent>\n"
	        "    <EventIdentifier/>\n"
	        "    <Election>\n", gen_ns);
	gen_identifier(o, 1, 1, "      ");
	fprintf(o, "      <Contest>\n"
	        "        <ContestIdentifier Id=\"geen\"/>\n"
	        "        <VotingMethod>SPV</VotingMethod>\n"
	        "        <MaxVotes></MaxVotes>\n"
	        "      </Contest>\n"
	        "      <kr:NumberOfSeats>45</kr:NumberOfSeats>\n"
	        "      <kr:PreferenceThreshold>25</kr:PreferenceThreshold>\n"
	        "      <kr:ElectionTree>\n"
	        "        <kr:Region RegionNumber=\"363\" RegionCategory=\"GEMEENTE\">\n"
	        "          <kr:RegionName>" GEN_DOMAIN_NAME "</kr:RegionName>\n"
	        "          <kr:Committee CommitteeCategory=\"CSB\"/>\n"
	        "          <kr:Committee CommitteeCategory=\"HSB\"/>\n"
	        "        </kr:Region>\n"
	        "      </kr:ElectionTree>\n"
	        "      <kr:RegisteredParties>\n");
	for (l = 1; l <= g->lists; l++) {
		gen_party_name(l, party, sizeof party);
		fprintf(o, "        <kr:RegisteredParty>\n"
		        "          <kr:RegisteredAppellation>%s</kr:RegisteredAppellation>\n"
		        "        </kr:RegisteredParty>\n", party);
	}
	fprintf(o, "      </kr:RegisteredParties>\n"
	        "    </Election>\n"
	        "  </ElectionEvent>\n"
	        "</EML>\n");
	return gen_close(o);
}

static int gen_110b(const struct gen_params *g, const char *path)
{
	FILE *o = fopen(path, "w");
	char name[128], pc[16];
	long total = 0, e;
	int st;

	if (o == NULL)
		return -1;
	for (st = 1; st <= g->stations; st++)
		total += gen_station(g, st, name, sizeof name, pc, sizeof pc);
	fprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<EML %s Id=\"110b\" SchemaVersion=\"5\">\n"
	        "  <TransactionId>1</TransactionId>\n"
	        "  <ManagingAuthority>\n"
	        "    <AuthorityIdentifier Id=\"" GEN_DOMAIN_ID "\">" GEN_DOMAIN_NAME
	        "</AuthorityIdentifier>\n"
	        "    <AuthorityAddress/>\n"
	        "  </ManagingAuthority>\n"
	        "  <kr:CreationDateTime>" GEN_NOMINATION "T10:00:00.000</kr:CreationDateTime>\n"
	        "  <ElectionEvent>\n"
	        "    <EventIdentifier/>\n"
	        "    <Election>\n", gen_ns);
	gen_identifier(o, 0, 0, "      ");
	fprintf(o, "      <Contest>\n"
	        "        <ContestIdentifier Id=\"geen\"/>\n"
	        "        <ReportingUnit>\n"
	        "          <ReportingUnitIdentifier Id=\"" GEN_DOMAIN_ID "\">" GEN_DOMAIN_NAME
	        "</ReportingUnitIdentifier>\n"
	        "        </ReportingUnit>\n"
	        "        <VotingMethod>SPV</VotingMethod>\n"
	        "        <MaxVotes>%ld</MaxVotes>\n", total);
	for (st = 1; st <= g->stations; st++) {
		e = gen_station(g, st, name, sizeof name, pc, sizeof pc);
		fprintf(o, "        <PollingPlace Channel=\"polling\">\n"
		        "          <PhysicalLocation>\n"
		        "            <Address>\n"
		        "              <Locality>\n"
		        "                <xal:LocalityName>%s</xal:LocalityName>\n"
		        "                <xal:PostalCode>\n"
		        "                  <xal:PostalCodeNumber>%s</xal:PostalCodeNumber>\n"
		        "                </xal:PostalCode>\n"
		        "              </Locality>\n"
		        "            </Address>\n"
		        "            <PollingStation Id=\"%d\">%ld</PollingStation>\n"
		        "          </PhysicalLocation>\n"
		        "        </PollingPlace>\n", name, pc, st, e);
	}
	fprintf(o, "      </Contest>\n"
	        "    </Election>\n"
	        "  </ElectionEvent>\n"
	        "</EML>\n");
	return gen_close(o);
}

static int gen_230b(const struct gen_params *g, const char *path)
{
	FILE *o = fopen(path, "w");
	const char *first, *prefix, *last, *gender;
	char party[128], initials[16];
	int l, p;

	if (o == NULL)
		return -1;
	fprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<EML %s Id=\"230b\" SchemaVersion=\"5\">\n"
	        "  <TransactionId>1</TransactionId>\n"
	        "  <ManagingAuthority>\n"
	        "    <AuthorityIdentifier Id=\"" GEN_DOMAIN_ID "\">" GEN_DOMAIN_NAME
	        "</AuthorityIdentifier>\n"
	        "    <AuthorityAddress/>\n"
	        "  </ManagingAuthority>\n"
	        "  <IssueDate>" GEN_NOMINATION "</IssueDate>\n"
	        "  <kr:CreationDateTime>" GEN_NOMINATION "T16:00:00.000</kr:CreationDateTime>\n"
	        "  <CandidateList>\n"
	        "    <Election>\n", gen_ns);
	gen_identifier(o, 1, 1, "      ");
	fprintf(o, "      <Contest>\n"
	        "        <ContestIdentifier Id=\"geen\"/>\n");
	for (l = 1; l <= g->lists; l++) {
		gen_party_name(l, party, sizeof party);
		fprintf(o, "        <Affiliation>\n"
		        "          <AffiliationIdentifier Id=\"%d\">\n"
		        "            <RegisteredName>%s</RegisteredName>\n"
		        "          </AffiliationIdentifier>\n"
		        "          <Type>op zichzelf staande lijst</Type>\n"
		        "          <kr:ListData PublicationLanguage=\"nl\" PublishGender=\"true\"/>\n",
		        l, party);
		for (p = 1; p <= g->candidates; p++) {
			gen_candidate(g, l, p, &first, initials, sizeof initials, &prefix, &last, &gender);
			fprintf(o, "          <Candidate>\n"
			        "            <CandidateIdentifier Id=\"%d\"/>\n"
			        "            <CandidateFullName>\n"
			        "              <xnl:PersonName>\n"
			        "                <xnl:NameLine NameType=\"Initials\">%s</xnl:NameLine>\n"
			        "                <xnl:FirstName>%s</xnl:FirstName>\n", p, initials, first);
			if (prefix[0] != '\0')
				fprintf(o, "                <xnl:NamePrefix>%s</xnl:NamePrefix>\n", prefix);
			fprintf(o, "                <xnl:LastName>%s</xnl:LastName>\n"
			        "              </xnl:PersonName>\n"
			        "            </CandidateFullName>\n"
			        "            <Gender>%s</Gender>\n"
			        "            <QualifyingAddress>\n"
			        "              <xal:Locality>\n"
			        "                <xal:LocalityName>" GEN_DOMAIN_NAME "</xal:LocalityName>\n"
			        "              </xal:Locality>\n"
			        "            </QualifyingAddress>\n"
			        "          </Candidate>\n", last, gender);
		}
		fprintf(o, "        </Affiliation>\n");
	}
	fprintf(o, "      </Contest>\n"
	        "    </Election>\n"
	        "  </CandidateList>\n"
	        "</EML>\n");
	return gen_close(o);
}

/*
 * Writes dir/eml110a_grootstad.eml.xml, dir/eml110b_grootstad.eml.xml and
 * dir/eml230b_grootstad.eml.xml. 0 on success.
 */
static int gen_election(const struct gen_params *g, const char *dir)
{
	char p[3][4096];

	if (g->stations < 1 || g->lists < 1 || g->candidates < 1)
		return -1;
	snprintf(p[0], sizeof p[0], "%s/eml110a_grootstad.eml.xml", dir);
	snprintf(p[1], sizeof p[1], "%s/eml110b_grootstad.eml.xml", dir);
	snprintf(p[2], sizeof p[2], "%s/eml230b_grootstad.eml.xml", dir);
	return gen_110a(g, p[0]) != 0 || gen_110b(g, p[1]) != 0 || gen_230b(g, p[2]) != 0 ? -1 : 0;
}

#endif
