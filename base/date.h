#ifndef BASE_DATE_H
#define BASE_DATE_H
/*
 * Dates and times as Teller writes them: stored moments in UTC (ISO 8601),
 * OSV's local creation time in the EML, local clock times and dates for
 * people, and Dutch dates for documents. Built on the thread-safe gmtime_r
 * and localtime_r (base/banned.h bans the others).
 */
#include <stddef.h>
#include <time.h>

#define DATE_ISO_SIZE 32   /* bytes for date_now_utc and date_now_local */

/* Now in UTC with milliseconds: "2026-03-18T21:14:05.123Z", the form of every stored moment. */
void date_now_utc(char out[DATE_ISO_SIZE]);
/* Now in local time with milliseconds and no zone, as OSV writes an EML's creation time:
 * "2022-03-17T01:32:49.834". */
void date_now_local(char out[DATE_ISO_SIZE]);
/*
 * The moment t written by strftime's fmt, in UTC (date_utc) or local time
 * (date_local), e.g. "%Y%m%d-%H%M%S". Returns out, which holds "" when t
 * cannot be converted or the text does not fit in size bytes.
 */
char *date_utc(time_t t, const char *fmt, char *out, size_t size);
char *date_local(time_t t, const char *fmt, char *out, size_t size);
/*
 * The fields of the "YYYY-MM-DDTHH:MM:SS" (or with a space for the T) at
 * the start of iso; what follows (".123Z") is not read. 0 and *tm (year,
 * month, day, hour, minute, second; no zone applied), or -1 when iso does
 * not begin so or a field is out of range.
 */
int date_fields(const char *iso, struct tm *tm);
/* A stored moment (date_fields' form, taken as UTC) as a time_t: 0, or -1. */
int date_parse_utc(const char *iso, time_t *t);
/*
 * Exactly "YYYY-MM-DD", a day the calendar has (leap years included): 0 and
 * the year, month and day (pointers may be NULL), or -1. Each caller bounds
 * the years it takes.
 */
int date_day(const char *s, int *y, int *m, int *d);
/* Exactly "HH:MM", 00:00 to 24:00 (the end of a day): the minutes since midnight, or -1. */
int date_clock(const char *s);
/* The Dutch name of month 1 to 12 ("maart"); NULL for any other number. */
const char *date_month_nl(int month);
/*
 * The "YYYY-MM-DD" at the start of iso as documents write a date in Dutch:
 * "16 maart 2022". Returns 0, or -1 with iso copied as it is.
 */
int date_nl_long(const char *iso, char *out, size_t size);
/* The same as "16-03-2022". */
int date_nl_short(const char *iso, char *out, size_t size);

#endif
