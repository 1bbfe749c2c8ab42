#ifndef VANE_SYSTEM_H
#define VANE_SYSTEM_H

#include <stddef.h>
#include <stdint.h>

/// Atomically exchanges two paths on one file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (ENOSYS/EINVAL where unsupported).
int vane_exchange_paths(const char *a, const char *b);

/// Whether a file or folder name is never read under `Content/` or `Site/`: hidden names,
/// editors' backups, autosaves and swap files (`x~`, `#x#`, `x.bak`, `x.orig`, `x.rej`,
/// `x.tmp`, `x.swp`, `x.kate-swp`, Vim's `4913`) and the system's own (`Thumbs.db`,
/// `desktop.ini`), in any case (`x.BAK`, `THUMBS.DB`). One rule for every walk, the C one and Swift's.
int vane_name_ignored(const char *name, size_t length);

/// One file's part of a tree digest: its path relative to the walked folder, its size
/// and its modification time in nanoseconds since 1970.
uint64_t vane_file_mix(const char *relative, size_t length, int64_t size, int64_t modified);

/// At most this many recently modified files are named by `vane_tree_digest`.
#define VANE_RECENT_MAX 64

/// What `vane_tree_digest` found.
typedef struct {
    /// The sum of `vane_file_mix` over every regular file: the order of a listing does
    /// not change it.
    uint64_t digest;
    uint64_t files;
    /// The newest modification time seen.
    int64_t newest;
    /// 0 when the tree holds something the digest does not describe (a symbolic link, a
    /// folder that cannot be read, a path too long): the caller looks the slow way.
    int complete;
    /// How many files were modified at or after `since`, and how many of them (at most
    /// `VANE_RECENT_MAX`, in no order) are named below with their paths relative to the
    /// root, sizes and times.
    uint64_t recent, named;
    char recent_path[VANE_RECENT_MAX][512];
    int64_t recent_size[VANE_RECENT_MAX];
    int64_t recent_modified[VANE_RECENT_MAX];
} vane_tree_digest_t;

/// Walks `root` (skipping names that start with a dot) and digests its regular files,
/// their `stat` calls spread over `threads` threads. Returns 0, or -1 when `root` cannot
/// be opened. No allocation per file beyond one shared buffer of names. Files modified at
/// or after `since` are named in `recent` (a build's change set).
int vane_tree_digest(const char *root, int threads, int64_t since, vane_tree_digest_t *out);

/// The type of the file system holding `path` (statfs's f_type, as in linux/magic.h), or
/// -1 when it cannot be read. Swift's Glibc module does not carry statfs.
long vane_file_system_type(const char *path);

#endif
