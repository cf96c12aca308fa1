// Pseudo-terminal helpers: what tests need to run ANSITerminal without a real terminal.
#define _XOPEN_SOURCE 700
#define _GNU_SOURCE
#include "CTerminal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int ct_set_window_size(int fd, int columns, int rows) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_col = (unsigned short)columns;
    size.ws_row = (unsigned short)rows;
    if (ioctl(fd, TIOCSWINSZ, &size) != 0) return errno;
    return 0;
}

int ct_open_pty(int *master_fd, int *slave_fd) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) return errno;
    if (grantpt(master) != 0 || unlockpt(master) != 0) {
        int failure = errno;
        close(master);
        return failure;
    }
    char name[128];
    if (ptsname_r(master, name, sizeof name) != 0) {
        int failure = errno;
        close(master);
        return failure;
    }
    int slave = open(name, O_RDWR | O_NOCTTY);
    if (slave < 0) {
        int failure = errno;
        close(master);
        return failure;
    }
    *master_fd = master;
    *slave_fd = slave;
    return 0;
}

long ct_local_mode_flags(int fd) {
    struct termios current;
    if (tcgetattr(fd, &current) != 0) return -1;
    return (long)(current.c_lflag & (ECHO | ICANON | ISIG | IEXTEN));
}

long ct_cooked_local_mode_flags(void) { return (long)(ECHO | ICANON | ISIG | IEXTEN); }
