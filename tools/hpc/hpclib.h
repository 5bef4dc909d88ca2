/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the openMosix tools. */
#ifndef HPCLIB_H
#define HPCLIB_H

#include <stddef.h>
#include <sys/types.h>

#define HPC_PROC "/proc/hpc"

extern const char *prog;

void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
char *read_all(const char *path, size_t *len);
int write_all_once(const char *path, const char *buf, size_t len);
int read_proc_uint(const char *path, unsigned int *val);
/* Option values of the live tools; a bad one ends the program (exit 2). */
double opt_seconds(const char *s);
unsigned long opt_count(const char *s);
void opt_complain(int c);

#endif
