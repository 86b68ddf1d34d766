#ifndef BASE_LIMITS_H
#define BASE_LIMITS_H
/*
 * Every input limit of Teller, in one place: what it reads from outside (EML
 * files, HTTP bodies, query strings, command-line arguments, files given to
 * it) is checked against these, and a refusal names the limit. The rooms'
 * older names (TALLY_*_MAX in tally/limits.h, COSTS_*_MAX, ...) are these.
 */

/* The election and the count */
#define LIMIT_COUNT_MAX          999999999L  /* largest count on the form (domain.md §3) */
#define LIMIT_STATIONS_MAX       2000        /* polling stations in one municipality */
#define LIMIT_LISTS_MAX          99          /* candidate lists in one election */
#define LIMIT_CANDIDATES_MAX     100         /* candidates on one list (Kieswet: 80) */
#define LIMIT_TEXT_MAX           512         /* bytes of a name, a locality, a description */
#define LIMIT_ID_MAX             64          /* bytes of an election id: GR2022_WestMaasenWaal */

/* Files and requests */
#define LIMIT_EML_FILE_MAX       (64L * 1024 * 1024) /* largest EML file read */
#define LIMIT_HTTP_BODY_MAX      (256L * 1024)       /* largest HTTP request body */
#define LIMIT_ACCOUNTS_CSV_MAX   1000                /* accounts in one CSV file */
#define LIMIT_ACCOUNTS_CSV_FILE_MAX (LIMIT_ACCOUNTS_CSV_MAX * 80L) /* bytes of that file */
#define LIMIT_KEY_FILE_MAX       65536L              /* a public key given to teller verify */
#define LIMIT_SIGNED_FILE_MAX    (1L << 30)          /* a file teller verify checks */
#define LIMIT_SIG_FILE_MAX       1024L               /* its .sig file */
#define LIMIT_CMS_FILE_MAX       65536L              /* a NAME.signature (CMS) beside an EML file */
#define LIMIT_PATH_NUMBER_MAX    9999999L            /* a number in a URL path or filter */
#define LIMIT_RECORD_ID_MAX      2000000000L         /* an audit record's id in a query */
#define LIMIT_LINE_ID_MAX        (1L << 40)          /* a costs line's id on the command line */

/*
 * Connections to the LAN server (issue 11, finding 3: slow clients must not
 * shut typists out). A browser opens about 6 connections to a host, so a
 * laptop on the LAN gets 16; the machine itself (127.0.0.1, ::1: its own
 * browser, the browser tests with several contexts at once) gets 64. The
 * global cap holds 512 LAN addresses at their cap. A connection owes a
 * complete request head within LIMIT_HTTP_HEAD_SECONDS of opening or of its
 * previous answer (keep-alive
 * browsers reconnect, as they do with Apache's 5 s), and the whole request,
 * body included, within LIMIT_HTTP_REQUEST_SECONDS (256 KiB at 13 KiB/s).
 */
#define LIMIT_HTTP_CONNECTIONS_MAX          8192  /* open connections in all */
#define LIMIT_HTTP_CONNECTIONS_PER_ADDRESS  16    /* open connections from one LAN address */
#define LIMIT_HTTP_CONNECTIONS_LOOPBACK     64    /* open connections from this machine itself */
#define LIMIT_HTTP_HEAD_SECONDS             10    /* to send a complete request head */
#define LIMIT_HTTP_REQUEST_SECONDS          20    /* to send the whole request */
#define LIMIT_HTTP_IDLE_SECONDS             60    /* without traffic while being answered */
#define LIMIT_HTTP_CONNECTION_MEMORY        (64L * 1024) /* bytes of a connection's head and buffers */
#define LIMIT_HTTP_FDS_SPARE                256   /* open files beside the connections */

/* Accounts and sessions */
#define LIMIT_USERNAME_MAX       64
#define LIMIT_PASSWORD_MIN       12
#define LIMIT_PASSWORD_MAX       256
#define LIMIT_SESSION_IDLE_MAX   (30 * 60)   /* seconds without a request before a session ends */
#define LIMIT_SESSION_LIFETIME_MAX (12 * 60 * 60) /* seconds after the login when a session ends, however busy */

/*
 * Password hashing in the LAN server (entry/hashpool.c; issue 11, finding 7):
 * one worker per core (at most LIMIT_HASH_THREADS_MAX), each hash 19 MiB and
 * ~35 ms; at most LIMIT_HASH_QUEUE_MAX requests waiting for or in a hash (256
 * logins drain in about 5 s on two cores), beyond that 503 with Retry-After.
 */
#define LIMIT_HASH_THREADS_MAX   16
#define LIMIT_HASH_QUEUE_MAX     256
#define LIMIT_HASH_RETRY_SECONDS 5
#define LIMIT_HASH_NICE          10     /* the workers' nice, added to the server's */

/* The coordinator's texts */
#define LIMIT_REASON_MIN         5      /* visible characters of the reason to reopen a count */
#define LIMIT_REASON_MAX         500    /* bytes of that reason */
#define LIMIT_COMMITTEE_MEMBERS_MAX 30
#define LIMIT_COMMITTEE_CHARS_MAX   200 /* characters of a place or a member */
#define LIMIT_COMMITTEE_TEXT_MAX    (LIMIT_COMMITTEE_CHARS_MAX * 4) /* their bytes in UTF-8 */
#define LIMIT_AUDIT_PAGE_MAX     1000   /* audit records in one page */
#define LIMIT_PROJECTOR_LINKS_MAX 20    /* projector links not revoked at one time */

/* Hours and costs */
#define LIMIT_MONEY_MAX          1000000000LL /* cents: EUR 10 000 000.00, the largest amount */
#define LIMIT_COSTS_TEXT_MAX     256    /* bytes of a description, NUL included */
#define LIMIT_COSTS_NAME_MAX     64     /* bytes of a person's name, NUL included */
#define LIMIT_KM_MAX             100000L /* kilometres in one travel line */
#define LIMIT_LAPTOPS_MAX        10000L  /* laptops in one rental line */
#define LIMIT_DAYS_MAX           366L    /* days in one rental line */
#define LIMIT_VAT_MAX            10000   /* VAT in basis points: 100 % */

#endif
