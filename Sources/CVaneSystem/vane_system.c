#define _GNU_SOURCE
#include "vane_system.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int vane_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    /* RENAME_EXCHANGE is 2; spelled out because older headers lack the macro. */
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2);
#else
    errno = ENOSYS;
    return -1;
#endif
}
