#define _XOPEN_SOURCE 700
#define _GNU_SOURCE
#include "CTerminal.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

// Everything the signal handlers read is written before `held` becomes 1 and not changed
// while it is 1, so the handlers only need `held` to be a sig_atomic_t.
static struct termios saved_termios;
static int held_input_fd = -1;
static int held_output_fd = -1;
static uint8_t restore_bytes[256];
static size_t restore_length = 0;
static volatile sig_atomic_t held = 0;
static volatile sig_atomic_t resize_count = 0;
static int guard_installed = 0;

static const int terminating_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int crash_signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
#define TERMINATING_COUNT (sizeof terminating_signals / sizeof terminating_signals[0])
#define CRASH_COUNT (sizeof crash_signals / sizeof crash_signals[0])
static struct sigaction previous_crash_actions[CRASH_COUNT];

int ct_enter_raw_mode(int input_fd, int output_fd, const uint8_t *restore, size_t restore_count) {
    if (held) return EBUSY;
    struct termios current;
    if (tcgetattr(input_fd, &current) != 0) return errno;
    struct termios raw = current;
    raw.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INLCR | IGNCR | INPCK | ISTRIP | IXON | IXOFF);
    raw.c_cflag |= CS8;
    raw.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    saved_termios = current;
    held_input_fd = input_fd;
    held_output_fd = output_fd;
    restore_length = restore_count < sizeof restore_bytes ? restore_count : sizeof restore_bytes - 1;
    if (restore_length > 0) memcpy(restore_bytes, restore, restore_length);
    if (tcsetattr(input_fd, TCSANOW, &raw) != 0) return errno;
    held = 1;
    return 0;
}

int ct_raw_mode_active(void) { return held ? 1 : 0; }

static void write_all(int fd, const uint8_t *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += written;
        count -= (size_t)written;
    }
}

void ct_restore_terminal(void) {
    if (!held) return;
    held = 0;
    int saved_errno = errno;
    write_all(held_output_fd, restore_bytes, restore_length);
    tcsetattr(held_input_fd, TCSANOW, &saved_termios);
    errno = saved_errno;
}

static void fill_guarded_mask(sigset_t *mask) {
    sigemptyset(mask);
    for (size_t i = 0; i < TERMINATING_COUNT; i++) sigaddset(mask, terminating_signals[i]);
}

void ct_leave_raw_mode(void) {
    sigset_t mask, previous;
    fill_guarded_mask(&mask);
    pthread_sigmask(SIG_BLOCK, &mask, &previous);
    ct_restore_terminal();
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
}

static void on_terminating_signal(int signal_number) {
    ct_restore_terminal();
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
    // Blocked while this handler runs: delivered with the default action when it returns.
    raise(signal_number);
}

static void on_crash_signal(int signal_number) {
    ct_restore_terminal();
    for (size_t i = 0; i < CRASH_COUNT; i++) {
        if (crash_signals[i] == signal_number) {
            sigaction(signal_number, &previous_crash_actions[i], NULL);
        }
    }
    // A fault re-occurs on return and reaches the previous handler; a raised one is pending.
    raise(signal_number);
}

static void on_resize(int signal_number) {
    (void)signal_number;
    resize_count = resize_count + 1;
}

static void restore_at_exit(void) { ct_restore_terminal(); }

int ct_install_guard(void) {
    if (guard_installed) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    fill_guarded_mask(&action.sa_mask);
    action.sa_handler = on_terminating_signal;
    for (size_t i = 0; i < TERMINATING_COUNT; i++) {
        if (sigaction(terminating_signals[i], &action, NULL) != 0) return errno;
    }
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    fill_guarded_mask(&crash.sa_mask);
    crash.sa_handler = on_crash_signal;
    crash.sa_flags = SA_ONSTACK;
    for (size_t i = 0; i < CRASH_COUNT; i++) {
        if (sigaction(crash_signals[i], &crash, &previous_crash_actions[i]) != 0) return errno;
    }
    struct sigaction resize;
    memset(&resize, 0, sizeof resize);
    sigemptyset(&resize.sa_mask);
    resize.sa_handler = on_resize;
    if (sigaction(SIGWINCH, &resize, NULL) != 0) return errno;
    if (atexit(restore_at_exit) != 0) return ENOMEM;
    guard_installed = 1;
    return 0;
}

int ct_guard_handles(int signal_number) {
    struct sigaction current;
    if (sigaction(signal_number, NULL, &current) != 0) return 0;
    if (current.sa_handler == on_terminating_signal) return 1;
    if (current.sa_handler == on_crash_signal) return 1;
    if (current.sa_handler == on_resize) return 1;
    return 0;
}

long ct_resize_count(void) { return (long)resize_count; }

int ct_window_size(int fd, int *columns, int *rows) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return errno;
    *columns = size.ws_col;
    *rows = size.ws_row;
    return 0;
}
