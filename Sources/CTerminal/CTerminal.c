#define _XOPEN_SOURCE 700
#include "CTerminal.h"
#include <locale.h>
#include <wchar.h>

int ct_use_utf8_ctype(void) {
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) return 1;
    if (setlocale(LC_CTYPE, "en_US.UTF-8") != NULL) return 1;
    return 0;
}

int ct_wcwidth(uint32_t scalar) {
    return wcwidth((wchar_t)scalar);
}
