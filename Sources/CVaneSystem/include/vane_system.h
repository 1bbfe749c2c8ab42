#ifndef VANE_SYSTEM_H
#define VANE_SYSTEM_H

/// Atomically exchanges two paths on one file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (ENOSYS/EINVAL where unsupported).
int vane_exchange_paths(const char *a, const char *b);

#endif
