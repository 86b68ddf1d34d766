/*
 * What must not travel with the database. The private keys (signing, TLS) and
 * the audit log's key and anchor live in a folder of their own beside it,
 * DB.keys/ (mode 0700, files 0600), so a copy of the database file (a backup
 * on a USB stick) carries none of them.
 *
 * The audit key makes each link of the log's chain an HMAC that cannot be
 * recomputed after an edit without it. The anchor (the last record's id and
 * hash, rewritten after every commit that adds records) shows records cut
 * from the end, all of them, or a database put back to an older copy of
 * itself: store_audit_verify (audit.c) checks both. Sealing a log under a new
 * key, and upgrading a database from before the folder: seal.c.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/num.h"
#include "store/internal.h"

#define KEY_FILE_MAX 65536
#define AUDIT_KEY_FILE "audit.key"
#define ANCHOR_FILE    "audit.anchor"

const char *const store_private_keys[STORE_PRIVATE_KEYS] = {"signing_key", "tls_key", "tls_ca_key",
                                                           "cms_key"};

int store_key_is_private(const char *name)
{
	size_t i;

	for (i = 0; i < STORE_PRIVATE_KEYS; i++)
		if (strcmp(name, store_private_keys[i]) == 0)
			return 1;
	return 0;
}

static int in_folder(const struct store *s, const char *file, char *out, size_t size)
{
	int n = snprintf(out, size, "%s/%s", s->keydir, file);

	return n > 0 && (size_t)n < size ? 0 : -1;
}

/*
 * Writes a file of the folder whole or not at all: a new temporary file,
 * synced, renamed over the old one; a reader sees the old or the new bytes.
 */
static int write_file(struct store *s, const char *file, const void *data, size_t len)
{
	static unsigned long serial;
	char path[4200], tmp[4300];
	const char *p = data;
	size_t done = 0;
	ssize_t w;
	int fd, ok;

	if (s->keydir == NULL || in_folder(s, file, path, sizeof path) != 0)
		return store_fail_msg(STORE_ERR_IO, "the key folder's path is too long");
	snprintf(tmp, sizeof tmp, "%s.%ld-%lu.tmp", path, (long)getpid(),
	         __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED));
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return store_fail_msg(STORE_ERR_IO, "cannot write into the key folder");
	while (done < len && (w = write(fd, p + done, len - done)) > 0)
		done += (size_t)w;
	ok = done == len && fdatasync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return store_fail_msg(STORE_ERR_IO, "cannot write into the key folder");
	}
	return STORE_OK;
}

/* A file of the folder, NUL-terminated: STORE_ERR_NOT_FOUND when it is not there. */
static int read_file(const struct store *s, const char *file, char **out, size_t *len)
{
	char path[4200];
	struct stat st;
	size_t done = 0;
	ssize_t r;
	int fd;

	*out = NULL;
	if (s->keydir == NULL || in_folder(s, file, path, sizeof path) != 0)
		return STORE_ERR_NOT_FOUND;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return errno == ENOENT ? STORE_ERR_NOT_FOUND
		                       : store_fail_msg(STORE_ERR_IO, "cannot read the key folder");
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > KEY_FILE_MAX ||
	    (*out = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return store_fail_msg(STORE_ERR_IO, "a file of the key folder is not a key");
	}
	while (done < (size_t)st.st_size && (r = read(fd, *out + done, (size_t)st.st_size - done)) > 0)
		done += (size_t)r;
	close(fd);
	(*out)[done] = '\0';
	if (len != NULL)
		*len = done;
	return STORE_OK;
}

int store_key_put(struct store *s, const char *name, const void *value, size_t len)
{
	char file[64];

	if (!s->keys)
		return store_fail_msg(STORE_ERR_STATE, "the key folder beside the database is missing");
	snprintf(file, sizeof file, "%s.pem", name);
	return write_file(s, file, value, len);
}

int store_key_get(struct store *s, const char *name, char **out, size_t *len)
{
	char file[64];

	snprintf(file, sizeof file, "%s.pem", name);
	return read_file(s, file, out, len);
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A new audit key, written to the folder and kept in s. */
int store_audit_key_new(struct store *s)
{
	static const char digits[] = "0123456789abcdef";
	char text[2 * STORE_AUDIT_KEY_LEN + 2];
	size_t i;

	if (getrandom(s->audit_key, sizeof s->audit_key, 0) != (ssize_t)sizeof s->audit_key)
		return store_fail_msg(STORE_ERR_IO, "no random bytes for the audit key");
	for (i = 0; i < sizeof s->audit_key; i++) {
		text[2 * i] = digits[s->audit_key[i] >> 4];
		text[2 * i + 1] = digits[s->audit_key[i] & 15];
	}
	text[2 * i] = '\n';
	s->keys = 1;
	return write_file(s, AUDIT_KEY_FILE, text, 2 * i + 1);
}

/* Reads the audit key: s->keys 1 when it is there and whole. */
static void audit_key_read(struct store *s)
{
	char *text = NULL;
	size_t len = 0, i;
	int hi, lo;

	s->keys = 0;
	if (read_file(s, AUDIT_KEY_FILE, &text, &len) != STORE_OK)
		return;
	if (len >= 2 * sizeof s->audit_key) {
		for (i = 0; i < sizeof s->audit_key; i++) {
			if ((hi = hexval(text[2 * i])) < 0 || (lo = hexval(text[2 * i + 1])) < 0)
				break;
			s->audit_key[i] = (unsigned char)(hi << 4 | lo);
		}
		s->keys = i == sizeof s->audit_key;
	}
	free(text);
}

void store_audit_link(struct store *s, const char *prev, const char *rec, char out[65])
{
	s->chain(s->keys ? s->audit_key : NULL, s->keys ? sizeof s->audit_key : 0, prev, rec, out);
}

int store_anchor_read(const struct store *s, long *id, char hash[65])
{
	char *text = NULL, *sp;
	int rc;

	if ((rc = read_file(s, ANCHOR_FILE, &text, NULL)) != STORE_OK)
		return rc;
	rc = store_fail_msg(STORE_ERR_STATE, "the audit log's anchor is unreadable");
	if ((sp = strchr(text, ' ')) != NULL && strspn(sp + 1, "0123456789abcdef") == 64 &&
	    (*sp = '\0', num_parse_long(text, 1, LONG_MAX, id) == NUM_OK)) {
		memcpy(hash, sp + 1, 64);
		hash[64] = '\0';
		rc = STORE_OK;
	}
	free(text);
	return rc;
}

/* Writes the anchor: record id with hash is the log's last. */
static int anchor_write(struct store *s, long id, const char *hash)
{
	char text[96];
	int n = snprintf(text, sizeof text, "%ld %s\n", id, hash);

	return write_file(s, ANCHOR_FILE, text, (size_t)n);
}

void store_anchor_flush(struct store *s, int committed)
{
	if (committed && s->keys && s->anchor_id > s->pending_id) {
		s->pending_id = s->anchor_id;
		memcpy(s->pending_hash, s->anchor_hash, 65);
	}
	s->anchor_id = 0;
}

int store_anchor_sync(struct store *s)
{
	char hash[65], had[65];
	long id = 0, had_id;
	int rc = STORE_OK;

	pthread_mutex_lock(&s->anchor_lock);
	pthread_mutex_lock(&s->lock);
	if (s->pending_id > s->anchored_id) {
		id = s->pending_id;
		memcpy(hash, s->pending_hash, 65);
	}
	pthread_mutex_unlock(&s->lock);
	/* Never moved back by a slower writer: another process may have anchored later records. */
	if (id > 0 && (store_anchor_read(s, &had_id, had) != STORE_OK || had_id < id))
		rc = anchor_write(s, id, hash);
	if (id > 0 && rc == STORE_OK)
		s->anchored_id = id;
	pthread_mutex_unlock(&s->anchor_lock);
	return rc;
}

static void *anchor_loop(void *arg)
{
	struct store *s = arg;
	struct timespec wake;

	pthread_mutex_lock(&s->anchor_lock);
	while (!s->anchor_stop) {
		clock_gettime(CLOCK_REALTIME, &wake);
		wake.tv_nsec += STORE_ANCHOR_MS * 1000000L;
		if (wake.tv_nsec >= 1000000000L) {
			wake.tv_sec++;
			wake.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->anchor_wake, &s->anchor_lock, &wake);
		pthread_mutex_unlock(&s->anchor_lock);
		store_anchor_sync(s);
		pthread_mutex_lock(&s->anchor_lock);
	}
	pthread_mutex_unlock(&s->anchor_lock);
	return NULL;
}

int store_anchor_start(struct store *s)
{
	if (s->anchor_running)
		return STORE_OK;
	if (pthread_create(&s->anchor_thread, NULL, anchor_loop, s) != 0)
		return store_fail_msg(STORE_ERR_IO, "cannot start the audit anchor's thread");
	s->anchor_running = 1;
	return STORE_OK;
}

void store_anchor_stop(struct store *s)
{
	if (s->anchor_running) {
		pthread_mutex_lock(&s->anchor_lock);
		s->anchor_stop = 1;
		pthread_cond_signal(&s->anchor_wake);
		pthread_mutex_unlock(&s->anchor_lock);
		pthread_join(s->anchor_thread, NULL);
		s->anchor_running = 0;
	}
	store_anchor_sync(s);
}

int store_anchor_reset(struct store *s, long id, const char *hash)
{
	return id > 0 ? anchor_write(s, id, hash) : STORE_OK;
}

/* Makes the folder: STORE_ERR_EXISTS when one is there (another database's keys). */
int store_keys_folder_make(struct store *s)
{
	char msg[4300];

	if (mkdir(s->keydir, 0700) == 0)
		return STORE_OK;
	snprintf(msg, sizeof msg, "%s is there already (the keys of another database?): move it away "
	         "first", s->keydir);
	return store_fail_msg(errno == EEXIST ? STORE_ERR_EXISTS : STORE_ERR_IO,
	                      errno == EEXIST ? msg : "cannot make the key folder");
}

/*
 * Removes what write_file left half-made when the machine stopped (NAME.PID-N.tmp),
 * older than a minute: another process may be writing one now.
 */
static void tmp_remove(struct store *s)
{
	char path[4200];
	struct dirent *e;
	struct stat st;
	time_t now = time(NULL);
	size_t n;
	DIR *d;

	if ((d = opendir(s->keydir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".tmp") == 0 &&
		    in_folder(s, e->d_name, path, sizeof path) == 0 && lstat(path, &st) == 0 &&
		    now - st.st_mtime > 60)
			unlink(path);
	}
	closedir(d);
}

int store_keys_open(struct store *s, const char *db, int create)
{
	size_t n = strlen(db) + sizeof ".keys";
	struct stat st;
	int rc;

	if ((s->keydir = malloc(n)) == NULL)
		return STORE_ERR_NOMEM;
	snprintf(s->keydir, n, "%s.keys", db);
	if (create) {
		if ((rc = store_keys_folder_make(s)) != STORE_OK)
			return rc;
		return store_audit_key_new(s);
	}
	if (lstat(s->keydir, &st) == 0 && S_ISDIR(st.st_mode)) {
		audit_key_read(s);
		tmp_remove(s);
	}
	return STORE_OK;
}


void store_keys_folder_remove(struct store *s)
{
	static const char *const made[] = {AUDIT_KEY_FILE, ANCHOR_FILE};
	char path[4200];
	size_t i;

	for (i = 0; i < STORE_PRIVATE_KEYS; i++) {
		snprintf(path, sizeof path, "%s/%s.pem", s->keydir, store_private_keys[i]);
		unlink(path);
	}
	for (i = 0; i < sizeof made / sizeof made[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", s->keydir, made[i]);
		unlink(path);
	}
	rmdir(s->keydir);
	s->keys = 0;
}

int store_keys_present(const struct store *s)
{
	return s->keys;
}

int store_audit_anchor(struct store *s, long *id, char hash[65])
{
	return store_anchor_read(s, id, hash);
}
