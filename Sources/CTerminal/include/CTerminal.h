#ifndef CTERMINAL_H
#define CTERMINAL_H
#include <stdint.h>

/// Switches LC_CTYPE to a UTF-8 locale (C.UTF-8, then en_US.UTF-8) so that wcwidth knows
/// CJK characters; returns 1 when one was set, 0 otherwise. Call once at start.
int ct_use_utf8_ctype(void);

/// The number of terminal columns of one Unicode scalar: 0 (combining), 1, 2 (wide), or
/// -1 (not printable).
int ct_wcwidth(uint32_t scalar);

#endif
