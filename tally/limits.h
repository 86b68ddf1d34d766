#ifndef TALLY_LIMITS_H
#define TALLY_LIMITS_H
/*
 * Input limits of Teller, in one place. Everything that reads outside input
 * (EML files, HTTP bodies, command-line arguments) checks against these.
 */
#define TALLY_COUNT_MAX        999999999L  /* largest count on the form (domain.md §3) */
#define TALLY_STATIONS_MAX     2000        /* polling stations in one municipality */
#define TALLY_LISTS_MAX        99          /* candidate lists in one election */
#define TALLY_CANDIDATES_MAX   100         /* candidates on one list (Kieswet: at most 80, 100 for safety) */
#define TALLY_TEXT_MAX         512         /* bytes of a name, a locality, a description */
#define TALLY_ID_MAX           64          /* bytes of an election id such as GR2022_WestMaasenWaal */
#define TALLY_EML_FILE_MAX     (64L * 1024 * 1024) /* largest EML file we read */
#define TALLY_HTTP_BODY_MAX    (256L * 1024)       /* largest HTTP request body */
#define TALLY_USERNAME_MAX     64
#define TALLY_PASSWORD_MIN     12
#define TALLY_PASSWORD_MAX     256
#endif
