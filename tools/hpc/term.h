/* SPDX-License-Identifier: GPL-2.0 */
/* The terminal of the live tools (mtop, mosmon): raw keys, signals. */
#ifndef HPC_TERM_H
#define HPC_TERM_H

#include <signal.h>

extern volatile sig_atomic_t term_resized, term_quit;

void term_setup(const char *enter, const char *leave);
int term_size(int *rows, int *cols);
int term_keys(char *buf, int len, double seconds);

#endif
