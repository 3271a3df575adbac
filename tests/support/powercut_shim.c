/* powercut: an LD_PRELOAD shim that makes a SIGKILL look like a power cut to the files under one
 * folder. Before each write (or truncate) to a file whose path starts with $POWERCUT_DIR, it
 * appends to $POWERCUT_LOG what the write is about to overwrite (offset, old bytes, old size);
 * after each successful fsync or fdatasync it appends a SYNC mark for the file. After the
 * process is killed, powercut_revert (tests/support/powercut.h) undoes, per file and newest
 * first, every write since that file's last SYNC: the files then hold what a disk that lost
 * its cache would hold (SQLite's crash tests model power loss the same way). Not modelled:
 * torn sectors, reordering among synced writes, directory entries (a new file survives).
 *
 * Log record: u32 magic 'PCUT', u32 kind (1 write/truncate undo, 2 sync), u64 offset,
 * u64 old_length, u64 old_size, u32 path_length, path bytes, old bytes. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

enum { KindUndo = 1, KindSync = 2 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = -1;

static ssize_t raw_write(int fd, const void* data, size_t size) {
    return syscall(SYS_write, fd, data, size);
}
static ssize_t raw_pread(int fd, void* data, size_t size, off_t offset) {
    return syscall(SYS_pread64, fd, data, size, offset);
}

static void write_all(const void* data, size_t size) {
    const char* p = data;
    while (size > 0) {
        ssize_t n = raw_write(log_fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) abort(); /* a shim that cannot log would make the test lie */
        p += n;
        size -= (size_t)n;
    }
}

/* The file's path when it is tracked (under $POWERCUT_DIR), else 0. */
static int tracked_path(int fd, char* path, size_t size) {
    const char* dir = getenv("POWERCUT_DIR");
    const char* log = getenv("POWERCUT_LOG");
    if (!dir || !*dir || !log || !*log) return 0;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, size - 1);
    if (n <= 0) return 0;
    path[n] = '\0';
    if (strncmp(path, dir, strlen(dir)) != 0 || strcmp(path, log) == 0) return 0;
    if (log_fd < 0) {
        log_fd = (int)syscall(SYS_openat, AT_FDCWD, log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                              0600);
        if (log_fd < 0) abort();
    }
    return 1;
}

static void record(uint32_t kind, const char* path, uint64_t offset, const char* old,
                   uint64_t old_length, uint64_t old_size) {
    const uint32_t magic = 0x54554350u; /* "PCUT" */
    const uint32_t path_length = (uint32_t)strlen(path);
    write_all(&magic, 4);
    write_all(&kind, 4);
    write_all(&offset, 8);
    write_all(&old_length, 8);
    write_all(&old_size, 8);
    write_all(&path_length, 4);
    write_all(path, path_length);
    if (old_length) write_all(old, old_length);
}

/* Saves what [offset, offset + length) holds now, and the size, before it is changed. */
static void save_undo(int fd, const char* path, uint64_t offset, uint64_t length) {
    struct stat info;
    if (fstat(fd, &info) != 0) abort();
    const uint64_t size = (uint64_t)info.st_size;
    uint64_t old_length = 0;
    char* old = NULL;
    if (offset < size) {
        old_length = size - offset < length ? size - offset : length;
        old = malloc(old_length ? old_length : 1);
        if (!old) abort();
        uint64_t done = 0;
        while (done < old_length) {
            ssize_t n = raw_pread(fd, old + done, old_length - done, (off_t)(offset + done));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) abort();
            done += (uint64_t)n;
        }
    }
    record(KindUndo, path, offset, old, old_length, size);
    free(old);
}

typedef ssize_t (*pwrite64_fn)(int, const void*, size_t, off64_t);
typedef ssize_t (*write_fn)(int, const void*, size_t);
typedef int (*ftruncate64_fn)(int, off64_t);
typedef int (*sync_fn)(int);

#define REAL(name, type)            \
    static type real_##name = NULL; \
    if (!real_##name) real_##name = (type)dlsym(RTLD_NEXT, #name)

ssize_t pwrite64(int fd, const void* data, size_t size, off64_t offset) {
    REAL(pwrite64, pwrite64_fn);
    char path[4096];
    if (!tracked_path(fd, path, sizeof path)) return real_pwrite64(fd, data, size, offset);
    pthread_mutex_lock(&lock);
    save_undo(fd, path, (uint64_t)offset, size);
    ssize_t n = real_pwrite64(fd, data, size, offset);
    pthread_mutex_unlock(&lock);
    return n;
}

ssize_t pwrite(int fd, const void* data, size_t size, off_t offset) {
    return pwrite64(fd, data, size, (off64_t)offset);
}

ssize_t write(int fd, const void* data, size_t size) {
    REAL(write, write_fn);
    char path[4096];
    if (!tracked_path(fd, path, sizeof path)) return real_write(fd, data, size);
    pthread_mutex_lock(&lock);
    const off_t at = lseek(fd, 0, SEEK_CUR);
    if (at >= 0) save_undo(fd, path, (uint64_t)at, size);
    ssize_t n = real_write(fd, data, size);
    pthread_mutex_unlock(&lock);
    return n;
}

int ftruncate64(int fd, off64_t length) {
    REAL(ftruncate64, ftruncate64_fn);
    char path[4096];
    if (!tracked_path(fd, path, sizeof path)) return real_ftruncate64(fd, length);
    pthread_mutex_lock(&lock);
    save_undo(fd, path, (uint64_t)length, UINT64_MAX / 2);
    int rc = real_ftruncate64(fd, length);
    pthread_mutex_unlock(&lock);
    return rc;
}

int ftruncate(int fd, off_t length) {
    return ftruncate64(fd, (off64_t)length);
}

/* The sync and its mark under the lock: no write can slip between them and pass for synced. */
static int synced(int fd, sync_fn sync) {
    char path[4096];
    if (!tracked_path(fd, path, sizeof path)) return sync(fd);
    pthread_mutex_lock(&lock);
    int rc = sync(fd);
    /* POWERCUT_IGNORE_SYNC=1: a disk that lies about fsync (the negative control: the test
     * must then find lost filings). */
    const char* ignore = getenv("POWERCUT_IGNORE_SYNC");
    if (rc == 0 && !(ignore && *ignore == '1')) record(KindSync, path, 0, NULL, 0, 0);
    pthread_mutex_unlock(&lock);
    return rc;
}

int fsync(int fd) {
    REAL(fsync, sync_fn);
    return synced(fd, real_fsync);
}

int fdatasync(int fd) {
    REAL(fdatasync, sync_fn);
    return synced(fd, real_fdatasync);
}
