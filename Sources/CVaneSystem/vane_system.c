#define _GNU_SOURCE
#include "vane_system.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

int vane_name_ignored(const char *name, size_t length) {
    if (length == 0) return 0;
    if (name[0] == '.' || name[length - 1] == '~' || (length > 1 && name[0] == '#' && name[length - 1] == '#')) return 1;
    static const char *const suffixes[] = {".bak", ".orig", ".rej", ".tmp", ".swp", ".kate-swp"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t n = strlen(suffixes[i]);
        if (length > n && strncasecmp(name + length - n, suffixes[i], n) == 0) return 1;
    }
    static const char *const names[] = {"Thumbs.db", "desktop.ini", "4913"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (length == strlen(names[i]) && strncasecmp(name, names[i], length) == 0) return 1;
    }
    return 0;
}

int vane_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    /* RENAME_EXCHANGE is 2; spelled out because older headers lack the macro. */
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/* 64-bit FNV-1a over the path, a separator, then size and time, little-endian; spread by
   a multiply so that a sum of mixes does not cancel out simple changes. */
uint64_t vane_file_mix(const char *relative, size_t length, int64_t size, int64_t modified) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < length; i++) { h ^= (unsigned char)relative[i]; h *= 0x100000001b3ULL; }
    h ^= 0xFF; h *= 0x100000001b3ULL;
    uint64_t parts[2] = {(uint64_t)size, (uint64_t)modified};
    for (int p = 0; p < 2; p++)
        for (int shift = 0; shift < 64; shift += 8) { h ^= (parts[p] >> shift) & 0xFF; h *= 0x100000001b3ULL; }
    return h * 0x9E3779B97F4A7C15ULL;
}

/* The names found by the listing phase: one buffer of relative paths, NUL-terminated, and
   for each file the offset of its path and of its name within it, and its folder. */
typedef struct {
    char *text; size_t used, capacity;
    size_t *path, *name; int *folder; size_t files, slots;
    char **folders; size_t folderCount, folderSlots;
    int complete;
} listing_t;

static int grow(void **p, size_t *slots, size_t need, size_t size) {
    if (need <= *slots) return 1;
    size_t n = *slots ? *slots * 2 : 1024;
    while (n < need) n *= 2;
    void *q = realloc(*p, n * size);
    if (!q) return 0;
    *p = q; *slots = n;
    return 1;
}

static int append(listing_t *l, const char *s, size_t n) {
    if (!grow((void **)&l->text, &l->capacity, l->used + n + 1, 1)) return 0;
    memcpy(l->text + l->used, s, n);
    l->text[l->used + n] = 0;
    l->used += n + 1;
    return 1;
}

/* Room for more files in the three per-file arrays, grown together. */
static int more_files(listing_t *l) {
    size_t n = l->slots ? l->slots * 2 : 4096;
    size_t *path = realloc(l->path, n * sizeof(size_t));
    if (path) l->path = path;
    size_t *name = realloc(l->name, n * sizeof(size_t));
    if (name) l->name = name;
    int *folder = realloc(l->folder, n * sizeof(int));
    if (folder) l->folder = folder;
    if (!path || !name || !folder) return 0;
    l->slots = n;
    return 1;
}

static void list(const char *root, const char *relative, listing_t *l) {
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s%s%s", root, *relative ? "/" : "", relative) >= (int)sizeof path) { l->complete = 0; return; }
    DIR *dir = opendir(path);
    if (!dir) { l->complete = 0; return; }
    if (!grow((void **)&l->folders, &l->folderSlots, l->folderCount + 1, sizeof(char *))) { l->complete = 0; closedir(dir); return; }
    int folder = (int)l->folderCount++;
    l->folders[folder] = strdup(path);
    if (!l->folders[folder]) { l->complete = 0; l->folderCount--; closedir(dir); return; }
    struct dirent *e;
    char child[PATH_MAX];
    while ((e = readdir(dir))) {
        if (vane_name_ignored(e->d_name, strlen(e->d_name))) continue;
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) { l->complete = 0; continue; }
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
        }
        int n = snprintf(child, sizeof child, "%s%s%s", relative, *relative ? "/" : "", e->d_name);
        if (n >= (int)sizeof child) { l->complete = 0; continue; }
        if (type == DT_DIR) {
            list(root, child, l);
        } else if (type == DT_REG) {
            if (l->files == l->slots && !more_files(l)) { l->complete = 0; break; }
            l->path[l->files] = l->used;
            l->name[l->files] = l->used + (size_t)n - strlen(e->d_name);
            l->folder[l->files] = folder;
            if (!append(l, child, (size_t)n)) { l->complete = 0; break; }
            l->files++;
        } else {
            /* Links are followed by the slow walk, which knows where they lead; a pipe, a
               device or a socket is said by it, never passed over. */
            l->complete = 0;
        }
    }
    closedir(dir);
}

typedef struct {
    const listing_t *l; size_t from, to; int64_t since;
    uint64_t digest; int64_t newest; int complete;
    uint64_t recent; size_t recent_file[VANE_RECENT_MAX]; int64_t recent_size[VANE_RECENT_MAX], recent_modified[VANE_RECENT_MAX];
} part_t;

static void *digest_part(void *arg) {
    part_t *p = arg;
    const listing_t *l = p->l;
    int open_folder = -1, fd = -1;
    for (size_t i = p->from; i < p->to; i++) {
        if (l->folder[i] != open_folder) {
            if (fd >= 0) close(fd);
            open_folder = l->folder[i];
            fd = open(l->folders[open_folder], O_RDONLY | O_DIRECTORY);
            if (fd < 0) { p->complete = 0; break; }
        }
        struct stat st;
        const char *path = l->text + l->path[i];
        if (fstatat(fd, l->text + l->name[i], &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) { p->complete = 0; continue; }
        int64_t modified = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        p->digest += vane_file_mix(path, strlen(path), (int64_t)st.st_size, modified);
        if (modified > p->newest) p->newest = modified;
        if (modified >= p->since) {
            if (p->recent < VANE_RECENT_MAX) {
                p->recent_file[p->recent] = i;
                p->recent_size[p->recent] = (int64_t)st.st_size;
                p->recent_modified[p->recent] = modified;
            }
            p->recent++;
        }
    }
    if (fd >= 0) close(fd);
    return NULL;
}

int vane_tree_digest(const char *root, int threads, int64_t since, vane_tree_digest_t *out) {
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) return -1;
    listing_t l = {0};
    l.complete = 1;
    list(root, "", &l);
    if (threads < 1) threads = 1;
    if (threads > 16) threads = 16;
    part_t parts[16];
    pthread_t ids[16];
    int started[16] = {0};
    for (int t = 0; t < threads; t++) {
        parts[t] = (part_t){.l = &l, .from = l.files * t / threads, .to = l.files * (t + 1) / threads, .since = since, .complete = 1};
        started[t] = t > 0 && pthread_create(&ids[t], NULL, digest_part, &parts[t]) == 0;
        if (t > 0 && !started[t]) digest_part(&parts[t]);
    }
    digest_part(&parts[0]);
    out->complete = l.complete;
    for (int t = 0; t < threads; t++) {
        if (started[t]) pthread_join(ids[t], NULL);
        out->digest += parts[t].digest;
        if (parts[t].newest > out->newest) out->newest = parts[t].newest;
        if (!parts[t].complete) out->complete = 0;
        out->recent += parts[t].recent;
        for (uint64_t r = 0; r < parts[t].recent && r < VANE_RECENT_MAX && out->named < VANE_RECENT_MAX; r++) {
            const char *path = l.text + l.path[parts[t].recent_file[r]];
            if (strlen(path) >= sizeof out->recent_path[0]) continue;
            strcpy(out->recent_path[out->named], path);
            out->recent_size[out->named] = parts[t].recent_size[r];
            out->recent_modified[out->named] = parts[t].recent_modified[r];
            out->named++;
        }
    }
    out->files = l.files;
    for (size_t f = 0; f < l.folderCount; f++) free(l.folders[f]);
    free(l.folders); free(l.text); free(l.path); free(l.name); free(l.folder);
    return 0;
}

long vane_file_system_type(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    return (long)info.f_type;
}
