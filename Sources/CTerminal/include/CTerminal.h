#ifndef CTERMINAL_H
#define CTERMINAL_H
#include <stddef.h>
#include <stdint.h>

/// Switches LC_CTYPE to a UTF-8 locale (C.UTF-8, then en_US.UTF-8) so that wcwidth knows
/// CJK characters; returns 1 when one was set, 0 otherwise. Call once at start.
int ct_use_utf8_ctype(void);

/// The number of terminal columns of one Unicode scalar: 0 (combining), 1, 2 (wide), or
/// -1 (not printable).
int ct_wcwidth(uint32_t scalar);

// MARK: - Raw mode and restoring (one terminal per process)

/// Saves the termios of `input_fd`, remembers `restore` (at most 255 bytes, written to
/// `output_fd` when the terminal is restored) and switches `input_fd` to raw mode: no echo,
/// no canonical mode, no signals from the keyboard (ISIG off), no XON/XOFF, 8-bit input.
/// Returns 0, EBUSY when a terminal is already held, or the errno of tcgetattr/tcsetattr.
int ct_enter_raw_mode(int input_fd, int output_fd, const uint8_t *restore, size_t restore_count);

/// 1 while a terminal is held in raw mode (between ct_enter_raw_mode and a restore).
int ct_raw_mode_active(void);

/// Writes the restore bytes and puts the saved termios back; does nothing when no terminal
/// is held, so calling it more than once is harmless. Async-signal-safe.
void ct_restore_terminal(void);

/// ct_restore_terminal with the guarded signals blocked, for ordinary (non-handler) code.
void ct_leave_raw_mode(void);

/// Installs, once per process: handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT that restore
/// the terminal and re-raise the signal with its default action; handlers for SIGILL, SIGTRAP,
/// SIGABRT, SIGSEGV, SIGBUS and SIGFPE that restore the terminal and hand the signal on to the
/// previous handler (the Swift runtime's backtracer, or the default); a SIGWINCH handler that
/// counts resizes (without SA_RESTART, so poll(2) returns EINTR); and an atexit hook that
/// restores the terminal. Returns 0 or an errno.
int ct_install_guard(void);

/// 1 when the handler that ct_install_guard installed is the current action for `signal_number`.
int ct_guard_handles(int signal_number);

/// The number of SIGWINCH signals received since ct_install_guard.
long ct_resize_count(void);

/// The window size of the terminal on `fd` (TIOCGWINSZ); returns 0 or an errno.
int ct_window_size(int fd, int *columns, int *rows);

/// Sets the window size of the terminal on `fd` (TIOCSWINSZ; for tests on a pseudo-terminal).
int ct_set_window_size(int fd, int columns, int rows);

/// Opens a new pseudo-terminal pair (for tests); returns 0 or an errno.
int ct_open_pty(int *master_fd, int *slave_fd);

/// The termios local flags of `fd` masked with ECHO|ICANON|ISIG|IEXTEN (for tests), or -1.
long ct_local_mode_flags(int fd);

/// ECHO|ICANON|ISIG|IEXTEN, to compare ct_local_mode_flags with.
long ct_cooked_local_mode_flags(void);

#endif
