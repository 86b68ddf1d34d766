#ifndef BASE_BANNED_H
#define BASE_BANNED_H
/*
 * Functions Teller does not use, forced into every compile (the Makefile's
 * -include base/banned.h), after the C library's own headers so that their
 * declarations stay as they are. A use is a call of an undeclared function,
 * which the Makefile makes an error (-Werror=implicit-function-declaration):
 *   sprintf, vsprintf   no bound: use snprintf / vsnprintf
 *   strcpy, strcat      no bound: use snprintf
 *   atoi                no error: use base/num.h (num_parse: a whole string, a range)
 *   sscanf              no bound, no error: base/num.h, base/date.h (date_fields)
 *   strtok              hidden state: use strtok_r or strchr
 *   localtime, gmtime   shared buffer, not thread-safe: base/date.h, or localtime_r / gmtime_r
 *   gets                never
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(f) sorry_##f##_is_banned_in_teller
#undef sprintf
#undef vsprintf
#undef strcpy
#undef strcat
#undef atoi
#undef sscanf
#undef strtok
#undef localtime
#undef gmtime
#undef gets
#define sprintf(...) BANNED(sprintf)(__VA_ARGS__)
#define vsprintf(...) BANNED(vsprintf)(__VA_ARGS__)
#define strcpy(...) BANNED(strcpy)(__VA_ARGS__)
#define strcat(...) BANNED(strcat)(__VA_ARGS__)
#define atoi(...) BANNED(atoi)(__VA_ARGS__)
#define sscanf(...) BANNED(sscanf)(__VA_ARGS__)
#define strtok(...) BANNED(strtok)(__VA_ARGS__)
#define localtime(...) BANNED(localtime)(__VA_ARGS__)
#define gmtime(...) BANNED(gmtime)(__VA_ARGS__)
#define gets(...) BANNED(gets)(__VA_ARGS__)

#endif
