/*
 * powercut.so: a power cut for one SQLite database, as an LD_PRELOAD shim.
 *
 * Loaded into `teller serve` by tests/http/durability.mjs. It watches the
 * database DB (POWERCUT_DB, an absolute path) and the files beside it whose
 * names start with its own (DB-wal, DB-journal; not DB-shm, which is no data),
 * and every file in its key folder DB.keys/, and keeps, beside what the kernel
 * has, what a disk would still hold after the power went out: per file, the
 * content as of its last fsync/fdatasync, and per name, which file it names as
 * of the last fsync of its directory. Everything done since (write, pwrite,
 * ftruncate, a file made, removed or renamed) is journaled in memory and
 * counts only once synced.
 *
 * The cut: SIGUSR2 (or, with POWERCUT_AFTER=N, the Nth watched call) takes
 * the shim's lock, so that no watched call is half done, writes what the disk
 * holds into the folder POWERCUT_OUT (POWERCUT_OUT/0/NAME for the database's
 * folder, POWERCUT_OUT/1/NAME for the key folder, one file per name that is
 * durably there, then the empty file POWERCUT_OUT/.done) and kills the
 * process with SIGKILL. The test then puts those files in place of the
 * watched ones and starts Teller again: what it finds is what a machine finds
 * after a power cut. The -shm file is no data: SQLite rebuilds it from the WAL.
 *
 * POWERCUT_KEEP=P (0..1, default 0): a disk may also have written some of
 * what was not yet synced, in any order: at the cut each 512-byte sector of
 * each unsynced write, each unsynced truncation and each unsynced change of
 * the directory is kept with probability P (POWERCUT_SEED seeds the draw).
 * P = 0 is the strictest case: only what was synced survives.
 *
 * POWERCUT_LYING=1: a disk whose write cache lies: fsync and fdatasync answer
 * success and make nothing durable (what the test must catch).
 *
 * A watched file written in a way the shim does not model (writev, pwritev,
 * fallocate, O_APPEND, a rename between folders or from an unwatched name)
 * aborts the process with a message, so that the test can never pass on a
 * model it did not check.
 *
 * Build (tests/http/durability.mjs does):
 *   cc -shared -fPIC -O1 -D_GNU_SOURCE -include base/banned.h -o powercut.so tests/powercut.c -ldl -lpthread
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAXFD 65536
#define SECTOR 512
#define DIRS 2          /* 0: the database's folder, 1: DB.keys/ */

enum op_kind { OP_WRITE, OP_TRUNC };
struct op {
	enum op_kind kind;
	off_t off;      /* OP_WRITE: where; OP_TRUNC: the new size */
	size_t len;
	unsigned char *data;
	struct op *next;
};

/* A file's content on the disk, and what was written to it since its last sync. */
struct inode {
	unsigned char *durable;
	size_t size, cap;
	struct op *pending, *last;
};

/* A watched name: the file it names now and on the disk (-1: none). */
struct name {
	int dir;
	char *base;
	int now_at, disk_at;
};

/* A change of a folder not yet synced: name now refers to inode (-1: removed). */
struct dirop {
	int name, inode;
	struct dirop *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int ready;                      /* POWERCUT_DB was given */
static char dirs[DIRS][4096];          /* the watched folders, absolute */
static char prefix[4096];              /* in dirs[0], only names that start with this */
static char out[4096];                 /* POWERCUT_OUT */
static struct inode *inodes;
static int ninodes, capinodes;
static struct name *names;
static int nnames, capnames;
static struct dirop *dirops, *dirops_last;
static int fd_inode[MAXFD];            /* fd -> inode + 1 (0: not watched) */
static unsigned char fd_dir[MAXFD];    /* fd -> watched folder + 1 (0: none) */
static long after = -1, calls;
static int lying;                      /* POWERCUT_LYING: fsync answers 0 and keeps nothing */
static double keep;
static unsigned long long seed = 88172645463325252ULL;

static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_openat64)(int, const char *, int, ...);
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_close)(int);
static int (*real_unlink)(const char *);
static int (*real_unlinkat)(int, const char *, int);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_renameat2)(int, const char *, int, const char *, unsigned int);

static void die(const char *why)
{
	char msg[512];
	int n = snprintf(msg, sizeof msg, "powercut: %s\n", why);

	if (n > 0)
		(void)!real_write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
	abort();
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory");
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die("out of memory");
	return p;
}

static double draw(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (double)(seed >> 11) / 9007199254740992.0;
}

static int new_inode(void)
{
	if (ninodes == capinodes) {
		capinodes = capinodes ? 2 * capinodes : 64;
		inodes = xrealloc(inodes, (size_t)capinodes * sizeof *inodes);
	}
	memset(&inodes[ninodes], 0, sizeof inodes[ninodes]);
	return ninodes++;
}

/* The watched name base in folder d (made when new). */
static int name_in(int d, const char *base)
{
	int i;

	for (i = 0; i < nnames; i++)
		if (names[i].dir == d && strcmp(names[i].base, base) == 0)
			return i;
	if (nnames == capnames) {
		capnames = capnames ? 2 * capnames : 16;
		names = xrealloc(names, (size_t)capnames * sizeof *names);
	}
	names[nnames].dir = d;
	names[nnames].base = strdup(base);
	if (names[nnames].base == NULL)
		die("out of memory");
	names[nnames].now_at = names[nnames].disk_at = -1;
	return nnames++;
}

/* p made absolute: relative to the folder of fd at (AT_FDCWD: the working folder). */
static int absolute(int at, const char *p, char *buf, size_t size)
{
	char base[4096];
	ssize_t n;

	if (p[0] == '/')
		return snprintf(buf, size, "%s", p) < (int)size ? 0 : -1;
	if (at == AT_FDCWD) {
		if (getcwd(base, sizeof base) == NULL)
			return -1;
	} else {
		char link[64];

		snprintf(link, sizeof link, "/proc/self/fd/%d", at);
		if ((n = readlink(link, base, sizeof base - 1)) < 0)
			return -1;
		base[n] = '\0';
	}
	return snprintf(buf, size, "%s/%s", base, p) < (int)size ? 0 : -1;
}

/* The watched folder that p (absolute) is, or -1. */
static int dir_of(const char *p)
{
	int d;

	for (d = 0; d < DIRS; d++)
		if (strcmp(p, dirs[d]) == 0)
			return d;
	return -1;
}

/* The watched name that p is (relative to at), or -1. Locked. */
static int name_of(int at, const char *p)
{
	char abs[4200], *slash;
	int d;

	if (!ready || p == NULL || absolute(at, p, abs, sizeof abs) != 0)
		return -1;
	if ((slash = strrchr(abs, '/')) == NULL || slash == abs)
		return -1;
	*slash = '\0';
	if ((d = dir_of(abs)) < 0)
		return -1;
	if (d == 0 && (strncmp(slash + 1, prefix, strlen(prefix)) != 0 ||
	               strcmp(slash + 1 + strlen(prefix), "-shm") == 0))
		return -1;
	return name_in(d, slash + 1);
}

static void grow(struct inode *in, size_t size)
{
	if (size > in->cap) {
		size_t cap = in->cap ? in->cap : 4096;

		while (cap < size)
			cap *= 2;
		in->durable = xrealloc(in->durable, cap);
		in->cap = cap;
	}
	if (size > in->size)
		memset(in->durable + in->size, 0, size - in->size);
	in->size = size;
}

static void apply_write(struct inode *in, off_t off, const unsigned char *data, size_t len)
{
	size_t end = (size_t)off + len;

	if (end > in->size)
		grow(in, end);
	memcpy(in->durable + off, data, len);
}

static void apply_trunc(struct inode *in, off_t size)
{
	if ((size_t)size > in->size)
		grow(in, (size_t)size);
	else
		in->size = (size_t)size;
}

static void journal(int ino, enum op_kind kind, off_t off, const void *data, size_t len)
{
	struct inode *in = &inodes[ino];
	struct op *o = xmalloc(sizeof *o);

	o->kind = kind;
	o->off = off;
	o->len = len;
	o->data = NULL;
	o->next = NULL;
	if (kind == OP_WRITE) {
		o->data = xmalloc(len);
		memcpy(o->data, data, len);
	}
	if (in->last)
		in->last->next = o;
	else
		in->pending = o;
	in->last = o;
}

static void dir_journal(int name, int ino)
{
	struct dirop *d = xmalloc(sizeof *d);

	d->name = name;
	d->inode = ino;
	d->next = NULL;
	if (dirops_last)
		dirops_last->next = d;
	else
		dirops = d;
	dirops_last = d;
	names[name].now_at = ino;
}

/* fsync of a file: everything written to it is on the disk. */
static void sync_inode(int ino)
{
	struct inode *in = &inodes[ino];
	struct op *o, *next;

	for (o = in->pending; o; o = next) {
		next = o->next;
		if (o->kind == OP_WRITE)
			apply_write(in, o->off, o->data, o->len);
		else
			apply_trunc(in, o->off);
		free(o->data);
		free(o);
	}
	in->pending = in->last = NULL;
}

/* fsync of folder d: its names are on the disk as they are now. */
static void sync_dir(int d)
{
	struct dirop *o, *next, *keep_head = NULL, *keep_last = NULL;

	for (o = dirops; o; o = next) {
		next = o->next;
		o->next = NULL;
		if (names[o->name].dir == d) {
			names[o->name].disk_at = o->inode;
			free(o);
			continue;
		}
		if (keep_last)
			keep_last->next = o;
		else
			keep_head = o;
		keep_last = o;
	}
	dirops = keep_head;
	dirops_last = keep_last;
}

static void write_file(const char *p, const unsigned char *data, size_t len)
{
	int fd = real_open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t done = 0;

	if (fd < 0)
		die("cannot write the image of the disk");
	while (done < len) {
		ssize_t n = real_write(fd, data + done, len - done);

		if (n <= 0)
			die("cannot write the image of the disk");
		done += (size_t)n;
	}
	real_close(fd);
}

/* The power goes out: what the disk holds goes to out/, then SIGKILL. Locked. */
static void cut(void)
{
	struct dirop *d;
	char p[8400];
	int i;

	/* Some of what was not synced may have reached the disk all the same. */
	if (keep > 0) {
		for (i = 0; i < ninodes; i++) {
			struct op *o;

			for (o = inodes[i].pending; o; o = o->next) {
				size_t at = 0;

				if (o->kind == OP_TRUNC) {
					if (draw() < keep)
						apply_trunc(&inodes[i], o->off);
					continue;
				}
				/* sector by sector: a write can be torn at sector bounds */
				while (at < o->len) {
					off_t pos = o->off + (off_t)at;
					size_t n = SECTOR - (size_t)(pos % SECTOR);

					if (n > o->len - at)
						n = o->len - at;
					if (draw() < keep)
						apply_write(&inodes[i], pos, o->data + at, n);
					at += n;
				}
			}
		}
		for (d = dirops; d; d = d->next)
			if (draw() < keep)
				names[d->name].disk_at = d->inode;
	}
	for (i = 0; i < DIRS; i++) {
		snprintf(p, sizeof p, "%s/%d", out, i);
		mkdir(p, 0700);
	}
	for (i = 0; i < nnames; i++) {
		if (names[i].disk_at < 0)
			continue;
		snprintf(p, sizeof p, "%s/%d/%s", out, names[i].dir, names[i].base);
		write_file(p, inodes[names[i].disk_at].durable, inodes[names[i].disk_at].size);
	}
	snprintf(p, sizeof p, "%s/.done", out);
	write_file(p, (const unsigned char *)"", 0);
	kill(getpid(), SIGKILL);
	for (;;)
		pause();
}

/* Counts a watched call; the Nth of POWERCUT_AFTER cuts the power. Locked. */
static void tick(void)
{
	if (after >= 0 && ++calls >= after)
		cut();
}

static void *cutter(void *arg)
{
	sigset_t *set = arg;
	int sig;

	while (sigwait(set, &sig) != 0)
		;
	pthread_mutex_lock(&lock);
	cut();
	return NULL;
}

static void *sym(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL)
		die(name);
	return p;
}

/* What is in folder d when the server starts is on the disk (the test made sure). */
static void scan(int d)
{
	DIR *dir = opendir(dirs[d]);
	struct dirent *e;

	if (dir == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		char p[8400];
		struct stat st;
		size_t done = 0;
		int name, ino, fd;

		snprintf(p, sizeof p, "%s/%s", dirs[d], e->d_name);
		if (stat(p, &st) != 0 || !S_ISREG(st.st_mode) || (name = name_of(AT_FDCWD, p)) < 0)
			continue;
		ino = new_inode();
		if ((fd = real_open(p, O_RDONLY | O_CLOEXEC)) < 0)
			die("cannot read a watched file");
		grow(&inodes[ino], (size_t)st.st_size);
		while (done < (size_t)st.st_size) {
			ssize_t n = read(fd, inodes[ino].durable + done, (size_t)st.st_size - done);

			if (n <= 0)
				die("cannot read a watched file");
			done += (size_t)n;
		}
		real_close(fd);
		names[name].now_at = names[name].disk_at = ino;
	}
	closedir(dir);
}

__attribute__((constructor)) static void init(void)
{
	const char *db = getenv("POWERCUT_DB"), *o = getenv("POWERCUT_OUT"), *v;
	static sigset_t set;
	pthread_t t;
	char *slash;

	real_open = sym("open");
	real_open64 = sym("open64");
	real_openat = sym("openat");
	real_openat64 = sym("openat64");
	real_write = sym("write");
	real_pwrite = sym("pwrite");
	real_pwrite64 = sym("pwrite64");
	real_ftruncate = sym("ftruncate");
	real_ftruncate64 = sym("ftruncate64");
	real_fsync = sym("fsync");
	real_fdatasync = sym("fdatasync");
	real_close = sym("close");
	real_unlink = sym("unlink");
	real_unlinkat = sym("unlinkat");
	real_rename = sym("rename");
	real_renameat = sym("renameat");
	real_renameat2 = sym("renameat2");
	if (db == NULL || db[0] != '/' || o == NULL || strlen(db) > 4000 || strlen(o) > 4000)
		return;
	snprintf(out, sizeof out, "%s", o);
	snprintf(dirs[0], sizeof dirs[0], "%s", db);
	slash = strrchr(dirs[0], '/');
	snprintf(prefix, sizeof prefix, "%s", slash + 1);
	*(slash == dirs[0] ? slash + 1 : slash) = '\0';
	snprintf(dirs[1], sizeof dirs[1], "%s.keys", db);
	ready = 1;
	scan(0);
	scan(1);
	if ((v = getenv("POWERCUT_AFTER")) != NULL)
		after = strtol(v, NULL, 10);
	lying = getenv("POWERCUT_LYING") != NULL;
	if ((v = getenv("POWERCUT_KEEP")) != NULL)
		keep = strtod(v, NULL);
	if ((v = getenv("POWERCUT_SEED")) != NULL && strtoull(v, NULL, 10) != 0)
		seed = strtoull(v, NULL, 10);
	/* SIGUSR2 is taken by a thread of ours: blocked here, every later thread inherits that. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (pthread_create(&t, NULL, cutter, &set) != 0)
		die("cannot start the cutter thread");
	pthread_detach(t);
}

/* ---- the calls ---- */

/* After a successful open of p (relative to at) as fd: watch it. */
static int opened(int fd, int at, const char *p, int flags)
{
	char abs[4200];
	int name, d;

	if (fd < 0 || fd >= MAXFD || !ready || p == NULL)
		return fd;
	pthread_mutex_lock(&lock);
	if (absolute(at, p, abs, sizeof abs) == 0 && (d = dir_of(abs)) >= 0) {
		fd_dir[fd] = (unsigned char)(d + 1);
	} else if ((name = name_of(at, p)) >= 0) {
		if (names[name].now_at < 0)       /* O_CREAT made it: a new, empty file */
			dir_journal(name, new_inode());
		else if (flags & O_TRUNC)
			journal(names[name].now_at, OP_TRUNC, 0, NULL, 0);
		if (flags & O_APPEND)
			die("O_APPEND on a watched file (not modelled)");
		fd_inode[fd] = names[name].now_at + 1;
		tick();
	}
	pthread_mutex_unlock(&lock);
	return fd;
}

static int watched(int fd)
{
	return fd >= 0 && fd < MAXFD && fd_inode[fd] != 0;
}

#define OPEN_MODE(flags, mode) do { \
	if ((flags) & (O_CREAT | O_TMPFILE)) { \
		va_list ap; \
		va_start(ap, flags); \
		mode = va_arg(ap, int); \
		va_end(ap); \
	} \
} while (0)

int open(const char *p, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	return opened(real_open(p, flags, mode), AT_FDCWD, p, flags);
}

int open64(const char *p, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	return opened(real_open64(p, flags, mode), AT_FDCWD, p, flags);
}

int openat(int at, const char *p, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	return opened(real_openat(at, p, flags, mode), at, p, flags);
}

int openat64(int at, const char *p, int flags, ...)
{
	int mode = 0;

	OPEN_MODE(flags, mode);
	return opened(real_openat64(at, p, flags, mode), at, p, flags);
}

int close(int fd)
{
	if (fd >= 0 && fd < MAXFD && (fd_inode[fd] || fd_dir[fd])) {
		pthread_mutex_lock(&lock);
		fd_inode[fd] = 0;
		fd_dir[fd] = 0;
		pthread_mutex_unlock(&lock);
	}
	return real_close(fd);
}

static ssize_t pwrite_watched(ssize_t (*real)(int, const void *, size_t, off_t), int fd,
                              const void *b, size_t n, off_t off)
{
	ssize_t r;

	pthread_mutex_lock(&lock);
	r = real(fd, b, n, off);
	if (r > 0)
		journal(fd_inode[fd] - 1, OP_WRITE, off, b, (size_t)r);
	tick();
	pthread_mutex_unlock(&lock);
	return r;
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t off)
{
	return watched(fd) ? pwrite_watched(real_pwrite, fd, b, n, off) : real_pwrite(fd, b, n, off);
}

ssize_t pwrite64(int fd, const void *b, size_t n, off_t off)
{
	return watched(fd) ? pwrite_watched(real_pwrite64, fd, b, n, off) : real_pwrite64(fd, b, n, off);
}

ssize_t write(int fd, const void *b, size_t n)
{
	off_t off;
	ssize_t r;

	if (!watched(fd))
		return real_write(fd, b, n);
	pthread_mutex_lock(&lock);
	off = lseek(fd, 0, SEEK_CUR);
	r = real_write(fd, b, n);
	if (r > 0)
		journal(fd_inode[fd] - 1, OP_WRITE, off, b, (size_t)r);
	tick();
	pthread_mutex_unlock(&lock);
	return r;
}

static int trunc_watched(int (*real)(int, off_t), int fd, off_t size)
{
	int r;

	pthread_mutex_lock(&lock);
	r = real(fd, size);
	if (r == 0)
		journal(fd_inode[fd] - 1, OP_TRUNC, size, NULL, 0);
	tick();
	pthread_mutex_unlock(&lock);
	return r;
}

int ftruncate(int fd, off_t size)
{
	return watched(fd) ? trunc_watched(real_ftruncate, fd, size) : real_ftruncate(fd, size);
}

int ftruncate64(int fd, off_t size)
{
	return watched(fd) ? trunc_watched(real_ftruncate64, fd, size) : real_ftruncate64(fd, size);
}

static int sync_watched(int (*real)(int), int fd)
{
	int r;

	if (!(fd >= 0 && fd < MAXFD && (fd_inode[fd] || fd_dir[fd])))
		return real(fd);
	pthread_mutex_lock(&lock);
	r = real(fd);
	if (r == 0 && !lying) {
		if (fd_dir[fd])
			sync_dir(fd_dir[fd] - 1);
		else
			sync_inode(fd_inode[fd] - 1);
	}
	tick();
	pthread_mutex_unlock(&lock);
	return r;
}

int fsync(int fd)
{
	return sync_watched(real_fsync, fd);
}

int fdatasync(int fd)
{
	return sync_watched(real_fdatasync, fd);
}

static int unlinked(int r, int at, const char *p)
{
	int name;

	if (r != 0 || !ready)
		return r;
	pthread_mutex_lock(&lock);
	if ((name = name_of(at, p)) >= 0) {
		dir_journal(name, -1);
		tick();
	}
	pthread_mutex_unlock(&lock);
	return r;
}

int unlink(const char *p)
{
	return unlinked(real_unlink(p), AT_FDCWD, p);
}

int unlinkat(int at, const char *p, int flags)
{
	return unlinked(real_unlinkat(at, p, flags), at, p);
}

struct rename_args {
	int a, b;
	const char *from, *to;
	unsigned int flags;
	int kind;
};

/* A rename: within a watched folder it is a change of that folder; anything else touching
 * a watched name is not modelled. */
static int renamed(int a, const char *from, int b, const char *to, int (*real)(void *),
                   void *arg)
{
	int f, t, r;

	if (!ready)
		return real(arg);
	pthread_mutex_lock(&lock);
	f = name_of(a, from);
	t = name_of(b, to);
	if (f < 0 && t < 0) {
		pthread_mutex_unlock(&lock);
		return real(arg);
	}
	if (f < 0 || t < 0 || names[f].dir != names[t].dir || ((struct rename_args *)arg)->flags != 0)
		die("a rename onto or away from a watched name, or with flags (not modelled)");
	if ((r = real(arg)) == 0 && f != t) {
		dir_journal(t, names[f].now_at);
		dir_journal(f, -1);
		tick();
	}
	pthread_mutex_unlock(&lock);
	return r;
}

static int do_rename(void *p)
{
	struct rename_args *x = p;

	if (x->kind == 0)
		return real_rename(x->from, x->to);
	if (x->kind == 1)
		return real_renameat(x->a, x->from, x->b, x->to);
	return real_renameat2(x->a, x->from, x->b, x->to, x->flags);
}

int rename(const char *from, const char *to)
{
	struct rename_args x = {AT_FDCWD, AT_FDCWD, from, to, 0, 0};

	return renamed(AT_FDCWD, from, AT_FDCWD, to, do_rename, &x);
}

int renameat(int a, const char *from, int b, const char *to)
{
	struct rename_args x = {a, b, from, to, 0, 1};

	return renamed(a, from, b, to, do_rename, &x);
}

int renameat2(int a, const char *from, int b, const char *to, unsigned int flags)
{
	struct rename_args x = {a, b, from, to, flags, 2};

	return renamed(a, from, b, to, do_rename, &x);
}

/* Not used by SQLite on a watched file; refused rather than left out of the model. */
ssize_t writev(int fd, const struct iovec *v, int n)
{
	static ssize_t (*real)(int, const struct iovec *, int);

	if (watched(fd))
		die("writev on a watched file (not modelled)");
	if (real == NULL)
		real = sym("writev");
	return real(fd, v, n);
}

ssize_t pwritev(int fd, const struct iovec *v, int n, off_t off)
{
	static ssize_t (*real)(int, const struct iovec *, int, off_t);

	if (watched(fd))
		die("pwritev on a watched file (not modelled)");
	if (real == NULL)
		real = sym("pwritev");
	return real(fd, v, n, off);
}

int fallocate(int fd, int mode, off_t off, off_t len)
{
	static int (*real)(int, int, off_t, off_t);

	if (watched(fd))
		die("fallocate on a watched file (not modelled)");
	if (real == NULL)
		real = sym("fallocate");
	return real(fd, mode, off, len);
}

int posix_fallocate(int fd, off_t off, off_t len)
{
	static int (*real)(int, off_t, off_t);

	if (watched(fd))
		die("posix_fallocate on a watched file (not modelled)");
	if (real == NULL)
		real = sym("posix_fallocate");
	return real(fd, off, len);
}
