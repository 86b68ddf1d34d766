#ifndef TALLY_LIMITS_H
#define TALLY_LIMITS_H
/*
 * The election's input limits under tally/'s names. The values are in
 * base/limits.h, with every other input limit.
 */
#include "base/limits.h"

#define TALLY_COUNT_MAX        LIMIT_COUNT_MAX
#define TALLY_STATIONS_MAX     LIMIT_STATIONS_MAX
#define TALLY_LISTS_MAX        LIMIT_LISTS_MAX
#define TALLY_CANDIDATES_MAX   LIMIT_CANDIDATES_MAX
#define TALLY_TEXT_MAX         LIMIT_TEXT_MAX
#define TALLY_ID_MAX           LIMIT_ID_MAX
#define TALLY_EML_FILE_MAX     LIMIT_EML_FILE_MAX
#define TALLY_HTTP_BODY_MAX    LIMIT_HTTP_BODY_MAX
#define TALLY_USERNAME_MAX     LIMIT_USERNAME_MAX
#define TALLY_PASSWORD_MIN     LIMIT_PASSWORD_MIN
#define TALLY_PASSWORD_MAX     LIMIT_PASSWORD_MAX
#endif
